//! What a spreadsheet library does not tell: which rows are hidden (in .xlsx and .ods) and which
//! cells are merged (in .ods). Read from the sheet XML inside the zip with quick-xml; calamine
//! reads the values, formulas and (for .xlsx) merged regions.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Largest XML part read, after decompression; a sheet of a few thousand rows is far smaller.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Hidden rows and merged cells of one sheet, 0-based.
#[derive(Debug, Default, Clone)]
pub struct SheetShape {
    /// Rows hidden (or filtered out), 0-based.
    pub hidden_rows: Vec<u32>,
    /// Top-left cells of merged areas, `(row, col)`, 0-based.
    pub merged: Vec<(u32, u32)>,
}

fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.take(MAX_PART).read_to_string(&mut text).ok()?;
    Some(text)
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name || a.key.local_name().as_ref() == name)
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            quick_xml::escape::unescape(&raw).map_or(raw.clone(), |v| v.into_owned())
        })
}

/// The shape of every sheet of an .xlsx file, by sheet name.
pub fn xlsx(bytes: &[u8]) -> HashMap<String, SheetShape> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let (Some(book), Some(rels)) = (
        part(&mut zip, "xl/workbook.xml"),
        part(&mut zip, "xl/_rels/workbook.xml.rels"),
    ) else {
        return out;
    };
    let mut targets = HashMap::new();
    each_start(&rels, |e| {
        if e.local_name().as_ref() == b"Relationship"
            && let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target"))
        {
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_owned(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, path);
        }
    });
    let mut sheets = Vec::new();
    each_start(&book, |e| {
        if e.local_name().as_ref() == b"sheet"
            && let (Some(name), Some(id)) = (attr(e, b"name"), attr(e, b"id"))
        {
            sheets.push((name, id));
        }
    });
    for (name, id) in sheets {
        let Some(xml) = targets.get(&id).and_then(|t| part(&mut zip, t)) else {
            continue;
        };
        let mut shape = SheetShape::default();
        let mut next_row = 0u32;
        each_start(&xml, |e| {
            if e.local_name().as_ref() == b"row" {
                let row = attr(e, b"r")
                    .and_then(|r| r.parse::<u32>().ok())
                    .map_or(next_row, |r| r.saturating_sub(1));
                next_row = row + 1;
                if attr(e, b"hidden").is_some_and(|h| h == "1" || h == "true") {
                    shape.hidden_rows.push(row);
                }
            }
        });
        out.insert(name, shape);
    }
    out
}

/// The shape of every sheet of an .ods file, by sheet name.
pub fn ods(bytes: &[u8]) -> HashMap<String, SheetShape> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let Some(xml) = part(&mut zip, "content.xml") else {
        return out;
    };
    let mut reader = Reader::from_str(&xml);
    let mut current: Option<(String, SheetShape)> = None;
    let (mut row, mut col) = (0u32, 0u32);
    let mut repeat_rows = 1u32;
    loop {
        let (event, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    b"table:table" => {
                        if let Some((name, shape)) = current.take() {
                            out.insert(name, shape);
                        }
                    }
                    b"table:table-row" => row = row.saturating_add(repeat_rows),
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let number = |name: &[u8]| {
            attr(&event, name)
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(1)
        };
        match event.name().as_ref() {
            b"table:table" if !empty => {
                current = attr(&event, b"table:name").map(|n| (n, SheetShape::default()));
                row = 0;
            }
            b"table:table-row" => {
                col = 0;
                repeat_rows = number(b"table:number-rows-repeated");
                let visibility = attr(&event, b"table:visibility");
                if let Some((_, shape)) = current.as_mut()
                    && visibility.is_some_and(|v| v == "collapse" || v == "filter")
                {
                    shape.hidden_rows.push(row);
                }
                if empty {
                    row = row.saturating_add(repeat_rows);
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let spans = number(b"table:number-columns-spanned") > 1
                    || number(b"table:number-rows-spanned") > 1;
                if let Some((_, shape)) = current.as_mut()
                    && spans
                {
                    shape.merged.push((row, col));
                }
                col = col.saturating_add(number(b"table:number-columns-repeated"));
            }
            _ => {}
        }
    }
    out
}

/// True when an .ods file is encrypted (saved with a password).
pub fn ods_encrypted(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    part(&mut zip, "META-INF/manifest.xml").is_some_and(|m| m.contains("encryption-data"))
}

fn each_start(xml: &str, mut f: impl FnMut(&BytesStart<'_>)) {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => f(&e),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}
