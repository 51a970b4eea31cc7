//! One page of a listing as the server sent it: the body, and where each item and each other
//! top-level field is in it. Everything stays the server's own JSON text until a format needs
//! to look inside.

use std::fmt;
use std::ops::Range;

use reqwest::StatusCode;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::api::error::Error;

/// A page's items, as slices of its body.
#[derive(Debug)]
pub struct Page {
    body: String,
    items: Vec<Range<usize>>,
    /// Top-level fields other than `items`, `next_page_token` and `total_size`, in order.
    extra: Vec<(String, Range<usize>)>,
}

/// A parsed page envelope: its items and what the pager needs besides.
#[derive(Debug)]
pub(crate) struct Envelope {
    pub page: Page,
    pub next_page_token: Option<Value>,
    pub total_size: Option<Value>,
}

/// The top-level fields of an object, in order, duplicates included.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

impl Page {
    /// Parses a page body `{"items": [...], ...}` received with `status`.
    pub fn parse(status: StatusCode, body: Vec<u8>) -> Result<Envelope, Error> {
        let body = Error::body_text(status, body)?;
        // Only objects are pages.
        if !body.trim_start().starts_with('{') {
            return Err(explain(status, &body, None));
        }
        let fields: Fields<'_> =
            serde_json::from_str(&body).map_err(|err| explain(status, &body, Some(err)))?;
        let start = body.as_ptr() as usize;
        // Every value borrows from the body, so its place in the body is its pointer's offset.
        let place = |raw: &RawValue| {
            let offset = raw.get().as_ptr() as usize - start;
            offset..offset + raw.get().len()
        };
        let mut items = None;
        let mut next_page_token = None;
        let mut total_size = None;
        let mut extra = Vec::new();
        for (key, raw) in &fields.0 {
            match key.as_str() {
                "items" => items = Some(*raw),
                "next_page_token" => next_page_token = serde_json::from_str::<Value>(raw.get()).ok(),
                "total_size" => total_size = serde_json::from_str::<Value>(raw.get()).ok(),
                _ => extra.push((key.clone(), place(raw))),
            }
        }
        let Some(items) = items else {
            return Err(Error::InvalidResponse("the page has no items list".into()));
        };
        // `"items": null` is an empty (last) page, as the SDKs read it.
        let list: Vec<&RawValue> = if items.get() == "null" {
            Vec::new()
        } else {
            serde_json::from_str(items.get()).map_err(|_| {
                let found = serde_json::from_str::<Value>(items.get()).map_or("not a list", |v| kind(&v));
                Error::InvalidResponse(format!("items is {found}, not a list"))
            })?
        };
        let items = list.iter().map(|item| place(item)).collect();
        drop(fields);
        Ok(Envelope {
            page: Page { body, items, extra },
            next_page_token,
            total_size,
        })
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Keeps the first `n` items.
    pub fn truncate(&mut self, n: usize) {
        self.items.truncate(n);
    }

    /// Each item's JSON text, exactly as the server sent it.
    pub fn items(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|range| &self.body[range.clone()])
    }

    /// The page's other top-level fields, as the server's JSON text.
    pub fn extra(&self) -> impl Iterator<Item = (&str, &str)> {
        self.extra
            .iter()
            .map(|(key, range)| (key.as_str(), &self.body[range.clone()]))
    }
}

/// Why a body is not a page, in the words the user needs.
fn explain(status: StatusCode, body: &str, err: Option<serde_json::Error>) -> Error {
    match serde_json::from_str::<Value>(body) {
        Err(err) => Error::not_json(status, err, body.as_bytes()),
        Ok(Value::Object(_)) => {
            let why = err.map_or_else(String::new, |e| format!(" ({e})"));
            Error::InvalidResponse(format!("the page has an unexpected shape{why}"))
        }
        Ok(other) => {
            Error::InvalidResponse(format!("expected a JSON object with items, got {}", kind(&other)))
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<Envelope, Error> {
        Page::parse(StatusCode::OK, body.as_bytes().to_vec())
    }

    #[test]
    fn items_and_other_fields_are_the_server_s_own_text() {
        let envelope = parse(
            r#"{"items": [ {"id": "a", "n": 1e400}, 7 ,"x\u001b" ], "next_page_token": "t", "extra": 1e400, "extra": {"b":1}}"#,
        )
        .unwrap();
        let items: Vec<&str> = envelope.page.items().collect();
        assert_eq!(items, [r#"{"id": "a", "n": 1e400}"#, "7", r#""x\u001b""#]);
        assert_eq!(envelope.next_page_token, Some(Value::from("t")));
        assert_eq!(envelope.total_size, None);
        let extra: Vec<(&str, &str)> = envelope.page.extra().collect();
        assert_eq!(extra, [("extra", "1e400"), ("extra", r#"{"b":1}"#)]);
    }

    #[test]
    fn bodies_that_are_not_pages_say_why() {
        let message = |body: &str| parse(body).unwrap_err().to_string();
        assert!(
            message("<html>").starts_with("invalid response: the body is not JSON (HTTP 200 OK; "),
            "{}",
            message("<html>")
        );
        assert!(message("<html>").ends_with("): <html>"));
        assert_eq!(
            message("null"),
            "invalid response: expected a JSON object with items, got null"
        );
        assert_eq!(
            message("[1]"),
            "invalid response: expected a JSON object with items, got a list"
        );
        assert_eq!(
            message(r#"{"items": 5}"#),
            "invalid response: items is a number, not a list"
        );
        assert_eq!(
            message(r#"{"data": []}"#),
            "invalid response: the page has no items list"
        );
        assert!(
            Page::parse(StatusCode::OK, b"{\"items\":[\"\xff\"]}".to_vec())
                .unwrap_err()
                .to_string()
                .contains("invalid UTF-8")
        );
    }
}
