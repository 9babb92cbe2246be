//! Offline search: an index of every page's words, written with the site as a script file so that
//! search works from `file://` (where a page may not fetch files) as well as from a web server.
//!
//! The index is built from the page plan: one entry per narrative, assessment, framework and
//! dimension page, and one per improvement, clause and QMS component at its anchor. The theme's
//! script loads it the first time a reader uses the search box, and searches it in the browser.

use pulldown_cmark::{Event, Options, Parser};
use rayon::prelude::*;
use serde::Serialize;

use crate::iso;
use crate::plan::{PageKind, Plan, paths};
use crate::render::charts::escape_json_for_html;
use crate::render::strings::Strings;
use crate::site::Site;

/// Where the index is written, relative to the output root.
pub const INDEX_FILE: &str = "search-index.js";

/// The kinds of result, in the order results are grouped.
const KINDS: [&str; 7] = [
    "page",
    "assessment",
    "dimension",
    "improvement",
    "clause",
    "qms",
    "framework",
];

/// One thing a reader can find.
#[derive(Debug, Serialize)]
struct Entry {
    /// Which group it is shown in (one of [`KINDS`]).
    kind: &'static str,
    /// Its title.
    title: String,
    /// Its address, relative to the site root.
    url: String,
    /// The words it holds.
    text: String,
}

/// The whole index as the theme's script reads it.
#[derive(Debug, Serialize)]
struct Index<'a> {
    /// Each kind with its heading, in display order.
    kinds: Vec<(&'static str, String)>,
    /// Every entry.
    entries: &'a [Entry],
}

/// The words of a narrative without its Markdown.
fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins the non-empty parts with spaces.
fn words<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The entries for one planned page (several for the pages whose items have anchors).
fn entries_of(site: &Site, t: &Strings, kind: PageKind, title: &str, url: &str) -> Vec<Entry> {
    let one = |kind, text| {
        vec![Entry {
            kind,
            title: title.to_owned(),
            url: url.to_owned(),
            text,
        }]
    };
    match kind {
        PageKind::Narrative(p) => {
            let page = &site.pages[p];
            one(
                "page",
                words([page.summary.as_str(), &plain_text(&page.markdown)]),
            )
        }
        PageKind::Assessment(a) => {
            let a = &site.assessments[a];
            let date = a.date.to_string();
            one(
                "assessment",
                words([a.assessor.as_str(), &a.summary, &a.scope, &a.method, &date]),
            )
        }
        PageKind::Framework(f) => {
            let fw = &site.frameworks[f];
            let domains = fw
                .domains
                .iter()
                .flat_map(|d| [d.name.as_str(), &d.description]);
            one(
                "framework",
                words([fw.description.as_str(), &words(domains)]),
            )
        }
        PageKind::Dimension(r) => one("dimension", dimension_words(site, r)),
        PageKind::Improvements => improvement_entries(site),
        PageKind::Coverage => clause_entries(site, t),
        PageKind::Qms => site
            .qms
            .iter()
            .map(|q| Entry {
                kind: "qms",
                title: format!("{} {}", q.id, q.name),
                url: paths::qms(&q.id),
                text: words([q.purpose.as_str(), &q.owner, &q.rationale]),
            })
            .collect(),
        PageKind::Home
        | PageKind::FullReport
        | PageKind::Assessments
        | PageKind::Benchmark
        | PageKind::Comparison(..)
        | PageKind::WhatChanged
        | PageKind::Units
        | PageKind::PagesIndex(_)
        | PageKind::NotFound => Vec::new(),
    }
}

/// A dimension's words: its description, its domain, and every assessor's note and piece of
/// evidence on it.
fn dimension_words(site: &Site, r: crate::site::DimensionRef) -> String {
    let fw = &site.frameworks[r.framework];
    let dim = &fw.dimensions[r.dimension];
    let mut parts = vec![dim.description.as_str(), &fw.domains[dim.domain].name];
    for id in site.assessments_of(r.framework) {
        let rating = &site.assessments[id].ratings[r.dimension];
        parts.push(&rating.notes);
        parts.extend(rating.evidence.iter().map(|e| e.title.as_str()));
    }
    words(parts)
}

/// One entry per improvement, at its anchor on the plan page.
fn improvement_entries(site: &Site) -> Vec<Entry> {
    site.improvements
        .iter()
        .map(|i| Entry {
            kind: "improvement",
            title: format!("{} {}", i.id, i.title),
            url: paths::improvement(&i.id),
            text: words(
                [
                    i.description.as_str(),
                    &i.justification,
                    &i.kpi,
                    &i.target,
                    &i.owner,
                    &i.raised_by,
                    &i.expected_effect,
                    &i.measured_result,
                ]
                .into_iter()
                .chain(i.evidence.iter().map(|e| e.title.as_str())),
            ),
        })
        .collect()
}

/// One entry per clause of the catalogue at every level (so that a search for "supplier" finds
/// 8.3.4.1 as well as 8.3.4), at its anchor on the coverage page, with its notes and evidence.
fn clause_entries(site: &Site, t: &Strings) -> Vec<Entry> {
    iso::CLAUSES
        .iter()
        .map(|c| {
            let cov = site.coverage.get(c.number);
            let notes = cov.map_or("", |x| x.notes.as_str());
            let evidence = cov
                .into_iter()
                .flat_map(|x| x.evidence.iter().map(|e| e.title.as_str()));
            Entry {
                kind: "clause",
                title: format!("{} {}", c.number, t.clause_title(c)),
                url: paths::clause(c.number),
                text: words(std::iter::once(notes).chain(evidence)),
            }
        })
        .collect()
}

/// The search index of every published page of the plan, as the script file the theme loads.
pub fn index(site: &Site, plan: &Plan, t: &Strings) -> String {
    // Narratives are read again as Markdown for their words: on every core, in plan order.
    let pages: Vec<_> = plan.published().map(|(_, p)| p).collect();
    let entries: Vec<Entry> = pages
        .par_iter()
        .flat_map_iter(|p| entries_of(site, t, p.kind, &p.title, &p.path))
        .collect();
    let index = Index {
        kinds: KINDS
            .iter()
            .map(|k| (*k, t.get(&format!("search_kind_{k}"))))
            .collect(),
        entries: &entries,
    };
    // Serialising plain data cannot fail; an empty index keeps search working, finding nothing.
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "{}".to_owned());
    format!(
        "window.qmsiteSearchIndex = {};\n",
        escape_json_for_html(&json)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narratives_are_searched_by_their_words_not_their_markdown() {
        let text =
            plain_text("## Key *findings*\n\n| a | b |\n|---|---|\n| `x` | [link](y.md) |\n");
        assert_eq!(text, "Key findings a b x link");
    }

    #[test]
    fn empty_parts_leave_no_double_spaces() {
        assert_eq!(words(["a", "", "b"]), "a b");
    }
}
