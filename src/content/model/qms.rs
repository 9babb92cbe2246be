//! IT QMS components: the parts of the quality management system, their owners and levels.

use serde::Deserialize;
use toml::Spanned;

use super::{Direction, SpannedDate};

/// One QMS file, e.g. `content/qms/components.toml`; a site may split components over files.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QmsFile {
    /// The components.
    #[serde(default, rename = "component")]
    pub components: Vec<QmsComponent>,
}

/// One component of the IT QMS.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QmsComponent {
    /// Unique id, referred to by improvements.
    #[schemars(with = "super::IdText")]
    pub id: Spanned<String>,
    /// Name.
    pub name: String,
    /// Why the component exists.
    #[serde(default)]
    pub purpose: String,
    /// Who owns it.
    pub owner: String,
    /// Current maturity level (0–5).
    #[schemars(with = "i64", range(min = 0, max = 5))]
    pub current_level: Spanned<i64>,
    /// Target maturity level (0–5).
    #[schemars(with = "i64", range(min = 0, max = 5))]
    pub target_level: Spanned<i64>,
    /// Raise, keep, or deliberately lower.
    #[schemars(with = "Direction")]
    pub direction: Spanned<Direction>,
    /// Why this direction (required reading for "lower").
    #[serde(default)]
    pub rationale: String,
    /// How often it is reviewed, in months (1 to 120).
    #[schemars(with = "i64", range(min = 1, max = 120))]
    pub review_months: Spanned<i64>,
    /// When it was last reviewed.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::model::TomlDate>")]
    pub last_review: Option<SpannedDate>,
    /// ISO/IEC 20000-1 clauses it serves.
    #[serde(default)]
    #[schemars(with = "Vec<super::ClauseText>")]
    pub clauses: Vec<Spanned<String>>,
    /// Framework dimensions it serves (`D1.1`, or `framework:D1.1` for another framework).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub dimensions: Vec<Spanned<String>>,
}
