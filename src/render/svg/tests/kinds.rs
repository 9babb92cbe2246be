//! Each chart kind drawn: its series, points and labels are there, and a value not rated is a
//! gap (no point, no bar, no cell), never a 0.

use super::*;

const HALF: ChartSize = ChartSize {
    width: 560,
    height: 352,
};
const FULL: ChartSize = ChartSize {
    width: 1120,
    height: 352,
};

#[test]
fn radar_draws_each_series_and_names_each_domain() {
    let d = draw(&radar("x"), HALF);
    for label in [
        "Governance x",
        "Operations",
        "Security",
        "People",
        "2025 x",
        "Peer median",
    ] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    assert_eq!(d.data_indices(0), [0, 1], "one polygon per series");
    // The scale is written along one spoke: each tick once.
    for tick in ["20", "60", "100"] {
        let drawn: Vec<_> = d
            .nodes
            .iter()
            .filter(|n| n.name == "text" && n.text.trim() == tick)
            .collect();
        assert_eq!(drawn.len(), 1, "{tick} in {:?}", d.texts());
        // In the axis labels' colour, taken from the radar by its spoke.
        let fill = drawn[0].attrs.get("fill").map(|f| f.to_ascii_lowercase());
        assert_eq!(fill.as_deref(), Some("#595959"), "{tick}");
    }
}

#[test]
fn trend_lines_break_at_a_value_not_rated() {
    let d = draw(&trend("x"), HALF);
    for label in ["2019", "2022 x", "2025", "Index x", "Security"] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    // The index has no point for 2022; the domain line has all three.
    assert_eq!(d.data_indices(0), [0, 2]);
    assert_eq!(d.data_indices(1), [0, 1, 2]);
    // The domain line, complete, runs through all three: its middle point is the 2022 position.
    let full: Vec<&str> = d
        .nodes
        .iter()
        .filter(|n| n.attrs.get("stroke").map(String::as_str) == Some(charts::colours::domain(0)))
        .filter_map(|n| n.attrs.get("d").map(String::as_str))
        .filter(|d| d.matches('L').count() == 2)
        .collect();
    assert_eq!(full.len(), 1, "{full:?}");
    let middle_x = full[0]
        .split('L')
        .nth(1)
        .and_then(|point| point.split(' ').next())
        .expect("a middle point");
    // The index line is broken there: two pieces (here single points, so no segment at all),
    // and nothing drawn at the 2022 position, at 0 or anywhere else.
    let lines: Vec<&str> = d
        .nodes
        .iter()
        .filter(|n| n.attrs.get("stroke").map(String::as_str) == Some(charts::colours::INDEX))
        .filter(|n| n.attrs.get("stroke-width").map(String::as_str) == Some("4"))
        .filter_map(|n| n.attrs.get("d").map(String::as_str))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].matches('M').count(), 2, "{lines:?}");
    assert!(
        !lines[0].contains('L') && !lines[0].contains(&format!("{middle_x} ")),
        "{lines:?} at x = {middle_x}"
    );
}

#[test]
fn dimension_bars_draw_rated_dimensions_and_previous_markers_only() {
    let d = draw(&dimension_bars("x"), FULL);
    for label in [
        "D1.1",
        "D1.2",
        "D2.1",
        "Governance x",
        "Operations",
        "2022 x",
    ] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    // Governance: a bar for D1.1 only (D1.2 not rated); Operations: D2.1.
    assert_eq!(d.data_indices(0), [0]);
    assert_eq!(d.data_indices(1), [2]);
    // Previous marker: D1.1 and D1.2, none for D2.1 (not rated then).
    assert_eq!(d.data_indices(2), [0, 1]);
}

#[test]
fn heatmap_leaves_a_cell_not_rated_empty() {
    let d = draw(&heatmap("x"), FULL);
    for label in [
        "2022",
        "2025 x",
        "D1.1 Name x",
        "D1.2 Short",
        "12",
        "80",
        "85",
    ] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    // Four cells, of which D1.1 in 2025 (data index 1) is not rated: no cell, no label. The
    // only 0 is the end of the colour scale.
    assert_eq!(d.data_indices(0), [0, 2, 3]);
    assert_eq!(
        d.texts().iter().filter(|t| **t == "0").count(),
        1,
        "{:?}",
        d.texts()
    );
}

#[test]
fn scatter_plots_complete_points_medians_and_our_label() {
    let d = draw(&scatter("x"), HALF);
    for label in ["Peers x", "Ours x", "Cost per user x", "Index x"] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    assert!(d.shows("Median x: 4,500"), "{:?}", d.texts());
    // Peer 2 has no index: two peer points, not three.
    assert_eq!(d.data_indices(0), [0, 1]);
    assert_eq!(d.data_indices(1), [0]);
}

#[test]
fn scatter_names_its_quadrants_and_writes_axis_figures_in_the_page_language() {
    let d = draw(&scatter("x"), FULL);
    for label in [
        "Better, cheaper x",
        "Better, dearer x",
        "Worse, cheaper x",
        "Worse, dearer x",
    ] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    assert!(d.shows("3,000"), "{:?}", d.texts());
    // In Czech a comma is the decimal sign: thousands are set apart with a no-break space.
    let cs = crate::render::charts::Cells {
        formats: crate::render::format::Formats::of("cs"),
        missing: "n/a",
    };
    let d = draw(&scatter_in("x", cs), FULL);
    assert!(d.shows("3\u{a0}000"), "{:?}", d.texts());
    let grouped_by_comma = comma_grouped(&d.texts());
    assert!(grouped_by_comma.is_empty(), "{grouped_by_comma:?}");
}

/// The texts that hold a figure grouped with a comma (`3,000`).
fn comma_grouped<'a>(texts: &[&'a str]) -> Vec<&'a str> {
    texts
        .iter()
        .copied()
        .filter(|t| {
            let b = t.as_bytes();
            b.windows(5).any(|w| {
                w[0].is_ascii_digit() && w[1] == b',' && w[2..].iter().all(u8::is_ascii_digit)
            })
        })
        .collect()
}

#[test]
fn peer_distribution_draws_bands_medians_and_ours_where_known() {
    let d = draw(&peers("x"), HALF);
    for label in [
        "Index x",
        "Security",
        "People",
        "Middle half x",
        "Median x",
        "Ours x",
    ] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    // People has no peer data: no band, no median; Security has no figure of ours.
    assert_eq!(d.data_indices(1), [0, 1]);
    assert_eq!(d.data_indices(2), [0, 1]);
    assert_eq!(d.data_indices(3), [0, 2]);
}

#[test]
fn status_bars_label_their_counts_and_skip_zero_segments() {
    let v = every_kind("x").remove(6).0;
    let d = draw(&v, HALF);
    for label in ["A x", "B x", "C x", "Proposed x", "Done x", "2", "3", "1"] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    // The only 0 is the value axis' own: no segment of 0 is labelled.
    let zeros = d.texts().iter().filter(|t| **t == "0").count();
    assert_eq!(zeros, 1, "a 0 segment is labelled: {:?}", d.texts());
    // Counts are never "not rated": a count of 0 is a segment of length 0, unlabelled.
    assert_eq!(d.data_indices(0), [0, 1, 2]);
    assert_eq!(d.data_indices(1), [0, 1, 2]);
}

#[test]
fn direction_bars_show_each_count() {
    let v = every_kind("x").remove(7).0;
    let d = draw(&v, HALF);
    for label in ["Raise x", "Keep x", "Lower x", "4", "2"] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    assert_eq!(d.data_indices(0), [0, 1, 2]);
}

#[test]
fn roadmap_draws_planned_actions_overdue_marks_and_today() {
    let d = draw(&roadmap("x"), FULL);
    for label in [
        "IMP-1",
        "IMP-2",
        "On schedule x",
        "overdue x",
        "Today x 2025-11-24",
    ] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    // IMP-3 has no due date: not on the chart.
    assert!(!d.shows("IMP-3"), "{:?}", d.texts());
    // Dates are placed in UTC whatever the machine's zone: the axis starts on a whole month.
    assert!(d.shows("2025"), "{:?}", d.texts());
}

#[test]
fn coverage_bars_stack_levels_per_clause_group() {
    let v = every_kind("x").remove(9).0;
    let d = draw(&v, FULL);
    for label in [
        "4 Context x",
        "8.2 Service portfolio x",
        "Conforming x",
        "Not assessed x",
        "3",
    ] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    assert_eq!(d.data_indices(0), [0, 1]);
    assert_eq!(d.data_indices(1), [0, 1]);
    // The axis writes "0 %"; no empty segment is labelled "0".
    let zeros = d.texts().iter().filter(|t| **t == "0").count();
    assert_eq!(zeros, 0, "a 0 segment is labelled: {:?}", d.texts());
    assert!(d.shows("100 %"), "{:?}", d.texts());
}

#[test]
fn qms_levels_draw_a_bar_only_where_a_level_is_rated() {
    let d = draw(&qms("x"), FULL);
    for label in [
        "Q1",
        "Name x",
        "Q2",
        "Q3",
        "Current x",
        "Target x · raise x",
        "Target x · lower x",
    ] {
        assert!(d.shows(label), "{label} missing from {:?}", d.texts());
    }
    // Q2 has no current level: no bar (not a bar of height 0).
    assert_eq!(d.data_indices(0), [0, 2]);
    // One target marker per component, in the series of its direction.
    assert_eq!(d.data_indices(1), [0]);
    assert_eq!(d.data_indices(2), [1]);
    assert_eq!(d.data_indices(3), [2]);
}

#[test]
fn every_kind_is_drawn_and_the_list_is_complete() {
    let kinds = every_kind("x");
    let ids: Vec<&str> = kinds.iter().map(|(v, _)| v.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "chart-radar",
            "chart-trend",
            "chart-dimensions",
            "chart-heatmap",
            "chart-quality-cost",
            "chart-peer-domains",
            "chart-status",
            "chart-direction",
            "chart-roadmap",
            "chart-coverage",
            "chart-qms"
        ]
    );
    for (v, size) in &kinds {
        let d = draw(v, *size);
        assert_eq!(d.nodes.first().map(|n| n.name.as_str()), Some("svg"));
        assert_eq!(d.nodes[0].attrs.get("width"), Some(&size.width.to_string()));
        assert_eq!(
            d.nodes[0].attrs.get("height"),
            Some(&size.height.to_string())
        );
        assert!(
            !d.data_indices(0).is_empty() || v.id == "chart-peer-domains",
            "{}",
            v.id
        );
    }
}
