//! Reading a key of the shared store in as few requests as a warm store allows. A result is read
//! by itself first (`take_result`: its head line names its job and failed pages): one request
//! for a key another machine parsed. Otherwise one listing of
//! `keys/KEY/` shows its events, its results and its last use, and an event's name says what it
//! says (`AT-COUNT-NONCE~created~JOB.json`: `named`), so a key is folded from its listing alone; an
//! event whose fields do not fit a name (a result with failed pages, an older release's event) is
//! read. The events stay the truth, one object each, never rewritten.
//!
//! `meta/used` is rewritten (empty) when a machine copies a result down and the key was last used
//! more than a day before; its time is the key's last use beside its events' (what
//! `cache prune --store --older-than` judges by), without rewriting a result.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Event, SharedStore, lock, message, now_ms};
use crate::store::entry::{Entry, FailedPage, What};
use crate::store::remote::RemoteError;

/// How stale a key's last use may be before a use of it is written down.
const USE_NOTED_EVERY_MS: i64 = 24 * 60 * 60 * 1000;

/// How a result object begins: a line with its key, job, failed pages, size and hash (`result_head`),
/// then the result. A machine that finds the result there needs nothing else of the key
/// (`take_result`); one without that line, or whose bytes are not those the line names (cut
/// short, changed), is not used: the result is fetched from its job instead.
const HEAD: &[u8] = b"llamacloud-result ";

/// A head line longer than this holds no failed pages (`ResultHead::more`).
const HEAD_LIMIT: usize = 64 * 1024;

/// What a result object's head line says.
#[derive(Debug, Serialize, Deserialize)]
struct ResultHead {
    /// The key it is the result of: an object copied under another key is not one of its.
    key: String,
    job_id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    failed_pages: Vec<FailedPage>,
    /// The result's size and BLAKE3 hash (hex).
    bytes: u64,
    blake3: String,
    /// Its failed pages are too many for the line: they are in the key's result event.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    more: bool,
}

/// The head line of `file`, the result `what` records.
fn result_head(key: &str, what: &What, file: &Path) -> std::io::Result<Vec<u8>> {
    let What::Result {
        job_id, failed_pages, ..
    } = what
    else {
        return Err(std::io::Error::other("not a result"));
    };
    let (bytes, blake3) = size_and_hash(file)?;
    let mut head = ResultHead {
        key: key.to_string(),
        job_id: job_id.clone(),
        failed_pages: failed_pages.clone(),
        bytes,
        blake3,
        more: false,
    };
    let line = |head: &ResultHead| {
        let mut line = HEAD.to_vec();
        line.extend(serde_json::to_vec(head).unwrap_or_default());
        line.push(b'\n');
        line
    };
    if line(&head).len() > HEAD_LIMIT {
        head.failed_pages = Vec::new();
        head.more = true;
    }
    Ok(line(&head))
}

fn size_and_hash(file: &Path) -> std::io::Result<(u64, String)> {
    let mut hasher = blake3::Hasher::new();
    let bytes = hasher.update_reader(std::fs::File::open(file)?)?.count();
    Ok((bytes, hasher.finalize().to_hex().to_string()))
}

fn used_path(key: &str) -> String {
    format!("keys/{key}/meta/used")
}

/// What an event's name says after its time, count and nonce: `~created~JOB`; empty when a
/// field does not fit a name (only `[A-Za-z0-9._,-]`) or the event holds more (failed pages).
fn named(what: &What) -> String {
    let fields: Vec<String> = match what {
        What::Intent { token } => vec!["intent".into(), token.clone()],
        What::Created { job_id } => vec!["created".into(), job_id.clone()],
        What::Ended { job_id, status } => vec!["ended".into(), job_id.clone(), status.clone()],
        What::Result {
            job_id,
            kind,
            failed_pages,
        } if failed_pages.is_empty() => vec!["result".into(), job_id.clone(), kind.clone()],
        What::Gone { job_id } => vec!["gone".into(), job_id.clone()],
        What::Refused { token } => vec!["refused".into(), token.clone()],
        What::Window { pages } => vec!["window".into(), pages.clone()],
        What::TooLong { cap, pages } => vec![
            "toolong".into(),
            cap.to_string(),
            pages.map_or_else(String::new, |p| p.to_string()),
        ],
        What::Result { .. } => return String::new(),
    };
    let fits = |field: &String| {
        field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._,-".contains(c))
    };
    if fields.iter().all(fits) {
        format!("~{}", fields.join("~"))
    } else {
        String::new()
    }
}

/// The event an object's `name` says (`None`: it must be read).
fn of_name(name: &str) -> Option<(i64, What)> {
    let file = name.rsplit('/').next()?.strip_suffix(".json")?;
    let mut parts = file.split('~');
    let at = parts.next()?.split('-').next()?.parse::<i64>().ok()?;
    let fields: Vec<&str> = parts.collect();
    let owned = |i: usize| fields.get(i).map(|f| f.to_string());
    let what = match *fields.first()? {
        "intent" => What::Intent { token: owned(1)? },
        "created" => What::Created { job_id: owned(1)? },
        "ended" => What::Ended {
            job_id: owned(1)?,
            status: owned(2)?,
        },
        "result" => What::Result {
            job_id: owned(1)?,
            kind: owned(2)?,
            failed_pages: Vec::new(),
        },
        "gone" => What::Gone { job_id: owned(1)? },
        "refused" => What::Refused { token: owned(1)? },
        "window" => What::Window { pages: owned(1)? },
        "toolong" => What::TooLong {
            cap: fields.get(1)?.parse().ok()?,
            pages: fields.get(2).and_then(|p| p.parse().ok()),
        },
        _ => return None,
    };
    Some((at, what))
}

impl SharedStore {
    /// Where an event of `key` recorded at `at` goes: in the order recorded, also within a
    /// millisecond (by time, then this process's count), its name saying what it says.
    pub(super) fn event_path(key: &str, at: i64, what: &What) -> String {
        static RECORDED: AtomicU64 = AtomicU64::new(0);
        let count = RECORDED.fetch_add(1, Ordering::SeqCst);
        let (token, named) = (crate::store::new_token(), named(what));
        format!("keys/{key}/events/{at:013}-{count:010}-{token}{named}.json")
    }

    /// `key`'s entry (`None`: nothing of it is stored); its `last_at` is its last use.
    pub(super) fn read(&self, key: &str) -> Result<Option<Entry>, RemoteError> {
        let under = format!("keys/{key}/");
        let (mut events, mut used) = (Vec::new(), 0);
        for listed in self.remote.list(&under)? {
            match listed
                .path
                .strip_prefix(&under)
                .and_then(|rest| rest.split_once('/'))
            {
                Some(("events", _)) => events.push(listed.path),
                Some(("meta", "used")) => used = listed.modified.as_millisecond(),
                _ => {}
            }
        }
        if events.is_empty() {
            return Ok(None);
        }
        let mut entry = self.fold_events(events)?;
        entry.last_at = entry.last_at.max(used);
        Ok(Some(entry))
    }

    /// The fold of the events at `names`, in the order recorded: each from its name, or read when
    /// its name does not say it. What a machine says of a job (it ended, its result) comes after
    /// the job's creation, whatever the clocks of the machines that recorded them say (another
    /// machine's clock behind would put a result before the job it is of, and lose it).
    pub(super) fn fold_events(&self, names: Vec<String>) -> Result<Entry, RemoteError> {
        let mut events = Vec::with_capacity(names.len());
        for name in names {
            if let Some((at, what)) = of_name(&name) {
                events.push((at, name, what));
                continue;
            }
            let Some((bytes, _)) = self.remote.get(&name)? else {
                continue;
            };
            if let Ok(event) = serde_json::from_slice::<Event>(&bytes) {
                events.push((event.at, name, event.what));
            }
        }
        let mut created: HashMap<String, (i64, String)> = HashMap::new();
        for (at, name, what) in &events {
            if let What::Created { job_id } = what {
                let first = created.entry(job_id.clone()).or_insert((*at, name.clone()));
                *first = first.clone().min((*at, name.clone()));
            }
        }
        let order = |(at, name, what): &(i64, String, What)| {
            let of_job = match what {
                What::Ended { job_id, .. } | What::Result { job_id, .. } | What::Gone { job_id } => {
                    created.get(job_id)
                }
                _ => None,
            };
            match of_job {
                Some(made) if *made > (*at, name.clone()) => (made.0, made.1.clone(), 1, name.clone()),
                _ => (*at, name.clone(), 0, String::new()),
            }
        };
        events.sort_by_cached_key(order);
        let mut entry = Entry::default();
        for (at, _, what) in &events {
            entry.apply(*at, what);
        }
        Ok(entry)
    }

    /// Uploads `key`'s result of `kind` from `file`, then records it (`what`): a reader never
    /// sees its event before the whole file. A failure is said, not fatal: the job is recorded,
    /// and another machine fetches its result from the API.
    pub(crate) fn share_result(&self, key: &str, kind: &str, file: &Path, at: i64, what: &What) {
        if self.abandoned() {
            return;
        }
        let path = format!("keys/{key}/results/{kind}");
        // Shared by another machine first (the same key is the same result): nothing to add, but
        // with --force, which replaces it, and over one found not whole.
        let replace =
            self.replace.load(std::sync::atomic::Ordering::SeqCst) || lock(&self.broken).contains(key);
        let uploaded = result_head(key, what, file)
            .map_err(|err| err.to_string())
            .and_then(|head| {
                self.remote
                    .upload(file, &path, &head, replace)
                    .map_err(|err| message(&err))
            });
        let shared = match uploaded {
            Ok(false) => return,
            Ok(true) => self.record(key, at, what).map_err(|err| err.to_string()),
            Err(why) => Err(why),
        };
        if let Err(why) = shared {
            self.stderr.line(&format!(
                "warning: a result could not be put in the shared store {}: {why}",
                self.url()
            ));
        }
    }

    /// Copies `key`'s result of `kind` down into `to` (a use of the key, noted: see `used`);
    /// `false` when the shared store has none, or none that is whole (see `HEAD`).
    pub(crate) fn copy_down(&self, key: &str, kind: &str, to: &Path) -> bool {
        let copied = !self.abandoned() && self.download_result(key, kind, to).is_some();
        if copied {
            self.used(key);
        }
        copied
    }

    /// `key`'s result of `kind` down into `to`, with its head line and when it was shared; `None`
    /// when it is not there, not whole (its bytes are not those its head line names), or has no
    /// head line: `to` may then hold anything, and is not to be used.
    fn download_result(&self, key: &str, kind: &str, to: &Path) -> Option<(ResultHead, i64)> {
        let got = self
            .remote
            .download(&format!("keys/{key}/results/{kind}"), to, HEAD)
            .ok()??;
        let head = got
            .head
            .as_deref()
            .and_then(|line| line.strip_prefix(HEAD))
            .and_then(|json| serde_json::from_slice::<ResultHead>(json).ok())
            .filter(|head| {
                head.key == key
                    && size_and_hash(to).is_ok_and(|(bytes, hash)| bytes == head.bytes && hash == head.blake3)
            });
        if head.is_none() && lock(&self.broken).insert(key.to_string()) {
            self.stderr.line(&format!(
                "warning: the shared store {} holds a result that is not whole or not one of ours \
                 (keys/{key}/results/{kind}): not used, the result is fetched from its job and put there",
                self.url()
            ));
        }
        Some((head?, got.modified_ms))
    }

    /// `key`'s result of `kind` taken down into `to` in one request, without listing the key: its
    /// job and failed pages are in its head line. `None` (the key is then read as usual): it was
    /// read already in this run (what was read is the truth for the run), its result is not
    /// there or has no head line, the store did not answer.
    pub(crate) fn take_result(&self, key: &str, kind: &str, to: &Path) -> Option<(String, Vec<FailedPage>)> {
        if self.abandoned() || lock(&self.seen).contains_key(key) {
            return None;
        }
        let (head, shared_at) = self.download_result(key, kind, to)?;
        // Too many failed pages for the line: the key's events are read for them.
        if head.more {
            return None;
        }
        let job_id = head.job_id;
        let mut entry = Entry::default();
        for what in [
            What::Created {
                job_id: job_id.clone(),
            },
            What::Ended {
                job_id: job_id.clone(),
                status: "COMPLETED".into(),
            },
            What::Result {
                job_id: job_id.clone(),
                kind: kind.to_string(),
                failed_pages: head.failed_pages.clone(),
            },
        ] {
            entry.apply(shared_at, &what);
        }
        lock(&self.seen).insert(key.to_string(), Some(entry));
        // Its last use known here is when the result was shared: noted again if a day old.
        self.used(key);
        Some((job_id, head.failed_pages))
    }

    /// Notes a use of `key` (its result copied down) when its last use is more than a day old;
    /// a failure is no harm (the use is noted by a later one).
    pub(super) fn used(&self, key: &str) {
        let last = lock(&self.seen)
            .get(key)
            .and_then(|entry| entry.as_ref().map(|entry| entry.last_at))
            .unwrap_or(0);
        let now = now_ms();
        if now - last > USE_NOTED_EVERY_MS
            && self.remote.put(&used_path(key), Vec::new()).is_ok()
            && let Some(Some(entry)) = lock(&self.seen).get_mut(key)
        {
            entry.last_at = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::entry::FailedPage;

    #[test]
    fn an_event_whose_fields_fit_a_name_is_read_from_it_else_from_its_body() {
        let events = [
            What::Intent { token: "0a1b".into() },
            What::Created {
                job_id: "pjb-1".into(),
            },
            What::Ended {
                job_id: "pjb-1".into(),
                status: "COMPLETED".into(),
            },
            What::Result {
                job_id: "pjb-1".into(),
                kind: "md".into(),
                failed_pages: Vec::new(),
            },
            What::Gone {
                job_id: "pjb-1".into(),
            },
            What::Refused { token: "0a1b".into() },
            What::Window {
                pages: "101-200".into(),
            },
            What::TooLong {
                cap: 700,
                pages: Some(900),
            },
            What::TooLong {
                cap: 700,
                pages: None,
            },
        ];
        for what in events {
            let name = format!("keys/k/events/0000000000042-0000000007-ff{}.json", named(&what));
            let (at, read) = of_name(&name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(at, 42);
            assert_eq!(format!("{read:?}"), format!("{what:?}"));
        }
        let failed = What::Result {
            job_id: "pjb-1".into(),
            kind: "md".into(),
            failed_pages: vec![FailedPage {
                page_number: "3".into(),
                error: "no text".into(),
            }],
        };
        let odd = What::Created {
            job_id: "a/b~c".into(),
        };
        for what in [failed, odd] {
            assert_eq!(named(&what), "");
        }
        // An older release's name says nothing but its time.
        assert!(of_name("keys/k/events/0000000000042-ff.json").is_none());
    }
}
