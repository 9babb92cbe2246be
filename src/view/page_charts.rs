//! The charts of each page, built from the validated site and its computed report.
//!
//! [`crate::charts`] draws from plain data and knows nothing of the site; this module picks the
//! data and the UI strings for each chart, so that render only places the results.

use super::Ctx;
use crate::content::model::Direction;
use crate::content::model::improvement::{Part, Status};
use crate::render::charts::{self, ChartView};
use crate::report::{CoverageState, PeerFigure, SMALL_GROUP};
use crate::site::{AssessmentId, BenchmarkId, FrameworkId};

/// Dimensions as bars grouped by domain (latest, with the previous as a marker) and the heat map
/// of every dimension across assessments, for one framework.
pub fn framework(ctx: &Ctx, f: FrameworkId) -> Vec<ChartView> {
    let (site, report, t) = (ctx.site, ctx.report, &ctx.t);
    let fw = &site.frameworks[f];
    let idx: Vec<AssessmentId> = site.assessments_of(f).collect();
    let mut out = Vec::new();
    let none = t.get("not_rated");
    if let Some(&latest) = idx.last() {
        let previous = report.previous(latest);
        let groups: Vec<charts::DimensionGroup> = fw
            .domains
            .iter()
            .map(|dom| charts::DimensionGroup {
                name: dom.name.clone(),
                dimensions: dom
                    .dimensions
                    .iter()
                    .map(|&d| charts::DimensionBar {
                        id: fw.dimensions[d].id.clone(),
                        name: fw.dimensions[d].name.clone(),
                        value: report.scores(latest).dimensions[d],
                        previous: previous.and_then(|p| report.scores(p).dimensions[d]),
                    })
                    .collect(),
            })
            .collect();
        let labels = charts::DimensionBarLabels {
            domain: t.get("domain"),
            dimension: t.get("dimension"),
            latest: site.assessments[latest].title.clone(),
            previous: previous.map(|p| site.assessments[p].title.clone()),
        };
        out.push(charts::dimension_bars(
            "chart-dimensions",
            &t.get("chart_bars_title"),
            &t.get("chart_bars_caption"),
            &groups,
            fw.scale_max(),
            &labels,
            &none,
        ));
    }
    if !idx.is_empty() {
        let columns: Vec<String> = idx
            .iter()
            .map(|&i| site.assessments[i].date.year().to_string())
            .collect();
        let rows: Vec<charts::HeatmapRow> = fw
            .dimensions
            .iter_enumerated()
            .map(|(d, dim)| charts::HeatmapRow {
                id: dim.id.clone(),
                name: dim.name.clone(),
                values: idx
                    .iter()
                    .map(|&i| report.scores(i).dimensions[d])
                    .collect(),
            })
            .collect();
        out.push(charts::heatmap(
            "chart-heatmap",
            &t.get("chart_heatmap_title"),
            &t.get("chart_heatmap_caption"),
            &columns,
            &rows,
            fw.scale_max(),
            &none,
        ));
    }
    out
}

/// Quality against cost, and where we sit in the peer distribution of each domain and of cost.
pub fn benchmark(ctx: &Ctx, b: BenchmarkId) -> Vec<ChartView> {
    let (site, report, t) = (ctx.site, ctx.report, &ctx.t);
    let bench = &site.benchmarks[b];
    let stats = &report.benchmarks[b];
    let fw = &site.frameworks[bench.framework];
    let missing = t.get("not_rated");
    let small = bench.group.len() < SMALL_GROUP;
    let peers: Vec<charts::CostQualityPoint> = bench
        .group
        .iter()
        .map(|&i| charts::CostQualityPoint {
            name: bench.peers[i].id.clone(),
            cost: bench.peers[i].cost_per_user,
            index: Some(bench.peers[i].index),
        })
        .collect();
    let ours = charts::CostQualityPoint {
        name: site.config.organisation.clone(),
        cost: stats.cost_per_user.ours,
        index: stats.index.ours,
    };
    let frame = charts::QualityCostFrame {
        cost_label: t.get("cost_per_user"),
        index_label: t.get("index"),
        index_max: fw.scale_max(),
        median_cost: stats.cost_per_user.distribution.as_ref().map(|d| d.median),
        median_index: stats.index.distribution.as_ref().map(|d| d.median),
        peers_label: t.get("peers_label"),
        median_label: t.get("median"),
    };
    let band = |name: String, p: &PeerFigure| charts::PeerBand {
        name,
        q1: p.distribution.as_ref().map(|d| d.q1),
        median: p.distribution.as_ref().map(|d| d.median),
        q3: p.distribution.as_ref().map(|d| d.q3),
        ours: p.ours,
    };
    let labels = |range: Option<(f64, f64)>, decimals: usize| charts::PeerDistributionLabels {
        figure: t.get("figure"),
        band: t.get("quartile_band"),
        q1: t.get("quartile_1"),
        q3: t.get("quartile_3"),
        median: t.get("peer_median"),
        ours: t.get("ours"),
        range,
        decimals,
        small_group: small,
        small_group_note: t.get("small_group"),
    };
    let mut domains = vec![band(t.get("index"), &stats.index)];
    domains.extend(
        fw.domains
            .iter()
            .zip(stats.domains.iter())
            .map(|(d, p)| band(d.name.clone(), p)),
    );
    vec![
        charts::quality_cost_scatter(
            &format!("chart-quality-cost-{}", usize::from(b)),
            &t.get("chart_scatter_title"),
            &t.get("chart_scatter_caption"),
            &peers,
            Some(&ours),
            &frame,
            &missing,
        ),
        charts::peer_distribution(
            &format!("chart-peer-domains-{}", usize::from(b)),
            &t.get("chart_distribution_title"),
            &t.get("chart_distribution_caption"),
            &domains,
            &labels(Some((0.0, fw.scale_max())), 1),
            &missing,
        ),
        charts::peer_distribution(
            &format!("chart-peer-cost-{}", usize::from(b)),
            &t.get("chart_cost_title"),
            &t.get("chart_cost_caption"),
            &[band(t.get("cost_per_user"), &stats.cost_per_user)],
            &labels(None, 0),
            &missing,
        ),
    ]
}

/// Improvements by status per part of clause 10.2, by direction, and the roadmap of actions.
pub fn improvements(ctx: &Ctx) -> Vec<ChartView> {
    let (site, report, t) = (ctx.site, ctx.report, &ctx.t);
    let reg = &report.register;
    let parts: Vec<String> = Part::ALL
        .iter()
        .map(|p| t.get(&format!("part_{}", p.key())))
        .collect();
    let statuses: Vec<charts::CountSeries> = Status::ALL
        .iter()
        .map(|s| charts::CountSeries {
            name: t.get(&format!("status_{}", s.key())),
            counts: Part::ALL
                .iter()
                .map(|&p| reg.part_status[p][*s] as u32)
                .collect(),
        })
        .collect();
    let directions: Vec<charts::CategoryCount> = Direction::ALL
        .iter()
        .map(|d| charts::CategoryCount {
            name: t.get(&format!("direction_{}", d.key())),
            count: reg.by_direction[*d] as u32,
        })
        .collect();
    let actions: Vec<charts::RoadmapAction> = site
        .improvements
        .iter()
        .filter(|i| i.status.is_open())
        .map(|i| charts::RoadmapAction {
            id: i.id.clone(),
            title: i.title.clone(),
            raised: i.raised,
            due: i.due,
            status: t.get(&format!("status_{}", i.status.key())),
            overdue: i.is_overdue(report.today),
        })
        .collect();
    let labels = charts::RoadmapLabels {
        action: t.get("id"),
        raised: t.get("raised"),
        due: t.get("due"),
        status: t.get("status"),
        on_schedule: t.get("on_schedule"),
        overdue: t.get("overdue"),
        today: t.get("today"),
        no_due_date: t.get("no_due_date"),
    };
    vec![
        charts::status_by_part(
            "chart-status-by-part",
            &t.get("chart_status_title"),
            &t.get("chart_status_caption"),
            &parts,
            &statuses,
        ),
        charts::direction_split(
            "chart-direction",
            &t.get("chart_direction_title"),
            &t.get("chart_direction_caption"),
            &directions,
            &t.get("count"),
        ),
        charts::roadmap(
            "chart-roadmap",
            &t.get("chart_roadmap_title"),
            &t.get("chart_roadmap_caption"),
            &actions,
            report.today,
            &labels,
        ),
    ]
}

/// ISO/IEC 20000-1 coverage by clause group, stacked by level.
pub fn coverage(ctx: &Ctx) -> ChartView {
    let (report, t) = (ctx.report, &ctx.t);
    let groups: Vec<String> = report
        .coverage
        .groups
        .iter()
        .map(|g| format!("{} {}", g.number, g.title))
        .collect();
    let levels: Vec<charts::CountSeries> = CoverageState::DISPLAY_ORDER
        .iter()
        .map(|&k| charts::CountSeries {
            name: t.get(&format!("coverage_{}", k.key())),
            counts: report
                .coverage
                .groups
                .iter()
                .map(|g| g.by_level[k] as u32)
                .collect(),
        })
        .collect();
    charts::coverage_by_group(
        "chart-coverage",
        &t.get("chart_coverage_title"),
        &t.get("chart_coverage_caption"),
        &groups,
        &levels,
    )
}

/// Current against target level of every QMS component, with its direction.
pub fn qms(ctx: &Ctx) -> ChartView {
    let (site, t) = (ctx.site, &ctx.t);
    let components: Vec<charts::QmsLevel> = site
        .qms
        .iter()
        .map(|q| charts::QmsLevel {
            id: q.id.clone(),
            name: q.name.clone(),
            current: Some(q.current_level),
            target: Some(q.target_level),
            change: match q.direction {
                Direction::Raise => charts::LevelChange::Raise,
                Direction::Keep => charts::LevelChange::Keep,
                Direction::Lower => charts::LevelChange::Lower,
            },
        })
        .collect();
    let labels = charts::QmsLevelLabels {
        component: t.get("component"),
        current: t.get("current_level"),
        target: t.get("target_level"),
        direction: t.get("direction"),
        raise: t.get("direction_raise"),
        keep: t.get("direction_keep"),
        lower: t.get("direction_lower"),
    };
    charts::qms_levels(
        "chart-qms",
        &t.get("chart_qms_title"),
        &t.get("chart_qms_caption"),
        &components,
        &labels,
        &t.get("not_rated"),
    )
}
