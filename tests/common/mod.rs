//! Helpers shared by the whole-binary tests: copy a fixture site, edit it, run qmsite on it.

#![allow(dead_code)]

pub mod chrome;
pub mod corpus;
pub mod git;
pub mod sheets;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Words of serde and Rust that mean nothing to a quality manager; no message may use them.
pub const JARGON: [&str; 6] = [
    "variant",
    "sequence",
    "map",
    "struct",
    "literal string",
    "invalid type",
];

/// The jargon words a text of qmsite's uses, as whole words, ignoring case. Lines quoting the
/// user's file (`    | …`) are left out: they may say anything.
pub fn jargon_in(text: &str) -> Vec<&'static str> {
    let own: Vec<&str> = text.lines().filter(|l| !l.starts_with("    | ")).collect();
    let lower = own.join("\n").to_lowercase();
    JARGON
        .into_iter()
        .filter(|w| {
            lower.match_indices(w).any(|(i, _)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + w.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .collect()
}

/// The repository root (also the example site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A fresh copy of `tests/fixtures/<name>` in a temporary folder.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
    dir
}

/// A copy of the example site (qmsite.toml, its translations and content/) in a temporary folder.
pub fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in fs::read_dir(repo()).expect("repository") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        if name.starts_with("qmsite.") && name.ends_with(".toml") {
            fs::copy(repo().join(&*name), dir.path().join(&*name)).expect("copy config");
        }
    }
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    dir
}

/// Builds a copy of the example site into its `out` folder, measured against 2026-11-24 (the
/// date the example is written for); returns the copy and the output folder.
pub fn build_example() -> (tempfile::TempDir, PathBuf) {
    let site = example();
    let out = build_site(site.path());
    (site, out)
}

/// Builds the site at `root` into its `out` folder, measured against 2026-11-24, failing the test
/// with qmsite's messages when the build fails; returns the output folder.
pub fn build_site(root: &Path) -> PathBuf {
    let out = root.join("out");
    let run = qmsite(&[
        "build",
        "--root",
        &root.to_string_lossy(),
        "--today",
        "2026-11-24",
        "-o",
        &out.to_string_lossy(),
        "--quiet",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// The option JSON of every chart drawn on a page, parsed.
pub fn charts(html: &str) -> Vec<serde_json::Value> {
    let open = "class=\"chart-option\"";
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find('>').expect("tag end") + 1;
            let end = rest.find("</script>").expect("script end");
            serde_json::from_str(&rest[start..end]).expect("chart JSON parses")
        })
        .collect()
}

/// Replaces the first occurrence of `from` in a file, failing the test if it is not there.
pub fn edit(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// The qmsite binary as a command, for tests that set its folder or environment.
pub fn qmsite_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qmsite"));
    command.env("NO_COLOR", "1");
    command
}

/// Runs the qmsite binary.
pub fn qmsite(args: &[&str]) -> Output {
    qmsite_command().args(args).output().expect("run qmsite")
}

/// Runs `qmsite check` on a site with a fixed build date; returns (exit code, stderr).
pub fn check(site: &Path) -> (i32, String) {
    let out = qmsite(&[
        "check",
        "--root",
        &site.to_string_lossy(),
        "--today",
        "2024-11-01",
    ]);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file below a folder with its bytes, keyed by relative path.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            let bytes = fs::read(entry.path()).expect("read");
            assert_no_broken_figures(&rel, &bytes);
            out.insert(rel, bytes);
        }
    }
    out
}

/// Every build output the tests read passes here: no page, script or data file qmsite writes
/// shows a figure as NaN or infinity (the vendored chart library's own code is left out).
pub fn assert_no_broken_figures(rel: &str, bytes: &[u8]) {
    let written = [".html", ".js", ".json", ".xml"]
        .iter()
        .any(|e| rel.ends_with(e));
    if !written || rel.contains("vendor/") {
        return;
    }
    let text = String::from_utf8_lossy(bytes);
    for word in ["NaN", "inf", "Inf", "infinity", "Infinity"] {
        let found = text.match_indices(word).find(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if let Some((i, _)) = found {
            let start = text[..i].char_indices().rev().nth(60).map_or(0, |(j, _)| j);
            let end = (i + 60).min(text.len());
            let end = (end..=text.len())
                .find(|e| text.is_char_boundary(*e))
                .unwrap_or(text.len());
            panic!(
                "{rel} shows a broken figure ({word}): …{}…",
                &text[start..end]
            );
        }
    }
}

/// A running `qmsite serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// The port it listens on.
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(site: &Path) -> Server {
    let mut child = qmsite_command()
        .args([
            "serve",
            "--port",
            "0",
            "--today",
            "2024-11-01",
            "--root",
            &site.to_string_lossy(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("serve prints its address");
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Server { child, port }
}

/// Decodes the character references a browser would decode in an attribute value.
fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "colon" => Some(':'),
                    "Tab" => Some('\t'),
                    "NewLine" => Some('\n'),
                    _ => None,
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Elements that can run or load active content, never acceptable from authors.
const ACTIVE_ELEMENTS: [&str; 14] = [
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "svg", "math",
    "template", "noscript", "style", "portal",
];

/// Attributes holding an address a browser may follow or load.
const URL_ATTRIBUTES: [&str; 11] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "background",
    "poster",
    "lowsrc",
    "dynsrc",
    "srcdoc",
];

/// Splits a page into its HTML without the chart drawings and the drawings themselves: the SVG
/// qmsite draws at build time sits in `<div class="svg-wide">` and `<div class="svg-narrow">`.
/// Authors' text cannot forge these wrappers (it is escaped), so what is left must pass
/// [`live_script_problems`] and each drawing [`drawing_problems`].
pub fn split_drawings(html: &str) -> (String, Vec<String>) {
    let mut rest = html;
    let mut page = String::with_capacity(html.len());
    let mut drawings = Vec::new();
    loop {
        let next = ["<div class=\"svg-wide\">", "<div class=\"svg-narrow\">"]
            .iter()
            .filter_map(|m| rest.find(m).map(|at| (at, m.len())))
            .min();
        let Some((at, len)) = next else { break };
        page.push_str(&rest[..at]);
        let body = &rest[at + len..];
        let end = body
            .find("</svg></div>")
            .map_or(body.len(), |e| e + "</svg>".len());
        drawings.push(body[..end].to_owned());
        rest = body[end..].strip_prefix("</div>").unwrap_or(&body[end..]);
    }
    page.push_str(rest);
    (page, drawings)
}

/// What in a chart drawing could run or load something: an element that is not drawing, an event
/// handler, a link that leaves the drawing. Read with an XML parser, as the browser's SVG parser
/// reads it.
pub fn drawing_problems(svg: &str) -> Vec<String> {
    use quick_xml::events::Event;
    const DRAWING: [&str; 18] = [
        "svg",
        "g",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "defs",
        "clipPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "style",
    ];
    let mut problems = Vec::new();
    let mut reader = quick_xml::Reader::from_str(svg);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if !DRAWING.contains(&name.as_str()) {
                    problems.push(format!("<{name}> in a drawing"));
                }
                for a in e.attributes().flatten() {
                    let key = String::from_utf8_lossy(a.key.as_ref()).to_ascii_lowercase();
                    let value = String::from_utf8_lossy(&a.value).into_owned();
                    if key.starts_with("on") {
                        problems.push(format!("handler {key} on <{name}>"));
                    }
                    if key.ends_with("href") && !value.starts_with('#') {
                        problems.push(format!("{key}={value:?} on <{name}>"));
                    }
                    if value.to_ascii_lowercase().contains("javascript:") {
                        problems.push(format!("javascript: in {key} on <{name}>"));
                    }
                }
            }
            Ok(Event::Comment(_) | Event::PI(_) | Event::DocType(_)) => {
                problems.push("a comment, processing instruction or doctype in a drawing".into());
            }
            Ok(_) => {}
            Err(e) => {
                problems.push(format!("a drawing that is not well-formed XML: {e}"));
                break;
            }
        }
    }
    problems
}

/// Everything in an HTML text that could run a script: script elements other than the theme's
/// own files and JSON data blocks, event-handler attributes, active elements, addresses with a
/// scheme other than http, https, mailto or tel, and style attributes that load or evaluate.
/// The theme's own `<meta http-equiv="Content-Security-Policy">` and stylesheet links are allowed.
pub fn live_script_problems(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    loop {
        if i >= html.len() {
            break;
        }
        let Some(off) = html[i..].find('<') else {
            break;
        };
        let start = i + off;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = start + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(rest.len() - 1);
        if name_len == 0 || !bytes[start + 1].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = rest[1..1 + name_len].to_ascii_lowercase();
        // Attributes up to the end of the tag.
        let mut j = start + 1 + name_len;
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                j += 1;
                break;
            }
            if bytes[j] == b'/' {
                j += 1;
                continue;
            }
            let an_start = j;
            while j < bytes.len()
                && !matches!(bytes[j], b'=' | b'>' | b'/')
                && !bytes[j].is_ascii_whitespace()
            {
                j += 1;
            }
            let an = html[an_start..j].to_ascii_lowercase();
            let mut value = String::new();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let q = bytes[j];
                    let vs = j + 1;
                    let ve = html[vs..].find(q as char).map_or(html.len(), |e| vs + e);
                    value = html[vs..ve].to_owned();
                    j = (ve + 1).min(html.len());
                } else {
                    let vs = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = html[vs..j].to_owned();
                }
            }
            attrs.push((an, decode_entities(&value)));
        }
        let attr = |n: &str| attrs.iter().find(|(a, _)| a == n).map(|(_, v)| v.as_str());
        j = j.min(html.len());
        let shown = || html[start..j].chars().take(160).collect::<String>();
        match name.as_str() {
            "script" => {
                let ok_src = attr("src").is_some_and(|s| {
                    s.ends_with("static/qmsite.js")
                        || s.ends_with("static/search.js")
                        || s.ends_with("static/compare.js")
                        || s.ends_with("static/register.js")
                        || s.ends_with("static/vendor/echarts/echarts.min.js")
                });
                let ok_json = attr("type") == Some("application/json") && attr("src").is_none();
                if !(ok_src || ok_json) {
                    problems.push(format!("script element: {}", shown()));
                }
                // Skip the element's text.
                let close = html[j..]
                    .to_ascii_lowercase()
                    .find("</script")
                    .map_or(html.len(), |e| j + e);
                if ok_json && html[j..close].contains('<') {
                    problems.push(format!("'<' inside a JSON block: {}", shown()));
                }
                i = close.max(start + 1);
                continue;
            }
            "meta"
                if attr("http-equiv")
                    .is_some_and(|e| !e.eq_ignore_ascii_case("content-security-policy")) =>
            {
                problems.push(format!("meta http-equiv: {}", shown()));
            }
            // The theme's own stylesheet and icon are the only links a page may carry.
            "link" if !matches!(attr("rel"), Some("stylesheet") | Some("icon")) => {
                problems.push(format!("link element: {}", shown()));
            }
            // The report's print rules: words of the site as CSS strings, nothing that loads
            // or evaluates, and nothing that could close the element early.
            "style" if attr("media") == Some("print") => {
                let close = html[j..]
                    .to_ascii_lowercase()
                    .find("</style")
                    .map_or(html.len(), |e| j + e);
                let rules = html[j..close].to_ascii_lowercase();
                for bad in ["<", "url(", "expression", "@import", "javascript"] {
                    if rules.contains(bad) {
                        problems.push(format!("{bad} in the print rules: {}", shown()));
                    }
                }
                i = close.max(start + 1);
                continue;
            }
            n if ACTIVE_ELEMENTS.contains(&n) => problems.push(format!("{n} element: {}", shown())),
            _ => {}
        }
        for (a, v) in &attrs {
            if a.starts_with("on") {
                problems.push(format!("event handler {a}: {}", shown()));
            }
            if URL_ATTRIBUTES.contains(&a.as_str())
                && let Some(scheme) = qmsite::url::scheme_of(v)
                && !qmsite::url::ALLOWED_SCHEMES.contains(&scheme.as_str())
            {
                problems.push(format!("{scheme}: address in {a}: {}", shown()));
            }
            if a == "style" {
                let l = v.to_ascii_lowercase();
                if l.contains("url(") || l.contains("expression") || l.contains("script") {
                    problems.push(format!("active style: {}", shown()));
                }
            }
        }
        i = j.max(start + 1);
    }
    problems
}
