//! Property tests: arbitrary JSON values and bytes through the page parser and every writer.
//! Nothing may panic, tsv stays one safe line per item, and JSON comes back unchanged.

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use reqwest::StatusCode;
use serde_json::{Map, Value};

use crate::api::error::ApiError;
use crate::api::page::Page;
use crate::api::paginate::Resume;
use crate::output::ListStyle;
use crate::output::content::stream_content;
use crate::output::document::{DocStyle, Part, write_job};
use crate::output::list::{ListEnd, ListWriter};
use crate::output::look::Look;
use crate::output::resource::Resource;
use crate::output::sanitize::{neutralize, tsv_field};

/// Keys the code looks for, mixed with anything, so that the interesting paths are reached.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "items",
            "id",
            "name",
            "status",
            "job",
            "pages",
            "markdown",
            "text",
            "page_number",
            "success",
            "error",
            "next_page_token",
            "total_size",
            "created_at",
            "config",
            "type",
            "total_items",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        Just(Value::from("2026-11-01T12:00:00Z")),
        Just(Value::from("COMPLETED")),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(key(), inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn look() -> Look {
    Look {
        color: false,
        width: 60,
        now: "2026-11-02T00:00:00Z".parse().unwrap(),
    }
}

fn has_unsafe(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' || ('\u{202a}'..='\u{202e}').contains(&c))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_page_parser_takes_any_bytes(body in vec(any::<u8>(), 0..256)) {
        let _ = Page::parse(body);
    }

    #[test]
    fn the_page_parser_takes_any_json(page in json_value()) {
        let body = serde_json::to_vec(&page).unwrap();
        if let Ok(envelope) = Page::parse(body) {
            prop_assert_eq!(envelope.page.items().count(), page["items"].as_array().map_or(0, Vec::len));
        }
    }

    #[test]
    fn every_list_style_takes_any_items(items in vec(json_value(), 0..8), resource in prop::sample::select(vec![Resource::ParseJob, Resource::Batch, Resource::BatchJob])) {
        for style in [ListStyle::Table, ListStyle::Tsv, ListStyle::Json { pretty: true }, ListStyle::Json { pretty: false }, ListStyle::Jsonl, ListStyle::Yaml] {
            let mut out = Vec::new();
            let mut writer = ListWriter::new(&mut out, style, resource, look(), None);
            let body = serde_json::to_vec(&serde_json::json!({ "items": items })).unwrap();
            writer.write_page(&Page::parse(body).unwrap().page).unwrap();
            writer.finish(&ListEnd { resume: &Resume::Cursor(None), total_size: None }).unwrap();
            let text = String::from_utf8(out).unwrap();
            match style {
                ListStyle::Tsv => {
                    prop_assert_eq!(text.lines().count(), items.len());
                    for line in text.lines() {
                        prop_assert_eq!(line.matches('\t').count(), resource.fields().len() - 1);
                        prop_assert!(!has_unsafe(line), "{:?}", line);
                    }
                }
                ListStyle::Table => prop_assert!(!has_unsafe(&text), "{:?}", text),
                ListStyle::Json { .. } => {
                    let document: Value = serde_json::from_str(&text).unwrap();
                    prop_assert_eq!(&document["items"], &Value::Array(items.clone()));
                }
                ListStyle::Jsonl => {
                    let back: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
                    prop_assert_eq!(&back, &items);
                }
                ListStyle::Yaml => {
                    let document: Value = serde_saphyr::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
                    prop_assert_eq!(document["items"].as_array().map_or(0, Vec::len), items.len());
                }
                ListStyle::Raw => {}
            }
        }
    }

    #[test]
    fn every_document_style_takes_any_response(response in json_value()) {
        for style in [DocStyle::Summary, DocStyle::Tsv, DocStyle::Json { pretty: true }, DocStyle::Jsonl] {
            let mut out = Vec::new();
            write_job(&mut out, style, &response, look()).unwrap();
            let text = String::from_utf8(out).unwrap();
            if matches!(style, DocStyle::Summary | DocStyle::Tsv) {
                prop_assert!(!has_unsafe(&text), "{:?}", text);
            }
        }
        for part in [Part::Markdown, Part::Text] {
            let body = serde_json::to_vec(&response).unwrap();
            if let Ok(failed) = stream_content(&body[..], &mut Vec::new(), part) {
                for page in failed {
                    prop_assert!(!has_unsafe(&page.error));
                }
            }
        }
    }

    #[test]
    fn error_messages_are_one_safe_line(status in 400u16..600, body in vec(any::<u8>(), 0..300)) {
        let message = ApiError::from_response(StatusCode::from_u16(status).unwrap(), &body).to_string();
        prop_assert!(!message.contains('\n') && !has_unsafe(&message), "{:?}", message);
    }

    #[test]
    fn error_messages_from_json_are_one_safe_line(body in json_value()) {
        let bytes = serde_json::to_vec(&body).unwrap();
        let message = ApiError::from_response(StatusCode::BAD_REQUEST, &bytes).to_string();
        prop_assert!(!message.contains('\n') && !has_unsafe(&message), "{:?}", message);
    }

    #[test]
    fn sanitized_text_has_no_control_characters(text in any::<String>()) {
        prop_assert!(!has_unsafe(&neutralize(&text)) && !neutralize(&text).contains('\n'));
        let field = tsv_field(&text);
        prop_assert!(!field.contains('\t') && !field.contains('\n') && !has_unsafe(&field));
    }
}
