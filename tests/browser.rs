//! Browser tests: the built example, opened from `file://` in headless Chromium, draws every
//! chart, logs no error and requests nothing from another host.
//!
//! They need Debian's `chromium` (or `QMSITE_CHROMIUM` pointing at a Chromium binary), which
//! `.ci/run` installs, so they are marked ignored and run with `cargo test -- --include-ignored`.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::protocol::cdp::Network;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};

fn chromium() -> PathBuf {
    std::env::var_os("QMSITE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn browser() -> Browser {
    let path = chromium();
    assert!(
        path.is_file(),
        "{} not found: install Debian's chromium or set QMSITE_CHROMIUM",
        path.display()
    );
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    Browser::new(LaunchOptions {
        headless: true,
        sandbox: false,
        path: Some(path),
        window_size: Some((1280, 1000)),
        args,
        idle_browser_timeout: Duration::from_secs(60),
        ..LaunchOptions::default()
    })
    .expect("launch chromium")
}

/// What a page did while loading.
#[derive(Default, Debug)]
struct Record {
    requests: Vec<String>,
    errors: Vec<String>,
}

/// Opens a page, recording every request and every console error or uncaught exception.
fn open(tab: &Arc<Tab>, url: &str) -> Arc<Mutex<Record>> {
    let record = Arc::new(Mutex::new(Record::default()));
    let sink = record.clone();
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })
    .expect("network events");
    tab.enable_runtime().expect("runtime events");
    tab.enable_log().expect("log events");
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let Ok(mut r) = sink.lock() else { return };
        match event {
            Event::NetworkRequestWillBeSent(e) => r.requests.push(e.params.request.url.clone()),
            Event::RuntimeExceptionThrown(e) => r
                .errors
                .push(format!("exception: {:?}", e.params.exception_details.text)),
            Event::RuntimeConsoleAPICalled(e) if format!("{:?}", e.params.Type) == "Error" => {
                r.errors.push(format!(
                    "console.error: {:?}",
                    e.params.args.first().and_then(|a| a.value.clone())
                ))
            }
            Event::LogEntryAdded(e) if format!("{:?}", e.params.entry.level) == "Error" => {
                r.errors.push(format!("log: {}", e.params.entry.text))
            }
            _ => {}
        }
    }))
    .expect("listener");
    tab.navigate_to(url).expect("navigate");
    tab.wait_until_navigated().expect("loaded");
    record
}

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .expect("evaluate")
        .value
        .unwrap_or(serde_json::Value::Null)
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

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

#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs these with --include-ignored"]
fn served_page_shows_an_edit_without_a_manual_reload() {
    let site = common::fixture("minimal");
    let server = common::serve(site.path());
    let browser = browser();
    let tab = browser.new_tab().expect("tab");
    let record = open(
        &tab,
        &format!("http://127.0.0.1:{}/pages/method.html", server.port),
    );
    // Give the live-reload stream a moment to connect.
    std::thread::sleep(Duration::from_millis(500));
    let started = std::time::Instant::now();
    common::edit(
        site.path(),
        "content/pages/method.md",
        "Interviews.",
        "Interviews, edited live.",
    );
    let mut seen = false;
    while started.elapsed() < Duration::from_secs(3) {
        let text = eval(&tab, "document.body ? document.body.innerText : ''");
        if text
            .as_str()
            .is_some_and(|t| t.contains("Interviews, edited live."))
        {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(seen, "the edit did not appear in the open page");
    eprintln!(
        "edit visible in the browser after {} ms",
        started.elapsed().as_millis()
    );
    let r = record.lock().expect("record");
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}
