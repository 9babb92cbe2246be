//! qmsite compiles IT quality assessment results (TOML) and Markdown narratives through Tera
//! themes into a static website with charts.
//!
//! The pipeline runs one way: [`content`] reads the files into their models, [`validate`] checks
//! and resolves them into a [`site::Site`], [`report`] computes every figure, [`plan`] lists every
//! page, [`view`] builds what each page's template receives, [`render`] turns views into HTML
//! with the [`theme`], [`check`] follows every link, and [`output`] swaps the finished site into
//! place. [`build`] ties the stages together for the commands in [`cli`]; [`pdf`] prints the
//! full report through a browser.

pub mod build;
pub mod check;
pub mod cli;
pub mod content;
pub mod diagnostics;
pub mod edition;
pub mod export;
pub mod history;
pub mod import;
pub mod iso;
pub mod output;
pub mod pdf;
pub mod plan;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod single_file;
pub mod site;
pub mod terminal;
pub mod theme;
pub mod url;
pub mod validate;
pub mod view;
