//! One page of a listing as the server sent it: the body, and where each item is in it. Items
//! stay the server's own JSON text until a format needs to look inside them.

use std::ops::Range;

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::api::error::InvalidResponse;

/// A page's items, as slices of its body.
#[derive(Debug)]
pub struct Page {
    body: String,
    items: Vec<Range<usize>>,
}

/// A parsed page envelope: its items and what the pager needs besides.
#[derive(Debug)]
pub struct Envelope {
    pub page: Page,
    pub next_page_token: Option<Value>,
    pub total_size: Option<Value>,
}

#[derive(Deserialize)]
struct RawEnvelope<'a> {
    #[serde(borrow, default)]
    items: Option<&'a RawValue>,
    #[serde(default)]
    next_page_token: Option<Value>,
    #[serde(default)]
    total_size: Option<Value>,
}

impl Page {
    /// Parses a page body `{"items": [...], ...}`; other fields are ignored.
    pub fn parse(body: Vec<u8>) -> anyhow::Result<Envelope> {
        let body = String::from_utf8(body).map_err(|err| {
            InvalidResponse(format!(
                "the body is not JSON (invalid UTF-8: {})",
                err.utf8_error()
            ))
        })?;
        // serde would also read a struct from a JSON array, by position: only objects are pages.
        if !body.trim_start().starts_with('{') {
            return Err(explain(&body, None));
        }
        let raw: RawEnvelope<'_> = serde_json::from_str(&body).map_err(|err| explain(&body, Some(err)))?;
        let Some(items) = raw.items else {
            return Err(InvalidResponse("the page has no items list".into()).into());
        };
        let list: Vec<&RawValue> = serde_json::from_str(items.get()).map_err(|_| {
            let found = serde_json::from_str::<Value>(items.get()).map_or("not a list", |v| kind(&v));
            InvalidResponse(format!("items is {found}, not a list"))
        })?;
        // Every item borrows from the body, so its place in the body is its pointer's offset.
        let start = body.as_ptr() as usize;
        let items = list
            .iter()
            .map(|item| {
                let offset = item.get().as_ptr() as usize - start;
                offset..offset + item.get().len()
            })
            .collect();
        let (next_page_token, total_size) = (raw.next_page_token, raw.total_size);
        Ok(Envelope {
            page: Page { body, items },
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
}

/// Why a body is not a page, in the words the user needs.
fn explain(body: &str, err: Option<serde_json::Error>) -> anyhow::Error {
    match serde_json::from_str::<Value>(body) {
        Err(err) => InvalidResponse(format!("the body is not JSON ({err})")).into(),
        Ok(Value::Object(_)) => {
            let why = err.map_or_else(String::new, |e| format!(" ({e})"));
            InvalidResponse(format!("the page has an unexpected shape{why}")).into()
        }
        Ok(other) => {
            InvalidResponse(format!("expected a JSON object with items, got {}", kind(&other))).into()
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

    fn parse(body: &str) -> anyhow::Result<Envelope> {
        Page::parse(body.as_bytes().to_vec())
    }

    #[test]
    fn items_are_the_server_s_own_text() {
        let envelope = parse(
            r#"{"items": [ {"id": "a", "n": 1e400}, 7 ,"x\u001b" ], "next_page_token": "t", "extra": 1}"#,
        )
        .unwrap();
        let items: Vec<&str> = envelope.page.items().collect();
        assert_eq!(items, [r#"{"id": "a", "n": 1e400}"#, "7", r#""x\u001b""#]);
        assert_eq!(envelope.next_page_token, Some(Value::from("t")));
        assert_eq!(envelope.total_size, None);
    }

    #[test]
    fn bodies_that_are_not_pages_say_why() {
        let message = |body: &str| parse(body).unwrap_err().to_string();
        assert!(message("<html>").starts_with("invalid response: the body is not JSON"));
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
            message(r#"{"items": null}"#),
            "invalid response: the page has no items list"
        );
        assert_eq!(
            message(r#"{"data": []}"#),
            "invalid response: the page has no items list"
        );
        assert!(
            Page::parse(b"{\"items\":[\"\xff\"]}".to_vec())
                .unwrap_err()
                .to_string()
                .contains("invalid UTF-8")
        );
    }
}
