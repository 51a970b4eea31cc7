//! Output: choosing the format, the buffered stdout, and the writers for lists and documents.
//! Nothing here knows about HTTP or clap.

pub mod content;
pub mod document;
pub mod jq;
pub mod json;
pub mod list;
pub mod look;
pub mod progress;
pub mod resource;
pub mod sanitize;
pub mod sink;
pub mod table;
pub mod yaml;

use std::io::{self, IsTerminal};

use crate::cli::Format;
use crate::exit::UsageError;

/// Tests set this to make the program treat stdout as a terminal (assert_cmd gives it a pipe).
const TEST_STDOUT_TTY: &str = "LLAMACLOUD_TEST_STDOUT_TTY";

/// Whether stdout and stderr are terminals.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stdout: bool,
    pub stderr: bool,
}

impl Terminal {
    /// Looks at the real streams. When output goes to a file (`-o`), stdout does not count as a
    /// terminal: `auto` then means tsv, and JSON is compact.
    pub fn detect(output_to_file: bool) -> Self {
        let forced = std::env::var_os(TEST_STDOUT_TTY).is_some_and(|v| v == "1");
        Terminal {
            stdout: !output_to_file && (forced || io::stdout().is_terminal()),
            stderr: io::stderr().is_terminal(),
        }
    }
}

/// How a listing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    Table,
    Tsv,
    Json {
        pretty: bool,
    },
    Jsonl,
    Yaml,
    /// One page, the server's bytes.
    Raw,
}

impl ListStyle {
    /// Resolves `--format` for a list command. With `--jq` the output is JSON: the document, or
    /// each item with jsonl.
    pub fn choose(format: Format, terminal: Terminal, with_jq: bool) -> Result<Self, UsageError> {
        if with_jq {
            return match format {
                Format::Auto | Format::Json => Ok(ListStyle::Json {
                    pretty: terminal.stdout,
                }),
                Format::Jsonl => Ok(ListStyle::Jsonl),
                _ => Err(UsageError::new(
                    "--jq filters JSON: use it with --format json (the default) or jsonl",
                )),
            };
        }
        Ok(match format {
            Format::Auto if terminal.stdout => ListStyle::Table,
            Format::Auto | Format::Tsv => ListStyle::Tsv,
            Format::Table => ListStyle::Table,
            Format::Json => ListStyle::Json {
                pretty: terminal.stdout,
            },
            Format::Jsonl => ListStyle::Jsonl,
            Format::Yaml => ListStyle::Yaml,
            Format::Raw => ListStyle::Raw,
            Format::Markdown | Format::Text => {
                return Err(UsageError::new(
                    "--format markdown and --format text are for `parsing get` only; lists support auto, table, \
                     tsv, json, jsonl, yaml and raw",
                ));
            }
        })
    }
}

/// The `--jq` filter, compiled (a bad expression is a usage error, before any request).
pub fn jq_filter(expr: Option<&str>, raw: bool, terminal: Terminal) -> Result<Option<jq::Jq>, UsageError> {
    expr.map(|code| jq::Jq::compile(code, raw, terminal.stdout))
        .transpose()
}

/// "1 page", "3 pages", "2 entries".
pub fn count(n: u64, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}
