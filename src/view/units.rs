//! The units page: each organisational unit's latest index, its change and its next assessment,
//! for a site that assesses several units separately.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::{AssessmentSummary, FrameworkInfo};
use super::cycle::CycleView;
use super::{Built, Ctx, PageView};
use crate::plan::paths;

/// The units page.
#[derive(Serialize, JsonSchema)]
pub struct UnitsView {
    /// The framework whose index the page compares.
    pub framework: FrameworkInfo,
    /// Every unit a reader meets, the organisation as a whole first.
    pub units: Vec<UnitRow>,
}

/// One unit.
#[derive(Serialize, JsonSchema)]
pub struct UnitRow {
    /// Its anchor on the page.
    pub anchor: String,
    /// Its name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// The unit the dashboard shows.
    pub main: bool,
    /// Its latest assessment of the main framework, with the index and its change since the
    /// unit's assessment before it.
    pub latest: Option<AssessmentSummary>,
    /// Where it stands in its own assessment cycle.
    pub cycle: CycleView,
    /// Every assessment of the unit, latest first.
    pub assessments: Vec<AssessmentSummary>,
}

/// Builds the units page.
pub(super) fn units<'a>(ctx: &'a Ctx) -> Built<'a> {
    let site = ctx.site;
    let main = site.main_unit();
    let view = UnitsView {
        framework: ctx.framework_info(site.main_framework),
        units: site
            .shown_units()
            .into_iter()
            .map(|u| UnitRow {
                anchor: paths::unit_anchor(site.units[u].id.as_deref()),
                name: site.units[u].name.clone(),
                description: site.units[u].description.clone(),
                main: u == main,
                latest: ctx.report.units[u]
                    .latest
                    .map(|a| ctx.assessment_summary(a)),
                cycle: ctx.cycle_view(u),
                assessments: site
                    .assessments
                    .iter_enumerated()
                    .rev()
                    .filter(|(_, a)| a.unit == u)
                    .map(|(a, _)| ctx.assessment_summary(a))
                    .collect(),
            })
            .collect(),
    };
    Built::plain(PageView::Units(view), 0)
}
