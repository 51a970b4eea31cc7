//! A document's result recorded by an earlier release, under the key it gave the document (no
//! declared type in it), taken over under the document's own key.

use std::io;

use crate::store::key;
use crate::store::log::Pending;
use crate::store::{Store, What, new_token};

impl Store {
    /// The key the store knows the document of `keys` by: its own, or — when its own has nothing —
    /// the legacy key an earlier release recorded its job or result under, provided every name the
    /// stat cache saw its bytes under declares its type (that release keyed no type, so
    /// `table.csv`'s result must not become `table.txt`'s). With `carry`, what the legacy key
    /// knows is recorded under the document's own key (on disk before this returns), which is
    /// then the one given; without, the store is left as it is (`--dry-run`).
    pub fn upgrade(&mut self, keys: &key::Keys, carry: bool) -> io::Result<String> {
        let Some(legacy) = &keys.legacy else {
            return Ok(keys.key.clone());
        };
        let recorded = self.entries.get(&legacy.key);
        let nothing = recorded.is_none_or(|e| e.job_id.is_none() && e.intents.is_empty());
        if nothing || self.entries.contains_key(&keys.key) {
            return Ok(keys.key.clone());
        }
        if let Some((hash, _)) = &legacy.file {
            let types = self.stat.types_of(hash);
            if types.is_empty() || !types.iter().all(|t| legacy.is_for(t)) {
                return Ok(keys.key.clone());
            }
        }
        if !carry {
            return Ok(legacy.key.clone());
        }
        self.carry_over(&legacy.key, &keys.key)?;
        Ok(keys.key.clone())
    }

    /// Records under `to` what `from` knows, as of when it happened: its job, how it ended, its
    /// result files (linked), its unanswered creates.
    fn carry_over(&mut self, from: &str, to: &str) -> io::Result<()> {
        let Some(entry) = self.entries.get(from).cloned() else {
            return Ok(());
        };
        let (at, mut events) = (entry.last_at, Vec::new());
        if let Some(job_id) = &entry.job_id {
            let created = What::Created {
                job_id: job_id.clone(),
            };
            events.push((at, created));
            if let Some(status) = &entry.status {
                let (job_id, status) = (job_id.clone(), status.clone());
                events.push((at, What::Ended { job_id, status }));
            }
            for kind in entry.results.names() {
                let Some(path) = self.result(from, kind) else {
                    continue;
                };
                let temp = self.dir.join("results").join(format!(".carried-{}", new_token()));
                std::fs::hard_link(&path, &temp).or_else(|_| {
                    std::fs::copy(&path, &temp)?;
                    std::fs::File::open(&temp)?.sync_all()
                })?;
                std::fs::rename(&temp, self.result_path(to, kind))?;
                let failed_pages = match entry.failed_in.contains(kind) {
                    true => entry.failed_pages.as_deref().unwrap_or_default().to_vec(),
                    false => Vec::new(),
                };
                let (job_id, kind) = (job_id.clone(), kind.to_string());
                events.push((
                    at,
                    What::Result {
                        job_id,
                        kind,
                        failed_pages,
                    },
                ));
            }
        }
        // After the job (a job recorded clears the intents before it), at their own time: their
        // job is looked for among the jobs created since.
        for intent in &entry.intents {
            events.push((
                intent.at,
                What::Intent {
                    token: intent.token.clone(),
                },
            ));
        }
        let mut last = None;
        for (at, what) in events {
            last = Some(self.write(to, at, what)?);
        }
        last.map_or(Ok(()), Pending::wait)
    }
}
