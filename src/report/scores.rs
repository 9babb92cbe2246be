//! Scores: dimension values from the scale, weighted domain scores and the index.

use serde::Serialize;
use typed_index_collections::TiVec;

use crate::content::model::framework::IndexRollup;
use crate::site::{Assessment, DimensionId, DomainId, Framework};

/// Scores of one assessment.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scores {
    /// Value of each dimension, `None` when not rated.
    pub dimensions: TiVec<DimensionId, Option<f64>>,
    /// Score of each domain, `None` when none of its dimensions is rated.
    pub domains: TiVec<DomainId, Option<f64>>,
    /// The index, `None` when nothing is rated.
    pub index: Option<f64>,
    /// How many dimensions are rated.
    pub rated: usize,
}

/// Weighted mean of the values that are present; `None` when none is, or weights sum to zero.
pub fn weighted_mean(values: impl IntoIterator<Item = (Option<f64>, f64)>) -> Option<f64> {
    let (mut sum, mut weight) = (0.0, 0.0);
    for (v, w) in values {
        if let Some(v) = v {
            sum += v * w;
            weight += w;
        }
    }
    (weight > 0.0).then(|| sum / weight)
}

/// Scores an assessment against its framework.
pub fn score(framework: &Framework, assessment: &Assessment) -> Scores {
    let dimensions: TiVec<DimensionId, Option<f64>> = assessment
        .ratings
        .iter()
        .map(|r| r.level.map(|l| framework.scale[l].value))
        .collect();
    let domains: TiVec<DomainId, Option<f64>> = framework
        .domains
        .iter()
        .map(|d| {
            weighted_mean(
                d.dimensions
                    .iter()
                    .map(|&i| (dimensions[i], framework.dimensions[i].weight)),
            )
        })
        .collect();
    let index = match framework.index_rollup {
        IndexRollup::Domains => weighted_mean(
            framework
                .domains
                .iter()
                .zip(domains.iter())
                .map(|(d, s)| (*s, d.weight)),
        ),
        IndexRollup::Dimensions => weighted_mean(
            framework
                .dimensions
                .iter()
                .zip(dimensions.iter())
                .map(|(d, v)| (*v, d.weight)),
        ),
    };
    Scores {
        rated: dimensions.iter().filter(|v| v.is_some()).count(),
        dimensions,
        domains,
        index,
    }
}

/// The difference between two values when both are present.
pub fn delta(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(now? - before?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{Dimension, Domain, Rating, ScaleLevel};
    use std::collections::HashMap;

    /// Two domains: A (dims a1 weight 1, a2 weight 3) and B (b1), scale 0 / 20 / 60 / 100.
    fn framework(rollup: IndexRollup) -> Framework {
        let level = |id: &str, value| ScaleLevel {
            id: id.into(),
            label: id.into(),
            value,
            description: String::new(),
        };
        let dim = |id: &str, domain: usize, weight| Dimension {
            id: id.into(),
            name: id.into(),
            domain: domain.into(),
            description: String::new(),
            weight,
        };
        Framework {
            id: "f".into(),
            name: "F".into(),
            short_name: "F".into(),
            description: String::new(),
            example: true,
            unit: "%".into(),
            index_rollup: rollup,
            scale: [
                level("none", 0.0),
                level("low", 20.0),
                level("mid", 60.0),
                level("high", 100.0),
            ]
            .into_iter()
            .collect(),
            domains: [
                Domain {
                    id: "A".into(),
                    name: "A".into(),
                    description: String::new(),
                    weight: 1.0,
                    dimensions: vec![0.into(), 1.into()],
                },
                Domain {
                    id: "B".into(),
                    name: "B".into(),
                    description: String::new(),
                    weight: 3.0,
                    dimensions: vec![2.into()],
                },
            ]
            .into_iter()
            .collect(),
            dimensions: [dim("a1", 0, 1.0), dim("a2", 0, 3.0), dim("b1", 1, 1.0)]
                .into_iter()
                .collect(),
            dimension_by_id: HashMap::new(),
            declared_dimensions: Default::default(),
        }
    }

    fn assessment(levels: [Option<usize>; 3]) -> Assessment {
        Assessment {
            id: "x".into(),
            title: "x".into(),
            framework: 0.into(),
            unit: crate::site::UnitId::ORGANISATION,
            file: "content/assessments/x.toml".into(),
            date: jiff::civil::date(2026, 1, 1),
            assessor: String::new(),
            scope: String::new(),
            method: String::new(),
            summary: String::new(),
            cost: Default::default(),
            ratings: levels
                .iter()
                .map(|l| Rating {
                    level: l.map(Into::into),
                    ..Rating::default()
                })
                .collect(),
        }
    }

    fn values<K>(v: &TiVec<K, Option<f64>>) -> Vec<Option<f64>> {
        v.iter().copied().collect()
    }

    #[test]
    fn scores_roll_up_by_weighted_means() {
        // a1 = 20, a2 = 100 (weight 3): A = (20 + 300) / 4 = 80. b1 = 60: B = 60.
        // Index over domains, weights 1 and 3: (80 + 180) / 4 = 65.
        let s = score(
            &framework(IndexRollup::Domains),
            &assessment([Some(1), Some(3), Some(2)]),
        );
        assert_eq!(
            values(&s.dimensions),
            vec![Some(20.0), Some(100.0), Some(60.0)]
        );
        assert_eq!(values(&s.domains), vec![Some(80.0), Some(60.0)]);
        assert_eq!(s.index, Some(65.0));
        assert_eq!(s.rated, 3);
        // Over dimensions, weights 1, 3, 1: (20 + 300 + 60) / 5 = 76.
        let s = score(
            &framework(IndexRollup::Dimensions),
            &assessment([Some(1), Some(3), Some(2)]),
        );
        assert_eq!(s.index, Some(76.0));
    }

    #[test]
    fn unrated_dimensions_are_left_out_never_zero() {
        // a2 not rated: A = 20 alone; B not rated at all: index = A = 20.
        let s = score(
            &framework(IndexRollup::Domains),
            &assessment([Some(1), None, None]),
        );
        assert_eq!(values(&s.dimensions), vec![Some(20.0), None, None]);
        assert_eq!(values(&s.domains), vec![Some(20.0), None]);
        assert_eq!(s.index, Some(20.0));
        assert_eq!(s.rated, 1);
        let s = score(
            &framework(IndexRollup::Domains),
            &assessment([None, None, None]),
        );
        assert_eq!(s.index, None);
        // "none" (value 0) is a rating, and counts: A = (0 + 3 * 100) / 4 = 75.
        let s = score(
            &framework(IndexRollup::Domains),
            &assessment([Some(0), Some(3), None]),
        );
        assert_eq!(s.domains[DomainId::from(0)], Some(75.0));
    }
}
