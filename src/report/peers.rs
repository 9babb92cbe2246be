//! Peer statistics: the comparison group's distribution of each figure, and where we stand in it.

use serde::Serialize;
use typed_index_collections::TiVec;

use super::AssessmentFigures;
use crate::site::{AssessmentId, Benchmark, DomainId, Site};

/// A comparison group smaller than this is flagged as indicative only.
pub const SMALL_GROUP: usize = 5;

/// Five-number summary of a sample.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Distribution {
    /// Sample size.
    pub n: usize,
    /// Smallest value.
    pub min: f64,
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    /// Largest value.
    pub max: f64,
    /// True when the sample is smaller than [`SMALL_GROUP`].
    pub small: bool,
}

/// Quantile by linear interpolation between closest ranks (spreadsheets' PERCENTILE.INC).
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = q.clamp(0.0, 1.0) * last as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// The present, finite values of a sample, sorted: the one peer set every statistic of a figure
/// and its percentile rank are taken from.
fn sample(values: impl IntoIterator<Item = Option<f64>>) -> Vec<f64> {
    let mut v: Vec<f64> = values
        .into_iter()
        .flatten()
        .filter(|x| x.is_finite())
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

/// The five-number summary of the present values; `None` for an empty sample.
pub fn distribution(values: impl IntoIterator<Item = Option<f64>>) -> Option<Distribution> {
    summary(&sample(values))
}

fn summary(v: &[f64]) -> Option<Distribution> {
    Some(Distribution {
        n: v.len(),
        min: *v.first()?,
        q1: quantile(v, 0.25)?,
        median: quantile(v, 0.5)?,
        q3: quantile(v, 0.75)?,
        max: *v.last()?,
        small: v.len() < SMALL_GROUP,
    })
}

/// Percentile rank of `value` in a sample: the share of values below it, counting ties as half,
/// in percent (0 = below every peer, 100 = above every peer).
pub fn percentile_rank(value: f64, sample: &[f64]) -> Option<f64> {
    if sample.is_empty() {
        return None;
    }
    let below = sample.iter().filter(|x| **x < value).count() as f64;
    let equal = sample.iter().filter(|x| **x == value).count() as f64;
    Some(100.0 * (below + 0.5 * equal) / sample.len() as f64)
}

/// Statistics of one figure in a comparison group, with our own value placed in it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PeerFigure {
    /// The group's distribution.
    pub distribution: Option<Distribution>,
    /// Our value.
    pub ours: Option<f64>,
    /// Our percentile rank among the peers.
    pub percentile: Option<f64>,
}

impl PeerFigure {
    /// The group's median, when the group has a value.
    pub fn median(&self) -> Option<f64> {
        self.distribution.as_ref().map(|d| d.median)
    }
}

fn peer_figure(values: impl IntoIterator<Item = Option<f64>>, ours: Option<f64>) -> PeerFigure {
    let sample = sample(values);
    PeerFigure {
        percentile: ours.and_then(|o| percentile_rank(o, &sample)),
        distribution: summary(&sample),
        ours,
    }
}

/// A benchmark's statistics for the comparison group.
#[derive(Debug, Clone, Serialize)]
pub struct BenchmarkStats {
    /// The assessment our values come from (the latest of the benchmark's framework in the lead
    /// unit).
    pub our_assessment: Option<AssessmentId>,
    /// Index.
    pub index: PeerFigure,
    /// Each domain of the framework.
    pub domains: TiVec<DomainId, PeerFigure>,
    /// IT cost per user.
    pub cost_per_user: PeerFigure,
    /// IT cost as % of revenue.
    pub cost_percent_of_revenue: PeerFigure,
}

/// The statistics of one benchmark, our values from the latest assessment of its framework in
/// the unit that stands for the site ([`Site::lead_unit`]).
pub fn benchmark_stats(
    site: &Site,
    b: &Benchmark,
    figures: &TiVec<AssessmentId, AssessmentFigures>,
) -> BenchmarkStats {
    let ours = site.latest_in(site.lead_unit(b.framework), b.framework);
    let our_scores = ours.map(|i| &figures[i].scores);
    let group: Vec<_> = b.group.iter().map(|&i| &b.peers[i]).collect();
    let cost = ours.map(|i| &site.assessments[i].cost);
    BenchmarkStats {
        our_assessment: ours,
        index: peer_figure(
            group.iter().map(|p| Some(p.index)),
            our_scores.and_then(|s| s.index),
        ),
        domains: site.frameworks[b.framework]
            .domains
            .keys()
            .map(|d| {
                peer_figure(
                    group.iter().map(|p| p.domains[d]),
                    our_scores.and_then(|s| s.domains[d]),
                )
            })
            .collect(),
        cost_per_user: peer_figure(
            group.iter().map(|p| p.cost_per_user),
            cost.and_then(|c| c.per_user),
        ),
        cost_percent_of_revenue: peer_figure(
            group.iter().map(|p| p.cost_percent_of_revenue),
            cost.and_then(|c| c.percent_of_revenue),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_like_percentile_inc() {
        let d = distribution([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0].map(Some)).expect("sample");
        // Positions 1.75, 3.5 and 5.25 of the zero-based ranks.
        assert_eq!((d.q1, d.median, d.q3), (2.75, 4.5, 6.25));
        assert_eq!((d.min, d.max, d.n, d.small), (1.0, 8.0, 8, false));
        let d = distribution([Some(10.0), None, Some(30.0), Some(20.0)]).expect("sample");
        assert_eq!((d.median, d.n, d.small), (20.0, 3, true));
        assert!(distribution([None, None]).is_none());
    }

    #[test]
    fn percentile_rank_counts_ties_as_half() {
        let peers = [10.0, 20.0, 30.0, 40.0];
        assert_eq!(percentile_rank(25.0, &peers), Some(50.0));
        assert_eq!(percentile_rank(30.0, &peers), Some(62.5));
        assert_eq!(percentile_rank(5.0, &peers), Some(0.0));
        assert_eq!(percentile_rank(50.0, &peers), Some(100.0));
        assert_eq!(percentile_rank(1.0, &[]), None);
    }

    #[test]
    fn statistics_and_rank_use_the_same_peers() {
        // A value that is not a finite number is left out of both.
        let f = peer_figure([Some(10.0), Some(f64::NAN), Some(30.0)], Some(20.0));
        assert_eq!(f.distribution.as_ref().map(|d| d.n), Some(2));
        assert_eq!(f.percentile, Some(50.0));
    }
}
