//! The total line of a dry run.

use crate::output::job::human_size;

/// The total of a dry run.
#[derive(Default)]
pub(super) struct Sum {
    pub(super) documents: usize,
    parse: usize,
    done: usize,
    cached: usize,
    /// Of those cached, by what only the shared store knows.
    shared: usize,
    skip: usize,
    /// Pages and bytes of the documents to parse (pages of those whose count is known; of a
    /// document in windows, those of its windows to parse).
    pages: u64,
    unknown_pages: usize,
    bytes: u64,
}

impl Sum {
    /// One document's line: its action, its bytes, the pages it would be paid for (when known
    /// here), and whether it is cached by what only the shared store knows.
    pub(super) fn add(&mut self, action: &str, bytes: Option<u64>, paid_pages: Option<u64>, shared: bool) {
        self.documents += 1;
        match action {
            "parse" => {
                self.parse += 1;
                self.bytes += bytes.unwrap_or(0);
                match paid_pages {
                    Some(pages) => self.pages += pages,
                    None => self.unknown_pages += 1,
                }
            }
            "done" => self.done += 1,
            "cached" => {
                self.cached += 1;
                self.shared += usize::from(shared);
            }
            _ => self.skip += 1,
        }
    }

    pub(super) fn total(&self, documents: usize) -> String {
        let plural = |n: u64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        let pages = match (self.pages, self.unknown_pages) {
            (0, 0) => "0 pages".to_string(),
            (0, _) => "pages not known".to_string(),
            (known, 0) => plural(known, "page"),
            (known, unknown) => format!(
                "{} + {} of unknown length",
                plural(known, "page"),
                plural(unknown as u64, "document")
            ),
        };
        let shared = match self.shared {
            0 => String::new(),
            n => format!(" ({n} in the shared store)"),
        };
        format!(
            "{documents} document{}: {} to parse ({pages}, {}), {} done, {} cached{shared}, {} skipped; nothing was sent",
            if documents == 1 { "" } else { "s" },
            self.parse,
            human_size(self.bytes),
            self.done,
            self.cached,
            self.skip
        )
    }
}
