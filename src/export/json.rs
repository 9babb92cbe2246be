//! `qmsite export json`: the whole computed model as one deterministic JSON document, for
//! dashboards, scripts and archives. Its JSON Schema is written by `qmsite schema`.

use schemars::JsonSchema;
use serde::Serialize;

use crate::content::model::Direction;
use crate::content::model::framework::IndexRollup;
use crate::content::model::improvement::{Part, Priority, Size, Source, Status};
use crate::report::{self, Distribution, PeerFigure, Report};
use crate::site::{
    Assessment, AssessmentId, Benchmark, BenchmarkId, Cost, DimensionRef, Evidence, Framework,
    Improvement, Peer, QmsComponent, Site,
};

/// Names the document's format, so readers can tell it from other JSON.
pub const FORMAT: &str = "qmsite-report";

mod coverage;

pub use coverage::{ClauseExport, CoverageExport, CoverageGroupExport};

/// The version of the document's shape; raised when a field changes meaning or goes away.
pub const VERSION: u32 = 1;

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
    /// Where the organisation stands in the assessment cycle.
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
    /// The assessment before it (same framework), by id.
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

/// The assessment cycle.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CycleExport {
    /// The latest assessment of the main framework.
    pub last_assessment: Option<String>,
    /// When the next one is due.
    pub next_due: Option<String>,
    /// Days from the build date to the due date (negative when overdue).
    pub days_to_next: Option<i64>,
    /// The current step, 1 to 6.
    pub step: u8,
}

/// Projects the site and its report into the export document.
pub fn export(site: &Site, report: &Report) -> Export {
    Export {
        format: FORMAT,
        version: VERSION,
        site: SiteFacts {
            title: site.config.title.clone(),
            organisation: site.config.organisation.clone(),
            description: site.config.description.clone(),
            language: site.config.language.clone(),
            today: report.today.to_string(),
            cadence_years: site.config.cadence_years,
            main_framework: site.frameworks[site.main_framework].id.clone(),
        },
        frameworks: site.frameworks.iter().map(framework).collect(),
        assessments: site
            .assessments
            .iter_enumerated()
            .map(|(id, a)| assessment(site, report, id, a))
            .collect(),
        benchmarks: site
            .benchmarks
            .iter_enumerated()
            .map(|(id, b)| benchmark(site, report, id, b))
            .collect(),
        qms: site.qms.iter().map(|q| qms(site, report, q)).collect(),
        improvements: site
            .improvements
            .iter()
            .map(|i| improvement(site, report, i))
            .collect(),
        register: register(site, report),
        coverage: coverage::coverage(site, report),
        cycle: CycleExport {
            last_assessment: report.cycle.last_assessment.map(|d| d.to_string()),
            next_due: report.cycle.next_due.map(|d| d.to_string()),
            days_to_next: report.cycle.days_to_next,
            step: report.cycle.step,
        },
    }
}

/// The export as pretty JSON, ending with a line break.
pub fn to_json(site: &Site, report: &Report) -> String {
    // Serialising plain data cannot fail; an empty object would be caught by the schema check.
    serde_json::to_string_pretty(&export(site, report)).unwrap_or_else(|_| "{}".to_owned()) + "\n"
}

fn framework(f: &Framework) -> FrameworkExport {
    FrameworkExport {
        id: f.id.clone(),
        name: f.name.clone(),
        short_name: f.short_name.clone(),
        description: f.description.clone(),
        example: f.example,
        unit: f.unit.clone(),
        index_rollup: match f.index_rollup {
            IndexRollup::Domains => "domains",
            IndexRollup::Dimensions => "dimensions",
        },
        scale: f.scale.iter().cloned().collect(),
        domains: f
            .domains
            .iter()
            .map(|d| DomainExport {
                id: d.id.clone(),
                name: d.name.clone(),
                description: d.description.clone(),
                weight: d.weight,
            })
            .collect(),
        dimensions: f
            .dimensions
            .iter()
            .map(|d| DimensionExport {
                id: d.id.clone(),
                domain: f.domains[d.domain].id.clone(),
                name: d.name.clone(),
                description: d.description.clone(),
                weight: d.weight,
            })
            .collect(),
    }
}

fn assessment(site: &Site, report: &Report, id: AssessmentId, a: &Assessment) -> AssessmentExport {
    let fw = &site.frameworks[a.framework];
    let s = report.scores(id);
    let before = report.previous(id).map(|p| report.scores(p));
    AssessmentExport {
        id: a.id.clone(),
        title: a.title.clone(),
        framework: fw.id.clone(),
        date: a.date.to_string(),
        assessor: a.assessor.clone(),
        scope: a.scope.clone(),
        method: a.method.clone(),
        summary: a.summary.clone(),
        cost: a.cost.clone(),
        previous: report.previous(id).map(|p| site.assessments[p].id.clone()),
        index: s.index,
        index_change: report::delta(s.index, before.and_then(|b| b.index)),
        rated: s.rated,
        domains: fw
            .domains
            .iter_enumerated()
            .map(|(d, dom)| ScoreExport {
                domain: dom.id.clone(),
                score: s.domains[d],
                change: report::delta(s.domains[d], before.and_then(|b| b.domains[d])),
            })
            .collect(),
        ratings: fw
            .dimensions
            .iter_enumerated()
            .map(|(d, dim)| {
                let r = &a.ratings[d];
                RatingExport {
                    dimension: dim.id.clone(),
                    level: r.level.map(|l| fw.scale[l].id.clone()),
                    value: s.dimensions[d],
                    change: report::delta(s.dimensions[d], before.and_then(|b| b.dimensions[d])),
                    notes: r.notes.clone(),
                    evidence: r.evidence.clone(),
                }
            })
            .collect(),
    }
}

fn figure(p: &PeerFigure) -> PeerFigureExport {
    PeerFigureExport {
        distribution: p.distribution.clone(),
        ours: p.ours,
        percentile: p.percentile,
    }
}

fn benchmark(site: &Site, report: &Report, id: BenchmarkId, b: &Benchmark) -> BenchmarkExport {
    let s = &report.benchmarks[id];
    let fw = &site.frameworks[b.framework];
    BenchmarkExport {
        id: b.id.clone(),
        title: b.title.clone(),
        framework: fw.id.clone(),
        source: b.source.clone(),
        group: b.group_description.clone(),
        group_peers: b.group.iter().map(|&p| b.peers[p].id.clone()).collect(),
        peers: b.peers.iter().cloned().collect(),
        our_assessment: s.our_assessment.map(|a| site.assessments[a].id.clone()),
        index: figure(&s.index),
        domains: fw
            .domains
            .iter_enumerated()
            .map(|(d, dom)| DomainFigure {
                domain: dom.id.clone(),
                figure: figure(&s.domains[d]),
            })
            .collect(),
        cost_per_user: figure(&s.cost_per_user),
        cost_percent_of_revenue: figure(&s.cost_percent_of_revenue),
    }
}

fn dimension_ref(site: &Site, r: &DimensionRef) -> String {
    let fw = &site.frameworks[r.framework];
    format!("{}:{}", fw.id, fw.dimensions[r.dimension].id)
}

fn qms(site: &Site, report: &Report, q: &QmsComponent) -> QmsExport {
    QmsExport {
        id: q.id.clone(),
        name: q.name.clone(),
        purpose: q.purpose.clone(),
        owner: q.owner.clone(),
        current_level: q.current_level,
        target_level: q.target_level,
        direction: q.direction,
        rationale: q.rationale.clone(),
        review_months: q.review_months,
        last_review: q.last_review.map(|d| d.to_string()),
        review_due: q.review_due.map(|d| d.to_string()),
        review_overdue: q.review_due.is_none_or(|d| d < report.today),
        clauses: q.clauses.clone(),
        dimensions: q
            .dimensions
            .iter()
            .map(|d| dimension_ref(site, d))
            .collect(),
    }
}

fn improvement(site: &Site, report: &Report, i: &Improvement) -> ImprovementExport {
    ImprovementExport {
        id: i.id.clone(),
        title: i.title.clone(),
        raised: i.raised.to_string(),
        raised_by: i.raised_by.clone(),
        source: i.source,
        assessment: i.assessment.map(|a| site.assessments[a].id.clone()),
        description: i.description.clone(),
        justification: i.justification.clone(),
        priority: i.priority,
        size: i.size,
        kpi: i.kpi.clone(),
        target: i.target.clone(),
        owner: i.owner.clone(),
        due: i.due.map(|d| d.to_string()),
        status: i.status,
        overdue: i.is_overdue(report.today),
        part: i.part,
        direction: i.direction,
        clauses: i.clauses.clone(),
        dimensions: i
            .dimensions
            .iter()
            .map(|d| dimension_ref(site, d))
            .collect(),
        qms: i.qms.iter().map(|&q| site.qms[q].id.clone()).collect(),
        expected_effect: i.expected_effect.clone(),
        measured_result: i.measured_result.clone(),
        evidence: i.evidence.clone(),
    }
}

fn register(site: &Site, report: &Report) -> RegisterExport {
    let r = &report.register;
    RegisterExport {
        total: r.total,
        open: r.open,
        overdue: r
            .overdue
            .iter()
            .map(|&i| site.improvements[i].id.clone())
            .collect(),
        by_status: r.by_status.iter().map(|(k, v)| (k, *v)).collect(),
        by_part: r.by_part.iter().map(|(k, v)| (k, *v)).collect(),
        by_direction: r.by_direction.iter().map(|(k, v)| (k, *v)).collect(),
    }
}
