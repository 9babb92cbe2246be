//! Where ids of a site's records stand in free text: the one rule for "IMP-011 in a sentence",
//! shared by the notes of the pages (`view::text`) and by narratives (`markdown`), so that an id
//! becomes a link the same way wherever it is written.

use std::collections::HashMap;
use std::ops::Range;

/// Each id of `urls` that stands as a word of its own in `text` (not inside a longer word such
/// as "XIMP-011" or "IMP-0110"), with where it stands and where it leads, in order. Ids are
/// matched exactly, case and all. A word is a run of letters, digits, `-`, `_` and `.` between
/// other characters, less a full stop that ends a sentence.
pub fn find<'u>(text: &str, urls: &'u HashMap<String, String>) -> Vec<(Range<usize>, &'u str)> {
    let mut found = Vec::new();
    if urls.is_empty() {
        return found;
    }
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let mut at = 0;
    while let Some(start) = text[at..].find(is_word) {
        let from = at + start;
        let end = text[from..]
            .find(|c: char| !is_word(c))
            .map_or(text.len(), |e| from + e);
        let core = text[from..end].trim_end_matches('.');
        if let Some(url) = urls.get(core).filter(|_| !core.is_empty()) {
            found.push((from..from + core.len(), url.as_str()));
        }
        at = end;
    }
    found
}
