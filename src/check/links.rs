//! Links: a check of every internal link and anchor of a build before anything is written.
//!
//! Rendering produces every page in memory, so the set of files the build will write and the ids
//! on each page are known before the output is swapped in. Three kinds of links are checked
//! against them:
//!
//! - links written in narratives (`other.md#part`, `@/improvements.html#imp-001`, `#part`),
//!   reported at their Markdown file, line and column;
//! - relative evidence addresses in TOML files, reported at the `url` value;
//! - links produced by the theme's templates, reported at the template.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, Severity, SourceFile, one_of};
use crate::render::RenderedPage;
use crate::render::markdown::heading_anchor;
use crate::site::{Evidence, Site};
use crate::theme::Theme;
use crate::url::{UrlKind, classify, percent_decode};

/// Undoes the HTML escapes the templates and the sanitiser write in attribute values.
fn unescape_html(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("&quot;", "\"")
            .replace("&#34;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&#x2F;", "/")
            .replace("&#47;", "/")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Values of the given attributes in HTML text, in the order they stand (attributes written
/// `name="value"`, as the templates and the sanitiser write them): one pass over the page,
/// however many names.
pub fn attribute_values<'a>(html: &'a str, names: &[&str]) -> Vec<Cow<'a, str>> {
    let mut out = Vec::new();
    for i in memchr::memmem::find_iter(html.as_bytes(), b"=\"") {
        let before = &html[..i];
        let named = names.iter().any(|name| {
            before
                .strip_suffix(name)
                .is_some_and(|b| b.chars().next_back().is_some_and(char::is_whitespace))
        });
        if !named {
            continue;
        }
        let start = i + 2;
        if let Some(len) = memchr::memchr(b'"', &html.as_bytes()[start..]) {
            out.push(unescape_html(&html[start..start + len]));
        }
    }
    out
}

/// Splits `path#fragment` (and drops a `?query`), percent-decoding both parts.
pub(crate) fn split_target(url: &str) -> (Cow<'_, str>, Option<Cow<'_, str>>) {
    let (rest, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (url, None),
    };
    let path = rest.split_once('?').map_or(rest, |(p, _)| p);
    (percent_decode(path), fragment)
}

/// Resolves a relative path against a folder of the output (`""` for the root). `None` when it
/// climbs above the output root.
pub(crate) fn resolve(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn dir_of(page: &str) -> &str {
    page.rsplit_once('/').map_or("", |(d, _)| d)
}

/// What a build writes: every file, and the ids on every HTML page. Built once per full build;
/// `serve` keeps it to check an edited narrative without rendering the rest of the site again.
#[derive(Debug, Default, Clone)]
pub struct Index {
    files: HashSet<String>,
    anchors: HashMap<String, BTreeSet<String>>,
}

impl Index {
    /// Indexes the rendered pages and the other files (`/`-separated paths) of a build.
    pub fn new<'p>(pages: impl IntoIterator<Item = &'p RenderedPage>, files: &[String]) -> Index {
        let pages: Vec<&RenderedPage> = pages.into_iter().collect();
        let mut index = Index {
            files: files.iter().cloned().collect(),
            anchors: HashMap::with_capacity(pages.len()),
        };
        let ids: Vec<BTreeSet<String>> = pages.par_iter().map(|p| ids_of(&p.html)).collect();
        for (p, ids) in pages.iter().zip(ids) {
            // A draft is not written, so links to it are broken; its own anchors still count
            // for the links within it.
            if p.publish {
                index.files.insert(p.path.clone());
            }
            index.anchors.insert(p.path.clone(), ids);
        }
        index
    }

    /// Whether `page` carries exactly the ids it had when the index was made: when it does, no
    /// link elsewhere can have broken through an edit of it.
    pub fn same_anchors(&self, page: &RenderedPage) -> bool {
        self.anchors.get(&page.path) == Some(&ids_of(&page.html))
    }

    /// Checks one resolved target; `own_page` when it is the page the link stands on, which
    /// exists even when it is a draft. Returns what is wrong with it, and the nearest file or
    /// anchor when one is near.
    fn problem(
        &self,
        path: &str,
        fragment: Option<&str>,
        own_page: bool,
    ) -> Option<(String, String, Option<String>)> {
        if !own_page && !self.files.contains(path) {
            let near = crate::diagnostics::nearest(path, self.files.iter())
                .map(|n| format!("did you mean \"{n}\"?"));
            return Some((
                format!("{path}, which the build does not produce"),
                "a page of the site or a file copied from content/pages/".to_owned(),
                near,
            ));
        }
        let fragment = fragment.filter(|f| !f.is_empty())?;
        let anchors = self.anchors.get(path)?;
        if anchors.contains(fragment) {
            return None;
        }
        let near = crate::diagnostics::nearest(fragment, anchors.iter())
            .map(|n| format!("did you mean \"#{n}\"?"));
        Some((
            format!("{path}, which has no anchor \"{fragment}\""),
            format!("an anchor of {path}: {}", one_of(anchors)),
            near,
        ))
    }
}

/// Root-relative targets of the site's relative evidence addresses.
fn evidence_targets(site: &Site) -> Vec<&Evidence> {
    let mut out: Vec<&Evidence> = Vec::new();
    for a in &site.assessments {
        for r in &a.ratings {
            out.extend(r.evidence.iter().filter(|e| e.internal));
        }
    }
    for i in &site.improvements {
        out.extend(i.evidence.iter().filter(|e| e.internal));
    }
    for c in site.coverage.values() {
        out.extend(c.evidence.iter().filter(|e| e.internal));
    }
    out
}

/// Checks every internal link and anchor of a build against `index`, made from the same pages
/// and every other file the build writes (theme static files, copied attachments).
///
/// Long because one pass over every link of every page, with one arm per kind of address.
/// `prefix` is the folder of the language the pages are in (`""`, `"cs/"`): evidence addresses are
/// relative to that language's root.
pub fn check(
    site: &Site,
    theme: &Theme,
    pages: &[RenderedPage],
    index: &Index,
    prefix: &str,
    diags: &mut Diagnostics,
) {
    // Narratives: every link written by an author, at its line and column. Pages are checked on
    // every core and their problems reported in page order.
    let narrative_problems: Vec<Diagnostics> = pages
        .par_iter()
        .map(|p| {
            let mut found = Diagnostics::new();
            check_narrative(index, p, &mut found);
            found
        })
        .collect();
    for found in narrative_problems {
        diags.extend(found);
    }

    // Evidence addresses relative to the site root, at their TOML value.
    let evidence = evidence_targets(site);
    let mut evidence_paths: HashSet<String> = HashSet::new();
    for e in &evidence {
        let (path, fragment) = split_target(&e.url);
        let Some(target) = resolve(prefix, &path) else {
            diags.push(
                Diagnostic {
                    severity: Severity::Error,
                    file: e.origin.file.clone(),
                    position: Some(e.origin.position),
                    message: format!("evidence url \"{}\" leads outside the site", e.url),
                    expected: None,
                    source_line: None,
                    suggestion: None,
                    code: Some(&crate::diagnostics::codes::BROKEN_LINK),
                }
                .expected("an intranet address (https://…) or a path inside the published site, such as pages/policy.pdf"),
            );
            continue;
        };
        if let Some((what, expected, near)) = index.problem(&target, fragment.as_deref(), false) {
            diags.push(
                Diagnostic {
                    severity: Severity::Error,
                    file: e.origin.file.clone(),
                    position: Some(e.origin.position),
                    message: format!(
                        "evidence url \"{}\" (relative to the site root) points to {what}",
                        e.url
                    ),
                    expected: None,
                    source_line: None,
                    suggestion: near,
                    code: Some(&crate::diagnostics::codes::BROKEN_LINK),
                }
                .expected(format!(
                    "{expected}, or a full intranet address such as https://…"
                )),
            );
        }
        evidence_paths.insert(target);
    }

    // Templates: every other relative href and src of every page, reported once per template
    // and target.
    let template_problems: Vec<Vec<(Diagnostic, String)>> = pages
        .par_iter()
        .map_init(KnownGood::default, |known, p| {
            template_link_problems(site, theme, p, index, &evidence_paths, known)
        })
        .collect();
    let mut reported: BTreeMap<(String, String), (Diagnostic, usize)> = BTreeMap::new();
    for (d, written) in template_problems.into_iter().flatten() {
        match reported.entry((d.location(), written)) {
            std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().1 += 1,
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert((d, 1));
            }
        }
    }
    for (_, (mut d, n)) in reported {
        if n > 1 {
            d.message.push_str(&format!(" (on {n} pages)"));
        }
        diags.push(d);
    }
}

/// Addresses already found to work, by the folder of the page they were written on: the theme
/// writes the same navigation on every page of a folder, so each is resolved once per folder.
type KnownGood = HashMap<String, HashSet<String>>;

/// The broken relative links the theme's templates wrote on one page (every `href` and `src`
/// outside the narratives), each with the address as the template wrote it.
fn template_link_problems(
    site: &Site,
    theme: &Theme,
    p: &RenderedPage,
    index: &Index,
    evidence_paths: &HashSet<String>,
    known: &mut KnownGood,
) -> Vec<(Diagnostic, String)> {
    let mut problems = Vec::new();
    let written_by_template = outside(&p.html, &p.authored);
    let urls = written_by_template
        .iter()
        .flat_map(|part| attribute_values(part, &["href", "src"]));
    let dir = dir_of(&p.path);
    for url in urls {
        if known
            .get(dir)
            .is_some_and(|good| good.contains(url.as_ref()))
        {
            continue;
        }
        if classify(&url) != UrlKind::Relative {
            continue;
        }
        let (path, fragment) = split_target(&url);
        // `#part` and `?x` lead to the page itself: what they find depends on the page.
        let same_page = path.is_empty();
        let resolved = if same_page {
            Some(p.path.clone())
        } else {
            resolve(dir, &path)
        };
        let problem = match &resolved {
            Some(t) if evidence_paths.contains(t) => None,
            None => Some((
                "a place above the site root".to_owned(),
                "links built from {{ root }} and a path inside the site".to_owned(),
                None,
            )),
            Some(t) => index.problem(t, fragment.as_deref(), same_page),
        };
        let Some((what, expected, _)) = problem else {
            if !same_page {
                known
                    .entry(dir.to_owned())
                    .or_default()
                    .insert(url.into_owned());
            }
            continue;
        };
        // As the template wrote it: without the `{{ root }}` prefix of this page.
        let root = crate::plan::paths::root_of(&p.path);
        let written = url.strip_prefix(&root).unwrap_or(&url).to_owned();
        let d = template_diagnostic(site, theme, p, &written, &what, &expected);
        problems.push((d, written));
    }
    problems
}

/// Checks the links an author wrote in the narrative part of `page` (if it has one), reporting
/// each broken one at its Markdown file, line and column.
pub fn check_narrative(index: &Index, page: &RenderedPage, diags: &mut Diagnostics) {
    let Some(n) = &page.narrative else { return };
    for link in &n.links {
        let at = |message: String, expected: String| Diagnostic {
            severity: Severity::Error,
            file: n.file.clone(),
            position: Some(Position {
                line: link.line,
                col: link.col,
            }),
            message,
            expected: Some(expected),
            source_line: Some(link.text.clone()),
            suggestion: None,
            code: Some(&crate::diagnostics::codes::BROKEN_LINK),
        };
        // A browser drops some control characters from an address and stops at others, so such
        // a link leads somewhere other than it reads (`jav&#x09;ascript:` is `javascript:`).
        if let Some(c) = link.url.chars().find(|c| c.is_control()) {
            diags.push(at(
                format!(
                    "broken link \"{}\": its address holds the control character U+{:04X}",
                    visible(&link.url),
                    u32::from(c)
                ),
                "an address without tabs, line breaks or other control characters (a space is written %20)".to_owned(),
            ));
            continue;
        }
        if classify(&link.url) != UrlKind::Relative {
            continue;
        }
        let (path, fragment) = split_target(&link.url);
        let own_page = path.is_empty();
        // Links to narratives lead to the ids their headings get (see `heading_anchor`).
        let to_narrative = own_page || path.ends_with(".md");
        let fragment = match fragment {
            Some(f) if to_narrative => Some(Cow::Owned(heading_anchor(&f).into_owned())),
            other => other,
        };
        let resolved = if own_page {
            Some(page.path.clone())
        } else if let Some(rest) = path.strip_prefix("@/") {
            resolve("", rest)
        } else {
            let path = match path.strip_suffix(".md") {
                Some(stem) => Cow::Owned(format!("{stem}.html")),
                None => path.clone(),
            };
            resolve(dir_of(&page.path), &path)
        };
        match resolved {
            None => diags.push(at(
                format!("link \"{}\" leads outside the site", link.url),
                "a link to another page (other.md, @/improvements.html) or a file under content/pages/".to_owned(),
            )),
            Some(target) => {
                if let Some((what, expected, near)) =
                    index.problem(&target, fragment.as_deref(), own_page)
                {
                    let mut d = at(format!("broken link \"{}\": it points to {what}", link.url), expected);
                    d.suggestion = near;
                    diags.push(d);
                }
            }
        }
    }
}

/// An address with its control characters written as `\u{…}`, so a message shows them.
fn visible(url: &str) -> String {
    url.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The ids on a page, except those inside drawings (`<svg>`): a chart's clip paths and patterns
/// are nothing to link to, and would crowd the anchors a broken link's message suggests.
fn ids_of(html: &str) -> BTreeSet<String> {
    outside(html, &drawings(html))
        .into_iter()
        .flat_map(|part| attribute_values(part, &["id"]))
        .map(Cow::into_owned)
        .collect()
}

/// The byte ranges of the `<svg>` elements of a page (drawings never nest).
fn drawings(html: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(at) = html.get(from..).and_then(|rest| rest.find("<svg")) {
        let start = from + at;
        let end = html[start..]
            .find("</svg>")
            .map_or(html.len(), |e| start + e + "</svg>".len());
        ranges.push(start..end);
        from = end;
    }
    ranges
}

/// The parts of `html` outside the given ranges (sorted by start; they may overlap).
fn outside<'a>(html: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
    let mut parts = Vec::with_capacity(ranges.len() + 1);
    let mut cursor = 0;
    for r in ranges {
        if r.start > cursor {
            parts.push(html.get(cursor..r.start).unwrap_or(""));
        }
        cursor = cursor.max(r.end);
    }
    parts.push(html.get(cursor..).unwrap_or(""));
    parts
}

/// A broken link produced by the theme, placed at the template that writes it when its text can
/// be found there, else at the page's template.
fn template_diagnostic(
    site: &Site,
    theme: &Theme,
    page: &RenderedPage,
    written: &str,
    what: &str,
    expected: &str,
) -> Diagnostic {
    let name = |t: &str| format!("themes/{}/templates/{t}", site.config.theme);
    let message = format!(
        "the theme writes a broken link \"{written}\" on {}: it points to {what}",
        page.path
    );
    let needle = written.split('#').next_back().unwrap_or(written);
    let found = [page.template]
        .into_iter()
        .chain(theme.templates.keys().map(String::as_str))
        .find_map(|t| {
            let text = theme.templates.get(t)?;
            let at = text.find(written).or_else(|| {
                (!needle.is_empty())
                    .then(|| text.find(&format!("#{needle}")))
                    .flatten()
            })?;
            Some((t, text, at))
        });
    match found {
        Some((t, text, at)) => {
            let source = SourceFile::new(name(t), text.clone());
            Diagnostic::at(Severity::Error, &source, at..at, message)
                .expected(expected)
                .code(&crate::diagnostics::codes::BROKEN_LINK)
        }
        None => Diagnostic::in_file(
            Severity::Error,
            name(page.template),
            format!("{message} (written by this template or one it extends or imports)"),
        )
        .expected(expected)
        .code(&crate::diagnostics::codes::BROKEN_LINK),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        assert_eq!(
            resolve("pages/notes", "../a.html").as_deref(),
            Some("pages/a.html")
        );
        assert_eq!(resolve("", "./x/./y.pdf").as_deref(), Some("x/y.pdf"));
        assert_eq!(resolve("pages", "../../x"), None);
        assert_eq!(
            split_target("a%20b.html?x=1#Qualit%C3%A4t"),
            (Cow::from("a b.html"), Some(Cow::from("Qualität")))
        );
    }

    #[test]
    fn attributes_need_a_space_before_them() {
        let drawn = r#"<p id="a"></p><svg width="1"><clipPath id="c0w-zr0-c0"></clipPath></svg><p id="b"></p>"#;
        assert_eq!(
            ids_of(drawn),
            BTreeSet::from(["a".to_owned(), "b".to_owned()])
        );
        let html = r#"<a data-href="x" href="a.html#b&amp;c"><p id="p1" data-id="no">"#;
        assert_eq!(attribute_values(html, &["href"]), vec!["a.html#b&c"]);
        assert_eq!(attribute_values(html, &["id"]), vec!["p1"]);
    }

    #[test]
    fn several_attributes_are_read_in_one_pass_in_page_order() {
        let html = r#"<img src="x.svg"><a href="a.html"><img
src="y&quot;.png" alt="z"><a xsrc="no" href="">"#;
        assert_eq!(
            attribute_values(html, &["href", "src"]),
            vec!["x.svg", "a.html", "y\".png", ""]
        );
    }

    #[test]
    fn the_template_part_of_a_page_is_what_lies_outside_the_narratives() {
        let html = "<main><b>one</b>é<i>two</i></main>";
        let found = crate::render::locate(html, &["<b>one</b>".to_owned()]);
        assert_eq!(outside(html, &found), ["<main>", "é<i>two</i></main>"]);
    }
}
