//! `qmsite new assessment`: a new assessment listing every dimension of a framework, unrated.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{Problem, load_valid, quote, write_new};
use crate::site::Site;

/// Writes a new assessment file listing every dimension of a framework, unrated; with `from`,
/// the ratings and notes of that earlier assessment are written as comments to compare against.
///
/// Long because it writes the assessment file top to bottom, as the assessor will read it.
pub fn new_assessment(
    root: &Path,
    site: &Site,
    framework: Option<&str>,
    date: Date,
    from: Option<&str>,
    id: Option<&str>,
) -> Result<PathBuf, Problem> {
    let f = match framework {
        Some(name) => site.frameworks.position(|f| f.id == name).ok_or_else(|| {
            unknown(
                "framework",
                name,
                site.frameworks.iter().map(|f| f.id.as_str()),
            )
        })?,
        None => site.main_framework,
    };
    let fw = &site.frameworks[f];
    let previous = match from {
        Some(a) => {
            let found = site.assessments.iter().find(|x| x.id == a).ok_or_else(|| {
                unknown(
                    "assessment",
                    a,
                    site.assessments.iter().map(|x| x.id.as_str()),
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
    // An assessment of this framework that nothing was rated in yet is the one to fill in.
    if id.is_none()
        && let Some(empty) = site
            .assessments
            .iter()
            .find(|a| a.framework == f && a.ratings.iter().all(|r| r.level.is_none()))
    {
        return Err(Problem::Message(format!(
            "assessment \"{}\" of {} has no ratings yet: fill that one in (content/assessments/), or give the new one an id with --id to start another",
            empty.id, fw.id
        )));
    }
    let same_year = site
        .assessments
        .iter()
        .any(|a| a.framework == f && a.date.year() == date.year());
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
        quote(&if same_year {
            format!("Assessment {date}")
        } else {
            format!("Assessment {}", date.year())
        })
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
    write_new(&path, &text, false, "choose another id with --id")?;
    let today = jiff::Zoned::now().date().max(date);
    if let Err(d) = load_valid(root, today) {
        // The new file is ours and invalid: take it back so the site stays as it was.
        let _ = fs::remove_file(&path);
        return Err(Problem::Invalid(d));
    }
    Ok(path)
}

/// "unknown framework "x"": the nearest id first, then the ids that exist.
fn unknown<'a>(what: &str, name: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    let near = crate::diagnostics::nearest(name, &ids)
        .map(|n| format!("did you mean \"{n}\"? "))
        .unwrap_or_default();
    format!(
        "unknown {what} \"{name}\"; {near}expected {}",
        crate::diagnostics::one_of(&ids)
    )
}
