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

use serde::Deserialize;

const TODAY: &str = "2024-11-01";

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the fault is, in a sentence.
    about: String,
    #[serde(default)]
    copy: Vec<Copy>,
    #[serde(default)]
    write: Vec<Write>,
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    bytes: Vec<Bytes>,
    #[serde(default)]
    generate: Vec<Generate>,
    #[serde(default)]
    symlink: Vec<Symlink>,
    #[serde(default)]
    fifo: Vec<String>,
    #[serde(default)]
    remove: Vec<String>,
    /// A file nobody but its owner may read; the faulty build then runs as an unprivileged user.
    #[serde(default)]
    unreadable: Option<String>,
    /// Extra arguments of the faulty build; `{site}`, `{home}` and `{outside}` are replaced.
    #[serde(default)]
    args: Vec<String>,
    /// Run with HOME set to a scratch home folder holding a file of its own.
    #[serde(default)]
    home: bool,
    /// The fault is one a JSON Schema can express: editors (taplo) must flag it too
    /// (`tests/schema_corpus.rs`).
    #[serde(default)]
    schema: bool,
    expect: Expect,
}

/// Copies a file of the repository into the site (e.g. a theme template to override).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Copy {
    from: String,
    to: String,
}

/// Writes a whole text file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Write {
    file: String,
    text: String,
}

/// Replaces the first occurrence of `find` (which must be there).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    find: String,
    replace: String,
}

/// Inserts raw bytes (hex) at the start of a file, or right after some text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bytes {
    file: String,
    hex: String,
    #[serde(default)]
    after: Option<String>,
}

/// Makes a large file at test time (never committed).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    file: String,
    /// "comment-lines" (a valid TOML file of `size_mib` MiB) or "nested-arrays" (`depth` deep).
    kind: String,
    #[serde(default)]
    size_mib: u64,
    #[serde(default)]
    depth: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Symlink {
    path: String,
    target: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// The build must succeed (a fault qmsite accepts on purpose, e.g. a byte-order mark).
    #[serde(default)]
    success: bool,
    /// For successes: output files that must contain a text.
    #[serde(default)]
    contains: Vec<Contains>,
    #[serde(default)]
    file: String,
    #[serde(default)]
    line: Option<usize>,
    #[serde(default)]
    col: Option<usize>,
    #[serde(default)]
    message: String,
    /// A fragment of the `expected:` line of the same diagnostic.
    #[serde(default)]
    expected: Option<String>,
    /// A fragment of the `help:` line of the same diagnostic: the fix to try first.
    #[serde(default)]
    suggestion: Option<String>,
    /// More diagnostics the same run must report (one mistake never hides the next).
    #[serde(default)]
    also: Vec<Also>,
    /// The folder is not a site at all: the run fails without talking about an output.
    #[serde(default)]
    not_a_site: bool,
    /// Texts that must not appear in the messages (e.g. the content of a file outside the site).
    #[serde(default)]
    not_in_output: Vec<String>,
}

/// Another diagnostic expected in the same run.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Also {
    file: String,
    #[serde(default)]
    line: Option<usize>,
    #[serde(default)]
    col: Option<usize>,
    #[serde(default)]
    severity: Option<String>,
    message: String,
    #[serde(default)]
    expected: Option<String>,
    #[serde(default)]
    suggestion: Option<String>,
}

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Contains {
    file: String,
    text: String,
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex byte"))
        .collect()
}

fn fill(arg: &str, site: &Path, home: &Path, outside: &Path) -> String {
    arg.replace("{site}", &site.to_string_lossy())
        .replace("{home}", &home.to_string_lossy())
        .replace("{outside}", &outside.to_string_lossy())
}

/// Applies a case's changes to a copy of the base site.
fn apply(case: &Case, site: &Path, outside: &Path) -> Result<(), String> {
    let path = |rel: &str| site.join(rel);
    for c in &case.copy {
        let to = path(&c.to);
        fs::create_dir_all(to.parent().expect("parent")).map_err(|e| e.to_string())?;
        fs::copy(common::repo().join(&c.from), &to).map_err(|e| format!("copy {}: {e}", c.from))?;
    }
    for w in &case.write {
        let to = path(&w.file);
        fs::create_dir_all(to.parent().expect("parent")).map_err(|e| e.to_string())?;
        fs::write(&to, &w.text).map_err(|e| e.to_string())?;
    }
    for e in &case.edit {
        let text = fs::read_to_string(path(&e.file)).map_err(|x| format!("{}: {x}", e.file))?;
        if !text.contains(&e.find) {
            return Err(format!("{} does not contain {:?}", e.file, e.find));
        }
        fs::write(path(&e.file), text.replacen(&e.find, &e.replace, 1))
            .map_err(|x| x.to_string())?;
    }
    for b in &case.bytes {
        let mut data = fs::read(path(&b.file)).map_err(|x| format!("{}: {x}", b.file))?;
        let at = match &b.after {
            None => 0,
            Some(after) => {
                let text = String::from_utf8_lossy(&data).into_owned();
                text.find(after.as_str())
                    .ok_or_else(|| format!("{} does not contain {after:?}", b.file))?
                    + after.len()
            }
        };
        data.splice(at..at, hex(&b.hex));
        fs::write(path(&b.file), data).map_err(|x| x.to_string())?;
    }
    for g in &case.generate {
        let text = match g.kind.as_str() {
            "comment-lines" => {
                let line = "# padding padding padding padding padding padding padding padding\n";
                let n = (g.size_mib * 1024 * 1024) as usize / line.len() + 1;
                format!("[[component]]\n{}", line.repeat(n))
            }
            "nested-arrays" => format!("x = {}{}\n", "[".repeat(g.depth), "]".repeat(g.depth)),
            other => return Err(format!("unknown generator {other}")),
        };
        fs::write(path(&g.file), text).map_err(|x| x.to_string())?;
    }
    for s in &case.symlink {
        let target = s.target.replace("{outside}", &outside.to_string_lossy());
        std::os::unix::fs::symlink(&target, path(&s.path)).map_err(|x| x.to_string())?;
    }
    for f in &case.fifo {
        let c = std::ffi::CString::new(path(f).to_string_lossy().into_owned()).expect("path");
        // SAFETY: a valid NUL-terminated path.
        if unsafe { libc::mkfifo(c.as_ptr(), 0o644) } != 0 {
            return Err(format!("mkfifo {f}: {}", std::io::Error::last_os_error()));
        }
    }
    for r in &case.remove {
        let p = path(r);
        if p.is_dir() {
            fs::remove_dir_all(&p).map_err(|x| x.to_string())?;
        } else {
            fs::remove_file(&p).map_err(|x| format!("{r}: {x}"))?;
        }
    }
    Ok(())
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
                        .filter(|n| n.contains("qmsite-"))
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
            (inside == "qmsite.toml" || inside.starts_with("content/")).then_some(rel)
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
