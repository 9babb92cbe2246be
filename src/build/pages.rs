//! Rendering the pages of the plan: each page's view through its template, on every core.

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::plan::{Plan, PlanId};
use crate::render::RenderedPage;
use crate::render::strings::Strings;
use crate::render::templates::{Renderer, error_chain};
use crate::report::Report;
use crate::site::Site;
use crate::view;

/// Renders the planned pages `which` (every page when `None`). Problems with a template are
/// reported once per page, at the template.
pub fn render_pages(
    site: &Site,
    report: &Report,
    plan: &Plan,
    strings: &Strings,
    tera: &Tera,
    which: Option<&[PlanId]>,
    diags: &mut Diagnostics,
) -> Vec<RenderedPage> {
    let ctx = view::Ctx::new(site, report, plan, strings.clone());
    let renderer = Renderer::new(tera, &ctx.shared());
    let render = |id: PlanId| -> Result<RenderedPage, Box<Diagnostic>> {
        let page = &plan.pages[id];
        let built = ctx.build(page);
        let template = page.kind.template();
        match renderer.render(template, &ctx.frame(id), &built.view) {
            Ok(mut html) => {
                // Thousands of pages are held until written: give back what the buffer grew
                // beyond the page.
                html.shrink_to_fit();
                Ok(RenderedPage {
                    authored: crate::render::locate(&html, &built.authored),
                    path: page.path.clone(),
                    html,
                    charts: built.charts,
                    template,
                    narrative: built.narrative,
                    publish: page.publish,
                })
            }
            Err(e) => Err(Box::new(
                Diagnostic::in_file(
                    Severity::Error,
                    format!("themes/{}/templates/{template}", site.config.theme),
                    format!("rendering {} failed: {}", page.path, error_chain(&e)),
                )
                .expected(
                    "a template that uses only the values qmsite gives it (see the built-in theme's templates, and `qmsite schema` for what each receives)",
                )
                .code(&crate::diagnostics::codes::TEMPLATE),
            )),
        }
    };
    let ids: Vec<PlanId> = match which {
        Some(ids) => ids.to_vec(),
        None => plan.pages.keys().collect(),
    };
    let results: Vec<Result<RenderedPage, Box<Diagnostic>>> =
        ids.into_par_iter().map(render).collect();
    let mut pages = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(d) => diags.push(*d),
        }
    }
    pages
}
