//! The full report on one page, for print and PDF.

use std::collections::HashMap;

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

use super::assessment::{DomainRatings, domain_ratings};
use super::benchmark::{BenchmarkSummary, benchmark_list};
use super::common::{AssessmentSummary, FrameworkInfo, ImprovementView, Link};
use super::coverage::{ClauseGroup, LevelCount, coverage_data};
use super::cycle::CycleView;
use super::profile::{dimension_charts, profile_charts, unit_unrated};
use super::qms::{QmsView, qms_view};
use super::{Built, Ctx, PageView};
use crate::render::charts::ChartView;
use crate::render::markdown;
use crate::render::strings::Strings;
use crate::report::RegisterStats;
use crate::site::{Page, ReportSection, Site};

/// The full report, in the order a consultancy delivers one: cover, contents, summary, scope
/// and method, profile, findings, IT QMS, improvement plan, benchmark, ISO/IEC 20000-1 coverage
/// and the appendix.
#[derive(Serialize, JsonSchema)]
pub struct FullReportView<'a> {
    /// The table of contents: every section and its parts, with the ids the page gives them.
    pub contents: Vec<ContentsEntry>,
    /// The printed page's rules (paper, running header and footer, page numbers), a stylesheet
    /// with the site's words escaped as CSS strings.
    pub print_css: String,
    /// The IT QMS: its components, levels and chart.
    pub qms: QmsView<'a>,
    /// Narratives of the executive summary, by weight.
    pub summary: Vec<ReportNarrative>,
    /// Narratives of the scope and method section.
    pub method: Vec<ReportNarrative>,
    /// Narratives of the findings section.
    pub findings: Vec<ReportNarrative>,
    /// The main framework.
    pub framework: FrameworkInfo,
    /// The unit the report is about (the dashboard's).
    pub unit: Link,
    /// Its latest assessment.
    pub latest: Option<AssessmentSummary>,
    /// The assessment before it.
    pub previous: Option<AssessmentSummary>,
    /// The latest assessment's scope, method and conclusion.
    pub latest_detail: Option<LatestDetail>,
    /// Every rating and note of the latest assessment.
    pub appendix: Vec<DomainRatings>,
    /// The assessment cycle.
    pub cycle: CycleView,
    /// Register counts.
    pub register: &'a RegisterStats,
    /// Every improvement, in the register's order (open first, overdue and most urgent at the
    /// top), as the plan page lists them.
    pub improvements: Vec<&'a ImprovementView>,
    /// Every benchmark.
    pub benchmarks: Vec<BenchmarkSummary>,
    /// Coverage by clause group.
    pub groups: Vec<ClauseGroup<'a>>,
    /// Coverage totals by level.
    pub levels: Vec<LevelCount>,
    /// The profile charts.
    pub charts: Vec<ChartView>,
    /// The improvement charts.
    pub improvement_charts: Vec<ChartView>,
    /// The benchmark charts.
    pub benchmark_charts: Vec<ChartView>,
    /// The coverage chart.
    pub coverage_charts: Vec<ChartView>,
}

/// One line of the table of contents.
#[derive(Serialize, JsonSchema)]
pub struct ContentsEntry {
    /// The id of the heading it leads to (`r-summary`).
    pub id: String,
    /// The heading's words.
    pub title: String,
    /// Its parts, one level down.
    pub children: Vec<ContentsEntry>,
}

impl ContentsEntry {
    fn new(id: impl Into<String>, title: impl Into<String>) -> ContentsEntry {
        ContentsEntry {
            id: id.into(),
            title: title.into(),
            children: Vec::new(),
        }
    }
}

/// A narrative placed in a section of the report.
#[derive(Serialize, JsonSchema)]
pub struct ReportNarrative {
    /// Its title.
    pub title: String,
    /// Its body as HTML, ids prefixed so that several narratives share the page.
    pub content: String,
    /// The language it is written in when that is not the page's (it has no translation).
    pub lang: Option<String>,
}

/// The latest assessment's own words.
#[derive(Serialize, JsonSchema)]
pub struct LatestDetail {
    /// What was in scope.
    pub scope: String,
    /// How it was carried out.
    pub method: String,
    /// The conclusion.
    pub text: String,
}

impl FullReportView<'_> {
    /// The charts of the report that have something to draw.
    fn drawn_charts(&self) -> usize {
        [
            &self.charts,
            &self.qms.charts,
            &self.improvement_charts,
            &self.benchmark_charts,
            &self.coverage_charts,
        ]
        .into_iter()
        .flatten()
        .filter(|c| c.empty.is_empty())
        .count()
    }
}

impl LatestDetail {
    fn of(a: &crate::site::Assessment) -> LatestDetail {
        LatestDetail {
            scope: a.scope.clone(),
            method: a.method.clone(),
            text: a.summary.clone(),
        }
    }
}

/// Builds the full report.
pub(super) fn full_report<'a>(ctx: &'a Ctx) -> Built<'a> {
    let site = ctx.site;
    let f = site.main_framework;
    let unit = site.main_unit();
    let latest = ctx.report.units[unit].latest;
    let previous = latest.and_then(|l| ctx.report.previous(l));
    let [summary, method, findings] = [
        ReportSection::Summary,
        ReportSection::Method,
        ReportSection::Findings,
    ]
    .map(|s| section(site, s, &ctx.t, &ctx.id_urls));
    // The link check skips these parts of the page: their links are checked on their own pages.
    let authored: Vec<String> = [&summary, &method, &findings]
        .into_iter()
        .flatten()
        .map(|n| n.content.clone())
        .collect();
    let mut charts = profile_charts(ctx, f, unit, latest, previous);
    if unit_unrated(ctx, f, unit).is_none() {
        charts.extend(dimension_charts(ctx, f, unit, ""));
    }
    let benchmark_charts: Vec<ChartView> = site
        .benchmarks
        .keys()
        .flat_map(|b| super::page_charts::benchmark(ctx, b).all())
        .collect();
    let (groups, levels) = coverage_data(ctx);
    let benchmarks = benchmark_list(ctx);
    let appendix = latest.map(|i| domain_ratings(ctx, i)).unwrap_or_default();
    let improvements = ctx.improvement_list(&ctx.report.register.action_order);
    let contents = Contents {
        findings: &findings,
        benchmarks: &benchmarks,
        appendix: &appendix,
        improvements: !improvements.is_empty(),
    }
    .entries(&ctx.t);
    let view = FullReportView {
        contents,
        print_css: super::print::page_rules(ctx),
        qms: qms_view(ctx),
        summary,
        method,
        findings,
        framework: ctx.framework_info(f),
        latest: latest.map(|i| ctx.assessment_summary(i)),
        previous: previous.map(|i| ctx.assessment_summary(i)),
        latest_detail: latest.map(|i| LatestDetail::of(&site.assessments[i])),
        appendix,
        unit: ctx.unit_link(unit),
        cycle: ctx.cycle_view(unit),
        register: &ctx.report.register,
        improvements,
        benchmarks,
        groups,
        levels,
        charts,
        improvement_charts: super::page_charts::improvements(ctx),
        benchmark_charts,
        coverage_charts: vec![super::page_charts::coverage(ctx)],
    };
    let count = view.drawn_charts();
    Built {
        view: PageView::FullReport(view),
        charts: count,
        narrative: None,
        authored,
    }
}

/// What the table of contents lists beside the sections themselves.
struct Contents<'v> {
    findings: &'v [ReportNarrative],
    benchmarks: &'v [BenchmarkSummary],
    appendix: &'v [DomainRatings],
    /// The register has entries, so the improvements are set out one by one.
    improvements: bool,
}

impl Contents<'_> {
    /// The table of contents: the sections in the report's order, with the findings'
    /// narratives, the improvements in detail, the benchmarks and the appendix's domains as
    /// their parts. The ids are those report.html gives the headings.
    fn entries(&self, t: &Strings) -> Vec<ContentsEntry> {
        let section = |key: &str, children: Vec<ContentsEntry>| ContentsEntry {
            children,
            ..ContentsEntry::new(format!("r-{key}"), t.get(&format!("report_{key}")))
        };
        let findings = self
            .findings
            .iter()
            .enumerate()
            .skip(1)
            .map(|(n, p)| ContentsEntry::new(format!("r-findings-{n}"), p.title.clone()))
            .collect();
        let improvements = self
            .improvements
            .then(|| ContentsEntry::new("r-improvement-detail", t.get("report_improvement_detail")))
            .into_iter()
            .collect();
        let benchmarks = self
            .benchmarks
            .iter()
            .map(|b| ContentsEntry::new(format!("r-benchmark-{}", b.id), b.title.clone()))
            .collect();
        let appendix = self
            .appendix
            .iter()
            .map(|d| {
                ContentsEntry::new(
                    format!("r-appendix-{}", d.id),
                    format!("{} {}", d.id, d.name),
                )
            })
            .chain([ContentsEntry::new(
                "r-chart-data",
                t.get("report_chart_data"),
            )])
            .collect();
        vec![
            section("summary", Vec::new()),
            section("method", Vec::new()),
            section("profile", Vec::new()),
            section("findings", findings),
            section("qms", Vec::new()),
            section("improvements", improvements),
            section("benchmark", benchmarks),
            section("iso", Vec::new()),
            section("appendix", appendix),
        ]
    }
}

/// The narratives of one section, by weight, each converted for the report (its links and ids
/// differ there from its own page), on any core.
fn section(
    site: &Site,
    s: ReportSection,
    t: &Strings,
    ids: &HashMap<String, String>,
) -> Vec<ReportNarrative> {
    let pages: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.report == Some(s) && !p.draft)
        .collect();
    pages
        .par_iter()
        .map(|p| {
            let prefix = format!("{}-", p.slug.replace('/', "-"));
            ReportNarrative {
                title: p.title.clone(),
                content: markdown::render_in(&p.markdown, "", "pages/", &prefix, t, ids).html,
                lang: super::narrative::fallback_language(site, p),
            }
        })
        .collect()
}

/// Whether an edit of the narrative `slug` changes the full report.
pub fn report_shows(site: &Site, slug: &str) -> bool {
    site.pages
        .iter()
        .any(|p| p.slug == slug && p.report.is_some() && !p.draft)
}
