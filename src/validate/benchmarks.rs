//! Peer benchmarks: the peers, their scores and the comparison group.

use super::*;

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
            if !p.index.get_ref().is_finite() {
                diags.error_at(
                    source,
                    p.index.span(),
                    "index is not a number",
                    Some("a finite number".to_owned()),
                );
            }
            let mut domains: TiVec<DomainId, Option<f64>> =
                vec![None; framework.domains.len()].into();
            for (key, value) in &p.domains {
                match framework.domains.position(|d| d.id == *key) {
                    Some(i) => domains[i] = Some(*value.get_ref()),
                    None => diags.error_at(
                        source,
                        value.span(),
                        format!(
                            "peer \"{}\" has a score for unknown domain \"{key}\"",
                            p.id.get_ref()
                        ),
                        Some(one_of(framework.domains.iter().map(|d| &d.id))),
                    ),
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
        if let Some(y) = g.since_year {
            parts.push(format!("since {y}"));
        }
        if group.len() < crate::report::SMALL_GROUP {
            diags.warning_at(
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
                peers,
                group,
                origin: origin(source, b.id.span()),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.into_iter().collect()
}
