//! Where the organisation stands in the assessment cycle, and when the next assessment is due.

use jiff::civil::Date;
use serde::Serialize;

use super::register::RegisterStats;
use crate::content::model::improvement::Status;
use crate::site::{AssessmentId, Site};

/// A step before the next assessment's due date from which the cycle reads "next assessment".
const PREPARE_DAYS: i64 = 183;

/// Where the organisation stands in the assessment cycle.
#[derive(Debug, Clone, Serialize)]
pub struct Cycle {
    /// The date of the unit's latest assessment of the main framework.
    pub last_assessment: Option<Date>,
    /// The date the next one is due (last + cadence).
    pub next_due: Option<Date>,
    /// Days from the build date to the due date (negative when overdue).
    pub days_to_next: Option<i64>,
    /// The current step of the cycle, 1 to 6: 1 assessment · 2 benchmark · 3 QMS review ·
    /// 4 plan · 5 implementation · 6 next assessment.
    pub step: u8,
    /// The latest event of each step before the next assessment, so that the cycle can say when
    /// each step last happened and lead to what records it.
    pub evidence: StepEvidence,
}

/// When each step of the cycle last left a record: none for a step that has none yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StepEvidence {
    /// 2: the newest year of the peers' data in the comparison group of the main framework's
    /// benchmark (a benchmark file holds no date of its own).
    pub peer_year: Option<i64>,
    /// 3: the latest review of any IT QMS component.
    pub qms_review: Option<Date>,
    /// 4: the latest date an improvement was raised.
    pub plan_raised: Option<Date>,
    /// 5: whether any action is under way or done (implementation has begun).
    pub implementing: bool,
    /// 5: the earliest due date of the open actions, what tracking watches next.
    pub next_action_due: Option<Date>,
}

/// What records each step of the cycle of a site holds (the steps after the assessment are the
/// site's, not a unit's: the benchmark, the IT QMS and the register are shared).
pub fn evidence(site: &Site) -> StepEvidence {
    let peer_year = site.main_benchmark(site.main_framework).and_then(|b| {
        let b = &site.benchmarks[b];
        b.group.iter().map(|&p| b.peers[p].year).max()
    });
    StepEvidence {
        peer_year,
        qms_review: site.qms.iter().filter_map(|q| q.last_review).max(),
        plan_raised: site.improvements.iter().map(|i| i.raised).max(),
        implementing: site
            .improvements
            .iter()
            .any(|i| matches!(i.status, Status::InProgress | Status::Done)),
        next_action_due: site
            .improvements
            .iter()
            .filter(|i| i.status.is_open())
            .filter_map(|i| i.due)
            .min(),
    }
}

/// The cycle of a unit on `today`, from its latest assessment of the main framework.
pub fn cycle(
    site: &Site,
    latest: Option<AssessmentId>,
    today: Date,
    register: &RegisterStats,
    evidence: &StepEvidence,
) -> Cycle {
    let last = latest.map(|i| site.assessments[i].date);
    let next_due = last.and_then(|d| {
        d.checked_add(jiff::Span::new().years(site.config.cadence_years))
            .ok()
    });
    let days_to_next = next_due.and_then(|d| {
        today
            .until((jiff::Unit::Day, d))
            .ok()
            .map(|span| i64::from(span.get_days()))
    });
    let in_progress = site
        .improvements
        .iter()
        .any(|i| i.status == Status::InProgress);
    let planned = site
        .improvements
        .iter()
        .any(|i| matches!(i.status, Status::Proposed | Status::Approved));
    let step = match (last, days_to_next) {
        (None, _) => 1,
        (_, Some(days)) if days <= PREPARE_DAYS => 6,
        _ if in_progress || register.open > 0 && !planned => 5,
        _ if planned => 4,
        _ if site.qms.is_empty() => 3,
        _ => 5,
    };
    Cycle {
        last_assessment: last,
        next_due,
        days_to_next,
        step,
        evidence: evidence.clone(),
    }
}
