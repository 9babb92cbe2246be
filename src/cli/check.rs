//! `qmsite check`: list every problem of the site, writing nothing.

use std::process::ExitCode;

use super::{Common, Format, finish};
use crate::terminal;

/// Checks the site and prints every problem with a count.
pub fn run(common: &Common, format: Format) -> ExitCode {
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let started = std::time::Instant::now();
    let diags = crate::build::check(&common.options(&site, None));
    let (ok, errors, warnings) = (
        !diags.has_errors(),
        diags.error_count(),
        diags.warning_count(),
    );
    let code = finish(diags, common, &site, format, ok);
    if !common.quiet {
        let text = format!("{errors} errors, {warnings} warnings.");
        match format {
            Format::Human => terminal::summary(&text),
            Format::Json => terminal::status(&text),
        }
    }
    if common.verbose {
        terminal::status(&format!("Checked in {} ms.", started.elapsed().as_millis()));
    }
    code
}
