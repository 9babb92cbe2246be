//! The site's git history in the build: a repository with a scripted history (status changes,
//! rating changes, tags, a commit in another time zone) is written with gix, and the timelines,
//! "last changed" dates, "What changed" page and `qmsite diff --rev` are checked against it.

mod common;

use std::fs;
use std::path::Path;

use common::git::{Script, seconds};
use scraper::{Html, Selector};

const REGISTER: &str = "content/improvements/register.toml";
const TODAY: &str = "2024-11-01";

/// The commits of the scripted history, by what they did.
struct History {
    site: tempfile::TempDir,
    script: Script,
    /// 2024-01-10, tagged report-2024q1.
    first: String,
    /// 2024-03-05: I-1 proposed → in progress.
    status: String,
    /// 2024-04-20: A.1 low → mid, clause 10.2 initial → defined, Q1 target 3 → 4.
    ratings: String,
    /// 2024-06-28: I-2 approved → done; tagged report-2024q2.
    closed: String,
    /// 2024-07-01 23:30 at UTC−5 (already 2 July in UTC): I-3 proposed → approved, a narrative
    /// edited; tagged other-1.
    late: String,
}

fn short(id: gix::ObjectId) -> String {
    id.to_hex_with_len(7).to_string()
}

/// The minimal fixture with a history of five commits and three tags.
fn scripted(history_settings: &str) -> History {
    let site = common::fixture("minimal");
    let dir = site.path();
    common::edit(
        dir,
        REGISTER,
        "status = \"in-progress\"",
        "status = \"proposed\"",
    );
    common::edit(dir, REGISTER, "status = \"done\"", "status = \"approved\"");
    common::edit(
        dir,
        "content/assessments/two.toml",
        "level = \"mid\"\nnotes = \"Better.\"",
        "level = \"low\"\nnotes = \"Still low.\"",
    );
    let config = fs::read_to_string(dir.join("qmsite.toml")).expect("config");
    fs::write(
        dir.join("qmsite.toml"),
        format!("{config}\n[history]\n{history_settings}\n"),
    )
    .expect("config");
    let mut script = Script::init(dir);
    let first = short(script.commit("2024-01-10", "The site as first published"));
    script.tag("report-2024q1");
    script.edit(
        REGISTER,
        "status = \"proposed\"",
        "status = \"in-progress\"",
    );
    let status = short(script.commit("2024-03-05", "I-1 started"));
    script.edit(
        "content/assessments/two.toml",
        "level = \"low\"\nnotes = \"Still low.\"",
        "level = \"mid\"\nnotes = \"Better.\"",
    );
    script.edit(
        "content/coverage/iso.toml",
        "level = \"initial\"",
        "level = \"defined\"",
    );
    script.edit(
        "content/qms/qms.toml",
        "target_level = 3",
        "target_level = 4",
    );
    let ratings = short(script.commit("2024-04-20", "Ratings corrected after review"));
    script.edit(REGISTER, "status = \"approved\"", "status = \"done\"");
    let closed = short(script.commit("2024-06-28", "I-2 done"));
    script.tag("report-2024q2");
    // After the second commit only I-3 is still proposed.
    script.edit(REGISTER, "status = \"proposed\"", "status = \"approved\"");
    let method = fs::read_to_string(dir.join("content/pages/method.md")).expect("method");
    script.write(
        "content/pages/method.md",
        &format!("{method}\nA late addition.\n"),
    );
    let late = short(script.commit_at(
        seconds("2024-07-01", 23, 30, -5 * 3600),
        -5 * 3600,
        "I-3 approved",
    ));
    script.tag("other-1");
    History {
        site,
        script,
        first,
        status,
        ratings,
        closed,
        late,
    }
}

/// Builds the site into `out` with `--verbose`; returns standard output.
fn build(site: &Path, out: &Path) -> String {
    let run = common::qmsite(&[
        "build",
        "--root",
        &site.to_string_lossy(),
        "--today",
        TODAY,
        "-o",
        &out.to_string_lossy(),
        "--verbose",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

fn page(out: &Path, path: &str) -> Html {
    Html::parse_document(&fs::read_to_string(out.join(path)).expect(path))
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    let s = Selector::parse(selector).expect("selector");
    html.select(&s)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The "Last changed" date and commit in a page's footer.
fn last_changed(out: &Path, path: &str) -> String {
    let footer = texts(&page(out, path), ".site-footer p").join(" ");
    let at = footer
        .find("Last changed")
        .unwrap_or_else(|| panic!("no last-changed date in {path}: {footer}"));
    let rest = &footer[at..];
    rest[..rest.find(')').map_or(rest.len(), |i| i + 1)].to_owned()
}

#[test]
fn timelines_list_each_status_with_its_commit_date() {
    let h = scripted("tags = \"report-*\"");
    let out = tempfile::tempdir().expect("out");
    let verbose = build(h.site.path(), out.path());
    assert!(verbose.contains("history: 5 commits read"), "{verbose}");
    let plan = page(out.path(), "improvements.html");
    assert_eq!(
        texts(&plan, "#i-1 ol.timeline li"),
        vec![
            format!("Proposed 2024-01-10 {}", h.first),
            format!("In progress 2024-03-05 {}", h.status),
        ]
    );
    assert_eq!(
        texts(&plan, "#i-2 ol.timeline li"),
        vec![
            format!("Approved 2024-01-10 {}", h.first),
            format!("Done 2024-06-28 {}", h.closed),
        ]
    );
    // The commit's own time zone decides its date: 23:30 at UTC−5 is still 1 July.
    assert_eq!(
        texts(&plan, "#i-3 ol.timeline li"),
        vec![
            format!("Proposed 2024-01-10 {}", h.first),
            format!("Approved 2024-07-01 {}", h.late),
        ]
    );
    // The register shows each timeline in one cell.
    let rows = texts(&plan, "#register tbody tr");
    let i2 = rows.iter().find(|r| r.starts_with("I-2")).expect("I-2 row");
    assert!(
        i2.ends_with("Approved 2024-01-10 → Done 2024-06-28"),
        "{i2}"
    );
}

#[test]
fn every_page_is_dated_by_the_last_commit_that_touched_its_sources() {
    let h = scripted("tags = \"report-*\"");
    let out = tempfile::tempdir().expect("out");
    build(h.site.path(), out.path());
    let o = out.path();
    for (path, date, commit) in [
        ("assessments/two.html", "2024-04-20", &h.ratings),
        ("assessments/one.html", "2024-01-10", &h.first),
        ("pages/summary.html", "2024-01-10", &h.first),
        ("pages/method.html", "2024-07-01", &h.late),
        ("improvements.html", "2024-07-01", &h.late),
        ("iso20000.html", "2024-07-01", &h.late),
        ("benchmark.html", "2024-04-20", &h.ratings),
        ("index.html", "2024-07-01", &h.late),
        ("frameworks/inno.html", "2024-01-10", &h.first),
    ] {
        assert_eq!(
            last_changed(o, path),
            format!("Last changed {date} (commit {commit})"),
            "{path}"
        );
    }
}

#[test]
fn what_changed_compares_the_two_latest_report_tags_in_words() {
    let h = scripted("tags = \"report-*\"");
    let out = tempfile::tempdir().expect("out");
    build(h.site.path(), out.path());
    let changes = page(out.path(), "changes.html");
    let lead = texts(&changes, ".lead").join(" ");
    assert_eq!(
        lead,
        format!(
            "Between the published reports report-2024q1 ({}, 2024-01-10) and report-2024q2 ({}, 2024-06-28).",
            h.first, h.closed
        )
    );
    let summary = texts(&changes, "#changes-summary + ul li");
    assert_eq!(summary.len(), 1, "{summary:?}");
    assert!(summary[0].starts_with("The index rose from"), "{summary:?}");
    assert_eq!(
        texts(&changes, "section[aria-labelledby=changes-ratings] li"),
        vec!["A.1 First rose from Low to Mid (+40.0 pts).".to_owned()]
    );
    assert_eq!(
        texts(&changes, "section[aria-labelledby=changes-actions] li"),
        vec![
            "I-1 Opportunity review moved from Proposed to In progress.".to_owned(),
            "I-2 Shrink manual was closed: Approved → Done.".to_owned(),
        ]
    );
    assert_eq!(
        texts(&changes, "section[aria-labelledby=changes-clauses] li"),
        vec!["10.2 Continual improvement is now Defined, not consistent (was Initial).".to_owned()]
    );
    assert_eq!(
        texts(&changes, "section[aria-labelledby=changes-qms] li"),
        vec!["Q1 Policy: target level 3 → 4.".to_owned()]
    );
    // The page is in the menu, and the actions link to their cards.
    let menu = texts(&page(out.path(), "index.html"), "nav.nav li");
    assert!(menu.contains(&"What changed".to_owned()), "{menu:?}");
    let html = fs::read_to_string(out.path().join("changes.html")).expect("changes");
    assert!(html.contains("href=\"improvements.html#i-2\""));
}

#[test]
fn without_a_matching_tag_what_changed_covers_the_last_commits() {
    let h = scripted("commits = 2");
    let out = tempfile::tempdir().expect("out");
    build(h.site.path(), out.path());
    let changes = page(out.path(), "changes.html");
    let lead = texts(&changes, ".lead").join(" ");
    assert!(
        lead.starts_with(&format!(
            "Over the last 2 commits, from HEAD~2 ({}",
            h.ratings
        )),
        "{lead}"
    );
    assert_eq!(
        texts(&changes, "section[aria-labelledby=changes-actions] li"),
        vec![
            "I-2 Shrink manual was closed: Approved → Done.".to_owned(),
            "I-3 Faster incidents moved from Proposed to Approved.".to_owned(),
        ]
    );
    assert!(texts(&changes, "section[aria-labelledby=changes-ratings] li").is_empty());
    // One tag matching: since that report, up to the latest commit.
    let h = scripted("tags = \"other-*\"");
    let out = tempfile::tempdir().expect("out");
    build(h.site.path(), out.path());
    let lead = texts(&page(out.path(), "changes.html"), ".lead").join(" ");
    assert!(
        lead.starts_with("Since the published report other-1"),
        "{lead}"
    );
}

#[test]
fn uncommitted_changes_end_the_timeline_without_a_date_and_move_no_date() {
    let h = scripted("tags = \"report-*\"");
    // After the last commit only I-3 is approved.
    common::edit(
        h.site.path(),
        REGISTER,
        "status = \"approved\"",
        "status = \"done\"",
    );
    let out = tempfile::tempdir().expect("out");
    build(h.site.path(), out.path());
    let plan = page(out.path(), "improvements.html");
    let steps = texts(&plan, "#i-3 ol.timeline li");
    assert_eq!(
        steps.last().map(String::as_str),
        Some("Done not yet committed")
    );
    assert_eq!(
        texts(&plan, "#i-3 ol.timeline li.timeline-uncommitted").len(),
        1
    );
    assert_eq!(
        last_changed(out.path(), "improvements.html"),
        format!("Last changed 2024-07-01 (commit {})", h.late)
    );
}

#[test]
fn builds_of_the_same_commits_are_byte_identical() {
    let h = scripted("tags = \"report-*\"");
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    build(h.site.path(), a.path());
    build(h.site.path(), b.path());
    let (x, y) = (common::snapshot(a.path()), common::snapshot(b.path()));
    assert!(x.contains_key("changes.html") && x.contains_key("compare/one/two.html"));
    assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
    for (path, bytes) in &x {
        assert!(y[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn a_shallow_clone_gives_what_it_holds_and_says_from_when() {
    let h = scripted("tags = \"report-*\"");
    // A shallow clone lists the commits whose parents it lacks; gix reads the same file.
    let full = h
        .script
        .repo
        .rev_parse_single("HEAD~2")
        .expect("HEAD~2")
        .to_string();
    assert!(full.starts_with(&h.ratings));
    fs::write(h.site.path().join(".git/shallow"), format!("{full}\n")).expect("shallow");
    let out = tempfile::tempdir().expect("out");
    let verbose = build(h.site.path(), out.path());
    assert!(verbose.contains("history: 3 commits read"), "{verbose}");
    assert!(
        verbose.contains("the clone is shallow: its history starts on 2024-04-20"),
        "{verbose}"
    );
    let plan = page(out.path(), "improvements.html");
    assert_eq!(
        texts(&plan, "#i-1 ol.timeline li"),
        vec![format!(
            "In progress 2024-04-20 in the oldest commit held, {}",
            h.ratings
        )]
    );
    assert_eq!(
        last_changed(out.path(), "pages/summary.html"),
        format!("Last changed 2024-04-20 (commit {})", h.ratings)
    );
    let footer = texts(&plan, ".site-footer p").join(" ");
    assert!(footer.contains("shallow clone"), "{footer}");
    assert!(footer.contains("It starts on 2024-04-20."), "{footer}");
}

#[test]
fn diff_between_two_revisions_lists_every_kind_of_change() {
    let h = scripted("tags = \"report-*\"");
    let run = common::qmsite(&[
        "diff",
        "--root",
        &h.site.path().to_string_lossy(),
        "--today",
        TODAY,
        "--rev",
        "report-2024q1",
        "--rev",
        "report-2024q2",
        "--format",
        "json",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    assert_eq!(v["old"]["revision"]["commit"], h.first.as_str());
    assert_eq!(v["new"]["revision"]["date"], "2024-06-28");
    let events: Vec<(String, String)> = v["improvements"]
        .as_array()
        .expect("improvements")
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap_or("").to_owned(),
                i["event"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        events,
        vec![
            ("I-1".to_owned(), "status-changed".to_owned()),
            ("I-2".to_owned(), "closed".to_owned())
        ]
    );
    assert_eq!(v["dimensions"][0]["id"], "A.1");
    assert_eq!(v["dimensions"][0]["old_notes"], "Still low.");
    assert_eq!(v["coverage"][0]["number"], "10.2");
    assert_eq!(v["coverage"][0]["new"], "defined");
    assert_eq!(v["qms"][0]["new"]["target"], 4);
    // A revision that names nothing is refused with what was expected.
    let run = common::qmsite(&[
        "diff",
        "--root",
        &h.site.path().to_string_lossy(),
        "--rev",
        "report-2023",
        "--rev",
        "HEAD",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("\"report-2023\" names no commit") && err.contains("expected a tag"),
        "{err}"
    );
}

#[test]
fn outside_git_the_history_is_absent_and_verbose_says_so_once() {
    let site = common::fixture("minimal");
    let out = tempfile::tempdir().expect("out");
    let verbose = build(site.path(), out.path());
    assert_eq!(
        verbose.matches("is not in a git repository").count(),
        1,
        "{verbose}"
    );
    assert!(!out.path().join("changes.html").exists());
    let html = fs::read_to_string(out.path().join("improvements.html")).expect("plan");
    assert!(!html.contains("Last changed") && !html.contains("timeline"));
    // Consecutive assessments are still compared, from the files alone.
    assert!(out.path().join("compare/one/two.html").exists());
    let run = common::qmsite(&[
        "diff",
        "--root",
        &site.path().to_string_lossy(),
        "--rev",
        "HEAD~1",
        "--rev",
        "HEAD",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("is not in a git repository; --rev needs"),
        "{err}"
    );
}

#[test]
fn translations_in_the_history_are_read_as_translations_not_as_content() {
    let h = scripted("commits = 2");
    let dir = h.site.path();
    let mut script = h.script;
    let config = fs::read_to_string(dir.join("qmsite.toml")).expect("config");
    script.write("qmsite.toml", &format!("languages = [\"cs\"]\n{config}"));
    script.write(
        "content/pages/method.cs.md",
        "+++\ntitle = \"Metoda\"\n+++\n## Metoda\n\nPřeklad.\n",
    );
    script.write(
        "content/improvements/register.cs.toml",
        "[[improvement]]\nid = \"I-1\"\ntitle = \"Přezkum příležitostí\"\n",
    );
    script.commit("2024-07-02", "Czech edition");
    script.edit(REGISTER, "status = \"approved\"", "status = \"done\"");
    script.commit("2024-07-03", "I-3 done");
    let out = tempfile::tempdir().expect("out");
    let said = build(dir, out.path());
    assert!(!said.contains("as committed has"), "{said}");
    let changes = page(out.path(), "changes.html");
    assert!(
        texts(&changes, "section[aria-labelledby=changes-actions] li")
            .iter()
            .any(|l| l.starts_with("I-3")),
        "{:?}",
        texts(&changes, "main")
    );
    assert!(out.path().join("cs/changes.html").is_file());
}
