//! What a bulk run may write in a document's directory of saved files (`OUT/report.pdf.assets/`):
//! never through a symbolic link (`save::guard`); a file still the one written before for the
//! same result is left as it is (so a rerun fetches only what is missing or changed); a file in
//! the way that this tool did not write is never replaced; each file is claimed in the manifest
//! before it is first written, so that a run stopped half-way replaces its own files, and what
//! such a run left there is removed.

use std::path::Path;

use crate::error::Error;
use crate::parse::bulk::manifest::SavedLine;
use crate::parse::bulk::run::Run;
use crate::parse::bulk::sources::Document;
use crate::parse::save::bundle::{Keep, Planned, SavedFile};
use crate::parse::save::files::Place;
use crate::parse::save::guard;
use crate::text::neutralize;

/// A document's directory of saved files in OUT, as a bulk run may write in it.
pub(super) struct Guard<'r, 'a> {
    run: &'r Run<'a>,
    /// What was saved there before for the same result, and is still as it was written.
    before: Vec<SavedLine>,
}

impl<'r, 'a> Guard<'r, 'a> {
    /// The directory of `document`'s saved files, whose result is keyed `key`.
    pub(super) fn new(run: &'r Run<'a>, document: &Document, key: &str) -> Self {
        let before = run
            .manifest
            .recorded(&document.relative)
            .filter(|record| record.key == key)
            .and_then(|record| record.saved.as_deref())
            .map(|saved| saved.iter().filter(|s| run.manifest.intact(s)).cloned().collect())
            .unwrap_or_default();
        Guard { run, before }
    }

    fn intact(&self, relative: &str) -> Option<&SavedLine> {
        self.before.iter().find(|saved| saved.path == relative)
    }

    /// The files saved, as the manifest records them.
    pub(super) fn lines(&self, files: Vec<SavedFile>) -> Result<Vec<SavedLine>, Error> {
        files
            .into_iter()
            .map(|file| {
                Ok(SavedLine {
                    path: relative(self.run, &file.path)?,
                    bytes: file.bytes,
                    modified_ns: 0,
                    hash: file.hash,
                })
            })
            .collect()
    }
}

impl Place for Guard<'_, '_> {
    fn allow(&self, dir: &Path, planned: &[Planned]) -> Result<(), Error> {
        let relative_dir = relative(self.run, dir)?;
        let mut claims = Vec::new();
        for planned in planned {
            guard::check(dir, &planned.relative)?;
            let path = dir.join(&planned.relative);
            let relative = format!("{relative_dir}/{}", planned.relative);
            if path.symlink_metadata().is_err() {
                // Not there yet: claimed before it is written (never a file put there since).
                claims.push(relative);
            } else if self.intact(&relative).is_none() && !self.run.manifest.may_replace(&relative) {
                return Err(Error::failure(format!(
                    "{} exists and was not written by llamacloud: move it away, or choose another --output-dir",
                    neutralize(&path.display().to_string())
                )));
            }
        }
        if planned.is_empty() {
            return Ok(());
        }
        self.run
            .manifest
            .claim_saving(&claims)
            .inspect_err(|err| self.run.fail(err))?;
        // What a run stopped while it wrote here left (OUT is one run's at a time).
        guard::remove_leftovers(dir)
    }

    fn keep(&self, path: &Path) -> Result<Keep, Error> {
        Ok(match self.intact(&relative(self.run, path)?) {
            Some(saved) => Keep::Intact(SavedFile {
                path: path.to_path_buf(),
                bytes: saved.bytes,
                hash: saved.hash.clone(),
            }),
            None => Keep::Write,
        })
    }
}

/// `path` relative to the output directory, with `/` between parts, as the manifest has it.
pub(super) fn relative(run: &Run, path: &Path) -> Result<String, Error> {
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
