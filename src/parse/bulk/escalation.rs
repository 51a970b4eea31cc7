//! `--escalate TIER` in a bulk run: after a document's job completed, its failed or empty pages
//! parsed again on TIER as one job (through the window machinery, its creates through the run's
//! gate and slots), and the merged result handed to the write step in place of the first.
//! Used by the fetchers (a job that completed now) and the submitters (a result already had: the
//! escalation is then found in the store or OUT's manifest, and costs nothing).

use std::path::Path;

use serde_json::Value;

use crate::api::document::FailedPage;
use crate::api::models::Part;
use crate::error::Error;
use crate::parse::bulk::run::Run;
use crate::parse::bulk::sources::Document;
use crate::parse::bulk::windows::{RunJobs, RunSlots};
use crate::parse::escalate::{self, EscalationLine, merge, text};
use crate::parse::fetch::{self, Fetch};
use crate::parse::kind::Kind;
use crate::parse::once::Known;
use crate::parse::plan::Source;
use crate::parse::window::Long;
use crate::parse::window::run::{SendCreate, Windowed, follow};
use crate::parse::window::stitch::Piece;

/// A document's result with its escalated pages in place.
pub(super) struct Escalated {
    /// The merged result, as the run writes it.
    pub(super) file: tempfile::NamedTempFile,
    /// Its pages that failed (still, after the escalation).
    pub(super) failed: Vec<FailedPage>,
    pub(super) line: EscalationLine,
}

impl Escalated {
    /// The line a member of the job gets: the first bears what the escalation cost, the others
    /// (same bytes: the same escalation) nothing.
    pub(super) fn line_for(&self, first: bool) -> EscalationLine {
        let mut line = self.line.clone();
        if !first {
            line.credits = Some(0.into());
        }
        line
    }
}

/// Escalates the pages of `document`'s result (of job `job_id` under `key`, at `result`, with
/// the pages `failed`) that came back failed or empty, when the run escalates: `None` when it
/// does not, or nothing is to be escalated. Its create is sent by `send` (through the run's
/// gate).
pub(super) fn escalate(
    run: &Run,
    (key, job_id): (&str, &str),
    result: &Path,
    failed: &[FailedPage],
    document: &Document,
    send: SendCreate,
) -> Result<Option<Escalated>, Error> {
    let Some(tier) = run.escalate else {
        return Ok(None);
    };
    let part = match run.kind {
        Kind::Part(part) => part,
        Kind::Json => Part::Markdown,
        // Refused with --escalate before the run (`Plan::check_escalation`).
        Kind::Job | Kind::Full(_) => return Ok(None),
    };
    let Source::File(path) = &document.source else {
        // Only a local file is escalated (its upload is the escalation's source).
        return Ok(None);
    };
    let text_pages = text::pages_with_text(path);
    if failed.is_empty() && text_pages.as_ref().is_none_or(|pages| pages.is_empty()) {
        return Ok(None);
    }
    let mut first = first_response(run, key, job_id, result)?;
    let pages = escalate::pages(failed, Some(&first), part, text_pages.as_ref());
    if pages.is_empty() {
        return Ok(None);
    }
    let configuration = escalate::configuration(&run.configuration, tier);
    let name = document.name().into_owned();
    let long = Long {
        name: &name,
        source: &document.source,
        configuration: &configuration,
        window_pages: run.window_pages,
        force: run.force,
        parallel: run.window_parallel,
        stored: Kind::Json,
    };
    let windowed = Windowed {
        long: &long,
        path,
        session: run.session,
        shared: &run.once,
        timeout: run.timeout,
        cancel: run.cancel_on_timeout,
        send,
        halted: &|| run.stopped(),
        jobs: Some(&RunJobs(run)),
        slots: Some(&RunSlots(run)),
    };
    let pieces = follow(&windowed, vec![escalate::window(&pages)], |pieces| {
        pieces.collect::<Result<Vec<Piece>, Error>>()
    })?;
    let mut line = EscalationLine {
        tier: escalate::tier_name(tier),
        job_id: String::new(),
        pages: pages.clone(),
        credits: Some(0.into()),
        still_failed: Vec::new(),
    };
    let mut ids = Vec::new();
    let mut credits = Some(0f64);
    for piece in &pieces {
        ids.push(piece.job_id().to_string());
        let numbers: Vec<u64> = piece.window().numbers().collect();
        match piece {
            Piece::Result {
                kept, credits: cost, ..
            } => {
                let better = read_json(kept.path())?;
                line.still_failed
                    .extend(merge::merge(&mut first, &better, &numbers, part));
                credits = credits
                    .zip(cost.as_ref().and_then(serde_json::Number::as_f64))
                    .map(|(a, b)| a + b);
            }
            Piece::Failed { .. } => line.still_failed.extend(numbers),
        }
    }
    line.job_id = ids.join(",");
    line.credits = credits.map(number);
    line.still_failed.sort_unstable();
    let mut file = match run.once.store() {
        Some(store) => store.temporary(),
        None => tempfile::NamedTempFile::new(),
    }?;
    let failed = {
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        let failed = merge::write(&first, run.kind, &mut out)?;
        std::io::Write::flush(&mut out)?;
        failed
    };
    Ok(Some(Escalated { file, failed, line }))
}

/// The first job's response as JSON (pages and all): the result itself with `--format json`,
/// else kept beside it in the store (fetched once, a GET, when it is not there yet).
fn first_response(run: &Run, key: &str, job_id: &str, result: &Path) -> Result<Value, Error> {
    if run.kind == Kind::Json {
        return read_json(result);
    }
    if let Known::Stored { path, .. } = run.once.known(key, Kind::Json) {
        return read_json(&path);
    }
    match fetch::fetch_result(&run.once, run.session, key, job_id, Kind::Json) {
        Ok(fetched) => read_json(fetched.kept.path()),
        Err(Fetch::Gone) => Err(Error::failure(format!(
            "job {job_id} is no longer known to the API: its pages cannot be escalated (run with --force to parse it again)"
        ))),
        Err(Fetch::Failed(err)) => Err(err),
    }
}

fn read_json(path: &Path) -> Result<Value, Error> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    serde_json::from_reader(file).map_err(|err| Error::failure(format!("a stored result is not JSON: {err}")))
}

/// Credits as the API bills them: a whole number when whole.
fn number(credits: f64) -> serde_json::Number {
    if credits.fract() == 0.0 && (0.0..9e15).contains(&credits) {
        (credits as u64).into()
    } else {
        serde_json::Number::from_f64(credits).unwrap_or_else(|| 0.into())
    }
}
