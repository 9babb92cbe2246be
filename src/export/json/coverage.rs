//! The coverage part of the export: every clause of the catalogue with its parent and how its
//! state was reached, and the counts of the counted clauses.

use schemars::JsonSchema;
use serde::Serialize;

use crate::report::{self, CoverageState, Report, StateSource};
use crate::site::{Evidence, Site};

/// ISO/IEC 20000-1 coverage.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CoverageExport {
    /// Every clause of the catalogue, parents before their sub-clauses.
    pub clauses: Vec<ClauseExport>,
    /// Counts of the counted clauses by top-level clause.
    pub groups: Vec<CoverageGroupExport>,
    /// Counts over every counted clause.
    pub totals: std::collections::BTreeMap<CoverageState, usize>,
}

/// One clause.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ClauseExport {
    /// Number.
    pub number: &'static str,
    /// Short title.
    pub title: &'static str,
    /// The number of the clause it belongs to; none for 4 … 10.
    pub parent: Option<&'static str>,
    /// Counted in the totals (one clause on every branch of the catalogue).
    pub counted: bool,
    /// Its coverage state under the roll-up rule.
    pub state: CoverageState,
    /// Whether the state is its own entry's, rolled up from its sub-clauses, or neither.
    pub source: StateSource,
    /// When it has no level: the clause above it whose entry rates it as part of a whole.
    pub rated_with: Option<&'static str>,
    /// Evidence of its own entry.
    pub evidence: Vec<Evidence>,
    /// Remarks of its own entry.
    pub notes: String,
    /// When its own entry was last reviewed.
    pub reviewed: Option<String>,
}

/// Coverage counts of one top-level clause, or of one of its sections.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CoverageGroupExport {
    /// Clause number.
    pub number: &'static str,
    /// Title.
    pub title: &'static str,
    /// Count of its counted clauses by coverage state.
    pub counts: std::collections::BTreeMap<CoverageState, usize>,
    /// Its sections with their counts (clause 8: 8.1 … 8.7); empty for the others.
    pub sections: Vec<CoverageGroupExport>,
}

pub(super) fn coverage(site: &Site, report: &Report) -> CoverageExport {
    let cov = &report.coverage;
    CoverageExport {
        clauses: crate::iso::CLAUSES
            .iter()
            .zip(&cov.clauses)
            .map(|(c, state)| {
                let own = site.coverage.get(c.number);
                ClauseExport {
                    number: c.number,
                    title: c.title,
                    parent: c.parent_number(),
                    counted: c.counted,
                    state: state.state,
                    source: state.source,
                    rated_with: state.rated_with,
                    evidence: own.map(|x| x.evidence.clone()).unwrap_or_default(),
                    notes: own.map(|x| x.notes.clone()).unwrap_or_default(),
                    reviewed: own.and_then(|x| x.reviewed).map(|d| d.to_string()),
                }
            })
            .collect(),
        groups: cov.groups.iter().map(coverage_group).collect(),
        totals: cov.totals.iter().map(|(k, v)| (k, *v)).collect(),
    }
}

fn coverage_group(g: &report::CoverageGroup) -> CoverageGroupExport {
    CoverageGroupExport {
        number: g.number,
        title: g.title,
        counts: g.by_level.iter().map(|(k, v)| (k, *v)).collect(),
        sections: g.sections.iter().map(coverage_group).collect(),
    }
}
