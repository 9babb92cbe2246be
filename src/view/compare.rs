//! Comparison pages: two consecutive assessments of a framework side by side, built from the one
//! comparison of [`crate::report::compare`]; and the data behind the assessments page's "compare
//! any two" form.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{Figure, figure};
use super::{Built, Ctx, PageView};
use crate::plan::paths;
use crate::report::compare::{self, Comparison, ImprovementEvent, QmsChange, ValueChange};
use crate::site::AssessmentId;

/// One side of a comparison as a page shows it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SideView {
    /// The assessment's title, or "no assessment".
    pub title: String,
    /// Its date as the site's language writes it; empty when there is none.
    pub date: String,
    /// Its page, when it exists in the site as built.
    pub url: Option<String>,
    /// The revision it was read from (`report-2026q1 · 1a2b3c4 · 2026-04-02`), when from git.
    pub revision: Option<String>,
}

/// A figure on both sides.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeRow {
    /// What it is (the index, a domain).
    pub label: String,
    /// The older value, printed.
    pub old: String,
    /// The newer value with the change.
    pub new: Figure,
}

/// A dimension rated differently.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DimensionChangeView {
    /// Id and name.
    pub label: String,
    /// Its page, when it exists in the site as built.
    pub url: Option<String>,
    /// The older level, or "not rated".
    pub old_level: String,
    /// The newer level, or "not rated".
    pub new_level: String,
    /// The older value, printed.
    pub old: String,
    /// The newer value with the change.
    pub new: Figure,
    /// The assessor's notes on the older side.
    pub old_notes: String,
    /// The assessor's notes on the newer side.
    pub new_notes: String,
}

/// Something in the register, the coverage or the QMS that changed, in words.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeLine {
    /// A key for styling: the event (opened, closed…) or the new coverage state.
    pub kind: String,
    /// The sentence.
    pub text: String,
    /// Where the thing is shown, when it exists in the site as built.
    pub url: Option<String>,
}

/// A comparison as pages show it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ComparisonView {
    /// The older side.
    pub old: SideView,
    /// The newer side.
    pub new: SideView,
    /// The unit of scores.
    pub unit: String,
    /// The index.
    pub index: ChangeRow,
    /// The dimension that moved most, in a sentence.
    pub most_moved: Option<String>,
    /// Every domain.
    pub domains: Vec<ChangeRow>,
    /// The dimensions rated differently.
    pub dimensions: Vec<DimensionChangeView>,
    /// How many dimensions are rated the same.
    pub unchanged_dimensions: usize,
    /// Improvements opened, closed or changed.
    pub improvements: Vec<ChangeLine>,
    /// Clauses whose coverage changed.
    pub coverage: Vec<ChangeLine>,
    /// QMS components added, removed or changed.
    pub qms: Vec<ChangeLine>,
    /// What the comparison could not say.
    pub notes: Vec<String>,
}

/// A comparison page's view.
#[derive(Serialize, JsonSchema)]
pub struct ComparePageView {
    /// The comparison.
    pub comparison: ComparisonView,
}

/// Replaces `{name}` in a string of the theme with values.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Builds the page comparing two consecutive assessments.
pub(super) fn page<'a>(ctx: &'a Ctx, old: AssessmentId, new: AssessmentId) -> Built<'a> {
    let timelines = ctx.report.history.as_ref().map(|h| &h.timelines);
    let c = compare::assessments(ctx.site, ctx.report, old, new, timelines);
    let view = ComparePageView {
        comparison: ctx.comparison_view(&c),
    };
    Built::plain(PageView::Comparison(view), 0)
}

impl Ctx<'_> {
    fn side_view(&self, p: &compare::Point) -> SideView {
        let a = p.assessment.as_ref();
        SideView {
            title: a.map_or_else(|| self.t.get("no_assessment_side"), |a| a.title.clone()),
            date: a.map(|a| self.t.date(a.date)).unwrap_or_default(),
            url: a
                .filter(|a| self.site.assessments.iter().any(|x| x.id == a.id))
                .map(|a| paths::assessment(&a.id)),
            revision: p
                .revision
                .as_ref()
                .map(|r| format!("{} · {} · {}", r.name, r.commit, r.date)),
        }
    }

    fn change_row(&self, label: String, v: &ValueChange) -> ChangeRow {
        let none = self.t.get("not_rated");
        ChangeRow {
            label,
            old: self.t.figure(v.old, &none),
            new: figure(&self.t, v.new, v.old, &none),
        }
    }

    /// The page of a dimension of the main framework, when it exists in the site as built.
    fn dimension_url(&self, framework: &str, id: &str) -> Option<String> {
        let fw = self.site.frameworks.iter().find(|f| f.id == framework)?;
        fw.dimension_by_id
            .contains_key(id)
            .then(|| paths::dimension(&fw.id, id))
    }

    /// A comparison as pages show it.
    pub(super) fn comparison_view(&self, c: &Comparison) -> ComparisonView {
        let none = self.t.get("not_rated");
        let framework = c
            .new
            .assessment
            .as_ref()
            .or(c.old.assessment.as_ref())
            .map(|a| a.framework.clone())
            .unwrap_or_default();
        let dimensions = c
            .dimensions
            .iter()
            .map(|d| DimensionChangeView {
                label: format!("{} {}", d.id, d.name),
                url: self.dimension_url(&framework, &d.id),
                old_level: d.old_level.clone().unwrap_or_else(|| none.clone()),
                new_level: d.new_level.clone().unwrap_or_else(|| none.clone()),
                old: self.t.figure(d.value.old, &none),
                new: figure(&self.t, d.value.new, d.value.old, &none),
                old_notes: d.old_notes.clone(),
                new_notes: d.new_notes.clone(),
            })
            .collect();
        ComparisonView {
            old: self.side_view(&c.old),
            new: self.side_view(&c.new),
            unit: c.unit.clone(),
            index: self.change_row(self.t.get("index"), &c.index),
            most_moved: c.most_moved().map(|d| {
                fill(
                    &self.t.get("compare_most_moved"),
                    &[
                        ("dimension", &format!("{} {}", d.id, d.name)),
                        ("change", &self.t.signed(d.value.delta)),
                    ],
                )
            }),
            domains: c
                .domains
                .iter()
                .map(|d| self.change_row(format!("{} {}", d.id, d.name), &d.score))
                .collect(),
            dimensions,
            unchanged_dimensions: c.unchanged_dimensions,
            improvements: c
                .improvements
                .iter()
                .map(|i| self.improvement_line(i))
                .collect(),
            coverage: c.coverage.iter().map(|k| self.clause_line(k)).collect(),
            qms: c.qms.iter().map(|q| self.qms_line(q)).collect(),
            notes: c
                .notes
                .iter()
                .map(|n| {
                    let key = serde_json::to_value(n)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    self.t.get(&format!("compare_note_{key}"))
                })
                .collect(),
        }
    }

    fn status_label(&self, s: Option<crate::content::model::improvement::Status>) -> String {
        s.map_or_else(String::new, |s| self.t.get(&format!("status_{}", s.key())))
    }

    fn improvement_line(&self, i: &compare::ImprovementChange) -> ChangeLine {
        let key = match i.event {
            ImprovementEvent::Opened => "opened",
            ImprovementEvent::Closed => "closed",
            ImprovementEvent::Reopened => "reopened",
            ImprovementEvent::StatusChanged => "status",
            ImprovementEvent::Removed => "removed",
        };
        let exists = self.site.improvements.iter().any(|x| x.id == i.id);
        ChangeLine {
            kind: key.to_owned(),
            text: fill(
                &self.t.get(&format!("changes_{key}")),
                &[
                    ("improvement", &format!("{} {}", i.id, i.title)),
                    ("old", &self.status_label(i.old_status)),
                    ("new", &self.status_label(i.new_status)),
                ],
            ),
            url: exists.then(|| paths::improvement(&i.id)),
        }
    }

    fn clause_line(&self, k: &compare::ClauseChange) -> ChangeLine {
        let rank = |s: crate::report::CoverageState| {
            crate::report::CoverageState::DISPLAY_ORDER
                .iter()
                .position(|x| *x == s)
        };
        let better = rank(k.new) < rank(k.old);
        let state = |s: crate::report::CoverageState| self.t.get(&format!("coverage_{}", s.key()));
        ChangeLine {
            kind: k.new.key().to_owned(),
            text: fill(
                &self.t.get(if better {
                    "changes_clause_better"
                } else {
                    "changes_clause_worse"
                }),
                &[
                    ("clause", &self.clause_link(k.number).label),
                    ("old", &state(k.old)),
                    ("new", &state(k.new)),
                ],
            ),
            url: Some(paths::clause(k.number)),
        }
    }

    fn qms_line(&self, q: &QmsChange) -> ChangeLine {
        let component = format!("{} {}", q.id, q.name);
        let (kind, text) = match (&q.old, &q.new) {
            (None, Some(n)) => (
                "added",
                fill(
                    &self.t.get("changes_qms_added"),
                    &[
                        ("component", &component),
                        ("current", &n.current.to_string()),
                        ("target", &n.target.to_string()),
                    ],
                ),
            ),
            (Some(_), None) => (
                "removed",
                fill(
                    &self.t.get("changes_qms_removed"),
                    &[("component", &component)],
                ),
            ),
            (Some(o), Some(n)) => ("changed", self.qms_fields(&component, o, n)),
            (None, None) => ("changed", component.clone()),
        };
        let exists = self.site.qms.iter().any(|x| x.id == q.id);
        ChangeLine {
            kind: kind.to_owned(),
            text,
            url: exists.then(|| paths::qms(&q.id)),
        }
    }

    /// The fields of a QMS component that changed, in one sentence.
    fn qms_fields(&self, component: &str, o: &compare::QmsState, n: &compare::QmsState) -> String {
        let mut parts = Vec::new();
        let mut part = |key: &str, old: String, new: String| {
            if old != new {
                parts.push(fill(&self.t.get(key), &[("old", &old), ("new", &new)]));
            }
        };
        part(
            "changes_qms_level",
            o.current.to_string(),
            n.current.to_string(),
        );
        part(
            "changes_qms_target",
            o.target.to_string(),
            n.target.to_string(),
        );
        let direction =
            |d: crate::content::model::Direction| self.t.get(&format!("direction_{}", d.key()));
        part(
            "changes_qms_direction",
            direction(o.direction),
            direction(n.direction),
        );
        part("changes_qms_owner", o.owner.clone(), n.owner.clone());
        format!("{component}: {}.", parts.join("; "))
    }
}
