//! What a bulk run says: a line per document (jsonl on stdout through the output destination,
//! a line for people on stderr above the progress bar), and the closing summary and exit.

use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::api::document::FailedPage;
use crate::context::Context;
use crate::error::Error;
use crate::output::destination::Sink;
use crate::output::job::human_size;
use crate::output::progress::Progress;
use crate::parse::bulk::sources::Document;
use crate::parse::spend::receipt::Receipt;
use crate::text::neutralize;

/// The formats a run over several documents writes: its results as markdown, text or the API's
/// JSON, and with jsonl a line per document on stdout. Any other is a usage error, as it is for
/// any command that cannot write it.
pub(super) fn check_format(global: &crate::cli::GlobalArgs) -> Result<(), Error> {
    use crate::cli::Format;
    const WRITTEN: [Format; 5] = [
        Format::Auto,
        Format::Markdown,
        Format::Text,
        Format::Json,
        Format::Jsonl,
    ];
    let format = global.format();
    if WRITTEN.contains(&format) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "--format {} does not apply to several documents: their results are written as markdown or \
         text (the default), or with --format json as the API's JSON; --format jsonl adds a JSON \
         line per document on stdout",
        crate::output::style::format_names(&[format])
    )))
}

/// What happened to one document: a line of `--format jsonl`.
#[derive(Debug, Serialize)]
pub(super) struct Outcome {
    pub(super) source: String,
    pub(super) job_id: Option<String>,
    /// COMPLETED, FAILED, CANCELLED, SKIPPED (its result in OUT before), CACHED (from the result
    /// store or a job an earlier run made), SAME (another document of this run has the same
    /// bytes: its job), RUNNING (left on a signal) or ERROR.
    pub(super) status: String,
    pub(super) output: Option<String>,
    /// The pages of its result the API could not parse (marked in the output).
    #[serde(serialize_with = "page_numbers")]
    pub(super) failed_pages: Vec<FailedPage>,
    /// The credits this run paid for it: its job's when the job was made for it in this run
    /// (null until the API has billed it), 0 when it cost nothing (done before, in the store,
    /// or another document's job).
    pub(super) credits: Option<serde_json::Number>,
    /// Why it did not complete; written as its message.
    #[serde(rename = "error", serialize_with = "message_of")]
    pub(super) failure: Option<Error>,
    /// The windows it was parsed in (a long document), each with its pages, job, status and
    /// credits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) windows: Option<Vec<crate::parse::bulk::manifest::WindowLine>>,
    /// The files saved beside it (`parse --save`): path, bytes, hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) saved: Option<Vec<SavedOut>>,
    /// The dated parser version its job ran with, when it was made in this run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) version: Option<String>,
    /// Its failed or empty pages parsed again on another tier (`--escalate`): the tier, the job,
    /// the pages, the credits (billed when made in this run, 0 when reused), the pages still
    /// failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) escalation: Option<crate::parse::escalate::EscalationLine>,
    /// Why its failed pages were not escalated though the run escalates (a URL, a document
    /// parsed in windows): said on its line.
    #[serde(skip)]
    pub(super) not_escalated: Option<&'static str>,
    /// Bytes uploaded for it in this run.
    #[serde(skip)]
    pub(super) uploaded: u64,
    /// Its job was made for it in this run.
    #[serde(skip)]
    pub(super) paid: bool,
}

/// A file saved beside a document, as its jsonl line gives it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct SavedOut {
    /// Where it is (the output directory joined, as `output` is given).
    pub(super) path: String,
    pub(super) bytes: u64,
    /// Its BLAKE3 hash, in hex.
    pub(super) hash: String,
}

/// `--format jsonl`'s `error`: the failure's message.
pub(super) fn message_of<S: serde::Serializer>(
    failure: &Option<Error>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match failure {
        Some(err) => serializer.serialize_some(&err.to_string()),
        None => serializer.serialize_none(),
    }
}

/// `--format jsonl`'s `failed_pages`: the page numbers (as numbers when they are).
fn page_numbers<S: serde::Serializer>(pages: &[FailedPage], serializer: S) -> Result<S::Ok, S::Error> {
    let numbers: Vec<serde_json::Value> = pages
        .iter()
        .map(|page| {
            page.page_number
                .parse::<u64>()
                .map_or_else(|_| page.page_number.clone().into(), Into::into)
        })
        .collect();
    numbers.serialize(serializer)
}

pub(super) fn progress(ctx: &Context, total: u64) -> Progress {
    Progress::documents(ctx.io.terminals.stderr, total)
}

impl Outcome {
    pub(super) fn new(document: &Document, status: &str) -> Self {
        Outcome::named(document.name().into_owned(), status)
    }

    /// The outcome of the document called `source`, nothing known of it yet but `status`.
    pub(super) fn named(source: String, status: &str) -> Self {
        Outcome {
            source,
            job_id: None,
            status: status.into(),
            output: None,
            failed_pages: Vec::new(),
            credits: None,
            failure: None,
            windows: None,
            saved: None,
            version: None,
            escalation: None,
            not_escalated: None,
            uploaded: 0,
            paid: false,
        }
    }
}

/// What the run has said so far: counters (each outcome costs the same however many came
/// before), the failures for the closing lines, and the jobs this run paid for.
#[derive(Default)]
pub(super) struct Tally {
    completed: usize,
    skipped: usize,
    running: usize,
    failed: usize,
    /// Documents done with pages that failed.
    partial: usize,
    /// Documents whose job (or escalation) was made in this run: billed, and not billed yet
    /// (the credits are the receipt's).
    billed: usize,
    unbilled: usize,
    /// Documents done that cost nothing in this run.
    free: usize,
    /// Documents of other shards.
    outside: usize,
    uploaded: u64,
    errors: Vec<(String, Error)>,
    /// Jobs created in this run, for the words of a run that stopped creating.
    created: Vec<String>,
    /// Pages of the documents parsed in windows: written so far, and in all.
    pages: (u64, u64),
    /// Documents not started because the budget was reached.
    left: Vec<String>,
}

impl Tally {
    fn reported(&self) -> usize {
        self.completed + self.skipped + self.running + self.failed + self.left.len()
    }

    /// What the run cost, by tier, as `budget` kept account of it.
    pub(super) fn receipt(&self, budget: &crate::parse::spend::budget::Budget) -> Receipt {
        Receipt::of(budget, self.free, self.left.len())
    }

    /// A document of another shard: the run has one fewer.
    /// The pages of the documents parsed in windows, on the progress line when they change.
    pub(super) fn pages(&mut self, pages: (u64, u64), bar: &Progress) {
        if pages != self.pages {
            self.pages = pages;
            self.show(bar);
        }
    }

    /// The progress line's words: failures, bytes uploaded, and pages when documents went in
    /// windows (`300/1000 pages`).
    fn show(&self, bar: &Progress) {
        let pages = match self.pages {
            (_, 0) => String::new(),
            (done, total) => format!(", {done}/{total} pages"),
        };
        bar.set_message(format!(
            "{} failed, {} uploaded{pages}",
            self.failed,
            human_size(self.uploaded)
        ));
    }

    pub(super) fn outside(&mut self, bar: &Progress) {
        self.outside += 1;
        bar.shorten();
    }

    /// Says what became of one document: a jsonl line on stdout, and for people a line on
    /// stderr (above the progress bar on a terminal).
    pub(super) fn report(
        &mut self,
        ctx: &Context,
        outcome: Outcome,
        jsonl: Option<&mut Sink>,
        bar: &Progress,
    ) -> Result<(), Error> {
        bar.inc();
        match outcome.status.as_str() {
            "COMPLETED" => self.completed += 1,
            "SKIPPED" | "CACHED" | "SAME" => self.skipped += 1,
            "RUNNING" => self.running += 1,
            "LEFT" => self.left.push(neutralize(&outcome.source).into_owned()),
            _ => self.failed += 1,
        }
        self.uploaded += outcome.uploaded;
        if !outcome.failed_pages.is_empty() && outcome.failure.is_none() {
            self.partial += 1;
        }
        match (outcome.paid, &outcome.credits) {
            (true, Some(_)) => self.billed += 1,
            (true, None) => self.unbilled += 1,
            (false, _)
                if matches!(
                    outcome.status.as_str(),
                    "COMPLETED" | "SKIPPED" | "CACHED" | "SAME"
                ) =>
            {
                self.free += 1
            }
            (false, _) => {}
        }
        // An escalation made in this run is a job of its own (reused: 0).
        match outcome.escalation.as_ref().map(|e| &e.credits) {
            Some(Some(credits)) if credits.as_f64() != Some(0.0) => self.billed += 1,
            Some(None) => self.unbilled += 1,
            _ => {}
        }
        if (outcome.uploaded > 0 || outcome.status == "COMPLETED")
            && let Some(id) = &outcome.job_id
        {
            self.created.push(neutralize(id).into_owned());
        }
        self.show(bar);
        if let Some(sink) = jsonl {
            let line = serde_json::to_string(&outcome).map_err(|e| Error::failure(e.to_string()))?;
            sink.write_all(format!("{line}\n").as_bytes())?;
            sink.flush()?;
        }
        let source = neutralize(&outcome.source);
        let mut line = match (&outcome.output, &outcome.failure) {
            (_, Some(error)) => format!("{} {source}: {}", outcome.status, neutralize(&error.to_string())),
            (Some(output), None) => format!("{} {source} → {}", outcome.status, neutralize(output)),
            (None, None) => format!("{} {source}", outcome.status),
        };
        if outcome.failure.is_none() && !outcome.failed_pages.is_empty() {
            let pages: Vec<String> = outcome
                .failed_pages
                .iter()
                .map(crate::output::document::failed_page)
                .collect();
            line.push_str(&format!(" (warning: {})", pages.join("; ")));
        }
        if let Some(escalation) = &outcome.escalation {
            let pages: Vec<String> = escalation.pages.iter().map(u64::to_string).collect();
            line.push_str(&format!(
                " (pages {} parsed again on {})",
                pages.join(","),
                neutralize(&escalation.tier)
            ));
        }
        if let Some(why) = outcome.not_escalated.filter(|_| !outcome.failed_pages.is_empty()) {
            let pages: Vec<&str> = outcome
                .failed_pages
                .iter()
                .map(|page| page.page_number.as_str())
                .collect();
            let word = if pages.len() == 1 { "page" } else { "pages" };
            line.push_str(&format!(
                " ({word} {} failed; not escalated: {why})",
                pages.join(",")
            ));
        }
        bar.suspend(|| ctx.io.stderr.line(&line));
        if let Some(failure) = outcome.failure.filter(|_| outcome.status != "LEFT") {
            self.errors
                .push((neutralize(&outcome.source).into_owned(), failure));
        }
        Ok(())
    }
}

/// `--format jsonl`'s last line: `{"receipt": {...}}`.
pub(super) fn receipt_line(receipt: &Receipt, sink: &mut Sink) -> Result<(), Error> {
    let line = serde_json::to_string(&serde_json::json!({ "receipt": receipt }))
        .map_err(|e| Error::failure(e.to_string()))?;
    sink.write_all(format!("{line}\n").as_bytes())?;
    sink.flush()?;
    Ok(())
}

/// How the run ended.
pub(super) struct End<'a> {
    /// Documents named, walked or listed (all shards).
    pub(super) total: usize,
    pub(super) shard: Option<String>,
    /// Why the run stopped creating (the store or the manifest could not be written, a stage
    /// broke).
    pub(super) fatal: Option<String>,
    /// What ended the run for every document (a refused key).
    pub(super) aborted: Option<Error>,
    pub(super) dir: &'a Path,
    pub(super) took: Duration,
    pub(super) signal: Option<i32>,
    pub(super) again: &'a str,
    /// The run parsed again what was done (`--force`): the advice to go on leaves it out.
    pub(super) force: bool,
    /// What the run cost.
    pub(super) receipt: Receipt,
}

/// The closing lines, and the exit: 0 when every document is done, else that of the worst.
pub(super) fn summarize(ctx: &Context, tally: Tally, end: End) -> Result<(), Error> {
    let total = end.total - tally.outside;
    let Tally {
        completed,
        skipped,
        running,
        failed,
        partial,
        ..
    } = tally;
    let dir = neutralize(&end.dir.display().to_string()).into_owned();
    // Documents left by the budget were not started either.
    let not_started = total.saturating_sub(tally.reported()) + tally.left.len();
    if let Some(signal) = end.signal {
        // What it cost so far, then how to go on (the last line).
        for line in end.receipt.table() {
            ctx.io.stderr.line(&line);
        }
        ctx.io.stderr.line(&format!(
            "interrupted: {} done, {running} running (their jobs are recorded: the next run waits for them), {not_started} not started; \
             to go on: {}",
            completed + skipped,
            neutralize(end.again)
        ));
        return Err(Error::Interrupted { signal });
    }
    if let Some(err) = end.aborted {
        ctx.io.stderr.line(&format!(
            "stopped: {completed} parsed, {skipped} already done, {not_started} not started"
        ));
        return Err(err);
    }
    if let Some(fatal) = &end.fatal {
        ctx.io.stderr.line(&format!(
            "stopped creating jobs: {}; jobs created in this run: {} (run the same command again \
             once it can be written: they are not paid for twice)",
            neutralize(fatal),
            if tally.created.is_empty() {
                "none".to_string()
            } else {
                tally.created.join(", ")
            }
        ));
        return Err(Error::failure(neutralize(fatal).into_owned()));
    }
    let shard = end
        .shard
        .as_ref()
        .map(|shard| format!(" (shard {shard} of {})", end.total))
        .unwrap_or_default();
    let with_failed_pages = if partial > 0 {
        format!(", {partial} with failed pages")
    } else {
        String::new()
    };
    let left = match (tally.left.len(), end.receipt.out_of_credits) {
        (0, _) => String::new(),
        (n, false) => format!(", {n} left (budget reached)"),
        (n, true) => format!(", {n} left (out of credits)"),
    };
    ctx.io.stderr.line(&format!(
        "{total} document{}{shard} in {:.1} s: {completed} parsed, {skipped} already done, {failed} failed{with_failed_pages}{left}; results in {dir}",
        if total == 1 { "" } else { "s" },
        end.took.as_secs_f64()
    ));
    if tally.billed + tally.unbilled + tally.free > 0
        || end.receipt.total.jobs > 0
        || end.receipt.budget.is_some()
    {
        ctx.io.stderr.line(&end.receipt.credits_line());
    }
    for line in end.receipt.table() {
        ctx.io.stderr.line(&line);
    }
    if let Some(reached) = budget_reached(&tally, &end) {
        return Err(reached);
    }
    if tally.errors.is_empty() && partial > 0 {
        Err(Error::Partial {
            what: format!(
                "{partial} document{} done with failed pages, marked in {}",
                if partial == 1 { "" } else { "s" },
                if partial == 1 {
                    "its output"
                } else {
                    "their outputs"
                }
            ),
        })
    } else if tally.errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Several {
            of: total,
            errors: tally.errors,
        })
    }
}

/// The run left documents because the budget was reached (or the API is out of credits): they
/// are named, and the run ends with exit 8 saying how to go on.
fn budget_reached(tally: &Tally, end: &End) -> Option<Error> {
    const NAMED: usize = 10;
    if tally.left.is_empty() {
        return None;
    }
    let mut names = tally.left[..tally.left.len().min(NAMED)].join(", ");
    if tally.left.len() > NAMED {
        names.push_str(&format!(" and {} more", tally.left.len() - NAMED));
    }
    let why = end.receipt.reached.clone().unwrap_or_default();
    let mut how = if end.receipt.out_of_credits {
        "once the organization has credits again, run the same command".to_string()
    } else {
        "run the same command with a larger --max-credits (a budget is for one run: what this run \
         billed does not count against the next)"
            .to_string()
    };
    if end.force {
        how.push_str(", without --force (which parses everything again)");
    }
    Some(Error::BudgetReached(format!(
        "{why}; {} not started: {names}; to go on, {how}; what is done is not paid for again: {}",
        if tally.left.len() == 1 {
            "1 document".to_string()
        } else {
            format!("{} documents", tally.left.len())
        },
        neutralize(end.again)
    )))
}

#[cfg(test)]
mod tests;
