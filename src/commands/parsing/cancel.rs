//! `parsing cancel`: one call per id, each outcome on stderr.

use crate::act;
use crate::api::parse_jobs::{self};
use crate::cli::{GlobalArgs, ParsingIdsArgs};
use crate::context::Context;
use crate::error::Error;

pub fn run(global: &GlobalArgs, args: &ParsingIdsArgs, ctx: &mut Context) -> Result<(), Error> {
    let session = act::start(global, &args.scope, "parsing cancel", ctx)?;
    act::each(
        ctx,
        &args.job_ids,
        |id| parse_jobs::cancel(&session.client, &session.scope, id),
        "Cancelled",
        act::check_job,
    )
}
