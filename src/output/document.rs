//! Writing one parse job (`parsing get`): as JSON, YAML, a tsv row or a summary for people.
//! Its markdown or text is streamed by `content`.

use std::io::{self, Write};

use serde_json::Value;

use crate::cli::Format;
use crate::exit::UsageError;
use crate::output::json::{write_compact, write_pretty};
use comfy_table::{Cell, ColumnConstraint, Row};

use crate::output::look::Look;
use crate::output::resource::{Resource, field};
use crate::output::sanitize::{neutralize, tsv_field};
use crate::output::table::{missing_cell, new_table, status_cell, time_cell, write_table};
use crate::output::{ListStyle, Terminal, count, yaml};

/// How a single job is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocStyle {
    Summary,
    Tsv,
    Json { pretty: bool },
    Jsonl,
    Yaml,
    Raw,
    Content(Part),
}

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

impl DocStyle {
    pub fn choose(format: Format, terminal: Terminal, with_jq: bool) -> Result<Self, UsageError> {
        Ok(match format {
            Format::Markdown | Format::Text if with_jq => {
                return Err(UsageError::new(
                    "--jq filters JSON: use it with --format json (the default) or jsonl",
                ));
            }
            Format::Markdown => DocStyle::Content(Part::Markdown),
            Format::Text => DocStyle::Content(Part::Text),
            other => match ListStyle::choose(other, terminal, with_jq)? {
                ListStyle::Table => DocStyle::Summary,
                ListStyle::Tsv => DocStyle::Tsv,
                ListStyle::Json { pretty } => DocStyle::Json { pretty },
                ListStyle::Jsonl => DocStyle::Jsonl,
                ListStyle::Yaml => DocStyle::Yaml,
                ListStyle::Raw => DocStyle::Raw,
            },
        })
    }
}

/// Writes the job response in a structured style (not `Raw` or `Content`).
pub fn write_job(out: &mut impl Write, style: DocStyle, response: &Value, look: Look) -> io::Result<()> {
    let job = response.get("job").unwrap_or(&Value::Null);
    match style {
        DocStyle::Json { pretty: true } => write_pretty(out, response, "")?,
        DocStyle::Json { pretty: false } | DocStyle::Jsonl => write_compact(out, response)?,
        DocStyle::Yaml => return yaml::write_document(out, response),
        DocStyle::Tsv => {
            let fields: Vec<String> = Resource::ParseJob
                .fields()
                .iter()
                .map(|path| {
                    field(job, path)
                        .map(|v| tsv_field(&v).into_owned())
                        .unwrap_or_default()
                })
                .collect();
            out.write_all(fields.join("\t").as_bytes())?;
        }
        DocStyle::Summary => return write_summary(out, response, job, look),
        DocStyle::Raw | DocStyle::Content(_) => return Ok(()),
    }
    out.write_all(b"\n")
}

/// Key/value lines for people: the job's fields, its error, and what each expanded part holds.
fn write_summary(out: &mut impl Write, response: &Value, job: &Value, look: Look) -> io::Result<()> {
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
        ("CREATED".into(), time("created_at")),
        ("UPDATED".into(), time("updated_at")),
    ];
    if let Some(message) = field(job, &["error_message"]) {
        rows.push(("ERROR".into(), Cell::new(neutralize(&message))));
    }
    for (key, value) in response.as_object().into_iter().flatten() {
        if key != "job" && !value.is_null() {
            rows.push((
                neutralize(&key.to_uppercase()).into_owned(),
                Cell::new(describe_part(value)),
            ));
        }
    }
    let mut table = new_table(look);
    for (key, value) in rows {
        let mut row = Row::from(vec![Cell::new(key), value]);
        row.max_height(1);
        table.add_row(row);
    }
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(ColumnConstraint::ContentWidth);
    }
    write_table(&mut table, out)
}

/// "12 pages (1 failed)", "3 images", "48213 characters" or "2 entries".
fn describe_part(value: &Value) -> String {
    if let Some(pages) = value.get("pages").and_then(Value::as_array) {
        let failed = pages.iter().filter(|p| is_failed(p)).count();
        let counted = count(pages.len() as u64, "page");
        return match failed {
            0 => counted,
            n => format!("{counted} ({n} failed)"),
        };
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
            _ => write!(f, "the response has no {part}"),
        }
    }
}

impl std::error::Error for MissingContent {}
