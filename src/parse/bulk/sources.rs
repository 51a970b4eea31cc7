//! The documents of a bulk run: the arguments, each `--recursive` tree (filtered by
//! `--include`/`--exclude`, hidden entries and result directories left out) and `--from-list`,
//! each with the path its result is written to.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead as _, BufReader, Seek as _, SeekFrom};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::cli::BulkArgs;
use crate::context::{Context, Stderr};
use crate::error::Error;
use crate::parse::bulk::manifest;
use crate::parse::bulk::walk::{Filter, Taken, Walk, not_regular};
use crate::parse::kind::Kind;
use crate::parse::plan::Source;
use crate::text::neutralize;

/// One document to parse (one is kept for every document of the run, so it holds only what
/// cannot be derived).
#[derive(Debug, Clone)]
pub(super) struct Document {
    pub(super) source: Source,
    /// How the output lines name it when that is not its path or URL (`-` for stdin).
    given: Option<Box<str>>,
    /// Where its result goes, relative to the output directory, with `/` between parts (the
    /// manifest's name for it).
    pub(super) relative: String,
    /// The output directory.
    dir: Arc<Path>,
    /// Why it cannot be read, found by the walk (a directory that cannot be listed, a link that
    /// leads nowhere): it fails alone.
    pub(super) unreadable: Option<Box<str>>,
}

impl Document {
    /// How the output lines name it: the path as given, or the URL.
    pub(super) fn name(&self) -> Cow<'_, str> {
        match (&self.given, &self.source) {
            (Some(given), _) => Cow::Borrowed(given),
            (None, Source::File(path)) => path.to_string_lossy(),
            (None, Source::Url(text) | Source::FileId(text)) => Cow::Borrowed(text),
        }
    }

    /// Where its result goes.
    pub(super) fn output(&self) -> PathBuf {
        self.dir.join(&self.relative)
    }

    /// Why it cannot be parsed into its output, known before anything is sent: it cannot be read,
    /// or a part of the result's path is longer than a file name can be (it would be paid for,
    /// then not written).
    pub(super) fn refusal(&self) -> Option<String> {
        if let Some(why) = &self.unreadable {
            return Some(why.to_string());
        }
        self.relative
            .split('/')
            .find(|part| part.len() > NAME_MAX)
            .map(|part| {
                format!(
                    "not parsed: its result's name ({}…, {} bytes) is longer than a file name can be ({NAME_MAX} bytes)",
                    neutralize(&part.chars().take(40).collect::<String>()),
                    part.len()
                )
            })
    }
}

/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;

/// What a run over many documents writes: JSON, text (asked for, or the fast tier's, which
/// makes only text), else markdown.
pub(super) fn kind_of_run(global: &crate::cli::GlobalArgs, plan: &crate::parse::plan::Plan) -> Kind {
    use crate::api::models::Part;
    use crate::cli::Format;
    match global.format {
        Some(Format::Text) => Kind::Part(Part::Text),
        Some(Format::Json) => Kind::Json,
        _ if global.json => Kind::Json,
        _ => Kind::Part(plan.default_part()),
    }
}

/// Checks what can be checked of a document here; a file that cannot be read fails alone (exit
/// 1), not the run.
pub(super) fn check(source: &Source) -> Result<(), Error> {
    crate::parse::plan::check_source(source).map_err(|err| match err {
        Error::Usage(message) => Error::Failure(message),
        other => other,
    })
}

/// The documents of a run, found one at a time, in order: the arguments, then each
/// `--recursive` tree (each directory in name order), then `--from-list`. The same sources give
/// the same documents in the same order, so a run goes over them twice: once to count them and
/// find two that would write one output before anything is sent (only a hash of each output
/// path is kept), then as the submitters take them. Nothing holds the whole list.
pub(super) struct Sources {
    dir: Arc<Path>,
    extension: &'static str,
    /// The arguments, checked, each with its name and where its result goes.
    arguments: Vec<(Source, String, PathBuf)>,
    roots: Vec<PathBuf>,
    /// `--from-list` (stdin copied to a temporary file), read from its start by each pass.
    list: Option<File>,
    walk: Walk,
}

impl Sources {
    /// Checks the arguments, the trees and the list: what cannot be parsed at all is a usage
    /// error before anything is sent.
    pub(super) fn new(
        bulk: &BulkArgs,
        arguments: Vec<(Source, String)>,
        dir: &Path,
        kind: Kind,
        ours: HashSet<PathBuf>,
        ctx: &mut Context,
    ) -> Result<Self, Error> {
        let mut checked = Vec::with_capacity(arguments.len());
        for (source, name) in arguments {
            let relative = match &source {
                Source::File(path) => {
                    if path.is_dir() {
                        return Err(Error::usage(format!(
                            "{} is a directory: use --recursive {0}",
                            neutralize(&path.display().to_string())
                        )));
                    }
                    // What cannot be uploaded (a FIFO, a device) is refused before anything is sent.
                    if let Ok(metadata) = std::fs::metadata(path)
                        && !metadata.is_file()
                    {
                        return Err(Error::usage(format!(
                            "cannot upload {}: {} (to parse what a pipe carries, give - and pipe it to stdin)",
                            neutralize(&name),
                            not_regular(&metadata.file_type())
                        )));
                    }
                    PathBuf::from(path.file_name().unwrap_or(path.as_os_str()))
                }
                Source::Url(url) => url_path(url),
                Source::FileId(id) => PathBuf::from(id),
            };
            checked.push((source, name, relative));
        }
        for root in &bulk.recursive {
            if !root.is_dir() {
                return Err(Error::usage(format!(
                    "--recursive {}: not a directory",
                    neutralize(&root.display().to_string())
                )));
            }
        }
        // What the manifest of a root (or of a directory above one) lists is ours too: a tree
        // that was an output directory.
        let mut ours = ours;
        for root in &bulk.recursive {
            ours.extend(manifest::listed_at_or_above(root));
        }
        let list = bulk
            .from_list
            .as_deref()
            .map(|list| open_list(list, ctx))
            .transpose()?;
        Ok(Sources {
            dir: Arc::from(dir),
            extension: kind.extension(),
            arguments: checked,
            roots: bulk.recursive.clone(),
            list,
            walk: Walk {
                output_dir: std::fs::canonicalize(dir).ok(),
                ours,
                filter: Filter::new(&bulk.include, &bulk.exclude)?,
                follow: bulk.follow,
            },
        })
    }

    /// A pass over the documents; `notes` says what the walk skips (the first pass only).
    pub(super) fn pass(&self, notes: Option<Stderr>) -> Pass<'_> {
        Pass {
            sources: self,
            at: At::Argument(0),
            notes,
        }
    }

    fn document(&self, source: Source, name: &str, relative: &Path) -> Document {
        let mut relative = relative.as_os_str().to_owned();
        relative.push(format!(".{}", self.extension));
        let relative = Path::new(&relative)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let mut document = Document {
            source,
            given: None,
            relative,
            dir: Arc::clone(&self.dir),
            unreadable: None,
        };
        if document.name() != name {
            document.given = Some(name.into());
        }
        document
    }
}

/// Where a pass is.
enum At {
    Argument(usize),
    Tree {
        root: usize,
        walk: walkdir::IntoIter,
        /// Symbolic links not followed so far.
        links: usize,
    },
    List(std::io::Lines<BufReader<File>>),
    Done,
}

/// One pass over the documents of a run (see `Sources`). A document that cannot be found is
/// an error the first pass stops on; a later pass goes on after it.
pub(super) struct Pass<'s> {
    sources: &'s Sources,
    at: At,
    notes: Option<Stderr>,
}

impl Pass<'_> {
    fn note(&self, line: &str) {
        if let Some(stderr) = &self.notes {
            stderr.line(line);
        }
    }

    /// Moves to the tree after `root` (or the list).
    fn after_tree(&mut self, root: usize, links: usize) {
        let sources = self.sources;
        if links > 0 {
            self.note(&format!(
                "note: {links} symbolic link{} under {} not followed (--follow parses what they point to)",
                if links == 1 { "" } else { "s" },
                neutralize(&sources.roots[root].display().to_string())
            ));
        }
        self.at = self.tree(root + 1);
    }

    fn tree(&self, root: usize) -> At {
        let sources = self.sources;
        match sources.roots.get(root) {
            Some(path) => At::Tree {
                root,
                walk: walkdir::WalkDir::new(path)
                    .follow_links(sources.walk.follow)
                    .sort_by_file_name()
                    .into_iter(),
                links: 0,
            },
            None => self.list(),
        }
    }

    fn list(&self) -> At {
        let Some(file) = &self.sources.list else {
            return At::Done;
        };
        match file.try_clone().and_then(|mut file| {
            file.seek(SeekFrom::Start(0))?;
            Ok(file)
        }) {
            Ok(file) => At::List(BufReader::new(file).lines()),
            Err(_) => At::Done,
        }
    }
}

impl Iterator for Pass<'_> {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let sources = self.sources;
        loop {
            match &mut self.at {
                At::Argument(index) => {
                    let Some((source, name, relative)) = sources.arguments.get(*index) else {
                        self.at = self.tree(0);
                        continue;
                    };
                    *index += 1;
                    return Some(Ok(sources.document(source.clone(), name, relative)));
                }
                At::Tree { root, walk, links } => {
                    let (root, path) = (*root, &sources.roots[*root]);
                    let Some(entry) = walk.next() else {
                        let links = *links;
                        self.after_tree(root, links);
                        continue;
                    };
                    match sources.walk.take(entry, path, walk, links) {
                        Taken::File(relative) => {
                            let source = Source::File(path.join(&relative));
                            let name = path.join(&relative).display().to_string();
                            return Some(Ok(sources.document(source, &name, &relative)));
                        }
                        Taken::Failed(relative, why) => {
                            let name = path.join(&relative).display().to_string();
                            let mut document =
                                sources.document(Source::File(path.join(&relative)), &name, &relative);
                            document.unreadable = Some(why.into());
                            return Some(Ok(document));
                        }
                        Taken::Nothing => {}
                        Taken::Note(line) => self.note(&line),
                        Taken::Unreadable(err) => {
                            self.at = At::Done;
                            return Some(Err(err));
                        }
                    }
                }
                At::List(lines) => match lines.next() {
                    None => self.at = At::Done,
                    Some(Err(err)) => {
                        self.at = At::Done;
                        return Some(Err(Error::usage(format!(
                            "--from-list: cannot read a line: {err}"
                        ))));
                    }
                    Some(Ok(line)) => {
                        let line = line.trim();
                        if line.is_empty() || line.starts_with('#') {
                            continue;
                        }
                        let source = Source::of_argument(line);
                        let relative = match &source {
                            Source::Url(url) => url_path(url),
                            _ => clean_relative(Path::new(line)),
                        };
                        return Some(Ok(sources.document(source, line, &relative)));
                    }
                },
                At::Done => return None,
            }
        }
    }
}

/// Opens `--from-list` (stdin is copied to a temporary file, so that it can be read twice).
fn open_list(path: &Path, ctx: &mut Context) -> Result<File, Error> {
    if path == Path::new("-") {
        let mut file = tempfile::tempfile()?;
        std::io::copy(&mut ctx.io.stdin, &mut file)
            .map_err(|err| Error::Io(err).context("cannot read --from-list - (stdin)"))?;
        return Ok(file);
    }
    File::open(path).map_err(|err| {
        Error::usage(format!(
            "--from-list {}: {err}",
            neutralize(&path.display().to_string())
        ))
    })
}

/// Where a URL's result goes: its host and path, cleaned.
pub(super) fn url_path(url: &str) -> PathBuf {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let cleaned = clean_relative(Path::new(rest));
    if cleaned.as_os_str().is_empty() {
        PathBuf::from("document")
    } else {
        cleaned
    }
}

/// Only the plain components of a path: no root, no `..`, so a result never lands outside DIR.
pub(super) fn clean_relative(path: &Path) -> PathBuf {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect()
}

/// A document's size and modification time, when it is a local file.
pub(super) fn stat(source: &Source) -> Option<(u64, Option<std::time::SystemTime>)> {
    match source {
        Source::File(path) => std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok())),
        Source::Url(_) | Source::FileId(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::bulk::testing::{bulk, context, sources};

    fn names(pass: Pass<'_>) -> Vec<String> {
        pass.map(|d| d.unwrap().relative).collect()
    }

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"%PDF-1.4").unwrap();
    }

    #[test]
    fn a_pass_finds_the_documents_as_they_are_taken() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        touch(&root.join("a.pdf"));
        touch(&root.join("b/c.pdf"));
        std::fs::create_dir_all(root.join("later")).unwrap();
        let mut ctx = context("");
        let sources = sources(&[], &bulk(&[&root], None), &dir.path().join("out"), &mut ctx).unwrap();
        let mut pass = sources.pass(None);
        assert_eq!(pass.next().unwrap().unwrap().relative, "a.pdf.md");
        // Nothing was listed ahead: a file that appears where the walk has not been yet is found.
        touch(&root.join("later/new.pdf"));
        assert_eq!(names(pass), ["b/c.pdf.md", "later/new.pdf.md"]);
    }

    #[test]
    fn documents_come_in_the_order_of_their_paths_arguments_first_then_trees_then_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        for name in [
            "a.pdf",
            "a-b.pdf",
            "a/x.pdf",
            "B.pdf",
            "a/.hidden.pdf",
            ".git/x.pdf",
        ] {
            touch(&root.join(name));
        }
        let single = dir.path().join("single.pdf");
        touch(&single);
        let mut ctx = context("# a comment\n\nhttps://example.com/doc.pdf?x=1\n  listed.pdf  \n");
        let sources = sources(
            &[&single],
            &bulk(&[&root], Some("-")),
            &dir.path().join("out"),
            &mut ctx,
        )
        .unwrap();
        let expected = [
            "single.pdf.md",
            "B.pdf.md",
            "a/x.pdf.md",
            "a-b.pdf.md",
            "a.pdf.md",
            "example.com/doc.pdf.md",
            "listed.pdf.md",
        ];
        assert_eq!(sources.count(&ctx.io.stderr).unwrap(), expected.len());
        // The list came from stdin, read once: each pass still finds it.
        assert_eq!(names(sources.pass(None)), expected);
        assert_eq!(names(sources.pass(None)), expected);
    }
}
