//! Reading a file of the site as text, safely: size, encoding and NUL bytes are checked first.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Severity, SourceFile, codes};

/// Largest content file qmsite reads; anything bigger is certainly a mistake.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file could not be read as text, and where in it when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// What is wrong, as said after the file's name ("is not saved as UTF-8 text…").
    pub message: String,
    /// The first offending place (a bad byte, a NUL), when there is one.
    pub position: Option<crate::diagnostics::Position>,
    /// Which kind of problem it is.
    pub code: &'static Code,
    /// What to do about it, when that can be said.
    pub help: Option<String>,
}

impl ReadError {
    fn whole(code: &'static Code, message: String) -> Self {
        ReadError {
            message,
            position: None,
            code,
            help: None,
        }
    }

    /// True when the file does not exist.
    pub fn is_missing(&self) -> bool {
        self.message.ends_with("no such file")
    }

    /// The problem as an error about `file`, named in the message, saying what qmsite reads.
    pub fn diagnostic(&self, file: impl Into<PathBuf>) -> Diagnostic {
        let file = file.into();
        let name = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut d = Diagnostic::in_file(Severity::Error, file.clone(), format!("{name} {}", self.message))
            .code(self.code)
            .expected(if std::ptr::eq(self.code, &codes::NOT_UTF8) {
                "a text file saved as UTF-8".to_owned()
            } else {
                format!("a readable UTF-8 text file of at most 8 MiB ({MAX_FILE_BYTES} bytes) without NUL bytes")
            });
        d.suggestion = self.help.clone();
        d.position = self.position;
        d
    }
}

/// Reads a text file, refusing what is too large, not UTF-8 or holds NUL bytes.
/// A leading UTF-8 byte-order mark is dropped.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        ReadError::whole(
            &codes::UNREADABLE,
            format!("cannot be read: {}", io_reason(&e)),
        )
    })?;
    if !meta.is_file() {
        return Err(ReadError::whole(
            &codes::UNREADABLE,
            "is not a regular file".to_owned(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::whole(
            &codes::FILE_TOO_LARGE,
            format!(
                "is {} bytes, larger than the {} bytes qmsite reads",
                meta.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        ReadError::whole(
            &codes::UNREADABLE,
            format!("cannot be read: {}", io_reason(&e)),
        )
    })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        // The file grew between the two looks.
        return Err(ReadError::whole(
            &codes::FILE_TOO_LARGE,
            format!("is larger than the {MAX_FILE_BYTES} bytes qmsite reads"),
        ));
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
            let saved_as = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
                "it is saved as UTF-16"
            } else {
                "it was probably saved as Windows-1252 or Latin-1"
            };
            return Err(ReadError {
                message: format!(
                    "is not saved as UTF-8 text: {saved_as} (the first byte UTF-8 does not allow is at line {line}, column {col})"
                ),
                position: Some(crate::diagnostics::Position { line, col }),
                code: &codes::NOT_UTF8,
                help: Some(
                    "open it in your editor and save it again with the encoding UTF-8 (qmsite explain E101 shows how in common editors)".to_owned(),
                ),
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
            code: &codes::BINARY_FILE,
            help: None,
        });
    }
    Ok(text.to_owned())
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}
