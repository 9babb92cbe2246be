//! Narrative pages and the list of every narrative.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Built, Ctx, PageView};
use crate::plan::{self, paths};
use crate::render::{AuthorLink, Narrative, markdown};
use crate::site::{Page, PageId};

/// A narrative page.
#[derive(Serialize, JsonSchema)]
pub struct NarrativeView {
    /// The narrative.
    pub page: NarrativeContent,
}

/// A narrative converted to HTML.
#[derive(Serialize, JsonSchema)]
pub struct NarrativeContent {
    /// Title.
    pub title: String,
    /// One-sentence summary.
    pub summary: String,
    /// The body as sanitised HTML.
    pub content: String,
    /// Its level 2 and 3 headings, for a table of contents.
    pub toc: Vec<TocEntry>,
    /// The language it is written in when that is not the page's: a narrative with no
    /// translation, shown in the site's default language.
    pub lang: Option<String>,
}

/// A heading of a narrative.
#[derive(Serialize, JsonSchema)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// Its anchor.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// One page of the list of every narrative.
#[derive(Serialize, JsonSchema)]
pub struct PagesIndexView {
    /// The narratives on this page, grouped by folder.
    pub groups: Vec<PageGroup>,
    /// Where this page stands among the pages of the list.
    pub pagination: Pagination,
}

/// The narratives of one folder on a page of the list.
#[derive(Serialize, JsonSchema)]
pub struct PageGroup {
    /// The folder below `content/pages/` (`""` at the top).
    pub folder: String,
    /// Its narratives.
    pub pages: Vec<PageListItem>,
}

/// A narrative in the list of every narrative.
#[derive(Serialize, JsonSchema)]
pub struct PageListItem {
    /// Title.
    pub title: String,
    /// One-sentence summary.
    pub summary: String,
    /// Its page.
    pub url: String,
    /// Its path below `content/pages/`, without `.md`.
    pub slug: String,
}

/// The position of a page in a list split over several pages.
#[derive(Serialize, JsonSchema)]
pub struct Pagination {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub total: usize,
    /// The page before, if any.
    pub prev: Option<String>,
    /// The page after, if any.
    pub next: Option<String>,
}

/// Builds a narrative's page: its Markdown as HTML, and the links written in it for the check.
pub(super) fn narrative<'a>(ctx: &'a Ctx, id: PageId, path: &str) -> Built<'a> {
    let p = &ctx.site.pages[id];
    let rendered = markdown::render(&p.markdown, &paths::root_of(path), &ctx.t, &ctx.id_urls);
    let links = author_links(p, &rendered.links);
    let view = NarrativeView {
        page: NarrativeContent {
            title: p.title.clone(),
            summary: p.summary.clone(),
            content: rendered.html.clone(),
            toc: rendered
                .headings
                .into_iter()
                .map(|(level, id, text)| TocEntry { level, id, text })
                .collect(),
            lang: fallback_language(ctx.site, p),
        },
    };
    Built {
        view: PageView::Narrative(view),
        charts: 0,
        narrative: Some(Narrative {
            file: p.file.clone(),
            links,
        }),
        authored: vec![rendered.html],
    }
}

/// Where each link of a narrative was written. Lines are counted from the previous link on
/// (links come in document order), so a page with many links is still read once.
fn author_links(p: &Page, links: &[(String, usize)]) -> Vec<AuthorLink> {
    let mut counted = (0, 0);
    links
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
            AuthorLink {
                text: text.to_owned(),
                url: url.clone(),
                line: p.body_line + counted.1,
                col: before[line_start..].chars().count() + 1,
            }
        })
        .collect()
}

/// Builds page `n` of the list of every narrative.
pub(super) fn pages_index<'a>(ctx: &'a Ctx, n: usize) -> Built<'a> {
    let total = ctx.plan.index_pages();
    let mut groups: Vec<PageGroup> = Vec::new();
    for &id in ctx.plan.index_page(n) {
        let p = &ctx.site.pages[id];
        let folder = plan::folder_of(&p.slug);
        if groups.last().is_none_or(|g| g.folder != folder) {
            groups.push(PageGroup {
                folder: folder.to_owned(),
                pages: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.pages.push(PageListItem {
                title: p.title.clone(),
                summary: p.summary.clone(),
                url: paths::page(&p.slug),
                slug: p.slug.clone(),
            });
        }
    }
    let view = PagesIndexView {
        groups,
        pagination: Pagination {
            number: n,
            total,
            prev: (n > 1).then(|| paths::pages_index(n - 1)),
            next: (n < total).then(|| paths::pages_index(n + 1)),
        },
    };
    Built::plain(PageView::PagesIndex(view), 0)
}

/// The language a narrative is shown in when it is not the page's (it has no translation).
pub(super) fn fallback_language(site: &crate::site::Site, p: &crate::site::Page) -> Option<String> {
    p.fallback.then(|| site.config.default_language.clone())
}
