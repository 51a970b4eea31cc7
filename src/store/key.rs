//! What identifies a result: the document's bytes (BLAKE3) and the effective parse
//! configuration in a canonical form, with the API origin and the project — never a path or a
//! modification time. Parts of the configuration that do not change the result (who made the
//! job, its tags, its webhooks) are left out.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use serde_json::{Map, Value};

/// How much of a file is read at a time while hashing.
const HASH_BUFFER: usize = 1 << 20;
/// Configuration keys that do not change what the parse produces.
const NOT_IN_KEY: [&str; 3] = ["client_name", "user_metadata", "webhook_configuration_ids"];

/// The BLAKE3 hash of a file's bytes, in hex, and its length.
pub fn hash_file(path: &Path) -> io::Result<(String, u64)> {
    let mut file = File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    let mut buffer = vec![0u8; HASH_BUFFER];
    let mut length = 0u64;
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        hasher.update(&buffer[..n]);
        length += n as u64;
    }
    Ok((hasher.finalize().to_hex().to_string(), length))
}

/// The BLAKE3 hash of `bytes`, in hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// `value` as JSON text with every object's keys sorted, so that the same configuration always
/// reads the same however it was built.
/// A number as one spelling: an integer when it is one, else the shortest form of its value.
fn canonical_number(number: &serde_json::Number) -> Value {
    if let Some(n) = number.as_i64() {
        return Value::from(n);
    }
    if let Some(n) = number.as_u64() {
        return Value::from(n);
    }
    match number.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
        Some(f) => serde_json::Number::from_f64(f).map_or(Value::Number(number.clone()), Value::Number),
        None => Value::Number(number.clone()),
    }
}

pub fn canonical(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                Value::Object(keys.into_iter().map(|k| (k.clone(), sorted(&map[k]))).collect())
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            // One spelling per number (0.5 and 0.50, 1 and 1.0 are the same option): numbers are
            // kept as written (arbitrary precision), so they are written again from their value.
            Value::Number(number) => canonical_number(number),
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}

/// What a result depends on besides the document.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The API's origin (`https://api.cloud.llamaindex.ai`).
    pub origin: &'a str,
    pub project_id: Option<&'a str>,
    pub organization_id: Option<&'a str>,
}

/// The key of the result of parsing `document` (a content hash, or a URL or file id marked as
/// such) with `configuration`.
pub fn result_key(document: &str, configuration: &Map<String, Value>, context: &Context) -> String {
    let mut effective = configuration.clone();
    for key in NOT_IN_KEY {
        effective.remove(key);
    }
    let text = format!(
        "llamacloud result v1\n{document}\n{}\n{}\n{}\n{}",
        canonical(&Value::Object(effective)),
        context.origin,
        context.project_id.unwrap_or(""),
        context.organization_id.unwrap_or(""),
    );
    hash_bytes(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    const HERE: Context = Context {
        origin: "https://api.cloud.llamaindex.ai",
        project_id: None,
        organization_id: None,
    };

    #[test]
    fn the_key_follows_the_configuration_not_its_order_or_its_tags() {
        let a = config(
            json!({"tier": "agentic", "version": "latest", "page_ranges": {"max_pages": 2, "target_pages": "1"}}),
        );
        let b = config(
            json!({"page_ranges": {"target_pages": "1", "max_pages": 2}, "version": "latest", "tier": "agentic",
            "client_name": "x", "user_metadata": {"llamacloud_token": "t"}}),
        );
        let c = config(json!({"tier": "fast", "version": "latest"}));
        assert_eq!(result_key("d", &a, &HERE), result_key("d", &b, &HERE));
        assert_ne!(result_key("d", &a, &HERE), result_key("d", &c, &HERE));
        assert_ne!(result_key("d", &a, &HERE), result_key("e", &a, &HERE));
        let elsewhere = Context {
            project_id: Some("prj-2"),
            ..HERE
        };
        assert_ne!(result_key("d", &a, &HERE), result_key("d", &a, &elsewhere));
    }

    #[test]
    fn a_number_is_the_same_option_however_it_is_written() {
        let parsed = |text: &str| config(serde_json::from_str(text).unwrap());
        let half = parsed(r#"{"tier": "agentic", "version": "latest", "r": 0.5, "n": 2}"#);
        let also_half = parsed(r#"{"tier": "agentic", "version": "latest", "r": 0.50, "n": 2.0}"#);
        let other = parsed(r#"{"tier": "agentic", "version": "latest", "r": 0.51, "n": 2}"#);
        assert_eq!(result_key("d", &half, &HERE), result_key("d", &also_half, &HERE));
        assert_ne!(result_key("d", &half, &HERE), result_key("d", &other, &HERE));
    }

    #[test]
    fn files_hash_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, b"same").unwrap();
        std::fs::write(&b, b"same").unwrap();
        assert_eq!(hash_file(&a).unwrap(), hash_file(&b).unwrap());
        assert_eq!(hash_file(&a).unwrap(), (hash_bytes(b"same"), 4));
    }
}
