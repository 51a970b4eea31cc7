//! The directory of saved files beside a document is written only through real directories:
//! a symbolic link there (the directory itself, `images/`, a file) is never followed, so no
//! file is written outside it; a file in the way that is not a regular file (a FIFO, a
//! directory) is not written through either. And what a run stopped half-way left there (a
//! temporary file never renamed into place) is removed by the next.

use std::path::Path;

use crate::error::Error;
use crate::text::neutralize;

/// The prefix and suffix of the temporary files written beside their final path
/// (`atomic_file`).
const TEMPORARY: (&str, &str) = (".llamacloud-", ".tmp");

/// Refuses to write `relative` (a path of the saved layout, `/` between parts) under `dir`
/// when `dir`, a directory between it and the file, or the file itself is a symbolic link,
/// or when one of them is in the way as something else (a file where a directory goes, a
/// FIFO where a file goes). Nothing there yet is fine.
pub(crate) fn check(dir: &Path, relative: &str) -> Result<(), Error> {
    let parts: Vec<&str> = relative.split('/').filter(|p| !p.is_empty()).collect();
    let mut path = dir.to_path_buf();
    for at in 0..=parts.len() {
        if at > 0 {
            path.push(parts[at - 1]);
        }
        let Ok(meta) = path.symlink_metadata() else {
            // Missing: made as a directory (or written as a file), nothing below it exists.
            return Ok(());
        };
        let last = at == parts.len();
        let refused = if meta.file_type().is_symlink() {
            "is a symbolic link: llamacloud does not write through it"
        } else if !last && !meta.is_dir() {
            "exists and is not a directory"
        } else if last && !meta.is_file() {
            "exists and is not a regular file"
        } else {
            continue;
        };
        return Err(Error::failure(format!(
            "{} {refused}; move it away, or write the document elsewhere",
            neutralize(&path.display().to_string())
        )));
    }
    Ok(())
}

/// Removes the temporary files a run stopped half-way left anywhere under `dir` (the files
/// saved beside one document, written by one run at a time). Symbolic links are not followed.
pub(crate) fn remove_leftovers(dir: &Path) -> Result<(), Error> {
    remove_left_before(dir, None)
}

/// `remove_leftovers` for a directory several runs may write in at once (the result store's
/// files of a result): only what was left more than `age` ago, which no run still writes.
pub(crate) fn remove_stale(dir: &Path, age: std::time::Duration) -> Result<(), Error> {
    let Some(before) = std::time::SystemTime::now().checked_sub(age) else {
        return Ok(());
    };
    remove_left_before(dir, Some(before))
}

fn remove_left_before(dir: &Path, before: Option<std::time::SystemTime>) -> Result<(), Error> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = || {
            before.is_none_or(|before| {
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|at| at < before)
            })
        };
        let leftover = name.starts_with(TEMPORARY.0) && name.ends_with(TEMPORARY.1) && old();
        if kind.is_dir() && leftover {
            std::fs::remove_dir_all(entry.path())?;
        } else if kind.is_dir() {
            remove_left_before(&entry.path(), before)?;
        } else if kind.is_file() && leftover {
            match std::fs::remove_file(entry.path()) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err.into()),
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_directories_and_regular_files_are_written_through() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a.pdf.assets");
        // Nothing there yet.
        check(&dir, "images/x.png").unwrap();
        std::fs::create_dir_all(dir.join("images")).unwrap();
        std::fs::write(dir.join("images/x.png"), b"x").unwrap();
        check(&dir, "images/x.png").unwrap();
        let outside = root.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("screenshots")).unwrap();
        let err = check(&dir, "screenshots/page-0001.jpg").unwrap_err().to_string();
        assert!(err.ends_with("screenshots is a symbolic link: llamacloud does not write through it; move it away, or write the document elsewhere"), "{err}");
        std::os::unix::fs::symlink(outside.join("f"), dir.join("items.json")).unwrap();
        assert!(check(&dir, "items.json").is_err(), "a dangling link too");
        std::fs::write(dir.join("pages"), b"").unwrap();
        let err = check(&dir, "pages/page-0001.md").unwrap_err().to_string();
        assert!(
            err.ends_with(
                "pages exists and is not a directory; move it away, or write the document elsewhere"
            ),
            "{err}"
        );
        std::fs::create_dir(dir.join("result.json")).unwrap();
        assert!(check(&dir, "result.json").is_err());
        let linked = root.path().join("b.pdf.assets");
        std::os::unix::fs::symlink(&outside, &linked).unwrap();
        assert!(check(&linked, "items.json").is_err());
    }

    #[test]
    fn leftovers_are_removed_and_nothing_else() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a.pdf.assets");
        std::fs::create_dir_all(dir.join("images")).unwrap();
        std::fs::write(dir.join("images/.llamacloud-AbC123.tmp"), b"half").unwrap();
        std::fs::write(dir.join(".llamacloud-x.tmp"), b"half").unwrap();
        std::fs::write(dir.join("images/mine.tmp"), b"mine").unwrap();
        std::fs::write(dir.join("images/x.png"), b"x").unwrap();
        remove_leftovers(&dir).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.join("images"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["mine.tmp", "x.png"]);
        assert!(!dir.join(".llamacloud-x.tmp").exists());
        remove_leftovers(&root.path().join("missing")).unwrap();
    }

    #[test]
    fn in_the_store_only_leftovers_a_day_old_are_removed() {
        let root = tempfile::tempdir().unwrap();
        let images = root.path().join("images");
        std::fs::create_dir_all(&images).unwrap();
        let old = images.join(".llamacloud-old.tmp");
        let new = images.join(".llamacloud-new.tmp");
        std::fs::write(&old, b"left by a killed run").unwrap();
        std::fs::write(&new, b"another run is writing it").unwrap();
        let day = std::time::Duration::from_secs(24 * 60 * 60);
        let file = std::fs::File::options().write(true).open(&old).unwrap();
        file.set_modified(std::time::SystemTime::now() - 2 * day).unwrap();
        remove_stale(root.path(), day).unwrap();
        assert!(!old.exists());
        assert!(new.exists());
    }
}
