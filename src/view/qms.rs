//! The IT QMS components.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{ImprovementView, Link};
use super::{Built, Ctx, PageView};
use crate::plan::paths;
use crate::render::charts::ChartView;

/// The IT QMS page.
#[derive(Serialize, JsonSchema)]
pub struct QmsView<'a> {
    /// Every component.
    pub components: Vec<ComponentView<'a>>,
    /// Current against target level of every component.
    pub charts: Vec<ChartView>,
}

/// One component of the IT QMS.
#[derive(Serialize, JsonSchema)]
pub struct ComponentView<'a> {
    /// Id.
    pub id: String,
    /// Its anchor on the page.
    pub anchor: String,
    /// Name.
    pub name: String,
    /// Why it exists.
    pub purpose: String,
    /// Owner.
    pub owner: String,
    /// Current maturity level, 0 to 5.
    pub current: i64,
    /// Target maturity level, 0 to 5.
    pub target: i64,
    /// Target minus current.
    pub gap: i64,
    /// Direction key.
    pub direction: &'static str,
    /// Direction in words.
    pub direction_label: String,
    /// Why this direction.
    pub rationale: String,
    /// Months between reviews.
    pub review_months: i64,
    /// The last review.
    pub last_review: Option<String>,
    /// When the next review is due.
    pub review_due: Option<String>,
    /// Never reviewed, or the review is past due.
    pub review_overdue: bool,
    /// Below its target.
    pub underdeveloped: bool,
    /// Clauses it serves.
    pub clauses: Vec<Link>,
    /// Dimensions it serves.
    pub dimensions: Vec<Link>,
    /// Improvements that touch it.
    pub improvements: Vec<&'a ImprovementView>,
}

/// Builds the IT QMS page.
pub(super) fn qms<'a>(ctx: &'a Ctx) -> Built<'a> {
    let t = &ctx.t;
    let components = ctx
        .site
        .qms
        .iter_enumerated()
        .map(|(id, q)| ComponentView {
            id: q.id.clone(),
            anchor: paths::slug(&q.id),
            name: q.name.clone(),
            purpose: q.purpose.clone(),
            owner: q.owner.clone(),
            current: q.current_level,
            target: q.target_level,
            gap: q.target_level - q.current_level,
            direction: q.direction.key(),
            direction_label: t.get(&format!("direction_{}", q.direction.key())),
            rationale: q.rationale.clone(),
            review_months: q.review_months,
            last_review: q.last_review.map(|d| d.to_string()),
            review_due: q.review_due.map(|d| t.date(d)),
            review_overdue: q.review_due.is_none_or(|d| d < ctx.report.today),
            underdeveloped: q.current_level < q.target_level,
            clauses: q.clauses.iter().map(|c| ctx.clause_link(c)).collect(),
            dimensions: q
                .dimensions
                .iter()
                .map(|d| ctx.dimension_link(*d))
                .collect(),
            improvements: ctx.improvement_list(&ctx.by_qms[id]),
        })
        .collect();
    let charts = vec![super::page_charts::qms(ctx)];
    let count = charts.iter().filter(|c| c.empty.is_empty()).count();
    Built::plain(PageView::Qms(QmsView { components, charts }), count)
}
