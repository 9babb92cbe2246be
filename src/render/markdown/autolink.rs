//! Bare web addresses and e-mail addresses in the text become links, as on GitHub: addresses
//! starting with `http://`, `https://` or `www.`, and e-mail addresses. So do the ids of the
//! site's improvements ("see IMP-011"), which lead to the improvement on the plan page. Text
//! inside code, inside a link (Markdown or raw HTML) and in an image's description is left as it
//! is.

use std::collections::HashMap;
use std::ops::Range;

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// An event with where it stands in the Markdown.
type Located<'a> = (Event<'a>, Range<usize>);

/// What surrounds a piece of text: whether addresses in it may become links.
#[derive(Default)]
struct Context {
    /// Markdown links and images the text is inside.
    links: usize,
    /// Inside a code block.
    code: bool,
    /// Inside a raw HTML `<a>` element.
    html_anchor: bool,
}

impl Context {
    fn update(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.links += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => self.links = self.links.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => self.code = true,
            Event::End(TagEnd::CodeBlock) => self.code = false,
            Event::InlineHtml(html) => {
                let lower = html.trim_start().to_ascii_lowercase();
                if lower.starts_with("</a") {
                    self.html_anchor = false;
                } else if lower.starts_with("<a")
                    && lower[2..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>')
                {
                    self.html_anchor = true;
                }
            }
            _ => {}
        }
    }

    fn may_link(&self) -> bool {
        self.links == 0 && !self.code && !self.html_anchor
    }
}

/// The address a found link leads to, or `None` for what GitHub would not link (other schemes,
/// domains written without `www.`).
fn target(kind: &LinkKind, text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    match kind {
        // pulldown-cmark writes `mailto:` in front of an e-mail link's address.
        LinkKind::Email => Some(format!("mailto:{text}")),
        LinkKind::Url if lower.starts_with("http://") || lower.starts_with("https://") => {
            Some(text.to_owned())
        }
        LinkKind::Url if lower.starts_with("www.") => Some(format!("http://{text}")),
        _ => None,
    }
}

/// Joins neighbouring text events (pulldown-cmark splits text at characters that might have
/// started markup), so that an address is seen whole.
fn merge_text(events: Vec<Located<'_>>) -> Vec<Located<'_>> {
    let mut out: Vec<Located> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Text(t), Some((Event::Text(previous), previous_range))) =
            (&event, out.last_mut())
        {
            let mut joined = previous.to_string();
            joined.push_str(t);
            *previous = CowStr::from(joined);
            previous_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

/// The addresses and ids in `text` that become links, in order, each with where it leads
/// (an id's address prefixed `@/`, from the site root). An id inside an address stays part of it.
fn links_in(text: &str, ids: &HashMap<String, String>) -> Vec<(Range<usize>, String)> {
    thread_local! {
        static FINDER: LinkFinder = {
            let mut finder = LinkFinder::new();
            // Domains without a scheme are found too, and kept only when they start with www.
            finder.url_must_have_scheme(false);
            finder
        };
    }
    let mut found: Vec<(Range<usize>, String)> = FINDER.with(|finder| {
        finder
            .links(text)
            .filter_map(|l| Some((l.start()..l.end(), target(l.kind(), l.as_str())?)))
            .collect()
    });
    let addresses = found.clone();
    found.extend(
        crate::render::ids::find(text, ids)
            .into_iter()
            .filter(|(id, _)| {
                !addresses
                    .iter()
                    .any(|(a, _)| a.start < id.end && id.start < a.end)
            })
            .map(|(id, url)| (id, format!("@/{url}"))),
    );
    found.sort_by_key(|(span, _)| span.start);
    found
}

/// Turns the bare addresses in the text of `events` into links, and each id of `ids` standing
/// as a word into a link to its page (`ids` maps an id to its address from the site root).
pub fn link_addresses<'a>(
    events: Vec<Located<'a>>,
    ids: &HashMap<String, String>,
) -> Vec<Located<'a>> {
    let events = merge_text(events);
    let mut out = Vec::with_capacity(events.len());
    let mut context = Context::default();
    for (event, range) in events {
        context.update(&event);
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        if !context.may_link() {
            out.push((event, range));
            continue;
        }
        let found = links_in(text, ids);
        if found.is_empty() {
            out.push((event, range));
            continue;
        }
        let mut cursor = 0;
        for (span, dest) in found {
            if span.start > cursor {
                out.push((
                    Event::Text(text[cursor..span.start].to_owned().into()),
                    range.clone(),
                ));
            }
            let (link_type, dest) = match dest.strip_prefix("mailto:") {
                Some(address) => (LinkType::Email, address.to_owned()),
                None if dest.starts_with("@/") => (LinkType::Inline, dest),
                None => (LinkType::Autolink, dest),
            };
            out.push((
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title: CowStr::from(""),
                    id: CowStr::from(""),
                }),
                range.clone(),
            ));
            out.push((
                Event::Text(text[span.clone()].to_owned().into()),
                range.clone(),
            ));
            out.push((Event::End(TagEnd::Link), range.clone()));
            cursor = span.end;
        }
        if cursor < text.len() {
            out.push((Event::Text(text[cursor..].to_owned().into()), range.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linked(md: &str) -> Vec<(String, String)> {
        let events: Vec<Located> = pulldown_cmark::Parser::new_ext(md, super::super::options())
            .into_offset_iter()
            .collect();
        let ids = [("IMP-011".to_owned(), "improvements.html#imp-011".to_owned())].into();
        let events = link_addresses(events, &ids);
        let mut out = Vec::new();
        let mut open: Option<String> = None;
        for (e, _) in events {
            match e {
                Event::Start(Tag::Link {
                    link_type: LinkType::Email,
                    dest_url,
                    ..
                }) => open = Some(format!("mailto:{dest_url}")),
                Event::Start(Tag::Link { dest_url, .. }) => open = Some(dest_url.to_string()),
                Event::Text(t) => {
                    if let Some(dest) = open.take() {
                        out.push((dest, t.to_string()));
                    }
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn improvement_ids_standing_as_words_lead_to_the_improvement() {
        let found = linked(
            "See IMP-011, not XIMP-011 or `IMP-011` or [IMP-011](elsewhere.html), \
             nor https://x.example/IMP-011.",
        );
        assert_eq!(
            found,
            [
                (
                    "@/improvements.html#imp-011".to_owned(),
                    "IMP-011".to_owned()
                ),
                ("elsewhere.html".to_owned(), "IMP-011".to_owned()),
                (
                    "https://x.example/IMP-011".to_owned(),
                    "https://x.example/IMP-011".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn bare_web_and_mail_addresses_become_links() {
        assert_eq!(
            linked(
                "See https://intranet.example/a_b_c?x=1&y=2, www.example.org. Mail qm@example.org."
            ),
            [
                (
                    "https://intranet.example/a_b_c?x=1&y=2".to_owned(),
                    "https://intranet.example/a_b_c?x=1&y=2".to_owned()
                ),
                (
                    "http://www.example.org".to_owned(),
                    "www.example.org".to_owned()
                ),
                (
                    "mailto:qm@example.org".to_owned(),
                    "qm@example.org".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn code_links_images_and_other_schemes_are_left_alone() {
        let md = "`https://a.example` [x https://b.example](https://c.example) \
                  ![https://d.example](e.png) <a href=\"f.html\">https://g.example</a> \
                  ftp://h.example readme.md javascript:alert(1)\n\n```\nhttps://i.example\n```\n\n    https://j.example\n";
        // Only the Markdown link as written: nothing else became a link.
        assert_eq!(
            linked(md),
            [(
                "https://c.example".to_owned(),
                "x https://b.example".to_owned()
            )]
        );
    }
}
