//! The shape of the code: top-level modules depend on each other one way (no cycle), no source
//! file grows past what a reader takes in at once, and a long function says why it is long.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Lines of code a source file may hold, its unit tests not counted.
const MAX_FILE_LINES: usize = 600;

/// Lines a function may span before its doc comment must say why (with "Long because").
const MAX_FUNCTION_LINES: usize = 80;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/view/home.rs` → `view`), none for the crate root.
fn module_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    let name = first.trim_end_matches(".rs").to_owned();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// The top-level modules code refers to through `crate::name` (comments, where doc links
/// mention other modules, are left out).
fn references(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    code.match_indices("crate::")
        .map(|(i, m)| {
            code[i + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let Some(module) = module_of(&f) else {
            continue;
        };
        let text = fs::read_to_string(&f).expect("read");
        let refs = references(&text);
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(refs.into_iter().filter(|r| *r != module));
    }
    graph
}

/// A cycle through `start`, if one exists, as the list of modules along it.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in graph.get(&at).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_owned());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn top_level_modules_import_each_other_one_way_only() {
    let graph = graph();
    assert!(graph.len() > 10, "modules found: {:?}", graph.keys());
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(&graph, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import cycles: {cycles:#?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        cycle_from(&g, "a"),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    if let Some(s) = g.get_mut("c") {
        s.clear();
    }
    assert_eq!(cycle_from(&g, "a"), None);
}

#[test]
fn no_source_file_is_longer_than_a_reader_takes_in() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let text = fs::read_to_string(f).expect("read");
            let code = text.split("\n#[cfg(test)]\nmod tests").next().unwrap_or("");
            let lines = code.lines().count();
            (lines > MAX_FILE_LINES).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by concern: {long:?}");
}

/// The functions of a source file (its unit tests not counted) longer than
/// [`MAX_FUNCTION_LINES`] whose doc comment does not say why, as `name (lines)`.
fn unexplained_long_functions(text: &str) -> Vec<String> {
    let code = text.split("\n#[cfg(test)]").next().unwrap_or("");
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let signature = trimmed
            .trim_start_matches("pub ")
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub(super) ")
            .trim_start_matches("const ");
        let Some(name) = signature
            .strip_prefix("fn ")
            .and_then(|s| s.split(['(', '<']).next())
        else {
            i += 1;
            continue;
        };
        // The function ends at the first line that closes it at its own indentation.
        let close = format!("{indent}}}");
        let Some(end) = (i + 1..lines.len()).find(|&j| lines[j] == close) else {
            break;
        };
        let doc = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("///") || l.trim_start().starts_with("#["));
        let explained = doc.into_iter().any(|l| l.contains("Long because"));
        let span = end - i + 1;
        if span > MAX_FUNCTION_LINES && !explained {
            out.push(format!("{name} ({span} lines)"));
        }
        i = end + 1;
    }
    out
}

#[test]
fn a_long_function_says_why_it_is_long() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        // Unit tests in files of their own (`tests.rs`, `*_tests.rs`, `tests/`) are left out.
        .filter(|f| !f.to_string_lossy().contains("tests"))
        .flat_map(|f| {
            let text = fs::read_to_string(f).expect("read");
            let rel = f.strip_prefix(src()).unwrap_or(f).display().to_string();
            unexplained_long_functions(&text)
                .into_iter()
                .map(move |n| format!("{rel}: {n}"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these, or say in their doc comment why they are long (\"Long because …\"): {long:#?}"
    );
}

#[test]
fn the_long_function_finder_finds_one() {
    let body = "    let x = 1;\n".repeat(MAX_FUNCTION_LINES);
    let long = format!("/// Does a thing.\nfn long() {{\n{body}}}\n\nfn short() {{\n}}\n");
    assert_eq!(
        unexplained_long_functions(&long),
        [format!("long ({} lines)", MAX_FUNCTION_LINES + 2)]
    );
    let explained = long.replace("/// Does a thing.", "/// Long because it is a list.");
    assert!(unexplained_long_functions(&explained).is_empty());
}
