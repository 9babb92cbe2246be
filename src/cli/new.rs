//! `qmsite new`: add an assessment or an improvement to a site.

use std::process::ExitCode;

use super::{Common, problem};
use crate::diagnostics::Diagnostics;
use crate::scaffold::{self, Problem};
use crate::terminal;

/// Writes a new assessment file listing every dimension of a framework.
pub fn assessment(
    common: &Common,
    date: Option<jiff::civil::Date>,
    from: Option<String>,
    framework: Option<String>,
    id: Option<String>,
) -> ExitCode {
    let opts = common.options(None);
    let mut diags = Diagnostics::new();
    let raw = crate::content::load_site(&opts.root, &mut diags);
    let site = raw.and_then(|r| crate::validate::validate(&r, opts.today, &mut diags));
    let site = match site {
        Some(s) if !diags.has_errors() => s,
        _ => return problem(Problem::Invalid(diags), Some(common)),
    };
    let date = date.unwrap_or(opts.today);
    match scaffold::new_assessment(
        &opts.root,
        &site,
        framework.as_deref(),
        date,
        from.as_deref(),
        id.as_deref(),
    ) {
        Ok(path) => {
            terminal::summary(&format!(
                "Wrote {}: give each dimension its level and notes.",
                path.display()
            ));
            ExitCode::SUCCESS
        }
        Err(p) => problem(p, Some(common)),
    }
}

/// Appends an improvement with the next free id to the register.
pub fn improvement(common: &Common, title: &str) -> ExitCode {
    let opts = common.options(None);
    match scaffold::new_improvement(&opts.root, opts.today, title) {
        Ok((id, file)) => {
            terminal::summary(&format!("Added {id} to {}.", file.display()));
            ExitCode::SUCCESS
        }
        Err(p) => problem(p, Some(common)),
    }
}
