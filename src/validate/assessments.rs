//! Assessments: every rating against its framework's scale.

use super::*;

/// Long because the checks of an assessment in the order of its keys, each a few lines; a reader
/// compares them with the file format.
pub(super) fn assessments(
    raw: &RawSite,
    frameworks: &TiVec<FrameworkId, Framework>,
    fw_index: &HashMap<&str, FrameworkId>,
    fw_ids: &dyn Fn() -> Vec<String>,
    units: &super::units::Units,
    quiet: &Quiet,
    diags: &mut Diagnostics,
) -> TiVec<AssessmentId, Assessment> {
    let mut ids = IdSet::new("assessment");
    let mut out = Vec::new();
    for Loaded { source, data: a } in &raw.assessments {
        let id_ok = ids.insert(source, &a.id, diags);
        let fw = resolve_framework(source, &a.framework, fw_index, fw_ids, quiet, diags);
        let date = date(&a.date);
        let unit = units.resolve(source, a.unit.as_ref(), diags);
        let cost = match &a.cost {
            None => Cost::default(),
            Some(c) => Cost {
                per_user: non_negative(&c.per_user),
                percent_of_revenue: non_negative(&c.percent_of_revenue),
                users: c.users.as_ref().map(|u| *u.get_ref()).filter(|u| *u >= 0),
                currency: c.currency.clone().unwrap_or_default(),
            },
        };
        let Some(fw) = fw else { continue };
        let framework = &frameworks[fw];
        let mut ratings: TiVec<DimensionId, Rating> =
            vec![Rating::default(); framework.dimensions.len()].into();
        let mut seen: HashMap<DimensionId, Range<usize>> = HashMap::new();
        for r in &a.ratings {
            let Some(&d) = framework.dimension_by_id.get(r.dimension.get_ref()) else {
                if framework
                    .declared_dimensions
                    .contains(r.dimension.get_ref())
                {
                    continue;
                }
                let ids: Vec<&str> = framework.dimensions.iter().map(|d| d.id.as_str()).collect();
                unknown_ref(
                    diags,
                    source,
                    &r.dimension,
                    format!(
                        "unknown dimension \"{}\" in framework \"{}\"",
                        r.dimension.get_ref(),
                        framework.id
                    ),
                    &ids,
                );
                continue;
            };
            if let Some(first) = seen.get(&d) {
                let p = source.position(first.start);
                diags.error_at(
                    &codes::DUPLICATE_ENTRY,
                    source,
                    r.dimension.span(),
                    format!(
                        "dimension \"{}\" is rated twice (first at line {})",
                        r.dimension.get_ref(),
                        p.line
                    ),
                    Some("one [[rating]] per dimension".to_owned()),
                );
                continue;
            }
            seen.insert(d, r.dimension.span());
            let level = match &r.level {
                None => None,
                Some(l) => {
                    let found = framework.scale.position(|s| s.id == *l.get_ref());
                    if found.is_none() {
                        let ids: Vec<&str> =
                            framework.scale.iter().map(|s| s.id.as_str()).collect();
                        diags.push(
                            Diagnostic::at(
                                Severity::Error,
                                source,
                                l.span(),
                                format!(
                                    "\"{}\" is not a level of the scale of framework \"{}\"",
                                    l.get_ref(),
                                    framework.id
                                ),
                            )
                            .code(&codes::UNKNOWN_REFERENCE)
                            .nearest_of(l.get_ref(), &ids)
                            .expected(format!(
                                "{}, or no level at all for \"not rated\"",
                                one_of(&ids)
                            )),
                        );
                    }
                    found
                }
            };
            ratings[d] = Rating {
                level,
                notes: r.notes.clone(),
                evidence: evidence(source, &r.evidence),
            };
        }
        let (Some(date), Some(unit), true) = (date, unit, id_ok) else {
            continue;
        };
        out.push(Assessment {
            id: a.id.get_ref().clone(),
            title: a.title.clone().unwrap_or_else(|| {
                let title = format!("{} {}", framework.short_name, date.year());
                if unit == UnitId::ORGANISATION {
                    title
                } else {
                    format!("{title} ({})", units.list[unit].name)
                }
            }),
            framework: fw,
            unit,
            file: source.path.clone(),
            date,
            assessor: a.assessor.clone(),
            scope: a.scope.clone(),
            method: a.method.clone(),
            summary: a.summary.clone(),
            cost,
            ratings,
        });
    }
    out.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    out.into_iter().collect()
}
