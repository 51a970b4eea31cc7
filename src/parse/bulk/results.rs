//! The result fetchers of a bulk run: a small pool that takes the jobs that ended, fetches each
//! completed job's result into the store (a GET: a failed, truncated or stalled fetch is tried
//! again), and writes it to every document waiting for it — copied atomically to its path,
//! hashed on the way, and recorded in the manifest.

use std::sync::mpsc::Sender;

use serde_json::{Map, Value};

use crate::api::models::Job;
use crate::error::Error;
use crate::parse::bulk::escalation;
use crate::parse::bulk::health::{busy, refused};
use crate::parse::bulk::queue::{Event, Followed, Member, Task};
use crate::parse::bulk::run::{Run, STOP_CHECK, nap};
use crate::parse::bulk::saved::write_output;
use crate::parse::bulk::submit::send;
use crate::parse::bulk::unfinished::{leave, lost};
use crate::parse::bulk::windows;
use crate::parse::bulk::write::Made;
use crate::parse::fetch::{self, Fetch};
use crate::parse::job;
use crate::parse::plan::Source;
use crate::text::neutralize;

/// Result fetchers.
pub(super) const FETCHERS: usize = 4;

/// Tries of one result fetch, at most.
const FETCH_TRIES: u32 = 5;

/// A fetcher: takes ended jobs until the run is finished; on a stop, what it did not take is
/// left for the next run.
pub(super) fn fetch(run: &Run, sender: &Sender<Event>) {
    while !run.stopped() {
        match run.ended.pop() {
            Some((followed, job)) => finish(run, sender, followed, job.as_ref()),
            None if run.finished() => break,
            None => run.ended.wait(STOP_CHECK),
        }
    }
    for (followed, _) in run.ended.drain() {
        leave(run, sender, followed);
    }
}

/// A job that ended (`job`: its last state; none when it is known to have completed).
fn finish(run: &Run, sender: &Sender<Event>, followed: Followed, job: Option<&Job>) {
    let Followed { job_id, key, members } = &followed;
    if let Some(job) = job {
        let status = job.status().unwrap_or_default();
        if let Err(err) = run.once.ended(key, job_id, status) {
            run.fail(&err);
        }
        if job::ended_badly(job_id, job).is_some() {
            let said = job.error_message().unwrap_or_default();
            for member in members {
                if let Some(limit) = windows::refused_as_too_long(run, &member.document.source, said) {
                    // Too long for one job: back to the submitters, to go in windows.
                    let mut task = Task::new(member.document.clone());
                    task.key = Some(key.clone());
                    task.lost = member.lost;
                    task.too_long = Some((limit, format!("job {job_id} ended {status}: {said}")));
                    run.again(task);
                    continue;
                }
                let mut outcome = member.outcome(job_id, status);
                outcome.credits = credits_of(member, Some(job));
                outcome.failure = Some(Error::JobEnded {
                    job_id: neutralize(job_id).into_owned(),
                    status: neutralize(status).into_owned(),
                    message: job.error_message().map(|m| neutralize(m).into_owned()),
                });
                run.report(sender, outcome);
            }
            return;
        }
    }
    let session = run.session;
    let mut tries = 1;
    let fetched = loop {
        match fetch::fetch_result(&run.once, session, key, job_id, run.kind) {
            Ok(fetched) => {
                run.health.answered(&run.once);
                break fetched;
            }
            Err(Fetch::Gone) => return lost(run, sender, followed),
            Err(Fetch::Failed(err)) => {
                let local = matches!(err.root(), Error::Io(_));
                if local {
                    run.fail(&err);
                } else if fetch_may_pass(&err) {
                    // The API away is waited out as every stage waits it out: no document fails
                    // for it; once it has been away too long, or the run stopped, the job is
                    // left for the next run. A fetch that fails while the API answers is tried
                    // `FETCH_TRIES` times.
                    if run.stopped() || (!busy(&err) && run.trouble(&err)) {
                        return leave(run, sender, followed);
                    }
                    let away = !busy(&err) && run.health.away();
                    if tries < FETCH_TRIES || away {
                        nap(run, run.backoff(tries - 1).max(run.pause()));
                        tries += 1;
                        continue;
                    }
                }
                return fail_all(run, sender, &followed, err);
            }
        }
    };
    // With --escalate: its failed or empty pages parsed again, merged in (written instead).
    let deadline = run.once.clock.now() + run.timeout;
    let send =
        |configuration: &Map<String, Value>, source: &Source| send(run, deadline, configuration, source);
    let escalated = match members.first().map(|first| {
        let (result, failed) = (fetched.kept.path(), &fetched.failed_pages);
        escalation::escalate(run, (key, job_id), result, failed, &first.document, &send)
    }) {
        Some(Err(err)) => return escalation_failed(run, sender, &followed, err),
        Some(Ok(escalated)) => escalated,
        None => None,
    };
    let (result, failed) = match &escalated {
        Some(escalated) => (escalated.file.path(), &escalated.failed),
        None => (fetched.kept.path(), &fetched.failed_pages),
    };
    for (n, member) in members.iter().enumerate() {
        let mut outcome = member.outcome(job_id, "ERROR");
        let line = escalated.as_ref().map(|e| e.line_for(n == 0));
        // The version is known for a job this run made (a job made before ran with whatever
        // `latest` was then).
        let version = member.paid.then_some(run.version.as_deref()).flatten();
        let written = Made {
            job_id,
            failed,
            credits: job.and_then(Job::credits),
            version,
            escalation: line.as_ref(),
        };
        match write_output(run, &member.document, key, result, &written) {
            Ok(saved) => {
                outcome.saved = saved;
                outcome.status = if member.paid {
                    "COMPLETED"
                } else {
                    run.reused(job_id)
                }
                .into();
                outcome.output = Some(member.document.output().display().to_string());
                outcome.failed_pages.clone_from(failed);
                outcome.credits = credits_of(member, job);
                outcome.version = version.map(str::to_string);
                outcome.escalation = line;
                outcome.not_escalated = escalation::not_escalated(run, &member.document, failed);
            }
            Err(err) => outcome.failure = Some(err),
        }
        run.report(sender, outcome);
    }
}

/// Whether a failed fetch is worth another try: anything but an answer that will not change
/// (a 4xx other than 408 and 429).
fn fetch_may_pass(err: &Error) -> bool {
    match err.root() {
        Error::Api(api) => api
            .status_code()
            .is_none_or(|status| !(400..500).contains(&status) || matches!(status, 408 | 429)),
        _ => true,
    }
}

/// What the document cost this run: its job's credits when the job was made for it now, else
/// nothing.
fn credits_of(member: &Member, job: Option<&Job>) -> Option<serde_json::Number> {
    if member.paid {
        job.and_then(Job::credits)
    } else {
        Some(0.into())
    }
}

/// The escalation of the job's pages failed (`--escalate`): its documents fail, the first
/// result kept in the store for the next run; a refused key or an organization out of credits
/// ends the run.
fn escalation_failed(run: &Run, sender: &Sender<Event>, followed: &Followed, err: Error) {
    // No room left in the budget for the escalation: the documents are left, their first result
    // kept (the rerun with a larger budget pays only for the escalation), not failed.
    if matches!(err.root(), Error::BudgetReached(_)) {
        let message = err.to_string();
        let mut err = Some(err);
        for member in &followed.members {
            let mut outcome = member.outcome(&followed.job_id, "LEFT");
            outcome.failure = Some(
                err.take()
                    .unwrap_or_else(|| Error::BudgetReached(message.clone())),
            );
            run.report(sender, outcome);
        }
        return;
    }
    if refused(&err) {
        run.abort(Error::failure(err.to_string()));
    } else if matches!(err.root(), Error::Io(_)) {
        run.fail(&err);
    }
    fail_all(run, sender, followed, err);
}

/// Each document of the job fails: the first with the error itself (its exit code), the others
/// with its words.
fn fail_all(run: &Run, sender: &Sender<Event>, followed: &Followed, err: Error) {
    let message = err.to_string();
    let mut err = Some(err);
    for member in &followed.members {
        let mut outcome = member.outcome(&followed.job_id, "ERROR");
        outcome.failure = Some(err.take().unwrap_or_else(|| Error::failure(message.clone())));
        run.report(sender, outcome);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::{Value, json};

    use super::*;
    use crate::parse::bulk::health::MAX_OUTAGE;
    use crate::parse::bulk::testing::{Fixture, Reply, Script, events, followed, job, outcomes, reply, take};

    const RESULT: &str = "/api/v2/parse/job-1";

    fn result(markdown: &str) -> Value {
        json!({
            "job": job("job-1", "COMPLETED"),
            "markdown": {"pages": [{"page_number": 1, "markdown": markdown, "success": true}]},
        })
    }

    fn ended(status: &str) -> Job {
        Job::listed(job("job-1", status))
    }

    #[test]
    fn a_result_cut_short_is_fetched_again_and_written_whole_once() {
        let whole = result("# A\n\nAll of it.").to_string();
        let cut = &whole[..whole.len() / 2];
        let script = Script::start(vec![(
            "GET",
            RESULT.into(),
            vec![
                Reply::cut(200, cut, whole.len()),
                Reply::raw(200, cut),
                reply(502, json!({"detail": "bad gateway"})),
                Reply::raw(200, &whole),
            ],
        )]);
        let fixture = Fixture::new(&script.url, &["a.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, receiver) = events();
        let followed = followed(&run, "job-1", "key-1");
        run.slots.give();
        finish(&run, &sender, followed, Some(&ended("COMPLETED")));
        let fetches = script.count("GET", RESULT);
        assert!(fetches >= 4, "{:?}", script.requests());
        assert!(
            script.requests()[0].starts_with("GET /api/v2/parse/job-1?expand=markdown"),
            "{:?}",
            script.requests()
        );
        assert_eq!(
            outcomes(&receiver, &fixture.docs()),
            [("a.pdf".to_string(), "COMPLETED".to_string(), None)]
        );
        let written = std::fs::read_to_string(fixture.out().join("a.pdf.md")).unwrap();
        assert_eq!(written, "# A\n\nAll of it.\n");
        let manifest = crate::parse::bulk::manifest::Manifest::open(&fixture.out()).unwrap();
        let record = manifest.ours("a.pdf.md").expect("recorded in the manifest");
        assert_eq!((record.key.as_str(), record.job_id.as_str()), ("key-1", "job-1"));
        assert!(!run.stopped());
    }

    #[test]
    fn a_fetch_outage_of_30_s_fails_no_document() {
        // Every fetch answered 503 for more than 30 s on the run's clock (more tries than a
        // fetch that fails while the API answers is given), then the result.
        let mut replies = vec![reply(503, json!({"detail": "unavailable"})); 16];
        replies.push(Reply::raw(200, &result("# A").to_string()));
        let script = Script::start(vec![("GET", RESULT.into(), replies)]);
        let fixture = Fixture::new(&script.url, &["a.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, receiver) = events();
        let followed = followed(&run, "job-1", "key-1");
        finish(&run, &sender, followed, Some(&ended("COMPLETED")));
        assert!(
            fixture.elapsed() >= Duration::from_secs(30),
            "{:?}",
            fixture.elapsed()
        );
        assert!(fixture.elapsed() < MAX_OUTAGE, "{:?}", fixture.elapsed());
        assert!(script.count("GET", RESULT) > 2 * FETCH_TRIES as usize);
        assert_eq!(
            outcomes(&receiver, &fixture.docs()),
            [("a.pdf".to_string(), "COMPLETED".to_string(), None)]
        );
        let stderr = fixture.stderr.text();
        assert!(stderr.contains("(no document fails for it)"), "{stderr}");
        assert!(stderr.contains("note: the API answers again"), "{stderr}");
        assert!(!run.stopped());
    }

    #[test]
    fn a_job_that_failed_fails_its_documents_without_a_fetch() {
        let script = Script::start(Vec::new());
        let fixture = Fixture::new(&script.url, &["a.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, receiver) = events();
        let followed = followed(&run, "job-1", "key-1");
        let mut failed = job("job-1", "FAILED");
        failed["error_message"] = json!("the file is encrypted");
        finish(&run, &sender, followed, Some(&Job::listed(failed)));
        assert!(script.requests().is_empty());
        let said = outcomes(&receiver, &fixture.docs());
        assert_eq!(said.len(), 1);
        assert_eq!(said[0].1, "FAILED");
        assert!(
            said[0].2.as_deref().unwrap().contains("the file is encrypted"),
            "{said:?}"
        );
        assert!(!fixture.out().join("a.pdf.md").exists());
    }

    #[test]
    fn a_result_the_api_no_longer_has_sends_its_document_back_once() {
        let script = Script::start(vec![(
            "GET",
            RESULT.into(),
            vec![reply(404, json!({"detail": "Job not found"}))],
        )]);
        let fixture = Fixture::new(&script.url, &["a.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, receiver) = events();
        let followed = followed(&run, "job-1", "key-1");
        finish(&run, &sender, followed, Some(&ended("COMPLETED")));
        assert_eq!(script.count("GET", RESULT), 1);
        assert!(outcomes(&receiver, &fixture.docs()).is_empty());
        let again = take(&run);
        assert_eq!((again.key.as_deref(), again.lost), (Some("key-1"), 1));
    }

    #[test]
    fn a_result_refused_for_good_is_asked_for_once() {
        let script = Script::start(vec![(
            "GET",
            RESULT.into(),
            vec![reply(400, json!({"detail": "bad expand"}))],
        )]);
        let fixture = Fixture::new(&script.url, &["a.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, receiver) = events();
        let followed = followed(&run, "job-1", "key-1");
        finish(&run, &sender, followed, Some(&ended("COMPLETED")));
        assert_eq!(script.count("GET", RESULT), 1);
        let said = outcomes(&receiver, &fixture.docs());
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].1, "ERROR");
        assert!(said[0].2.as_deref().unwrap().contains("bad expand"), "{said:?}");
    }
}
