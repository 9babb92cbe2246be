//! The report in the reader's language: the example site built with `language = "de"` and with
//! `language = "cs"` shows no English word of the theme. The example's own content (its
//! narratives, framework and assessments) stays English, so only the theme's strings are looked
//! for: every English string (or each part of it between `{placeholders}`) that the other
//! language does not itself use and that the site's content does not contain.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use scraper::{Html, Node};

const TODAY: &str = "2026-11-24";

/// A built-in string table by key.
fn table(language: &str) -> BTreeMap<String, String> {
    let path = common::repo().join(format!("themes/default/i18n/{language}.toml"));
    let text = fs::read_to_string(&path).expect("read strings");
    toml::from_str(&text).expect("strings parse")
}

/// Whether `needle` occurs in `text` as whole words (not inside a longer word).
fn contains_words(text: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(needle).any(|(i, _)| {
        !word(text[..i].chars().next_back()) && !word(text[i + needle.len()..].chars().next())
    })
}

/// The literal parts of an English string between its placeholders, long enough to tell a
/// leaked English phrase from a word every language shares.
fn fragments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let (before, after) = match rest.find('{') {
            Some(open) => (
                &rest[..open],
                rest[open..].find('}').map(|c| &rest[open + c + 1..]),
            ),
            None => (rest, None),
        };
        let part = before.trim_matches(|c: char| !c.is_alphanumeric());
        if part.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            out.push(part.to_owned());
        }
        match after {
            Some(a) => rest = a,
            None => return out,
        }
    }
}

/// Everything a reader can see on a page: its text outside scripts and styles, the attributes
/// read aloud or shown (labels, titles, placeholders, the words scripts show), and the chart
/// data the page draws.
fn visible(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    for node in doc.tree.nodes() {
        match node.value() {
            Node::Text(t) => {
                let hidden = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "style" | "script"))
                });
                let chart_data = node
                    .parent()
                    .and_then(|p| p.value().as_element())
                    .is_some_and(|e| {
                        e.name() == "script" && e.attr("type") == Some("application/json")
                    });
                if !hidden || chart_data {
                    out.push_str(t);
                    out.push('\n');
                }
            }
            Node::Element(e) => {
                for (name, value) in e.attrs() {
                    let shown = matches!(name, "aria-label" | "title" | "alt" | "placeholder")
                        || name.starts_with("data-");
                    if shown {
                        out.push_str(value);
                        out.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The text of every file of the site's input, its lines joined as a page joins them: English
/// found there may come from the content.
fn content_text(site: &Path) -> String {
    let mut out = fs::read_to_string(site.join("qmsite.toml")).expect("config");
    for entry in walkdir::WalkDir::new(site.join("content")) {
        let entry = entry.expect("walk content");
        if entry.file_type().is_file() {
            out.push_str(&fs::read_to_string(entry.path()).unwrap_or_default());
            out.push('\n');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds a copy of the example in `language` and returns its visible text, every page's and
/// the search index's, and the text of its content; it checks that the dashboard writes the
/// example's index, 57.8, as `index` and the latest assessment's date, 2026-03-27, as `date`.
fn build_in(language: &str, index: &str, date: &str) -> (String, String) {
    let site = common::example();
    common::edit(
        site.path(),
        "qmsite.toml",
        "language = \"en\"\nlanguages = [\"cs\"]",
        &format!("language = \"{language}\""),
    );
    // The site in one language only: the Czech translations go with the Czech edition.
    for entry in walkdir::WalkDir::new(site.path()) {
        let entry = entry.expect("walk site");
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(".cs.toml") || name.ends_with(".cs.md") {
            fs::remove_file(entry.path()).expect("remove translation");
        }
    }
    let out = site.path().join("output");
    let o = common::qmsite(&[
        "build",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        TODAY,
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{language}: {err}");
    assert!(
        !err.contains("show in English"),
        "{language}: the built-in table lacks keys: {err}"
    );
    let home = fs::read_to_string(out.join("index.html")).expect("home page");
    assert!(
        home.contains(&format!("<html lang=\"{language}\"")),
        "{language}: the pages say their language"
    );
    assert!(
        home.contains(&format!("<p class=\"tile-value\">{index}<")),
        "{language}: the dashboard shows the index as {index}"
    );
    assert!(
        home.contains(&format!("</a>, <span class=\"nobr\">{date}</span>")),
        "{language}: the dashboard dates the latest assessment {date}"
    );
    let mut text = String::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.expect("walk output");
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html") {
            text.push_str(&visible(&fs::read_to_string(path).expect("page")));
        }
    }
    let index = fs::read_to_string(out.join("search-index.js")).expect("search index");
    let clause = &table(language)["iso_8_5_1"];
    assert!(
        index.contains(&format!("8.5.1 {clause}")),
        "{language}: the search index finds clause 8.5.1 by its title {clause:?}"
    );
    text.push_str(&index);
    (text, content_text(site.path()))
}

/// The English strings of the theme found in `text`, as `key: "fragment"`.
fn english_in(text: &str, content: &str, own: &BTreeMap<String, String>) -> Vec<String> {
    let own_text: Vec<&String> = own.values().collect();
    let mut found = Vec::new();
    for (key, english) in table("en") {
        if own.get(&key) == Some(&english) {
            continue;
        }
        for f in fragments(&english) {
            let shared = own_text.iter().any(|v| contains_words(v, &f));
            if !shared && !contains_words(content, &f) && contains_words(text, &f) {
                found.push(format!("{key}: {f:?}"));
            }
        }
    }
    found
}

#[test]
fn a_german_site_shows_no_english_word_of_the_theme() {
    let (text, content) = build_in("de", "57,8", "27.03.2026");
    let leaks = english_in(&text, &content, &table("de"));
    assert!(
        leaks.is_empty(),
        "English in the German build:\n{}",
        leaks.join("\n")
    );
    for german in [
        "Verbesserungsplan",
        "Übersicht",
        "Abdeckung der ISO/IEC 20000-1",
        "Änderungsmanagement",
        // Figures with German grouping and decimal comma: the latest cost per user, its share
        // of revenue.
        "5.600\u{a0}EUR",
        "3,7\u{a0}%",
    ] {
        assert!(
            text.contains(german),
            "{german:?} missing from the German build"
        );
    }
}

#[test]
fn a_czech_site_shows_no_english_word_of_the_theme() {
    let (text, content) = build_in("cs", "57,8", "27. 3. 2026");
    let leaks = english_in(&text, &content, &table("cs"));
    assert!(
        leaks.is_empty(),
        "English in the Czech build:\n{}",
        leaks.join("\n")
    );
    for czech in [
        "Plán zlepšení",
        "Přehled",
        "Pokrytí ISO/IEC 20000-1",
        "Řízení změn",
    ] {
        assert!(
            text.contains(czech),
            "{czech:?} missing from the Czech build"
        );
    }
}

/// The scan itself works: on the English build it finds the theme's English everywhere, so an
/// empty result for another language means something.
#[test]
fn the_scan_finds_the_theme_s_english_in_an_english_build() {
    let (text, content) = build_in("en", "57.8", "2026-03-27");
    let found = english_in(&text, &content, &table("de"));
    assert!(
        found.len() > 150,
        "only {} found:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn fragments_are_the_words_between_placeholders() {
    assert_eq!(
        fragments("The index rose from {old} to {new} ({change})."),
        ["The index rose from"]
    );
    assert_eq!(
        fragments("{dimension} went from {old} to {new}."),
        ["went from"]
    );
    assert!(fragments("+{delta}").is_empty());
    assert!(contains_words("a Plan b", "Plan"));
    assert!(!contains_words("Planung", "Plan"));
}
