//! Validate: check ids, references, dates and value ranges, and resolve the raw files into a
//! [`Site`]. Every problem is recorded; nothing stops at the first one.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;
use toml::Spanned;
use typed_index_collections::TiVec;

use crate::content::files::Folder;
use crate::content::model::{Direction, SpannedDate};
use crate::content::{Loaded, RawSite};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, SourceFile, codes, one_of};
use crate::iso;
use crate::site::*;

mod assessments;
mod benchmarks;
mod brand;
mod coverage;
mod framework;
mod ids;
mod improvements;
mod pages;
mod qms;
mod refs;
mod units;
mod values;

use assessments::assessments;
use benchmarks::benchmarks;
use coverage::coverage;
use framework::{frameworks, resolve_framework};
use ids::IdSet;
use improvements::improvements;
use pages::pages;
use qms::qms;
use refs::{Refs, clauses};
use units::units;
use values::{date, evidence, non_negative, origin, weight};

/// Checks a raw site and resolves it. Returns `None` only when errors make a site impossible;
/// callers must still look at `diags` for errors and warnings.
///
/// Long because it runs the file kinds' checks in the order they depend on each other, and that
/// order is the point of reading it.
pub fn validate(raw: &RawSite, today: Date, diags: &mut Diagnostics) -> Option<Site> {
    let cfg = &raw.config;
    let output_dir = cfg.output_dir(&raw.root, diags);

    let frameworks = frameworks(raw, diags);
    let fw_index: HashMap<&str, FrameworkId> = frameworks
        .iter_enumerated()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let fw_ids = || frameworks.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    let quiet = Quiet::of(raw);

    let units = units(raw, diags);
    let assessments = assessments(raw, &frameworks, &fw_index, &fw_ids, &units, &quiet, diags);
    let benchmarks = benchmarks(raw, &frameworks, &fw_index, &fw_ids, &quiet, diags);

    // The main framework: configured, or the one with the most assessments (then the first id).
    let main_framework = match &cfg.config.main_framework {
        Some(id) => match fw_index.get(id.get_ref().as_str()) {
            Some(i) => Some(*i),
            None if quiet.frameworks => None,
            None => {
                unknown_ref(
                    diags,
                    &cfg.source,
                    id,
                    format!("main_framework \"{}\" is not defined", id.get_ref()),
                    &fw_ids(),
                );
                None
            }
        },
        None => frameworks.keys().max_by_key(|i| {
            let n = assessments.iter().filter(|a| a.framework == *i).count();
            (n, std::cmp::Reverse(*i))
        }),
    };
    if frameworks.is_empty() && !quiet.frameworks {
        diags.push(
            Diagnostic::in_file(
                Severity::Error,
                "content/frameworks",
                "no framework is defined",
            )
            .expected("at least one framework file in content/frameworks/")
            .code(&codes::NO_FRAMEWORK),
        );
    }

    let refs = Refs {
        frameworks: &frameworks,
        fw_index: &fw_index,
        main: main_framework.unwrap_or(FrameworkId::from(0)),
        quiet: &quiet,
    };
    let qms = qms(raw, &refs, today, diags);
    let qms_index: HashMap<&str, QmsId> = qms
        .iter_enumerated()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let assessment_index: HashMap<&str, AssessmentId> = assessments
        .iter_enumerated()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let improvements = improvements(raw, &refs, &qms_index, &assessment_index, today, diags);
    let coverage = coverage(raw, diags);
    let pages = pages(raw, diags);

    let default_language = cfg.config.language.get_ref().clone();
    let language = cfg
        .config
        .building
        .clone()
        .unwrap_or_else(|| default_language.clone());
    let theme = cfg.config.theme.get_ref().clone();
    if crate::theme::is_missing(&raw.root, &theme) {
        diags.push(
            Diagnostic::at(
                Severity::Error,
                &cfg.source,
                cfg.config.theme.span(),
                format!("theme \"{theme}\" has no folder themes/{theme}/ in the site"),
            )
            .code(&codes::THEME_MISSING)
            .expected("theme = \"default\", or the name of a folder under themes/"),
        );
    }
    let languages = languages(raw, &theme, diags);

    let config = SiteConfig {
        title: cfg.config.title.clone(),
        organisation: cfg.config.organisation.clone(),
        base_url: normalised_base_url(cfg.config.base_url.get_ref()),
        language,
        default_language,
        languages,
        theme,
        output_dir: output_dir?,
        cadence_years: *cfg.config.assessment_cadence_years.get_ref(),
        description: cfg.config.description.clone(),
        history: crate::site::HistoryConfig {
            enabled: cfg.config.history.enabled,
            tags: cfg
                .config
                .history
                .tags
                .as_ref()
                .map(|t| t.get_ref().trim().to_owned()),
            commits: usize::try_from(*cfg.config.history.commits.get_ref()).unwrap_or(10),
        },
        brand: brand::brand(raw, diags),
        paper: cfg.config.paper,
        language_names: std::collections::BTreeMap::new(),
    };
    Some(Site {
        root: raw.root.clone(),
        config,
        frameworks,
        main_framework: main_framework?,
        units: units.list,
        assessments,
        benchmarks,
        qms,
        improvements,
        coverage,
        pages,
        assets: raw.assets.clone(),
        files: SourceFiles {
            improvements: raw
                .registers
                .iter()
                .map(|l| l.source.path.clone())
                .collect(),
            qms: raw.qms.iter().map(|l| l.source.path.clone()).collect(),
            coverage: raw.coverage.iter().map(|l| l.source.path.clone()).collect(),
            benchmarks: raw
                .benchmarks
                .iter()
                .map(|l| l.source.path.clone())
                .collect(),
        },
    })
}

/// Every language the site is built in, the default first; reports a language without theme
/// strings, one listed twice or the default listed again, and a code that cannot name a folder.
fn languages(raw: &RawSite, theme: &str, diags: &mut Diagnostics) -> Vec<String> {
    let cfg = &raw.config;
    let mut out: Vec<String> = Vec::new();
    let all = std::iter::once(&cfg.config.language).chain(&cfg.config.languages);
    for (n, spanned) in all.enumerate() {
        let language = spanned.get_ref();
        let problem = if !crate::content::translate::is_language_code(language) {
            Some((
                format!("\"{language}\" is not a language code"),
                "a language code of two or three small letters, as in \"en\", \"cs\" or \"de\""
                    .to_owned(),
                &codes::BAD_CONFIG,
            ))
        } else if out.contains(language) {
            Some((
                format!("language \"{language}\" is given twice"),
                "each language once; languages lists the languages besides `language`".to_owned(),
                &codes::BAD_CONFIG,
            ))
        } else if !crate::theme::has_language(&raw.root, theme, language) {
            Some((
                format!("no theme strings for language \"{language}\""),
                format!(
                    "{}, or a file themes/{theme}/i18n/{language}.toml in the site",
                    one_of(crate::theme::LANGUAGES)
                ),
                &codes::NO_STRINGS,
            ))
        } else {
            None
        };
        match problem {
            Some((message, expected, code)) => {
                let mut d = Diagnostic::at(Severity::Error, &cfg.source, spanned.span(), message)
                    .code(code)
                    .expected(expected);
                if code.id == codes::NO_STRINGS.id {
                    d = d.nearest_of(language, crate::theme::LANGUAGES);
                }
                diags.push(d);
                if n == 0 {
                    out.push(language.clone());
                }
            }
            None => out.push(language.clone()),
        }
    }
    out
}

/// Reports a reference to something that is not defined: the nearest id first ("did you
/// mean"), then the ids that exist.
fn unknown_ref<S: AsRef<str>>(
    diags: &mut Diagnostics,
    source: &SourceFile,
    reference: &Spanned<String>,
    message: String,
    candidates: &[S],
) {
    diags.push(
        Diagnostic::at(Severity::Error, source, reference.span(), message)
            .code(&codes::UNKNOWN_REFERENCE)
            .nearest_of(reference.get_ref(), candidates)
            .expected(one_of(candidates)),
    );
}

/// The published address with one trailing slash, or empty; only web addresses pass
/// configuration checks.
fn normalised_base_url(url: &str) -> String {
    let url = url.trim();
    if url.starts_with("https://") || url.starts_with("http://") {
        format!("{}/", url.trim_end_matches('/'))
    } else {
        String::new()
    }
}

/// Which kinds of referenced files could not be read: references into them are not reported as
/// dangling, since the real problem (the unreadable file) is already reported.
struct Quiet {
    frameworks: bool,
    assessments: bool,
    qms: bool,
}

impl Quiet {
    pub(super) fn of(raw: &RawSite) -> Self {
        Quiet {
            frameworks: raw.unreadable.contains(&Folder::Frameworks),
            assessments: raw.unreadable.contains(&Folder::Assessments),
            qms: raw.unreadable.contains(&Folder::Qms),
        }
    }
}
