//! The validated site: every reference resolved to a typed id, every date a calendar date.
//!
//! Validation ([`crate::validate`]) turns the raw file models into these types; computation and
//! rendering work only on them, so they never meet a dangling id or an impossible date.

mod ids;
mod queries;

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;
use typed_index_collections::TiVec;

pub use ids::{
    AssessmentId, BenchmarkId, DimensionId, DimensionRef, DomainId, FrameworkId, ImprovementId,
    LevelId, PageId, PeerId, QmsId, UnitId,
};

use crate::content::model::Direction;
use crate::content::model::coverage::CoverageLevel;
use crate::content::model::framework::IndexRollup;
use crate::content::model::improvement::{Part, Priority, Size, Source, Status};
pub use crate::content::model::page::ReportSection;
use crate::diagnostics::Position;

/// Where an item was written, for warnings raised after validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// File relative to the site root.
    pub file: PathBuf,
    /// Line and column of the item's id.
    #[serde(skip)]
    pub position: Position,
}

/// A piece of evidence: a title and, when given, a checked address.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Evidence {
    /// The link text.
    pub title: String,
    /// The address as written; empty when none was given.
    pub url: String,
    /// True when `url` is a path relative to the site root: templates prefix it with `root`.
    pub internal: bool,
    /// Where the address was written, for the link check.
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: Origin,
}

/// The site configuration with defaults applied.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Site title.
    pub title: String,
    /// Organisation name.
    pub organisation: String,
    /// The address the site is published at, ending with `/`; empty when none is given.
    pub base_url: String,
    /// The language these pages are in (a language code).
    pub language: String,
    /// The site's default language, written at the root of the output.
    pub default_language: String,
    /// Every language the site is built in, the default first.
    pub languages: Vec<String>,
    /// Theme name.
    pub theme: String,
    /// Absolute output folder.
    pub output_dir: PathBuf,
    /// Years between assessments.
    pub cadence_years: i64,
    /// Home page description.
    pub description: String,
    /// What to read from the site's git history.
    pub history: HistoryConfig,
    /// The organisation's look on top of the theme.
    pub brand: Brand,
    /// The paper the full report is printed on.
    pub paper: crate::content::config::Paper,
    /// Each language's name in itself (`cs` → "Čeština"), from its strings table, for the
    /// language switcher; filled in once every language's theme is loaded.
    pub language_names: BTreeMap<String, String>,
}

/// The `[history]` settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryConfig {
    /// Read the history at all.
    pub enabled: bool,
    /// The pattern of the tags that mark published reports.
    pub tags: Option<String>,
    /// How many commits back "What changed" starts without a matching tag.
    pub commits: usize,
}

/// `[brand]` checked: addresses below the output root, and a colour readable on white.
#[derive(Debug, Clone, Default, serde::Serialize, schemars::JsonSchema)]
pub struct Brand {
    /// The logo's address below the output root (`static/logo.png`).
    pub logo: Option<String>,
    /// The extra stylesheet's address below the output root (`static/brand.css`).
    pub stylesheet: Option<String>,
    /// The accent colour, `#rrggbb`.
    pub accent: Option<String>,
    /// The confidentiality line shown at the top and foot of every page.
    pub confidentiality: String,
}

/// A validated site.
#[derive(Debug, Clone)]
pub struct Site {
    /// Site root folder.
    pub root: PathBuf,
    /// Configuration.
    pub config: SiteConfig,
    /// Frameworks, sorted by id.
    pub frameworks: TiVec<FrameworkId, Framework>,
    /// The framework shown on the home page.
    pub main_framework: FrameworkId,
    /// Organisational units: the organisation as a whole ([`UnitId::ORGANISATION`]) first, then
    /// the units of `qmsite.toml` in the order written.
    pub units: TiVec<UnitId, Unit>,
    /// Assessments, sorted by date then id.
    pub assessments: TiVec<AssessmentId, Assessment>,
    /// Benchmarks, sorted by id.
    pub benchmarks: TiVec<BenchmarkId, Benchmark>,
    /// QMS components, sorted by id.
    pub qms: TiVec<QmsId, QmsComponent>,
    /// Improvements, sorted by id.
    pub improvements: TiVec<ImprovementId, Improvement>,
    /// Coverage by clause number (only clauses that have an entry).
    pub coverage: BTreeMap<&'static str, ClauseCoverage>,
    /// Narrative pages by weight then title, drafts included (they are checked, not published).
    pub pages: TiVec<PageId, Page>,
    /// Files under `content/pages/` that are not Markdown, copied as they are.
    pub assets: Vec<PathBuf>,
    /// The files some kinds were read from, so that a page with nothing to show yet can say
    /// which file to fill in.
    pub files: SourceFiles,
}

/// The files of the kinds whose pages may be empty, relative to the site root, in path order.
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    /// Improvement register files.
    pub improvements: Vec<PathBuf>,
    /// IT QMS files.
    pub qms: Vec<PathBuf>,
    /// Coverage files.
    pub coverage: Vec<PathBuf>,
    /// Benchmark files.
    pub benchmarks: Vec<PathBuf>,
}

/// A framework with lookup tables.
#[derive(Debug, Clone)]
pub struct Framework {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Short name (defaults to the id).
    pub short_name: String,
    /// Description.
    pub description: String,
    /// Written as an example.
    pub example: bool,
    /// Unit of scores.
    pub unit: String,
    /// What the index averages.
    pub index_rollup: IndexRollup,
    /// Scale, lowest first.
    pub scale: TiVec<LevelId, ScaleLevel>,
    /// Domains in display order.
    pub domains: TiVec<DomainId, Domain>,
    /// Dimensions in display order.
    pub dimensions: TiVec<DimensionId, Dimension>,
    /// Dimensions by id.
    pub dimension_by_id: HashMap<String, DimensionId>,
    /// Every dimension id written in the file, including ones left out for their own errors;
    /// references to those are not reported a second time.
    pub declared_dimensions: std::collections::HashSet<String>,
    /// The file it was written in, relative to the site root (when it last changed is the date
    /// of the pages that show it).
    pub file: PathBuf,
}

/// An organisational unit: a department, subsidiary, region or client assessed on its own, or
/// the organisation as a whole. "Previous", changes, trends and the cycle never cross units.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Its id in `qmsite.toml`; `None` for the organisation as a whole.
    pub id: Option<String>,
    /// Its name (the organisation's name for the organisation as a whole).
    pub name: String,
    /// What the unit is.
    pub description: String,
}

/// A scale level.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ScaleLevel {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Numeric value.
    pub value: f64,
    /// Meaning.
    pub description: String,
}

/// A domain.
#[derive(Debug, Clone)]
pub struct Domain {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Weight in the index.
    pub weight: f64,
    /// Its dimensions, in display order.
    pub dimensions: Vec<DimensionId>,
}

/// A dimension.
#[derive(Debug, Clone)]
pub struct Dimension {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its domain.
    pub domain: DomainId,
    /// Description.
    pub description: String,
    /// Weight within the domain.
    pub weight: f64,
}

/// An assessment.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The framework rated.
    pub framework: FrameworkId,
    /// The unit assessed.
    pub unit: UnitId,
    /// The file it was written in, relative to the site root, for pages that say what to fill in.
    pub file: PathBuf,
    /// Date.
    pub date: Date,
    /// Assessor.
    pub assessor: String,
    /// Scope.
    pub scope: String,
    /// Method.
    pub method: String,
    /// Summary.
    pub summary: String,
    /// Cost figures.
    pub cost: Cost,
    /// One entry per dimension of the framework.
    pub ratings: TiVec<DimensionId, Rating>,
}

/// Cost figures of an assessment; each may be missing.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct Cost {
    /// Cost per user.
    pub per_user: Option<f64>,
    /// Cost as % of revenue.
    pub percent_of_revenue: Option<f64>,
    /// Users served.
    pub users: Option<i64>,
    /// Currency.
    pub currency: String,
}

/// The rating of one dimension; `level` is `None` when not rated.
#[derive(Debug, Clone, Default)]
pub struct Rating {
    /// Scale level, or not rated.
    pub level: Option<LevelId>,
    /// Notes.
    pub notes: String,
    /// Evidence.
    pub evidence: Vec<Evidence>,
}

/// A peer benchmark.
#[derive(Debug, Clone)]
pub struct Benchmark {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The framework whose index and domains the peers' scores use.
    pub framework: FrameworkId,
    /// Source of the data.
    pub source: String,
    /// The comparison group's filter in the file's own words (sectors, size bands, regions),
    /// without the earliest year: `group_text` adds that in the reader's language.
    pub group_description: String,
    /// The earliest year of the peers' data the group takes, if it is limited.
    pub since_year: Option<i64>,
    /// Every peer in the file.
    pub peers: TiVec<PeerId, Peer>,
    /// The peers in the comparison group.
    pub group: Vec<PeerId>,
    /// Where it was written.
    pub origin: Origin,
}

impl Benchmark {
    /// The comparison group in words, its earliest year phrased by `since` ("since 2022" in
    /// English), so that the same group reads naturally in each language.
    pub fn group_text(&self, since: impl Fn(i64) -> String) -> String {
        let since = self.since_year.map(since);
        [
            Some(self.group_description.clone()).filter(|d| !d.is_empty()),
            since,
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
    }
}

/// A peer.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Peer {
    /// Anonymous id.
    pub id: String,
    /// Sector.
    pub sector: String,
    /// Size band.
    pub size_band: String,
    /// Region.
    pub region: String,
    /// Year.
    pub year: i64,
    /// Index.
    pub index: f64,
    /// Domain scores (missing as `None`).
    #[schemars(with = "Vec<Option<f64>>")]
    pub domains: TiVec<DomainId, Option<f64>>,
    /// Cost per user.
    pub cost_per_user: Option<f64>,
    /// Cost as % of revenue.
    pub cost_percent_of_revenue: Option<f64>,
}

/// A QMS component.
#[derive(Debug, Clone)]
pub struct QmsComponent {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Purpose.
    pub purpose: String,
    /// Owner.
    pub owner: String,
    /// Current level 0–5.
    pub current_level: i64,
    /// Target level 0–5.
    pub target_level: i64,
    /// Direction.
    pub direction: Direction,
    /// Why.
    pub rationale: String,
    /// Review cadence in months.
    pub review_months: i64,
    /// Last review.
    pub last_review: Option<Date>,
    /// When the next review is due: the last review plus the cadence (none when never reviewed).
    pub review_due: Option<Date>,
    /// Clauses.
    pub clauses: Vec<&'static str>,
    /// Dimensions.
    pub dimensions: Vec<DimensionRef>,
    /// Where it was written.
    pub origin: Origin,
}

/// An improvement.
#[derive(Debug, Clone)]
pub struct Improvement {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Raised on.
    pub raised: Date,
    /// Raised by.
    pub raised_by: String,
    /// Source.
    pub source: Source,
    /// Originating assessment.
    pub assessment: Option<AssessmentId>,
    /// Description.
    pub description: String,
    /// Justification.
    pub justification: String,
    /// Priority.
    pub priority: Priority,
    /// Size.
    pub size: Option<Size>,
    /// KPI.
    pub kpi: String,
    /// KPI target.
    pub target: String,
    /// Owner.
    pub owner: String,
    /// Due date.
    pub due: Option<Date>,
    /// Status.
    pub status: Status,
    /// 10.2 part.
    pub part: Part,
    /// Direction.
    pub direction: Direction,
    /// Clauses.
    pub clauses: Vec<&'static str>,
    /// Dimensions.
    pub dimensions: Vec<DimensionRef>,
    /// QMS components.
    pub qms: Vec<QmsId>,
    /// Expected effect.
    pub expected_effect: String,
    /// Measured result.
    pub measured_result: String,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// Where it was written.
    pub origin: Origin,
}

/// Coverage of one clause.
#[derive(Debug, Clone)]
pub struct ClauseCoverage {
    /// Level.
    pub level: CoverageLevel,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// Notes.
    pub notes: String,
    /// Last reviewed.
    pub reviewed: Option<Date>,
}

/// A narrative page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path below `content/pages/` without `.md`.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Order.
    pub weight: i64,
    /// Summary.
    pub summary: String,
    /// Markdown body.
    pub markdown: String,
    /// The source file (relative), for messages.
    pub file: PathBuf,
    /// Line where the body starts (1-based), to locate problems in it.
    pub body_line: usize,
    /// Where the page stands in the full report, if it is part of it.
    pub report: Option<ReportSection>,
    /// Whether the page is listed in the top navigation.
    pub menu: bool,
    /// A draft: rendered and checked like any page, never published.
    pub draft: bool,
    /// Shown in the default language: the language being built has no translation of it.
    pub fallback: bool,
}

impl Improvement {
    /// True when the action is still open and its due date has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        is_overdue(self.status, self.due, today)
    }
}

/// True when an improvement with this status and due date is open and past due; validation asks
/// before the improvement exists, so it takes the two fields.
pub fn is_overdue(status: Status, due: Option<Date>, today: Date) -> bool {
    status.is_open() && due.is_some_and(|d| d < today)
}

impl SiteConfig {
    /// The folder below the output root these pages go into: `""` for the default language,
    /// `"cs/"` for another.
    pub fn prefix(&self) -> String {
        self.prefix_of(&self.language)
    }

    /// The folder below the output root the pages in `language` go into.
    pub fn prefix_of(&self, language: &str) -> String {
        if language == self.default_language {
            String::new()
        } else {
            format!("{language}/")
        }
    }
}

impl Framework {
    /// The top of the scale, the top of every chart axis.
    pub fn scale_max(&self) -> f64 {
        self.scale.last().map_or(100.0, |l| l.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn benchmark(description: &str, since_year: Option<i64>) -> Benchmark {
        Benchmark {
            id: "b".into(),
            title: "B".into(),
            framework: FrameworkId::from(0),
            source: String::new(),
            group_description: description.into(),
            since_year,
            peers: TiVec::new(),
            group: Vec::new(),
            origin: Origin {
                file: PathBuf::from("content/benchmarks/b.toml"),
                position: Position { line: 1, col: 1 },
            },
        }
    }

    #[test]
    fn the_group_names_its_earliest_year_in_the_words_it_is_given() {
        let since = |y: i64| format!("seit {y}");
        assert_eq!(
            benchmark("utilities · EU", Some(2024)).group_text(since),
            "utilities · EU · seit 2024"
        );
        assert_eq!(benchmark("", Some(2024)).group_text(since), "seit 2024");
        assert_eq!(benchmark("utilities", None).group_text(since), "utilities");
        assert_eq!(benchmark("", None).group_text(since), "");
    }
}
