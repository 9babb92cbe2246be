//! ISO/IEC 20000-1 coverage: the state of every clause under the roll-up rule, and the counts
//! of the counted clauses by top-level clause (and by section where a top-level clause has
//! sections) and over the whole catalogue.
//!
//! The roll-up rule, the one place it is written down in code (docs/content-format.md says it
//! in words):
//! 1. a clause with an entry of its own shows that entry's level;
//! 2. otherwise, a clause whose sub-clauses all have a level (their own, or rolled up by this
//!    same rule) takes the **lowest** of them: a clause is covered only as far as its weakest
//!    part;
//! 3. otherwise, a clause some of whose sub-clauses have a level or are partly assessed is
//!    **partly assessed**: what is known is shown beneath it, nothing is guessed for the rest;
//! 4. otherwise it is **not assessed**. An entry never speaks for the clauses below it.
//!
//! Counts are taken over the counted clauses of [`crate::iso`] only, so no parent is counted
//! together with its child.

use enum_map::{Enum, EnumMap};
use serde::Serialize;

use crate::content::model::coverage::CoverageLevel;
use crate::iso::{self, CLAUSES, Clause};
use crate::site::Site;

/// How far a clause is covered: one of the four levels, partly assessed or not assessed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Enum, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum CoverageState {
    /// Nothing in place.
    NotAddressed,
    /// Some practice, not documented.
    Initial,
    /// Defined but applied inconsistently.
    Defined,
    /// Conforms to the clause.
    Conforming,
    /// No entry of its own; some of its sub-clauses have a level, not all.
    PartlyAssessed,
    /// No entry of its own and none for any of its sub-clauses.
    NotAssessed,
}

impl CoverageState {
    /// From the best covered to not assessed: the order of legends, totals and columns.
    pub const DISPLAY_ORDER: [CoverageState; 6] = [
        CoverageState::Conforming,
        CoverageState::Defined,
        CoverageState::Initial,
        CoverageState::NotAddressed,
        CoverageState::PartlyAssessed,
        CoverageState::NotAssessed,
    ];

    /// The state of a clause with this level, or not assessed.
    pub fn of(level: Option<CoverageLevel>) -> CoverageState {
        match level {
            None => CoverageState::NotAssessed,
            Some(CoverageLevel::NotAddressed) => CoverageState::NotAddressed,
            Some(CoverageLevel::Initial) => CoverageState::Initial,
            Some(CoverageLevel::Defined) => CoverageState::Defined,
            Some(CoverageLevel::Conforming) => CoverageState::Conforming,
        }
    }

    /// The level this state stands for, none when the clause is not (fully) assessed.
    pub fn level(self) -> Option<CoverageLevel> {
        match self {
            CoverageState::NotAddressed => Some(CoverageLevel::NotAddressed),
            CoverageState::Initial => Some(CoverageLevel::Initial),
            CoverageState::Defined => Some(CoverageLevel::Defined),
            CoverageState::Conforming => Some(CoverageLevel::Conforming),
            CoverageState::PartlyAssessed | CoverageState::NotAssessed => None,
        }
    }

    /// The key used in theme string tables (`coverage_<key>`) and class names.
    pub fn key(self) -> &'static str {
        match self {
            CoverageState::NotAddressed => "not-addressed",
            CoverageState::Initial => "initial",
            CoverageState::Defined => "defined",
            CoverageState::Conforming => "conforming",
            CoverageState::PartlyAssessed => "partly-assessed",
            CoverageState::NotAssessed => "not-assessed",
        }
    }
}

/// Where a clause's state comes from under the roll-up rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StateSource {
    /// Its own coverage entry.
    Own,
    /// Rolled up from its sub-clauses (the lowest of them, or partly assessed).
    SubClauses,
    /// Nothing: not assessed.
    None,
}

/// The coverage of one clause of the catalogue under the roll-up rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClauseState {
    /// The clause.
    pub number: &'static str,
    /// Its state.
    pub state: CoverageState,
    /// Where the state comes from.
    pub source: StateSource,
    /// How many of its direct sub-clauses have a level (own or rolled up).
    pub parts_with_level: usize,
    /// How many direct sub-clauses it has.
    pub parts: usize,
    /// When it has no level: the nearest clause above it with an entry of its own, which rates
    /// it as part of a whole without counting for it.
    pub rated_with: Option<&'static str>,
}

/// Coverage counts for one top-level clause, or for one section of it.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageGroup {
    /// Its number, e.g. "8" or "8.2".
    pub number: &'static str,
    /// Its title.
    pub title: &'static str,
    /// Its counted clauses by state.
    pub by_level: EnumMap<CoverageState, usize>,
    /// Its counted clauses.
    pub total: usize,
    /// Its direct sub-clauses with their own counts, when its counted clauses are not all
    /// direct sub-clauses (clause 8: 8.1 … 8.7); empty otherwise.
    pub sections: Vec<CoverageGroup>,
}

/// Coverage of the whole catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageStats {
    /// Every clause of the catalogue under the roll-up rule, in catalogue order.
    pub clauses: Vec<ClauseState>,
    /// By top-level clause, in catalogue order.
    pub groups: Vec<CoverageGroup>,
    /// Over every counted clause.
    pub totals: EnumMap<CoverageState, usize>,
}

impl CoverageStats {
    /// The state of a clause by number.
    pub fn state(&self, number: &str) -> Option<&ClauseState> {
        iso::position(number).and_then(|i| self.clauses.get(i))
    }
}

/// Applies the roll-up rule to every clause of the catalogue, given each clause's own entry.
/// The result is in catalogue order, one state per clause of [`CLAUSES`].
pub fn roll_up(own: impl Fn(&str) -> Option<CoverageLevel>) -> Vec<ClauseState> {
    let mut states: Vec<Option<ClauseState>> = vec![None; CLAUSES.len()];
    // Sub-clauses follow their parent in the catalogue, so walking it backwards meets every
    // sub-clause before its parent.
    for (i, c) in CLAUSES.iter().enumerate().rev() {
        let parts: Vec<ClauseState> = c
            .children()
            .filter_map(|p| iso::position(p.number).and_then(|j| states[j]))
            .collect();
        states[i] = Some(state_of(c, own(c.number), &parts));
    }
    let mut states: Vec<ClauseState> = states.into_iter().flatten().collect();
    for s in states.iter_mut().filter(|s| s.state.level().is_none()) {
        let mut above = iso::find(s.number).and_then(Clause::parent);
        while let Some(p) = above {
            if own(p.number).is_some() {
                s.rated_with = Some(p.number);
                break;
            }
            above = p.parent();
        }
    }
    states
}

/// One clause's state from its own entry and the states of its direct sub-clauses.
fn state_of(c: &Clause, own: Option<CoverageLevel>, parts: &[ClauseState]) -> ClauseState {
    let levels: Vec<CoverageLevel> = parts.iter().filter_map(|p| p.state.level()).collect();
    let touched = parts.iter().any(|p| p.state != CoverageState::NotAssessed);
    let (state, source) = match own {
        Some(level) => (CoverageState::of(Some(level)), StateSource::Own),
        None if !parts.is_empty() && levels.len() == parts.len() => (
            CoverageState::of(levels.iter().min().copied()),
            StateSource::SubClauses,
        ),
        None if touched => (CoverageState::PartlyAssessed, StateSource::SubClauses),
        None => (CoverageState::NotAssessed, StateSource::None),
    };
    ClauseState {
        number: c.number,
        state,
        source,
        parts_with_level: levels.len(),
        parts: parts.len(),
        rated_with: None,
    }
}

/// Counts the counted clauses at or below `within` by state.
fn tally(
    within: &'static Clause,
    clauses: &[ClauseState],
) -> (EnumMap<CoverageState, usize>, usize) {
    let prefix = format!("{}.", within.number);
    let mut by_level = EnumMap::default();
    let mut total = 0;
    for (c, s) in CLAUSES.iter().zip(clauses) {
        if c.counted && (c.number == within.number || c.number.starts_with(&prefix)) {
            by_level[s.state] += 1;
            total += 1;
        }
    }
    (by_level, total)
}

/// The counts of one top-level clause, with its sections where it has them.
fn group(g: &'static Clause, clauses: &[ClauseState]) -> CoverageGroup {
    let (by_level, total) = tally(g, clauses);
    let direct = g.children().filter(|c| c.counted).count();
    let sections = if direct == total {
        Vec::new()
    } else {
        g.children()
            .map(|s| {
                let (by_level, total) = tally(s, clauses);
                CoverageGroup {
                    number: s.number,
                    title: s.title,
                    by_level,
                    total,
                    sections: Vec::new(),
                }
            })
            .collect()
    };
    CoverageGroup {
        number: g.number,
        title: g.title,
        by_level,
        total,
        sections,
    }
}

/// Rolls coverage up over the catalogue and counts the counted clauses.
pub fn coverage(site: &Site) -> CoverageStats {
    let clauses = roll_up(|n| site.coverage.get(n).map(|c| c.level));
    let groups: Vec<CoverageGroup> = iso::top_groups().map(|g| group(g, &clauses)).collect();
    let mut totals = EnumMap::default();
    for g in &groups {
        for (state, n) in &g.by_level {
            totals[state] += n;
        }
    }
    CoverageStats {
        clauses,
        groups,
        totals,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use CoverageLevel::{Conforming, Defined, Initial, NotAddressed};

    fn rolled(entries: &[(&str, CoverageLevel)]) -> BTreeMap<&'static str, ClauseState> {
        let own: BTreeMap<String, CoverageLevel> =
            entries.iter().map(|(n, l)| ((*n).to_owned(), *l)).collect();
        roll_up(|n| own.get(n).copied())
            .into_iter()
            .map(|s| (s.number, s))
            .collect()
    }

    #[test]
    fn an_own_entry_is_shown_whatever_its_sub_clauses_say() {
        let s = rolled(&[("8.5.1", Defined), ("8.5.1.1", Conforming)]);
        assert_eq!(s["8.5.1"].state, CoverageState::Defined);
        assert_eq!(s["8.5.1"].source, StateSource::Own);
        assert_eq!(s["8.5.1.1"].source, StateSource::Own);
        // The parts without an entry are not assessed, rated as part of 8.5.1.
        assert_eq!(s["8.5.1.2"].state, CoverageState::NotAssessed);
        assert_eq!(s["8.5.1.2"].rated_with, Some("8.5.1"));
        assert_eq!(s["8.5.1.1"].rated_with, None);
    }

    #[test]
    fn all_sub_clauses_covered_roll_up_to_the_lowest() {
        let s = rolled(&[
            ("8.5.1.1", Conforming),
            ("8.5.1.2", Initial),
            ("8.5.1.3", Defined),
        ]);
        assert_eq!(s["8.5.1"].state, CoverageState::Initial);
        assert_eq!(s["8.5.1"].source, StateSource::SubClauses);
        assert_eq!((s["8.5.1"].parts_with_level, s["8.5.1"].parts), (3, 3));
        // 8.5 has 8.5.2 and 8.5.3 without entries: partly assessed, never "initial".
        assert_eq!(s["8.5"].state, CoverageState::PartlyAssessed);
        assert_eq!((s["8.5"].parts_with_level, s["8.5"].parts), (1, 3));
        // Rolled-up states roll up further.
        let s = rolled(&[
            ("8.6.1", Conforming),
            ("8.6.2", Conforming),
            ("8.6.3", Conforming),
        ]);
        assert_eq!(s["8.6"].state, CoverageState::Conforming);
        assert_eq!(s["8"].state, CoverageState::PartlyAssessed);
        let s = rolled(&[("5.2.1", NotAddressed), ("5.2.2", Conforming)]);
        assert_eq!(s["5.2"].state, CoverageState::NotAddressed);
    }

    #[test]
    fn some_sub_clauses_covered_is_partly_assessed() {
        let s = rolled(&[("8.3.4.2", Conforming)]);
        assert_eq!(s["8.3.4"].state, CoverageState::PartlyAssessed);
        assert_eq!(s["8.3.4"].source, StateSource::SubClauses);
        assert_eq!(s["8.3.4.1"].state, CoverageState::NotAssessed);
        // Partly assessed passes upwards: 8.3 knows something, not everything.
        assert_eq!(s["8.3"].state, CoverageState::PartlyAssessed);
        assert_eq!(s["8.3"].parts_with_level, 0);
    }

    #[test]
    fn no_entries_is_not_assessed_everywhere() {
        let s = rolled(&[]);
        assert!(s.values().all(|c| c.state == CoverageState::NotAssessed
            && c.source == StateSource::None
            && c.rated_with.is_none()));
        assert_eq!(s.len(), CLAUSES.len());
    }

    #[test]
    fn counts_take_each_counted_clause_once() {
        let clauses = roll_up(|n| match n {
            // A parent and its parts: 8.5.1 is counted once, by its own entry.
            "8.5.1" => Some(Defined),
            "8.5.1.1" | "8.5.1.2" | "8.5.1.3" => Some(Conforming),
            // Parts only: 8.7.3 is counted once, rolled up.
            "8.7.3.1" | "8.7.3.2" | "8.7.3.3" => Some(Initial),
            // A heading's entry counts for none of the clauses under it.
            "8.6" => Some(Conforming),
            _ => None,
        });
        let g8 = group(iso::find("8").expect("8"), &clauses);
        assert_eq!(g8.total, 23);
        assert_eq!(g8.by_level[CoverageState::Defined], 1);
        assert_eq!(g8.by_level[CoverageState::Initial], 1);
        assert_eq!(g8.by_level[CoverageState::Conforming], 0);
        assert_eq!(g8.by_level[CoverageState::NotAssessed], 21);
        let sections: Vec<(&str, usize)> =
            g8.sections.iter().map(|s| (s.number, s.total)).collect();
        assert_eq!(
            sections,
            [
                ("8.1", 1),
                ("8.2", 6),
                ("8.3", 4),
                ("8.4", 3),
                ("8.5", 3),
                ("8.6", 3),
                ("8.7", 3)
            ]
        );
        let g5 = group(iso::find("5").expect("5"), &clauses);
        assert_eq!(g5.total, 3);
        assert!(g5.sections.is_empty());
    }
}
