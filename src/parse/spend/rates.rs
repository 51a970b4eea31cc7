//! What a page costs, in credits, on each tier: the published rates to begin with, replaced
//! per tier by what the API bills this run's jobs (`usage.credits / usage.num_pages`), so that
//! an estimate converges on the real price.

use std::collections::BTreeMap;

/// Credits a page by tier, as LlamaParse published them when this was written (2026-12):
/// fast 1, cost_effective 3, agentic 10, agentic_plus 45. The agentic rates are from the
/// LlamaParse glossary (developers.llamaindex.ai/llamaparse); the first two from a third party
/// (see `users-peers-limits.md` of the project's research). The API's `usage` wins over them as
/// soon as one of the run's jobs on the tier is billed.
pub(crate) const PUBLISHED: [(&str, f64); 4] = [
    ("fast", 1.0),
    ("cost_effective", 3.0),
    ("agentic", 10.0),
    ("agentic_plus", 45.0),
];

/// A tier this version does not know is estimated at the dearest published rate: an estimate
/// that errs errs toward spending less.
const UNKNOWN_TIER: f64 = 45.0;

/// The published credits a page of `tier`, if it is one this version knows.
pub(crate) fn published(tier: &str) -> Option<f64> {
    PUBLISHED
        .iter()
        .find(|(name, _)| *name == tier)
        .map(|(_, credits)| *credits)
}

/// Credits a page by tier: learned from this run's billed jobs, else published.
#[derive(Debug, Default, Clone)]
pub(crate) struct Rates {
    /// By tier: the credits and pages billed so far in this run.
    billed: BTreeMap<String, (f64, u64)>,
}

impl Rates {
    /// The credits a page of `tier` is expected to cost now.
    pub(crate) fn of(&self, tier: &str) -> f64 {
        match self.billed.get(tier) {
            Some((credits, pages)) if *pages > 0 => credits / *pages as f64,
            _ => published(tier).unwrap_or(UNKNOWN_TIER),
        }
    }

    /// Whether the rate of `tier` comes from what the API billed in this run.
    #[cfg(test)]
    pub(crate) fn learned(&self, tier: &str) -> bool {
        self.billed.get(tier).is_some_and(|(_, pages)| *pages > 0)
    }

    /// A job of `tier` was billed `credits` for `pages` pages.
    pub(crate) fn learn(&mut self, tier: &str, credits: f64, pages: u64) {
        if pages == 0 || !credits.is_finite() || credits < 0.0 {
            return;
        }
        let entry = self.billed.entry(tier.to_string()).or_default();
        entry.0 += credits;
        entry.1 += pages;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_rate_holds_until_a_job_of_the_tier_is_billed() {
        let mut rates = Rates::default();
        assert_eq!(rates.of("cost_effective"), 3.0);
        assert_eq!(rates.of("agentic_plus"), 45.0);
        assert_eq!(rates.of("a_new_tier"), 45.0, "unknown: the dearest");
        assert!(!rates.learned("cost_effective"));
        rates.learn("cost_effective", 10.0, 10);
        assert_eq!(rates.of("cost_effective"), 1.0);
        assert!(rates.learned("cost_effective"));
        rates.learn("cost_effective", 30.0, 10);
        assert_eq!(rates.of("cost_effective"), 2.0, "over every page billed");
        assert_eq!(rates.of("agentic"), 10.0, "other tiers keep theirs");
        // A job billed for no page teaches nothing.
        rates.learn("agentic", 0.0, 0);
        assert!(!rates.learned("agentic"));
    }
}
