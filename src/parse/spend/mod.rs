//! Spending: what a job is expected to cost (`rates`, `pages`; a dry run's
//! `estimate`), the budget a run keeps to
//! (`budget`: each job reserves its estimate before it is created), and what the run cost in
//! the end (`receipt`).

pub(crate) mod budget;
pub(crate) mod estimate;
pub(crate) mod pages;
pub(crate) mod rates;
pub(crate) mod receipt;
