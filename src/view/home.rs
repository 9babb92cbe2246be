//! The dashboard: the index and its change, peers, actions, the cycle and the profile of the
//! unit that stands for the site, and what to fill in first while the site is still empty.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{AssessmentSummary, FrameworkInfo, ImprovementView, Link};
use super::common::{Figure, figure};
use super::cycle::CycleView;
use super::movers::{Movers, movers};
use super::profile::profile_charts;
use super::{Built, Ctx, PageView};
use crate::plan::paths;
use crate::render::charts::ChartView;
use crate::report::{BenchmarkStats, RegisterStats};

/// The dashboard's view.
#[derive(Serialize, JsonSchema)]
pub struct HomeView<'a> {
    /// The main framework.
    pub framework: FrameworkInfo,
    /// The unit the dashboard shows, linked to the units page when the site has several.
    pub unit: Link,
    /// Its latest assessment.
    pub latest: Option<AssessmentSummary>,
    /// The assessment before it in the same unit.
    pub previous: Option<AssessmentSummary>,
    /// Where we stand among peers, when a benchmark of the framework exists.
    pub peer: Option<PeerTile>,
    /// When no benchmark exists: what to fill in, and where.
    pub no_peer: String,
    /// Register counts.
    pub register: &'a RegisterStats,
    /// The unit's assessment cycle.
    pub cycle: CycleView,
    /// The overdue actions.
    pub overdue: Vec<&'a ImprovementView>,
    /// Each domain's score and change, strongest first.
    pub domains: Vec<DomainRow>,
    /// Strongest, weakest and most moved dimensions.
    pub movers: Movers,
    /// The domain profile and the index trend.
    pub charts: Vec<ChartView>,
    /// What to fill in first, and in which file, while parts of the site are empty.
    pub todo: Vec<String>,
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
    /// When the benchmark cannot place us: why, in words (empty when it can).
    pub unplaced: String,
}

/// One domain on the dashboard.
#[derive(Serialize, JsonSchema)]
pub struct DomainRow {
    /// Domain id.
    pub id: String,
    /// Domain name.
    pub name: String,
    /// Its section on the framework's page, with the history of each of its dimensions.
    pub url: String,
    /// Its score and change.
    pub score: Figure,
    /// The peers' median for it, printed ("no peer data" when the peers give none).
    pub peer_median: String,
}

/// Builds the dashboard.
pub(super) fn home<'a>(ctx: &'a Ctx) -> Built<'a> {
    let site = ctx.site;
    let report = ctx.report;
    let f = site.main_framework;
    let unit = site.main_unit();
    let latest = report.units[unit].latest;
    let previous = latest.and_then(|l| report.previous(l));
    let stats = site.main_benchmark(f).map(|b| &report.benchmarks[b]);
    let charts = profile_charts(ctx, f, unit, latest, previous);
    let (domains, movers) = match latest {
        Some(l) => (domain_rows(ctx, l, stats), movers(ctx, l, previous)),
        None => (Vec::new(), Movers::default()),
    };
    let count = charts.iter().filter(|c| c.empty.is_empty()).count();
    let view = HomeView {
        framework: ctx.framework_info(f),
        unit: ctx.unit_link(unit),
        latest: latest.map(|i| ctx.assessment_summary(i)),
        previous: previous.map(|i| ctx.assessment_summary(i)),
        peer: stats.map(|s| peer_tile(ctx, s)),
        no_peer: no_benchmark(ctx),
        register: &report.register,
        cycle: ctx.cycle_view(unit),
        overdue: ctx.improvement_list(&report.register.overdue),
        domains,
        movers,
        charts,
        todo: todo(ctx, latest),
    };
    Built::plain(PageView::Home(view), count)
}

/// Each domain's score and change, strongest first (domains without a score last).
fn domain_rows(
    ctx: &Ctx,
    latest: crate::site::AssessmentId,
    stats: Option<&BenchmarkStats>,
) -> Vec<DomainRow> {
    let report = ctx.report;
    let fw = &ctx.site.frameworks[ctx.site.assessments[latest].framework];
    let previous = report.previous(latest);
    let none = ctx.t.get("not_rated");
    let no_peer = ctx.t.get("no_peer_data");
    let mut rows: Vec<DomainRow> = fw
        .domains
        .iter_enumerated()
        .map(|(d, dom)| DomainRow {
            id: dom.id.clone(),
            name: dom.name.clone(),
            url: paths::domain(&fw.id, &dom.id),
            score: figure(
                &ctx.t,
                report.scores(latest).domains[d],
                previous.and_then(|p| report.scores(p).domains[d]),
                &none,
            ),
            peer_median: ctx
                .t
                .figure(stats.and_then(|s| s.domains[d].median()), &no_peer),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.score
            .value
            .unwrap_or(f64::MIN)
            .total_cmp(&a.score.value.unwrap_or(f64::MIN))
    });
    rows
}

/// Where the benchmark places us; when it cannot (our index has no value, or no peer has one),
/// the tile says so rather than claiming there is no benchmark.
fn peer_tile(ctx: &Ctx, s: &BenchmarkStats) -> PeerTile {
    let t = &ctx.t;
    let n = s.index.distribution.as_ref().map_or(0, |d| d.n);
    let median = t.figure(s.index.median(), &t.get("no_peer_data"));
    let unplaced = match (s.index.percentile, n) {
        (Some(_), _) => String::new(),
        (None, 0) => t.get("peer_unplaced_no_peers"),
        (None, _) => t.fill(
            "peer_unplaced_no_index",
            &[("n", &n.to_string()), ("median", &median)],
        ),
    };
    PeerTile {
        benchmark_url: paths::BENCHMARK,
        index_percentile: s.index.percentile.map(|p| p.round() as i64),
        index_median: median,
        cost_percentile: s.cost_per_user.percentile.map(|p| p.round() as i64),
        cost_median: s.cost_per_user.median().map(f64::round),
        cost_ours: s.cost_per_user.ours.map(f64::round),
        n,
        small: s.index.distribution.as_ref().is_none_or(|d| d.small),
        unplaced,
    }
}

/// What to add when the site has no benchmark of its main framework.
fn no_benchmark(ctx: &Ctx) -> String {
    let file = ctx.site.files.benchmarks.first().map_or_else(
        || "content/benchmarks/peers.toml".to_owned(),
        |p| Ctx::file_text(p),
    );
    ctx.t.fill(
        "todo_benchmark",
        &[
            ("file", &file),
            (
                "framework",
                &ctx.site.frameworks[ctx.site.main_framework].id,
            ),
        ],
    )
}

/// What to fill in first, in the order a new site is best filled in: the ratings of the latest
/// assessment, peers, the improvement register, the IT QMS, ISO/IEC 20000-1 coverage.
fn todo(ctx: &Ctx, latest: Option<crate::site::AssessmentId>) -> Vec<String> {
    let site = ctx.site;
    let t = &ctx.t;
    let first = |files: &[std::path::PathBuf], default: &str| {
        files
            .first()
            .map_or_else(|| default.to_owned(), |p| Ctx::file_text(p))
    };
    let mut todo = Vec::new();
    match latest {
        None => todo.push(t.get("todo_assessment")),
        Some(l) if ctx.report.scores(l).rated == 0 => {
            let a = &site.assessments[l];
            todo.push(t.fill(
                "todo_ratings",
                &[("assessment", &a.title), ("file", &Ctx::file_text(&a.file))],
            ));
        }
        Some(_) => {}
    }
    if site.main_benchmark(site.main_framework).is_none() {
        todo.push(no_benchmark(ctx));
    }
    if site.improvements.is_empty() {
        let file = first(
            &site.files.improvements,
            "content/improvements/register.toml",
        );
        todo.push(t.fill("todo_improvements", &[("file", &file)]));
    }
    if site.qms.is_empty() {
        let file = first(&site.files.qms, "content/qms/components.toml");
        todo.push(t.fill("todo_qms", &[("file", &file)]));
    }
    if site.coverage.is_empty() {
        let file = first(&site.files.coverage, "content/coverage/iso20000.toml");
        todo.push(t.fill("todo_coverage", &[("file", &file)]));
    }
    todo
}
