//! Reading what a create sends: a `multipart/form-data` upload, parsed as it streams in (a
//! 1 GiB file is counted, not held), or a JSON body.

use std::io::Read;

/// The most of an uploaded file kept, to make its "parsed" document from.
pub const KEEP_BYTES: usize = 256 * 1024;
/// The most of an uploaded PDF kept: all of it, up to this, so its pages can be counted.
pub const KEEP_PDF_BYTES: usize = 64 * 1024 * 1024;
/// The largest text part (`configuration`) or JSON body accepted.
const MAX_TEXT_BYTES: usize = 1 << 20;
const CHUNK: usize = 256 * 1024;

/// One part of a multipart body, as received.
#[derive(Debug, Default, Clone)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub size: u64,
    /// The first bytes (all of a text part; at most `KEEP_BYTES` of a file, `KEEP_PDF_BYTES` of
    /// a file that starts as a PDF does).
    pub head: Vec<u8>,
}

/// Reads a whole `multipart/form-data` body. `content_type` is the request's header.
pub fn multipart(content_type: &str, body: &mut dyn Read) -> Result<Vec<Part>, String> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))
        .filter(|_| content_type.trim_start().starts_with("multipart/form-data"))
        .ok_or("expected multipart/form-data with a boundary")?;
    let mut stream = Stream {
        body,
        buf: Vec::with_capacity(2 * CHUNK),
        eof: false,
    };
    // The first delimiter has no CRLF before it.
    let first = format!("--{boundary}");
    stream.skip_until(first.as_bytes())?;
    let delimiter = format!("\r\n--{boundary}");
    let mut parts = Vec::new();
    loop {
        match stream.take(2)?.as_slice() {
            b"--" => {
                // The epilogue (a CRLF, usually) is read too, so the connection can go on.
                let _ = std::io::copy(stream.body, &mut std::io::sink());
                return Ok(parts);
            }
            b"\r\n" => {}
            _ => return Err("malformed multipart delimiter".into()),
        }
        let headers = stream.until(b"\r\n\r\n", 16 * 1024)?;
        let mut part = part_headers(&String::from_utf8_lossy(&headers))?;
        let keep = if part.filename.is_some() {
            KEEP_PDF_BYTES
        } else {
            MAX_TEXT_BYTES
        };
        stream.body_until(delimiter.as_bytes(), &mut part, keep)?;
        parts.push(part);
    }
}

/// Reads a JSON body of at most `MAX_TEXT_BYTES`.
pub fn json(body: &mut dyn Read) -> Result<serde_json::Value, String> {
    let mut text = Vec::new();
    body.take(MAX_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut text)
        .map_err(|e| e.to_string())?;
    if text.len() > MAX_TEXT_BYTES {
        return Err("the body is too large".into());
    }
    serde_json::from_slice(&text).map_err(|e| format!("the body is not JSON: {e}"))
}

fn part_headers(text: &str) -> Result<Part, String> {
    let mut part = Part::default();
    let mut named = false;
    for line in text.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "content-disposition" => {
                for param in value.split(';').map(str::trim) {
                    if let Some(v) = param.strip_prefix("name=") {
                        part.name = v.trim_matches('"').to_string();
                        named = true;
                    } else if let Some(v) = param.strip_prefix("filename=") {
                        part.filename = Some(v.trim_matches('"').to_string());
                    }
                }
            }
            "content-type" => part.content_type = Some(value.trim().to_string()),
            _ => {}
        }
    }
    if named {
        Ok(part)
    } else {
        Err("a part has no Content-Disposition name".into())
    }
}

struct Stream<'a> {
    body: &'a mut dyn Read,
    buf: Vec<u8>,
    eof: bool,
}

impl Stream<'_> {
    /// Reads more into the buffer; false at the end of the body.
    fn fill(&mut self) -> Result<bool, String> {
        if self.eof {
            return Ok(false);
        }
        let start = self.buf.len();
        self.buf.resize(start + CHUNK, 0);
        let n = self
            .body
            .read(&mut self.buf[start..])
            .map_err(|e| e.to_string())?;
        self.buf.truncate(start + n);
        self.eof = n == 0;
        Ok(n > 0)
    }

    fn take(&mut self, n: usize) -> Result<Vec<u8>, String> {
        while self.buf.len() < n {
            if !self.fill()? {
                return Err("the body ended early".into());
            }
        }
        Ok(self.buf.drain(..n).collect())
    }

    fn skip_until(&mut self, needle: &[u8]) -> Result<(), String> {
        self.until(needle, 16 * 1024).map(drop)
    }

    /// The bytes before `needle` (which is consumed), at most `limit` of them.
    fn until(&mut self, needle: &[u8], limit: usize) -> Result<Vec<u8>, String> {
        loop {
            if let Some(at) = find(&self.buf, needle) {
                let found = self.buf[..at].to_vec();
                self.buf.drain(..at + needle.len());
                return Ok(found);
            }
            if self.buf.len() > limit {
                return Err("expected multipart headers".into());
            }
            if !self.fill()? {
                return Err("the body ended early".into());
            }
        }
    }

    /// Streams a part's bytes up to `delimiter` into `part` (counted; the first `keep` kept, or
    /// `KEEP_BYTES` of a file that is not a PDF).
    fn body_until(&mut self, delimiter: &[u8], part: &mut Part, keep: usize) -> Result<(), String> {
        loop {
            let found = find(&self.buf, delimiter);
            // Without the delimiter, all but a tail that may begin it is the part's.
            let end = found.unwrap_or(self.buf.len().saturating_sub(delimiter.len()));
            let room = keep.saturating_sub(part.head.len());
            part.head.extend_from_slice(&self.buf[..end.min(room)]);
            part.size += end as u64;
            // A file is kept whole (up to `KEEP_PDF_BYTES`) only if it is a PDF.
            if part.filename.is_some() && part.head.len() >= 5 && !part.head.starts_with(b"%PDF-") {
                part.head.truncate(KEEP_BYTES);
            }
            match found {
                Some(at) => {
                    self.buf.drain(..at + delimiter.len());
                    return Ok(());
                }
                None => {
                    self.buf.drain(..end);
                    if !self.fill()? {
                        return Err("the body ended inside a part".into());
                    }
                }
            }
        }
    }
}

/// Where `needle` starts in `hay`: candidates found by its first byte, which is rare in data.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(offset) = hay[from..].iter().position(|&b| b == first) {
        let at = from + offset;
        if hay.len() - at < needle.len() {
            return None;
        }
        if &hay[at..at + needle.len()] == needle {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_read_across_chunk_edges() {
        let file: Vec<u8> = (0..CHUNK * 3 + 7).map(|i| (i % 251) as u8).collect();
        let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"configuration\"\r\n\r\n{\"tier\":\"fast\"}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".to_vec();
        body.extend_from_slice(&file);
        body.extend_from_slice(b"\r\n--XyZ--\r\n");
        let parts = multipart("multipart/form-data; boundary=XyZ", &mut body.as_slice()).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "configuration");
        assert_eq!(parts[0].head, b"{\"tier\":\"fast\"}");
        assert_eq!(parts[1].filename.as_deref(), Some("a.pdf"));
        assert_eq!(parts[1].content_type.as_deref(), Some("application/pdf"));
        assert_eq!(parts[1].size, file.len() as u64);
        assert_eq!(parts[1].head, file[..KEEP_BYTES]);
    }

    #[test]
    fn a_pdf_is_kept_whole_and_other_files_only_their_start() {
        let body = |file: &[u8]| {
            let mut body =
                b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n"
                    .to_vec();
            body.extend_from_slice(file);
            body.extend_from_slice(b"\r\n--XyZ--\r\n");
            body
        };
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.resize(CHUNK * 5 + 3, b'x');
        let parts = multipart("multipart/form-data; boundary=XyZ", &mut body(&pdf).as_slice()).unwrap();
        assert_eq!(parts[0].head, pdf);
        let mut other = b"%PDX-".to_vec();
        other.resize(CHUNK * 5 + 3, b'x');
        let parts = multipart("multipart/form-data; boundary=XyZ", &mut body(&other).as_slice()).unwrap();
        assert_eq!(parts[0].head, other[..KEEP_BYTES]);
        assert_eq!(parts[0].size, other.len() as u64);
    }
}
