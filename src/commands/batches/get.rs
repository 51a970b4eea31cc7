//! `batches get`: one batch.

use crate::api::batches::{self};
use crate::cli::{BatchesGetArgs, GlobalArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::style::Shape;
use crate::session::Session;

pub fn run(global: &GlobalArgs, args: &BatchesGetArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::Record { raw: true }, "batches get", &[])?;
    let session = Session::open(global, &args.scope, ctx)?;
    let batch = batches::get(&session.client, &session.scope, &args.batch_id, &args.expand)?;
    output.print(ctx, &batch)
}
