//! STUB (replaced by the renderer's branch).
#![allow(dead_code)]
use std::collections::HashMap;
use std::io::{Read, Write};

use crate::api::models::Part;
use crate::error::Error;

pub(crate) struct Image {
    pub(crate) filename: String,
    pub(crate) category: String,
    pub(crate) link: Option<String>,
}

pub(crate) struct Contents {
    pub(crate) pages: Vec<String>,
    pub(crate) printed: HashMap<String, String>,
    pub(crate) images: Vec<Image>,
    pub(crate) xlsx: Option<String>,
    pub(crate) items: bool,
}

pub(crate) fn read(_reader: impl Read, _part: Part) -> Result<Contents, Error> {
    unimplemented!()
}

pub(crate) fn copy_items(_reader: impl Read, _out: &mut impl Write) -> Result<bool, Error> {
    unimplemented!()
}
