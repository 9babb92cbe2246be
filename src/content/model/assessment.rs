//! An assessment: the ratings of one framework's dimensions on one date, with the assessor's notes.

use serde::Deserialize;
use toml::Spanned;

use super::{Link, SpannedDate};

/// One assessment file, e.g. `content/assessments/2026.toml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentFile {
    /// Unique id across the site.
    #[schemars(with = "super::IdText")]
    pub id: Spanned<String>,
    /// Title shown to readers, e.g. "Reassessment 2026".
    #[serde(default)]
    pub title: Option<String>,
    /// The framework rated.
    #[schemars(with = "String")]
    pub framework: Spanned<String>,
    /// The organisational unit assessed: the id of a `[[unit]]` of `qmsite.toml`. Left out, the
    /// assessment is of the organisation as a whole.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub unit: Option<Spanned<String>>,
    /// Date of the assessment (the interviews' end).
    #[schemars(with = "crate::content::model::TomlDate")]
    pub date: SpannedDate,
    /// Who assessed (an independent, qualified assessor).
    pub assessor: String,
    /// What was in scope.
    #[serde(default)]
    pub scope: String,
    /// How it was carried out (interviews, documents reviewed).
    #[serde(default)]
    pub method: String,
    /// A short overall conclusion.
    #[serde(default)]
    pub summary: String,
    /// Optional cost figures for the quality/cost benchmark.
    #[serde(default)]
    pub cost: Option<Cost>,
    /// One entry per dimension; a dimension without a level is "not rated".
    #[serde(default, rename = "rating")]
    pub ratings: Vec<Rating>,
}

/// Cost figures, read together with quality.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// IT cost per user served, per year (0 to 10,000,000).
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0, max = 10_000_000))]
    pub per_user: Option<Spanned<f64>>,
    /// IT cost as a percentage of revenue (or budget), 0 to 100.
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0, max = 100))]
    pub percent_of_revenue: Option<Spanned<f64>>,
    /// Number of users served (0 to 100,000,000).
    #[serde(default)]
    #[schemars(with = "Option<i64>", range(min = 0, max = 100_000_000))]
    pub users: Option<Spanned<i64>>,
    /// Currency of the amounts, e.g. "EUR".
    #[serde(default)]
    pub currency: Option<String>,
}

/// The rating of one dimension.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// The dimension rated.
    #[schemars(with = "String")]
    pub dimension: Spanned<String>,
    /// A level of the framework's scale; absent means "not rated".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub level: Option<Spanned<String>>,
    /// The assessor's notes.
    #[serde(default)]
    pub notes: String,
    /// Evidence seen.
    #[serde(default)]
    pub evidence: Vec<Link>,
}
