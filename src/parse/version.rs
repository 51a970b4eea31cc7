//! The dated parser version a run's jobs run with: the configuration's own, or the one the API
//! says `latest` stands for on the tier, asked once when the run begins (`GET
//! /api/v2/parse/versions`), so that what a run made says how to make it again. The result key
//! keeps `latest`: a new dated version does not by itself parse a corpus again.

use serde_json::{Map, Value};

use crate::api::parse_jobs;
use crate::context::Stderr;
use crate::session::Session;
use crate::text::neutralize;

/// The dated version the jobs made with `configuration` run with; `None` when it cannot be known
/// (no tier, a configuration id, the API not saying), which is said once.
pub(crate) fn dated(
    session: &Session,
    configuration: &Map<String, Value>,
    stderr: &Stderr,
) -> Option<String> {
    let version = configuration.get("version").and_then(Value::as_str)?;
    if version != "latest" {
        return Some(version.to_string());
    }
    let tier = configuration.get("tier").and_then(Value::as_str)?;
    let unknown = |why: String| {
        stderr.line(&format!(
            "note: the version `latest` stands for on the {} tier is not known ({why}): it is not recorded",
            neutralize(tier)
        ));
        None
    };
    match parse_jobs::versions(&session.client, &session.scope) {
        Ok(versions) => match versions
            .tiers()
            .iter()
            .find(|t| t.tier == tier)
            .and_then(|t| t.latest.clone())
        {
            Some(dated) => Some(dated),
            None => unknown("the API's list of versions does not say".into()),
        },
        Err(err) => unknown(crate::error::Error::from(err).to_string()),
    }
}
