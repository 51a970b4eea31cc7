//! `--dry-run`: what a run would do, and nothing sent. The documents are found, checked and
//! keyed exactly as a real run does (the same walk, the same refusals, the result store and the
//! output directory's manifest consulted, read only), and each gets a line: `parse` (it would
//! be paid for), `done` (its result is in the output directory), `cached` (the result store has
//! its result or its job) or `skip` with why, with its size and, for a PDF, the pages that would
//! be parsed (counted here, within `page_ranges`); `cached (shared)` (`"shared": true` in jsonl)
//! when only the store shared by machines knows its result or job (read, never written: no
//! claim, no event, nothing copied down); then a total, and the estimate in credits of
//! the documents to parse (`spend::estimate`: per tier and in all, the documents of unknown page
//! count at `--assume-pages`, and whether it fits the budget, `--max-credits` or the profile's).
//! `--format jsonl` gives `{"source","action","bytes","pages","reason"}` objects, then one
//! `{"estimate": {…}}` line.
//!
//! A PDF the real run would parse in page windows (longer than `--window-pages`, and neither
//! its whole result nor its job known) shows its windows, each `parse` (it would be paid for),
//! `cached` (the store or OUT has its result or its completed job) or `running` (its job is
//! waited for), decided by each window's own key as the real run decides it; the total counts
//! the pages of the windows to parse only. The jsonl object gains `windows`, `[{"pages","status"}]`.
//! A local file whose pages cannot be counted here is parsed whole: its line says so (`note`).

use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::cli::{Format, GlobalArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::destination::Destination;
use crate::output::job::human_size;
use crate::parse::bulk::manifest::{MANIFEST, Manifest};
use crate::parse::bulk::run::upgrade;
use crate::parse::bulk::shard::Shard;
use crate::parse::bulk::sources::{self, Document, Sources};
use crate::parse::kind::Kind;
use crate::parse::once::{self, Known};
use crate::parse::pdf::{self, Pdf};
use crate::parse::plan::{self as create, Plan, Source};
use crate::parse::request::Request;
use crate::session::Session;
use crate::store::shared::SharedStore;
use crate::text::neutralize;

mod saves;
mod sum;
mod windows;

use crate::parse::spend::estimate::Estimate;
use crate::parse::spend::pages::parsed_pages;
use crate::settings::max_credits_setting;

use sum::Sum;
use windows::PlannedWindow;

/// One document's line.
#[derive(Serialize)]
struct Planned {
    source: String,
    action: &'static str,
    bytes: Option<u64>,
    pages: Option<u64>,
    reason: Option<String>,
    /// A document parsed in page windows: each window's pages and what would become of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    windows: Option<Vec<PlannedWindow>>,
    /// What else there is to know of how it would be parsed.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// What would be saved beside it (`--save`, `--page-markers`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    saves: Vec<String>,
    /// `cached` by what only the shared store knows (another machine's result or job).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    shared: bool,
}

impl Planned {
    /// The pages it would be paid for, when known here: those of its windows to parse, else
    /// those counted.
    fn paid_pages(&self) -> Option<u64> {
        let paid = self.windows.as_deref().map(windows::to_pay);
        paid.or(self.pages)
    }
}

/// What the real run would do with a document: the line's action, why, and its windows.
struct Action {
    action: &'static str,
    reason: Option<String>,
    windows: Option<Vec<PlannedWindow>>,
    shared: bool,
}

impl Action {
    fn new(action: &'static str, reason: Option<String>) -> Self {
        Action {
            action,
            reason,
            windows: None,
            shared: false,
        }
    }
}

/// One document (`single`): what the real run refuses is a usage error here too.
pub(super) fn dry_run(global: &GlobalArgs, asked: Request, ctx: &mut Context) -> Result<(), Error> {
    let Request {
        sources: arguments,
        job,
        scope,
        store: flags,
        bulk,
        single,
        window_pages,
        saving,
        spend,
        ..
    } = asked;
    if global.jq().is_some() || global.output.is_some() {
        // Never written over a file: a dry run's report is not a result.
        return Err(Error::usage(
            "--dry-run prints what would happen on stdout; -o and --jq do not apply",
        ));
    }
    if !single {
        crate::parse::bulk::report::check_format(global)?;
    }
    if single && let Some((source, _)) = arguments.first() {
        // The same exit as the real run: it refuses these before anything else (exit 2).
        create::check_source(source)?;
        create::check_before_paying(source)?;
    }
    let jsonl = matches!(global.format, Some(Format::Jsonl));
    let mut plan = Plan::resolve(global, job, scope, global.format, ctx)?;
    let budget = plan.max_credits(spend.max_credits)?;
    let unsaved = plan.configuration.clone();
    plan.save(&saving)?;
    let kind = sources::kind_of_run(global, &plan).full_if(saving.full());
    let Plan {
        session,
        configuration,
    } = plan;
    // Read only: a store or a manifest that is not there yet is not made.
    let store = match &session.settings.cache_dir {
        Some(dir) if !flags.no_cache && dir.value.is_dir() => {
            Some(once::open_store(&session, &ctx.io.stderr)?)
        }
        _ => None,
    };
    let dir = bulk.output_dir.as_deref();
    if let Some(dir) = dir
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(Error::usage(format!(
            "--output-dir {}: not a directory",
            neutralize(&dir.display().to_string())
        )));
    }
    let manifest = match dir {
        Some(dir) if dir.join(MANIFEST).is_file() => Some(Arc::new(Manifest::open(dir)?)),
        _ => None,
    };
    let sources = Sources::new(
        bulk,
        arguments,
        dir.unwrap_or(Path::new(".")),
        kind,
        std::collections::HashSet::new(),
        ctx,
    )?;
    let total = sources.count(&ctx.io.stderr)?;
    let journal = manifest.clone().map(|m| m as Arc<dyn crate::store::Journal>);
    // The shared store is read, never written (no probe, claim or event), nothing copied down.
    let remote = match session.settings.store(flags.store.as_deref())? {
        Some(url) if !flags.no_cache => Some(SharedStore::open_to_look(
            &url.value,
            ctx.env.as_ref(),
            Some(flags.store_unreachable),
            ctx.io.stderr.clone(),
        )?),
        _ => None,
    };
    let shared =
        once::Shared::new(store, journal, Arc::clone(&ctx.clock), ctx.io.stderr.clone()).looking_at(remote);
    let look = Look {
        session: &session,
        shared: &shared,
        configuration: &configuration,
        kind,
        force: flags.force,
        shard: bulk.shard.map(Shard::new),
        manifest: manifest.as_deref(),
        dir,
        window_pages,
        planned: Default::default(),
        saves: saves::Saves::new(&saving, unsaved, &configuration),
    };
    let mut sink = Destination::new(None, ctx.io.terminals.stdout).open(&ctx.io.stdout)?;
    let mut sum = Sum::default();
    let mut estimate = Estimate::new(spend.assume_pages);
    let tier = configuration.get("tier").and_then(serde_json::Value::as_str);
    for document in sources.pass(None) {
        let planned = look.plan(&document?);
        sum.add(
            planned.action,
            planned.bytes,
            planned.paid_pages(),
            planned.shared,
        );
        if planned.action == "parse" {
            estimate.add(tier, planned.paid_pages(), configuration.get("page_ranges"));
        }
        let line = if jsonl {
            serde_json::to_string(&planned).map_err(|e| Error::failure(e.to_string()))?
        } else {
            human(&planned)
        };
        sink.write_all(format!("{line}\n").as_bytes())?;
    }
    let said = sum.total(total.max(sum.documents));
    // The estimate closes the report: as a last JSON line, or as lines after the total.
    let closing = if jsonl {
        ctx.io.stderr.line(&said);
        let value = estimate.json(budget.as_ref().map(|b| b.value));
        vec![serde_json::json!({ "estimate": value }).to_string()]
    } else {
        let set_by = budget.as_ref().map(|b| max_credits_setting(&b.source));
        let budget = budget
            .as_ref()
            .zip(set_by.as_deref())
            .map(|(b, by)| (b.value, by));
        std::iter::once(said).chain(estimate.lines(budget)).collect()
    };
    for line in closing {
        sink.write_all(format!("{line}\n").as_bytes())?;
    }
    sink.commit()
}

/// What a document's line is decided from.
struct Look<'a> {
    session: &'a Session,
    shared: &'a once::Shared,
    configuration: &'a serde_json::Map<String, serde_json::Value>,
    kind: Kind,
    force: bool,
    shard: Option<Shard>,
    manifest: Option<&'a Manifest>,
    dir: Option<&'a Path>,
    /// `--window-pages` (0: no windows).
    window_pages: u64,
    /// The result keys of the documents planned so far: a second with the same bytes shares
    /// the first one's job.
    planned: std::cell::RefCell<std::collections::HashMap<String, String>>,
    saves: saves::Saves<'a>,
}

impl Look<'_> {
    fn plan(&self, document: &Document) -> Planned {
        let source = &document.source;
        let (bytes, pdf) = match source {
            // Only a regular file is opened (a FIFO would wait for a writer).
            Source::File(path) => match std::fs::metadata(path) {
                Ok(metadata) if metadata.is_file() => (Some(metadata.len()), pdf::inspect(path)),
                Ok(_) | Err(_) => (None, Pdf::Unknown),
            },
            Source::Url(_) | Source::FileId(_) => (None, Pdf::Unknown),
        };
        let mut planned = Planned {
            source: document.name().into_owned(),
            action: "skip",
            bytes,
            pages: match pdf {
                Pdf::Pages(pages) => Some(parsed_pages(pages, self.configuration.get("page_ranges"))),
                Pdf::Locked | Pdf::Unknown => None,
            },
            reason: None,
            windows: None,
            note: None,
            saves: self.saves.names(),
            shared: false,
        };
        let Action {
            action,
            reason,
            windows,
            shared,
        } = self.action(document, pdf);
        // Windows are for what can be counted here: any other local file is sent whole (and
        // in windows only if the API refuses it as too long).
        let whole = matches!(source, Source::File(_)) && planned.pages.is_none();
        if action == "parse" && whole && self.window_pages > 0 && self.kind != Kind::Job {
            planned.note = Some("parsed whole: its page count is not known here".into());
        }
        if action == "parse" && planned.note.is_none() {
            planned.note = self.saves.new_job(self.session, self.shared, document);
        }
        planned.action = action;
        planned.reason = reason;
        planned.windows = windows;
        planned.shared = shared;
        planned
    }

    /// What the real run would do with the document, and why when it would not parse it.
    fn action(&self, document: &Document, pdf: Pdf) -> Action {
        let skip = |why: String| Action::new("skip", Some(why));
        // Only a result written to a file has a name that can be too long.
        if (self.dir.is_some() || document.unreadable.is_some())
            && let Some(why) = document.refusal()
        {
            return skip(why);
        }
        if let Err(err) = sources::check(&document.source) {
            return skip(err.to_string());
        }
        let keys = match self.shared.key_through_stat_cache(
            self.session,
            &document.source,
            self.configuration,
            false,
        ) {
            Ok(keys) => keys,
            Err(err) => return skip(err.to_string()),
        };
        let (key, legacy) = (keys.key.clone(), keys.legacy.as_ref());
        if let Some(shard) = &self.shard
            && !shard.holds(&key)
        {
            return skip(format!("another shard's (this is {shard})"));
        }
        if let Some(dir) = self.dir {
            let ours = self.manifest.and_then(|m| m.ours(&document.relative));
            match ours {
                Some(written)
                    if !self.force
                        && written.done_for(&key, legacy)
                        && self
                            .manifest
                            .is_some_and(|m| m.complete(written, &self.saves.saving.label())) =>
                {
                    return Action::new("done", None);
                }
                Some(_) => {}
                None if dir.join(&document.relative).symlink_metadata().is_ok() => {
                    return skip(format!(
                        "{} exists and was not written by llamacloud",
                        neutralize(&document.output().display().to_string())
                    ));
                }
                None => {}
            }
        }
        // The key the store knows it by: a result an earlier release keyed otherwise counts.
        let stored = match upgrade(self.shared.store.as_ref(), &keys, false) {
            Ok(stored) => stored,
            Err(err) => return skip(err.to_string()),
        };
        // What the real run knows of the whole document's result (all of it, or with --force
        // only a job in flight).
        let whole = if self.force {
            self.shared.in_flight(&stored, self.kind)
        } else {
            self.shared.usable(&stored, self.kind, &document.source)
        };
        let cached = |known: &Known| {
            matches!(
                known,
                Known::Stored { .. } | Known::Completed(_) | Known::Running(_)
            )
        };
        if !self.force && cached(&whole) {
            // What only the shared store knows: another machine's result or job.
            let shared = self.shared.remote.is_some() && !cached(&self.shared.known_here(&stored, self.kind));
            return Action {
                shared,
                ..Action::new("cached", None)
            };
        }
        if pdf == Pdf::Locked {
            return skip("the PDF is locked by a password, which the API cannot open".into());
        }
        let mut planned = self.planned.borrow_mut();
        if let Some(first) = planned.get(&key) {
            return Action::new(
                "cached",
                Some(format!(
                    "the same bytes as {}: one job for both",
                    neutralize(first)
                )),
            );
        }
        // In windows, as the real run decides it: never when the whole document's result or
        // job is known (what was paid for is used).
        let windows = match whole {
            Known::Nothing | Known::Ended(_) => match self.windows().of(document, &stored) {
                Ok(windows) => windows,
                Err(err) => return skip(err.to_string()),
            },
            _ => None,
        };
        let paid = windows.as_ref().is_none_or(|windows| windows::any_paid(windows));
        if !paid {
            return Action {
                windows,
                ..Action::new("cached", None)
            };
        }
        planned.insert(key, document.name().into_owned());
        Action {
            windows,
            ..Action::new("parse", None)
        }
    }

    /// What the document's windows are found and looked up with.
    fn windows(&self) -> windows::Windows<'_> {
        windows::Windows {
            session: self.session,
            shared: self.shared,
            configuration: self.configuration,
            kind: self.kind,
            window_pages: self.window_pages,
            force: self.force,
        }
    }
}

fn human(planned: &Planned) -> String {
    let bytes = planned.bytes.map_or_else(|| "-".to_string(), human_size);
    let pages = planned.pages.map_or_else(
        || "-".to_string(),
        |p| format!("{p} page{}", if p == 1 { "" } else { "s" }),
    );
    let reason = planned
        .reason
        .iter()
        .chain(&planned.note)
        .map(|why| format!(": {}", neutralize(why)))
        .collect::<String>();
    let windows = planned.windows.as_deref().map(windows::said).unwrap_or_default();
    let saves = match planned.saves.as_slice() {
        [] => String::new(),
        names => format!(" (saves {})", names.join(", ")),
    };
    let action = if planned.shared {
        "cached (shared)"
    } else {
        planned.action
    };
    format!(
        "{action:<6} {bytes:>10} {pages:>10}  {}{saves}{reason}{windows}",
        neutralize(&planned.source)
    )
}
