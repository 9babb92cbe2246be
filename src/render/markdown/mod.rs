//! Markdown to safe HTML, the way a GitHub user expects it: CommonMark with tables, footnotes
//! (collected at the end with links back), strikethrough, task lists, heading ids and bare
//! addresses as links; then sanitised with ammonia so that raw HTML and `javascript:` links
//! cannot run scripts.

mod anchors;
mod autolink;
mod footnotes;
mod safe;

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

pub use anchors::{THEME_ID_PREFIXES, THEME_IDS, heading_anchor, is_theme_id};
pub use safe::sanitize;

use crate::render::strings::Strings;
use anchors::Anchors;
use footnotes::Footnotes;
use safe::{finish, is_plain};

/// A rendered page body and the anchors its headings got.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// Headings (level 2 and 3) for a table of contents: (level, id, text).
    pub headings: Vec<(u8, String, String)>,
    /// Links and images written in the Markdown (not e-mail autolinks, not bare addresses): the
    /// address as written and the byte offset in the Markdown where the link starts.
    pub links: Vec<(String, usize)>,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Makes a heading id from its text: lower case, letters and digits, words joined by '-'.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            out.push(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".to_owned()
    } else {
        out
    }
}

/// Rewrites a link written by an author: `@/x` is made relative to the site root, and a relative
/// link to another narrative (`other.md#part`) points at its page and at the id its heading
/// `part` gets there (see [`heading_anchor`]).
fn rewrite_link(url: &str, root: &str) -> String {
    let url = match url.strip_prefix("@/") {
        Some(rest) => format!("{root}{rest}"),
        None => url.to_owned(),
    };
    if url.contains(':') || url.starts_with('/') || url.starts_with('#') {
        return url;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url.as_str(), None),
    };
    match path.strip_suffix(".md") {
        Some(stem) => match fragment {
            Some(f) => format!("{stem}.html#{}", heading_anchor(f)),
            None => format!("{stem}.html"),
        },
        None => url,
    }
}

/// Renders Markdown to sanitised HTML. `root` is the relative path from the page to the site root;
/// `strings` give the words qmsite adds (the footnotes' heading and links back); `ids` maps each
/// id that becomes a link where it stands as a word ("see IMP-011") to its address from the
/// site root.
pub fn render(
    markdown: &str,
    root: &str,
    strings: &Strings,
    ids: &HashMap<String, String>,
) -> Rendered {
    render_in(markdown, root, "", "", strings, ids)
}

/// Renders a narrative for a page other than its own (the full report): `page_dir` is prefixed to
/// relative links (`method.md` → `pages/method.html`), and `prefix` to every id and in-page link,
/// so that several narratives can share one page without clashing anchors.
pub fn render_in(
    markdown: &str,
    root: &str,
    page_dir: &str,
    prefix: &str,
    strings: &Strings,
    ids: &HashMap<String, String>,
) -> Rendered {
    let mut links = Vec::new();
    let located: Vec<(Event, Range<usize>)> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .inspect(|(event, range)| match event {
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) if *link_type != LinkType::Email => {
                links.push((dest_url.to_string(), range.start));
            }
            _ => {}
        })
        .collect();
    let mut events: Vec<Event> = autolink::link_addresses(located, ids)
        .into_iter()
        .map(|(event, _)| event)
        .collect();
    // Decided on what the author wrote, with links as they will be written.
    let plain = events.iter().all(|e| is_plain(e, root));
    let mut anchors = Anchors::new(prefix);
    let footnotes = Footnotes::extract(&mut events, &mut anchors);
    let headings = name_headings(&mut events, &mut anchors);
    let relocate = |url: &str| -> String {
        let rewritten = rewrite_link(url, root);
        match rewritten.strip_prefix('#') {
            Some(fragment) => format!("#{}", anchors.link(fragment)),
            None if !url.starts_with("@/")
                && !rewritten.contains(':')
                && !rewritten.starts_with('/') =>
            {
                format!("{page_dir}{rewritten}")
            }
            None => rewritten,
        }
    };
    let adjust = |e| adjust_event(e, &relocate);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter().map(adjust));
    if let Some(mut f) = footnotes {
        f.map_events(adjust);
        f.write(&mut raw, strings);
    }
    Rendered {
        html: finish(&site_tables(no_empty_header_cells(raw)), plain),
        headings,
        links,
    }
}

/// The class of the site's own data tables, which narratives' tables take so that a table reads
/// the same in a narrative as on every other page (and scrolls in its own box on a phone).
pub const TABLE_CLASS: &str = "data";

/// Gives every table the class of the site's tables (see [`TABLE_CLASS`]).
fn site_tables(html: String) -> String {
    if html.contains("<table>") {
        html.replace("<table>", &format!("<table class=\"{TABLE_CLASS}\">"))
    } else {
        html
    }
}

/// A table's empty corner (`| | 2023 | 2026 |`) as a data cell: a header cell names its column
/// or row, and an empty one names nothing (screen readers announce it before every cell).
fn no_empty_header_cells(html: String) -> String {
    if !html.contains("\"></th>") && !html.contains("<th></th>") {
        return html;
    }
    let mut html = html.replace("<th></th>", "<td></td>");
    for align in ["left", "center", "right"] {
        html = html.replace(
            &format!("<th style=\"text-align: {align}\"></th>"),
            "<td></td>",
        );
    }
    html
}

/// Gives every heading a unique id; returns those of level 2 and 3 for a table of contents.
fn name_headings(events: &mut [Event], anchors: &mut Anchors) -> Vec<(u8, String, String)> {
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let unique = anchors.heading(explicit.as_deref(), &text);
            if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                headings.push((level as u8, unique.clone(), text));
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique));
            }
            i = j;
        }
        i += 1;
    }
    headings
}

/// Writes qmsite's own markup for task list boxes and points links where they lead from the
/// page being rendered.
fn adjust_event<'a>(event: Event<'a>, relocate: &impl Fn(&str) -> String) -> Event<'a> {
    match event {
        // A read-only checkbox has no label for screen readers; a ticked or empty box reads well.
        Event::TaskListMarker(done) => Event::InlineHtml(
            if done {
                "<span class=\"task task-done\">☑</span> "
            } else {
                "<span class=\"task task-open\">☐</span> "
            }
            .into(),
        ),
        // An e-mail address stays as it is (pulldown-cmark writes `mailto:` in front of it).
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if link_type != LinkType::Email => Event::Start(Tag::Link {
            link_type,
            dest_url: relocate(&dest_url).into(),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: relocate(&dest_url).into(),
            title,
            id,
        }),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default theme's English words.
    pub(crate) fn english() -> Strings {
        let text = crate::theme::strings_for("en").expect("English strings");
        Strings::new(toml::from_str(text).expect("strings parse"), "en")
    }

    fn ids(html: &str) -> Vec<String> {
        html.split(" id=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn tables_footnotes_tasks_and_heading_ids_render() {
        let md = "## Key findings\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n~~old~~ text[^1]\n\n[^1]: A note.\n\n## Key findings\n";
        let r = render(md, "../", &english(), &HashMap::new());
        assert!(r.html.contains("<h2 id=\"key-findings\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"key-findings-1\">"), "{}", r.html);
        assert!(r.html.contains("<table class=\"data\">"), "{}", r.html);
        assert!(
            r.html.contains("text-align: right") || r.html.contains("text-align:right"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<span class=\"task task-done\">☑</span> done"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<span class=\"task task-open\">☐</span> open"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<del>old</del>"));
        assert!(
            r.html.contains("<section class=\"footnotes\">"),
            "{}",
            r.html
        );
        assert_eq!(r.headings.len(), 2);
    }

    #[test]
    fn scripts_and_dangerous_urls_are_removed() {
        let md = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3)) [y](JaVaScRiPt:alert(4)) [z](data:text/html,hi)\n\n<a href=\"vbscript:x\">v</a> <svg onload=alert(5)></svg>\n";
        let html = render(md, "", &english(), &HashMap::new()).html;
        let lower = html.to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "vbscript:",
            "data:",
            "onload",
            "<svg",
        ] {
            assert!(!lower.contains(bad), "{bad} survived in {html}");
        }
    }

    #[test]
    fn narratives_moved_into_the_report_keep_working_links_and_unique_ids() {
        let md = "## Scope\n\nSee [method](method.md#how), [top](#scope), [plan](@/improvements.html) and a note[^n].\n\n[^n]: Note.\n";
        let html = render_in(md, "", "pages/", "s1-", &english(), &HashMap::new()).html;
        assert!(html.contains("id=\"s1-scope\""), "{html}");
        assert!(html.contains("href=\"pages/method.html#how\""), "{html}");
        assert!(html.contains("href=\"#s1-scope\""), "{html}");
        assert!(html.contains("href=\"improvements.html\""), "{html}");
        assert!(html.contains("id=\"s1-fn-n\""), "{html}");
        assert!(html.contains("href=\"#s1-fn-n\""), "{html}");
        assert_eq!(
            render(md, "../", &english(), &HashMap::new()).html,
            render_in(md, "../", "", "", &english(), &HashMap::new()).html
        );
    }

    #[test]
    fn author_links_point_at_pages() {
        assert_eq!(rewrite_link("method.md", "../"), "method.html");
        assert_eq!(rewrite_link("method.md#scope", "../"), "method.html#scope");
        assert_eq!(
            rewrite_link("@/improvements.html", "../"),
            "../improvements.html"
        );
        assert_eq!(
            rewrite_link("https://intranet/x.md", "../"),
            "https://intranet/x.md"
        );
        assert_eq!(rewrite_link("#top", "../"), "#top");
        assert_eq!(rewrite_link("other.md#main", "../"), "other.html#s-main");
    }

    #[test]
    fn footnotes_are_collected_at_the_end_with_links_back_to_every_reference() {
        let md = "First[^b], then[^A] and again[^b].\n\n[^a]: Alpha, see[^c].\n\n[^b]: Bravo.\n\n    More of bravo.\n\n[^c]: Charlie.\n\n[^unused]: Never referred to.\n\nAfter the notes.\n";
        let html = render(md, "", &english(), &HashMap::new()).html;
        // The text ends before the footnotes, which come last, in order of first reference.
        let list = html
            .find("<section class=\"footnotes\">")
            .expect("footnotes");
        assert!(
            html.find("After the notes.").is_some_and(|p| p < list),
            "{html}"
        );
        let order: Vec<usize> = ["Bravo.", "Alpha", "Charlie.", "Never referred to."]
            .iter()
            .map(|t| html.find(t).expect(t))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{html}");
        assert!(order[0] > list);
        // References are numbered links; each footnote links back to each of its references.
        assert!(html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-b\" id=\"fnref-1\" aria-describedby=\"fn--title\" rel=\"noopener noreferrer\">1</a></sup>"), "{html}");
        assert!(html.contains("id=\"fnref-1-2\""), "{html}");
        assert!(
            html.contains(
                "href=\"#fnref-1\" class=\"footnote-back\" aria-label=\"Back to reference 1\""
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "href=\"#fnref-1-2\" class=\"footnote-back\" aria-label=\"Back to reference 1-2\""
            ),
            "{html}"
        );
        // The label matches regardless of case; a footnote referred to only in another is third.
        assert!(html.contains("<a href=\"#fn-a\" id=\"fnref-2\""), "{html}");
        assert!(html.contains("<a href=\"#fn-c\" id=\"fnref-3\""), "{html}");
        assert!(
            html.contains("<h2 id=\"fn--title\">Footnotes</h2>"),
            "{html}"
        );
        assert!(html.contains("<li id=\"fn-unused\">"), "{html}");
        // The back links of a footnote of several paragraphs end its last paragraph.
        assert!(
            html.contains("More of bravo. <a href=\"#fnref-1\""),
            "{html}"
        );
        // The same through the sanitiser, when the page holds raw HTML.
        let sanitised = render(
            &format!("<b>raw</b>\n\n{md}"),
            "",
            &english(),
            &HashMap::new(),
        )
        .html;
        assert!(
            sanitised.contains("aria-label=\"Back to reference 1-2\""),
            "{sanitised}"
        );
        assert!(
            sanitised.contains("aria-describedby=\"fn--title\""),
            "{sanitised}"
        );
        assert!(
            sanitised.contains("<section class=\"footnotes\">"),
            "{sanitised}"
        );
    }

    #[test]
    fn footnote_heading_and_theme_ids_never_collide() {
        let md = "## One\n\nText[^one] and [back](#one) and [main](#main).\n\n## Main\n\n## Fn one\n\n## Chart radar {#chart-radar}\n\n[^one]: The note.\n";
        let r = render(md, "", &english(), &HashMap::new());
        let found = ids(&r.html);
        let mut unique = found.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(found.len(), unique.len(), "{found:?}");
        assert!(found.contains(&"one".to_owned()) && found.contains(&"fn-one".to_owned()));
        for id in &found {
            assert!(!is_theme_id(id), "{id} is the theme's: {}", r.html);
        }
        assert_eq!(
            r.headings.iter().map(|h| h.1.as_str()).collect::<Vec<_>>(),
            ["one", "s-main", "s-fn-one", "s-chart-radar"]
        );
        // Links to the headings reach them.
        assert!(r.html.contains("href=\"#one\""), "{}", r.html);
        assert!(r.html.contains("href=\"#s-main\""), "{}", r.html);
        // In the full report, the narrative's prefix keeps them apart the same way.
        let report = render_in(md, "", "pages/", "chart-", &english(), &HashMap::new()).html;
        for id in ids(&report) {
            assert!(!is_theme_id(&id), "{id}: {report}");
        }
    }

    #[test]
    fn an_empty_table_corner_is_not_a_header_cell() {
        let md = "| | 2023 | 2026 |\n|---|--:|:-:|\n| Index | 1 | 2 |\n\n|  |  |\n|--:|---|\n| a | b |\n";
        let html = render(md, "", &english(), &HashMap::new()).html;
        assert!(!html.contains("></th>"), "{html}");
        assert!(html.contains("<thead><tr><td></td><th style=\"text-align:right\">2023</th><th style=\"text-align:center\">2026</th>"), "{html}");
        assert_eq!(html.matches("<td></td>").count(), 3, "{html}");
    }

    #[test]
    fn bare_addresses_become_links_with_the_usual_rel() {
        let html = render("Ask qm@example.org or see https://intranet.example/qm and www.example.org.\n\n`https://code.example`\n", "", &english(), &HashMap::new()).html;
        assert!(
            html.contains(
                "<a href=\"mailto:qm@example.org\" rel=\"noopener noreferrer\">qm@example.org</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<a href=\"https://intranet.example/qm\" rel=\"noopener noreferrer\">https://intranet.example/qm</a>"), "{html}");
        assert!(html.contains("<a href=\"http://www.example.org\" rel=\"noopener noreferrer\">www.example.org</a>."), "{html}");
        assert!(html.contains("<code>https://code.example</code>"), "{html}");
        // In the full report too, where relative links get the pages' folder.
        let report = render_in(
            "<qm@example.org> and qm@example.org\n",
            "",
            "pages/",
            "s-",
            &english(),
            &HashMap::new(),
        )
        .html;
        assert_eq!(
            report.matches("href=\"mailto:qm@example.org\"").count(),
            2,
            "{report}"
        );
        // Bare addresses are not links an author wrote: the link check has nothing to follow.
        assert!(
            render("See https://x.example.\n", "", &english(), &HashMap::new())
                .links
                .is_empty()
        );
    }
}
