//! How fast documents are hashed for their result keys (`store::key::hash_file`, BLAKE3 on one
//! core): `cargo run --release --example hash-speed -- FILE [ROUNDS]`. Used by scripts/bench.py.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: hash-speed FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut best = f64::INFINITY;
    let mut length = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        let (_, bytes) = llamacloud::hash_file(std::path::Path::new(&path)).unwrap_or_else(|err| {
            eprintln!("hash-speed: {path}: {err}");
            std::process::exit(1);
        });
        best = best.min(started.elapsed().as_secs_f64());
        length = bytes;
    }
    println!(
        "{:.2} GB/s ({length} bytes in {:.3} s, best of {rounds})",
        length as f64 / best / 1e9,
        best
    );
}
