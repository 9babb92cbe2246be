//! ISO/IEC 20000-1 coverage: at most one entry per clause of the catalogue, at any level.

use super::*;
use crate::content::model::coverage::CoverageLevel;
use crate::report::{ClauseState, roll_up};

/// Where each clause's entry was written, for messages about it.
type Places = HashMap<&'static str, (Arc<SourceFile>, Range<usize>)>;

pub(super) fn coverage(
    raw: &RawSite,
    diags: &mut Diagnostics,
) -> BTreeMap<&'static str, ClauseCoverage> {
    let mut out = BTreeMap::new();
    let mut seen: Places = HashMap::new();
    for Loaded { source, data } in &raw.coverage {
        for c in &data.clauses {
            let Some(clause) = super::refs::clause(source, &c.clause, diags) else {
                continue;
            };
            if let Some((first, span)) = seen.get(clause.number) {
                let p = first.position(span.start);
                diags.error_at(
                    &codes::DUPLICATE_ENTRY,
                    source,
                    c.clause.span(),
                    format!(
                        "clause {} is covered twice (first at {}:{}:{})",
                        clause.number,
                        first.path.display(),
                        p.line,
                        p.col
                    ),
                    Some("one [[clause]] entry per clause".to_owned()),
                );
                continue;
            }
            seen.insert(clause.number, (source.clone(), c.clause.span()));
            let reviewed = c.reviewed.as_ref().and_then(date);
            out.insert(
                clause.number,
                ClauseCoverage {
                    level: *c.level.get_ref(),
                    evidence: evidence(source, &c.evidence),
                    notes: c.notes.clone(),
                    reviewed,
                },
            );
        }
    }
    if !raw.coverage.is_empty() {
        let states = roll_up(|n| out.get(n).map(|c| c.level));
        overstated(&states, &out, &seen, diags);
        missing(&states, diags);
    }
    out
}

/// Warns, at the entry, when a clause is rated above one of its sub-clauses: by the roll-up
/// rule a clause is covered only as far as its weakest part, so the entry overstates it.
fn overstated(
    states: &[ClauseState],
    out: &BTreeMap<&'static str, ClauseCoverage>,
    seen: &Places,
    diags: &mut Diagnostics,
) {
    for (number, cov) in out {
        let Some(clause) = iso::find(number) else {
            continue;
        };
        let below: Vec<(&str, CoverageLevel)> = clause
            .children()
            .filter_map(|c| {
                let level = iso::position(c.number)
                    .and_then(|i| states.get(i))
                    .and_then(|s| s.state.level())?;
                (level < cov.level).then_some((c.number, level))
            })
            .collect();
        let (Some((source, span)), false) = (seen.get(number), below.is_empty()) else {
            continue;
        };
        let list: Vec<String> = below
            .iter()
            .map(|(n, l)| format!("{n} is {}", l.key()))
            .collect();
        diags.warning_at(
            &codes::COVERAGE_OVERSTATED,
            source,
            span.clone(),
            format!(
                "clause {number} is rated {} but its sub-clauses say less ({}); a clause is covered only as far as its weakest part",
                cov.level.key(),
                list.join(", ")
            ),
        );
    }
}

/// One warning listing the counted clauses that have no level under the roll-up rule.
fn missing(states: &[ClauseState], diags: &mut Diagnostics) {
    let counted: Vec<(&iso::Clause, &ClauseState)> = iso::CLAUSES
        .iter()
        .zip(states)
        .filter(|(c, _)| c.counted)
        .collect();
    let missing: Vec<String> = counted
        .iter()
        .filter(|(_, s)| s.state.level().is_none())
        .map(|(c, s)| match s.parts {
            0 => c.number.to_owned(),
            n => format!("{} ({} of {n} sub-clauses)", c.number, s.parts_with_level),
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    diags.push(crate::diagnostics::Diagnostic::in_file(
        crate::diagnostics::Severity::Warning,
        "content/coverage",
        format!(
            "{} of {} counted clauses have no coverage level, neither an entry of their own nor entries for all their sub-clauses, and are shown as not assessed or partly assessed: {}",
            missing.len(),
            counted.len(),
            missing.join(", ")
        ),
    ).code(&codes::COVERAGE_MISSING));
}
