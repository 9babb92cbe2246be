//! Stable codes for every kind of problem, each with the longer explanation `qmsite explain`
//! prints: what is wrong, a wrong example and a right one.
//!
//! Codes never change meaning once published: a code that is no longer used stays listed, so a
//! message in an old build log can still be explained. E1xx are about reading files, E2xx about
//! TOML as written, E3xx about keys and values, E4xx about how files fit together, E5xx about
//! pages, links, themes and the output, W6xx are warnings.

/// One kind of problem.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// The code, e.g. `E301`.
    pub id: &'static str,
    /// What kind of problem it is, in a few words.
    pub title: &'static str,
    /// For warnings that come in numbers: the one-line summary, `{n}` standing for the count.
    pub summary: Option<&'static str>,
    /// The explanation, in plain words.
    pub text: &'static str,
    /// A file (or command) showing the mistake.
    pub wrong: &'static str,
    /// The same, put right.
    pub right: &'static str,
}

macro_rules! codes {
    ($($name:ident = $id:literal, $title:literal, $summary:expr,
        text: $text:literal, wrong: $wrong:literal, right: $right:literal;)*) => {
        $(
            #[doc = $title]
            pub static $name: Code = Code {
                id: $id,
                title: $title,
                summary: $summary,
                text: $text,
                wrong: $wrong,
                right: $right,
            };
        )*
        /// Every code, in order.
        pub static ALL: &[&Code] = &[$(&$name),*];
    };
}

/// The code with this id (any letter case), for `qmsite explain`.
pub fn find(id: &str) -> Option<&'static Code> {
    ALL.iter()
        .copied()
        .find(|c| c.id.eq_ignore_ascii_case(id.trim()))
}

include!("codes_list.rs");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_ordered_and_explained() {
        let mut previous = "";
        for c in ALL {
            assert!(c.id > previous, "{} is out of order or repeated", c.id);
            previous = c.id;
            assert!(c.id.len() == 4 && (c.id.starts_with('E') || c.id.starts_with('W')));
            for text in [c.title, c.text, c.wrong, c.right] {
                assert!(!text.trim().is_empty(), "{} has an empty text", c.id);
            }
            assert_ne!(c.wrong, c.right, "{}", c.id);
            assert_eq!(c.id.starts_with('W'), c.summary.is_some(), "{}", c.id);
        }
        assert_eq!(find("e301").map(|c| c.id), Some("E301"));
        assert_eq!(find("nope"), None);
    }
}
