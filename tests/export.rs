//! `qmsite export json`: the computed report as one JSON document, the same bytes every run, and
//! valid against the schema `qmsite schema` writes.

mod common;

use std::process::Command;

use common::{example, qmsite};

fn export(site: &std::path::Path) -> String {
    let o = qmsite(&[
        "export",
        "json",
        "--root",
        &site.to_string_lossy(),
        "--today",
        "2026-11-24",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8")
}

#[test]
fn the_export_holds_the_computed_figures_and_is_the_same_every_run() {
    let site = example();
    let text = export(site.path());
    assert_eq!(text, export(site.path()), "two runs give the same bytes");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["format"], "qmsite-report");
    let assessments = v["assessments"].as_array().expect("assessments");
    let latest = assessments.last().expect("latest");
    // The dashboard's figure: 57.8 %, up 8.5 points since 2023.
    let index = latest["index"].as_f64().expect("index");
    let change = latest["index_change"].as_f64().expect("change");
    assert!((index - 57.8).abs() < 0.05, "{index}");
    assert!((change - 8.5).abs() < 0.05, "{change}");
    assert_eq!(latest["previous"], assessments[1]["id"]);
    // A dimension not rated is null, never 0.
    assert!(
        assessments[0]["ratings"]
            .as_array()
            .expect("ratings")
            .iter()
            .all(|r| r["level"].is_null() == r["value"].is_null())
    );
    // The register carries each entry's overdue state on the build date.
    let overdue: Vec<&str> = v["register"]["overdue"]
        .as_array()
        .expect("overdue")
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    assert_eq!(overdue, ["IMP-011", "IMP-012", "IMP-014", "IMP-020"]);
    for i in v["improvements"].as_array().expect("improvements") {
        let id = i["id"].as_str().unwrap_or_default();
        assert_eq!(i["overdue"].as_bool(), Some(overdue.contains(&id)), "{id}");
    }
    let clauses = v["coverage"]["clauses"].as_array().expect("clauses");
    assert_eq!(clauses.len(), 77);
    let clause = |n: &str| {
        clauses
            .iter()
            .find(|c| c["number"] == n)
            .unwrap_or_else(|| panic!("{n} missing"))
    };
    // Each clause names its parent and whether its state is its own or rolled up.
    assert_eq!(clause("8.5.1.1")["parent"], "8.5.1");
    assert_eq!(clause("8.5.1.1")["source"], "own");
    assert_eq!(clause("8.5.1.1")["counted"], false);
    assert_eq!(clause("8.5.1")["parent"], "8.5");
    assert_eq!(clause("8.5.1")["source"], "sub-clauses");
    assert_eq!(clause("8.5.1")["state"], "conforming");
    assert_eq!(clause("8.5.1")["counted"], true);
    assert!(clause("8")["parent"].is_null());
    assert_eq!(clause("8.3.4")["source"], "own");
    // The totals count the 45 counted clauses once each.
    let total: u64 = v["coverage"]["totals"]
        .as_object()
        .expect("totals")
        .values()
        .filter_map(serde_json::Value::as_u64)
        .sum();
    assert_eq!(total, 45);
    let sections = v["coverage"]["groups"][4]["sections"]
        .as_array()
        .expect("sections of 8");
    assert_eq!(sections.len(), 7);
    // The pages come from the same plan the site is written from.
    let pages = v["pages"].as_array().expect("pages");
    assert!(
        pages
            .iter()
            .any(|p| p["path"] == "frameworks/itqi-example/d4.5.html" && p["kind"] == "dimension")
    );
    assert!(
        pages
            .iter()
            .any(|p| p["path"] == "pages/findings.html" && p["kind"] == "page")
    );
}

#[test]
fn the_export_can_be_written_to_a_file() {
    let site = example();
    let file = site.path().join("report.json");
    let o = qmsite(&[
        "export",
        "json",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        "2026-11-24",
        "-o",
        &file.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_to_string(&file).expect("written");
    assert_eq!(written, export(site.path()));
}

#[test]
#[ignore = "needs check-jsonschema (PyPI); .ci/run installs it and sets QMSITE_CHECK_JSONSCHEMA"]
fn the_export_validates_against_its_schema() {
    let tool = std::env::var("QMSITE_CHECK_JSONSCHEMA").expect(
        "QMSITE_CHECK_JSONSCHEMA: the path of check-jsonschema (pip install check-jsonschema)",
    );
    let site = example();
    let o = qmsite(&["schema", "--root", &site.path().to_string_lossy()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = site.path().join("report.json");
    std::fs::write(&doc, export(site.path())).expect("write");
    let schema = site.path().join("schemas/export.json");
    let run = Command::new(&tool)
        .arg("--schemafile")
        .arg(&schema)
        .arg(&doc)
        .output()
        .expect("run check-jsonschema");
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    // The checker does fail on a document that breaks the schema.
    let text = std::fs::read_to_string(&doc).expect("read");
    std::fs::write(
        &doc,
        text.replacen("\"version\": 1", "\"version\": \"one\"", 1),
    )
    .expect("write");
    let run = Command::new(&tool)
        .arg("--schemafile")
        .arg(&schema)
        .arg(&doc)
        .output()
        .expect("run check-jsonschema");
    assert!(!run.status.success(), "a wrong type passes the checker");
}
