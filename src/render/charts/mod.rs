//! Charts: ECharts options built with charming, serialised to JSON that is safe to embed in HTML.
//!
//! A chart reaches the page as `<script type="application/json">` (never executed) and a theme
//! script hands it to the vendored ECharts. Each chart also carries its data as a plain table for
//! print and screen readers.
//!
//! Every chart builder is a pure function of plain data: the page title stays outside the canvas,
//! missing figures are JSON `null` (a gap, never 0), and each chart stays readable in greyscale
//! print through line dashes, marker shapes, bar patterns (decals) or value labels.

mod benchmark;
pub mod colours;
mod domains;
mod ink;
/// Colour arithmetic (WCAG 2 contrast), shared with the check of a brand colour.
pub use ink::{contrast, linear, parse_hex};
mod plan;
mod plane;
mod profile;
mod systems;

pub use benchmark::{PeerBand, PeerDistributionLabels, peer_distribution};
pub use domains::{ProfileTexts, RadarSeries, domain_profile, domain_radar};
pub use plan::{
    CategoryCount, CountSeries, RoadmapAction, RoadmapLabels, direction_split, roadmap,
    status_by_part,
};
pub use plane::{CostQualityPoint, Quadrants, QualityCostFrame, quality_cost_scatter};
pub use profile::{
    DimensionBar, DimensionBarLabels, DimensionGroup, HeatmapRow, dimension_bars, heatmap,
};
pub use systems::{
    CoverageBar, LevelChange, QmsLevel, QmsLevelLabels, coverage_by_group, qms_levels,
};

use charming::Chart;
use charming::component::{Axis, Legend, Title};
use charming::datatype::CompositeValue;
use charming::element::{AxisType, LineStyle, LineStyleType, Symbol, Tooltip, Trigger};
use charming::series::Line;
use serde::Serialize;

use crate::render::format::Formats;
use crate::render::strings::Strings;

/// A chart ready for a template.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    /// The same option as ECharts reads it (not escaped), for drawing it at build time
    /// (see [`crate::render::svg`]); templates embed [`ChartView::json`] instead.
    #[serde(skip)]
    pub option: String,
    /// The same data as a table.
    pub table: DataTable,
    /// Canvas height in CSS pixels this chart needs to stay legible (one row per dimension or
    /// action); `None` when the theme's default height suits it.
    pub height_px: Option<u32>,
    /// Drawn across the whole page column ([`crate::render::svg::FULL`] pixels wide) rather than
    /// in a column of a grid: for a chart whose labels need the room (the quality/cost plane).
    pub full_width: bool,
    /// A remark shown under the chart, such as which values are not rated and so not drawn;
    /// empty when there is none.
    pub note: String,
    /// When not empty, there is nothing to draw: templates show this explanation of what to fill
    /// in (and where) instead of the chart, and `json` and `table` are empty.
    pub empty: String,
    /// The chart drawn at build time, when the build draws charts (`check` does not).
    pub drawing: Option<Drawing>,
}

/// A chart drawn at build time as SVG, in two widths: pages show the wide drawing in a column of
/// at least [`NARROW_MAX_WIDTH`] pixels and the narrow one below (phones, narrow grid cells), so
/// text is never scaled down to an unreadable size. Both are checked markup holding only drawing
/// (see [`crate::render::svg::markup`]) with ids unique on the page: templates insert them as they
/// are (`| safe`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Drawing {
    /// SVG drawn [`crate::render::svg::WIDE`] pixels wide.
    pub wide: String,
    /// SVG drawn [`crate::render::svg::NARROW`] pixels wide (ECharts applies the chart's narrow
    /// `media` rules at this width).
    pub narrow: String,
}

impl ChartView {
    /// A chart with nothing to draw: its title and what to fill in to get it.
    pub fn explained(id: &str, title: &str, explanation: String) -> ChartView {
        ChartView {
            id: id.to_owned(),
            title: title.to_owned(),
            caption: String::new(),
            aria_label: title.to_owned(),
            json: String::new(),
            option: String::new(),
            table: DataTable::default(),
            height_px: None,
            full_width: false,
            note: String::new(),
            empty: explanation,
            drawing: None,
        }
    }

    /// Adds a remark under the chart.
    pub fn with_note(mut self, note: String) -> ChartView {
        self.note = note;
        self
    }
}

/// Tabular form of a chart's data.
#[derive(Debug, Clone, Serialize, Default, schemars::JsonSchema)]
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

/// Serialises a chart as ECharts reads it, its texts given readable colours.
pub fn option_json(chart: &Chart) -> String {
    embed_with(chart, serde_json::json!({}))
}

/// Serialises a chart, deep-merges `extra` into it and gives its texts readable colours (see
/// [`ink::set_text_colours`]); not yet escaped for embedding.
///
/// `extra` carries the ECharts options charming has no setter for (per-item symbols, decals,
/// axis label overflow…), written as a partial option object: objects merge key by key, arrays
/// merge element by element (so `{"series": [{}, {"z": 5}]}` touches only the second series), an
/// empty object changes nothing and anything else replaces what is there.
fn embed_with(chart: &Chart, extra: serde_json::Value) -> String {
    // Serialising plain data structures cannot fail; an empty object keeps the page usable.
    let mut option = serde_json::to_value(chart).unwrap_or_else(|_| serde_json::json!({}));
    merge(&mut option, extra);
    ink::set_text_colours(&mut option);
    serde_json::to_string(&option).unwrap_or_else(|_| "{}".to_owned())
}

fn merge(base: &mut serde_json::Value, extra: serde_json::Value) {
    use serde_json::Value;
    match (base, extra) {
        (_, Value::Object(e)) if e.is_empty() => {}
        (Value::Object(b), Value::Object(e)) => {
            for (k, v) in e {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (Value::Array(b), Value::Array(e)) => {
            for (i, v) in e.into_iter().enumerate() {
                match b.get_mut(i) {
                    Some(slot) => merge(slot, v),
                    None => b.push(v),
                }
            }
        }
        (b, e) => *b = e,
    }
}

/// Options every new chart shares: the accessible description ECharts puts on the canvas (the
/// same text as [`ChartView::aria_label`], instead of its own English summary). No decal
/// patterns: a pattern that means nothing only makes bars busy; the colours of a set differ in
/// lightness and every segment carries its value (docs/design.md).
fn aria(aria_label: &str) -> serde_json::Value {
    serde_json::json!({
        "aria": {
            "enabled": true,
            "label": { "description": aria_label },
            "decal": { "show": false },
        }
    })
}

/// The chart every new builder starts from: no title inside the canvas, and ink for any series
/// not given its meaning's colour (see [`colours`]), so that no colour appears by accident.
fn base_chart() -> Chart {
    Chart::new()
        .color(vec![charming::element::Color::from(INK)])
        .title(Title::new().show(false))
}

/// Neutral ink for markers drawn over coloured bars (previous value, median, target "keep").
const INK: &str = "#262626";

/// Canvases narrower than this get the [`narrow`] variant of an option (phones, print columns).
pub const NARROW_MAX_WIDTH: u32 = 600;

/// Vertical room a bottom legend takes on a canvas `width` pixels wide: its entries are laid
/// out in lines, each entry an icon plus its text at roughly 7 px a character.
fn legend_height<S: AsRef<str>>(names: &[S], width: f64) -> f64 {
    let mut lines = 1.0;
    let mut used = 0.0;
    for n in names {
        let w = 40.0 + 7.0 * n.as_ref().chars().count() as f64;
        if used > 0.0 && used + w > width {
            lines += 1.0;
            used = 0.0;
        }
        used += w;
    }
    8.0 + 22.0 * lines
}

/// Room under the grid for a bottom legend plus `extra` (e.g. an axis name): `.0` for canvases
/// of at least [`NARROW_MAX_WIDTH`] pixels, `.1` for narrower ones (see [`narrow`]).
fn legend_room<S: AsRef<str>>(names: &[S], extra: f64) -> (f64, f64) {
    (
        extra + legend_height(names, f64::from(NARROW_MAX_WIDTH)),
        extra + legend_height(names, 320.0),
    )
}

/// An ECharts `media` rule applying `option` on narrow canvases; ECharts re-evaluates it when
/// the page resizes the chart.
fn narrow(option: serde_json::Value) -> serde_json::Value {
    serde_json::json!([{ "query": { "maxWidth": NARROW_MAX_WIDTH }, "option": option }])
}

/// Assembles a view; the accessible label is the title followed by the caption, and `build`
/// returns the option JSON (see [`embed_with`]).
fn view(
    id: &str,
    title: &str,
    caption: String,
    build: impl FnOnce(&str) -> String,
    table: DataTable,
    height_px: Option<u32>,
) -> ChartView {
    let aria_label = format!("{title}. {caption}");
    let option = build(&aria_label);
    ChartView {
        id: id.to_owned(),
        title: title.to_owned(),
        json: escape_json_for_html(&option),
        option,
        caption,
        aria_label,
        table,
        height_px,
        full_width: false,
        note: String::new(),
        empty: String::new(),
        drawing: None,
    }
}

/// An axis label cut to `max` characters with an ellipsis (the tooltip and table keep the whole
/// text). Cutting here rather than in ECharts keeps the grid's room for labels exact.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Height for a chart with one band per row, with room for axes and legend.
fn rows_height(rows: usize, per_row: u32, chrome: u32) -> u32 {
    let rows = u32::try_from(rows).unwrap_or(u32::MAX / 2);
    rows.saturating_mul(per_row).saturating_add(chrome)
}

/// A count as a bar value: labelled, except zero, whose label would sit on an invisible segment.
fn count_item(count: u32) -> serde_json::Value {
    if count == 0 {
        serde_json::json!({ "value": 0, "label": { "show": false } })
    } else {
        serde_json::json!(count)
    }
}

/// Rounds for display in charts (one decimal).
pub fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// How a chart writes its figures as text (data tables, labels, descriptions): in the notation of
/// the site's language, and with the page's words for a missing value.
#[derive(Debug, Clone, Copy)]
pub struct Cells<'a> {
    /// The language's notation.
    pub formats: &'static Formats,
    /// The text for a missing value.
    pub missing: &'a str,
}

impl<'a> Cells<'a> {
    /// The cells of a language's strings, with `missing` for a missing value.
    pub fn new(t: &Strings, missing: &'a str) -> Cells<'a> {
        Cells {
            formats: t.formats(),
            missing,
        }
    }

    /// English cells, for charts read in English whatever the site's language, and for tests.
    pub fn english(missing: &'a str) -> Cells<'a> {
        Cells {
            formats: Formats::english(),
            missing,
        }
    }

    /// A figure with one decimal, or the missing text.
    pub fn one(&self, v: Option<f64>) -> String {
        v.map_or_else(|| self.missing.to_owned(), |v| self.formats.one_decimal(v))
    }

    /// A figure with `decimals` decimals, or the missing text.
    pub fn with(&self, v: Option<f64>, decimals: usize) -> String {
        v.map_or_else(
            || self.missing.to_owned(),
            |v| self.formats.number(v, decimals),
        )
    }
}

/// Line styles that stay distinguishable in greyscale print.
const DASHES: [LineStyleType; 3] = [
    LineStyleType::Solid,
    LineStyleType::Dashed,
    LineStyleType::Dotted,
];
/// One line of the trend chart.
pub struct TrendLine {
    /// Legend name.
    pub name: String,
    /// Value per assessment.
    pub values: Vec<Option<f64>>,
    /// Drawn bold (the index).
    pub emphasis: bool,
    /// What the line stands for, as a colour of [`colours`].
    pub colour: &'static str,
}

/// Index trend across assessments, with one thinner line per domain.
pub fn trend(
    id: &str,
    title: &str,
    caption: &str,
    labels: &[String],
    max: f64,
    lines: &[TrendLine],
    not_rated: Cells,
) -> ChartView {
    let mut chart = Chart::new()
        .color(
            lines
                .iter()
                .map(|l| charming::element::Color::from(l.colour))
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
    // The legend gets room of its own below the years, more on narrow canvases, where its
    // entries take more lines.
    let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    let (bottom, narrow_bottom) = legend_room(&names, 24.0);
    let chart = chart.title(Title::new().show(false)).grid(
        charming::component::Grid::new()
            .left(8)
            .right(24)
            .top(16)
            .bottom(bottom)
            .contain_label(true),
    );
    let mut columns = vec![String::new()];
    columns.extend(labels.iter().cloned());
    let rows = lines
        .iter()
        .map(|l| {
            let mut row = vec![l.name.clone()];
            row.extend(l.values.iter().map(|v| not_rated.one(*v)));
            row
        })
        .collect();
    let option = embed_with(
        &chart,
        serde_json::json!({ "media": narrow(serde_json::json!({ "grid": { "bottom": narrow_bottom } })) }),
    );
    ChartView {
        id: id.to_owned(),
        title: title.to_owned(),
        caption: caption.to_owned(),
        aria_label: format!("{title}. {caption}"),
        json: escape_json_for_html(&option),
        option,
        table: DataTable { columns, rows },
        height_px: None,
        full_width: false,
        note: String::new(),
        empty: String::new(),
        drawing: None,
    }
}

/// Test helpers shared by the chart modules.
#[cfg(test)]
pub(crate) mod testing {
    use super::ChartView;

    /// A label that would end or confuse a `<script>` element if it were not escaped.
    pub const HOSTILE: &str = "</script><!-- a & b";

    /// Checks that the view's JSON is safe to embed and valid, and returns it parsed.
    pub fn parse(view: &ChartView) -> serde_json::Value {
        for bad in ["<", ">", "&", "\u{2028}"] {
            assert!(!view.json.contains(bad), "{bad} in {}", view.json);
        }
        let option: serde_json::Value = serde_json::from_str(&view.json).expect("valid JSON");
        let raw: serde_json::Value = serde_json::from_str(&view.option).expect("valid JSON");
        assert_eq!(raw, option, "the raw option differs from the embedded one");
        option
    }

    /// The `type` of each series.
    pub fn series_types(option: &serde_json::Value) -> Vec<String> {
        option["series"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|s| s["type"].as_str().unwrap_or("?").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_adds_fields_by_index_and_leaves_empty_objects_alone() {
        let mut base = serde_json::json!({
            "series": [{ "type": "bar", "data": [1, 2] }, { "type": "line" }],
            "legend": { "bottom": 0 },
        });
        merge(
            &mut base,
            serde_json::json!({
                "series": [{}, { "symbol": "rect" }, { "type": "scatter" }],
                "legend": { "top": 4 },
                "aria": { "enabled": true },
            }),
        );
        assert_eq!(
            base["series"][0],
            serde_json::json!({ "type": "bar", "data": [1, 2] })
        );
        assert_eq!(base["series"][1]["symbol"], "rect");
        assert_eq!(base["series"][2]["type"], "scatter");
        assert_eq!(base["legend"], serde_json::json!({ "bottom": 0, "top": 4 }));
        assert_eq!(base["aria"]["enabled"], true);
    }

    #[test]
    fn shortened_labels_keep_short_text_and_cut_long_text_with_an_ellipsis() {
        assert_eq!(shorten("D1.1 Availability", 30), "D1.1 Availability");
        assert_eq!(shorten("Ünïcödé wörds here", 8), "Ünïcödé…");
        assert_eq!(shorten("abc def", 5), "abc…");
    }

    #[test]
    fn legends_get_more_room_on_narrow_canvases() {
        let names = [
            "Service delivery",
            "Governance",
            "Security",
            "People",
            "Cost",
        ];
        let (wide, narrow) = legend_room(&names, 0.0);
        assert!(narrow > wide, "{narrow} > {wide}");
        assert_eq!(legend_height(&["One"], 600.0), 30.0);
    }

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
                colour: crate::render::charts::colours::OURS,
            }],
            Cells::english("n/a"),
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
                colour: crate::render::charts::colours::INDEX,
            }],
            Cells::english("not rated"),
        );
        let v: serde_json::Value = serde_json::from_str(&t.json).expect("valid JSON");
        assert_eq!(v["series"][0]["data"][0], serde_json::Value::Null);
        assert_eq!(v["series"][0]["data"][1], 42.0);
        assert_eq!(t.table.rows[0], vec!["Index", "not rated", "42.0"]);
    }
}
