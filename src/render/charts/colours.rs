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
/// initial, not addressed (one sepia hue, darker the further a clause is covered, so the order
/// reads without the legend and in grey print), then partly assessed and not assessed in greys.
pub const COVERAGE: [&str; 6] = [
    "#5b3a1a", "#8c6239", "#c8a27c", "#efe3d3", "#8a8a8a", "#dadada",
];

/// The statuses of an improvement in workflow order: proposed, approved, in progress, done
/// lighter to darker in one violet hue, so a stacked bar reads as progress even in grey print;
/// on hold in amber and rejected in a cool grey, the two that leave the flow.
/// Order: proposed, approved, in progress, on hold, done, rejected.
pub const STATUSES: [&str; 6] = [
    "#c7b9e0", "#9277c4", "#5e3c99", "#d9a400", "#2d1a57", "#b4b4c4",
];

/// The directions of an improvement or an IT QMS target: raise, keep, lower. Lower is a
/// deliberate decision, so it is magenta, not the red of a fall or of an overdue date.
pub const DIRECTIONS: [&str; 3] = ["#4d9221", "#707070", "#dd3497"];

/// An open action past its due date, and only that (the roadmap, the register's flags).
pub const OVERDUE: &str = "#c42a1a";

/// An open action within its due date (the roadmap).
pub const ON_SCHEDULE: &str = "#4f6d7a";

/// A figure that rose since the previous assessment (text of a change: "▲ +8.5 pts").
pub const BETTER: &str = "#196046";

/// A figure that fell since the previous assessment.
pub const WORSE: &str = "#a4262c";

/// Every meaning a colour carries on a qmsite page, with its colour: the table docs/design.md
/// shows and the tests hold to "one colour, one meaning".
pub fn meanings() -> Vec<(String, &'static str)> {
    let mut all: Vec<(String, &'static str)> = DOMAINS
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("domain {}", i + 1), *c))
        .collect();
    let named: [(&str, &[&'static str]); 7] = [
        ("index", &[INDEX]),
        ("ours, before, peers", &[OURS, BEFORE, PEERS]),
        ("coverage", &COVERAGE),
        ("status", &STATUSES),
        ("direction", &DIRECTIONS),
        ("on schedule, overdue", &[ON_SCHEDULE, OVERDUE]),
        ("better, worse", &[BETTER, WORSE]),
    ];
    for (group, colours) in named {
        all.extend(
            colours
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("{group} {i}"), *c)),
        );
    }
    all
}

#[cfg(test)]
mod tests {
    use super::super::{contrast, linear, parse_hex};

    use super::*;

    fn rgb(hex: &str) -> [u8; 3] {
        parse_hex(hex).unwrap_or_else(|| panic!("{hex} is not a colour"))
    }

    /// CIE L*a*b* of an sRGB colour (D65), to measure how far apart two colours look.
    fn lab([r, g, b]: [u8; 3]) -> [f64; 3] {
        let (r, g, b) = (linear(r), linear(g), linear(b));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// How different two colours look (CIE76 ΔE; about 2 is just noticeable, 10 is plain).
    fn distance(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (a, b) = (lab(a), lab(b));
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    /// The colour as a reader without green-sensitive (deuteranopia) or red-sensitive
    /// (protanopia) cones sees it, after Viénot, Brettel and Mollon (1999).
    fn as_seen_without(cone: usize, [r, g, b]: [u8; 3]) -> [u8; 3] {
        const M: [[[f64; 3]; 3]; 2] = [
            [
                [0.29275, 0.70725, 0.0],
                [0.29275, 0.70725, 0.0],
                [-0.02234, 0.02234, 1.0],
            ],
            [
                [0.11238, 0.88762, 0.0],
                [0.11238, 0.88762, 0.0],
                [0.00401, -0.00401, 1.0],
            ],
        ];
        let back = |v: f64| {
            let v = v.clamp(0.0, 1.0);
            let s = if v <= 0.0031308 {
                12.92 * v
            } else {
                1.055 * v.powf(1.0 / 2.4) - 0.055
            };
            (s * 255.0).round() as u8
        };
        let rgb = [linear(r), linear(g), linear(b)];
        let m = M[cone];
        let row = |i: usize| back(m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2]);
        [row(0), row(1), row(2)]
    }

    #[test]
    fn no_two_meanings_share_a_colour() {
        let all = meanings();
        for (i, (a, ca)) in all.iter().enumerate() {
            for (b, cb) in &all[i + 1..] {
                let d = distance(rgb(ca), rgb(cb));
                assert!(d >= 10.0, "{a} ({ca}) and {b} ({cb}) look alike: ΔE {d:.1}");
            }
        }
    }

    #[test]
    fn colours_read_together_stay_apart_for_colour_blind_readers() {
        // The sets a reader tells apart on one chart or one row of badges.
        let sets: [&[&str]; 6] = [
            &STATUSES,
            &DIRECTIONS,
            &COVERAGE[..4],
            &[OURS, BEFORE, PEERS],
            &[ON_SCHEDULE, OVERDUE],
            &[BETTER, WORSE],
        ];
        for set in sets {
            for cone in 0..2 {
                for (i, a) in set.iter().enumerate() {
                    for b in &set[i + 1..] {
                        let seen = |c: &str| as_seen_without(cone, rgb(c));
                        let d = distance(seen(a), seen(b));
                        assert!(
                            d >= 9.0,
                            "{a} and {b} look alike without cone {cone}: {d:.1}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_line_colour_stands_out_from_white() {
        let white = [255, 255, 255];
        let lines = [
            INDEX,
            OURS,
            BEFORE,
            PEERS,
            OVERDUE,
            ON_SCHEDULE,
            BETTER,
            WORSE,
        ];
        for c in DOMAINS.iter().chain(&lines).chain(&DIRECTIONS) {
            let ratio = contrast(rgb(c), white);
            assert!(ratio >= 3.0, "{c} against white: {ratio:.2}");
        }
    }

    #[test]
    fn text_colours_are_readable_on_white() {
        // Written as text: a change's figure, an overdue flag.
        for c in [BETTER, WORSE, OVERDUE] {
            let ratio = contrast(rgb(c), [255, 255, 255]);
            assert!(ratio >= 4.5, "{c} against white: {ratio:.2}");
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
