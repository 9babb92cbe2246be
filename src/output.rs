//! Write: build into a temporary sibling folder and swap it in at the end, so a failed or
//! interrupted build leaves the previous output untouched.
//!
//! qmsite deletes only folders it made: the output folder and its temporary siblings all carry a
//! marker file, and a folder without it is never removed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Marker file written into every output folder qmsite makes.
pub const MARKER: &str = ".qmsite-output";
const MARKER_TEXT: &str = "This folder is written by qmsite and replaced whole by every build.\n";

/// Writes one file whole or not at all: into a temporary file beside it, then renamed over it,
/// so that an interrupted write never leaves half a file where a reader expects the old one.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    written.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        describe(&e, path)
    })
}

/// A build in progress, writing into a temporary folder beside the output folder.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// The previous output, when qmsite wrote it: files whose bytes did not change are linked
    /// from it instead of written again.
    previous: Option<PathBuf>,
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

fn is_ours(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

/// Removes a folder qmsite made, its marker file last: a removal interrupted half-way leaves a
/// folder that still carries the marker, which the next build then recognises and removes.
fn remove_ours(dir: &Path) -> io::Result<()> {
    remove_ours_with(dir, &mut |_| Ok(()))
}

/// [`remove_ours`], calling `step` before each entry is removed (tests use it to interrupt).
fn remove_ours_with(dir: &Path, step: &mut dyn FnMut(&Path) -> io::Result<()>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        step(&entry.path())?;
        if entry.file_type()?.is_dir() {
            // Large folders (thousands of pages) are removed from several threads.
            remove_tree(&entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    match fs::remove_file(dir.join(MARKER)) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    fs::remove_dir(dir)
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

fn describe(e: &io::Error, path: &Path) -> String {
    let why = match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        io::ErrorKind::QuotaExceeded => "the disk quota is exceeded".to_owned(),
        _ => e.to_string(),
    };
    format!("{}: {why}", path.display())
}

impl Staging {
    /// Prepares a fresh temporary folder for a build into `out`.
    pub fn begin(out: &Path) -> Result<Staging, String> {
        let mut staging = Staging {
            out: out.to_path_buf(),
            tmp: sibling(out, "qmsite-tmp"),
            old: sibling(out, "qmsite-old"),
            previous: None,
        };
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                format!("cannot create the output location {}", describe(&e, parent))
            })?;
        }
        // A build killed between the two renames of the fallback swap leaves only `old`: restore it.
        if !out.exists() && is_ours(&staging.old) {
            fs::rename(&staging.old, out).map_err(|e| {
                format!(
                    "cannot restore the previous output {}",
                    describe(&e, &staging.old)
                )
            })?;
        }
        if out.exists() && !(out.is_dir() && (is_ours(out) || is_empty_dir(out))) {
            return Err(format!(
                "{} exists and was not written by qmsite (it has no {MARKER} file); qmsite replaces its output folder whole, so choose an empty or new output_dir",
                out.display()
            ));
        }
        for leftover in [&staging.tmp, &staging.old] {
            if leftover.exists() {
                // A build killed right after creating its folder leaves it empty, without the
                // marker yet: an empty folder holds nothing to lose.
                if leftover.is_dir() && is_empty_dir(leftover) {
                    fs::remove_dir(leftover).map_err(|e| {
                        format!("cannot remove the leftover {}", describe(&e, leftover))
                    })?;
                } else if is_ours(leftover) {
                    remove_ours(leftover).map_err(|e| {
                        format!("cannot remove the leftover {}", describe(&e, leftover))
                    })?;
                } else {
                    return Err(format!(
                        "{} is in the way and was not written by qmsite; move it away",
                        leftover.display()
                    ));
                }
            }
        }
        if out.is_dir() && is_ours(out) {
            staging.previous = Some(out.to_path_buf());
        }
        fs::create_dir(&staging.tmp)
            .map_err(|e| format!("cannot create {}", describe(&e, &staging.tmp)))?;
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// The temporary folder files are written into.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Writes one file (a `/`-separated path below the output root), creating its folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        if rel.split('/').any(|p| p == ".." || p.is_empty()) {
            return Err(format!(
                "refusing to write outside the output folder: {rel}"
            ));
        }
        let path = self.tmp.join(rel);
        if self.link_unchanged(rel, &path, bytes) {
            return Ok(());
        }
        // Most files go into a folder that already exists: create folders only when missing.
        match create_new(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.create_parent(&path)?;
                create_new(&path, bytes)
            }
            other => other,
        }
        .map_err(|e| format!("cannot write {}", describe(&e, &path)))
    }

    /// Links `path` to the previous output's file at `rel` when that file holds exactly `bytes`:
    /// a rebuild then writes only what changed, and unchanged files keep their modification
    /// time (so copies to a web server and browser caches skip them). Only plain files that
    /// nothing else links to are reused; anything else, or any failure, means writing afresh.
    fn link_unchanged(&self, rel: &str, path: &Path, bytes: &[u8]) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(rel);
        let Ok(meta) = fs::symlink_metadata(&old) else {
            return false;
        };
        if !meta.file_type().is_file() || meta.len() != bytes.len() as u64 || !single_link(&meta) {
            return false;
        }
        if fs::read(&old).ok().as_deref() != Some(bytes) {
            return false;
        }
        let linked = match fs::hard_link(&old, path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => self
                .create_parent(path)
                .is_ok_and(|()| fs::hard_link(&old, path).is_ok()),
            other => other.is_ok(),
        };
        // The file linked must still be the plain file compared above; if it was swapped for
        // something else meanwhile, the name is dropped and the file written afresh.
        if linked && !fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file()) {
            let _ = fs::remove_file(path);
            return false;
        }
        linked
    }

    fn create_parent(&self, path: &Path) -> Result<(), String> {
        match path.parent() {
            Some(parent) => fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}", describe(&e, parent))),
            None => Ok(()),
        }
    }

    /// Swaps the finished build in place of the previous output, then removes the previous one.
    pub fn commit(self) -> Result<(), String> {
        if !self.out.exists() {
            return fs::rename(&self.tmp, &self.out).map_err(|e| {
                format!(
                    "cannot move the build into place {}",
                    describe(&e, &self.out)
                )
            });
        }
        if exchange(&self.tmp, &self.out).is_ok() {
            // `tmp` now holds the previous output.
            return remove_ours(&self.tmp).map_err(|e| {
                format!(
                    "the new output is in place, but the previous one could not be removed {}",
                    describe(&e, &self.tmp)
                )
            });
        }
        fs::rename(&self.out, &self.old).map_err(|e| {
            format!(
                "cannot move the previous output aside {}",
                describe(&e, &self.out)
            )
        })?;
        fs::rename(&self.tmp, &self.out).map_err(|e| {
            format!(
                "cannot move the build into place {}",
                describe(&e, &self.out)
            )
        })?;
        remove_ours(&self.old).map_err(|e| {
            format!(
                "the new output is in place, but the previous one could not be removed {}",
                describe(&e, &self.old)
            )
        })
    }

    /// Drops an unfinished build; the previous output stays as it was.
    pub fn abort(self) {
        if is_ours(&self.tmp) {
            let _ = remove_ours(&self.tmp);
        }
    }
}

/// Writes a file that must not exist yet: the staging folder is new, so anything already at
/// `path` (a link left there by anyone) is an error rather than something to write through.
fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(bytes)
}

/// Whether no other name links to a file (always true where links cannot be counted).
#[cfg(unix)]
fn single_link(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() == 1
}

#[cfg(not(unix))]
fn single_link(_meta: &fs::Metadata) -> bool {
    true
}

/// Threads deleting files at once in [`remove_tree`].
const REMOVERS: usize = 8;

/// Removes a folder and everything in it, like [`fs::remove_dir_all`], deleting the files from
/// several threads: each deletion can wait on the disk, and a site has thousands of files.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry.map_err(io::Error::from)?;
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let remove_files = || -> io::Result<()> {
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            match files.get(i) {
                Some(f) => fs::remove_file(f)?,
                None => return Ok(()),
            }
        }
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..REMOVERS.min(files.len()))
            .map(|_| scope.spawn(remove_files))
            .collect();
        let mut result = remove_files();
        for w in workers {
            let done = w
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("a file removal thread failed")));
            result = result.and(done);
        }
        result
    })?;
    // Folders come after their contents.
    for d in dirs {
        fs::remove_dir(&d)?;
    }
    Ok(())
}

/// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are valid NUL-terminated paths that live through the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Elsewhere there is no atomic exchange; the two-rename fallback is used.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::other("no atomic exchange on this system"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "qmsite-output-test-{}-{}",
            std::process::id(),
            rand_suffix()
        ));
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    fn rand_suffix() -> u128 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    }

    #[test]
    fn commit_replaces_and_abort_keeps_the_previous_output() {
        let base = temp();
        let out = base.join("out");
        let s = Staging::begin(&out).expect("begin");
        s.write("a/b.html", b"one").expect("write");
        s.commit().expect("commit");
        assert_eq!(fs::read(out.join("a/b.html")).expect("read"), b"one");

        let s = Staging::begin(&out).expect("begin");
        s.write("a/b.html", b"two").expect("write");
        s.abort();
        assert_eq!(fs::read(out.join("a/b.html")).expect("read"), b"one");

        let s = Staging::begin(&out).expect("begin");
        s.write("c.html", b"three").expect("write");
        s.commit().expect("commit");
        assert!(!out.join("a/b.html").exists());
        assert!(out.join("c.html").exists());
        assert!(!sibling(&out, "qmsite-tmp").exists());
        let _ = fs::remove_dir_all(&base);
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_from_the_previous_output_and_others_written() {
        use std::os::unix::fs::MetadataExt;
        let base = temp();
        let out = base.join("out");
        let ino = |p: &str| fs::symlink_metadata(out.join(p)).expect("meta").ino();
        let s = Staging::begin(&out).expect("begin");
        for (rel, bytes) in [("same.html", "same"), ("a/changed.html", "old")] {
            s.write(rel, bytes.as_bytes()).expect("write");
        }
        s.commit().expect("commit");
        let (same, changed) = (ino("same.html"), ino("a/changed.html"));

        // An aborted build leaves the previous files as they were, each with one name again.
        let s = Staging::begin(&out).expect("begin");
        s.write("same.html", b"same").expect("write");
        s.abort();
        assert_eq!(fs::metadata(out.join("same.html")).expect("m").nlink(), 1);

        let s = Staging::begin(&out).expect("begin");
        s.write("same.html", b"same").expect("write");
        s.write("a/changed.html", b"new").expect("write");
        s.commit().expect("commit");
        assert_eq!(ino("same.html"), same, "unchanged file reused");
        assert_ne!(ino("a/changed.html"), changed, "changed file written anew");
        assert_eq!(fs::read(out.join("a/changed.html")).expect("read"), b"new");
        assert_eq!(fs::metadata(out.join("same.html")).expect("m").nlink(), 1);
        let _ = fs::remove_dir_all(&base);
    }

    #[cfg(unix)]
    #[test]
    fn links_and_shared_files_in_the_previous_output_are_never_reused() {
        use std::os::unix::fs::MetadataExt;
        let base = temp();
        let out = base.join("out");
        let s = Staging::begin(&out).expect("begin");
        s.write("shared.html", b"same").expect("write");
        s.commit().expect("commit");
        // Someone links an outside file into the output, and another name to an output file.
        let outside = base.join("outside.html");
        fs::write(&outside, b"same").expect("write");
        std::os::unix::fs::symlink(&outside, out.join("symlink.html")).expect("symlink");
        fs::hard_link(out.join("shared.html"), base.join("elsewhere.html")).expect("link");

        let s = Staging::begin(&out).expect("begin");
        s.write("symlink.html", b"same").expect("write");
        s.write("shared.html", b"same").expect("write");
        s.commit().expect("commit");
        let meta = fs::symlink_metadata(out.join("symlink.html")).expect("meta");
        assert!(meta.file_type().is_file(), "a plain file, not the link");
        let shared = fs::metadata(out.join("shared.html")).expect("meta");
        let elsewhere = fs::metadata(base.join("elsewhere.html")).expect("meta");
        assert_ne!(shared.ino(), elsewhere.ino(), "not tied to a file outside");
        assert_eq!(fs::read(&outside).expect("read"), b"same");
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn a_folder_not_written_by_qmsite_is_never_replaced() {
        let base = temp();
        let out = base.join("precious");
        fs::create_dir_all(&out).expect("mkdir");
        fs::write(out.join("thesis.docx"), b"data").expect("write");
        let err = Staging::begin(&out).expect_err("must refuse");
        assert!(err.contains("not written by qmsite"), "{err}");
        assert_eq!(fs::read(out.join("thesis.docx")).expect("read"), b"data");
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn a_tree_is_removed_whole() {
        let base = temp();
        for n in 0..40 {
            let dir = base.join(format!("d{}/e{}", n % 3, n % 2));
            fs::create_dir_all(&dir).expect("mkdir");
            fs::write(dir.join(format!("{n}.html")), b"x").expect("write");
        }
        remove_tree(&base).expect("remove");
        assert!(!base.exists());
        assert!(remove_tree(&base).is_err());
    }

    #[test]
    fn an_interrupted_removal_keeps_the_marker_so_the_next_build_finishes_it() {
        let base = temp();
        let out = base.join("out");
        let leftover = sibling(&out, "qmsite-tmp");
        fs::create_dir_all(leftover.join("pages")).expect("mkdir");
        fs::write(leftover.join(MARKER), MARKER_TEXT).expect("marker");
        for f in ["a.html", "b.html", "pages/c.html"] {
            fs::write(leftover.join(f), b"x").expect("write");
        }
        // Stop after the first entry, as a kill would.
        let mut n = 0;
        let stopped = remove_ours_with(&leftover, &mut |_| {
            n += 1;
            if n > 1 {
                Err(io::Error::other("interrupted"))
            } else {
                Ok(())
            }
        });
        assert!(stopped.is_err());
        assert!(is_ours(&leftover), "the marker went before the rest");
        let s = Staging::begin(&out).expect("the next build removes the leftover");
        s.abort();
        assert!(!leftover.exists());
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn paths_that_climb_out_are_refused() {
        let base = temp();
        let s = Staging::begin(&base.join("out")).expect("begin");
        assert!(s.write("../evil", b"x").is_err());
        assert!(s.write("a//b", b"x").is_err());
        s.abort();
        assert!(!base.join("evil").exists());
        let _ = fs::remove_dir_all(&base);
    }
}
