//! `cache path|list|prune|clear --store [URL]`: the same commands on the store shared by machines
//! (`store::shared`), asked for by `--store` only: its URL, else `LLAMACLOUD_STORE`, else the
//! profile's `store`. Nothing is claimed; a key a machine is deciding about (a live claim) is
//! never forgotten.

use std::borrow::Cow;
use std::io::{self, Write};

use serde_json::json;

use super::{Row, Rows, cutoff, kept_running};
use crate::act;
use crate::cli::{CacheCommand, GlobalArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::look::Look;
use crate::output::printer::Record;
use crate::output::style::Shape;
use crate::settings::Settings;
use crate::store::shared::SharedStore;
use crate::text::{count, neutralize, tsv_field};
use crate::time::human_duration;

/// `command` on the shared store `flag` names (`None`: the one set).
pub(super) fn run(
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
                "Removed {} from {shown}{}",
                count(forgotten.removed as u64, "result"),
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
