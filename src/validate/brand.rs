//! `[brand]`: the logo and stylesheet must be files the build publishes, and the accent colour
//! must stay readable, since links are drawn in it on white and the header writes white on it.

use super::*;
use crate::render::charts::{contrast, parse_hex};
use crate::site::Brand;

/// The lowest contrast ratio text may have against its background (WCAG 2, level AA).
const MIN_CONTRAST: f64 = 4.5;

pub(super) fn brand(raw: &RawSite, diags: &mut Diagnostics) -> Brand {
    let cfg = &raw.config;
    let b = &cfg.config.brand;
    let theme = cfg.config.theme.get_ref();
    let logo = b.logo.as_ref().and_then(|l| {
        published(raw, l, theme, false).or_else(|| {
            missing(diags, &cfg.source, l, "logo", "an image file in the site, inside themes/<theme>/static/ or content/pages/, such as \"themes/default/static/logo.png\"");
            None
        })
    });
    let stylesheet = b.stylesheet.as_ref().and_then(|s| {
        published(raw, s, theme, true)
            .filter(|p| p.ends_with(".css"))
            .or_else(|| {
                missing(diags, &cfg.source, s, "stylesheet", "a .css file in the site, inside themes/<theme>/static/, such as \"themes/default/static/brand.css\"");
                None
            })
    });
    let accent = b.accent.as_ref().and_then(|a| {
        let rgb = parse_hex(a.get_ref())?;
        let ratio = contrast(rgb, [255, 255, 255]);
        if ratio < MIN_CONTRAST {
            diags.error_at(
                &codes::BAD_CONFIG,
                &cfg.source,
                a.span(),
                format!(
                    "accent \"{}\" has a contrast of {ratio:.1}:1 with white; links in it and the white header text on it would be hard to read",
                    a.get_ref()
                ),
                Some(format!("a darker colour, with a contrast of at least {MIN_CONTRAST}:1 with white, such as \"#1f4e79\"")),
            );
            return None;
        }
        Some(a.get_ref().to_ascii_lowercase())
    });
    Brand {
        logo,
        stylesheet,
        accent,
        confidentiality: b.confidentiality.trim().to_owned(),
    }
}

/// The address below the output root of a site file the build publishes: theme static files
/// go to `static/`, attachments of `content/pages/` to `pages/`. `None` when the file does not
/// exist or is not published.
fn published(
    raw: &RawSite,
    path: &Spanned<String>,
    theme: &str,
    static_only: bool,
) -> Option<String> {
    let rel = path
        .get_ref()
        .trim()
        .trim_start_matches("./")
        .replace('\\', "/");
    if rel.split('/').any(|p| p == ".." || p.is_empty()) || !raw.root.join(&rel).is_file() {
        return None;
    }
    if let Some(rest) = rel.strip_prefix(&format!("themes/{theme}/static/")) {
        return Some(format!("static/{rest}"));
    }
    if static_only {
        return None;
    }
    rel.strip_prefix("content/pages/")
        .filter(|rest| !rest.ends_with(".md"))
        .map(|rest| format!("pages/{rest}"))
}

fn missing(
    diags: &mut Diagnostics,
    source: &SourceFile,
    v: &Spanned<String>,
    key: &str,
    expected: &str,
) {
    diags.error_at(
        &codes::BAD_CONFIG,
        source,
        v.span(),
        format!(
            "{key} \"{}\" is not a file of the site that the build publishes",
            v.get_ref()
        ),
        Some(expected.to_owned()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert!((contrast([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 0.01);
        // The theme's own accent passes; a light yellow does not.
        assert!(contrast(parse_hex("#1f4e79").expect("colour"), [255, 255, 255]) > 4.5);
        assert!(contrast(parse_hex("#ffcc00").expect("colour"), [255, 255, 255]) < 4.5);
        assert_eq!(parse_hex("#GG0000"), None);
    }
}
