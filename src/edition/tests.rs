use std::collections::BTreeSet;

use super::*;
use crate::diagnostics::Diagnostics;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 30)
}

/// The example site that ships with qmsite, validated.
fn example() -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diags = Diagnostics::new();
    let raw = crate::content::load_site(root, &mut diags).expect("the example loads");
    crate::validate::validate(&raw, today(), &mut diags).expect("the example validates")
}

fn edition(leave_out: &[Category]) -> Edition {
    Edition {
        name: "test".into(),
        title: "Test".into(),
        leave_out: leave_out.iter().copied().collect::<BTreeSet<_>>(),
        output_dir: None,
    }
}

#[test]
fn an_edition_that_leaves_nothing_out_changes_nothing_but_its_name() {
    let site = example();
    let e = edition(&[]);
    let out = project(&site, &e);
    assert_eq!(out.config.edition.as_ref(), Some(&e));
    assert_eq!(out.pages.len(), site.pages.len());
    for (a, b) in site.assessments.iter().zip(&out.assessments) {
        for (r, s) in a.ratings.iter().zip(&b.ratings) {
            assert_eq!(r.notes, s.notes);
            assert_eq!(r.evidence.len(), s.evidence.len());
        }
    }
    for (a, b) in site.improvements.iter().zip(&out.improvements) {
        assert_eq!((&a.justification, &a.owner), (&b.justification, &b.owner));
    }
}

#[test]
fn each_category_removes_its_texts_and_keeps_every_item() {
    let site = example();
    assert!(
        site.assessments
            .iter()
            .flat_map(|a| &a.ratings)
            .any(|r| !r.notes.is_empty())
    );
    let out = project(&site, &edition(&Category::ALL));
    assert_eq!(out.assessments.len(), site.assessments.len());
    assert_eq!(out.improvements.len(), site.improvements.len());
    assert_eq!(out.qms.len(), site.qms.len());
    assert!(
        out.assessments
            .iter()
            .flat_map(|a| &a.ratings)
            .all(|r| r.notes.is_empty() && r.evidence.iter().all(|e| !e.marked_internal))
    );
    assert!(
        out.improvements
            .iter()
            .all(|i| i.justification.is_empty() && i.owner.is_empty())
    );
    assert!(out.qms.iter().all(|q| q.owner.is_empty()));
    assert!(
        out.coverage
            .values()
            .flat_map(|c| &c.evidence)
            .all(|e| !e.marked_internal)
    );
    // What readers of every edition see stays: titles, levels, ratings.
    for (a, b) in site.improvements.iter().zip(&out.improvements) {
        assert_eq!((&a.id, &a.title, a.status), (&b.id, &b.title, b.status));
    }
    for (a, b) in site.assessments.iter().zip(&out.assessments) {
        let levels =
            |x: &crate::site::Assessment| -> Vec<_> { x.ratings.iter().map(|r| r.level).collect() };
        assert_eq!(levels(a), levels(b));
    }
}

#[test]
fn only_the_categories_asked_for_go() {
    let site = example();
    let out = project(&site, &edition(&[Category::Justifications]));
    assert!(out.improvements.iter().all(|i| i.justification.is_empty()));
    assert!(out.improvements.iter().any(|i| !i.owner.is_empty()));
    assert!(
        out.assessments
            .iter()
            .flat_map(|a| &a.ratings)
            .any(|r| !r.notes.is_empty())
    );
}

#[test]
fn internal_evidence_goes_and_the_rest_stays() {
    let mut site = example();
    let rating = &mut site.assessments[crate::site::AssessmentId::from(0)].ratings
        [crate::site::DimensionId::from(0)];
    let mut secret = rating
        .evidence
        .first()
        .cloned()
        .unwrap_or_else(|| Evidence {
            title: "Interview notes".into(),
            url: "https://intranet.example/notes".into(),
            internal: false,
            marked_internal: false,
            origin: crate::site::Origin {
                file: "content/assessments/x.toml".into(),
                position: crate::diagnostics::Position { line: 1, col: 1 },
            },
        });
    secret.title = "Interview transcript".into();
    secret.marked_internal = true;
    rating.evidence.push(secret);
    let before = rating.evidence.len();
    let out = project(&site, &edition(&[Category::Internal]));
    let kept = &out.assessments[crate::site::AssessmentId::from(0)].ratings
        [crate::site::DimensionId::from(0)]
    .evidence;
    assert_eq!(kept.len(), before - 1);
    assert!(kept.iter().all(|e| e.title != "Interview transcript"));
}

#[test]
fn an_internal_narrative_goes_with_the_links_to_it() {
    let mut site = example();
    let target = site
        .pages
        .iter()
        .position(|p| p.slug == "method")
        .expect("the example has a method page");
    let mut pages: Vec<_> = site.pages.iter().cloned().collect();
    pages[target].internal = true;
    site.pages = pages.into();
    let linking = site
        .pages
        .iter()
        .filter(|p| p.markdown.contains("(method.md"))
        .count();
    assert!(linking > 0, "some narrative links to the method page");
    let out = project(&site, &edition(&[Category::Internal]));
    let public = site.pages.iter().filter(|p| !p.internal).count();
    assert_eq!(out.pages.len(), public);
    assert!(out.pages.iter().all(|p| p.slug != "method"));
    for p in &out.pages {
        assert!(
            !p.markdown.contains("(method.md"),
            "{}: {}",
            p.slug,
            p.markdown
        );
    }
    // Without `internal` left out, it stays.
    let kept = project(&site, &edition(&[Category::Owners]));
    assert_eq!(kept.pages.len(), site.pages.len());
}

#[test]
fn the_default_edition_is_the_first_and_an_unknown_name_lists_the_others() {
    let a = Edition {
        name: "internal".into(),
        ..edition(&[])
    };
    let b = Edition {
        name: "board".into(),
        ..edition(&[Category::AssessorNotes])
    };
    let all = [a.clone(), b.clone()];
    assert_eq!(choose(&all, None), Ok(Some(&a)));
    assert_eq!(choose(&all, Some("board")), Ok(Some(&b)));
    assert_eq!(choose(&[], None), Ok(None));
    let err = choose(&all, Some("auditors")).expect_err("no such edition");
    let said = err.to_string();
    assert!(said.contains("\"auditors\""), "{said}");
    assert!(said.contains("\"internal\", \"board\""), "{said}");
    assert!(choose(&[], Some("board")).is_err());
}
