//! Parsing TOML into the typed file models, with serde's messages said in plain words.

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostics, SourceFile};

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
