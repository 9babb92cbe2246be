//! Finding the site a command works on: the folder given with `--root`, or the nearest folder
//! holding `qmsite.toml` from the current folder upward, as git and cargo find theirs.

use std::path::{Component, Path, PathBuf};

use super::Found;
use crate::content::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, codes};

/// Finds the site: `root` when given (it must hold qmsite.toml), else the current folder or
/// the nearest folder above it that does. Outside a site, the problem names the folders
/// searched and says what to do.
pub(super) fn find(root: Option<&Path>) -> Result<Found, Box<Diagnostic>> {
    if let Some(root) = root {
        if root.join(CONFIG_FILE).is_file() || !root.is_dir() {
            // A missing or unreadable qmsite.toml in a named folder is reported by the build,
            // at the file, so that `--root` keeps its meaning for every command.
            return Ok(Found {
                root: root.to_path_buf(),
                from: None,
            });
        }
        return Err(Box::new(
            Diagnostic::in_file(
                Severity::Error,
                root,
                format!("{} holds no {CONFIG_FILE}, so it is not a qmsite site", root.display()),
            )
            .suggest(format!(
                "name the folder that holds {CONFIG_FILE} with --root, or start a site there with `qmsite init {}`",
                root.display()
            ))
            .code(&codes::SITE_NOT_FOUND),
        ));
    }
    let here = std::env::current_dir().map_err(|e| {
        Box::new(
            Diagnostic::in_file(
                Severity::Error,
                ".",
                format!("cannot tell which folder this is: {e}"),
            )
            .code(&codes::SITE_NOT_FOUND),
        )
    })?;
    let mut searched = Vec::new();
    for folder in here.ancestors() {
        if folder.join(CONFIG_FILE).is_file() {
            return Ok(Found {
                root: folder.to_path_buf(),
                from: (folder != here).then(|| here.clone()),
            });
        }
        searched.push(folder.display().to_string());
    }
    let shown = if searched.len() > 6 {
        format!(
            "{}, … {}",
            searched[..5].join(", "),
            searched[searched.len() - 1]
        )
    } else {
        searched.join(", ")
    };
    Err(Box::new(
        Diagnostic::in_file(
            Severity::Error,
            &here,
            format!("no {CONFIG_FILE} here or in any folder above, so this is not inside a qmsite site (searched {shown})"),
        )
        .suggest("change into the site's folder, name it with --root DIR, or start a new site here with `qmsite init`")
        .code(&codes::SITE_NOT_FOUND),
    ))
}

/// The diagnostics with paths given from where the command ran, when that is inside the site
/// below its root (so `content/pages/method.md` reads `method.md` in `content/pages/`).
pub(super) fn rebase(diags: Diagnostics, site: &Found) -> Diagnostics {
    let Some(from) = &site.from else {
        return diags;
    };
    let mut out = Diagnostics::new();
    for mut d in diags.into_iter() {
        if d.file.is_relative() && site.root.join(&d.file).parent().is_some_and(Path::exists) {
            d.file = relative_to(&d.file, &site.root, from);
        }
        out.push(d);
    }
    out
}

/// `path` (relative to `root`) as seen from `from`, a folder inside `root`.
pub(super) fn relative_to(path: &Path, root: &Path, from: &Path) -> PathBuf {
    let Ok(below) = from.strip_prefix(root) else {
        return path.to_path_buf();
    };
    let below: Vec<Component> = below.components().collect();
    let parts: Vec<Component> = path.components().collect();
    let common = below.iter().zip(&parts).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..below.len() {
        out.push("..");
    }
    for p in &parts[common..] {
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_given_from_the_folder_the_command_ran_in() {
        let root = Path::new("/site");
        let from = Path::new("/site/content/pages");
        assert_eq!(
            relative_to(Path::new("content/pages/method.md"), root, from),
            PathBuf::from("method.md")
        );
        assert_eq!(
            relative_to(Path::new("qmsite.toml"), root, from),
            PathBuf::from("../../qmsite.toml")
        );
        assert_eq!(
            relative_to(Path::new("content/qms/qms.toml"), root, from),
            PathBuf::from("../qms/qms.toml")
        );
    }
}
