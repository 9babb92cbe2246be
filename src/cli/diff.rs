//! `qmsite diff`: what changed between two assessments, or between the site at two git
//! revisions, as coloured text, Markdown or JSON.

use std::process::ExitCode;

use super::Common;
use crate::export::compare;
use crate::site::{AssessmentId, Site};
use crate::terminal;

/// How `qmsite diff` writes the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Text for a terminal, coloured when it is one.
    Text,
    /// GitHub-flavoured Markdown, for a pull-request comment.
    Markdown,
    /// JSON, for programs.
    Json,
}

fn fail(message: &str) -> ExitCode {
    terminal::status(&format!("error: {message}"));
    ExitCode::from(1)
}

fn usage(message: &str) -> ExitCode {
    terminal::status(&format!("error: {message}"));
    ExitCode::from(2)
}

/// Compares what the command line names and prints it.
pub fn run(common: &Common, ids: &[String], revs: &[String], format: Format) -> ExitCode {
    let comparison = match (ids, revs) {
        ([old, new], []) => assessments(common, old, new),
        ([], [old, new]) => common.site().and_then(|found| {
            let opts = common.options(&found, None);
            crate::history::compare_revisions(&opts.root, old, new, opts.today)
                .map_err(|e| fail(&e))
        }),
        _ => {
            return usage(
                "give two assessment ids (qmsite diff 2023 2026) or two revisions (qmsite diff --rev report-2025 --rev HEAD)",
            );
        }
    };
    let comparison = match comparison {
        Ok(c) => c,
        Err(code) => return code,
    };
    match format {
        Format::Text => anstream::print!("{}", compare::text(&comparison)),
        Format::Markdown => print!("{}", compare::markdown(&comparison)),
        Format::Json => print!("{}", compare::json(&comparison)),
    }
    ExitCode::SUCCESS
}

/// Compares two assessments of one framework and unit on the site on disk, with the status timelines of its history when
/// it is in git.
fn assessments(
    common: &Common,
    old: &str,
    new: &str,
) -> Result<crate::report::compare::Comparison, ExitCode> {
    let Some(crate::export::Loaded { site, report }) = super::export::load(common) else {
        return Err(ExitCode::from(1));
    };
    let a = find(&site, old).map_err(|m| fail(&m))?;
    let b = find(&site, new).map_err(|m| fail(&m))?;
    let (fa, fb) = (
        &site.frameworks[site.assessments[a].framework],
        &site.frameworks[site.assessments[b].framework],
    );
    if fa.id != fb.id {
        return Err(fail(&format!(
            "\"{old}\" rates the framework {} and \"{new}\" rates {}; expected two assessments of the same framework",
            fa.id, fb.id
        )));
    }
    let (ua, ub) = (site.assessments[a].unit, site.assessments[b].unit);
    if ua != ub {
        let unit = |u: crate::site::UnitId| site.units[u].name.clone();
        return Err(fail(&format!(
            "\"{old}\" assesses {} and \"{new}\" assesses {}; expected two assessments of the same unit (figures never compare across units)",
            unit(ua),
            unit(ub)
        )));
    }
    let timelines = site
        .config
        .history
        .enabled
        .then(|| crate::history::timelines(&site))
        .flatten();
    Ok(crate::report::compare::assessments(
        &site,
        &report,
        a,
        b,
        timelines.as_ref(),
    ))
}

/// The assessment with this id, or what the user probably meant.
fn find(site: &Site, id: &str) -> Result<AssessmentId, String> {
    if let Some(a) = site.assessments.position(|a| a.id == id) {
        return Ok(a);
    }
    let ids: Vec<&str> = site.assessments.iter().map(|a| a.id.as_str()).collect();
    let candidates: Vec<(&str, &str)> = ids.iter().map(|i| (*i, *i)).collect();
    let hint = match crate::import::suggest::suggest(id, &candidates) {
        Some(s) => format!(" (did you mean \"{s}\"?)"),
        None => String::new(),
    };
    Err(format!(
        "there is no assessment \"{id}\"{hint}; expected one of: {}",
        if ids.is_empty() {
            "(the site has no assessment)".to_owned()
        } else {
            ids.join(", ")
        }
    ))
}
