//! The pipeline, one way through: load → validate → compute → render → write.
//!
//! `check` runs the first stages and reports; `build` runs them all and swaps the new output in
//! only when every stage succeeded.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::output::Staging;
use crate::theme::FileSource;

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
}

/// Loads, validates and computes; returns the report pieces when there are no errors.
fn prepare(
    opts: &Options,
    diags: &mut Diagnostics,
) -> Option<(crate::resolved::Site, crate::compute::Report)> {
    let mut raw = crate::load::load_site(&opts.root, diags)?;
    if let Some(out) = &opts.output {
        raw.config.config.output_dir = toml::Spanned::new(0..0, out.to_string_lossy().into_owned());
        raw.config.config.output_dir_from_command_line = true;
    }
    let site = crate::validate::validate(&raw, opts.today, diags)?;
    if diags.has_errors() {
        return None;
    }
    let report = crate::compute::compute(&site, opts.today);
    Some((site, report))
}

/// Checks a site without writing anything: every problem is in the returned collection.
pub fn check(opts: &Options) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if let Some((site, report)) = prepare(opts, &mut diags) {
        let theme = crate::theme::load(
            &site.root,
            &site.config.theme,
            &site.config.language,
            &mut diags,
        );
        if let Some(tera) = crate::render::templates(&theme, &mut diags) {
            let pages = crate::render::render_site(&site, &report, &theme, &tera, &mut diags);
            let (statics, assets) = extra_files(&site, &theme);
            check_links(&site, &theme, &pages, &statics, &assets, &mut diags);
        }
    }
    diags
}

/// Builds the site. On any error nothing is written and the previous output stays as it was.
pub fn build(opts: &Options) -> (Option<Summary>, Diagnostics) {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let Some((site, report)) = prepare(opts, &mut diags) else {
        return (None, diags);
    };
    let theme = crate::theme::load(
        &site.root,
        &site.config.theme,
        &site.config.language,
        &mut diags,
    );
    let Some(tera) = crate::render::templates(&theme, &mut diags) else {
        return (None, diags);
    };
    let pages = crate::render::render_site(&site, &report, &theme, &tera, &mut diags);
    let (statics, assets) = extra_files(&site, &theme);
    // Every page and file is known before anything is written: check links across them now.
    check_links(&site, &theme, &pages, &statics, &assets, &mut diags);
    if diags.has_errors() {
        return (None, diags);
    }
    let out = site.config.output_dir.clone();
    let fail = |diags: &mut Diagnostics, message: String| {
        diags.push(
            Diagnostic::in_file(Severity::Error, display(&site.root, &out), message).expected(
                "an output folder qmsite may create and replace whole: new, empty, or written by qmsite before",
            ),
        );
    };
    let staging = match Staging::begin(&out) {
        Ok(s) => s,
        Err(e) => {
            fail(&mut diags, e);
            return (None, diags);
        }
    };
    let written: Result<(), String> = pages
        .par_iter()
        .try_for_each(|p| staging.write(&p.path, p.html.as_bytes()))
        .and_then(|_| {
            statics.par_iter().try_for_each(|(rel, src)| match src {
                FileSource::Embedded(bytes) => staging.write(rel, bytes),
                FileSource::Site(path) => staging.copy(rel, path),
            })
        })
        .and_then(|_| {
            assets
                .par_iter()
                .try_for_each(|(rel, path)| staging.copy(rel, path))
        });
    if let Err(e) = written {
        staging.abort();
        fail(&mut diags, e);
        return (None, diags);
    }
    if let Err(e) = staging.commit() {
        fail(&mut diags, e);
        return (None, diags);
    }
    let summary = Summary {
        pages: pages.len(),
        charts: pages.iter().map(|p| p.charts).sum(),
        files: statics.len() + assets.len(),
        output: out,
        elapsed: started.elapsed(),
    };
    (Some(summary), diags)
}

/// Files the build writes besides the pages: the theme's static files and the attachments under
/// `content/pages/`, each with its path below the output root.
#[allow(clippy::type_complexity)]
fn extra_files<'a>(
    site: &crate::resolved::Site,
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
    site: &crate::resolved::Site,
    theme: &crate::theme::Theme,
    pages: &[crate::render::RenderedPage],
    statics: &[(String, &FileSource)],
    assets: &[(String, PathBuf)],
    diags: &mut Diagnostics,
) {
    let files: Vec<String> = statics
        .iter()
        .map(|(k, _)| k.clone())
        .chain(assets.iter().map(|(k, _)| k.clone()))
        .collect();
    crate::links::check(site, theme, pages, &files, diags);
}

fn display(root: &Path, p: &Path) -> PathBuf {
    crate::diagnostics::display_path(root, p)
}
