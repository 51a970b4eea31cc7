//! A bulk run's document written with what is saved beside it (`parse --save`,
//! `--page-markers`): each of its saved files claimed in the manifest before it is written; each file still the one written before left as it is (so a rerun fetches only
//! what is missing or changed); a file the program did not write never replaced; the document
//! written last, and the whole recorded, files with their sizes and hashes.

use std::path::Path;

use crate::api::models::Part;
use crate::error::Error;
use crate::hashing::Hashing;
use crate::parse::bulk::manifest::SavedLine;
use crate::parse::bulk::report::SavedOut;
use crate::parse::bulk::run::Run;
use crate::parse::bulk::sources::Document;
use crate::parse::bulk::write::{self, Beside, Made, record_with};
use crate::parse::kind::Kind;
use crate::parse::save::assets::{self, Fetching};
use crate::parse::save::bundle::{self, From, Keep, SavedFile};
use crate::parse::save::guard;
use crate::text::neutralize;

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
    let relative_dir = relative(run, &dir)?;
    // What was saved here before for the same result, and is still as it was written.
    let before: Vec<SavedLine> = run
        .manifest
        .recorded(&document.relative)
        .filter(|record| record.key == key)
        .and_then(|record| record.saved.as_deref())
        .map(|saved| saved.iter().filter(|s| run.manifest.intact(s)).cloned().collect())
        .unwrap_or_default();
    let intact = |relative: &str| before.iter().find(|s| s.path == relative);
    let (list, contents) = assets::listed(full, listed_part)?;
    let naming = bundle::Naming::of(&contents);
    let planned = bundle::layout(saving, &list, &contents, listed_part, &naming);
    // An asset is fetched only for a file that is not still there as written.
    let wanted = |at: usize| {
        planned
            .iter()
            .any(|p| p.from == From::Asset(at) && intact(&format!("{relative_dir}/{}", p.relative)).is_none())
    };
    let name = document.name();
    let fetching = Fetching {
        shared: &run.once,
        session: run.session,
        key,
        job_id: made.job_id,
        name: &name,
    };
    // A file in the way that this tool did not write (one it never claimed) is never
    // replaced: the document is not written.
    for planned in &planned {
        // Never through a symbolic link (out of OUT), nor through a file in the way.
        guard::check(&dir, &planned.relative)?;
        let relative = format!("{relative_dir}/{}", planned.relative);
        if dir.join(&planned.relative).symlink_metadata().is_ok()
            && intact(&relative).is_none()
            && !run.manifest.may_replace(&relative)
        {
            return Err(Error::failure(format!(
                "{} exists and was not written by llamacloud: move it away, or choose another --output-dir",
                neutralize(&dir.join(&planned.relative).display().to_string())
            )));
        }
    }
    let assets = assets::ensure_listed(&fetching, list, contents, &wanted)?;
    if !planned.is_empty() {
        // Each file about to be written that is not there yet (one there is refused above,
        // unless this tool wrote it): never the user's file put there since.
        let claims: Vec<String> = planned
            .iter()
            .filter(|p| dir.join(&p.relative).symlink_metadata().is_err())
            .map(|p| format!("{relative_dir}/{}", p.relative))
            .collect();
        run.manifest
            .claim_saving(&claims)
            .inspect_err(|err| run.fail(err))?;
        // What a run stopped while it wrote here left (OUT is one run's at a time).
        guard::remove_leftovers(&dir)?;
    }
    let keep = |path: &Path| -> Result<Keep, Error> {
        Ok(match intact(&relative(run, path)?) {
            Some(saved) => Keep::Intact(SavedFile {
                path: path.to_path_buf(),
                bytes: saved.bytes,
                hash: saved.hash.clone(),
            }),
            None => Keep::Write,
        })
    };
    let files = bundle::write_files(saving, full, &assets, listed_part, &dir, &naming, &keep)?;
    let (hash, no_document) = if saving.pages_only() {
        (String::new(), true)
    } else {
        let mut file = Hashing::new(crate::atomic_file::AtomicFile::create(&output, 0o644)?);
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
    let saved: Vec<SavedLine> = files
        .into_iter()
        .map(|file| {
            Ok(SavedLine {
                path: relative(run, &file.path)?,
                bytes: file.bytes,
                modified_ns: 0,
                hash: file.hash,
            })
        })
        .collect::<Result<_, Error>>()?;
    let out = out_of(run, &saved);
    let beside = Beside { saved, no_document };
    record_with(run, document, key, made, hash, None, beside).inspect_err(|err| run.fail(err))?;
    Ok(out)
}

/// `path` relative to the output directory, with `/` between parts, as the manifest has it.
fn relative(run: &Run, path: &Path) -> Result<String, Error> {
    let relative = path.strip_prefix(run.manifest.dir()).map_err(|_| {
        Error::failure(format!(
            "internal error: {} is outside the output directory",
            path.display()
        ))
    })?;
    Ok(relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/"))
}
