//! The shared result store on a real Azure Blob emulator (Azurite, on loopback:
//! `testkit::azure`; skipped, and said so, where it is not installed, except in CI): two
//! machines at once make one job per document, a third with an empty HOME none.

use std::path::Path;

use testkit::azure::Azurite;

use crate::fake_server::{fake, start_shared};
use crate::harness::{InProcess, cli};
use crate::shared_store::{a_third_makes_none, tree, two_at_once};

/// `parse` of DIR/docs on machine `name`: its own HOME, config and local store, empty at first
/// (DIR/NAME/home), its outputs in DIR/NAME/out; the shared store on `server`.
fn machine(url: &str, dir: &Path, name: &str, server: &Azurite) -> InProcess {
    let mut run = cli(url);
    for (key, value) in server.env() {
        run.env(key, value);
    }
    let home = dir.join(name).join("home");
    run.env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("LLAMACLOUD_CONFIG_DIR", home.join("llamacloud"))
        .env("LLAMACLOUD_CACHE_DIR", home.join("store"))
        .env("LLAMACLOUD_TEST_STORE_RETRY_MS", "200")
        .args(["parse", "--tier", "agentic", "--format", "jsonl", "--recursive"])
        .arg(dir.join("docs"))
        .arg("--output-dir")
        .arg(dir.join(name).join("out"))
        .args(["--store", &server.url("team")]);
    run
}

#[test]
fn two_machines_on_an_azure_store_at_once_make_one_job_per_document_and_a_third_makes_none() {
    let Some(server) = Azurite::start("shared_store_azure::two_machines…") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let count = 8;
    tree(dir.path(), count);
    let (url, fake) = start_shared(fake::Config::default());
    let machine = |name: &str| machine(&url, dir.path(), name, &server).output().unwrap();
    two_at_once(&fake, count, machine);
    for n in 0..count {
        let name = format!("doc-{n:02}.md.md");
        let (in_a, in_b) = (
            dir.path().join("a/out").join(&name),
            dir.path().join("b/out").join(&name),
        );
        assert!(in_a.is_file() && in_b.is_file(), "{name}");
        assert_eq!(
            std::fs::read(in_a).unwrap(),
            std::fs::read(in_b).unwrap(),
            "{name}"
        );
    }
    a_third_makes_none(&fake, dir.path(), count, machine);
}
