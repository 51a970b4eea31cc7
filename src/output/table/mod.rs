//! Tables for people (comfy-table): upper-case headers, fitted to the terminal, long cells cut
//! with "…", ids, statuses and tiers never cut, statuses coloured, times relative, server text
//! neutralised. How columns give way to the width is in `layout`; how a value is shown in a
//! cell, in `cells`.

mod cells;
mod layout;

use std::io::{self, Write};

use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Row, Width, presets};
use serde_json::Value;

use crate::error::Error;
use crate::output::look::Look;
use crate::output::printer::{ListEnd, Printer, Record, parse_item};
use crate::output::resource::{Resource, Show, field};
use crate::text::neutralize;
use cells::progress;
pub use cells::{missing_cell, status_cell, time_cell, time_field};
use layout::{GAP, fit};

/// A table's rows, collected until it is rendered.
pub struct Table {
    look: Look,
    headers: Vec<&'static str>,
    shows: Vec<Show>,
    rows: Vec<Row>,
    /// Whether any row has a value in each column.
    filled: Vec<bool>,
}

impl Table {
    /// A listing table for `resource`.
    pub(super) fn for_resource(resource: Resource, look: Look) -> Self {
        let columns = resource.table_columns();
        Table {
            look,
            headers: columns.iter().map(|c| c.header).collect(),
            shows: columns.iter().map(|c| c.show).collect(),
            rows: Vec::new(),
            filled: vec![false; columns.len()],
        }
    }

    /// Adds one item as a row.
    pub fn push(&mut self, item: &Value) {
        for (filled, show) in self.filled.iter_mut().zip(&self.shows) {
            *filled |= match show {
                Show::Progress => true,
                Show::Id(path)
                | Show::Name(path)
                | Show::Text(path)
                | Show::Status(path)
                | Show::Enum(path)
                | Show::Time(path) => field(item, path).is_some(),
            };
        }
        let cells: Vec<Cell> = self.shows.iter().map(|show| self.cell(item, *show)).collect();
        let mut row = Row::from(cells);
        row.max_height(1);
        self.rows.push(row);
    }

    /// The cell for one value, styled.
    fn cell(&self, item: &Value, show: Show) -> Cell {
        let path = match show {
            Show::Progress => return progress(item).map_or_else(|| missing_cell(self.look), Cell::new),
            Show::Id(path)
            | Show::Name(path)
            | Show::Text(path)
            | Show::Status(path)
            | Show::Enum(path)
            | Show::Time(path) => path,
        };
        let Some(text) = field(item, path) else {
            return missing_cell(self.look);
        };
        match show {
            Show::Status(_) => status_cell(self.look, &text),
            Show::Time(_) => time_cell(self.look, &text),
            _ => Cell::new(neutralize(&text)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Renders the table at the terminal's width.
    pub fn render(self, out: &mut dyn Write) -> io::Result<()> {
        let mut header = Row::from(self.headers.iter().copied().map(Cell::new).collect::<Vec<_>>());
        header.max_height(1);
        let mut table = new_table(self.look);
        table.set_header(header).add_rows(self.rows);
        let natural = table.column_max_content_widths();
        let headers: Vec<u16> = self.headers.iter().map(|h| h.len() as u16).collect();
        // Other text that no row has (no job failed: no ERROR) is not shown at all.
        let shown: Vec<bool> = self
            .shows
            .iter()
            .zip(&self.filled)
            .map(|(show, filled)| *filled || !matches!(show, Show::Text(_)))
            .collect();
        // Every column gets its width or is hidden, whatever the width: a column left to
        // comfy-table would be squeezed, and an id cut with "…" cannot be copied.
        let widths = fit(&natural, &headers, &self.shows, &shown, self.look.width);
        let last = widths.iter().rposition(Option::is_some).unwrap_or(0);
        for (index, width) in widths.into_iter().enumerate() {
            let constraint = match width {
                None => ColumnConstraint::Hidden,
                Some(width) if index == last => ColumnConstraint::Absolute(Width::Fixed(width)),
                Some(width) => ColumnConstraint::Absolute(Width::Fixed(width + GAP)),
            };
            if let Some(column) = table.column_mut(index) {
                column.set_constraint(constraint);
            }
        }
        write_table(&mut table, out)
    }
}

/// `--format table` (and `auto` on a terminal): a listing's rows are kept until the end to
/// size the columns; a record writes its lines for people.
pub(super) struct TablePrinter {
    table: Option<Table>,
    look: Look,
}

impl TablePrinter {
    pub fn new(resource: Option<Resource>, look: Look) -> Self {
        TablePrinter {
            table: resource.map(|r| Table::for_resource(r, look)),
            look,
        }
    }
}

impl Printer for TablePrinter {
    fn item(&mut self, _out: &mut dyn Write, item: &str) -> Result<(), Error> {
        let value = parse_item(item)?;
        if let Some(table) = &mut self.table {
            table.push(&value);
        }
        Ok(())
    }

    fn finish_list(&mut self, out: &mut dyn Write, _end: &ListEnd) -> Result<(), Error> {
        if let Some(table) = self.table.take().filter(|t| !t.is_empty()) {
            table.render(out)?;
        }
        Ok(())
    }

    fn record(&mut self, out: &mut dyn Write, record: &dyn Record) -> Result<(), Error> {
        Ok(record.human(out, &self.look)?)
    }
}

/// A borderless comfy-table fitted to the width, styled only when colour is on.
pub fn new_table(look: Look) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    // Cells are cut, not wrapped at spaces: with no delimiter in the text, comfy-table splits
    // at the width and the one-line rows end in "…".
    table
        .set_delimiter('\u{0}')
        .load_style(presets::NOTHING)
        .set_truncation_indicator("…")
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(look.width);
    if look.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// Writes the table's lines, columns separated by a gap and without trailing blanks.
pub fn write_table(table: &mut comfy_table::Table, out: &mut dyn Write) -> io::Result<()> {
    let hidden = |c: &comfy_table::Column| matches!(c.constraint(), Some(ColumnConstraint::Hidden));
    let last = table.column_iter().filter(|c| !hidden(c)).map(|c| c.index).max();
    for column in table.column_iter_mut() {
        column.set_padding((0, if Some(column.index) == last { 0 } else { GAP }));
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Label and value lines for one record (a job, a batch), labels aligned.
pub(super) fn write_fields(out: &mut dyn Write, rows: Vec<(String, Cell)>, look: Look) -> io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;
    use serde_json::json;

    /// A parse-job table of `jobs` (id, status, tier), with names and times, rendered at `width`.
    fn rendered(jobs: &[(&str, &str, &str)], width: u16) -> String {
        let now: Timestamp = "2026-11-01T15:00:00Z".parse().unwrap();
        let look = Look {
            color: false,
            width,
            now,
        };
        let mut table = Table::for_resource(Resource::ParseJob, look);
        for (id, status, tier) in jobs {
            table.push(&json!({
                "id": id, "status": status, "tier": tier, "name": "Q4 Financial Report (final).pdf",
                "created_at": "2026-11-01T12:00:00Z", "updated_at": "2026-11-01T14:58:00Z",
            }));
        }
        let mut out = Vec::new();
        table.render(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ids_and_statuses_are_whole_at_60_40_and_20_columns() {
        let jobs = [
            (
                "pjb-7c1a2f3e-0b4d-4c5e-9f60-1a2b3c4d5e6f",
                "COMPLETED",
                "agentic_plus",
            ),
            ("pjb-00000000-0000-4000-8000-000000000002", "CANCELLED", "fast"),
        ];
        // 60: the tier does not fit beside a 40-character id; 40 and 20: the lines run long.
        let expected = "\
ID                                        STATUS
pjb-7c1a2f3e-0b4d-4c5e-9f60-1a2b3c4d5e6f  COMPLETED
pjb-00000000-0000-4000-8000-000000000002  CANCELLED
";
        for width in [60, 40, 20] {
            assert_eq!(rendered(&jobs, width), expected, "{width}");
        }
        // Short ids leave room at 40 for the tier whole and a shortened name, but no time, and
        // no ERROR, which no row has.
        let short = [
            ("pjb-1", "COMPLETED", "agentic_plus"),
            ("pjb-2", "RUNNING", "fast"),
        ];
        assert_eq!(
            rendered(&short, 40),
            "\
ID     NAME      STATUS     TIER
pjb-1  Q4 Fina…  COMPLETED  agentic_plus
pjb-2  Q4 Fina…  RUNNING    fast
"
        );
    }
}
