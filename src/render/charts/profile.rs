//! Profile charts of one framework: every dimension as a bar, and dimensions × assessments.

use charming::component::{Axis, Grid, Legend, VisualMap};
use charming::datatype::{CompositeValue, DataPoint, DataPointItem};
use charming::element::{
    AxisLabel, AxisType, Color, ItemStyle, Label, Orient, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Heatmap, Scatter};
use serde_json::json;

use super::{
    Cells, ChartView, DataTable, INK, aria, base_chart, colours, embed_with, legend_room, narrow,
    round1, rows_height, shorten, view,
};

/// One dimension of the dimension bar chart.
#[derive(Debug, Clone)]
pub struct DimensionBar {
    /// Short id, the category axis label (e.g. `D1.1`).
    pub id: String,
    /// Name, shown in the tooltip and the table.
    pub name: String,
    /// Latest rating; `None` when not rated.
    pub value: Option<f64>,
    /// Rating at the previous assessment; `None` when not rated then (or no previous one).
    pub previous: Option<f64>,
}

/// One domain with its dimensions, in framework order.
#[derive(Debug, Clone)]
pub struct DimensionGroup {
    /// Domain name: the legend entry of its bars.
    pub name: String,
    /// The domain's dimensions.
    pub dimensions: Vec<DimensionBar>,
    /// The domain's colour (see [`super::colours::domain`]).
    pub colour: &'static str,
}

/// Texts of the dimension bar chart.
#[derive(Debug, Clone)]
pub struct DimensionBarLabels {
    /// Table heading of the domain column.
    pub domain: String,
    /// Table heading of the dimension column.
    pub dimension: String,
    /// Name of the latest assessment (table heading of the bar values).
    pub latest: String,
    /// Name of the previous assessment, drawn as a diamond marker; `None` for a baseline.
    pub previous: Option<String>,
}

/// Every dimension as a bar, grouped and coloured by domain, with the previous assessment as a
/// diamond marker on the same scale (0..`max`).
///
/// Each domain is one bar series holding values only at its own dimensions (null elsewhere), all
/// on one stack, so the bars stay centred on their category and the legend names the domains.
///
/// Long because one ECharts option written out as one expression, which reads like the chart it
/// draws.
pub fn dimension_bars(
    id: &str,
    title: &str,
    caption: &str,
    groups: &[DimensionGroup],
    max: f64,
    labels: &DimensionBarLabels,
    not_rated: Cells,
) -> ChartView {
    let dims: Vec<(usize, &DimensionBar)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.dimensions.iter().map(move |d| (g, d)))
        .collect();
    let full_name = |d: &DimensionBar| format!("{} {}", d.id, d.name);

    let mut legend: Vec<String> = groups.iter().map(|g| g.name.clone()).collect();
    legend.extend(labels.previous.iter().cloned());
    let (bottom, narrow_bottom) = legend_room(&legend, 0.0);
    let mut chart = base_chart()
        .color(
            groups
                .iter()
                .map(|g| charming::element::Color::from(g.colour))
                .collect::<Vec<_>>(),
        )
        .legend(Legend::new().bottom(0))
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                .formatter("{a}<br/>{b}: {c}"),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(8)
                .top(16)
                .bottom(bottom)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(dims.iter().map(|(_, d)| d.id.clone()).collect())
                .axis_label(AxisLabel::new().interval(0).rotate(90).font_size(10)),
        )
        .y_axis(Axis::new().type_(AxisType::Value).min(0).max(max));
    for (g, group) in groups.iter().enumerate() {
        let data: Vec<DataPoint> = dims
            .iter()
            .map(|(dg, d)| match d.value {
                Some(v) if *dg == g => DataPointItem::new(round1(v)).name(full_name(d)).into(),
                _ => DataPoint::Value(CompositeValue::from(None::<f64>)),
            })
            .collect();
        chart = chart.series(
            Bar::new()
                .name(group.name.clone())
                .stack("dimensions")
                .data(data),
        );
    }
    if let Some(previous) = &labels.previous {
        let data: Vec<DataPoint> = dims
            .iter()
            .map(|(_, d)| match d.previous {
                Some(v) => DataPointItem::new(round1(v)).name(full_name(d)).into(),
                None => DataPoint::Value(CompositeValue::from(None::<f64>)),
            })
            .collect();
        chart = chart.series(
            Scatter::new()
                .name(previous.clone())
                .symbol(Symbol::Diamond)
                .symbol_size(10)
                .item_style(
                    ItemStyle::new()
                        .color(INK)
                        .border_color("#ffffff")
                        .border_width(1),
                )
                .data(data),
        );
    }

    let mut columns = vec![labels.domain.clone(), labels.dimension.clone()];
    columns.push(labels.latest.clone());
    columns.extend(labels.previous.iter().cloned());
    let rows = dims
        .iter()
        .filter_map(|(g, d)| {
            let mut row = vec![groups.get(*g)?.name.clone(), full_name(d)];
            row.push(not_rated.one(d.value));
            if labels.previous.is_some() {
                row.push(not_rated.one(d.previous));
            }
            Some(row)
        })
        .collect();
    view(
        id,
        title,
        caption.to_owned(),
        |aria_label| {
            let mut patch = aria(aria_label);
            patch["media"] = narrow(json!({ "grid": { "bottom": narrow_bottom } }));
            embed_with(&chart, patch)
        },
        DataTable { columns, rows },
        None,
    )
}

/// One row of the heat map: a dimension's value at each assessment.
#[derive(Debug, Clone)]
pub struct HeatmapRow {
    /// Short id (e.g. `D1.1`).
    pub id: String,
    /// Name; the axis shows id and name, shortened when long.
    pub name: String,
    /// Value per assessment column; `None` when not rated (an empty cell).
    pub values: Vec<Option<f64>>,
}

/// Dimensions (rows) × assessments (columns): each cell coloured on a 0..`max` scale and labelled
/// with its value, so it reads in greyscale; a dimension not rated at an assessment is an empty
/// cell.
///
/// Long because one ECharts option written out as one expression, which reads like the chart it
/// draws.
pub fn heatmap(
    id: &str,
    title: &str,
    caption: &str,
    assessments: &[String],
    rows: &[HeatmapRow],
    max: f64,
    not_rated: Cells,
) -> ChartView {
    let row_name = |r: &HeatmapRow| format!("{} {}", r.id, r.name);
    let mut data = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        for (x, column) in assessments.iter().enumerate() {
            let value = row.values.get(x).copied().flatten().map(round1);
            let text = format!("{}, {column}: {}", row_name(row), not_rated.one(value));
            data.push(json!({ "value": [x, y, value], "name": text }));
        }
    }
    let light = "#f2f2f2";
    let chart = base_chart()
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(8)
                .bottom(48)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .position("top")
                .data(assessments.to_vec()),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(rows.iter().map(|r| shorten(&row_name(r), 34)).collect())
                .axis_label(AxisLabel::new().interval(0).font_size(11)),
        )
        .visual_map(
            VisualMap::new()
                .min(0)
                .max(max)
                .calculable(false)
                .orient(Orient::Horizontal)
                .left("center")
                .bottom(0)
                .item_height(160)
                .item_width(12)
                .in_range(
                    charming::component::VisualMapChannel::new()
                        .color(vec![Color::from(light), Color::from(colours::OURS)]),
                ),
        )
        .series(
            Heatmap::new()
                .label(Label::new().show(true).font_size(11))
                .item_style(ItemStyle::new().border_color("#ffffff").border_width(1)),
        );
    let extra = |aria_label: &str| {
        let mut patch = aria(aria_label);
        patch["visualMap"] = json!([{ "text": [format!("{:.0}", max), "0"] }]);
        // Charming's heat map points are bare arrays; named points give the tooltip its text.
        patch["series"] = json!([{ "data": data }]);
        patch
    };

    let mut columns = vec![String::new()];
    columns.extend(assessments.iter().cloned());
    let table_rows = rows
        .iter()
        .map(|r| {
            let mut row = vec![row_name(r)];
            row.extend(
                (0..assessments.len()).map(|x| not_rated.one(r.values.get(x).copied().flatten())),
            );
            row
        })
        .collect();
    view(
        id,
        title,
        caption.to_owned(),
        |aria_label| embed_with(&chart, extra(aria_label)),
        DataTable {
            columns,
            rows: table_rows,
        },
        Some(rows_height(rows.len(), 17, 90)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::testing::{HOSTILE, parse, series_types};

    fn groups() -> Vec<DimensionGroup> {
        let dim = |id: &str, value, previous| DimensionBar {
            id: id.to_owned(),
            name: format!("Name of {id}"),
            value,
            previous,
        };
        vec![
            DimensionGroup {
                name: HOSTILE.to_owned(),
                colour: crate::render::charts::colours::domain(0),
                dimensions: vec![
                    dim("D1.1", Some(40.04), Some(35.0)),
                    dim("D1.2", None, None),
                ],
            },
            DimensionGroup {
                name: "Second".to_owned(),
                colour: crate::render::charts::colours::domain(1),
                dimensions: vec![dim("D2.1", Some(70.0), None)],
            },
        ]
    }

    fn labels(previous: Option<&str>) -> DimensionBarLabels {
        DimensionBarLabels {
            domain: "Domain".into(),
            dimension: "Dimension".into(),
            latest: "2025".into(),
            previous: previous.map(str::to_owned),
        }
    }

    #[test]
    fn dimension_bars_hold_each_domain_on_one_stack_with_nulls_elsewhere() {
        let v = dimension_bars(
            "d",
            "Dimensions",
            "c",
            &groups(),
            100.0,
            &labels(Some("2022")),
            Cells::english("not rated"),
        );
        let o = parse(&v);
        assert_eq!(series_types(&o), ["bar", "bar", "scatter"]);
        assert_eq!(o["series"][0]["name"], HOSTILE);
        assert_eq!(o["series"][0]["stack"], o["series"][1]["stack"]);
        // Domain 1 holds D1.1 (rounded) and a gap for the unrated D1.2, null at D2.1.
        assert_eq!(o["series"][0]["data"][0]["value"], 40.0);
        assert_eq!(o["series"][0]["data"][0]["name"], "D1.1 Name of D1.1");
        assert!(o["series"][0]["data"][1].is_null());
        assert!(o["series"][0]["data"][2].is_null());
        assert!(o["series"][1]["data"][0].is_null());
        assert_eq!(o["series"][1]["data"][2]["value"], 70.0);
        // The previous assessment is a diamond marker with gaps where it was not rated.
        assert_eq!(o["series"][2]["symbol"], "diamond");
        assert_eq!(o["series"][2]["data"][0]["value"], 35.0);
        assert!(o["series"][2]["data"][2].is_null());
        assert_eq!(
            o["xAxis"]["data"],
            serde_json::json!(["D1.1", "D1.2", "D2.1"])
        );
        assert_eq!(o["xAxis"]["axisLabel"]["interval"], 0.0);
        assert_eq!(o["yAxis"]["max"], 100.0);
        assert_eq!(o["aria"]["decal"]["show"], false);
        assert_eq!(o["title"][0]["show"], false);
        assert_eq!(v.table.columns, ["Domain", "Dimension", "2025", "2022"]);
        assert_eq!(
            v.table.rows[1],
            [HOSTILE, "D1.2 Name of D1.2", "not rated", "not rated"]
        );
        assert_eq!(v.table.rows.len(), 3);
    }

    #[test]
    fn dimension_bars_of_a_baseline_have_no_previous_marker() {
        let v = dimension_bars(
            "d",
            "t",
            "c",
            &groups(),
            100.0,
            &labels(None),
            Cells::english("n/a"),
        );
        let o = parse(&v);
        assert_eq!(series_types(&o), ["bar", "bar"]);
        assert_eq!(v.table.columns.len(), 3);
    }

    #[test]
    fn heatmap_cells_carry_values_and_nulls_and_a_scale_from_zero() {
        let rows = [
            HeatmapRow {
                id: "D1.1".into(),
                name: HOSTILE.into(),
                values: vec![Some(12.34), None],
            },
            HeatmapRow {
                id: "D1.2".into(),
                name: "Short".into(),
                values: vec![Some(80.0)],
            },
        ];
        let v = heatmap(
            "h",
            "Heat map",
            HOSTILE,
            &["2022".into(), "2025".into()],
            &rows,
            100.0,
            Cells::english("not rated"),
        );
        let o = parse(&v);
        assert_eq!(series_types(&o), ["heatmap"]);
        let data = &o["series"][0]["data"];
        assert_eq!(data.as_array().map(Vec::len), Some(4));
        assert_eq!(data[0]["value"], serde_json::json!([0, 0, 12.3]));
        assert_eq!(data[1]["value"], serde_json::json!([1, 0, null]));
        // A missing column at the end of a row is a gap too.
        assert_eq!(data[3]["value"], serde_json::json!([1, 1, null]));
        assert_eq!(o["series"][0]["label"]["show"], true);
        assert_eq!(o["visualMap"][0]["min"], 0.0);
        assert_eq!(o["visualMap"][0]["max"], 100.0);
        assert_eq!(o["yAxis"]["inverse"], true);
        assert_eq!(v.table.rows[1], ["D1.2 Short", "80.0", "not rated"]);
        assert!(v.aria_label.contains(HOSTILE));
        assert!(v.height_px.is_some_and(|h| h > 100));
    }
}
