//! Report: every derived figure, computed once from the validated site.
//!
//! Scores, changes since the previous assessment, peer statistics, register counts, ISO coverage
//! and the assessment cycle. Figures live with what they describe (an assessment's scores in its
//! [`AssessmentFigures`], by [`AssessmentId`]); nothing here formats or renders.

pub mod compare;
mod coverage;
mod cycle;
mod falls;
pub mod history;
mod peers;
mod register;
mod scores;

use jiff::civil::Date;
use serde::Serialize;
use typed_index_collections::TiVec;

pub use coverage::{
    ClauseState, CoverageGroup, CoverageState, CoverageStats, StateSource, roll_up,
};
pub use cycle::{Cycle, StepEvidence};
pub use peers::{
    BenchmarkStats, Distribution, PeerFigure, SMALL_GROUP, distribution, percentile_rank, quantile,
};
pub use register::RegisterStats;
pub use scores::{Scores, delta, score, weighted_mean};

use crate::site::{AssessmentId, BenchmarkId, DimensionId, ImprovementId, Site, UnitId};

/// What is computed for one assessment.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentFigures {
    /// Its scores.
    pub scores: Scores,
    /// The assessment before it of the same unit and framework.
    pub previous: Option<AssessmentId>,
    /// For each dimension that fell since `previous` on purpose, the improvements with direction
    /// "lower" that explain the fall; empty for every other dimension.
    pub deliberate: TiVec<DimensionId, Vec<ImprovementId>>,
    /// The improvements that name it as the assessment they came from, in register order: what
    /// the assessment led to.
    pub raised: Vec<ImprovementId>,
}

/// What is computed for one organisational unit.
#[derive(Debug, Clone, Serialize)]
pub struct UnitFigures {
    /// Its latest assessment of the main framework.
    pub latest: Option<AssessmentId>,
    /// Where it stands in its own assessment cycle (main framework).
    pub cycle: Cycle,
}

/// Every computed figure of a site.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The build date overdue actions and the cycle are measured against.
    pub today: Date,
    /// Each assessment's figures.
    pub assessments: TiVec<AssessmentId, AssessmentFigures>,
    /// Each unit's latest assessment and cycle.
    pub units: TiVec<UnitId, UnitFigures>,
    /// Each benchmark's statistics.
    pub benchmarks: TiVec<BenchmarkId, BenchmarkStats>,
    /// Register counts.
    pub register: RegisterStats,
    /// ISO/IEC 20000-1 coverage counts.
    pub coverage: CoverageStats,
    /// The assessment cycle of the unit the dashboard shows.
    pub cycle: Cycle,
    /// What the site's git history says; none when the site is not in a git repository (or its
    /// history is turned off). Filled in by the build after the report is computed.
    pub history: Option<history::History>,
}

impl Report {
    /// The scores of an assessment.
    pub fn scores(&self, a: AssessmentId) -> &Scores {
        &self.assessments[a].scores
    }

    /// The assessment before `a` in its unit and framework, if any.
    pub fn previous(&self, a: AssessmentId) -> Option<AssessmentId> {
        self.assessments[a].previous
    }

    /// The improvements that explain a fall of dimension `d` at assessment `a` (empty when it
    /// did not fall, or fell without a decision to lower it).
    pub fn deliberate(&self, a: AssessmentId, d: DimensionId) -> &[ImprovementId] {
        &self.assessments[a].deliberate[d]
    }

    /// The improvements raised from assessment `a`, in register order.
    pub fn raised(&self, a: AssessmentId) -> &[ImprovementId] {
        &self.assessments[a].raised
    }
}

/// Computes the report.
pub fn compute(site: &Site, today: Date) -> Report {
    let lowerings = falls::Lowerings::of(site);
    let scores: TiVec<AssessmentId, Scores> = site
        .assessments
        .iter()
        .map(|a| score(&site.frameworks[a.framework], a))
        .collect();
    let assessments: TiVec<AssessmentId, AssessmentFigures> = site
        .assessments
        .iter_enumerated()
        .map(|(id, a)| {
            let previous = site
                .assessments_in(a.unit, a.framework)
                .take_while(|&other| other != id)
                .last();
            AssessmentFigures {
                deliberate: lowerings.explain(
                    site,
                    (a, &scores[id].dimensions),
                    previous.map(|p| &scores[p].dimensions),
                ),
                scores: scores[id].clone(),
                previous,
                raised: site
                    .improvements
                    .iter_enumerated()
                    .filter(|(_, i)| i.assessment == Some(id))
                    .map(|(i, _)| i)
                    .collect(),
            }
        })
        .collect();
    let benchmarks = site
        .benchmarks
        .iter()
        .map(|b| peers::benchmark_stats(site, b, &assessments))
        .collect();
    let register = register::register(site, today);
    let coverage = coverage::coverage(site);
    let evidence = cycle::evidence(site);
    let units: TiVec<UnitId, UnitFigures> = site
        .units
        .keys()
        .map(|u| {
            let latest = site.latest_in(u, site.main_framework);
            UnitFigures {
                latest,
                cycle: cycle::cycle(site, latest, today, &register, &evidence),
            }
        })
        .collect();
    let cycle = units[site.main_unit()].cycle.clone();
    Report {
        today,
        assessments,
        units,
        benchmarks,
        register,
        coverage,
        cycle,
        history: None,
    }
}
