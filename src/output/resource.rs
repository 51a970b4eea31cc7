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

/// The JSON path of a tsv field.
pub(super) type FieldPath = &'static [&'static str];

/// How a table column shows its value.
#[derive(Debug, Clone, Copy)]
pub(super) enum Show {
    /// An identifier: never cut, so that it can be copied.
    Id(&'static [&'static str]),
    /// The text people read first: it gets the room the other columns leave.
    Name(&'static [&'static str]),
    Text(&'static [&'static str]),
    /// A status, coloured; never cut.
    Status(&'static [&'static str]),
    /// A short value from a fixed set (tier, type); never cut.
    Enum(&'static [&'static str]),
    /// A time, shown relative to now.
    Time(&'static [&'static str]),
    /// `processed/total`, and the failed count when there is one.
    Progress,
}

/// A table column: its header and how it shows its value.
#[derive(Debug)]
pub(super) struct TableColumn {
    pub header: &'static str,
    pub show: Show,
}

const fn show(header: &'static str, show: Show) -> TableColumn {
    TableColumn { header, show }
}

const PARSE_JOB_TABLE: &[TableColumn] = &[
    show("ID", Show::Id(&["id"])),
    show("NAME", Show::Name(&["name"])),
    show("STATUS", Show::Status(&["status"])),
    show("TIER", Show::Enum(&["tier"])),
    show("CREATED", Show::Time(&["created_at"])),
    show("UPDATED", Show::Time(&["updated_at"])),
    show("ERROR", Show::Text(&["error_message"])),
];

const BATCH_TABLE: &[TableColumn] = &[
    show("ID", Show::Id(&["id"])),
    show("STATUS", Show::Status(&["status"])),
    show("TYPE", Show::Enum(&["config", "job", "type"])),
    show("SOURCE DIRECTORY", Show::Text(&["source_directory_id"])),
    show("CREATED", Show::Time(&["created_at"])),
];

const BATCH_JOB_TABLE: &[TableColumn] = &[
    show("ID", Show::Id(&["id"])),
    show("TYPE", Show::Enum(&["job_type"])),
    show("STATUS", Show::Status(&["status"])),
    show("PROGRESS", Show::Progress),
    show("CREATED", Show::Time(&["created_at"])),
    show("COMPLETED", Show::Time(&["completed_at"])),
    show("ERROR", Show::Text(&["error_message"])),
];

const PARSE_JOB_FIELDS: &[FieldPath] = &[
    &["id"],
    &["name"],
    &["status"],
    &["tier"],
    &["created_at"],
    &["updated_at"],
    &["error_message"],
];

const BATCH_FIELDS: &[FieldPath] = &[
    &["id"],
    &["status"],
    &["config", "job", "type"],
    &["source_directory_id"],
    &["created_at"],
];

const BATCH_JOB_FIELDS: &[FieldPath] = &[
    &["id"],
    &["job_type"],
    &["status"],
    &["processed_items"],
    &["total_items"],
    &["failed_items"],
    &["created_at"],
    &["completed_at"],
    &["skipped_items"],
    &["error_message"],
];

impl Resource {
    /// The fields of a tsv line, in order.
    pub fn fields(self) -> &'static [FieldPath] {
        match self {
            Resource::ParseJob => PARSE_JOB_FIELDS,
            Resource::Batch => BATCH_FIELDS,
            Resource::BatchJob => BATCH_JOB_FIELDS,
        }
    }

    pub(super) fn table_columns(self) -> &'static [TableColumn] {
        match self {
            Resource::ParseJob => PARSE_JOB_TABLE,
            Resource::Batch => BATCH_TABLE,
            Resource::BatchJob => BATCH_JOB_TABLE,
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

/// The text at `path`: strings as they are, other values as JSON, missing or null as `None`.
pub fn field<'v>(item: &'v Value, path: &[&str]) -> Option<Cow<'v, str>> {
    let mut value = item;
    for key in path {
        value = value.get(key)?;
    }
    match value {
        Value::Null => None,
        Value::String(s) => Some(Cow::Borrowed(s)),
        other => Some(Cow::Owned(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_follow_nested_paths_and_keep_numbers_exact() {
        let batch = json!({"id": "bat-1", "config": {"job": {"type": "parse_v2"}}});
        let fields = Resource::Batch.fields();
        assert_eq!(field(&batch, fields[2]).as_deref(), Some("parse_v2"));
        assert_eq!(field(&batch, fields[3]), None);
        let job: Value = serde_json::from_str(r#"{"total_items": 123456789012345678901234567890}"#).unwrap();
        assert_eq!(
            field(&job, Resource::BatchJob.fields()[4]).as_deref(),
            Some("123456789012345678901234567890")
        );
    }
}
