//! Claims on a `file://` store.

use super::*;
use crate::context::MapEnv;

/// Machine Y lets go of a key; machine Z, which finds the key free now, claims it; machine
/// X, which had read Y's claim just before it was let go of, claims the generation after it.
/// Only one of Z and X may hold the key: were the released claim deleted, Z would find no
/// claim at all, create generation 0, and X generation 1 beside it (both would create a job
/// when Y's decision made none: a refused create, a budget reached).
#[test]
fn a_key_let_go_of_is_claimed_by_one_machine_whoever_read_it_before() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.path().display());
    let env = MapEnv::new(Vec::<(String, String)>::new());
    let store = SharedStore::open(&url, &env, Unreachable::Stop, Stderr::new(std::io::sink())).unwrap();
    let y = store.claim("key", "doc.pdf").unwrap().unwrap();
    assert_eq!(y.generation, 0);
    drop(y);
    let z = store.claim("key", "doc.pdf").unwrap().unwrap();
    assert_eq!(z.generation, 1);
    let x = store
        .remote
        .create(&claim_path("key", 1), store.claim_body(false).unwrap());
    assert!(!x.unwrap(), "two machines hold the key");
    drop(z);
    // Let go of, the last generation stays (released), the ones before it are removed.
    let left: Vec<String> = store
        .remote
        .list("claims/key/")
        .unwrap()
        .into_iter()
        .map(|listed| listed.path)
        .collect();
    assert_eq!(left, vec![claim_path("key", 1)]);
}
