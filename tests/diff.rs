//! `qmsite diff` between two assessments of the example site: the index change and the dimension
//! that moved most, Markdown that renders as tables, and errors that say what was expected.

mod common;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn diff(site: &std::path::Path, args: &[&str]) -> std::process::Output {
    let root = site.to_string_lossy();
    let mut all = vec!["diff", "--root", &root, "--today", "2026-11-24"];
    all.extend_from_slice(args);
    common::qmsite(&all)
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The dimension whose value moved most by the JSON output, the first in framework order on a tie.
fn most_moved(json: &serde_json::Value) -> (String, f64) {
    let mut best = (String::new(), 0.0_f64);
    for d in json["dimensions"].as_array().expect("dimensions") {
        let delta = d["value"]["delta"].as_f64().unwrap_or(0.0);
        if delta.abs() > best.1.abs() {
            best = (
                format!(
                    "{} {}",
                    d["id"].as_str().unwrap_or(""),
                    d["name"].as_str().unwrap_or("")
                ),
                delta,
            );
        }
    }
    best
}

#[test]
fn the_example_2023_to_2026_prints_the_index_change_and_the_dimension_that_moved_most() {
    let site = common::example();
    let json: serde_json::Value = serde_json::from_str(&stdout(&diff(
        site.path(),
        &["2023", "2026", "--format", "json"],
    )))
    .expect("json");
    let (old, new) = (
        json["index"]["old"].as_f64().expect("old index"),
        json["index"]["new"].as_f64().expect("new index"),
    );
    assert!(new > old, "the example's index rose from 2023 to 2026");
    let (dimension, delta) = most_moved(&json);
    assert!(delta.abs() >= 25.0, "{dimension} {delta}");

    let text = stdout(&diff(site.path(), &["2023", "2026"]));
    let index_line = format!(
        "Index {:.1} → {:.1} +{:.1}",
        (old * 10.0).round() / 10.0,
        (new * 10.0).round() / 10.0,
        ((new - old) * 10.0).round() / 10.0
    );
    assert!(text.contains(&index_line), "{index_line} in\n{text}");
    assert!(text.contains("Index 49.3 → 57.8 +8.5"), "{text}");
    let moved = text
        .lines()
        .find(|l| l.starts_with("Moved most "))
        .expect("a moved-most line");
    assert!(
        moved.starts_with(&format!("Moved most {dimension}:")),
        "{moved}"
    );
    assert!(
        moved.ends_with("+30.0\u{a0}pts") || moved.ends_with("−30.0\u{a0}pts"),
        "{moved}"
    );
    // Plain text when the output is not a terminal: no escape sequence.
    assert!(!text.contains('\u{1b}'));
}

/// The tables of a Markdown document, each as rows of cell texts (the header row first).
fn tables(markdown: &str) -> Vec<Vec<Vec<String>>> {
    let mut tables = Vec::new();
    let (mut rows, mut cells, mut cell): (Vec<Vec<String>>, Vec<String>, String) =
        (Vec::new(), Vec::new(), String::new());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the Markdown: {h}"),
            Event::Start(Tag::Link { dest_url, .. }) => panic!("a link to {dest_url}"),
            Event::Start(Tag::Table(_)) => rows = Vec::new(),
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::End(TagEnd::TableCell) => cells.push(std::mem::take(&mut cell)),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                rows.push(std::mem::take(&mut cells))
            }
            Event::End(TagEnd::Table) => tables.push(std::mem::take(&mut rows)),
            Event::Text(t) | Event::Code(t) => cell.push_str(&t),
            _ => {}
        }
    }
    tables
}

#[test]
fn the_markdown_renders_as_tables_with_a_row_per_domain_and_per_changed_dimension() {
    let site = common::example();
    let json: serde_json::Value = serde_json::from_str(&stdout(&diff(
        site.path(),
        &["2023", "2026", "--format", "json"],
    )))
    .expect("json");
    let markdown = stdout(&diff(
        site.path(),
        &["2023", "2026", "--format", "markdown"],
    ));
    let tables = tables(&markdown);
    assert_eq!(tables.len(), 2, "{markdown}");
    let scores = &tables[0];
    assert_eq!(scores[0], ["", "Before", "After", "Change"]);
    assert_eq!(scores[1], ["Index", "49.3", "57.8", "+8.5\u{a0}pts"]);
    let domains = json["domains"].as_array().expect("domains");
    assert_eq!(scores.len(), 2 + domains.len());
    assert_eq!(scores[2][0], "D1 Governance & strategy");
    let dimensions = &tables[1];
    assert_eq!(
        dimensions[0],
        [
            "Dimension",
            "Level before",
            "Level after",
            "Change",
            "Notes before",
            "Notes after"
        ]
    );
    let changed = json["dimensions"].as_array().expect("dimensions");
    assert_eq!(dimensions.len(), 1 + changed.len());
    assert!(dimensions.iter().all(|r| r.len() == 6), "{dimensions:?}");
    // A note with a line break and punctuation stays in its cell, word for word.
    let first = &changed[0];
    assert_eq!(
        dimensions[1][4],
        first["old_notes"]
            .as_str()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
}

#[test]
fn diff_says_what_it_expected_when_the_assessments_do_not_fit() {
    let site = common::example();
    let out = diff(site.path(), &["2024", "2026"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("there is no assessment \"2024\" (did you mean"),
        "{err}"
    );
    assert!(err.contains("expected one of: 2020, 2023, 2026"), "{err}");

    let out = diff(site.path(), &["2026"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give two assessment ids"));

    let minimal = common::fixture("minimal");
    let out = diff(minimal.path(), &["one", "inno-2024"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"one\" rates the framework mini and \"inno-2024\" rates inno; expected two assessments of the same framework"),
        "{err}"
    );
    let out = diff(minimal.path(), &["two", "fin-2024"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("expected two assessments of the same unit"),
        "{err}"
    );
    // Between two assessments, outside git: what cannot be known is said, not guessed.
    let text = stdout(&diff(minimal.path(), &["one", "two"]));
    assert!(text.contains("need the site's history in git"), "{text}");
}
