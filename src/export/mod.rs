//! Export: the site's data in the shapes other people and tools read — the whole computed report
//! as JSON, an interview workbook an assessor takes into the room, the register and ratings as
//! spreadsheets or CSV files for people who filter, and OSCAL documents for GRC tools.
//!
//! Every export reads the validated [`Site`] and the computed [`Report`], as a build does, and
//! never computes a figure of its own. Output is deterministic: dates come from the content, never
//! from the clock, so the same site gives the same bytes.

use std::path::Path;

use jiff::civil::Date;

use crate::diagnostics::Diagnostics;
use crate::report::Report;
use crate::site::Site;

pub mod interview;
pub mod json;
pub mod oscal;
pub mod sheets;
pub mod tables;

/// A validated site with its computed figures: what every export reads.
pub struct Loaded {
    /// The validated site.
    pub site: Site,
    /// Its computed figures.
    pub report: Report,
}

/// Loads, validates and computes a site as a build does (without the theme). Returns `None` when
/// the site has errors; they are in `diags`.
pub fn load(root: &Path, today: Date, diags: &mut Diagnostics) -> Option<Loaded> {
    let raw = crate::content::load_site(root, diags)?;
    let site = crate::validate::validate(&raw, today, diags)?;
    if diags.has_errors() {
        return None;
    }
    let report = crate::report::compute(&site, today);
    Some(Loaded { site, report })
}

/// Writes a file the user asked for, refusing to replace one that exists unless `force` (an
/// interview workbook may hold an assessor's work). The bytes go to a temporary file beside the
/// target first and are renamed into place, so a failed write leaves no half-written file.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    if !force && path.exists() {
        return Err(format!(
            "{} exists already; qmsite does not overwrite it (use --force to replace it)",
            path.display()
        ));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_owned());
    let temp = parent.join(format!(".{name}.qmsite-partial"));
    std::fs::write(&temp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write {}: {e}", path.display())
    })?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write {}: {e}", path.display())
    })
}

/// The latest date on which something recorded in the site happened (an assessment, an
/// improvement raised, a review): the document date of exports, so that output changes only when
/// the content does. Due dates are left out: they lie in the future.
pub fn content_date(site: &Site) -> Date {
    let assessments = site.assessments.iter().map(|a| a.date);
    let improvements = site.improvements.iter().map(|i| i.raised);
    let coverage = site.coverage.values().filter_map(|c| c.reviewed);
    let qms = site.qms.iter().filter_map(|q| q.last_review);
    assessments
        .chain(improvements)
        .chain(coverage)
        .chain(qms)
        .max()
        .unwrap_or(jiff::civil::date(2000, 1, 1))
}

/// A date as a spreadsheet date (midnight of that day).
pub fn excel_date(date: Date) -> Option<rust_xlsxwriter::ExcelDateTime> {
    rust_xlsxwriter::ExcelDateTime::from_ymd(
        u16::try_from(date.year()).ok()?,
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
    .ok()
}
