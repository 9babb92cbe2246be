//! The quality/cost benchmark against peers.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{AssessmentSummary, FrameworkInfo};
use super::{Built, Ctx, PageView};
use crate::render::charts::ChartView;
use crate::render::strings::Strings;
use crate::report::{PeerFigure, SMALL_GROUP};
use crate::site::{BenchmarkId, Peer};

/// The benchmark page.
#[derive(Serialize, JsonSchema)]
pub struct BenchmarkView {
    /// Every benchmark with its statistics.
    pub benchmarks: Vec<BenchmarkSummary>,
    /// The charts of each benchmark, in the same order.
    pub benchmark_charts: Vec<Vec<ChartView>>,
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
    /// IT cost per user.
    pub cost_per_user: PeerFigureText,
    /// IT cost as % of revenue.
    pub cost_percent: PeerFigureText,
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

/// A peer figure, printed.
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
    /// Peers with a value.
    pub n: usize,
    /// Too few peers to be more than indicative.
    pub small: bool,
    /// Our percentile rank, rounded.
    pub percentile: Option<i64>,
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
    /// Its cost per user, printed; empty when it has none.
    pub cost_per_user: String,
}

/// Builds the benchmark page.
pub(super) fn benchmark<'a>(ctx: &'a Ctx) -> Built<'a> {
    let charts: Vec<Vec<ChartView>> = ctx
        .site
        .benchmarks
        .keys()
        .map(|b| super::page_charts::benchmark(ctx, b))
        .collect();
    let count = charts
        .iter()
        .flatten()
        .filter(|c| c.empty.is_empty())
        .count();
    let view = BenchmarkView {
        benchmarks: benchmark_list(ctx),
        benchmark_charts: charts,
    };
    Built::plain(PageView::Benchmark(view), count)
}

/// A peer figure printed with `digits` decimals.
fn figure_text(t: &Strings, p: &PeerFigure, digits: usize, none: &str) -> PeerFigureText {
    let f = |v: Option<f64>| v.map_or_else(|| none.to_owned(), |v| t.formats().number(v, digits));
    let d = p.distribution.as_ref();
    PeerFigureText {
        ours: f(p.ours),
        median: f(d.map(|d| d.median)),
        q1: f(d.map(|d| d.q1)),
        q3: f(d.map(|d| d.q3)),
        min: f(d.map(|d| d.min)),
        max: f(d.map(|d| d.max)),
        n: d.map_or(0, |d| d.n),
        small: d.is_none_or(|d| d.small),
        percentile: p.percentile.map(|x| x.round() as i64),
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
    let mut rows = vec![FigureRow {
        label: ctx.t.get("index"),
        figure: figure_text(&ctx.t, &s.index, 1, none),
    }];
    rows.extend(fw.domains.iter_enumerated().map(|(d, dom)| FigureRow {
        label: dom.name.clone(),
        figure: figure_text(&ctx.t, &s.domains[d], 1, none),
    }));
    BenchmarkSummary {
        id: b.id.clone(),
        title: b.title.clone(),
        source: b.source.clone(),
        group: b.group_text(|y| ctx.t.since_year(y)),
        framework: ctx.framework_info(b.framework),
        ours: s.our_assessment.map(|i| ctx.assessment_summary(i)),
        rows,
        cost_per_user: figure_text(&ctx.t, &s.cost_per_user, 0, none),
        cost_percent: figure_text(&ctx.t, &s.cost_percent_of_revenue, 1, none),
        n: b.group.len(),
        small: b.group.len() < SMALL_GROUP,
        peers: b
            .peers
            .iter_enumerated()
            .map(|(n, p)| PeerRow {
                peer: p.clone(),
                in_group: b.group.contains(&n),
                index: ctx.t.figure(Some(p.index), none),
                cost_per_user: p
                    .cost_per_user
                    .map(|v| ctx.t.formats().as_given(v))
                    .unwrap_or_default(),
            })
            .collect(),
    }
}
