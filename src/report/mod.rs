//! Report: every derived figure, computed once from the validated site.
//!
//! Scores, changes since the previous assessment, peer statistics, register counts, ISO coverage
//! and the assessment cycle. Figures live with what they describe (an assessment's scores in its
//! [`AssessmentFigures`], by [`AssessmentId`]); nothing here formats or renders.

mod coverage;
mod cycle;
mod peers;
mod register;
mod scores;

use jiff::civil::Date;
use serde::Serialize;
use typed_index_collections::TiVec;

pub use coverage::{CoverageGroup, CoverageState, CoverageStats};
pub use cycle::Cycle;
pub use peers::{
    BenchmarkStats, Distribution, PeerFigure, SMALL_GROUP, distribution, percentile_rank, quantile,
};
pub use register::RegisterStats;
pub use scores::{Scores, delta, score, weighted_mean};

use crate::site::{AssessmentId, BenchmarkId, Site};

/// What is computed for one assessment.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentFigures {
    /// Its scores.
    pub scores: Scores,
    /// The assessment before it of the same framework.
    pub previous: Option<AssessmentId>,
}

/// Every computed figure of a site.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The build date overdue actions and the cycle are measured against.
    pub today: Date,
    /// Each assessment's figures.
    pub assessments: TiVec<AssessmentId, AssessmentFigures>,
    /// Each benchmark's statistics.
    pub benchmarks: TiVec<BenchmarkId, BenchmarkStats>,
    /// Register counts.
    pub register: RegisterStats,
    /// ISO/IEC 20000-1 coverage counts.
    pub coverage: CoverageStats,
    /// The assessment cycle.
    pub cycle: Cycle,
}

impl Report {
    /// The scores of an assessment.
    pub fn scores(&self, a: AssessmentId) -> &Scores {
        &self.assessments[a].scores
    }

    /// The assessment before `a`, if any.
    pub fn previous(&self, a: AssessmentId) -> Option<AssessmentId> {
        self.assessments[a].previous
    }
}

/// Computes the report.
pub fn compute(site: &Site, today: Date) -> Report {
    let assessments: TiVec<AssessmentId, AssessmentFigures> = site
        .assessments
        .iter_enumerated()
        .map(|(id, a)| AssessmentFigures {
            scores: score(&site.frameworks[a.framework], a),
            previous: site
                .assessments_of(a.framework)
                .take_while(|&other| other != id)
                .last(),
        })
        .collect();
    let benchmarks = site
        .benchmarks
        .iter()
        .map(|b| peers::benchmark_stats(site, b, &assessments))
        .collect();
    let register = register::register(site, today);
    let coverage = coverage::coverage(site);
    let cycle = cycle::cycle(site, today, &register);
    Report {
        today,
        assessments,
        benchmarks,
        register,
        coverage,
        cycle,
    }
}
