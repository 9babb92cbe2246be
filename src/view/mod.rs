//! Views: what each page's template receives, one typed view per page kind, built by a pure
//! function from the validated site, the computed report and the page plan.
//!
//! All links in views are relative to the site root; templates prefix them with `root`, the way
//! back from the page being rendered, so the site works under any sub-path and from `file://`.
//! `qmsite schema` writes the JSON Schema of every page kind's context for theme authors.

mod assessment;
mod benchmark;
mod changes;
pub mod common;
mod compare;
mod compare_any;
mod coverage;
mod cycle;
mod framework;
mod full_report;
mod history;
mod home;
mod improvements;
mod movers;
mod narrative;
pub mod page_charts;
mod print;
mod profile;
mod qms;
mod text;
mod units;

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;
use typed_index_collections::TiVec;

use crate::plan::{MenuItem, PageKind, Plan, PlanId, PlannedPage, paths};
use crate::render::Narrative;
use crate::render::strings::Strings;
use crate::report::Report;
use crate::site::{DimensionRef, ImprovementId, QmsId, Site};

pub use assessment::{AssessmentListView, AssessmentView};
pub use benchmark::BenchmarkView;
pub use changes::ChangesView;
use common::ImprovementView;
pub use compare::{ComparePageView, ComparisonView};
pub use coverage::CoverageView;
pub use framework::{DimensionView, FrameworkView};
pub use full_report::{FullReportView, report_shows};
pub use history::{HistoryInfo, LastChanged, TimelineStep};
pub use home::HomeView;
pub use improvements::ImprovementsView;
pub use narrative::{NarrativeView, PagesIndexView};
pub use qms::QmsView;
pub use units::UnitsView;

/// The not-found page's view: it shows only what every page shares (its words are the theme's).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NotFoundView {}

/// What every page of a site shares, built once per build and given to every template.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Shared {
    /// The site's own facts.
    pub site: SiteInfo,
    /// The UI strings of the site's language.
    pub t: Strings,
    /// The top navigation.
    pub nav: Vec<MenuItem>,
}

/// The site's facts every page shows.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SiteInfo {
    /// Site title.
    pub title: String,
    /// The organisation reported on.
    pub organisation: String,
    /// A short description for the home page.
    pub description: String,
    /// Language code.
    pub language: String,
    /// The build date as the site's language writes it.
    pub today: String,
    /// Some framework of the site is an example: pages say so.
    pub example_framework: bool,
    /// The commit the site was built from, when it is in git.
    pub history: Option<HistoryInfo>,
    /// The organisation's look: logo, accent colour, extra stylesheet, confidentiality line.
    pub brand: crate::site::Brand,
    /// The site assesses several organisational units: pages name the unit of every figure.
    pub several_units: bool,
    /// The paper size of the printed report, as CSS names it (`A4`, `letter`).
    pub paper: &'static str,
}

/// Where a page sits: what every template receives besides its view.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Frame {
    /// The way back from the page to the site root (`""`, `"../"`…), prefixed to every link.
    pub root: String,
    /// The navigation section the page belongs to.
    pub current: &'static str,
    /// The page's title.
    pub page_title: String,
    /// The pages above it, from the home page down.
    pub breadcrumbs: Vec<common::Link>,
    /// Its address where the site is published, when the configuration gives `base_url`.
    pub canonical: Option<String>,
    /// The last commit that changed what the page shows, when the site is in git.
    pub last_changed: Option<LastChanged>,
    /// The same page in each language the site is built in (empty when it has one language).
    pub languages: Vec<LanguageLink>,
}

/// The same page in one of the site's languages, for the language switcher.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LanguageLink {
    /// The language's code (`en`, `cs`), given as the link's `lang` and `hreflang`.
    pub code: String,
    /// The language's name in itself ("Čeština"), the link's text: a reader looks for their own
    /// language by the name they know it by.
    pub name: String,
    /// The page in that language, relative to this page.
    pub href: String,
    /// This page's own language.
    pub current: bool,
}

/// The whole context of one page kind's template, as `qmsite schema` documents it.
#[derive(Serialize, JsonSchema)]
pub struct TemplateContext<V> {
    /// What every page shares.
    #[serde(flatten)]
    pub shared: Shared,
    /// Where the page sits.
    #[serde(flatten)]
    pub frame: Frame,
    /// The page's own view.
    #[serde(flatten)]
    pub view: V,
}

/// One page's view, of the kind the plan says. One exists per page being rendered, briefly, so
/// the size of its largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize)]
#[serde(untagged)]
pub enum PageView<'a> {
    /// The dashboard.
    Home(HomeView<'a>),
    /// The full report.
    FullReport(FullReportView<'a>),
    /// The list of assessments.
    Assessments(AssessmentListView),
    /// One assessment.
    Assessment(AssessmentView),
    /// Two assessments compared.
    Comparison(ComparePageView),
    /// What changed between two published reports.
    Changes(ChangesView),
    /// One framework.
    Framework(FrameworkView),
    /// One dimension.
    Dimension(DimensionView<'a>),
    /// The benchmark.
    Benchmark(BenchmarkView),
    /// The IT QMS.
    Qms(QmsView<'a>),
    /// The improvement plan.
    Improvements(ImprovementsView<'a>),
    /// ISO/IEC 20000-1 coverage.
    Coverage(CoverageView<'a>),
    /// A narrative.
    Narrative(NarrativeView),
    /// A page of the list of narratives.
    PagesIndex(PagesIndexView),
    /// The page shown for an address the site does not have.
    NotFound(NotFoundView),
    /// The organisational units.
    Units(UnitsView),
}

impl PageView<'_> {
    /// Every chart on the page, in the order the default theme shows them, for drawing them at
    /// build time.
    pub fn charts_mut(&mut self) -> Vec<&mut crate::render::charts::ChartView> {
        match self {
            PageView::Home(v) => v.charts.iter_mut().collect(),
            PageView::FullReport(v) => v
                .charts
                .iter_mut()
                .chain(&mut v.qms.charts)
                .chain(&mut v.improvement_charts)
                .chain(&mut v.benchmark_charts)
                .chain(&mut v.coverage_charts)
                .collect(),
            PageView::Framework(v) => v.units.iter_mut().flat_map(|u| &mut u.charts).collect(),
            PageView::Dimension(v) => v.units.iter_mut().flat_map(|u| &mut u.charts).collect(),
            PageView::Benchmark(v) => v
                .benchmark_charts
                .iter_mut()
                .flat_map(page_charts::BenchmarkCharts::all_mut)
                .collect(),
            PageView::Qms(v) => v.charts.iter_mut().collect(),
            PageView::Improvements(v) => v.charts.iter_mut().collect(),
            PageView::Coverage(v) => v.charts.iter_mut().collect(),
            PageView::Assessment(v) => vec![&mut v.glance.chart],
            PageView::Assessments(_)
            | PageView::Comparison(_)
            | PageView::Changes(_)
            | PageView::Narrative(_)
            | PageView::PagesIndex(_)
            | PageView::NotFound(_)
            | PageView::Units(_) => Vec::new(),
        }
    }
}

/// A page's view with what the link check needs to know about it.
pub struct Built<'a> {
    /// The view.
    pub view: PageView<'a>,
    /// Charts on the page.
    pub charts: usize,
    /// For narrative pages, the Markdown file and the links written in it.
    pub narrative: Option<Narrative>,
    /// HTML written by authors that the template places in the page, in the order it does.
    pub authored: Vec<String>,
}

impl<'a> Built<'a> {
    fn plain(view: PageView<'a>, charts: usize) -> Built<'a> {
        Built {
            view,
            charts,
            narrative: None,
            authored: Vec::new(),
        }
    }
}

/// Everything the views of one build share, computed once.
pub struct Ctx<'a> {
    site: &'a Site,
    report: &'a Report,
    plan: &'a Plan,
    t: Strings,
    improvements: TiVec<ImprovementId, ImprovementView>,
    by_dimension: HashMap<DimensionRef, Vec<ImprovementId>>,
    by_clause: HashMap<&'static str, Vec<ImprovementId>>,
    by_qms: TiVec<QmsId, Vec<ImprovementId>>,
    /// Where each improvement's and IT QMS component's id leads, for linking ids in free text.
    pub(super) id_urls: HashMap<String, String>,
}

/// Adds `id` to a list once, even when an improvement names the same thing twice.
fn push_once(list: &mut Vec<ImprovementId>, id: ImprovementId) {
    if list.last() != Some(&id) {
        list.push(id);
    }
}

impl<'a> Ctx<'a> {
    /// Prepares the views of one build: the improvements as every view shows them, and which
    /// improvements touch each dimension, clause and QMS component.
    pub fn new(site: &'a Site, report: &'a Report, plan: &'a Plan, t: Strings) -> Ctx<'a> {
        let mut ctx = Ctx {
            site,
            report,
            plan,
            t,
            improvements: TiVec::new(),
            by_dimension: HashMap::new(),
            by_clause: HashMap::new(),
            by_qms: vec![Vec::new(); site.qms.len()].into(),
            id_urls: HashMap::new(),
        };
        // First where each improvement and IT QMS component is, so that free text naming one
        // (the improvements' own texts too) links it.
        ctx.id_urls = site
            .improvements
            .iter()
            .map(|i| (i.id.clone(), paths::improvement(&i.id)))
            .chain(site.qms.iter().map(|q| (q.id.clone(), paths::qms(&q.id))))
            .collect();
        ctx.improvements = site
            .improvements
            .iter()
            .map(|i| ctx.improvement_view(i))
            .collect();
        for (id, i) in site.improvements.iter_enumerated() {
            for d in &i.dimensions {
                push_once(ctx.by_dimension.entry(*d).or_default(), id);
            }
            for c in &i.clauses {
                push_once(ctx.by_clause.entry(*c).or_default(), id);
            }
            for &q in &i.qms {
                push_once(&mut ctx.by_qms[q], id);
            }
        }
        ctx
    }

    /// Free text (an assessor's note, a remark) with each improvement's id linked to it.
    pub(super) fn linked(&self, text: &str) -> Vec<text::TextPart> {
        text::linked(text, &self.id_urls)
    }

    /// What every page shares.
    pub fn shared(&self) -> Shared {
        Shared {
            site: SiteInfo {
                title: self.site.config.title.clone(),
                organisation: self.site.config.organisation.clone(),
                description: self.site.config.description.clone(),
                language: self.site.config.language.clone(),
                today: self.t.date(self.report.today),
                example_framework: self.site.frameworks.iter().any(|f| f.example),
                history: self.history_info(),
                brand: self.site.config.brand.clone(),
                several_units: self.site.several_units(),
                paper: self.site.config.paper.css(),
            },
            t: self.t.clone(),
            nav: self.plan.menu.clone(),
        }
    }

    /// Where a planned page sits.
    pub fn frame(&self, id: PlanId) -> Frame {
        let page = &self.plan.pages[id];
        Frame {
            root: paths::root_of(&page.path),
            current: page.kind.section(),
            page_title: page.title.clone(),
            breadcrumbs: self
                .plan
                .ancestors(id)
                .into_iter()
                .map(|a| common::Link {
                    label: self.plan.pages[a].title.clone(),
                    url: self.plan.pages[a].path.clone(),
                })
                .collect(),
            canonical: (!self.site.config.base_url.is_empty())
                .then(|| format!("{}{}", self.site.config.base_url, page.path)),
            last_changed: self.last_changed(page.kind),
            // The not-found page exists in the default language only.
            languages: if page.kind == PageKind::NotFound {
                Vec::new()
            } else {
                self.language_links(&page.path)
            },
        }
    }

    /// The page at `path` in every language of the site: from this language's folder up to the
    /// output root, then down into the other's.
    fn language_links(&self, path: &str) -> Vec<LanguageLink> {
        let config = &self.site.config;
        if config.languages.len() < 2 {
            return Vec::new();
        }
        let to_root = format!(
            "{}{}",
            paths::root_of(path),
            paths::root_of(&config.prefix())
        );
        config
            .languages
            .iter()
            .map(|code| {
                let prefix = config.prefix_of(code);
                LanguageLink {
                    name: config
                        .language_names
                        .get(code)
                        .cloned()
                        .unwrap_or_else(|| code.to_uppercase()),
                    code: code.clone(),
                    href: format!("{to_root}{prefix}{path}"),
                    current: *code == config.language,
                }
            })
            .collect()
    }

    /// The improvements with these ids, as views.
    fn improvement_list(&self, ids: &[ImprovementId]) -> Vec<&ImprovementView> {
        ids.iter().map(|&i| &self.improvements[i]).collect()
    }

    /// Builds the view of a planned page.
    pub fn build(&'a self, page: &PlannedPage) -> Built<'a> {
        match page.kind {
            PageKind::Home => home::home(self),
            PageKind::FullReport => full_report::full_report(self),
            PageKind::Assessments => assessment::list(self),
            PageKind::Assessment(a) => assessment::assessment(self, a),
            PageKind::Comparison(a, b) => compare::page(self, a, b),
            PageKind::WhatChanged => changes::changes(self),
            PageKind::Framework(f) => framework::framework(self, f),
            PageKind::Dimension(d) => framework::dimension(self, d),
            PageKind::Benchmark => benchmark::benchmark(self),
            PageKind::Qms => qms::qms(self),
            PageKind::Improvements => improvements::improvements(self),
            PageKind::Coverage => coverage::coverage(self),
            PageKind::Narrative(p) => narrative::narrative(self, p, &page.path),
            PageKind::PagesIndex(n) => narrative::pages_index(self, n),
            PageKind::NotFound => Built::plain(PageView::NotFound(NotFoundView {}), 0),
            PageKind::Units => units::units(self),
        }
    }
}
