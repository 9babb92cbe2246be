//! ISO/IEC 20000-1 coverage.

use enum_map::EnumMap;
use schemars::JsonSchema;
use serde::Serialize;

use super::common::{ImprovementView, Link};
use super::{Built, Ctx, PageView};
use crate::iso;
use crate::render::charts::ChartView;
use crate::report::{ClauseState, CoverageState, StateSource};
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

/// A top-level clause (4 … 10) with its counts and every clause below it.
#[derive(Serialize, JsonSchema)]
pub struct ClauseGroup<'a> {
    /// Its number, e.g. "8".
    pub number: &'static str,
    /// Its title.
    pub title: String,
    /// Its anchor on the page.
    pub anchor: String,
    /// Its counted clauses by coverage state.
    #[schemars(with = "std::collections::BTreeMap<String, usize>")]
    pub by_level: EnumMap<CoverageState, usize>,
    /// Its counted clauses.
    pub total: usize,
    /// Its sections with their own counts (clause 8: 8.1 … 8.7), shown indented under it.
    pub sections: Vec<SectionCount>,
    /// The clause itself, then every clause below it, in catalogue order.
    pub clauses: Vec<ClauseView<'a>>,
}

/// The counts of one section of a top-level clause.
#[derive(Serialize, JsonSchema)]
pub struct SectionCount {
    /// Its number, e.g. "8.2".
    pub number: &'static str,
    /// Its title.
    pub title: String,
    /// Its row's anchor on the page.
    pub anchor: String,
    /// Its counted clauses by coverage state.
    #[schemars(with = "std::collections::BTreeMap<String, usize>")]
    pub by_level: EnumMap<CoverageState, usize>,
    /// Its counted clauses.
    pub total: usize,
}

/// One clause with its coverage.
#[derive(Serialize, JsonSchema)]
pub struct ClauseView<'a> {
    /// Number.
    pub number: &'static str,
    /// Its anchor on the page.
    pub anchor: String,
    /// Title.
    pub title: String,
    /// "heading" (4 … 10, 8.2 … 8.7), "counted" (the clauses the counts are taken over) or
    /// "part" (a sub-clause of a counted clause, 5.2.1, 8.5.1.1 …).
    pub kind: &'static str,
    /// Counted in the totals.
    pub counted: bool,
    /// Levels below its top-level clause (0 for 4 … 10), for indentation.
    pub depth: usize,
    /// Coverage state key.
    pub level: &'static str,
    /// Coverage state in words.
    pub level_label: String,
    /// Where the state comes from: "own" (its entry), "sub-clauses" (rolled up) or "none".
    pub source: StateSource,
    /// How many of its direct sub-clauses have a level.
    pub parts_with_level: usize,
    /// How many direct sub-clauses it has.
    pub parts: usize,
    /// When it has no level: the clause above it whose entry rates it as part of a whole.
    pub rated_with: Option<Link>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// Remarks, with improvement ids linked.
    pub notes: Vec<super::text::TextPart>,
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

/// Coverage by top-level clause with every clause, and the totals by level.
pub(super) fn coverage_data<'a>(ctx: &'a Ctx) -> (Vec<ClauseGroup<'a>>, Vec<LevelCount>) {
    let t = &ctx.t;
    let groups = ctx
        .report
        .coverage
        .groups
        .iter()
        .map(|g| ClauseGroup {
            number: g.number,
            title: clause_title(ctx, g.number),
            anchor: anchor(g.number),
            by_level: g.by_level,
            total: g.total,
            sections: g
                .sections
                .iter()
                .map(|s| SectionCount {
                    number: s.number,
                    title: clause_title(ctx, s.number),
                    anchor: anchor(s.number),
                    by_level: s.by_level,
                    total: s.total,
                })
                .collect(),
            clauses: iso::CLAUSES
                .iter()
                .zip(&ctx.report.coverage.clauses)
                .filter(|(cl, _)| iso::top_group(cl.number) == g.number)
                .map(|(cl, state)| clause(ctx, cl, state))
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

/// A clause's title in the site's language.
fn clause_title(ctx: &Ctx, number: &str) -> String {
    iso::find(number).map_or_else(String::new, |c| ctx.t.clause_title(c))
}

/// A clause's anchor on the coverage page (`8.5.1` → `clause-8-5-1`).
fn anchor(number: &str) -> String {
    format!("clause-{}", number.replace('.', "-"))
}

/// One clause's row: its state under the roll-up rule, its own entry and what links to it.
fn clause<'a>(ctx: &'a Ctx, cl: &'static iso::Clause, state: &ClauseState) -> ClauseView<'a> {
    let cov = ctx.site.coverage.get(cl.number);
    let level = state.state.key();
    let kind = if cl.counted {
        "counted"
    } else if cl.is_part() {
        "part"
    } else {
        "heading"
    };
    ClauseView {
        number: cl.number,
        anchor: anchor(cl.number),
        title: ctx.t.clause_title(cl),
        kind,
        counted: cl.counted,
        depth: cl.depth(),
        level,
        level_label: ctx.t.get(&format!("coverage_{level}")),
        source: state.source,
        parts_with_level: state.parts_with_level,
        parts: state.parts,
        rated_with: state.rated_with.map(|n| ctx.clause_link(n)),
        evidence: cov.map(|c| c.evidence.clone()).unwrap_or_default(),
        notes: cov.map(|c| ctx.linked(&c.notes)).unwrap_or_default(),
        reviewed: cov.and_then(|c| c.reviewed).map(|d| d.to_string()),
        qms: ctx
            .site
            .qms
            .iter_enumerated()
            .filter(|(_, q)| q.clauses.contains(&cl.number))
            .map(|(q, _)| ctx.qms_link(q))
            .collect(),
        improvements: ctx.improvement_list(ctx.by_clause.get(cl.number).map_or(&[], Vec::as_slice)),
    }
}
