//! The site's git history, read with gix (no git program needed): each improvement's status
//! timeline, when each source file last changed, and what changed between the two latest
//! published reports (tags matching a pattern) or over the last commits.
//!
//! Only commits count. The pages show the files as they are on disk; an edit not yet committed
//! has no date, so it changes no "last changed" date and no "What changed" page, and an
//! improvement whose status on disk differs from the last commit ends its timeline with an
//! undated "not yet committed" step. A shallow clone gives what it holds, and says from when.

mod repo;
mod snapshot;
mod timeline;
mod walk;

use std::path::Path;

use jiff::civil::Date;

pub use repo::{Absent, Repo};
pub use snapshot::Snapshot;

use crate::report::compare::{self, Comparison, Side};
use crate::report::history::{ChangesBasis, History, Revision, WhatChanged};
use crate::site::Site;

/// What reading the history gave: the history, or a note on why there is none (and notes on
/// what it lacks), for `--verbose`.
pub struct Outcome {
    /// The history, when the site is in a repository with commits.
    pub history: Option<History>,
    /// What `--verbose` tells about it.
    pub notes: Vec<String>,
}

/// Reads the history of the site, as the build needs it.
pub fn read(site: &Site, today: Date) -> Outcome {
    if !site.config.history.enabled {
        return Outcome {
            history: None,
            notes: vec!["history is turned off in qmsite.toml ([history] enabled = false)".into()],
        };
    }
    match read_history(site, today) {
        Ok((history, notes)) => Outcome {
            history: Some(history),
            notes,
        },
        Err(absent) => Outcome {
            history: None,
            notes: vec![absent.describe(&site.root)],
        },
    }
}

fn read_history(site: &Site, today: Date) -> Result<(History, Vec<String>), Absent> {
    let repo = Repo::discover(&site.root)?;
    let head = repo.head()?;
    let walk = repo.walk(head).map_err(Absent::Unreadable)?;
    let Some(last) = walk.steps.last() else {
        return Err(Absent::NoCommits);
    };
    let head = repo.revision("HEAD", &last.commit);
    let mut notes = vec![format!(
        "history: {} commits read, up to {} of {}",
        walk.steps.len(),
        head.commit,
        head.date
    )];
    let shallow_since = walk
        .shallow
        .then(|| walk.steps.first().map(|s| s.commit.date))
        .flatten();
    if let Some(since) = shallow_since {
        notes.push(format!(
            "the clone is shallow: its history starts on {since}, and dates before it are unknown"
        ));
    }
    let changes = what_changed(&repo, &walk, site, today);
    if let Some(problem) = changes.as_ref().and_then(|c| c.problem.as_ref()) {
        notes.push(format!("What changed: {problem}"));
    }
    let history = History {
        head,
        shallow_since,
        files: timeline::last_changes(&walk),
        timelines: timeline::timelines(&repo, &walk, site),
        changes,
    };
    Ok((history, notes))
}

/// The two revisions "What changed" compares, and why those.
fn changes_range(
    repo: &Repo,
    walk: &walk::Walk,
    site: &Site,
) -> Option<(
    ChangesBasis,
    Revision,
    repo::CommitInfo,
    Revision,
    repo::CommitInfo,
)> {
    let settings = &site.config.history;
    let head = walk.steps.last()?.commit;
    if let Some(pattern) = &settings.tags {
        let tags = repo.tags(pattern).unwrap_or_default();
        let mut latest = tags.iter().rev();
        match (latest.next(), latest.next()) {
            (Some((new, n)), Some((old, o))) => {
                let basis = ChangesBasis::Tags {
                    pattern: pattern.clone(),
                };
                return Some((basis, repo.revision(old, o), *o, repo.revision(new, n), *n));
            }
            (Some((old, o)), None) => {
                let basis = ChangesBasis::SinceTag {
                    pattern: pattern.clone(),
                };
                let to = repo.revision("HEAD", &head);
                return Some((basis, repo.revision(old, o), *o, to, head));
            }
            _ => {}
        }
    }
    let back = settings.commits.min(walk.steps.len() - 1);
    let from = walk.steps[walk.steps.len() - 1 - back].commit;
    let basis = ChangesBasis::Commits {
        count: settings.commits,
    };
    let from_rev = repo.revision(&format!("HEAD~{back}"), &from);
    Some((basis, from_rev, from, repo.revision("HEAD", &head), head))
}

/// What changed between the configured revisions.
fn what_changed(repo: &Repo, walk: &walk::Walk, site: &Site, today: Date) -> Option<WhatChanged> {
    let (basis, from, from_commit, to, to_commit) = changes_range(repo, walk, site)?;
    let compared = compare_commits(
        repo,
        &site.root,
        (&from_commit, from.clone()),
        (&to_commit, to.clone()),
        today,
    );
    let (comparison, problem) = match compared {
        Ok(c) => (Some(c), None),
        Err(e) => (None, Some(e)),
    };
    Some(WhatChanged {
        basis,
        from,
        to,
        comparison,
        problem,
    })
}

/// Compares the site as two commits hold it: each side's latest assessment of the newer side's
/// main framework, the register, coverage and QMS.
fn compare_commits(
    repo: &Repo,
    root: &Path,
    old: (&repo::CommitInfo, Revision),
    new: (&repo::CommitInfo, Revision),
    today: Date,
) -> Result<Comparison, String> {
    let at = |c: &repo::CommitInfo, r: &Revision| {
        repo.site_at(c, root, today)
            .map_err(|e| format!("{} ({}): {e}", r.name, r.commit))
    };
    let (o, n) = (at(old.0, &old.1)?, at(new.0, &new.1)?);
    let framework = &n.site.frameworks[n.site.main_framework].id;
    Ok(compare::revisions(
        side(&o, framework),
        side(&n, framework),
        (old.1, new.1),
    ))
}

/// A snapshot as one side of a comparison, with its latest assessment of the framework.
fn side<'a>(s: &'a Snapshot, framework: &str) -> Side<'a> {
    Side {
        site: &s.site,
        report: &s.report,
        assessment: compare::latest_of(&s.site, Some(framework)),
    }
}

/// Compares the site at two revisions a reader names (`qmsite diff --rev A --rev B`).
pub fn compare_revisions(
    root: &Path,
    old: &str,
    new: &str,
    today: Date,
) -> Result<Comparison, String> {
    let repo = Repo::discover(root).map_err(|a| match a {
        Absent::NotARepository => format!(
            "{} is not in a git repository; --rev needs the site's history in git",
            root.display()
        ),
        other => other.describe(root),
    })?;
    let resolve = |name: &str| {
        repo.resolve(name).map_err(|e| {
            format!("{e}; expected a tag, a branch, a commit id or a form such as HEAD~2")
        })
    };
    let (o, orev) = resolve(old)?;
    let (n, nrev) = resolve(new)?;
    compare_commits(&repo, root, (&o, orev), (&n, nrev), today)
}

/// The status timelines of the site's improvements, for `qmsite diff` between two assessments;
/// none when the site has no history.
pub fn timelines(
    site: &Site,
) -> Option<std::collections::BTreeMap<String, Vec<crate::report::history::StatusStep>>> {
    let repo = Repo::discover(&site.root).ok()?;
    let walk = repo.walk(repo.head().ok()?).ok()?;
    Some(timeline::timelines(&repo, &walk, site))
}
