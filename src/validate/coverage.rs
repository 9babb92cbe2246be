//! ISO/IEC 20000-1 coverage: one entry per clause of the catalogue.

use super::*;

pub(super) fn coverage(
    raw: &RawSite,
    diags: &mut Diagnostics,
) -> BTreeMap<&'static str, ClauseCoverage> {
    let mut out = BTreeMap::new();
    let mut seen: HashMap<&'static str, (Arc<SourceFile>, Range<usize>)> = HashMap::new();
    for Loaded { source, data } in &raw.coverage {
        for c in &data.clauses {
            // A number outside the catalogue was reported when the file was read.
            let Some(clause) = iso::find(c.clause.get_ref()) else {
                continue;
            };
            if !clause.rated {
                diags.error_at(
                    &codes::COVERAGE_GROUP,
                    source,
                    c.clause.span(),
                    format!(
                        "clause {} is a group; coverage is rated on its sub-clauses",
                        clause.number
                    ),
                    Some(one_of(
                        iso::rated()
                            .filter(|r| r.number.starts_with(&format!("{}.", clause.number)))
                            .map(|c| c.number),
                    )),
                );
                continue;
            }
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
        let missing: Vec<&str> = iso::rated()
            .map(|c| c.number)
            .filter(|n| !out.contains_key(n))
            .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::in_file(
                    Severity::Warning,
                    "content/coverage",
                    format!(
                        "{} clauses have no coverage entry and are shown as not assessed: {}",
                        missing.len(),
                        missing.join(", ")
                    ),
                )
                .code(&codes::COVERAGE_MISSING),
            );
        }
    }
    out
}
