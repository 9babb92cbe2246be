use super::*;
use crate::report::compare::{
    AssessmentRef, Comparison, DimensionChange, ImprovementChange, ImprovementEvent, Point,
    ValueChange,
};

fn comparison(notes: &str) -> Comparison {
    let point = |id: &str, y| Point {
        revision: None,
        assessment: Some(AssessmentRef {
            id: id.to_owned(),
            title: format!("Assessment {id}"),
            date: jiff::civil::date(y, 3, 1),
            framework: "f".to_owned(),
            unit: None,
        }),
    };
    Comparison {
        old: point("a", 2023),
        new: point("b", 2026),
        unit: "%".to_owned(),
        index: ValueChange {
            old: Some(50.0),
            new: Some(55.25),
            delta: Some(5.25),
        },
        domains: Vec::new(),
        dimensions: vec![DimensionChange {
            id: "D1".to_owned(),
            name: "Name | with [link](javascript:x) and *stars*".to_owned(),
            domain: "A".to_owned(),
            value: ValueChange {
                old: Some(20.0),
                new: Some(10.0),
                delta: Some(-10.0),
            },
            old_level: Some("Low".to_owned()),
            new_level: None,
            old_notes: notes.to_owned(),
            new_notes: String::new(),
        }],
        unchanged_dimensions: 3,
        improvements: vec![ImprovementChange {
            id: "IMP-1".to_owned(),
            title: "Fix <b>it</b>".to_owned(),
            event: ImprovementEvent::Closed,
            old_status: Some(Status::InProgress),
            new_status: Some(Status::Done),
        }],
        coverage: Vec::new(),
        qms: Vec::new(),
        notes: vec![Note::StateNotDated],
    }
}

#[test]
fn markdown_escapes_what_the_site_wrote() {
    let md = markdown(&comparison("two\nlines | and a pipe\u{1b}[31m"));
    let row = md
        .lines()
        .find(|l| l.starts_with("| D1"))
        .expect("dimension row");
    assert!(
        row.contains(r"Name \| with \[link\](javascript:x) and \*stars\*"),
        "{row}"
    );
    assert!(row.contains(r"two lines \| and a pipe\[31m"), "{row}");
    assert!(!md.contains('\u{1b}'));
    assert!(
        md.contains(r"Fix \<b\>it\</b\> (in progress → done)"),
        "{md}"
    );
    assert!(
        md.contains("| **Index** | 50.0 | 55.3 | +5.3\u{a0}pts |"),
        "{md}"
    );
}

#[test]
fn text_keeps_escape_sequences_of_the_site_off_the_terminal() {
    let text = text(&comparison("a note\u{1b}]0;title\u{7}"));
    let plain = anstream::adapter::strip_str(&text).to_string();
    assert!(plain.contains("Index 50.0 → 55.3 +5.3\u{a0}pts"), "{plain}");
    assert!(plain.contains("Moved most D1"), "{plain}");
    assert!(plain.contains("before: a note]0;title"), "{plain}");
    assert!(
        plain.contains("closed    IMP-1 Fix <b>it</b> (in progress → done)"),
        "{plain}"
    );
    // The only escape sequences left are qmsite's own styles.
    assert!(!text.contains('\u{7}'));
}

#[test]
fn json_names_events_and_statuses_as_files_do() {
    let v: serde_json::Value = serde_json::from_str(&json(&comparison(""))).expect("json");
    assert_eq!(v["improvements"][0]["event"], "closed");
    assert_eq!(v["improvements"][0]["new_status"], "done");
    assert_eq!(v["old"]["assessment"]["date"], "2023-03-01");
    assert_eq!(v["notes"][0], "state-not-dated");
}
