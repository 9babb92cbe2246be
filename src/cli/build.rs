//! `qmsite build`: check the site and write it to its output folder.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::{Common, finish};
use crate::build::Progress;
use crate::terminal;

/// Builds the site, with a progress bar on a terminal, and says what was written.
pub fn run(common: &Common, output: Option<PathBuf>) -> ExitCode {
    let progress = Arc::new(Progress::default());
    let bar = terminal::ProgressBar::start(
        progress.clone(),
        !common.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
    );
    let (summary, diags) = crate::build::build(&common.options(output), Some(&progress));
    drop(bar);
    let ok = summary.is_some();
    let code = finish(&diags, common, ok);
    match summary {
        Some(s) if !common.quiet => {
            terminal::summary(&format!(
                "Built {} pages with {} charts and {} other files in {} ms ({} warnings).",
                s.pages,
                s.charts,
                s.files,
                s.elapsed.as_millis(),
                diags.warning_count()
            ));
            if common.verbose {
                terminal::summary(&format!("Output: {}", s.output.display()));
                let stages: Vec<String> = s
                    .stages
                    .iter()
                    .map(|(name, d)| format!("{name} {} ms", d.as_millis()))
                    .collect();
                terminal::summary(&format!("Stages: {}.", stages.join(", ")));
                for note in &s.notes {
                    terminal::summary(&format!("Note: {note}."));
                }
            }
        }
        Some(_) => {}
        None => terminal::status(&format!(
            "Build failed: {} errors, {} warnings. The previous output was left as it was.",
            diags.error_count(),
            diags.warning_count()
        )),
    }
    code
}
