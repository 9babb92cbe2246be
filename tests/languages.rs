//! A site in several languages: the default at the output root, each other under its own folder,
//! with content translations laid over the files they translate and a language switcher that
//! leads to the same page.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const TODAY: &str = "2024-11-01";

/// The minimal fixture built in English and Czech, with the translations given as
/// `(path, text)` pairs. Returns the site, the exit code and stderr.
fn with_czech(files: &[(&str, &str)], verb: &str) -> (tempfile::TempDir, i32, String) {
    let site = common::fixture("minimal");
    common::edit(
        site.path(),
        "qmsite.toml",
        "title = \"Minimal site\"",
        "title = \"Minimal site\"\nlanguages = [\"cs\"]",
    );
    for (path, text) in files {
        fs::write(site.path().join(path), text).expect("write translation");
    }
    let o = common::qmsite(&[
        verb,
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        TODAY,
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    (site, o.status.code().unwrap_or(-1), err)
}

/// Every HTML page below `dir`, by its path relative to it, leaving out other languages' folders.
fn pages(dir: &Path, skip: Option<&str>) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("below");
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .filter(|rel| skip.is_none_or(|s| !rel.starts_with(s)))
        .collect()
}

const FRAMEWORK_CS: &str = r#"name = "Mini index (česky)"

[[domain]]
id = "A"
name = "Alfa"

[[dimension]]
id = "A.1"
name = "První rozměr"
"#;

const SUMMARY_CS: &str = "+++\ntitle = \"Shrnutí\"\n+++\nText shrnutí v češtině.\n";

#[test]
fn every_page_exists_in_both_languages_and_the_switcher_leads_to_the_same_page() {
    let (site, code, err) = with_czech(
        &[
            ("content/frameworks/mini.cs.toml", FRAMEWORK_CS),
            ("content/pages/summary.cs.md", SUMMARY_CS),
        ],
        "build",
    );
    assert_eq!(code, 0, "{err}");
    let out = site.path().join("output");
    let mut english = pages(&out, Some("cs/"));
    let czech = pages(&out.join("cs"), None);
    assert!(english.len() > 10, "{english:?}");
    assert!(
        english.remove("404.html"),
        "one not-found page, the default language's"
    );
    assert_eq!(english, czech, "the same pages in both languages");

    let dimension = "frameworks/mini/a.1.html";
    assert!(english.contains(dimension), "{english:?}");
    let en = fs::read_to_string(out.join(dimension)).expect("English page");
    let cs = fs::read_to_string(out.join("cs").join(dimension)).expect("Czech page");
    assert!(en.contains("<html lang=\"en\""), "the English page says en");
    assert!(cs.contains("<html lang=\"cs\""), "the Czech page says cs");
    // The switcher on each leads to the other's same page.
    assert!(
        en.contains("href=\"../../cs/frameworks/mini/a.1.html\" hreflang=\"cs\""),
        "English → Czech: {}",
        switcher(&en)
    );
    assert!(
        cs.contains("href=\"../../../frameworks/mini/a.1.html\" hreflang=\"en\""),
        "Czech → English: {}",
        switcher(&cs)
    );
    assert!(cs.contains("<link rel=\"alternate\" hreflang=\"en\""));
    // Each language is named in itself, on both sides.
    for page in [&en, &cs] {
        let names = switcher(page);
        assert!(
            names.contains(">English</a>") && names.contains(">Čeština</a>"),
            "{names}"
        );
    }

    // Translated texts show in Czech only; untranslated ones stay English in both.
    assert!(cs.contains("První rozměr") && !en.contains("První rozměr"));
    assert!(
        en.contains(">First<") || en.contains("First"),
        "English name kept"
    );
    let cs_home = fs::read_to_string(out.join("cs/index.html")).expect("Czech home");
    assert!(
        cs_home.contains("Alfa"),
        "the domain's Czech name on the dashboard"
    );
    assert!(
        cs_home.contains("Beta"),
        "an untranslated domain keeps its name"
    );

    // A translated narrative is in Czech; one without translation is marked as English.
    let summary = fs::read_to_string(out.join("cs/pages/summary.html")).expect("summary");
    assert!(summary.contains("Text shrnutí v češtině.") && summary.contains("Shrnutí"));
    assert!(!summary.contains("<article class=\"prose\" lang="));
    let method = fs::read_to_string(out.join("cs/pages/method.html")).expect("method");
    assert!(
        method.contains("<article class=\"prose\" lang=\"en\">"),
        "an untranslated narrative says it is English"
    );
    // Each language has its own search index, in its own words.
    let index = fs::read_to_string(out.join("cs/search-index.js")).expect("Czech index");
    assert!(index.contains("První rozměr"));
    assert!(
        !fs::read_to_string(out.join("search-index.js"))
            .expect("English index")
            .contains("První rozměr")
    );
    // One warning counts what stays English.
    assert!(
        err.contains("W610") && err.contains("\"cs\": 2 narratives and"),
        "{err}"
    );
}

/// The language switcher's markup, for messages.
fn switcher(html: &str) -> &str {
    html.find("<nav class=\"languages\"")
        .map_or("(no switcher)", |at| &html[at..(at + 400).min(html.len())])
}

#[test]
fn a_translation_may_change_only_texts_and_every_mistake_names_its_place() {
    let bad = r#"name = "Mini"
example = false

[[dimension]]
id = "A.9"
name = "Nic"

[[domain]]
id = "A"
colour = "x"
"#;
    let (_site, code, err) = with_czech(
        &[
            ("content/frameworks/mini.cs.toml", bad),
            ("content/pages/nothing.cs.md", "+++\ntitle = \"X\"\n+++\n"),
        ],
        "check",
    );
    assert_eq!(code, 1, "{err}");
    let place = "content/frameworks/mini.cs.toml:";
    // A boolean is not a text, so it stays as the original says.
    assert!(
        err.contains(&format!(
            "{place}2:1: error: `example` is not a text readers see"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{place}4:1: error: `dimension` of content/frameworks/mini.toml has no entry A.9"
        )) || err.contains("has no entry A.9"),
        "{err}"
    );
    assert!(err.contains("`colour` is not a key of"), "{err}");
    assert!(
        err.contains("content/pages/nothing.cs.md: error: translates content/pages/nothing.md, which is not a content file"),
        "{err}"
    );
    assert!(err.contains("E416"), "{err}");
}

#[test]
fn a_language_listed_twice_or_without_strings_is_refused_at_its_place() {
    let site = common::fixture("minimal");
    common::edit(
        site.path(),
        "qmsite.toml",
        "title = \"Minimal site\"",
        "title = \"Minimal site\"\nlanguages = [\"en\", \"xx\", \"../up\"]",
    );
    let (code, err) = common::check(site.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("qmsite.toml:2:14: error: language \"en\" is given twice"),
        "{err}"
    );
    assert!(
        err.contains("qmsite.toml:2:20: error: no theme strings for language \"xx\""),
        "{err}"
    );
    assert!(err.contains("\"../up\" is not a language code"), "{err}");
}

#[test]
fn the_example_is_built_in_english_and_czech_with_its_czech_content() {
    let (_site, out) = common::build_example();
    let mut english = pages(&out, Some("cs/"));
    english.remove("404.html");
    assert_eq!(english, pages(&out.join("cs"), None));
    let home = fs::read_to_string(out.join("cs/index.html")).expect("Czech home");
    assert!(home.contains("<html lang=\"cs\""));
    // The framework and the executive summary are translated.
    let report = fs::read_to_string(out.join("cs/report.html")).expect("Czech report");
    assert!(
        !report.contains("<div class=\"prose\" lang=\"en\">"),
        "the report's narratives are all in Czech"
    );
}

#[test]
fn translations_of_a_language_dropped_from_the_list_are_skipped_with_a_warning() {
    let site = common::example();
    common::edit(site.path(), "qmsite.toml", "languages = [\"cs\"]\n", "");
    let o = common::qmsite(&[
        "build",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        "2026-11-24",
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(
            "content/pages/findings.cs.md: warning: skipped: named as a translation into \"cs\""
        ),
        "{err}"
    );
    assert!(!site.path().join("output/cs").exists(), "no Czech pages");
}
