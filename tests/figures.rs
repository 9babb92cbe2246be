//! Every figure a reader sees tells the truth: a missing value stays a gap, figures never cross
//! organisational units, deliberate reductions read as intended, ties say so, and a page with
//! nothing to show says what to fill in.
//!
//! The minimal fixture has two units: the organisation as a whole ("one" 2022-05-01, "two"
//! 2024-05-01) and the finance department ("fin-2022" 2022-06-01, "fin-2024" 2024-04-30, one day
//! before "two"). In fin-2024, A.2 fell from high to mid on purpose (improvement I-2, direction
//! "lower", works through QMS component Q2, which serves A.2) and B.1 fell from high to low.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{edit, example, fixture, qmsite};

const TODAY: &str = "2024-11-01";

/// Builds a site into `out`; returns the output folder, failing the test on a failed build.
fn build_at(site: &Path, today: &str) -> PathBuf {
    let out = site.join("out");
    let o = qmsite(&[
        "build",
        "--root",
        &site.to_string_lossy(),
        "--today",
        today,
        "-o",
        &out.to_string_lossy(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn build(site: &Path) -> PathBuf {
    build_at(site, TODAY)
}

fn read(out: &Path, page: &str) -> String {
    fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// A page's visible words: no scripts, no tags, entities of the default theme decoded, spaces
/// collapsed.
fn words(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("</script>")
            .map_or("", |end| &rest[start + end + 9..]);
    }
    text.push_str(rest);
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every built HTML page, by path.
fn pages(out: &Path) -> Vec<(String, String)> {
    common::snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

/// A radar draws a missing value at its centre, where it reads as 0: no radar may hold one.
fn radars_with_a_gap(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (path, html) in pages(out) {
        for chart in common::charts(&html) {
            let series = chart["series"].as_array().cloned().unwrap_or_default();
            for s in series.iter().filter(|s| s["type"] == "radar") {
                let data = s["data"].as_array().cloned().unwrap_or_default();
                if data.iter().any(|d| {
                    d["value"]
                        .as_array()
                        .is_some_and(|v| v.iter().any(serde_json::Value::is_null))
                }) {
                    found.push(path.clone());
                }
            }
        }
    }
    found
}

#[test]
fn a_domain_without_a_score_is_never_drawn_at_the_centre_of_a_radar() {
    let site = fixture("minimal");
    let out = build(site.path());
    assert_eq!(radars_with_a_gap(&out), Vec::<String>::new());
    // "one" has no score for domain Beta, so the dashboard's profile is drawn as bars, with a
    // gap where Beta of "one" would be and a note that says so.
    let home = read(&out, "index.html");
    let profile = &common::charts(&home)[0];
    assert_eq!(profile["series"][0]["type"], "bar", "{profile}");
    assert_eq!(profile["series"][1]["name"], "mini 2022");
    assert!(profile["series"][1]["data"][1].is_null(), "{profile}");
    assert!(
        words(&home).contains("Not rated, so no bar is drawn: Beta (mini 2022)."),
        "{}",
        words(&home)
    );
}

#[test]
fn a_missing_index_is_never_followed_by_its_unit_and_the_benchmark_still_tells_the_truth() {
    // All domain weights 0: the domains have scores, the index has none.
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/frameworks/mini.toml",
        "name = \"Alpha\"",
        "name = \"Alpha\"\nweight = 0",
    );
    edit(
        site.path(),
        "content/frameworks/mini.toml",
        "weight = 3",
        "weight = 0",
    );
    let out = build(site.path());
    let home = words(&read(&out, "index.html"));
    assert!(home.contains("Index · mini not rated"), "{home}");
    assert!(!home.contains("not rated %"), "{home}");
    assert!(
        home.contains(
            "A benchmark of 4 peers exists (median 50.0), but our index has no value, so it cannot place us."
        ),
        "{home}"
    );
    assert!(!home.contains("No benchmark has been recorded"), "{home}");
    let assessment = words(&read(&out, "assessments/two.html"));
    assert!(
        assessment.contains("Index · mini not rated"),
        "{assessment}"
    );
    assert!(!assessment.contains("not rated %"), "{assessment}");
}

#[test]
fn a_fresh_site_says_what_to_fill_in_first_and_draws_no_empty_chart() {
    let dir = tempfile::tempdir().expect("tmp");
    let site = dir.path().join("site");
    let o = qmsite(&["init", &site.to_string_lossy()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A fresh site has no assessment yet: the first step the home page names is writing one.
    let out = build_at(&site, "2100-01-01");
    let home = words(&read(&out, "index.html"));
    assert!(
        home.contains("Record an assessment: qmsite new assessment writes"),
        "{home}"
    );
    let o = qmsite(&[
        "new",
        "assessment",
        "--root",
        &site.to_string_lossy(),
        "--today",
        "2100-01-01",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = fs::read_dir(site.join("content/assessments"))
        .expect("assessments")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .next()
        .expect("one assessment");
    let out = build_at(&site, "2100-01-01");
    let home_html = read(&out, "index.html");
    let home = words(&home_html);
    assert!(home.contains("What to fill in first"), "{home}");
    for expected in [
        format!("in content/assessments/{file}: give each [[rating]] a level"),
        "in content/benchmarks/peers.toml".to_owned(),
        "in content/improvements/register.toml".to_owned(),
        "in content/qms/components.toml".to_owned(),
    ] {
        assert!(home.contains(&expected), "{expected} in {home}");
    }
    assert!(!home.contains("not rated %"), "{home}");
    // Nothing is rated: the profile says what to fill in instead of drawing a dot with a legend.
    assert!(common::charts(&home_html).is_empty(), "{home_html}");
    assert!(
        home.contains("Nothing to draw yet: no dimension of"),
        "{home}"
    );
    for (page, expected) in [
        ("improvements.html", "to content/improvements/register.toml"),
        ("qms.html", "in content/qms/components.toml"),
        ("frameworks/itqi-example.html", "Nothing to draw yet"),
    ] {
        let html = read(&out, page);
        assert!(
            common::charts(&html).is_empty(),
            "{page} draws an empty chart"
        );
        assert!(words(&html).contains(expected), "{page}: {}", words(&html));
    }
    let report = read(&out, "report.html");
    let drawn: Vec<String> = common::charts(&report)
        .iter()
        .filter_map(|c| c["series"][0]["type"].as_str().map(str::to_owned))
        .collect();
    // Only the coverage chart has something to draw: `init` lists every clause "not addressed".
    assert_eq!(drawn, ["bar"], "{drawn:?}");
}

#[test]
fn units_never_mix_and_every_page_names_its_unit() {
    let site = fixture("minimal");
    let out = build(site.path());
    let home_html = read(&out, "index.html");
    assert!(
        home_html.contains("href=\"units.html\""),
        "the menu lists units"
    );
    let home = words(&home_html);
    // The organisation's previous assessment is "one", not the finance department's fin-2024 of
    // the day before.
    assert!(
        home.contains("▲ +21.3 pts since mini 2022 (30.0)"),
        "{home}"
    );

    let units = words(&read(&out, "units.html"));
    for expected in [
        "Fixture Org (shown on the dashboard) mini 2024 2024-05-01 51.3 % ▲ +21.3 pts 2026-05-01",
        "Finance department mini 2024 (Finance department) 2024-04-30 10.0 % ▼ −86.3 pts 2026-04-30",
    ] {
        assert!(units.contains(expected), "{expected} in {units}");
    }

    let fin = words(&read(&out, "assessments/fin-2024.html"));
    assert!(fin.contains("Unit Finance department"), "{fin}");
    assert!(
        fin.contains("Previous assessment mini 2022 (Finance department)"),
        "{fin}"
    );
    let two = words(&read(&out, "assessments/two.html"));
    assert!(two.contains("Unit Fixture Org"), "{two}");
    assert!(
        two.contains("Previous assessment mini 2022 At a glance"),
        "{two}"
    );
    // Three dimensions rated: the strongest and the weakest take one each, never the same one.
    assert!(
        two.contains("Strongest dimensions A.2 Second 100.0 Weakest dimensions A.1 First 40.0 1 of 2 dimensions rated 40.0 are shown."),
        "{two}"
    );

    // A dimension's page shows each unit's history on its own, each with its own chart.
    let a2 = read(&out, "frameworks/mini/a.2.html");
    assert!(a2.contains("id=\"chart-dimension-unit\""));
    assert!(a2.contains("id=\"chart-dimension-unit-finance\""));
    let a2 = words(&a2);
    assert!(
        a2.contains("History across assessments · Fixture Org Assessment Level Value Change Assessor's notes mini 2022 2022-05-01 Mid 40.0 mini 2024 2024-05-01 High 100.0 ▲ +60.0 pts"),
        "{a2}"
    );
    assert!(
        a2.contains("History across assessments · Finance department"),
        "{a2}"
    );

    // The framework's heat maps and trends: one per unit.
    let framework = read(&out, "frameworks/mini.html");
    for id in [
        "chart-heatmap-unit",
        "chart-heatmap-unit-finance",
        "chart-trend-unit",
        "chart-trend-unit-finance",
    ] {
        assert!(framework.contains(&format!("id=\"{id}\"")), "{id}");
    }

    // A site of one unit has no units page and says nothing of units in its menu.
    let example = example();
    let out = build_at(example.path(), "2026-11-24");
    assert!(!out.join("units.html").exists());
    assert!(!read(&out, "index.html").contains("units.html"));
}

#[test]
fn a_deliberate_fall_reads_as_intended_wherever_the_change_shows() {
    let site = fixture("minimal");
    let out = build(site.path());
    let link = "(<a class=\"nobr\" href=\"../improvements.html#i-2\">I-2</a>)";
    let fin = read(&out, "assessments/fin-2024.html");
    assert!(
        fin.contains(&format!(
            "<span class=\"delta delta-deliberate\">↓ −60.0\u{a0}pts deliberate</span> <span class=\"deliberate-by\">{link}</span>"
        )),
        "{fin}"
    );
    // B.1 fell without a decision to lower it: a plain fall.
    assert!(
        fin.contains("<span class=\"delta delta-down\">▼ −100.0\u{a0}pts</span>"),
        "{fin}"
    );
    let dimension = read(&out, "frameworks/mini/a.2.html");
    assert!(
        dimension.contains("↓ −60.0\u{a0}pts deliberate</span> <span class=\"deliberate-by\">(<a class=\"nobr\" href=\"../../improvements.html#i-2\">I-2</a>)"),
        "{dimension}"
    );
    let framework = read(&out, "frameworks/mini.html");
    assert!(
        framework.contains(&format!(
            "40.0 <span class=\"delta delta-deliberate\">↓ deliberate</span> <span class=\"deliberate-by\">{link}</span>"
        )),
        "{framework}"
    );

    // Without the organisation's assessments of "mini", the dashboard shows the finance
    // department, and its fall of A.2 is listed under "moved down most" as deliberate.
    fs::remove_file(site.path().join("content/assessments/one.toml")).expect("rm");
    fs::remove_file(site.path().join("content/assessments/two.toml")).expect("rm");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "assessment = \"two\"\n",
        "",
    );
    let out = build(site.path());
    let home = read(&out, "index.html");
    assert!(
        home.contains("<a href=\"frameworks/mini/a.2.html\"><span class=\"nobr\">A.2</span> Second</a> <span class=\"delta delta-deliberate\">↓ −60.0\u{a0}pts deliberate</span> <span class=\"deliberate-by\">(<a class=\"nobr\" href=\"improvements.html#i-2\">I-2</a>)</span>"),
        "{home}"
    );
    assert!(
        home.contains("<a href=\"frameworks/mini/b.1.html\"><span class=\"nobr\">B.1</span> Third</a> <span class=\"delta delta-down\">▼ −100.0\u{a0}pts</span>"),
        "{home}"
    );
}

#[test]
fn ties_at_the_cut_are_counted_and_broken_by_a_stated_rule() {
    let site = example();
    let out = build_at(site.path(), "2026-11-24");
    let home = words(&read(&out, "index.html"));
    assert!(
        home.contains("Strongest dimensions D1.1 IT strategy and business alignment 80.0 D1.6 Performance measurement and reporting 80.0 D2.1 Service catalogue 80.0 3 of 13 dimensions rated 80.0 are shown."),
        "{home}"
    );
    assert!(
        home.contains("Equal values are listed in framework order."),
        "{home}"
    );
}

#[test]
fn the_export_names_each_assessments_unit_and_its_deliberate_falls() {
    let site = fixture("minimal");
    let o = qmsite(&[
        "export",
        "json",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        TODAY,
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let assessment = |id: &str| {
        v["assessments"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["id"] == id))
            .cloned()
            .expect("assessment")
    };
    let fin = assessment("fin-2024");
    assert_eq!(fin["unit"], "finance");
    assert_eq!(fin["previous"], "fin-2022");
    assert_eq!(fin["ratings"][1]["deliberate"], serde_json::json!(["I-2"]));
    assert_eq!(fin["ratings"][2]["deliberate"], serde_json::json!([]));
    assert_eq!(assessment("two")["unit"], serde_json::Value::Null);
    assert_eq!(assessment("two")["previous"], "one");
    assert_eq!(v["units"][1]["id"], "finance");
    assert_eq!(v["units"][1]["cycle"]["next_due"], "2026-04-30");
    assert_eq!(v["units"][0]["main"], true);
}
