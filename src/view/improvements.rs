//! The improvement plan.

use schemars::JsonSchema;
use serde::Serialize;

use super::common::ImprovementView;
use super::{Built, Ctx, PageView};
use crate::content::model::Direction;
use crate::content::model::improvement::{Part, Priority, Source, Status};
use crate::render::charts::ChartView;
use crate::report::RegisterStats;

/// The improvement plan page.
#[derive(Serialize, JsonSchema)]
pub struct ImprovementsView<'a> {
    /// Every improvement, in the order the register lists them
    /// ([`RegisterStats::action_order`]: open first, overdue and most urgent at the top).
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
    /// The choices of the register's filter bar.
    pub filters: RegisterFilters,
}

/// What the register can be narrowed to: each list holds only the values some improvement has,
/// in the order readers expect (priorities by urgency, sources and parts as the model lists
/// them, owners by name), so no choice leads to an empty table.
#[derive(Serialize, JsonSchema)]
pub struct RegisterFilters {
    /// Priorities, most urgent first.
    pub priorities: Vec<Choice>,
    /// Where improvements came from.
    pub sources: Vec<Choice>,
    /// Parts of clause 10.2.
    pub parts: Vec<Choice>,
    /// Owners.
    pub owners: Vec<Choice>,
}

/// One choice of a filter: the value rows carry and the words a reader sees.
#[derive(Serialize, JsonSchema)]
pub struct Choice {
    /// The value of the rows' data attribute.
    pub key: String,
    /// In words.
    pub label: String,
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
        improvements: ctx.improvement_list(&register.action_order),
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
        filters: filters(ctx),
    };
    let count = view.charts.iter().filter(|c| c.empty.is_empty()).count();
    Built::plain(PageView::Improvements(view), count)
}

/// The filter bar's choices, from the values the register holds.
fn filters(ctx: &Ctx) -> RegisterFilters {
    let t = &ctx.t;
    let imps = &ctx.site.improvements;
    let choice = |key: &str, prefix: &str| Choice {
        key: key.to_owned(),
        label: t.get(&format!("{prefix}_{key}")),
    };
    let mut owners: Vec<&str> = imps.iter().map(|i| i.owner.as_str()).collect();
    owners.sort_unstable();
    owners.dedup();
    RegisterFilters {
        priorities: Priority::ALL
            .iter()
            .filter(|&&p| imps.iter().any(|i| i.priority == p))
            .map(|p| choice(p.key(), "priority"))
            .collect(),
        sources: imps
            .iter()
            .map(|i| i.source)
            .collect::<std::collections::BTreeSet<Source>>()
            .into_iter()
            .map(|s| choice(s.key(), "source"))
            .collect(),
        parts: Part::ALL
            .iter()
            .filter(|&&p| imps.iter().any(|i| i.part == p))
            .map(|p| choice(p.key(), "part"))
            .collect(),
        owners: owners
            .into_iter()
            .map(|o| Choice {
                key: o.to_owned(),
                label: o.to_owned(),
            })
            .collect(),
    }
}
