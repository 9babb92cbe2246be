//! JSON Schemas of every content file kind, generated from the Rust types, so that editors with
//! TOML schema support (Taplo and the editors built on it) complete keys and flag errors as the
//! user types. Generated TOML files point at them with a `#:schema` first line.

use schemars::JsonSchema;

use crate::content::config::Config;
use crate::content::model::{
    assessment::AssessmentFile, benchmark::BenchmarkFile, coverage::CoverageFile,
    framework::FrameworkFile, improvement::RegisterFile, page::FrontMatter, qms::QmsFile,
};

/// Folder of a site that holds the schemas.
pub const DIR: &str = "schemas";

/// One schema file: its name and which files it describes.
pub struct SchemaFile {
    /// File name inside `schemas/`.
    pub name: &'static str,
    /// The content folder it applies to (`""` for `qmsite.toml`).
    pub folder: &'static str,
    /// The schema as pretty JSON.
    pub json: String,
}

fn render<T: JsonSchema>(title: &str) -> String {
    let mut schema = crate::content::shape::generate::<T>();
    schema.insert("title".to_owned(), title.into());
    serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "{}".to_owned()) + "\n"
}

/// Every schema, in a stable order.
pub fn all() -> Vec<SchemaFile> {
    vec![
        SchemaFile {
            name: "qmsite.json",
            folder: "",
            json: render::<Config>("qmsite.toml"),
        },
        SchemaFile {
            name: "framework.json",
            folder: "frameworks",
            json: render::<FrameworkFile>("qmsite framework"),
        },
        SchemaFile {
            name: "assessment.json",
            folder: "assessments",
            json: render::<AssessmentFile>("qmsite assessment"),
        },
        SchemaFile {
            name: "benchmark.json",
            folder: "benchmarks",
            json: render::<BenchmarkFile>("qmsite benchmark"),
        },
        SchemaFile {
            name: "qms.json",
            folder: "qms",
            json: render::<QmsFile>("qmsite IT QMS components"),
        },
        SchemaFile {
            name: "improvements.json",
            folder: "improvements",
            json: render::<RegisterFile>("qmsite improvement register"),
        },
        SchemaFile {
            name: "coverage.json",
            folder: "coverage",
            json: render::<CoverageFile>("qmsite ISO/IEC 20000-1 coverage"),
        },
        SchemaFile {
            name: "page.json",
            folder: "pages",
            json: render::<FrontMatter>("qmsite page front matter"),
        },
    ]
}

/// Schemas for readers of qmsite's output rather than writers of content: the JSON export
/// (`export.json`) and the context every page template receives (`templates/<template>.json`),
/// so that a theme author sees what each template can use.
pub fn outputs() -> Vec<SchemaFile> {
    use crate::view::*;
    fn page<V: JsonSchema>(template: &'static str, name: &'static str) -> SchemaFile {
        SchemaFile {
            name,
            folder: "",
            json: render::<TemplateContext<V>>(&format!("context of the template {template}")),
        }
    }
    vec![
        SchemaFile {
            name: "export.json",
            folder: "",
            json: render::<crate::export::json::Export>(
                "qmsite report export (qmsite export json)",
            ),
        },
        page::<HomeView>("index.html", "templates/index.json"),
        page::<FullReportView>("report.html", "templates/report.json"),
        page::<AssessmentListView>("assessments.html", "templates/assessments.json"),
        page::<AssessmentView>("assessment.html", "templates/assessment.json"),
        page::<ComparePageView>("compare.html", "templates/compare.json"),
        page::<ChangesView>("changes.html", "templates/changes.json"),
        page::<FrameworkView>("framework.html", "templates/framework.json"),
        page::<DimensionView>("dimension.html", "templates/dimension.json"),
        page::<BenchmarkView>("benchmark.html", "templates/benchmark.json"),
        page::<QmsView>("qms.html", "templates/qms.json"),
        page::<ImprovementsView>("improvements.html", "templates/improvements.json"),
        page::<CoverageView>("iso20000.html", "templates/iso20000.json"),
        page::<NarrativeView>("page.html", "templates/page.json"),
        page::<PagesIndexView>("pages.html", "templates/pages.json"),
        page::<UnitsView>("units.html", "templates/units.json"),
        page::<NotFoundView>("404.html", "templates/404.json"),
    ]
}

/// The `#:schema` line for a TOML file in a content folder (or `""` for `qmsite.toml`).
pub fn directive(folder: &str) -> String {
    let name = all()
        .into_iter()
        .find(|s| s.folder == folder)
        .map_or("qmsite.json", |s| s.name);
    if folder.is_empty() {
        format!("#:schema ./{DIR}/{name}\n")
    } else {
        format!("#:schema ../../{DIR}/{name}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_has_the_schema_of_its_context() {
        let outputs = outputs();
        for kind in [
            crate::plan::PageKind::Home,
            crate::plan::PageKind::FullReport,
            crate::plan::PageKind::Assessments,
            crate::plan::PageKind::WhatChanged,
            crate::plan::PageKind::Comparison(0.into(), 1.into()),
            crate::plan::PageKind::Benchmark,
            crate::plan::PageKind::Qms,
            crate::plan::PageKind::Improvements,
            crate::plan::PageKind::Coverage,
            crate::plan::PageKind::PagesIndex(1),
            crate::plan::PageKind::Units,
            crate::plan::PageKind::NotFound,
        ] {
            let name = format!("templates/{}", kind.template().replace(".html", ".json"));
            assert!(outputs.iter().any(|s| s.name == name), "{name}");
        }
        let home = outputs
            .iter()
            .find(|s| s.name == "templates/index.json")
            .expect("home");
        // What every page shares, where it sits and its own view are all described.
        for key in [
            "\"t\"",
            "\"nav\"",
            "\"root\"",
            "\"breadcrumbs\"",
            "\"latest\"",
            "\"movers\"",
        ] {
            assert!(home.json.contains(key), "{key} in {}", home.json);
        }
    }

    #[test]
    fn schemas_forbid_unknown_keys_and_list_enum_values() {
        let all = all();
        assert_eq!(all.len(), 8);
        let register = all
            .iter()
            .find(|s| s.name == "improvements.json")
            .expect("register");
        let v: serde_json::Value = serde_json::from_str(&register.json).expect("json");
        let text = register.json.as_str();
        assert!(text.contains("\"additionalProperties\": false"), "{text}");
        assert!(text.contains("\"in-progress\"") && text.contains("\"management-review\""));
        assert_eq!(v["title"], "qmsite improvement register");
        assert!(text.contains("\"format\": \"date\""));
        assert_eq!(
            directive("assessments"),
            "#:schema ../../schemas/assessment.json\n"
        );
        assert_eq!(directive(""), "#:schema ./schemas/qmsite.json\n");
    }
}
