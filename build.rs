//! Compiles the vendored ECharts library to QuickJS bytecode once, when qmsite itself is built, so
//! that each chart-drawing engine loads the library instead of parsing 600 KB of JavaScript at every
//! build (see `src/render/svg/engine.rs` for the measured difference).
//!
//! The bytecode is only valid for the QuickJS it was made with and for the machine's word size
//! and byte order: both crates pin the same `rquickjs` version, and when cross-compiling (target
//! differs from host) no bytecode is made and the engine compiles the library from source.

use std::path::PathBuf;

const ECHARTS: &str = "themes/default/static/vendor/echarts/echarts.min.js";

fn main() {
    println!("cargo::rerun-if-changed={ECHARTS}");
    println!("cargo::rerun-if-changed=build.rs");
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        panic!("cargo sets OUT_DIR for build scripts");
    };
    let same_machine = std::env::var("TARGET").ok() == std::env::var("HOST").ok();
    let bytecode = if same_machine {
        match compile() {
            Ok(b) => b,
            Err(e) => {
                println!(
                    "cargo::warning=ECharts was not precompiled ({e}); charts compile it at run time"
                );
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    if let Err(e) = std::fs::write(out.join("echarts.qjsbc"), bytecode) {
        panic!(
            "cannot write the ECharts bytecode to {}: {e}",
            out.display()
        );
    }
}

/// The library as a QuickJS module (the UMD wrapper then sets `globalThis.echarts`), without its
/// source text or debug information, which only an error trace would read.
fn compile() -> Result<Vec<u8>, String> {
    use rquickjs::{Context, Module, Runtime, WriteOptions};
    let source = std::fs::read_to_string(ECHARTS).map_err(|e| format!("reading {ECHARTS}: {e}"))?;
    let rt = Runtime::new().map_err(|e| e.to_string())?;
    let ctx = Context::full(&rt).map_err(|e| e.to_string())?;
    ctx.with(|ctx| {
        let module = Module::declare(ctx.clone(), "echarts.min.js", source)
            .map_err(|e| format!("compiling ECharts: {e}"))?;
        module
            .write(WriteOptions {
                strip_source: true,
                strip_debug: true,
                ..WriteOptions::default()
            })
            .map_err(|e| format!("writing bytecode: {e}"))
    })
}
