//! Values every file kind shares: dates, weights, evidence addresses and where an item was written.
//!
//! Their rules (a calendar day in the documented years, a weight from 0 to 1000, an address a
//! browser may follow) are part of each file kind's shape and reported when the file is read
//! (see [`crate::content::shape`]); here they are only turned into the site's values.

use super::*;

/// Turns a TOML date into a calendar date; `None` for a date with a time, outside the
/// documented years or impossible (each already reported where the file was read). Keeping
/// years in range means every date computed from one (a next assessment, a review due) exists.
pub(super) fn date(value: &SpannedDate) -> Option<Date> {
    let dt = value.get_ref();
    let (Some(d), None, None) = (dt.date, dt.time, dt.offset) else {
        return None;
    };
    let year = i16::try_from(d.year)
        .ok()
        .filter(|y| crate::content::shape::YEARS.contains(y))?;
    Date::new(year, d.month as i8, d.day as i8).ok()
}

pub(super) fn origin(source: &SourceFile, span: Range<usize>) -> Origin {
    Origin {
        file: source.path.clone(),
        position: source.position(span.start),
    }
}

/// The evidence links of an entry. An address with a scheme a browser must not follow was
/// reported when the file was read and is dropped; a relative path is kept for the link check,
/// which runs once the pages are rendered.
pub(super) fn evidence(
    source: &SourceFile,
    links: &[crate::content::model::Link],
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
            Evidence {
                title: l.title.clone(),
                url: match kind {
                    UrlKind::Refused(_) | UrlKind::Empty => String::new(),
                    _ => url.trim().to_owned(),
                },
                internal: kind == UrlKind::Relative,
                marked_internal: l.internal,
                origin: origin(source, span),
            }
        })
        .collect()
}

/// A weight as used in the figures (default 1). Its range, 0 to 1000, was checked when the file
/// was read; a value outside it (the file then has an error) counts as the default.
pub(super) fn weight(w: &Option<Spanned<f64>>) -> f64 {
    match w {
        None => 1.0,
        Some(w) if w.get_ref().is_finite() && *w.get_ref() >= 0.0 => *w.get_ref(),
        Some(_) => 1.0,
    }
}

/// An optional figure that must be zero or more (its range was checked when the file was read).
pub(super) fn non_negative(v: &Option<Spanned<f64>>) -> Option<f64> {
    v.as_ref()
        .map(|v| *v.get_ref())
        .filter(|v| v.is_finite() && *v >= 0.0)
}
