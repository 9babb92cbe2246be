//! `qmsite build --single-file`: the full report as one HTML file that needs nothing beside it.

mod common;

use std::path::Path;

fn single_file(site: &Path, file: &Path, lang: Option<&str>) -> std::process::Output {
    let mut args = vec![
        "build".to_owned(),
        "--root".to_owned(),
        site.to_string_lossy().into_owned(),
        "--today".to_owned(),
        "2026-11-24".to_owned(),
        "--single-file".to_owned(),
        file.to_string_lossy().into_owned(),
    ];
    if let Some(l) = lang {
        args.extend(["--lang".to_owned(), l.to_owned()]);
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    common::qmsite(&refs)
}

/// Every address an element of `html` would load (not links a reader may follow).
fn loads(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("[src], link[href], [srcset], object[data], image, use")
        .expect("selector");
    doc.select(&sel)
        .filter_map(|e| {
            ["src", "href", "srcset", "data", "xlink:href"]
                .iter()
                .find_map(|a| e.value().attr(a))
                .map(str::to_owned)
        })
        .filter(|u| !u.starts_with("data:") && !u.starts_with('#'))
        .collect()
}

#[test]
fn the_single_file_holds_the_whole_report_and_loads_nothing() {
    let site = common::example();
    let file = site.path().join("report-single.html");
    let run = single_file(site.path(), &file, None);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("KiB"), "the size is reported: {said}");
    let html = std::fs::read_to_string(&file).expect("the file");
    assert!(!html.contains("<script"), "no script");
    assert_eq!(loads(&html), Vec::<String>::new());
    assert!(
        html.contains("default-src 'none'"),
        "a policy that lets nothing load"
    );
    assert!(html.contains("<style>"), "the stylesheet is inside");
    // Every chart of the report is drawn inside it.
    let out = common::build_site(site.path());
    let report = std::fs::read_to_string(out.join("report.html")).expect("report");
    let charts = report.matches("class=\"chart-canvas").count();
    assert!(charts > 5);
    assert_eq!(
        html.matches("class=\"chart-canvas drawn-svg\"").count(),
        charts
    );
    // No link leads to a file that is not there: the site's other pages become words.
    let doc = scraper::Html::parse_document(&html);
    let a = scraper::Selector::parse("a[href]").expect("selector");
    for link in doc.select(&a).filter_map(|e| e.value().attr("href")) {
        assert!(
            link.starts_with('#') || link.contains("://") || link.starts_with("mailto:"),
            "a link to a file beside it: {link}"
        );
    }
    // The same input gives the same bytes.
    let again = site.path().join("again.html");
    assert!(single_file(site.path(), &again, None).status.success());
    assert_eq!(std::fs::read(&again).expect("again"), html.as_bytes());
}

#[test]
fn the_single_file_comes_in_each_language_and_refuses_one_the_site_lacks() {
    let site = common::example();
    let file = site.path().join("zprava.html");
    let run = single_file(site.path(), &file, Some("cs"));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(&file).expect("the file");
    assert!(html.contains("<html lang=\"cs\""));
    assert!(html.contains("Obsah"));

    let missing = site.path().join("bericht.html");
    let run = single_file(site.path(), &missing, Some("de"));
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("not built in \"de\"") && said.contains("en, cs"),
        "{said}"
    );
    assert!(!missing.exists(), "nothing written");
}

/// Opened in Chromium with no file and no network to reach (the page is handed over through the
/// DevTools protocol, every request is recorded), every chart of the report shows.
#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs these with --include-ignored"]
fn the_single_file_shows_every_chart_with_no_network_and_no_files() {
    use headless_chrome::protocol::cdp::{Emulation, Network, Page};
    let site = common::example();
    let file = site.path().join("report-single.html");
    assert!(single_file(site.path(), &file, None).status.success());
    let html = std::fs::read_to_string(&file).expect("the file");

    let browser = common::chrome::browser();
    let tab = browser.new_tab().expect("tab");
    tab.call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .expect("scripts off");
    let record = common::chrome::open(&tab, "about:blank");
    tab.call_method(Network::EmulateNetworkConditions {
        offline: true,
        latency: 0.0,
        download_throughput: -1.0,
        upload_throughput: -1.0,
        connection_Type: None,
        packet_loss: None,
        packet_queue_length: None,
        packet_reordering: None,
    })
    .expect("offline");
    let frame = tab
        .call_method(Page::GetFrameTree(None))
        .expect("frame tree")
        .frame_tree
        .frame
        .id;
    tab.call_method(Page::SetDocumentContent {
        frame_id: frame,
        html,
    })
    .expect("content");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let found = common::chrome::eval(
        &tab,
        "JSON.stringify(Array.from(document.querySelectorAll('.chart-canvas')).map(el => { \
           const shown = Array.from(el.querySelectorAll('svg')).filter(s => s.getBoundingClientRect().height > 0); \
           return { id: el.id, shown: shown.length, height: shown.length ? shown[0].getBoundingClientRect().height : 0, \
                    marks: shown.length ? shown[0].querySelectorAll('path, rect, circle').length : 0 }; }))",
    );
    let charts: Vec<serde_json::Value> =
        serde_json::from_str(found.as_str().unwrap_or("[]")).expect("charts");
    assert!(charts.len() > 5, "{charts:?}");
    for c in &charts {
        assert_eq!(c["shown"], 1, "{c}");
        assert!(c["height"].as_f64().unwrap_or(0.0) > 100.0, "{c}");
        assert!(c["marks"].as_u64().unwrap_or(0) > 3, "{c}");
    }
    let r = record.lock().expect("record");
    let requests: Vec<&String> = r
        .requests
        .iter()
        .filter(|u| !u.starts_with("about:") && !u.starts_with("data:"))
        .collect();
    assert!(requests.is_empty(), "requests: {requests:?}");
}
