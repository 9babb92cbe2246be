//! Screenshots of a built site's pages at a desk's and a phone's width, so that a change in look
//! is reviewed like a change in code (`scripts/screenshots.sh` builds the example and keeps the
//! ones in docs/screenshots/).
//!
//! Usage: `cargo run --release --example screenshots -- SITE_OUTPUT DEST [PAGE=NAME ...]`
//! Each PAGE is a path inside the output, NAME the file stem written: `NAME-desktop.png` at
//! 1280 px and `NAME-phone.png` at 375 px, each the page from its top down to at most
//! `MAX_HEIGHT` pixels. Chromium is the one in `QMSITE_CHROMIUM`, or /usr/bin/chromium.

use std::path::{Path, PathBuf};
use std::time::Duration;

use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};

/// Pages longer than this are cut: the top of a page is what a reader judges it by, and the
/// repository should not hold megabytes of table.
const MAX_HEIGHT: u32 = 2600;

/// The two widths every page is shown at: a desk's window and a small phone.
const WIDTHS: [(&str, u32); 2] = [("desktop", 1280), ("phone", 375)];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, dest, pages @ ..] = args.as_slice() else {
        return Err("usage: screenshots SITE_OUTPUT DEST [PAGE=NAME ...]".into());
    };
    let site = std::fs::canonicalize(site)?;
    let dest = PathBuf::from(dest);
    std::fs::create_dir_all(&dest)?;
    let browser = launch()?;
    let tab = browser.new_tab()?;
    for page in pages {
        let (path, name) = page
            .split_once('=')
            .ok_or_else(|| format!("{page}: write PAGE=NAME"))?;
        for (label, width) in WIDTHS {
            let file = dest.join(format!("{name}-{label}.png"));
            shoot(&tab, &site.join(path), width, &file)?;
            println!("{}", file.display());
        }
    }
    Ok(())
}

fn launch() -> Result<Browser, Box<dyn std::error::Error>> {
    let path = std::env::var_os("QMSITE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let options = LaunchOptions {
        headless: true,
        sandbox: false,
        path: Some(path),
        window_size: Some((1280, 1000)),
        idle_browser_timeout: Duration::from_secs(60),
        ..LaunchOptions::default()
    };
    Ok(Browser::new(options)?)
}

/// Opens `page` at `width`, lets its height settle, and writes the page from the top as PNG.
fn shoot(
    tab: &Tab,
    page: &Path,
    width: u32,
    file: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    resize(tab, width, 800)?;
    tab.navigate_to(&format!("file://{}", page.display()))?;
    tab.wait_until_navigated()?;
    let height = tab
        .evaluate("document.documentElement.scrollHeight", false)?
        .value
        .and_then(|v| v.as_u64())
        .unwrap_or(800) as u32;
    resize(tab, width, height.min(MAX_HEIGHT))?;
    std::thread::sleep(Duration::from_millis(300));
    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)?;
    std::fs::write(file, png)?;
    Ok(())
}

fn resize(tab: &Tab, width: u32, height: u32) -> Result<(), Box<dyn std::error::Error>> {
    tab.call_method(SetDeviceMetricsOverride {
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
    })?;
    Ok(())
}
