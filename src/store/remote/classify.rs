//! What went wrong with a request to a shared store, in the three kinds its callers act on, each
//! said with the store's URL and never with a secret: no response body but its error code and
//! message, no query string of a URL (an Azure SAS token travels in one).

use std::fmt;

use object_store::client::{HttpError, HttpErrorKind};

/// Why a shared store could not do what it was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RemoteError {
    /// The store cannot be reached or will not answer: no connection, a timeout, 5xx (or
    /// throttling) after object_store's retries, credentials refused (401/403). A run stops
    /// creating jobs rather than go on blind.
    Unreachable(String),
    /// The store cannot do what the shared store needs (create-if-absent, conditional updates).
    Unsupported(String),
    /// Anything else: a bad URL, a request the store refused, a local file.
    Failed(String),
}

impl RemoteError {
    pub(crate) fn message(&self) -> &str {
        match self {
            RemoteError::Unreachable(m) | RemoteError::Unsupported(m) | RemoteError::Failed(m) => m,
        }
    }
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for RemoteError {}

/// The prefix of object_store's words for a response with an error status (its `RequestError`,
/// which it does not export by name).
const STATUS: &str = "Server returned non-2xx status code: ";
/// Its words for an error in a 200's body (S3's InternalError, SlowDown).
const ERROR_RESPONSE: &str = "Server returned error response: ";

pub(super) fn classify(url: &str, doing: &str, path: &str, error: object_store::Error) -> RemoteError {
    let what = if path.is_empty() {
        format!("{doing} in the store {url}")
    } else {
        format!("{doing} {path} in the store {url}")
    };
    match &error {
        object_store::Error::Unauthenticated { .. } | object_store::Error::PermissionDenied { .. } => {
            let status = status(&error)
                .map(|(code, reason)| format!(" ({code} {reason})"))
                .unwrap_or_default();
            return RemoteError::Unreachable(format!(
                "cannot {what}: the store refused the credentials{status}; check those the environment gives \
                 (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, GOOGLE_SERVICE_ACCOUNT, AZURE_STORAGE_ACCOUNT_KEY...)"
            ));
        }
        object_store::Error::NotImplemented { .. } | object_store::Error::NotSupported { .. } => {
            return RemoteError::Unsupported(format!("cannot {what}: {}", redact(&error.to_string())));
        }
        _ => {}
    }
    if let Some(kind) = transport(&error) {
        let cause = deepest(&error);
        let kind = match kind {
            HttpErrorKind::Timeout => "timed out",
            HttpErrorKind::Connect => "no connection",
            _ => "the connection failed",
        };
        return RemoteError::Unreachable(format!("cannot {what}: {kind} ({})", redact(&cause)));
    }
    if let Some((code, reason)) = status(&error) {
        let said = body_code(&error);
        if code >= 500 || code == 429 || code == 408 {
            return RemoteError::Unreachable(format!(
                "cannot {what}: the store answered {code} {reason}{said}, again after retries"
            ));
        }
        return RemoteError::Failed(format!("cannot {what}: the store answered {code} {reason}{said}"));
    }
    if chain(&error).any(|e| e.to_string().starts_with(ERROR_RESPONSE)) {
        return RemoteError::Unreachable(format!(
            "cannot {what}: the store answered with an error{}, again after retries",
            body_code(&error)
        ));
    }
    RemoteError::Failed(format!("cannot {what}: {}", redact(&error.to_string())))
}

fn chain<'a>(error: &'a object_store::Error) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    let first: &'a (dyn std::error::Error + 'static) = error;
    std::iter::successors(Some(first), |e: &&'a (dyn std::error::Error + 'static)| {
        (*e).source()
    })
}

/// The kind of the transport failure behind `error`, if it is one.
fn transport(error: &object_store::Error) -> Option<HttpErrorKind> {
    chain(error)
        .find_map(|e| e.downcast_ref::<HttpError>())
        .map(HttpError::kind)
        .filter(|kind| {
            matches!(
                kind,
                HttpErrorKind::Connect
                    | HttpErrorKind::Request
                    | HttpErrorKind::Timeout
                    | HttpErrorKind::Interrupted
            )
        })
}

/// The innermost cause's words ("Connection refused (os error 111)").
fn deepest(error: &object_store::Error) -> String {
    chain(error).last().map(|e| e.to_string()).unwrap_or_default()
}

/// The status of the response behind `error`, and its reason phrase.
fn status(error: &object_store::Error) -> Option<(u16, String)> {
    chain(error).find_map(|e| {
        let text = e.to_string();
        let rest = text.strip_prefix(STATUS)?;
        let (code, rest) = rest.split_once(' ').unwrap_or((rest, ""));
        let reason = rest.split(':').next().unwrap_or("").trim().to_string();
        Some((code.parse().ok()?, reason))
    })
}

/// The error code and message an S3 or Azure XML body gives: ` (SlowDown: Please reduce...)`.
fn body_code(error: &object_store::Error) -> String {
    let text = chain(error)
        .map(|e| e.to_string())
        .find(|t| t.starts_with(STATUS) || t.starts_with(ERROR_RESPONSE))
        .unwrap_or_default();
    let element = |name: &str| {
        let start = text.find(&format!("<{name}>"))? + name.len() + 2;
        let end = start + text[start..].find(&format!("</{name}>"))?;
        Some(text[start..end].chars().take(200).collect::<String>())
    };
    match (element("Code"), element("Message")) {
        (Some(code), Some(message)) => format!(" ({code}: {message})"),
        (Some(code), None) => format!(" ({code})"),
        _ => String::new(),
    }
}

/// `text` without the query strings of the URLs in it, and no longer than a line.
pub(super) fn redact(text: &str) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|word| match (word.contains("://"), word.find('?')) {
            (true, Some(at)) => format!("{}?…", &word[..at]),
            _ => word.to_string(),
        })
        .collect();
    let line = words.join(" ").replace('\n', " ");
    if line.chars().count() > 400 {
        format!("{}…", line.chars().take(400).collect::<String>())
    } else {
        line
    }
}
