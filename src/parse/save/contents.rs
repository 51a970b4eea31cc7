//! What the full result of a document holds beside its text, read in one streaming pass: its
//! pages' numbers (in the order the decoder hands the pages over), their printed labels, its
//! images and spreadsheet with their links, whether it has items; and the items copied out as
//! they are read. Page texts and items are skipped or streamed, never held.

use std::collections::HashMap;
use std::io::{BufReader, Read, Write};

use struson::reader::{JsonReader, JsonStreamReader, ReaderError, TransferError, ValueType};
use struson::writer::{JsonStreamWriter, JsonWriter};

use crate::api::document::reading_failed;
use crate::api::models::Part;
use crate::error::Error;

/// How much of the result is read at a time.
const READ_BUFFER: usize = 64 * 1024;

/// What the full result holds beside its text.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Contents {
    /// The `page_number` of each page `api::document::decode` hands over (its text or its
    /// failure), in that order: the i-th page handed over is `pages[i]`. A number as JSON
    /// gives it (`7`), a string unquoted; `"?"` when a page has none. Empty when the document
    /// is handed over as the whole-document string (`markdown_full`, `text_full`).
    pub(crate) pages: Vec<String>,
    /// `metadata.pages[]`: page number → `printed_page_number`.
    pub(crate) printed: HashMap<String, String>,
    /// `images_content_metadata.images[]`, in the API's order.
    pub(crate) images: Vec<Image>,
    /// `result_content_metadata.xlsx.presigned_url`, unless the spreadsheet does not exist.
    pub(crate) xlsx: Option<String>,
    /// The result has an `items` object.
    pub(crate) items: bool,
}

/// An image the result lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Image {
    /// The API's name for it (not yet safe for a file system: `render::safe_name`).
    pub(crate) filename: String,
    /// `embedded`, `layout`, `screenshot`, or `""` when the API gives none.
    pub(crate) category: String,
    /// Its presigned link.
    pub(crate) link: Option<String>,
}

/// Reads the full result in `reader` in one pass and keeps what it holds beside the text of
/// `part`. A body that is not a JSON object is an invalid response, worded as the decoder
/// words it.
pub(crate) fn read(reader: impl Read, part: Part) -> Result<Contents, Error> {
    let mut json = JsonStreamReader::new(BufReader::with_capacity(READ_BUFFER, reader));
    let mut reading = Reading {
        part,
        contents: Contents::default(),
        saw_pages: false,
        whole: false,
    };
    reading
        .document(&mut json)
        .and_then(|()| json.consume_trailing_whitespace())
        .map_err(invalid)?;
    if reading.whole {
        // The whole-document string was handed over first: no page text follows it.
        reading.contents.pages.clear();
    }
    Ok(reading.contents)
}

/// Writes the result's top-level `items` value (`{"pages": [...]}`) to `out` as JSON, streamed
/// as it is read. Returns whether the result has one.
pub(crate) fn copy_items(reader: impl Read, out: &mut impl Write) -> Result<bool, Error> {
    let mut json = JsonStreamReader::new(BufReader::with_capacity(READ_BUFFER, reader));
    let mut copied = false;
    let copy = || -> Result<(), TransferError> {
        json.begin_object()?;
        while json.has_next()? {
            let name = json.next_name_owned()?;
            if name == "items" && !copied && json.peek()? == ValueType::Object {
                let mut writer = JsonStreamWriter::new(&mut *out);
                json.transfer_to(&mut writer)?;
                writer.finish_document()?;
                copied = true;
            } else {
                json.skip_value()?;
            }
        }
        json.end_object()?;
        json.consume_trailing_whitespace()?;
        Ok(())
    };
    match copy() {
        Ok(()) => Ok(copied),
        Err(TransferError::ReaderError(err)) => Err(invalid(err)),
        Err(TransferError::WriterError(err)) => Err(Error::Io(err)),
    }
}

fn invalid(err: ReaderError) -> Error {
    Error::Api(reading_failed(err))
}

/// The state of one pass, mirroring the decoder's choice of what it hands over.
struct Reading {
    part: Part,
    contents: Contents,
    /// The part's `pages` array was seen.
    saw_pages: bool,
    /// The whole-document string came before any pages (the decoder hands it over instead).
    whole: bool,
}

type Json<R> = JsonStreamReader<R>;

impl Reading {
    fn document<R: Read>(&mut self, json: &mut Json<R>) -> Result<(), ReaderError> {
        let (pages_key, full_key) = self.part.fields();
        json.begin_object()?;
        while json.has_next()? {
            let name = json.next_name_owned()?;
            let kind = json.peek()?;
            match (name.as_str(), kind) {
                (key, ValueType::Object) if key == pages_key => self.part_object(json)?,
                (key, ValueType::String) if key == full_key && !self.saw_pages => {
                    json.skip_value()?;
                    self.whole = true;
                }
                ("metadata", ValueType::Object) => {
                    in_array(json, "pages", |json| self.printed(json))?;
                }
                ("images_content_metadata", ValueType::Object) => {
                    in_array(json, "images", |json| self.image(json))?;
                }
                ("result_content_metadata", ValueType::Object) => self.results(json)?,
                ("items", ValueType::Object) => {
                    json.skip_value()?;
                    self.contents.items = true;
                }
                _ => json.skip_value()?,
            }
        }
        json.end_object()
    }

    /// `{"pages": [...], ...}` of the part: each page's number, its text skipped unread.
    fn part_object<R: Read>(&mut self, json: &mut Json<R>) -> Result<(), ReaderError> {
        let pages = &mut self.contents.pages;
        let saw = in_array(json, "pages", |json| {
            let mut number = None;
            if json.peek()? == ValueType::Object {
                fields(json, |name, json| match name {
                    // A later number replaces an earlier one; a null leaves it, as the decoder.
                    "page_number" => label(json).map(|n| number = n.or(number.take())),
                    _ => json.skip_value(),
                })?;
            } else {
                json.skip_value()?;
            }
            pages.push(number.unwrap_or_else(|| "?".into()));
            Ok(())
        })?;
        self.saw_pages |= saw;
        Ok(())
    }

    /// One page of `metadata.pages`.
    fn printed<R: Read>(&mut self, json: &mut Json<R>) -> Result<(), ReaderError> {
        let (mut number, mut printed) = (None, None);
        if json.peek()? != ValueType::Object {
            return json.skip_value();
        }
        fields(json, |name, json| match name {
            "page_number" => label(json).map(|n| number = n),
            "printed_page_number" => label(json).map(|p| printed = p),
            _ => json.skip_value(),
        })?;
        if let (Some(number), Some(printed)) = (number, printed) {
            self.contents.printed.insert(number, printed);
        }
        Ok(())
    }

    /// One entry of `images_content_metadata.images`.
    fn image<R: Read>(&mut self, json: &mut Json<R>) -> Result<(), ReaderError> {
        if json.peek()? != ValueType::Object {
            return json.skip_value();
        }
        let (mut filename, mut category, mut link) = (String::new(), String::new(), None);
        fields(json, |name, json| match (name, json.peek()?) {
            ("filename", ValueType::String) => json.next_string().map(|s| filename = s),
            ("category", ValueType::String) => json.next_string().map(|s| category = s),
            ("presigned_url", ValueType::String) => json.next_string().map(|s| link = Some(s)),
            _ => json.skip_value(),
        })?;
        self.contents.images.push(Image {
            filename,
            category,
            link,
        });
        Ok(())
    }

    /// `result_content_metadata`: the spreadsheet's link, unless it does not exist.
    fn results<R: Read>(&mut self, json: &mut Json<R>) -> Result<(), ReaderError> {
        fields(json, |name, json| {
            if name != "xlsx" || json.peek()? != ValueType::Object {
                return json.skip_value();
            }
            let (mut exists, mut link) = (true, None);
            fields(json, |name, json| match (name, json.peek()?) {
                ("exists", ValueType::Boolean) => json.next_bool().map(|b| exists = b),
                ("presigned_url", ValueType::String) => json.next_string().map(|s| link = Some(s)),
                _ => json.skip_value(),
            })?;
            self.contents.xlsx = link.filter(|_| exists);
            Ok(())
        })
    }
}

/// Each field of the object at the reader's position, by name.
fn fields<R: Read>(
    json: &mut Json<R>,
    mut field: impl FnMut(&str, &mut Json<R>) -> Result<(), ReaderError>,
) -> Result<(), ReaderError> {
    json.begin_object()?;
    while json.has_next()? {
        let name = json.next_name_owned()?;
        field(&name, json)?;
    }
    json.end_object()
}

/// Each element of the array `key` of the object at the reader's position (other fields
/// skipped). Returns whether there was such an array.
fn in_array<R: Read>(
    json: &mut Json<R>,
    key: &str,
    mut element: impl FnMut(&mut Json<R>) -> Result<(), ReaderError>,
) -> Result<bool, ReaderError> {
    let mut seen = false;
    fields(json, |name, json| {
        if name != key || json.peek()? != ValueType::Array {
            return json.skip_value();
        }
        seen = true;
        json.begin_array()?;
        while json.has_next()? {
            element(json)?;
        }
        json.end_array()
    })?;
    Ok(seen)
}

/// A page number or label: a number as JSON writes it, a string as it is; anything else none.
fn label<R: Read>(json: &mut Json<R>) -> Result<Option<String>, ReaderError> {
    match json.peek()? {
        ValueType::Number => json.next_number_as_string().map(Some),
        ValueType::String => json.next_string().map(Some),
        _ => json.skip_value().map(|()| None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::document::{self, FailedPage, Pages};
    use serde_json::{Value, json};

    /// The page number of each page the decoder hands over, as the decoder numbers it.
    #[derive(Default)]
    struct Handed(Vec<String>);

    impl Pages for Handed {
        fn begin(&mut self) -> std::io::Result<()> {
            self.0.push("text".into());
            Ok(())
        }
        fn write(&mut self, _: &[u8]) -> std::io::Result<()> {
            Ok(())
        }
        fn end(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        fn failed(&mut self, page: &FailedPage) -> std::io::Result<()> {
            self.0.push(format!("failed {}", page.page_number));
            Ok(())
        }
    }

    fn contents(body: &Value, part: Part) -> Contents {
        read(body.to_string().as_bytes(), part).unwrap()
    }

    /// `pages` has one entry per page the decoder hands over, in its order.
    fn handed(body: &Value, part: Part) -> usize {
        let mut handed = Handed::default();
        let bytes = body.to_string();
        let _ = document::decode(bytes.as_bytes(), part, &mut handed);
        handed.0.len()
    }

    #[test]
    fn a_full_result_gives_what_it_holds_beside_its_text() {
        let body = json!({
            "job": {"id": "pjb-1", "status": "COMPLETED"},
            "markdown": {"pages": [
                {"page_number": 1, "markdown": "x".repeat(10_000), "success": true},
                {"markdown": "no number"},
                {"page_number": "iv", "markdown": "string"},
                {"page_number": 3, "error": "OCR timeout", "success": false},
                7,
                {"page_number": 5, "markdown": "five"},
            ]},
            "text": {"pages": [{"page_number": 9, "text": "t"}]},
            "items": {"pages": [{"page_number": 1, "items": []}]},
            "metadata": {"pages": [
                {"page_number": 1, "printed_page_number": "i", "confidence": 0.9},
                {"page_number": 3, "printed_page_number": 12},
                {"page_number": 4},
                "odd",
            ]},
            "images_content_metadata": {"total_count": 3, "images": [
                {"filename": "page_1.jpg", "category": "screenshot", "presigned_url": "https://f/1", "index": 0,
                 "bbox": {"x": 1}},
                {"filename": "a.png"},
                {"category": "layout", "presigned_url": null},
            ]},
            "result_content_metadata": {"markdown": {"exists": true, "presigned_url": "https://f/m"},
                "xlsx": {"size_bytes": 10, "exists": true, "presigned_url": "https://f/x"}},
        });
        let found = contents(&body, Part::Markdown);
        assert_eq!(found.pages, ["1", "?", "iv", "3", "?", "5"]);
        assert_eq!(found.pages.len(), handed(&body, Part::Markdown));
        assert_eq!(
            found.printed,
            HashMap::from([("1".into(), "i".into()), ("3".into(), "12".into())])
        );
        let image = |filename: &str, category: &str, link: Option<&str>| Image {
            filename: filename.into(),
            category: category.into(),
            link: link.map(str::to_string),
        };
        assert_eq!(
            found.images,
            [
                image("page_1.jpg", "screenshot", Some("https://f/1")),
                image("a.png", "", None),
                image("", "layout", None),
            ]
        );
        assert_eq!(found.xlsx.as_deref(), Some("https://f/x"));
        assert!(found.items);
        let text = contents(&body, Part::Text);
        assert_eq!(text.pages, ["9"]);
    }

    #[test]
    fn pages_are_the_ones_the_decoder_hands_over() {
        let page = json!({"page_number": 2, "markdown": "two"});
        let failed = json!({"page_number": 3, "success": false, "markdown": "x"});
        for (body, pages) in [
            // The whole document alone: no pages.
            (json!({"markdown_full": "all"}), vec![]),
            // The whole document first: it is handed over, the pages after it are not.
            (
                json!({"markdown_full": "all", "markdown": {"pages": [page, failed]}}),
                vec![],
            ),
            // Pages first: the whole document after them is skipped.
            (
                json!({"markdown": {"pages": [page]}, "markdown_full": "all"}),
                vec!["2"],
            ),
            (json!({"markdown": {"pages": []}, "markdown_full": "all"}), vec![]),
            (json!({"markdown": {"pages": "many"}, "markdown_full": 7}), vec![]),
        ] {
            let found = contents(&body, Part::Markdown);
            assert_eq!(found.pages, pages, "{body}");
            if !found.pages.is_empty() {
                assert_eq!(found.pages.len(), handed(&body, Part::Markdown), "{body}");
            }
        }
        // Keys twice (JSON allows it): every array, every page; a null number keeps the last.
        let twice = r#"{"markdown": {"pages": [{"page_number": 2, "page_number": null, "markdown": "a"}],
            "pages": [{"page_number": 3}]}, "markdown": {"pages": [{"page_number": 4, "markdown": "b"}]}}"#;
        let found = read(twice.as_bytes(), Part::Markdown).unwrap();
        assert_eq!(found.pages, ["2", "3", "4"]);
        let mut handed = Handed::default();
        document::decode(twice.as_bytes(), Part::Markdown, &mut handed).unwrap();
        assert_eq!(handed.0, ["text", "failed 3", "text"]);
        let none = contents(
            &json!({"result_content_metadata": {"xlsx": {"exists": false,
            "presigned_url": "https://f/x"}}, "items": null}),
            Part::Text,
        );
        assert_eq!(none, Contents::default());
    }

    #[test]
    fn items_are_copied_as_json() {
        let items = json!({"pages": [{"page_number": 1, "items": [{"type": "text", "md": "é \"q\"",
            "value": "v", "bbox": [{"x": 1.5, "y": 2e3}]}]}]});
        let body = json!({"markdown": {"pages": [{"markdown": "m"}]}, "items": items, "job": {}});
        let mut out = Vec::new();
        assert!(copy_items(body.to_string().as_bytes(), &mut out).unwrap());
        let copied: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(copied, items);
        let mut out = Vec::new();
        assert!(!copy_items(&b"{\"items\": null, \"job\": {}}"[..], &mut out).unwrap());
        assert!(out.is_empty());
    }

    #[test]
    fn a_body_that_is_not_a_job_is_an_invalid_response() {
        for body in [
            &b"[1, 2]"[..],
            b"not json",
            b"{\"markdown\": {\"pages\": [",
            b"{} x",
        ] {
            let err = read(body, Part::Markdown).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("invalid response: the body is not a parse job"),
                "{err}"
            );
            let err = copy_items(body, &mut Vec::new()).unwrap_err();
            assert!(err.to_string().starts_with("invalid response"), "{err}");
        }
    }
}
