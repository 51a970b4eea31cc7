//! `parsing delete`: jobs that have ended, after a confirmation.

use crate::act;
use crate::api::parse_jobs::{self};
use crate::cli::{GlobalArgs, ParsingDeleteArgs};
use crate::context::Context;
use crate::error::Error;
use crate::text::neutralize;

pub fn run(global: &GlobalArgs, args: &ParsingDeleteArgs, ctx: &mut Context) -> Result<(), Error> {
    let ids = &args.ids.job_ids;
    let session = act::start(global, &args.ids.scope, "parsing delete", ctx)?;
    let question = match ids.as_slice() {
        [one] => format!("Delete parse job {}", neutralize(one)),
        many => format!(
            "Delete {} parse jobs ({})",
            many.len(),
            neutralize(&many.join(", "))
        ),
    };
    act::confirm(ctx, args.yes, &question)?;
    act::each(
        ctx,
        ids,
        |id| parse_jobs::delete(&session.client, &session.scope, id),
        "Deleted",
        act::check_job,
    )
}
