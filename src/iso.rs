//! The ISO/IEC 20000-1:2018 clause catalogue (clauses 4 to 10 with their sub-clauses), built
//! into qmsite.
//!
//! Coverage files, improvements and QMS components refer to clauses by number; this catalogue is
//! what those numbers are checked against, where their titles come from and how they nest. The
//! titles are short descriptions in qmsite's own words, not the standard's text.
//!
//! Coverage is counted on one level of the tree, the *counted* clauses: every path from a
//! top-level clause down to a clause without sub-clauses passes exactly one counted clause, so
//! counting them counts each part of the standard once, never a parent and its child together.
//! The counted clauses are the numbered requirements a coverage checklist lists: the second
//! level (4.1 … 7.6, 9.1 … 10.2, and 8.1), and in clause 8 the processes of each section
//! (8.2.1 … 8.7.3). Headings above them (4 … 10, 8.2 … 8.7) and parts below them (5.2.1,
//! 8.5.1.1 …) may be referred to and rated too; see `report::coverage` for how states roll up.

/// One clause or sub-clause of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// Its number, e.g. `8.5.1`; the parent's number is this one without its last part.
    pub number: &'static str,
    /// A short title in qmsite's own words, in English: the terminal, the exports and the
    /// built-in English string table use it; pages take the title of the site's language.
    pub title: &'static str,
    /// True for the clauses coverage is counted on (see the module documentation).
    pub counted: bool,
}

impl Clause {
    /// The number of the clause this one belongs to (`8.5.1.1` → `8.5.1`); none at the top.
    pub fn parent_number(&self) -> Option<&'static str> {
        self.number.rsplit_once('.').map(|(parent, _)| parent)
    }

    /// The clause this one belongs to; none for the top-level clauses 4 … 10.
    pub fn parent(&self) -> Option<&'static Clause> {
        self.parent_number().and_then(find)
    }

    /// How many levels below its top-level clause it sits (`8` → 0, `8.5.1.1` → 3).
    pub fn depth(&self) -> usize {
        self.number.matches('.').count()
    }

    /// Its direct sub-clauses, in document order.
    pub fn children(&self) -> impl Iterator<Item = &'static Clause> + '_ {
        CLAUSES
            .iter()
            .filter(move |c| c.parent_number() == Some(self.number))
    }

    /// Whether it is a part of a counted clause (5.2.1, 8.5.1.1 …), below the counting level.
    pub fn is_part(&self) -> bool {
        std::iter::successors(self.parent(), |c| c.parent()).any(|c| c.counted)
    }

    /// Whether it has sub-clauses.
    pub fn has_children(&self) -> bool {
        self.children().next().is_some()
    }

    /// The key of its title in the theme's string tables (`8.5.1` → `iso_8_5_1`): pages show the
    /// title in the site's language, and `title` here is only the English source.
    pub fn key(&self) -> String {
        format!("iso_{}", self.number.replace('.', "_"))
    }
}

/// A heading above the counted clauses (4 … 10, 8.2 … 8.7).
const fn heading(number: &'static str, title: &'static str) -> Clause {
    Clause {
        number,
        title,
        counted: false,
    }
}

/// A clause coverage is counted on.
const fn counted(number: &'static str, title: &'static str) -> Clause {
    Clause {
        number,
        title,
        counted: true,
    }
}

/// A part of a counted clause (5.2.1, 8.5.1.1 …).
const fn part(number: &'static str, title: &'static str) -> Clause {
    Clause {
        number,
        title,
        counted: false,
    }
}

/// Every clause in document order (a clause always comes after its parent). The single list
/// of clause numbers: validation, the JSON Schemas, `init` and every page read it.
pub const CLAUSES: &[Clause] = &[
    heading("4", "Context of the organization"),
    counted("4.1", "The organization and its context"),
    counted("4.2", "Interested parties and what they expect"),
    counted("4.3", "Scope of the service management system"),
    counted("4.4", "The service management system"),
    heading("5", "Leadership"),
    counted("5.1", "Commitment of top management"),
    counted("5.2", "Service management policy"),
    part("5.2.1", "Setting the policy"),
    part("5.2.2", "Making the policy known"),
    counted("5.3", "Roles, responsibilities and authorities"),
    heading("6", "Planning"),
    counted("6.1", "Risks and opportunities"),
    counted("6.2", "Objectives and how to reach them"),
    part("6.2.1", "Setting objectives"),
    part("6.2.2", "Planning to reach the objectives"),
    counted("6.3", "Planning the service management system"),
    heading("7", "Support"),
    counted("7.1", "Resources"),
    counted("7.2", "Competence"),
    counted("7.3", "Awareness"),
    counted("7.4", "Communication"),
    counted("7.5", "Documented information"),
    part("7.5.1", "Documented information in general"),
    part("7.5.2", "Writing and updating documents"),
    part("7.5.3", "Controlling documents and records"),
    part("7.5.4", "Documents the system must hold"),
    counted("7.6", "Knowledge"),
    heading("8", "Operation"),
    counted("8.1", "Planning and controlling operation"),
    heading("8.2", "Service portfolio"),
    counted("8.2.1", "Delivering services"),
    counted("8.2.2", "Planning services"),
    counted("8.2.3", "Parties in the service lifecycle"),
    counted("8.2.4", "Service catalogue management"),
    counted("8.2.5", "Asset management"),
    counted("8.2.6", "Configuration management"),
    heading("8.3", "Relationships and agreements"),
    counted("8.3.1", "Relationships and agreements in general"),
    counted("8.3.2", "Business relationship management"),
    counted("8.3.3", "Service level management"),
    counted("8.3.4", "Supplier management"),
    part("8.3.4.1", "External suppliers"),
    part("8.3.4.2", "Internal suppliers and customers who supply"),
    heading("8.4", "Supply and demand"),
    counted("8.4.1", "Budgeting and accounting for services"),
    counted("8.4.2", "Demand management"),
    counted("8.4.3", "Capacity management"),
    heading("8.5", "Design, build and transition"),
    counted("8.5.1", "Change management"),
    part("8.5.1.1", "Change management policy"),
    part("8.5.1.2", "Starting a change"),
    part("8.5.1.3", "Carrying out changes"),
    counted("8.5.2", "Service design and transition"),
    part("8.5.2.1", "Planning new or changed services"),
    part("8.5.2.2", "Designing them"),
    part("8.5.2.3", "Building and transitioning them"),
    counted("8.5.3", "Release and deployment management"),
    heading("8.6", "Resolution and fulfilment"),
    counted("8.6.1", "Incident management"),
    counted("8.6.2", "Service request management"),
    counted("8.6.3", "Problem management"),
    heading("8.7", "Service assurance"),
    counted("8.7.1", "Availability management"),
    counted("8.7.2", "Continuity management"),
    counted("8.7.3", "Information security management"),
    part("8.7.3.1", "Information security policy"),
    part("8.7.3.2", "Information security controls"),
    part("8.7.3.3", "Information security incidents"),
    heading("9", "Performance evaluation"),
    counted("9.1", "Monitoring, measurement, analysis and evaluation"),
    counted("9.2", "Internal audit"),
    counted("9.3", "Management review"),
    counted("9.4", "Service reporting"),
    heading("10", "Improvement"),
    counted("10.1", "Nonconformities and corrective action"),
    counted("10.2", "Continual improvement"),
];

/// Looks a clause up by its number.
pub fn find(number: &str) -> Option<&'static Clause> {
    CLAUSES.iter().find(|c| c.number == number)
}

/// Where a clause stands in document order, for sorting lists of clause numbers.
pub fn position(number: &str) -> Option<usize> {
    CLAUSES.iter().position(|c| c.number == number)
}

/// The top-level clause a clause belongs to (`8.5.1` → `8`).
pub fn top_group(number: &str) -> &str {
    number.split('.').next().unwrap_or(number)
}

/// The clauses coverage is counted on (see the module documentation).
pub fn counted_clauses() -> impl Iterator<Item = &'static Clause> {
    CLAUSES.iter().filter(|c| c.counted)
}

/// The top-level clauses (4 … 10).
pub fn top_groups() -> impl Iterator<Item = &'static Clause> {
    CLAUSES.iter().filter(|c| c.parent_number().is_none())
}

/// The clauses someone who wrote `number`, which is not in the catalogue, most likely meant:
/// the sub-clauses of its nearest existing parent (`8.9` → 8.1 … 8.7, `8.5.1.7` → 8.5.1.1 …
/// 8.5.1.3); that parent and its siblings when it has no sub-clauses (`8.6.1.1` → 8.6.1 …
/// 8.6.3); the top-level clauses when no part of it matches.
pub fn near(number: &str) -> Vec<&'static str> {
    let mut prefix = number.trim();
    while let Some((parent, _)) = prefix.rsplit_once('.') {
        if let Some(c) = find(parent) {
            let around = if c.has_children() {
                Some(c)
            } else {
                c.parent()
            };
            return match around {
                Some(a) => a.children().map(|c| c.number).collect(),
                None => top_groups().map(|c| c.number).collect(),
            };
        }
        prefix = parent;
    }
    top_groups().map(|c| c.number).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every clause number of the ISO/IEC 20000-1:2018 checklist, written out once more by hand
    /// so that a clause lost from the catalogue (or added twice) fails here.
    const EXPECTED: &str = "4 4.1 4.2 4.3 4.4 \
        5 5.1 5.2 5.2.1 5.2.2 5.3 \
        6 6.1 6.2 6.2.1 6.2.2 6.3 \
        7 7.1 7.2 7.3 7.4 7.5 7.5.1 7.5.2 7.5.3 7.5.4 7.6 \
        8 8.1 8.2 8.2.1 8.2.2 8.2.3 8.2.4 8.2.5 8.2.6 \
        8.3 8.3.1 8.3.2 8.3.3 8.3.4 8.3.4.1 8.3.4.2 \
        8.4 8.4.1 8.4.2 8.4.3 \
        8.5 8.5.1 8.5.1.1 8.5.1.2 8.5.1.3 8.5.2 8.5.2.1 8.5.2.2 8.5.2.3 8.5.3 \
        8.6 8.6.1 8.6.2 8.6.3 \
        8.7 8.7.1 8.7.2 8.7.3 8.7.3.1 8.7.3.2 8.7.3.3 \
        9 9.1 9.2 9.3 9.4 \
        10 10.1 10.2";

    #[test]
    fn every_clause_of_the_standard_is_present_once_in_document_order() {
        let numbers: Vec<&str> = CLAUSES.iter().map(|c| c.number).collect();
        let expected: Vec<&str> = EXPECTED.split_whitespace().collect();
        assert_eq!(numbers, expected);
        let mut unique = numbers.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), numbers.len(), "a clause appears twice");
        for n in ["8.5.1.1", "8.3.4.2", "8.7.3.1", "5.2.2", "6.2.1", "7.5.4"] {
            assert!(find(n).is_some(), "{n} missing");
        }
    }

    #[test]
    fn parents_resolve_and_come_first() {
        for (i, c) in CLAUSES.iter().enumerate() {
            match c.parent_number() {
                None => assert_eq!(c.depth(), 0, "{}", c.number),
                Some(p) => {
                    let parent = c
                        .parent()
                        .unwrap_or_else(|| panic!("{} has no parent", c.number));
                    assert_eq!(parent.number, p);
                    assert!(
                        position(p) < Some(i),
                        "{} comes before its parent",
                        c.number
                    );
                    assert_eq!(parent.depth() + 1, c.depth());
                }
            }
        }
        assert_eq!(
            find("8.5.1.1").and_then(Clause::parent).map(|c| c.number),
            Some("8.5.1")
        );
        assert_eq!(find("8.5.1.1").map(Clause::depth), Some(3));
        assert_eq!(top_groups().count(), 7);
        let children: Vec<&str> = find("8.5.1")
            .map(|c| c.children().map(|c| c.number).collect())
            .unwrap_or_default();
        assert_eq!(children, ["8.5.1.1", "8.5.1.2", "8.5.1.3"]);
    }

    #[test]
    fn titles_are_short_and_present() {
        for c in CLAUSES {
            assert!(!c.title.trim().is_empty(), "{} has no title", c.number);
            assert!(c.title.len() <= 60, "{} has a long title", c.number);
        }
    }

    #[test]
    fn every_branch_is_counted_exactly_once() {
        // From each clause without sub-clauses up to its top-level clause, exactly one clause
        // is counted: so counting the counted clauses counts no parent together with its child.
        for leaf in CLAUSES.iter().filter(|c| !c.has_children()) {
            let mut counted = 0;
            let mut at = Some(leaf);
            while let Some(c) = at {
                counted += usize::from(c.counted);
                at = c.parent();
            }
            assert_eq!(
                counted, 1,
                "{} lies under {counted} counted clauses",
                leaf.number
            );
        }
        assert_eq!(counted_clauses().count(), 45);
    }

    #[test]
    fn near_misses_suggest_the_siblings_they_most_likely_meant() {
        assert_eq!(
            near("8.9"),
            ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7"]
        );
        assert_eq!(near("8.5.1.7"), ["8.5.1.1", "8.5.1.2", "8.5.1.3"]);
        assert_eq!(near("8.6.9.9"), ["8.6.1", "8.6.2", "8.6.3"]);
        assert_eq!(near("8.6.1.1"), ["8.6.1", "8.6.2", "8.6.3"]);
        assert_eq!(near("8.1.1"), near("8.9"));
        assert_eq!(near("11.1"), ["4", "5", "6", "7", "8", "9", "10"]);
        assert_eq!(near("change"), ["4", "5", "6", "7", "8", "9", "10"]);
    }
}
