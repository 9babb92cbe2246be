//! Rendering the pages of the plan: each page's view through its template, on every core.

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::plan::{Plan, PlanId};
use crate::render::RenderedPage;
use crate::render::strings::Strings;
use crate::render::svg::Drawer;
use crate::render::templates::{Renderer, error_chain};
use crate::report::Report;
use crate::site::Site;
use crate::view;

/// What rendering reads: the site, its figures, the plan, the theme's words and templates, and
/// the chart drawer (`None` leaves charts undrawn, as `check` does).
pub struct Inputs<'a> {
    /// The validated site.
    pub site: &'a Site,
    /// Its computed figures.
    pub report: &'a Report,
    /// Every page of the build.
    pub plan: &'a Plan,
    /// The theme's words.
    pub strings: &'a Strings,
    /// The parsed templates.
    pub tera: &'a Tera,
    /// Draws the charts to SVG.
    pub drawer: Option<&'a Drawer>,
}

/// Renders the planned pages `which` (every page when `None`). Problems with a template are
/// reported once per page, at the template; a chart that cannot be drawn, at the page.
pub fn render_pages(
    inputs: &Inputs<'_>,
    which: Option<&[PlanId]>,
    diags: &mut Diagnostics,
) -> Vec<RenderedPage> {
    let Inputs {
        site,
        report,
        plan,
        strings,
        tera,
        drawer,
    } = *inputs;
    let ctx = view::Ctx::new(site, report, plan, strings.clone());
    let renderer = Renderer::new(tera, &ctx.shared());
    let render = |id: PlanId| -> Result<RenderedPage, Box<Diagnostic>> {
        let page = &plan.pages[id];
        let mut built = ctx.build(page);
        if let Some(drawer) = drawer {
            draw_charts(drawer, &page.path, &mut built.view)?;
        }
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

/// Draws every chart of a page to SVG, each named `page#chart-id` in an error. An engine failure
/// is a build error at the page (the page is not written), never a panic or a chart left out.
fn draw_charts(
    drawer: &Drawer,
    page: &str,
    view: &mut view::PageView<'_>,
) -> Result<(), Box<Diagnostic>> {
    let charts = view.charts_mut().into_iter().filter(|c| c.empty.is_empty());
    for (nth, chart) in charts.enumerate() {
        let name = format!("{page}#{}", chart.id);
        match drawer.place(&name, chart, nth) {
            Ok(drawing) => chart.drawing = Some(drawing),
            Err(e) => {
                return Err(Box::new(
                    Diagnostic::in_file(Severity::Error, page.to_owned(), e.to_string())
                        .expected(
                            "a chart the built-in ECharts can draw; this is a fault of qmsite: please report it with the page and chart named here",
                        )
                        .code(&crate::diagnostics::codes::CHART_DRAW),
                ));
            }
        }
    }
    Ok(())
}
