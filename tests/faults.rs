//! Faults around the build: a build killed at any moment, a read-only or full output location,
//! and what a build may touch on disk.
//!
//! The kill test repeats `FAULT_KILLS` times (default 24) across the duration of a build of a
//! generated site larger than the example; set `FAULT_SEED` to replay a run.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-24";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_qmsite")
}

/// The example site plus 20 more assessments and 120 more narrative pages: big enough that a
/// build takes a while, so kills land in every stage.
fn large_site(root: &Path) {
    fs::copy(common::repo().join("qmsite.toml"), root.join("qmsite.toml")).expect("config");
    common::copy_dir(&common::repo().join("content"), &root.join("content"));
    let assessment = fs::read_to_string(root.join("content/assessments/2026-reassessment.toml"))
        .expect("assessment");
    for k in 0..20 {
        let text = assessment
            .replacen("id = \"2026\"", &format!("id = \"gen-{k}\""), 1)
            .replacen(
                "date = 2026-03-27",
                &format!("date = {}-01-15", 1980 + k),
                1,
            )
            .replacen(
                "title = \"Reassessment 2026\"",
                &format!("title = \"Generated {k}\""),
                1,
            );
        fs::write(root.join(format!("content/assessments/gen-{k}.toml")), text).expect("write");
    }
    let findings = fs::read_to_string(root.join("content/pages/findings.md")).expect("page");
    for k in 0..120 {
        fs::write(root.join(format!("content/pages/gen-{k}.md")), &findings).expect("write");
    }
}

fn set_title(root: &Path, title: &str) {
    let path = root.join("qmsite.toml");
    let text = fs::read_to_string(&path).expect("config");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("title = "))
        .expect("title line");
    lines[i] = format!("title = \"{title}\"");
    fs::write(path, lines.join("\n") + "\n").expect("write");
}

fn build_cmd(site: &Path, out: &Path) -> Command {
    let mut c = Command::new(bin());
    c.args([
        "build",
        "--root",
        &site.to_string_lossy(),
        "--today",
        TODAY,
        "-q",
        "-o",
        &out.to_string_lossy(),
    ]);
    c
}

fn build_ok(site: &Path, out: &Path) {
    let o = build_cmd(site, out).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Names in a folder.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A small pseudo-random sequence (xorshift), enough to spread kills over a build.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_whole() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    fs::create_dir_all(&site).expect("mkdir");
    large_site(&site);
    let content_before = common::snapshot(&site.join("content"));

    // A first build fills the cache of drawn charts, so the builds timed and killed below all
    // reuse it (a cold build takes several times as long, and would spread the kills too far).
    let warm = tmp.path().join("warm");
    build_ok(&site, &warm);
    fs::remove_dir_all(&warm).expect("rm");

    // Two versions that differ on every page; reference outputs of each.
    let mut snaps: Vec<BTreeMap<String, Vec<u8>>> = Vec::new();
    // The shorter of the two: a build slowed by other work on the machine would spread the
    // kills past the end of the builds below.
    let mut duration = Duration::MAX;
    for (v, title) in ["Version A", "Version B"].iter().enumerate() {
        set_title(&site, title);
        let reference = tmp.path().join(format!("ref-{v}"));
        let started = Instant::now();
        build_ok(&site, &reference);
        duration = duration.min(started.elapsed());
        snaps.push(common::snapshot(&reference));
        fs::remove_dir_all(&reference).expect("rm");
    }
    assert_ne!(snaps[0], snaps[1]);
    set_title(&site, "Version A");
    build_ok(&site, &out);
    assert_eq!(common::snapshot(&out), snaps[0]);

    let kills: usize = std::env::var("FAULT_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    let seed: u64 = std::env::var("FAULT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    println!("build takes {duration:?}; {kills} kills, FAULT_SEED={seed}");
    let mut rng = Rng(seed);
    let allowed = ["site", "out", ".out.qmsite-tmp", ".out.qmsite-old"];
    let (mut current, mut before_swap, mut after_swap, mut finished) = (0usize, 0, 0, 0);
    for n in 0..kills {
        let target = 1 - current;
        set_title(
            &site,
            if target == 0 {
                "Version A"
            } else {
                "Version B"
            },
        );
        // Spread the kill moments evenly over one and a half builds, with a random offset in
        // each slot, so the last kills land around the swap and the clean-up after it.
        let slot = duration.as_micros() as u64 * 3 / 2 / kills as u64;
        let delay = Duration::from_micros(slot * n as u64 + rng.next() % slot.max(1));
        let mut child = build_cmd(&site, &out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().expect("wait");
        if status.success() {
            finished += 1;
        }
        let now = common::snapshot(&out);
        if now == snaps[current] {
            before_swap += 1;
        } else if now == snaps[target] {
            after_swap += 1;
            current = target;
        } else {
            panic!(
                "kill {n} after {delay:?} (FAULT_SEED={seed}) left an output that is neither the previous nor the new one"
            );
        }
        let extra: Vec<String> = names(tmp.path())
            .into_iter()
            .filter(|n| !allowed.contains(&n.as_str()))
            .collect();
        assert!(
            extra.is_empty(),
            "kill {n} left {extra:?} beside the output"
        );
    }
    println!(
        "kills: {before_swap} left the previous output, {after_swap} the new one ({finished} builds had finished)"
    );
    assert!(
        before_swap >= kills / 3,
        "too few kills landed during a build ({before_swap} of {kills}); is the site large enough?"
    );
    // The next build succeeds and cleans up whatever a kill left.
    set_title(&site, "Version B");
    build_ok(&site, &out);
    assert_eq!(common::snapshot(&out), snaps[1]);
    let extra: Vec<String> = names(tmp.path())
        .into_iter()
        .filter(|n| n != "site" && n != "out")
        .collect();
    assert!(
        extra.is_empty(),
        "left behind after a clean build: {extra:?}"
    );
    assert_eq!(common::snapshot(&site.join("content")), content_before);
}

/// Every file under a folder with its bytes, and every folder, except the output and its
/// temporary siblings, and the cache folder of the site (`site/.qmsite-cache`, checked apart).
fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let skip = ["out", ".out.qmsite-tmp", ".out.qmsite-old"];
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !(e.depth() == 1 && skip.contains(&name.as_ref())
                || e.depth() == 2 && name == ".qmsite-cache")
        });
    for entry in walker {
        let entry = entry.expect("walk");
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("prefix")
            .to_string_lossy()
            .into_owned();
        let data = entry
            .file_type()
            .is_file()
            .then(|| fs::read(entry.path()).expect("read"));
        out.insert(rel, data);
    }
    out
}

#[test]
fn a_build_writes_nothing_outside_its_output_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("site");
    let home = tmp.path().join("home");
    let out = tmp.path().join("out");
    common::copy_dir(&common::repo().join("tests/fixtures/minimal"), &site);
    fs::create_dir_all(&home).expect("home");
    fs::write(home.join("notes.txt"), "mine").expect("write");
    let run = |expect_ok: bool| {
        let o = build_cmd(&site, &out)
            .env("HOME", &home)
            .env("TMPDIR", home.join("no-such-tmp"))
            .output()
            .expect("run");
        assert_eq!(
            o.status.success(),
            expect_ok,
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let before = tree(tmp.path());
    run(true); // first build: creates the output
    assert_eq!(
        tree(tmp.path()),
        before,
        "a first build wrote outside its output"
    );
    run(true); // second build: replaces it
    assert_eq!(
        tree(tmp.path()),
        before,
        "a rebuild wrote outside its output"
    );
    let first = common::snapshot(&out);
    // A failing build (a broken link in a narrative) writes nothing at all.
    let page = site.join("content/pages/method.md");
    let text = fs::read_to_string(&page).expect("page");
    fs::write(&page, format!("{text}\n[gone](gone.md)\n")).expect("write");
    let before = tree(tmp.path());
    run(false);
    assert_eq!(
        tree(tmp.path()),
        before,
        "a failed build wrote outside its output"
    );
    assert_eq!(
        common::snapshot(&out),
        first,
        "a failed build changed the output"
    );
    assert_eq!(names(tmp.path()), ["home", "out", "site"]);
    // The cache folder holds drawn charts and nothing else.
    let cached = names(&site.join(".qmsite-cache/svg"));
    assert!(!cached.is_empty());
    assert!(cached.iter().all(|n| n.ends_with(".svg")), "{cached:?}");
    assert_eq!(names(&site.join(".qmsite-cache")), ["svg"]);
}

/// Runs a shell script in a private mount namespace (as root, with `unshare -m`), so a small
/// tmpfs can be mounted for one test without touching the machine's mounts.
fn in_mount_namespace(script: &str, vars: &[(&str, &Path)]) -> std::process::Output {
    let unshare = ["/usr/bin/unshare", "/bin/unshare"]
        .into_iter()
        .find(|p| Path::new(p).is_file())
        .expect("unshare (util-linux) is needed to mount a small file system for this test");
    let mut c = Command::new(unshare);
    c.args([
        "--mount",
        "--propagation",
        "private",
        "bash",
        "-euc",
        script,
    ]);
    for (k, v) in vars {
        c.env(k, v);
    }
    let o = c.output().expect("run unshare");
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("unshare failed"),
        "cannot make a mount namespace (this test needs root with CAP_SYS_ADMIN): {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Builds the minimal site onto a small tmpfs, then breaks the file system (remount read-only, or
/// fill it) and builds again. Returns (exit code, messages, listing before, listing after).
fn build_on_broken_fs(breakage: &str) -> (i32, String, String, String) {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("site");
    common::copy_dir(&common::repo().join("tests/fixtures/minimal"), &site);
    // Size the file system so that one output fits and a second copy beside it does not.
    let probe = tmp.path().join("probe");
    build_ok(&site, &probe);
    let size: u64 = common::snapshot(&probe)
        .values()
        .map(|v| v.len() as u64)
        .sum();
    let kib = size * 3 / 2 / 1024 + 64;
    let mnt = tmp.path().join("mnt");
    fs::create_dir_all(&mnt).expect("mnt");
    let work = tmp.path().join("work");
    fs::create_dir_all(&work).expect("work");
    let bin = PathBuf::from(bin());
    let script = format!(
        r#"
mount -t tmpfs -o size={kib}k tmpfs "$MNT"
build() {{ "$BIN" build --root "$SITE" --today {TODAY} -q -o "$MNT/out"; }}
list() {{ (cd "$MNT/out" && find . -type f | sort | xargs sha256sum); }}
build
list > "$WORK/before.txt"
{breakage}
set +e
build 2> "$WORK/stderr.txt"
echo $? > "$WORK/code.txt"
set -e
list > "$WORK/after.txt"
ls -a "$MNT" >> "$WORK/after.txt"
"#
    );
    let o = in_mount_namespace(
        &script,
        &[
            ("MNT", &mnt),
            ("SITE", &site),
            ("WORK", &work),
            ("BIN", &bin),
        ],
    );
    assert!(
        o.status.success(),
        "the script failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let read = |f: &str| fs::read_to_string(work.join(f)).expect("result file");
    let code: i32 = read("code.txt").trim().parse().expect("code");
    (
        code,
        read("stderr.txt"),
        read("before.txt"),
        read("after.txt"),
    )
}

#[test]
fn a_read_only_output_location_gives_a_clear_error_and_keeps_the_output() {
    let (code, stderr, before, after) = build_on_broken_fs(r#"mount -o remount,ro "$MNT""#);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("the file system is read-only"), "{stderr}");
    assert!(stderr.contains("= expected: an output folder"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        after.starts_with(&before),
        "the output changed:\n{before}\n---\n{after}"
    );
}

#[test]
fn a_full_disk_gives_a_clear_error_and_keeps_the_output() {
    // Every page changes (the site title is on each), so the second build must write them all
    // anew; unchanged files would be linked from the first output, needing no room. The rest
    // of the file system is then filled.
    let (code, stderr, before, after) = build_on_broken_fs(
        r#"sed -i 's/^title = .*/title = "Minimal site, second edition"/' "$SITE/qmsite.toml"
dd if=/dev/zero of="$MNT/filler" bs=4096 2>/dev/null || true"#,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("the disk is full"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        after.starts_with(&before),
        "the output changed:\n{before}\n---\n{after}"
    );
    // The unfinished copy was removed: only the output and the filler are left.
    let listing: Vec<&str> = after[before.len()..].lines().collect();
    assert_eq!(listing, [".", "..", "filler", "out"], "{after}");
}
