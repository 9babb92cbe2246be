//! The typed content model: what each kind of file in `content/` holds, exactly as written.
//!
//! These structs mirror the files one to one (serde, `deny_unknown_fields`) and keep the source
//! spans of ids, references and dates, so that validation can point at the offending text.
//! Nothing here is computed; see [`crate::report`] for derived figures.

pub mod assessment;
pub mod benchmark;
pub mod coverage;
pub mod framework;
pub mod improvement;
pub mod page;
pub mod qms;

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// A TOML date as written, with its place in the file; validated into a calendar date later.
pub type SpannedDate = Spanned<toml::value::Datetime>;

/// Stands for a TOML date (`2026-03-31`) in the JSON Schemas: a calendar day, without a time,
/// in the years 1900 to 2199 (so that every date computed from one exists).
pub struct TomlDate;

impl schemars::JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": crate::content::shape::DATE_PATTERN,
            "description": "A date written as YYYY-MM-DD, without quotes, from 1900 to 2199"
        })
    }
}

/// Stands for an id in the JSON Schemas: 1 to 64 letters, digits, `.`, `-` or `_`, starting
/// with a letter or a digit (ids become file names and parts of addresses).
pub struct IdText;

impl schemars::JsonSchema for IdText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": crate::content::shape::ID_PATTERN,
            "description": "An id: 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit"
        })
    }
}

/// Stands for an ISO/IEC 20000-1:2018 clause number in the JSON Schemas: one of the catalogue.
pub struct ClauseText;

impl schemars::JsonSchema for ClauseText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Clause".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let numbers: Vec<&str> = crate::iso::CLAUSES.iter().map(|c| c.number).collect();
        schemars::json_schema!({
            "type": "string",
            "enum": numbers,
            "pattern": crate::content::shape::CLAUSE_PATTERN,
            "description": "A clause number of ISO/IEC 20000-1:2018, e.g. \"8.5.1\""
        })
    }
}

/// Stands for an address in the JSON Schemas: an allowed scheme or a path inside the site.
pub struct UrlText;

impl schemars::JsonSchema for UrlText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Url".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": crate::content::shape::URL_PATTERN,
            "description": "An address starting with http:, https:, mailto: or tel:, an absolute path, or a path inside the published site such as pages/policy.pdf"
        })
    }
}

/// A link to a piece of evidence or a reference document.
#[derive(Debug, Clone, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the link points to, shown as the link text.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Where it points: a path inside the published site, or an intranet address. Checked by
    /// validation: addresses that could run a script (`javascript:` and the like) are refused.
    #[serde(default)]
    #[schemars(with = "Option<UrlText>")]
    pub url: Option<Spanned<String>>,
    /// Only for readers inside the organisation (a link into an internal system): editions
    /// that leave out `internal` (see `[[editions]]` in qmsite.toml) leave the link out.
    #[serde(default)]
    pub internal: bool,
}

/// Direction of a planned change: raising, keeping or deliberately lowering quality or scope.
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
    enum_map::Enum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Improve the level.
    Raise,
    /// Hold the level.
    Keep,
    /// Deliberately lower the level (negative improvement).
    Lower,
}

impl Direction {
    /// Every direction in display order.
    pub const ALL: [Direction; 3] = [Direction::Raise, Direction::Keep, Direction::Lower];

    /// The key used in files and in theme string tables.
    pub fn key(self) -> &'static str {
        match self {
            Direction::Raise => "raise",
            Direction::Keep => "keep",
            Direction::Lower => "lower",
        }
    }
}
