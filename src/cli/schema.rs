//! `qmsite schema`: write the JSON Schemas editors use to check content files as they are typed,
//! and those of the JSON export and of every template's context.

use std::path::Path;
use std::process::ExitCode;

use crate::terminal;

/// Writes every schema into the site's schemas folder, refusing to replace one without `force`.
pub fn run(root: &Path, force: bool) -> ExitCode {
    for s in crate::schema::all()
        .into_iter()
        .chain(crate::schema::outputs())
    {
        let path = root.join(crate::schema::DIR).join(s.name);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| e.to_string())
            .and_then(|_| {
                if path.exists() && !force {
                    Err(format!(
                        "{} exists; use --force to replace it",
                        path.display()
                    ))
                } else {
                    std::fs::write(&path, s.json)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))
                }
            });
        if let Err(e) = result {
            terminal::status(&format!("error: {e}"));
            return ExitCode::from(1);
        }
        terminal::summary(&format!("Wrote {}", path.display()));
    }
    ExitCode::SUCCESS
}
