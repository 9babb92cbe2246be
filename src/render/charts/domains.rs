//! The domain profile: the latest assessment, the previous one and the peer median over the
//! framework's domains, as a radar when every value exists and as grouped bars when one is
//! missing.
//!
//! A radar cannot show a gap: ECharts draws a missing value at the centre, where it reads as 0.
//! Leaving the incomplete series out would hide the very assessment the reader came for, so the
//! profile switches to bars, where a missing value is simply no bar (every drawn bar carries its
//! value, so a bar of 0 still shows "0"), and a note under the chart names each gap.

use charming::Chart;
use charming::component::{Axis, Grid, Legend, RadarCoordinate};
use charming::datatype::{CompositeValue, DataPoint, DataPointItem};
use charming::element::{AxisType, Label, LabelPosition, Tooltip, Trigger};
use charming::series::{Bar, Radar};

use super::{
    Cells, ChartView, DataTable, aria, base_chart, embed_with, narrow, round1, rows_height, view,
};
use serde_json::json;

use crate::render::format::wrap;

/// One series of the domain profile.
pub struct RadarSeries {
    /// Legend name.
    pub name: String,
    /// Value per domain.
    pub values: Vec<Option<f64>>,
    /// Whose figures they are, as a colour of [`super::colours`].
    pub colour: &'static str,
}

/// The words of the domain profile.
pub struct ProfileTexts {
    /// Title shown above the chart.
    pub title: String,
    /// What to read from the radar.
    pub radar_caption: String,
    /// What to read from the bars drawn when a value is missing.
    pub bars_caption: String,
    /// The table's text for a missing value.
    pub not_rated: String,
    /// How the site's language writes the table's figures.
    pub formats: &'static crate::render::format::Formats,
    /// Introduces the list of values that are not drawn.
    pub gaps: String,
}

/// The domain profile: a radar when every series has every domain, grouped bars otherwise.
pub fn domain_profile(
    id: &str,
    domains: &[String],
    max: f64,
    series: &[RadarSeries],
    texts: &ProfileTexts,
) -> ChartView {
    let complete = series
        .iter()
        .all(|s| s.values.len() == domains.len() && s.values.iter().all(Option::is_some));
    if complete {
        return domain_radar(
            id,
            &texts.title,
            &texts.radar_caption,
            domains,
            max,
            series,
            Cells {
                formats: texts.formats,
                missing: &texts.not_rated,
            },
        );
    }
    let gaps: Vec<String> = series
        .iter()
        .flat_map(|s| {
            domains
                .iter()
                .enumerate()
                .filter(move |(i, _)| s.values.get(*i).copied().flatten().is_none())
                .map(move |(_, d)| format!("{d} ({})", s.name))
        })
        .collect();
    domain_bars(id, domains, max, series, texts).with_note(format!(
        "{} {}.",
        texts.gaps,
        gaps.join("; ")
    ))
}

/// Grouped horizontal bars: one group per domain, one labelled bar per series, none where a
/// value is missing.
fn domain_bars(
    id: &str,
    domains: &[String],
    max: f64,
    series: &[RadarSeries],
    texts: &ProfileTexts,
) -> ChartView {
    let mut chart = base_chart()
        .color(series_colours(series))
        .legend(Legend::new().bottom(0))
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                .formatter("{a}<br/>{b}: {c}"),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(40)
                .top(8)
                .bottom(48)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Value).min(0).max(max))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(domains.to_vec()),
        );
    for s in series {
        let data: Vec<DataPoint> = (0..domains.len())
            .map(|i| match s.values.get(i).copied().flatten() {
                Some(v) => DataPointItem::new(round1(v)).into(),
                None => DataPoint::Value(CompositeValue::from(None::<f64>)),
            })
            .collect();
        chart = chart.series(
            Bar::new()
                .name(s.name.clone())
                .label(Label::new().show(true).position(LabelPosition::Right))
                .data(data),
        );
    }
    let per_domain = 16 * u32::try_from(series.len()).unwrap_or(1) + 12;
    view(
        id,
        &texts.title,
        texts.bars_caption.clone(),
        |aria_label| embed_with(&chart, aria(aria_label)),
        table(
            domains,
            series,
            Cells {
                formats: texts.formats,
                missing: &texts.not_rated,
            },
        ),
        Some(rows_height(domains.len(), per_domain, 90)),
    )
}

/// Each series' colour, in series order: ECharts colours series (and a radar's items) in turn.
fn series_colours(series: &[RadarSeries]) -> Vec<charming::element::Color> {
    series
        .iter()
        .map(|s| charming::element::Color::from(s.colour))
        .collect()
}

/// The profile's data as a table: one row per domain, one column per series.
fn table(domains: &[String], series: &[RadarSeries], not_rated: Cells) -> DataTable {
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
                    .map(|s| not_rated.one(s.values.get(i).copied().flatten())),
            );
            row
        })
        .collect();
    DataTable { columns, rows }
}

/// Domain radar: several series (latest, previous, peer median) over the framework's domains.
/// Only for complete series: a missing value would be drawn at the centre.
pub fn domain_radar(
    id: &str,
    title: &str,
    caption: &str,
    domains: &[String],
    max: f64,
    series: &[RadarSeries],
    not_rated: Cells,
) -> ChartView {
    // Names are wrapped here: ECharts truncates a radar's names rather than wrap them.
    let names: Vec<String> = domains.iter().map(|d| wrap(d, NAME_LINE)).collect();
    let indicators: Vec<(&str, f64, f64)> = names.iter().map(|d| (d.as_str(), 0.0, max)).collect();
    let data: Vec<DataPoint> = series
        .iter()
        .map(|s| {
            let values: Vec<CompositeValue> =
                s.values.iter().map(|v| v.map(round1).into()).collect();
            DataPointItem::new(values).name(s.name.clone()).into()
        })
        .collect();
    let chart = Chart::new()
        .color(series_colours(series))
        .legend(Legend::new().bottom(0))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .radar(RadarCoordinate::new().indicator(indicators).radius("66%"))
        .series(Radar::new().name(title).data(data));
    // The radar leaves the bottom to the legend; narrow canvases (phones, a column of the
    // dashboard) get a smaller radar with room for its names at the sides.
    // The first spoke carries the scale (0 at the centre to the top of the scale at the rim),
    // so that a point can be read as a value; the other spokes stay clear. Its colour is the
    // radar's axis label colour, which each spoke takes unless it has its own.
    let fit = json!({
        "radar": [{
            "center": ["50%", "46%"],
            "indicator": [{ "axisLabel": { "show": true, "fontSize": 10 } }],
        }],
        "media": narrow(json!({
            "radar": [{
                "radius": "52%",
                "center": ["50%", "42%"],
                "axisName": { "fontSize": 11 }
            }]
        })),
    });
    view(
        id,
        title,
        caption.to_owned(),
        |_| embed_with(&chart, fit),
        table(domains, series, not_rated),
        None,
    )
}

/// Characters a line of a domain's name on the radar takes before it wraps (a longer word keeps
/// its line): two short lines leave the radar more room than one long one.
const NAME_LINE: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::testing::{parse, series_types};
    use serde_json::json;

    fn texts() -> ProfileTexts {
        ProfileTexts {
            title: "Profile".into(),
            radar_caption: "radar".into(),
            bars_caption: "bars".into(),
            not_rated: "not rated".into(),
            formats: crate::render::format::Formats::english(),
            gaps: "Not drawn:".into(),
        }
    }

    fn series(latest: Vec<Option<f64>>) -> Vec<RadarSeries> {
        vec![
            RadarSeries {
                name: "2026".into(),
                values: latest,
                colour: crate::render::charts::colours::OURS,
            },
            RadarSeries {
                name: "Peers".into(),
                values: vec![Some(50.0), Some(0.0)],
                colour: crate::render::charts::colours::PEERS,
            },
        ]
    }

    #[test]
    fn complete_series_are_a_radar() {
        let domains = ["One".to_owned(), "Two".to_owned()];
        let v = domain_profile(
            "p",
            &domains,
            100.0,
            &series(vec![Some(1.0), Some(2.0)]),
            &texts(),
        );
        let o = parse(&v);
        assert_eq!(series_types(&o), ["radar"]);
        assert_eq!(v.caption, "radar");
        assert!(v.note.is_empty());
        // Domain names in the text colour, and the scale written along the first spoke only.
        assert_eq!(
            o["radar"][0]["axisName"]["color"],
            crate::render::charts::ink::TEXT
        );
        assert_eq!(o["radar"][0]["indicator"][0]["axisLabel"]["show"], true);
        assert_eq!(o["radar"][0]["indicator"][0]["max"], 100.0);
        assert!(o["radar"][0]["indicator"][1].get("axisLabel").is_none());
    }

    #[test]
    fn long_domain_names_wrap_between_words() {
        assert_eq!(wrap("Service delivery", 16), "Service delivery");
        assert_eq!(
            wrap("Infrastructure & security", 16),
            "Infrastructure &\nsecurity"
        );
        assert_eq!(
            wrap("Informationssicherheit und Betrieb", 16),
            "Informationssicherheit\nund Betrieb"
        );
        assert_eq!(wrap("  a   b ", 16), "a b");
    }

    #[test]
    fn a_missing_domain_is_no_bar_never_a_point_at_the_centre() {
        let domains = ["One".to_owned(), "Two".to_owned()];
        let v = domain_profile(
            "p",
            &domains,
            100.0,
            &series(vec![Some(42.04), None]),
            &texts(),
        );
        let o = parse(&v);
        // No radar, which would draw the missing value at the centre, where it reads as 0.
        assert_eq!(series_types(&o), ["bar", "bar"]);
        assert_eq!(o["series"][0]["data"][0]["value"], 42.0);
        assert!(o["series"][0]["data"][1].is_null());
        // The peers' 0 is a bar with its value written on it, so it cannot pass for a gap.
        assert_eq!(o["series"][1]["data"][1]["value"], 0.0);
        assert_eq!(o["series"][1]["label"]["show"], true);
        assert_eq!(o["yAxis"]["data"], json!(["One", "Two"]));
        assert_eq!(v.caption, "bars");
        assert_eq!(v.note, "Not drawn: Two (2026).");
        assert_eq!(v.table.rows[1], ["Two", "not rated", "0.0"]);
    }
}
