//! What a run would cost before anything is sent: each document to be paid for, its pages
//! (counted here, else `--assume-pages`) × its tier's credits a page, summed per tier and in
//! all, and whether that fits a budget. `--dry-run` ends with it.

use serde::Serialize;
use serde_json::Value;

use super::pages::parsed_pages;
use super::rates::Rates;

/// The pages a job is estimated to be billed for: those counted here (`known`: a local PDF,
/// its windows to parse), else `assume_pages` within the configuration's `page_ranges`. The
/// second value says whether they were assumed.
pub(crate) fn pages_to_bill(
    known: Option<u64>,
    assume_pages: u64,
    page_ranges: Option<&Value>,
) -> (u64, bool) {
    match known {
        Some(pages) => (pages, false),
        None => (parsed_pages(assume_pages, page_ranges), true),
    }
}

/// One tier's row of the estimate.
#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct Row {
    pub(crate) tier: String,
    pub(crate) documents: u64,
    pub(crate) pages: u64,
    pub(crate) credits: f64,
}

/// A run's estimate, document by document in the order they would be parsed.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Estimate {
    /// By tier, in the order the tiers first come.
    pub(crate) tiers: Vec<Row>,
    pub(crate) total_credits: f64,
    /// Documents whose pages are not known here, counted at `assume_pages`.
    pub(crate) assumed_documents: u64,
    pub(crate) assume_pages: u64,
    /// Each document's credits, in order: what a budget lets through.
    #[serde(skip)]
    each: Vec<f64>,
    #[serde(skip)]
    rates: Rates,
}

/// Whether an estimate fits a budget.
#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct Verdict {
    pub(crate) max_credits: f64,
    pub(crate) within_budget: bool,
    /// The documents that would be parsed, in order, before the next one does not fit.
    pub(crate) documents_within_budget: u64,
}

impl Estimate {
    /// An estimate at the published rates; a document of unknown pages counts `assume_pages`.
    pub(crate) fn new(assume_pages: u64) -> Self {
        Estimate {
            assume_pages,
            ..Default::default()
        }
    }

    /// A document to be paid for on `tier` (`None`: a saved configuration's, not known here),
    /// of `known` pages (see [`pages_to_bill`]).
    pub(crate) fn add(&mut self, tier: Option<&str>, known: Option<u64>, page_ranges: Option<&Value>) {
        let tier = tier.unwrap_or("unknown");
        let (pages, assumed) = pages_to_bill(known, self.assume_pages, page_ranges);
        let credits = pages as f64 * self.rates.of(tier);
        self.assumed_documents += u64::from(assumed);
        self.total_credits += credits;
        self.each.push(credits);
        let at = match self.tiers.iter().position(|row| row.tier == tier) {
            Some(at) => at,
            None => {
                self.tiers.push(Row {
                    tier: tier.to_string(),
                    documents: 0,
                    pages: 0,
                    credits: 0.0,
                });
                self.tiers.len() - 1
            }
        };
        let row = &mut self.tiers[at];
        row.documents += 1;
        row.pages += pages;
        row.credits += credits;
    }

    /// How the estimate fares against a budget of `max_credits`: each document reserves its
    /// credits in turn, and the first that does not fit stops the run.
    pub(crate) fn against(&self, max_credits: f64) -> Verdict {
        let mut reserved = 0.0;
        let fitting = self
            .each
            .iter()
            .take_while(|credits| {
                reserved += **credits;
                reserved <= max_credits
            })
            .count();
        Verdict {
            max_credits,
            within_budget: self.total_credits <= max_credits,
            documents_within_budget: fitting as u64,
        }
    }

    /// The closing lines of a dry run: a line a tier, the total with what was assumed, and
    /// with a budget (its value and where it was set), whether the estimate fits.
    pub(crate) fn lines(&self, budget: Option<(f64, &str)>) -> Vec<String> {
        let mut lines: Vec<String> = self
            .tiers
            .iter()
            .map(|row| {
                format!(
                    "estimate on {}: {}, {} × {} a page = {}",
                    row.tier,
                    counted(row.documents, "document"),
                    counted(row.pages, "page"),
                    credits(self.rates.of(&row.tier)),
                    credits(row.credits)
                )
            })
            .collect();
        let mut total = format!(
            "estimate in all: {} at the published rates",
            credits(self.total_credits)
        );
        if self.assumed_documents > 0 {
            total.push_str(&format!(
                "; {} of unknown page count counted at {}{} (--assume-pages)",
                counted(self.assumed_documents, "document"),
                counted(self.assume_pages, "page"),
                if self.assumed_documents == 1 { "" } else { " each" }
            ));
        }
        lines.push(total);
        if let Some((max_credits, set_by)) = budget {
            let verdict = self.against(max_credits);
            let fits = if verdict.within_budget {
                format!("within the budget of {} ({set_by})", number(max_credits))
            } else {
                format!(
                    "over the budget of {} ({set_by}): about {} would be parsed before it stops",
                    number(max_credits),
                    counted(verdict.documents_within_budget, "document")
                )
            };
            lines.push(format!("estimate {}, {fits}", credits(self.total_credits)));
        }
        lines
    }

    /// The estimate as JSON, with the verdict's fields when there is a budget.
    pub(crate) fn json(&self, max_credits: Option<f64>) -> Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let (Some(max_credits), Some(object)) = (max_credits, value.as_object_mut())
            && let Ok(Value::Object(verdict)) = serde_json::to_value(self.against(max_credits))
        {
            object.extend(verdict);
        }
        value
    }
}

/// `1 page`, `3 pages`.
fn counted(n: u64, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// `1 credit`, `162 credits`, `12.5 credits`.
fn credits(n: f64) -> String {
    format!("{} credit{}", number(n), if n == 1.0 { "" } else { "s" })
}

/// A number of credits as people write it: `162`, `12.5`, `0.33`.
pub(crate) fn number(n: f64) -> String {
    let text = format!("{n:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_estimate_sums_pages_times_the_tier_rate_per_tier_and_in_all() {
        let mut estimate = Estimate::new(50);
        estimate.add(Some("cost_effective"), Some(3), None);
        estimate.add(Some("cost_effective"), Some(1), None);
        estimate.add(Some("cost_effective"), None, None);
        estimate.add(Some("agentic"), Some(10), None);
        assert_eq!(
            estimate.tiers,
            vec![
                Row {
                    tier: "cost_effective".into(),
                    documents: 3,
                    pages: 54,
                    credits: 162.0
                },
                Row {
                    tier: "agentic".into(),
                    documents: 1,
                    pages: 10,
                    credits: 100.0
                },
            ]
        );
        assert_eq!(estimate.total_credits, 262.0);
        assert_eq!(estimate.assumed_documents, 1);
        assert_eq!(
            estimate.lines(None),
            [
                "estimate on cost_effective: 3 documents, 54 pages × 3 credits a page = 162 credits",
                "estimate on agentic: 1 document, 10 pages × 10 credits a page = 100 credits",
                "estimate in all: 262 credits at the published rates; 1 document of unknown page count counted at 50 pages (--assume-pages)",
            ]
        );
    }

    #[test]
    fn an_assumed_document_counts_the_pages_its_page_ranges_leave() {
        let mut estimate = Estimate::new(50);
        let ranges = json!({"max_pages": 5});
        estimate.add(Some("fast"), None, Some(&ranges));
        estimate.add(Some("fast"), None, None);
        // Pages counted here are already within the ranges.
        estimate.add(Some("fast"), Some(2), Some(&ranges));
        assert_eq!(estimate.tiers[0].pages, 57);
        assert_eq!(estimate.total_credits, 57.0);
        assert_eq!(estimate.assumed_documents, 2);
        assert!(
            estimate.lines(None)[1]
                .ends_with("2 documents of unknown page count counted at 50 pages each (--assume-pages)"),
            "{:?}",
            estimate.lines(None)
        );
    }

    #[test]
    fn a_budget_lets_documents_through_in_order_until_one_does_not_fit() {
        let mut estimate = Estimate::new(50);
        for pages in [10, 20, 5, 1] {
            estimate.add(Some("cost_effective"), Some(pages), None);
        }
        // 30, 60, 15, 3: 108 in all.
        assert_eq!(
            estimate.against(108.0),
            Verdict {
                max_credits: 108.0,
                within_budget: true,
                documents_within_budget: 4
            }
        );
        // The third does not fit under 100 and stops the run, though the fourth would.
        let over = estimate.against(100.0);
        assert!(!over.within_budget);
        assert_eq!(over.documents_within_budget, 2);
        assert_eq!(estimate.against(10.0).documents_within_budget, 0);
        assert_eq!(
            estimate.lines(Some((100.0, "--max-credits"))).last().unwrap(),
            "estimate 108 credits, over the budget of 100 (--max-credits): about 2 documents would be parsed before it stops"
        );
        assert_eq!(
            estimate
                .lines(Some((500.0, "max_credits of profile default")))
                .last()
                .unwrap(),
            "estimate 108 credits, within the budget of 500 (max_credits of profile default)"
        );
        assert_eq!(
            estimate.json(Some(100.0)),
            json!({
                "tiers": [{"tier": "cost_effective", "documents": 4, "pages": 36, "credits": 108.0}],
                "total_credits": 108.0,
                "assumed_documents": 0,
                "assume_pages": 50,
                "max_credits": 100.0,
                "within_budget": false,
                "documents_within_budget": 2
            })
        );
    }

    #[test]
    fn an_unknown_tier_is_estimated_at_the_dearest_rate_and_numbers_read_plainly() {
        let mut estimate = Estimate::new(50);
        estimate.add(None, Some(2), None);
        assert_eq!(estimate.tiers[0].tier, "unknown");
        assert_eq!(estimate.total_credits, 90.0);
        let empty = Estimate::new(7);
        assert_eq!(
            empty.lines(None),
            ["estimate in all: 0 credits at the published rates"]
        );
        assert_eq!(empty.json(None)["tiers"], json!([]));
        assert_eq!(
            (number(12.5), number(162.0), number(1.0 / 3.0)),
            ("12.5".into(), "162".into(), "0.33".into())
        );
        assert_eq!(credits(1.0), "1 credit");
    }
}
