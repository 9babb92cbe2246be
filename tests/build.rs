//! Whole-binary build tests: the example site builds completely, every internal link resolves,
//! builds are byte-for-byte reproducible, and a failed build leaves the previous output alone.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{edit, example, fixture, qmsite, snapshot};

const TODAY: &str = "2026-11-24";

fn build(site: &Path, out: &Path) -> (i32, String) {
    let o = qmsite(&[
        "build",
        "--root",
        &site.to_string_lossy(),
        "--today",
        TODAY,
        "-o",
        &out.to_string_lossy(),
    ]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code().unwrap_or(-1), text)
}

/// Values of an attribute (`href`, `src`, `id`) in an HTML text, unescaped for `&amp;`.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

/// Resolves a relative link target against the page it appears on; `None` when it climbs above
/// the site root.
fn resolve(page: &str, target: &str) -> Option<String> {
    let dir = Path::new(page).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for c in dir.join(target).components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            std::path::Component::Normal(n) => parts.push(n.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    Some(parts.join("/"))
}

/// Checks every relative link and anchor of every page; returns the list of broken ones.
fn broken_links(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        ids.insert(
            path.clone(),
            attributes(&String::from_utf8_lossy(bytes), "id"),
        );
    }
    let mut broken = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (target, fragment) = match link.split_once('#') {
                Some((t, f)) => (t.to_owned(), Some(f.to_owned())),
                None => (link.clone(), None),
            };
            let resolved = if target.is_empty() {
                path.clone()
            } else {
                match resolve(path, &target) {
                    Some(r) => r,
                    None => {
                        broken.push(format!("{path}: {link} climbs above the site root"));
                        continue;
                    }
                }
            };
            if !out.join(&resolved).is_file() {
                broken.push(format!("{path}: {link} -> {resolved} does not exist"));
                continue;
            }
            if let Some(f) = fragment
                && !ids.get(&resolved).is_some_and(|list| list.contains(&f))
            {
                broken.push(format!("{path}: {link} -> no id \"{f}\" in {resolved}"));
            }
        }
    }
    broken
}

/// HTML pages that cannot be reached by following links from the home page.
fn unreachable_pages(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut queue = vec!["index.html".to_owned()];
    while let Some(page) = queue.pop() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let Some(bytes) = files.get(&page) else {
            continue;
        };
        for link in attributes(&String::from_utf8_lossy(bytes), "href") {
            let target = link.split('#').next().unwrap_or("").to_owned();
            if target.is_empty() || target.contains("//") || !target.ends_with(".html") {
                continue;
            }
            queue.extend(resolve(&page, &target));
        }
    }
    // The not-found page is shown by web servers for a wrong address, never linked to.
    files
        .keys()
        .filter(|p| p.ends_with(".html") && !seen.contains(*p) && *p != "404.html")
        .cloned()
        .collect()
}

#[test]
fn example_site_builds_every_page_with_working_links() {
    let site = example();
    let out = tempfile::tempdir().expect("tmp");
    let out = out.path().join("site");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("panicked"), "{text}");
    let files = snapshot(&out);

    let mut expected = vec![
        "index.html",
        "assessments.html",
        "benchmark.html",
        "qms.html",
        "improvements.html",
        "iso20000.html",
        "assessments/2020.html",
        "assessments/2023.html",
        "assessments/2026.html",
        "frameworks/itqi-example.html",
        "pages/executive-summary.html",
        "pages/method.html",
        "pages/findings.html",
        "static/qmsite.css",
        "static/qmsite.js",
        "static/register.js",
        "static/vendor/echarts/echarts.min.js",
        "static/vendor/echarts/LICENSE",
        "static/vendor/echarts/NOTICE",
    ];
    let dims: Vec<String> = (1..=6)
        .flat_map(|d| (1..=8).map(move |k| format!("frameworks/itqi-example/d{d}.{k}.html")))
        .collect();
    expected.extend(dims.iter().map(String::as_str));
    for page in expected {
        assert!(
            files.contains_key(page),
            "{page} missing; built: {:?}",
            files.keys().collect::<Vec<_>>()
        );
    }

    let broken = broken_links(&out, &files);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let unreachable = unreachable_pages(&files);
    assert!(
        unreachable.is_empty(),
        "not reachable from the home page: {unreachable:?}"
    );

    // Nothing is fetched from another host: no absolute or protocol-relative src, no CSS import.
    for (path, bytes) in &files {
        if path.ends_with(".html") || path.ends_with(".css") {
            let text = String::from_utf8_lossy(bytes);
            for src in attributes(&text, "src") {
                assert!(!src.contains("//"), "{path} loads {src}");
            }
            assert!(
                !text.contains("url(http") && !text.contains("@import"),
                "{path} imports from elsewhere"
            );
            assert!(
                !text.contains("<link rel=\"stylesheet\" href=\"http"),
                "{path}"
            );
        }
    }

    // Every UI string the templates use exists in the string table (a missing key shows as [key]).
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = String::from_utf8_lossy(bytes);
        for (i, _) in text.match_indices('[') {
            let rest = &text[i + 1..];
            let key: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
                .collect();
            assert!(
                !(key.len() > 2 && key.contains('_') && rest[key.len()..].starts_with(']')),
                "{path} shows a missing UI string [{key}]"
            );
        }
    }

    // The dashboard carries the domain radar (latest, previous, peer median) and the index trend
    // (index + six domains).
    let home = String::from_utf8_lossy(&files["index.html"]).into_owned();
    let found = common::charts(&home);
    assert_eq!(found.len(), 2, "{home}");
    assert_eq!(found[0]["series"][0]["type"], "radar");
    assert_eq!(
        found[0]["series"][0]["data"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(
        found[0]["radar"][0]["indicator"].as_array().map(Vec::len),
        Some(6)
    );
    assert_eq!(found[1]["series"].as_array().map(Vec::len), Some(7));
    assert_eq!(
        found[1]["xAxis"]["data"],
        serde_json::json!(["2020", "2023", "2026"])
    );
    // Drawn at build time: the page loads no chart library, and each chart holds its drawing.
    assert!(!home.contains("echarts.min.js"));
    assert_eq!(home.matches("<div class=\"svg-wide\"><svg").count(), 2);
    assert_eq!(home.matches("<div class=\"svg-narrow\"><svg").count(), 2);
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = example();
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(build(site.path(), &a).0, 0);
    assert_eq!(build(site.path(), &b).0, 0);
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between builds");
    }
}

/// Charts are drawn at build time on every core and kept in the cache folder: neither the number
/// of threads nor what the cache holds (nothing, everything, a damaged entry) changes a byte.
#[test]
fn drawn_charts_are_the_same_whatever_the_threads_and_the_cache() {
    let site = example();
    let cache = site.path().join(".qmsite-cache/svg");
    let tmp = tempfile::tempdir().expect("tmp");
    let run = |out: &Path, threads: &str| {
        let o = common::qmsite_command()
            .env("RAYON_NUM_THREADS", threads)
            .args(["build", "--root"])
            .arg(site.path())
            .args(["--today", TODAY, "-o"])
            .arg(out)
            .output()
            .expect("run qmsite");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        snapshot(out)
    };
    let cold_one_thread = run(&tmp.path().join("a"), "1");
    let entries: Vec<PathBuf> = fs::read_dir(&cache)
        .expect("the build keeps its drawings in .qmsite-cache/svg")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert!(entries.len() > 20, "{} drawings cached", entries.len());
    let warm_two_threads = run(&tmp.path().join("b"), "2");
    // A damaged entry is drawn again, not used.
    fs::write(&entries[0], "qmsite-svg-cache 1 0000\n<svg/>").expect("damage an entry");
    let damaged = run(&tmp.path().join("c"), "2");
    fs::remove_dir_all(&cache).expect("empty the cache");
    let cold_four_threads = run(&tmp.path().join("d"), "4");
    assert!(cold_one_thread.contains_key("index.html"));
    assert!(
        !cold_one_thread.keys().any(|k| k.contains("qmsite-cache")),
        "the cache is never published"
    );
    for other in [&warm_two_threads, &damaged, &cold_four_threads] {
        assert_eq!(
            cold_one_thread.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>()
        );
        for (k, v) in &cold_one_thread {
            assert!(v == &other[k], "{k} differs");
        }
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = fixture("minimal");
    let out = site.path().join("output");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let before = snapshot(&out);
    assert!(before.contains_key("index.html"));

    edit(
        site.path(),
        "content/assessments/two.toml",
        "level = \"high\"",
        "level = \"top\"",
    );
    edit(
        site.path(),
        "content/pages/summary.md",
        "Where we stand",
        "Where we stand now",
    );
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("previous output was left as it was"),
        "{text}"
    );
    assert_eq!(
        snapshot(&out),
        before,
        "output changed after a failed build"
    );
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("qmsite-") && n != ".qmsite-cache")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );

    // Once fixed, the next build replaces the output.
    edit(
        site.path(),
        "content/assessments/two.toml",
        "level = \"top\"",
        "level = \"high\"",
    );
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let after = snapshot(&out);
    assert_ne!(after["pages/summary.html"], before["pages/summary.html"]);
}

#[test]
fn an_output_folder_qmsite_did_not_write_is_never_replaced() {
    let site = fixture("minimal");
    let out = site.path().join("mine");
    fs::create_dir_all(&out).expect("mkdir");
    fs::write(out.join("notes.txt"), "keep me").expect("write");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("was not written by qmsite"), "{text}");
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).expect("read"),
        "keep me"
    );
}

#[test]
fn a_relative_output_on_the_command_line_is_taken_from_the_current_folder() {
    let site = fixture("minimal");
    let here = tempfile::tempdir().expect("temp dir");
    let o = common::qmsite_command()
        .current_dir(here.path())
        .args(["build", "--root", &site.path().to_string_lossy()])
        .args(["--today", TODAY, "-q", "-o", "site-out"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(here.path().join("site-out/index.html").is_file());
    assert!(!site.path().join("site-out").exists());
}

#[test]
fn a_theme_link_to_an_anchor_on_the_same_page_is_checked_on_every_page() {
    // Links the theme writes are resolved once per folder; `#part` must still be checked against
    // each page, even when an earlier page of the same folder has the anchor. One thread, so the
    // pages are checked in order and share what was already resolved.
    let site = fixture("minimal");
    let theme = site.path().join("themes/default/templates");
    fs::create_dir_all(&theme).expect("mkdir");
    let page = fs::read_to_string(common::repo().join("themes/default/templates/page.html"))
        .expect("read");
    let page = page.replacen(
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ page.title }}</h1><a href=\"#only-here\">Only here</a>",
        1,
    );
    fs::write(theme.join("page.html"), page).expect("write");
    // The summary comes before the method (weight 1 and 2), in the same folder; the method and
    // notes/2024 lack the anchor.
    edit(
        site.path(),
        "content/pages/summary.md",
        "## Where we stand",
        "## Where we stand {#only-here}",
    );
    let out = site.path().join("out");
    let o = common::qmsite_command()
        .args(["build", "--root", &site.path().to_string_lossy()])
        .args(["--today", TODAY, "-o", &out.to_string_lossy()])
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("which has no anchor \"only-here\" (on 2 pages)"),
        "{text}"
    );
}

#[test]
fn narratives_are_sanitised_and_chart_labels_escaped() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/pages/method.md",
        "Interviews.",
        "Interviews.<script>alert(1)</script>\n\n[x](javascript:alert(2))\n\n<img src=x onerror=alert(3)>",
    );
    edit(
        site.path(),
        "content/frameworks/mini.toml",
        "name = \"Alpha\"",
        "name = \"</script><script>alert(4)</script>\"",
    );
    let out = site.path().join("output");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let page = fs::read_to_string(out.join("pages/method.html")).expect("page");
    assert!(
        !page.contains("<script>alert")
            && !page.contains("javascript:")
            && !page.contains("onerror"),
        "{page}"
    );
    let home = fs::read_to_string(out.join("index.html")).expect("home");
    assert!(
        !home.contains("<script>alert(4)"),
        "a chart label broke out of its script element"
    );
    assert!(
        home.contains("&lt;/script&gt;&lt;script&gt;alert(4)"),
        "the domain name is shown as text"
    );
    // The fixture's profile has a domain without a score, so it is drawn as bars, whose
    // category axis holds the domain names.
    let parsed = common::charts(&home);
    assert_eq!(
        parsed[0]["yAxis"]["data"][0],
        "</script><script>alert(4)</script>"
    );
}

#[test]
fn several_frameworks_each_get_pages_reachable_from_home() {
    let site = fixture("minimal");
    let out = site.path().join("output");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let files = snapshot(&out);
    for page in [
        "frameworks/mini.html",
        "frameworks/inno.html",
        "frameworks/inno/i.2.html",
        "assessments/inno-2024.html",
        "pages/notes/2024.html",
        "pages.html",
    ] {
        assert!(files.contains_key(page), "{page} missing");
    }
    assert!(
        broken_links(&out, &files).is_empty(),
        "{:?}",
        broken_links(&out, &files)
    );
    assert!(
        unreachable_pages(&files).is_empty(),
        "{:?}",
        unreachable_pages(&files)
    );
    // The qualified reference "inno:I.2" links the improvement to the second framework's dimension.
    let dim = String::from_utf8_lossy(&files["frameworks/inno/i.2.html"]).into_owned();
    assert!(dim.contains("Faster incidents"), "{dim}");
    // The home page shows the configured main framework, not the other one.
    let home = String::from_utf8_lossy(&files["index.html"]).into_owned();
    assert!(
        home.contains("Index · Mini index") || home.contains("Index · mini"),
        "{home}"
    );
}

#[test]
fn the_report_gathers_the_narratives_their_front_matter_puts_there() {
    let site = fixture("minimal");
    let out = site.path().join("output");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let report = String::from_utf8_lossy(&snapshot(&out)["report.html"]).into_owned();
    let at = |needle: &str| report.find(needle);
    // method.md under "Scope and method", summary.md (placed in the findings) after the
    // findings heading; the page in a sub-folder, which asks for no section, stays out.
    let method = at("<p>Interviews.</p>").expect("method in the report");
    let summary = at("Where we stand").expect("summary in the report");
    assert!(at("id=\"r-method\"") < Some(method) && Some(method) < at("id=\"r-profile\""));
    assert!(at("id=\"r-findings\"") < Some(summary) && Some(summary) < at("id=\"r-improvements\""));
    assert!(
        at("Working notes").is_none(),
        "a sub-folder page is not in the report"
    );

    // `report = "findings"` brings a page of a sub-folder in; without `report`, a page at the
    // top of content/pages/ stays out.
    edit(
        site.path(),
        "content/pages/notes/2024.md",
        "title = \"Notes 2024\"",
        "title = \"Notes 2024\"\nreport = \"findings\"",
    );
    edit(
        site.path(),
        "content/pages/summary.md",
        "report = \"findings\"\n",
        "",
    );
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let files = snapshot(&out);
    let report = String::from_utf8_lossy(&files["report.html"]).into_owned();
    assert!(
        report.contains("Working notes, in a sub-folder."),
        "{report}"
    );
    assert!(!report.contains("Where we stand"), "{report}");
    // Both pages are still published on their own.
    assert!(
        files.contains_key("pages/summary.html") && files.contains_key("pages/notes/2024.html")
    );
    assert!(
        broken_links(&out, &files).is_empty(),
        "{:?}",
        broken_links(&out, &files)
    );
}

#[test]
fn output_bytes_do_not_depend_on_the_number_of_threads() {
    let site = example();
    let tmp = tempfile::tempdir().expect("tmp");
    let mut snaps = Vec::new();
    for threads in [Some("1"), None, Some("5")] {
        let out = tmp
            .path()
            .join(format!("out-{}", threads.unwrap_or("default")));
        let mut c = common::qmsite_command();
        c.args([
            "build",
            "--root",
            &site.path().to_string_lossy(),
            "--today",
            TODAY,
            "-q",
            "-o",
            &out.to_string_lossy(),
        ]);
        match threads {
            Some(n) => c.env("RAYON_NUM_THREADS", n),
            None => c.env_remove("RAYON_NUM_THREADS"),
        };
        let o = c.output().expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        snaps.push((threads, snapshot(&out)));
    }
    let (_, first) = &snaps[0];
    assert!(first.len() > 60, "{}", first.len());
    for (threads, snap) in &snaps[1..] {
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            snap.keys().collect::<Vec<_>>(),
            "RAYON_NUM_THREADS={threads:?} wrote other files"
        );
        for (k, v) in first {
            assert!(
                v == &snap[k],
                "{k} differs with RAYON_NUM_THREADS={threads:?}"
            );
        }
    }
}

/// The table row of a clause on the coverage page, from its opening tag to its end.
fn clause_row<'a>(html: &'a str, number: &str) -> &'a str {
    let id = format!("<tr id=\"clause-{}\"", number.replace('.', "-"));
    let start = html
        .find(&id)
        .unwrap_or_else(|| panic!("no row for {number}"));
    let len = html[start..].find("</tr>").expect("row end");
    &html[start..start + len]
}

#[test]
fn the_coverage_page_shows_the_clause_hierarchy_and_how_each_state_was_reached() {
    let site = example();
    let out = tempfile::tempdir().expect("tmp");
    let out = out.path().join("site");
    let (code, text) = build(site.path(), &out);
    assert_eq!(code, 0, "{text}");
    let html = fs::read_to_string(out.join("iso20000.html")).expect("coverage page");

    // Every clause below 4 … 10 has its row, in catalogue order; 4 … 10 head their sections.
    let mut at = 0;
    for c in qmsite::iso::CLAUSES {
        let anchor = format!("id=\"clause-{}\"", c.number.replace('.', "-"));
        let found = html[at..]
            .find(&anchor)
            .unwrap_or_else(|| panic!("{} missing or out of order", c.number));
        at += found;
        assert_eq!(
            html.matches(&anchor).count(),
            1,
            "{} anchored once",
            c.number
        );
    }

    // 8.5.1 has no entry of its own: it takes the lowest level of its three parts, which are
    // shown indented beneath it with their own entries.
    let row = clause_row(&html, "8.5.1");
    assert!(row.contains("class=\"clause-counted\""), "{row}");
    assert!(row.contains("cov-conforming"), "{row}");
    assert!(row.contains("lowest level of its sub-clauses"), "{row}");
    for part in ["8.5.1.1", "8.5.1.2", "8.5.1.3"] {
        let row = clause_row(&html, part);
        assert!(row.contains("class=\"clause-part\""), "{row}");
        assert!(row.contains("class=\"indent-3\""), "{row}");
        assert!(row.contains("cov-conforming"), "{row}");
    }
    // 8.3.4 has its own entry as well as entries for its parts: its own is shown.
    let row = clause_row(&html, "8.3.4");
    assert!(row.contains("cov-defined"), "{row}");
    assert!(!row.contains("lowest level"), "{row}");
    assert!(clause_row(&html, "8.3.4.2").contains("cov-conforming"));
    // A part nobody rated on its own points at the clause rated as a whole.
    let row = clause_row(&html, "7.5.2");
    assert!(row.contains("cov-not-assessed"), "{row}");
    assert!(row.contains("rated as a whole with"), "{row}");
    assert!(row.contains("#clause-7-5\""), "{row}");
    // Headings roll up too: 8.5 holds 8.5.2 (defined) as its lowest.
    let row = clause_row(&html, "8.5");
    assert!(row.contains("class=\"clause-heading\""), "{row}");
    assert!(row.contains("cov-defined"), "{row}");

    // The totals count the 45 counted clauses, each once.
    let totals = &html[html.find("class=\"coverage-totals\"").expect("totals")..];
    let totals = &totals[..totals.find("</ul>").expect("end")];
    let sum: usize = totals
        .match_indices("<strong>")
        .map(|(i, m)| {
            let rest = &totals[i + m.len()..];
            rest[..rest.find('<').expect("end")]
                .parse::<usize>()
                .expect("count")
        })
        .sum();
    assert_eq!(sum, 45, "{totals}");

    // The chart: 4 … 10 in bold, the sections of 8 beneath 8 in plain text.
    let chart = common::charts(&html)
        .into_iter()
        .find(|c| c["yAxis"]["data"].is_array())
        .expect("coverage chart");
    let labels: Vec<(String, String)> = chart["yAxis"]["data"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|l| {
            (
                l["value"].as_str().unwrap_or_default().to_owned(),
                l["textStyle"]["fontWeight"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(labels.len(), 14, "{labels:?}");
    assert!(labels[4].0.starts_with("8 "), "{labels:?}");
    assert_eq!(labels[4].1, "bold");
    assert!(labels[6].0.starts_with("8.2 "), "{labels:?}");
    assert_eq!(labels[6].1, "normal");
    assert!(labels[12].0.starts_with("9 "), "{labels:?}");

    // The search index holds one entry per clause, sub-clauses included, at its row.
    let index = fs::read_to_string(out.join("search-index.js")).expect("search index");
    let json = index
        .trim_start_matches("window.qmsiteSearchIndex = ")
        .trim_end()
        .trim_end_matches(';');
    let index: serde_json::Value = serde_json::from_str(json).expect("index JSON");
    let clauses: Vec<&serde_json::Value> = index["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["kind"] == "clause")
        .collect();
    assert_eq!(clauses.len(), qmsite::iso::CLAUSES.len());
    let part = clauses
        .iter()
        .find(|e| e["url"] == "iso20000.html#clause-8-5-1-1")
        .expect("8.5.1.1 indexed");
    assert!(
        part["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("8.5.1.1 "))
    );
    assert!(
        part["text"]
            .as_str()
            .is_some_and(|t| t.contains("change types")),
        "{part}"
    );
}

/// A chart the engine cannot draw in time is a build error that names the page and the chart,
/// and the build renders nothing to write; it never panics.
#[test]
fn a_chart_the_engine_cannot_draw_stops_the_build_at_its_page() {
    use qmsite::render::svg::{Drawer, Limits};
    let site = example();
    let opts = qmsite::build::Options {
        root: site.path().to_path_buf(),
        today: TODAY.parse().expect("date"),
        output: None,
        edition: None,
    };
    let mut diags = qmsite::diagnostics::Diagnostics::new();
    let mut prepared = qmsite::build::prepare(&opts, &mut diags).expect("the example prepares");
    let drawer = std::sync::Arc::new(Drawer::new(None).with_limits(Limits {
        time_per_chart: std::time::Duration::from_nanos(1),
        ..Limits::default()
    }));
    prepared.drawer = Some(drawer.clone());
    for t in &mut prepared.translations {
        t.drawer = Some(drawer.clone());
    }
    assert!(
        prepared.render(None, &mut diags).is_none(),
        "nothing to write"
    );
    let failures: Vec<&qmsite::diagnostics::Diagnostic> = diags
        .iter()
        .filter(|d| d.code.is_some_and(|c| c.id == "E505"))
        .collect();
    assert!(!failures.is_empty(), "{diags:?}");
    let home = failures
        .iter()
        .find(|d| d.file == std::path::Path::new("index.html"))
        .unwrap_or_else(|| panic!("no failure at the dashboard: {failures:?}"));
    assert!(
        home.message.contains("index.html#chart-radar") && home.message.contains("longer than"),
        "{}",
        home.message
    );
    assert!(!site.path().join("output").exists());
}
