//! The bad-input corpus as data: each `tests/fixtures/bad/<case>/case.toml` names the changes it
//! makes to the base site (`tests/fixtures/minimal`) and what qmsite must say about it. Read by
//! the corpus run (`tests/bad_input.rs`) and the schema check (`tests/schema_corpus.rs`).

use std::fs;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the fault is, in a sentence.
    pub about: String,
    #[serde(default)]
    pub copy: Vec<Copy>,
    #[serde(default)]
    pub write: Vec<Write>,
    #[serde(default)]
    pub edit: Vec<Edit>,
    #[serde(default)]
    pub bytes: Vec<Bytes>,
    #[serde(default)]
    pub generate: Vec<Generate>,
    #[serde(default)]
    pub symlink: Vec<Symlink>,
    #[serde(default)]
    pub fifo: Vec<String>,
    #[serde(default)]
    pub remove: Vec<String>,
    /// A file nobody but its owner may read; the faulty build then runs as an unprivileged user.
    #[serde(default)]
    pub unreadable: Option<String>,
    /// Extra arguments of the faulty build; `{site}`, `{home}` and `{outside}` are replaced.
    #[serde(default)]
    pub args: Vec<String>,
    /// Run with HOME set to a scratch home folder holding a file of its own.
    #[serde(default)]
    pub home: bool,
    /// The fault is one a JSON Schema can express: editors (taplo) must flag it too
    /// (`tests/schema_corpus.rs`).
    #[serde(default)]
    pub schema: bool,
    pub expect: Expect,
}

/// Copies a file of the repository into the site (e.g. a theme template to override).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Copy {
    pub from: String,
    pub to: String,
}

/// Writes a whole text file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Write {
    pub file: String,
    pub text: String,
}

/// Replaces the first occurrence of `find` (which must be there).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    pub file: String,
    pub find: String,
    pub replace: String,
}

/// Inserts raw bytes (hex) at the start of a file, or right after some text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bytes {
    pub file: String,
    pub hex: String,
    #[serde(default)]
    pub after: Option<String>,
}

/// Makes a large file at test time (never committed).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generate {
    pub file: String,
    /// "comment-lines" (a valid TOML file of `size_mib` MiB) or "nested-arrays" (`depth` deep).
    pub kind: String,
    #[serde(default)]
    pub size_mib: u64,
    #[serde(default)]
    pub depth: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Symlink {
    pub path: String,
    pub target: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The build must succeed (a fault qmsite accepts on purpose, e.g. a byte-order mark).
    #[serde(default)]
    pub success: bool,
    /// For successes: output files that must contain a text.
    #[serde(default)]
    pub contains: Vec<Contains>,
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub line: Option<usize>,
    #[serde(default)]
    pub col: Option<usize>,
    #[serde(default)]
    pub message: String,
    /// A fragment of the `expected:` line of the same diagnostic.
    #[serde(default)]
    pub expected: Option<String>,
    /// A fragment of the `help:` line of the same diagnostic: the fix to try first.
    #[serde(default)]
    pub suggestion: Option<String>,
    /// More diagnostics the same run must report (one mistake never hides the next).
    #[serde(default)]
    pub also: Vec<Also>,
    /// The folder is not a site at all: the run fails without talking about an output.
    #[serde(default)]
    pub not_a_site: bool,
    /// Texts that must not appear in the messages (e.g. the content of a file outside the site).
    #[serde(default)]
    pub not_in_output: Vec<String>,
}

/// Another diagnostic expected in the same run.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Also {
    pub file: String,
    #[serde(default)]
    pub line: Option<usize>,
    #[serde(default)]
    pub col: Option<usize>,
    #[serde(default)]
    pub severity: Option<String>,
    pub message: String,
    #[serde(default)]
    pub expected: Option<String>,
    #[serde(default)]
    pub suggestion: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contains {
    pub file: String,
    pub text: String,
}

pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex byte"))
        .collect()
}

pub fn fill(arg: &str, site: &Path, home: &Path, outside: &Path) -> String {
    arg.replace("{site}", &site.to_string_lossy())
        .replace("{home}", &home.to_string_lossy())
        .replace("{outside}", &outside.to_string_lossy())
}

/// Applies a case's changes to a copy of the base site.
pub fn apply(case: &Case, site: &Path, outside: &Path) -> Result<(), String> {
    let path = |rel: &str| site.join(rel);
    for c in &case.copy {
        let to = path(&c.to);
        fs::create_dir_all(to.parent().expect("parent")).map_err(|e| e.to_string())?;
        fs::copy(super::repo().join(&c.from), &to).map_err(|e| format!("copy {}: {e}", c.from))?;
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
