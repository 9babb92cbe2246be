//! The IT QMS components.

use tera::value::Value;

use super::*;
use crate::render::charts::ChartView;

pub(super) fn qms(ctx: &Ctx) -> Job {
    let site = ctx.site;
    let t = &ctx.t;
    let mut c = ctx.base(paths::QMS, "qms", &t.get("nav_qms"), vec![ctx.home_crumb()]);
    let list: Vec<Value> = site
        .qms
        .iter()
        .enumerate()
        .map(|(n, q)| {
            let review_due = q.last_review.and_then(|d| d.checked_add(jiff::Span::new().months(q.review_months as i32)).ok());
            let linked = ctx.improvement_list(&ctx.by_qms[n]);
            with_value(serde_json::json!({
                "id": q.id,
                "anchor": paths::slug(&q.id),
                "name": q.name,
                "purpose": q.purpose,
                "owner": q.owner,
                "current": q.current_level,
                "target": q.target_level,
                "gap": q.target_level - q.current_level,
                "direction": q.direction.key(),
                "direction_label": t.get(&format!("direction_{}", q.direction.key())),
                "rationale": q.rationale,
                "review_months": q.review_months,
                "last_review": q.last_review.map(|d| d.to_string()),
                "review_due": review_due.map(|d| d.to_string()),
                "review_overdue": review_due.is_none_or(|d| d < ctx.report.today),
                "underdeveloped": q.current_level < q.target_level,
                "clauses": q.clauses.iter().map(|c| ctx.clause_link(c)).collect::<Vec<_>>(),
                "dimensions": q.dimensions.iter().map(|d| ctx.dimension_link(*d)).collect::<Vec<_>>(),
            }), "improvements", linked)
        })
        .collect();
    c.insert_value("components", Value::from(list));
    let charts: Vec<ChartView> = if site.qms.is_empty() {
        Vec::new()
    } else {
        vec![crate::view::page_charts::qms(site, t)]
    };
    c.insert("charts", &charts);
    Job {
        path: paths::QMS.to_owned(),
        template: "qms.html",
        context: c,
        charts: charts.len(),
        narrative: None,
        authored: Vec::new(),
    }
}
