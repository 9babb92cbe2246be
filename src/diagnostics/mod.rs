//! Problems found in a site, located by file, line and column.
//!
//! Every stage of the pipeline reports into a [`Diagnostics`] collection instead of stopping at the
//! first problem, so that `qmsite check` can list everything that is wrong in one run.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub mod codes;
pub mod json;
mod suggest;

pub use codes::Code;
pub use suggest::{LIST_CAP, nearest, one_of, one_of_near};

/// How serious a problem is: errors stop a build, warnings only with `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built as written.
    Error,
    /// The site builds, but something needs attention (an overdue action, a small peer group…).
    Warning,
    /// Nothing is wrong; shown with `--verbose` (a file skipped as not content).
    Note,
}

/// A line and column, both counted from 1 (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub col: usize,
}

/// One problem, with where it is and what was expected instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root when it lies inside it.
    pub file: PathBuf,
    /// Where in the file, when the problem has a place.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// What would have been accepted (allowed keys or values), when that can be said.
    pub expected: Option<String>,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
    /// The fix to try first: the nearest allowed value ("did you mean…"), or what to write
    /// instead ("remove the quotes: due = 2027-06-30").
    pub suggestion: Option<String>,
    /// The stable code `qmsite explain` takes, when the problem has one.
    pub code: Option<&'static Code>,
}

impl Diagnostic {
    /// A problem at a byte range of a source text.
    pub fn at(
        severity: Severity,
        source: &SourceFile,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let position = source.position(span.start);
        Diagnostic {
            severity,
            file: source.path.clone(),
            position: Some(position),
            message: message.into(),
            expected: None,
            source_line: source.line_text(position.line).map(str::to_owned),
            suggestion: None,
            code: None,
        }
    }

    /// A problem that concerns a whole file (or a folder), with no line to point to.
    pub fn in_file(
        severity: Severity,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            position: None,
            message: message.into(),
            expected: None,
            source_line: None,
            suggestion: None,
            code: None,
        }
    }

    /// Adds what would have been accepted.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Adds the fix to try first.
    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Adds "did you mean" with the nearest of `candidates`, when one is near enough.
    pub fn nearest_of<I, S>(mut self, written: &str, candidates: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        if let Some(n) = nearest(written, candidates) {
            self.suggestion = Some(format!("did you mean \"{n}\"?"));
        }
        self
    }

    /// Gives the problem its stable code.
    pub fn code(mut self, code: &'static Code) -> Self {
        self.code = Some(code);
        self
    }

    /// `file:line:col` (or just `file`), the form editors and terminals turn into links.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file.display(), p.line, p.col),
            None => self.file.display().to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{}: {label}: {}", self.location(), self.message)?;
        if let (Some(line), Some(pos)) = (&self.source_line, self.position) {
            let shown: String = line.chars().take(160).collect();
            write!(f, "\n    | {shown}")?;
            let pad = " ".repeat(pos.col.saturating_sub(1).min(160));
            write!(f, "\n    | {pad}^")?;
        }
        if let Some(suggestion) = &self.suggestion {
            write!(f, "\n    = help: {suggestion}")?;
        }
        if let Some(expected) = &self.expected {
            write!(f, "\n    = expected: {expected}")?;
        }
        if let Some(code) = self.code {
            write!(f, "\n    = more: qmsite explain {}", code.id)?;
        }
        Ok(())
    }
}

/// A text file of the site kept in memory, so that byte offsets can be turned into line:col.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps a text read from `path`.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Line and column (from 1) of a byte offset; offsets past the end point after the last char.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line_index];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position {
            line: line_index + 1,
            col,
        }
    }

    /// How many lines the text has.
    pub fn line_text_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte offset where a line (from 1) starts; the end of the text past the last line.
    pub fn line_start(&self, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The text of a line (from 1), without its line break.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        self.text
            .get(start..end)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }
}

/// All problems of one run, in the order found; printed sorted by file and position.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records every problem of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Records an error at a span of a source file.
    pub fn error_at(
        &mut self,
        code: &'static Code,
        source: &SourceFile,
        span: Range<usize>,
        message: impl Into<String>,
        expected: Option<String>,
    ) {
        let mut d = Diagnostic::at(Severity::Error, source, span, message).code(code);
        d.expected = expected;
        self.push(d);
    }

    /// Records a warning at a span of a source file.
    pub fn warning_at(
        &mut self,
        code: &'static Code,
        source: &SourceFile,
        span: Range<usize>,
        message: impl Into<String>,
    ) {
        self.push(Diagnostic::at(Severity::Warning, source, span, message).code(code));
    }

    /// Adds the errors of `other` and drops its warnings and notes: for a second pass over the
    /// same files (the content in another language), whose warnings were said by the first.
    pub fn errors_of(&mut self, other: Diagnostics) {
        self.items.extend(
            other
                .items
                .into_iter()
                .filter(|d| d.severity == Severity::Error),
        );
    }

    /// True when at least one error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// The problems sorted errors first, then by file and position, for stable output.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (a.severity, &a.file, a.position, &a.message)
                .cmp(&(b.severity, &b.file, b.position, &b.message))
        });
        v
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    /// Every problem, taken out of the collection in the order found.
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// A path shown relative to the site root when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let src = SourceFile::new("a.toml", "ab\nçd = 1\n\nx".to_owned());
        assert_eq!(src.position(0), Position { line: 1, col: 1 });
        assert_eq!(src.position(3), Position { line: 2, col: 1 });
        // 'ç' is two bytes: byte 5 is the 2nd character of line 2.
        assert_eq!(src.position(5), Position { line: 2, col: 2 });
        assert_eq!(src.position(12), Position { line: 4, col: 1 });
        assert_eq!(src.line_text(2), Some("çd = 1"));
        assert_eq!(src.line_text(3), Some(""));
        assert_eq!(src.line_text(9), None);
    }

    #[test]
    fn display_shows_location_source_and_expected() {
        let src = SourceFile::new("c/x.toml", "a = 1\nstatus = \"nope\"\n".to_owned());
        let d = Diagnostic::at(Severity::Error, &src, 15..21, "unknown status \"nope\"")
            .expected(one_of(["done", "open"]));
        let text = d.to_string();
        assert!(
            text.starts_with("c/x.toml:2:10: error: unknown status"),
            "{text}"
        );
        assert!(
            text.contains("expected: one of \"done\", \"open\""),
            "{text}"
        );
    }
}
