//! Rendering every page of a build: each page's view through its template, on every core.

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::render::RenderedPage;
use crate::render::templates::error_chain;
use crate::report::Report;
use crate::site::Site;
use crate::theme::Theme;
use crate::view;

/// Renders every page of the site, or only the narrative page `only` (a slug) when given, with
/// the full report when the narrative is part of it: an edited narrative whose title and order
/// did not change affects no other page.
pub fn render_site(
    site: &Site,
    report: &Report,
    theme: &Theme,
    tera: &Tera,
    only: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<RenderedPage> {
    let ctx = view::Ctx::new(site, report, &theme.strings);
    let render = |job: view::Job| {
        match tera.render(job.template, &job.context) {
        Ok(mut html) => Ok(RenderedPage {
            authored: {
                // Thousands of pages are held until written: give back what the buffer
                // grew beyond the page.
                html.shrink_to_fit();
                crate::render::locate(&html, &job.authored)
            },
            path: job.path,
            html,
            charts: job.charts,
            template: job.template,
            narrative: job.narrative,
        }),
        Err(e) => Err(Box::new(
            Diagnostic::in_file(
                Severity::Error,
                format!("themes/{}/templates/{}", site.config.theme, job.template),
                format!("rendering {} failed: {}", job.path, error_chain(&e)),
            )
            .expected(
                "a template that uses only the values qmsite gives it (see the built-in theme's templates)",
            )
            .code(&crate::diagnostics::codes::TEMPLATE),
        )),
    }
    };
    let results: Vec<Result<RenderedPage, Box<Diagnostic>>> = match only {
        Some(slug) => {
            let mut jobs: Vec<view::Job> = site
                .pages
                .iter()
                .filter(|p| p.slug == slug)
                .map(|p| view::narrative_page(&ctx, p))
                .collect();
            if view::report_shows(site, slug) {
                jobs.push(view::full_report(&ctx));
            }
            jobs.into_par_iter().map(render).collect()
        }
        None => {
            let mut results: Vec<_> = view::all_jobs(&ctx).into_par_iter().map(render).collect();
            // Narrative pages are most of a large site: each is converted from Markdown and
            // rendered in one go on any core, so only its finished HTML is kept.
            results.par_extend(
                site.pages
                    .par_iter()
                    .map(|p| render(view::narrative_page(&ctx, p))),
            );
            results
        }
    };
    let mut pages = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(d) => diags.push(*d),
        }
    }
    pages
}
