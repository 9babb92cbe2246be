//! Finding the site's files under `content/` and saying what kind each is.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity, codes, display_path, one_of};

use super::read::io_reason;

/// Attachment types a browser may run scripts from when a reader opens them: pages are published
/// only through the sanitiser, so these are refused in `content/pages/`.
pub const ACTIVE_EXTENSIONS: [&str; 13] = [
    "html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs", "swf",
];

/// The folders of `content/`, one per kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Folder {
    /// `frameworks/`: framework files.
    Frameworks,
    /// `assessments/`: assessment files.
    Assessments,
    /// `benchmarks/`: peer benchmark files.
    Benchmarks,
    /// `qms/`: IT QMS component files.
    Qms,
    /// `improvements/`: improvement register files.
    Improvements,
    /// `coverage/`: ISO/IEC 20000-1 coverage files.
    Coverage,
    /// `pages/`: Markdown narratives and their attachments.
    Pages,
}

impl Folder {
    /// Every folder, in the order the content format documents them.
    pub const ALL: [Folder; 7] = [
        Folder::Frameworks,
        Folder::Assessments,
        Folder::Benchmarks,
        Folder::Qms,
        Folder::Improvements,
        Folder::Coverage,
        Folder::Pages,
    ];

    /// The folder's name below `content/`.
    pub fn name(self) -> &'static str {
        match self {
            Folder::Frameworks => "frameworks",
            Folder::Assessments => "assessments",
            Folder::Benchmarks => "benchmarks",
            Folder::Qms => "qms",
            Folder::Improvements => "improvements",
            Folder::Coverage => "coverage",
            Folder::Pages => "pages",
        }
    }

    /// The folder of that name.
    pub fn named(name: &str) -> Option<Folder> {
        Folder::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// What kind of file a path under `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A TOML file of one of the data folders.
    Toml(Folder),
    /// A Markdown narrative.
    Page,
    /// Any other file under `pages/`, copied as it is.
    Asset,
}

impl FileKind {
    /// The folder a file of this kind sits in.
    pub fn folder(self) -> Folder {
        match self {
            FileKind::Toml(f) => f,
            FileKind::Page | FileKind::Asset => Folder::Pages,
        }
    }
}

/// Why a file under `content/` is not content, when it is one of the files editors, office
/// programs and file browsers leave beside the files people edit (or a spreadsheet kept with the
/// assessments). Hidden files (`.DS_Store`, `.~lock.x#`) are skipped before this is asked.
pub fn not_content(name: &str, folder: Option<Folder>) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    if name.ends_with('~') || (name.starts_with('#') && name.ends_with('#')) {
        return Some("an editor backup");
    }
    if matches!(ext, "bak" | "orig" | "swp" | "swo" | "tmp" | "old") {
        return Some("an editor backup or temporary file");
    }
    if name.starts_with("~$") {
        return Some("an office program's temporary file");
    }
    if matches!(lower.as_str(), "thumbs.db" | "desktop.ini" | "ehthumbs.db") {
        return Some("a file the file browser keeps");
    }
    let data_folder = folder.is_some_and(|f| f != Folder::Pages);
    if data_folder && matches!(ext, "xlsx" | "xlsm" | "xls" | "ods" | "csv") {
        return Some("a spreadsheet kept beside the content");
    }
    None
}

/// Walks `content/`, classifying files and refusing links that leave the site. Files that are
/// not content (see [`not_content`]) and files matching `ignore` are skipped, each with a note
/// shown by `--verbose`.
pub fn find_files(
    root: &Path,
    content: &Path,
    ignore: &globset::GlobSet,
    diags: &mut Diagnostics,
) -> Vec<(PathBuf, FileKind)> {
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
                diags.push(walk_error(root, &e));
                continue;
            }
        };
        let path = entry.path();
        let rel = display_path(root, path);
        let is_dir = entry.file_type().is_dir();
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        let ignored = entry.depth() > 0 && !ignore.is_empty() && ignore.is_match(&rel);
        let outside = if entry.path_is_symlink() {
            link_outside(path, &canonical_root, &rel)
        } else {
            None
        };
        // Never look inside a hidden, ignored or outside folder.
        if is_dir && (hidden || ignored || outside.is_some()) {
            entries.skip_current_dir();
        }
        if hidden {
            continue;
        }
        if ignored {
            diags.push(Diagnostic::in_file(
                Severity::Note,
                rel,
                "skipped: it matches an ignore pattern of qmsite.toml",
            ));
            continue;
        }
        if let Some(d) = outside {
            diags.push(d);
            continue;
        }
        if is_dir {
            continue;
        }
        match classify(content, &entry, rel) {
            Ok(kind) => files.push((path.to_path_buf(), kind)),
            Err(d) => diags.push(*d),
        }
    }
    files
}

/// The error for an entry the walk could not read: a link loop, a broken link, or a folder
/// qmsite may not read.
fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().map(|p| display_path(root, p)).unwrap_or_default();
    let is_link = e
        .path()
        .and_then(|p| p.symlink_metadata().ok())
        .is_some_and(|m| m.file_type().is_symlink());
    if e.loop_ancestor().is_some() {
        Diagnostic::in_file(Severity::Error, path, "symbolic link loop")
            .expected("a folder tree without symbolic links that lead back into it")
            .code(&codes::SYMLINK)
    } else if is_link
        && e.io_error()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
    {
        Diagnostic::in_file(Severity::Error, path, "is a broken symbolic link")
            .expected("a link to an existing file inside the site, or no link")
            .code(&codes::SYMLINK)
    } else {
        let message = match e.io_error() {
            Some(io) => format!("cannot read: {}", io_reason(io)),
            None => e.to_string(),
        };
        Diagnostic::in_file(Severity::Error, path, message)
            .expected("a folder qmsite may read")
            .code(&codes::UNREADABLE)
    }
}

/// The error for a symbolic link that leads outside the site or nowhere; `None` for a link to
/// something inside the site.
fn link_outside(path: &Path, canonical_root: &Path, rel: &Path) -> Option<Diagnostic> {
    match path.canonicalize() {
        Ok(target) if target.starts_with(canonical_root) => None,
        Ok(target) => Some(
            Diagnostic::in_file(
                Severity::Error,
                rel,
                format!(
                    "is a symbolic link to {}, outside the site; qmsite reads only files inside the site",
                    target.display()
                ),
            )
            .expected("a file or a link to a file inside the site folder")
            .code(&codes::SYMLINK),
        ),
        Err(e) => Some(
            Diagnostic::in_file(
                Severity::Error,
                rel,
                format!("is a broken symbolic link: {}", io_reason(&e)),
            )
            .expected("a link to an existing file inside the site, or no link")
            .code(&codes::SYMLINK),
        ),
    }
}

/// What a file under `content/` is, or why it is not read: a note for a file that is not
/// content (an editor backup…), an error for a file in the wrong place or of the wrong kind.
fn classify(
    content: &Path,
    entry: &walkdir::DirEntry,
    rel: PathBuf,
) -> Result<FileKind, Box<Diagnostic>> {
    let path = entry.path();
    if !entry.file_type().is_file() {
        // A pipe, socket or device would block or feed endless data: refuse it by name.
        return Err(Box::new(
            Diagnostic::in_file(
                Severity::Error,
                rel,
                "is not a regular file (a pipe, socket or device)".to_owned(),
            )
            .expected("a regular text file, or nothing at this path")
            .code(&codes::UNREADABLE),
        ));
    }
    let under_content = path.strip_prefix(content).unwrap_or(path);
    let mut parts = under_content.components();
    let folder = parts
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_top_level = parts.next().is_none();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let known = Folder::named(&folder);
    if let Some(why) = not_content(&entry.file_name().to_string_lossy(), known) {
        return Err(Box::new(Diagnostic::in_file(
            Severity::Note,
            rel,
            format!("skipped: {why}, not content"),
        )));
    }
    match known {
        Some(Folder::Pages) if !is_top_level && ext == "md" => Ok(FileKind::Page),
        Some(Folder::Pages)
            if !is_top_level && ACTIVE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) =>
        {
            Err(Box::new(Diagnostic::in_file(
                Severity::Error,
                rel,
                format!(
                    "is a .{ext} attachment, a kind of file a browser runs scripts from when a reader opens it"
                ),
            )
            .expected("a PDF, an image (PNG, JPEG, GIF, WebP), an office document or another file browsers only display; save SVG diagrams as PNG")
            .code(&codes::ACTIVE_ATTACHMENT)))
        }
        Some(Folder::Pages) if !is_top_level => Ok(FileKind::Asset),
        Some(f) if !is_top_level && ext == "toml" => Ok(FileKind::Toml(f)),
        Some(_) if !is_top_level => Err(Box::new(Diagnostic::in_file(
            Severity::Error,
            rel,
            format!("unexpected file in content/{folder}/"),
        )
        .expected("a .toml file")
        .code(&codes::WRONG_FILE_TYPE))),
        _ => Err(Box::new(Diagnostic::in_file(
            Severity::Error,
            rel,
            "is not in a known content folder".to_owned(),
        )
        .expected(format!(
            "files inside {}",
            one_of(Folder::ALL.iter().map(|f| format!("content/{}/", f.name())))
        ))
        .code(&codes::OUTSIDE_CONTENT))),
    }
}
