//! IT QMS components: levels, direction and reviews.

use super::*;

/// Checks that a direction agrees with the current and target levels.
pub(super) fn direction_fits(direction: Direction, current: i64, target: i64) -> bool {
    match direction {
        Direction::Raise => target > current,
        Direction::Keep => target == current,
        Direction::Lower => target < current,
    }
}

/// Long because the checks of a QMS component in the order of its keys, each a few lines; a reader
/// compares them with the file format.
pub(super) fn qms(
    raw: &RawSite,
    refs: &Refs,
    today: Date,
    diags: &mut Diagnostics,
) -> TiVec<QmsId, QmsComponent> {
    let mut ids = IdSet::new("QMS component");
    let mut out = Vec::new();
    for Loaded { source, data } in &raw.qms {
        for c in &data.components {
            let id_ok = ids.insert(source, &c.id, diags);
            let (cur, tgt, dir) = (
                *c.current_level.get_ref(),
                *c.target_level.get_ref(),
                *c.direction.get_ref(),
            );
            let levels_ok = [cur, tgt].iter().all(|l| (0..=5).contains(l));
            if levels_ok && !direction_fits(dir, cur, tgt) {
                diags.error_at(
                    &codes::DIRECTION_MISMATCH,
                    source,
                    c.direction.span(),
                    format!("direction \"{}\" does not fit current_level {cur} and target_level {tgt}", dir.key()),
                    Some("\"raise\" with a target above the current level, \"keep\" with equal levels, \"lower\" with a target below".to_owned()),
                );
            }
            let last_review = c.last_review.as_ref().and_then(date);
            let months = (*c.review_months.get_ref()).clamp(1, 120) as i32;
            let review_due =
                last_review.and_then(|d| d.checked_add(jiff::Span::new().months(months)).ok());
            match last_review {
                Some(d) => {
                    if review_due.is_some_and(|due| due < today) {
                        diags.warning_at(
                            &codes::REVIEW_OVERDUE,
                            source,
                            c.id.span(),
                            format!("QMS component \"{}\" was last reviewed on {d}, more than {months} months ago", c.id.get_ref()),
                        );
                    }
                    if d > today {
                        diags.error_at(
                            &codes::DATE_IN_FUTURE,
                            source,
                            c.last_review.as_ref().map_or(0..0, |x| x.span()),
                            format!("last_review {d} is in the future (build date {today})"),
                            Some("a date on or before the build date (see --today)".to_owned()),
                        );
                    }
                }
                None if c.last_review.is_none() => diags.warning_at(
                    &codes::NEVER_REVIEWED,
                    source,
                    c.id.span(),
                    format!(
                        "QMS component \"{}\" has never been reviewed",
                        c.id.get_ref()
                    ),
                ),
                None => {}
            }
            let clauses = clauses(source, &c.clauses, diags);
            let dimensions = refs.dimensions(source, &c.dimensions, diags);
            if id_ok {
                out.push(QmsComponent {
                    id: c.id.get_ref().clone(),
                    name: c.name.clone(),
                    purpose: c.purpose.clone(),
                    owner: c.owner.clone(),
                    current_level: cur,
                    target_level: tgt,
                    direction: dir,
                    rationale: c.rationale.clone(),
                    review_months: *c.review_months.get_ref(),
                    last_review,
                    review_due,
                    clauses,
                    dimensions,
                    origin: origin(source, c.id.span()),
                });
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.into_iter().collect()
}
