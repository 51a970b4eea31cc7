//! What a run cost, as its closing lines say it: by tier, the jobs made, their pages, the
//! credits estimated before they were made and those billed (of which for jobs that failed),
//! and the documents that cost nothing. On stderr a short table; with `--format jsonl`, the
//! same as the run's last line (`{"receipt": {...}}`).

use serde::Serialize;

use crate::parse::spend::budget::{Budget, Row, format_credits};

/// The run's receipt.
#[derive(Debug, Serialize)]
pub(crate) struct Receipt {
    /// `--max-credits`, if the run kept to one.
    pub(crate) budget: Option<f64>,
    /// By tier, in name order.
    pub(crate) tiers: Vec<TierRow>,
    pub(crate) total: Row,
    /// Documents that cost nothing: done before, in the result store, or sharing a job.
    pub(crate) free_documents: usize,
    /// Documents left (not started) because the budget was reached, and why it was.
    pub(crate) left_documents: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reached: Option<String>,
    /// The API said the organization is out of credits (402), not the budget.
    #[serde(skip)]
    pub(crate) out_of_credits: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct TierRow {
    pub(crate) tier: String,
    #[serde(flatten)]
    pub(crate) row: Row,
}

impl Receipt {
    pub(crate) fn of(budget: &Budget, free_documents: usize, left_documents: usize) -> Self {
        let tiers: Vec<TierRow> = budget
            .rows()
            .into_iter()
            .map(|(tier, row)| TierRow { tier, row })
            .collect();
        let mut total = Row::default();
        for TierRow { row, .. } in &tiers {
            total.jobs += row.jobs;
            total.pages += row.pages;
            total.estimated += row.estimated;
            total.billed += row.billed;
            total.unbilled += row.unbilled;
            total.failed += row.failed;
        }
        Receipt {
            budget: budget.max(),
            tiers,
            total,
            free_documents,
            left_documents,
            reached: budget.reached(),
            out_of_credits: budget.out_by_api(),
        }
    }

    /// What the run cost, in a line: `credits: 30 billed for 3 jobs made in this run; 2
    /// documents cost nothing`, with the jobs not billed yet and the budget when there are; the
    /// table's numbers, so that the line and the table agree.
    pub(crate) fn credits_line(&self) -> String {
        let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let total = &self.total;
        let mut line = format!(
            "credits: {} billed for {} made in this run",
            format_credits(total.billed),
            plural(total.jobs, "job", "jobs")
        );
        if total.unbilled > 0 {
            line.push_str(&format!(
                " ({} not billed yet)",
                plural(total.unbilled, "job", "jobs")
            ));
        }
        if let Some(budget) = self.budget {
            line.push_str(&format!(" (budget {})", format_credits(budget)));
        }
        line.push_str(&format!(
            "; {} cost nothing (done before, in the result store, or sharing a job)",
            plural(self.free_documents as u64, "document", "documents")
        ));
        line
    }

    /// The table for people: a row per tier the run made jobs on, and their total when there
    /// are several; nothing when it made none.
    pub(crate) fn table(&self) -> Vec<String> {
        if self.tiers.is_empty() {
            return Vec::new();
        }
        let header = [
            "tier",
            "jobs",
            "pages",
            "estimated",
            "billed",
            // Short, so that the table fits 80 columns: jobs not billed yet, and the credits billed
            // for jobs that failed (the README says so).
            "unbilled",
            "failed",
        ];
        let mut rows: Vec<[String; 7]> = vec![header.map(str::to_string)];
        let line = |tier: &str, row: &Row| {
            [
                tier.to_string(),
                row.jobs.to_string(),
                row.pages.to_string(),
                format_credits(row.estimated),
                format_credits(row.billed),
                row.unbilled.to_string(),
                format_credits(row.failed),
            ]
        };
        rows.extend(self.tiers.iter().map(|t| line(&t.tier, &t.row)));
        if self.tiers.len() > 1 {
            rows.push(line("total", &self.total));
        }
        let widths: Vec<usize> = (0..7)
            .map(|column| {
                rows.iter()
                    .map(|row| row[column].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        rows.iter()
            .map(|row| {
                let cells: Vec<String> = row
                    .iter()
                    .enumerate()
                    .map(|(column, cell)| match column {
                        0 => format!("{cell:<width$}", width = widths[0]),
                        _ => format!("{cell:>width$}", width = widths[column]),
                    })
                    .collect();
                format!("  {}", cells.join("  "))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::spend::budget::Pages;

    #[test]
    fn the_table_has_a_row_per_tier_and_their_total() {
        let budget = Budget::new(Some(500.0), 50);
        for (id, tier, pages) in [
            ("a", "cost_effective", 10),
            ("b", "cost_effective", 5),
            ("c", "agentic", 3),
        ] {
            let reservation = budget.reserve(tier, Pages::Known(pages)).unwrap();
            budget.made(id, reservation);
        }
        budget.ended("a", "COMPLETED", Some((10.0, Some(10))));
        budget.ended("c", "COMPLETED", Some((30.0, Some(3))));
        let receipt = Receipt::of(&budget, 2, 0);
        assert_eq!(
            receipt.table(),
            [
                "  tier            jobs  pages  estimated  billed  unbilled  failed",
                "  agentic            1      3         30      30         0       0",
                "  cost_effective     2     15         45      10         1       0",
                "  total              3     18         75      40         1       0",
            ]
        );
        // A terminal of 80 columns shows it whole, with room for numbers ten times as large.
        assert!(receipt.table().iter().all(|line| line.chars().count() <= 70));
        let json = serde_json::to_value(&receipt).unwrap();
        assert_eq!(json["budget"], 500.0);
        assert_eq!(json["tiers"][1]["tier"], "cost_effective");
        assert_eq!(json["tiers"][1]["estimated"], 45.0);
        assert_eq!(json["total"]["billed"], 40.0);
        assert_eq!(json["free_documents"], 2);
        assert!(json.get("reached").is_none());
        assert!(Receipt::of(&Budget::unlimited(), 1, 0).table().is_empty());
    }
}
