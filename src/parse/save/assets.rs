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
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::api;
use crate::api::models::Part;
use crate::api::parse_jobs::{self, Expand};
use crate::download;
use crate::error::Error;
use crate::hashing::Hashing;
use crate::output::progress::Progress;
use crate::parse::once::Shared;
use crate::parse::save::contents::{self, Contents};
use crate::parse::save::guard;
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
    /// Its size and hash, once it is kept (and was wanted).
    pub(crate) sum: Option<Sum>,
}

/// A kept file's size and BLAKE3 hash (hex): what a copy of it in OUT records, known without
/// reading it again, and what it is checked against before it is used again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Sum {
    pub(crate) bytes: u64,
    pub(crate) hash: String,
}

/// How old a temporary file left in the store is before it is removed.
const STALE: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// The sums of a directory's files, by their path in it, beside them.
const SUMS: &str = ".sums.json";

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
            sum: None,
        });
    }
    if let Some(link) = &contents.xlsx {
        list.push(Asset {
            api_name: "xlsx".into(),
            category: "tables".into(),
            stored: TABLES.into(),
            link: Some(link.clone()),
            sum: None,
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

/// The files of `list` (of a whole result that says `contents`), each that is `wanted` fetched
/// unless it is already kept (a file an output directory still has is not wanted again); one
/// kept is checked against its sum first (a copy of it in OUT may be the same file, changed there),
/// and fetched again when it differs. `near`: where a temporary directory goes without a store
/// (the directory the files are saved in, so they can be linked there; a leftover that
/// `guard::remove_leftovers` removes).
pub(in crate::parse) fn ensure(
    fetching: &Fetching,
    mut list: Vec<Asset>,
    contents: Contents,
    wanted: &dyn Fn(usize) -> bool,
    near: &Path,
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
        None => {
            std::fs::create_dir_all(near)?;
            let temp = tempfile::Builder::new()
                .prefix(".llamacloud-")
                .suffix(".tmp")
                .tempdir_in(near)?;
            (Dir::Temporary(temp), false)
        }
    };
    let root = match &dir {
        Dir::Store(path) => path.clone(),
        Dir::Temporary(temp) => temp.path().to_path_buf(),
    };
    if matches!(dir, Dir::Store(_)) {
        // What a run killed while it fetched here left (runs on other machines' checkouts of
        // the store may fetch here now: only what is a day old).
        guard::remove_stale(&root, STALE)?;
    }
    let mut sums = read_sums(&root);
    let before = sums.len();
    let mut made = std::collections::HashSet::new();
    let mut todo = Vec::new();
    for (at, asset) in list.iter_mut().enumerate() {
        if !wanted(at) {
            continue;
        }
        let path = root.join(&asset.stored);
        if let Some(sum) = kept(&path, sums.get(&asset.stored)) {
            sums.insert(asset.stored.clone(), sum.clone());
            asset.sum = Some(sum);
            continue;
        }
        if let Some(parent) = path.parent()
            && made.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent)?;
        }
        todo.push(at);
    }
    let renewing = Renewing {
        session,
        job_id,
        name,
        links: Mutex::new(Renewal::NotYet),
        refused: Mutex::new(None),
    };
    for (at, sum) in fetch_all(&renewing, &list, &todo, &root)? {
        sums.insert(list[at].stored.clone(), sum.clone());
        list[at].sum = Some(sum);
    }
    // Every file kept, whether wanted now or not.
    let whole = list.iter().all(|asset| sums.contains_key(&asset.stored));
    if sums.len() != before {
        write_sums(&root, &sums)?;
    }
    if shared.store.is_some() && whole && !recorded {
        record(shared, key, job_id)?;
    }
    Ok(Assets { dir, list, contents })
}

/// How many of one result's files are fetched at once: a fetcher's stream stays busy while a
/// file before is synced to disk.
const STREAMS: usize = 4;

/// The job's links, renewed at most once for all of a result's files (they expire together).
struct Renewing<'a> {
    session: &'a Session,
    job_id: &'a str,
    name: &'a str,
    /// The fresh links, once got.
    links: Mutex<Renewal>,
    /// Why the job gave none, said once for the result (not once a stream).
    refused: Mutex<Option<Error>>,
}

/// Whether the job was asked for fresh links, and what it said.
enum Renewal {
    NotYet,
    Fresh(HashMap<String, String>),
    /// Asked once, refused (the job gone, the API down): not asked again.
    Refused,
}

impl Renewing<'_> {
    /// Fetches `asset` into `path`: through its own link, or (that one expired) a fresh one.
    fn fetch(&self, asset: &Asset, path: &Path) -> Result<Sum, Error> {
        let fresh = |links: &HashMap<String, String>| links.get(&asset.api_name).cloned();
        let renewed = match &*lock(&self.links) {
            Renewal::Fresh(links) => Some(fresh(links)),
            _ => None,
        };
        let first = match &renewed {
            Some(link) => link.clone(),
            None => asset.link.clone(),
        };
        match fetch(self.session, first.as_deref(), path) {
            Err(err) if renewed.is_none() && expired(&err) => {
                // Links expire: the job gives fresh ones (once, whichever file found out first).
                let link = {
                    let mut links = lock(&self.links);
                    if matches!(*links, Renewal::NotYet) {
                        *links = match renew(self.session, self.job_id, self.name) {
                            Ok(fresh) => Renewal::Fresh(fresh),
                            Err(refused) => {
                                *lock(&self.refused) = Some(refused);
                                Renewal::Refused
                            }
                        };
                    }
                    match &*links {
                        Renewal::Fresh(links) => fresh(links),
                        // What the job said is the result's error (`fetch_all`).
                        _ => return Err(err),
                    }
                };
                fetch(self.session, link.as_deref(), path)
            }
            fetched => fetched,
        }
        .map_err(|err| {
            err.context(format!(
                "cannot save {} of {} (job {})",
                neutralize(&asset.api_name),
                neutralize(self.name),
                neutralize(self.job_id)
            ))
        })
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Fetches the files of `list` at `todo` into `root`, `STREAMS` at a time; the first that fails
/// stops the others (what they fetched is kept). Returns each one's place and sum.
fn fetch_all(
    renewing: &Renewing,
    list: &[Asset],
    todo: &[usize],
    root: &Path,
) -> Result<Vec<(usize, Sum)>, Error> {
    let next = AtomicUsize::new(0);
    let failed: Mutex<Option<Error>> = Mutex::new(None);
    let done = Mutex::new(Vec::with_capacity(todo.len()));
    let work = || {
        while lock(&failed).is_none() {
            let Some(&at) = todo.get(next.fetch_add(1, Ordering::SeqCst)) else {
                break;
            };
            match renewing.fetch(&list[at], &root.join(&list[at].stored)) {
                Ok(sum) => lock(&done).push((at, sum)),
                Err(err) => {
                    lock(&failed).get_or_insert(err);
                }
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..STREAMS.min(todo.len()) {
            scope.spawn(work);
        }
        work();
    });
    if let Some(refused) = lock(&renewing.refused).take() {
        return Err(refused);
    }
    if let Some(err) = failed
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
    {
        return Err(err);
    }
    Ok(done
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// The sum of the kept file at `path` when it is whole and, if its sum is `known`, still
/// matches it (else it is removed, to be fetched again).
fn kept(path: &Path, known: Option<&Sum>) -> Option<Sum> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() {
        return None;
    }
    let (hash, bytes) = crate::store::key::hash_file(path).ok()?;
    let sum = Sum { bytes, hash };
    if known.is_some_and(|known| *known != sum) {
        let _ = std::fs::remove_file(path);
        return None;
    }
    Some(sum)
}

/// The sums kept in `dir` (none when there are none, or they cannot be read).
fn read_sums(dir: &Path) -> HashMap<String, Sum> {
    std::fs::read(dir.join(SUMS))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Keeps `sums` in `dir`, replaced whole.
fn write_sums(dir: &Path, sums: &HashMap<String, Sum>) -> Result<(), Error> {
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".llamacloud-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let mut out = std::io::BufWriter::new(temp.as_file_mut());
    serde_json::to_writer(&mut out, sums).map_err(std::io::Error::from)?;
    out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
    temp.as_file().sync_all()?;
    temp.persist(dir.join(SUMS)).map_err(|err| Error::Io(err.error))?;
    Ok(())
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

/// Fetches `link` into `path`: streamed into a temporary file beside it, hashed on the way,
/// synced, renamed. Returns its sum.
fn fetch(session: &Session, link: Option<&str>, path: &Path) -> Result<Sum, Error> {
    let Some(link) = link else {
        return Err(Error::failure("the API gave no link to it"));
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    // Sent without the key, whatever the link's host (`Client::download`).
    let (_, body) = parse_jobs::download(&session.client, link)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".llamacloud-").suffix(".tmp");
    // OUT gets links to it: as readable as a file written there (less the umask), not the
    // owner's alone as a temporary file is made.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder.tempfile_in(dir)?;
    // Written in large pieces, whatever size the body arrives in.
    let mut hashing = Hashing::new(std::io::BufWriter::with_capacity(64 * 1024, temp.as_file_mut()));
    download::copy(body, &mut hashing, &Progress::hidden())?;
    let bytes = hashing.bytes();
    let (out, hash) = hashing.finish();
    out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| Error::Io(err.error))?;
    Ok(Sum { bytes, hash })
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

    /// The storage host refuses an expired link with 403 (S3) or 400 (some stores), after
    /// retries too; nothing else is taken for an expired link, nor a status of the API's.
    #[test]
    fn a_403_or_400_from_the_storage_host_is_an_expired_link() {
        let status =
            |code: u16| api::Error::status(reqwest::StatusCode::from_u16(code).unwrap(), b"<Error/>");
        let presigned = |inner: api::Error| Error::Api(api::Error::Presigned(Box::new(inner)));
        assert!(expired(&presigned(status(403))));
        assert!(expired(&presigned(status(400))));
        assert!(expired(&presigned(api::Error::GaveUp {
            attempts: 3,
            last: Box::new(status(403)),
        })));
        assert!(!expired(&presigned(status(404))));
        assert!(!expired(&presigned(status(500))));
        assert!(
            !expired(&Error::Api(status(403))),
            "the API's 403 is not a link's"
        );
    }
}
