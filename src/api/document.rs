//! Streaming decoders of a job response (`GET /api/v2/parse/{id}` with content expanded), with
//! struson: a document's pages are handed to a [`Pages`] sink as they are read, and a summary
//! keeps only counts, so memory stays flat whatever the size of a page or of the document.
//!
//! The whole-document string (`markdown_full`, `text_full`) is handed over only when no pages
//! come before it, and then pages after it are not handed over again; when pages come first it
//! is skipped unread.

use std::io::{self, BufReader, Read};

use reqwest::StatusCode;
use serde_json::Value;
use struson::reader::{JsonReader, JsonStreamReader, ReaderError, ValueType};

use crate::api::error::Error;
use crate::api::models::Part;
use crate::text::neutralize;

/// How much of the response is read at a time.
const READ_BUFFER: usize = 64 * 1024;

/// Where a document's text goes, page by page.
pub trait Pages {
    /// A page's text (or the whole document's) begins.
    fn begin(&mut self) -> io::Result<()>;
    /// The next piece of that text.
    fn write(&mut self, text: &[u8]) -> io::Result<()>;
    /// That text has ended.
    fn end(&mut self) -> io::Result<()>;
    /// A page the API could not parse, at its place among the others (after the whole
    /// document's text when that came first).
    fn failed(&mut self, page: &FailedPage) -> io::Result<()>;
}

/// A page the API could not parse: as the document marks it, the run reports it, and the store
/// and the output directory's manifest record it (as `{"page", "error"}`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FailedPage {
    #[serde(rename = "page")]
    pub page_number: String,
    pub error: String,
}

/// What decoding learned besides the text it handed over.
#[derive(Debug, Default)]
pub struct Decoded {
    /// Pages the API could not parse.
    pub failed: Vec<FailedPage>,
    /// Page numbers that came after a higher one.
    pub out_of_order: Vec<String>,
}

/// Why there is no content: what the job said of itself.
#[derive(Debug)]
pub struct MissingContent {
    pub part: Part,
    pub status: Option<String>,
    /// The job's tier: the fast tier makes text only.
    pub tier: Option<String>,
}

/// Why decoding a document stopped.
#[derive(Debug)]
pub enum DecodeError {
    /// The response could not be read, or is not a job.
    Read(Error),
    /// The sink failed (kept apart, so that a closed pipe stays a closed pipe).
    Write(io::Error),
    /// The response has no such content.
    Missing(MissingContent),
}

impl From<ReaderError> for DecodeError {
    fn from(err: ReaderError) -> Self {
        DecodeError::Read(reading_failed(err))
    }
}

/// The state of one decoded document.
struct Stream<'s> {
    pages: &'s mut dyn Pages,
    part: Part,
    /// The part's `pages` array was seen.
    saw_pages: bool,
    /// The whole-document string was handed over (pages are then not handed over again).
    wrote_full: bool,
    status: Option<String>,
    tier: Option<String>,
    last_page: Option<i64>,
    decoded: Decoded,
}

/// Reads a job response from `reader` and hands its markdown or text to `pages`, page by page in
/// the order the server sends them.
pub fn decode(reader: impl Read, part: Part, pages: &mut dyn Pages) -> Result<Decoded, DecodeError> {
    let mut stream = Stream {
        pages,
        part,
        saw_pages: false,
        wrote_full: false,
        status: None,
        tier: None,
        last_page: None,
        decoded: Decoded::default(),
    };
    let mut json = JsonStreamReader::new(BufReader::with_capacity(READ_BUFFER, reader));
    stream.document(&mut json)?;
    json.consume_trailing_whitespace()?;
    if !stream.saw_pages && !stream.wrote_full {
        return Err(DecodeError::Missing(MissingContent {
            part,
            status: stream.status,
            tier: stream.tier,
        }));
    }
    Ok(stream.decoded)
}

/// The connection failed while the body was being read.
pub fn connection_failed(err: impl std::fmt::Display) -> Error {
    Error::Transport(format!("reading the response: {err}"))
}

/// A response that could not be read: the connection failed, or the body is not a job.
fn reading_failed(err: ReaderError) -> Error {
    match err {
        ReaderError::IoError { error, .. } => connection_failed(error),
        other => Error::InvalidResponse(format!("the body is not a parse job ({other})")),
    }
}

impl Stream<'_> {
    /// The top-level object: `job.status` and `job.tier`, the part's pages, the whole-document
    /// string; everything else skipped unread.
    fn document<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), DecodeError> {
        let (pages_key, full_key) = self.part.fields();
        json.begin_object()?;
        while json.has_next()? {
            let name = json.next_name_owned()?;
            let kind = json.peek()?;
            if name == pages_key && kind == ValueType::Object {
                self.part_object(json)?;
            } else if name == full_key && kind == ValueType::String && !self.saw_pages {
                self.copy_string(json)?;
                self.wrote_full = true;
            } else if name == "job" && kind == ValueType::Object {
                self.job(json)?;
            } else {
                json.skip_value()?;
            }
        }
        json.end_object()?;
        Ok(())
    }

    fn job<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), DecodeError> {
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
    fn part_object<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), DecodeError> {
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

    /// One page: its text is handed over as it is read (unless the whole document already was);
    /// a page without text, or marked `success: false`, is reported.
    fn page<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), DecodeError> {
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
                        number = Some(Value::String(json.next_string()?).to_string());
                    }
                    ("success", ValueType::Boolean) => failed |= !json.next_bool()?,
                    ("error", ValueType::String) => error = Some(json.next_string()?),
                    (key, ValueType::String) if key == content_key && !failed && !self.wrote_full => {
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
        if failed || !wrote {
            let page = FailedPage {
                page_number: number.map_or_else(|| "?".into(), |n| neutralize(&n).into_owned()),
                error: error.map_or_else(
                    || format!("no {} in the page", self.part.expand()),
                    |e| neutralize(&e).into_owned(),
                ),
            };
            self.pages.failed(&page).map_err(DecodeError::Write)?;
            self.decoded.failed.push(page);
        }
        Ok(())
    }

    fn note_order(&mut self, number: Option<&str>) {
        let number = number.and_then(|n| n.parse::<i64>().ok());
        if let (Some(n), Some(last)) = (number, self.last_page)
            && n < last
        {
            self.decoded.out_of_order.push(n.to_string());
        }
        self.last_page = number.or(self.last_page);
    }

    /// Hands the string value at the reader's position to the sink, a buffer at a time.
    fn copy_string<R: Read>(&mut self, json: &mut JsonStreamReader<R>) -> Result<(), DecodeError> {
        self.pages.begin().map_err(DecodeError::Write)?;
        let mut value = json.next_string_reader()?;
        let mut buffer = [0u8; 16 * 1024];
        loop {
            let n = match value.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(DecodeError::Read(reading_failed(string_error(err)))),
            };
            self.pages.write(&buffer[..n]).map_err(DecodeError::Write)?;
        }
        drop(value);
        self.pages.end().map_err(DecodeError::Write)
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

/// How much one expanded part of a job response holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Extent {
    Pages {
        total: u64,
        failed: u64,
    },
    Images(u64),
    Characters(u64),
    Entries(u64),
    /// A number, boolean or other small value, as JSON text.
    Scalar(String),
    /// `result_content_metadata`: each result file with its size and link.
    Results(Value),
}

/// A job response reduced to what its summary shows: the job object and the extent of each
/// other part. Built while streaming, so a summary of a job with 100 MiB of markdown holds
/// only counts.
pub struct Summary {
    pub job: Value,
    pub parts: Vec<(String, Extent)>,
}

/// Reads a job response as it arrives and keeps only what its summary shows.
pub fn summarize(status: StatusCode, reader: impl Read) -> Result<Summary, Error> {
    let mut json = JsonStreamReader::new(BufReader::with_capacity(READ_BUFFER, reader));
    match json.peek() {
        Ok(ValueType::Object) => {}
        Ok(_) => {
            return Err(Error::InvalidResponse(
                "expected a JSON object with a job".to_string(),
            ));
        }
        Err(ReaderError::SyntaxError(err)) => {
            return Err(Error::InvalidResponse(format!(
                "the body is not JSON (HTTP {status}; {err})"
            )));
        }
        Err(err) => return Err(reading_failed(err)),
    }
    let summary = summary_of(&mut json)
        .and_then(|summary| Ok((summary, json.consume_trailing_whitespace()?)))
        .map_err(reading_failed)?
        .0;
    if !summary.job.is_object() {
        return Err(Error::InvalidResponse(
            "expected a JSON object with a job".to_string(),
        ));
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
        let extent = match (name.as_str(), kind) {
            ("job", _) => {
                summary.job = small_value(json)?;
                continue;
            }
            (_, ValueType::Null) => {
                json.skip_value()?;
                continue;
            }
            ("result_content_metadata", _) => Extent::Results(small_value(json)?),
            (_, ValueType::Object) => object_extent(json)?,
            (_, ValueType::Array) => {
                let mut n = 0;
                json.begin_array()?;
                while json.has_next()? {
                    json.skip_value()?;
                    n += 1;
                }
                json.end_array()?;
                Extent::Entries(n)
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
                Extent::Characters(chars)
            }
            _ => Extent::Scalar(small_value(json)?.to_string()),
        };
        summary.parts.push((name, extent));
    }
    json.end_object()?;
    Ok(summary)
}

/// An expanded part that is an object: its pages (and how many failed), its images, or its
/// number of entries; page contents are skipped unread.
fn object_extent<R: Read>(json: &mut JsonStreamReader<R>) -> Result<Extent, ReaderError> {
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
        (Some((total, failed)), _) => Extent::Pages { total, failed },
        (None, Some(images)) => Extent::Images(images),
        (None, None) => Extent::Entries(entries),
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
        let summary = summarize(StatusCode::OK, body.as_bytes()).unwrap();
        assert_eq!(summary.job["id"], "pjb-1");
        assert_eq!(summary.job["big"].to_string(), "123456789012345678901234567890");
        assert_eq!(
            summary.parts,
            [
                ("markdown".to_string(), Extent::Pages { total: 2, failed: 1 }),
                ("markdown_full".into(), Extent::Characters(10)),
                ("images_content_metadata".into(), Extent::Images(3)),
                ("items".into(), Extent::Entries(2)),
                ("metadata".into(), Extent::Entries(1)),
                ("n".into(), Extent::Scalar("5".into())),
                (
                    "result_content_metadata".into(),
                    Extent::Results(json!({"markdown": {"size_bytes": 10, "exists": true}}))
                ),
            ]
        );
        assert!(
            summarize(StatusCode::OK, &b"{\"markdown\": {}}"[..]).is_err(),
            "no job"
        );
    }
}
