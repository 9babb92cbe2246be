//! The dashboard: the index and its change, peers, actions, the cycle and the profile.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{AssessmentSummary, CycleView, FrameworkInfo, ImprovementView, fmt1, signed};
use super::common::{Figure, figure, trend_of};
use super::{Built, Ctx, PageView};
use crate::plan::paths;
use crate::render::charts::{self, ChartView, RadarSeries, TrendLine};
use crate::report::{self, RegisterStats};
use crate::site::{AssessmentId, FrameworkId};

/// The dashboard's view.
#[derive(Serialize, JsonSchema)]
pub struct HomeView<'a> {
    /// The main framework.
    pub framework: FrameworkInfo,
    /// Its latest assessment.
    pub latest: Option<AssessmentSummary>,
    /// The assessment before it.
    pub previous: Option<AssessmentSummary>,
    /// Where we stand among peers, when a benchmark of the framework exists.
    pub peer: Option<PeerTile>,
    /// Register counts.
    pub register: &'a RegisterStats,
    /// The assessment cycle.
    pub cycle: CycleView,
    /// The overdue actions.
    pub overdue: Vec<&'a ImprovementView>,
    /// Each domain's score and change, strongest first.
    pub domains: Vec<DomainRow>,
    /// Strongest, weakest and most moved dimensions.
    pub movers: Movers,
    /// The domain radar and the index trend.
    pub charts: Vec<ChartView>,
}

/// The peer tile of the dashboard.
#[derive(Serialize, JsonSchema)]
pub struct PeerTile {
    /// The benchmark page.
    pub benchmark_url: &'static str,
    /// Our percentile rank on the index.
    pub index_percentile: Option<i64>,
    /// The peers' median index, printed.
    pub index_median: String,
    /// Our percentile rank on cost per user.
    pub cost_percentile: Option<i64>,
    /// The peers' median cost per user, rounded.
    pub cost_median: Option<f64>,
    /// Our cost per user, rounded.
    pub cost_ours: Option<f64>,
    /// Peers with an index.
    pub n: usize,
    /// The group is too small to be more than indicative.
    pub small: bool,
}

/// One domain on the dashboard.
#[derive(Serialize, JsonSchema)]
pub struct DomainRow {
    /// Domain id.
    pub id: String,
    /// Domain name.
    pub name: String,
    /// Its score and change.
    pub score: Figure,
    /// The peers' median for it, printed.
    pub peer_median: String,
}

/// Dimensions that stand out.
#[derive(Serialize, JsonSchema, Default)]
pub struct Movers {
    /// Most improved since the previous assessment.
    pub up: Vec<Mover>,
    /// Most declined since the previous assessment.
    pub down: Vec<Mover>,
    /// Highest rated.
    pub strongest: Vec<Mover>,
    /// Lowest rated.
    pub weakest: Vec<Mover>,
}

/// A dimension in a list of movers.
#[derive(Serialize, JsonSchema)]
pub struct Mover {
    /// Dimension id.
    pub id: String,
    /// Dimension name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Its value, printed.
    pub value: String,
    /// Its change, printed with its sign.
    pub delta: String,
    /// "up", "down", "flat" or "none".
    pub trend: &'static str,
}

/// Builds the dashboard.
pub(super) fn home<'a>(ctx: &'a Ctx) -> Built<'a> {
    let site = ctx.site;
    let report = ctx.report;
    let t = &ctx.t;
    let f = site.main_framework;
    let fw = &site.frameworks[f];
    let latest = site.latest_of(f);
    let previous = latest.and_then(|l| report.previous(l));
    let stats = site.main_benchmark(f).map(|b| &report.benchmarks[b]);
    let none = t.get("not_rated");
    let peer = stats.map(|s| PeerTile {
        benchmark_url: paths::BENCHMARK,
        index_percentile: s.index.percentile.map(|p| p.round() as i64),
        index_median: fmt1(s.index.median(), &none),
        cost_percentile: s.cost_per_user.percentile.map(|p| p.round() as i64),
        cost_median: s.cost_per_user.median().map(f64::round),
        cost_ours: s.cost_per_user.ours.map(f64::round),
        n: s.index.distribution.as_ref().map_or(0, |d| d.n),
        small: s.index.distribution.as_ref().is_none_or(|d| d.small),
    });
    let charts = profile_charts(ctx, f, latest, previous);
    let (domains, movers) = match latest {
        Some(l) => {
            let mut rows: Vec<DomainRow> = fw
                .domains
                .iter_enumerated()
                .map(|(d, dom)| DomainRow {
                    id: dom.id.clone(),
                    name: dom.name.clone(),
                    score: figure(
                        report.scores(l).domains[d],
                        previous.and_then(|p| report.scores(p).domains[d]),
                        &none,
                    ),
                    peer_median: fmt1(stats.and_then(|s| s.domains[d].median()), &none),
                })
                .collect();
            // Strongest first; domains without a score last.
            rows.sort_by(|a, b| {
                b.score
                    .value
                    .unwrap_or(f64::MIN)
                    .total_cmp(&a.score.value.unwrap_or(f64::MIN))
            });
            (rows, movers(ctx, l, previous))
        }
        None => (Vec::new(), Movers::default()),
    };
    let count = charts.len();
    let view = HomeView {
        framework: ctx.framework_info(f),
        latest: latest.map(|i| ctx.assessment_summary(i)),
        previous: previous.map(|i| ctx.assessment_summary(i)),
        peer,
        register: &report.register,
        cycle: ctx.cycle_view(),
        overdue: ctx.improvement_list(&report.register.overdue),
        domains,
        movers,
        charts,
    };
    Built::plain(PageView::Home(view), count)
}

/// The dimensions that moved most since the previous assessment, up and down (three each), and
/// the strongest and weakest.
fn movers(ctx: &Ctx, latest: AssessmentId, previous: Option<AssessmentId>) -> Movers {
    let site = ctx.site;
    let fw = &site.frameworks[site.assessments[latest].framework];
    let ranked = |highest| ranked(ctx, latest, highest);
    let Some(p) = previous else {
        return Movers {
            strongest: ranked(true),
            weakest: ranked(false),
            ..Movers::default()
        };
    };
    let now = &ctx.report.scores(latest).dimensions;
    let before = &ctx.report.scores(p).dimensions;
    let mut moved: Vec<(f64, crate::site::DimensionId)> = fw
        .dimensions
        .keys()
        .filter_map(|d| report::delta(now[d], before[d]).map(|x| (x, d)))
        .filter(|(x, _)| *x != 0.0)
        .collect();
    moved.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let view = |&(x, d): &(f64, crate::site::DimensionId)| Mover {
        id: fw.dimensions[d].id.clone(),
        name: fw.dimensions[d].name.clone(),
        url: paths::dimension(&fw.id, &fw.dimensions[d].id),
        value: fmt1(now[d], ""),
        delta: signed(Some(x)),
        trend: trend_of(Some(x)),
    };
    Movers {
        up: moved
            .iter()
            .filter(|m| m.0 > 0.0)
            .take(3)
            .map(view)
            .collect(),
        down: moved
            .iter()
            .rev()
            .filter(|m| m.0 < 0.0)
            .take(3)
            .map(view)
            .collect(),
        strongest: ranked(true),
        weakest: ranked(false),
    }
}

/// The three highest (or lowest) rated dimensions of an assessment.
fn ranked(ctx: &Ctx, assessment: AssessmentId, highest: bool) -> Vec<Mover> {
    let fw = &ctx.site.frameworks[ctx.site.assessments[assessment].framework];
    let values = &ctx.report.scores(assessment).dimensions;
    let mut rated: Vec<(f64, crate::site::DimensionId)> = values
        .iter_enumerated()
        .filter_map(|(d, v)| v.map(|v| (v, d)))
        .collect();
    rated.sort_by(|a, b| {
        if highest {
            b.0.total_cmp(&a.0)
        } else {
            a.0.total_cmp(&b.0)
        }
        .then(a.1.cmp(&b.1))
    });
    rated
        .into_iter()
        .take(3)
        .map(|(v, d)| Mover {
            id: fw.dimensions[d].id.clone(),
            name: fw.dimensions[d].name.clone(),
            url: paths::dimension(&fw.id, &fw.dimensions[d].id),
            value: fmt1(Some(v), ""),
            delta: String::new(),
            trend: "none",
        })
        .collect()
}

/// The profile charts of a framework: the domain radar (latest, previous, peer median) and the
/// index trend.
pub(super) fn profile_charts(
    ctx: &Ctx,
    f: FrameworkId,
    latest: Option<AssessmentId>,
    previous: Option<AssessmentId>,
) -> Vec<ChartView> {
    let site = ctx.site;
    let report = ctx.report;
    let t = &ctx.t;
    let fw = &site.frameworks[f];
    let stats = site.main_benchmark(f).map(|b| &report.benchmarks[b]);
    let mut charts = Vec::new();
    if let Some(l) = latest {
        let domains: Vec<String> = fw.domains.iter().map(|d| d.name.clone()).collect();
        let mut series = vec![RadarSeries {
            name: site.assessments[l].title.clone(),
            values: report.scores(l).domains.iter().copied().collect(),
        }];
        if let Some(p) = previous {
            series.push(RadarSeries {
                name: site.assessments[p].title.clone(),
                values: report.scores(p).domains.iter().copied().collect(),
            });
        }
        if let Some(s) = stats {
            series.push(RadarSeries {
                name: t.get("peer_median"),
                values: s.domains.iter().map(|d| d.median()).collect(),
            });
        }
        charts.push(charts::domain_radar(
            "chart-radar",
            &t.get("chart_radar_title"),
            &t.get("chart_radar_caption"),
            &domains,
            fw.scale_max(),
            &series,
            &t.get("not_rated"),
        ));
    }
    charts.push(trend_chart(ctx, f));
    charts
}

/// The index and every domain across the framework's assessments.
pub(super) fn trend_chart(ctx: &Ctx, f: FrameworkId) -> ChartView {
    let site = ctx.site;
    let fw = &site.frameworks[f];
    let ids: Vec<AssessmentId> = site.assessments_of(f).collect();
    let labels: Vec<String> = ids
        .iter()
        .map(|&i| site.assessments[i].date.year().to_string())
        .collect();
    let mut lines = vec![TrendLine {
        name: ctx.t.get("index"),
        values: ids.iter().map(|&i| ctx.report.scores(i).index).collect(),
        emphasis: true,
    }];
    for (d, dom) in fw.domains.iter_enumerated() {
        lines.push(TrendLine {
            name: dom.name.clone(),
            values: ids
                .iter()
                .map(|&i| ctx.report.scores(i).domains[d])
                .collect(),
            emphasis: false,
        });
    }
    charts::trend(
        "chart-trend",
        &ctx.t.get("chart_trend_title"),
        &ctx.t.get("chart_trend_caption"),
        &labels,
        fw.scale_max(),
        &lines,
        &ctx.t.get("not_rated"),
    )
}
