//! Documents longer than one job: parsed as consecutive page windows over one uploaded file,
//! side by side, and stitched back into one document with the pages numbered as in the original.
//!
//! A window is a unit of the money rule: its own key (the document's bytes × its configuration ×
//! its pages, `page_ranges.target_pages`), intent, job and stored result, so a run stopped half
//! way pays on the rerun for the windows it did not finish only. `plan` (here) says which pages
//! and which windows; `run` follows the windows' jobs; `stitch` writes the document from their
//! results, in order, as they arrive.

pub(super) mod run;
pub(super) mod stitch;
mod watch;

use serde_json::{Map, Value, json};

use crate::api::configuration::{page_set, pages_text};
use crate::api::document::FailedPage;
use crate::api::parse_jobs::Source;
use crate::error::Error;
use crate::parse::kind::Kind;
use crate::parse::once::{Known, Shared};
use crate::parse::pdf::{self, Pdf};
use crate::session::Session;
use crate::store::What;
use crate::text::neutralize;

/// The pages of one window, in order: ranges `(first, last)`, numbered as in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Window {
    pub ranges: Vec<(u64, u64)>,
}

impl Window {
    /// How many pages it has.
    pub(super) fn pages(&self) -> u64 {
        self.ranges.iter().map(|(first, last)| last - first + 1).sum()
    }

    /// Its pages as `page_ranges.target_pages` has them (`101-200`).
    pub(super) fn target_pages(&self) -> String {
        pages_text(&self.ranges)
    }

    /// Its page numbers, in order.
    pub(super) fn numbers(&self) -> impl Iterator<Item = u64> + '_ {
        self.ranges.iter().flat_map(|&(first, last)| first..=last)
    }

    /// The window in two halves (the first the larger), or `None` for a single page.
    pub(super) fn halves(&self) -> Option<(Window, Window)> {
        let pages = self.pages();
        if pages < 2 {
            return None;
        }
        let (first, second) = take(&self.ranges, pages.div_ceil(2));
        Some((Window { ranges: first }, Window { ranges: second }))
    }

    /// The document's configuration for this window: its pages as `target_pages` (which then
    /// say all that `max_pages` said).
    pub(super) fn configuration(&self, configuration: &Map<String, Value>) -> Map<String, Value> {
        let mut configuration = configuration.clone();
        let ranges = configuration.entry("page_ranges").or_insert_with(|| json!({}));
        if !ranges.is_object() {
            *ranges = json!({});
        }
        if let Some(ranges) = ranges.as_object_mut() {
            ranges.remove("max_pages");
            ranges.insert("target_pages".into(), json!(self.target_pages()));
        }
        configuration
    }
}

/// Pages as ranges `(first, last)`, in order.
type Ranges = Vec<(u64, u64)>;

/// Splits `ranges` after `count` pages.
fn take(ranges: &[(u64, u64)], mut count: u64) -> (Ranges, Ranges) {
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    for &(first, last) in ranges {
        let pages = last - first + 1;
        if count >= pages {
            head.push((first, last));
            count -= pages;
        } else if count > 0 {
            head.push((first, first + count - 1));
            tail.push((first + count, last));
            count = 0;
        } else {
            tail.push((first, last));
        }
    }
    (head, tail)
}

/// The pages of a document of `count` pages that `configuration` asks for: those of
/// `page_ranges.target_pages` within it (all when none are named), the first
/// `page_ranges.max_pages` of them.
pub(super) fn selected(count: u64, configuration: &Map<String, Value>) -> Vec<(u64, u64)> {
    let asked = |key: &str| configuration.get("page_ranges").and_then(|r| r.get(key));
    let mut ranges: Vec<(u64, u64)> = match asked("target_pages").and_then(Value::as_str) {
        // Checked before the run.
        Some(pages) => page_set(pages)
            .unwrap_or_default()
            .into_iter()
            .filter(|&(first, _)| first <= count)
            .map(|(first, last)| (first, last.min(count)))
            .collect(),
        None if count > 0 => vec![(1, count)],
        None => Vec::new(),
    };
    if let Some(most) = asked("max_pages").and_then(Value::as_u64) {
        ranges = take(&ranges, most).0;
    }
    ranges
}

/// `selected` pages in consecutive windows of `size` pages (the last may be shorter).
pub(super) fn windows(selected: &[(u64, u64)], size: u64) -> Vec<Window> {
    let mut windows = Vec::new();
    let mut rest = selected.to_vec();
    while !rest.is_empty() {
        let (window, after) = take(&rest, size.max(1));
        windows.push(Window { ranges: window });
        rest = after;
    }
    windows
}

/// What the API's refusal of a job for having too many pages says: its cap per job, and the
/// document's page count when it gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TooLong {
    pub cap: u64,
    pub pages: Option<u64>,
}

/// Reads the API's page-limit refusal from an error or a job's `error_message`: "max pages
/// allowed for parse mode parse_page_with_agent is 700", and "has 999 pages" when it says so.
pub(super) fn too_long(message: &str) -> Option<TooLong> {
    let lower = message.to_ascii_lowercase();
    let at = lower.find("max pages allowed")?;
    let after = &lower[at..];
    let cap = after.find(" is ").and_then(|is| number_at(&after[is + 4..]))?;
    // The first number right before " pages", wherever it is ("has 999 pages", "… is 700; the
    // document has 999 pages").
    let pages = lower.match_indices(" pages").find_map(|(end, _)| {
        let before = lower[..end].trim_end();
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        before[before.len() - digits..].parse().ok()
    });
    Some(TooLong { cap, pages })
}

/// Records that the API refused the document under `key` as too long for one job, so that the
/// next run parses it in windows at once instead of paying for another refusal.
pub(super) fn remember_refusal(shared: &Shared, key: &str, limit: TooLong) -> Result<(), Error> {
    if !shared.records() || refused_before(shared, key) == Some(limit) {
        return Ok(());
    }
    let (cap, pages) = (limit.cap, limit.pages);
    shared.record(key, What::TooLong { cap, pages })
}

/// The API's refusal of the document under `key` as too long, as the store or OUT recorded it.
pub(super) fn refused_before(shared: &Shared, key: &str) -> Option<TooLong> {
    let stored = shared
        .store()
        .and_then(|store| store.entry(key).and_then(|e| e.too_long));
    let journaled = || {
        let journal = shared.journal.as_ref()?;
        journal.entry(key).and_then(|e| e.too_long)
    };
    let (cap, pages) = stored.or_else(journaled)?;
    Some(TooLong { cap, pages })
}

/// The number `text` starts with.
fn number_at(text: &str) -> Option<u64> {
    let digits: String = text
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A document that may be longer than one job: what says whether, and how, it is windowed.
pub(super) struct Long<'a> {
    /// The document as the user named it.
    pub name: &'a str,
    pub source: &'a Source,
    pub configuration: &'a Map<String, Value>,
    /// `--window-pages` (0: never windowed).
    pub window_pages: u64,
    pub force: bool,
    /// Windows followed at once (`--max-in-flight`).
    pub parallel: usize,
    /// What each window's result is kept as (`Kind::of_window`).
    pub stored: Kind,
}

impl Long<'_> {
    /// The windows of the document under `key`: by the API's refusal of it as too long, recorded
    /// before (a run that paid for that refusal once does not pay for it again), else as a local
    /// PDF longer than `--window-pages`. The pages to parse and the windows.
    pub(super) fn windows(&self, shared: &Shared, key: &str, kind: Kind) -> Option<(u64, Vec<Window>)> {
        refused_before(shared, key)
            .and_then(|limit| self.windows_after_refusal(limit, kind))
            .or_else(|| self.windows_of_pdf(kind))
    }

    /// A local PDF with more pages to parse than `--window-pages`: the pages to parse and its
    /// windows. (The formats that print the job's record take one job.)
    fn windows_of_pdf(&self, kind: Kind) -> Option<(u64, Vec<Window>)> {
        let Source::File(path) = self.source else {
            return None;
        };
        if self.window_pages == 0 || kind == Kind::Job {
            return None;
        }
        let Pdf::Pages(count) = pdf::inspect(path) else {
            return None;
        };
        self.in_windows_of(count, self.window_pages)
    }

    /// The windows of a local file the API refused as too long for one job: its page count as
    /// the refusal gives it, else as counted here; windows no longer than the API's cap.
    pub(super) fn windows_after_refusal(&self, limit: TooLong, kind: Kind) -> Option<(u64, Vec<Window>)> {
        let Source::File(path) = self.source else {
            return None;
        };
        if self.window_pages == 0 || kind == Kind::Job {
            return None;
        }
        let count = limit.pages.or(match pdf::inspect(path) {
            Pdf::Pages(count) => Some(count),
            _ => None,
        })?;
        let size = match limit.cap {
            0 => self.window_pages,
            cap => self.window_pages.min(cap),
        };
        self.in_windows_of(count, size)
    }

    /// A window's result key: the document's, with the window's configuration (a file's bytes
    /// hashed through the store's stat cache, the hash remembered there when `remember`). None
    /// (empty) when nothing records results.
    pub(super) fn key_of(
        &self,
        shared: &Shared,
        session: &Session,
        window: &Window,
        remember: bool,
    ) -> Result<String, Error> {
        if !shared.records() {
            return Ok(String::new());
        }
        let configuration = window.configuration(self.configuration);
        Ok(shared
            .key_through_stat_cache(session, self.source, &configuration, remember)?
            .key)
    }

    /// What is known of a window's result (kept as JSON, whole with `--save`) that may be used: with `--force` only a
    /// job in flight.
    pub(super) fn known(&self, shared: &Shared, key: &str) -> Known {
        if self.force {
            shared.in_flight(key, self.stored)
        } else {
            shared.usable(key, self.stored, self.source)
        }
    }

    /// The pages to parse of a document of `count` pages, in windows of `size`, when there are
    /// more than `size`.
    fn in_windows_of(&self, count: u64, size: u64) -> Option<(u64, Vec<Window>)> {
        let selected = selected(count, self.configuration);
        let pages: u64 = selected.iter().map(|(first, last)| last - first + 1).sum();
        (pages > size).then(|| (pages, windows(&selected, size)))
    }
}

/// A windowed document's pages that failed (marked in it) make the run partial (exit 7).
pub(super) fn partial(name: &str, failed: &[FailedPage]) -> Result<(), Error> {
    Error::partial_of(&format!("{} was parsed", neutralize(name)), failed)
}

/// What a windowed run that failed says of the jobs of its windows it `created`: without a
/// record of them (`--no-cache`), their ids, or they would be lost.
pub(super) fn created(name: &str, created: &[String], recorded: bool) -> String {
    let jobs = match created.len() {
        1 => "1 job of its windows was".to_string(),
        n => format!("{n} jobs of its windows were"),
    };
    if recorded {
        format!(
            "note: {jobs} created for {} in this run: run the same command again to go on (what was created is not paid for again)",
            neutralize(name)
        )
    } else {
        format!(
            "note: {jobs} created for {} in this run, but with --no-cache nothing was recorded ({}; llamacloud parsing get ID): the same command run again parses every window again",
            neutralize(name),
            ids(created)
        )
    }
}

/// What a signal leaves on stderr while a document's windows run, the jobs `created` so far
/// named when nothing records them (`--no-cache`).
pub(super) fn interrupted(recorded: bool, created: &[String]) -> crate::signals::LastWords {
    let note = if recorded {
        "interrupted; the jobs of its windows go on: run the same command again (what is done is not paid for again)".to_string()
    } else if created.is_empty() {
        "interrupted; with --no-cache nothing was recorded: the same command run again parses every window again".to_string()
    } else {
        format!(
            "interrupted; the jobs of its windows go on ({}; llamacloud parsing get ID), but with --no-cache nothing was recorded: the same command run again parses every window again",
            ids(created)
        )
    };
    crate::signals::LastWords {
        output_line: None,
        file: None,
        note,
    }
}

/// Job ids, as a note lists them.
fn ids(created: &[String]) -> String {
    let ids: Vec<_> = created.iter().map(|id| neutralize(id).into_owned()).collect();
    ids.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn the_selected_pages_are_the_targets_within_the_document_and_the_first_max_pages_of_them() {
        assert_eq!(selected(250, &Map::new()), vec![(1, 250)]);
        let targets = config(json!({"page_ranges": {"target_pages": "5-260"}}));
        assert_eq!(selected(250, &targets), vec![(5, 250)]);
        let sparse = config(json!({"page_ranges": {"target_pages": "1,3,300,5-8"}}));
        assert_eq!(selected(250, &sparse), vec![(1, 1), (3, 3), (5, 8)]);
        let most = config(json!({"page_ranges": {"max_pages": 4}}));
        assert_eq!(selected(250, &most), vec![(1, 4)]);
        let both = config(json!({"page_ranges": {"target_pages": "10-20,30", "max_pages": 12}}));
        assert_eq!(selected(250, &both), vec![(10, 20), (30, 30)]);
        assert_eq!(selected(0, &Map::new()), Vec::<(u64, u64)>::new());
    }

    #[test]
    fn windows_are_consecutive_and_the_last_may_be_shorter() {
        let windows = windows(&[(1, 250)], 100);
        let pages: Vec<String> = windows.iter().map(Window::target_pages).collect();
        assert_eq!(pages, ["1-100", "101-200", "201-250"]);
        let sparse = super::windows(&[(1, 1), (3, 3), (5, 8)], 3);
        let pages: Vec<String> = sparse.iter().map(Window::target_pages).collect();
        assert_eq!(pages, ["1,3,5", "6-8"]);
        assert_eq!(sparse[1].numbers().collect::<Vec<_>>(), [6, 7, 8]);
    }

    #[test]
    fn a_window_halves_down_to_one_page() {
        let window = Window {
            ranges: vec![(101, 200)],
        };
        let (first, second) = window.halves().unwrap();
        assert_eq!(
            (first.target_pages(), second.target_pages()),
            ("101-150".into(), "151-200".into())
        );
        let odd = Window {
            ranges: vec![(1, 1), (3, 4)],
        };
        let (first, second) = odd.halves().unwrap();
        assert_eq!(
            (first.target_pages(), second.target_pages()),
            ("1,3".into(), "4".into())
        );
        assert_eq!(Window { ranges: vec![(7, 7)] }.halves(), None);
    }

    #[test]
    fn a_windows_configuration_is_the_documents_with_its_pages() {
        let document =
            config(json!({"tier": "agentic", "page_ranges": {"target_pages": "5-260", "max_pages": 300}}));
        let window = Window {
            ranges: vec![(105, 204)],
        };
        assert_eq!(
            Value::Object(window.configuration(&document)),
            json!({"tier": "agentic", "page_ranges": {"target_pages": "105-204"}})
        );
        let plain = window.configuration(&config(json!({"tier": "fast"})));
        assert_eq!(plain["page_ranges"], json!({"target_pages": "105-204"}));
    }

    #[test]
    fn the_apis_page_limit_is_read_with_the_page_count_when_given() {
        assert_eq!(
            too_long("max pages allowed for parse mode parse_page_with_agent is 700"),
            Some(TooLong {
                cap: 700,
                pages: None
            })
        );
        assert_eq!(
            too_long(
                "The document has 999 pages: max pages allowed for parse mode parse_page_with_agent is 700"
            ),
            Some(TooLong {
                cap: 700,
                pages: Some(999)
            })
        );
        assert_eq!(
            too_long(
                "max pages allowed for parse mode parse_page_with_agent is 700; the document has 999 pages"
            ),
            Some(TooLong {
                cap: 700,
                pages: Some(999)
            })
        );
        assert_eq!(
            too_long("The document could not be parsed: it is password-protected"),
            None
        );
    }
}
