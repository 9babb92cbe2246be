//! Narrative pages: Markdown with TOML front matter between `+++` lines.

use serde::Deserialize;

/// The front matter of a narrative page.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Page title.
    pub title: String,
    /// Order in navigation and lists (lower first; -1,000,000 to 1,000,000).
    #[serde(default)]
    #[schemars(range(min = -1_000_000, max = 1_000_000))]
    pub weight: i64,
    /// One-sentence summary shown in lists.
    #[serde(default)]
    pub summary: String,
    /// Drafts are checked but not published.
    #[serde(default)]
    pub draft: bool,
    /// Whether the page is part of the full report (`report.html`). Unset: pages directly in
    /// `content/pages/` are, pages in sub-folders are not.
    #[serde(default)]
    pub report: Option<bool>,
}

impl FrontMatter {
    /// Whether a page at `slug` with this front matter goes into the full report.
    pub fn in_report(&self, slug: &str) -> bool {
        self.report.unwrap_or(!slug.contains('/'))
    }
}
