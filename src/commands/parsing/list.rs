//! `parsing list`: parse jobs, page by page, filtered by the server.

use crate::api::parse_jobs::{self, JobFilter};
use crate::cli::{GlobalArgs, Lenient, ParsingListArgs};
use crate::context::Context;
use crate::error::Error;
use crate::listing;
use crate::output::Output;
use crate::output::resource::Resource;
use crate::output::style::Shape;
use crate::session::{Session, created, paging, warn_unknown};

pub fn run(global: &GlobalArgs, args: &ParsingListArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::List(Resource::ParseJob), "parsing list", &[])?;
    warn_unknown(ctx, "--status", args.status.as_ref());
    let session = Session::open(global, &args.scope, ctx)?;
    let filter = JobFilter {
        status: args.status.as_ref().map(Lenient::api_value),
        job_ids: args.job_ids.clone(),
        created: created(&args.created),
    };
    let request = parse_jobs::list(&session.scope, &filter, &paging(&args.paging));
    listing::run(&session, output, Resource::ParseJob, request, ctx)
}
