//! A parse's plan, resolved once from the arguments before anything is sent: the request
//! configuration (the `--options` object under the flags, the profile's tier, the version),
//! the checks that can be made locally (the document, the output, the tier's formats), and the
//! one create that pays for a job.

use std::io::Read as _;
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::api::models::{Created, Part};
pub use crate::api::parse_jobs::Source;
use crate::api::{configuration, parse_jobs};
use crate::cli::Lenient;
use crate::cli::{Format, GlobalArgs, JobOptions, ScopeArgs};
use crate::context::Context;
use crate::domain::{Saved, Tier};
use crate::error::Error;
use crate::output::Output;
use crate::parse::save::Saving;
use crate::session::{Session, warn_unknown};
use crate::settings::{Settings, Source as SettingSource};
use crate::text::neutralize;

/// The `client_name` jobs are tagged with unless `--client-name` says otherwise.
const CLIENT_NAME: &str = concat!("llamacloud-cli/", env!("CARGO_PKG_VERSION"));

/// The most webhook configurations one job takes.
const MAX_WEBHOOKS: usize = 4;

/// What every parse resolves once from its arguments, before anything is sent: the session
/// (settings, client, scope) and the request configuration, checked against the format asked
/// for. `parse` and `parsing create`, one document or many, for real or as a dry run.
pub(crate) struct Plan {
    pub(crate) session: Session,
    pub(crate) configuration: Map<String, Value>,
}

impl Plan {
    /// The `--options` object (read first: a mistake in it shows at once), the session, then
    /// the configuration: the options under the flags, the profile's tier, `latest` for a tier
    /// without a version. A format the tier cannot make is refused here.
    pub(crate) fn resolve(
        global: &GlobalArgs,
        options: &JobOptions,
        scope: &ScopeArgs,
        format: Option<Format>,
        ctx: &mut Context,
    ) -> Result<Plan, Error> {
        let base = read_base_options(options, ctx)?;
        let session = Session::open(global, scope, ctx)?;
        let configuration = configuration(options, base, &session.settings, ctx)?;
        check_tier_format(&configuration, format)?;
        Ok(Plan {
            session,
            configuration,
        })
    }

    /// Asks for what `saving` keeps beside each document (part of its key: asking later is a
    /// new job). What the tier cannot make is refused here, before anything is sent.
    pub(crate) fn save(&mut self, saving: &Saving) -> Result<(), Error> {
        let fast = self.configuration.get("tier").and_then(Value::as_str) == Some("fast");
        if fast && saving.has(Saved::Items) {
            return Err(Error::usage(
                "--save items: the fast tier makes no structured pages; use another --tier \
                 (cost_effective, agentic, agentic_plus)",
            ));
        }
        saving.configure(&mut self.configuration)
    }

    /// The credit budget the run keeps to: `flag` (`--max-credits`) wins over
    /// `LLAMA_CLOUD_MAX_CREDITS` and the profile's `max_credits`; none without. A set value
    /// that is no positive number is a usage error (see `Settings::max_credits`).
    pub(crate) fn max_credits(
        &self,
        flag: Option<f64>,
    ) -> Result<Option<crate::settings::Sourced<f64>>, Error> {
        self.session.settings.max_credits(flag)
    }

    /// `--escalate TIER`, checked before anything is sent: to another tier than the run's, and
    /// not with what is saved from a whole result (`--save`, `--page-markers`).
    pub(crate) fn check_escalation(&self, escalate: Option<Tier>, saving: &Saving) -> Result<(), Error> {
        let Some(tier) = escalate else {
            return Ok(());
        };
        let name = crate::cli::api_value(&tier);
        if self.configuration.get("tier").and_then(Value::as_str) == Some(name.as_str()) {
            return Err(Error::usage(format!(
                "--escalate {name}: the run is on {name} already; escalate to another tier \
                 (fast, cost_effective, agentic, agentic_plus)"
            )));
        }
        if saving.full() {
            return Err(Error::usage(
                "--escalate does not go with --save or --page-markers yet: run without them",
            ));
        }
        Ok(())
    }

    /// What a document is written as when no format says: the fast tier makes text only.
    pub(crate) fn default_part(&self) -> Part {
        match self.configuration.get("tier").and_then(Value::as_str) {
            Some("fast") => Part::Text,
            _ => Part::Markdown,
        }
    }
}

/// Checks what can be checked here: a readable file, an http(s) URL.
pub(super) fn check_source(source: &Source) -> Result<(), Error> {
    match source {
        Source::File(path) => check_file(path),
        Source::Url(url) => check_url(url),
        Source::FileId(_) => Ok(()),
    }
}

/// The `--options` object, checked: no source in it.
pub(super) fn read_base_options(
    options: &JobOptions,
    ctx: &mut Context,
) -> Result<Map<String, Value>, Error> {
    let base = match &options.options {
        Some(path) => read_options(path, ctx)?,
        None => Map::new(),
    };
    if let Some(key) = ["source_url", "file_id"]
        .into_iter()
        .find(|k| base.contains_key(*k))
    {
        return Err(Error::usage(format!(
            "--options: give the source as FILE, --source-url or --file-id, not as {key}"
        )));
    }
    // Checked here, before anything is read or sent: the API refuses an unknown key only once
    // the whole file is up.
    if !options.allow_unknown_options
        && let Err(unknown) = configuration::check(&base)
    {
        let unknown: Vec<_> = unknown.into_iter().map(with_flags).collect();
        return Err(Error::usage(match unknown.as_slice() {
            [one] => format!("--options: {one} (--allow-unknown-options sends it anyway)"),
            many => {
                let keys: Vec<String> = many
                    .iter()
                    .map(|key| match &key.suggestion {
                        Some(meant) => format!("{} (did you mean {meant}?)", key.path),
                        None => key.path.clone(),
                    })
                    .collect();
                format!(
                    "--options: {} unknown keys: {} (--allow-unknown-options sends them anyway)",
                    many.len(),
                    keys.join(", ")
                )
            }
        }));
    }
    if let Some(Value::String(pages)) = base.get("page_ranges").and_then(|r| r.get("target_pages")) {
        configuration::check_pages(pages)
            .map_err(|why| Error::usage(format!("--options: page_ranges.target_pages {why}")))?;
    }
    Ok(base)
}

/// What is checked of a document only when it is about to be paid for (it reads the file): a
/// PDF locked by a password is refused, since the API cannot open it.
pub(super) fn check_before_paying(source: &Source) -> Result<(), Error> {
    match source {
        Source::File(path) => {
            crate::parse::pdf::check_readable(path, &neutralize(&path.display().to_string()))
                .map_err(Error::Usage)
        }
        Source::Url(_) | Source::FileId(_) => Ok(()),
    }
}

/// Creates one job for `source` with `configuration`: sent once, unless the server provably did
/// not take it in.
pub(super) fn send_create(
    session: &Session,
    configuration: &Map<String, Value>,
    source: &Source,
) -> Result<Created, Error> {
    parse_jobs::create(&session.client, &session.scope, source, configuration).map_err(|err| {
        // A success status whose body cannot be read: the job most likely exists.
        if err.may_have_acted() || matches!(err, crate::api::Error::InvalidResponse(_)) {
            Error::may_have_acted(
                err,
                "the job may have been created",
                "llamacloud parsing list --since 10m",
            )
        } else {
            Error::from(err)
        }
    })
}

/// Where a default tier was set, as the user would name it.
fn tier_setting(source: &SettingSource) -> String {
    match source {
        SettingSource::Flag(name) | SettingSource::Env(name) => format!("tier {name}"),
        SettingSource::Profile(profile) => format!("the tier of profile {profile}"),
        SettingSource::File(_) | SettingSource::Default => "the tier in the config file".to_string(),
    }
}

/// A format the tier cannot make is refused before anything is sent: the fast tier makes text
/// only.
pub(super) fn check_tier_format(
    configuration: &Map<String, Value>,
    format: Option<Format>,
) -> Result<(), Error> {
    if configuration.get("tier").and_then(Value::as_str) == Some("fast") && format == Some(Format::Markdown) {
        return Err(Error::usage(
            "the fast tier makes text only, not markdown: use --format text, or another --tier \
             (cost_effective, agentic, agentic_plus)",
        ));
    }
    Ok(())
}

/// The request configuration: the `--options` object, under the flags; the profile's tier when
/// neither gives one; `latest` when a tier has no version.
pub fn configuration(
    flags: &JobOptions,
    mut config: Map<String, Value>,
    settings: &Settings,
    ctx: &Context,
) -> Result<Map<String, Value>, Error> {
    let default_tier = settings.tier.as_ref();
    if let Some(Value::String(given)) = config.get("tier")
        && flags.tier.is_none()
    {
        // A tier in --options is taken as --tier is: any case, checked.
        let tier = Lenient::<Tier>::of(given);
        warn_unknown(ctx, "\"tier\" in --options", Some(&tier));
        config.insert("tier".into(), json!(tier.api_value()));
    }
    if let Some(tier) = &flags.tier {
        warn_unknown(ctx, "--tier", Some(tier));
        config.insert("tier".into(), json!(tier.api_value()));
    }
    if let Some(id) = &flags.configuration_id {
        config.insert("configuration_id".into(), json!(id));
    }
    if !config.contains_key("tier") && !config.contains_key("configuration_id") {
        match default_tier {
            Some(tier) => {
                // From the environment, the profile or `config set tier`: checked as --tier is.
                let checked = Lenient::<Tier>::of(&tier.value);
                warn_unknown(ctx, &tier_setting(&tier.source), Some(&checked));
                config.insert("tier".into(), json!(checked.api_value()));
            }
            // The file that may set it could not be read: that is what to fix.
            None if let Some(broken) = &settings.config_error => {
                return Err(Error::usage(format!(
                    "{broken}; it may set the tier: fix it, or give --tier"
                )));
            }
            None => {
                return Err(Error::usage(
                    "--tier is required: fast, cost_effective, agentic or agentic_plus \
                     (or set a default with `llamacloud config set tier TIER`)",
                ));
            }
        }
    }
    if let Some(version) = &flags.version {
        config.insert("version".into(), json!(version));
    } else if config.contains_key("tier") && !config.contains_key("version") {
        config.insert("version".into(), json!("latest"));
    }
    if flags.target_pages.is_some() || flags.max_pages.is_some() {
        let ranges = object_at(&mut config, "page_ranges")?;
        if let Some(pages) = &flags.target_pages {
            ranges.insert("target_pages".into(), json!(pages));
        }
        if let Some(max) = flags.max_pages {
            ranges.insert("max_pages".into(), json!(max));
        }
    }
    if !flags.metadata.is_empty() {
        let tags = object_at(&mut config, "user_metadata")?;
        for (key, value) in &flags.metadata {
            tags.insert(key.clone(), json!(value));
        }
    }
    match &flags.client_name {
        Some(name) => {
            config.insert("client_name".into(), json!(name));
        }
        None => {
            config.entry("client_name").or_insert_with(|| json!(CLIENT_NAME));
        }
    }
    if flags.disable_cache {
        config.insert("disable_cache".into(), json!(true));
    }
    if flags.webhook_configuration_id.len() > MAX_WEBHOOKS {
        return Err(Error::usage(format!(
            "--webhook-configuration-id: at most {MAX_WEBHOOKS} per job, {} given",
            flags.webhook_configuration_id.len()
        )));
    }
    if !flags.webhook_configuration_id.is_empty() {
        config.insert(
            "webhook_configuration_ids".into(),
            json!(flags.webhook_configuration_id),
        );
    }
    Ok(config)
}

/// An unknown key of `--options`, said with the flag that sets what was probably meant.
fn with_flags(mut unknown: configuration::Unknown) -> configuration::Unknown {
    let flag = match unknown.suggestion.as_deref() {
        Some("page_ranges.target_pages") => Some("--target-pages; pages are numbered from 1"),
        Some("page_ranges.max_pages") => Some("--max-pages"),
        Some("disable_cache") => Some("--disable-cache"),
        _ => None,
    };
    if let (Some(flag), Some(suggestion)) = (flag, &mut unknown.suggestion) {
        suggestion.push_str(&format!(" ({flag})"));
    }
    if unknown.path == "result_type" {
        unknown.suggestion =
            Some("--format (markdown, text or json: chosen when the result is fetched)".into());
    }
    unknown
}

/// The object under `key`, made if missing; a usage error if `--options` put something else there.
fn object_at<'a>(config: &'a mut Map<String, Value>, key: &str) -> Result<&'a mut Map<String, Value>, Error> {
    config
        .entry(key)
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| Error::usage(format!("--options: {key} must be a JSON object")))
}

/// `--options FILE` (or `-`, stdin): a JSON object.
fn read_options(path: &Path, ctx: &mut Context) -> Result<Map<String, Value>, Error> {
    let (name, text) = if path == Path::new("-") {
        let mut text = String::new();
        ctx.io
            .stdin
            .read_to_string(&mut text)
            .map_err(|err| Error::usage(format!("--options -: cannot read stdin: {err}")))?;
        ("stdin".to_string(), text)
    } else {
        let name = neutralize(&path.display().to_string()).into_owned();
        let text = std::fs::read_to_string(path)
            .map_err(|err| Error::usage(format!("--options {name}: {}", describe_io(&err))))?;
        (name, text)
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Error::usage(format!("--options {name}: expected a JSON object"))),
        Err(err) => Err(Error::usage(format!("--options {name}: not JSON: {err}"))),
    }
}

/// `-o` that is the document itself (the same file by device and inode: a symlink, a hard link, a
/// bind mount) would destroy it.
pub(super) fn refuse_output_over_input(output: &Output, source: &Source) -> Result<(), Error> {
    if let (Some(out), Source::File(input)) = (output.file(), source)
        && let (Ok(out_meta), Ok(input_meta)) = (std::fs::metadata(out), std::fs::metadata(input))
        && same_file(&out_meta, &input_meta)
    {
        return Err(Error::usage(format!(
            "-o {} is the document being parsed; write the result elsewhere",
            neutralize(&out.display().to_string())
        )));
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok() && a.created().ok() == b.created().ok()
}

/// A file to upload must be a readable regular file (or something that reads like one).
fn check_file(path: &Path) -> Result<(), Error> {
    let name = neutralize(&path.display().to_string()).into_owned();
    let metadata = std::fs::metadata(path)
        .map_err(|err| Error::usage(format!("cannot upload {name}: {}", describe_io(&err))))?;
    if metadata.is_dir() {
        return Err(Error::usage(format!("cannot upload {name}: it is a directory")));
    }
    // A FIFO, a device or /dev/stdin has no size to send and no bytes to read twice (once to
    // hash, once to upload): only a regular file is uploaded. (Opening a FIFO here would also
    // wait for a writer.)
    if !metadata.is_file() {
        return Err(Error::usage(format!(
            "cannot upload {name}: not a regular file (copy it to a file first, or pipe it to `llamacloud parse -`)"
        )));
    }
    if let Some(kind) = not_a_document(path) {
        return Err(Error::usage(format!(
            "cannot upload {name}: {kind} is not a document the API parses (see its supported document types)"
        )));
    }
    // An empty file is nothing to parse, and would be paid for all the same.
    if metadata.len() == 0 {
        return Err(Error::usage(format!(
            "cannot upload {name}: it is empty (0 bytes): there is nothing to parse"
        )));
    }
    std::fs::File::open(path)
        .map_err(|err| Error::usage(format!("cannot upload {name}: {}", describe_io(&err))))?;
    Ok(())
}

/// What a file is when its extension names a kind the API does not parse at all (archives,
/// programs, disk images, databases: none is among the API's supported document types), so it
/// is not paid for. Any other type is the API's to judge: its list is long and grows.
fn not_a_document(path: &Path) -> Option<&'static str> {
    const KINDS: &[(&str, &[&str])] = &[
        (
            "an archive",
            &[
                "zip", "tar", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "jar", "apk",
            ],
        ),
        (
            "a program",
            &[
                "exe", "dll", "so", "dylib", "o", "a", "bin", "class", "pyc", "wasm",
            ],
        ),
        ("a disk image", &["iso", "dmg", "img", "vmdk", "qcow2"]),
        ("a database", &["sqlite", "sqlite3", "db", "mdb"]),
    ];
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    KINDS
        .iter()
        .find(|(_, extensions)| extensions.contains(&extension.as_str()))
        .map(|(kind, _)| *kind)
}

fn check_url(url: &str) -> Result<(), Error> {
    match url::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some() => Ok(()),
        _ => Err(Error::usage(format!(
            "--source-url {}: expected an http:// or https:// URL",
            neutralize(url)
        ))),
    }
}

/// An I/O error as a short phrase ("no such file", "permission denied").
fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}
