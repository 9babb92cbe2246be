//! What a build in several languages checks and says beyond one language: that translations
//! left every figure as it was, and how much of the content shows in the default language.

use crate::content::config::LoadedConfig;
use crate::content::translate::Localised;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, codes};
use crate::report::Report;
use crate::site::Site;

/// Computes the report again from the site in another language and reports an error when any
/// figure differs: translations change words only, so every language shows the same figures.
/// A translation can only differ in what a reader sees, but a text may still be something a
/// figure depends on in a way the file formats do not mark; this makes sure.
pub(super) fn same_figures(
    config: &LoadedConfig,
    language: &str,
    site: &Site,
    report: &Report,
    diags: &mut Diagnostics,
) {
    let mut again = crate::report::compute(site, report.today);
    again.history = report.history.clone();
    if serde_json::to_value(&again).ok() == serde_json::to_value(report).ok() {
        return;
    }
    diags.push(
        Diagnostic::at(
            Severity::Error,
            &config.source,
            language_span(config, language),
            format!("the \"{language}\" translations change the site's figures, not only its words"),
        )
        .expected("translations of texts readers see only; ids, numbers, levels, peers' sectors and every reference as in the original")
        .code(&codes::TRANSLATION),
    );
}

/// Where `language` is listed in `languages`, for messages about it.
fn language_span(config: &LoadedConfig, language: &str) -> std::ops::Range<usize> {
    config
        .config
        .languages
        .iter()
        .find(|l| l.get_ref() == language)
        .map_or(0..0, |l| l.span())
}

/// One warning per language with untranslated content: how much shows in the default language.
pub(super) fn untranslated_warning(
    config: &LoadedConfig,
    language: &str,
    localised: &Localised,
    diags: &mut Diagnostics,
) {
    if localised.texts == 0 && localised.narratives == 0 {
        return;
    }
    let span = language_span(config, language);
    diags.push(
        Diagnostic::at(
            Severity::Warning,
            &config.source,
            span,
            format!(
                "\"{language}\": {} narratives and {} texts have no translation and show in \"{}\"",
                localised.narratives,
                localised.texts,
                config.config.language.get_ref()
            ),
        )
        .code(&codes::UNTRANSLATED)
        .suggest(format!(
            "add name.{language}.md beside a narrative and name.{language}.toml beside a data file, holding its texts in \"{language}\""
        )),
    );
}

/// Gives every language's site the name of every language in itself, each from its own strings
/// table (`language_name`), for the language switcher.
pub(super) fn name_languages(prepared: &mut super::Prepared) {
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
