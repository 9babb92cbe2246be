//! What the rest of qmsite asks of a validated site: the assessments of a unit or framework, the
//! unit that stands for the site.

use super::{AssessmentId, BenchmarkId, FrameworkId, Site, UnitId};

impl Site {
    /// The assessments of one framework in every unit, oldest first (for search, which lists
    /// every note; never for figures, which stay within one unit).
    pub fn assessments_of(
        &self,
        framework: FrameworkId,
    ) -> impl Iterator<Item = AssessmentId> + '_ {
        self.assessments
            .iter_enumerated()
            .filter(move |(_, a)| a.framework == framework)
            .map(|(id, _)| id)
    }

    /// The assessments of one unit in one framework, oldest first: the series every "previous",
    /// change and trend is taken from.
    pub fn assessments_in(
        &self,
        unit: UnitId,
        framework: FrameworkId,
    ) -> impl Iterator<Item = AssessmentId> + '_ {
        self.assessments
            .iter_enumerated()
            .filter(move |(_, a)| a.framework == framework && a.unit == unit)
            .map(|(id, _)| id)
    }

    /// The latest assessment of one unit in one framework.
    pub fn latest_in(&self, unit: UnitId, framework: FrameworkId) -> Option<AssessmentId> {
        self.assessments_in(unit, framework).last()
    }

    /// The units with at least one assessment of a framework, in unit order.
    pub fn units_of(&self, framework: FrameworkId) -> Vec<UnitId> {
        self.units
            .keys()
            .filter(|&u| self.latest_in(u, framework).is_some())
            .collect()
    }

    /// The unit whose assessments of a framework stand for the site (on the dashboard, in the
    /// full report and among peers): the organisation as a whole when it has one, else the
    /// first unit of `qmsite.toml` that has one.
    pub fn lead_unit(&self, framework: FrameworkId) -> UnitId {
        self.units_of(framework)
            .first()
            .copied()
            .unwrap_or(UnitId::ORGANISATION)
    }

    /// The unit the dashboard shows: the lead unit of the main framework.
    pub fn main_unit(&self) -> UnitId {
        self.lead_unit(self.main_framework)
    }

    /// The units a reader can meet: every unit of `qmsite.toml`, and the organisation as a whole
    /// when it has an assessment or no unit is declared.
    pub fn shown_units(&self) -> Vec<UnitId> {
        self.units
            .keys()
            .filter(|&u| {
                u != UnitId::ORGANISATION
                    || self.units.len() == 1
                    || self.assessments.iter().any(|a| a.unit == u)
            })
            .collect()
    }

    /// True when readers meet more than one unit: pages then name the unit of every figure and
    /// the site has a units page.
    pub fn several_units(&self) -> bool {
        self.shown_units().len() > 1
    }

    /// The first benchmark of a framework, the one the dashboard places us in.
    pub fn main_benchmark(&self, framework: FrameworkId) -> Option<BenchmarkId> {
        self.benchmarks
            .iter_enumerated()
            .find(|(_, b)| b.framework == framework)
            .map(|(id, _)| id)
    }
}
