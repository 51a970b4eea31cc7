//! A head line before an object's bytes (`Remote::upload` writes one, `Remote::download` gives
//! it back apart): the line, if the object begins with what the caller says a head begins with.

/// How long a head line may be: an object whose first line is longer has none.
const HEAD_MAX: usize = 1 << 20;

/// An object's bytes as they come, its head line (one that starts with `start`) kept apart.
pub(super) struct Split<'a> {
    start: &'a [u8],
    /// What came before the head line was told from the body (`None`: told).
    pending: Option<Vec<u8>>,
    line: Option<Vec<u8>>,
}

impl<'a> Split<'a> {
    pub(super) fn new(start: &'a [u8]) -> Self {
        Split {
            start,
            pending: (!start.is_empty()).then(Vec::new),
            line: None,
        }
    }

    /// What of `chunk` (and what came before it) is the body.
    pub(super) fn body(&mut self, chunk: &[u8]) -> Vec<u8> {
        let Some(pending) = &mut self.pending else {
            return chunk.to_vec();
        };
        pending.extend_from_slice(chunk);
        let known = pending.len().min(self.start.len());
        if pending[..known] != self.start[..known] || pending.len() > HEAD_MAX {
            return self.pending.take().unwrap_or_default();
        }
        if known < self.start.len() {
            return Vec::new();
        }
        match pending.iter().position(|&b| b == b'\n') {
            Some(end) => {
                let rest = pending.split_off(end + 1);
                pending.pop();
                self.line = self.pending.take();
                rest
            }
            None => Vec::new(),
        }
    }

    /// The head line, and what is left of the body.
    pub(super) fn end(mut self) -> (Option<Vec<u8>>, Vec<u8>) {
        (self.line.take(), self.pending.take().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes as they came in `chunks`, split: (head line, body).
    fn split(start: &[u8], chunks: &[&[u8]]) -> (Option<Vec<u8>>, Vec<u8>) {
        let mut split = Split::new(start);
        let mut body = Vec::new();
        for chunk in chunks {
            body.extend(split.body(chunk));
        }
        let (line, rest) = split.end();
        body.extend(rest);
        (line, body)
    }

    #[test]
    fn a_head_line_is_split_off_wherever_the_chunks_end() {
        let object = b"head {\"job_id\":\"pjb-1\"}\n# Title\nhead again\n";
        for cut in 0..object.len() {
            for second in cut..object.len() {
                let chunks = [&object[..cut], &object[cut..second], &object[second..]];
                let (line, body) = split(b"head ", &chunks);
                assert_eq!(
                    line.as_deref(),
                    Some(&b"head {\"job_id\":\"pjb-1\"}"[..]),
                    "{cut} {second}"
                );
                assert_eq!(body, b"# Title\nhead again\n", "{cut} {second}");
            }
        }
    }

    #[test]
    fn an_object_without_a_head_line_is_all_body() {
        for object in [
            &b"# Title\n"[..],
            b"hea",
            b"head without an end",
            b"",
            b"headless\n",
        ] {
            for cut in 0..=object.len() {
                let (line, body) = split(b"head ", &[&object[..cut], &object[cut..]]);
                assert!(line.is_none(), "{object:?}");
                assert_eq!(body, object, "{cut}");
            }
        }
        // Nothing to look for: all body.
        assert_eq!(split(b"", &[b"head x\n"]), (None, b"head x\n".to_vec()));
    }
}
