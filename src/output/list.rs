//! Writing a listing as its pages arrive. Streaming formats write and flush every page;
//! the table keeps its rows to size the columns.

use std::io::{self, Write};

use serde_json::Value;

use crate::api::paginate::Resume;
use crate::output::ListStyle;
use crate::output::json::{write_compact, write_pretty};
use crate::output::look::Look;
use crate::output::resource::{Resource, field};
use crate::output::sanitize::tsv_field;
use crate::output::table::Table;

/// How a listing ended, for the closing part of a JSON document.
#[derive(Debug)]
pub struct ListEnd<'a> {
    pub resume: &'a Resume,
    pub total_size: Option<&'a Value>,
}

/// Writes the items of a listing in one style.
pub struct ListWriter<W: Write> {
    out: W,
    style: ListStyle,
    resource: Resource,
    written: u64,
    /// Whether the JSON document has been opened (nothing is written before the first page,
    /// so a failing first request leaves stdout empty).
    opened: bool,
    table: Option<Table>,
}

impl<W: Write> ListWriter<W> {
    pub fn new(out: W, style: ListStyle, resource: Resource, look: Look) -> Self {
        let table = (style == ListStyle::Table).then(|| Table::for_resource(resource, look));
        ListWriter {
            out,
            style,
            resource,
            written: 0,
            opened: false,
            table,
        }
    }

    /// Items written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Writes one page's items and flushes them (except for the table, written at the end).
    pub fn write_page(&mut self, items: &[Value]) -> io::Result<()> {
        self.open()?;
        for item in items {
            self.write_item(item)?;
            self.written += 1;
        }
        if self.table.is_none() {
            self.out.flush()?;
        }
        Ok(())
    }

    fn open(&mut self) -> io::Result<()> {
        if !self.opened {
            self.opened = true;
            if let ListStyle::Json { pretty } = self.style {
                self.out.write_all(if pretty {
                    b"{\n  \"items\": ["
                } else {
                    b"{\"items\":["
                })?;
            }
        }
        Ok(())
    }

    fn write_item(&mut self, item: &Value) -> io::Result<()> {
        match self.style {
            ListStyle::Json { pretty: true } => {
                self.out
                    .write_all(if self.written == 0 { b"\n    " } else { b",\n    " })?;
                write_pretty(&mut self.out, item, "    ")
            }
            ListStyle::Json { pretty: false } => {
                if self.written > 0 {
                    self.out.write_all(b",")?;
                }
                write_compact(&mut self.out, item)
            }
            ListStyle::Jsonl => {
                write_compact(&mut self.out, item)?;
                self.out.write_all(b"\n")
            }
            ListStyle::Tsv => self.write_tsv_row(item),
            ListStyle::Table => {
                if let Some(table) = &mut self.table {
                    table.push(item);
                }
                Ok(())
            }
            ListStyle::Raw => Ok(()),
        }
    }

    fn write_tsv_row(&mut self, item: &Value) -> io::Result<()> {
        for (i, path) in self.resource.fields().iter().enumerate() {
            if i > 0 {
                self.out.write_all(b"\t")?;
            }
            if let Some(value) = field(item, path) {
                self.out.write_all(tsv_field(&value).as_bytes())?;
            }
        }
        self.out.write_all(b"\n")
    }

    /// Completes the output: closes the JSON document with the resume point, or renders the
    /// table, and hands back the writer. After a failure, call it only if something was
    /// written, so that a JSON document that was started is still valid and says where to resume.
    pub fn finish(mut self, end: &ListEnd<'_>) -> io::Result<W> {
        match self.style {
            ListStyle::Json { pretty } => {
                self.open()?;
                self.write_json_end(pretty, end)?;
            }
            ListStyle::Table => {
                if let Some(table) = self.table.take().filter(|t| !t.is_empty()) {
                    table.render(&mut self.out)?;
                }
            }
            ListStyle::Tsv | ListStyle::Jsonl | ListStyle::Raw => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }

    fn write_json_end(&mut self, pretty: bool, end: &ListEnd<'_>) -> io::Result<()> {
        let (key, value) = match end.resume {
            Resume::Cursor(token) => (
                "next_page_token",
                token.as_ref().map_or(Value::Null, |t| Value::String(t.clone())),
            ),
            Resume::Offset(offset) => ("next_offset", offset.map_or(Value::Null, Value::from)),
        };
        let mut fields = vec![(key, value)];
        if let Some(total) = end.total_size {
            fields.push(("total_size", total.clone()));
        }
        if pretty {
            self.out
                .write_all(if self.written == 0 { b"]" } else { b"\n  ]" })?;
            for (key, value) in &fields {
                write!(self.out, ",\n  \"{key}\": ")?;
                write_pretty(&mut self.out, value, "  ")?;
            }
            self.out.write_all(b"\n}\n")
        } else {
            self.out.write_all(b"]")?;
            for (key, value) in &fields {
                write!(self.out, ",\"{key}\":")?;
                write_compact(&mut self.out, value)?;
            }
            self.out.write_all(b"}\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(style: ListStyle, pages: &[Vec<Value>], resume: Resume) -> String {
        let mut out = Vec::new();
        let look = Look {
            color: false,
            width: 100,
            now: jiff::Timestamp::UNIX_EPOCH,
        };
        let mut writer = ListWriter::new(&mut out, style, Resource::ParseJob, look);
        for page in pages {
            writer.write_page(page).unwrap();
        }
        writer
            .finish(&ListEnd {
                resume: &resume,
                total_size: None,
            })
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn compact_json_joins_pages_into_one_document() {
        let pages = vec![
            vec![json!({"id": "a"})],
            vec![json!({"id": "b"}), json!({"id": "c"})],
        ];
        assert_eq!(
            render(
                ListStyle::Json { pretty: false },
                &pages,
                Resume::Cursor(Some("t".into()))
            ),
            "{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}],\"next_page_token\":\"t\"}\n"
        );
    }

    #[test]
    fn pretty_json_is_valid_and_indented() {
        let text = render(
            ListStyle::Json { pretty: true },
            &[vec![json!({"id": "a"}), json!({"id": "b"})]],
            Resume::Offset(None),
        );
        assert_eq!(
            text,
            "{\n  \"items\": [\n    {\n      \"id\": \"a\"\n    },\n    {\n      \"id\": \"b\"\n    }\n  ],\n  \"next_offset\": null\n}\n"
        );
        let empty = render(ListStyle::Json { pretty: true }, &[], Resume::Cursor(None));
        assert_eq!(empty, "{\n  \"items\": [],\n  \"next_page_token\": null\n}\n");
        serde_json::from_str::<Value>(&empty).unwrap();
    }

    #[test]
    fn tsv_rows_have_a_fixed_number_of_fields() {
        let item = json!({"id": "pjb-1", "name": "a\tb", "status": "COMPLETED", "created_at": "2026-11-01T00:00:00Z"});
        assert_eq!(
            render(ListStyle::Tsv, &[vec![item]], Resume::Cursor(None)),
            "pjb-1\ta\\tb\tCOMPLETED\t\t2026-11-01T00:00:00Z\t\n"
        );
    }
}
