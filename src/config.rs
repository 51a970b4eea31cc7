//! The config file: where it lives, reading it (errors name the file and line), choosing the
//! profile, and editing it in place (comments and layout kept) with mode 0600.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml_edit::{DocumentMut, Item, Table, value};

use crate::atomic_file::AtomicFile;
use crate::context::{Env, Stderr};
use crate::error::Error;

pub(crate) const ENV_CONFIG_DIR: &str = "LLAMACLOUD_CONFIG_DIR";
pub(crate) const ENV_PROFILE: &str = "LLAMA_CLOUD_PROFILE";
const FILE_NAME: &str = "config.toml";
/// The profile `config set` writes to when none is chosen or set as default.
pub(crate) const DEFAULT_PROFILE: &str = "default";

/// The settings a profile can hold, in the order `config list` shows them.
pub(crate) const KEYS: [&str; 10] = [
    "api_key",
    "base_url",
    "region",
    "project_id",
    "organization_id",
    "tier",
    "max_credits",
    "cache_dir",
    "store",
    "ca_file",
];

/// The file's contents.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One profile's settings.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Profile {
    pub api_key: Option<String>,
    pub base_url: Option<String>,
    pub region: Option<String>,
    pub project_id: Option<String>,
    pub organization_id: Option<String>,
    /// The tier `parsing create` and `parse` use when none is given.
    pub tier: Option<String>,
    /// The credit budget of every `parse` run (`--max-credits` wins over it). Kept as written
    /// (`config set` writes a string; a number written by hand is read too) and checked when a
    /// run resolves its budget.
    #[serde(default, deserialize_with = "string_or_number")]
    pub max_credits: Option<String>,
    /// Where the result store is.
    pub cache_dir: Option<String>,
    /// A result store shared by machines (`s3://…`, `gs://…`, `az://…`, `file:///…`).
    pub store: Option<String>,
    /// A PEM file of certificate authorities to trust besides the platform's.
    pub ca_file: Option<String>,
}

impl Profile {
    /// The value of `key` (one of [`KEYS`]).
    pub fn get(&self, key: &str) -> Option<&str> {
        let value = match key {
            "api_key" => &self.api_key,
            "base_url" => &self.base_url,
            "region" => &self.region,
            "project_id" => &self.project_id,
            "organization_id" => &self.organization_id,
            "tier" => &self.tier,
            "max_credits" => &self.max_credits,
            "cache_dir" => &self.cache_dir,
            "store" => &self.store,
            "ca_file" => &self.ca_file,
            _ => return None,
        };
        value.as_deref().filter(|v| !v.trim().is_empty())
    }
}

/// A value written as a string or as a TOML number (`max_credits = 500`), kept as its text.
fn string_or_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number of credits")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(Some(text.to_string()))
        }
        fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<Self::Value, E> {
            Ok(Some(number.to_string()))
        }
        fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<Self::Value, E> {
            Ok(Some(number.to_string()))
        }
        fn visit_f64<E: serde::de::Error>(self, number: f64) -> Result<Self::Value, E> {
            Ok(Some(number.to_string()))
        }
    }
    deserializer.deserialize_any(Text)
}

/// Where a setting's value came from (shown by `auth status` and `--debug`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    Flag(&'static str),
    Env(&'static str),
    /// A key of the named profile in the config file.
    Profile(String),
    /// A top-level key of the config file.
    File(&'static str),
    Default,
}

impl Source {
    /// The place the user set the value, as they would name it: `LLAMA_CLOUD_API_KEY`,
    /// `--api-key`, `api_key of profile work`.
    pub(crate) fn as_setting(&self) -> String {
        match self {
            Source::Flag(name) | Source::Env(name) => name.to_string(),
            Source::Profile(name) => format!("api_key of profile {name}"),
            Source::File(key) => format!("{key} in the config file"),
            Source::Default => "the API key".to_string(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(name) => write!(f, "flag {name}"),
            Source::Env(name) => write!(f, "environment variable {name}"),
            Source::Profile(name) => write!(f, "profile {name}"),
            Source::File(key) => write!(f, "{key} in the config file"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// The profile in effect for this run.
#[derive(Debug, Clone)]
pub(crate) struct ActiveProfile {
    pub name: String,
    pub profile: Profile,
    /// What chose it: `--profile`, `LLAMA_CLOUD_PROFILE`, the file's `default_profile`, or the
    /// profile named "default".
    pub chosen_by: Source,
}

/// Where the config file is: `$LLAMACLOUD_CONFIG_DIR`, else `$XDG_CONFIG_HOME/llamacloud`, else
/// `~/.config/llamacloud` (macOS too), else the platform's config directory (Windows).
pub fn path(env: &dyn Env) -> Option<PathBuf> {
    if let Some(dir) = env.var(ENV_CONFIG_DIR) {
        return Some(PathBuf::from(dir).join(FILE_NAME));
    }
    // The XDG rules: a relative XDG_CONFIG_HOME is ignored.
    if let Some(dir) = env
        .var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|d| d.is_absolute())
    {
        return Some(dir.join("llamacloud").join(FILE_NAME));
    }
    if cfg!(windows) {
        return dirs::config_dir().map(|dir| dir.join("llamacloud").join(FILE_NAME));
    }
    let home = env.home_dir()?;
    Some(home.join(".config").join("llamacloud").join(FILE_NAME))
}

/// Where the result store is by default: `$XDG_CACHE_HOME/llamacloud`, else
/// `~/.cache/llamacloud` (macOS too), else the platform's cache directory (Windows).
pub(crate) fn default_cache_dir(env: &dyn Env) -> Option<PathBuf> {
    if let Some(dir) = env
        .var("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|d| d.is_absolute())
    {
        return Some(dir.join("llamacloud"));
    }
    if cfg!(windows) {
        return dirs::cache_dir().map(|dir| dir.join("llamacloud"));
    }
    Some(env.home_dir()?.join(".cache").join("llamacloud"))
}

/// Reads the file; a missing file is an empty config. Warns once when others can read it.
pub fn load(path: &Path, stderr: &Stderr) -> Result<Config, Error> {
    let Some(text) = read(path)? else {
        return Ok(Config::default());
    };
    warn_if_readable_by_others(path, stderr);
    toml::from_str(&text).map_err(|err| invalid(path, &text, err.span(), err.message()))
}

/// The file's text, or `None` when there is no file.
fn read(path: &Path) -> Result<Option<String>, Error> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Error::failure(format!("cannot read {}: {err}", path.display()))),
    }
}

/// A syntax or schema error, located by line and column.
fn invalid(path: &Path, text: &str, span: Option<std::ops::Range<usize>>, message: &str) -> Error {
    let at = span
        .map(|span| line_and_column(text, span.start))
        .unwrap_or_default();
    Error::usage(format!(
        "invalid config file {}{at}: {}",
        path.display(),
        message.trim()
    ))
}

fn line_and_column(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!(", line {line} column {column}")
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path, stderr: &Stderr) {
    use std::os::unix::fs::PermissionsExt as _;
    if let Ok(meta) = fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        stderr.line(&format!(
            "warning: {} can be read by other users and may hold an API key; run: chmod 600 {}",
            path.display(),
            path.display()
        ));
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path, _stderr: &Stderr) {}

/// The profile for this run: `--profile`, else `$LLAMA_CLOUD_PROFILE`, else the file's
/// `default_profile`, else a profile named "default" if there is one.
pub fn select(
    config: &Config,
    flag: Option<&str>,
    env: &dyn Env,
    path: &Path,
) -> Result<Option<ActiveProfile>, Error> {
    let chosen = match (flag, env.var(ENV_PROFILE)) {
        (Some(name), _) => Some((name.to_string(), Source::Flag("--profile"))),
        (None, Some(name)) => Some((name, Source::Env(ENV_PROFILE))),
        (None, None) => config
            .default_profile
            .clone()
            .map(|name| (name, Source::File("default_profile"))),
    };
    let Some((name, chosen_by)) = chosen else {
        return Ok(config.profiles.get(DEFAULT_PROFILE).map(|profile| ActiveProfile {
            name: DEFAULT_PROFILE.to_string(),
            profile: profile.clone(),
            chosen_by: Source::Default,
        }));
    };
    match config.profiles.get(&name) {
        Some(profile) => Ok(Some(ActiveProfile {
            name,
            profile: profile.clone(),
            chosen_by,
        })),
        None => {
            let known: Vec<&str> = config.profiles.keys().map(String::as_str).collect();
            let known = if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            };
            Err(Error::usage(format!(
                "no profile {name:?} in {} (from {chosen_by}; profiles: {known})",
                path.display()
            )))
        }
    }
}

/// Edits the file in place, keeping comments, and writes it back with mode 0600.
pub(crate) fn edit(
    path: &Path,
    change: impl FnOnce(&mut DocumentMut) -> Result<(), Error>,
) -> Result<(), Error> {
    let text = read(path)?.unwrap_or_default();
    let mut document: DocumentMut = text
        .parse()
        .map_err(|err: toml_edit::TomlError| invalid(path, &text, err.span(), err.message()))?;
    change(&mut document)?;
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    // Through a symlink (dotfile managers), the target is edited and the link kept.
    let mut file = AtomicFile::create(path, 0o600)?;
    file.write_all(document.to_string().as_bytes())?;
    Ok(file.persist()?)
}

/// When the file does not parse because of the line that sets `key`, replaces that line with
/// `key = new`, so that `config set` can repair the value that broke the file. Returns the line
/// number repaired, or `None` when the break is elsewhere (or the file parses).
pub(crate) fn repair(path: &Path, key: &str, new: &str) -> Result<Option<usize>, Error> {
    let Some(text) = read(path)? else {
        return Ok(None);
    };
    let Err(err) = text.parse::<DocumentMut>() else {
        return Ok(None);
    };
    let Some(at) = err.span().map(|span| span.start.min(text.len())) else {
        return Ok(None);
    };
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let is_key = text[start..end]
        .split_once('=')
        .is_some_and(|(name, _)| name.trim().trim_matches('"') == key);
    if !is_key {
        return Ok(None);
    }
    let repaired = format!(
        "{}{key} = {}{}",
        &text[..start],
        value(new).to_string().trim(),
        &text[end..]
    );
    if repaired.parse::<DocumentMut>().is_err() {
        return Ok(None);
    }
    let mut file = AtomicFile::create(path, 0o600)?;
    file.write_all(repaired.as_bytes())?;
    file.persist()?;
    Ok(Some(text[..start].matches('\n').count() + 1))
}

fn create_private_dir(dir: &Path) -> Result<(), Error> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|err| Error::failure(format!("cannot create {}: {err}", dir.display())))
}

/// Sets `profiles.<profile>.<key> = value`, in a `[profiles.<profile>]` table or an inline one.
pub(crate) fn set_value(
    document: &mut DocumentMut,
    profile: &str,
    key: &str,
    new: &str,
) -> Result<(), Error> {
    let profiles = document.entry("profiles").or_insert_with(|| {
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    let profile_table = profiles
        .as_table_like_mut()
        .ok_or_else(|| Error::usage("`profiles` in the config file is not a table"))?
        .entry(profile)
        .or_insert(Item::Table(Table::new()))
        .as_table_like_mut()
        .ok_or_else(|| Error::usage(format!("profile {profile:?} in the config file is not a table")))?;
    profile_table.insert(key, value(new));
    Ok(())
}

/// Removes `key` from `profile`; returns whether it was there.
pub(crate) fn remove_value(document: &mut DocumentMut, profile: &str, key: &str) -> bool {
    document
        .get_mut("profiles")
        .and_then(Item::as_table_like_mut)
        .and_then(|profiles| profiles.get_mut(profile))
        .and_then(Item::as_table_like_mut)
        .is_some_and(|table| table.remove(key).is_some())
}

/// Sets `default_profile`.
pub(crate) fn set_default_profile(document: &mut DocumentMut, profile: &str) {
    document["default_profile"] = value(profile);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::MapEnv;

    #[test]
    fn the_file_is_found_in_order() {
        let env = |pairs: &[(&'static str, &'static str)]| MapEnv::new(pairs.iter().copied());
        let all = env(&[(ENV_CONFIG_DIR, "/c"), ("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")]);
        assert_eq!(path(&all), Some(PathBuf::from("/c/config.toml")));
        let xdg = env(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")]);
        assert_eq!(path(&xdg), Some(PathBuf::from("/x/llamacloud/config.toml")));
        let relative_xdg = env(&[("XDG_CONFIG_HOME", "x"), ("HOME", "/h")]);
        if !cfg!(windows) {
            assert_eq!(
                path(&relative_xdg),
                Some(PathBuf::from("/h/.config/llamacloud/config.toml"))
            );
        }
        if !cfg!(windows) {
            assert_eq!(
                path(&env(&[("HOME", "/h")])),
                Some(PathBuf::from("/h/.config/llamacloud/config.toml"))
            );
        }
    }

    #[test]
    fn inline_profiles_are_edited_too() {
        let mut document: DocumentMut = "[profiles]\nwork = { region = \"eu\" }\n".parse().unwrap();
        set_value(&mut document, "work", "project_id", "prj-1").unwrap();
        let config: Config = toml::from_str(&document.to_string()).unwrap();
        assert_eq!(config.profiles["work"].get("project_id"), Some("prj-1"));
        assert_eq!(config.profiles["work"].get("region"), Some("eu"));
    }

    #[test]
    fn max_credits_is_read_as_a_string_or_a_number() {
        let config: Config = toml::from_str(
            "[profiles.a]\nmax_credits = \"500\"\n[profiles.b]\nmax_credits = 250\n\
             [profiles.c]\nmax_credits = 12.5\n[profiles.d]\ntier = \"fast\"\n",
        )
        .unwrap();
        assert_eq!(config.profiles["a"].get("max_credits"), Some("500"));
        assert_eq!(config.profiles["b"].get("max_credits"), Some("250"));
        assert_eq!(config.profiles["c"].get("max_credits"), Some("12.5"));
        assert_eq!(config.profiles["d"].get("max_credits"), None);
        assert!(toml::from_str::<Config>("[profiles.a]\nmax_credits = true\n").is_err());
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(line_and_column("a = 1\nb = \n", 10), ", line 2 column 5");
    }

    #[test]
    fn edits_keep_comments_and_create_tables() {
        let mut document: DocumentMut =
            "# mine\ndefault_profile = \"work\"\n\n[profiles.work]\nregion = \"eu\" # EU keys\n"
                .parse()
                .unwrap();
        set_value(&mut document, "work", "project_id", "prj-1").unwrap();
        set_value(&mut document, "home", "region", "us").unwrap();
        set_default_profile(&mut document, "home");
        let text = document.to_string();
        assert!(text.starts_with("# mine\ndefault_profile = \"home\"\n"), "{text}");
        assert!(
            text.contains("region = \"eu\" # EU keys\nproject_id = \"prj-1\"\n"),
            "{text}"
        );
        assert!(text.contains("[profiles.home]\nregion = \"us\"\n"), "{text}");
        let config: Config = toml::from_str(&text).unwrap();
        assert_eq!(config.profiles["work"].get("project_id"), Some("prj-1"));
    }
}
