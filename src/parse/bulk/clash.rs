//! Two documents of a run that would write one output: neither may overwrite the other's
//! result. The first pass over the sources counts the documents and refuses such a pair before
//! anything is sent; the second, as the submitters take them, refuses a document that a change
//! to the tree brought in since (keeping only a hash of each output path).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::context::Stderr;
use crate::error::Error;
use crate::parse::bulk::queue::Task;
use crate::parse::bulk::sources::{Pass, Sources};
use crate::text::neutralize;

impl Sources {
    /// Goes over every document once, saying what the walk skips: how many there are. Two that
    /// would write one output are a usage error here, before anything is sent.
    pub(super) fn count(&self, stderr: &Stderr) -> Result<usize, Error> {
        // A hash of each output path → the first document that writes it.
        let mut outputs: HashMap<u64, usize> = HashMap::new();
        let mut count = 0;
        for document in self.pass(Some(stderr.clone())) {
            let document = document?;
            match outputs.entry(output_hash(&document.relative)) {
                Entry::Occupied(earlier) => {
                    // The same hash: the same path, unless two paths share a hash.
                    if let Some(Ok(other)) = self.pass(None).nth(*earlier.get())
                        && other.relative == document.relative
                    {
                        return Err(Error::usage(format!(
                            "{} and {} would both be written to {}",
                            neutralize(&other.name()),
                            neutralize(&document.name()),
                            neutralize(&document.output().display().to_string())
                        )));
                    }
                }
                Entry::Vacant(vacant) => {
                    vacant.insert(count);
                }
            }
            count += 1;
        }
        if count == 0 {
            return Err(Error::usage("nothing to parse: no file matched"));
        }
        Ok(count)
    }
}

/// The documents as they are taken: the second pass over the sources (see `Sources`).
pub(super) struct Taking<'a> {
    pass: Pass<'a>,
    /// A hash of each output path taken so far.
    outputs: HashSet<u64>,
    /// With a shared store: documents read ahead, taken in a random order among them.
    ahead: Option<Ahead>,
}

/// Documents read ahead of the submitters, so that machines running on one tree at once start on
/// different documents (each on its own random order) instead of all deciding about the first
/// one, then the second…: every machine but one waiting for the claim of each.
pub(super) struct Ahead {
    /// How many documents are read ahead (1: the order they are found in).
    window: usize,
    random: fastrand::Rng,
    tasks: Vec<Task>,
}

impl Ahead {
    /// Documents taken at random among the next `window`.
    pub(super) fn new(window: usize, random: fastrand::Rng) -> Self {
        Ahead {
            window,
            random,
            tasks: Vec::new(),
        }
    }
}

impl<'a> Taking<'a> {
    pub(super) fn new(pass: Pass<'a>) -> Self {
        Taking {
            pass,
            outputs: HashSet::new(),
            ahead: None,
        }
    }

    /// Taken in a random order within `ahead`'s window.
    pub(super) fn ahead(&mut self, ahead: Ahead) {
        self.ahead = Some(ahead);
    }

    /// The next document, refused when it cannot be parsed or its output is another's.
    pub(super) fn next(&mut self) -> Option<Task> {
        let Some(mut ahead) = self.ahead.take() else {
            return self.in_order();
        };
        while ahead.tasks.len() < ahead.window
            && let Some(task) = self.in_order()
        {
            ahead.tasks.push(task);
        }
        let task = (!ahead.tasks.is_empty()).then(|| {
            let at = ahead.random.usize(..ahead.tasks.len());
            ahead.tasks.swap_remove(at)
        });
        self.ahead = Some(ahead);
        task
    }

    /// The next document in the order the sources give them.
    fn in_order(&mut self) -> Option<Task> {
        loop {
            // The first pass stopped on what cannot be found; found now, it is left out.
            let Ok(document) = self.pass.next()? else {
                continue;
            };
            let mut task = Task::new(document);
            task.refused = task.document.refusal().map(Error::failure);
            // The first pass found no two documents writing one output: one found now came
            // with a change to the tree since.
            if !self.outputs.insert(output_hash(&task.document.relative)) && task.refused.is_none() {
                task.refused = Some(Error::failure(format!(
                    "not parsed: {} is also written by another document of this run (the tree changed as the run started)",
                    neutralize(&task.document.output().display().to_string())
                )));
            }
            return Some(task);
        }
    }
}

/// A 64-bit hash of an output path (two paths with the same hash are told apart by comparing
/// them).
fn output_hash(relative: &str) -> u64 {
    let hash = blake3::hash(relative.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::bulk::testing::{bulk, context, sources};

    fn touch(path: &std::path::Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"%PDF-1.4").unwrap();
    }

    #[test]
    fn two_documents_writing_one_output_are_refused_before_anything_is_sent() {
        let dir = tempfile::tempdir().unwrap();
        let (one, two) = (dir.path().join("one"), dir.path().join("two"));
        touch(&one.join("a.pdf"));
        touch(&one.join("b.pdf"));
        touch(&two.join("a.pdf"));
        let out = dir.path().join("out");
        let mut ctx = context("");
        let sources = sources(&[], &bulk(&[&one, &two], None), &out, &mut ctx).unwrap();
        let err = sources.count(&ctx.io.stderr).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} and {} would both be written to {}",
                one.join("a.pdf").display(),
                two.join("a.pdf").display(),
                out.join("a.pdf.md").display()
            )
        );
        assert!(matches!(err, Error::Usage(_)));
    }

    #[test]
    fn nothing_to_parse_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("empty")).unwrap();
        let mut ctx = context("");
        let sources = sources(
            &[],
            &bulk(&[&dir.path().join("empty")], None),
            &dir.path().join("out"),
            &mut ctx,
        )
        .unwrap();
        let err = sources.count(&ctx.io.stderr).unwrap_err();
        assert_eq!(err.to_string(), "nothing to parse: no file matched");
    }

    #[test]
    fn a_document_whose_output_another_took_is_refused_when_taken() {
        // Two that clash are refused by the first pass; met only by the second (the tree changed
        // in between), the later one is not parsed and the others go on.
        let dir = tempfile::tempdir().unwrap();
        let (one, two, three) = (
            dir.path().join("one/a.pdf"),
            dir.path().join("two/a.pdf"),
            dir.path().join("b.pdf"),
        );
        for path in [&one, &two, &three] {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let out = dir.path().join("out");
        let mut ctx = context("");
        let sources = sources(&[&one, &two, &three], &bulk(&[], None), &out, &mut ctx).unwrap();
        let mut taking = Taking::new(sources.pass(None));
        let first = taking.next().unwrap();
        assert!(first.refused.is_none());
        let second = taking.next().unwrap();
        assert_eq!(second.document.name(), two.display().to_string());
        assert_eq!(
            second.refused.unwrap().to_string(),
            format!(
                "not parsed: {} is also written by another document of this run (the tree changed as the run started)",
                out.join("a.pdf.md").display()
            )
        );
        assert!(taking.next().unwrap().refused.is_none());
        assert!(taking.next().is_none());
    }
}
