//! ISO/IEC 20000-1 coverage: how far each clause is addressed, and the evidence for it.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Link, SpannedDate};

/// One coverage file, e.g. `content/coverage/iso20000.toml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageFile {
    /// One entry per clause.
    #[serde(default, rename = "clause")]
    pub clauses: Vec<ClauseCoverage>,
}

/// Coverage of one clause.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClauseCoverage {
    /// Clause number from the built-in catalogue at any level, e.g. "8.5.1" or "8.5.1.1".
    #[schemars(with = "super::ClauseText")]
    pub clause: Spanned<String>,
    /// How far it is addressed.
    #[schemars(with = "CoverageLevel")]
    pub level: Spanned<CoverageLevel>,
    /// Documents, records or links that back the level.
    #[serde(default)]
    pub evidence: Vec<Link>,
    /// Remarks.
    #[serde(default)]
    pub notes: String,
    /// When this was last reviewed.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::model::TomlDate>")]
    pub reviewed: Option<SpannedDate>,
}

/// The four usual levels of clause coverage.
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
pub enum CoverageLevel {
    /// Nothing in place.
    NotAddressed,
    /// Some practice, not documented.
    Initial,
    /// Defined but applied inconsistently.
    Defined,
    /// Conforms to the clause.
    Conforming,
}

impl CoverageLevel {
    /// Every level from lowest to highest.
    pub const ALL: [CoverageLevel; 4] = [
        CoverageLevel::NotAddressed,
        CoverageLevel::Initial,
        CoverageLevel::Defined,
        CoverageLevel::Conforming,
    ];

    /// The key used in files and in theme string tables.
    pub fn key(self) -> &'static str {
        match self {
            CoverageLevel::NotAddressed => "not-addressed",
            CoverageLevel::Initial => "initial",
            CoverageLevel::Defined => "defined",
            CoverageLevel::Conforming => "conforming",
        }
    }
}
