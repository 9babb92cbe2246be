//! The UI string table of the theme's language.

use std::collections::BTreeMap;

use serde::Serialize;

/// The theme's words by key (its `i18n/<language>.toml`).
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Strings(pub BTreeMap<String, String>);

impl Strings {
    /// The text for a key, or the key itself in brackets when the table lacks it.
    pub fn get(&self, key: &str) -> String {
        self.0
            .get(key)
            .cloned()
            .unwrap_or_else(|| format!("[{key}]"))
    }
}
