//! The decoder of a document's pages: a state machine over the job response that hands each
//! page's text to the sink as it is read, notes pages that failed or came out of order, and
//! says what content is missing when there is none.

use std::io::{self, BufReader, Read};

use serde_json::Value;
use struson::reader::{JsonReader, JsonStreamReader, ValueType};

use crate::api::document::pages::{DecodeError, Decoded, FailedPage, MissingContent, Pages};
use crate::api::document::read::{READ_BUFFER, reading_failed, string_error};
use crate::api::models::Part;
use crate::text::neutralize;

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
