//! What a result key's events say: the events (`What`), an entry built from them (`Entry`,
//! `apply`), where the document stands (`Known`), and what the store and a journal say together
//! (`merge`). Nothing here touches the disk; the store (`store`) and a bulk run's manifest keep
//! the events.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use crate::api::document::FailedPage;

/// What happened to a result key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum What {
    /// A create is about to be sent, carrying `token` in its `user_metadata`.
    Intent { token: String },
    /// The job exists (its create was answered, or it was found by its token).
    Created { job_id: String },
    /// The job ended.
    Ended { job_id: String, status: String },
    /// A result file was fetched into the store; `failed_pages`: the pages the API could not
    /// parse (marked in the file), so that a result used again is as loud as when it came.
    Result {
        job_id: String,
        kind: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        failed_pages: Vec<FailedPage>,
    },
    /// The server no longer knows the job (404): it is parsed again.
    Gone { job_id: String },
    /// The create carrying `token` was refused for good (a 4xx other than 408 and 429): no job
    /// carries it, so it is never looked for.
    Refused { token: String },
    /// The key is that of one page window of a long document: its `pages`, as
    /// `page_ranges.target_pages` names them (`101-200`). (A release before windows skips it.)
    Window { pages: String },
    /// The API refused the key's document as too long for one job: at most `cap` pages a job,
    /// the document having `pages` when the refusal said. It is parsed in windows from then on.
    TooLong {
        cap: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pages: Option<u64>,
    },
}

/// A create that was sent (or about to be) and not answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intent {
    pub token: String,
    pub at: i64,
}

/// The kinds of result file fetched for a key, as a set of flags (an entry is kept for every
/// document ever parsed: a set of strings would cost more than the rest of it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kinds(u8);

/// The kinds a result file can be, in the order `Kinds::names` gives them.
const KINDS: [&str; 6] = ["md", "txt", "json", "job", "full", "assets"];

impl Kinds {
    fn bit(kind: &str) -> u8 {
        KINDS.iter().position(|k| *k == kind).map_or(0, |i| 1 << i)
    }

    pub fn insert(&mut self, kind: &str) {
        self.0 |= Self::bit(kind);
    }

    pub fn contains(&self, kind: &str) -> bool {
        let bit = Self::bit(kind);
        bit != 0 && self.0 & bit != 0
    }

    pub fn clear(&mut self) {
        self.0 = 0;
    }

    /// The kinds held, by name.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        KINDS.iter().copied().filter(|kind| self.contains(kind))
    }
}

/// What the store knows of one result key.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Creates not (yet) matched to a job.
    pub intents: Vec<Intent>,
    pub job_id: Option<String>,
    pub status: Option<String>,
    /// The kinds of result file fetched (`md`, `txt`, `json`, `job`, `full`; `assets`: every
    /// file the `full` result links to is in its directory).
    pub results: Kinds,
    /// The job's pages that failed (none for almost every entry: nothing is held then), and
    /// the kinds of result that showed them (a text result does not list failed pages).
    pub failed_pages: Option<Box<[FailedPage]>>,
    pub failed_in: Kinds,
    /// When anything last happened to it.
    pub last_at: i64,
    /// The pages of the long document's window it is the result of (none for almost every
    /// entry: a whole document).
    pub window: Option<Box<str>>,
    /// The API refused its document as too long for one job: the cap, and the page count when
    /// the refusal gave it.
    pub too_long: Option<(u64, Option<u64>)>,
}

impl Entry {
    /// Its job has not ended as far as the store knows (or a create was not answered: its job
    /// may exist): forgetting it would pay for the document again.
    pub fn unended(&self) -> bool {
        (self.job_id.is_some() && self.status.is_none()) || !self.intents.is_empty()
    }

    /// What `what`, recorded at `at`, changes.
    pub fn apply(&mut self, at: i64, what: &What) {
        self.last_at = self.last_at.max(at);
        match what {
            What::Intent { token } => self.intents.push(Intent {
                token: token.clone(),
                at,
            }),
            What::Created { job_id } => {
                // Given back, not kept empty: there is an entry for every document ever parsed.
                self.intents = Vec::new();
                self.job_id = Some(job_id.clone());
                self.status = None;
                self.results.clear();
                self.failed_pages = None;
                self.failed_in.clear();
            }
            What::Ended { job_id, status } if self.job_id.as_ref() == Some(job_id) => {
                self.status = Some(status.clone());
            }
            What::Result {
                job_id,
                kind,
                failed_pages,
            } if self.job_id.as_ref() == Some(job_id) => {
                self.results.insert(kind);
                if !failed_pages.is_empty() {
                    self.failed_pages = Some(failed_pages.clone().into_boxed_slice());
                    self.failed_in.insert(kind);
                }
            }
            What::Gone { job_id } if self.job_id.as_ref() == Some(job_id) => {
                self.job_id = None;
                self.status = None;
                self.results.clear();
                self.failed_pages = None;
                self.failed_in.clear();
            }
            What::Refused { token } => self.intents.retain(|intent| intent.token != *token),
            What::Window { pages } => self.window = Some(pages.as_str().into()),
            What::TooLong { cap, pages } => self.too_long = Some((*cap, *pages)),
            What::Ended { .. } | What::Result { .. } | What::Gone { .. } => {}
        }
    }
}

/// Where a document stands in the store (and a journal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    /// Its result of the kind asked for is in the store.
    Stored {
        path: PathBuf,
        job_id: String,
    },
    /// Its job completed: the result is fetched from it, not paid for again.
    Completed(String),
    /// Its job exists and has not ended as far as the store knows.
    Running(String),
    /// Its job ended FAILED or CANCELLED: parsed again.
    Ended(String),
    /// Creates were sent and not answered: the job may exist.
    Unanswered(Vec<Intent>),
    Nothing,
}

impl Entry {
    /// What the entry says of its document; `result`: the stored result file of the kind asked
    /// for, looked for when the job completed.
    pub fn known(&self, result: impl FnOnce() -> Option<PathBuf>) -> Known {
        match (&self.job_id, self.status.as_deref()) {
            (Some(job_id), Some("COMPLETED")) => match result() {
                Some(path) => Known::Stored {
                    path,
                    job_id: job_id.clone(),
                },
                None => Known::Completed(job_id.clone()),
            },
            (Some(job_id), Some(_)) => Known::Ended(job_id.clone()),
            (Some(job_id), None) => Known::Running(job_id.clone()),
            (None, _) if !self.intents.is_empty() => Known::Unanswered(self.intents.clone()),
            (None, _) => Known::Nothing,
        }
    }

    /// What this entry (the store's) and `other` (a journal's, of the same key) say together:
    /// the job of whichever heard of one last (this one's while it holds a result of it), else
    /// the unanswered creates of both.
    pub fn merge(&self, other: Entry) -> Entry {
        let window = self.window.clone().or_else(|| other.window.clone());
        let too_long = self.too_long.or(other.too_long);
        let mut merged = match (&self.job_id, &other.job_id) {
            (Some(_), Some(_)) if other.last_at > self.last_at && self.results == Kinds::default() => other,
            (Some(_), _) => self.clone(),
            (None, Some(_)) => other,
            (None, None) => {
                let mut both = self.clone();
                both.intents.extend(other.intents);
                both.last_at = both.last_at.max(other.last_at);
                both
            }
        };
        merged.window = window;
        merged.too_long = too_long;
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_and_a_journal_together_know_the_latest_job_else_every_intent() {
        let entry = |events: &[(i64, What)]| {
            let mut entry = Entry::default();
            events.iter().for_each(|(at, what)| entry.apply(*at, what));
            entry
        };
        let intent = |t: &str| What::Intent { token: t.into() };
        let created = |j: &str| What::Created { job_id: j.into() };
        let old = entry(&[(1, created("pjb-1"))]);
        let job = |other: Entry| old.merge(other).known(|| None);
        assert_eq!(
            job(entry(&[(5, created("pjb-2"))])),
            Known::Running("pjb-2".into())
        );
        assert_eq!(job(entry(&[(0, intent("t"))])), Known::Running("pjb-1".into()));
        let both = entry(&[(1, intent("t1"))]).merge(entry(&[
            (2, intent("t2")),
            (3, What::Refused { token: "t2".into() }),
            (4, intent("t3")),
        ]));
        let tokens: Vec<String> = both.intents.into_iter().map(|i| i.token).collect();
        assert_eq!(tokens, ["t1", "t3"]);
    }
}
