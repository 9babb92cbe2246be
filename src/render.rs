//! Render: turn the validated site and its computed report into pages through Tera templates.
//!
//! This module builds plain, serialisable views (what each template sees) and renders every page
//! in parallel. All links in views are relative to the site root; templates prefix them with
//! `root`, the way back from the page being rendered, so the site works under any sub-path and
//! from `file://`.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::value::Value;
use tera::{Context, Tera};

use crate::charts::{self, ChartView, RadarSeries, TrendLine};
use crate::compute::{self, Report};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::iso;
use crate::markdown;
use crate::resolved::{DimensionRef, Improvement, Page, Site};
use crate::theme::Theme;

/// One rendered page: where it goes and its HTML.
#[derive(Debug)]
pub struct RenderedPage {
    /// Path below the output root, `/`-separated.
    pub path: String,
    /// The HTML.
    pub html: String,
    /// Number of charts on the page.
    pub charts: usize,
    /// The template it was rendered with.
    pub template: &'static str,
    /// For narrative pages, the Markdown file and the links written in it, for the link check.
    pub narrative: Option<crate::links::Narrative>,
    /// Byte ranges of `html` that authors wrote (narratives) rather than the template: their
    /// links are checked against the Markdown, so the template check skips them.
    pub authored: Vec<std::ops::Range<usize>>,
}

/// The UI string table, with a visible fallback for keys a theme forgot.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The text for a key, or the key itself in brackets when the table lacks it.
    pub fn get(&self, key: &str) -> String {
        self.0
            .get(key)
            .cloned()
            .unwrap_or_else(|| format!("[{key}]"))
    }
}

/// Paths of the generated pages, relative to the site root.
pub mod paths {
    /// Home dashboard.
    pub const HOME: &str = "index.html";
    /// Assessment list.
    pub const ASSESSMENTS: &str = "assessments.html";
    /// Benchmark.
    pub const BENCHMARK: &str = "benchmark.html";
    /// IT QMS.
    pub const QMS: &str = "qms.html";
    /// Improvement plan.
    pub const IMPROVEMENTS: &str = "improvements.html";
    /// ISO/IEC 20000-1 coverage.
    pub const ISO: &str = "iso20000.html";
    /// The whole report on one page, for print and PDF.
    pub const REPORT: &str = "report.html";
    /// The list of every narrative page (written when some sit in sub-folders).
    pub const PAGES: &str = "pages.html";

    /// File-name form of an id (ids are validated to letters, digits, '.', '-', '_').
    pub fn slug(id: &str) -> String {
        id.to_ascii_lowercase()
    }
    /// One assessment.
    pub fn assessment(id: &str) -> String {
        format!("assessments/{}.html", slug(id))
    }
    /// One framework's overview.
    pub fn framework(id: &str) -> String {
        format!("frameworks/{}.html", slug(id))
    }
    /// One dimension.
    pub fn dimension(framework: &str, id: &str) -> String {
        format!("frameworks/{}/{}.html", slug(framework), slug(id))
    }
    /// A narrative page.
    pub fn page(slug: &str) -> String {
        format!("pages/{slug}.html")
    }
    /// Anchor of an improvement on the plan page.
    pub fn improvement(id: &str) -> String {
        format!("{IMPROVEMENTS}#{}", slug(id))
    }
    /// Anchor of a clause on the coverage page.
    pub fn clause(number: &str) -> String {
        format!("{ISO}#clause-{}", number.replace('.', "-"))
    }
    /// Anchor of a QMS component.
    pub fn qms(id: &str) -> String {
        format!("{QMS}#{}", slug(id))
    }
    /// The relative way from a page back to the site root (`""`, `"../"`, …).
    pub fn root_of(path: &str) -> String {
        "../".repeat(path.matches('/').count())
    }
}

#[derive(Debug, Clone, Serialize)]
struct SiteInfo {
    title: String,
    organisation: String,
    description: String,
    language: String,
    today: String,
    example_framework: bool,
}

#[derive(Debug, Clone, Serialize)]
struct NavItem {
    key: &'static str,
    label: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct Crumb {
    label: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct Link {
    label: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct Figure {
    value: Option<f64>,
    text: String,
    delta: Option<f64>,
    delta_text: String,
    trend: &'static str,
}

fn fmt1(v: Option<f64>, none: &str) -> String {
    v.map_or_else(|| none.to_owned(), |v| format!("{:.1}", charts::round1(v)))
}

fn signed(v: Option<f64>) -> String {
    match v {
        Some(v) if charts::round1(v) > 0.0 => format!("+{:.1}", charts::round1(v)),
        Some(v) if charts::round1(v) < 0.0 => format!("−{:.1}", charts::round1(v).abs()),
        Some(_) => "±0.0".to_owned(),
        None => String::new(),
    }
}

fn trend_of(v: Option<f64>) -> &'static str {
    match v.map(charts::round1) {
        Some(v) if v > 0.0 => "up",
        Some(v) if v < 0.0 => "down",
        Some(_) => "flat",
        None => "none",
    }
}

fn figure(value: Option<f64>, before: Option<f64>, none: &str) -> Figure {
    let delta = compute::delta(value, before);
    Figure {
        value: value.map(charts::round1),
        text: fmt1(value, none),
        delta: delta.map(charts::round1),
        delta_text: signed(delta),
        trend: trend_of(delta),
    }
}

#[derive(Debug, Clone, Serialize)]
struct AssessmentSummary {
    id: String,
    title: String,
    date: String,
    url: String,
    framework: String,
    assessor: String,
    index: Figure,
    rated: usize,
    total: usize,
}

#[derive(Debug, Clone, Serialize)]
struct ImprovementView {
    id: String,
    anchor: String,
    url: String,
    title: String,
    raised: String,
    raised_by: String,
    source: String,
    source_label: String,
    assessment: Option<Link>,
    description: String,
    justification: String,
    priority: String,
    priority_label: String,
    size: String,
    kpi: String,
    target: String,
    owner: String,
    due: String,
    status: &'static str,
    status_label: String,
    part: &'static str,
    part_label: String,
    direction: &'static str,
    direction_label: String,
    overdue: bool,
    clauses: Vec<Link>,
    dimensions: Vec<Link>,
    qms: Vec<Link>,
    expected_effect: String,
    measured_result: String,
    evidence: Vec<crate::resolved::Evidence>,
}

/// Everything rendering needs, computed once.
struct Ctx<'a> {
    site: &'a Site,
    report: &'a Report,
    t: Strings,
    improvements: Vec<ImprovementView>,
    /// `site`, `t` and `nav` as template values, built once and shared by every page.
    shared: [(&'static str, Value); 3],
    /// The improvements as template values, built once and shared by every list they are in.
    improvement_values: Vec<Value>,
    /// Positions of the improvements touching each dimension, clause and QMS component.
    by_dimension: HashMap<DimensionRef, Vec<usize>>,
    by_clause: HashMap<&'static str, Vec<usize>>,
    by_qms: Vec<Vec<usize>>,
}

/// Adds `k` to the list of `key`, once even when an improvement names the same thing twice.
fn index_into<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Vec<usize>>, key: K, k: usize) {
    let list = map.entry(key).or_default();
    if list.last() != Some(&k) {
        list.push(k);
    }
}

/// A JSON object as a template value, with one more key holding an already built value.
fn with_value(object: serde_json::Value, key: &'static str, value: Value) -> Value {
    let mut map = Value::from_serializable(&object)
        .into_map()
        .unwrap_or_default();
    map.insert(key.into(), value);
    Value::from(map)
}

fn serde_key<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl<'a> Ctx<'a> {
    fn dimension_link(&self, r: DimensionRef) -> Link {
        let fw = &self.site.frameworks[r.framework];
        let d = &fw.dimensions[r.dimension];
        Link {
            label: format!("{} {}", d.id, d.name),
            url: paths::dimension(&fw.id, &d.id),
        }
    }

    fn clause_link(&self, number: &str) -> Link {
        let title = iso::find(number).map_or("", |c| c.title);
        Link {
            label: format!("{number} {title}"),
            url: paths::clause(number),
        }
    }

    fn improvement_view(&self, i: &Improvement) -> ImprovementView {
        let t = &self.t;
        let source = serde_key(&i.source);
        let priority = serde_key(&i.priority);
        ImprovementView {
            id: i.id.clone(),
            anchor: paths::slug(&i.id),
            url: paths::improvement(&i.id),
            title: i.title.clone(),
            raised: i.raised.to_string(),
            raised_by: i.raised_by.clone(),
            source_label: t.get(&format!("source_{source}")),
            source,
            assessment: i.assessment.map(|a| {
                let a = &self.site.assessments[a];
                Link {
                    label: a.title.clone(),
                    url: paths::assessment(&a.id),
                }
            }),
            description: i.description.clone(),
            justification: i.justification.clone(),
            priority_label: t.get(&format!("priority_{priority}")),
            priority,
            size: i.size.map(|s| serde_key(&s)).unwrap_or_default(),
            kpi: i.kpi.clone(),
            target: i.target.clone(),
            owner: i.owner.clone(),
            due: i.due.map(|d| d.to_string()).unwrap_or_default(),
            status: i.status.key(),
            status_label: t.get(&format!("status_{}", i.status.key())),
            part: i.part.key(),
            part_label: t.get(&format!("part_{}", i.part.key())),
            direction: i.direction.key(),
            direction_label: t.get(&format!("direction_{}", i.direction.key())),
            overdue: compute::is_overdue(i.status, i.due, self.report.today),
            clauses: i.clauses.iter().map(|c| self.clause_link(c)).collect(),
            dimensions: i
                .dimensions
                .iter()
                .map(|d| self.dimension_link(*d))
                .collect(),
            qms: i
                .qms
                .iter()
                .map(|q| {
                    let q = &self.site.qms[*q];
                    Link {
                        label: format!("{} {}", q.id, q.name),
                        url: paths::qms(&q.id),
                    }
                })
                .collect(),
            expected_effect: i.expected_effect.clone(),
            measured_result: i.measured_result.clone(),
            evidence: i.evidence.clone(),
        }
    }

    /// The improvements at these positions as one list value.
    fn improvement_list(&self, positions: &[usize]) -> Value {
        Value::from(
            positions
                .iter()
                .map(|&k| self.improvement_values[k].clone())
                .collect::<Vec<_>>(),
        )
    }

    fn assessment_summary(&self, i: usize) -> AssessmentSummary {
        let a = &self.site.assessments[i];
        let fw = &self.site.frameworks[a.framework];
        let s = &self.report.scores[i];
        let before = self.report.previous[i].and_then(|p| self.report.scores[p].index);
        AssessmentSummary {
            id: a.id.clone(),
            title: a.title.clone(),
            date: a.date.to_string(),
            url: paths::assessment(&a.id),
            framework: fw.short_name.clone(),
            assessor: a.assessor.clone(),
            index: figure(s.index, before, &self.t.get("not_rated")),
            rated: s.rated,
            total: fw.dimensions.len(),
        }
    }

    /// The common part of every page's context.
    fn base(&self, path: &str, key: &str, title: &str, crumbs: Vec<Crumb>) -> Context {
        let mut c = Context::new();
        c.insert("root", &paths::root_of(path));
        for (key, value) in &self.shared {
            c.insert_value(*key, value.clone());
        }
        c.insert("current", key);
        c.insert("page_title", title);
        c.insert("breadcrumbs", &crumbs);
        c
    }

    fn home_crumb(&self) -> Crumb {
        Crumb {
            label: self.t.get("nav_home"),
            url: paths::HOME.to_owned(),
        }
    }
}

/// A page to render: output path, template and context.
struct Job {
    path: String,
    template: &'static str,
    context: Context,
    charts: usize,
    narrative: Option<crate::links::Narrative>,
    /// Narrative HTML the template places in the page, in the order it writes it.
    authored: Vec<String>,
}

/// Builds the Tera instance from the theme's templates.
pub fn templates(theme: &Theme, diags: &mut Diagnostics) -> Option<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
    tera.set_escape_fn(escape_html);
    if let Err(e) = tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    ) {
        diags.push(
            Diagnostic::in_file(
                Severity::Error,
                "themes",
                format!("a theme template does not parse: {}", error_chain(&e)),
            )
            .expected("templates written in Tera 2 syntax, like those of the built-in theme"),
        );
        return None;
    }
    Some(tera)
}

/// Escapes text for HTML exactly as Tera does by default (`&`, `<`, `>`, `"` and `'`), but
/// writes the runs between those characters whole: Tera's own function writes byte by byte,
/// and was a tenth of the instructions of a large build.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

/// The jobs of a full build: every generated page and every narrative.
fn all_jobs(ctx: &Ctx) -> Vec<Job> {
    let site = ctx.site;
    let mut extra = Vec::new();
    if site.pages.iter().any(|p| p.slug.contains('/')) {
        extra.push(pages_index(ctx));
    }
    let mut jobs = vec![
        home(ctx),
        report(ctx),
        assessments_list(ctx),
        benchmark(ctx),
        qms(ctx),
        improvements(ctx),
        iso_coverage(ctx),
    ];
    jobs.extend((0..site.assessments.len()).map(|i| assessment(ctx, i)));
    for f in 0..site.frameworks.len() {
        jobs.push(framework(ctx, f));
        jobs.extend((0..site.frameworks[f].dimensions.len()).map(|d| dimension(ctx, f, d)));
    }
    jobs.extend(extra);
    jobs
}

/// Every narrative page with its summary, so that pages in sub-folders are reachable.
fn pages_index(ctx: &Ctx) -> Job {
    let mut c = ctx.base(
        paths::PAGES,
        "pages",
        &ctx.t.get("nav_pages"),
        vec![ctx.home_crumb()],
    );
    let list: Vec<serde_json::Value> = ctx
        .site
        .pages
        .iter()
        .map(|p| serde_json::json!({"title": p.title, "summary": p.summary, "url": paths::page(&p.slug), "slug": p.slug}))
        .collect();
    c.insert("pages", &list);
    Job {
        path: paths::PAGES.to_owned(),
        template: "pages.html",
        context: c,
        charts: 0,
        narrative: None,
        authored: Vec::new(),
    }
}

/// Renders every page of the site, or only the narrative page `only` (a slug) when given, with
/// the full report when the narrative is part of it: an edited narrative whose title and order
/// did not change affects no other page.
pub fn render_site(
    site: &Site,
    report: &Report,
    theme: &Theme,
    tera: &Tera,
    only: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<RenderedPage> {
    let t = Strings(theme.strings.clone());
    let mut nav = vec![NavItem {
        key: "home",
        label: t.get("nav_home"),
        url: paths::HOME.to_owned(),
    }];
    let main_fw = &site.frameworks[site.main_framework];
    for (key, url) in [
        ("assessments", paths::ASSESSMENTS.to_owned()),
        ("framework", paths::framework(&main_fw.id)),
        ("benchmark", paths::BENCHMARK.to_owned()),
        ("qms", paths::QMS.to_owned()),
        ("improvements", paths::IMPROVEMENTS.to_owned()),
        ("iso", paths::ISO.to_owned()),
        ("report", paths::REPORT.to_owned()),
    ] {
        nav.push(NavItem {
            key,
            label: t.get(&format!("nav_{key}")),
            url,
        });
    }
    // Only pages at the top of content/pages/ are in the navigation: listing every page of a
    // large site on every page would make the output grow with the square of the page count.
    for p in site.pages.iter().filter(|p| !p.slug.contains('/')) {
        nav.push(NavItem {
            key: "page",
            label: p.title.clone(),
            url: paths::page(&p.slug),
        });
    }
    // Pages in sub-folders are reached through the list of all pages.
    if site.pages.iter().any(|p| p.slug.contains('/')) {
        nav.push(NavItem {
            key: "pages",
            label: t.get("nav_pages"),
            url: paths::PAGES.to_owned(),
        });
    }
    let info = SiteInfo {
        title: site.config.title.clone(),
        organisation: site.config.organisation.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        today: report.today.to_string(),
        example_framework: site.frameworks.iter().any(|f| f.example),
    };
    let shared = [
        ("site", Value::from_serializable(&info)),
        ("t", Value::from_serializable(&t)),
        ("nav", Value::from_serializable(&nav)),
    ];
    let mut ctx = Ctx {
        site,
        report,
        t,
        improvements: Vec::new(),
        shared,
        improvement_values: Vec::new(),
        by_dimension: HashMap::new(),
        by_clause: HashMap::new(),
        by_qms: vec![Vec::new(); site.qms.len()],
    };
    ctx.improvements = site
        .improvements
        .iter()
        .map(|i| ctx.improvement_view(i))
        .collect();
    ctx.improvement_values = ctx
        .improvements
        .iter()
        .map(Value::from_serializable)
        .collect();
    for (k, i) in site.improvements.iter().enumerate() {
        for d in &i.dimensions {
            index_into(&mut ctx.by_dimension, *d, k);
        }
        for c in &i.clauses {
            index_into(&mut ctx.by_clause, *c, k);
        }
        for &q in &i.qms {
            if let Some(list) = ctx.by_qms.get_mut(q) {
                if list.last() != Some(&k) {
                    list.push(k);
                }
            }
        }
    }

    let render = |job: Job| {
        match tera.render(job.template, &job.context) {
        Ok(mut html) => Ok(RenderedPage {
            authored: {
                // Thousands of pages are held until written: give back what the buffer
                // grew beyond the page.
                html.shrink_to_fit();
                crate::links::locate(&html, &job.authored)
            },
            path: job.path,
            html,
            charts: job.charts,
            template: job.template,
            narrative: job.narrative,
        }),
        Err(e) => Err(Box::new(
            Diagnostic::in_file(
                Severity::Error,
                format!("themes/{}/templates/{}", site.config.theme, job.template),
                format!("rendering {} failed: {}", job.path, error_chain(&e)),
            )
            .expected(
                "a template that uses only the values qmsite gives it (see the built-in theme's templates)",
            ),
        )),
    }
    };
    let results: Vec<Result<RenderedPage, Box<Diagnostic>>> = match only {
        Some(slug) => {
            let mut jobs: Vec<Job> = site
                .pages
                .iter()
                .filter(|p| p.slug == slug)
                .map(|p| page(&ctx, p))
                .collect();
            if report_shows(site, slug) {
                jobs.push(self::report(&ctx));
            }
            jobs.into_par_iter().map(render).collect()
        }
        None => {
            let mut results: Vec<_> = all_jobs(&ctx).into_par_iter().map(render).collect();
            // Narrative pages are most of a large site: each is converted from Markdown and
            // rendered in one go on any core, so only its finished HTML is kept.
            results.par_extend(site.pages.par_iter().map(|p| render(page(&ctx, p))));
            results
        }
    };
    let mut pages = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(d) => diags.push(*d),
        }
    }
    pages
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}

/// The scale maximum of a framework, the top of every chart axis.
fn scale_max(site: &Site, f: usize) -> f64 {
    site.frameworks[f].scale.last().map_or(100.0, |l| l.value)
}

fn main_benchmark(site: &Site, framework: usize) -> Option<usize> {
    site.benchmarks
        .iter()
        .position(|b| b.framework == framework)
}

#[derive(Debug, Clone, Serialize)]
struct DomainRow {
    id: String,
    name: String,
    score: Figure,
    peer_median: String,
}

#[derive(Debug, Clone, Serialize)]
struct Mover {
    id: String,
    name: String,
    url: String,
    value: String,
    delta: String,
    trend: &'static str,
}

/// The profile charts of a framework: the domain radar (latest, previous, peer median) and the
/// index trend.
fn profile_charts(
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

/// The whole report on one page: executive summary, method, profile, findings, improvements,
/// benchmark, ISO coverage and an appendix with every rating and note, in print order.
fn report(ctx: &Ctx) -> Job {
    let site = ctx.site;
    let t = &ctx.t;
    let f = site.main_framework;
    let latest = compute::latest_of(site, f);
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
                "content": markdown::render_in(&p.markdown, "", "pages/", &prefix).html,
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
    charts.extend(crate::page_charts::framework(site, ctx.report, t, f));
    let improvement_charts = crate::page_charts::improvements(site, ctx.report, t);
    let benchmark_charts: Vec<ChartView> = (0..site.benchmarks.len())
        .flat_map(|b| crate::page_charts::benchmark(site, ctx.report, t, b))
        .collect();
    let coverage_charts = vec![crate::page_charts::coverage(ctx.report, t)];
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

fn home(ctx: &Ctx) -> Job {
    let site = ctx.site;
    let report = ctx.report;
    let t = &ctx.t;
    let f = site.main_framework;
    let fw = &site.frameworks[f];
    let latest = compute::latest_of(site, f);
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
fn movers(ctx: &Ctx, latest: usize, previous: Option<usize>) -> serde_json::Value {
    let site = ctx.site;
    let fw = &site.frameworks[site.assessments[latest].framework];
    let Some(p) = previous else {
        return serde_json::json!({"up": [], "down": [], "strongest": ranked(ctx, latest, true), "weakest": ranked(ctx, latest, false)});
    };
    let now = &ctx.report.scores[latest].dimensions;
    let before = &ctx.report.scores[p].dimensions;
    let mut moved: Vec<(f64, usize)> = (0..fw.dimensions.len())
        .filter_map(|d| compute::delta(now[d], before[d]).map(|x| (x, d)))
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
fn ranked(ctx: &Ctx, assessment: usize, highest: bool) -> Vec<Mover> {
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

fn cycle_view(ctx: &Ctx) -> serde_json::Value {
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

fn trend_chart(ctx: &Ctx, f: usize) -> ChartView {
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

fn framework_info(ctx: &Ctx, f: usize) -> serde_json::Value {
    let fw = &ctx.site.frameworks[f];
    serde_json::json!({
        "id": fw.id,
        "name": fw.name,
        "short_name": fw.short_name,
        "description": fw.description,
        "example": fw.example,
        "unit": fw.unit,
        "url": paths::framework(&fw.id),
        "dimension_count": fw.dimensions.len(),
        "domain_count": fw.domains.len(),
        "scale": fw.scale,
    })
}

fn assessments_list(ctx: &Ctx) -> Job {
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

fn level_label(ctx: &Ctx, f: usize, level: Option<usize>) -> String {
    level
        .and_then(|l| ctx.site.frameworks[f].scale.get(l))
        .map_or_else(|| ctx.t.get("not_rated"), |l| l.label.clone())
}

fn assessment(ctx: &Ctx, i: usize) -> Job {
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
fn assessment_domains(ctx: &Ctx, i: usize) -> Vec<serde_json::Value> {
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

fn framework(ctx: &Ctx, f: usize) -> Job {
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
    charts.extend(crate::page_charts::framework(site, ctx.report, &ctx.t, f));
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

fn dimension(ctx: &Ctx, f: usize, d: usize) -> Job {
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

fn benchmark(ctx: &Ctx) -> Job {
    let mut c = ctx.base(
        paths::BENCHMARK,
        "benchmark",
        &ctx.t.get("nav_benchmark"),
        vec![ctx.home_crumb()],
    );
    c.insert("benchmarks", &benchmark_list(ctx));
    let charts: Vec<Vec<ChartView>> = (0..ctx.site.benchmarks.len())
        .map(|b| crate::page_charts::benchmark(ctx.site, ctx.report, &ctx.t, b))
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
fn benchmark_list(ctx: &Ctx) -> Vec<serde_json::Value> {
    let site = ctx.site;
    let none = ctx.t.get("not_rated");
    let fig = |p: &compute::PeerFigure, digits: usize| {
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
                "small": b.group.len() < compute::SMALL_GROUP,
                "peers": peers,
            })
        })
        .collect();
    list
}

fn qms(ctx: &Ctx) -> Job {
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
        vec![crate::page_charts::qms(site, t)]
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

fn improvements(ctx: &Ctx) -> Job {
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
    let parts: Vec<serde_json::Value> = crate::model::improvement::Part::ALL
        .iter()
        .map(|p| serde_json::json!({"key": p.key(), "label": t.get(&format!("part_{}", p.key())), "count": ctx.report.register.by_part.get(p.key()).copied().unwrap_or(0)}))
        .collect();
    let directions: Vec<serde_json::Value> = crate::model::Direction::ALL
        .iter()
        .map(|d| serde_json::json!({"key": d.key(), "label": t.get(&format!("direction_{}", d.key())), "count": ctx.report.register.by_direction.get(d.key()).copied().unwrap_or(0)}))
        .collect();
    let statuses: Vec<serde_json::Value> = crate::model::improvement::Status::ALL
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
    let charts = crate::page_charts::improvements(ctx.site, ctx.report, &ctx.t);
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

fn iso_coverage(ctx: &Ctx) -> Job {
    let t = &ctx.t;
    let mut c = ctx.base(paths::ISO, "iso", &t.get("nav_iso"), vec![ctx.home_crumb()]);
    let (groups, levels) = coverage_data(ctx);
    c.insert_value("groups", Value::from(groups));
    c.insert("levels", &levels);
    c.insert(
        "charts",
        &[crate::page_charts::coverage(ctx.report, &ctx.t)],
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
fn coverage_data(ctx: &Ctx) -> (Vec<Value>, Vec<serde_json::Value>) {
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
                    let level = cov.map_or(compute::NOT_ASSESSED, |c| c.level.key());
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
    let levels: Vec<serde_json::Value> = crate::model::coverage::CoverageLevel::ALL
        .iter()
        .rev()
        .map(|l| l.key())
        .chain([compute::NOT_ASSESSED])
        .map(|k| serde_json::json!({"key": k, "label": t.get(&format!("coverage_{k}")), "count": ctx.report.coverage_totals.get(k).copied().unwrap_or(0)}))
        .collect();
    (groups, levels)
}

fn page(ctx: &Ctx, p: &crate::resolved::Page) -> Job {
    let path = paths::page(&p.slug);
    let root = paths::root_of(&path);
    let rendered = markdown::render(&p.markdown, &root);
    // Lines are counted from the previous link on (links come in document order), so a page
    // with many links is still read once.
    let mut counted = (0, 0);
    let links = rendered
        .links
        .iter()
        .map(|(url, offset)| {
            let before = p.markdown.get(..*offset).unwrap_or("");
            if counted.0 > before.len() {
                counted = (0, 0);
            }
            counted.1 += before[counted.0..].matches('\n').count();
            counted.0 = before.len();
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let rest = p.markdown.get(line_start..).unwrap_or("");
            let text = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
            crate::links::AuthorLink {
                text: text.to_owned(),
                url: url.clone(),
                line: p.body_line + counted.1,
                col: before[line_start..].chars().count() + 1,
            }
        })
        .collect();
    let mut c = ctx.base(&path, "page", &p.title, vec![ctx.home_crumb()]);
    c.insert("page", &serde_json::json!({
        "title": p.title,
        "summary": p.summary,
        "content": rendered.html,
        "toc": rendered.headings.iter().map(|(l, id, text)| serde_json::json!({"level": l, "id": id, "text": text})).collect::<Vec<_>>(),
    }));
    Job {
        path,
        template: "page.html",
        context: c,
        charts: 0,
        narrative: Some(crate::links::Narrative {
            file: p.file.clone(),
            links,
        }),
        authored: vec![rendered.html],
    }
}

#[cfg(test)]
mod tests {
    use super::paths;

    #[test]
    fn roots_climb_one_level_per_folder() {
        assert_eq!(paths::root_of("index.html"), "");
        assert_eq!(paths::root_of("assessments/2026.html"), "../");
        assert_eq!(paths::root_of("frameworks/itqi/d1.1.html"), "../../");
        assert_eq!(paths::clause("8.5.1"), "iso20000.html#clause-8-5-1");
    }

    fn escaped(f: tera::EscapeFn, input: &str) -> Vec<u8> {
        let mut out = Vec::new();
        f(input, &mut out).expect("write to a Vec");
        out
    }

    #[test]
    fn escaping_writes_what_teras_own_escaping_writes() {
        let ours: tera::EscapeFn = super::escape_html;
        for input in [
            "",
            "plain",
            "<a href=\"x\">R&D's</a>",
            "&&",
            "Qualität <ü>'",
            "'",
        ] {
            assert_eq!(
                escaped(ours, input),
                escaped(tera::escape_html, input),
                "{input}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn escaping_matches_tera_on_any_text(input in "(.|[<>&\"'])*") {
            let ours: tera::EscapeFn = super::escape_html;
            proptest::prop_assert_eq!(escaped(ours, &input), escaped(tera::escape_html, &input));
        }
    }
}
