//! The files a whole result links to (its images and screenshots, its spreadsheet), fetched once
//! into the store beside the result (`results/KEY.assets/`; with `--no-cache`, a temporary
//! directory): each through its presigned link (never sent the API key), streamed to disk,
//! synced, renamed into place, so a file there is always whole. A link that expired is renewed
//! by getting the job again; a rerun, another output directory or a fresh checkout of OUT takes
//! them from there without a request.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::api;
use crate::api::models::Part;
use crate::api::parse_jobs::{self, Expand};
use crate::download;
use crate::error::Error;
use crate::output::progress::Progress;
use crate::parse::once::Shared;
use crate::parse::save::contents::{self, Contents};
use crate::parse::save::render::unique;
use crate::session::Session;
use crate::store::What;
use crate::text::neutralize;

/// The store's name for "every file the result links to is kept".
const KEPT: &str = "assets";
/// Where a spreadsheet is kept, in the directory and in the saved layout.
pub(crate) const TABLES: &str = "tables.xlsx";

/// One file a result links to.
pub(crate) struct Asset {
    /// The API's name for it (the name the markdown refers to it by).
    pub(crate) api_name: String,
    /// `embedded`, `layout`, `screenshot` (an image), or `tables` (the spreadsheet).
    pub(crate) category: String,
    /// Its path in the directory: `images/<safe name>` or `tables.xlsx`.
    pub(crate) stored: String,
    link: Option<String>,
}

/// Where the files are.
enum Dir {
    Store(PathBuf),
    Temporary(tempfile::TempDir),
}

/// A whole result's files, all in one directory, and what the result says beside its pages.
pub(crate) struct Assets {
    dir: Dir,
    pub(crate) list: Vec<Asset>,
    pub(crate) contents: Contents,
}

impl Assets {
    pub(crate) fn dir(&self) -> &Path {
        match &self.dir {
            Dir::Store(path) => path,
            Dir::Temporary(dir) => dir.path(),
        }
    }

    /// Where `asset` is.
    pub(crate) fn path(&self, asset: &Asset) -> PathBuf {
        self.dir().join(&asset.stored)
    }
}

/// What the whole result at `full` links to, read from it: each image under a name safe on every
/// file system (two that would be the same told apart), then the spreadsheet.
pub(crate) fn listed(full: &Path, part: Part) -> Result<(Vec<Asset>, Contents), Error> {
    let contents = contents::read(BufReader::new(File::open(full)?), part)?;
    let names = unique(contents.images.iter().map(|image| image.filename.as_str()));
    let mut list = Vec::new();
    for (image, name) in contents.images.iter().zip(names) {
        list.push(Asset {
            api_name: image.filename.clone(),
            category: image.category.clone(),
            stored: format!("images/{name}"),
            link: image.link.clone(),
        });
    }
    if let Some(link) = &contents.xlsx {
        list.push(Asset {
            api_name: "xlsx".into(),
            category: "tables".into(),
            stored: TABLES.into(),
            link: Some(link.clone()),
        });
    }
    Ok((list, contents))
}

/// What a result's files are fetched for.
pub(in crate::parse) struct Fetching<'a> {
    pub(in crate::parse) shared: &'a Shared,
    pub(in crate::parse) session: &'a Session,
    pub(in crate::parse) key: &'a str,
    pub(in crate::parse) job_id: &'a str,
    /// The document's name, for what is said.
    pub(in crate::parse) name: &'a str,
}

/// The files of `key`'s whole result at `full` (made by `job_id`), each fetched unless it is
/// already kept.
pub(in crate::parse) fn ensure(fetching: &Fetching, full: &Path, part: Part) -> Result<Assets, Error> {
    let (list, contents) = listed(full, part)?;
    ensure_listed(fetching, list, contents, &|_| true)
}

/// The files of `list` (of a whole result that says `contents`), each that is `wanted` fetched
/// unless it is already kept (a file an output directory still has is not wanted again).
pub(in crate::parse) fn ensure_listed(
    fetching: &Fetching,
    list: Vec<Asset>,
    contents: Contents,
    wanted: &dyn Fn(usize) -> bool,
) -> Result<Assets, Error> {
    let Fetching {
        shared,
        session,
        key,
        job_id,
        name,
    } = *fetching;
    let (dir, recorded) = match shared.store() {
        Some(store) => {
            let recorded = store.entry(key).is_some_and(|e| e.results.contains(KEPT));
            (Dir::Store(store.assets_dir(key)), recorded)
        }
        None => (Dir::Temporary(tempfile::tempdir()?), false),
    };
    let assets = Assets { dir, list, contents };
    let missing: Vec<&Asset> = assets
        .list
        .iter()
        .enumerate()
        .filter(|(at, asset)| wanted(*at) && !assets.path(asset).is_file())
        .map(|(_, asset)| asset)
        .collect();
    // Every file kept, whether wanted now or not.
    let whole = |assets: &Assets| assets.list.iter().all(|asset| assets.path(asset).is_file());
    if missing.is_empty() {
        if !recorded && shared.store.is_some() && whole(&assets) {
            record(shared, key, job_id)?;
        }
        return Ok(assets);
    }
    let mut renewed: Option<HashMap<String, String>> = None;
    for asset in missing {
        let path = assets.path(asset);
        let link = match &renewed {
            Some(links) => links.get(&asset.api_name).cloned(),
            None => asset.link.clone(),
        };
        match fetch(session, link.as_deref(), &path) {
            Err(err) if renewed.is_none() && expired(&err) => {
                // Links expire: the job gives fresh ones.
                let links = renew(session, job_id, name)?;
                let fetched = fetch(session, links.get(&asset.api_name).map(String::as_str), &path);
                renewed = Some(links);
                fetched
            }
            fetched => fetched,
        }
        .map_err(|err| {
            err.context(format!(
                "cannot save {} of {} (job {})",
                neutralize(&asset.api_name),
                neutralize(name),
                neutralize(job_id)
            ))
        })?;
    }
    if shared.store.is_some() && whole(&assets) {
        record(shared, key, job_id)?;
    }
    Ok(assets)
}

/// Records that every file of `key`'s whole result is kept.
fn record(shared: &Shared, key: &str, job_id: &str) -> Result<(), Error> {
    shared.record(
        key,
        What::Result {
            job_id: job_id.to_string(),
            kind: KEPT.to_string(),
            failed_pages: Vec::new(),
        },
    )
}

/// Fetches `link` into `path`: streamed into a temporary file beside it, synced, renamed.
fn fetch(session: &Session, link: Option<&str>, path: &Path) -> Result<(), Error> {
    let Some(link) = link else {
        return Err(Error::failure("the API gave no link to it"));
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // Sent without the key, whatever the link's host (`Client::download`).
    let (_, body) = parse_jobs::download(&session.client, link)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    download::copy(body, temp.as_file_mut(), &Progress::hidden())?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| Error::Io(err.error))?;
    Ok(())
}

/// Whether a link was refused as expired: the storage host's 403 or 400.
fn expired(err: &Error) -> bool {
    let Error::Api(api::Error::Presigned(inner)) = err.root() else {
        return false;
    };
    let mut inner = inner.as_ref();
    if let api::Error::GaveUp { last, .. } = inner {
        inner = last;
    }
    matches!(inner.status_code(), Some(400 | 403))
}

/// Fresh links to the job's images and spreadsheet, by the API's name (`xlsx` for the
/// spreadsheet). A job the API no longer has is said, with the document.
fn renew(session: &Session, job_id: &str, name: &str) -> Result<HashMap<String, String>, Error> {
    let expand = Expand {
        parts: vec!["images_content_metadata", "xlsx_content_metadata"],
        image_filenames: None,
    };
    let job = parse_jobs::get_value(&session.client, &session.scope, job_id, &expand).map_err(|err| {
        if err.is_not_found() {
            Error::failure(format!(
                "the API no longer has job {} of {}: its images and tables cannot be fetched again (--force parses it again)",
                neutralize(job_id),
                neutralize(name)
            ))
        } else {
            Error::from(err)
        }
    })?;
    let mut links = HashMap::new();
    for image in job
        .pointer("/images_content_metadata/images")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let (Some(name), Some(link)) = (
            image.get("filename").and_then(Value::as_str),
            image.get("presigned_url").and_then(Value::as_str),
        ) {
            links.insert(name.to_string(), link.to_string());
        }
    }
    if let Some(link) = job
        .pointer("/result_content_metadata/xlsx/presigned_url")
        .and_then(Value::as_str)
    {
        links.insert("xlsx".into(), link.to_string());
    }
    Ok(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_is_not_an_expired_link() {
        assert!(!expired(&Error::Io(std::io::Error::other("disk full"))));
    }
}
