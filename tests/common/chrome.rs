//! Headless Chromium for the browser tests: launch it, open a page recording its requests and
//! errors, evaluate JavaScript.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::protocol::cdp::Network;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};

pub fn chromium() -> PathBuf {
    std::env::var_os("QMSITE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

pub fn browser() -> Browser {
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
pub struct Record {
    pub requests: Vec<String>,
    pub errors: Vec<String>,
}

/// Opens a page, recording every request and every console error or uncaught exception.
pub fn open(tab: &Arc<Tab>, url: &str) -> Arc<Mutex<Record>> {
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
        let mut r = sink.lock().expect("record");
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

pub fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .expect("evaluate")
        .value
        .unwrap_or(serde_json::Value::Null)
}

pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Sets the tab's viewport in CSS pixels, as a phone's when narrower than 600.
pub fn set_viewport(tab: &Tab, width: u32, height: u32) {
    tab.call_method(
        headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride {
            width,
            height,
            device_scale_factor: 1.0,
            mobile: width < 600,
            scale: None,
            screen_width: None,
            screen_height: None,
            position_x: None,
            position_y: None,
            dont_set_visible_size: None,
            screen_orientation: None,
            viewport: None,
            display_feature: None,
            device_posture: None,
        },
    )
    .expect("viewport");
}

/// Points at every chart of the page, as a reader's pointer does, which makes each interactive
/// (the theme loads ECharts and draws it again), and waits until all are: false after 5 s.
pub fn wake_charts(tab: &Tab) -> bool {
    eval(
        tab,
        "document.querySelectorAll('.chart-canvas').forEach(el => el.dispatchEvent(new PointerEvent('pointerenter')))",
    );
    for _ in 0..50 {
        let awake = eval(
            tab,
            "Array.from(document.querySelectorAll('.chart-canvas')).every(el => window.echarts && echarts.getInstanceByDom(el))",
        );
        if awake == serde_json::Value::Bool(true) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}
