//! Property tests (proptest) feeding random and mutated input to every loader, the front-matter
//! splitter, the Markdown renderer and the whole pipeline held in memory. Nothing may panic, and
//! no rendered HTML may carry a live script.
//!
//! The default run is short; set `PROPTEST_CASES` for a long one (see docs/fuzzing.md).

mod common;

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, FileFailurePersistence};

use qmsite::content as load;
use qmsite::diagnostics::{Diagnostics, SourceFile};

/// Cases per property: `PROPTEST_CASES` when set, else a short default.
fn config(default: u32) -> RunnerConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    RunnerConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..RunnerConfig::default()
    }
}

/// The base site: every file of the minimal fixture and the example site's files of each kind,
/// as (path below the site root, text).
fn seeds() -> &'static Vec<(String, String)> {
    static SEEDS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = common::repo().join("tests/fixtures/minimal");
        let mut v: Vec<(String, String)> = common::snapshot(&root)
            .into_iter()
            .map(|(k, bytes)| (k, String::from_utf8(bytes).expect("UTF-8 fixture")))
            .collect();
        v.sort();
        v
    })
}

/// Extra texts to mutate for each kind (the example site's richer files).
fn example_texts() -> &'static Vec<(String, String)> {
    static EX: OnceLock<Vec<(String, String)>> = OnceLock::new();
    EX.get_or_init(|| {
        let root = common::repo();
        let mut v: Vec<(String, String)> = common::snapshot(&root.join("content"))
            .into_iter()
            .map(|(k, bytes)| {
                (
                    format!("content/{k}"),
                    String::from_utf8(bytes).expect("UTF-8 example"),
                )
            })
            .collect();
        v.push((
            "qmsite.toml".to_owned(),
            std::fs::read_to_string(root.join("qmsite.toml")).expect("config"),
        ));
        v.sort();
        v
    })
}

/// Fragments that stress parsers and validators: TOML syntax, extreme numbers and dates, odd
/// Unicode, markup and template syntax.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ".",
    "\n",
    "\r\n",
    "\r",
    "#",
    "\\",
    "\\u",
    "\\U0010FFFF",
    "\"\"\"",
    "'''",
    "+++",
    "+++\n",
    "1e999",
    "-1e999",
    "nan",
    "-nan",
    "inf",
    "-inf",
    "-0",
    "0",
    "1e-320",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "0x7FFFFFFF",
    "0o777",
    "0b1",
    "1_000",
    "2024-02-29",
    "2023-02-29",
    "0000-01-01",
    "9999-12-31",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "true",
    "false",
    "[]",
    "{}",
    "[[]]",
    "{ a = 1 }",
    "id = \"x\"",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "\u{2028}",
    "\u{fffd}",
    "é",
    "𝔘",
    "ﷺ",
    "<script>alert(1)</script>",
    "</script>",
    "<!--",
    "-->",
    "{{ x }}",
    "{% if %}",
    "{#",
    "javascript:alert(1)",
    "@/",
    "../",
    "#",
    "%",
    "%2e%2e/",
    "A",
    "D1.1",
    "mini:A.1",
    "inno:",
    ":",
    "10.2",
    "8.6",
    "level",
    "dimension",
    "weight",
    "[[rating]]",
    "[[dimension]]",
    "[[scale]]",
    "[[domain]]",
    "[[peer]]",
    "[[component]]",
    "[[improvement]]",
    "[[clause]]",
    "[cost]",
    "[group]",
    "[rollup]",
    "[peer.domains]",
];

/// String contents that keep a TOML file well-formed but test validation and rendering.
const VALUE_STRINGS: &[&str] = &[
    "",
    " ",
    "x",
    "A",
    "B",
    "A.1",
    "A.2",
    "B.1",
    "mini",
    "inno",
    "inno:I.2",
    "mini:A.1",
    "low",
    "mid",
    "high",
    "Q1",
    "Q2",
    "I-1",
    "two",
    "one",
    "10.2",
    "8.6.1",
    "8.6",
    "4",
    "raise",
    "keep",
    "lower",
    "done",
    "proposed",
    "in-progress",
    "C",
    "XL",
    "assessment",
    "<script>alert(1)</script>",
    "</script><!--",
    "{{ site.title }}",
    "{% raw %}",
    "é𝔘\u{202e}\u{2028}",
    "javascript:alert(1)",
    "pages/method.html",
    "@/index.html",
    "../x",
    "mailto:x@y",
    "https://intranet.example/",
];

/// Numbers and dates that keep a TOML file well-formed but test validation and computation.
const VALUE_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "5",
    "6",
    "120",
    "121",
    "0.5",
    "1e308",
    "-1e308",
    "1e-320",
    "100",
    "9223372036854775807",
    "-9223372036854775808",
    "2024-02-29",
    "0001-01-01",
    "9999-12-31",
    "2026-11-24",
    "2026-11-25",
    "1970-01-01",
    "2024-05-01T10:00:00",
];

/// One edit of a text.
#[derive(Debug, Clone)]
enum Op {
    Insert(u32, usize),
    Delete(u32, u16),
    DuplicateLine(u32),
    SwapLines(u32, u32),
    ReplaceChar(u32, char),
    /// Replaces the content of the n-th quoted string with a token.
    ReplaceString(u16, usize),
    /// Replaces the n-th number (or date) with a token.
    ReplaceNumber(u16, usize),
    Truncate(u32),
    /// Sets the content of the n-th quoted string to a well-formed value.
    SetString(u16, usize),
    /// Sets the n-th number or date to a well-formed value.
    SetNumber(u16, usize),
}

/// Edits that keep the file well-formed TOML, so validation, computation and rendering run.
fn value_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<u16>(), 0..VALUE_STRINGS.len()).prop_map(|(n, t)| Op::SetString(n, t)),
        (any::<u16>(), 0..VALUE_NUMBERS.len()).prop_map(|(n, t)| Op::SetNumber(n, t)),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let t = 0..TOKENS.len();
    prop_oneof![
        (any::<u32>(), t.clone()).prop_map(|(p, t)| Op::Insert(p, t)),
        (any::<u32>(), 1..64u16).prop_map(|(p, n)| Op::Delete(p, n)),
        any::<u32>().prop_map(Op::DuplicateLine),
        (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Op::SwapLines(a, b)),
        (any::<u32>(), any::<char>()).prop_map(|(p, c)| Op::ReplaceChar(p, c)),
        (any::<u16>(), t.clone()).prop_map(|(n, t)| Op::ReplaceString(n, t)),
        (any::<u16>(), t).prop_map(|(n, t)| Op::ReplaceNumber(n, t)),
        any::<u32>().prop_map(Op::Truncate),
    ]
}

/// A char boundary of `text` chosen by `p`.
fn at(text: &str, p: u32) -> usize {
    let n = text.chars().count() + 1;
    let k = p as usize % n;
    text.char_indices().nth(k).map_or(text.len(), |(i, _)| i)
}

fn apply(text: &mut String, op: &Op) {
    match op {
        Op::Insert(p, t) => {
            let i = at(text, *p);
            text.insert_str(i, TOKENS[*t]);
        }
        Op::Delete(p, n) => {
            let i = at(text, *p);
            let end = text[i..]
                .char_indices()
                .nth(*n as usize)
                .map_or(text.len(), |(k, _)| i + k);
            text.replace_range(i..end, "");
        }
        Op::DuplicateLine(p) | Op::SwapLines(p, _) | Op::Truncate(p) if text.is_empty() => {
            let _ = p;
        }
        Op::DuplicateLine(p) => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let k = *p as usize % lines.len();
            let mut v: Vec<String> = lines.iter().map(|s| (*s).to_owned()).collect();
            v.insert(k, lines[k].to_owned());
            *text = v.concat();
        }
        Op::SwapLines(a, b) => {
            let mut v: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
            let (a, b) = (*a as usize % v.len(), *b as usize % v.len());
            v.swap(a, b);
            *text = v.concat();
        }
        Op::ReplaceChar(p, c) => {
            let i = at(text, *p);
            if let Some(old) = text[i..].chars().next() {
                text.replace_range(i..i + old.len_utf8(), &c.to_string());
            }
        }
        Op::ReplaceString(n, t) => {
            let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
            let pairs = quotes.len() / 2;
            if pairs > 0 {
                let k = *n as usize % pairs;
                let (s, e) = (quotes[2 * k] + 1, quotes[2 * k + 1]);
                text.replace_range(s..e, TOKENS[*t]);
            }
        }
        Op::ReplaceNumber(n, t) => {
            let numbers: Vec<(usize, usize)> = number_spans(text);
            if !numbers.is_empty() {
                let (s, e) = numbers[*n as usize % numbers.len()];
                text.replace_range(s..e, TOKENS[*t]);
            }
        }
        Op::Truncate(p) => {
            let i = at(text, *p);
            text.truncate(i);
        }
        Op::SetString(n, t) => {
            let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
            let pairs = quotes.len() / 2;
            if pairs > 0 {
                let k = *n as usize % pairs;
                let (s, e) = (quotes[2 * k] + 1, quotes[2 * k + 1]);
                text.replace_range(s..e, VALUE_STRINGS[*t]);
            }
        }
        Op::SetNumber(n, t) => {
            let numbers: Vec<(usize, usize)> = number_spans(text);
            if !numbers.is_empty() {
                let (s, e) = numbers[*n as usize % numbers.len()];
                text.replace_range(s..e, VALUE_NUMBERS[*t]);
            }
        }
    }
}

/// Byte spans of runs of digits, '-', ':' and '.' following "= " (numbers and dates as values).
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    for (i, _) in text.match_indices("= ") {
        let s = i + 2;
        let len = text[s..]
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | ':' | '.' | 'T' | 'Z')))
            .unwrap_or(text.len() - s);
        if len > 0 && text[s..].starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            v.push((s, s + len));
        }
    }
    v
}

/// Every TOML loader: parsing a text as each file kind never panics.
fn parse_every_kind(path: &str, text: &str) {
    use qmsite::content::model::*;
    let source = SourceFile::new(path, text.to_owned());
    let mut d = Diagnostics::new();
    let _ = load::parse_toml::<qmsite::content::config::Config>(&source, &mut d);
    let _ = load::parse_toml::<framework::FrameworkFile>(&source, &mut d);
    let _ = load::parse_toml::<assessment::AssessmentFile>(&source, &mut d);
    let _ = load::parse_toml::<benchmark::BenchmarkFile>(&source, &mut d);
    let _ = load::parse_toml::<qms::QmsFile>(&source, &mut d);
    let _ = load::parse_toml::<improvement::RegisterFile>(&source, &mut d);
    let _ = load::parse_toml::<coverage::CoverageFile>(&source, &mut d);
    let _ = load::parse_toml::<page::FrontMatter>(&source, &mut d);
    // Every diagnostic can be located and printed.
    for diag in d.iter() {
        let _ = diag.to_string();
    }
}

struct Theme {
    theme: qmsite::theme::Theme,
    tera: tera::Tera,
}

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        let mut d = Diagnostics::new();
        let theme =
            qmsite::theme::load(Path::new("/nonexistent-fuzz-site"), "default", "en", &mut d);
        let tera = qmsite::render::templates::templates(&theme, &mut d).expect("templates");
        Theme { theme, tera }
    })
}

/// The whole pipeline in memory, as `qmsite build` runs it up to the write: returns the rendered
/// pages when the site is valid.
fn pipeline(files: &[(String, String)]) -> Vec<qmsite::render::RenderedPage> {
    let root = Path::new("/nonexistent-fuzz-site");
    let today: jiff::civil::Date = "2026-11-24".parse().expect("date");
    let mut d = Diagnostics::new();
    let config = files
        .iter()
        .find(|(p, _)| p == "qmsite.toml")
        .map_or("", |(_, t)| t.as_str());
    let others: Vec<(String, String)> = files
        .iter()
        .filter(|(p, _)| p != "qmsite.toml")
        .cloned()
        .collect();
    let Some(raw) = load::site_from_texts(root, config, &others, &mut d) else {
        return Vec::new();
    };
    let Some(site) = qmsite::validate::validate(&raw, today, &mut d) else {
        return Vec::new();
    };
    for diag in d.iter() {
        let _ = diag.to_string();
    }
    if d.has_errors() {
        return Vec::new();
    }
    if std::env::var_os("FUZZ_STATS").is_some() {
        eprintln!("fuzz-stats: rendered");
    }
    let report = qmsite::report::compute(&site, today);
    let t = theme();
    let strings =
        qmsite::render::strings::Strings::new(t.theme.strings.clone(), &site.config.language);
    let plan = qmsite::plan::plan(&site, &report, &strings);
    // Charts are not drawn (hundreds of cases); the drawing has its own unit tests.
    let inputs = qmsite::build::pages::Inputs {
        site: &site,
        report: &report,
        plan: &plan,
        strings: &strings,
        tera: &t.tera,
        drawer: None,
    };
    let pages = qmsite::build::pages::render_pages(&inputs, None, &mut d);
    let index = qmsite::check::links::Index::new(&pages, &[]);
    qmsite::check::links::check(&site, &t.theme, &pages, &index, "", &mut d);
    for diag in d.iter() {
        let _ = diag.to_string();
    }
    pages
}

fn mutated_site() -> impl Strategy<Value = Vec<(String, String)>> {
    let n = seeds().len();
    let m = example_texts().len();
    (
        0..n,
        prop::option::weighted(0.2, 0..m),
        prop_oneof![
            1 => prop::collection::vec(op(), 1..6),
            3 => prop::collection::vec(value_op(), 1..4),
        ],
    )
        .prop_map(|(which, example, ops)| {
            let mut files = seeds().clone();
            // Sometimes start from an example file of the same kind instead of the fixture's.
            if let Some(e) = example {
                let (path, text) = &example_texts()[e];
                if path.starts_with("content/pages/") {
                    files.push((path.clone(), text.clone()));
                }
            }
            let text = &mut files[which].1;
            for o in &ops {
                apply(text, o);
            }
            files
        })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn toml_loaders_never_panic_on_mutated_files(
        which in 0..64usize,
        ops in prop::collection::vec(op(), 0..12),
    ) {
        let all = example_texts();
        let (path, text) = &all[which % all.len()];
        let mut text = text.clone();
        for o in &ops {
            apply(&mut text, o);
        }
        parse_every_kind(path, &text);
    }

    #[test]
    fn toml_loaders_never_panic_on_random_text(text in "(\\PC|[\\[\\]{}=\"'#\\n.,0-9-])*") {
        parse_every_kind("content/x.toml", &text);
    }

    #[test]
    fn the_front_matter_splitter_never_panics_and_returns_valid_ranges(
        parts in prop::collection::vec(
            prop_oneof![
                Just("+++".to_owned()), Just("+++ ".to_owned()), Just("+++\r".to_owned()),
                Just("\n".to_owned()), Just("\r\n".to_owned()), Just("title = \"x\"".to_owned()),
                Just("é".to_owned()), Just("\u{feff}".to_owned()), any::<char>().prop_map(String::from),
            ],
            0..24,
        )
    ) {
        let text = parts.concat();
        if let Some((range, body)) = load::split_front_matter(&text) {
            prop_assert!(range.start <= range.end && range.end <= body && body <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            prop_assert!(text.is_char_boundary(body));
            prop_assert!(text.starts_with("+++"));
        }
    }
}

/// Markdown and raw HTML built from pieces that injection attempts are made of.
const MARKUP: &[&str] = &[
    "<script>",
    "</script>",
    "<SCRIPT SRC=x>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<math>",
    "<mglyph>",
    "<style>",
    "</style>",
    "<iframe srcdoc=\"",
    "<a href=\"",
    "\">",
    "'",
    "\"",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "&#106;avascript:",
    "&#x6A;",
    "vbscript:",
    "data:text/html,",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<noscript>",
    "<template>",
    "<base href=",
    "<form action=",
    "<object data=",
    "<embed src=",
    "<meta http-equiv=refresh content=",
    "onclick=",
    " onmouseover=",
    "style=\"background:url(",
    "[x](",
    ")",
    "![i](",
    "<",
    ">",
    "&",
    ";",
    "\n",
    "\n\n",
    "## h {#id onclick=x}",
    "| a | b |\n|---|---|\n",
    "[^1]",
    "[^1]: n\n",
    "[^A]",
    "[^a]: ",
    "https://x.example/a_b?c=1&d=2",
    "www.x.example",
    "qm@x.example",
    "## Main",
    "## Fn 1",
    "- [ ] ",
    "`",
    "```\n",
    "    ",
    "*",
    "_",
    "~~",
    "{{ x }}",
    "{% if x %}",
    "\u{0}",
    "\u{2028}",
    "@/index.html#",
    "x.md#y",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<a xlink:href=",
    "<body onload=",
    "<video><source onerror=",
    "srcset=",
    "formaction=",
    "\\",
];

fn markup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => (0..MARKUP.len()).prop_map(|i| MARKUP[i].to_owned()),
            1 => "[a-zA-Z0-9 =(){}]{0,8}",
            1 => any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn sanitised_markdown_never_carries_a_live_script(md in markup()) {
        let r = qmsite::render::markdown::render(&md, "../", &Default::default(), &Default::default());
        let problems = common::live_script_problems(&r.html);
        prop_assert!(problems.is_empty(), "{problems:?}\nin {}\nfrom {md:?}", r.html);
        prop_assert!(!r.html.to_ascii_lowercase().contains("<script"), "{}", r.html);
        for (_, offset) in &r.links {
            prop_assert!(*offset <= md.len());
        }
    }

    #[test]
    fn the_sanitiser_alone_never_lets_a_live_script_through(html in markup()) {
        let clean = qmsite::render::markdown::sanitize(&html);
        let problems = common::live_script_problems(&clean);
        prop_assert!(problems.is_empty(), "{problems:?}\nin {clean}\nfrom {html:?}");
        prop_assert!(!clean.to_ascii_lowercase().contains("<script"), "{clean}");
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn the_whole_pipeline_never_panics_and_pages_carry_no_live_script(files in mutated_site()) {
        for page in pipeline(&files) {
            let problems = common::live_script_problems(&page.html);
            prop_assert!(problems.is_empty(), "{}: {problems:?}", page.path);
        }
    }
}

#[test]
fn the_unmutated_base_site_renders_in_memory() {
    let pages = pipeline(seeds());
    assert!(pages.len() >= 15, "{}", pages.len());
}
