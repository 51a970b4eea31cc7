//! How requests travel, from the environment and the config file: the proxy for the base URL's
//! scheme (curl's variables, `NO_PROXY`), certificate authorities to trust besides the
//! platform's, headers added to every request, and the rule that the key is sent in clear text
//! only to this machine.

use std::net::IpAddr;

use reqwest::Url;
use reqwest::header::{HeaderName, HeaderValue};

use crate::api::client::ProxyConfig;
use crate::config::Source;
use crate::context::Env;
use crate::error::Error;

/// The certificate authorities of a PEM file (`--ca-file`, `ca_file`): a file that cannot be
/// read or holds none is a usage error naming where it was set.
pub(super) fn read_roots(
    path: &std::path::Path,
    source: &Source,
) -> Result<Vec<reqwest::Certificate>, Error> {
    let set = match source {
        Source::Flag(flag) => (*flag).to_string(),
        Source::Profile(profile) => format!("ca_file of profile {profile}"),
        Source::Env(name) => (*name).to_string(),
        Source::File(key) => format!("{key} in the config file"),
        Source::Default => "ca_file".to_string(),
    };
    let shown = crate::text::neutralize(&path.display().to_string()).into_owned();
    let pem = std::fs::read(path).map_err(|err| Error::usage(format!("{set} {shown}: {err}")))?;
    let roots = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|err| Error::usage(format!("{set} {shown}: not a PEM certificate bundle ({err})")))?;
    if roots.is_empty() {
        return Err(Error::usage(format!(
            "{set} {shown}: no certificate in it (expected PEM)"
        )));
    }
    Ok(roots)
}

/// The proxy variables, in the order curl reads them, for each scheme of the base URL.
const PROXY_VARS_HTTPS: [&str; 4] = ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"];
const PROXY_VARS_HTTP: [&str; 4] = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"];

/// The proxy the environment sets for the base URL's scheme, with `NO_PROXY`. A proxy URL
/// without a scheme is taken as http://, as curl does.
pub(super) fn proxy_for(base_url: &Url, env: &dyn Env) -> Result<Option<ProxyConfig>, Error> {
    let no_proxy = env.var("no_proxy").or_else(|| env.var("NO_PROXY"));
    // This machine is reached directly: a key sent over plain http to a loopback server must not
    // travel on to a proxy. `NO_PROXY=*` turns proxies off, as in curl.
    if is_loopback(base_url)
        || no_proxy
            .as_deref()
            .is_some_and(|list| list.split(',').any(|e| e.trim() == "*"))
    {
        return Ok(None);
    }
    let vars = if base_url.scheme() == "https" {
        PROXY_VARS_HTTPS
    } else {
        PROXY_VARS_HTTP
    };
    let Some((name, value)) = vars
        .iter()
        .find_map(|name| env.var(name).map(|value| (*name, value.trim().to_string())))
    else {
        return Ok(None);
    };
    let text = if value.contains("://") {
        value
    } else {
        format!("http://{value}")
    };
    let url = Url::parse(&text)
        .ok()
        .filter(|u| u.host_str().is_some())
        .ok_or_else(|| Error::usage(format!("{name} is not a proxy URL")))?;
    Ok(Some(ProxyConfig {
        url,
        source: name.to_string(),
        no_proxy,
    }))
}

/// Reads the custom headers (`LLAMA_CLOUD_CUSTOM_HEADERS`): newline-separated `Name: value`
/// lines (blank lines skipped). A line that is not a header, or one that would replace
/// `Authorization`, is an error naming the line (never its value, which may be a secret); the
/// caller says which variable it is in.
pub(super) fn custom_headers(text: &str) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let mut headers = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = |why: &str| format!("line {}: {why}", n + 1);
        let Some((name, value)) = line.split_once(':') else {
            return Err(at("expected `Name: value`"));
        };
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| at(&format!("{:?} is not a header name", name.trim())))?;
        if name == reqwest::header::AUTHORIZATION {
            return Err(at("Authorization cannot be set here; the API key sets it"));
        }
        let mut value = HeaderValue::from_str(value.trim())
            .map_err(|_| at(&format!("the value of {name} cannot be sent in a header")))?;
        value.set_sensitive(crate::api::client::is_secret_header(name.as_str()));
        headers.push((name, value));
    }
    Ok(headers)
}

/// Refuses to send the key in clear text to anything but this machine.
pub(super) fn check_transport(url: &Url, allow_insecure_http: bool) -> Result<(), Error> {
    if url.scheme() == "https" || allow_insecure_http || is_loopback(url) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "refusing to send the API key over plain http:// to {}; use https:// or pass --allow-insecure-http",
        url.host_str().unwrap_or_default()
    )))
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::context::MapEnv;

    #[test]
    fn proxies_follow_curls_variables_and_never_take_loopback() {
        let https = Url::parse("https://api.cloud.llamaindex.ai").unwrap();
        let http = Url::parse("http://api.example.test").unwrap();
        let env = |vars: &[(&'static str, &'static str)]| MapEnv::new(vars.iter().copied());
        let proxy = |url: &Url, vars| proxy_for(url, &env(vars)).unwrap().map(|p| p.source);
        assert_eq!(
            proxy(&https, &[("HTTPS_PROXY", "p:3128"), ("ALL_PROXY", "q")]).as_deref(),
            Some("HTTPS_PROXY")
        );
        assert_eq!(
            proxy(&https, &[("https_proxy", "p"), ("HTTPS_PROXY", "q")]).as_deref(),
            Some("https_proxy")
        );
        assert_eq!(
            proxy(&https, &[("HTTP_PROXY", "p")]),
            None,
            "http_proxy is for http"
        );
        assert_eq!(
            proxy(&http, &[("HTTP_PROXY", "p")]).as_deref(),
            Some("HTTP_PROXY")
        );
        assert_eq!(proxy(&https, &[("ALL_PROXY", "p")]).as_deref(), Some("ALL_PROXY"));
        assert_eq!(proxy(&https, &[("HTTPS_PROXY", "p"), ("NO_PROXY", "a, *")]), None);
        let loopback = Url::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(proxy(&loopback, &[("http_proxy", "p"), ("ALL_PROXY", "q")]), None);
        let with_scheme = proxy_for(&https, &env(&[("HTTPS_PROXY", "proxy.corp:3128")]))
            .unwrap()
            .unwrap();
        assert_eq!(with_scheme.url.as_str(), "http://proxy.corp:3128/");
        assert!(proxy_for(&https, &env(&[("HTTPS_PROXY", "http://")])).is_err());
    }
}
