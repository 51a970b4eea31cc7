//! Exit codes: the only place that knows both the errors and the codes. Only the entry point
//! (`lib.rs`) uses it.

use crate::api;
use crate::error::Error;

/// The documented exit codes (README "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Failure = 1,
    Usage = 2,
    NotFound = 3,
    Auth = 4,
    Api = 5,
    JobFailed = 6,
    /// Done, but some pages failed (as rsync's 23 for a partial transfer).
    Partial = 7,
    /// The credit budget is reached (`--max-credits`), or the API is out of credits (402).
    Budget = 8,
}

/// The exit code for an error.
pub fn code(err: &Error) -> u8 {
    match err {
        Error::Context { source, .. } => code(source),
        // The worst outcome: the highest code among them, a partial result being the mildest.
        Error::Several { errors, .. } => errors
            .iter()
            .map(|(_, e)| code(e))
            .filter(|c| *c != Exit::Partial as u8)
            .max()
            .unwrap_or(if errors.is_empty() { 1 } else { Exit::Partial as u8 }),
        Error::Partial { .. } => Exit::Partial as u8,
        Error::BudgetReached(_) => Exit::Budget as u8,
        Error::Interrupted { signal } => u8::try_from(128 + signal).unwrap_or(130),
        Error::Usage(_) => Exit::Usage as u8,
        Error::Auth(_) => Exit::Auth as u8,
        Error::JobEnded { .. } => Exit::JobFailed as u8,
        Error::Api(err) => api_code(err) as u8,
        // Sent, and maybe acted on: an API outcome, whatever the cause (even a success status
        // whose body could not be read).
        Error::MayHaveActed { .. } => Exit::Api as u8,
        Error::Io(_) | Error::Failure(_) | Error::WaitedOut { .. } => Exit::Failure as u8,
    }
}

fn api_code(err: &api::Error) -> Exit {
    match err {
        api::Error::Status(status) => match status.status.as_u16() {
            401 | 403 => Exit::Auth,
            402 => Exit::Budget,
            404 | 410 => Exit::NotFound,
            _ => Exit::Api,
        },
        api::Error::GaveUp { last, .. } => api_code(last),
        // A request was sent and may have been acted on: an API outcome, not a local failure.
        api::Error::Unsure { .. } => Exit::Api,
        // An id that cannot be sent: a usage error, found before any request.
        api::Error::BadArgument(_) => Exit::Usage,
        // A result file or image link that failed or expired: an API outcome, whatever its status.
        api::Error::Presigned(_) => Exit::Api,
        api::Error::Transport(_)
        | api::Error::Local(_)
        | api::Error::TimedOut(_)
        | api::Error::Deadline(_)
        | api::Error::InvalidResponse(_) => Exit::Failure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn status(code: u16) -> Error {
        Error::Api(api::Error::status(
            reqwest::StatusCode::from_u16(code).unwrap(),
            b"{}",
        ))
    }

    #[test]
    fn every_status_has_its_code() {
        for (status_code, exit) in [
            (401, 4),
            (403, 4),
            (404, 3),
            (410, 3),
            (400, 5),
            (429, 5),
            (500, 5),
        ] {
            assert_eq!(code(&status(status_code)), exit, "{status_code}");
        }
        let gave_up = Error::Api(api::Error::GaveUp {
            attempts: 3,
            last: Box::new(api::Error::Transport("refused".into())),
        });
        assert_eq!(code(&gave_up.context("page 2")), 1);
        assert_eq!(code(&Error::Interrupted { signal: 15 }), 143);
        assert_eq!(code(&Error::usage("x")), 2);
    }

    #[test]
    fn a_request_the_server_may_have_acted_on_is_an_api_outcome_whatever_its_cause() {
        let unsure = |cause| Error::may_have_acted(cause, "the job may have been created", "x");
        assert_eq!(code(&unsure(api::Error::InvalidResponse("no id".into()))), 5);
        assert_eq!(
            code(&unsure(api::Error::Transport("reset".into())).context("a.pdf")),
            5
        );
        let Error::Api(gateway) = status(502) else {
            unreachable!()
        };
        assert_eq!(code(&unsure(gateway)), 5);
    }
}
