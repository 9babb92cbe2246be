//! Diagnostics as JSON, one object per line, for continuous integration and editors
//! (`--format json`).

use super::{Diagnostic, Severity};

/// One diagnostic as a single line of JSON: file, line, column, severity, code, message,
/// expected and suggestion (`null` where there is none).
pub fn line(d: &Diagnostic) -> String {
    let value = serde_json::json!({
        "file": d.file.to_string_lossy(),
        "line": d.position.map(|p| p.line),
        "column": d.position.map(|p| p.col),
        "severity": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        },
        "code": d.code.map(|c| c.id),
        "message": d.message,
        "expected": d.expected,
        "suggestion": d.suggestion,
    });
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{SourceFile, codes};

    #[test]
    fn every_field_is_written() {
        let src = SourceFile::new("content/x.toml", "status = \"in progress\"\n".to_owned());
        let d = Diagnostic::at(Severity::Error, &src, 9..22, "unknown status")
            .code(&codes::NOT_ALLOWED)
            .suggest("did you mean \"in-progress\"?")
            .expected("one of \"proposed\"");
        let v: serde_json::Value = serde_json::from_str(&line(&d)).expect("json");
        assert_eq!(v["file"], "content/x.toml");
        assert_eq!(v["line"], 1);
        assert_eq!(v["column"], 10);
        assert_eq!(v["severity"], "error");
        assert_eq!(v["code"], "E304");
        assert_eq!(v["message"], "unknown status");
        assert_eq!(v["expected"], "one of \"proposed\"");
        assert_eq!(v["suggestion"], "did you mean \"in-progress\"?");
        let bare = Diagnostic::in_file(Severity::Warning, "content", "x");
        let v: serde_json::Value = serde_json::from_str(&line(&bare)).expect("json");
        assert!(v["line"].is_null() && v["code"].is_null() && v["suggestion"].is_null());
    }
}
