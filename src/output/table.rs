//! Tables for people (comfy-table): upper-case headers, fitted to the terminal, long cells cut
//! with "…", ids kept whole when the width allows, statuses coloured, times relative, server
//! text neutralised.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, ColumnConstraint, ContentArrangement, Row, presets};
use jiff::Timestamp;
use serde_json::Value;

use crate::output::look::{Look, status_color};
use crate::output::resource::{Resource, Show, field};
use crate::output::sanitize::neutralize;
use crate::time::relative;

/// Spaces between columns.
const GAP: u16 = 2;
/// The least a shrunk column keeps, so that every column stays readable.
const MIN_COLUMN: u16 = 6;

/// A table's rows, collected until it is rendered.
pub struct Table {
    look: Look,
    headers: Vec<&'static str>,
    /// Which columns hold ids, to keep them whole.
    id_columns: Vec<usize>,
    rows: Vec<Row>,
}

impl Table {
    /// A listing table for `resource`.
    pub fn for_resource(resource: Resource, look: Look) -> Self {
        let columns = resource.table_columns();
        Table {
            look,
            headers: columns.iter().map(|c| c.header).collect(),
            id_columns: columns
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c.show, Show::Id(_)))
                .map(|(i, _)| i)
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Adds one item as a row.
    pub fn push(&mut self, resource: Resource, item: &Value) {
        let cells = resource
            .table_columns()
            .iter()
            .map(|column| self.cell(item, column.show));
        let mut row = Row::from(cells.collect::<Vec<_>>());
        row.max_height(1);
        self.rows.push(row);
    }

    /// The cell for one value, styled.
    fn cell(&self, item: &Value, show: Show) -> Cell {
        let path = match show {
            Show::Progress => return progress(item).map_or_else(|| missing_cell(self.look), Cell::new),
            Show::Id(path) | Show::Text(path) | Show::Status(path) | Show::Time(path) => path,
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
    pub fn render(self, out: &mut impl Write) -> io::Result<()> {
        let id_widths: Vec<(usize, u16)> = self
            .id_columns
            .iter()
            .map(|&i| {
                (
                    i,
                    self.rows
                        .iter()
                        .filter_map(|r| r.cell_iter().nth(i))
                        .map(content_width)
                        .max()
                        .unwrap_or(0),
                )
            })
            .collect();
        let mut table = new_table(self.look);
        table
            .set_header(self.headers.iter().map(|h| Cell::new(h)))
            .add_rows(self.rows);
        // Ids stay whole when, after them, every other column keeps a readable minimum.
        let columns = table.column_count() as u16;
        let ids_total: u16 = id_widths.iter().map(|(_, w)| w + GAP).sum();
        let others = columns.saturating_sub(id_widths.len() as u16) * (MIN_COLUMN + GAP);
        if ids_total + others <= self.look.width {
            for (index, _) in id_widths {
                if let Some(column) = table.column_mut(index) {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
        }
        write_table(&mut table, out)
    }
}

/// A borderless comfy-table fitted to the width, styled only when colour is on.
pub fn new_table(look: Look) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
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
pub fn write_table(table: &mut comfy_table::Table, out: &mut impl Write) -> io::Result<()> {
    let columns = table.column_count();
    for column in table.column_iter_mut() {
        let last = column.index + 1 == columns;
        column.set_padding((0, if last { 0 } else { GAP }));
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// A status, coloured when colour is on.
pub fn status_cell(look: Look, status: &str) -> Cell {
    let cell = Cell::new(neutralize(status));
    match status_color(status).filter(|_| look.color) {
        Some(color) => cell.fg(color),
        None => cell,
    }
}

/// A time relative to now ("3 hours ago"); text that is not a time is shown as it is.
pub fn time_cell(look: Look, text: &str) -> Cell {
    match text.parse::<Timestamp>() {
        Ok(ts) => Cell::new(relative(ts, look.now)),
        Err(_) => Cell::new(neutralize(text)),
    }
}

/// A missing value: a dim "-".
pub fn missing_cell(look: Look) -> Cell {
    let cell = Cell::new("-");
    if look.color {
        cell.add_attribute(Attribute::Dim)
    } else {
        cell
    }
}

fn content_width(cell: &Cell) -> u16 {
    cell.content().chars().count().try_into().unwrap_or(u16::MAX)
}

/// "9/10" or "9/10, 1 failed".
fn progress(item: &Value) -> Option<String> {
    let count = |key: &str| item.get(key).filter(|v| !v.is_null()).map(|v| v.to_string());
    let total = count("total_items")?;
    let processed = count("processed_items").unwrap_or_else(|| "0".into());
    Some(match count("failed_items").filter(|f| f != "0") {
        Some(failed) => format!("{processed}/{total}, {failed} failed"),
        None => format!("{processed}/{total}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn progress_shows_failures_only_when_there_are_some() {
        assert_eq!(
            progress(&json!({"total_items": 10, "processed_items": 9, "failed_items": 1})).unwrap(),
            "9/10, 1 failed"
        );
        assert_eq!(
            progress(&json!({"total_items": 10, "processed_items": 10, "failed_items": 0})).unwrap(),
            "10/10"
        );
        assert_eq!(progress(&json!({"total_items": 3})).unwrap(), "0/3");
        assert_eq!(progress(&json!({})), None);
    }
}
