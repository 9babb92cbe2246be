//! The list of assessments and one page per assessment.

use super::*;

pub(super) fn assessments_list(ctx: &Ctx) -> Job {
    let t = &ctx.t;
    let mut c = ctx.base(
        paths::ASSESSMENTS,
        "assessments",
        &t.get("nav_assessments"),
        vec![ctx.home_crumb()],
    );
    let list: Vec<AssessmentSummary> = (0..ctx.site.assessments.len())
        .rev()
        .map(|i| ctx.assessment_summary(i))
        .collect();
    c.insert("assessments", &list);
    c.insert("cycle", &cycle_view(ctx));
    let frameworks: Vec<serde_json::Value> = (0..ctx.site.frameworks.len())
        .map(|f| framework_info(ctx, f))
        .collect();
    c.insert("frameworks", &frameworks);
    Job {
        path: paths::ASSESSMENTS.to_owned(),
        template: "assessments.html",
        context: c,
        charts: 0,
        narrative: None,
        authored: Vec::new(),
    }
}

pub(super) fn level_label(ctx: &Ctx, f: usize, level: Option<usize>) -> String {
    level
        .and_then(|l| ctx.site.frameworks[f].scale.get(l))
        .map_or_else(|| ctx.t.get("not_rated"), |l| l.label.clone())
}

pub(super) fn assessment(ctx: &Ctx, i: usize) -> Job {
    let site = ctx.site;
    let a = &site.assessments[i];
    let f = a.framework;
    let prev = ctx.report.previous[i];
    let path = paths::assessment(&a.id);
    let mut c = ctx.base(
        &path,
        "assessments",
        &a.title,
        vec![
            ctx.home_crumb(),
            Crumb {
                label: ctx.t.get("nav_assessments"),
                url: paths::ASSESSMENTS.to_owned(),
            },
        ],
    );
    let domains = assessment_domains(ctx, i);
    c.insert(
        "assessment",
        &serde_json::json!({
            "summary": ctx.assessment_summary(i),
            "scope": a.scope,
            "method": a.method,
            "text": a.summary,
            "cost": a.cost,
            "previous": prev.map(|p| ctx.assessment_summary(p)),
        }),
    );
    c.insert("framework", &framework_info(ctx, f));
    c.insert("domains", &domains);
    Job {
        path,
        template: "assessment.html",
        context: c,
        charts: 0,
        narrative: None,
        authored: Vec::new(),
    }
}

/// The domains of an assessment with every rating, note and change, for templates.
pub(super) fn assessment_domains(ctx: &Ctx, i: usize) -> Vec<serde_json::Value> {
    let site = ctx.site;
    let a = &site.assessments[i];
    let f = a.framework;
    let fw = &site.frameworks[f];
    let s = &ctx.report.scores[i];
    let prev = ctx.report.previous[i];
    let none = ctx.t.get("not_rated");
    let domains: Vec<serde_json::Value> = fw
        .domains
        .iter()
        .enumerate()
        .map(|(d, dom)| {
            let rows: Vec<serde_json::Value> = dom
                .dimensions
                .iter()
                .map(|&k| {
                    let dim = &fw.dimensions[k];
                    let r = &a.ratings[k];
                    serde_json::json!({
                        "id": dim.id,
                        "name": dim.name,
                        "url": paths::dimension(&fw.id, &dim.id),
                        "level": level_label(ctx, f, r.level),
                        "rated": r.level.is_some(),
                        "value": figure(s.dimensions[k], prev.and_then(|p| ctx.report.scores[p].dimensions[k]), &none),
                        "notes": r.notes,
                        "evidence": r.evidence,
                    })
                })
                .collect();
            serde_json::json!({
                "id": dom.id,
                "name": dom.name,
                "score": figure(s.domains[d], prev.and_then(|p| ctx.report.scores[p].domains[d]), &none),
                "dimensions": rows,
            })
        })
        .collect();
    domains
}
