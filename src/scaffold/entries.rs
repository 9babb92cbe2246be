//! `qmsite new component` and `qmsite new coverage`: a QMS component or the coverage of one
//! clause appended to its folder's last file.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{Problem, load_valid, next_id, quote};

/// What `qmsite new component` was told.
#[derive(Debug, Clone, Default)]
pub struct NewComponent {
    /// Its name.
    pub name: String,
    /// Its id (default: the next free one, `QMS-01` for the first).
    pub id: Option<String>,
    /// Who owns it.
    pub owner: Option<String>,
    /// Current maturity level, 0 to 5 (default 0).
    pub current: Option<u8>,
    /// Target maturity level, 0 to 5 (default: one above the current level, at most 5).
    pub target: Option<u8>,
    /// How often it is reviewed, in months (default 12).
    pub review_months: Option<u16>,
}

/// Appends a QMS component to the last file of `content/qms/` (or `components.toml`); the
/// direction follows from the levels.
pub fn new_component(
    root: &Path,
    today: Date,
    new: &NewComponent,
) -> Result<(String, PathBuf), Problem> {
    let site = load_valid(root, today).map_err(Problem::Invalid)?;
    let ids: Vec<&str> = site.qms.iter().map(|q| q.id.as_str()).collect();
    let id = match &new.id {
        Some(i) => i.clone(),
        None => next_id(&ids, "QMS-01"),
    };
    if let Some(same) = site.qms.iter().find(|q| q.id.eq_ignore_ascii_case(&id)) {
        return Err(Problem::Message(format!(
            "a QMS component with the id \"{}\" exists already ({}); choose another id with --id",
            same.id,
            same.origin.file.display()
        )));
    }
    let current = new.current.unwrap_or(0).min(5);
    let target = new.target.unwrap_or((current + 1).min(5)).min(5);
    let direction = match target.cmp(&current) {
        std::cmp::Ordering::Greater => "raise",
        std::cmp::Ordering::Equal => "keep",
        std::cmp::Ordering::Less => "lower",
    };
    let entry = format!(
        "[[component]]\nid = {}\nname = {}\npurpose = \"\"\nowner = {}\ncurrent_level = {current}  # 0 to 5\ntarget_level = {target}\ndirection = \"{direction}\"  # raise, keep or lower: follows the two levels\nrationale = \"\"\nreview_months = {}\n# last_review = {today}\nclauses = []\ndimensions = []\n",
        quote(&id),
        quote(&new.name),
        quote(new.owner.as_deref().unwrap_or("")),
        new.review_months.unwrap_or(12)
    );
    let file = super::append_entry(root, today, "qms", "components.toml", &entry)?;
    Ok((id, file))
}

/// What `qmsite new coverage` was told.
#[derive(Debug, Clone, Default)]
pub struct NewCoverage {
    /// The clause number.
    pub clause: String,
    /// not-addressed, initial, defined or conforming (default not-addressed).
    pub level: Option<String>,
    /// Remarks.
    pub notes: Option<String>,
}

/// Appends the coverage of one clause to the last file of `content/coverage/` (or
/// `iso20000.toml`), refusing a clause outside the catalogue or one covered already.
pub fn new_coverage(root: &Path, today: Date, new: &NewCoverage) -> Result<PathBuf, Problem> {
    let site = load_valid(root, today).map_err(Problem::Invalid)?;
    let Some(clause) = crate::iso::find(&new.clause) else {
        let numbers: Vec<&str> = crate::iso::CLAUSES.iter().map(|c| c.number).collect();
        let near = crate::diagnostics::nearest(&new.clause, &numbers)
            .map(|n| format!("did you mean \"{n}\"? "))
            .unwrap_or_default();
        return Err(Problem::Message(format!(
            "\"{}\" is not a clause of ISO/IEC 20000-1:2018; {near}expected {}",
            new.clause,
            crate::diagnostics::one_of(&numbers)
        )));
    };
    if site.coverage.contains_key(clause.number) {
        return Err(Problem::Message(format!(
            "clause {} is covered already in content/coverage/; change its entry there",
            clause.number
        )));
    }
    let entry = format!(
        "[[clause]]\nclause = \"{}\"  # {}\nlevel = {}  # not-addressed, initial, defined, conforming\nevidence = []\nnotes = {}\nreviewed = {today}\n",
        clause.number,
        clause.title.replace('\n', " "),
        quote(new.level.as_deref().unwrap_or("not-addressed")),
        quote(new.notes.as_deref().unwrap_or(""))
    );
    super::append_entry(root, today, "coverage", "iso20000.toml", &entry)
}
