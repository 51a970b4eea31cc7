//! A job response reduced to what its summary shows, read as it arrives: the job object and
//! the extent of each other part (pages and how many failed, images, characters, entries).

use std::io::{BufReader, Read};

use reqwest::StatusCode;
use serde_json::Value;
use struson::reader::{JsonReader, JsonStreamReader, ReaderError, ValueType};

use crate::api::document::read::{READ_BUFFER, reading_failed, string_error};
use crate::api::error::Error;

/// How much one expanded part of a job response holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Extent {
    Pages {
        total: u64,
        failed: u64,
    },
    Images(u64),
    Characters(u64),
    Entries(u64),
    /// A number, boolean or other small value, as JSON text.
    Scalar(String),
    /// `result_content_metadata`: each result file with its size and link.
    Results(Value),
}

/// A job response reduced to what its summary shows: the job object and the extent of each
/// other part. Built while streaming, so a summary of a job with 100 MiB of markdown holds
/// only counts.
pub struct Summary {
    pub job: Value,
    pub parts: Vec<(String, Extent)>,
}

/// Reads a job response as it arrives and keeps only what its summary shows.
pub fn summarize(status: StatusCode, reader: impl Read) -> Result<Summary, Error> {
    let mut json = JsonStreamReader::new(BufReader::with_capacity(READ_BUFFER, reader));
    match json.peek() {
        Ok(ValueType::Object) => {}
        Ok(_) => {
            return Err(Error::InvalidResponse(
                "expected a JSON object with a job".to_string(),
            ));
        }
        Err(ReaderError::SyntaxError(err)) => {
            return Err(Error::InvalidResponse(format!(
                "the body is not JSON (HTTP {status}; {err})"
            )));
        }
        Err(err) => return Err(reading_failed(err)),
    }
    let summary = summary_of(&mut json)
        .and_then(|summary| Ok((summary, json.consume_trailing_whitespace()?)))
        .map_err(reading_failed)?
        .0;
    if !summary.job.is_object() {
        return Err(Error::InvalidResponse(
            "expected a JSON object with a job".to_string(),
        ));
    }
    Ok(summary)
}

fn summary_of<R: Read>(json: &mut JsonStreamReader<R>) -> Result<Summary, ReaderError> {
    let mut summary = Summary {
        job: Value::Null,
        parts: Vec::new(),
    };
    json.begin_object()?;
    while json.has_next()? {
        let name = json.next_name_owned()?;
        let kind = json.peek()?;
        let extent = match (name.as_str(), kind) {
            ("job", _) => {
                summary.job = small_value(json)?;
                continue;
            }
            (_, ValueType::Null) => {
                json.skip_value()?;
                continue;
            }
            ("result_content_metadata", _) => Extent::Results(small_value(json)?),
            (_, ValueType::Object) => object_extent(json)?,
            (_, ValueType::Array) => {
                let mut n = 0;
                json.begin_array()?;
                while json.has_next()? {
                    json.skip_value()?;
                    n += 1;
                }
                json.end_array()?;
                Extent::Entries(n)
            }
            (_, ValueType::String) => {
                let mut chars = 0u64;
                let mut value = json.next_string_reader()?;
                let mut buffer = [0u8; 16 * 1024];
                loop {
                    let n = value.read(&mut buffer).map_err(string_error)?;
                    if n == 0 {
                        break;
                    }
                    // Characters are the bytes that do not continue a UTF-8 sequence.
                    chars += buffer[..n].iter().filter(|b| (**b & 0xC0) != 0x80).count() as u64;
                }
                Extent::Characters(chars)
            }
            _ => Extent::Scalar(small_value(json)?.to_string()),
        };
        summary.parts.push((name, extent));
    }
    json.end_object()?;
    Ok(summary)
}

/// An expanded part that is an object: its pages (and how many failed), its images, or its
/// number of entries; page contents are skipped unread.
fn object_extent<R: Read>(json: &mut JsonStreamReader<R>) -> Result<Extent, ReaderError> {
    let (mut entries, mut pages, mut images) = (0u64, None, None);
    json.begin_object()?;
    while json.has_next()? {
        let name = json.next_name_owned()?;
        entries += 1;
        match (name.as_str(), json.peek()?) {
            ("pages", ValueType::Array) => {
                let (mut total, mut failed) = (0u64, 0u64);
                json.begin_array()?;
                while json.has_next()? {
                    total += 1;
                    if json.peek()? != ValueType::Object {
                        json.skip_value()?;
                        continue;
                    }
                    json.begin_object()?;
                    while json.has_next()? {
                        let key = json.next_name_owned()?;
                        if key == "success" && json.peek()? == ValueType::Boolean {
                            failed += u64::from(!json.next_bool()?);
                        } else {
                            json.skip_value()?;
                        }
                    }
                    json.end_object()?;
                }
                json.end_array()?;
                pages = Some((total, failed));
            }
            ("total_count", ValueType::Number) => images = json.next_number_as_string()?.parse::<u64>().ok(),
            _ => json.skip_value()?,
        }
    }
    json.end_object()?;
    Ok(match (pages, images) {
        (Some((total, failed)), _) => Extent::Pages { total, failed },
        (None, Some(images)) => Extent::Images(images),
        (None, None) => Extent::Entries(entries),
    })
}

/// A value that is small by nature (the job object, result links), read whole.
fn small_value<R: Read>(json: &mut JsonStreamReader<R>) -> Result<Value, ReaderError> {
    Ok(match json.peek()? {
        ValueType::Null => {
            json.next_null()?;
            Value::Null
        }
        ValueType::Boolean => Value::Bool(json.next_bool()?),
        ValueType::String => Value::String(json.next_string()?),
        ValueType::Number => {
            let text = json.next_number_as_string()?;
            text.parse::<serde_json::Number>()
                .map_or(Value::Null, Value::Number)
        }
        ValueType::Array => {
            let mut items = Vec::new();
            json.begin_array()?;
            while json.has_next()? {
                items.push(small_value(json)?);
            }
            json.end_array()?;
            Value::Array(items)
        }
        ValueType::Object => {
            let mut map = serde_json::Map::new();
            json.begin_object()?;
            while json.has_next()? {
                let key = json.next_name_owned()?;
                map.insert(key, small_value(json)?);
            }
            json.end_object()?;
            Value::Object(map)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_summary_keeps_counts_not_content() {
        let body =
            json!({"job": {"id": "pjb-1", "big": 123456789012345678901234567890u128}, "markdown": {"pages": [
            {"page_number": 1, "markdown": "x".repeat(100_000), "success": true},
            {"page_number": 2, "error": "no", "success": false},
        ]}, "markdown_full": "é".repeat(10), "images_content_metadata": {"total_count": 3, "images": []},
           "items": [1, 2], "metadata": {"a": 1}, "n": 5, "text": null,
           "result_content_metadata": {"markdown": {"size_bytes": 10, "exists": true}}})
            .to_string();
        let summary = summarize(StatusCode::OK, body.as_bytes()).unwrap();
        assert_eq!(summary.job["id"], "pjb-1");
        assert_eq!(summary.job["big"].to_string(), "123456789012345678901234567890");
        assert_eq!(
            summary.parts,
            [
                ("markdown".to_string(), Extent::Pages { total: 2, failed: 1 }),
                ("markdown_full".into(), Extent::Characters(10)),
                ("images_content_metadata".into(), Extent::Images(3)),
                ("items".into(), Extent::Entries(2)),
                ("metadata".into(), Extent::Entries(1)),
                ("n".into(), Extent::Scalar("5".into())),
                (
                    "result_content_metadata".into(),
                    Extent::Results(json!({"markdown": {"size_bytes": 10, "exists": true}}))
                ),
            ]
        );
        assert!(
            summarize(StatusCode::OK, &b"{\"markdown\": {}}"[..]).is_err(),
            "no job"
        );
    }
}
