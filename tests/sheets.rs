//! The interview workbook and ratings import: round trip, a filled workbook, and every kind of
//! bad workbook refused with its sheet and cell, writing nothing.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;

use common::sheets::{export_interview, import, minimal_book, read_ratings, run};

#[test]
fn export_then_import_without_edits_changes_no_byte() {
    let site = common::example();
    let before = common::snapshot(&site.path().join("content"));
    for id in ["2020", "2023", "2026"] {
        let book = site.path().join(format!("{id}.xlsx"));
        export_interview(site.path(), id, &book);
        let (code, out, err) = import(site.path(), &book, id, true);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("0 new, 0 changed, 48 unchanged"), "{out}");
        assert!(out.contains("up to date; nothing to write"), "{out}");
    }
    assert!(before == common::snapshot(&site.path().join("content")));
}

#[test]
fn exports_are_deterministic() {
    let site = common::example();
    let a = site.path().join("a.xlsx");
    let b = site.path().join("b.xlsx");
    export_interview(site.path(), "2026", &a);
    export_interview(site.path(), "2026", &b);
    assert_eq!(fs::read(&a).expect("a"), fs::read(&b).expect("b"));
    for (kind, name) in [("xlsx", "t.xlsx"), ("csv", "csv"), ("oscal", "oscal")] {
        let first = site.path().join(format!("1-{name}"));
        let second = site.path().join(format!("2-{name}"));
        for to in [&first, &second] {
            let (code, _, err) = run(site.path(), &["export", kind, "-o", &to.to_string_lossy()]);
            assert_eq!(code, 0, "{err}");
        }
        if kind == "xlsx" {
            assert_eq!(fs::read(&first).expect("1"), fs::read(&second).expect("2"));
        } else {
            assert!(
                common::snapshot(&first) == common::snapshot(&second),
                "{kind}"
            );
            assert!(!common::snapshot(&first).is_empty());
        }
    }
}

#[test]
fn an_export_never_replaces_a_file_without_force() {
    let site = common::example();
    let book = site.path().join("i.xlsx");
    fs::write(&book, "the assessor's work").expect("write");
    let (code, _, err) = run(
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
    assert_eq!(code, 1);
    assert!(err.contains("exists already"), "{err}");
    assert_eq!(
        fs::read_to_string(&book).expect("read"),
        "the assessor's work"
    );
}

/// The parts of an xlsx package, by name.
fn unzip(path: &Path) -> std::collections::BTreeMap<String, String> {
    let bytes = fs::read(path).expect("read");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("part");
        let mut text = String::new();
        if f.read_to_string(&mut text).is_ok() {
            parts.insert(f.name().to_owned(), text);
        }
    }
    parts
}

#[test]
fn the_interview_workbook_has_a_level_drop_down_protection_and_frozen_panes() {
    let site = common::example();
    let book = site.path().join("i.xlsx");
    export_interview(site.path(), "2026", &book);
    let parts = unzip(&book);
    let workbook = &parts["xl/workbook.xml"];
    let ratings_first = workbook.find("name=\"Ratings\"").expect("Ratings sheet");
    let instructions = workbook
        .find("name=\"Instructions\"")
        .expect("Instructions");
    assert!(ratings_first < instructions, "Ratings is the first sheet");
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    // The level column's drop-down lists the scale's labels kept on the Instructions sheet.
    let validation = sheet
        .split("<dataValidation ")
        .nth(1)
        .expect("a data validation");
    assert!(validation.contains("type=\"list\""), "{validation}");
    assert!(validation.contains("sqref=\"C2:C55\""), "{validation}");
    assert!(
        validation.contains("<formula1>Instructions!$A$"),
        "{validation}"
    );
    assert!(sheet.contains("<sheetProtection"), "protected");
    assert!(sheet.contains("xSplit=\"2\" ySplit=\"1\""), "frozen panes");
    assert!(
        sheet.contains("orientation=\"landscape\""),
        "prints landscape"
    );
    // The labels the list points at are the scale's, in order.
    let strings = &parts["xl/sharedStrings.xml"];
    let absent = strings.find(">Absent<").expect("Absent");
    let optimised = strings.find(">Optimised<").expect("Optimised");
    assert!(absent < optimised);
}

#[test]
fn a_filled_workbook_imports_into_the_expected_assessment_file() {
    let site = common::fixture("minimal");
    let file = site.path().join("content/assessments/two.toml");
    // Leave A.2 out of the file, so the import has to add its table in framework order.
    common::edit(
        site.path(),
        "content/assessments/two.toml",
        "[[rating]]\ndimension = \"A.2\"\nlevel = \"high\"\n\n",
        "",
    );
    let bytes = minimal_book(
        &[
            ["A", "Alpha", "", "", ""],
            [
                "A.1",
                "",
                "High",
                "Much better.\nSecond line, with \"quotes\".",
                "Report <https://intranet.example/r.pdf>\nMinutes",
            ],
            ["A.2", "", "low", "", ""],
            ["B", "Beta", "", "", ""],
            ["B.1", "", "Mid", "", ""],
        ],
        |_| {},
    );
    let book = site.path().join("filled.xlsx");
    fs::write(&book, bytes).expect("write");
    let before = fs::read_to_string(&file).expect("read");
    let (code, out, err) = import(site.path(), &book, "two", false);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("new       rating A.2: level not rated → Low"),
        "{out}"
    );
    assert!(
        out.contains("changed   rating A.1: level Mid → High; notes; evidence"),
        "{out}"
    );
    assert!(
        out.contains("1 new, 1 changed, 1 unchanged ratings"),
        "{out}"
    );
    assert!(out.contains("run again with --write"), "{out}");
    assert_eq!(
        fs::read_to_string(&file).expect("read"),
        before,
        "a dry run writes nothing"
    );
    let (code, out, err) = import(site.path(), &book, "two", true);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Wrote content/assessments/two.toml"), "{out}");
    let expected = r#"id = "two"
framework = "mini"
date = 2024-05-01
assessor = "A. Assessor"

[cost]
per_user = 5000
currency = "EUR"

[[rating]]
dimension = "A.1"
level = "high"
notes = """
Much better.
Second line, with \"quotes\"."""
evidence = [
  { title = "Report", url = "https://intranet.example/r.pdf" },
  { title = "Minutes" },
]

[[rating]]
dimension = "A.2"
level = "low"

[[rating]]
dimension = "B.1"
level = "mid"
"#;
    assert_eq!(fs::read_to_string(&file).expect("read"), expected);
    // The site still checks clean, and importing the same workbook again changes nothing.
    assert_eq!(common::check(site.path()).0, 0);
    let (_, out, _) = import(site.path(), &book, "two", true);
    assert!(out.contains("up to date"), "{out}");
}

#[test]
fn an_edit_keeps_every_comment_and_other_rating_as_written() {
    let site = common::example();
    let rel = "content/assessments/2026-reassessment.toml";
    let before = fs::read_to_string(site.path().join(rel)).expect("read");
    let book = site.path().join("i.xlsx");
    export_interview(site.path(), "2026", &book);
    // Re-create the Ratings sheet as read, with one level changed: D1.2 Defined → Managed.
    let grid = read_ratings(&book);
    let rows: Vec<[String; 5]> = grid
        .iter()
        .skip(1)
        .map(|r| {
            let mut row = [
                r[0].clone(),
                r[1].clone(),
                r[2].clone(),
                r[3].clone(),
                r[4].clone(),
            ];
            if row[0] == "D1.2" {
                row[2] = "Managed".to_owned();
            }
            row
        })
        .collect();
    let refs: Vec<[&str; 5]> = rows
        .iter()
        .map(|r| [&*r[0], &*r[1], &*r[2], &*r[3], &*r[4]])
        .collect();
    fs::write(&book, minimal_book(&refs, |_| {})).expect("write");
    let (code, out, err) = import(site.path(), &book, "2026", true);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 new, 1 changed, 47 unchanged"), "{out}");
    let after = fs::read_to_string(site.path().join(rel)).expect("read");
    let expected = before.replacen(
        "dimension = \"D1.2\"\nlevel = \"defined\"",
        "dimension = \"D1.2\"\nlevel = \"managed\"",
        1,
    );
    assert_ne!(expected, before);
    assert_eq!(after, expected);
}

#[test]
fn a_csv_file_imports_like_the_sheet() {
    let site = common::fixture("minimal");
    let csv = site.path().join("ratings.csv");
    fs::write(
        &csv,
        "\u{feff}Dimension;Name;Level;Notes;Evidence;Previous level;Previous notes;Description\nA.1;;High;\"Two\nlines\";;;;\nB.1;;Manged;;;;;\n",
    )
    .expect("write");
    let (code, _, err) = import(site.path(), &csv, "two", true);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "ratings.csv: C3: \"Manged\" is not a level of the scale; expected one of Low, Mid, High"
        ),
        "{err}"
    );
    fs::write(&csv, "Dimension,Name,Level,Notes,Evidence,Previous level,Previous notes,Description\nA.1,,High,\"Two\nlines\",,,,\n").expect("write");
    let (code, out, err) = import(site.path(), &csv, "two", true);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 new, 1 changed, 0 unchanged"), "{out}");
    let text = fs::read_to_string(site.path().join("content/assessments/two.toml")).expect("read");
    assert!(
        text.contains("level = \"high\"\nnotes = \"\"\"\nTwo\nlines\"\"\""),
        "{text}"
    );
}
