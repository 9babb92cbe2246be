//! Writes a large synthetic qmsite site for benchmarks.
//!
//! ```sh
//! cargo run --release --example corpus -- --out /tmp/corpus --pages 10000
//! ```
//!
//! The site has N narrative pages (Markdown with tables, lists, task lists, links between pages
//! and footnotes), M assessments rating and annotating every dimension, K improvements, a peer
//! benchmark of P peers, an example framework of 6 domains × 8 dimensions, a QMS and coverage of
//! every clause. Everything is valid for `qmsite check --today 2026-11-24`, and the same seed and
//! sizes always give byte-identical files.
//!
//! The narrative pages start with `+++` front matter holding only `title`, so the same files are
//! valid Hugo content. Beside the site, `hugo/` holds a Hugo configuration and a minimal page
//! template that read those pages, and `themes/minimal/` a qmsite page template of the same shape
//! (used when `--theme minimal` is given), so both tools can be timed on identical input.
//!
//! Pages are spread over 20 folders `part-01/` … `part-20/` under `content/pages/`; each folder has
//! an overview page at the top level (`overview-01.md` …) that links to every page in it (the first
//! is a findings section of the full report). With
//! `--layout flat` every page sits directly in `content/pages/`, as when a user drops a folder of
//! interview notes there.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use clap::Parser;

/// Write a synthetic qmsite site of a chosen size.
#[derive(Parser)]
struct Args {
    /// Folder to write the site into; it is emptied first when it holds an earlier corpus.
    #[arg(long)]
    out: PathBuf,
    /// Narrative pages, overview pages included.
    #[arg(long, default_value_t = 1000)]
    pages: usize,
    /// Assessments, three years apart, the latest in 2026.
    #[arg(long, default_value_t = 4)]
    assessments: usize,
    /// Improvements in the register.
    #[arg(long, default_value_t = 400)]
    improvements: usize,
    /// Peers in the benchmark.
    #[arg(long, default_value_t = 60)]
    peers: usize,
    /// Seed of the pseudo-random choices.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Theme named in qmsite.toml: `default`, or `minimal` (only page.html replaced by a bare one).
    #[arg(long, default_value = "default")]
    theme: String,
    /// `folders`: notes in 20 sub-folders; `flat`: every note directly in content/pages/.
    #[arg(long, default_value = "folders")]
    layout: String,
}

/// The build date every generated date is valid against.
const TODAY: &str = "2026-11-24";
/// Folders the narrative pages are spread over.
const PARTS: usize = 20;
/// Marker file telling that a folder holds a generated corpus and may be emptied.
const MARKER: &str = ".qmsite-corpus";

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const NOUNS: &[&str] = &[
    "service desk",
    "change advisory board",
    "incident process",
    "problem backlog",
    "service catalogue",
    "capacity plan",
    "supplier review",
    "release calendar",
    "configuration database",
    "continuity plan",
    "security baseline",
    "service level report",
    "budget forecast",
    "knowledge base",
    "improvement register",
    "management review",
    "internal audit",
    "asset inventory",
    "customer survey",
    "architecture board",
    "data platform",
    "telemetry network",
    "identity service",
    "backup schedule",
];
const VERBS: &[&str] = &[
    "reviews",
    "measures",
    "reports",
    "simplifies",
    "documents",
    "tracks",
    "owns",
    "automates",
    "escalates",
    "publishes",
    "tests",
    "plans",
];
const ADJECTIVES: &[&str] = &[
    "monthly",
    "quarterly",
    "consistent",
    "informal",
    "measured",
    "documented",
    "shared",
    "overdue",
    "reliable",
    "fragmented",
    "deliberate",
    "independent",
];
const ACTORS: &[&str] = &[
    "The IT quality manager",
    "The service owner",
    "Each team lead",
    "The CIO office",
    "The assessor",
    "The service desk",
    "The change manager",
    "The architecture lead",
    "Every process owner",
    "The supplier manager",
];
const CLOSERS: &[&str] = &[
    "and the results are discussed at the next management review",
    "although the evidence is still thin outside the core services",
    "which the 2026 assessment confirmed with a sample of records",
    "so that business managers can see the effect within a quarter",
    "but only two of the five directorates follow it consistently",
    "and nobody has asked for more since the reduction in 2025",
];
const PEOPLE: &[&str] = &[
    "Tomasz Wren, IT Quality Manager",
    "Dr Fiona Maddox, CIO",
    "Sandra Kowal, Service Level Manager",
    "Amir Haddad, Head of Operations",
    "Jo Pennington, Change Manager",
    "Ruth Adeyemi, Security Officer",
    "Lars Brenner, Architecture Lead",
];

fn sentence(r: &mut Rng) -> String {
    let mut s = format!(
        "{} {} the {} {}",
        r.pick(ACTORS),
        r.pick(VERBS),
        r.pick(ADJECTIVES),
        r.pick(NOUNS)
    );
    if r.chance(50) {
        let _ = write!(s, " {}", r.pick(CLOSERS));
    }
    s.push('.');
    s
}

fn paragraph(r: &mut Rng, lo: usize, hi: usize) -> String {
    let sentences = r.range(lo, hi);
    (0..sentences)
        .map(|_| sentence(r))
        .collect::<Vec<_>>()
        .join(" ")
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Where page `n` (0-based) lives: its part (which overview lists it) and file stem.
fn page_place(n: usize) -> (usize, String) {
    (n % PARTS, format!("page-{:05}", n + 1))
}

/// The folder below `content/pages/` of a page of `part` (with `/`), or `""` in the flat layout.
fn folder(part: usize, flat: bool) -> String {
    if flat {
        String::new()
    } else {
        format!("part-{:02}/", part + 1)
    }
}

fn page_title(r: &mut Rng, n: usize) -> String {
    format!(
        "{} {} — note {}",
        title_case(r.pick(ADJECTIVES)),
        r.pick(NOUNS),
        n + 1
    )
}

/// A relative Markdown link from a page in folder `from` to page `to`.
fn link_to(from: usize, to: usize, flat: bool) -> String {
    let (part, stem) = page_place(to);
    if part == from || flat {
        format!("{stem}.md")
    } else {
        format!("../part-{:02}/{stem}.md", part + 1)
    }
}

fn narrative(r: &mut Rng, n: usize, pages: usize, title: &str, flat: bool) -> String {
    let (part, _) = page_place(n);
    let mut s = String::with_capacity(4096);
    let _ = writeln!(s, "+++\ntitle = \"{title}\"\n+++\n");
    let _ = writeln!(s, "{}\n", paragraph(r, 2, 4));
    let sections = r.range(2, 4);
    let mut footnotes = 0;
    for k in 0..sections {
        let _ = writeln!(s, "## {}\n", title_case(r.pick(NOUNS)));
        let a = r.below(pages);
        let b = r.below(pages);
        let _ = writeln!(
            s,
            "{} See [the related note]({}) and [this one]({}) for the background, and the [improvement plan](@/improvements.html).{}\n",
            paragraph(r, 2, 3),
            link_to(part, a, flat),
            link_to(part, b, flat),
            if r.chance(60) {
                footnotes += 1;
                format!("[^{footnotes}]")
            } else {
                String::new()
            }
        );
        match (k + n) % 3 {
            0 => {
                let _ = writeln!(s, "| Measure | 2023 | 2026 | Change |\n|---|--:|--:|:-:|");
                for _ in 0..r.range(3, 6) {
                    let before = r.range(20, 90);
                    let after = r.range(20, 90);
                    let _ = writeln!(
                        s,
                        "| {} | {before} % | {after} % | {} |",
                        title_case(r.pick(NOUNS)),
                        if after >= before { "▲" } else { "▼" }
                    );
                }
                s.push('\n');
            }
            1 => {
                for _ in 0..r.range(3, 5) {
                    let _ = writeln!(s, "- **{}**: {}", title_case(r.pick(NOUNS)), sentence(r));
                }
                s.push('\n');
                for _ in 0..r.range(2, 3) {
                    let done = if r.chance(50) { 'x' } else { ' ' };
                    let _ = writeln!(s, "- [{done}] {}", sentence(r));
                }
                s.push('\n');
            }
            _ => {
                for i in 1..=r.range(3, 5) {
                    let _ = writeln!(s, "{i}. {}", sentence(r));
                }
                s.push('\n');
                let _ = writeln!(s, "> {}\n", sentence(r));
            }
        }
        if r.chance(30) {
            let _ = writeln!(
                s,
                "### Detail\n\n{} ~~Withdrawn in 2025.~~ Use `KPI-{}` in reports.\n",
                paragraph(r, 2, 2),
                r.range(1, 99)
            );
        }
    }
    for f in 1..=footnotes {
        let _ = writeln!(s, "[^{f}]: {}", sentence(r));
    }
    s
}

fn overview(part: usize, pages: usize, titles: &[String], flat: bool) -> String {
    let mut s = String::new();
    // The first part is a section of the full report, as a findings page would be, so an edit
    // to it re-renders report.html too (benches/run.sh times that case).
    let section = if part == 0 {
        "report = \"findings\"\n"
    } else {
        ""
    };
    let _ = writeln!(
        s,
        "+++\ntitle = \"Notes, part {:02}\"\n{section}+++\n",
        part + 1
    );
    let _ = writeln!(
        s,
        "Working notes gathered between assessments, part {} of {PARTS}. Each note belongs to one \
         finding or improvement; see the [improvement plan](@/improvements.html).\n",
        part + 1
    );
    for n in (part..pages).step_by(PARTS) {
        let (_, stem) = page_place(n);
        let _ = writeln!(s, "- [{}]({}{stem}.md)", titles[n], folder(part, flat));
    }
    s
}

fn framework() -> String {
    let mut s = String::from(
        "id = \"bench\"\nname = \"Benchmark framework\"\nshort_name = \"Bench\"\nexample = true\n\
         description = \"A synthetic framework of 6 domains × 8 dimensions for benchmarks.\"\n\n",
    );
    for (id, label, value) in [
        ("absent", "Absent", 0),
        ("ad-hoc", "Ad hoc", 10),
        ("repeatable", "Repeatable", 25),
        ("defined", "Defined", 50),
        ("managed", "Managed", 80),
        ("optimised", "Optimised", 100),
    ] {
        let _ = writeln!(
            s,
            "[[scale]]\nid = \"{id}\"\nlabel = \"{label}\"\nvalue = {value}\n"
        );
    }
    for d in 1..=6 {
        let _ = writeln!(
            s,
            "[[domain]]\nid = \"D{d}\"\nname = \"Domain {d}\"\nweight = {}\n",
            1 + d % 2
        );
    }
    let mut r = Rng(7);
    for d in 1..=6 {
        for k in 1..=8 {
            let _ = writeln!(
                s,
                "[[dimension]]\nid = \"D{d}.{k}\"\ndomain = \"D{d}\"\nname = \"{}\"\ndescription = \"{}\"\n",
                title_case(r.pick(NOUNS)),
                sentence(&mut r)
            );
        }
    }
    s
}

const LEVELS: &[&str] = &[
    "absent",
    "ad-hoc",
    "repeatable",
    "defined",
    "managed",
    "optimised",
];

fn assessment(r: &mut Rng, i: usize, count: usize) -> (String, String) {
    let year = 2026 - 3 * (count - 1 - i);
    let id = format!("a{year}");
    let mut s = format!(
        "id = \"{id}\"\ntitle = \"Assessment {year}\"\nframework = \"bench\"\ndate = {year}-03-{:02}\n\
         assessor = \"Castlegate Quality Partners\"\nscope = \"{}\"\nmethod = \"{}\"\nsummary = \"{}\"\n\n\
         [cost]\nper_user = {}\npercent_of_revenue = {}.{}\nusers = 2400\ncurrency = \"EUR\"\n\n",
        r.range(1, 28),
        paragraph(r, 2, 2),
        paragraph(r, 2, 2),
        paragraph(r, 3, 3),
        r.range(4000, 7000),
        r.range(2, 5),
        r.below(10)
    );
    for d in 1..=6 {
        for k in 1..=8 {
            let _ = writeln!(s, "[[rating]]\ndimension = \"D{d}.{k}\"");
            if !r.chance(4) {
                let _ = writeln!(s, "level = \"{}\"", LEVELS[r.range(1, 5)]);
            }
            let _ = writeln!(s, "notes = \"{}\"", paragraph(r, 1, 3));
            if r.chance(30) {
                let _ = writeln!(
                    s,
                    "evidence = [{{ title = \"Record {d}.{k}\", url = \"https://intranet.example/qms/{id}/d{d}-{k}.pdf\" }}]"
                );
            }
            s.push('\n');
        }
    }
    (id, s)
}

fn benchmark(r: &mut Rng, peers: usize) -> String {
    let mut s = String::from(
        "id = \"peers\"\ntitle = \"Peer benchmark\"\nframework = \"bench\"\nsource = \"Synthetic peers.\"\n\n\
         [group]\nsectors = [\"utilities\", \"public administration\"]\nsince_year = 2022\n\n",
    );
    let sectors = ["utilities", "public administration", "health", "transport"];
    let bands = ["500-1999 users", "2000-4999 users", "5000+ users"];
    let regions = ["North", "Central", "South"];
    for p in 1..=peers {
        let _ = writeln!(
            s,
            "[[peer]]\nid = \"P{p:04}\"\nsector = \"{}\"\nsize_band = \"{}\"\nregion = \"{}\"\nyear = {}\n\
             index = {}.{}\ncost_per_user = {}\ncost_percent_of_revenue = {}.{}\n[peer.domains]",
            sectors[r.below(sectors.len())],
            bands[r.below(bands.len())],
            regions[r.below(regions.len())],
            r.range(2020, 2026),
            r.range(25, 75),
            r.below(10),
            r.range(3500, 8000),
            r.range(2, 5),
            r.below(10)
        );
        for d in 1..=6 {
            let _ = writeln!(s, "D{d} = {}.{}", r.range(20, 85), r.below(10));
        }
        s.push('\n');
    }
    s
}

fn dimension_ref(r: &mut Rng) -> String {
    format!("D{}.{}", r.range(1, 6), r.range(1, 8))
}

fn rated_clauses() -> Vec<&'static str> {
    qmsite::iso::counted_clauses().map(|c| c.number).collect()
}

fn qms(r: &mut Rng) -> String {
    let clauses = rated_clauses();
    let mut s = String::new();
    for q in 1..=12 {
        let current = r.range(1, 4) as i64;
        let (direction, target) = match q % 4 {
            0 => ("lower", current - 1),
            1 => ("keep", current),
            _ => ("raise", current + 1),
        };
        let _ = writeln!(
            s,
            "[[component]]\nid = \"QMS-{q:02}\"\nname = \"{}\"\npurpose = \"{}\"\nowner = \"{}\"\n\
             current_level = {current}\ntarget_level = {target}\ndirection = \"{direction}\"\nrationale = \"{}\"\n\
             review_months = 12\nlast_review = 2026-{:02}-{:02}\nclauses = [\"{}\", \"{}\"]\ndimensions = [\"{}\", \"{}\"]\n",
            title_case(r.pick(NOUNS)),
            sentence(r),
            r.pick(PEOPLE),
            sentence(r),
            r.range(1, 10),
            r.range(1, 28),
            clauses[r.below(clauses.len())],
            clauses[r.below(clauses.len())],
            dimension_ref(r),
            dimension_ref(r)
        );
    }
    s
}

fn improvements(r: &mut Rng, count: usize, assessments: &[String]) -> String {
    let clauses = rated_clauses();
    let sources = [
        "assessment",
        "benchmark",
        "audit",
        "management-review",
        "incident",
    ];
    let priorities = ["critical", "high", "medium", "low"];
    let sizes = ["S", "M", "L", "XL"];
    let statuses = [
        "proposed",
        "approved",
        "in-progress",
        "on-hold",
        "done",
        "rejected",
    ];
    let mut s = String::new();
    for i in 1..=count {
        let year = r.range(2019, 2026);
        let month = if year == 2026 {
            r.range(1, 10)
        } else {
            r.range(1, 12)
        };
        let status = statuses[r.below(statuses.len())];
        // Open actions fall due in the future, so the corpus carries few overdue warnings.
        let due_year = if matches!(status, "done" | "rejected") {
            (year + 1).min(2026)
        } else {
            2027 + r.below(2)
        };
        let source = sources[r.below(sources.len())];
        let _ = writeln!(
            s,
            "[[improvement]]\nid = \"IMP-{i:05}\"\ntitle = \"{} the {} {}\"\nraised = {year}-{month:02}-{:02}\n\
             raised_by = \"{}\"\nsource = \"{source}\"",
            title_case(r.pick(VERBS)),
            r.pick(ADJECTIVES),
            r.pick(NOUNS),
            r.range(1, 28),
            r.pick(PEOPLE)
        );
        if source == "assessment" && !assessments.is_empty() {
            let _ = writeln!(
                s,
                "assessment = \"{}\"",
                assessments[r.below(assessments.len())]
            );
        }
        let _ = writeln!(
            s,
            "description = \"{}\"\njustification = \"{}\"\npriority = \"{}\"\nsize = \"{}\"\nkpi = \"{}\"\n\
             target = \"At least {} %\"\nowner = \"{}\"\ndue = {due_year}-12-{:02}\nstatus = \"{status}\"\n\
             part = \"{}\"\ndirection = \"{}\"\nclauses = [\"{}\", \"{}\"]\ndimensions = [\"{}\", \"{}\", \"{}\"]\n\
             qms = [\"QMS-{:02}\"]\nexpected_effect = \"{}\"",
            paragraph(r, 2, 2),
            sentence(r),
            priorities[r.below(priorities.len())],
            sizes[r.below(sizes.len())],
            title_case(r.pick(NOUNS)),
            r.range(50, 95),
            r.pick(PEOPLE),
            r.range(1, 28),
            ["A", "B", "C"][r.below(3)],
            ["raise", "raise", "keep", "lower"][r.below(4)],
            clauses[r.below(clauses.len())],
            clauses[r.below(clauses.len())],
            dimension_ref(r),
            dimension_ref(r),
            dimension_ref(r),
            r.range(1, 12),
            sentence(r)
        );
        if status == "done" {
            let _ = writeln!(s, "measured_result = \"{}\"", sentence(r));
        }
        let _ = writeln!(
            s,
            "evidence = [{{ title = \"Action record\", url = \"https://intranet.example/imp/{i}\" }}]\n"
        );
    }
    s
}

fn coverage(r: &mut Rng) -> String {
    let levels = ["not-addressed", "initial", "defined", "conforming"];
    let mut s = String::new();
    for c in rated_clauses() {
        let _ = writeln!(
            s,
            "[[clause]]\nclause = \"{c}\"\nlevel = \"{}\"\nevidence = [{{ title = \"Evidence for {c}\", url = \"https://intranet.example/iso/{c}\" }}]\n\
             notes = \"{}\"\nreviewed = 2026-{:02}-{:02}\n",
            levels[r.below(levels.len())],
            paragraph(r, 2, 2),
            r.range(1, 10),
            r.range(1, 28)
        );
    }
    s
}

const MINIMAL_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"{{ site.language }}\">\n<head><meta charset=\"utf-8\"><title>{{ page_title }} · {{ site.title }}</title></head>\n<body>\n<main>\n<h1>{{ page.title }}</h1>\n{{ page.content | safe }}\n</main>\n</body>\n</html>\n";

const HUGO_CONFIG: &str = "baseURL = \"/\"\ntitle = \"IT Quality Report\"\nlanguageCode = \"en\"\n\
contentDir = \"../content/pages\"\nuglyURLs = true\n\
disableKinds = [\"home\", \"section\", \"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\n\
[markup.goldmark.extensions]\ntypographer = false\nlinkify = false\ndefinitionList = false\n";

const HUGO_SINGLE: &str = "<!DOCTYPE html>\n<html lang=\"{{ .Site.LanguageCode }}\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }} · {{ .Site.Title }}</title></head>\n<body>\n<main>\n<h1>{{ .Title }}</h1>\n{{ .Content }}\n</main>\n</body>\n</html>\n";

/// The files of a corpus being written. A file that already holds the same bytes is left alone,
/// and files of an earlier corpus that this one does not have are removed at the end: writing
/// the same corpus again then creates and deletes nothing. (Mass deletions just before a
/// benchmark would slow the file creation it measures on some file systems.)
struct Files {
    root: PathBuf,
    written: HashSet<PathBuf>,
}

impl Files {
    fn write(&mut self, rel: &str, text: &str) -> std::io::Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        if fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
            fs::write(&path, text)?;
        }
        self.written.insert(path);
        Ok(())
    }

    /// Removes every file and folder under the root that this corpus did not write.
    fn remove_the_rest(&self) -> std::io::Result<()> {
        for entry in walkdir::WalkDir::new(&self.root).contents_first(true) {
            let entry = entry.map_err(std::io::Error::other)?;
            let path = entry.path();
            if entry.file_type().is_dir() {
                if path != self.root && fs::read_dir(path)?.next().is_none() {
                    fs::remove_dir(path)?;
                }
            } else if !self.written.contains(path) {
                fs::remove_file(path)?;
            }
        }
        Ok(())
    }
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    if args.assessments == 0 || args.assessments > 10 || args.pages < PARTS {
        eprintln!("--assessments must be 1 to 10 and --pages at least {PARTS}");
        std::process::exit(2);
    }
    if !matches!(args.layout.as_str(), "folders" | "flat") {
        eprintln!("--layout must be folders or flat");
        std::process::exit(2);
    }
    let flat = args.layout == "flat";
    if !matches!(args.theme.as_str(), "default" | "minimal") {
        eprintln!("--theme must be default or minimal");
        std::process::exit(2);
    }
    let out = &args.out;
    if out.exists() {
        let empty = fs::read_dir(out)?.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            eprintln!(
                "{} exists and does not hold a generated corpus; choose a new folder",
                out.display()
            );
            std::process::exit(2);
        }
    }
    fs::create_dir_all(out)?;
    let mut files = Files {
        root: out.clone(),
        written: HashSet::new(),
    };
    files.write(MARKER, "Written by `cargo run --example corpus`.\n")?;
    files.write(
        "qmsite.toml",
        &format!(
            "title = \"IT Quality Report\"\norganisation = \"Synthetic Benchmark Authority\"\n\
             theme = \"{}\"\nmain_framework = \"bench\"\noutput_dir = \"output\"\n",
            args.theme
        ),
    )?;
    files.write("themes/minimal/templates/page.html", MINIMAL_PAGE)?;
    files.write("hugo/config.toml", HUGO_CONFIG)?;
    files.write("hugo/layouts/_default/single.html", HUGO_SINGLE)?;

    let mut r = Rng(args.seed);
    files.write("content/frameworks/bench.toml", &framework())?;
    let mut ids = Vec::new();
    for i in 0..args.assessments {
        let (id, text) = assessment(&mut r, i, args.assessments);
        files.write(&format!("content/assessments/{id}.toml"), &text)?;
        ids.push(id);
    }
    files.write(
        "content/benchmarks/peers.toml",
        &benchmark(&mut r, args.peers),
    )?;
    files.write("content/qms/components.toml", &qms(&mut r))?;
    files.write(
        "content/improvements/register.toml",
        &improvements(&mut r, args.improvements, &ids),
    )?;
    files.write("content/coverage/iso20000.toml", &coverage(&mut r))?;

    // Overview pages count towards --pages: the rest are notes in the part folders.
    let notes = args.pages - PARTS;
    let titles: Vec<String> = (0..notes).map(|n| page_title(&mut r, n)).collect();
    for part in 0..PARTS {
        files.write(
            &format!("content/pages/overview-{:02}.md", part + 1),
            &overview(part, notes, &titles, flat),
        )?;
    }
    for (n, title) in titles.iter().enumerate() {
        // Each page draws from its own stream, so pages could be written in any order.
        let mut pr = Rng(args.seed ^ (n as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407));
        let (part, stem) = page_place(n);
        files.write(
            &format!("content/pages/{}{stem}.md", folder(part, flat)),
            &narrative(&mut pr, n, notes, title, flat),
        )?;
    }
    files.remove_the_rest()?;
    println!(
        "Wrote {} pages, {} assessments, {} improvements and {} peers into {}; build it with --today {TODAY}",
        args.pages,
        args.assessments,
        args.improvements,
        args.peers,
        out.display()
    );
    Ok(())
}
