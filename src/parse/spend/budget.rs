//! The credits a run may spend (`--max-credits`): every job reserves its estimate — its pages ×
//! its tier's credits a page — before it is created, and keeps it until the API bills it; a job
//! that could take the credits billed plus those reserved past the budget is not created. While
//! jobs of the run may still be billed, it waits for their bills (which correct the reservations
//! and teach the tier's real price: `Rates`), then asks again; when none may, the budget is
//! reached and no job is created from then on. A job whose pages are not known here reserves
//! `--assume-pages`.
//!
//! Without a budget the same accounts are kept: they are the run's receipt.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::error::Error;
use crate::parse::spend::rates::Rates;

/// What a run spends by, and what it spent.
#[derive(Debug)]
pub(crate) struct Budget {
    /// The most credits the run may take (none: no limit).
    max: Option<f64>,
    /// The pages a job of unknown page count reserves.
    assume_pages: u64,
    /// Where the budget was set, when not by `--max-credits` (said when it is reached).
    set_by: Option<String>,
    state: Mutex<State>,
    /// Told whenever a reservation is given back, made, billed or let go of.
    changed: Condvar,
}

/// How often a create waiting for bills looks whether the run stopped.
const STOP_CHECK: Duration = Duration::from_millis(200);

#[derive(Debug, Default)]
struct State {
    rates: Rates,
    /// Credits billed for the jobs this run made.
    billed: f64,
    /// Reservations of jobs being created or not billed yet (a create whose answer was lost
    /// keeps its reservation: it may have made a job).
    reserved: f64,
    /// Reservations of creates being sent.
    creating: usize,
    /// The reservation of each job made in this run that may still be billed.
    jobs: HashMap<String, Reservation>,
    /// The reservation of each job made in this run that this run will not see billed (it
    /// ended unbilled, it was given up on or lost): held to the end.
    held: HashMap<String, Reservation>,
    /// The run stopped: nothing waits for bills any more.
    stopped: bool,
    /// By token, the reservations of creates whose answers were lost (`keep`).
    lost: HashMap<String, Reservation>,
    /// By tier: what the receipt says.
    rows: BTreeMap<String, Row>,
    /// Why jobs stopped being created, once they did.
    reached: Option<String>,
    /// They did because the API said the organization is out of credits (402).
    by_api: bool,
}

/// One tier's line of the receipt.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub(crate) struct Row {
    /// Jobs made in this run.
    pub(crate) jobs: u64,
    /// Pages billed (those estimated while a job is not billed yet).
    pub(crate) pages: u64,
    /// Credits estimated before the jobs were made.
    pub(crate) estimated: f64,
    /// Credits billed.
    pub(crate) billed: f64,
    /// Jobs not billed yet when the run ended.
    pub(crate) unbilled: u64,
    /// Credits billed for jobs that failed or were cancelled.
    pub(crate) failed: f64,
}

/// A job's estimate, held from before its create until it is billed.
#[derive(Debug, Clone)]
pub(crate) struct Reservation {
    tier: String,
    pages: u64,
    credits: f64,
}

#[cfg(test)]
impl Reservation {
    pub(crate) fn credits(&self) -> f64 {
        self.credits
    }
}

/// What a job's pages are, as far as is known before it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pages {
    Known(u64),
    /// Not known here: `--assume-pages` of them, at most this many (`max_pages`, targets).
    Unknown {
        at_most: Option<u64>,
    },
}

impl Budget {
    pub(crate) fn new(max: Option<f64>, assume_pages: u64) -> Self {
        Budget {
            max,
            assume_pages,
            set_by: None,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        }
    }

    /// The budget a run keeps to as the settings resolved it (`--max-credits`, else the
    /// environment or the profile, which are named when it is reached).
    pub(crate) fn of(max: Option<crate::settings::Sourced<f64>>, assume_pages: u64) -> Self {
        let set_by = max
            .as_ref()
            .filter(|max| !matches!(max.source, crate::config::Source::Flag(_)))
            .map(|max| crate::settings::max_credits_setting(&max.source));
        Budget {
            set_by,
            ..Budget::new(max.map(|max| max.value), assume_pages)
        }
    }

    /// No budget: the accounts only.
    pub(crate) fn unlimited() -> Self {
        Budget::new(None, crate::domain::ASSUME_PAGES)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn max(&self) -> Option<f64> {
        self.max
    }

    /// The pages a job of `pages` is reserved for.
    fn pages(&self, pages: Pages) -> u64 {
        match pages {
            Pages::Known(pages) => pages,
            Pages::Unknown { at_most } => {
                at_most.map_or(self.assume_pages, |most| most.min(self.assume_pages))
            }
        }
    }

    /// Reserves the estimate of a job of `pages` on `tier` before it is created. When it does
    /// not fit, it waits while jobs of the run may still be billed, and asks again; refused
    /// (exit 8) once none may, and from then on for every job of the run.
    pub(crate) fn reserve(&self, tier: &str, pages: Pages) -> Result<Reservation, Error> {
        let pages = self.pages(pages);
        let mut state = self.state();
        loop {
            if let Some(why) = &state.reached {
                return Err(Error::BudgetReached(why.clone()));
            }
            if state.stopped {
                // Not started, as a document the budget leaves (the next run takes it).
                return Err(Error::BudgetReached(
                    "the run stopped while its job waited for room in the budget".to_string(),
                ));
            }
            let credits = pages as f64 * state.rates.of(tier);
            let taken = state.billed + state.reserved;
            let fits = self.max.is_none_or(|max| taken + credits <= max + 1e-9);
            if fits {
                state.reserved += credits;
                state.creating += 1;
                return Ok(Reservation {
                    tier: tier.to_string(),
                    pages,
                    credits,
                });
            }
            if state.creating + state.jobs.len() == 0 {
                let why = format!(
                    "the budget of {} credits{} is reached: {} billed or reserved, and the next job \
                     ({pages} page{} on {tier}) is estimated at {}",
                    format_credits(self.max.unwrap_or_default()),
                    self.set_by
                        .as_ref()
                        .map(|by| format!(" ({by})"))
                        .unwrap_or_default(),
                    format_credits(taken),
                    if pages == 1 { "" } else { "s" },
                    format_credits(credits)
                );
                state.reached = Some(why.clone());
                self.changed.notify_all();
                return Err(Error::BudgetReached(why));
            }
            state = self
                .changed
                .wait_timeout(state, STOP_CHECK)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// The run stops: creates waiting for bills give up.
    pub(crate) fn stop(&self) {
        self.state().stopped = true;
        self.changed.notify_all();
    }

    /// The API is out of credits (402): no more jobs are created.
    pub(crate) fn out_of_credits(&self, said: &str) -> Error {
        let mut state = self.state();
        if state.reached.is_none() {
            state.by_api = true;
        }
        Error::BudgetReached(state.reached.get_or_insert_with(|| said.to_string()).clone())
    }

    /// Jobs stopped being created because the API is out of credits, not the budget.
    pub(crate) fn out_by_api(&self) -> bool {
        self.state().by_api
    }

    /// Why jobs stopped being created, if they did.
    pub(crate) fn reached(&self) -> Option<String> {
        self.state().reached.clone()
    }

    /// The create was not taken in by the server (refused, or provably not received): its
    /// reservation is given back.
    pub(crate) fn release(&self, reservation: Reservation) {
        let mut state = self.state();
        state.reserved = (state.reserved - reservation.credits).max(0.0);
        state.creating = state.creating.saturating_sub(1);
        self.changed.notify_all();
    }

    /// The create's answer was lost and its job not found: it may have made one, so its
    /// reservation is held to the end of the run, by the create's token (`found`).
    pub(crate) fn keep(&self, token: Option<&str>, reservation: Reservation) {
        let mut state = self.state();
        state.creating = state.creating.saturating_sub(1);
        if let Some(token) = token {
            state.lost.insert(token.to_string(), reservation);
        }
        self.changed.notify_all();
    }

    /// The job of a create whose answer was lost was found later by its token: the reservation
    /// held for it is the job's, as if its answer had come.
    pub(crate) fn found(&self, token: &str, job_id: &str) {
        let reservation = self.state().lost.remove(token);
        if let Some(reservation) = reservation {
            self.state().creating += 1;
            self.made(job_id, reservation);
        }
    }

    /// The create made `job_id`: the reservation is held until the job is billed.
    pub(crate) fn made(&self, job_id: &str, reservation: Reservation) {
        let mut state = self.state();
        state.creating = state.creating.saturating_sub(1);
        let row = state.rows.entry(reservation.tier.clone()).or_default();
        row.jobs += 1;
        row.estimated += reservation.credits;
        state.jobs.insert(job_id.to_string(), reservation);
        self.changed.notify_all();
    }

    /// Job `job_id` ended `status`, billed `usage` (credits, pages) when the API said: its
    /// reservation gives way to what it cost, and the tier's price is learned from it. A job
    /// this run did not make is not its to count; one that ended unbilled keeps its reservation.
    pub(crate) fn ended(&self, job_id: &str, status: &str, usage: Option<(f64, Option<u64>)>) {
        let mut state = self.state();
        let Some((credits, pages)) = usage else {
            if let Some(reservation) = state.jobs.remove(job_id) {
                state.held.insert(job_id.to_string(), reservation);
                self.changed.notify_all();
            }
            return;
        };
        let Some(reservation) = state.jobs.remove(job_id).or_else(|| state.held.remove(job_id)) else {
            return;
        };
        state.reserved = (state.reserved - reservation.credits).max(0.0);
        state.billed += credits;
        if status == "COMPLETED"
            && let Some(pages) = pages
        {
            state.rates.learn(&reservation.tier, credits, pages);
        }
        let row = state.rows.entry(reservation.tier.clone()).or_default();
        row.billed += credits;
        row.pages += pages.unwrap_or(0);
        if status != "COMPLETED" {
            row.failed += credits;
        }
        self.changed.notify_all();
    }

    /// The run will not see job `job_id` billed (given up on, lost, left running): its
    /// reservation is held to the end, and nothing waits for its bill.
    pub(crate) fn let_go(&self, job_id: &str) {
        let mut state = self.state();
        if let Some(reservation) = state.jobs.remove(job_id) {
            state.held.insert(job_id.to_string(), reservation);
            self.changed.notify_all();
        }
    }

    /// The receipt so far: by tier, with the jobs not billed yet counted by their estimate.
    pub(crate) fn rows(&self) -> BTreeMap<String, Row> {
        let state = self.state();
        let mut rows = state.rows.clone();
        for reservation in state.jobs.values().chain(state.held.values()) {
            let row = rows.entry(reservation.tier.clone()).or_default();
            row.unbilled += 1;
            row.pages += reservation.pages;
        }
        rows
    }

    /// Credits billed for the jobs this run made.
    #[cfg(test)]
    pub(crate) fn billed(&self) -> f64 {
        self.state().billed
    }

    /// The credits a page of `tier` is estimated at now.
    #[cfg(test)]
    pub(crate) fn rate(&self, tier: &str) -> f64 {
        self.state().rates.of(tier)
    }
}

/// Credits as the API counts them: whole numbers without a fraction.
pub(crate) fn format_credits(credits: f64) -> String {
    if credits.abs() >= 1e15 {
        // Past any real budget: short, not 300 digits.
        format!("{credits:e}")
    } else if credits.fract() == 0.0 {
        format!("{credits:.0}")
    } else {
        format!("{credits:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_that_would_pass_the_budget_with_nothing_to_be_billed_is_refused_and_so_is_every_later_one() {
        let budget = Budget::new(Some(100.0), 50);
        let first = budget.reserve("cost_effective", Pages::Known(20)).unwrap();
        assert_eq!(first.credits(), 60.0);
        budget.made("job-1", first);
        // Ended, and not billed: its 60 stay reserved, and no bill is waited for.
        budget.ended("job-1", "COMPLETED", None);
        let err = budget.reserve("cost_effective", Pages::Known(20)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the budget of 100 credits is reached: 60 billed or reserved, and the next job (20 pages \
             on cost_effective) is estimated at 60"
        );
        // A job that would fit is not started after one that did not.
        assert!(budget.reserve("cost_effective", Pages::Known(1)).is_err());
        assert!(budget.reached().is_some());
        assert_eq!(budget.rows()["cost_effective"].unbilled, 1);
    }

    #[test]
    fn a_job_that_does_not_fit_waits_for_the_bills_of_those_in_flight_and_their_price() {
        let budget = Budget::new(Some(100.0), 50);
        let first = budget.reserve("cost_effective", Pages::Known(20)).unwrap();
        budget.made("job-1", first);
        std::thread::scope(|scope| {
            // 60 reserved: 20 pages more at 3 (60) would pass 100, so it waits.
            let waiting = scope.spawn(|| budget.reserve("cost_effective", Pages::Known(20)));
            // Billed 20 for its 20 pages: a page costs 1, and 20 + 20 fits.
            budget.ended("job-1", "COMPLETED", Some((20.0, Some(20))));
            let second = waiting.join().unwrap().unwrap();
            assert_eq!(second.credits(), 20.0);
        });
        assert_eq!(budget.billed(), 20.0);
        assert_eq!(budget.rate("cost_effective"), 1.0);
    }

    #[test]
    fn a_job_let_go_of_or_a_stop_ends_the_wait() {
        let budget = Budget::new(Some(100.0), 50);
        let first = budget.reserve("agentic", Pages::Known(6)).unwrap();
        budget.made("job-1", first);
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| budget.reserve("agentic", Pages::Known(5)));
            // Given up on: it will not be billed in this run, its 60 stay held.
            budget.let_go("job-1");
            let err = waiting.join().unwrap().unwrap_err();
            assert!(matches!(err, Error::BudgetReached(_)), "{err}");
        });
        let budget = Budget::new(Some(100.0), 50);
        let first = budget.reserve("agentic", Pages::Known(6)).unwrap();
        budget.made("job-1", first);
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| budget.reserve("agentic", Pages::Known(5)));
            budget.stop();
            let err = waiting.join().unwrap().unwrap_err();
            assert_eq!(
                err.to_string(),
                "the run stopped while its job waited for room in the budget"
            );
        });
        assert!(budget.reached().is_none(), "a stop does not reach the budget");
    }

    #[test]
    fn unknown_pages_reserve_the_assumed_ones_and_the_receipt_counts_unbilled_jobs_by_them() {
        let budget = Budget::new(Some(200.0), 50);
        let unknown = budget
            .reserve("cost_effective", Pages::Unknown { at_most: None })
            .unwrap();
        assert_eq!(unknown.credits(), 150.0);
        budget.made("job-1", unknown);
        let capped = budget
            .reserve("cost_effective", Pages::Unknown { at_most: Some(4) })
            .unwrap();
        assert_eq!(capped.credits(), 12.0);
        budget.release(capped);
        budget.ended("job-1", "COMPLETED", Some((10.0, Some(10))));
        let next = budget.reserve("cost_effective", Pages::Known(190)).unwrap();
        assert_eq!(next.credits(), 190.0);
        budget.made("job-2", next);
        let rows = budget.rows();
        let row = &rows["cost_effective"];
        assert_eq!(
            (row.jobs, row.estimated, row.billed, row.unbilled),
            (2, 340.0, 10.0, 1)
        );
        assert_eq!(row.pages, 10 + 190, "the unbilled job by its estimate");
    }

    #[test]
    fn a_failed_job_is_counted_apart_and_one_not_made_here_not_at_all() {
        let budget = Budget::unlimited();
        let reservation = budget.reserve("agentic", Pages::Known(5)).unwrap();
        budget.made("job-1", reservation);
        budget.ended("job-1", "FAILED", Some((3.0, Some(0))));
        budget.ended("job-9", "COMPLETED", Some((99.0, Some(9))));
        let row = &budget.rows()["agentic"];
        assert_eq!((row.billed, row.failed, row.unbilled), (3.0, 3.0, 0));
        assert!(
            budget.reserve("agentic", Pages::Known(10_000)).is_ok(),
            "no limit"
        );
    }

    #[test]
    fn a_lost_create_found_later_by_its_token_is_the_jobs_reservation() {
        let budget = Budget::new(Some(100.0), 50);
        let reservation = budget.reserve("agentic", Pages::Known(3)).unwrap();
        budget.keep(Some("tok-1"), reservation);
        assert!(budget.rows().is_empty(), "no job known yet");
        budget.found("tok-1", "job-1");
        budget.ended("job-1", "COMPLETED", Some((30.0, Some(3))));
        let row = &budget.rows()["agentic"];
        assert_eq!((row.jobs, row.estimated, row.billed), (1, 30.0, 30.0));
        // Found again (another round): counted once.
        budget.found("tok-1", "job-1");
        assert_eq!(budget.rows()["agentic"].jobs, 1);
        assert!(
            budget.reserve("agentic", Pages::Known(7)).is_ok(),
            "30 billed, none held"
        );
    }

    #[test]
    fn credits_read_as_the_api_counts_them_and_a_huge_budget_stays_short() {
        assert_eq!(format_credits(75.0), "75");
        assert_eq!(format_credits(0.5), "0.50");
        assert_eq!(format_credits(1e20), "1e20");
        assert_eq!(format_credits(1e300), "1e300");
    }

    #[test]
    fn out_of_credits_stops_every_later_create() {
        let budget = Budget::unlimited();
        let err = budget.out_of_credits("HTTP 402 Payment Required: Insufficient credits");
        assert_eq!(err.to_string(), "HTTP 402 Payment Required: Insufficient credits");
        assert!(budget.out_by_api());
        assert!(budget.reserve("fast", Pages::Known(1)).is_err());
    }
}
