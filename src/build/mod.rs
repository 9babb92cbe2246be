//! The pipeline, one way through: load → validate → compute → render → write.
//!
//! `check` runs the first stages and reports; `build` renders the whole site in memory and swaps
//! it into the output folder only when every stage succeeded; `serve` keeps a [`Prepared`] site
//! and its rendered files in memory and re-renders only what an edit touches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use rayon::prelude::*;

pub mod pages;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::output::Staging;
use crate::render::RenderedPage;
use crate::report::Report;
use crate::site::Site;
use crate::theme::{FileSource, Theme};

/// What a run needs to know beyond the site's files.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site root (the folder holding `qmsite.toml`).
    pub root: PathBuf,
    /// The build date: overdue actions and the cycle are measured against it.
    pub today: Date,
    /// Overrides `output_dir` from the configuration.
    pub output: Option<PathBuf>,
}

/// Counts of work done, readable from another thread to draw a progress bar.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files to produce, once known.
    pub total: AtomicUsize,
    /// Files produced so far.
    pub done: AtomicUsize,
}

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Pages written.
    pub pages: usize,
    /// Charts embedded.
    pub charts: usize,
    /// Static files copied.
    pub files: usize,
    /// Where the site was written.
    pub output: PathBuf,
    /// Time taken.
    pub elapsed: Duration,
    /// Time taken by each stage, in order, for `--verbose`.
    pub stages: Vec<(&'static str, Duration)>,
}

/// The body of one output file.
#[derive(Debug, Clone)]
pub enum Content {
    /// A rendered page.
    Html(String),
    /// A file compiled into qmsite.
    Embedded(&'static [u8]),
    /// A file of the site, copied as it is.
    File(PathBuf),
}

impl Content {
    /// The bytes of the file (reading it from disk for site files).
    pub fn bytes(&self) -> Result<std::borrow::Cow<'_, [u8]>, String> {
        match self {
            Content::Html(s) => Ok(std::borrow::Cow::Borrowed(s.as_bytes())),
            Content::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Content::File(p) => std::fs::read(p)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| format!("cannot read {}: {e}", p.display())),
        }
    }
}

/// A validated, computed site with its theme, ready to render.
pub struct Prepared {
    /// The options it was prepared with.
    pub options: Options,
    /// The validated site.
    pub site: Site,
    /// Its computed figures.
    pub report: Report,
    /// The theme with the site's overrides.
    pub theme: Theme,
    /// The parsed templates.
    pub tera: tera::Tera,
}

/// A whole site rendered in memory: output path → content.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Every output file by its `/`-separated path.
    pub files: BTreeMap<String, Content>,
    /// Number of pages.
    pub pages: usize,
    /// Number of charts.
    pub charts: usize,
    /// Every file and the ids on every page, to check an edited narrative's links later.
    pub links: crate::check::links::Index,
    /// Time spent checking links, shown by `build --verbose`.
    pub link_check: Duration,
}

/// Loads, validates and computes, then loads the theme and parses its templates.
pub fn prepare(opts: &Options, diags: &mut Diagnostics) -> Option<Prepared> {
    let mut raw = crate::content::load_site(&opts.root, diags)?;
    if let Some(out) = &opts.output {
        raw.config.config.output_dir = toml::Spanned::new(0..0, out.to_string_lossy().into_owned());
        raw.config.config.output_dir_from_command_line = true;
    }
    let site = crate::validate::validate(&raw, opts.today, diags)?;
    if diags.has_errors() {
        return None;
    }
    let report = crate::report::compute(&site, opts.today);
    let theme = crate::theme::load(&site.root, &site.config.theme, &site.config.language, diags);
    let tera = crate::render::templates::templates(&theme, diags)?;
    if diags.has_errors() {
        return None;
    }
    Some(Prepared {
        options: opts.clone(),
        site,
        report,
        theme,
        tera,
    })
}

impl Prepared {
    /// Renders every page and lists every static file.
    pub fn render(&self, progress: Option<&Progress>, diags: &mut Diagnostics) -> Option<Rendered> {
        let site = &self.site;
        if let Some(p) = progress {
            let pages = 6
                + site.assessments.len()
                + site.pages.len()
                + site
                    .frameworks
                    .iter()
                    .map(|f| 1 + f.dimensions.len())
                    .sum::<usize>();
            p.total.store(
                pages + self.theme.statics.len() + site.assets.len(),
                Ordering::Relaxed,
            );
        }
        let pages = pages::render_site(site, &self.report, &self.theme, &self.tera, None, diags);
        // Every page and file is known before anything is written: check links across them now.
        let (statics, assets) = extra_files(site, &self.theme);
        let checking = Instant::now();
        let links = check_links(site, &self.theme, &pages, &statics, &assets, diags);
        let link_check = checking.elapsed();
        if diags.has_errors() {
            return None;
        }
        let mut rendered = Rendered {
            links,
            link_check,
            ..Rendered::default()
        };
        for (k, v) in &self.theme.statics {
            let content = match v {
                FileSource::Embedded(b) => Content::Embedded(b),
                FileSource::Site(p) => Content::File(p.clone()),
            };
            rendered.files.insert(format!("static/{k}"), content);
        }
        for p in &site.assets {
            if let Ok(rel) = p.strip_prefix(site.root.join("content")) {
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                rendered.files.insert(rel, Content::File(p.clone()));
            }
        }
        rendered.pages = pages.len();
        rendered.charts = pages.iter().map(|p| p.charts).sum();
        for RenderedPage { path, html, .. } in pages {
            rendered.files.insert(path, Content::Html(html));
        }
        if let Some(p) = progress {
            p.done.store(rendered.pages, Ordering::Relaxed);
        }
        Some(rendered)
    }

    /// Re-reads one narrative after an edit and, when its front matter is unchanged, renders only
    /// that page (and the full report when it shows the narrative) and checks the narrative's
    /// links against `links`, the index of the last full render. Returns `None` when a full
    /// rebuild is needed instead: the front matter changed (titles and order appear on other
    /// pages), or the page's anchors did (links on other pages may point to them).
    pub fn rerender_narrative(
        &mut self,
        file: &Path,
        links: &crate::check::links::Index,
        diags: &mut Diagnostics,
    ) -> Option<Vec<(String, Content)>> {
        let rel = crate::diagnostics::display_path(&self.site.root, file);
        let index = self.site.pages.iter().position(|p| p.file == rel)?;
        let text = crate::content::read_text(file).ok()?;
        let source = crate::diagnostics::SourceFile::new(rel, text);
        let (front_range, body_start) = crate::content::split_front_matter(&source.text)?;
        let mut local = Diagnostics::new();
        let front: crate::content::model::page::FrontMatter =
            crate::content::parse_toml_part(&source, front_range, &mut local)?;
        let page = &self.site.pages[index];
        if front.title != page.title
            || front.weight != page.weight
            || front.draft
            || front.summary != page.summary
            || front.in_report(&page.slug) != page.in_report
        {
            return None;
        }
        let page = &mut self.site.pages[index];
        page.markdown = source.text.get(body_start..).unwrap_or("").to_owned();
        page.body_line = source.position(body_start).line;
        let slug = page.slug.clone();
        let pages = pages::render_site(
            &self.site,
            &self.report,
            &self.theme,
            &self.tera,
            Some(&slug),
            diags,
        );
        if pages.is_empty() || !pages.iter().all(|p| links.same_anchors(p)) {
            return None;
        }
        for p in &pages {
            crate::check::links::check_narrative(links, p, diags);
        }
        Some(
            pages
                .into_iter()
                .map(|p| (p.path, Content::Html(p.html)))
                .collect(),
        )
    }
}

/// Checks a site without writing anything: every problem is in the returned collection.
pub fn check(opts: &Options) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if let Some(prepared) = prepare(opts, &mut diags) {
        prepared.render(None, &mut diags);
    }
    diags
}

/// Writes a rendered site through a temporary folder swapped in at the end. Returns the time the
/// swap took, removing the previous output included.
pub fn write(
    rendered: &Rendered,
    out: &Path,
    progress: Option<&Progress>,
) -> Result<Duration, String> {
    let staging = Staging::begin(out)?;
    let written = rendered.files.par_iter().try_for_each(|(rel, content)| {
        let result = content.bytes().and_then(|b| staging.write(rel, &b));
        if let Some(p) = progress {
            p.done.fetch_add(1, Ordering::Relaxed);
        }
        result
    });
    if let Err(e) = written {
        staging.abort();
        return Err(e);
    }
    let swap = Instant::now();
    staging.commit()?;
    Ok(swap.elapsed())
}

/// Builds the site. On any error nothing is written and the previous output stays as it was.
pub fn build(opts: &Options, progress: Option<&Progress>) -> (Option<Summary>, Diagnostics) {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let Some(prepared) = prepare(opts, &mut diags) else {
        return (None, diags);
    };
    let prepared_at = started.elapsed();
    let Some(rendered) = prepared.render(progress, &mut diags) else {
        return (None, diags);
    };
    let rendered_at = started.elapsed();
    let out = prepared.site.config.output_dir.clone();
    let swap = match write(&rendered, &out, progress) {
        Ok(swap) => swap,
        Err(e) => {
            let shown = crate::diagnostics::display_path(&prepared.site.root, &out);
            diags.push(
                Diagnostic::in_file(Severity::Error, shown, e)
                    .expected(
                        "an output folder qmsite may create and replace whole: new, empty, or written by qmsite before",
                    )
                    .code(&crate::diagnostics::codes::OUTPUT_WRITE),
            );
            return (None, diags);
        }
    };
    let written_at = started.elapsed();
    let stages = vec![
        ("load, validate, compute", prepared_at),
        ("render", rendered_at - prepared_at - rendered.link_check),
        ("check links", rendered.link_check),
        ("write", written_at - rendered_at - swap),
        ("swap in, remove the previous output", swap),
    ];
    let summary = Summary {
        pages: rendered.pages,
        charts: rendered.charts,
        files: rendered.files.len() - rendered.pages,
        output: out,
        elapsed: started.elapsed(),
        stages,
    };
    (Some(summary), diags)
}

/// Files the build writes besides the pages: the theme's static files and the attachments under
/// `content/pages/`, each with its path below the output root.
#[allow(clippy::type_complexity)]
fn extra_files<'a>(
    site: &crate::site::Site,
    theme: &'a crate::theme::Theme,
) -> (Vec<(String, &'a FileSource)>, Vec<(String, PathBuf)>) {
    let statics = theme
        .statics
        .iter()
        .map(|(k, v)| (format!("static/{k}"), v))
        .collect();
    let assets = site
        .assets
        .iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(site.root.join("content")).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            Some((rel, p.clone()))
        })
        .collect();
    (statics, assets)
}

fn check_links(
    site: &crate::site::Site,
    theme: &crate::theme::Theme,
    pages: &[crate::render::RenderedPage],
    statics: &[(String, &FileSource)],
    assets: &[(String, PathBuf)],
    diags: &mut Diagnostics,
) -> crate::check::links::Index {
    let files: Vec<String> = statics
        .iter()
        .map(|(k, _)| k.clone())
        .chain(assets.iter().map(|(k, _)| k.clone()))
        .collect();
    let index = crate::check::links::Index::new(pages, &files);
    crate::check::links::check(site, theme, pages, &index, diags);
    index
}
