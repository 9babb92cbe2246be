//! `qmsite export json`: the whole computed model as one deterministic JSON document, for
//! dashboards, scripts and archives. Its JSON Schema is written by `qmsite schema`.

mod document;

pub use document::*;

use crate::content::model::framework::IndexRollup;
use crate::plan::Plan;
use crate::report::{self, PeerFigure, Report};
use crate::site::{
    Assessment, AssessmentId, Benchmark, BenchmarkId, DimensionRef, Framework, Improvement,
    QmsComponent, Site,
};

/// Names the document's format, so readers can tell it from other JSON.
pub const FORMAT: &str = "qmsite-report";

/// The version of the document's shape; raised when a field changes meaning or goes away.
pub const VERSION: u32 = 1;

/// Projects the site, its report and its page plan into the export document.
pub fn export(site: &Site, report: &Report, plan: &Plan) -> Export {
    Export {
        format: FORMAT,
        version: VERSION,
        site: SiteFacts {
            title: site.config.title.clone(),
            organisation: site.config.organisation.clone(),
            description: site.config.description.clone(),
            language: site.config.language.clone(),
            today: report.today.to_string(),
            cadence_years: site.config.cadence_years,
            main_framework: site.frameworks[site.main_framework].id.clone(),
            edition: site
                .config
                .edition
                .as_ref()
                .map(|e| document::EditionExport {
                    name: e.name.clone(),
                    title: e.title.clone(),
                    leave_out: e.leave_out.iter().copied().collect(),
                }),
        },
        frameworks: site.frameworks.iter().map(framework).collect(),
        assessments: site
            .assessments
            .iter_enumerated()
            .map(|(id, a)| assessment(site, report, id, a))
            .collect(),
        benchmarks: site
            .benchmarks
            .iter_enumerated()
            .map(|(id, b)| benchmark(site, report, id, b))
            .collect(),
        qms: site.qms.iter().map(|q| qms(site, report, q)).collect(),
        improvements: site
            .improvements
            .iter()
            .map(|i| improvement(site, report, i))
            .collect(),
        register: register(site, report),
        coverage: coverage(site, report),
        cycle: cycle(&report.cycle),
        units: site
            .units
            .iter_enumerated()
            .map(|(u, unit)| UnitExport {
                id: unit.id.clone(),
                name: unit.name.clone(),
                description: unit.description.clone(),
                main: u == site.main_unit(),
                latest: report.units[u]
                    .latest
                    .map(|a| site.assessments[a].id.clone()),
                cycle: cycle(&report.units[u].cycle),
            })
            .collect(),
        pages: plan
            .published()
            .map(|(_, p)| PageExport {
                kind: p.kind.template().trim_end_matches(".html"),
                path: p.path.clone(),
                title: p.title.clone(),
            })
            .collect(),
    }
}

/// The export as pretty JSON, ending with a line break.
pub fn to_json(site: &Site, report: &Report, plan: &Plan) -> String {
    // Serialising plain data cannot fail; an empty object would be caught by the schema check.
    let export = export(site, report, plan);
    serde_json::to_string_pretty(&export).unwrap_or_else(|_| "{}".to_owned()) + "\n"
}

fn cycle(c: &report::Cycle) -> CycleExport {
    CycleExport {
        last_assessment: c.last_assessment.map(|d| d.to_string()),
        next_due: c.next_due.map(|d| d.to_string()),
        days_to_next: c.days_to_next,
        step: c.step,
    }
}

fn framework(f: &Framework) -> FrameworkExport {
    FrameworkExport {
        id: f.id.clone(),
        name: f.name.clone(),
        short_name: f.short_name.clone(),
        description: f.description.clone(),
        example: f.example,
        unit: f.unit.clone(),
        index_rollup: match f.index_rollup {
            IndexRollup::Domains => "domains",
            IndexRollup::Dimensions => "dimensions",
        },
        scale: f.scale.iter().cloned().collect(),
        domains: f
            .domains
            .iter()
            .map(|d| DomainExport {
                id: d.id.clone(),
                name: d.name.clone(),
                description: d.description.clone(),
                weight: d.weight,
            })
            .collect(),
        dimensions: f
            .dimensions
            .iter()
            .map(|d| DimensionExport {
                id: d.id.clone(),
                domain: f.domains[d.domain].id.clone(),
                name: d.name.clone(),
                description: d.description.clone(),
                weight: d.weight,
            })
            .collect(),
    }
}

fn assessment(site: &Site, report: &Report, id: AssessmentId, a: &Assessment) -> AssessmentExport {
    let fw = &site.frameworks[a.framework];
    let s = report.scores(id);
    let before = report.previous(id).map(|p| report.scores(p));
    AssessmentExport {
        id: a.id.clone(),
        title: a.title.clone(),
        framework: fw.id.clone(),
        unit: site.units[a.unit].id.clone(),
        date: a.date.to_string(),
        assessor: a.assessor.clone(),
        scope: a.scope.clone(),
        method: a.method.clone(),
        summary: a.summary.clone(),
        cost: a.cost.clone(),
        previous: report.previous(id).map(|p| site.assessments[p].id.clone()),
        index: s.index,
        index_change: report::delta(s.index, before.and_then(|b| b.index)),
        rated: s.rated,
        domains: fw
            .domains
            .iter_enumerated()
            .map(|(d, dom)| ScoreExport {
                domain: dom.id.clone(),
                score: s.domains[d],
                change: report::delta(s.domains[d], before.and_then(|b| b.domains[d])),
            })
            .collect(),
        ratings: fw
            .dimensions
            .iter_enumerated()
            .map(|(d, dim)| {
                let r = &a.ratings[d];
                RatingExport {
                    dimension: dim.id.clone(),
                    level: r.level.map(|l| fw.scale[l].id.clone()),
                    value: s.dimensions[d],
                    change: report::delta(s.dimensions[d], before.and_then(|b| b.dimensions[d])),
                    deliberate: report
                        .deliberate(id, d)
                        .iter()
                        .map(|&i| site.improvements[i].id.clone())
                        .collect(),
                    notes: r.notes.clone(),
                    evidence: r.evidence.clone(),
                }
            })
            .collect(),
    }
}

fn figure(p: &PeerFigure) -> PeerFigureExport {
    PeerFigureExport {
        distribution: p.distribution.clone(),
        ours: p.ours,
        percentile: p.percentile,
    }
}

fn benchmark(site: &Site, report: &Report, id: BenchmarkId, b: &Benchmark) -> BenchmarkExport {
    let s = &report.benchmarks[id];
    let fw = &site.frameworks[b.framework];
    BenchmarkExport {
        id: b.id.clone(),
        title: b.title.clone(),
        framework: fw.id.clone(),
        source: b.source.clone(),
        group: b.group_text(|y| crate::render::strings::Strings::english().since_year(y)),
        group_peers: b.group.iter().map(|&p| b.peers[p].id.clone()).collect(),
        peers: b.peers.iter().cloned().collect(),
        our_assessment: s.our_assessment.map(|a| site.assessments[a].id.clone()),
        index: figure(&s.index),
        domains: fw
            .domains
            .iter_enumerated()
            .map(|(d, dom)| DomainFigure {
                domain: dom.id.clone(),
                figure: figure(&s.domains[d]),
            })
            .collect(),
        cost_per_user: figure(&s.cost_per_user),
        cost_percent_of_revenue: figure(&s.cost_percent_of_revenue),
    }
}

fn dimension_ref(site: &Site, r: &DimensionRef) -> String {
    let fw = &site.frameworks[r.framework];
    format!("{}:{}", fw.id, fw.dimensions[r.dimension].id)
}

fn qms(site: &Site, report: &Report, q: &QmsComponent) -> QmsExport {
    QmsExport {
        id: q.id.clone(),
        name: q.name.clone(),
        purpose: q.purpose.clone(),
        owner: q.owner.clone(),
        current_level: q.current_level,
        target_level: q.target_level,
        direction: q.direction,
        rationale: q.rationale.clone(),
        review_months: q.review_months,
        last_review: q.last_review.map(|d| d.to_string()),
        review_due: q.review_due.map(|d| d.to_string()),
        review_overdue: q.review_due.is_none_or(|d| d < report.today),
        clauses: q.clauses.clone(),
        dimensions: q
            .dimensions
            .iter()
            .map(|d| dimension_ref(site, d))
            .collect(),
    }
}

fn improvement(site: &Site, report: &Report, i: &Improvement) -> ImprovementExport {
    ImprovementExport {
        id: i.id.clone(),
        title: i.title.clone(),
        raised: i.raised.to_string(),
        raised_by: i.raised_by.clone(),
        source: i.source,
        assessment: i.assessment.map(|a| site.assessments[a].id.clone()),
        description: i.description.clone(),
        justification: i.justification.clone(),
        priority: i.priority,
        size: i.size,
        kpi: i.kpi.clone(),
        target: i.target.clone(),
        owner: i.owner.clone(),
        due: i.due.map(|d| d.to_string()),
        status: i.status,
        overdue: i.is_overdue(report.today),
        part: i.part,
        direction: i.direction,
        clauses: i.clauses.clone(),
        dimensions: i
            .dimensions
            .iter()
            .map(|d| dimension_ref(site, d))
            .collect(),
        qms: i.qms.iter().map(|&q| site.qms[q].id.clone()).collect(),
        expected_effect: i.expected_effect.clone(),
        measured_result: i.measured_result.clone(),
        evidence: i.evidence.clone(),
    }
}

fn register(site: &Site, report: &Report) -> RegisterExport {
    let r = &report.register;
    RegisterExport {
        total: r.total,
        open: r.open,
        overdue: r
            .overdue
            .iter()
            .map(|&i| site.improvements[i].id.clone())
            .collect(),
        by_status: r.by_status.iter().map(|(k, v)| (k, *v)).collect(),
        by_part: r.by_part.iter().map(|(k, v)| (k, *v)).collect(),
        by_direction: r.by_direction.iter().map(|(k, v)| (k, *v)).collect(),
    }
}

fn coverage(site: &Site, report: &Report) -> CoverageExport {
    let cov = &report.coverage;
    CoverageExport {
        clauses: crate::iso::CLAUSES
            .iter()
            .zip(&cov.clauses)
            .map(|(c, state)| {
                let own = site.coverage.get(c.number);
                ClauseExport {
                    number: c.number,
                    title: c.title,
                    parent: c.parent_number(),
                    counted: c.counted,
                    state: state.state,
                    source: state.source,
                    rated_with: state.rated_with,
                    evidence: own.map(|x| x.evidence.clone()).unwrap_or_default(),
                    notes: own.map(|x| x.notes.clone()).unwrap_or_default(),
                    reviewed: own.and_then(|x| x.reviewed).map(|d| d.to_string()),
                }
            })
            .collect(),
        groups: cov.groups.iter().map(coverage_group).collect(),
        totals: cov.totals.iter().map(|(k, v)| (k, *v)).collect(),
    }
}

fn coverage_group(g: &report::CoverageGroup) -> CoverageGroupExport {
    CoverageGroupExport {
        number: g.number,
        title: g.title,
        counts: g.by_level.iter().map(|(k, v)| (k, *v)).collect(),
        sections: g.sections.iter().map(coverage_group).collect(),
    }
}
