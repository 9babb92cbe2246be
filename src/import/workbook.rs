//! Opens a workbook (.xlsx, .ods) or a CSV file as a set of named grids of cells, refusing
//! anything qmsite could misread: an empty file, a file that is not a workbook, a password-
//! protected one, sheets it does not expect or hidden ones, merged cells, formulas and hidden
//! rows. Every refusal names the sheet and cell where there is one.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader, SheetVisible};

use super::Problems;
use super::structure::{self, SheetShape};
use super::suggest;

/// Largest workbook read, in bytes; an interview workbook is some tens of KiB.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// Largest total of the files inside a workbook once unpacked (a guard against zip bombs).
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// A sheet's cells, with its name for messages (empty for a CSV file).
#[derive(Debug, Clone)]
pub struct Grid {
    /// The sheet name; empty for a CSV file.
    pub sheet: String,
    /// The cells, starting at A1.
    pub cells: Range<Data>,
}

impl Grid {
    /// Where a cell is, for messages: `Ratings!C14`, or `C14` in a CSV file.
    pub fn place(&self, row: u32, col: u32) -> String {
        let cell = format!("{}{}", column_letters(col), row + 1);
        if self.sheet.is_empty() {
            cell
        } else {
            format!("{}!{cell}", self.sheet)
        }
    }

    /// A cell's value; absent cells are empty.
    pub fn get(&self, row: u32, col: u32) -> &Data {
        self.cells.get_value((row, col)).unwrap_or(&Data::Empty)
    }

    /// Number of rows from A1 to the last row holding anything.
    pub fn height(&self) -> u32 {
        self.cells.end().map_or(0, |(r, _)| r + 1)
    }

    /// Number of columns from A1 to the last column holding anything.
    pub fn width(&self) -> u32 {
        self.cells.end().map_or(0, |(_, c)| c + 1)
    }
}

/// The column letters of a 0-based column: A … Z, AA …
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The sheets a workbook must and may have.
pub struct Expect<'a> {
    /// Sheets that must be there, in order.
    pub required: &'a [&'a str],
    /// Sheets that may be there too.
    pub optional: &'a [&'a str],
}

/// An opened workbook: the expected sheets that are present, by name.
#[derive(Debug, Clone)]
pub struct Book {
    /// The sheets read (required ones first), or one unnamed grid for a CSV file.
    pub grids: Vec<Grid>,
    /// True for a CSV file.
    pub csv: bool,
}

impl Book {
    /// A sheet by name; a CSV file's only grid answers to any name.
    pub fn sheet(&self, name: &str) -> Option<&Grid> {
        if self.csv {
            return self.grids.first();
        }
        self.grids.iter().find(|g| g.sheet == name)
    }
}

/// Opens a workbook; `shown` is its name as typed, for messages.
pub fn open(path: &Path, shown: &str, expect: &Expect<'_>) -> Result<Book, Problems> {
    let fail = |m: String| Problems::one(shown, m);
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot be read: {e}")))?;
    if !meta.is_file() {
        return Err(fail("is not a file".to_owned()));
    }
    if meta.len() > MAX_BYTES {
        return Err(fail(format!(
            "is {} MiB; a workbook qmsite imports is at most {} MiB",
            meta.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot be read: {e}")))?;
    if bytes.is_empty() {
        return Err(fail(
            "is empty; expected a workbook (.xlsx, .ods) or a CSV file with a header row"
                .to_owned(),
        ));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => csv(&bytes, shown).map(|grid| Book {
            grids: vec![grid],
            csv: true,
        }),
        "xlsx" | "xlsm" | "ods" => {
            zipped(&bytes, shown, &ext)?;
            sheets(&bytes, shown, ext == "ods", expect)
        }
        "xls" => Err(fail(
            "is in the old Excel format (.xls); open it and save it as an Excel workbook (.xlsx)"
                .to_owned(),
        )),
        _ => Err(fail(format!(
            "is not a file qmsite imports: expected a name ending in .xlsx, .ods or .csv{}",
            if ext.is_empty() {
                String::new()
            } else {
                format!(", not .{ext}")
            }
        ))),
    }
}

/// Checks that the bytes are a zip package a spreadsheet program wrote, and not encrypted.
fn zipped(bytes: &[u8], shown: &str, ext: &str) -> Result<(), Problems> {
    let fail = |m: &str| Err(Problems::one(shown, m));
    // Office files saved with a password are not zip packages but compound files holding an
    // "EncryptedPackage" stream (named in UTF-16).
    const COMPOUND: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(&COMPOUND) {
        let name: Vec<u8> = "EncryptedPackage".bytes().flat_map(|b| [b, 0]).collect();
        if bytes.windows(name.len()).any(|w| w == name) {
            return fail(
                "is password-protected; open it, remove the password (in Excel: File › Info › Protect Workbook › Encrypt with Password) and save it again",
            );
        }
        return fail(
            "is in the old Excel format (.xls) though its name ends in .xlsx; open it and save it as an Excel workbook (.xlsx)",
        );
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return fail(&format!(
            "is not a workbook: a .{ext} file is a zip package, and this file is not one (is it a CSV or text file with another name?)"
        ));
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return fail("is not a workbook: its zip package is damaged");
    };
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        if let Ok(f) = zip.by_index_raw(i) {
            unpacked = unpacked.saturating_add(f.size());
        }
    }
    if unpacked > MAX_UNPACKED {
        return fail("unpacks to more than 256 MiB; that is not an interview workbook");
    }
    if ext == "ods" && structure::ods_encrypted(bytes) {
        return fail(
            "is password-protected; open it, remove the password (in LibreOffice: File › Properties › Security) and save it again",
        );
    }
    Ok(())
}

fn sheets(bytes: &[u8], shown: &str, ods: bool, expect: &Expect<'_>) -> Result<Book, Problems> {
    let mut problems = Problems::new(shown);
    let unreadable = |e: String| {
        Problems::one(
            shown,
            format!("is not a workbook qmsite can read ({e}); open it and save it again"),
        )
    };
    let mut reader: Box<dyn SheetReader> = if ods {
        Box::new(
            calamine::Ods::new(Cursor::new(bytes.to_vec()))
                .map_err(|e| unreadable(e.to_string()))?,
        )
    } else {
        let mut x = calamine::Xlsx::new(Cursor::new(bytes.to_vec()))
            .map_err(|e| unreadable(e.to_string()))?;
        x.load_merged_regions()
            .map_err(|e| unreadable(e.to_string()))?;
        Box::new(x)
    };
    let shapes = if ods {
        structure::ods(bytes)
    } else {
        structure::xlsx(bytes)
    };
    let names: Vec<(String, bool)> = reader.sheets();
    let expected: Vec<&str> = expect
        .required
        .iter()
        .chain(expect.optional)
        .copied()
        .collect();
    for (name, visible) in &names {
        if !expected.contains(&name.as_str()) {
            problems.file(format!(
                "has a sheet \"{name}\" that qmsite does not read; remove it (expected only the sheets {})",
                expected.join(" and ")
            ));
        } else if !visible {
            problems.file(format!(
                "the sheet \"{name}\" is hidden; show it again (right-click a sheet tab › Unhide) or remove it"
            ));
        }
    }
    for required in expect.required {
        if !names.iter().any(|(n, _)| n == required) {
            let candidates: Vec<(&str, &str)> = names
                .iter()
                .map(|(n, _)| (n.as_str(), n.as_str()))
                .collect();
            let hint = match suggest::suggest(required, &candidates) {
                Some(s) => format!("; is \"{s}\" that sheet, renamed? Name it \"{required}\""),
                None => String::new(),
            };
            problems.file(format!("has no sheet \"{required}\"{hint}"));
        }
    }
    let mut grids = Vec::new();
    for name in &expected {
        if !names.iter().any(|(n, _)| n == name) {
            continue;
        }
        let grid = match reader.grid(name) {
            Ok(g) => g,
            Err(e) => {
                problems.file(format!("the sheet \"{name}\" cannot be read ({e})"));
                continue;
            }
        };
        check_sheet(&mut *reader, &grid, shapes.get(*name), &mut problems);
        grids.push(grid);
    }
    if problems.is_empty() {
        Ok(Book { grids, csv: false })
    } else {
        Err(problems)
    }
}

/// Refuses formulas, merged cells and hidden rows in a sheet qmsite reads.
fn check_sheet(
    reader: &mut dyn SheetReader,
    grid: &Grid,
    shape: Option<&SheetShape>,
    problems: &mut Problems,
) {
    for (row, col, formula) in reader.formulas(&grid.sheet) {
        problems.at(
            grid.place(row, col),
            format!(
                "holds a formula (={formula}); qmsite reads values only: type the value itself (copy the cell, then Paste Special › Values)"
            ),
        );
    }
    let mut merged: Vec<(u32, u32)> = reader.merged(&grid.sheet);
    if let Some(shape) = shape {
        merged.extend(&shape.merged);
        for &row in &shape.hidden_rows {
            problems.at(
                format!("{} row {}", grid.sheet, row + 1),
                "is hidden; show every row again (select all rows, then Format › Row › Show or Unhide) so that nothing is imported unseen",
            );
        }
    }
    merged.sort_unstable();
    merged.dedup();
    for (row, col) in merged {
        problems.at(
            grid.place(row, col),
            "starts a merged area; qmsite reads one value per cell: unmerge the cells (Merge & Center › Unmerge Cells)",
        );
    }
}

/// What qmsite needs of calamine's .xlsx and .ods readers.
trait SheetReader {
    fn sheets(&self) -> Vec<(String, bool)>;
    fn grid(&mut self, name: &str) -> Result<Grid, String>;
    fn formulas(&mut self, name: &str) -> Vec<(u32, u32, String)>;
    fn merged(&self, name: &str) -> Vec<(u32, u32)>;
}

fn sheets_of<R: Reader<Cursor<Vec<u8>>>>(r: &R) -> Vec<(String, bool)> {
    r.sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect()
}

fn grid_of<R: Reader<Cursor<Vec<u8>>>>(r: &mut R, name: &str) -> Result<Grid, String>
where
    R::Error: std::fmt::Display,
{
    let range = r.worksheet_range(name).map_err(|e| e.to_string())?;
    Ok(Grid {
        sheet: name.to_owned(),
        cells: anchored(range),
    })
}

fn formulas_of<R: Reader<Cursor<Vec<u8>>>>(r: &mut R, name: &str) -> Vec<(u32, u32, String)> {
    r.worksheet_formula(name)
        .map(|range| {
            range
                .used_cells()
                .filter(|(_, _, f)| !f.is_empty())
                .filter_map(|(row, col, f)| {
                    let (r0, c0) = range.start()?;
                    Some((r0 + row as u32, c0 + col as u32, f.clone()))
                })
                .collect()
        })
        .unwrap_or_default()
}

impl SheetReader for calamine::Xlsx<Cursor<Vec<u8>>> {
    fn sheets(&self) -> Vec<(String, bool)> {
        sheets_of(self)
    }
    fn grid(&mut self, name: &str) -> Result<Grid, String> {
        grid_of(self, name)
    }
    fn formulas(&mut self, name: &str) -> Vec<(u32, u32, String)> {
        formulas_of(self, name)
    }
    fn merged(&self, name: &str) -> Vec<(u32, u32)> {
        self.merged_regions_by_sheet(name)
            .iter()
            .map(|(_, _, d)| d.start)
            .collect()
    }
}

impl SheetReader for calamine::Ods<Cursor<Vec<u8>>> {
    fn sheets(&self) -> Vec<(String, bool)> {
        sheets_of(self)
    }
    fn grid(&mut self, name: &str) -> Result<Grid, String> {
        grid_of(self, name)
    }
    fn formulas(&mut self, name: &str) -> Vec<(u32, u32, String)> {
        formulas_of(self, name)
    }
    fn merged(&self, _: &str) -> Vec<(u32, u32)> {
        // Read from the sheet XML (structure::ods); calamine does not report them for .ods.
        Vec::new()
    }
}

/// A range re-based at A1, so that positions are the sheet's own.
fn anchored(range: Range<Data>) -> Range<Data> {
    match (range.start(), range.end()) {
        (Some((0, 0)), _) | (None, _) | (_, None) => range,
        (Some(start), Some(end)) => {
            let mut full = Range::new((0, 0), end);
            for (r, c, v) in range.used_cells() {
                full.set_value((start.0 + r as u32, start.1 + c as u32), v.clone());
            }
            full
        }
    }
}

/// Reads a CSV file (UTF-8, with or without a byte-order mark; comma- or semicolon-separated,
/// as spreadsheets save it) into a grid of text cells.
fn csv(bytes: &[u8], shown: &str) -> Result<Grid, Problems> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Problems::one(
            shown,
            format!(
                "is not UTF-8 text (byte {}); save it as \"CSV UTF-8\"",
                e.valid_up_to() + 1
            ),
        )
    })?;
    if text.contains('\0') {
        return Err(Problems::one(
            shown,
            "holds NUL bytes: it is not a CSV text file",
        ));
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Problems::one(shown, format!("row {} cannot be read as CSV: {e}", i + 1))
        })?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.is_empty() || width == 0 {
        return Err(Problems::one(shown, "holds no rows; expected a header row"));
    }
    let mut cells = Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
    for (r, row) in rows.into_iter().enumerate() {
        for (c, value) in row.into_iter().enumerate() {
            if !value.is_empty() {
                cells.set_value((r as u32, c as u32), Data::String(value));
            }
        }
    }
    Ok(Grid {
        sheet: String::new(),
        cells,
    })
}

/// A cell as text, the way it reads: numbers without a trailing `.0`, dates as YYYY-MM-DD.
/// `Err` holds the spreadsheet error (`#N/A`) a cell shows.
pub fn text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n").replace('\r', "\n"),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => excel_day(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// A spreadsheet date serial (days since 1899-12-30) as YYYY-MM-DD.
fn excel_day(serial: f64) -> String {
    let epoch = jiff::civil::date(1899, 12, 30);
    let days = serial.floor();
    if !days.is_finite() || days.abs() > 3_000_000.0 {
        return serial.to_string();
    }
    epoch
        .checked_add(jiff::Span::new().days(days as i64))
        .map_or_else(|_| serial.to_string(), |d| d.to_string())
}
