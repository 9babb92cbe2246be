//! The improvement plan.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::ImprovementView;
use super::{Built, Ctx, PageView};
use crate::content::model::Direction;
use crate::content::model::improvement::{Part, Status};
use crate::render::charts::ChartView;
use crate::report::RegisterStats;

/// The improvement plan page.
#[derive(Serialize, JsonSchema)]
pub struct ImprovementsView<'a> {
    /// Every improvement, by id.
    pub improvements: Vec<&'a ImprovementView>,
    /// Register counts.
    pub register: &'a RegisterStats,
    /// Count by part of clause 10.2.
    pub parts: Vec<CategoryCount>,
    /// Count by direction.
    pub directions: Vec<CategoryCount>,
    /// Count by status, in workflow order.
    pub statuses: Vec<CategoryCount>,
    /// The deliberate reductions.
    pub lowered: Vec<&'a ImprovementView>,
    /// Status by part, direction split and roadmap.
    pub charts: Vec<ChartView>,
}

/// How many improvements fall in one category.
#[derive(Serialize, JsonSchema)]
pub struct CategoryCount {
    /// Category key.
    pub key: &'static str,
    /// In words.
    pub label: String,
    /// Improvements.
    pub count: usize,
}

/// Builds the improvement plan page.
pub(super) fn improvements<'a>(ctx: &'a Ctx) -> Built<'a> {
    let t = &ctx.t;
    let register = &ctx.report.register;
    let charts = super::page_charts::improvements(ctx);
    let view = ImprovementsView {
        improvements: ctx.improvements.iter().collect(),
        register,
        parts: Part::ALL
            .iter()
            .map(|&p| CategoryCount {
                key: p.key(),
                label: t.get(&format!("part_{}", p.key())),
                count: register.by_part[p],
            })
            .collect(),
        directions: Direction::ALL
            .iter()
            .map(|&d| CategoryCount {
                key: d.key(),
                label: t.get(&format!("direction_{}", d.key())),
                count: register.by_direction[d],
            })
            .collect(),
        statuses: Status::ALL
            .iter()
            .map(|&s| CategoryCount {
                key: s.key(),
                label: t.get(&format!("status_{}", s.key())),
                count: register.by_status[s],
            })
            .collect(),
        lowered: ctx
            .improvements
            .iter()
            .filter(|i| i.direction == Direction::Lower.key())
            .collect(),
        charts,
    };
    let count = view.charts.iter().filter(|c| c.empty.is_empty()).count();
    Built::plain(PageView::Improvements(view), count)
}
