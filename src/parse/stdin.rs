//! `parse -`: the document read from stdin. A pipe can be read only once and has no size to
//! send, while a document is hashed (its result key) and then uploaded: so stdin is copied to a
//! temporary file first, named by `--filename` (its extension tells the API the type).

use std::io;

use crate::cli::ParseArgs;
use crate::context::Context;
use crate::error::Error;

/// The temporary directory holding the spooled document; removed when dropped.
pub(crate) struct Spooled {
    _dir: tempfile::TempDir,
}

/// Copies stdin to a file when an argument of `parse` is `-`, and records where.
pub fn spool(args: &mut ParseArgs, ctx: &mut Context) -> Result<Option<Spooled>, Error> {
    let dashes = args.sources.iter().filter(|s| s.as_str() == "-").count();
    if dashes > 1 {
        return Err(Error::usage("- (stdin) can be given once"));
    }
    // A pipe holds one thing: the document, the list of documents, or the options.
    let from_stdin = |path: Option<&std::path::Path>| path == Some(std::path::Path::new("-"));
    let readers: Vec<&str> = [
        (dashes == 1, "a document (-)"),
        (from_stdin(args.bulk.from_list.as_deref()), "--from-list -"),
        (from_stdin(args.job.options.as_deref()), "--options -"),
    ]
    .into_iter()
    .filter_map(|(reads, name)| reads.then_some(name))
    .collect();
    if let [first, second, ..] = readers.as_slice() {
        let hint = if *second == "--options -" {
            ": give the options in a file"
        } else {
            ""
        };
        return Err(Error::usage(format!(
            "stdin cannot hold both {first} and {second}{hint}"
        )));
    }
    if dashes == 0 {
        return Ok(None);
    }
    if ctx.io.terminals.stdin {
        return Err(Error::usage(
            "- reads the document from stdin, which is a terminal: pipe or redirect a file to it \
             (llamacloud parse - < report.pdf)",
        ));
    }
    let dir = tempfile::Builder::new().prefix("llamacloud-stdin").tempdir()?;
    let path = dir.path().join(&args.filename);
    let mut file = std::fs::File::create(&path)?;
    let copied = io::copy(&mut ctx.io.stdin, &mut file)
        .map_err(|err| Error::Io(err).context("cannot read the document from stdin"))?;
    if copied == 0 {
        return Err(Error::usage("nothing to parse: stdin (-) was empty"));
    }
    file.sync_all()?;
    args.spooled = Some(path);
    Ok(Some(Spooled { _dir: dir }))
}
