//! Query parameters as ordered pairs: arrays repeat their key (`expand=a&expand=b`), and only
//! what the user set is ever added.

/// Query pairs for one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query(Vec<(&'static str, String)>);

impl Query {
    pub fn new() -> Self {
        Query::default()
    }

    /// Adds `key=value`.
    pub fn push(&mut self, key: &'static str, value: impl Into<String>) -> &mut Self {
        self.0.push((key, value.into()));
        self
    }

    /// Adds `key=value` when there is a value.
    pub(super) fn push_opt(&mut self, key: &'static str, value: Option<impl Into<String>>) -> &mut Self {
        if let Some(value) = value {
            self.push(key, value);
        }
        self
    }

    /// Adds `key=value` once per value, the array encoding of the official SDKs.
    pub(super) fn push_all<S: Into<String>>(
        &mut self,
        key: &'static str,
        values: impl IntoIterator<Item = S>,
    ) -> &mut Self {
        for value in values {
            self.push(key, value);
        }
        self
    }

    /// Orders keys alphabetically, keeping repeated keys in the order given, as the Python SDK
    /// sends them.
    pub fn sort(&mut self) {
        self.0.sort_by_key(|(k, _)| *k);
    }

    pub(super) fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (*k, v.as_str()))
    }
}

/// The project and organization a request is scoped to, sent as query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub project_id: Option<String>,
    pub organization_id: Option<String>,
}

impl Scope {
    /// Adds `project_id` and `organization_id` when they are set.
    pub fn push(&self, query: &mut Query) {
        query
            .push_opt("project_id", self.project_id.clone())
            .push_opt("organization_id", self.organization_id.clone());
    }

    /// A query of the scope alone, in the order the SDK sends it.
    pub fn query(&self) -> Query {
        let mut query = Query::new();
        self.push(&mut query);
        query.sort();
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_repeat_and_sorting_is_stable() {
        let mut q = Query::new();
        q.push_all("job_ids", ["b", "a"])
            .push("status", "FAILED")
            .push_opt("page_size", None::<String>);
        q.push("created_at_on_or_after", "x");
        q.sort();
        let pairs: Vec<_> = q.pairs().collect();
        assert_eq!(
            pairs,
            [
                ("created_at_on_or_after", "x"),
                ("job_ids", "b"),
                ("job_ids", "a"),
                ("status", "FAILED")
            ]
        );
    }
}
