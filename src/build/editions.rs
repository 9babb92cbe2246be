//! Audience editions in the pipeline: a prepared site projected into one edition (its site
//! projected, its figures shared, its pages planned again), and every edition built at once.

use std::path::PathBuf;
use std::time::Instant;

use super::{Diagnostics, Prepared, Progress, Rendered, Summary};
use crate::diagnostics::{Diagnostic, Severity, codes};
use crate::edition::{self, UnknownEdition};
use crate::site::Edition;

impl Prepared {
    /// This site as the edition `name` shows it (the default edition when `None`), in every
    /// language; `Ok(None)` when the site defines no editions and none was asked for.
    pub fn edition(&self, name: Option<&str>) -> Result<Option<Prepared>, UnknownEdition> {
        let chosen = edition::choose(&self.site.config.editions, name)?;
        Ok(chosen.map(|e| self.projected(e)))
    }

    /// Every edition of the site, the default first; empty when it defines none.
    pub fn editions(&self) -> Vec<Prepared> {
        self.site
            .config
            .editions
            .iter()
            .map(|e| self.projected(e))
            .collect()
    }

    /// Projects this language and each other into `e` (each with the edition's title in its
    /// own language). The report is not computed again: its figures are shared.
    fn projected(&self, e: &Edition) -> Prepared {
        // The same edition in this language's words (every language has the same editions).
        let e = self
            .site
            .config
            .editions
            .iter()
            .find(|x| x.name == e.name)
            .unwrap_or(e);
        let site = edition::project(&self.site, e);
        let report = edition::project_report(&self.report, e);
        let plan = crate::plan::plan(&site, &report, &self.strings);
        Prepared {
            options: self.options.clone(),
            site,
            report,
            theme: self.theme.clone(),
            strings: self.strings.clone(),
            tera: self.tera.clone(),
            plan,
            notes: self.notes.clone(),
            drawer: self.drawer.clone(),
            prefix: self.prefix.clone(),
            translations: self.translations.iter().map(|t| t.projected(e)).collect(),
        }
    }

    /// Where this build is written: `-o` when it was given for a single edition, else the
    /// edition's own folder (the site's `output_dir` when it has no editions).
    pub fn output_folder(&self, all: bool) -> Option<PathBuf> {
        let config = &self.site.config;
        match &config.edition {
            Some(e) if all || self.options.output.is_none() => e.output_dir.clone(),
            _ => Some(config.output_dir.clone()),
        }
    }
}

/// The editions of a prepared site, or the site itself when it defines none; `name` picks one.
pub(super) fn chosen(
    whole: Prepared,
    name: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<Prepared> {
    match whole.edition(name) {
        Ok(Some(p)) => Some(p),
        Ok(None) => Some(whole),
        Err(e) => {
            diags.push(
                Diagnostic::in_file(Severity::Error, "--edition", e.to_string())
                    .expected("the name of one of the [[editions]] of qmsite.toml")
                    .code(&codes::EDITION),
            );
            None
        }
    }
}

/// Builds every edition into its own folder. Every edition is rendered and checked before any is
/// written, so a problem in one leaves every previous output as it was; each folder is then
/// swapped in whole, as a single build does.
pub fn build_all(
    opts: &super::Options,
    progress: Option<&Progress>,
) -> (Vec<Summary>, Diagnostics) {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let Some(whole) = super::prepare_whole(opts, &mut diags) else {
        return (Vec::new(), diags);
    };
    let editions = match whole.editions() {
        e if e.is_empty() => vec![whole],
        e => e,
    };
    let mut rendered: Vec<(Prepared, Rendered)> = Vec::new();
    for p in editions {
        if let Some(r) = p.render(progress, &mut diags) {
            rendered.push((p, r));
        }
    }
    if diags.has_errors() {
        return (Vec::new(), diags);
    }
    let mut summaries = Vec::new();
    for (p, r) in &rendered {
        let Some(out) = p.output_folder(true) else {
            continue;
        };
        match super::write_to(p, r, &out, progress, started, &mut diags) {
            Some(s) => summaries.push(s),
            None => break,
        }
    }
    (summaries, diags)
}
