//! TOML syntax errors in plain words, with specific advice for the mistakes people make: dates
//! written day first, typographic quotes from a word processor, a unit after a number, an
//! invisible character pasted from a web page, a table defined twice.

use std::ops::Range;

use super::shape::{Kind, Shape};
use super::words::{date_from_text, invisible};
use crate::diagnostics::{Code, Diagnostic, Severity, SourceFile, codes};

/// The diagnostic for one parser error at `span` (file coordinates) with the parser's message;
/// `shape` is what the file may hold, to tell a list of tables from a single table.
///
/// Long because one arm per kind of TOML syntax error, each with its own advice; a table of cases
/// reads best in one place.
pub fn problem(
    source: &SourceFile,
    span: Range<usize>,
    parser_message: &str,
    shape: &Shape,
) -> Diagnostic {
    let position = source.position(span.start);
    let line = source.line_text(position.line).unwrap_or("");
    let line_start = span.start - line_prefix_len(line, position.col);
    let (key, value) = split_assignment(line);
    let at = |code: &'static Code, span: Range<usize>, message: String| {
        Diagnostic::at(Severity::Error, source, span, message).code(code)
    };

    if let Some((col, c, name)) = invisible(line) {
        let offset = line_start
            + line
                .chars()
                .take(col - 1)
                .map(char::len_utf8)
                .sum::<usize>();
        return at(
            &codes::INVISIBLE_CHARACTER,
            offset..offset,
            format!(
                "this line holds an invisible character, U+{:04X} {name}, at column {col}",
                c as u32
            ),
        )
        .suggest("delete it, and type a plain space where one is needed")
        .expected("plain spaces between keys, `=` and values");
    }
    let key_name = key.unwrap_or("the value");
    if let Some(value) = value {
        if value.contains(['“', '”', '„', '‘', '’', '«', '»']) {
            let fixed: String = value
                .chars()
                .map(|c| match c {
                    '“' | '”' | '„' | '«' | '»' => '"',
                    '‘' | '’' => '\'',
                    other => other,
                })
                .collect();
            return at(
                &codes::TYPOGRAPHIC_QUOTES,
                span,
                format!(
                    "`{key_name}` is in typographic quotes, which TOML does not read as quotes"
                ),
            )
            .suggest(format!("write straight quotes: {key_name} = {fixed}"))
            .expected("text in straight double quotes \"…\"");
        }
        let bare = value.trim_matches(|c| c == '"' || c == '\'');
        if let Some(date) = date_from_text(bare).filter(|_| bare.contains(['/', '.'])) {
            return at(
                &codes::DATE_FORMAT,
                span,
                format!("`{key_name}` is a date written as {value}"),
            )
            .suggest(format!(
                "write dates as {key_name} = {date}: year first, without quotes"
            ))
            .expected("a date written as YYYY-MM-DD, without quotes");
        }
        if let Some((number, unit)) = number_and_unit(value) {
            let currency = unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase());
            return at(
                &codes::UNIT_AFTER_NUMBER,
                span,
                format!("`{key_name}` has \"{unit}\" after the number {number}"),
            )
            .suggest(format!("write the number alone: {key_name} = {number}"))
            .expected(if currency {
                format!("a number without a unit; the currency goes in currency = \"{unit}\"")
            } else {
                "a number without a unit, a percent sign or separators".to_owned()
            });
        }
    }
    let (what, expected) = parser_message
        .split_once(", expected ")
        .map_or((parser_message, None), |(w, e)| (w, Some(e)));
    match what {
        "duplicate key" => defined_twice(source, span, line, key, shape),
        "string values must be quoted" => at(
            &codes::UNQUOTED_TEXT,
            span,
            format!("`{key_name}` is text without quotes"),
        )
        .suggest(format!(
            "put it in double quotes: {key_name} = \"{}\"",
            value.unwrap_or("…").replace('"', "\\\"")
        ))
        .expected("text in double quotes, a number, true or false, a date, a list or a table"),
        w if w.starts_with("invalid date") || w.contains("between") => at(
            &codes::NO_SUCH_DATE,
            span,
            format!(
                "`{key_name}` {} is not a date that exists",
                value.unwrap_or("")
            ),
        )
        .expected(expected.map_or("a day of the calendar".to_owned(), |e| {
            format!("a {}", plain(e))
        })),
        w if w.contains("recursion") => at(
            &codes::TOO_DEEP,
            span,
            "lists or tables are nested too deeply".to_owned(),
        )
        .expected(
            "lists and tables nested a few levels deep at most, as in the documented file formats",
        ),
        w => {
            let d = at(&codes::TOML_SYNTAX, span, plain_message(w));
            match expected.map(plain).filter(|e| !e.is_empty()) {
                Some(e) => d.expected(e),
                None => d,
            }
        }
    }
}

/// Bytes of the line before the error's column.
fn line_prefix_len(line: &str, col: usize) -> usize {
    line.chars().take(col - 1).map(char::len_utf8).sum()
}

/// `key = value # comment` → (key, value), without the comment.
fn split_assignment(line: &str) -> (Option<&str>, Option<&str>) {
    let Some((k, v)) = line.split_once('=') else {
        return (None, None);
    };
    let key = k.trim().trim_matches('"');
    let v = v.trim();
    let v = match v.find(" #") {
        Some(i) if !v.starts_with(['"', '\'', '“', '„']) => v[..i].trim(),
        _ => v,
    };
    let key = (!key.is_empty() && !key.starts_with('[')).then_some(key);
    (key, (!v.is_empty()).then_some(v))
}

/// `4800 EUR` → ("4800", "EUR"); `2,5 %` → ("2.5", "%"); `4 800` → ("4800", …) is not a unit.
fn number_and_unit(value: &str) -> Option<(String, String)> {
    let end = value
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '_' | '+' | '-')))
        .map_or(value.len(), |(i, _)| i);
    let (number, rest) = value.split_at(end);
    let unit = rest.trim();
    if number.is_empty() || unit.is_empty() || !number.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let normal = number.replace(',', ".").replace('_', "");
    normal.parse::<f64>().ok()?;
    Some((normal, unit.to_owned()))
}

/// "duplicate key": a [table] header or a key given twice, named, with where it first was. A
/// name written both as [name] and as [[name]] is one mistake, reported at the [name] line.
fn defined_twice(
    source: &SourceFile,
    span: Range<usize>,
    line: &str,
    key: Option<&str>,
    shape: &Shape,
) -> Diagnostic {
    let header_name = |l: &str| -> Option<(String, bool)> {
        let t = l.trim();
        let double = t.starts_with("[[");
        let inner = t.strip_prefix('[')?;
        let inner = inner.strip_prefix('[').unwrap_or(inner);
        let name = inner.split(']').next()?.trim();
        (!name.is_empty()).then(|| (name.to_owned(), double))
    };
    let here = source.position(span.start).line;
    let Some((name, _)) = header_name(line) else {
        let name = key.unwrap_or("");
        let first = (1..here)
            .find(|n| split_assignment(source.line_text(*n).unwrap_or("").trim()).0 == Some(name))
            .map(|n| format!(" (first on line {n})"))
            .unwrap_or_default();
        return Diagnostic::at(
            Severity::Error,
            source,
            span,
            format!("the key `{name}` is set twice in the same table{first}"),
        )
        .code(&codes::DEFINED_TWICE)
        .suggest("keep one of the two")
        .expected("each key once per table");
    };
    let headers: Vec<(usize, bool)> = (1..=source.line_text_count())
        .filter_map(|n| {
            let (h, double) = header_name(source.line_text(n)?)?;
            (h == name).then_some((n, double))
        })
        .collect();
    let single = headers.iter().find(|(_, d)| !d).map(|(n, _)| *n);
    if let (Some(single), true) = (single, headers.iter().any(|(_, d)| *d)) {
        let at = source.line_start(single)
            + source
                .line_text(single)
                .map_or(0, |l| l.len() - l.trim_start().len());
        return Diagnostic::at(
            Severity::Error,
            source,
            at..at,
            format!("[{name}] on line {single} is a single table, but [[{name}]] elsewhere in the file makes `{name}` a list of tables"),
        )
        .code(&codes::DEFINED_TWICE)
        .suggest(format!("write [[{name}]], with double brackets, for every entry"))
        .expected(format!("[[{name}]] before each entry"));
    }
    let first = headers
        .iter()
        .map(|(n, _)| *n)
        .find(|n| *n < here)
        .map(|n| format!(" (first on line {n})"))
        .unwrap_or_default();
    let d = Diagnostic::at(
        Severity::Error,
        source,
        span,
        format!("the table [{name}] is defined twice{first}"),
    )
    .code(&codes::DEFINED_TWICE)
    .expected("each [table] header once per file");
    let path: Vec<&str> = name.split('.').map(str::trim).collect();
    match shape_at(shape, &path).map(|s| &s.kind) {
        Some(Kind::List { .. }) => d.suggest(format!(
            "there is to be more than one: write [[{name}]], with double brackets, before each entry"
        )),
        Some(_) => d.suggest(format!("[{name}] is one table: put its keys under one [{name}] header")),
        None => d.suggest(format!(
            "if there is to be more than one, write [[{name}]] with double brackets before each entry"
        )),
    }
}

/// The shape of the value at a dotted path of table names (through lists of tables).
fn shape_at<'a>(shape: &'a Shape, path: &[&str]) -> Option<&'a Shape> {
    let Some((first, rest)) = path.split_first() else {
        return Some(shape);
    };
    let table = match &shape.kind {
        Kind::List { items, .. } => items.as_ref(),
        _ => shape,
    };
    let Kind::Table { keys, .. } = &table.kind else {
        return None;
    };
    let key = keys.iter().find(|k| k.name == *first)?;
    shape_at(&key.shape, rest)
}

/// The parser's expectation in plain words.
fn plain(expected: &str) -> String {
    expected
        .replace("literal string", "text in single quotes")
        .replace("basic string", "text in double quotes")
        .replace("non-double-quote visible characters", "visible characters")
        .replace("non-single-quote visible characters", "visible characters")
        .replace("nothing", "")
        .trim_matches([',', ' '])
        .to_owned()
}

/// The parser's description of a problem in plain words.
fn plain_message(what: &str) -> String {
    match what {
        "invalid basic string" => "text in double quotes is not closed on this line".to_owned(),
        "invalid multi-line basic string" => {
            "text in triple double quotes is not closed".to_owned()
        }
        "missing escaped value" => {
            "a backslash in text in double quotes must start an escape such as \\n".to_owned()
        }
        "unclosed array table" => "the [[…]] header is not closed with ]]".to_owned(),
        "unclosed table" => "the […] header is not closed with ]".to_owned(),
        "unclosed array" => "the list is not closed with ]".to_owned(),
        "unclosed inline table" => "the table in braces is not closed with }".to_owned(),
        "key with no value" | "missing value for key" | "missing value" => {
            "the key has no value after =".to_owned()
        }
        "invalid unquoted key" => "a key may hold only letters, digits, '-' and '_'".to_owned(),
        other => plain(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_units_are_told_apart_from_numbers() {
        assert_eq!(
            number_and_unit("4800 EUR"),
            Some(("4800".to_owned(), "EUR".to_owned()))
        );
        assert_eq!(
            number_and_unit("2,5 %"),
            Some(("2.5".to_owned(), "%".to_owned()))
        );
        assert_eq!(number_and_unit("4800"), None);
        assert_eq!(number_and_unit("\"text\""), None);
    }

    #[test]
    fn assignments_are_split_without_comments() {
        assert_eq!(
            split_assignment("date = 31/12/2026 # when"),
            (Some("date"), Some("31/12/2026"))
        );
        assert_eq!(split_assignment("[rating]"), (None, None));
    }
}
