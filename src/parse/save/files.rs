//! The files saved of one result (a whole document's, or one window's): listed from it, checked
//! against what is in their way, each fetched that is not already there, then written — the one
//! way a result's files are saved, for `parse FILE`, a bulk run and the windows of either.

use std::path::Path;

use crate::api::models::Part;
use crate::error::Error;
use crate::parse::save::Saving;
use crate::parse::save::assets::{self, Assets, Fetching};
use crate::parse::save::bundle::{self, From, Keep, Naming, Planned, SavedFile};
use crate::parse::save::guard;

/// Where a result's files are written, and what may be replaced there.
pub(crate) trait Place {
    /// Refuses a file of `planned` (paths relative to `dir`) that is in the way, before anything
    /// is fetched or written (never through a symbolic link: `guard::check`); then the files
    /// are the program's to write.
    fn allow(&self, dir: &Path, planned: &[Planned]) -> Result<(), Error>;
    /// What becomes of the file at `path` about to be written: written, or left as it is when
    /// it is still the one written before.
    fn keep(&self, path: &Path) -> Result<Keep, Error>;
}

/// `parse FILE`'s place: every file is written (the files of `-o FILE` are replaced as it is).
pub(crate) struct Anywhere;

impl Place for Anywhere {
    fn allow(&self, dir: &Path, planned: &[Planned]) -> Result<(), Error> {
        planned.iter().try_for_each(|p| guard::check(dir, &p.relative))?;
        if planned.is_empty() {
            return Ok(());
        }
        // What a run stopped while it wrote here left (a temporary directory of fetched files
        // without a store, a file never renamed into place).
        guard::remove_leftovers(dir)
    }

    fn keep(&self, _: &Path) -> Result<Keep, Error> {
        Ok(Keep::Write)
    }
}

/// The line that says what was saved: `Saved 5 files (4.9 KiB) in report.assets`.
pub(crate) fn said(saved: &[SavedFile], dir: &Path) -> String {
    let bytes: u64 = saved.iter().map(|file| file.bytes).sum();
    format!(
        "Saved {} {} ({}) in {}",
        saved.len(),
        if saved.len() == 1 { "file" } else { "files" },
        crate::output::job::human_size(bytes),
        crate::text::neutralize(&dir.display().to_string())
    )
}

/// Saves what `saving` keeps of the whole result at `full` (read as `part`) into `dir`: the files
/// named by `naming` (a window's: its suffix; `width`: the document's page count, when the
/// result is not the whole document). Returns the result's files (for the document's links and
/// markers) and the files saved, in the layout's order.
pub(in crate::parse) fn save(
    fetching: &Fetching,
    saving: &Saving,
    full: &Path,
    part: Part,
    dir: &Path,
    window: Option<(String, usize)>,
    place: &dyn Place,
) -> Result<(Assets, Vec<SavedFile>), Error> {
    let (list, contents) = assets::listed(full, part)?;
    let naming = match window {
        Some((pages, width)) => Naming {
            width,
            window: Some(pages),
        },
        None => Naming::of(&contents),
    };
    let planned = bundle::layout(saving, &list, &contents, part, &naming);
    place.allow(dir, &planned)?;
    // An asset is fetched only for a file that is not still there as written.
    let wanted = |at: usize| {
        planned.iter().any(|p| {
            p.from == From::Asset(at) && matches!(place.keep(&dir.join(&p.relative)), Ok(Keep::Write))
        })
    };
    let assets = assets::ensure(fetching, list, contents, &wanted, dir)?;
    let keep = |path: &Path| place.keep(path);
    let files = bundle::write_files(saving, full, &assets, part, dir, &naming, &keep)?;
    Ok((assets, files))
}
