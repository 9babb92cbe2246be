//! Load: find the site's files, read them safely and parse each into its typed model.
//!
//! Files are found with walkdir, read and parsed in parallel, and returned in path order so that
//! everything downstream (and the output) is deterministic.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub mod config;
pub mod files;
pub mod model;
pub mod parse;
pub mod read;
pub mod shape;
mod syntax;
pub mod translate;
mod walk;
mod words;

use config::LoadedConfig;
use files::{FileKind, Folder};
use model::assessment::AssessmentFile;
use model::benchmark::BenchmarkFile;
use model::coverage::CoverageFile;
use model::framework::FrameworkFile;
use model::improvement::RegisterFile;
use model::page::FrontMatter;
use model::qms::QmsFile;
pub use parse::{Model, parse_toml, parse_toml_part, split_front_matter};
pub use read::{MAX_FILE_BYTES, ReadError, read_text};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity, SourceFile, display_path, one_of};

/// A parsed file together with its source text.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The file, for locating problems.
    pub source: Arc<SourceFile>,
    /// What it says.
    pub data: T,
}

/// A narrative page: front matter parsed, body kept as Markdown.
#[derive(Debug, Clone)]
pub struct RawPage {
    /// The file.
    pub source: Arc<SourceFile>,
    /// Its front matter.
    pub front: FrontMatter,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// Path below `content/pages/` without the `.md` ending, with `/` separators.
    pub slug: String,
    /// Shown in the site's default language because the language being built has no
    /// translation of it.
    pub fallback: bool,
}

impl RawPage {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.source.text.get(self.body_start..).unwrap_or("")
    }
}

/// Everything read from a site, before cross-references are checked.
#[derive(Debug, Clone)]
pub struct RawSite {
    /// The site root.
    pub root: PathBuf,
    /// `qmsite.toml`.
    pub config: LoadedConfig,
    /// Framework files.
    pub frameworks: Vec<Loaded<FrameworkFile>>,
    /// Assessment files.
    pub assessments: Vec<Loaded<AssessmentFile>>,
    /// Benchmark files.
    pub benchmarks: Vec<Loaded<BenchmarkFile>>,
    /// QMS files.
    pub qms: Vec<Loaded<QmsFile>>,
    /// Improvement register files.
    pub registers: Vec<Loaded<RegisterFile>>,
    /// Coverage files.
    pub coverage: Vec<Loaded<CoverageFile>>,
    /// Narrative pages.
    pub pages: Vec<RawPage>,
    /// Other files under `content/pages/` (images, attachments), copied as they are.
    pub assets: Vec<PathBuf>,
    /// Content folders holding a file that could not be read or parsed; references into them
    /// are not reported again as dangling.
    pub unreadable: Vec<Folder>,
    /// Translations of the files above into the site's other languages, in path order.
    pub translations: Vec<translate::Translation>,
}

/// Reads a whole site. Returns `None` when nothing useful could be read (no config).
pub fn load_site(root: &Path, diags: &mut Diagnostics) -> Option<RawSite> {
    let config = config::load(root, diags);
    let content = root.join("content");
    let mut files: Vec<(PathBuf, FileKind)> = Vec::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::in_file(Severity::Error, "content", "the content folder is missing")
                .expected(format!(
                    "a content/ folder holding {}",
                    one_of(Folder::ALL.iter().map(|f| format!("{}/", f.name())))
                ))
                .code(&crate::diagnostics::codes::CONTENT_MISSING),
        );
    } else {
        let ignore = config
            .as_ref()
            .map_or_else(globset::GlobSet::empty, |c| c.ignore_set(diags));
        files = files::find_files(root, &content, &ignore, diags);
    }
    let config = config?;
    let (files, translations) = translate::gather(root, files, &config, diags);

    // Read and parse every file in parallel; results come back in path order.
    let results: Vec<(Parsed, Diagnostics)> = files
        .par_iter()
        .map(|(path, kind)| {
            let mut d = Diagnostics::new();
            let parsed = parse_file(root, path, kind, &mut d);
            (parsed, d)
        })
        .collect();
    let mut site = assemble(root, config, results, diags);
    site.translations = translations;
    Some(site)
}

/// Builds a raw site from texts held in memory instead of files: the configuration and
/// `(path below the site root, text)` pairs, parsed exactly as [`load_site`] parses files. Used to
/// fuzz every loader and the whole pipeline without touching the disk.
pub fn site_from_texts(
    root: &Path,
    config_text: &str,
    files: &[(String, String)],
    diags: &mut Diagnostics,
) -> Option<RawSite> {
    let config = config::from_source(
        SourceFile::new(config::CONFIG_FILE, config_text.to_owned()),
        diags,
    )?;
    // Translations are left out: a committed state is read for its figures, which every
    // language shares.
    let translation =
        translate::translation_flags(files.iter().map(|(rel, _)| Path::new(rel)), &config);
    let results = files
        .iter()
        .zip(translation)
        .filter(|(_, translation)| !translation)
        .filter_map(|((rel, text), _)| {
            let mut parts = rel.split('/');
            let (Some("content"), Some(folder)) = (parts.next(), parts.next()) else {
                return None;
            };
            let kind = match Folder::named(folder)? {
                Folder::Pages if rel.ends_with(".md") => FileKind::Page,
                Folder::Pages => FileKind::Asset,
                f => FileKind::Toml(f),
            };
            let path = root.join(rel);
            let mut d = Diagnostics::new();
            let source = Arc::new(SourceFile::new(rel.as_str(), text.clone()));
            let parsed = parse_source(root, &path, &kind, source, &mut d);
            Some((parsed, d))
        })
        .collect();
    Some(assemble(root, config, results, diags))
}

fn assemble(
    root: &Path,
    config: LoadedConfig,
    results: Vec<(Parsed, Diagnostics)>,
    diags: &mut Diagnostics,
) -> RawSite {
    let mut site = RawSite {
        root: root.to_path_buf(),
        config,
        frameworks: Vec::new(),
        assessments: Vec::new(),
        benchmarks: Vec::new(),
        qms: Vec::new(),
        registers: Vec::new(),
        coverage: Vec::new(),
        pages: Vec::new(),
        assets: Vec::new(),
        unreadable: Vec::new(),
        translations: Vec::new(),
    };
    for (parsed, d) in results {
        diags.extend(d);
        match parsed {
            Parsed::Framework(f) => site.frameworks.push(f),
            Parsed::Assessment(a) => site.assessments.push(a),
            Parsed::Benchmark(b) => site.benchmarks.push(b),
            Parsed::Qms(q) => site.qms.push(q),
            Parsed::Register(r) => site.registers.push(r),
            Parsed::Coverage(c) => site.coverage.push(c),
            Parsed::Page(p) => site.pages.push(p),
            Parsed::Asset(a) => site.assets.push(a),
            Parsed::Failed(folder) => {
                if !site.unreadable.contains(&folder) {
                    site.unreadable.push(folder);
                }
            }
        }
    }
    site
}

enum Parsed {
    Framework(Loaded<FrameworkFile>),
    Assessment(Loaded<AssessmentFile>),
    Benchmark(Loaded<BenchmarkFile>),
    Qms(Loaded<QmsFile>),
    Register(Loaded<RegisterFile>),
    Coverage(Loaded<CoverageFile>),
    Page(RawPage),
    Asset(PathBuf),
    Failed(Folder),
}

fn parse_file(root: &Path, path: &Path, kind: &FileKind, diags: &mut Diagnostics) -> Parsed {
    let rel = display_path(root, path);
    let folder = kind.folder();
    if let FileKind::Asset = kind {
        return Parsed::Asset(path.to_path_buf());
    }
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(e.diagnostic(rel));
            return Parsed::Failed(folder);
        }
    };
    let source = Arc::new(SourceFile::new(rel, text));
    parse_source(root, path, kind, source, diags)
}

fn parse_source(
    root: &Path,
    path: &Path,
    kind: &FileKind,
    source: Arc<SourceFile>,
    diags: &mut Diagnostics,
) -> Parsed {
    let folder = kind.folder();
    if let FileKind::Asset = kind {
        return Parsed::Asset(path.to_path_buf());
    }
    match kind {
        FileKind::Toml(Folder::Frameworks) => typed(source, folder, diags, Parsed::Framework),
        FileKind::Toml(Folder::Assessments) => typed(source, folder, diags, Parsed::Assessment),
        FileKind::Toml(Folder::Benchmarks) => typed(source, folder, diags, Parsed::Benchmark),
        FileKind::Toml(Folder::Qms) => typed(source, folder, diags, Parsed::Qms),
        FileKind::Toml(Folder::Improvements) => typed(source, folder, diags, Parsed::Register),
        FileKind::Toml(Folder::Coverage) => typed(source, folder, diags, Parsed::Coverage),
        FileKind::Page => parse_page(root, path, source, diags),
        FileKind::Toml(Folder::Pages) | FileKind::Asset => Parsed::Failed(folder),
    }
}

/// Parses a TOML file of a data folder into its model, `Failed` when it does not parse.
fn typed<T: Model>(
    source: Arc<SourceFile>,
    folder: Folder,
    diags: &mut Diagnostics,
    wrap: fn(Loaded<T>) -> Parsed,
) -> Parsed {
    match parse_toml::<T>(&source, diags) {
        Some(data) => wrap(Loaded { source, data }),
        None => Parsed::Failed(folder),
    }
}

/// Splits `+++` front matter from a Markdown page and parses it.
fn parse_page(
    root: &Path,
    path: &Path,
    source: Arc<SourceFile>,
    diags: &mut Diagnostics,
) -> Parsed {
    let slug = path
        .strip_prefix(root.join("content").join("pages"))
        .unwrap_or(path)
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let Some((front_range, body_start)) = split_front_matter(&source.text) else {
        let opened = source.line_text(1).is_some_and(|l| l.trim_end() == "+++");
        let (message, help) = if opened {
            (
                "the front matter opened with +++ on line 1 is never closed",
                "add a line holding only +++ after the page's keys, before the text",
            )
        } else {
            (
                "the page has no front matter",
                "start the file with a line +++, the page's keys (title = \"…\"), and another line +++",
            )
        };
        diags.push(
            Diagnostic::at(Severity::Error, &source, 0..0, message)
                .code(&crate::diagnostics::codes::FRONT_MATTER)
                .suggest(help)
                .expected("a line `+++`, TOML keys (title, weight, summary, draft, report), and a closing `+++` line"),
        );
        return Parsed::Failed(Folder::Pages);
    };
    match parse_toml_part::<FrontMatter>(&source, front_range, diags) {
        Some(front) => Parsed::Page(RawPage {
            source,
            front,
            body_start,
            slug,
            fallback: false,
        }),
        None => Parsed::Failed(Folder::Pages),
    }
}
