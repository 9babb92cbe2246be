//! One page per framework and one per dimension.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::fmt1;
use super::common::{AssessmentSummary, Figure, FrameworkInfo, ImprovementView, Link, figure};
use super::home::trend_chart;
use super::{Built, Ctx, PageView};
use crate::plan::paths;
use crate::render::charts::{self, ChartView, TrendLine};
use crate::site::{AssessmentId, DimensionRef, Evidence, FrameworkId};

/// A framework's overview: every domain and dimension across its assessments.
#[derive(Serialize, JsonSchema)]
pub struct FrameworkView {
    /// The framework.
    pub framework: FrameworkInfo,
    /// One column per assessment, oldest first.
    pub columns: Vec<AssessmentColumn>,
    /// Every domain with its dimensions.
    pub domains: Vec<DomainHistory>,
    /// The trend, the dimension bars and the heat map.
    pub charts: Vec<ChartView>,
}

/// An assessment as a column of history tables.
#[derive(Serialize, JsonSchema)]
pub struct AssessmentColumn {
    /// Its title.
    pub title: String,
    /// Its year.
    pub year: i16,
    /// Its page.
    pub url: String,
}

/// A domain across assessments.
#[derive(Serialize, JsonSchema)]
pub struct DomainHistory {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Weight in the index.
    pub weight: f64,
    /// Its score in each assessment, printed.
    pub history: Vec<String>,
    /// Its dimensions.
    pub dimensions: Vec<DimensionHistory>,
}

/// A dimension across assessments.
#[derive(Serialize, JsonSchema)]
pub struct DimensionHistory {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// What is assessed.
    pub description: String,
    /// Weight within its domain.
    pub weight: f64,
    /// Its page.
    pub url: String,
    /// Its value in each assessment, printed.
    pub history: Vec<String>,
}

/// One dimension's page: its history, the assessor's notes, linked improvements and components.
#[derive(Serialize, JsonSchema)]
pub struct DimensionView<'a> {
    /// The dimension.
    pub dimension: DimensionInfo,
    /// Its framework.
    pub framework: FrameworkInfo,
    /// Its rating in each assessment, oldest first.
    pub history: Vec<HistoryRow>,
    /// Improvements that touch it.
    pub improvements: Vec<&'a ImprovementView>,
    /// QMS components that serve it.
    pub qms: Vec<Link>,
    /// Its value over time.
    pub charts: Vec<ChartView>,
}

/// What a dimension's page says about it.
#[derive(Serialize, JsonSchema)]
pub struct DimensionInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// What is assessed.
    pub description: String,
    /// Weight within its domain.
    pub weight: f64,
    /// Its domain's name.
    pub domain: String,
    /// Its domain's id.
    pub domain_id: String,
    /// The dimension before it in the framework.
    pub prev: Option<Link>,
    /// The dimension after it in the framework.
    pub next: Option<Link>,
}

/// A dimension's rating in one assessment.
#[derive(Serialize, JsonSchema)]
pub struct HistoryRow {
    /// The assessment.
    pub assessment: AssessmentSummary,
    /// The level's label, or "not rated".
    pub level: String,
    /// Whether it is rated.
    pub rated: bool,
    /// Its value and the change since the assessment before.
    pub value: Figure,
    /// The assessor's notes.
    pub notes: String,
    /// Evidence seen.
    pub evidence: Vec<Evidence>,
}

/// Builds a framework's overview.
pub(super) fn framework<'a>(ctx: &'a Ctx, f: FrameworkId) -> Built<'a> {
    let site = ctx.site;
    let fw = &site.frameworks[f];
    let ids: Vec<AssessmentId> = site.assessments_of(f).collect();
    let none = ctx.t.get("not_rated");
    let scores = |i: AssessmentId| ctx.report.scores(i);
    let mut charts = vec![trend_chart(ctx, f)];
    charts.extend(super::page_charts::framework(ctx, f));
    let view = FrameworkView {
        framework: ctx.framework_info(f),
        columns: ids
            .iter()
            .map(|&i| AssessmentColumn {
                title: site.assessments[i].title.clone(),
                year: site.assessments[i].date.year(),
                url: paths::assessment(&site.assessments[i].id),
            })
            .collect(),
        domains: fw
            .domains
            .iter_enumerated()
            .map(|(d, dom)| DomainHistory {
                id: dom.id.clone(),
                name: dom.name.clone(),
                description: dom.description.clone(),
                weight: dom.weight,
                history: ids
                    .iter()
                    .map(|&i| fmt1(scores(i).domains[d], &none))
                    .collect(),
                dimensions: dom
                    .dimensions
                    .iter()
                    .map(|&k| {
                        let dim = &fw.dimensions[k];
                        DimensionHistory {
                            id: dim.id.clone(),
                            name: dim.name.clone(),
                            description: dim.description.clone(),
                            weight: dim.weight,
                            url: paths::dimension(&fw.id, &dim.id),
                            history: ids
                                .iter()
                                .map(|&i| fmt1(scores(i).dimensions[k], "–"))
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect(),
        charts,
    };
    let count = view.charts.len();
    Built::plain(PageView::Framework(view), count)
}

/// Builds one dimension's page.
pub(super) fn dimension<'a>(ctx: &'a Ctx, r: DimensionRef) -> Built<'a> {
    let site = ctx.site;
    let f = r.framework;
    let d = r.dimension;
    let fw = &site.frameworks[f];
    let dim = &fw.dimensions[d];
    let ids: Vec<AssessmentId> = site.assessments_of(f).collect();
    let none = ctx.t.get("not_rated");
    let history = ids
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let rating = &site.assessments[i].ratings[d];
            let before = n
                .checked_sub(1)
                .and_then(|p| ctx.report.scores(ids[p]).dimensions[d]);
            HistoryRow {
                assessment: ctx.assessment_summary(i),
                level: ctx.level_label(f, rating.level),
                rated: rating.level.is_some(),
                value: figure(ctx.report.scores(i).dimensions[d], before, &none),
                notes: rating.notes.clone(),
                evidence: rating.evidence.clone(),
            }
        })
        .collect();
    let neighbour = |k: Option<crate::site::DimensionId>| {
        k.map(|k| Link {
            label: format!("{} {}", fw.dimensions[k].id, fw.dimensions[k].name),
            url: paths::dimension(&fw.id, &fw.dimensions[k].id),
        })
    };
    let position = usize::from(d);
    let chart = charts::trend(
        "chart-dimension",
        &ctx.t.get("chart_dimension_title"),
        &ctx.t.get("chart_dimension_caption"),
        &ids.iter()
            .map(|&i| site.assessments[i].date.year().to_string())
            .collect::<Vec<_>>(),
        fw.scale_max(),
        &[TrendLine {
            name: format!("{} {}", dim.id, dim.name),
            values: ids
                .iter()
                .map(|&i| ctx.report.scores(i).dimensions[d])
                .collect(),
            emphasis: true,
        }],
        &none,
    );
    let view = DimensionView {
        dimension: DimensionInfo {
            id: dim.id.clone(),
            name: dim.name.clone(),
            description: dim.description.clone(),
            weight: dim.weight,
            domain: fw.domains[dim.domain].name.clone(),
            domain_id: fw.domains[dim.domain].id.clone(),
            prev: neighbour(position.checked_sub(1).map(Into::into)),
            next: neighbour(
                Some((position + 1).into()).filter(|k| fw.dimensions.get(*k).is_some()),
            ),
        },
        framework: ctx.framework_info(f),
        history,
        improvements: ctx.improvement_list(ctx.by_dimension.get(&r).map_or(&[], Vec::as_slice)),
        qms: site
            .qms
            .iter_enumerated()
            .filter(|(_, q)| q.dimensions.contains(&r))
            .map(|(q, _)| ctx.qms_link(q))
            .collect(),
        charts: vec![chart],
    };
    Built::plain(PageView::Dimension(view), 1)
}
