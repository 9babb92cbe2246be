//! Charts: ECharts options built with charming, serialised to JSON that is safe to embed in HTML.
//!
//! A chart reaches the page as `<script type="application/json">` (never executed) and a theme
//! script hands it to the vendored ECharts. Each chart also carries its data as a plain table for
//! print and screen readers.

use charming::Chart;
use charming::component::{Axis, Legend, RadarCoordinate, Title};
use charming::datatype::{CompositeValue, DataPointItem};
use charming::element::{AxisType, LineStyle, LineStyleType, Symbol, Tooltip, Trigger};
use charming::series::{Line, Radar};
use serde::Serialize;

/// A chart ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// Element id, unique within the page.
    pub id: String,
    /// Title shown above the chart.
    pub title: String,
    /// One line saying what to read from it.
    pub caption: String,
    /// Accessible description of the chart container.
    pub aria_label: String,
    /// The option JSON, escaped for embedding (see [`escape_json_for_html`]).
    pub json: String,
    /// The same data as a table.
    pub table: DataTable,
}

/// Tabular form of a chart's data.
#[derive(Debug, Clone, Serialize, Default)]
pub struct DataTable {
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows of cells, already formatted.
    pub rows: Vec<Vec<String>>,
}

/// Makes JSON safe inside a `<script>` element: `<`, `>`, `&` and the JavaScript line separators
/// U+2028/U+2029 become `\uXXXX` escapes, which only ever occur inside JSON strings, so the data
/// is unchanged while `</script>` or `<!--` in a label can no longer end or confuse the element.
pub fn escape_json_for_html(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Serialises a chart and escapes it for embedding.
pub fn to_embedded_json(chart: &Chart) -> String {
    // Serialising plain data structures cannot fail; an empty object keeps the page usable.
    let json = serde_json::to_string(chart).unwrap_or_else(|_| "{}".to_owned());
    escape_json_for_html(&json)
}

/// Rounds for display in charts (one decimal).
pub fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Formats an optional figure for a data table.
pub fn cell(v: Option<f64>, not_rated: &str) -> String {
    v.map_or_else(|| not_rated.to_owned(), |v| format!("{:.1}", round1(v)))
}

/// Line styles that stay distinguishable in greyscale print.
const DASHES: [LineStyleType; 3] = [
    LineStyleType::Solid,
    LineStyleType::Dashed,
    LineStyleType::Dotted,
];
/// Palette with enough contrast between neighbours, also in greyscale.
pub const PALETTE: [&str; 8] = [
    "#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5", "#bf9000",
];

/// One series of the domain radar.
pub struct RadarSeries {
    /// Legend name.
    pub name: String,
    /// Value per domain.
    pub values: Vec<Option<f64>>,
}

/// Domain radar: several series (latest, previous, peer median) over the framework's domains.
pub fn domain_radar(
    id: &str,
    title: &str,
    caption: &str,
    domains: &[String],
    max: f64,
    series: &[RadarSeries],
    not_rated: &str,
) -> ChartView {
    let indicators: Vec<(&str, f64, f64)> =
        domains.iter().map(|d| (d.as_str(), 0.0, max)).collect();
    let mut radar = Radar::new().name(title);
    let mut data = Vec::new();
    for s in series {
        let values: Vec<CompositeValue> = s.values.iter().map(|v| v.map(round1).into()).collect();
        data.push(DataPointItem::new(values).name(s.name.clone()));
    }
    radar = radar.data(
        data.into_iter()
            .map(charming::datatype::DataPoint::from)
            .collect::<Vec<_>>(),
    );
    let chart = Chart::new()
        .color(
            PALETTE
                .iter()
                .map(|c| charming::element::Color::from(*c))
                .collect::<Vec<_>>(),
        )
        .legend(Legend::new().bottom(0))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .radar(RadarCoordinate::new().indicator(indicators).radius("62%"))
        .series(radar);
    let mut columns = vec![String::new()];
    columns.extend(series.iter().map(|s| s.name.clone()));
    let rows = domains
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut row = vec![d.clone()];
            row.extend(
                series
                    .iter()
                    .map(|s| cell(s.values.get(i).copied().flatten(), not_rated)),
            );
            row
        })
        .collect();
    ChartView {
        id: id.to_owned(),
        title: title.to_owned(),
        caption: caption.to_owned(),
        aria_label: format!("{title}. {caption}"),
        json: to_embedded_json(&chart),
        table: DataTable { columns, rows },
    }
}

/// One line of the trend chart.
pub struct TrendLine {
    /// Legend name.
    pub name: String,
    /// Value per assessment.
    pub values: Vec<Option<f64>>,
    /// Drawn bold (the index).
    pub emphasis: bool,
}

/// Index trend across assessments, with one thinner line per domain.
pub fn trend(
    id: &str,
    title: &str,
    caption: &str,
    labels: &[String],
    max: f64,
    lines: &[TrendLine],
    not_rated: &str,
) -> ChartView {
    let mut chart = Chart::new()
        .color(
            PALETTE
                .iter()
                .map(|c| charming::element::Color::from(*c))
                .collect::<Vec<_>>(),
        )
        .legend(Legend::new().bottom(0))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels.to_vec()))
        .y_axis(Axis::new().type_(AxisType::Value).min(0).max(max));
    for (i, l) in lines.iter().enumerate() {
        let values: Vec<CompositeValue> = l.values.iter().map(|v| v.map(round1).into()).collect();
        let style = LineStyle::new()
            .width(if l.emphasis { 4.0 } else { 1.5 })
            .type_(DASHES[i % DASHES.len()]);
        chart = chart.series(
            Line::new()
                .name(l.name.clone())
                .symbol(if l.emphasis {
                    Symbol::Circle
                } else {
                    Symbol::Rect
                })
                .symbol_size(if l.emphasis { 10.0 } else { 6.0 })
                .line_style(style)
                .data(values),
        );
    }
    let mut columns = vec![String::new()];
    columns.extend(labels.iter().cloned());
    let rows = lines
        .iter()
        .map(|l| {
            let mut row = vec![l.name.clone()];
            row.extend(l.values.iter().map(|v| cell(*v, not_rated)));
            row
        })
        .collect();
    ChartView {
        id: id.to_owned(),
        title: title.to_owned(),
        caption: caption.to_owned(),
        aria_label: format!("{title}. {caption}"),
        json: to_embedded_json(&chart.title(Title::new().show(false))),
        table: DataTable { columns, rows },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_the_script_element() {
        let radar = domain_radar(
            "r",
            "</script><script>alert(1)</script>",
            "a & b <!-- c \u{2028}",
            &["</SCRIPT>".to_owned()],
            100.0,
            &[RadarSeries {
                name: "x".into(),
                values: vec![Some(1.0)],
            }],
            "n/a",
        );
        for bad in ["<", ">", "&", "\u{2028}"] {
            assert!(!radar.json.contains(bad), "{bad} in {}", radar.json);
        }
        // Unescaping gives back the original text: the data is unchanged.
        let v: serde_json::Value = serde_json::from_str(&radar.json).expect("valid JSON");
        assert_eq!(v["series"][0]["name"], "</script><script>alert(1)</script>");
        assert_eq!(v["radar"][0]["indicator"][0]["name"], "</SCRIPT>");
    }

    #[test]
    fn trend_keeps_missing_values_as_gaps_and_tables_say_so() {
        let t = trend(
            "t",
            "Index",
            "c",
            &["2020".into(), "2023".into()],
            100.0,
            &[TrendLine {
                name: "Index".into(),
                values: vec![None, Some(42.04)],
                emphasis: true,
            }],
            "not rated",
        );
        let v: serde_json::Value = serde_json::from_str(&t.json).expect("valid JSON");
        assert_eq!(v["series"][0]["data"][0], serde_json::Value::Null);
        assert_eq!(v["series"][0]["data"][1], 42.0);
        assert_eq!(t.table.rows[0], vec!["Index", "not rated", "42.0"]);
    }
}
