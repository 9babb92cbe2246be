//! `import framework`: a framework workbook creates a new framework file, edits an existing one
//! record by record with its comments kept, and is refused with sheet and cell when wrong.

mod common;

use std::fs;
use std::path::Path;

use rust_xlsxwriter::Workbook;

/// One sheet: its name, header and rows of text (numbers are written as numbers when they parse).
type Sheet<'a> = (&'a str, Vec<&'a str>, Vec<Vec<String>>);

fn workbook(sheets: &[Sheet<'_>]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, header, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("name");
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).expect("header");
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                if v.is_empty() {
                    continue;
                }
                match v.parse::<f64>() {
                    Ok(n) if header[c as usize] == "Value" || header[c as usize] == "Weight" => {
                        sheet.write_number(r, c, n).expect("number")
                    }
                    _ => sheet.write_string(r, c, v).expect("text"),
                };
            }
        }
    }
    book.save_to_buffer().expect("save")
}

/// The example framework as a workbook, read from its TOML file.
fn example_sheets(site: &Path) -> Vec<Sheet<'static>> {
    let text = fs::read_to_string(site.join("content/frameworks/itqi-example.toml")).expect("read");
    let f: toml::Table = toml::from_str(&text).expect("toml");
    let s = |v: Option<&toml::Value>| match v {
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Boolean(b)) => b.to_string(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    let list = |key: &str, cols: &[&str]| -> Vec<Vec<String>> {
        f[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|t| cols.iter().map(|c| s(t.get(*c))).collect())
            .collect()
    };
    let top: Vec<Vec<String>> = ["id", "name", "short_name", "description", "unit", "example"]
        .iter()
        .map(|k| vec![(*k).to_owned(), s(f.get(*k))])
        .chain([vec!["index".to_owned(), s(f["rollup"].get("index"))]])
        .collect();
    vec![
        ("Framework", vec!["Key", "Value"], top),
        (
            "Scale",
            vec!["Id", "Label", "Value", "Description"],
            list("scale", &["id", "label", "value", "description"]),
        ),
        (
            "Domains",
            vec!["Id", "Name", "Description", "Weight"],
            list("domain", &["id", "name", "description", "weight"]),
        ),
        (
            "Dimensions",
            vec!["Id", "Domain", "Name", "Description", "Weight"],
            list(
                "dimension",
                &["id", "domain", "name", "description", "weight"],
            ),
        ),
    ]
}

fn import(site: &Path, file: &Path, write: bool) -> (i32, String, String) {
    let root = site.to_string_lossy().into_owned();
    let file = file.to_string_lossy().into_owned();
    let mut args = vec![
        "import",
        "framework",
        &file,
        "--root",
        &root,
        "--today",
        "2026-11-24",
    ];
    if write {
        args.push("--write");
    }
    let out = common::qmsite(&args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_example_framework_imports_unchanged_and_an_edit_touches_only_its_lines() {
    let site = common::example();
    let rel = "content/frameworks/itqi-example.toml";
    let before = fs::read_to_string(site.path().join(rel)).expect("read");
    let mut sheets = example_sheets(site.path());
    let book = site.path().join("framework.xlsx");
    fs::write(&book, workbook(&sheets)).expect("write");
    let (code, out, err) = import(site.path(), &book, true);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 new, 0 changed, 61 unchanged"), "{out}");
    assert_eq!(
        fs::read_to_string(site.path().join(rel)).expect("read"),
        before
    );
    // D1.1's weight 2 → 3, and domain D2 renamed.
    let d11 = sheets[3]
        .2
        .iter_mut()
        .find(|r| r[0] == "D1.1")
        .expect("D1.1");
    d11[4] = "3".to_owned();
    let d2 = sheets[2].2.iter_mut().find(|r| r[0] == "D2").expect("D2");
    let old_name = d2[1].clone();
    d2[1] = "Service delivery and operations".to_owned();
    fs::write(&book, workbook(&sheets)).expect("write");
    let (code, out, err) = import(site.path(), &book, true);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("changed   dimension D1.1: weight"), "{out}");
    assert!(out.contains("changed   domain D2: name"), "{out}");
    let after = fs::read_to_string(site.path().join(rel)).expect("read");
    let expected = before.replacen(
        &format!("name = \"{old_name}\""),
        "name = \"Service delivery and operations\"",
        1,
    );
    let d11_at = expected.find("id = \"D1.1\"").expect("D1.1");
    let weight_at = d11_at + expected[d11_at..].find("weight = 2").expect("weight");
    let expected = format!(
        "{}weight = 3{}",
        &expected[..weight_at],
        &expected[weight_at + "weight = 2".len()..]
    );
    assert_eq!(after, expected);
    let check = common::qmsite(&[
        "check",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        "2026-11-24",
    ]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_new_framework_gets_its_own_file() {
    let site = common::fixture("minimal");
    let rows = |r: &[&[&str]]| -> Vec<Vec<String>> {
        r.iter()
            .map(|row| row.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    };
    let sheets = vec![
        (
            "Framework",
            vec!["Key", "Value"],
            rows(&[
                &["id", "licensed"],
                &["name", "Licensed index"],
                &["index", "dimensions"],
            ]),
        ),
        (
            "Scale",
            vec!["Id", "Label", "Value", "Description"],
            rows(&[
                &["no", "No", "0", ""],
                &["partly", "Partly", "37.5", "Some of it"],
                &["yes", "Yes", "100", ""],
            ]),
        ),
        (
            "Domains",
            vec!["Id", "Name", "Description", "Weight"],
            rows(&[&["L1", "First", "", "1.5"]]),
        ),
        (
            "Dimensions",
            vec!["Id", "Domain", "Name", "Description", "Weight"],
            rows(&[
                &["L1.1", "L1", "One", "What is assessed", ""],
                &["L1.2", "L1", "Two", "", "2"],
            ]),
        ),
    ];
    let book = site.path().join("licensed.xlsx");
    fs::write(&book, workbook(&sheets)).expect("write");
    let (code, out, err) = import(site.path(), &book, false);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("to create content/frameworks/licensed.toml"),
        "{out}"
    );
    let file = site.path().join("content/frameworks/licensed.toml");
    assert!(!file.exists());
    let (code, _, err) = import(site.path(), &book, true);
    assert_eq!(code, 0, "{err}");
    let text = fs::read_to_string(&file).expect("written");
    assert!(text.starts_with("#:schema"), "{text}");
    assert!(text.contains("[rollup]\nindex = \"dimensions\""), "{text}");
    assert!(text.contains("\n[[scale]]\nid = \"partly\"\nlabel = \"Partly\"\nvalue = 37.5\ndescription = \"Some of it\"\n"), "{text}");
    assert!(text.contains("\n[[dimension]]\nid = \"L1.1\"\ndomain = \"L1\"\nname = \"One\"\ndescription = \"What is assessed\"\n"), "{text}");
    assert_eq!(common::check(site.path()).0, 0);
    let (_, out, _) = import(site.path(), &book, true);
    assert!(out.contains("up to date"), "{out}");
}

#[test]
fn a_wrong_framework_workbook_is_refused_with_its_cells() {
    let site = common::example();
    let mut sheets = example_sheets(site.path());
    sheets[1].2[2][2] = "a lot".to_owned();
    sheets[3].2[0][1] = "D9".to_owned();
    sheets[0].2[1][0] = "nmae".to_owned();
    let book = site.path().join("framework.xlsx");
    fs::write(&book, workbook(&sheets)).expect("write");
    let before = common::snapshot(&site.path().join("content"));
    let (code, _, err) = import(site.path(), &book, true);
    assert_eq!(code, 1);
    assert!(
        err.contains("framework.xlsx: Scale!C4: \"a lot\" is not a number"),
        "{err}"
    );
    assert!(err.contains("framework.xlsx: Framework!A3: \"nmae\" is not a key of a framework; did you mean \"name\"?"), "{err}");
    assert!(before == common::snapshot(&site.path().join("content")));
    // A dimension in a domain that does not exist: the site would not validate.
    sheets = example_sheets(site.path());
    sheets[3].2[0][1] = "D9".to_owned();
    fs::write(&book, workbook(&sheets)).expect("write");
    let (code, _, err) = import(site.path(), &book, true);
    assert_eq!(code, 1);
    assert!(err.contains("D9"), "{err}");
    assert!(err.contains("Nothing was written"), "{err}");
    assert!(before == common::snapshot(&site.path().join("content")));
    sheets.remove(2);
    fs::write(&book, workbook(&sheets)).expect("write");
    let (code, _, err) = import(site.path(), &book, true);
    assert_eq!(code, 1);
    assert!(
        err.contains("framework.xlsx: has no sheet \"Domains\""),
        "{err}"
    );
}
