//! One attempt at a request: building it (the key, custom headers, the payload), sending an
//! upload through the async client, reading the answer, and wording what failed.

use std::time::{Duration, Instant};

use reqwest::Url;
use reqwest::blocking::Response;
use reqwest::header::{ACCEPT, AUTHORIZATION};

use super::{Answer, ApiRequest, Body, Call, Client, Payload};
use crate::api::body::{MAX_BODY_BYTES, read_limited};
use crate::api::error::{self, Error};
use crate::api::trace::{shown_body, shown_value};
use crate::api::upload::UploadError;
use crate::text::neutralize;

impl Client {
    /// A transport failure when https:// was only assumed: the server may not speak TLS.
    pub(super) fn explain_assumed_https(&self, error: Error) -> Error {
        match error {
            Error::Transport(message) if self.config.https_assumed => {
                let host = self.config.base_url.host_str().unwrap_or_default();
                let port = self
                    .config
                    .base_url
                    .port()
                    .map(|p| format!(":{p}"))
                    .unwrap_or_default();
                Error::Transport(format!(
                    "{message} (no scheme was given, so https:// was assumed; for a server without TLS use http://{host}{port})"
                ))
            }
            other => other,
        }
    }

    /// The error for a non-success answer, with the hint that fits this client's key.
    pub(super) fn status_error(&self, answer: Answer) -> Error {
        let body = match &answer.body {
            Body::Read(bytes) => bytes.as_slice(),
            Body::Unread(_) => &[],
        };
        Error::status(answer.status, body).with_hint(
            &[401],
            &format!(
                "check {} and the region: a key works only in the region it was created in",
                self.config.key_source
            ),
        )
    }

    /// One request; its body is read unless it is a success to be streamed. `bounded`: the
    /// timeout is the caller's deadline, so running out of it is a `Deadline`. `not_sent` is set
    /// when the connection failed before the request could be sent.
    pub(super) fn attempt(
        &self,
        url: &Url,
        call: &Call,
        timeout: Duration,
        bounded: bool,
        not_sent: &mut bool,
    ) -> Result<Answer, Error> {
        let request = if call.anonymous {
            // A presigned URL: no key, no custom headers; its query is its signature, not for logs.
            let shown = match url.query() {
                Some(_) => format!("{}?…", &url[..url::Position::AfterPath]),
                None => url.to_string(),
            };
            self.trace
                .line(format_args!("> {} {shown} (presigned: no API key)", call.method));
            self.http.request(call.method.clone(), url.clone())
        } else {
            match self.api_request(url, call, timeout, bounded, not_sent)? {
                ApiRequest::Built(request) => request,
                ApiRequest::Uploaded(answer) => return Ok(answer),
            }
        };
        let started = Instant::now();
        let response = request
            .timeout(timeout)
            .send()
            .inspect_err(|e| *not_sent = e.is_connect())
            .map_err(|e| self.http_error(&e, url, timeout, bounded, started))?;
        self.answer(response, url, call.stream, started)
    }

    /// A request to the API: the key, custom headers and the payload. An upload is sent here,
    /// through the async client, and comes back answered.
    fn api_request(
        &self,
        url: &Url,
        call: &Call,
        timeout: Duration,
        bounded: bool,
        not_sent: &mut bool,
    ) -> Result<ApiRequest, Error> {
        self.trace.line(format_args!("> {} {url}", call.method));
        self.trace.line(format_args!(
            "> authorization: Bearer {}",
            self.config.api_key.masked()
        ));
        let mut request = self
            .http
            .request(call.method.clone(), url.clone())
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, self.authorization.clone());
        for (name, value) in &self.config.headers {
            self.trace
                .line(format_args!("> {name}: {}", shown_value(name.as_str(), value)));
            request = request.header(name, value);
        }
        Ok(ApiRequest::Built(match call.payload {
            Payload::Empty => request,
            Payload::Json(body) => {
                self.trace.line(format_args!(
                    "> body: {}",
                    shown_body(&String::from_utf8_lossy(body))
                ));
                request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.clone())
            }
            Payload::Upload { text, file } => {
                let (name, value) = (text.0, text.1.as_str());
                self.trace.line(format_args!(
                    "> body: multipart: {name} {}, file {}",
                    shown_body(value),
                    neutralize(&file.display().to_string())
                ));
                let started = Instant::now();
                let uploader = self.uploader()?;
                let headers = (&self.authorization, self.config.headers.as_slice());
                let sent = uploader.send(url, headers, timeout, (name, value), file);
                let (status, headers, body) = match sent {
                    Ok(answer) => answer,
                    Err(UploadError::Local(err)) => return Err(err),
                    Err(UploadError::Http(e)) => {
                        *not_sent = e.is_connect();
                        return Err(self.http_error(&e, url, timeout, bounded, started));
                    }
                    Err(UploadError::Stalled { sent, total, limit }) => {
                        // The server never had the whole document: it cannot have acted.
                        *not_sent = true;
                        return Err(self.failed(
                            Error::Transport(format!(
                                "the upload to {} stalled: no progress for {} after {sent} of {total} bytes \
                                 (the document was not sent in full, so no job was created)",
                                error::host_of(url),
                                error::seconds(limit)
                            )),
                            started,
                        ));
                    }
                    Err(UploadError::NoAnswer { limit }) => {
                        return Err(self.failed(
                            Error::TimedOut(Box::new(error::TimedOut {
                                host: error::host_of(url),
                                limit,
                                hint: None,
                            })),
                            started,
                        ));
                    }
                };
                self.trace.response(status, &headers, &body, started);
                return Ok(ApiRequest::Uploaded(Answer {
                    status,
                    headers,
                    body: Body::Read(body),
                }));
            }
        }))
    }

    /// The answer to a request: its body read, unless it is a success to be streamed.
    fn answer(&self, response: Response, url: &Url, stream: bool, started: Instant) -> Result<Answer, Error> {
        let status = response.status();
        let headers = response.headers().clone();
        if stream && status.is_success() {
            self.trace.line(format_args!(
                "< {} in {} ms, body streamed",
                status.as_u16(),
                started.elapsed().as_millis()
            ));
            self.trace.headers(&headers);
            return Ok(Answer {
                status,
                headers,
                body: Body::Unread(response),
            });
        }
        let body = self.read_body(response, url, started)?;
        self.trace.response(status, &headers, &body, started);
        Ok(Answer {
            status,
            headers,
            body: Body::Read(body),
        })
    }

    /// A failed request, worded for the user: a connection that did not open in time, a
    /// deadline reached, or another transport failure.
    fn http_error(
        &self,
        e: &reqwest::Error,
        url: &Url,
        timeout: Duration,
        bounded: bool,
        started: Instant,
    ) -> Error {
        let proxy = self
            .config
            .proxy
            .as_ref()
            .filter(|proxy| !proxy.bypasses(url.host_str().unwrap_or_default()));
        let error = match (error::transport(e, url, timeout), proxy) {
            (_, Some(proxy)) if e.is_connect() => Error::Transport(format!(
                "could not connect to the proxy {} (from {}) for {}: {}",
                proxy.shown(),
                proxy.source,
                error::host_of(url),
                error::root_cause(e)
            )),
            (_, None) if e.is_connect() && e.is_timeout() && timeout > self.config.connect_timeout => {
                error::connect_timed_out(url, self.config.connect_timeout)
            }
            (err @ Error::TimedOut(_), _) if bounded => Error::Deadline(err.to_string()),
            (other, _) => other,
        };
        self.failed(error, started)
    }

    pub(super) fn read_body(
        &self,
        response: Response,
        url: &Url,
        started: Instant,
    ) -> Result<Vec<u8>, Error> {
        let body = read_limited(response, MAX_BODY_BYTES)
            .map_err(|e| self.failed(error::reading(&e, url, self.config.timeout), started))?;
        body.ok_or_else(|| {
            Error::InvalidResponse(format!(
                "the response is larger than {} MiB",
                MAX_BODY_BYTES >> 20
            ))
        })
    }

    fn failed(&self, error: Error, started: Instant) -> Error {
        self.trace.line(format_args!(
            "< failed after {} ms: {error}",
            started.elapsed().as_millis()
        ));
        error
    }
}
