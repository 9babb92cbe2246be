//! JSON Schemas of every content file kind, generated from the Rust types, so that editors with
//! TOML schema support (Taplo and the editors built on it) complete keys and flag errors as the
//! user types. Generated TOML files point at them with a `#:schema` first line.

use schemars::{JsonSchema, generate::SchemaSettings};

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

/// The JSON Schema of a model type, as editors and qmsite's own key-by-key check read it.
pub fn generate<T: JsonSchema>() -> schemars::Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

fn render<T: JsonSchema>(title: &str) -> String {
    let mut schema = generate::<T>();
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
