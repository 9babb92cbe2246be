//! Narrative pages: addresses that work as file names; drafts are kept, marked, to be checked.

use super::*;

pub(super) fn pages(raw: &RawSite, diags: &mut Diagnostics) -> TiVec<PageId, Page> {
    let mut seen: HashMap<String, &SourceFile> = HashMap::new();
    let mut out = Vec::new();
    for p in &raw.pages {
        let slug_ok = !p.slug.is_empty()
            && p.slug.split('/').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                    && part
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            });
        if !slug_ok {
            diags.error_at(
                &codes::PAGE_NAME,
                &p.source,
                0..0,
                format!("page file name \"{}\" cannot be used as a web address", p.slug),
                Some("file and folder names of letters, digits, '-', '_' or '.', starting with a letter or digit".to_owned()),
            );
            continue;
        }
        let key = p.slug.to_ascii_lowercase();
        if let Some(first) = seen.get(&key) {
            diags.error_at(
                &codes::PAGE_NAME,
                &p.source,
                0..0,
                format!(
                    "page \"{}\" has the same address as {}",
                    p.slug,
                    first.path.display()
                ),
                Some("page file names that differ by more than letter case".to_owned()),
            );
            continue;
        }
        seen.insert(key, &p.source);
        // A draft is unfinished by nature; a published page with placeholder text is not.
        if !p.front.draft
            && let Some((at, marker)) = placeholder(p.body())
        {
            diags.warning_at(
                &codes::PLACEHOLDER,
                &p.source,
                p.body_start + at..p.body_start + at,
                format!(
                    "page \"{}\" still holds placeholder text ({marker})",
                    p.slug
                ),
            );
        }
        out.push(Page {
            slug: p.slug.clone(),
            title: p.front.title.clone(),
            weight: p.front.weight,
            summary: p.front.summary.clone(),
            markdown: p.body().to_owned(),
            file: p.source.path.clone(),
            body_line: p.source.position(p.body_start).line,
            report: p.front.report,
            menu: p.front.menu,
            draft: p.front.draft,
            fallback: p.fallback,
            internal: p.front.internal,
        });
    }
    out.sort_by(|a, b| (a.weight, &a.title, &a.slug).cmp(&(b.weight, &b.title, &b.slug)));
    out.into_iter().collect()
}

/// Texts that mark a page as not written yet: the stub `qmsite init` writes, and the usual
/// markers (as whole words, in capitals, so "todo list" in prose does not count).
const PLACEHOLDERS: [&str; 5] = ["Write this page", "TODO", "TBD", "FIXME", "Lorem ipsum"];

/// Where the first placeholder text in a page body is, and which one.
fn placeholder(body: &str) -> Option<(usize, &'static str)> {
    PLACEHOLDERS
        .iter()
        .filter_map(|m| {
            body.match_indices(m)
                .find(|(i, _)| {
                    let before = body[..*i].chars().next_back();
                    let after = body[i + m.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
                .map(|(i, _)| (i, *m))
        })
        .min_by_key(|(i, _)| *i)
}

#[cfg(test)]
mod tests {
    use super::placeholder;

    #[test]
    fn placeholders_are_found_as_whole_words() {
        assert_eq!(
            placeholder("## Findings\n\n_Write this page._\n"),
            Some((14, "Write this page"))
        );
        assert_eq!(placeholder("Owner: TBD.\nTODO"), Some((7, "TBD")));
        assert_eq!(
            placeholder("Our todo list and TODOS are fine; MASTODON too."),
            None
        );
    }
}
