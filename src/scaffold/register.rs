//! `qmsite new improvement`: an entry with the next free id appended to the register.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{Problem, load_valid, quote};

/// The next free improvement id: the highest number of the most common prefix, plus one, with
/// the same zero padding (`IMP-027` → `IMP-028`); `IMP-001` for an empty register.
pub fn next_improvement_id(ids: &[&str]) -> String {
    let mut best: std::collections::BTreeMap<String, (usize, u64, usize)> =
        std::collections::BTreeMap::new();
    for id in ids {
        let digits = id.chars().rev().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            continue;
        }
        let (prefix, number) = id.split_at(id.len() - digits);
        let Ok(n) = number.parse::<u64>() else {
            continue;
        };
        let e = best.entry(prefix.to_owned()).or_insert((0, 0, digits));
        e.0 += 1;
        e.1 = e.1.max(n);
        e.2 = e.2.max(digits);
    }
    match best.into_iter().max_by_key(|(_, (count, _, _))| *count) {
        Some((prefix, (_, max, width))) => format!("{prefix}{:0width$}", max + 1),
        None => "IMP-001".to_owned(),
    }
}

/// What `qmsite new improvement` was told; what is left out is written with a default or an
/// empty text to fill in.
#[derive(Debug, Clone, Default)]
pub struct NewImprovement {
    /// Short title.
    pub title: String,
    /// Who is accountable.
    pub owner: Option<String>,
    /// Who raised it.
    pub raised_by: Option<String>,
    /// Due date.
    pub due: Option<Date>,
    /// critical, high, medium or low.
    pub priority: Option<String>,
    /// A, B or C (ISO/IEC 20000-1 clause 10.2).
    pub part: Option<String>,
    /// raise, keep or lower.
    pub direction: Option<String>,
    /// Where it came from.
    pub source: Option<String>,
    /// Framework dimensions it touches.
    pub dimensions: Vec<String>,
    /// ISO/IEC 20000-1 clauses it touches.
    pub clauses: Vec<String>,
    /// QMS components it touches.
    pub qms: Vec<String>,
}

/// Checks references given on the command line before anything is written, with the nearest
/// id when one is unknown.
fn check_references(site: &crate::site::Site, new: &NewImprovement) -> Result<(), Problem> {
    let unknown = |what: &str, name: &str, ids: Vec<&str>| {
        let near = crate::diagnostics::nearest(name, &ids)
            .map(|n| format!("did you mean \"{n}\"? "))
            .unwrap_or_default();
        Problem::Message(format!(
            "unknown {what} \"{name}\"; {near}expected {}",
            crate::diagnostics::one_of(&ids)
        ))
    };
    for c in &new.clauses {
        if crate::iso::find(c).is_none() {
            return Err(unknown(
                "clause",
                c,
                crate::iso::CLAUSES.iter().map(|c| c.number).collect(),
            ));
        }
    }
    for q in &new.qms {
        if !site.qms.iter().any(|x| &x.id == q) {
            return Err(unknown(
                "QMS component",
                q,
                site.qms.iter().map(|x| x.id.as_str()).collect(),
            ));
        }
    }
    let main = &site.frameworks[site.main_framework];
    for d in &new.dimensions {
        let (framework, dim) = match d.split_once(':') {
            Some((f, dim)) => match site.frameworks.iter().find(|x| x.id == f) {
                Some(fw) => (fw, dim),
                None => {
                    return Err(unknown(
                        "framework",
                        f,
                        site.frameworks.iter().map(|x| x.id.as_str()).collect(),
                    ));
                }
            },
            None => (main, d.as_str()),
        };
        if !framework.dimension_by_id.contains_key(dim) {
            return Err(unknown(
                "dimension",
                dim,
                framework.dimensions.iter().map(|x| x.id.as_str()).collect(),
            ));
        }
    }
    Ok(())
}

/// Appends a new entry with the next free id to the register (the last register file, or
/// `content/improvements/register.toml`), then validates the site; returns the id and file.
pub fn new_improvement(
    root: &Path,
    today: Date,
    new: &NewImprovement,
) -> Result<(String, PathBuf), Problem> {
    let site = load_valid(root, today).map_err(Problem::Invalid)?;
    check_references(&site, new)?;
    let ids: Vec<&str> = site.improvements.iter().map(|i| i.id.as_str()).collect();
    let id = next_improvement_id(&ids);
    let text = |v: &Option<String>| quote(v.as_deref().unwrap_or(""));
    let list = |v: &[String]| {
        format!(
            "[{}]",
            v.iter().map(|x| quote(x)).collect::<Vec<_>>().join(", ")
        )
    };
    let due = match new.due {
        Some(d) => format!("due = {d}"),
        None => format!("# due = {today}"),
    };
    let mut entry = String::new();
    let _ = write!(
        entry,
        "[[improvement]]\nid = {}\ntitle = {}\nraised = {today}\nraised_by = {}\nsource = {}  # assessment, benchmark, audit, management-review, qms-review, incident, customer-feedback, other\ndescription = \"\"\njustification = \"\"\npriority = {}  # critical, high, medium, low\nowner = {}\n{due}\nstatus = \"proposed\"  # proposed, approved, in-progress, on-hold, done, rejected\npart = {}  # A identify opportunities, B implement actions, C improve services\ndirection = {}  # raise, keep, lower\nclauses = {}\ndimensions = {}\nqms = {}\n",
        quote(&id),
        quote(&new.title),
        text(&new.raised_by),
        quote(new.source.as_deref().unwrap_or("other")),
        quote(new.priority.as_deref().unwrap_or("medium")),
        text(&new.owner),
        quote(new.part.as_deref().unwrap_or("A")),
        quote(new.direction.as_deref().unwrap_or("raise")),
        list(&new.clauses),
        list(&new.dimensions),
        list(&new.qms),
    );
    let file = super::append_entry(root, today, "improvements", "register.toml", &entry)?;
    Ok((id, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_ids_follow_the_register_numbering() {
        assert_eq!(next_improvement_id(&[]), "IMP-001");
        assert_eq!(
            next_improvement_id(&["IMP-001", "IMP-027", "IMP-003"]),
            "IMP-028"
        );
        assert_eq!(next_improvement_id(&["I-1", "I-2", "X"]), "I-3");
        assert_eq!(
            next_improvement_id(&["CSI-0099", "CSI-0100", "OLD-7"]),
            "CSI-0101"
        );
    }

    #[test]
    fn strings_are_quoted_for_toml() {
        for text in ["plain", "a \"b\"\n", "back\\slash 'single' \u{2028}"] {
            let parsed: toml::Table =
                toml::from_str(&format!("x = {}", quote(text))).expect("valid TOML");
            assert_eq!(parsed["x"].as_str(), Some(text));
        }
    }
}
