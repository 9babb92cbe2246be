//! The page plan from outside: which pages a build writes, which the navigation and the report
//! list, and that output grows linearly with the number of narratives in one folder.

mod common;

use std::fs;
use std::path::Path;

use common::{edit, fixture, qmsite, snapshot};

fn build(site: &Path, out: &Path) -> (i32, String) {
    let o = qmsite(&[
        "build",
        "--root",
        &site.to_string_lossy(),
        "--today",
        "2024-11-01",
        "-o",
        &out.to_string_lossy(),
    ]);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Writes `n` notes straight into content/pages/, the layout a user gets by dropping interview
/// notes into the folder.
fn add_notes(site: &Path, n: usize) {
    for i in 0..n {
        fs::write(
            site.join(format!("content/pages/note-{i:04}.md")),
            format!(
                "+++\ntitle = \"Interview note {i:04}\"\n+++\nWhat was said in interview {i}.\n"
            ),
        )
        .expect("write note");
    }
}

fn html_bytes(out: &Path) -> usize {
    snapshot(out)
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| b.len())
        .sum()
}

#[test]
fn narratives_in_one_folder_stay_off_other_pages_and_are_listed_page_by_page() {
    let site = fixture("minimal");
    add_notes(site.path(), 250);
    let out = site.path().join("out");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let files = snapshot(&out);
    let page = |p: &str| String::from_utf8_lossy(&files[p]).into_owned();
    // Neither the navigation nor the full report lists a note that did not ask to be there.
    for p in ["index.html", "report.html", "pages/note-0007.html"] {
        assert!(!page(p).contains("Interview note 0100"), "{p} lists a note");
    }
    // Every note is reachable: 253 narratives on index pages of at most 100, linked in turn.
    let index_pages = ["pages.html", "pages-2.html", "pages-3.html"];
    let mut listed = 0;
    for (n, p) in index_pages.iter().enumerate() {
        let html = page(p);
        let main = &html[html.find("<main").expect("main")..];
        let on_page = main.matches("<li><a href=\"pages/").count();
        assert!(on_page <= 100, "{p} lists {on_page}");
        listed += on_page;
        if n + 1 < index_pages.len() {
            assert!(
                html.contains(&format!("href=\"{}\"", index_pages[n + 1])),
                "{p}"
            );
        }
    }
    assert_eq!(listed, 253);
    assert!(!files.contains_key("pages-4.html"));
    assert!(page("index.html").contains("href=\"pages.html\""));
}

#[test]
fn output_grows_linearly_with_the_notes_in_one_folder() {
    let sizes: Vec<usize> = [100, 200]
        .iter()
        .map(|&n| {
            let site = fixture("minimal");
            add_notes(site.path(), n);
            let out = site.path().join("out");
            let (code, text) = build(site.path(), &out);
            assert_eq!(code, 0, "{text}");
            html_bytes(&out)
        })
        .collect();
    // Doubling the notes adds what the first hundred added, give or take the list pages.
    let base = {
        let site = fixture("minimal");
        let out = site.path().join("out");
        build(site.path(), &out);
        html_bytes(&out)
    };
    let first = sizes[0] - base;
    let second = sizes[1] - sizes[0];
    assert!(
        (second as f64) < 1.05 * first as f64,
        "100 notes added {first} bytes, the next 100 added {second}"
    );
}

#[test]
fn menu_and_report_are_chosen_in_front_matter() {
    let site = fixture("minimal");
    let out = site.path().join("out");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let files = snapshot(&out);
    let index = String::from_utf8_lossy(&files["index.html"]).into_owned();
    let nav = &index[index.find("<nav class=\"nav\"").expect("nav")..];
    let nav = &nav[..nav.find("</nav>").expect("end of nav")];
    // summary.md and method.md ask for the menu; notes/2024.md does not, so the list of all
    // pages is in the menu instead.
    assert!(
        nav.contains(">Summary<") && nav.contains(">Method<"),
        "{nav}"
    );
    assert!(!nav.contains("Notes 2024"), "{nav}");
    assert!(nav.contains("href=\"pages.html\""), "{nav}");
    edit(site.path(), "content/pages/method.md", "menu = true\n", "");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let index = String::from_utf8_lossy(&snapshot(&out)["index.html"]).into_owned();
    assert!(!index.contains(">Method</a></li>"), "method left the menu");
}

#[test]
fn drafts_are_checked_like_any_page_but_never_published() {
    let site = fixture("minimal");
    let out = site.path().join("out");
    fs::write(
        site.path().join("content/pages/draft.md"),
        "+++\ntitle = \"Work in progress\"\ndraft = true\n+++\nSee [the plan](plann.md).\n",
    )
    .expect("write draft");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 1, "a broken link in a draft fails the build");
    assert!(
        text.contains("content/pages/draft.md:5:5: error: broken link \"plann.md\""),
        "{text}"
    );
    edit(
        site.path(),
        "content/pages/draft.md",
        "plann.md",
        "method.md#method",
    );
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let files = snapshot(&out);
    assert!(
        !files.contains_key("pages/draft.html"),
        "a draft is not written"
    );
    for (path, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("Work in progress"),
            "{path} mentions the draft"
        );
    }
    // A link to a draft is a link to a page the build does not produce.
    edit(
        site.path(),
        "content/pages/method.md",
        "Interviews.",
        "Interviews. [Draft](draft.md)",
    );
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 1);
    assert!(text.contains("which the build does not produce"), "{text}");
}

#[test]
fn a_published_address_gives_canonical_links_and_a_sitemap() {
    let site = fixture("minimal");
    let out = site.path().join("out");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let files = snapshot(&out);
    assert!(!files.contains_key("sitemap.xml"), "no address, no sitemap");
    assert!(!String::from_utf8_lossy(&files["index.html"]).contains("rel=\"canonical\""));

    let config = fs::read_to_string(site.path().join("qmsite.toml")).expect("config");
    fs::write(
        site.path().join("qmsite.toml"),
        format!("base_url = \"https://intranet.example/q&a\"\n{config}"),
    )
    .expect("write");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let files = snapshot(&out);
    let page = String::from_utf8_lossy(&files["pages/method.html"]).into_owned();
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://intranet.example/q&amp;a/pages/method.html\">"
        ),
        "{page}"
    );
    let sitemap = String::from_utf8_lossy(&files["sitemap.xml"]).into_owned();
    assert!(sitemap.contains("<loc>https://intranet.example/q&amp;a/index.html</loc>"));
    assert!(sitemap.contains("<loc>https://intranet.example/q&amp;a/pages/notes/2024.html</loc>"));
    // Every page but the not-found page, which web servers show for wrong addresses.
    assert!(!sitemap.contains("404.html"), "{sitemap}");
    assert_eq!(
        sitemap.matches("<url>").count(),
        files
            .keys()
            .filter(|p| p.ends_with(".html") && *p != "404.html")
            .count()
    );

    fs::write(
        site.path().join("qmsite.toml"),
        format!("base_url = \"intranet/quality\"\n{config}"),
    )
    .expect("write");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 1);
    assert!(
        text.contains(
            "qmsite.toml:1:12: error: base_url \"intranet/quality\" is not a web address"
        ),
        "{text}"
    );
}
