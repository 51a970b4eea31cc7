//! Tables for people (comfy-table): upper-case headers, fitted to the terminal, long cells cut
//! with "…", ids, statuses and tiers never cut, statuses coloured, times relative, server text
//! neutralised.

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
    pub fn for_resource(resource: Resource, look: Look) -> Self {
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

/// Which columns a step of fitting applies to.
type Columns = fn(&Show) -> bool;

/// One step of fitting a table to the width.
enum Step {
    /// The widest of these columns gives way, one character at a time, down to a floor (and
    /// never below its header).
    Shrink(Columns, u16),
    /// These columns are left out, last first.
    LeaveOut(Columns),
}

const fn text(s: &Show) -> bool {
    matches!(s, Show::Text(_) | Show::Progress)
}

const fn name(s: &Show) -> bool {
    matches!(s, Show::Name(_))
}

/// How a table gives way, in order, until it fits. Ids, statuses and short enumerated values
/// (tier, type) are never cut: other text (an error message) gives way first, then the name
/// down to a readable size; then whole columns are left out (times, then other text), the name
/// shrinks to its header, and only then is the name, then the enumerated values, left out.
/// What is left after the last step is the ids and statuses, which no step touches.
const STEPS: [Step; 7] = [
    Step::Shrink(text, 0),
    Step::Shrink(name, NAME_FLOOR),
    Step::LeaveOut(|s| matches!(s, Show::Time(_))),
    Step::LeaveOut(text),
    Step::Shrink(name, 0),
    Step::LeaveOut(name),
    Step::LeaveOut(|s| matches!(s, Show::Enum(_))),
];

/// Column widths that fit `width`, `None` for a column left out (see `STEPS`) or not `shown`;
/// room freed by leaving columns out goes back to the name and other text, a character each in
/// turn. When even the ids and statuses are wider than `width`, only they are left, whole: the
/// lines then run past `width` rather than cut what must be copied or read whole.
fn fit(natural: &[u16], headers: &[u16], shows: &[Show], shown: &[bool], width: u16) -> Vec<Option<u16>> {
    let mut widths: Vec<Option<u16>> = natural
        .iter()
        .zip(headers)
        .zip(shown)
        .map(|((n, h), shown)| shown.then_some((*n).max(*h)))
        .collect();
    let total = |w: &[Option<u16>]| {
        let shown: Vec<u32> = w.iter().flatten().map(|&x| u32::from(x)).collect();
        shown.iter().sum::<u32>() + u32::from(GAP) * (shown.len() as u32).saturating_sub(1)
    };
    let fits = |w: &[Option<u16>]| total(w) <= u32::from(width);
    for step in STEPS {
        match step {
            Step::Shrink(applies, floor) => {
                while !fits(&widths) {
                    let widest = (0..widths.len())
                        .filter(|&i| applies(&shows[i]))
                        .filter_map(|i| widths[i].filter(|w| *w > floor.max(headers[i])).map(|w| (w, i)))
                        .max_by_key(|&(w, i)| (w, std::cmp::Reverse(i)));
                    match widest {
                        Some((_, i)) => widths[i] = widths[i].map(|w| w - 1),
                        None => break,
                    }
                }
            }
            Step::LeaveOut(applies) => {
                for i in (0..widths.len()).rev() {
                    if !fits(&widths) && applies(&shows[i]) {
                        widths[i] = None;
                    }
                }
            }
        }
    }
    let mut room = u32::from(width).saturating_sub(total(&widths));
    let growing: Vec<usize> = (0..widths.len())
        .filter(|&i| (name(&shows[i]) || text(&shows[i])) && widths[i].is_some())
        .collect();
    while room > 0 {
        let mut grew = false;
        for &i in &growing {
            if room > 0
                && let Some(w) = widths[i].filter(|w| *w < natural[i].max(headers[i]))
            {
                widths[i] = Some(w + 1);
                room -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    widths
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
pub fn write_fields(out: &mut dyn Write, rows: Vec<(String, Cell)>, look: Look) -> io::Result<()> {
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

/// A time as "3 hours ago (2026-11-01T12:00:00Z)", or a dim "-".
pub fn time_field(look: Look, value: Option<&str>) -> Cell {
    match value {
        Some(v) => Cell::new(format!("{} ({})", time_cell(look, v).content(), neutralize(v))),
        None => missing_cell(look),
    }
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

/// "9/10", or "7/10, 1 failed, 1 skipped" when some were.
fn progress(item: &Value) -> Option<String> {
    let count = |key: &str| item.get(key).filter(|v| !v.is_null()).map(|v| v.to_string());
    let total = count("total_items")?;
    let processed = count("processed_items").unwrap_or_else(|| "0".into());
    let mut shown = format!("{processed}/{total}");
    for (key, word) in [("failed_items", "failed"), ("skipped_items", "skipped")] {
        if let Some(n) = count(key).filter(|n| n != "0") {
            shown.push_str(&format!(", {n} {word}"));
        }
    }
    Some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_statuses_and_tiers_are_never_cut() {
        let shows = Resource::ParseJob
            .table_columns()
            .iter()
            .map(|c| c.show)
            .collect::<Vec<_>>();
        // ID, NAME, STATUS, TIER, CREATED, UPDATED, ERROR
        let headers = [2, 4, 6, 4, 7, 7, 5];
        let natural = [40, 30, 9, 12, 11, 13, 25];
        let all = |w: &[u16]| w.iter().map(|&x| Some(x)).collect::<Vec<_>>();
        // Everything fits at 160: natural widths.
        assert_eq!(fit(&natural, &headers, &shows, &[true; 7], 160), all(&natural));
        // At 140 the error gives way first.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 140),
            all(&[40, 30, 9, 12, 11, 13, 13])
        );
        // At 120 the name gives way down to a readable size.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 120),
            all(&[40, 18, 9, 12, 11, 13, 5])
        );
        // At 100 a time is left out, and the name and the error share the room it leaves.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 100),
            [Some(40), Some(13), Some(9), Some(12), Some(11), None, Some(5)]
        );
        // At 80: no times, no error; the name shrinks before the tier goes.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 80),
            [Some(40), Some(13), Some(9), Some(12), None, None, None]
        );
        // At 60 only what is never cut is left.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 60),
            [Some(40), None, Some(9), None, None, None, None]
        );
        // Too narrow for even the id and the status: they stay whole, and the line runs long.
        let whole = [Some(40), None, Some(9), None, None, None, None];
        assert_eq!(fit(&natural, &headers, &shows, &[true; 7], 40), whole);
        assert_eq!(fit(&natural, &headers, &shows, &[true; 7], 20), whole);
    }

    fn parse_job_shows() -> Vec<Show> {
        Resource::ParseJob
            .table_columns()
            .iter()
            .map(|c| c.show)
            .collect()
    }

    #[test]
    fn narrow_tables_leave_out_times_then_other_text_then_names_then_tiers() {
        let shows = parse_job_shows();
        // ID, NAME, STATUS, TIER, CREATED, UPDATED, ERROR: short ids, a long error.
        let headers = [2, 4, 6, 4, 7, 7, 5];
        let natural = [8, 9, 9, 4, 11, 11, 25];
        // At 60 the error shrinks to its header, then the later time goes; the error gets
        // the room back.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 60),
            [Some(8), Some(9), Some(9), Some(4), Some(11), None, Some(9)]
        );
        // At 40 both times go, then the error.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 40),
            [Some(8), Some(9), Some(9), Some(4), None, None, None]
        );
        // At 20 the name goes, then the tier: only ids and statuses are left.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 20),
            [Some(8), None, Some(9), None, None, None, None]
        );
    }

    #[test]
    fn a_column_no_row_has_is_left_out_at_every_width() {
        let shows = parse_job_shows();
        let headers = [2, 4, 6, 4, 7, 7, 5];
        let natural = [40, 30, 9, 12, 11, 13, 5];
        // No row has an error: ERROR is not shown, however much room there is.
        let shown = [true, true, true, true, true, true, false];
        assert_eq!(
            fit(&natural, &headers, &shows, &shown, 200),
            [Some(40), Some(30), Some(9), Some(12), Some(11), Some(13), None]
        );
        for width in [60, 40, 20] {
            let widths = fit(&natural, &headers, &shows, &shown, width);
            assert_eq!(widths[6], None, "{width}");
            assert_eq!((widths[0], widths[2]), (Some(40), Some(9)), "{width}");
        }
    }

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
        assert_eq!(
            progress(
                &json!({"total_items": 10, "processed_items": 7, "failed_items": 1, "skipped_items": 2})
            )
            .unwrap(),
            "7/10, 1 failed, 2 skipped"
        );
        assert_eq!(progress(&json!({})), None);
    }
}
