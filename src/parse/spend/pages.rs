//! The pages of a document a dry run counts: those that would be parsed.

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
