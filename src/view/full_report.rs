//! The full report on one page, for print and PDF.

use rayon::prelude::*;

use super::*;
use crate::render::charts::ChartView;
use crate::render::markdown;
use crate::report;
use crate::site::Page;

pub fn full_report(ctx: &Ctx) -> Job {
    let site = ctx.site;
    let t = &ctx.t;
    let f = site.main_framework;
    let latest = report::latest_of(site, f);
    let previous = latest.and_then(|l| ctx.report.previous[l]);
    let mut c = ctx.base(
        paths::REPORT,
        "report",
        &t.get("nav_report"),
        vec![ctx.home_crumb()],
    );
    let placed = report_narratives(site);
    // Each narrative is converted again for the report (its links and ids differ there), once,
    // on any core; the pages keep their order.
    let converted: Vec<serde_json::Value> = placed
        .pages
        .par_iter()
        .map(|p| {
            let prefix = format!("{}-", p.slug.replace('/', "-"));
            serde_json::json!({
                "title": p.title,
                "content": markdown::render_in(&p.markdown, "", "pages/", &prefix, t).html,
            })
        })
        .collect();
    // The link check skips these parts of the page: their links are checked on their own pages.
    let authored: Vec<String> = converted
        .iter()
        .filter_map(|n| n["content"].as_str().map(str::to_owned))
        .collect();
    let mut converted = converted.into_iter();
    let mut fixed = |present: bool| present.then(|| converted.next()).flatten();
    let summary = fixed(placed.summary);
    let method = fixed(placed.method);
    let findings = fixed(placed.findings);
    let others: Vec<serde_json::Value> = converted.collect();
    c.insert("summary", &summary);
    c.insert("method", &method);
    c.insert("findings", &findings);
    c.insert("other_pages", &others);
    c.insert("framework", &framework_info(ctx, f));
    c.insert("latest", &latest.map(|i| ctx.assessment_summary(i)));
    c.insert("previous", &previous.map(|i| ctx.assessment_summary(i)));
    c.insert(
        "latest_detail",
        &latest.map(|i| {
            let a = &site.assessments[i];
            serde_json::json!({"scope": a.scope, "method": a.method, "text": a.summary})
        }),
    );
    c.insert(
        "appendix",
        &latest
            .map(|i| assessment_domains(ctx, i))
            .unwrap_or_default(),
    );
    c.insert("cycle", &cycle_view(ctx));
    c.insert("register", &ctx.report.register);
    c.insert("improvements", &ctx.improvements);
    c.insert("benchmarks", &benchmark_list(ctx));
    let (groups, levels) = coverage_data(ctx);
    c.insert("groups", &groups);
    c.insert("levels", &levels);
    let mut charts = profile_charts(ctx, f, latest, previous);
    charts.extend(crate::view::page_charts::framework(site, ctx.report, t, f));
    let improvement_charts = crate::view::page_charts::improvements(site, ctx.report, t);
    let benchmark_charts: Vec<ChartView> = (0..site.benchmarks.len())
        .flat_map(|b| crate::view::page_charts::benchmark(site, ctx.report, t, b))
        .collect();
    let coverage_charts = vec![crate::view::page_charts::coverage(ctx.report, t)];
    let count =
        charts.len() + improvement_charts.len() + benchmark_charts.len() + coverage_charts.len();
    c.insert("charts", &charts);
    c.insert("improvement_charts", &improvement_charts);
    c.insert("benchmark_charts", &benchmark_charts);
    c.insert("coverage_charts", &coverage_charts);
    Job {
        path: paths::REPORT.to_owned(),
        template: "report.html",
        context: c,
        charts: count,
        narrative: None,
        authored,
    }
}

/// Narratives placed at fixed places of the full report; other narratives follow the findings.
const REPORT_SLUGS: [&str; 3] = ["executive-summary", "method", "findings"];

/// The narratives of the full report in the order it prints them.
struct ReportNarratives<'a> {
    /// Whether the executive summary, the method and the findings are among `pages`.
    summary: bool,
    method: bool,
    findings: bool,
    /// The fixed ones that are present first (summary, method, findings), then every other
    /// narrative of the report in the site's page order.
    pages: Vec<&'a Page>,
}

/// Picks the narratives of the full report: those whose front matter (or place directly in
/// `content/pages/`) puts them there. One pass over the pages, whatever their number.
fn report_narratives(site: &Site) -> ReportNarratives<'_> {
    let mut fixed: [Option<&Page>; 3] = [None; 3];
    let mut others = Vec::new();
    for p in site.pages.iter().filter(|p| p.in_report) {
        match REPORT_SLUGS.iter().position(|s| *s == p.slug) {
            Some(k) => fixed[k] = Some(p),
            None => others.push(p),
        }
    }
    let [summary, method, findings] = fixed.map(|p| p.is_some());
    let mut pages: Vec<&Page> = fixed.into_iter().flatten().collect();
    pages.extend(others);
    ReportNarratives {
        summary,
        method,
        findings,
        pages,
    }
}

/// Whether an edit of the narrative `slug` changes the full report.
pub fn report_shows(site: &Site, slug: &str) -> bool {
    site.pages.iter().any(|p| p.slug == slug && p.in_report)
}
