//! Ids of narrative headings and footnotes: unique on their page, apart from each other and from
//! the ids the theme writes.
//!
//! Three spaces of ids share a page: the theme's ([`THEME_IDS`] and the namespaces in
//! [`THEME_ID_PREFIXES`]), footnotes (`fn-…`, `fnref-…`) and headings (everything else). A
//! heading whose id would fall into another space gets `s-` in front of it (`## Main` becomes
//! `s-main`), and links written as `#main` or `other.md#main` are rewritten the same way, so they
//! still reach the heading. On a page holding several narratives (the full report) each one's ids
//! start with its own prefix, itself kept out of the theme's namespaces.

use std::borrow::Cow;
use std::collections::HashSet;

use super::slugify;

/// Ids the default theme writes as they are, which no narrative id may take.
pub const THEME_IDS: &[&str] = &[
    "report-qms",
    "report-register",
    "main",
    "changes-actions",
    "changes-clauses",
    "changes-qms",
    "changes-ratings",
    "changes-summary",
    "compare-data",
    "compare-h",
    "components-h",
    "cycle-h",
    "domains-h",
    "figures-h",
    "glance-h",
    "history-h",
    "levels-h",
    "lower-h",
    "movers-h",
    "overdue-h",
    "overview-h",
    "questions-h",
    "register",
    "register-h",
    "scale-h",
    "search-input",
    "search-status",
    "todo-h",
    "unit",
];

/// Namespaces of the ids the default theme builds from content (chart ids, improvement, QMS and
/// clause anchors, domain and benchmark sections, report sections, units); no narrative id
/// starts with one of them.
pub const THEME_ID_PREFIXES: &[&str] = &[
    "bench-",
    "chart-",
    "clause-",
    "domain-",
    "imp-",
    "qms-",
    "r-",
    "unit-",
    // Parts of the full report, inside its own `r-` namespace.
    "r-appendix-",
    "r-benchmark-",
    "r-findings-",
];

/// Namespaces of footnote ids and their references.
const FOOTNOTE_PREFIXES: [&str; 2] = ["fn-", "fnref-"];

/// Put in front of a heading id that would fall into the theme's or the footnotes' ids.
const ESCAPE: &str = "s-";

/// Whether the theme may write `id` on a page.
pub fn is_theme_id(id: &str) -> bool {
    THEME_IDS.contains(&id) || THEME_ID_PREFIXES.iter().any(|p| id.starts_with(p))
}

/// Where a link to a heading of a narrative page (`#part` on the page itself, `other.md#part`)
/// leads: the id the heading written as `part` gets there.
pub fn heading_anchor(fragment: &str) -> Cow<'_, str> {
    if needs_escape(fragment) {
        Cow::Owned(format!("{ESCAPE}{fragment}"))
    } else {
        Cow::Borrowed(fragment)
    }
}

/// Whether a heading id (without a page prefix) would fall into another space.
fn needs_escape(local: &str) -> bool {
    is_theme_id(local) || FOOTNOTE_PREFIXES.iter().any(|p| local.starts_with(p))
}

/// The ids of one narrative as it is rendered: its prefix and the ids already given.
#[derive(Debug)]
pub struct Anchors {
    prefix: String,
    used: HashSet<String>,
}

impl Anchors {
    /// Ids for a narrative whose ids start with `prefix` (empty on its own page). A prefix that
    /// could make an id the theme writes gets `s-` in front of it.
    pub fn new(prefix: &str) -> Anchors {
        let clashes = THEME_IDS.iter().any(|t| t.starts_with(prefix))
            || THEME_ID_PREFIXES
                .iter()
                .any(|t| t.starts_with(prefix) || prefix.starts_with(t));
        let prefix = if prefix.is_empty() || !clashes {
            prefix.to_owned()
        } else {
            format!("{ESCAPE}{prefix}")
        };
        Anchors {
            prefix,
            used: HashSet::new(),
        }
    }

    /// The id an in-page link `#fragment` leads to (the same as a heading written so gets).
    pub fn link(&self, fragment: &str) -> String {
        if self.prefix.is_empty() {
            heading_anchor(fragment).into_owned()
        } else if FOOTNOTE_PREFIXES.iter().any(|p| fragment.starts_with(p)) {
            format!("{}{ESCAPE}{fragment}", self.prefix)
        } else {
            format!("{}{fragment}", self.prefix)
        }
    }

    /// A unique id for a heading written with `explicit` id (`{#id}`) or the given text.
    pub fn heading(&mut self, explicit: Option<&str>, text: &str) -> String {
        let local = explicit.map_or_else(|| slugify(text), str::to_owned);
        self.unique(self.link(&local))
    }

    /// The id of the footnote with the given label (see [`super::footnotes`]); labels are
    /// slugs, unique within the narrative.
    pub fn footnote(&mut self, label: &str) -> String {
        self.unique(format!("{}fn-{label}", self.prefix))
    }

    /// The id of the `k`-th reference (from 1) to footnote number `n`.
    pub fn footnote_ref(&mut self, n: usize, k: usize) -> String {
        let id = if k == 1 {
            format!("{}fnref-{n}", self.prefix)
        } else {
            format!("{}fnref-{n}-{k}", self.prefix)
        };
        self.unique(id)
    }

    /// The id of the footnotes' heading, which their references point to as their description.
    pub fn footnotes_title(&mut self) -> String {
        // No footnote label starts with '-', so this id is never a footnote's.
        self.unique(format!("{}fn--title", self.prefix))
    }

    /// `id`, or with `-1`, `-2`… after it when the narrative already has it.
    fn unique(&mut self, id: String) -> String {
        let mut candidate = id.clone();
        let mut n = 0;
        while self.used.contains(&candidate) {
            n += 1;
            candidate = format!("{id}-{n}");
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_never_take_a_theme_or_footnote_id() {
        let mut a = Anchors::new("");
        assert_eq!(a.heading(None, "Main"), "s-main");
        assert_eq!(a.heading(None, "Chart radar"), "s-chart-radar");
        assert_eq!(a.heading(None, "Fn one"), "s-fn-one");
        assert_eq!(a.heading(Some("register"), "x"), "s-register");
        assert_eq!(a.heading(None, "Scope"), "scope");
        assert_eq!(a.heading(None, "Scope"), "scope-1");
        assert_eq!(a.footnote("one"), "fn-one");
        assert_eq!(a.footnote_ref(1, 1), "fnref-1");
        assert_eq!(a.footnote_ref(1, 2), "fnref-1-2");
        // Links written to those headings reach them.
        assert_eq!(a.link("main"), "s-main");
        assert_eq!(heading_anchor("chart-radar"), "s-chart-radar");
        assert_eq!(heading_anchor("scope"), "scope");
    }

    #[test]
    fn prefixes_in_the_theme_namespaces_are_moved_out_of_them() {
        let mut a = Anchors::new("chart-");
        assert_eq!(a.heading(None, "Radar"), "s-chart-radar");
        assert_eq!(a.footnote("one"), "s-chart-fn-one");
        assert_eq!(a.link("radar"), "s-chart-radar");
        let mut r = Anchors::new("r-");
        assert_eq!(r.heading(None, "Summary"), "s-r-summary");
        let mut m = Anchors::new("method-");
        assert_eq!(m.heading(None, "Main"), "method-main");
        assert_eq!(m.heading(None, "Fn one"), "method-s-fn-one");
        assert_eq!(m.footnote("one"), "method-fn-one");
    }

    #[test]
    fn the_escape_and_footnote_spaces_are_not_the_themes() {
        for space in [ESCAPE, FOOTNOTE_PREFIXES[0], FOOTNOTE_PREFIXES[1]] {
            assert!(!is_theme_id(space), "{space}");
            assert!(THEME_IDS.iter().all(|t| !t.starts_with(space)), "{space}");
            assert!(THEME_ID_PREFIXES.iter().all(|t| !t.starts_with(space)));
        }
    }

    /// Every id written literally in the default theme's templates is reserved, and every id
    /// built from content starts with a reserved namespace (or is one the views build in one).
    #[test]
    fn every_id_the_default_theme_writes_is_reserved() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut dynamic = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("templates") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("template");
            for part in text.split(" id=\"").skip(1) {
                let value = part.split('"').next().unwrap_or_default();
                match value.find("{{") {
                    None => assert!(
                        is_theme_id(value),
                        "{}: id \"{value}\" is not in THEME_IDS",
                        path.display()
                    ),
                    Some(0) => dynamic.push(value.to_owned()),
                    Some(i) => assert!(
                        THEME_ID_PREFIXES.contains(&&value[..i]),
                        "{}: ids \"{value}\" are not in THEME_ID_PREFIXES",
                        path.display()
                    ),
                }
            }
        }
        // Ids made entirely by the views: charts (`chart-…`), improvements (`imp-…`), QMS
        // components (`qms-…`), clauses (`clause-…`) and units (`unit`, `unit-…`).
        dynamic.sort();
        dynamic.dedup();
        assert_eq!(
            dynamic,
            [
                "{{ c.anchor }}",
                "{{ c.anchor }}-h",
                "{{ c.id }}",
                "{{ c.id }}-data",
                "{{ c.id }}-figure",
                "{{ c.id }}-title",
                "{{ g.anchor }}",
                "{{ i.anchor }}",
                "{{ i.anchor }}-h",
                "{{ u.anchor }}",
            ],
            "a template writes a new kind of id: reserve its namespace"
        );
    }
}
