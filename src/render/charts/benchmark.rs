//! Benchmark charts: quality against cost, and where we sit in the peers' spread.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, NameLocation, Tooltip, Trigger};
use charming::series::{Bar, Scatter};
use serde_json::{Value, json};

use super::{
    Cells, ChartView, DataTable, INK, aria, base_chart, colours, embed_with, legend_room, narrow,
    round1, rows_height, shorten, view,
};

/// Formats money-like figures (cost per user) without decimals.
fn whole(v: Option<f64>, missing: Cells) -> String {
    missing.with(v, 0)
}

/// A scale around `values` with some room on both sides, rounded to a step of 1, 2 or 5 × 10ⁿ so
/// the band does not start at the edge of the chart; it stays at or above zero for positive data.
fn fitted_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold(None, |acc: Option<(f64, f64)>, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })?;
    let span = if hi > lo { hi - lo } else { hi.abs().max(1.0) };
    // The step as a fraction of whole numbers, so that 19 × 0.05 comes out as 0.95.
    let exponent = span.log10().floor() as i32;
    let (mut num, mut den) = if exponent >= 0 {
        (10f64.powi(exponent), 1.0)
    } else {
        (1.0, 10f64.powi(-exponent))
    };
    match span * den / num {
        r if r < 2.0 => den *= 5.0,
        r if r < 5.0 => den *= 2.0,
        _ => {}
    }
    if den > 1.0 && num >= den {
        (num, den) = (num / den, 1.0);
    }
    let pad = span * 0.1;
    let mut min = ((lo - pad) * den / num).floor() * num / den;
    if lo >= 0.0 {
        min = min.max(0.0);
    }
    let max = ((hi + pad) * den / num).ceil() * num / den;
    Some((min, max))
}

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
}

/// Quality (index) against IT cost per user: the peer cloud with quadrant lines at the peer
/// medians, and our organisation as its own labelled diamond.
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
    let mut medians = Vec::new();
    if let Some(c) = frame.median_cost {
        let name = format!("{}: {}", frame.median_label, whole(Some(c), missing));
        medians.push(json!({ "xAxis": c.round(), "name": name,
            "label": { "formatter": "{b}", "position": "end" } }));
    }
    // Both labels sit outside the plot (above it, right of it) so no point can hide them.
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

    let costs = peers.iter().chain(ours).filter_map(|p| p.index.and(p.cost));
    let mut x_axis = Axis::new()
        .type_(AxisType::Value)
        .name(frame.cost_label.clone())
        .name_location(NameLocation::Middle)
        .name_gap(28);
    if let Some((lo, hi)) = fitted_range(costs.chain(frame.median_cost)) {
        x_axis = x_axis.min(lo).max(hi);
    }
    let mut legend = vec![frame.peers_label.clone()];
    legend.extend(ours.map(|o| o.name.clone()));
    let (bottom, narrow_bottom) = legend_room(&legend, 28.0);
    let mut chart = base_chart()
        .legend(Legend::new().bottom(0))
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
        "itemStyle": { "color": colours::PEERS, "opacity": 0.75 },
        "markLine": {
            "silent": true,
            "symbol": "none",
            "lineStyle": { "color": INK, "type": "dashed", "width": 1 },
            "data": medians,
        },
    })];
    if let Some(o) = ours {
        chart = chart.series(
            Scatter::new()
                .name(o.name.clone())
                .symbol(charming::element::Symbol::Diamond)
                .symbol_size(18),
        );
        series_patch.push(json!({
            "data": point(o).into_iter().collect::<Vec<_>>(),
            "z": 5,
            "itemStyle": { "color": colours::OURS, "borderColor": INK, "borderWidth": 1 },
            "label": { "show": true, "formatter": "{a}", "position": "right",
                "fontWeight": "bold" },
        }));
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
    view(
        id,
        title,
        caption.to_owned(),
        |aria_label| {
            let mut patch = aria(aria_label);
            patch["series"] = Value::Array(series_patch);
            patch["media"] = narrow(json!({ "grid": { "bottom": narrow_bottom } }));
            embed_with(&chart, patch)
        },
        DataTable { columns, rows },
        None,
    )
}

/// One figure of the peer distribution chart (a domain, the index, a cost figure).
#[derive(Debug, Clone)]
pub struct PeerBand {
    /// Name of the figure (the category axis label).
    pub name: String,
    /// Peers' first quartile; `None` without peer data.
    pub q1: Option<f64>,
    /// Peers' median; `None` without peer data.
    pub median: Option<f64>,
    /// Peers' third quartile; `None` without peer data.
    pub q3: Option<f64>,
    /// Our value; `None` when we have none.
    pub ours: Option<f64>,
}

/// Texts, scale and group size of the peer distribution chart.
#[derive(Debug, Clone)]
pub struct PeerDistributionLabels {
    /// Table heading of the figure column.
    pub figure: String,
    /// Legend name of the interquartile band (e.g. "Middle half of peers (Q1–Q3)").
    pub band: String,
    /// Table heading of the first quartile.
    pub q1: String,
    /// Table heading of the third quartile.
    pub q3: String,
    /// Name of the median marker.
    pub median: String,
    /// Name of our marker (our organisation).
    pub ours: String,
    /// Fixed scale, e.g. `Some((0.0, 100.0))` for domains; `None` lets the axis fit the data
    /// (costs), which then need not start at zero.
    pub range: Option<(f64, f64)>,
    /// Decimals shown (1 for ratings, 0 for money).
    pub decimals: usize,
    /// The comparison group is too small for firm conclusions.
    pub small_group: bool,
    /// The note appended to the caption and the accessible label when the group is small,
    /// e.g. "small group: indicative".
    pub small_group_note: String,
}

/// Where we sit in the peer group, figure by figure: the interquartile band (Q1..Q3) as a
/// horizontal bar, the median as a bar-high tick, our value as a diamond.
///
/// The band is a transparent bar up to Q1 stacked with a visible bar of Q3 − Q1. Use it once for
/// the domains (`range: Some((0, max))`) and once for a cost figure on its own scale.
///
/// Long because one ECharts option written out as one expression, which reads like the chart it
/// draws.
pub fn peer_distribution(
    id: &str,
    title: &str,
    caption: &str,
    figures: &[PeerBand],
    labels: &PeerDistributionLabels,
    missing: Cells,
) -> ChartView {
    let decimals = labels.decimals.min(3);
    let fmt = |v: Option<f64>| missing.with(v, decimals);
    let round = |v: f64| {
        let f = 10f64.powi(decimals as i32);
        (v * f).round() / f
    };
    let mut base = Vec::new();
    let mut band = Vec::new();
    let mut median = Vec::new();
    let mut ours = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        match (f.q1, f.q3) {
            (Some(q1), Some(q3)) => {
                base.push(json!(round(q1)));
                let name = format!(
                    "{}: {} {} – {} {}",
                    f.name,
                    labels.q1,
                    fmt(Some(q1)),
                    labels.q3,
                    fmt(Some(q3))
                );
                band.push(json!({ "value": round(q3) - round(q1), "name": name }));
            }
            _ => {
                base.push(Value::Null);
                band.push(Value::Null);
            }
        }
        let marker = |v: Option<f64>, what: &str| match v {
            Some(v) => json!({
                "value": [round(v), i],
                "name": format!("{}: {} {}", f.name, what, fmt(Some(v))),
            }),
            None => json!({ "value": [Value::Null, i] }),
        };
        median.push(marker(f.median, &labels.median));
        ours.push(marker(f.ours, &labels.ours));
    }

    let legend = [&labels.band, &labels.median, &labels.ours];
    let (bottom, narrow_bottom) = legend_room(&legend, 0.0);
    let values = figures
        .iter()
        .flat_map(|f| [f.q1, f.median, f.q3, f.ours])
        .flatten();
    let mut x_axis = Axis::new().type_(AxisType::Value);
    if let Some((lo, hi)) = labels.range.or_else(|| fitted_range(values)) {
        x_axis = x_axis.min(lo).max(hi);
    }
    let chart = base_chart()
        .legend(Legend::new().bottom(0).data(vec![
            labels.band.clone(),
            labels.median.clone(),
            labels.ours.clone(),
        ]))
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .grid(
            Grid::new()
                .left(8)
                .right(24)
                .top(8)
                .bottom(bottom)
                .contain_label(true),
        )
        .x_axis(x_axis)
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(figures.iter().map(|f| f.name.clone()).collect()),
        )
        .series(Bar::new().stack("band"))
        .series(
            Bar::new()
                .name(labels.band.clone())
                .stack("band")
                .bar_width("45%"),
        )
        .series(
            Scatter::new()
                .name(labels.median.clone())
                .symbol(charming::element::Symbol::Rect),
        )
        .series(
            Scatter::new()
                .name(labels.ours.clone())
                .symbol(charming::element::Symbol::Diamond)
                .symbol_size(16),
        );
    let series_patch = json!([
        {
            // The invisible base: no colour, no pattern, no tooltip, not in the legend.
            "data": base,
            "silent": true,
            "tooltip": { "show": false },
            "itemStyle": { "color": "transparent", "decal": { "symbol": "none" } },
            "emphasis": { "disabled": true },
        },
        {
            "data": band,
            "itemStyle": { "color": colours::PEERS, "opacity": 0.35 },
        },
        {
            "data": median,
            "z": 4,
            "symbolSize": [4, 28],
            "itemStyle": { "color": INK },
        },
        {
            "data": ours,
            "z": 5,
            "itemStyle": { "color": colours::OURS, "borderColor": INK, "borderWidth": 1 },
        },
    ]);

    let mut caption = caption.to_owned();
    if labels.small_group {
        caption = format!("{caption} ({})", labels.small_group_note);
    }
    let columns = vec![
        labels.figure.clone(),
        labels.q1.clone(),
        labels.median.clone(),
        labels.q3.clone(),
        labels.ours.clone(),
    ];
    let rows = figures
        .iter()
        .map(|f| {
            vec![
                f.name.clone(),
                fmt(f.q1),
                fmt(f.median),
                fmt(f.q3),
                fmt(f.ours),
            ]
        })
        .collect();
    view(
        id,
        title,
        caption,
        |aria_label| {
            let mut patch = aria(aria_label);
            patch["series"] = series_patch;
            patch["media"] = narrow(json!({ "grid": { "bottom": narrow_bottom } }));
            embed_with(&chart, patch)
        },
        DataTable { columns, rows },
        Some(rows_height(figures.len(), 44, 90)),
    )
}

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
        assert_eq!(series_types(&o), ["scatter", "scatter"]);
        // Only the peer with both figures is plotted.
        let data = &o["series"][0]["data"];
        assert_eq!(data.as_array().map(Vec::len), Some(1));
        assert_eq!(data[0]["value"], serde_json::json!([3000.0, 40.0]));
        let lines = &o["series"][0]["markLine"]["data"];
        assert_eq!(lines[0]["xAxis"], 4950.0);
        assert_eq!(lines[0]["name"], "Peer median: 4950");
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
        assert_eq!(v.table.rows[3], [HOSTILE, "4650", "58.4"]);
        assert_eq!(v.table.rows[4], ["Peer median", "4950", "52.0"]);
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
        assert_eq!(series_types(&o), ["scatter"]);
        assert_eq!(o["series"][0]["markLine"]["data"], serde_json::json!([]));
    }

    fn labels(range: Option<(f64, f64)>, decimals: usize, small: bool) -> PeerDistributionLabels {
        PeerDistributionLabels {
            figure: "Figure".into(),
            band: "Middle half".into(),
            q1: "Q1".into(),
            q3: "Q3".into(),
            median: "Median".into(),
            ours: "Us".into(),
            range,
            decimals,
            small_group: small,
            small_group_note: "small group: indicative".into(),
        }
    }

    #[test]
    fn peer_distribution_stacks_an_invisible_base_under_the_band() {
        let figures = [
            PeerBand {
                name: HOSTILE.into(),
                q1: Some(40.04),
                median: Some(50.0),
                q3: Some(62.0),
                ours: Some(45.0),
            },
            PeerBand {
                name: "No peers".into(),
                q1: None,
                median: None,
                q3: None,
                ours: Some(70.0),
            },
        ];
        let v = peer_distribution(
            "p",
            "t",
            "c",
            &figures,
            &labels(Some((0.0, 100.0)), 1, false),
            Cells::english("n/a"),
        );
        let o = parse(&v);
        assert_eq!(series_types(&o), ["bar", "bar", "scatter", "scatter"]);
        assert_eq!(o["series"][0]["stack"], o["series"][1]["stack"]);
        assert_eq!(o["series"][0]["itemStyle"]["color"], "transparent");
        assert_eq!(o["series"][0]["data"][0], 40.0);
        assert!(o["series"][0]["data"][1].is_null());
        assert_eq!(o["series"][1]["data"][0]["value"], 22.0);
        assert!(o["series"][1]["data"][1].is_null());
        assert_eq!(
            o["series"][2]["data"][0]["value"],
            serde_json::json!([50.0, 0])
        );
        assert_eq!(
            o["series"][2]["data"][1]["value"],
            serde_json::json!([null, 1])
        );
        assert_eq!(
            o["series"][3]["data"][1]["value"],
            serde_json::json!([70.0, 1])
        );
        assert_eq!(
            (&o["xAxis"]["min"], &o["xAxis"]["max"]),
            (&0.0.into(), &100.0.into())
        );
        assert_eq!(o["yAxis"]["data"][0], HOSTILE);
        assert_eq!(v.caption, "c");
        assert_eq!(v.table.rows[0], [HOSTILE, "40.0", "50.0", "62.0", "45.0"]);
        assert_eq!(v.table.rows[1], ["No peers", "n/a", "n/a", "n/a", "70.0"]);
    }

    #[test]
    fn peer_distribution_of_a_cost_fits_its_own_scale_and_flags_a_small_group() {
        let figures = [PeerBand {
            name: "Cost per user".into(),
            q1: Some(3900.0),
            median: Some(4950.0),
            q3: Some(5800.0),
            ours: Some(4650.4),
        }];
        let v = peer_distribution(
            "p",
            "Cost",
            "Caption",
            &figures,
            &labels(None, 0, true),
            Cells::english("-"),
        );
        let o = parse(&v);
        assert_eq!(v.caption, "Caption (small group: indicative)");
        assert!(v.aria_label.ends_with("(small group: indicative)"));
        assert_eq!(o["aria"]["label"]["description"], v.aria_label.as_str());
        let (min, max) = (o["xAxis"]["min"].as_f64(), o["xAxis"]["max"].as_f64());
        assert!(min.is_some_and(|m| m > 0.0 && m < 3900.0), "{min:?}");
        assert!(max.is_some_and(|m| m > 5800.0 && m < 7000.0), "{max:?}");
        assert_eq!(
            o["series"][3]["data"][0]["value"],
            serde_json::json!([4650.0, 0])
        );
        assert_eq!(
            v.table.rows[0],
            ["Cost per user", "3900", "4950", "5800", "4650"]
        );
    }

    #[test]
    fn fitted_ranges_round_outwards_and_stay_positive() {
        assert_eq!(
            fitted_range([3900.0, 5800.0].into_iter()),
            Some((3600.0, 6000.0))
        );
        assert_eq!(fitted_range([0.5, 0.9].into_iter()), Some((0.45, 0.95)));
        assert_eq!(fitted_range([5.0].into_iter()), Some((4.0, 6.0)));
        assert_eq!(fitted_range([].into_iter()), None);
        assert_eq!(fitted_range([1.0, 100.0].into_iter()), Some((0.0, 110.0)));
    }
}
