//! What the site's git history says: each improvement's status over time, when each source file
//! last changed, and what changed between two published reports.
//!
//! These are the figures of the history, kept as data; the `history` module reads them from the
//! repository (without a git program) and nothing here touches git. Every date is a commit's date
//! in the committer's own time zone, never the clock.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::compare::Comparison;
use crate::content::model::improvement::Status;

/// A commit as pages and comparisons name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    /// What the reader asked for or what the commit is known as: a tag, `HEAD`, `HEAD~20`.
    pub name: String,
    /// The commit's id, shortened to 7 hexadecimal digits.
    pub commit: String,
    /// The commit's date (committer time, in the committer's time zone).
    pub date: Date,
}

/// The last commit that changed a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileChange {
    /// The commit's date.
    pub date: Date,
    /// The commit's id, shortened.
    pub commit: String,
}

/// How an entry of a status timeline came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// The improvement entered the register with this status.
    Added,
    /// Its status changed to this one.
    Changed,
    /// The oldest commit a shallow clone holds: the status on that date, earlier ones unknown.
    Boundary,
    /// The register as it is on disk differs from the last commit: not yet committed, no date.
    Uncommitted,
}

/// One step of an improvement's status timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusStep {
    /// How the step came about.
    pub kind: StepKind,
    /// The status from this step on.
    pub status: Status,
    /// The commit's date; none for an uncommitted change.
    pub date: Option<Date>,
    /// The commit's id, shortened; empty for an uncommitted change.
    pub commit: String,
}

/// Why "What changed" compares the two revisions it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "basis", rename_all = "kebab-case")]
pub enum ChangesBasis {
    /// The two latest tags matching the configured pattern.
    Tags {
        /// The pattern, e.g. `report-*`.
        pattern: String,
    },
    /// The latest matching tag and the latest commit.
    SinceTag {
        /// The pattern.
        pattern: String,
    },
    /// The last commits of the current branch (no tag pattern, or no tag matched it).
    Commits {
        /// How many commits back the comparison starts.
        count: usize,
    },
}

/// What changed between two committed states of the site.
#[derive(Debug, Clone, Serialize)]
pub struct WhatChanged {
    /// Why these two revisions.
    pub basis: ChangesBasis,
    /// The older state.
    pub from: Revision,
    /// The newer state.
    pub to: Revision,
    /// The comparison, when both states could be read and checked.
    pub comparison: Option<Comparison>,
    /// Why there is no comparison, in words.
    pub problem: Option<String>,
}

/// Everything a build takes from the site's git history.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// The commit the history was read from.
    pub head: Revision,
    /// When the clone is shallow: the date of the oldest commit it holds.
    pub shallow_since: Option<Date>,
    /// The last change of each source file, by its path below the site root (`/`-separated).
    pub files: BTreeMap<String, FileChange>,
    /// The status timeline of each improvement, by its id, oldest step first.
    pub timelines: BTreeMap<String, Vec<StatusStep>>,
    /// What changed between the two configured revisions.
    pub changes: Option<WhatChanged>,
}

impl History {
    /// The latest change among files whose path equals one of `paths` or lies below one of them
    /// (a folder is given as `content/assessments/`).
    pub fn last_change<'a>(&self, paths: impl IntoIterator<Item = &'a str>) -> Option<&FileChange> {
        let mut best: Option<&FileChange> = None;
        for p in paths {
            let found: Box<dyn Iterator<Item = &FileChange>> = if p.ends_with('/') {
                Box::new(
                    self.files
                        .range(p.to_owned()..)
                        .take_while(|(k, _)| k.starts_with(p))
                        .map(|(_, v)| v),
                )
            } else {
                Box::new(self.files.get(p).into_iter())
            };
            for change in found {
                if best.is_none_or(|b| change.date > b.date) {
                    best = Some(change);
                }
            }
        }
        best
    }
}

/// The status an improvement had on `date` by its timeline: that of the last committed step on or
/// before the date; none when the timeline starts later.
pub fn status_on(timeline: &[StatusStep], date: Date) -> Option<Status> {
    timeline
        .iter()
        .rfind(|s| s.date.is_some_and(|d| d <= date))
        .map(|s| s.status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn step(kind: StepKind, status: Status, d: Option<Date>) -> StatusStep {
        StatusStep {
            kind,
            status,
            date: d,
            commit: String::new(),
        }
    }

    #[test]
    fn the_status_on_a_date_is_the_last_committed_step_before_it() {
        let timeline = [
            step(StepKind::Added, Status::Proposed, Some(date(2024, 1, 10))),
            step(
                StepKind::Changed,
                Status::InProgress,
                Some(date(2024, 6, 1)),
            ),
            step(StepKind::Uncommitted, Status::Done, None),
        ];
        assert_eq!(status_on(&timeline, date(2023, 12, 31)), None);
        assert_eq!(
            status_on(&timeline, date(2024, 1, 10)),
            Some(Status::Proposed)
        );
        assert_eq!(
            status_on(&timeline, date(2025, 1, 1)),
            Some(Status::InProgress)
        );
    }

    #[test]
    fn the_last_change_of_a_folder_is_its_newest_file() {
        let change = |d, c: &str| FileChange {
            date: d,
            commit: c.to_owned(),
        };
        let history = History {
            head: Revision {
                name: "HEAD".into(),
                commit: "c".into(),
                date: date(2025, 1, 1),
            },
            shallow_since: None,
            files: [
                ("content/a/x.toml".to_owned(), change(date(2024, 1, 1), "a")),
                ("content/a/y.toml".to_owned(), change(date(2024, 3, 1), "b")),
                ("content/ab.toml".to_owned(), change(date(2025, 1, 1), "c")),
            ]
            .into_iter()
            .collect(),
            timelines: BTreeMap::new(),
            changes: None,
        };
        assert_eq!(
            history
                .last_change(["content/a/"])
                .map(|c| c.commit.as_str()),
            Some("b")
        );
        assert_eq!(
            history
                .last_change(["content/a/x.toml", "content/ab.toml"])
                .map(|c| c.commit.as_str()),
            Some("c")
        );
        assert!(history.last_change(["content/b/"]).is_none());
    }
}
