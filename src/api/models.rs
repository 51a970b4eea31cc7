//! The API's answers as values: a parse job (`GET /api/v2/parse/{id}`), a created job, the parse
//! versions, a batch. Each keeps the server's JSON text as it came (so nothing it sent is lost
//! and JSON output passes it through) and parses only what is asked for.

use std::cell::OnceCell;

use reqwest::StatusCode;
use serde_json::Value;

use crate::api::error::Error;

/// The parsed content a job can be printed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Markdown,
    Text,
}

impl Part {
    /// The `expand` value that makes the API include this part.
    pub fn expand(self) -> &'static str {
        match self {
            Part::Markdown => "markdown",
            Part::Text => "text",
        }
    }

    /// The field of each page that holds its content, and the whole-document fallback.
    pub fn fields(self) -> (&'static str, &'static str) {
        match self {
            Part::Markdown => ("markdown", "markdown_full"),
            Part::Text => ("text", "text_full"),
        }
    }
}

/// The statuses a parse job does not leave.
pub fn is_final(status: &str) -> bool {
    matches!(status, "COMPLETED" | "FAILED" | "CANCELLED")
}

/// A `GET /api/v2/parse/{id}` response: the server's bytes, parsed only when a format needs
/// fields (JSON output passes the text through, so a large document is not also held as a tree).
pub struct Job {
    text: String,
    value: OnceCell<Value>,
}

/// The shape a job response must have, checked without building a tree.
#[derive(serde::Deserialize)]
struct JobShape {
    #[serde(rename = "job")]
    _job: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

impl Job {
    /// Checks that `body` is a JSON object with a job.
    pub fn parse(status: StatusCode, body: Vec<u8>) -> Result<Self, Error> {
        let text = Error::body_text(status, body)?;
        serde_json::from_str::<serde::de::IgnoredAny>(&text)
            .map_err(|err| Error::not_json(status, err, text.as_bytes()))?;
        if serde_json::from_str::<JobShape>(&text).is_err() {
            return Err(Error::InvalidResponse(
                "expected a JSON object with a job".to_string(),
            ));
        }
        Ok(Job {
            text,
            value: OnceCell::new(),
        })
    }

    /// A job response kept earlier (the result store's copy of the one a wait ended with).
    pub fn kept(text: String) -> Result<Self, Error> {
        Self::parse(StatusCode::OK, text.into_bytes())
    }

    /// A job as a listing item shows it, in the shape of a job response (`{"job": …}`).
    pub fn listed(item: Value) -> Self {
        let value = serde_json::json!({ "job": item });
        Job {
            text: value.to_string(),
            value: OnceCell::from(value),
        }
    }

    /// The response as the server sent it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The response parsed (on first use).
    pub fn value(&self) -> &Value {
        self.value
            .get_or_init(|| serde_json::from_str(&self.text).unwrap_or(Value::Null))
    }

    /// The job's status, if the response has one.
    pub fn status(&self) -> Option<&str> {
        self.value().pointer("/job/status").and_then(Value::as_str)
    }

    /// The server's message for a job that failed.
    pub fn error_message(&self) -> Option<&str> {
        self.value().pointer("/job/error_message").and_then(Value::as_str)
    }

    /// The credits billed for the job (`usage.credits`), once billing has recorded them.
    pub fn credits(&self) -> Option<serde_json::Number> {
        match self.value().pointer("/job/usage/credits") {
            Some(Value::Number(credits)) => Some(credits.clone()),
            _ => None,
        }
    }

    /// What billing recorded for the job (`usage`): its credits, and the pages they are for
    /// when said.
    pub fn usage(&self) -> Option<(f64, Option<u64>)> {
        let usage = self.value().pointer("/job/usage")?;
        let credits = usage.get("credits")?.as_f64()?;
        Some((credits, usage.get("num_pages").and_then(Value::as_u64)))
    }

    /// The job object itself.
    pub fn job(&self) -> &Value {
        self.value().get("job").unwrap_or(&Value::Null)
    }
}

/// The job a create answers with: the job itself, not wrapped in `job` as a job response is.
pub struct Created {
    text: String,
    value: Value,
    id: String,
}

impl Created {
    /// Checks that `body` is a job: a JSON object with an id.
    pub fn parse(status: StatusCode, body: Vec<u8>) -> Result<Self, Error> {
        let (text, value, id) = with_id(status, body, "the new job")?;
        Ok(Created { text, value, id })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn value(&self) -> &Value {
        &self.value
    }
}

/// What a create answers with (`what`: a new job, an uploaded file): a JSON object with an id
/// that is not blank. Its text, the same parsed, and the id.
pub(crate) fn with_id(
    status: StatusCode,
    body: Vec<u8>,
    what: &str,
) -> Result<(String, Value, String), Error> {
    let text = Error::body_text(status, body)?;
    let value: Value =
        serde_json::from_str(&text).map_err(|err| Error::not_json(status, err, text.as_bytes()))?;
    match value.get("id").and_then(Value::as_str).map(str::trim) {
        Some(id) if !id.is_empty() => {
            let id = id.to_string();
            Ok((text, value, id))
        }
        _ => Err(Error::InvalidResponse(format!(
            "expected {what}, a JSON object with an id"
        ))),
    }
}

/// A response that must be a JSON object: its text, and the same parsed.
fn object(status: StatusCode, body: Vec<u8>, what: &str) -> Result<(String, Value), Error> {
    let text = Error::body_text(status, body)?;
    let value: Value =
        serde_json::from_str(&text).map_err(|err| Error::not_json(status, err, text.as_bytes()))?;
    if !value.is_object() {
        return Err(Error::InvalidResponse(format!(
            "expected a JSON object with {what}"
        )));
    }
    Ok((text, value))
}

/// A `GET /api/v2/batches/{id}` response.
pub struct Batch {
    text: String,
    value: Value,
}

impl Batch {
    pub fn parse(status: StatusCode, body: Vec<u8>) -> Result<Self, Error> {
        let (text, value) = object(status, body, "a batch")?;
        Ok(Batch { text, value })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn value(&self) -> &Value {
        &self.value
    }
}

/// The tiers in the order the API documents them.
const TIERS: [&str; 4] = ["fast", "cost_effective", "agentic", "agentic_plus"];

/// One tier of `GET /api/v2/parse/versions`: its latest version and the dated ones (newest
/// first, as the server lists them).
pub struct TierVersions {
    pub tier: String,
    pub latest: Option<String>,
    pub versions: Vec<String>,
}

/// A `GET /api/v2/parse/versions` response.
pub struct Versions {
    text: String,
    tiers: Vec<TierVersions>,
}

impl Versions {
    pub fn parse(status: StatusCode, body: Vec<u8>) -> Result<Self, Error> {
        let (text, value) = object(status, body, "parse versions")?;
        let latest = value.get("latest").and_then(Value::as_object);
        let mut names: Vec<String> = TIERS.iter().map(|t| t.to_string()).collect();
        // Tiers the API adds later are shown too, after the known ones.
        for key in value.as_object().into_iter().flatten().map(|(k, _)| k) {
            if key != "latest" && !names.contains(key) {
                names.push(key.clone());
            }
        }
        let tiers = names
            .into_iter()
            .filter_map(|tier| {
                let versions: Vec<String> = value
                    .get(&tier)?
                    .as_array()?
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                let latest = latest
                    .and_then(|l| l.get(&tier))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                Some(TierVersions {
                    tier,
                    latest,
                    versions,
                })
            })
            .collect();
        Ok(Versions { text, tiers })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tiers(&self) -> &[TierVersions] {
        &self.tiers
    }
}
