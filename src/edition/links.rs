//! Links to narratives an edition leaves out, turned into their plain text.

use std::collections::HashSet;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// `markdown` (the body of the narrative `from`, a path below `content/pages/` without `.md`)
/// with every link to one of the narratives `gone` replaced by the link's own text; `None` when
/// it links to none of them.
pub(super) fn unlink(markdown: &str, from: &str, gone: &HashSet<String>) -> Option<String> {
    let mut cuts: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    let mut open: Option<(std::ops::Range<usize>, Option<std::ops::Range<usize>>)> = None;
    let mut depth = 0usize;
    let parser = Parser::new_ext(markdown, crate::render::markdown::options()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Link { dest_url, .. })
                if open.is_none() && target(&dest_url, from).is_some_and(|t| gone.contains(&t)) =>
            {
                open = Some((range, None));
                depth = 0;
            }
            Event::Start(Tag::Link { .. }) if open.is_some() => depth += 1,
            Event::End(TagEnd::Link) if open.is_some() && depth > 0 => depth -= 1,
            Event::End(TagEnd::Link) => {
                if let Some((whole, inner)) = open.take() {
                    cuts.push((whole.clone(), inner.unwrap_or(whole.start..whole.start)));
                }
            }
            _ => {
                if let Some((_, inner)) = &mut open {
                    *inner = Some(match inner.take() {
                        Some(i) => i.start.min(range.start)..i.end.max(range.end),
                        None => range,
                    });
                }
            }
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for (whole, inner) in cuts {
        out.push_str(markdown.get(at..whole.start).unwrap_or(""));
        out.push_str(markdown.get(inner).unwrap_or(""));
        at = whole.end;
    }
    out.push_str(markdown.get(at..).unwrap_or(""));
    Some(out)
}

/// The narrative a link written in narrative `from` leads to, by its path below `content/pages/`
/// without `.md`: `other.md#part`, `../other.md`, `other.html` and `@/pages/other.html` all name
/// one; an address elsewhere names none.
fn target(url: &str, from: &str) -> Option<String> {
    let path = url.split(['#', '?']).next().unwrap_or("");
    if let Some(rest) = path.strip_prefix("@/") {
        return rest
            .strip_prefix("pages/")
            .and_then(|p| p.strip_suffix(".html"))
            .map(str::to_owned);
    }
    if path.contains(':') || path.starts_with('/') || path.is_empty() {
        return None;
    }
    let stem = path
        .strip_suffix(".md")
        .or_else(|| path.strip_suffix(".html"))?;
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in stem.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gone(slugs: &[&str]) -> HashSet<String> {
        slugs.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn links_to_a_page_left_out_keep_their_words_and_lose_the_link() {
        let md = "See [the notes](notes.md#scope), the [plan](@/improvements.html) and [method](method.md).\n";
        let out = unlink(md, "findings", &gone(&["notes"])).expect("a link to unlink");
        assert_eq!(
            out,
            "See the notes, the [plan](@/improvements.html) and [method](method.md).\n"
        );
        assert_eq!(unlink(md, "findings", &gone(&["other"])), None);
    }

    #[test]
    fn every_way_of_naming_a_page_is_followed_from_where_the_link_stands() {
        assert_eq!(target("notes.md", "findings").as_deref(), Some("notes"));
        assert_eq!(target("notes.md#x", "a/b").as_deref(), Some("a/notes"));
        assert_eq!(target("../notes.md", "a/b").as_deref(), Some("notes"));
        assert_eq!(target("notes.html", "findings").as_deref(), Some("notes"));
        assert_eq!(
            target("@/pages/a/notes.html#x", "findings").as_deref(),
            Some("a/notes")
        );
        assert_eq!(target("@/improvements.html", "findings"), None);
        assert_eq!(target("https://intranet/notes.md", "findings"), None);
        assert_eq!(target("#part", "findings"), None);
        assert_eq!(target("../../x.md", "a"), None);
    }

    #[test]
    fn emphasis_inside_the_link_stays() {
        let out = unlink("A [**bold** note](notes.md) here.", "p", &gone(&["notes"]));
        assert_eq!(out.as_deref(), Some("A **bold** note here."));
    }
}
