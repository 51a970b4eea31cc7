//! The API key: never printed in full, and scrubbed from anything shown to the user.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// An API key. It never prints in full: `Debug` and `masked()` show `llx-…abcd` at most.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ApiKey(String);

/// Every key in use in this process, so that text about to be shown can be scrubbed of it (a
/// server that echoes the key back in an error must not get it printed).
static KEYS_IN_USE: Mutex<Vec<String>> = Mutex::new(Vec::new());

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    /// The key itself, for the Authorization header only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// The key with all but a short prefix and suffix hidden. Short keys show no suffix at all,
    /// so that at most a quarter of any key is ever visible.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        let prefix: String = if chars.len() >= 8 {
            chars[..4].iter().collect()
        } else {
            String::new()
        };
        let suffix: String = if chars.len() >= 16 {
            chars[chars.len() - 4..].iter().collect()
        } else {
            String::new()
        };
        format!("{prefix}…{suffix}")
    }

    /// Marks this key as one to scrub from everything shown to the user.
    pub(crate) fn register(&self) {
        let mut keys = KEYS_IN_USE.lock().unwrap_or_else(PoisonError::into_inner);
        if self.0.len() >= 4 && !keys.contains(&self.0) {
            keys.push(self.0.clone());
        }
    }
}

/// `text` with every key in use replaced by its masked form.
pub(crate) fn redact(text: &str) -> Cow<'_, str> {
    let keys = KEYS_IN_USE.lock().unwrap_or_else(PoisonError::into_inner);
    let mut text = Cow::Borrowed(text);
    for key in keys.iter() {
        if text.contains(key.as_str()) {
            text = Cow::Owned(text.replace(key.as_str(), &ApiKey::new(key.clone()).masked()));
        }
    }
    text
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_keys_show_at_most_a_prefix_and_a_short_suffix() {
        assert_eq!(ApiKey::new("llx-0123456789abcdef").masked(), "llx-…cdef");
        assert_eq!(ApiKey::new("llx-test").masked(), "llx-…");
        assert_eq!(ApiKey::new("abc").masked(), "…");
        assert!(!format!("{:?}", ApiKey::new("llx-secret-secret")).contains("secret-sec"));
    }

    #[test]
    fn registered_keys_are_scrubbed() {
        ApiKey::new("llx-scrub-me-0123456789").register();
        assert_eq!(redact("key llx-scrub-me-0123456789!"), "key llx-…6789!");
    }
}
