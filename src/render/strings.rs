//! The UI string table of the theme's language.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::iso::Clause;
use crate::render::format::Formats;

/// The theme's words by key (its `i18n/<language>.toml`), with the way its language writes
/// figures, so that every sentence that holds a number writes it as the reader expects.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Strings(
    pub BTreeMap<String, String>,
    #[serde(skip)]
    #[schemars(skip)]
    pub &'static Formats,
);

impl Default for Strings {
    fn default() -> Strings {
        Strings(BTreeMap::new(), Formats::english())
    }
}

impl Strings {
    /// The words of a table and the formats of its language.
    pub fn new(words: BTreeMap<String, String>, language: &str) -> Strings {
        Strings(words, Formats::of(language))
    }

    /// How this table's language writes figures and dates.
    pub fn formats(&self) -> &'static Formats {
        self.1
    }

    /// A date as this language writes it on pages (`2026-03-27`, `27. 3. 2026`, `27.03.2026`).
    pub fn date(&self, d: jiff::civil::Date) -> String {
        self.1.date(d)
    }

    /// A figure with one decimal in this language, or `none` when it is missing.
    pub fn figure(&self, v: Option<f64>, none: &str) -> String {
        v.map_or_else(|| none.to_owned(), |v| self.1.one_decimal(v))
    }

    /// The text for a key, or the key itself in brackets when the table lacks it.
    pub fn get(&self, key: &str) -> String {
        self.0
            .get(key)
            .cloned()
            .unwrap_or_else(|| format!("[{key}]"))
    }

    /// The built-in English table, read once: for what stays English whatever the site's language
    /// (the JSON export, the terminal's comparisons) and for tests that hold other languages
    /// against it. Empty only if the built-in table did not parse, which its own test rules out.
    pub fn english() -> &'static Strings {
        static ENGLISH: OnceLock<Strings> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            Strings::new(
                crate::theme::strings_for("en")
                    .and_then(|text| toml::from_str(text).ok())
                    .unwrap_or_default(),
                "en",
            )
        })
    }

    /// The title of an ISO/IEC 20000-1 clause in this table's language. A site's own table that
    /// lacks the key still shows a title: the catalogue's English one.
    pub fn clause_title(&self, clause: &Clause) -> String {
        self.0
            .get(&clause.key())
            .cloned()
            .unwrap_or_else(|| clause.title.to_owned())
    }

    /// A change rounded to one decimal with its sign and unit, as the table writes a rise, a fall
    /// and no change (`+1.5 pts`, `−0.3 pts`, `±0.0 pts`, the unit after a no-break space);
    /// empty when there is no change to show.
    pub fn signed(&self, change: Option<f64>) -> String {
        let Some(v) = change.map(crate::render::charts::round1) else {
            return String::new();
        };
        let key = if v > 0.0 {
            "delta_up"
        } else if v < 0.0 {
            "delta_down"
        } else {
            "delta_flat"
        };
        self.fill(key, &[("delta", &self.1.one_decimal(v.abs()))])
    }

    /// What follows a figure to give its unit, as the language writes it: a percent sign as the
    /// `percent` pattern places it (`57.8%` in English, `57,8 %` in Czech and German), any other
    /// unit after a no-break space (`57.8 pts`), so that a figure never wraps from its unit.
    pub fn after_figure(&self, unit: &str) -> String {
        match unit {
            "" => String::new(),
            "%" => self.fill("percent", &[("value", "")]),
            other => format!("\u{a0}{other}"),
        }
    }

    /// An amount of money with its currency where the language puts it (`EUR 5,600`,
    /// `5 600 EUR`), thousands grouped; the amount alone when the currency is not known.
    pub fn money(&self, v: f64, decimals: usize, currency: &str) -> String {
        let amount = self.1.grouped(v, decimals);
        if currency.is_empty() {
            return amount;
        }
        self.fill("money", &[("amount", &amount), ("currency", currency)])
    }

    /// A span of two amounts with the currency written once (`EUR 4,950 – 6,250`).
    pub fn money_range(&self, low: f64, high: f64, decimals: usize, currency: &str) -> String {
        let (low, high) = (
            self.1.grouped(low, decimals),
            self.1.grouped(high, decimals),
        );
        if currency.is_empty() {
            return format!("{low} – {high}");
        }
        self.fill(
            "money_range",
            &[("low", &low), ("high", &high), ("currency", currency)],
        )
    }

    /// A percentage as the language writes it (`3.7%`, `3,7 %`).
    pub fn percent(&self, v: f64, decimals: usize) -> String {
        self.fill("percent", &[("value", &self.1.number(v, decimals))])
    }

    /// A span of two percentages with the sign written once (`3.3–4.1%`, `3,3–4,1 %`).
    pub fn percent_range(&self, low: f64, high: f64, decimals: usize) -> String {
        self.fill(
            "percent_range",
            &[
                ("low", &self.1.number(low, decimals)),
                ("high", &self.1.number(high, decimals)),
            ],
        )
    }

    /// The earliest year of a comparison group in words ("since 2022").
    pub fn since_year(&self, year: i64) -> String {
        self.fill("benchmark_since", &[("year", &year.to_string())])
    }

    /// The text for a key with each `{name}` replaced by its value, so that a sentence keeps
    /// the word order of its language.
    /// Values are placed in one pass, so a value that itself holds `{name}` stays as it is.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill_text(&self.get(key), values)
    }

    /// The text for a key that counts something, in the form the language gives `count`.
    /// The table writes each form after its CLDR plural category, separated by `|`:
    /// `one: every month | other: every {count} months` (Czech adds a `few:` form for 2 to 4).
    /// A form the table lacks falls back to `other`, and a text without categories is its only
    /// form. `{count}` is the count in the language's notation; `values` fill the other places.
    pub fn plural(&self, key: &str, count: i64, values: &[(&str, &str)]) -> String {
        let text = self.get(key);
        let forms = plural_forms(&text);
        let wanted = self.1.plural_category(count);
        let form = forms
            .iter()
            .find(|(category, _)| *category == wanted)
            .or_else(|| forms.iter().find(|(category, _)| *category == "other"))
            .map_or(text.as_str(), |(_, form)| form);
        let shown = self.1.count(count);
        let mut all = vec![("count", shown.as_str())];
        all.extend_from_slice(values);
        fill_text(form, &all)
    }
}

/// The CLDR plural categories a string table may name.
const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The forms of a counted text (`one: … | other: …`) by category; empty when the text is not
/// written that way (then it is the only form).
fn plural_forms(text: &str) -> Vec<(&str, &str)> {
    let forms: Option<Vec<(&str, &str)>> = text
        .split('|')
        .map(|part| {
            let (category, form) = part.trim().split_once(':')?;
            let category = category.trim();
            PLURAL_CATEGORIES
                .contains(&category)
                .then_some((category, form.trim()))
        })
        .collect();
    forms.unwrap_or_default()
}

/// `text` with each `{name}` replaced by its value, in one pass (see [`Strings::fill`]).
fn fill_text(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_signs_a_change_and_titles_every_clause() {
        let en = Strings::english();
        assert_eq!(en.signed(Some(1.46)), "+1.5\u{a0}pts");
        assert_eq!(en.signed(Some(-0.34)), "−0.3\u{a0}pts");
        assert_eq!(en.signed(Some(0.04)), "±0.0\u{a0}pts");
        assert_eq!(en.signed(Some(-0.04)), "±0.0\u{a0}pts");
        assert_eq!(en.signed(None), "");
        assert_eq!(en.since_year(2024), "since 2024");
        assert_eq!(en.after_figure("%"), "%");
        assert_eq!(en.after_figure("pts"), "\u{a0}pts");
        assert_eq!(en.after_figure(""), "");
        // The English table and the catalogue say the same, so English pages read as before.
        for c in crate::iso::CLAUSES {
            assert_eq!(
                en.0.get(&c.key()).map(String::as_str),
                Some(c.title),
                "{}",
                c.number
            );
        }
        assert_eq!(
            Strings::default().clause_title(&crate::iso::CLAUSES[0]),
            crate::iso::CLAUSES[0].title
        );
    }

    #[test]
    fn a_counted_text_takes_the_form_of_its_count_in_its_language() {
        let words = |text: &str| BTreeMap::from([("k".to_owned(), text.to_owned())]);
        let en = Strings::new(
            words("one: every month{end} | other: every {count} months{end}"),
            "en",
        );
        assert_eq!(en.plural("k", 1, &[("end", ".")]), "every month.");
        assert_eq!(en.plural("k", 12, &[("end", "")]), "every 12 months");
        let cs = Strings::new(
            words("one: každý měsíc | few: každé {count} měsíce | other: každých {count} měsíců"),
            "cs",
        );
        assert_eq!(cs.plural("k", 1, &[]), "každý měsíc");
        assert_eq!(cs.plural("k", 3, &[]), "každé 3 měsíce");
        assert_eq!(cs.plural("k", 12, &[]), "každých 12 měsíců");
        assert_eq!(cs.plural("k", 1200, &[]), "každých 1\u{a0}200 měsíců");
        // A form the table lacks is "other"; a text without forms is its only form.
        let de = Strings::new(words("other: alle {count} Monate"), "de");
        assert_eq!(de.plural("k", 1, &[]), "alle 1 Monate");
        let plain = Strings::new(words("{count} m: as written | in full"), "en");
        assert_eq!(plain.plural("k", 2, &[]), "2 m: as written | in full");
        assert_eq!(plain.plural("missing", 2, &[]), "[missing]");
    }

    #[test]
    fn money_and_shares_put_their_unit_where_the_language_does() {
        let en = Strings::english();
        assert_eq!(en.money(5600.0, 0, "EUR"), "EUR\u{a0}5,600");
        assert_eq!(en.money(5600.0, 0, ""), "5,600");
        assert_eq!(
            en.money_range(4950.0, 6250.0, 0, "EUR"),
            "EUR\u{a0}4,950 – 6,250"
        );
        assert_eq!(en.money_range(4950.0, 6250.0, 0, ""), "4,950 – 6,250");
        assert_eq!(en.percent(3.66, 1), "3.7%");
        assert_eq!(en.percent_range(3.3, 4.1, 1), "3.3 – 4.1%");
        let cs: BTreeMap<String, String> = crate::theme::strings_for("cs")
            .and_then(|t| toml::from_str(t).ok())
            .unwrap_or_default();
        let cs = Strings::new(cs, "cs");
        assert_eq!(cs.money(5600.0, 0, "EUR"), "5\u{a0}600\u{a0}EUR");
        assert_eq!(
            cs.money_range(4950.0, 6250.0, 0, "EUR"),
            "4\u{a0}950 – 6\u{a0}250\u{a0}EUR"
        );
        assert_eq!(cs.percent(3.66, 1), "3,7\u{a0}%");
        assert_eq!(cs.percent_range(3.3, 4.1, 1), "3,3 – 4,1\u{a0}%");
    }

    #[test]
    fn fill_replaces_every_named_place() {
        let t = Strings::new(
            BTreeMap::from([("k".to_owned(), "{shown} of {total}, {shown}".to_owned())]),
            "en",
        );
        assert_eq!(
            t.fill("k", &[("shown", "3"), ("total", "13")]),
            "3 of 13, 3"
        );
        assert_eq!(t.fill("missing", &[]), "[missing]");
        assert_eq!(
            t.fill("k", &[("shown", "{total}"), ("total", "1")]),
            "{total} of 1, {total}"
        );
    }
}
