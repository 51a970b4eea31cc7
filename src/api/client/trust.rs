//! The certificate authorities a client trusts: the system's and the extra ones (`--ca-file`).
//! On Linux, where the platform's verifier is WebPKI over the system's certificates, those are
//! read once a process (a run builds two clients; a test process hundreds, and reading and
//! decoding the system's bundle was an eighth of the test suite's time) and given with the
//! extra ones; elsewhere (macOS, Windows: the system's own verifier), or when none are found,
//! reqwest asks the platform verifier, which says so.

use std::path::Path;

use reqwest::Certificate;

/// A client builder, blocking or not, as far as trust goes.
pub(super) trait Trust: Sized {
    /// Trusts only `certs`.
    fn only(self, certs: Vec<Certificate>) -> Self;
    /// Trusts `certs` beside the platform's own.
    fn merged(self, certs: Vec<Certificate>) -> Self;
}

impl Trust for reqwest::ClientBuilder {
    fn only(self, certs: Vec<Certificate>) -> Self {
        self.tls_certs_only(certs)
    }

    fn merged(self, certs: Vec<Certificate>) -> Self {
        self.tls_certs_merge(certs)
    }
}

impl Trust for reqwest::blocking::ClientBuilder {
    fn only(self, certs: Vec<Certificate>) -> Self {
        self.tls_certs_only(certs)
    }

    fn merged(self, certs: Vec<Certificate>) -> Self {
        self.tls_certs_merge(certs)
    }
}

/// `builder` trusting the system's certificate authorities and `extra`. On Linux, with none found
/// (a certificate file the environment names that is missing or empty), only `extra`: the
/// platform's verifier would find none either and refuse to be built at all, where this says
/// which server's certificate is not trusted.
pub(super) fn trust<B: Trust>(builder: B, extra: &[Certificate]) -> B {
    match system_roots() {
        Some(roots) => builder.only(roots.iter().chain(extra).cloned().collect()),
        None if cfg!(target_os = "linux") => builder.only(extra.to_vec()),
        None if extra.is_empty() => builder,
        None => builder.merged(extra.to_vec()),
    }
}

/// The system's certificate authorities, read once (Linux; `None` elsewhere, or when there are
/// none).
fn system_roots() -> Option<&'static [Certificate]> {
    #[cfg(target_os = "linux")]
    {
        static ROOTS: std::sync::OnceLock<Vec<Certificate>> = std::sync::OnceLock::new();
        let roots = ROOTS.get_or_init(|| {
            rustls_native_certs::load_native_certs()
                .certs
                .iter()
                .filter_map(|der| Certificate::from_der(der).ok())
                .collect()
        });
        (!roots.is_empty()).then_some(roots.as_slice())
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// Why the certificate authorities of `path` (a PEM file, or a directory of them as OpenSSL keeps
/// one) cannot be used: it cannot be read, or holds no certificate. `None` when it gives some.
pub fn unusable_roots(path: &Path) -> Option<String> {
    let holds_some = |file: &Path| {
        std::fs::read(file)
            .ok()
            .and_then(|pem| Certificate::from_pem_bundle(&pem).ok())
            .is_some_and(|certs| !certs.is_empty())
    };
    if path.is_dir() {
        return match std::fs::read_dir(path) {
            Err(err) => Some(err.to_string()),
            Ok(entries) => (!entries
                .flatten()
                .any(|entry| entry.path().is_file() && holds_some(&entry.path())))
            .then(|| "no certificate in it".to_string()),
        };
    }
    match std::fs::read(path) {
        Err(err) => Some(err.to_string()),
        Ok(_) if !holds_some(path) => Some("no certificate in it (expected PEM)".to_string()),
        Ok(_) => None,
    }
}
