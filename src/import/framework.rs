//! `import framework`: a framework kept in a workbook (sheets Framework, Scale, Domains and
//! Dimensions) into its TOML file — a new file for a new id, or the existing file edited in
//! place, record by record, with its comments kept.

use std::path::{Path, PathBuf};

use calamine::Data;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::workbook::{self, Expect, Grid};
use super::{Change, Failure, Kind, Plan, Problems, edit};

/// The sheets and their columns; each column is also the TOML key it fills, in file order.
pub const SHEETS: [(&str, &str, &[&str]); 3] = [
    ("Scale", "scale", &["Id", "Label", "Value", "Description"]),
    (
        "Domains",
        "domain",
        &["Id", "Name", "Description", "Weight"],
    ),
    (
        "Dimensions",
        "dimension",
        &["Id", "Domain", "Name", "Description", "Weight"],
    ),
];
/// The sheet of the framework's own keys: a Key column and a Value column.
pub const FRAMEWORK_SHEET: &str = "Framework";
/// Keys the Framework sheet may hold, in file order.
pub const KEYS: [&str; 7] = [
    "id",
    "name",
    "short_name",
    "description",
    "unit",
    "example",
    "index",
];

/// One record of an array of tables: its id and its keys in file order (`None`: leave out).
type Record = (String, Vec<(String, Option<Value>)>);

/// Reads the workbook and plans the new or edited framework file.
pub fn plan(
    root: &Path,
    today: jiff::civil::Date,
    file: &Path,
    shown: &str,
) -> Result<Plan, Failure> {
    let (raw, _) = super::load(root, today)?;
    let (top, arrays, id) = read_book(file, shown)?;
    let existing = raw
        .frameworks
        .iter()
        .find(|f| f.data.id.get_ref().eq_ignore_ascii_case(&id));
    // A new file starts with the schema line and a comment, put before the keys once written.
    let (rel, text, creates, header) = match existing {
        Some(f) => (
            f.source.path.clone(),
            f.source.text.clone(),
            false,
            String::new(),
        ),
        None => (
            PathBuf::from(format!("content/frameworks/{id}.toml")),
            String::new(),
            true,
            format!(
                "{}# The framework {id}, imported from a workbook.\n\n",
                crate::schema::directive("frameworks")
            ),
        ),
    };
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| Failure::Message(format!("{} cannot be edited: {e}", rel.display())))?;
    let mut changes = Vec::new();
    sync_top(&mut doc, &top, &id, &mut changes);
    for (key, records) in &arrays {
        sync_array(&mut doc, key, records, &mut changes);
    }
    let any = creates || changes.iter().any(|c| c.kind != Kind::Unchanged);
    let text = if any { format!("{header}{doc}") } else { text };
    if any {
        super::check_with(&raw, today, &rel, &text)?;
    }
    Ok(Plan {
        path: root.join(&rel),
        file: rel,
        creates,
        changes,
        text,
    })
}

/// The framework's keys, its records sheet by sheet, and its id, as the workbook has them.
type Contents = (
    Vec<(String, Option<Value>)>,
    Vec<(&'static str, Vec<Record>)>,
    String,
);

fn read_book(file: &Path, shown: &str) -> Result<Contents, Failure> {
    let mut required = vec![FRAMEWORK_SHEET];
    required.extend(SHEETS.iter().map(|s| s.0));
    let expect = Expect {
        required: &required,
        optional: &[],
    };
    let book = workbook::open(file, shown, &expect).map_err(Failure::Workbook)?;
    if book.csv {
        return Err(Failure::Workbook(Problems::one(
            shown,
            "is a CSV file; a framework needs a workbook (.xlsx or .ods) with the sheets Framework, Scale, Domains and Dimensions",
        )));
    }
    let mut problems = Problems::new(shown);
    let grid = |name: &str| book.sheet(name);
    let top = grid(FRAMEWORK_SHEET).map(|g| top_keys(g, &mut problems));
    let mut arrays = Vec::new();
    for (sheet, key, columns) in SHEETS {
        if let Some(g) = grid(sheet) {
            arrays.push((key, records(g, columns, &mut problems)));
        }
    }
    let id = top
        .as_ref()
        .and_then(|t| t.iter().find(|(k, _)| k == "id"))
        .and_then(|(_, v)| v.as_ref()?.as_str().map(str::to_owned));
    if !problems.is_empty() {
        return Err(Failure::Workbook(problems));
    }
    let (Some(top), Some(id)) = (top, id) else {
        return Err(Failure::Workbook(Problems::one(
            shown,
            "the sheet Framework has no id; expected a row with id in column A and the framework's id in column B",
        )));
    };
    Ok((top, arrays, id))
}

fn cell_text(g: &Grid, r: u32, c: u32, problems: &mut Problems) -> String {
    match workbook::text(g.get(r, c)) {
        Ok(t) => t.trim().to_owned(),
        Err(e) => {
            problems.at(
                g.place(r, c),
                format!("shows the error {e}; type a value instead"),
            );
            String::new()
        }
    }
}

fn top_keys(g: &Grid, problems: &mut Problems) -> Vec<(String, Option<Value>)> {
    super::ratings::check_headers(g, &["Key", "Value"], problems);
    let mut out: Vec<(String, Option<Value>)> = Vec::new();
    for r in 1..g.height() {
        let key = cell_text(g, r, 0, problems);
        if key.is_empty() {
            continue;
        }
        if !KEYS.contains(&key.as_str()) {
            let candidates: Vec<(&str, &str)> = KEYS.iter().map(|k| (*k, *k)).collect();
            problems.at(
                g.place(r, 0),
                format!(
                    "\"{key}\" is not a key of a framework{}",
                    super::suggest::hint(&key, &candidates, &KEYS)
                ),
            );
            continue;
        }
        let text = cell_text(g, r, 1, problems);
        let value = match key.as_str() {
            _ if text.is_empty() => None,
            "example" => match text.to_lowercase().as_str() {
                "true" | "yes" => Some(Value::from(true)),
                "false" | "no" => Some(Value::from(false)),
                _ => {
                    problems.at(
                        g.place(r, 1),
                        format!("\"{text}\" is not yes or no; expected TRUE or FALSE"),
                    );
                    None
                }
            },
            "index" if text != "domains" && text != "dimensions" => {
                problems.at(
                    g.place(r, 1),
                    format!("\"{text}\" is not a roll-up; expected domains or dimensions"),
                );
                None
            }
            _ => Some(edit::string(&text)),
        };
        out.push((key, value));
    }
    out
}

fn records(g: &Grid, columns: &[&str], problems: &mut Problems) -> Vec<Record> {
    super::ratings::check_headers(g, columns, problems);
    let mut out: Vec<Record> = Vec::new();
    for r in 1..g.height() {
        let texts: Vec<String> = (0..columns.len() as u32)
            .map(|c| cell_text(g, r, c, problems))
            .collect();
        if texts.iter().all(String::is_empty) {
            continue;
        }
        if texts[0].is_empty() {
            problems.at(
                g.place(r, 0),
                "this row has no id; expected an id such as D1 in column A",
            );
            continue;
        }
        if let Some((_, _)) = out
            .iter()
            .find(|(id, _)| id.eq_ignore_ascii_case(&texts[0]))
        {
            problems.at(
                g.place(r, 0),
                format!(
                    "\"{}\" is listed twice; ids are unique, ignoring letter case",
                    texts[0]
                ),
            );
            continue;
        }
        let mut fields = Vec::new();
        for (c, title) in columns.iter().enumerate() {
            let key = title.to_lowercase();
            let text = &texts[c];
            let value = if text.is_empty() {
                None
            } else if key == "value" || key == "weight" {
                number(g.get(r, c as u32), text).or_else(|| {
                    problems.at(
                        g.place(r, c as u32),
                        format!("\"{text}\" is not a number; expected a number such as 50 or 1.5"),
                    );
                    None
                })
            } else {
                Some(edit::string(text))
            };
            fields.push((key, value));
        }
        out.push((texts[0].clone(), fields));
    }
    out
}

/// A number cell (or number text, from a CSV-like cell) as a TOML integer or float.
fn number(cell: &Data, text: &str) -> Option<Value> {
    let n = match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        _ => text.replace(',', ".").parse::<f64>().ok()?,
    };
    if !n.is_finite() {
        return None;
    }
    Some(if n.fract() == 0.0 && n.abs() < 1e15 {
        Value::from(n as i64)
    } else {
        Value::from(n)
    })
}

/// True when two values mean the same (whatever their quoting or number format).
fn same(a: &Value, b: &Value) -> bool {
    let num = |v: &Value| v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
    match (a.as_str(), b.as_str()) {
        (Some(x), Some(y)) => return x == y,
        (None, None) => {}
        _ => return false,
    }
    match (num(a), num(b)) {
        (Some(x), Some(y)) => return x == y,
        (None, None) => {}
        _ => return false,
    }
    a.as_bool() == b.as_bool() && a.as_bool().is_some()
}

/// Sets or removes the keys of a table; returns the keys that changed.
fn sync_fields(table: &mut Table, fields: &[(String, Option<Value>)]) -> Vec<String> {
    let mut changed = Vec::new();
    for (i, (key, value)) in fields.iter().enumerate() {
        let current = table.get(key).and_then(Item::as_value);
        match (current, value) {
            (Some(c), Some(v)) if same(c, v) => {}
            (None, None) => {}
            (_, Some(v)) => {
                let after: Vec<&str> = fields[..i].iter().map(|(k, _)| k.as_str()).collect();
                edit::set(table, key, v.clone(), &after);
                changed.push(key.clone());
            }
            (Some(_), None) => {
                edit::remove(table, key);
                changed.push(key.clone());
            }
        }
    }
    changed
}

fn sync_top(
    doc: &mut DocumentMut,
    top: &[(String, Option<Value>)],
    id: &str,
    changes: &mut Vec<Change>,
) {
    let (rollup, keys): (Vec<_>, Vec<_>) = top.iter().cloned().partition(|(k, _)| k == "index");
    let mut details = sync_fields(doc.as_table_mut(), &keys);
    if let Some((_, value)) = rollup.into_iter().next() {
        let root = doc.as_table_mut();
        if !root.contains_key("rollup") && value.is_some() {
            root.insert("rollup", Item::Table(Table::new()));
        }
        let changed = match root.get_mut("rollup") {
            Some(Item::Table(t)) => sync_fields(t, &[("index".to_owned(), value)]),
            // `rollup = { index = "…" }`, written inline.
            Some(Item::Value(Value::InlineTable(t))) => {
                let mut table = t.clone().into_table();
                let changed = sync_fields(&mut table, &[("index".to_owned(), value)]);
                if !changed.is_empty() {
                    let mut inline = table.into_inline_table();
                    inline.fmt();
                    *t = inline;
                }
                changed
            }
            _ => Vec::new(),
        };
        details.extend(changed.into_iter().map(|k| format!("rollup.{k}")));
    }
    changes.push(Change {
        what: "framework",
        id: id.to_owned(),
        kind: if details.is_empty() {
            Kind::Unchanged
        } else {
            Kind::Changed
        },
        details,
    });
}

fn sync_array(
    doc: &mut DocumentMut,
    key: &'static str,
    records: &[Record],
    changes: &mut Vec<Change>,
) {
    let root = doc.as_table_mut();
    if !root.contains_key(key) {
        root.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(array) = root.get_mut(key).and_then(Item::as_array_of_tables_mut) else {
        return;
    };
    let id_of = |t: &Table| t.get("id").and_then(Item::as_str).map(str::to_owned);
    let wanted: Vec<&str> = records.iter().map(|(id, _)| id.as_str()).collect();
    // Tables whose id is no longer in the workbook are removed.
    let removed: Vec<String> = array
        .iter()
        .filter_map(id_of)
        .filter(|id| !wanted.contains(&id.as_str()))
        .collect();
    array.retain(|t| id_of(t).is_some_and(|id| wanted.contains(&id.as_str())));
    for id in removed {
        changes.push(Change {
            what: key,
            id,
            kind: Kind::Removed,
            details: Vec::new(),
        });
    }
    for (id, fields) in records {
        let found = array
            .iter()
            .position(|t| id_of(t).as_deref() == Some(id.as_str()));
        let (index, kind) = match found {
            Some(i) => (i, Kind::Changed),
            None => {
                let mut table = Table::new();
                table.decor_mut().set_prefix("\n");
                array.push(table);
                (array.len() - 1, Kind::New)
            }
        };
        let Some(table) = array.get_mut(index) else {
            continue;
        };
        let details = sync_fields(table, fields);
        let kind = if kind == Kind::Changed && details.is_empty() {
            Kind::Unchanged
        } else {
            kind
        };
        changes.push(Change {
            what: key,
            id: id.clone(),
            kind,
            details: if kind == Kind::New {
                Vec::new()
            } else {
                details
            },
        });
    }
    reorder(array, key, &wanted, changes);
}

/// Puts the tables in the workbook's order when it differs (display order follows the workbook).
fn reorder(array: &mut ArrayOfTables, key: &str, wanted: &[&str], changes: &mut [Change]) {
    let id_of = |t: &Table| t.get("id").and_then(Item::as_str).map(str::to_owned);
    let order: Vec<String> = array.iter().filter_map(id_of).collect();
    if order.iter().map(String::as_str).ne(wanted.iter().copied()) {
        let mut tables: Vec<Table> = (0..array.len()).rev().map(|i| array.remove(i)).collect();
        tables.reverse();
        for id in wanted {
            if let Some(i) = tables.iter().position(|t| id_of(t).as_deref() == Some(*id)) {
                let mut t = tables.remove(i);
                t.set_position(None);
                array.push(t);
            }
        }
        for c in changes
            .iter_mut()
            .filter(|c| c.what == key && c.kind == Kind::Unchanged)
        {
            c.kind = Kind::Changed;
            c.details.push("order".to_owned());
        }
    }
}
