//! The improvement plan.

use super::*;

pub(super) fn improvements(ctx: &Ctx) -> Job {
    let t = &ctx.t;
    let mut c = ctx.base(
        paths::IMPROVEMENTS,
        "improvements",
        &t.get("nav_improvements"),
        vec![ctx.home_crumb()],
    );
    let all: Vec<usize> = (0..ctx.improvements.len()).collect();
    c.insert_value("improvements", ctx.improvement_list(&all));
    c.insert("register", &ctx.report.register);
    let parts: Vec<serde_json::Value> = crate::content::model::improvement::Part::ALL
        .iter()
        .map(|p| serde_json::json!({"key": p.key(), "label": t.get(&format!("part_{}", p.key())), "count": ctx.report.register.by_part.get(p.key()).copied().unwrap_or(0)}))
        .collect();
    let directions: Vec<serde_json::Value> = crate::content::model::Direction::ALL
        .iter()
        .map(|d| serde_json::json!({"key": d.key(), "label": t.get(&format!("direction_{}", d.key())), "count": ctx.report.register.by_direction.get(d.key()).copied().unwrap_or(0)}))
        .collect();
    let statuses: Vec<serde_json::Value> = crate::content::model::improvement::Status::ALL
        .iter()
        .map(|s| serde_json::json!({"key": s.key(), "label": t.get(&format!("status_{}", s.key())), "count": ctx.report.register.by_status.get(s.key()).copied().unwrap_or(0)}))
        .collect();
    c.insert("parts", &parts);
    c.insert("directions", &directions);
    c.insert("statuses", &statuses);
    let lowered: Vec<usize> = (0..ctx.improvements.len())
        .filter(|&k| ctx.improvements[k].direction == "lower")
        .collect();
    c.insert_value("lowered", ctx.improvement_list(&lowered));
    let charts = crate::view::page_charts::improvements(ctx.site, ctx.report, &ctx.t);
    c.insert("charts", &charts);
    Job {
        path: paths::IMPROVEMENTS.to_owned(),
        template: "improvements.html",
        context: c,
        charts: charts.len(),
        narrative: None,
        authored: Vec::new(),
    }
}
