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

/// A document as its result depends on it.
pub enum Document<'a> {
    /// A file's bytes (their BLAKE3 hash) and the type its upload declares for the name it
    /// sends (`api::declared_type`): the API picks its parser by type.
    File {
        hash: String,
        name: &'a Path,
    },
    Url(&'a str),
    /// An uploaded file's id.
    FileId(&'a str),
}

/// A document's result key, and the key releases before this one gave it (without the file's
/// type, the pages as typed) when that differs: a result recorded under it is still used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub key: String,
    pub legacy: Option<Legacy>,
}

/// The key an earlier release gave a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Legacy {
    pub key: String,
    /// A file's hash and declared type: the same bytes under another type had the same legacy key,
    /// so what was recorded under it is this file's only when recorded for a name of its type.
    pub file: Option<(String, String)>,
}

impl Legacy {
    /// Whether what was recorded under this key for a document of `declared_type` is this one's.
    pub fn is_for(&self, declared_type: &str) -> bool {
        self.file.as_ref().is_none_or(|(_, mine)| mine == declared_type)
    }
}

/// The keys of the result of parsing `document` with `configuration` (target pages as given).
pub fn keys(document: &Document, configuration: &Map<String, Value>, context: &Context) -> Keys {
    let (legacy_document, document, file) = match document {
        Document::File { hash, name } => {
            let declared_type = crate::api::upload::declared_type(name);
            (
                format!("blake3:{hash}"),
                format!("blake3:{hash}\ntype:{declared_type}"),
                Some((hash.clone(), declared_type)),
            )
        }
        Document::Url(url) => (format!("url:{url}"), format!("url:{url}"), None),
        Document::FileId(id) => (format!("file:{id}"), format!("file:{id}"), None),
    };
    let canonical = crate::api::configuration::with_canonical_pages(configuration);
    let key = result_key(&document, &canonical, context);
    let legacy = result_key(&legacy_document, configuration, context);
    Keys {
        legacy: (legacy != key).then_some(Legacy { key: legacy, file }),
        key,
    }
}

/// The key of the result of parsing `document` (a content hash, or a URL or file id marked as
/// such) with `configuration`: the formula of every release (`keys` gives it what to key on).
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
    fn a_file_is_keyed_on_its_type_and_its_pages_in_one_spelling_and_keeps_its_legacy_key() {
        let file = |name: &'static str| Document::File {
            hash: "h".into(),
            name: Path::new(name),
        };
        let pages = |pages: &str| config(json!({"tier": "fast", "page_ranges": {"target_pages": pages}}));
        let csv = keys(&file("table.csv"), &pages("1-2"), &HERE);
        let txt = keys(&file("table.txt"), &pages("1-2"), &HERE);
        assert_ne!(csv.key, txt.key);
        // Releases before keyed the bytes alone, with the pages as typed: the formula is kept.
        let legacy = csv.legacy.clone().unwrap();
        assert_eq!(legacy.key, result_key("blake3:h", &pages("1-2"), &HERE));
        assert_eq!(legacy.key, txt.legacy.unwrap().key);
        assert!(legacy.is_for(r#"["csv","text/csv"]"#) && !legacy.is_for(r#"["txt","text/plain"]"#));
        for spelling in ["1,2", "2,1", " 1 , 2 "] {
            let same = keys(&file("table.csv"), &pages(spelling), &HERE);
            assert_eq!(same.key, csv.key, "{spelling}");
            assert_eq!(
                same.legacy.unwrap().key,
                result_key("blake3:h", &pages(spelling), &HERE)
            );
        }
        // A URL's key was already the URL's: it changes only with a page list spelled otherwise.
        let url = Document::Url("https://example.com/a.pdf");
        assert_eq!(keys(&url, &pages("1-2"), &HERE).legacy, None);
        let spelled = keys(&url, &pages("2,1"), &HERE);
        assert_eq!(spelled.key, keys(&url, &pages("1-2"), &HERE).key);
        assert!(spelled.legacy.unwrap().is_for("anything"));
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
