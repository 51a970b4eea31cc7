//! `--shard K/N`: which documents of a run are this machine's share.

/// `--shard K/N`: the documents whose result key falls in the Kth of N shares. The share is
/// taken from a hash of the key, so it is the same on every machine.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shard {
    /// 0-based.
    pub(super) index: u32,
    pub(super) count: u32,
}

impl Shard {
    pub(super) fn new((k, n): (u32, u32)) -> Self {
        Shard {
            index: k - 1,
            count: n,
        }
    }

    pub(super) fn holds(&self, key: &str) -> bool {
        let hash = blake3::hash(key.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        u64::from_le_bytes(first) % u64::from(self.count) == u64::from(self.index)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index + 1, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_in_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=3).map(|k| Shard::new((k, 3))).collect();
        let mut sizes = [0; 3];
        for i in 0..3000 {
            let key = format!("key-{i}");
            let holders: Vec<usize> = (0..3).filter(|&s| shards[s].holds(&key)).collect();
            assert_eq!(holders.len(), 1, "{key}");
            sizes[holders[0]] += 1;
        }
        // Spread about evenly.
        assert!(sizes.iter().all(|&n| (850..1150).contains(&n)), "{sizes:?}");
        assert_eq!(shards[1].to_string(), "2/3");
    }
}
