//! Values every file kind shares: dates, weights, evidence addresses and where an item was written.

use super::*;

/// Turns a TOML date into a calendar date, reporting times, offsets and impossible days.
pub(super) fn date(
    source: &SourceFile,
    value: &SpannedDate,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<Date> {
    let dt = value.get_ref();
    let expected = || {
        Some(format!(
            "a date written as YYYY-MM-DD, e.g. {key} = 2026-03-31"
        ))
    };
    let (Some(d), None, None) = (dt.date, dt.time, dt.offset) else {
        diags.error_at(
            source,
            value.span(),
            format!("{key} must be a date without a time: {dt}"),
            expected(),
        );
        return None;
    };
    let y = i16::try_from(d.year).ok();
    match y.and_then(|y| Date::new(y, d.month as i8, d.day as i8).ok()) {
        Some(date) => Some(date),
        None => {
            diags.error_at(
                source,
                value.span(),
                format!("{key} {dt} is not a date that exists"),
                expected(),
            );
            None
        }
    }
}

pub(super) fn origin(source: &SourceFile, span: Range<usize>) -> Origin {
    Origin {
        file: source.path.clone(),
        position: source.position(span.start),
    }
}

/// Checks evidence addresses: a scheme that could run a script in a reader's browser
/// (`javascript:`, `data:`, `vbscript:` or any other not in [`crate::url::ALLOWED_SCHEMES`]) is
/// an error; a relative path is kept for the link check, which runs once the pages are rendered.
pub(super) fn evidence(
    source: &SourceFile,
    links: &[crate::content::model::Link],
    diags: &mut Diagnostics,
) -> Vec<Evidence> {
    use crate::url::{UrlKind, classify};
    links
        .iter()
        .map(|l| {
            let (url, span) = match &l.url {
                Some(u) => (u.get_ref().as_str(), u.span()),
                None => ("", 0..0),
            };
            let kind = classify(url);
            if let UrlKind::Refused(scheme) = &kind {
                diags.error_at(
                    source,
                    span.clone(),
                    format!("evidence url \"{url}\" uses the \"{scheme}:\" scheme, which readers' browsers must not follow"),
                    Some(format!(
                        "an address starting with {}, or a path inside the published site such as pages/policy.pdf",
                        crate::url::ALLOWED_SCHEMES.map(|s| format!("{s}:")).join(", ")
                    )),
                );
            }
            Evidence {
                title: l.title.clone(),
                url: match kind {
                    UrlKind::Refused(_) | UrlKind::Empty => String::new(),
                    _ => url.trim().to_owned(),
                },
                internal: kind == UrlKind::Relative,
                origin: origin(source, span),
            }
        })
        .collect()
}

pub(super) fn weight(
    source: &SourceFile,
    w: &Option<Spanned<f64>>,
    diags: &mut Diagnostics,
) -> f64 {
    match w {
        None => 1.0,
        Some(w) if w.get_ref().is_finite() && *w.get_ref() >= 0.0 => *w.get_ref(),
        Some(w) => {
            diags.error_at(
                source,
                w.span(),
                format!("weight {} is not allowed", w.get_ref()),
                Some("a number zero or greater (weights default to 1)".to_owned()),
            );
            1.0
        }
    }
}
