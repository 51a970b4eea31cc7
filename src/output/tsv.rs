//! `--format tsv` (and `auto` when piped): one line per item, tab-separated, a fixed number of
//! fields, with tabs, newlines and control characters escaped.

use std::io::Write;

use serde_json::Value;

use crate::error::Error;
use crate::output::printer::{ListEnd, Printer, Record, parse_item};
use crate::output::resource::{Resource, field};
use crate::text::tsv_field;

/// Writes each item's fields, as `resource` lists them.
pub(super) struct TsvPrinter {
    resource: Option<Resource>,
}

impl TsvPrinter {
    pub fn new(resource: Option<Resource>) -> Self {
        TsvPrinter { resource }
    }
}

/// Writes one tsv line with the fields at `paths` of `item`.
pub(super) fn write_row(out: &mut dyn Write, item: &Value, paths: &[&[&str]]) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, path) in paths.iter().enumerate() {
        if i > 0 {
            line.push('\t');
        }
        if let Some(value) = field(item, path) {
            line.push_str(&tsv_field(&value));
        }
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}

impl Printer for TsvPrinter {
    fn item(&mut self, out: &mut dyn Write, item: &str) -> Result<(), Error> {
        let value = parse_item(item)?;
        let paths = self.resource.map_or(&[][..], Resource::fields);
        Ok(write_row(out, &value, paths)?)
    }

    fn finish_list(&mut self, _out: &mut dyn Write, _end: &ListEnd) -> Result<(), Error> {
        Ok(())
    }

    fn record(&mut self, out: &mut dyn Write, record: &dyn Record) -> Result<(), Error> {
        Ok(record.tsv(out)?)
    }
}
