//! What can be told of a PDF here, before it is paid for: its page count (for `--dry-run`) and
//! whether a password locks it (the API cannot read it), with lopdf, which reads the page tree
//! without loading every object. Larger files are not read here (lopdf holds the whole file).

use std::path::Path;

/// The largest PDF read here.
const MOST_BYTES: u64 = 256 * 1024 * 1024;

/// What lopdf told of a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pdf {
    Pages(u64),
    /// A password is needed to read it.
    Locked,
    /// Not a PDF, too large to read here, or one lopdf cannot read.
    Unknown,
}

/// Whether `path` is a PDF by its name or its first bytes.
pub(super) fn is_pdf(path: &Path) -> bool {
    let named = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    named || {
        let mut head = [0u8; 5];
        std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok_and(|()| &head == b"%PDF-")
    }
}

/// The page count of the PDF at `path`, or why it is not known.
pub(super) fn inspect(path: &Path) -> Pdf {
    // Only a regular file is opened (a FIFO would wait for a writer).
    if std::fs::metadata(path).map_or(true, |m| !m.is_file() || m.len() > MOST_BYTES) || !is_pdf(path) {
        return Pdf::Unknown;
    }
    match lopdf::Document::load_metadata(path) {
        Ok(metadata) if metadata.page_count > 0 => Pdf::Pages(u64::from(metadata.page_count)),
        // No pages seen: locked (its page tree cannot be read), or read the whole way to tell.
        _ => match lopdf::Document::load(path) {
            Err(lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_)) => Pdf::Locked,
            Ok(document) if document.is_encrypted() => Pdf::Locked,
            Ok(document) if !document.get_pages().is_empty() => Pdf::Pages(document.get_pages().len() as u64),
            _ => Pdf::Unknown,
        },
    }
}

/// How much of a PDF's end is looked at for an `/Encrypt` entry before it is read whole.
const TAIL_BYTES: u64 = 64 * 1024;

/// Whether the file starts as a PDF does, and its end (where the trailer is) names `/Encrypt`:
/// only such a file is read whole to tell whether a password locks it, so an upload costs one
/// short read more.
fn may_be_locked(path: &Path) -> bool {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = [0u8; 5];
    if file.read_exact(&mut head).is_err() || &head != b"%PDF-" {
        return false;
    }
    let length = file.metadata().map_or(0, |m| m.len());
    let mut tail = Vec::new();
    let start = length.saturating_sub(TAIL_BYTES);
    if file.seek(SeekFrom::Start(start)).is_err() || file.take(TAIL_BYTES).read_to_end(&mut tail).is_err() {
        return false;
    }
    tail.windows(b"/Encrypt".len()).any(|w| w == b"/Encrypt")
}

/// Refuses a PDF a password locks: it would be paid for and fail.
pub(super) fn check_readable(path: &Path, name: &str) -> Result<(), String> {
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if !regular || !may_be_locked(path) {
        return Ok(());
    }
    match inspect(path) {
        Pdf::Locked => Err(format!(
            "cannot upload {name}: the PDF is locked by a password, which the API cannot open (remove it first)"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blank PDFs of one, two and three pages (`tests/fixtures`).
    const ONE: &[u8] = include_bytes!("../../tests/fixtures/blank-1-page.pdf");
    const TWO: &[u8] = include_bytes!("../../tests/fixtures/blank-2-pages.pdf");
    const THREE: &[u8] = include_bytes!("../../tests/fixtures/blank-3-pages.pdf");
    /// Locked by the user password "secret" (made with lopdf's encryption).
    const LOCKED: &[u8] = include_bytes!("../../tests/fixtures/locked-by-password.pdf");

    #[test]
    fn pages_are_counted_and_what_is_not_a_pdf_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let three = dir.path().join("three.pdf");
        std::fs::write(&three, THREE).unwrap();
        assert_eq!(inspect(&three), Pdf::Pages(3));
        // Told by its bytes, whatever its name.
        let unnamed = dir.path().join("scan");
        std::fs::write(&unnamed, TWO).unwrap();
        assert_eq!(inspect(&unnamed), Pdf::Pages(2));
        let one = dir.path().join("one.PDF");
        std::fs::write(&one, ONE).unwrap();
        assert_eq!(inspect(&one), Pdf::Pages(1));
        let notes = dir.path().join("notes.md");
        std::fs::write(&notes, b"# Notes\n").unwrap();
        assert_eq!(inspect(&notes), Pdf::Unknown);
        let broken = dir.path().join("broken.pdf");
        std::fs::write(&broken, b"%PDF-1.4\nnot really").unwrap();
        assert_eq!(inspect(&broken), Pdf::Unknown);
        assert!(check_readable(&broken, "broken.pdf").is_ok());
        // Named like a PDF, not one: not read whole before an upload.
        let fake = dir.path().join("fake.pdf");
        std::fs::write(&fake, vec![b'x'; 1 << 20]).unwrap();
        assert!(!may_be_locked(&fake));
        assert!(!may_be_locked(&three), "no /Encrypt in its trailer");
    }

    #[test]
    fn a_pdf_locked_by_a_password_is_told_and_refused() {
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked.pdf");
        std::fs::write(&locked, LOCKED).unwrap();
        assert_eq!(inspect(&locked), Pdf::Locked);
        assert!(may_be_locked(&locked));
        assert_eq!(
            check_readable(&locked, "locked.pdf"),
            Err("cannot upload locked.pdf: the PDF is locked by a password, which the API cannot open (remove it first)".into())
        );
    }
}
