//! Which fields of each kind of item the tsv and table formats show.

use std::borrow::Cow;

use serde_json::Value;

/// The kinds of item the list commands print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    ParseJob,
    Batch,
    BatchJob,
}

/// A column: its header and the JSON path of its value.
#[derive(Debug)]
pub struct Column {
    pub header: &'static str,
    pub path: &'static [&'static str],
}

const fn col(header: &'static str, path: &'static [&'static str]) -> Column {
    Column { header, path }
}

const PARSE_JOB: &[Column] = &[
    col("ID", &["id"]),
    col("NAME", &["name"]),
    col("STATUS", &["status"]),
    col("TIER", &["tier"]),
    col("CREATED", &["created_at"]),
    col("UPDATED", &["updated_at"]),
];

const BATCH: &[Column] = &[
    col("ID", &["id"]),
    col("STATUS", &["status"]),
    col("TYPE", &["config", "job", "type"]),
    col("SOURCE DIRECTORY", &["source_directory_id"]),
    col("CREATED", &["created_at"]),
];

const BATCH_JOB: &[Column] = &[
    col("ID", &["id"]),
    col("TYPE", &["job_type"]),
    col("STATUS", &["status"]),
    col("PROCESSED", &["processed_items"]),
    col("TOTAL", &["total_items"]),
    col("FAILED", &["failed_items"]),
    col("CREATED", &["created_at"]),
    col("COMPLETED", &["completed_at"]),
];

impl Resource {
    pub fn columns(self) -> &'static [Column] {
        match self {
            Resource::ParseJob => PARSE_JOB,
            Resource::Batch => BATCH,
            Resource::BatchJob => BATCH_JOB,
        }
    }

    /// What to call an empty result on stderr.
    pub fn plural(self) -> &'static str {
        match self {
            Resource::ParseJob => "parse jobs",
            Resource::Batch => "batches",
            Resource::BatchJob => "batch-processing jobs",
        }
    }
}

impl Column {
    /// The cell text: strings as they are, other scalars as JSON, missing or null as `None`.
    pub fn value<'v>(&self, item: &'v Value) -> Option<Cow<'v, str>> {
        let mut value = item;
        for key in self.path {
            value = value.get(key)?;
        }
        match value {
            Value::Null => None,
            Value::String(s) => Some(Cow::Borrowed(s)),
            other => Some(Cow::Owned(other.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_follow_nested_paths_and_keep_numbers_exact() {
        let batch = json!({"id": "bat-1", "config": {"job": {"type": "parse_v2"}}});
        let cols = Resource::Batch.columns();
        assert_eq!(cols[2].value(&batch).as_deref(), Some("parse_v2"));
        assert_eq!(cols[3].value(&batch), None);
        let job: Value = serde_json::from_str(r#"{"total_items": 123456789012345678901234567890}"#).unwrap();
        assert_eq!(
            Resource::BatchJob.columns()[4].value(&job).as_deref(),
            Some("123456789012345678901234567890")
        );
    }
}
