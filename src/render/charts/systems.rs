//! Management system charts: ISO/IEC 20000-1 coverage and the IT QMS component levels.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisLabel, AxisType, Tooltip, Trigger};
use charming::series::{Bar, Scatter};
use serde_json::{Value, json};

use super::plan::{count_table, stacked_counts};
use super::{
    ChartView, CountSeries, DataTable, aria, base_chart, colours, embed_with, legend_room, narrow,
    rows_height, shorten, view,
};

/// Colours of the coverage states in display order: conforming, defined, initial, not
/// addressed, partly assessed, not assessed.
const LEVEL_COLOURS: [&str; 6] = super::colours::COVERAGE;

/// One bar of the coverage chart: a top-level clause, or a section of one drawn beneath it.
#[derive(Debug, Clone)]
pub struct CoverageBar {
    /// Number and title, e.g. "8.2 Service portfolio".
    pub label: String,
    /// A section of the top-level clause above it (its label is indented and not bold).
    pub section: bool,
}

/// ISO/IEC 20000-1 coverage by top-level clause (4 … 10, with the sections of clause 8 beneath
/// it): one horizontal bar per entry of `bars`, stacked by state, each segment labelled with its
/// number of clauses. Top-level clauses are labelled in bold, sections in plain text, so the
/// grouping reads without lines between them.
///
/// `levels` come in the order conforming, defined, initial, not addressed, partly assessed, not
/// assessed, each with one count per entry of `bars`.
pub fn coverage_by_group(
    id: &str,
    title: &str,
    caption: &str,
    bars: &[CoverageBar],
    levels: &[CountSeries],
) -> ChartView {
    let names: Vec<&str> = levels.iter().map(|s| s.name.as_str()).collect();
    let (bottom, narrow_bottom) = legend_room(&names, 0.0);
    let colours: Vec<&str> = (0..levels.len())
        .map(|i| LEVEL_COLOURS[i % LEVEL_COLOURS.len()])
        .collect();
    let labels: Vec<String> = bars.iter().map(|b| shorten(&b.label, 30)).collect();
    let chart = stacked_counts(levels, true, &colours)
        .grid(
            Grid::new()
                .left(8)
                // Room for half of the last axis label ("100 %"), centred on the grid's edge.
                .right(24)
                .top(8)
                .bottom(bottom)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .max(100)
                .axis_label(AxisLabel::new().formatter("{value} %")),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels.clone())
                .axis_label(AxisLabel::new().interval(0)),
        );
    let styled: Vec<Value> = bars
        .iter()
        .zip(labels)
        .map(|(b, label)| {
            let weight = if b.section { "normal" } else { "bold" };
            json!({ "value": label, "textStyle": { "fontWeight": weight } })
        })
        .collect();
    // In the table an em space (which HTML does not collapse) indents each section.
    let rows: Vec<String> = bars
        .iter()
        .map(|b| {
            if b.section {
                format!("\u{2003}{}", b.label)
            } else {
                b.label.clone()
            }
        })
        .collect();
    let patch = share_patch(bars.len(), levels);
    let (columns, rows) = count_table(&rows, levels);
    view(
        id,
        title,
        caption.to_owned(),
        |aria_label| {
            let mut p = aria(aria_label);
            p["series"] = patch;
            p["yAxis"] = json!({ "data": styled });
            p["media"] = narrow(json!({ "grid": { "bottom": narrow_bottom } }));
            embed_with(&chart, p)
        },
        DataTable { columns, rows },
        Some(rows_height(bars.len(), 32, 90)),
    )
}

/// Each bar's segments as shares of the bar (so that clause 8, with most checklist clauses,
/// does not dwarf the rest), labelled with their number of clauses; empty segments unlabelled.
fn share_patch(bars: usize, levels: &[CountSeries]) -> Value {
    let count = |s: &CountSeries, i: usize| s.counts.get(i).copied().unwrap_or(0);
    let totals: Vec<u32> = (0..bars)
        .map(|i| levels.iter().map(|s| count(s, i)).sum())
        .collect();
    Value::Array(
        levels
            .iter()
            .map(|s| {
                let data: Vec<Value> = totals
                    .iter()
                    .enumerate()
                    .map(|(i, &total)| match count(s, i) {
                        0 => json!({ "value": 0, "label": { "show": false } }),
                        n => json!({
                            "value": super::round1(100.0 * f64::from(n) / f64::from(total)),
                            "label": { "formatter": n.to_string() },
                        }),
                    })
                    .collect();
                json!({ "data": data, "labelLayout": { "hideOverlap": true } })
            })
            .collect(),
    )
}

/// Which way a QMS component's level is meant to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelChange {
    /// Improve the level (target marker: triangle pointing up).
    Raise,
    /// Hold the level (target marker: square).
    Keep,
    /// Deliberately lower it (target marker: triangle pointing down).
    Lower,
}

impl LevelChange {
    const ALL: [LevelChange; 3] = [LevelChange::Raise, LevelChange::Keep, LevelChange::Lower];

    /// Marker symbol and colour. The downward triangle is drawn as a path rather than a rotated
    /// "triangle", because ECharts does not rotate a scatter series' legend icon.
    fn marker(self) -> (&'static str, &'static str) {
        match self {
            LevelChange::Raise => ("triangle", colours::DIRECTIONS[0]),
            LevelChange::Keep => ("rect", colours::DIRECTIONS[1]),
            LevelChange::Lower => ("path://M0,0L10,0L5,9Z", colours::DIRECTIONS[2]),
        }
    }
}

/// One IT QMS component.
#[derive(Debug, Clone)]
pub struct QmsLevel {
    /// Id, written before the name on the axis, in the tooltip and in the table.
    pub id: String,
    /// Name.
    pub name: String,
    /// Current level (0–5); `None` when not yet rated.
    pub current: Option<i64>,
    /// Target level (0–5); `None` when not set.
    pub target: Option<i64>,
    /// Raise, keep or lower.
    pub change: LevelChange,
}

/// Texts of the QMS level chart.
#[derive(Debug, Clone)]
pub struct QmsLevelLabels {
    /// Table heading of the component column.
    pub component: String,
    /// "Current level": legend name of the bars, table heading.
    pub current: String,
    /// "Target level": table heading and start of the marker legend names.
    pub target: String,
    /// Table heading of the direction column.
    pub direction: String,
    /// The word for [`LevelChange::Raise`].
    pub raise: String,
    /// The word for [`LevelChange::Keep`].
    pub keep: String,
    /// The word for [`LevelChange::Lower`].
    pub lower: String,
}

impl QmsLevelLabels {
    fn word(&self, change: LevelChange) -> &str {
        match change {
            LevelChange::Raise => &self.raise,
            LevelChange::Keep => &self.keep,
            LevelChange::Lower => &self.lower,
        }
    }
}

/// Current against target level per QMS component (0..5), one row per component named in full
/// (wrapped, never cut): the current level as a bar, the target as a marker whose shape gives
/// the direction (▲ raise, ■ keep, ▼ lower), named in the legend, the tooltip and the table.
///
/// Long because one ECharts option written out as one expression, which reads like the chart it
/// draws.
pub fn qms_levels(
    id: &str,
    title: &str,
    caption: &str,
    components: &[QmsLevel],
    labels: &QmsLevelLabels,
    missing: &str,
) -> ChartView {
    let level = |v: Option<i64>| v.map_or_else(|| missing.to_owned(), |v| v.to_string());
    let full_name = |c: &QmsLevel| format!("{} {}", c.id, c.name);
    let describe = |c: &QmsLevel| {
        format!(
            "{} · {} {} · {} {} · {}",
            full_name(c),
            labels.current,
            level(c.current),
            labels.target,
            level(c.target),
            labels.word(c.change)
        )
    };
    let current: Vec<Value> = components
        .iter()
        .map(|c| match c.current {
            Some(v) => json!({ "value": v, "name": describe(c) }),
            None => Value::Null,
        })
        .collect();
    let changes: Vec<LevelChange> = LevelChange::ALL
        .into_iter()
        .filter(|ch| components.iter().any(|c| c.change == *ch))
        .collect();
    let target_name = |ch: LevelChange| format!("{} · {}", labels.target, labels.word(ch));

    let mut legend = vec![labels.current.clone()];
    legend.extend(changes.iter().map(|ch| target_name(*ch)));
    let (bottom, narrow_bottom) = legend_room(&legend, 0.0);
    let mut chart = base_chart()
        .legend(Legend::new().bottom(0))
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(8)
                .bottom(bottom)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Value).min(0).max(5).interval(1))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(components.iter().map(full_name).collect())
                .axis_label(AxisLabel::new().interval(0)),
        )
        .series(Bar::new().name(labels.current.clone()).bar_width("50%"));
    let mut series_patch = vec![json!({
        "data": current,
        "itemStyle": { "color": colours::OURS },
    })];
    for ch in &changes {
        let (symbol, colour) = ch.marker();
        chart = chart.series(Scatter::new().name(target_name(*ch)));
        // Each marker at [level, row]: the rows are the category axis, read by index.
        let data: Vec<Value> = components
            .iter()
            .enumerate()
            .map(|(row, c)| match c.target {
                Some(t) if c.change == *ch => json!({ "value": [t, row], "name": describe(c) }),
                _ => Value::Null,
            })
            .collect();
        series_patch.push(json!({
            "data": data,
            "z": 5,
            "symbol": symbol,
            "symbolSize": 16,
            "itemStyle": { "color": colour, "borderColor": "#ffffff", "borderWidth": 1.5 },
        }));
    }

    let columns = vec![
        labels.component.clone(),
        labels.current.clone(),
        labels.target.clone(),
        labels.direction.clone(),
    ];
    let rows = components
        .iter()
        .map(|c| {
            vec![
                full_name(c),
                level(c.current),
                level(c.target),
                labels.word(c.change).to_owned(),
            ]
        })
        .collect();
    view(
        id,
        title,
        caption.to_owned(),
        |aria_label| {
            let mut patch = aria(aria_label);
            patch["series"] = Value::Array(series_patch);
            // Names wrap within a column of their own, narrower on a phone, so none is cut.
            patch["yAxis"] = json!({ "axisLabel": { "width": NAME_WIDTH, "overflow": "break" } });
            patch["media"] = narrow(json!({
                "grid": { "bottom": narrow_bottom },
                "yAxis": { "axisLabel": { "width": NARROW_NAME_WIDTH, "fontSize": 11 } },
            }));
            embed_with(&chart, patch)
        },
        DataTable { columns, rows },
        Some(rows_height(components.len(), ROW_HEIGHT, 70)),
    )
}

/// Width in pixels a component's name may take before it wraps, on a wide canvas.
const NAME_WIDTH: u32 = 240;
/// The same on a narrow canvas (a phone), where the bars need the rest of the width.
const NARROW_NAME_WIDTH: u32 = 130;
/// Height of one component's row: room for a name wrapped over three lines on a phone.
const ROW_HEIGHT: u32 = 44;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::testing::{HOSTILE, parse, series_types};

    #[test]
    fn coverage_stacks_levels_over_horizontal_clause_groups_and_sections() {
        let bars = [
            CoverageBar {
                label: "8 Operation".to_owned(),
                section: false,
            },
            CoverageBar {
                label: HOSTILE.to_owned(),
                section: true,
            },
        ];
        let levels = [
            CountSeries {
                name: "Conforming".into(),
                counts: vec![2, 0],
            },
            CountSeries {
                name: "Not assessed".into(),
                counts: vec![1, 4],
            },
        ];
        let v = coverage_by_group("c", "t", "c", &bars, &levels);
        let o = parse(&v);
        assert_eq!(series_types(&o), ["bar", "bar"]);
        assert_eq!(o["yAxis"]["type"], "category");
        assert_eq!(o["yAxis"]["data"][0]["value"], "8 Operation");
        assert_eq!(o["yAxis"]["data"][0]["textStyle"]["fontWeight"], "bold");
        assert_eq!(o["yAxis"]["data"][1]["value"], HOSTILE);
        assert_eq!(o["yAxis"]["data"][1]["textStyle"]["fontWeight"], "normal");
        assert_eq!(o["xAxis"]["type"], "value");
        assert_eq!(o["series"][0]["stack"], o["series"][1]["stack"]);
        // Shares of each bar, labelled with the count: 2 of 3 and 1 of 3, then none and 4 of 4.
        assert_eq!(o["series"][0]["data"][0]["value"], 66.7);
        assert_eq!(o["series"][0]["data"][0]["label"]["formatter"], "2");
        assert_eq!(o["series"][1]["data"][0]["value"], 33.3);
        assert_eq!(o["series"][0]["data"][1]["value"], 0);
        assert_eq!(o["series"][0]["data"][1]["label"]["show"], false);
        assert_eq!(o["series"][1]["data"][1]["value"], 100.0);
        assert_eq!(o["series"][1]["data"][1]["label"]["formatter"], "4");
        assert_eq!(o["xAxis"]["max"], 100);
        assert_eq!(o["color"][0], LEVEL_COLOURS[0]);
        assert_eq!(v.table.rows[0], ["8 Operation", "2", "1"]);
        assert_eq!(
            v.table.rows[1],
            [format!("\u{2003}{HOSTILE}").as_str(), "0", "4"]
        );
    }

    fn labels() -> QmsLevelLabels {
        QmsLevelLabels {
            component: "Component".into(),
            current: "Current".into(),
            target: "Target".into(),
            direction: "Direction".into(),
            raise: "raise".into(),
            keep: "keep".into(),
            lower: HOSTILE.into(),
        }
    }

    #[test]
    fn qms_levels_mark_targets_with_a_shape_per_direction() {
        let component = |id: &str, current, target, change| QmsLevel {
            id: id.to_owned(),
            name: format!("Name {id}"),
            current,
            target,
            change,
        };
        let components = [
            component("Q1", Some(2), Some(3), LevelChange::Raise),
            component("Q2", None, Some(1), LevelChange::Lower),
            component("Q3", Some(4), Some(2), LevelChange::Lower),
        ];
        let v = qms_levels("q", "t", "c", &components, &labels(), "n/a");
        let o = parse(&v);
        // No component keeps its level, so there is no "keep" series.
        assert_eq!(series_types(&o), ["bar", "scatter", "scatter"]);
        assert_eq!(o["series"][0]["data"][0]["value"], 2);
        assert!(o["series"][0]["data"][1].is_null());
        assert_eq!(o["series"][1]["symbol"], "triangle");
        assert_eq!(o["series"][1]["name"], "Target · raise");
        assert_eq!(o["series"][1]["data"][0]["value"], json!([3, 0]));
        assert!(o["series"][1]["data"][1].is_null());
        assert_eq!(o["series"][2]["name"], format!("Target · {HOSTILE}"));
        assert_eq!(o["series"][2]["symbol"], LevelChange::Lower.marker().0);
        assert_eq!(o["series"][2]["data"][2]["value"], json!([2, 2]));
        assert!(o["series"][2]["data"][0].is_null());
        assert_eq!(
            (&o["xAxis"]["min"], &o["xAxis"]["max"]),
            (&0.into(), &5.into())
        );
        // Each row is named in full, the name wrapping rather than cut.
        assert_eq!(
            o["yAxis"]["data"],
            json!(["Q1 Name Q1", "Q2 Name Q2", "Q3 Name Q3"])
        );
        assert_eq!(o["yAxis"]["inverse"], true);
        assert_eq!(o["yAxis"]["axisLabel"]["overflow"], "break");
        assert_eq!(
            v.table.columns,
            ["Component", "Current", "Target", "Direction"]
        );
        assert_eq!(v.table.rows[1], ["Q2 Name Q2", "n/a", "1", HOSTILE]);
        assert_eq!(v.table.rows[0][3], "raise");
    }

    #[test]
    fn keep_gets_a_square_marker() {
        let components = [QmsLevel {
            id: "Q".into(),
            name: "N".into(),
            current: Some(3),
            target: Some(3),
            change: LevelChange::Keep,
        }];
        let o = parse(&qms_levels("q", "t", "c", &components, &labels(), "-"));
        assert_eq!(series_types(&o), ["bar", "scatter"]);
        assert_eq!(o["series"][1]["symbol"], "rect");
        assert_eq!(o["series"][1]["name"], "Target · keep");
    }
}
