//! Benchmark charts: where we sit in the peers' spread (the quality/cost plane is in
//! [`super::plane`]), and the scales and axis labels both share.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::{Bar, Scatter};
use serde_json::{Value, json};

use super::colours::{OURS, PEERS};
use super::{
    Cells, ChartView, DataTable, INK, aria, base_chart, embed_with, legend_room, narrow,
    rows_height, view,
};

/// Formats money-like figures (cost per user) without decimals, thousands grouped.
pub(super) fn whole(v: Option<f64>, missing: Cells) -> String {
    v.map_or_else(
        || missing.missing.to_owned(),
        |v| missing.formats.grouped(v, 0),
    )
}

/// A scale around `values` with some room on both sides, rounded to a step of 1, 2 or 5 × 10ⁿ so
/// the band does not start at the edge of the chart; it stays at or above zero for positive data.
pub(super) fn fitted_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
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

/// The labels of a value axis. ECharts writes a tick's figure with a comma between thousands
/// and a point before decimals whatever the page's language, which a reader who writes a decimal
/// comma misreads (3,000 for three); for such a language the labels carry its separators under
/// `qmsiteNumber`, which the drawing glue (`src/render/svg/engine.rs`) and the page's script
/// (`qmsite.js`) turn into a formatter. Labels that would overlap on a crowded axis (`crowded`)
/// are left out rather than drawn over one another.
pub(super) fn value_labels(cells: Cells, crowded: bool) -> Value {
    let mut labels = json!({ "hideOverlap": crowded });
    let sample = cells.formats.grouped(10_000.5, 1);
    if sample != "10,000.5" {
        let mut signs = sample.chars().filter(|c| !c.is_ascii_digit());
        if let (Some(group), Some(decimal)) = (signs.next(), signs.next()) {
            labels["qmsiteNumber"] =
                json!({ "group": group.to_string(), "decimal": decimal.to_string() });
        }
    }
    labels
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
    /// Decimals shown (1 for ratings and shares, 0 for money).
    pub decimals: usize,
    /// Thousands grouped whatever the figure's size, as money is written.
    pub grouped: bool,
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
    let fmt = |v: Option<f64>| match v {
        Some(v) if labels.grouped => missing.formats.grouped(v, decimals),
        _ => missing.with(v, decimals),
    };
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
            "itemStyle": { "color": PEERS, "opacity": 0.4 },
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
            "itemStyle": { "color": OURS, "borderColor": INK, "borderWidth": 1 },
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
            patch["xAxis"] = json!({ "axisLabel": value_labels(missing, labels.range.is_none()) });
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
            grouped: decimals == 0,
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
            ["Cost per user", "3,900", "4,950", "5,800", "4,650"]
        );
    }

    #[test]
    fn axis_figures_cannot_be_misread_in_a_language_with_a_decimal_comma() {
        let cs = Cells {
            formats: crate::render::format::Formats::of("cs"),
            missing: "-",
        };
        assert_eq!(
            value_labels(cs, true),
            serde_json::json!({ "hideOverlap": true,
                "qmsiteNumber": { "group": "\u{a0}", "decimal": "," } })
        );
        assert_eq!(
            value_labels(Cells::english("-"), false),
            serde_json::json!({ "hideOverlap": false })
        );
        let figures = [PeerBand {
            name: "Share".into(),
            q1: Some(3.3),
            median: Some(3.7),
            q3: Some(4.1),
            ours: Some(3.66),
        }];
        let v = peer_distribution("p", "t", "c", &figures, &labels(None, 1, false), cs);
        let o = parse(&v);
        assert_eq!(o["xAxis"]["axisLabel"]["qmsiteNumber"]["decimal"], ",");
        assert_eq!(v.table.rows[0], ["Share", "3,3", "3,7", "4,1", "3,7"]);
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
