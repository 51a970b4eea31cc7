//! Settings resolved once from flags > environment > config-file profile > built-in defaults,
//! each remembering where it came from (for `auth status`). The base URL's forms are in
//! `base_url`; how requests travel (proxy, certificate authorities, headers) in `transport`.

mod base_url;
mod transport;

use std::path::PathBuf;
use std::time::Duration;

use std::sync::Arc;

use reqwest::Url;
use reqwest::header::{HeaderName, HeaderValue};

use crate::trust_env::trust_env_problems;
use base_url::region_url;
pub use base_url::{normalize_base_url, parse_region};
use transport::{check_transport, custom_headers, proxy_for, read_roots};

use crate::api::Scope;
use crate::api::client::{CONNECT_TIMEOUT, Client, ClientConfig, ProxyConfig};
use crate::cli::{GlobalArgs, ScopeArgs};
pub(crate) use crate::config::Source;
use crate::config::{self, ActiveProfile};
use crate::context::{Clock, Env, Stderr};
use crate::domain::Region;
use crate::error::Error;
use crate::secret::ApiKey;

pub(crate) const ENV_API_KEY: &str = "LLAMA_CLOUD_API_KEY";
pub(crate) const ENV_PARSE_API_KEY: &str = "LLAMA_PARSE_API_KEY";
pub(crate) const ENV_BASE_URL: &str = "LLAMA_CLOUD_BASE_URL";
pub(crate) const ENV_REGION: &str = "LLAMA_CLOUD_REGION";
pub(crate) const ENV_PROJECT_ID: &str = "LLAMA_CLOUD_PROJECT_ID";
pub(crate) const ENV_ORGANIZATION_ID: &str = "LLAMA_CLOUD_ORGANIZATION_ID";
pub(crate) const ENV_TIER: &str = "LLAMA_CLOUD_TIER";
/// The credit budget of a `parse` run when `--max-credits` gives none.
pub(crate) const ENV_MAX_CREDITS: &str = "LLAMA_CLOUD_MAX_CREDITS";
pub(crate) const ENV_STORE: &str = "LLAMACLOUD_STORE";
/// Where the result store is.
pub(crate) const ENV_CACHE_DIR: &str = "LLAMACLOUD_CACHE_DIR";
/// The variable that adds headers to every request, as in the official SDKs and `llp`.
pub(crate) const ENV_CUSTOM_HEADERS: &str = "LLAMA_CLOUD_CUSTOM_HEADERS";

/// A value and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

/// Everything a command needs to talk to the API, resolved once.
#[derive(Debug)]
pub(crate) struct Settings {
    pub api_key: Option<Sourced<ApiKey>>,
    pub base_url: Sourced<Url>,
    pub project_id: Option<Sourced<String>>,
    pub organization_id: Option<Sourced<String>>,
    /// The default tier for new parse jobs (`LLAMA_CLOUD_TIER`, the profile's `tier`).
    pub tier: Option<Sourced<String>>,
    /// The credit budget of a run when `--max-credits` gives none (`LLAMA_CLOUD_MAX_CREDITS`,
    /// the profile's `max_credits`), as written: checked by [`Settings::max_credits`].
    pub max_credits: Option<Sourced<String>>,
    /// The shared result store when `--store` gives none (`LLAMACLOUD_STORE`, the profile's
    /// `store`), as written: checked by [`Settings::store`].
    pub store: Option<Sourced<String>>,
    /// The config file's profile in effect, if any.
    pub profile: Option<ActiveProfile>,
    /// Where the config file is (or would be).
    pub config_path: Option<PathBuf>,
    /// Why the config file was left aside (broken, with a key from elsewhere): a command that
    /// needs a setting only the file could give fails with it.
    pub config_error: Option<String>,
    pub timeout: Duration,
    pub max_retries: u32,
    pub debug: bool,
    /// The result store's directory (`LLAMACLOUD_CACHE_DIR`, the profile's `cache_dir`, else the
    /// platform's cache directory); `None` only without a home directory.
    pub cache_dir: Option<Sourced<PathBuf>>,
    /// Certificate authorities to trust besides the platform's (`--ca-file`, the profile's
    /// `ca_file`).
    pub ca_file: Option<Sourced<PathBuf>>,
    /// `LLAMA_CLOUD_CUSTOM_HEADERS`.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The base URL was given without a scheme and https:// was assumed.
    pub https_assumed: bool,
    /// Connections are not kept for the next request: only in a `test-support` build, with
    /// `LLAMACLOUD_TEST_NO_KEEPALIVE=1` (set by the test suite: the fake's tiny_http can leave a
    /// new connection unserved while its threads serve kept-alive ones, and a request then waits
    /// out the timeout). Always false in the program users run.
    pub no_keep_alive: bool,
    /// The proxy for the base URL's scheme, from the environment.
    pub proxy: Option<ProxyConfig>,
}

impl Settings {
    /// Resolves the settings of a run: its flags, its environment and its config file.
    pub fn load(
        global: &GlobalArgs,
        scope: Option<&ScopeArgs>,
        env: &dyn Env,
        stderr: &Stderr,
    ) -> Result<Settings, Error> {
        let config_path = config::path(env);
        // A broken config file stops a command only if the command may need it: with a key
        // from the flag or the environment and no profile asked for, it is warned about and
        // left aside.
        let key_elsewhere = global.api_key.is_some()
            || [ENV_API_KEY, ENV_PARSE_API_KEY]
                .iter()
                .any(|v| env.var(v).is_some());
        let profile_asked = global.profile.is_some() || env.var(config::ENV_PROFILE).is_some();
        let mut config_error = None;
        let profile = match &config_path {
            Some(path) => match config::load(path, stderr) {
                Ok(file) => config::select(&file, global.profile.as_deref(), env, path)?,
                Err(err @ Error::Usage(_)) if key_elsewhere && !profile_asked => {
                    stderr.line(&format!("warning: {err}; going on without it"));
                    config_error = Some(err.to_string());
                    None
                }
                Err(err) => return Err(err),
            },
            None => None,
        };
        let mut settings = Settings::resolve(global, scope, env, profile)?;
        settings.config_path = config_path;
        settings.config_error = config_error;
        Ok(settings)
    }

    /// Resolves flags over the environment over the profile over defaults. `scope` is the
    /// command's `--project-id/--organization-id`, when it has them.
    pub fn resolve(
        global: &GlobalArgs,
        scope: Option<&ScopeArgs>,
        env: &dyn Env,
        profile: Option<ActiveProfile>,
    ) -> Result<Settings, Error> {
        let layers = Layers {
            env,
            profile: profile.as_ref(),
        };
        let api_key = layers
            .pick(
                global.api_key.clone(),
                "--api-key",
                &[ENV_API_KEY, ENV_PARSE_API_KEY],
                "api_key",
            )
            .map(|s| Sourced {
                value: ApiKey::new(s.value.trim()),
                source: s.source,
            });
        // From now on the key is masked in every message, those about the settings included.
        if let Some(key) = &api_key {
            key.value.register();
        }
        let (base_url, https_assumed) = resolve_base_url(global, &layers)?;
        check_transport(&base_url.value, global.allow_insecure_http)?;
        let project_id = layers.pick(
            scope.and_then(|s| s.project_id.clone()),
            "--project-id",
            &[ENV_PROJECT_ID],
            "project_id",
        );
        let organization_id = layers.pick(
            scope.and_then(|s| s.organization_id.clone()),
            "--organization-id",
            &[ENV_ORGANIZATION_ID],
            "organization_id",
        );
        let tier = layers.pick(None, "--tier", &[ENV_TIER], "tier");
        let max_credits = layers.pick(None, "--max-credits", &[ENV_MAX_CREDITS], "max_credits");
        let store = layers.pick(None, "--store", &[ENV_STORE], "store");
        let headers = match env.var(ENV_CUSTOM_HEADERS) {
            Some(text) => {
                custom_headers(&text).map_err(|why| Error::Usage(format!("{ENV_CUSTOM_HEADERS}, {why}")))?
            }
            None => Vec::new(),
        };
        let proxy = proxy_for(&base_url.value, env)?;
        let ca_file = layers
            .pick(
                global.ca_file.as_ref().map(|p| p.display().to_string()),
                "--ca-file",
                &[],
                "ca_file",
            )
            .map(|s| Sourced {
                value: PathBuf::from(s.value),
                source: s.source,
            });
        let cache_dir = layers
            .pick(None, "", &[ENV_CACHE_DIR], "cache_dir")
            .map(|s| Sourced {
                value: PathBuf::from(s.value),
                source: s.source,
            })
            .or_else(|| {
                config::default_cache_dir(env).map(|value| Sourced {
                    value,
                    source: Source::Default,
                })
            });
        Ok(Settings {
            cache_dir,
            ca_file,
            proxy,
            https_assumed,
            no_keep_alive: cfg!(feature = "test-support")
                && env.var("LLAMACLOUD_TEST_NO_KEEPALIVE").is_some_and(|v| v == "1"),
            headers,
            api_key,
            base_url,
            project_id,
            organization_id,
            tier,
            max_credits,
            store,
            profile,
            config_path: None,
            config_error: None,
            timeout: global.timeout,
            max_retries: global.max_retries,
            debug: global.debug,
        })
    }

    /// The API key, or the error that tells the user how to provide one (exit 4).
    pub(crate) fn require_api_key(&self) -> Result<&Sourced<ApiKey>, Error> {
        self.api_key.as_ref().ok_or_else(|| {
            Error::Auth(format!(
                "no API key: set {ENV_API_KEY} (or {ENV_PARSE_API_KEY}), or pass --api-key"
            ))
        })
    }

    /// The credit budget a run keeps to: `flag` (`--max-credits`) wins, else
    /// `LLAMA_CLOUD_MAX_CREDITS`, else the profile's `max_credits`, else none. A value from the
    /// environment or the profile that is not a positive number is a usage error (exit 2) naming
    /// where it came from.
    pub(crate) fn max_credits(&self, flag: Option<f64>) -> Result<Option<Sourced<f64>>, Error> {
        if let Some(value) = flag {
            return Ok(Some(Sourced {
                value,
                source: Source::Flag("--max-credits"),
            }));
        }
        let Some(set) = &self.max_credits else {
            return Ok(None);
        };
        let value = crate::cli::credits(&set.value).map_err(|why| {
            let at = max_credits_setting(&set.source);
            Error::usage(format!("{at} {:?}: {why}", set.value))
        })?;
        Ok(Some(Sourced {
            value,
            source: set.source.clone(),
        }))
    }

    /// The shared result store: `flag` (`--store`) wins, else `LLAMACLOUD_STORE`, else the
    /// profile's `store`, else none. A URL from the environment or the profile that is not one a
    /// store can be at is a usage error (exit 2) naming where it came from.
    pub(crate) fn store(&self, flag: Option<&str>) -> Result<Option<Sourced<String>>, Error> {
        if let Some(url) = flag {
            return Ok(Some(Sourced {
                value: url.to_string(),
                source: Source::Flag("--store"),
            }));
        }
        let Some(set) = &self.store else {
            return Ok(None);
        };
        let value = crate::cli::store_url(&set.value)
            .map_err(|why| Error::usage(format!("{}: {why}", set.source.as_setting())))?;
        Ok(Some(Sourced {
            value,
            source: set.source.clone(),
        }))
    }

    /// An authenticated client; fails before any request when no key is configured.
    pub fn client(&self, clock: Arc<dyn Clock>, env: &dyn Env, stderr: &Stderr) -> Result<Client, Error> {
        let key = self.require_api_key()?;
        let extra_roots = match &self.ca_file {
            Some(ca_file) => read_roots(&ca_file.value, &ca_file.source)?,
            None => Vec::new(),
        };
        for problem in trust_env_problems(env) {
            stderr.line(&format!(
                "warning: {problem}; its certificate authorities are not trusted"
            ));
        }
        Client::new(ClientConfig {
            base_url: self.base_url.value.clone(),
            api_key: key.value.clone(),
            key_source: key.source.as_setting(),
            timeout: self.timeout,
            connect_timeout: CONNECT_TIMEOUT,
            max_retries: self.max_retries,
            debug_log: self.debug.then(|| stderr.clone()),
            clock,
            headers: self.headers.clone(),
            proxy: self.proxy.clone(),
            https_assumed: self.https_assumed,
            no_keep_alive: self.no_keep_alive,
            extra_roots,
        })
        .map_err(Error::Usage)
    }

    /// The project and organization requests are scoped to.
    pub(crate) fn scope(&self) -> Scope {
        Scope {
            project_id: self.project_id.as_ref().map(|s| s.value.clone()),
            organization_id: self.organization_id.as_ref().map(|s| s.value.clone()),
        }
    }

    /// The region the base URL belongs to, if it is one of LlamaCloud's.
    pub fn region(&self) -> Option<Region> {
        [Region::Us, Region::Eu]
            .into_iter()
            .find(|r| normalize_base_url(region_url(*r)).is_ok_and(|u| u == self.base_url.value))
    }
}

/// Where a budget was set, as the user would name it: `--max-credits`,
/// `LLAMA_CLOUD_MAX_CREDITS`, `max_credits of profile work`.
pub(crate) fn max_credits_setting(source: &Source) -> String {
    match source {
        Source::Flag(name) | Source::Env(name) => name.to_string(),
        Source::Profile(profile) => format!("max_credits of profile {profile}"),
        Source::File(_) | Source::Default => "max_credits in the config file".to_string(),
    }
}

/// The environment and the profile, the layers below the flags.
struct Layers<'a> {
    env: &'a dyn Env,
    profile: Option<&'a ActiveProfile>,
}

impl Layers<'_> {
    /// The flag's value, else the first variable set, else the profile's `key`.
    fn pick(
        &self,
        flag: Option<String>,
        flag_name: &'static str,
        vars: &[&'static str],
        key: &str,
    ) -> Option<Sourced<String>> {
        if let Some(value) = flag.filter(|v| !v.trim().is_empty()) {
            return Some(Sourced {
                value,
                source: Source::Flag(flag_name),
            });
        }
        vars.iter()
            .find_map(|&name| {
                self.env.var(name).map(|value| Sourced {
                    value,
                    source: Source::Env(name),
                })
            })
            .or_else(|| self.profile_value(key))
    }

    fn profile_value(&self, key: &str) -> Option<Sourced<String>> {
        let active = self.profile?;
        let value = active.profile.get(key)?.to_string();
        Some(Sourced {
            value,
            source: Source::Profile(active.name.clone()),
        })
    }
}

/// `--base-url` and `--region` are one setting seen two ways: the most specific level wins,
/// and at the same level an explicit URL beats a region.
/// The base URL, and whether its scheme was assumed (`https://`, the user gave none).
fn resolve_base_url(global: &GlobalArgs, layers: &Layers<'_>) -> Result<(Sourced<Url>, bool), Error> {
    let region_of = |name: String, source: Source| {
        parse_region(&name)
            .map(|region| (region_url(region).to_string(), source.clone()))
            .ok_or_else(|| {
                Error::usage(format!(
                    "region {name:?} (from {source}) is not a region; expected us or eu"
                ))
            })
    };
    let (raw, source) = if let Some(url) = &global.base_url {
        (url.clone(), Source::Flag("--base-url"))
    } else if let Some(region) = global.region {
        (region_url(region).to_string(), Source::Flag("--region"))
    } else if let Some(url) = layers.env.var(ENV_BASE_URL) {
        (url, Source::Env(ENV_BASE_URL))
    } else if let Some(name) = layers.env.var(ENV_REGION) {
        region_of(name, Source::Env(ENV_REGION))?
    } else if let Some(url) = layers.profile_value("base_url") {
        (url.value, url.source)
    } else if let Some(name) = layers.profile_value("region") {
        region_of(name.value, name.source)?
    } else {
        (region_url(Region::Us).to_string(), Source::Default)
    };
    let value = normalize_base_url(&raw)
        .map_err(|why| Error::usage(format!("invalid base URL {raw:?} (from {source}): {why}")))?;
    Ok((Sourced { value, source }, !raw.contains("://")))
}

#[cfg(test)]
mod tests;
