//! Peer benchmarks: the peers, their scores and the comparison group.

use super::*;

/// Long because the checks of a benchmark file in the order of its keys, each a few lines; a reader
/// compares them with the file format.
pub(super) fn benchmarks(
    raw: &RawSite,
    frameworks: &TiVec<FrameworkId, Framework>,
    fw_index: &HashMap<&str, FrameworkId>,
    fw_ids: &dyn Fn() -> Vec<String>,
    quiet: &Quiet,
    diags: &mut Diagnostics,
) -> TiVec<BenchmarkId, Benchmark> {
    let mut ids = IdSet::new("benchmark");
    let mut out = Vec::new();
    for Loaded { source, data: b } in &raw.benchmarks {
        let id_ok = ids.insert(source, &b.id, diags);
        let Some(fw) = resolve_framework(source, &b.framework, fw_index, fw_ids, quiet, diags)
        else {
            continue;
        };
        let framework = &frameworks[fw];
        let mut peer_ids = IdSet::new("peer");
        let mut peers: TiVec<PeerId, Peer> = TiVec::new();
        for p in &b.peers {
            peer_ids.insert(source, &p.id, diags);
            on_scale(source, &p.index, framework, "index", diags);
            let mut domains: TiVec<DomainId, Option<f64>> =
                vec![None; framework.domains.len()].into();
            for (key, value) in &p.domains {
                match framework.domains.position(|d| d.id == *key) {
                    Some(i) => {
                        on_scale(source, value, framework, key, diags);
                        domains[i] = Some(*value.get_ref());
                    }
                    None => {
                        let ids: Vec<&str> =
                            framework.domains.iter().map(|d| d.id.as_str()).collect();
                        diags.push(
                            Diagnostic::at(
                                Severity::Error,
                                source,
                                value.span(),
                                format!(
                                    "peer \"{}\" has a score for unknown domain \"{key}\"",
                                    p.id.get_ref()
                                ),
                            )
                            .code(&codes::UNKNOWN_REFERENCE)
                            .nearest_of(key, &ids)
                            .expected(one_of(&ids)),
                        );
                    }
                }
            }
            peers.push(Peer {
                id: p.id.get_ref().clone(),
                sector: p.sector.clone(),
                size_band: p.size_band.clone(),
                region: p.region.clone(),
                year: p.year,
                index: *p.index.get_ref(),
                domains,
                cost_per_user: p.cost_per_user,
                cost_percent_of_revenue: p.cost_percent_of_revenue,
            });
        }
        let g = &b.group;
        let keep = |list: &[String], v: &str| list.is_empty() || list.iter().any(|x| x == v);
        let group: Vec<PeerId> = peers
            .iter_enumerated()
            .filter(|(_, p)| {
                keep(&g.sectors, &p.sector)
                    && keep(&g.size_bands, &p.size_band)
                    && keep(&g.regions, &p.region)
                    && g.since_year.is_none_or(|y| p.year >= y)
            })
            .map(|(i, _)| i)
            .collect();
        let mut parts = Vec::new();
        if !g.sectors.is_empty() {
            parts.push(g.sectors.join(", "));
        }
        if !g.size_bands.is_empty() {
            parts.push(g.size_bands.join(", "));
        }
        if !g.regions.is_empty() {
            parts.push(g.regions.join(", "));
        }
        if group.len() < crate::report::SMALL_GROUP {
            diags.warning_at(
                &codes::SMALL_GROUP,
                source,
                b.id.span(),
                format!(
                    "benchmark \"{}\": the comparison group has only {} peers (fewer than {}); its statistics are shown as indicative",
                    b.id.get_ref(),
                    group.len(),
                    crate::report::SMALL_GROUP
                ),
            );
        }
        if id_ok {
            out.push(Benchmark {
                id: b.id.get_ref().clone(),
                title: b.title.clone(),
                framework: fw,
                source: b.source.clone(),
                group_description: parts.join(" · "),
                since_year: g.since_year,
                peers,
                group,
                origin: origin(source, b.id.span()),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.into_iter().collect()
}

/// Reports a peer score outside the framework's scale: peers are rated on the same scale as
/// we are, so a score outside it was taken from another framework or mistyped.
fn on_scale(
    source: &SourceFile,
    value: &Spanned<f64>,
    framework: &Framework,
    what: &str,
    diags: &mut Diagnostics,
) {
    let v = *value.get_ref();
    let (Some(low), Some(high)) = (framework.scale.first(), framework.scale.last()) else {
        return;
    };
    if v.is_finite() && (v < low.value || v > high.value) {
        diags.error_at(
            &codes::PEER_OUTSIDE_SCALE,
            source,
            value.span(),
            format!(
                "peer score {what} = {v} lies outside the scale of framework \"{}\"",
                framework.id
            ),
            Some(format!(
                "a score from {} to {}, the lowest and highest values of the scale",
                low.value, high.value
            )),
        );
    }
}
