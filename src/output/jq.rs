//! `--jq EXPR`: a built-in jq (the jaq crates), so no external jq is needed.

use std::io::{self, Write};

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use crate::error::Error;
use crate::output::printer::{ListEnd, Printer, Record};

type Data = data::JustLut<Val>;

/// A compiled filter and how to print its results.
pub struct Jq {
    filter: jaq_core::Filter<Data>,
    /// `-r`: strings without quotes.
    raw: bool,
    /// Indent results (on a terminal).
    pretty: bool,
}

impl Jq {
    /// Compiles `code`; a bad expression is a usage error carrying the parser's message.
    pub fn compile(code: &str, raw: bool, pretty: bool) -> Result<Self, Error> {
        let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs());
        let funs = jaq_core::funs().chain(jaq_std::funs()).chain(jaq_json::funs());
        let loader = Loader::new(defs);
        let arena = Arena::default();
        let modules = loader.load(&arena, File { code, path: () }).map_err(|errors| {
            let messages: Vec<String> = errors
                .iter()
                .flat_map(|(_, error)| match error {
                    jaq_core::load::Error::Io(items) => {
                        items.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>()
                    }
                    jaq_core::load::Error::Lex(items) => items
                        .iter()
                        .map(|(expect, at)| expected(code, expect.as_str(), at))
                        .collect(),
                    jaq_core::load::Error::Parse(items) => items
                        .iter()
                        .map(|(expect, at)| expected(code, expect.as_str(), at))
                        .collect(),
                })
                .collect();
            invalid(code, &messages)
        })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| {
                let messages: Vec<String> = errors
                    .iter()
                    .flat_map(|(_, undefined)| {
                        undefined
                            .iter()
                            .map(|(name, kind)| format!("undefined {} {name}", kind.as_str()))
                    })
                    .collect();
                invalid(code, &messages)
            })?;
        Ok(Jq { filter, raw, pretty })
    }

    /// Runs the filter on the JSON text `input` and writes each result on its own line. A
    /// runtime error (such as indexing a number) is returned after the results before it; an
    /// error writing stays an I/O error, so that a closed pipe is recognised as one.
    pub fn run(&self, input: &[u8], out: &mut dyn Write) -> Result<(), Error> {
        // From the server's text, so numbers reach jaq with every digit.
        let input = jaq_json::read::parse_single(input)
            .map_err(|e| Error::failure(format!("--jq: cannot read the input: {e}")))?;
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        for result in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let value = result.map_err(|e| Error::failure(format!("--jq: {e}")))?;
            self.write(&value, out)?;
        }
        Ok(())
    }

    fn write(&self, value: &Val, out: &mut dyn Write) -> io::Result<()> {
        match value {
            Val::TStr(bytes) if self.raw => out.write_all(bytes)?,
            _ if self.pretty => {
                let pp = jaq_json::write::Pp {
                    indent: Some("  ".to_string()),
                    ..Default::default()
                };
                jaq_json::write::write(out, &pp, 0, value)?;
            }
            _ => write!(out, "{value}")?,
        }
        out.write_all(b"\n")
    }
}

fn expected(code: &str, what: &str, at: &str) -> String {
    let offset = code.len().saturating_sub(at.len());
    let found = at.chars().take(12).collect::<String>();
    if found.is_empty() {
        format!("expected {what} at the end")
    } else {
        format!(
            "expected {what} at character {}, found {found:?}",
            code[..offset].chars().count() + 1
        )
    }
}

fn invalid(code: &str, messages: &[String]) -> Error {
    Error::usage(format!(
        "invalid --jq expression {code:?}: {}",
        messages.join("; ")
    ))
}

/// `--jq`: with `--format json` the filter runs once on the whole listing document (items and
/// the fields that close it), which is kept until the end; with `jsonl`, once per item.
pub struct JqPrinter {
    jq: Jq,
    per_item: bool,
    /// The listing document being built, as JSON text.
    document: Vec<u8>,
    items: u64,
}

impl JqPrinter {
    pub fn new(jq: Jq, per_item: bool) -> Self {
        JqPrinter {
            jq,
            per_item,
            document: b"{\"items\":[".to_vec(),
            items: 0,
        }
    }
}

impl Printer for JqPrinter {
    fn item(&mut self, out: &mut dyn Write, item: &str) -> Result<(), Error> {
        if self.per_item {
            return self.jq.run(item.as_bytes(), out);
        }
        if self.items > 0 {
            self.document.push(b',');
        }
        self.document.extend_from_slice(item.as_bytes());
        self.items += 1;
        Ok(())
    }

    fn finish_list(&mut self, out: &mut dyn Write, end: &ListEnd) -> Result<(), Error> {
        if self.per_item {
            return Ok(());
        }
        let mut document = std::mem::take(&mut self.document);
        document.push(b']');
        for (key, value) in end.fields() {
            document.push(b',');
            document.extend_from_slice(serde_json::Value::String(key).to_string().as_bytes());
            document.push(b':');
            document.extend_from_slice(value.as_bytes());
        }
        document.push(b'}');
        self.jq.run(&document, out)
    }

    fn record(&mut self, out: &mut dyn Write, record: &dyn Record) -> Result<(), Error> {
        self.jq.run(record.json().as_bytes(), out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn run(code: &str, raw: bool, input: Value) -> String {
        let mut out = Vec::new();
        Jq::compile(code, raw, false)
            .unwrap()
            .run(input.to_string().as_bytes(), &mut out)
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn filters_run_and_print_one_result_per_line() {
        let input = json!({"items": [{"id": "a", "n": 1}, {"id": "b", "n": 2}]});
        assert_eq!(run(".items[].id", false, input.clone()), "\"a\"\n\"b\"\n");
        assert_eq!(run(".items[].id", true, input.clone()), "a\nb\n");
        assert_eq!(run("[.items[].n] | add", true, input.clone()), "3\n");
        assert_eq!(run(".items | map(select(.n > 1)) | length", false, input), "1\n");
    }

    #[test]
    fn big_numbers_keep_their_digits() {
        let input: Value = serde_json::from_str(r#"{"big": 123456789012345678901234567890}"#).unwrap();
        assert_eq!(run(".big", false, input), "123456789012345678901234567890\n");
    }

    #[test]
    fn bad_expressions_say_what_was_expected() {
        let err = Jq::compile(".items[", false, false).err().unwrap().to_string();
        assert!(
            err.starts_with("invalid --jq expression \".items[\": expected"),
            "{err}"
        );
        let err = Jq::compile("nosuchfn(1)", false, false)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("undefined filter nosuchfn"), "{err}");
    }
}
