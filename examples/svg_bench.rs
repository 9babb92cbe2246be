//! Times drawing every chart of a site to SVG at build time: engine start-up (library from
//! bytecode and from source), each chart, and all charts on 1 and 2 threads with an empty and a
//! warm cache folder.
//!
//! ```sh
//! cargo run --release --example svg_bench -- [SITE_ROOT] [--runs N] [--out DIR]
//! ```
//!
//! SITE_ROOT defaults to the current folder (the repository root is the example site). The site
//! is loaded, validated, computed and rendered in memory through the library, and each chart's
//! option is read back from its page (`<script class="chart-option">`), as the browser reads it.
//! `--out DIR` writes each distinct drawing there as `<page>--<chart>.svg` for a look. Dates are
//! measured against 2026-11-24, as in the CI check of the example.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use qmsite::diagnostics::Diagnostics;
use qmsite::render::svg::{self, ChartSize, Drawer, LibraryLoad};
use rayon::prelude::*;

/// One chart as a page embeds it.
struct Chart {
    page: String,
    id: String,
    option: String,
    size: ChartSize,
}

/// The size each chart kind is drawn at: a half-width column of the dashboard grid, or the full
/// content width (72rem less padding), with the height the chart asks for or the theme's 22rem.
fn size_for(id: &str, height_px: Option<u32>) -> ChartSize {
    let half = [
        "chart-radar",
        "chart-trend",
        "chart-quality-cost",
        "chart-peer",
        "chart-status",
    ]
    .iter()
    .chain(&["chart-direction"])
    .any(|k| id.starts_with(k));
    ChartSize {
        width: if half { 560 } else { 1120 },
        height: height_px.unwrap_or(352),
    }
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut root = PathBuf::from(".");
    let mut runs = 3usize;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(3).max(1),
            "--out" => out = args.next().map(PathBuf::from),
            _ => root = PathBuf::from(a),
        }
    }
    let charts = collect(&root);
    // Each distinct (option, size) once, in page order.
    let mut seen = HashSet::new();
    let distinct: Vec<&Chart> = charts
        .iter()
        .filter(|c| seen.insert((c.option.as_str(), c.size)))
        .collect();
    println!(
        "{} charts on {} pages, {} distinct (option, size)",
        charts.len(),
        charts
            .iter()
            .map(|c| &c.page)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        distinct.len()
    );
    println!(
        "bytecode compiled into this binary: {}",
        svg::engine::has_bytecode()
    );

    println!("\nEngine start-up (fresh thread each, {runs} runs, median):");
    for (name, load) in [
        ("bytecode", LibraryLoad::Best),
        ("source", LibraryLoad::Source),
    ] {
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                std::thread::spawn(move || svg::time_engine_start(load))
                    .join()
                    .ok()
                    .and_then(Result::ok)
                    .unwrap_or_default()
            })
            .collect();
        println!("  {name:9}{}", ms(median(times)));
    }

    println!("\nPer chart (one thread, engine already started, no cache):");
    let drawer = Drawer::new(None);
    let _ = svg::time_engine_start(LibraryLoad::Best);
    let mut per_chart = Vec::new();
    for c in &distinct {
        let t = Instant::now();
        let drawn = drawer.draw(&format!("{}#{}", c.page, c.id), &c.option, c.size);
        let took = t.elapsed();
        match drawn {
            Ok(svg) => {
                println!(
                    "  {}{:>8} B  {} {}×{}  {}",
                    ms(took),
                    svg.len(),
                    c.id,
                    c.size.width,
                    c.size.height,
                    c.page
                );
                if let Some(dir) = &out {
                    let name = format!("{}--{}.svg", c.page.replace('/', "_"), c.id);
                    let _ = std::fs::create_dir_all(dir);
                    let _ = std::fs::write(dir.join(name), svg.as_bytes());
                }
            }
            Err(e) => println!("  FAILED {e}"),
        }
        per_chart.push(took);
    }
    let total: Duration = per_chart.iter().sum();
    println!("  sum {} over {} charts", ms(total), per_chart.len());

    println!(
        "\nAll {} charts of the site, as a build would ask for them (median of {runs}):",
        charts.len()
    );
    for threads in [1, 2] {
        let cache = std::env::temp_dir().join(format!("qmsite-svg-bench-{}", std::process::id()));
        let mut cold = Vec::new();
        let mut warm = Vec::new();
        for _ in 0..runs {
            let _ = std::fs::remove_dir_all(&cache);
            // A new pool: new threads, so every engine starts again, as in a new build.
            cold.push(timed_build(&charts, threads, Some(cache.clone()), "cold"));
            warm.push(timed_build(&charts, threads, Some(cache.clone()), "warm"));
        }
        let _ = std::fs::remove_dir_all(&cache);
        println!(
            "  {threads} thread(s): empty cache {}   warm cache {}",
            ms(median(cold)),
            ms(median(warm))
        );
    }
}

/// Draws every chart on a new pool of `threads` threads with a new drawer, like one build.
fn timed_build(charts: &[Chart], threads: usize, cache: Option<PathBuf>, what: &str) -> Duration {
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build() else {
        eprintln!("cannot start {threads} threads");
        std::process::exit(1);
    };
    let t = Instant::now();
    let drawer = Drawer::new(cache);
    let failures: Vec<String> = pool.install(|| {
        charts
            .par_iter()
            .filter_map(|c| {
                drawer
                    .draw(&format!("{}#{}", c.page, c.id), &c.option, c.size)
                    .err()
            })
            .map(|e| e.to_string())
            .collect()
    });
    let took = t.elapsed();
    for f in &failures {
        eprintln!("  {what}: {f}");
    }
    let s = drawer.stats();
    println!(
        "    {what:4} {threads} thread(s) {}  (drawn {}, from cache folder {}, same option again {})",
        ms(took),
        s.drawn,
        s.disk_hits,
        s.memo_hits
    );
    took
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Every chart of the site's pages, with its option as ECharts reads it.
fn collect(root: &std::path::Path) -> Vec<Chart> {
    let opts = qmsite::build::Options {
        root: root.to_path_buf(),
        today: jiff::civil::date(2026, 11, 24),
        output: None,
        edition: None,
    };
    let mut diags = Diagnostics::new();
    let Some(prepared) = qmsite::build::prepare(&opts, &mut diags) else {
        eprintln!("the site has errors; run qmsite check");
        std::process::exit(1);
    };
    let pages = prepared.render_pages(None, &mut diags);
    let mut charts = Vec::new();
    for page in &pages {
        charts.extend(charts_in(&page.path, &page.html));
    }
    charts
}

/// The charts embedded in a page: each `<script type="application/json" class="chart-option"
/// data-chart="ID">` with the `data-height` of its canvas.
fn charts_in(page: &str, html: &str) -> Vec<Chart> {
    const OPEN: &str = r#"<script type="application/json" class="chart-option" data-chart=""#;
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        rest = &rest[at + OPEN.len()..];
        let Some((id, after)) = rest.split_once("\">") else {
            break;
        };
        let Some((json, after)) = after.split_once("</script>") else {
            break;
        };
        rest = after;
        let Ok(option) = serde_json::from_str::<serde_json::Value>(json) else {
            continue;
        };
        let canvas = format!("id=\"{id}\" ");
        let height = html.find(&canvas).and_then(|at| {
            let tag = &html[at..at + html[at..].find('>').unwrap_or(0)];
            let h = tag.split("data-height=\"").nth(1)?;
            h.split('"').next()?.parse().ok()
        });
        found.push(Chart {
            page: page.to_owned(),
            id: id.to_owned(),
            option: option.to_string(),
            size: size_for(id, height),
        });
    }
    found
}
