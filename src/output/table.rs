//! Tables for people (comfy-table): upper-case headers, fitted to the terminal, long cells cut
//! with "…", ids kept whole when the width allows, statuses coloured, times relative, server
//! text neutralised.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, ColumnConstraint, ContentArrangement, Row, Width, presets};
use jiff::Timestamp;
use serde_json::Value;

use crate::error::Error;
use crate::output::look::{Look, status_color};
use crate::output::printer::{ListEnd, Printer, Record, parse_item};
use crate::output::resource::{Resource, Show, field};
use crate::text::neutralize;
use crate::time::relative;

/// Spaces between columns.
const GAP: u16 = 2;
/// How far a name column shrinks before ids and times give way.
const NAME_FLOOR: u16 = 12;
/// How far an id column shrinks before the name gives way further.
const ID_FLOOR: u16 = 8;

/// A table's rows, collected until it is rendered.
pub struct Table {
    look: Look,
    headers: Vec<&'static str>,
    shows: Vec<Show>,
    rows: Vec<Row>,
}

impl Table {
    /// A listing table for `resource`.
    pub fn for_resource(resource: Resource, look: Look) -> Self {
        let columns = resource.table_columns();
        Table {
            look,
            headers: columns.iter().map(|c| c.header).collect(),
            shows: columns.iter().map(|c| c.show).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds one item as a row.
    pub fn push(&mut self, item: &Value) {
        let cells: Vec<Cell> = self.shows.iter().map(|show| self.cell(item, *show)).collect();
        let mut row = Row::from(cells);
        row.max_height(1);
        self.rows.push(row);
    }

    /// The cell for one value, styled.
    fn cell(&self, item: &Value, show: Show) -> Cell {
        let path = match show {
            Show::Progress => return progress(item).map_or_else(|| missing_cell(self.look), Cell::new),
            Show::Id(path) | Show::Name(path) | Show::Text(path) | Show::Status(path) | Show::Time(path) => {
                path
            }
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
        if let Some(widths) = fit(&natural, &headers, &self.shows, self.look.width) {
            let last = widths.len().saturating_sub(1);
            for (index, width) in widths.into_iter().enumerate() {
                let padded = if index == last { width } else { width + GAP };
                if let Some(column) = table.column_mut(index) {
                    column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(padded)));
                }
            }
        }
        write_table(&mut table, out)
    }
}

/// `--format table` (and `auto` on a terminal): a listing's rows are kept until the end to
/// size the columns; a record writes its lines for people.
pub struct TablePrinter {
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

/// Which columns give way in one round of fitting.
type ShrinkRound = fn(&Show) -> bool;

/// Column widths that fit `width`: other text gives way first, then the name down to a
/// readable size, then ids, then the name down to its header, and statuses and times last. `None` when even that does not fit (comfy-table then squeezes every column).
fn fit(natural: &[u16], headers: &[u16], shows: &[Show], width: u16) -> Option<Vec<u16>> {
    let mut widths: Vec<u16> = natural.iter().zip(headers).map(|(n, h)| (*n).max(*h)).collect();
    let gaps = GAP * (widths.len() as u16).saturating_sub(1);
    let total = |w: &[u16]| w.iter().map(|&x| u32::from(x)).sum::<u32>() + u32::from(gaps);
    let rounds: [(ShrinkRound, u16); 5] = [
        (|s| matches!(s, Show::Text(_) | Show::Progress), 0),
        (|s| matches!(s, Show::Name(_)), NAME_FLOOR),
        (|s| matches!(s, Show::Id(_)), ID_FLOOR),
        (|s| matches!(s, Show::Name(_)), 0),
        (|s| matches!(s, Show::Status(_) | Show::Time(_)), 0),
    ];
    for (applies, floor) in rounds {
        // Within a round the widest column gives way first, one character at a time.
        while total(&widths) > u32::from(width) {
            let widest = (0..widths.len())
                .filter(|&i| applies(&shows[i]) && widths[i] > floor.max(headers[i]))
                .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
            match widest {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
    }
    (total(&widths) <= u32::from(width)).then_some(widths)
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
    fn the_name_gets_the_room_others_leave() {
        let shows = Resource::ParseJob
            .table_columns()
            .iter()
            .map(|c| c.show)
            .collect::<Vec<_>>();
        let headers = [2, 4, 6, 4, 7, 7];
        let natural = [40, 30, 9, 14, 11, 11];
        // Everything fits at 140: natural widths.
        assert_eq!(fit(&natural, &headers, &shows, 140).unwrap(), natural);
        // At 100 the tier gives way first, then the name, and the id stays whole.
        let at_100 = fit(&natural, &headers, &shows, 100).unwrap();
        assert_eq!(at_100, [40, 15, 9, 4, 11, 11]);
        assert_eq!(at_100.iter().sum::<u16>() + 10, 100);
        // At 70 the id gives way too, and statuses and times stay whole.
        assert_eq!(
            fit(&natural, &headers, &shows, 70).unwrap(),
            [13, 12, 9, 4, 11, 11]
        );
        // At 60 the id and then the name give way before statuses and times.
        assert_eq!(fit(&natural, &headers, &shows, 60).unwrap(), [8, 7, 9, 4, 11, 11]);
        // Too narrow for even the headers: comfy-table's own squeezing.
        assert_eq!(fit(&natural, &headers, &shows, 20), None);
    }

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
