//! "Did you mean …?": the value a user probably meant when what they typed is not one of the
//! values allowed.

/// The candidate closest to `typed`: one equal to it but for letter case first, then the one
/// fewest edits away (optimal string alignment distance: a swap of two letters is one edit; letter case ignored) when that is close enough to be a
/// slip rather than another word. Each candidate is `(text to compare, text to suggest)`, so a
/// level can be matched by its id and suggested by its label.
pub fn suggest<'a>(typed: &str, candidates: &[(&str, &'a str)]) -> Option<&'a str> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    if let Some((_, shown)) = candidates
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(typed) || c.to_lowercase() == typed.to_lowercase())
    {
        return Some(shown);
    }
    let lower = typed.to_lowercase();
    let (distance, shown) = candidates
        .iter()
        .map(|(c, shown)| (strsim::osa_distance(&lower, &c.to_lowercase()), *shown))
        .min_by_key(|(d, _)| *d)?;
    let allowed = (typed.chars().count() / 3).clamp(1, 3);
    (distance <= allowed).then_some(shown)
}

/// `; did you mean "X"?` when there is a likely value, else `; expected one of A, B, C`.
pub fn hint(typed: &str, candidates: &[(&str, &str)], all: &[&str]) -> String {
    match suggest(typed, candidates) {
        Some(s) => format!("; did you mean \"{s}\"?"),
        None => format!("; expected one of {}", all.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_case_first_then_edit_distance() {
        let levels = [
            ("managed", "Managed"),
            ("Managed", "Managed"),
            ("defined", "Defined"),
            ("Defined", "Defined"),
        ];
        assert_eq!(suggest("Manged", &levels), Some("Managed"));
        assert_eq!(suggest("MANAGED", &levels), Some("Managed"));
        assert_eq!(suggest("defnied", &levels), Some("Defined"));
        assert_eq!(suggest("excellent", &levels), None);
        assert_eq!(suggest("", &levels), None);
        // A case-insensitive match wins over a closer spelling of another candidate.
        let ids = [("D1.1", "D1.1"), ("d1.10", "d1.10")];
        assert_eq!(suggest("d1.1", &ids), Some("D1.1"));
    }
}
