//! Which Chromium-family browser prints the report: the one named with `--browser` or
//! `QMSITE_BROWSER`, or the first found on the PATH or at a usual install path.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable naming the browser when `--browser` is not given.
pub const ENV_VAR: &str = "QMSITE_BROWSER";

/// Program names of Chromium, Google Chrome and Microsoft Edge, looked for on the PATH in order.
const NAMES: [&str; 8] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// Where the browsers install themselves when they are not on the PATH.
fn install_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/snap/bin/chromium",
        "/usr/bin/google-chrome",
        "/opt/google/chrome/chrome",
        "/usr/bin/microsoft-edge",
        "/opt/microsoft/msedge/msedge",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    for var in ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"] {
        if let Some(base) = std::env::var_os(var) {
            let base = PathBuf::from(base);
            paths.push(base.join(r"Google\Chrome\Application\chrome.exe"));
            paths.push(base.join(r"Microsoft\Edge\Application\msedge.exe"));
            paths.push(base.join(r"Chromium\Application\chrome.exe"));
        }
    }
    paths
}

/// What the search looks at: kept apart from the process's environment so tests can give their own.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The browser given with `--browser`.
    pub option: Option<PathBuf>,
    /// The value of `QMSITE_BROWSER`.
    pub env: Option<OsString>,
    /// The value of `PATH`.
    pub path_var: Option<OsString>,
    /// Usual install paths, tried after the PATH.
    pub install: Vec<PathBuf>,
}

impl Search {
    /// The search this process would make, with the browser given on the command line.
    pub fn from_env(option: Option<PathBuf>) -> Search {
        Search {
            option,
            env: std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()),
            path_var: std::env::var_os("PATH"),
            install: install_paths(),
        }
    }
}

/// What to install, said the same way whenever no browser can be used.
const ADVICE: &str = "qmsite prints the report with a Chromium-family browser (Chromium, Google Chrome or Microsoft Edge): install one (on Debian or Ubuntu: apt install chromium), or name the one to use with --browser PATH or the environment variable QMSITE_BROWSER";

/// The browser to print with, or why there is none.
pub fn find(search: &Search) -> Result<PathBuf, String> {
    if let Some(path) = &search.option {
        return named(path, search, "given with --browser");
    }
    if let Some(path) = &search.env {
        return named(Path::new(path), search, &format!("named by {ENV_VAR}"));
    }
    let on_path = NAMES
        .iter()
        .find_map(|n| on_path(n, search.path_var.as_ref()));
    on_path
        .or_else(|| search.install.iter().find(|p| runnable(p)).cloned())
        .ok_or_else(|| {
            format!(
                "no browser to print with was found (looked for {} on the PATH and at the usual install paths). {ADVICE}",
                NAMES.join(", ")
            )
        })
}

/// A browser the user named: a path, or a program name looked up on the PATH.
fn named(path: &Path, search: &Search, how: &str) -> Result<PathBuf, String> {
    let bare = path.components().count() == 1 && !path.is_absolute();
    let found = if bare && !runnable(path) {
        on_path(&path.to_string_lossy(), search.path_var.as_ref())
    } else {
        runnable(path).then(|| path.to_path_buf())
    };
    found.ok_or_else(|| {
        let why = if path.exists() {
            "is not a program this user may run"
        } else {
            "does not exist"
        };
        format!("the browser {} {how} {why}. {ADVICE}", path.display())
    })
}

/// The program `name` in the first folder of the PATH that has it.
fn on_path(name: &str, path_var: Option<&OsString>) -> Option<PathBuf> {
    let dirs = std::env::split_paths(path_var?).collect::<Vec<_>>();
    dirs.iter().find_map(|dir| {
        let plain = dir.join(name);
        let exe = dir.join(format!("{name}.exe"));
        [plain, exe].into_iter().find(|p| runnable(p))
    })
}

/// A file this user may run.
fn runnable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with an executable file of each given name.
    fn folder_with(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for n in names {
            let p = dir.path().join(n);
            std::fs::write(&p, "#!/bin/sh\n").expect("write");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("mode");
            }
        }
        dir
    }

    #[test]
    fn nothing_found_says_what_to_install_and_how_to_choose() {
        let empty = folder_with(&[]);
        let search = Search {
            path_var: Some(empty.path().as_os_str().to_owned()),
            ..Search::default()
        };
        let e = find(&search).expect_err("no browser");
        assert!(e.contains("apt install chromium"), "{e}");
        assert!(e.contains("--browser"), "{e}");
        assert!(e.contains("QMSITE_BROWSER"), "{e}");
    }

    #[test]
    fn the_path_comes_first_in_the_order_of_names_then_install_paths() {
        let a = folder_with(&["google-chrome"]);
        let b = folder_with(&["chromium"]);
        let joined = std::env::join_paths([a.path(), b.path()]).expect("join");
        let search = Search {
            path_var: Some(joined),
            install: vec![PathBuf::from("/nonexistent/chrome")],
            ..Search::default()
        };
        assert_eq!(find(&search), Ok(b.path().join("chromium")));
        let installed = folder_with(&["msedge"]);
        let search = Search {
            path_var: None,
            install: vec![
                PathBuf::from("/nonexistent/chrome"),
                installed.path().join("msedge"),
            ],
            ..Search::default()
        };
        assert_eq!(find(&search), Ok(installed.path().join("msedge")));
    }

    #[test]
    fn a_named_browser_wins_and_must_exist() {
        let dir = folder_with(&["chromium", "my-chrome"]);
        let search = Search {
            option: Some(PathBuf::from("/nonexistent/browser")),
            path_var: Some(dir.path().as_os_str().to_owned()),
            ..Search::default()
        };
        let e = find(&search).expect_err("missing browser");
        assert!(
            e.contains("/nonexistent/browser given with --browser does not exist"),
            "{e}"
        );
        // A bare name is looked up on the PATH; the option wins over the variable.
        let search = Search {
            option: Some(PathBuf::from("my-chrome")),
            env: Some("/nonexistent".into()),
            path_var: Some(dir.path().as_os_str().to_owned()),
            ..Search::default()
        };
        assert_eq!(find(&search), Ok(dir.path().join("my-chrome")));
        let search = Search {
            env: Some(dir.path().join("chromium").into_os_string()),
            ..Search::default()
        };
        assert_eq!(find(&search), Ok(dir.path().join("chromium")));
        let search = Search {
            env: Some(dir.path().into()),
            ..Search::default()
        };
        let e = find(&search).expect_err("a folder");
        assert!(
            e.contains("named by QMSITE_BROWSER is not a program"),
            "{e}"
        );
    }
}
