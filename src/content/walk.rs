//! Checks a parsed TOML document against the [`Shape`] of its file kind, key by key, and
//! reports every problem in plain words with its place. Nothing stops at the first problem.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::shape::{Key, Kind, Rule, Shape, YEARS};
use super::words;
use crate::diagnostics::{Code, Diagnostic, Severity, SourceFile, codes, nearest, one_of_near};

/// What a check of one document found.
#[derive(Default)]
pub struct Findings {
    /// Every problem, in document order.
    pub problems: Vec<Diagnostic>,
}

/// Walks a document.
pub struct Walker<'a> {
    /// The file, for positions.
    pub source: &'a SourceFile,
    /// Where the document starts in the file (front matter starts after `+++`).
    pub offset: usize,
    /// Places the parser already reported: values there are not checked again.
    pub skip: &'a [Range<usize>],
    /// What was found.
    pub findings: Findings,
}

impl Walker<'_> {
    /// Checks the whole document against the shape of its file kind.
    pub fn document(&mut self, root: &Spanned<DeTable<'_>>, shape: &Shape) {
        self.table(root.get_ref(), root.span(), shape, None);
    }

    fn span(&self, r: Range<usize>) -> Range<usize> {
        r.start + self.offset..r.end + self.offset
    }

    fn text(&self, r: &Range<usize>) -> &str {
        self.source.text.get(self.span(r.clone())).unwrap_or("")
    }

    fn skipped(&self, r: &Range<usize>) -> bool {
        self.skip
            .iter()
            .any(|s| s.start < r.end.max(r.start + 1) && r.start < s.end.max(s.start + 1))
    }

    fn report(
        &mut self,
        code: &'static Code,
        at: Range<usize>,
        message: String,
    ) -> &mut Diagnostic {
        let d = Diagnostic::at(Severity::Error, self.source, self.span(at), message).code(code);
        self.findings.problems.push(d);
        let last = self.findings.problems.len() - 1;
        &mut self.findings.problems[last]
    }

    /// A table: unknown keys, missing keys, then each value.
    fn table(&mut self, t: &DeTable<'_>, at: Range<usize>, shape: &Shape, name: Option<&str>) {
        let Kind::Table { keys, others } = &shape.kind else {
            return;
        };
        let within = name.map(|n| format!(" in [{n}]")).unwrap_or_default();
        for (key, value) in t.iter() {
            let k = key.get_ref().as_ref();
            if self.skipped(&key.span()) {
                continue;
            }
            match (keys.iter().find(|x| x.name == k), others) {
                (Some(known), _) => {
                    if known.required
                        && let DeValue::String(s) = value.get_ref()
                        && s.trim().is_empty()
                        && matches!(&known.shape.kind, Kind::Text { allowed, .. } if allowed.is_empty())
                    {
                        self.empty_required(value.span(), known);
                    }
                    self.value(value, &known.shape, k)
                }
                (None, Some(other)) => self.value(value, other, k),
                (None, None) => self.unknown_key(k, key.span(), keys, &within),
            }
        }
        if !self.skip.is_empty() {
            // A document with syntax errors may have lost keys to them: do not call them missing.
            return;
        }
        for key in keys.iter().filter(|k| k.required) {
            if !t.iter().any(|(k, _)| k.get_ref().as_ref() == key.name) {
                let at = at.start..at.start;
                let d = self.report(
                    &codes::MISSING_KEY,
                    at,
                    format!("missing key `{}`{within}", key.name),
                );
                d.expected = Some(words::required(key));
            }
        }
    }

    /// A required text left empty: the file reads, but a reader misses what it should say.
    fn empty_required(&mut self, at: Range<usize>, key: &Key) {
        let what = key
            .shape
            .description
            .as_deref()
            .map(|d| format!(": {}", d.trim_end_matches('.').to_lowercase()))
            .unwrap_or_default();
        let d = Diagnostic::at(
            Severity::Warning,
            self.source,
            self.span(at),
            format!("`{}` is empty{what}", key.name),
        )
        .code(&codes::EMPTY_REQUIRED)
        .expected(format!("{} = \"…\", filled in", key.name));
        self.findings.problems.push(d);
    }

    fn unknown_key(&mut self, k: &str, at: Range<usize>, keys: &[Key], within: &str) {
        let names: Vec<&str> = keys.iter().map(|x| x.name.as_str()).collect();
        let d = self.report(
            &codes::UNKNOWN_KEY,
            at,
            format!("unknown key `{k}`{within}"),
        );
        if let Some(n) = nearest(k, &names) {
            d.suggestion = Some(format!("did you mean `{n}`?"));
        }
        d.expected = Some(if names.is_empty() {
            "no keys here".to_owned()
        } else {
            format!(
                "one of the keys {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
    }

    /// One value against its shape.
    ///
    /// Long because one arm per kind of value a shape allows, each a few lines; a table of cases reads
    /// best in one place.
    fn value(&mut self, v: &Spanned<DeValue<'_>>, shape: &Shape, key: &str) {
        let at = v.span();
        if self.skipped(&at) {
            return;
        }
        match (&shape.kind, v.get_ref()) {
            (Kind::Any, _) => {}
            (
                Kind::Text {
                    allowed,
                    rule,
                    min_len,
                },
                DeValue::String(s),
            ) => self.text_value(s, at, allowed, *rule, *min_len, key),
            (Kind::Integer { min, max }, DeValue::Integer(i)) => {
                let n = i64::from_str_radix(i.as_str(), i.radix()).ok();
                self.range(
                    n.map(|n| n as f64),
                    i.to_string(),
                    at,
                    *min,
                    *max,
                    key,
                    true,
                );
            }
            (Kind::Number { min, max }, DeValue::Integer(i)) => {
                let n = i64::from_str_radix(i.as_str(), i.radix()).ok();
                self.range(
                    n.map(|n| n as f64),
                    i.to_string(),
                    at,
                    *min,
                    *max,
                    key,
                    false,
                );
            }
            (Kind::Number { min, max }, DeValue::Float(f)) => {
                let n: Option<f64> = f.as_str().replace('_', "").parse().ok();
                if n.is_some_and(|n| !n.is_finite()) {
                    let d = self.report(
                        &codes::NOT_FINITE,
                        at,
                        format!("`{key}` is {}, which is not a finite number", f.as_str()),
                    );
                    d.expected = Some(words::number_range(*min, *max, false));
                } else {
                    self.range(n, f.as_str().to_owned(), at, *min, *max, key, false);
                }
            }
            (Kind::Boolean, DeValue::Boolean(_)) => {}
            (Kind::Date { rule }, DeValue::Datetime(d)) => self.date(d, at, *rule, key),
            (Kind::List { items, min_items }, DeValue::Array(list)) => {
                self.list(list, at, items, *min_items, key)
            }
            (Kind::Table { .. }, DeValue::Table(t)) => {
                if self.text(&at).starts_with("[[") {
                    self.array_for_table(at, key);
                } else {
                    self.table(t, at, shape, Some(key));
                }
            }
            (Kind::Table { .. }, DeValue::Array(_)) if self.text(&at).starts_with("[[") => {
                self.array_for_table(at, key)
            }
            (Kind::List { items, .. }, DeValue::Table(_))
                if matches!(items.kind, Kind::Table { .. }) =>
            {
                let inline = self.text(&at).starts_with('{');
                let d = self.report(
                    &codes::TABLE_OR_LIST,
                    at,
                    format!("`{key}` is a single table, but it holds a list of tables"),
                );
                d.suggestion = Some(if inline {
                    format!("put the table in a list: {key} = [{{ … }}]")
                } else {
                    format!("write [[{key}]], with double brackets, at the start of each entry")
                });
                d.expected = Some(format!("[[{key}]] once for each entry"));
            }
            (_, found) => self.wrong_type(found, at, shape, key),
        }
    }

    fn array_for_table(&mut self, at: Range<usize>, key: &str) {
        let d = self.report(
            &codes::TABLE_OR_LIST,
            at,
            format!("[[{key}]] starts a list, but `{key}` is a single table"),
        );
        d.suggestion = Some(format!("write [{key}], with single brackets, once"));
        d.expected = Some(format!("one [{key}] table"));
    }

    fn list(
        &mut self,
        list: &[Spanned<DeValue<'_>>],
        at: Range<usize>,
        items: &Shape,
        min_items: u64,
        key: &str,
    ) {
        let wants_tables = matches!(items.kind, Kind::Table { .. });
        let plain = list
            .iter()
            .find(|v| !matches!(v.get_ref(), DeValue::Table(_)));
        if wants_tables && let Some(first) = plain {
            let d = self.report(
                &codes::LIST_OF_TABLES,
                first.span(),
                format!("`{key}` holds plain values, but each entry must be a table"),
            );
            d.suggestion = Some(format!("write {key} = [{}]", words::example_table(items)));
            d.expected = Some(format!(
                "a list of tables, such as {key} = [{}]",
                words::example_table(items)
            ));
            return;
        }
        for v in list {
            match v.get_ref() {
                // An entry of a list of tables ([[key]] or { … }): check it as a table.
                DeValue::Table(t) if wants_tables => {
                    if !self.skipped(&v.span()) {
                        self.table(t, v.span(), items, Some(key));
                    }
                }
                _ => self.value(v, items, key),
            }
        }
        if (list.len() as u64) < min_items {
            let d = self.report(
                &codes::TOO_FEW,
                at,
                format!(
                    "`{key}` has {} {}, and at least {min_items} are needed",
                    list.len(),
                    if list.len() == 1 { "entry" } else { "entries" }
                ),
            );
            d.expected = Some(format!("at least {min_items} entries"));
        }
    }

    fn text_value(
        &mut self,
        s: &str,
        at: Range<usize>,
        allowed: &[String],
        rule: Option<Rule>,
        min_len: Option<u64>,
        key: &str,
    ) {
        if !allowed.is_empty() && !allowed.iter().any(|a| a == s) {
            let d = self.report(
                &codes::NOT_ALLOWED,
                at,
                format!("`{key}` is \"{s}\", which is not an allowed value"),
            );
            d.suggestion = nearest(s, allowed)
                .map(|n| format!("did you mean \"{n}\"?"))
                .or_else(|| words::invisible_help(s));
            d.expected = Some(one_of_near(s, allowed));
            return;
        }
        if min_len.is_some_and(|m| (s.trim().chars().count() as u64) < m) {
            let d = self.report(&codes::EMPTY_TEXT, at.clone(), format!("`{key}` is empty"));
            d.expected = Some("some text".to_owned());
        }
        match rule {
            Some(Rule::Id) if !words::is_id(s) => {
                let d = self.report(
                    &codes::INVALID_ID,
                    at,
                    format!("{key} \"{s}\" is not a valid id"),
                );
                d.suggestion = words::invisible_help(s);
                d.expected = Some(words::ID_RULE.to_owned());
            }
            Some(Rule::Slug) if !words::is_slug(s) => {
                let d = self.report(
                    &codes::EDITION,
                    at,
                    format!("{key} \"{s}\" cannot name an edition"),
                );
                d.suggestion = Some(format!("write it as \"{}\"", words::as_slug(s)));
                d.expected = Some(words::SLUG_RULE.to_owned());
            }
            Some(Rule::Colour) if !words::is_colour(s) => {
                let d = self.report(
                    &codes::BAD_CONFIG,
                    at,
                    format!("{key} \"{s}\" is not a colour written as #rrggbb"),
                );
                d.expected = Some(
                    "a colour written as # and six hexadecimal digits, e.g. \"#1f4e79\"".to_owned(),
                );
            }
            Some(Rule::Url) => {
                if let crate::url::UrlKind::Refused(scheme) = crate::url::classify(s) {
                    let d = self.report(
                        &codes::UNSAFE_URL,
                        at,
                        format!("{key} \"{s}\" uses the \"{scheme}:\" scheme, which readers' browsers must not follow"),
                    );
                    d.expected = Some(words::URL_RULE.to_owned());
                }
            }
            _ => {}
        }
    }

    fn date(&mut self, d: &toml::value::Datetime, at: Range<usize>, rule: Option<Rule>, key: &str) {
        let Some(day) = d.date else {
            let r = self.report(
                &codes::DATE_FORMAT,
                at,
                format!("`{key}` is a time of day ({d}), not a date"),
            );
            r.expected = Some(format!(
                "a date written as YYYY-MM-DD, e.g. {key} = 2026-03-31"
            ));
            return;
        };
        if d.time.is_some() || d.offset.is_some() {
            let r = self.report(
                &codes::DATE_WITH_TIME,
                at,
                format!("`{key}` must be a date without a time: {d}"),
            );
            r.suggestion = Some(format!("write {key} = {day}"));
            r.expected = Some(format!(
                "a date written as YYYY-MM-DD, e.g. {key} = 2026-03-31"
            ));
            return;
        }
        if rule == Some(Rule::Date) && !i16::try_from(day.year).is_ok_and(|y| YEARS.contains(&y)) {
            let r = self.report(
                &codes::YEAR_OUT_OF_RANGE,
                at,
                format!(
                    "`{key}` {day} is outside the years {} to {}",
                    YEARS.start(),
                    YEARS.end()
                ),
            );
            r.expected = Some(format!(
                "a date from {}-01-01 to {}-12-31",
                YEARS.start(),
                YEARS.end()
            ));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn range(
        &mut self,
        n: Option<f64>,
        written: String,
        at: Range<usize>,
        min: Option<f64>,
        max: Option<f64>,
        key: &str,
        whole: bool,
    ) {
        let inside = n.is_some_and(|n| min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m));
        if !inside {
            let d = self.report(
                &codes::OUT_OF_RANGE,
                at,
                format!("`{key}` is {written}, outside its range"),
            );
            d.expected = Some(words::number_range(min, max, whole));
        }
    }

    fn wrong_type(&mut self, found: &DeValue<'_>, at: Range<usize>, shape: &Shape, key: &str) {
        let wanted = words::kind(&shape.kind);
        // A date in quotes, or written day first: say how dates are written.
        if let (Kind::Date { .. }, DeValue::String(s)) = (&shape.kind, found) {
            let d = self.report(
                &codes::DATE_FORMAT,
                at,
                format!("`{key}` is a date written as text in quotes"),
            );
            d.suggestion = Some(match words::date_from_text(s) {
                Some(date) if date == s.trim() => format!("remove the quotes: {key} = {date}"),
                Some(date) => format!("write {key} = {date}, year first and without quotes"),
                None => format!("write the date as {key} = 2026-12-31, without quotes"),
            });
            d.expected = Some("a date written as YYYY-MM-DD, without quotes".to_owned());
            return;
        }
        let d = self.report(
            &codes::WRONG_TYPE,
            at,
            format!("`{key}` must be {wanted}, not {}", words::found(found)),
        );
        if let DeValue::String(s) = found
            && matches!(shape.kind, Kind::Number { .. } | Kind::Integer { .. })
            && s.trim().parse::<f64>().is_ok()
        {
            d.suggestion = Some(format!("remove the quotes: {key} = {}", s.trim()));
        }
        if matches!(shape.kind, Kind::Text { .. })
            && matches!(
                found,
                DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_)
            )
        {
            d.suggestion = Some("put the value in double quotes".to_owned());
        }
        d.expected = Some(words::example(&shape.kind, key));
    }
}
