//! `qmsite build`: check the site and write it to its output folder.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::{Common, Format, finish};
use crate::build::Progress;
use crate::terminal;

/// Builds the site, with a progress bar on a terminal, and says what was written and where.
pub fn run(common: &Common, output: Option<PathBuf>, format: Format) -> ExitCode {
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let progress = Arc::new(Progress::default());
    let bar = terminal::ProgressBar::start(
        progress.clone(),
        !common.quiet
            && format == Format::Human
            && std::io::IsTerminal::is_terminal(&std::io::stderr()),
    );
    let (summary, diags) = crate::build::build(&common.options(&site, output), Some(&progress));
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
            // Where the site went, as a path from where the command ran when it lies below.
            let here = std::env::current_dir().ok();
            let shown = match (&site.from, &here) {
                (_, Some(cwd)) if s.output.starts_with(cwd) => s
                    .output
                    .strip_prefix(cwd)
                    .map(std::path::Path::to_path_buf)
                    .unwrap_or_else(|_| s.output.clone()),
                (Some(from), _) if s.output.starts_with(&site.root) => super::site::relative_to(
                    s.output.strip_prefix(&site.root).unwrap_or(&s.output),
                    &site.root,
                    from,
                ),
                _ => s.output.clone(),
            };
            say(&format!(
                "Built {} pages with {} charts and {} other files in {} ms ({warnings} warnings).",
                s.pages,
                s.charts,
                s.files,
                s.elapsed.as_millis(),
            ));
            say(&format!(
                "The site is in {}: open index.html there, or publish the whole folder.",
                shown.display()
            ));
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
    format: Format,
) -> ExitCode {
    let started = std::time::Instant::now();
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut diags = crate::diagnostics::Diagnostics::new();
    let html = crate::build::prepare(&common.options(&site, output), &mut diags)
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
