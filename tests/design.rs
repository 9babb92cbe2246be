//! The site's visual language holds across its charts: one thing keeps one colour from chart to
//! chart (see docs/design.md and `src/render/charts/colours.rs`).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

/// Each series' name and colour, as ECharts colours it: its own item colour, else the option's
/// palette in turn.
fn series_colours(option: &serde_json::Value) -> Vec<(String, String)> {
    let palette: Vec<&str> = option["color"]
        .as_array()
        .map(|p| p.iter().filter_map(|c| c.as_str()).collect())
        .unwrap_or_default();
    let series = match &option["series"] {
        serde_json::Value::Array(s) => s.clone(),
        one => vec![one.clone()],
    };
    series
        .iter()
        .enumerate()
        .filter_map(|(k, s)| {
            let name = s["name"].as_str()?.to_owned();
            let colour = s["itemStyle"]["color"]
                .as_str()
                .or_else(|| palette.get(k % palette.len().max(1)).copied())?;
            Some((name, colour.to_ascii_lowercase()))
        })
        .collect()
}

/// Every page of one language (the root, or a language's folder) by path.
fn pages_of(out: &Path, language: &str) -> BTreeMap<String, String> {
    common::snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .filter(|(p, _)| match language {
            "" => !p.starts_with("cs/"),
            l => p.starts_with(&format!("{l}/")),
        })
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

#[test]
fn each_domain_has_one_colour_in_every_chart_and_on_its_dimensions_pages() {
    let (_site, out) = common::build_example();
    for language in ["", "cs"] {
        let pages = pages_of(&out, language);
        // The dimension bars name every domain: they set the colour each must keep.
        let report = &pages[&format!(
            "{}report.html",
            if language.is_empty() { "" } else { "cs/" }
        )];
        let bars = common::charts(report)
            .into_iter()
            .find(|o| {
                o["series"]
                    .as_array()
                    .is_some_and(|s| s.len() > 3 && s[0]["stack"] == "dimensions")
            })
            .expect("the dimension bars in the report");
        let domains: BTreeMap<String, String> = series_colours(&bars)
            .into_iter()
            .filter(|(name, _)| {
                bars["series"].as_array().is_some_and(|s| {
                    s.iter()
                        .any(|x| x["name"] == name.as_str() && x["stack"] == "dimensions")
                })
            })
            .collect();
        assert_eq!(domains.len(), 6, "{domains:?}");
        let distinct: std::collections::BTreeSet<&String> = domains.values().collect();
        assert_eq!(
            distinct.len(),
            domains.len(),
            "two domains share a colour: {domains:?}"
        );
        let mut checked = 0;
        for (path, html) in &pages {
            for option in common::charts(html) {
                for (name, colour) in series_colours(&option) {
                    if let Some(expected) = domains.get(&name) {
                        assert_eq!(&colour, expected, "{path}: {name}");
                        checked += 1;
                    }
                }
            }
            // A dimension's page draws its one line in its domain's colour.
            if path.contains("/d") && path.contains("frameworks/") {
                let Some((domain, expected)) = domains.iter().find(|(d, _)| {
                    let escaped = d.replace('&', "&amp;");
                    html.contains(&format!(" {escaped} ·"))
                }) else {
                    panic!("{path}: no domain named on the page");
                };
                for option in common::charts(html) {
                    for (name, colour) in series_colours(&option) {
                        assert_eq!(
                            &colour, expected,
                            "{path}: {name} is not in the colour of {domain}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        // The trend (index and six domains) on the dashboard, the framework page and the
        // report, the bars, and a line on each of the 48 dimension pages.
        assert!(
            checked >= 3 * 6 + 48,
            "only {checked} series checked in {language:?}"
        );
    }
}

#[test]
fn improvement_ids_in_notes_lead_to_the_improvement() {
    let (_site, out) = common::build_example();
    let page = std::fs::read_to_string(out.join("assessments/2026.html")).expect("page");
    assert!(
        page.contains(r#"(see <a class="nobr" href="../improvements.html#imp-011">IMP-011</a>)"#),
        "an assessor's note naming IMP-011 does not link it"
    );
    // The same note on the dimension's page, in the report, and in Czech.
    for (path, root) in [
        ("report.html", ""),
        ("cs/report.html", ""),
        ("frameworks/itqi-example/d1.2.html", "../../"),
    ] {
        let html = std::fs::read_to_string(out.join(path)).expect(path);
        assert!(
            html.contains(&format!(
                r#"<a class="nobr" href="{root}improvements.html#imp-0"#
            )),
            "{path}: no improvement linked from a note"
        );
    }
    // A narrative naming an improvement links it, on its own page and in the report.
    let findings = std::fs::read_to_string(out.join("pages/findings.html")).expect("findings");
    assert!(
        findings.contains(
            r#"(<a href="../improvements.html#imp-025" rel="noopener noreferrer">IMP-025</a>)"#
        ),
        "the findings do not link IMP-025"
    );
    let report = std::fs::read_to_string(out.join("report.html")).expect("report");
    assert!(
        report.contains(
            r#"(<a href="improvements.html#imp-025" rel="noopener noreferrer">IMP-025</a>)"#
        ),
        "the report's findings do not link IMP-025"
    );
}

/// The rules of the stylesheet that give a badge or a figure its meaning's colour, each with the
/// colour `src/render/charts/colours.rs` gives that meaning in charts.
fn badge_rules() -> Vec<(String, &'static str)> {
    use qmsite::render::charts::colours::*;
    let mut rules = Vec::new();
    let coverage = [
        "conforming",
        "defined",
        "initial",
        "not-addressed",
        "partly-assessed",
        "not-assessed",
    ];
    for (level, colour) in coverage.iter().zip(COVERAGE) {
        rules.push((
            format!(".cov-{level} {{ border-left-color: {colour};"),
            colour,
        ));
    }
    let statuses = [
        "proposed",
        "approved",
        "in-progress",
        "on-hold",
        "done",
        "rejected",
    ];
    for (status, colour) in statuses.iter().zip(STATUSES) {
        rules.push((
            format!(".status-{status} {{ border-left-color: {colour};"),
            colour,
        ));
    }
    for (direction, colour) in ["raise", "keep", "lower"].iter().zip(DIRECTIONS) {
        rules.push((
            format!(".direction-{direction} {{ border-left-color: {colour};"),
            colour,
        ));
    }
    rules.push((format!("--up: {BETTER};"), BETTER));
    rules.push((format!("--down: {WORSE};"), WORSE));
    rules.push((format!("--overdue: {OVERDUE};"), OVERDUE));
    rules
}

#[test]
fn badges_carry_the_colours_their_meanings_have_in_charts() {
    let css = std::fs::read_to_string(common::repo().join("themes/default/static/qmsite.css"))
        .expect("stylesheet");
    for (rule, _) in badge_rules() {
        assert!(css.contains(&rule), "{rule} not in the stylesheet");
    }
    // A part of clause 10.2 is told by its letter, so no part has a colour of its own.
    for part in ["A", "B", "C"] {
        assert!(
            !css.contains(&format!(".part-{part} {{")),
            "part {part} has a colour"
        );
    }
}

/// Every colour an option paints data with: the palette, and each series', line's and point's
/// own colour (axes and text are ink, set elsewhere).
fn data_colours(option: &serde_json::Value, out: &mut Vec<String>) {
    let mut add = |v: &serde_json::Value| {
        if let Some(c) = v.as_str() {
            out.push(c.to_ascii_lowercase());
        }
    };
    if let Some(palette) = option["color"].as_array() {
        palette.iter().for_each(&mut add);
    }
    let series = match &option["series"] {
        serde_json::Value::Array(s) => s.clone(),
        one => vec![one.clone()],
    };
    for s in &series {
        add(&s["itemStyle"]["color"]);
        add(&s["lineStyle"]["color"]);
        for item in s["data"].as_array().into_iter().flatten() {
            add(&item["itemStyle"]["color"]);
        }
    }
    for map in option["visualMap"].as_array().into_iter().flatten() {
        map["inRange"]["color"]
            .as_array()
            .into_iter()
            .flatten()
            .for_each(&mut add);
    }
}

#[test]
fn every_colour_of_every_chart_is_a_meaning_of_the_palette() {
    use qmsite::render::charts::colours::meanings;
    let (_site, out) = common::build_example();
    let meant: BTreeMap<String, String> = meanings()
        .into_iter()
        .map(|(meaning, colour)| (colour.to_ascii_lowercase(), meaning))
        .collect();
    // Neutrals: ink for marks drawn over colour (a median, today's line), white, nothing, and
    // the near-white low end of the heat map's scale, which runs to the colour of ours.
    let neutral = ["#262626", "#ffffff", "#fff", "transparent", "#f2f2f2"];
    let mut seen = std::collections::BTreeSet::new();
    for language in ["", "cs"] {
        for (path, html) in pages_of(&out, language) {
            for option in common::charts(&html) {
                let mut colours = Vec::new();
                data_colours(&option, &mut colours);
                for c in colours {
                    assert!(
                        meant.contains_key(&c) || neutral.contains(&c.as_str()),
                        "{path}: {c} is in a chart but means nothing in colours.rs"
                    );
                    seen.insert(c);
                }
            }
        }
    }
    // The example uses the palette's meanings, not only a few of them.
    for must in [
        "status 4",
        "direction 2",
        "on schedule, overdue 1",
        "coverage 0",
    ] {
        let (colour, _) = meant.iter().find(|(_, m)| m == &must).expect(must);
        assert!(seen.contains(colour), "no chart shows {must} ({colour})");
    }
}

#[test]
fn a_status_has_its_colour_in_the_register_chart() {
    use qmsite::render::charts::colours::STATUSES;
    let (_site, out) = common::build_example();
    let html = std::fs::read_to_string(out.join("improvements.html")).expect("register");
    let chart = common::charts(&html)
        .into_iter()
        .find(|o| series_colours(o).iter().any(|(name, _)| name == "Done"))
        .expect("status chart");
    let names = [
        "Proposed",
        "Approved",
        "In progress",
        "On hold",
        "Done",
        "Rejected",
    ];
    let colours: BTreeMap<String, String> = series_colours(&chart).into_iter().collect();
    for (name, colour) in names.iter().zip(STATUSES) {
        assert_eq!(
            colours.get(*name).map(String::as_str),
            Some(colour),
            "{name}"
        );
    }
}

#[test]
fn a_percentage_is_written_the_way_its_language_writes_it() {
    let (_site, out) = common::build_example();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).expect(p);
    // English sets the percent sign against the figure; Czech after a no-break space.
    assert!(read("index.html").contains("57.8<span class=\"unit\">%</span>"));
    assert!(read("cs/index.html").contains("57,8<span class=\"unit\">\u{a0}%</span>"));
    assert!(read("assessments/2026.html").contains("<strong>57.8</strong>%"));
    assert!(read("cs/assessments/2026.html").contains("<strong>57,8</strong>\u{a0}%"));
}

/// A built-in strings table of the theme.
fn strings(language: &str) -> BTreeMap<String, String> {
    let path = common::repo().join(format!("themes/default/i18n/{language}.toml"));
    toml::from_str(&std::fs::read_to_string(path).expect("strings")).expect("strings parse")
}

/// The option of the chart `id` on a page.
fn chart_option(html: &str, id: &str) -> serde_json::Value {
    let open = format!("class=\"chart-option\" data-chart=\"{id}\">");
    let start = html.find(&open).unwrap_or_else(|| panic!("no chart {id}")) + open.len();
    let end = start + html[start..].find("</script>").expect("script end");
    serde_json::from_str(&html[start..end]).expect("chart JSON parses")
}

fn select(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e}"))
}

fn text(e: scraper::ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

/// The cells of the row of `table` whose header is `label`.
fn row(page: &scraper::Html, table: &str, label: &str) -> Vec<String> {
    page.select(&select(&format!("{table} tbody tr")))
        .find(|r| r.select(&select("th")).next().map(text).as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no row {label} in {table}"))
        .select(&select("td"))
        .map(text)
        .collect()
}

/// The example's benchmark: the comparison group's values of a figure (sectors and earliest
/// year as its [group] says).
fn group_values(figure: &str) -> Vec<f64> {
    let path = common::repo().join("content/benchmarks/peers-2026.toml");
    let file: toml::Value =
        toml::from_str(&std::fs::read_to_string(path).expect("benchmark")).expect("parses");
    let sectors: Vec<&str> = file["group"]["sectors"]
        .as_array()
        .expect("sectors")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    let since = file["group"]["since_year"].as_integer().expect("since");
    file["peer"]
        .as_array()
        .expect("peers")
        .iter()
        .filter(|p| sectors.contains(&p["sector"].as_str().unwrap_or_default()))
        .filter(|p| p["year"].as_integer().is_some_and(|y| y >= since))
        .filter_map(|p| {
            p.get(figure)?
                .as_float()
                .or(p[figure].as_integer().map(|i| i as f64))
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    }
}

#[test]
fn the_benchmark_plane_spans_the_page_and_costs_are_charted_and_written_with_their_unit() {
    let (_site, out) = common::build_example();
    for (language, folder) in [("en", ""), ("cs", "cs/")] {
        let t = strings(language);
        let html = std::fs::read_to_string(out.join(format!("{folder}benchmark.html")))
            .expect("benchmark page");
        let page = scraper::Html::parse_document(&html);
        // The quality/cost plane is a figure of its own across the page, not a grid's column.
        let plane = page
            .select(&select("#chart-quality-cost-0-figure"))
            .next()
            .expect("the quality/cost plane");
        assert!(
            plane.value().classes().any(|c| c == "chart-full"),
            "{language}"
        );
        assert!(
            page.select(&select(".grid-2 #chart-quality-cost-0-figure"))
                .next()
                .is_none(),
            "{language}: the plane sits in a grid's column"
        );
        // Its quadrants are named in the page's language, one in each corner.
        let option = chart_option(&html, "chart-quality-cost-0");
        let quadrants = option["series"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["id"] == "quadrants")
            .expect("quadrant names");
        let names: Vec<&str> = quadrants["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["name"].as_str())
            .collect();
        let expected: Vec<&str> = [
            "quadrant_better_cheaper",
            "quadrant_better_dearer",
            "quadrant_worse_cheaper",
            "quadrant_worse_dearer",
        ]
        .iter()
        .map(|k| t[*k].as_str())
        .collect();
        assert_eq!(names, expected, "{language}");
        // Cost as a share of revenue among the peers: our 3.7 % and the group's median.
        let share = chart_option(&html, "chart-peer-cost-share-0");
        assert_eq!(share["series"][3]["data"][0]["value"][0], 3.7, "{language}");
        let expected_median = median(group_values("cost_percent_of_revenue"));
        let drawn_median = share["series"][2]["data"][0]["value"][0]
            .as_f64()
            .expect("median");
        assert!(
            (drawn_median - (expected_median * 10.0).round() / 10.0).abs() < 1e-9,
            "{language}: median {drawn_median}, expected {expected_median}"
        );
        // The table writes money with its currency, shares as percentages, ranks as P52.
        let cost = row(&page, "table.peer-figures", &t["cost_per_user"]);
        let share_row = row(&page, "table.peer-figures", &t["cost_percent"]);
        let (money, percent) = match language {
            "en" => (
                ["EUR\u{a0}5,600", "EUR\u{a0}5,550", "EUR\u{a0}4,950 – 6,250"],
                "3.7%",
            ),
            _ => (
                [
                    "5\u{a0}600\u{a0}EUR",
                    "5\u{a0}550\u{a0}EUR",
                    "4\u{a0}950 – 6\u{a0}250\u{a0}EUR",
                ],
                "3,7\u{a0}%",
            ),
        };
        assert_eq!(cost[..3], money, "{language}");
        assert_eq!(cost[4], "P52", "{language}");
        assert_eq!(share_row[0], percent, "{language}");
        // Every peer's cost in the list of all peers carries the currency too.
        let costs: Vec<String> = page
            .select(&select(&format!(
                "details table td[data-label=\"{}\"]",
                t["cost_per_user"]
            )))
            .map(text)
            .collect();
        assert!(!costs.is_empty());
        assert!(
            costs.iter().all(|c| c.is_empty() || c.contains("EUR")),
            "{language}: {costs:?}"
        );
    }
}

/// The improvements of the example's register that name `assessment` as their source.
fn raised_from(assessment: &str) -> Vec<String> {
    let path = common::repo().join("content/improvements/register.toml");
    let file: toml::Value =
        toml::from_str(&std::fs::read_to_string(path).expect("register")).expect("parses");
    file["improvement"]
        .as_array()
        .expect("improvements")
        .iter()
        .filter(|i| i.get("assessment").and_then(|a| a.as_str()) == Some(assessment))
        .filter_map(|i| i["id"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn an_assessment_page_opens_with_its_profile_standouts_and_the_improvements_it_led_to() {
    let (_site, out) = common::build_example();
    let raised = raised_from("2026");
    assert_eq!(raised, ["IMP-014", "IMP-020", "IMP-025", "IMP-027"]);
    for (language, folder) in [("en", ""), ("cs", "cs/")] {
        let t = strings(language);
        let html = std::fs::read_to_string(out.join(format!("{folder}assessments/2026.html")))
            .expect("assessment page");
        let page = scraper::Html::parse_document(&html);
        // The block comes first: the page's first section heading.
        let first = page.select(&select("main h2")).next().expect("a heading");
        assert_eq!(first.value().id(), Some("glance-h"), "{language}");
        assert_eq!(text(first), t["at_a_glance"]);
        // Its profile sets this assessment beside the one before it.
        let profile = chart_option(&html, "chart-glance");
        let drawn = serde_json::to_string(&profile["series"]).expect("series");
        let title = |id: &str| {
            let file = match (id, language) {
                ("2026", "en") => "2026-reassessment.toml",
                ("2026", _) => "2026-reassessment.cs.toml",
                (_, "en") => "2023-reassessment.toml",
                _ => "2023-reassessment.cs.toml",
            };
            let text =
                std::fs::read_to_string(common::repo().join("content/assessments").join(file))
                    .expect("assessment");
            let file: toml::Value = toml::from_str(&text).expect("parses");
            file["title"].as_str().expect("title").to_owned()
        };
        for id in ["2026", "2023"] {
            assert!(
                drawn.contains(&title(id)),
                "{language}: {id} not in the profile"
            );
        }
        // The strongest and weakest dimensions, as the rating tables below rate them: rated
        // ones only, equal values in framework (page) order.
        let mut rated: Vec<(String, f64)> = page
            .select(&select("table.ratings tbody tr:not(.not-rated)"))
            .map(|r| {
                let id = text(r.select(&select("th a")).next().expect("dimension"));
                let id = id.split_whitespace().next().unwrap_or_default().to_owned();
                let value = text(r.select(&select("td")).nth(1).expect("value")).replace(',', ".");
                (id, value.parse::<f64>().expect("a value"))
            })
            .collect();
        assert_eq!(rated.len(), 47, "{language}");
        rated.sort_by(|a, b| b.1.total_cmp(&a.1));
        let strongest: Vec<String> = rated.iter().take(3).map(|(d, _)| d.clone()).collect();
        rated.sort_by(|a, b| a.1.total_cmp(&b.1));
        let weakest: Vec<String> = rated.iter().take(3).map(|(d, _)| d.clone()).collect();
        let listed = |n: usize| -> Vec<String> {
            page.select(&select(".glance ul.movers"))
                .nth(n)
                .expect("a list")
                .select(&select("a"))
                .map(|a| {
                    text(a)
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect()
        };
        assert_eq!(listed(0), strongest, "{language}");
        assert_eq!(listed(1), weakest, "{language}");
        assert_eq!(strongest, ["D1.1", "D1.6", "D2.1"]);
        assert_eq!(weakest, ["D4.1", "D4.3", "D4.6"]);
        // The improvements it led to, each linked to its entry in the register.
        let links: Vec<String> = page
            .select(&select(".glance ul.links a"))
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect();
        let expected: Vec<String> = raised
            .iter()
            .map(|id| format!("../improvements.html#{}", id.to_lowercase()))
            .collect();
        assert_eq!(links, expected, "{language}");
        // The cost figures in the language's notation.
        let expected = match language {
            "en" => ["EUR\u{a0}5,600", "3.7%", "2,400"],
            _ => ["5\u{a0}600\u{a0}EUR", "3,7\u{a0}%", "2\u{a0}400"],
        };
        for figure in expected {
            assert!(
                html.contains(&format!("<dd>{figure}</dd>")),
                "{language}: {figure} not written"
            );
        }
        // Every domain's table has the same columns.
        let tables = page.select(&select("table.ratings")).count();
        assert_eq!(
            page.select(&select("table.ratings > colgroup > col"))
                .count(),
            tables * 5
        );
    }
}
