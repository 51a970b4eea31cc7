//! `parsing create` and `parse`: start a parse job for a local file (uploaded as multipart,
//! streamed from disk), a URL or an uploaded file's id; optionally wait for it and print the
//! result. A create is never sent twice by accident (see `Client::send`), and once a job exists
//! its id reaches the output whatever happens next.

pub use crate::api::parse_jobs::Source;
use crate::cli::{Format, GlobalArgs, ParsingCreateArgs};
use crate::context::Context;
use crate::error::Error;
use crate::parse::bulk;
use crate::parse::create::{After, submit};
use crate::parse::request::Request;

/// `parsing create`: a dry run, many documents (`--wait` with a directory or a list), or one
/// create.
pub fn run(
    global: &GlobalArgs,
    args: &ParsingCreateArgs,
    again: &str,
    ctx: &mut Context,
) -> Result<(), Error> {
    if args.store.dry_run {
        return bulk::dry_run(global, Request::of_create(args), ctx);
    }
    if args.is_bulk() {
        if !args.waiting.wait {
            return Err(Error::usage(
                "several documents, --output-dir, --recursive and --from-list need --wait \
                 (or use `llamacloud parse`)",
            ));
        }
        return bulk::run(global, Request::of_create(args), again, ctx);
    }
    create_one(global, args, ctx)
}

fn create_one(global: &GlobalArgs, args: &ParsingCreateArgs, ctx: &mut Context) -> Result<(), Error> {
    let source = match (args.files.first(), &args.source_url, &args.file_id) {
        (Some(path), None, None) => Source::File(path.clone()),
        (None, Some(url), None) => Source::Url(url.clone()),
        (None, None, Some(id)) => Source::FileId(id.clone()),
        (None, None, None) => {
            return Err(Error::usage(
                "nothing to parse: give a FILE, --source-url URL or --file-id ID",
            ));
        }
        _ => return Err(Error::usage("give one source: FILE, --source-url or --file-id")),
    };
    if args.quiet && (global.format.is_some() || global.json || global.jq().is_some()) {
        return Err(Error::usage(
            "-q/--quiet prints the job id alone; it does not take --format, --json or --jq",
        ));
    }
    if !args.waiting.wait && matches!(global.format(), Format::Markdown | Format::Text) {
        return Err(Error::usage(format!(
            "--format {} needs --wait: the document exists once the job has ended",
            crate::output::style::format_names(&[global.format()])
        )));
    }
    let after = After {
        wait: args.waiting.timeout(),
        quiet: args.quiet,
        cancel: args.waiting.cancel_on_timeout,
    };
    submit(
        global,
        &args.job,
        source,
        &after,
        &args.scope,
        "parsing create",
        ctx,
    )
}
