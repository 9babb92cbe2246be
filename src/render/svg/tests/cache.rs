//! The cache folder: a hit gives the same bytes without drawing, a miss draws and stores, and a
//! damaged or changed entry is drawn again and repaired.

use super::*;
use crate::render::svg::cache::Key;

const SIZE: ChartSize = ChartSize {
    width: 560,
    height: 352,
};

fn entry(dir: &std::path::Path, option: &str, size: ChartSize) -> std::path::PathBuf {
    dir.join(format!(
        "{}.svg",
        Key::of(option, size.width, size.height).hex()
    ))
}

#[test]
fn a_warm_cache_answers_without_drawing_and_gives_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = trend("x");
    let cold = Drawer::new(Some(dir.path().to_path_buf()));
    let drawn = cold.draw(&v.id, &v.option, SIZE).expect("drawn");
    let s = cold.stats();
    assert_eq!((s.drawn, s.disk_hits, s.write_failures), (1, 0, 0), "{s:?}");
    assert!(entry(dir.path(), &v.option, SIZE).is_file());

    let warm = Drawer::new(Some(dir.path().to_path_buf()));
    let cached = warm.draw(&v.id, &v.option, SIZE).expect("cached");
    assert_eq!(drawn, cached);
    let s = warm.stats();
    assert_eq!((s.drawn, s.disk_hits, s.corrupt), (0, 1, 0), "{s:?}");

    // Another size or option is a miss: drawn and stored beside the first.
    let wide = ChartSize {
        width: 1120,
        ..SIZE
    };
    warm.draw(&v.id, &v.option, wide).expect("drawn");
    warm.draw("r", &radar("x").option, SIZE).expect("drawn");
    assert_eq!(warm.stats().drawn, 2);
    assert_eq!(std::fs::read_dir(dir.path()).expect("listed").count(), 3);
}

#[test]
fn damaged_or_changed_entries_are_drawn_again_and_repaired() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = trend("x");
    let good = Drawer::new(Some(dir.path().to_path_buf()))
        .draw(&v.id, &v.option, SIZE)
        .expect("drawn");
    let path = entry(dir.path(), &v.option, SIZE);
    let whole = std::fs::read_to_string(&path).expect("entry");
    let (head, body) = whole.split_once('\n').expect("header line");
    // A changed drawing with a matching hash line: the checksum alone would take it.
    let evil_body = body.replacen("<path ", "<script>alert(1)</script><path ", 1);
    let evil = {
        use sha2::Digest;
        let hash: String = sha2::Sha256::digest(evil_body.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let magic = head.rsplit_once(' ').map_or("", |(m, _)| m);
        format!("{magic} {hash}\n{evil_body}")
    };
    let damaged = [
        whole[..whole.len() / 2].to_owned(),
        whole.replacen("<path", "<paTH", 1),
        String::from("garbage"),
        String::new(),
        evil,
    ];
    for bad in damaged {
        std::fs::write(&path, &bad).expect("damaged");
        let drawer = Drawer::new(Some(dir.path().to_path_buf()));
        let again = drawer.draw(&v.id, &v.option, SIZE).expect("drawn again");
        assert_eq!(again, good, "from {bad:.60}");
        let s = drawer.stats();
        assert_eq!((s.corrupt, s.drawn, s.disk_hits), (1, 1, 0), "{s:?}");
        assert_eq!(std::fs::read_to_string(&path).expect("repaired"), whole);
    }
}

#[test]
fn an_unwritable_cache_folder_still_gives_every_drawing() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A file where the folder should be: nothing can be stored.
    let blocked = dir.path().join("cache");
    std::fs::write(&blocked, "a file").expect("file");
    let drawer = Drawer::new(Some(blocked.clone()));
    let v = trend("x");
    let svg = drawer.draw(&v.id, &v.option, SIZE).expect("drawn");
    assert!(svg.starts_with("<svg"));
    assert_eq!(drawer.stats().write_failures, 1);
    assert_eq!(std::fs::read_to_string(&blocked).expect("file"), "a file");
}

/// The ids of a drawing.
fn ids(svg: &str) -> Vec<String> {
    Drawing::read(svg)
        .nodes
        .iter()
        .filter_map(|n| n.attrs.get("id").cloned())
        .collect()
}

#[test]
fn a_chart_across_the_page_is_drawn_as_wide_as_the_page_column() {
    let plane = scatter("x");
    assert!(plane.full_width);
    let (wide, narrow) = super::super::sizes(&plane);
    assert_eq!(
        (wide.width, narrow.width),
        (super::super::FULL, super::super::NARROW)
    );
}

#[test]
fn charts_placed_on_one_page_are_drawn_at_both_widths_and_share_no_id() {
    let drawer = Drawer::new(None);
    let trend = trend("x");
    let mut bars = dimension_bars("y");
    bars.height_px = Some(500);
    // Patterns give a drawing ids of its own (a theme may turn them on).
    let patterned = bars
        .option
        .replace(r#""decal":{"show":false}"#, r#""decal":{"show":true}"#);
    assert_ne!(patterned, bars.option, "no decal switch in {}", bars.option);
    bars.option = patterned;
    let first = drawer.place("p.html#t", &trend, 0).expect("placed");
    let second = drawer.place("p.html#d", &bars, 1).expect("placed");
    let (wide, narrow) = super::super::sizes(&trend);
    for (svg, size) in [(&first.wide, wide), (&first.narrow, narrow)] {
        let root = &Drawing::read(svg).nodes[0];
        assert_eq!(root.attrs.get("width"), Some(&size.width.to_string()));
        assert_eq!(root.attrs.get("height"), Some(&size.height.to_string()));
    }
    assert_eq!(
        (wide.width, narrow.width),
        (super::super::WIDE, super::super::NARROW)
    );
    let all: Vec<Vec<String>> = [&first.wide, &first.narrow, &second.wide, &second.narrow]
        .iter()
        .map(|svg| ids(svg))
        .collect();
    let prefixes = ["c0w-", "c0n-", "c1w-", "c1n-"];
    for (list, prefix) in all.iter().zip(prefixes) {
        assert!(!list.is_empty(), "{prefix}: no ids");
        assert!(list.iter().all(|id| id.starts_with(prefix)), "{list:?}");
    }
    let mut seen = std::collections::BTreeSet::new();
    for id in all.iter().flatten() {
        assert!(seen.insert(id.clone()), "{id} twice on one page");
    }
    // A chart's own height is kept at both widths.
    assert!(second.wide.contains("height=\"500\""));
    assert!(second.narrow.contains("height=\"500\""));
}
