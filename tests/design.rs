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
        page.contains(r#"(see <a href="../improvements.html#imp-011">IMP-011</a>)"#),
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
            html.contains(&format!(r#"<a href="{root}improvements.html#imp-0"#)),
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
