//! The proxy requests go through: its URL, where the setting came from (for messages) and the
//! hosts reached directly.

use reqwest::Url;

/// The SOCKS schemes, and their port when the URL gives none (reqwest's, curl's).
const SOCKS: [&str; 4] = ["socks4", "socks4a", "socks5", "socks5h"];
const SOCKS_PORT: u16 = 1080;

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
        match self
            .url
            .port_or_known_default()
            .or_else(|| SOCKS.contains(&self.url.scheme()).then_some(SOCKS_PORT))
        {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        }
    }

    /// The proxy's URL without its password: `scheme://[user@]host:port`.
    pub fn without_password(&self) -> String {
        let user = match self.url.username() {
            "" => String::new(),
            user => format!("{user}@"),
        };
        format!("{}://{user}{}", self.url.scheme(), self.shown())
    }

    /// The proxy reqwest goes through. A scheme it cannot speak is refused here, once, rather
    /// than failing every connection (and being retried as one that failed).
    pub(super) fn reqwest(&self) -> Result<reqwest::Proxy, String> {
        let scheme = self.url.scheme();
        if !["http", "https"].contains(&scheme) && !SOCKS.contains(&scheme) {
            return Err(format!(
                "the proxy {} from {} cannot be used: {scheme}:// is not a proxy scheme this \
                 program speaks (http, https, socks4, socks4a, socks5, socks5h)",
                self.shown(),
                self.source
            ));
        }
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

    #[test]
    fn socks_proxies_are_taken_and_an_unknown_scheme_refused_once_named() {
        let proxy = |url: &str| ProxyConfig {
            url: Url::parse(url).unwrap(),
            source: "ALL_PROXY".into(),
            no_proxy: None,
        };
        let socks = proxy("socks5h://me:secret@socks.corp");
        assert!(socks.reqwest().is_ok());
        assert_eq!(socks.shown(), "socks.corp:1080");
        assert_eq!(socks.without_password(), "socks5h://me@socks.corp:1080");
        assert!(proxy("socks5://127.0.0.1:9050").reqwest().is_ok());
        assert_eq!(
            proxy("http://proxy.corp").without_password(),
            "http://proxy.corp:80"
        );
        assert_eq!(
            proxy("ftp://u:pw@relay.corp:2121").reqwest().err().as_deref(),
            Some(
                "the proxy relay.corp:2121 from ALL_PROXY cannot be used: ftp:// is not a proxy \
                 scheme this program speaks (http, https, socks4, socks4a, socks5, socks5h)"
            )
        );
    }
}
