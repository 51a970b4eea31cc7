//! The `llamacloud` binary: the real process's streams, environment and clock, handed to the
//! library, and its answer as the exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    llamacloud::install_signal_handlers();
    let mut ctx = llamacloud::context::Context::process();
    ExitCode::from(llamacloud::run(std::env::args_os(), &mut ctx))
}
