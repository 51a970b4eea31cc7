//! A bulk run's document written with what is saved beside it (`parse --save`,
//! `--page-markers`): its files saved through the run's `Guard` (what may be replaced in OUT),
//! the document written last, and the whole recorded, files with their sizes and hashes.

use std::path::Path;

use crate::api::models::Part;
use crate::error::Error;
use crate::hashing::Hashing;
use crate::parse::bulk::guard::Guard;
use crate::parse::bulk::manifest::SavedLine;
use crate::parse::bulk::report::SavedOut;
use crate::parse::bulk::run::Run;
use crate::parse::bulk::sources::Document;
use crate::parse::bulk::write::{self, Beside, Made, record_with};
use crate::parse::kind::Kind;
use crate::parse::save::assets::Fetching;
use crate::parse::save::{bundle, files};

/// Writes a document's result at `result` to its output in OUT and records it: copied, or
/// (`--save`, `--page-markers`) written from the whole result with its files beside it.
/// Returns the files saved.
pub(super) fn write_output(
    run: &Run,
    document: &Document,
    key: &str,
    result: &Path,
    made: &Made,
) -> Result<Option<Vec<SavedOut>>, Error> {
    match run.kind {
        Kind::Full(part) => {
            if let Some(parent) = document.output().parent() {
                std::fs::create_dir_all(parent)?;
            }
            write(run, document, key, result, made, part).map(Some)
        }
        _ => write::write_output(run, document, key, result, made).map(|()| None),
    }
}

/// The files of a manifest record, as a jsonl line gives them.
pub(super) fn out_of(run: &Run, saved: &[SavedLine]) -> Vec<SavedOut> {
    saved
        .iter()
        .map(|line| SavedOut {
            path: run.manifest.dir().join(&line.path).display().to_string(),
            bytes: line.bytes,
            hash: line.hash.clone(),
        })
        .collect()
}

/// Writes the document (as `part`, or `None`: the whole result as JSON) from its whole result
/// at `full`, and the files saved beside it, into OUT; records them. Returns the files saved.
fn write(
    run: &Run,
    document: &Document,
    key: &str,
    full: &Path,
    made: &Made,
    part: Option<Part>,
) -> Result<Vec<SavedOut>, Error> {
    let saving = &run.saving;
    let listed_part = part.unwrap_or(Part::Markdown);
    let output = document.output();
    let dir = bundle::assets_dir(&output);
    let guard = Guard::new(run, document, key);
    let name = document.name();
    let fetching = Fetching {
        shared: &run.once,
        session: run.session,
        key,
        job_id: made.job_id,
        name: &name,
    };
    let (assets, files) = files::save(&fetching, saving, full, listed_part, &dir, None, &guard)?;
    let (hash, no_document) = if saving.pages_only() {
        (String::new(), true)
    } else {
        let mut file = Hashing::new(write::output_file(run, &output)?);
        match part {
            Some(part) => {
                let decorations = bundle::decorations(saving, &assets, part, &output);
                bundle::write_document(full, decorations, part, &mut file, false)?;
            }
            None => {
                std::io::copy(&mut std::fs::File::open(full)?, &mut file)?;
            }
        }
        let (file, hash) = file.finish();
        file.persist_durably()?;
        (hash, false)
    };
    let saved = guard.lines(files)?;
    let out = out_of(run, &saved);
    let beside = Beside { saved, no_document };
    record_with(run, document, key, made, hash, None, beside).inspect_err(|err| run.fail(err))?;
    Ok(out)
}
