//! Themes: the default theme embedded in the binary, overridden file by file by a site's own
//! `themes/<name>/` folder (templates, static files and string tables alike).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity, SourceFile, codes, display_path};

/// The default theme, compiled into the binary so `qmsite` works anywhere.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Languages the default theme has complete string tables for: English, Czech (the method's
/// home) and German (where ISO/IEC 20000 is widely used), so a board reads its own language.
pub const LANGUAGES: &[&str] = &["en", "cs", "de"];

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub enum FileSource {
    /// Compiled into qmsite.
    Embedded(&'static [u8]),
    /// A file of the site's theme folder.
    Site(PathBuf),
}

/// A theme with the site's overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Templates by name (path below `templates/`, `/`-separated) with their text.
    pub templates: BTreeMap<String, String>,
    /// Static files by path below `static/`.
    pub statics: BTreeMap<String, FileSource>,
    /// UI strings of the site's language.
    pub strings: BTreeMap<String, String>,
}

/// True when the default theme or the site's theme has strings for a language.
pub fn has_language(root: &Path, theme: &str, language: &str) -> bool {
    LANGUAGES.contains(&language)
        || root
            .join("themes")
            .join(theme)
            .join("i18n")
            .join(format!("{language}.toml"))
            .is_file()
}

/// The string table of the default theme for a language, if it has one.
pub fn strings_for(language: &str) -> Option<&'static str> {
    DEFAULT_THEME
        .get_file(format!("i18n/{language}.toml"))
        .and_then(|f| f.contents_utf8())
}

fn embedded_files(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
    for f in dir.files() {
        out.push(f);
    }
    for d in dir.dirs() {
        embedded_files(d, out);
    }
}

fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Loads the theme: embedded default first, then the site's `themes/<name>/` on top. The
/// strings start from the built-in English table, so a string table that lacks keys falls back
/// to English key by key; the missing keys are one warning.
///
/// Long because the theme's parts (templates, strings, static files) are read and checked in one
/// pass so every problem is reported with its file.
pub fn load(root: &Path, name: &str, language: &str, diags: &mut Diagnostics) -> Theme {
    let mut theme = Theme {
        templates: BTreeMap::new(),
        statics: BTreeMap::new(),
        strings: BTreeMap::new(),
    };
    let mut files = Vec::new();
    embedded_files(&DEFAULT_THEME, &mut files);
    for f in files {
        let path = slash_path(f.path());
        if let Some(name) = path.strip_prefix("templates/") {
            if let Some(text) = f.contents_utf8() {
                theme.templates.insert(name.to_owned(), text.to_owned());
            }
        } else if let Some(name) = path.strip_prefix("static/") {
            theme
                .statics
                .insert(name.to_owned(), FileSource::Embedded(f.contents()));
        }
    }
    let mut translated: BTreeMap<String, String> = BTreeMap::new();
    for lang in ["en", language] {
        if let Some(text) = strings_for(lang) {
            let source = SourceFile::new(
                format!("(built-in theme)/i18n/{lang}.toml"),
                text.to_owned(),
            );
            let target = if lang == "en" {
                &mut theme.strings
            } else {
                &mut translated
            };
            merge_strings(&source, target, diags);
        }
    }
    let mut site_strings: Option<PathBuf> = None;

    let site_theme = root.join("themes").join(name);
    if site_theme.is_dir() {
        for entry in walkdir::WalkDir::new(&site_theme).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map(|p| display_path(root, p)).unwrap_or_default();
                    diags.push(
                        Diagnostic::in_file(
                            Severity::Error,
                            path,
                            format!("cannot read theme file: {e}"),
                        )
                        .code(&codes::UNREADABLE),
                    );
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = slash_path(
                entry
                    .path()
                    .strip_prefix(&site_theme)
                    .unwrap_or(entry.path()),
            );
            let shown = display_path(root, entry.path());
            if let Some(tpl) = rel.strip_prefix("templates/") {
                match crate::content::read_text(entry.path()) {
                    Ok(text) => {
                        theme.templates.insert(tpl.to_owned(), text);
                    }
                    Err(e) => diags.push(e.diagnostic(shown)),
                }
            } else if let Some(st) = rel.strip_prefix("static/") {
                theme
                    .statics
                    .insert(st.to_owned(), FileSource::Site(entry.path().to_path_buf()));
            } else if rel == format!("i18n/{language}.toml") {
                match crate::content::read_text(entry.path()) {
                    Ok(text) => {
                        merge_strings(
                            &SourceFile::new(shown.clone(), text),
                            &mut translated,
                            diags,
                        );
                        site_strings = Some(shown);
                    }
                    Err(e) => diags.push(e.diagnostic(shown)),
                }
            }
        }
    }
    // Keys the language's tables lack keep the English text; say which, once.
    if language != "en" || site_strings.is_some() {
        let missing: Vec<&String> = theme
            .strings
            .keys()
            .filter(|k| !translated.contains_key(*k))
            .collect();
        if language != "en" && !missing.is_empty() {
            let file = site_strings
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("themes/{name}/i18n/{language}.toml")));
            let listed: Vec<String> = missing.iter().take(12).map(|k| k.to_string()).collect();
            let more = missing.len().saturating_sub(listed.len());
            diags.push(
                Diagnostic::in_file(
                    Severity::Warning,
                    file,
                    format!(
                        "{} of the theme's {} strings have no \"{language}\" text and show in English: {}{}",
                        missing.len(),
                        theme.strings.len(),
                        listed.join(", "),
                        if more > 0 { format!(" and {more} more") } else { String::new() }
                    ),
                )
                .code(&codes::STRINGS_MISSING)
                .expected(format!("every key of the built-in i18n/en.toml, translated into \"{language}\"")),
            );
        }
    }
    theme.strings.extend(translated);
    theme
}

/// True when a theme other than the built-in one names a folder the site does not have.
pub fn is_missing(root: &Path, name: &str) -> bool {
    name != "default" && !root.join("themes").join(name).is_dir()
}

/// Adds a string table (flat `key = "text"` TOML) to the strings, later tables winning.
fn merge_strings(
    source: &SourceFile,
    strings: &mut BTreeMap<String, String>,
    diags: &mut Diagnostics,
) {
    if let Some(table) = crate::content::parse_toml::<BTreeMap<String, String>>(source, diags) {
        strings.extend(table);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// A built-in string table by key.
    fn table(language: &str) -> BTreeMap<String, String> {
        let text = strings_for(language).unwrap_or_else(|| panic!("no i18n/{language}.toml"));
        toml::from_str(text).unwrap_or_else(|e| panic!("i18n/{language}.toml: {e}"))
    }

    /// The `{name}` places of a string, which qmsite fills in whatever the language.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_shipped_language_has_every_english_key_with_the_same_placeholders() {
        let english = table("en");
        assert!(english.len() > 300, "the English table is the full one");
        for &language in LANGUAGES {
            let other = table(language);
            let missing: Vec<&String> =
                english.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{language} has keys English lacks: {extra:?}"
            );
            for (key, text) in &english {
                let theirs = &other[key];
                assert_eq!(
                    placeholders(text),
                    placeholders(theirs),
                    "{language}: {key} = {theirs:?} must keep the placeholders of {text:?}"
                );
                assert!(!theirs.trim().is_empty(), "{language}: {key} is empty");
            }
        }
    }

    #[test]
    fn every_embedded_string_table_is_a_shipped_language() {
        let tables: BTreeSet<String> = DEFAULT_THEME
            .get_dir("i18n")
            .map(|d| {
                d.files()
                    .filter_map(|f| f.path().file_stem())
                    .map(|s| s.to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let shipped: BTreeSet<String> = LANGUAGES.iter().map(|l| (*l).to_owned()).collect();
        assert_eq!(tables, shipped);
    }

    #[test]
    fn placeholders_are_the_names_in_braces() {
        assert_eq!(
            placeholders("{shown} of {total}, {shown}"),
            BTreeSet::from(["shown", "total"])
        );
        assert!(placeholders("no places").is_empty());
    }
}
