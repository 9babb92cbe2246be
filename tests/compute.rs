//! The computed report of the minimal fixture, checked against numbers worked out by hand.
//!
//! Framework "mini": scale low 0 / mid 40 / high 100; domain A (weight 1) holds A.1 (weight 1) and
//! A.2 (weight 3); domain B (weight 3) holds B.1. Assessment "one" (2022-05-01): A.1 low, A.2 mid,
//! B.1 not rated. Assessment "two" (2024-05-01): A.1 mid, A.2 high, B.1 mid. A second unit, the
//! finance department: "fin-2022" (2022-06-01): A.1 mid, A.2 high, B.1 high; "fin-2024"
//! (2024-04-30, a day before "two"): A.1 mid, A.2 mid, B.1 low. Improvement I-2 (direction
//! "lower", done, raised 2024-03-01) works through QMS component Q2, which serves A.2.

mod common;

use jiff::civil::date;
use qmsite::content::model::Direction;
use qmsite::content::model::improvement::{Part, Status};
use qmsite::diagnostics::Diagnostics;
use qmsite::report::CoverageState;
use qmsite::report::{self, Report};
use qmsite::site::{AssessmentId, Site};

fn report() -> (Site, Report) {
    report_of(&common::repo().join("tests/fixtures/minimal"))
}

fn report_of(site_dir: &std::path::Path) -> (Site, Report) {
    let mut diags = Diagnostics::new();
    let raw = qmsite::content::load_site(site_dir, &mut diags).expect("loads");
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
    // 45 counted clauses, two with a level.
    assert_eq!(r.coverage.totals[CoverageState::NotAssessed], 43);
    assert_eq!(r.coverage.totals.values().sum::<usize>(), 45);
    // 8.6.1 conforming makes 8.6 partly assessed (8.6.2 and 8.6.3 have no entry), and clause 8
    // is counted in its sections too: 8.6 holds the one conforming clause.
    let s86 = r.coverage.state("8.6").expect("8.6");
    assert_eq!(s86.state, CoverageState::PartlyAssessed);
    let sections = &group("8").sections;
    assert_eq!(sections.len(), 7);
    assert_eq!(
        sections.iter().map(|s| s.total).sum::<usize>(),
        group("8").total
    );
    let s = sections.iter().find(|s| s.number == "8.6").expect("8.6");
    assert_eq!(s.by_level[CoverageState::Conforming], 1);
    // Last assessment of the main framework 2024-05-01, cadence 2 years → due 2026-05-01,
    // which is 546 days after the build date 2024-11-01.
    assert_eq!(r.cycle.last_assessment, Some(date(2024, 5, 1)));
    assert_eq!(r.cycle.next_due, Some(date(2026, 5, 1)));
    assert_eq!(r.cycle.days_to_next, Some(546));
    assert_eq!(r.cycle.step, 5, "an action is in progress");
}

#[test]
fn previous_changes_and_cycles_stay_within_one_unit() {
    let (site, r) = report();
    let id = |name| index_of(&site, name);
    // fin-2024 is a day older than "two", yet never its previous: units do not mix.
    assert_eq!(r.previous(id("two")), Some(id("one")));
    assert_eq!(r.previous(id("fin-2024")), Some(id("fin-2022")));
    assert_eq!(
        r.previous(id("fin-2022")),
        None,
        "a unit's first is its baseline"
    );
    // fin-2022: A = (40 + 300) / 4 = 85, B = 100, index = (85 + 300) / 4 = 96.25.
    // fin-2024: A = 40, B = 0, index = 10: a change of −86.25 within the unit.
    assert_eq!(r.scores(id("fin-2022")).index, Some(96.25));
    assert_eq!(r.scores(id("fin-2024")).index, Some(10.0));
    // Each unit has its own cycle; the dashboard's is the organisation's.
    let finance = site
        .units
        .position(|u| u.id.as_deref() == Some("finance"))
        .expect("unit");
    assert_eq!(site.main_unit(), qmsite::site::UnitId::ORGANISATION);
    assert_eq!(r.units[finance].latest, Some(id("fin-2024")));
    assert_eq!(r.units[finance].cycle.next_due, Some(date(2026, 4, 30)));
    assert_eq!(r.cycle.next_due, Some(date(2026, 5, 1)));
    // Peers place the unit the dashboard shows: "two", 51.25.
    let b = &r.benchmarks[qmsite::site::BenchmarkId::from(0)];
    assert_eq!(b.our_assessment, Some(id("two")));
}

#[test]
fn a_fall_is_deliberate_only_when_a_decided_lowering_raised_before_it_explains_it() {
    let (site, r) = report();
    let fin = index_of(&site, "fin-2024");
    let dim = |d: &str| site.frameworks[site.assessments[fin].framework].dimension_by_id[d];
    let ids = |list: &[qmsite::site::ImprovementId]| -> Vec<String> {
        list.iter()
            .map(|&i| site.improvements[i].id.clone())
            .collect()
    };
    // A.2 fell 100 → 40: I-2 lowers QMS component Q2, which serves A.2.
    assert_eq!(ids(r.deliberate(fin, dim("A.2"))), ["I-2"]);
    // B.1 fell 100 → 0 with no decision to lower it; A.1 did not fall.
    assert!(r.deliberate(fin, dim("B.1")).is_empty());
    assert!(r.deliberate(fin, dim("A.1")).is_empty());
    // A rise is never deliberate, even where a lowering touches the dimension.
    let two = index_of(&site, "two");
    assert!(r.deliberate(two, dim("A.2")).is_empty());

    // Raised after the assessment, or only proposed, the lowering explains nothing.
    for (from, to) in [
        ("raised = 2024-03-01", "raised = 2024-05-01"),
        ("status = \"done\"", "status = \"proposed\""),
    ] {
        let copy = common::fixture("minimal");
        common::edit(copy.path(), "content/improvements/register.toml", from, to);
        let (site, r) = report_of(copy.path());
        let fin = index_of(&site, "fin-2024");
        assert!(r.deliberate(fin, dim("A.2")).is_empty(), "{to}");
    }
    // Named directly in the improvement's dimensions, it explains the fall too.
    let copy = common::fixture("minimal");
    common::edit(
        copy.path(),
        "content/qms/qms.toml",
        "dimensions = [\"A.2\"]",
        "dimensions = []",
    );
    common::edit(
        copy.path(),
        "content/improvements/register.toml",
        "qms = [\"Q2\"]",
        "qms = [\"Q2\"]\ndimensions = [\"A.2\"]",
    );
    let (site, r) = report_of(copy.path());
    let fin = index_of(&site, "fin-2024");
    assert_eq!(ids(r.deliberate(fin, dim("A.2"))), ["I-2"]);
}
