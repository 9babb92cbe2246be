//! Assessments: every rating against its framework's scale.

use super::*;

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
        let date = date(source, &a.date, "date", diags);
        let unit = units.resolve(source, a.unit.as_ref(), diags);
        let cost = match &a.cost {
            None => Cost::default(),
            Some(c) => Cost {
                per_user: non_negative(source, &c.per_user, "per_user", diags),
                percent_of_revenue: non_negative(
                    source,
                    &c.percent_of_revenue,
                    "percent_of_revenue",
                    diags,
                ),
                users: c.users.as_ref().and_then(|u| {
                    if *u.get_ref() >= 0 {
                        Some(*u.get_ref())
                    } else {
                        diags.error_at(
                            source,
                            u.span(),
                            "users is negative",
                            Some("a whole number zero or greater".to_owned()),
                        );
                        None
                    }
                }),
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
                diags.error_at(
                    source,
                    r.dimension.span(),
                    format!(
                        "unknown dimension \"{}\" in framework \"{}\"",
                        r.dimension.get_ref(),
                        framework.id
                    ),
                    Some(one_of(framework.dimensions.iter().map(|d| &d.id))),
                );
                continue;
            };
            if let Some(first) = seen.get(&d) {
                let p = source.position(first.start);
                diags.error_at(
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
                        diags.error_at(
                            source,
                            l.span(),
                            format!(
                                "\"{}\" is not a level of the scale of framework \"{}\"",
                                l.get_ref(),
                                framework.id
                            ),
                            Some(format!(
                                "{}, or no level at all for \"not rated\"",
                                one_of(framework.scale.iter().map(|s| &s.id))
                            )),
                        );
                    }
                    found
                }
            };
            ratings[d] = Rating {
                level,
                notes: r.notes.clone(),
                evidence: evidence(source, &r.evidence, diags),
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
