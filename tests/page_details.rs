//! What a demanding reader asks of the pages: the IT QMS page defines its levels, names its
//! components on the chart and says in words how often each is reviewed and when next, flagging
//! an overdue review on the card; each step of the dashboard's cycle leads to its records and
//! carries its date; the radar shows its scale and the domain table links to each domain;
//! narratives read at a comfortable measure with the site's tables and styled footnotes; the
//! coverage page names each linked improvement with its status. English and Czech alike.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scraper::{ElementRef, Html, Selector};

/// The example site built once for every test of this file.
fn example() -> &'static Path {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &BUILT.get_or_init(common::build_example).1
}

fn page(out: &Path, path: &str) -> Html {
    let text = std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Html::parse_document(&text)
}

fn raw(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&selector(css)).collect()
}

/// The elements below `e` that `css` selects.
fn within<'a>(e: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    e.select(&selector(css)).collect()
}

fn text(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn stylesheet(out: &Path) -> String {
    raw(out, "static/qmsite.css")
}

/// Whether `href`, written on the page at `from` (relative to the output root), leads to a file
/// of the output holding the id it names.
fn leads_somewhere(out: &Path, from: &str, href: &str) -> bool {
    let dir = Path::new(from).parent().unwrap_or(Path::new(""));
    let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
    let target = if file.is_empty() {
        out.join(from)
    } else {
        out.join(dir).join(file)
    };
    let Ok(html) = std::fs::read_to_string(&target) else {
        return false;
    };
    fragment.is_empty() || html.contains(&format!("id=\"{fragment}\""))
}

#[test]
fn the_qms_page_defines_every_level_near_its_chart() {
    let out = example();
    for (path, names) in [
        ("qms.html", ["Non-existent", "Defined", "Optimised"]),
        (
            "cs/qms.html",
            ["Neexistující", "Definovaná", "Optimalizovaná"],
        ),
    ] {
        let doc = page(out, path);
        let levels = select(&doc, "dl.levels > div");
        assert_eq!(levels.len(), 6, "{path}: levels 0 to 5");
        for (n, level) in levels.iter().enumerate() {
            let dt = within(*level, "dt").first().map(|e| text(*e));
            let dt = dt.unwrap_or_default();
            assert!(dt.starts_with(&n.to_string()), "{path}: {dt}");
            let dd = within(*level, "dd").first().map(|e| text(*e));
            assert!(
                dd.is_some_and(|d| d.len() > 20),
                "{path}: level {n} unexplained"
            );
        }
        let all = text(select(&doc, "dl.levels")[0]);
        for name in names {
            assert!(all.contains(name), "{path}: {name} missing from {all}");
        }
        // The definitions stand right after the chart, before the components.
        let html = raw(out, path);
        let chart = html.find("id=\"chart-qms-figure\"").expect("chart");
        let defined = html.find("class=\"levels\"").expect("levels");
        let components = html.find("id=\"components-h\"").expect("components");
        assert!(chart < defined && defined < components, "{path}");
        // A card names its levels, not only their numbers.
        let card = text(select(&doc, "section#qms-01 dl.facts")[0]);
        assert!(card.contains(&format!("3 {}", names[1])), "{path}: {card}");
    }
}

#[test]
fn the_qms_chart_names_each_component_on_its_axis() {
    let out = example();
    let components: toml::Table =
        toml::from_str(&raw(&common::repo(), "content/qms/components.toml")).expect("toml");
    let names: Vec<String> = components
        .get("component")
        .and_then(|c| c.as_array())
        .expect("components")
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c["id"].as_str().unwrap_or(""),
                c["name"].as_str().unwrap_or("")
            )
        })
        .collect();
    let html = raw(out, "qms.html");
    let charts = common::charts(&html);
    let qms = charts
        .iter()
        .find(|c| c["yAxis"]["data"].as_array().is_some_and(|d| !d.is_empty()))
        .expect("a chart with a category axis of rows");
    let axis: Vec<&str> = qms["yAxis"]["data"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(axis, names.iter().map(String::as_str).collect::<Vec<_>>());
    // Names wrap on the drawing rather than being cut: every word of the longest is drawn.
    assert_eq!(qms["yAxis"]["axisLabel"]["overflow"], "break");
    let (_, drawings) = common::split_drawings(&html);
    let longest = names.iter().max_by_key(|n| n.len()).expect("a name");
    for svg in drawings.iter().filter(|d| d.contains("QMS-01")) {
        for word in longest.split_whitespace() {
            assert!(svg.contains(word), "{word} of {longest} not drawn");
        }
        assert!(!svg.contains('…'), "a name is cut on the drawing");
    }
}

#[test]
fn review_intervals_are_words_with_the_next_review_date() {
    let out = example();
    let short = regex::Regex::new(r"\(\d+\s*(m|měs\.|Mon\.)\)").expect("regex");
    for (path, every_12, every_6, due) in [
        (
            "qms.html",
            "every 12 months",
            "every 6 months",
            "2027-02-10",
        ),
        (
            "cs/qms.html",
            "každých 12 měsíců",
            "každých 6 měsíců",
            "10. 2. 2027",
        ),
    ] {
        let html = raw(out, path);
        assert!(!short.is_match(&html), "{path}: {:?}", short.find(&html));
        let doc = page(out, path);
        let first = text(select(&doc, "section#qms-01 dl.facts")[0]);
        assert!(first.contains(every_12), "{path}: {first}");
        assert!(first.contains(due), "{path}: the next review date: {first}");
        let catalogue = text(select(&doc, "section#qms-04 dl.facts")[0]);
        assert!(catalogue.contains(every_6), "{path}: {catalogue}");
    }
}

#[test]
fn a_card_whose_review_is_overdue_is_flagged() {
    let out = example();
    // Measured on 2026-11-24: QMS-10 was last reviewed on 2024-06-15, every 12 months.
    for (path, words) in [
        ("qms.html", "review overdue"),
        ("cs/qms.html", "přezkoumání po termínu"),
    ] {
        let doc = page(out, path);
        let late = select(&doc, "section.card#qms-10")[0];
        assert!(
            late.value().classes().any(|c| c == "is-overdue"),
            "{path}: the overdue card is not marked"
        );
        let badges: Vec<String> = within(late, "dl.facts .badge.overdue")
            .into_iter()
            .map(text)
            .collect();
        assert!(
            badges.iter().any(|b| b.contains(words)),
            "{path}: {badges:?}"
        );
        let on_time = select(&doc, "section.card#qms-01")[0];
        assert!(!on_time.value().classes().any(|c| c == "is-overdue"));
        assert!(!on_time.html().contains("badge overdue"), "{path}");
    }
}

#[test]
fn each_cycle_step_leads_to_its_records_and_carries_its_date() {
    let out = example();
    for (path, dated) in [
        ("index.html", ["2026-03-27", "2026", "2026-10-06"]),
        ("cs/index.html", ["27. 3. 2026", "2026", "6. 10. 2026"]),
    ] {
        let doc = page(out, path);
        let steps = select(&doc, "ol.cycle > li");
        assert_eq!(steps.len(), 6, "{path}");
        for (i, step) in steps.iter().enumerate() {
            let links = within(*step, "a[href]");
            assert_eq!(links.len(), 1, "{path}: step {} is not a link", i + 1);
            let href = links[0].value().attr("href").unwrap_or_default();
            assert!(leads_somewhere(out, path, href), "{path}: {href}");
            let time = within(*step, "time[datetime]");
            assert_eq!(time.len(), 1, "{path}: step {} has no date", i + 1);
            if let Some(expected) = dated.get(i) {
                assert_eq!(&text(time[0]), expected, "{path}: step {}", i + 1);
            }
        }
        let first = steps[0].html();
        assert!(first.contains("assessments/2026.html"), "{path}: {first}");
    }
}

#[test]
fn a_cycle_step_without_records_says_not_yet_and_is_no_link() {
    let site = common::fixture("minimal");
    for folder in ["benchmarks", "qms", "improvements"] {
        std::fs::remove_dir_all(site.path().join("content").join(folder)).expect("remove");
    }
    let out = common::build_site(site.path());
    let doc = page(&out, "index.html");
    let steps = select(&doc, "ol.cycle > li");
    assert_eq!(steps.len(), 6);
    for (i, step) in steps.iter().enumerate() {
        let linked = !within(*step, "a").is_empty();
        // The assessment and the next one due have records; the benchmark, the IT QMS review,
        // the plan and its implementation have none yet.
        if i == 0 || i == 5 {
            assert!(linked, "step {}", i + 1);
        } else {
            assert!(!linked, "step {} links to nothing there is", i + 1);
            assert!(
                text(*step).contains("Not yet"),
                "step {}: {}",
                i + 1,
                text(*step)
            );
            assert!(within(*step, "time").is_empty());
        }
    }
}

#[test]
fn the_radar_names_domains_in_the_text_colour_and_shows_its_scale() {
    let out = example();
    for path in ["index.html", "cs/index.html"] {
        let html = raw(out, path);
        let charts = common::charts(&html);
        let radar = charts
            .iter()
            .find(|c| c.get("radar").is_some())
            .expect("a radar");
        assert_eq!(radar["radar"][0]["axisName"]["color"], "#262626", "{path}");
        let indicators = radar["radar"][0]["indicator"].as_array().expect("spokes");
        assert_eq!(indicators[0]["axisLabel"]["show"], true, "{path}: no scale");
        assert!(
            indicators[1..].iter().all(|i| i.get("axisLabel").is_none()),
            "{path}: the scale is written on one spoke only"
        );
        // The drawing writes the scale, and the domain names in the text colour.
        let (_, drawings) = common::split_drawings(&html);
        let name = if path == "index.html" {
            "Service delivery"
        } else {
            "Informace a data"
        };
        let radar_svg = drawings
            .iter()
            .find(|d| d.contains(&format!(">{name}</text>")))
            .unwrap_or_else(|| panic!("{path}: no drawn radar"));
        for tick in ["20", "100"] {
            assert!(
                radar_svg.contains(&format!(">{tick}</text>")),
                "{path}: {tick}"
            );
        }
        let at = radar_svg.find(&format!(">{name}</text>")).expect("a name");
        let tag = &radar_svg[radar_svg[..at].rfind("<text").expect("tag")..at];
        assert!(tag.contains("fill=\"#262626\""), "{path}: {tag}");
    }
}

#[test]
fn dashboard_domain_names_link_to_their_section() {
    let out = example();
    for path in ["index.html", "cs/index.html"] {
        let doc = page(out, path);
        let rows = select(&doc, "#domains-h ~ table tbody th[scope=row]");
        assert_eq!(rows.len(), 6, "{path}");
        for th in rows {
            let a = within(th, "a[href]");
            assert_eq!(a.len(), 1, "{path}: {} is not a link", text(th));
            let href = a[0].value().attr("href").unwrap_or_default();
            assert!(href.contains("#domain-D"), "{path}: {href}");
            assert!(leads_somewhere(out, path, href), "{path}: {href}");
        }
    }
}

#[test]
fn narratives_read_at_a_measure_with_the_site_s_tables_and_styled_footnotes() {
    let out = example();
    for path in ["pages/findings.html", "cs/pages/findings.html"] {
        let doc = page(out, path);
        let tables = select(&doc, "article.prose table");
        assert!(!tables.is_empty(), "{path}");
        for t in tables {
            assert!(
                t.value().classes().any(|c| c == "data"),
                "{path}: a table not in the site's style"
            );
        }
    }
    let doc = page(out, "pages/executive-summary.html");
    assert!(!select(&doc, "article.prose sup.footnote-ref a").is_empty());
    assert!(!select(&doc, "article.prose section.footnotes a.footnote-back").is_empty());
    let css = stylesheet(out);
    for rule in [
        ".prose > * { max-width: 62ch; }",
        ".prose > table, .prose > p:has(> img) { max-width: none; }",
        ".footnote-ref a {",
        ".footnotes li:target",
        ".footnote-back {",
    ] {
        assert!(css.contains(rule), "the stylesheet lacks {rule}");
    }
}

#[test]
fn iso_clauses_name_each_linked_improvement_with_its_status() {
    let out = example();
    for path in ["iso20000.html", "cs/iso20000.html"] {
        let doc = page(out, path);
        let items = select(&doc, "table.coverage ul.linked-work > li");
        let improvements: Vec<ElementRef> = items
            .into_iter()
            .filter(|li| li.html().contains("improvements.html#"))
            .collect();
        assert!(improvements.len() > 5, "{path}");
        for li in improvements {
            let a = within(li, "a[href]");
            let label = text(a[0]);
            assert!(
                label.starts_with("IMP-") && label.len() > "IMP-000 ".len() + 3,
                "{path}: {label} has no title"
            );
            let href = a[0].value().attr("href").unwrap_or_default();
            assert!(leads_somewhere(out, path, href), "{path}: {href}");
            assert_eq!(
                within(li, ".badge.status").len(),
                1,
                "{path}: {label} has no status"
            );
        }
    }
}

#[test]
fn the_assessment_cadence_takes_the_form_its_count_needs() {
    let site = common::example();
    common::edit(
        site.path(),
        "qmsite.toml",
        "assessment_cadence_years = 3",
        "assessment_cadence_years = 5",
    );
    let out = common::build_site(site.path());
    let read = |p: &str| std::fs::read_to_string(out.join(p)).expect(p);
    assert!(read("index.html").contains("Cadence: every 5 years"));
    // Czech counts 2–4 and 5 and more in different forms: "každé 3 roky", "každých 5 let".
    assert!(read("cs/index.html").contains("Interval: každých 5 let"));
    assert!(read("cs/assessments.html").contains("Interval: každých 5 let"));
}
