//! `[[editions]]` of `qmsite.toml` checked: names unique, categories known and listed once,
//! output folders qmsite may replace and not shared.
//!
//! A name that is not a slug and a category qmsite does not know were reported when the file
//! was read (key by key, against the schema); here the entries are checked against each other.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::content::RawSite;
use crate::content::config::{Category, output_folder};
use crate::diagnostics::{Diagnostics, codes};
use crate::site::Edition;

/// The editions of the configuration, the default first. `output_dir` is the site's own output
/// folder, already checked: no other edition may write there.
pub(super) fn editions(
    raw: &RawSite,
    output_dir: Option<&PathBuf>,
    diags: &mut Diagnostics,
) -> Vec<Edition> {
    let cfg = &raw.config;
    let source = &cfg.source;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut folders: HashMap<PathBuf, String> = HashMap::new();
    if let Some(out) = output_dir {
        folders.insert(out.clone(), "output_dir".to_owned());
    }
    let mut out = Vec::new();
    for (n, e) in cfg.config.editions.iter().enumerate() {
        let name = e.name.get_ref().as_str();
        if let Some(first) = seen.insert(name, n) {
            diags.error_at(
                &codes::EDITION,
                source,
                e.name.span(),
                format!(
                    "edition \"{name}\" is defined twice (it is also edition number {})",
                    first + 1
                ),
                Some("a name of its own for each [[editions]]".to_owned()),
            );
        }
        let mut leave_out = BTreeSet::new();
        for c in &e.leave_out {
            // A category qmsite does not know was said where the file was read.
            let Some(category) = Category::from_key(c.get_ref()) else {
                continue;
            };
            if !leave_out.insert(category) {
                diags.error_at(
                    &codes::DUPLICATE_ENTRY,
                    source,
                    c.span(),
                    format!(
                        "edition \"{name}\" lists \"{}\" twice in leave_out",
                        category.key()
                    ),
                    Some("each category once".to_owned()),
                );
            }
        }
        let folder = folder(raw, e, n, output_dir, &mut folders, diags);
        out.push(Edition {
            name: name.to_owned(),
            title: e.title.clone(),
            leave_out,
            output_dir: folder,
        });
    }
    out
}

/// Where edition number `n` is written when every edition is built: its own `output_dir`, else
/// `output_dir` for the first and `<output_dir>-<name>` for the others. A folder given with
/// `-o` stands for `output_dir`, and the editions' own folders then give way to it. Reports a
/// folder qmsite must not replace, and one another edition is written to.
fn folder(
    raw: &RawSite,
    e: &crate::content::config::EditionEntry,
    n: usize,
    output_dir: Option<&PathBuf>,
    folders: &mut HashMap<PathBuf, String>,
    diags: &mut Diagnostics,
) -> Option<PathBuf> {
    let cfg = &raw.config;
    let name = e.name.get_ref();
    let own = e
        .output_dir
        .as_ref()
        .filter(|_| !cfg.config.output_dir_from_command_line);
    let (path, span) = match own {
        Some(dir) => match output_folder(dir.get_ref(), &raw.root) {
            Ok(path) => (path, dir.span()),
            Err(why) => {
                diags.error_at(
                    &codes::OUTPUT_DIR,
                    &cfg.source,
                    dir.span(),
                    format!(
                        "the output_dir \"{}\" of edition \"{name}\" {why}",
                        dir.get_ref()
                    ),
                    Some(
                        "a folder of its own inside or beside the site, e.g. \"output-board\""
                            .to_owned(),
                    ),
                );
                return None;
            }
        },
        None if n == 0 => return output_dir.cloned(),
        None => {
            let mut path = output_dir?.clone().into_os_string();
            path.push(format!("-{name}"));
            let path = PathBuf::from(path);
            if let Err(why) = output_folder(&path.to_string_lossy(), &raw.root) {
                diags.error_at(
                    &codes::OUTPUT_DIR,
                    &cfg.source,
                    e.name.span(),
                    format!(
                        "edition \"{name}\" would be written to {}, which {why}",
                        path.display()
                    ),
                    Some("output_dir = \"…\" for the edition: a folder of its own".to_owned()),
                );
                return None;
            }
            (path, e.name.span())
        }
    };
    // The first edition goes to output_dir: naming that folder again is no clash.
    let default = n == 0 && output_dir == Some(&path);
    if !default && let Some(other) = folders.get(&path) {
        diags.error_at(
            &codes::EDITION,
            &cfg.source,
            span,
            format!(
                "edition \"{name}\" would be written to {}, the folder of {other}",
                path.display()
            ),
            Some("an output folder of its own for each edition".to_owned()),
        );
    }
    folders.insert(path.clone(), format!("edition \"{name}\""));
    Some(path)
}
