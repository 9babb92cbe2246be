//! Comparing two assessments of one framework, or two committed states of the site: the index,
//! every domain and dimension, the improvements opened and closed, the ISO/IEC 20000-1 coverage
//! and the IT QMS.
//!
//! A comparison is computed once here from the figures each side's [`Report`] already holds (a
//! score is never worked out a second way) and read by every output: the `qmsite diff` text,
//! Markdown and JSON, the comparison pages and the "What changed" page. Dimensions and domains
//! are matched by id, so two revisions whose framework gained or lost a dimension still compare.

use jiff::civil::Date;
use serde::Serialize;

use super::history::{Revision, StatusStep, status_on};
use super::{CoverageState, Report, StateSource, delta};
use crate::content::model::Direction;
use crate::content::model::improvement::Status;
use crate::site::{AssessmentId, DimensionId, DomainId, Framework, QmsComponent, Site};

/// One side of a comparison: a computed site and the assessment compared on it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The validated site.
    pub site: &'a Site,
    /// Its figures.
    pub report: &'a Report,
    /// The assessment compared, when the side has one.
    pub assessment: Option<AssessmentId>,
}

/// What one side of a comparison is.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// The committed state it was read from, when comparing revisions.
    pub revision: Option<Revision>,
    /// The assessment compared on this side.
    pub assessment: Option<AssessmentRef>,
}

/// An assessment named in a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Date,
    /// The id of the framework it rates.
    pub framework: String,
    /// The id of the unit assessed; none for the organisation as a whole.
    pub unit: Option<String>,
}

/// A figure on both sides and the change between them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ValueChange {
    /// On the older side; none when not rated (or absent).
    pub old: Option<f64>,
    /// On the newer side.
    pub new: Option<f64>,
    /// New minus old, when both are present.
    pub delta: Option<f64>,
}

impl ValueChange {
    fn of(old: Option<f64>, new: Option<f64>) -> ValueChange {
        ValueChange {
            old,
            new,
            delta: delta(new, old),
        }
    }
}

/// A domain's score on both sides.
#[derive(Debug, Clone, Serialize)]
pub struct DomainChange {
    /// Domain id.
    pub id: String,
    /// Domain name (the newer side's).
    pub name: String,
    /// Its score.
    pub score: ValueChange,
}

/// A dimension whose rating differs between the sides.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionChange {
    /// Dimension id.
    pub id: String,
    /// Dimension name (the newer side's).
    pub name: String,
    /// The id of its domain.
    pub domain: String,
    /// Its value.
    pub value: ValueChange,
    /// The older level's label; none when not rated.
    pub old_level: Option<String>,
    /// The newer level's label.
    pub new_level: Option<String>,
    /// The assessor's notes on the older side.
    pub old_notes: String,
    /// The assessor's notes on the newer side.
    pub new_notes: String,
}

/// What happened to an improvement between the sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImprovementEvent {
    /// It was raised (or entered the register).
    Opened,
    /// It went from an open status to done or rejected.
    Closed,
    /// It went from done or rejected back to an open status.
    Reopened,
    /// Its status changed between two open ones.
    StatusChanged,
    /// It left the register.
    Removed,
}

/// An improvement that was opened, closed or changed status.
#[derive(Debug, Clone, Serialize)]
pub struct ImprovementChange {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What happened.
    pub event: ImprovementEvent,
    /// Its status on the older side, when known.
    pub old_status: Option<Status>,
    /// Its status on the newer side, when known.
    pub new_status: Option<Status>,
}

/// A clause whose coverage differs between the sides.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseChange {
    /// Clause number.
    pub number: &'static str,
    /// Clause title.
    pub title: &'static str,
    /// Coverage on the older side.
    pub old: CoverageState,
    /// Coverage on the newer side.
    pub new: CoverageState,
}

/// What a QMS component is on one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QmsState {
    /// Current level 0–5.
    pub current: i64,
    /// Target level 0–5.
    pub target: i64,
    /// Direction.
    pub direction: Direction,
    /// Owner.
    pub owner: String,
}

/// A QMS component added, removed or changed.
#[derive(Debug, Clone, Serialize)]
pub struct QmsChange {
    /// Component id.
    pub id: String,
    /// Component name.
    pub name: String,
    /// On the older side; none when added.
    pub old: Option<QmsState>,
    /// On the newer side; none when removed.
    pub new: Option<QmsState>,
}

/// Something a reader of a comparison should know about what it could not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Note {
    /// Status changes between two assessment dates need the site's history in git.
    NoStatusHistory,
    /// Coverage and the QMS are kept as their current state only: compare revisions to see how
    /// they changed.
    StateNotDated,
    /// The older side has no assessment of the framework.
    NoOldAssessment,
    /// The newer side has no assessment of the framework.
    NoNewAssessment,
}

/// Everything that differs between two sides.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The older side.
    pub old: Point,
    /// The newer side.
    pub new: Point,
    /// The unit of scores (the newer framework's).
    pub unit: String,
    /// The index.
    pub index: ValueChange,
    /// Every domain, in the newer framework's order.
    pub domains: Vec<DomainChange>,
    /// The dimensions whose rating differs, in framework order.
    pub dimensions: Vec<DimensionChange>,
    /// How many dimensions are rated the same on both sides.
    pub unchanged_dimensions: usize,
    /// Improvements opened, closed or changed, by id.
    pub improvements: Vec<ImprovementChange>,
    /// Clauses whose coverage changed, in catalogue order.
    pub coverage: Vec<ClauseChange>,
    /// QMS components added, removed or changed, by id.
    pub qms: Vec<QmsChange>,
    /// What the comparison could not say.
    pub notes: Vec<Note>,
}

impl Comparison {
    /// The dimension whose value moved most (either way); the first in framework order on a tie.
    pub fn most_moved(&self) -> Option<&DimensionChange> {
        let mut best: Option<(&DimensionChange, f64)> = None;
        for d in &self.dimensions {
            if let Some(v) = d.value.delta.map(f64::abs)
                && v > 0.0
                && best.is_none_or(|(_, b)| v > b)
            {
                best = Some((d, v));
            }
        }
        best.map(|(d, _)| d)
    }
}

/// Compares two assessments of one site. Improvements raised between the two dates are opened;
/// with status `timelines` from the history, statuses on the two dates say what closed or
/// changed. Coverage and the QMS have no dated past in the files, so they are left to revisions.
pub fn assessments(
    site: &Site,
    report: &Report,
    old: AssessmentId,
    new: AssessmentId,
    timelines: Option<&std::collections::BTreeMap<String, Vec<StatusStep>>>,
) -> Comparison {
    let side = |a| Side {
        site,
        report,
        assessment: Some(a),
    };
    let mut c = scores(side(old), side(new));
    let (from, to) = (site.assessments[old].date, site.assessments[new].date);
    for i in site.improvements.iter() {
        let timeline = timelines.and_then(|t| t.get(&i.id));
        let (was, now) = match timeline {
            Some(t) => (status_on(t, from), status_on(t, to)),
            None => (None, Some(i.status)),
        };
        let raised_between = from < i.raised && i.raised <= to;
        let event = if raised_between {
            Some(ImprovementEvent::Opened)
        } else {
            was.zip(now).and_then(|(w, n)| status_event(w, n))
        };
        if let Some(event) = event {
            c.improvements.push(ImprovementChange {
                id: i.id.clone(),
                title: i.title.clone(),
                event,
                old_status: if raised_between { None } else { was },
                new_status: now,
            });
        }
    }
    if timelines.is_none() {
        c.notes.push(Note::NoStatusHistory);
    }
    c.notes.push(Note::StateNotDated);
    c
}

/// Compares two states of the site, each with the assessment given (usually its latest of the
/// main framework): scores, and the register, coverage and QMS as each state holds them.
pub fn revisions(old: Side, new: Side, revisions: (Revision, Revision)) -> Comparison {
    let mut c = scores(old, new);
    c.old.revision = Some(revisions.0);
    c.new.revision = Some(revisions.1);
    c.improvements = register_changes(old.site, new.site);
    c.coverage = coverage_changes(old.report, new.report);
    c.qms = qms_changes(old.site, new.site);
    c
}

/// The latest assessment on a site of the framework with this id (or of its main framework), in
/// the unit that stands for the site.
pub fn latest_of(site: &Site, framework: Option<&str>) -> Option<AssessmentId> {
    let f = framework
        .and_then(|id| site.frameworks.position(|f| f.id == id))
        .unwrap_or(site.main_framework);
    site.latest_in(site.lead_unit(f), f)
}

/// The event a change of status is, none when the status is the same.
fn status_event(was: Status, now: Status) -> Option<ImprovementEvent> {
    match (was.is_open(), now.is_open()) {
        _ if was == now => None,
        (true, false) => Some(ImprovementEvent::Closed),
        (false, true) => Some(ImprovementEvent::Reopened),
        _ => Some(ImprovementEvent::StatusChanged),
    }
}

fn assessment_ref(site: &Site, a: AssessmentId) -> AssessmentRef {
    let x = &site.assessments[a];
    AssessmentRef {
        id: x.id.clone(),
        title: x.title.clone(),
        date: x.date,
        framework: site.frameworks[x.framework].id.clone(),
        unit: site.units[x.unit].id.clone(),
    }
}

/// The index, domain and dimension part of a comparison, with empty lists for the rest.
fn scores(old: Side, new: Side) -> Comparison {
    let index = |s: Side| s.assessment.and_then(|a| s.report.scores(a).index);
    let mut notes = Vec::new();
    if old.assessment.is_none() {
        notes.push(Note::NoOldAssessment);
    }
    if new.assessment.is_none() {
        notes.push(Note::NoNewAssessment);
    }
    let (dimensions, unchanged_dimensions) = dimension_changes(old, new);
    Comparison {
        old: Point {
            revision: None,
            assessment: old.assessment.map(|a| assessment_ref(old.site, a)),
        },
        new: Point {
            revision: None,
            assessment: new.assessment.map(|a| assessment_ref(new.site, a)),
        },
        unit: framework_of(&new)
            .or(framework_of(&old))
            .map(|f| f.unit.clone())
            .unwrap_or_default(),
        index: ValueChange::of(index(old), index(new)),
        domains: domain_changes(old, new),
        dimensions,
        unchanged_dimensions,
        improvements: Vec::new(),
        coverage: Vec::new(),
        qms: Vec::new(),
        notes,
    }
}

/// The framework of a side's assessment.
fn framework_of<'a>(s: &Side<'a>) -> Option<&'a Framework> {
    s.assessment
        .map(|a| &s.site.frameworks[s.site.assessments[a].framework])
}

/// Every domain of the newer framework (then any only the older one has), matched by id.
fn domain_changes(old: Side, new: Side) -> Vec<DomainChange> {
    let (of, nf) = (framework_of(&old), framework_of(&new));
    let score = |s: &Side, f: Option<&Framework>, id: &str| -> Option<f64> {
        let d: DomainId = f?.domains.position(|d| d.id == id)?;
        s.report.scores(s.assessment?).domains[d]
    };
    let mut ids: Vec<(&str, &str)> = Vec::new();
    for f in [nf, of].into_iter().flatten() {
        for d in &f.domains {
            if !ids.iter().any(|(id, _)| *id == d.id) {
                ids.push((&d.id, &d.name));
            }
        }
    }
    ids.into_iter()
        .map(|(id, name)| DomainChange {
            id: id.to_owned(),
            name: name.to_owned(),
            score: ValueChange::of(score(&old, of, id), score(&new, nf, id)),
        })
        .collect()
}

/// The rating of a dimension on one side: its value, level label and notes.
fn rating(s: &Side, f: Option<&Framework>, id: &str) -> (Option<f64>, Option<String>, String) {
    let (Some(f), Some(a)) = (f, s.assessment) else {
        return (None, None, String::new());
    };
    let Some(&d) = f.dimension_by_id.get(id) else {
        return (None, None, String::new());
    };
    let r = &s.site.assessments[a].ratings[d];
    (
        s.report.scores(a).dimensions[d],
        r.level.map(|l| f.scale[l].label.clone()),
        r.notes.clone(),
    )
}

/// The dimensions rated differently, and how many are rated the same.
fn dimension_changes(old: Side, new: Side) -> (Vec<DimensionChange>, usize) {
    let (of, nf) = (framework_of(&old), framework_of(&new));
    let mut seen = std::collections::HashSet::new();
    let mut all: Vec<(&Framework, DimensionId)> = Vec::new();
    for f in [nf, of].into_iter().flatten() {
        for (d, dim) in f.dimensions.iter_enumerated() {
            if seen.insert(dim.id.as_str()) {
                all.push((f, d));
            }
        }
    }
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for (f, d) in all {
        let dim = &f.dimensions[d];
        let (ov, ol, on) = rating(&old, of, &dim.id);
        let (nv, nl, nn) = rating(&new, nf, &dim.id);
        if ov == nv && ol == nl {
            unchanged += 1;
            continue;
        }
        changes.push(DimensionChange {
            id: dim.id.clone(),
            name: dim.name.clone(),
            domain: f.domains[dim.domain].id.clone(),
            value: ValueChange::of(ov, nv),
            old_level: ol,
            new_level: nl,
            old_notes: on,
            new_notes: nn,
        });
    }
    (changes, unchanged)
}

/// Improvements opened, closed, changed or removed between two registers, by id.
fn register_changes(old: &Site, new: &Site) -> Vec<ImprovementChange> {
    let before: std::collections::HashMap<&str, Status> = old
        .improvements
        .iter()
        .map(|o| (o.id.as_str(), o.status))
        .collect();
    let after: std::collections::HashSet<&str> =
        new.improvements.iter().map(|i| i.id.as_str()).collect();
    let mut out = Vec::new();
    for i in new.improvements.iter() {
        let was = before.get(i.id.as_str()).copied();
        let event = match was {
            None => Some(ImprovementEvent::Opened),
            Some(w) => status_event(w, i.status),
        };
        if let Some(event) = event {
            out.push(ImprovementChange {
                id: i.id.clone(),
                title: i.title.clone(),
                event,
                old_status: was,
                new_status: Some(i.status),
            });
        }
    }
    for o in old.improvements.iter() {
        if !after.contains(o.id.as_str()) {
            out.push(ImprovementChange {
                id: o.id.clone(),
                title: o.title.clone(),
                event: ImprovementEvent::Removed,
                old_status: Some(o.status),
                new_status: None,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Clauses with an entry of their own on either side whose coverage differs, in catalogue order,
/// by the states the reports rolled up (a parent that only follows its sub-clauses is left to
/// them).
fn coverage_changes(old: &Report, new: &Report) -> Vec<ClauseChange> {
    crate::iso::CLAUSES
        .iter()
        .filter_map(|c| {
            let (was, now) = (old.coverage.state(c.number)?, new.coverage.state(c.number)?);
            let own = [was.source, now.source].contains(&StateSource::Own);
            (own && was.state != now.state).then_some(ClauseChange {
                number: c.number,
                title: c.title,
                old: was.state,
                new: now.state,
            })
        })
        .collect()
}

fn qms_state(q: &QmsComponent) -> QmsState {
    QmsState {
        current: q.current_level,
        target: q.target_level,
        direction: q.direction,
        owner: q.owner.clone(),
    }
}

/// QMS components added, removed or changed, by id.
fn qms_changes(old: &Site, new: &Site) -> Vec<QmsChange> {
    let mut out: Vec<QmsChange> = Vec::new();
    for q in new.qms.iter() {
        let was = old.qms.iter().find(|o| o.id == q.id).map(qms_state);
        let now = qms_state(q);
        if was.as_ref() != Some(&now) {
            out.push(QmsChange {
                id: q.id.clone(),
                name: q.name.clone(),
                old: was,
                new: Some(now),
            });
        }
    }
    for o in old
        .qms
        .iter()
        .filter(|o| !new.qms.iter().any(|q| q.id == o.id))
    {
        out.push(QmsChange {
            id: o.id.clone(),
            name: o.name.clone(),
            old: Some(qms_state(o)),
            new: None,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
