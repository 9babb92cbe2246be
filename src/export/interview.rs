//! The interview workbook: what an assessor takes into the interviews to write ratings down, and
//! what `qmsite import ratings` reads back.
//!
//! Two sheets. *Instructions* says which assessment the workbook is for, how to fill it in and
//! what each level of the scale means (the level drop-down lists its labels). *Ratings* has a
//! heading row per domain and one row per dimension below it: the level (a drop-down), notes and
//! evidence to fill in, and the previous assessment's level and notes for reference. Everything
//! but the three columns to fill in is protected (without a password), panes are frozen and the
//! sheet prints landscape on A4, one page wide, with the header row on every page.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign, FormatBorder,
    Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use crate::report::Report;
use crate::site::{Assessment, AssessmentId, DimensionId, Evidence, Framework, Site};

/// Name of the sheet holding the ratings.
pub const RATINGS_SHEET: &str = "Ratings";
/// Name of the sheet holding the instructions and the scale.
pub const INSTRUCTIONS_SHEET: &str = "Instructions";
/// Label, in column A of the instructions, of the row whose column B holds the assessment id.
pub const ASSESSMENT_LABEL: &str = "Assessment";

/// The columns of the ratings sheet, in order; the header row holds exactly these titles.
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
/// Column of the dimension id (and of a domain id in a heading row).
pub const COL_DIMENSION: u16 = 0;
/// Column of the level to fill in.
pub const COL_LEVEL: u16 = 2;
/// Column of the notes to fill in.
pub const COL_NOTES: u16 = 3;
/// Column of the evidence to fill in, one piece per line.
pub const COL_EVIDENCE: u16 = 4;

/// Writes the interview workbook of one assessment into memory.
pub fn workbook(site: &Site, report: &Report, assessment: AssessmentId) -> Result<Vec<u8>, String> {
    build(site, report, assessment).map_err(|e| format!("cannot write the workbook: {e}"))
}

fn build(site: &Site, report: &Report, index: AssessmentId) -> Result<Vec<u8>, XlsxError> {
    let a = &site.assessments[index];
    let f = &site.frameworks[a.framework];
    let previous = report.previous(index).map(|p| &site.assessments[p]);
    let mut book = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(format!("Interview workbook: {}", a.title))
        .set_company(&site.config.organisation);
    if let Some(date) = super::excel_date(a.date) {
        properties = properties.set_creation_datetime(&date);
    }
    book.set_properties(&properties);
    // Ratings comes first: it opens with the workbook, and a spreadsheet saved as CSV saves it.
    let mut help = Worksheet::new();
    let scale_rows = instructions(&mut help, site, a, f, previous)?;
    let mut sheet = Worksheet::new();
    ratings(&mut sheet, a, f, previous, scale_rows)?;
    book.push_worksheet(sheet);
    book.push_worksheet(help);
    book.save_to_buffer()
}

/// Writes the instructions sheet; returns the first and last row of the scale's labels, which
/// the level drop-down lists.
fn instructions(
    sheet: &mut Worksheet,
    site: &Site,
    a: &Assessment,
    f: &Framework,
    previous: Option<&Assessment>,
) -> Result<(u32, u32), XlsxError> {
    sheet.set_name(INSTRUCTIONS_SHEET)?;
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 100)?;
    sheet.set_column_width(2, 14)?;
    sheet.write_string_with_format(0, 0, format!("Interview workbook: {}", a.title), &title)?;
    let facts = [
        (ASSESSMENT_LABEL, a.id.clone()),
        ("Organisation", site.config.organisation.clone()),
        ("Framework", format!("{} ({})", f.name, f.id)),
        ("Date", a.date.to_string()),
        ("Assessor", a.assessor.clone()),
        (
            "Previous assessment",
            previous.map_or_else(|| "none".to_owned(), |p| format!("{} ({})", p.title, p.id)),
        ),
    ];
    for (i, (label, value)) in facts.iter().enumerate() {
        let row = 2 + i as u32;
        sheet.write_string_with_format(row, 0, *label, &bold)?;
        sheet.write_string_with_format(row, 1, value, &wrap)?;
    }
    let steps = [
        "Fill in the Ratings sheet: one row per dimension, under the heading of its domain.",
        "Level: pick the level from the list; leave it empty when the dimension is not rated (it is then left out of every score, never counted as 0).",
        "Notes: what you found. Line breaks are kept.",
        "Evidence: one document per line, as a title followed by its address in angle brackets, e.g. Change report 2025 <https://intranet.example/change-2025.pdf>; a line without <…> is a title alone.",
        "Previous level and notes are the last assessment's, for reference; the grey columns are protected (without a password).",
        "Do not add, remove, merge or hide rows, columns or sheets, and type values, not formulas: qmsite import ratings reads the sheet as it was written and says where it cannot.",
        "Then run: qmsite import ratings FILE --assessment ID (it shows what would change) and again with --write.",
    ];
    let start = 2 + facts.len() as u32 + 1;
    sheet.write_string_with_format(start, 0, "How to fill it in", &bold)?;
    for (i, text) in steps.iter().enumerate() {
        let row = start + 1 + i as u32;
        sheet.write_string(row, 0, format!("Step {}", i + 1))?;
        sheet.write_string_with_format(row, 1, *text, &wrap)?;
    }
    let scale_head = start + 2 + steps.len() as u32;
    sheet.write_string_with_format(scale_head, 0, "Level", &bold)?;
    sheet.write_string_with_format(scale_head, 1, "What it means", &bold)?;
    sheet.write_string_with_format(scale_head, 2, format!("Value ({})", f.unit), &bold)?;
    for (i, level) in f.scale.iter().enumerate() {
        let row = scale_head + 1 + i as u32;
        sheet.write_string(row, 0, &level.label)?;
        sheet.write_string_with_format(row, 1, &level.description, &wrap)?;
        sheet.write_number(row, 2, level.value)?;
    }
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.protect();
    Ok((scale_head + 1, scale_head + f.scale.len() as u32))
}

/// Writes the ratings sheet.
fn ratings(
    sheet: &mut Worksheet,
    a: &Assessment,
    f: &Framework,
    previous: Option<&Assessment>,
    (first, last): (u32, u32),
) -> Result<(), XlsxError> {
    sheet.set_name(RATINGS_SHEET)?;
    let border = FormatBorder::Thin;
    let locked = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("F2F2F2")
        .set_border(border);
    let open = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_unlocked()
        .set_border(border);
    let header = locked.clone().set_bold().set_background_color("D9D9D9");
    let heading = Format::new()
        .set_bold()
        .set_background_color("DDEBF7")
        .set_border(border);
    for (col, (title, width)) in COLUMNS
        .iter()
        .zip([11, 30, 14, 50, 40, 14, 40, 50])
        .enumerate()
    {
        sheet.write_string_with_format(0, col as u16, *title, &header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    let mut row = 1u32;
    for domain in &f.domains {
        let text = if domain.description.is_empty() {
            domain.name.clone()
        } else {
            format!("{} — {}", domain.name, domain.description)
        };
        sheet.write_string_with_format(row, 0, &domain.id, &heading)?;
        // The heading runs over the empty cells to its right; merged cells would not import.
        sheet.write_string_with_format(row, 1, &text, &heading)?;
        for col in 2..COLUMNS.len() as u16 {
            sheet.write_blank(row, col, &heading)?;
        }
        let group_start = row + 1;
        for &d in &domain.dimensions {
            row += 1;
            dimension_row(sheet, row, a, f, d, previous, (&locked, &open))?;
        }
        if row >= group_start {
            sheet.group_rows(group_start, row)?;
        }
        row += 1;
    }
    let validation = level_list(first, last)?;
    sheet.add_data_validation(1, COL_LEVEL, row.max(2) - 1, COL_LEVEL, &validation)?;
    sheet.set_freeze_panes(1, 2)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_header(format!("&L{}&R{}", escape_header(&a.title), a.date));
    sheet.set_footer("&CPage &P of &N");
    sheet.set_active(true);
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
    Ok(())
}

/// The level drop-down: the scale's labels on the instructions sheet, rows `first` to `last`.
fn level_list(first: u32, last: u32) -> Result<DataValidation, XlsxError> {
    let list = Formula::new(format!(
        "={INSTRUCTIONS_SHEET}!$A${}:$A${}",
        first + 1,
        last + 1
    ));
    Ok(DataValidation::new()
        .allow_list_formula(list)
        .ignore_blank(true)
        .set_input_title("Level")?
        .set_input_message("Pick a level of the scale; leave empty for not rated.")?
        .set_error_title("Not a level of the scale")?
        .set_error_message("Pick one of the levels listed, or leave the cell empty.")?
        .set_error_style(DataValidationErrorStyle::Stop))
}

fn dimension_row(
    sheet: &mut Worksheet,
    row: u32,
    a: &Assessment,
    f: &Framework,
    d: DimensionId,
    previous: Option<&Assessment>,
    (locked, open): (&Format, &Format),
) -> Result<(), XlsxError> {
    let dim = &f.dimensions[d];
    let rating = &a.ratings[d];
    let level = |r: &crate::site::Rating| {
        r.level
            .and_then(|l| f.scale.get(l))
            .map_or(String::new(), |l| l.label.clone())
    };
    sheet.write_string_with_format(row, 0, &dim.id, locked)?;
    sheet.write_string_with_format(row, 1, &dim.name, locked)?;
    sheet.write_string_with_format(row, COL_LEVEL, level(rating), open)?;
    sheet.write_string_with_format(row, COL_NOTES, &rating.notes, open)?;
    sheet.write_string_with_format(row, COL_EVIDENCE, evidence_text(&rating.evidence), open)?;
    let before = previous.and_then(|p| p.ratings.get(d));
    sheet.write_string_with_format(row, 5, before.map(level).unwrap_or_default(), locked)?;
    sheet.write_string_with_format(row, 6, before.map_or("", |r| r.notes.as_str()), locked)?;
    sheet.write_string_with_format(row, 7, &dim.description, locked)?;
    Ok(())
}

/// `&` starts a code in a print header; a literal one is written twice.
fn escape_header(text: &str) -> String {
    text.replace('&', "&&")
}

/// Evidence as the text of one cell: one piece per line, `title <url>`, or the title alone when
/// there is no address (and the title cannot be mistaken for one with an address).
pub fn evidence_text(evidence: &[Evidence]) -> String {
    evidence
        .iter()
        .map(|e| evidence_line(&e.title, &e.url))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line of the evidence cell.
pub fn evidence_line(title: &str, url: &str) -> String {
    if url.is_empty() && parse_evidence_line(title) == (title, "") {
        title.to_owned()
    } else {
        format!("{title} <{url}>")
    }
}

/// Reads one line of an evidence cell back into its title and address: a line ending in
/// `<address>` after a space holds both; any other line is a title alone.
pub fn parse_evidence_line(line: &str) -> (&str, &str) {
    if let Some(inner) = line.strip_suffix('>')
        && let Some(open) = inner.rfind(" <")
    {
        let url = &inner[open + 2..];
        if !url.contains(['<', '>']) {
            return (&inner[..open], url);
        }
    }
    (line, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_lines_read_back_as_written() {
        for (title, url) in [
            ("Change report", "https://intranet.example/c.pdf"),
            ("Change report", ""),
            ("Minutes <draft>", ""),
            ("a <b>", ""),
            ("x", "pages/policy.pdf"),
            ("Review 2025 <old> notes", "mailto:q@example.org"),
        ] {
            let line = evidence_line(title, url);
            assert_eq!(parse_evidence_line(&line), (title, url), "{line}");
        }
        assert_eq!(
            parse_evidence_line("Policy <https://x.example/p.pdf>"),
            ("Policy", "https://x.example/p.pdf")
        );
        assert_eq!(parse_evidence_line("Policy"), ("Policy", ""));
    }
}
