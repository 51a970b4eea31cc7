//! The files calls: a file uploaded once, for the jobs that then name it by id (`POST
//! /api/v2/parse` with `file_id`, `parse_jobs::Source::FileId`). The only code that builds a
//! files URL.

use std::path::Path;

use reqwest::StatusCode;
use serde_json::Value;

use crate::api::client::{Client, Method, Payload};
use crate::api::endpoints;
use crate::api::error::Error;
use crate::api::models::with_id;
use crate::api::query::Scope;

/// What uploaded files are for: parse jobs.
const PURPOSE: &str = "parse";

/// A file the API now holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Uploaded {
    /// What a job names it by (`file_id`).
    pub id: String,
    /// When the API may remove it (RFC 3339), if it says.
    pub expires_at: Option<String>,
}

impl Uploaded {
    /// Checks that `body` is the uploaded file: a JSON object with a string id.
    fn parse(status: StatusCode, body: Vec<u8>) -> Result<Self, Error> {
        let (_, value, id) = with_id(status, body, "the uploaded file")?;
        let expires_at = value
            .get("expires_at")
            .and_then(Value::as_str)
            .map(str::to_string);
        Ok(Uploaded { id, expires_at })
    }
}

/// `POST /api/v1/beta/files` (multipart: `purpose` = `parse`, then the file streamed from disk
/// with its name and type as a parse upload sends them). Sent as any request that changes
/// something: again only when the server provably did not take it in. No job is created and
/// nothing is paid.
pub(crate) fn upload(client: &Client, scope: &Scope, path: &Path) -> Result<Uploaded, Error> {
    let url = client.url(&endpoints::FILES, &scope.query());
    let payload = Payload::Upload {
        text: ("purpose", PURPOSE.to_string()),
        file: path.to_path_buf(),
    };
    let reply = client.send(Method::POST, &url, &payload)?;
    Uploaded::parse(reply.status, reply.body)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::{Duration, SystemTime};

    use reqwest::Url;
    use serde_json::json;
    use testkit::{Reply, Rule, Server};

    use super::*;
    use crate::api::client::ClientConfig;
    use crate::context::FakeClock;
    use crate::secret::ApiKey;

    const KEY: &str = "llx-files-test";
    const PATH: &str = "/api/v1/beta/files";

    fn client(url: &str) -> Client {
        Client::new(ClientConfig {
            base_url: Url::parse(url).unwrap(),
            api_key: ApiKey::new(KEY),
            key_source: "LLAMA_CLOUD_API_KEY".into(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(5),
            max_retries: 2,
            debug_log: None,
            clock: Arc::new(FakeClock::at(SystemTime::UNIX_EPOCH)),
            headers: Vec::new(),
            proxy: None,
            https_assumed: false,
            extra_roots: Vec::new(),
            no_keep_alive: true,
        })
        .unwrap()
    }

    fn scope() -> Scope {
        Scope {
            project_id: Some("prj-9".into()),
            organization_id: None,
        }
    }

    /// A file `name` holding `bytes` in a scratch directory (kept alive by the caller).
    fn document(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    /// The server's answers to the upload, in turn.
    fn serve(replies: Vec<Reply>) -> Server {
        Server::start(vec![Rule::new("POST", PATH, replies)])
    }

    /// A multipart request's body, its boundary (from its content type) written `B`.
    fn multipart(request: &testkit::Request) -> String {
        let boundary = request
            .header("content-type")
            .and_then(|t| t.strip_prefix("multipart/form-data; boundary="))
            .expect("a multipart content type");
        String::from_utf8_lossy(&request.body).replace(boundary, "B")
    }

    fn file(id: Value) -> Value {
        json!({
            "id": id, "name": "a.pdf", "project_id": "prj-9", "file_type": "pdf",
            "purpose": "parse", "expires_at": "2026-09-21T10:00:00Z"
        })
    }

    #[test]
    fn a_file_is_uploaded_with_purpose_parse_and_its_id_read_back() {
        let (_dir, path) = document("a.pdf", b"%PDF-1.4 body\r\n--not a boundary\r\n");
        let server = serve(vec![Reply::json(201, file(json!("dfl-1")))]);
        let uploaded = upload(&client(&server.url), &scope(), &path).unwrap();
        assert_eq!(
            uploaded,
            Uploaded {
                id: "dfl-1".into(),
                expires_at: Some("2026-09-21T10:00:00Z".into()),
            }
        );
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/api/v1/beta/files?project_id=prj-9");
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
        assert_eq!(
            multipart(request),
            "--B\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nparse\r\n\
             --B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n\
             %PDF-1.4 body\r\n--not a boundary\r\n\r\n--B--\r\n"
        );
    }

    #[test]
    fn no_expiry_is_none() {
        let (_dir, path) = document("notes.txt", b"text");
        let server = serve(vec![Reply::json(
            201,
            json!({"id": "dfl-2", "name": "notes.txt", "project_id": "prj-9", "expires_at": null}),
        )]);
        let uploaded = upload(&client(&server.url), &scope(), &path).unwrap();
        assert_eq!(uploaded.id, "dfl-2");
        assert_eq!(uploaded.expires_at, None);
        assert!(multipart(&server.requests()[0]).ends_with(
            "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n\
                 Content-Type: text/plain\r\n\r\ntext\r\n--B--\r\n"
        ));
    }

    #[test]
    fn a_success_without_a_string_id_is_an_invalid_response() {
        let (_dir, path) = document("a.pdf", b"%PDF");
        for body in [
            file(json!(7)),
            file(json!(null)),
            file(json!("  ")),
            json!({"name": "a.pdf"}),
            json!(["dfl-1"]),
        ] {
            let server = serve(vec![Reply::json(201, &body)]);
            let err = upload(&client(&server.url), &scope(), &path).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidResponse(m) if m == "expected the uploaded file, a JSON object with an id"),
                "{body}: {err:?}"
            );
            assert_eq!(server.count("POST", PATH), 1, "{body}");
        }
    }

    #[test]
    fn refusals_are_status_errors_as_for_any_call() {
        let (_dir, path) = document("a.pdf", b"%PDF");
        let server = serve(vec![Reply::json(401, json!({"detail": "Invalid API key"}))]);
        let err = upload(&client(&server.url), &scope(), &path).unwrap_err();
        assert_eq!(
            err.to_string(),
            "HTTP 401 Unauthorized: Invalid API key (check LLAMA_CLOUD_API_KEY and the region: \
             a key works only in the region it was created in)"
        );
        let server = serve(vec![Reply::json(
            422,
            json!({"detail": [{"loc": ["body", "purpose"], "msg": "Field required"}]}),
        )]);
        let err = upload(&client(&server.url), &scope(), &path).unwrap_err();
        assert_eq!(err.status_error().map(|s| s.status.as_u16()), Some(422));
        assert_eq!(
            err.to_string(),
            "HTTP 422 Unprocessable Entity: body.purpose: Field required"
        );
        // Neither is sent again.
        assert_eq!(server.count("POST", PATH), 1);
    }

    #[test]
    fn it_is_sent_again_only_when_the_server_provably_did_not_take_it_in() {
        let (_dir, path) = document("a.pdf", b"%PDF");
        let server = serve(vec![
            Reply::json(503, json!({"detail": "busy"})),
            Reply::json(201, file(json!("dfl-3"))),
        ]);
        let uploaded = upload(&client(&server.url), &scope(), &path).unwrap();
        assert_eq!(uploaded.id, "dfl-3");
        assert_eq!(server.count("POST", PATH), 2);
        // Each attempt streams the whole file again.
        let requests = server.requests();
        assert_eq!(multipart(&requests[0]), multipart(&requests[1]));
        assert!(multipart(&requests[1]).ends_with("\r\n\r\n%PDF\r\n--B--\r\n"));

        let server = serve(vec![Reply::json(500, json!({"detail": "oops"}))]);
        let err = upload(&client(&server.url), &scope(), &path).unwrap_err();
        assert!(err.may_have_acted(), "{err:?}");
        assert_eq!(server.count("POST", PATH), 1);
    }
}
