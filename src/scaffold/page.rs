//! `qmsite new page`: a narrative page with its front matter.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{Problem, load_valid, quote, write_new};

/// Writes `content/pages/<slug>.md` (the slug made from the title unless given) after the
/// pages that exist in weight order, then validates the site.
pub fn new_page(
    root: &Path,
    today: Date,
    title: &str,
    slug: Option<&str>,
) -> Result<PathBuf, Problem> {
    let site = load_valid(root, today).map_err(Problem::Invalid)?;
    let slug = match slug {
        Some(s) => s.trim_end_matches(".md").to_owned(),
        None => slug_of(title),
    };
    if slug.is_empty() {
        return Err(Problem::Message(format!(
            "cannot make a file name from the title \"{title}\"; give one with --slug, e.g. --slug findings"
        )));
    }
    let weight = site.pages.iter().map(|p| p.weight).max().unwrap_or(0) + 1;
    let path = root.join("content/pages").join(format!("{slug}.md"));
    let text = format!(
        "+++\ntitle = {}\nweight = {weight}\nsummary = \"\"\n+++\n## {}\n\n_Write this page._\n",
        quote(title),
        title.replace('\n', " ")
    );
    write_new(&path, &text, false, "choose another name with --slug")?;
    if let Err(d) = load_valid(root, today) {
        let _ = std::fs::remove_file(&path);
        return Err(Problem::Invalid(d));
    }
    Ok(path)
}

/// A file name from a title: letters and digits in lower case, other runs as one `-`, accented
/// letters written without their accents ("Scope & method 2026" → "scope-method-2026").
pub fn slug_of(title: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(title).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::slug_of;

    #[test]
    fn titles_become_file_names() {
        assert_eq!(slug_of("Scope & method 2026"), "scope-method-2026");
        assert_eq!(slug_of("Zjištění a doporučení"), "zjisteni-a-doporuceni");
        assert_eq!(slug_of("  Findings  "), "findings");
        assert_eq!(slug_of("???"), "");
    }
}
