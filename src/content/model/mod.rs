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

/// Stands for a TOML date (`2026-03-31`) in the JSON Schemas written for editors.
pub struct TomlDate;

impl schemars::JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A date written as YYYY-MM-DD, without quotes"
        })
    }
}

/// A link to a piece of evidence or a reference document.
#[derive(Debug, Clone, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the link points to, shown as the link text.
    pub title: String,
    /// Where it points: a path inside the published site, or an intranet address. Checked by
    /// validation: addresses that could run a script (`javascript:` and the like) are refused.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
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
