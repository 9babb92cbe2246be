//! The interview workbook and ratings import: round trip, a filled workbook, and every kind of
//! bad workbook refused with its sheet and cell, writing nothing.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet};

const COLUMNS: [&str; 8] = [
    "Dimension",
    "Name",
    "Level",
    "Notes",
    "Evidence",
    "Previous level",
    "Previous notes",
    "Description",
];

fn run(site: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all: Vec<&str> = args.to_vec();
    let root = site.to_string_lossy().into_owned();
    all.extend(["--root", &root, "--today", "2026-11-24"]);
    let out = common::qmsite(&all);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn export_interview(site: &Path, assessment: &str, to: &Path) {
    let (code, _, err) = run(
        site,
        &[
            "export",
            "interview",
            "--assessment",
            assessment,
            "-o",
            &to.to_string_lossy(),
        ],
    );
    assert_eq!(code, 0, "{err}");
}

fn import(site: &Path, file: &Path, assessment: &str, write: bool) -> (i32, String, String) {
    let file = file.to_string_lossy().into_owned();
    let mut args = vec!["import", "ratings", &file, "--assessment", assessment];
    if write {
        args.push("--write");
    }
    run(site, &args)
}

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

/// A workbook in the interview layout for the minimal site's assessment "two".
fn minimal_book(rows: &[[&str; 5]], change: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Ratings").expect("name");
    for (c, title) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, *title).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet
                    .write_string(r as u32 + 1, c as u16, *value)
                    .expect("cell");
            }
        }
    }
    change(&mut book);
    book.save_to_buffer().expect("save")
}

fn ratings_sheet(book: &mut Workbook) -> &mut Worksheet {
    book.worksheet_from_name("Ratings").expect("Ratings")
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

fn read_ratings(book: &Path) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book).expect("open");
    let range = wb.worksheet_range("Ratings").expect("Ratings");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// Runs an import of bad bytes; checks the message, the exit code and that nothing changed.
fn refused(name: &str, bytes: &[u8], expected: &[&str]) {
    let site = common::example();
    let before = common::snapshot(&site.path().join("content"));
    let book = site.path().join(name);
    fs::write(&book, bytes).expect("write");
    let (code, out, err) = import(site.path(), &book, "2026", true);
    assert_eq!(code, 1, "{name}: {out}{err}");
    for e in expected {
        assert!(err.contains(e), "{name}: expected {e:?} in:\n{err}");
    }
    assert!(
        err.contains("nothing was written") || err.contains("Nothing was written"),
        "{err}"
    );
    assert!(
        before == common::snapshot(&site.path().join("content")),
        "{name} wrote"
    );
}

/// The example's 2026 workbook as exported, with its Ratings sheet re-created and then changed.
fn example_book(change: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let site = common::example();
    let book = site.path().join("i.xlsx");
    export_interview(site.path(), "2026", &book);
    let grid = read_ratings(&book);
    let rows: Vec<[String; 5]> = grid
        .iter()
        .skip(1)
        .map(|r| {
            [
                r[0].clone(),
                r[1].clone(),
                r[2].clone(),
                r[3].clone(),
                r[4].clone(),
            ]
        })
        .collect();
    let refs: Vec<[&str; 5]> = rows
        .iter()
        .map(|r| [&*r[0], &*r[1], &*r[2], &*r[3], &*r[4]])
        .collect();
    minimal_book(&refs, change)
}

#[test]
fn a_misspelt_level_names_the_cell_and_what_was_meant() {
    let bytes = example_book(|b| {
        ratings_sheet(b)
            .write_string(13, 2, "Manged")
            .expect("cell");
    });
    refused(
        "interview.xlsx",
        &bytes,
        &[
            "interview.xlsx: Ratings!C14: \"Manged\" is not a level of the scale; did you mean \"Managed\"?",
        ],
    );
    let bytes = example_book(|b| {
        let s = ratings_sheet(b);
        s.write_string(13, 2, "MANAGED").expect("cell");
        s.write_string(14, 0, "D2.l").expect("cell");
        s.write_string(15, 2, "Excellent").expect("cell");
        s.write_string(16, 4, "Script <javascript:alert(1)>")
            .expect("cell");
    });
    refused(
        "interview.xlsx",
        &bytes,
        &[
            "Ratings!C14: \"MANAGED\" is not a level of the scale; did you mean \"Managed\"?",
            "Ratings!A15: \"D2.l\" is not a dimension of itqi-example; did you mean \"D2.1\"?",
            "Ratings!C16: \"Excellent\" is not a level of the scale; expected one of Absent, Ad hoc, Repeatable, Defined, Managed, Optimised",
            "Ratings!E17: the address of \"Script\" starts with \"javascript:\"",
            "4 problems in the workbook; nothing was written.",
        ],
    );
}

#[test]
fn refuses_merged_cells() {
    refused(
        "merged.xlsx",
        &example_book(|b| {
            ratings_sheet(b)
                .merge_range(3, 3, 3, 4, "merged", &Format::new())
                .expect("merge");
        }),
        &["merged.xlsx: Ratings!D4: starts a merged area"],
    );
}

#[test]
fn refuses_a_formula() {
    refused(
        "formula.xlsx",
        &example_book(|b| {
            ratings_sheet(b)
                .write_formula(2, 2, "=\"Managed\"")
                .expect("formula");
        }),
        &["formula.xlsx: Ratings!C3: holds a formula (=\"Managed\")"],
    );
}

#[test]
fn refuses_a_hidden_row() {
    refused(
        "hidden.xlsx",
        &example_book(|b| {
            ratings_sheet(b).set_row_hidden(5).expect("hide");
        }),
        &["hidden.xlsx: Ratings row 6: is hidden"],
    );
}

#[test]
fn refuses_an_extra_sheet() {
    refused(
        "extra.xlsx",
        &example_book(|b| {
            b.add_worksheet().set_name("My notes").expect("name");
        }),
        &["extra.xlsx: has a sheet \"My notes\" that qmsite does not read"],
    );
}

#[test]
fn refuses_a_hidden_sheet() {
    refused(
        "hidden-sheet.xlsx",
        &example_book(|b| {
            let s = b.add_worksheet();
            s.set_name("Instructions").expect("name");
            s.set_hidden(true);
        }),
        &["the sheet \"Instructions\" is hidden"],
    );
}

#[test]
fn refuses_a_renamed_header() {
    refused(
        "renamed.xlsx",
        &example_book(|b| {
            ratings_sheet(b).write_string(0, 2, "Lvl").expect("header");
        }),
        &["renamed.xlsx: Ratings!C1: the header is \"Lvl\"; expected \"Level\""],
    );
}

#[test]
fn refuses_a_missing_header() {
    refused(
        "missing.xlsx",
        &example_book(|b| {
            let s = ratings_sheet(b);
            for c in 4..8 {
                s.clear_cell(0, c);
            }
        }),
        &["missing.xlsx: Ratings!E1: the header \"Evidence\" is missing; expected it here"],
    );
}

#[test]
fn refuses_a_missing_sheet() {
    refused(
        "sheet.xlsx",
        &example_book(|b| {
            ratings_sheet(b).set_name("Rating").expect("rename");
        }),
        &["sheet.xlsx: has no sheet \"Ratings\"; is \"Rating\" that sheet, renamed?"],
    );
}

#[test]
fn refuses_an_empty_file() {
    refused("empty.xlsx", b"", &["empty.xlsx: is empty"]);
}

#[test]
fn refuses_a_file_that_is_not_a_workbook() {
    refused(
        "text.xlsx",
        b"Dimension,Level\nD1.1,Managed\n",
        &["text.xlsx: is not a workbook"],
    );
}

#[test]
fn refuses_a_file_of_another_kind() {
    refused(
        "notes.txt",
        b"hello",
        &[
            "notes.txt: is not a file qmsite imports: expected a name ending in .xlsx, .ods or .csv, not .txt",
        ],
    );
}

#[test]
fn refuses_a_password_protected_workbook() {
    let protected =
        fs::read(common::repo().join("tests/fixtures/sheets/password.xlsx")).expect("fixture");
    refused(
        "protected.xlsx",
        &protected,
        &["protected.xlsx: is password-protected"],
    );
}

#[test]
fn refuses_a_workbook_of_another_assessment() {
    refused(
        "other.xlsx",
        &example_book(|b| {
            let s = b.add_worksheet();
            s.set_name("Instructions").expect("name");
            s.write_string(2, 0, "Assessment").expect("label");
            s.write_string(2, 1, "2023").expect("id");
        }),
        &[
            "other.xlsx: Instructions!B3: this workbook was exported for assessment \"2023\", not \"2026\"",
        ],
    );
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
