//! What every printer is: one writer per output format behind one trait. A command hands its
//! items or its record to a `Printer` and never matches on the format itself.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::error::Error;
use crate::output::look::Look;

/// Writes a listing item by item, or one record, in one format.
pub(crate) trait Printer {
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

/// Bytes printed as they are, in every format (a completion script, a man page in roff).
pub struct Verbatim(pub Vec<u8>);

impl Record for Verbatim {
    fn json(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }

    fn human(&self, out: &mut dyn Write, _look: &Look) -> io::Result<()> {
        out.write_all(&self.0)
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.0)
    }

    fn raw(&self) -> Option<&[u8]> {
        Some(&self.0)
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

/// An item of a listing, parsed (the server's text was checked to be JSON when its page was).
pub(super) fn parse_item(item: &str) -> Result<serde_json::Value, Error> {
    serde_json::from_str(item).map_err(|err| Error::failure(format!("cannot read an item: {err}")))
}
