//! ISO/IEC 20000-1 coverage counted by clause group and over the whole catalogue.

use enum_map::{Enum, EnumMap};
use serde::Serialize;

use crate::content::model::coverage::CoverageLevel;
use crate::site::Site;

/// How far a rated clause is covered: one of the four levels, or not assessed (no entry).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Enum, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum CoverageState {
    /// Nothing in place.
    NotAddressed,
    /// Some practice, not documented.
    Initial,
    /// Defined but applied inconsistently.
    Defined,
    /// Conforms to the clause.
    Conforming,
    /// No coverage entry for the clause.
    NotAssessed,
}

impl CoverageState {
    /// From the best covered to not assessed: the order of legends, totals and columns.
    pub const DISPLAY_ORDER: [CoverageState; 5] = [
        CoverageState::Conforming,
        CoverageState::Defined,
        CoverageState::Initial,
        CoverageState::NotAddressed,
        CoverageState::NotAssessed,
    ];

    /// The state of a clause with this coverage entry, if any.
    pub fn of(level: Option<CoverageLevel>) -> CoverageState {
        match level {
            None => CoverageState::NotAssessed,
            Some(CoverageLevel::NotAddressed) => CoverageState::NotAddressed,
            Some(CoverageLevel::Initial) => CoverageState::Initial,
            Some(CoverageLevel::Defined) => CoverageState::Defined,
            Some(CoverageLevel::Conforming) => CoverageState::Conforming,
        }
    }

    /// The key used in theme string tables (`coverage_<key>`) and class names.
    pub fn key(self) -> &'static str {
        match self {
            CoverageState::NotAddressed => "not-addressed",
            CoverageState::Initial => "initial",
            CoverageState::Defined => "defined",
            CoverageState::Conforming => "conforming",
            CoverageState::NotAssessed => "not-assessed",
        }
    }
}

/// Coverage counts for one top-level group of clauses.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageGroup {
    /// Group number, e.g. "8".
    pub number: &'static str,
    /// Group title.
    pub title: &'static str,
    /// Count of the group's rated clauses by state.
    pub by_level: EnumMap<CoverageState, usize>,
    /// Rated clauses in the group.
    pub total: usize,
}

/// Coverage of the whole catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageStats {
    /// By top-level clause group, in catalogue order.
    pub groups: Vec<CoverageGroup>,
    /// Over every rated clause.
    pub totals: EnumMap<CoverageState, usize>,
}

/// Counts the coverage of every rated clause of the catalogue.
pub fn coverage(site: &Site) -> CoverageStats {
    let mut totals = EnumMap::default();
    let groups = crate::iso::top_groups()
        .map(|g| {
            let mut by_level = EnumMap::default();
            let mut total = 0;
            for c in crate::iso::rated().filter(|c| crate::iso::top_group(c.number) == g.number) {
                let state = CoverageState::of(site.coverage.get(c.number).map(|cov| cov.level));
                by_level[state] += 1;
                totals[state] += 1;
                total += 1;
            }
            CoverageGroup {
                number: g.number,
                title: g.title,
                by_level,
                total,
            }
        })
        .collect();
    CoverageStats { groups, totals }
}
