//! The "compare any two assessments" form of the assessments page: every assessment's computed
//! figures as data the page carries, so that a small script compares any two of one framework in
//! the browser, from a web server or from `file://`. The figures are those of the report; the
//! script only subtracts one from the other, as [`crate::report::delta`] does, and rounds the way
//! the pages print. Without JavaScript the form stays hidden and the page lists the comparisons
//! of consecutive assessments instead.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::Ctx;
use crate::plan::paths;
use crate::render::charts::escape_json_for_html;
use crate::site::AssessmentId;

/// The form and its data.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CompareForm {
    /// Each framework and unit with two assessments or more, with its assessments (latest first).
    pub groups: Vec<CompareGroup>,
    /// The data the script reads, as JSON made safe inside a `<script type="application/json">`.
    pub data: String,
    /// The page language's decimal separator, so that the script writes figures as the pages do.
    pub decimal: String,
}

/// The assessments of one framework and unit the form offers.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CompareGroup {
    /// The framework's name.
    pub name: String,
    /// Its assessments, latest first.
    pub options: Vec<CompareOption>,
}

/// One assessment in the form's lists.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CompareOption {
    /// The assessment's id (the value sent to the script).
    pub id: String,
    /// Its title and date.
    pub label: String,
}

/// What the script knows of a framework: the labels and pages of its domains and dimensions.
#[derive(Serialize)]
struct FrameworkData {
    domains: Vec<String>,
    dimensions: Vec<(String, String)>,
}

/// What the script knows of an assessment: its computed figures and level labels.
#[derive(Serialize)]
struct AssessmentData {
    title: String,
    framework: String,
    /// The framework and unit: only assessments of one series compare.
    series: String,
    url: String,
    index: Option<f64>,
    domains: Vec<Option<f64>>,
    dimensions: Vec<Option<f64>>,
    levels: Vec<Option<String>>,
}

#[derive(Serialize)]
struct Data {
    frameworks: BTreeMap<String, FrameworkData>,
    assessments: BTreeMap<String, AssessmentData>,
    /// The page comparing two consecutive assessments, by `old/new` ids.
    pages: BTreeMap<String, String>,
}

/// Adds a framework and its assessments to the script's data.
fn add_framework(ctx: &Ctx, f: crate::site::FrameworkId, ids: &[AssessmentId], data: &mut Data) {
    let site = ctx.site;
    let fw = &site.frameworks[f];
    data.frameworks.insert(
        fw.id.clone(),
        FrameworkData {
            domains: fw
                .domains
                .iter()
                .map(|d| format!("{} {}", d.id, d.name))
                .collect(),
            dimensions: fw
                .dimensions
                .iter()
                .map(|d| {
                    (
                        format!("{} {}", d.id, d.name),
                        paths::dimension(&fw.id, &d.id),
                    )
                })
                .collect(),
        },
    );
    for &a in ids {
        let x = &site.assessments[a];
        let s = ctx.report.scores(a);
        data.assessments.insert(
            x.id.clone(),
            AssessmentData {
                title: x.title.clone(),
                framework: fw.id.clone(),
                series: format!("{}/{}", fw.id, usize::from(x.unit)),
                url: paths::assessment(&x.id),
                index: s.index,
                domains: s.domains.iter().copied().collect(),
                dimensions: s.dimensions.iter().copied().collect(),
                levels: x
                    .ratings
                    .iter()
                    .map(|r| r.level.map(|l| fw.scale[l].label.clone()))
                    .collect(),
            },
        );
        if let Some(p) = ctx.report.previous(a) {
            let old = &site.assessments[p].id;
            data.pages
                .insert(format!("{old}/{}", x.id), paths::comparison(old, &x.id));
        }
    }
}

/// The form, when some framework has two assessments or more in one unit.
pub(super) fn form(ctx: &Ctx) -> Option<CompareForm> {
    let site = ctx.site;
    let mut data = Data {
        frameworks: BTreeMap::new(),
        assessments: BTreeMap::new(),
        pages: BTreeMap::new(),
    };
    let mut groups = Vec::new();
    for (f, fw) in site.frameworks.iter_enumerated() {
        for unit in site.units_of(f) {
            let ids: Vec<_> = site.assessments_in(unit, f).collect();
            if ids.len() < 2 {
                continue;
            }
            add_framework(ctx, f, &ids, &mut data);
            let name = if site.several_units() {
                format!("{} · {}", fw.name, site.units[unit].name)
            } else {
                fw.name.clone()
            };
            groups.push(group(ctx, name, &ids));
        }
    }
    if groups.is_empty() {
        return None;
    }
    let json = serde_json::to_string(&data).ok()?;
    let half = ctx.t.formats().one_decimal(0.5);
    Some(CompareForm {
        groups,
        data: escape_json_for_html(&json),
        decimal: half.trim_start_matches('0').chars().take(1).collect(),
    })
}

/// One series in the form's lists, latest first.
fn group(ctx: &Ctx, name: String, ids: &[AssessmentId]) -> CompareGroup {
    let options = ids
        .iter()
        .rev()
        .map(|&a| {
            let x = &ctx.site.assessments[a];
            CompareOption {
                id: x.id.clone(),
                label: format!("{} ({})", x.title, ctx.t.date(x.date)),
            }
        })
        .collect();
    CompareGroup { name, options }
}
