//! Result files and images through their presigned links: `parsing download JOB_ID KIND` and
//! `parsing get --images DIR`. The bytes are copied through as they arrive (memory does not
//! grow with the file), to stdout or atomically to a file; the API key never goes with them.

use serde_json::Value;

use crate::api::parse_jobs::{self, Expand};
use crate::cli::{GlobalArgs, ParsingDownloadArgs};
use crate::context::Context;
use crate::download::{SUFFIX, copy, progress};
use crate::error::Error;
use crate::output::Output;
use crate::session::Session;
use crate::text::neutralize;

pub fn run(global: &GlobalArgs, args: &ParsingDownloadArgs, ctx: &mut Context) -> Result<(), Error> {
    if global.format.is_some() || global.json {
        return Err(Error::usage(
            "`parsing download` writes the file as it is; --format/--json does not apply",
        ));
    }
    let output = Output::plain(global, ctx, "parsing download")?;
    let kind = args.kind.trim_end_matches(SUFFIX);
    let session = Session::open(global, &args.scope, ctx)?;
    let metadata = format!("{kind}{SUFFIX}");
    let expand = Expand {
        parts: vec![&metadata],
        image_filenames: None,
    };
    let value = parse_jobs::get_value(&session.client, &session.scope, &args.job_id, &expand)?;
    let entry = value.pointer(&format!("/result_content_metadata/{kind}"));
    let link = entry
        .filter(|e| e.get("exists").and_then(Value::as_bool) != Some(false))
        .and_then(|e| e.get("presigned_url"))
        .and_then(Value::as_str);
    let Some(link) = link else {
        let status = value
            .pointer("/job/status")
            .and_then(Value::as_str)
            .unwrap_or("?");
        return Err(Error::failure(format!(
            "job {} ({}) has no {} result file{}",
            neutralize(&args.job_id),
            neutralize(status),
            neutralize(kind),
            if status == "COMPLETED" {
                " (the fast tier makes no markdown; result files are kept for a limited time)"
            } else {
                ": it has not completed"
            }
        )));
    };
    let size = entry.and_then(|e| e.get("size_bytes")).and_then(Value::as_u64);
    let (length, body) = parse_jobs::download(&session.client, link)?;
    let length = length.or(size);
    let bar = progress(ctx, length, &format!("{kind} of {}", neutralize(&args.job_id)));
    let mut sink = output.open(ctx)?;
    copy(body, &mut sink, &bar)?;
    sink.commit()?;
    bar.clear();
    Ok(())
}
