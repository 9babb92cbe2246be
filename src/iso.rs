//! The ISO/IEC 20000-1:2018 clause catalogue (clauses 4 to 10), built into qmsite.
//!
//! Coverage files and improvements refer to clauses by number; this catalogue is what those
//! numbers are checked against and where their titles come from.

/// One clause or sub-clause of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// Its number, e.g. `8.5.1`.
    pub number: &'static str,
    /// Its title as commonly cited.
    pub title: &'static str,
    /// True when coverage is rated at this clause (the leaves); groups roll their leaves up.
    pub rated: bool,
}

const fn group(number: &'static str, title: &'static str) -> Clause {
    Clause {
        number,
        title,
        rated: false,
    }
}

const fn leaf(number: &'static str, title: &'static str) -> Clause {
    Clause {
        number,
        title,
        rated: true,
    }
}

/// Every clause in document order.
pub const CLAUSES: &[Clause] = &[
    group("4", "Context of the organization"),
    leaf("4.1", "Understanding the organization and its context"),
    leaf(
        "4.2",
        "Understanding the needs and expectations of interested parties",
    ),
    leaf(
        "4.3",
        "Determining the scope of the service management system",
    ),
    leaf("4.4", "Service management system"),
    group("5", "Leadership"),
    leaf("5.1", "Leadership and commitment"),
    leaf("5.2", "Policy"),
    leaf(
        "5.3",
        "Organizational roles, responsibilities and authorities",
    ),
    group("6", "Planning"),
    leaf("6.1", "Actions to address risks and opportunities"),
    leaf(
        "6.2",
        "Service management objectives and planning to achieve them",
    ),
    leaf("6.3", "Plan the service management system"),
    group("7", "Support of the service management system"),
    leaf("7.1", "Resources"),
    leaf("7.2", "Competence"),
    leaf("7.3", "Awareness"),
    leaf("7.4", "Communication"),
    leaf("7.5", "Documented information"),
    leaf("7.6", "Knowledge"),
    group("8", "Operation of the service management system"),
    leaf("8.1", "Operational planning and control"),
    group("8.2", "Service portfolio"),
    leaf("8.2.1", "Service delivery"),
    leaf("8.2.2", "Plan the services"),
    leaf(
        "8.2.3",
        "Control of parties involved in the service lifecycle",
    ),
    leaf("8.2.4", "Service catalogue management"),
    leaf("8.2.5", "Asset management"),
    leaf("8.2.6", "Configuration management"),
    group("8.3", "Relationship and agreement"),
    leaf("8.3.2", "Business relationship management"),
    leaf("8.3.3", "Service level management"),
    leaf("8.3.4", "Supplier management"),
    group("8.4", "Supply and demand"),
    leaf("8.4.1", "Budgeting and accounting for services"),
    leaf("8.4.2", "Demand management"),
    leaf("8.4.3", "Capacity management"),
    group("8.5", "Service design, build and transition"),
    leaf("8.5.1", "Change management"),
    leaf("8.5.2", "Service design and transition"),
    leaf("8.5.3", "Release and deployment management"),
    group("8.6", "Resolution and fulfilment"),
    leaf("8.6.1", "Incident management"),
    leaf("8.6.2", "Service request management"),
    leaf("8.6.3", "Problem management"),
    group("8.7", "Service assurance"),
    leaf("8.7.1", "Service availability management"),
    leaf("8.7.2", "Service continuity management"),
    leaf("8.7.3", "Information security management"),
    group("9", "Performance evaluation"),
    leaf("9.1", "Monitoring, measurement, analysis and evaluation"),
    leaf("9.2", "Internal audit"),
    leaf("9.3", "Management review"),
    leaf("9.4", "Service reporting"),
    group("10", "Improvement"),
    leaf("10.1", "Nonconformity and corrective action"),
    leaf("10.2", "Continual improvement"),
];

/// Looks a clause up by its number.
pub fn find(number: &str) -> Option<&'static Clause> {
    CLAUSES.iter().find(|c| c.number == number)
}

/// The top-level group a clause belongs to (`8.5.1` → `8`).
pub fn top_group(number: &str) -> &str {
    number.split('.').next().unwrap_or(number)
}

/// The clauses at which coverage is rated.
pub fn rated() -> impl Iterator<Item = &'static Clause> {
    CLAUSES.iter().filter(|c| c.rated)
}

/// The top-level groups (4 … 10).
pub fn top_groups() -> impl Iterator<Item = &'static Clause> {
    CLAUSES.iter().filter(|c| !c.number.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_has_every_rated_clause_once_and_groups_resolve() {
        let rated: Vec<_> = rated().map(|c| c.number).collect();
        assert_eq!(rated.len(), 44);
        let mut dedup = rated.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), rated.len());
        for c in CLAUSES {
            assert!(find(top_group(c.number)).is_some(), "{}", c.number);
        }
        assert_eq!(top_groups().count(), 7);
        assert_eq!(find("8.5.1").map(|c| c.title), Some("Change management"));
        assert!(find("8.3.1").is_none());
    }
}
