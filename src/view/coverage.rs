//! ISO/IEC 20000-1 coverage.

use enum_map::EnumMap;
use schemars::JsonSchema;
use serde::Serialize;

use super::common::{ImprovementView, Link};
use super::{Built, Ctx, PageView};
use crate::iso;
use crate::render::charts::ChartView;
use crate::report::CoverageState;
use crate::site::Evidence;

/// The coverage page.
#[derive(Serialize, JsonSchema)]
pub struct CoverageView<'a> {
    /// Every top-level clause group with its clauses.
    pub groups: Vec<ClauseGroup<'a>>,
    /// The totals by level, best covered first.
    pub levels: Vec<LevelCount>,
    /// Coverage by clause group.
    pub charts: Vec<ChartView>,
}

/// A top-level clause group.
#[derive(Serialize, JsonSchema)]
pub struct ClauseGroup<'a> {
    /// Its number, e.g. "8".
    pub number: &'static str,
    /// Its title.
    pub title: &'static str,
    /// Its anchor on the page.
    pub anchor: String,
    /// Its rated clauses by coverage state.
    #[schemars(with = "std::collections::BTreeMap<String, usize>")]
    pub by_level: EnumMap<CoverageState, usize>,
    /// Its rated clauses.
    pub total: usize,
    /// Every clause below it, in catalogue order.
    pub clauses: Vec<ClauseView<'a>>,
}

/// One clause with its coverage.
#[derive(Serialize, JsonSchema)]
pub struct ClauseView<'a> {
    /// Number.
    pub number: &'static str,
    /// Its anchor on the page.
    pub anchor: String,
    /// Title.
    pub title: &'static str,
    /// Coverage is rated on it (false for a group of sub-clauses).
    pub rated: bool,
    /// Levels below the top-level group.
    pub depth: usize,
    /// Coverage state key.
    pub level: &'static str,
    /// Coverage state in words.
    pub level_label: String,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// Remarks.
    pub notes: String,
    /// Last reviewed.
    pub reviewed: Option<String>,
    /// QMS components that serve it.
    pub qms: Vec<Link>,
    /// Improvements that touch it.
    pub improvements: Vec<&'a ImprovementView>,
}

/// The number of clauses at one coverage state.
#[derive(Serialize, JsonSchema)]
pub struct LevelCount {
    /// State key.
    pub key: &'static str,
    /// In words.
    pub label: String,
    /// Clauses.
    pub count: usize,
}

/// Builds the coverage page.
pub(super) fn coverage<'a>(ctx: &'a Ctx) -> Built<'a> {
    let (groups, levels) = coverage_data(ctx);
    let view = CoverageView {
        groups,
        levels,
        charts: vec![super::page_charts::coverage(ctx)],
    };
    Built::plain(PageView::Coverage(view), 1)
}

/// Coverage by clause group with every clause, and the totals by level.
pub(super) fn coverage_data<'a>(ctx: &'a Ctx) -> (Vec<ClauseGroup<'a>>, Vec<LevelCount>) {
    let site = ctx.site;
    let t = &ctx.t;
    let groups = ctx
        .report
        .coverage
        .groups
        .iter()
        .map(|g| ClauseGroup {
            number: g.number,
            title: g.title,
            anchor: format!("clause-{}", g.number),
            by_level: g.by_level,
            total: g.total,
            clauses: iso::CLAUSES
                .iter()
                .filter(|cl| iso::top_group(cl.number) == g.number && cl.number != g.number)
                .map(|cl| {
                    let cov = site.coverage.get(cl.number);
                    let level = CoverageState::of(cov.map(|c| c.level)).key();
                    ClauseView {
                        number: cl.number,
                        anchor: format!("clause-{}", cl.number.replace('.', "-")),
                        title: cl.title,
                        rated: cl.rated,
                        depth: cl.number.matches('.').count(),
                        level,
                        level_label: t.get(&format!("coverage_{level}")),
                        evidence: cov.map(|c| c.evidence.clone()).unwrap_or_default(),
                        notes: cov.map(|c| c.notes.clone()).unwrap_or_default(),
                        reviewed: cov.and_then(|c| c.reviewed).map(|d| d.to_string()),
                        qms: site
                            .qms
                            .iter_enumerated()
                            .filter(|(_, q)| q.clauses.contains(&cl.number))
                            .map(|(q, _)| ctx.qms_link(q))
                            .collect(),
                        improvements: ctx.improvement_list(
                            ctx.by_clause.get(cl.number).map_or(&[], Vec::as_slice),
                        ),
                    }
                })
                .collect(),
        })
        .collect();
    let levels = CoverageState::DISPLAY_ORDER
        .iter()
        .map(|&s| LevelCount {
            key: s.key(),
            label: t.get(&format!("coverage_{}", s.key())),
            count: ctx.report.coverage.totals[s],
        })
        .collect();
    (groups, levels)
}
