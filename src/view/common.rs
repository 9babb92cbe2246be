//! The pieces many views share: links, figures with their change, assessment summaries, the
//! improvement card and the framework's facts.

use schemars::JsonSchema;
use serde::Serialize;

use super::Ctx;
use super::text::TextPart;
use crate::plan::paths;
use crate::render::charts::round1;
use crate::render::strings::Strings;
use crate::report;
use crate::site::{
    AssessmentId, DimensionId, Evidence, FrameworkId, Improvement, ImprovementId, ScaleLevel,
    UnitId,
};

/// A link: its text and its address relative to the site root.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Link {
    /// The link text.
    pub label: String,
    /// The address, relative to the site root (templates prefix `root`).
    pub url: String,
}

/// A figure with its change since the previous assessment, ready to print.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Figure {
    /// The value rounded to one decimal, none when not rated.
    pub value: Option<f64>,
    /// The value as printed, or the "not rated" text.
    pub text: String,
    /// The change rounded to one decimal, none when either side is not rated.
    pub delta: Option<f64>,
    /// The change as printed with its sign; empty when there is none.
    pub delta_text: String,
    /// "up", "down", "flat" or "none": how templates draw the change.
    pub trend: &'static str,
    /// When the value fell on purpose: the improvements with direction "lower" that explain the
    /// fall. Templates then show the change in a neutral style as deliberate, linked to them.
    pub deliberate: Vec<Link>,
}

/// The direction of a change as templates name it.
pub fn trend_of(v: Option<f64>) -> &'static str {
    match v.map(round1) {
        Some(v) if v > 0.0 => "up",
        Some(v) if v < 0.0 => "down",
        Some(_) => "flat",
        None => "none",
    }
}

/// A figure and its change from `before`, the change signed as the strings `t` write it.
pub fn figure(t: &Strings, value: Option<f64>, before: Option<f64>, none: &str) -> Figure {
    let delta = report::delta(value, before);
    Figure {
        value: value.map(round1),
        text: t.figure(value, none),
        delta: delta.map(round1),
        delta_text: t.signed(delta),
        trend: trend_of(delta),
        deliberate: Vec::new(),
    }
}

/// One assessment in a line: what lists and tiles show of it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AssessmentSummary {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its date as the site's language writes it.
    pub date: String,
    /// Its page.
    pub url: String,
    /// The short name of the framework rated.
    pub framework: String,
    /// The name of the unit assessed.
    pub unit: String,
    /// The assessor.
    pub assessor: String,
    /// The index and its change since the previous assessment.
    pub index: Figure,
    /// Dimensions rated.
    pub rated: usize,
    /// Dimensions of the framework.
    pub total: usize,
}

/// One improvement with every field a card, a table row or a list shows.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ImprovementView {
    /// Its id.
    pub id: String,
    /// Its anchor on the plan page.
    pub anchor: String,
    /// Its place on the plan page.
    pub url: String,
    /// Title.
    pub title: String,
    /// Date raised.
    pub raised: String,
    /// Who raised it.
    pub raised_by: String,
    /// Source key (e.g. "management-review").
    pub source: &'static str,
    /// Source in words.
    pub source_label: String,
    /// The assessment it came from.
    pub assessment: Option<Link>,
    /// Description, its ids of improvements linked.
    pub description: Vec<TextPart>,
    /// Justification, its ids of improvements linked.
    pub justification: Vec<TextPart>,
    /// Priority key.
    pub priority: &'static str,
    /// Priority in words.
    pub priority_label: String,
    /// Priority as a sort key, most urgent (critical) 0.
    pub priority_rank: usize,
    /// Size (S, M, L, XL), empty when not given.
    pub size: &'static str,
    /// KPI.
    pub kpi: String,
    /// KPI target.
    pub target: String,
    /// Owner.
    pub owner: String,
    /// Due date as the site's language writes it, empty when none.
    pub due: String,
    /// Due date as YYYY-MM-DD, empty when none: the register sorts by it whatever the language.
    pub due_sort: String,
    /// Status key.
    pub status: &'static str,
    /// Status in words.
    pub status_label: String,
    /// Status as a sort key in workflow order, proposed 0 to rejected 5.
    pub status_rank: usize,
    /// Still to be carried out: neither done nor rejected.
    pub open: bool,
    /// Part of clause 10.2 (A, B or C).
    pub part: &'static str,
    /// The part in words.
    pub part_label: String,
    /// Direction key (raise, keep, lower).
    pub direction: &'static str,
    /// Direction in words.
    pub direction_label: String,
    /// Open and past its due date.
    pub overdue: bool,
    /// ISO/IEC 20000-1 clauses it touches.
    pub clauses: Vec<Link>,
    /// Dimensions it touches.
    pub dimensions: Vec<Link>,
    /// QMS components it touches.
    pub qms: Vec<Link>,
    /// Expected effect.
    pub expected_effect: Vec<TextPart>,
    /// Measured result.
    pub measured_result: Vec<TextPart>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// Its status over time, from the site's git history; empty without it.
    pub timeline: Vec<super::TimelineStep>,
}

/// What pages show of a framework.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FrameworkInfo {
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
    /// Its overview page.
    pub url: String,
    /// Number of dimensions.
    pub dimension_count: usize,
    /// Number of domains.
    pub domain_count: usize,
    /// The scale, lowest first.
    pub scale: Vec<ScaleLevelView>,
}

/// A level of a framework's scale with its value as the site's language writes it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScaleLevelView {
    /// The level as the framework defines it.
    #[serde(flatten)]
    pub level: ScaleLevel,
    /// Its value, printed.
    pub value_text: String,
}

impl Ctx<'_> {
    /// The link to a dimension's page, labelled with its id and name.
    pub(super) fn dimension_link(&self, r: crate::site::DimensionRef) -> Link {
        let fw = &self.site.frameworks[r.framework];
        let d = &fw.dimensions[r.dimension];
        Link {
            label: format!("{} {}", d.id, d.name),
            url: paths::dimension(&fw.id, &d.id),
        }
    }

    /// The link to a clause on the coverage page, labelled with its number and title.
    pub(super) fn clause_link(&self, number: &str) -> Link {
        let title = crate::iso::find(number).map_or_else(String::new, |c| self.t.clause_title(c));
        Link {
            label: format!("{number} {title}"),
            url: paths::clause(number),
        }
    }

    /// The link to a QMS component on the QMS page.
    pub(super) fn qms_link(&self, q: crate::site::QmsId) -> Link {
        let q = &self.site.qms[q];
        Link {
            label: format!("{} {}", q.id, q.name),
            url: paths::qms(&q.id),
        }
    }

    /// An improvement as every view shows it.
    pub(super) fn improvement_view(&self, i: &Improvement) -> ImprovementView {
        let t = &self.t;
        ImprovementView {
            id: i.id.clone(),
            anchor: paths::slug(&i.id),
            url: paths::improvement(&i.id),
            title: i.title.clone(),
            raised: t.date(i.raised),
            raised_by: i.raised_by.clone(),
            source_label: t.get(&format!("source_{}", i.source.key())),
            source: i.source.key(),
            assessment: i.assessment.map(|a| {
                let a = &self.site.assessments[a];
                Link {
                    label: a.title.clone(),
                    url: paths::assessment(&a.id),
                }
            }),
            description: self.linked(&i.description),
            justification: self.linked(&i.justification),
            priority_label: t.get(&format!("priority_{}", i.priority.key())),
            priority: i.priority.key(),
            priority_rank: i.priority.rank(),
            size: i.size.map_or("", |s| s.key()),
            kpi: i.kpi.clone(),
            target: i.target.clone(),
            owner: i.owner.clone(),
            due: i.due.map(|d| t.date(d)).unwrap_or_default(),
            due_sort: i.due.map(|d| d.to_string()).unwrap_or_default(),
            status: i.status.key(),
            status_label: t.get(&format!("status_{}", i.status.key())),
            status_rank: i.status.rank(),
            open: i.status.is_open(),
            part: i.part.key(),
            part_label: t.get(&format!("part_{}", i.part.key())),
            direction: i.direction.key(),
            direction_label: t.get(&format!("direction_{}", i.direction.key())),
            overdue: i.is_overdue(self.report.today),
            clauses: i.clauses.iter().map(|c| self.clause_link(c)).collect(),
            dimensions: i
                .dimensions
                .iter()
                .map(|d| self.dimension_link(*d))
                .collect(),
            qms: i.qms.iter().map(|&q| self.qms_link(q)).collect(),
            expected_effect: self.linked(&i.expected_effect),
            measured_result: self.linked(&i.measured_result),
            evidence: i.evidence.clone(),
            timeline: self.timeline(&i.id),
        }
    }

    /// An assessment in a line, with its index and the change since the one before.
    pub(super) fn assessment_summary(&self, id: AssessmentId) -> AssessmentSummary {
        let a = &self.site.assessments[id];
        let fw = &self.site.frameworks[a.framework];
        let s = self.report.scores(id);
        let before = self
            .report
            .previous(id)
            .and_then(|p| self.report.scores(p).index);
        AssessmentSummary {
            id: a.id.clone(),
            title: a.title.clone(),
            date: self.t.date(a.date),
            url: paths::assessment(&a.id),
            framework: fw.short_name.clone(),
            unit: self.site.units[a.unit].name.clone(),
            assessor: a.assessor.clone(),
            index: figure(&self.t, s.index, before, &self.t.get("not_rated")),
            rated: s.rated,
            total: fw.dimensions.len(),
        }
    }

    /// The facts of a framework.
    pub(super) fn framework_info(&self, f: FrameworkId) -> FrameworkInfo {
        let fw = &self.site.frameworks[f];
        FrameworkInfo {
            id: fw.id.clone(),
            name: fw.name.clone(),
            short_name: fw.short_name.clone(),
            description: fw.description.clone(),
            example: fw.example,
            unit: self.t.after_figure(&fw.unit),
            url: paths::framework(&fw.id),
            dimension_count: fw.dimensions.len(),
            domain_count: fw.domains.len(),
            scale: fw
                .scale
                .iter()
                .map(|l| ScaleLevelView {
                    level: l.clone(),
                    value_text: self.t.formats().as_given(l.value),
                })
                .collect(),
        }
    }

    /// The label of a rating's level, or "not rated".
    pub(super) fn level_label(
        &self,
        f: FrameworkId,
        level: Option<crate::site::LevelId>,
    ) -> String {
        level.map_or_else(
            || self.t.get("not_rated"),
            |l| self.site.frameworks[f].scale[l].label.clone(),
        )
    }

    /// Links to the improvements that explain a fall of dimension `d` at assessment `a`.
    pub(super) fn deliberate_links(&self, a: AssessmentId, d: DimensionId) -> Vec<Link> {
        self.improvement_links(self.report.deliberate(a, d))
    }

    /// Links to improvements on the plan page, labelled with their ids.
    pub(super) fn improvement_links(&self, ids: &[ImprovementId]) -> Vec<Link> {
        ids.iter()
            .map(|&i| {
                let imp = &self.site.improvements[i];
                Link {
                    label: imp.id.clone(),
                    url: paths::improvement(&imp.id),
                }
            })
            .collect()
    }

    /// A dimension's value at an assessment and its change since the one before in its unit,
    /// with the improvements that explain a fall.
    pub(super) fn dimension_figure(&self, a: AssessmentId, d: DimensionId) -> Figure {
        let before = self
            .report
            .previous(a)
            .and_then(|p| self.report.scores(p).dimensions[d]);
        Figure {
            deliberate: self.deliberate_links(a, d),
            ..figure(
                &self.t,
                self.report.scores(a).dimensions[d],
                before,
                &self.t.get("not_rated"),
            )
        }
    }

    /// A unit as pages name it: its name, and its place on the units page when the site has one.
    pub(super) fn unit_link(&self, u: UnitId) -> Link {
        Link {
            label: self.site.units[u].name.clone(),
            url: if self.site.several_units() {
                paths::unit(self.site.units[u].id.as_deref())
            } else {
                String::new()
            },
        }
    }

    /// A path as pages print it: relative to the site root, with `/` between folders.
    pub(super) fn file_text(path: &std::path::Path) -> String {
        path.to_string_lossy().replace('\\', "/")
    }
}
