//! `parse FILE|URL|DIR…`: one document to stdout or `-o`, many into `--output-dir`, or a dry
//! run that says what either would cost. The lifecycle itself is `crate::parse`'s.

use crate::cli::{GlobalArgs, ParseArgs};
use crate::context::Context;
use crate::error::Error;
use crate::parse::request::Request;
use crate::parse::{bulk, single};

pub fn run(global: &GlobalArgs, args: &ParseArgs, again: &str, ctx: &mut Context) -> Result<(), Error> {
    if args.store.dry_run {
        bulk::dry_run(global, Request::of_parse(args), ctx)
    } else if args.is_bulk() {
        bulk::run(global, Request::of_parse(args), again, ctx)
    } else {
        single::parse(global, args, ctx)
    }
}
