//! `batches list`.

use crate::api::client::Method;
use crate::api::endpoints::{self, BATCHES};
use crate::api::paginate::{ListRequest, Start};
use crate::api::query::Query;
use crate::cli::{BatchesCancelArgs, BatchesGetArgs, BatchesListArgs, GlobalArgs, Lenient};
use crate::commands::act;
use crate::commands::{Output, Session, listing, push_created, warn_unknown};
use crate::context::Context;
use crate::error::Error;
use crate::output::batch::Batch;
use crate::output::resource::Resource;
use crate::output::style::Shape;

pub fn list(global: &GlobalArgs, args: &BatchesListArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::List(Resource::Batch), "batches list", &[])?;
    warn_unknown(ctx, "--status", args.status.as_ref());
    let session = Session::open(global, &args.scope, ctx)?;
    let mut filters = Query::new();
    filters
        .push_opt("status", args.status.as_ref().map(Lenient::api_value))
        .push_opt("source_directory_id", args.source_directory_id.clone());
    push_created(&mut filters, &args.created);
    session.scope(&mut filters);
    let request = ListRequest {
        endpoint: &BATCHES,
        filters,
        page_size: args.paging.page_size,
        start: Start::Cursor(args.paging.page_token.clone()),
        max_items: args.paging.limit.get(),
    };
    listing::run(&session, output, Resource::Batch, request, ctx)
}

pub fn get(global: &GlobalArgs, args: &BatchesGetArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::Record { raw: true }, "batches get", &[])?;
    let session = Session::open(global, &args.scope, ctx)?;
    let mut query = session.scope_query();
    query.push_all("expand", args.expand.iter().cloned());
    query.sort();
    let url = session.client.url(&endpoints::batch(&args.batch_id), &query);
    let reply = session
        .client
        .get(&url)
        .map_err(|err| err.with_hint(&[404], "check the batch id and the region"))?;
    output.print(ctx, &Batch::parse(reply.status, reply.body)?)
}

pub fn cancel(global: &GlobalArgs, args: &BatchesCancelArgs, ctx: &mut Context) -> Result<(), Error> {
    let session = act::start(global, &args.scope, "batches cancel", ctx)?;
    let scope = session.scope_query();
    let url_of = |id: &str| session.client.url(&endpoints::cancel_batch(id), &scope);
    let check = |id: &str| format!("llamacloud batches get {}", crate::text::shell_quote(id));
    act::each(
        ctx,
        &session,
        std::slice::from_ref(&args.batch_id),
        Method::POST,
        url_of,
        "Cancelled batch",
        check,
    )
}
