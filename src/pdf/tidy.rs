//! Makes the printed PDF the same bytes for the same site, and free of this machine's paths.
//!
//! Two prints of one page by Chromium differ in two places besides the clock (which
//! [`super::metadata`] removes): the tagged structure names table cells by the browser's DOM
//! node numbers (`/ID (node00000115)`, referred to by header cells' `/Headers` and listed in
//! the structure tree's `/IDTree`), which count every node the browser ever made; and links to
//! the site's other pages point into the folder the page was printed from
//! (`file:///…/.qmsite-cache/pdf/site-…/improvements.html`). The node names are numbered again
//! in the order of the objects that carry them, and the links are made to point at the
//! published site (`base_url`), or relative to the site root when it has none. The file's
//! identifier is then a hash of its bytes.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

/// Numbers the structure elements' `/ID`s again in object order (`node00000001`, …) and
/// rewrites the `/Headers` that name them and the structure tree's `/IDTree`.
pub fn renumber_structure_ids(doc: &mut Document) {
    let mut names: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
    for object in doc.objects.values() {
        if let Object::Dictionary(d) = object
            && is_struct_elem(d)
            && let Ok(Object::String(id, _)) = d.get(b"ID")
        {
            let next = format!("node{:08}", names.len() + 1).into_bytes();
            names.entry(id.clone()).or_insert(next);
        }
    }
    if names.is_empty() {
        return;
    }
    for object in doc.objects.values_mut() {
        let Object::Dictionary(d) = object else {
            continue;
        };
        if !is_struct_elem(d) {
            continue;
        }
        if let Ok(Object::String(id, _)) = d.get_mut(b"ID") {
            rename(id, &names);
        }
        match d.get_mut(b"A") {
            Ok(Object::Dictionary(a)) => rename_headers(a, &names),
            Ok(Object::Array(list)) => {
                for item in list {
                    if let Object::Dictionary(a) = item {
                        rename_headers(a, &names);
                    }
                }
            }
            _ => {}
        }
    }
    rebuild_id_tree(doc, &names);
}

fn is_struct_elem(d: &Dictionary) -> bool {
    d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"StructElem".as_slice())
}

fn rename(id: &mut Vec<u8>, names: &BTreeMap<Vec<u8>, Vec<u8>>) {
    if let Some(new) = names.get(id) {
        id.clone_from(new);
    }
}

fn rename_headers(attributes: &mut Dictionary, names: &BTreeMap<Vec<u8>, Vec<u8>>) {
    if let Ok(Object::Array(headers)) = attributes.get_mut(b"Headers") {
        for h in headers {
            if let Object::String(id, _) = h {
                rename(id, names);
            }
        }
    }
}

/// Writes the structure tree's `/IDTree` again as one leaf, its keys renamed and in order.
fn rebuild_id_tree(doc: &mut Document, names: &BTreeMap<Vec<u8>, Vec<u8>>) {
    let Some(root) = id_tree_root(doc) else {
        return;
    };
    let mut entries = BTreeMap::new();
    let mut nodes = Vec::new();
    let mut todo = vec![root];
    while let Some(id) = todo.pop() {
        if nodes.contains(&id) {
            continue;
        }
        nodes.push(id);
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        if let Ok(Object::Array(pairs)) = node.get(b"Names") {
            for pair in pairs.chunks(2) {
                if let [Object::String(key, _), value] = pair {
                    let key = names.get(key).unwrap_or(key).clone();
                    entries.insert(key, value.clone());
                }
            }
        }
        if let Ok(Object::Array(kids)) = node.get(b"Kids") {
            todo.extend(kids.iter().filter_map(|k| k.as_reference().ok()));
        }
    }
    for id in nodes.iter().filter(|id| **id != root) {
        doc.objects.remove(id);
    }
    let flat: Vec<Object> = entries
        .into_iter()
        .flat_map(|(k, v)| [Object::String(k, StringFormat::Literal), v])
        .collect();
    let mut leaf = Dictionary::new();
    leaf.set("Names", flat);
    doc.objects.insert(root, Object::Dictionary(leaf));
}

fn id_tree_root(doc: &Document) -> Option<ObjectId> {
    let tree = doc.catalog().ok()?.get(b"StructTreeRoot").ok()?;
    let (_, tree) = doc.dereference(tree).ok()?;
    tree.as_dict()
        .ok()?
        .get(b"IDTree")
        .ok()?
        .as_reference()
        .ok()
}

/// Points links into the printed folder (`root_url`…) at the published site: `base_url`
/// followed by the page's path, or the path alone when the site has no `base_url`.
pub fn rewrite_links(doc: &mut Document, root_url: &str, base_url: &str) {
    let base = if base_url.is_empty() || base_url.ends_with('/') {
        base_url.to_owned()
    } else {
        format!("{base_url}/")
    };
    for object in doc.objects.values_mut() {
        let Object::Dictionary(d) = object else {
            continue;
        };
        let action = match d.get_mut(b"A") {
            Ok(Object::Dictionary(a)) => a,
            _ => d,
        };
        if let Ok(Object::String(uri, _)) = action.get_mut(b"URI")
            && let Some(rest) = uri.strip_prefix(root_url.as_bytes())
        {
            let mut new = base.clone().into_bytes();
            new.extend_from_slice(rest);
            *uri = new;
        }
    }
}

/// The document's bytes, with an identifier made from them (the same file, the same id).
pub fn save(doc: &mut Document) -> Result<Vec<u8>, String> {
    doc.trailer.remove(b"ID");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| format!("cannot write the PDF: {e}"))?;
    let hash = Sha256::digest(&bytes);
    let id = Object::String(hash[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    bytes.clear();
    doc.save_to(&mut bytes)
        .map_err(|e| format!("cannot write the PDF: {e}"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn elem(doc: &mut Document, id: &str, headers: &[&str]) -> ObjectId {
        let headers: Vec<Object> = headers.iter().map(|h| Object::string_literal(*h)).collect();
        doc.add_object(dictionary! {
            "Type" => "StructElem",
            "S" => "TD",
            "ID" => Object::string_literal(id),
            "A" => vec![Object::Dictionary(dictionary! { "O" => "Table", "Headers" => headers })],
        })
    }

    fn string(doc: &Document, id: ObjectId, key: &[u8]) -> String {
        let d = doc.get_dictionary(id).expect("dict");
        String::from_utf8_lossy(d.get(key).and_then(Object::as_str).expect("string")).into_owned()
    }

    #[test]
    fn structure_ids_are_numbered_in_object_order_and_the_tree_sorted() {
        let mut doc = Document::with_version("1.4");
        let a = elem(&mut doc, "node00000917", &[]);
        let b = elem(&mut doc, "node00000115", &["node00000917"]);
        let kid = doc.add_object(dictionary! { "Names" => vec![Object::string_literal("node00000917"), a.into(), Object::string_literal("node00000115"), b.into()] });
        let tree = doc.add_object(dictionary! { "Kids" => vec![kid.into()] });
        let root = doc.add_object(dictionary! { "Type" => "StructTreeRoot", "IDTree" => tree });
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "StructTreeRoot" => root });
        doc.trailer.set("Root", catalog);
        renumber_structure_ids(&mut doc);
        assert_eq!(string(&doc, a, b"ID"), "node00000001");
        assert_eq!(string(&doc, b, b"ID"), "node00000002");
        let attrs = doc.get_dictionary(b).expect("b").get(b"A").expect("A");
        let header = &attrs.as_array().expect("list")[0]
            .as_dict()
            .expect("attributes")
            .get(b"Headers")
            .expect("headers")
            .as_array()
            .expect("array")[0];
        assert_eq!(header.as_str().ok(), Some(b"node00000001".as_slice()));
        let names = doc
            .get_dictionary(tree)
            .expect("tree")
            .get(b"Names")
            .expect("leaf");
        let names = names.as_array().expect("array");
        assert_eq!(names[0].as_str().ok(), Some(b"node00000001".as_slice()));
        assert_eq!(names[1].as_reference().ok(), Some(a));
        assert!(doc.get_object(kid).is_err(), "the old leaf is gone");
    }

    #[test]
    fn links_into_the_printed_folder_point_at_the_published_site() {
        let mut doc = Document::with_version("1.4");
        let uri = |u: &str| dictionary! { "S" => "URI", "URI" => Object::string_literal(u) };
        let inner = doc.add_object(dictionary! { "Subtype" => "Link", "A" => uri("file:///x/site-1/cs/improvements.html#imp-1") });
        let outer = doc.add_object(
            dictionary! { "Subtype" => "Link", "A" => uri("https://intranet.example/a.pdf") },
        );
        let mut relative = doc.clone();
        rewrite_links(&mut doc, "file:///x/site-1/", "https://qm.example/it");
        let a = |doc: &Document, id| {
            let d = doc.get_dictionary(id).expect("annot");
            let a = d.get(b"A").and_then(Object::as_dict).expect("action");
            String::from_utf8_lossy(a.get(b"URI").and_then(Object::as_str).expect("uri"))
                .into_owned()
        };
        assert_eq!(
            a(&doc, inner),
            "https://qm.example/it/cs/improvements.html#imp-1"
        );
        assert_eq!(a(&doc, outer), "https://intranet.example/a.pdf");
        rewrite_links(&mut relative, "file:///x/site-1/", "");
        assert_eq!(a(&relative, inner), "cs/improvements.html#imp-1");
    }

    #[test]
    fn the_identifier_comes_from_the_bytes() {
        let mut doc = Document::with_version("1.4");
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog" });
        doc.trailer.set("Root", catalog);
        let mut again = doc.clone();
        let first = save(&mut doc).expect("saved");
        assert_eq!(first, save(&mut again).expect("saved"));
        assert!(doc.trailer.get(b"ID").is_ok());
    }
}
