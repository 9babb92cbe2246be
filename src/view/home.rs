//! The dashboard: the index and its change, peers, actions, the cycle and the profile.

use super::*;
use crate::render::charts::{self, ChartView, RadarSeries, TrendLine};
use crate::report;

/// The profile charts of a framework: the domain radar (latest, previous, peer median) and the
/// index trend.
pub(super) fn profile_charts(
    ctx: &Ctx,
    f: usize,
    latest: Option<usize>,
    previous: Option<usize>,
) -> Vec<ChartView> {
    let site = ctx.site;
    let report = ctx.report;
    let t = &ctx.t;
    let fw = &site.frameworks[f];
    let none = t.get("not_rated");
    let stats = main_benchmark(site, f).map(|b| &report.benchmarks[b]);
    let mut charts = Vec::new();
    if let Some(l) = latest {
        let domains: Vec<String> = fw.domains.iter().map(|d| d.name.clone()).collect();
        let mut series = vec![RadarSeries {
            name: site.assessments[l].title.clone(),
            values: report.scores[l].domains.clone(),
        }];
        if let Some(p) = previous {
            series.push(RadarSeries {
                name: site.assessments[p].title.clone(),
                values: report.scores[p].domains.clone(),
            });
        }
        if let Some(s) = stats {
            series.push(RadarSeries {
                name: t.get("peer_median"),
                values: s
                    .domains
                    .iter()
                    .map(|d| d.distribution.as_ref().map(|x| x.median))
                    .collect(),
            });
        }

        charts.push(charts::domain_radar(
            "chart-radar",
            &t.get("chart_radar_title"),
            &t.get("chart_radar_caption"),
            &domains,
            scale_max(site, f),
            &series,
            &none,
        ));
    }
    charts.push(trend_chart(ctx, f));
    charts
}

pub(super) fn home(ctx: &Ctx) -> Job {
    let site = ctx.site;
    let report = ctx.report;
    let t = &ctx.t;
    let f = site.main_framework;
    let fw = &site.frameworks[f];
    let latest = report::latest_of(site, f);
    let previous = latest.and_then(|l| report.previous[l]);
    let bench = main_benchmark(site, f);
    let stats = bench.map(|b| &report.benchmarks[b]);
    let none = t.get("not_rated");
    let mut c = ctx.base(paths::HOME, "home", &t.get("nav_home"), vec![]);
    c.insert("framework", &framework_info(ctx, f));
    c.insert("latest", &latest.map(|i| ctx.assessment_summary(i)));
    c.insert("previous", &previous.map(|i| ctx.assessment_summary(i)));
    c.insert(
        "peer",
        &stats.map(|s| {
            serde_json::json!({
                "benchmark_url": paths::BENCHMARK,
                "index_percentile": s.index.percentile.map(|p| p.round() as i64),
                "index_median": fmt1(s.index.distribution.as_ref().map(|d| d.median), &none),
                "cost_percentile": s.cost_per_user.percentile.map(|p| p.round() as i64),
                "cost_median": s.cost_per_user.distribution.as_ref().map(|d| d.median.round()),
                "cost_ours": s.cost_per_user.ours.map(f64::round),
                "n": s.index.distribution.as_ref().map_or(0, |d| d.n),
                "small": s.index.distribution.as_ref().is_none_or(|d| d.small),
            })
        }),
    );
    c.insert("register", &report.register);
    c.insert("cycle", &cycle_view(ctx));
    c.insert_value("overdue", ctx.improvement_list(&report.register.overdue));

    let charts = profile_charts(ctx, f, latest, previous);
    if let Some(l) = latest {
        // Domain table: latest vs previous, with the peer median.
        let rows: Vec<DomainRow> = fw
            .domains
            .iter()
            .enumerate()
            .map(|(d, dom)| DomainRow {
                id: dom.id.clone(),
                name: dom.name.clone(),
                score: figure(
                    report.scores[l].domains[d],
                    previous.and_then(|p| report.scores[p].domains[d]),
                    &none,
                ),
                peer_median: fmt1(
                    stats.and_then(|s| s.domains[d].distribution.as_ref().map(|x| x.median)),
                    &none,
                ),
            })
            .collect();
        let mut rows = rows;
        // Strongest first; domains without a score last.
        rows.sort_by(|a, b| {
            b.score
                .value
                .unwrap_or(f64::MIN)
                .total_cmp(&a.score.value.unwrap_or(f64::MIN))
        });
        c.insert("domains", &rows);
        c.insert("movers", &movers(ctx, l, previous));
    } else {
        c.insert("domains", &Vec::<DomainRow>::new());
        c.insert(
            "movers",
            &serde_json::json!({"up": [], "down": [], "strongest": [], "weakest": []}),
        );
    }
    c.insert("charts", &charts);
    Job {
        path: paths::HOME.to_owned(),
        template: "index.html",
        context: c,
        charts: charts.len(),
        narrative: None,
        authored: Vec::new(),
    }
}

/// The dimensions that moved most since the previous assessment, up and down (three each).
pub(super) fn movers(ctx: &Ctx, latest: usize, previous: Option<usize>) -> serde_json::Value {
    let site = ctx.site;
    let fw = &site.frameworks[site.assessments[latest].framework];
    let Some(p) = previous else {
        return serde_json::json!({"up": [], "down": [], "strongest": ranked(ctx, latest, true), "weakest": ranked(ctx, latest, false)});
    };
    let now = &ctx.report.scores[latest].dimensions;
    let before = &ctx.report.scores[p].dimensions;
    let mut moved: Vec<(f64, usize)> = (0..fw.dimensions.len())
        .filter_map(|d| report::delta(now[d], before[d]).map(|x| (x, d)))
        .filter(|(x, _)| *x != 0.0)
        .collect();
    moved.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let view = |(x, d): &(f64, usize)| Mover {
        id: fw.dimensions[*d].id.clone(),
        name: fw.dimensions[*d].name.clone(),
        url: paths::dimension(&fw.id, &fw.dimensions[*d].id),
        value: fmt1(now[*d], ""),
        delta: signed(Some(*x)),
        trend: trend_of(Some(*x)),
    };
    let up: Vec<Mover> = moved
        .iter()
        .filter(|m| m.0 > 0.0)
        .take(3)
        .map(view)
        .collect();
    let down: Vec<Mover> = moved
        .iter()
        .rev()
        .filter(|m| m.0 < 0.0)
        .take(3)
        .map(view)
        .collect();
    serde_json::json!({"up": up, "down": down, "strongest": ranked(ctx, latest, true), "weakest": ranked(ctx, latest, false)})
}

/// The three highest (or lowest) rated dimensions of an assessment.
pub(super) fn ranked(ctx: &Ctx, assessment: usize, highest: bool) -> Vec<Mover> {
    let fw = &ctx.site.frameworks[ctx.site.assessments[assessment].framework];
    let values = &ctx.report.scores[assessment].dimensions;
    let mut rated: Vec<(f64, usize)> = values
        .iter()
        .enumerate()
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

pub(super) fn cycle_view(ctx: &Ctx) -> serde_json::Value {
    let cy = &ctx.report.cycle;
    let t = &ctx.t;
    let steps: Vec<serde_json::Value> = (1..=6)
        .map(|n| {
            serde_json::json!({
                "n": n,
                "label": t.get(&format!("cycle_step_{n}")),
                "current": n == cy.step,
            })
        })
        .collect();
    serde_json::json!({
        "last": cy.last_assessment.map(|d| d.to_string()),
        "next_due": cy.next_due.map(|d| d.to_string()),
        "days_to_next": cy.days_to_next,
        "overdue": cy.days_to_next.is_some_and(|d| d < 0),
        "step": cy.step,
        "step_label": t.get(&format!("cycle_step_{}", cy.step)),
        "steps": steps,
        "cadence_years": ctx.site.config.cadence_years,
    })
}

pub(super) fn trend_chart(ctx: &Ctx, f: usize) -> ChartView {
    let site = ctx.site;
    let fw = &site.frameworks[f];
    let idx: Vec<usize> = (0..site.assessments.len())
        .filter(|&i| site.assessments[i].framework == f)
        .collect();
    let labels: Vec<String> = idx
        .iter()
        .map(|&i| site.assessments[i].date.year().to_string())
        .collect();
    let mut lines = vec![TrendLine {
        name: ctx.t.get("index"),
        values: idx.iter().map(|&i| ctx.report.scores[i].index).collect(),
        emphasis: true,
    }];
    for (d, dom) in fw.domains.iter().enumerate() {
        lines.push(TrendLine {
            name: dom.name.clone(),
            values: idx
                .iter()
                .map(|&i| ctx.report.scores[i].domains[d])
                .collect(),
            emphasis: false,
        });
    }
    charts::trend(
        "chart-trend",
        &ctx.t.get("chart_trend_title"),
        &ctx.t.get("chart_trend_caption"),
        &labels,
        scale_max(site, f),
        &lines,
        &ctx.t.get("not_rated"),
    )
}
