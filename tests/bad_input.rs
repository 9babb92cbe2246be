//! The bad-input corpus: every folder under `tests/fixtures/bad/` is one faulty site, written as
//! the changes it makes to the shared base site (`tests/fixtures/minimal`) plus what qmsite must
//! say about it, in `case.toml`.
//!
//! For each case the harness copies the base, builds a good output first, applies the fault, runs
//! the faulty build and asserts: a non-zero exit, a message naming the file (with line:col where
//! there is one), the message and the expected values, no panic, no temporary folder left
//! behind, and the previous output byte-for-byte unchanged. Every failing case is reported at
//! once. `BAD_CASE=name` runs one case.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::corpus::{Case, apply, fill};

const TODAY: &str = "2024-11-01";

/// Finds a diagnostic by its place, severity, message and the fragments of its lines.
#[allow(clippy::too_many_arguments)]
fn find_diagnostic<'a>(
    all: &'a [String],
    file: &str,
    line: Option<usize>,
    col: Option<usize>,
    severity: &str,
    message: &str,
    expected: Option<&str>,
    suggestion: Option<&str>,
) -> Option<&'a String> {
    let location = match (line, col) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}: {severity}: "),
        (Some(l), None) => format!("{file}:{l}:"),
        _ => format!("{file}: {severity}: "),
    };
    let has = |d: &str, prefix: &str, fragment: Option<&str>| {
        fragment.is_none_or(|x| d.lines().any(|l| l.starts_with(prefix) && l.contains(x)))
    };
    all.iter().find(|d| {
        d.starts_with(&location)
            && d.lines()
                .next()
                .is_some_and(|l| l.contains(&format!("{severity}: ")))
            && d.contains(message)
            && has(d, "    = expected: ", expected)
            && has(d, "    = help: ", suggestion)
    })
}

/// Splits qmsite's messages into diagnostics: a line starting without a space opens one.
fn diagnostics(stderr: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in stderr.lines() {
        if line.starts_with(' ') {
            if let Some(last) = out.last_mut() {
                last.push('\n');
                last.push_str(line);
            }
        } else {
            out.push(line.to_owned());
        }
    }
    out
}

fn chmod_tree(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk");
        if entry.path_is_symlink() {
            continue;
        }
        let mode = if entry.file_type().is_dir() {
            0o755
        } else {
            0o644
        };
        fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).expect("chmod");
    }
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// The command for a faulty build; as root, a file with mode 000 is still readable, so a case
/// with an unreadable file runs as the unprivileged user `nobody` (uid 65534) through setpriv.
fn command(case: &Case, bin: &Path, tmp: &Path) -> Result<Command, String> {
    if case.unreadable.is_some() && is_root() {
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
            .into_iter()
            .find(|p| Path::new(p).is_file())
            .ok_or("running as root and setpriv is missing: cannot make a file unreadable")?;
        let _ = tmp;
        let mut c = Command::new(setpriv);
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            &bin.to_string_lossy(),
        ]);
        Ok(c)
    } else {
        Ok(Command::new(bin))
    }
}

fn run_case(dir: &Path) -> Result<(), String> {
    let text = fs::read_to_string(dir.join("case.toml")).map_err(|e| e.to_string())?;
    let case: Case = toml::from_str(&text).map_err(|e| format!("case.toml: {e}"))?;
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let site = tmp.path().join("site");
    let outside = tmp.path().join("outside");
    let home = tmp.path().join("home");
    common::copy_dir(&common::repo().join("tests/fixtures/minimal"), &site);
    fs::create_dir_all(&outside).map_err(|e| e.to_string())?;
    fs::write(
        outside.join("secret.toml"),
        "SECRET-OUTSIDE = [\nnot toml at all\n",
    )
    .map_err(|e| e.to_string())?;
    fs::create_dir_all(&home).map_err(|e| e.to_string())?;
    fs::write(home.join("thesis.docx"), "the user's own file").map_err(|e| e.to_string())?;
    // The binary, copied where an unprivileged user can run it.
    let bin = tmp.path().join("qmsite");
    fs::copy(env!("CARGO_BIN_EXE_qmsite"), &bin).map_err(|e| e.to_string())?;

    // A good build first: its output must survive the faulty one.
    let out = site.join("output");
    let good = common::qmsite(&["build", "--root", &site.to_string_lossy(), "--today", TODAY]);
    if !good.status.success() {
        return Err(format!(
            "the base site does not build:\n{}",
            String::from_utf8_lossy(&good.stderr)
        ));
    }
    let before = common::snapshot(&out);

    apply(&case, &site, &outside)?;
    if let Some(u) = &case.unreadable {
        use std::os::unix::fs::PermissionsExt;
        if is_root() {
            chmod_tree(tmp.path());
            fs::set_permissions(&bin, fs::Permissions::from_mode(0o755))
                .map_err(|e| e.to_string())?;
        }
        fs::set_permissions(site.join(u), fs::Permissions::from_mode(0o000))
            .map_err(|e| e.to_string())?;
    }
    let mut cmd = command(&case, &bin, tmp.path())?;
    cmd.args(["build", "--root", &site.to_string_lossy(), "--today", TODAY]);
    cmd.args(case.args.iter().map(|a| fill(a, &site, &home, &outside)));
    cmd.env("NO_COLOR", "1");
    if case.home {
        cmd.env("HOME", &home);
    }
    let o = cmd.output().map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let shown = format!("{}\nstderr:\n{stderr}stdout:\n{stdout}", case.about);
    let mut problems = Vec::new();

    if stderr.contains("panicked") || o.status.code().is_none() {
        problems.push(format!("crashed or panicked ({:?})", o.status));
    }
    let e = &case.expect;
    if e.success {
        if !o.status.success() {
            problems.push("expected a successful build".to_owned());
        }
        for c in &e.contains {
            let page = fs::read_to_string(out.join(&c.file)).unwrap_or_default();
            if !page.contains(&c.text) {
                problems.push(format!("{} does not contain {:?}", c.file, c.text));
            }
        }
    } else {
        if o.status.success() || o.status.code() != Some(1) {
            problems.push(format!("expected exit code 1, got {:?}", o.status.code()));
        }
        let file = fill(&e.file, &site, &home, &outside);
        let all = diagnostics(&stderr);
        if find_diagnostic(
            &all,
            &file,
            e.line,
            e.col,
            "error",
            &e.message,
            e.expected.as_deref(),
            e.suggestion.as_deref(),
        )
        .is_none()
        {
            problems.push(format!(
                "no error at {file}:{:?}:{:?} with {:?}, expected {:?} and suggestion {:?}",
                e.line, e.col, e.message, e.expected, e.suggestion
            ));
        }
        for a in &e.also {
            let severity = a.severity.as_deref().unwrap_or("error");
            if find_diagnostic(
                &all,
                &a.file,
                a.line,
                a.col,
                severity,
                &a.message,
                a.expected.as_deref(),
                a.suggestion.as_deref(),
            )
            .is_none()
            {
                problems.push(format!(
                    "no {severity} at {}:{:?}:{:?} with {:?}, expected {:?} and suggestion {:?} (all at once)",
                    a.file, a.line, a.col, a.message, a.expected, a.suggestion
                ));
            }
        }
        for d in &all {
            if d.contains(": error: ") && !d.contains("    = more: qmsite explain ") {
                problems.push(format!("an error without a code to explain: {d}"));
            }
        }
        let summary = stderr.contains("The previous output was left as it was");
        if e.not_a_site && (summary || stderr.contains("output")) {
            problems.push("outside a site, the messages talk about an output".to_owned());
        } else if !e.not_a_site && !summary {
            problems.push("the failure summary is missing".to_owned());
        }
        let after = common::snapshot(&out);
        if after != before {
            problems.push("the previous output changed".to_owned());
        }
        for (dir, what) in [(&site, "site"), (&tmp.path().to_path_buf(), "parent")] {
            let leftovers: Vec<String> = fs::read_dir(dir)
                .map(|d| {
                    d.filter_map(Result::ok)
                        .map(|x| x.file_name().to_string_lossy().into_owned())
                        .filter(|n| n.contains("qmsite-") && n != ".qmsite-cache")
                        .collect()
                })
                .unwrap_or_default();
            if !leftovers.is_empty() {
                problems.push(format!(
                    "temporary folders left in the {what}: {leftovers:?}"
                ));
            }
        }
        if fs::read_to_string(home.join("thesis.docx")).ok().as_deref()
            != Some("the user's own file")
        {
            problems.push("the home folder was touched".to_owned());
        }
    }
    for d in diagnostics(&stderr) {
        // The lines quoted from the user's file may say anything; qmsite's own words may not.
        let own: Vec<&str> = d.lines().filter(|l| !l.starts_with("    | ")).collect();
        let words = common::jargon_in(&own.join("\n"));
        if !words.is_empty() {
            problems.push(format!("a message speaks serde ({words:?}): {d}"));
        }
    }
    for text in &e.not_in_output {
        if stderr.contains(text) || stdout.contains(text) {
            problems.push(format!("the messages show {text:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{shown}", problems.join("\n")))
    }
}

#[test]
fn every_bad_input_case_fails_cleanly_with_a_precise_message() {
    let root = common::repo().join("tests/fixtures/bad");
    let only = std::env::var("BAD_CASE").ok();
    let mut cases: Vec<(String, PathBuf)> = fs::read_dir(&root)
        .expect("tests/fixtures/bad")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("case.toml").is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| only.as_ref().is_none_or(|o| o == n))
        .collect();
    cases.sort();
    if only.is_none() {
        assert!(cases.len() >= 40, "only {} cases", cases.len());
    }
    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    for (name, dir) in &cases {
        if let Err(e) = run_case(dir) {
            failures.insert(name.clone(), e);
        }
    }
    let report: Vec<String> = failures
        .iter()
        .map(|(n, e)| format!("=== {n}\n{e}"))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed: {:?}\n\n{}",
        failures.len(),
        cases.len(),
        failures.keys().collect::<Vec<_>>(),
        report.join("\n\n")
    );
}
