//! Narrative pages and the list of every narrative.

use super::*;
use crate::render::markdown;

/// Every narrative page with its summary, so that pages in sub-folders are reachable.
pub(super) fn pages_index(ctx: &Ctx) -> Job {
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

pub fn narrative_page(ctx: &Ctx, p: &crate::site::Page) -> Job {
    let path = paths::page(&p.slug);
    let root = paths::root_of(&path);
    let rendered = markdown::render(&p.markdown, &root, &ctx.t);
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
            crate::render::AuthorLink {
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
        narrative: Some(crate::render::Narrative {
            file: p.file.clone(),
            links,
        }),
        authored: vec![rendered.html],
    }
}
