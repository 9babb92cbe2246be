//! OSCAL 1.1 documents for GRC tools: the Assessment Results of the latest assessment and a Plan
//! of Action and Milestones (POA&M) from the open improvements.
//!
//! Assessment Results: one result for the latest assessment of the main framework, with an
//! observation per rated (or annotated) dimension — its level, the assessor's notes and the
//! evidence seen — and an observation per clause of ISO/IEC 20000-1 coverage with its evidence;
//! a finding per rated clause says whether coverage conforms. POA&M: a risk and an item per open
//! improvement, with its due date as deadline and milestone.
//!
//! Every UUID is a version 5 UUID derived from ids, so the same site gives the same document
//! (and a GRC tool sees the same observation as the same object from one export to the next);
//! each document's own UUID is derived from its content, so it changes exactly when the content
//! does. Dates come from the content; there is no clock time.

use jiff::civil::Date;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::content::model::coverage::CoverageLevel;
use crate::content::model::improvement::Status;
use crate::report::CoverageState;
use crate::report::Report;
use crate::site::{AssessmentId, Evidence, Improvement, Site};

/// The OSCAL version the documents are written against.
pub const OSCAL_VERSION: &str = "1.1.2";
/// Namespace of qmsite's own properties.
pub const NS: &str = "urn:qmsite:oscal";

/// The two documents, as pretty-printed JSON; the POA&M is `None` when no improvement is open.
pub struct Documents {
    /// The assessment results.
    pub assessment_results: String,
    /// The plan of action and milestones.
    pub poam: Option<String>,
}

/// Builds both documents. Fails when the site has no assessment of its main framework.
pub fn documents(site: &Site, report: &Report) -> Result<Documents, String> {
    let latest = site
        .latest_in(site.main_unit(), site.main_framework)
        .ok_or_else(|| {
            format!(
                "the site has no assessment of its main framework \"{}\" to export",
                site.frameworks[site.main_framework].id
            )
        })?;
    let results = assessment_results(site, report, latest);
    let poam = poam(site, report);
    Ok(Documents {
        assessment_results: to_text(&results),
        poam: poam.as_ref().map(to_text),
    })
}

fn to_text(v: &Value) -> String {
    let mut text = serde_json::to_string_pretty(v).unwrap_or_default();
    text.push('\n');
    text
}

/// A stable UUID for an object of some kind, named by ids.
pub fn uuid(kind: &str, ids: &[&str]) -> String {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, NS.as_bytes());
    let name = std::iter::once(kind)
        .chain(ids.iter().copied())
        .collect::<Vec<_>>()
        .join("/");
    Uuid::new_v5(&namespace, name.as_bytes()).to_string()
}

/// Wraps a document's body with its root key and a UUID derived from the body.
fn document(root: &str, mut body: serde_json::Map<String, Value>) -> Value {
    let content = serde_json::to_string(&body).unwrap_or_default();
    body.insert("uuid".into(), json!(uuid(root, &[&content])));
    json!({ root: body })
}

fn datetime(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// A qmsite property; OSCAL property values are one line without outer spaces.
fn prop(name: &str, value: impl std::fmt::Display) -> Option<Value> {
    let value = value
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!value.is_empty()).then(|| json!({ "name": name, "ns": NS, "value": value }))
}

fn props(list: impl IntoIterator<Item = Option<Value>>) -> Value {
    Value::Array(list.into_iter().flatten().collect())
}

/// A one-line title (OSCAL titles hold no line break).
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn party(name: &str) -> Value {
    json!({ "uuid": uuid("party", &[name]), "type": "organization", "name": line(name) })
}

fn metadata(site: &Site, title: String, version: &str) -> Value {
    json!({
        "title": line(&title),
        "last-modified": datetime(super::content_date(site)),
        "version": version,
        "oscal-version": OSCAL_VERSION,
        "parties": [party(&site.config.organisation)],
    })
}

fn evidence(list: &[Evidence]) -> Option<Value> {
    let items: Vec<Value> = list
        .iter()
        .map(|e| {
            let mut item = json!({ "description": e.title });
            if !e.url.is_empty() {
                item["href"] = json!(e.url);
            }
            item
        })
        .collect();
    (!items.is_empty()).then_some(Value::Array(items))
}

/// Inserts a value when it is present (OSCAL lists must not be empty).
fn put(object: &mut Value, key: &str, value: Option<Value>) {
    if let Some(v) = value.filter(|v| v.as_array().is_none_or(|a| !a.is_empty())) {
        object[key] = v;
    }
}

fn assessment_results(site: &Site, report: &Report, index: AssessmentId) -> Value {
    let a = &site.assessments[index];
    let f = &site.frameworks[a.framework];
    let scores = report.scores(index);
    let mut observations = rating_observations(site, report, index);
    let (findings, coverage) = coverage_findings(a.date, site, report);
    observations.extend(coverage);
    let mut result = json!({
        "uuid": uuid("result", &[&a.id]),
        "title": line(&a.title),
        "description": if a.summary.is_empty() { format!("Ratings of {} of {} dimensions of {}.", scores.rated, f.dimensions.len(), f.name) } else { a.summary.clone() },
        "start": datetime(a.date),
        "props": props([
            prop("assessment", &a.id),
            prop("framework", &f.id),
            scores.index.and_then(|i| prop("index", i)),
            prop("dimensions-rated", scores.rated),
        ]),
        "reviewed-controls": { "control-selections": [{ "include-all": {} }] },
    });
    put(
        &mut result,
        "observations",
        Some(Value::Array(observations)),
    );
    put(&mut result, "findings", Some(Value::Array(findings)));
    let plan = uuid("assessment-plan", &[&a.id]);
    let mut meta = metadata(site, format!("Assessment results: {}", a.title), &a.id);
    if let Some(parties) = meta["parties"].as_array_mut() {
        parties.push(party(&a.assessor));
    }
    let plan_text = join(&a.scope, &a.method);
    let mut resource =
        json!({ "uuid": plan, "title": line(&format!("Scope and method of {}", a.title)) });
    if !plan_text.is_empty() {
        resource["description"] = json!(plan_text);
    }
    let body = json!({
        "metadata": meta,
        "import-ap": { "href": format!("#{plan}"), "remarks": "The assessment's scope and method, kept with the results." },
        "results": [result],
        "back-matter": { "resources": [resource] },
    });
    document("assessment-results", object(body))
}

/// An observation per dimension that is rated or has notes or evidence, in framework order.
fn rating_observations(site: &Site, report: &Report, index: AssessmentId) -> Vec<Value> {
    let a = &site.assessments[index];
    let f = &site.frameworks[a.framework];
    let assessor = uuid("party", &[&a.assessor]);
    let mut observations = Vec::new();
    for domain in &f.domains {
        for &d in &domain.dimensions {
            let dim = &f.dimensions[d];
            let rating = &a.ratings[d];
            let level = rating.level.and_then(|l| f.scale.get(l));
            if level.is_none() && rating.notes.is_empty() && rating.evidence.is_empty() {
                continue;
            }
            let value = report.scores(index).dimensions.get(d).copied().flatten();
            let verdict = match (level, value) {
                (Some(l), Some(v)) => format!("Rated {} ({v} {}).", l.label, f.unit),
                _ => "Not rated.".to_owned(),
            };
            let methods = if rating.evidence.is_empty() {
                json!(["INTERVIEW"])
            } else {
                json!(["INTERVIEW", "EXAMINE"])
            };
            let mut o = json!({
                "uuid": uuid("observation", &[&a.id, &dim.id]),
                "title": line(&format!("{} {}", dim.id, dim.name)),
                "description": join(&verdict, &rating.notes),
                "methods": methods,
                "origins": [{ "actors": [{ "type": "party", "actor-uuid": assessor }] }],
                "collected": datetime(a.date),
            });
            put(
                &mut o,
                "props",
                Some(props([
                    prop("framework", &f.id),
                    prop("domain", &domain.id),
                    prop("dimension", &dim.id),
                    level.and_then(|l| prop("level", &l.id)),
                    value.and_then(|v| prop("value", v)),
                ])),
            );
            put(&mut o, "relevant-evidence", evidence(&rating.evidence));
            observations.push(o);
        }
    }
    observations
}

/// A finding per exported clause (see [`crate::export::tables::exported_clauses`]) at its
/// rolled-up state, and an observation of the evidence of each clause with an entry.
fn coverage_findings(assessed: Date, site: &Site, report: &Report) -> (Vec<Value>, Vec<Value>) {
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    for clause in crate::export::tables::exported_clauses(site) {
        let entry = site.coverage.get(clause.number);
        let title = line(&format!(
            "ISO/IEC 20000-1 {} {}",
            clause.number, clause.title
        ));
        let mut target = json!({
            "type": "objective-id",
            "target-id": format!("iso20000-1_{}", clause.number),
        });
        let level = report
            .coverage
            .state(clause.number)
            .map_or(CoverageState::of(None), |s| s.state)
            .key();
        let mut finding = json!({
            "uuid": uuid("finding", &[clause.number]),
            "title": title,
            "description": format!("Coverage of clause {}: {level}.", clause.number),
            "props": props([prop("clause", clause.number), prop("coverage-level", level)]),
        });
        if let Some(e) = entry {
            let satisfied = e.level == CoverageLevel::Conforming;
            target["status"] =
                json!({ "state": if satisfied { "satisfied" } else { "not-satisfied" } });
            let implementation = match e.level {
                CoverageLevel::Conforming => Some("implemented"),
                CoverageLevel::Defined | CoverageLevel::Initial => Some("partial"),
                CoverageLevel::NotAddressed => None,
            };
            if let Some(state) = implementation {
                target["implementation-status"] = json!({ "state": state });
            }
            let mut o = json!({
                "uuid": uuid("coverage-observation", &[clause.number]),
                "title": title,
                "description": join(&format!("Coverage: {}.", e.level.key()), &e.notes),
                "methods": ["EXAMINE"],
                "collected": datetime(e.reviewed.unwrap_or(assessed)),
            });
            put(&mut o, "relevant-evidence", evidence(&e.evidence));
            finding["related-observations"] = json!([{ "observation-uuid": o["uuid"] }]);
            observations.push(o);
        }
        finding["target"] = target;
        findings.push(finding);
    }
    (findings, observations)
}

fn join(first: &str, second: &str) -> String {
    match (first.is_empty(), second.is_empty()) {
        (_, true) => first.to_owned(),
        (true, false) => second.to_owned(),
        (false, false) => format!("{first}\n\n{second}"),
    }
}

fn object(v: Value) -> serde_json::Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

fn poam(site: &Site, report: &Report) -> Option<Value> {
    let open: Vec<(crate::site::ImprovementId, &Improvement)> = site
        .improvements
        .iter_enumerated()
        .filter(|(_, i)| i.status.is_open())
        .collect();
    if open.is_empty() {
        return None;
    }
    let mut risks = Vec::new();
    let mut items = Vec::new();
    for (id, imp) in open {
        let risk_uuid = uuid("risk", &[&imp.id]);
        let overdue = report.register.overdue.contains(&id);
        let details = props([
            prop("improvement", &imp.id),
            prop("status", imp.status.key()),
            prop("part", imp.part.key()),
            prop("direction", imp.direction.key()),
            prop("priority", super::tables::key(&imp.priority)),
            prop("source", super::tables::key(&imp.source)),
            prop("owner", &imp.owner),
            prop("overdue", overdue),
        ]);
        let description = if imp.description.is_empty() {
            imp.title.clone()
        } else {
            imp.description.clone()
        };
        let statement = [&imp.justification, &imp.expected_effect]
            .iter()
            .find(|s| !s.is_empty())
            .map_or_else(|| description.clone(), |s| (*s).clone());
        let mut risk = json!({
            "uuid": risk_uuid,
            "title": line(&imp.title),
            "description": description,
            "statement": statement,
            "props": details,
            "status": if imp.status == Status::InProgress { "remediating" } else { "open" },
        });
        if let Some(due) = imp.due {
            risk["deadline"] = json!(datetime(due));
        }
        let mut remediation = json!({
            "uuid": uuid("remediation", &[&imp.id]),
            "lifecycle": if imp.status == Status::Proposed { "recommendation" } else { "planned" },
            "title": line(&imp.title),
            "description": join(&description, &kpi_line(imp)),
        });
        if let Some(due) = imp.due {
            remediation["tasks"] = json!([{
                "uuid": uuid("milestone", &[&imp.id]),
                "type": "milestone",
                "title": line(&format!("{} due", imp.id)),
                "timing": { "on-date": { "date": datetime(due) } },
            }]);
        }
        risk["remediations"] = json!([remediation]);
        risks.push(risk);
        items.push(json!({
            "uuid": uuid("poam-item", &[&imp.id]),
            "title": line(&format!("{} {}", imp.id, imp.title)),
            "description": description,
            "props": props([prop("improvement", &imp.id)]),
            "related-risks": [{ "risk-uuid": risk_uuid }],
        }));
    }
    let org = &site.config.organisation;
    let body = json!({
        "metadata": metadata(site, format!("Plan of action and milestones: {org}"), &super::content_date(site).to_string()),
        "system-id": { "identifier-type": "https://ietf.org/rfc/rfc4122", "id": uuid("system", &[org]) },
        "risks": risks,
        "poam-items": items,
    });
    Some(document("plan-of-action-and-milestones", object(body)))
}

/// "KPI: …; target: …" when the improvement names them.
fn kpi_line(imp: &Improvement) -> String {
    match (imp.kpi.is_empty(), imp.target.is_empty()) {
        (true, _) => String::new(),
        (false, true) => format!("KPI: {}.", imp.kpi),
        (false, false) => format!("KPI: {}; target: {}.", imp.kpi, imp.target),
    }
}
