//! Which keys the v2 parse configuration takes (`ParseRequestConfiguration` in the API's OpenAPI
//! document), so that `--options` is checked before any byte is sent: the upload endpoint refuses
//! an unknown key (422 `extra_forbidden`) only after the whole file has gone up.
//!
//! The tree is `configuration-tree.json`, derived from the OpenAPI document by this module's
//! test (`LLAMACLOUD_UPDATE_TREE=1 cargo test --lib configuration` writes it again). In it an
//! object is the keys it takes, `0` a value (not looked into: its type is the API's to judge),
//! `"*"` an object of the user's own keys (`user_metadata`), and `[node]` a list of such nodes.

use std::sync::LazyLock;

use serde_json::{Map, Value};

static TREE: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("configuration-tree.json")).expect("the configuration tree is JSON")
});

/// Names of the v1 API (and of older clients) whose v2 place is known.
const RENAMED: &[(&str, &str)] = &[
    (
        "take_screenshot",
        "output_options.images_to_save: [\"screenshot\"]",
    ),
    ("target_pages", "page_ranges.target_pages"),
    ("target_page", "page_ranges.target_pages"),
    ("max_pages", "page_ranges.max_pages"),
    ("language", "processing_options.ocr_parameters.languages"),
    ("languages", "processing_options.ocr_parameters.languages"),
    ("parsing_instruction", "agentic_options.custom_prompt"),
    ("user_prompt", "agentic_options.custom_prompt"),
    ("system_prompt", "agentic_options.custom_prompt"),
    ("system_prompt_append", "agentic_options.custom_prompt"),
    ("premium_mode", "tier: \"agentic_plus\""),
    ("fast_mode", "tier: \"fast\""),
    ("parse_mode", "tier"),
    ("do_not_cache", "disable_cache"),
    ("invalidate_cache", "disable_cache"),
    (
        "skip_diagonal_text",
        "processing_options.ignore.ignore_diagonal_text",
    ),
    ("disable_ocr", "processing_options.ignore.ignore_text_in_image"),
    ("webhook_url", "webhook_configurations: [{\"webhook_url\": …}]"),
    ("bounding_box", "crop_box"),
];

/// A key the configuration does not take.
#[derive(Debug, PartialEq, Eq)]
pub struct Unknown {
    /// Where it is: `output_options.imags_to_save`, `webhook_configurations[0].url`.
    pub path: String,
    /// What was probably meant.
    pub suggestion: Option<String>,
}

impl std::fmt::Display for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown key {}", self.path)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; did you mean {suggestion}?")?;
        }
        Ok(())
    }
}

/// Checks a `target_pages` list ("1,3,5-8") before anything is paid for: pages and ranges of pages
/// numbered from 1, each range in order, and no page twice (the API refuses a list that repeats one).
pub fn check_pages(pages: &str) -> Result<(), String> {
    canonical_pages(pages).map(drop)
}

/// A checked `target_pages` list in the one form every spelling of its pages has: ranges sorted
/// and merged, no spaces (`2,1`, `1,2` and ` 1 , 2 ` are `1-2`; `1-3,5` stays). It is what a create
/// sends and what a result is keyed on, so one page set is one job.
pub(super) fn canonical_pages(pages: &str) -> Result<String, String> {
    page_set(pages).map(|ranges| pages_text(&ranges))
}

/// The pages of a checked `target_pages` list as ranges `(first, last)`, sorted and merged.
pub fn page_set(pages: &str) -> Result<Vec<(u64, u64)>, String> {
    let mut asked = asked_pages(pages)?;
    asked.sort_unstable();
    let mut merged: Vec<(u64, u64)> = Vec::with_capacity(asked.len());
    for (first, last) in asked {
        match merged.last_mut() {
            Some((_, to)) if to.checked_add(1) == Some(first) => *to = last,
            _ => merged.push((first, last)),
        }
    }
    Ok(merged)
}

/// Sorted, merged ranges as a `target_pages` list: `1-3,5`.
pub fn pages_text(ranges: &[(u64, u64)]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|&(first, last)| match first == last {
            true => first.to_string(),
            false => format!("{first}-{last}"),
        })
        .collect();
    parts.join(",")
}

/// `configuration` with its `page_ranges.target_pages` list in canonical form (`canonical_pages`);
/// a list that is not one is left as it is (it was checked before, or is sent unchecked).
pub fn with_canonical_pages(configuration: &Map<String, Value>) -> Map<String, Value> {
    let mut configuration = configuration.clone();
    if let Some(Value::Object(ranges)) = configuration.get_mut("page_ranges")
        && let Some(Value::String(pages)) = ranges.get_mut("target_pages")
        && let Ok(canonical) = canonical_pages(pages)
    {
        *pages = canonical;
    }
    configuration
}

/// The pages and ranges of a `target_pages` list, as given, checked.
fn asked_pages(pages: &str) -> Result<Vec<(u64, u64)>, String> {
    let mut asked: Vec<(u64, u64)> = Vec::new();
    for part in pages.split(',').map(str::trim) {
        let (first, last) = part.split_once('-').unwrap_or((part, part));
        let number = |text: &str| {
            let text = text.trim();
            let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| text.parse::<u64>().ok()).flatten()
        };
        let (Some(first), Some(last)) = (number(first), number(last)) else {
            return Err(format!(
                "{pages:?}: {part:?} is not a page or a range of pages (write them like 1,3,5-8)"
            ));
        };
        if first == 0 || last == 0 {
            return Err(format!(
                "{pages:?}: pages are numbered from 1 (the first page is 1, not 0)"
            ));
        }
        if last < first {
            return Err(format!("{pages:?}: the range {part} ends before it starts"));
        }
        if let Some(&(from, _)) = asked.iter().find(|(from, to)| first <= *to && *from <= last) {
            return Err(format!("{pages:?}: page {} is asked for twice", first.max(from)));
        }
        asked.push((first, last));
    }
    Ok(asked)
}

/// The keys of `configuration` the API does not take, in the order given.
pub fn check(configuration: &Map<String, Value>) -> Result<(), Vec<Unknown>> {
    let Value::Object(tree) = &*TREE else {
        return Ok(());
    };
    let mut unknown = Vec::new();
    walk(configuration, tree, "", &mut unknown);
    match unknown.is_empty() {
        true => Ok(()),
        false => Err(unknown),
    }
}

fn walk(given: &Map<String, Value>, tree: &Map<String, Value>, at: &str, unknown: &mut Vec<Unknown>) {
    for (key, value) in given {
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        let Some(node) = tree.get(key) else {
            unknown.push(Unknown {
                suggestion: suggest(key, tree, at),
                path,
            });
            continue;
        };
        match (node, value) {
            (Value::Object(inner), Value::Object(value)) => walk(value, inner, &path, unknown),
            (Value::Array(item), Value::Array(values)) => {
                if let Some(Value::Object(inner)) = item.first() {
                    for (index, value) in values.iter().enumerate() {
                        if let Value::Object(value) = value {
                            walk(value, inner, &format!("{path}[{index}]"), unknown);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// What `key`, unknown at `at`, probably was: its v2 name, a known key of the same object
/// spelt alike, or the same name elsewhere in the tree.
fn suggest(key: &str, siblings: &Map<String, Value>, at: &str) -> Option<String> {
    let under = |name: &str| {
        if at.is_empty() {
            name.to_string()
        } else {
            format!("{at}.{name}")
        }
    };
    if at.is_empty()
        && let Some((_, v2)) = RENAMED.iter().find(|(v1, _)| *v1 == key)
    {
        return Some((*v2).to_string());
    }
    let lower = key.to_ascii_lowercase();
    let close = siblings
        .keys()
        .map(|known| (strsim::jaro_winkler(&lower, known), known))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, known)) = close {
        return Some(under(known));
    }
    let mut elsewhere = Vec::new();
    find(&TREE, &lower, "", &mut elsewhere);
    elsewhere.into_iter().next()
}

/// Every path in `node` whose last key is `key`, shortest first.
fn find(node: &Value, key: &str, at: &str, found: &mut Vec<String>) {
    match node {
        Value::Object(keys) => {
            for (name, inner) in keys {
                let path = if at.is_empty() {
                    name.clone()
                } else {
                    format!("{at}.{name}")
                };
                if name == key {
                    found.push(path.clone());
                }
                find(inner, key, &path, found);
            }
        }
        Value::Array(items) => {
            if let Some(item) = items.first() {
                find(item, key, &format!("{at}[]"), found);
            }
        }
        _ => {}
    }
    found.sort_by_key(String::len);
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn every_spelling_of_a_page_set_is_one_list_sorted_and_merged() {
        for (given, canonical) in [
            ("1,2", "1-2"),
            ("2,1", "1-2"),
            (" 1 , 2 ", "1-2"),
            ("1-2", "1-2"),
            ("1-3,5", "1-3,5"),
            ("5,1-3", "1-3,5"),
            ("4-4", "4"),
            ("7-9,1-6", "1-9"),
            ("3,1,2,10-12,9", "1-3,9-12"),
        ] {
            assert_eq!(super::canonical_pages(given).as_deref(), Ok(canonical), "{given}");
        }
        let sent = super::with_canonical_pages(
            json!({"tier": "fast", "page_ranges": {"target_pages": "2, 1", "max_pages": 3}})
                .as_object()
                .unwrap(),
        );
        assert_eq!(
            Value::Object(sent),
            json!({"tier": "fast", "page_ranges": {"target_pages": "1-2", "max_pages": 3}})
        );
    }

    #[test]
    fn a_page_list_is_pages_and_ranges_from_1_in_order_and_none_twice() {
        for fine in ["1", "1,3,5-8", " 2 , 4-4,10-12 ", "7-9,1-6", "100000"] {
            assert_eq!(super::check_pages(fine), Ok(()), "{fine}");
        }
        for (pages, why) in [
            (
                "abc",
                r#""abc": "abc" is not a page or a range of pages (write them like 1,3,5-8)"#,
            ),
            (
                "1,,3",
                r#""1,,3": "" is not a page or a range of pages (write them like 1,3,5-8)"#,
            ),
            (
                "1,3,",
                r#""1,3,": "" is not a page or a range of pages (write them like 1,3,5-8)"#,
            ),
            (
                "5-",
                r#""5-": "5-" is not a page or a range of pages (write them like 1,3,5-8)"#,
            ),
            (
                "+2",
                r#""+2": "+2" is not a page or a range of pages (write them like 1,3,5-8)"#,
            ),
            (
                "1-2-3",
                r#""1-2-3": "1-2-3" is not a page or a range of pages (write them like 1,3,5-8)"#,
            ),
            ("3-1", r#""3-1": the range 3-1 ends before it starts"#),
            (
                "0-3",
                r#""0-3": pages are numbered from 1 (the first page is 1, not 0)"#,
            ),
            ("1-5,4", r#""1-5,4": page 4 is asked for twice"#),
            ("6-9,2-7", r#""6-9,2-7": page 6 is asked for twice"#),
            ("2,2", r#""2,2": page 2 is asked for twice"#),
        ] {
            assert_eq!(super::check_pages(pages), Err(why.to_string()), "{pages}");
        }
    }

    use super::*;

    fn unknown(options: Value) -> Option<String> {
        let said = check(options.as_object().unwrap()).err()?;
        Some(
            said.iter()
                .map(Unknown::to_string)
                .collect::<Vec<_>>()
                .join(" | "),
        )
    }

    #[test]
    fn the_keys_of_the_v2_configuration_pass_at_every_depth() {
        let options = json!({
            "tier": "agentic", "version": "latest", "client_name": "x", "disable_cache": true,
            "user_metadata": {"anything": "goes", "here": "too"},
            "agentic_options": {"custom_prompt": "be brief"},
            "page_ranges": {"target_pages": "1-3", "max_pages": 3},
            "output_options": {"images_to_save": ["screenshot"], "markdown": {"tables": {"merge_continued_tables": true}}},
            "processing_control": {"job_failure_conditions": {"allowed_page_failure_ratio": 0.1}},
            "processing_options": {"ocr_parameters": {"languages": ["fr"]}, "ignore": {"ignore_diagonal_text": true}},
            "webhook_configurations": [{"webhook_url": "https://example.com/hook", "webhook_headers": {"X-Mine": "1"}}],
            "input_options": {"spreadsheet": {"include_hidden_sheets": true}},
        });
        assert_eq!(unknown(options), None);
    }

    #[test]
    fn an_unknown_key_is_named_by_its_path_with_what_was_meant() {
        let cases = [
            (
                json!({"take_screenshot": true}),
                "unknown key take_screenshot; did you mean output_options.images_to_save: [\"screenshot\"]?",
            ),
            (
                json!({"target_pages": "0"}),
                "unknown key target_pages; did you mean page_ranges.target_pages?",
            ),
            (
                json!({"output_options": {"imags_to_save": []}}),
                "unknown key output_options.imags_to_save; did you mean output_options.images_to_save?",
            ),
            (
                json!({"processing_options": {"ignore": {"ignore_diagnal_text": true}}}),
                "unknown key processing_options.ignore.ignore_diagnal_text; did you mean processing_options.ignore.ignore_diagonal_text?",
            ),
            (
                json!({"images_to_save": ["layout"]}),
                "unknown key images_to_save; did you mean output_options.images_to_save?",
            ),
            (
                json!({"webhook_configurations": [{"webhook_url": "u"}, {"url": "u"}]}),
                "unknown key webhook_configurations[1].url",
            ),
            (
                json!({"input_options": {"pdf": {"password": "x"}}}),
                "unknown key input_options.pdf.password",
            ),
            (json!({"zzz": 1}), "unknown key zzz"),
            (
                json!({"zzz": 1, "tier": "agentic", "output_options": {"imags_to_save": [], "yyy": 2}}),
                "unknown key zzz | unknown key output_options.imags_to_save; did you mean \
                 output_options.images_to_save? | unknown key output_options.yyy",
            ),
        ];
        for (options, said) in cases {
            assert_eq!(unknown(options.clone()).as_deref(), Some(said), "{options}");
        }
    }

    /// The committed tree is what the OpenAPI document says (when `../shared` is beside the
    /// repository, as in CI).
    #[test]
    fn the_tree_is_the_openapi_documents() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/api-reference/openapi-subset.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("note: {} is not here; the tree is not compared", path.display());
            return;
        };
        let document: Value = serde_json::from_str(&text).unwrap();
        let schemas = &document["components"]["schemas"];
        let derived = node(&schemas["ParseRequestConfiguration"], schemas, 0);
        let committed =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api/configuration-tree.json");
        if std::env::var_os("LLAMACLOUD_UPDATE_TREE").is_some() {
            std::fs::write(&committed, serde_json::to_string_pretty(&derived).unwrap() + "\n").unwrap();
        }
        assert_eq!(
            *TREE, derived,
            "src/api/configuration-tree.json is not the OpenAPI document's: run LLAMACLOUD_UPDATE_TREE=1 cargo test --lib configuration"
        );
    }

    /// The tree node of a schema: its keys, a value, the user's own keys, or a list.
    fn node(schema: &Value, schemas: &Value, depth: usize) -> Value {
        assert!(depth < 16, "a schema that refers to itself");
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.trim_start_matches("#/components/schemas/");
            return node(&schemas[name], schemas, depth + 1);
        }
        if let Some(variants) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            // The richest of the variants (null left out): keys over a list over a value.
            let nodes: Vec<Value> = variants
                .iter()
                .filter(|v| v.get("type").and_then(Value::as_str) != Some("null"))
                .map(|v| node(v, schemas, depth + 1))
                .collect();
            return nodes
                .iter()
                .find(|n| n.is_object())
                .or_else(|| nodes.iter().find(|n| n.is_array()))
                .or_else(|| nodes.iter().find(|n| n.is_string()))
                .cloned()
                .unwrap_or(json!(0));
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            let keys: Map<String, Value> = properties
                .iter()
                .map(|(key, inner)| (key.clone(), node(inner, schemas, depth + 1)))
                .collect();
            return Value::Object(keys);
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("object") if schema.get("additionalProperties") == Some(&json!(false)) => json!({}),
            Some("object") => json!("*"),
            Some("array") => match schema.get("items").map(|items| node(items, schemas, depth + 1)) {
                Some(item @ Value::Object(_)) => json!([item]),
                _ => json!(0),
            },
            _ => json!(0),
        }
    }
}
