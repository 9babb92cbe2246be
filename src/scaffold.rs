//! Files qmsite writes for its users: a new site (`init`), a new assessment pre-filled from the
//! framework (`new assessment`) and a new register entry (`new improvement`).
//!
//! Nothing here overwrites a file unless asked to with `--force`, and every result is checked
//! with the same validation as a build before qmsite reports success.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostics::Diagnostics;
use crate::site::Site;

/// The example framework, used as the starting framework of a new site.
const STARTER_FRAMEWORK: &str = include_str!("../content/frameworks/itqi-example.toml");

/// Writes a file, refusing to replace an existing one unless `force`.
fn write_new(path: &Path, text: &str, force: bool) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "{} exists already; qmsite does not overwrite it (use --force to replace it)",
            path.display()
        ),
        _ => format!("cannot write {}: {e}", path.display()),
    })?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Quotes a string as a TOML basic string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// Loads and validates a site, returning it only when it has no errors.
fn load_valid(root: &Path, today: Date) -> Result<Site, Diagnostics> {
    let mut diags = Diagnostics::new();
    let raw = crate::content::load_site(root, &mut diags);
    let site = raw.and_then(|raw| crate::validate::validate(&raw, today, &mut diags));
    match site {
        Some(site) if !diags.has_errors() => Ok(site),
        _ => Err(diags),
    }
}

/// Problems reported by a scaffolding command.
#[derive(Debug)]
pub enum Problem {
    /// A plain message (a file in the way, an unknown id…).
    Message(String),
    /// The site (or the written result) does not validate.
    Invalid(Diagnostics),
}

impl From<String> for Problem {
    fn from(s: String) -> Self {
        Problem::Message(s)
    }
}

/// Creates a new site in `dir`: configuration, a framework, a first assessment with every
/// dimension unrated, an empty register, QMS and coverage, narrative stubs and the schemas.
pub fn init(dir: &Path, today: Date, force: bool) -> Result<Vec<PathBuf>, Problem> {
    if dir.exists() {
        let mut entries =
            fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if entries.next().is_some() && !force {
            return Err(Problem::Message(format!(
                "{} is not empty; qmsite init starts a site only in an empty or new folder (use --force to add the starter files anyway)",
                dir.display()
            )));
        }
    }
    let mut written = Vec::new();
    let mut put = |rel: &str, text: String| -> Result<(), String> {
        let path = dir.join(rel);
        write_new(&path, &text, force)?;
        written.push(path);
        Ok(())
    };
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Our organisation".to_owned());
    put(
        "qmsite.toml",
        format!(
            "{}# Site configuration: see docs/content-format.md of qmsite for every key.\ntitle = \"IT Quality Report\"\norganisation = {}\ndescription = \"Where our IT stands, what it costs and what we are doing about it.\"\nlanguage = \"en\"\noutput_dir = \"output\"\nassessment_cadence_years = 3\n",
            crate::schema::directive(""),
            quote(&name)
        ),
    )?;
    put(
        "content/frameworks/framework.toml",
        format!(
            "{}{}",
            crate::schema::directive("frameworks"),
            STARTER_FRAMEWORK
        ),
    )?;
    put(
        "content/improvements/register.toml",
        format!(
            "{}# The improvement register. Add entries with `qmsite new improvement`.\n# Each [[improvement]] says which part of ISO/IEC 20000-1 clause 10.2 it serves (A, B or C)\n# and its direction (raise, keep or lower).\n",
            crate::schema::directive("improvements")
        ),
    )?;
    put(
        "content/qms/components.toml",
        format!(
            "{}# The components of the IT quality management system, one [[component]] each.\n",
            crate::schema::directive("qms")
        ),
    )?;
    let mut coverage = format!(
        "{}# ISO/IEC 20000-1:2018 coverage: one [[clause]] per clause, level one of\n# \"not-addressed\", \"initial\", \"defined\", \"conforming\". Clauses to cover:\n",
        crate::schema::directive("coverage")
    );
    for c in crate::iso::counted_clauses() {
        let _ = writeln!(coverage, "#   {} {}", c.number, c.title);
    }
    put("content/coverage/iso20000.toml", coverage)?;
    for (file, title, weight, text) in [
        (
            "executive-summary.md",
            "Executive summary",
            1,
            "What the latest assessment says, in one page for the board.",
        ),
        (
            "method.md",
            "Scope and method",
            2,
            "What was assessed, by whom, and how the index is computed.",
        ),
        (
            "findings.md",
            "Findings",
            3,
            "Strengths, weaknesses and what moved since the last assessment.",
        ),
    ] {
        put(
            &format!("content/pages/{file}"),
            format!(
                "+++\ntitle = \"{title}\"\nweight = {weight}\nsummary = \"{text}\"\n+++\n## {title}\n\n_Write this page._\n"
            ),
        )?;
    }
    for s in crate::schema::all() {
        put(&format!("{}/{}", crate::schema::DIR, s.name), s.json)?;
    }
    put(".gitignore", "/output\n".to_owned())?;

    // The first assessment, every dimension listed and unrated.
    let site = load_valid(dir, today).map_err(Problem::Invalid)?;
    let path = new_assessment(dir, &site, None, today, None, None)?;
    written.push(path);
    load_valid(dir, today).map_err(Problem::Invalid)?;
    Ok(written)
}

/// Writes a new assessment file listing every dimension of a framework, unrated; with `from`,
/// the ratings and notes of that earlier assessment are written as comments to compare against.
pub fn new_assessment(
    root: &Path,
    site: &Site,
    framework: Option<&str>,
    date: Date,
    from: Option<&str>,
    id: Option<&str>,
) -> Result<PathBuf, Problem> {
    let ids = || {
        site.frameworks
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let f = match framework {
        Some(name) => site
            .frameworks
            .position(|f| f.id == name)
            .ok_or_else(|| format!("unknown framework \"{name}\"; expected one of {}", ids()))?,
        None => site.main_framework,
    };
    let fw = &site.frameworks[f];
    let previous = match from {
        Some(a) => {
            let found = site.assessments.iter().find(|x| x.id == a).ok_or_else(|| {
                let all: Vec<&str> = site.assessments.iter().map(|x| x.id.as_str()).collect();
                format!(
                    "unknown assessment \"{a}\"; expected one of {}",
                    all.join(", ")
                )
            })?;
            if found.framework != f {
                return Err(Problem::Message(format!(
                    "assessment \"{a}\" rates framework \"{}\", not \"{}\"",
                    site.frameworks[found.framework].id, fw.id
                )));
            }
            Some(found)
        }
        None => None,
    };
    let taken = |candidate: &str| {
        site.assessments
            .iter()
            .any(|a| a.id.eq_ignore_ascii_case(candidate))
    };
    let id = match id {
        Some(i) => i.to_owned(),
        None => {
            let base = date.year().to_string();
            let mut candidate = base.clone();
            let mut n = 2;
            while taken(&candidate) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        }
    };
    let path = root.join("content/assessments").join(format!("{id}.toml"));
    let levels: Vec<String> = fw
        .scale
        .iter()
        .map(|l| format!("\"{}\" ({}, {})", l.id, l.label, l.value))
        .collect();
    let mut text = crate::schema::directive("assessments");
    let _ = writeln!(
        text,
        "# Assessment of {} on {date}. Give each dimension a level of the scale:",
        fw.name
    );
    let _ = writeln!(text, "#   {}", levels.join(", "));
    let _ = writeln!(
        text,
        "# A dimension left without a level is shown as \"not rated\", never as 0."
    );
    if let Some(p) = previous {
        let _ = writeln!(
            text,
            "# Comments starting with \"was:\" show {} ({}) to compare against.",
            p.title, p.date
        );
    }
    let _ = writeln!(text, "id = {}", quote(&id));
    let _ = writeln!(
        text,
        "title = {}",
        quote(&format!("Assessment {}", date.year()))
    );
    let _ = writeln!(text, "framework = {}", quote(&fw.id));
    // The unit of the assessment it follows; otherwise the declared units, as a hint.
    let declared: Vec<&str> = site.units.iter().filter_map(|u| u.id.as_deref()).collect();
    match previous.and_then(|p| site.units[p.unit].id.as_deref()) {
        Some(unit) => {
            let _ = writeln!(text, "unit = {}", quote(unit));
        }
        None if !declared.is_empty() => {
            let _ = writeln!(
                text,
                "# unit = \"\"  # one of: {}; left out, the organisation as a whole",
                declared.join(", ")
            );
        }
        None => {}
    }
    let _ = writeln!(text, "date = {date}");
    let _ = writeln!(
        text,
        "assessor = \"\"\nscope = \"\"\nmethod = \"\"\nsummary = \"\""
    );
    for domain in &fw.domains {
        let _ = writeln!(text, "\n# {} {}", domain.id, domain.name);
        for &d in &domain.dimensions {
            let dim = &fw.dimensions[d];
            let _ = writeln!(
                text,
                "\n[[rating]]\ndimension = {}  # {}",
                quote(&dim.id),
                dim.name.replace('\n', " ")
            );
            if let Some(p) = previous {
                let r = &p.ratings[d];
                let level = r
                    .level
                    .and_then(|l| fw.scale.get(l))
                    .map_or("not rated".to_owned(), |l| format!("\"{}\"", l.id));
                let _ = writeln!(text, "# was: {level}");
                for line in r.notes.lines().filter(|l| !l.trim().is_empty()) {
                    let _ = writeln!(text, "# was: {line}");
                }
            }
            let _ = writeln!(text, "# level = \"\"\nnotes = \"\"");
        }
    }
    write_new(&path, &text, false)?;
    let today = jiff::Zoned::now().date().max(date);
    if let Err(d) = load_valid(root, today) {
        // The new file is ours and invalid: take it back so the site stays as it was.
        let _ = fs::remove_file(&path);
        return Err(Problem::Invalid(d));
    }
    Ok(path)
}

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

/// Appends a new entry with the next free id to the register (the last register file, or
/// `content/improvements/register.toml`), then validates the site; returns the id and file.
pub fn new_improvement(
    root: &Path,
    today: Date,
    title: &str,
) -> Result<(String, PathBuf), Problem> {
    let site = load_valid(root, today).map_err(Problem::Invalid)?;
    let ids: Vec<&str> = site.improvements.iter().map(|i| i.id.as_str()).collect();
    let id = next_improvement_id(&ids);
    let folder = root.join("content/improvements");
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let file = files.pop().unwrap_or_else(|| folder.join("register.toml"));
    let original = fs::read(&file).ok();
    let mut entry = String::new();
    if original
        .as_ref()
        .is_some_and(|o| !o.ends_with(b"\n") && !o.is_empty())
    {
        entry.push('\n');
    }
    let _ = write!(
        entry,
        "\n[[improvement]]\nid = {}\ntitle = {}\nraised = {today}\nraised_by = \"\"\nsource = \"other\"  # assessment, benchmark, audit, management-review, qms-review, incident, customer-feedback, other\ndescription = \"\"\njustification = \"\"\npriority = \"medium\"  # critical, high, medium, low\nowner = \"\"\n# due = {today}\nstatus = \"proposed\"  # proposed, approved, in-progress, on-hold, done, rejected\npart = \"A\"  # A identify opportunities, B implement actions, C improve services\ndirection = \"raise\"  # raise, keep, lower\nclauses = []\ndimensions = []\nqms = []\n",
        quote(&id),
        quote(title)
    );
    if original.is_none() {
        entry = format!("{}{entry}", crate::schema::directive("improvements"));
    }
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut handle = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&file)
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    handle
        .write_all(entry.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    drop(handle);
    if let Err(d) = load_valid(root, today) {
        // Put the register back exactly as it was.
        let _ = match &original {
            Some(bytes) => fs::write(&file, bytes),
            None => fs::remove_file(&file),
        };
        return Err(Problem::Invalid(d));
    }
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
