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
use crate::plan::{PageKind, Plan, PlanId};
use crate::render::RenderedPage;
use crate::render::strings::Strings;
use crate::render::svg::Drawer;
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
    /// What `--verbose` tells beyond timings (the history read, or why there is none).
    pub notes: Vec<String>,
}

/// The body of one output file.
#[derive(Debug, Clone)]
pub enum Content {
    /// A file qmsite generated: a page, the search index, the sitemap.
    Text(String),
    /// A file compiled into qmsite.
    Embedded(&'static [u8]),
    /// A file of the site, copied as it is.
    File(PathBuf),
}

impl Content {
    /// The bytes of the file (reading it from disk for site files).
    pub fn bytes(&self) -> Result<std::borrow::Cow<'_, [u8]>, String> {
        match self {
            Content::Text(s) => Ok(std::borrow::Cow::Borrowed(s.as_bytes())),
            Content::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Content::File(p) => std::fs::read(p)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| format!("cannot read {}: {e}", p.display())),
        }
    }
}

/// A validated, computed site with its theme and page plan, ready to render.
pub struct Prepared {
    /// The options it was prepared with.
    pub options: Options,
    /// The validated site.
    pub site: Site,
    /// Its computed figures.
    pub report: Report,
    /// The theme with the site's overrides.
    pub theme: Theme,
    /// The theme's UI strings.
    pub strings: Strings,
    /// The parsed templates.
    pub tera: tera::Tera,
    /// Every page of the build.
    pub plan: Plan,
    /// What `--verbose` tells beyond timings: where the history came from, or why there is none.
    pub notes: Vec<String>,
    /// Draws the charts to SVG, keeping drawings in [`CACHE_DIR`]; `None` leaves charts undrawn
    /// (`check`).
    pub drawer: Option<Drawer>,
}

/// The folder in the site root where builds keep what they can reuse (drawn charts, in `svg/`).
/// It is never published, and `qmsite init` lists it in `.gitignore`.
pub const CACHE_DIR: &str = ".qmsite-cache";

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

/// Loads, validates and computes, then loads the theme, parses its templates and plans the pages.
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
    let mut report = crate::report::compute(&site, opts.today);
    let history = crate::history::read(&site, opts.today);
    report.history = history.history;
    let theme = crate::theme::load(&site.root, &site.config.theme, &site.config.language, diags);
    let tera = crate::render::templates::templates(&theme, diags)?;
    if diags.has_errors() {
        return None;
    }
    let strings = Strings::new(theme.strings.clone(), &site.config.language);
    let plan = crate::plan::plan(&site, &report, &strings);
    let drawer = Drawer::new(Some(site.root.join(CACHE_DIR).join("svg")));
    Some(Prepared {
        options: opts.clone(),
        site,
        report,
        theme,
        strings,
        tera,
        plan,
        notes: history.notes,
        drawer: Some(drawer),
    })
}

impl Prepared {
    /// Renders every page of the plan, checks every link and lists every file to write.
    pub fn render(&self, progress: Option<&Progress>, diags: &mut Diagnostics) -> Option<Rendered> {
        if let Some(p) = progress {
            p.total.store(
                self.plan.pages.len() + self.other_count(),
                Ordering::Relaxed,
            );
        }
        // The search index reads every narrative again: build it beside the pages.
        let (others, pages) = rayon::join(
            || self.other_files(),
            || {
                let mut local = Diagnostics::new();
                let pages = self.render_pages(None, &mut local);
                (pages, local)
            },
        );
        let (pages, local) = pages;
        diags.extend(local);
        // Every page and file is known before anything is written: check links across them now.
        let checking = Instant::now();
        let paths: Vec<String> = others.keys().cloned().collect();
        let index = crate::check::links::Index::new(&pages, &paths);
        crate::check::links::check(&self.site, &self.theme, &pages, &index, diags);
        let link_check = checking.elapsed();
        if diags.has_errors() {
            return None;
        }
        let published: Vec<RenderedPage> = pages.into_iter().filter(|p| p.publish).collect();
        let mut rendered = Rendered {
            files: others,
            links: index,
            link_check,
            pages: published.len(),
            charts: published.iter().map(|p| p.charts).sum(),
        };
        for RenderedPage { path, html, .. } in published {
            rendered.files.insert(path, Content::Text(html));
        }
        if let Some(p) = progress {
            p.done.store(rendered.pages, Ordering::Relaxed);
        }
        Some(rendered)
    }

    /// Renders the planned pages `which`, or every page.
    pub fn render_pages(
        &self,
        which: Option<&[PlanId]>,
        diags: &mut Diagnostics,
    ) -> Vec<RenderedPage> {
        let inputs = pages::Inputs {
            site: &self.site,
            report: &self.report,
            plan: &self.plan,
            strings: &self.strings,
            tera: &self.tera,
            drawer: self.drawer.as_ref(),
        };
        pages::render_pages(&inputs, which, diags)
    }

    /// The search index, as the file the build writes.
    pub fn search_index(&self) -> (String, Content) {
        (
            crate::search::INDEX_FILE.to_owned(),
            Content::Text(crate::search::index(&self.site, &self.plan, &self.strings)),
        )
    }

    /// How many files [`Prepared::other_files`] lists, known before they are made.
    fn other_count(&self) -> usize {
        let sitemap = usize::from(!self.site.config.base_url.is_empty());
        self.theme.statics.len() + self.site.assets.len() + 1 + sitemap
    }

    /// The files a build writes besides the pages: the theme's static files and the attachments
    /// under `content/pages/`, by their path below the output root.
    fn other_files(&self) -> BTreeMap<String, Content> {
        let statics = self.theme.statics.iter().map(|(k, v)| {
            let content = match v {
                FileSource::Embedded(b) => Content::Embedded(b),
                FileSource::Site(p) => Content::File(p.clone()),
            };
            (format!("static/{k}"), content)
        });
        let content = self.site.root.join("content");
        let assets = self.site.assets.iter().filter_map(|p| {
            let rel = p.strip_prefix(&content).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            Some((rel, Content::File(p.clone())))
        });
        let search = std::iter::once(self.search_index());
        let base_url = &self.site.config.base_url;
        let sitemap = (!base_url.is_empty()).then(|| {
            (
                "sitemap.xml".to_owned(),
                Content::Text(self.plan.sitemap(base_url)),
            )
        });
        statics.chain(assets).chain(search).chain(sitemap).collect()
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
        let id = self.site.pages.position(|p| p.file == rel)?;
        let text = crate::content::read_text(file).ok()?;
        let source = crate::diagnostics::SourceFile::new(rel, text);
        let (front_range, body_start) = crate::content::split_front_matter(&source.text)?;
        let mut local = Diagnostics::new();
        let front: crate::content::model::page::FrontMatter =
            crate::content::parse_toml_part(&source, front_range, &mut local)?;
        let page = &self.site.pages[id];
        if front.title != page.title
            || front.weight != page.weight
            || front.draft != page.draft
            || front.summary != page.summary
            || front.report != page.report
            || front.menu != page.menu
        {
            return None;
        }
        let page = &mut self.site.pages[id];
        page.markdown = source.text.get(body_start..).unwrap_or("").to_owned();
        page.body_line = source.position(body_start).line;
        let mut which = vec![self.plan.narrative(id)];
        if page.report.is_some() && !page.draft {
            which.extend(
                self.plan
                    .pages
                    .iter_enumerated()
                    .filter(|(_, p)| p.kind == PageKind::FullReport)
                    .map(|(at, _)| at),
            );
        }
        let pages = self.render_pages(Some(&which), diags);
        if pages.is_empty() || !pages.iter().all(|p| links.same_anchors(p)) {
            return None;
        }
        for p in &pages {
            crate::check::links::check_narrative(links, p, diags);
        }
        Some(
            pages
                .into_iter()
                .filter(|p| p.publish)
                .map(|p| (p.path, Content::Text(p.html)))
                .collect(),
        )
    }
}

/// What the chart drawer did, for `--verbose`: how many drawings were made, read from the cache
/// folder or shared between pages.
fn drawing_note(prepared: &Prepared) -> Option<String> {
    let d = prepared.drawer.as_ref()?.stats();
    Some(format!(
        "Charts: {} drawings (each chart wide and narrow): {} drawn, {} from {}/svg, {} shared between pages{}",
        d.requested,
        d.drawn,
        d.disk_hits,
        CACHE_DIR,
        d.memo_hits,
        if d.corrupt > 0 {
            format!(", {} damaged cache entries drawn again", d.corrupt)
        } else {
            String::new()
        }
    ))
}

/// Checks a site without writing anything: every problem is in the returned collection.
pub fn check(opts: &Options) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if let Some(mut prepared) = prepare(opts, &mut diags) {
        // Drawing is the slow part of a build and depends on nothing a check could find wrong.
        prepared.drawer = None;
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
        notes: prepared
            .notes
            .iter()
            .cloned()
            .chain(drawing_note(&prepared))
            .collect(),
    };
    (Some(summary), diags)
}
