//! `qmsite serve`: build into memory, serve on loopback, rebuild on every edit and reload the
//! open pages.
//!
//! The site is held in memory, never written to disk, so the last good site keeps being served
//! while an edit has errors; the errors show in the terminal and as an overlay in the browser.
//! An edit to one narrative that leaves its title and order alone re-renders only that page.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::build::{self, Content, Options, Prepared};
use crate::diagnostics::Diagnostics;

/// Where the live-reload script and event stream are served; no site file can live there.
const LIVE_PREFIX: &str = "/__qmsite/";

/// How `serve` is asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site and build date.
    pub site: Options,
    /// Address to listen on (127.0.0.1 unless told otherwise).
    pub interface: IpAddr,
    /// Port (0 picks a free one).
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// List every warning one by one.
    pub verbose: bool,
}

/// What is being served now.
#[derive(Default)]
struct Served {
    files: BTreeMap<String, Arc<[u8]>>,
    /// The problems of the last failed rebuild, shown as an overlay until the next good one.
    error: Option<String>,
}

/// Live-reload listeners (one per open page).
#[derive(Default)]
struct Listeners {
    senders: Mutex<Vec<Sender<String>>>,
}

impl Listeners {
    fn broadcast(&self, event: &str, data: &str) {
        let mut message = format!("event: {event}\n");
        for line in data.lines() {
            message.push_str("data: ");
            message.push_str(line);
            message.push('\n');
        }
        if data.is_empty() {
            message.push_str("data: \n");
        }
        message.push('\n');
        if let Ok(mut senders) = self.senders.lock() {
            senders.retain(|s| s.send(message.clone()).is_ok());
        }
    }

    fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        if let Ok(mut senders) = self.senders.lock() {
            senders.push(tx);
        }
        rx
    }
}

fn load_files(rendered: &build::Rendered) -> Result<BTreeMap<String, Arc<[u8]>>, String> {
    rendered
        .files
        .iter()
        .map(|(k, v)| v.bytes().map(|b| (k.clone(), Arc::from(b.into_owned()))))
        .collect()
}

fn render_errors(diags: &Diagnostics) -> String {
    diags
        .sorted()
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A site built in full, kept to re-render edited narratives alone.
struct Built {
    /// The validated site, its figures and theme.
    prepared: Prepared,
    /// Every file and the ids on every page of that build.
    links: crate::check::links::Index,
    /// Pages rendered.
    pages: usize,
}

/// A full build into memory. Returns the built site on success, the error text otherwise.
fn full_build(opts: &Options, served: &RwLock<Served>, verbose: bool) -> Result<Built, String> {
    let mut diags = Diagnostics::new();
    let prepared = build::prepare(opts, &mut diags);
    let rendered = prepared.as_ref().and_then(|p| p.render(None, &mut diags));
    crate::terminal::print_diagnostics(&diags, false, verbose);
    match (prepared, rendered) {
        (Some(p), Some(r)) if !diags.has_errors() => {
            let files = load_files(&r)?;
            if let Ok(mut s) = served.write() {
                s.files = files;
                s.error = None;
            }
            Ok(Built {
                prepared: p,
                links: r.links,
                pages: r.pages,
            })
        }
        _ => Err(render_errors(&diags)),
    }
}

/// Runs the server until the process is stopped.
///
/// Long because the server's life in order: port, first build, watcher, request loop; each step is
/// a call, and splitting the loop would pass its shared state around.
pub fn serve(mut opts: ServeOptions) -> Result<(), String> {
    // Watch events carry absolute paths: compare them with an absolute root.
    opts.site.root = opts.site.root.canonicalize().map_err(|e| {
        format!(
            "cannot open the site folder {}: {e}",
            opts.site.root.display()
        )
    })?;
    // Take the port first: a port in use is said at once, not after a build.
    let address = SocketAddr::new(opts.interface, opts.port);
    let server = tiny_http::Server::http(address).map_err(|e| {
        let in_use = e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse);
        if in_use {
            format!(
                "port {} on {} is in use (perhaps by another qmsite serve); use --port 0 to take any free port, or --port {} to try the next one",
                opts.port,
                opts.interface,
                opts.port.wrapping_add(1).max(1)
            )
        } else {
            format!("cannot listen on {address}: {e}; use --port 0 to take any free port")
        }
    })?;
    let served = Arc::new(RwLock::new(Served::default()));
    let listeners = Arc::new(Listeners::default());
    let started = Instant::now();
    let mut built = match full_build(&opts.site, &served, opts.verbose) {
        Ok(b) => {
            crate::terminal::status(&format!(
                "{} Built {} pages in {} ms.",
                clock(),
                b.pages,
                started.elapsed().as_millis()
            ));
            Some(b)
        }
        Err(e) => {
            if let Ok(mut s) = served.write() {
                s.error = Some(e);
            }
            crate::terminal::status(
                "The site has errors; serving them as a page until they are fixed.",
            );
            None
        }
    };

    let server = Arc::new(server);
    let local = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| "the server has no IP address".to_owned())?;
    let url = format!("http://{local}/");
    // Printed on stdout so that scripts (and tests) can find the port.
    println!(
        "Serving {} at {url} (Ctrl+C to stop)",
        opts.site.root.display()
    );
    let _ = std::io::stdout().flush();
    if opts.open {
        open_browser(&url);
    }

    for _ in 0..4 {
        let server = server.clone();
        let served = served.clone();
        let listeners = listeners.clone();
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &served, &listeners);
            }
        });
    }

    // Watch the configuration, the content and the site's themes.
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(move |e| {
        let _ = tx.send(e);
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    let root = &opts.site.root;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for folder in ["content", "themes"] {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    let output = root.join("output");
    while let Ok(first) = rx.recv() {
        // Debounce: gather what else changes in the next moments (editors write in several steps).
        let mut events = vec![first];
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(60)) {
            events.push(more);
        }
        let mut paths: Vec<PathBuf> = events
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                !matches!(
                    e.kind,
                    notify::EventKind::Access(_) | notify::EventKind::Other
                )
            })
            .flat_map(|e| e.paths)
            .filter(|p| relevant(root, &output, p))
            .collect();
        paths.sort();
        paths.dedup();
        if paths.is_empty() {
            continue;
        }
        let started = Instant::now();
        // An edited narrative alone: re-render only that page when nothing else depends on it.
        let narratives_only = paths.iter().all(|p| is_narrative(root, p) && p.is_file());
        if narratives_only && let Some(b) = built.as_mut() {
            let mut diags = Diagnostics::new();
            let updated: Option<Vec<(String, Content)>> = paths
                .iter()
                .map(|f| b.prepared.rerender_narrative(f, &b.links, &mut diags))
                .collect::<Option<Vec<_>>>()
                .map(|v| v.into_iter().flatten().collect());
            if let (Some(updated), false) = (updated, diags.has_errors()) {
                let mut names = Vec::new();
                if let Ok(mut s) = served.write() {
                    for (path, content) in updated {
                        if let Ok(bytes) = content.bytes() {
                            s.files.insert(path.clone(), Arc::from(bytes.into_owned()));
                        }
                        if !names.contains(&path) {
                            names.push(path);
                        }
                    }
                    s.error = None;
                }
                crate::terminal::status(&format!(
                    "{} Rebuilt {} in {} ms.",
                    clock(),
                    names.join(", "),
                    started.elapsed().as_millis()
                ));
                listeners.broadcast("reload", "");
                // The search index holds every narrative's words: made again after the reload,
                // so the edited page is not kept waiting for it.
                let (path, index) = b.prepared.search_index();
                if let (Ok(bytes), Ok(mut s)) = (index.bytes(), served.write()) {
                    s.files.insert(path, Arc::from(bytes.into_owned()));
                }
                continue;
            }
        }
        match full_build(&opts.site, &served, opts.verbose) {
            Ok(b) => {
                crate::terminal::status(&format!(
                    "{} Rebuilt the site ({} pages) in {} ms.",
                    clock(),
                    b.pages,
                    started.elapsed().as_millis()
                ));
                built = Some(b);
                listeners.broadcast("reload", "");
            }
            Err(e) => {
                crate::terminal::status(&format!(
                    "{} The edit has errors; still serving the last good site.",
                    clock()
                ));
                if let Ok(mut s) = served.write() {
                    s.error = Some(e.clone());
                }
                listeners.broadcast("problem", &e);
            }
        }
    }
    Ok(())
}

/// The time of day for rebuild lines, so a line can be matched with the edit that caused it.
fn clock() -> String {
    jiff::Zoned::now().strftime("[%H:%M:%S]").to_string()
}

/// Edits worth a rebuild: the configuration, content and themes; not the output or hidden files.
fn relevant(root: &Path, output: &Path, path: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    // Editors' temporary files come and go; a content file that is gone still counts (deleted).
    let content_kind = path
        .extension()
        .is_some_and(|e| e == "toml" || e == "md" || e == "html");
    if !path.exists() && !content_kind {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    let name = rel.to_string_lossy();
    !hidden
        && (name == crate::content::config::CONFIG_FILE
            || rel.starts_with("content")
            || rel.starts_with("themes"))
        && !name.ends_with('~')
}

fn is_narrative(root: &Path, path: &Path) -> bool {
    path.starts_with(root.join("content").join("pages"))
        && path.extension().is_some_and(|e| e == "md")
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(program)
        .arg(url)
        .spawn()
        .is_err()
    {
        crate::terminal::status(&format!("Could not start a browser; open {url} yourself."));
    }
}

/// Turns a request path into a key of the served files; `None` for anything that tries to leave
/// the site (`..`, `.`, backslashes, NUL, encoded or not).
pub fn resolve_request(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = crate::url::percent_decode_strict(path)?;
    // Decode twice: a doubly encoded `%252e%252e` must not slip through either.
    let decoded = if decoded.contains('%') {
        crate::url::percent_decode_strict(&decoded)?
    } else {
        decoded
    };
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return None,
            p => parts.push(p),
        }
    }
    let mut key = parts.join("/");
    if key.is_empty() || decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: tiny_http::Request, status: u16, kind: &str, body: Vec<u8>) {
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    for h in [
        header("Content-Type", kind),
        header("Cache-Control", "no-store"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

const LIVE_SCRIPT: &str = include_str!("live.js");

fn handle(request: tiny_http::Request, served: &RwLock<Served>, listeners: &Listeners) {
    let url = request.url().to_owned();
    if let Some(rest) = url.strip_prefix(LIVE_PREFIX) {
        match rest {
            "live.js" => respond(
                request,
                200,
                "text/javascript; charset=utf-8",
                LIVE_SCRIPT.as_bytes().to_vec(),
            ),
            "events" => {
                let rx = listeners.subscribe();
                let pending = served.read().ok().and_then(|s| s.error.clone());
                std::thread::spawn(move || stream_events(request, rx, pending));
            }
            _ => respond(
                request,
                404,
                "text/plain; charset=utf-8",
                b"not found".to_vec(),
            ),
        }
        return;
    }
    let Some(key) = resolve_request(&url) else {
        respond(
            request,
            404,
            "text/plain; charset=utf-8",
            b"not found".to_vec(),
        );
        return;
    };
    let (file, error, not_found) = match served.read() {
        Ok(s) => (
            s.files.get(&key).cloned(),
            s.error.clone(),
            s.files.get(crate::plan::paths::NOT_FOUND).cloned(),
        ),
        Err(_) => (None, None, None),
    };
    match file {
        Some(bytes) if key.ends_with(".html") => {
            respond(request, 200, content_type(&key), inject(&bytes))
        }
        Some(bytes) => respond(request, 200, content_type(&key), bytes.to_vec()),
        None if error.is_some() && key.ends_with("index.html") => {
            // No good build yet: a page that shows the problems and reloads when they are fixed.
            let page = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>qmsite: errors</title></head><body><h1>The site has errors</h1><pre id=\"qmsite-errors\">{}</pre><script src=\"{LIVE_PREFIX}live.js\"></script></body></html>",
                ammonia::clean_text(error.as_deref().unwrap_or(""))
            );
            respond(request, 200, "text/html; charset=utf-8", page.into_bytes());
        }
        None => match not_found {
            // The site's own not-found page, its links made to work from any depth.
            Some(page) => respond(
                request,
                404,
                "text/html; charset=utf-8",
                inject(&from_server_root(&page)),
            ),
            None => respond(
                request,
                404,
                "text/plain; charset=utf-8",
                b"not found".to_vec(),
            ),
        },
    }
}

/// The not-found page with its relative `href` and `src` addresses made absolute: it is
/// written for the top of the site, but `serve` answers with it at any depth.
fn from_server_root(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest: &str = &text;
    loop {
        let next = [" href=\"", " src=\""]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| i + a.len()))
            .min();
        let Some(start) = next else { break };
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let value = rest.split('"').next().unwrap_or("");
        if !value.starts_with('/')
            && !value.starts_with('#')
            && crate::url::scheme_of(value).is_none()
        {
            out.push('/');
        }
    }
    out.push_str(rest);
    out.into_bytes()
}

/// Adds the live-reload script to a page, and lets the page's security policy allow the one
/// connection it needs: the event stream back to this server.
fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_PREFIX}live.js\"></script>");
    let text =
        String::from_utf8_lossy(html).replacen("connect-src 'none'", "connect-src 'self'", 1);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// Holds a server-sent event stream open, writing each event as it comes.
fn stream_events(request: tiny_http::Request, rx: Receiver<String>, pending: Option<String>) {
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.write_all(b"retry: 500\n\n"))
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    if let Some(e) = pending {
        let mut message = String::from("event: problem\n");
        for line in e.lines() {
            message.push_str(&format!("data: {line}\n"));
        }
        message.push('\n');
        if w.write_all(message.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_owned(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(message.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_cannot_leave_the_site() {
        assert_eq!(resolve_request("/").as_deref(), Some("index.html"));
        assert_eq!(
            resolve_request("/pages/a.html?x=1").as_deref(),
            Some("pages/a.html")
        );
        assert_eq!(
            resolve_request("/pages/").as_deref(),
            Some("pages/index.html")
        );
        assert_eq!(resolve_request("/a%20b.html").as_deref(), Some("a b.html"));
        for bad in [
            "/../etc/passwd",
            "/static/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/%252e%252e/etc/passwd",
            "/..%5c..%5cwindows",
            "/a/./b",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(resolve_request(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_not_found_page_links_from_the_server_root() {
        let page = br##"<link href="static/qmsite.css"><a href="index.html">x</a><a href="https://e.org/">y</a><a href="#main">z</a><img src="static/logo.png">"##;
        let out = String::from_utf8(from_server_root(page)).expect("utf8");
        assert_eq!(
            out,
            r##"<link href="/static/qmsite.css"><a href="/index.html">x</a><a href="https://e.org/">y</a><a href="#main">z</a><img src="/static/logo.png">"##
        );
    }

    #[test]
    fn live_script_is_added_before_the_end_of_the_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).expect("utf8");
        assert!(
            out.ends_with("<script src=\"/__qmsite/live.js\"></script></body></html>"),
            "{out}"
        );
    }
}
