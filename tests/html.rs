//! HTML that validates: every page of the example site and of the minimal fixture.
//!
//! `every_page_is_well_formed_for_readers_and_assistive_technology` reads the pages with an
//! HTML parser and checks what the Nu HTML Checker does not (or only as a warning): figure
//! captions that belong to their figure, heading levels that never skip, a label on every `nav`,
//! no empty header cell, unique ids and the configured description.
//!
//! `nu_html_checker_reports_no_error_on_any_page` runs the Nu HTML Checker (npm package
//! `vnu-jar`, which needs Java) over every page in one run. It is ignored by default like the
//! browser tests; `.ci/run` installs both and runs it with `cargo test -- --include-ignored`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Selector};

/// A built site: its copy of the input and its output folder.
struct Built {
    _site: tempfile::TempDir,
    out: PathBuf,
    /// `description` of its qmsite.toml.
    description: String,
    /// `description` of qmsite.cs.toml, for the Czech pages, when the site has one.
    czech_description: Option<String>,
}

fn build(site: tempfile::TempDir) -> Built {
    let out = site.path().join("checked-output");
    let o = common::qmsite(&[
        "build",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        "2026-11-24",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let description_in = |file: &str| {
        let config = std::fs::read_to_string(site.path().join(file)).ok()?;
        let config: toml::Table = toml::from_str(&config).expect("config parses");
        config.get("description")?.as_str().map(str::to_owned)
    };
    let description = description_in("qmsite.toml").unwrap_or_default();
    let czech_description = description_in("qmsite.cs.toml");
    Built {
        _site: site,
        out,
        description,
        czech_description,
    }
}

/// A narrative using what GitHub users expect of Markdown: footnotes, bare addresses, headings
/// named like the theme's ids and footnotes, a table with an empty corner.
const MARKDOWN_PAGE: &str = "+++
title = \"Markdown\"
+++
## One

Text[^one] with a second reference[^one] and a note[^Two]; see [one](#one), [main](#main) and
https://intranet.example/qm or qm@example.org.

## Main

| | 2023 | 2026 |
|---|--:|--:|
| Index | 1 | 2 |

## Fn one

[^one]: The first note, see www.example.org.

[^two]: The second note.

    With a second paragraph.
";

/// The example site and the minimal fixture; the fixture gets a description (with characters
/// that need escaping in an attribute) when it has none, and a narrative with footnotes.
fn both_sites() -> [Built; 2] {
    let minimal = common::fixture("minimal");
    std::fs::write(
        minimal.path().join("content/pages/markdown.md"),
        MARKDOWN_PAGE,
    )
    .expect("write narrative");
    let config = minimal.path().join("qmsite.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    let parsed: toml::Table = toml::from_str(&text).expect("config parses");
    if !parsed.contains_key("description") {
        let line = "description = \"A \\\"minimal\\\" site <for> tests & checks.\"\n";
        std::fs::write(&config, format!("{line}{text}")).expect("write config");
    }
    [build(common::example()), build(minimal)]
}

/// Every HTML file below `dir`, sorted.
fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selector")
}

fn text_of(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

/// What is wrong with one page, in words.
fn page_problems(html: &str, description: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut problems = Vec::new();

    for caption in doc.select(&selector("figcaption")) {
        let parent = caption.parent().and_then(ElementRef::wrap);
        let in_figure = parent.is_some_and(|p| p.value().name() == "figure");
        let first_or_last = parent.is_some_and(|p| {
            let children: Vec<ElementRef> = p.children().filter_map(ElementRef::wrap).collect();
            children.first() == Some(&caption) || children.last() == Some(&caption)
        });
        if !in_figure || !first_or_last {
            problems.push(format!(
                "<figcaption> \"{}\" is not the first or last child of a <figure>",
                text_of(caption)
            ));
        }
    }

    let mut previous = 0;
    for h in doc.select(&selector("h1, h2, h3, h4, h5, h6")) {
        let level: usize = h.value().name()[1..].parse().expect("heading level");
        if level > previous + 1 {
            problems.push(format!(
                "<h{level}> \"{}\" follows <h{previous}>: a heading level is skipped",
                text_of(h)
            ));
        }
        previous = level;
    }

    let mut nav_labels = BTreeSet::new();
    for nav in doc.select(&selector("nav")) {
        let label = nav.value().attr("aria-label").unwrap_or("").trim();
        if label.is_empty() && nav.value().attr("aria-labelledby").is_none() {
            problems.push(format!("a <nav> without a label: \"{}\"", text_of(nav)));
        } else if !label.is_empty() && !nav_labels.insert(label.to_owned()) {
            problems.push(format!("two <nav> elements share the label \"{label}\""));
        }
    }

    for th in doc.select(&selector("th")) {
        if text_of(th).is_empty() {
            problems.push(format!("an empty header cell: {}", th.html()));
        }
    }

    let mut ids = BTreeSet::new();
    for e in doc.select(&selector("[id]")) {
        let id = e.value().id().unwrap_or_default();
        if !ids.insert(id.to_owned()) {
            problems.push(format!("the id \"{id}\" is used twice"));
        }
    }

    let found: Vec<&str> = doc
        .select(&selector("head meta[name=\"description\"]"))
        .filter_map(|m| m.value().attr("content"))
        .collect();
    if found != [description] {
        problems.push(format!(
            "meta description {found:?}, expected {description:?} from qmsite.toml"
        ));
    }
    problems
}

#[test]
fn every_page_is_well_formed_for_readers_and_assistive_technology() {
    let sites = both_sites();
    let mut problems = Vec::new();
    let mut pages = 0;
    for site in &sites {
        assert!(!site.description.is_empty());
        for file in html_files(&site.out) {
            let html = std::fs::read_to_string(&file).expect("read page");
            pages += 1;
            let name = file.strip_prefix(&site.out).unwrap_or(&file).display();
            let description = match &site.czech_description {
                Some(czech) if file.strip_prefix(site.out.join("cs")).is_ok() => czech,
                _ => &site.description,
            };
            for p in page_problems(&html, description) {
                problems.push(format!("{name}: {p}"));
            }
        }
    }
    assert!(pages > 50, "only {pages} pages built");
    let markdown = std::fs::read_to_string(sites[1].out.join("pages/markdown.html")).expect("page");
    assert!(
        markdown.contains("<section class=\"footnotes\">"),
        "{markdown}"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_page_checks_find_what_they_look_for() {
    let bad = r#"<!DOCTYPE html><html><head><meta name="description" content="x"></head><body>
<h1>T</h1><h3 id="a">Skips</h3><nav><a href="x.html">x</a></nav><nav aria-label="N"></nav>
<nav aria-label="N"></nav><figure><div><figcaption>Inside a div</figcaption></div></figure>
<table><tr><th> </th></tr></table><p id="a"></p></body></html>"#;
    let problems = page_problems(bad, "y");
    for expected in [
        "<figcaption> \"Inside a div\"",
        "<h3> \"Skips\" follows <h1>",
        "a <nav> without a label",
        "share the label \"N\"",
        "an empty header cell",
        "the id \"a\" is used twice",
        "meta description [\"x\"], expected \"y\"",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected} not in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), 7, "{problems:#?}");
}

/// The Nu HTML Checker's jar, from `QMSITE_VNU` or the copy `.ci/run` installs.
fn vnu_jar() -> PathBuf {
    let path = std::env::var_os("QMSITE_VNU")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            common::repo().join("target/tools/node_modules/vnu-jar/build/dist/vnu.jar")
        });
    assert!(
        path.is_file(),
        "{} not found: install the npm package vnu-jar (see .ci/run) or set QMSITE_VNU to vnu.jar",
        path.display()
    );
    path
}

/// The Java runtime, from `QMSITE_JAVA` or `java` on the PATH.
fn java() -> PathBuf {
    let java = std::env::var_os("QMSITE_JAVA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("java"));
    let runs = Command::new(&java)
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        runs,
        "{} does not run: install Java (Debian's default-jre-headless, see .ci/run) or set QMSITE_JAVA",
        java.display()
    );
    java
}

/// One error of the checker: the file, where in it, and what.
#[derive(Debug)]
struct CheckerError {
    url: String,
    text: String,
}

/// Runs the checker once over the given files and folders; returns its errors.
fn nu_errors(paths: &[&Path]) -> Vec<CheckerError> {
    let output = Command::new(java())
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--skip-non-html", "--format", "json"])
        .args(paths)
        .output()
        .expect("run the Nu HTML Checker");
    let report = String::from_utf8_lossy(&output.stderr);
    let json: serde_json::Value = serde_json::from_str(&report)
        .unwrap_or_else(|e| panic!("the checker's report is not JSON ({e}): {report}"));
    let messages = json["messages"].as_array().expect("messages");
    messages
        .iter()
        .filter(|m| matches!(m["type"].as_str(), Some("error" | "non-document-error")))
        .map(|m| CheckerError {
            url: m["url"].as_str().unwrap_or("?").to_owned(),
            text: format!(
                "{}:{}: {} [{}]",
                m["lastLine"],
                m["firstColumn"],
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', " ")
            ),
        })
        .collect()
}

#[test]
#[ignore = "needs Java and the vnu-jar npm package; .ci/run installs both and runs this with --include-ignored"]
fn nu_html_checker_reports_no_error_on_any_page() {
    let sites = both_sites();
    // A page the checker must reject shows that it ran and that its errors are read.
    let probe_dir = tempfile::tempdir().expect("tmp");
    let probe = probe_dir.path().join("probe.html");
    std::fs::write(
        &probe,
        "<!DOCTYPE html><html lang=\"en\"><head><title>p</title></head><body>\
         <figure><div><figcaption>c</figcaption></div></figure></body></html>",
    )
    .expect("write probe");
    let mut paths: Vec<&Path> = sites.iter().map(|s| s.out.as_path()).collect();
    paths.push(&probe);
    let pages: usize = sites.iter().map(|s| html_files(&s.out).len()).sum();
    assert!(pages > 50, "only {pages} pages built");

    let errors = nu_errors(&paths);
    let (probe_errors, site_errors): (Vec<_>, Vec<_>) = errors
        .into_iter()
        .partition(|e| e.url.ends_with("probe.html"));
    assert!(
        probe_errors.iter().any(|e| e.text.contains("figcaption")),
        "the checker did not report the invalid probe page: {probe_errors:?}"
    );
    let listed: Vec<String> = site_errors
        .iter()
        .map(|e| format!("{}:{}", e.url, e.text))
        .collect();
    assert!(
        listed.is_empty(),
        "the Nu HTML Checker reports {} errors on {pages} pages:\n{}",
        listed.len(),
        listed.join("\n")
    );
}
