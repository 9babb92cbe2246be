//! Hostile labels stay text; the engine's limits and failures are errors naming the chart; the
//! same option always gives the same bytes.

use std::sync::Arc;
use std::time::Duration;

use super::*;
use crate::render::svg::{EngineError, Failure, Limits, markup};

const HOSTILE: [&str; 6] = [
    "</svg><script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "&amp; &lt;b&gt; & <b>",
    "javascript:alert(1)",
    "]]></style><style>*{}</style>",
    // The stem of a drawing's names, which placing it on a page prefixes: only in names.
    "zr0-c0 url(#zr0-p0) .zr0-cls-0",
];

/// Every attribute name and value of the drawing, for what may never appear in them.
fn check_markup(d: &Drawing, context: &str) {
    assert!(!d.svg.to_ascii_lowercase().contains("<script"), "{context}");
    assert!(!d.svg.contains("<img"), "{context}");
    for n in &d.nodes {
        for (k, v) in &n.attrs {
            let k = k.to_ascii_lowercase();
            assert!(
                !k.starts_with("on"),
                "{context}: attribute {k} on <{}>",
                n.name
            );
            if k == "href" || k.ends_with(":href") {
                assert!(v.starts_with('#'), "{context}: {k}={v}");
            }
            assert!(
                !v.to_ascii_lowercase().contains("javascript:"),
                "{context}: {k}={v}"
            );
        }
    }
}

#[test]
fn hostile_labels_in_every_text_field_are_escaped_text() {
    for label in HOSTILE {
        for (view, size) in every_kind(label) {
            let context = format!("{} with {label:?}", view.id);
            let d = draw(&view, size);
            check_markup(&d, &context);
            // The label reached the drawing as text, unchanged (legend, axes, markers…).
            assert!(d.shows(label), "{context}: not shown in {:?}", d.texts());
            // Placed on a page it stays as safe, and reads the same.
            let paged = markup::for_pages(&d.svg).expect("for pages");
            let placed = Drawing::read(&markup::place(&paged, "chart-1-").expect("placed"));
            check_markup(&placed, &context);
            assert!(placed.shows(label), "{context}: {:?}", placed.texts());
        }
    }
}

#[test]
fn drawings_do_not_depend_on_order_threads_or_engine_history() {
    let kinds = every_kind("x");
    // In order, on this thread.
    let first: Vec<Arc<str>> = {
        let drawer = Drawer::new(None);
        kinds
            .iter()
            .map(|(v, s)| drawer.draw(&v.id, &v.option, *s).expect("drawn"))
            .collect()
    };
    // In reverse order, on two new threads (new engines), with a new drawer.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("pool");
    let reversed: Vec<Arc<str>> = pool.install(|| {
        use rayon::prelude::*;
        let drawer = Drawer::new(None);
        let mut out: Vec<(usize, Arc<str>)> = kinds
            .par_iter()
            .enumerate()
            .rev()
            .map(|(i, (v, s))| (i, drawer.draw(&v.id, &v.option, *s).expect("drawn")))
            .collect();
        out.sort_by_key(|(i, _)| *i);
        out.into_iter().map(|(_, s)| s).collect()
    });
    // Each alone in a fresh engine, after the engine has drawn everything else.
    for (i, (v, s)) in kinds.iter().enumerate() {
        assert_eq!(first[i], reversed[i], "{}", v.id);
        let again = Drawer::new(None).draw(&v.id, &v.option, *s).expect("drawn");
        assert_eq!(first[i], again, "{}", v.id);
        let fresh = {
            let (option, size) = (v.option.clone(), *s);
            std::thread::spawn(move || Drawer::new(None).draw("c", &option, size))
                .join()
                .expect("thread")
                .expect("drawn")
        };
        assert_eq!(first[i], fresh, "{}", v.id);
    }
}

#[test]
fn the_time_limit_stops_a_chart_and_names_it_and_the_next_chart_draws() {
    let big = trend_with_points(5_000);
    let strict = Drawer::new(None).with_limits(Limits {
        time_per_chart: Duration::from_millis(1),
        ..Limits::default()
    });
    let err = strict
        .draw("report.html#chart-big", &big.option, FULL)
        .expect_err("over the limit");
    assert_eq!(err.chart, "report.html#chart-big");
    assert!(
        matches!(err.failure, Failure::Engine(EngineError::TimeLimit(_))),
        "{err}"
    );
    assert!(
        err.to_string().starts_with("chart report.html#chart-big: "),
        "{err}"
    );
    // The failed engine was dropped; the thread's next chart gets a sound one.
    let d = draw(&trend("x"), FULL);
    assert_eq!(d.data_indices(0), [0, 2]);
}

#[test]
fn the_memory_limit_stops_a_chart_and_names_it() {
    let big = trend_with_points(20_000);
    let tight = Drawer::new(None).with_limits(Limits {
        memory_per_chart: 256 * 1024,
        ..Limits::default()
    });
    let err = tight
        .draw("index.html#chart-trend", &big.option, FULL)
        .expect_err("over the limit");
    assert!(
        matches!(err.failure, Failure::Engine(EngineError::MemoryLimit(_))),
        "{err}"
    );
    assert!(err.to_string().contains("index.html#chart-trend"), "{err}");
    assert!(draw(&trend("x"), FULL).shows("Index x"));
}

#[test]
fn bad_options_and_sizes_are_errors_naming_the_chart() {
    let drawer = Drawer::new(None);
    for option in ["{not json", "[]", "null", "42", ""] {
        let err = drawer.draw("p.html#c", option, FULL).expect_err(option);
        assert!(
            matches!(err.failure, Failure::Engine(EngineError::Script(_))),
            "{option}: {err}"
        );
        assert_eq!(err.chart, "p.html#c");
    }
    for size in [(0, 10), (10, 0), (super::super::MAX_SIDE + 1, 10)] {
        let size = ChartSize {
            width: size.0,
            height: size.1,
        };
        let err = drawer.draw("p.html#c", "{}", size).expect_err("bad size");
        assert_eq!(err.failure, Failure::Size(size));
    }
    // An unknown series type: ECharts skips it and draws an empty canvas.
    let empty = drawer
        .draw("p.html#c", r#"{"series":[{"type":"nonesuch"}]}"#, FULL)
        .expect("drawn");
    assert!(Drawing::read(&empty).data_indices(0).is_empty());
    assert!(draw(&trend("x"), FULL).shows("Index x"));
}

#[test]
fn identical_options_are_drawn_once_even_asked_for_at_once() {
    let drawer = Drawer::new(None);
    let v = trend("x");
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| drawer.draw(&v.id, &v.option, FULL).expect("drawn"));
        }
    });
    drawer.draw("other-page", &v.option, FULL).expect("drawn");
    drawer.draw(&v.id, &v.option, HALF).expect("drawn");
    let s = drawer.stats();
    assert_eq!((s.requested, s.drawn, s.memo_hits), (6, 2, 4), "{s:?}");
}

const FULL: ChartSize = ChartSize {
    width: 1120,
    height: 352,
};
const HALF: ChartSize = ChartSize {
    width: 560,
    height: 352,
};

/// A trend with `n` assessments: large enough to take time and memory.
fn trend_with_points(n: usize) -> ChartView {
    let labels: Vec<String> = (0..n).map(|i| format!("A{i}")).collect();
    let values: Vec<Option<f64>> = (0..n).map(|i| Some((i % 100) as f64)).collect();
    charts::trend(
        "chart-big",
        "Big",
        "c",
        &labels,
        100.0,
        &[TrendLine {
            name: "Index".into(),
            values,
            emphasis: true,
            colour: crate::render::charts::colours::INDEX,
        }],
        crate::render::charts::Cells::english("not rated"),
    )
}
