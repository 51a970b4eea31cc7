//! Property tests: arbitrary JSON values and bytes through the page parser and every writer.
//! Nothing may panic, tsv stays one safe line per item, and JSON comes back unchanged.

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use reqwest::StatusCode;
use serde_json::{Map, Value};

use crate::api;
use crate::api::models::{Job, Part};
use crate::api::page::Page;
use crate::output::document::write_document;
use crate::output::look::Look;
use crate::output::printer::ListEnd;
use crate::output::resource::Resource;
use crate::output::style::Style;
use crate::text::{neutralize, tsv_field};

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
        let _ = Page::parse(StatusCode::OK, body);
    }

    #[test]
    fn the_page_parser_takes_any_json(page in json_value()) {
        let body = serde_json::to_vec(&page).unwrap();
        if let Ok(envelope) = Page::parse(StatusCode::OK, body) {
            prop_assert_eq!(envelope.page.items().count(), page["items"].as_array().map_or(0, Vec::len));
        }
    }

    #[test]
    fn every_list_style_takes_any_items(items in vec(json_value(), 0..8), resource in prop::sample::select(vec![Resource::ParseJob, Resource::Batch, Resource::BatchJob])) {
        for style in [Style::Table, Style::Tsv, Style::Json { pretty: true }, Style::Json { pretty: false }, Style::Jsonl, Style::Yaml] {
            let mut out = Vec::new();
            let mut printer = style.printer(Some(resource), look(), None);
            let body = serde_json::to_vec(&serde_json::json!({ "items": items })).unwrap();
            for item in Page::parse(StatusCode::OK, body).unwrap().page.items() {
                printer.item(&mut out, item).unwrap();
            }
            let end = ListEnd { extra: Vec::new(), resume: ("next_page_token", "null".into()), total_size: None };
            printer.finish_list(&mut out, &end).unwrap();
            let text = String::from_utf8(out).unwrap();
            match style {
                Style::Tsv => {
                    prop_assert_eq!(text.lines().count(), items.len());
                    for line in text.lines() {
                        prop_assert_eq!(line.matches('\t').count(), resource.fields().len() - 1);
                        prop_assert!(!has_unsafe(line), "{:?}", line);
                    }
                }
                Style::Table => prop_assert!(!has_unsafe(&text), "{:?}", text),
                Style::Json { .. } => {
                    prop_assert!(!has_unsafe(&text), "{:?}", text);
                    let document: Value = serde_json::from_str(&text).unwrap();
                    prop_assert_eq!(&document["items"], &Value::Array(items.clone()));
                }
                Style::Jsonl => {
                    let back: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
                    prop_assert_eq!(&back, &items);
                }
                Style::Yaml => {
                    let document: Value = serde_saphyr::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
                    prop_assert_eq!(document["items"].as_array().map_or(0, Vec::len), items.len());
                }
                Style::Raw | Style::Plain => {}
            }
        }
    }

    #[test]
    fn every_record_style_takes_any_response(response in json_value()) {
        let body = serde_json::to_vec(&response).unwrap();
        if let Ok(job) = Job::parse(StatusCode::OK, body.clone()) {
            for style in [Style::Table, Style::Tsv, Style::Json { pretty: true }, Style::Jsonl, Style::Yaml] {
                let mut out = Vec::new();
                style.printer(None, look(), None).record(&mut out, &job).unwrap();
                let text = String::from_utf8(out).unwrap();
                prop_assert!(!has_unsafe(&text), "{:?}", text);
                if let Style::Json { .. } | Style::Jsonl = style {
                    prop_assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), response.clone());
                }
            }
        }
        for part in [Part::Markdown, Part::Text] {
            if let Ok(streamed) = write_document(&body[..], &mut Vec::new(), part, false) {
                for page in streamed.failed {
                    prop_assert!(!has_unsafe(&page.error));
                }
            }
        }
    }

    #[test]
    fn error_messages_are_one_safe_line(status in 400u16..600, body in vec(any::<u8>(), 0..300)) {
        let message = api::Error::status(StatusCode::from_u16(status).unwrap(), &body).to_string();
        prop_assert!(!message.contains('\n') && !has_unsafe(&message), "{:?}", message);
    }

    #[test]
    fn error_messages_from_json_are_one_safe_line(body in json_value()) {
        let bytes = serde_json::to_vec(&body).unwrap();
        let message = api::Error::status(StatusCode::BAD_REQUEST, &bytes).to_string();
        prop_assert!(!message.contains('\n') && !has_unsafe(&message), "{:?}", message);
    }

    #[test]
    fn sanitized_text_has_no_control_characters(text in any::<String>()) {
        prop_assert!(!has_unsafe(&neutralize(&text)) && !neutralize(&text).contains('\n'));
        let field = tsv_field(&text);
        prop_assert!(!field.contains('\t') && !field.contains('\n') && !has_unsafe(&field));
    }
}
