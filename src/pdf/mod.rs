//! `qmsite pdf`: the full report printed to PDF by a Chromium-family browser found on the
//! machine, with real page numbers in its contents, bookmarks, the site's metadata and the
//! same bytes for the same site.
//!
//! One job per file: [`browser`] finds the browser, [`stage`] writes the report page into the
//! build cache, [`launch`] starts the browser, [`print`] drives its tab, [`contents`] settles
//! the contents' page numbers, [`metadata`] and [`tidy`] finish the file.

pub mod browser;
pub mod contents;
pub mod launch;
pub mod metadata;
pub mod print;
pub mod stage;
pub mod tidy;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::build::{Prepared, Rendered};

/// What to print, and how.
pub struct Request<'a> {
    /// The site prepared in the language to print (the default one or a translation); an
    /// edition of the site is a differently prepared site.
    pub site: &'a Prepared,
    /// Every file of the site, rendered in memory.
    pub rendered: &'a Rendered,
    /// The published site's address, for links to its other pages (empty: none).
    pub base_url: &'a str,
    /// The browser's program.
    pub browser: &'a Path,
    /// When the document was made, to write into it; none leaves the clock out.
    pub timestamp: Option<jiff::Timestamp>,
}

/// A printed report.
pub struct Printed {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// Its number of pages.
    pub pages: usize,
    /// The page each contents entry's target starts on, by id.
    pub contents: BTreeMap<String, u32>,
    /// How many times the report was printed to settle the contents.
    pub prints: usize,
}

/// The report page of a prepared site, below the output root (`report.html`, `cs/report.html`).
pub fn report_page(site: &Prepared) -> String {
    format!("{}{}", site.prefix, crate::plan::paths::REPORT)
}

/// The file `qmsite pdf` writes when not told where: the report page's name with `.pdf`, in
/// the current folder, the language added for every language but the site's first.
pub fn default_file(site: &Prepared, default_language: bool) -> PathBuf {
    let edition = site
        .site
        .config
        .edition
        .as_ref()
        .filter(|e| {
            site.site
                .config
                .editions
                .first()
                .is_none_or(|d| d.name != e.name)
        })
        .map(|e| format!("-{}", e.name))
        .unwrap_or_default();
    if default_language {
        PathBuf::from(format!("report{edition}.pdf"))
    } else {
        PathBuf::from(format!("report{edition}.{}.pdf", site.site.config.language))
    }
}

/// Prints the report page of `request.site` and returns the finished PDF. Everything written
/// on the way goes into the site's cache folder and is removed before this returns.
pub fn print_report(request: &Request) -> Result<Printed, String> {
    let scratch = stage::scratch_dir(&request.site.site.root);
    let printed = print_in(request, &scratch);
    // Empty once the staged copy and the browser's profile are gone; another print running
    // at the same time keeps it.
    let _ = std::fs::remove_dir(&scratch);
    printed
}

/// Prints with the staged page and the browser's profile in `scratch`.
fn print_in(request: &Request, scratch: &Path) -> Result<Printed, String> {
    let page = report_page(request.site);
    let staged = stage::stage(request.rendered, &page, scratch)?;
    let running = launch::launch(request.browser, scratch)?;
    let tab = print::Page::open(&running, &staged.page_url())?;
    let missing = tab.eval_list(contents::MISSING_JS)?;
    if !missing.is_empty() {
        return Err(format!(
            "the report's contents point at #{}, which the report page does not have",
            missing.join(", #")
        ));
    }
    let targets = tab.eval_list(contents::TARGETS_JS)?;
    let mut prints = 0;
    let (pdf, numbers) = contents::settle(
        &targets,
        || {
            prints += 1;
            let pdf = tab.print(request.site.site.config.paper)?;
            let doc = load(&pdf)?;
            Ok((pdf, contents::destination_pages(&doc)))
        },
        |pages| tab.eval(&contents::fill_js(pages), false).map(|_| ()),
    )?;
    let version = print::Page::version(&running);
    let root_url = staged.root_url();
    drop(tab);
    drop(running);
    drop(staged);
    let mut doc = load(&pdf)?;
    let config = &request.site.site.config;
    let own = format!("qmsite {}", env!("CARGO_PKG_VERSION"));
    let meta = metadata::Metadata {
        title: config.title.clone(),
        author: config.organisation.clone(),
        subject: config
            .description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        language: config.language.clone(),
        producer: if version.is_empty() {
            own.clone()
        } else {
            format!("{own}, printed by {version}")
        },
        creator: own,
        date: request.timestamp.map(metadata::pdf_date),
    };
    metadata::apply(&mut doc, &meta)?;
    tidy::renumber_structure_ids(&mut doc);
    tidy::rewrite_links(&mut doc, &root_url, request.base_url);
    let pages = doc.get_pages().len();
    let bytes = tidy::save(&mut doc)?;
    Ok(Printed {
        bytes,
        pages,
        contents: numbers,
        prints,
    })
}

/// Reads a printed PDF.
fn load(pdf: &[u8]) -> Result<lopdf::Document, String> {
    lopdf::Document::load_mem(pdf).map_err(|e| format!("cannot read the printed PDF: {e}"))
}
