//! `batches list`, `batches get` and `batches cancel`.

use crate::api::batches::{self, BatchFilter};
use crate::cli::{BatchesCancelArgs, BatchesGetArgs, BatchesListArgs, GlobalArgs, Lenient};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::resource::Resource;
use crate::output::style::Shape;
use crate::session::{Session, created, paging, warn_unknown};
use crate::{act, listing};

pub fn list(global: &GlobalArgs, args: &BatchesListArgs, ctx: &mut Context) -> Result<(), Error> {
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

pub fn get(global: &GlobalArgs, args: &BatchesGetArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::Record { raw: true }, "batches get", &[])?;
    let session = Session::open(global, &args.scope, ctx)?;
    let batch = batches::get(&session.client, &session.scope, &args.batch_id, &args.expand)?;
    output.print(ctx, &batch)
}

pub fn cancel(global: &GlobalArgs, args: &BatchesCancelArgs, ctx: &mut Context) -> Result<(), Error> {
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
