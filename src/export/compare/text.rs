//! The comparison as text for a terminal, with colour: rises green, falls red, headings bold.
//! The styles are ANSI sequences; the command writes through `anstream`, which removes them when
//! the output is not a terminal or `NO_COLOR` is set.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::{change, coverage, event, note, qms, side, statuses, value};
use crate::report::compare::{Comparison, ValueChange};

const HEADING: Style = Style::new().bold();
const UP: Style = AnsiColor::Green.on_default();
const DOWN: Style = AnsiColor::Red.on_default();
const DIM: Style = Style::new().dimmed();

/// A change coloured by its direction.
fn coloured(v: &ValueChange) -> String {
    let text = change(v.delta);
    let style = match v.delta {
        Some(d) if crate::render::charts::round1(d) > 0.0 => UP,
        Some(d) if crate::render::charts::round1(d) < 0.0 => DOWN,
        _ => DIM,
    };
    format!("{style}{text}{style:#}")
}

fn figure_line(label: &str, v: &ValueChange, width: usize) -> String {
    format!(
        "  {label:<width$}  {:>9} → {:<9} {}\n",
        value(v.old),
        value(v.new),
        coloured(v)
    )
}

/// The comparison as text.
pub fn text(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{HEADING}Comparison{HEADING:#}");
    let _ = writeln!(out, "  from {}", one_line(&side(&c.old)));
    let _ = writeln!(out, "  to   {}", one_line(&side(&c.new)));
    out.push('\n');
    let _ = writeln!(
        out,
        "{HEADING}Index{HEADING:#} {} → {} {}",
        value(c.index.old),
        value(c.index.new),
        coloured(&c.index)
    );
    if let Some(d) = c.most_moved() {
        let _ = writeln!(
            out,
            "{HEADING}Moved most{HEADING:#} {} {}: {} → {} {}",
            one_line(&d.id),
            one_line(&d.name),
            value(d.value.old),
            value(d.value.new),
            coloured(&d.value)
        );
    }
    scores(&mut out, c);
    changes(&mut out, c);
    if !c.notes.is_empty() {
        let _ = writeln!(out, "\n{HEADING}Notes{HEADING:#}");
        for n in &c.notes {
            let _ = writeln!(out, "  {DIM}{}{DIM:#}", note(*n));
        }
    }
    out
}

/// Domains, then the dimensions that changed with both levels and both notes.
fn scores(out: &mut String, c: &Comparison) {
    if !c.domains.is_empty() {
        let _ = writeln!(out, "\n{HEADING}Domains{HEADING:#}");
        let width = c
            .domains
            .iter()
            .map(|d| d.id.chars().count() + 1 + d.name.chars().count())
            .max()
            .unwrap_or(0);
        for d in &c.domains {
            let label = one_line(&format!("{} {}", d.id, d.name));
            out.push_str(&figure_line(&label, &d.score, width));
        }
    }
    let _ = writeln!(
        out,
        "\n{HEADING}Dimensions{HEADING:#} {} changed, {} unchanged",
        c.dimensions.len(),
        c.unchanged_dimensions
    );
    for d in &c.dimensions {
        let level = |l: &Option<String>| l.as_deref().map_or("not rated".to_owned(), one_line);
        let _ = writeln!(
            out,
            "  {} {}: {} → {}  {} → {} {}",
            one_line(&d.id),
            one_line(&d.name),
            level(&d.old_level),
            level(&d.new_level),
            value(d.value.old),
            value(d.value.new),
            coloured(&d.value)
        );
        for (when, notes) in [("before", &d.old_notes), ("after", &d.new_notes)] {
            if !notes.is_empty() {
                let _ = writeln!(out, "    {DIM}{when}:{DIM:#} {}", one_line(notes));
            }
        }
    }
}

/// Improvements, coverage and the QMS.
fn changes(out: &mut String, c: &Comparison) {
    if !c.improvements.is_empty() {
        let _ = writeln!(out, "\n{HEADING}Improvements{HEADING:#}");
        for i in &c.improvements {
            let _ = writeln!(
                out,
                "  {:<9} {} {} ({})",
                event(i.event),
                one_line(&i.id),
                one_line(&i.title),
                statuses(i.old_status, i.new_status)
            );
        }
    }
    if !c.coverage.is_empty() {
        let _ = writeln!(out, "\n{HEADING}ISO/IEC 20000-1 coverage{HEADING:#}");
        for k in &c.coverage {
            let _ = writeln!(
                out,
                "  {} {}: {} → {}",
                k.number,
                k.title,
                coverage(k.old),
                coverage(k.new)
            );
        }
    }
    if !c.qms.is_empty() {
        let _ = writeln!(out, "\n{HEADING}IT QMS{HEADING:#}");
        for q in &c.qms {
            let _ = writeln!(
                out,
                "  {} {}: {}",
                one_line(&q.id),
                one_line(&q.name),
                one_line(&qms(q))
            );
        }
    }
}

/// Text written in the site on one line, without control characters: line breaks become
/// spaces, and an escape sequence in a note cannot restyle or move the reader's terminal.
fn one_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}
