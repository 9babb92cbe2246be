//! `import ratings`: reads the Ratings sheet of an interview workbook (or a CSV file with its
//! columns) and works out, dimension by dimension, what changes in the assessment file.

use std::collections::HashMap;
use std::path::Path;

use toml_edit::{DocumentMut, Item, Table};

use super::workbook::{self, Book, Expect, Grid};
use super::{Change, Failure, Kind, Plan, Problems, edit, suggest};
use crate::content::model::assessment::Rating as RawRating;
use crate::export::interview::{
    ASSESSMENT_LABEL, COL_DIMENSION, COL_EVIDENCE, COL_LEVEL, COL_NOTES, COLUMNS,
    INSTRUCTIONS_SHEET, RATINGS_SHEET, parse_evidence_line,
};
use crate::site::Framework;

/// A rating as the workbook has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The dimension id.
    pub dimension: String,
    /// The level id, or not rated.
    pub level: Option<String>,
    /// Notes.
    pub notes: String,
    /// Evidence, `(title, url)`.
    pub evidence: Vec<(String, String)>,
}

/// Reads the workbook and plans the edit of the assessment's file.
pub fn plan(
    root: &Path,
    today: jiff::civil::Date,
    workbook: &Path,
    shown: &str,
    assessment: &str,
) -> Result<Plan, Failure> {
    let (raw, site) = super::load(root, today)?;
    let Some(a) = site.assessments.iter().find(|a| a.id == assessment) else {
        let ids: Vec<&str> = site.assessments.iter().map(|a| a.id.as_str()).collect();
        return Err(Failure::Message(format!(
            "there is no assessment \"{assessment}\"; expected one of {} (create it first with qmsite new assessment)",
            ids.join(", ")
        )));
    };
    let framework = &site.frameworks[a.framework];
    let Some(file) = raw
        .assessments
        .iter()
        .find(|l| l.data.id.get_ref() == assessment)
    else {
        return Err(Failure::Message(format!(
            "the file of assessment \"{assessment}\" was not found"
        )));
    };
    let expect = Expect {
        required: &[RATINGS_SHEET],
        optional: &[INSTRUCTIONS_SHEET],
    };
    let book = workbook::open(workbook, shown, &expect).map_err(Failure::Workbook)?;
    let rows = read(&book, shown, framework, assessment).map_err(Failure::Workbook)?;
    let text = &file.source.text;
    let mut doc: DocumentMut = text.parse().map_err(|e| {
        Failure::Message(format!(
            "{} cannot be edited: {e}",
            file.source.path.display()
        ))
    })?;
    let changes = apply(&mut doc, &file.data.ratings, &rows, framework);
    let any = changes.iter().any(|c| c.kind != Kind::Unchanged);
    let new_text = if any { doc.to_string() } else { text.clone() };
    if any {
        super::check_with(&raw, today, &file.source.path, &new_text)?;
    }
    Ok(Plan {
        file: file.source.path.clone(),
        path: root.join(&file.source.path),
        creates: false,
        changes,
        text: new_text,
    })
}

/// Reads every rating row, checking the headers, ids, levels and addresses.
pub fn read(
    book: &Book,
    shown: &str,
    framework: &Framework,
    assessment: &str,
) -> Result<Vec<Row>, Problems> {
    let mut problems = Problems::new(shown);
    if let Some(instructions) = book.sheet(INSTRUCTIONS_SHEET).filter(|_| !book.csv) {
        check_assessment(instructions, assessment, &mut problems);
    }
    let Some(grid) = book.sheet(RATINGS_SHEET) else {
        problems.file(format!("has no sheet \"{RATINGS_SHEET}\""));
        return Err(problems);
    };
    check_headers(grid, &COLUMNS, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for r in 1..grid.height() {
        if let Some(row) = read_row(grid, r, framework, &mut problems) {
            if let Some(first) = seen.insert(row.dimension.clone(), r) {
                problems.at(
                    grid.place(r, COL_DIMENSION as u32),
                    format!(
                        "{} is listed twice, in rows {} and {}; keep one row per dimension",
                        row.dimension,
                        first + 1,
                        r + 1
                    ),
                );
            }
            rows.push(row);
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

fn check_assessment(grid: &Grid, assessment: &str, problems: &mut Problems) {
    for r in 0..grid.height().min(30) {
        if workbook::text(grid.get(r, 0)).is_ok_and(|t| t.trim() == ASSESSMENT_LABEL) {
            let found = workbook::text(grid.get(r, 1)).unwrap_or_default();
            let found = found.trim();
            if found != assessment {
                problems.at(
                    grid.place(r, 1),
                    format!(
                        "this workbook was exported for assessment \"{found}\", not \"{assessment}\"; import it with --assessment {found}, or export the interview workbook of {assessment}"
                    ),
                );
            }
            return;
        }
    }
}

/// Checks that row 1 holds exactly the expected titles, in order.
pub fn check_headers(grid: &Grid, expected: &[&str], problems: &mut Problems) {
    if grid.height() == 0 {
        problems.file(format!(
            "{} is empty; expected a header row with {}",
            if grid.sheet.is_empty() {
                "the file".to_owned()
            } else {
                format!("the sheet \"{}\"", grid.sheet)
            },
            expected.join(", ")
        ));
        return;
    }
    let found: Vec<String> = (0..grid.width().max(expected.len() as u32))
        .map(|c| {
            workbook::text(grid.get(0, c))
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .collect();
    for (c, want) in expected.iter().enumerate() {
        let got = &found[c];
        if got == want {
            continue;
        }
        let place = grid.place(0, c as u32);
        let elsewhere = found.iter().position(|f| f == want);
        let message = match (got.is_empty(), elsewhere) {
            (_, Some(other)) => format!(
                "expected the header \"{want}\" here, but it is in column {}: put the columns back in their order ({})",
                workbook::column_letters(other as u32),
                expected.join(", ")
            ),
            (true, None) => format!("the header \"{want}\" is missing; expected it here"),
            (false, None) => format!(
                "the header is \"{got}\"; expected \"{want}\" (a renamed or moved column is not read)"
            ),
        };
        problems.at(place, message);
    }
    for (c, got) in found.iter().enumerate().skip(expected.len()) {
        if !got.is_empty() {
            problems.at(
                grid.place(0, c as u32),
                format!("the column \"{got}\" is not one qmsite reads; remove it"),
            );
        }
    }
}

fn read_row(grid: &Grid, r: u32, f: &Framework, problems: &mut Problems) -> Option<Row> {
    let mut cell = |c: u16| match workbook::text(grid.get(r, c as u32)) {
        Ok(t) => t,
        Err(e) => {
            problems.at(
                grid.place(r, c as u32),
                format!("shows the error {e}; type a value instead"),
            );
            String::new()
        }
    };
    let id = cell(COL_DIMENSION).trim().to_owned();
    let level = cell(COL_LEVEL).trim().to_owned();
    let notes = cell(COL_NOTES);
    let evidence_text = cell(COL_EVIDENCE);
    let filled = !level.is_empty() || !notes.trim().is_empty() || !evidence_text.trim().is_empty();
    if id.is_empty() {
        if filled {
            problems.at(
                grid.place(r, COL_DIMENSION as u32),
                format!("this row has a rating but no dimension id; expected the id of a dimension of {}", f.id),
            );
        }
        return None;
    }
    if let Some(domain) = f.domains.iter().find(|d| d.id == id) {
        if filled {
            problems.at(
                grid.place(r, COL_LEVEL as u32),
                format!(
                    "row {} is the heading of domain {}; rate its dimensions in the rows below it",
                    r + 1,
                    domain.id
                ),
            );
        }
        return None;
    }
    if !f.dimension_by_id.contains_key(&id) {
        let candidates: Vec<(&str, &str)> = f
            .dimensions
            .iter()
            .map(|d| (d.id.as_str(), d.id.as_str()))
            .collect();
        let hint = match suggest::suggest(&id, &candidates) {
            Some(s) => format!("; did you mean \"{s}\"?"),
            None => format!(
                "; expected a dimension id of {} such as {}",
                f.id,
                f.dimensions.first().map_or("", |d| d.id.as_str())
            ),
        };
        problems.at(
            grid.place(r, COL_DIMENSION as u32),
            format!("\"{id}\" is not a dimension of {}{hint}", f.id),
        );
        return None;
    }
    let level = level_of(&level, f, &grid.place(r, COL_LEVEL as u32), problems);
    let evidence = evidence(
        &evidence_text,
        &grid.place(r, COL_EVIDENCE as u32),
        problems,
    );
    Some(Row {
        dimension: id,
        level,
        notes,
        evidence,
    })
}

/// A level cell: empty for not rated, else a level's label or id, exactly.
fn level_of(text: &str, f: &Framework, place: &str, problems: &mut Problems) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    if let Some(l) = f.scale.iter().find(|l| l.label == text || l.id == text) {
        return Some(l.id.clone());
    }
    let mut candidates: Vec<(&str, &str)> = Vec::new();
    for l in &f.scale {
        candidates.push((l.label.as_str(), l.label.as_str()));
        candidates.push((l.id.as_str(), l.label.as_str()));
    }
    let labels: Vec<&str> = f.scale.iter().map(|l| l.label.as_str()).collect();
    problems.at(
        place,
        format!(
            "\"{text}\" is not a level of the scale{}",
            suggest::hint(text, &candidates, &labels)
        ),
    );
    None
}

/// Reads an evidence cell: one piece per line, `title <address>` or a title alone.
fn evidence(text: &str, place: &str, problems: &mut Problems) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (title, url) = parse_evidence_line(line);
        let title = title.trim();
        if title.is_empty() {
            problems.at(
                place,
                format!("line {} of the evidence has an address but no title; write it as Title <address>", i + 1),
            );
            continue;
        }
        if let crate::url::UrlKind::Refused(scheme) = crate::url::classify(url) {
            problems.at(
                place,
                format!(
                    "the address of \"{title}\" starts with \"{scheme}:\", which a reader's browser could run; expected an address starting with http:, https:, mailto: or tel:, or a path"
                ),
            );
            continue;
        }
        out.push((title.to_owned(), url.to_owned()));
    }
    out
}

/// Applies the rows to the document and says what changed for each dimension, in framework order.
fn apply(doc: &mut DocumentMut, current: &[RawRating], rows: &[Row], f: &Framework) -> Vec<Change> {
    let label = |id: &Option<String>| {
        id.as_ref().map_or("not rated".to_owned(), |id| {
            f.scale
                .iter()
                .find(|l| &l.id == id)
                .map_or(id.clone(), |l| l.label.clone())
        })
    };
    let mut changes = Vec::new();
    let order = |id: &str| {
        f.dimension_by_id
            .get(id)
            .map_or(usize::MAX, |d| usize::from(*d))
    };
    let mut sorted: Vec<&Row> = rows.iter().collect();
    sorted.sort_by_key(|r| order(&r.dimension));
    for row in sorted {
        let existing = current
            .iter()
            .find(|c| c.dimension.get_ref() == &row.dimension);
        let before = existing.map(|c| Row {
            dimension: row.dimension.clone(),
            level: c.level.as_ref().map(|l| l.get_ref().clone()),
            notes: c.notes.clone(),
            evidence: c
                .evidence
                .iter()
                .map(|l| {
                    (
                        l.title.clone(),
                        l.url
                            .as_ref()
                            .map_or(String::new(), |u| u.get_ref().clone()),
                    )
                })
                .collect(),
        });
        let empty = row.level.is_none() && row.notes.is_empty() && row.evidence.is_empty();
        let mut details = Vec::new();
        let kind = match &before {
            None if empty => Kind::Unchanged,
            Some(b) if b == row => Kind::Unchanged,
            _ => {
                let b = before.clone().unwrap_or(Row {
                    dimension: row.dimension.clone(),
                    level: None,
                    notes: String::new(),
                    evidence: Vec::new(),
                });
                if b.level != row.level {
                    details.push(format!("level {} → {}", label(&b.level), label(&row.level)));
                }
                if b.notes != row.notes {
                    details.push("notes".to_owned());
                }
                if b.evidence != row.evidence {
                    details.push("evidence".to_owned());
                }
                edit_rating(doc, &b, row, order);
                if b.level.is_none() && row.level.is_some() || before.is_none() {
                    Kind::New
                } else {
                    Kind::Changed
                }
            }
        };
        changes.push(Change {
            what: "rating",
            id: row.dimension.clone(),
            kind,
            details,
        });
    }
    changes
}

/// Edits (or adds) the `[[rating]]` table of one dimension.
fn edit_rating(doc: &mut DocumentMut, before: &Row, row: &Row, order: impl Fn(&str) -> usize) {
    let root = doc.as_table_mut();
    if !root.contains_key("rating") {
        root.insert(
            "rating",
            Item::ArrayOfTables(toml_edit::ArrayOfTables::new()),
        );
    }
    let Some(array) = root
        .get_mut("rating")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    let dimension_of = |t: &Table| t.get("dimension").and_then(Item::as_str).map(str::to_owned);
    let index = array
        .iter()
        .position(|t| dimension_of(t).as_deref() == Some(row.dimension.as_str()));
    let index = match index {
        Some(i) => i,
        None => {
            let tables: Vec<&Table> = array.iter().collect();
            let at = tables
                .iter()
                .rposition(|t| dimension_of(t).is_some_and(|d| order(&d) < order(&row.dimension)))
                .map_or(0, |i| i + 1);
            let mut table = Table::new();
            table.decor_mut().set_prefix("\n");
            table.insert("dimension", toml_edit::value(row.dimension.as_str()));
            array.insert(at, table);
            at
        }
    };
    let Some(table) = array.get_mut(index) else {
        return;
    };
    if before.level != row.level {
        match &row.level {
            Some(l) => edit::set(table, "level", l.as_str().into(), &["dimension"]),
            None => edit::remove(table, "level"),
        }
    }
    if before.notes != row.notes {
        if row.notes.is_empty() && !table.contains_key("notes") {
            // Nothing to write.
        } else {
            edit::set(
                table,
                "notes",
                edit::string(&row.notes),
                &["dimension", "level"],
            );
        }
    }
    if before.evidence != row.evidence {
        if row.evidence.is_empty() {
            edit::remove(table, "evidence");
        } else {
            edit::set(
                table,
                "evidence",
                edit::evidence(&row.evidence),
                &["dimension", "level", "notes"],
            );
        }
    }
}
