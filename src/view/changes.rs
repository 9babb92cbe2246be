//! The "What changed" page: in words, what moved between the two latest published reports (or
//! over the last commits): the index, each rating, actions opened and closed, clauses newly
//! covered, QMS levels and targets.

use schemars::JsonSchema;
use serde::Serialize;

use super::compare::{ChangeLine, fill};
use super::{Built, Ctx, PageView};
use crate::report::compare::{Comparison, DimensionChange};
use crate::report::history::{ChangesBasis, Revision, WhatChanged};

/// The "What changed" page's view.
#[derive(Serialize, JsonSchema)]
pub struct ChangesView {
    /// Which two states are compared, and why those, in a sentence.
    pub basis: String,
    /// The older state.
    pub from: String,
    /// The newer state.
    pub to: String,
    /// The index and the assessments, in sentences.
    pub summary: Vec<String>,
    /// Ratings that moved.
    pub ratings: Vec<ChangeLine>,
    /// Actions opened, closed or changed.
    pub actions: Vec<ChangeLine>,
    /// Clauses whose coverage changed.
    pub clauses: Vec<ChangeLine>,
    /// QMS components whose level, target, direction or owner changed.
    pub qms: Vec<ChangeLine>,
    /// Nothing in the report changed.
    pub nothing: bool,
    /// Why the two states could not be compared, when they could not.
    pub problem: Option<String>,
}

fn revision(r: &Revision) -> String {
    format!("{} ({}, {})", r.name, r.commit, r.date)
}

/// Builds the "What changed" page.
pub(super) fn changes<'a>(ctx: &'a Ctx) -> Built<'a> {
    let Some(w) = ctx.report.history.as_ref().and_then(|h| h.changes.as_ref()) else {
        return Built::plain(PageView::Changes(empty(ctx)), 0);
    };
    let basis = match &w.basis {
        ChangesBasis::Tags { .. } => ctx.t.get("changes_basis_tags"),
        ChangesBasis::SinceTag { .. } => ctx.t.get("changes_basis_since"),
        ChangesBasis::Commits { .. } => ctx.t.get("changes_basis_commits"),
    };
    let count = match &w.basis {
        ChangesBasis::Commits { count } => count.to_string(),
        _ => String::new(),
    };
    let (from, to) = (revision(&w.from), revision(&w.to));
    let mut view = ChangesView {
        basis: fill(&basis, &[("from", &from), ("to", &to), ("count", &count)]),
        from,
        to,
        summary: Vec::new(),
        ratings: Vec::new(),
        actions: Vec::new(),
        clauses: Vec::new(),
        qms: Vec::new(),
        nothing: false,
        problem: w.problem.clone(),
    };
    if let Some(c) = &w.comparison {
        fill_in(ctx, w, c, &mut view);
    }
    Built::plain(PageView::Changes(view), 0)
}

fn empty(ctx: &Ctx) -> ChangesView {
    ChangesView {
        basis: String::new(),
        from: String::new(),
        to: String::new(),
        summary: Vec::new(),
        ratings: Vec::new(),
        actions: Vec::new(),
        clauses: Vec::new(),
        qms: Vec::new(),
        nothing: true,
        problem: Some(ctx.t.get("changes_no_history")),
    }
}

/// The sentences of a comparison between two committed states.
fn fill_in(ctx: &Ctx, _w: &WhatChanged, c: &Comparison, view: &mut ChangesView) {
    let shown = ctx.comparison_view(c);
    let (old, new) = (c.old.assessment.as_ref(), c.new.assessment.as_ref());
    if let Some(n) = new
        && old.is_none_or(|o| o.id != n.id)
    {
        view.summary.push(fill(
            &ctx.t.get("changes_new_assessment"),
            &[("assessment", &n.title), ("date", &ctx.t.date(n.date))],
        ));
    }
    if c.index.old != c.index.new {
        let key = match c.index.delta {
            Some(d) if d > 0.0 => "changes_index_up",
            Some(d) if d < 0.0 => "changes_index_down",
            _ => "changes_index_other",
        };
        view.summary.push(fill(
            &ctx.t.get(key),
            &[
                ("old", &shown.index.old),
                ("new", &shown.index.new.text),
                ("change", &shown.index.new.delta_text),
            ],
        ));
    }
    view.ratings = c
        .dimensions
        .iter()
        .zip(&shown.dimensions)
        .map(|(d, v)| rating_line(ctx, d, v))
        .collect();
    view.actions = shown.improvements;
    view.clauses = shown.coverage;
    view.qms = shown.qms;
    view.nothing = view.summary.is_empty()
        && view.ratings.is_empty()
        && view.actions.is_empty()
        && view.clauses.is_empty()
        && view.qms.is_empty();
}

fn rating_line(
    ctx: &Ctx,
    d: &DimensionChange,
    v: &super::compare::DimensionChangeView,
) -> ChangeLine {
    let key = match d.value.delta {
        Some(x) if x > 0.0 => "changes_rating_up",
        Some(x) if x < 0.0 => "changes_rating_down",
        _ => "changes_rating_other",
    };
    ChangeLine {
        kind: v.new.trend.to_owned(),
        text: fill(
            &ctx.t.get(key),
            &[
                ("dimension", &v.label),
                ("old", &v.old_level),
                ("new", &v.new_level),
                ("change", &v.new.delta_text),
            ],
        ),
        url: v.url.clone(),
    }
}
