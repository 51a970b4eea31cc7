//! The wording of a non-success answer: the server's message in one line (FastAPI's `detail`
//! and its validation lists, other services' `message` or `error`), or the start of a body that
//! is not JSON; and what a status means when the server does not say.

use reqwest::StatusCode;
use serde_json::Value;

use crate::text::one_line;

/// How much of the server's message goes into the one-line error.
pub(super) const DETAIL_CHARS: usize = 300;
/// How much of a body that is not JSON is quoted.
const BODY_EXCERPT_CHARS: usize = 120;

/// What a status means, when nothing more is known.
pub(super) fn default_hint(status: StatusCode) -> Option<&'static str> {
    Some(match status.as_u16() {
        401 => "check the API key and the region: a key works only in the region it was created in",
        402 => "the organization is out of credits",
        429 => "rate limited; wait a moment and try again",
        500..=599 => "the service failed; try again later",
        _ => return None,
    })
}

/// FastAPI's `detail` is a string or a list of `{loc, msg, type}`; other services use
/// `message` or `error`. Falls back to the compact JSON.
pub(super) fn detail_of(body: &Value) -> String {
    let detail = body
        .get("detail")
        .or_else(|| body.get("details"))
        .or_else(|| body.get("message"))
        .or_else(|| body.get("error"));
    match detail {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(entries)) => entries
            .iter()
            .map(validation_entry)
            .collect::<Vec<_>>()
            .join("; "),
        Some(Value::Object(obj)) => match obj.get("message").or_else(|| obj.get("msg")) {
            Some(Value::String(s)) => s.clone(),
            _ => Value::Object(obj.clone()).to_string(),
        },
        Some(other) => other.to_string(),
        None => body.to_string(),
    }
}

/// `query.page_size: Input should be greater than 0`.
fn validation_entry(entry: &Value) -> String {
    let msg = match entry.get("msg") {
        Some(Value::String(s)) => s.clone(),
        _ => return entry.to_string(),
    };
    match entry.get("loc").and_then(Value::as_array) {
        Some(loc) if !loc.is_empty() => {
            let path = loc
                .iter()
                .map(|part| part.as_str().map_or_else(|| part.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(".");
            format!("{path}: {msg}")
        }
        _ => msg,
    }
}

/// The start of a body, one line; "empty response body" when there is nothing.
pub(super) fn text_excerpt(body: &[u8]) -> String {
    let start = &body[..body.len().min(BODY_EXCERPT_CHARS * 4)];
    let text = String::from_utf8_lossy(start);
    if text.trim().is_empty() {
        "empty response body".to_string()
    } else {
        one_line(&text, BODY_EXCERPT_CHARS)
    }
}

#[cfg(test)]
mod tests {
    use reqwest::StatusCode;
    use serde_json::Value;

    use crate::api::error::Error;

    fn err(status: u16, body: &str) -> Error {
        Error::status(StatusCode::from_u16(status).unwrap(), body.as_bytes())
    }

    #[test]
    fn detail_as_a_string() {
        assert_eq!(
            err(404, r#"{"detail":"Job not found"}"#).to_string(),
            "HTTP 404 Not Found: Job not found"
        );
    }

    #[test]
    fn detail_as_a_validation_list() {
        let e = err(
            422,
            r#"{"detail":[{"loc":["query","page_size"],"msg":"Input should be greater than 0","type":"greater_than"},{"loc":["query",0],"msg":"bad"}]}"#,
        );
        assert_eq!(
            e.to_string(),
            "HTTP 422 Unprocessable Entity: query.page_size: Input should be greater than 0; query.0: bad"
        );
    }

    #[test]
    fn html_empty_and_huge_bodies() {
        let e = err(
            502,
            "<html>\n<head><title>502 Bad Gateway</title></head>\n</html>",
        );
        assert!(
            e.to_string()
                .starts_with("HTTP 502 Bad Gateway: <html> <head><title>502 Bad Gateway</title>")
        );
        assert_eq!(
            e.status_error().unwrap().body,
            Some(Value::String(
                "<html>\n<head><title>502 Bad Gateway</title></head>\n</html>".into()
            ))
        );
        assert!(
            err(503, "")
                .to_string()
                .starts_with("HTTP 503 Service Unavailable: empty response body")
        );
        let huge = serde_json::json!({"detail": "x".repeat(3_000_000)}).to_string();
        assert!(err(400, &huge).to_string().len() < 400);
    }

    #[test]
    fn control_characters_in_details_are_neutralised() {
        assert!(
            !err(400, "{\"detail\":\"bad \\u001b[31mred\"}")
                .to_string()
                .contains('\u{1b}')
        );
    }
}
