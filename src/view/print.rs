//! The printed report's page rules: paper size, a running header and footer, "page X of Y".
//!
//! Chromium draws page margin boxes from `content` strings and the `page`/`pages` counters
//! only: it cannot take words from the page (`string-set` is not supported). So the words of
//! the header and footer are written into a small stylesheet for each language, here, with every
//! piece of the site's own text escaped as a CSS string.

use super::Ctx;

/// The `@page` rules of the full report: its paper, the title and organisation at the head of
/// every page after the cover, the confidentiality line and the page number at its foot.
pub(super) fn page_rules(ctx: &Ctx) -> String {
    let config = &ctx.site.config;
    let page_of = page_counter(&ctx.t.get("report_page_of"));
    let box_rule = |name: &str, content: &str| format!("@{name}{{content:{content}}}");
    let mut rules = vec![
        box_rule("top-left", &css_string(&config.title)),
        box_rule("top-right", &css_string(&header_right(ctx))),
        box_rule("bottom-right", &page_of),
    ];
    if !config.brand.confidentiality.is_empty() {
        rules.push(box_rule(
            "bottom-left",
            &css_string(&config.brand.confidentiality),
        ));
    }
    format!(
        "@page{{size:{};{}}}@page:first{{@top-left{{content:none}}@top-right{{content:none}}@bottom-left{{content:none}}@bottom-right{{content:none}}}}",
        config.paper.css(),
        rules.join("")
    )
}

/// The organisation, and the edition when the site has editions ("Northmere · Edition: For
/// stakeholders"): a page that leaves the report still says whom it was written for.
fn header_right(ctx: &Ctx) -> String {
    let config = &ctx.site.config;
    match &config.edition {
        Some(e) => format!(
            "{} · {}: {}",
            config.organisation,
            ctx.t.get("edition"),
            super::EditionView::of(e).title
        ),
        None => config.organisation.clone(),
    }
}

/// `"Page {page} of {pages}"` as a CSS `content` value: the words as strings, the placeholders
/// as the page counters.
fn page_counter(template: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        let counter = match name {
            "page" => "counter(page)",
            "pages" => "counter(pages)",
            _ => {
                parts.push(css_string(&rest[..start + len + 1]));
                rest = &rest[start + len + 1..];
                continue;
            }
        };
        if start > 0 {
            parts.push(css_string(&rest[..start]));
        }
        parts.push(counter.to_owned());
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        parts.push(css_string(rest));
    }
    parts.join(" ")
}

/// A quoted CSS string holding `text` and nothing else. Anything that could end the string, the
/// rule or the `<style>` element around it (quotes, backslashes, angle brackets, ampersands, line
/// breaks and other control characters) is written as a CSS escape, so the result needs no HTML
/// escaping either.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c.is_control() || matches!(c, '"' | '\\' | '<' | '>' | '&' | '\'' | '{' | '}') {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{css_string, page_counter};

    #[test]
    fn a_css_string_cannot_end_the_string_the_rule_or_the_style_element() {
        let hostile = "Q\"}</style><script>alert('x')</script>\\\n&amp;";
        let s = css_string(hostile);
        let inner = &s[1..s.len() - 1];
        for c in ['"', '\'', '<', '>', '&', '{', '}', '\n'] {
            assert!(!inner.contains(c), "{c:?} left in {s}");
        }
        assert!(inner.contains("\\22 "), "{s}");
        assert_eq!(css_string("Qualität 57,8 %"), "\"Qualität 57,8 %\"");
    }

    #[test]
    fn the_page_number_template_becomes_strings_and_counters() {
        assert_eq!(
            page_counter("Page {page} of {pages}"),
            "\"Page \" counter(page) \" of \" counter(pages)"
        );
        assert_eq!(
            page_counter("{page} / {pages}"),
            "counter(page) \" / \" counter(pages)"
        );
        assert_eq!(page_counter("p. {x}"), "\"p. \\7b x\\7d \"");
    }
}
