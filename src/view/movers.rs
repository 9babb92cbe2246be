//! The dashboard's lists of dimensions that stand out: strongest, weakest, and those that moved
//! most since the previous assessment of the same unit.
//!
//! Each list shows three dimensions. When dimensions share the value at the cut, the list says
//! how many share it and how many are shown, and equal values are always listed in framework
//! order, a rule the page states. With fewer than six dimensions rated, the strongest and the
//! weakest take half of them each, so that no dimension is listed as both.

use schemars::JsonSchema;
use serde::Serialize;

use super::Ctx;
use super::common::{Link, trend_of};
use crate::plan::paths;
use crate::render::charts::round1;
use crate::render::strings::Strings;
use crate::site::{AssessmentId, DimensionId};

/// How many dimensions each list shows.
const SHOWN: usize = 3;

/// Dimensions that stand out.
#[derive(Serialize, JsonSchema, Default)]
pub struct Movers {
    /// Most improved since the previous assessment.
    pub up: Vec<Mover>,
    /// When a tie crosses the cut of `up`: how many share the value and how many are shown.
    pub up_tie: String,
    /// Most declined since the previous assessment (deliberate falls included, marked).
    pub down: Vec<Mover>,
    /// When a tie crosses the cut of `down`.
    pub down_tie: String,
    /// Highest rated.
    pub strongest: Vec<Mover>,
    /// When a tie crosses the cut of `strongest`, e.g. "3 of 13 dimensions rated 80.0 are shown".
    pub strongest_tie: String,
    /// Lowest rated.
    pub weakest: Vec<Mover>,
    /// When a tie crosses the cut of `weakest`.
    pub weakest_tie: String,
    /// How equal values are ordered, as the page states it.
    pub tie_rule: String,
}

/// A dimension in a list of movers.
#[derive(Serialize, JsonSchema)]
pub struct Mover {
    /// Dimension id.
    pub id: String,
    /// Dimension name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Its value, printed.
    pub value: String,
    /// Its change, printed with its sign.
    pub delta: String,
    /// "up", "down", "flat" or "none".
    pub trend: &'static str,
    /// For a fall made on purpose, the improvements with direction "lower" that explain it.
    pub deliberate: Vec<Link>,
}

/// A list cut at `shown` from values sorted best first (framework order within equal values),
/// with the sentence saying how a tie at the cut was broken.
fn cut(
    ctx: &Ctx,
    (sorted, shown): (Vec<(f64, DimensionId)>, usize),
    tie_key: &str,
    view: impl Fn(&(f64, DimensionId)) -> Mover,
    printed: impl Fn(f64) -> String,
) -> (Vec<Mover>, String) {
    let tie = tie_sentence(&ctx.t, &sorted, shown, tie_key, printed);
    (sorted.iter().take(shown).map(view).collect(), tie)
}

/// When the value at the cut after `shown` is shared with a dimension left out: how many
/// dimensions share it and how many of them are shown. Empty otherwise. Values compare as
/// printed (one decimal).
fn tie_sentence(
    t: &Strings,
    sorted: &[(f64, DimensionId)],
    shown: usize,
    key: &str,
    printed: impl Fn(f64) -> String,
) -> String {
    let Some(last) = shown.checked_sub(1).and_then(|i| sorted.get(i)) else {
        return String::new();
    };
    let Some(next) = sorted.get(shown) else {
        return String::new();
    };
    let value = round1(last.0);
    if round1(next.0) != value {
        return String::new();
    }
    let shares = |(v, _): &&(f64, DimensionId)| round1(*v) == value;
    let total = sorted.iter().filter(shares).count();
    let shown = sorted.iter().take(shown).filter(shares).count();
    t.fill(
        key,
        &[
            ("shown", &shown.to_string()),
            ("total", &total.to_string()),
            ("value", &printed(value)),
        ],
    )
}

/// The dimensions of `latest` that stand out, and those that moved most since `previous` (the
/// assessment before it in its unit).
pub(super) fn movers(ctx: &Ctx, latest: AssessmentId, previous: Option<AssessmentId>) -> Movers {
    let site = ctx.site;
    let fw = &site.frameworks[site.assessments[latest].framework];
    let now = &ctx.report.scores(latest).dimensions;
    let view = |value: Option<f64>, delta: Option<f64>, d: DimensionId| Mover {
        id: fw.dimensions[d].id.clone(),
        name: fw.dimensions[d].name.clone(),
        url: paths::dimension(&fw.id, &fw.dimensions[d].id),
        value: ctx.t.figure(value, ""),
        delta: ctx.t.signed(delta),
        trend: trend_of(delta),
        deliberate: if delta.is_some() {
            ctx.deliberate_links(latest, d)
        } else {
            Vec::new()
        },
    };
    let mut rated: Vec<(f64, DimensionId)> = now
        .iter_enumerated()
        .filter_map(|(d, v)| v.map(|v| (v, d)))
        .collect();
    rated.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let value_of = |&(v, d): &(f64, DimensionId)| view(Some(v), None, d);
    let rated_as = |v: f64| ctx.t.figure(Some(v), "");
    // Half of the rated dimensions each at most, so that none is both strongest and weakest.
    let standing = SHOWN.min(rated.len() / 2);
    let (strongest, strongest_tie) = cut(
        ctx,
        (rated.clone(), standing),
        "tie_rated",
        value_of,
        rated_as,
    );
    rated.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let (weakest, weakest_tie) = cut(ctx, (rated, standing), "tie_rated", value_of, rated_as);
    let mut movers = Movers {
        strongest,
        strongest_tie,
        weakest,
        weakest_tie,
        tie_rule: ctx.t.get("tie_rule"),
        ..Movers::default()
    };
    let Some(p) = previous else {
        return movers;
    };
    let before = &ctx.report.scores(p).dimensions;
    let mut moved: Vec<(f64, DimensionId)> = fw
        .dimensions
        .keys()
        .filter_map(|d| crate::report::delta(now[d], before[d]).map(|x| (x, d)))
        .filter(|(x, _)| round1(*x) != 0.0)
        .collect();
    let delta_of = |&(x, d): &(f64, DimensionId)| view(now[d], Some(x), d);
    let moved_by = |x: f64| ctx.t.signed(Some(x));
    moved.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let up: Vec<(f64, DimensionId)> = moved.iter().copied().filter(|m| m.0 > 0.0).collect();
    (movers.up, movers.up_tie) = cut(ctx, (up, SHOWN), "tie_moved", delta_of, moved_by);
    moved.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let down: Vec<(f64, DimensionId)> = moved.iter().copied().filter(|m| m.0 < 0.0).collect();
    (movers.down, movers.down_tie) = cut(ctx, (down, SHOWN), "tie_moved", delta_of, moved_by);
    movers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tie_at_the_cut_says_how_many_share_the_value() {
        let t = Strings::new(
            [(
                "tie_rated",
                "{shown} of {total} dimensions rated {value} are shown",
            )]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
            "en",
        );
        let values = |v: &[f64]| -> Vec<(f64, DimensionId)> {
            v.iter().enumerate().map(|(i, &x)| (x, i.into())).collect()
        };
        let sentence = |sorted: Vec<(f64, DimensionId)>| {
            tie_sentence(&t, &sorted, SHOWN, "tie_rated", |v| format!("{v:.1}"))
        };
        // Three of the five dimensions rated 80 fit under one better value: two are shown.
        assert_eq!(
            sentence(values(&[100.0, 80.0, 80.0, 80.0, 80.0, 50.0])),
            "2 of 4 dimensions rated 80.0 are shown"
        );
        assert_eq!(
            sentence(values(&[100.0, 80.0, 50.0, 50.0])),
            "1 of 2 dimensions rated 50.0 are shown"
        );
        // The cut falls between different values (as printed): nothing to say.
        assert_eq!(sentence(values(&[100.0, 80.0, 50.0, 40.0])), "");
        assert_eq!(
            sentence(values(&[100.0, 80.0, 50.04, 49.96])),
            "1 of 2 dimensions rated 50.0 are shown"
        );
        assert_eq!(sentence(values(&[80.0, 80.0])), "");
        // A list cut after one of two equal values says so; a list of none says nothing.
        let two = values(&[40.0, 40.0]);
        assert_eq!(
            tie_sentence(&t, &two, 1, "tie_rated", |v| format!("{v:.1}")),
            "1 of 2 dimensions rated 40.0 are shown"
        );
        assert_eq!(
            tie_sentence(&t, &two, 0, "tie_rated", |v| format!("{v:.1}")),
            ""
        );
    }
}
