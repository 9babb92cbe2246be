//! References from one file to another: frameworks, dimensions and clauses.

use super::*;

/// What references to frameworks and dimensions resolve against.
pub(super) struct Refs<'a> {
    pub(super) frameworks: &'a TiVec<FrameworkId, Framework>,
    pub(super) fw_index: &'a HashMap<&'a str, FrameworkId>,
    pub(super) main: FrameworkId,
    pub(super) quiet: &'a Quiet,
}

impl Refs<'_> {
    /// Resolves `D1.1` (main framework) or `framework:D1.1`.
    pub(super) fn dimension(
        &self,
        source: &SourceFile,
        r: &Spanned<String>,
        diags: &mut Diagnostics,
    ) -> Option<DimensionRef> {
        let text = r.get_ref();
        let (fw, dim) = match text.split_once(':') {
            Some((f, d)) => match self.fw_index.get(f) {
                Some(i) => (*i, d),
                None if self.quiet.frameworks => return None,
                None => {
                    let ids: Vec<&str> = self.frameworks.iter().map(|f| f.id.as_str()).collect();
                    diags.push(
                        Diagnostic::at(
                            Severity::Error,
                            source,
                            r.span(),
                            format!("unknown framework \"{f}\" in dimension reference \"{text}\""),
                        )
                        .code(&codes::UNKNOWN_REFERENCE)
                        .nearest_of(f, &ids)
                        .expected(one_of(&ids)),
                    );
                    return None;
                }
            },
            None => (self.main, text.as_str()),
        };
        let framework = self.frameworks.get(fw)?;
        match framework.dimension_by_id.get(dim) {
            Some(d) => Some(DimensionRef {
                framework: fw,
                dimension: *d,
            }),
            None if self.quiet.frameworks || framework.declared_dimensions.contains(dim) => None,
            None => {
                let ids: Vec<&str> = framework.dimensions.iter().map(|d| d.id.as_str()).collect();
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        source,
                        r.span(),
                        format!(
                            "unknown dimension \"{text}\" (framework \"{}\")",
                            framework.id
                        ),
                    )
                    .code(&codes::UNKNOWN_REFERENCE)
                    .nearest_of(dim, &ids)
                    .expected(format!(
                        "{} (prefix with \"framework-id:\" for another framework)",
                        one_of(&ids)
                    )),
                );
                None
            }
        }
    }

    pub(super) fn dimensions(
        &self,
        source: &SourceFile,
        list: &[Spanned<String>],
        diags: &mut Diagnostics,
    ) -> Vec<DimensionRef> {
        let mut v: Vec<DimensionRef> = list
            .iter()
            .filter_map(|r| self.dimension(source, r, diags))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// The clauses of a list, in catalogue order without repeats; a number outside the catalogue is
/// reported (see [`clause`]) and left out.
pub(super) fn clauses(
    source: &SourceFile,
    list: &[Spanned<String>],
    diags: &mut Diagnostics,
) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = list
        .iter()
        .filter_map(|c| clause(source, c, diags).map(|cl| cl.number))
        .collect();
    v.sort_by_key(|n| iso::position(n));
    v.dedup();
    v
}

/// Resolves one clause number against the catalogue; an unknown number is an error at its
/// place that suggests the clauses next to where it would be.
pub(super) fn clause(
    source: &SourceFile,
    number: &Spanned<String>,
    diags: &mut Diagnostics,
) -> Option<&'static iso::Clause> {
    let found = iso::find(number.get_ref());
    if found.is_none() {
        diags.push(
            Diagnostic::at(
                Severity::Error,
                source,
                number.span(),
                format!(
                    "\"{}\" is not a clause of ISO/IEC 20000-1:2018 in qmsite's catalogue",
                    number.get_ref()
                ),
            )
            .code(&codes::UNKNOWN_CLAUSE)
            .suggest(format!("did you mean {}?", one_of(iso::near(number.get_ref()))))
            .expected(
                "a clause number of the catalogue, at any level (qmsite explain E403 shows how they nest)",
            ),
        );
    }
    found
}
