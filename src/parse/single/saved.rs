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
    let url = argument.contains("://");
    let path = match url {
        true => argument.split(['?', '#']).next().unwrap_or(argument),
        false => argument,
    };
    let name = path
        .trim_end_matches('/')
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    // A URL's last segment as its file would be named (`Report%20Q3.pdf`: `Report Q3.pdf`).
    let name = match url {
        true => document::percent_decode(name).unwrap_or_else(|| name.to_string()),
        false => name.to_string(),
    };
    match name.as_str() {
        "" | "." | ".." => "document".to_string(),
        name => crate::parse::save::render::safe_name(name),
    }
}

/// `-o path` as the document is written to it: a symbolic link's target (the files saved beside
/// it go beside the document itself, so its links hold).
pub(super) fn resolved(path: &std::path::Path) -> std::path::PathBuf {
    let link = path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
    match link {
        true => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        false => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_saved_from_stdout_are_named_after_the_document() {
        assert_eq!(saved_name("docs/report.pdf", "stdin"), "report.pdf");
        assert_eq!(saved_name("-", "scan.pdf"), "scan.pdf");
        assert_eq!(
            saved_name("https://example.com/a/Report%20Q3.pdf?x=1", "stdin"),
            "Report_Q3.pdf"
        );
        assert_eq!(saved_name("https://example.com/", "stdin"), "example.com");
        assert_eq!(saved_name("odd#name.pdf", "stdin"), "odd_name.pdf");
    }
}
