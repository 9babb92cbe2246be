//! Times what an author waits for in `qmsite serve`: from saving a narrative to the browser being
//! told to reload, and to the served page holding the edit.
//!
//! ```sh
//! cargo build --release --bin qmsite --example serve_edit
//! target/release/examples/serve_edit target/release/qmsite /tmp/site content/pages/part-07/page-00507.md 5
//! ```
//!
//! Starts `qmsite serve` on the site (a free port, build date 2026-11-24), listens to its
//! live-reload events as a browser does, then `edits` times appends a unique line to the given
//! narrative and measures, for each edit: the time until the `reload` event arrives, and until
//! the page (and, for a narrative the full report shows, `report.html`) is served with the new
//! line. The file is restored afterwards. Prints every edit and the medians; asserts nothing
//! about time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Stops the server however the run ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Result<String, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| e.to_string())?;
    Ok(response)
}

fn events(port: u16) -> Result<mpsc::Receiver<(String, Instant)>, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET /__qmsite/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(event) = line.strip_prefix("event: ") {
                let _ = tx.send((event.to_owned(), Instant::now()));
            }
        }
    });
    Ok(rx)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn run(qmsite: &Path, site: &Path, page: &str, edits: usize) -> Result<(), String> {
    let file = site.join(page);
    let original =
        std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let slug = page
        .strip_prefix("content/pages/")
        .and_then(|p| p.strip_suffix(".md"))
        .ok_or("the page must be content/pages/….md")?;
    let url = format!("/pages/{slug}.html");
    // The full report shows the narratives whose front matter names a report section.
    let front = original
        .strip_prefix("+++")
        .and_then(|rest| rest.split("+++").next())
        .unwrap_or("");
    let in_report = front.lines().any(|l| l.trim_start().starts_with("report"));

    let started = Instant::now();
    let mut child = Command::new(qmsite)
        .args(["serve", "--port", "0", "--today", "2026-11-24", "--root"])
        .arg(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", qmsite.display()))?;
    let stdout = child.stdout.take().ok_or("no output from serve")?;
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let first = lines
        .next()
        .and_then(Result::ok)
        .ok_or("serve printed no address")?;
    let port: u16 = first
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| format!("no port in {first:?}"))?;
    println!(
        "serve ready after {} ms (first full build included)",
        started.elapsed().as_millis()
    );
    let rx = events(port)?;
    std::thread::sleep(Duration::from_millis(300));

    let mut to_reload = Vec::new();
    let mut to_page = Vec::new();
    let result = (|| -> Result<(), String> {
        for n in 1..=edits {
            let marker = format!("Edit number {n} of the timing run.");
            let text = format!("{original}\n{marker}\n");
            let saved = Instant::now();
            std::fs::write(&file, text).map_err(|e| e.to_string())?;
            let (event, at) = rx
                .recv_timeout(Duration::from_secs(30))
                .map_err(|_| "no event within 30 s".to_owned())?;
            if event != "reload" {
                return Err(format!("serve sent {event:?} instead of reload"));
            }
            let reload = at.duration_since(saved).as_secs_f64() * 1000.0;
            let mut targets = vec![url.clone()];
            if in_report {
                targets.push("/report.html".to_owned());
            }
            for t in &targets {
                let body = get(port, t)?;
                if !body.contains(&marker) {
                    return Err(format!("{t} does not show edit {n} after the reload event"));
                }
            }
            let served = saved.elapsed().as_secs_f64() * 1000.0;
            println!(
                "edit {n}: reload event after {reload:.1} ms; {} served with the edit after {served:.1} ms",
                targets.join(" and ")
            );
            to_reload.push(reload);
            to_page.push(served);
            // Let the watcher settle before the next save.
            std::thread::sleep(Duration::from_millis(300));
        }
        Ok(())
    })();
    let restored = std::fs::write(&file, &original);
    drop(server);
    result?;
    restored.map_err(|e| format!("cannot restore {}: {e}", file.display()))?;
    println!(
        "median of {edits}: reload event {:.1} ms, edited page served {:.1} ms (serve waits 60 ms for an editor's writes to settle)",
        median(to_reload),
        median(to_page)
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: serve_edit QMSITE SITE_ROOT content/pages/PAGE.md [EDITS]");
        std::process::exit(2);
    }
    let edits = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(5);
    if let Err(e) = run(
        &PathBuf::from(&args[0]),
        &PathBuf::from(&args[1]),
        &args[2],
        edits,
    ) {
        eprintln!("serve_edit: {e}");
        std::process::exit(1);
    }
}
