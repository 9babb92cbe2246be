//! Render: the tools that turn views into HTML — templates, Markdown, charts and strings.

pub mod charts;
pub mod format;
pub mod ids;
pub mod markdown;
pub mod strings;
pub mod svg;
pub mod templates;

use std::ops::Range;
use std::path::PathBuf;

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
    pub narrative: Option<Narrative>,
    /// Byte ranges of `html` that authors wrote (narratives) rather than the template: their
    /// links are checked against the Markdown, so the template check skips them.
    pub authored: Vec<std::ops::Range<usize>>,
    /// False for a draft: rendered so that its links are checked, never written.
    pub publish: bool,
}

/// A link written in a narrative, with where it was written.
#[derive(Debug, Clone)]
pub struct AuthorLink {
    /// The address as written (`other.md#part`, `@/qms.html`, `#part`).
    pub url: String,
    /// Line in the Markdown file.
    pub line: usize,
    /// Column in the Markdown file.
    pub col: usize,
    /// The text of that line.
    pub text: String,
}

/// The narrative part of a rendered page: its file and the links written in it.
#[derive(Debug, Clone)]
pub struct Narrative {
    /// The Markdown file, relative to the site root.
    pub file: PathBuf,
    /// Links written in the body.
    pub links: Vec<AuthorLink>,
}

/// Where the given fragments stand in `html`, as byte ranges. Each is looked for after the
/// previous one (templates write narratives in the order they are given), comparing a short
/// start first, so a page embedding thousands of them is read about once; one written out of
/// order is then looked for from the start. A fragment the page does not hold is left out.
pub fn locate(html: &str, fragments: &[String]) -> Vec<Range<usize>> {
    let mut found = Vec::with_capacity(fragments.len());
    let mut cursor = 0;
    for f in fragments.iter().filter(|f| !f.is_empty()) {
        let at = find_from(html, f, cursor).or_else(|| find_from(html, f, 0));
        if let Some(at) = at {
            found.push(at..at + f.len());
            cursor = at + f.len();
        }
    }
    found.sort_by_key(|r| r.start);
    found
}

/// The first place at or after `from` where `needle` stands in `haystack`.
fn find_from(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    // A long needle is costly to prepare for searching: look for its start, then compare.
    let mut head_len = needle.len().min(64);
    while !needle.is_char_boundary(head_len) {
        head_len -= 1;
    }
    let head = &needle[..head_len];
    let mut start = from;
    while let Some(rest) = haystack.get(start..) {
        let at = start + rest.find(head)?;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        start = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_found_in_order_out_of_order_and_not_at_all() {
        let long = format!("<p>{}é</p>", "x".repeat(100));
        let html = format!("<main>{long}<b>one</b>{long}é<i>two</i></main>");
        let frags = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // In order: the second copy of `long` is found after the first.
        let found = locate(&html, &frags(&[&long, "<b>one</b>", &long]));
        let texts: Vec<&str> = found.iter().map(|r| &html[r.clone()]).collect();
        assert_eq!(texts, [long.as_str(), "<b>one</b>", long.as_str()]);
        assert!(found[0].end <= found[1].start && found[1].end <= found[2].start);
        // Out of order, and a fragment the page lacks.
        let found = locate(&html, &frags(&["<i>two</i>", "<b>one</b>", "<u>none</u>"]));
        assert_eq!(found.len(), 2);
        assert_eq!(&html[found[0].clone()], "<b>one</b>");
        // A long fragment whose start matches earlier than the whole is found where it stands.
        let a = "a".repeat(70);
        let html = format!("{a}X{a}Y");
        assert_eq!(locate(&html, &frags(&[&format!("{a}Y")])), vec![(71..142)]);
    }
}
