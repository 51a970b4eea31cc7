//! STUB (replaced by the renderer's branch).
#![allow(dead_code)]
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::api::models::Part;
use crate::error::Error;

pub(crate) struct PageFile {
    pub(crate) name: String,
    pub(crate) bytes: u64,
    pub(crate) hash: String,
}

pub(crate) fn page_marker(_number: &str, _printed: Option<&str>) -> String {
    unimplemented!()
}

pub(crate) fn write_pages(
    _reader: impl Read,
    _part: Part,
    _dir: &Path,
    _width: usize,
    _links: Option<&HashMap<String, String>>,
) -> Result<Vec<PageFile>, Error> {
    unimplemented!()
}

pub(crate) fn width(_pages: u64) -> usize {
    unimplemented!()
}

pub(crate) fn safe_name(_name: &str) -> String {
    unimplemented!()
}
