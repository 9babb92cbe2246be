//! `qmsite import`: ratings from an interview workbook, a framework from a workbook.

use std::path::Path;
use std::process::ExitCode;

use super::Common;
use crate::import::{self, Failure, Kind, Plan};
use crate::terminal;

/// Reads ratings into an assessment file; writes only with `write`.
pub fn ratings(common: &Common, file: &Path, assessment: &str, write: bool) -> ExitCode {
    let found = match common.site() {
        Ok(f) => f,
        Err(code) => return code,
    };
    let opts = common.options(&found, None);
    let shown = file.display().to_string();
    let plan = import::ratings::plan(&opts.root, opts.today, file, &shown, assessment);
    finish(common, plan, write, "ratings")
}

/// Reads a framework into its file; writes only with `write`.
pub fn framework(common: &Common, file: &Path, write: bool) -> ExitCode {
    let found = match common.site() {
        Ok(f) => f,
        Err(code) => return code,
    };
    let opts = common.options(&found, None);
    let shown = file.display().to_string();
    let plan = import::framework::plan(&opts.root, opts.today, file, &shown);
    finish(common, plan, write, "entries")
}

fn finish(common: &Common, plan: Result<Plan, Failure>, write: bool, noun: &str) -> ExitCode {
    let plan = match plan {
        Ok(p) => p,
        Err(Failure::Site(diags, message)) => {
            terminal::print_diagnostics(&diags, true, common.verbose);
            terminal::status(message);
            return ExitCode::from(1);
        }
        Err(Failure::Workbook(problems)) => {
            terminal::status(&problems.to_string());
            terminal::status(&format!(
                "{} problems in the workbook; nothing was written.",
                problems.items.len()
            ));
            return ExitCode::from(1);
        }
        Err(Failure::Message(m)) => {
            terminal::status(&format!("error: {m}"));
            return ExitCode::from(1);
        }
    };
    for change in &plan.changes {
        let label = match change.kind {
            Kind::New => "new",
            Kind::Changed => "changed",
            Kind::Removed => "removed",
            Kind::Unchanged if common.verbose => "unchanged",
            Kind::Unchanged => continue,
        };
        let details = if change.details.is_empty() {
            String::new()
        } else {
            format!(": {}", change.details.join("; "))
        };
        terminal::summary(&format!(
            "  {label:<9} {} {}{details}",
            change.what, change.id
        ));
    }
    let counts = format!(
        "{} new, {} changed, {} unchanged{} {noun}",
        plan.count(Kind::New),
        plan.count(Kind::Changed),
        plan.count(Kind::Unchanged),
        match plan.count(Kind::Removed) {
            0 => String::new(),
            n => format!(", {n} removed"),
        }
    );
    if !plan.changes_anything() {
        terminal::summary(&format!(
            "{counts}: {} is up to date; nothing to write.",
            plan.file.display()
        ));
        return ExitCode::SUCCESS;
    }
    if !write {
        terminal::summary(&format!(
            "{counts}. Nothing was written: run again with --write to {} {}.",
            if plan.creates { "create" } else { "update" },
            plan.file.display()
        ));
        return ExitCode::SUCCESS;
    }
    match plan.write() {
        Ok(()) => {
            terminal::summary(&format!("{counts}. Wrote {}.", plan.file.display()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            terminal::status(&format!("error: {e}"));
            ExitCode::from(1)
        }
    }
}
