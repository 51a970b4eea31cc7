//! `config set|get|list|path|use`: the config file, edited in place.

use std::borrow::Cow;
use std::io::{self, Read as _, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::cli::Lenient;
use crate::cli::{ConfigCommand, ConfigKey, GlobalArgs, api_value};
use crate::config::{self, Config, DEFAULT_PROFILE, ENV_PROFILE, KEYS};
use crate::context::Context;
use crate::domain::Tier;
use crate::error::Error;
use crate::output::Output;
use crate::output::look::Look;
use crate::output::printer::Record;
use crate::output::style::{Shape, Style};
use crate::secret::ApiKey;
use crate::settings::{normalize_base_url, parse_region};
use crate::text::{neutralize, tsv_field};

pub fn run(global: &GlobalArgs, command: &ConfigCommand, ctx: &mut Context) -> Result<(), Error> {
    let record = Shape::Record { raw: false };
    match command {
        ConfigCommand::Path => {
            let output = Output::choose(global, ctx, record, "config path", &[])?;
            let path = config_path(ctx)?;
            output.print(ctx, &Line::new("path", path.display().to_string()))
        }
        ConfigCommand::Set { key, value } => {
            Output::refuse(global, "config set")?;
            set(global, &config_path(ctx)?, *key, value.as_deref(), ctx)
        }
        ConfigCommand::Unset { key } => {
            Output::refuse(global, "config unset")?;
            unset(global, &config_path(ctx)?, *key, ctx)
        }
        ConfigCommand::Get { key } => {
            let output = Output::choose(global, ctx, record, "config get", &[])?;
            get(global, &config_path(ctx)?, *key, output, ctx)
        }
        ConfigCommand::List => {
            let output = Output::choose(global, ctx, record, "config list", &[])?;
            list(&config_path(ctx)?, output, ctx)
        }
        ConfigCommand::Use { profile } => {
            Output::refuse(global, "config use")?;
            use_profile(&config_path(ctx)?, profile, ctx)
        }
    }
}

fn config_path(ctx: &Context) -> Result<PathBuf, Error> {
    config::path(ctx.env.as_ref()).ok_or_else(|| {
        Error::usage(format!(
            "cannot find a config directory: set {} or HOME",
            config::ENV_CONFIG_DIR
        ))
    })
}

/// One value: its text for people and scripts, and `{"<key>": value}` as JSON.
struct Line {
    value: String,
    json: String,
}

impl Line {
    fn new(key: &'static str, value: String) -> Self {
        let json = json!({ key: value }).to_string();
        Line { value, json }
    }
}

impl Record for Line {
    fn json(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.json)
    }

    fn human(&self, out: &mut dyn Write, _look: &Look) -> io::Result<()> {
        writeln!(out, "{}", neutralize(&self.value))
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", tsv_field(&self.value))
    }
}

/// The profile `set` writes to: the chosen one, else the default one, else "default".
fn target_profile(global: &GlobalArgs, file: &Config, ctx: &Context) -> String {
    global
        .profile
        .clone()
        .or_else(|| ctx.env.var(ENV_PROFILE))
        .or_else(|| file.default_profile.clone())
        .unwrap_or_else(|| DEFAULT_PROFILE.to_string())
}

fn set(
    global: &GlobalArgs,
    path: &Path,
    key: ConfigKey,
    value: Option<&str>,
    ctx: &mut Context,
) -> Result<(), Error> {
    let name = api_value(&key);
    let value = match (key, value) {
        (ConfigKey::ApiKey, Some(_)) => {
            return Err(Error::usage(
                "the API key is not taken from the command line, where it would stay in your shell history; \
                 run `llamacloud config set api_key` and paste it, or pipe it in",
            ));
        }
        (ConfigKey::ApiKey, None) => read_api_key(ctx)?,
        (_, None) => {
            return Err(Error::usage(format!(
                "give a value: llamacloud config set {name} VALUE"
            )));
        }
        (_, Some(value)) => checked(key, value.trim())?,
    };
    if key == ConfigKey::Tier {
        crate::session::warn_unknown(ctx, "tier", Some(&Lenient::<Tier>::of(&value)));
    }
    let shown = |value: &str| {
        if key == ConfigKey::ApiKey {
            ApiKey::new(value).masked()
        } else {
            value.to_string()
        }
    };
    let file = match config::load(path, &ctx.io.stderr) {
        Ok(file) => file,
        // A file broken by the very setting being set is repaired in place.
        Err(err) => match config::repair(path, &name, &value)? {
            Some(line) => {
                ctx.io.stderr.line(&format!(
                    "Set {name} = {} on line {line} of {}, which did not parse before",
                    shown(&value),
                    path.display()
                ));
                return Ok(());
            }
            None => return Err(err),
        },
    };
    let profile = target_profile(global, &file, ctx);
    let make_default = file.default_profile.is_none();
    config::edit(path, |document| {
        config::set_value(document, &profile, &name, &value)?;
        if make_default {
            config::set_default_profile(document, &profile);
        }
        Ok(())
    })?;
    ctx.io.stderr.line(&format!(
        "Set {name} = {} in profile {profile} ({})",
        shown(&value),
        path.display()
    ));
    Ok(())
}

fn unset(global: &GlobalArgs, path: &Path, key: ConfigKey, ctx: &mut Context) -> Result<(), Error> {
    let name = api_value(&key);
    let file = config::load(path, &ctx.io.stderr)?;
    let profile = target_profile(global, &file, ctx);
    let mut removed = false;
    if path.exists() {
        config::edit(path, |document| {
            removed = config::remove_value(document, &profile, &name);
            Ok(())
        })?;
    }
    ctx.io.stderr.line(&match removed {
        true => format!("Removed {name} from profile {profile} ({})", path.display()),
        false => format!("{name} was not set in profile {profile}; nothing to remove"),
    });
    Ok(())
}

/// Region and base URL are checked now, not when they are first used.
fn checked(key: ConfigKey, value: &str) -> Result<String, Error> {
    if value.is_empty() {
        return Err(Error::usage("the value is empty"));
    }
    match key {
        ConfigKey::Region if parse_region(value).is_none() => Err(Error::usage(format!(
            "{value:?} is not a region; expected us or eu"
        ))),
        ConfigKey::Region => Ok(value.to_ascii_lowercase()),
        // Stored as an absolute path: it is read from wherever a command runs.
        ConfigKey::CaFile => std::fs::canonicalize(value)
            .map(|path| path.display().to_string())
            .map_err(|err| Error::usage(format!("ca_file {value}: {err}"))),
        // Stored as the API takes it (`FAST` → `fast`); one this version does not know is kept.
        ConfigKey::Tier => Ok(Lenient::<Tier>::of(value).api_value()),
        // Checked as --max-credits is, stored as a plain number (`5e3` → `5000`).
        ConfigKey::MaxCredits => crate::cli::credits(value)
            .map(|credits| credits.to_string())
            .map_err(|why| Error::usage(format!("max_credits {value:?}: {why}"))),
        ConfigKey::Store => crate::cli::store_url(value).map_err(|why| Error::usage(format!("store: {why}"))),
        ConfigKey::BaseUrl => normalize_base_url(value)
            .map(|_| value.to_string())
            .map_err(|why| Error::usage(format!("invalid base URL {value:?}: {why}"))),
        _ => Ok(value.to_string()),
    }
}

/// From a hidden prompt on a terminal, else the first line of stdin.
fn read_api_key(ctx: &mut Context) -> Result<String, Error> {
    let key = if ctx.io.terminals.stdin {
        rpassword::prompt_password("LlamaCloud API key: ")?
    } else {
        let mut input = String::new();
        ctx.io.stdin.read_to_string(&mut input)?;
        input.lines().next().unwrap_or_default().to_string()
    };
    let key = key.trim().to_string();
    if key.is_empty() {
        return Err(Error::usage("no API key given on stdin"));
    }
    if key.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Error::usage("the API key has spaces or control characters in it"));
    }
    Ok(key)
}

fn get(
    global: &GlobalArgs,
    path: &Path,
    key: ConfigKey,
    output: Output,
    ctx: &mut Context,
) -> Result<(), Error> {
    let file = config::load(path, &ctx.io.stderr)?;
    let name = api_value(&key);
    let active = config::select(&file, global.profile.as_deref(), ctx.env.as_ref(), path)?;
    let value = active.as_ref().and_then(|a| a.profile.get(&name));
    match (value, &active) {
        (Some(value), _) => {
            let shown = if key == ConfigKey::ApiKey {
                ApiKey::new(value).masked()
            } else {
                value.to_string()
            };
            let line = Line {
                json: json!({"key": name, "value": shown, "profile": active.as_ref().map(|a| &a.name)})
                    .to_string(),
                value: shown,
            };
            output.print(ctx, &line)
        }
        (None, Some(active)) => Err(Error::failure(format!(
            "{name} is not set in profile {}",
            active.name
        ))),
        (None, None) => Err(Error::failure(format!(
            "{name} is not set: no profile in {}",
            path.display()
        ))),
    }
}

/// The profiles of the config file, keys masked where they are secret.
struct Profiles {
    default: Option<String>,
    /// Profile name, and its keys and shown values.
    profiles: Vec<(String, Vec<(&'static str, String)>)>,
    json: String,
}

impl Record for Profiles {
    fn json(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.json)
    }

    fn human(&self, out: &mut dyn Write, _look: &Look) -> io::Result<()> {
        for (i, (name, keys)) in self.profiles.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            let default = if self.default.as_deref() == Some(name) {
                " (default)"
            } else {
                ""
            };
            writeln!(out, "[{}]{default}", neutralize(name))?;
            for (key, value) in keys {
                writeln!(out, "{key} = {}", neutralize(value))?;
            }
        }
        Ok(())
    }

    fn tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        for (name, keys) in &self.profiles {
            for (key, value) in keys {
                writeln!(out, "{}\t{key}\t{}", tsv_field(name), tsv_field(value))?;
            }
        }
        Ok(())
    }
}

fn list(path: &Path, output: Output, ctx: &mut Context) -> Result<(), Error> {
    let file = config::load(path, &ctx.io.stderr)?;
    let shown = |key: &str, value: &str| {
        if key == "api_key" {
            ApiKey::new(value).masked()
        } else {
            value.to_string()
        }
    };
    let profiles: Vec<(String, Vec<(&'static str, String)>)> = file
        .profiles
        .iter()
        .map(|(name, profile)| {
            let keys = KEYS
                .iter()
                .filter_map(|k| profile.get(k).map(|v| (*k, shown(k, v))))
                .collect();
            (name.clone(), keys)
        })
        .collect();
    let json_profiles: Map<String, Value> = profiles
        .iter()
        .map(|(name, keys)| {
            let keys = keys.iter().map(|(k, v)| (k.to_string(), Value::from(v.as_str())));
            (name.clone(), Value::Object(keys.collect()))
        })
        .collect();
    let document = json!({"path": path, "default_profile": file.default_profile, "profiles": json_profiles});
    if profiles.is_empty() && output.style == Style::Table {
        ctx.io.stderr.line(&format!(
            "No profiles in {}; add one with: llamacloud config set api_key",
            path.display()
        ));
    }
    let record = Profiles {
        default: file.default_profile.clone(),
        profiles,
        json: document.to_string(),
    };
    output.print(ctx, &record)
}

fn use_profile(path: &Path, profile: &str, ctx: &mut Context) -> Result<(), Error> {
    let file = config::load(path, &ctx.io.stderr)?;
    if !file.profiles.contains_key(profile) {
        let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
        return Err(Error::usage(format!(
            "no profile {profile:?} in {} (profiles: {}); create it with: llamacloud --profile {profile} config set KEY VALUE",
            path.display(),
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        )));
    }
    config::edit(path, |document| {
        config::set_default_profile(document, profile);
        Ok(())
    })?;
    ctx.io.stderr.line(&format!("Default profile is now {profile}"));
    Ok(())
}
