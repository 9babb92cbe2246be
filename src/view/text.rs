//! Free text as pages show it: the words as written, with each improvement's id linked to that
//! improvement, so that "see IMP-011" in an assessor's note leads to IMP-011 in the register.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

/// A run of free text: words, or one id that links to what it names. Templates write the parts
/// in turn (the `linked` component), escaping every word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct TextPart {
    /// The words, as written.
    pub text: String,
    /// Where the words lead, relative to the site root; `None` for plain words.
    pub url: Option<String>,
}

/// `text` cut into parts, each id of `urls` that stands as a word of its own becoming a link
/// (the rule is [`crate::render::ids::find`]'s).
pub fn linked(text: &str, urls: &HashMap<String, String>) -> Vec<TextPart> {
    let mut parts: Vec<TextPart> = Vec::new();
    let mut cursor = 0;
    for (span, url) in crate::render::ids::find(text, urls) {
        if span.start > cursor {
            parts.push(TextPart {
                text: text[cursor..span.start].to_owned(),
                url: None,
            });
        }
        parts.push(TextPart {
            text: text[span.clone()].to_owned(),
            url: Some(url.to_owned()),
        });
        cursor = span.end;
    }
    if cursor < text.len() {
        parts.push(TextPart {
            text: text[cursor..].to_owned(),
            url: None,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> HashMap<String, String> {
        [
            ("IMP-011", "improvements.html#imp-011"),
            ("I-2", "improvements.html#i-2"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    fn shown(parts: &[TextPart]) -> String {
        parts
            .iter()
            .map(|p| match &p.url {
                Some(u) => format!("[{}]({u})", p.text),
                None => p.text.clone(),
            })
            .collect()
    }

    #[test]
    fn ids_standing_as_words_become_links_and_nothing_else_changes() {
        let parts = linked("See IMP-011. Also I-2, (I-2) and IMP-011s.", &urls());
        assert_eq!(
            shown(&parts),
            "See [IMP-011](improvements.html#imp-011). Also [I-2](improvements.html#i-2), \
             ([I-2](improvements.html#i-2)) and IMP-011s."
        );
        let text: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "See IMP-011. Also I-2, (I-2) and IMP-011s.");
    }

    #[test]
    fn ids_inside_longer_words_and_other_cases_stay_text() {
        for t in [
            "XIMP-011",
            "IMP-0110",
            "imp-011",
            "IMP-011-b",
            "",
            "   ",
            "Čeština I-2.",
        ] {
            let parts = linked(t, &urls());
            let text: String = parts.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(text, t);
            let links = parts.iter().filter(|p| p.url.is_some()).count();
            assert_eq!(links, usize::from(t.ends_with("I-2.")), "{t:?}: {parts:?}");
        }
    }

    #[test]
    fn plain_text_is_one_part() {
        assert_eq!(
            linked("No ids here.", &urls()),
            [TextPart {
                text: "No ids here.".into(),
                url: None
            }]
        );
        assert!(linked("", &urls()).is_empty());
    }
}
