//! The program's errors: one type for every command, worded for the user. Which exit code each
//! gets is decided in one place only, `exit`, which nothing here knows about.

use std::fmt;
use std::io;

use crate::api;

/// Everything that can end a command early.
#[derive(Debug)]
pub enum Error {
    /// A bad argument or setting, found after argument parsing.
    Usage(String),
    /// No key, or the key cannot be used.
    Auth(String),
    /// The API call failed.
    Api(api::Error),
    /// A request that changes something failed in a way that does not rule out that the server
    /// acted on it (its answer lost; 500, 502, 504; a success whose body cannot be read):
    /// `outcome` says what may have happened, `check` the command that tells. Never sent again.
    MayHaveActed {
        cause: Box<Error>,
        outcome: String,
        check: String,
    },
    /// `--wait` saw the job end FAILED or CANCELLED.
    JobEnded {
        job_id: String,
        status: String,
        message: Option<String>,
    },
    /// A signal stopped the command after it ended its output.
    Interrupted { signal: i32 },
    /// Reading or writing a local file or stream.
    Io(io::Error),
    /// Anything else that went wrong here, such as a `--jq` runtime error.
    Failure(String),
    /// What was being done when `source` happened.
    Context { message: String, source: Box<Error> },
    /// A command acting on several ids failed for some: each id with its error.
    Several { of: usize, errors: Vec<(String, Error)> },
    /// `--wait-timeout` passed before the job ended; `cancelled`: it was cancelled then
    /// (`--cancel-on-timeout`).
    WaitedOut { message: String, cancelled: bool },
    /// Done, but pages of the result failed (they are marked in the output and were warned
    /// about): `what` says how many, of what.
    Partial { what: String },
    /// No more jobs are created: the run's credit budget (`--max-credits`) is reached, or the
    /// API said the organization is out of credits; says why.
    BudgetReached(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }

    pub fn failure(message: impl Into<String>) -> Self {
        Error::Failure(message.into())
    }

    /// Gave up waiting for a job (not cancelled).
    pub(crate) fn waited_out(message: impl Into<String>) -> Self {
        Error::WaitedOut {
            message: message.into(),
            cancelled: false,
        }
    }

    /// Puts `message` in front of this error.
    pub fn context(self, message: impl Into<String>) -> Self {
        Error::Context {
            message: message.into(),
            source: Box::new(self),
        }
    }

    /// `cause`, after which the server may have acted: `outcome` is what may have happened,
    /// `check` the command that tells.
    pub(crate) fn may_have_acted(
        cause: api::Error,
        outcome: impl Into<String>,
        check: impl Into<String>,
    ) -> Self {
        Error::MayHaveActed {
            // A 5xx's hint, "try again later", is wrong advice when trying again may pay twice:
            // the check is what to do.
            cause: Box::new(Error::from(cause.without_hint())),
            outcome: outcome.into(),
            check: check.into(),
        }
    }

    /// True when the server may have acted on the request that failed: said so
    /// (`MayHaveActed`), or an API error that does not rule it out.
    pub(crate) fn server_may_have_acted(&self) -> bool {
        match self {
            Error::MayHaveActed { .. } => true,
            Error::Api(err) => err.may_have_acted(),
            _ => false,
        }
    }

    /// The error beneath any context (and beneath the note that the server may have acted).
    pub fn root(&self) -> &Error {
        match self {
            Error::Context { source, .. } | Error::MayHaveActed { cause: source, .. } => source.root(),
            other => other,
        }
    }

    /// The pages of `job_id` that failed, said as an error when any did.
    pub fn partial(job_id: &str, pages: &[api::document::FailedPage]) -> Result<()> {
        Error::partial_of(&format!("job {job_id} completed"), pages)
    }

    /// `partial` of what is named by `done` (`report.pdf was parsed`: a document parsed in
    /// windows, of several jobs).
    pub(crate) fn partial_of(done: &str, pages: &[api::document::FailedPage]) -> Result<()> {
        if pages.is_empty() {
            return Ok(());
        }
        let numbers: Vec<&str> = pages.iter().map(|p| p.page_number.as_str()).collect();
        Err(Error::Partial {
            what: format!(
                "{done} with {} failed page{} ({}), marked in the output",
                pages.len(),
                if pages.len() == 1 { "" } else { "s" },
                numbers.join(", ")
            ),
        })
    }

    /// True when the error only means that the reader of the output went away (`| head`).
    pub(crate) fn is_broken_pipe(&self) -> bool {
        matches!(self.root(), Error::Io(err) if err.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) | Error::Auth(message) | Error::Failure(message) => f.write_str(message),
            Error::Api(err) => err.fmt(f),
            Error::MayHaveActed {
                cause,
                outcome,
                check,
            } => write!(f, "{cause} ({outcome}: check with `{check}`)"),
            Error::JobEnded {
                job_id,
                status,
                message,
            } => {
                write!(f, "job {job_id} ended {status}")?;
                match message {
                    Some(message) => write!(f, ": {message}"),
                    None => Ok(()),
                }
            }
            Error::Interrupted { .. } => f.write_str("interrupted"),
            Error::Io(err) => err.fmt(f),
            Error::Context { message, source } => write!(f, "{message}: {source}"),
            Error::Several { of, errors } => write!(f, "{} of {of} failed", errors.len()),
            Error::Partial { what } => f.write_str(what),
            Error::BudgetReached(why) => f.write_str(why),
            Error::WaitedOut { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(err: io::Error) -> Self {
        Error::Io(err)
    }
}

impl From<api::Error> for Error {
    /// The API layer says what happened; here it is said which setting to change.
    fn from(err: api::Error) -> Self {
        let certificate_hint = if err.is_certificate() {
            certificate_hint()
        } else {
            String::new()
        };
        Error::Api(
            err.with_timeout_hint("the --timeout per request")
                .with_certificate_hint(&certificate_hint)
                .with_default_hint(
                    &[403],
                    "the key's project cannot see this resource; check --project-id and --organization-id",
                )
                .with_default_hint(
                    &[301, 302, 303, 307, 308],
                    "a redirect to another host is not followed while LLAMA_CLOUD_CUSTOM_HEADERS is set",
                ),
        )
    }
}

/// How to trust the CA of a proxy or firewall that re-signs TLS. SSL_CERT_FILE=PATH is offered
/// unless the certificate authorities the process's environment names (which the TLS layer reads)
/// are already set and cannot be used: then that is said instead.
fn certificate_hint() -> String {
    let ways = "if a proxy or firewall re-signs TLS, trust its CA with --ca-file PATH";
    match crate::trust_env::trust_env_problems(&crate::context::ProcessEnv).first() {
        None => format!("{ways}, `llamacloud config set ca_file PATH`, or SSL_CERT_FILE=PATH"),
        Some(problem) => format!("{ways} or `llamacloud config set ca_file PATH` ({problem})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, body: &str) -> api::Error {
        api::Error::status(reqwest::StatusCode::from_u16(code).unwrap(), body.as_bytes())
    }

    #[test]
    fn may_have_acted_says_what_to_check_instead_of_trying_again() {
        let unsure =
            |cause| Error::may_have_acted(cause, "the job may have been created", "llamacloud parsing list");
        let note = "(the job may have been created: check with `llamacloud parsing list`)";
        assert_eq!(
            unsure(status(502, r#"{"detail":"Bad gateway"}"#)).to_string(),
            format!("HTTP 502 Bad Gateway: Bad gateway {note}")
        );
        let gave_up = api::Error::GaveUp {
            attempts: 3,
            last: Box::new(status(500, "{}")),
        };
        assert_eq!(
            unsure(gave_up).to_string(),
            format!("gave up after 3 attempts: HTTP 500 Internal Server Error: {{}} {note}")
        );
        let lost = api::Error::Unsure {
            cause: Box::new(api::Error::Transport(
                "reading the response from h failed: reset".into(),
            )),
            note: None,
        };
        assert_eq!(
            unsure(lost).to_string(),
            format!("reading the response from h failed: reset {note}")
        );
        let unreadable = unsure(api::Error::InvalidResponse("no id".into()));
        assert_eq!(unreadable.to_string(), format!("invalid response: no id {note}"));
        assert!(unreadable.server_may_have_acted());
        // Beneath the note is the API's error, as beneath any context.
        let wrapped = unsure(status(504, "{}")).context("a.pdf");
        assert!(matches!(wrapped.root(), Error::Api(api) if api.status_code() == Some(504)));
    }

    #[test]
    fn a_broken_pipe_is_found_under_context() {
        let pipe = Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("page 2");
        assert!(pipe.is_broken_pipe());
        assert!(!Error::from(io::Error::other("disk full")).is_broken_pipe());
    }
}
