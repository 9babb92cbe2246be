//! Narrative pages: Markdown with TOML front matter between `+++` lines.

use serde::Deserialize;

/// The front matter of a narrative page.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Page title.
    pub title: String,
    /// Order in navigation and lists (lower first).
    #[serde(default)]
    pub weight: i64,
    /// One-sentence summary shown in lists.
    #[serde(default)]
    pub summary: String,
    /// Drafts are checked but not published.
    #[serde(default)]
    pub draft: bool,
}
