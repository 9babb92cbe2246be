//! Each improvement's status over time, and each file's last change, from the walk of the
//! branch.
//!
//! A register file is read again only in the commits that changed it, and a file's text is read
//! once however many commits hold it; only the ids and statuses are taken from it, so an old
//! register that no longer passes today's checks still tells its statuses.

use std::collections::{BTreeMap, HashMap};

use gix::ObjectId;
use serde::Deserialize;

use super::repo::{Repo, short};
use super::walk::Walk;
use crate::content::model::improvement::Status;
use crate::report::history::{FileChange, StatusStep, StepKind};
use crate::site::Site;

/// The register folder, below the site root.
const REGISTERS: &str = "content/improvements/";

/// What the timeline needs of a register file: each entry's id and status.
#[derive(Deserialize)]
struct Register {
    #[serde(default)]
    improvement: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    id: String,
    status: Status,
}

/// The last change of every file the branch holds now, by path below the site root.
pub fn last_changes(walk: &Walk) -> BTreeMap<String, FileChange> {
    let mut files = BTreeMap::new();
    for step in &walk.steps {
        for (path, blob) in &step.changed {
            if blob.is_some() {
                files.insert(
                    path.clone(),
                    FileChange {
                        date: step.commit.date,
                        commit: short(&step.commit.id),
                    },
                );
            } else {
                files.remove(path);
            }
        }
    }
    files
}

/// Each improvement's status timeline, oldest step first, ending with an uncommitted step when
/// the register on disk says otherwise than the last commit.
pub fn timelines(repo: &Repo, walk: &Walk, site: &Site) -> BTreeMap<String, Vec<StatusStep>> {
    let mut registers: BTreeMap<String, Vec<(String, Status)>> = BTreeMap::new();
    let mut parsed: HashMap<ObjectId, Option<Vec<(String, Status)>>> = HashMap::new();
    let mut current: HashMap<String, Status> = HashMap::new();
    let mut out: BTreeMap<String, Vec<StatusStep>> = BTreeMap::new();
    for (n, step) in walk.steps.iter().enumerate() {
        let mut touched = false;
        for (path, blob) in &step.changed {
            if path.starts_with(REGISTERS) && path.ends_with(".toml") {
                touched = true;
                match blob {
                    Some(b) => {
                        let entries = parsed.entry(*b).or_insert_with(|| read_register(repo, *b));
                        if let Some(entries) = entries {
                            registers.insert(path.clone(), entries.clone());
                        }
                    }
                    None => {
                        registers.remove(path);
                    }
                }
            }
        }
        if !touched {
            continue;
        }
        let now: HashMap<String, Status> = registers.values().flatten().cloned().collect();
        let boundary = n == 0 && walk.shallow;
        for (id, status) in &now {
            let kind = match current.get(id) {
                None if boundary => StepKind::Boundary,
                None => StepKind::Added,
                Some(s) if s != status => StepKind::Changed,
                Some(_) => continue,
            };
            out.entry(id.clone()).or_default().push(StatusStep {
                kind,
                status: *status,
                date: Some(step.commit.date),
                commit: short(&step.commit.id),
            });
        }
        current = now;
    }
    for i in site.improvements.iter() {
        if current.get(&i.id) != Some(&i.status) {
            out.entry(i.id.clone()).or_default().push(StatusStep {
                kind: StepKind::Uncommitted,
                status: i.status,
                date: None,
                commit: String::new(),
            });
        }
    }
    out
}

/// The ids and statuses of a register blob; none when it cannot be read or parsed (the file's
/// statuses are then taken to be those of its last readable version).
fn read_register(repo: &Repo, blob: ObjectId) -> Option<Vec<(String, Status)>> {
    let blob = repo.repo.find_blob(blob).ok()?;
    let text = std::str::from_utf8(&blob.data).ok()?;
    let register = toml::from_str::<Register>(text).ok()?;
    Some(
        register
            .improvement
            .into_iter()
            .map(|e| (e.id, e.status))
            .collect(),
    )
}
