//! What qmsite prints: diagnostics with colour (unless `NO_COLOR` is set or the output is not a
//! terminal), status lines, and a progress bar for builds that take more than a second.

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

/// Prints every diagnostic, errors first, each with its place and what was expected.
pub fn print_diagnostics(diags: &Diagnostics, quiet: bool) {
    for d in diags.sorted() {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        let (style, label) = match d.severity {
            Severity::Error => (ERROR, "error"),
            Severity::Warning => (WARNING, "warning"),
        };
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
