//! The IT QMS components.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{ImprovementView, Link};
use super::text::TextPart;
use super::{Built, Ctx, PageView};
use crate::plan::paths;
use crate::render::charts::ChartView;

/// The highest maturity level of a QMS component (levels run from 0).
const TOP_LEVEL: i64 = 5;

/// The IT QMS page.
#[derive(Serialize, JsonSchema)]
pub struct QmsView<'a> {
    /// Every component.
    pub components: Vec<ComponentView<'a>>,
    /// Current against target level of every component.
    pub charts: Vec<ChartView>,
    /// What each maturity level means, lowest first, so that a reader can tell a 2 from a 3.
    pub levels: Vec<MaturityLevel>,
}

/// One maturity level of the QMS scale. The scale is the theme's (its strings `qms_level_<n>`
/// and `qms_level_<n>_text`): a site's content gives levels as numbers only.
#[derive(Serialize, JsonSchema)]
pub struct MaturityLevel {
    /// 0 to 5.
    pub level: i64,
    /// Its name ("Defined").
    pub name: String,
    /// What a component at this level is like, in one line.
    pub meaning: String,
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
    /// Why it exists, its ids of improvements linked.
    pub purpose: Vec<TextPart>,
    /// Owner.
    pub owner: String,
    /// Current maturity level, 0 to 5.
    pub current: i64,
    /// The name of the current level.
    pub current_name: String,
    /// Target maturity level, 0 to 5.
    pub target: i64,
    /// The name of the target level.
    pub target_name: String,
    /// Target minus current.
    pub gap: i64,
    /// Direction key.
    pub direction: &'static str,
    /// Direction in words.
    pub direction_label: String,
    /// Why this direction, its ids of improvements linked.
    pub rationale: Vec<TextPart>,
    /// Months between reviews.
    pub review_months: i64,
    /// How often it is reviewed, in words ("every 12 months").
    pub review_every: String,
    /// The last review, as the site's language writes dates.
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
    let view = qms_view(ctx);
    let count = view.charts.iter().filter(|c| c.empty.is_empty()).count();
    Built::plain(PageView::Qms(view), count)
}

/// The IT QMS as its page and the full report show it.
pub(super) fn qms_view<'a>(ctx: &'a Ctx) -> QmsView<'a> {
    let t = &ctx.t;
    let components = ctx
        .site
        .qms
        .iter_enumerated()
        .map(|(id, q)| ComponentView {
            id: q.id.clone(),
            anchor: paths::slug(&q.id),
            name: q.name.clone(),
            purpose: ctx.linked(&q.purpose),
            owner: q.owner.clone(),
            current: q.current_level,
            current_name: level_name(t, q.current_level),
            target: q.target_level,
            target_name: level_name(t, q.target_level),
            gap: q.target_level - q.current_level,
            direction: q.direction.key(),
            direction_label: t.get(&format!("direction_{}", q.direction.key())),
            rationale: ctx.linked(&q.rationale),
            review_months: q.review_months,
            review_every: t.plural("review_every", q.review_months, &[]),
            last_review: q.last_review.map(|d| t.date(d)),
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
    let levels = (0..=TOP_LEVEL)
        .map(|level| MaturityLevel {
            level,
            name: level_name(t, level),
            meaning: t.get(&format!("qms_level_{level}_text")),
        })
        .collect();
    QmsView {
        components,
        charts,
        levels,
    }
}

/// The name of a maturity level in the site's language.
fn level_name(t: &crate::render::strings::Strings, level: i64) -> String {
    t.get(&format!("qms_level_{level}"))
}
