//! Cheap first, escalate what failed (`parse --escalate TIER`): after a document's job
//! completes, the pages of it that came back failed, or empty where its PDF has text, are parsed
//! again on TIER as one more job over exactly those pages (`page_ranges.target_pages`), and the
//! better pages put in place of the first ones, in order, with their original numbers.
//!
//! The escalation job is a unit of the money rule like a window of a long document (it goes
//! through the window machinery: its own key of the document's bytes × its configuration, its
//! intent before its create, resumable); here: which pages (`pages`, `text` for a PDF's text
//! layer), its configuration, the merge of the two results (`merge`), and the job itself for a
//! bulk run or one document (`job`).

pub(super) mod job;
pub(super) mod merge;
pub(super) mod text;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::api::document::FailedPage;
use crate::api::models::Part;
use crate::domain::Tier;
use crate::parse::window::Window;

/// An escalation job, as the manifest and the jsonl line record it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::parse) struct EscalationLine {
    /// The tier the pages were parsed again on.
    pub tier: String,
    pub job_id: String,
    /// The pages it parsed again (the first job's failed or empty ones), in order.
    pub pages: Vec<u64>,
    /// What it cost this run: its credits when made now (null until billed), 0 when reused.
    #[serde(default)]
    pub credits: Option<serde_json::Number>,
    /// Its pages that came back failed or empty again: the first job's are kept for them.
    #[serde(default)]
    pub still_failed: Vec<u64>,
}

/// The tier's name as the API has it (`agentic_plus`).
pub(in crate::parse) fn tier_name(tier: Tier) -> String {
    crate::cli::api_value(&tier)
}

/// The run's configuration for an escalation to `tier`: its tier replaced, and its version with
/// it (a dated version belongs to the first tier: the new tier runs its `latest`). The pages go
/// in as the escalation's window (`Window::configuration`).
pub(in crate::parse) fn configuration(configuration: &Map<String, Value>, tier: Tier) -> Map<String, Value> {
    let mut configuration = configuration.clone();
    configuration.insert("tier".into(), json!(tier_name(tier)));
    configuration.insert("version".into(), json!("latest"));
    configuration
}

/// The escalation's pages as one window: each page alone (`target_pages` "2,3,4").
pub(in crate::parse) fn window(pages: &[u64]) -> Window {
    Window {
        ranges: pages.iter().map(|&page| (page, page)).collect(),
    }
}

/// The pages to parse again: those that `failed`, and those of the first job's response
/// (`first`, JSON) without any text in `part` where the PDF has text (`text_pages`, when
/// known). In order, each once.
pub(in crate::parse) fn pages(
    failed: &[FailedPage],
    first: Option<&Value>,
    part: Part,
    text_pages: Option<&BTreeSet<u64>>,
) -> Vec<u64> {
    let mut pages: BTreeSet<u64> = failed
        .iter()
        .filter_map(|page| page.page_number.parse().ok())
        .collect();
    if let (Some(first), Some(text_pages)) = (first, text_pages) {
        for page in merge::pages_of(first, part) {
            if let Some(number) = merge::number(page)
                && text_pages.contains(&number)
                && merge::is_empty(page, part)
            {
                pages.insert(number);
            }
        }
    }
    pages.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escalation_runs_on_its_tier_at_its_latest_version_over_its_pages_alone() {
        let run = json!({"tier": "cost_effective", "version": "2026-08-19", "page_ranges": {"max_pages": 9}});
        let escalated = configuration(run.as_object().unwrap(), Tier::Agentic);
        let window = window(&[2, 3, 4, 7]);
        assert_eq!(window.target_pages(), "2,3,4,7");
        assert_eq!(
            Value::Object(window.configuration(&escalated)),
            json!({"tier": "agentic", "version": "latest", "page_ranges": {"target_pages": "2,3,4,7"}})
        );
    }

    #[test]
    fn failed_pages_and_empty_pages_with_text_in_the_pdf_are_escalated_in_order() {
        let first = json!({"markdown": {"pages": [
            {"page_number": 1, "markdown": "one", "success": true},
            {"page_number": 2, "error": "OCR timeout", "success": false},
            {"page_number": 3, "markdown": " \n", "success": true},
            {"page_number": 4, "markdown": "", "success": true},
        ]}});
        let failed = [FailedPage {
            page_number: "2".into(),
            error: "OCR timeout".into(),
        }];
        let text: BTreeSet<u64> = [1, 2, 3].into();
        assert_eq!(pages(&failed, Some(&first), Part::Markdown, Some(&text)), [2, 3]);
        // Where the PDF's text is not known, only failed pages.
        assert_eq!(pages(&failed, Some(&first), Part::Markdown, None), [2]);
        assert!(pages(&[], Some(&first), Part::Markdown, Some(&BTreeSet::new())).is_empty());
    }
}
