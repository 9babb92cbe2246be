//! Drawing every chart kind qmsite builds, without a browser: fixtures and a reader of drawings.

mod cache;
mod kinds;
mod safety;

use std::collections::BTreeMap;

use jiff::civil::date;
use quick_xml::Reader;
use quick_xml::events::Event;

use super::{ChartSize, Drawer};
use crate::render::charts::{self, ChartView, RadarSeries, TrendLine};

/// Every chart kind, built through its builder with `label` in each of its text fields and at
/// least one value not rated, with the size a page would draw it at.
pub fn every_kind(label: &str) -> Vec<(ChartView, ChartSize)> {
    let l = |s: &str| format!("{s} {label}");
    let half = ChartSize {
        width: 560,
        height: 352,
    };
    let full = ChartSize {
        width: 1120,
        height: 352,
    };
    let sized = |v: ChartView, s: ChartSize| {
        let height = v.height_px.unwrap_or(s.height);
        (v, ChartSize { height, ..s })
    };
    vec![
        sized(radar(label), half),
        sized(trend(label), half),
        sized(dimension_bars(label), full),
        sized(heatmap(label), full),
        sized(scatter(label), half),
        sized(peers(label), half),
        sized(
            charts::status_by_part(
                "chart-status",
                &l("Status"),
                &l("caption"),
                &[l("A"), l("B"), l("C")],
                &[
                    count_series(&l("Proposed"), &[2, 0, 1]),
                    count_series(&l("Done"), &[0, 3, 0]),
                ],
            ),
            half,
        ),
        sized(
            charts::direction_split(
                "chart-direction",
                &l("Direction"),
                &l("caption"),
                &[
                    charts::CategoryCount {
                        name: l("Raise"),
                        count: 4,
                    },
                    charts::CategoryCount {
                        name: l("Keep"),
                        count: 0,
                    },
                    charts::CategoryCount {
                        name: l("Lower"),
                        count: 2,
                    },
                ],
                &l("Improvements"),
            ),
            half,
        ),
        sized(roadmap(label), full),
        sized(
            charts::coverage_by_group(
                "chart-coverage",
                &l("Coverage"),
                &l("caption"),
                &[
                    charts::CoverageBar {
                        label: l("4 Context"),
                        section: false,
                    },
                    charts::CoverageBar {
                        label: l("8.2 Service portfolio"),
                        section: true,
                    },
                ],
                &[
                    count_series(&l("Conforming"), &[3, 0]),
                    count_series(&l("Not assessed"), &[1, 2]),
                ],
            ),
            full,
        ),
        sized(qms(label), full),
    ]
}

fn count_series(name: &str, counts: &[u32]) -> charts::CountSeries {
    charts::CountSeries {
        name: name.to_owned(),
        counts: counts.to_vec(),
    }
}

pub fn radar(label: &str) -> ChartView {
    charts::domain_radar(
        "chart-radar",
        &format!("Radar {label}"),
        &format!("caption {label}"),
        &[
            format!("Governance {label}"),
            "Operations".into(),
            "Security".into(),
            "People".into(),
        ],
        100.0,
        &[
            RadarSeries {
                name: format!("2025 {label}"),
                values: vec![Some(60.0), Some(40.0), Some(70.0), Some(50.0)],
                colour: crate::render::charts::colours::OURS,
            },
            RadarSeries {
                name: "Peer median".into(),
                values: vec![Some(50.0), None, Some(55.0), Some(45.0)],
                colour: crate::render::charts::colours::PEERS,
            },
        ],
        crate::render::charts::Cells::english("not rated"),
    )
}

pub fn trend(label: &str) -> ChartView {
    charts::trend(
        "chart-trend",
        &format!("Trend {label}"),
        &format!("caption {label}"),
        &["2019".into(), format!("2022 {label}"), "2025".into()],
        100.0,
        &[
            TrendLine {
                name: format!("Index {label}"),
                values: vec![Some(40.0), None, Some(62.0)],
                emphasis: true,
                colour: crate::render::charts::colours::INDEX,
            },
            TrendLine {
                name: "Security".into(),
                values: vec![Some(30.0), Some(35.0), Some(45.0)],
                emphasis: false,
                colour: crate::render::charts::colours::domain(0),
            },
        ],
        crate::render::charts::Cells::english("not rated"),
    )
}

pub fn dimension_bars(label: &str) -> ChartView {
    let dim = |id: &str, value, previous| charts::DimensionBar {
        id: id.to_owned(),
        name: format!("Name {label}"),
        value,
        previous,
    };
    charts::dimension_bars(
        "chart-dimensions",
        &format!("Dimensions {label}"),
        &format!("caption {label}"),
        &[
            charts::DimensionGroup {
                name: format!("Governance {label}"),
                colour: crate::render::charts::colours::domain(0),
                dimensions: vec![
                    dim("D1.1", Some(40.0), Some(35.0)),
                    dim("D1.2", None, Some(20.0)),
                ],
            },
            charts::DimensionGroup {
                name: "Operations".into(),
                colour: crate::render::charts::colours::domain(1),
                dimensions: vec![dim("D2.1", Some(70.0), None)],
            },
        ],
        100.0,
        &charts::DimensionBarLabels {
            domain: format!("Domain {label}"),
            dimension: format!("Dimension {label}"),
            latest: format!("2025 {label}"),
            previous: Some(format!("2022 {label}")),
        },
        crate::render::charts::Cells::english("not rated"),
    )
}

pub fn heatmap(label: &str) -> ChartView {
    charts::heatmap(
        "chart-heatmap",
        &format!("Heat map {label}"),
        &format!("caption {label}"),
        &["2022".into(), format!("2025 {label}")],
        &[
            charts::HeatmapRow {
                id: "D1.1".into(),
                name: format!("Name {label}"),
                values: vec![Some(12.0), None],
            },
            charts::HeatmapRow {
                id: "D1.2".into(),
                name: "Short".into(),
                values: vec![Some(80.0), Some(85.0)],
            },
        ],
        100.0,
        crate::render::charts::Cells::english("not rated"),
    )
}

pub fn scatter(label: &str) -> ChartView {
    scatter_in(label, crate::render::charts::Cells::english("n/a"))
}

/// The quality/cost scatter with its figures written as `cells` says.
pub fn scatter_in(label: &str, cells: crate::render::charts::Cells) -> ChartView {
    let point = |name: String, cost, index| charts::CostQualityPoint { name, cost, index };
    charts::quality_cost_scatter(
        "chart-quality-cost",
        &format!("Quality and cost {label}"),
        &format!("caption {label}"),
        &[
            point("Peer 1".into(), Some(3000.0), Some(40.0)),
            point(format!("Peer 2 {label}"), Some(5000.0), None),
            point("Peer 3".into(), Some(6000.0), Some(65.0)),
        ],
        Some(&point(format!("Ours {label}"), Some(4500.0), Some(58.0))),
        &charts::QualityCostFrame {
            cost_label: format!("Cost per user {label}"),
            index_label: format!("Index {label}"),
            index_max: 100.0,
            median_cost: Some(4500.0),
            median_index: Some(52.0),
            peers_label: format!("Peers {label}"),
            median_label: format!("Median {label}"),
            quadrants: charts::Quadrants {
                better_cheaper: format!("Better, cheaper {label}"),
                better_dearer: format!("Better, dearer {label}"),
                worse_cheaper: format!("Worse, cheaper {label}"),
                worse_dearer: format!("Worse, dearer {label}"),
            },
        },
        cells,
    )
}

pub fn peers(label: &str) -> ChartView {
    let band = |name: String, q1, median, q3, ours| charts::PeerBand {
        name,
        q1,
        median,
        q3,
        ours,
    };
    charts::peer_distribution(
        "chart-peer-domains",
        &format!("Peers {label}"),
        &format!("caption {label}"),
        &[
            band(
                format!("Index {label}"),
                Some(40.0),
                Some(50.0),
                Some(60.0),
                Some(55.0),
            ),
            band("Security".into(), Some(30.0), Some(45.0), Some(50.0), None),
            band("People".into(), None, None, None, Some(35.0)),
        ],
        &charts::PeerDistributionLabels {
            figure: format!("Figure {label}"),
            band: format!("Middle half {label}"),
            q1: format!("Q1 {label}"),
            q3: format!("Q3 {label}"),
            median: format!("Median {label}"),
            ours: format!("Ours {label}"),
            range: Some((0.0, 100.0)),
            decimals: 1,
            grouped: false,
            small_group: true,
            small_group_note: format!("small group {label}"),
        },
        crate::render::charts::Cells::english("n/a"),
    )
}

pub fn roadmap(label: &str) -> ChartView {
    let action = |id: &str, raised, due, overdue| charts::RoadmapAction {
        id: id.to_owned(),
        title: format!("Title {label}"),
        raised,
        due,
        status: format!("In progress {label}"),
        overdue,
    };
    charts::roadmap(
        "chart-roadmap",
        &format!("Roadmap {label}"),
        &format!("caption {label}"),
        &[
            action("IMP-1", date(2025, 1, 10), Some(date(2025, 9, 30)), true),
            action("IMP-2", date(2025, 6, 1), Some(date(2026, 6, 30)), false),
            action("IMP-3", date(2025, 7, 1), None, false),
        ],
        date(2025, 11, 24),
        &charts::RoadmapLabels {
            action: format!("Action {label}"),
            raised: format!("Raised {label}"),
            due: format!("Due {label}"),
            status: format!("Status {label}"),
            on_schedule: format!("On schedule {label}"),
            overdue: format!("overdue {label}"),
            today: format!("Today {label}"),
            no_due_date: format!("no due date {label}"),
        },
    )
}

pub fn qms(label: &str) -> ChartView {
    let component = |id: &str, current, target, change| charts::QmsLevel {
        id: id.to_owned(),
        name: format!("Name {label}"),
        current,
        target,
        change,
    };
    charts::qms_levels(
        "chart-qms",
        &format!("QMS {label}"),
        &format!("caption {label}"),
        &[
            component("Q1", Some(2), Some(4), charts::LevelChange::Raise),
            component("Q2", None, Some(3), charts::LevelChange::Keep),
            component("Q3", Some(4), Some(3), charts::LevelChange::Lower),
        ],
        &charts::QmsLevelLabels {
            component: format!("Component {label}"),
            current: format!("Current {label}"),
            target: format!("Target {label}"),
            direction: format!("Direction {label}"),
            raise: format!("raise {label}"),
            keep: format!("keep {label}"),
            lower: format!("lower {label}"),
        },
        "not rated",
    )
}

/// Draws `view` at `size` on this thread's engine, normalised but with ECharts' marks of series
/// and items kept (a drawer keeps drawings as pages take them, without the marks).
pub fn draw(view: &ChartView, size: ChartSize) -> Drawing {
    let drawn = super::engine::draw_on_this_thread(
        &view.option,
        size.width,
        size.height,
        super::Limits::default(),
    )
    .map_err(|e| e.to_string())
    .and_then(|raw| super::markup::normalise(&raw).map_err(|e| e.to_string()));
    match drawn {
        Ok(svg) => Drawing::read(&svg),
        Err(e) => panic!("{}: {e}", view.id),
    }
}

/// One element of a drawing: its name, attributes (unescaped) and, for `<text>`, its text.
#[derive(Debug)]
pub struct Node {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub text: String,
}

/// A drawing read as XML, independently of the code under test.
#[derive(Debug)]
pub struct Drawing {
    pub svg: String,
    pub nodes: Vec<Node>,
}

impl Drawing {
    /// Reads `svg`, failing the test when it is not well-formed XML.
    pub fn read(svg: &str) -> Drawing {
        let mut reader = Reader::from_str(svg);
        let mut nodes: Vec<Node> = Vec::new();
        let mut open_text: Vec<usize> = Vec::new();
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    let attrs = e
                        .attributes()
                        .map(|a| {
                            let a = a.expect("well-formed attribute");
                            let v = a
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("well-formed value");
                            (
                                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                                v.into_owned(),
                            )
                        })
                        .collect();
                    if name == "text" {
                        open_text.push(nodes.len());
                    }
                    nodes.push(Node {
                        name,
                        attrs,
                        text: String::new(),
                    });
                }
                Ok(Event::End(e)) => {
                    if e.name().as_ref() == b"text" {
                        open_text.pop();
                    }
                }
                Ok(Event::Text(t)) => {
                    if let Some(&i) = open_text.last() {
                        nodes[i].text.push_str(&t.xml10_content().expect("UTF-8"));
                    }
                }
                Ok(Event::GeneralRef(r)) => {
                    if let Some(&i) = open_text.last() {
                        let name = String::from_utf8_lossy(&r).into_owned();
                        let c = match name.as_str() {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "quot" => '"',
                            "apos" => '\'',
                            other => r
                                .resolve_char_ref()
                                .ok()
                                .flatten()
                                .unwrap_or_else(|| panic!("unknown entity {other}")),
                        };
                        nodes[i].text.push(c);
                    }
                }
                Ok(_) => {}
                Err(e) => panic!("not well-formed XML: {e}\n{svg}"),
            }
        }
        Drawing {
            svg: svg.to_owned(),
            nodes,
        }
    }

    /// The text of every `<text>` element.
    pub fn texts(&self) -> Vec<&str> {
        self.nodes
            .iter()
            .filter(|n| n.name == "text")
            .map(|n| n.text.as_str())
            .collect()
    }

    /// Whether some `<text>` holds `s`.
    pub fn shows(&self, s: &str) -> bool {
        self.texts().iter().any(|t| t.contains(s))
    }

    /// The data indices ECharts drew for series `series` (its items carry `ecmeta_*` marks).
    pub fn data_indices(&self, series: usize) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .nodes
            .iter()
            .filter(|n| {
                n.attrs.get("ecmeta_ssr_type").map(String::as_str) == Some("chart")
                    && n.attrs.get("ecmeta_series_index") == Some(&series.to_string())
            })
            .filter_map(|n| n.attrs.get("ecmeta_data_index")?.parse().ok())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}
