//! The list of assessments and one page per assessment.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{AssessmentSummary, Figure, FrameworkInfo, ImprovementView, Link, figure};
use super::cycle::CycleView;
use super::movers::Movers;
use super::{Built, Ctx, PageView};
use crate::plan::paths;
use crate::render::charts::ChartView;
use crate::site::{AssessmentId, Cost, Evidence};

/// The list of assessments.
#[derive(Serialize, JsonSchema)]
pub struct AssessmentListView {
    /// Every assessment, latest first.
    pub assessments: Vec<AssessmentSummary>,
    /// The unit the cycle is of (the dashboard's), linked to the units page when the site has
    /// several.
    pub unit: Link,
    /// That unit's assessment cycle.
    pub cycle: CycleView,
    /// Every framework.
    pub frameworks: Vec<FrameworkInfo>,
    /// Each pair of consecutive assessments of a framework, compared on a page of its own.
    pub comparisons: Vec<Link>,
    /// The "compare any two" form, when some framework has two assessments or more.
    pub compare: Option<super::compare_any::CompareForm>,
}

/// One assessment's page.
#[derive(Serialize, JsonSchema)]
pub struct AssessmentView {
    /// The assessment, its scope, method and conclusion.
    pub assessment: AssessmentDetail,
    /// The framework rated.
    pub framework: FrameworkInfo,
    /// The unit assessed (its units-page address when the site has several).
    pub unit: Link,
    /// What a reader takes in first, before the ratings.
    pub glance: Glance,
    /// Every domain with every rating.
    pub domains: Vec<DomainRatings>,
    /// Its comparisons with the assessment before and the one after it.
    pub comparisons: Vec<Link>,
}

/// The top of an assessment's page: its domain scores beside the previous assessment's, its
/// strongest and weakest dimensions, and the improvements it led to.
#[derive(Serialize, JsonSchema)]
pub struct Glance {
    /// The domain profile, with the previous assessment of the unit when there is one.
    pub chart: ChartView,
    /// The strongest and weakest rated dimensions (three each, fewer when under six are rated,
    /// so that none is in both; equal values in framework order, and a sentence when a tie
    /// crosses the cut). Its lists of movers stay empty.
    pub standouts: Movers,
    /// The improvements that name this assessment as their source, in register order.
    pub improvements: Vec<ImprovementView>,
}

/// An assessment's cost figures, printed.
#[derive(Serialize, JsonSchema)]
pub struct CostText {
    /// Cost per user.
    pub per_user: Option<String>,
    /// Cost as % of revenue.
    pub percent_of_revenue: Option<String>,
    /// Users served.
    pub users: Option<String>,
}

/// What an assessment's page says about it.
#[derive(Serialize, JsonSchema)]
pub struct AssessmentDetail {
    /// The assessment in a line.
    pub summary: AssessmentSummary,
    /// What was in scope.
    pub scope: String,
    /// How it was carried out.
    pub method: String,
    /// The assessor's conclusion.
    pub text: String,
    /// Cost figures.
    pub cost: Cost,
    /// The cost figures as the site's language writes them.
    pub cost_text: CostText,
    /// The assessment before it in the same unit and framework.
    pub previous: Option<AssessmentSummary>,
}

/// A domain of an assessment with every rating in it.
#[derive(Serialize, JsonSchema)]
pub struct DomainRatings {
    /// Domain id.
    pub id: String,
    /// Domain name.
    pub name: String,
    /// Its score and change.
    pub score: Figure,
    /// Its dimensions' ratings.
    pub dimensions: Vec<RatingRow>,
}

/// The rating of one dimension.
#[derive(Serialize, JsonSchema)]
pub struct RatingRow {
    /// Dimension id.
    pub id: String,
    /// Dimension name.
    pub name: String,
    /// The dimension's page.
    pub url: String,
    /// The level's label, or "not rated".
    pub level: String,
    /// Whether it is rated.
    pub rated: bool,
    /// Its value and change, with the improvements that explain a deliberate fall.
    pub value: Figure,
    /// The assessor's notes, with improvement ids linked.
    pub notes: Vec<super::text::TextPart>,
    /// Evidence seen.
    pub evidence: Vec<Evidence>,
}

/// Builds the list of assessments.
pub(super) fn list<'a>(ctx: &'a Ctx) -> Built<'a> {
    let view = AssessmentListView {
        assessments: ctx
            .site
            .assessments
            .keys()
            .rev()
            .map(|i| ctx.assessment_summary(i))
            .collect(),
        unit: ctx.unit_link(ctx.site.main_unit()),
        cycle: ctx.cycle_view(ctx.site.main_unit()),
        frameworks: ctx
            .site
            .frameworks
            .keys()
            .map(|f| ctx.framework_info(f))
            .collect(),
        comparisons: ctx
            .site
            .assessments
            .keys()
            .filter_map(|b| ctx.comparison_link(ctx.report.previous(b)?, b))
            .collect(),
        compare: super::compare_any::form(ctx),
    };
    Built::plain(PageView::Assessments(view), 0)
}

/// The cost figures of an assessment as its language writes them: money with its currency,
/// the share as a percentage, the users grouped like the money beside them.
fn cost_text(ctx: &Ctx, cost: &Cost) -> CostText {
    let t = &ctx.t;
    CostText {
        per_user: cost.per_user.map(|v| t.money(v, 0, &cost.currency)),
        percent_of_revenue: cost.percent_of_revenue.map(|v| t.percent(v, 1)),
        users: cost.users.map(|n| t.formats().grouped(n as f64, 0)),
    }
}

/// The top of an assessment's page (see [`Glance`]).
fn glance(ctx: &Ctx, id: AssessmentId) -> Glance {
    Glance {
        chart: super::profile::assessment_profile(ctx, id),
        // Without a previous assessment the lists of movers stay empty.
        standouts: super::movers::movers(ctx, id, None),
        improvements: ctx
            .report
            .raised(id)
            .iter()
            .map(|&i| ctx.improvement_view(&ctx.site.improvements[i]))
            .collect(),
    }
}

/// Builds one assessment's page.
pub(super) fn assessment<'a>(ctx: &'a Ctx, id: AssessmentId) -> Built<'a> {
    let a = &ctx.site.assessments[id];
    let glance = glance(ctx, id);
    let charts = usize::from(glance.chart.empty.is_empty());
    let view = AssessmentView {
        assessment: AssessmentDetail {
            summary: ctx.assessment_summary(id),
            scope: a.scope.clone(),
            method: a.method.clone(),
            text: a.summary.clone(),
            cost: a.cost.clone(),
            cost_text: cost_text(ctx, &a.cost),
            previous: ctx.report.previous(id).map(|p| ctx.assessment_summary(p)),
        },
        framework: ctx.framework_info(a.framework),
        unit: ctx.unit_link(a.unit),
        glance,
        domains: domain_ratings(ctx, id),
        comparisons: comparisons_of(ctx, id),
    };
    Built::plain(PageView::Assessment(view), charts)
}

/// The comparison pages of an assessment: with the one before it, and with the one after it.
fn comparisons_of(ctx: &Ctx, id: AssessmentId) -> Vec<Link> {
    let before = ctx
        .report
        .previous(id)
        .and_then(|p| ctx.comparison_link(p, id));
    let after = ctx
        .site
        .assessments
        .keys()
        .find(|&n| ctx.report.previous(n) == Some(id))
        .and_then(|n| ctx.comparison_link(id, n));
    before.into_iter().chain(after).collect()
}

impl Ctx<'_> {
    /// The link to the page comparing two consecutive assessments.
    pub(super) fn comparison_link(&self, old: AssessmentId, new: AssessmentId) -> Option<Link> {
        let (a, b) = (&self.site.assessments[old], &self.site.assessments[new]);
        Some(Link {
            label: format!("{} → {}", a.title, b.title),
            url: paths::comparison(&a.id, &b.id),
        })
    }
}

/// The domains of an assessment with every rating, note and change.
pub(super) fn domain_ratings(ctx: &Ctx, id: AssessmentId) -> Vec<DomainRatings> {
    let a = &ctx.site.assessments[id];
    let f = a.framework;
    let fw = &ctx.site.frameworks[f];
    let s = ctx.report.scores(id);
    let before = ctx.report.previous(id).map(|p| ctx.report.scores(p));
    let none = ctx.t.get("not_rated");
    fw.domains
        .iter_enumerated()
        .map(|(d, dom)| DomainRatings {
            id: dom.id.clone(),
            name: dom.name.clone(),
            score: figure(
                &ctx.t,
                s.domains[d],
                before.and_then(|b| b.domains[d]),
                &none,
            ),
            dimensions: dom
                .dimensions
                .iter()
                .map(|&k| {
                    let dim = &fw.dimensions[k];
                    let r = &a.ratings[k];
                    RatingRow {
                        id: dim.id.clone(),
                        name: dim.name.clone(),
                        url: paths::dimension(&fw.id, &dim.id),
                        level: ctx.level_label(f, r.level),
                        rated: r.level.is_some(),
                        value: ctx.dimension_figure(id, k),
                        notes: ctx.linked(&r.notes),
                        evidence: r.evidence.clone(),
                    }
                })
                .collect(),
        })
        .collect()
}
