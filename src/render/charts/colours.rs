//! What each colour of a chart means, in one place, so that one thing keeps one colour from chart
//! to chart: a domain is drawn in the same colour in the index trend, the dimension bars and on
//! its dimensions' pages, and the colours of "ours", "before" and "peers" are used for nothing
//! else. (docs/design.md describes the palette for theme authors.)

/// One colour per domain, in the framework's order (the ninth domain takes the first colour
/// again): Paul Tol's "muted" scheme, which stays apart for colour-blind readers, with its light
/// members darkened until a line of each stands out from white (contrast at least 3:1).
pub const DOMAINS: [&str; 8] = [
    "#332288", "#117733", "#882255", "#2f7f73", "#76762a", "#aa4499", "#3f6fa6", "#b34d5e",
];

/// The colour of the domain at `position` in its framework.
pub fn domain(position: usize) -> &'static str {
    DOMAINS[position % DOMAINS.len()]
}

/// The index: the overall line among the domains' lines, in the text colour.
pub const INDEX: &str = super::INK;

/// The organisation's latest figures wherever they are set against others.
pub const OURS: &str = "#1f4e79";

/// The organisation's earlier figures: the colour of [`OURS`], lighter.
pub const BEFORE: &str = "#6f93b8";

/// The peers (their median and their points).
pub const PEERS: &str = "#a65e00";

/// The ISO/IEC 20000-1 coverage states in the order charts stack them: conforming, defined,
/// initial, not addressed (one hue, darker the further a clause is covered, so the order reads
/// without the legend), then partly assessed and not assessed in greys.
pub const COVERAGE: [&str; 6] = [
    "#0b4f47", "#2e7a6f", "#8cc7bb", "#d9efe9", "#9a9a9a", "#d4d4d4",
];

#[cfg(test)]
mod tests {
    use super::super::{contrast, parse_hex};
    use super::*;

    fn rgb(hex: &str) -> [u8; 3] {
        parse_hex(hex).unwrap_or_else(|| panic!("{hex} is not a colour"))
    }

    #[test]
    fn no_two_meanings_share_a_colour() {
        let mut all: Vec<&str> = DOMAINS.to_vec();
        all.extend([INDEX, OURS, BEFORE, PEERS]);
        all.extend(COVERAGE);
        let mut seen = std::collections::HashSet::new();
        for c in &all {
            assert!(seen.insert(c.to_ascii_lowercase()), "{c} means two things");
        }
    }

    #[test]
    fn every_line_colour_stands_out_from_white() {
        let white = [255, 255, 255];
        for c in DOMAINS.iter().chain(&[INDEX, OURS, BEFORE, PEERS]) {
            let ratio = contrast(rgb(c), white);
            assert!(ratio >= 3.0, "{c} against white: {ratio:.2}");
        }
    }

    #[test]
    fn coverage_darkens_the_further_a_clause_is_covered() {
        let lightness = |c: &str| {
            let [r, g, b] = rgb(c);
            u32::from(r) + u32::from(g) + u32::from(b)
        };
        // Conforming, defined, initial, not addressed: each lighter than the one before.
        for pair in COVERAGE[..4].windows(2) {
            assert!(lightness(pair[0]) < lightness(pair[1]), "{pair:?}");
        }
    }

    #[test]
    fn a_domain_keeps_its_colour_whatever_is_drawn_with_it() {
        assert_eq!(domain(0), DOMAINS[0]);
        assert_eq!(domain(3), DOMAINS[3]);
        assert_eq!(domain(8), DOMAINS[0]);
    }
}
