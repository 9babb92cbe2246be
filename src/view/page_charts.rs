//! The charts of each page, built from the validated site and its computed report.
//!
//! [`crate::charts`] draws from plain data and knows nothing of the site; this module picks the
//! data and the UI strings for each chart, so that render only places the results.

use schemars::JsonSchema;
use serde::Serialize;

use super::Ctx;
use crate::content::model::Direction;
use crate::content::model::improvement::{Part, Status};
use crate::render::charts::{self, Cells, ChartView};
use crate::report::{CoverageGroup, CoverageState, PeerFigure, SMALL_GROUP};
use crate::site::BenchmarkId;

/// The charts of one benchmark, each in the place the page gives it.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct BenchmarkCharts {
    /// Quality against cost, across the page: its quadrants' and points' names need the room.
    pub plane: Vec<ChartView>,
    /// Where we sit among the peers, domain by domain.
    pub domains: Vec<ChartView>,
    /// Where our cost sits among the peers': per user, then as a share of revenue.
    pub costs: Vec<ChartView>,
}

impl BenchmarkCharts {
    /// Every chart, in page order.
    pub fn all(self) -> Vec<ChartView> {
        [self.plane, self.domains, self.costs].concat()
    }

    /// Every chart, in page order, for drawing.
    pub fn all_mut(&mut self) -> impl Iterator<Item = &mut ChartView> {
        self.plane
            .iter_mut()
            .chain(&mut self.domains)
            .chain(&mut self.costs)
    }
}

impl Ctx<'_> {
    /// The currency of a benchmark's cost figures: that of the assessment our figures come from
    /// (peers report theirs in the same); empty when we have none.
    pub(super) fn benchmark_currency(&self, b: BenchmarkId) -> String {
        self.report.benchmarks[b]
            .our_assessment
            .map(|a| self.site.assessments[a].cost.currency.clone())
            .unwrap_or_default()
    }
}

/// Quality against cost, and where we sit in the peer distribution of each domain and of the
/// two cost figures.
///
/// Long because it picks the data of the benchmark page's charts one after another, in page order.
pub fn benchmark(ctx: &Ctx, b: BenchmarkId) -> BenchmarkCharts {
    let (site, report, t) = (ctx.site, ctx.report, &ctx.t);
    let bench = &site.benchmarks[b];
    let stats = &report.benchmarks[b];
    let fw = &site.frameworks[bench.framework];
    let missing = t.get("not_rated");
    let small = bench.group.len() < SMALL_GROUP;
    let file = super::Ctx::file_text(&bench.origin.file);
    let ids = [
        format!("chart-quality-cost-{}", usize::from(b)),
        format!("chart-peer-domains-{}", usize::from(b)),
        format!("chart-peer-cost-{}", usize::from(b)),
        format!("chart-peer-cost-share-{}", usize::from(b)),
    ];
    if bench.group.is_empty() {
        // One explanation stands for the charts that have nothing to draw.
        let text = t.fill(
            "empty_peers",
            &[("benchmark", &bench.title), ("file", &file)],
        );
        return BenchmarkCharts {
            domains: vec![ChartView::explained(
                &ids[1],
                &t.get("chart_distribution_title"),
                text,
            )],
            ..BenchmarkCharts::default()
        };
    }
    let currency = ctx.benchmark_currency(b);
    let cost_label = if currency.is_empty() {
        t.get("cost_per_user")
    } else {
        t.fill(
            "with_unit",
            &[("label", &t.get("cost_per_user")), ("unit", &currency)],
        )
    };
    let no_cost = stats.cost_per_user.distribution.is_none();
    let cost_text = t.fill("empty_peer_cost", &[("file", &file)]);
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
        cost_label: cost_label.clone(),
        index_label: t.get("index"),
        index_max: fw.scale_max(),
        median_cost: stats.cost_per_user.median(),
        median_index: stats.index.median(),
        peers_label: t.get("peers_label"),
        median_label: t.get("median"),
        quadrants: charts::Quadrants {
            better_cheaper: t.get("quadrant_better_cheaper"),
            better_dearer: t.get("quadrant_better_dearer"),
            worse_cheaper: t.get("quadrant_worse_cheaper"),
            worse_dearer: t.get("quadrant_worse_dearer"),
        },
    };
    let band = |name: String, p: &PeerFigure| charts::PeerBand {
        name,
        q1: p.distribution.as_ref().map(|d| d.q1),
        median: p.median(),
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
        grouped: decimals == 0,
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
    let share = &stats.cost_percent_of_revenue;
    BenchmarkCharts {
        plane: vec![if no_cost {
            ChartView::explained(&ids[0], &t.get("chart_scatter_title"), cost_text.clone())
        } else {
            charts::quality_cost_scatter(
                &ids[0],
                &t.get("chart_scatter_title"),
                &t.get("chart_scatter_caption"),
                &peers,
                Some(&ours),
                &frame,
                Cells::new(t, &missing),
            )
        }],
        domains: vec![charts::peer_distribution(
            &ids[1],
            &t.get("chart_distribution_title"),
            &t.get("chart_distribution_caption"),
            &domains,
            &labels(Some((0.0, fw.scale_max())), 1),
            Cells::new(t, &missing),
        )],
        costs: vec![
            if no_cost {
                ChartView::explained(&ids[2], &t.get("chart_cost_title"), cost_text)
            } else {
                charts::peer_distribution(
                    &ids[2],
                    &t.get("chart_cost_title"),
                    &t.get("chart_cost_caption"),
                    &[band(cost_label, &stats.cost_per_user)],
                    &labels(None, 0),
                    Cells::new(t, &missing),
                )
            },
            if share.distribution.is_none() {
                ChartView::explained(
                    &ids[3],
                    &t.get("chart_cost_share_title"),
                    t.fill("empty_peer_cost_share", &[("file", &file)]),
                )
            } else {
                charts::peer_distribution(
                    &ids[3],
                    &t.get("chart_cost_share_title"),
                    &t.get("chart_cost_caption"),
                    &[band(t.get("cost_percent"), share)],
                    &labels(None, 1),
                    Cells::new(t, &missing),
                )
            },
        ],
    }
}

/// Improvements by status per part of clause 10.2, by direction, and the roadmap of actions.
///
/// Long because it picks the data of the register's charts one after another, in page order.
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
    if site.improvements.is_empty() {
        let file = site.files.improvements.first().map_or_else(
            || "content/improvements/register.toml".to_owned(),
            |p| super::Ctx::file_text(p),
        );
        // One explanation stands for the three charts that have nothing to draw.
        return vec![ChartView::explained(
            "chart-status-by-part",
            &t.get("chart_status_title"),
            t.fill("empty_improvements", &[("file", &file)]),
        )];
    }
    let roadmap = if actions.is_empty() {
        ChartView::explained(
            "chart-roadmap",
            &t.get("chart_roadmap_title"),
            t.get("empty_roadmap"),
        )
    } else {
        charts::roadmap(
            "chart-roadmap",
            &t.get("chart_roadmap_title"),
            &t.get("chart_roadmap_caption"),
            &actions,
            report.today,
            &labels,
        )
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
        roadmap,
    ]
}

/// ISO/IEC 20000-1 coverage by top-level clause, with the sections of clause 8 beneath it,
/// stacked by state.
pub fn coverage(ctx: &Ctx) -> ChartView {
    let (report, t) = (ctx.report, &ctx.t);
    let rows: Vec<&CoverageGroup> = report
        .coverage
        .groups
        .iter()
        .flat_map(|g| std::iter::once(g).chain(&g.sections))
        .collect();
    let bars: Vec<charts::CoverageBar> = rows
        .iter()
        .map(|g| charts::CoverageBar {
            label: match crate::iso::find(g.number) {
                Some(c) => format!("{} {}", g.number, t.clause_title(c)),
                None => format!("{} {}", g.number, g.title),
            },
            section: g.number.contains('.'),
        })
        .collect();
    let levels: Vec<charts::CountSeries> = CoverageState::DISPLAY_ORDER
        .iter()
        .map(|&k| charts::CountSeries {
            name: t.get(&format!("coverage_{}", k.key())),
            counts: rows.iter().map(|g| g.by_level[k] as u32).collect(),
        })
        .collect();
    charts::coverage_by_group(
        "chart-coverage",
        &t.get("chart_coverage_title"),
        &t.get("chart_coverage_caption"),
        &bars,
        &levels,
    )
}

/// Current against target level of every QMS component, with its direction.
pub fn qms(ctx: &Ctx) -> ChartView {
    let (site, t) = (ctx.site, &ctx.t);
    if site.qms.is_empty() {
        let file = site.files.qms.first().map_or_else(
            || "content/qms/components.toml".to_owned(),
            |p| super::Ctx::file_text(p),
        );
        return ChartView::explained(
            "chart-qms",
            &t.get("chart_qms_title"),
            t.fill("empty_qms", &[("file", &file)]),
        );
    }
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
