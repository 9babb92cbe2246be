//! Views: what each page's template receives, built from the validated site and its computed
//! report.
//!
//! All links in views are relative to the site root; templates prefix them with `root`, the way
//! back from the page being rendered, so the site works under any sub-path and from `file://`.

mod assessment;
mod benchmark;
mod coverage;
mod framework;
mod full_report;
mod home;
mod improvements;
mod narrative;
pub mod page_charts;
mod qms;

use std::collections::HashMap;

use serde::Serialize;
use tera::Context;
use tera::value::Value;

use crate::iso;
use crate::plan::paths;
use crate::render::charts::{self};
use crate::render::strings::Strings;
use crate::report::{self, Report};
use crate::site::{DimensionRef, Improvement, Site};

use assessment::{assessment_domains, level_label};
use benchmark::benchmark_list;
use coverage::coverage_data;
pub use full_report::{full_report, report_shows};
use home::{cycle_view, profile_charts, trend_chart};
pub use narrative::narrative_page;

#[derive(Debug, Clone, Serialize)]
struct SiteInfo {
    title: String,
    organisation: String,
    description: String,
    language: String,
    today: String,
    example_framework: bool,
    brand: crate::site::Brand,
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
    let delta = report::delta(value, before);
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
    evidence: Vec<crate::site::Evidence>,
}

/// Everything rendering needs, computed once.
pub struct Ctx<'a> {
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
            overdue: report::is_overdue(i.status, i.due, self.report.today),
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
pub struct Job {
    pub path: String,
    pub template: &'static str,
    pub context: Context,
    pub charts: usize,
    pub narrative: Option<crate::render::Narrative>,
    /// Narrative HTML the template places in the page, in the order it writes it.
    pub authored: Vec<String>,
}

/// The jobs of a full build: every generated page and every narrative.
pub fn all_jobs(ctx: &Ctx) -> Vec<Job> {
    let site = ctx.site;
    let mut extra = Vec::new();
    if site.pages.iter().any(|p| p.slug.contains('/')) {
        extra.push(narrative::pages_index(ctx));
    }
    let mut jobs = vec![
        home::home(ctx),
        full_report::full_report(ctx),
        assessment::assessments_list(ctx),
        benchmark::benchmark(ctx),
        qms::qms(ctx),
        improvements::improvements(ctx),
        coverage::iso_coverage(ctx),
    ];
    jobs.extend((0..site.assessments.len()).map(|i| assessment::assessment(ctx, i)));
    for f in 0..site.frameworks.len() {
        jobs.push(framework::framework(ctx, f));
        jobs.extend(
            (0..site.frameworks[f].dimensions.len()).map(|d| framework::dimension(ctx, f, d)),
        );
    }
    jobs.extend(extra);
    jobs.push(not_found(ctx));
    jobs
}

/// The page a web server (or `qmsite serve`) shows for an address the site does not have.
fn not_found(ctx: &Ctx) -> Job {
    let title = ctx.t.get("not_found_title");
    let c = ctx.base(NOT_FOUND, "404", &title, Vec::new());
    Job {
        path: NOT_FOUND.to_owned(),
        template: "404.html",
        context: c,
        charts: 0,
        narrative: None,
        authored: Vec::new(),
    }
}

/// Where the not-found page is written, at the top of the output.
pub const NOT_FOUND: &str = "404.html";

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

impl<'a> Ctx<'a> {
    /// Everything the views of one build share, computed once: the strings, the navigation, the
    /// improvements as template values and which improvements touch each dimension, clause and
    /// QMS component.
    pub fn new(
        site: &'a Site,
        report: &'a Report,
        strings: &std::collections::BTreeMap<String, String>,
    ) -> Ctx<'a> {
        let t = Strings(strings.clone());
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
            brand: site.config.brand.clone(),
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
        ctx
    }
}
