//! The shape of the export document: every type `qmsite schema` describes in `export.json`.

use schemars::JsonSchema;
use serde::Serialize;

use crate::content::model::Direction;
use crate::content::model::improvement::{Part, Priority, Size, Source, Status};
use crate::report::{CoverageState, Distribution, StateSource};
use crate::site::{Cost, Evidence, Peer};

/// The whole computed report.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Export {
    /// Always "qmsite-report".
    pub format: &'static str,
    /// The version of this shape.
    pub version: u32,
    /// The site.
    pub site: SiteFacts,
    /// Every framework.
    pub frameworks: Vec<FrameworkExport>,
    /// The organisational units: the organisation as a whole first (id null), then those of
    /// qmsite.toml, each with its latest assessment of the main framework and its cycle.
    pub units: Vec<UnitExport>,
    /// Every assessment with its scores and changes, oldest first.
    pub assessments: Vec<AssessmentExport>,
    /// Every benchmark with its peer statistics.
    pub benchmarks: Vec<BenchmarkExport>,
    /// The IT QMS components.
    pub qms: Vec<QmsExport>,
    /// The improvement register with each entry's overdue state.
    pub improvements: Vec<ImprovementExport>,
    /// Register counts.
    pub register: RegisterExport,
    /// ISO/IEC 20000-1 coverage.
    pub coverage: CoverageExport,
    /// Where the unit the dashboard shows stands in its assessment cycle.
    pub cycle: CycleExport,
    /// Every page of the published site, from the page plan.
    pub pages: Vec<PageExport>,
}

/// A page of the published site.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PageExport {
    /// What it shows: its template's name without `.html` (`index`, `assessment`, `page`, …).
    pub kind: &'static str,
    /// Its path in the output.
    pub path: String,
    /// Its title.
    pub title: String,
}

/// An organisational unit.
#[derive(Debug, Serialize, JsonSchema)]
pub struct UnitExport {
    /// Its id in qmsite.toml; null for the organisation as a whole.
    pub id: Option<String>,
    /// Its name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// The unit the dashboard shows (and whose figures are placed among peers).
    pub main: bool,
    /// Its latest assessment of the main framework, by id.
    pub latest: Option<String>,
    /// Where it stands in its own assessment cycle.
    pub cycle: CycleExport,
}

/// The site's own facts.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SiteFacts {
    /// Site title.
    pub title: String,
    /// The organisation reported on.
    pub organisation: String,
    /// Description.
    pub description: String,
    /// Language code.
    pub language: String,
    /// The build date every overdue state and the cycle are measured against.
    pub today: String,
    /// Years between assessments.
    pub cadence_years: i64,
    /// The framework shown on the home page.
    pub main_framework: String,
    /// The audience edition exported, when the site has editions (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<EditionExport>,
}

/// An audience edition: what it is called and what it leaves out.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EditionExport {
    /// Its name, as on the command line.
    pub name: String,
    /// Its title, in the export's language.
    pub title: String,
    /// What it leaves out: `assessor-notes`, `justifications`, `owners`, `internal`.
    pub leave_out: Vec<crate::content::config::Category>,
}

/// A framework as data.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FrameworkExport {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Description.
    pub description: String,
    /// Written as an example.
    pub example: bool,
    /// Unit of scores.
    pub unit: String,
    /// What the index averages: "domains" or "dimensions".
    pub index_rollup: &'static str,
    /// The scale, lowest first.
    pub scale: Vec<crate::site::ScaleLevel>,
    /// The domains.
    pub domains: Vec<DomainExport>,
    /// The dimensions.
    pub dimensions: Vec<DimensionExport>,
}

/// A domain.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DomainExport {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Weight in the index.
    pub weight: f64,
}

/// A dimension.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DimensionExport {
    /// Id.
    pub id: String,
    /// Its domain's id.
    pub domain: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Weight within its domain.
    pub weight: f64,
}

/// An assessment with its scores.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AssessmentExport {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Framework id.
    pub framework: String,
    /// The unit assessed, by id; null for the organisation as a whole.
    pub unit: Option<String>,
    /// Date, YYYY-MM-DD.
    pub date: String,
    /// Assessor.
    pub assessor: String,
    /// Scope.
    pub scope: String,
    /// Method.
    pub method: String,
    /// Conclusion.
    pub summary: String,
    /// Cost figures.
    pub cost: Cost,
    /// The assessment before it (same unit and framework), by id.
    pub previous: Option<String>,
    /// The index; null when nothing is rated.
    pub index: Option<f64>,
    /// The change of the index since the previous assessment.
    pub index_change: Option<f64>,
    /// Dimensions rated.
    pub rated: usize,
    /// Each domain's score and change.
    pub domains: Vec<ScoreExport>,
    /// Each dimension's rating, value and change.
    pub ratings: Vec<RatingExport>,
}

/// A domain's score in an assessment.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ScoreExport {
    /// Domain id.
    pub domain: String,
    /// Score; null when none of its dimensions is rated.
    pub score: Option<f64>,
    /// Change since the previous assessment.
    pub change: Option<f64>,
}

/// A dimension's rating in an assessment.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RatingExport {
    /// Dimension id.
    pub dimension: String,
    /// Scale level id; null when not rated.
    pub level: Option<String>,
    /// The level's value; null when not rated.
    pub value: Option<f64>,
    /// Change since the previous assessment.
    pub change: Option<f64>,
    /// When the value fell on purpose: the ids of the improvements with direction "lower"
    /// that explain the fall.
    pub deliberate: Vec<String>,
    /// The assessor's notes.
    pub notes: String,
    /// Evidence seen.
    pub evidence: Vec<Evidence>,
}

/// A benchmark with its statistics.
#[derive(Debug, Serialize, JsonSchema)]
pub struct BenchmarkExport {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Framework id.
    pub framework: String,
    /// Where the data comes from.
    pub source: String,
    /// The comparison group in words.
    pub group: String,
    /// Ids of the peers in the comparison group.
    pub group_peers: Vec<String>,
    /// Every peer of the file.
    pub peers: Vec<Peer>,
    /// The assessment our values come from.
    pub our_assessment: Option<String>,
    /// The index among peers.
    pub index: PeerFigureExport,
    /// Each domain among peers.
    pub domains: Vec<DomainFigure>,
    /// Cost per user among peers.
    pub cost_per_user: PeerFigureExport,
    /// Cost as % of revenue among peers.
    pub cost_percent_of_revenue: PeerFigureExport,
}

/// A domain's figure among peers.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DomainFigure {
    /// Domain id.
    pub domain: String,
    /// The figure.
    pub figure: PeerFigureExport,
}

/// One figure's statistics in the comparison group.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PeerFigureExport {
    /// The group's distribution; null when no peer has a value.
    pub distribution: Option<Distribution>,
    /// Our value.
    pub ours: Option<f64>,
    /// Our percentile rank (ties count half).
    pub percentile: Option<f64>,
}

/// A QMS component.
#[derive(Debug, Serialize, JsonSchema)]
pub struct QmsExport {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Purpose.
    pub purpose: String,
    /// Owner.
    pub owner: String,
    /// Current level, 0 to 5.
    pub current_level: i64,
    /// Target level, 0 to 5.
    pub target_level: i64,
    /// Direction.
    pub direction: Direction,
    /// Why this direction.
    pub rationale: String,
    /// Months between reviews.
    pub review_months: i64,
    /// Last review.
    pub last_review: Option<String>,
    /// When the next review is due.
    pub review_due: Option<String>,
    /// Never reviewed, or past its review.
    pub review_overdue: bool,
    /// Clause numbers it serves.
    pub clauses: Vec<&'static str>,
    /// Dimensions it serves, as "framework:dimension".
    pub dimensions: Vec<String>,
}

/// An entry of the improvement register.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ImprovementExport {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Date raised.
    pub raised: String,
    /// Who raised it.
    pub raised_by: String,
    /// Source.
    pub source: Source,
    /// The assessment it came from.
    pub assessment: Option<String>,
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
    pub due: Option<String>,
    /// Status.
    pub status: Status,
    /// Open and past its due date on the build date.
    pub overdue: bool,
    /// Part of clause 10.2.
    pub part: Part,
    /// Direction.
    pub direction: Direction,
    /// Clause numbers.
    pub clauses: Vec<&'static str>,
    /// Dimensions, as "framework:dimension".
    pub dimensions: Vec<String>,
    /// QMS component ids.
    pub qms: Vec<String>,
    /// Expected effect.
    pub expected_effect: String,
    /// Measured result.
    pub measured_result: String,
    /// Evidence.
    pub evidence: Vec<Evidence>,
}

/// Register counts.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RegisterExport {
    /// Entries.
    pub total: usize,
    /// Entries still to be done.
    pub open: usize,
    /// Ids of the overdue entries.
    pub overdue: Vec<String>,
    /// Count by status.
    pub by_status: std::collections::BTreeMap<Status, usize>,
    /// Count by part of clause 10.2.
    pub by_part: std::collections::BTreeMap<Part, usize>,
    /// Count by direction.
    pub by_direction: std::collections::BTreeMap<Direction, usize>,
}

/// ISO/IEC 20000-1 coverage.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CoverageExport {
    /// Every clause of the catalogue, parents before their sub-clauses.
    pub clauses: Vec<ClauseExport>,
    /// Counts of the counted clauses by top-level clause.
    pub groups: Vec<CoverageGroupExport>,
    /// Counts over every counted clause.
    pub totals: std::collections::BTreeMap<CoverageState, usize>,
}

/// One clause.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ClauseExport {
    /// Number.
    pub number: &'static str,
    /// Short title.
    pub title: &'static str,
    /// The number of the clause it belongs to; none for 4 … 10.
    pub parent: Option<&'static str>,
    /// Counted in the totals (one clause on every branch of the catalogue).
    pub counted: bool,
    /// Its coverage state under the roll-up rule.
    pub state: CoverageState,
    /// Whether the state is its own entry's, rolled up from its sub-clauses, or neither.
    pub source: StateSource,
    /// When it has no level: the clause above it whose entry rates it as part of a whole.
    pub rated_with: Option<&'static str>,
    /// Evidence of its own entry.
    pub evidence: Vec<Evidence>,
    /// Remarks of its own entry.
    pub notes: String,
    /// When its own entry was last reviewed.
    pub reviewed: Option<String>,
}

/// Coverage counts of one top-level clause, or of one of its sections.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CoverageGroupExport {
    /// Clause number.
    pub number: &'static str,
    /// Title.
    pub title: &'static str,
    /// Count of its counted clauses by coverage state.
    pub counts: std::collections::BTreeMap<CoverageState, usize>,
    /// Its sections with their counts (clause 8: 8.1 … 8.7); empty for the others.
    pub sections: Vec<CoverageGroupExport>,
}

/// The assessment cycle.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CycleExport {
    /// The date of the unit's latest assessment of the main framework.
    pub last_assessment: Option<String>,
    /// When the next one is due.
    pub next_due: Option<String>,
    /// Days from the build date to the due date (negative when overdue).
    pub days_to_next: Option<i64>,
    /// The current step, 1 to 6.
    pub step: u8,
}
