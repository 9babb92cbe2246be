//! Starts the browser headless with its own throw-away profile and connects to it through the
//! DevTools protocol.
//!
//! qmsite starts the process itself rather than through `headless_chrome`'s launcher: that one
//! retries a browser that does not start up to ten times, half a minute each, and cannot say
//! what the browser printed before it gave up. Here a browser that exits or stays silent is an
//! error naming it within [`START_TIMEOUT`], and the process is ended whatever happens.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use headless_chrome::Browser;

/// How long the browser may take to start and open its DevTools port.
pub const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running browser; the process ends when this is dropped.
pub struct Running {
    child: Child,
    /// The DevTools connection.
    pub browser: Browser,
    /// The browser's program, for messages.
    pub path: PathBuf,
    /// Its profile folder, removed after the process ended.
    profile: tempfile::TempDir,
}

impl Drop for Running {
    /// Asks the browser to quit (SIGTERM, which Chromium answers by closing its helper
    /// processes), ends it after [`STOP_TIMEOUT`], then removes its profile, trying again while
    /// helpers that are still closing write into it.
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Ok(pid) = libc::pid_t::try_from(self.child.id()) {
            // SAFETY: kill only sends a signal to the process this struct started and owns.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
        let deadline = std::time::Instant::now() + STOP_TIMEOUT;
        loop {
            match self.child.try_wait() {
                Ok(None) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Ok(Some(_)) => break,
                _ => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
            }
        }
        let profile = self.profile.path();
        for _ in 0..20 {
            let _ = std::fs::remove_dir_all(profile);
            std::thread::sleep(Duration::from_millis(50));
            if !profile.exists() {
                break;
            }
        }
    }
}

/// How long the browser may take to quit before it is ended.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// The switches every print starts the browser with, without their leading `--` (they are the
/// browser's, not qmsite's): headless, no first-run pages, no network services of the
/// browser's own (updates, sync, crash reports), a fixed colour profile.
const SWITCHES: [&str; 16] = [
    "headless",
    "remote-debugging-port=0",
    "no-first-run",
    "no-default-browser-check",
    "disable-gpu",
    "disable-extensions",
    "disable-background-networking",
    "disable-component-update",
    "disable-default-apps",
    "disable-sync",
    "disable-breakpad",
    "disable-crash-reporter",
    "disable-dev-shm-usage",
    "force-color-profile=srgb",
    "hide-scrollbars",
    "mute-audio",
];

/// The browser's command line: the switches, its profile folder, and a blank first page.
fn arguments(profile: &Path) -> Vec<String> {
    let mut args: Vec<String> = SWITCHES.iter().map(|s| format!("--{s}")).collect();
    args.push(format!("--{}={}", "user-data-dir", profile.display()));
    // Chromium refuses to run as root with its sandbox.
    // SAFETY: geteuid has no preconditions and cannot fail.
    #[cfg(unix)]
    if unsafe { libc::geteuid() } == 0 {
        args.push(format!("--{}", "no-sandbox"));
    }
    args.push("about:blank".to_owned());
    args
}

/// Reads the browser's messages to the end, so it never blocks on a full pipe; hands over the
/// DevTools address, or the last lines when the browser stops before it has one.
fn watch(stderr: std::process::ChildStderr) -> mpsc::Receiver<Result<String, String>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut last: Vec<String> = Vec::new();
        let mut sent = false;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if sent {
                continue;
            }
            if let Some(url) = line.split("DevTools listening on ").nth(1) {
                sent = tx.send(Ok(url.trim().to_owned())).is_ok();
            } else {
                last.push(line);
                if last.len() > 5 {
                    last.remove(0);
                }
            }
        }
        if !sent {
            let _ = tx.send(Err(last.join("\n")));
        }
    });
    rx
}

/// Starts the browser at `path` with a profile folder inside `scratch` and connects to it.
pub fn launch(path: &Path, scratch: &Path) -> Result<Running, String> {
    let name = path.display();
    let profile = tempfile::Builder::new()
        .prefix("profile-")
        .tempdir_in(scratch)
        .map_err(|e| {
            format!(
                "cannot create a browser profile in {}: {e}",
                scratch.display()
            )
        })?;
    let mut child = Command::new(path)
        .args(arguments(profile.path()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the browser {name}: {e}"))?;
    let Some(stderr) = child.stderr.take() else {
        let _ = child.kill();
        return Err(format!("cannot read what the browser {name} says"));
    };
    let rx = watch(stderr);
    let url = match rx.recv_timeout(START_TIMEOUT) {
        Ok(Ok(url)) => url,
        Ok(Err(said)) => {
            let _ = child.kill();
            let status = child.wait().map(|s| s.to_string()).unwrap_or_default();
            let said = if said.trim().is_empty() {
                String::new()
            } else {
                format!("; it said:\n{said}")
            };
            return Err(format!(
                "the browser {name} stopped before it was ready to print ({status}){said}"
            ));
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "the browser {name} did not start within {} s",
                START_TIMEOUT.as_secs()
            ));
        }
    };
    let browser = match Browser::connect_with_timeout(url, Duration::from_secs(600)) {
        Ok(b) => b,
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("cannot connect to the browser {name}: {e}"));
        }
    };
    Ok(Running {
        child,
        browser,
        path: path.to_path_buf(),
        profile,
    })
}
