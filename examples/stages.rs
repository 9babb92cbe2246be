//! Times each stage of a qmsite build on a site, and what one narrative page costs, so that
//! incremental rebuilds (`serve`) can be planned against a full build.
//!
//! ```sh
//! cargo run --release --example stages -- /tmp/corpus [runs]
//! ```
//!
//! Prints the median of `runs` (default 5) for: load, validate, compute, theme and templates,
//! rendering every page, rendering only the generated pages (no narratives), Markdown of one
//! narrative, and a whole `build` including writing. Dates are measured against 2026-11-24, the
//! date the synthetic corpus is made for.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use qmsite::diagnostics::Diagnostics;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: stages SITE_ROOT [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let today = jiff::civil::date(2026, 11, 24);

    let mut times: [Vec<Duration>; 8] = Default::default();
    let mut pages = 0;
    for _ in 0..runs {
        let mut diags = Diagnostics::new();
        let t = Instant::now();
        let Some(raw) = qmsite::content::load_site(&root, &mut diags) else {
            eprintln!("the site could not be read");
            std::process::exit(1);
        };
        times[0].push(t.elapsed());
        let t = Instant::now();
        let Some(site) = qmsite::validate::validate(&raw, today, &mut diags) else {
            eprintln!("the site has errors; run qmsite check");
            std::process::exit(1);
        };
        times[1].push(t.elapsed());
        let t = Instant::now();
        let report = qmsite::report::compute(&site, today);
        times[2].push(t.elapsed());
        let t = Instant::now();
        let theme = qmsite::theme::load(
            &site.root,
            &site.config.theme,
            &site.config.language,
            &mut diags,
        );
        let Some(tera) = qmsite::render::templates::templates(&theme, &mut diags) else {
            eprintln!("the theme's templates do not parse");
            std::process::exit(1);
        };
        times[3].push(t.elapsed());
        let strings =
            qmsite::render::strings::Strings::new(theme.strings.clone(), &site.config.language);
        let t = Instant::now();
        let plan = qmsite::plan::plan(&site, &report, &strings);
        // Charts are not drawn here: examples/svg_bench.rs times drawing.
        let inputs = qmsite::build::pages::Inputs {
            site: &site,
            report: &report,
            plan: &plan,
            strings: &strings,
            tera: &tera,
            drawer: None,
        };
        pages = qmsite::build::pages::render_pages(&inputs, None, &mut diags).len();
        times[4].push(t.elapsed());
        let mut generated_only = site.clone();
        generated_only.pages.clear();
        let t = Instant::now();
        let plan = qmsite::plan::plan(&generated_only, &report, &strings);
        let inputs = qmsite::build::pages::Inputs {
            site: &generated_only,
            report: &report,
            plan: &plan,
            strings: &strings,
            tera: &tera,
            drawer: None,
        };
        qmsite::build::pages::render_pages(&inputs, None, &mut diags);
        times[5].push(t.elapsed());
        if let Some(p) = site
            .pages
            .get(qmsite::site::PageId::from(site.pages.len() / 2))
        {
            let t = Instant::now();
            std::hint::black_box(qmsite::render::markdown::render(
                &p.markdown,
                "../../",
                &qmsite::render::strings::Strings::default(),
                &std::collections::HashMap::new(),
            ));
            times[6].push(t.elapsed());
        }
        let opts = qmsite::build::Options {
            root: root.clone(),
            today,
            output: Some(std::env::temp_dir().join("qmsite-stages-output")),
            edition: None,
        };
        let t = Instant::now();
        let (summary, _) = qmsite::build::build(&opts, None);
        times[7].push(t.elapsed());
        if summary.is_none() {
            eprintln!("the build failed");
            std::process::exit(1);
        }
    }
    let [
        load,
        validate,
        compute,
        theme,
        render,
        generated,
        one_md,
        build,
    ] = times.map(median);
    let narratives = render.saturating_sub(generated);
    println!(
        "{} pages, median of {runs} runs, {} threads",
        pages,
        rayon::current_num_threads()
    );
    println!("load (read and parse every file) {}", ms(load));
    println!("validate                         {}", ms(validate));
    println!("compute                          {}", ms(compute));
    println!("theme and templates              {}", ms(theme));
    println!("render every page                {}", ms(render));
    println!("  of which generated pages       {}", ms(generated));
    println!("  of which narratives            {}", ms(narratives));
    if !one_md.is_zero() {
        println!("Markdown of one narrative        {}", ms(one_md));
    }
    println!("whole build, writing included    {}", ms(build));
}
