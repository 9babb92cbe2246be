//! Deliberate falls: a dimension that fell because the organisation decided to lower it.
//!
//! The IT QMS allows negative improvement: lowering one part on purpose to optimise the whole.
//! Such a fall must read as the decision it is, never as a failure, so every page that shows a
//! change asks this module which falls an improvement explains.

use std::collections::HashMap;

use jiff::civil::Date;
use typed_index_collections::TiVec;

use crate::content::model::Direction;
use crate::content::model::improvement::Status;
use crate::site::{Assessment, DimensionId, DimensionRef, ImprovementId, Site};

/// The improvements that can explain a fall of each dimension: those with direction "lower"
/// that were decided (approved, in progress, on hold or done; not merely proposed, not
/// rejected) and touch the dimension directly or through a QMS component that serves it.
pub struct Lowerings(HashMap<DimensionRef, Vec<ImprovementId>>);

impl Lowerings {
    /// Collects the lowering improvements of a site by the dimensions they touch.
    pub fn of(site: &Site) -> Lowerings {
        let mut map: HashMap<DimensionRef, Vec<ImprovementId>> = HashMap::new();
        for (id, i) in site.improvements.iter_enumerated() {
            let decided = matches!(
                i.status,
                Status::Approved | Status::InProgress | Status::OnHold | Status::Done
            );
            if i.direction != Direction::Lower || !decided {
                continue;
            }
            let through_qms = i.qms.iter().flat_map(|&q| &site.qms[q].dimensions);
            for &d in i.dimensions.iter().chain(through_qms) {
                let list = map.entry(d).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
        for list in map.values_mut() {
            list.sort();
        }
        Lowerings(map)
    }

    /// For each dimension of `now`, the improvements that explain its fall since `before`
    /// (raised on or before the date of `now`); empty where it did not fall or nothing
    /// explains it.
    pub fn explain(
        &self,
        site: &Site,
        now: (&Assessment, &TiVec<DimensionId, Option<f64>>),
        before: Option<&TiVec<DimensionId, Option<f64>>>,
    ) -> TiVec<DimensionId, Vec<ImprovementId>> {
        let (assessment, values) = now;
        values
            .iter_enumerated()
            .map(|(d, &v)| {
                let fell = before
                    .and_then(|b| super::delta(v, b[d]))
                    .is_some_and(|x| x < 0.0);
                if !fell {
                    return Vec::new();
                }
                let r = DimensionRef {
                    framework: assessment.framework,
                    dimension: d,
                };
                self.raised_by(site, r, assessment.date)
            })
            .collect()
    }

    fn raised_by(&self, site: &Site, r: DimensionRef, date: Date) -> Vec<ImprovementId> {
        self.0.get(&r).map_or_else(Vec::new, |list| {
            list.iter()
                .copied()
                .filter(|&i| site.improvements[i].raised <= date)
                .collect()
        })
    }
}
