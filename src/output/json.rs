//! JSON out: `--format json` (one document, pretty on a terminal) and `jsonl` (one item per
//! line). Text is re-indented token by token, never re-serialised: numbers keep every digit
//! (`1e400` stays `1e400`), strings keep their escapes, duplicate keys and key order stay.
//! Characters that could drive a terminal are always written as `\u` escapes.

use std::io::{self, Write};

use crate::error::Error;
use crate::output::printer::{ListEnd, Printer, Record};
use crate::text::is_unsafe;

/// Writes the valid JSON `text` compact (`indent` = None) or pretty, with nested lines
/// starting at `level` indents of two spaces. No trailing newline.
pub(super) fn reformat(out: &mut dyn Write, text: &str, indent: Option<usize>) -> io::Result<()> {
    let bytes = text.as_bytes();
    let mut depth = indent.unwrap_or(0);
    let newline = |out: &mut dyn Write, depth: usize| -> io::Result<()> {
        out.write_all(b"\n")?;
        for _ in 0..depth {
            out.write_all(b"  ")?;
        }
        Ok(())
    };
    let pretty = indent.is_some();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\n' | b'\r' | b'\t' => i += 1,
            b'"' => i = copy_string(out, text, i)?,
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                let next = skip_space(bytes, i + 1);
                if bytes.get(next) == Some(&close) {
                    out.write_all(&[b, close])?;
                    i = next + 1;
                } else {
                    out.write_all(&[b])?;
                    depth += 1;
                    if pretty {
                        newline(out, depth)?;
                    }
                    i += 1;
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if pretty {
                    newline(out, depth)?;
                }
                out.write_all(&[b])?;
                i += 1;
            }
            b',' => {
                out.write_all(b",")?;
                if pretty {
                    newline(out, depth)?;
                }
                i += 1;
            }
            b':' => {
                out.write_all(if pretty { b": " } else { b":" })?;
                i += 1;
            }
            _ => {
                // A number or a literal: copied as written.
                let start = i;
                while i < bytes.len() && !b" \n\r\t,:]}".contains(&bytes[i]) {
                    i += 1;
                }
                out.write_all(&bytes[start..i])?;
            }
        }
    }
    Ok(())
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\n' | b'\r' | b'\t') {
        i += 1;
    }
    i
}

/// Copies the string starting at `start` (its opening quote) and returns the index after it.
fn copy_string(out: &mut dyn Write, text: &str, start: usize) -> io::Result<usize> {
    let bytes = text.as_bytes();
    let mut run = start;
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => {
                out.write_all(&bytes[run..=i])?;
                return Ok(i + 1);
            }
            b if b < 0x80 => {
                if (b as char).is_control() {
                    out.write_all(&bytes[run..i])?;
                    write!(out, "\\u{:04x}", b)?;
                    run = i + 1;
                }
                i += 1;
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or('\u{fffd}');
                if is_unsafe(c) {
                    out.write_all(&bytes[run..i])?;
                    write!(out, "\\u{:04x}", c as u32)?;
                    run = i + c.len_utf8();
                }
                i += c.len_utf8();
            }
        }
    }
    out.write_all(&bytes[run..bytes.len().min(i)])?;
    Ok(i)
}

/// `--format json`: a listing as one document in the API's page shape; a record as itself.
pub(super) struct JsonPrinter {
    pretty: bool,
    items: u64,
    opened: bool,
}

impl JsonPrinter {
    pub fn new(pretty: bool) -> Self {
        JsonPrinter {
            pretty,
            items: 0,
            opened: false,
        }
    }

    fn indent(&self, level: usize) -> Option<usize> {
        self.pretty.then_some(level)
    }

    fn open(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.opened {
            out.write_all(if self.pretty {
                b"{\n  \"items\": ["
            } else {
                b"{\"items\":["
            })?;
            self.opened = true;
        }
        Ok(())
    }
}

impl Printer for JsonPrinter {
    fn item(&mut self, out: &mut dyn Write, item: &str) -> Result<(), Error> {
        self.open(out)?;
        if self.items > 0 {
            out.write_all(b",")?;
        }
        if self.pretty {
            out.write_all(b"\n    ")?;
        }
        reformat(out, item, self.indent(2))?;
        self.items += 1;
        Ok(())
    }

    fn finish_list(&mut self, out: &mut dyn Write, end: &ListEnd) -> Result<(), Error> {
        self.open(out)?;
        if self.pretty && self.items > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"]")?;
        for (key, value) in end.fields() {
            out.write_all(if self.pretty { b",\n  " } else { b"," })?;
            reformat(out, &serde_json::to_string(&key).unwrap_or_default(), None)?;
            out.write_all(if self.pretty { b": " } else { b":" })?;
            reformat(out, &value, self.indent(1))?;
        }
        out.write_all(if self.pretty { b"\n}\n" } else { b"}\n" })?;
        Ok(())
    }

    fn record(&mut self, out: &mut dyn Write, record: &dyn Record) -> Result<(), Error> {
        reformat(out, &record.json(), self.indent(0))?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// `--format jsonl`: one compact item per line; a record is one line.
pub(super) struct JsonlPrinter;

impl Printer for JsonlPrinter {
    fn item(&mut self, out: &mut dyn Write, item: &str) -> Result<(), Error> {
        // The server's text passes through when it is already one safe line.
        if item.chars().any(|c| c == '\n' || c == '\r' || is_unsafe(c)) {
            reformat(out, item, None)?;
        } else {
            out.write_all(item.as_bytes())?;
        }
        out.write_all(b"\n")?;
        Ok(())
    }

    fn finish_list(&mut self, _out: &mut dyn Write, _end: &ListEnd) -> Result<(), Error> {
        Ok(())
    }

    fn record(&mut self, out: &mut dyn Write, record: &dyn Record) -> Result<(), Error> {
        self.item(out, &record.json())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pretty(text: &str) -> String {
        let mut out = Vec::new();
        reformat(&mut out, text, Some(0)).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn compact(text: &str) -> String {
        let mut out = Vec::new();
        reformat(&mut out, text, None).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn tokens_stay_as_written() {
        let text = r#"{"z":1, "a":12345678901234567890123,"f":1.50,"e":1e400,"g":-0.0,"s":"tab\t\u001b \u202e","d":1,"d":2,"u":{"x":[], "y":{}}}"#;
        assert_eq!(
            compact(text),
            r#"{"z":1,"a":12345678901234567890123,"f":1.50,"e":1e400,"g":-0.0,"s":"tab\t\u001b \u202e","d":1,"d":2,"u":{"x":[],"y":{}}}"#
        );
        assert_eq!(
            pretty(r#"{"a":[1,"x\ny"],"e":1e400,"d":1,"d":2,"o":{ }}"#),
            "{\n  \"a\": [\n    1,\n    \"x\\ny\"\n  ],\n  \"e\": 1e400,\n  \"d\": 1,\n  \"d\": 2,\n  \"o\": {}\n}"
        );
    }

    #[test]
    fn characters_unsafe_on_a_terminal_are_escaped() {
        assert_eq!(
            compact("[\"evil\u{202e}fdp\u{2028}x\u{9b}é\"]"),
            "[\"evil\\u202efdp\\u2028x\\u009bé\"]"
        );
        assert_eq!(pretty("\"a\\\"\u{202e}\""), "\"a\\\"\\u202e\"");
    }
}
