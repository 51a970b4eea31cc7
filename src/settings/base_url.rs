//! The base URL: LlamaCloud's regions, and a URL as the user wrote it made one the API's paths
//! can be appended to.

use reqwest::Url;

use crate::domain::Region;

const US_BASE_URL: &str = "https://api.cloud.llamaindex.ai";
const EU_BASE_URL: &str = "https://api.cloud.eu.llamaindex.ai";

/// The base URL of a region.
pub(super) fn region_url(region: Region) -> &'static str {
    match region {
        Region::Us => US_BASE_URL,
        Region::Eu => EU_BASE_URL,
    }
}

pub fn parse_region(name: &str) -> Option<Region> {
    match name.trim().to_ascii_lowercase().as_str() {
        "us" => Some(Region::Us),
        "eu" => Some(Region::Eu),
        _ => None,
    }
}

/// Adds `https://` when the scheme is missing (the docs show bare hosts) and drops a trailing
/// slash, so that API paths can be appended to any path prefix the URL has.
pub fn normalize_base_url(raw: &str) -> Result<Url, String> {
    let raw = raw.trim();
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("https://{raw}")
    };
    let mut url = Url::parse(&with_scheme).map_err(|e| e.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("the scheme must be http or https, not {}", url.scheme()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the URL carries a user name or password; the API key is given with --api-key or LLAMA_CLOUD_API_KEY".into());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the URL has no host".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("the URL must not have a query or fragment".into());
    }
    let path = url.path().trim_end_matches('/').to_string();
    url.set_path(&path);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_scheme_and_keeps_its_path_prefix() {
        assert_eq!(
            normalize_base_url("api.cloud.eu.llamaindex.ai").unwrap().as_str(),
            "https://api.cloud.eu.llamaindex.ai/"
        );
        assert_eq!(
            normalize_base_url("https://proxy.example/llama/").unwrap().path(),
            "/llama"
        );
        assert!(normalize_base_url("ftp://x.example").is_err());
        assert!(normalize_base_url("https://").is_err());
    }
}
