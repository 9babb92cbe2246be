//! A scripted git history for tests and benchmarks, written with gix (no git program): files are
//! written to the work tree and committed with the date the script gives, so a test knows every
//! commit's date and what it changed.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use gix::ObjectId;
use gix::refs::transaction::PreviousValue;

/// A repository being scripted.
pub struct Script {
    /// The repository.
    pub repo: gix::Repository,
    /// Its work tree.
    pub dir: PathBuf,
    head: Option<ObjectId>,
    pending: Vec<(String, Option<Vec<u8>>)>,
}

/// Seconds since 1970 of a date at a time of day, in a time zone `offset` seconds east of UTC.
pub fn seconds(date: &str, hour: i64, minute: i64, offset: i64) -> i64 {
    let d: jiff::civil::Date = date.parse().expect("a date as YYYY-MM-DD");
    let midnight = d
        .to_zoned(jiff::tz::TimeZone::UTC)
        .expect("midnight")
        .timestamp()
        .as_second();
    midnight + hour * 3600 + minute * 60 - offset
}

impl Script {
    /// A new repository in `dir`, with every file already there staged for the first commit.
    pub fn init(dir: &Path) -> Script {
        let repo = gix::init(dir).expect("init a repository");
        let mut script = Script {
            repo,
            dir: dir.to_path_buf(),
            head: None,
            pending: Vec::new(),
        };
        let mut files = Vec::new();
        collect(dir, dir, &mut files);
        for rel in files {
            let bytes = std::fs::read(dir.join(&rel)).expect("read");
            script.pending.push((rel, Some(bytes)));
        }
        script
    }

    /// Writes a file into the work tree and stages it.
    pub fn write(&mut self, rel: &str, text: &str) {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, text).expect("write");
        self.pending
            .push((rel.to_owned(), Some(text.as_bytes().to_vec())));
    }

    /// Replaces the first `from` in a file with `to`, failing when it is not there, and stages it.
    pub fn edit(&mut self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.dir.join(rel)).expect("read");
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Removes a file from the work tree and stages the removal.
    pub fn remove(&mut self, rel: &str) {
        std::fs::remove_file(self.dir.join(rel)).expect("remove");
        self.pending.push((rel.to_owned(), None));
    }

    /// Commits what is staged on `main` at `seconds` (since 1970) in a zone `offset` seconds east
    /// of UTC; returns the commit.
    pub fn commit_at(&mut self, seconds: i64, offset: i64, message: &str) -> ObjectId {
        let base = match self.head {
            Some(h) => self
                .repo
                .find_commit(h)
                .expect("head")
                .tree_id()
                .expect("tree")
                .detach(),
            None => ObjectId::empty_tree(self.repo.object_hash()),
        };
        let mut editor = self.repo.edit_tree(base).expect("tree editor");
        for (rel, bytes) in self.pending.drain(..) {
            match bytes {
                Some(b) => {
                    let blob = self.repo.write_blob(&b).expect("blob").detach();
                    editor
                        .upsert(rel.as_str(), gix::object::tree::EntryKind::Blob, blob)
                        .expect("upsert");
                }
                None => {
                    editor.remove(rel.as_str()).expect("remove");
                }
            }
        }
        let tree = editor.write().expect("write tree").detach();
        let sign = if offset < 0 { '-' } else { '+' };
        let time = format!(
            "{seconds} {sign}{:02}{:02}",
            offset.abs() / 3600,
            offset.abs() % 3600 / 60
        );
        let signature = gix::actor::SignatureRef {
            name: "Quality Office".into(),
            email: "quality@example.org".into(),
            time: &time,
        };
        let id = self
            .repo
            .commit_as(signature, signature, "HEAD", message, tree, self.head)
            .expect("commit")
            .detach();
        self.head = Some(id);
        id
    }

    /// Commits what is staged at noon UTC on `date` (YYYY-MM-DD).
    pub fn commit(&mut self, date: &str, message: &str) -> ObjectId {
        self.commit_at(seconds(date, 12, 0, 0), 0, message)
    }

    /// Tags the last commit (a lightweight tag, as `git tag NAME` makes).
    pub fn tag(&self, name: &str) {
        let head = self.head.expect("a commit to tag");
        self.repo
            .tag_reference(name, head, PreviousValue::MustNotExist)
            .expect("tag");
    }

    /// The last commit.
    pub fn head(&self) -> ObjectId {
        self.head.expect("a commit")
    }
}

/// Every file below `dir` (outside `.git`), relative, `/`-separated, sorted.
fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.file_name().is_some_and(|n| n == ".git") {
            continue;
        }
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path.strip_prefix(base).expect("below base");
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
}
