//! Audience editions: the same validated site for other readers, with some kinds of text left
//! out (the assessors' notes, improvement justifications, owners' names, whatever the content
//! marks `internal = true`).
//!
//! An edition is a projection of the validated [`Site`], never a second computation: the
//! [`Report`] is computed once from the whole site and every edition shares its figures, which
//! never depend on the texts an edition removes. Items that figures count (an improvement, a
//! rating) stay; only their words go. Whole narratives marked internal go, since no figure
//! counts them, and every link to them in the other narratives becomes plain text, so the link
//! check still passes.

mod links;

use std::collections::HashSet;

use crate::content::config::Category;
use crate::report::Report;
use crate::site::{Edition, Evidence, Site};

/// Why an edition cannot be chosen: its name is not one the configuration defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEdition {
    /// The name asked for.
    pub name: String,
    /// The names defined, the default first.
    pub defined: Vec<String>,
}

impl std::fmt::Display for UnknownEdition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.defined.is_empty() {
            write!(
                f,
                "the site defines no edition, so there is no edition \"{}\"; add [[editions]] to qmsite.toml (see docs/editions.md) or leave out --edition",
                self.name
            )
        } else {
            write!(
                f,
                "the site has no edition \"{}\"; the editions of qmsite.toml are {}",
                self.name,
                self.defined
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

/// The edition called `name` among a site's editions, or the default (the first) when `name`
/// is `None`. `Ok(None)`: the site has no editions and none was asked for.
pub fn choose<'e>(
    editions: &'e [Edition],
    name: Option<&str>,
) -> Result<Option<&'e Edition>, UnknownEdition> {
    match name {
        None => Ok(editions.first()),
        Some(n) => editions
            .iter()
            .find(|e| e.name == n)
            .map(Some)
            .ok_or_else(|| UnknownEdition {
                name: n.to_owned(),
                defined: editions.iter().map(|e| e.name.clone()).collect(),
            }),
    }
}

/// Checks, from `qmsite.toml` alone, that the site at `root` defines an edition `name`, so that
/// a command can refuse a mistyped name before any work. A configuration that cannot be read
/// passes: the command reports its problems in full.
pub fn check_name(root: &std::path::Path, name: &str) -> Result<(), UnknownEdition> {
    let mut diags = crate::diagnostics::Diagnostics::new();
    let Some(cfg) = crate::content::config::load(root, &mut diags) else {
        return Ok(());
    };
    let defined: Vec<String> = cfg
        .config
        .editions
        .iter()
        .map(|e| e.name.get_ref().clone())
        .collect();
    if defined.iter().any(|n| n == name) {
        Ok(())
    } else {
        Err(UnknownEdition {
            name: name.to_owned(),
            defined,
        })
    }
}

/// The site as readers of `edition` see it: the same items, with the texts the edition leaves
/// out removed, and marked with the edition so that every page names it.
pub fn project(site: &Site, edition: &Edition) -> Site {
    let mut out = site.clone();
    out.config.edition = Some(edition.clone());
    let notes = edition.leaves_out(Category::AssessorNotes);
    let internal = edition.leaves_out(Category::Internal);
    for a in &mut out.assessments {
        for r in &mut a.ratings {
            if notes {
                r.notes.clear();
            }
            if internal {
                keep_outside(&mut r.evidence);
            }
        }
    }
    for i in &mut out.improvements {
        if edition.leaves_out(Category::Justifications) {
            i.justification.clear();
        }
        if edition.leaves_out(Category::Owners) {
            i.owner.clear();
        }
        if internal {
            keep_outside(&mut i.evidence);
        }
    }
    if edition.leaves_out(Category::Owners) {
        for q in &mut out.qms {
            q.owner.clear();
        }
    }
    if internal {
        for c in out.coverage.values_mut() {
            keep_outside(&mut c.evidence);
        }
        leave_out_internal_pages(&mut out);
    }
    out
}

/// The report as readers of `edition` see it: the same figures; only the texts it carries from
/// the site's history (the assessors' notes and owners of "What changed") are removed.
pub fn project_report(report: &Report, edition: &Edition) -> Report {
    let mut out = report.clone();
    let notes = edition.leaves_out(Category::AssessorNotes);
    let owners = edition.leaves_out(Category::Owners);
    let comparison = out
        .history
        .as_mut()
        .and_then(|h| h.changes.as_mut())
        .and_then(|c| c.comparison.as_mut());
    if let Some(c) = comparison {
        if notes {
            for d in &mut c.dimensions {
                d.old_notes.clear();
                d.new_notes.clear();
            }
        }
        if owners {
            for q in &mut c.qms {
                for side in [&mut q.old, &mut q.new].into_iter().flatten() {
                    side.owner.clear();
                }
            }
        }
    }
    out
}

/// Drops the evidence marked internal.
fn keep_outside(evidence: &mut Vec<Evidence>) {
    evidence.retain(|e| !e.marked_internal);
}

/// Drops the narratives marked internal, and turns every link to one of them in the others into
/// its plain text.
fn leave_out_internal_pages(site: &mut Site) {
    let gone: HashSet<String> = site
        .pages
        .iter()
        .filter(|p| p.internal)
        .map(|p| p.slug.clone())
        .collect();
    if gone.is_empty() {
        return;
    }
    let kept: Vec<_> = std::mem::take(&mut site.pages)
        .into_iter()
        .filter(|p| !p.internal)
        .collect();
    site.pages = kept.into();
    for page in &mut site.pages {
        if let Some(text) = links::unlink(&page.markdown, &page.slug, &gone) {
            page.markdown = text;
        }
    }
}

#[cfg(test)]
mod tests;
