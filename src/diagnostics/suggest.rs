//! "Did you mean": the allowed value nearest to what was written, and lists of allowed values
//! short enough to read.

/// Most values an "expected" line lists before it says how many more there are.
pub const LIST_CAP: usize = 20;

/// Lower case without spaces, hyphens, underscores and dots, so `"In Progress"`, `in_progress`
/// and `in-progress` compare equal.
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The candidate nearest to `written`: the same ignoring letter case first, then the same
/// ignoring case, spaces, hyphens, underscores and dots, then the closest by edit distance when
/// it is near enough to be a slip (at most a third of the longer word, and at least one edit).
/// `None` when nothing is near, or when `written` is itself a candidate.
pub fn nearest<I, S>(written: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let candidates: Vec<S> = candidates.into_iter().collect();
    let all = || candidates.iter().map(AsRef::as_ref);
    if all().any(|c| c == written) {
        return None;
    }
    if let Some(c) = all()
        .find(|c| c.eq_ignore_ascii_case(written) || c.to_lowercase() == written.to_lowercase())
    {
        return Some(c.to_owned());
    }
    let w = loose(written);
    if w.is_empty() {
        return None;
    }
    if let Some(c) = all().find(|c| loose(c) == w) {
        return Some(c.to_owned());
    }
    let (best, distance) = all()
        .map(|c| (c, strsim::damerau_levenshtein(&loose(c), &w)))
        .min_by_key(|(c, d)| (*d, c.len().abs_diff(written.len())))?;
    let longer = best.chars().count().max(written.chars().count());
    (distance >= 1 && distance * 3 <= longer).then(|| best.to_owned())
}

/// Joins allowed values as `one of "a", "b", "c"`, listing at most [`LIST_CAP`] of them and
/// saying how many more there are.
pub fn one_of<I, S>(values: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let all: Vec<String> = values
        .into_iter()
        .map(|s| format!("\"{}\"", s.as_ref()))
        .collect();
    match all.len() {
        0 => "nothing is defined yet".to_owned(),
        n if n <= LIST_CAP => format!("one of {}", all.join(", ")),
        n => format!(
            "one of {}, … and {} more ({n} in all)",
            all[..LIST_CAP].join(", "),
            n - LIST_CAP
        ),
    }
}

/// Like [`one_of`], but a list too long to show whole starts with the values that share the
/// longest beginning with `written` ("8.6.9" lists 8.6, 8.6.1, 8.6.2… first).
pub fn one_of_near<S: AsRef<str>>(written: &str, values: &[S]) -> String {
    if values.len() <= LIST_CAP {
        return one_of(values);
    }
    let common = |v: &str| {
        v.chars()
            .zip(written.chars())
            .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
            .count()
    };
    let mut sorted: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    sorted.sort_by_key(|v| std::cmp::Reverse(common(v)));
    one_of(sorted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_comes_before_spelling() {
        let levels = ["initial", "managed", "measured", "optimised"];
        assert_eq!(nearest("Managed", levels).as_deref(), Some("managed"));
        assert_eq!(nearest("manged", levels).as_deref(), Some("managed"));
        assert_eq!(nearest("managed", levels), None);
        assert_eq!(nearest("excellent", levels), None);
        let dims = ["D1.1", "D1.2", "D2.1"];
        assert_eq!(nearest("d1.1", dims).as_deref(), Some("D1.1"));
        let status = ["proposed", "in-progress", "on-hold"];
        assert_eq!(
            nearest("in progress", status).as_deref(),
            Some("in-progress")
        );
        assert_eq!(
            nearest("In_Progress", status).as_deref(),
            Some("in-progress")
        );
        let keys = ["level", "notes", "dimension", "evidence"];
        assert_eq!(nearest("levle", keys).as_deref(), Some("level"));
        assert_eq!(nearest("note", keys).as_deref(), Some("notes"));
        assert_eq!(nearest("x", keys), None);
        assert_eq!(nearest("", keys), None);
    }

    #[test]
    fn long_lists_are_capped_with_a_count() {
        let many: Vec<String> = (1..=48).map(|i| format!("D{i}")).collect();
        let text = one_of(&many);
        assert!(text.starts_with("one of \"D1\", \"D2\""), "{text}");
        assert!(text.ends_with("… and 28 more (48 in all)"), "{text}");
        assert!(!text.contains("\"D21\""), "{text}");
        assert_eq!(one_of(["a", "b"]), "one of \"a\", \"b\"");
        let near = one_of_near("D4", &many);
        assert!(near.starts_with("one of \"D4\", \"D40\""), "{near}");
        assert!(near.ends_with("(48 in all)"), "{near}");
        assert_eq!(one_of(Vec::<String>::new()), "nothing is defined yet");
    }
}
