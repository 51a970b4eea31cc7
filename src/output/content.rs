//! `--format markdown|text` straight from the response as it arrives, with a streaming JSON
//! reader (struson): each page's text is copied to the output as it is read, so memory stays
//! flat whatever the size of a page or of the document.
//!
//! The whole-document string (`markdown_full`, `text_full`) is written only when no pages come
//! before it, and then pages after it are not written again; when pages come first it is skipped
//! unread. Either way nothing is held.

use std::io::{self, BufReader, Read, Write};

use serde_json::Value;
use struson::reader::{JsonReader, JsonStreamReader, ReaderError, ValueType};

use crate::api;
use crate::error::Error;
use crate::output::job::{Described, FailedPage, MissingContent, Part, Summary, describe_pages};
use crate::text::count;
use crate::text::neutralize;

/// How much of the response is read at a time.
const READ_BUFFER: usize = 64 * 1024;

/// What streaming learned besides the text it wrote.
#[derive(Debug, Default)]
pub struct Streamed {
    /// Pages the API could not parse.
    pub failed: Vec<FailedPage>,
    /// Page numbers that came after a higher one.
    pub out_of_order: Vec<String>,
}

/// Why streaming stopped: reading the response, or writing the output (kept apart, so that a
/// closed pipe stays a closed pipe).
enum Stop {
    Read(ReaderError),
    Write(io::Error),
}

impl From<ReaderError> for Stop {
    fn from(err: ReaderError) -> Self {
        Stop::Read(err)
    }
}

/// The state of one streamed document.
struct Stream<'w, W: Write> {
    out: &'w mut W,
    part: Part,
    flush_pages: bool,
    /// Something was written (pages are then separated by a blank line).
    written_any: bool,
    ends_with_newline: bool,
    /// The part's `pages` array was seen.
    saw_pages: bool,
    /// The whole-document string was written (pages are then not written again).
    wrote_full: bool,
    status: Option<String>,
    tier: Option<String>,
    last_page: Option<i64>,
    streamed: Streamed,
}

/// Parses a `parsing get` response from `reader` and writes its markdown or text to `out`,
/// pages in the order the server sends them, joined by a blank line; with `flush_pages`, each
/// page is flushed as soon as it is written.
pub fn stream_content(
    reader: impl Read,
    out: &mut impl Write,
    part: Part,
    flush_pages: bool,
) -> Result<Streamed, Error> {
    let mut stream = Stream {
        out,
        part,
        flush_pages,
        written_any: false,
        ends_with_newline: true,
        saw_pages: false,
        wrote_full: false,
        status: None,
        tier: None,
        last_page: None,
        streamed: Streamed::default(),
    };
    let mut json = JsonStreamReader::new(BufReader::with_capacity(READ_BUFFER, reader));
    match stream
        .document(&mut json)
        .and_then(|()| Ok(json.consume_trailing_whitespace()?))
    {
        Ok(()) => {}
        Err(Stop::Write(err)) => return Err(Error::Io(err)),
        Err(Stop::Read(err)) => return Err(reading_failed(err)),
    }
    if !stream.saw_pages && !stream.wrote_full {
        return Err(Error::failure(
            MissingContent {
                part,
                status: stream.status,
                tier: stream.tier,
            }
            .to_string(),
        ));
    }
    if !stream.ends_with_newline {
        stream.out.write_all(b"\n")?;
    }
    Ok(stream.streamed)
}

/// Copies a response body to the output as it arrives (`--format raw`), keeping a failure to
/// read apart from one to write (a closed pipe must stay recognisable).
pub fn copy_through(reader: &mut impl Read, out: &mut impl Write) -> Result<(), Error> {
    let mut buffer = vec![0u8; READ_BUFFER];
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(connection_failed(err)),
        };
        out.write_all(&buffer[..n])?;
    }
}

/// The connection failed while the body was being read.
fn connection_failed(err: impl std::fmt::Display) -> Error {
    Error::Api(api::Error::Transport(format!("reading the response: {err}")))
}

/// A response that could not be read: the connection failed, or the body is not a job.
fn reading_failed(err: ReaderError) -> Error {
    match err {
        ReaderError::IoError { error, .. } => connection_failed(error),
        other => Error::Api(api::Error::InvalidResponse(format!(
            "the body is not a parse job ({other})"
        ))),
    }
}

impl<W: Write> Stream<'_, W> {
    /// The top-level object: `job.status` and `job.tier`, the part's pages, the whole-document
    /// string; everything else skipped unread.
    fn document<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), Stop> {
        let (pages_key, full_key) = self.part.fields();
        json.begin_object()?;
        while json.has_next()? {
            let name = json.next_name_owned()?;
            let kind = json.peek()?;
            if name == pages_key && kind == ValueType::Object {
                self.part_object(json)?;
            } else if name == full_key && kind == ValueType::String && !self.saw_pages {
                self.separate()?;
                self.copy_string(json)?;
                self.wrote_full = true;
                self.page_done()?;
            } else if name == "job" && kind == ValueType::Object {
                self.job(json)?;
            } else {
                json.skip_value()?;
            }
        }
        json.end_object()?;
        Ok(())
    }

    fn job<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), Stop> {
        json.begin_object()?;
        while json.has_next()? {
            let name = json.next_name_owned()?;
            match (name.as_str(), json.peek()?) {
                ("status", ValueType::String) => self.status = Some(json.next_string()?),
                ("tier", ValueType::String) => self.tier = Some(json.next_string()?),
                _ => json.skip_value()?,
            }
        }
        json.end_object()?;
        Ok(())
    }

    /// `{"pages": [...], ...}` of the part.
    fn part_object<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), Stop> {
        json.begin_object()?;
        while json.has_next()? {
            let name = json.next_name_owned()?;
            if name == "pages" && json.peek()? == ValueType::Array {
                self.saw_pages = true;
                json.begin_array()?;
                while json.has_next()? {
                    self.page(json)?;
                }
                json.end_array()?;
            } else {
                json.skip_value()?;
            }
        }
        json.end_object()?;
        Ok(())
    }

    /// One page: its text is copied out as it is read (unless the whole document was already
    /// written); a page without text, or marked `success: false`, is reported.
    fn page<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), Stop> {
        let (content_key, _) = self.part.fields();
        let mut number: Option<String> = None;
        let mut failed = false;
        let mut error = None;
        let mut wrote = false;
        if json.peek()? != ValueType::Object {
            json.skip_value()?;
        } else {
            json.begin_object()?;
            while json.has_next()? {
                let name = json.next_name_owned()?;
                match (name.as_str(), json.peek()?) {
                    ("page_number", ValueType::Number) => number = Some(json.next_number_as_string()?),
                    ("page_number", ValueType::String) => {
                        number = Some(serde_json::Value::String(json.next_string()?).to_string());
                    }
                    ("success", ValueType::Boolean) => failed |= !json.next_bool()?,
                    ("error", ValueType::String) => error = Some(json.next_string()?),
                    (key, ValueType::String) if key == content_key && !failed && !self.wrote_full => {
                        self.separate()?;
                        self.copy_string(json)?;
                        wrote = true;
                    }
                    (key, ValueType::String) if key == content_key && self.wrote_full => {
                        json.skip_value()?;
                        wrote = true;
                    }
                    _ => json.skip_value()?,
                }
            }
            json.end_object()?;
        }
        self.note_order(number.as_deref());
        if wrote && !self.wrote_full {
            self.page_done()?;
        }
        if failed || !wrote {
            self.streamed.failed.push(FailedPage {
                page_number: number.map_or_else(|| "?".into(), |n| neutralize(&n).into_owned()),
                error: error.map_or_else(
                    || format!("no {} in the page", self.part.expand()),
                    |e| neutralize(&e).into_owned(),
                ),
            });
        }
        Ok(())
    }

    fn note_order(&mut self, number: Option<&str>) {
        let number = number.and_then(|n| n.parse::<i64>().ok());
        if let (Some(n), Some(last)) = (number, self.last_page)
            && n < last
        {
            self.streamed.out_of_order.push(n.to_string());
        }
        self.last_page = number.or(self.last_page);
    }

    /// The blank line between two pages.
    fn separate(&mut self) -> Result<(), Stop> {
        if self.written_any {
            self.out.write_all(b"\n\n").map_err(Stop::Write)?;
        }
        self.written_any = true;
        Ok(())
    }

    /// Copies the string value at the reader's position to the output, a buffer at a time.
    fn copy_string<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), Stop> {
        let mut value = json.next_string_reader()?;
        let mut buffer = [0u8; 16 * 1024];
        let mut last = None;
        loop {
            let n = match value.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(Stop::Read(string_error(err))),
            };
            self.out.write_all(&buffer[..n]).map_err(Stop::Write)?;
            last = Some(buffer[n - 1]);
        }
        self.ends_with_newline = last.is_none_or(|b| b == b'\n');
        Ok(())
    }

    /// A page is complete: on a terminal, show it now.
    fn page_done(&mut self) -> Result<(), Stop> {
        if self.flush_pages {
            self.out.flush().map_err(Stop::Write)?;
        }
        Ok(())
    }
}

/// An error while reading a string value: struson reports malformed JSON inside a string as an
/// I/O error carrying its own error.
fn string_error(err: io::Error) -> ReaderError {
    let location = struson::reader::JsonReaderPosition {
        path: None,
        line_pos: None,
        data_pos: None,
    };
    ReaderError::IoError { error: err, location }
}

/// Reads a `parsing get` response as it arrives and keeps only what its summary shows: the job
/// object, and for each other part its size (pages and failed pages, images, characters,
/// entries). Memory does not grow with the size of the document.
pub fn summarize(status: reqwest::StatusCode, reader: impl Read) -> Result<Summary, Error> {
    let mut json = JsonStreamReader::new(BufReader::with_capacity(READ_BUFFER, reader));
    match json.peek() {
        Ok(ValueType::Object) => {}
        Ok(_) => {
            return Err(Error::Api(api::Error::InvalidResponse(
                "expected a JSON object with a job".to_string(),
            )));
        }
        Err(ReaderError::SyntaxError(err)) => {
            return Err(Error::Api(api::Error::InvalidResponse(format!(
                "the body is not JSON (HTTP {status}; {err})"
            ))));
        }
        Err(err) => return Err(reading_failed(err)),
    }
    let summary = summary_of(&mut json)
        .and_then(|summary| Ok((summary, json.consume_trailing_whitespace()?)))
        .map_err(reading_failed)?
        .0;
    if !summary.job.is_object() {
        return Err(Error::Api(api::Error::InvalidResponse(
            "expected a JSON object with a job".to_string(),
        )));
    }
    Ok(summary)
}

fn summary_of<R: Read>(json: &mut JsonStreamReader<R>) -> Result<Summary, ReaderError> {
    let mut summary = Summary {
        job: Value::Null,
        parts: Vec::new(),
    };
    json.begin_object()?;
    while json.has_next()? {
        let name = json.next_name_owned()?;
        let kind = json.peek()?;
        let described = match (name.as_str(), kind) {
            ("job", _) => {
                summary.job = small_value(json)?;
                continue;
            }
            (_, ValueType::Null) => {
                json.skip_value()?;
                continue;
            }
            ("result_content_metadata", _) => Described::Results(small_value(json)?),
            (_, ValueType::Object) => Described::Size(object_size(json)?),
            (_, ValueType::Array) => {
                let mut n = 0;
                json.begin_array()?;
                while json.has_next()? {
                    json.skip_value()?;
                    n += 1;
                }
                json.end_array()?;
                Described::Size(count(n, "entry"))
            }
            (_, ValueType::String) => {
                let mut chars = 0u64;
                let mut value = json.next_string_reader()?;
                let mut buffer = [0u8; 16 * 1024];
                loop {
                    let n = value.read(&mut buffer).map_err(string_error)?;
                    if n == 0 {
                        break;
                    }
                    // Characters are the bytes that do not continue a UTF-8 sequence.
                    chars += buffer[..n].iter().filter(|b| (**b & 0xC0) != 0x80).count() as u64;
                }
                Described::Size(count(chars, "character"))
            }
            _ => Described::Size(neutralize(&small_value(json)?.to_string()).into_owned()),
        };
        summary.parts.push((name, described));
    }
    json.end_object()?;
    Ok(summary)
}

/// An expanded part that is an object: its pages (and how many failed), its images, or its
/// number of entries; page contents are skipped unread.
fn object_size<R: Read>(json: &mut JsonStreamReader<R>) -> Result<String, ReaderError> {
    let (mut entries, mut pages, mut images) = (0u64, None, None);
    json.begin_object()?;
    while json.has_next()? {
        let name = json.next_name_owned()?;
        entries += 1;
        match (name.as_str(), json.peek()?) {
            ("pages", ValueType::Array) => {
                let (mut total, mut failed) = (0u64, 0u64);
                json.begin_array()?;
                while json.has_next()? {
                    total += 1;
                    if json.peek()? != ValueType::Object {
                        json.skip_value()?;
                        continue;
                    }
                    json.begin_object()?;
                    while json.has_next()? {
                        let key = json.next_name_owned()?;
                        if key == "success" && json.peek()? == ValueType::Boolean {
                            failed += u64::from(!json.next_bool()?);
                        } else {
                            json.skip_value()?;
                        }
                    }
                    json.end_object()?;
                }
                json.end_array()?;
                pages = Some((total, failed));
            }
            ("total_count", ValueType::Number) => images = json.next_number_as_string()?.parse::<u64>().ok(),
            _ => json.skip_value()?,
        }
    }
    json.end_object()?;
    Ok(match (pages, images) {
        (Some((total, failed)), _) => describe_pages(total, failed),
        (None, Some(images)) => count(images, "image"),
        (None, None) => count(entries, "entry"),
    })
}

/// A value that is small by nature (the job object, result links), read whole.
fn small_value<R: Read>(json: &mut JsonStreamReader<R>) -> Result<Value, ReaderError> {
    Ok(match json.peek()? {
        ValueType::Null => {
            json.next_null()?;
            Value::Null
        }
        ValueType::Boolean => Value::Bool(json.next_bool()?),
        ValueType::String => Value::String(json.next_string()?),
        ValueType::Number => {
            let text = json.next_number_as_string()?;
            text.parse::<serde_json::Number>()
                .map_or(Value::Null, Value::Number)
        }
        ValueType::Array => {
            let mut items = Vec::new();
            json.begin_array()?;
            while json.has_next()? {
                items.push(small_value(json)?);
            }
            json.end_array()?;
            Value::Array(items)
        }
        ValueType::Object => {
            let mut map = serde_json::Map::new();
            json.begin_object()?;
            while json.has_next()? {
                let key = json.next_name_owned()?;
                map.insert(key, small_value(json)?);
            }
            json.end_object()?;
            Value::Object(map)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stream(response: Value, part: Part) -> Result<(String, Vec<FailedPage>), Error> {
        let body = serde_json::to_vec(&response).unwrap();
        let mut out = Vec::new();
        let streamed = stream_content(&body[..], &mut out, part, false)?;
        Ok((String::from_utf8(out).unwrap(), streamed.failed))
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
        assert_eq!(text, "# One\n\n\n# Two\n");
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
    fn a_summary_keeps_counts_not_content() {
        let body =
            json!({"job": {"id": "pjb-1", "big": 123456789012345678901234567890u128}, "markdown": {"pages": [
            {"page_number": 1, "markdown": "x".repeat(100_000), "success": true},
            {"page_number": 2, "error": "no", "success": false},
        ]}, "markdown_full": "é".repeat(10), "images_content_metadata": {"total_count": 3, "images": []},
           "items": [1, 2], "metadata": {"a": 1}, "n": 5, "text": null,
           "result_content_metadata": {"markdown": {"size_bytes": 10, "exists": true}}})
            .to_string();
        let summary = summarize(reqwest::StatusCode::OK, body.as_bytes()).unwrap();
        assert_eq!(summary.job["id"], "pjb-1");
        assert_eq!(summary.job["big"].to_string(), "123456789012345678901234567890");
        let sizes: Vec<(&str, String)> = summary
            .parts
            .iter()
            .map(|(k, d)| match d {
                Described::Size(s) => (k.as_str(), s.clone()),
                Described::Results(v) => (k.as_str(), v.to_string()),
            })
            .collect();
        assert_eq!(
            sizes,
            [
                ("markdown", "2 pages (1 failed)".to_string()),
                ("markdown_full", "10 characters".into()),
                ("images_content_metadata", "3 images".into()),
                ("items", "2 entries".into()),
                ("metadata", "1 entry".into()),
                ("n", "5".into()),
                (
                    "result_content_metadata",
                    r#"{"markdown":{"size_bytes":10,"exists":true}}"#.into()
                ),
            ]
        );
        assert!(
            summarize(reqwest::StatusCode::OK, &b"{\"markdown\": {}}"[..]).is_err(),
            "no job"
        );
    }

    #[test]
    fn bodies_that_are_not_a_job_are_invalid() {
        let mut out = Vec::new();
        let err = stream_content(&b"[1,2]"[..], &mut out, Part::Markdown, false).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("invalid response: the body is not a parse job"),
            "{err}"
        );
        let err = stream_content(
            &b"{\"markdown\": {\"pages\": [{\"markdown\": \"a\"}"[..],
            &mut out,
            Part::Markdown,
            false,
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("invalid response"), "{err}");
    }
}
