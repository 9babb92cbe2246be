//! Where each generated page goes, relative to the site root.

/// Home dashboard.
pub const HOME: &str = "index.html";
/// Assessment list.
pub const ASSESSMENTS: &str = "assessments.html";
/// Benchmark.
pub const BENCHMARK: &str = "benchmark.html";
/// IT QMS.
pub const QMS: &str = "qms.html";
/// Improvement plan.
pub const IMPROVEMENTS: &str = "improvements.html";
/// ISO/IEC 20000-1 coverage.
pub const ISO: &str = "iso20000.html";
/// The whole report on one page, for print and PDF.
pub const REPORT: &str = "report.html";
/// What changed between the two latest published reports.
pub const CHANGES: &str = "changes.html";
/// The organisational units, when a site has several.
pub const UNITS: &str = "units.html";
/// The first page of the list of every narrative.
pub const PAGES: &str = "pages.html";
/// The page shown for an address the site does not have.
pub const NOT_FOUND: &str = "404.html";

/// File-name form of an id (ids are validated to letters, digits, '.', '-', '_').
pub fn slug(id: &str) -> String {
    id.to_ascii_lowercase()
}
/// One assessment.
pub fn assessment(id: &str) -> String {
    format!("assessments/{}.html", slug(id))
}
/// Two assessments compared, the older first: a folder per older assessment, so that no two
/// pairs of ids can meet in one file name.
pub fn comparison(old: &str, new: &str) -> String {
    format!("compare/{}/{}.html", slug(old), slug(new))
}
/// One framework's overview.
pub fn framework(id: &str) -> String {
    format!("frameworks/{}.html", slug(id))
}
/// A domain's section on its framework's page (the page's template names it `domain-<id>`).
pub fn domain(framework: &str, id: &str) -> String {
    format!("{}#domain-{id}", self::framework(framework))
}
/// One dimension.
pub fn dimension(framework: &str, id: &str) -> String {
    format!("frameworks/{}/{}.html", slug(framework), slug(id))
}
/// Page `n` (from 1) of the list of every narrative: `pages.html`, `pages-2.html`, …
pub fn pages_index(n: usize) -> String {
    if n <= 1 {
        PAGES.to_owned()
    } else {
        format!("pages-{n}.html")
    }
}
/// A narrative page.
pub fn page(slug: &str) -> String {
    format!("pages/{slug}.html")
}
/// Anchor of an improvement on the plan page.
pub fn improvement(id: &str) -> String {
    format!("{IMPROVEMENTS}#{}", slug(id))
}
/// Anchor of a clause on the coverage page.
pub fn clause(number: &str) -> String {
    format!("{ISO}#clause-{}", number.replace('.', "-"))
}
/// Anchor of a QMS component.
pub fn qms(id: &str) -> String {
    format!("{QMS}#{}", slug(id))
}
/// A unit's section on the units page: `unit` for the organisation as a whole, `unit-<id>` for a
/// unit of `qmsite.toml` (so no declared id can take the organisation's anchor).
pub fn unit(id: Option<&str>) -> String {
    format!("{UNITS}#{}", unit_anchor(id))
}
/// The anchor of a unit on the units page.
pub fn unit_anchor(id: Option<&str>) -> String {
    id.map_or_else(|| "unit".to_owned(), |id| format!("unit-{}", slug(id)))
}
/// The relative way from a page back to the site root (`""`, `"../"`, …).
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_climb_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("assessments/2026.html"), "../");
        assert_eq!(root_of("frameworks/itqi/d1.1.html"), "../../");
        assert_eq!(clause("8.5.1"), "iso20000.html#clause-8-5-1");
    }
}
