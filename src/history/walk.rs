//! Walking the current branch back from `HEAD` along first parents, and the site files each
//! commit changed.
//!
//! First parents only: a merge counts as one change on the day it entered the branch, which is
//! when a published report could first show it. Only `qmsite.toml` and `content/` are compared,
//! and only the subtrees whose ids differ are opened, so a commit that touches code or output
//! costs two lookups.

use gix::ObjectId;
use gix::bstr::ByteSlice;
use gix::diff::tree::recorder::Change;

use super::repo::{CommitInfo, Repo};
use crate::content::config::CONFIG_FILE;

/// What one commit changed in the site.
#[derive(Debug, Clone)]
pub struct Step {
    /// The commit.
    pub commit: CommitInfo,
    /// Files changed, by path below the site root, with their new blob (none when deleted).
    pub changed: Vec<(String, Option<ObjectId>)>,
}

/// The branch's commits, oldest first, with what each changed.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Oldest first; the oldest's changes are every file it holds.
    pub steps: Vec<Step>,
    /// True when the walk stopped at a shallow clone's boundary rather than the first commit.
    pub shallow: bool,
}

/// The site's sources in one commit: the ids of `content/` and of `qmsite.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Sources {
    content: Option<ObjectId>,
    config: Option<ObjectId>,
}

impl Repo {
    fn sources(&self, c: &CommitInfo) -> Result<Sources, String> {
        let Some(site) = self.site_tree(c.tree)? else {
            return Ok(Sources::default());
        };
        Ok(Sources {
            content: self.entry(site, "content")?,
            config: self.entry(site, CONFIG_FILE)?,
        })
    }

    /// The commits from `head` back to the first (or the shallow boundary), newest first.
    fn chain(&self, head: ObjectId) -> Result<(Vec<CommitInfo>, bool), String> {
        let boundary = self.shallow_boundary();
        let mut chain = Vec::new();
        let mut next = Some(head);
        let mut shallow = false;
        while let Some(id) = next {
            let Some(c) = self.commit(id)? else {
                // A parent the clone does not hold: the history ends here.
                shallow = true;
                break;
            };
            chain.push(c);
            if boundary.contains(&id) {
                shallow = c.parent.is_some();
                break;
            }
            next = c.parent;
        }
        Ok((chain, shallow))
    }

    /// Walks the branch from `head` and lists what each commit changed in the site.
    pub fn walk(&self, head: ObjectId) -> Result<Walk, String> {
        let (chain, shallow) = self.chain(head)?;
        let mut state = gix::diff::tree::State::default();
        let mut before = Sources::default();
        let mut steps = Vec::with_capacity(chain.len());
        for commit in chain.into_iter().rev() {
            let now = self.sources(&commit)?;
            let mut changed = Vec::new();
            if now.config != before.config {
                changed.push((CONFIG_FILE.to_owned(), now.config));
            }
            if now.content != before.content {
                self.content_changes(before.content, now.content, &mut state, &mut changed)?;
            }
            before = now;
            steps.push(Step { commit, changed });
        }
        Ok(Walk { steps, shallow })
    }

    /// The files that differ between two `content/` trees (either may be absent).
    fn content_changes(
        &self,
        old: Option<ObjectId>,
        new: Option<ObjectId>,
        state: &mut gix::diff::tree::State,
        out: &mut Vec<(String, Option<ObjectId>)>,
    ) -> Result<(), String> {
        let load = |id: Option<ObjectId>| -> Result<Vec<u8>, String> {
            match id {
                Some(id) => Ok(self
                    .repo
                    .find_tree(id)
                    .map_err(|e| e.to_string())?
                    .detach()
                    .data),
                None => Ok(Vec::new()),
            }
        };
        let (old_data, new_data) = (load(old)?, load(new)?);
        let kind = self.repo.object_hash();
        let mut recorder = gix::diff::tree::Recorder::default();
        gix::diff::tree(
            gix::objs::TreeRefIter::from_bytes(&old_data, kind),
            gix::objs::TreeRefIter::from_bytes(&new_data, kind),
            state,
            &self.repo.objects,
            &mut recorder,
        )
        .map_err(|e| e.to_string())?;
        for change in recorder.records {
            let (path, mode, oid) = match change {
                Change::Addition {
                    path,
                    entry_mode,
                    oid,
                    ..
                }
                | Change::Modification {
                    path,
                    entry_mode,
                    oid,
                    ..
                } => (path, entry_mode, Some(oid)),
                Change::Deletion {
                    path, entry_mode, ..
                } => (path, entry_mode, None),
            };
            if mode.is_blob() {
                out.push((format!("content/{}", path.to_str_lossy()), oid));
            }
        }
        Ok(())
    }
}
