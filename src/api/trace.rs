//! The `--debug` log: each request and response on stderr, with the key, secret-looking header
//! values, secrets in request bodies and the signatures of presigned links masked.

use std::borrow::Cow;
use std::time::Instant;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};

use crate::context::Stderr;
use crate::secret::{ApiKey, redact};
use crate::text::neutralize;

/// How much of each response body the log shows.
const BODY_BYTES: usize = 2048;

/// Where the log goes, if it is on.
pub(super) struct Trace(pub(super) Option<Stderr>);

impl Trace {
    pub(super) fn line(&self, line: std::fmt::Arguments<'_>) {
        if let Some(log) = &self.0 {
            log.line(&format!("debug: {}", redact(&line.to_string())));
        }
    }

    pub(super) fn response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8], started: Instant) {
        if self.0.is_none() {
            return;
        }
        self.line(format_args!(
            "< {} {} in {} ms, {} bytes",
            status.as_u16(),
            status.canonical_reason().unwrap_or(""),
            started.elapsed().as_millis(),
            body.len()
        ));
        self.headers(headers);
        let shown = &body[..body.len().min(BODY_BYTES)];
        let more = if body.len() > shown.len() { "…" } else { "" };
        self.line(format_args!(
            "< {}{more}",
            neutralize(&without_signatures(&String::from_utf8_lossy(shown)))
        ));
    }

    pub(super) fn headers(&self, headers: &HeaderMap) {
        if self.0.is_none() {
            return;
        }
        for (name, value) in headers {
            self.line(format_args!("< {name}: {}", shown_value(name.as_str(), value)));
        }
    }
}

/// Header names whose values the log masks.
pub(super) fn is_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["key", "token", "secret", "authorization", "cookie", "password"]
        .iter()
        .any(|word| name.contains(word))
}

/// A response body as the log shows it: the query (the signature) of every presigned link cut.
fn without_signatures(text: &str) -> Cow<'_, str> {
    const KEY: &str = "\"presigned_url\":\"";
    if !text.contains(KEY) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let start = at + KEY.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        match rest[..end].find('?') {
            Some(query) => {
                out.push_str(&rest[..query]);
                out.push_str("?…");
            }
            None => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A request body as the log shows it: values under secret-looking keys (and proxies, whose
/// URLs may carry a password) masked.
pub(super) fn shown_body(json: &str) -> String {
    fn mask(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    if is_secret(key) || key.to_ascii_lowercase().contains("proxy") {
                        *value = serde_json::Value::String("…".into());
                    } else {
                        mask(value);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(mask),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(mut value) => {
            mask(&mut value);
            neutralize(&value.to_string()).into_owned()
        }
        Err(_) => format!("{} bytes", json.len()),
    }
}

/// A header value as the log shows it.
pub(super) fn shown_value(name: &str, value: &HeaderValue) -> String {
    let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
    if is_secret(name) {
        ApiKey::new(text).masked()
    } else {
        neutralize(&text).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presigned_links_are_shown_without_their_signature() {
        assert_eq!(
            without_signatures(
                r#"{"a":{"presigned_url":"https://s3/x.md?X-Amz-Signature=s&e=1"},"presigned_url":"https://h/p"}"#
            ),
            r#"{"a":{"presigned_url":"https://s3/x.md?…"},"presigned_url":"https://h/p"}"#
        );
    }

    #[test]
    fn bodies_are_shown_without_secrets() {
        assert_eq!(
            shown_body(
                r#"{"tier":"fast","http_proxy":"http://u:pw@proxy","input_options":{"api_key":"s"},"n":[{"token":"t"}]}"#
            ),
            r#"{"tier":"fast","http_proxy":"…","input_options":{"api_key":"…"},"n":[{"token":"…"}]}"#
        );
        assert_eq!(shown_body("not json"), "8 bytes");
    }
}
