//! `qmsite pdf`, checked by programs qmsite did not write: poppler's `pdfinfo`, `pdftotext` and
//! `pdffonts` read the PDF it prints of the example (in English and Czech) and of a small report
//! with contents (tests/fixtures/pdf-contents over the minimal site).
//!
//! The printing tests need Debian's `chromium` (or `QMSITE_CHROMIUM`) and `poppler-utils`
//! (`QMSITE_POPPLER`, the folder holding its programs), which `.ci/run` installs, so they are
//! marked ignored and run with `cargo test -- --include-ignored`. The tests of a missing or
//! failing browser need neither and always run.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lopdf::{Document, Object};

/// A poppler program, from the folder `QMSITE_POPPLER` names (required under CI) or /usr/bin.
fn poppler(program: &str) -> PathBuf {
    let dir = match std::env::var_os("QMSITE_POPPLER") {
        Some(d) => PathBuf::from(d),
        None => {
            assert!(
                std::env::var_os("CI").is_none(),
                "QMSITE_POPPLER is not set: .ci/run installs poppler-utils and exports it"
            );
            PathBuf::from("/usr/bin")
        }
    };
    let path = dir.join(program);
    assert!(
        path.is_file(),
        "{} not found: install Debian's poppler-utils or set QMSITE_POPPLER to the folder holding {program}",
        path.display()
    );
    path
}

/// Runs a poppler program on a PDF; its standard output.
fn run_poppler(program: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(poppler(program))
        .args(args)
        .arg(pdf)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .expect("run poppler");
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `qmsite pdf` on a site, measured against the example's date, with the test's Chromium.
fn qmsite_pdf(site: &Path, extra: &[&str]) -> Output {
    let chromium = common::chrome::chromium();
    let mut args = vec![
        "pdf".to_owned(),
        "--root".to_owned(),
        site.to_string_lossy().into_owned(),
        "--today".to_owned(),
        "2026-11-24".to_owned(),
        "--browser".to_owned(),
        chromium.to_string_lossy().into_owned(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    common::qmsite_command()
        .args(&args)
        .output()
        .expect("run qmsite")
}

/// Prints the site's report into `file`, failing the test with qmsite's messages.
fn print(site: &Path, file: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["-o", file.to_str().expect("path")];
    args.extend(extra);
    let out = qmsite_pdf(site, &args);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("Wrote "), "{summary}");
    std::fs::read(file).expect("the PDF")
}

/// The text of every page, laid out (`pdftotext -layout`), page 1 first.
fn pages(pdf: &Path) -> Vec<String> {
    let text = run_poppler("pdftotext", &["-layout"], pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The contents' entries of a built report page: (entry text, target id, target's text).
fn contents_entries(html: &str) -> Vec<(String, String, String)> {
    let doc = scraper::Html::parse_document(html);
    let entry = scraper::Selector::parse(".report-toc a[href^='#']").expect("selector");
    let text = scraper::Selector::parse(".toc-text").expect("selector");
    doc.select(&entry)
        .map(|a| {
            let id = a.value().attr("href").unwrap_or("#")[1..].to_owned();
            let label: String = a
                .select(&text)
                .next()
                .map(|t| t.text().collect())
                .unwrap_or_default();
            let target = scraper::Selector::parse(&format!("[id='{id}']")).expect("selector");
            let heading: String = doc
                .select(&target)
                .next()
                .map(|h| h.text().collect())
                .unwrap_or_default();
            (norm(&label), id, norm(&heading))
        })
        .collect()
}

fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks that each contents entry's page number, as printed, is the page on which its
/// heading starts (the first line after the entry reading as the heading). Returns the numbers.
fn assert_contents_match_pages(pdf: &Path, html: &str) -> BTreeMap<String, usize> {
    let entries = contents_entries(html);
    assert!(!entries.is_empty(), "the report has no contents entries");
    let pages = pages(pdf);
    let lines: Vec<(usize, String)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.lines().map(move |l| (i + 1, norm(l))))
        .collect();
    let mut found = BTreeMap::new();
    for (label, id, heading) in entries {
        let entry = regex::Regex::new(&format!(
            r"^(?:\d+\.\s*)?{}[\s.·…]*(\d+)$",
            regex::escape(&label)
        ))
        .expect("regex");
        let (at, number) = lines
            .iter()
            .enumerate()
            .find_map(|(at, (_, l))| {
                let n = entry.captures(l)?.get(1)?.as_str().parse::<usize>().ok()?;
                Some((at, n))
            })
            .unwrap_or_else(|| panic!("no contents line \"{label} N\" in the PDF's text"));
        let page = lines[at + 1..]
            .iter()
            .find(|(_, l)| *l == heading)
            .map(|(p, _)| *p)
            .unwrap_or_else(|| panic!("the heading \"{heading}\" (#{id}) is not in the PDF"));
        assert_eq!(
            number, page,
            "the contents give page {number} for \"{label}\" (#{id}), which starts on page {page}"
        );
        found.insert(id, number);
    }
    found
}

/// The titles of every bookmark, in order, nested ones after the one holding them.
fn bookmarks(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("the PDF reads");
    let catalog = doc.catalog().expect("catalog");
    let deref = |o: &Object| doc.dereference(o).expect("object").1.clone();
    let Ok(outlines) = catalog.get(b"Outlines") else {
        return Vec::new();
    };
    let outlines = deref(outlines);
    let mut titles = Vec::new();
    let mut todo: Vec<Object> = outlines
        .as_dict()
        .expect("outlines")
        .get(b"First")
        .ok()
        .cloned()
        .into_iter()
        .collect();
    while let Some(item) = todo.pop() {
        let item = deref(&item);
        let item = item.as_dict().expect("outline item");
        let title = item.get(b"Title").and_then(Object::as_str).unwrap_or(b"");
        titles.push(decode_text(title));
        todo.extend(item.get(b"Next").ok().cloned());
        todo.extend(item.get(b"First").ok().cloned());
        assert!(titles.len() < 10_000, "the outline loops");
    }
    titles
}

/// The texts of the report's section headings.
fn section_headings(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let h2 = scraper::Selector::parse(".report-section > h2").expect("selector");
    doc.select(&h2)
        .map(|h| norm(&h.text().collect::<String>()))
        .collect()
}

/// A PDF text string: UTF-16BE after its byte order mark, else (here) ASCII.
fn decode_text(bytes: &[u8]) -> String {
    match bytes {
        [0xfe, 0xff, rest @ ..] => String::from_utf16_lossy(
            &rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// What `pdfinfo` says, by field.
fn info(pdf: &Path) -> BTreeMap<String, String> {
    run_poppler("pdfinfo", &[], pdf)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// Every page's size as `pdfinfo` names it.
fn page_sizes(pdf: &Path, count: usize) -> Vec<String> {
    let last = count.to_string();
    run_poppler("pdfinfo", &["-f", "1", "-l", &last], pdf)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            l.split_once("size:")
                .map(|x| x.1.trim().to_owned())
                .unwrap_or_default()
        })
        .collect()
}

/// Checks what any printed report must be: A4 pages, the organisation on the cover, every
/// font embedded, the site's title and organisation as metadata, no clock, bookmarks.
fn assert_printed_report(pdf: &Path, bytes: &[u8], title: &str, organisation: &str, paper: &str) {
    let info = info(pdf);
    let count: usize = info["Pages"].parse().expect("page count");
    assert!(count > 1, "{info:?}");
    let sizes = page_sizes(pdf, count);
    assert_eq!(sizes.len(), count);
    for (i, size) in sizes.iter().enumerate() {
        assert!(
            size.ends_with(&format!("({paper})")),
            "page {} is {size}",
            i + 1
        );
    }
    assert_eq!(info["Title"], title);
    assert_eq!(info["Author"], organisation);
    assert!(info["Creator"].starts_with("qmsite "), "{info:?}");
    assert!(info["Producer"].starts_with("qmsite "), "{info:?}");
    assert_eq!(info["Tagged"], "yes");
    assert!(!info.contains_key("CreationDate"), "{info:?}");
    assert!(!info.contains_key("ModDate"), "{info:?}");
    let cover = run_poppler("pdftotext", &["-f", "1", "-l", "1"], pdf);
    assert!(norm(&cover).contains(organisation), "{cover}");
    let fonts = run_poppler("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        // name, type…, encoding, then emb sub uni as yes/no.
        let flags: Vec<&str> = row
            .split_whitespace()
            .filter(|w| *w == "yes" || *w == "no")
            .collect();
        assert_eq!(flags.first(), Some(&"yes"), "a font is not embedded: {row}");
    }
    assert!(
        !String::from_utf8_lossy(bytes).contains("file://"),
        "the PDF names a path on this machine"
    );
}

#[test]
#[ignore = "needs Debian's chromium and poppler-utils; .ci/run installs both"]
fn a_report_with_contents_shows_the_page_each_section_starts_on() {
    let site = common::fixture("minimal");
    common::copy_dir(
        &common::repo().join("tests/fixtures/pdf-contents"),
        site.path(),
    );
    common::edit(
        site.path(),
        "qmsite.toml",
        "main_framework = \"mini\"",
        "main_framework = \"mini\"\npaper = \"letter\"",
    );
    let file = site.path().join("report.pdf");
    let bytes = print(site.path(), &file, &[]);
    // This report's template sets no page size: the site's paper is used.
    assert_printed_report(&file, &bytes, "Minimal site", "Fixture Org", "letter");
    let out = common::build_site(site.path());
    let html = std::fs::read_to_string(out.join("report.html")).expect("report page");
    let numbers = assert_contents_match_pages(&file, &html);
    // The sections are of different lengths: the numbers are not all the same page.
    assert_eq!(numbers.len(), 7, "{numbers:?}");
    assert!(
        numbers["r-appendix"] > numbers["r-method"] + 2,
        "{numbers:?}"
    );
    let marks = bookmarks(&bytes);
    for h in section_headings(&html) {
        assert!(marks.contains(&h), "no bookmark \"{h}\" in {marks:?}");
    }
    // Nothing is left in the cache folder once printed.
    assert_cache_empty(site.path());
}

#[test]
#[ignore = "needs Debian's chromium and poppler-utils; .ci/run installs both"]
fn the_example_prints_the_same_bytes_twice_in_english_and_czech() {
    let site = common::example();
    let out = common::build_site(site.path());
    for (lang, title, organisation, page) in [
        (
            "en",
            "IT Quality Report",
            "Northmere Regional Water Authority",
            "report.html",
        ),
        (
            "cs",
            "Zpráva o kvalitě IT",
            "Regionální vodárenský úřad Northmere",
            "cs/report.html",
        ),
    ] {
        let first = site.path().join(format!("first-{lang}.pdf"));
        let second = site.path().join(format!("second-{lang}.pdf"));
        let bytes = print(site.path(), &first, &["--lang", lang]);
        assert_printed_report(&first, &bytes, title, organisation, "A4");
        let html = std::fs::read_to_string(out.join(page)).expect("report page");
        let marks = bookmarks(&bytes);
        let headings = section_headings(&html);
        assert!(headings.len() > 4, "{lang}: {headings:?}");
        for h in headings {
            assert!(
                marks.contains(&h),
                "{lang}: no bookmark \"{h}\" in {marks:?}"
            );
        }
        let numbers = assert_contents_match_pages(&first, &html);
        assert!(numbers.len() >= 10, "{lang}: {numbers:?}");
        let again = print(site.path(), &second, &["--lang", lang]);
        assert!(bytes == again, "{lang}: two prints of one site differ");
        if lang == "en" {
            let dir = common::repo().join("target/screenshots");
            std::fs::create_dir_all(&dir).expect("artefact folder");
            std::fs::write(dir.join("report-qmsite-pdf.pdf"), &bytes).expect("artefact");
        }
    }
    // With --timestamp, and only then, the file says when it was made.
    let stamped = site.path().join("stamped.pdf");
    print(site.path(), &stamped, &["--timestamp"]);
    let info = info(&stamped);
    assert!(info.contains_key("CreationDate"), "{info:?}");
}

/// Nothing of a print is left in the site's cache folder.
fn assert_cache_empty(site: &Path) {
    let scratch = site.join(".qmsite-cache/pdf");
    let left: Vec<_> = walkdir::WalkDir::new(&scratch)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(left.is_empty(), "left in the cache: {left:?}");
}

/// The PDF file and cache folder a failed print must not have written.
fn assert_nothing_written(site: &Path, file: &Path, before: Option<&[u8]>) {
    assert_eq!(
        std::fs::read(file).ok().as_deref(),
        before,
        "{}",
        file.display()
    );
    assert_cache_empty(site);
    let strays: Vec<_> = std::fs::read_dir(file.parent().expect("folder"))
        .expect("folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .map(|e| e.file_name())
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

#[test]
fn a_missing_browser_is_named_with_what_to_install_and_nothing_is_written() {
    let site = common::fixture("minimal");
    let file = site.path().join("report.pdf");
    let root = site.path().to_string_lossy().into_owned();
    for (option, env) in [(Some("/nonexistent"), None), (None, Some("/nonexistent"))] {
        let mut command = common::qmsite_command();
        command.args(["pdf", "--root", &root, "-o", file.to_str().expect("path")]);
        command.env_remove("QMSITE_BROWSER");
        if let Some(b) = option {
            command.args(["--browser", b]);
        }
        if let Some(b) = env {
            command.env("QMSITE_BROWSER", b);
        }
        let out = command.output().expect("run qmsite");
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{said}");
        assert!(said.contains("/nonexistent"), "{said}");
        assert!(said.contains("apt install chromium"), "{said}");
        assert!(said.contains("--browser"), "{said}");
        assert!(!said.contains("panicked"), "{said}");
        assert_nothing_written(site.path(), &file, None);
    }
}

/// Writes an executable shell script.
fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).expect("script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("mode");
    }
}

#[test]
fn a_browser_that_fails_is_named_and_the_previous_file_stays() {
    let site = common::fixture("minimal");
    let browser = site.path().join("broken-browser");
    script(&browser, "echo 'Missing X server or $DISPLAY' >&2\nexit 1");
    let file = site.path().join("report.pdf");
    std::fs::write(&file, b"the previous report").expect("previous");
    let out = common::qmsite_command()
        .args(["pdf", "--root"])
        .arg(site.path())
        .args(["--today", "2026-11-24", "--browser"])
        .arg(&browser)
        .arg("-o")
        .arg(&file)
        .output()
        .expect("run qmsite");
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("broken-browser"), "{said}");
    assert!(said.contains("Missing X server"), "{said}");
    assert!(said.contains("no PDF was written"), "{said}");
    assert!(!said.contains("panicked"), "{said}");
    assert_nothing_written(site.path(), &file, Some(b"the previous report"));
}

#[test]
#[ignore = "needs root and unshare (util-linux) to hide the machine's browsers; .ci/run runs it"]
fn with_the_environment_scrubbed_no_browser_is_found() {
    let site = common::fixture("minimal");
    let empty = tempfile::tempdir().expect("empty folder");
    let file = site.path().join("report.pdf");
    // The usual install paths (src/pdf/browser.rs) are hidden behind /dev/null in a private
    // mount namespace; the PATH holds an empty folder and no variable names a browser.
    let script = r#"
for f in /usr/bin/chromium /usr/bin/chromium-browser /snap/bin/chromium /usr/bin/google-chrome \
         /opt/google/chrome/chrome /usr/bin/microsoft-edge /opt/microsoft/msedge/msedge; do
  if [ -e "$f" ]; then mount --bind /dev/null "$f"; fi
done
exec env -i PATH="$EMPTY" NO_COLOR=1 "$QMSITE" pdf --root "$SITE" -o "$OUT"
"#;
    let unshare = ["/usr/bin/unshare", "/bin/unshare"]
        .into_iter()
        .find(|p| Path::new(p).is_file())
        .expect("unshare (util-linux) is needed to hide the browsers for this test");
    let out = Command::new(unshare)
        .args(["--mount", "--propagation", "private", "sh", "-ec", script])
        .env("EMPTY", empty.path())
        .env("QMSITE", env!("CARGO_BIN_EXE_qmsite"))
        .env("SITE", site.path())
        .env("OUT", &file)
        .output()
        .expect("run unshare");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !said.contains("unshare failed"),
        "cannot make a mount namespace (this test needs root with CAP_SYS_ADMIN): {said}"
    );
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("no browser to print with was found"),
        "{said}"
    );
    assert!(said.contains("apt install chromium"), "{said}");
    assert!(said.contains("--browser PATH"), "{said}");
    assert_nothing_written(site.path(), &file, None);
}

/// Letters and digits only: a PDF's text comes with line breaks and hyphenation of its own, so
/// a fragment is looked for as its run of letters (case kept, as the fragments were chosen).
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The stakeholders edition's PDF, read back by `pdftotext`, holds none of the texts the example
/// marks internal; the internal edition's PDF, read the same way, holds its assessors' notes.
#[test]
#[ignore = "needs Debian's chromium and poppler-utils; .ci/run installs both"]
fn the_stakeholders_pdf_holds_no_internal_text() {
    let site = common::example();
    let texts = common::internal::collect(&common::repo());
    let mut read = Vec::new();
    for edition in ["stakeholders", "internal"] {
        let file = site.path().join(format!("{edition}.pdf"));
        print(site.path(), &file, &["--edition", edition]);
        read.push(letters(&run_poppler("pdftotext", &[], &file)));
    }
    let leaked: Vec<&String> = texts
        .all()
        .filter(|t| read[0].contains(&letters(t)))
        .collect();
    assert!(leaked.is_empty(), "internal text in the PDF: {leaked:?}");
    // The notes the internal edition's report page shows (those of the latest assessment)…
    let out = common::build_site(site.path());
    let page = std::fs::read(out.join("report.html")).expect("report.html");
    let notes = common::internal::found_in(texts.assessor_notes.iter(), &page);
    assert!(notes.len() > 50, "{}", notes.len());
    // …are in its PDF, bar a few a page break or a table cell cuts where pdftotext reads them.
    let shown = notes
        .iter()
        .filter(|t| read[1].contains(&letters(t)))
        .count();
    assert!(
        shown * 10 >= notes.len() * 9,
        "the internal PDF shows {shown} of the {} assessors' notes of its report page",
        notes.len()
    );
}
