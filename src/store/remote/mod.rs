//! The shared result store's object storage: a blocking facade over the `object_store` crate for
//! `s3://BUCKET/PREFIX`, `gs://BUCKET/PREFIX`, `az://CONTAINER/PREFIX` and `file:///PATH` (a
//! shared directory). Each [`Remote`] runs its requests on a small current-thread tokio runtime of
//! its own, so callers stay synchronous.
//!
//! Paths are relative to the URL's prefix (`a/b.json` under `s3://bucket/team` is the object
//! `team/a/b.json`). Credentials, region and endpoint come from each cloud's environment as
//! `object_store`'s builders read them (`AWS_*`, `GOOGLE_*`, `AZURE_*`), taken from the run's
//! [`Env`], never from the process's directly. Plain `http://` endpoints only with
//! `AWS_ALLOW_HTTP=true` (object_store's rule).
//!
//! What the money rule needs from it: [`Remote::create`] is create-if-absent (`If-None-Match: *`
//! on S3, the generation precondition on GCS, `If-None-Match` on Azure, a no-clobber hard link on
//! a directory) and [`Remote::update`] a conditional update on a [`Version`] (`If-Match` on the
//! ETag). A failed request is retried by object_store (5xx, 429, 503 SlowDown, connections that
//! could not be made; a timeout only for reads and plain puts) within [`Limits`], so an
//! unreachable store is said within about 30 s. A conditional write answered by a 5xx and then
//! retried can find the object its own first attempt wrote: `create` then says `false` for an
//! object this process wrote, so a caller reads the object back to tell its own claim from
//! another's (the claim holds the token).

mod classify;
mod head;
#[cfg(test)]
mod tests;

use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt as _;
use object_store::aws::AmazonS3Builder;
use object_store::azure::MicrosoftAzureBuilder;
use object_store::gcp::GoogleCloudStorageBuilder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{
    BackoffConfig, ObjectStore, ObjectStoreExt as _, PutMode, PutOptions, PutPayload, RetryConfig,
    UpdateVersion, WriteMultipart,
};

use crate::context::Env;
pub(crate) use classify::RemoteError;
use head::Split;

/// An object downloaded: its head line (without its newline; `None`: it has none), and when it
/// was written (ms since the Unix epoch).
#[derive(Debug)]
pub(crate) struct Downloaded {
    pub(crate) head: Option<Vec<u8>>,
    pub(crate) modified_ms: i64,
}

/// The schemes a store URL may have, as said when it has another.
const SCHEMES: &str =
    "s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///ABSOLUTE/PATH";
/// Where `check` writes its probe, under the prefix.
const PROBE_DIR: &str = ".llamacloud";
/// Files larger than this go up in parts (S3's smallest part is 5 MiB), each part a request of
/// its own within object_store's 30 s request timeout; smaller ones in one request.
const PART_SIZE: usize = 5 * 1024 * 1024;
/// Parts in flight at once in an upload.
const PARTS_IN_FLIGHT: usize = 4;

/// How long object_store retries a failed request. Its defaults (10 retries within 3 minutes,
/// backoffs up to 15 s) would take minutes to say that a store is down; these say it within
/// [`Limits::worst_case`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// No retry starts after this long since the first attempt.
    pub retry_timeout: Duration,
    pub max_retries: usize,
    pub max_backoff: Duration,
}

impl Limits {
    pub(crate) const DEFAULT: Limits = Limits {
        retry_timeout: Duration::from_secs(10),
        max_retries: 8,
        max_backoff: Duration::from_secs(4),
    };
    /// object_store's own connect timeout (`ClientOptions`' default, kept).
    #[cfg(test)]
    const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

    /// The longest a request to a store that cannot be reached takes to fail: retries start
    /// until `retry_timeout`, the last backoff may overshoot it, and the last attempt can wait
    /// out the connect timeout.
    #[cfg(test)]
    pub(crate) fn worst_case(&self) -> Duration {
        self.retry_timeout + self.max_backoff + Self::CONNECT_TIMEOUT
    }

    fn retry_config(&self) -> RetryConfig {
        RetryConfig {
            backoff: BackoffConfig {
                init_backoff: BackoffConfig::default().init_backoff.min(self.max_backoff),
                max_backoff: self.max_backoff,
                ..BackoffConfig::default()
            },
            max_retries: self.max_retries,
            retry_timeout: self.retry_timeout,
        }
    }
}

/// `url` as it may be printed: what its authority holds before an `@` (a user, a password, a
/// key) and its query replaced by `***`. Such a URL is refused, and its refusal says it.
pub(crate) fn redacted(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (rest, query) = match rest.split_once('?') {
        Some((rest, _)) => (rest, "?***"),
        None => (rest, ""),
    };
    let (authority, path) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
    let authority = match authority.rsplit_once('@') {
        Some((_, host)) => format!("***@{host}"),
        None => authority.to_string(),
    };
    let scheme = if url.contains("://") {
        format!("{scheme}://")
    } else {
        String::new()
    };
    format!("{scheme}{authority}{path}{query}")
}

/// One shared store, open.
pub(crate) struct Remote {
    url: String,
    store: Arc<dyn ObjectStore>,
    /// The URL's path, without its slashes at either end ("" for none); for `file://`, "" (the
    /// store is rooted at the directory).
    prefix: String,
    runtime: tokio::runtime::Runtime,
}

/// What an update is conditional on: the object's ETag and version as `get` read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Version(UpdateVersion);

/// One object of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listed {
    /// Relative to the store's prefix.
    pub path: String,
    pub size: u64,
    pub modified: jiff::Timestamp,
}

impl Remote {
    /// Opens `url` with the credentials, region and endpoint `env` gives; no request is sent.
    #[cfg(test)]
    pub(crate) fn open(url: &str, env: &dyn Env) -> Result<Remote, RemoteError> {
        Remote::open_with(url, env, Limits::DEFAULT)
    }

    pub(crate) fn open_with(url: &str, env: &dyn Env, limits: Limits) -> Result<Remote, RemoteError> {
        let shown = redacted(url);
        let bad =
            |why: &str| RemoteError::Failed(format!("the store URL {shown:?} {why}: it must be {SCHEMES}"));
        let parsed = url::Url::parse(url).map_err(|e| bad(&format!("cannot be read ({e})")))?;
        if !parsed.username().is_empty() || parsed.password().is_some() || parsed.query().is_some() {
            // Credentials come from the environment, never from the URL (it is printed).
            return Err(bad("holds credentials or a query"));
        }
        if matches!(parsed.scheme(), "s3" | "gs" | "az")
            && parsed.scheme() != "file"
            && parsed.host_str().is_none_or(str::is_empty)
        {
            return Err(bad("names no bucket or container"));
        }
        // rustls's crypto, for the process (the first one installed stays), as `api::client`.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let retry = limits.retry_config();
        let vars = env.vars();
        let from_env = |prefix: &str| {
            vars.iter()
                .filter(|(k, _)| k.starts_with(prefix))
                .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                .collect::<Vec<_>>()
        };
        let built = |e: object_store::Error| RemoteError::Failed(format!("cannot open the store {url}: {e}"));
        let mut prefix = parsed.path().trim_matches('/').to_string();
        let store: Arc<dyn ObjectStore> = match parsed.scheme() {
            "s3" => {
                let mut builder = AmazonS3Builder::new();
                for (k, v) in from_env("AWS_") {
                    if let Ok(key) = k.parse() {
                        builder = builder.with_config(key, v);
                    }
                }
                Arc::new(builder.with_url(url).with_retry(retry).build().map_err(built)?)
            }
            "gs" => {
                let mut builder = GoogleCloudStorageBuilder::new();
                if let Some(path) = env.var("SERVICE_ACCOUNT") {
                    builder = builder.with_service_account_path(path);
                }
                for (k, v) in from_env("GOOGLE_") {
                    if let Ok(key) = k.parse() {
                        builder = builder.with_config(key, v);
                    }
                }
                Arc::new(builder.with_url(url).with_retry(retry).build().map_err(built)?)
            }
            "az" => {
                let mut builder = MicrosoftAzureBuilder::new();
                for (k, v) in from_env("AZURE_") {
                    if let Ok(key) = k.parse() {
                        builder = builder.with_config(key, v);
                    }
                }
                Arc::new(builder.with_url(url).with_retry(retry).build().map_err(built)?)
            }
            "file" => {
                let dir = parsed
                    .to_file_path()
                    .map_err(|()| bad("is not an absolute local path"))?;
                std::fs::create_dir_all(&dir)
                    .map_err(|e| RemoteError::Failed(format!("cannot create the store {url}: {e}")))?;
                prefix.clear();
                Arc::new(
                    LocalFileSystem::new_with_prefix(&dir)
                        .map_err(built)?
                        .with_fsync(true)
                        .with_automatic_cleanup(true),
                )
            }
            _ => return Err(bad("has a scheme that is not a store's")),
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| RemoteError::Failed(format!("cannot start the store's runtime: {e}")))?;
        Ok(Remote {
            url: url.to_string(),
            store,
            prefix,
            runtime,
        })
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Refuses a store without create-if-absent (an old S3-compatible server, or one that
    /// ignores the condition): writes a probe object twice with `PutMode::Create` under
    /// `PREFIX/.llamacloud/`, expects exactly one success, and removes it.
    pub(crate) fn check(&self) -> Result<(), RemoteError> {
        let probe = format!("{PROBE_DIR}/probe-{:016x}", fastrand::u64(..));
        let first = self.create(&probe, b"probe".to_vec());
        let second = first
            .as_ref()
            .ok()
            .map(|_| self.create(&probe, b"probe".to_vec()));
        let removed = self.delete(&probe);
        match (first?, second.transpose()?) {
            (true, Some(false)) => removed,
            (false, _) => Err(RemoteError::Unsupported(format!(
                "the store {} said a new object ({probe}) existed already: it cannot be told which machine claimed a document",
                self.url
            ))),
            _ => Err(RemoteError::Unsupported(format!(
                "the store {} wrote the same object twice when asked to write it only if absent (it ignores If-None-Match): \
                 two machines could each pay for the same document",
                self.url
            ))),
        }
    }

    pub(crate) fn get(&self, path: &str) -> Result<Option<(Vec<u8>, Version)>, RemoteError> {
        let location = self.location(path)?;
        let got = self.runtime.block_on(async {
            let result = self.store.get(&location).await?;
            let version = UpdateVersion {
                e_tag: result.meta.e_tag.clone(),
                version: result.meta.version.clone(),
            };
            Ok::<_, object_store::Error>((result.bytes().await?.to_vec(), Version(version)))
        });
        match got {
            Ok(got) => Ok(Some(got)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.error("read", path, e)),
        }
    }

    pub(crate) fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), RemoteError> {
        self.put_mode(path, bytes, PutMode::Overwrite).map(|_| ())
    }

    /// Create-if-absent: `Ok(false)` when the object exists already (see the module's note on
    /// a retried create).
    pub(crate) fn create(&self, path: &str, bytes: Vec<u8>) -> Result<bool, RemoteError> {
        self.put_mode(path, bytes, PutMode::Create)
    }

    /// Conditional update: `Ok(false)` when the object changed (or was removed) since
    /// `version`. On `file://` stores `Unsupported`: object_store's `LocalFileSystem` has no
    /// `PutMode::Update`.
    // Claims take over by generations (create-if-absent only); kept, and tested, for a record
    // rewritten in place.
    #[cfg(test)]
    pub(crate) fn update(&self, path: &str, bytes: Vec<u8>, version: &Version) -> Result<bool, RemoteError> {
        self.put_mode(path, bytes, PutMode::Update(version.0.clone()))
    }

    fn put_mode(&self, path: &str, bytes: Vec<u8>, mode: PutMode) -> Result<bool, RemoteError> {
        let location = self.location(path)?;
        let options = PutOptions {
            mode,
            ..PutOptions::default()
        };
        let put = self
            .runtime
            .block_on(self.store.put_opts(&location, PutPayload::from(bytes), options));
        match put {
            Ok(_) => Ok(true),
            Err(object_store::Error::AlreadyExists { .. } | object_store::Error::Precondition { .. }) => {
                Ok(false)
            }
            Err(e) => Err(self.error("write", path, e)),
        }
    }

    /// Absent already: `Ok`.
    pub(crate) fn delete(&self, path: &str) -> Result<(), RemoteError> {
        let location = self.location(path)?;
        match self.runtime.block_on(self.store.delete(&location)) {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.error("delete", path, e)),
        }
    }

    /// Every object under `prefix` (a directory of the store, "" for all), every page.
    pub(crate) fn list(&self, prefix: &str) -> Result<Vec<Listed>, RemoteError> {
        let under = self.location(prefix)?;
        let root = self.location("")?;
        let listed = self.runtime.block_on(async {
            let mut stream = self.store.list(Some(&under));
            let mut listed = Vec::new();
            while let Some(meta) = stream.next().await {
                let meta = meta?;
                let path = match meta.location.prefix_match(&root) {
                    Some(parts) => parts
                        .map(|p| p.as_ref().to_string())
                        .collect::<Vec<_>>()
                        .join("/"),
                    None => continue,
                };
                let modified = jiff::Timestamp::from_millisecond(meta.last_modified.timestamp_millis())
                    .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
                listed.push(Listed {
                    path,
                    size: meta.size,
                    modified,
                });
            }
            Ok::<_, object_store::Error>(listed)
        });
        listed.map_err(|e| self.error("list", prefix, e))
    }

    /// A local file up: in one request, or in parts for a large one; the object is whole or
    /// absent (an upload that fails is aborted, its parts removed). One that fits a request is
    /// created only if absent: `Ok(false)` when the object is there already (a file of the same
    /// key is the same result: another machine shared it first); one in parts replaces it.
    /// The object is `head`, then the file (`download` gives a head back apart). With `replace`,
    /// an object there is replaced (`Ok(true)`).
    pub(crate) fn upload(
        &self,
        from: &Path,
        path: &str,
        head: &[u8],
        replace: bool,
    ) -> Result<bool, RemoteError> {
        let location = self.location(path)?;
        let local = |e: std::io::Error| RemoteError::Failed(format!("cannot read {}: {e}", from.display()));
        let size = std::fs::metadata(from).map_err(local)?.len();
        if size + head.len() as u64 <= PART_SIZE as u64 {
            let mut bytes = head.to_vec();
            bytes.extend(std::fs::read(from).map_err(local)?);
            if replace {
                return self.put(path, bytes).map(|()| true);
            }
            return self.create(path, bytes);
        }
        let mut file = std::fs::File::open(from).map_err(local)?;
        let uploaded = self.runtime.block_on(async {
            let upload = self.store.put_multipart(&location).await.map_err(Err)?;
            let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_SIZE);
            writer.write(head);
            let mut buffer = vec![0; PART_SIZE];
            loop {
                let read = match std::io::Read::read(&mut file, &mut buffer) {
                    Ok(0) => break,
                    Ok(read) => read,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        let _ = writer.abort().await;
                        return Err(Ok(e));
                    }
                };
                if let Err(e) = writer.wait_for_capacity(PARTS_IN_FLIGHT).await {
                    let _ = writer.abort().await;
                    return Err(Err(e));
                }
                writer.write(&buffer[..read]);
            }
            // finish aborts the upload itself when a part failed.
            writer.finish().await.map(|_| ()).map_err(Err)
        });
        match uploaded {
            Ok(()) => Ok(true),
            Err(Ok(io)) => Err(local(io)),
            Err(Err(e)) => Err(self.error("upload", path, e)),
        }
    }

    /// An object down into `to` (a temporary file of the caller's, written in place: created, or
    /// emptied first); `Ok(None)` when the object is absent, `to` untouched. On an error `to` may
    /// hold part of the object. An object that begins with `head` (a line that starts so,
    /// `upload`'s) has that line given back apart, not written.
    pub(crate) fn download(
        &self,
        path: &str,
        to: &Path,
        head: &[u8],
    ) -> Result<Option<Downloaded>, RemoteError> {
        let location = self.location(path)?;
        let local = |e: std::io::Error| RemoteError::Failed(format!("cannot write {}: {e}", to.display()));
        let got = self.runtime.block_on(async {
            let got = self.store.get(&location).await.map_err(Err)?;
            // Opened once the object is known to be there (an absent one leaves `to` as it was).
            let mut file = std::fs::File::create(to).map_err(Ok)?;
            let modified_ms = got.meta.last_modified.timestamp_millis();
            let mut stream = got.into_stream();
            let mut split = Split::new(head);
            while let Some(chunk) = stream.next().await {
                let body = split.body(&chunk.map_err(Err)?);
                file.write_all(&body).map_err(Ok)?;
            }
            let (line, rest) = split.end();
            file.write_all(&rest).map_err(Ok)?;
            file.sync_all().map_err(Ok)?;
            Ok(Downloaded {
                head: line,
                modified_ms,
            })
        });
        match got {
            Ok(downloaded) => Ok(Some(downloaded)),
            Err(Err(object_store::Error::NotFound { .. })) => Ok(None),
            Err(Ok(io)) => Err(local(io)),
            Err(Err(e)) => Err(self.error("download", path, e)),
        }
    }

    /// The object at `path` under the prefix.
    fn location(&self, path: &str) -> Result<ObjectPath, RemoteError> {
        let path = path.trim_matches('/');
        let full = match (self.prefix.is_empty(), path.is_empty()) {
            (true, _) => path.to_string(),
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}/{path}", self.prefix),
        };
        ObjectPath::parse(&full).map_err(|e| {
            RemoteError::Failed(format!("{path:?} is not a path in the store {}: {e}", self.url))
        })
    }

    fn error(&self, doing: &str, path: &str, error: object_store::Error) -> RemoteError {
        classify::classify(&self.url, doing, path, error)
    }
}
