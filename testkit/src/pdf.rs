//! A minimal valid PDF with a given number of blank pages, for tests on both sides of the
//! fake: the client counts its pages (lopdf), the fake parses one page per PDF page.

use std::fmt::Write as _;

/// A PDF of `pages` blank US-letter pages (a catalog, one flat page tree, a classic xref
/// table), readable by lopdf's `load_metadata` and `load`. About 60 bytes a page: 1,000 pages
/// make some 60 KB, written in well under a millisecond. `pages` may be 0 (a PDF with no pages).
pub fn blank_pdf(pages: usize) -> Vec<u8> {
    // Objects: 1 the catalog, 2 the page tree, 3.. the pages (which inherit the MediaBox).
    let mut pdf = String::with_capacity(100 + pages * 64);
    let mut offsets = Vec::with_capacity(pages + 2);
    pdf.push_str("%PDF-1.4\n");
    offsets.push(pdf.len());
    pdf.push_str("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    offsets.push(pdf.len());
    pdf.push_str("2 0 obj\n<< /Type /Pages /MediaBox [0 0 612 792] /Kids [");
    for page in 0..pages {
        let _ = write!(pdf, "{} 0 R ", page + 3);
    }
    let _ = write!(pdf, "] /Count {pages} >>\nendobj\n");
    for page in 0..pages {
        offsets.push(pdf.len());
        let _ = write!(
            pdf,
            "{} 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n",
            page + 3
        );
    }
    let xref = pdf.len();
    let _ = write!(pdf, "xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
    for offset in &offsets {
        let _ = writeln!(pdf, "{offset:010} 00000 n ");
    }
    let _ = write!(
        pdf,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        offsets.len() + 1
    );
    pdf.into_bytes()
}

/// The page count of a whole PDF held in memory, or `None` when lopdf cannot read it (not a
/// PDF, cut short, locked).
pub fn page_count(bytes: &[u8]) -> Option<usize> {
    if !bytes.starts_with(b"%PDF-") {
        return None;
    }
    match lopdf::Document::load_metadata_mem(bytes) {
        Ok(metadata) if metadata.page_count > 0 => Some(metadata.page_count as usize),
        _ => lopdf::Document::load_mem(bytes)
            .ok()
            .filter(|document| !document.is_encrypted())
            .map(|document| document.get_pages().len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_pdfs_are_read_by_lopdf_with_their_page_count() {
        for pages in [1, 2, 3, 250] {
            let pdf = blank_pdf(pages);
            let metadata = lopdf::Document::load_metadata_mem(&pdf).unwrap();
            assert_eq!(metadata.page_count as usize, pages);
            let document = lopdf::Document::load_mem(&pdf).unwrap();
            assert_eq!(document.get_pages().len(), pages);
            assert_eq!(page_count(&pdf), Some(pages));
        }
    }

    #[test]
    fn a_thousand_page_pdf_is_small_and_made_fast() {
        let started = std::time::Instant::now();
        let pdf = blank_pdf(1000);
        let elapsed = started.elapsed();
        assert!(pdf.len() < 100 * 1024, "{} bytes", pdf.len());
        // Generous: a loaded machine must not flake it (it takes well under 1 ms).
        assert!(elapsed < std::time::Duration::from_millis(500), "{elapsed:?}");
        assert_eq!(page_count(&pdf), Some(1000));
    }

    #[test]
    fn what_is_not_a_whole_pdf_has_no_page_count() {
        let pdf = blank_pdf(3);
        assert_eq!(page_count(b"# a markdown file\n"), None);
        assert_eq!(page_count(&pdf[..pdf.len() / 2]), None);
    }
}
