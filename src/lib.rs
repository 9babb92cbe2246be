//! qmsite compiles IT quality assessment results (TOML) and Markdown narratives through Tera
//! themes into a static website with charts.
//!
//! The pipeline runs one way: [`load`] reads the files into [`model`] types, [`validate`] checks
//! and resolves them into a [`resolved::Site`], [`compute`] derives every figure, [`render`] fills
//! the [`theme`]'s templates and [`output`] swaps the finished site into place. [`site`] ties the
//! stages together for the command line.

pub mod charts;
pub mod compute;
pub mod config;
pub mod diagnostics;
pub mod iso;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod page_charts;
pub mod render;
pub mod resolved;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod site;
pub mod terminal;
pub mod theme;
pub mod validate;
