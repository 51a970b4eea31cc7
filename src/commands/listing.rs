//! The listing loop shared by every list command: pages in, items out, resume point reported.

use std::io::Write as _;

use crate::api::paginate::{ListRequest, Pager};
use crate::commands::{ListOutput, Session};
use crate::output::list::{ListEnd, ListWriter};
use crate::output::progress::Progress;
use crate::output::resource::Resource;
use crate::output::{ListStyle, count};

/// Streams a listing to the output as chosen, then reports on stderr where to resume.
pub fn run(
    session: &Session,
    output: ListOutput,
    resource: Resource,
    request: ListRequest,
) -> anyhow::Result<()> {
    let style = output.style;
    // JSON and YAML documents carry the resume point themselves, unless --jq reshapes them.
    let resume_in_document = matches!(style, ListStyle::Json { .. } | ListStyle::Yaml) && output.jq.is_none();
    let mut pager = Pager::new(&session.client, request);
    let mut sink = session.sink()?;
    if style == ListStyle::Raw {
        sink.write_all(&pager.first_page_raw()?)?;
        return sink.commit();
    }
    // A count on stderr, unless items are streaming to the same terminal.
    let show_progress = session.terminal.stderr && (style == ListStyle::Table || !session.terminal.stdout);
    let progress = Progress::spinner(show_progress, format!("fetching {}", resource.plural()));
    let mut writer = ListWriter::new(sink, style, resource, session.look, output.jq);
    let outcome = loop {
        match pager.next_page() {
            Ok(Some(page)) => {
                writer.write_page(&page)?;
                progress.set_message(format!("fetched {} {}", writer.written(), resource.plural()));
            }
            Ok(None) => break Ok(()),
            Err(err) => break Err(err),
        }
    };
    progress.clear();
    let resume = pager.resume();
    let written = writer.written();
    let end = ListEnd {
        resume: &resume,
        total_size: pager.total_size(),
    };
    if let Err(err) = outcome {
        // Close what was started, so a JSON document on stdout stays valid and carries the
        // resume point. A file is not committed: it is left as it was.
        if written > 0 {
            writer.finish(&end)?;
        }
        return Err(match resume.flag().filter(|_| pager.pages() > 0) {
            Some(flag) => err.context(format!(
                "page {} failed after {written} items were written; resume with {flag}",
                pager.pages() + 1
            )),
            None => err,
        });
    }
    writer.finish(&end)?.commit()?;

    let mut stderr = std::io::stderr().lock();
    if written == 0 && (style == ListStyle::Table || session.terminal.stderr) {
        writeln!(stderr, "No {} found.", resource.plural())?;
    }
    if pager.is_inexact() {
        writeln!(
            stderr,
            "warning: the server sent more items than asked for; resuming will skip the rest of the last page"
        )?;
    }
    if let Some(flag) = resume.flag()
        && !resume_in_document
    {
        let shown = count(written, "item");
        writeln!(
            stderr,
            "note: {shown} shown; more may be available: continue with {flag}"
        )?;
    }
    Ok(())
}
