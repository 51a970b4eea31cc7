//! TLS like the platform: a server whose certificate a CA of its own signed (a proxy or firewall
//! that re-signs TLS) is refused with a message that says it is a certificate problem and names
//! the ways out, and trusted with SSL_CERT_FILE, with --ca-file and with the profile's ca_file.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::harness::{TEST_KEY, cli, command, stderr_of};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(name)
}

/// An HTTPS server on loopback answering every request with an empty listing; its URL.
fn tls_server() -> String {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(fixture("server.pem"))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_file(fixture("server.key")).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://127.0.0.1:{}", listener.local_addr().unwrap().port());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = Arc::clone(&config);
            std::thread::spawn(move || {
                let connection = rustls::ServerConnection::new(config).unwrap();
                let mut tls = rustls::StreamOwned::new(connection, stream);
                let mut reader = BufReader::new(&mut tls);
                let mut line = String::new();
                // A client that refuses the certificate ends the handshake here.
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                    line.clear();
                }
                let body = r#"{"items": [], "next_page_token": null}"#;
                let _ = write!(
                    tls,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    url
}

#[test]
fn a_ca_of_its_own_is_refused_as_a_certificate_problem_and_trusted_when_given() {
    let url = tls_server();
    let list = ["parsing", "list", "--page-size", "1", "--format", "jsonl"];
    // By default: not trusted, said as such, with the three ways out; not retried.
    let refused = command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .args(list)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1), "{}", stderr_of(&refused));
    let said = stderr_of(&refused);
    let host = url.trim_start_matches("https://");
    assert!(
        said.starts_with(&format!(
            "error: the TLS certificate of {host} is not trusted here (invalid peer certificate"
        )),
        "{said}"
    );
    assert!(
        said.lines().next().unwrap().ends_with(
            "if a proxy or firewall re-signs TLS, trust its CA with --ca-file PATH, `llamacloud config set ca_file PATH`, or SSL_CERT_FILE=PATH"
        ),
        "{said}"
    );
    assert!(
        !said.contains("after 3 attempts"),
        "a certificate error is not retried: {said}"
    );
    // SSL_CERT_FILE, as curl and the platform's own tools take it.
    let by_env = command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .env("SSL_CERT_FILE", fixture("ca.pem"))
        .args(list)
        .output()
        .unwrap();
    assert_eq!(by_env.status.code(), Some(0), "{}", stderr_of(&by_env));
    // --ca-file, and the profile's ca_file.
    let by_flag = cli(&url)
        .arg("--ca-file")
        .arg(fixture("ca.pem"))
        .args(list)
        .output()
        .unwrap();
    assert_eq!(by_flag.status.code(), Some(0), "{}", stderr_of(&by_flag));
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let mut set = cli(&url);
    set.env("LLAMACLOUD_CONFIG_DIR", &config)
        .args(["config", "set", "ca_file"])
        .arg(fixture("ca.pem"));
    assert_eq!(set.output().unwrap().status.code(), Some(0));
    let by_config = cli(&url)
        .env("LLAMACLOUD_CONFIG_DIR", &config)
        .args(list)
        .output()
        .unwrap();
    assert_eq!(by_config.status.code(), Some(0), "{}", stderr_of(&by_config));
}

#[test]
fn a_ca_file_that_holds_no_certificate_is_a_usage_error_before_any_request() {
    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("ca.txt");
    std::fs::write(&not_pem, "not a certificate\n").unwrap();
    let output = cli("https://127.0.0.1:9")
        .arg("--ca-file")
        .arg(&not_pem)
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: --ca-file {}: no certificate in it (expected PEM)\n",
            not_pem.display()
        )
    );
    let missing = cli("https://127.0.0.1:9")
        .args(["--ca-file", "/nonexistent/ca.pem", "parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr_of(&missing).starts_with("error: --ca-file /nonexistent/ca.pem: "),
        "{}",
        stderr_of(&missing)
    );
}

#[test]
fn ssl_cert_file_or_dir_that_gives_no_certificate_is_warned_about_once_and_not_offered_again() {
    let url = tls_server();
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let no_certs = dir.path().join("certs");
    std::fs::create_dir(&no_certs).unwrap();
    let missing = dir.path().join("missing.pem");
    let list = ["parsing", "list", "--page-size", "1", "--max-retries", "0"];
    let host = url.trim_start_matches("https://");
    for (variable, path, why) in [
        (
            "SSL_CERT_FILE",
            &missing,
            "No such file or directory (os error 2)",
        ),
        ("SSL_CERT_FILE", &empty, "no certificate in it (expected PEM)"),
        ("SSL_CERT_DIR", &no_certs, "no certificate in it"),
    ] {
        let output = command()
            .env("LLAMA_CLOUD_BASE_URL", &url)
            .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
            .env(variable, path)
            .args(list)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
        let problem = format!("{variable} {}: {why}", path.display());
        assert_eq!(
            stderr_of(&output),
            format!(
                "warning: {problem}; its certificate authorities are not trusted\n\
                 error: the TLS certificate of {host} is not trusted here (invalid peer certificate: \
                 UnknownIssuer): if a proxy or firewall re-signs TLS, trust its CA with --ca-file PATH \
                 or `llamacloud config set ca_file PATH` ({problem})\n"
            )
        );
    }
    // A file that gives certificates: no warning, and trusted.
    let output = command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .env("SSL_CERT_FILE", fixture("ca.pem"))
        .args(list)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(stderr_of(&output), "");
}

#[test]
fn auth_status_shows_the_certificate_authorities_and_the_proxy_without_its_password() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.pem");
    let output = cli("https://api.example.test")
        .env("HTTPS_PROXY", format!("socks5h://me:secret@127.0.0.1:{closed}"))
        .env("SSL_CERT_FILE", &missing)
        .arg("--ca-file")
        .arg(fixture("ca.pem"))
        .args(["auth", "status", "--max-retries", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let problem = format!(
        "SSL_CERT_FILE {}: No such file or directory (os error 2)",
        missing.display()
    );
    assert_eq!(
        lines[5..],
        [
            format!(
                "CA bundle {} (from flag --ca-file), and {} (from SSL_CERT_FILE); unusable: {problem}",
                fixture("ca.pem").display(),
                missing.display()
            ),
            format!("proxy     socks5h://me@127.0.0.1:{closed} (from HTTPS_PROXY)"),
        ]
    );
    let stderr = stderr_of(&output);
    assert_eq!(stderr.matches("warning: ").count(), 1, "{stderr}");
    assert!(stderr.starts_with(&format!("warning: {problem}; ")), "{stderr}");
    assert!(!stdout.contains("secret") && !stderr.contains("secret"));
    // Nothing set: the system's, and no proxy.
    let output = cli("https://127.0.0.1:9")
        .args(["auth", "status", "--max-retries", "0", "--format", "json"])
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["ca_bundle"], "the system's");
    assert_eq!(document["proxy"], serde_json::Value::Null);
}
