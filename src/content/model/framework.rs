//! A quality framework: its domains, dimensions, rating scale and roll-up rule.
//!
//! Frameworks are data, never code: the real ITQI names, scale values and weights are not public,
//! so a site describes its own framework in a file of this shape.

use serde::Deserialize;
use toml::Spanned;

/// One framework file, e.g. `content/frameworks/itqi.toml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFile {
    /// Unique id, referred to by assessments and benchmarks.
    #[schemars(with = "super::IdText")]
    pub id: Spanned<String>,
    /// Full name, e.g. "IT Quality Index".
    pub name: String,
    /// Short name shown in tiles and charts, e.g. "ITQI".
    #[serde(default)]
    pub short_name: Option<String>,
    /// What the framework measures.
    #[serde(default)]
    pub description: String,
    /// Marks a framework written as an example, so pages say so plainly.
    #[serde(default)]
    pub example: bool,
    /// Unit shown after scores, e.g. "%" or "pts".
    #[serde(default = "default_unit")]
    pub unit: String,
    /// How dimension values roll up.
    #[serde(default)]
    pub rollup: Rollup,
    /// The rating scale, lowest level first (at least two levels).
    #[schemars(length(min = 2))]
    pub scale: Vec<ScaleLevel>,
    /// The domains, in display order (at least one).
    #[serde(rename = "domain")]
    #[schemars(length(min = 1))]
    pub domains: Vec<Domain>,
    /// The dimensions, in display order (at least one).
    #[serde(rename = "dimension")]
    #[schemars(length(min = 1))]
    pub dimensions: Vec<Dimension>,
}

fn default_unit() -> String {
    "%".to_owned()
}

/// How dimension values roll up to domain scores and the index.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rollup {
    /// The index is the weighted mean of the domain scores, or of all dimension values.
    #[serde(default)]
    pub index: IndexRollup,
}

/// What the index is averaged from.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IndexRollup {
    /// Weighted mean of domain scores (domain weights).
    #[default]
    Domains,
    /// Weighted mean of every rated dimension (dimension weights).
    Dimensions,
}

/// One level of the ordered rating scale; values may be spaced unevenly (a non-linear scale).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    /// Id used in ratings, e.g. "defined".
    #[schemars(with = "super::IdText")]
    pub id: Spanned<String>,
    /// Label shown to readers.
    pub label: String,
    /// Numeric value the level stands for (-1000 to 1000).
    #[schemars(with = "f64", range(min = -1000, max = 1000))]
    pub value: Spanned<f64>,
    /// What the level means.
    #[serde(default)]
    pub description: String,
}

/// A domain groups dimensions.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Unique id within the framework.
    #[schemars(with = "super::IdText")]
    pub id: Spanned<String>,
    /// Name shown to readers.
    pub name: String,
    /// What the domain covers.
    #[serde(default)]
    pub description: String,
    /// Weight in the index (default 1; 0 to 1000).
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0, max = 1000))]
    pub weight: Option<Spanned<f64>>,
}

/// A dimension is the unit that is rated.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Unique id within the framework.
    #[schemars(with = "super::IdText")]
    pub id: Spanned<String>,
    /// The domain it belongs to.
    #[schemars(with = "String")]
    pub domain: Spanned<String>,
    /// Name shown to readers.
    pub name: String,
    /// What is assessed.
    #[serde(default)]
    pub description: String,
    /// Weight within its domain (default 1; 0 to 1000).
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0, max = 1000))]
    pub weight: Option<Spanned<f64>>,
}
