//! What a bulk run may write in a document's directory of saved files (`OUT/report.pdf.assets/`):
//! a file still the one written before for the same result is left as it is (so a rerun fetches
//! only what is missing or changed); a file in the way that this tool did not write — in a
//! directory it had not claimed before this document — is never replaced; the directory is
//! claimed in the manifest before any file is written there, so that a run stopped half-way
//! replaces its own files.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::parse::bulk::manifest::SavedLine;
use crate::parse::bulk::run::Run;
use crate::parse::bulk::sources::Document;
use crate::parse::save::bundle::{self, Keep, Planned, SavedFile};
use crate::parse::save::files::Place;
use crate::text::neutralize;

/// A document's directory of saved files in OUT, as a bulk run may write in it.
pub(super) struct Guard<'r, 'a> {
    run: &'r Run<'a>,
    dir: PathBuf,
    relative_dir: String,
    /// What was saved there before for the same result, and is still as it was written.
    before: Vec<SavedLine>,
    /// The directory was claimed before this document was written.
    claimed_before: bool,
}

impl<'r, 'a> Guard<'r, 'a> {
    /// The directory of `document`'s saved files, whose result is keyed `key`.
    pub(super) fn new(run: &'r Run<'a>, document: &Document, key: &str) -> Result<Self, Error> {
        let dir = bundle::assets_dir(&document.output());
        let relative_dir = relative(run, &dir)?;
        let before = run
            .manifest
            .recorded(&document.relative)
            .filter(|record| record.key == key)
            .and_then(|record| record.saved.as_deref())
            .map(|saved| saved.iter().filter(|s| run.manifest.intact(s)).cloned().collect())
            .unwrap_or_default();
        let claimed_before = run.manifest.may_replace(&format!("{relative_dir}/-"));
        Ok(Guard {
            run,
            dir,
            relative_dir,
            before,
            claimed_before,
        })
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
    fn allow(&self, planned: &[Planned]) -> Result<(), Error> {
        for planned in planned {
            let path = self.dir.join(&planned.relative);
            let relative = format!("{}/{}", self.relative_dir, planned.relative);
            if path.symlink_metadata().is_ok() && self.intact(&relative).is_none() && !self.claimed_before {
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
            .claim_saving(&self.relative_dir)
            .inspect_err(|err| self.run.fail(err))
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
