//! Browser tests: the built example, opened from `file://` in headless Chromium, draws every
//! chart, logs no error and requests nothing from another host.
//!
//! They need Debian's `chromium` (or `QMSITE_CHROMIUM` pointing at a Chromium binary), which
//! `.ci/run` installs, so they are marked ignored and run with `cargo test -- --include-ignored`.

mod common;

use std::path::PathBuf;

use common::chrome::{browser, eval, file_url, open};

fn build_example() -> (tempfile::TempDir, PathBuf) {
    let site = common::example();
    let out = site.path().join("output");
    let o = common::qmsite(&[
        "build",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        "2026-11-24",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (site, out)
}

#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs these with --include-ignored"]
fn dashboard_from_file_draws_its_charts_without_other_hosts() {
    let (_site, out) = build_example();
    let browser = browser();
    let tab = browser.new_tab().expect("tab");
    let record = open(&tab, &file_url(&out.join("index.html")));
    // Each chart container holds an SVG drawn by ECharts, with the expected number of series.
    let charts = eval(
        &tab,
        r#"JSON.stringify(Array.from(document.querySelectorAll('.chart-canvas')).map(el => {
            const c = window.echarts && echarts.getInstanceByDom(el);
            return { id: el.id, svg: !!el.querySelector('svg'), series: c ? c.getOption().series.length : -1,
                     radarItems: c && c.getOption().series[0].type === 'radar' ? c.getOption().series[0].data.length : null };
        }))"#,
    );
    let charts: serde_json::Value =
        serde_json::from_str(charts.as_str().expect("string")).expect("json");
    assert_eq!(charts.as_array().map(Vec::len), Some(2), "{charts}");
    assert_eq!(charts[0]["id"], "chart-radar");
    assert_eq!(charts[0]["svg"], true, "{charts}");
    assert_eq!(
        charts[0]["radarItems"], 3,
        "latest, previous and peer median: {charts}"
    );
    assert_eq!(charts[1]["id"], "chart-trend");
    assert_eq!(charts[1]["svg"], true, "{charts}");
    assert_eq!(charts[1]["series"], 7, "index and six domains: {charts}");

    let r = record.lock().expect("record");
    assert!(r.errors.is_empty(), "errors: {:?}", r.errors);
    assert!(!r.requests.is_empty());
    let foreign: Vec<&String> = r
        .requests
        .iter()
        .filter(|u| !u.starts_with("file://"))
        .collect();
    assert!(foreign.is_empty(), "requests to other hosts: {foreign:?}");
}

#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs these with --include-ignored"]
fn every_page_kind_loads_without_errors_and_draws_its_charts() {
    let (_site, out) = build_example();
    let browser = browser();
    for page in [
        "assessments.html",
        "assessments/2026.html",
        "frameworks/itqi-example.html",
        "frameworks/itqi-example/d4.5.html",
        "benchmark.html",
        "qms.html",
        "improvements.html",
        "iso20000.html",
        "pages/findings.html",
    ] {
        let tab = browser.new_tab().expect("tab");
        let record = open(&tab, &file_url(&out.join(page)));
        let drawn = eval(
            &tab,
            "document.querySelectorAll('.chart-canvas').length === document.querySelectorAll('.chart-canvas svg').length",
        );
        assert_eq!(
            drawn,
            serde_json::Value::Bool(true),
            "{page}: a chart was not drawn"
        );
        let r = record.lock().expect("record");
        assert!(r.errors.is_empty(), "{page}: {:?}", r.errors);
        assert!(
            r.requests.iter().all(|u| u.starts_with("file://")),
            "{page}: {:?}",
            r.requests
        );
        let _ = tab.close(false);
    }
}
