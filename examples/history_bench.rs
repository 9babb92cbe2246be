//! Times reading a site's git history: a copy of the example site is committed 1,000 times (by
//! gix, no git program), every commit touching content — an improvement's status, a rating, a
//! clause's coverage or a narrative, in turn — with a `report-*` tag every 100 commits; then the
//! history a build reads (the walk, every status timeline, every file's last change, and "What
//! changed" between the two latest tags, which checks and computes the site as both tags hold
//! it) is read `runs` times.
//!
//! ```sh
//! cargo build --release --example history_bench
//! target/release/examples/history_bench /tmp/history-site 1000 7
//! ```
//!
//! Prints the time to write the repository, each read, and the median; asserts only that the
//! history holds what was committed.

#[path = "../tests/common/git.rs"]
mod git;

use std::path::{Path, PathBuf};
use std::time::Instant;

const STATUSES: [&str; 4] = ["proposed", "approved", "in-progress", "done"];
const LEVELS: [&str; 3] = ["repeatable", "defined", "managed"];
const COVERAGE: [&str; 3] = ["initial", "defined", "conforming"];

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Replaces the value of the `n`-th line starting with `key = ` (counting round) with `value`.
fn set_nth(text: &str, key: &str, n: usize, value: &str) -> String {
    let prefix = format!("{key} = ");
    let count = text
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .count()
        .max(1);
    let target = n % count;
    let mut seen = 0;
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.lines() {
        if line.starts_with(&prefix) {
            if seen == target {
                out.push_str(&format!("{prefix}\"{value}\"\n"));
                seen += 1;
                continue;
            }
            seen += 1;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Writes the site and its history; returns the site folder.
fn write_history(dir: &Path, commits: usize) -> PathBuf {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("site folder");
    let config = std::fs::read_to_string(repo.join("qmsite.toml")).expect("config");
    std::fs::write(
        dir.join("qmsite.toml"),
        format!("{config}\n[history]\ntags = \"report-*\"\n"),
    )
    .expect("config");
    copy_dir(&repo.join("content"), &dir.join("content"));
    let mut script = git::Script::init(dir);
    let start = git::seconds("2023-01-02", 9, 0, 0);
    script.commit_at(start, 3600, "The example site");
    let files = [
        "content/improvements/register.toml",
        "content/assessments/2026-reassessment.toml",
        "content/coverage/iso20000.toml",
        "content/pages/findings.md",
    ];
    for n in 1..commits {
        let file = files[n % files.len()];
        let text = std::fs::read_to_string(dir.join(file)).expect("read");
        let step = n / files.len();
        let new = match n % files.len() {
            0 => set_nth(&text, "status", step * 7, STATUSES[step % STATUSES.len()]),
            1 => set_nth(&text, "level", step * 5, LEVELS[step % LEVELS.len()]),
            2 => set_nth(&text, "level", step * 3, COVERAGE[step % COVERAGE.len()]),
            _ => format!("{text}\nA note added in commit {n}.\n"),
        };
        script.write(file, &new);
        script.commit_at(start + n as i64 * 6 * 3600, 3600, &format!("Change {n}"));
        if n % 100 == 0 {
            script.tag(&format!("report-{:04}", n / 100));
        }
    }
    dir.to_path_buf()
}

fn median(mut v: Vec<u128>) -> u128 {
    v.sort_unstable();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(
        args.get(1)
            .map_or("/tmp/qmsite-history-bench", String::as_str),
    );
    let commits: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let runs: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(7);
    let t = Instant::now();
    let site_dir = write_history(&dir, commits);
    println!(
        "wrote {commits} commits touching content in {} ms",
        t.elapsed().as_millis()
    );
    let today = jiff::civil::date(2026, 11, 24);
    let mut diags = qmsite::diagnostics::Diagnostics::new();
    let raw = qmsite::content::load_site(&site_dir, &mut diags).expect("the site loads");
    let site = qmsite::validate::validate(&raw, today, &mut diags).expect("the site checks");
    let mut times = Vec::new();
    for run in 1..=runs {
        let t = Instant::now();
        let outcome = qmsite::history::read(&site, today);
        let ms = t.elapsed().as_millis();
        let history = outcome.history.expect("a history");
        let changes = history.changes.as_ref().expect("What changed");
        assert!(changes.comparison.is_some(), "{:?}", changes.problem);
        assert!(history.timelines.len() >= 20 && history.files.len() >= 10);
        println!(
            "read {run}: {ms} ms ({}; {} timelines, {} files dated, What changed {} → {})",
            outcome.notes.first().map_or("", String::as_str),
            history.timelines.len(),
            history.files.len(),
            changes.from.name,
            changes.to.name
        );
        times.push(ms);
    }
    println!(
        "history of {commits} commits: median {} ms of {runs} reads (target: under 1000)",
        median(times)
    );
}
