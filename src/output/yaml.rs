//! `--format yaml`: the same documents as JSON, written with serde-saphyr. A list streams: the
//! `items:` sequence grows as pages arrive.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Number, Value};

use crate::error::Error;
use crate::output::printer::{ListEnd, Printer, Record, parse_item};

/// A JSON value as plain serde data. With serde_json's arbitrary_precision, a `Number` would
/// otherwise reach other serializers as a private map.
struct Plain<'a>(&'a Value);

impl Serialize for Plain<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => serialize_number(n, serializer),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Plain(item))?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut out = serializer.serialize_map(Some(map.len()))?;
                for (key, value) in map {
                    out.serialize_entry(key, &Plain(value))?;
                }
                out.end()
            }
        }
    }
}

/// Integers exactly up to 128 bits; other numbers as the nearest double.
fn serialize_number<S: Serializer>(n: &Number, serializer: S) -> Result<S::Ok, S::Error> {
    if let Some(u) = n.as_u64() {
        return serializer.serialize_u64(u);
    }
    if let Some(i) = n.as_i64() {
        return serializer.serialize_i64(i);
    }
    let text = n.to_string();
    if let Ok(u) = text.parse::<u128>() {
        return serializer.serialize_u128(u);
    }
    if let Ok(i) = text.parse::<i128>() {
        return serializer.serialize_i128(i);
    }
    serializer.serialize_f64(text.parse::<f64>().unwrap_or(f64::NAN))
}

fn to_yaml(value: &Value) -> io::Result<String> {
    serde_saphyr::to_string(&Plain(value)).map_err(io::Error::other)
}

/// Writes `value` as one YAML document.
pub fn write_document(out: &mut dyn Write, value: &Value) -> io::Result<()> {
    let text = to_yaml(value)?;
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes `item` as one entry of the `items:` sequence.
pub(super) fn write_item(out: &mut dyn Write, item: &Value) -> io::Result<()> {
    let text = to_yaml(item)?;
    for (i, line) in text.trim_end_matches('\n').split('\n').enumerate() {
        out.write_all(if i == 0 { b"- " } else { b"  " })?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A listing as one document: `items:` grows as pages arrive, then the fields that close it.
#[derive(Default)]
pub(super) struct YamlPrinter {
    items: u64,
}

impl Printer for YamlPrinter {
    fn item(&mut self, out: &mut dyn Write, item: &str) -> Result<(), Error> {
        let value = parse_item(item)?;
        if self.items == 0 {
            out.write_all(b"items:\n")?;
        }
        self.items += 1;
        Ok(write_item(out, &value)?)
    }

    fn finish_list(&mut self, out: &mut dyn Write, end: &ListEnd) -> Result<(), Error> {
        if self.items == 0 {
            out.write_all(b"items: []\n")?;
        }
        let mut tail = Map::new();
        for (key, value) in end.fields() {
            tail.insert(key, parse_item(&value)?);
        }
        Ok(write_document(out, &Value::Object(tail))?)
    }

    fn record(&mut self, out: &mut dyn Write, record: &dyn Record) -> Result<(), Error> {
        Ok(write_document(out, &parse_item(&record.json())?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn documents_and_items() {
        let mut out = Vec::new();
        write_document(
            &mut out,
            &json!({"job": {"id": "pjb-1", "pages": [1, 2]}, "n": null}),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let back: Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(
            back,
            json!({"job": {"id": "pjb-1", "pages": [1, 2]}, "n": null}),
            "{text}"
        );

        let mut out = b"items:\n".to_vec();
        write_item(
            &mut out,
            &json!({"id": "a", "tags": ["x", "y"], "nested": {"k": "multi\nline"}}),
        )
        .unwrap();
        write_item(&mut out, &json!("plain")).unwrap();
        let text = String::from_utf8(out).unwrap();
        let back: Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(
            back,
            json!({"items": [{"id": "a", "tags": ["x", "y"], "nested": {"k": "multi\nline"}}, "plain"]}),
            "{text}"
        );
    }

    #[test]
    fn big_integers_stay_exact() {
        let value: Value =
            serde_json::from_str(r#"{"big": 123456789012345678901234567890, "f": 2.5}"#).unwrap();
        let mut out = Vec::new();
        write_document(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("big: 123456789012345678901234567890"), "{text}");
        assert!(text.contains("f: 2.5"), "{text}");
    }
}
