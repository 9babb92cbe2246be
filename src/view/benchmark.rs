//! The quality/cost benchmark against peers.

use super::*;
use crate::render::charts::ChartView;
use crate::report;

pub(super) fn benchmark(ctx: &Ctx) -> Job {
    let mut c = ctx.base(
        paths::BENCHMARK,
        "benchmark",
        &ctx.t.get("nav_benchmark"),
        vec![ctx.home_crumb()],
    );
    c.insert("benchmarks", &benchmark_list(ctx));
    let charts: Vec<Vec<ChartView>> = (0..ctx.site.benchmarks.len())
        .map(|b| crate::view::page_charts::benchmark(ctx.site, ctx.report, &ctx.t, b))
        .collect();
    let count = charts.iter().map(Vec::len).sum();
    c.insert("benchmark_charts", &charts);
    Job {
        path: paths::BENCHMARK.to_owned(),
        template: "benchmark.html",
        context: c,
        charts: count,
        narrative: None,
        authored: Vec::new(),
    }
}

/// Every benchmark with its statistics, formatted for templates.
pub(super) fn benchmark_list(ctx: &Ctx) -> Vec<serde_json::Value> {
    let site = ctx.site;
    let none = ctx.t.get("not_rated");
    let fig = |p: &report::PeerFigure, digits: usize| {
        let f = |v: Option<f64>| v.map_or_else(|| none.clone(), |v| format!("{v:.digits$}"));
        serde_json::json!({
            "ours": f(p.ours),
            "median": f(p.distribution.as_ref().map(|d| d.median)),
            "q1": f(p.distribution.as_ref().map(|d| d.q1)),
            "q3": f(p.distribution.as_ref().map(|d| d.q3)),
            "min": f(p.distribution.as_ref().map(|d| d.min)),
            "max": f(p.distribution.as_ref().map(|d| d.max)),
            "n": p.distribution.as_ref().map_or(0, |d| d.n),
            "small": p.distribution.as_ref().is_none_or(|d| d.small),
            "percentile": p.percentile.map(|x| x.round() as i64),
        })
    };
    let list: Vec<serde_json::Value> = site
        .benchmarks
        .iter()
        .zip(&ctx.report.benchmarks)
        .map(|(b, s)| {
            let fw = &site.frameworks[b.framework];
            let mut rows = vec![serde_json::json!({"label": ctx.t.get("index"), "figure": fig(&s.index, 1)})];
            for (d, dom) in fw.domains.iter().enumerate() {
                rows.push(serde_json::json!({"label": dom.name, "figure": fig(&s.domains[d], 1)}));
            }
            let peers: Vec<serde_json::Value> = b
                .peers
                .iter()
                .enumerate()
                .map(|(n, p)| serde_json::json!({"peer": p, "in_group": b.group.contains(&n), "index": fmt1(Some(p.index), &none)}))
                .collect();
            serde_json::json!({
                "id": b.id,
                "title": b.title,
                "source": b.source,
                "group": b.group_description,
                "framework": framework_info(ctx, b.framework),
                "ours": s.our_assessment.map(|i| ctx.assessment_summary(i)),
                "rows": rows,
                "cost_per_user": fig(&s.cost_per_user, 0),
                "cost_percent": fig(&s.cost_percent_of_revenue, 1),
                "n": b.group.len(),
                "small": b.group.len() < report::SMALL_GROUP,
                "peers": peers,
            })
        })
        .collect();
    list
}
