//! One page per framework and one per dimension. Both show each unit's history on its own:
//! changes, trends and heat maps never cross units.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{AssessmentSummary, Figure, FrameworkInfo, ImprovementView, Link};
use super::profile::{dimension_charts, trend_chart, unit_unrated};
use super::{Built, Ctx, PageView};
use crate::plan::paths;
use crate::render::charts::{self, Cells, ChartView, TrendLine};
use crate::site::{
    AssessmentId, DimensionId, DimensionRef, DomainId, Evidence, FrameworkId, UnitId,
};

/// A framework's overview: every domain and dimension across each unit's assessments.
#[derive(Serialize, JsonSchema)]
pub struct FrameworkView {
    /// The framework.
    pub framework: FrameworkInfo,
    /// Each unit with assessments of the framework, with its charts.
    pub units: Vec<UnitCharts>,
    /// When no unit has an assessment of the framework: what to do about it.
    pub empty: String,
    /// Every domain with its dimensions and their history in each unit.
    pub domains: Vec<DomainHistory>,
}

/// The charts of one unit.
#[derive(Serialize, JsonSchema)]
pub struct UnitCharts {
    /// The unit (its units-page address when the site has several).
    pub unit: Link,
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

/// A domain with its dimensions and their history.
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
    /// Its dimensions.
    pub dimensions: Vec<DimensionLink>,
    /// Its history in each unit, in the order of `units` of the page.
    pub units: Vec<DomainTable>,
}

/// A dimension as the framework page lists it.
#[derive(Serialize, JsonSchema)]
pub struct DimensionLink {
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
}

/// A domain across one unit's assessments.
#[derive(Serialize, JsonSchema)]
pub struct DomainTable {
    /// The unit.
    pub unit: Link,
    /// One column per assessment of the unit, oldest first.
    pub columns: Vec<AssessmentColumn>,
    /// The domain's score in each assessment, printed.
    pub score: Vec<String>,
    /// Each dimension's value in each assessment, in the order of the domain's `dimensions`.
    pub rows: Vec<DimensionHistory>,
}

/// A dimension across one unit's assessments.
#[derive(Serialize, JsonSchema)]
pub struct DimensionHistory {
    /// The dimension.
    pub dimension: DimensionLink,
    /// Its value in each assessment.
    pub history: Vec<HistoryCell>,
}

/// A value in a history table.
#[derive(Serialize, JsonSchema)]
pub struct HistoryCell {
    /// The value, printed ("–" when not rated).
    pub text: String,
    /// When the value fell on purpose since the unit's assessment before: the improvements with
    /// direction "lower" that explain it.
    pub deliberate: Vec<Link>,
}

/// One dimension's page: its history in each unit, the assessors' notes, linked improvements
/// and components.
#[derive(Serialize, JsonSchema)]
pub struct DimensionView<'a> {
    /// The dimension.
    pub dimension: DimensionInfo,
    /// Its framework.
    pub framework: FrameworkInfo,
    /// Its history in each unit with assessments of the framework.
    pub units: Vec<DimensionUnit>,
    /// Improvements that touch it.
    pub improvements: Vec<&'a ImprovementView>,
    /// QMS components that serve it.
    pub qms: Vec<Link>,
}

/// A dimension's history in one unit.
#[derive(Serialize, JsonSchema)]
pub struct DimensionUnit {
    /// The unit.
    pub unit: Link,
    /// Its rating in each of the unit's assessments, oldest first.
    pub history: Vec<HistoryRow>,
    /// Its value over time (or what to fill in when it was never rated).
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
    /// The weight, printed.
    pub weight_text: String,
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
    /// Its value and the change since the unit's assessment before, with the improvements
    /// that explain a deliberate fall.
    pub value: Figure,
    /// The assessor's notes, with improvement ids linked.
    pub notes: Vec<super::text::TextPart>,
    /// Evidence seen.
    pub evidence: Vec<Evidence>,
}

/// The suffix of chart ids for a unit: none when the page shows one unit.
fn suffix(ctx: &Ctx, units: &[UnitId], u: UnitId) -> String {
    if units.len() > 1 {
        format!("-{}", paths::unit_anchor(ctx.site.units[u].id.as_deref()))
    } else {
        String::new()
    }
}

fn dimension_link(ctx: &Ctx, f: FrameworkId, d: DimensionId) -> DimensionLink {
    let fw = &ctx.site.frameworks[f];
    let dim = &fw.dimensions[d];
    DimensionLink {
        id: dim.id.clone(),
        name: dim.name.clone(),
        description: dim.description.clone(),
        weight: dim.weight,
        url: paths::dimension(&fw.id, &dim.id),
    }
}

/// Builds a framework's overview.
pub(super) fn framework<'a>(ctx: &'a Ctx, f: FrameworkId) -> Built<'a> {
    let site = ctx.site;
    let fw = &site.frameworks[f];
    let units = site.units_of(f);
    let unit_charts: Vec<UnitCharts> = units
        .iter()
        .map(|&u| {
            let suffix = suffix(ctx, &units, u);
            let trend_id = format!("chart-trend{suffix}");
            let charts = match unit_unrated(ctx, f, u) {
                Some(text) => vec![ChartView::explained(
                    &trend_id,
                    &ctx.t.get("chart_trend_title"),
                    text,
                )],
                None => {
                    let mut charts = vec![trend_chart(ctx, f, u, &trend_id)];
                    charts.extend(dimension_charts(ctx, f, u, &suffix));
                    charts
                }
            };
            UnitCharts {
                unit: ctx.unit_link(u),
                charts,
            }
        })
        .collect();
    let count = unit_charts
        .iter()
        .flat_map(|u| &u.charts)
        .filter(|c| c.empty.is_empty())
        .count();
    let view = FrameworkView {
        framework: ctx.framework_info(f),
        units: unit_charts,
        empty: if units.is_empty() {
            ctx.t.fill("empty_framework", &[("framework", &fw.id)])
        } else {
            String::new()
        },
        domains: fw
            .domains
            .iter_enumerated()
            .map(|(d, dom)| DomainHistory {
                id: dom.id.clone(),
                name: dom.name.clone(),
                description: dom.description.clone(),
                weight: dom.weight,
                dimensions: dom
                    .dimensions
                    .iter()
                    .map(|&k| dimension_link(ctx, f, k))
                    .collect(),
                units: units.iter().map(|&u| domain_table(ctx, f, d, u)).collect(),
            })
            .collect(),
    };
    Built::plain(PageView::Framework(view), count)
}

/// The history of a domain in one unit.
fn domain_table(ctx: &Ctx, f: FrameworkId, d: DomainId, u: UnitId) -> DomainTable {
    let site = ctx.site;
    let fw = &site.frameworks[f];
    let ids: Vec<AssessmentId> = site.assessments_in(u, f).collect();
    let none = ctx.t.get("not_rated");
    DomainTable {
        unit: ctx.unit_link(u),
        columns: ids
            .iter()
            .map(|&i| AssessmentColumn {
                title: site.assessments[i].title.clone(),
                year: site.assessments[i].date.year(),
                url: paths::assessment(&site.assessments[i].id),
            })
            .collect(),
        score: ids
            .iter()
            .map(|&i| ctx.t.figure(ctx.report.scores(i).domains[d], &none))
            .collect(),
        rows: fw.domains[d]
            .dimensions
            .iter()
            .map(|&k| DimensionHistory {
                dimension: dimension_link(ctx, f, k),
                history: ids
                    .iter()
                    .map(|&i| HistoryCell {
                        text: ctx.t.figure(ctx.report.scores(i).dimensions[k], "–"),
                        deliberate: ctx.deliberate_links(i, k),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Builds one dimension's page.
pub(super) fn dimension<'a>(ctx: &'a Ctx, r: DimensionRef) -> Built<'a> {
    let site = ctx.site;
    let (f, d) = (r.framework, r.dimension);
    let fw = &site.frameworks[f];
    let dim = &fw.dimensions[d];
    let units = site.units_of(f);
    let per_unit: Vec<DimensionUnit> = units
        .iter()
        .map(|&u| DimensionUnit {
            unit: ctx.unit_link(u),
            history: site
                .assessments_in(u, f)
                .map(|i| {
                    let rating = &site.assessments[i].ratings[d];
                    HistoryRow {
                        assessment: ctx.assessment_summary(i),
                        level: ctx.level_label(f, rating.level),
                        rated: rating.level.is_some(),
                        value: ctx.dimension_figure(i, d),
                        notes: ctx.linked(&rating.notes),
                        evidence: rating.evidence.clone(),
                    }
                })
                .collect(),
            charts: vec![dimension_trend(
                ctx,
                r,
                u,
                &format!("chart-dimension{}", suffix(ctx, &units, u)),
            )],
        })
        .collect();
    let neighbour = |k: Option<DimensionId>| {
        k.map(|k| Link {
            label: format!("{} {}", fw.dimensions[k].id, fw.dimensions[k].name),
            url: paths::dimension(&fw.id, &fw.dimensions[k].id),
        })
    };
    let position = usize::from(d);
    let count = per_unit
        .iter()
        .flat_map(|u| &u.charts)
        .filter(|c| c.empty.is_empty())
        .count();
    let view = DimensionView {
        dimension: DimensionInfo {
            id: dim.id.clone(),
            name: dim.name.clone(),
            description: dim.description.clone(),
            weight: dim.weight,
            weight_text: ctx.t.formats().as_given(dim.weight),
            domain: fw.domains[dim.domain].name.clone(),
            domain_id: fw.domains[dim.domain].id.clone(),
            prev: neighbour(position.checked_sub(1).map(Into::into)),
            next: neighbour(
                Some((position + 1).into()).filter(|k| fw.dimensions.get(*k).is_some()),
            ),
        },
        framework: ctx.framework_info(f),
        units: per_unit,
        improvements: ctx.improvement_list(ctx.by_dimension.get(&r).map_or(&[], Vec::as_slice)),
        qms: site
            .qms
            .iter_enumerated()
            .filter(|(_, q)| q.dimensions.contains(&r))
            .map(|(q, _)| ctx.qms_link(q))
            .collect(),
    };
    Built::plain(PageView::Dimension(view), count)
}

/// A dimension's value across one unit's assessments; what to fill in when it was never rated.
fn dimension_trend(ctx: &Ctx, r: DimensionRef, u: UnitId, id: &str) -> ChartView {
    let site = ctx.site;
    let fw = &site.frameworks[r.framework];
    let dim = &fw.dimensions[r.dimension];
    let ids: Vec<AssessmentId> = site.assessments_in(u, r.framework).collect();
    let values: Vec<Option<f64>> = ids
        .iter()
        .map(|&i| ctx.report.scores(i).dimensions[r.dimension])
        .collect();
    let title = ctx.t.get("chart_dimension_title");
    if let (true, Some(&last)) = (values.iter().all(Option::is_none), ids.last()) {
        let text = ctx.t.fill(
            "empty_dimension",
            &[
                ("dimension", &format!("{} {}", dim.id, dim.name)),
                ("unit", &site.units[u].name),
                ("file", &Ctx::file_text(&site.assessments[last].file)),
            ],
        );
        return ChartView::explained(id, &title, text);
    }
    charts::trend(
        id,
        &title,
        &ctx.t.get("chart_dimension_caption"),
        &ids.iter()
            .map(|&i| site.assessments[i].date.year().to_string())
            .collect::<Vec<_>>(),
        fw.scale_max(),
        &[TrendLine {
            name: format!("{} {}", dim.id, dim.name),
            values,
            emphasis: true,
            colour: charts::colours::domain(usize::from(dim.domain)),
        }],
        Cells::new(&ctx.t, &ctx.t.get("not_rated")),
    )
}
