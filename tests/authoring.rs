//! The authoring workflow: `init`, `serve` with live reload, `new assessment`, `new improvement`
//! and the JSON Schemas editors use.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{check, fixture, qmsite, serve};

#[test]
fn init_creates_a_site_that_builds_at_once_and_checks_without_a_warning() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("new-site");
    let root = site.to_string_lossy().into_owned();
    let o = qmsite(&["init", &root]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("qmsite new assessment"),
        "init says what to do next"
    );
    for file in [
        "qmsite.toml",
        "content/frameworks/framework.toml",
        "content/improvements/register.toml",
        "content/coverage/iso20000.toml",
        "content/qms/components.toml",
        "content/pages/executive-summary.md",
        "schemas/assessment.json",
        ".gitignore",
    ] {
        assert!(site.join(file).is_file(), "{file} missing");
    }
    // Every clause is listed as not addressed, so nothing warns of clauses left out.
    let coverage = fs::read_to_string(site.join("content/coverage/iso20000.toml")).expect("read");
    assert_eq!(
        coverage.matches("level = \"not-addressed\"").count(),
        qmsite::iso::counted_clauses().count()
    );
    // A fresh site passes the strictest check.
    let o = qmsite(&[
        "check",
        "--root",
        &root,
        "--today",
        "2026-11-24",
        "--deny-warnings",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("0 errors, 0 warnings."));

    // The first assessment lists every dimension, unrated, and points at its schema.
    let o = qmsite(&[
        "new",
        "assessment",
        "--root",
        &root,
        "--today",
        "2026-11-24",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(site.join("content/assessments/2026.toml")).expect("read");
    assert!(
        text.starts_with("#:schema ../../schemas/assessment.json\n"),
        "{text}"
    );
    assert_eq!(text.matches("[[rating]]").count(), 48);
    assert!(
        !text.lines().any(|l| l.starts_with("level =")),
        "nothing is rated yet"
    );
    // The coverage file names the 45 counted clauses, the level the roll-up rule counts, and
    // neither the headings above them nor the parts below them.
    let coverage = fs::read_to_string(site.join("content/coverage/iso20000.toml")).expect("read");
    let numbers: std::collections::BTreeSet<&str> = coverage
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|n| n.trim_end_matches('.'))
        .collect();
    for c in qmsite::iso::CLAUSES
        .iter()
        .filter(|c| c.number.contains('.'))
    {
        assert_eq!(numbers.contains(c.number), c.counted, "{}", c.number);
    }

    // Running it again does not make a second, empty copy of the first.
    let o = qmsite(&[
        "new",
        "assessment",
        "--root",
        &root,
        "--today",
        "2026-11-24",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("assessment \"2026\"") && err.contains("has no ratings yet"),
        "{err}"
    );
    assert!(!site.join("content/assessments/2026-2.toml").exists());

    let o = qmsite(&["build", "--root", &root, "--today", "2026-11-24"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(site.join("output/index.html").is_file());
}

#[test]
fn init_accepts_a_folder_that_holds_only_hidden_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::create_dir(tmp.path().join(".git")).expect("mkdir");
    fs::write(tmp.path().join(".git/HEAD"), "ref: refs/heads/main\n").expect("write");
    fs::write(tmp.path().join(".gitignore"), "*.log").expect("write");
    let o = qmsite(&["init", &tmp.path().to_string_lossy()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(tmp.path().join("qmsite.toml").is_file());
    assert_eq!(
        fs::read_to_string(tmp.path().join(".gitignore")).expect("read"),
        "*.log\n/output\n",
        "the existing .gitignore is kept and extended"
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join(".git/HEAD")).expect("read"),
        "ref: refs/heads/main\n"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_never_overwrites_without_force() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::write(tmp.path().join("qmsite.toml"), "mine").expect("write");
    let o = qmsite(&["init", &tmp.path().to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not empty"));
    assert_eq!(
        fs::read_to_string(tmp.path().join("qmsite.toml")).expect("read"),
        "mine"
    );
    assert!(!tmp.path().join("content").exists(), "nothing was written");

    let o = qmsite(&["init", "--force", &tmp.path().to_string_lossy()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_ne!(
        fs::read_to_string(tmp.path().join("qmsite.toml")).expect("read"),
        "mine"
    );
}

#[test]
fn new_assessment_lists_every_dimension_with_the_previous_ratings_as_comments() {
    let site = fixture("minimal");
    let root = site.path().to_string_lossy().into_owned();
    let o = qmsite(&[
        "new",
        "assessment",
        "--root",
        &root,
        "--today",
        "2026-05-02",
        "--date",
        "2026-05-01",
        "--from",
        "two",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text =
        fs::read_to_string(site.path().join("content/assessments/2026.toml")).expect("new file");
    assert!(text.contains("framework = \"mini\""));
    assert!(text.contains("date = 2026-05-01"));
    assert_eq!(text.matches("[[rating]]").count(), 3);
    assert!(text.contains("# was: \"high\""), "{text}");
    assert!(text.contains("# was: Better."), "{text}");
    let (code, err) = check(site.path());
    assert_eq!(code, 0, "{err}");

    // The one just written has no ratings yet: a second one the same year is refused, unless
    // it is given an id of its own; then its title says its date. An unknown --from writes
    // nothing.
    let o = qmsite(&[
        "new",
        "assessment",
        "--root",
        &root,
        "--today",
        "2026-06-02",
        "--date",
        "2026-06-01",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("has no ratings yet"));
    let o = qmsite(&[
        "new",
        "assessment",
        "--root",
        &root,
        "--today",
        "2026-06-02",
        "--date",
        "2026-06-01",
        "--id",
        "2026-finance",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(site.path().join("content/assessments/2026-finance.toml"))
        .expect("second file");
    assert!(text.contains("title = \"Assessment 2026-06-01\""), "{text}");
    // The id of an existing file is refused with an option that exists.
    let o = qmsite(&[
        "new",
        "assessment",
        "--root",
        &root,
        "--today",
        "2026-06-02",
        "--id",
        "2026-finance",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("choose another id with --id") && !err.contains("--force"),
        "{err}"
    );
    let o = qmsite(&[
        "new",
        "assessment",
        "--root",
        &root,
        "--today",
        "2026-06-02",
        "--date",
        "2027-01-01",
        "--from",
        "nope",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown assessment \"nope\""));
    assert!(!site.path().join("content/assessments/2027.toml").exists());
}

#[test]
fn new_improvement_appends_the_next_id_and_keeps_the_register() {
    let site = fixture("minimal");
    let register = site.path().join("content/improvements/register.toml");
    let before = fs::read_to_string(&register).expect("read");
    let o = qmsite(&[
        "new",
        "improvement",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        "2024-11-01",
        "Shorter change lead time",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Added I-4"));
    let after = fs::read_to_string(&register).expect("read");
    assert!(
        after.starts_with(&before),
        "existing entries are kept byte for byte"
    );
    assert!(
        after.contains("id = \"I-4\"\ntitle = \"Shorter change lead time\""),
        "{after}"
    );
    let (code, err) = check(site.path());
    assert_eq!(code, 0, "{err}");
}

/// A raw HTTP/1.0 GET, so that paths reach the server exactly as written.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").expect("send");
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Listens to the live-reload event stream; events arrive on the returned channel.
fn events(port: u16) -> mpsc::Receiver<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET /__qmsite/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .expect("send");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(event) = line.strip_prefix("event: ") {
                let _ = tx.send(event.to_owned());
            }
        }
    });
    // Let the subscription register before anything changes.
    std::thread::sleep(Duration::from_millis(300));
    rx
}

#[test]
fn serve_reloads_after_an_edit_and_keeps_the_last_good_site_on_errors() {
    let site = fixture("minimal");
    let server = serve(site.path());
    let (status, home) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("Minimal site") && home.contains("/__qmsite/live.js"),
        "{home}"
    );

    let stream = events(server.port);
    let started = Instant::now();
    common::edit(
        site.path(),
        "content/pages/method.md",
        "Interviews.",
        "Interviews and a site visit.",
    );
    let event = stream
        .recv_timeout(Duration::from_secs(2))
        .expect("a reload event within two seconds");
    assert_eq!(event, "reload");
    let (_, page) = get(server.port, "/pages/method.html");
    assert!(page.contains("Interviews and a site visit."), "{page}");
    eprintln!("edit to reload: {} ms", started.elapsed().as_millis());
    // The full report shows the method too, and is served with the edit.
    let (_, report) = get(server.port, "/report.html");
    assert!(report.contains("Interviews and a site visit."), "{report}");
    assert!(!report.contains("<p>Interviews.</p>"), "{report}");
    // The search index finds the new words soon after.
    let mut indexed = false;
    for _ in 0..40 {
        if get(server.port, "/search-index.js")
            .1
            .contains("site visit")
        {
            indexed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(indexed, "the search index does not hold the edit");

    // A broken edit: the browser is told about the problem, the last good site stays.
    common::edit(
        site.path(),
        "content/assessments/two.toml",
        "level = \"high\"",
        "level = \"top\"",
    );
    let event = stream
        .recv_timeout(Duration::from_secs(3))
        .expect("a problem event");
    assert_eq!(event, "problem");
    let (status, home_again) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(home_again.contains("Minimal site"));

    // Fixed again: a reload.
    common::edit(
        site.path(),
        "content/assessments/two.toml",
        "level = \"top\"",
        "level = \"high\"",
    );
    assert_eq!(
        stream.recv_timeout(Duration::from_secs(3)).expect("reload"),
        "reload"
    );
}

#[test]
fn serve_checks_the_links_of_an_edited_narrative_and_the_links_to_it() {
    let site = fixture("minimal");
    let server = serve(site.path());
    let stream = events(server.port);

    // A broken link written into a narrative is reported, not served.
    common::edit(
        site.path(),
        "content/pages/method.md",
        "Interviews.",
        "Interviews, see [notes](missing.md).",
    );
    assert_eq!(
        stream.recv_timeout(Duration::from_secs(3)).expect("event"),
        "problem"
    );
    let (_, page) = get(server.port, "/pages/method.html");
    assert!(!page.contains("missing.html"), "{page}");
    common::edit(
        site.path(),
        "content/pages/method.md",
        "[notes](missing.md)",
        "[where we stand](summary.md#where-we-stand)",
    );
    assert_eq!(
        stream.recv_timeout(Duration::from_secs(3)).expect("event"),
        "reload"
    );
    let (_, page) = get(server.port, "/pages/method.html");
    assert!(page.contains("summary.html#where-we-stand"), "{page}");

    // Renaming the heading that link points to breaks it from another page: still reported.
    common::edit(
        site.path(),
        "content/pages/summary.md",
        "## Where we stand",
        "## Our position",
    );
    assert_eq!(
        stream.recv_timeout(Duration::from_secs(3)).expect("event"),
        "problem"
    );
    let (_, page) = get(server.port, "/pages/summary.html");
    assert!(page.contains("Where we stand"), "{page}");
}

#[test]
fn serve_refuses_requests_outside_the_site_and_lists_no_folders() {
    let site = fixture("minimal");
    fs::write(site.path().join("secret.txt"), "do not serve").expect("write");
    let server = serve(site.path());
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/static/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..%5csecret.txt",
        "/static/",
        "/pages",
        "/qmsite.toml",
        "/content/pages/method.md",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path} answered {status}: {body}");
        assert!(!body.contains("do not serve"));
    }
    assert_eq!(get(server.port, "/static/qmsite.css").0, 200);
}

#[test]
#[ignore = "needs the taplo CLI (npm package @taplo/cli); .ci/run installs it and sets QMSITE_TAPLO"]
fn taplo_flags_a_wrong_key_against_the_written_schema() {
    let taplo = std::env::var("QMSITE_TAPLO").unwrap_or_else(|_| "taplo".to_owned());
    let tmp = tempfile::tempdir().expect("tmp");
    let o = qmsite(&["init", &tmp.path().to_string_lossy()]);
    assert!(o.status.success());
    let o = qmsite(&["new", "assessment", "--root", &tmp.path().to_string_lossy()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = fs::read_dir(tmp.path().join("content/assessments"))
        .expect("ls")
        .filter_map(Result::ok)
        .next()
        .expect("assessment")
        .path();
    let good = Command::new(&taplo)
        .arg("check")
        .arg(&file)
        .current_dir(tmp.path())
        .output()
        .expect("run taplo");
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    let text = fs::read_to_string(&file)
        .expect("read")
        .replace("assessor = \"\"", "asessor = \"\"");
    fs::write(&file, text).expect("write");
    let bad = Command::new(&taplo)
        .arg("check")
        .arg(&file)
        .current_dir(tmp.path())
        .output()
        .expect("run taplo");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("'asessor' was unexpected"));
}
