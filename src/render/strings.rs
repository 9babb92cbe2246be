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

    /// The text for a key with each `{name}` replaced by its value, so that a sentence keeps
    /// the word order of its language.
    /// Values are placed in one pass, so a value that itself holds `{name}` stays as it is.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let text = self.get(key);
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v, close))
            });
            match value {
                Some((v, close)) => {
                    out.push_str(v);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_named_place() {
        let t = Strings(BTreeMap::from([(
            "k".to_owned(),
            "{shown} of {total}, {shown}".to_owned(),
        )]));
        assert_eq!(
            t.fill("k", &[("shown", "3"), ("total", "13")]),
            "3 of 13, 3"
        );
        assert_eq!(t.fill("missing", &[]), "[missing]");
        assert_eq!(
            t.fill("k", &[("shown", "{total}"), ("total", "1")]),
            "{total} of 1, {total}"
        );
    }
}
