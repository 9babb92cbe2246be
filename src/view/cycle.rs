//! The assessment cycle as pages show it: where a unit stands, and for each step the place that
//! holds its records and the date of its latest event, so that a reader can check every step.

use schemars::JsonSchema;
use serde::Serialize;

use super::Ctx;
use crate::plan::paths;
use crate::report::StepEvidence;
use crate::site::UnitId;

/// Where the IT QMS page lists its components and their reviews (an id of `qms.html`).
pub const QMS_REVIEWS: &str = "components-h";
/// Where the plan page's register of every opportunity and action starts.
pub const REGISTER: &str = "register-h";
/// Where the plan page shows open actions against their due dates.
pub const ROADMAP: &str = "chart-roadmap-figure";

/// Where a unit stands in its assessment cycle.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CycleView {
    /// Date of the last assessment.
    pub last: Option<String>,
    /// Date the next assessment is due.
    pub next_due: Option<String>,
    /// Days until it is due (negative when overdue).
    pub days_to_next: Option<i64>,
    /// The next assessment is overdue.
    pub overdue: bool,
    /// The current step, 1 to 6.
    pub step: u8,
    /// The current step in words.
    pub step_label: String,
    /// Every step.
    pub steps: Vec<CycleStep>,
    /// Years between assessments.
    pub cadence_years: i64,
    /// Years between assessments in words, in the form the count takes ("every 3 years",
    /// "každých 5 let").
    pub cadence_text: String,
}

/// One step of the cycle, with where its records are and when it last happened.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CycleStep {
    /// Its number, 1 to 6.
    pub n: u8,
    /// In words.
    pub label: String,
    /// The step the organisation is in.
    pub current: bool,
    /// The page (and section) holding the step's records, relative to the site root; empty
    /// while the step has none, and the step is then not a link.
    pub url: String,
    /// What the date says ("Held", "Last review", "Due"), or the words for a step without
    /// records yet ("not yet").
    pub when: String,
    /// The date as machines read it (`2026-03-27`, or a year), for `<time datetime>`; empty
    /// when there is none.
    pub date: String,
    /// The date as the site's language writes it.
    pub date_text: String,
    /// The date has passed for something still to be done (the next action, the next
    /// assessment).
    pub overdue: bool,
}

/// A date a step carries: as machines read it, as the page writes it, and whether it is past
/// for something still to be done.
struct When {
    date: String,
    text: String,
    overdue: bool,
}

impl Ctx<'_> {
    /// The cycle of a unit as pages show it.
    pub(super) fn cycle_view(&self, unit: UnitId) -> CycleView {
        let cy = &self.report.units[unit].cycle;
        let t = &self.t;
        CycleView {
            last: cy.last_assessment.map(|d| t.date(d)),
            next_due: cy.next_due.map(|d| t.date(d)),
            days_to_next: cy.days_to_next,
            overdue: cy.days_to_next.is_some_and(|d| d < 0),
            step: cy.step,
            step_label: t.get(&format!("cycle_step_{}", cy.step)),
            steps: (1..=6).map(|n| self.cycle_step(unit, n)).collect(),
            cadence_years: self.site.config.cadence_years,
            cadence_text: t.plural("cadence_every", self.site.config.cadence_years, &[]),
        }
    }

    /// Step `n` of a unit's cycle: a link to its records with the date of its latest event, or
    /// "not yet" without a link while it has none.
    fn cycle_step(&self, unit: UnitId, n: u8) -> CycleStep {
        let t = &self.t;
        let cy = &self.report.units[unit].cycle;
        let (url, when, date) = match self.step_evidence(unit, n, &cy.evidence) {
            Some((url, Some(date))) => (url, t.get(&format!("cycle_date_{n}")), Some(date)),
            // Actions are under way or done, and none is open with a due date.
            Some((url, None)) => (url, t.get("cycle_no_open_action"), None),
            None => (String::new(), t.get("cycle_not_yet"), None),
        };
        let date = date.unwrap_or(When {
            date: String::new(),
            text: String::new(),
            overdue: false,
        });
        CycleStep {
            n,
            label: t.get(&format!("cycle_step_{n}")),
            current: n == cy.step,
            url,
            when,
            date: date.date,
            date_text: date.text,
            overdue: date.overdue,
        }
    }

    /// Where step `n` keeps its records and the date of its latest event; none while the step
    /// has no records.
    fn step_evidence(
        &self,
        unit: UnitId,
        n: u8,
        evidence: &StepEvidence,
    ) -> Option<(String, Option<When>)> {
        let today = self.report.today;
        let day = |d: jiff::civil::Date| When {
            date: d.to_string(),
            text: self.t.date(d),
            overdue: false,
        };
        let due = |d: jiff::civil::Date| When {
            overdue: d < today,
            ..day(d)
        };
        let dated = |url: String, when: Option<When>| when.map(|w| (url, Some(w)));
        match n {
            1 => self.report.units[unit].latest.map(|a| {
                let a = &self.site.assessments[a];
                (paths::assessment(&a.id), Some(day(a.date)))
            }),
            2 => dated(
                paths::BENCHMARK.to_owned(),
                evidence.peer_year.map(|y| When {
                    date: format!("{y:04}"),
                    text: y.to_string(),
                    overdue: false,
                }),
            ),
            3 => dated(
                format!("{}#{QMS_REVIEWS}", paths::QMS),
                evidence.qms_review.map(day),
            ),
            4 => dated(
                format!("{}#{REGISTER}", paths::IMPROVEMENTS),
                evidence.plan_raised.map(day),
            ),
            5 => evidence.implementing.then(|| {
                (
                    format!("{}#{ROADMAP}", paths::IMPROVEMENTS),
                    evidence.next_action_due.map(due),
                )
            }),
            _ => dated(
                paths::ASSESSMENTS.to_owned(),
                self.report.units[unit].cycle.next_due.map(due),
            ),
        }
    }
}
