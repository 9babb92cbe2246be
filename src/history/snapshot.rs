//! The site as a commit holds it: its configuration and content read from the commit's tree (never
//! from the work tree), then checked and computed exactly as a build checks and computes the
//! files on disk.

use std::path::Path;

use gix::ObjectId;
use gix::bstr::ByteSlice;
use jiff::civil::Date;

use super::repo::{CommitInfo, Repo};
use crate::content::config::CONFIG_FILE;
use crate::diagnostics::Diagnostics;
use crate::report::Report;
use crate::site::Site;

/// How deep folders below `content/` may nest in a commit before the rest is left out.
const MAX_DEPTH: usize = 32;

/// A committed state of the site, checked and computed.
pub struct Snapshot {
    /// The validated site.
    pub site: Site,
    /// Its figures.
    pub report: Report,
}

impl Repo {
    /// The text of a blob; an error when it is not UTF-8 or larger than any content file may be.
    fn text(&self, blob: ObjectId, path: &str) -> Result<String, String> {
        let blob = self.repo.find_blob(blob).map_err(|e| e.to_string())?;
        if blob.data.len() as u64 > crate::content::MAX_FILE_BYTES {
            return Err(format!("{path} is larger than a content file may be"));
        }
        String::from_utf8(blob.detach().data).map_err(|_| format!("{path} is not UTF-8 text"))
    }

    /// Every file below a tree as `(path, text)`: TOML and Markdown with their text, other files
    /// (attachments) with none, since only their names matter to the checks.
    fn files(
        &self,
        tree: ObjectId,
        folder: &str,
        depth: usize,
        out: &mut Vec<(String, String)>,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let tree = self.repo.find_tree(tree).map_err(|e| e.to_string())?;
        let entries: Vec<(String, ObjectId, bool, bool)> = tree
            .iter()
            .filter_map(Result::ok)
            .map(|e| {
                let mode = e.mode();
                (
                    e.filename().to_str_lossy().into_owned(),
                    e.object_id(),
                    mode.is_tree(),
                    mode.is_blob(),
                )
            })
            .collect();
        for (name, id, is_tree, is_blob) in entries {
            let path = format!("{folder}/{name}");
            if is_tree {
                self.files(id, &path, depth + 1, out)?;
            } else if is_blob {
                let text = if path.ends_with(".toml") || path.ends_with(".md") {
                    self.text(id, &path)?
                } else {
                    String::new()
                };
                out.push((path, text));
            }
        }
        Ok(())
    }

    /// The site as `commit` holds it, checked and computed with `today` as the build date.
    pub fn site_at(
        &self,
        commit: &CommitInfo,
        root: &Path,
        today: Date,
    ) -> Result<Snapshot, String> {
        let site = self
            .site_tree(commit.tree)?
            .ok_or("the commit does not hold the site folder")?;
        let config = self
            .entry(site, CONFIG_FILE)?
            .ok_or(format!("the commit holds no {CONFIG_FILE}"))?;
        let config = self.text(config, CONFIG_FILE)?;
        let mut files = Vec::new();
        if let Some(content) = self.entry(site, "content")? {
            self.files(content, "content", 0, &mut files)?;
        }
        let mut diags = Diagnostics::new();
        let raw = crate::content::site_from_texts(root, &config, &files, &mut diags);
        let site = raw.and_then(|raw| crate::validate::validate(&raw, today, &mut diags));
        match site {
            Some(site) if !diags.has_errors() => {
                let report = crate::report::compute(&site, today);
                Ok(Snapshot { site, report })
            }
            _ => {
                let first = diags
                    .sorted()
                    .into_iter()
                    .find(|d| d.severity == crate::diagnostics::Severity::Error)
                    .map(|d| format!("{}: {}", d.location(), d.message))
                    .unwrap_or_default();
                Err(format!(
                    "the site as committed has {} errors (the first: {first})",
                    diags.error_count()
                ))
            }
        }
    }
}
