//! The proxy requests go through: its URL, where the setting came from (for messages) and the
//! hosts reached directly.

use reqwest::Url;

/// A proxy, and where its setting came from (for messages).
#[derive(Debug, Clone)]
pub struct ProxyConfig {
    pub url: Url,
    /// Where the setting came from, as the user would set it.
    pub source: String,
    /// Hosts reached directly (comma-separated, as curl reads it).
    pub no_proxy: Option<String>,
}

impl ProxyConfig {
    /// Whether requests to `host` bypass the proxy: an entry that is `*`, the host, or a domain
    /// the host is in.
    pub(super) fn bypasses(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        self.no_proxy
            .iter()
            .flat_map(|list| list.split(','))
            .any(|entry| {
                let entry = entry.trim().trim_start_matches('.');
                !entry.is_empty()
                    && (entry == "*"
                        || host.eq_ignore_ascii_case(entry)
                        || host
                            .to_ascii_lowercase()
                            .ends_with(&format!(".{}", entry.to_ascii_lowercase())))
            })
    }

    /// `host:port` of the proxy, without any credentials.
    pub(super) fn shown(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        match self.url.port_or_known_default() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        }
    }

    pub(super) fn reqwest(&self) -> Result<reqwest::Proxy, String> {
        let proxy = reqwest::Proxy::all(self.url.as_str()).map_err(|e| {
            format!(
                "the proxy {} from {} cannot be used: {e}",
                self.shown(),
                self.source
            )
        })?;
        Ok(proxy.no_proxy(self.no_proxy.as_deref().and_then(reqwest::NoProxy::from_string)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_entries_match_hosts_and_their_domains() {
        let proxy = ProxyConfig {
            url: Url::parse("http://user:pw@proxy.corp:3128").unwrap(),
            source: "the proxy setting".into(),
            no_proxy: Some("localhost, .internal,10.0.0.1".into()),
        };
        assert!(proxy.bypasses("localhost"));
        assert!(proxy.bypasses("api.internal"));
        assert!(proxy.bypasses("10.0.0.1"));
        assert!(!proxy.bypasses("api.cloud.llamaindex.ai"));
        assert!(!proxy.bypasses("notinternal"));
        assert_eq!(proxy.shown(), "proxy.corp:3128");
    }
}
