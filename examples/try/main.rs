//! Try `llamacloud` without an account, in one command:
//!
//!     cargo try parse README.md
//!     cargo try parsing list --max-items 5
//!
//! (`cargo try` is the repository's alias for `cargo run --package try --profile try --`:
//! .cargo/config.toml.)
//!
//! It starts the bundled fake LlamaCloud in this process on a free loopback port, points the
//! program at it with a demo key, runs the command through the same library entry point as the
//! real binary (same output, exit codes and terminal behaviour), and stops when the command ends.
//!
//! A package of its own (examples/try/Cargo.toml), so that its first build compiles llamacloud and
//! the fake and none of the test suite's crates; the test suite builds the same file as an example.

use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::Arc;

use llamacloud::context::{Context, Env, ProcessEnv};
use testkit::fake::{self, http};

/// The variables this program sets; the real ones (a real key above all) are left out.
const SET: [&str; 4] = [
    "LLAMA_CLOUD_BASE_URL",
    "LLAMA_CLOUD_API_KEY",
    "LLAMA_PARSE_API_KEY",
    "LLAMA_CLOUD_TIER",
];

const HELP: &str = "\
Try llamacloud against a fake LlamaCloud running in this process (no account, nothing leaves
this machine):

  cargo try parse README.md                 a document in, markdown out
  cargo try parsing list --max-items 5      the newest parse jobs
  cargo try parsing list --status failed    why jobs failed
  cargo try parse README.md Cargo.toml --output-dir out   several, into a folder
  cargo try --help                          every command

Jobs you create here go PENDING -> RUNNING -> COMPLETED over three polls; a file whose name
contains `fail` ends FAILED. The tier defaults to agentic (--tier to change it).";

/// The program's environment: this process's, with the variables above set to the fake's.
/// (llamacloud's `MapEnv` is built only for its tests: this builds llamacloud as users do.)
struct Vars(Vec<(String, String)>);

impl Env for Vars {
    fn var(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .filter(|value| !value.trim().is_empty())
    }

    fn vars(&self) -> Vec<(String, String)> {
        self.0.clone()
    }

    fn home_dir(&self) -> Option<std::path::PathBuf> {
        self.var("HOME").map(Into::into).or_else(|| ProcessEnv.home_dir())
    }
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.is_empty() {
        println!("{HELP}");
        return ExitCode::SUCCESS;
    }
    let fake = Arc::new(fake::Fake::new(fake::Config {
        advance_jobs: true,
        ..fake::Config::default()
    }));
    let api = match http::spawn(Arc::clone(&fake), 0) {
        Ok(addr) => addr,
        Err(err) => {
            eprintln!("try: cannot start the fake LlamaCloud on loopback: {err}");
            return ExitCode::FAILURE;
        }
    };
    if let Ok(files) = http::spawn(Arc::clone(&fake), 0) {
        fake.serve_files_at(format!("http://{files}"));
    }
    let mut vars: Vec<(String, String)> = std::env::vars()
        .filter(|(name, _)| !SET.contains(&name.as_str()))
        .collect();
    vars.push(("LLAMA_CLOUD_BASE_URL".into(), format!("http://{api}")));
    vars.push(("LLAMA_CLOUD_API_KEY".into(), "llx-demo-try-0000".into()));
    vars.push((
        "LLAMA_CLOUD_TIER".into(),
        std::env::var("LLAMA_CLOUD_TIER").unwrap_or_else(|_| "agentic".into()),
    ));
    // The demo's results go to a result store of its own, gone when it ends: a fake's jobs must
    // not sit in the user's store.
    let store = tempfile::tempdir().ok();
    if let Some(store) = &store {
        vars.push(("LLAMACLOUD_CACHE_DIR".into(), store.path().display().to_string()));
    }
    llamacloud::install_signal_handlers();
    let mut ctx = Context::process();
    ctx.env = Arc::new(Vars(vars));
    let argv = std::iter::once(OsString::from("llamacloud")).chain(args);
    ExitCode::from(llamacloud::run(argv, &mut ctx))
}
