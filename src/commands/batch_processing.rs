//! `batch-processing list` (the v1 beta endpoint, offset paging).

use crate::api::batches::{self, BatchJobFilter};
use crate::cli::{BatchProcessingListArgs, GlobalArgs, Lenient, api_value};
use crate::context::Context;
use crate::error::Error;
use crate::listing;
use crate::output::Output;
use crate::output::resource::Resource;
use crate::output::style::Shape;
use crate::session::{Session, warn_unknown};

/// What a 404 or 410 from the endpoint means.
const RETIRED: &str =
    "the v1 beta batch-processing endpoint has been retired; use `llamacloud batches list` instead";

pub fn list(global: &GlobalArgs, args: &BatchProcessingListArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(
        global,
        ctx,
        Shape::List(Resource::BatchJob),
        "batch-processing list",
        &[],
    )?;
    warn_unknown(ctx, "--status", args.status.as_ref());
    let session = Session::open(global, &args.scope, ctx)?;
    let filter = BatchJobFilter {
        directory_id: args.directory_id.clone(),
        job_type: args.job_type.as_ref().map(api_value),
        status: args.status.as_ref().map(Lenient::api_value),
    };
    let request = batches::list_batch_jobs(
        &session.scope,
        &filter,
        args.limit,
        args.offset,
        args.limit_items.get(),
        RETIRED,
    );
    listing::run(&session, output, Resource::BatchJob, request, ctx)
}
