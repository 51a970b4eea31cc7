//! The pages of a document a dry run counts and a create reserves credits for: those that would
//! be parsed.

use serde_json::{Map, Value};

use crate::api::parse_jobs::Source;
use crate::parse::pdf::{Pdf, inspect};
use crate::parse::spend::budget::Pages;

/// The tier a create asks for, as the budget counts it (a saved configuration's is not known
/// here).
pub(crate) fn tier_of(configuration: &Map<String, Value>) -> String {
    configuration
        .get("tier")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_string()
}

/// The pages a create of `configuration` over `source` would parse, as far as is known before
/// it is made: a local PDF's are counted; otherwise the pages targeted bound them.
pub(crate) fn of_create(configuration: &Map<String, Value>, source: &Source) -> Pages {
    let ranges = configuration.get("page_ranges");
    if let Source::File(path) = source
        && let Pdf::Pages(pages) = inspect(path)
    {
        return Pages::Known(parsed_pages(pages, ranges));
    }
    let targeted = ranges.and_then(|ranges| ranges.get("target_pages")).is_some();
    let most = parsed_pages(u64::MAX, ranges);
    match (targeted, most) {
        // A window's pages, or those asked for: at most these.
        (true, pages) => Pages::Known(pages),
        (false, u64::MAX) => Pages::Unknown { at_most: None },
        (false, most) => Pages::Unknown { at_most: Some(most) },
    }
}

/// How many of a document's `pages` would be parsed: those of `page_ranges.target_pages` within
/// the document (all when none are asked for), at most `page_ranges.max_pages`.
pub(crate) fn parsed_pages(pages: u64, page_ranges: Option<&serde_json::Value>) -> u64 {
    let asked = |key: &str| page_ranges.and_then(|ranges| ranges.get(key));
    let targeted = match asked("target_pages").and_then(serde_json::Value::as_str) {
        // Checked before the run: pages and ranges, each in order, none twice.
        Some(targets) => targets
            .split(',')
            .filter_map(|part| {
                let (first, last) = part.split_once('-').unwrap_or((part, part));
                let (first, last) = (
                    first.trim().parse::<u64>().ok()?,
                    last.trim().parse::<u64>().ok()?,
                );
                Some(last.min(pages).saturating_add(1).saturating_sub(first.max(1)))
            })
            .sum(),
        None => pages,
    };
    asked("max_pages")
        .and_then(serde_json::Value::as_u64)
        .map_or(targeted, |most| targeted.min(most))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::parsed_pages;

    #[test]
    fn the_pages_counted_are_those_that_would_be_parsed() {
        let ranges = |value: serde_json::Value| Some(value);
        assert_eq!(parsed_pages(10, None), 10);
        assert_eq!(parsed_pages(10, ranges(json!({"max_pages": 3})).as_ref()), 3);
        assert_eq!(parsed_pages(2, ranges(json!({"max_pages": 3})).as_ref()), 2);
        assert_eq!(
            parsed_pages(10, ranges(json!({"target_pages": "1,3,5-8"})).as_ref()),
            6
        );
        // Only the targets within the document count.
        assert_eq!(
            parsed_pages(6, ranges(json!({"target_pages": "1,3,5-8"})).as_ref()),
            4
        );
        assert_eq!(
            parsed_pages(2, ranges(json!({"target_pages": "5-8"})).as_ref()),
            0
        );
        assert_eq!(
            parsed_pages(
                10,
                ranges(json!({"target_pages": "2-9", "max_pages": 5})).as_ref()
            ),
            5
        );
    }
}
