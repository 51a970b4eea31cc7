//! Response bodies: read whole (bounded), or streamed to the caller with read errors worded like
//! any transport failure.

use std::io::Read;
use std::time::Duration;

use reqwest::blocking::Response;
use reqwest::{StatusCode, Url};

use crate::api::error;

/// The largest response read whole. Parsed documents of tens of MiB are normal; a server that
/// sends without end is not.
pub(super) const MAX_BODY_BYTES: u64 = 1 << 30;

/// A successful (2xx) answer, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

/// A streamed success body.
pub(crate) enum StreamBody {
    Response {
        response: Box<Response>,
        url: Url,
        timeout: Duration,
    },
    Buffered(std::io::Cursor<Vec<u8>>),
}

impl StreamBody {
    /// The body's length, when the server said it.
    pub fn length(&self) -> Option<u64> {
        match self {
            StreamBody::Response { response, .. } => response.content_length(),
            StreamBody::Buffered(bytes) => Some(bytes.get_ref().len() as u64),
        }
    }
}

impl Read for StreamBody {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            StreamBody::Response {
                response,
                url,
                timeout,
            } => response
                .read(buf)
                .map_err(|e| std::io::Error::other(error::reading(&e, url, *timeout))),
            StreamBody::Buffered(cursor) => cursor.read(buf),
        }
    }
}

/// Reads all of `reader`, or `None` when it holds more than `limit` bytes.
pub(super) fn read_limited(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut body = Vec::new();
    reader.take(limit + 1).read_to_end(&mut body)?;
    Ok((body.len() as u64 <= limit).then_some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_over_the_limit_are_refused() {
        assert_eq!(read_limited(&b"12345"[..], 5).unwrap(), Some(b"12345".to_vec()));
        assert_eq!(read_limited(&b"123456"[..], 5).unwrap(), None);
        assert_eq!(read_limited(&b""[..], 5).unwrap(), Some(Vec::new()));
    }
}
