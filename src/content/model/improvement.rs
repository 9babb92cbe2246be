//! The improvement register: opportunities (A), actions (B) and service improvements (C).

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Direction, Link, SpannedDate};

/// One register file, e.g. `content/improvements/register.toml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    /// The entries.
    #[serde(default, rename = "improvement")]
    pub improvements: Vec<Improvement>,
}

/// One entry of the register (ITIL's CSI register plus the fields this domain needs).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Improvement {
    /// Unique id.
    #[schemars(with = "super::IdText")]
    pub id: Spanned<String>,
    /// Short title.
    pub title: String,
    /// Date raised.
    #[schemars(with = "crate::content::model::TomlDate")]
    pub raised: SpannedDate,
    /// Who raised it.
    pub raised_by: String,
    /// Where it came from.
    #[schemars(with = "Source")]
    pub source: Spanned<Source>,
    /// The assessment it came from, when the source is an assessment.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub assessment: Option<Spanned<String>>,
    /// What it is.
    #[serde(default)]
    pub description: String,
    /// Why it is worth doing (or, for "lower", why less is better).
    #[serde(default)]
    pub justification: String,
    /// Priority.
    #[schemars(with = "Priority")]
    pub priority: Spanned<Priority>,
    /// Size of the effort.
    #[serde(default)]
    #[schemars(with = "Option<Size>")]
    pub size: Option<Spanned<Size>>,
    /// The KPI that shows the effect.
    #[serde(default)]
    pub kpi: String,
    /// Target value of the KPI.
    #[serde(default)]
    pub target: String,
    /// Who is accountable.
    pub owner: String,
    /// Due date.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::model::TomlDate>")]
    pub due: Option<SpannedDate>,
    /// Where it stands.
    #[schemars(with = "Status")]
    pub status: Spanned<Status>,
    /// Which part of ISO/IEC 20000-1 clause 10.2 it serves.
    #[schemars(with = "Part")]
    pub part: Spanned<Part>,
    /// Raise, keep or deliberately lower.
    #[schemars(with = "Direction")]
    pub direction: Spanned<Direction>,
    /// ISO/IEC 20000-1 clauses it touches.
    #[serde(default)]
    #[schemars(with = "Vec<super::ClauseText>")]
    pub clauses: Vec<Spanned<String>>,
    /// Framework dimensions it touches.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub dimensions: Vec<Spanned<String>>,
    /// QMS components it touches.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub qms: Vec<Spanned<String>>,
    /// The effect expected.
    #[serde(default)]
    pub expected_effect: String,
    /// The effect measured once done.
    #[serde(default)]
    pub measured_result: String,
    /// Supporting documents.
    #[serde(default)]
    pub evidence: Vec<Link>,
}

/// Where an improvement came from.
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
pub enum Source {
    /// An ITQI assessment.
    Assessment,
    /// The quality/cost benchmark.
    Benchmark,
    /// An internal or external audit.
    Audit,
    /// A management review.
    ManagementReview,
    /// A QMS component review.
    QmsReview,
    /// A major incident or problem.
    Incident,
    /// Customer feedback or a satisfaction survey.
    CustomerFeedback,
    /// Anything else.
    Other,
}

impl Source {
    /// The key used in files and in theme string tables.
    pub fn key(self) -> &'static str {
        match self {
            Source::Assessment => "assessment",
            Source::Benchmark => "benchmark",
            Source::Audit => "audit",
            Source::ManagementReview => "management-review",
            Source::QmsReview => "qms-review",
            Source::Incident => "incident",
            Source::CustomerFeedback => "customer-feedback",
            Source::Other => "other",
        }
    }
}

/// Priority of an improvement.
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
pub enum Priority {
    /// Must be done now.
    Critical,
    /// Important.
    High,
    /// Normal.
    Medium,
    /// When there is room.
    Low,
}

impl Priority {
    /// Every priority, most urgent first.
    pub const ALL: [Priority; 4] = [
        Priority::Critical,
        Priority::High,
        Priority::Medium,
        Priority::Low,
    ];

    /// Its place from most urgent (0, critical) down, so a table sorts priorities by urgency and
    /// not by their names.
    pub fn rank(self) -> usize {
        self as usize
    }

    /// The key used in files and in theme string tables.
    pub fn key(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }
}

/// Size of the effort (T-shirt sizes).
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
pub enum Size {
    /// Days.
    S,
    /// Weeks.
    M,
    /// Months.
    L,
    /// A programme.
    XL,
}

impl Size {
    /// The key used in files, as readers see it.
    pub fn key(self) -> &'static str {
        match self {
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
            Size::XL => "XL",
        }
    }
}

/// Where an improvement stands.
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
pub enum Status {
    /// Identified, not yet decided.
    Proposed,
    /// Decided and planned.
    Approved,
    /// Being implemented.
    InProgress,
    /// Paused.
    OnHold,
    /// Implemented.
    Done,
    /// Decided against.
    Rejected,
}

impl Status {
    /// Every status in workflow order.
    pub const ALL: [Status; 6] = [
        Status::Proposed,
        Status::Approved,
        Status::InProgress,
        Status::OnHold,
        Status::Done,
        Status::Rejected,
    ];

    /// Its place in workflow order (0, proposed, to 5, rejected), so a table sorts statuses the
    /// way work moves and not by their names or icons.
    pub fn rank(self) -> usize {
        self as usize
    }

    /// True while the action still has to be carried out (it can be overdue).
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Done | Status::Rejected)
    }

    /// The key used in files and in theme string tables.
    pub fn key(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Approved => "approved",
            Status::InProgress => "in-progress",
            Status::OnHold => "on-hold",
            Status::Done => "done",
            Status::Rejected => "rejected",
        }
    }
}

/// The part of ISO/IEC 20000-1 clause 10.2 an improvement serves.
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
pub enum Part {
    /// A: identify opportunities for improvement.
    A,
    /// B: implement actions that keep the SMS suitable, adequate and effective.
    B,
    /// C: improve service performance, satisfaction and quality.
    C,
}

impl Part {
    /// Every part.
    pub const ALL: [Part; 3] = [Part::A, Part::B, Part::C];

    /// The key used in files and in theme string tables.
    pub fn key(self) -> &'static str {
        match self {
            Part::A => "A",
            Part::B => "B",
            Part::C => "C",
        }
    }
}
