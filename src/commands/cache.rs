//! `cache path|list|prune|clear`: the result store (see `store`), or with `--store` the store shared by
//! machines (`store::shared`), through the one output path.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::PathBuf;

use comfy_table::Cell;
use serde_json::json;

use crate::act;
use crate::cli::{CacheCommand, GlobalArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::look::Look;
use crate::output::printer::Record;
use crate::output::style::Shape;
use crate::output::table::{missing_cell, new_table, status_cell, time_cell, write_table};
use crate::parse::once;
use crate::settings::Settings;
use crate::store::shared::SharedStore;
use crate::store::{Entry, Store};
use crate::text::{count, neutralize, tsv_field};
use crate::time::human_duration;

pub fn run(global: &GlobalArgs, command: &CacheCommand, ctx: &mut Context) -> Result<(), Error> {
    let (CacheCommand::Path { shared }
    | CacheCommand::List { shared }
    | CacheCommand::Prune { shared, .. }
    | CacheCommand::Clear { shared, .. }) = command;
    if let Some(flag) = &shared.store {
        return run_shared(global, command, flag.as_deref(), ctx);
    }
    let record = Shape::Record { raw: false };
    match command {
        CacheCommand::Path { .. } => {
            let output = Output::choose(global, ctx, record, "cache path", &[])?;
            let dir = cache_dir(global, ctx)?;
            output.print(ctx, &StorePath(dir))
        }
        CacheCommand::List { .. } => {
            let output = Output::choose(global, ctx, record, "cache list", &[])?;
            let store = open(global, ctx)?;
            let mut rows: Vec<Row> = store
                .entries()
                .map(|(key, entry)| Row::of(key, entry, |kind| store.result(key, kind).is_some()))
                .collect();
            rows.sort_by(|a, b| b.last_used.cmp(&a.last_used).then(a.key.cmp(&b.key)));
            if rows.is_empty() {
                ctx.io
                    .stderr
                    .line(&format!("The result store {} is empty.", store.dir().display()));
            }
            output.print(ctx, &Rows(rows))
        }
        CacheCommand::Prune { older_than, .. } => {
            Output::refuse(global, "cache prune")?;
            let mut store = open_alone(global, ctx)?;
            let cutoff = cutoff(ctx, *older_than);
            let running = store
                .entries()
                .filter(|(_, entry)| entry.last_at < cutoff && entry.unended())
                .count();
            let removed = store.prune(cutoff)?;
            ctx.io.stderr.line(&format!(
                "Removed {} not used in {} from {}{}",
                count(removed as u64, "result"),
                human_duration(*older_than),
                store.dir().display(),
                kept_running(running)
            ));
            Ok(())
        }
        CacheCommand::Clear { yes, .. } => {
            Output::refuse(global, "cache clear")?;
            let mut store = open_alone(global, ctx)?;
            let question = format!(
                "Forget the {} in {} (the documents are then parsed, and paid for, again)",
                count(store.entries().count() as u64, "result"),
                store.dir().display()
            );
            act::confirm(ctx, *yes, &question)?;
            let removed = store.clear()?;
            ctx.io.stderr.line(&format!(
                "Removed {} from {}",
                count(removed as u64, "result"),
                store.dir().display()
            ));
            Ok(())
        }
    }
}

/// The time before which a result is older than `older_than` (ms since the epoch).
fn cutoff(ctx: &Context, older_than: std::time::Duration) -> i64 {
    let cutoff = ctx
        .clock
        .now()
        .checked_sub(older_than)
        .unwrap_or(std::time::UNIX_EPOCH);
    cutoff
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// What a prune says of the jobs it kept because they have not ended.
fn kept_running(running: usize) -> String {
    match running {
        0 => String::new(),
        1 => "; kept 1 job not ended (the next run waits for it instead of paying again)".to_string(),
        n => format!(
            "; kept {} not ended (the next run waits for them instead of paying again)",
            count(n as u64, "job")
        ),
    }
}

fn cache_dir(global: &GlobalArgs, ctx: &Context) -> Result<PathBuf, Error> {
    let settings = Settings::load(global, None, ctx.env.as_ref(), &ctx.io.stderr)?;
    settings.cache_dir.map(|dir| dir.value).ok_or_else(|| {
        Error::usage(format!(
            "no directory for the result store: set {} or HOME",
            crate::settings::ENV_CACHE_DIR
        ))
    })
}

fn open(global: &GlobalArgs, ctx: &Context) -> Result<Store, Error> {
    once::open_store_at(&cache_dir(global, ctx)?, &ctx.io.stderr)
}

/// The store for this command alone: runs using it are waited for.
fn open_alone(global: &GlobalArgs, ctx: &Context) -> Result<Store, Error> {
    let dir = cache_dir(global, ctx)?;
    Ok(Store::open_alone(&dir, || {
        ctx.io.stderr.line(&format!(
            "Blocking waiting for file lock on the result store {} (llamacloud runs are using it)",
            dir.display()
        ));
    })?)
}

struct StorePath(PathBuf);

impl Record for StorePath {
    fn json(&self) -> Cow<'_, str> {
        Cow::Owned(json!({ "path": self.0 }).to_string())
    }

    fn human(&self, out: &mut dyn Write, _look: &Look) -> io::Result<()> {
        writeln!(out, "{}", neutralize(&self.0.display().to_string()))
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", tsv_field(&self.0.display().to_string()))
    }
}

/// One result key in the store.
struct Row {
    key: String,
    job_id: Option<String>,
    status: Option<String>,
    /// The result files still there (`md`, `txt`, `json`).
    results: Vec<String>,
    /// The pages of the long document's window it is the result of (none for a whole document).
    pages: Option<String>,
    /// Milliseconds since the epoch.
    last_used: i64,
}

impl Row {
    /// `key`'s row from its entry; `has`: whether a result file of a kind is there.
    fn of(key: &str, entry: &Entry, has: impl Fn(&str) -> bool) -> Row {
        Row {
            key: key.to_string(),
            job_id: entry.job_id.clone(),
            // A job the store has not seen end is running as far as it knows.
            status: entry
                .status
                .clone()
                .or_else(|| entry.job_id.as_ref().map(|_| "RUNNING".to_string())),
            results: entry
                .results
                .names()
                .filter(|kind| has(kind))
                .map(str::to_string)
                .collect(),
            last_used: entry.last_at,
            pages: entry.window.as_deref().map(str::to_string),
        }
    }
}

struct Rows(Vec<Row>);

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map_or_else(|_| ms.to_string(), |t| t.to_string())
}

impl Record for Rows {
    fn json(&self) -> Cow<'_, str> {
        let items: Vec<serde_json::Value> = self
            .0
            .iter()
            .map(|row| {
                json!({
                    "key": row.key,
                    "job_id": row.job_id,
                    "status": row.status,
                    "results": row.results,
                    "last_used": rfc3339(row.last_used),
                    "pages": row.pages,
                })
            })
            .collect();
        Cow::Owned(json!({ "items": items }).to_string())
    }

    fn human(&self, out: &mut dyn Write, look: &Look) -> io::Result<()> {
        let mut table = new_table(*look);
        // Ids are never cut: a narrow terminal gets long lines.
        table.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
        // The pages of a window, when the store holds windows of long documents.
        let windows = self.0.iter().any(|row| row.pages.is_some());
        let mut header = vec!["KEY", "JOB", "STATUS", "RESULTS", "LAST USED"];
        if windows {
            header.push("PAGES");
        }
        table.set_header(header);
        for row in &self.0 {
            let pages = row
                .pages
                .as_deref()
                .map_or_else(|| missing_cell(*look), |p| Cell::new(neutralize(p)));
            let mut cells = vec![
                Cell::new(&row.key[..row.key.len().min(8)]),
                row.job_id
                    .as_deref()
                    .map_or_else(|| missing_cell(*look), |id| Cell::new(neutralize(id))),
                row.status
                    .as_deref()
                    .map_or_else(|| missing_cell(*look), |s| status_cell(*look, s)),
                Cell::new(row.results.join(",")),
                time_cell(*look, &rfc3339(row.last_used)),
            ];
            if windows {
                cells.push(pages);
            }
            table.add_row(cells);
        }
        write_table(&mut table, out)
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        let windows = self.0.iter().any(|row| row.pages.is_some());
        for row in &self.0 {
            write!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                row.key,
                row.job_id.as_deref().map(tsv_field).unwrap_or_default(),
                row.status.as_deref().map(tsv_field).unwrap_or_default(),
                row.results.join(","),
                rfc3339(row.last_used)
            )?;
            // A window's pages, as a sixth field when the store holds windows (empty for a whole
            // document); five fields otherwise, as before windows.
            match (&row.pages, windows) {
                (Some(pages), _) => writeln!(out, "\t{}", tsv_field(pages))?,
                (None, true) => writeln!(out, "\t")?,
                (None, false) => writeln!(out)?,
            }
        }
        Ok(())
    }
}

// `cache path|list|prune|clear --store [URL]`: the same commands on the store shared by machines
// (`store::shared`), asked for by `--store` only: its URL, else `LLAMACLOUD_STORE`, else the
// profile's `store`. Nothing is claimed; a key a machine is deciding about (a live claim) is never
// forgotten.

/// `command` on the shared store `flag` names (`None`: the one set).
fn run_shared(
    global: &GlobalArgs,
    command: &CacheCommand,
    flag: Option<&str>,
    ctx: &mut Context,
) -> Result<(), Error> {
    let record = Shape::Record { raw: false };
    let settings = Settings::load(global, None, ctx.env.as_ref(), &ctx.io.stderr)?;
    let url = settings.store(flag)?.map(|url| url.value).ok_or_else(|| {
        Error::usage(
            "--store without a URL names the shared store set by LLAMACLOUD_STORE or the profile's \
             store, and none is set: pass --store URL",
        )
    })?;
    let open = |ctx: &Context| SharedStore::open_to_look(&url, ctx.env.as_ref(), None, ctx.io.stderr.clone());
    let shown = neutralize(&url);
    match command {
        CacheCommand::Path { .. } => {
            let output = Output::choose(global, ctx, record, "cache path", &[])?;
            output.print(ctx, &StoreUrl(url.clone()))
        }
        CacheCommand::List { .. } => {
            let output = Output::choose(global, ctx, record, "cache list", &[])?;
            let store = open(ctx)?;
            let mut rows = Vec::new();
            for key in store.keys()? {
                if let Some(entry) = store.fold(&key)? {
                    let kinds: Vec<&str> = key.result_kinds().collect();
                    rows.push(Row::of(&key.key, &entry, |kind| kinds.contains(&kind)));
                }
            }
            rows.sort_by(|a, b| b.last_used.cmp(&a.last_used).then(a.key.cmp(&b.key)));
            if rows.is_empty() {
                ctx.io.stderr.line(&format!("The shared store {shown} is empty."));
            }
            output.print(ctx, &Rows(rows))
        }
        CacheCommand::Prune { older_than, .. } => {
            Output::refuse(global, "cache prune")?;
            let store = open(ctx)?;
            let forgotten = store.prune(cutoff(ctx, *older_than))?;
            ctx.io.stderr.line(&format!(
                "Removed {} not used in {} from {shown}{}{}",
                count(forgotten.removed as u64, "result"),
                human_duration(*older_than),
                kept_running(forgotten.unended),
                kept_claimed(forgotten.claimed)
            ));
            Ok(())
        }
        CacheCommand::Clear { yes, .. } => {
            Output::refuse(global, "cache clear")?;
            let store = open(ctx)?;
            let keys = store.keys()?;
            let question = format!(
                "Forget the {} in the shared store {shown} (every machine then parses, and pays for, \
                 the documents again)",
                count(keys.len() as u64, "result")
            );
            act::confirm(ctx, *yes, &question)?;
            let forgotten = store.clear(&keys)?;
            ctx.io.stderr.line(&format!(
                "Removed {} from {shown}{}{}",
                count(forgotten.removed as u64, "result"),
                kept_running(forgotten.unended),
                kept_claimed(forgotten.claimed)
            ));
            Ok(())
        }
    }
}

/// What a prune or a clear says of the keys it kept because a machine is deciding about them.
fn kept_claimed(claimed: usize) -> String {
    match claimed {
        0 => String::new(),
        n => format!(
            "; kept {} a machine is working on now (its claim is live)",
            count(n as u64, "result")
        ),
    }
}

/// `cache path --store`: the shared store's URL.
struct StoreUrl(String);

impl Record for StoreUrl {
    fn json(&self) -> Cow<'_, str> {
        Cow::Owned(json!({ "url": self.0 }).to_string())
    }

    fn human(&self, out: &mut dyn Write, _look: &Look) -> io::Result<()> {
        writeln!(out, "{}", neutralize(&self.0))
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", tsv_field(&self.0))
    }
}
