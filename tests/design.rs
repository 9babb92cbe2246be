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
}

#[test]
fn coverage_badges_carry_the_colours_of_the_coverage_chart() {
    let css = std::fs::read_to_string(common::repo().join("themes/default/static/qmsite.css"))
        .expect("stylesheet");
    let source = std::fs::read_to_string(common::repo().join("src/render/charts/colours.rs"))
        .expect("colours");
    let start = source.find("pub const COVERAGE").expect("COVERAGE");
    let colours: Vec<&str> = source[start..]
        .split('"')
        .skip(1)
        .step_by(2)
        .take(6)
        .collect();
    let levels = [
        "conforming",
        "defined",
        "initial",
        "not-addressed",
        "partly-assessed",
        "not-assessed",
    ];
    for (level, colour) in levels.iter().zip(&colours) {
        let rule = format!(".cov-{level} {{ border-left-color: {colour};");
        assert!(css.contains(&rule), "{rule} not in the stylesheet");
    }
}
