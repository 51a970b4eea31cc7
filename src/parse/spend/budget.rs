//! The credits a run may spend (`--max-credits`): every job reserves its estimate — its pages ×
//! its tier's credits a page — before it is created, and keeps it until the API bills it; a job
//! that could take the credits billed plus those reserved past the budget is not created, nor is
//! any after it. A job whose pages are not known here reserves `--assume-pages`; its bill
//! corrects it, and teaches the tier's real price to the estimates that follow (`Rates`).
//!
//! Without a budget the same accounts are kept: they are the run's receipt.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::Error;
use crate::parse::spend::rates::Rates;

/// What a run spends by, and what it spent.
#[derive(Debug)]
pub(crate) struct Budget {
    /// The most credits the run may take (none: no limit).
    max: Option<f64>,
    /// The pages a job of unknown page count reserves.
    assume_pages: u64,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    rates: Rates,
    /// Credits billed for the jobs this run made.
    billed: f64,
    /// Reservations of jobs being created or not billed yet (a create whose answer was lost
    /// keeps its reservation: it may have made a job).
    reserved: f64,
    /// The reservation of each job made in this run, until it is billed.
    jobs: HashMap<String, Reservation>,
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
            state: Mutex::new(State::default()),
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

    /// Reserves the estimate of a job of `pages` on `tier` before it is created; refused (exit 8)
    /// when the credits billed and reserved would pass the budget with it, and from then on for
    /// every job of the run (no job is started after one that did not fit).
    pub(crate) fn reserve(&self, tier: &str, pages: Pages) -> Result<Reservation, Error> {
        let pages = self.pages(pages);
        let mut state = self.state();
        if let Some(why) = &state.reached {
            return Err(Error::BudgetReached(why.clone()));
        }
        let credits = pages as f64 * state.rates.of(tier);
        if let Some(max) = self.max {
            let taken = state.billed + state.reserved;
            if taken + credits > max + 1e-9 {
                let why = format!(
                    "the budget of {} credits is reached: {} billed or reserved, and the next job \
                     ({pages} page{} on {tier}) is estimated at {}",
                    format_credits(max),
                    format_credits(taken),
                    if pages == 1 { "" } else { "s" },
                    format_credits(credits)
                );
                state.reached = Some(why.clone());
                return Err(Error::BudgetReached(why));
            }
        }
        state.reserved += credits;
        Ok(Reservation {
            tier: tier.to_string(),
            pages,
            credits,
        })
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
    }

    /// The create made `job_id`: the reservation is held until the job is billed.
    pub(crate) fn made(&self, job_id: &str, reservation: Reservation) {
        let mut state = self.state();
        let row = state.rows.entry(reservation.tier.clone()).or_default();
        row.jobs += 1;
        row.estimated += reservation.credits;
        state.jobs.insert(job_id.to_string(), reservation);
    }

    /// Job `job_id` ended `status`, billed `usage` (credits, pages) when the API said: its
    /// reservation gives way to what it cost, and the tier's price is learned from it. A job
    /// this run did not make is not its to count; one not billed yet keeps its reservation.
    pub(crate) fn ended(&self, job_id: &str, status: &str, usage: Option<(f64, Option<u64>)>) {
        let mut state = self.state();
        let Some((credits, pages)) = usage else {
            return;
        };
        let Some(reservation) = state.jobs.remove(job_id) else {
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
    }

    /// The receipt so far: by tier, with the jobs not billed yet counted by their estimate.
    pub(crate) fn rows(&self) -> BTreeMap<String, Row> {
        let state = self.state();
        let mut rows = state.rows.clone();
        for reservation in state.jobs.values() {
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
    if credits.fract() == 0.0 && credits.abs() < 1e15 {
        format!("{credits:.0}")
    } else {
        format!("{credits:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_that_would_pass_the_budget_is_refused_and_so_is_every_later_one() {
        let budget = Budget::new(Some(100.0), 50);
        let first = budget.reserve("cost_effective", Pages::Known(20)).unwrap();
        assert_eq!(first.credits(), 60.0);
        budget.made("job-1", first);
        // 60 reserved: 20 pages (60) more would pass 100.
        let err = budget.reserve("cost_effective", Pages::Known(20)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the budget of 100 credits is reached: 60 billed or reserved, and the next job (20 pages \
             on cost_effective) is estimated at 60"
        );
        // A job that would fit is not started after one that did not.
        assert!(budget.reserve("cost_effective", Pages::Known(1)).is_err());
        assert!(budget.reached().is_some());
    }

    #[test]
    fn a_bill_replaces_the_reservation_and_teaches_the_price() {
        let budget = Budget::new(Some(200.0), 50);
        // Unknown pages: --assume-pages of them (at most the pages asked for), at the published
        // price.
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
        // 150 held: 20 pages more (60) would pass 200.
        assert!(
            Budget::new(Some(200.0), 50)
                .reserve("agentic", Pages::Known(21))
                .is_err()
        );
        // Billed: 10 pages for 10 credits, so a page costs 1, not 3.
        budget.ended("job-1", "COMPLETED", Some((10.0, Some(10))));
        assert_eq!(budget.billed(), 10.0);
        assert_eq!(budget.rate("cost_effective"), 1.0);
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
    fn a_job_not_billed_keeps_its_reservation_and_a_failed_one_is_counted_apart() {
        let budget = Budget::new(Some(100.0), 50);
        let reservation = budget.reserve("agentic", Pages::Known(5)).unwrap();
        budget.made("job-1", reservation);
        budget.ended("job-1", "COMPLETED", None);
        assert!(
            budget.reserve("agentic", Pages::Known(6)).is_err(),
            "50 still held"
        );
        let budget = Budget::new(None, 50);
        let reservation = budget.reserve("agentic", Pages::Known(5)).unwrap();
        budget.made("job-1", reservation);
        budget.ended("job-1", "FAILED", Some((3.0, Some(0))));
        // A job this run did not make is not counted.
        budget.ended("job-9", "COMPLETED", Some((99.0, Some(9))));
        let row = &budget.rows()["agentic"];
        assert_eq!((row.billed, row.failed, row.unbilled), (3.0, 3.0, 0));
        assert!(
            budget.reserve("agentic", Pages::Known(10_000)).is_ok(),
            "no limit"
        );
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
