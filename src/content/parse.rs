//! Parsing TOML into the typed file models, reporting every problem of a file at once.
//!
//! A file is parsed with spans into a TOML document (the `toml` crate's `DeTable`, the same
//! parser serde uses, which also recovers after a syntax error and goes on), every syntax error
//! is said in plain words, then the document is checked key by key against the shape of its
//! file kind (see [`super::shape`], derived from the model). Only a document with no problem
//! that breaks its shape is then read into the model with serde.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use toml::de::DeTable;

use super::walk::Walker;
use super::{shape, syntax};
use crate::diagnostics::{Diagnostics, SourceFile, codes};

/// Everything a model read from TOML must be: deserialisable and described by a schema.
pub trait Model: DeserializeOwned + JsonSchema + 'static {}
impl<T: DeserializeOwned + JsonSchema + 'static> Model for T {}

/// Parses a whole source file as TOML into `T`, reporting every problem with its place.
pub fn parse_toml<T: Model>(source: &SourceFile, diags: &mut Diagnostics) -> Option<T> {
    parse_toml_part(source, 0..source.text.len(), diags)
}

/// Parses part of a source file (front matter) as TOML; places are reported in file
/// coordinates. Returns the model when the part can be read into it, even if some values broke
/// a limit (a range, an id rule): those are in `diags`, and later checks still run.
pub fn parse_toml_part<T: Model>(
    source: &SourceFile,
    range: std::ops::Range<usize>,
    diags: &mut Diagnostics,
) -> Option<T> {
    let text = source.text.get(range.clone()).unwrap_or("");
    let offset = range.start;
    let (document, errors) = DeTable::parse_recoverable(text);
    let mut skip = Vec::with_capacity(errors.len());
    let shape = shape::of::<T>();
    let mut said: Vec<crate::diagnostics::Diagnostic> = Vec::new();
    for e in &errors {
        let span = e.span().unwrap_or(0..0);
        let d = syntax::problem(
            source,
            span.start + offset..span.end + offset,
            e.message(),
            &shape,
        );
        // One mistake can trip the parser twice (a name as [x] and as [[x]]): say it once.
        if !said.contains(&d) {
            said.push(d);
        }
        skip.push(span);
    }
    for d in said {
        diags.push(d);
    }
    let mut walker = Walker {
        source,
        offset,
        skip: &skip,
        findings: Default::default(),
    };
    walker.document(&document, &shape);
    let found_errors = walker
        .findings
        .problems
        .iter()
        .any(|d| d.severity == crate::diagnostics::Severity::Error);
    for d in walker.findings.problems {
        diags.push(d);
    }
    if !errors.is_empty() {
        return None;
    }
    // A value the model takes as it is (a clause number, an id) may break a rule and still be
    // read, so checks across files go on; a value of the wrong kind cannot be, and was said.
    match T::deserialize(toml::de::Deserializer::from(document)) {
        Ok(v) => Some(v),
        Err(_) if found_errors => None,
        Err(e) => {
            // The shape check should have caught this; say it in words all the same.
            let span = e
                .span()
                .map_or(offset..offset, |s| s.start + offset..s.end + offset);
            diags.error_at(
                &codes::WRONG_TYPE,
                source,
                span,
                format!("this value cannot be read: {}", plain_serde(e.message())),
                None,
            );
            None
        }
    }
}

/// serde's message with its vocabulary replaced, for the rare error the shape check misses.
fn plain_serde(message: &str) -> String {
    message
        .replace("invalid type: ", "")
        .replace("unknown variant", "unknown value")
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
        .replace("a sequence", "a list")
        .replace("sequence", "list")
        .replace("a map", "a table")
        .replace("struct ", "table ")
        .replace("map", "table")
        .replace("variant", "value")
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
}
