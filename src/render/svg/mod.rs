//! Charts drawn to SVG at build time, with ECharts' own server-side renderer.
//!
//! Each chart option (see [`crate::render::charts`]) is drawn by the vendored ECharts running in
//! QuickJS, a JavaScript engine compiled into qmsite (no Node, no browser, nothing downloaded):
//! one engine per worker thread, started on its first chart (see [`engine`]). A drawing is read
//! back as XML and refused unless it holds only drawing (see [`markup`]); its ids are renamed so
//! that it depends on nothing but its option and size.
//!
//! A [`Drawer`] lives for one build: it draws each distinct option once (the same chart appears on
//! its own page and in the full report) and keeps drawings in a cache folder between builds.
//! Pages place a drawing with [`Drawer::place`], so that two charts on a page never share an id.

pub mod cache;
pub mod engine;
pub mod markup;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

pub use engine::{EngineError, LibraryLoad, Limits};
pub use markup::MarkupError;

use cache::{DiskCache, Key, Lookup};

use crate::render::charts::{ChartView, Drawing};

/// The size a chart is drawn at, in CSS pixels: ECharts lays a chart out for one fixed size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChartSize {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// Largest width or height accepted, far beyond any page column.
pub const MAX_SIDE: u32 = 10_000;

/// Width of a chart's wide drawing, for page columns of at least
/// [`crate::render::charts::NARROW_MAX_WIDTH`] pixels and for print; pages scale it to the column.
pub const WIDE: u32 = 800;
/// Width of the wide drawing of a chart that spans the page column
/// ([`ChartView::full_width`]): the theme's widest column (72rem less its padding).
pub const FULL: u32 = 1120;
/// Height of a wide drawing when the chart asks for none (the theme's former canvas, 22rem).
pub const WIDE_HEIGHT: u32 = 352;
/// Width of a chart's narrow drawing, for phones and narrow grid cells: near a phone's column,
/// so its text is shown at about the size it was drawn.
pub const NARROW: u32 = 380;
/// Height of a narrow drawing when the chart asks for none (18rem).
pub const NARROW_HEIGHT: u32 = 288;

/// The two sizes a chart is drawn at: (wide, narrow).
pub fn sizes(chart: &ChartView) -> (ChartSize, ChartSize) {
    (
        ChartSize {
            width: if chart.full_width { FULL } else { WIDE },
            height: chart.height_px.unwrap_or(WIDE_HEIGHT),
        },
        ChartSize {
            width: NARROW,
            height: chart.height_px.unwrap_or(NARROW_HEIGHT),
        },
    )
}

/// A chart that could not be drawn, named by the caller's chart name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgError {
    /// The chart, as the caller named it (e.g. `improvements.html#chart-roadmap`).
    pub chart: String,
    /// What went wrong.
    pub failure: Failure,
}

/// What went wrong drawing a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The size is zero or above [`MAX_SIDE`].
    Size(ChartSize),
    /// The engine failed (start-up, script error, time or memory limit).
    Engine(EngineError),
    /// ECharts' output was refused.
    Markup(MarkupError),
}

impl std::fmt::Display for SvgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "chart {}: ", self.chart)?;
        match &self.failure {
            Failure::Size(s) => write!(
                f,
                "cannot be drawn at {} × {} pixels (expected 1 to {MAX_SIDE} each way)",
                s.width, s.height
            ),
            Failure::Engine(e) => e.fmt(f),
            Failure::Markup(e) => write!(f, "ECharts drew something other than a drawing: {e}"),
        }
    }
}

impl std::error::Error for SvgError {}

/// Counts of what a [`Drawer`] did, for `--verbose` and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DrawStats {
    /// Charts asked for.
    pub requested: usize,
    /// Answered from this build's earlier drawing of the same option and size.
    pub memo_hits: usize,
    /// Answered from the cache folder.
    pub disk_hits: usize,
    /// Drawn by an engine.
    pub drawn: usize,
    /// Cache entries found damaged (and drawn again).
    pub corrupt: usize,
    /// Drawings that could not be stored in the cache folder (the build still has them).
    pub write_failures: usize,
}

type Slot = Arc<OnceLock<Result<Arc<str>, Failure>>>;

/// Draws the charts of one build: each distinct option and size once, from the cache folder
/// when it holds them.
pub struct Drawer {
    cache: Option<DiskCache>,
    limits: Limits,
    memo: Mutex<HashMap<Key, Slot>>,
    requested: AtomicUsize,
    memo_hits: AtomicUsize,
    disk_hits: AtomicUsize,
    drawn: AtomicUsize,
    corrupt: AtomicUsize,
    write_failures: AtomicUsize,
}

impl Drawer {
    /// A drawer keeping its drawings in `cache_dir` (created when first written), or only in
    /// memory with `None`.
    pub fn new(cache_dir: Option<PathBuf>) -> Drawer {
        Drawer {
            cache: cache_dir.map(DiskCache::new),
            limits: Limits::default(),
            memo: Mutex::new(HashMap::new()),
            requested: AtomicUsize::new(0),
            memo_hits: AtomicUsize::new(0),
            disk_hits: AtomicUsize::new(0),
            drawn: AtomicUsize::new(0),
            corrupt: AtomicUsize::new(0),
            write_failures: AtomicUsize::new(0),
        }
    }

    /// The same drawer with other per-chart limits.
    pub fn with_limits(mut self, limits: Limits) -> Drawer {
        self.limits = limits;
        self
    }

    /// The SVG of `option_json` (an ECharts option, not escaped) at `size`, as pages take it (see
    /// [`markup::for_pages`]). `chart` names the chart in an error. Ids are not yet unique on a
    /// page: [`Drawer::place`] makes them so.
    ///
    /// Safe to call from many threads; a second call with the same option and size waits for
    /// the first and gets its drawing.
    pub fn draw(
        &self,
        chart: &str,
        option_json: &str,
        size: ChartSize,
    ) -> Result<Arc<str>, SvgError> {
        self.requested.fetch_add(1, Ordering::Relaxed);
        let fail = |failure| SvgError {
            chart: chart.to_owned(),
            failure,
        };
        let sides = 1..=MAX_SIDE;
        if !sides.contains(&size.width) || !sides.contains(&size.height) {
            return Err(fail(Failure::Size(size)));
        }
        let key = Key::of(option_json, size.width, size.height);
        let slot = {
            // A poisoned lock only means another chart panicked; the map itself is sound.
            let mut memo = self.memo.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(memo.entry(key).or_default())
        };
        let mut produced = false;
        let result = slot.get_or_init(|| {
            produced = true;
            self.produce(&key, option_json, size)
        });
        if !produced {
            self.memo_hits.fetch_add(1, Ordering::Relaxed);
        }
        result.clone().map_err(fail)
    }

    /// From the cache folder, else drawn (and stored there).
    fn produce(&self, key: &Key, option_json: &str, size: ChartSize) -> Result<Arc<str>, Failure> {
        if let Some(cache) = &self.cache {
            match cache.get(key) {
                // An entry is checked like a new drawing: a changed file cannot slip past.
                Lookup::Hit(svg) => match markup::check(&svg) {
                    Ok(()) => {
                        self.disk_hits.fetch_add(1, Ordering::Relaxed);
                        return Ok(svg.into());
                    }
                    Err(_) => {
                        self.corrupt.fetch_add(1, Ordering::Relaxed);
                    }
                },
                Lookup::Corrupt => {
                    self.corrupt.fetch_add(1, Ordering::Relaxed);
                }
                Lookup::Miss => {}
            }
        }
        let raw = engine::draw_on_this_thread(option_json, size.width, size.height, self.limits)
            .map_err(Failure::Engine)?;
        let svg = markup::for_pages(&raw).map_err(Failure::Markup)?;
        self.drawn.fetch_add(1, Ordering::Relaxed);
        let stored = self.cache.as_ref().map_or(Ok(()), |c| c.put(key, &svg));
        if stored.is_err() {
            self.write_failures.fetch_add(1, Ordering::Relaxed);
        }
        Ok(svg.into())
    }

    /// Draws `chart` at both sizes (see [`sizes`]) for a page: `chart_name` names it in an
    /// error, and `nth` is its place among the page's charts, which makes its ids unique there.
    pub fn place(
        &self,
        chart_name: &str,
        chart: &ChartView,
        nth: usize,
    ) -> Result<Drawing, SvgError> {
        let (wide, narrow) = sizes(chart);
        let placed = |size: ChartSize, prefix: String| -> Result<String, SvgError> {
            let svg = self.draw(chart_name, &chart.option, size)?;
            markup::place(&svg, &prefix).map_err(|e| SvgError {
                chart: chart_name.to_owned(),
                failure: Failure::Markup(e),
            })
        };
        Ok(Drawing {
            wide: placed(wide, format!("c{nth}w-"))?,
            narrow: placed(narrow, format!("c{nth}n-"))?,
        })
    }

    /// What this drawer did so far.
    pub fn stats(&self) -> DrawStats {
        let count = |c: &AtomicUsize| c.load(Ordering::Relaxed);
        DrawStats {
            requested: count(&self.requested),
            memo_hits: count(&self.memo_hits),
            disk_hits: count(&self.disk_hits),
            drawn: count(&self.drawn),
            corrupt: count(&self.corrupt),
            write_failures: count(&self.write_failures),
        }
    }
}

/// Starts a chart engine on every worker thread of the build's thread pool, in the background,
/// so that the first chart drawn after an edit in `serve` does not wait for one to start (about
/// 150 ms). A failure is left for the draw that needs the engine to report.
pub fn warm_engines() {
    std::thread::spawn(|| {
        rayon::broadcast(|_| {
            let _ = engine::warm_this_thread();
        });
    });
}

/// How long starting an engine takes on this thread, loading the library as `load` says; for
/// benchmarks.
pub fn time_engine_start(load: LibraryLoad) -> Result<std::time::Duration, EngineError> {
    let t = std::time::Instant::now();
    engine::Engine::start(load)?;
    Ok(t.elapsed())
}
