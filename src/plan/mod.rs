//! The page plan: every page a build renders, what it shows, where it goes and where it sits.
//!
//! [`plan`] is the one list of pages: rendering walks it, the navigation and breadcrumbs come from
//! it, the progress bar counts it, `serve` finds an edited narrative's page in it, the link
//! check and the search index read the pages it produced. Nothing else keeps a list of pages.

pub mod paths;

use serde::Serialize;
use typed_index_collections::TiVec;

use crate::render::strings::Strings;
use crate::report::Report;
use crate::site::{AssessmentId, DimensionRef, FrameworkId, PageId, Site};

/// Narratives listed on one page of the list of all pages, so that the list stays small
/// however many narratives a site holds.
pub const PAGES_PER_INDEX: usize = 100;

/// What a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The dashboard.
    Home,
    /// The whole report on one page.
    FullReport,
    /// The list of assessments.
    Assessments,
    /// One assessment.
    Assessment(AssessmentId),
    /// Two consecutive assessments of one framework compared: the older, then the newer.
    Comparison(AssessmentId, AssessmentId),
    /// What changed between the two latest published reports (from the git history).
    WhatChanged,
    /// One framework's overview.
    Framework(FrameworkId),
    /// One dimension: its history, notes and linked improvements.
    Dimension(DimensionRef),
    /// The quality/cost benchmark.
    Benchmark,
    /// The IT QMS.
    Qms,
    /// The improvement plan.
    Improvements,
    /// ISO/IEC 20000-1 coverage.
    Coverage,
    /// A narrative page.
    Narrative(PageId),
    /// One page of the list of every narrative (numbered from 1).
    PagesIndex(usize),
    /// The organisational units, for a site that assesses several.
    Units,
    /// The page web servers (and `qmsite serve`) show for an address the site does not have;
    /// linked from nowhere and left out of the sitemap.
    NotFound,
}

impl PageKind {
    /// The template that renders this kind of page.
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home => "index.html",
            PageKind::FullReport => "report.html",
            PageKind::Assessments => "assessments.html",
            PageKind::Assessment(_) => "assessment.html",
            PageKind::Comparison(..) => "compare.html",
            PageKind::WhatChanged => "changes.html",
            PageKind::Framework(_) => "framework.html",
            PageKind::Dimension(_) => "dimension.html",
            PageKind::Benchmark => "benchmark.html",
            PageKind::Qms => "qms.html",
            PageKind::Improvements => "improvements.html",
            PageKind::Coverage => "iso20000.html",
            PageKind::Narrative(_) => "page.html",
            PageKind::PagesIndex(_) => "pages.html",
            PageKind::Units => "units.html",
            PageKind::NotFound => "404.html",
        }
    }

    /// The key of the navigation entry this page belongs to (marked current there).
    pub fn section(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::FullReport => "report",
            PageKind::Assessments | PageKind::Assessment(_) | PageKind::Comparison(..) => {
                "assessments"
            }
            PageKind::WhatChanged => "changes",
            PageKind::Framework(_) | PageKind::Dimension(_) => "framework",
            PageKind::Benchmark => "benchmark",
            PageKind::Qms => "qms",
            PageKind::Improvements => "improvements",
            PageKind::Coverage => "iso",
            PageKind::Narrative(_) => "page",
            PageKind::PagesIndex(_) => "pages",
            PageKind::Units => "units",
            PageKind::NotFound => "404",
        }
    }
}

/// A position in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct PlanId(usize);

impl From<usize> for PlanId {
    fn from(position: usize) -> Self {
        PlanId(position)
    }
}

impl From<PlanId> for usize {
    fn from(id: PlanId) -> usize {
        id.0
    }
}

/// One page of a build.
#[derive(Debug, Clone)]
pub struct PlannedPage {
    /// What it shows.
    pub kind: PageKind,
    /// Where it goes, relative to the output root, `/`-separated.
    pub path: String,
    /// Its title, in the browser tab and the breadcrumbs.
    pub title: String,
    /// The page it sits under in the breadcrumbs.
    pub parent: Option<PlanId>,
    /// False for drafts: rendered and checked, never written or listed.
    pub publish: bool,
}

/// An entry of the top navigation.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MenuItem {
    /// Which section it leads to ("home", "assessments", …, "page" for a narrative).
    pub key: &'static str,
    /// Its text.
    pub label: String,
    /// Its address, relative to the site root.
    pub url: String,
}

/// Every page of a build, and the navigation built from it.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The pages, generated ones first, then narratives, then the list of narratives.
    pub pages: TiVec<PlanId, PlannedPage>,
    /// The top navigation.
    pub menu: Vec<MenuItem>,
    /// The page of each narrative.
    narratives: TiVec<PageId, PlanId>,
    /// The published narratives in the order the list of all pages shows them: by folder, then
    /// by weight and title.
    pub index_order: Vec<PageId>,
}

impl Plan {
    /// The pages a build writes (drafts are rendered and checked, not written).
    pub fn published(&self) -> impl Iterator<Item = (PlanId, &PlannedPage)> {
        self.pages.iter_enumerated().filter(|(_, p)| p.publish)
    }

    /// The page of a narrative.
    pub fn narrative(&self, page: PageId) -> PlanId {
        self.narratives[page]
    }

    /// The narratives listed on page `n` (from 1) of the list of all pages.
    pub fn index_page(&self, n: usize) -> &[PageId] {
        let start = n.saturating_sub(1).saturating_mul(PAGES_PER_INDEX);
        let end = start
            .saturating_add(PAGES_PER_INDEX)
            .min(self.index_order.len());
        self.index_order.get(start..end).unwrap_or(&[])
    }

    /// `sitemap.xml` for a site published at `base_url` (ending with `/`): every published page,
    /// in plan order, without dates so that an unchanged site gives the same bytes.
    pub fn sitemap(&self, base_url: &str) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (_, page) in self.published() {
            if page.kind == PageKind::NotFound {
                continue;
            }
            let url = format!("{base_url}{}", page.path)
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&apos;");
            xml.push_str(&format!("  <url><loc>{url}</loc></url>\n"));
        }
        xml.push_str("</urlset>\n");
        xml
    }

    /// How many pages the list of all pages has.
    pub fn index_pages(&self) -> usize {
        self.pages
            .iter()
            .filter(|p| matches!(p.kind, PageKind::PagesIndex(_)))
            .count()
    }

    /// The chain of pages above `id`, from the home page down to its parent.
    pub fn ancestors(&self, id: PlanId) -> Vec<PlanId> {
        let mut chain = Vec::new();
        let mut at = self.pages[id].parent;
        while let Some(p) = at {
            chain.push(p);
            at = self.pages[p].parent;
        }
        chain.reverse();
        chain
    }
}

/// Plans every page of a site. Titles come from the site and the UI strings; the report says
/// which assessments follow which, and whether the history has a "What changed" page.
pub fn plan(site: &Site, report: &Report, t: &Strings) -> Plan {
    let mut plan = Plan {
        pages: TiVec::new(),
        menu: Vec::new(),
        narratives: TiVec::new(),
        index_order: Vec::new(),
    };
    let home = plan.add(
        PageKind::Home,
        paths::HOME.to_owned(),
        t.get("nav_home"),
        None,
    );
    let assessments = plan.add_sections(t, home);
    if site.several_units() {
        plan.add(
            PageKind::Units,
            paths::UNITS.to_owned(),
            t.get("nav_units"),
            Some(home),
        );
    }
    for (id, a) in site.assessments.iter_enumerated() {
        let path = paths::assessment(&a.id);
        plan.add(
            PageKind::Assessment(id),
            path,
            a.title.clone(),
            Some(assessments),
        );
    }
    plan.add_comparisons(site, report, assessments);
    let changes = report.history.as_ref().is_some_and(|h| h.changes.is_some());
    if changes {
        plan.add(
            PageKind::WhatChanged,
            paths::CHANGES.to_owned(),
            t.get("nav_changes"),
            Some(home),
        );
    }
    plan.add_frameworks(site, home);
    for (id, p) in site.pages.iter_enumerated() {
        let at = plan.add(
            PageKind::Narrative(id),
            paths::page(&p.slug),
            p.title.clone(),
            Some(home),
        );
        plan.pages[at].publish = !p.draft;
        plan.narratives.push(at);
    }
    let index_pages = plan.add_pages_index(site, t, home);
    // A web server answers every missing address with one page: the default language's.
    if site.config.prefix().is_empty() {
        plan.add(
            PageKind::NotFound,
            paths::NOT_FOUND.to_owned(),
            t.get("not_found_title"),
            None,
        );
    }
    plan.menu = menu(site, t, index_pages > 0, changes);
    plan
}

impl Plan {
    /// Adds a published page and returns its place.
    fn add(
        &mut self,
        kind: PageKind,
        path: String,
        title: String,
        parent: Option<PlanId>,
    ) -> PlanId {
        self.pages.push_and_get_key(PlannedPage {
            kind,
            path,
            title,
            parent,
            publish: true,
        })
    }

    /// The generated sections under the home page; returns the list of assessments.
    fn add_sections(&mut self, t: &Strings, home: PlanId) -> PlanId {
        self.add(
            PageKind::FullReport,
            paths::REPORT.to_owned(),
            t.get("nav_report"),
            Some(home),
        );
        let assessments = self.add(
            PageKind::Assessments,
            paths::ASSESSMENTS.to_owned(),
            t.get("nav_assessments"),
            Some(home),
        );
        for (kind, title, path) in [
            (PageKind::Benchmark, "nav_benchmark", paths::BENCHMARK),
            (PageKind::Qms, "nav_qms", paths::QMS),
            (
                PageKind::Improvements,
                "nav_improvements",
                paths::IMPROVEMENTS,
            ),
            (PageKind::Coverage, "nav_iso", paths::ISO),
        ] {
            self.add(kind, path.to_owned(), t.get(title), Some(home));
        }
        assessments
    }

    /// A comparison page for each assessment and the one before it of the same framework.
    fn add_comparisons(&mut self, site: &Site, report: &Report, assessments: PlanId) {
        for (new, b) in site.assessments.iter_enumerated() {
            if let Some(old) = report.previous(new) {
                let a = &site.assessments[old];
                self.add(
                    PageKind::Comparison(old, new),
                    paths::comparison(&a.id, &b.id),
                    format!("{} → {}", a.title, b.title),
                    Some(assessments),
                );
            }
        }
    }

    /// Each framework's overview with its dimensions under it.
    fn add_frameworks(&mut self, site: &Site, home: PlanId) {
        for (f, fw) in site.frameworks.iter_enumerated() {
            let overview = self.add(
                PageKind::Framework(f),
                paths::framework(&fw.id),
                fw.name.clone(),
                Some(home),
            );
            for (d, dim) in fw.dimensions.iter_enumerated() {
                let dimension = DimensionRef {
                    framework: f,
                    dimension: d,
                };
                self.add(
                    PageKind::Dimension(dimension),
                    paths::dimension(&fw.id, &dim.id),
                    format!("{} {}", dim.id, dim.name),
                    Some(overview),
                );
            }
        }
    }

    /// The list of every published narrative, by folder, split into pages of
    /// [`PAGES_PER_INDEX`]; written when some narrative is not in the menu (otherwise the menu
    /// reaches them all). Returns how many pages it has.
    fn add_pages_index(&mut self, site: &Site, t: &Strings, home: PlanId) -> usize {
        let mut order: Vec<PageId> = site
            .pages
            .iter_enumerated()
            .filter(|(_, p)| !p.draft)
            .map(|(id, _)| id)
            .collect();
        order.sort_by_key(|&id| (folder_of(&site.pages[id].slug), id));
        let unlisted = site.pages.iter().any(|p| !p.draft && !p.menu);
        let count = if unlisted {
            order.len().div_ceil(PAGES_PER_INDEX)
        } else {
            0
        };
        for n in 1..=count {
            self.add(
                PageKind::PagesIndex(n),
                paths::pages_index(n),
                t.get("nav_pages"),
                Some(home),
            );
        }
        self.index_order = order;
        count
    }
}

/// The folder of a narrative below `content/pages/` (`""` at the top).
pub fn folder_of(slug: &str) -> &str {
    slug.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// The top navigation: the generated sections, the narratives that ask to be listed (by weight)
/// and, when some narratives are not, the list of all pages.
fn menu(site: &Site, t: &Strings, pages_index: bool, changes: bool) -> Vec<MenuItem> {
    let main = &site.frameworks[site.main_framework];
    let units = site
        .several_units()
        .then(|| ("units", paths::UNITS.to_owned()));
    let mut items: Vec<MenuItem> = [
        Some(("home", paths::HOME.to_owned())),
        Some(("assessments", paths::ASSESSMENTS.to_owned())),
        units,
        Some(("framework", paths::framework(&main.id))),
        Some(("benchmark", paths::BENCHMARK.to_owned())),
        Some(("qms", paths::QMS.to_owned())),
        Some(("improvements", paths::IMPROVEMENTS.to_owned())),
        Some(("iso", paths::ISO.to_owned())),
        Some(("report", paths::REPORT.to_owned())),
    ]
    .into_iter()
    .flatten()
    .map(|(key, url)| MenuItem {
        key,
        label: t.get(&format!("nav_{key}")),
        url,
    })
    .collect();
    if changes {
        items.push(MenuItem {
            key: "changes",
            label: t.get("nav_changes"),
            url: paths::CHANGES.to_owned(),
        });
    }
    items.extend(
        site.pages
            .iter()
            .filter(|p| p.menu && !p.draft)
            .map(|p| MenuItem {
                key: "page",
                label: p.title.clone(),
                url: paths::page(&p.slug),
            }),
    );
    if pages_index {
        items.push(MenuItem {
            key: "pages",
            label: t.get("nav_pages"),
            url: paths::pages_index(1),
        });
    }
    items
}
