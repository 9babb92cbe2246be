//! One test per kind of validation error: each breaks one thing in a small valid site and checks
//! that `qmsite check` fails naming the file, line and column, and what was expected.

mod common;

use common::{check, edit, fixture};

/// Asserts a failing check whose output has `location` (file:line:col) and every fragment.
fn assert_error(site: &std::path::Path, location: &str, fragments: &[&str]) {
    let (code, err) = check(site);
    assert_eq!(code, 1, "check should fail:\n{err}");
    let line = err
        .lines()
        .find(|l| l.starts_with(location) && l.contains("error:"))
        .unwrap_or_else(|| panic!("no error at {location} in:\n{err}"));
    let block: String = err
        .split(line)
        .nth(1)
        .map(|rest| {
            rest.lines()
                .skip(1)
                .take_while(|l| l.starts_with("    "))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let whole = format!("{line}\n{block}");
    for f in fragments {
        assert!(whole.contains(f), "{f:?} missing from:\n{whole}");
    }
    assert!(!err.contains("panicked"), "{err}");
    let jargon = common::jargon_in(&err);
    assert!(
        jargon.is_empty(),
        "the messages speak serde ({jargon:?}):\n{err}"
    );
}

#[test]
fn the_jargon_scan_finds_serde_words_and_only_them() {
    assert_eq!(
        common::jargon_in("error: invalid type: sequence, expected struct Link"),
        ["sequence", "struct", "invalid type"]
    );
    assert_eq!(common::jargon_in("unknown variant `x`"), ["variant"]);
    assert!(common::jargon_in("a roadmap of the heat-maps; variants").is_empty());
    assert!(
        common::jargon_in("    | map = 1").is_empty(),
        "the user's own text may say it"
    );
}

#[test]
fn the_fixture_itself_is_valid() {
    let site = fixture("minimal");
    let (code, err) = check(site.path());
    assert_eq!(code, 0, "{err}");
}

#[test]
fn toml_syntax_error() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/assessments/two.toml",
        "assessor = \"A. Assessor\"",
        "assessor = \"A. Assessor",
    );
    assert_error(site.path(), "content/assessments/two.toml:4:", &["error"]);
}

#[test]
fn unknown_key_lists_allowed_keys() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/assessments/two.toml",
        "assessor =",
        "asessor =",
    );
    assert_error(
        site.path(),
        "content/assessments/two.toml:4:1",
        &["unknown key `asessor`", "`assessor`", "`framework`"],
    );
}

#[test]
fn wrong_type() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/qms/qms.toml",
        "current_level = 2",
        "current_level = \"two\"",
    );
    assert_error(
        site.path(),
        "content/qms/qms.toml:5:17",
        &[
            "must be a whole number, not text (\"two\")",
            "expected: a whole number from 0 to 5",
        ],
    );
}

#[test]
fn enum_value_outside_allowed_values() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "status = \"done\"",
        "status = \"finished\"",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:27:10",
        &[
            "\"finished\", which is not an allowed value",
            "\"in-progress\"",
            "\"rejected\"",
        ],
    );
}

#[test]
fn missing_required_key() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "owner = \"SD lead\"\n",
        "",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:",
        &["missing key `owner`"],
    );
}

#[test]
fn unknown_framework() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/assessments/two.toml",
        "framework = \"mini\"",
        "framework = \"maxi\"",
    );
    assert_error(
        site.path(),
        "content/assessments/two.toml:2:13",
        &["unknown framework \"maxi\"", "\"mini\""],
    );
}

#[test]
fn rating_of_unknown_dimension() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/assessments/two.toml",
        "dimension = \"B.1\"",
        "dimension = \"B.9\"",
    );
    assert_error(
        site.path(),
        "content/assessments/two.toml:20:13",
        &["unknown dimension \"B.9\"", "\"A.1\", \"A.2\", \"B.1\""],
    );
}

#[test]
fn rating_outside_the_scale() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/assessments/two.toml",
        "level = \"high\"",
        "level = \"top\"",
    );
    assert_error(
        site.path(),
        "content/assessments/two.toml:17:9",
        &[
            "\"top\" is not a level",
            "\"low\", \"mid\", \"high\"",
            "not rated",
        ],
    );
}

#[test]
fn dimension_rated_twice() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/assessments/two.toml",
        "dimension = \"A.2\"",
        "dimension = \"A.1\"",
    );
    assert_error(
        site.path(),
        "content/assessments/two.toml:16:13",
        &["rated twice", "first at line 11"],
    );
}

#[test]
fn duplicate_id() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "id = \"I-2\"",
        "id = \"i-1\"",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:19:6",
        &["duplicate improvement id \"i-1\"", "register.toml:2:6"],
    );
}

#[test]
fn invalid_id() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/qms/qms.toml",
        "id = \"Q2\"",
        "id = \"../Q2\"",
    );
    assert_error(
        site.path(),
        "content/qms/qms.toml:14:6",
        &["not a valid id", "letters, digits"],
    );
}

#[test]
fn impossible_date() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/assessments/one.toml",
        "date = 2022-05-01",
        "date = 2022-02-30",
    );
    assert_error(site.path(), "content/assessments/one.toml:3:8", &["date"]);
}

#[test]
fn date_with_a_time() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/assessments/one.toml",
        "date = 2022-05-01",
        "date = 2022-05-01T10:00:00",
    );
    assert_error(
        site.path(),
        "content/assessments/one.toml:3:8",
        &["without a time", "YYYY-MM-DD"],
    );
}

#[test]
fn due_before_raised() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "due = 2024-09-30",
        "due = 2024-01-30",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:10:7",
        &["before the date raised", "on or after 2024-05-02"],
    );
}

#[test]
fn raised_in_the_future() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "raised = 2024-05-02",
        "raised = 2025-05-02",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:4:10",
        &["in the future", "--today"],
    );
}

#[test]
fn improvement_references_unknown_clause() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "clauses = [\"10.2\"]",
        "clauses = [\"10.3\"]",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:14:12",
        &[
            "\"10.3\" is not a clause of ISO/IEC 20000-1:2018",
            "\"10.2\"",
        ],
    );
}

#[test]
fn improvement_references_unknown_dimension() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "dimensions = [\"A.1\"]",
        "dimensions = [\"A.7\"]",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:15:15",
        &["unknown dimension \"A.7\"", "\"A.1\""],
    );
}

#[test]
fn improvement_references_dimension_of_unknown_framework() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "dimensions = [\"A.1\"]",
        "dimensions = [\"inqi:A.1\"]",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:15:15",
        &["unknown framework \"inqi\"", "\"mini\""],
    );
}

#[test]
fn improvement_references_unknown_qms_component() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "qms = [\"Q1\"]",
        "qms = [\"Q9\"]",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:16:8",
        &["unknown QMS component \"Q9\"", "\"Q1\", \"Q2\""],
    );
}

#[test]
fn improvement_references_unknown_assessment() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "assessment = \"two\"",
        "assessment = \"three\"",
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:7:14",
        &["unknown assessment \"three\"", "\"one\", \"two\""],
    );
}

#[test]
fn qms_reference_to_unknown_dimension_and_clause() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/qms/qms.toml",
        "clauses = [\"5.2\"]",
        "clauses = [\"5.9\"]",
    );
    edit(
        site.path(),
        "content/qms/qms.toml",
        "dimensions = [\"A.1\"]",
        "dimensions = [\"Z\"]",
    );
    assert_error(
        site.path(),
        "content/qms/qms.toml:10:12",
        &["\"5.9\" is not a clause of ISO/IEC 20000-1:2018"],
    );
    assert_error(
        site.path(),
        "content/qms/qms.toml:11:15",
        &["unknown dimension \"Z\""],
    );
}

#[test]
fn qms_direction_must_fit_levels() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/qms/qms.toml",
        "direction = \"lower\"",
        "direction = \"raise\"",
    );
    assert_error(
        site.path(),
        "content/qms/qms.toml:19:13",
        &[
            "does not fit current_level 4 and target_level 2",
            "\"lower\" with a target below",
        ],
    );
}

#[test]
fn qms_level_out_of_range() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/qms/qms.toml",
        "target_level = 3",
        "target_level = 7",
    );
    assert_error(
        site.path(),
        "content/qms/qms.toml:6:16",
        &["is 7, outside its range", "a whole number from 0 to 5"],
    );
}

#[test]
fn sub_clauses_are_accepted_as_references_and_as_coverage_entries() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/improvements/register.toml",
        "clauses = [\"10.2\"]",
        "clauses = [\"8.5.1.1\", \"8.3.4.2\"]",
    );
    edit(
        site.path(),
        "content/qms/qms.toml",
        "clauses = [\"5.2\"]",
        "clauses = [\"8.3.4.2\", \"5.2.1\"]",
    );
    // A heading, a counted clause's part and a counted clause, each with its own entry.
    fs_append(
        site.path(),
        "content/coverage/iso.toml",
        "\n[[clause]]\nclause = \"8.5.1.1\"\nlevel = \"defined\"\n\n\
         [[clause]]\nclause = \"8.3.4.2\"\nlevel = \"initial\"\n\n\
         [[clause]]\nclause = \"8.2\"\nlevel = \"initial\"\n",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("is not a clause"), "{err}");
    // The missing-coverage warning counts 8.5.1 and 8.3.4 as partly assessed, in one line.
    let warning = err
        .lines()
        .find(|l| l.contains("counted clauses have no coverage level"))
        .unwrap_or_else(|| panic!("no missing-coverage warning in:\n{err}"));
    assert!(
        warning.starts_with("content/coverage: warning: 43 of 45 counted clauses"),
        "{warning}"
    );
    assert!(warning.contains("8.5.1 (1 of 3 sub-clauses)"), "{warning}");
    assert!(warning.contains("8.3.4 (1 of 2 sub-clauses)"), "{warning}");
    assert!(
        !warning.contains("8.5.1.1"),
        "parts are not listed: {warning}"
    );
    assert!(
        !warning.contains(" 8.2,"),
        "headings are not listed: {warning}"
    );
}

#[test]
fn an_unknown_clause_is_refused_at_its_place_with_the_clauses_beside_it() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/coverage/iso.toml",
        "clause = \"8.6.1\"",
        "clause = \"8.9\"",
    );
    edit(
        site.path(),
        "content/improvements/register.toml",
        "clauses = [\"10.2\"]",
        "clauses = [\"8.5.1.4\"]",
    );
    assert_error(
        site.path(),
        "content/coverage/iso.toml:7:10",
        &[
            "\"8.9\" is not a clause of ISO/IEC 20000-1:2018",
            "did you mean one of \"8.1\", \"8.2\", \"8.3\", \"8.4\", \"8.5\", \"8.6\", \"8.7\"?",
        ],
    );
    assert_error(
        site.path(),
        "content/improvements/register.toml:14:12",
        &[
            "\"8.5.1.4\" is not a clause",
            "did you mean one of \"8.5.1.1\", \"8.5.1.2\", \"8.5.1.3\"?",
        ],
    );
}

#[test]
fn coverage_of_a_clause_twice_or_outside_the_catalogue() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/coverage/iso.toml",
        "clause = \"10.2\"",
        "clause = \"8.6.1\"",
    );
    fs_append(
        site.path(),
        "content/coverage/iso.toml",
        "\n[[clause]]\nclause = \"11.1\"\nlevel = \"initial\"\n",
    );
    assert_error(
        site.path(),
        "content/coverage/iso.toml:7:10",
        &[
            "clause 8.6.1 is covered twice",
            "first at content/coverage/iso.toml:2:10",
        ],
    );
    assert_error(
        site.path(),
        "content/coverage/iso.toml:12:10",
        &["\"11.1\" is not a clause", "\"4\", \"5\""],
    );
}

#[test]
fn a_clause_rated_above_its_parts_is_a_warning_at_its_entry() {
    let site = fixture("minimal");
    fs_append(
        site.path(),
        "content/coverage/iso.toml",
        "\n[[clause]]\nclause = \"8.5.1\"\nlevel = \"conforming\"\n\n\
         [[clause]]\nclause = \"8.5.1.2\"\nlevel = \"initial\"\n",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "content/coverage/iso.toml:12:10: warning: clause 8.5.1 is rated conforming but its sub-clauses say less (8.5.1.2 is initial)"
        ),
        "{err}"
    );
}

/// Appends text to a file of the site.
fn fs_append(site: &std::path::Path, file: &str, text: &str) {
    let path = site.join(file);
    let mut body = std::fs::read_to_string(&path).expect("read");
    body.push_str(text);
    std::fs::write(&path, body).expect("write");
}

#[test]
fn coverage_level_outside_allowed_values() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/coverage/iso.toml",
        "level = \"initial\"",
        "level = \"partial\"",
    );
    assert_error(
        site.path(),
        "content/coverage/iso.toml:3:9",
        &[
            "\"partial\", which is not an allowed value",
            "\"not-addressed\"",
            "\"conforming\"",
        ],
    );
}

#[test]
fn scale_values_must_increase() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/frameworks/mini.toml",
        "value = 40",
        "value = 0",
    );
    assert_error(
        site.path(),
        "content/frameworks/mini.toml:13:9",
        &["not above the level before it", "strictly increasing"],
    );
}

#[test]
fn dimension_in_unknown_domain() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/frameworks/mini.toml",
        "domain = \"B\"",
        "domain = \"C\"",
    );
    assert_error(
        site.path(),
        "content/frameworks/mini.toml:42:10",
        &["unknown domain \"C\"", "\"A\", \"B\""],
    );
    // The dimension is declared, so ratings of it are not reported again as dangling.
    let (_, err) = check(site.path());
    assert!(!err.contains("unknown dimension"), "{err}");
}

#[test]
fn peer_score_for_unknown_domain() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/benchmarks/peers.toml",
        "domains = { A = 10, B = 20 }",
        "domains = { A = 10, Q = 20 }",
    );
    assert_error(
        site.path(),
        "content/benchmarks/peers.toml:13:",
        &["unknown domain \"Q\"", "\"A\", \"B\""],
    );
}

#[test]
fn page_without_front_matter() {
    let site = fixture("minimal");
    std::fs::write(site.path().join("content/pages/bare.md"), "# Just text\n").expect("write");
    assert_error(
        site.path(),
        "content/pages/bare.md:1:1",
        &["no front matter", "+++"],
    );
}

#[test]
fn page_front_matter_unknown_key() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/pages/method.md",
        "weight = 2",
        "wieght = 2",
    );
    assert_error(
        site.path(),
        "content/pages/method.md:3:1",
        &["unknown key `wieght`", "`weight`"],
    );
}

#[test]
fn file_outside_known_content_folders() {
    let site = fixture("minimal");
    std::fs::create_dir_all(site.path().join("content/assesments")).expect("mkdir");
    std::fs::write(site.path().join("content/assesments/x.toml"), "id = 1\n").expect("write");
    assert_error(
        site.path(),
        "content/assesments/x.toml",
        &["not in a known content folder", "content/assessments/"],
    );
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let site = fixture("minimal");
    std::fs::write(
        site.path().join("content/qms/bad.toml"),
        b"# ok\nname = \"caf\xe9\"\n",
    )
    .expect("write");
    assert_error(
        site.path(),
        "content/qms/bad.toml",
        &["bad.toml is not saved as UTF-8 text", "line 2, column 12"],
    );
}

#[test]
fn config_errors_point_into_qmsite_toml() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "qmsite.toml",
        "assessment_cadence_years = 2",
        "assessment_cadence_years = 2\nlanguage = \"xx\"\noutput_dir = \".\"",
    );
    edit(
        site.path(),
        "qmsite.toml",
        "main_framework = \"mini\"",
        "main_framework = \"nope\"",
    );
    assert_error(
        site.path(),
        "qmsite.toml:4:12",
        &["no theme strings for language \"xx\"", "\"en\""],
    );
    assert_error(
        site.path(),
        "qmsite.toml:5:14",
        &["is the site folder or one of its parents"],
    );
    assert_error(
        site.path(),
        "qmsite.toml:6:18",
        &["main_framework \"nope\"", "\"mini\""],
    );
}

#[test]
fn missing_config_is_reported() {
    let site = fixture("minimal");
    std::fs::remove_file(site.path().join("qmsite.toml")).expect("rm");
    let (code, err) = check(site.path());
    assert_eq!(code, 1);
    assert!(
        err.contains("holds no qmsite.toml, so it is not a qmsite site"),
        "{err}"
    );
    assert!(!err.contains("output"), "{err}");
}

#[test]
fn every_problem_of_a_run_is_reported_together() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/assessments/two.toml",
        "level = \"high\"",
        "level = \"top\"",
    );
    edit(
        site.path(),
        "content/improvements/register.toml",
        "qms = [\"Q1\"]",
        "qms = [\"Q9\"]",
    );
    edit(
        site.path(),
        "content/coverage/iso.toml",
        "level = \"initial\"",
        "level = \"partial\"",
    );
    edit(
        site.path(),
        "content/pages/method.md",
        "weight = 2",
        "wieght = 2",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, 1);
    for loc in [
        "content/assessments/two.toml:17:9",
        "content/improvements/register.toml:16:8",
        "content/coverage/iso.toml:3:9",
        "content/pages/method.md:3:1",
    ] {
        assert!(err.contains(loc), "{loc} missing from:\n{err}");
    }
    assert_eq!(
        err.lines().filter(|l| l.contains(": error: ")).count(),
        4,
        "{err}"
    );
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let site = fixture("minimal");
    let root = site.path().to_string_lossy().into_owned();
    let plain = common::qmsite(&["check", "--root", &root, "--today", "2024-11-01"]);
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert_eq!(plain.status.code(), Some(1 - 1), "{stderr}");
    // The fixture has a small peer group, an overdue action and missing coverage entries.
    assert!(
        stderr.contains("warning: benchmark \"peers\": the comparison group has only 4 peers"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "content/improvements/register.toml:2:6: warning: improvement \"I-1\" is overdue"
        ),
        "{stderr}"
    );
    let strict = common::qmsite(&[
        "check",
        "--root",
        &root,
        "--today",
        "2024-11-01",
        "--deny-warnings",
    ]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn qms_review_past_its_cadence_is_a_warning() {
    let site = fixture("minimal");
    let (code, err) = check(site.path());
    assert_eq!(code, 0);
    assert!(!err.contains("was last reviewed"), "{err}");
    edit(
        site.path(),
        "content/qms/qms.toml",
        "last_review = 2024-01-10",
        "last_review = 2023-01-10",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, 0);
    assert!(err.contains("content/qms/qms.toml:2:6: warning: QMS component \"Q1\" was last reviewed on 2023-01-10"), "{err}");
}
