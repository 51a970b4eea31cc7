//! `parse FILE` of a long document: its windows side by side, written as they come in.

use serde_json::Value;

use crate::api::parse_jobs::Source;
use crate::context::Context;
use crate::error::Error;
use crate::output::document;
use crate::output::progress::Progress;
use crate::parse::kind::Kind;
use crate::parse::plan as create;
use crate::parse::save::files::{self, Anywhere};
use crate::parse::save::render;
use crate::parse::save::windows::Stitching;
use crate::parse::window::stitch::Piece;
use crate::parse::window::{self, Long, Window, run::Windowed, stitch};
use crate::signals;
use crate::text::neutralize;

use super::parsed::Document;

/// Parses the document as `windows` of its `pages` pages, side by side, and writes it as they
/// come in, in order: the markdown or text page by page, or (JSON) once all are in.
pub(super) fn in_windows(
    document: &Document,
    ctx: &mut Context,
    long: &Long,
    pages: u64,
    windows: Vec<Window>,
) -> Result<(), Error> {
    let Source::File(path) = long.source else {
        return Err(Error::failure(
            "internal error: only a local file is parsed in windows",
        ));
    };
    let size = windows.iter().map(Window::pages).max().unwrap_or_default();
    let page = |n: u64| if n == 1 { "page" } else { "pages" };
    ctx.io.stderr.line(&format!(
        "note: {}: {pages} {} in {} windows of up to {size} {} (--window-pages)",
        neutralize(long.name),
        page(pages),
        windows.len(),
        page(size)
    ));
    let session = document.session;
    // The jobs this run creates, to be named when the run fails or is stopped after them.
    let recorded = document.shared.records();
    let created = std::sync::Mutex::new(Vec::<String>::new());
    let send = |configuration: &serde_json::Map<String, Value>, source: &Source| {
        let sent = create::send_create(session, configuration, source);
        if let Ok(job) = &sent {
            let mut ids = created.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            ids.push(job.id().to_string());
            signals::leave_last_words(window::interrupted(recorded, &ids));
        }
        sent
    };
    let windowed = Windowed {
        long,
        path,
        session,
        shared: document.shared,
        timeout: document.timeout,
        cancel: document.cancel,
        send: &send,
        halted: &|| false,
        jobs: None,
        slots: None,
    };
    signals::leave_last_words(window::interrupted(recorded, &[]));
    let output = document.output;
    let ctx = &*ctx;
    // Pages done, on a terminal's stderr (unless the document itself is shown there).
    let bar = Progress::pages(
        ctx.io.terminals.stderr && !output.to_terminal(),
        pages,
        neutralize(long.name).into_owned(),
    );
    // With --save, each window's files are saved as it comes in, beside where the document goes.
    let last = windows.iter().flat_map(Window::numbers).max().unwrap_or(0);
    let mut stitching = match document.kind {
        Kind::Full(part) => Some(Stitching {
            saving: document.saving,
            shared: document.shared,
            session,
            name: document.name,
            output: &document.target,
            part,
            width: render::width(last),
            place: &Anywhere,
            saved: Vec::new(),
        }),
        _ => None,
    };
    let failed = window::run::follow(&windowed, windows, |pieces| {
        let pieces = &mut pieces.inspect(|piece| {
            if let Ok(piece) = piece {
                bar.inc_by(piece.window().pages());
            }
        });
        let mut decorate = |piece: &Piece| match &mut stitching {
            Some(stitching) => stitching.piece(piece),
            None => stitch::plain(piece),
        };
        match document.kind {
            // `--save pages` alone: the pages go to their files only.
            Kind::Full(Some(part)) if document.saving.pages_only() => {
                stitch::write_part(&mut std::io::sink(), part, false, pieces, &mut decorate)
            }
            kind => stitch::to_output(output, ctx, kind, pieces, &mut decorate),
        }
    });
    signals::forget_last_words();
    bar.clear();
    let failed = failed.inspect_err(|err| {
        // As a failure after a document's create names its job: what was paid for is not lost.
        let created = created.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // (Not for windows cancelled at their deadline: those are parsed again.)
        let cancelled = matches!(err.root(), Error::WaitedOut { cancelled: true, .. });
        if !created.is_empty() && !err.is_broken_pipe() && !cancelled {
            ctx.io
                .stderr
                .line(&window::created(long.name, &created, recorded));
        }
    })?;
    if let Some(stitching) = stitching
        && !stitching.saved.is_empty()
    {
        let dir = crate::parse::save::bundle::assets_dir(&document.target);
        ctx.io.stderr.line(&files::said(&stitching.saved, &dir));
    }
    document::warn_failed(&ctx.io.stderr, &failed);
    if document.escalate.is_some() {
        super::escalated::not_escalated(ctx, long.name, &failed, crate::parse::escalate::job::WINDOWED);
    }
    window::partial(long.name, &failed)
}
