//! `batch-processing list` (the v1 beta endpoint, offset paging).

use crate::api::endpoints::BATCH_PROCESSING;
use crate::api::paginate::{ListRequest, Start};
use crate::api::query::Query;
use crate::cli::{BatchProcessingListArgs, GlobalArgs, Lenient, api_value};
use crate::commands::{Output, Session, listing, warn_unknown};
use crate::context::Context;
use crate::error::Error;
use crate::output::resource::Resource;
use crate::output::style::Shape;

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
    let mut filters = Query::new();
    filters
        .push_opt("directory_id", args.directory_id.clone())
        .push_opt("job_type", args.job_type.as_ref().map(api_value))
        .push_opt("status", args.status.as_ref().map(Lenient::api_value));
    session.scope(&mut filters);
    let request = ListRequest {
        endpoint: &BATCH_PROCESSING,
        filters,
        page_size: args.limit,
        start: Start::Offset(args.offset),
        max_items: args.limit_items.get(),
    };
    listing::run(&session, output, Resource::BatchJob, request, ctx)
}
