//! Audience editions, through the whole binary: the example's stakeholders edition holds no text
//! the content marks as internal in any byte of any file it writes, while the internal edition
//! does; every page names its edition; the figures of every edition are the same; the command
//! line and qmsite.toml refuse what cannot be built.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::internal::{self, Internal};

const TODAY: &str = "2026-11-24";

/// The example site built once in both its editions: (site copy, internal output,
/// stakeholders output).
fn built() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let site = common::example();
        let out = site.path().join("output");
        let run = at(site.path(), &["build", "--all-editions", "--quiet"]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let stakeholders = site.path().join("output-stakeholders");
        (site, out, stakeholders)
    })
}

/// qmsite on the site at `root`, measured against the example's date.
fn at(root: &Path, args: &[&str]) -> std::process::Output {
    let root = root.to_string_lossy();
    let mut all = args.to_vec();
    all.extend(["--root", &root, "--today", TODAY]);
    common::qmsite(&all)
}

/// What the example marks as internal, read from its own files.
fn example_internal() -> Internal {
    let found = internal::collect(&common::repo());
    for (kind, set) in [
        ("assessors' notes", &found.assessor_notes),
        ("justifications", &found.justifications),
        ("internal items", &found.internal),
        ("internal addresses", &found.internal_urls),
    ] {
        assert!(!set.is_empty(), "the example has no {kind} to look for");
    }
    found
}

/// Which of `texts` appear in some file below `dir`, with the first file each is in.
fn appearances<'a>(
    dir: &Path,
    texts: &[&'a String],
) -> std::collections::BTreeMap<&'a String, String> {
    let mut out = std::collections::BTreeMap::new();
    for (path, bytes) in common::snapshot(dir) {
        for t in internal::found_in(texts.iter().copied(), &bytes) {
            out.entry(t).or_insert_with(|| path.clone());
        }
    }
    out
}

#[test]
fn nothing_marked_internal_reaches_the_stakeholders_edition_and_the_internal_edition_has_it_all() {
    let (_, internal_out, stakeholders) = built();
    let texts = example_internal();
    let all: Vec<&String> = texts.all().collect();
    let leaked = appearances(stakeholders, &all);
    assert!(
        leaked.is_empty(),
        "internal text in the stakeholders edition:\n{}",
        leaked
            .iter()
            .map(|(t, file)| format!("  {file}: {t:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The same search finds every one of them in the internal edition, so it can fail.
    let shown = appearances(internal_out, &all);
    let missing: Vec<&&String> = all.iter().filter(|t| !shown.contains_key(**t)).collect();
    assert!(
        missing.is_empty(),
        "not found in the internal edition: {missing:?}"
    );
}

#[test]
fn the_leak_check_sees_the_czech_texts_and_every_kind_of_file() {
    let (_, internal_out, _) = built();
    let texts = example_internal();
    // Czech notes and the Czech title of an internal evidence link are collected too…
    assert!(
        texts
            .assessor_notes
            .iter()
            .any(|t| t.contains('ě') || t.contains('ř'))
    );
    assert!(texts.internal.iter().any(|t| t.contains("rozhovor")));
    // …and are found in the search index and the JSON-like files as well as in pages.
    let all: Vec<&String> = texts.all().collect();
    let files: std::collections::BTreeSet<String> =
        appearances(internal_out, &all).into_values().collect();
    assert!(
        files.iter().any(|f| f.ends_with("search-index.js")),
        "{files:?}"
    );
    assert!(files.iter().any(|f| f.starts_with("cs/")), "{files:?}");
}

#[test]
fn every_page_of_an_edition_names_it_in_its_language() {
    let (_, internal_out, stakeholders) = built();
    for (dir, en, cs) in [
        (internal_out, "Edition: Internal", "Vydání: Interní"),
        (
            stakeholders,
            "Edition: For stakeholders",
            "Vydání: Pro zainteresované strany",
        ),
    ] {
        let mut pages = 0;
        for (path, bytes) in common::snapshot(dir) {
            if !path.ends_with(".html") {
                continue;
            }
            pages += 1;
            let html = String::from_utf8_lossy(&bytes);
            let label = if path.starts_with("cs/") { cs } else { en };
            assert!(
                html.contains(&format!("<span class=\"brand-edition\">{label}</span>")),
                "{path} does not name its edition ({label})"
            );
        }
        assert!(pages > 100, "{pages} pages in {}", dir.display());
    }
}

#[test]
fn an_internal_narrative_is_left_out_with_the_links_to_it() {
    let (_, internal_out, stakeholders) = built();
    let page = "pages/interview-programme-2026.html";
    assert!(internal_out.join(page).is_file());
    assert!(internal_out.join("cs").join(page).is_file());
    assert!(!stakeholders.join(page).exists());
    assert!(!stakeholders.join("cs").join(page).exists());
    let method = std::fs::read_to_string(stakeholders.join("pages/method.html")).expect("method");
    assert!(!method.contains("interview-programme-2026"));
    assert!(
        method.contains("interview programme 2026"),
        "its words stay"
    );
}

/// The export with the texts an edition may remove taken out, and the pages (an edition may have
/// fewer) and its own name left aside: what is left are the figures and what every edition shows.
fn figures(edition: &str) -> serde_json::Value {
    let (site, _, _) = built();
    let run = at(
        site.path(),
        &["export", "json", "--edition", edition, "--quiet"],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut doc: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                for key in ["notes", "justification", "owner", "evidence", "edition"] {
                    o.remove(key);
                }
                o.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    if let Some(o) = doc.as_object_mut() {
        o.remove("pages");
    }
    strip(&mut doc);
    doc
}

#[test]
fn every_edition_shows_the_same_figures() {
    let internal_figures = figures("internal");
    assert_eq!(internal_figures, figures("stakeholders"));
    assert!(internal_figures["assessments"][0]["index"].is_number());
}

#[test]
fn the_json_export_names_its_edition_and_leaves_out_what_it_leaves_out() {
    let (site, _, _) = built();
    let run = at(
        site.path(),
        &[
            "export",
            "json",
            "--edition",
            "stakeholders",
            "--lang",
            "cs",
            "--quiet",
        ],
    );
    assert!(run.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(doc["site"]["edition"]["name"], "stakeholders");
    assert_eq!(doc["site"]["edition"]["title"], "Pro zainteresované strany");
    let ratings = doc["assessments"]
        .as_array()
        .expect("assessments")
        .iter()
        .flat_map(|a| a["ratings"].as_array().cloned().unwrap_or_default());
    assert!(ratings.into_iter().all(|r| r["notes"] == ""));
}

#[test]
fn an_unknown_edition_is_wrong_usage_and_the_defined_ones_are_listed() {
    let (site, _, _) = built();
    for args in [
        vec!["build", "--edition", "board"],
        vec!["export", "json", "--edition", "board"],
        vec!["export", "csv", "--edition", "board"],
    ] {
        let mut all = args.clone();
        let root = site.path().to_string_lossy().into_owned();
        all.extend(["--root", root.as_str(), "--today", TODAY]);
        let run = common::qmsite(&all);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("\"board\""), "{err}");
        assert!(err.contains("\"internal\", \"stakeholders\""), "{err}");
    }
}

#[test]
fn one_edition_goes_to_its_own_folder_and_o_overrides_it() {
    let site = common::example();
    let root = site.path().to_string_lossy().into_owned();
    let build = |extra: &[&str]| {
        let mut args = vec![
            "build",
            "--root",
            root.as_str(),
            "--today",
            TODAY,
            "--quiet",
        ];
        args.extend(extra);
        let run = common::qmsite(&args);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    };
    build(&["--edition", "stakeholders"]);
    assert!(site.path().join("output-stakeholders/index.html").is_file());
    assert!(!site.path().join("output").exists());
    build(&[]);
    let home = std::fs::read_to_string(site.path().join("output/index.html")).expect("home");
    assert!(home.contains("Edition: Internal"));
    let elsewhere = site.path().join("elsewhere");
    build(&[
        "--edition",
        "stakeholders",
        "-o",
        &elsewhere.to_string_lossy(),
    ]);
    let home = std::fs::read_to_string(elsewhere.join("index.html")).expect("home");
    assert!(home.contains("Edition: For stakeholders"));
}

#[test]
fn a_failed_build_of_every_edition_leaves_every_previous_output_as_it_was() {
    let site = common::example();
    let root = site.path().to_string_lossy().into_owned();
    let args = [
        "build",
        "--root",
        root.as_str(),
        "--today",
        TODAY,
        "--all-editions",
        "--quiet",
    ];
    assert!(common::qmsite(&args).status.success());
    let before = (
        common::snapshot(&site.path().join("output")),
        common::snapshot(&site.path().join("output-stakeholders")),
    );
    common::edit(
        site.path(),
        "content/pages/findings.md",
        "## ",
        "[a broken link](no-such-page.md)\n\n## ",
    );
    let run = common::qmsite(&args);
    assert_eq!(run.status.code(), Some(1));
    let after = (
        common::snapshot(&site.path().join("output")),
        common::snapshot(&site.path().join("output-stakeholders")),
    );
    assert!(
        before == after,
        "a failed build changed an edition's output"
    );
}

#[test]
fn a_site_without_editions_names_none() {
    let site = common::fixture("minimal");
    let out = common::build_site(site.path());
    for (path, bytes) in common::snapshot(&out) {
        if path.ends_with(".html") {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("brand-edition"),
                "{path}"
            );
        }
    }
}

#[test]
fn every_problem_with_the_editions_is_said_at_once_where_it_was_written() {
    let site = common::fixture("minimal");
    let config = site.path().join("qmsite.toml");
    let mut text = std::fs::read_to_string(&config).expect("config");
    text.push_str(
        "\n[[editions]]\nname = \"board\"\ntitle = \"For the board\"\nleave_out = [\"notes\", \"owners\"]\n\n[[editions]]\nname = \"For Auditors\"\ntitle = \"For auditors\"\n\n[[editions]]\nname = \"board\"\ntitle = \"Board, again\"\n",
    );
    std::fs::write(&config, &text).expect("write config");
    let (code, err) = common::check(site.path());
    assert_eq!(code, 1, "{err}");
    for expected in [
        "\"notes\", which is not an allowed value",
        "E304",
        "\"For Auditors\" cannot name an edition",
        "write it as \"for-auditors\"",
        "edition \"board\" is defined twice",
        "E417",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    // Each at its line in qmsite.toml.
    assert!(err.contains("qmsite.toml:"), "{err}");
}

/// The report as one file for e-mail, in both languages: the stakeholders edition's holds none
/// of the internal texts, the internal edition's holds the assessors' notes and justifications
/// the report shows.
#[test]
fn the_single_file_of_the_stakeholders_edition_leaks_nothing() {
    let (site, _, _) = built();
    let texts = example_internal();
    let all: Vec<&String> = texts.all().collect();
    for lang in ["en", "cs"] {
        let mut files = Vec::new();
        for edition in ["stakeholders", "internal"] {
            let file = site.path().join(format!("single-{edition}-{lang}.html"));
            let run = at(
                site.path(),
                &[
                    "build",
                    "--edition",
                    edition,
                    "--single-file",
                    &file.to_string_lossy(),
                    "--lang",
                    lang,
                    "--quiet",
                ],
            );
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            files.push(std::fs::read(&file).expect("single file"));
        }
        let leaked = internal::found_in(all.iter().copied(), &files[0]);
        assert!(
            leaked.is_empty(),
            "{lang}: internal text in the single file: {leaked:?}"
        );
        let html = String::from_utf8_lossy(&files[0]);
        let title = if lang == "en" {
            "For stakeholders"
        } else {
            "Pro zainteresované strany"
        };
        assert!(html.contains(title), "{lang}: the edition is named");
        // The same search finds the notes the internal report shows, so it can fail.
        let notes: Vec<&String> = texts.assessor_notes.iter().collect();
        let shown = internal::found_in(notes.iter().copied(), &files[1]);
        assert!(
            !shown.is_empty(),
            "{lang}: no assessor's note in the internal single file"
        );
    }
}

/// A column the stakeholders edition empties is named for what is left in it: the assessment
/// and dimension pages' notes column holds only the evidence, and says so.
#[test]
fn a_column_emptied_by_the_edition_is_named_for_what_is_left() {
    let (_, internal_out, stakeholders) = built();
    for page in [
        "assessments/2026.html",
        "frameworks/itqi-example/d4.5.html",
        "report.html",
    ] {
        let read = |dir: &Path| std::fs::read_to_string(dir.join(page)).expect(page);
        assert!(
            read(internal_out).contains(">Assessor&#39;s notes</th>"),
            "{page}"
        );
        let st = read(stakeholders);
        assert!(!st.contains(">Assessor&#39;s notes</th>"), "{page}");
        assert!(st.contains(">Evidence</th>"), "{page}");
    }
}

/// An edition that leaves out owners leaves out their columns and the register's owner filter,
/// wherever a table had one.
#[test]
fn an_edition_without_owners_has_no_owner_column() {
    let site = common::example();
    let config = site.path().join("qmsite.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        format!("{text}\n[[editions]]\nname = \"board\"\ntitle = \"For the board\"\nleave_out = [\"owners\"]\n"),
    )
    .expect("write");
    let out = site.path().join("board");
    let run = at(
        site.path(),
        &[
            "build",
            "--edition",
            "board",
            "-o",
            &out.to_string_lossy(),
            "--quiet",
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for page in [
        "index.html",
        "qms.html",
        "improvements.html",
        "report.html",
        "frameworks/itqi-example/d4.5.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).expect(page);
        assert!(!html.contains(">Owner</th>"), "{page}");
        assert!(!html.contains("data-label=\"Owner\""), "{page}");
    }
    let register = std::fs::read_to_string(out.join("improvements.html")).expect("register");
    assert!(!register.contains("name=\"owner\""), "no owner filter");
}
