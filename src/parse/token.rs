//! A create whose answer was lost is found by the token it carried in `user_metadata`: the
//! jobs created since its intent are looked through a few times over a bounded while, as a
//! listing can lag behind a create.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::api::paginate::Pager;
use crate::api::parse_jobs::{self, CreatedRange, JobFilter, Paging};
use crate::context::{Clock, Stderr};
use crate::error::Error;
use crate::session::Session;
use crate::store::{Intent, TOKEN_KEY};
use crate::text::neutralize;

/// How long after an unanswered create a listing is looked through for its job, at most, and
/// how often (listings can lag behind creates).
const LOOKS: [Duration; 4] = [
    Duration::ZERO,
    Duration::from_secs(2),
    Duration::from_secs(4),
    Duration::from_secs(8),
];
/// Clocks differ: jobs created this long before an intent are looked at too.
const CLOCK_SLACK: Duration = Duration::from_secs(600);
/// Listing pages looked through per look, at most.
const MAX_PAGES: usize = 50;

/// Looks through the jobs created since the earliest of `intents` for one carrying its token,
/// a few times over a bounded while (a listing can lag behind a create).
/// Returns the job and the token it carries.
pub(super) fn find(
    clock: &dyn Clock,
    stderr: &Stderr,
    session: &Session,
    intents: &[Intent],
) -> Result<Option<(String, String)>, Error> {
    let since = intents.iter().map(|i| i.at).min().unwrap_or_default();
    let since = SystemTime::UNIX_EPOCH + Duration::from_millis(u64::try_from(since).unwrap_or(0));
    let since = since.checked_sub(CLOCK_SLACK).unwrap_or(SystemTime::UNIX_EPOCH);
    let since = jiff::Timestamp::try_from(since).ok();
    let tokens: Vec<&str> = intents.iter().map(|i| i.token.as_str()).collect();
    for (look, wait) in LOOKS.iter().enumerate() {
        if look == 1 {
            stderr.line(
                "note: looking for the job of a create whose answer was lost (listings can lag behind creates)",
            );
        }
        clock.sleep(*wait);
        let filter = JobFilter {
            created: CreatedRange {
                on_or_after: since,
                on_or_before: None,
            },
            ..JobFilter::default()
        };
        let paging = Paging {
            page_size: Some(100),
            ..Paging::default()
        };
        let mut pager = Pager::new(
            Arc::clone(&session.client),
            parse_jobs::list(&session.scope, &filter, &paging),
        );
        for _ in 0..MAX_PAGES {
            let Some(page) = pager.next_page()? else { break };
            for item in page.items() {
                let Ok(job) = serde_json::from_str::<Value>(item) else {
                    continue;
                };
                let token = job
                    .pointer(&format!("/user_metadata/{TOKEN_KEY}"))
                    .and_then(Value::as_str);
                if let Some(token) = token.filter(|t| tokens.contains(t))
                    && let Some(id) = job.get("id").and_then(Value::as_str)
                {
                    stderr.line(&format!(
                        "note: found job {} of a create whose answer was lost",
                        neutralize(id)
                    ));
                    return Ok(Some((id.to_string(), token.to_string())));
                }
            }
        }
    }
    stderr.line(&format!(
        "note: no job carries the token of the unanswered create after {} s",
        LOOKS.iter().sum::<Duration>().as_secs()
    ));
    Ok(None)
}
