//! `parsing versions`: the parser versions the API offers.

use crate::api::parse_jobs::{self};
use crate::cli::{GlobalArgs, ScopeOnlyArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::style::Shape;
use crate::session::Session;

pub fn run(global: &GlobalArgs, args: &ScopeOnlyArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::Record { raw: true }, "parsing versions", &[])?;
    let session = Session::open(global, &args.scope, ctx)?;
    let versions = parse_jobs::versions(&session.client, &session.scope)?;
    output.print(ctx, &versions)
}
