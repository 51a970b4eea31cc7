//! The listing loop shared by every list command: pages in, items out through the chosen
//! printer, the resume point reported. A signal or a failed page still closes what was
//! started, so a JSON document on stdout stays valid and says where to resume.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use crate::api;
use crate::api::Reply;
use crate::api::paginate::{ListRequest, PageRequest, Pager, Resume};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::printer::ListEnd;
use crate::output::progress::Progress;
use crate::output::resource::Resource;
use crate::output::style::Style;
use crate::session::Session;
use crate::signals::Listener;
use crate::text::{count, shell_quote};

/// How often a request in flight checks for a signal.
const SIGNAL_POLL: Duration = Duration::from_millis(25);

/// Streams a listing to the output, then reports on stderr where to resume.
pub fn run(
    session: &Session,
    mut output: Output,
    resource: Resource,
    request: ListRequest,
    ctx: &mut Context,
) -> Result<(), Error> {
    let style = output.style;
    // JSON and YAML documents carry the resume point themselves, unless --jq reshapes them.
    let resume_in_document = matches!(style, Style::Json { .. } | Style::Yaml) && !output.has_jq();
    if request.max_items == Some(0) {
        // `--max-items 0` (as scripts for `llp` use it): no request, no output.
        return output.open(ctx)?.commit();
    }
    let listener = Listener::start();
    let mut pager = Pager::new(Arc::clone(&session.client), request);
    let mut sink = output.open(ctx)?;
    if style == Style::Raw {
        use std::io::Write as _;
        sink.write_all(&pager.first_page_raw()?)?;
        return sink.commit();
    }
    let mut printer = output.printer(Some(resource));
    // A count on stderr, unless items are streaming to the same terminal.
    let terminals = ctx.io.terminals;
    let show_progress = terminals.stderr && (style == Style::Table || !output.to_terminal());
    let progress = Progress::spinner(show_progress, format!("fetching {}", resource.plural()));
    let mut written = 0u64;
    let mut extra = Vec::new();
    let outcome = loop {
        if let Some(signal) = listener.received() {
            break Err(Error::Interrupted { signal });
        }
        match pager.next_page_with(|request| fetch(&listener, request)) {
            Ok(Some(page)) => {
                for item in page.items() {
                    printer.item(&mut sink, item)?;
                    written += 1;
                }
                extra = page
                    .extra()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                sink.progress()?;
                progress.set_message(format!("fetched {written} {}", resource.plural()));
            }
            Ok(None) => break Ok(()),
            Err(err) => break Err(err),
        }
    };
    progress.clear();
    let resume = pager.resume();
    let end = ListEnd {
        extra,
        resume: resume_field(&resume),
        total_size: pager.total_size().map(|v| v.to_string()),
    };
    if let Err(err) = outcome {
        // Close what was started. A file is not committed: it is left as it was.
        if written > 0 {
            printer.finish_list(&mut sink, &end)?;
            sink.progress()?;
        }
        let stderr = &ctx.io.stderr;
        let started = pager.pages() > 0;
        return Err(
            match (&err, output.file(), resume_flag(&resume).filter(|_| started)) {
                (Error::Interrupted { .. }, Some(file), _) => {
                    stderr.line(&format!("note: interrupted; {} is unchanged", file.display()));
                    err
                }
                (Error::Interrupted { .. }, None, Some(flag)) => {
                    stderr.line(&format!(
                        "note: interrupted after {} were written; resume with {flag}",
                        count(written, "item")
                    ));
                    err
                }
                (Error::Interrupted { .. }, None, None) => err,
                (_, Some(file), _) if started => err.context(format!(
                    "page {} failed; {} is unchanged: run the command again",
                    pager.pages() + 1,
                    file.display()
                )),
                (_, None, Some(flag)) => err.context(format!(
                    "page {} failed after {written} items were written; resume with {flag}",
                    pager.pages() + 1
                )),
                _ => err,
            },
        );
    }
    printer.finish_list(&mut sink, &end)?;
    sink.commit()?;

    let stderr = &ctx.io.stderr;
    if written == 0 && (style == Style::Table || terminals.stderr) {
        stderr.line(&format!("No {} found.", resource.plural()));
    }
    if pager.is_inexact() {
        stderr.line(
            "warning: the server sent more items than asked for; resuming will skip the rest of the last page",
        );
    }
    if let Some(flag) = resume_flag(&resume)
        && !resume_in_document
    {
        stderr.line(&format!(
            "note: {} shown; more may be available: continue with {flag}",
            count(written, "item")
        ));
    }
    Ok(())
}

/// The flag that continues the listing, e.g. `--page-token abc` or `--offset 200`.
fn resume_flag(resume: &Resume) -> Option<String> {
    match resume {
        Resume::Cursor(Some(token)) => Some(format!("--page-token {}", shell_quote(token))),
        Resume::Offset(Some(offset)) => Some(format!("--offset {offset}")),
        _ => None,
    }
}

/// The field that closes a listing document, and its value as JSON text.
fn resume_field(resume: &Resume) -> (&'static str, String) {
    match resume {
        Resume::Cursor(token) => (
            "next_page_token",
            token.as_ref().map_or_else(
                || "null".to_string(),
                |t| serde_json::Value::from(t.as_str()).to_string(),
            ),
        ),
        Resume::Offset(offset) => (
            "next_offset",
            offset.map_or_else(|| "null".to_string(), |n| n.to_string()),
        ),
    }
}

/// Makes the request on a worker thread, so that a signal can end the listing cleanly while
/// a request is in flight (the request is abandoned).
fn fetch(listener: &Listener, request: PageRequest) -> Result<Result<Reply, api::Error>, Error> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(request.send());
    });
    loop {
        match receiver.recv_timeout(SIGNAL_POLL) {
            Ok(reply) => return Ok(reply),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some(signal) = listener.received() {
                    return Err(Error::Interrupted { signal });
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Error::failure("the request thread stopped"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_flags_are_pasteable() {
        assert_eq!(
            resume_flag(&Resume::Cursor(Some("abc_12-=".into()))).unwrap(),
            "--page-token abc_12-="
        );
        assert_eq!(
            resume_flag(&Resume::Cursor(Some("a b'c".into()))).unwrap(),
            r"--page-token 'a b'\''c'"
        );
        assert_eq!(resume_flag(&Resume::Offset(Some(40))).unwrap(), "--offset 40");
        assert_eq!(resume_flag(&Resume::Offset(None)), None);
    }
}
