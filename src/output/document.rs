//! A document's markdown or text as it is written out: pages joined by a blank line, each
//! flushed as it ends when a person is watching, a final newline; and the server's bytes copied
//! through as they are (`--format raw`, JSON results). The decoding is `api::document`'s.

use std::collections::{HashMap, VecDeque};
use std::io::{self, Read, Write};

use crate::api;
use crate::api::document::{self, DecodeError, Decoded, FailedPage, MissingContent, Pages};
use crate::api::models::Part;
use crate::error::Error;
use crate::text::neutralize;

/// How much of a body is copied at a time.
const COPY_BUFFER: usize = 64 * 1024;

/// How the pages of the next response are written beside their text: the marker line of each
/// page, in order (`render::page_markers`), and the link destinations rewritten (`Links`).
#[derive(Debug, Default)]
pub(crate) struct Decorations {
    pub(crate) markers: Vec<String>,
    pub(crate) links: HashMap<String, String>,
}

/// A document written to `out` from one job response, or from several in order (the windows of
/// a long document): pages joined by a blank line, failed pages marked where they were, a final
/// newline (`finish`).
pub(crate) struct Writer<'w, W: Write> {
    out: &'w mut W,
    flush_pages: bool,
    /// Something was written (pages are then separated by a blank line).
    written_any: bool,
    /// The last byte of the page being written.
    last: Option<u8>,
    ends_with_newline: bool,
    /// The marker line of each page to come (`markers`), in order.
    markers: VecDeque<String>,
    /// The link destinations rewritten (`links`).
    links: Option<Links>,
}

impl<'w, W: Write> Writer<'w, W> {
    /// With `flush_pages`, each page is flushed as soon as it is written.
    pub(crate) fn new(out: &'w mut W, flush_pages: bool) -> Self {
        Writer {
            out,
            flush_pages,
            written_any: false,
            last: None,
            ends_with_newline: true,
            markers: VecDeque::new(),
            links: None,
        }
    }

    /// Queues the marker line of each coming page (`render::page_marker`), in order: each page
    /// begun (its text or its failure's line) takes the next and starts with it. Called with a
    /// response's pages before that response is written; a page with none left has no marker.
    pub(crate) fn markers(&mut self, lines: impl IntoIterator<Item = String>) {
        self.markers.extend(lines);
    }

    /// Rewrites the markdown link and image destinations that `map` has (`Links`), from the
    /// next response on (each window of a long document has its own).
    pub(crate) fn links(&mut self, map: HashMap<String, String>) {
        self.links = (!map.is_empty()).then(|| Links::new(std::sync::Arc::new(map)));
    }

    /// Sets how the pages of the next response are written (`Decorations`).
    pub(crate) fn decorate(&mut self, decorations: Decorations) {
        self.markers(decorations.markers);
        self.links(decorations.links);
    }

    /// Writes the markdown or text of the job response in `reader`, pages in the order the
    /// server sends them.
    pub(crate) fn response(&mut self, reader: impl Read, part: Part) -> Result<Decoded, Error> {
        decode(reader, part, self)
    }

    /// Marks a page that failed, in its place.
    pub(crate) fn failed_page(&mut self, page: &FailedPage) -> io::Result<()> {
        Pages::failed(self, page)
    }

    /// Ends the document with a newline.
    pub(crate) fn finish(self) -> io::Result<()> {
        if !self.ends_with_newline {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl<W: Write> Pages for Writer<'_, W> {
    fn begin(&mut self) -> io::Result<()> {
        if self.written_any {
            self.out.write_all(b"\n\n")?;
        }
        self.written_any = true;
        self.last = None;
        if let Some(line) = self.markers.pop_front() {
            self.out.write_all(line.as_bytes())?;
            self.out.write_all(b"\n")?;
            self.last = Some(b'\n');
        }
        Ok(())
    }

    fn write(&mut self, text: &[u8]) -> io::Result<()> {
        match &mut self.links {
            Some(links) => links.write(text, self.out)?,
            None => self.out.write_all(text)?,
        }
        self.last = text.last().copied().or(self.last);
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        if let Some(links) = &mut self.links {
            links.end(self.out)?;
        }
        self.ends_with_newline = self.last.is_none_or(|b| b == b'\n');
        if self.flush_pages {
            self.out.flush()?;
        }
        Ok(())
    }

    fn failed(&mut self, page: &FailedPage) -> io::Result<()> {
        self.begin()?;
        // The line is the program's, not the API's markdown: written as it is.
        self.out.write_all(marker(page).as_bytes())?;
        self.last = Some(b']');
        self.end()
    }
}

/// Decodes the job response in `reader` into `pages`, its errors worded for the user.
pub(crate) fn decode(reader: impl Read, part: Part, pages: &mut dyn Pages) -> Result<Decoded, Error> {
    document::decode(reader, part, pages).map_err(|err| match err {
        DecodeError::Read(err) => Error::Api(err),
        DecodeError::Write(err) => Error::Io(err),
        DecodeError::Missing(missing) => Error::failure(missing_content(&missing)),
    })
}

/// How much of an unfinished link destination is held back before it is written unchanged.
const HOLD: usize = 4096;

/// Markdown link and image destinations rewritten as text streams through, in chunks cut
/// anywhere: `](DEST)`, `](DEST "title")`, `](<DEST>)`, whose DEST (as written, or
/// percent-decoded) is a key of the map, become its value, percent-encoded where a destination
/// needs it; all other text is written unchanged. At most a destination and the blanks after it
/// are held back (`HOLD` bytes; past that, or at the end of a page, written unchanged).
pub(crate) struct Links {
    map: std::sync::Arc<HashMap<String, String>>,
    state: State,
    /// The destination read so far, and the blanks after it.
    dest: Vec<u8>,
    blanks: Vec<u8>,
    /// Parentheses open inside the destination.
    depth: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// After `]`.
    Bracket,
    /// After `](`.
    Open,
    Dest,
    /// After `](<`.
    Angle,
    /// After the destination, before what follows it.
    Blanks,
}

impl Links {
    pub(crate) fn new(map: std::sync::Arc<HashMap<String, String>>) -> Self {
        Links {
            map,
            state: State::Text,
            dest: Vec::new(),
            blanks: Vec::new(),
            depth: 0,
        }
    }

    /// The next piece of text.
    pub(crate) fn write(&mut self, text: &[u8], out: &mut impl Write) -> io::Result<()> {
        // Text from `run` to `i` passes through unchanged; a destination is held.
        let (mut run, mut i) = (0, 0);
        while i < text.len() {
            let b = text[i];
            match (self.state, b) {
                (State::Text, _) => match text[i..].iter().position(|&c| c == b']') {
                    Some(at) => (i, self.state) = (i + at + 1, State::Bracket),
                    None => i = text.len(),
                },
                (State::Bracket, b'(') => {
                    i += 1;
                    out.write_all(&text[run..i])?;
                    (run, self.state) = (i, State::Open);
                }
                (State::Bracket, _) => {
                    self.state = if b == b']' { State::Bracket } else { State::Text };
                    i += 1;
                }
                (State::Open, b'<') => {
                    out.write_all(&text[run..=i])?;
                    (i, self.state) = (i + 1, State::Angle);
                    run = i;
                }
                (State::Angle, b'>') | (State::Open | State::Dest, b')') if self.depth == 0 => {
                    self.resolve(true, out)?;
                    run = i;
                }
                (State::Open | State::Dest, b' ' | b'\t') => self.hold(b, State::Blanks, &mut i, &mut run),
                (State::Blanks, b' ' | b'\t') => self.hold(b, State::Blanks, &mut i, &mut run),
                (State::Blanks, b'"' | b'\'' | b'(' | b')') => {
                    self.resolve(true, out)?;
                    run = i;
                }
                (State::Angle, b'<' | b'\n' | b'\r') | (State::Blanks, _) => {
                    self.resolve(false, out)?;
                    run = i;
                }
                (State::Open | State::Dest, _) if b.is_ascii_control() => {
                    self.resolve(false, out)?;
                    run = i;
                }
                (State::Open | State::Dest | State::Angle, _) => {
                    if self.state != State::Angle {
                        self.depth = match b {
                            b'(' => self.depth + 1,
                            b')' => self.depth - 1,
                            _ => self.depth,
                        };
                    }
                    let state = if self.state == State::Angle {
                        State::Angle
                    } else {
                        State::Dest
                    };
                    self.hold(b, state, &mut i, &mut run);
                }
            }
            if self.dest.len() + self.blanks.len() > HOLD {
                self.resolve(false, out)?;
            }
        }
        out.write_all(&text[run..])
    }

    /// The page has ended: what is held is written unchanged.
    pub(crate) fn end(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.resolve(false, out)
    }

    fn hold(&mut self, b: u8, state: State, i: &mut usize, run: &mut usize) {
        if state == State::Blanks {
            self.blanks.push(b);
        } else {
            self.dest.push(b);
        }
        self.state = state;
        *i += 1;
        *run = *i;
    }

    /// Writes the destination held (its replacement, when it is a link the map has) and the
    /// blanks after it; what follows is text again.
    fn resolve(&mut self, link: bool, out: &mut impl Write) -> io::Result<()> {
        let replacement = link.then(|| self.lookup()).flatten();
        match replacement {
            Some(value) => out.write_all(encode(value).as_bytes())?,
            None => out.write_all(&self.dest)?,
        }
        out.write_all(&self.blanks)?;
        self.dest.clear();
        self.blanks.clear();
        (self.state, self.depth) = (State::Text, 0);
        Ok(())
    }

    fn lookup(&self) -> Option<&String> {
        let dest = std::str::from_utf8(&self.dest).ok()?;
        let map = &self.map;
        map.get(dest).or_else(|| map.get(&percent_decode(dest)?))
    }
}

/// `%XX` sequences decoded; none if that is not UTF-8 (or there are none).
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| bytes[i] == b'%' && h.iter().all(u8::is_ascii_hexdigit));
        match hex.and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()) {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    (out != bytes).then(|| String::from_utf8(out).ok()).flatten()
}

/// A path as a link destination: what would end it, be read as an escape or an entity, or
/// start a URL's query (`?`) or fragment (`#`: `a #1.pdf.assets/…` would lead to `a `)
/// percent-encoded.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_control() || c.is_whitespace() || "()<>%\\#?&".contains(c) {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A page that failed, as stderr says it: `page 3 failed: OCR timeout`.
pub(crate) fn failed_page(page: &FailedPage) -> String {
    format!("page {} failed: {}", page.page_number, page.error)
}

/// One warning line on stderr for each page that failed (one document written to stdout or -o).
pub(crate) fn warn_failed(stderr: &crate::context::Stderr, pages: &[FailedPage]) {
    for page in pages {
        stderr.line(&format!("warning: {}", failed_page(page)));
    }
}

/// The line a failed page leaves at its place in the document: the page and the API's words,
/// so that a missing page is never silent (the same in every output: stdout, -o, bulk results,
/// the result store).
pub fn marker(page: &FailedPage) -> String {
    format!(
        "[llamacloud: page {} failed: {}]",
        page.page_number,
        page.error.replace(['\n', '\r'], " ")
    )
}

/// Writes the markdown or text of the job response in `reader` to `out`, pages in the order the
/// server sends them, joined by a blank line; with `flush_pages`, each page is flushed as soon
/// as it is written.
pub fn write_document(
    reader: impl Read,
    out: &mut impl Write,
    part: Part,
    flush_pages: bool,
) -> Result<Decoded, Error> {
    let mut writer = Writer::new(out, flush_pages);
    let decoded = writer.response(reader, part)?;
    writer.finish()?;
    Ok(decoded)
}

/// Why a job response has no content, worded for the user.
fn missing_content(missing: &MissingContent) -> String {
    let part = missing.part.expand();
    match missing.status.as_deref() {
        Some(status @ ("PENDING" | "RUNNING")) => {
            format!("the job is {status}: its {part} is available once it has COMPLETED")
        }
        Some(status) if status != "COMPLETED" => {
            format!("the job is {}: it has no {part}", neutralize(status))
        }
        _ if missing.part == Part::Markdown && missing.tier.as_deref() == Some("fast") => {
            "the job ran on the fast tier, which makes text only, no markdown: use --format text".into()
        }
        _ => format!("the response has no {part}"),
    }
}

/// Copies a response body to the output as it arrives, keeping a failure to read apart from
/// one to write (a closed pipe must stay recognisable). Returns the bytes copied.
pub fn copy_through(reader: &mut impl Read, out: &mut impl Write) -> Result<u64, Error> {
    let mut buffer = vec![0u8; COPY_BUFFER];
    let mut copied = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => return Ok(copied),
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(Error::Api(api::document::connection_failed(err))),
        };
        out.write_all(&buffer[..n])?;
        copied += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::document::FailedPage;
    use serde_json::{Value, json};

    fn stream(response: Value, part: Part) -> Result<(String, Vec<FailedPage>), Error> {
        let body = serde_json::to_vec(&response).unwrap();
        let mut out = Vec::new();
        let decoded = write_document(&body[..], &mut out, part, false)?;
        Ok((String::from_utf8(out).unwrap(), decoded.failed))
    }

    #[test]
    fn pages_are_joined_and_failures_returned() {
        let response = json!({"job": {"status": "COMPLETED"}, "markdown": {"pages": [
            {"page_number": 1, "markdown": "# One\n", "success": true, "header": "h"},
            {"page_number": 2, "markdown": "# Two", "success": true},
            {"page_number": 3, "error": "OCR failed", "success": false},
            7,
        ]}, "text": {"pages": [{"page_number": 1, "text": "ignored"}]}});
        let (text, failed) = stream(response, Part::Markdown).unwrap();
        // Each failed page leaves its line where it was.
        assert_eq!(
            text,
            "# One\n\n\n# Two\n\n[llamacloud: page 3 failed: OCR failed]\n\n\
             [llamacloud: page ? failed: no markdown in the page]\n"
        );
        assert_eq!(
            failed[0],
            FailedPage {
                page_number: "3".into(),
                error: "OCR failed".into()
            }
        );
        assert_eq!(
            failed[1],
            FailedPage {
                page_number: "?".into(),
                error: "no markdown in the page".into()
            }
        );
    }

    #[test]
    fn the_full_text_is_the_fallback_and_a_missing_part_says_why() {
        let (text, _) = stream(json!({"text_full": "whole", "job": {}}), Part::Text).unwrap();
        assert_eq!(text, "whole\n");
        let err = stream(json!({"job": {"status": "RUNNING"}}), Part::Markdown).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the job is RUNNING: its markdown is available once it has COMPLETED"
        );
        let err = stream(
            json!({"job": {"status": "COMPLETED"}, "markdown": {"pages": "many"}}),
            Part::Markdown,
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "the response has no markdown");
    }

    #[test]
    fn bodies_that_are_not_a_job_are_invalid() {
        let mut out = Vec::new();
        let err = write_document(&b"[1,2]"[..], &mut out, Part::Markdown, false).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("invalid response: the body is not a parse job"),
            "{err}"
        );
        let err = write_document(
            &b"{\"markdown\": {\"pages\": [{\"markdown\": \"a\"}"[..],
            &mut out,
            Part::Markdown,
            false,
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("invalid response"), "{err}");
    }
}
