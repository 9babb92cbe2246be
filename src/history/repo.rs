//! The repository a site sits in: finding it, the site's folder within it, commits and their
//! dates, revisions a reader names, and the tags that mark published reports.

use std::path::Path;

use gix::ObjectId;
use jiff::civil::Date;

use crate::report::history::Revision;

/// Why a site has no history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absent {
    /// No git repository holds the site folder.
    NotARepository,
    /// The repository has no commit yet.
    NoCommits,
    /// The repository could not be read.
    Unreadable(String),
}

impl Absent {
    /// In words, for `--verbose` and error messages.
    pub fn describe(&self, root: &Path) -> String {
        match self {
            Absent::NotARepository => format!(
                "{} is not in a git repository: status timelines, \"last changed\" dates and \"What changed\" are left out",
                root.display()
            ),
            Absent::NoCommits => "the git repository has no commit yet: status timelines, \"last changed\" dates and \"What changed\" are left out".to_owned(),
            Absent::Unreadable(e) => format!("the git repository could not be read ({e}): its history is left out"),
        }
    }
}

/// An open repository and where the site sits in it.
pub struct Repo {
    /// The repository.
    pub repo: gix::Repository,
    /// The site folder below the work tree, `/`-separated with a trailing `/`; empty at the top.
    pub prefix: String,
}

/// A commit read for the history: its id, date, tree and first parent.
#[derive(Debug, Clone, Copy)]
pub struct CommitInfo {
    /// Its id.
    pub id: ObjectId,
    /// Committer date in the committer's time zone.
    pub date: Date,
    /// Committer time in seconds since 1970, to order commits of one day.
    pub seconds: i64,
    /// Its root tree.
    pub tree: ObjectId,
    /// Its first parent, if any.
    pub parent: Option<ObjectId>,
}

/// The first 7 hexadecimal digits of an id, as commits are usually shown.
pub fn short(id: &ObjectId) -> String {
    id.to_hex_with_len(7).to_string()
}

/// A commit time as a calendar date in the committer's own time zone (never the clock's).
fn date_of(time: gix::date::Time) -> Date {
    let offset = jiff::tz::Offset::from_seconds(time.offset).unwrap_or(jiff::tz::Offset::UTC);
    jiff::Timestamp::from_second(time.seconds)
        .map(|t| offset.to_datetime(t).date())
        .unwrap_or(Date::MIN)
}

impl Repo {
    /// Finds the repository holding `root`, without any git program.
    pub fn discover(root: &Path) -> Result<Repo, Absent> {
        let repo = match gix::discover(root) {
            Ok(r) => r,
            Err(gix::discover::Error::Discover(_)) => return Err(Absent::NotARepository),
            Err(e) => return Err(Absent::Unreadable(e.to_string())),
        };
        let work = repo.workdir().ok_or(Absent::NotARepository)?;
        let (Ok(work), Ok(site)) = (work.canonicalize(), root.canonicalize()) else {
            return Err(Absent::NotARepository);
        };
        let rel = site
            .strip_prefix(&work)
            .map_err(|_| Absent::NotARepository)?;
        let mut prefix = String::new();
        for part in rel.components() {
            prefix.push_str(&part.as_os_str().to_string_lossy());
            prefix.push('/');
        }
        Ok(Repo { repo, prefix })
    }

    /// The commit `HEAD` points to.
    pub fn head(&self) -> Result<ObjectId, Absent> {
        match self.repo.head_id() {
            Ok(id) => Ok(id.detach()),
            Err(_) if self.repo.head().is_ok_and(|h| h.is_unborn()) => Err(Absent::NoCommits),
            Err(e) => Err(Absent::Unreadable(e.to_string())),
        }
    }

    /// Reads a commit; `None` when the object is not in the repository (beyond a shallow
    /// clone's boundary).
    pub fn commit(&self, id: ObjectId) -> Result<Option<CommitInfo>, String> {
        let Some(object) = self.repo.try_find_object(id).map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        let commit = object.try_into_commit().map_err(|e| e.to_string())?;
        let time = commit.time().map_err(|e| e.to_string())?;
        let tree = commit.tree_id().map_err(|e| e.to_string())?.detach();
        let parent = commit.parent_ids().next().map(|p| p.detach());
        Ok(Some(CommitInfo {
            id,
            date: date_of(time),
            seconds: time.seconds,
            tree,
            parent,
        }))
    }

    /// The commits a shallow clone lacks the parents of; empty for a full clone.
    pub fn shallow_boundary(&self) -> Vec<ObjectId> {
        match self.repo.shallow_commits() {
            Ok(Some(commits)) => commits.iter().copied().collect(),
            _ => Vec::new(),
        }
    }

    /// The commit a revision names (`v1`, `report-2026q1`, `HEAD~3`, an id), as a [`Revision`].
    pub fn resolve(&self, name: &str) -> Result<(CommitInfo, Revision), String> {
        let id = self
            .repo
            .rev_parse_single(name)
            .map_err(|_| format!("\"{name}\" names no commit in the repository"))?;
        let commit = self
            .repo
            .find_object(id)
            .map(|o| o.peel_to_commit())
            .map_err(|e| e.to_string())?
            .map_err(|_| format!("\"{name}\" does not name a commit"))?;
        let info = self
            .commit(commit.id)?
            .ok_or_else(|| format!("the commit of \"{name}\" is not in the repository"))?;
        Ok((info, self.revision(name, &info)))
    }

    /// A commit as comparisons name it.
    pub fn revision(&self, name: &str, c: &CommitInfo) -> Revision {
        Revision {
            name: name.to_owned(),
            commit: short(&c.id),
            date: c.date,
        }
    }

    /// The tags whose name matches `pattern` (as `git tag -l` matches), with their commits,
    /// oldest commit first (ties by name). Tags that do not lead to a commit are left out.
    pub fn tags(&self, pattern: &str) -> Result<Vec<(String, CommitInfo)>, String> {
        let refs = self.repo.references().map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for r in refs.tags().map_err(|e| e.to_string())? {
            let Ok(mut r) = r else { continue };
            let name = r.name().shorten().to_string();
            let matches = gix::glob::wildmatch(
                pattern.into(),
                name.as_str().into(),
                gix::glob::wildmatch::Mode::empty(),
            );
            if !matches {
                continue;
            }
            let Ok(id) = r.peel_to_id() else { continue };
            if let Ok(Some(info)) = self.commit(id.detach()) {
                out.push((name, info));
            }
        }
        out.sort_by(|a, b| (a.1.seconds, &a.0).cmp(&(b.1.seconds, &b.0)));
        Ok(out)
    }

    /// The tree of the site folder in a commit's tree; `None` when the commit does not hold it.
    pub fn site_tree(&self, root_tree: ObjectId) -> Result<Option<ObjectId>, String> {
        if self.prefix.is_empty() {
            return Ok(Some(root_tree));
        }
        self.entry(root_tree, self.prefix.trim_end_matches('/'))
    }

    /// The id of the entry at `path` (`/`-separated) below `tree`.
    pub fn entry(&self, tree: ObjectId, path: &str) -> Result<Option<ObjectId>, String> {
        let tree = self.repo.find_tree(tree).map_err(|e| e.to_string())?;
        let entry = tree
            .lookup_entry(path.split('/'))
            .map_err(|e| e.to_string())?;
        Ok(entry.map(|e| e.object_id()))
    }
}
