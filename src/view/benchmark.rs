//! The quality/cost benchmark against peers.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{AssessmentSummary, FrameworkInfo};
use super::page_charts::BenchmarkCharts;
use super::{Built, Ctx, PageView};
use crate::render::strings::Strings;
use crate::report::{PeerFigure, SMALL_GROUP};
use crate::site::{BenchmarkId, Peer};

/// The benchmark page.
#[derive(Serialize, JsonSchema)]
pub struct BenchmarkView {
    /// Every benchmark with its statistics.
    pub benchmarks: Vec<BenchmarkSummary>,
    /// The charts of each benchmark, in the same order.
    pub benchmark_charts: Vec<BenchmarkCharts>,
}

/// A benchmark with its statistics, printed.
#[derive(Serialize, JsonSchema)]
pub struct BenchmarkSummary {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Where the data comes from.
    pub source: String,
    /// The comparison group in words.
    pub group: String,
    /// The framework the peers' scores use.
    pub framework: FrameworkInfo,
    /// The assessment our values come from.
    pub ours: Option<AssessmentSummary>,
    /// The index and each domain.
    pub rows: Vec<FigureRow>,
    /// IT cost per user, in the currency of our assessment.
    pub cost_per_user: PeerFigureText,
    /// IT cost as % of revenue.
    pub cost_percent: PeerFigureText,
    /// The currency of the cost figures (our assessment's); empty when not known.
    pub currency: String,
    /// Peers in the comparison group.
    pub n: usize,
    /// The group is too small to be more than indicative.
    pub small: bool,
    /// Every peer of the file.
    pub peers: Vec<PeerRow>,
}

/// A labelled figure of the benchmark table.
#[derive(Serialize, JsonSchema)]
pub struct FigureRow {
    /// What the row shows.
    pub label: String,
    /// The figure.
    pub figure: PeerFigureText,
}

/// A peer figure, printed: every value of one figure with the same decimals and unit, so that
/// a column of them lines up.
#[derive(Serialize, JsonSchema)]
pub struct PeerFigureText {
    /// Our value.
    pub ours: String,
    /// The group's median.
    pub median: String,
    /// First quartile.
    pub q1: String,
    /// Third quartile.
    pub q3: String,
    /// Smallest value.
    pub min: String,
    /// Largest value.
    pub max: String,
    /// First to third quartile, the unit written once (`EUR 4,950 – 6,250`).
    pub quartiles: String,
    /// Smallest to largest value, the unit written once.
    pub range: String,
    /// Peers with a value.
    pub n: usize,
    /// Too few peers to be more than indicative.
    pub small: bool,
    /// Our percentile rank, rounded.
    pub percentile: Option<i64>,
    /// The percentile rank as the table writes it (`P52`); empty without one.
    pub percentile_text: String,
}

/// One peer in the list of all peers.
#[derive(Serialize, JsonSchema)]
pub struct PeerRow {
    /// The peer.
    pub peer: Peer,
    /// Whether it is in the comparison group.
    pub in_group: bool,
    /// Its index, printed.
    pub index: String,
    /// Its cost per user, printed with the currency; empty when it has none.
    pub cost_per_user: String,
    /// Its cost as % of revenue, printed; empty when it has none.
    pub cost_percent: String,
}

/// Builds the benchmark page.
pub(super) fn benchmark<'a>(ctx: &'a Ctx) -> Built<'a> {
    let charts: Vec<BenchmarkCharts> = ctx
        .site
        .benchmarks
        .keys()
        .map(|b| super::page_charts::benchmark(ctx, b))
        .collect();
    let count = charts
        .iter()
        .flat_map(|c| c.plane.iter().chain(&c.domains).chain(&c.costs))
        .filter(|c| c.empty.is_empty())
        .count();
    let view = BenchmarkView {
        benchmarks: benchmark_list(ctx),
        benchmark_charts: charts,
    };
    Built::plain(PageView::Benchmark(view), count)
}

/// How the figures of a row are written.
#[derive(Clone, Copy)]
enum Unit<'a> {
    /// A score with one decimal.
    Score,
    /// Money in a currency (possibly unknown, then empty), without decimals.
    Money(&'a str),
    /// A percentage with one decimal.
    Percent,
}

impl Unit<'_> {
    /// One value.
    fn one(self, t: &Strings, v: f64) -> String {
        match self {
            Unit::Score => t.formats().one_decimal(v),
            Unit::Money(currency) => t.money(v, 0, currency),
            Unit::Percent => t.percent(v, 1),
        }
    }

    /// A span of two values, the unit written once.
    fn span(self, t: &Strings, low: f64, high: f64) -> String {
        match self {
            Unit::Score => {
                let f = t.formats();
                format!("{} – {}", f.one_decimal(low), f.one_decimal(high))
            }
            Unit::Money(currency) => t.money_range(low, high, 0, currency),
            Unit::Percent => t.percent_range(low, high, 1),
        }
    }
}

/// A peer figure printed in its unit.
fn figure_text(t: &Strings, p: &PeerFigure, unit: Unit, none: &str) -> PeerFigureText {
    let f = |v: Option<f64>| v.map_or_else(|| none.to_owned(), |v| unit.one(t, v));
    let d = p.distribution.as_ref();
    let span = |range: Option<(f64, f64)>| {
        range.map_or_else(|| none.to_owned(), |(lo, hi)| unit.span(t, lo, hi))
    };
    let percentile = p.percentile.map(|x| x.round() as i64);
    PeerFigureText {
        ours: f(p.ours),
        median: f(d.map(|d| d.median)),
        q1: f(d.map(|d| d.q1)),
        q3: f(d.map(|d| d.q3)),
        min: f(d.map(|d| d.min)),
        max: f(d.map(|d| d.max)),
        quartiles: span(d.map(|d| (d.q1, d.q3))),
        range: span(d.map(|d| (d.min, d.max))),
        n: d.map_or(0, |d| d.n),
        small: d.is_none_or(|d| d.small),
        percentile,
        percentile_text: percentile.map(|p| format!("P{p}")).unwrap_or_default(),
    }
}

/// Every benchmark with its statistics, printed.
pub(super) fn benchmark_list(ctx: &Ctx) -> Vec<BenchmarkSummary> {
    let none = ctx.t.get("not_rated");
    ctx.site
        .benchmarks
        .iter_enumerated()
        .map(|(id, b)| summary(ctx, id, b, &none))
        .collect()
}

fn summary(ctx: &Ctx, id: BenchmarkId, b: &crate::site::Benchmark, none: &str) -> BenchmarkSummary {
    let s = &ctx.report.benchmarks[id];
    let fw = &ctx.site.frameworks[b.framework];
    let t = &ctx.t;
    let currency = ctx.benchmark_currency(id);
    let money = Unit::Money(&currency);
    let mut rows = vec![FigureRow {
        label: t.get("index"),
        figure: figure_text(t, &s.index, Unit::Score, none),
    }];
    rows.extend(fw.domains.iter_enumerated().map(|(d, dom)| FigureRow {
        label: dom.name.clone(),
        figure: figure_text(t, &s.domains[d], Unit::Score, none),
    }));
    BenchmarkSummary {
        id: b.id.clone(),
        title: b.title.clone(),
        source: b.source.clone(),
        group: b.group_text(|y| ctx.t.since_year(y)),
        framework: ctx.framework_info(b.framework),
        ours: s.our_assessment.map(|i| ctx.assessment_summary(i)),
        rows,
        cost_per_user: figure_text(t, &s.cost_per_user, money, none),
        cost_percent: figure_text(t, &s.cost_percent_of_revenue, Unit::Percent, none),
        n: b.group.len(),
        small: b.group.len() < SMALL_GROUP,
        peers: b
            .peers
            .iter_enumerated()
            .map(|(n, p)| PeerRow {
                peer: p.clone(),
                in_group: b.group.contains(&n),
                index: t.figure(Some(p.index), none),
                cost_per_user: p.cost_per_user.map(|v| money.one(t, v)).unwrap_or_default(),
                cost_percent: p
                    .cost_percent_of_revenue
                    .map(|v| Unit::Percent.one(t, v))
                    .unwrap_or_default(),
            })
            .collect(),
        currency,
    }
}
