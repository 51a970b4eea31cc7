//! A followed job whose documents get no result in this run: left running when the run stops (the
//! next run waits for it), or lost by the API (each document parsed again, once). Used by the
//! poller and the fetchers.

use std::sync::mpsc::Sender;

use crate::error::Error;
use crate::parse::bulk::queue::{Event, Followed, Task, lock};
use crate::parse::bulk::report::Outcome;
use crate::parse::bulk::run::Run;
use crate::text::neutralize;

/// The run stopped while the job was running: each of its documents is left running.
pub(super) fn leave(run: &Run, sender: &Sender<Event>, followed: Followed) {
    for member in followed.members {
        run.report(sender, member.outcome(&followed.job_id, "RUNNING"));
    }
}

/// The server no longer knows the job: recorded, and each document goes back to be parsed again,
/// once (a job lost twice fails the document).
pub(super) fn lost(run: &Run, sender: &Sender<Event>, followed: Followed) {
    if let Err(err) = run.once.gone(&followed.key, &followed.job_id) {
        run.fail(&err);
    }
    let mut jobs = lock(&run.jobs);
    if jobs.get(&followed.key) == Some(&followed.job_id) {
        jobs.remove(&followed.key);
    }
    drop(jobs);
    for member in followed.members {
        if run.stopped() {
            // Not started again: the next run parses it.
            continue;
        }
        if member.lost >= 1 {
            let mut outcome = Outcome::new(&member.document, "ERROR");
            outcome.job_id = Some(followed.job_id.clone());
            outcome.failure = Some(Error::failure(format!(
                "the API lost job {} as well",
                neutralize(&followed.job_id)
            )));
            run.report(sender, outcome);
            continue;
        }
        run.once.stderr.line(&format!(
            "note: the API no longer knows job {} of {}: parsing it again",
            neutralize(&followed.job_id),
            neutralize(&member.document.name())
        ));
        let mut task = Task::new(member.document);
        task.key = Some(followed.key.clone());
        task.lost = member.lost + 1;
        run.again(task);
    }
}
