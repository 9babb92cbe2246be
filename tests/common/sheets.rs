//! Helpers of the spreadsheet tests: run an export or import on a site, build workbooks in the
//! interview layout, and check that a refused workbook wrote nothing.

use std::fs;
use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet};

pub const COLUMNS: [&str; 8] = [
    "Dimension",
    "Name",
    "Level",
    "Notes",
    "Evidence",
    "Previous level",
    "Previous notes",
    "Description",
];

pub fn run(site: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all: Vec<&str> = args.to_vec();
    let root = site.to_string_lossy().into_owned();
    all.extend(["--root", &root, "--today", "2026-11-24"]);
    let out = super::qmsite(&all);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn export_interview(site: &Path, assessment: &str, to: &Path) {
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

pub fn import(site: &Path, file: &Path, assessment: &str, write: bool) -> (i32, String, String) {
    let file = file.to_string_lossy().into_owned();
    let mut args = vec!["import", "ratings", &file, "--assessment", assessment];
    if write {
        args.push("--write");
    }
    run(site, &args)
}

/// A workbook in the interview layout for the minimal site's assessment "two".
pub fn minimal_book(rows: &[[&str; 5]], change: impl FnOnce(&mut Workbook)) -> Vec<u8> {
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

pub fn ratings_sheet(book: &mut Workbook) -> &mut Worksheet {
    book.worksheet_from_name("Ratings").expect("Ratings")
}

pub fn read_ratings(book: &Path) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book).expect("open");
    let range = wb.worksheet_range("Ratings").expect("Ratings");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// Runs an import of bad bytes; checks the message, the exit code and that nothing changed.
pub fn refused(name: &str, bytes: &[u8], expected: &[&str]) {
    let site = super::example();
    let before = super::snapshot(&site.path().join("content"));
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
        before == super::snapshot(&site.path().join("content")),
        "{name} wrote"
    );
}

/// The example's 2026 workbook as exported, with its Ratings sheet re-created and then changed.
pub fn example_book(change: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let site = super::example();
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
