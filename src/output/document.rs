//! A document's markdown or text as it is written out: pages joined by a blank line, each
//! flushed as it ends when a person is watching, a final newline; and the server's bytes copied
//! through as they are (`--format raw`, JSON results). The decoding is `api::document`'s.

use std::io::{self, Read, Write};

use crate::api;
use crate::api::document::{self, DecodeError, Decoded, FailedPage, MissingContent, Pages};
use crate::api::models::Part;
use crate::error::Error;
use crate::text::neutralize;

/// How much of a body is copied at a time.
const COPY_BUFFER: usize = 64 * 1024;

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
        }
    }

    /// Writes the markdown or text of the job response in `reader`, pages in the order the
    /// server sends them.
    pub(crate) fn response(&mut self, reader: impl Read, part: Part) -> Result<Decoded, Error> {
        document::decode(reader, part, self).map_err(|err| match err {
            DecodeError::Read(err) => Error::Api(err),
            DecodeError::Write(err) => Error::Io(err),
            DecodeError::Missing(missing) => Error::failure(missing_content(&missing)),
        })
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
        Ok(())
    }

    fn write(&mut self, text: &[u8]) -> io::Result<()> {
        self.out.write_all(text)?;
        self.last = text.last().copied().or(self.last);
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        self.ends_with_newline = self.last.is_none_or(|b| b == b'\n');
        if self.flush_pages {
            self.out.flush()?;
        }
        Ok(())
    }

    fn failed(&mut self, page: &FailedPage) -> io::Result<()> {
        self.begin()?;
        self.write(marker(page).as_bytes())?;
        self.end()
    }
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
