//! Register counts: by status, part of clause 10.2 and direction, and the overdue actions.

use enum_map::EnumMap;
use jiff::civil::Date;
use serde::Serialize;

use crate::content::model::Direction;
use crate::content::model::improvement::{Part, Status};
use crate::site::{ImprovementId, Site};

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
    r
}
