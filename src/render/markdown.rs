//! Markdown to safe HTML: CommonMark with tables, footnotes, strikethrough, task lists and heading
//! ids, then sanitised with ammonia so that raw HTML and `javascript:` links cannot run scripts.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A rendered page body and the anchors its headings got.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// Headings (level 2 and 3) for a table of contents: (level, id, text).
    pub headings: Vec<(u8, String, String)>,
    /// Links and images written in the Markdown (not e-mail autolinks): the address as written
    /// and the byte offset in the Markdown where the link starts.
    pub links: Vec<(String, usize)>,
}

fn options() -> Options {
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
/// link to another narrative (`other.md#part`) points at its page.
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
            Some(f) => format!("{stem}.html#{f}"),
            None => format!("{stem}.html"),
        },
        None => url,
    }
}

/// Renders Markdown to sanitised HTML. `root` is the relative path from the page to the site root.
pub fn render(markdown: &str, root: &str) -> Rendered {
    render_in(markdown, root, "", "")
}

/// Renders a narrative for a page other than its own (the full report): `page_dir` is prefixed to
/// relative links (`method.md` → `pages/method.html`), and `prefix` to every id and in-page link,
/// so that several narratives can share one page without clashing anchors.
pub fn render_in(markdown: &str, root: &str, page_dir: &str, prefix: &str) -> Rendered {
    // First pass: collect heading texts so every heading gets a unique id.
    let mut events: Vec<Event> = Vec::new();
    let mut links = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) if *link_type != pulldown_cmark::LinkType::Email => {
                links.push((dest_url.to_string(), range.start));
            }
            _ => {}
        }
        events.push(event);
    }
    let mut used: HashSet<String> = HashSet::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
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
            let base = format!("{prefix}{}", explicit.unwrap_or_else(|| slugify(&text)));
            let mut unique = base.clone();
            while used.contains(&unique) {
                let n = counts.entry(base.clone()).or_insert(0);
                *n += 1;
                unique = format!("{base}-{n}");
            }
            used.insert(unique.clone());
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
    // Decided on what the author wrote, with links as they will be written.
    let plain = events.iter().all(|e| is_plain(e, root));
    let relocate = |url: &str| -> String {
        let rewritten = rewrite_link(url, root);
        match rewritten.strip_prefix('#') {
            Some(fragment) => format!("#{prefix}{fragment}"),
            None if !url.starts_with("@/")
                && !rewritten.contains(':')
                && !rewritten.starts_with('/') =>
            {
                format!("{page_dir}{rewritten}")
            }
            None => rewritten,
        }
    };
    let events = events.into_iter().map(|e| match e {
        // A read-only checkbox has no label for screen readers; a ticked or empty box reads well.
        Event::TaskListMarker(done) => Event::InlineHtml(
            if done {
                "<span class=\"task task-done\">☑</span> "
            } else {
                "<span class=\"task task-open\">☐</span> "
            }
            .into(),
        ),
        Event::FootnoteReference(name) => {
            Event::FootnoteReference(format!("{prefix}{name}").into())
        }
        Event::Start(Tag::FootnoteDefinition(name)) => {
            Event::Start(Tag::FootnoteDefinition(format!("{prefix}{name}").into()))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
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
    });
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, events);
    Rendered {
        html: finish(&raw, plain),
        headings,
        links,
    }
}

/// Sanitises the HTML of a page, or for a plain page (see [`is_plain`]) only writes it the way
/// the sanitiser would: without raw HTML every tag comes from pulldown-cmark, which escapes all
/// text and attribute values, so there is nothing for the sanitiser to remove.
fn finish(raw: &str, plain: bool) -> String {
    if plain { tidy(raw) } else { sanitize(raw) }
}

/// Writes pulldown-cmark's own output the way the sanitiser would: `rel="noopener noreferrer"` as
/// the last attribute of every link, void elements without `/>`, and `text-align:` without a
/// space. Only for output without raw HTML, where text and attribute values hold no `<` or `>`,
/// so every `<` starts a tag and the next `>` ends it.
fn tidy(html: &str) -> String {
    const REL: &str = " rel=\"noopener noreferrer\">";
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let bytes = html.as_bytes();
    let mut start = 0;
    let mut lt = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (b, lt) {
            (b'<', None) => lt = Some(i),
            (b'>', Some(open)) => {
                out.push_str(&html[start..open]);
                let tag = &html[open..=i];
                if tag.starts_with("<a href=\"") {
                    out.push_str(&tag[..tag.len() - 1]);
                    out.push_str(REL);
                } else if let Some(void) = tag.strip_suffix("/>") {
                    out.push_str(void.strip_suffix(' ').unwrap_or(void));
                    out.push('>');
                } else if let Some(align) = tag
                    .strip_prefix("<th style=\"text-align: ")
                    .or_else(|| tag.strip_prefix("<td style=\"text-align: "))
                {
                    out.push_str(&tag[..3]);
                    out.push_str(" style=\"text-align:");
                    out.push_str(align);
                } else {
                    out.push_str(tag);
                }
                start = i + 1;
                lt = None;
            }
            _ => {}
        }
    }
    out.push_str(&html[start..]);
    out
}

/// True when an event can only become markup the sanitiser would keep as it is: no raw HTML, no
/// heading classes or attributes, and no link or image address with a scheme other than the
/// allowed ones. Pages with anything else go through the sanitiser.
fn is_plain(event: &Event, root: &str) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => false,
        Event::Start(Tag::Heading { classes, attrs, .. }) => classes.is_empty() && attrs.is_empty(),
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            plainly_safe_url(&rewrite_link(dest_url, root))
        }
        _ => true,
    }
}

/// True for a relative address, or one whose scheme is http, https, mailto or tel (the schemes
/// the sanitiser allows). Anything a browser might read differently from how it looks (spaces,
/// control characters) is left to the sanitiser.
fn plainly_safe_url(url: &str) -> bool {
    if url
        .bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return false;
    }
    match url.find([':', '/', '?', '#']) {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = &url[..i];
            ["http", "https", "mailto", "tel"]
                .iter()
                .any(|s| scheme.eq_ignore_ascii_case(s))
        }
        _ => true,
    }
}

/// Removes anything that could run a script or load from elsewhere, keeping document markup.
pub fn sanitize(html: &str) -> String {
    thread_local! {
        static CLEANER: ammonia::Builder<'static> = cleaner();
    }
    CLEANER.with(|c| c.clean(html).to_string())
}

fn cleaner() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .add_generic_attributes(["id"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("div", ["class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("span", ["class"])
        .filter_style_properties(["text-align"].into_iter().collect())
        .id_prefix(None);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_footnotes_tasks_and_heading_ids_render() {
        let md = "## Key findings\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n~~old~~ text[^1]\n\n[^1]: A note.\n\n## Key findings\n";
        let r = render(md, "../");
        assert!(r.html.contains("<h2 id=\"key-findings\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"key-findings-1\">"), "{}", r.html);
        assert!(r.html.contains("<table>"));
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
        assert!(r.html.contains("footnote-definition"));
        assert_eq!(r.headings.len(), 2);
    }

    #[test]
    fn scripts_and_dangerous_urls_are_removed() {
        let md = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3)) [y](JaVaScRiPt:alert(4)) [z](data:text/html,hi)\n\n<a href=\"vbscript:x\">v</a> <svg onload=alert(5)></svg>\n";
        let html = render(md, "").html;
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
        let html = render_in(md, "", "pages/", "s1-").html;
        assert!(html.contains("id=\"s1-scope\""), "{html}");
        assert!(html.contains("href=\"pages/method.html#how\""), "{html}");
        assert!(html.contains("href=\"#s1-scope\""), "{html}");
        assert!(html.contains("href=\"improvements.html\""), "{html}");
        assert!(html.contains("s1-n"), "{html}");
        assert_eq!(render(md, "../").html, render_in(md, "../", "", "").html);
    }

    #[test]
    fn plain_markdown_skips_the_sanitiser_and_means_the_same() {
        let docs = [
            "## Key findings\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n- done\n- open\n\n~~old~~ text[^1]\n\n[^1]: A note.\n",
            "Links: [page](other.md#part), [home](@/index.html), [web](https://example.org/a?b=1&c=2 \"Title\"), <mailto:a@b.example>, <a@b.example>, [tel](tel:+441234), ![chart](img/c.png \"A & B\").\n",
            "1. one\n2. two\n\n3. three\n\n> quote with `code <b>` and \"quotes\" & ampersands\n\n```rust\nlet x = \"<script>\";\n```\n\n---\n\nline  \n[break](#top) ## {#custom-id}\n\n### Custom {#custom-id}\n",
        ];
        for md in docs {
            assert!(
                Parser::new_ext(md, options()).all(|e| is_plain(&e, "../")),
                "expected the plain path for {md}"
            );
            let mut raw = String::new();
            pulldown_cmark::html::push_html(&mut raw, Parser::new_ext(md, options()));
            // The sanitiser writes the plain output byte for byte as it is, and the same as
            // sanitising pulldown-cmark's output.
            let fast = finish(&raw, true);
            assert_eq!(sanitize(&fast), fast, "for {md}");
            assert_eq!(finish(&raw, false), fast, "for {md}");
            let page = render(md, "../").html;
            assert_eq!(sanitize(&page), page, "for {md}");
            assert!(page.contains("rel=\"noopener noreferrer\""), "{page}");
        }
        // Task lists: qmsite writes its own ticked and empty boxes, which the sanitiser keeps.
        let page = render("- [x] done\n- [ ] open\n", "../").html;
        assert_eq!(sanitize(&page), page);
    }

    #[test]
    fn anything_not_plain_goes_through_the_sanitiser() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java&#09;script:alert(1))",
            "[x](<java script:alert(1)>)",
            "[x](javascript&#58;alert(1))",
            "![x](data:image/svg+xml;base64,PHN2Zz4=)",
            "[x](vbscript:msgbox)",
            "## Title {onclick=alert(1) .big}",
            "<b onclick=\"alert(1)\">x</b>",
            "<div>\n\n*x*\n\n</div>",
        ] {
            let html = render(md, "").html.to_lowercase();
            for bad in [
                "javascript",
                "vbscript",
                "data:",
                "onclick",
                "onload",
                "class=\"big\"",
            ] {
                assert!(!html.contains(bad), "{bad} survived in {html} from {md}");
            }
        }
        assert!(plainly_safe_url("../a/b.html#c"));
        assert!(plainly_safe_url("a/b:c"));
        assert!(plainly_safe_url("HTTPS://x.example"));
        assert!(!plainly_safe_url("javascript:x"));
        assert!(!plainly_safe_url("file:///etc/passwd"));
        assert!(!plainly_safe_url(" https://x.example"));
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
    }
}
