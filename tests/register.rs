//! The improvement plan's register as a reader meets it: open actions first (overdue, then by
//! priority, then by due date), closed ones last; a priority column; statuses that sort in
//! workflow order; no summary lists that only repeat the charts; and cards that give the same
//! labelled fields in the same order, a missing value said in words.

mod common;

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selector")
}

fn text_of(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value a card gives under `label`, when it has that field.
fn field(card: ElementRef, label: &str) -> Option<String> {
    card.select(&selector("dl > div"))
        .find(|d| d.select(&selector("dt")).next().map(text_of).as_deref() == Some(label))
        .and_then(|d| d.select(&selector("dd")).next())
        .map(text_of)
}

fn card<'a>(html: &'a Html, anchor: &str) -> ElementRef<'a> {
    html.select(&selector(&format!("article#{anchor}")))
        .next()
        .unwrap_or_else(|| panic!("no card {anchor}"))
}

fn page(out: &Path, path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(out.join(path)).expect("page"))
}

/// One row of the register table, as the page writes it.
#[derive(Debug)]
struct Row {
    id: String,
    open: bool,
    overdue: bool,
    priority: String,
    /// The due cell's sort key (YYYY-MM-DD, empty when undated).
    due: String,
}

fn rows(html: &Html) -> Vec<Row> {
    let cell = selector("td");
    html.select(&selector("#register tbody tr"))
        .map(|tr| {
            let attr = |n: &str| tr.value().attr(n).unwrap_or_default().to_owned();
            let cells: Vec<ElementRef> = tr.select(&cell).collect();
            Row {
                id: text_of(cells[0]),
                open: attr("data-open") == "yes",
                overdue: attr("data-overdue") == "yes",
                priority: attr("data-priority"),
                due: cells[4]
                    .value()
                    .attr("data-sort")
                    .unwrap_or_default()
                    .to_owned(),
            }
        })
        .collect()
}

fn urgency(priority: &str) -> usize {
    ["critical", "high", "medium", "low"]
        .iter()
        .position(|p| *p == priority)
        .unwrap_or_else(|| panic!("unknown priority {priority}"))
}

/// The open rows' order: overdue first, then the most urgent, then the soonest due, undated last.
fn assert_action_order(rows: &[Row]) {
    let open = rows.iter().take_while(|r| r.open).count();
    assert!(open > 0, "no open action first: {rows:?}");
    assert!(
        rows[open..].iter().all(|r| !r.open),
        "an open action after a closed one: {rows:?}"
    );
    let key = |r: &Row| {
        (
            !r.overdue,
            urgency(&r.priority),
            r.due.is_empty(),
            r.due.clone(),
        )
    };
    for pair in rows[..open].windows(2) {
        assert!(
            key(&pair[0]) <= key(&pair[1]),
            "{} before {}: {rows:?}",
            pair[0].id,
            pair[1].id
        );
    }
}

#[test]
fn the_register_lists_open_actions_first_overdue_at_the_top_and_the_cards_follow_it() {
    let (_site, out) = common::build_example();
    for path in ["improvements.html", "cs/improvements.html"] {
        let html = page(&out, path);
        let rows = rows(&html);
        assert_eq!(rows.len(), 28, "{path}");
        assert_action_order(&rows);
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids[..8],
            [
                "IMP-011", "IMP-012", "IMP-014", "IMP-020", "IMP-019", "IMP-025", "IMP-027",
                "IMP-021"
            ],
            "{path}: the four overdue actions, then the open ones by priority and due date"
        );
        assert_eq!(ids[27], "IMP-026", "{path}: the rejected one last");
        assert_eq!(
            ids[8], "IMP-017",
            "{path}: the most recently due done one first"
        );
        // The cards below the table come in the table's order.
        let cards: Vec<String> = html
            .select(&selector("article.improvement .improvement-id"))
            .map(text_of)
            .collect();
        assert_eq!(cards, ids, "{path}: cards in another order than the table");
        // The full report's register follows the same order.
        let report = page(&out, &path.replace("improvements.html", "report.html"));
        let listed: Vec<String> = report
            .select(&selector("#report-register tbody tr td:first-child a"))
            .map(text_of)
            .collect();
        assert_eq!(
            listed, ids,
            "{path}: the report's register in another order"
        );
    }
}

#[test]
fn a_critical_action_comes_before_high_ones_and_a_missing_value_is_said_in_words() {
    let site = common::example();
    // IMP-021 (open, not overdue, medium, due 2026-12-31) becomes critical, undated, unsized.
    common::edit(
        site.path(),
        "content/improvements/register.toml",
        "priority = \"medium\"\nsize = \"S\"\nkpi = \"Benchmark-derived",
        "priority = \"critical\"\nkpi = \"Benchmark-derived",
    );
    common::edit(
        site.path(),
        "content/improvements/register.toml",
        "owner = \"Anwen Price, IT Performance Analyst\"\ndue = 2026-12-31\n",
        "owner = \"Anwen Price, IT Performance Analyst\"\n",
    );
    let out = common::build_site(site.path());
    let html = page(&out, "improvements.html");
    let rows = rows(&html);
    assert_action_order(&rows);
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids[..6],
        [
            "IMP-011", "IMP-012", "IMP-014", "IMP-020", "IMP-021", "IMP-019"
        ],
        "overdue first, then the critical action though it has no due date"
    );
    let card = card(&html, "imp-021");
    let value = |label: &str| field(card, label).unwrap_or_else(|| panic!("no {label}"));
    assert_eq!(value("Priority"), "Critical");
    assert_eq!(value("Due"), "not set");
    assert_eq!(value("Size"), "not set");
    let due_cell = html
        .select(&selector("#register tbody tr td[data-label=Due]"))
        .map(text_of)
        .nth(4)
        .expect("IMP-021's due cell");
    assert_eq!(due_cell, "not set");
}

#[test]
fn the_register_shows_priority_and_sorts_statuses_in_workflow_order() {
    let (_site, out) = common::build_example();
    let workflow = [
        "proposed",
        "approved",
        "in-progress",
        "on-hold",
        "done",
        "rejected",
    ];
    for (path, heading, labels) in [
        (
            "improvements.html",
            "Priority",
            ["Critical", "High", "Medium", "Low"],
        ),
        (
            "cs/improvements.html",
            "Priorita",
            ["Kritická", "Vysoká", "Střední", "Nízká"],
        ),
    ] {
        let html = page(&out, path);
        let heads: Vec<String> = html
            .select(&selector("#register thead th"))
            .map(text_of)
            .collect();
        assert!(heads.iter().any(|h| h == heading), "{path}: {heads:?}");
        let mut statuses = std::collections::BTreeSet::new();
        for tr in html.select(&selector("#register tbody tr")) {
            let priority = tr.value().attr("data-priority").expect("data-priority");
            let cell = tr
                .select(&selector(&format!("td[data-label={heading}]")))
                .next()
                .expect("priority cell");
            let rank = urgency(priority);
            assert_eq!(text_of(cell), labels[rank], "{path}: {}", tr.html());
            assert_eq!(
                cell.value().attr("data-sort"),
                Some(rank.to_string().as_str())
            );
            // The status cell's sort key is the status's place in the workflow.
            let badge = tr
                .select(&selector(".badge.status"))
                .next()
                .expect("status badge");
            let status = badge
                .value()
                .classes()
                .find_map(|c| c.strip_prefix("status-"))
                .expect("status class");
            let place = workflow
                .iter()
                .position(|s| *s == status)
                .expect("known status");
            let status_cell = tr
                .select(&selector("td[data-sort]"))
                .find(|td| td.select(&selector(".badge.status")).next().is_some())
                .expect("status cell with a sort key");
            assert_eq!(
                status_cell.value().attr("data-sort"),
                Some(place.to_string().as_str()),
                "{path}: {status}"
            );
            statuses.insert(status.to_owned());
        }
        assert_eq!(statuses.len(), 6, "{path}: the example has every status");
    }
}

#[test]
fn the_plan_keeps_its_charts_and_key_figures_without_the_lists_that_repeat_them() {
    let (_site, out) = common::build_example();
    let text = std::fs::read_to_string(out.join("improvements.html")).expect("page");
    let html = Html::parse_document(&text);
    let headings: Vec<String> = html.select(&selector("h2")).map(text_of).collect();
    for gone in ["By part of clause 10.2", "By direction", "By status"] {
        assert!(!headings.iter().any(|h| h == gone), "{gone}: {headings:?}");
    }
    assert!(html.select(&selector(".counts")).next().is_none());
    let figures: Vec<(String, String)> = html
        .select(&selector(".key-figures > div"))
        .map(|d| {
            let part = |s: &str| {
                d.select(&selector(s))
                    .next()
                    .map(text_of)
                    .unwrap_or_default()
            };
            (part("dt"), part("dd"))
        })
        .collect();
    assert_eq!(
        figures,
        [
            ("Improvements".to_owned(), "28".to_owned()),
            ("Open".to_owned(), "8".to_owned()),
            ("Overdue".to_owned(), "4".to_owned())
        ]
    );
    assert_eq!(common::charts(&text).len(), 3, "the three charts stay");
    // The filter bar waits hidden for its script, which the page loads deferred from the theme.
    let bar = html
        .select(&selector(".register-filters"))
        .next()
        .expect("filter bar");
    assert!(bar.value().attr("hidden").is_some());
    let options = |name: &str| -> Vec<String> {
        bar.select(&selector(&format!("select[name={name}] option")))
            .map(|o| o.value().attr("value").unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(
        options("priority"),
        ["", "critical", "high", "medium", "low"]
    );
    assert!(options("source").contains(&"management-review".to_owned()));
    assert!(bar.select(&selector("input[name=open]")).next().is_some());
    assert!(
        html.select(&selector("script[src$='static/register.js'][defer]"))
            .next()
            .is_some()
    );
    assert!(out.join("static/register.js").is_file());
}

#[test]
fn every_card_gives_the_same_labelled_fields_in_the_same_order() {
    let (_site, out) = common::build_example();
    for (path, expected) in [
        (
            "improvements.html",
            [
                "Status",
                "Priority",
                "Due",
                "Owner",
                "Source",
                "Part",
                "Direction",
                "Raised",
                "Size",
                "Description",
                "Justification",
                "KPI",
                "Target",
                "Expected effect",
                "Measured result",
                "Evidence",
            ],
        ),
        (
            "cs/improvements.html",
            [
                "Stav",
                "Priorita",
                "Termín",
                "Vlastník",
                "Zdroj",
                "Část",
                "Směr",
                "Zadáno",
                "Náročnost",
                "Popis",
                "Odůvodnění",
                "KPI",
                "Cíl",
                "Očekávaný přínos",
                "Naměřený výsledek",
                "Doklady",
            ],
        ),
    ] {
        let html = page(&out, path);
        let cards: Vec<ElementRef> = html.select(&selector("article.improvement")).collect();
        assert_eq!(cards.len(), 28, "{path}");
        for card in cards {
            let id = card.value().attr("id").unwrap_or_default();
            let labels: Vec<String> = card.select(&selector("dl dt")).map(text_of).collect();
            assert_eq!(labels, expected, "{path}: {id}");
            let empty: Vec<String> = card
                .select(&selector("dl > div"))
                .filter(|d| {
                    d.select(&selector("dd"))
                        .next()
                        .is_none_or(|dd| text_of(dd).is_empty())
                })
                .map(text_of)
                .collect();
            assert!(empty.is_empty(), "{path}: {id} leaves {empty:?} blank");
        }
    }
    // Evidence is a labelled list where there is some, and said to be missing where there is none.
    let html = page(&out, "improvements.html");
    let listed = card(&html, "imp-006")
        .select(&selector("dl > div"))
        .filter(|d| d.select(&selector("dt")).next().map(text_of).as_deref() == Some("Evidence"))
        .map(|d| d.select(&selector("dd ul.evidence li")).count())
        .sum::<usize>();
    assert_eq!(listed, 2);
    assert_eq!(
        field(card(&html, "imp-011"), "Evidence").as_deref(),
        Some("none recorded")
    );
    // An open action not yet measured says so.
    assert_eq!(
        field(card(&html, "imp-019"), "Measured result").as_deref(),
        Some("not measured yet")
    );
}
