//! The full report as one self-contained HTML file, for a stakeholder who opens it from an
//! e-mail attachment: the stylesheets and images inside it, the server-drawn charts already in
//! the page, no script, and no request to any file or host.
//!
//! The report page is rendered as the site renders it and then rewritten with `lol_html`, an
//! HTML rewriter that parses as browsers do, so no tag is missed the way a search for text
//! would miss one.

use std::cell::RefCell;
use std::collections::BTreeMap;

use base64::Engine;
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};

use crate::build::{Content, Prepared};
use crate::check::links::{resolve, split_target};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::plan::PageKind;

/// The Content-Security-Policy of the single file: styles and images may only come from inside
/// it, and nothing may run or load.
pub const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

/// The class the single file's `<body>` carries, so the theme can leave out what only a site
/// needs (its header and menu, the search, the language switcher).
pub const BODY_CLASS: &str = "single-file";

/// Renders the full report of `language` (the site's default when `None`) as one file.
pub fn report(
    prepared: &Prepared,
    language: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let Some(l) = prepared
        .languages()
        .find(|l| language.is_none_or(|code| l.site.config.language == code))
    else {
        let known: Vec<&str> = prepared
            .languages()
            .map(|l| l.site.config.language.as_str())
            .collect();
        diags.push(
            Diagnostic::in_file(
                Severity::Error,
                crate::content::config::CONFIG_FILE,
                format!(
                    "the site is not built in \"{}\"",
                    language.unwrap_or_default()
                ),
            )
            .expected(format!("one of the site's languages: {}", known.join(", "))),
        );
        return None;
    };
    let Some(id) = l
        .plan
        .pages
        .iter()
        .position(|p| p.kind == PageKind::FullReport)
    else {
        diags.push(
            Diagnostic::in_file(
                Severity::Error,
                crate::content::config::CONFIG_FILE,
                "the site has no full report to write as one file",
            )
            .expected("a site with a report page (every site qmsite builds has one)"),
        );
        return None;
    };
    let page = l
        .render_pages(Some(&[id.into()]), diags)
        .into_iter()
        .next()?;
    if diags.has_errors() {
        return None;
    }
    let files = l.other_files();
    match inline(&page.html, &page.path, &files, &l.site.config.base_url) {
        Ok(html) => Some(html),
        Err(e) => {
            diags.push(
                Diagnostic::in_file(Severity::Error, page.path, e)
                    .expected("a report page whose stylesheets and images are files of the site"),
            );
            None
        }
    }
}

/// Rewrites the page at `path` so that it needs nothing beside it: stylesheets and images from
/// `files` inlined, scripts and site-only links dropped, links to other pages of the site made
/// absolute under `base_url` (or plain text when the site has none).
pub fn inline(
    html: &str,
    path: &str,
    files: &BTreeMap<String, Content>,
    base_url: &str,
) -> Result<String, String> {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let problem: RefCell<Option<String>> = RefCell::new(None);
    let file = |href: &str| -> Option<Vec<u8>> {
        let (target, _) = split_target(href);
        let at = resolve(dir, &target)?;
        match files.get(&at).map(Content::bytes) {
            Some(Ok(bytes)) => Some(bytes.into_owned()),
            Some(Err(e)) => {
                problem.borrow_mut().get_or_insert(e);
                None
            }
            None => {
                problem
                    .borrow_mut()
                    .get_or_insert(format!("{href} is not a file of the site"));
                None
            }
        }
    };
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("script", |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("link", |el| {
            let stylesheet = el.get_attribute("rel").as_deref() == Some("stylesheet");
            match el.get_attribute("href").filter(|_| stylesheet) {
                Some(href) => {
                    let css = file(&href).unwrap_or_default();
                    let css = String::from_utf8_lossy(&css).replace("</", "<\\/");
                    el.replace(&format!("<style>{css}</style>"), ContentType::Html);
                }
                // The icon, the canonical address and the other languages are the site's.
                None => el.remove(),
            }
            Ok(())
        }))
        .append_element_content_handler(element!("meta[http-equiv]", |el| {
            el.set_attribute("content", POLICY)?;
            Ok(())
        }))
        .append_element_content_handler(element!("img[src]", |el| {
            let src = el.get_attribute("src").unwrap_or_default();
            if crate::url::scheme_of(&src).is_none()
                && let Some(bytes) = file(&src)
            {
                el.set_attribute("src", &data_url(&src, &bytes))?;
            } else {
                el.remove();
            }
            Ok(())
        }))
        .append_element_content_handler(element!("a[href]", |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            match link(&href, dir, path, base_url) {
                Some(to) => el.set_attribute("href", &to)?,
                None => el.remove_and_keep_content(),
            }
            Ok(())
        }))
        .append_element_content_handler(element!("body", |el| {
            let class = el.get_attribute("class").unwrap_or_default();
            el.set_attribute("class", format!("{class} {BODY_CLASS}").trim())?;
            Ok(())
        }));
    let out = rewrite_str(html, settings).map_err(|e| e.to_string())?;
    match problem.into_inner() {
        Some(p) => Err(p),
        None => Ok(out),
    }
}

/// Where a link of the report leads in the single file: its own sections stay, addresses of
/// other hosts stay, another page of the site goes to where the site is published, or nowhere
/// (`None`: the words stay, the link goes) when the site gives no `base_url`.
fn link(href: &str, dir: &str, path: &str, base_url: &str) -> Option<String> {
    if href.starts_with('#') || crate::url::scheme_of(href).is_some() {
        return Some(href.to_owned());
    }
    let (target, fragment) = split_target(href);
    let at = resolve(dir, &target)?;
    if at == path {
        return fragment.map(|f| format!("#{f}"));
    }
    if base_url.is_empty() {
        return None;
    }
    let fragment = href.split_once('#').map(|(_, f)| format!("#{f}"));
    Some(format!("{base_url}{at}{}", fragment.unwrap_or_default()))
}

/// A `data:` address holding `bytes`, typed by the file's extension.
fn data_url(name: &str, bytes: &[u8]) -> String {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mime = match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("data:{mime};base64,{data}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{POLICY, inline};
    use crate::build::Content;

    fn files() -> BTreeMap<String, Content> {
        let mut f = BTreeMap::new();
        f.insert(
            "static/site.css".to_owned(),
            Content::Text("body { color: red } /* </style> */".to_owned()),
        );
        f.insert(
            "static/logo.png".to_owned(),
            Content::Embedded(&[0x89, b'P', b'N', b'G']),
        );
        f
    }

    const PAGE: &str = r##"<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"><link rel="stylesheet" href="../static/site.css"><link rel="icon" href="../static/favicon.svg"></head><body class="page-report"><img src="../static/logo.png" alt=""><a href="#r-summary">Summary</a> <a href="../improvements.html#imp-1">IMP-1</a> <a href="report.html#r-iso">ISO</a> <a href="https://example.org/x">out</a><script src="../static/qmsite.js" defer></script><script type="application/json">{}</script></body></html>"##;

    #[test]
    fn the_single_file_needs_nothing_beside_it() {
        let html = inline(PAGE, "cs/report.html", &files(), "").expect("inline");
        assert!(
            html.contains("<style>body { color: red } /* <\\/style> */</style>"),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<link"), "{html}");
        assert!(html.contains(&format!("content=\"{POLICY}\"")), "{html}");
        assert!(
            html.contains("src=\"data:image/png;base64,iVBORw==\""),
            "{html}"
        );
        assert!(html.contains("<a href=\"#r-summary\">Summary</a>"));
        assert!(html.contains("<a href=\"#r-iso\">ISO</a>"));
        assert!(
            html.contains(" IMP-1 "),
            "a link to another page keeps its words: {html}"
        );
        assert!(!html.contains("improvements.html"));
        assert!(html.contains("https://example.org/x"));
        assert!(html.contains("class=\"page-report single-file\""));
    }

    #[test]
    fn with_a_published_address_links_to_other_pages_lead_there() {
        let html =
            inline(PAGE, "cs/report.html", &files(), "https://q.example/cs/").expect("inline");
        assert!(
            html.contains("href=\"https://q.example/cs/improvements.html#imp-1\""),
            "{html}"
        );
    }

    #[test]
    fn a_stylesheet_that_is_not_there_is_an_error_not_a_bare_page() {
        let page = r#"<link rel="stylesheet" href="static/gone.css">"#;
        let e = inline(page, "report.html", &files(), "").expect_err("missing file");
        assert!(e.contains("static/gone.css"), "{e}");
    }
}
