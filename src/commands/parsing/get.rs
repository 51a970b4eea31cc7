//! `parsing get`: one job, its record or its document, waited for when asked; its images with `--images`.

use crate::cli::{GlobalArgs, ParsingGetArgs};
use crate::context::Context;
use crate::download;
use crate::error::Error;
use crate::parse::job::{View, job_output, show};
use crate::session::Session;

pub fn run(global: &GlobalArgs, args: &ParsingGetArgs, ctx: &mut Context) -> Result<(), Error> {
    let (output, part) = job_output(global, ctx, "parsing get")?;
    let job_id = args.job_id();
    let session = Session::open(global, &args.scope, ctx)?;
    let view = View {
        job_id,
        expand: args.expand.iter().map(String::as_str).collect(),
        image_filenames: args.image_filenames.as_deref(),
        wait: args.waiting.timeout(),
        cancel: args.waiting.cancel_on_timeout,
    };
    show(&session, output, part, &view, ctx)?;
    match &args.images {
        Some(dir) => download::images(&session, job_id, args.image_filenames.as_deref(), dir, ctx),
        None => Ok(()),
    }
}
