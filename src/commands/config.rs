//! `config set|get|list|path|use`: the config file, edited in place.

use std::io::{self, IsTerminal, Read, Write as _};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::cli::{ConfigCommand, ConfigKey, Format, GlobalArgs, api_value};
use crate::config::{self, Config, DEFAULT_PROFILE, ENV_PROFILE, KEYS};
use crate::exit::UsageError;
use crate::output::sanitize::neutralize;
use crate::settings::{ApiKey, Environment, ProcessEnv, normalize_base_url, parse_region};

pub fn run(global: &GlobalArgs, command: &ConfigCommand) -> anyhow::Result<()> {
    let path = config_path()?;
    match command {
        ConfigCommand::Path => {
            writeln!(io::stdout(), "{}", path.display())?;
            Ok(())
        }
        ConfigCommand::Set { key, value } => set(global, &path, *key, value.as_deref()),
        ConfigCommand::Get { key } => get(global, &path, *key),
        ConfigCommand::List => list(global, &path),
        ConfigCommand::Use { profile } => use_profile(&path, profile),
    }
}

fn config_path() -> anyhow::Result<PathBuf> {
    config::path(&ProcessEnv).ok_or_else(|| {
        UsageError::new(format!(
            "cannot find a config directory: set {} or HOME",
            config::ENV_CONFIG_DIR
        ))
        .into()
    })
}

/// The profile `set` writes to: the chosen one, else the default one, else "default".
fn target_profile(global: &GlobalArgs, file: &Config) -> String {
    global
        .profile
        .clone()
        .or_else(|| ProcessEnv.var(ENV_PROFILE))
        .or_else(|| file.default_profile.clone())
        .unwrap_or_else(|| DEFAULT_PROFILE.to_string())
}

fn set(global: &GlobalArgs, path: &Path, key: ConfigKey, value: Option<&str>) -> anyhow::Result<()> {
    let name = api_value(&key);
    let value = match (key, value) {
        (ConfigKey::ApiKey, Some(_)) => {
            return Err(UsageError::new(
                "the API key is not taken from the command line, where it would stay in your shell history; \
                 run `llamacloud config set api_key` and paste it, or pipe it in",
            )
            .into());
        }
        (ConfigKey::ApiKey, None) => read_api_key()?,
        (_, None) => {
            return Err(UsageError::new(format!("give a value: llamacloud config set {name} VALUE")).into());
        }
        (_, Some(value)) => checked(key, value.trim())?,
    };
    let file = config::load(path)?;
    let profile = target_profile(global, &file);
    let make_default = file.default_profile.is_none();
    config::edit(path, |document| {
        config::set_value(document, &profile, &name, &value)?;
        if make_default {
            config::set_default_profile(document, &profile);
        }
        Ok(())
    })?;
    let shown = if key == ConfigKey::ApiKey {
        ApiKey::new(value).masked()
    } else {
        value
    };
    writeln!(
        io::stderr(),
        "Set {name} = {shown} in profile {profile} ({})",
        path.display()
    )?;
    Ok(())
}

/// Region and base URL are checked now, not when they are first used.
fn checked(key: ConfigKey, value: &str) -> anyhow::Result<String> {
    if value.is_empty() {
        return Err(UsageError::new("the value is empty").into());
    }
    match key {
        ConfigKey::Region if parse_region(value).is_none() => {
            Err(UsageError::new(format!("{value:?} is not a region; expected us or eu")).into())
        }
        ConfigKey::Region => Ok(value.to_ascii_lowercase()),
        ConfigKey::BaseUrl => normalize_base_url(value)
            .map(|_| value.to_string())
            .map_err(|why| UsageError::new(format!("invalid base URL {value:?}: {why}")).into()),
        _ => Ok(value.to_string()),
    }
}

/// From a hidden prompt on a terminal, else the first line of stdin.
fn read_api_key() -> anyhow::Result<String> {
    let key = if io::stdin().is_terminal() {
        rpassword::prompt_password("LlamaCloud API key: ")?
    } else {
        let mut input = String::new();
        io::stdin().read_to_string(&mut input)?;
        input.lines().next().unwrap_or_default().to_string()
    };
    let key = key.trim().to_string();
    if key.is_empty() {
        return Err(UsageError::new("no API key given on stdin").into());
    }
    if key.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(UsageError::new("the API key has spaces or control characters in it").into());
    }
    Ok(key)
}

fn get(global: &GlobalArgs, path: &Path, key: ConfigKey) -> anyhow::Result<()> {
    let file = config::load(path)?;
    let name = api_value(&key);
    let active = config::select(&file, global.profile.as_deref(), &ProcessEnv, path)?;
    let value = active.as_ref().and_then(|a| a.profile.get(&name));
    match (value, &active) {
        (Some(value), _) => {
            let shown = if key == ConfigKey::ApiKey {
                ApiKey::new(value).masked()
            } else {
                neutralize(value).into_owned()
            };
            writeln!(io::stdout(), "{shown}")?;
            Ok(())
        }
        (None, Some(active)) => anyhow::bail!("{name} is not set in profile {}", active.name),
        (None, None) => anyhow::bail!("{name} is not set: no profile in {}", path.display()),
    }
}

fn list(global: &GlobalArgs, path: &Path) -> anyhow::Result<()> {
    let file = config::load(path)?;
    let shown = |key: &str, value: &str| {
        if key == "api_key" {
            ApiKey::new(value).masked()
        } else {
            neutralize(value).into_owned()
        }
    };
    let mut out = io::stdout().lock();
    if matches!(global.format(), Format::Json | Format::Jsonl) {
        let profiles: Map<String, Value> = file
            .profiles
            .iter()
            .map(|(name, profile)| {
                let keys = KEYS
                    .iter()
                    .filter_map(|k| profile.get(k).map(|v| (k.to_string(), Value::from(shown(k, v)))));
                (name.clone(), Value::Object(keys.collect()))
            })
            .collect();
        let document = json!({"path": path, "default_profile": file.default_profile, "profiles": profiles});
        writeln!(out, "{document}")?;
        return Ok(());
    }
    if file.profiles.is_empty() {
        writeln!(
            io::stderr(),
            "No profiles in {}; add one with: llamacloud config set api_key",
            path.display()
        )?;
        return Ok(());
    }
    for (i, (name, profile)) in file.profiles.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let default = if file.default_profile.as_deref() == Some(name) {
            " (default)"
        } else {
            ""
        };
        writeln!(out, "[{}]{default}", neutralize(name))?;
        for key in KEYS {
            if let Some(value) = profile.get(key) {
                writeln!(out, "{key} = {}", shown(key, value))?;
            }
        }
    }
    Ok(())
}

fn use_profile(path: &Path, profile: &str) -> anyhow::Result<()> {
    let file = config::load(path)?;
    if !file.profiles.contains_key(profile) {
        let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
        return Err(UsageError::new(format!(
            "no profile {profile:?} in {} (profiles: {}); create it with: llamacloud --profile {profile} config set KEY VALUE",
            path.display(),
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        ))
        .into());
    }
    config::edit(path, |document| {
        config::set_default_profile(document, profile);
        Ok(())
    })?;
    writeln!(io::stderr(), "Default profile is now {profile}")?;
    Ok(())
}
