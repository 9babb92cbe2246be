//! Reading and rewriting drawn SVG: the check that it holds nothing but drawing, and the renaming
//! of its ids and classes.
//!
//! ECharts names every id and class of a drawing after the renderer instance that drew it
//! (`zr7-c0`, `zr7-cls-3`), and the instance count runs on through the life of an engine: the
//! same chart drawn third or thirtieth would differ. [`normalise`] renames them after one stem,
//! so a drawing depends only on its option and size; [`prefix_ids`] then makes them unique on a
//! page. Both also check the markup (see [`check_element`]), so an SVG that reaches a page has
//! been read as XML and holds no script, no event handler and no link out of the drawing.
//!
//! Written here rather than with an SVG sanitiser crate: those rewrite the whole document (and
//! change its bytes), while this only renames ids and refuses anything unexpected.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesCData, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::{Reader, Writer};

/// The stem every id and class of a normalised drawing starts with.
pub const STEM: &str = "zr0-";

/// Why a drawing was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError(pub String);

impl std::fmt::Display for MarkupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn refuse(what: impl Into<String>) -> MarkupError {
    MarkupError(what.into())
}

/// Elements ECharts' SVG renderer writes for the charts qmsite draws; anything else is refused.
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "defs",
    "clipPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "pattern",
    "style",
];

/// Checks ECharts' output and renames its ids and classes after [`STEM`], whatever the renderer
/// instance that drew it.
///
/// Not only the instance number runs on: so do some of the numbers after it (class `cls-27` in
/// one engine is `cls-6` in another). So each name is renumbered too, by its kind (`cls-`, `c`,
/// `p`…) in order of first appearance in the document, which depends only on what is drawn.
pub fn normalise(svg: &str) -> Result<String, MarkupError> {
    let canonical = canonical_names(svg)?;
    let names: BTreeSet<String> = canonical.keys().cloned().collect();
    let rename = |n: &str| canonical.get(n).cloned().unwrap_or_else(|| n.to_owned());
    walk(svg, Some((&names, &rename)), Form::Drawing).map(Option::unwrap_or_default)
}

/// A drawing as pages take it: normalised as by [`normalise`], without ECharts' `ecmeta_*` marks,
/// every id and class starting with [`STEM`], and [`STEM`] written nowhere else (in text it is
/// written `&#122;r0-`, which reads the same). So placing it on a page is a plain replacement
/// (see [`place`]) instead of reading the XML again for every page it is placed on.
pub fn for_pages(svg: &str) -> Result<String, MarkupError> {
    let canonical = canonical_names(svg)?;
    let mut names = names_in(svg)?;
    names.extend(canonical.keys().cloned());
    let rename = |n: &str| match canonical.get(n) {
        Some(c) => c.clone(),
        None if n.starts_with(STEM) => n.to_owned(),
        None => format!("{STEM}{n}"),
    };
    walk(svg, Some((&names, &rename)), Form::Page).map(Option::unwrap_or_default)
}

/// A drawing made by [`for_pages`] with `prefix` before each of its names, so that several
/// drawings on one page neither share ids nor style each other's elements.
///
/// `prefix` must start with a letter and hold only ASCII letters, digits, `-` and `_`.
pub fn place(svg: &str, prefix: &str) -> Result<String, MarkupError> {
    check_prefix(prefix)?;
    Ok(svg.replace(STEM, &format!("{prefix}{STEM}")))
}

fn check_prefix(prefix: &str) -> Result<(), MarkupError> {
    let mut chars = prefix.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(refuse(format!(
            "the id prefix {prefix:?} must start with a letter and hold only letters, digits, - and _"
        )))
    }
}

/// [`STEM`] as written in text and values of a drawing for pages: its first letter as a
/// character reference.
const GUARDED_STEM: &str = "&#122;r0-";

/// An attribute value (escaped XML) with [`STEM`] written as [`GUARDED_STEM`] outside `url(#…)`
/// references, which name the drawing's own ids.
fn guard_stem(text: &str) -> Cow<'_, str> {
    if !text.contains(STEM) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find("url(#") {
        out.push_str(&rest[..at].replace(STEM, GUARDED_STEM));
        let end = rest[at..].find(')').map_or(rest.len(), |e| at + e + 1);
        out.push_str(&rest[at..end]);
        rest = &rest[end..];
    }
    out.push_str(&rest.replace(STEM, GUARDED_STEM));
    Cow::Owned(out)
}

/// Each instance-named id or class of the drawing → its name after [`STEM`], numbered by kind
/// in order of first appearance (ids, classes and references in attributes, then selectors).
fn canonical_names(svg: &str) -> Result<HashMap<String, String>, MarkupError> {
    let mut seen: Vec<String> = Vec::new();
    let mut reader = Reader::from_str(svg);
    let mut in_style = false;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                in_style = e.name().as_ref() == b"style";
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| refuse(format!("bad attribute: {e}")))?;
                    let value = utf8(&attr.value)?;
                    match attr.key.as_ref() {
                        b"id" => seen.push(value.to_owned()),
                        b"class" => seen.extend(value.split_whitespace().map(str::to_owned)),
                        b"href" | b"xlink:href" => {
                            seen.extend(value.strip_prefix('#').map(str::to_owned));
                        }
                        _ => seen.extend(url_targets(value).map(str::to_owned)),
                    }
                }
            }
            Ok(Event::Text(t)) if in_style => seen.extend(selector_names(utf8(&t)?)),
            Ok(Event::CData(c)) if in_style => seen.extend(selector_names(utf8(&c)?)),
            Ok(Event::End(_)) => in_style = false,
            Ok(_) => {}
            Err(e) => return Err(refuse(format!("not well-formed XML: {e}"))),
        }
    }
    let mut canonical = HashMap::new();
    let mut per_kind: HashMap<String, usize> = HashMap::new();
    for name in seen {
        if canonical.contains_key(&name) {
            continue;
        }
        let Some(rest) = strip_instance_stem(&name) else {
            continue;
        };
        let kind = rest
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .to_owned();
        let n = per_kind.entry(kind.clone()).or_insert(0);
        canonical.insert(name.clone(), format!("{STEM}{kind}{n}"));
        *n += 1;
    }
    Ok(canonical)
}

/// The `X` of each `url(#X)` in `value`.
fn url_targets(value: &str) -> impl Iterator<Item = &str> {
    value
        .split("url(#")
        .skip(1)
        .map(|rest| rest.split(')').next().unwrap_or(rest))
}

/// The names after `.` and `#` in style text that carry an instance stem.
fn selector_names(css: &str) -> Vec<String> {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    css.split(['.', '#'])
        .skip(1)
        .map(|rest| rest.split(|c: char| !is_name_char(c)).next().unwrap_or(""))
        .filter(|n| strip_instance_stem(n).is_some())
        .map(str::to_owned)
        .collect()
}

/// Checks a drawing without rewriting it: refuses what [`normalise`] refuses. For drawings read
/// back from the cache, at a third of the cost of normalising them again.
pub fn check(svg: &str) -> Result<(), MarkupError> {
    walk(svg, None, Form::Drawing).map(|_| ())
}

/// `zr<digits>-rest` → `rest`.
fn strip_instance_stem(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("zr")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    rest[digits..].strip_prefix('-')
}

/// What a rewritten drawing is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// As drawn, with ECharts' `ecmeta_*` marks, which mark each shape with the series and item
    /// it draws for ECharts' own client runtime (tests read them).
    Drawing,
    /// For a page: the marks dropped (pages make charts interactive with the full library
    /// instead, and HTML has no such attributes) and [`STEM`] guarded outside names (see
    /// [`for_pages`]).
    Page,
}

/// The names a `<style>` may select, and the new name of each id, class and reference.
type Renaming<'a> = (&'a BTreeSet<String>, &'a dyn Fn(&str) -> String);

/// Reads `svg` as XML, refusing anything but drawing. Given `(names, rename)`, writes it back
/// with each id, class and reference `n` in the attributes replaced by `rename(n)`, and each
/// selector of `names` in the `<style>`; everything else is written back as it was.
///
/// Long because one arm per XML event, and the allow-list of drawing elements is easiest to audit
/// in one place.
fn walk(
    svg: &str,
    rename: Option<Renaming<'_>>,
    form: Form,
) -> Result<Option<String>, MarkupError> {
    let mut writer = rename
        .is_some()
        .then(|| Writer::new(Vec::with_capacity(svg.len() + 256)));
    let empty = BTreeSet::new();
    let (names, rename) = rename.unwrap_or((&empty, &keep));
    let mut reader = Reader::from_str(svg);
    let mut in_style = false;
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| refuse(format!("not well-formed XML: {e}")))?;
        let out = match event {
            Event::Eof => break,
            Event::Start(e) => {
                check_element(&e, depth, &mut roots)?;
                depth += 1;
                in_style = e.name().as_ref() == b"style";
                match writer {
                    Some(_) => Event::Start(renamed(&e, rename, form)?),
                    None => Event::Start(e),
                }
            }
            Event::Empty(e) => {
                check_element(&e, depth, &mut roots)?;
                match writer {
                    Some(_) => Event::Empty(renamed(&e, rename, form)?),
                    None => Event::Empty(e),
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                in_style = false;
                Event::End(e)
            }
            Event::Text(t) if in_style => {
                let css = utf8(&t)?;
                check_style(css)?;
                match writer {
                    Some(_) => {
                        Event::Text(BytesText::from_escaped(rename_in_css(css, names, rename)))
                    }
                    None => Event::Text(t),
                }
            }
            Event::CData(c) if in_style => {
                let css = utf8(&c)?;
                check_style(css)?;
                match writer {
                    Some(_) => Event::CData(BytesCData::new(rename_in_css(css, names, rename))),
                    None => Event::CData(c),
                }
            }
            Event::Text(t) if depth == 0 && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(refuse("text outside the <svg> element"));
            }
            Event::Text(t) if form == Form::Page && writer.is_some() => {
                let text = utf8(&t)?;
                if text.contains(STEM) {
                    Event::Text(BytesText::from_escaped(text.replace(STEM, GUARDED_STEM)))
                } else {
                    Event::Text(t)
                }
            }
            Event::Text(t) => Event::Text(t),
            Event::CData(_) if depth == 0 => {
                return Err(refuse("text outside the <svg> element"));
            }
            Event::CData(c) if form == Form::Page && writer.is_some() => {
                let text = utf8(&c)?;
                if text.contains(STEM) {
                    let escaped = quick_xml::escape::escape(text).replace(STEM, GUARDED_STEM);
                    Event::Text(BytesText::from_escaped(escaped))
                } else {
                    Event::CData(c)
                }
            }
            Event::CData(c) => Event::CData(c),
            Event::GeneralRef(r) => {
                let name = utf8(&r)?;
                let known = matches!(name, "lt" | "gt" | "amp" | "quot" | "apos");
                if !known && !name.starts_with('#') {
                    return Err(refuse(format!("unknown entity &{name};")));
                }
                Event::GeneralRef(r)
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {
                return Err(refuse(
                    "a comment, declaration or processing instruction, which a drawing never holds",
                ));
            }
        };
        if let Some(w) = writer.as_mut() {
            w.write_event(out)
                .map_err(|e| refuse(format!("cannot write: {e}")))?;
        }
    }
    if depth != 0 || roots == 0 {
        return Err(refuse("no whole <svg> element"));
    }
    writer
        .map(|w| String::from_utf8(w.into_inner()).map_err(|_| refuse("not UTF-8")))
        .transpose()
}

fn keep(name: &str) -> String {
    name.to_owned()
}

fn utf8(bytes: &[u8]) -> Result<&str, MarkupError> {
    std::str::from_utf8(bytes).map_err(|_| refuse("not UTF-8"))
}

/// Every id and class name the drawing defines: the names its `<style>` may select.
fn names_in(svg: &str) -> Result<BTreeSet<String>, MarkupError> {
    let mut names = BTreeSet::new();
    let mut reader = Reader::from_str(svg);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return Ok(names),
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| refuse(format!("bad attribute: {e}")))?;
                    let value = utf8(&attr.value)?;
                    match attr.key.as_ref() {
                        b"id" => {
                            names.insert(value.to_owned());
                        }
                        b"class" => names.extend(value.split_whitespace().map(str::to_owned)),
                        _ => {}
                    }
                }
            }
            Ok(_) => {}
            Err(e) => return Err(refuse(format!("not well-formed XML: {e}"))),
        }
    }
}

/// Refuses an element that is not drawing: one outside [`ELEMENTS`], a root other than one
/// `<svg>`, an `<svg>` below the root, an event handler, a link anywhere but inside the drawing,
/// or `url()` to anything else.
fn check_element(e: &BytesStart<'_>, depth: usize, roots: &mut usize) -> Result<(), MarkupError> {
    let name = utf8(e.name().into_inner())?;
    if depth == 0 {
        *roots += 1;
        if *roots > 1 {
            return Err(refuse("more than one root element"));
        }
    }
    if !ELEMENTS.contains(&name) || ((name == "svg") != (depth == 0)) {
        return Err(refuse(format!(
            "a <{name}> element where a drawing has none"
        )));
    }
    for attr in e.attributes() {
        let attr = attr.map_err(|e| refuse(format!("bad attribute on <{name}>: {e}")))?;
        let key = utf8(attr.key.into_inner())?;
        if key.get(..2).is_some_and(|k| k.eq_ignore_ascii_case("on")) {
            return Err(refuse(format!(
                "an event handler {} on <{name}>",
                key.to_ascii_lowercase()
            )));
        }
        let link = key.eq_ignore_ascii_case("href")
            || key
                .rsplit_once(':')
                .is_some_and(|(_, local)| local.eq_ignore_ascii_case("href"));
        // Without `:`, `(` or an entity that could stand for one, a value can name no scheme and
        // no `url(`: path data and coordinates, nearly all of a drawing, need no closer look.
        if !link && !attr.value.iter().any(|b| matches!(b, b':' | b'(' | b'&')) {
            continue;
        }
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| refuse(format!("bad value of {key} on <{name}>: {e}")))?;
        if link && !value.starts_with('#') {
            return Err(refuse(format!(
                "a link {}={value:?} out of the drawing",
                key.to_ascii_lowercase()
            )));
        }
        let squeezed: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        if squeezed.contains("javascript:") || has_outside_url(&squeezed) {
            return Err(refuse(format!(
                "{}={value:?} on <{name}> points outside",
                key.to_ascii_lowercase()
            )));
        }
    }
    Ok(())
}

/// A `url(…)` whose target is not a fragment of the drawing.
fn has_outside_url(squeezed: &str) -> bool {
    squeezed.match_indices("url(").any(|(at, _)| {
        !squeezed[at + 4..]
            .trim_start_matches(['"', '\''])
            .starts_with('#')
    })
}

/// A `<style>` may hold selectors and declarations only: no markup, import or outside address.
fn check_style(css: &str) -> Result<(), MarkupError> {
    let squeezed: String = css
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let bad = ["<", "@import", "expression(", "javascript:", "\\"]
        .iter()
        .any(|b| squeezed.contains(b));
    if bad || has_outside_url(&squeezed) {
        return Err(refuse(
            "a <style> holding more than selectors and declarations",
        ));
    }
    Ok(())
}

/// The start tag with its id, classes and references renamed, and ECharts' `ecmeta_` marks
/// dropped and [`STEM`] guarded in other values when the form is [`Form::Page`]; other attributes
/// as they were.
fn renamed<'a>(
    e: &BytesStart<'a>,
    rename: &dyn Fn(&str) -> String,
    form: Form,
) -> Result<BytesStart<'static>, MarkupError> {
    let name = utf8(e.name().into_inner())?.to_owned();
    let mut out = BytesStart::new(name);
    for attr in e.attributes() {
        let attr = attr.map_err(|e| refuse(format!("bad attribute: {e}")))?;
        let key = attr.key.into_inner();
        if form == Form::Page && key.starts_with(b"ecmeta_") {
            continue;
        }
        let raw = utf8(&attr.value)?;
        let value: Cow<'_, str> = match key {
            b"id" => Cow::Owned(rename(raw)),
            b"class" => Cow::Owned(
                raw.split_whitespace()
                    .map(rename)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            b"href" | b"xlink:href" => match raw.strip_prefix('#') {
                Some(target) => Cow::Owned(format!("#{}", rename(target))),
                None => Cow::Borrowed(raw),
            },
            _ if form == Form::Page => match rename_urls(raw, rename) {
                Cow::Borrowed(v) => guard_stem(v),
                Cow::Owned(v) => Cow::Owned(guard_stem(&v).into_owned()),
            },
            _ => rename_urls(raw, rename),
        };
        // The attribute is copied into `out`: nothing needs to be owned here.
        out.push_attribute(Attribute {
            key: QName(key),
            value: Cow::Borrowed(value.as_bytes()),
        });
    }
    Ok(out)
}

/// `url(#name)` → `url(#rename(name))`, every other character unchanged.
fn rename_urls<'v>(value: &'v str, rename: &dyn Fn(&str) -> String) -> Cow<'v, str> {
    if !value.contains("url(#") {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 16);
    let mut rest = value;
    while let Some(at) = rest.find("url(#") {
        out.push_str(&rest[..at + 5]);
        rest = &rest[at + 5..];
        let end = rest.find(')').unwrap_or(rest.len());
        out.push_str(&rename(&rest[..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Renames, in style text, each `.name` and `#name` selector whose name the drawing defines, and
/// each `url(#name)`.
fn rename_in_css(css: &str, names: &BTreeSet<String>, rename: &dyn Fn(&str) -> String) -> String {
    let css = rename_urls(css, rename);
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut out = String::with_capacity(css.len() + 64);
    let mut rest: &str = &css;
    while let Some(at) = rest.find(['.', '#']) {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let end = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
        let name = &rest[..end];
        if names.contains(name) {
            out.push_str(&rename(name));
        } else {
            out.push_str(name);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAWN: &str = concat!(
        r##"<svg width="10" height="10" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"##,
        "\n",
        r##"<path d="M0 0" fill="url(#zr12-p0)" clip-path="url(#zr12-c0)" class="zr12-cls-5 zr12-cls-2"></path>"##,
        r##"<text style="font-size:12px;">zr12-c0 &lt;b&gt; .zr12-cls-5 url(#zr12-c0)</text>"##,
        r##"<defs><pattern id="zr12-p0"></pattern><clipPath id="zr12-c0"><rect></rect></clipPath></defs>"##,
        "<style ><![CDATA[\n.zr12-cls-5:hover {\ncursor:pointer;\n}\n.zr12-cls-9:hover {}\n.other:hover {}\n]]>\n</style>\n",
        "</svg>"
    );

    #[test]
    fn normalising_renumbers_ids_classes_and_references_but_not_text() {
        let n = normalise(DRAWN).expect("a drawing");
        assert!(
            !n.contains("id=\"zr12") && !n.contains("\"url(#zr12"),
            "{n}"
        );
        // Numbered by kind in order of first appearance: cls-5 came first, then cls-2.
        assert!(n.contains(r#"fill="url(#zr0-p0)""#), "{n}");
        assert!(n.contains(r#"clip-path="url(#zr0-c0)""#), "{n}");
        assert!(n.contains(r#"class="zr0-cls-0 zr0-cls-1""#), "{n}");
        assert!(n.contains(r#"<pattern id="zr0-p0">"#), "{n}");
        assert!(n.contains(r#"<clipPath id="zr0-c0">"#), "{n}");
        assert!(n.contains(".zr0-cls-0:hover"), "{n}");
        assert!(
            n.contains(".zr0-cls-2:hover"),
            "a class only in the style: {n}"
        );
        assert!(n.contains(".other:hover"), "{n}");
        // Text is the chart's data: it stays as written, entities included.
        assert!(
            n.contains("zr12-c0 &lt;b&gt; .zr12-cls-5 url(#zr12-c0)</text>"),
            "{n}"
        );
        // The same drawing from another engine, whatever its numbers, normalises to the same
        // bytes, and normalising twice changes nothing.
        let other = DRAWN
            .replace("zr12-", "zr3-")
            .replace("cls-5", "cls-40")
            .replace("cls-2", "cls-41")
            .replace("cls-9", "cls-7")
            // The text is data, the same in both.
            .replace(
                "zr3-c0 &lt;b&gt; .zr3-cls-40 url(#zr3-c0)",
                "zr12-c0 &lt;b&gt; .zr12-cls-5 url(#zr12-c0)",
            );
        assert_eq!(normalise(&other), Ok(n.clone()));
        assert_eq!(normalise(&n), Ok(n));
    }

    #[test]
    fn placing_reaches_every_id_reference_class_and_selector() {
        let n = normalise(DRAWN).expect("a drawing");
        let p = place(&for_pages(&n).expect("for pages"), "chart-radar-").expect("placed");
        assert!(p.contains(r#"fill="url(#chart-radar-zr0-p0)""#), "{p}");
        assert!(p.contains(r#"<clipPath id="chart-radar-zr0-c0">"#), "{p}");
        assert!(
            p.contains(r#"class="chart-radar-zr0-cls-0 chart-radar-zr0-cls-1""#),
            "{p}"
        );
        assert!(p.contains(".chart-radar-zr0-cls-0:hover"), "{p}");
        assert!(p.contains(".other:hover"), "{p}");
        assert!(p.contains("zr12-c0 &lt;b&gt;"), "{p}");
        assert_eq!(
            for_pages(DRAWN),
            for_pages(&n),
            "the same from ECharts' names"
        );
        let marked =
            r#"<svg><path d="M0 0" ecmeta_series_index="0" ecmeta_ssr_type="chart"></path></svg>"#;
        assert_eq!(normalise(marked).expect("kept"), marked);
        assert_eq!(
            for_pages(marked).expect("dropped"),
            r#"<svg><path d="M0 0"></path></svg>"#
        );
        // Names without the stem get it, so that placing prefixes them too.
        let hrefs = r##"<svg><path id="a"></path><g href="#a" xlink:href="#a"></g></svg>"##;
        assert_eq!(
            place(&for_pages(hrefs).expect("for pages"), "x").expect("placed"),
            r##"<svg><path id="xzr0-a"></path><g href="#xzr0-a" xlink:href="#xzr0-a"></g></svg>"##
        );
        for bad in ["", "1a", "a b", "a\"", "a>"] {
            assert!(place(&n, bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn the_stem_in_text_and_values_is_not_taken_for_a_name() {
        let svg = concat!(
            r##"<svg aria-label="zr0-x url(#zr0-p0)"><text>zr0-c0 url(#zr0-p0)</text>"##,
            r##"<text><![CDATA[zr0-a <b>]]></text><path id="zr0-p0"></path></svg>"##
        );
        let paged = for_pages(svg).expect("for pages");
        assert_eq!(
            paged,
            concat!(
                r##"<svg aria-label="&#122;r0-x url(#zr0-p0)"><text>&#122;r0-c0 url(#&#122;r0-p0)</text>"##,
                r##"<text>&#122;r0-a &lt;b&gt;</text><path id="zr0-p0"></path></svg>"##
            )
        );
        let placed = place(&paged, "c1w-").expect("placed");
        assert_eq!(placed.matches("c1w-").count(), 2, "{placed}");
        assert!(placed.contains(r#"<path id="c1w-zr0-p0">"#), "{placed}");
    }

    #[test]
    fn anything_but_drawing_is_refused() {
        let refused = [
            "<svg><script>alert(1)</script></svg>",
            r#"<svg><path onload="alert(1)"></path></svg>"#,
            r#"<svg><g ONCLICK="x"></g></svg>"#,
            r#"<svg><g href="javascript:alert(1)"></g></svg>"#,
            r#"<svg><g xlink:href="https://example.org/x.svg#a"></g></svg>"#,
            r#"<svg><path fill="url(https://example.org/p.svg#a)"></path></svg>"#,
            r#"<svg><path style="background:url(java&#10;script:alert(1))"></path></svg>"#,
            "<svg><foreignObject><div></div></foreignObject></svg>",
            "<svg><image></image></svg>",
            "<svg><svg></svg></svg>",
            "<svg><style>@import 'x.css';</style></svg>",
            "<svg><style><![CDATA[</style><script>]]></style></svg>",
            "<svg><!-- a --></svg>",
            "<?xml version=\"1.0\"?><svg></svg>",
            "<svg><text>&ext;</text></svg>",
            "<svg><g></svg>",
            "<svg><g>",
            "<g></g>",
            "<svg></svg><svg></svg>",
            "<svg></svg>text",
            "",
        ];
        for svg in refused {
            assert!(normalise(svg).is_err(), "accepted: {svg}");
            assert!(check(svg).is_err(), "accepted: {svg}");
            assert!(for_pages(svg).is_err(), "accepted: {svg}");
        }
        assert!(normalise(DRAWN).is_ok());
        assert!(check(DRAWN).is_ok());
    }
}
