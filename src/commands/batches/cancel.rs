//! `batches cancel`: one call per id, each outcome on stderr.

use crate::act;
use crate::api::batches::{self};
use crate::cli::{BatchesCancelArgs, GlobalArgs};
use crate::context::Context;
use crate::error::Error;

pub fn run(global: &GlobalArgs, args: &BatchesCancelArgs, ctx: &mut Context) -> Result<(), Error> {
    let session = act::start(global, &args.scope, "batches cancel", ctx)?;
    let check = |id: &str| format!("llamacloud batches get {}", crate::text::shell_quote(id));
    act::each(
        ctx,
        std::slice::from_ref(&args.batch_id),
        |id| batches::cancel(&session.client, &session.scope, id),
        "Cancelled batch",
        check,
    )
}
