//! Checks by programs qmsite did not write: LibreOffice opens the interview workbook (and what it
//! saves imports back unchanged), and compliance-trestle validates the OSCAL export.
//!
//! They need Debian's `libreoffice-calc-nogui` (`soffice`, or `QMSITE_SOFFICE`) and
//! compliance-trestle from PyPI (`QMSITE_TRESTLE`, or the copy `.ci/run` installs), so they are
//! ignored by default; `cargo test -- --include-ignored` runs them, and they fail saying what
//! is missing.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn soffice() -> PathBuf {
    let path = std::env::var_os("QMSITE_SOFFICE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/soffice"));
    assert!(
        path.is_file(),
        "{} not found: install Debian's libreoffice-calc-nogui or set QMSITE_SOFFICE",
        path.display()
    );
    path
}

fn trestle() -> PathBuf {
    let path = std::env::var_os("QMSITE_TRESTLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repo().join("target/tools/trestle/bin/trestle"));
    assert!(
        path.is_file(),
        "{} not found: install compliance-trestle (see .ci/run) or set QMSITE_TRESTLE",
        path.display()
    );
    path
}

fn qmsite(site: &Path, args: &[&str]) -> String {
    let root = site.to_string_lossy().into_owned();
    let mut all = args.to_vec();
    all.extend(["--root", &root, "--today", "2026-11-24"]);
    let out = common::qmsite(&all);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "qmsite {args:?}: {text}");
    text
}

/// Converts a file with headless LibreOffice, using a profile of its own in `dir`.
fn convert(file: &Path, filter: &str, dir: &Path) {
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let out = Command::new(soffice())
        .args([&profile, "--headless", "--convert-to", filter, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs LibreOffice (soffice); run with --include-ignored"]
fn libreoffice_opens_the_interview_workbook_and_its_csv_and_ods_import_unchanged() {
    let site = common::example();
    let dir = site.path().join("lo");
    fs::create_dir_all(&dir).expect("dir");
    let book = dir.join("interview.xlsx");
    qmsite(
        site.path(),
        &[
            "export",
            "interview",
            "--assessment",
            "2026",
            "-o",
            &book.to_string_lossy(),
        ],
    );
    // CSV in UTF-8 (filter options: comma, double quote, UTF-8) of the first sheet, Ratings.
    convert(&book, "csv:Text - txt - csv (StarCalc):44,34,76", &dir);
    convert(&book, "ods", &dir);
    let csv = dir.join("interview.csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&csv)
        .expect("csv written by LibreOffice");
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "Dimension",
            "Name",
            "Level",
            "Notes",
            "Evidence",
            "Previous level",
            "Previous notes",
            "Description"
        ]
    );
    assert_eq!(rows[1][0], "D1");
    assert!(
        rows[1][1].starts_with("Governance & strategy — "),
        "{:?}",
        rows[1]
    );
    let d11 = &rows[2];
    assert_eq!((d11[0].as_str(), d11[2].as_str()), ("D1.1", "Managed"));
    assert!(d11[3].starts_with("The strategy was refreshed mid-term in 2025"));
    assert_eq!(
        d11[4],
        "IT strategy 2022–2026, mid-term refresh 2025 <https://intranet.example/it/strategy-2022-refresh-2025.pdf>"
    );
    assert_eq!(d11[5], "Defined", "the 2023 level, for reference");
    let d58 = rows.iter().find(|r| r[0] == "D5.8").expect("D5.8");
    assert_eq!(d58[2], "", "not rated");
    assert_eq!(
        rows.len(),
        1 + 6 + 48,
        "a header, 6 domain headings and 48 dimensions"
    );
    // What LibreOffice saved reads back as the same ratings: nothing to write.
    let before = common::snapshot(&site.path().join("content"));
    for file in [csv, dir.join("interview.ods")] {
        let out = qmsite(
            site.path(),
            &[
                "import",
                "ratings",
                &file.to_string_lossy(),
                "--assessment",
                "2026",
                "--write",
            ],
        );
        assert!(out.contains("0 new, 0 changed, 48 unchanged"), "{out}");
    }
    assert!(before == common::snapshot(&site.path().join("content")));
}

#[test]
#[ignore = "needs LibreOffice (soffice); run with --include-ignored"]
fn a_hidden_row_saved_by_libreoffice_is_refused() {
    let site = common::example();
    let dir = site.path().join("lo");
    fs::create_dir_all(&dir).expect("dir");
    let book = dir.join("hidden.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("Ratings").expect("name");
    for (c, t) in [
        "Dimension",
        "Name",
        "Level",
        "Notes",
        "Evidence",
        "Previous level",
        "Previous notes",
        "Description",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *t).expect("header");
    }
    sheet.write_string(1, 0, "D1.1").expect("id");
    sheet.write_string(1, 2, "Managed").expect("level");
    sheet.write_string(2, 0, "D1.2").expect("id");
    sheet
        .merge_range(3, 0, 3, 1, "D1.3", &rust_xlsxwriter::Format::new())
        .expect("merge");
    sheet.set_row_hidden(2).expect("hide");
    wb.save(&book).expect("save");
    convert(&book, "ods", &dir);
    let out = common::qmsite(&[
        "import",
        "ratings",
        &dir.join("hidden.ods").to_string_lossy(),
        "--assessment",
        "2026",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        "2026-11-24",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("hidden.ods: Ratings row 3: is hidden"),
        "{err}"
    );
    assert!(
        err.contains("hidden.ods: Ratings!A4: starts a merged area"),
        "{err}"
    );
}

fn trestle_validate(workspace: &Path, kind: &str, json: &str) -> (bool, String) {
    let dir = workspace.join(kind).join("qmsite");
    fs::create_dir_all(&dir).expect("model dir");
    let file = dir.join(format!("{kind}.json"));
    fs::write(&file, json).expect("write");
    let out = Command::new(trestle())
        .current_dir(workspace)
        .args(["validate", "-f"])
        .arg(file.strip_prefix(workspace).expect("relative"))
        .output()
        .expect("run trestle");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.success() && text.contains("VALID:") && !text.contains("INVALID"),
        text,
    )
}

#[test]
#[ignore = "needs compliance-trestle; run with --include-ignored"]
fn the_oscal_export_validates_with_compliance_trestle() {
    let site = common::example();
    let out = site.path().join("oscal");
    qmsite(
        site.path(),
        &["export", "oscal", "-o", &out.to_string_lossy()],
    );
    let workspace = site.path().join("trestle");
    fs::create_dir_all(&workspace).expect("dir");
    let init = Command::new(trestle())
        .current_dir(&workspace)
        .arg("init")
        .output()
        .expect("trestle init");
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let results = fs::read_to_string(out.join("assessment-results.json")).expect("results");
    let poam = fs::read_to_string(out.join("poam.json")).expect("poam");
    for (kind, json) in [
        ("assessment-results", &results),
        ("plan-of-action-and-milestones", &poam),
    ] {
        let (valid, text) = trestle_validate(&workspace, kind, json);
        assert!(valid, "{kind}: {text}");
    }
    // The validator does reject a broken document: a result without its start date.
    let mut broken: serde_json::Value = serde_json::from_str(&results).expect("json");
    broken["assessment-results"]["results"][0]
        .as_object_mut()
        .expect("result")
        .remove("start");
    let (valid, text) = trestle_validate(&workspace, "assessment-results", &broken.to_string());
    assert!(!valid, "trestle accepted a result without start: {text}");
}
