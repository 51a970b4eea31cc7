//! `parsing list`, `parsing get`, `parsing versions`, `parsing cancel` and `parsing delete`.

use crate::api::parse_jobs::{self, JobFilter};
use crate::cli::{
    GlobalArgs, Lenient, ParsingDeleteArgs, ParsingGetArgs, ParsingIdsArgs, ParsingListArgs, ScopeOnlyArgs,
};
use crate::context::Context;
use crate::download;
use crate::error::Error;
use crate::output::Output;
use crate::output::resource::Resource;
use crate::output::style::Shape;
use crate::parse::job::{View, job_output, show};
use crate::session::{Session, created, paging, warn_unknown};
use crate::text::neutralize;
use crate::{act, listing};

pub fn list(global: &GlobalArgs, args: &ParsingListArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::List(Resource::ParseJob), "parsing list", &[])?;
    warn_unknown(ctx, "--status", args.status.as_ref());
    let session = Session::open(global, &args.scope, ctx)?;
    let filter = JobFilter {
        status: args.status.as_ref().map(Lenient::api_value),
        job_ids: args.job_ids.clone(),
        created: created(&args.created),
    };
    let request = parse_jobs::list(&session.scope, &filter, &paging(&args.paging));
    listing::run(&session, output, Resource::ParseJob, request, ctx)
}

pub fn get(global: &GlobalArgs, args: &ParsingGetArgs, ctx: &mut Context) -> Result<(), Error> {
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

pub fn versions(global: &GlobalArgs, args: &ScopeOnlyArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::Record { raw: true }, "parsing versions", &[])?;
    let session = Session::open(global, &args.scope, ctx)?;
    let versions = parse_jobs::versions(&session.client, &session.scope)?;
    output.print(ctx, &versions)
}

pub fn cancel(global: &GlobalArgs, args: &ParsingIdsArgs, ctx: &mut Context) -> Result<(), Error> {
    let session = act::start(global, &args.scope, "parsing cancel", ctx)?;
    act::each(
        ctx,
        &args.job_ids,
        |id| parse_jobs::cancel(&session.client, &session.scope, id),
        "Cancelled",
        act::check_job,
    )
}

pub fn delete(global: &GlobalArgs, args: &ParsingDeleteArgs, ctx: &mut Context) -> Result<(), Error> {
    let ids = &args.ids.job_ids;
    let session = act::start(global, &args.ids.scope, "parsing delete", ctx)?;
    let question = match ids.as_slice() {
        [one] => format!("Delete parse job {}", neutralize(one)),
        many => format!(
            "Delete {} parse jobs ({})",
            many.len(),
            neutralize(&many.join(", "))
        ),
    };
    act::confirm(ctx, args.yes, &question)?;
    act::each(
        ctx,
        ids,
        |id| parse_jobs::delete(&session.client, &session.scope, id),
        "Deleted",
        act::check_job,
    )
}
