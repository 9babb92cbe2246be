//! Footnotes the way GitHub shows them: numbered in the order they are first referenced,
//! collected in a list at the end of the narrative, each with a link back to every place that
//! refers to it.
//!
//! pulldown-cmark writes a footnote where its definition stands and without a way back, so the
//! definitions are taken out of the event stream here and written at the end.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::anchors::Anchors;
use super::slugify;
use crate::render::strings::Strings;

/// One footnote definition as written.
struct Definition<'a> {
    /// The events of its content.
    events: Vec<Event<'a>>,
    /// Its id.
    id: String,
    /// The ids of the references to it, in the order they stand.
    ref_ids: Vec<String>,
    /// Its number, in order of first reference; definitions never referred to come last.
    number: usize,
}

/// The footnotes of one narrative, taken out of its events.
pub struct Footnotes<'a> {
    /// In the order they are numbered.
    definitions: Vec<Definition<'a>>,
    /// Position in `definitions` of the definition each label (see [`key`]) refers to.
    positions: HashMap<String, usize>,
    /// Id of the footnotes' heading.
    title_id: String,
}

/// The name a reference and its definition share: labels match regardless of case.
fn key(name: &str) -> String {
    name.to_lowercase()
}

/// Takes the footnote definitions out of `events`: (label, content) in the order written.
fn split_off<'a>(events: &mut Vec<Event<'a>>) -> Vec<(String, Vec<Event<'a>>)> {
    let mut definitions = Vec::new();
    let mut body = Vec::with_capacity(events.len());
    let mut open: Option<(String, Vec<Event<'a>>)> = None;
    for event in events.drain(..) {
        match (event, &mut open) {
            (Event::Start(Tag::FootnoteDefinition(name)), _) => {
                open = Some((key(&name), Vec::new()))
            }
            (Event::End(TagEnd::FootnoteDefinition), _) => definitions.extend(open.take()),
            (event, Some((_, inside))) => inside.push(event),
            (event, None) => body.push(event),
        }
    }
    *events = body;
    definitions
}

/// Appends to `order` the definitions `events` refer to that are not in it yet.
fn note_references(
    events: &[Event],
    first: &HashMap<String, usize>,
    order: &mut Vec<usize>,
    placed: &mut [bool],
) {
    for e in events {
        if let Event::FootnoteReference(name) = e
            && let Some(&i) = first.get(&key(name))
            && !placed[i]
        {
            placed[i] = true;
            order.push(i);
        }
    }
}

impl<'a> Footnotes<'a> {
    /// Takes the footnote definitions out of `events`, numbers them and replaces every
    /// reference (in the text and in other footnotes) with a link to its footnote. References
    /// without a definition stay as written (pulldown-cmark already leaves them as text).
    pub fn extract(events: &mut Vec<Event<'a>>, anchors: &mut Anchors) -> Option<Footnotes<'a>> {
        let written = split_off(events);
        if written.is_empty() {
            return None;
        }
        // The first definition of a label is the one references reach; later ones are listed
        // after the others, so nothing written is lost.
        let mut first: HashMap<String, usize> = HashMap::new();
        for (i, (name, _)) in written.iter().enumerate() {
            first.entry(name.clone()).or_insert(i);
        }
        // Numbered in order of first reference: in the text, then inside the footnotes so far.
        let mut order = Vec::with_capacity(written.len());
        let mut placed = vec![false; written.len()];
        note_references(events, &first, &mut order, &mut placed);
        let mut next = 0;
        while let Some(&i) = order.get(next) {
            note_references(&written[i].1, &first, &mut order, &mut placed);
            next += 1;
        }
        order.extend((0..written.len()).filter(|&i| !placed[i]));

        let mut position_of = vec![0; written.len()];
        for (position, &i) in order.iter().enumerate() {
            position_of[i] = position;
        }
        let mut written: Vec<Option<(String, Vec<Event<'a>>)>> =
            written.into_iter().map(Some).collect();
        let definitions = order
            .iter()
            .enumerate()
            .filter_map(|(position, &i)| {
                let (name, events) = written[i].take()?;
                Some(Definition {
                    events,
                    id: anchors.footnote(&slugify(&name)),
                    ref_ids: Vec::new(),
                    number: position + 1,
                })
            })
            .collect();
        let positions = first
            .into_iter()
            .map(|(name, i)| (name, position_of[i]))
            .collect();
        let mut footnotes = Footnotes {
            definitions,
            positions,
            title_id: anchors.footnotes_title(),
        };
        footnotes.link_references(events, anchors);
        for d in 0..footnotes.definitions.len() {
            let mut inner = std::mem::take(&mut footnotes.definitions[d].events);
            footnotes.link_references(&mut inner, anchors);
            footnotes.definitions[d].events = inner;
        }
        Some(footnotes)
    }

    /// Replaces each reference in `events` with a numbered link to its footnote.
    fn link_references(&mut self, events: &mut [Event<'a>], anchors: &mut Anchors) {
        for e in events.iter_mut() {
            let Event::FootnoteReference(name) = e else {
                continue;
            };
            let Some(&d) = self.positions.get(&key(name)) else {
                continue;
            };
            let definition = &mut self.definitions[d];
            let ref_id = anchors.footnote_ref(definition.number, definition.ref_ids.len() + 1);
            *e = Event::InlineHtml(CowStr::from(format!(
                "<sup class=\"footnote-ref\"><a href=\"#{}\" id=\"{}\" aria-describedby=\"{}\">{}</a></sup>",
                escaped(&definition.id),
                escaped(&ref_id),
                escaped(&self.title_id),
                definition.number
            )));
            definition.ref_ids.push(ref_id);
        }
    }

    /// Passes every event of every footnote through `f`.
    pub fn map_events(&mut self, mut f: impl FnMut(Event<'a>) -> Event<'a>) {
        for d in &mut self.definitions {
            let events = std::mem::take(&mut d.events);
            d.events = events.into_iter().map(&mut f).collect();
        }
    }

    /// Writes the list of footnotes, each with its links back to the references.
    pub fn write(self, html: &mut String, strings: &Strings) {
        let back = strings.get("footnote_back");
        html.push_str(&format!(
            "<section class=\"footnotes\">\n<h2 id=\"{}\">{}</h2>\n<ol>\n",
            escaped(&self.title_id),
            escaped(&strings.get("footnotes"))
        ));
        for d in self.definitions {
            let mut links = String::new();
            for (k, ref_id) in d.ref_ids.iter().enumerate().map(|(k, r)| (k + 1, r)) {
                let (mark, label) = if k == 1 {
                    ("↩".to_owned(), format!("{back} {}", d.number))
                } else {
                    (
                        format!("↩<sup>{k}</sup>"),
                        format!("{back} {}-{k}", d.number),
                    )
                };
                links.push_str(&format!(
                    " <a href=\"#{}\" class=\"footnote-back\" aria-label=\"{}\">{mark}</a>",
                    escaped(ref_id),
                    escaped(&label)
                ));
            }
            let mut events = d.events;
            if !links.is_empty() {
                if matches!(events.last(), Some(Event::End(TagEnd::Paragraph))) {
                    events.insert(events.len() - 1, Event::InlineHtml(CowStr::from(links)));
                } else {
                    let paragraph = format!("<p>{}</p>\n", links.trim_start());
                    events.push(Event::Html(CowStr::from(paragraph)));
                }
            }
            html.push_str(&format!("<li id=\"{}\">\n", escaped(&d.id)));
            pulldown_cmark::html::push_html(html, events.into_iter());
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
    }
}

/// `text` escaped for an attribute value or element content.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = escape_html(&mut out, text);
    out
}
