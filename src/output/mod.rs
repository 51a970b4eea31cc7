//! Output: where it goes (`destination`), and one printer per format behind one trait. A
//! command hands its items or its record to a printer and never matches on the format itself.
//! Nothing here knows about HTTP.

pub mod content;
pub mod destination;
pub mod job;
pub mod jq;
pub mod json;
pub mod look;
pub mod progress;
pub mod resource;
pub mod table;
pub mod tsv;
pub mod yaml;

use std::borrow::Cow;
use std::io::{self, Write};

use crate::cli::Format;
use crate::error::Error;
use crate::output::destination::Destination;
use crate::output::jq::Jq;
use crate::output::look::Look;
use crate::output::resource::Resource;

/// Writes a listing item by item, or one record, in one format.
pub trait Printer {
    /// One item of a listing, as the server's JSON text.
    fn item(&mut self, out: &mut dyn Write, item: &str) -> Result<(), Error>;

    /// Ends a listing: closes the document, renders the table, runs `--jq`.
    fn finish_list(&mut self, out: &mut dyn Write, end: &ListEnd) -> Result<(), Error>;

    /// A single record (a job, the auth status, the config).
    fn record(&mut self, out: &mut dyn Write, record: &dyn Record) -> Result<(), Error>;
}

/// Something a command prints that is not a listing: it knows its JSON and how people read it.
pub trait Record {
    /// The record as JSON text: the server's own bytes where there are any.
    fn json(&self) -> Cow<'_, str>;

    /// Lines for people (`table`, and `auto` on a terminal).
    fn human(&self, out: &mut dyn Write, look: &Look) -> io::Result<()>;

    /// Tab-separated lines for scripts.
    fn tsv(&self, out: &mut dyn Write) -> io::Result<()>;

    /// The server's bytes for `--format raw`, when the record came from one response.
    fn raw(&self) -> Option<&[u8]> {
        None
    }
}

/// How a listing ended, for the closing part of a JSON or YAML document.
#[derive(Debug, Clone, Default)]
pub struct ListEnd {
    /// Top-level fields of the last page besides items, the cursor and the total, as JSON text.
    pub extra: Vec<(String, String)>,
    /// `next_page_token` or `next_offset`, and its value as JSON text.
    pub resume: (&'static str, String),
    /// `total_size` as JSON text, when the server sent one.
    pub total_size: Option<String>,
}

impl ListEnd {
    /// Every field after `items`, in the order they are written.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut fields = self.extra.clone();
        fields.push((self.resume.0.to_string(), self.resume.1.clone()));
        fields.extend(self.total_size.clone().map(|t| ("total_size".to_string(), t)));
        fields
    }
}

/// What a command prints, which decides the formats it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Items of a listing.
    List(Resource),
    /// One record; `raw` when it is one server response (`--format raw` then applies).
    Record { raw: bool },
    /// Text in a fixed format of its own, such as a shell script.
    Script,
}

impl Shape {
    fn formats(self) -> &'static [Format] {
        use Format::*;
        match self {
            Shape::List(_) | Shape::Record { raw: true } => &[Auto, Table, Tsv, Json, Jsonl, Yaml, Raw],
            Shape::Record { raw: false } => &[Auto, Table, Tsv, Json, Jsonl, Yaml],
            Shape::Script => &[Auto],
        }
    }
}

/// A resolved format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Table,
    Tsv,
    Json {
        pretty: bool,
    },
    Jsonl,
    Yaml,
    Raw,
    /// Text with no format of its own (`Shape::Script`).
    Plain,
}

/// An item of a listing, parsed (the server's text was checked to be JSON when its page was).
pub fn parse_item(item: &str) -> Result<serde_json::Value, Error> {
    serde_json::from_str(item).map_err(|err| Error::failure(format!("cannot read an item: {err}")))
}

/// The formats a command takes, for messages: "auto, table, tsv".
pub fn format_names(formats: &[Format]) -> String {
    formats
        .iter()
        .filter_map(|f| clap::ValueEnum::to_possible_value(f).map(|v| v.get_name().to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Style {
    /// Resolves `--format` (and `--jq`) for `command` printing `shape`: a format the command
    /// cannot print is a usage error naming those it can. `extra` are formats the command
    /// handles itself (markdown, text), named in the message too.
    pub fn choose(
        format: Format,
        with_jq: bool,
        shape: Shape,
        destination: &Destination,
        command: &str,
        extra: &[Format],
    ) -> Result<Style, Error> {
        let formats = shape.formats();
        if !formats.contains(&format) {
            let all: Vec<Format> = formats.iter().chain(extra).copied().collect();
            return Err(Error::usage(match shape {
                Shape::Script => format!(
                    "`{command}` writes a {}; it takes no --format, --json or --jq",
                    "script"
                ),
                _ => format!(
                    "`{command}` cannot write --format {}; it takes {}",
                    format_names(&[format]),
                    format_names(&all)
                ),
            }));
        }
        if with_jq {
            return match (shape, format) {
                (Shape::Script, _) => Err(Error::usage(format!(
                    "`{command}` writes a script; --jq does not apply"
                ))),
                (_, Format::Auto | Format::Json) => Ok(Style::Json {
                    pretty: destination.to_terminal,
                }),
                (_, Format::Jsonl) => Ok(Style::Jsonl),
                _ => Err(Error::usage(
                    "--jq filters JSON: use it with --format json (the default) or jsonl",
                )),
            };
        }
        Ok(match format {
            Format::Auto if shape == Shape::Script => Style::Plain,
            // A record of this program's own (settings, the config) reads the same everywhere.
            Format::Auto if destination.to_terminal || shape == Shape::Record { raw: false } => Style::Table,
            Format::Auto | Format::Tsv => Style::Tsv,
            Format::Table => Style::Table,
            Format::Json => Style::Json {
                pretty: destination.to_terminal,
            },
            Format::Jsonl => Style::Jsonl,
            Format::Yaml => Style::Yaml,
            Format::Raw => Style::Raw,
            Format::Markdown | Format::Text => unreachable!("checked against the shape's formats"),
        })
    }

    /// The printer for this style.
    pub fn printer(self, resource: Option<Resource>, look: Look, jq: Option<Jq>) -> Box<dyn Printer> {
        if let Some(jq) = jq {
            return Box::new(jq::JqPrinter::new(jq, self == Style::Jsonl));
        }
        match self {
            Style::Table => Box::new(table::TablePrinter::new(resource, look)),
            Style::Tsv => Box::new(tsv::TsvPrinter::new(resource)),
            Style::Json { pretty } => Box::new(json::JsonPrinter::new(pretty)),
            Style::Jsonl => Box::new(json::JsonlPrinter),
            Style::Yaml => Box::new(yaml::YamlPrinter::default()),
            Style::Raw | Style::Plain => Box::new(RawPrinter),
        }
    }
}

/// `--format raw` for a record: the server's bytes. (A raw listing is one page, written by
/// the listing itself.)
struct RawPrinter;

impl Printer for RawPrinter {
    fn item(&mut self, _out: &mut dyn Write, _item: &str) -> Result<(), Error> {
        Ok(())
    }

    fn finish_list(&mut self, _out: &mut dyn Write, _end: &ListEnd) -> Result<(), Error> {
        Ok(())
    }

    fn record(&mut self, out: &mut dyn Write, record: &dyn Record) -> Result<(), Error> {
        match record.raw() {
            Some(bytes) => out.write_all(bytes)?,
            None => out.write_all(record.json().as_bytes())?,
        }
        Ok(())
    }
}
