//! The files written from a document's full result, streamed: one file per page, the marker
//! line that starts a page in the document (`--page-markers`), and the names of files the API
//! names, made safe for every file system.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::Arc;

use crate::api::document::{FailedPage, Pages};
use crate::api::models::Part;
use crate::atomic_file::AtomicFile;
use crate::error::Error;
use crate::hashing::Hashing;
use crate::output::document::{self, Links};
use crate::parse::save::contents::Contents;
use crate::text::neutralize;

/// The longest file name written, in bytes.
const MAX_NAME: usize = 120;
/// The longest extension kept as one when a name is cut.
const MAX_EXTENSION: usize = 16;

/// A file written: its name in its directory, its size, its hash (BLAKE3, hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageFile {
    pub(crate) name: String,
    pub(crate) bytes: u64,
    pub(crate) hash: String,
}

/// The digits page numbers are padded to in file names (`page-0007`): those of the document's
/// page count, at least 4.
pub(crate) fn width(pages: u64) -> usize {
    pages.to_string().len().max(4)
}

/// The line that starts a page in the document: `<!-- page 7 -->`, or with its printed label
/// `<!-- page 7 (vii) -->`. The API's words are made unable to end the comment early or to
/// span lines: control characters escaped (`\n`), `<` and `>` as `&lt;` `&gt;`, no `--`.
pub(crate) fn page_marker(number: &str, printed: Option<&str>) -> String {
    match printed.filter(|p| !p.is_empty()) {
        Some(printed) => format!("<!-- page {} ({}) -->", in_comment(number), in_comment(printed)),
        None => format!("<!-- page {} -->", in_comment(number)),
    }
}

/// The marker line of each page of `contents`, in order (for `Writer::markers`).
pub(crate) fn page_markers(contents: &Contents) -> Vec<String> {
    let printed = |n: &String| contents.printed.get(n).map(String::as_str);
    contents
        .pages
        .iter()
        .map(|n| page_marker(n, printed(n)))
        .collect()
}

fn in_comment(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in neutralize(label).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '-' if out.ends_with('-') => out.push_str(" -"),
            c => out.push(c),
        }
    }
    if out.is_empty() { "?".into() } else { out }
}

/// Writes each page of the full result in `reader` to a file of its own in `dir` (made if
/// missing): `page-{number}.md` (`.txt` for text), the number zero-padded to `width`, or
/// `page-unnumbered-{i}` (its place, from 1) for a page without one. `pages`: the numbers
/// `contents::read` gave (the result is read again here, streamed). Each file holds the page's
/// text (links rewritten with `links`) or a failed page's marker line, ends with a newline, and
/// is written atomically and durably, hashed on the way.
///
/// Refused before any file is written: a page number that comes twice, a result without pages
/// (only the whole document: it cannot be split).
pub(crate) fn write_pages(
    reader: impl Read,
    part: Part,
    pages: &[String],
    dir: &Path,
    width: usize,
    links: Option<&Arc<HashMap<String, String>>>,
) -> Result<Vec<PageFile>, Error> {
    let names = page_names(pages, part, width)?;
    fs::create_dir_all(dir)
        .map_err(|err| Error::Io(err).context(format!("cannot make {}", dir.display())))?;
    let (page, written, refused) = (None, Vec::new(), false);
    let mut sink = PageFiles {
        dir,
        names: &names,
        links,
        page,
        written,
        refused,
    };
    let decoded = document::decode(reader, part, &mut sink);
    if sink.refused {
        return Err(Error::failure(if names.is_empty() {
            "the result has no pages, only the whole document: it cannot be written page by page"
        } else {
            "the result has more pages than it numbers: its pages cannot be written one by one"
        }));
    }
    decoded?;
    Ok(sink.written)
}

/// The file name of each page; a number that comes twice is refused.
fn page_names(pages: &[String], part: Part, width: usize) -> Result<Vec<String>, Error> {
    let extension = match part {
        Part::Markdown => "md",
        Part::Text => "txt",
    };
    let mut seen = HashSet::new();
    let mut names = Vec::with_capacity(pages.len());
    for (i, number) in pages.iter().enumerate() {
        let name = match number.parse::<u64>() {
            Ok(n) if number.bytes().all(|b| b.is_ascii_digit()) => {
                format!("page-{n:0width$}.{extension}")
            }
            _ => format!("page-unnumbered-{}.{extension}", i + 1),
        };
        if !seen.insert(name.clone()) {
            return Err(Error::failure(format!(
                "page {} comes twice in the result: its page files would overwrite each other",
                neutralize(number)
            )));
        }
        names.push(name);
    }
    Ok(names)
}

/// The page files of one result, as the decoder hands the pages over.
struct PageFiles<'a> {
    dir: &'a Path,
    names: &'a [String],
    links: Option<&'a Arc<HashMap<String, String>>>,
    page: Option<Open>,
    written: Vec<PageFile>,
    /// A page came that has no name.
    refused: bool,
}

/// The page being written.
struct Open {
    file: Counting<Hashing<AtomicFile>>,
    links: Option<Links>,
    last: Option<u8>,
}

impl Pages for PageFiles<'_> {
    fn begin(&mut self) -> io::Result<()> {
        let Some(name) = self.names.get(self.written.len()) else {
            self.refused = true;
            return Err(io::Error::other("a page without a name"));
        };
        let file = AtomicFile::create(&self.dir.join(name), 0o644)?;
        self.page = Some(Open {
            file: Counting {
                out: Hashing::new(file),
                bytes: 0,
            },
            links: self.links.map(|map| Links::new(Arc::clone(map))),
            last: None,
        });
        Ok(())
    }

    fn write(&mut self, text: &[u8]) -> io::Result<()> {
        let Some(page) = &mut self.page else {
            return Err(io::Error::other("no page begun"));
        };
        match &mut page.links {
            Some(links) => links.write(text, &mut page.file)?,
            None => page.file.write_all(text)?,
        }
        page.last = text.last().copied().or(page.last);
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        let mut page = self
            .page
            .take()
            .ok_or_else(|| io::Error::other("no page begun"))?;
        if let Some(links) = &mut page.links {
            links.end(&mut page.file)?;
        }
        if page.last != Some(b'\n') {
            page.file.write_all(b"\n")?;
        }
        let bytes = page.file.bytes;
        let (file, hash) = page.file.out.finish();
        file.persist_durably()?;
        let name = self.names[self.written.len()].clone();
        self.written.push(PageFile { name, bytes, hash });
        Ok(())
    }

    fn failed(&mut self, page: &FailedPage) -> io::Result<()> {
        self.begin()?;
        // The program's line, not the API's markdown: written as it is.
        if let Some(open) = &mut self.page {
            open.links = None;
        }
        self.write(document::marker(page).as_bytes())?;
        self.end()
    }
}

/// A writer that counts the bytes written through it.
struct Counting<W> {
    out: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A file name the API gives, made safe for every file system (Windows, macOS, Linux): its
/// last path component; characters but `A-Z a-z 0-9 . _ -` as `_`; no leading `.`; Windows'
/// reserved names (`CON`, `NUL`, `COM1`, …, any case, any extension) prefixed with `_`; no
/// trailing `.`; at most 120 bytes, the extension kept; `unnamed` when nothing is left.
pub(crate) fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut safe: String = last
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '_' | '-' => c,
            _ => '_',
        })
        .collect();
    if safe.is_empty() {
        return "unnamed".into();
    }
    if safe.starts_with('.') || is_reserved(&safe) {
        safe.insert(0, '_');
    }
    let (stem, extension) = split_extension(&safe);
    let mut safe = cut(stem, extension, "");
    if safe.ends_with('.') {
        safe.pop();
        safe.push('_');
    }
    safe
}

/// Windows' reserved device names: the part before the first `.`, in any case.
fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default().to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && matches!(stem.as_bytes()[3], b'1'..=b'9'))
}

/// A safe name's stem and extension (with its dot): the extension only when it is short.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(at) if at > 0 && name.len() - at <= MAX_EXTENSION => name.split_at(at),
        _ => (name, ""),
    }
}

/// `stem` + `suffix` + `extension`, the stem cut so that the whole fits in `MAX_NAME` bytes
/// (safe names are ASCII).
fn cut(stem: &str, extension: &str, suffix: &str) -> String {
    let room = MAX_NAME.saturating_sub(extension.len() + suffix.len());
    format!("{}{suffix}{extension}", &stem[..stem.len().min(room)])
}

/// The safe name of each of `names`, in order, no two the same (ignoring case, as macOS and
/// Windows do): the first of a name keeps it, a later one gets `-2`, `-3`… before its
/// extension.
pub(crate) fn unique<'n>(names: impl IntoIterator<Item = &'n str>) -> Vec<String> {
    let safe: Vec<String> = names.into_iter().map(safe_name).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let first: Vec<bool> = safe
        .iter()
        .map(|name| taken.insert(name.to_ascii_lowercase()))
        .collect();
    safe.into_iter()
        .zip(first)
        .map(|(name, first)| {
            if first {
                return name;
            }
            let (stem, extension) = split_extension(&name);
            (2..)
                .map(|n| cut(stem, extension, &format!("-{n}")))
                .find(|candidate| taken.insert(candidate.to_ascii_lowercase()))
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests;
