//! Compute: every derived figure of the report, from the validated site.
//!
//! Scores, changes since the previous assessment, peer statistics, register counts, ISO coverage
//! and the assessment cycle. Nothing here formats or renders; templates decide how to show it.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::content::model::Direction;
use crate::content::model::coverage::CoverageLevel;
use crate::content::model::framework::IndexRollup;
use crate::content::model::improvement::{Part, Status};
use crate::site::{Assessment, Framework, Site};

/// A comparison group smaller than this is flagged as indicative only.
pub const SMALL_GROUP: usize = 5;

/// Scores of one assessment.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scores {
    /// Value of each dimension (framework order), `None` when not rated.
    pub dimensions: Vec<Option<f64>>,
    /// Score of each domain, `None` when none of its dimensions is rated.
    pub domains: Vec<Option<f64>>,
    /// The index, `None` when nothing is rated.
    pub index: Option<f64>,
    /// How many dimensions are rated.
    pub rated: usize,
}

/// Weighted mean of the values that are present; `None` when none is, or weights sum to zero.
pub fn weighted_mean(values: impl IntoIterator<Item = (Option<f64>, f64)>) -> Option<f64> {
    let (mut sum, mut weight) = (0.0, 0.0);
    for (v, w) in values {
        if let Some(v) = v {
            sum += v * w;
            weight += w;
        }
    }
    (weight > 0.0).then(|| sum / weight)
}

/// Scores an assessment against its framework.
pub fn score(framework: &Framework, assessment: &Assessment) -> Scores {
    let dimensions: Vec<Option<f64>> = assessment
        .ratings
        .iter()
        .map(|r| {
            r.level
                .and_then(|l| framework.scale.get(l))
                .map(|l| l.value)
        })
        .collect();
    let domains: Vec<Option<f64>> = framework
        .domains
        .iter()
        .map(|d| {
            weighted_mean(
                d.dimensions
                    .iter()
                    .map(|&i| (dimensions[i], framework.dimensions[i].weight)),
            )
        })
        .collect();
    let index = match framework.index_rollup {
        IndexRollup::Domains => weighted_mean(
            framework
                .domains
                .iter()
                .zip(&domains)
                .map(|(d, s)| (*s, d.weight)),
        ),
        IndexRollup::Dimensions => weighted_mean(
            framework
                .dimensions
                .iter()
                .zip(&dimensions)
                .map(|(d, v)| (*v, d.weight)),
        ),
    };
    Scores {
        rated: dimensions.iter().filter(|v| v.is_some()).count(),
        dimensions,
        domains,
        index,
    }
}

/// Differences between two optional values (both must be present).
pub fn delta(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(now? - before?)
}

/// Five-number summary of a sample.
#[derive(Debug, Clone, Serialize, PartialEq)]
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

/// The five-number summary of the present values; `None` for an empty sample.
pub fn distribution(values: impl IntoIterator<Item = Option<f64>>) -> Option<Distribution> {
    let mut v: Vec<f64> = values
        .into_iter()
        .flatten()
        .filter(|x| x.is_finite())
        .collect();
    v.sort_by(f64::total_cmp);
    Some(Distribution {
        n: v.len(),
        min: *v.first()?,
        q1: quantile(&v, 0.25)?,
        median: quantile(&v, 0.5)?,
        q3: quantile(&v, 0.75)?,
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

fn peer_figure(values: Vec<Option<f64>>, ours: Option<f64>) -> PeerFigure {
    let sample: Vec<f64> = values.iter().flatten().copied().collect();
    PeerFigure {
        percentile: ours.and_then(|o| percentile_rank(o, &sample)),
        distribution: distribution(values),
        ours,
    }
}

/// A benchmark's statistics for the comparison group.
#[derive(Debug, Clone, Serialize)]
pub struct BenchmarkStats {
    /// The assessment our values come from (latest of the benchmark's framework), as an index.
    pub our_assessment: Option<usize>,
    /// Index.
    pub index: PeerFigure,
    /// Each domain, in framework order.
    pub domains: Vec<PeerFigure>,
    /// IT cost per user.
    pub cost_per_user: PeerFigure,
    /// IT cost as % of revenue.
    pub cost_percent_of_revenue: PeerFigure,
}

/// Counts of improvements by the register's categories.
#[derive(Debug, Clone, Serialize, Default)]
pub struct RegisterStats {
    /// Total entries.
    pub total: usize,
    /// Entries still to be done (not done, not rejected).
    pub open: usize,
    /// Open entries past their due date, as indices into the site's improvements.
    pub overdue: Vec<usize>,
    /// Count by status key.
    pub by_status: BTreeMap<&'static str, usize>,
    /// Count by 10.2 part.
    pub by_part: BTreeMap<&'static str, usize>,
    /// Count by direction.
    pub by_direction: BTreeMap<&'static str, usize>,
    /// Count by part, then status.
    pub part_status: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
}

/// Coverage counts for one group of clauses.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CoverageGroup {
    /// Group number, e.g. "8".
    pub number: &'static str,
    /// Group title.
    pub title: &'static str,
    /// Count by level key, plus "not-assessed" for clauses without an entry.
    pub by_level: BTreeMap<&'static str, usize>,
    /// Rated clauses in the group.
    pub total: usize,
}

/// Where the organisation stands in the assessment cycle.
#[derive(Debug, Clone, Serialize)]
pub struct Cycle {
    /// The latest assessment of the main framework.
    pub last_assessment: Option<Date>,
    /// The date the next one is due (last + cadence).
    pub next_due: Option<Date>,
    /// Days from the build date to the due date (negative when overdue).
    pub days_to_next: Option<i64>,
    /// The current step of the cycle, 1 to 6 (see domain notes in the docs).
    pub step: u8,
}

/// Every computed figure of a site.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The build date overdue actions and the cycle are measured against.
    pub today: Date,
    /// Scores of each assessment (same order as the site's assessments).
    pub scores: Vec<Scores>,
    /// For each assessment, the previous assessment of the same framework.
    pub previous: Vec<Option<usize>>,
    /// Statistics of each benchmark (same order as the site's benchmarks).
    pub benchmarks: Vec<BenchmarkStats>,
    /// Register counts.
    pub register: RegisterStats,
    /// Coverage by top-level clause group.
    pub coverage: Vec<CoverageGroup>,
    /// Coverage totals by level over every rated clause.
    pub coverage_totals: BTreeMap<&'static str, usize>,
    /// The cycle.
    pub cycle: Cycle,
}

/// Computes the report.
pub fn compute(site: &Site, today: Date) -> Report {
    let scores: Vec<Scores> = site
        .assessments
        .iter()
        .map(|a| score(&site.frameworks[a.framework], a))
        .collect();
    let previous: Vec<Option<usize>> = site
        .assessments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (0..i)
                .rev()
                .find(|&j| site.assessments[j].framework == a.framework)
        })
        .collect();
    let benchmarks = site
        .benchmarks
        .iter()
        .map(|b| {
            let ours = latest_of(site, b.framework);
            let our_scores = ours.map(|i| &scores[i]);
            let group: Vec<&crate::site::Peer> = b.group.iter().map(|&i| &b.peers[i]).collect();
            let cost = ours.map(|i| &site.assessments[i].cost);
            BenchmarkStats {
                our_assessment: ours,
                index: peer_figure(
                    group.iter().map(|p| Some(p.index)).collect(),
                    our_scores.and_then(|s| s.index),
                ),
                domains: (0..site.frameworks[b.framework].domains.len())
                    .map(|d| {
                        peer_figure(
                            group.iter().map(|p| p.domains[d]).collect(),
                            our_scores.and_then(|s| s.domains[d]),
                        )
                    })
                    .collect(),
                cost_per_user: peer_figure(
                    group.iter().map(|p| p.cost_per_user).collect(),
                    cost.and_then(|c| c.per_user),
                ),
                cost_percent_of_revenue: peer_figure(
                    group.iter().map(|p| p.cost_percent_of_revenue).collect(),
                    cost.and_then(|c| c.percent_of_revenue),
                ),
            }
        })
        .collect();
    let register = register(site, today);
    let (coverage, coverage_totals) = coverage(site);
    let cycle = cycle(site, today, &register);
    Report {
        today,
        scores,
        previous,
        benchmarks,
        register,
        coverage,
        coverage_totals,
        cycle,
    }
}

/// The latest assessment of a framework, as an index into the site's assessments.
pub fn latest_of(site: &Site, framework: usize) -> Option<usize> {
    site.assessments
        .iter()
        .enumerate()
        .filter(|(_, a)| a.framework == framework)
        .map(|(i, _)| i)
        .next_back()
}

/// True when an improvement is open and its due date has passed.
pub fn is_overdue(status: Status, due: Option<Date>, today: Date) -> bool {
    status.is_open() && due.is_some_and(|d| d < today)
}

fn register(site: &Site, today: Date) -> RegisterStats {
    let mut r = RegisterStats {
        total: site.improvements.len(),
        ..RegisterStats::default()
    };
    for s in Status::ALL {
        r.by_status.insert(s.key(), 0);
    }
    for p in Part::ALL {
        r.by_part.insert(p.key(), 0);
        r.part_status
            .insert(p.key(), Status::ALL.iter().map(|s| (s.key(), 0)).collect());
    }
    for d in Direction::ALL {
        r.by_direction.insert(d.key(), 0);
    }
    for (i, imp) in site.improvements.iter().enumerate() {
        *r.by_status.entry(imp.status.key()).or_default() += 1;
        *r.by_part.entry(imp.part.key()).or_default() += 1;
        *r.by_direction.entry(imp.direction.key()).or_default() += 1;
        if let Some(m) = r.part_status.get_mut(imp.part.key()) {
            *m.entry(imp.status.key()).or_default() += 1;
        }
        if imp.status.is_open() {
            r.open += 1;
        }
        if is_overdue(imp.status, imp.due, today) {
            r.overdue.push(i);
        }
    }
    r
}

/// Key used for rated clauses that have no coverage entry.
pub const NOT_ASSESSED: &str = "not-assessed";

fn coverage(site: &Site) -> (Vec<CoverageGroup>, BTreeMap<&'static str, usize>) {
    let mut totals: BTreeMap<&'static str, usize> =
        CoverageLevel::ALL.iter().map(|l| (l.key(), 0)).collect();
    totals.insert(NOT_ASSESSED, 0);
    let groups = crate::iso::top_groups()
        .map(|g| {
            let mut by_level: BTreeMap<&'static str, usize> =
                CoverageLevel::ALL.iter().map(|l| (l.key(), 0)).collect();
            by_level.insert(NOT_ASSESSED, 0);
            let mut total = 0;
            for c in crate::iso::rated().filter(|c| crate::iso::top_group(c.number) == g.number) {
                let key = site
                    .coverage
                    .get(c.number)
                    .map_or(NOT_ASSESSED, |cov| cov.level.key());
                *by_level.entry(key).or_default() += 1;
                *totals.entry(key).or_default() += 1;
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
    (groups, totals)
}

fn cycle(site: &Site, today: Date, register: &RegisterStats) -> Cycle {
    let last = latest_of(site, site.main_framework).map(|i| site.assessments[i].date);
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
    // 1 assessment · 2 benchmark · 3 QMS review · 4 plan · 5 implementation · 6 next assessment.
    let step = match (last, days_to_next) {
        (None, _) => 1,
        (_, Some(days)) if days <= 183 => 6,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{Dimension, Domain, Rating, ScaleLevel};
    use std::collections::HashMap;

    /// Two domains: A (dims a1 weight 1, a2 weight 3) and B (b1), scale 0 / 20 / 60 / 100.
    fn framework(rollup: IndexRollup) -> Framework {
        let level = |id: &str, value| ScaleLevel {
            id: id.into(),
            label: id.into(),
            value,
            description: String::new(),
        };
        let dim = |id: &str, domain, weight| Dimension {
            id: id.into(),
            name: id.into(),
            domain,
            description: String::new(),
            weight,
        };
        Framework {
            id: "f".into(),
            name: "F".into(),
            short_name: "F".into(),
            description: String::new(),
            example: true,
            unit: "%".into(),
            index_rollup: rollup,
            scale: vec![
                level("none", 0.0),
                level("low", 20.0),
                level("mid", 60.0),
                level("high", 100.0),
            ],
            domains: vec![
                Domain {
                    id: "A".into(),
                    name: "A".into(),
                    description: String::new(),
                    weight: 1.0,
                    dimensions: vec![0, 1],
                },
                Domain {
                    id: "B".into(),
                    name: "B".into(),
                    description: String::new(),
                    weight: 3.0,
                    dimensions: vec![2],
                },
            ],
            dimensions: vec![dim("a1", 0, 1.0), dim("a2", 0, 3.0), dim("b1", 1, 1.0)],
            dimension_by_id: HashMap::new(),
            declared_dimensions: Default::default(),
        }
    }

    fn assessment(levels: [Option<usize>; 3]) -> Assessment {
        Assessment {
            id: "x".into(),
            title: "x".into(),
            framework: 0,
            date: jiff::civil::date(2026, 1, 1),
            assessor: String::new(),
            scope: String::new(),
            method: String::new(),
            summary: String::new(),
            cost: Default::default(),
            ratings: levels
                .iter()
                .map(|l| Rating {
                    level: *l,
                    ..Rating::default()
                })
                .collect(),
        }
    }

    #[test]
    fn scores_roll_up_by_weighted_means() {
        // a1 = 20, a2 = 100 (weight 3): A = (20 + 300) / 4 = 80. b1 = 60: B = 60.
        // Index over domains, weights 1 and 3: (80 + 180) / 4 = 65.
        let s = score(
            &framework(IndexRollup::Domains),
            &assessment([Some(1), Some(3), Some(2)]),
        );
        assert_eq!(s.dimensions, vec![Some(20.0), Some(100.0), Some(60.0)]);
        assert_eq!(s.domains, vec![Some(80.0), Some(60.0)]);
        assert_eq!(s.index, Some(65.0));
        assert_eq!(s.rated, 3);
        // Over dimensions, weights 1, 3, 1: (20 + 300 + 60) / 5 = 76.
        let s = score(
            &framework(IndexRollup::Dimensions),
            &assessment([Some(1), Some(3), Some(2)]),
        );
        assert_eq!(s.index, Some(76.0));
    }

    #[test]
    fn unrated_dimensions_are_left_out_never_zero() {
        // a2 not rated: A = 20 alone; B not rated at all: index = A = 20.
        let s = score(
            &framework(IndexRollup::Domains),
            &assessment([Some(1), None, None]),
        );
        assert_eq!(s.dimensions, vec![Some(20.0), None, None]);
        assert_eq!(s.domains, vec![Some(20.0), None]);
        assert_eq!(s.index, Some(20.0));
        assert_eq!(s.rated, 1);
        let s = score(
            &framework(IndexRollup::Domains),
            &assessment([None, None, None]),
        );
        assert_eq!(s.index, None);
        // "none" (value 0) is a rating, and counts: A = (0 + 3 * 100) / 4 = 75.
        let s = score(
            &framework(IndexRollup::Domains),
            &assessment([Some(0), Some(3), None]),
        );
        assert_eq!(s.domains[0], Some(75.0));
    }

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
    fn overdue_means_open_and_past_due() {
        let today = jiff::civil::date(2026, 6, 1);
        let past = Some(jiff::civil::date(2026, 5, 31));
        assert!(is_overdue(Status::InProgress, past, today));
        assert!(!is_overdue(Status::Done, past, today));
        assert!(!is_overdue(Status::Rejected, past, today));
        assert!(!is_overdue(Status::Approved, Some(today), today));
        assert!(!is_overdue(Status::Approved, None, today));
    }
}
