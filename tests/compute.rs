//! The computed report of the minimal fixture, checked against numbers worked out by hand.
//!
//! Framework "mini": scale low 0 / mid 40 / high 100; domain A (weight 1) holds A.1 (weight 1) and
//! A.2 (weight 3); domain B (weight 3) holds B.1. Assessment "one" (2022-05-01): A.1 low, A.2 mid,
//! B.1 not rated. Assessment "two" (2024-05-01): A.1 mid, A.2 high, B.1 mid.

mod common;

use jiff::civil::date;
use qmsite::content::model::Direction;
use qmsite::content::model::improvement::{Part, Status};
use qmsite::diagnostics::Diagnostics;
use qmsite::report::CoverageState;
use qmsite::report::{self, Report};
use qmsite::site::{AssessmentId, Site};

fn report() -> (Site, Report) {
    let site_dir = common::repo().join("tests/fixtures/minimal");
    let mut diags = Diagnostics::new();
    let raw = qmsite::content::load_site(&site_dir, &mut diags).expect("loads");
    let today = date(2024, 11, 1);
    let site = qmsite::validate::validate(&raw, today, &mut diags).expect("valid");
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    let report = report::compute(&site, today);
    (site, report)
}

fn index_of(site: &Site, id: &str) -> AssessmentId {
    site.assessments
        .position(|a| a.id == id)
        .expect("assessment")
}

fn values<K>(v: &typed_index_collections::TiVec<K, Option<f64>>) -> Vec<Option<f64>> {
    v.iter().copied().collect()
}

#[test]
fn scores_and_changes() {
    let (site, r) = report();
    let (one, two) = (index_of(&site, "one"), index_of(&site, "two"));
    // one: A = (0·1 + 40·3) / 4 = 30; B not rated; index = A alone = 30.
    assert_eq!(values(&r.scores(one).domains), vec![Some(30.0), None]);
    assert_eq!(r.scores(one).index, Some(30.0));
    assert_eq!(r.scores(one).rated, 2);
    // two: A = (40 + 300) / 4 = 85; B = 40; index = (85·1 + 40·3) / 4 = 51.25.
    assert_eq!(values(&r.scores(two).domains), vec![Some(85.0), Some(40.0)]);
    assert_eq!(r.scores(two).index, Some(51.25));
    assert_eq!(r.previous(two), Some(one));
    assert_eq!(
        report::delta(r.scores(two).index, r.scores(one).index),
        Some(21.25)
    );
    // The second framework rolls up over dimensions: (100 + 0) / 2 = 50.
    let inno = index_of(&site, "inno-2024");
    assert_eq!(r.scores(inno).index, Some(50.0));
    assert_eq!(r.previous(inno), None, "previous is per framework");
}

#[test]
fn peer_statistics() {
    let (_, r) = report();
    let b = &r.benchmarks[qmsite::site::BenchmarkId::from(0)];
    // Peers' index: 20, 40, 60, 80. Ours 51.25: two below → 50th percentile.
    let d = b.index.distribution.as_ref().expect("distribution");
    assert_eq!(
        (d.n, d.min, d.q1, d.median, d.q3, d.max, d.small),
        (4, 20.0, 35.0, 50.0, 65.0, 80.0, true)
    );
    assert_eq!(b.index.percentile, Some(50.0));
    // Cost per user: peers 4000…7000, ours 5000 ties one peer: (1 + 0.5) / 4 = 37.5.
    assert_eq!(b.cost_per_user.percentile, Some(37.5));
    assert_eq!(
        b.cost_per_user.distribution.as_ref().map(|d| d.median),
        Some(5500.0)
    );
    // Domain B: peers 20, 40, 60, 80; ours 40 ties one: (1 + 0.5) / 4 = 37.5.
    assert_eq!(
        b.domains[qmsite::site::DomainId::from(1)].percentile,
        Some(37.5)
    );
    // No cost as % of revenue anywhere: no statistics, no rank.
    assert!(b.cost_percent_of_revenue.distribution.is_none());
    assert_eq!(b.cost_percent_of_revenue.percentile, None);
}

#[test]
fn register_counts_and_overdue_actions() {
    let (site, r) = report();
    let reg = &r.register;
    assert_eq!(reg.total, 3);
    assert_eq!(reg.open, 2);
    assert_eq!(
        (
            reg.by_part[Part::A],
            reg.by_part[Part::B],
            reg.by_part[Part::C]
        ),
        (1, 1, 1)
    );
    assert_eq!(
        (
            reg.by_direction[Direction::Raise],
            reg.by_direction[Direction::Keep],
            reg.by_direction[Direction::Lower]
        ),
        (1, 1, 1)
    );
    assert_eq!(
        (
            reg.by_status[Status::InProgress],
            reg.by_status[Status::Done],
            reg.by_status[Status::Proposed]
        ),
        (1, 1, 1)
    );
    assert_eq!(reg.part_status[Part::A][Status::InProgress], 1);
    // I-1 is in progress and was due 2024-09-30; I-2 is done; I-3 has no due date.
    let overdue: Vec<&str> = reg
        .overdue
        .iter()
        .map(|i| site.improvements[*i].id.as_str())
        .collect();
    assert_eq!(overdue, vec!["I-1"]);
}

#[test]
fn coverage_by_group_and_cycle() {
    let (_, r) = report();
    let group = |n: &str| {
        r.coverage
            .groups
            .iter()
            .find(|g| g.number == n)
            .expect("group")
    };
    // Clause 10 has 10.1 (no entry) and 10.2 (initial).
    assert_eq!(group("10").total, 2);
    assert_eq!(group("10").by_level[CoverageState::Initial], 1);
    assert_eq!(group("10").by_level[CoverageState::NotAssessed], 1);
    assert_eq!(group("8").by_level[CoverageState::Conforming], 1);
    assert_eq!(
        r.coverage.totals[CoverageState::Conforming] + r.coverage.totals[CoverageState::Initial],
        2
    );
    assert_eq!(r.coverage.totals[CoverageState::NotAssessed], 42);
    // Last assessment of the main framework 2024-05-01, cadence 2 years → due 2026-05-01,
    // which is 546 days after the build date 2024-11-01.
    assert_eq!(r.cycle.last_assessment, Some(date(2024, 5, 1)));
    assert_eq!(r.cycle.next_due, Some(date(2026, 5, 1)));
    assert_eq!(r.cycle.days_to_next, Some(546));
    assert_eq!(r.cycle.step, 5, "an action is in progress");
}
