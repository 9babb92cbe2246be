//! The commands as the tutorial and the messages name them: every option a message suggests
//! exists, the tutorial's commands work as written, `build` says where it wrote, and `serve`
//! checks its port first, stamps its rebuild lines and answers wrong addresses with the site's
//! not-found page.

mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{edit, fixture, qmsite_command};

const TODAY: &str = "2024-11-01";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn serve_checks_its_port_before_building() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let site = fixture("minimal");
    let o = qmsite_command()
        .args([
            "serve",
            "--root",
            &site.path().to_string_lossy(),
            "--port",
            &port,
        ])
        .output()
        .expect("run");
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("port {port} on 127.0.0.1 is in use")),
        "{err}"
    );
    assert!(err.contains("--port 0"), "{err}");
    assert!(!err.contains("Built"), "nothing is built first: {err}");
}

#[test]
fn serve_stamps_rebuilds_with_the_time_and_answers_unknown_addresses_with_the_404_page() {
    let site = fixture("minimal");
    let mut child = qmsite_command()
        .args([
            "serve",
            "--port",
            "0",
            "--today",
            TODAY,
            "--root",
            &site.path().to_string_lossy(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let stdout = child.stdout.take().expect("stdout");
    let line = BufReader::new(stdout)
        .lines()
        .next()
        .expect("a line")
        .expect("text");
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("port");
    let stamped = |l: &str| {
        let b = l.as_bytes();
        b.len() > 11 && b[0] == b'[' && b[3] == b':' && b[6] == b':' && b[9] == b']'
    };
    // Warnings come first; then the line that says the site is built.
    let next_status = || loop {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("a status line");
        if line.contains("Built") || line.contains("Rebuilt") {
            return line;
        }
    };
    let first = next_status();
    assert!(stamped(&first) && first.contains("Built"), "{first}");
    // The file watcher starts right after the address is printed.
    std::thread::sleep(Duration::from_millis(500));
    edit(
        site.path(),
        "content/pages/method.md",
        "Interviews.",
        "Interviews and visits.",
    );
    let rebuilt = next_status();
    assert!(
        stamped(&rebuilt) && rebuilt.contains("Rebuilt"),
        "{rebuilt}"
    );

    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    use std::io::{Read, Write};
    write!(
        stream,
        "GET /pages/nope/missing.html HTTP/1.0\r\nHost: x\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(
        response.starts_with("HTTP/1.1 404") || response.starts_with("HTTP/1.0 404"),
        "{response}"
    );
    assert!(response.contains("<h1>Page not found</h1>"), "{response}");
    assert!(
        response.contains("href=\"/static/qmsite.css\""),
        "styled from any depth: {response}"
    );
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn the_tutorial_commands_work_as_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("it-quality");
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_qmsite"))
            .env("NO_COLOR", "1")
            .current_dir(if site.exists() {
                site.clone()
            } else {
                tmp.path().to_path_buf()
            })
            .args(args)
            .output()
            .expect("run");
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        text(&o.stdout)
    };
    run(&["init", "it-quality"]);
    run(&[
        "new",
        "assessment",
        "--date",
        "2026-03-27",
        "--today",
        "2026-04-01",
    ]);
    let assessment = site.join("content/assessments/2026.toml");
    let written = fs::read_to_string(&assessment).expect("assessment");
    let filled = written
        .replace("assessor = \"\"", "assessor = \"A. Assessor\"")
        .replacen("# level = \"\"", "level = \"defined\"", 1);
    fs::write(&assessment, filled).expect("write");
    let out = run(&[
        "new",
        "improvement",
        "Publish the service catalogue",
        "--owner",
        "Service level manager",
        "--due",
        "2026-09-30",
        "--priority",
        "high",
        "--part",
        "B",
        "--dimension",
        "D2.1",
        "--clause",
        "8.2.4",
        "--today",
        "2026-04-01",
    ]);
    assert!(out.contains("Added IMP-001"), "{out}");
    let register =
        fs::read_to_string(site.join("content/improvements/register.toml")).expect("register");
    for line in [
        "owner = \"Service level manager\"",
        "due = 2026-09-30",
        "priority = \"high\"",
        "part = \"B\"",
        "dimensions = [\"D2.1\"]",
        "clauses = [\"8.2.4\"]",
    ] {
        assert!(register.contains(line), "{line} missing:\n{register}");
    }
    let out = run(&[
        "new",
        "component",
        "Quality policy and objectives",
        "--owner",
        "CIO",
        "--current",
        "2",
        "--target",
        "3",
        "--today",
        "2026-04-01",
    ]);
    assert!(out.contains("Added QMS component QMS-01"), "{out}");
    run(&["new", "page", "Lessons learnt", "--today", "2026-04-01"]);
    assert!(site.join("content/pages/lessons-learnt.md").is_file());
    // The coverage of every clause is there already: a second entry is refused, with the way out.
    let o = Command::new(env!("CARGO_BIN_EXE_qmsite"))
        .current_dir(&site)
        .args(["new", "coverage", "8.6.1", "--today", "2026-04-01"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("clause 8.6.1 is covered already"),
        "{}",
        text(&o.stderr)
    );
    let o = Command::new(env!("CARGO_BIN_EXE_qmsite"))
        .current_dir(&site)
        .args(["new", "coverage", "8.6.9", "--today", "2026-04-01"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("did you mean \"8.6.1\"?"),
        "{}",
        text(&o.stderr)
    );
    let o = Command::new(env!("CARGO_BIN_EXE_qmsite"))
        .current_dir(&site)
        .args([
            "new",
            "improvement",
            "X",
            "--dimension",
            "d2.1",
            "--today",
            "2026-04-01",
        ])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("unknown dimension \"d2.1\"; did you mean \"D2.1\"?"),
        "{}",
        text(&o.stderr)
    );
    let out = run(&["build", "--today", "2026-04-01"]);
    assert!(out.contains("The site is in output"), "{out}");
}

/// Every long option written in qmsite's messages (`--force`, `--id`, `--port 0`…).
fn options_in_messages() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(common::repo().join("src")) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).expect("read");
        for line in text.lines() {
            let code = line.trim_start();
            if code.starts_with("//") || !code.contains('"') {
                continue;
            }
            for (i, _) in line.match_indices("--") {
                let before = line[..i].chars().next_back();
                if !matches!(before, Some(' ' | '`' | '"' | '(')) {
                    continue;
                }
                let name: String = line[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                if name.len() > 1 && !name.ends_with('-') {
                    found.push((name, entry.path().display().to_string()));
                }
            }
        }
    }
    found
}

#[test]
fn every_option_a_message_suggests_exists() {
    fn long_options(c: &clap::Command, out: &mut std::collections::BTreeSet<String>) {
        for a in c.get_arguments() {
            if let Some(l) = a.get_long() {
                out.insert(l.to_owned());
            }
        }
        for s in c.get_subcommands() {
            long_options(s, out);
        }
    }
    let mut known = std::collections::BTreeSet::from(["help".to_owned(), "version".to_owned()]);
    long_options(&qmsite::cli::command(), &mut known);
    let found = options_in_messages();
    assert!(
        found.iter().any(|(n, _)| n == "port"),
        "the scan finds options"
    );
    let unknown: Vec<&(String, String)> =
        found.iter().filter(|(n, _)| !known.contains(n)).collect();
    assert!(unknown.is_empty(), "options no command has: {unknown:?}");
}

#[test]
fn build_says_where_it_wrote_the_site() {
    let site = fixture("minimal");
    let o = qmsite_command()
        .current_dir(site.path().join("content"))
        .args(["build", "--today", TODAY])
        .output()
        .expect("run");
    let out = text(&o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        out.contains(
            "The site is in ../output: open index.html there, or publish the whole folder."
        ),
        "{out}"
    );
    assert!(site.path().join("output/index.html").is_file());
    assert!(site.path().join("output/404.html").is_file());
}
