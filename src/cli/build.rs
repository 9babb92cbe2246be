//! `qmsite build`: check the site and write it to its output folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::{Common, Format, Found, finish};
use crate::build::Progress;
use crate::terminal;

/// Which editions a build writes.
pub enum Which {
    /// One edition by name, or the default one.
    One(Option<String>),
    /// Every edition, each into its own folder.
    All,
}

impl Which {
    /// What `--edition` and `--all-editions` ask for.
    pub fn of(edition: Option<String>, all: bool) -> Which {
        if all { Which::All } else { Which::One(edition) }
    }
}

/// Builds the site, with a progress bar on a terminal, and says what was written and where.
pub fn run(common: &Common, output: Option<PathBuf>, format: Format, which: Which) -> ExitCode {
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut options = common.options(&site, output);
    match which {
        Which::One(name) => {
            if let Err(code) = site.check_edition(name.as_deref()) {
                return code;
            }
            options.edition = name;
        }
        Which::All => return all(common, &site, &options, format),
    }
    let progress = Arc::new(Progress::default());
    let bar = terminal::ProgressBar::start(
        progress.clone(),
        !common.quiet
            && format == Format::Human
            && std::io::IsTerminal::is_terminal(&std::io::stderr()),
    );
    let (summary, diags) = crate::build::build(&options, Some(&progress));
    drop(bar);
    let ok = summary.is_some();
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    let code = finish(diags, common, &site, format, ok);
    // With JSON on standard output, the summary goes to standard error.
    let say = |text: &str| match format {
        Format::Human => terminal::summary(text),
        Format::Json => terminal::status(text),
    };
    match summary {
        Some(s) if !common.quiet => {
            let shown = shown(&s.output, &site);
            say(&format!(
                "Built {} pages with {} charts and {} other files in {} ms ({warnings} warnings).",
                s.pages,
                s.charts,
                s.files,
                s.elapsed.as_millis(),
            ));
            say(&match &s.edition {
                Some(e) => format!(
                    "The edition \"{e}\" is in {}: open index.html there, or publish the whole folder.",
                    shown.display()
                ),
                None => format!(
                    "The site is in {}: open index.html there, or publish the whole folder.",
                    shown.display()
                ),
            });
            if common.verbose {
                let stages: Vec<String> = s
                    .stages
                    .iter()
                    .map(|(name, d)| format!("{name} {} ms", d.as_millis()))
                    .collect();
                say(&format!("Stages: {}.", stages.join(", ")));
                for note in &s.notes {
                    say(&format!("Note: {note}."));
                }
            }
        }
        Some(_) => {}
        None => terminal::status(&format!(
            "Build failed: {errors} errors, {warnings} warnings. The previous output was left as it was."
        )),
    }
    code
}

/// Writes the full report as one self-contained HTML file, and says how large it is: a file
/// sent by e-mail should be known to be small enough.
pub fn single_file(
    common: &Common,
    output: Option<PathBuf>,
    file: &std::path::Path,
    lang: Option<&str>,
    edition: Option<String>,
    format: Format,
) -> ExitCode {
    let started = std::time::Instant::now();
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = site.check_edition(edition.as_deref()) {
        return code;
    }
    let mut options = common.options(&site, output);
    options.edition = edition;
    let mut diags = crate::diagnostics::Diagnostics::new();
    let html = crate::build::prepare(&options, &mut diags)
        .and_then(|prepared| crate::single_file::report(&prepared, lang, &mut diags));
    let written =
        html.map(|h| crate::output::write_file_atomically(file, h.as_bytes()).map(|()| h.len()));
    let ok = matches!(written, Some(Ok(_)));
    if let Some(Err(e)) = &written {
        diags.push(
            crate::diagnostics::Diagnostic::in_file(
                crate::diagnostics::Severity::Error,
                file.display().to_string(),
                e.clone(),
            )
            .expected("a file qmsite may write, in a folder that exists"),
        );
    }
    let code = finish(diags, common, &site, format, ok);
    match written {
        Some(Ok(bytes)) if !common.quiet => terminal::summary(&format!(
            "Wrote the full report as one file to {} ({} KiB in {} ms); it opens with no network and no other file.",
            file.display(),
            bytes.div_ceil(1024),
            started.elapsed().as_millis()
        )),
        Some(Ok(_)) => {}
        _ => terminal::status("Nothing was written."),
    }
    code
}

/// Where the site went, as a path from where the command ran when it lies below.
fn shown(output: &Path, site: &Found) -> PathBuf {
    let here = std::env::current_dir().ok();
    match (&site.from, &here) {
        (_, Some(cwd)) if output.starts_with(cwd) => output
            .strip_prefix(cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| output.to_path_buf()),
        (Some(from), _) if output.starts_with(&site.root) => super::site::relative_to(
            output.strip_prefix(&site.root).unwrap_or(output),
            &site.root,
            from,
        ),
        _ => output.to_path_buf(),
    }
}

/// Builds every edition, each into its own folder, and says where each went.
fn all(common: &Common, site: &Found, options: &crate::build::Options, format: Format) -> ExitCode {
    let (summaries, diags) = crate::build::build_all(options, None);
    let ok = !summaries.is_empty() && !diags.has_errors();
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    let code = finish(diags, common, site, format, ok);
    let say = |text: &str| match format {
        Format::Human => terminal::summary(text),
        Format::Json => terminal::status(text),
    };
    if !ok {
        terminal::status(&format!(
            "Build failed: {errors} errors, {warnings} warnings. The previous output was left as it was."
        ));
        return code;
    }
    if !common.quiet {
        for s in &summaries {
            say(&format!(
                "Built {}{} pages with {} charts and {} other files into {}.",
                s.edition
                    .as_ref()
                    .map(|e| format!("the edition \"{e}\": "))
                    .unwrap_or_default(),
                s.pages,
                s.charts,
                s.files,
                shown(&s.output, site).display()
            ));
        }
    }
    code
}
