//! The files written from a document's full result, streamed: one file per page, the marker
//! line that starts a page in the document (`--page-markers`), and the names of files the API
//! names, made safe for every file system.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

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
    links: Option<&HashMap<String, String>>,
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
    links: Option<&'a HashMap<String, String>>,
    page: Option<Open<'a>>,
    written: Vec<PageFile>,
    /// A page came that has no name.
    refused: bool,
}

/// The page being written.
struct Open<'a> {
    file: Counting<Hashing<AtomicFile>>,
    links: Option<Links<'a>>,
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
            links: self.links.map(Links::new),
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
mod tests {
    use super::*;
    use crate::output::document::Writer;
    use serde_json::json;

    #[test]
    fn page_markers_say_the_page_and_cannot_leave_their_comment() {
        assert_eq!(page_marker("7", None), "<!-- page 7 -->");
        assert_eq!(page_marker("7", Some("vii")), "<!-- page 7 (vii) -->");
        assert_eq!(page_marker("", Some("")), "<!-- page ? -->");
        let hostile = page_marker("1 -->x", Some("a\n<!--b--->\u{2028}"));
        assert_eq!(
            hostile,
            "<!-- page 1 - -&gt;x (a\\n&lt;!- -b- - -&gt;\\u{2028}) -->"
        );
        let inside = &hostile["<!--".len()..hostile.len() - "-->".len()];
        assert!(!inside.contains("--") && !inside.contains('>') && !inside.contains('\n'));
        let contents = Contents {
            pages: vec!["1".into(), "?".into(), "3".into()],
            printed: HashMap::from([("3".into(), "1".into())]),
            ..Contents::default()
        };
        assert_eq!(
            page_markers(&contents),
            ["<!-- page 1 -->", "<!-- page ? -->", "<!-- page 3 (1) -->"]
        );
        assert_eq!((width(0), width(9999), width(12_345)), (4, 4, 5));
    }

    /// Every markdown destination the map has is rewritten, whatever the chunks the text comes
    /// in; everything else is unchanged.
    #[test]
    fn links_are_rewritten_across_any_chunk_boundary() {
        let map = HashMap::from([
            ("p1.png".to_string(), "r.assets/images/p1.png".to_string()),
            ("a b.png".to_string(), "my docs/a (1).png".to_string()),
            ("f(1).png".to_string(), "x.png".to_string()),
        ]);
        let text = "# T\n![Image](p1.png) [l](p1.png \"t\") ![x](<a b.png>) ![p](a%20b.png) \
            ![n](f(1).png) ![k](p1.png\n) ![o](other.png) ](p1.png x) ]] (p1.png) ![e]() ![u](p1.png";
        let expected = "# T\n![Image](r.assets/images/p1.png) [l](r.assets/images/p1.png \"t\") \
            ![x](<my%20docs/a%20%281%29.png>) ![p](my%20docs/a%20%281%29.png) ![n](x.png) \
            ![k](p1.png\n) ![o](other.png) ](p1.png x) ]] (p1.png) ![e]() ![u](p1.png";
        let rewrite = |chunks: &[&[u8]]| {
            let mut out = Vec::new();
            let mut links = Links::new(&map);
            for chunk in chunks {
                links.write(chunk, &mut out).unwrap();
            }
            links.end(&mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let bytes = text.as_bytes();
        assert_eq!(rewrite(&[bytes]), expected);
        for at in 0..=bytes.len() {
            assert_eq!(rewrite(&[&bytes[..at], &bytes[at..]]), expected, "cut at {at}");
        }
        let single: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(rewrite(&single), expected);
        // An unclosed destination is held back only so far, then written as it came.
        let long = format!("![a]({}", "x".repeat(5000));
        let mut out = Vec::new();
        Links::new(&map).write(long.as_bytes(), &mut out).unwrap();
        assert_eq!(out, long.as_bytes());
    }

    #[test]
    fn a_writer_with_markers_and_links_across_responses() {
        let map = HashMap::from([("i.png".to_string(), "assets/i.png".to_string())]);
        let first = json!({"markdown": {"pages": [
            {"page_number": 1, "markdown": "one ![](i.png)"},
            {"page_number": 2, "success": false, "error": "OCR ](i.png)"}]}});
        let second = json!({"markdown": {"pages": [{"page_number": 3, "markdown": ""}]}});
        let mut out = Vec::new();
        let mut writer = Writer::new(&mut out, false);
        writer.links(&map);
        writer.markers(["<!-- page 1 -->".to_string(), "<!-- page 2 -->".into()]);
        let markdown = Part::Markdown;
        writer.response(first.to_string().as_bytes(), markdown).unwrap();
        writer.markers(["<!-- page 3 (i) -->".to_string()]);
        writer.response(second.to_string().as_bytes(), markdown).unwrap();
        // No markers left: no marker.
        let whole = json!({"markdown_full": "all"}).to_string();
        writer.response(whole.as_bytes(), markdown).unwrap();
        writer.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<!-- page 1 -->\none ![](assets/i.png)\n\n\
             <!-- page 2 -->\n[llamacloud: page 2 failed: OCR ](i.png)]\n\n\
             <!-- page 3 (i) -->\n\n\nall\n"
        );
    }

    fn read_dir(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        let read = |path: &std::path::PathBuf| fs::read_to_string(path).unwrap();
        files
            .iter()
            .map(|p| (p.file_name().unwrap().to_string_lossy().into(), read(p)))
            .collect()
    }

    #[test]
    fn each_page_goes_to_a_file_of_its_own() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("pages");
        let body = json!({"markdown": {"pages": [
            {"page_number": 1, "markdown": "# One ![x](i.png)"},
            {"page_number": 2, "success": false, "error": "OCR timeout"},
            {"markdown": "no number\n"},
            {"page_number": 12, "markdown": ""},
        ]}})
        .to_string();
        let contents = crate::parse::save::contents::read(body.as_bytes(), Part::Markdown).unwrap();
        let map = HashMap::from([("i.png".to_string(), "../images/i.png".to_string())]);
        let (pages, map) = (&contents.pages, Some(&map));
        let written = write_pages(body.as_bytes(), Part::Markdown, pages, &dir, 4, map).unwrap();
        let files = [
            ("page-0001.md", "# One ![x](../images/i.png)\n"),
            ("page-0002.md", "[llamacloud: page 2 failed: OCR timeout]\n"),
            ("page-0012.md", "\n"),
            ("page-unnumbered-3.md", "no number\n"),
        ];
        assert_eq!(read_dir(&dir), files.map(|(n, t)| (n.to_string(), t.to_string())));
        let mut listed = written.clone();
        listed.sort_by(|a, b| a.name.cmp(&b.name));
        for (file, (name, text)) in listed.iter().zip(files) {
            assert_eq!(file.name, name);
            assert_eq!(file.bytes, text.len() as u64);
            assert_eq!(file.hash, blake3::hash(text.as_bytes()).to_hex().to_string());
        }
        assert_eq!(written[0].name, "page-0001.md", "in the result's order");
        // Text pages are .txt; a width wider than 4 pads more.
        let text = json!({"text": {"pages": [{"page_number": 3, "text": "t"}]}}).to_string();
        let written = write_pages(text.as_bytes(), Part::Text, &["3".into()], &dir, 5, None).unwrap();
        assert_eq!(written[0].name, "page-00003.txt");
    }

    #[test]
    fn pages_that_cannot_be_told_apart_are_refused_before_writing() {
        let temp = tempfile::tempdir().unwrap();
        let body = json!({"markdown": {"pages": [
            {"page_number": 7, "markdown": "a"}, {"page_number": "007", "markdown": "b"}]}})
        .to_string();
        let pages = ["7".to_string(), "007".to_string()];
        let err = write_pages(body.as_bytes(), Part::Markdown, &pages, temp.path(), 4, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "page 007 comes twice in the result: its page files would overwrite each other"
        );
        let whole = json!({"markdown_full": "all"}).to_string();
        let err = write_pages(whole.as_bytes(), Part::Markdown, &[], temp.path(), 4, None).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("no pages, only the whole document"), "{message}");
        assert_eq!(read_dir(temp.path()), []);
    }

    #[test]
    fn names_from_the_api_are_safe_everywhere_and_unique() {
        for (given, safe) in [
            ("image_0.png", "image_0.png"),
            ("../../etc/passwd", "passwd"),
            ("C:\\dir\\ä b?.jpg", "__b_.jpg"),
            (".hidden", "_.hidden"),
            ("con", "_con"),
            ("CoM7.tar.gz", "_CoM7.tar.gz"),
            ("LPT0.png", "LPT0.png"),
            ("name.", "name_"),
            ("dir/", "unnamed"),
            ("", "unnamed"),
        ] {
            assert_eq!(safe_name(given), safe, "{given}");
        }
        let long = format!("{}.png", "x".repeat(300));
        assert_eq!(safe_name(&long), format!("{}.png", "x".repeat(116)));
        assert_eq!(safe_name(&"y".repeat(300)).len(), 120);
        let names = unique(["a.png", "b/a.png", "A.PNG", "a-2.png", "x", "x", &long, &long]);
        let (cut, cut_2) = (
            format!("{}.png", "x".repeat(116)),
            format!("{}-2.png", "x".repeat(114)),
        );
        let expected = ["a.png", "a-3.png", "A-4.PNG", "a-2.png", "x", "x-2", &cut, &cut_2];
        assert_eq!(names, expected);
    }
}
