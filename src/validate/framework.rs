//! Frameworks: scale, domains and dimensions.

use super::*;

pub(super) fn frameworks(raw: &RawSite, diags: &mut Diagnostics) -> TiVec<FrameworkId, Framework> {
    let mut ids = IdSet::new("framework");
    let mut out = Vec::new();
    for Loaded { source, data: f } in &raw.frameworks {
        if !ids.insert(source, &f.id, diags) {
            continue;
        }
        // Scale: unique ids, strictly increasing values.
        let mut scale: TiVec<LevelId, ScaleLevel> = TiVec::new();
        let mut level_ids = IdSet::new("scale level");
        let mut previous: Option<f64> = None;
        for level in &f.scale {
            level_ids.insert(source, &level.id, diags);
            let v = *level.value.get_ref();
            if !v.is_finite() {
                diags.error_at(
                    source,
                    level.value.span(),
                    "scale value is not a number",
                    Some("a finite number".to_owned()),
                );
            } else if previous.is_some_and(|p| v <= p) {
                diags.error_at(
                    source,
                    level.value.span(),
                    format!(
                        "scale value {v} is not above the level before it ({})",
                        previous.unwrap_or_default()
                    ),
                    Some(
                        "scale levels listed lowest first, with strictly increasing values"
                            .to_owned(),
                    ),
                );
            }
            previous = Some(v);
            scale.push(ScaleLevel {
                id: level.id.get_ref().clone(),
                label: level.label.clone(),
                value: v,
                description: level.description.clone(),
            });
        }
        if scale.len() < 2 {
            diags.error_at(
                source,
                f.id.span(),
                format!(
                    "framework \"{}\" has {} scale levels",
                    f.id.get_ref(),
                    scale.len()
                ),
                Some("at least two [[scale]] levels, lowest first".to_owned()),
            );
        }
        let mut domain_ids = IdSet::new("domain");
        let mut domains: TiVec<DomainId, Domain> = TiVec::new();
        for d in &f.domains {
            if domain_ids.insert(source, &d.id, diags) {
                domains.push(Domain {
                    id: d.id.get_ref().clone(),
                    name: d.name.clone(),
                    description: d.description.clone(),
                    weight: weight(source, &d.weight, diags),
                    dimensions: Vec::new(),
                });
            }
        }
        let mut dim_ids = IdSet::new("dimension");
        let mut dimensions: TiVec<DimensionId, Dimension> = TiVec::new();
        for d in &f.dimensions {
            if !dim_ids.insert(source, &d.id, diags) {
                continue;
            }
            let Some(domain) = domains.position(|x| x.id == *d.domain.get_ref()) else {
                diags.error_at(
                    source,
                    d.domain.span(),
                    format!(
                        "dimension \"{}\" names unknown domain \"{}\"",
                        d.id.get_ref(),
                        d.domain.get_ref()
                    ),
                    Some(one_of(domains.iter().map(|x| &x.id))),
                );
                continue;
            };
            domains[domain].dimensions.push(dimensions.next_key());
            dimensions.push(Dimension {
                id: d.id.get_ref().clone(),
                name: d.name.clone(),
                domain,
                description: d.description.clone(),
                weight: weight(source, &d.weight, diags),
            });
        }
        if dimensions.is_empty() {
            diags.error_at(
                source,
                f.id.span(),
                format!("framework \"{}\" has no dimensions", f.id.get_ref()),
                Some("[[dimension]] tables with id, domain and name".to_owned()),
            );
        }
        for d in &domains {
            if d.dimensions.is_empty() {
                let span = f
                    .domains
                    .iter()
                    .find(|x| *x.id.get_ref() == d.id)
                    .map_or(0..0, |x| x.id.span());
                diags.error_at(
                    source,
                    span,
                    format!("domain \"{}\" has no dimensions", d.id),
                    Some("at least one [[dimension]] with this domain".to_owned()),
                );
            }
        }
        let dimension_by_id = dimensions
            .iter_enumerated()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        out.push(Framework {
            id: f.id.get_ref().clone(),
            name: f.name.clone(),
            short_name: f
                .short_name
                .clone()
                .unwrap_or_else(|| f.id.get_ref().clone()),
            description: f.description.clone(),
            example: f.example,
            unit: f.unit.clone(),
            index_rollup: f.rollup.index,
            scale,
            domains,
            dimensions,
            dimension_by_id,
            declared_dimensions: f
                .dimensions
                .iter()
                .map(|d| d.id.get_ref().clone())
                .collect(),
            file: source.path.clone(),
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.into_iter().collect()
}

pub(super) fn resolve_framework(
    source: &SourceFile,
    id: &Spanned<String>,
    fw_index: &HashMap<&str, FrameworkId>,
    fw_ids: &dyn Fn() -> Vec<String>,
    quiet: &Quiet,
    diags: &mut Diagnostics,
) -> Option<FrameworkId> {
    let found = fw_index.get(id.get_ref().as_str()).copied();
    if found.is_none() && !quiet.frameworks {
        diags.error_at(
            source,
            id.span(),
            format!("unknown framework \"{}\"", id.get_ref()),
            Some(one_of(fw_ids())),
        );
    }
    found
}

pub(super) fn non_negative(
    source: &SourceFile,
    v: &Option<Spanned<f64>>,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<f64> {
    let v = v.as_ref()?;
    if v.get_ref().is_finite() && *v.get_ref() >= 0.0 {
        Some(*v.get_ref())
    } else {
        diags.error_at(
            source,
            v.span(),
            format!("{key} {} is not allowed", v.get_ref()),
            Some("a number zero or greater".to_owned()),
        );
        None
    }
}
