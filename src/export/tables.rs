//! The site's data as plain tables, one per sheet of `export xlsx` and one per file of
//! `export csv`, so that both carry the same columns and values.
//!
//! Values are typed (text, numbers, dates, yes/no) so that a spreadsheet sorts and filters them as
//! what they are. Scores come from the [`Report`]; nothing is computed here.

use jiff::civil::Date;
use serde::Serialize;

use crate::report::{CoverageState, Report};
use crate::site::{DimensionRef, Evidence, Site};

/// One typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (a missing optional value).
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A calendar date.
    Date(Date),
    /// Yes or no.
    Bool(bool),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn number(n: Option<f64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Number)
    }

    fn date(d: Option<Date>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }
}

/// A table: a name (the sheet, or the CSV file's stem), column titles and rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// Sheet name and CSV file stem.
    pub name: &'static str,
    /// Column titles.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(name: &'static str, columns: &[&str]) -> Table {
        Table {
            name,
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: Vec::new(),
        }
    }
}

/// Every table of the export, in sheet order.
pub fn tables(site: &Site, report: &Report) -> Vec<Table> {
    vec![
        assessments(site, report),
        ratings(site, report),
        domain_scores(site, report),
        register(site, report),
        coverage(site, report),
        qms(site),
        peers(site),
    ]
}

/// The key an enumeration is written with in the content files.
pub fn key<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn evidence(list: &[Evidence]) -> Cell {
    Cell::text(super::interview::evidence_text(list))
}

fn dimension_refs(site: &Site, refs: &[DimensionRef]) -> Cell {
    let names: Vec<String> = refs
        .iter()
        .map(|r| {
            let f = &site.frameworks[r.framework];
            let id = &f.dimensions[r.dimension].id;
            if r.framework == site.main_framework {
                id.clone()
            } else {
                format!("{}:{id}", f.id)
            }
        })
        .collect();
    Cell::text(names.join(", "))
}

fn assessments(site: &Site, report: &Report) -> Table {
    let mut t = Table::new(
        "Assessments",
        &[
            "Assessment",
            "Title",
            "Framework",
            "Date",
            "Assessor",
            "Index",
            "Previous assessment",
            "Change of index",
            "Dimensions rated",
            "Dimensions",
            "Scope",
            "Method",
            "Summary",
        ],
    );
    for (i, a) in site.assessments.iter_enumerated() {
        let scores = report.scores(i);
        let previous = report.previous(i);
        let change =
            crate::report::delta(scores.index, previous.and_then(|p| report.scores(p).index));
        t.rows.push(vec![
            Cell::text(&a.id),
            Cell::text(&a.title),
            Cell::text(&site.frameworks[a.framework].id),
            Cell::Date(a.date),
            Cell::text(&a.assessor),
            Cell::number(scores.index),
            previous.map_or(Cell::Empty, |p| Cell::text(&site.assessments[p].id)),
            Cell::number(change),
            Cell::Number(scores.rated as f64),
            Cell::Number(a.ratings.len() as f64),
            Cell::text(&a.scope),
            Cell::text(&a.method),
            Cell::text(&a.summary),
        ]);
    }
    t
}

fn ratings(site: &Site, report: &Report) -> Table {
    let mut t = Table::new(
        "Ratings",
        &[
            "Assessment",
            "Date",
            "Framework",
            "Domain",
            "Domain name",
            "Dimension",
            "Dimension name",
            "Level",
            "Level label",
            "Value",
            "Notes",
            "Evidence",
        ],
    );
    for (i, a) in site.assessments.iter_enumerated() {
        let f = &site.frameworks[a.framework];
        for domain in &f.domains {
            for &d in &domain.dimensions {
                let rating = &a.ratings[d];
                let level = rating.level.and_then(|l| f.scale.get(l));
                t.rows.push(vec![
                    Cell::text(&a.id),
                    Cell::Date(a.date),
                    Cell::text(&f.id),
                    Cell::text(&domain.id),
                    Cell::text(&domain.name),
                    Cell::text(&f.dimensions[d].id),
                    Cell::text(&f.dimensions[d].name),
                    level.map_or(Cell::Empty, |l| Cell::text(&l.id)),
                    level.map_or(Cell::Empty, |l| Cell::text(&l.label)),
                    Cell::number(report.scores(i).dimensions.get(d).copied().flatten()),
                    Cell::text(&rating.notes),
                    evidence(&rating.evidence),
                ]);
            }
        }
    }
    t
}

fn domain_scores(site: &Site, report: &Report) -> Table {
    let mut t = Table::new(
        "Domain scores",
        &[
            "Assessment",
            "Date",
            "Framework",
            "Domain",
            "Domain name",
            "Weight",
            "Score",
        ],
    );
    for (i, a) in site.assessments.iter_enumerated() {
        let f = &site.frameworks[a.framework];
        for (d, domain) in f.domains.iter_enumerated() {
            t.rows.push(vec![
                Cell::text(&a.id),
                Cell::Date(a.date),
                Cell::text(&f.id),
                Cell::text(&domain.id),
                Cell::text(&domain.name),
                Cell::Number(domain.weight),
                Cell::number(report.scores(i).domains.get(d).copied().flatten()),
            ]);
        }
    }
    t
}

fn register(site: &Site, report: &Report) -> Table {
    let mut t = Table::new(
        "Register",
        &[
            "Id",
            "Title",
            "Raised",
            "Raised by",
            "Source",
            "Assessment",
            "Description",
            "Justification",
            "Priority",
            "Size",
            "KPI",
            "Target",
            "Owner",
            "Due",
            "Status",
            "Open",
            "Overdue",
            "Part of 10.2",
            "Direction",
            "Clauses",
            "Dimensions",
            "QMS components",
            "Expected effect",
            "Measured result",
            "Evidence",
        ],
    );
    for (i, imp) in site.improvements.iter_enumerated() {
        let qms: Vec<&str> = imp.qms.iter().map(|&q| site.qms[q].id.as_str()).collect();
        t.rows.push(vec![
            Cell::text(&imp.id),
            Cell::text(&imp.title),
            Cell::Date(imp.raised),
            Cell::text(&imp.raised_by),
            Cell::text(key(&imp.source)),
            imp.assessment
                .map_or(Cell::Empty, |a| Cell::text(&site.assessments[a].id)),
            Cell::text(&imp.description),
            Cell::text(&imp.justification),
            Cell::text(key(&imp.priority)),
            imp.size.map_or(Cell::Empty, |s| Cell::text(key(&s))),
            Cell::text(&imp.kpi),
            Cell::text(&imp.target),
            Cell::text(&imp.owner),
            Cell::date(imp.due),
            Cell::text(imp.status.key()),
            Cell::Bool(imp.status.is_open()),
            Cell::Bool(report.register.overdue.contains(&i)),
            Cell::text(imp.part.key()),
            Cell::text(imp.direction.key()),
            Cell::text(imp.clauses.join(", ")),
            dimension_refs(site, &imp.dimensions),
            Cell::text(qms.join(", ")),
            Cell::text(&imp.expected_effect),
            Cell::text(&imp.measured_result),
            evidence(&imp.evidence),
        ]);
    }
    t
}

/// One row per counted clause and per other clause with an entry of its own; the level is the
/// clause's state under the roll-up rule (see `report::coverage`).
fn coverage(site: &Site, report: &Report) -> Table {
    let mut t = Table::new(
        "Coverage",
        &[
            "Clause", "Title", "Group", "Level", "Notes", "Evidence", "Reviewed",
        ],
    );
    for c in exported_clauses(site) {
        let entry = site.coverage.get(c.number);
        let state = report.coverage.state(c.number).map(|s| s.state);
        t.rows.push(vec![
            Cell::text(c.number),
            Cell::text(c.title),
            Cell::text(crate::iso::top_group(c.number)),
            Cell::text(state.unwrap_or(CoverageState::of(None)).key()),
            entry.map_or(Cell::Empty, |e| Cell::text(&e.notes)),
            entry.map_or(Cell::Empty, |e| evidence(&e.evidence)),
            Cell::date(entry.and_then(|e| e.reviewed)),
        ]);
    }
    t
}

fn qms(site: &Site) -> Table {
    let mut t = Table::new(
        "QMS",
        &[
            "Id",
            "Name",
            "Purpose",
            "Owner",
            "Current level",
            "Target level",
            "Direction",
            "Rationale",
            "Review every (months)",
            "Last review",
            "Clauses",
            "Dimensions",
        ],
    );
    for q in &site.qms {
        t.rows.push(vec![
            Cell::text(&q.id),
            Cell::text(&q.name),
            Cell::text(&q.purpose),
            Cell::text(&q.owner),
            Cell::Number(q.current_level as f64),
            Cell::Number(q.target_level as f64),
            Cell::text(q.direction.key()),
            Cell::text(&q.rationale),
            Cell::Number(q.review_months as f64),
            Cell::date(q.last_review),
            Cell::text(q.clauses.join(", ")),
            dimension_refs(site, &q.dimensions),
        ]);
    }
    t
}

fn peers(site: &Site) -> Table {
    // Domain columns: every domain id of the benchmarks' frameworks, in order of first use.
    let mut domains: Vec<&str> = Vec::new();
    for b in &site.benchmarks {
        for d in &site.frameworks[b.framework].domains {
            if !domains.contains(&d.id.as_str()) {
                domains.push(&d.id);
            }
        }
    }
    let mut columns = vec![
        "Benchmark",
        "Framework",
        "Peer",
        "In comparison group",
        "Sector",
        "Size band",
        "Region",
        "Year",
        "Index",
    ];
    columns.extend(domains.iter().copied());
    columns.extend(["Cost per user", "Cost % of revenue"]);
    let mut t = Table::new("Peers", &columns);
    for b in &site.benchmarks {
        let f = &site.frameworks[b.framework];
        for (i, p) in b.peers.iter_enumerated() {
            let mut row = vec![
                Cell::text(&b.id),
                Cell::text(&f.id),
                Cell::text(&p.id),
                Cell::Bool(b.group.contains(&i)),
                Cell::text(&p.sector),
                Cell::text(&p.size_band),
                Cell::text(&p.region),
                Cell::Number(p.year as f64),
                Cell::Number(p.index),
            ];
            for id in &domains {
                let score = f
                    .domains
                    .position(|d| d.id == *id)
                    .and_then(|d| p.domains.get(d).copied().flatten());
                row.push(Cell::number(score));
            }
            row.push(Cell::number(p.cost_per_user));
            row.push(Cell::number(p.cost_percent_of_revenue));
            t.rows.push(row);
        }
    }
    t
}

/// The clauses the exports list: every counted clause, and every other clause (a heading rated
/// as a whole, a part rated on its own) that has an entry of its own.
pub fn exported_clauses(site: &Site) -> impl Iterator<Item = &'static crate::iso::Clause> + '_ {
    crate::iso::CLAUSES
        .iter()
        .filter(|c| c.counted || site.coverage.contains_key(c.number))
}
