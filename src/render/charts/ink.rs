//! Text colours of every chart, set in one place.
//!
//! ECharts' defaults are too faint for reading (the radar's domain names are #bbb on white,
//! 1.9:1) or follow the series colour. Every option a chart builder makes passes through
//! [`set_text_colours`] before it is embedded, which gives every text a colour with a contrast of
//! at least 4.5:1 (WCAG 2 level AA) against what it is drawn on: dark ink on the white canvas, and
//! black or white, whichever reads better, on a coloured bar or heat map cell.

use serde_json::{Value, json};

use super::INK;

/// Text on the canvas: legends, axis names, value labels, tooltips (15:1 on white).
pub const TEXT: &str = INK;

/// Axis tick labels, a little lighter than [`TEXT`] (7:1 on white).
pub const AXIS_TEXT: &str = "#595959";

/// What ECharts lays over a bar when decal patterns are on (see `aria` in the chart module).
pub const DECAL: (f64, [u8; 3]) = (0.2, [0, 0, 0]);

/// An sRGB colour written `#rrggbb` or `#rgb`.
pub fn parse_hex(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
        .collect::<Option<_>>()?;
    match digits[..] {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

/// An sRGB channel as linear light, 0 to 1 (what luminance and colour differences are
/// computed from).
pub fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG 2 relative luminance.
fn luminance(rgb: [u8; 3]) -> f64 {
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black on white).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `over` laid with the given opacity on `under`.
pub fn blend(under: [u8; 3], (opacity, over): (f64, [u8; 3])) -> [u8; 3] {
    let mix = |u: u8, o: u8| {
        let v = f64::from(u) * (1.0 - opacity) + f64::from(o) * opacity;
        v.round().clamp(0.0, 255.0) as u8
    };
    [
        mix(under[0], over[0]),
        mix(under[1], over[1]),
        mix(under[2], over[2]),
    ]
}

/// The colour between `from` (at 0) and `to` (at 1), as ECharts interpolates a visual map.
pub fn between(from: [u8; 3], to: [u8; 3], at: f64) -> [u8; 3] {
    blend(from, (at.clamp(0.0, 1.0), to))
}

/// Black or white, whichever contrasts more with every one of `backgrounds`.
pub fn text_on(backgrounds: &[[u8; 3]]) -> &'static str {
    let worst = |text: [u8; 3]| {
        backgrounds
            .iter()
            .map(|b| contrast(text, *b))
            .fold(f64::INFINITY, f64::min)
    };
    if worst([255, 255, 255]) >= worst([0, 0, 0]) {
        "#ffffff"
    } else {
        "#000000"
    }
}

/// The backgrounds a label inside a shape of colour `fill` is read on: the fill, and the fill
/// under a decal pattern when patterns are on.
pub fn fills(fill: [u8; 3], decals: bool) -> Vec<[u8; 3]> {
    if decals {
        vec![fill, blend(fill, DECAL)]
    } else {
        vec![fill]
    }
}

/// The components of `option` under `key`, whether written as one object or a list of them.
fn components<'a>(option: &'a mut Value, key: &str) -> Vec<&'a mut Value> {
    match option.get_mut(key) {
        Some(Value::Array(list)) => list.iter_mut().filter(|c| c.is_object()).collect(),
        Some(c @ Value::Object(_)) => vec![c],
        _ => Vec::new(),
    }
}

/// Sets `value[path…]` to `colour` unless the builder set it.
fn default_colour(value: &mut Value, path: &[&str], colour: &str) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut slot = value;
    for key in parents {
        let Some(object) = slot.as_object_mut() else {
            return;
        };
        slot = object.entry(*key).or_insert_with(|| json!({}));
    }
    if let Some(object) = slot.as_object_mut() {
        let entry = object.entry(*last).or_insert(Value::Null);
        if !entry.is_string() {
            *entry = json!(colour);
        }
    }
}

/// Whether a label with this position is drawn inside its shape (ECharts draws bar, heat map
/// and scatter labels inside unless told otherwise).
pub fn is_inside(series_type: &str, position: Option<&str>) -> bool {
    match position {
        Some(p) => p.starts_with("inside"),
        None => matches!(series_type, "bar" | "heatmap" | "scatter"),
    }
}

/// The colours series take in turn, unless they have their own.
fn palette(option: &Value) -> Vec<[u8; 3]> {
    option["color"]
        .as_array()
        .map(|p| p.iter().filter_map(|c| parse_hex(c.as_str()?)).collect())
        .unwrap_or_default()
}

/// The colour of `shape` (a series or one of its items), else `fallback`.
fn fill_of(shape: &Value, fallback: Option<[u8; 3]>) -> Option<[u8; 3]> {
    shape["itemStyle"]["color"]
        .as_str()
        .and_then(parse_hex)
        .or(fallback)
}

/// The colour for a label of a `kind` series at `position`, drawn on `fill`.
fn label_colour(
    kind: &str,
    position: Option<&str>,
    fill: Option<[u8; 3]>,
    decals: bool,
) -> &'static str {
    match fill {
        Some(fill) if is_inside(kind, position) => text_on(&fills(fill, decals)),
        _ => TEXT,
    }
}

/// Gives every text of a chart option a readable colour, keeping those the builder chose.
pub fn set_text_colours(option: &mut Value) {
    default_colour(option, &["textStyle", "color"], TEXT);
    for legend in components(option, "legend") {
        default_colour(legend, &["textStyle", "color"], TEXT);
    }
    for key in ["xAxis", "yAxis"] {
        for axis in components(option, key) {
            default_colour(axis, &["axisLabel", "color"], AXIS_TEXT);
            default_colour(axis, &["nameTextStyle", "color"], TEXT);
        }
    }
    for radar in components(option, "radar") {
        default_colour(radar, &["axisName", "color"], TEXT);
        default_colour(radar, &["axisLabel", "color"], AXIS_TEXT);
    }
    for map in components(option, "visualMap") {
        default_colour(map, &["textStyle", "color"], TEXT);
    }
    for tooltip in components(option, "tooltip") {
        default_colour(tooltip, &["textStyle", "color"], TEXT);
    }
    let decals = option["aria"]["decal"]["show"] == json!(true);
    let palette = palette(option);
    let heat_scale = heat_scale(option);
    for (index, series) in components(option, "series").into_iter().enumerate() {
        colour_series_labels(
            series,
            palette.get(index % palette.len().max(1)).copied(),
            decals,
        );
        if series["type"] == json!("heatmap")
            && let Some(scale) = heat_scale
        {
            colour_heat_cells(series, scale);
        }
    }
}

/// Colours the labels of one series and of its items, and its mark lines' labels.
fn colour_series_labels(series: &mut Value, palette_fill: Option<[u8; 3]>, decals: bool) {
    let kind = series["type"].as_str().unwrap_or_default().to_owned();
    let decals = decals && series["itemStyle"]["decal"]["symbol"] != json!("none");
    if series.get("markLine").is_some() {
        default_colour(&mut series["markLine"], &["label", "color"], TEXT);
    }
    let fill = fill_of(series, palette_fill);
    let position = series["label"]["position"].as_str().map(str::to_owned);
    if series.get("label").is_some() {
        let colour = label_colour(&kind, position.as_deref(), fill, decals);
        default_colour(series, &["label", "color"], colour);
    }
    let Some(items) = series["data"].as_array_mut() else {
        return;
    };
    for item in items.iter_mut().filter(|i| i.get("label").is_some()) {
        let at = item["label"]["position"]
            .as_str()
            .map(str::to_owned)
            .or_else(|| position.clone());
        let colour = label_colour(&kind, at.as_deref(), fill_of(item, fill), decals);
        default_colour(item, &["label", "color"], colour);
    }
}

/// The heat map colour scale: (min, max, low colour, high colour) of the first visual map.
type HeatScale = (f64, f64, [u8; 3], [u8; 3]);

fn heat_scale(option: &Value) -> Option<HeatScale> {
    let map = match &option["visualMap"] {
        Value::Array(list) => list.first()?,
        other => other,
    };
    let colours = map["inRange"]["color"].as_array()?;
    let low = parse_hex(colours.first()?.as_str()?)?;
    let high = parse_hex(colours.last()?.as_str()?)?;
    Some((map["min"].as_f64()?, map["max"].as_f64()?, low, high))
}

/// The colour of a heat map cell holding `value`.
pub fn heat_colour((min, max, low, high): HeatScale, value: f64) -> [u8; 3] {
    let at = if max > min {
        (value - min) / (max - min)
    } else {
        0.0
    };
    between(low, high, at)
}

/// Gives each heat map cell's label black or white, whichever reads better on its colour.
fn colour_heat_cells(series: &mut Value, scale: HeatScale) {
    let Some(cells) = series["data"].as_array_mut() else {
        return;
    };
    for cell in cells {
        let Some(value) = cell["value"].get(2).and_then(Value::as_f64) else {
            continue;
        };
        if cell.is_object() {
            let colour = text_on(&[heat_colour(scale, value)]);
            default_colour(cell, &["label", "color"], colour);
        }
    }
}

#[cfg(test)]
#[path = "ink_tests.rs"]
mod tests;
