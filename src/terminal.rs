//! What qmsite prints: diagnostics with colour (unless `NO_COLOR` is set or the output is not a
//! terminal), status lines, and a progress bar for builds that take more than a second.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anstream::{eprintln, println};
use anstyle::{AnsiColor, Style};

use crate::build::Progress;
use crate::diagnostics::{Diagnostics, Severity};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const PLACE: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// How many warnings of one kind are listed one by one before they are summarised.
const LISTED_WARNINGS: usize = 3;

/// Prints every diagnostic, errors first, each with its place and what was expected. Warnings
/// of one kind that come in numbers (fifteen overdue actions) are one line with a count unless
/// `verbose`; `quiet` leaves warnings out.
pub fn print_diagnostics(diags: &Diagnostics, quiet: bool, verbose: bool) {
    let sorted = diags.sorted();
    let mut per_code: HashMap<&str, usize> = HashMap::new();
    for d in &sorted {
        if d.severity == Severity::Warning
            && let Some(c) = d.code
        {
            *per_code.entry(c.id).or_default() += 1;
        }
    }
    let mut summarised: Vec<&str> = Vec::new();
    for d in sorted {
        if (quiet && d.severity == Severity::Warning) || (!verbose && d.severity == Severity::Note)
        {
            continue;
        }
        let (style, label) = match d.severity {
            Severity::Error => (ERROR, "error"),
            Severity::Warning => (WARNING, "warning"),
            Severity::Note => (DIM, "note"),
        };
        if let (Severity::Warning, Some(code), false) = (d.severity, d.code, verbose) {
            let n = per_code.get(code.id).copied().unwrap_or(0);
            if n > LISTED_WARNINGS {
                if !summarised.contains(&code.id) {
                    summarised.push(code.id);
                    let what = code.summary.map_or_else(
                        || format!("{n} warnings: {}", code.title),
                        |s| s.replace("{n}", &n.to_string()),
                    );
                    eprintln!(
                        "{PLACE}{}{PLACE:#}: {style}{label}{style:#}: {what} (the first here; --verbose lists them all)",
                        d.location()
                    );
                    eprintln!("{DIM}    = more: qmsite explain {}{DIM:#}", code.id);
                }
                continue;
            }
        }
        eprintln!(
            "{PLACE}{}{PLACE:#}: {style}{label}{style:#}: {}",
            d.location(),
            d.message
        );
        let text = d.to_string();
        for line in text.lines().skip(1) {
            eprintln!("{DIM}{line}{DIM:#}");
        }
    }
}

/// Prints every diagnostic as one line of JSON on standard output (see
/// [`crate::diagnostics::json`]); `quiet` leaves warnings out.
pub fn print_json(diags: &Diagnostics, quiet: bool) {
    for d in diags.sorted() {
        if quiet && d.severity != Severity::Error {
            continue;
        }
        println!("{}", crate::diagnostics::json::line(d));
    }
}

/// Prints a status line on standard error.
pub fn status(text: &str) {
    eprintln!("{text}");
}

/// Prints a summary line on standard output.
pub fn summary(text: &str) {
    println!("{text}");
}

/// Draws a progress bar on standard error, but only once the work has taken over a second and
/// only on a terminal. Dropping the returned guard stops and clears it.
pub struct ProgressBar {
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    /// Starts watching `progress`.
    pub fn start(progress: Arc<Progress>, enabled: bool) -> Self {
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let thread = enabled.then(|| {
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                while started.elapsed() < Duration::from_secs(1) {
                    if flag.load(Ordering::Relaxed) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(25));
                }
                let bar = indicatif::ProgressBar::new(0);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{spinner} {msg} [{bar:30}] {pos}/{len}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar.set_message("Building");
                while !flag.load(Ordering::Relaxed) {
                    let total = progress.total.load(Ordering::Relaxed) as u64;
                    bar.set_length(total.max(1));
                    bar.set_position((progress.done.load(Ordering::Relaxed) as u64).min(total));
                    std::thread::sleep(Duration::from_millis(50));
                }
                bar.finish_and_clear();
            })
        });
        ProgressBar { stop, thread }
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
