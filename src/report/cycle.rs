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
}

/// The cycle of a unit on `today`, from its latest assessment of the main framework.
pub fn cycle(
    site: &Site,
    latest: Option<AssessmentId>,
    today: Date,
    register: &RegisterStats,
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
    }
}
