//! `qmsite check`: list every problem of the site, writing nothing.

use std::process::ExitCode;

use super::{Common, finish};
use crate::terminal;

/// Checks the site and prints every problem with a count.
pub fn run(common: &Common) -> ExitCode {
    let started = std::time::Instant::now();
    let diags = crate::build::check(&common.options(None));
    let code = finish(&diags, common, !diags.has_errors());
    if !common.quiet {
        terminal::summary(&format!(
            "{} errors, {} warnings.",
            diags.error_count(),
            diags.warning_count()
        ));
    }
    if common.verbose {
        terminal::summary(&format!("Checked in {} ms.", started.elapsed().as_millis()));
    }
    code
}
