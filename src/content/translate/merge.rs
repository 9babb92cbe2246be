//! Laying one translation over its original's document: texts replaced, lists of tables matched
//! by id (or order), and every key that is not wording refused at its place.

use std::path::Path;

use toml_edit::{Item, TableLike};

use super::{entries, is_wording, key_shape, translatable};
use crate::content::shape::{Kind, Shape};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, SourceFile, codes};

/// What a translation may hold, for messages.
const ONLY_WORDING: &str = "only names, titles, descriptions, notes and labels; ids, numbers, dates, levels, addresses, references and peers' sectors stay in the file itself";

/// Merges one translation into its original's document.
pub(super) struct Merge<'a> {
    pub(super) source: &'a SourceFile,
    pub(super) original: &'a Path,
    pub(super) translated: usize,
    pub(super) diags: &'a mut Diagnostics,
}

impl Merge<'_> {
    fn problem(&mut self, at: Option<std::ops::Range<usize>>, message: String, expected: &str) {
        self.diags.push(
            Diagnostic::at(Severity::Error, self.source, at.unwrap_or(0..0), message)
                .expected(expected.to_owned())
                .code(&codes::TRANSLATION),
        );
    }

    pub(super) fn table(&mut self, orig: &mut dyn TableLike, tr: &dyn TableLike, shape: &Shape) {
        for (k, item) in tr.iter() {
            let at = tr.key(k).and_then(|key| key.span()).or_else(|| item.span());
            let (Some(key_shape), Some(target)) = (key_shape(shape, k), orig.get_mut(k)) else {
                let file = self.original.display().to_string();
                self.problem(
                    at,
                    format!("`{k}` is not a key of {file}, so there is nothing to translate"),
                    "only keys the file it translates has",
                );
                continue;
            };
            if !translatable(key_shape, k) && same_value(target, item) {
                // A value copied unchanged from the original (an id, a number): nothing to do.
                continue;
            }
            self.item(target, item, key_shape, k, at);
        }
    }

    fn item(
        &mut self,
        target: &mut Item,
        tr: &Item,
        shape: &Shape,
        k: &str,
        at: Option<std::ops::Range<usize>>,
    ) {
        if translatable(shape, k) {
            match (tr.as_str(), target.as_str()) {
                (Some(text), Some(_)) => {
                    *target = toml_edit::value(text);
                    self.translated += usize::from(is_wording(text));
                }
                _ => self.problem(
                    tr.span().or(at),
                    format!(
                        "`{k}` must be a text here, as in {}",
                        self.original.display()
                    ),
                    "the translated text in quotes",
                ),
            }
            return;
        }
        match &shape.kind {
            Kind::Table { .. } => match (target.as_table_like_mut(), tr.as_table_like()) {
                (Some(o), Some(t)) => self.table(o, t, shape),
                _ => self.problem(
                    at,
                    format!(
                        "`{k}` must be a table here, as in {}",
                        self.original.display()
                    ),
                    "the table's translated texts",
                ),
            },
            Kind::List { items, .. } => self.list(target, tr, items, k, at),
            _ => self.not_wording(k, at),
        }
    }

    /// A key whose value is not wording: it must stay as the original says.
    fn not_wording(&mut self, k: &str, at: Option<std::ops::Range<usize>>) {
        let file = self.original.display().to_string();
        self.problem(
            at,
            format!("`{k}` is not a text readers see, so it stays as {file} says"),
            ONLY_WORDING,
        );
    }

    /// A list of texts, replaced whole: one translation for each text, in the same order.
    fn texts(&mut self, target: &mut Item, tr: &Item, k: &str, at: Option<std::ops::Range<usize>>) {
        let theirs = entries(tr);
        let ours = entries(target);
        if theirs.len() != ours.len() || theirs.iter().any(|e| e.as_str().is_none()) {
            self.problem(
                tr.span().or(at),
                format!(
                    "`{k}` must list {} texts, one for each of {}",
                    ours.len(),
                    self.original.display()
                ),
                "the list's texts translated, in the same order",
            );
            return;
        }
        *target = tr.clone();
        self.translated += theirs
            .iter()
            .filter_map(Item::as_str)
            .filter(|s| is_wording(s))
            .count();
    }

    /// A list: texts replaced one for one; tables matched by id, or by order when they have none.
    fn list(
        &mut self,
        target: &mut Item,
        tr: &Item,
        items: &Shape,
        k: &str,
        at: Option<std::ops::Range<usize>>,
    ) {
        if translatable(items, k) {
            self.texts(target, tr, k, at);
            return;
        }
        if !matches!(items.kind, Kind::Table { .. }) {
            self.not_wording(k, at);
            return;
        }
        let theirs = entries(tr);
        let ours = entries(target);
        let key = entry_key(items);
        let id_of = |e: &Item| e.get(key).and_then(Item::as_str).map(str::to_owned);
        let ids: Vec<Option<String>> = ours.iter().map(id_of).collect();
        let mut merged = ours.clone();
        for (n, entry) in theirs.iter().enumerate() {
            let span = entry.span().or(at.clone());
            let index = match id_of(entry) {
                Some(id) => ids.iter().position(|o| o.as_deref() == Some(id.as_str())),
                None if ids.iter().all(Option::is_none) => (n < ours.len()).then_some(n),
                None => {
                    self.problem(
                        span,
                        format!(
                            "an entry of `{k}` has no {key}, so it is not clear which it translates"
                        ),
                        &format!("{key} = \"…\" of the entry it translates, as in the original"),
                    );
                    continue;
                }
            };
            let Some(index) = index else {
                let name = id_of(entry).unwrap_or_else(|| format!("number {}", n + 1));
                self.problem(
                    span,
                    format!("`{k}` of {} has no entry {name}", self.original.display()),
                    &format!("the {key} of an entry the original has"),
                );
                continue;
            };
            let (Some(o), Some(t)) = (merged[index].as_table_like_mut(), entry.as_table_like())
            else {
                continue;
            };
            let mut without_id = t.iter().filter(|(k, _)| *k != key).peekable();
            if without_id.peek().is_none() {
                continue;
            }
            self.table(o, t, items);
        }
        write_entries(target, merged);
    }
}

/// The key that names an entry of a list of tables: its `id`, or its `name` when the name is a
/// name rather than wording (an edition's, which names a folder and is never translated).
fn entry_key(items: &Shape) -> &'static str {
    match key_shape(items, "name") {
        Some(name) if key_shape(items, "id").is_none() && !translatable(name, "name") => "name",
        _ => "id",
    }
}

/// Whether two items are the same plain value, however they are written (spacing, quotes).
fn same_value(a: &Item, b: &Item) -> bool {
    let read = |i: &Item| {
        let v = i.as_value()?;
        toml::from_str::<toml::Table>(&format!("v = {}", v.clone().decorated("", ""))).ok()
    };
    matches!((read(a), read(b)), (Some(x), Some(y)) if x == y)
}

/// Puts merged entries back in the list's own form (`[[tables]]` or an inline array).
fn write_entries(target: &mut Item, merged: Vec<Item>) {
    match target {
        Item::ArrayOfTables(a) => {
            for (slot, entry) in a.iter_mut().zip(merged) {
                if let Item::Table(t) = entry {
                    *slot = t;
                }
            }
        }
        Item::Value(toml_edit::Value::Array(a)) => {
            for (slot, entry) in a.iter_mut().zip(merged) {
                if let Item::Value(v) = entry {
                    *slot = v;
                }
            }
        }
        _ => {}
    }
}
