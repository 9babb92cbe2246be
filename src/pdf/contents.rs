//! Real page numbers in the report's table of contents.
//!
//! The theme's contents follow one markup contract: each entry holds
//! `<span class="toc-page" data-toc-for="ID">`, and the page has an element with that id (the
//! section's heading). The report is printed once; the page on which each id starts is read
//! from the PDF; the numbers are written into the spans and the report printed again, until a
//! print shows every id on the page its entry says.
//!
//! Where an id starts is read from the PDF's named destinations. Chromium writes one for every
//! element a link of the page points to (`<a href="#r-summary">` gives the destination
//! `r-summary`), at the top of the element's first box: the contents' own links make one for
//! each target. A destination is an array whose first element is the page object, and the
//! page's position in the page tree is its number, the cover being page 1. Both forms are read:
//! the catalog's `/Dests` dictionary (what Chromium writes) and the `/Names` → `/Dests` name
//! tree. Link annotations and the outline would name fewer places (the outline holds headings
//! only, by title), so neither is used.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Prints at most this many times before giving up: a layout in which writing the numbers
/// keeps moving sections to other pages does not settle.
pub const MAX_PRINTS: usize = 4;

/// The script that lists the ids the contents give page numbers for, as a JSON array.
pub const TARGETS_JS: &str = "JSON.stringify(Array.from(document.querySelectorAll('.toc-page[data-toc-for]'), s => s.dataset.tocFor))";

/// The script that lists the ids the contents name but the page does not have, as a JSON array.
pub const MISSING_JS: &str = "JSON.stringify(Array.from(document.querySelectorAll('.toc-page[data-toc-for]'), s => s.dataset.tocFor).filter(id => !document.getElementById(id)))";

/// The script that writes the page numbers into the contents' spans.
pub fn fill_js(pages: &BTreeMap<String, u32>) -> String {
    let numbers: BTreeMap<&str, String> = pages
        .iter()
        .map(|(id, n)| (id.as_str(), n.to_string()))
        .collect();
    let json = serde_json::to_string(&numbers).unwrap_or_else(|_| "{}".to_owned());
    format!(
        "(() => {{ const pages = {json}; document.querySelectorAll('.toc-page[data-toc-for]').forEach(s => {{ s.textContent = pages[s.dataset.tocFor] || ''; }}); return true; }})()"
    )
}

/// The number of the page on which each named destination lies.
pub fn destination_pages(doc: &Document) -> BTreeMap<String, u32> {
    let numbers: HashMap<ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let mut out = BTreeMap::new();
    let Ok(catalog) = doc.catalog() else {
        return out;
    };
    if let Some(dests) = dictionary(doc, catalog.get(b"Dests").ok()) {
        for (name, value) in dests.iter() {
            if let Some(page) = destination_page(doc, value, &numbers, 0) {
                out.insert(String::from_utf8_lossy(name).into_owned(), page);
            }
        }
    }
    let names = dictionary(doc, catalog.get(b"Names").ok());
    if let Some(tree) = names.and_then(|n| dictionary(doc, n.get(b"Dests").ok())) {
        let mut seen = HashSet::new();
        name_tree(doc, tree, &numbers, &mut out, &mut seen);
    }
    out
}

/// The dictionary an object is, or refers to.
fn dictionary<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Dictionary> {
    match doc.dereference(object?).ok()?.1 {
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// The page number of a destination: `[page /XYZ …]`, or a dictionary holding it under `/D`.
fn destination_page(
    doc: &Document,
    value: &Object,
    numbers: &HashMap<ObjectId, u32>,
    depth: usize,
) -> Option<u32> {
    match doc.dereference(value).ok()?.1 {
        Object::Array(a) => match a.first()? {
            Object::Reference(page) => numbers.get(page).copied(),
            _ => None,
        },
        Object::Dictionary(d) if depth < 4 => {
            destination_page(doc, d.get(b"D").ok()?, numbers, depth + 1)
        }
        _ => None,
    }
}

/// Walks a name tree of destinations (`/Names [key value …]` in leaves, `/Kids` above them).
fn name_tree(
    doc: &Document,
    node: &Dictionary,
    numbers: &HashMap<ObjectId, u32>,
    out: &mut BTreeMap<String, u32>,
    seen: &mut HashSet<ObjectId>,
) {
    if let Ok(Object::Array(pairs)) = node
        .get(b"Names")
        .map(|o| doc.dereference(o).map(|r| r.1))
        .and_then(|r| r)
    {
        for pair in pairs.chunks(2) {
            if let [Object::String(key, _), value] = pair
                && let Some(page) = destination_page(doc, value, numbers, 0)
            {
                out.insert(String::from_utf8_lossy(key).into_owned(), page);
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids") {
        for kid in kids {
            if let Object::Reference(id) = kid
                && seen.insert(*id)
                && let Some(d) = dictionary(doc, Some(kid))
            {
                name_tree(doc, d, numbers, out, seen);
            }
        }
    }
}

/// Prints until the page numbers written into the contents are the pages the targets start on.
///
/// `print` prints and reads where each destination lies; `fill` writes page numbers into the
/// contents. Returns the last print and the settled numbers. Every target must have a page:
/// a number the contents cannot be sure of is an error, never a wrong number.
pub fn settle<P, F>(
    targets: &[String],
    mut print: P,
    mut fill: F,
) -> Result<(Vec<u8>, BTreeMap<String, u32>), String>
where
    P: FnMut() -> Result<(Vec<u8>, BTreeMap<String, u32>), String>,
    F: FnMut(&BTreeMap<String, u32>) -> Result<(), String>,
{
    let mut written: Option<BTreeMap<String, u32>> = None;
    let mut last_moved = Vec::new();
    for _ in 0..MAX_PRINTS {
        let (pdf, found) = print()?;
        if targets.is_empty() {
            return Ok((pdf, BTreeMap::new()));
        }
        let mut pages = BTreeMap::new();
        for id in targets {
            let page = found.get(id).ok_or_else(|| {
                format!("the printed report has no place for the contents' entry \"#{id}\", so its page number is unknown")
            })?;
            pages.insert(id.clone(), *page);
        }
        if written.as_ref() == Some(&pages) {
            return Ok((pdf, pages));
        }
        if let Some(before) = &written {
            last_moved = pages
                .iter()
                .filter(|(id, n)| before.get(*id) != Some(n))
                .map(|(id, n)| format!("#{id} (page {n})"))
                .collect();
        }
        fill(&pages)?;
        written = Some(pages);
    }
    Err(format!(
        "the contents' page numbers did not settle after {MAX_PRINTS} prints: writing them moved {} to another page",
        last_moved.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A PDF of `pages` empty pages with named destinations at the given (1-based) pages, in
    /// the catalog's `/Dests` dictionary or in a `/Names` tree.
    fn pdf_with(pages: u32, dests: &[(&str, u32)], tree: bool) -> Document {
        let mut doc = Document::with_version("1.4");
        let tree_id = doc.new_object_id();
        let ids: Vec<ObjectId> = (0..pages)
            .map(|_| {
                doc.add_object(dictionary! { "Type" => "Page", "Parent" => tree_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] })
            })
            .collect();
        let kids: Vec<Object> = ids.iter().map(|id| Object::Reference(*id)).collect();
        doc.objects.insert(
            tree_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => i64::from(pages) },
            ),
        );
        let dest = |page: u32| -> Object {
            vec![
                Object::Reference(ids[page as usize - 1]),
                "XYZ".into(),
                0.into(),
                700.into(),
                0.into(),
            ]
            .into()
        };
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => tree_id };
        if tree {
            let mut names = Vec::new();
            for (name, page) in dests {
                names.push(Object::string_literal(*name));
                names.push(dest(*page));
            }
            let leaf = doc.add_object(dictionary! { "Names" => names });
            let root = doc.add_object(dictionary! { "Kids" => vec![Object::Reference(leaf)] });
            catalog.set("Names", dictionary! { "Dests" => root });
        } else {
            let mut d = Dictionary::new();
            for (name, page) in dests {
                d.set(*name, dest(*page));
            }
            catalog.set("Dests", doc.add_object(d));
        }
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", catalog);
        doc
    }

    #[test]
    fn destinations_give_the_page_counting_the_cover_as_one() {
        for tree in [false, true] {
            let doc = pdf_with(5, &[("r-summary", 1), ("r-method", 3), ("r-iso", 5)], tree);
            let pages = destination_pages(&doc);
            assert_eq!(pages.get("r-summary"), Some(&1), "{tree}");
            assert_eq!(pages.get("r-method"), Some(&3), "{tree}");
            assert_eq!(pages.get("r-iso"), Some(&5), "{tree}");
        }
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn map(list: &[(&str, u32)]) -> BTreeMap<String, u32> {
        list.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    }

    #[test]
    fn numbers_are_written_until_a_print_confirms_them() {
        // Writing the numbers pushes the second section one page on, once.
        let layouts = [
            map(&[("a", 2), ("b", 3)]),
            map(&[("a", 2), ("b", 4)]),
            map(&[("a", 2), ("b", 4)]),
        ];
        let mut prints = 0;
        let mut filled = Vec::new();
        let (_, pages) = settle(
            &ids(&["a", "b"]),
            || {
                prints += 1;
                Ok((vec![], layouts[prints - 1].clone()))
            },
            |p| {
                filled.push(p.clone());
                Ok(())
            },
        )
        .expect("settles");
        assert_eq!(pages, map(&[("a", 2), ("b", 4)]));
        assert_eq!(prints, 3);
        assert_eq!(filled, vec![layouts[0].clone(), layouts[1].clone()]);
    }

    #[test]
    fn numbers_that_never_settle_or_a_target_without_a_place_are_errors() {
        let mut flip = 0;
        let e = settle(
            &ids(&["a", "b"]),
            || {
                flip += 1;
                Ok((vec![], map(&[("a", 2), ("b", 3 + flip % 2)])))
            },
            |_| Ok(()),
        )
        .expect_err("never settles");
        assert!(e.contains("did not settle"), "{e}");
        assert!(e.contains("#b"), "{e}");
        let e = settle(
            &ids(&["a", "gone"]),
            || Ok((vec![], map(&[("a", 2)]))),
            |_| Ok(()),
        )
        .expect_err("no place");
        assert!(e.contains("#gone"), "{e}");
        // Without contents, one print is enough.
        let mut prints = 0;
        settle(
            &[],
            || {
                prints += 1;
                Ok((vec![1], BTreeMap::new()))
            },
            |_| Err("not called".to_owned()),
        )
        .expect("printed");
        assert_eq!(prints, 1);
    }

    #[test]
    fn the_fill_script_carries_every_number_as_text() {
        let js = fill_js(&map(&[("r-summary", 2), ("r-iso", 17)]));
        assert!(js.contains(r#"{"r-iso":"17","r-summary":"2"}"#), "{js}");
        assert!(js.contains(".toc-page[data-toc-for]"));
    }
}
