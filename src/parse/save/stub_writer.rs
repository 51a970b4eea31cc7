//! TEMPORARY until the renderer lands.
use std::collections::HashMap;
use std::io::Write;

use crate::output::document::Writer;

impl<'w, W: Write> Writer<'w, W> {
    pub(crate) fn markers(&mut self, _lines: impl IntoIterator<Item = String>) {}
    pub(crate) fn links(&mut self, _map: &'w HashMap<String, String>) {}
}
