//! Load: find the site's files, read them safely and parse each into its typed model.
//!
//! Files are found with walkdir, read and parsed in parallel, and returned in path order so that
//! everything downstream (and the output) is deterministic.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::config::{self, LoadedConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, SourceFile, display_path, one_of};
use crate::model::assessment::AssessmentFile;
use crate::model::benchmark::BenchmarkFile;
use crate::model::coverage::CoverageFile;
use crate::model::framework::FrameworkFile;
use crate::model::improvement::RegisterFile;
use crate::model::page::FrontMatter;
use crate::model::qms::QmsFile;

/// Largest content file qmsite reads; anything bigger is certainly a mistake.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Attachment types a browser may run scripts from when a reader opens them: pages are published
/// only through the sanitiser, so these are refused in `content/pages/`.
pub const ACTIVE_EXTENSIONS: [&str; 13] = [
    "html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs", "swf",
];

/// The folders of `content/` and what each holds.
pub const CONTENT_FOLDERS: [&str; 7] = [
    "frameworks",
    "assessments",
    "benchmarks",
    "qms",
    "improvements",
    "coverage",
    "pages",
];

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
    /// Content folders (names from [`CONTENT_FOLDERS`]) holding a file that could not be read or
    /// parsed; references into them are not reported again as dangling.
    pub unreadable: Vec<&'static str>,
}

/// Why a file could not be read as text, and where in it when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// What is wrong.
    pub message: String,
    /// The first offending place (a bad byte, a NUL), when there is one.
    pub position: Option<crate::diagnostics::Position>,
}

impl ReadError {
    fn whole(message: String) -> Self {
        ReadError {
            message,
            position: None,
        }
    }

    /// The problem as an error about `file`, saying what qmsite reads.
    pub fn diagnostic(&self, file: impl Into<PathBuf>) -> Diagnostic {
        let mut d = Diagnostic::in_file(Severity::Error, file, self.message.clone()).expected(
            format!("a readable UTF-8 text file of at most 8 MiB ({MAX_FILE_BYTES} bytes) without NUL bytes"),
        );
        d.position = self.position;
        d
    }
}

/// Reads a text file, refusing what is too large, not UTF-8 or holds NUL bytes.
/// A leading UTF-8 byte-order mark is dropped.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| ReadError::whole(format!("cannot read: {}", io_reason(&e))))?;
    if !meta.is_file() {
        return Err(ReadError::whole("is not a regular file".to_owned()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::whole(format!(
            "is {} bytes, larger than the {} bytes qmsite reads",
            meta.len(),
            MAX_FILE_BYTES
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ReadError::whole(format!("cannot read: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        // The file grew between the two looks.
        return Err(ReadError::whole(format!(
            "is larger than the {MAX_FILE_BYTES} bytes qmsite reads"
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let col = String::from_utf8_lossy(
                &good[good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1)..],
            )
            .chars()
            .count()
                + 1;
            return Err(ReadError {
                message: format!(
                    "is not valid UTF-8 (first bad byte at line {line}, column {col}); save it as UTF-8"
                ),
                position: Some(crate::diagnostics::Position { line, col }),
            });
        }
    };
    if let Some(i) = text.find('\0') {
        let src = SourceFile::new("", text.to_owned());
        let p = src.position(i);
        return Err(ReadError {
            message: format!(
                "holds a NUL byte at line {}, column {}; it looks like a binary file",
                p.line, p.col
            ),
            position: Some(p),
        });
    }
    Ok(text.to_owned())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Parses a whole source file as TOML into `T`, reporting a syntax or shape error with its place.
pub fn parse_toml<T: DeserializeOwned>(source: &SourceFile, diags: &mut Diagnostics) -> Option<T> {
    parse_toml_part(source, 0..source.text.len(), diags)
}

/// Parses part of a source file (front matter) as TOML; spans are reported in file coordinates.
pub fn parse_toml_part<T: DeserializeOwned>(
    source: &SourceFile,
    range: std::ops::Range<usize>,
    diags: &mut Diagnostics,
) -> Option<T> {
    let text = source.text.get(range.clone()).unwrap_or("");
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().map_or(range.start..range.start, |s| {
                s.start + range.start..s.end + range.start
            });
            let (message, mut expected) = split_expected(e.message());
            if expected.is_none() && message.contains("recursion") {
                expected = Some(
                    "arrays and tables nested a few levels deep at most, as in the documented file formats"
                        .to_owned(),
                );
            }
            diags.error_at(source, span, message, expected);
            None
        }
    }
}

/// Says serde's type names in words.
fn humanise(expected: &str) -> String {
    match expected.trim() {
        "i64" | "i32" | "u32" | "u64" | "usize" | "i8" | "u8" | "i16" | "u16" => {
            "a whole number (integer)".to_owned()
        }
        "f64" | "f32" => "a number".to_owned(),
        "a boolean" | "bool" => "true or false".to_owned(),
        other => other.to_owned(),
    }
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" into a message and an expectation.
fn split_expected(message: &str) -> (String, Option<String>) {
    let (message, expected) = split_expected_raw(message);
    let expected = expected.map(|e| humanise(&e)).or_else(|| {
        if message == "duplicate key" {
            return Some(
                "each key once per table, and each [table] header once per file".to_owned(),
            );
        }
        let key = message.strip_prefix("missing key ")?;
        Some(format!(
            "the required key {key} (docs/content-format.md lists the keys of each file)"
        ))
    });
    (message, expected)
}

fn split_expected_raw(message: &str) -> (String, Option<String>) {
    let message = message.trim_end();
    let message = message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key");
    match message.split_once(", expected ") {
        Some((what, expected)) => (what.to_owned(), Some(expected.to_owned())),
        None => match message.split_once("expected ") {
            Some((what, expected)) if what.starts_with("invalid type") => (
                what.trim_end_matches([',', ' ']).to_owned(),
                Some(expected.to_owned()),
            ),
            _ => (message, None),
        },
    }
}

/// What kind of file a path under `content/` is.
enum FileKind {
    Toml(usize),
    Page,
    Asset,
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
                    one_of(CONTENT_FOLDERS.iter().map(|f| format!("{f}/")))
                )),
        );
    } else {
        files = find_files(root, &content, diags);
    }
    let config = config?;

    // Read and parse every file in parallel; results come back in path order.
    let results: Vec<(Parsed, Diagnostics)> = files
        .par_iter()
        .map(|(path, kind)| {
            let mut d = Diagnostics::new();
            let parsed = parse_file(root, path, kind, &mut d);
            (parsed, d)
        })
        .collect();
    Some(assemble(root, config, results, diags))
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
    let results = files
        .iter()
        .filter_map(|(rel, text)| {
            let mut parts = rel.split('/');
            let (Some("content"), Some(folder)) = (parts.next(), parts.next()) else {
                return None;
            };
            let kind = match CONTENT_FOLDERS.iter().position(|f| *f == folder)? {
                6 if rel.ends_with(".md") => FileKind::Page,
                6 => FileKind::Asset,
                i => FileKind::Toml(i),
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

/// Walks `content/`, classifying files and refusing links that leave the site.
fn find_files(root: &Path, content: &Path, diags: &mut Diagnostics) -> Vec<(PathBuf, FileKind)> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .max_depth(16);
    let mut entries = walker.into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| display_path(root, p)).unwrap_or_default();
                let is_link = e
                    .path()
                    .and_then(|p| p.symlink_metadata().ok())
                    .is_some_and(|m| m.file_type().is_symlink());
                let d = if e.loop_ancestor().is_some() {
                    Diagnostic::in_file(Severity::Error, path, "symbolic link loop")
                        .expected("a folder tree without symbolic links that lead back into it")
                } else if is_link
                    && e.io_error()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
                {
                    Diagnostic::in_file(Severity::Error, path, "is a broken symbolic link")
                        .expected("a link to an existing file inside the site, or no link")
                } else {
                    let message = match e.io_error() {
                        Some(io) => format!("cannot read: {}", io_reason(io)),
                        None => e.to_string(),
                    };
                    Diagnostic::in_file(Severity::Error, path, message)
                        .expected("a folder qmsite may read")
                };
                diags.push(d);
                continue;
            }
        };
        let path = entry.path();
        let rel = display_path(root, path);
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && name.starts_with('.') {
            continue;
        }
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {}
                Ok(target) => {
                    // Never look inside a linked folder outside the site either.
                    if entry.file_type().is_dir() {
                        entries.skip_current_dir();
                    }
                    diags.push(
                        Diagnostic::in_file(
                            Severity::Error,
                            rel,
                            format!(
                                "is a symbolic link to {}, outside the site; qmsite reads only files inside the site",
                                target.display()
                            ),
                        )
                        .expected("a file or a link to a file inside the site folder"),
                    );
                    continue;
                }
                Err(e) => {
                    diags.push(
                        Diagnostic::in_file(
                            Severity::Error,
                            rel,
                            format!("is a broken symbolic link: {}", io_reason(&e)),
                        )
                        .expected("a link to an existing file inside the site, or no link"),
                    );
                    continue;
                }
            }
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            // A pipe, socket or device would block or feed endless data: refuse it by name.
            diags.push(
                Diagnostic::in_file(
                    Severity::Error,
                    rel,
                    "is not a regular file (a pipe, socket or device)".to_owned(),
                )
                .expected("a regular text file, or nothing at this path"),
            );
            continue;
        }
        let under_content = path.strip_prefix(content).unwrap_or(path);
        let mut parts = under_content.components();
        let folder = parts
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        let is_top_level = parts.next().is_none();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let known = CONTENT_FOLDERS.iter().position(|f| *f == folder);
        let kind = match known {
            _ if is_top_level => None,
            Some(6) if ext == "md" => Some(FileKind::Page),
            Some(6) if ACTIVE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) => {
                diags.push(
                    Diagnostic::in_file(
                        Severity::Error,
                        rel,
                        format!(
                            "is a .{ext} attachment, a kind of file a browser runs scripts from when a reader opens it"
                        ),
                    )
                    .expected("a PDF, an image (PNG, JPEG, GIF, WebP), an office document or another file browsers only display; save SVG diagrams as PNG"),
                );
                continue;
            }
            Some(6) => Some(FileKind::Asset),
            Some(i) if ext == "toml" => Some(FileKind::Toml(i)),
            Some(_) => {
                diags.push(
                    Diagnostic::in_file(
                        Severity::Error,
                        rel,
                        format!("unexpected file in content/{folder}/"),
                    )
                    .expected("a .toml file"),
                );
                continue;
            }
            None => None,
        };
        match kind {
            Some(k) => files.push((path.to_path_buf(), k)),
            None => diags.push(
                Diagnostic::in_file(
                    Severity::Error,
                    rel,
                    "is not in a known content folder".to_owned(),
                )
                .expected(format!(
                    "files inside {}",
                    one_of(CONTENT_FOLDERS.iter().map(|f| format!("content/{f}/")))
                )),
            ),
        }
    }
    files
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
    Failed(&'static str),
}

fn parse_file(root: &Path, path: &Path, kind: &FileKind, diags: &mut Diagnostics) -> Parsed {
    let rel = display_path(root, path);
    let folder = match kind {
        FileKind::Toml(i) => CONTENT_FOLDERS[*i],
        FileKind::Page | FileKind::Asset => "pages",
    };
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
    let folder = match kind {
        FileKind::Toml(i) => CONTENT_FOLDERS[*i],
        FileKind::Page | FileKind::Asset => "pages",
    };
    if let FileKind::Asset = kind {
        return Parsed::Asset(path.to_path_buf());
    }
    let wrap = |source: &Arc<SourceFile>,
                diags: &mut Diagnostics,
                f: &dyn Fn(&Arc<SourceFile>, &mut Diagnostics) -> Option<Parsed>| {
        f(source, diags).unwrap_or(Parsed::Failed(folder))
    };
    fn typed<T: DeserializeOwned>(
        source: &Arc<SourceFile>,
        diags: &mut Diagnostics,
        f: fn(Loaded<T>) -> Parsed,
    ) -> Option<Parsed> {
        parse_toml::<T>(source, diags).map(|data| {
            f(Loaded {
                source: source.clone(),
                data,
            })
        })
    }
    match kind {
        FileKind::Toml(0) => wrap(&source, diags, &|s, d| typed(s, d, Parsed::Framework)),
        FileKind::Toml(1) => wrap(&source, diags, &|s, d| typed(s, d, Parsed::Assessment)),
        FileKind::Toml(2) => wrap(&source, diags, &|s, d| typed(s, d, Parsed::Benchmark)),
        FileKind::Toml(3) => wrap(&source, diags, &|s, d| typed(s, d, Parsed::Qms)),
        FileKind::Toml(4) => wrap(&source, diags, &|s, d| typed(s, d, Parsed::Register)),
        FileKind::Toml(_) => wrap(&source, diags, &|s, d| typed(s, d, Parsed::Coverage)),
        FileKind::Page => parse_page(root, path, source, diags),
        FileKind::Asset => Parsed::Failed(folder),
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
        diags.error_at(
            &source,
            0..0,
            "the page has no front matter",
            Some("the file to start with a line `+++`, TOML keys (title, weight, summary, draft), and a closing `+++` line".to_owned()),
        );
        return Parsed::Failed("pages");
    };
    match parse_toml_part::<FrontMatter>(&source, front_range, diags) {
        Some(front) => Parsed::Page(RawPage {
            source,
            front,
            body_start,
            slug,
        }),
        None => Parsed::Failed("pages"),
    }
}

/// Finds `+++` front matter: returns the byte range of the TOML inside and where the body starts.
pub fn split_front_matter(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "+++" {
        return None;
    }
    let start = first_end + 1;
    let mut pos = start;
    while pos <= text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..line_end].trim_end() == "+++" {
            let body = (line_end + 1).min(text.len());
            return Some((start..pos, body));
        }
        if line_end >= text.len() {
            break;
        }
        pos = line_end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_at_the_closing_line() {
        let t = "+++\ntitle = \"A\"\n+++\n# Body\n";
        let (range, body) = split_front_matter(t).expect("front matter");
        assert_eq!(&t[range], "title = \"A\"\n");
        assert_eq!(&t[body..], "# Body\n");
        assert_eq!(
            split_front_matter("+++\r\ntitle = \"A\"\r\n+++\r\nx").map(|(_, b)| b),
            Some(23)
        );
        assert!(split_front_matter("title = 1\n").is_none());
        assert!(split_front_matter("+++\ntitle = 1\n").is_none());
        assert_eq!(split_front_matter("+++\n+++"), Some((4..4, 7)));
    }

    #[test]
    fn serde_expectations_are_split_off() {
        let (m, e) = split_expected("unknown field `colour`, expected one of `a`, `b`");
        assert_eq!(m, "unknown key `colour`");
        assert_eq!(e.as_deref(), Some("one of `a`, `b`"));
        let (m, e) = split_expected("invalid type: string \"x\", expected f64");
        assert_eq!(m, "invalid type: string \"x\"");
        assert_eq!(e.as_deref(), Some("a number"));
    }
}
