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

mod languages;
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
    /// Shared by every language, so a chart they show alike is drawn once.
    pub drawer: Option<std::sync::Arc<Drawer>>,
    /// Where these pages go below the output root: `""` for the default language, `"cs/"`.
    pub prefix: String,
    /// The site in each of its other languages, rendered under its own prefix.
    pub translations: Vec<Prepared>,
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

/// Loads, validates and computes, then loads the theme, parses its templates and plans the pages,
/// for the site's default language and for each of its other languages.
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
    let others: Vec<String> = site.config.languages.iter().skip(1).cloned().collect();
    let mut prepared = Prepared::in_language(opts, site, report, history.notes, diags)?;
    for language in others {
        let localised = crate::content::translate::localise(&raw, &language, diags);
        // The same files again, text aside: only what the translations broke is new.
        let mut again = Diagnostics::new();
        let site = crate::validate::validate(&localised.raw, opts.today, &mut again);
        diags.errors_of(again);
        languages::untranslated_warning(&raw.config, &language, &localised, diags);
        let report = prepared.report.clone();
        if let Some(site) = &site {
            languages::same_figures(&raw.config, &language, site, &report, diags);
        }
        if let Some(site) = site
            && let Some(mut p) = Prepared::in_language(opts, site, report, Vec::new(), diags)
        {
            p.drawer = prepared.drawer.clone();
            prepared.translations.push(p);
        }
    }
    name_languages(&mut prepared);
    (!diags.has_errors()).then_some(prepared)
}

/// Gives every language's site the name of every language in itself, each from its own strings
/// table (`language_name`), for the language switcher.
fn name_languages(prepared: &mut Prepared) {
    let names: std::collections::BTreeMap<String, String> = prepared
        .languages()
        .map(|l| {
            (
                l.site.config.language.clone(),
                l.strings.get("language_name"),
            )
        })
        .collect();
    prepared.site.config.language_names = names.clone();
    for t in &mut prepared.translations {
        t.site.config.language_names = names.clone();
    }
}

impl Prepared {
    /// Loads the theme, parses its templates and plans the pages of a validated site in the
    /// language it was laid out in.
    fn in_language(
        opts: &Options,
        mut site: Site,
        report: Report,
        notes: Vec<String>,
        diags: &mut Diagnostics,
    ) -> Option<Prepared> {
        let prefix = site.config.prefix();
        if !site.config.base_url.is_empty() {
            site.config.base_url.push_str(&prefix);
        }
        let theme =
            crate::theme::load(&site.root, &site.config.theme, &site.config.language, diags);
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
            notes,
            drawer: Some(std::sync::Arc::new(drawer)),
            prefix,
            translations: Vec::new(),
        })
    }

    /// This language and every other, each prepared site once.
    pub fn languages(&self) -> impl Iterator<Item = &Prepared> {
        std::iter::once(self).chain(&self.translations)
    }

    /// Renders every page of every language, checks every link and lists every file to write:
    /// the default language at the root, each other under its prefix.
    pub fn render(&self, progress: Option<&Progress>, diags: &mut Diagnostics) -> Option<Rendered> {
        if let Some(p) = progress {
            let total = self
                .languages()
                .map(|l| l.plan.pages.len() + l.other_count())
                .sum();
            p.total.store(total, Ordering::Relaxed);
        }
        // Every language's pages and files are known before anything is written: the links
        // between them (the language switcher's among them) are checked across all of them.
        let mut languages = Vec::new();
        let mut files = BTreeMap::new();
        for l in self.languages() {
            let (others, mut pages) = l.render_language(diags);
            for p in &mut pages {
                p.path.insert_str(0, &l.prefix);
            }
            files.extend(
                others
                    .into_iter()
                    .map(|(k, v)| (format!("{}{k}", l.prefix), v)),
            );
            languages.push((l, pages));
        }
        let checking = Instant::now();
        let paths: Vec<String> = files.keys().cloned().collect();
        let every_page: Vec<&RenderedPage> = languages.iter().flat_map(|(_, p)| p).collect();
        let index = crate::check::links::Index::new(every_page.iter().copied(), &paths);
        for (l, pages) in &languages {
            crate::check::links::check(&l.site, &l.theme, pages, &index, &l.prefix, diags);
        }
        let link_check = checking.elapsed();
        if diags.has_errors() {
            return None;
        }
        let published: Vec<RenderedPage> = languages
            .into_iter()
            .flat_map(|(_, pages)| pages)
            .filter(|p| p.publish)
            .collect();
        let mut rendered = Rendered {
            files,
            links: index,
            link_check,
            pages: published.len(),
            charts: published.iter().map(|p| p.charts).sum(),
        };
        for RenderedPage { path, html, .. } in published {
            rendered.files.insert(path, Content::Text(html));
        }
        if let Some(p) = progress {
            p.done.fetch_add(rendered.pages, Ordering::Relaxed);
        }
        Some(rendered)
    }

    /// Renders this language's pages and lists its other files, with paths below its own
    /// folder; the search index reads every narrative again, so it is built beside the pages.
    fn render_language(
        &self,
        diags: &mut Diagnostics,
    ) -> (BTreeMap<String, Content>, Vec<RenderedPage>) {
        let (others, (pages, local)) = rayon::join(
            || self.other_files(),
            || {
                let mut local = Diagnostics::new();
                let pages = self.render_pages(None, &mut local);
                (pages, local)
            },
        );
        diags.extend(local);
        (others, pages)
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
            drawer: self.drawer.as_deref(),
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
    pub(crate) fn other_files(&self) -> BTreeMap<String, Content> {
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
        if !self.translations.is_empty() {
            // Another language may show the narrative, or fall back to it: build them all.
            return None;
        }
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
        for t in &mut prepared.translations {
            t.drawer = None;
        }
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
