//! The improvement register: dates, references and overdue actions.

use super::*;

/// Long because the checks of an improvement in the order of its keys, each a few lines; a reader
/// compares them with the file format.
pub(super) fn improvements(
    raw: &RawSite,
    refs: &Refs,
    qms_index: &HashMap<&str, QmsId>,
    assessment_index: &HashMap<&str, AssessmentId>,
    today: Date,
    diags: &mut Diagnostics,
) -> TiVec<ImprovementId, Improvement> {
    let mut ids = IdSet::new("improvement");
    let mut out = Vec::new();
    let qms_ids = || {
        let mut v: Vec<&str> = qms_index.keys().copied().collect();
        v.sort();
        v
    };
    for Loaded { source, data } in &raw.registers {
        for i in &data.improvements {
            let id_ok = ids.insert(source, &i.id, diags);
            let raised = date(&i.raised);
            let due = i.due.as_ref().and_then(date);
            if let (Some(r), Some(d), Some(span)) = (raised, due, i.due.as_ref().map(|d| d.span()))
                && d < r
            {
                diags.error_at(
                    &codes::DUE_BEFORE_RAISED,
                    source,
                    span,
                    format!("due date {d} is before the date raised ({r})"),
                    Some(format!("a due date on or after {r}")),
                );
            }
            if let Some(r) = raised
                && r > today
            {
                diags.error_at(
                    &codes::DATE_IN_FUTURE,
                    source,
                    i.raised.span(),
                    format!("raised date {r} is in the future (build date {today})"),
                    Some("a date on or before the build date (see --today)".to_owned()),
                );
            }
            let status = *i.status.get_ref();
            if let Some(d) = due
                && crate::site::is_overdue(status, due, today)
            {
                diags.warning_at(
                    &codes::OVERDUE,
                    source,
                    i.id.span(),
                    format!(
                        "improvement \"{}\" is overdue: due {d}, status \"{}\", owner {}",
                        i.id.get_ref(),
                        status.key(),
                        i.owner
                    ),
                );
            }
            let assessment = i.assessment.as_ref().and_then(|a| {
                let found = assessment_index.get(a.get_ref().as_str()).copied();
                // An assessment that exists but was left out for its own errors is not dangling.
                let declared = raw
                    .assessments
                    .iter()
                    .any(|l| l.data.id.get_ref() == a.get_ref());
                if found.is_none() && !refs.quiet.assessments && !declared {
                    let mut v: Vec<&str> = assessment_index.keys().copied().collect();
                    v.sort();
                    unknown_ref(
                        diags,
                        source,
                        a,
                        format!("unknown assessment \"{}\"", a.get_ref()),
                        &v,
                    );
                }
                found
            });
            let qms: Vec<QmsId> = i
                .qms
                .iter()
                .filter_map(|q| {
                    let found = qms_index.get(q.get_ref().as_str()).copied();
                    if found.is_none() && !refs.quiet.qms {
                        unknown_ref(
                            diags,
                            source,
                            q,
                            format!("unknown QMS component \"{}\"", q.get_ref()),
                            &qms_ids(),
                        );
                    }
                    found
                })
                .collect();
            let clauses = clauses(source, &i.clauses, diags);
            let dimensions = refs.dimensions(source, &i.dimensions, diags);
            let (Some(raised), true) = (raised, id_ok) else {
                continue;
            };
            out.push(Improvement {
                id: i.id.get_ref().clone(),
                title: i.title.clone(),
                raised,
                raised_by: i.raised_by.clone(),
                source: *i.source.get_ref(),
                assessment,
                description: i.description.clone(),
                justification: i.justification.clone(),
                priority: *i.priority.get_ref(),
                size: i.size.as_ref().map(|s| *s.get_ref()),
                kpi: i.kpi.clone(),
                target: i.target.clone(),
                owner: i.owner.clone(),
                due,
                status,
                part: *i.part.get_ref(),
                direction: *i.direction.get_ref(),
                clauses,
                dimensions,
                qms,
                expected_effect: i.expected_effect.clone(),
                measured_result: i.measured_result.clone(),
                evidence: evidence(source, &i.evidence),
                origin: origin(source, i.id.span()),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.into_iter().collect()
}
