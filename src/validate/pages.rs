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
        });
    }
    out.sort_by(|a, b| (a.weight, &a.title, &a.slug).cmp(&(b.weight, &b.title, &b.slug)));
    out.into_iter().collect()
}
