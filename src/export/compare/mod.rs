//! `qmsite diff` output: one [`Comparison`] projected as coloured text for a terminal, as Markdown
//! for a pull-request comment, or as JSON for a program. The projections only word and lay out
//! what the comparison holds; none computes a figure.

mod markdown;
mod text;

pub use markdown::markdown;
pub use text::text;

use crate::content::model::improvement::Status;
use crate::render::strings::Strings;
use crate::report::CoverageState;
use crate::report::compare::{Comparison, ImprovementEvent, Note, Point, QmsChange};

/// The comparison as pretty JSON, ending with a newline.
pub fn json(c: &Comparison) -> String {
    serde_json::to_string_pretty(c).unwrap_or_else(|_| "{}".to_owned()) + "\n"
}

/// A side in words: the assessment's title and date, and the revision it was read from.
fn side(p: &Point) -> String {
    let assessment = p
        .assessment
        .as_ref()
        .map(|a| format!("{} ({})", a.title, a.date));
    let revision = p
        .revision
        .as_ref()
        .map(|r| format!("{} ({}, {})", r.name, r.commit, r.date));
    match (revision, assessment) {
        (Some(r), Some(a)) => format!("{r}: {a}"),
        (Some(r), None) => format!("{r}: no assessment"),
        (None, Some(a)) => a,
        (None, None) => "no assessment".to_owned(),
    }
}

fn value(v: Option<f64>) -> String {
    Strings::english().figure(v, "not rated")
}

fn status(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Proposed) => "proposed",
        Some(Status::Approved) => "approved",
        Some(Status::InProgress) => "in progress",
        Some(Status::OnHold) => "on hold",
        Some(Status::Done) => "done",
        Some(Status::Rejected) => "rejected",
        None => "unknown",
    }
}

fn event(e: ImprovementEvent) -> &'static str {
    match e {
        ImprovementEvent::Opened => "opened",
        ImprovementEvent::Closed => "closed",
        ImprovementEvent::Reopened => "reopened",
        ImprovementEvent::StatusChanged => "changed",
        ImprovementEvent::Removed => "removed",
    }
}

/// An improvement's statuses in words: `in progress → done`, or the one known.
fn statuses(old: Option<Status>, new: Option<Status>) -> String {
    match (old, new) {
        (Some(o), Some(n)) => format!("{} → {}", status(Some(o)), status(Some(n))),
        (None, n) => status(n).to_owned(),
        (o, None) => format!("was {}", status(o)),
    }
}

fn coverage(s: CoverageState) -> &'static str {
    match s {
        CoverageState::NotAddressed => "not addressed",
        CoverageState::Initial => "initial",
        CoverageState::Defined => "defined, not consistent",
        CoverageState::Conforming => "conforming",
        CoverageState::PartlyAssessed => "partly assessed",
        CoverageState::NotAssessed => "not assessed",
    }
}

/// What changed about a QMS component, in words.
fn qms(q: &QmsChange) -> String {
    match (&q.old, &q.new) {
        (None, Some(n)) => format!("added at level {}, target {}", n.current, n.target),
        (Some(_), None) => "removed".to_owned(),
        (Some(o), Some(n)) => {
            let mut parts = Vec::new();
            if o.current != n.current {
                parts.push(format!("level {} → {}", o.current, n.current));
            }
            if o.target != n.target {
                parts.push(format!("target {} → {}", o.target, n.target));
            }
            if o.direction != n.direction {
                parts.push(format!(
                    "direction {} → {}",
                    o.direction.key(),
                    n.direction.key()
                ));
            }
            if o.owner != n.owner {
                parts.push(format!("owner {} → {}", o.owner, n.owner));
            }
            parts.join("; ")
        }
        (None, None) => String::new(),
    }
}

fn note(n: Note) -> &'static str {
    match n {
        Note::NoStatusHistory => {
            "Status changes between the two dates need the site's history in git; only improvements raised between them are listed."
        }
        Note::StateNotDated => {
            "Coverage and the IT QMS are kept as their current state: compare two revisions (--rev) to see how they changed."
        }
        Note::NoOldAssessment => "The older side has no assessment of this framework.",
        Note::NoNewAssessment => "The newer side has no assessment of this framework.",
    }
}

/// The change of a figure with its sign, or a dash when either side is missing.
fn change(d: Option<f64>) -> String {
    let s = Strings::english().signed(d);
    if s.is_empty() { "–".to_owned() } else { s }
}

#[cfg(test)]
mod tests;
