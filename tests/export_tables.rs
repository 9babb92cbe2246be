//! `export xlsx`, `export csv` and `export oscal` on the example site: typed cells, filters,
//! frozen headers, figures taken from the report, and stable OSCAL identifiers.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};

fn export(site: &Path, kind: &str, to: &Path) {
    let out = common::qmsite(&[
        "export",
        kind,
        "-o",
        &to.to_string_lossy(),
        "--root",
        &site.to_string_lossy(),
        "--today",
        "2026-11-24",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_xlsx_export_has_typed_cells_filters_and_frozen_headers() {
    let site = common::example();
    let file = site.path().join("export.xlsx");
    export(site.path(), "xlsx", &file);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&file).expect("open");
    assert_eq!(
        book.sheet_names(),
        [
            "Assessments",
            "Ratings",
            "Domain scores",
            "Register",
            "Coverage",
            "QMS",
            "Peers"
        ]
    );
    let register = book.worksheet_range("Register").expect("Register");
    assert_eq!(register.height(), 1 + 28, "a header and 28 improvements");
    let header: Vec<String> = register
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let imp17 = register
        .rows()
        .find(|r| r[0] == Data::String("IMP-017".into()))
        .expect("IMP-017");
    assert!(
        matches!(imp17[col("Raised")], Data::DateTime(_)),
        "{:?}",
        imp17[col("Raised")]
    );
    assert_eq!(imp17[col("Direction")], Data::String("lower".into()));
    assert_eq!(imp17[col("Open")], Data::Bool(false));
    let assessments = book.worksheet_range("Assessments").expect("Assessments");
    let a2026 = assessments
        .rows()
        .find(|r| r[0] == Data::String("2026".into()))
        .expect("2026");
    let Data::Float(index) = a2026[5] else {
        panic!("the index is a number: {:?}", a2026[5])
    };
    assert!((0.0..=100.0).contains(&index));
    assert_eq!(a2026[6], Data::String("2023".into()), "previous assessment");
    let ratings = book.worksheet_range("Ratings").expect("Ratings");
    assert_eq!(ratings.height(), 1 + 3 * 48);
    // Every sheet has an auto-filter over its header and a frozen header row.
    let bytes = fs::read(&file).expect("read");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    for i in 1..=7 {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{i}.xml"))
            .expect("sheet")
            .read_to_string(&mut xml)
            .expect("xml");
        assert!(xml.contains("<autoFilter ref=\"A1:"), "sheet{i}");
        assert!(xml.contains("ySplit=\"1\""), "sheet{i}");
    }
}

#[test]
fn the_csv_export_writes_one_file_per_table() {
    let site = common::example();
    let dir = site.path().join("csv");
    export(site.path(), "csv", &dir);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "assessments.csv",
            "coverage.csv",
            "domain-scores.csv",
            "peers.csv",
            "qms.csv",
            "ratings.csv",
            "register.csv"
        ]
    );
    let text = fs::read_to_string(dir.join("coverage.csv")).expect("coverage");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    // The 45 counted clauses and the five parts the example rates on their own (8.3.4.1,
    // 8.3.4.2, 8.5.1.1 … 8.5.1.3).
    assert_eq!(
        rows.len(),
        50,
        "every counted clause and every other with an entry"
    );
    assert!(
        rows.iter().any(|r| &r[0] == "8.5.1.2"),
        "a part rated on its own"
    );
    let c851 = rows.iter().find(|r| &r[0] == "8.5.1").expect("8.5.1");
    assert_eq!(&c851[3], "conforming", "rolled up from its parts");
    let c8511 = rows.iter().find(|r| &r[0] == "8.5.1.1").expect("8.5.1.1");
    assert!(
        c8511[6].len() == 10 && c8511[6].starts_with("20"),
        "a date: {:?}",
        &c8511[6]
    );
}

#[test]
fn oscal_identifiers_are_stable_and_dates_come_from_the_content() {
    let site = common::example();
    let dir = site.path().join("oscal");
    export(site.path(), "oscal", &dir);
    let read = |dir: &Path, f: &str| -> serde_json::Value {
        serde_json::from_str(&fs::read_to_string(dir.join(f)).expect("read")).expect("json")
    };
    let ar = read(&dir, "assessment-results.json");
    let root = &ar["assessment-results"];
    assert_eq!(root["metadata"]["oscal-version"], "1.1.2");
    let result = &root["results"][0];
    assert_eq!(result["start"], "2026-03-27T00:00:00Z");
    let observations = result["observations"].as_array().expect("observations");
    let d11 = observations
        .iter()
        .find(|o| o["title"].as_str().is_some_and(|t| t.starts_with("D1.1 ")))
        .expect("D1.1");
    assert!(
        d11["description"]
            .as_str()
            .expect("text")
            .starts_with("Rated Managed (80 %).")
    );
    assert_eq!(
        d11["relevant-evidence"][0]["href"],
        "https://intranet.example/it/strategy-2022-refresh-2025.pdf"
    );
    assert_eq!(result["findings"].as_array().expect("findings").len(), 50);
    let poam = read(&dir, "poam.json");
    let items = poam["plan-of-action-and-milestones"]["poam-items"]
        .as_array()
        .expect("items");
    let register = fs::read_to_string(site.path().join("content/improvements/register.toml"))
        .expect("register");
    let open = ["proposed", "approved", "in-progress", "on-hold"]
        .iter()
        .map(|s| register.matches(&format!("status = \"{s}\"")).count())
        .sum::<usize>();
    assert_eq!(items.len(), open, "one item per open improvement");
    // Edit one note: the observation keeps its UUID, the document gets a new one.
    common::edit(
        site.path(),
        "content/assessments/2026-reassessment.toml",
        "The strategy was refreshed mid-term in 2025",
        "The strategy was refreshed in 2025",
    );
    let again = site.path().join("oscal2");
    export(site.path(), "oscal", &again);
    let ar2 = read(&again, "assessment-results.json");
    let d11_again = ar2["assessment-results"]["results"][0]["observations"]
        .as_array()
        .expect("observations")
        .iter()
        .find(|o| o["title"] == d11["title"])
        .expect("D1.1")
        .clone();
    assert_eq!(d11_again["uuid"], d11["uuid"]);
    assert_ne!(d11_again["description"], d11["description"]);
    assert_ne!(ar2["assessment-results"]["uuid"], root["uuid"]);
    assert_eq!(
        read(&again, "poam.json"),
        poam,
        "the POA&M does not depend on assessment notes"
    );
}
