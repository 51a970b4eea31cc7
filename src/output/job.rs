//! One parse job (`parsing get`) as a record: the server's JSON as it came, a summary for
//! people, a tsv row. Its markdown or text is streamed by `content`.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::io::{self, Write};

use comfy_table::Cell;
use serde_json::Value;

use crate::api;
use crate::output::look::Look;
use crate::output::printer::Record;
use crate::output::resource::{Resource, field};
use crate::output::table::{missing_cell, status_cell, time_cell, write_fields};
use crate::output::tsv::write_row;
use crate::text::{count, neutralize};

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

/// A `parsing get` response: the server's bytes, parsed only when a format needs fields (JSON
/// output passes the text through, so a large document is not also held as a tree).
pub struct Job {
    text: String,
    value: OnceCell<Value>,
}

/// The shape a job response must have, checked without building a tree.
#[derive(serde::Deserialize)]
struct Shape {
    #[serde(rename = "job")]
    _job: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

impl Job {
    /// Checks that `body` is a JSON object (a job response).
    pub fn parse(status: reqwest::StatusCode, body: Vec<u8>) -> Result<Self, api::Error> {
        let text = api::Error::body_text(status, body)?;
        serde_json::from_str::<serde::de::IgnoredAny>(&text)
            .map_err(|err| api::Error::not_json(status, err, text.as_bytes()))?;
        if serde_json::from_str::<Shape>(&text).is_err() {
            return Err(api::Error::InvalidResponse(
                "expected a JSON object with a job".to_string(),
            ));
        }
        Ok(Job {
            text,
            value: OnceCell::new(),
        })
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

    fn job(&self) -> &Value {
        self.value().get("job").unwrap_or(&Value::Null)
    }
}

impl Record for Job {
    fn json(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.text)
    }

    fn human(&self, out: &mut dyn Write, look: &Look) -> io::Result<()> {
        let parts: Vec<(String, Described)> = self
            .value()
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(key, value)| *key != "job" && !value.is_null())
            .map(|(key, value)| (key.clone(), Described::of(key, value)))
            .collect();
        write_summary(out, self.job(), &parts, *look)
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        write_row(out, self.job(), Resource::ParseJob.fields())
    }

    fn raw(&self) -> Option<&[u8]> {
        Some(self.text.as_bytes())
    }
}

/// The job a create answers with: the job itself, not wrapped in `job` as `parsing get`'s.
pub struct Created {
    text: String,
    value: Value,
    id: String,
}

impl Created {
    /// Checks that `body` is a job: a JSON object with an id.
    pub fn parse(status: reqwest::StatusCode, body: Vec<u8>) -> Result<Self, api::Error> {
        let text = api::Error::body_text(status, body)?;
        let value: Value =
            serde_json::from_str(&text).map_err(|err| api::Error::not_json(status, err, text.as_bytes()))?;
        let id = match value.get("id").and_then(Value::as_str).map(str::trim) {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => {
                return Err(api::Error::InvalidResponse(
                    "expected the new job, a JSON object with an id".to_string(),
                ));
            }
        };
        Ok(Created { text, value, id })
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Record for Created {
    fn json(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.text)
    }

    fn human(&self, out: &mut dyn Write, look: &Look) -> io::Result<()> {
        write_summary(out, &self.value, &[], *look)
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        write_row(out, &self.value, Resource::ParseJob.fields())
    }

    fn raw(&self) -> Option<&[u8]> {
        Some(self.text.as_bytes())
    }
}

/// What the summary says of one expanded part of a job response.
#[derive(Debug, Clone, PartialEq)]
pub enum Described {
    /// "12 pages (1 failed)", "3 images", "48213 characters", "2 entries".
    Size(String),
    /// `result_content_metadata`: each result file, listed with its size.
    Results(Value),
}

impl Described {
    fn of(key: &str, value: &Value) -> Self {
        match key {
            "result_content_metadata" => Described::Results(value.clone()),
            _ => Described::Size(describe_part(value)),
        }
    }
}

/// A job response reduced to what its summary shows: the job object and a line per part. Built
/// while streaming, so a summary of a job with 100 MiB of markdown holds only counts.
pub struct Summary {
    pub job: Value,
    pub parts: Vec<(String, Described)>,
}

impl Record for Summary {
    fn json(&self) -> Cow<'_, str> {
        Cow::Owned(serde_json::json!({ "job": self.job }).to_string())
    }

    fn human(&self, out: &mut dyn Write, look: &Look) -> io::Result<()> {
        write_summary(out, &self.job, &self.parts, *look)
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        write_row(out, &self.job, Resource::ParseJob.fields())
    }
}

/// "12 pages (1 failed)".
pub fn describe_pages(total: u64, failed: u64) -> String {
    let counted = count(total, "page");
    match failed {
        0 => counted,
        n => format!("{counted} ({n} failed)"),
    }
}

/// Key/value lines for people: the job's fields, its error, and what each expanded part holds.
fn write_summary(
    out: &mut dyn Write,
    job: &Value,
    parts: &[(String, Described)],
    look: Look,
) -> io::Result<()> {
    let text =
        |key: &str| field(job, &[key]).map_or_else(|| missing_cell(look), |v| Cell::new(neutralize(&v)));
    let time = |key: &str| match field(job, &[key]) {
        Some(v) => Cell::new(format!("{} ({})", time_cell(look, &v).content(), neutralize(&v))),
        None => missing_cell(look),
    };
    let mut rows: Vec<(String, Cell)> = vec![
        ("ID".into(), text("id")),
        ("NAME".into(), text("name")),
        (
            "STATUS".into(),
            field(job, &["status"]).map_or_else(|| missing_cell(look), |s| status_cell(look, &s)),
        ),
        ("TIER".into(), text("tier")),
        ("PROJECT".into(), text("project_id")),
        ("CREATED".into(), time("created_at")),
        ("UPDATED".into(), time("updated_at")),
    ];
    if let Some(message) = field(job, &["error_message"]) {
        rows.push(("ERROR".into(), Cell::new(neutralize(&message))));
    }
    if let Some(credits) = field(job, &["usage", "credits"]) {
        rows.push(("CREDITS".into(), Cell::new(neutralize(&credits))));
    }
    if let Some(tags) = job
        .get("user_metadata")
        .and_then(Value::as_object)
        .filter(|m| !m.is_empty())
    {
        let shown: Vec<String> = tags
            .iter()
            .map(|(k, v)| {
                let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                format!("{}={}", neutralize(k), neutralize(&v))
            })
            .collect();
        rows.push(("METADATA".into(), Cell::new(shown.join(", "))));
    }
    for (key, described) in parts {
        match described {
            Described::Results(results) => {
                for (name, result) in results.as_object().into_iter().flatten() {
                    rows.push((
                        format!("RESULT {}", neutralize(&name.to_uppercase())),
                        Cell::new(describe_result(result)),
                    ));
                }
            }
            Described::Size(size) => {
                rows.push((
                    neutralize(&key.to_uppercase()).into_owned(),
                    Cell::new(size.as_str()),
                ));
            }
        }
    }
    write_fields(out, rows, look)
}

/// A result file: "48.2 KiB", or "not available".
fn describe_result(result: &Value) -> String {
    if result.get("exists") == Some(&Value::Bool(false)) {
        return "not available".to_string();
    }
    match result.get("size_bytes").and_then(Value::as_u64) {
        Some(bytes) => human_size(bytes),
        None => "available".to_string(),
    }
}

/// "812 bytes", "48.2 KiB", "3.1 MiB".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return count(bytes, "byte");
    }
    let mut size = bytes as f64 / 1024.0;
    let mut unit = 0;
    while size >= 1024.0 && unit + 1 < UNITS.len() {
        size /= 1024.0;
        unit += 1;
    }
    format!("{size:.1} {}", UNITS[unit])
}

/// "12 pages (1 failed)", "3 images", "48213 characters" or "2 entries".
pub fn describe_part(value: &Value) -> String {
    if let Some(pages) = value.get("pages").and_then(Value::as_array) {
        let failed = pages.iter().filter(|p| is_failed(p)).count();
        return describe_pages(pages.len() as u64, failed as u64);
    }
    if let Some(images) = value.get("total_count").and_then(Value::as_u64) {
        return count(images, "image");
    }
    match value {
        Value::String(s) => count(s.chars().count() as u64, "character"),
        Value::Object(map) => count(map.len() as u64, "entry"),
        Value::Array(list) => count(list.len() as u64, "entry"),
        other => neutralize(&other.to_string()).into_owned(),
    }
}

fn is_failed(page: &Value) -> bool {
    page.get("success") == Some(&Value::Bool(false))
}

/// A page the API could not parse.
#[derive(Debug, PartialEq, Eq)]
pub struct FailedPage {
    pub page_number: String,
    pub error: String,
}

/// Why there is no content to write.
#[derive(Debug)]
pub struct MissingContent {
    pub part: Part,
    pub status: Option<String>,
    /// The job's tier: the fast tier makes text only.
    pub tier: Option<String>,
}

impl std::fmt::Display for MissingContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let part = self.part.expand();
        match self.status.as_deref() {
            Some(status @ ("PENDING" | "RUNNING")) => {
                write!(
                    f,
                    "the job is {status}: its {part} is available once it has COMPLETED"
                )
            }
            Some(status) if status != "COMPLETED" => {
                write!(f, "the job is {}: it has no {part}", neutralize(status))
            }
            _ if self.part == Part::Markdown && self.tier.as_deref() == Some("fast") => f.write_str(
                "the job ran on the fast tier, which makes text only, no markdown: use --format text",
            ),
            _ => write!(f, "the response has no {part}"),
        }
    }
}

impl std::error::Error for MissingContent {}
