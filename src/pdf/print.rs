//! One tab of the browser: opens the report page, runs the scripts that read and fill the
//! contents, and prints through the DevTools protocol with the options qmsite sets.

use std::sync::Arc;
use std::time::Duration;

use headless_chrome::Tab;
use headless_chrome::types::PrintToPdfOptions;

use super::launch::Running;
use crate::content::config::Paper;

/// How long one step (opening the page, one print) may take.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(180);

/// The report page open in the browser.
pub struct Page {
    tab: Arc<Tab>,
    /// The browser's program, for messages.
    name: String,
}

impl Page {
    /// Opens `url` in a new tab and waits until it has loaded, its fonts included.
    pub fn open(running: &Running, url: &str) -> Result<Page, String> {
        let name = running.path.display().to_string();
        let tab = running
            .browser
            .new_tab()
            .map_err(|e| format!("the browser {name} could not open a tab: {e}"))?;
        tab.set_default_timeout(STEP_TIMEOUT);
        let page = Page { tab, name };
        page.tab
            .navigate_to(url)
            .and_then(|t| t.wait_until_navigated())
            .map_err(|e| page.failed("open the report page", &e))?;
        page.eval("document.fonts.ready.then(() => document.readyState)", true)?;
        Ok(page)
    }

    fn failed(&self, what: &str, e: &dyn std::fmt::Display) -> String {
        let e = e.to_string();
        if e.to_lowercase().contains("timeout") || e.to_lowercase().contains("timed out") {
            format!(
                "the browser {} did not {what} within {} s",
                self.name,
                STEP_TIMEOUT.as_secs()
            )
        } else {
            format!("the browser {} could not {what}: {e}", self.name)
        }
    }

    /// Runs a script in the page and returns its value when it is a string (an empty string
    /// otherwise); `wait` waits for the promise the script returns.
    pub fn eval(&self, js: &str, wait: bool) -> Result<String, String> {
        let value = self
            .tab
            .evaluate(js, wait)
            .map_err(|e| self.failed("run a script in the report page", &e))?;
        Ok(value
            .value
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default())
    }

    /// A list of strings a script returns as a JSON array.
    pub fn eval_list(&self, js: &str) -> Result<Vec<String>, String> {
        let text = self.eval(js, false)?;
        serde_json::from_str(&text).map_err(|e| {
            format!(
                "the browser {} returned what is not a list ({e}): {text}",
                self.name
            )
        })
    }

    /// Prints the page to PDF: the page size from the theme's CSS (`paper` when it sets none), the
    /// backgrounds, no header or footer of the browser's own (the theme's `@page` rules draw
    /// them), tagged for assistive technology, with bookmarks from the headings.
    pub fn print(&self, paper: Paper) -> Result<Vec<u8>, String> {
        let (width, height) = inches(paper);
        let options = PrintToPdfOptions {
            prefer_css_page_size: Some(true),
            paper_width: Some(width),
            paper_height: Some(height),
            print_background: Some(true),
            display_header_footer: Some(false),
            generate_tagged_pdf: Some(true),
            generate_document_outline: Some(true),
            ..PrintToPdfOptions::default()
        };
        let pdf = self
            .tab
            .print_to_pdf(Some(options))
            .map_err(|e| self.failed("print the report", &e))?;
        if !pdf.starts_with(b"%PDF-") {
            return Err(format!(
                "the browser {} printed something that is not a PDF",
                self.name
            ));
        }
        Ok(pdf)
    }

    /// The browser's product and version, as it names itself ("HeadlessChrome/156.0…").
    pub fn version(running: &Running) -> String {
        running
            .browser
            .get_version()
            .map(|v| v.product)
            .unwrap_or_default()
    }
}

/// The width and height of a paper in inches, for a theme whose CSS sets no `@page` size.
fn inches(paper: Paper) -> (f64, f64) {
    match paper {
        Paper::A4 => (210.0 / 25.4, 297.0 / 25.4),
        Paper::Letter => (8.5, 11.0),
    }
}
