//! Import: ratings an assessor took down in the interview workbook (or any .xlsx, .ods or .csv
//! of the same shape), and a framework kept in a workbook, into the site's TOML files.
//!
//! An import never writes unless asked (`--write`): it first says what would change. It edits
//! files in place with `toml_edit`, so comments and layout stay as they were, and a workbook
//! exported and imported back without edits changes no byte. Every problem names the file, the
//! sheet and the cell, says in plain words what was expected and, for a misspelt value, what was
//! probably meant. A workbook with any problem writes nothing.

use std::fmt;

pub mod edit;
pub mod framework;
pub mod ratings;
pub mod structure;
pub mod suggest;
pub mod workbook;

/// One problem with a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, when there is a place: `Ratings!C14`, `Ratings row 14`, `C14` in a CSV file.
    pub place: Option<String>,
    /// What is wrong and what was expected, in plain words.
    pub message: String,
}

/// Every problem found in one workbook, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    /// The workbook, as named on the command line.
    pub file: String,
    /// The problems, in the order found.
    pub items: Vec<Problem>,
}

impl Problems {
    /// No problems yet, for a workbook.
    pub fn new(file: impl Into<String>) -> Problems {
        Problems {
            file: file.into(),
            items: Vec::new(),
        }
    }

    /// Records a problem at a place.
    pub fn at(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.items.push(Problem {
            place: Some(place.into()),
            message: message.into(),
        });
    }

    /// Records a problem of the whole file.
    pub fn file(&mut self, message: impl Into<String>) {
        self.items.push(Problem {
            place: None,
            message: message.into(),
        });
    }

    /// A single problem of the whole file.
    pub fn one(file: impl Into<String>, message: impl Into<String>) -> Problems {
        let mut p = Problems::new(file);
        p.file(message);
        p
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match &p.place {
                Some(place) => write!(f, "{}: {place}: {}", self.file, p.message)?,
                None => write!(f, "{}: {}", self.file, p.message)?,
            }
        }
        Ok(())
    }
}

/// Why an import could not go ahead.
#[derive(Debug)]
pub enum Failure {
    /// The site itself has errors (before the import, or as it would be after it).
    Site(crate::diagnostics::Diagnostics, &'static str),
    /// The workbook has problems.
    Workbook(Problems),
    /// Anything else (an unknown assessment, a file that cannot be written).
    Message(String),
}

/// What happens to one record (a rating, a scale level, a domain, a dimension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// It is added (or, for a rating, gets its first level).
    New,
    /// Something in it changes.
    Changed,
    /// Nothing changes.
    Unchanged,
    /// It is removed (frameworks only).
    Removed,
}

/// One line of the summary of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What kind of record, e.g. "rating", "dimension".
    pub what: &'static str,
    /// Its id.
    pub id: String,
    /// New, changed or unchanged.
    pub kind: Kind,
    /// What changes, in words (`level Defined → Managed`, `notes`).
    pub details: Vec<String>,
}

/// The result of reading a workbook against a site: the file to write and what changes.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The file, relative to the site root.
    pub file: std::path::PathBuf,
    /// Its full path.
    pub path: std::path::PathBuf,
    /// True when the file does not exist yet.
    pub creates: bool,
    /// Every record, in file order.
    pub changes: Vec<Change>,
    /// The file's text after the import.
    pub text: String,
}

impl Plan {
    /// True when the import would change the file.
    pub fn changes_anything(&self) -> bool {
        self.creates || self.changes.iter().any(|c| c.kind != Kind::Unchanged)
    }

    /// How many records are of a kind.
    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    /// Writes the file: to a temporary file beside it, then renamed into place.
    pub fn write(&self) -> Result<(), String> {
        let dir = self.path.parent().unwrap_or(std::path::Path::new("."));
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dir.join(format!(".{name}.qmsite-import"));
        let result =
            std::fs::write(&temp, &self.text).and_then(|()| std::fs::rename(&temp, &self.path));
        result.map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            format!("cannot write {}: {e}", self.path.display())
        })
    }
}

/// Loads and validates a site, keeping the raw files (the import edits one of them).
pub fn load(
    root: &std::path::Path,
    today: jiff::civil::Date,
) -> Result<(crate::content::RawSite, crate::site::Site), Failure> {
    let mut diags = crate::diagnostics::Diagnostics::new();
    let raw = crate::content::load_site(root, &mut diags);
    let site = raw
        .as_ref()
        .and_then(|r| crate::validate::validate(r, today, &mut diags));
    match (raw, site) {
        (Some(raw), Some(site)) if !diags.has_errors() => Ok((raw, site)),
        _ => Err(Failure::Site(
            diags,
            "The site has errors; fix them before importing. Nothing was written.",
        )),
    }
}

/// Checks the site as it would be with one file's new text; the problems of that file are
/// reported against the new text, which is not on disk yet.
pub fn check_with(
    raw: &crate::content::RawSite,
    today: jiff::civil::Date,
    file: &std::path::Path,
    text: &str,
) -> Result<(), Failure> {
    let mut diags = crate::diagnostics::Diagnostics::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let rel = file.to_string_lossy().replace('\\', "/");
    let mut push = |source: &crate::diagnostics::SourceFile| {
        let path = source.path.to_string_lossy().replace('\\', "/");
        if path != rel {
            files.push((path, source.text.clone()));
        }
    };
    raw.frameworks.iter().for_each(|l| push(&l.source));
    raw.assessments.iter().for_each(|l| push(&l.source));
    raw.benchmarks.iter().for_each(|l| push(&l.source));
    raw.qms.iter().for_each(|l| push(&l.source));
    raw.registers.iter().for_each(|l| push(&l.source));
    raw.coverage.iter().for_each(|l| push(&l.source));
    raw.pages.iter().for_each(|p| push(&p.source));
    files.push((rel, text.to_owned()));
    let config = raw.config.source.text.clone();
    let rebuilt = crate::content::site_from_texts(&raw.root, &config, &files, &mut diags);
    let mut rebuilt = match rebuilt {
        Some(r) => r,
        None => return Err(Failure::Site(diags, NOT_VALID)),
    };
    rebuilt.assets.clone_from(&raw.assets);
    let _ = crate::validate::validate(&rebuilt, today, &mut diags);
    if diags.has_errors() {
        return Err(Failure::Site(diags, NOT_VALID));
    }
    Ok(())
}

const NOT_VALID: &str =
    "The workbook's content would make the site invalid (see above). Nothing was written.";
