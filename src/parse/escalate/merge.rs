//! The first job's response and the escalation's merged: each page the escalation parsed well
//! (not failed, not empty) put in place of the first one, in every part that has pages, with its
//! number; a page the escalation did not better keeps the first job's. The merged response is
//! written as any job's response is (the same page writer), so it reads as one job's would.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use serde_json::Value;

use crate::api::document::FailedPage;
use crate::api::models::Part;
use crate::error::Error;
use crate::output::document::write_document;
use crate::parse::kind::Kind;

/// The pages of `part` in a job response.
pub(in crate::parse) fn pages_of(response: &Value, part: Part) -> impl Iterator<Item = &Value> {
    response
        .get(part.expand())
        .and_then(|p| p.get("pages"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// A page's number, as a number or a string of digits.
pub(in crate::parse) fn number(page: &Value) -> Option<u64> {
    match page.get("page_number")? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Whether a page the API did not fail has no text in `part`.
pub(in crate::parse) fn is_empty(page: &Value, part: Part) -> bool {
    !failed(page)
        && page
            .get(part.fields().0)
            .and_then(Value::as_str)
            .is_none_or(|text| text.trim().is_empty())
}

fn failed(page: &Value) -> bool {
    page.get("success").and_then(Value::as_bool) == Some(false)
}

/// Puts the pages of `better` (the escalation's response) that it parsed well among `pages` in
/// place of `first`'s, judged by `part`. Returns the pages it did not better (failed or empty
/// again), in order.
pub(in crate::parse) fn merge(first: &mut Value, better: &Value, pages: &[u64], part: Part) -> Vec<u64> {
    let good: BTreeSet<u64> = pages_of(better, part)
        .filter(|page| !failed(page) && !is_empty(page, part))
        .filter_map(number)
        .filter(|n| pages.contains(n))
        .collect();
    let Some(parts) = first.as_object_mut() else {
        return pages.to_vec();
    };
    for (name, value) in parts.iter_mut() {
        let Some(theirs) = value.get_mut("pages").and_then(Value::as_array_mut) else {
            continue;
        };
        let ours: BTreeMap<u64, &Value> = better
            .get(name)
            .and_then(|p| p.get("pages"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|page| number(page).filter(|n| good.contains(n)).map(|n| (n, page)))
            .collect();
        let mut placed = BTreeSet::new();
        for page in theirs.iter_mut() {
            if let Some(n) = number(page)
                && let Some(better) = ours.get(&n)
            {
                *page = (*better).clone();
                placed.insert(n);
            }
        }
        // A part that leaves failed pages out (text): put in by number.
        for (n, better) in ours {
            if !placed.contains(&n) {
                let at = theirs
                    .iter()
                    .position(|page| number(page).is_some_and(|m| m > n))
                    .unwrap_or(theirs.len());
                theirs.insert(at, better.clone());
            }
        }
    }
    pages.iter().filter(|n| !good.contains(n)).copied().collect()
}

/// Writes the merged response as `kind` (its markdown or text page by page, or the JSON) to
/// `out`. Returns its pages that failed (marked in it).
pub(in crate::parse) fn write(
    merged: &Value,
    kind: Kind,
    out: &mut impl Write,
) -> Result<Vec<FailedPage>, Error> {
    let bytes = serde_json::to_vec(merged).map_err(|err| Error::failure(err.to_string()))?;
    match kind {
        Kind::Part(part) => Ok(write_document(&bytes[..], out, part, false)?.failed),
        _ => {
            out.write_all(&bytes)?;
            Ok(write_document(&bytes[..], &mut std::io::sink(), Part::Markdown, false)?.failed)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_better_pages_go_in_place_and_a_page_failed_again_keeps_the_first() {
        let mut first = json!({"job": {"id": "job-1"}, "markdown": {"pages": [
            {"page_number": 1, "markdown": "one", "success": true},
            {"page_number": 2, "error": "OCR timeout", "success": false},
            {"page_number": 3, "markdown": "", "success": true},
            {"page_number": 4, "error": "OCR timeout", "success": false},
        ]}, "text": {"pages": [
            {"page_number": 1, "text": "one"},
            {"page_number": 3, "text": ""},
        ]}});
        let better = json!({"job": {"id": "job-2"}, "markdown": {"pages": [
            {"page_number": 2, "markdown": "two", "success": true},
            {"page_number": 3, "markdown": "three", "success": true},
            {"page_number": 4, "error": "again", "success": false},
        ]}, "text": {"pages": [
            {"page_number": 2, "text": "two"},
            {"page_number": 3, "text": "three"},
        ]}});
        let still = merge(&mut first, &better, &[2, 3, 4], Part::Markdown);
        assert_eq!(still, [4]);
        let markdown: Vec<Value> = pages_of(&first, Part::Markdown).cloned().collect();
        assert_eq!(markdown[1]["markdown"], "two");
        assert_eq!(markdown[2]["markdown"], "three");
        assert_eq!(markdown[3]["error"], "OCR timeout");
        let text: Vec<&str> = pages_of(&first, Part::Text)
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert_eq!(text, ["one", "two", "three"]);
        assert_eq!(first["job"]["id"], "job-1");
        let mut written = Vec::new();
        let failed = write(&first, Kind::Part(Part::Markdown), &mut written).unwrap();
        assert_eq!(failed.len(), 1);
        assert!(
            String::from_utf8(written)
                .unwrap()
                .starts_with("one\n\ntwo\n\nthree\n\n")
        );
    }
}
