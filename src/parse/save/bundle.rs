//! A document and what is saved beside it, written from its whole result and its files: the
//! layout of `report.pdf.assets/` (`images/`, `screenshots/page-0007.jpg`, `items.json`,
//! `result.json`, `tables.xlsx`, `pages/page-0007.md`), each file written atomically and durably
//! and hashed on the way, then the document itself (its image references pointing at the saved
//! files, its pages marked), last: a document is never there before its files.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use crate::api::document::Decoded;
use crate::api::models::Part;
use crate::atomic_file::AtomicFile;
use crate::domain::Saved;
use crate::error::Error;
use crate::hashing::Hashing;
use crate::output::document::{Decorations, Writer};
use crate::parse::save::Saving;
use crate::parse::save::assets::{Asset, Assets, Sum, TABLES};
use crate::parse::save::contents::{self, Contents};
use crate::parse::save::render;

/// A file written beside a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct SavedFile {
    pub(crate) path: PathBuf,
    pub(crate) bytes: u64,
    /// Its BLAKE3 hash, in hex.
    pub(crate) hash: String,
}

/// The directory of the files saved beside the document written to `output`:
/// `OUT/report.pdf.md` → `OUT/report.pdf.assets`, `report.md` → `report.assets`.
pub(crate) fn assets_dir(output: &Path) -> PathBuf {
    output.with_extension("assets")
}

/// How the document at `output` links to a file saved at `stored` (a path under its assets
/// directory): relative to the document's directory (the writer percent-encodes what a link
/// destination needs).
fn link_from(output: &Path, stored: &str) -> String {
    let dir = assets_dir(output);
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name}/{stored}")
}

/// The images saved (`--save images`: embedded images and cropped figures), by the name the
/// markdown refers to them with, each pointing at its saved file from `base` (the document's
/// directory, or a page file's).
fn links(saving: &Saving, assets: &Assets, link: impl Fn(&str) -> String) -> HashMap<String, String> {
    if !saving.has(Saved::Images) {
        return HashMap::new();
    }
    assets
        .list
        .iter()
        .filter(|asset| matches!(asset.category.as_str(), "embedded" | "layout" | ""))
        .map(|asset| (asset.api_name.clone(), link(&asset.stored)))
        .collect()
}

/// The number of the page a screenshot shows, from the name the API gives it (`page_7.jpg`).
fn screenshot_page(name: &str) -> Option<u64> {
    let rest = name.strip_prefix("page_")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The highest page number among `pages`, at least their count.
fn last_page(pages: &[String]) -> u64 {
    pages
        .iter()
        .filter_map(|p| p.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        .max(pages.len() as u64)
}

/// Where `asset` goes in the saved layout, when it is saved: images under `images/`,
/// screenshots as `screenshots/page-0007.jpg` (the page in the original, zero-padded to
/// `width`), the spreadsheet as `tables.xlsx`.
fn saved_as(saving: &Saving, asset: &Asset, width: usize, nth: usize) -> Option<String> {
    match asset.category.as_str() {
        "tables" => saving.has(Saved::Tables).then(|| TABLES.to_string()),
        "screenshot" => saving.has(Saved::Screenshots).then(|| {
            let extension = Path::new(&asset.stored)
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_default();
            match screenshot_page(&asset.api_name) {
                Some(page) => format!("screenshots/page-{page:0width$}{extension}"),
                // A name without its page: numbered in the order the API lists them.
                None => format!(
                    "screenshots/{nth:0width$}-{}",
                    asset.stored.trim_start_matches("images/")
                ),
            }
        }),
        _ => saving.has(Saved::Images).then(|| asset.stored.clone()),
    }
}

/// What a saved file is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum From {
    /// The asset at this place of `Assets::list`.
    Asset(usize),
    /// The structured pages of the whole result.
    Items,
    /// The whole result.
    Json,
    /// A page of the document.
    Page,
}

/// One file of the saved layout: its path in the assets directory, and what it is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Planned {
    pub(crate) relative: String,
    pub(crate) from: From,
}

/// How the files of one result are named: pages (and screenshots) zero-padded to `width`
/// digits, those of one window of a long document (its items, result and spreadsheet)
/// told apart by the window's pages (`items-pages-101-200.json`).
#[derive(Debug, Clone)]
pub(crate) struct Naming {
    pub(crate) width: usize,
    pub(crate) window: Option<String>,
}

impl Naming {
    /// A whole document's: padded to its pages.
    pub(crate) fn of(contents: &Contents) -> Naming {
        Naming {
            width: render::width(last_page(&contents.pages)),
            window: None,
        }
    }

    /// `items.json`, or a window's `items-pages-101-200.json`.
    fn name(&self, stem: &str, extension: &str) -> String {
        match &self.window {
            Some(pages) => format!("{stem}-pages-{pages}.{extension}"),
            None => format!("{stem}.{extension}"),
        }
    }
}

/// The files `saving` keeps of a whole result with these assets, in the order they are written.
pub(crate) fn layout(
    saving: &Saving,
    assets: &[Asset],
    contents: &Contents,
    part: Part,
    naming: &Naming,
) -> Vec<Planned> {
    let width = naming.width;
    let mut planned = Vec::new();
    let mut screenshots = 0;
    for (at, asset) in assets.iter().enumerate() {
        if asset.category == "screenshot" {
            screenshots += 1;
        }
        if let Some(mut relative) = saved_as(saving, asset, width, screenshots) {
            if relative == TABLES {
                relative = naming.name("tables", "xlsx");
            }
            planned.push(Planned {
                relative,
                from: From::Asset(at),
            });
        }
    }
    if saving.has(Saved::Items) {
        planned.push(Planned {
            relative: naming.name("items", "json"),
            from: From::Items,
        });
    }
    if saving.has(Saved::Json) {
        planned.push(Planned {
            relative: naming.name("result", "json"),
            from: From::Json,
        });
    }
    if saving.has(Saved::Pages) {
        let extension = match part {
            Part::Markdown => "md",
            Part::Text => "txt",
        };
        for number in &contents.pages {
            if let Ok(number) = number.parse::<u64>()
                && !number.to_string().is_empty()
            {
                planned.push(Planned {
                    relative: format!("pages/page-{number:0width$}.{extension}"),
                    from: From::Page,
                });
            }
        }
    }
    planned
}

/// What becomes of a file of the layout that is about to be written.
pub(crate) enum Keep {
    /// Written (again).
    Write,
    /// Left as it is: it is the file written before.
    Intact(SavedFile),
}

/// Writes what `saving` keeps of the whole result at `full` into `dir` (made if missing), each
/// file of the layout first passed to `keep` (which leaves one that is still the one written
/// before, and refuses one that is not the program's to replace). Returns the files, in the
/// layout's order.
pub(crate) fn write_files(
    saving: &Saving,
    full: &Path,
    assets: &Assets,
    part: Part,
    dir: &Path,
    naming: &Naming,
    keep: &dyn Fn(&Path) -> Result<Keep, Error>,
) -> Result<Vec<SavedFile>, Error> {
    let mut saved = Vec::new();
    let mut pages = false;
    for planned in layout(saving, &assets.list, &assets.contents, part, naming) {
        let path = dir.join(&planned.relative);
        let written = match keep(&path)? {
            Keep::Intact(file) => {
                saved.push(file);
                continue;
            }
            Keep::Write => &planned.from,
        };
        match written {
            From::Asset(at) => {
                let asset = &assets.list[*at];
                saved.push(link_or_copy(&assets.path(asset), &path, asset.sum.as_ref())?);
            }
            From::Items => saved.push(write_with(&path, |out| {
                let found = contents::copy_items(BufReader::new(File::open(full)?), out)?;
                if !found {
                    return Err(Error::failure(
                        "the result has no structured pages (items): the fast tier makes none",
                    ));
                }
                Ok(())
            })?),
            From::Json => saved.push(copy(&mut File::open(full)?, &path)?),
            From::Page => pages = true,
        }
    }
    if pages {
        // Every page at once, from one read of the result.
        let pages_dir = dir.join("pages");
        let page_links = links(saving, assets, |stored| format!("../{stored}"));
        let page_links = std::sync::Arc::new(page_links);
        let links = (!page_links.is_empty() && part == Part::Markdown).then_some(&page_links);
        let numbers = &assets.contents.pages;
        let reader = BufReader::new(File::open(full)?);
        let written = render::write_pages(reader, part, numbers, &pages_dir, naming.width, links)?;
        saved.retain(|file| !file.path.starts_with(&pages_dir));
        saved.extend(written.into_iter().map(|page| SavedFile {
            path: pages_dir.join(page.name),
            bytes: page.bytes,
            hash: page.hash,
        }));
    }
    Ok(saved)
}

/// How the pages of a whole result are written into a document: each marked with
/// `--page-markers`, its references to the saved images pointing at them from `output` (where
/// the document is written: its directory is what links are relative to).
pub(crate) fn decorations(saving: &Saving, assets: &Assets, part: Part, output: &Path) -> Decorations {
    Decorations {
        markers: if saving.page_markers {
            render::page_markers(&assets.contents)
        } else {
            Vec::new()
        },
        links: if part == Part::Markdown {
            links(saving, assets, |stored| link_from(output, stored))
        } else {
            HashMap::new()
        },
    }
}

/// Writes the document (`part`) of the whole result at `full` to `out`, as `decorations` say.
pub(crate) fn write_document(
    full: &Path,
    decorations: Decorations,
    part: Part,
    out: &mut impl Write,
    flush_pages: bool,
) -> Result<Decoded, Error> {
    let mut writer = Writer::new(out, flush_pages);
    writer.decorate(decorations);
    let decoded = writer.response(BufReader::new(File::open(full)?), part)?;
    writer.finish()?;
    Ok(decoded)
}

/// Puts the kept file `from` (whose sum is known) at `path`: a hard link to it, put in place by a
/// rename (the kept file is on disk already: nothing is written twice), or where that cannot be (another
/// file system, a file system without links), a copy.
fn link_or_copy(from: &Path, path: &Path, sum: Option<&Sum>) -> Result<SavedFile, Error> {
    if let Some(sum) = sum {
        let dir = path.parent().unwrap_or(Path::new("."));
        if !dir.is_dir() {
            std::fs::create_dir_all(dir)?;
        }
        let temp = dir.join(format!(".llamacloud-link-{:016x}.tmp", fastrand::u64(..)));
        if std::fs::hard_link(from, &temp).is_ok() {
            crate::signals::remove_on_signal(&temp);
            let placed = std::fs::rename(&temp, path);
            if placed.is_ok() {
                // `path` was a link to the same file already (a rerun): the rename did nothing
                // and left the new link where it was.
                let _ = std::fs::remove_file(&temp);
            }
            crate::signals::forget(&temp);
            return match placed {
                Ok(()) => Ok(SavedFile {
                    path: path.to_path_buf(),
                    bytes: sum.bytes,
                    hash: sum.hash.clone(),
                }),
                Err(err) => {
                    let _ = std::fs::remove_file(&temp);
                    Err(Error::Io(err))
                }
            };
        }
    }
    copy(&mut File::open(from)?, path)
}

/// Copies `from` to `path`, atomically and durably.
fn copy(from: &mut impl Read, path: &Path) -> Result<SavedFile, Error> {
    write_with(path, |out| {
        io::copy(from, out)?;
        Ok(())
    })
}

/// Writes `path` (its directory made if missing) with `fill`, atomically and durably, hashed.
fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut Hashing<io::BufWriter<AtomicFile>>) -> Result<(), Error>,
) -> Result<SavedFile, Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut out = Hashing::new(io::BufWriter::with_capacity(
        256 * 1024,
        AtomicFile::create(path, 0o644)?,
    ));
    fill(&mut out)?;
    let bytes = out.bytes();
    let (out, hash) = out.finish();
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.persist_durably()?;
    Ok(SavedFile {
        path: path.to_path_buf(),
        bytes,
        hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assets_directory_and_links_follow_the_output() {
        assert_eq!(
            assets_dir(Path::new("OUT/report.pdf.md")),
            Path::new("OUT/report.pdf.assets")
        );
        assert_eq!(assets_dir(Path::new("report.md")), Path::new("report.assets"));
        assert_eq!(
            link_from(Path::new("OUT/my report (1).pdf.md"), "images/page_1_image_1.png"),
            "my report (1).pdf.assets/images/page_1_image_1.png"
        );
    }

    #[test]
    fn screenshots_are_numbered_by_their_page() {
        assert_eq!(screenshot_page("page_7.jpg"), Some(7));
        assert_eq!(screenshot_page("page_12_image_1.png"), Some(12));
        assert_eq!(screenshot_page("shot.jpg"), None);
        assert_eq!(last_page(&["1".into(), "250".into(), "?".into()]), 250);
    }

    /// Screenshots and page files are numbered by their page, zero-padded to the digits of the
    /// document's last page (at least 4), so they sort in page order.
    #[test]
    fn screenshots_and_pages_are_padded_to_the_last_page() {
        let page = |n: u32| serde_json::json!({"page_number": n, "markdown": "x"});
        let shot = |name: &str| {
            serde_json::json!({"filename": name, "category": "screenshot",
                "presigned_url": format!("https://f/{name}")})
        };
        let result = |pages: &[u32]| {
            serde_json::json!({
                "job": {"id": "pjb-1", "status": "COMPLETED"},
                "markdown": {"pages": pages.iter().map(|&n| page(n)).collect::<Vec<_>>()},
                "images_content_metadata": {"images": pages.iter()
                    .map(|n| shot(&format!("page_{n}.jpg"))).collect::<Vec<_>>()},
            })
        };
        let saving = Saving::new(&[Saved::Screenshots, Saved::Pages], false);
        let planned = |pages: &[u32]| {
            let dir = tempfile::tempdir().unwrap();
            let full = dir.path().join("full.json");
            std::fs::write(&full, result(pages).to_string()).unwrap();
            let (assets, contents) = crate::parse::save::assets::listed(&full, Part::Markdown).unwrap();
            layout(
                &saving,
                &assets,
                &contents,
                Part::Markdown,
                &Naming::of(&contents),
            )
            .into_iter()
            .map(|p| p.relative)
            .collect::<Vec<_>>()
        };
        assert_eq!(
            planned(&[7, 12]),
            [
                "screenshots/page-0007.jpg",
                "screenshots/page-0012.jpg",
                "pages/page-0007.md",
                "pages/page-0012.md"
            ]
        );
        assert_eq!(
            planned(&[7, 12_345]),
            [
                "screenshots/page-00007.jpg",
                "screenshots/page-12345.jpg",
                "pages/page-00007.md",
                "pages/page-12345.md"
            ]
        );
    }
}
