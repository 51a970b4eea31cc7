//! The human table: aligned columns with upper-case headers, server text neutralised.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, presets};
use serde_json::Value;

use crate::output::resource::Resource;
use crate::output::sanitize::neutralize;

/// Rows collected for one table.
pub struct Table {
    resource: Resource,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(resource: Resource) -> Self {
        Table {
            resource,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, item: &Value) {
        let row = self
            .resource
            .columns()
            .iter()
            .map(|column| {
                column
                    .value(item)
                    .map_or_else(|| "-".to_string(), |v| neutralize(&v).into_owned())
            })
            .collect();
        self.rows.push(row);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Renders the table, fitted to `$COLUMNS` when it is set.
    pub fn render(self, out: &mut impl Write) -> io::Result<()> {
        let mut table = comfy_table::Table::new();
        table.load_style(presets::NOTHING);
        table.set_header(self.resource.columns().iter().map(|c| c.header));
        table.add_rows(self.rows);
        if let Some(width) = terminal_width() {
            table
                .set_width(width)
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        for column in table.column_iter_mut() {
            column.set_padding((0, 2));
        }
        for line in table.lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|w| *w >= 20)
}
