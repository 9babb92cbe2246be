//! The full report as a deliverable: cover, contents that lead to every section, the sections in
//! the order a consultancy delivers them, and the print rules in the page's language.

mod common;

use scraper::{Html, Selector};

fn select(doc: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

fn attr(doc: &Html, css: &str, name: &str) -> Vec<String> {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel)
        .filter_map(|e| e.value().attr(name).map(str::to_owned))
        .collect()
}

#[test]
fn the_report_opens_with_a_cover_and_contents_that_lead_to_every_section_in_order() {
    let (_site, out) = common::build_example();
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    let doc = Html::parse_document(&html);

    let cover = select(&doc, ".report-cover");
    assert_eq!(cover.len(), 1, "one cover");
    assert!(
        cover[0].contains("Northmere Regional Water Authority"),
        "{}",
        cover[0]
    );
    assert!(cover[0].contains("Reassessment 2026"), "{}", cover[0]);
    // The cover comes first, the contents second, then the sections.
    let first = html.find("report-cover").expect("cover");
    let toc = html.find("report-toc").expect("contents");
    let summary = html.find("id=\"r-summary\"").expect("summary");
    assert!(first < toc && toc < summary);

    // Every line of the contents leads to a heading on the page, and the sections follow in the
    // order of the contents.
    let targets = attr(&doc, ".report-toc a", "href");
    assert!(targets.len() >= 9, "{targets:?}");
    let mut last = 0;
    for t in attr(&doc, ".report-toc > ol > li > a", "href") {
        let id = t.trim_start_matches('#');
        let at = html
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no heading with id {id}"));
        assert!(at > last, "{id} out of order");
        last = at;
    }
    for t in &targets {
        let id = t.trim_start_matches('#');
        assert!(html.contains(&format!("id=\"{id}\"")), "no target {id}");
        assert_eq!(
            attr(
                &doc,
                &format!(".toc-page[data-toc-for=\"{id}\"]"),
                "data-toc-for"
            )
            .len(),
            1,
            "a page-number slot for {id}"
        );
    }
    let sections: Vec<String> = attr(&doc, ".report-toc > ol > li > a", "href");
    assert_eq!(
        sections,
        [
            "#r-summary",
            "#r-method",
            "#r-profile",
            "#r-findings",
            "#r-qms",
            "#r-improvements",
            "#r-benchmark",
            "#r-iso",
            "#r-appendix"
        ]
    );
}

#[test]
fn the_report_carries_the_qms_the_improvements_in_detail_the_iso_evidence_and_every_charts_data() {
    let (site, out) = common::build_example();
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    let doc = Html::parse_document(&html);

    // The IT QMS: every component of the example.
    let qms =
        std::fs::read_to_string(site.path().join("content/qms/components.toml")).expect("qms");
    let components = qms.matches("[[component]]").count();
    assert!(components > 0);
    assert_eq!(select(&doc, "#report-qms tbody tr").len(), components);

    // Every improvement in detail, with its KPI, expected effect and measured result.
    let register = select(&doc, "#report-register tbody tr").len();
    assert_eq!(select(&doc, ".report-improvement").len(), register);
    let detail = select(&doc, ".report-improvement").join("\n");
    for words in ["KPI", "Expected effect", "Measured result", "Justification"] {
        assert!(
            detail.contains(words),
            "no {words} in the improvements' detail"
        );
    }

    // The ISO coverage names its evidence.
    let iso = select(
        &doc,
        "#r-iso ~ table .evidence li, section[aria-labelledby=r-iso] .evidence li",
    );
    assert!(!iso.is_empty(), "no evidence in the ISO section");

    // The appendix holds one data table for every chart drawn in the report.
    let drawn = attr(&doc, ".report-section .chart .chart-data", "id").len();
    let gathered = select(&doc, ".report-chart-data table").len();
    assert!(drawn > 5, "{drawn}");
    assert_eq!(gathered, drawn);
    // In print, the tables after the charts give way to the appendix's.
    let css = std::fs::read_to_string(out.join("static/qmsite.css")).expect("css");
    assert!(css.contains(".page-report .chart .chart-data { display: none; }"));
}

#[test]
fn the_printed_pages_carry_the_title_and_page_numbers_in_the_pages_language() {
    let (_site, out) = common::build_example();
    for (page, words) in [
        (
            "report.html",
            "\"Page \" counter(page) \" of \" counter(pages)",
        ),
        (
            "cs/report.html",
            "\"Strana \" counter(page) \" z \" counter(pages)",
        ),
    ] {
        let html = std::fs::read_to_string(out.join(page)).expect(page);
        let doc = Html::parse_document(&html);
        let style = select(&doc, "style[media=print]").join("");
        assert!(style.contains("@page{size:A4;"), "{page}: {style}");
        assert!(style.contains(words), "{page}: {style}");
        assert!(
            style.contains("\"IT Quality Report\"") || style.contains("Zpráva"),
            "{style}"
        );
        assert!(
            style.contains("@page:first{"),
            "{page}: the cover has no header"
        );
    }
}

#[test]
fn letter_paper_is_one_line_of_configuration() {
    let site = common::example();
    let config = site.path().join("qmsite.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(&config, format!("paper = \"letter\"\n{text}")).expect("write");
    let out = common::build_site(site.path());
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    assert!(html.contains("@page{size:letter;"));
}

#[test]
fn hostile_words_in_the_running_header_stay_inside_their_css_string() {
    let site = common::example();
    common::edit(
        site.path(),
        "qmsite.toml",
        "organisation = \"Northmere Regional Water Authority\"",
        "organisation = \"Northmere\\\"}</style><script>alert(1)</script>\"",
    );
    let out = common::build_site(site.path());
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    let doc = Html::parse_document(&html);
    assert!(select(&doc, "script:not([src]):not([type])").is_empty());
    let style = select(&doc, "style[media=print]").join("");
    assert!(
        style.contains("Northmere\\22 \\7d \\3c /style\\3e "),
        "{style}"
    );
}

#[test]
fn a_fresh_sites_report_lists_only_what_it_has() {
    let dir = tempfile::tempdir().expect("tmp");
    let site = dir.path().join("site");
    assert!(
        common::qmsite(&["init", &site.to_string_lossy()])
            .status
            .success()
    );
    let out = common::build_site(&site);
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    let doc = Html::parse_document(&html);
    for t in attr(&doc, ".report-toc a", "href") {
        let id = t.trim_start_matches('#');
        assert!(html.contains(&format!("id=\"{id}\"")), "no target {id}");
    }
    assert!(
        !html.contains("r-improvement-detail"),
        "an empty register has no detail"
    );
}
