//! Reading a file of the site as text, safely: size, encoding and NUL bytes are checked first.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity, SourceFile};

/// Largest content file qmsite reads; anything bigger is certainly a mistake.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

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

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}
