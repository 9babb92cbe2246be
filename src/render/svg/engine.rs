//! The JavaScript engine that runs ECharts: QuickJS, compiled into qmsite through `rquickjs`.
//!
//! One engine per thread, started on the thread's first chart and kept for the life of the
//! thread (so once per build on each rayon worker, and once per `serve` session). An engine that
//! failed — a script error, the time limit, the memory limit — is dropped and the thread's next
//! chart starts a fresh one, so no half-run state can leak into another chart.
//!
//! Start-up, measured with `cargo run --release --example svg_bench` and a trial program (two
//! cores shared with other work): compiling the full 1 MB library from source took 270–1000 ms,
//! loading the bytecode that `build.rs` compiled when qmsite was built 45–230 ms, a fifth to a
//! quarter of it in every run; with only the parts qmsite uses bundled (600 KB), 113 ms from
//! source and 39 ms from bytecode. So the bytecode is used whenever it was made (see `build.rs`);
//! the source is the fallback for cross-compiled binaries.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rquickjs::{Context, Ctx, Function, Module, Runtime};

/// ECharts compiled to QuickJS bytecode by `build.rs`; empty when it was not made.
static ECHARTS_BYTECODE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/echarts.qjsbc"));

/// Path of the vendored library inside the default theme.
const ECHARTS_PATH: &str = "static/vendor/echarts/echarts.min.js";

/// What the browser provides and ECharts looks for: timers (never fired, as nothing is animated)
/// and a silent console.
const PRELUDE: &str = r#"(function (g) {
  var noop = function () {};
  g.setTimeout = function () { return 0; };
  g.clearTimeout = noop;
  g.setInterval = function () { return 0; };
  g.clearInterval = noop;
  g.requestAnimationFrame = function () { return 0; };
  g.cancelAnimationFrame = noop;
  g.console = { log: noop, info: noop, warn: noop, error: noop, debug: noop };
})(globalThis);"#;

/// Draws one option at a fixed size with ECharts' server-side SVG renderer. Animation is off
/// (the final frame is drawn) and dates are read and written in UTC, so the machine's time zone
/// cannot move a date on the time axis.
///
/// ECharts hands out the decal patterns of `aria.decal` from a palette whose position it keeps
/// for the life of the library, not of the chart: the same chart would get other patterns after
/// other charts. So each series is given its whole pattern here, the one a page's first chart
/// would get (the palette in series order), with what the series sets itself on top.
const DRAW: &str = r#"(function (g) {
  var fields = { color: "rgba(0, 0, 0, 0.2)", backgroundColor: null, symbol: "rect",
    symbolSize: 1, symbolKeepAspect: true, dashArrayX: 5, dashArrayY: 5, rotation: 0,
    maxTileWidth: 512, maxTileHeight: 512 };
  var probe = echarts.init(null, null, { renderer: "svg", ssr: true, width: 10, height: 10 });
  probe.setOption({ aria: { enabled: true, decal: { show: true } } });
  var defaults = probe.getOption().aria.decal.decals;
  probe.dispose();
  function pinDecals(option, series) {
    var aria = option.aria;
    if (!aria || !aria.enabled || !aria.decal || !aria.decal.show) { return; }
    var palette = aria.decal.decals || defaults;
    series.forEach(function (s, k) {
      if (!s || typeof s !== "object" || s.colorBy === "data") { return; }
      var style = s.itemStyle = s.itemStyle || {};
      style.decal = Object.assign({}, fields, palette[k % palette.length], style.decal || {});
    });
  }
  /* An axis whose labels carry `qmsiteNumber` (the page language's group and decimal signs)
     gets a formatter writing its figures with them; the page's script (qmsite.js) does the same
     when the chart comes alive, so both drawings read alike. */
  function localiseAxes(option) {
    ["xAxis", "yAxis"].forEach(function (key) {
      [].concat(option[key] || []).forEach(function (axis) {
        var signs = axis && axis.axisLabel && axis.axisLabel.qmsiteNumber;
        if (!signs) { return; }
        axis.axisLabel.formatter = function (value) {
          var parts = String(value).split(".");
          return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, signs.group) +
            (parts.length > 1 ? signs.decimal + parts[1] : "");
        };
      });
    });
  }
  g.__qmsiteDraw = function (optionJson, width, height) {
    var option = JSON.parse(optionJson);
    if (option === null || typeof option !== "object" || Array.isArray(option)) {
      throw new TypeError("the chart option is not a JSON object");
    }
    option.animation = false;
    option.useUTC = true;
    var series = Array.isArray(option.series) ? option.series : [option.series];
    series.forEach(function (s) { if (s && typeof s === "object") { s.animation = false; } });
    pinDecals(option, series);
    localiseAxes(option);
    var chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: width, height: height });
    try {
      chart.setOption(option);
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  };
})(globalThis);"#;

/// How the library gets into a new engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryLoad {
    /// The bytecode compiled when qmsite was built, when there is some; else the source.
    Best,
    /// Compile the JavaScript source (for measuring against the bytecode).
    Source,
}

/// Per-chart limits of an engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest time one chart may take to draw.
    pub time_per_chart: Duration,
    /// Memory one chart may take on top of the loaded library, in bytes.
    pub memory_per_chart: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time_per_chart: Duration::from_secs(20),
            memory_per_chart: 256 * 1024 * 1024,
        }
    }
}

/// Why an engine could not start or draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The engine or the library could not be started.
    Start(String),
    /// The chart took longer than the limit.
    TimeLimit(Duration),
    /// The chart needed more memory than the limit.
    MemoryLimit(usize),
    /// ECharts or the option raised an error.
    Script(String),
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Start(e) => write!(f, "the chart engine could not start: {e}"),
            EngineError::TimeLimit(d) => {
                write!(
                    f,
                    "drawing took longer than the limit of {} ms",
                    d.as_millis()
                )
            }
            EngineError::MemoryLimit(b) => write!(
                f,
                "drawing needed more memory than the limit of {} MiB",
                b / (1024 * 1024)
            ),
            EngineError::Script(e) => write!(f, "ECharts could not draw it: {e}"),
        }
    }
}

/// Time spent loading the library is bounded too, so a damaged binary cannot hang a build.
const LOAD_TIME_LIMIT: Duration = Duration::from_secs(60);

/// QuickJS' own stack limit; rayon's and the main thread's stacks (2 MiB and more) hold it.
const STACK_LIMIT: usize = 1024 * 1024;

/// A QuickJS runtime with ECharts loaded and the draw function defined.
pub struct Engine {
    // The context refers to the runtime: it is declared first so that it is dropped first.
    context: Context,
    runtime: Runtime,
    watch: Arc<Watch>,
    /// Memory in use once the library was loaded.
    baseline: usize,
}

/// Shared with the interrupt handler: when the current run must stop, and whether it was stopped.
struct Watch {
    epoch: Instant,
    /// Nanoseconds after `epoch` past which the run is interrupted; 0 for none.
    deadline: AtomicU64,
    fired: AtomicBool,
}

impl Watch {
    fn arm(&self, limit: Duration) {
        let at = self.epoch.elapsed().saturating_add(limit).as_nanos();
        self.deadline
            .store(u64::try_from(at).unwrap_or(u64::MAX), Ordering::Relaxed);
        self.fired.store(false, Ordering::Relaxed);
    }

    fn disarm(&self) {
        self.deadline.store(0, Ordering::Relaxed);
    }

    fn expired(&self) -> bool {
        let deadline = self.deadline.load(Ordering::Relaxed);
        let now = u64::try_from(self.epoch.elapsed().as_nanos()).unwrap_or(u64::MAX);
        let expired = deadline != 0 && now > deadline;
        if expired {
            self.fired.store(true, Ordering::Relaxed);
        }
        expired
    }
}

impl Engine {
    /// Starts QuickJS and loads ECharts into it.
    pub fn start(load: LibraryLoad) -> Result<Engine, EngineError> {
        let start = |e: rquickjs::Error| EngineError::Start(e.to_string());
        let runtime = Runtime::new().map_err(start)?;
        runtime.set_max_stack_size(STACK_LIMIT);
        let watch = Arc::new(Watch {
            epoch: Instant::now(),
            deadline: AtomicU64::new(0),
            fired: AtomicBool::new(false),
        });
        let handler_watch = Arc::clone(&watch);
        runtime.set_interrupt_handler(Some(Box::new(move || handler_watch.expired())));
        let context = Context::full(&runtime).map_err(start)?;
        watch.arm(LOAD_TIME_LIMIT);
        let loaded = context.with(|ctx| -> Result<(), EngineError> {
            let fail = |e| EngineError::Start(describe(&ctx, e));
            ctx.eval::<(), _>(PRELUDE).map_err(fail)?;
            load_library(&ctx, load).map_err(fail)?;
            ctx.eval::<(), _>(DRAW).map_err(fail)
        });
        watch.disarm();
        loaded?;
        runtime.run_gc();
        let baseline = usize::try_from(runtime.memory_usage().memory_used_size).unwrap_or(0);
        Ok(Engine {
            context,
            runtime,
            watch,
            baseline,
        })
    }

    /// Draws `option_json` at `width` × `height` CSS pixels and returns ECharts' SVG text.
    pub fn draw(
        &self,
        option_json: &str,
        width: u32,
        height: u32,
        limits: Limits,
    ) -> Result<String, EngineError> {
        self.runtime
            .set_memory_limit(self.baseline.saturating_add(limits.memory_per_chart));
        self.watch.arm(limits.time_per_chart);
        let drawn = self.context.with(|ctx| {
            let run = || -> rquickjs::Result<String> {
                let draw: Function = ctx.globals().get("__qmsiteDraw")?;
                draw.call((option_json, width, height))
            };
            run().map_err(|e| {
                if self.watch.fired.load(Ordering::Relaxed) {
                    EngineError::TimeLimit(limits.time_per_chart)
                } else {
                    match thrown(&ctx, e) {
                        Some(text) if !text.contains("out of memory") => EngineError::Script(text),
                        // Out of memory, QuickJS throws `null` when even its error cannot be made.
                        _ => EngineError::MemoryLimit(limits.memory_per_chart),
                    }
                }
            })
        });
        self.watch.disarm();
        // No collection here: a full one costs about a fifth of a chart, and QuickJS collects on
        // its own, by reference counts at once and cycles when its heap has grown well below the
        // memory limit.
        drawn
    }

    /// Memory in use with the library loaded, before any chart.
    pub fn baseline_memory(&self) -> usize {
        self.baseline
    }
}

fn load_library(ctx: &Ctx<'_>, load: LibraryLoad) -> rquickjs::Result<()> {
    let module = if load == LibraryLoad::Best && !ECHARTS_BYTECODE.is_empty() {
        // SAFETY: the bytes were written by `build.rs` from this library with the same pinned
        // QuickJS (`rquickjs` is pinned to one version for both), for this machine (it makes
        // none when cross-compiling); QuickJS also checks the bytecode's version on reading.
        unsafe { Module::load(ctx.clone(), ECHARTS_BYTECODE)? }
    } else {
        Module::declare(ctx.clone(), "echarts.min.js", library_source()?)?
    };
    let (_module, promise) = module.eval()?;
    promise.finish::<()>()
}

/// The vendored ECharts as embedded with the default theme.
pub fn library_source() -> rquickjs::Result<&'static str> {
    crate::theme::DEFAULT_THEME
        .get_file(ECHARTS_PATH)
        .and_then(|f| f.contents_utf8())
        .ok_or(rquickjs::Error::Unknown)
}

/// The message and stack of the pending JavaScript exception, or the engine's own error.
fn describe(ctx: &Ctx<'_>, e: rquickjs::Error) -> String {
    thrown(ctx, e).unwrap_or_else(|| "null was thrown".to_owned())
}

/// As [`describe`], but `None` when the exception is `null`.
fn thrown(ctx: &Ctx<'_>, e: rquickjs::Error) -> Option<String> {
    if !matches!(e, rquickjs::Error::Exception) {
        return Some(e.to_string());
    }
    let caught = ctx.catch();
    if caught.is_null() {
        return None;
    }
    Some(match caught.as_exception() {
        Some(ex) => {
            let message = ex.message().unwrap_or_default();
            match ex.stack().filter(|s| !s.trim().is_empty()) {
                Some(stack) => format!("{message}\n{}", stack.trim_end()),
                None => message,
            }
        }
        None => caught
            .as_string()
            .and_then(|s| s.to_string().ok())
            .unwrap_or_else(|| format!("{caught:?}")),
    })
}

thread_local! {
    /// This thread's engine, started on its first chart.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Draws with this thread's engine, starting it first when the thread has none; an engine that
/// failed is dropped.
pub fn draw_on_this_thread(
    option_json: &str,
    width: u32,
    height: u32,
    limits: Limits,
) -> Result<String, EngineError> {
    ENGINE.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            *slot = Some(Engine::start(LibraryLoad::Best)?);
        }
        let Some(engine) = slot.as_ref() else {
            return Err(EngineError::Start("no engine".to_owned()));
        };
        let drawn = engine.draw(option_json, width, height, limits);
        if drawn.is_err() {
            *slot = None;
        }
        drawn
    })
}

/// A small chart of the kinds qmsite draws (bars, lines, a legend, value labels, decals), drawn
/// once to warm an engine: ECharts sets up each chart kind and component on its first use, which
/// costs more than drawing it again.
const WARM_UP: &str = r#"{"aria":{"enabled":true,"decal":{"show":true}},"legend":{"bottom":0},"tooltip":{},"xAxis":{"type":"category","data":["a","b"]},"yAxis":{"type":"value"},"series":[{"type":"bar","stack":"s","label":{"show":true},"data":[1,2]},{"type":"bar","stack":"s","data":[2,1]},{"type":"line","data":[1,null]}]}"#;

/// Starts this thread's engine when it has none and draws a small chart with it, so that the
/// thread's next chart does not wait for the library to load and set itself up (`serve` warms
/// every worker after its first build, before any edit).
pub fn warm_this_thread() -> Result<(), EngineError> {
    draw_on_this_thread(WARM_UP, 200, 100, Limits::default()).map(|_| ())
}

/// Whether `build.rs` precompiled the library into this binary.
pub fn has_bytecode() -> bool {
    !ECHARTS_BYTECODE.is_empty()
}
