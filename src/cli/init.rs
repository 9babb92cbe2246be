//! `qmsite init`: start a new site.

use std::path::Path;
use std::process::ExitCode;

use super::{problem, today};
use crate::scaffold;
use crate::terminal;

/// Writes the starter files into `dir` and says what to do next.
pub fn run(dir: &Path, force: bool) -> ExitCode {
    match scaffold::init(dir, today(), force) {
        Ok(files) => {
            terminal::summary(&format!(
                "Created a new site in {} ({} files). Next: `qmsite serve --root {}`.",
                dir.display(),
                files.len(),
                dir.display()
            ));
            ExitCode::SUCCESS
        }
        Err(p) => problem(p, None),
    }
}
