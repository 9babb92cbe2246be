//! Narrative pages: Markdown with TOML front matter between `+++` lines.

use serde::{Deserialize, Serialize};

/// The front matter of a narrative page.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Page title.
    pub title: String,
    /// Order in the navigation, the report's sections and lists (lower first; -1,000,000 to
    /// 1,000,000).
    #[serde(default)]
    #[schemars(range(min = -1_000_000, max = 1_000_000))]
    pub weight: i64,
    /// One-sentence summary shown in lists.
    #[serde(default)]
    pub summary: String,
    /// Drafts are rendered and checked like any page but not published.
    #[serde(default)]
    pub draft: bool,
    /// Lists the page in the top navigation of every page (ordered by weight). Off by default,
    /// so that a folder of thousands of notes does not enter every page's navigation; every
    /// page is reachable through the list of all pages.
    #[serde(default)]
    pub menu: bool,
    /// The section of the full report (`report.html`, the PDF) this page is part of; unset,
    /// the page is not part of the report.
    #[serde(default)]
    pub report: Option<ReportSection>,
    /// Only for readers inside the organisation: editions that leave out `internal` (see
    /// `[[editions]]` in qmsite.toml) leave the whole page out, and links to it become plain text.
    #[serde(default)]
    pub internal: bool,
}

/// A section of the full report that narratives can be placed in; narratives of one section
/// follow each other by weight.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ReportSection {
    /// The executive summary, after the headline figures.
    Summary,
    /// Scope and method, after the assessment's own scope and method.
    Method,
    /// The findings, after the profile charts.
    Findings,
}
