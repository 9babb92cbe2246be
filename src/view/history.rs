//! What pages show of the git history: when each page's sources last changed, and each
//! improvement's status timeline.

use schemars::JsonSchema;
use serde::Serialize;

use super::Ctx;
use crate::content::config::CONFIG_FILE;
use crate::plan::PageKind;
use crate::report::history::{StatusStep, StepKind};

/// The last commit that changed a page's sources.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LastChanged {
    /// The commit's date, YYYY-MM-DD, for the `datetime` attribute.
    pub date: String,
    /// The commit's date as the site's language writes it.
    pub date_text: String,
    /// The commit's id, shortened.
    pub commit: String,
}

/// What every page says about the history the site was built from.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HistoryInfo {
    /// The commit the site was built from, shortened.
    pub commit: String,
    /// Its date.
    pub date: String,
    /// When the clone is shallow: the date its history starts (earlier dates are unknown), as
    /// the site's language writes it.
    pub shallow_since: Option<String>,
}

/// One step of an improvement's status timeline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TimelineStep {
    /// "added", "changed", "boundary" (the oldest commit of a shallow clone) or "uncommitted".
    pub kind: &'static str,
    /// The status key.
    pub status: &'static str,
    /// The status in words.
    pub status_label: String,
    /// The commit's date, YYYY-MM-DD, for the `datetime` attribute; empty for an uncommitted
    /// change.
    pub date: String,
    /// The commit's date as the site's language writes it; empty for an uncommitted change.
    pub date_text: String,
    /// The commit's id, shortened; empty for an uncommitted change.
    pub commit: String,
}

/// The sources of a page below the site root: files, or folders ending with `/`.
fn sources(ctx: &Ctx, kind: PageKind) -> Vec<String> {
    let site = ctx.site;
    let path = |p: &std::path::Path| {
        p.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    let of_framework = |f: crate::site::FrameworkId| {
        std::iter::once(path(&site.frameworks[f].file)).chain(
            site.assessments_of(f)
                .map(|a| path(&site.assessments[a].file)),
        )
    };
    let folder = |f: &str| format!("content/{f}/");
    match kind {
        PageKind::Home | PageKind::FullReport | PageKind::WhatChanged => {
            vec![CONFIG_FILE.to_owned(), "content/".to_owned()]
        }
        PageKind::Assessments => vec![folder("assessments"), folder("frameworks")],
        PageKind::Units => vec![CONFIG_FILE.to_owned(), folder("assessments")],
        PageKind::Assessment(a) => {
            let a = &site.assessments[a];
            vec![path(&a.file), path(&site.frameworks[a.framework].file)]
        }
        PageKind::Comparison(a, b) => {
            let (a, b) = (&site.assessments[a], &site.assessments[b]);
            vec![
                path(&a.file),
                path(&b.file),
                path(&site.frameworks[b.framework].file),
                folder("improvements"),
            ]
        }
        PageKind::Framework(f) => of_framework(f).collect(),
        PageKind::Dimension(d) => of_framework(d.framework)
            .chain([folder("improvements"), folder("qms")])
            .collect(),
        PageKind::Benchmark => vec![folder("benchmarks"), folder("assessments")],
        PageKind::Qms => vec![folder("qms"), folder("improvements")],
        PageKind::Improvements => vec![folder("improvements")],
        PageKind::Coverage => vec![folder("coverage"), folder("improvements")],
        PageKind::Narrative(p) => vec![path(&site.pages[p].file)],
        PageKind::PagesIndex(_) => vec![folder("pages")],
        PageKind::NotFound => Vec::new(),
    }
}

impl Ctx<'_> {
    /// When the sources of a page last changed in a commit; none without history.
    pub(super) fn last_changed(&self, kind: PageKind) -> Option<LastChanged> {
        let history = self.report.history.as_ref()?;
        let sources = sources(self, kind);
        let change = history.last_change(sources.iter().map(String::as_str))?;
        Some(LastChanged {
            date: change.date.to_string(),
            date_text: self.t.date(change.date),
            commit: change.commit.clone(),
        })
    }

    /// The history the site was built from, as every page's footer shows it.
    pub(super) fn history_info(&self) -> Option<HistoryInfo> {
        let h = self.report.history.as_ref()?;
        Some(HistoryInfo {
            commit: h.head.commit.clone(),
            date: h.head.date.to_string(),
            shallow_since: h.shallow_since.map(|d| self.t.date(d)),
        })
    }

    /// An improvement's status timeline; empty without history.
    pub(super) fn timeline(&self, id: &str) -> Vec<TimelineStep> {
        let Some(steps) = self
            .report
            .history
            .as_ref()
            .and_then(|h| h.timelines.get(id))
        else {
            return Vec::new();
        };
        steps.iter().map(|s| self.timeline_step(s)).collect()
    }

    fn timeline_step(&self, s: &StatusStep) -> TimelineStep {
        TimelineStep {
            kind: match s.kind {
                StepKind::Added => "added",
                StepKind::Changed => "changed",
                StepKind::Boundary => "boundary",
                StepKind::Uncommitted => "uncommitted",
            },
            status: s.status.key(),
            status_label: self.t.get(&format!("status_{}", s.status.key())),
            date: s.date.map(|d| d.to_string()).unwrap_or_default(),
            date_text: s.date.map(|d| self.t.date(d)).unwrap_or_default(),
            commit: s.commit.clone(),
        }
    }
}
