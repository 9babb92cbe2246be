//! A peer benchmark: anonymous peers' index, domain scores and cost figures.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One benchmark file, e.g. `content/benchmarks/peers-2026.toml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkFile {
    /// Unique id across the site.
    #[schemars(with = "super::IdText")]
    pub id: Spanned<String>,
    /// Title shown to readers.
    pub title: String,
    /// The framework whose index and domains the peers' scores use.
    #[schemars(with = "String")]
    pub framework: Spanned<String>,
    /// Where the data comes from.
    #[serde(default)]
    pub source: String,
    /// Which peers form our comparison group; an empty filter keeps every peer.
    #[serde(default)]
    pub group: PeerGroup,
    /// The peers.
    #[serde(default, rename = "peer")]
    pub peers: Vec<Peer>,
}

/// Filter that selects the comparison group; each list, when given, must contain the peer's value.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeerGroup {
    /// Sectors kept.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// Size bands kept.
    #[serde(default)]
    pub size_bands: Vec<String>,
    /// Regions kept.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Oldest year kept (1900 to 2199).
    #[serde(default)]
    #[schemars(range(min = 1900, max = 2199))]
    pub since_year: Option<i64>,
}

/// One anonymous peer organisation.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Peer {
    /// Anonymous id, unique within the file.
    #[schemars(with = "super::IdText")]
    pub id: Spanned<String>,
    /// Sector, e.g. "public administration".
    pub sector: String,
    /// Size band, e.g. "1000-4999 users".
    pub size_band: String,
    /// Region.
    pub region: String,
    /// Year of the peer's assessment (1900 to 2199).
    #[schemars(range(min = 1900, max = 2199))]
    pub year: i64,
    /// The peer's index, on the framework's scale (-1000 to 1000, and within the scale).
    #[schemars(with = "f64", range(min = -1000, max = 1000))]
    pub index: Spanned<f64>,
    /// The peer's domain scores by domain id, on the framework's scale.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, PeerScore>")]
    pub domains: BTreeMap<String, Spanned<f64>>,
    /// IT cost per user (0 to 10,000,000).
    #[serde(default)]
    #[schemars(range(min = 0, max = 10_000_000))]
    pub cost_per_user: Option<f64>,
    /// IT cost as % of revenue (0 to 100).
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub cost_percent_of_revenue: Option<f64>,
}

/// Stands for a peer's domain score in the JSON Schemas: a number from -1000 to 1000.
pub struct PeerScore;

impl schemars::JsonSchema for PeerScore {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PeerScore".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "minimum": -1000,
            "maximum": 1000,
            "description": "A domain score on the framework's scale"
        })
    }
}
