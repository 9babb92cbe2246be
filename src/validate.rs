//! Validate: check ids, references, dates and value ranges, and resolve the raw files into a
//! [`Site`]. Every problem is recorded; nothing stops at the first one.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;
use toml::Spanned;

use crate::diagnostics::{Diagnostics, SourceFile, one_of};
use crate::iso;
use crate::load::{Loaded, RawSite};
use crate::model::{Direction, SpannedDate};
use crate::resolved::*;

/// Longest id accepted (ids become file names).
const MAX_ID_LEN: usize = 64;

/// Checks a raw site and resolves it. Returns `None` only when errors make a site impossible;
/// callers must still look at `diags` for errors and warnings.
pub fn validate(raw: &RawSite, today: Date, diags: &mut Diagnostics) -> Option<Site> {
    let cfg = &raw.config;
    let output_dir = cfg.output_dir(&raw.root, diags);

    let frameworks = frameworks(raw, diags);
    let fw_index: HashMap<&str, usize> = frameworks
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let fw_ids = || frameworks.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    let quiet = Quiet::of(raw);

    let assessments = assessments(raw, &frameworks, &fw_index, &fw_ids, &quiet, diags);
    let benchmarks = benchmarks(raw, &frameworks, &fw_index, &fw_ids, &quiet, diags);

    // The main framework: configured, or the one with the most assessments (then the first id).
    let main_framework = match &cfg.config.main_framework {
        Some(id) => match fw_index.get(id.get_ref().as_str()) {
            Some(i) => Some(*i),
            None => {
                diags.error_at(
                    &cfg.source,
                    id.span(),
                    format!("main_framework \"{}\" is not defined", id.get_ref()),
                    Some(one_of(fw_ids())),
                );
                None
            }
        },
        None => (0..frameworks.len()).max_by_key(|i| {
            let n = assessments.iter().filter(|a| a.framework == *i).count();
            (n, std::cmp::Reverse(*i))
        }),
    };
    if frameworks.is_empty() && !quiet.frameworks {
        diags.push(
            crate::diagnostics::Diagnostic::in_file(
                crate::diagnostics::Severity::Error,
                "content/frameworks",
                "no framework is defined",
            )
            .expected("at least one framework file in content/frameworks/"),
        );
    }

    let refs = Refs {
        frameworks: &frameworks,
        fw_index: &fw_index,
        main: main_framework.unwrap_or(0),
        quiet: &quiet,
    };
    let qms = qms(raw, &refs, today, diags);
    let qms_index: HashMap<&str, usize> = qms
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let assessment_index: HashMap<&str, usize> = assessments
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let improvements = improvements(raw, &refs, &qms_index, &assessment_index, today, diags);
    let coverage = coverage(raw, diags);
    let pages = pages(raw, diags);

    let language = cfg.config.language.get_ref().clone();
    if !crate::theme::has_language(&raw.root, &cfg.config.theme, &language) {
        diags.error_at(
            &cfg.source,
            cfg.config.language.span(),
            format!("no theme strings for language \"{language}\""),
            Some(one_of(crate::theme::LANGUAGES)),
        );
    }

    let config = SiteConfig {
        title: cfg.config.title.clone(),
        organisation: cfg.config.organisation.clone(),
        base_url: cfg.config.base_url.clone(),
        language,
        theme: cfg.config.theme.clone(),
        output_dir: output_dir?,
        cadence_years: *cfg.config.assessment_cadence_years.get_ref(),
        description: cfg.config.description.clone(),
    };
    Some(Site {
        root: raw.root.clone(),
        config,
        frameworks,
        main_framework: main_framework?,
        assessments,
        benchmarks,
        qms,
        improvements,
        coverage,
        pages,
        assets: raw.assets.clone(),
    })
}

/// Which kinds of referenced files could not be read: references into them are not reported as
/// dangling, since the real problem (the unreadable file) is already reported.
struct Quiet {
    frameworks: bool,
    assessments: bool,
    qms: bool,
}

impl Quiet {
    fn of(raw: &RawSite) -> Self {
        Quiet {
            frameworks: raw.unreadable.contains(&"frameworks"),
            assessments: raw.unreadable.contains(&"assessments"),
            qms: raw.unreadable.contains(&"qms"),
        }
    }
}

/// Checks that an id is usable as a file name and a URL part.
fn check_id(
    source: &SourceFile,
    id: &Spanned<String>,
    what: &str,
    diags: &mut Diagnostics,
) -> bool {
    let s = id.get_ref();
    let ok = !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !ok {
        diags.error_at(
            source,
            id.span(),
            format!("{what} id \"{s}\" is not a valid id"),
            Some(format!(
                "1 to {MAX_ID_LEN} characters: letters, digits, '.', '-' or '_', starting with a letter or digit"
            )),
        );
    }
    ok
}

/// Records ids seen so far and reports duplicates (ignoring case, since ids become file names).
struct IdSet<'a> {
    what: &'a str,
    seen: HashMap<String, (Arc<SourceFile>, Range<usize>)>,
}

impl<'a> IdSet<'a> {
    fn new(what: &'a str) -> Self {
        IdSet {
            what,
            seen: HashMap::new(),
        }
    }

    /// Returns true when the id is valid and new.
    fn insert(
        &mut self,
        source: &Arc<SourceFile>,
        id: &Spanned<String>,
        diags: &mut Diagnostics,
    ) -> bool {
        if !check_id(source, id, self.what, diags) {
            return false;
        }
        let key = id.get_ref().to_ascii_lowercase();
        if let Some((first, span)) = self.seen.get(&key) {
            let p = first.position(span.start);
            diags.error_at(
                source,
                id.span(),
                format!(
                    "duplicate {} id \"{}\" (first defined at {}:{}:{})",
                    self.what,
                    id.get_ref(),
                    first.path.display(),
                    p.line,
                    p.col
                ),
                Some(format!(
                    "a {} id used only once (ids are compared ignoring case)",
                    self.what
                )),
            );
            return false;
        }
        self.seen.insert(key, (source.clone(), id.span()));
        true
    }
}

/// Turns a TOML date into a calendar date, reporting times, offsets and impossible days.
fn date(
    source: &SourceFile,
    value: &SpannedDate,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<Date> {
    let dt = value.get_ref();
    let expected = || {
        Some(format!(
            "a date written as YYYY-MM-DD, e.g. {key} = 2026-03-31"
        ))
    };
    let (Some(d), None, None) = (dt.date, dt.time, dt.offset) else {
        diags.error_at(
            source,
            value.span(),
            format!("{key} must be a date without a time: {dt}"),
            expected(),
        );
        return None;
    };
    let y = i16::try_from(d.year).ok();
    match y.and_then(|y| Date::new(y, d.month as i8, d.day as i8).ok()) {
        Some(date) => Some(date),
        None => {
            diags.error_at(
                source,
                value.span(),
                format!("{key} {dt} is not a date that exists"),
                expected(),
            );
            None
        }
    }
}

fn origin(source: &SourceFile, span: Range<usize>) -> Origin {
    Origin {
        file: source.path.clone(),
        position: source.position(span.start),
    }
}

/// Checks evidence addresses: a scheme that could run a script in a reader's browser
/// (`javascript:`, `data:`, `vbscript:` or any other not in [`crate::links::ALLOWED_SCHEMES`]) is
/// an error; a relative path is kept for the link check, which runs once the pages are rendered.
fn evidence(
    source: &SourceFile,
    links: &[crate::model::Link],
    diags: &mut Diagnostics,
) -> Vec<Evidence> {
    use crate::links::{UrlKind, classify};
    links
        .iter()
        .map(|l| {
            let (url, span) = match &l.url {
                Some(u) => (u.get_ref().as_str(), u.span()),
                None => ("", 0..0),
            };
            let kind = classify(url);
            if let UrlKind::Refused(scheme) = &kind {
                diags.error_at(
                    source,
                    span.clone(),
                    format!("evidence url \"{url}\" uses the \"{scheme}:\" scheme, which readers' browsers must not follow"),
                    Some(format!(
                        "an address starting with {}, or a path inside the published site such as pages/policy.pdf",
                        crate::links::ALLOWED_SCHEMES.map(|s| format!("{s}:")).join(", ")
                    )),
                );
            }
            Evidence {
                title: l.title.clone(),
                url: match kind {
                    UrlKind::Refused(_) | UrlKind::Empty => String::new(),
                    _ => url.trim().to_owned(),
                },
                internal: kind == UrlKind::Relative,
                origin: origin(source, span),
            }
        })
        .collect()
}

fn weight(source: &SourceFile, w: &Option<Spanned<f64>>, diags: &mut Diagnostics) -> f64 {
    match w {
        None => 1.0,
        Some(w) if w.get_ref().is_finite() && *w.get_ref() >= 0.0 => *w.get_ref(),
        Some(w) => {
            diags.error_at(
                source,
                w.span(),
                format!("weight {} is not allowed", w.get_ref()),
                Some("a number zero or greater (weights default to 1)".to_owned()),
            );
            1.0
        }
    }
}

fn frameworks(raw: &RawSite, diags: &mut Diagnostics) -> Vec<Framework> {
    let mut ids = IdSet::new("framework");
    let mut out = Vec::new();
    for Loaded { source, data: f } in &raw.frameworks {
        if !ids.insert(source, &f.id, diags) {
            continue;
        }
        // Scale: unique ids, strictly increasing values.
        let mut scale = Vec::new();
        let mut level_ids = IdSet::new("scale level");
        let mut previous: Option<f64> = None;
        for level in &f.scale {
            level_ids.insert(source, &level.id, diags);
            let v = *level.value.get_ref();
            if !v.is_finite() {
                diags.error_at(
                    source,
                    level.value.span(),
                    "scale value is not a number",
                    Some("a finite number".to_owned()),
                );
            } else if previous.is_some_and(|p| v <= p) {
                diags.error_at(
                    source,
                    level.value.span(),
                    format!(
                        "scale value {v} is not above the level before it ({})",
                        previous.unwrap_or_default()
                    ),
                    Some(
                        "scale levels listed lowest first, with strictly increasing values"
                            .to_owned(),
                    ),
                );
            }
            previous = Some(v);
            scale.push(ScaleLevel {
                id: level.id.get_ref().clone(),
                label: level.label.clone(),
                value: v,
                description: level.description.clone(),
            });
        }
        if scale.len() < 2 {
            diags.error_at(
                source,
                f.id.span(),
                format!(
                    "framework \"{}\" has {} scale levels",
                    f.id.get_ref(),
                    scale.len()
                ),
                Some("at least two [[scale]] levels, lowest first".to_owned()),
            );
        }
        let mut domain_ids = IdSet::new("domain");
        let mut domains: Vec<Domain> = Vec::new();
        for d in &f.domains {
            if domain_ids.insert(source, &d.id, diags) {
                domains.push(Domain {
                    id: d.id.get_ref().clone(),
                    name: d.name.clone(),
                    description: d.description.clone(),
                    weight: weight(source, &d.weight, diags),
                    dimensions: Vec::new(),
                });
            }
        }
        let mut dim_ids = IdSet::new("dimension");
        let mut dimensions: Vec<Dimension> = Vec::new();
        for d in &f.dimensions {
            if !dim_ids.insert(source, &d.id, diags) {
                continue;
            }
            let Some(domain) = domains.iter().position(|x| x.id == *d.domain.get_ref()) else {
                diags.error_at(
                    source,
                    d.domain.span(),
                    format!(
                        "dimension \"{}\" names unknown domain \"{}\"",
                        d.id.get_ref(),
                        d.domain.get_ref()
                    ),
                    Some(one_of(domains.iter().map(|x| &x.id))),
                );
                continue;
            };
            domains[domain].dimensions.push(dimensions.len());
            dimensions.push(Dimension {
                id: d.id.get_ref().clone(),
                name: d.name.clone(),
                domain,
                description: d.description.clone(),
                weight: weight(source, &d.weight, diags),
            });
        }
        if dimensions.is_empty() {
            diags.error_at(
                source,
                f.id.span(),
                format!("framework \"{}\" has no dimensions", f.id.get_ref()),
                Some("[[dimension]] tables with id, domain and name".to_owned()),
            );
        }
        for d in &domains {
            if d.dimensions.is_empty() {
                let span = f
                    .domains
                    .iter()
                    .find(|x| *x.id.get_ref() == d.id)
                    .map_or(0..0, |x| x.id.span());
                diags.error_at(
                    source,
                    span,
                    format!("domain \"{}\" has no dimensions", d.id),
                    Some("at least one [[dimension]] with this domain".to_owned()),
                );
            }
        }
        let dimension_by_id = dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        out.push(Framework {
            id: f.id.get_ref().clone(),
            name: f.name.clone(),
            short_name: f
                .short_name
                .clone()
                .unwrap_or_else(|| f.id.get_ref().clone()),
            description: f.description.clone(),
            example: f.example,
            unit: f.unit.clone(),
            index_rollup: f.rollup.index,
            scale,
            domains,
            dimensions,
            dimension_by_id,
            declared_dimensions: f
                .dimensions
                .iter()
                .map(|d| d.id.get_ref().clone())
                .collect(),
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn resolve_framework(
    source: &SourceFile,
    id: &Spanned<String>,
    fw_index: &HashMap<&str, usize>,
    fw_ids: &dyn Fn() -> Vec<String>,
    quiet: &Quiet,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let found = fw_index.get(id.get_ref().as_str()).copied();
    if found.is_none() && !quiet.frameworks {
        diags.error_at(
            source,
            id.span(),
            format!("unknown framework \"{}\"", id.get_ref()),
            Some(one_of(fw_ids())),
        );
    }
    found
}

fn non_negative(
    source: &SourceFile,
    v: &Option<Spanned<f64>>,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<f64> {
    let v = v.as_ref()?;
    if v.get_ref().is_finite() && *v.get_ref() >= 0.0 {
        Some(*v.get_ref())
    } else {
        diags.error_at(
            source,
            v.span(),
            format!("{key} {} is not allowed", v.get_ref()),
            Some("a number zero or greater".to_owned()),
        );
        None
    }
}

fn assessments(
    raw: &RawSite,
    frameworks: &[Framework],
    fw_index: &HashMap<&str, usize>,
    fw_ids: &dyn Fn() -> Vec<String>,
    quiet: &Quiet,
    diags: &mut Diagnostics,
) -> Vec<Assessment> {
    let mut ids = IdSet::new("assessment");
    let mut out = Vec::new();
    for Loaded { source, data: a } in &raw.assessments {
        let id_ok = ids.insert(source, &a.id, diags);
        let fw = resolve_framework(source, &a.framework, fw_index, fw_ids, quiet, diags);
        let date = date(source, &a.date, "date", diags);
        let cost = match &a.cost {
            None => Cost::default(),
            Some(c) => Cost {
                per_user: non_negative(source, &c.per_user, "per_user", diags),
                percent_of_revenue: non_negative(
                    source,
                    &c.percent_of_revenue,
                    "percent_of_revenue",
                    diags,
                ),
                users: c.users.as_ref().and_then(|u| {
                    if *u.get_ref() >= 0 {
                        Some(*u.get_ref())
                    } else {
                        diags.error_at(
                            source,
                            u.span(),
                            "users is negative",
                            Some("a whole number zero or greater".to_owned()),
                        );
                        None
                    }
                }),
                currency: c.currency.clone().unwrap_or_default(),
            },
        };
        let Some(fw) = fw else { continue };
        let framework = &frameworks[fw];
        let mut ratings = vec![Rating::default(); framework.dimensions.len()];
        let mut seen: HashMap<usize, Range<usize>> = HashMap::new();
        for r in &a.ratings {
            let Some(&d) = framework.dimension_by_id.get(r.dimension.get_ref()) else {
                if framework
                    .declared_dimensions
                    .contains(r.dimension.get_ref())
                {
                    continue;
                }
                diags.error_at(
                    source,
                    r.dimension.span(),
                    format!(
                        "unknown dimension \"{}\" in framework \"{}\"",
                        r.dimension.get_ref(),
                        framework.id
                    ),
                    Some(one_of(framework.dimensions.iter().map(|d| &d.id))),
                );
                continue;
            };
            if let Some(first) = seen.get(&d) {
                let p = source.position(first.start);
                diags.error_at(
                    source,
                    r.dimension.span(),
                    format!(
                        "dimension \"{}\" is rated twice (first at line {})",
                        r.dimension.get_ref(),
                        p.line
                    ),
                    Some("one [[rating]] per dimension".to_owned()),
                );
                continue;
            }
            seen.insert(d, r.dimension.span());
            let level = match &r.level {
                None => None,
                Some(l) => {
                    let found = framework.scale.iter().position(|s| s.id == *l.get_ref());
                    if found.is_none() {
                        diags.error_at(
                            source,
                            l.span(),
                            format!(
                                "\"{}\" is not a level of the scale of framework \"{}\"",
                                l.get_ref(),
                                framework.id
                            ),
                            Some(format!(
                                "{}, or no level at all for \"not rated\"",
                                one_of(framework.scale.iter().map(|s| &s.id))
                            )),
                        );
                    }
                    found
                }
            };
            ratings[d] = Rating {
                level,
                notes: r.notes.clone(),
                evidence: evidence(source, &r.evidence, diags),
            };
        }
        let (Some(date), true) = (date, id_ok) else {
            continue;
        };
        out.push(Assessment {
            id: a.id.get_ref().clone(),
            title: a
                .title
                .clone()
                .unwrap_or_else(|| format!("{} {}", framework.short_name, date.year())),
            framework: fw,
            date,
            assessor: a.assessor.clone(),
            scope: a.scope.clone(),
            method: a.method.clone(),
            summary: a.summary.clone(),
            cost,
            ratings,
        });
    }
    out.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    out
}

fn benchmarks(
    raw: &RawSite,
    frameworks: &[Framework],
    fw_index: &HashMap<&str, usize>,
    fw_ids: &dyn Fn() -> Vec<String>,
    quiet: &Quiet,
    diags: &mut Diagnostics,
) -> Vec<Benchmark> {
    let mut ids = IdSet::new("benchmark");
    let mut out = Vec::new();
    for Loaded { source, data: b } in &raw.benchmarks {
        let id_ok = ids.insert(source, &b.id, diags);
        let Some(fw) = resolve_framework(source, &b.framework, fw_index, fw_ids, quiet, diags)
        else {
            continue;
        };
        let framework = &frameworks[fw];
        let mut peer_ids = IdSet::new("peer");
        let mut peers = Vec::new();
        for p in &b.peers {
            peer_ids.insert(source, &p.id, diags);
            if !p.index.get_ref().is_finite() {
                diags.error_at(
                    source,
                    p.index.span(),
                    "index is not a number",
                    Some("a finite number".to_owned()),
                );
            }
            let mut domains = vec![None; framework.domains.len()];
            for (key, value) in &p.domains {
                match framework.domains.iter().position(|d| d.id == *key) {
                    Some(i) => domains[i] = Some(*value.get_ref()),
                    None => diags.error_at(
                        source,
                        value.span(),
                        format!(
                            "peer \"{}\" has a score for unknown domain \"{key}\"",
                            p.id.get_ref()
                        ),
                        Some(one_of(framework.domains.iter().map(|d| &d.id))),
                    ),
                }
            }
            peers.push(Peer {
                id: p.id.get_ref().clone(),
                sector: p.sector.clone(),
                size_band: p.size_band.clone(),
                region: p.region.clone(),
                year: p.year,
                index: *p.index.get_ref(),
                domains,
                cost_per_user: p.cost_per_user,
                cost_percent_of_revenue: p.cost_percent_of_revenue,
            });
        }
        let g = &b.group;
        let keep = |list: &[String], v: &str| list.is_empty() || list.iter().any(|x| x == v);
        let group: Vec<usize> = peers
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                keep(&g.sectors, &p.sector)
                    && keep(&g.size_bands, &p.size_band)
                    && keep(&g.regions, &p.region)
                    && g.since_year.is_none_or(|y| p.year >= y)
            })
            .map(|(i, _)| i)
            .collect();
        let mut parts = Vec::new();
        if !g.sectors.is_empty() {
            parts.push(g.sectors.join(", "));
        }
        if !g.size_bands.is_empty() {
            parts.push(g.size_bands.join(", "));
        }
        if !g.regions.is_empty() {
            parts.push(g.regions.join(", "));
        }
        if let Some(y) = g.since_year {
            parts.push(format!("since {y}"));
        }
        if group.len() < crate::compute::SMALL_GROUP {
            diags.warning_at(
                source,
                b.id.span(),
                format!(
                    "benchmark \"{}\": the comparison group has only {} peers (fewer than {}); its statistics are shown as indicative",
                    b.id.get_ref(),
                    group.len(),
                    crate::compute::SMALL_GROUP
                ),
            );
        }
        if id_ok {
            out.push(Benchmark {
                id: b.id.get_ref().clone(),
                title: b.title.clone(),
                framework: fw,
                source: b.source.clone(),
                group_description: parts.join(" · "),
                peers,
                group,
                origin: origin(source, b.id.span()),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// What references to frameworks and dimensions resolve against.
struct Refs<'a> {
    frameworks: &'a [Framework],
    fw_index: &'a HashMap<&'a str, usize>,
    main: usize,
    quiet: &'a Quiet,
}

impl Refs<'_> {
    /// Resolves `D1.1` (main framework) or `framework:D1.1`.
    fn dimension(
        &self,
        source: &SourceFile,
        r: &Spanned<String>,
        diags: &mut Diagnostics,
    ) -> Option<DimensionRef> {
        let text = r.get_ref();
        let (fw, dim) = match text.split_once(':') {
            Some((f, d)) => match self.fw_index.get(f) {
                Some(i) => (*i, d),
                None if self.quiet.frameworks => return None,
                None => {
                    diags.error_at(
                        source,
                        r.span(),
                        format!("unknown framework \"{f}\" in dimension reference \"{text}\""),
                        Some(one_of(self.frameworks.iter().map(|f| &f.id))),
                    );
                    return None;
                }
            },
            None => (self.main, text.as_str()),
        };
        let framework = self.frameworks.get(fw)?;
        match framework.dimension_by_id.get(dim) {
            Some(d) => Some(DimensionRef {
                framework: fw,
                dimension: *d,
            }),
            None if self.quiet.frameworks || framework.declared_dimensions.contains(dim) => None,
            None => {
                diags.error_at(
                    source,
                    r.span(),
                    format!(
                        "unknown dimension \"{text}\" (framework \"{}\")",
                        framework.id
                    ),
                    Some(format!(
                        "{} (prefix with \"framework-id:\" for another framework)",
                        one_of(framework.dimensions.iter().map(|d| &d.id))
                    )),
                );
                None
            }
        }
    }

    fn dimensions(
        &self,
        source: &SourceFile,
        list: &[Spanned<String>],
        diags: &mut Diagnostics,
    ) -> Vec<DimensionRef> {
        let mut v: Vec<DimensionRef> = list
            .iter()
            .filter_map(|r| self.dimension(source, r, diags))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

fn clauses(
    source: &SourceFile,
    list: &[Spanned<String>],
    diags: &mut Diagnostics,
) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = list
        .iter()
        .filter_map(|c| match iso::find(c.get_ref()) {
            Some(cl) => Some(cl.number),
            None => {
                diags.error_at(
                    source,
                    c.span(),
                    format!(
                        "\"{}\" is not a clause of ISO/IEC 20000-1:2018 in qmsite's catalogue",
                        c.get_ref()
                    ),
                    Some(one_of(iso::CLAUSES.iter().map(|c| c.number))),
                );
                None
            }
        })
        .collect();
    v.sort_by_key(|n| iso::CLAUSES.iter().position(|c| c.number == *n));
    v.dedup();
    v
}

/// Checks that a direction agrees with the current and target levels.
fn direction_fits(direction: Direction, current: i64, target: i64) -> bool {
    match direction {
        Direction::Raise => target > current,
        Direction::Keep => target == current,
        Direction::Lower => target < current,
    }
}

fn qms(raw: &RawSite, refs: &Refs, today: Date, diags: &mut Diagnostics) -> Vec<QmsComponent> {
    let mut ids = IdSet::new("QMS component");
    let mut out = Vec::new();
    for Loaded { source, data } in &raw.qms {
        for c in &data.components {
            let id_ok = ids.insert(source, &c.id, diags);
            for level in [&c.current_level, &c.target_level] {
                if !(0..=5).contains(level.get_ref()) {
                    diags.error_at(
                        source,
                        level.span(),
                        format!("level {} is out of range", level.get_ref()),
                        Some("a maturity level from 0 to 5".to_owned()),
                    );
                }
            }
            let (cur, tgt, dir) = (
                *c.current_level.get_ref(),
                *c.target_level.get_ref(),
                *c.direction.get_ref(),
            );
            if !direction_fits(dir, cur, tgt) {
                diags.error_at(
                    source,
                    c.direction.span(),
                    format!("direction \"{}\" does not fit current_level {cur} and target_level {tgt}", dir.key()),
                    Some("\"raise\" with a target above the current level, \"keep\" with equal levels, \"lower\" with a target below".to_owned()),
                );
            }
            if !(1..=120).contains(c.review_months.get_ref()) {
                diags.error_at(
                    source,
                    c.review_months.span(),
                    format!(
                        "review_months {} is out of range",
                        c.review_months.get_ref()
                    ),
                    Some("a whole number of months from 1 to 120".to_owned()),
                );
            }
            let last_review = c
                .last_review
                .as_ref()
                .and_then(|d| date(source, d, "last_review", diags));
            match last_review {
                Some(d) => {
                    let months = (*c.review_months.get_ref()).clamp(1, 120) as i32;
                    if d.checked_add(jiff::Span::new().months(months))
                        .is_ok_and(|due| due < today)
                    {
                        diags.warning_at(
                            source,
                            c.id.span(),
                            format!("QMS component \"{}\" was last reviewed on {d}, more than {months} months ago", c.id.get_ref()),
                        );
                    }
                    if d > today {
                        diags.error_at(
                            source,
                            c.last_review.as_ref().map_or(0..0, |x| x.span()),
                            format!("last_review {d} is in the future (build date {today})"),
                            Some("a date on or before the build date (see --today)".to_owned()),
                        );
                    }
                }
                None if c.last_review.is_none() => diags.warning_at(
                    source,
                    c.id.span(),
                    format!(
                        "QMS component \"{}\" has never been reviewed",
                        c.id.get_ref()
                    ),
                ),
                None => {}
            }
            let clauses = clauses(source, &c.clauses, diags);
            let dimensions = refs.dimensions(source, &c.dimensions, diags);
            if id_ok {
                out.push(QmsComponent {
                    id: c.id.get_ref().clone(),
                    name: c.name.clone(),
                    purpose: c.purpose.clone(),
                    owner: c.owner.clone(),
                    current_level: cur,
                    target_level: tgt,
                    direction: dir,
                    rationale: c.rationale.clone(),
                    review_months: *c.review_months.get_ref(),
                    last_review,
                    clauses,
                    dimensions,
                    origin: origin(source, c.id.span()),
                });
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn improvements(
    raw: &RawSite,
    refs: &Refs,
    qms_index: &HashMap<&str, usize>,
    assessment_index: &HashMap<&str, usize>,
    today: Date,
    diags: &mut Diagnostics,
) -> Vec<Improvement> {
    let mut ids = IdSet::new("improvement");
    let mut out = Vec::new();
    let qms_ids = || {
        let mut v: Vec<&str> = qms_index.keys().copied().collect();
        v.sort();
        one_of(v)
    };
    for Loaded { source, data } in &raw.registers {
        for i in &data.improvements {
            let id_ok = ids.insert(source, &i.id, diags);
            let raised = date(source, &i.raised, "raised", diags);
            let due = i.due.as_ref().and_then(|d| date(source, d, "due", diags));
            if let (Some(r), Some(d), Some(span)) = (raised, due, i.due.as_ref().map(|d| d.span()))
                && d < r
            {
                diags.error_at(
                    source,
                    span,
                    format!("due date {d} is before the date raised ({r})"),
                    Some(format!("a due date on or after {r}")),
                );
            }
            if let Some(r) = raised
                && r > today
            {
                diags.error_at(
                    source,
                    i.raised.span(),
                    format!("raised date {r} is in the future (build date {today})"),
                    Some("a date on or before the build date (see --today)".to_owned()),
                );
            }
            let status = *i.status.get_ref();
            if let Some(d) = due
                && crate::compute::is_overdue(status, due, today)
            {
                diags.warning_at(
                    source,
                    i.id.span(),
                    format!(
                        "improvement \"{}\" is overdue: due {d}, status \"{}\", owner {}",
                        i.id.get_ref(),
                        status.key(),
                        i.owner
                    ),
                );
            }
            let assessment = i.assessment.as_ref().and_then(|a| {
                let found = assessment_index.get(a.get_ref().as_str()).copied();
                // An assessment that exists but was left out for its own errors is not dangling.
                let declared = raw
                    .assessments
                    .iter()
                    .any(|l| l.data.id.get_ref() == a.get_ref());
                if found.is_none() && !refs.quiet.assessments && !declared {
                    let mut v: Vec<&str> = assessment_index.keys().copied().collect();
                    v.sort();
                    diags.error_at(
                        source,
                        a.span(),
                        format!("unknown assessment \"{}\"", a.get_ref()),
                        Some(one_of(v)),
                    );
                }
                found
            });
            let qms: Vec<usize> = i
                .qms
                .iter()
                .filter_map(|q| {
                    let found = qms_index.get(q.get_ref().as_str()).copied();
                    if found.is_none() && !refs.quiet.qms {
                        diags.error_at(
                            source,
                            q.span(),
                            format!("unknown QMS component \"{}\"", q.get_ref()),
                            Some(qms_ids()),
                        );
                    }
                    found
                })
                .collect();
            let clauses = clauses(source, &i.clauses, diags);
            let dimensions = refs.dimensions(source, &i.dimensions, diags);
            let (Some(raised), true) = (raised, id_ok) else {
                continue;
            };
            out.push(Improvement {
                id: i.id.get_ref().clone(),
                title: i.title.clone(),
                raised,
                raised_by: i.raised_by.clone(),
                source: *i.source.get_ref(),
                assessment,
                description: i.description.clone(),
                justification: i.justification.clone(),
                priority: *i.priority.get_ref(),
                size: i.size.as_ref().map(|s| *s.get_ref()),
                kpi: i.kpi.clone(),
                target: i.target.clone(),
                owner: i.owner.clone(),
                due,
                status,
                part: *i.part.get_ref(),
                direction: *i.direction.get_ref(),
                clauses,
                dimensions,
                qms,
                expected_effect: i.expected_effect.clone(),
                measured_result: i.measured_result.clone(),
                evidence: evidence(source, &i.evidence, diags),
                origin: origin(source, i.id.span()),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn coverage(raw: &RawSite, diags: &mut Diagnostics) -> BTreeMap<&'static str, ClauseCoverage> {
    let mut out = BTreeMap::new();
    let mut seen: HashMap<&'static str, (Arc<SourceFile>, Range<usize>)> = HashMap::new();
    for Loaded { source, data } in &raw.coverage {
        for c in &data.clauses {
            let Some(clause) = iso::find(c.clause.get_ref()) else {
                diags.error_at(
                    source,
                    c.clause.span(),
                    format!(
                        "\"{}\" is not a clause of ISO/IEC 20000-1:2018 in qmsite's catalogue",
                        c.clause.get_ref()
                    ),
                    Some(one_of(iso::rated().map(|c| c.number))),
                );
                continue;
            };
            if !clause.rated {
                diags.error_at(
                    source,
                    c.clause.span(),
                    format!(
                        "clause {} is a group; coverage is rated on its sub-clauses",
                        clause.number
                    ),
                    Some(one_of(
                        iso::rated()
                            .filter(|r| r.number.starts_with(&format!("{}.", clause.number)))
                            .map(|c| c.number),
                    )),
                );
                continue;
            }
            if let Some((first, span)) = seen.get(clause.number) {
                let p = first.position(span.start);
                diags.error_at(
                    source,
                    c.clause.span(),
                    format!(
                        "clause {} is covered twice (first at {}:{}:{})",
                        clause.number,
                        first.path.display(),
                        p.line,
                        p.col
                    ),
                    Some("one [[clause]] entry per clause".to_owned()),
                );
                continue;
            }
            seen.insert(clause.number, (source.clone(), c.clause.span()));
            let reviewed = c
                .reviewed
                .as_ref()
                .and_then(|d| date(source, d, "reviewed", diags));
            out.insert(
                clause.number,
                ClauseCoverage {
                    level: *c.level.get_ref(),
                    evidence: evidence(source, &c.evidence, diags),
                    notes: c.notes.clone(),
                    reviewed,
                },
            );
        }
    }
    if !raw.coverage.is_empty() {
        let missing: Vec<&str> = iso::rated()
            .map(|c| c.number)
            .filter(|n| !out.contains_key(n))
            .collect();
        if !missing.is_empty() {
            diags.push(crate::diagnostics::Diagnostic::in_file(
                crate::diagnostics::Severity::Warning,
                "content/coverage",
                format!(
                    "{} clauses have no coverage entry and are shown as not assessed: {}",
                    missing.len(),
                    missing.join(", ")
                ),
            ));
        }
    }
    out
}

fn pages(raw: &RawSite, diags: &mut Diagnostics) -> Vec<Page> {
    let mut seen: HashMap<String, &SourceFile> = HashMap::new();
    let mut out = Vec::new();
    for p in &raw.pages {
        let slug_ok = !p.slug.is_empty()
            && p.slug.split('/').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                    && part
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            });
        if !slug_ok {
            diags.error_at(
                &p.source,
                0..0,
                format!("page file name \"{}\" cannot be used as a web address", p.slug),
                Some("file and folder names of letters, digits, '-', '_' or '.', starting with a letter or digit".to_owned()),
            );
            continue;
        }
        let key = p.slug.to_ascii_lowercase();
        if let Some(first) = seen.get(&key) {
            diags.error_at(
                &p.source,
                0..0,
                format!(
                    "page \"{}\" has the same address as {}",
                    p.slug,
                    first.path.display()
                ),
                Some("page file names that differ by more than letter case".to_owned()),
            );
            continue;
        }
        seen.insert(key, &p.source);
        if p.front.draft {
            continue;
        }
        out.push(Page {
            slug: p.slug.clone(),
            title: p.front.title.clone(),
            weight: p.front.weight,
            summary: p.front.summary.clone(),
            markdown: p.body().to_owned(),
            file: p.source.path.clone(),
            body_line: p.source.position(p.body_start).line,
            in_report: p.front.in_report(&p.slug),
        });
    }
    out.sort_by(|a, b| (a.weight, &a.title, &a.slug).cmp(&(b.weight, &b.title, &b.slug)));
    out
}
