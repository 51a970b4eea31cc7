//! `--jq EXPR`: a built-in jq (the jaq crates), so no external jq is needed.

use std::borrow::Cow;
use std::io::{self, Write};

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use crate::error::Error;
use crate::output::printer::{ListEnd, Printer, Record};

type Data = data::JustLut<Val>;

/// A compiled filter and how to print its results.
pub(crate) struct Jq {
    filter: jaq_core::Filter<Data>,
    /// `-r`: strings without quotes.
    raw: bool,
    /// Indent results (on a terminal).
    pretty: bool,
    /// `$ENV`.
    env: Val,
}

/// What jq users type that jaq's standard library lacks, defined as jq does.
const PRELUDE: &str = r#"
def @csv: map(
    if type == "string" then "\"" + gsub("\""; "\"\"") + "\""
    elif type == "null" then ""
    elif type == "boolean" or type == "number" then tojson
    else error("\(type) (\(tojson)) is not valid in a csv row") end
  ) | join(",");
def @tsv: map(
    if type == "string" then gsub("\\\\"; "\\\\") | gsub("\t"; "\\t") | gsub("\n"; "\\n") | gsub("\r"; "\\r")
    elif type == "null" then ""
    elif type == "boolean" or type == "number" then tojson
    else error("\(type) (\(tojson)) is not valid in a tsv row") end
  ) | join("\t");
def ascii: [.] | implode;
def IN(s): any(s == .; .);
def IN(src; s): any(src == s; .);
def env: $ENV;
"#;

/// Environment variables whose values `$ENV` shows masked.
const SECRET_VARIABLES: [&str; 2] = ["LLAMA_CLOUD_API_KEY", "LLAMA_PARSE_API_KEY"];

impl Jq {
    /// Compiles `code` with `$ENV` (and `env`) holding `vars`; a bad expression is a usage
    /// error carrying the parser's message.
    pub(super) fn compile(
        code: &str,
        raw: bool,
        pretty: bool,
        vars: &[(String, String)],
    ) -> Result<Self, Error> {
        let prelude = jaq_core::load::parse(PRELUDE, |p| p.defs()).unwrap_or_default();
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs())
            .chain(prelude);
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
            .with_global_vars(["$ENV"])
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
        let env: serde_json::Map<String, serde_json::Value> = vars
            .iter()
            .map(|(name, value)| {
                let value = match SECRET_VARIABLES.contains(&name.as_str()) {
                    true => crate::secret::ApiKey::new(value.as_str()).masked(),
                    false => value.clone(),
                };
                (name.clone(), serde_json::Value::String(value))
            })
            .collect();
        let env = jaq_json::read::parse_single(serde_json::Value::Object(env).to_string().as_bytes())
            .map_err(|e| Error::failure(format!("--jq: cannot read the environment: {e}")))?;
        Ok(Jq {
            filter,
            raw,
            pretty,
            env,
        })
    }

    /// Runs the filter on the JSON text `input` and writes each result on its own line. A
    /// runtime error (such as indexing a number) is returned after the results before it; an
    /// error writing stays an I/O error, so that a closed pipe is recognised as one.
    pub fn run(&self, input: &[u8], out: &mut dyn Write) -> Result<(), Error> {
        // From the server's text, so numbers reach jaq with every digit.
        let input = jaq_json::read::parse_single(input)
            .map_err(|e| Error::failure(format!("--jq: cannot read the input: {e}")))?;
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([self.env.clone()]));
        for result in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let value = result.map_err(|e| Error::failure(format!("--jq: {e}")))?;
            self.write(&value, out)?;
        }
        Ok(())
    }

    fn write(&self, value: &Val, out: &mut dyn Write) -> io::Result<()> {
        if let (Val::TStr(bytes), true) = (value, self.raw) {
            out.write_all(bytes)?;
            return out.write_all(b"\n");
        }
        let mut text = Vec::new();
        if self.pretty {
            let pp = jaq_json::write::Pp {
                indent: Some("  ".to_string()),
                ..Default::default()
            };
            jaq_json::write::write(&mut text, &pp, 0, value)?;
        } else {
            write!(text, "{value}")?;
        }
        text.push(b'\n');
        out.write_all(&as_json_numbers(&text))
    }
}

/// jaq's `Infinity`, `-Infinity` and `NaN` written as jq writes them, so the output stays JSON:
/// the largest double, and null.
fn as_json_numbers(text: &[u8]) -> Cow<'_, [u8]> {
    if !text.windows(3).any(|w| w == b"Inf" || w == b"NaN") {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len());
    let (mut i, mut in_string) = (0, false);
    while i < text.len() {
        let b = text[i];
        if in_string {
            out.push(b);
            match b {
                b'\\' => {
                    if let Some(&next) = text.get(i + 1) {
                        out.push(next);
                    }
                    i += 1;
                }
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let (token, replacement): (&[u8], &[u8]) = if rest.starts_with(b"-Infinity") {
            (b"-Infinity", b"-1.7976931348623157e+308")
        } else if rest.starts_with(b"Infinity") {
            (b"Infinity", b"1.7976931348623157e+308")
        } else if rest.starts_with(b"NaN") {
            (b"NaN", b"null")
        } else {
            in_string = b == b'"';
            out.push(b);
            i += 1;
            continue;
        };
        out.extend_from_slice(replacement);
        i += token.len();
    }
    Cow::Owned(out)
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
pub(super) struct JqPrinter {
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
        Jq::compile(code, raw, false, &[("HOME".into(), "/home/me".into())])
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
    fn what_jq_users_type_works() {
        let row = json!(["a\tb", "say \"hi\"", 1, null, true, "back\\slash"]);
        assert_eq!(
            run("@tsv", true, row.clone()),
            "a\\tb\tsay \"hi\"\t1\t\ttrue\tback\\\\slash\n"
        );
        assert_eq!(
            run("@csv", true, row),
            "\"a\tb\",\"say \"\"hi\"\"\",1,,true,\"back\\slash\"\n"
        );
        assert_eq!(run("$ENV.HOME", true, json!(null)), "/home/me\n");
        assert_eq!(run("env.HOME", true, json!(null)), "/home/me\n");
        assert_eq!(run(".s | IN(\"a\", \"b\")", false, json!({"s": "b"})), "true\n");
        assert_eq!(run("65 | ascii", false, json!(null)), "\"A\"\n");
        assert_eq!(
            run("[infinite, -infinite, nan, \"Infinity\"]", false, json!(null)),
            "[1.7976931348623157e+308,-1.7976931348623157e+308,null,\"Infinity\"]\n"
        );
        assert_eq!(
            run("\"2026-11-01T12:03:00Z\" | fromdateiso8601", false, json!(null)),
            "1793534580\n"
        );
        assert_eq!(
            run(
                ".items | map(select(.n > 1)) | map(.id) | to_entries | map(.key)",
                false,
                json!({"items": [{"id": "a", "n": 1}, {"id": "b", "n": 2}, {"id": "c", "n": 3}]})
            ),
            "[0,1]\n"
        );
        assert_eq!(
            run(
                "group_by(.s) | map({(.[0].s): length}) | add | keys",
                false,
                json!([{"s": "x"}, {"s": "y"}, {"s": "x"}])
            ),
            "[\"x\",\"y\"]\n"
        );
    }

    #[test]
    fn env_masks_the_api_key() {
        let mut out = Vec::new();
        let vars = [(
            "LLAMA_CLOUD_API_KEY".to_string(),
            "llx-0123456789abcdef".to_string(),
        )];
        Jq::compile("$ENV.LLAMA_CLOUD_API_KEY", true, false, &vars)
            .unwrap()
            .run(b"null", &mut out)
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "llx-…cdef\n");
    }

    #[test]
    fn big_numbers_keep_their_digits() {
        let input: Value = serde_json::from_str(r#"{"big": 123456789012345678901234567890}"#).unwrap();
        assert_eq!(run(".big", false, input), "123456789012345678901234567890\n");
    }

    #[test]
    fn bad_expressions_say_what_was_expected() {
        let err = Jq::compile(".items[", false, false, &[])
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.starts_with("invalid --jq expression \".items[\": expected"),
            "{err}"
        );
        let err = Jq::compile("nosuchfn(1)", false, false, &[])
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("undefined filter nosuchfn"), "{err}");
    }
}
