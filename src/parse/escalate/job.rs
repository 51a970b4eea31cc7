//! The escalation job itself, for one document of any run (`parse FILE`, a bulk run): its failed
//! or empty pages parsed again on the better tier as one job through the window machinery (its
//! own key, its intent before its create, reserved against `--max-credits`, found again by a
//! rerun), and the merged result written to a temporary file beside the store for the caller to
//! write where its run writes.

use std::path::Path;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::api::document::FailedPage;
use crate::api::models::Part;
use crate::domain::Tier;
use crate::error::Error;
use crate::parse::escalate::{self, EscalationLine, merge, text};
use crate::parse::fetch::{self, Fetch};
use crate::parse::kind::Kind;
use crate::parse::once::{Known, Shared};
use crate::parse::plan::Source;
use crate::parse::window::Long;
use crate::parse::window::run::{Jobs, SendCreate, Slots, Windowed, follow};
use crate::parse::window::stitch::Piece;
use crate::session::Session;

/// A document's result with its escalated pages in place.
pub(in crate::parse) struct Escalated {
    /// The merged result, as the run writes it.
    pub file: tempfile::NamedTempFile,
    /// Its pages that failed (still, after the escalation).
    pub failed: Vec<FailedPage>,
    pub line: EscalationLine,
}

impl Escalated {
    /// The line a member of the job gets: the first bears what the escalation cost, the others
    /// (same bytes: the same escalation) nothing.
    pub(in crate::parse) fn line_for(&self, first: bool) -> EscalationLine {
        let mut line = self.line.clone();
        if !first {
            line.credits = Some(0.into());
        }
        line
    }
}

/// What an escalation is made with: the run's, and the document's.
pub(in crate::parse) struct Escalating<'a> {
    pub tier: Tier,
    /// What the run writes (`Kind::Part` or `Kind::Json`; others are not escalated).
    pub kind: Kind,
    /// The run's configuration (the first job's).
    pub configuration: &'a Map<String, Value>,
    pub shared: &'a Shared,
    pub session: &'a Session,
    /// The document, as the user named it, and where it is.
    pub name: &'a str,
    pub source: &'a Source,
    pub force: bool,
    /// How long to wait for the job, and whether to cancel it when it has not ended by then.
    pub timeout: Duration,
    pub cancel: bool,
    pub send: SendCreate<'a>,
    /// Whether the run stopped.
    pub halted: &'a (dyn Fn() -> bool + Sync),
    /// A bulk run's jobs and slots.
    pub jobs: Option<&'a dyn Jobs>,
    pub slots: Option<&'a dyn Slots>,
}

/// Why a document's failed pages are not escalated, in the words its line or note gives
/// (`not escalated: a URL`): `None` when it can be (a local file, written as a document).
pub(in crate::parse) fn not_escalated(source: &Source, kind: Kind) -> Option<&'static str> {
    match (source, kind) {
        (Source::File(_), Kind::Part(_) | Kind::Json) => None,
        (Source::File(_), _) => Some("its job's record is written, not its pages"),
        (Source::Url(_), _) => Some("a URL (only a local file is escalated)"),
        (Source::FileId(_), _) => Some("an uploaded file (only a local file is escalated)"),
    }
}

/// Why a document parsed in windows is not escalated, in the same words.
pub(in crate::parse) const WINDOWED: &str = "a document parsed in windows";

/// Escalates the pages of the document's result (of job `job_id` under `key`, at `result`, with
/// the pages `failed`) that came back failed or empty: `None` when nothing is to be escalated,
/// or the document cannot be (`not_escalated`).
pub(in crate::parse) fn escalate(
    e: &Escalating,
    (key, job_id): (&str, &str),
    result: &Path,
    failed: &[FailedPage],
) -> Result<Option<Escalated>, Error> {
    let part = match e.kind {
        Kind::Part(part) => part,
        Kind::Json => Part::Markdown,
        Kind::Job | Kind::Full(_) => return Ok(None),
    };
    let Source::File(path) = e.source else {
        // Only a local file is escalated (its upload is the escalation's source).
        return Ok(None);
    };
    let text_pages = text::pages_with_text(path);
    if failed.is_empty() && text_pages.as_ref().is_none_or(|pages| pages.is_empty()) {
        return Ok(None);
    }
    let mut first = first_response(e, key, job_id, result)?;
    let pages = escalate::pages(failed, Some(&first), part, text_pages.as_ref());
    if pages.is_empty() {
        return Ok(None);
    }
    let configuration = escalate::configuration(e.configuration, e.tier);
    let long = Long {
        name: e.name,
        source: e.source,
        configuration: &configuration,
        window_pages: 0,
        force: e.force,
        parallel: 1,
        stored: Kind::Json,
    };
    let windowed = Windowed {
        long: &long,
        path,
        session: e.session,
        shared: e.shared,
        timeout: e.timeout,
        cancel: e.cancel,
        send: e.send,
        halted: e.halted,
        jobs: e.jobs,
        slots: e.slots,
    };
    let pieces = follow(&windowed, vec![escalate::window(&pages)], |pieces| {
        pieces.collect::<Result<Vec<Piece>, Error>>()
    })?;
    let mut line = EscalationLine {
        tier: escalate::tier_name(e.tier),
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
    let mut file = match e.shared.store() {
        Some(store) => store.temporary(),
        None => tempfile::NamedTempFile::new(),
    }?;
    let failed = {
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        let failed = merge::write(&first, e.kind, &mut out)?;
        std::io::Write::flush(&mut out)?;
        failed
    };
    Ok(Some(Escalated { file, failed, line }))
}

/// The first job's response as JSON (pages and all): the result itself with `--format json`,
/// else kept beside it in the store (fetched once, a GET, when it is not there yet).
fn first_response(e: &Escalating, key: &str, job_id: &str, result: &Path) -> Result<Value, Error> {
    if e.kind == Kind::Json {
        return read_json(result);
    }
    if let Known::Stored { path, .. } = e.shared.known(key, Kind::Json) {
        return read_json(&path);
    }
    match fetch::fetch_result(e.shared, e.session, key, job_id, Kind::Json) {
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
