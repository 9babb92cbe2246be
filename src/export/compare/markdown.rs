//! The comparison as GitHub-flavoured Markdown, for a pull-request comment: a table of the index
//! and domains, the dimensions that moved with both levels and notes, then lists of what
//! happened to improvements, coverage and the QMS. Text written in the site is escaped, so a
//! note cannot break a table or turn into a link.

use std::fmt::Write;

use super::{change, coverage, event, note, qms, side, statuses, value};
use crate::report::compare::Comparison;

/// Text written in the site as Markdown inline text: characters Markdown gives a meaning are
/// escaped with a backslash, and line breaks become spaces so a table row stays one row.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!'
        ) {
            out.push('\\');
        }
        if !c.is_control() {
            out.push(c);
        }
    }
    out
}

/// The comparison as Markdown, ending with a newline.
pub fn markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Comparison\n");
    let _ = writeln!(out, "- from: {}", md(&side(&c.old)));
    let _ = writeln!(out, "- to: {}\n", md(&side(&c.new)));
    let _ = writeln!(out, "| | Before | After | Change |");
    let _ = writeln!(out, "| --- | ---: | ---: | ---: |");
    let _ = writeln!(
        out,
        "| **Index** | {} | {} | {} |",
        value(c.index.old),
        value(c.index.new),
        change(c.index.delta)
    );
    for d in &c.domains {
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {} |",
            md(&d.id),
            md(&d.name),
            value(d.score.old),
            value(d.score.new),
            change(d.score.delta)
        );
    }
    if let Some(d) = c.most_moved() {
        let _ = writeln!(
            out,
            "\nMoved most: **{} {}** ({}).",
            md(&d.id),
            md(&d.name),
            change(d.value.delta)
        );
    }
    dimensions(&mut out, c);
    changes(&mut out, c);
    if !c.notes.is_empty() {
        let _ = writeln!(out, "\n### Notes\n");
        for n in &c.notes {
            let _ = writeln!(out, "- {}", md(note(*n)));
        }
    }
    out
}

fn dimensions(out: &mut String, c: &Comparison) {
    let _ = writeln!(
        out,
        "\n### Dimensions\n\n{} changed, {} unchanged.",
        c.dimensions.len(),
        c.unchanged_dimensions
    );
    if c.dimensions.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n| Dimension | Level before | Level after | Change | Notes before | Notes after |"
    );
    let _ = writeln!(out, "| --- | --- | --- | ---: | --- | --- |");
    let level = |l: &Option<String>| l.as_deref().map_or("not rated".to_owned(), md);
    for d in &c.dimensions {
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {} | {} | {} |",
            md(&d.id),
            md(&d.name),
            level(&d.old_level),
            level(&d.new_level),
            change(d.value.delta),
            md(&d.old_notes),
            md(&d.new_notes)
        );
    }
}

fn changes(out: &mut String, c: &Comparison) {
    if !c.improvements.is_empty() {
        let _ = writeln!(out, "\n### Improvements\n");
        for i in &c.improvements {
            let _ = writeln!(
                out,
                "- **{}** {} {} ({})",
                event(i.event),
                md(&i.id),
                md(&i.title),
                statuses(i.old_status, i.new_status)
            );
        }
    }
    if !c.coverage.is_empty() {
        let _ = writeln!(out, "\n### ISO/IEC 20000-1 coverage\n");
        for k in &c.coverage {
            let _ = writeln!(
                out,
                "- {} {}: {} → {}",
                k.number,
                md(k.title),
                coverage(k.old),
                coverage(k.new)
            );
        }
    }
    if !c.qms.is_empty() {
        let _ = writeln!(out, "\n### IT QMS\n");
        for q in &c.qms {
            let _ = writeln!(out, "- {} {}: {}", md(&q.id), md(&q.name), md(&qms(q)));
        }
    }
}
