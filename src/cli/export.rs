//! `qmsite export`: the computed report as JSON, the interview workbook, spreadsheets and CSV
//! files of the site's data, and OSCAL documents.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::{Common, Format, finish};
use crate::diagnostics::Diagnostics;
use crate::export::{self, Loaded};
use crate::terminal;

/// Loads the site as a build does, as the edition `edition` shows it; prints its errors and
/// returns `Err` with the exit code when it has any, or when it has no such edition.
pub(super) fn load_edition(common: &Common, edition: Option<&str>) -> Result<Loaded, ExitCode> {
    let found = common.site()?;
    found.check_edition(edition)?;
    let loaded = load_found(common, &found).ok_or(ExitCode::from(1))?;
    match crate::edition::choose(&loaded.site.config.editions, edition) {
        Ok(Some(e)) => Ok(Loaded {
            site: crate::edition::project(&loaded.site, e),
            report: crate::edition::project_report(&loaded.report, e),
        }),
        Ok(None) => Ok(loaded),
        Err(e) => Err(super::unknown_edition(&e)),
    }
}

/// Loads the site as a build does; prints its errors and returns `None` when it has any.
pub(super) fn load(common: &Common) -> Option<Loaded> {
    let found = common.site().ok()?;
    load_found(common, &found)
}

fn load_found(common: &Common, found: &super::Found) -> Option<Loaded> {
    let opts = common.options(found, None);
    let mut diags = Diagnostics::new();
    let loaded = export::load(&opts.root, opts.today, &mut diags);
    if loaded.is_none() || diags.has_errors() {
        terminal::print_diagnostics(&diags, true, common.verbose);
        terminal::status(&format!(
            "The site has {} errors; nothing was exported.",
            diags.error_count()
        ));
        return None;
    }
    loaded
}

fn fail(message: &str) -> ExitCode {
    terminal::status(&format!("error: {message}"));
    ExitCode::from(1)
}

fn written(common: &Common, what: &str, path: &Path, bytes: usize, started: Instant) {
    if !common.quiet {
        terminal::summary(&format!(
            "Wrote {what} to {} ({} KiB in {} ms).",
            path.display(),
            bytes.div_ceil(1024),
            started.elapsed().as_millis()
        ));
    }
}

/// Writes the interview workbook of one assessment.
pub fn interview(
    common: &Common,
    assessment: &str,
    output: Option<PathBuf>,
    force: bool,
) -> ExitCode {
    let started = Instant::now();
    let Some(Loaded { site, report }) = load(common) else {
        return ExitCode::from(1);
    };
    let Some(index) = site.assessments.position(|a| a.id == assessment) else {
        let ids: Vec<&str> = site.assessments.iter().map(|a| a.id.as_str()).collect();
        return fail(&format!(
            "there is no assessment \"{assessment}\"; expected one of {}",
            ids.join(", ")
        ));
    };
    let path = output.unwrap_or_else(|| PathBuf::from(format!("{assessment}-interview.xlsx")));
    let result = export::interview::workbook(&site, &report, index)
        .and_then(|bytes| export::write_file(&path, &bytes, force).map(|()| bytes.len()));
    match result {
        Ok(size) => {
            written(common, "the interview workbook", &path, size, started);
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// Writes the register, ratings, coverage, QMS and peers as one workbook.
pub fn xlsx(
    common: &Common,
    output: Option<PathBuf>,
    force: bool,
    edition: Option<&str>,
) -> ExitCode {
    let started = Instant::now();
    let Loaded { site, report } = match load_edition(common, edition) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let path = output.unwrap_or_else(|| PathBuf::from("qmsite-export.xlsx"));
    let tables = export::tables::tables(&site, &report);
    let title = format!("{} — {}", site.config.title, site.config.organisation);
    let result = export::sheets::workbook(&tables, &title, export::content_date(&site))
        .and_then(|bytes| export::write_file(&path, &bytes, force).map(|()| bytes.len()));
    match result {
        Ok(size) => {
            written(common, "the workbook", &path, size, started);
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// Writes the same tables as CSV files into a folder.
pub fn csv(
    common: &Common,
    output: Option<PathBuf>,
    force: bool,
    edition: Option<&str>,
) -> ExitCode {
    let started = Instant::now();
    let Loaded { site, report } = match load_edition(common, edition) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let dir = output.unwrap_or_else(|| PathBuf::from("qmsite-export"));
    let tables = export::tables::tables(&site, &report);
    let files = match export::sheets::csv_files(&tables) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    if !force && let Some((name, _)) = files.iter().find(|(n, _)| dir.join(n).exists()) {
        return fail(&format!(
            "{} exists already; qmsite does not overwrite it (use --force to replace it)",
            dir.join(name).display()
        ));
    }
    let mut size = 0;
    for (name, bytes) in &files {
        if let Err(e) = export::write_file(&dir.join(name), bytes, true) {
            return fail(&e);
        }
        size += bytes.len();
    }
    written(
        common,
        &format!("{} CSV files", files.len()),
        &dir,
        size,
        started,
    );
    ExitCode::SUCCESS
}

/// Writes the OSCAL assessment results and POA&M into a folder.
pub fn oscal(
    common: &Common,
    output: Option<PathBuf>,
    force: bool,
    edition: Option<&str>,
) -> ExitCode {
    let started = Instant::now();
    let Loaded { site, report } = match load_edition(common, edition) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let dir = output.unwrap_or_else(|| PathBuf::from("oscal"));
    let docs = match export::oscal::documents(&site, &report) {
        Ok(d) => d,
        Err(e) => return fail(&e),
    };
    let mut files = vec![("assessment-results.json", docs.assessment_results)];
    if let Some(poam) = docs.poam {
        files.push(("poam.json", poam));
    }
    if !force && let Some((name, _)) = files.iter().find(|(n, _)| dir.join(n).exists()) {
        return fail(&format!(
            "{} exists already; qmsite does not overwrite it (use --force to replace it)",
            dir.join(name).display()
        ));
    }
    let mut size = 0;
    for (name, text) in &files {
        if let Err(e) = export::write_file(&dir.join(name), text.as_bytes(), true) {
            return fail(&e);
        }
        size += text.len();
    }
    if files.len() == 1 && !common.quiet {
        terminal::status("No improvement is open, so no POA&M was written.");
    }
    written(
        common,
        &format!("{} OSCAL documents", files.len()),
        &dir,
        size,
        started,
    );
    ExitCode::SUCCESS
}

/// Writes the whole computed report as JSON to `output`, or to the standard output.
pub fn json(
    common: &Common,
    output: Option<&Path>,
    lang: Option<&str>,
    edition: Option<String>,
) -> ExitCode {
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = site.check_edition(edition.as_deref()) {
        return code;
    }
    let mut diags = Diagnostics::new();
    let options = crate::build::Options {
        edition,
        ..common.options(&site, None)
    };
    let Some(prepared) = crate::build::prepare(&options, &mut diags) else {
        return finish(diags, common, &site, Format::Human, false);
    };
    let chosen = match lang {
        None => Some(&prepared),
        Some(l) => prepared.languages().find(|p| p.site.config.language == l),
    };
    let Some(chosen) = chosen else {
        let known: Vec<&str> = prepared
            .languages()
            .map(|p| p.site.config.language.as_str())
            .collect();
        return fail(&format!(
            "the site is not built in \"{}\"; expected one of {}",
            lang.unwrap_or_default(),
            known.join(", ")
        ));
    };
    let text = crate::export::json::to_json(&chosen.site, &chosen.report, &chosen.plan);
    let warned = diags.warning_count() > 0;
    let code = finish(diags, common, &site, Format::Human, true);
    if common.deny_warnings && warned {
        return code;
    }
    match output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match crate::output::write_file_atomically(path, text.as_bytes()) {
            Ok(()) => {
                if !common.quiet {
                    terminal::summary(&format!("Wrote {}.", path.display()));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                terminal::status(&format!("error: {e}"));
                ExitCode::from(1)
            }
        },
    }
}
