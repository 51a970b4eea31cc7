//! What the output directory already says of a document, before any request: its result is
//! there (the manifest's line for the same key, or a result of this tool's whose line was lost),
//! or a file this tool did not write is in the way.

use crate::api::document::FailedPage;
use crate::error::Error;
use crate::parse::bulk::report::Outcome;
use crate::parse::bulk::run::Run;
use crate::parse::bulk::sources::Document;
use crate::parse::bulk::windows;
use crate::parse::bulk::write::{Made, record};
use crate::parse::once::Known;
use crate::store::key::Legacy;
use crate::text::neutralize;

/// What the output directory says of a document without any request: done (the manifest's
/// result for the same key, or a result of this tool's whose record was lost), or a file this
/// tool did not write in the way. `None`: it needs its result.
pub(super) fn settled(run: &Run, document: &Document, key: &str, legacy: Option<&Legacy>) -> Option<Outcome> {
    let done = |job_id: String, failed: Vec<FailedPage>| {
        let mut skipped = Outcome::new(document, "SKIPPED");
        // A result made in windows names no one job.
        skipped.job_id = Some(job_id).filter(|id| !id.is_empty());
        skipped.output = Some(document.output().display().to_string());
        skipped.failed_pages = failed;
        skipped.credits = Some(0.into());
        skipped
    };
    match run.manifest.ours(&document.relative) {
        Some(written)
            if !run.force
                && written.done_for(key, legacy)
                && run.manifest.complete(written, &run.saving.label()) =>
        {
            let failed: Vec<FailedPage> = written.failed_pages.iter().flatten().cloned().collect();
            if written.key != key {
                // An earlier release's line: recorded again under the key (should that fail, the
                // next run finds the old line again).
                let made = Made {
                    job_id: &written.job_id,
                    failed: &failed,
                    credits: None,
                    version: None,
                    escalation: None,
                };
                let _ = record(run, document, key, &made, written.hash(), None);
            }
            let mut done = done(written.job_id.clone(), failed);
            done.saved = written
                .saved
                .as_deref()
                .map(|saved| crate::parse::bulk::saved::out_of(run, saved));
            Some(done)
        }
        // Ours (an older result): replaced.
        Some(_) => None,
        // A document written from its whole result is not a copy of it.
        None if !matches!(run.kind, crate::parse::kind::Kind::Full(_))
            && let Some(job_id) = adopt(run, key, document) =>
        {
            Some(done(job_id, run.once.failed_pages(key, run.kind)))
        }
        // Made from windows: recorded again as ours when the store's windows stitch to it.
        None if let Some(failed) = windows::adopt(run, document, key) => Some(done(String::new(), failed)),
        None if document.output().symlink_metadata().is_ok() => {
            // Never destroy: a file this tool did not write stays, and costs nothing.
            let mut refused = Outcome::new(document, "ERROR");
            refused.failure = Some(Error::failure(format!(
                "{} exists and was not written by llamacloud: move it away, or choose another --output-dir",
                neutralize(&document.output().display().to_string())
            )));
            Some(refused)
        }
        None => None,
    }
}

/// A result this tool wrote whose manifest line was lost (a crash between the rename and the
/// record, a torn or deleted manifest): the file holds exactly the stored result, so it is
/// recorded again as ours. Returns the job that made it.
fn adopt(run: &Run, key: &str, document: &Document) -> Option<String> {
    document.output().symlink_metadata().ok()?;
    let Known::Stored { path, job_id } = run.once.known(key, run.kind) else {
        return None;
    };
    let (ours, _) = crate::store::key::hash_file(&path).ok()?;
    let (theirs, _) = crate::store::key::hash_file(&document.output()).ok()?;
    if ours != theirs {
        return None;
    }
    let failed = run.once.failed_pages(key, run.kind);
    let made = Made {
        job_id: &job_id,
        failed: &failed,
        credits: None,
        version: None,
        escalation: None,
    };
    record(run, document, key, &made, theirs, None).ok()?;
    Some(job_id)
}
