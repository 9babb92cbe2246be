//! Frameworks: scale, domains and dimensions.

use super::*;

/// Long because the checks of a framework file in the order of its keys, each a few lines; a reader
/// compares them with the file format.
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
            if v.is_finite() && previous.is_some_and(|p| v <= p) {
                diags.error_at(
                    &codes::SCALE_ORDER,
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
            if v.is_finite() {
                previous = Some(v);
            }
            scale.push(ScaleLevel {
                id: level.id.get_ref().clone(),
                label: level.label.clone(),
                value: v,
                description: level.description.clone(),
            });
        }
        let mut domain_ids = IdSet::new("domain");
        let mut domains: TiVec<DomainId, Domain> = TiVec::new();
        for d in &f.domains {
            if domain_ids.insert(source, &d.id, diags) {
                domains.push(Domain {
                    id: d.id.get_ref().clone(),
                    name: d.name.clone(),
                    description: d.description.clone(),
                    weight: weight(&d.weight),
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
                let ids: Vec<&str> = domains.iter().map(|x| x.id.as_str()).collect();
                unknown_ref(
                    diags,
                    source,
                    &d.domain,
                    format!(
                        "dimension \"{}\" names unknown domain \"{}\"",
                        d.id.get_ref(),
                        d.domain.get_ref()
                    ),
                    &ids,
                );
                continue;
            };
            domains[domain].dimensions.push(dimensions.next_key());
            dimensions.push(Dimension {
                id: d.id.get_ref().clone(),
                name: d.name.clone(),
                domain,
                description: d.description.clone(),
                weight: weight(&d.weight),
            });
        }
        for d in &domains {
            if d.dimensions.is_empty() {
                let span = f
                    .domains
                    .iter()
                    .find(|x| *x.id.get_ref() == d.id)
                    .map_or(0..0, |x| x.id.span());
                diags.error_at(
                    &codes::EMPTY_DOMAIN,
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
        unknown_ref(
            diags,
            source,
            id,
            format!("unknown framework \"{}\"", id.get_ref()),
            &fw_ids(),
        );
    }
    found
}
