//! A windowed document written from its windows' results, in order: the markdown or text page
//! by page through one writer (so the document is the one a single job would have given, page
//! numbers and all, as the API numbers a window's pages as in the document), each window as it
//! comes, never the whole document in memory; or one JSON document with every window's pages.

use std::io::{self, BufReader, Write};

use serde_json::{Map, Value, json};

use crate::api::document::FailedPage;
use crate::api::models::Part;
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::document::Writer;
use crate::parse::fetch::Kept;
use crate::parse::kind::Kind;
use crate::parse::window::Window;

/// What a window came to.
pub(in crate::parse) enum Piece {
    /// Its job's response (markdown and text, as JSON), and the pages of it that failed.
    Result {
        kept: Kept,
        job_id: String,
        window: Window,
        failed: Vec<FailedPage>,
        /// What its job cost this run: its credits when made now (null until billed), else 0.
        credits: Option<serde_json::Number>,
    },
    /// Its job ended FAILED: each of its pages failed, with the job's words.
    Failed {
        job_id: String,
        window: Window,
        error: String,
    },
}

impl Piece {
    /// The pages of it that failed.
    pub(in crate::parse) fn failed_pages(&self) -> Vec<FailedPage> {
        match self {
            Piece::Result { failed, .. } => failed.clone(),
            Piece::Failed { window, error, .. } => window
                .numbers()
                .map(|n| FailedPage {
                    page_number: n.to_string(),
                    error: error.clone(),
                })
                .collect(),
        }
    }

    pub(in crate::parse) fn job_id(&self) -> &str {
        match self {
            Piece::Result { job_id, .. } | Piece::Failed { job_id, .. } => job_id,
        }
    }

    pub(in crate::parse) fn window(&self) -> &Window {
        match self {
            Piece::Result { window, .. } | Piece::Failed { window, .. } => window,
        }
    }
}

/// Writes the `part` of the document from its windows' pieces, each as `pieces` yields it (in
/// order; an error ends the document unwritten). Returns the pages that failed.
pub(in crate::parse) fn write_part<W: Write>(
    out: &mut W,
    part: Part,
    flush_pages: bool,
    pieces: impl Iterator<Item = Result<Piece, Error>>,
) -> Result<Vec<FailedPage>, Error> {
    let mut writer = Writer::new(out, flush_pages);
    let mut failed = Vec::new();
    for piece in pieces {
        match piece? {
            Piece::Result { kept, .. } => {
                let file = BufReader::new(kept.open()?);
                failed.extend(writer.response(file, part)?.failed);
            }
            piece @ Piece::Failed { .. } => {
                for page in piece.failed_pages() {
                    writer.failed_page(&page)?;
                    failed.push(page);
                }
            }
        }
    }
    writer.finish()?;
    Ok(failed)
}

/// Writes the document as one JSON job response: the first window's, with every window's pages
/// in each part that has pages (a failed window's pages marked failed in `markdown`), and the
/// windows (`windows`: each one's pages and job). Each window's response is read, one at a
/// time, once for each part.
pub(in crate::parse) fn write_json<W: Write>(
    out: &mut W,
    pieces: &[Piece],
) -> Result<Vec<FailedPage>, Error> {
    let read = |kept: &Kept| -> Result<Map<String, Value>, Error> {
        let value: Value = serde_json::from_reader(BufReader::new(kept.open()?))
            .map_err(|err| Error::failure(format!("a window's stored result is not JSON: {err}")))?;
        match value {
            Value::Object(map) => Ok(map),
            _ => Err(Error::failure("a window's stored result is not a JSON object")),
        }
    };
    let first = pieces.iter().find_map(|piece| match piece {
        Piece::Result { kept, .. } => Some(kept),
        Piece::Failed { .. } => None,
    });
    let mut head = match first {
        Some(kept) => read(kept)?,
        None => Map::new(),
    };
    let paged = |value: &Value| value.get("pages").is_some_and(Value::is_array);
    let mut parts: Vec<String> = head
        .iter()
        .filter(|(_, v)| paged(v))
        .map(|(k, _)| k.clone())
        .collect();
    let any_failed = pieces.iter().any(|piece| matches!(piece, Piece::Failed { .. }));
    if any_failed && !parts.iter().any(|k| k == "markdown") {
        parts.push("markdown".into());
    }
    // The first window's pages are read again with the others': not held meanwhile.
    for name in &parts {
        if let Some(Value::Object(part)) = head.get_mut(name) {
            part.remove("pages");
        }
    }
    out.write_all(b"{")?;
    let mut comma = false;
    let mut key = |out: &mut W, name: &str| -> io::Result<()> {
        if std::mem::replace(&mut comma, true) {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, name)?;
        out.write_all(b":")
    };
    for (name, value) in head.iter().filter(|(name, _)| !parts.contains(name)) {
        key(out, name)?;
        serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    }
    for name in parts {
        key(out, &name)?;
        // The part's other fields are the first window's.
        let mut fields = head
            .get(name.as_str())
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        fields.remove("pages");
        out.write_all(b"{")?;
        for (field, value) in &fields {
            serde_json::to_writer(&mut *out, field).map_err(io::Error::from)?;
            out.write_all(b":")?;
            serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
            out.write_all(b",")?;
        }
        out.write_all(b"\"pages\":[")?;
        let mut first_page = true;
        let mut page = |out: &mut W, page: &Value| -> io::Result<()> {
            if !std::mem::replace(&mut first_page, false) {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, page).map_err(io::Error::from)
        };
        for piece in pieces {
            match piece {
                Piece::Result { kept, .. } => {
                    let response = read(kept)?;
                    let pages = response.get(name.as_str()).and_then(|p| p.get("pages"));
                    for item in pages.and_then(Value::as_array).into_iter().flatten() {
                        page(out, item)?;
                    }
                }
                piece @ Piece::Failed { .. } if name.as_str() == "markdown" => {
                    for failed in piece.failed_pages() {
                        let number: Value = failed
                            .page_number
                            .parse::<u64>()
                            .map_or(json!(null), |n| json!(n));
                        page(
                            out,
                            &json!({"page_number": number, "success": false, "error": failed.error}),
                        )?;
                    }
                }
                Piece::Failed { .. } => {}
            }
        }
        out.write_all(b"]}")?;
    }
    key(out, "windows")?;
    let windows: Vec<Value> = pieces
        .iter()
        .map(|piece| {
            json!({"target_pages": piece.window().target_pages(), "job_id": piece.job_id(),
                "status": match piece { Piece::Result { .. } => "COMPLETED", Piece::Failed { .. } => "FAILED" }})
        })
        .collect();
    serde_json::to_writer(&mut *out, &windows).map_err(io::Error::from)?;
    out.write_all(b"}\n")?;
    Ok(pieces.iter().flat_map(Piece::failed_pages).collect())
}

/// Writes the document of `kind` from its windows' pieces to `output`: to a terminal as they
/// come (a person watching sees each window), to `-o` atomically (replaced only by the whole
/// document), to a pipe or a redirection once whole — spooled on disk, never in memory, so that
/// a run that fails half-way leaves no half document there. Returns the pages that failed.
pub(in crate::parse) fn to_output(
    output: &Output,
    ctx: &Context,
    kind: Kind,
    pieces: &mut dyn Iterator<Item = Result<Piece, Error>>,
) -> Result<Vec<FailedPage>, Error> {
    let write = |mut out: &mut dyn Write, pieces: &mut dyn Iterator<Item = Result<Piece, Error>>| match kind {
        Kind::Part(part) | Kind::Full(Some(part)) => write_part(&mut out, part, output.to_terminal(), pieces),
        _ => {
            let pieces = pieces.collect::<Result<Vec<_>, Error>>()?;
            write_json(&mut out, &pieces)
        }
    };
    if output.file().is_none() && !output.to_terminal() {
        let mut spooled = io::BufWriter::new(tempfile::tempfile()?);
        let failed = write(&mut spooled, pieces)?;
        let mut file = spooled.into_inner().map_err(io::IntoInnerError::into_error)?;
        io::Seek::rewind(&mut file)?;
        let mut sink = output.open(ctx)?;
        io::copy(&mut file, &mut sink)?;
        sink.commit()?;
        return Ok(failed);
    }
    let mut sink = output.open(ctx)?;
    let failed = write(&mut sink, pieces)?;
    sink.commit()?;
    Ok(failed)
}
