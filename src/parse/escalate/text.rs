//! Which pages of a local PDF have text (a text layer), read with lopdf: a page whose content
//! stream shows text (`Tj`, `TJ`, `'` or `"` inside `BT` … `ET`). What is not a readable PDF
//! has no answer (then only the pages the API failed are escalated).

use std::collections::BTreeSet;
use std::path::Path;

use crate::parse::pdf;

/// The largest PDF read here (lopdf holds the whole file).
const MOST_BYTES: u64 = 256 * 1024 * 1024;
/// The most bytes of one page's content streams decompressed here.
const MOST_CONTENT: usize = 64 * 1024 * 1024;

/// The pages (numbered from 1) of the PDF at `path` that show text; `None` when that cannot be
/// told here (not a PDF, too large, unreadable, locked).
pub(in crate::parse) fn pages_with_text(path: &Path) -> Option<BTreeSet<u64>> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MOST_BYTES || !pdf::is_pdf(path) {
        return None;
    }
    let document = lopdf::Document::load(path).ok()?;
    if document.is_encrypted() {
        return None;
    }
    let mut pages = BTreeSet::new();
    for (number, id) in document.get_pages() {
        let Ok(content) = document.get_page_content_with_limit(id, MOST_CONTENT) else {
            continue;
        };
        if shows_text(&content) {
            pages.insert(u64::from(number));
        }
    }
    Some(pages)
}

/// Whether a content stream shows text: a text-showing operator inside a text object.
fn shows_text(content: &[u8]) -> bool {
    let Ok(content) = lopdf::content::Content::decode(content) else {
        return false;
    };
    let mut inside = false;
    for operation in &content.operations {
        match operation.operator.as_str() {
            "BT" => inside = true,
            "ET" => inside = false,
            "Tj" | "TJ" | "'" | "\"" if inside => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_shows_only_inside_a_text_object() {
        assert!(shows_text(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"));
        assert!(shows_text(b"BT [(A) 10 (B)] TJ ET"));
        assert!(!shows_text(b"0 0 612 792 re f"));
        assert!(!shows_text(b"BT /F1 12 Tf ET"));
        assert!(!shows_text(b""));
    }
}
