//! `auth status`: which settings are in use, where each came from, and whether the key works.

use std::borrow::Cow;
use std::io::{self, Write};
use std::time::Instant;

use serde_json::json;

use crate::api::parse_jobs;
use crate::cli::{GlobalArgs, api_value};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::look::Look;
use crate::output::printer::Record;
use crate::output::style::Shape;
use crate::settings::Settings;
use crate::text::{neutralize, tsv_field};

pub fn status(global: &GlobalArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::Record { raw: false }, "auth status", &[])?;
    let settings = Settings::load(global, None, ctx.env.as_ref(), &ctx.io.stderr)?;
    let key = settings.api_key.as_ref();
    let region = settings
        .region()
        .map_or_else(|| "custom".to_string(), |r| api_value(&r));
    let profile = settings.profile.as_ref();
    let base_url = settings.base_url.value.as_str().trim_end_matches('/').to_string();
    let check = check_key(&settings, ctx);
    let check_line = match &check {
        Ok(ms) => format!("ok: the key can list parse jobs ({ms} ms)"),
        Err(err) => match err.root() {
            Error::Api(api) => match api.status_error().map(|s| s.status.as_u16()) {
                Some(code @ (401 | 403)) => format!("rejected: HTTP {code}"),
                _ => "failed".to_string(),
            },
            _ => "failed".to_string(),
        },
    };
    let ca_bundle = ca_bundle(&settings, ctx);
    let proxy = settings.proxy.as_ref().map_or_else(
        || "none".to_string(),
        |p| format!("{} (from {})", neutralize(&p.without_password()), p.source),
    );
    let status = Status {
        rows: vec![
            (
                "base URL",
                format!("{base_url} (from {})", settings.base_url.source),
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
            ("check", check_line.clone()),
            ("CA bundle", ca_bundle.clone()),
            ("proxy", proxy.clone()),
        ],
        json: json!({
            "base_url": base_url,
            "base_url_source": settings.base_url.source.to_string(),
            "region": region,
            "profile": profile.map(|p| &p.name),
            "config_path": settings.config_path,
            "api_key": key.map(|k| k.value.masked()),
            "api_key_source": key.map(|k| k.source.to_string()),
            "check": {"ok": check.is_ok(), "result": check_line},
            "ca_bundle": ca_bundle,
            "proxy": settings.proxy.as_ref().map(|p| neutralize(&p.without_password()).into_owned()),
            "proxy_source": settings.proxy.as_ref().map(|p| p.source.clone()),
        })
        .to_string(),
    };
    output.print(ctx, &status)?;
    check.map(drop)
}

/// The settings in use, as label and value.
struct Status {
    rows: Vec<(&'static str, String)>,
    json: String,
}

impl Record for Status {
    fn json(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.json)
    }

    fn human(&self, out: &mut dyn Write, _look: &Look) -> io::Result<()> {
        for (label, value) in &self.rows {
            writeln!(out, "{label:<9} {value}")?;
        }
        Ok(())
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        for (label, value) in &self.rows {
            writeln!(out, "{label}\t{}", tsv_field(value))?;
        }
        Ok(())
    }
}

/// The certificate authorities trusted: the CA file given (beside the ones below it), then those
/// the environment names in place of the system's (said as unusable when they are), or the
/// system's.
fn ca_bundle(settings: &Settings, ctx: &Context) -> String {
    let shown = |path: &str| neutralize(path).into_owned();
    let env = ctx.env.as_ref();
    let named: Vec<String> = ["SSL_CERT_FILE", "SSL_CERT_DIR"]
        .into_iter()
        .filter_map(|name| {
            env.var(name)
                .map(|value| format!("{} (from {name})", shown(&value)))
        })
        .collect();
    let mut base = if named.is_empty() {
        "the system's".to_string()
    } else {
        named.join(", ")
    };
    let problems = crate::trust_env::trust_env_problems(env);
    if !problems.is_empty() {
        base = format!("{base}; unusable: {}", problems.join("; "));
    }
    match &settings.ca_file {
        Some(file) => format!(
            "{} (from {}), and {base}",
            shown(&file.value.display().to_string()),
            file.source
        ),
        None => base,
    }
}

/// One request for a single parse job; returns how long it took.
fn check_key(settings: &Settings, ctx: &Context) -> Result<u128, Error> {
    let client = settings.client(ctx.clock.clone(), ctx.env.as_ref(), &ctx.io.stderr)?;
    let started = Instant::now();
    parse_jobs::check_access(&client, &settings.scope())?;
    Ok(started.elapsed().as_millis())
}
