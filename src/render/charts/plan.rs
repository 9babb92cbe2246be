//! Improvement plan charts: the register by status and direction, and the roadmap of actions.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisLabel, AxisType, Tooltip, Trigger};
use charming::series::{Bar, Line};
use jiff::civil::Date;
use serde_json::{Value, json};

use super::{
    ChartView, DataTable, INK, aria, base_chart, colours, count_item, embed_with, legend_room,
    narrow, rows_height, view,
};

/// One series of counts over the chart's categories (a status over the 10.2 parts, a coverage
/// level over the clause groups).
#[derive(Debug, Clone)]
pub struct CountSeries {
    /// Legend name (e.g. "In progress").
    pub name: String,
    /// Count per category, in category order.
    pub counts: Vec<u32>,
}

/// Colours of the statuses in workflow order: proposed, approved, in progress, on hold, done,
/// rejected.
const STATUS_COLOURS: [&str; 6] = colours::STATUSES;

/// Improvements by status, one stacked bar per part of clause 10.2 (A, B, C), each segment
/// labelled with its count.
///
/// `statuses` come in workflow order (proposed, approved, in progress, on hold, done,
/// rejected), each with one count per entry of `parts`.
pub fn status_by_part(
    id: &str,
    title: &str,
    caption: &str,
    parts: &[String],
    statuses: &[CountSeries],
) -> ChartView {
    let names: Vec<&str> = statuses.iter().map(|s| s.name.as_str()).collect();
    let (bottom, narrow_bottom) = legend_room(&names, 0.0);
    let colours: Vec<&str> = (0..statuses.len())
        .map(|i| STATUS_COLOURS[i % STATUS_COLOURS.len()])
        .collect();
    let chart = stacked_counts(statuses, false, &colours)
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(16)
                .bottom(bottom)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(parts.to_vec())
                .axis_label(AxisLabel::new().interval(0)),
        )
        .y_axis(Axis::new().type_(AxisType::Value).min_interval(1));
    let patch = count_patch(statuses);
    let (columns, rows) = count_table(parts, statuses);
    view(
        id,
        title,
        caption.to_owned(),
        |aria_label| {
            let mut p = aria(aria_label);
            p["series"] = patch;
            // Part names like "B · implement actions" wrap instead of hiding each other.
            p["xAxis"] = json!({ "axisLabel": { "width": 100, "overflow": "break" } });
            p["media"] = narrow(json!({ "grid": { "bottom": narrow_bottom } }));
            embed_with(&chart, p)
        },
        DataTable { columns, rows },
        None,
    )
}

/// Stacked count bars shared by the status and coverage charts: one series per entry of
/// `series`, colours in the given order, tooltip listing every series of the hovered bar.
pub(super) fn stacked_counts(
    series: &[CountSeries],
    horizontal: bool,
    colours: &[&str],
) -> charming::Chart {
    let mut chart = base_chart()
        .color(
            colours
                .iter()
                .map(|c| charming::element::Color::from(*c))
                .collect::<Vec<_>>(),
        )
        .legend(Legend::new().bottom(0))
        .tooltip(Tooltip::new().trigger(Trigger::Axis));
    for s in series {
        let label = charming::element::Label::new()
            .show(true)
            .position(charming::element::LabelPosition::Inside);
        chart = chart.series(
            Bar::new()
                .name(s.name.clone())
                .stack("counts")
                .label(label)
                .bar_width(if horizontal { "55%" } else { "45%" }),
        );
    }
    chart
}

/// The counts as bar data: zero segments keep their value but hide their label.
pub(super) fn count_patch(series: &[CountSeries]) -> Value {
    Value::Array(
        series
            .iter()
            .map(|s| {
                json!({
                    "data": s.counts.iter().map(|c| count_item(*c)).collect::<Vec<_>>(),
                    "labelLayout": { "hideOverlap": true },
                })
            })
            .collect(),
    )
}

/// One row per category, one column per series.
pub(super) fn count_table(
    categories: &[String],
    series: &[CountSeries],
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut columns = vec![String::new()];
    columns.extend(series.iter().map(|s| s.name.clone()));
    let rows = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = vec![c.clone()];
            row.extend(
                series
                    .iter()
                    .map(|s| s.counts.get(i).copied().unwrap_or(0).to_string()),
            );
            row
        })
        .collect();
    (columns, rows)
}

/// One bar of a single-series count chart.
#[derive(Debug, Clone)]
pub struct CategoryCount {
    /// Category name (e.g. "Raise").
    pub name: String,
    /// How many.
    pub count: u32,
}

/// Colours of the directions in display order: raise, keep, lower.
const DIRECTION_COLOURS: [&str; 3] = colours::DIRECTIONS;

/// Improvements by direction (raise · keep · lower, in that order): one bar each, labelled with
/// its count. `count_label` names the figure in the tooltip and the table (e.g. "Improvements").
pub fn direction_split(
    id: &str,
    title: &str,
    caption: &str,
    counts: &[CategoryCount],
    count_label: &str,
) -> ChartView {
    let chart = base_chart()
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}: {c}"))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(24)
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(counts.iter().map(|c| c.name.clone()).collect()),
        )
        .y_axis(Axis::new().type_(AxisType::Value).min_interval(1))
        .series(Bar::new().name(count_label).bar_width("45%"));
    let data: Vec<Value> = counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let colour = DIRECTION_COLOURS.get(i).copied().unwrap_or(INK);
            json!({ "value": c.count, "itemStyle": { "color": colour } })
        })
        .collect();
    let columns = vec![String::new(), count_label.to_owned()];
    let rows = counts
        .iter()
        .map(|c| vec![c.name.clone(), c.count.to_string()])
        .collect();
    view(
        id,
        title,
        caption.to_owned(),
        |aria_label| {
            let mut patch = aria(aria_label);
            patch["series"] = json!([{
                "data": data,
                "label": { "show": true, "position": "top", "fontWeight": "bold" },
            }]);
            embed_with(&chart, patch)
        },
        DataTable { columns, rows },
        None,
    )
}

/// One action of the roadmap.
#[derive(Debug, Clone)]
pub struct RoadmapAction {
    /// Id, the category axis label.
    pub id: String,
    /// Title, shown in the tooltip and the table.
    pub title: String,
    /// Date raised: where its bar starts.
    pub raised: Date,
    /// Due date: where its bar ends; `None` leaves it out of the bars (the table says so).
    pub due: Option<Date>,
    /// Status, already worded (e.g. "In progress").
    pub status: String,
    /// Open and past its due date.
    pub overdue: bool,
}

/// Texts of the roadmap.
#[derive(Debug, Clone)]
pub struct RoadmapLabels {
    /// Table heading of the action column.
    pub action: String,
    /// "Raised" (table heading, tooltip).
    pub raised: String,
    /// "Due" (table heading, tooltip).
    pub due: String,
    /// Table heading of the status column.
    pub status: String,
    /// Legend name of the actions on schedule.
    pub on_schedule: String,
    /// "overdue": legend name of overdue actions, their bar label and table mark.
    pub overdue: String,
    /// Label of the vertical line at `today`.
    pub today: String,
    /// Table text for an action without a due date.
    pub no_due_date: String,
}

/// Every action with a due date as a horizontal bar from the date raised to the due date, with a
/// vertical line at `today`. Overdue actions are drawn in another colour with a dashed bar and
/// labelled, so they read without colour.
///
/// ECharts cannot stack bars on a time axis, so each bar is a thick segment of a line series
/// (one series for on-schedule actions, one for overdue ones) from (raised, id) to (due, id).
///
/// Long because one ECharts option written out as one expression, which reads like the chart it
/// draws.
pub fn roadmap(
    id: &str,
    title: &str,
    caption: &str,
    actions: &[RoadmapAction],
    today: Date,
    labels: &RoadmapLabels,
) -> ChartView {
    let planned: Vec<(&RoadmapAction, Date)> = actions
        .iter()
        .filter_map(|a| a.due.map(|d| (a, d)))
        .collect();
    let describe = |a: &RoadmapAction, due: Date| {
        let mut s = format!(
            "{} {} · {} {} · {} {} · {}",
            a.id, a.title, labels.raised, a.raised, labels.due, due, a.status
        );
        if a.overdue {
            s.push_str(&format!(" · {}", labels.overdue));
        }
        s
    };
    let mut on_time = Vec::new();
    let mut late = Vec::new();
    for (a, due) in &planned {
        let name = describe(a, *due);
        let data = if a.overdue { &mut late } else { &mut on_time };
        if !data.is_empty() {
            data.push(Value::Null);
        }
        data.push(json!({ "value": [a.raised.to_string(), a.id], "name": name }));
        let mut end = json!({ "value": [due.to_string(), a.id], "name": name });
        if a.overdue {
            end["label"] = json!({ "show": true, "formatter": labels.overdue, "position": "right",
                "color": colours::OVERDUE, "fontWeight": "bold" });
        }
        data.push(end);
    }
    let first = planned
        .iter()
        .map(|(a, due)| a.raised.min(*due))
        .chain([today])
        .min()
        .unwrap_or(today);
    let last = planned
        .iter()
        .map(|(a, due)| a.raised.max(*due))
        .chain([today])
        .max()
        .unwrap_or(today);
    // Room before the first bar and after the last for the "overdue" labels.
    let span = i64::from(first.until(last).map(|s| s.get_days()).unwrap_or(0)).max(30);
    let pad = |d: Date, days: i64| {
        d.checked_add(jiff::Span::new().days(days))
            .unwrap_or(d)
            .to_string()
    };
    let axis_min = pad(first, -(span / 30).max(7));
    let axis_max = pad(last, (span / 6).max(30));

    let legend_names = [&labels.on_schedule, &labels.overdue];
    let (bottom, narrow_bottom) = legend_room(&legend_names, 0.0);
    let chart = base_chart()
        .legend(
            Legend::new()
                .bottom(0)
                .data(vec![labels.on_schedule.clone(), labels.overdue.clone()]),
        )
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .grid(
            Grid::new()
                .left(8)
                .right(24)
                .top(28)
                .bottom(bottom)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Time)
                .min(axis_min)
                .max(axis_max),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(planned.iter().map(|(a, _)| a.id.clone()).collect()),
        )
        .series(Line::new().name(labels.on_schedule.clone()))
        .series(Line::new().name(labels.overdue.clone()));
    let segment = |colour: &str, dash: &str| {
        json!({
            "connectNulls": false,
            "symbol": "circle",
            "symbolSize": 7,
            "lineStyle": { "width": 10, "cap": "butt", "color": colour, "type": dash },
            "itemStyle": { "color": colour, "borderColor": INK, "borderWidth": 1 },
            "emphasis": { "disabled": true },
        })
    };
    let mut schedule = segment(colours::ON_SCHEDULE, "solid");
    schedule["data"] = Value::Array(on_time);
    schedule["markLine"] = json!({
        "silent": true,
        "symbol": "none",
        "lineStyle": { "color": INK, "type": "solid", "width": 1.5 },
        // The category axis runs top to bottom, so the line starts at the top.
        "label": { "formatter": "{b}", "position": "start" },
        "data": [{ "xAxis": today.to_string(), "name": format!("{} {today}", labels.today) }],
    });
    let mut overdue = segment(colours::OVERDUE, "dashed");
    overdue["lineStyle"]["type"] = json!([8, 3]);
    overdue["data"] = Value::Array(late);
    overdue["symbol"] = json!("rect");
    overdue["symbolSize"] = json!(9);

    let columns = vec![
        labels.action.clone(),
        labels.raised.clone(),
        labels.due.clone(),
        labels.status.clone(),
    ];
    let rows = actions
        .iter()
        .map(|a| {
            let due = match a.due {
                Some(d) if a.overdue => format!("{d} ({})", labels.overdue),
                Some(d) => d.to_string(),
                None => labels.no_due_date.clone(),
            };
            vec![
                format!("{} {}", a.id, a.title),
                a.raised.to_string(),
                due,
                a.status.clone(),
            ]
        })
        .collect();
    view(
        id,
        title,
        caption.to_owned(),
        |aria_label| {
            let mut patch = aria(aria_label);
            patch["series"] = json!([schedule, overdue]);
            patch["media"] = narrow(json!({ "grid": { "bottom": narrow_bottom } }));
            embed_with(&chart, patch)
        },
        DataTable { columns, rows },
        Some(rows_height(planned.len(), 30, 110)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::testing::{HOSTILE, parse, series_types};
    use jiff::civil::date;

    #[test]
    fn status_by_part_stacks_one_series_per_status_in_the_given_order() {
        let parts = ["A".to_owned(), "B".to_owned(), HOSTILE.to_owned()];
        let statuses = [
            CountSeries {
                name: "Proposed".into(),
                counts: vec![3, 0, 1],
            },
            CountSeries {
                name: HOSTILE.into(),
                counts: vec![1, 2],
            },
        ];
        let v = status_by_part("s", "t", "c", &parts, &statuses);
        let o = parse(&v);
        assert_eq!(series_types(&o), ["bar", "bar"]);
        assert_eq!(o["series"][0]["name"], "Proposed");
        assert_eq!(o["series"][1]["name"], HOSTILE);
        assert_eq!(o["series"][0]["stack"], o["series"][1]["stack"]);
        assert_eq!(o["series"][0]["data"][0], 3);
        // A zero keeps its value but shows no label on its invisible segment.
        assert_eq!(o["series"][0]["data"][1]["value"], 0);
        assert_eq!(o["series"][0]["data"][1]["label"]["show"], false);
        assert_eq!(o["series"][0]["label"]["show"], true);
        assert_eq!(o["xAxis"]["data"][2], HOSTILE);
        assert_eq!(o["legend"]["bottom"], 0.0);
        assert!(o["media"][0]["query"]["maxWidth"].is_number());
        assert_eq!(v.table.columns, ["", "Proposed", HOSTILE]);
        assert_eq!(v.table.rows[2], [HOSTILE, "1", "0"]);
    }

    #[test]
    fn direction_split_labels_each_count() {
        let counts = [
            CategoryCount {
                name: "Raise".into(),
                count: 5,
            },
            CategoryCount {
                name: "Keep".into(),
                count: 0,
            },
            CategoryCount {
                name: HOSTILE.into(),
                count: 2,
            },
        ];
        let v = direction_split("d", "t", "c", &counts, "Improvements");
        let o = parse(&v);
        assert_eq!(series_types(&o), ["bar"]);
        assert_eq!(o["series"][0]["label"]["show"], true);
        assert_eq!(o["series"][0]["data"][0]["value"], 5);
        assert_eq!(o["series"][0]["data"][1]["value"], 0);
        assert_eq!(
            o["series"][0]["data"][2]["itemStyle"]["color"],
            colours::DIRECTIONS[2]
        );
        assert_eq!(o["xAxis"]["data"][2], HOSTILE);
        assert!(o.get("legend").is_none(), "one series needs no legend");
        assert_eq!(v.table.rows[2], [HOSTILE, "2"]);
    }

    fn labels() -> RoadmapLabels {
        RoadmapLabels {
            action: "Action".into(),
            raised: "Raised".into(),
            due: "Due".into(),
            status: "Status".into(),
            on_schedule: "On schedule".into(),
            overdue: "overdue".into(),
            today: "Today".into(),
            no_due_date: "no due date".into(),
        }
    }

    #[test]
    fn roadmap_draws_dated_actions_as_segments_and_marks_overdue_ones() {
        let action = |id: &str, raised, due, overdue| RoadmapAction {
            id: id.to_owned(),
            title: HOSTILE.to_owned(),
            raised,
            due,
            status: "In progress".into(),
            overdue,
        };
        let actions = [
            action("I-1", date(2025, 1, 10), Some(date(2025, 6, 30)), false),
            action("I-2", date(2025, 2, 1), None, false),
            action("I-3", date(2025, 3, 1), Some(date(2025, 5, 1)), true),
            action("I-4", date(2025, 4, 1), Some(date(2026, 1, 31)), false),
        ];
        let v = roadmap("r", "t", "c", &actions, date(2025, 11, 24), &labels());
        let o = parse(&v);
        assert_eq!(series_types(&o), ["line", "line"]);
        // Actions without a due date are not drawn.
        assert_eq!(o["yAxis"]["data"], serde_json::json!(["I-1", "I-3", "I-4"]));
        assert_eq!(o["xAxis"]["type"], "time");
        let on_time = &o["series"][0]["data"];
        assert_eq!(
            on_time[0]["value"],
            serde_json::json!(["2025-01-10", "I-1"])
        );
        assert_eq!(
            on_time[1]["value"],
            serde_json::json!(["2025-06-30", "I-1"])
        );
        assert!(on_time[2].is_null(), "a gap between two actions");
        assert_eq!(
            on_time[3]["value"],
            serde_json::json!(["2025-04-01", "I-4"])
        );
        let late = &o["series"][1]["data"];
        assert_eq!(late.as_array().map(Vec::len), Some(2));
        assert_eq!(late[1]["label"]["formatter"], "overdue");
        assert!(
            late[1]["name"]
                .as_str()
                .is_some_and(|n| n.ends_with("overdue"))
        );
        assert!(
            late[0]["name"]
                .as_str()
                .is_some_and(|n| n.contains(HOSTILE))
        );
        assert_eq!(o["series"][1]["name"], "overdue");
        let today = &o["series"][0]["markLine"]["data"][0];
        assert_eq!(today["xAxis"], "2025-11-24");
        assert_eq!(today["name"], "Today 2025-11-24");
        // The axis reaches past the last due date and before the first raised date.
        assert!(o["xAxis"]["min"].as_str().is_some_and(|d| d < "2025-01-10"));
        assert!(o["xAxis"]["max"].as_str().is_some_and(|d| d > "2026-01-31"));
        assert_eq!(v.table.rows.len(), 4);
        assert_eq!(v.table.rows[1][2], "no due date");
        assert_eq!(v.table.rows[2][2], "2025-05-01 (overdue)");
        assert_eq!(v.table.rows[0][0], format!("I-1 {HOSTILE}"));
    }

    #[test]
    fn roadmap_without_actions_still_shows_today() {
        let v = roadmap("r", "t", "c", &[], date(2025, 11, 24), &labels());
        let o = parse(&v);
        assert_eq!(o["series"][0]["markLine"]["data"][0]["xAxis"], "2025-11-24");
        assert!(v.table.rows.is_empty());
    }
}
