//! One parse job (`parsing get`), a created job and a streamed summary as records: the
//! server's JSON as it came, key/value lines for people, a tsv row. A job's markdown or text is
//! written by `document`.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::Cell;
use serde_json::Value;

use crate::api::document::{Extent, Summary};
use crate::api::models::{Created, Job};
use crate::output::look::Look;
use crate::output::printer::Record;
use crate::output::resource::{Resource, field};
use crate::output::table::{missing_cell, status_cell, time_cell, write_fields};
use crate::output::tsv::write_row;
use crate::text::{count, neutralize};

impl Record for Job {
    fn json(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.text())
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
        Some(self.text().as_bytes())
    }
}

impl Record for Created {
    fn json(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.text())
    }

    fn human(&self, out: &mut dyn Write, look: &Look) -> io::Result<()> {
        write_summary(out, self.value(), &[], *look)
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        write_row(out, self.value(), Resource::ParseJob.fields())
    }

    fn raw(&self) -> Option<&[u8]> {
        Some(self.text().as_bytes())
    }
}

/// What the summary says of one expanded part of a job response.
enum Described {
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

    fn of_extent(extent: &Extent) -> Self {
        Described::Size(match extent {
            Extent::Results(results) => return Described::Results(results.clone()),
            Extent::Pages { total, failed } => describe_pages(*total, *failed),
            Extent::Images(n) => count(*n, "image"),
            Extent::Characters(n) => count(*n, "character"),
            Extent::Entries(n) => count(*n, "entry"),
            Extent::Scalar(text) => neutralize(text).into_owned(),
        })
    }
}

impl Record for Summary {
    fn json(&self) -> Cow<'_, str> {
        Cow::Owned(serde_json::json!({ "job": self.job }).to_string())
    }

    fn human(&self, out: &mut dyn Write, look: &Look) -> io::Result<()> {
        let parts: Vec<(String, Described)> = self
            .parts
            .iter()
            .map(|(key, extent)| (key.clone(), Described::of_extent(extent)))
            .collect();
        write_summary(out, &self.job, &parts, *look)
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        write_row(out, &self.job, Resource::ParseJob.fields())
    }
}

/// "12 pages (1 failed)".
pub(super) fn describe_pages(total: u64, failed: u64) -> String {
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
pub(super) fn describe_part(value: &Value) -> String {
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
