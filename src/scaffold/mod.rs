//! Files qmsite writes for its users: a new site (`init`), and a new assessment, improvement,
//! QMS component, clause coverage or page (`new`).
//!
//! Nothing here overwrites a file unless asked to with `--force`, and every result is checked
//! with the same validation as a build before qmsite reports success; a result that does not
//! validate is taken back, so the site stays as it was.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostics::Diagnostics;
use crate::site::Site;

mod assessment;
mod entries;
mod page;
mod register;

pub use assessment::new_assessment;
pub use entries::{NewComponent, NewCoverage, new_component, new_coverage};
pub use page::new_page;
pub use register::{NewImprovement, new_improvement, next_improvement_id};

/// The example framework, used as the starting framework of a new site.
const STARTER_FRAMEWORK: &str = include_str!("../../content/frameworks/itqi-example.toml");

/// Writes a file, refusing to replace an existing one unless `force`; `instead` says what to do
/// when it exists (each command has its own way out).
fn write_new(path: &Path, text: &str, force: bool, instead: &str) -> Result<(), String> {
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
            "{} exists already; qmsite does not overwrite it ({instead})",
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

/// Appends `entry` to the last `.toml` file of a content folder (or to `default` there, which
/// is created with its schema line), validates the site and puts the file back as it was when
/// the result does not validate. Returns the file written.
fn append_entry(
    root: &Path,
    today: Date,
    folder: &str,
    default: &str,
    entry: &str,
) -> Result<PathBuf, Problem> {
    let dir = root.join("content").join(folder);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let file = files.pop().unwrap_or_else(|| dir.join(default));
    let original = fs::read(&file).ok();
    let mut text = String::new();
    match &original {
        None => text.push_str(&crate::schema::directive(folder)),
        Some(o) if !o.is_empty() && !o.ends_with(b"\n") => text.push('\n'),
        Some(_) => {}
    }
    text.push('\n');
    text.push_str(entry);
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&file)
        .and_then(|mut h| h.write_all(text.as_bytes()))
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    if let Err(d) = load_valid(root, today) {
        // Put the file back exactly as it was.
        let _ = match &original {
            Some(bytes) => fs::write(&file, bytes),
            None => fs::remove_file(&file),
        };
        return Err(Problem::Invalid(d));
    }
    Ok(file)
}

/// The next free id after `ids` in their most common numbering (`QMS-09` → `QMS-10`), or
/// `first` when there is none.
fn next_id(ids: &[&str], first: &str) -> String {
    if ids.is_empty() {
        first.to_owned()
    } else {
        next_improvement_id(ids)
    }
}

/// True when a folder holds nothing, or only hidden files and folders (`.git`, `.gitignore`,
/// `.DS_Store`): a fresh repository is a fine place to start a site.
fn only_hidden(dir: &Path) -> Result<bool, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    Ok(entries
        .filter_map(Result::ok)
        .all(|e| e.file_name().to_string_lossy().starts_with('.')))
}

/// Creates a new site in `dir`: configuration, a framework, an empty register and QMS,
/// coverage of every clause as not addressed, narrative pages as drafts and the schemas. A
/// fresh site checks without a warning; `qmsite new assessment` starts the first assessment.
///
/// Long because it writes the new site's files one after another, as the user will find them.
pub fn init(dir: &Path, today: Date, force: bool) -> Result<Vec<PathBuf>, Problem> {
    if dir.exists() && !force && !only_hidden(dir)? {
        return Err(Problem::Message(format!(
            "{} is not empty; qmsite init starts a site only in a new folder, or one that holds nothing but hidden files such as .git (use --force to add the starter files anyway)",
            dir.display()
        )));
    }
    let mut written = Vec::new();
    let mut put = |rel: &str, text: String| -> Result<(), String> {
        let path = dir.join(rel);
        write_new(&path, &text, force, "use --force to replace it")?;
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
            "{}# Site configuration; `qmsite explain` and the schema describe every key.\ntitle = \"IT Quality Report\"\norganisation = {}\ndescription = \"Where our IT stands, what it costs and what we are doing about it.\"\nlanguage = \"en\"\noutput_dir = \"output\"\nassessment_cadence_years = 3\n\n# The organisation's look, without copying the theme:\n# [brand]\n# logo = \"themes/default/static/logo.png\"\n# accent = \"#1f4e79\"\n# stylesheet = \"themes/default/static/brand.css\"\n# confidentiality = \"Internal: not for distribution\"\n",
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
            "{}# The components of the IT quality management system, one [[component]] each.\n# Add one with `qmsite new component`.\n",
            crate::schema::directive("qms")
        ),
    )?;
    put("content/coverage/iso20000.toml", starter_coverage())?;
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
                "+++\ntitle = \"{title}\"\nweight = {weight}\nsummary = \"{text}\"\n# A draft is checked but not published: remove this line once the page is written.\ndraft = true\n+++\n## {title}\n\n_Write this page._\n"
            ),
        )?;
    }
    for s in crate::schema::all() {
        put(&format!("{}/{}", crate::schema::DIR, s.name), s.json)?;
    }
    let ignore = dir.join(".gitignore");
    let kept = fs::read_to_string(&ignore).unwrap_or_default();
    let cache = format!("/{}", crate::build::CACHE_DIR);
    let missing: Vec<&str> = ["/output", cache.as_str()]
        .into_iter()
        .filter(|want| !kept.lines().any(|l| l.trim() == *want))
        .collect();
    if !missing.is_empty() {
        let sep = if kept.is_empty() || kept.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        fs::write(&ignore, format!("{kept}{sep}{}\n", missing.join("\n")))
            .map_err(|e| format!("cannot write {}: {e}", ignore.display()))?;
        written.push(ignore);
    }
    load_valid(dir, today).map_err(Problem::Invalid)?;
    Ok(written)
}

/// Coverage of every counted clause of the catalogue as not addressed, for a new site: the
/// coverage page then lists every clause, and nothing warns of clauses left out.
fn starter_coverage() -> String {
    let mut text = format!(
        "{}# ISO/IEC 20000-1:2018 coverage: one [[clause]] per clause. Raise each level as the clause is\n# addressed: \"not-addressed\", \"initial\", \"defined\" (defined but applied inconsistently) or\n# \"conforming\", with the evidence that backs it.\n",
        crate::schema::directive("coverage")
    );
    for c in crate::iso::counted_clauses() {
        let _ = write!(
            text,
            "\n[[clause]]\nclause = \"{}\"  # {}\nlevel = \"not-addressed\"\n",
            c.number,
            c.title.replace('\n', " ")
        );
    }
    text
}
