//! The floor for `docs/performance.md`: fetch every page of `GET /api/v2/parse` with the same
//! HTTP stack as `llamacloud` (reqwest, one connection), find each next token, and write the
//! pages' bytes unprocessed. Nothing is printed per item; nothing is checked.
//!
//!     cargo run --release --example bare-fetch -- BASE_URL API_KEY PAGE_SIZE > /dev/null

use std::io::Write as _;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, key, size] = &args[..] else {
        return Err("usage: bare-fetch BASE_URL API_KEY PAGE_SIZE".into());
    };
    let client = reqwest::blocking::Client::builder().gzip(true).build()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut token: Option<String> = None;
    loop {
        let mut url = reqwest::Url::parse(&format!("{base}/api/v2/parse"))?;
        url.query_pairs_mut().append_pair("page_size", size);
        if let Some(token) = &token {
            url.query_pairs_mut().append_pair("page_token", token);
        }
        let body = client
            .get(url)
            .bearer_auth(key)
            .send()?
            .error_for_status()?
            .bytes()?;
        out.write_all(&body)?;
        #[derive(serde::Deserialize)]
        struct Next {
            next_page_token: Option<String>,
        }
        token = serde_json::from_slice::<Next>(&body)?
            .next_page_token
            .filter(|t| !t.is_empty());
        if token.is_none() {
            break;
        }
    }
    out.flush()?;
    Ok(())
}
