//! Reading a job response with struson: how much is read at a time, and what a read that
//! failed means (the connection, or a body that is not a job).

use std::io;

use struson::reader::ReaderError;

use crate::api::error::Error;

/// How much of the response is read at a time.
pub(super) const READ_BUFFER: usize = 64 * 1024;

/// The connection failed while the body was being read.
pub fn connection_failed(err: impl std::fmt::Display) -> Error {
    Error::Transport(format!("reading the response: {err}"))
}

/// A response that could not be read: the connection failed, or the body is not a job.
pub fn reading_failed(err: ReaderError) -> Error {
    match err {
        ReaderError::IoError { error, .. } => connection_failed(error),
        other => Error::InvalidResponse(format!("the body is not a parse job ({other})")),
    }
}

/// An error while reading a string value: struson reports malformed JSON inside a string as an
/// I/O error carrying its own error.
pub(super) fn string_error(err: io::Error) -> ReaderError {
    let location = struson::reader::JsonReaderPosition {
        path: None,
        line_pos: None,
        data_pos: None,
    };
    ReaderError::IoError { error: err, location }
}
