//! `parse FILE --save`: the files saved beside the document, then the document.

use std::io;

use crate::api::document::FailedPage;
use crate::api::models::Part;
use crate::context::Context;
use crate::error::Error;
use crate::output::document;
use crate::parse::fetch::Kept;
use crate::parse::save::{assets, bundle, files};
use crate::text::neutralize;

use super::parsed::Document;

/// Writes the files saved beside the document (fetched into the store first, when they are not
/// there), then the document from the whole result: never the document before its files.
pub(super) fn save_out(
    document: &Document,
    ctx: &Context,
    kept: &Kept,
    job_id: &str,
    failed: &[FailedPage],
    part: Option<Part>,
) -> Result<(), Error> {
    let (saving, full) = (document.saving, kept.path());
    let listed_part = part.unwrap_or(Part::Markdown);
    let (shared, session) = (document.shared, document.session);
    let fetching = assets::Fetching {
        shared,
        session,
        key: document.key,
        job_id,
        name: document.name,
    };
    let dir = bundle::assets_dir(&document.target);
    // Never through a symbolic link (`files::Anywhere`); the files of `-o FILE` are replaced as
    // it is.
    let (assets, saved) = files::save(&fetching, saving, full, listed_part, &dir, None, &files::Anywhere)?;
    if !saving.pages_only() {
        let mut sink = document.output.open(ctx)?;
        match part {
            Some(part) => {
                let flush = document.output.to_terminal();
                let decorations = bundle::decorations(saving, &assets, part, &document.target);
                bundle::write_document(full, decorations, part, &mut sink, flush)?;
            }
            None => {
                io::copy(&mut kept.open()?, &mut sink)?;
            }
        }
        sink.commit()?;
    }
    if !saved.is_empty() {
        ctx.io.stderr.line(&files::said(&saved, &dir));
    }
    document::warn_failed(&ctx.io.stderr, failed);
    Error::partial(&neutralize(job_id), failed)
}

/// Whether `-o path` is written in place rather than replaced (`/dev/stdout`, `/dev/null`, a
/// FIFO: anything there but a regular file or a directory): the files saved beside it go where
/// they go on stdout, not into `/dev`.
pub(super) fn special(path: &std::path::Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir())
}

/// The name the files saved beside a document written to stdout are named after: its file's
/// name (`--filename` for stdin), a URL's last segment.
pub(super) fn saved_name(argument: &str, stdin_name: &str) -> String {
    if argument == "-" {
        return stdin_name.to_string();
    }
    let path = argument.split(['?', '#']).next().unwrap_or(argument);
    let name = path
        .trim_end_matches('/')
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    match name {
        "" | "." | ".." => "document".to_string(),
        name => crate::parse::save::render::safe_name(name),
    }
}
