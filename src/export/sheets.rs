//! Writes the export tables as one workbook (`export xlsx`) or one CSV file per table
//! (`export csv`): typed cells, a frozen header row and an auto-filter on every sheet.

use jiff::civil::Date;
use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet, XlsxError};

use super::tables::{Cell, Table};

/// The widest a column is made, in characters; longer text is cut off on screen, not in the cell.
const MAX_WIDTH: usize = 60;

/// The tables as a workbook, one sheet each. `date` is the document's date (from the content).
pub fn workbook(tables: &[Table], title: &str, date: Date) -> Result<Vec<u8>, String> {
    build(tables, title, date).map_err(|e| format!("cannot write the workbook: {e}"))
}

fn build(tables: &[Table], title: &str, date: Date) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut properties = DocProperties::new().set_title(title);
    if let Some(d) = super::excel_date(date) {
        properties = properties.set_creation_datetime(&d);
    }
    book.set_properties(&properties);
    for table in tables {
        sheet(book.add_worksheet(), table)?;
    }
    book.save_to_buffer()
}

fn sheet(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    sheet.set_name(table.name)?;
    let header = Format::new().set_bold().set_background_color("D9D9D9");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (col, title) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &header)?;
    }
    let mut widths: Vec<usize> = table
        .columns
        .iter()
        .map(|c| c.chars().count() + 3)
        .collect();
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(s) => {
                    sheet.write_string(r, col, s)?;
                    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                }
                Cell::Number(n) => {
                    sheet.write_number(r, col, *n)?;
                    n.to_string().len()
                }
                Cell::Date(d) => {
                    if let Some(x) = super::excel_date(*d) {
                        sheet.write_datetime_with_format(r, col, &x, &date)?;
                    }
                    10
                }
                Cell::Bool(b) => {
                    sheet.write_boolean(r, col, *b)?;
                    5
                }
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(width + 1);
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*width).min(MAX_WIDTH) as f64)?;
    }
    let last_col = table.columns.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The tables as CSV files: `(file name, bytes)`, UTF-8 with a byte-order mark so that
/// spreadsheets open accented names correctly, dates as YYYY-MM-DD and yes/no as true/false.
pub fn csv_files(tables: &[Table]) -> Result<Vec<(String, Vec<u8>)>, String> {
    tables
        .iter()
        .map(|t| {
            let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
            let fail = |e: csv::Error| format!("cannot write {}: {e}", t.name);
            out.write_record(&t.columns).map_err(fail)?;
            for row in &t.rows {
                out.write_record(row.iter().map(csv_text)).map_err(fail)?;
            }
            let bytes = out.into_inner().map_err(|e| e.to_string())?;
            Ok((file_name(t.name), bytes))
        })
        .collect()
}

fn csv_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => n.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Bool(b) => b.to_string(),
    }
}

/// A table's CSV file name: its name in lower case, spaces as hyphens.
pub fn file_name(table: &str) -> String {
    format!("{}.csv", table.to_lowercase().replace(' ', "-"))
}
