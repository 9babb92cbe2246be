//! `qmsite pdf`: build the site in memory, print its full report with a browser, write the PDF.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::{Common, Format, finish};
use crate::build::Prepared;
use crate::diagnostics::Diagnostics;
use crate::pdf;
use crate::terminal;

fn fail(message: &str) -> ExitCode {
    terminal::status(&format!("error: {message}"));
    ExitCode::from(1)
}

/// Which report to print: its language and its audience edition.
pub struct Choice<'a> {
    /// A language of the site; the default one when `None`.
    pub lang: Option<&'a str>,
    /// An edition of `[[editions]]`; the default one when `None`.
    pub edition: Option<String>,
}

/// Finds the browser before anything else (without one nothing is built or written), builds
/// the site as `build` does, prints the report of the chosen language and edition and writes
/// the file.
pub fn run(
    common: &Common,
    choice: Choice<'_>,
    output: Option<PathBuf>,
    browser: Option<PathBuf>,
    timestamp: bool,
) -> ExitCode {
    let started = Instant::now();
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = site.check_edition(choice.edition.as_deref()) {
        return code;
    }
    let lang = choice.lang;
    let mut options = common.options(&site, None);
    options.edition = choice.edition;
    let browser = match pdf::browser::find(&pdf::browser::Search::from_env(browser)) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let mut diags = Diagnostics::new();
    let Some(prepared) = crate::build::prepare(&options, &mut diags) else {
        return finish(diags, common, &site, Format::Human, false);
    };
    let chosen = match language(&prepared, lang) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let Some(rendered) = prepared.render(None, &mut diags) else {
        return finish(diags, common, &site, Format::Human, false);
    };
    let warned = diags.warning_count() > 0;
    let code = finish(diags, common, &site, Format::Human, true);
    if common.deny_warnings && warned {
        return code;
    }
    let path = output.unwrap_or_else(|| pdf::default_file(chosen, std::ptr::eq(chosen, &prepared)));
    if !common.quiet {
        terminal::status(&format!(
            "Printing {} with {}…",
            pdf::report_page(chosen),
            browser.display()
        ));
    }
    let request = pdf::Request {
        site: chosen,
        rendered: &rendered,
        base_url: &prepared.site.config.base_url,
        browser: &browser,
        timestamp: timestamp.then(jiff::Timestamp::now),
    };
    let printed = match pdf::print_report(&request) {
        Ok(p) => p,
        Err(e) => return fail(&format!("{e}; no PDF was written")),
    };
    if let Err(e) = crate::output::write_file_atomically(&path, &printed.bytes) {
        return fail(&e);
    }
    if !common.quiet {
        say_written(&path, &printed, started);
    }
    ExitCode::SUCCESS
}

/// The site in the language asked for, or the default one.
fn language<'a>(prepared: &'a Prepared, lang: Option<&str>) -> Result<&'a Prepared, String> {
    let Some(lang) = lang else {
        return Ok(prepared);
    };
    prepared
        .languages()
        .find(|p| p.site.config.language == lang)
        .ok_or_else(|| {
            let known: Vec<&str> = prepared
                .languages()
                .map(|p| p.site.config.language.as_str())
                .collect();
            format!(
                "the site is not built in \"{lang}\"; expected one of {}",
                known.join(", ")
            )
        })
}

/// Where the PDF went, how big it is, and how many prints numbered its contents.
fn say_written(path: &Path, printed: &pdf::Printed, started: Instant) {
    let numbered = if printed.contents.is_empty() {
        String::new()
    } else {
        format!(
            "; printed {} times to number the contents' {} entries",
            printed.prints,
            printed.contents.len()
        )
    };
    terminal::summary(&format!(
        "Wrote {} ({} pages, {} KiB{numbered}) in {:.1} s.",
        path.display(),
        printed.pages,
        printed.bytes.len().div_ceil(1024),
        started.elapsed().as_secs_f64(),
    ));
}
