//! A writer that hashes (BLAKE3) what goes through it: the hash OUT's manifest records of each
//! file a run writes.

use std::io::Write;

/// An output written and hashed (BLAKE3) as it goes: the hash a manifest line records.
pub(crate) struct Hashing<W> {
    out: W,
    hasher: blake3::Hasher,
    bytes: u64,
}

impl<W: Write> Hashing<W> {
    pub(crate) fn new(out: W) -> Self {
        Hashing {
            out,
            hasher: blake3::Hasher::new(),
            bytes: 0,
        }
    }

    /// How many bytes were written.
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The output, and the hash of what was written to it, in hex.
    pub(crate) fn finish(self) -> (W, String) {
        (self.out, self.hasher.finalize().to_hex().to_string())
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
