//! `--format markdown|text` straight from the response as it arrives: each page is written as
//! soon as it is parsed, so memory stays at one page whatever the size of the document.

use std::fmt;
use std::io::{self, Read, Write};

use serde::Deserialize as _;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::api;
use crate::error::Error;
use crate::output::job::{FailedPage, MissingContent, Part};
use crate::text::neutralize;

/// What streaming learned besides the text it wrote.
struct Stream<'w, W: Write> {
    out: &'w mut W,
    part: Part,
    /// Flush after every page (a terminal shows the document as it comes).
    flush_pages: bool,
    failed: Vec<FailedPage>,
    written_any: bool,
    ends_with_newline: bool,
    /// Whether the response had the part's `pages` at all.
    saw_pages: bool,
    /// The whole-document fallback (`markdown_full`), kept only if there are no pages.
    full: Option<String>,
    status: Option<String>,
    tier: Option<String>,
    last_page: Option<i64>,
    out_of_order: Vec<String>,
    /// An error writing the output, kept so that a closed pipe stays recognisable.
    write_error: Option<io::Error>,
}

/// What streaming learned besides the text it wrote.
#[derive(Debug, Default)]
pub struct Streamed {
    /// Pages the API could not parse.
    pub failed: Vec<FailedPage>,
    /// Page numbers that came after a higher one.
    pub out_of_order: Vec<String>,
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
        failed: Vec::new(),
        written_any: false,
        ends_with_newline: true,
        saw_pages: false,
        full: None,
        status: None,
        tier: None,
        last_page: None,
        out_of_order: Vec::new(),
        write_error: None,
    };
    let mut de = serde_json::Deserializer::from_reader(io::BufReader::with_capacity(256 * 1024, reader));
    let parsed = (&mut de)
        .deserialize_map(ResponseVisitor(&mut stream))
        .and_then(|()| de.end());
    if let Some(err) = stream.write_error.take() {
        return Err(Error::Io(err));
    }
    parsed.map_err(|err| match err.classify() {
        serde_json::error::Category::Io => {
            Error::Api(api::Error::Transport(format!("reading the response: {err}")))
        }
        _ => Error::Api(api::Error::InvalidResponse(format!(
            "the body is not a parse job ({err})"
        ))),
    })?;
    if !stream.saw_pages {
        match stream.full.take() {
            Some(full) => stream.write_page(&full)?,
            None => {
                return Err(Error::failure(
                    MissingContent {
                        part,
                        status: stream.status,
                        tier: stream.tier,
                    }
                    .to_string(),
                ));
            }
        }
    }
    if !stream.ends_with_newline {
        stream.out.write_all(b"\n")?;
    }
    Ok(Streamed {
        failed: stream.failed,
        out_of_order: stream.out_of_order,
    })
}

impl<W: Write> Stream<'_, W> {
    fn write_page(&mut self, content: &str) -> io::Result<()> {
        if self.written_any {
            self.out.write_all(b"\n\n")?;
        }
        self.out.write_all(content.as_bytes())?;
        self.written_any = true;
        self.ends_with_newline = content.is_empty() || content.ends_with('\n');
        if self.flush_pages {
            self.out.flush()?;
        }
        Ok(())
    }

    fn page(&mut self, page: PageView) -> Result<(), io::Error> {
        let number = page.page_number.as_ref().and_then(Value::as_i64);
        if let (Some(n), Some(last)) = (number, self.last_page)
            && n < last
        {
            self.out_of_order.push(n.to_string());
        }
        self.last_page = number.or(self.last_page);
        match page.content {
            Some(content) if page.success != Some(false) => self.write_page(&content),
            _ => {
                self.failed.push(FailedPage {
                    page_number: page.page_number.map_or_else(|| "?".into(), |n| n.to_string()),
                    error: page.error.map_or_else(
                        || format!("no {} in the page", self.part.expand()),
                        |e| neutralize(&e).into_owned(),
                    ),
                });
                Ok(())
            }
        }
    }
}

/// Accepts any scalar as "nothing here": a part or pages of the wrong shape count as absent.
macro_rules! ignore_scalars {
    () => {
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            Ok(())
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            Ok(())
        }

        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            Ok(())
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            Ok(())
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            Ok(())
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
    };
}

/// The top-level object: `job.status`, the part's pages, the `*_full` fallback; the rest skipped.
struct ResponseVisitor<'s, 'w, W: Write>(&'s mut Stream<'w, W>);

impl<'de, W: Write> Visitor<'de> for ResponseVisitor<'_, '_, W> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with a job")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (pages_key, full_key) = self.0.part.fields();
        while let Some(key) = map.next_key::<String>()? {
            if key == pages_key {
                map.next_value_seed(PartSeed(&mut *self.0))?;
            } else if key == full_key {
                self.0.full = map.next_value::<Option<String>>().ok().flatten();
            } else if key == "job" {
                let job: Value = map.next_value()?;
                self.0.status = job.get("status").and_then(Value::as_str).map(str::to_string);
                self.0.tier = job.get("tier").and_then(Value::as_str).map(str::to_string);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// `{"pages": [...]}` of the part; anything else in it (or a part that is not an object) is
/// treated as "no pages".
struct PartSeed<'s, 'w, W: Write>(&'s mut Stream<'w, W>);

impl<'de, W: Write> DeserializeSeed<'de> for PartSeed<'_, '_, W> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, W: Write> Visitor<'de> for PartSeed<'_, '_, W> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with pages")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "pages" {
                map.next_value_seed(PagesSeed(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    ignore_scalars!();

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// The pages array: each page is parsed, written and dropped before the next.
struct PagesSeed<'s, 'w, W: Write>(&'s mut Stream<'w, W>);

impl<'de, W: Write> DeserializeSeed<'de> for PagesSeed<'_, '_, W> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, W: Write> Visitor<'de> for PagesSeed<'_, '_, W> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of pages")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.saw_pages = true;
        let field = self.0.part.expand();
        while let Some(page) = seq.next_element_seed(PageSeed { field })? {
            if let Err(err) = self.0.page(page) {
                self.0.write_error = Some(err);
                return Err(de::Error::custom("the output could not be written"));
            }
        }
        Ok(())
    }

    ignore_scalars!();

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// One page, with only the fields used; a page that is not an object has none of them.
#[derive(Default)]
struct PageView {
    page_number: Option<Value>,
    content: Option<String>,
    success: Option<bool>,
    error: Option<String>,
}

struct PageSeed {
    field: &'static str,
}

impl<'de> DeserializeSeed<'de> for PageSeed {
    type Value = PageView;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<PageView, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let Value::Object(mut page) = value else {
            return Ok(PageView::default());
        };
        Ok(PageView {
            page_number: page.remove("page_number"),
            content: match page.remove(self.field) {
                Some(Value::String(s)) => Some(s),
                _ => None,
            },
            success: page.get("success").and_then(Value::as_bool),
            error: match page.remove("error") {
                Some(Value::String(s)) => Some(s),
                _ => None,
            },
        })
    }
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
