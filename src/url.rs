//! Addresses written by authors: which a reader's browser may follow, and how a browser reads
//! them (the scheme it finds, what it ignores, `%XX` escapes).

use std::borrow::Cow;

/// URL schemes a reader's browser may follow from a page: none of them can run a script.
/// Narratives (through the sanitiser) and evidence addresses accept exactly these.
pub const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// What an address written by an author is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlKind {
    /// Nothing (or only spaces).
    Empty,
    /// An address with an allowed scheme, an absolute path or a protocol-relative address:
    /// left as written and not checked.
    External,
    /// An address with a scheme that is not allowed (`javascript:`, `data:`, `vbscript:`, …);
    /// holds the scheme in lower case.
    Refused(String),
    /// A path relative to something inside the site; checked against the build.
    Relative,
}

/// The scheme of an address the way a browser's URL parser finds it: leading and trailing
/// control characters and spaces are dropped and tabs and line breaks anywhere are ignored, so
/// `" java\tscript:x"` has the scheme `javascript`.
pub fn scheme_of(url: &str) -> Option<String> {
    scheme_in(&clean(url)).map(str::to_ascii_lowercase)
}

/// The scheme of an address already cleaned, as written (not lower-cased).
fn scheme_in(cleaned: &str) -> Option<&str> {
    let candidate = &cleaned[..cleaned.find(':')?];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(candidate)
}

/// The address without what a browser ignores. Borrowed when there is nothing to drop, as for
/// nearly every address a build meets.
pub fn clean(url: &str) -> Cow<'_, str> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    if trimmed.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        Cow::Owned(
            trimmed
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect(),
        )
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// Classifies an address written by an author.
pub fn classify(url: &str) -> UrlKind {
    let cleaned = clean(url);
    if cleaned.is_empty() {
        return UrlKind::Empty;
    }
    match scheme_in(&cleaned) {
        Some(s) if ALLOWED_SCHEMES.iter().any(|a| a.eq_ignore_ascii_case(s)) => UrlKind::External,
        Some(s) => UrlKind::Refused(s.to_ascii_lowercase()),
        None if cleaned.starts_with('/') || cleaned.starts_with('\\') => UrlKind::External,
        None => UrlKind::Relative,
    }
}

/// Decodes `%XX` escapes the way a browser reads a link: an invalid escape is kept as written and
/// bytes that are not UTF-8 become replacement characters.
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    match decode(s, false) {
        Some(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
        None => Cow::Borrowed(s),
    }
}

/// Decodes `%XX` escapes the way a server must read a request: `None` for an invalid escape or
/// bytes that are not UTF-8, so that nothing ambiguous reaches a file lookup.
pub fn percent_decode_strict(s: &str) -> Option<String> {
    String::from_utf8(decode(s, true)?).ok()
}

/// The bytes `s` stands for; with `strict`, `None` at the first invalid escape.
fn decode(s: &str, strict: bool) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            match s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                None if strict => return None,
                None => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_found_the_way_browsers_find_them() {
        assert_eq!(
            classify("javascript:alert(1)"),
            UrlKind::Refused("javascript".into())
        );
        assert_eq!(
            classify(" JaVa\tScRipt:x"),
            UrlKind::Refused("javascript".into())
        );
        assert_eq!(
            classify("\u{1}vbscript:x"),
            UrlKind::Refused("vbscript".into())
        );
        assert_eq!(
            classify("data:text/html,x"),
            UrlKind::Refused("data".into())
        );
        assert_eq!(classify("C:\\docs\\a.pdf"), UrlKind::Refused("c".into()));
        assert_eq!(classify("https://intranet/x"), UrlKind::External);
        assert_eq!(classify("MAILTO:qm@example.org"), UrlKind::External);
        assert_eq!(classify("/abs/path"), UrlKind::External);
        assert_eq!(classify("//host/x"), UrlKind::External);
        assert_eq!(classify("pages/a.pdf"), UrlKind::Relative);
        assert_eq!(classify("a/b:c"), UrlKind::Relative);
        assert_eq!(classify("javascript&colon;x"), UrlKind::Relative);
        assert_eq!(classify("  "), UrlKind::Empty);
    }

    #[test]
    fn addresses_are_cleaned_only_when_a_browser_would_drop_something() {
        assert!(matches!(clean("a.html#b"), Cow::Borrowed("a.html#b")));
        assert!(matches!(clean(" a.html "), Cow::Borrowed("a.html")));
        assert_eq!(clean("\u{1}ja\nva\tscript:x "), "javascript:x");
        assert_eq!(
            classify("JavaScript:x"),
            UrlKind::Refused("javascript".into())
        );
        assert_eq!(classify("HTTPS://intranet/x"), UrlKind::External);
        assert_eq!(classify(" \t "), UrlKind::Empty);
        assert!(matches!(percent_decode("a%20b"), Cow::Owned(s) if s == "a b"));
        assert!(matches!(percent_decode("ab"), Cow::Borrowed("ab")));
    }

    #[test]
    fn requests_are_decoded_strictly_and_links_leniently() {
        assert_eq!(percent_decode_strict("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode_strict("a%2"), None);
        assert_eq!(percent_decode_strict("%zz"), None);
        assert_eq!(percent_decode_strict("%ff"), None, "not UTF-8");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%ff"), "\u{fffd}");
    }
}
