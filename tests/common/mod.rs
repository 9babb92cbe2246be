//! Helpers shared by the whole-binary tests: copy a fixture site, edit it, run qmsite on it.

#![allow(dead_code)]

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The repository root (also the example site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A fresh copy of `tests/fixtures/<name>` in a temporary folder.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
    dir
}

/// A copy of the example site (qmsite.toml and content/) in a temporary folder.
pub fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(repo().join("qmsite.toml"), dir.path().join("qmsite.toml")).expect("copy config");
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    dir
}

/// Replaces the first occurrence of `from` in a file, failing the test if it is not there.
pub fn edit(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// Runs the qmsite binary.
pub fn qmsite(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qmsite"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run qmsite")
}

/// Runs `qmsite check` on a site with a fixed build date; returns (exit code, stderr).
pub fn check(site: &Path) -> (i32, String) {
    let out = qmsite(&[
        "check",
        "--root",
        &site.to_string_lossy(),
        "--today",
        "2024-11-01",
    ]);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file below a folder with its bytes, keyed by relative path.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            out.insert(rel, fs::read(entry.path()).expect("read"));
        }
    }
    out
}

/// A running `qmsite serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// The port it listens on.
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(site: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qmsite"))
        .args([
            "serve",
            "--port",
            "0",
            "--today",
            "2024-11-01",
            "--root",
            &site.to_string_lossy(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("serve prints its address");
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Server { child, port }
}
