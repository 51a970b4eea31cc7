//! A long document of a bulk run: parsed in page windows side by side (`parse::window`), its
//! creates through the run's gate, and written to its output in OUT as its windows come in, in
//! order, atomically; recorded in the manifest with each window's job and credits.

use std::io;
use std::sync::atomic::Ordering;

use crate::api::document::FailedPage;
use crate::atomic_file::AtomicFile;
use crate::error::Error;
use crate::hashing::Hashing;
use crate::parse::bulk::guard::Guard;
use crate::parse::bulk::manifest::WindowLine;
use crate::parse::bulk::queue::{Task, lock};
use crate::parse::bulk::report::Outcome;
use crate::parse::bulk::report::SavedOut;
use crate::parse::bulk::run::Run;
use crate::parse::bulk::saved::out_of;
use crate::parse::bulk::sources::Document;
use crate::parse::bulk::write::{Beside, Made, output_file, record, record_with};
use crate::parse::escalate;
use crate::parse::fetch::Kept;
use crate::parse::kind::Kind;
use crate::parse::once::Known;
use crate::parse::plan::Source;
use crate::parse::save::render;
use crate::parse::save::windows::Stitching;
use crate::parse::window::run::{SendCreate, Windowed, follow};
use crate::parse::window::stitch::{self, Piece};
use crate::parse::window::{self, Long, TooLong, Window, too_long};
use crate::store::key::hash_file;

/// The windows of `task`'s document (keyed `key`), when the API refused it as too long before or
/// it is a PDF longer than `--window-pages`.
pub(super) fn windows_of(run: &Run, task: &Task, key: &str) -> Option<Vec<Window>> {
    let long = long(run, &task.document.source, "");
    long.windows(&run.once, key, run.kind).map(|(_, windows)| windows)
}

/// The windows of a local file the API refused as too long for one job (`limit`), when its
/// page count is known (from the refusal, or counted here).
pub(super) fn after_refusal(run: &Run, source: &Source, limit: TooLong) -> Option<Vec<Window>> {
    long(run, source, "")
        .windows_after_refusal(limit, run.kind)
        .map(|(_, windows)| windows)
}

/// The API's refusal of a local file's job as too long, in `message`, when windows are on.
pub(super) fn refused_as_too_long(run: &Run, source: &Source, message: &str) -> Option<TooLong> {
    let windows_on = run.window_pages > 0 && run.kind != Kind::Job && matches!(source, Source::File(_));
    windows_on.then(|| too_long(message)).flatten()
}

fn long<'a>(run: &'a Run, source: &'a Source, name: &'a str) -> Long<'a> {
    Long {
        name,
        source,
        configuration: &run.configuration,
        window_pages: run.window_pages,
        force: run.force,
        parallel: run.window_parallel,
        stored: run.kind.of_window(),
    }
}

/// Parses the document in `windows`, each create sent by `send` (through the run's gate), and
/// writes it to its output. Returns its outcome.
pub(super) fn parse(
    run: &Run,
    task: &Task,
    key: &str,
    windows: Vec<Window>,
    send: SendCreate,
) -> Result<Outcome, Error> {
    let document = &task.document;
    let name = document.name().into_owned();
    let Source::File(path) = &document.source else {
        return Err(Error::failure(
            "internal error: only a local file is parsed in windows",
        ));
    };
    let long = long(run, &document.source, &name);
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
    let pages: u64 = windows.iter().map(Window::pages).sum();
    run.pages_total.fetch_add(pages, Ordering::SeqCst);
    let last = windows.iter().flat_map(Window::numbers).max().unwrap_or(0);
    let write = |pieces: &mut dyn Iterator<Item = Result<Piece, Error>>| write(run, task, key, pieces, last);
    let (lines, failed, saved) = follow(&windowed, windows, write)?;
    // Paid for in this run: a window whose job was made now (its credits, or null until billed).
    let paid = lines.iter().any(|l| l.credits != Some(0.into()));
    let mut outcome = Outcome::new(document, if paid { "COMPLETED" } else { "CACHED" });
    outcome.paid = paid;
    outcome.credits = sum(lines.iter().map(|l| l.credits.clone()));
    outcome.output = Some(document.output().display().to_string());
    // Its failed pages are not escalated (`--escalate`): said on its line.
    outcome.not_escalated = (run.escalate.is_some() && !failed.is_empty()).then_some(escalate::job::WINDOWED);
    outcome.failed_pages = failed;
    outcome.windows = Some(lines);
    outcome.saved = saved;
    outcome.version = paid.then(|| run.version.clone()).flatten();
    Ok(outcome)
}

/// A document's output that this tool wrote from its windows but whose manifest line was lost (a
/// crash between the rename and the record, a torn or deleted manifest): every window's result
/// is in the store and stitches to exactly the file's bytes, so it is recorded again as ours.
/// Returns whether it was.
pub(super) fn adopt(run: &Run, document: &Document, key: &str) -> Option<Vec<FailedPage>> {
    // Only an output that is there (a new document's is not) is looked at; one written with
    // files beside it is not a stitch of its windows' results.
    document.output().symlink_metadata().ok()?;
    if matches!(run.kind, Kind::Full(_)) {
        return None;
    }
    let name = document.name();
    let long = long(run, &document.source, &name);
    let (_, windows) = long.windows(&run.once, key, run.kind)?;
    let mut pieces = Vec::new();
    for window in windows {
        let window_key = long.key_of(&run.once, run.session, &window, false).ok()?;
        let Known::Stored { path, job_id } = long.known(&run.once, &window_key) else {
            return None;
        };
        let failed = run.once.failed_pages(&window_key, long.stored);
        let credits = Some(0.into());
        let kept = Kept::Stored(path);
        pieces.push(Piece::Result {
            kept,
            key: window_key,
            job_id,
            window,
            failed,
            credits,
        });
    }
    let lines: Vec<WindowLine> = pieces.iter().map(line).collect();
    let mut hashing = Hashing::new(io::sink());
    let stitched = match run.kind {
        Kind::Part(part) | Kind::Full(Some(part)) => stitch::write_part(
            &mut hashing,
            part,
            false,
            pieces.into_iter().map(Ok),
            &mut stitch::plain,
        ),
        Kind::Json | Kind::Job | Kind::Full(None) => stitch::write_json(&mut hashing, &pieces),
    };
    let (failed, (theirs, _)) = (stitched.ok()?, hash_file(&document.output()).ok()?);
    if hashing.finish().1 != theirs {
        return None;
    }
    let made = Made {
        job_id: "",
        failed: &failed,
        credits: None,
        version: None,
        escalation: None,
    };
    record(run, document, key, &made, theirs, Some(lines)).ok()?;
    Some(failed)
}

/// The run's jobs, as windows decide on them.
pub(super) struct RunJobs<'r, 'a>(pub(super) &'r Run<'a>);

impl window::run::Jobs for RunJobs<'_, '_> {
    fn decide<'s>(&'s self, key: &str) -> Box<dyn window::run::Held + 's> {
        Box::new(self.0.decide(key))
    }

    fn job(&self, key: &str) -> Option<String> {
        lock(&self.0.jobs).get(key).cloned()
    }

    fn made(&self, key: &str, job_id: &str) {
        if self.0.once.store.is_none() || self.0.force {
            lock(&self.0.jobs).insert(key.to_string(), job_id.to_string());
        }
    }
}

/// The run's slots, as windows take them.
pub(super) struct RunSlots<'r, 'a>(pub(super) &'r Run<'a>);

impl window::run::Slots for RunSlots<'_, '_> {
    fn take(&self) -> bool {
        self.0.slots.take(|| self.0.stopped())
    }

    fn give(&self) {
        self.0.slots.give();
    }
}

/// What a windowed document came to: its windows, its failed pages, the files saved beside it.
type Stitched = (Vec<WindowLine>, Vec<FailedPage>, Option<Vec<SavedOut>>);

/// Writes the document from its windows' pieces to its output, atomically, and records it: as
/// they come in, in order; with `--save` or `--page-markers` each window's files saved as it
/// comes in and its pages marked, the document after them, all recorded together (`--save pages`
/// alone: no document file). `last`: the document's last page parsed.
fn write(
    run: &Run,
    task: &Task,
    key: &str,
    pieces: &mut dyn Iterator<Item = Result<Piece, Error>>,
    last: u64,
) -> Result<Stitched, Error> {
    let document = &task.document;
    let output = document.output();
    if let Some(parent) = output.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let (part, saving) = match run.kind {
        Kind::Part(part) => (Some(part), false),
        Kind::Full(part) => (part, true),
        Kind::Json | Kind::Job => (None, false),
    };
    let guard = Guard::new(run, document, key);
    let name = document.name();
    let mut stitching = saving.then(|| Stitching {
        saving: &run.saving,
        shared: &run.once,
        session: run.session,
        name: &name,
        output: &output,
        part,
        width: render::width(last),
        place: &guard,
        saved: Vec::new(),
    });
    let mut lines = Vec::new();
    let mut kept = Vec::new();
    let mut noted = pieces.inspect(|piece| {
        if let Ok(piece) = piece {
            run.pages_done.fetch_add(piece.window().pages(), Ordering::SeqCst);
            lines.push(line(piece));
        }
    });
    let no_document = saving && run.saving.pages_only();
    let mut file = Hashing::new(DocumentFile(match no_document {
        true => None,
        false => Some(output_file(run, &output)?),
    }));
    let mut decorate = |piece: &Piece| match &mut stitching {
        Some(stitching) => stitching.piece(piece),
        None => stitch::plain(piece),
    };
    let failed = match part {
        Some(part) => stitch::write_part(&mut file, part, false, &mut noted, &mut decorate)?,
        None => {
            for piece in &mut noted {
                let piece = piece?;
                decorate(&piece)?;
                kept.push(piece);
            }
            stitch::write_json(&mut file, &kept)?
        }
    };
    drop(noted);
    let (DocumentFile(out), hash) = file.finish();
    if let Some(out) = out {
        out.persist_durably()?;
    }
    let credits = sum(lines.iter().map(|l| l.credits.clone()));
    // A window made in this run ran with the run's version.
    let made_now = lines.iter().any(|l| l.credits != Some(0.into()));
    let made = Made {
        job_id: "",
        failed: &failed,
        credits,
        version: made_now.then_some(run.version.as_deref()).flatten(),
        escalation: None,
    };
    let saved = match stitching {
        Some(stitching) => guard.lines(stitching.saved)?,
        None => Vec::new(),
    };
    let out = saving.then(|| out_of(run, &saved));
    let beside = Beside { saved, no_document };
    let hash = if no_document { String::new() } else { hash };
    record_with(run, document, key, &made, hash, Some(lines.clone()), beside)?;
    Ok((lines, failed, out))
}

/// The document's file, or none (`--save pages` alone: its pages go nowhere but their files).
struct DocumentFile(Option<AtomicFile>);

impl io::Write for DocumentFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.0 {
            Some(file) => file.write(buf),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.0 {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

fn line(piece: &Piece) -> WindowLine {
    let (status, credits) = match piece {
        Piece::Result { credits, .. } => ("COMPLETED", credits.clone()),
        Piece::Failed { .. } => ("FAILED", Some(0.into())),
    };
    WindowLine {
        pages: piece.window().target_pages(),
        job_id: piece.job_id().to_string(),
        status: status.into(),
        credits,
    }
}

/// The sum of credits, or null when any is not known yet.
fn sum(credits: impl Iterator<Item = Option<serde_json::Number>>) -> Option<serde_json::Number> {
    let mut total = 0f64;
    let mut whole = true;
    for credit in credits {
        let credit = credit?;
        whole &= credit.is_u64();
        total += credit.as_f64().unwrap_or_default();
    }
    if whole {
        Some((total as u64).into())
    } else {
        serde_json::Number::from_f64(total)
    }
}
