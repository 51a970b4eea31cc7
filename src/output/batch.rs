//! One batch (`batches get`) and the parse versions (`parsing versions`) as records: the
//! server's JSON as it came, lines for people, tsv lines for scripts.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::Cell;
use serde_json::Value;

use crate::api::models::{Batch, TierVersions, Versions};
use crate::output::look::Look;
use crate::output::printer::Record;
use crate::output::resource::{Resource, field};
use crate::output::table::{missing_cell, new_table, status_cell, time_field, write_fields, write_table};
use crate::output::tsv::write_row;
use crate::text::{count, neutralize, tsv_field};

impl Record for Batch {
    fn json(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.text())
    }

    fn human(&self, out: &mut dyn Write, look: &Look) -> io::Result<()> {
        let look = *look;
        let batch = self.value();
        let text = |path: &[&str]| {
            field(batch, path).map_or_else(|| missing_cell(look), |v| Cell::new(neutralize(&v)))
        };
        let mut rows: Vec<(String, Cell)> = vec![
            ("ID".into(), text(&["id"])),
            (
                "STATUS".into(),
                field(batch, &["status"]).map_or_else(|| missing_cell(look), |s| status_cell(look, &s)),
            ),
            ("TYPE".into(), text(&["config", "job", "type"])),
            (
                "CONFIGURATION".into(),
                text(&["config", "job", "configuration_id"]),
            ),
            ("SOURCE DIRECTORY".into(), text(&["source_directory_id"])),
            ("PROJECT".into(), text(&["project_id"])),
            (
                "CREATED".into(),
                time_field(look, field(batch, &["created_at"]).as_deref()),
            ),
            (
                "UPDATED".into(),
                time_field(look, field(batch, &["updated_at"]).as_deref()),
            ),
        ];
        if let Some(results) = batch.get("results").and_then(Value::as_array) {
            let failed = results
                .iter()
                .filter(|r| r.get("error_message").is_some_and(|e| !e.is_null()))
                .count();
            let files = count(results.len() as u64, "file");
            rows.push((
                "RESULTS".into(),
                Cell::new(match failed {
                    0 => files,
                    n => format!("{files} ({n} failed)"),
                }),
            ));
        }
        write_fields(out, rows, look)
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        write_row(out, self.value(), Resource::Batch.fields())?;
        // With --expand results, a line per file: its id, its job's id, and its error.
        for result in self
            .value()
            .get("results")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            write_row(
                out,
                result,
                &[
                    &["source_directory_file_id"],
                    &["job_reference", "id"],
                    &["error_message"],
                ],
            )?;
        }
        Ok(())
    }

    fn raw(&self) -> Option<&[u8]> {
        Some(self.text().as_bytes())
    }
}

impl Record for Versions {
    fn json(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.text())
    }

    fn human(&self, out: &mut dyn Write, look: &Look) -> io::Result<()> {
        let mut table = new_table(*look);
        table.set_header(vec!["TIER", "LATEST", "VERSIONS"]);
        for TierVersions {
            tier,
            latest,
            versions,
        } in self.tiers()
        {
            table.add_row(vec![
                Cell::new(neutralize(tier)),
                latest
                    .as_deref()
                    .map_or_else(|| missing_cell(*look), |l| Cell::new(neutralize(l))),
                Cell::new(neutralize(&versions.join(", "))),
            ]);
        }
        write_table(&mut table, out)
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        for TierVersions {
            tier,
            latest,
            versions,
        } in self.tiers()
        {
            writeln!(
                out,
                "{}\t{}\t{}",
                tsv_field(tier),
                latest.as_deref().map(tsv_field).unwrap_or_default(),
                tsv_field(&versions.join(","))
            )?;
        }
        Ok(())
    }

    fn raw(&self) -> Option<&[u8]> {
        Some(self.text().as_bytes())
    }
}
