//! Making rendered Markdown safe: the sanitiser, and the fast path for pages that cannot hold
//! anything it would remove.

use pulldown_cmark::{Event, Tag};

use super::rewrite_link;

/// Sanitises the HTML of a page, or for a plain page (see [`is_plain`]) only writes it the way
/// the sanitiser would: without raw HTML every tag comes from pulldown-cmark, which escapes all
/// text and attribute values, so there is nothing for the sanitiser to remove.
pub(super) fn finish(raw: &str, plain: bool) -> String {
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
pub(super) fn is_plain(event: &Event, root: &str) -> bool {
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
        // Footnotes: their list, the links to them and back (see `footnotes`).
        .add_tags(["section"])
        .add_tag_attributes("section", ["class"])
        .add_tag_attributes("a", ["class", "aria-label", "aria-describedby"])
        // Tables take the site's table class, and no other (see `TABLE_CLASS`).
        .add_allowed_classes("table", [super::TABLE_CLASS])
        .filter_style_properties(["text-align"].into_iter().collect())
        .id_prefix(None);
    b
}

#[cfg(test)]
mod tests {
    use super::super::{options, render};
    use super::*;
    use crate::render::strings::Strings;
    use pulldown_cmark::Parser;

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
            let page = render(md, "../", &Strings::default(), &Default::default()).html;
            assert_eq!(sanitize(&page), page, "for {md}");
            assert!(page.contains("rel=\"noopener noreferrer\""), "{page}");
        }
        // Task lists: qmsite writes its own ticked and empty boxes, which the sanitiser keeps.
        let page = render(
            "- [x] done\n- [ ] open\n",
            "../",
            &Strings::default(),
            &Default::default(),
        )
        .html;
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
            let html = render(md, "", &Strings::default(), &Default::default())
                .html
                .to_lowercase();
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
}
