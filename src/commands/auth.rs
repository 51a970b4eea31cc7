//! `auth status`: which settings are in use, where each came from, and whether the key works.

use std::io::{self, Write as _};
use std::time::Instant;

use serde_json::json;

use crate::api::client::Client;
use crate::api::endpoints::PARSE_JOBS;
use crate::api::error::ApiError;
use crate::api::query::Query;
use crate::cli::{Format, GlobalArgs, api_value};
use crate::commands::push_scope;
use crate::output::sanitize::neutralize;
use crate::settings::Settings;

pub fn status(global: &GlobalArgs) -> anyhow::Result<()> {
    let settings = Settings::load(global, None)?;
    let key = settings.api_key.as_ref();
    let region = settings
        .region()
        .map_or_else(|| "custom".to_string(), |r| api_value(&r));
    let profile = settings.profile.as_ref();
    let rows = [
        (
            "base URL",
            format!(
                "{} (from {})",
                settings.base_url.value.as_str().trim_end_matches('/'),
                settings.base_url.source
            ),
        ),
        ("region", region.clone()),
        (
            "profile",
            profile.map_or_else(
                || "none".to_string(),
                |p| format!("{} (from {})", neutralize(&p.name), p.chosen_by),
            ),
        ),
        (
            "API key",
            key.map_or_else(
                || "not set".to_string(),
                |k| format!("{} (from {})", k.value.masked(), k.source),
            ),
        ),
    ];
    let check = settings
        .require_api_key()
        .map_err(anyhow::Error::from)
        .and_then(|_| check_key(&settings));
    let check_line = match &check {
        Ok(ms) => format!("ok: the key can list parse jobs ({ms} ms)"),
        Err(err) => match err.downcast_ref::<ApiError>() {
            Some(api) if matches!(api.status.as_u16(), 401 | 403) => {
                format!("rejected: HTTP {}", api.status.as_u16())
            }
            _ => "failed".to_string(),
        },
    };
    let mut out = io::stdout().lock();
    if matches!(global.format(), Format::Json | Format::Jsonl) {
        let document = json!({
            "base_url": settings.base_url.value.as_str().trim_end_matches('/'),
            "base_url_source": settings.base_url.source.to_string(),
            "region": region,
            "profile": profile.map(|p| &p.name),
            "config_path": settings.config_path,
            "api_key": key.map(|k| k.value.masked()),
            "api_key_source": key.map(|k| k.source.to_string()),
            "check": {"ok": check.is_ok(), "result": check_line},
        });
        writeln!(out, "{document}")?;
    } else {
        for (label, value) in rows {
            writeln!(out, "{label:<9} {value}")?;
        }
        writeln!(out, "{:<9} {check_line}", "check")?;
    }
    out.flush()?;
    check.map(drop)
}

/// One request for a single parse job; returns how long it took.
fn check_key(settings: &Settings) -> anyhow::Result<u128> {
    let client = Client::new(settings)?;
    let mut query = Query::new();
    query.push("page_size", "1");
    push_scope(&mut query, settings);
    query.sort();
    let started = Instant::now();
    client.get(&client.url(PARSE_JOBS.segments, &query))?;
    Ok(started.elapsed().as_millis())
}
