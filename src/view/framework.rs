//! One page per framework and one per dimension.

use super::*;
use crate::render::charts::{self, TrendLine};

pub(super) fn framework(ctx: &Ctx, f: usize) -> Job {
    let site = ctx.site;
    let fw = &site.frameworks[f];
    let idx: Vec<usize> = (0..site.assessments.len())
        .filter(|&i| site.assessments[i].framework == f)
        .collect();
    let none = ctx.t.get("not_rated");
    let path = paths::framework(&fw.id);
    let mut c = ctx.base(&path, "framework", &fw.name, vec![ctx.home_crumb()]);
    let columns: Vec<serde_json::Value> = idx
        .iter()
        .map(|&i| serde_json::json!({"title": site.assessments[i].title, "year": site.assessments[i].date.year(), "url": paths::assessment(&site.assessments[i].id)}))
        .collect();
    let domains: Vec<serde_json::Value> = fw
        .domains
        .iter()
        .enumerate()
        .map(|(d, dom)| {
            let dims: Vec<serde_json::Value> = dom
                .dimensions
                .iter()
                .map(|&k| {
                    let dim = &fw.dimensions[k];
                    serde_json::json!({
                        "id": dim.id,
                        "name": dim.name,
                        "description": dim.description,
                        "weight": dim.weight,
                        "url": paths::dimension(&fw.id, &dim.id),
                        "history": idx.iter().map(|&i| fmt1(ctx.report.scores[i].dimensions[k], "–")).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::json!({
                "id": dom.id,
                "name": dom.name,
                "description": dom.description,
                "weight": dom.weight,
                "history": idx.iter().map(|&i| fmt1(ctx.report.scores[i].domains[d], &none)).collect::<Vec<_>>(),
                "dimensions": dims,
            })
        })
        .collect();
    c.insert("framework", &framework_info(ctx, f));
    c.insert("columns", &columns);
    c.insert("domains", &domains);
    let mut charts = vec![trend_chart(ctx, f)];
    charts.extend(crate::view::page_charts::framework(
        site, ctx.report, &ctx.t, f,
    ));
    c.insert("charts", &charts);
    Job {
        path,
        template: "framework.html",
        context: c,
        charts: charts.len(),
        narrative: None,
        authored: Vec::new(),
    }
}

pub(super) fn dimension(ctx: &Ctx, f: usize, d: usize) -> Job {
    let site = ctx.site;
    let fw = &site.frameworks[f];
    let dim = &fw.dimensions[d];
    let dref = DimensionRef {
        framework: f,
        dimension: d,
    };
    let idx: Vec<usize> = (0..site.assessments.len())
        .filter(|&i| site.assessments[i].framework == f)
        .collect();
    let none = ctx.t.get("not_rated");
    let path = paths::dimension(&fw.id, &dim.id);
    let mut c = ctx.base(
        &path,
        "framework",
        &format!("{} {}", dim.id, dim.name),
        vec![
            ctx.home_crumb(),
            Crumb {
                label: fw.name.clone(),
                url: paths::framework(&fw.id),
            },
        ],
    );
    let history: Vec<serde_json::Value> = idx
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let a = &site.assessments[i];
            let r = &a.ratings[d];
            let before = n
                .checked_sub(1)
                .and_then(|p| ctx.report.scores[idx[p]].dimensions[d]);
            serde_json::json!({
                "assessment": ctx.assessment_summary(i),
                "level": level_label(ctx, f, r.level),
                "rated": r.level.is_some(),
                "value": figure(ctx.report.scores[i].dimensions[d], before, &none),
                "notes": r.notes,
                "evidence": r.evidence,
            })
        })
        .collect();
    let improvements = ctx.improvement_list(ctx.by_dimension.get(&dref).map_or(&[], Vec::as_slice));
    let qms: Vec<Link> = site
        .qms
        .iter()
        .filter(|q| q.dimensions.contains(&dref))
        .map(|q| Link {
            label: format!("{} {}", q.id, q.name),
            url: paths::qms(&q.id),
        })
        .collect();
    let siblings: Vec<usize> = fw.dimensions.iter().enumerate().map(|(k, _)| k).collect();
    let pos = siblings.iter().position(|k| *k == d).unwrap_or(0);
    let neighbour = |k: Option<&usize>| {
        k.map(|k| Link {
            label: format!("{} {}", fw.dimensions[*k].id, fw.dimensions[*k].name),
            url: paths::dimension(&fw.id, &fw.dimensions[*k].id),
        })
    };
    c.insert(
        "dimension",
        &serde_json::json!({
            "id": dim.id,
            "name": dim.name,
            "description": dim.description,
            "weight": dim.weight,
            "domain": fw.domains[dim.domain].name,
            "domain_id": fw.domains[dim.domain].id,
            "prev": neighbour(pos.checked_sub(1).and_then(|p| siblings.get(p))),
            "next": neighbour(siblings.get(pos + 1)),
        }),
    );
    c.insert("framework", &framework_info(ctx, f));
    c.insert("history", &history);
    c.insert_value("improvements", improvements);
    c.insert("qms", &qms);
    let labels: Vec<String> = idx
        .iter()
        .map(|&i| site.assessments[i].date.year().to_string())
        .collect();
    let charts = vec![charts::trend(
        "chart-dimension",
        &ctx.t.get("chart_dimension_title"),
        &ctx.t.get("chart_dimension_caption"),
        &labels,
        scale_max(site, f),
        &[TrendLine {
            name: format!("{} {}", dim.id, dim.name),
            values: idx
                .iter()
                .map(|&i| ctx.report.scores[i].dimensions[d])
                .collect(),
            emphasis: true,
        }],
        &none,
    )];
    c.insert("charts", &charts);
    Job {
        path,
        template: "dimension.html",
        context: c,
        charts: charts.len(),
        narrative: None,
        authored: Vec::new(),
    }
}
