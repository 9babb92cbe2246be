//! ISO/IEC 20000-1 coverage.

use tera::value::Value;

use super::*;
use crate::iso;
use crate::report;

pub(super) fn iso_coverage(ctx: &Ctx) -> Job {
    let t = &ctx.t;
    let mut c = ctx.base(paths::ISO, "iso", &t.get("nav_iso"), vec![ctx.home_crumb()]);
    let (groups, levels) = coverage_data(ctx);
    c.insert_value("groups", Value::from(groups));
    c.insert("levels", &levels);
    c.insert(
        "charts",
        &[crate::view::page_charts::coverage(ctx.report, &ctx.t)],
    );
    Job {
        path: paths::ISO.to_owned(),
        template: "iso20000.html",
        context: c,
        charts: 1,
        narrative: None,
        authored: Vec::new(),
    }
}

/// Coverage by clause group with every clause, and the totals by level.
pub(super) fn coverage_data(ctx: &Ctx) -> (Vec<Value>, Vec<serde_json::Value>) {
    let site = ctx.site;
    let t = &ctx.t;
    let groups: Vec<Value> = ctx
        .report
        .coverage
        .iter()
        .map(|g| {
            let clauses: Vec<Value> = iso::CLAUSES
                .iter()
                .filter(|cl| iso::top_group(cl.number) == g.number && cl.number != g.number)
                .map(|cl| {
                    let cov = site.coverage.get(cl.number);
                    let level = cov.map_or(report::NOT_ASSESSED, |c| c.level.key());
                    let imps = ctx
                        .improvement_list(ctx.by_clause.get(cl.number).map_or(&[], Vec::as_slice));
                    let comps: Vec<Link> = site
                        .qms
                        .iter()
                        .filter(|q| q.clauses.contains(&cl.number))
                        .map(|q| Link {
                            label: format!("{} {}", q.id, q.name),
                            url: paths::qms(&q.id),
                        })
                        .collect();
                    let clause = serde_json::json!({
                        "number": cl.number,
                        "anchor": format!("clause-{}", cl.number.replace('.', "-")),
                        "title": cl.title,
                        "rated": cl.rated,
                        "depth": cl.number.matches('.').count(),
                        "level": level,
                        "level_label": t.get(&format!("coverage_{level}")),
                        "evidence": cov.map(|c| c.evidence.clone()).unwrap_or_default(),
                        "notes": cov.map(|c| c.notes.clone()).unwrap_or_default(),
                        "reviewed": cov.and_then(|c| c.reviewed).map(|d| d.to_string()),
                        "qms": comps,
                    });
                    with_value(clause, "improvements", imps)
                })
                .collect();
            let group = serde_json::json!({
                "number": g.number,
                "title": g.title,
                "anchor": format!("clause-{}", g.number),
                "by_level": g.by_level,
                "total": g.total,
            });
            with_value(group, "clauses", Value::from(clauses))
        })
        .collect();
    let levels: Vec<serde_json::Value> = crate::content::model::coverage::CoverageLevel::ALL
        .iter()
        .rev()
        .map(|l| l.key())
        .chain([report::NOT_ASSESSED])
        .map(|k| serde_json::json!({"key": k, "label": t.get(&format!("coverage_{k}")), "count": ctx.report.coverage_totals.get(k).copied().unwrap_or(0)}))
        .collect();
    (groups, levels)
}
