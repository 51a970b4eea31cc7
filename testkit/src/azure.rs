//! A real Azure Blob Storage emulator on loopback for the shared store's tests: Azurite's blob
//! service (npm `azurite`, in memory, no telemetry), which honours `If-None-Match: *` with
//! exactly one winner among racing writers. `scripts/azurite.sh` installs it in
//! `target/azurite`; or `LLAMACLOUD_AZURITE` names an `azurite-blob` elsewhere.
//!
//! Where it is not installed, [`Azurite::start`] says the test is skipped (as [`crate::s3`]
//! does) and gives `None`; with `LLAMACLOUD_REQUIRE_AZURE=1` (CI) it panics instead.
//!
//! The store is reached as a real account is, not through object_store's emulator switch
//! (`AZURE_STORAGE_USE_EMULATOR`, whose port comes from the process's own `AZURITE_BLOB_STORAGE_URL`,
//! which a test in the suite's process cannot set for itself alone): the well-known emulator
//! account and key, and the account's endpoint `http://127.0.0.1:PORT/devstoreaccount1`.

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::s3::{skipped, start_on_a_free_port};

/// The container every server has.
pub const CONTAINER: &str = "llamacloud-test";
/// The emulator's well-known account and key (public: every Azurite has them).
pub const ACCOUNT: &str = "devstoreaccount1";
pub const ACCOUNT_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/// Creates the container `argv[2]` on the port `argv[1]`, signed with the account's shared key
/// (Azurite takes no unsigned request); prints the answer's status, exits 2 when it cannot
/// connect.
const CREATE_CONTAINER: &str = r#"
const http = require('http'), crypto = require('crypto');
const [port, container, account, key] = process.argv.slice(1);
const date = new Date().toUTCString(), version = '2021-08-06', path = `/${account}/${container}`;
const toSign = ['PUT', '', '', '', '', '', '', '', '', '', '', '',
  `x-ms-date:${date}`, `x-ms-version:${version}`, `/${account}${path}\nrestype:container`].join('\n');
const signature = crypto.createHmac('sha256', Buffer.from(key, 'base64')).update(toSign, 'utf8').digest('base64');
http.request({host: '127.0.0.1', port, method: 'PUT', path: `${path}?restype=container`,
  headers: {'x-ms-date': date, 'x-ms-version': version, 'Content-Length': 0,
    Authorization: `SharedKey ${account}:${signature}`}}, (answer) => {
  answer.resume();
  console.log(answer.statusCode);
}).on('error', (e) => { console.error(e.message); process.exit(2); }).end();
"#;

/// An Azurite blob service, killed when dropped.
pub struct Azurite {
    child: Option<Child>,
    port: u16,
}

impl Azurite {
    /// A server with [`CONTAINER`] made, answering on a free loopback port; `None` (the test
    /// named `test` said to be skipped) when Azurite is not installed.
    pub fn start(test: &str) -> Option<Azurite> {
        let program = match azurite_blob() {
            Some(program) => program,
            None => {
                let why = "azurite-blob is not installed (scripts/azurite.sh installs it; or set LLAMACLOUD_AZURITE)";
                if std::env::var("LLAMACLOUD_REQUIRE_AZURE").is_ok_and(|v| v == "1") {
                    panic!("{test} needs Azurite and LLAMACLOUD_REQUIRE_AZURE=1: {why}");
                }
                skipped(test, why);
                return None;
            }
        };
        // In memory, so it writes no workspace (its debug log and data would go to the current
        // directory): the current directory is a temporary one all the same.
        let cwd = std::env::temp_dir();
        let server = start_on_a_free_port(
            &program,
            |port| Azurite {
                child: Some(
                    Command::new(&program)
                        .args(["--blobHost", "127.0.0.1", "--blobPort", &port.to_string()])
                        .args([
                            "--inMemoryPersistence",
                            "--skipApiVersionCheck",
                            "--disableTelemetry",
                            "--silent",
                        ])
                        .current_dir(&cwd)
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display())),
                ),
                port,
            },
            Azurite::wait_until_ready,
        );
        Some(server)
    }

    /// `az://CONTAINER/prefix`.
    pub fn url(&self, prefix: &str) -> String {
        format!("az://{CONTAINER}/{}", prefix.trim_start_matches('/'))
    }

    /// The account's endpoint, `http://127.0.0.1:PORT/devstoreaccount1`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/{ACCOUNT}", self.port)
    }

    /// The environment that points object_store at this server: the emulator's account and
    /// key, its endpoint, and plain HTTP allowed. Conditional puts need nothing more:
    /// object_store sends `If-None-Match: *` for a create on Azure.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AZURE_STORAGE_ACCOUNT_NAME", ACCOUNT.to_string()),
            ("AZURE_STORAGE_ACCOUNT_KEY", ACCOUNT_KEY.to_string()),
            ("AZURE_STORAGE_ENDPOINT", self.endpoint()),
            ("AZURE_ALLOW_HTTP", "true".to_string()),
        ]
    }

    /// Kills the server (the store becomes unreachable: connections are refused).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn wait_until_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        loop {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                self.child = None;
                return Err(format!("it exited ({status})"));
            }
            match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
                Ok(_) => break,
                Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => {
                    self.stop();
                    return Err(format!("it did not answer within 30 s ({e})"));
                }
            }
        }
        let created = Command::new("node")
            .args([
                "-e",
                CREATE_CONTAINER,
                &self.port.to_string(),
                CONTAINER,
                ACCOUNT,
                ACCOUNT_KEY,
            ])
            .stdin(Stdio::null())
            .output();
        match created {
            Ok(out) if String::from_utf8_lossy(&out.stdout).trim() == "201" => Ok(()),
            Ok(out) => {
                self.stop();
                Err(format!(
                    "creating the container answered {} {}",
                    String::from_utf8_lossy(&out.stdout).trim(),
                    String::from_utf8_lossy(&out.stderr).trim()
                ))
            }
            Err(e) => {
                self.stop();
                Err(format!("cannot run node to create the container: {e}"))
            }
        }
    }
}

impl Drop for Azurite {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Where the server is: `LLAMACLOUD_AZURITE`, else the crate's `target/azurite`.
fn azurite_blob() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("LLAMACLOUD_AZURITE").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    Some(root.join("target/azurite/node_modules/.bin/azurite-blob")).filter(|p| p.is_file())
}
