//! The documents of a bulk run: the arguments, each `--recursive` tree (filtered by
//! `--include`/`--exclude`, hidden entries and result directories left out) and `--from-list`,
//! each with the path its result is written to.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use crate::cli::BulkArgs;
use crate::commands::bulk::manifest::{LOCK, MANIFEST};
use crate::commands::create::{Source, source_of_argument};
use crate::commands::once::Kind;
use crate::context::Context;
use crate::error::Error;
use crate::text::neutralize;

/// One document to parse.
#[derive(Debug, Clone)]
pub(super) struct Document {
    pub(super) source: Source,
    /// How the output lines name it: the path as given, or the URL.
    pub(super) name: String,
    /// Where its result goes.
    pub(super) output: PathBuf,
    /// That path relative to the output directory, with `/` between parts (the manifest's name
    /// for it).
    pub(super) relative: String,
}

/// Checks what can be checked of a document here; a file that cannot be read fails alone (exit
/// 1), not the run.
pub(super) fn check(source: &Source) -> Result<(), Error> {
    crate::commands::create::check_source(source).map_err(|err| match err {
        Error::Usage(message) => Error::Failure(message),
        other => other,
    })
}

/// Every document of the run, in order: arguments, then each `--recursive` tree, then the list.
pub(super) fn collect(
    bulk: &BulkArgs,
    arguments: Vec<Source>,
    dir: &Path,
    kind: Kind,
    ours: &HashSet<PathBuf>,
    ctx: &mut Context,
) -> Result<Vec<Document>, Error> {
    let extension = kind.name();
    let mut found: Vec<(Source, PathBuf)> = Vec::new();
    for source in arguments {
        let relative = match &source {
            Source::File(path) => {
                if path.is_dir() {
                    return Err(Error::usage(format!(
                        "{} is a directory: use --recursive {0}",
                        neutralize(&path.display().to_string())
                    )));
                }
                PathBuf::from(path.file_name().unwrap_or(path.as_os_str()))
            }
            Source::Url(url) => url_path(url),
            Source::FileId(id) => PathBuf::from(id),
        };
        found.push((source, relative));
    }
    let filter = Filter::new(&bulk.include, &bulk.exclude)?;
    let output_dir = std::fs::canonicalize(dir).ok();
    for root in &bulk.recursive {
        if !root.is_dir() {
            return Err(Error::usage(format!(
                "--recursive {}: not a directory",
                neutralize(&root.display().to_string())
            )));
        }
        let mut files = Vec::new();
        walk(root, root, output_dir.as_deref(), ours, &filter, &mut files)?;
        files.sort();
        found.extend(
            files
                .into_iter()
                .map(|(path, relative)| (Source::File(path), relative)),
        );
    }
    if let Some(list) = &bulk.from_list {
        for line in read_list(list, ctx)? {
            let source = source_of_argument(&line);
            let relative = match &source {
                Source::Url(url) => url_path(url),
                _ => clean_relative(Path::new(&line)),
            };
            found.push((source, relative));
        }
    }
    if found.is_empty() {
        return Err(Error::usage("nothing to parse: no file matched"));
    }
    let mut outputs: HashMap<PathBuf, String> = HashMap::new();
    let mut documents = Vec::new();
    for (source, relative) in found {
        let name = match &source {
            Source::File(path) => path.display().to_string(),
            Source::Url(url) | Source::FileId(url) => url.clone(),
        };
        let mut relative = relative.into_os_string();
        relative.push(format!(".{extension}"));
        let relative = PathBuf::from(relative);
        let output = dir.join(&relative);
        let relative = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if let Some(other) = outputs.insert(output.clone(), name.clone()) {
            return Err(Error::usage(format!(
                "{} and {} would both be written to {}",
                neutralize(&other),
                neutralize(&name),
                neutralize(&output.display().to_string())
            )));
        }
        documents.push(Document {
            source,
            name,
            output,
            relative,
        });
    }
    Ok(documents)
}

/// `--include` and `--exclude`, matched against paths relative to their `--recursive` root.
pub(super) struct Filter {
    include: Option<globset::GlobSet>,
    exclude: globset::GlobSet,
}

impl Filter {
    fn new(include: &[String], exclude: &[String]) -> Result<Self, Error> {
        let set = |globs: &[String], flag: &str| -> Result<globset::GlobSet, Error> {
            let mut builder = globset::GlobSetBuilder::new();
            for glob in globs {
                let glob = globset::GlobBuilder::new(glob)
                    .literal_separator(false)
                    .build()
                    .map_err(|err| Error::usage(format!("{flag} {glob}: {err}")))?;
                builder.add(glob);
            }
            builder
                .build()
                .map_err(|err| Error::usage(format!("{flag}: {err}")))
        };
        Ok(Filter {
            include: (!include.is_empty())
                .then(|| set(include, "--include"))
                .transpose()?,
            exclude: set(exclude, "--exclude")?,
        })
    }

    fn wants(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|set| set.is_match(relative)) && !self.exclude.is_match(relative)
    }
}

/// The files under `dir` (symlinked directories are not followed; output directories and hidden
/// entries are left out).
pub(super) fn walk(
    root: &Path,
    dir: &Path,
    output_dir: Option<&Path>,
    ours: &HashSet<PathBuf>,
    filter: &Filter,
    out: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|err| {
        Error::usage(format!(
            "cannot read {}: {err}",
            neutralize(&dir.display().to_string())
        ))
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        // A link to a directory is not followed (a loop, or a tree of its own), nor a document.
        if kind.is_symlink() && path.is_dir() {
            continue;
        }
        if kind.is_dir() {
            // Results are not documents: this run's output directory, and any other that holds
            // a manifest or a run's lock (even with its manifest gone), are left out.
            if output_dir.is_some_and(|o| std::fs::canonicalize(&path).is_ok_and(|p| p == o))
                || path.join(MANIFEST).exists()
                || path.join(LOCK).exists()
            {
                continue;
            }
            walk(root, &path, output_dir, ours, filter, out)?;
        } else if let Ok(relative) = path.strip_prefix(root)
            && filter.wants(relative)
            // Results this tool wrote are never documents (an output directory inside the tree).
            && !std::fs::canonicalize(&path).is_ok_and(|p| ours.contains(&p))
        {
            out.push((path.clone(), relative.to_path_buf()));
        }
    }
    Ok(())
}

/// The lines of `--from-list` (blank lines and `#` comments left out).
pub(super) fn read_list(path: &Path, ctx: &mut Context) -> Result<Vec<String>, Error> {
    let mut text = String::new();
    if path == Path::new("-") {
        ctx.io.stdin.read_to_string(&mut text)?;
    } else {
        File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map_err(|err| {
                Error::usage(format!(
                    "--from-list {}: {err}",
                    neutralize(&path.display().to_string())
                ))
            })?;
    }
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
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
