//! Writing a listing as its pages arrive. Streaming formats write and flush every page;
//! the table keeps its rows to size the columns.

use std::io::{self, Write};

use serde_json::{Map, Value};

use crate::api::page::Page;
use crate::api::paginate::Resume;
use crate::output::ListStyle;
use crate::output::jq::Jq;
use crate::output::json::{write_compact, write_pretty};
use crate::output::look::Look;
use crate::output::resource::{Resource, field};
use crate::output::sanitize::tsv_field;
use crate::output::table::Table;
use crate::output::yaml;

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
    /// Whether the document has been opened (nothing is written before the first page, so a
    /// failing first request leaves stdout empty).
    opened: bool,
    table: Option<Table>,
    /// `--jq`: run per item (jsonl), or on the whole document (json), whose items are kept.
    jq: Option<Jq>,
    kept: Vec<Value>,
}

impl<W: Write> ListWriter<W> {
    pub fn new(out: W, style: ListStyle, resource: Resource, look: Look, jq: Option<Jq>) -> Self {
        let table = (style == ListStyle::Table).then(|| Table::for_resource(resource, look));
        ListWriter {
            out,
            style,
            resource,
            written: 0,
            opened: false,
            table,
            jq,
            kept: Vec::new(),
        }
    }

    /// Items written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Writes one page's items and flushes them (except for the table, written at the end).
    pub fn write_page(&mut self, page: &Page) -> io::Result<()> {
        self.open()?;
        for item in page.items() {
            self.write_raw_item(item)?;
            self.written += 1;
        }
        if self.table.is_none() {
            self.out.flush()?;
        }
        Ok(())
    }

    fn open(&mut self) -> io::Result<()> {
        if !self.opened && self.jq.is_none() {
            match self.style {
                ListStyle::Json { pretty: true } => self.out.write_all(b"{\n  \"items\": [")?,
                ListStyle::Json { pretty: false } => self.out.write_all(b"{\"items\":[")?,
                _ => {}
            }
        }
        self.opened = true;
        Ok(())
    }

    /// Compact JSON passes the server's text through untouched when it is one line; every
    /// other style parses the item.
    fn write_raw_item(&mut self, item: &str) -> io::Result<()> {
        let one_line = !item.contains(['\n', '\r']);
        match self.style {
            ListStyle::Jsonl if self.jq.is_none() && one_line => {
                self.out.write_all(item.as_bytes())?;
                self.out.write_all(b"\n")
            }
            ListStyle::Json { pretty: false } if self.jq.is_none() && one_line => {
                if self.written > 0 {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(item.as_bytes())
            }
            _ => {
                let value: Value = serde_json::from_str(item).map_err(io::Error::other)?;
                self.write_item(&value)
            }
        }
    }

    fn write_item(&mut self, item: &Value) -> io::Result<()> {
        if let Some(jq) = &self.jq {
            if self.style == ListStyle::Jsonl {
                return jq.run(item, &mut self.out).map_err(io::Error::other);
            }
            self.kept.push(item.clone());
            return Ok(());
        }
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
            ListStyle::Yaml => {
                if self.written == 0 {
                    self.out.write_all(b"items:\n")?;
                }
                yaml::write_item(&mut self.out, item)
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

    /// Completes the output: closes the document with the resume point, runs `--jq` on it,
    /// or renders the table, and hands back the writer. After a failure, call it only if
    /// something was written, so that a document that was started is still valid and says
    /// where to resume.
    pub fn finish(mut self, end: &ListEnd<'_>) -> io::Result<W> {
        match (self.style, self.jq.take()) {
            (ListStyle::Json { .. }, Some(jq)) => {
                let mut document = Map::new();
                document.insert("items".into(), Value::Array(std::mem::take(&mut self.kept)));
                document.extend(end_fields(end).into_iter().map(|(k, v)| (k.to_string(), v)));
                jq.run(&Value::Object(document), &mut self.out)
                    .map_err(io::Error::other)?;
            }
            (ListStyle::Json { pretty }, None) => {
                self.open()?;
                self.write_json_end(pretty, end)?;
            }
            (ListStyle::Yaml, _) => {
                if self.written == 0 {
                    self.out.write_all(b"items: []\n")?;
                }
                let tail: Map<String, Value> = end_fields(end)
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect();
                yaml::write_document(&mut self.out, &Value::Object(tail))?;
            }
            (ListStyle::Table, _) => {
                if let Some(table) = self.table.take().filter(|t| !t.is_empty()) {
                    table.render(&mut self.out)?;
                }
            }
            (ListStyle::Tsv | ListStyle::Jsonl | ListStyle::Raw, _) => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }

    fn write_json_end(&mut self, pretty: bool, end: &ListEnd<'_>) -> io::Result<()> {
        let fields = end_fields(end);
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

/// What follows the items: the resume point, and the total when the server sent one.
fn end_fields(end: &ListEnd<'_>) -> Vec<(&'static str, Value)> {
    let resume = match end.resume {
        Resume::Cursor(token) => (
            "next_page_token",
            token.as_ref().map_or(Value::Null, |t| Value::String(t.clone())),
        ),
        Resume::Offset(offset) => ("next_offset", offset.map_or(Value::Null, Value::from)),
    };
    let mut fields = vec![resume];
    fields.extend(end.total_size.map(|total| ("total_size", total.clone())));
    fields
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
        let mut writer = ListWriter::new(&mut out, style, Resource::ParseJob, look, None);
        for items in pages {
            let body = serde_json::to_vec(&json!({ "items": items })).unwrap();
            writer.write_page(&Page::parse(body).unwrap().page).unwrap();
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
