//! The theme's templates through Tera, with qmsite's own HTML escaping.

use serde::Serialize;
use tera::value::Value;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::theme::Theme;

/// The theme's templates with what every page shares, converted to template values once and
/// given to every page (the strings table alone is hundreds of entries).
pub struct Renderer<'a> {
    tera: &'a Tera,
    shared: Vec<(String, Value)>,
}

impl<'a> Renderer<'a> {
    /// Prepares rendering with `shared`, a struct whose fields every template receives.
    pub fn new(tera: &'a Tera, shared: &impl Serialize) -> Renderer<'a> {
        let shared = Value::from_serializable(shared)
            .into_map()
            .map(|m| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            .unwrap_or_default();
        Renderer { tera, shared }
    }

    /// Renders `template` with the fields of `frame` and `view` beside the shared ones.
    pub fn render(
        &self,
        template: &str,
        frame: &impl Serialize,
        view: &impl Serialize,
    ) -> Result<String, tera::Error> {
        let mut context = Context::from_serialize(view)?;
        context.extend(Context::from_serialize(frame)?);
        for (key, value) in &self.shared {
            context.insert_value(key.clone(), value.clone());
        }
        self.tera.render(template, &context)
    }
}

/// Builds the Tera instance from the theme's templates.
pub fn templates(theme: &Theme, diags: &mut Diagnostics) -> Option<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
    tera.set_escape_fn(escape_html);
    if let Err(e) = tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    ) {
        diags.push(
            Diagnostic::in_file(
                Severity::Error,
                "themes",
                format!("a theme template does not parse: {}", error_chain(&e)),
            )
            .expected("templates written in Tera 2 syntax, like those of the built-in theme")
            .code(&crate::diagnostics::codes::TEMPLATE),
        );
        return None;
    }
    Some(tera)
}

/// Escapes text for HTML exactly as Tera does by default (`&`, `<`, `>`, `"` and `'`), but
/// writes the runs between those characters whole: Tera's own function writes byte by byte,
/// and was a tenth of the instructions of a large build.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}

#[cfg(test)]
mod tests {
    fn escaped(f: tera::EscapeFn, input: &str) -> Vec<u8> {
        let mut out = Vec::new();
        f(input, &mut out).expect("write to a Vec");
        out
    }

    #[test]
    fn escaping_writes_what_teras_own_escaping_writes() {
        let ours: tera::EscapeFn = super::escape_html;
        for input in [
            "",
            "plain",
            "<a href=\"x\">R&D's</a>",
            "&&",
            "Qualität <ü>'",
            "'",
        ] {
            assert_eq!(
                escaped(ours, input),
                escaped(tera::escape_html, input),
                "{input}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn escaping_matches_tera_on_any_text(input in "(.|[<>&\"'])*") {
            let ours: tera::EscapeFn = super::escape_html;
            proptest::prop_assert_eq!(escaped(ours, &input), escaped(tera::escape_html, &input));
        }
    }
}
