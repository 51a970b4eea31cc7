//! A long document's saved files, window by window as its windows come in (each window's files
//! fetched into the store under its own key, its items, result and spreadsheet named by its
//! pages), and how each window's pages are written into the document: marked with their numbers
//! in the document, their images linked to the saved files.

use std::collections::HashMap;
use std::path::Path;

use crate::api::models::Part;
use crate::error::Error;
use crate::output::document::Decorations;
use crate::parse::once::Shared;
use crate::parse::save::Saving;
use crate::parse::save::assets::Fetching;
use crate::parse::save::bundle::{self, SavedFile};
use crate::parse::save::files::{self, Place};
use crate::parse::save::render;
use crate::parse::window::stitch::Piece;
use crate::session::Session;

/// What a long document's windows are saved with, and the files saved so far.
pub(in crate::parse) struct Stitching<'a> {
    pub saving: &'a Saving,
    pub shared: &'a Shared,
    pub session: &'a Session,
    /// The document, as the user named it.
    pub name: &'a str,
    /// Where the document is written: its files go beside it, its links are relative to it.
    pub output: &'a Path,
    /// What the document is written as (`None`: JSON).
    pub part: Option<Part>,
    /// The digits page numbers are padded to: those of the document's last page.
    pub width: usize,
    pub place: &'a dyn Place,
    pub saved: Vec<SavedFile>,
}

impl Stitching<'_> {
    /// Saves the files of a window that came in, and says how its pages are written.
    pub(in crate::parse) fn piece(&mut self, piece: &Piece) -> Result<Decorations, Error> {
        let saving = self.saving;
        match piece {
            Piece::Result {
                kept,
                key,
                job_id,
                window,
                ..
            } => {
                let fetching = Fetching {
                    shared: self.shared,
                    session: self.session,
                    key,
                    job_id,
                    name: self.name,
                };
                let listed = self.part.unwrap_or(Part::Markdown);
                let dir = bundle::assets_dir(self.output);
                let naming = Some((window.target_pages(), self.width));
                let (assets, files) =
                    files::save(&fetching, saving, kept.path(), listed, &dir, naming, self.place)?;
                self.saved.extend(files);
                Ok(match self.part {
                    Some(part) => bundle::decorations(saving, &assets, part, self.output),
                    None => Decorations::default(),
                })
            }
            // Each page of a window that failed is marked, with its number in the document.
            Piece::Failed { window, .. } => Ok(Decorations {
                markers: match saving.page_markers {
                    true => window
                        .numbers()
                        .map(|n| render::page_marker(&n.to_string(), None))
                        .collect(),
                    false => Vec::new(),
                },
                links: HashMap::new(),
            }),
        }
    }
}
