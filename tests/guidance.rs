//! How qmsite guides someone who is not a programmer: it finds its site from any folder, says
//! plainly when there is none, explains its codes, summarises warnings, skips files that are not
//! content, falls back to English for missing strings and takes the organisation's look.

mod common;

use std::fs;

use common::{edit, fixture, qmsite, qmsite_command};

const TODAY: &str = "2024-11-01";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn run_from_a_folder_inside_the_site_it_finds_the_site_and_names_files_from_there() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/pages/method.md",
        "weight = 2",
        "wieght = 2",
    );
    let o = qmsite_command()
        .current_dir(site.path().join("content/pages"))
        .args(["check", "--today", TODAY])
        .output()
        .expect("run");
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("\nmethod.md:3:1: error: unknown key `wieght`")
            || err.starts_with("method.md:3:1: error: unknown key `wieght`"),
        "{err}"
    );
    assert!(
        err.contains("../benchmarks/peers.toml:1:6: warning:"),
        "{err}"
    );
    assert!(!err.contains("cannot read"), "{err}");
}

#[test]
fn outside_a_site_it_says_where_it_looked_and_never_talks_about_an_output() {
    let tmp = tempfile::tempdir().expect("tmp");
    for command in ["build", "check", "serve"] {
        let o = qmsite_command()
            .current_dir(tmp.path())
            .arg(command)
            .output()
            .expect("run");
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{command}: {err}");
        assert!(
            err.contains("no qmsite.toml here or in any folder above"),
            "{command}: {err}"
        );
        assert!(err.contains(&tmp.path().display().to_string()), "{err}");
        assert!(
            err.contains("--root") && err.contains("qmsite init"),
            "{err}"
        );
        assert!(!err.to_lowercase().contains("output"), "{command}: {err}");
    }
}

#[test]
fn explain_prints_a_wrong_and_a_right_example_for_every_code() {
    let o = qmsite(&["explain", "e202"]);
    let out = text(&o.stdout);
    assert!(o.status.success());
    assert!(
        out.starts_with("E202: A date written the wrong way"),
        "{out}"
    );
    assert!(out.contains("Wrong:\n    date = 31/12/2026"), "{out}");
    assert!(out.contains("Right:\n    date = 2026-12-31"), "{out}");
    let list = text(&qmsite(&["explain"]).stdout);
    assert!(
        list.contains("E301  A key the file kind does not have"),
        "{list}"
    );
    assert!(list.contains("W602  An overdue action"), "{list}");
    for line in list
        .lines()
        .filter(|l| l.len() > 4 && l.as_bytes()[4] == b' ')
    {
        let code = &line[..4];
        let o = qmsite(&["explain", code]);
        assert!(o.status.success(), "{code}");
        let out = text(&o.stdout);
        assert!(out.contains("Wrong:") && out.contains("Right:"), "{out}");
        assert!(common::jargon_in(&out).is_empty(), "{out}");
    }
    let o = qmsite(&["explain", "E2002"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("Did you mean E202?"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn completions_and_the_manual_page_are_printed() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = qmsite(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let out = text(&o.stdout);
        assert!(
            out.contains("qmsite") && out.contains("explain"),
            "{shell}: {out}"
        );
    }
    let o = qmsite(&["man"]);
    let out = text(&o.stdout);
    assert!(o.status.success());
    assert!(out.contains(".TH qmsite"), "{out}");
    assert!(
        out.contains("completions") && out.contains("explain"),
        "{out}"
    );
}

#[test]
fn json_format_gives_one_object_per_problem() {
    let site = fixture("minimal");
    let register = "content/improvements/register.toml";
    edit(
        site.path(),
        register,
        "status = \"in-progress\"",
        "status = \"in progress\"",
    );
    edit(
        site.path(),
        register,
        "priority = \"high\"",
        "priority = \"High\"",
    );
    let o = qmsite(&[
        "check",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let status = lines
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("in progress"))
        })
        .expect("the status problem");
    assert_eq!(status["file"], register);
    assert_eq!(status["line"], 11);
    assert_eq!(status["column"], 10);
    assert_eq!(status["severity"], "error");
    assert_eq!(status["code"], "E304");
    assert_eq!(status["suggestion"], "did you mean \"in-progress\"?");
    assert!(
        status["expected"]
            .as_str()
            .is_some_and(|e| e.contains("\"done\""))
    );
    assert!(
        lines
            .iter()
            .any(|d| d["message"].as_str().is_some_and(|m| m.contains("High")))
    );
    assert!(
        lines
            .iter()
            .any(|d| d["severity"] == "warning" && d["code"] == "W601")
    );
    assert!(
        text(&o.stderr).contains("2 errors"),
        "the count goes to standard error"
    );
}

#[test]
fn warnings_of_one_kind_are_one_line_unless_verbose() {
    let site = fixture("minimal");
    let mut qms = fs::read_to_string(site.path().join("content/qms/qms.toml")).expect("read");
    for n in 3..=7 {
        qms.push_str(&format!(
            "\n[[component]]\nid = \"Q{n}\"\nname = \"C{n}\"\nowner = \"O\"\ncurrent_level = 1\ntarget_level = 1\ndirection = \"keep\"\nreview_months = 12\n"
        ));
    }
    fs::write(site.path().join("content/qms/qms.toml"), qms).expect("write");
    let root = site.path().to_string_lossy().into_owned();
    let plain = qmsite(&["check", "--root", &root, "--today", TODAY]);
    let err = text(&plain.stderr);
    assert_eq!(plain.status.code(), Some(0), "{err}");
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("never been reviewed"))
        .collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("warning: 5 QMS components have never been reviewed")
            && lines[0].contains("--verbose"),
        "{err}"
    );
    let verbose = qmsite(&["check", "--root", &root, "--today", TODAY, "--verbose"]);
    let err = text(&verbose.stderr);
    assert_eq!(err.matches("has never been reviewed").count(), 5, "{err}");
}

#[test]
fn files_that_are_not_content_are_skipped_and_listed_with_verbose() {
    let site = fixture("minimal");
    let root = site.path().to_string_lossy().into_owned();
    fs::write(
        site.path().join("content/assessments/two.toml.bak"),
        "broken [",
    )
    .expect("write");
    fs::write(
        site.path().join("content/assessments/~$interviews.xlsx"),
        "x",
    )
    .expect("write");
    fs::write(site.path().join("content/assessments/interviews.xlsx"), "x").expect("write");
    fs::write(site.path().join("content/pages/method.md~"), "x").expect("write");
    let o = qmsite(&["build", "--root", &root, "--today", TODAY, "--verbose"]);
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("content/assessments/two.toml.bak: note: skipped: an editor backup or temporary file, not content"),
        "{err}"
    );
    assert!(
        err.contains("interviews.xlsx: note: skipped: a spreadsheet kept beside the content"),
        "{err}"
    );
    assert!(
        err.contains("~$interviews.xlsx: note: skipped: an office program's temporary file"),
        "{err}"
    );
    // An editor backup in the pages is not published either.
    assert!(!site.path().join("output/pages/method.md~").exists());
    let quiet = qmsite(&["build", "--root", &root, "--today", TODAY]);
    assert!(
        !text(&quiet.stderr).contains("skipped"),
        "notes only with --verbose"
    );
}

#[test]
fn a_partial_strings_file_falls_back_to_english_key_by_key_with_one_warning() {
    let site = fixture("minimal");
    let root = site.path().to_string_lossy().into_owned();
    edit(
        site.path(),
        "qmsite.toml",
        "main_framework = \"mini\"",
        "main_framework = \"mini\"\nlanguage = \"sk\"",
    );
    fs::create_dir_all(site.path().join("themes/default/i18n")).expect("mkdir");
    fs::write(
        site.path().join("themes/default/i18n/sk.toml"),
        "skip_to_content = \"Preskočiť na obsah\"\nnav_home = \"Prehľad\"\n",
    )
    .expect("write");
    let o = qmsite(&["build", "--root", &root, "--today", TODAY]);
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("have no \"sk\" text"))
        .collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].starts_with("themes/default/i18n/sk.toml: warning:"),
        "{err}"
    );
    let home = fs::read_to_string(site.path().join("output/index.html")).expect("home");
    assert!(
        home.contains("Preskočiť na obsah") && home.contains("Prehľad"),
        "translated keys"
    );
    assert!(
        home.contains("Improvement plan"),
        "missing keys show in English"
    );
}

#[test]
fn the_brand_is_applied_without_copying_the_theme() {
    let site = fixture("minimal");
    let root = site.path().to_string_lossy().into_owned();
    let statics = site.path().join("themes/default/static");
    fs::create_dir_all(&statics).expect("mkdir");
    fs::write(
        statics.join("brand.css"),
        ".brand-title { letter-spacing: .05em; }\n",
    )
    .expect("css");
    fs::write(statics.join("logo.png"), b"\x89PNG\r\n\x1a\n").expect("logo");
    edit(
        site.path(),
        "qmsite.toml",
        "main_framework = \"mini\"",
        "main_framework = \"mini\"\n\n[brand]\nlogo = \"themes/default/static/logo.png\"\naccent = \"#0B5D1E\"\nstylesheet = \"themes/default/static/brand.css\"\nconfidentiality = \"Internal: IT department only\"",
    );
    let o = qmsite(&["build", "--root", &root, "--today", TODAY]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = site.path().join("output");
    let page = fs::read_to_string(out.join("pages/method.html")).expect("page");
    let theme_css = page.find("static/qmsite.css").expect("theme stylesheet");
    let brand_css = page
        .find("href=\"../static/brand.css\"")
        .expect("brand stylesheet");
    assert!(
        theme_css < brand_css,
        "the brand's stylesheet comes after the theme's"
    );
    assert!(page.contains(":root { --accent: #0b5d1e; }"), "{page}");
    assert!(page.contains("<img class=\"brand-logo\" src=\"../static/logo.png\" alt=\"\">"));
    assert_eq!(
        page.matches("Internal: IT department only").count(),
        2,
        "top and foot"
    );
    // The theme's own stylesheet is still the built-in one, whole.
    let css = fs::read_to_string(out.join("static/qmsite.css")).expect("css");
    assert!(css.contains(".site-header"));

    // A light accent would make links unreadable on white: refused at its line.
    edit(site.path(), "qmsite.toml", "#0B5D1E", "#FFD700");
    let o = qmsite(&["check", "--root", &root, "--today", TODAY]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains(
            "qmsite.toml:8:10: error: accent \"#FFD700\" has a contrast of 1.4:1 with white"
        ),
        "{err}"
    );
}

#[test]
fn empty_required_text_and_placeholders_are_warnings() {
    let site = fixture("minimal");
    let root = site.path().to_string_lossy().into_owned();
    edit(
        site.path(),
        "content/assessments/two.toml",
        "assessor = \"A. Assessor\"",
        "assessor = \"\"",
    );
    edit(
        site.path(),
        "content/pages/method.md",
        "Interviews.",
        "Interviews. TODO: add the schedule.",
    );
    let o = qmsite(&["check", "--root", &root, "--today", TODAY]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("content/assessments/two.toml:4:12: warning: `assessor` is empty"),
        "{err}"
    );
    assert!(
        err.contains("warning: page \"method\" still holds placeholder text (TODO)"),
        "{err}"
    );
    let strict = qmsite(&[
        "check",
        "--root",
        &root,
        "--today",
        TODAY,
        "--deny-warnings",
    ]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn the_broken_figure_scan_finds_nan_and_infinity_but_not_words() {
    let caught = |text: &str| {
        std::panic::catch_unwind(|| common::assert_no_broken_figures("index.html", text.as_bytes()))
            .is_err()
    };
    assert!(caught("<p class=\"tile-value\">NaN</p>"));
    assert!(caught("<td>inf %</td>"));
    assert!(caught("{\"value\":Infinity}"));
    assert!(!caught(
        "<p>More information: infrastructure, Nancy's findings.</p>"
    ));
    assert!(
        std::panic::catch_unwind(|| common::assert_no_broken_figures(
            "static/vendor/echarts/echarts.min.js",
            b"isNaN(x)||NaN"
        ))
        .is_ok()
    );
}

#[test]
fn dates_at_the_end_of_the_documented_years_still_compute_every_figure() {
    let site = fixture("minimal");
    let root = site.path().to_string_lossy().into_owned();
    edit(
        site.path(),
        "qmsite.toml",
        "assessment_cadence_years = 2",
        "assessment_cadence_years = 10",
    );
    edit(
        site.path(),
        "content/assessments/two.toml",
        "date = 2024-05-01",
        "date = 2199-12-31",
    );
    let o = qmsite(&["build", "--root", &root, "--today", "2199-12-31"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let home = fs::read_to_string(site.path().join("output/index.html")).expect("home");
    assert!(
        home.contains("2209-12-31"),
        "the next assessment is due ten years on"
    );
    assert!(!home.contains("No assessment has been recorded yet"));
    // --today is held to the same years.
    let o = qmsite(&["check", "--root", &root, "--today", "9998-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("expected a date from 1900-01-01 to 2199-12-31"));
}
