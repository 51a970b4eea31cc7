//! `batches list`: batches, page by page.

use crate::api::batches::{self, BatchFilter};
use crate::cli::{BatchesListArgs, GlobalArgs, Lenient};
use crate::context::Context;
use crate::error::Error;
use crate::listing;
use crate::output::Output;
use crate::output::resource::Resource;
use crate::output::style::Shape;
use crate::session::{Session, created, paging, warn_unknown};

pub fn run(global: &GlobalArgs, args: &BatchesListArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::List(Resource::Batch), "batches list", &[])?;
    warn_unknown(ctx, "--status", args.status.as_ref());
    let session = Session::open(global, &args.scope, ctx)?;
    let filter = BatchFilter {
        status: args.status.as_ref().map(Lenient::api_value),
        source_directory_id: args.source_directory_id.clone(),
        created: created(&args.created),
    };
    let request = batches::list(&session.scope, &filter, &paging(&args.paging));
    listing::run(&session, output, Resource::Batch, request, ctx)
}
