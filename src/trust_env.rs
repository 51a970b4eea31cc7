//! The certificate authorities the environment names in place of the system's (`SSL_CERT_FILE`,
//! `SSL_CERT_DIR`, which the TLS layer reads): what is wrong with them, said for the warning of a
//! run that builds a client (`settings`) and for the advice of a certificate error (`error`).

use crate::context::Env;

/// What is wrong with the certificate authorities the environment names (`SSL_CERT_FILE`, each
/// directory of `SSL_CERT_DIR`), which replace the system's: one line each, naming it.
pub(crate) fn trust_env_problems(env: &dyn Env) -> Vec<String> {
    let file = env
        .var("SSL_CERT_FILE")
        .map(|file| ("SSL_CERT_FILE", file.into()));
    let dirs = env.var("SSL_CERT_DIR").into_iter().flat_map(|dirs| {
        std::env::split_paths(&dirs)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map(|dir| ("SSL_CERT_DIR", dir))
            .collect::<Vec<_>>()
    });
    file.into_iter()
        .chain(dirs)
        .filter_map(|(name, path): (&str, std::path::PathBuf)| {
            let why = crate::api::client::trust::unusable_roots(&path)?;
            let shown = crate::text::neutralize(&path.display().to_string()).into_owned();
            Some(format!("{name} {shown}: {why}"))
        })
        .collect()
}
