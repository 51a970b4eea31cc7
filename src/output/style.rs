//! Which printer a command gets: `--format` and `--jq` resolved against what the command
//! prints (its `Shape`) and where the output goes.

use std::io::Write;

use crate::cli::Format;
use crate::error::Error;
use crate::output::destination::Destination;
use crate::output::jq::{Jq, JqPrinter};
use crate::output::json::{JsonPrinter, JsonlPrinter};
use crate::output::look::Look;
use crate::output::printer::{ListEnd, Printer, Record};
use crate::output::resource::Resource;
use crate::output::table::TablePrinter;
use crate::output::tsv::TsvPrinter;
use crate::output::yaml::YamlPrinter;

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
                Shape::Script => format!("`{command}` writes a script; it takes no --format, --json or --jq"),
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
            return Box::new(JqPrinter::new(jq, self == Style::Jsonl));
        }
        match self {
            Style::Table => Box::new(TablePrinter::new(resource, look)),
            Style::Tsv => Box::new(TsvPrinter::new(resource)),
            Style::Json { pretty } => Box::new(JsonPrinter::new(pretty)),
            Style::Jsonl => Box::new(JsonlPrinter),
            Style::Yaml => Box::new(YamlPrinter::default()),
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
