//! The texts a site marks as internal, read from its content files themselves (originals and
//! translations), so that a test can look for them in any output: pages, JSON, SVG, the search
//! index, and later the single-file HTML and the PDF.
//!
//! Texts are cut into fragments of plain words (letters and `, . ; : ! ?` only) of at least
//! [`MIN_FRAGMENT`] characters: ids, dates, numbers and typographic signs are written differently
//! in each output (linked, kept whole, escaped), and a short fragment ("IT KPI cockpit") could
//! stand in other, public text, so neither is looked for. A fragment that also stands in a text
//! the content does not mark (a note that repeats a sentence of a clause's remarks, "incidents
//! restored within target") is no sign of a leak and is dropped too. A fragment is found in an
//! output once its entities are decoded and its white space collapsed (see [`normalise`]).

use std::collections::BTreeSet;
use std::path::Path;

/// The shortest fragment looked for, in characters.
pub const MIN_FRAGMENT: usize = 24;

/// What an edition may leave out, as read from the content.
#[derive(Debug, Default)]
pub struct Internal {
    /// Fragments of the assessors' notes on ratings.
    pub assessor_notes: BTreeSet<String>,
    /// Fragments of improvement justifications.
    pub justifications: BTreeSet<String>,
    /// Fragments of the texts of everything marked `internal = true` (evidence titles, whole
    /// narratives).
    pub internal: BTreeSet<String>,
    /// The addresses of everything marked `internal = true`, looked for whole.
    pub internal_urls: BTreeSet<String>,
}

impl Internal {
    /// Every fragment and address, whatever its kind.
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.assessor_notes
            .iter()
            .chain(&self.justifications)
            .chain(&self.internal)
            .chain(&self.internal_urls)
    }
}

/// Reads the internal texts of the site at `root`, in every language it has files in.
pub fn collect(root: &Path) -> Internal {
    let mut out = Internal::default();
    let mut public = String::new();
    let content = root.join("content");
    for path in files(&content) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let rel = path.strip_prefix(&content).unwrap_or(&path);
        let folder = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => {
                let Ok(doc) = text.parse::<toml::Table>() else {
                    continue;
                };
                toml_texts(&doc, folder.as_deref(), &path, &mut out);
                public_texts(&toml::Value::Table(doc), None, &mut public);
            }
            Some("md") if !narrative(&path, &text, &mut out) => {
                public.push_str(&text);
                public.push('\n');
            }
            _ => {}
        }
    }
    let public = normalise(public.as_bytes());
    for set in [
        &mut out.assessor_notes,
        &mut out.justifications,
        &mut out.internal,
    ] {
        set.retain(|f| !public.contains(f.as_str()));
    }
    out
}

/// Every text of a TOML document an edition keeps: all but the notes of ratings, the
/// justifications and the tables marked `internal = true`.
fn public_texts(v: &toml::Value, key: Option<&str>, out: &mut String) {
    match v {
        toml::Value::String(s) if !matches!(key, Some("notes" | "justification")) => {
            out.push_str(s);
            out.push('\n');
        }
        toml::Value::Table(t) => {
            if t.get("internal").and_then(toml::Value::as_bool) == Some(true) {
                return;
            }
            // The notes of a clause's coverage are public; those of a rating are not.
            let rating = t.contains_key("dimension");
            for (k, x) in t {
                let k = if k == "notes" && !rating {
                    "remarks"
                } else {
                    k
                };
                public_texts(x, Some(k), out);
            }
        }
        toml::Value::Array(a) => a.iter().for_each(|x| public_texts(x, key, out)),
        _ => {}
    }
}

/// Every file below `dir`, in path order.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The notes of ratings, the justifications of improvements, and whatever is marked internal in
/// one TOML file. A translation (`x.cs.toml`) marks nothing itself: its entries are matched to
/// its original's, by id or by order, as qmsite matches them.
fn toml_texts(doc: &toml::Table, folder: Option<&str>, path: &Path, out: &mut Internal) {
    let original = original_of(path).and_then(|p| std::fs::read_to_string(p).ok());
    let original: Option<toml::Table> = original.and_then(|t| t.parse().ok());
    let marks = original.as_ref().unwrap_or(doc);
    if folder == Some("assessments") {
        for r in list(doc, "rating") {
            add(&mut out.assessor_notes, text(r, "notes"));
        }
    }
    if folder == Some("improvements") {
        for i in list(doc, "improvement") {
            add(&mut out.justifications, text(i, "justification"));
        }
    }
    marked(
        &toml::Value::Table(marks.clone()),
        &toml::Value::Table(doc.clone()),
        out,
    );
}

/// Walks an original and the same document (itself, or its translation) side by side, and
/// collects the texts of every table the original marks `internal = true`.
fn marked(original: &toml::Value, same: &toml::Value, out: &mut Internal) {
    match (original, same) {
        (toml::Value::Table(o), toml::Value::Table(s)) => {
            if o.get("internal").and_then(toml::Value::as_bool) == Some(true) {
                for v in s.values().chain(o.values()) {
                    if let Some(t) = v.as_str() {
                        if t.contains("://") {
                            out.internal_urls.insert(t.to_owned());
                        } else {
                            add(&mut out.internal, t);
                        }
                    }
                }
            }
            for (k, v) in o {
                if let Some(w) = s.get(k) {
                    marked(v, w, out);
                }
            }
        }
        (toml::Value::Array(o), toml::Value::Array(s)) => {
            let id = |v: &toml::Value| v.get("id").and_then(toml::Value::as_str).map(str::to_owned);
            for (n, v) in o.iter().enumerate() {
                let w = match id(v) {
                    Some(i) => s.iter().find(|w| id(w).as_deref() == Some(i.as_str())),
                    None => s.get(n),
                };
                if let Some(w) = w {
                    marked(v, w, out);
                }
            }
        }
        _ => {}
    }
}

/// The whole text of a narrative whose front matter (or its original's) says `internal = true`;
/// false when the narrative is not internal.
fn narrative(path: &Path, text: &str, out: &mut Internal) -> bool {
    let front = |t: &str| -> Option<toml::Table> {
        let rest = t.strip_prefix("+++\n")?;
        let end = rest.find("\n+++")?;
        rest[..end].parse().ok()
    };
    let own = front(text);
    let original = original_of(path)
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| front(&t));
    let internal = original
        .as_ref()
        .or(own.as_ref())
        .and_then(|f| f.get("internal"))
        .and_then(toml::Value::as_bool)
        == Some(true);
    if internal {
        let body = text
            .strip_prefix("+++\n")
            .and_then(|r| r.find("\n+++").map(|e| &r[e + 4..]))
            .unwrap_or(text);
        add(&mut out.internal, body);
    }
    internal
}

/// The file a translation translates (`findings.cs.md` → `findings.md`), when it is there.
fn original_of(path: &Path) -> Option<std::path::PathBuf> {
    let ext = path.extension()?.to_str()?;
    let stem = Path::new(path.file_stem()?);
    let language = stem.extension()?.to_str()?;
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let original = path.with_file_name(format!("{}.{ext}", stem.file_stem()?.to_str()?));
    original.is_file().then_some(original)
}

fn list<'a>(doc: &'a toml::Table, key: &str) -> impl Iterator<Item = &'a toml::Value> {
    doc.get(key)
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
}

fn text<'a>(v: &'a toml::Value, key: &str) -> &'a str {
    v.get(key).and_then(toml::Value::as_str).unwrap_or("")
}

/// Adds the long enough fragments of plain words of `text`.
fn add(set: &mut BTreeSet<String>, text: &str) {
    set.extend(fragments(text));
}

/// The runs of plain words of a text (see the module's notes) of [`MIN_FRAGMENT`] characters or
/// more.
pub fn fragments(text: &str) -> Vec<String> {
    let plain = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?'))
    };
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        let joined = run.join(" ");
        // Trailing punctuation may be followed by a link or a tag in the output.
        let joined = joined.trim_matches(|c: char| !c.is_alphabetic()).to_owned();
        if joined.chars().count() >= MIN_FRAGMENT {
            out.push(joined);
        }
        run.clear();
    };
    for word in text.split_whitespace() {
        if plain(word) {
            run.push(word);
        } else {
            flush(&mut run);
        }
    }
    flush(&mut run);
    out
}

/// An output file's text as a reader's eyes meet it: HTML entities decoded, JSON escapes of
/// quotes undone, white space collapsed.
pub fn normalise(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes)
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("\\n", " ")
        .replace("\\\"", "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fragments and addresses of `internal` found in a file's bytes.
pub fn found_in<'a>(internal: impl Iterator<Item = &'a String>, bytes: &[u8]) -> Vec<&'a String> {
    let text = normalise(bytes);
    let raw = String::from_utf8_lossy(bytes);
    internal
        .filter(|f| text.contains(f.as_str()) || raw.contains(f.as_str()))
        .collect()
}
