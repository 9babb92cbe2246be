//! Small edits of a TOML document that keep everything else as written: a value replaced keeps
//! the comment after it, a key added goes where a person would put it, and long text is written
//! the way the example files write it (a multi-line string wrapped with line-ending backslashes).

use toml_edit::{Item, Table, Value};

/// Width at which long strings are wrapped.
const WRAP: usize = 96;

/// Sets `key` to a value, keeping the old value's surrounding spaces and comment. A new key goes
/// after `after` (the last of those keys present), or at the end.
pub fn set(table: &mut Table, key: &str, mut value: Value, after: &[&str]) {
    if let Some(Item::Value(old)) = table.get_mut(key) {
        *value.decor_mut() = old.decor().clone();
        *old = value;
        return;
    }
    value.decor_mut().set_prefix(" ");
    value.decor_mut().set_suffix("");
    let anchor = after
        .iter()
        .rev()
        .find_map(|k| table.get_key_value(k).map(|(key, _)| key.get().to_owned()));
    let Some(anchor) = anchor else {
        table.insert(key, Item::Value(value));
        return;
    };
    // Keys after the anchor are taken out and put back after the new one, with their formatting.
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
    let split = keys
        .iter()
        .position(|k| *k == anchor)
        .map_or(keys.len(), |i| i + 1);
    let moved: Vec<_> = keys[split..]
        .iter()
        .filter_map(|k| table.remove_entry(k))
        .collect();
    table.insert(key, Item::Value(value));
    for (k, item) in moved {
        table.insert_formatted(&k, item);
    }
}

/// Removes a key; comment lines written above it move to the key after it, so no comment is lost.
pub fn remove(table: &mut Table, key: &str) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
    let Some(at) = keys.iter().position(|k| k == key) else {
        return;
    };
    let comments = table
        .key(key)
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .filter(|p| p.contains('#'))
        .map(str::to_owned);
    table.remove(key);
    if let (Some(comments), Some(next)) = (comments, keys.get(at + 1))
        && let Some(mut next) = table.key_mut(next)
    {
        let old = next
            .leaf_decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_owned();
        next.leaf_decor_mut().set_prefix(format!("{comments}{old}"));
    }
}

/// A TOML string: a plain quoted string when short and on one line, else a multi-line string
/// wrapped at spaces with line-ending backslashes (which TOML reads as nothing), so the value
/// read back is exactly `text`.
pub fn string(text: &str) -> Value {
    if !text.contains('\n') && text.chars().count() <= WRAP - 10 {
        return Value::from(text);
    }
    let mut repr = String::from("\"\"\"\n");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            repr.push('\n');
        }
        wrap_into(&mut repr, &escape(line));
    }
    repr.push_str("\"\"\"");
    match repr.parse::<Value>() {
        Ok(v) if v.as_str() == Some(text) => v,
        _ => Value::from(text),
    }
}

/// Escapes a line for a multi-line basic string: backslashes, quotes and control characters.
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Appends an escaped line, breaking it after a space when it runs past [`WRAP`]: the part
/// before ends with ` \`, and the next part starts with a character that is not a space, so
/// TOML's line-ending backslash drops only the break.
fn wrap_into(out: &mut String, line: &str) {
    let mut rest = line;
    while rest.chars().count() > WRAP {
        let limit = rest.char_indices().nth(WRAP).map_or(rest.len(), |(i, _)| i);
        let bytes = rest.as_bytes();
        let cut = (1..limit).rev().find(|&i| {
            bytes[i - 1] == b' '
                && !matches!(bytes[i], b' ' | b'\t')
                && rest.is_char_boundary(i)
                && !rest[..i - 1].ends_with(' ')
        });
        let Some(cut) = cut else { break };
        out.push_str(&rest[..cut]);
        out.push_str("\\\n");
        rest = &rest[cut..];
    }
    out.push_str(rest);
}

/// Evidence as a TOML array of inline tables, one per line as in the example files.
pub fn evidence(list: &[(String, String)]) -> Value {
    let mut repr = String::from("[\n");
    for (title, url) in list {
        let title = Value::from(title.as_str()).to_string();
        if url.is_empty() {
            repr.push_str(&format!("  {{ title = {} }},\n", title.trim()));
        } else {
            let url = Value::from(url.as_str()).to_string();
            repr.push_str(&format!(
                "  {{ title = {}, url = {} }},\n",
                title.trim(),
                url.trim()
            ));
        }
    }
    repr.push(']');
    repr.parse::<Value>().unwrap_or_else(|_| {
        let mut array = toml_edit::Array::new();
        for (title, url) in list {
            let mut t = toml_edit::InlineTable::new();
            t.insert("title", Value::from(title.as_str()));
            if !url.is_empty() {
                t.insert("url", Value::from(url.as_str()));
            }
            array.push(t);
        }
        Value::Array(array)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_multi_line_strings_read_back_exactly() {
        let long = "word ".repeat(60);
        for text in [
            "short",
            long.trim_end(),
            &long,
            "line one\nline two  with two spaces\n\n  indented \"quoted\" \\ back",
            "ends with a quote\"",
            "tab\there and a bell \u{7}",
            &format!("{}  {}", "a".repeat(120), "b ".repeat(80)),
        ] {
            let v = string(text);
            let doc = format!("k = {v}\n");
            let parsed: toml::Table = toml::from_str(&doc).expect("valid TOML");
            assert_eq!(parsed["k"].as_str(), Some(text), "{doc}");
        }
    }

    #[test]
    fn a_new_key_goes_after_its_anchor_and_old_values_keep_their_comments() {
        let mut doc: toml_edit::DocumentMut =
            "dimension = \"D1\"  # name\n# a comment\nnotes = \"x\"  # keep\n"
                .parse()
                .expect("toml");
        let table = doc.as_table_mut();
        set(table, "level", Value::from("managed"), &["dimension"]);
        set(table, "notes", Value::from("y"), &["dimension", "level"]);
        assert_eq!(
            doc.to_string(),
            "dimension = \"D1\"  # name\nlevel = \"managed\"\n# a comment\nnotes = \"y\"  # keep\n"
        );
    }
}
