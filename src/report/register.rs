//! Register counts: by status, part of clause 10.2 and direction, the overdue actions, and the
//! order a reader works through the register in.

use std::cmp::Ordering;

use enum_map::EnumMap;
use jiff::civil::Date;
use serde::Serialize;

use crate::content::model::Direction;
use crate::content::model::improvement::{Part, Status};
use crate::site::{Improvement, ImprovementId, Site};

/// Counts of improvements by the register's categories.
#[derive(Debug, Clone, Serialize, Default, schemars::JsonSchema)]
pub struct RegisterStats {
    /// Total entries.
    pub total: usize,
    /// Entries still to be done (not done, not rejected).
    pub open: usize,
    /// Open entries past their due date.
    pub overdue: Vec<ImprovementId>,
    /// Count by status.
    #[schemars(with = "std::collections::BTreeMap<Status, usize>")]
    pub by_status: EnumMap<Status, usize>,
    /// Count by part of clause 10.2.
    #[schemars(with = "std::collections::BTreeMap<Part, usize>")]
    pub by_part: EnumMap<Part, usize>,
    /// Count by direction.
    #[schemars(with = "std::collections::BTreeMap<Direction, usize>")]
    pub by_direction: EnumMap<Direction, usize>,
    /// Count by part, then status.
    #[schemars(
        with = "std::collections::BTreeMap<Part, std::collections::BTreeMap<Status, usize>>"
    )]
    pub part_status: EnumMap<Part, EnumMap<Status, usize>>,
    /// Every entry in the order the plan lists them, decided here once so that the table and
    /// the cards agree: open before closed; among the open, overdue first, then by priority
    /// (critical first), then by due date (soonest first, undated last); then the done ones,
    /// the most recently due first, and the rejected ones last.
    pub action_order: Vec<ImprovementId>,
}

/// Counts the register as it stands on `today`.
pub fn register(site: &Site, today: Date) -> RegisterStats {
    let mut r = RegisterStats {
        total: site.improvements.len(),
        ..RegisterStats::default()
    };
    for (id, imp) in site.improvements.iter_enumerated() {
        r.by_status[imp.status] += 1;
        r.by_part[imp.part] += 1;
        r.by_direction[imp.direction] += 1;
        r.part_status[imp.part][imp.status] += 1;
        if imp.status.is_open() {
            r.open += 1;
        }
        if imp.is_overdue(today) {
            r.overdue.push(id);
        }
    }
    r.action_order = site
        .improvements
        .iter_enumerated()
        .map(|(id, _)| id)
        .collect();
    // A stable sort: entries that tie keep the order the register holds them in.
    r.action_order
        .sort_by(|&a, &b| action_cmp(&site.improvements[a], &site.improvements[b], today));
    r
}

/// The order of [`RegisterStats::action_order`]: what a reader has to act on comes first.
fn action_cmp(a: &Improvement, b: &Improvement, today: Date) -> Ordering {
    let closed = |i: &Improvement| !i.status.is_open();
    closed(a).cmp(&closed(b)).then_with(|| {
        if closed(a) {
            // Done before rejected, the most recently due first (undated last).
            a.status
                .cmp(&b.status)
                .then(a.due.is_none().cmp(&b.due.is_none()))
                .then(b.due.cmp(&a.due))
        } else {
            // Overdue first, then the most urgent, then the soonest due (undated last).
            b.is_overdue(today)
                .cmp(&a.is_overdue(today))
                .then(a.priority.cmp(&b.priority))
                .then(a.due.is_none().cmp(&b.due.is_none()))
                .then(a.due.cmp(&b.due))
        }
    })
}
