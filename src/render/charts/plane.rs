//! The quality/cost plane of the benchmark: the peers' points against the medians that divide it
//! into four named quadrants, and our organisation as a labelled diamond whose name is set where it
//! covers no peer.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, NameLocation, Tooltip, Trigger};
use charming::series::Scatter;
use serde_json::{Value, json};

use super::benchmark::{fitted_range, value_labels, whole};
use super::colours::{OURS, PEERS};
use super::ink::AXIS_TEXT;
use super::{
    Cells, ChartView, DataTable, INK, aria, base_chart, embed_with, legend_room, narrow, round1,
    shorten, view,
};

/// One organisation in the quality/cost plane.
#[derive(Debug, Clone)]
pub struct CostQualityPoint {
    /// Name (peers are usually anonymised, e.g. "Peer 7").
    pub name: String,
    /// IT cost per user; `None` when not reported (the point is left out of the plot).
    pub cost: Option<f64>,
    /// Quality index; `None` when not assessed (the point is left out of the plot).
    pub index: Option<f64>,
}

/// The names of the four quadrants the peer medians divide the plane into, read from the
/// reader's side: up is better quality, left is less money.
#[derive(Debug, Clone)]
pub struct Quadrants {
    /// Top left: better quality, lower cost.
    pub better_cheaper: String,
    /// Top right: better quality, higher cost.
    pub better_dearer: String,
    /// Bottom left: lower quality, lower cost.
    pub worse_cheaper: String,
    /// Bottom right: lower quality, higher cost.
    pub worse_dearer: String,
}

/// Axes, medians and texts of the quality/cost scatter.
#[derive(Debug, Clone)]
pub struct QualityCostFrame {
    /// Name of the cost axis, with its unit (e.g. "IT cost per user (EUR)").
    pub cost_label: String,
    /// Name of the index axis.
    pub index_label: String,
    /// Top of the index scale.
    pub index_max: f64,
    /// Peer median of the cost: the vertical quadrant line.
    pub median_cost: Option<f64>,
    /// Peer median of the index: the horizontal quadrant line.
    pub median_index: Option<f64>,
    /// Legend name of the peer cloud.
    pub peers_label: String,
    /// Name of the median lines (e.g. "Peer median").
    pub median_label: String,
    /// The quadrants' names, written in their corners when both medians are known.
    pub quadrants: Quadrants,
}

/// The median lines, each labelled at its end outside the plot (the cost median above it, the
/// index median right of it), where no point and no other label can cover it; and the room the
/// right-hand label needs.
fn median_lines(frame: &QualityCostFrame, missing: Cells) -> (Vec<Value>, f64) {
    let mut medians = Vec::new();
    if let Some(c) = frame.median_cost {
        let name = format!("{}: {}", frame.median_label, whole(Some(c), missing));
        medians.push(json!({ "xAxis": c.round(), "name": name,
            "label": { "formatter": "{b}", "position": "end" } }));
    }
    let mut right = 24.0;
    if let Some(i) = frame.median_index {
        let value = missing.one(Some(i));
        let label = shorten(&frame.median_label, 16);
        let width = label.chars().count().max(value.chars().count());
        right = (12.0 + 7.0 * width as f64).clamp(24.0, 130.0);
        let name = format!("{label}\n{value}");
        medians.push(json!({ "yAxis": round1(i), "name": name,
            "label": { "formatter": "{b}", "position": "end" } }));
    }
    (medians, right)
}

/// The quadrants' names as a series of four invisible points at the corners of the plot, each
/// label running inwards from its corner, under every other point and silent to the pointer.
fn quadrant_series(q: &Quadrants, (x0, x1): (f64, f64), (y0, y1): (f64, f64)) -> Value {
    // Left corners' names run right from their point, right corners' names run left.
    let corner = |name: &str, x: f64, y: f64, align: &str, vertical: &str| {
        let position = if align == "left" { "right" } else { "left" };
        json!({ "value": [x, y], "name": name,
            "label": { "position": position, "align": align, "verticalAlign": vertical,
                "color": AXIS_TEXT } })
    };
    json!({
        "id": "quadrants",
        "silent": true,
        "z": 1,
        "symbolSize": 1,
        "itemStyle": { "opacity": 0 },
        "tooltip": { "show": false },
        "emphasis": { "disabled": true },
        // A label takes its point's opacity unless given its own.
        "label": { "show": true, "formatter": "{b}", "position": "right", "padding": 6,
            "color": AXIS_TEXT, "fontStyle": "italic", "opacity": 1 },
        "data": [
            corner(&q.better_cheaper, x0, y1, "left", "top"),
            corner(&q.better_dearer, x1, y1, "right", "top"),
            corner(&q.worse_cheaper, x0, y0, "left", "bottom"),
            corner(&q.worse_dearer, x1, y0, "right", "bottom"),
        ],
    })
}

/// The room our name is placed in, in pixels: the plot's and the name's box.
#[derive(Debug, Clone, Copy)]
struct LabelRoom {
    /// Width and height of the plot.
    plot: (f64, f64),
    /// Width and height of the name, with its padding.
    label: (f64, f64),
}

impl LabelRoom {
    /// On the wide drawing: the plot about 1020 × 330 pixels, the name on one line (bold text
    /// at about 7.5 pixels a character).
    fn wide(name: &str) -> LabelRoom {
        let chars = name.chars().count() as f64;
        LabelRoom {
            plot: (1020.0, 330.0),
            label: (7.5 * chars + 8.0, 20.0),
        }
    }

    /// On the narrow drawing: the plot about 255 × 280 pixels, the name broken into lines of at
    /// most [`NARROW_NAME`] pixels.
    fn narrow(name: &str) -> LabelRoom {
        let text = 7.5 * name.chars().count() as f64;
        let lines = (text / NARROW_NAME).ceil().max(1.0);
        LabelRoom {
            plot: (255.0, 280.0),
            label: (text.min(NARROW_NAME) + 8.0, 15.0 * lines + 5.0),
        }
    }
}

/// The widest our name runs on a narrow drawing before it breaks into lines.
const NARROW_NAME: f64 = 150.0;

/// Where our name goes beside our point: above or below it (`position`), running right from it,
/// left from it or centred on it (`align`), whichever box covers the fewest peers' points while
/// staying inside the plot, in the order above-right, above-left, above, below-right, below-left,
/// below when they cover as many; with the number of points it covers. The median labels sit
/// outside the plot, so no box reaches them.
fn our_label_place(
    (x, y): (f64, f64),
    peers: &[(f64, f64)],
    (lo, hi): (f64, f64),
    top: f64,
    room: LabelRoom,
) -> ((&'static str, &'static str), usize) {
    let (per_x, per_y) = ((hi - lo) / room.plot.0, top / room.plot.1);
    let width = room.label.0 * per_x;
    // From the diamond's edge (9 pixels from its centre) out by the name's height.
    let (near, far) = (9.0 * per_y, (9.0 + room.label.1) * per_y);
    let places = [
        ("top", "left"),
        ("top", "right"),
        ("top", "center"),
        ("bottom", "left"),
        ("bottom", "right"),
        ("bottom", "center"),
    ];
    let covered = |(position, align): (&str, &str)| {
        let (x0, x1) = match align {
            "left" => (x, x + width),
            "right" => (x - width, x),
            _ => (x - width / 2.0, x + width / 2.0),
        };
        let (y0, y1) = if position == "top" {
            (y + near, y + far)
        } else {
            (y - far, y - near)
        };
        // A peer's dot (5 pixels round its centre) under the box counts.
        let (dx, dy) = (5.0 * per_x, 5.0 * per_y);
        (x0 >= lo && x1 <= hi && y0 >= 0.0 && y1 <= top).then(|| {
            peers
                .iter()
                .filter(|(px, py)| {
                    (x0 - dx..=x1 + dx).contains(px) && (y0 - dy..=y1 + dy).contains(py)
                })
                .count()
        })
    };
    places
        .into_iter()
        .filter_map(|p| covered(p).map(|n| (p, n)))
        .min_by_key(|(_, n)| *n)
        .unwrap_or((("top", "center"), peers.len()))
}

/// Quality (index) against IT cost per user: the peer cloud with quadrant lines at the peer
/// medians and the quadrants named in their corners, and our organisation as its own labelled
/// diamond, its name running away from the median labels and the nearer edge.
///
/// Long because one ECharts option written out as one expression (axes, quadrants, series, labels),
/// which reads like the chart it draws.
pub fn quality_cost_scatter(
    id: &str,
    title: &str,
    caption: &str,
    peers: &[CostQualityPoint],
    ours: Option<&CostQualityPoint>,
    frame: &QualityCostFrame,
    missing: Cells,
) -> ChartView {
    let describe = |p: &CostQualityPoint| {
        format!(
            "{}: {} {} · {} {}",
            p.name,
            frame.cost_label,
            whole(p.cost, missing),
            frame.index_label,
            missing.one(p.index)
        )
    };
    let point = |p: &CostQualityPoint| -> Option<Value> {
        let (cost, index) = (p.cost?, p.index?);
        Some(json!({ "value": [cost.round(), round1(index)], "name": describe(p) }))
    };
    let peer_data: Vec<Value> = peers.iter().filter_map(point).collect();
    let (medians, right) = median_lines(frame, missing);

    let costs = peers.iter().chain(ours).filter_map(|p| p.index.and(p.cost));
    let range = fitted_range(costs.chain(frame.median_cost));
    let mut x_axis = Axis::new()
        .type_(AxisType::Value)
        .name(frame.cost_label.clone())
        .name_location(NameLocation::Middle)
        .name_gap(28);
    if let Some((lo, hi)) = range {
        x_axis = x_axis.min(lo).max(hi);
    }
    let mut legend = vec![frame.peers_label.clone()];
    legend.extend(ours.map(|o| o.name.clone()));
    let (bottom, narrow_bottom) = legend_room(&legend, 28.0);
    let mut chart = base_chart()
        .legend(Legend::new().bottom(0).data(legend))
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .grid(
            Grid::new()
                .left(16)
                .right(right)
                .top(32)
                .bottom(bottom)
                .contain_label(true),
        )
        .x_axis(x_axis)
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .max(frame.index_max)
                .name(frame.index_label.clone())
                .name_location(NameLocation::End),
        )
        .series(
            Scatter::new()
                .name(frame.peers_label.clone())
                .symbol_size(10),
        );
    let mut series_patch = vec![json!({
        "data": peer_data,
        "itemStyle": { "color": PEERS, "opacity": 0.7 },
        "markLine": {
            "silent": true,
            "symbol": "none",
            "lineStyle": { "color": INK, "type": "dashed", "width": 1 },
            "data": medians,
        },
    })];
    // On a phone's canvas long names wrap instead of running off it.
    let mut narrow_series = vec![json!({})];
    if let Some(o) = ours {
        chart = chart.series(
            Scatter::new()
                .name(o.name.clone())
                .symbol(charming::element::Symbol::Diamond)
                .symbol_size(18),
        );
        let plotted: Vec<(f64, f64)> = peers
            .iter()
            .filter_map(|p| Some((p.cost?, p.index?)))
            .collect();
        let place = |room: LabelRoom| match (o.cost, o.index, range) {
            (Some(c), Some(i), Some(x)) => {
                our_label_place((c, i), &plotted, x, frame.index_max, room)
            }
            _ => (("top", "center"), 0),
        };
        let ((position, align), _) = place(LabelRoom::wide(&o.name));
        // A phone's plot is crowded: where the name would hide a peer, the legend alone names
        // the diamond.
        let ((narrow_position, narrow_align), hidden) = place(LabelRoom::narrow(&o.name));
        series_patch.push(json!({
            "data": point(o).into_iter().collect::<Vec<_>>(),
            "z": 5,
            "itemStyle": { "color": OURS, "borderColor": INK, "borderWidth": 1 },
            "label": { "show": true, "formatter": "{a}", "position": position, "align": align,
                "fontWeight": "bold", "backgroundColor": "#ffffff", "padding": [2, 4] },
        }));
        narrow_series.push(
            json!({ "label": { "show": hidden == 0, "width": NARROW_NAME,
            "overflow": "break", "position": narrow_position, "align": narrow_align } }),
        );
    }
    if let (Some((lo, hi)), Some(_), Some(_)) = (range, frame.median_cost, frame.median_index) {
        chart = chart.series(Scatter::new());
        series_patch.push(quadrant_series(
            &frame.quadrants,
            (lo, hi),
            (0.0, frame.index_max),
        ));
        if ours.is_none() {
            narrow_series.push(json!({}));
        }
        narrow_series.push(json!({ "label": { "width": 120, "overflow": "break" } }));
    }

    let columns = vec![
        String::new(),
        frame.cost_label.clone(),
        frame.index_label.clone(),
    ];
    let mut rows: Vec<Vec<String>> = peers
        .iter()
        .chain(ours)
        .map(|p| vec![p.name.clone(), whole(p.cost, missing), missing.one(p.index)])
        .collect();
    rows.push(vec![
        frame.median_label.clone(),
        whole(frame.median_cost, missing),
        missing.one(frame.median_index),
    ]);
    let mut view = view(
        id,
        title,
        caption.to_owned(),
        |aria_label| {
            let mut patch = aria(aria_label);
            patch["series"] = Value::Array(series_patch);
            patch["xAxis"] = json!({ "axisLabel": value_labels(missing, true) });
            patch["media"] = narrow(json!({
                "grid": { "bottom": narrow_bottom },
                "series": narrow_series,
            }));
            embed_with(&chart, patch)
        },
        DataTable { columns, rows },
        Some(SCATTER_HEIGHT),
    );
    view.full_width = true;
    view
}

/// Height of the quality/cost plane: drawn across the page, it is given the height to match.
const SCATTER_HEIGHT: u32 = 440;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::testing::{HOSTILE, parse, series_types};

    fn frame() -> QualityCostFrame {
        QualityCostFrame {
            cost_label: "Cost per user".into(),
            index_label: "Index".into(),
            index_max: 100.0,
            median_cost: Some(4950.4),
            median_index: Some(52.04),
            peers_label: "Peers".into(),
            median_label: "Peer median".into(),
            quadrants: Quadrants {
                better_cheaper: "Better, cheaper".into(),
                better_dearer: "Better, dearer".into(),
                worse_cheaper: "Worse, cheaper".into(),
                worse_dearer: HOSTILE.into(),
            },
        }
    }

    #[test]
    fn scatter_plots_complete_peers_with_median_lines_and_labels_our_point() {
        let point = |name: &str, cost, index| CostQualityPoint {
            name: name.to_owned(),
            cost,
            index,
        };
        let peers = [
            point("Peer 1", Some(3000.2), Some(40.04)),
            point("Peer 2", None, Some(60.0)),
            point("Peer 3", Some(6000.0), None),
        ];
        let ours = point(HOSTILE, Some(4650.0), Some(58.4));
        let v = quality_cost_scatter(
            "q",
            "t",
            "c",
            &peers,
            Some(&ours),
            &frame(),
            Cells::english("n/a"),
        );
        let o = parse(&v);
        assert_eq!(series_types(&o), ["scatter", "scatter", "scatter"]);
        assert!(v.full_width);
        // Only the peer with both figures is plotted.
        let data = &o["series"][0]["data"];
        assert_eq!(data.as_array().map(Vec::len), Some(1));
        assert_eq!(data[0]["value"], serde_json::json!([3000.0, 40.0]));
        let lines = &o["series"][0]["markLine"]["data"];
        assert_eq!(lines[0]["xAxis"], 4950.0);
        assert_eq!(lines[0]["name"], "Peer median: 4,950");
        assert_eq!(lines[1]["yAxis"], 52.0);
        assert_eq!(o["series"][1]["name"], HOSTILE);
        assert_eq!(o["series"][1]["symbol"], "diamond");
        assert_eq!(o["series"][1]["label"]["show"], true);
        assert_eq!(
            o["series"][1]["data"][0]["value"],
            serde_json::json!([4650.0, 58.4])
        );
        assert_eq!(o["yAxis"]["max"], 100.0);
        // The cost axis fits the data with room on both sides.
        assert!(
            o["xAxis"]["min"]
                .as_f64()
                .is_some_and(|m| (0.0..3000.0).contains(&m))
        );
        assert!(o["xAxis"]["max"].as_f64().is_some_and(|m| m > 4950.0));
        assert_eq!(v.table.columns, ["", "Cost per user", "Index"]);
        assert_eq!(v.table.rows[1], ["Peer 2", "n/a", "60.0"]);
        assert_eq!(v.table.rows[3], [HOSTILE, "4,650", "58.4"]);
        assert_eq!(v.table.rows[4], ["Peer median", "4,950", "52.0"]);
        // Nothing is near our point: its name goes above it, running right.
        assert_eq!(o["series"][1]["label"]["position"], "top");
        assert_eq!(o["series"][1]["label"]["align"], "left");
        // The legend names the peers and us, not the quadrants.
        assert_eq!(
            o["legend"]["data"],
            serde_json::json!([{ "name": "Peers" }, { "name": HOSTILE }])
        );
    }

    #[test]
    fn scatter_names_the_quadrants_in_the_corners_of_the_plot() {
        let point = |cost: f64, index: f64| CostQualityPoint {
            name: "Peer".to_owned(),
            cost: Some(cost),
            index: Some(index),
        };
        let ours = CostQualityPoint {
            name: "Us".to_owned(),
            ..point(6000.0, 70.0)
        };
        let v = quality_cost_scatter(
            "q",
            "t",
            "c",
            &[point(3000.0, 40.0), point(5000.0, 60.0)],
            Some(&ours),
            &frame(),
            Cells::english("n/a"),
        );
        let o = parse(&v);
        let quadrants = &o["series"][2];
        assert_eq!(quadrants["id"], "quadrants");
        assert_eq!(quadrants["silent"], true);
        let (lo, hi) = (o["xAxis"]["min"].clone(), o["xAxis"]["max"].clone());
        let corners: Vec<(String, serde_json::Value, String, String)> = quadrants["data"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                (
                    c["name"].as_str().unwrap_or_default().to_owned(),
                    c["value"].clone(),
                    c["label"]["align"].as_str().unwrap_or_default().to_owned(),
                    c["label"]["verticalAlign"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                )
            })
            .collect();
        let at = |x: &serde_json::Value, y: f64| serde_json::json!([x, y]);
        assert_eq!(
            corners,
            [
                (
                    "Better, cheaper".into(),
                    at(&lo, 100.0),
                    "left".into(),
                    "top".into()
                ),
                (
                    "Better, dearer".into(),
                    at(&hi, 100.0),
                    "right".into(),
                    "top".into()
                ),
                (
                    "Worse, cheaper".into(),
                    at(&lo, 0.0),
                    "left".into(),
                    "bottom".into()
                ),
                (
                    HOSTILE.into(),
                    at(&hi, 0.0),
                    "right".into(),
                    "bottom".into()
                ),
            ]
        );
        assert_eq!(o["series"][1]["itemStyle"]["color"], OURS);
        assert_eq!(o["series"][0]["itemStyle"]["color"], PEERS);
        // The quadrants' names are not in the data table.
        assert_eq!(v.table.rows.len(), 4);
    }

    #[test]
    fn our_name_goes_where_it_covers_no_peer_and_stays_inside_the_plot() {
        let name = "Northmere Regional Water Authority";
        let place = |us: (f64, f64), peers: &[(f64, f64)]| {
            our_label_place(us, peers, (3000.0, 8500.0), 100.0, LabelRoom::wide(name)).0
        };
        assert_eq!(place((5600.0, 58.0), &[]), ("top", "left"));
        // A peer above and to the right of us: the name runs left instead.
        assert_eq!(place((5600.0, 58.0), &[(6600.0, 63.0)]), ("top", "right"));
        // Peers above on both sides and straight above: below, where there is room.
        assert_eq!(
            place(
                (5600.0, 58.0),
                &[(6600.0, 63.0), (4800.0, 63.0), (5600.0, 63.0)]
            ),
            ("bottom", "left")
        );
        // Near the right edge the name cannot run right, nor above the top of the scale.
        assert_eq!(place((8400.0, 99.0), &[]), ("bottom", "right"));
        // On a phone's drawing the name has room neither left nor right of a point in the
        // middle: it is centred above it.
        let narrow = LabelRoom::narrow(name);
        assert_eq!(narrow.label, (158.0, 35.0));
        assert_eq!(
            our_label_place((5600.0, 58.0), &[], (3000.0, 8500.0), 100.0, narrow),
            (("top", "center"), 0)
        );
        // With a peer under every place, it says how many the best place covers.
        assert_eq!(
            our_label_place(
                (5600.0, 58.0),
                &[(5600.0, 63.0), (5600.0, 53.0)],
                (3000.0, 8500.0),
                100.0,
                narrow
            ),
            (("top", "center"), 1)
        );
    }

    #[test]
    fn scatter_without_our_figures_or_medians_still_renders_the_cloud() {
        let v = quality_cost_scatter(
            "q",
            "t",
            "c",
            &[],
            None,
            &QualityCostFrame {
                median_cost: None,
                median_index: None,
                ..frame()
            },
            Cells::english("n/a"),
        );
        let o = parse(&v);
        // Without medians there are no quadrants to name.
        assert_eq!(series_types(&o), ["scatter"]);
        assert_eq!(o["series"][0]["markLine"]["data"], serde_json::json!([]));
    }
}
