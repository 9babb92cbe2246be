//! Organisational units: the `[[unit]]` tables of `qmsite.toml`, and the organisation as a whole.

use super::*;

/// The units of a site, the organisation as a whole first, and their ids for references.
pub(super) struct Units {
    /// Every unit.
    pub(super) list: TiVec<UnitId, Unit>,
    /// Declared units by id.
    pub(super) by_id: HashMap<String, UnitId>,
}

/// Checks the declared units and adds the organisation as a whole in front of them.
pub(super) fn units(raw: &RawSite, diags: &mut Diagnostics) -> Units {
    let cfg = &raw.config;
    let source = Arc::new(cfg.source.clone());
    let mut list: TiVec<UnitId, Unit> = TiVec::new();
    list.push(Unit {
        id: None,
        name: cfg.config.organisation.clone(),
        description: String::new(),
    });
    let mut ids = IdSet::new("unit");
    let mut by_id = HashMap::new();
    for u in &cfg.config.units {
        if !ids.insert(&source, &u.id, diags) {
            continue;
        }
        if u.name.trim().is_empty() {
            diags.error_at(
                &codes::EMPTY_TEXT,
                &source,
                u.id.span(),
                format!("unit \"{}\" has an empty name", u.id.get_ref()),
                Some(
                    "a name readers know the unit by, e.g. name = \"Finance department\""
                        .to_owned(),
                ),
            );
        }
        let id = list.push_and_get_key(Unit {
            id: Some(u.id.get_ref().clone()),
            name: u.name.clone(),
            description: u.description.clone(),
        });
        by_id.insert(u.id.get_ref().clone(), id);
    }
    Units { list, by_id }
}

impl Units {
    /// Resolves an assessment's `unit`; `None` (reported) when it names no declared unit.
    pub(super) fn resolve(
        &self,
        source: &SourceFile,
        unit: Option<&Spanned<String>>,
        diags: &mut Diagnostics,
    ) -> Option<UnitId> {
        let Some(unit) = unit else {
            return Some(UnitId::ORGANISATION);
        };
        if let Some(&id) = self.by_id.get(unit.get_ref()) {
            return Some(id);
        }
        let declared: Vec<&String> = self.list.iter().filter_map(|u| u.id.as_ref()).collect();
        let expected = if declared.is_empty() {
            format!(
                "a unit declared in {CONFIG} as [[unit]] with an id and a name (none is declared), \
                 or no unit at all for the organisation as a whole",
                CONFIG = crate::content::config::CONFIG_FILE
            )
        } else {
            format!(
                "{}, or no unit at all for the organisation as a whole",
                one_of(&declared)
            )
        };
        diags.push(
            Diagnostic::at(
                Severity::Error,
                source,
                unit.span(),
                format!("unknown unit \"{}\"", unit.get_ref()),
            )
            .code(&codes::UNKNOWN_REFERENCE)
            .nearest_of(unit.get_ref(), &declared)
            .expected(expected),
        );
        None
    }
}
