//! `--jq EXPR`: a built-in jq (the jaq crates), so no external jq is needed.

use std::io::{self, Write};

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;
use serde_json::Value;

use crate::exit::UsageError;

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
    pub fn compile(code: &str, raw: bool, pretty: bool) -> Result<Self, UsageError> {
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

    /// Runs the filter on `input` and writes each result on its own line. A runtime error
    /// (such as indexing a number) is returned after the results before it.
    pub fn run(&self, input: &Value, out: &mut impl Write) -> anyhow::Result<()> {
        // Through JSON text, so numbers reach jaq with every digit.
        let input = jaq_json::read::parse_single(input.to_string().as_bytes())
            .map_err(|e| anyhow::anyhow!("--jq: cannot read the input: {e}"))?;
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        for result in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let value = result.map_err(|e| anyhow::anyhow!("--jq: {e}"))?;
            self.write(&value, out)?;
        }
        Ok(())
    }

    fn write(&self, value: &Val, out: &mut impl Write) -> io::Result<()> {
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

fn invalid(code: &str, messages: &[String]) -> UsageError {
    UsageError::new(format!(
        "invalid --jq expression {code:?}: {}",
        messages.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(code: &str, raw: bool, input: Value) -> String {
        let mut out = Vec::new();
        Jq::compile(code, raw, false)
            .unwrap()
            .run(&input, &mut out)
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
