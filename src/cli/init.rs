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
            let root = if dir == Path::new(".") {
                String::new()
            } else {
                format!(" --root {}", dir.display())
            };
            terminal::summary(&format!(
                "Created a new site in {} ({} files).\nNext: `qmsite new assessment{root}` writes your first assessment, listing every dimension of the framework; then `qmsite serve{root}` shows the site as you fill it in.",
                dir.display(),
                files.len(),
            ));
            ExitCode::SUCCESS
        }
        Err(p) => problem(p, None),
    }
}
