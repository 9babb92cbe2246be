//! Contrast of every text colour: of every chart builder's option and of the theme's stylesheet.

use std::collections::BTreeMap;

use serde_json::Value;

use super::super::*;
use super::*;

/// WCAG 2 level AA for normal text.
const MINIMUM: f64 = 4.5;

const WHITE: [u8; 3] = [255, 255, 255];

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn counts(list: &[&str], parts: usize) -> Vec<CountSeries> {
    list.iter()
        .enumerate()
        .map(|(i, name)| CountSeries {
            name: name.to_string(),
            counts: (0..parts).map(|p| (i + p) as u32 % 4).collect(),
        })
        .collect()
}

/// Every chart the builders make, with data that uses every colour they give.
fn every_chart() -> Vec<ChartView> {
    let date = |y, m, d| jiff::civil::date(y, m, d);
    let radar = domain_radar(
        "radar",
        "Radar",
        "c",
        &names(&["One", "Two", "Three"]),
        100.0,
        &[
            RadarSeries {
                name: "2026".into(),
                values: vec![Some(40.0), None, Some(70.0)],
                colour: crate::render::charts::colours::OURS,
            },
            RadarSeries {
                name: "2023".into(),
                values: vec![Some(30.0), Some(20.0), Some(60.0)],
                colour: crate::render::charts::colours::BEFORE,
            },
        ],
        Cells::english("n/a"),
    );
    let trend = trend(
        "trend",
        "Trend",
        "c",
        &names(&["2020", "2023"]),
        100.0,
        &[TrendLine {
            name: "Index".into(),
            values: vec![Some(20.0), Some(50.0)],
            emphasis: true,
            colour: crate::render::charts::colours::INDEX,
        }],
        Cells::english("n/a"),
    );
    let bar = |id: &str, v| DimensionBar {
        id: id.into(),
        name: id.into(),
        value: Some(v),
        previous: Some(v / 2.0),
    };
    let groups: Vec<DimensionGroup> = crate::render::charts::colours::DOMAINS
        .iter()
        .enumerate()
        .map(|(i, _)| DimensionGroup {
            name: format!("Domain {i}"),
            colour: crate::render::charts::colours::domain(i),
            dimensions: vec![bar(&format!("D{i}.1"), 10.0 * i as f64)],
        })
        .collect();
    let dimension_labels = DimensionBarLabels {
        domain: "Domain".into(),
        dimension: "Dimension".into(),
        latest: "2026".into(),
        previous: Some("2023".into()),
    };
    let bars = dimension_bars(
        "bars",
        "Bars",
        "c",
        &groups,
        100.0,
        &dimension_labels,
        Cells::english("n/a"),
    );
    // Every value from 0 to the top of the scale, so every shade of the heat map is read.
    let heat_rows: Vec<HeatmapRow> = (0..=20)
        .map(|r| HeatmapRow {
            id: format!("D{r}"),
            name: "x".into(),
            values: vec![Some(f64::from(r) * 5.0), None],
        })
        .collect();
    let heat = heatmap(
        "heat",
        "Heat",
        "c",
        &names(&["2023", "2026"]),
        &heat_rows,
        100.0,
        Cells::english("n/a"),
    );
    let point = |name: &str, cost, index| CostQualityPoint {
        name: name.into(),
        cost: Some(cost),
        index: Some(index),
    };
    let frame = QualityCostFrame {
        cost_label: "Cost".into(),
        index_label: "Index".into(),
        index_max: 100.0,
        median_cost: Some(5000.0),
        median_index: Some(50.0),
        peers_label: "Peers".into(),
        median_label: "Median".into(),
        quadrants: Quadrants {
            better_cheaper: "Better, cheaper".into(),
            better_dearer: "Better, dearer".into(),
            worse_cheaper: "Worse, cheaper".into(),
            worse_dearer: "Worse, dearer".into(),
        },
    };
    let scatter = quality_cost_scatter(
        "scatter",
        "Scatter",
        "c",
        &[point("P1", 4000.0, 40.0), point("P2", 6000.0, 60.0)],
        Some(&point("Us", 5500.0, 55.0)),
        &frame,
        Cells::english("n/a"),
    );
    let band = PeerBand {
        name: "Index".into(),
        q1: Some(40.0),
        median: Some(50.0),
        q3: Some(60.0),
        ours: Some(55.0),
    };
    let peer_labels = PeerDistributionLabels {
        figure: "Figure".into(),
        band: "Band".into(),
        q1: "Q1".into(),
        q3: "Q3".into(),
        median: "Median".into(),
        ours: "Us".into(),
        range: Some((0.0, 100.0)),
        decimals: 1,
        grouped: false,
        small_group: true,
        small_group_note: "small".into(),
    };
    let peers = peer_distribution(
        "peers",
        "Peers",
        "c",
        &[band],
        &peer_labels,
        Cells::english("n/a"),
    );
    let statuses = [
        "Proposed",
        "Approved",
        "In progress",
        "On hold",
        "Done",
        "Rejected",
    ];
    let status = status_by_part(
        "status",
        "Status",
        "c",
        &names(&["A", "B", "C"]),
        &counts(&statuses, 3),
    );
    let directions: Vec<CategoryCount> = ["Raise", "Keep", "Lower"]
        .iter()
        .map(|n| CategoryCount {
            name: n.to_string(),
            count: 2,
        })
        .collect();
    let split = direction_split("split", "Split", "c", &directions, "Improvements");
    let action = |id: &str, overdue| RoadmapAction {
        id: id.into(),
        title: id.into(),
        raised: date(2025, 1, 1),
        due: Some(date(2026, 6, 1)),
        status: "Open".into(),
        overdue,
    };
    let roadmap_labels = RoadmapLabels {
        action: "Action".into(),
        raised: "Raised".into(),
        due: "Due".into(),
        status: "Status".into(),
        on_schedule: "On schedule".into(),
        overdue: "overdue".into(),
        today: "Today".into(),
        no_due_date: "none".into(),
    };
    let road = roadmap(
        "road",
        "Road",
        "c",
        &[action("I-1", false), action("I-2", true)],
        date(2026, 7, 1),
        &roadmap_labels,
    );
    let levels = [
        "Conforming",
        "Defined",
        "Initial",
        "Not addressed",
        "Partly assessed",
        "Not assessed",
    ];
    let clause_bars = [
        CoverageBar {
            label: "8".into(),
            section: false,
        },
        CoverageBar {
            label: "8.2".into(),
            section: true,
        },
    ];
    let coverage = coverage_by_group("cov", "Coverage", "c", &clause_bars, &counts(&levels, 2));
    let qms_labels = QmsLevelLabels {
        component: "Component".into(),
        current: "Current".into(),
        target: "Target".into(),
        direction: "Direction".into(),
        raise: "raise".into(),
        keep: "keep".into(),
        lower: "lower".into(),
    };
    let component = |id: &str, change| QmsLevel {
        id: id.into(),
        name: id.into(),
        current: Some(2),
        target: Some(3),
        change,
    };
    let qms = qms_levels(
        "qms",
        "QMS",
        "c",
        &[
            component("Q1", LevelChange::Raise),
            component("Q2", LevelChange::Keep),
            component("Q3", LevelChange::Lower),
        ],
        &qms_labels,
        "n/a",
    );
    vec![
        radar, trend, bars, heat, scatter, peers, status, split, road, coverage, qms,
    ]
}

/// One text of a chart: where, its colour and what it is drawn on.
struct Text {
    place: String,
    colour: Option<[u8; 3]>,
    backgrounds: Vec<[u8; 3]>,
}

fn colour_at(value: &Value) -> Option<[u8; 3]> {
    value.as_str().and_then(parse_hex)
}

fn each<'a>(option: &'a Value, key: &str) -> Vec<&'a Value> {
    match &option[key] {
        Value::Array(list) => list.iter().collect(),
        v @ Value::Object(_) => vec![v],
        _ => Vec::new(),
    }
}

/// Every text of a chart option, found where ECharts draws text.
fn texts(option: &Value) -> Vec<Text> {
    let on_canvas = |place: String, colour: &Value| Text {
        place,
        colour: colour_at(colour),
        backgrounds: vec![WHITE],
    };
    let mut out = vec![on_canvas("textStyle".into(), &option["textStyle"]["color"])];
    for (key, parts) in [
        ("legend", &["textStyle"][..]),
        ("xAxis", &["axisLabel", "nameTextStyle"][..]),
        ("yAxis", &["axisLabel", "nameTextStyle"][..]),
        ("radar", &["axisName", "axisLabel"][..]),
        ("visualMap", &["textStyle"][..]),
        ("tooltip", &["textStyle"][..]),
    ] {
        for (i, component) in each(option, key).into_iter().enumerate() {
            for part in parts {
                out.push(on_canvas(
                    format!("{key}[{i}].{part}"),
                    &component[*part]["color"],
                ));
            }
        }
    }
    let series_colours: Vec<[u8; 3]> = option["color"]
        .as_array()
        .map(|p| p.iter().filter_map(colour_at).collect())
        .unwrap_or_default();
    let decals = option["aria"]["decal"]["show"] == Value::Bool(true);
    let scale = heat_scale(option);
    for (s, series) in each(option, "series").into_iter().enumerate() {
        let kind = series["type"].as_str().unwrap_or_default();
        let decals = decals && series["itemStyle"]["decal"]["symbol"] != "none";
        let series_fill = colour_at(&series["itemStyle"]["color"])
            .or_else(|| series_colours.get(s % series_colours.len().max(1)).copied());
        if series.get("markLine").is_some() {
            out.push(on_canvas(
                format!("series[{s}].markLine.label"),
                &series["markLine"]["label"]["color"],
            ));
        }
        let position = series["label"]["position"].as_str();
        let backgrounds = |fill: Option<[u8; 3]>, position: Option<&str>| match fill {
            Some(fill) if is_inside(kind, position) => fills(fill, decals),
            _ => vec![WHITE],
        };
        if series.get("label").is_some() {
            out.push(Text {
                place: format!("series[{s}].label"),
                colour: colour_at(&series["label"]["color"]),
                backgrounds: backgrounds(series_fill, position),
            });
        }
        for (d, item) in series["data"].as_array().into_iter().flatten().enumerate() {
            let heat_value = item["value"].get(2).and_then(Value::as_f64);
            let (colour, backgrounds) = match (kind, scale, heat_value) {
                ("heatmap", Some(scale), Some(v)) => {
                    (&item["label"]["color"], vec![heat_colour(scale, v)])
                }
                _ if item.get("label").is_some() => {
                    let fill = colour_at(&item["itemStyle"]["color"]).or(series_fill);
                    let at = item["label"]["position"].as_str().or(position);
                    (&item["label"]["color"], backgrounds(fill, at))
                }
                _ => continue,
            };
            out.push(Text {
                place: format!("series[{s}].data[{d}].label"),
                colour: colour_at(colour),
                backgrounds,
            });
        }
    }
    out
}

/// Colours of text anywhere in an option, counted, so none is left out of [`texts`].
fn count_text_colours(value: &Value, parent: &str) -> usize {
    const TEXT_KEYS: [&str; 6] = [
        "label",
        "textStyle",
        "axisLabel",
        "nameTextStyle",
        "axisName",
        "subtextStyle",
    ];
    match value {
        Value::Object(o) => o
            .iter()
            .map(|(k, v)| {
                let own = usize::from(k == "color" && TEXT_KEYS.contains(&parent));
                own + count_text_colours(v, k)
            })
            .sum(),
        Value::Array(a) => a.iter().map(|v| count_text_colours(v, parent)).sum(),
        _ => 0,
    }
}

#[test]
fn every_text_colour_of_every_chart_reads_at_4_5_to_1() {
    let mut problems = Vec::new();
    for view in every_chart() {
        let option = testing::parse(&view);
        let found = texts(&option);
        for t in &found {
            let Some(colour) = t.colour else {
                problems.push(format!("{}: {} has no colour of its own", view.id, t.place));
                continue;
            };
            for b in &t.backgrounds {
                let ratio = contrast(colour, *b);
                if ratio < MINIMUM {
                    problems.push(format!(
                        "{}: {} is {colour:?} on {b:?}: {ratio:.2}:1",
                        view.id, t.place
                    ));
                }
            }
        }
        let with_colour = found.iter().filter(|t| t.colour.is_some()).count();
        assert_eq!(
            count_text_colours(&option, ""),
            with_colour,
            "{}: a text colour is set where this test does not look",
            view.id
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn contrast_ratios_are_those_of_wcag() {
    let ratio = |a: &str, b: &str| contrast(parse_hex(a).expect(a), parse_hex(b).expect(b));
    assert!((ratio("#000", "#fff") - 21.0).abs() < 1e-9);
    assert!((ratio("#fff", "#fff") - 1.0).abs() < 1e-9);
    // ECharts' radar names: #bbb on white.
    assert!((ratio("#bbb", "#ffffff") - 1.92).abs() < 0.01);
    assert!((ratio("#767676", "#ffffff") - 4.54).abs() < 0.01);
    assert_eq!(text_on(&[parse_hex("#1f4e79").expect("hex")]), "#ffffff");
    assert_eq!(text_on(&[parse_hex("#bf9000").expect("hex")]), "#000000");
    assert_eq!(blend([255, 255, 255], DECAL), [204, 204, 204]);
}

/// The theme's custom properties and rules, read from its stylesheet.
struct Stylesheet {
    variables: BTreeMap<String, String>,
    /// (selector, property, value) of every declaration.
    declarations: Vec<(String, String, String)>,
}

fn read_stylesheet(css: &str) -> Stylesheet {
    let mut text = css.to_owned();
    while let Some(start) = text.find("/*") {
        let end = text[start..]
            .find("*/")
            .map_or(text.len(), |e| start + e + 2);
        text.replace_range(start..end, "");
    }
    let mut declarations = Vec::new();
    // Innermost blocks: `selector { declarations }`, also inside @media.
    let mut rest = text.as_str();
    while let Some(close) = rest.find('}') {
        let block = &rest[..close];
        rest = &rest[close + 1..];
        let Some(open) = block.rfind('{') else {
            continue;
        };
        let selector = block[..open].rsplit(['{', '}']).next().unwrap_or("").trim();
        for d in block[open + 1..].split(';') {
            if let Some((property, value)) = d.split_once(':') {
                declarations.push((
                    selector.to_owned(),
                    property.trim().to_owned(),
                    value.trim().to_owned(),
                ));
            }
        }
    }
    let variables = declarations
        .iter()
        .filter(|(_, p, _)| p.starts_with("--"))
        .map(|(_, p, v)| (p.clone(), v.clone()))
        .collect();
    Stylesheet {
        variables,
        declarations,
    }
}

impl Stylesheet {
    /// The first colour in a value (`#…` or `var(--…)`), resolved.
    fn colour(&self, value: &str) -> Option<[u8; 3]> {
        value.split_whitespace().find_map(|token| {
            let token = token.trim_end_matches(',');
            match token.strip_prefix("var(").and_then(|v| v.strip_suffix(')')) {
                Some(name) => self.colour(self.variables.get(name)?),
                None => parse_hex(token),
            }
        })
    }

    /// (selector, colour) of every declaration of `properties`.
    fn colours(&self, properties: &[&str]) -> Vec<(String, [u8; 3])> {
        self.declarations
            .iter()
            .filter(|(_, p, _)| properties.contains(&p.as_str()))
            .filter_map(|(s, _, v)| Some((s.clone(), self.colour(v)?)))
            .collect()
    }
}

/// Every text colour of the stylesheet against every background it may be drawn on. Dark text
/// sits on light backgrounds and light text on dark ones (the theme's light backgrounds are pale
/// tints, its dark ones saturated fills), so each text colour is checked against every
/// background of the other kind, the page's included.
#[test]
fn every_text_colour_of_the_stylesheet_reads_at_4_5_to_1() {
    let css = include_str!("../../../themes/default/static/qmsite.css");
    let sheet = read_stylesheet(css);
    let texts = sheet.colours(&["color"]);
    let mut backgrounds = sheet.colours(&["background", "background-color"]);
    backgrounds.push(("the page".into(), WHITE));
    assert!(
        texts.len() > 20 && backgrounds.len() > 10,
        "the stylesheet was not read"
    );
    let dark = |c: [u8; 3]| luminance(c) < 0.4;
    let mut problems = Vec::new();
    for (text_rule, text) in &texts {
        for (background_rule, background) in &backgrounds {
            if dark(*text) == dark(*background) {
                continue;
            }
            let ratio = contrast(*text, *background);
            if ratio < MINIMUM {
                problems.push(format!(
                    "`{text_rule}` text on `{background_rule}` background: {ratio:.2}:1"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
