//! The profile charts of one unit in one framework: the domain profile, the index over time,
//! every dimension as a bar and the heat map of dimensions across assessments. Each stays within
//! the unit, and each says what to fill in (and where) when it has nothing to draw.

use super::Ctx;
use crate::render::charts::{
    self, Cells, ChartView, ProfileTexts, RadarSeries, TrendLine, colours,
};
use crate::site::{AssessmentId, FrameworkId, UnitId};

/// What to fill in when `a` has nothing to draw: its ratings, or, when it has some, weights
/// that let them count.
fn nothing_rated(ctx: &Ctx, a: AssessmentId) -> String {
    let assessment = &ctx.site.assessments[a];
    let key = if ctx.report.scores(a).rated == 0 {
        "empty_ratings"
    } else {
        "empty_weights"
    };
    ctx.t.fill(
        key,
        &[
            ("assessment", &assessment.title),
            ("file", &Ctx::file_text(&assessment.file)),
        ],
    )
}

/// When none of a unit's assessments of a framework has a rated dimension: what to fill in,
/// said once for every chart of the unit that would have nothing to draw.
pub(super) fn unit_unrated(ctx: &Ctx, f: FrameworkId, unit: UnitId) -> Option<String> {
    let ids: Vec<AssessmentId> = ctx.site.assessments_in(unit, f).collect();
    let last = *ids.last()?;
    ids.iter()
        .all(|&i| ctx.report.scores(i).rated == 0)
        .then(|| nothing_rated(ctx, last))
}

/// The dashboard's charts of a unit: the domain profile (latest, previous, peer median) and the
/// index over time.
pub(super) fn profile_charts(
    ctx: &Ctx,
    f: FrameworkId,
    unit: UnitId,
    latest: Option<AssessmentId>,
    previous: Option<AssessmentId>,
) -> Vec<ChartView> {
    let (report, t) = (ctx.report, &ctx.t);
    let mut charts = Vec::new();
    if let Some(text) = unit_unrated(ctx, f, unit) {
        return vec![ChartView::explained(
            "chart-radar",
            &t.get("chart_radar_title"),
            text,
        )];
    }
    if let Some(l) = latest {
        let title = t.get("chart_radar_title");
        if report.scores(l).domains.iter().all(Option::is_none) {
            charts.push(ChartView::explained(
                "chart-radar",
                &title,
                nothing_rated(ctx, l),
            ));
        } else {
            charts.push(domain_profile(ctx, f, l, previous, title));
        }
    }
    charts.push(trend_chart(ctx, f, unit, "chart-trend"));
    charts
}

/// The domain profile of `latest`, with the assessment before it and the peer median.
fn domain_profile(
    ctx: &Ctx,
    f: FrameworkId,
    latest: AssessmentId,
    previous: Option<AssessmentId>,
    title: String,
) -> ChartView {
    let (site, report, t) = (ctx.site, ctx.report, &ctx.t);
    let fw = &site.frameworks[f];
    let domains: Vec<String> = fw.domains.iter().map(|d| d.name.clone()).collect();
    let mut series = assessment_series(ctx, latest, previous);
    if let Some(b) = site.main_benchmark(f) {
        series.push(RadarSeries {
            name: t.get("peer_median"),
            values: report.benchmarks[b]
                .domains
                .iter()
                .map(|d| d.median())
                .collect(),
            colour: colours::PEERS,
        });
    }
    let texts = ProfileTexts {
        title,
        radar_caption: t.get("chart_radar_caption"),
        bars_caption: t.get("chart_profile_bars_caption"),
        not_rated: t.get("not_rated"),
        formats: t.formats(),
        gaps: t.get("chart_gaps_bars"),
    };
    charts::domain_profile("chart-radar", &domains, fw.scale_max(), &series, &texts)
}

/// The domain scores of `latest` and of `previous`, in the colours of ours and ours before.
fn assessment_series(
    ctx: &Ctx,
    latest: AssessmentId,
    previous: Option<AssessmentId>,
) -> Vec<RadarSeries> {
    let series = |a: AssessmentId, colour: &'static str| RadarSeries {
        name: ctx.site.assessments[a].title.clone(),
        values: ctx.report.scores(a).domains.iter().copied().collect(),
        colour,
    };
    std::iter::once(series(latest, colours::OURS))
        .chain(previous.map(|p| series(p, colours::BEFORE)))
        .collect()
}

/// The domain profile of one assessment beside the one before it in its unit, for the top of
/// its page: no peers, whose figures belong to the latest assessment only.
pub(super) fn assessment_profile(ctx: &Ctx, a: AssessmentId) -> ChartView {
    const ID: &str = "chart-glance";
    let t = &ctx.t;
    let title = t.get("chart_radar_title");
    let scores = ctx.report.scores(a);
    if scores.domains.iter().all(Option::is_none) {
        return ChartView::explained(ID, &title, nothing_rated(ctx, a));
    }
    let previous = ctx.report.previous(a);
    let first = if previous.is_some() { "" } else { "_first" };
    let fw = &ctx.site.frameworks[ctx.site.assessments[a].framework];
    let domains: Vec<String> = fw.domains.iter().map(|d| d.name.clone()).collect();
    let texts = ProfileTexts {
        title,
        radar_caption: t.get(&format!("glance_radar_caption{first}")),
        bars_caption: t.get(&format!("glance_bars_caption{first}")),
        not_rated: t.get("not_rated"),
        formats: t.formats(),
        gaps: t.get("chart_gaps_bars"),
    };
    let series = assessment_series(ctx, a, previous);
    charts::domain_profile(ID, &domains, fw.scale_max(), &series, &texts)
}

/// The index and every domain across a unit's assessments of a framework.
pub(super) fn trend_chart(ctx: &Ctx, f: FrameworkId, unit: UnitId, id: &str) -> ChartView {
    let site = ctx.site;
    let fw = &site.frameworks[f];
    let ids: Vec<AssessmentId> = site.assessments_in(unit, f).collect();
    let title = ctx.t.get("chart_trend_title");
    let mut lines = vec![TrendLine {
        name: ctx.t.get("index"),
        values: ids.iter().map(|&i| ctx.report.scores(i).index).collect(),
        emphasis: true,
        colour: colours::INDEX,
    }];
    for (d, dom) in fw.domains.iter_enumerated() {
        lines.push(TrendLine {
            name: dom.name.clone(),
            values: ids
                .iter()
                .map(|&i| ctx.report.scores(i).domains[d])
                .collect(),
            emphasis: false,
            colour: colours::domain(usize::from(d)),
        });
    }
    let nothing = lines.iter().all(|l| l.values.iter().all(Option::is_none));
    if let (true, Some(&last)) = (nothing, ids.last()) {
        return ChartView::explained(id, &title, nothing_rated(ctx, last));
    }
    let labels: Vec<String> = ids
        .iter()
        .map(|&i| site.assessments[i].date.year().to_string())
        .collect();
    charts::trend(
        id,
        &title,
        &ctx.t.get("chart_trend_caption"),
        &labels,
        fw.scale_max(),
        &lines,
        Cells::new(&ctx.t, &ctx.t.get("not_rated")),
    )
}

/// Every dimension of a unit's latest assessment as a bar (the previous one as a marker), and
/// the heat map of every dimension across the unit's assessments. `suffix` keeps chart ids
/// apart when a page shows several units.
pub(super) fn dimension_charts(
    ctx: &Ctx,
    f: FrameworkId,
    unit: UnitId,
    suffix: &str,
) -> Vec<ChartView> {
    let (site, report, t) = (ctx.site, ctx.report, &ctx.t);
    let fw = &site.frameworks[f];
    let idx: Vec<AssessmentId> = site.assessments_in(unit, f).collect();
    let Some(&latest) = idx.last() else {
        return Vec::new();
    };
    let none = t.get("not_rated");
    let mut out = Vec::new();
    let bars_id = format!("chart-dimensions{suffix}");
    if report.scores(latest).rated == 0 {
        let title = t.get("chart_bars_title");
        out.push(ChartView::explained(
            &bars_id,
            &title,
            nothing_rated(ctx, latest),
        ));
    } else {
        out.push(dimension_bars(ctx, f, latest, &bars_id));
    }
    let heatmap_id = format!("chart-heatmap{suffix}");
    if idx.iter().all(|&i| report.scores(i).rated == 0) {
        let title = t.get("chart_heatmap_title");
        out.push(ChartView::explained(
            &heatmap_id,
            &title,
            nothing_rated(ctx, latest),
        ));
        return out;
    }
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
        &heatmap_id,
        &t.get("chart_heatmap_title"),
        &t.get("chart_heatmap_caption"),
        &columns,
        &rows,
        fw.scale_max(),
        Cells::new(&ctx.t, &none),
    ));
    out
}

/// Every dimension of `latest` as a bar grouped by domain, the previous assessment of its unit
/// as a marker, and a note naming the dimensions left without a bar because they are not rated.
fn dimension_bars(ctx: &Ctx, f: FrameworkId, latest: AssessmentId, id: &str) -> ChartView {
    let (site, report, t) = (ctx.site, ctx.report, &ctx.t);
    let fw = &site.frameworks[f];
    let previous = report.previous(latest);
    let now = &report.scores(latest).dimensions;
    let groups: Vec<charts::DimensionGroup> = fw
        .domains
        .iter()
        .enumerate()
        .map(|(position, dom)| charts::DimensionGroup {
            name: dom.name.clone(),
            colour: colours::domain(position),
            dimensions: dom
                .dimensions
                .iter()
                .map(|&d| charts::DimensionBar {
                    id: fw.dimensions[d].id.clone(),
                    name: fw.dimensions[d].name.clone(),
                    value: now[d],
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
    let chart = charts::dimension_bars(
        id,
        &t.get("chart_bars_title"),
        &t.get("chart_bars_caption"),
        &groups,
        fw.scale_max(),
        &labels,
        Cells::new(t, &t.get("not_rated")),
    );
    let gaps: Vec<String> = fw
        .dimensions
        .iter_enumerated()
        .filter(|(d, _)| now[*d].is_none())
        .map(|(_, dim)| format!("{} {}", dim.id, dim.name))
        .collect();
    if gaps.is_empty() {
        chart
    } else {
        chart.with_note(format!("{} {}.", t.get("chart_gaps_bars"), gaps.join("; ")))
    }
}
