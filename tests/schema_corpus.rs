//! The JSON Schemas are as strict as `check`: every fault of the bad-input corpus that a schema
//! can express (marked `schema = true` in its `case.toml`) is flagged by taplo, the checker the
//! TOML editors use, and the valid sites pass it.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::corpus::{Case, apply};

/// Which schema `qmsite schema` writes for each file of a site, as a taplo configuration for
/// a folder holding several sites (one per case) and the schemas.
const TAPLO_RULES: &str = r#"
[[rule]]
include = ["*/qmsite.toml"]
[rule.schema]
path = "./schemas/qmsite.json"

[[rule]]
include = ["*/content/frameworks/**/*.toml"]
[rule.schema]
path = "./schemas/framework.json"

[[rule]]
include = ["*/content/assessments/**/*.toml"]
[rule.schema]
path = "./schemas/assessment.json"

[[rule]]
include = ["*/content/benchmarks/**/*.toml"]
[rule.schema]
path = "./schemas/benchmark.json"

[[rule]]
include = ["*/content/qms/**/*.toml"]
[rule.schema]
path = "./schemas/qms.json"

[[rule]]
include = ["*/content/improvements/**/*.toml"]
[rule.schema]
path = "./schemas/improvements.json"

[[rule]]
include = ["*/content/coverage/**/*.toml"]
[rule.schema]
path = "./schemas/coverage.json"
"#;

/// Runs `taplo check` on files below `dir` (which holds the schemas and the taplo rules).
fn taplo_check(taplo: &str, dir: &Path, files: &[String]) -> std::process::Output {
    Command::new(taplo)
        .arg("check")
        .args(files)
        .current_dir(dir)
        .env("RUST_LOG", "error")
        .output()
        .unwrap_or_else(|e| panic!("cannot run taplo ({taplo}): {e}"))
}

/// Every TOML file of a site, as a path from the folder that holds the site.
fn toml_files(dir: &Path, site: &str) -> Vec<String> {
    walkdir::WalkDir::new(dir.join(site))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .into_owned();
            let inside = rel.strip_prefix(&format!("{site}/"))?;
            // A translation (`name.cs.toml`) holds only some keys of its file: qmsite checks it
            // against its original, not against the file kind's schema.
            let translation = e.file_name().to_string_lossy().ends_with(".cs.toml");
            let own = inside == "qmsite.toml" || inside.starts_with("content/");
            (own && !translation).then_some(rel)
        })
        .collect()
}

/// The JSON Schemas are as strict as `check`: every fault of the corpus a schema can express
/// (marked `schema = true`) is flagged by taplo, as an editor would flag it while typing, and
/// the valid base and example sites pass.
#[test]
#[ignore = "needs the taplo CLI (npm package @taplo/cli); .ci/run installs it and sets QMSITE_TAPLO"]
fn taplo_flags_every_fault_a_schema_can_express() {
    let taplo = std::env::var("QMSITE_TAPLO").unwrap_or_else(|_| "taplo".to_owned());
    let version = Command::new(&taplo).arg("--version").output();
    assert!(
        version
            .as_ref()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).starts_with("taplo")),
        "the taplo CLI is missing: install it with `npm install @taplo/cli` and set QMSITE_TAPLO to its path ({version:?})"
    );
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let o = common::qmsite(&["schema", "--root", &dir.to_string_lossy()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    fs::write(dir.join(".taplo.toml"), TAPLO_RULES).expect("write .taplo.toml");

    // The valid sites pass: the schemas refuse nothing `check` accepts.
    common::copy_dir(
        &common::repo().join("tests/fixtures/minimal"),
        &dir.join("minimal"),
    );
    let example = common::example();
    common::copy_dir(example.path(), &dir.join("example"));
    let mut valid = toml_files(dir, "minimal");
    valid.extend(toml_files(dir, "example"));
    let o = taplo_check(&taplo, dir, &valid);
    assert!(
        o.status.success(),
        "taplo refuses a valid site:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // Each case in a site of its own; one run of taplo checks every faulty file.
    let root = common::repo().join("tests/fixtures/bad");
    let mut faulty: Vec<(String, String)> = Vec::new();
    for entry in fs::read_dir(&root)
        .expect("tests/fixtures/bad")
        .filter_map(Result::ok)
    {
        let Ok(text) = fs::read_to_string(entry.path().join("case.toml")) else {
            continue;
        };
        let case: Case = toml::from_str(&text).expect("case.toml");
        if !case.schema {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let site = dir.join(&name);
        common::copy_dir(&common::repo().join("tests/fixtures/minimal"), &site);
        apply(&case, &site, dir).expect("apply the case");
        faulty.push((name.clone(), format!("{name}/{}", case.expect.file)));
    }
    faulty.sort();
    assert!(
        faulty.len() >= 10,
        "only {} cases are marked schema = true",
        faulty.len()
    );
    let files: Vec<String> = faulty.iter().map(|(_, f)| f.clone()).collect();
    let o = taplo_check(&taplo, dir, &files);
    let report = String::from_utf8_lossy(&o.stderr);
    let missed: Vec<&str> = faulty
        .iter()
        .filter(|(_, file)| {
            !report
                .lines()
                .any(|l| l.contains("invalid file") && l.contains(&format!("/{file}\"")))
        })
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(
        missed.is_empty(),
        "taplo does not flag {missed:?}:\n{report}"
    );
}
