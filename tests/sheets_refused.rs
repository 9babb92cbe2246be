//! Bad workbooks: each kind is refused with its file, sheet and cell, in plain words, and nothing
//! is written.

mod common;

use std::fs;

use common::sheets::{example_book, ratings_sheet, refused};
use rust_xlsxwriter::Format;

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
