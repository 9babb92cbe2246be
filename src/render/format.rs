//! Numbers and dates as the reader of the site's language writes them: decimal separator,
//! grouping and date order come from ICU4X's locale data, not from code of ours.

use std::sync::OnceLock;

use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// How one language writes figures and dates on pages, built once per language and shared by
/// every page, so that a figure reads the same in a tile, a table and a sentence.
pub struct Formats {
    /// The language code the formats were made for.
    language: String,
    /// Decimal separator, grouping and signs of the language; none if the locale data failed
    /// to load, and figures then fall back to the plain form.
    decimal: Option<DecimalFormatter>,
    /// The same with thousands always grouped (`5,600` in English too), for money and the
    /// counts written beside it, which read more easily grouped; none as `decimal`.
    grouped: Option<DecimalFormatter>,
    /// The language's numeric date (`27. 3. 2026`, `27.03.2026`); none for English, whose pages
    /// keep the unambiguous ISO form, and for a language the data does not know.
    date: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    /// Which plural form a whole count takes in the language (CLDR's cardinal rules); none for
    /// a language the data does not know, whose counted words then take their "other" form.
    plurals: Option<PluralRules>,
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Formats")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Formats {
    /// The formats of a language code (`en`, `cs`, `de`, or any other the locale data knows),
    /// made on first use and kept for the life of the process.
    pub fn of(language: &str) -> &'static Formats {
        static EN: OnceLock<Formats> = OnceLock::new();
        static CS: OnceLock<Formats> = OnceLock::new();
        static DE: OnceLock<Formats> = OnceLock::new();
        static OTHER: OnceLock<std::sync::Mutex<Vec<&'static Formats>>> = OnceLock::new();
        match language {
            "en" => EN.get_or_init(|| Formats::new("en")),
            "cs" => CS.get_or_init(|| Formats::new("cs")),
            "de" => DE.get_or_init(|| Formats::new("de")),
            other => {
                let cache = OTHER.get_or_init(Default::default);
                let mut known = cache.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(f) = known.iter().find(|f| f.language == other) {
                    return f;
                }
                // A handful of languages at most over a process's life, so leaking is bounded.
                let made: &'static Formats = Box::leak(Box::new(Formats::new(other)));
                known.push(made);
                made
            }
        }
    }

    /// The English formats: for what stays English whatever the site's language.
    pub fn english() -> &'static Formats {
        Formats::of("en")
    }

    fn new(language: &str) -> Formats {
        let locale: Option<Locale> = language.parse().ok();
        // English keeps four-digit figures ungrouped (5600), as its pages always showed them;
        // other languages group as their locale data says.
        let grouping = if language == "en" {
            GroupingStrategy::Min2
        } else {
            GroupingStrategy::Auto
        };
        let formatter = |grouping: GroupingStrategy| {
            let mut options = DecimalFormatterOptions::default();
            options.grouping_strategy = Some(grouping);
            locale
                .as_ref()
                .and_then(|l| DecimalFormatter::try_new(l.into(), options).ok())
        };
        let decimal = formatter(grouping);
        let grouped = formatter(GroupingStrategy::Auto);
        let date = locale
            .as_ref()
            .filter(|_| language != "en")
            .and_then(|l| FixedCalendarDateTimeFormatter::try_new(l.into(), YMD::medium()).ok());
        let plurals = locale
            .as_ref()
            .and_then(|l| PluralRules::try_new_cardinal(l.into()).ok());
        Formats {
            language: language.to_owned(),
            decimal,
            grouped,
            date,
            plurals,
        }
    }

    /// A figure rounded to `decimals` places in the language's notation (`57.8`, `57,8`).
    pub fn number(&self, v: f64, decimals: usize) -> String {
        self.localise(format!("{v:.decimals$}"))
    }

    /// A figure with one decimal, the precision of indices and ratings on pages.
    /// Halves round away from zero, as the charts round their values.
    pub fn one_decimal(&self, v: f64) -> String {
        self.number(crate::render::charts::round1(v), 1)
    }

    /// A figure without decimals, for money and counts.
    pub fn whole(&self, v: f64) -> String {
        self.number(v, 0)
    }

    /// A figure from the site's data with the decimals it was written with (`5600.0`, `3.45`),
    /// for costs and shares that are shown as given rather than rounded.
    pub fn as_given(&self, v: f64) -> String {
        let plain =
            serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string());
        self.localise(plain)
    }

    /// A whole count (users, peers).
    pub fn count(&self, n: i64) -> String {
        self.localise(n.to_string())
    }

    /// The CLDR plural category a whole count takes in the language: `one`, `few`, `many`,
    /// `other` (and `zero`, `two` in languages that have them), so that a string table can
    /// give each form of a counted word ("1 month", "2 měsíce", "12 měsíců").
    pub fn plural_category(&self, n: i64) -> &'static str {
        match self.plurals.as_ref().map(|r| r.category_for(n)) {
            Some(PluralCategory::Zero) => "zero",
            Some(PluralCategory::One) => "one",
            Some(PluralCategory::Two) => "two",
            Some(PluralCategory::Few) => "few",
            Some(PluralCategory::Many) => "many",
            Some(PluralCategory::Other) | None => "other",
        }
    }

    /// An amount rounded to `decimals` places with its thousands grouped whatever its size
    /// (`5,600`, `5 600`, `5.600`): money, and counts of people set beside it.
    pub fn grouped(&self, v: f64, decimals: usize) -> String {
        with(self.grouped.as_ref(), format!("{v:.decimals$}"))
    }

    /// A number written in plain notation, rewritten in the language's.
    fn localise(&self, plain: String) -> String {
        with(self.decimal.as_ref(), plain)
    }

    /// A date as the language writes it in running text and tables.
    pub fn date(&self, d: jiff::civil::Date) -> String {
        let local = self.date.as_ref().and_then(|f| {
            let g = Date::try_new_gregorian(
                i32::from(d.year()),
                u8::try_from(d.month()).ok()?,
                u8::try_from(d.day()).ok()?,
            )
            .ok()?;
            Some(f.format(&g).to_string())
        });
        local.unwrap_or_else(|| d.to_string())
    }
}

/// A number written in plain notation, rewritten by `formatter`; as it is without one.
fn with(formatter: Option<&DecimalFormatter>, plain: String) -> String {
    let Some(formatter) = formatter else {
        return plain;
    };
    match Decimal::try_from_str(&plain) {
        Ok(d) => formatter.format(&d).to_string(),
        Err(_) => plain,
    }
}

/// `text` wrapped between words into lines of at most `width` characters (a longer word
/// stands alone on its line): chart labels that ECharts would cut, and prose in the terminal.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> jiff::civil::Date {
        jiff::civil::date(y, m, d)
    }

    #[test]
    fn english_writes_figures_as_before() {
        let en = Formats::of("en");
        assert_eq!(en.one_decimal(57.8), "57.8");
        assert_eq!(en.one_decimal(57.84), "57.8");
        assert_eq!(en.one_decimal(0.0), "0.0");
        assert_eq!(en.one_decimal(-1.25), "-1.3");
        assert_eq!(en.whole(5600.0), "5600");
        assert_eq!(en.whole(125_000.4), "125,000");
        assert_eq!(en.date(date(2026, 3, 27)), "2026-03-27");
        assert_eq!(en.as_given(5600.0), "5600.0");
        assert_eq!(en.as_given(3.45), "3.45");
        assert_eq!(en.count(4200), "4200");
        assert_eq!(en.grouped(5600.0, 0), "5,600");
        assert_eq!(en.grouped(2400.4, 0), "2,400");
        assert_eq!(en.grouped(950.0, 0), "950");
        assert_eq!(en.grouped(3.74, 1), "3.7");
    }

    #[test]
    fn czech_uses_a_decimal_comma_and_its_own_group_separator() {
        let cs = Formats::of("cs");
        assert_eq!(cs.one_decimal(57.8), "57,8");
        assert_eq!(cs.one_decimal(-0.3), "-0,3");
        assert_eq!(cs.whole(5600.0), "5\u{a0}600");
        assert_eq!(cs.date(date(2026, 3, 27)), "27. 3. 2026");
        assert_eq!(cs.as_given(3.4), "3,4");
        assert_eq!(cs.grouped(5600.0, 0), "5\u{a0}600");
    }

    #[test]
    fn german_uses_a_decimal_comma_and_dots_between_thousands() {
        let de = Formats::of("de");
        assert_eq!(de.one_decimal(57.8), "57,8");
        assert_eq!(de.one_decimal(-0.3), "-0,3");
        assert_eq!(de.whole(5600.0), "5.600");
        assert_eq!(de.date(date(2026, 3, 27)), "27.03.2026");
        assert_eq!(de.as_given(5600.0), "5.600,0");
        assert_eq!(de.as_given(3.45), "3,45");
        assert_eq!(de.count(-4200), "-4.200");
        assert_eq!(de.grouped(5600.0, 0), "5.600");
    }

    #[test]
    fn each_language_picks_the_plural_form_of_a_count() {
        let en = Formats::of("en");
        assert_eq!(en.plural_category(1), "one");
        assert_eq!(en.plural_category(12), "other");
        assert_eq!(en.plural_category(0), "other");
        let cs = Formats::of("cs");
        assert_eq!(cs.plural_category(1), "one");
        assert_eq!(cs.plural_category(3), "few");
        assert_eq!(cs.plural_category(6), "other");
        assert_eq!(cs.plural_category(12), "other");
        let de = Formats::of("de");
        assert_eq!(de.plural_category(1), "one");
        assert_eq!(de.plural_category(24), "other");
        assert_eq!(Formats::of("not a tag!").plural_category(1), "other");
    }

    #[test]
    fn an_unknown_language_still_writes_figures_and_is_made_once() {
        let xx = Formats::of("zz");
        assert_eq!(xx.one_decimal(57.8), "57.8");
        assert!(std::ptr::eq(xx, Formats::of("zz")));
        assert_eq!(Formats::of("not a tag!").one_decimal(1.0), "1.0");
        assert_eq!(
            Formats::of("not a tag!").date(date(2026, 1, 2)),
            "2026-01-02"
        );
    }
}
