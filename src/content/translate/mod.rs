//! Content in other languages: a translation sits beside the file it translates, named after it
//! with the language before the ending (`frameworks/itqi.cs.toml`, `pages/findings.cs.md`,
//! `qmsite.cs.toml`).
//!
//! A TOML translation holds the keys of its file, but only free texts (names, titles,
//! descriptions, notes, labels): what a text is comes from the same [`Shape`] that checks the
//! file, so ids, numbers, dates, levels and addresses can never differ between languages and
//! the computed report holds for every language. [`localise`] lays the translations over the
//! raw site; the result is validated like the original, and a text without a translation stays
//! in the default language and is counted.
//!
//! Written here rather than taken from a crate: gettext-style catalogues (fluent, gettext) key
//! texts by message ids in code, while these texts are data inside the content's own files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use toml_edit::{DocumentMut, Item, TableLike};

mod merge;

use super::config::LoadedConfig;
use super::files::FileKind;
use super::model::assessment::AssessmentFile;
use super::model::benchmark::BenchmarkFile;
use super::model::coverage::CoverageFile;
use super::model::framework::FrameworkFile;
use super::model::improvement::RegisterFile;
use super::model::page::FrontMatter;
use super::model::qms::QmsFile;
use super::shape::{self, Kind, Shape};
use super::{Loaded, Model, RawPage, RawSite, read_text};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, SourceFile, codes, display_path};
use merge::Merge;

/// One translation file as read.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Its language.
    pub language: String,
    /// The file it translates, relative to the site root.
    pub original: PathBuf,
    /// The translation itself.
    pub source: Arc<SourceFile>,
}

/// The language and the translated file's path when `path` names a translation into one of
/// `languages` (`findings.cs.md` → `cs`, `findings.md`).
pub fn translation_of(path: &Path, languages: &[String]) -> Option<(String, PathBuf)> {
    split_language(path).filter(|(language, _)| languages.contains(language))
}

/// The language code before a file's ending, and the file named without it
/// (`findings.cs.md` → `cs`, `findings.md`), whatever the language.
fn split_language(path: &Path) -> Option<(String, PathBuf)> {
    let ext = path.extension()?.to_str()?;
    let stem = Path::new(path.file_stem()?);
    let language = stem.extension()?.to_str()?;
    if !is_language_code(language) {
        return None;
    }
    let name = format!("{}.{ext}", stem.file_stem()?.to_str()?);
    Some((language.to_owned(), path.with_file_name(name)))
}

/// A language code qmsite accepts: two or three small ASCII letters, optionally followed by
/// `-` and a region or script (`pt-br`); it names an output folder, so nothing else may be in it.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Which of `paths` are translations rather than content: named `name.<code>.<ext>` with a
/// listed language, the default language's code, or an original beside them. Everything that
/// reads content (the build, and the site as a commit holds it) sorts files by this one rule.
pub fn translation_flags<'a>(
    paths: impl Iterator<Item = &'a Path> + Clone,
    config: &LoadedConfig,
) -> Vec<bool> {
    let languages = config.other_languages();
    let found: HashSet<&Path> = paths.clone().collect();
    let default = config.config.language.get_ref();
    paths
        .map(|path| {
            split_language(path).is_some_and(|(language, original)| {
                languages.contains(&language)
                    || language == *default
                    || found.contains(original.as_path())
            })
        })
        .collect()
}

/// Splits the translations off the files found under `content/` and reads them, with those of
/// `qmsite.toml` (`qmsite.cs.toml`). A file is a translation when its name carries a language
/// code before the ending and that language is one the site names or the file named without it
/// is there too; one into a language not
/// listed under `languages` (a language dropped from the list, or the default) is skipped with a
/// warning, never read as content of its own.
pub fn gather(
    root: &Path,
    files: Vec<(PathBuf, FileKind)>,
    config: &LoadedConfig,
    diags: &mut Diagnostics,
) -> (Vec<(PathBuf, FileKind)>, Vec<Translation>) {
    let languages = config.other_languages();
    let flags = translation_flags(files.iter().map(|(p, _)| p.as_path()), config);
    let mut kept = Vec::with_capacity(files.len());
    let mut translated = Vec::new();
    for ((path, kind), translation) in files.into_iter().zip(flags) {
        if translation {
            translated.push(path);
        } else {
            kept.push((path, kind));
        }
    }
    let config_translations = languages
        .iter()
        .map(|l| root.join(format!("qmsite.{l}.toml")))
        .filter(|p| p.is_file());
    let paths: Vec<PathBuf> = translated
        .into_iter()
        .filter(|path| {
            let rel = display_path(root, path);
            let built = translation_of(&rel, &languages).is_some();
            if !built {
                let language = split_language(&rel).map(|(l, _)| l).unwrap_or_default();
                diags.push(
                    Diagnostic::in_file(
                        Severity::Warning,
                        rel,
                        format!("skipped: named as a translation into \"{language}\", which qmsite.toml does not list under languages"),
                    )
                    .suggest(format!("list \"{language}\" under languages to build it, or rename the file if it is content of its own")),
                );
            }
            built
        })
        .chain(config_translations)
        .collect();
    let read: Vec<Result<Translation, Diagnostic>> = paths
        .par_iter()
        .filter_map(|path| {
            let rel = display_path(root, path);
            let (language, original) = translation_of(&rel, &languages)?;
            Some(match read_text(path) {
                Ok(text) => Ok(Translation {
                    language,
                    original,
                    source: Arc::new(SourceFile::new(rel, text)),
                }),
                Err(e) => Err(e.diagnostic(rel)),
            })
        })
        .collect();
    let mut translations = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(t) => translations.push(t),
            Err(d) => diags.push(d),
        }
    }
    (kept, translations)
}

/// A raw site in another language, with what stayed untranslated.
pub struct Localised {
    /// The site with every translation of the language laid over it.
    pub raw: RawSite,
    /// Free texts of the TOML files with no translation.
    pub texts: usize,
    /// Narratives with no translation.
    pub narratives: usize,
}

/// Lays the translations into `language` over a copy of `raw`. Problems with a translation
/// (a key its file lacks, a value that is not a text, a file that translates nothing) are errors
/// naming the translation's line and column.
pub fn localise(raw: &RawSite, language: &str, diags: &mut Diagnostics) -> Localised {
    let mut by_original: HashMap<&Path, &Translation> = HashMap::new();
    for t in raw.translations.iter().filter(|t| t.language == language) {
        by_original.insert(&t.original, t);
    }
    let mut out = raw.clone();
    out.config.config.building = Some(language.to_owned());
    let mut counts = Counts::default();
    {
        let mut lay = Layer {
            by_original: &by_original,
            used: HashSet::new(),
            counts: &mut counts,
            diags,
        };
        if let Some(t) = lay.take(&raw.config.source.path) {
            if let Some(cfg) = lay
                .merged(&raw.config.source, t, &shape::of::<super::config::Config>())
                .and_then(|s| super::config::from_source(s, lay.diags))
            {
                out.config.config.title = cfg.config.title;
                out.config.config.organisation = cfg.config.organisation;
                out.config.config.description = cfg.config.description;
                out.config.config.units = cfg.config.units;
                out.config.config.brand.confidentiality = cfg.config.brand.confidentiality;
                out.config.config.editions = cfg.config.editions;
            }
        } else {
            lay.counts.texts += texts_in(&raw.config.source, &shape::of::<super::config::Config>());
        }
        lay.files::<FrameworkFile>(&mut out.frameworks);
        lay.files::<AssessmentFile>(&mut out.assessments);
        lay.files::<BenchmarkFile>(&mut out.benchmarks);
        lay.files::<QmsFile>(&mut out.qms);
        lay.files::<RegisterFile>(&mut out.registers);
        lay.files::<CoverageFile>(&mut out.coverage);
        for page in &mut out.pages {
            lay.page(page, language);
        }
        let used = lay.used;
        for t in by_original.values() {
            if !used.contains(&t.original) {
                diags.push(
                    Diagnostic::in_file(
                        Severity::Error,
                        t.source.path.clone(),
                        format!(
                            "translates {}, which is not a content file of the site",
                            t.original.display()
                        ),
                    )
                    .expected("a translation beside the file it translates, named after it with the language before the ending")
                    .code(&codes::TRANSLATION),
                );
            }
        }
    }
    Localised {
        raw: out,
        texts: counts.texts,
        narratives: counts.narratives,
    }
}

#[derive(Default)]
struct Counts {
    texts: usize,
    narratives: usize,
}

/// Lays one language's translations over the files of a site, file by file.
struct Layer<'a> {
    by_original: &'a HashMap<&'a Path, &'a Translation>,
    used: HashSet<PathBuf>,
    counts: &'a mut Counts,
    diags: &'a mut Diagnostics,
}

impl<'a> Layer<'a> {
    /// The translation of the file at `path`, marked as used.
    fn take(&mut self, path: &Path) -> Option<&'a Translation> {
        let t = self.by_original.get(path).copied()?;
        self.used.insert(t.original.clone());
        Some(t)
    }

    /// Translates each file of one kind that has a translation; counts the texts of the others.
    fn files<T: Model>(&mut self, list: &mut [Loaded<T>]) {
        let shape = shape::of::<T>();
        for loaded in list {
            let Some(t) = self.take(&loaded.source.path) else {
                self.counts.texts += texts_in(&loaded.source, &shape);
                continue;
            };
            let Some(merged) = self.merged(&loaded.source, t, &shape) else {
                continue;
            };
            if let Some(data) = super::parse_toml::<T>(&merged, self.diags) {
                *loaded = Loaded {
                    source: Arc::new(merged),
                    data,
                };
            }
        }
    }

    /// The original's text with the translation's texts in place, as a source named after the
    /// original (its lines stay where they were unless a translation spans several lines).
    fn merged(
        &mut self,
        original: &SourceFile,
        t: &Translation,
        shape: &Shape,
    ) -> Option<SourceFile> {
        let mut doc: DocumentMut = original.text.parse().ok()?;
        let tr = match toml_edit::Document::parse(t.source.text.as_str()) {
            Ok(d) => d,
            Err(e) => {
                self.diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        &t.source,
                        e.span().unwrap_or(0..0),
                        format!("is not valid TOML: {}", e.message()),
                    )
                    .expected("the keys of the translated file, written as TOML")
                    .code(&codes::TRANSLATION),
                );
                return None;
            }
        };
        let total = count_table(doc.as_table(), shape);
        let mut merge = Merge {
            source: &t.source,
            original: &original.path,
            translated: 0,
            diags: self.diags,
        };
        merge.table(doc.as_table_mut(), tr.as_table(), shape);
        self.counts.texts += total.saturating_sub(merge.translated);
        Some(SourceFile::new(original.path.clone(), doc.to_string()))
    }

    /// Puts a narrative's translation in its place, or marks it as shown in the default language.
    fn page(&mut self, page: &mut RawPage, language: &str) {
        let Some(t) = self.take(&page.source.path) else {
            self.counts.narratives += 1;
            page.fallback = true;
            return;
        };
        let source = t.source.clone();
        let Some((front_range, body_start)) = super::split_front_matter(&source.text) else {
            self.diags.push(
                Diagnostic::at(
                    Severity::Error,
                    &source,
                    0..0,
                    "the translated page has no front matter",
                )
                .expected(format!(
                    "a line +++, the page's title in \"{language}\" (title = \"…\"), another line +++, then the text"
                ))
                .code(&codes::TRANSLATION),
            );
            return;
        };
        let Some(front) = super::parse_toml_part::<FrontMatter>(&source, front_range, self.diags)
        else {
            return;
        };
        page.front.title = front.title;
        page.front.summary = front.summary;
        page.source = source;
        page.body_start = body_start;
    }
}

/// Keys whose values are plain text in the file formats but name something rather than say
/// something to readers: references to ids, levels, settings, and the peers' sector, region and
/// size, which comparison groups filter on. They stay as the original says, so every language
/// computes the same figures. (The schemas do not tell these from wording: a reference is
/// checked against the ids that exist, not against a pattern.)
const NOT_WORDING: [&str; 23] = [
    "assessment",
    "base_url",
    "clause",
    "clauses",
    "currency",
    "dimension",
    "dimensions",
    "domain",
    "framework",
    "ignore",
    "language",
    "languages",
    "level",
    "main_framework",
    "output_dir",
    "qms",
    "region",
    "regions",
    "sector",
    "sectors",
    "size_band",
    "size_bands",
    "theme",
];

/// Whether the value of key `k`, of this shape, is wording a translation may change.
fn translatable(shape: &Shape, k: &str) -> bool {
    matches!(&shape.kind, Kind::Text { allowed, rule: None, .. } if allowed.is_empty())
        && !NOT_WORDING.contains(&k)
}

/// Whether a text is worth translating: it holds a letter.
fn is_wording(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// How many free texts holding words a file has, by its shape.
fn texts_in(source: &SourceFile, shape: &Shape) -> usize {
    let Ok(doc) = source.text.parse::<DocumentMut>() else {
        return 0;
    };
    count_table(doc.as_table(), shape)
}

fn count_table(table: &dyn TableLike, shape: &Shape) -> usize {
    table
        .iter()
        .map(|(k, item)| key_shape(shape, k).map_or(0, |s| count_item(item, s, k)))
        .sum()
}

fn count_item(item: &Item, shape: &Shape, k: &str) -> usize {
    match &shape.kind {
        _ if translatable(shape, k) => usize::from(item.as_str().is_some_and(is_wording)),
        Kind::Table { .. } => item.as_table_like().map_or(0, |t| count_table(t, shape)),
        Kind::List { items, .. } => entries(item).iter().map(|e| count_item(e, items, k)).sum(),
        _ => 0,
    }
}

/// The shape of key `k` of a table of this shape.
fn key_shape<'s>(shape: &'s Shape, k: &str) -> Option<&'s Shape> {
    let Kind::Table { keys, others } = &shape.kind else {
        return None;
    };
    keys.iter()
        .find(|key| key.name == k)
        .map(|key| &key.shape)
        .or(others.as_deref())
}

/// The entries of a list, whether written as an array or as `[[tables]]`.
fn entries(item: &Item) -> Vec<Item> {
    match item {
        Item::ArrayOfTables(a) => a.iter().cloned().map(Item::Table).collect(),
        Item::Value(toml_edit::Value::Array(a)) => a.iter().cloned().map(Item::Value).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_is_named_after_its_file_with_the_language_before_the_ending() {
        let langs = vec!["cs".to_owned()];
        assert_eq!(
            translation_of(Path::new("content/pages/findings.cs.md"), &langs),
            Some(("cs".to_owned(), PathBuf::from("content/pages/findings.md")))
        );
        assert_eq!(
            translation_of(Path::new("content/frameworks/itqi.v2.cs.toml"), &langs),
            Some((
                "cs".to_owned(),
                PathBuf::from("content/frameworks/itqi.v2.toml")
            ))
        );
        assert_eq!(
            translation_of(Path::new("content/pages/findings.de.md"), &langs),
            None
        );
        assert_eq!(
            translation_of(Path::new("content/pages/findings.md"), &langs),
            None
        );
    }
}
