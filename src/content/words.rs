//! Saying shapes, values and fixes in words a quality manager reads without knowing TOML's or
//! Rust's vocabulary.

use toml::de::DeValue;

use super::shape::{Key, Kind, Shape};

/// What an id may be, for "expected" lines.
pub const ID_RULE: &str =
    "1 to 64 characters: letters, digits, '.', '-' or '_', starting with a letter or digit";

/// What an address may be, for "expected" lines.
pub const URL_RULE: &str = "an address starting with http:, https:, mailto: or tel:, or a path inside the published site such as pages/policy.pdf";

/// True when `s` is a usable id (see [`super::shape::ID_PATTERN`]).
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// True when `s` is an edition name (see [`super::shape::SLUG_PATTERN`]).
pub fn is_slug(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `s` made into an edition name, for the suggestion beside a name that is not one.
pub fn as_slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(40).collect();
    if out.is_empty() {
        "edition".to_owned()
    } else {
        out
    }
}

/// What an edition name may be, for messages.
pub const SLUG_RULE: &str = "an edition name of 1 to 40 small letters, digits or hyphens, starting with a letter or digit, e.g. \"stakeholders\"";

/// True when `s` is a colour written as `#rrggbb` (see [`super::shape::COLOUR_PATTERN`]).
pub fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// The kind of value a shape wants, with its article: "a number", "text in double quotes".
pub fn kind(kind: &Kind) -> &'static str {
    match kind {
        Kind::Text { .. } => "text in double quotes",
        Kind::Integer { .. } => "a whole number",
        Kind::Number { .. } => "a number",
        Kind::Boolean => "true or false",
        Kind::Date { .. } => "a date",
        Kind::List { items, .. } if matches!(items.kind, Kind::Table { .. }) => "a list of tables",
        Kind::List { .. } => "a list in square brackets",
        Kind::Table { .. } => "a table",
        Kind::Any => "a value",
    }
}

/// What was written instead, in words: `text ("3")`, `a number (2026)`.
pub fn found(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("text (\"{}\")", shorten(s)),
        DeValue::Integer(i) => format!("a whole number ({i})"),
        DeValue::Float(f) => format!("a number ({f})"),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("a date ({d})"),
        DeValue::Array(_) => "a list".to_owned(),
        DeValue::Table(_) => "a table".to_owned(),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(39).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// How a value of this kind is written for a key: `weight = 1.5`.
pub fn example(kind: &Kind, key: &str) -> String {
    let sample = match kind {
        Kind::Text { allowed, .. } if !allowed.is_empty() => format!("\"{}\"", allowed[0]),
        Kind::Text { .. } => "\"…\"".to_owned(),
        Kind::Integer { min, max } | Kind::Number { min, max } => {
            let sample = if min.is_none_or(|m| m <= 1.0) && max.is_none_or(|m| m >= 1.0) {
                1.0
            } else {
                min.or(*max).unwrap_or(1.0)
            };
            format!("{sample}")
        }
        Kind::Boolean => "true".to_owned(),
        Kind::Date { .. } => "2026-03-31".to_owned(),
        Kind::List { items, .. } if matches!(items.kind, Kind::Table { .. }) => {
            format!("[{}]", example_table(items))
        }
        Kind::List { items, .. } => match &items.kind {
            Kind::Text { allowed, .. } if !allowed.is_empty() => format!("[\"{}\"]", allowed[0]),
            Kind::Text { .. } => "[\"…\", \"…\"]".to_owned(),
            _ => "[1, 2]".to_owned(),
        },
        Kind::Table { .. } => format!("{{ … }}, or a [{key}] header"),
        Kind::Any => "…".to_owned(),
    };
    let what = match kind {
        Kind::Integer { min, max } if min.is_some() || max.is_some() => {
            number_range(*min, *max, true)
        }
        Kind::Number { min, max } if min.is_some() || max.is_some() => {
            number_range(*min, *max, false)
        }
        other => self::kind(other).to_owned(),
    };
    format!("{what}, such as {key} = {sample}")
}

/// An inline table with the required keys of a table shape (or its first keys): the form a
/// list of tables takes, e.g. `{ title = "…", url = "…" }`.
pub fn example_table(shape: &Shape) -> String {
    let Kind::Table { keys, .. } = &shape.kind else {
        return "{ … }".to_owned();
    };
    let mut shown: Vec<&Key> = keys.iter().filter(|k| k.required).collect();
    // Flags (`internal = true`) are seldom what an entry is about: texts and values first.
    let flag = |k: &&Key| matches!(k.shape.kind, Kind::Boolean);
    for k in keys
        .iter()
        .filter(|k| !flag(k))
        .chain(keys.iter().filter(flag))
    {
        if shown.len() >= 2 {
            break;
        }
        if !shown.contains(&k) {
            shown.push(k);
        }
    }
    let parts: Vec<String> = shown
        .iter()
        .map(|k| {
            let sample = match &k.shape.kind {
                Kind::Text { allowed, .. } if !allowed.is_empty() => format!("\"{}\"", allowed[0]),
                Kind::Text { .. } => "\"…\"".to_owned(),
                Kind::Date { .. } => "2026-03-31".to_owned(),
                Kind::Boolean => "true".to_owned(),
                Kind::Integer { .. } | Kind::Number { .. } => "1".to_owned(),
                _ => "…".to_owned(),
            };
            format!("{} = {sample}", k.name)
        })
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

/// The "expected" line of a missing key: what it is for and how it is written.
pub fn required(key: &Key) -> String {
    let what = key
        .shape
        .description
        .as_deref()
        .map(|d| format!(" ({})", d.trim_end_matches('.')))
        .unwrap_or_default();
    format!(
        "the required key `{}`{what}, written as {}",
        key.name,
        example(&key.shape.kind, &key.name)
            .split(", such as ")
            .nth(1)
            .unwrap_or("…")
    )
}

/// The "expected" line of a number with limits.
pub fn number_range(min: Option<f64>, max: Option<f64>, whole: bool) -> String {
    let what = if whole { "a whole number" } else { "a number" };
    let n = |x: f64| {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{}", x as i64)
        } else {
            format!("{x}")
        }
    };
    match (min, max) {
        (Some(a), Some(b)) => format!("{what} from {} to {}", n(a), n(b)),
        (Some(a), None) => format!("{what} of {} or more", n(a)),
        (None, Some(b)) => format!("{what} of {} or less", n(b)),
        (None, None) => format!(
            "an ordinary {}",
            if whole { "whole number" } else { "number" }
        ),
    }
}

/// Characters that show as nothing or as a space, which people paste in from web pages and
/// office documents, with their Unicode names.
pub const INVISIBLE: &[(char, &str)] = &[
    ('\u{00A0}', "NO-BREAK SPACE"),
    ('\u{00AD}', "SOFT HYPHEN"),
    ('\u{2007}', "FIGURE SPACE"),
    ('\u{2009}', "THIN SPACE"),
    ('\u{200A}', "HAIR SPACE"),
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{2028}', "LINE SEPARATOR"),
    ('\u{2029}', "PARAGRAPH SEPARATOR"),
    ('\u{202F}', "NARROW NO-BREAK SPACE"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{3000}', "IDEOGRAPHIC SPACE"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE (byte-order mark)"),
];

/// The first invisible character in `s`: its position (in characters, from 1), code point and
/// name.
pub fn invisible(s: &str) -> Option<(usize, char, &'static str)> {
    s.chars().enumerate().find_map(|(i, c)| {
        INVISIBLE
            .iter()
            .find(|(x, _)| *x == c)
            .map(|(x, name)| (i + 1, *x, *name))
    })
}

/// "It holds U+00A0 NO-BREAK SPACE at character 4: delete it", when `s` holds one.
pub fn invisible_help(s: &str) -> Option<String> {
    invisible(s).map(|(at, c, name)| {
        format!(
            "it holds an invisible character, U+{:04X} {name}, at character {at}: delete it",
            c as u32
        )
    })
}

/// The date a person meant by text such as `2026-12-31`, `31/12/2026`, `31.12.2026` or
/// `31. 12. 2026`, as YYYY-MM-DD; `None` when the text is not a date. Day-first is assumed for
/// `/` and `.`, as written in most of Europe, unless the first number cannot be a day.
pub fn date_from_text(s: &str) -> Option<String> {
    let t = s.trim();
    if let Ok(d) = t.parse::<jiff::civil::Date>() {
        return Some(d.to_string());
    }
    let parts: Vec<&str> = t
        .split(['/', '.', '-'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |x: &str| x.parse::<i16>().ok();
    let (a, b, c) = (num(a)?, num(b)?, num(c)?);
    let (year, month, day) = if a > 31 {
        (a, b, c)
    } else if a > 12 || b <= 12 {
        (c, b, a)
    } else {
        (c, a, b)
    };
    jiff::civil::Date::new(year, month as i8, day as i8)
        .ok()
        .filter(|_| (1000..=9999).contains(&year))
        .map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_the_way_people_write_them() {
        assert_eq!(date_from_text("2026-12-31").as_deref(), Some("2026-12-31"));
        assert_eq!(date_from_text("31/12/2026").as_deref(), Some("2026-12-31"));
        assert_eq!(date_from_text("31.12.2026").as_deref(), Some("2026-12-31"));
        assert_eq!(
            date_from_text("31. 12. 2026").as_deref(),
            Some("2026-12-31")
        );
        assert_eq!(date_from_text("12/31/2026").as_deref(), Some("2026-12-31"));
        assert_eq!(date_from_text("3.4.2026").as_deref(), Some("2026-04-03"));
        assert_eq!(date_from_text("2026/12/31").as_deref(), Some("2026-12-31"));
        assert_eq!(date_from_text("next week"), None);
        assert_eq!(date_from_text("31/02/2026"), None);
        assert_eq!(date_from_text("4800"), None);
    }

    #[test]
    fn invisible_characters_are_named_by_code_point() {
        assert_eq!(
            invisible_help("IMP\u{200B}001").as_deref(),
            Some(
                "it holds an invisible character, U+200B ZERO WIDTH SPACE, at character 4: delete it"
            )
        );
        assert_eq!(invisible_help("plain text"), None);
    }

    #[test]
    fn ranges_read_as_words() {
        assert_eq!(
            number_range(Some(0.0), Some(5.0), true),
            "a whole number from 0 to 5"
        );
        assert_eq!(
            number_range(Some(0.0), None, false),
            "a number of 0 or more"
        );
        assert_eq!(
            number_range(Some(0.0), Some(0.5), false),
            "a number from 0 to 0.5"
        );
    }
}
