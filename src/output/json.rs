//! JSON writing: compact for pipes, pretty for terminals. Values pass through unchanged:
//! numbers keep their digits (serde_json's arbitrary_precision) and objects their key order.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{PrettyFormatter, Serializer};

/// Writes `value` as one line of compact JSON (no newline).
pub fn write_compact<W: Write + ?Sized, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(out, value).map_err(io::Error::from)
}

/// Writes `value` pretty-printed with two-space indents, every line after the first prefixed
/// by `indent` (to nest it inside a document being streamed). No trailing newline.
pub fn write_pretty<W: Write + ?Sized, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
    indent: &str,
) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut ser = Serializer::with_formatter(&mut buf, PrettyFormatter::with_indent(b"  "));
    value.serialize(&mut ser).map_err(io::Error::from)?;
    if indent.is_empty() {
        return out.write_all(&buf);
    }
    // JSON strings cannot hold a raw newline, so every newline here is between tokens.
    for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn numbers_strings_and_key_order_survive() {
        let text = r#"{"z":1,"a":12345678901234567890123,"f":1.50,"e":1.5e-05,"g":-0.0,"s":"tab\t\u001b","n":null,"u":{"x":[]}}"#;
        let value: Value = serde_json::from_str(text).unwrap();
        let mut out = Vec::new();
        write_compact(&mut out, &value).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"z":1,"a":12345678901234567890123,"f":1.50,"e":1.5e-05,"g":-0.0,"s":"tab\t\u001b","n":null,"u":{"x":[]}}"#
        );
    }

    #[test]
    fn pretty_output_nests_under_an_indent() {
        let value: Value = serde_json::from_str(r#"{"a":[1,"x\ny"]}"#).unwrap();
        let mut out = Vec::new();
        write_pretty(&mut out, &value, "    ").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n      \"a\": [\n        1,\n        \"x\\ny\"\n      ]\n    }"
        );
    }
}
