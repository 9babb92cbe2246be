//! What a file kind may hold, key by key, read from the JSON Schema its model produces.
//!
//! The models in [`super::model`] are the one description of each file kind: serde reads files
//! into them, schemars turns them into the JSON Schemas editors use, and this module turns the
//! same schema into a [`Shape`] that [`super::walk`] checks a parsed TOML document against, key
//! by key, before serde sees it. So `check` and an editor flag the same mistakes, and a key or a
//! range is written down once, on the model.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use schemars::JsonSchema;
use serde_json::{Map, Value};

/// Rules given in the schema as a regular expression, checked here by code that says in words
/// what is wrong. Each rule's pattern is a constant the models put in the schema; a test checks
/// that the pattern and the code agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Ids: usable as file names and in web addresses.
    Id,
    /// Addresses readers' browsers may follow.
    Url,
    /// Dates: a calendar day (no time), in the documented years.
    Date,
    /// Colours: `#rrggbb`.
    Colour,
    /// ISO/IEC 20000-1 clause numbers. Editors see the catalogue as an enum; `check` leaves the
    /// number to validation (`validate::refs::clause`), whose message suggests the clauses
    /// beside where the number would be rather than the nearest spelling.
    Clause,
    /// Edition names: small letters, digits and hyphens (they name folders and are typed on
    /// the command line).
    Slug,
}

/// The regular expression every id matches (also the length limit: 1 to 64 characters).
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

/// The regular expression that approximates [`crate::url::classify`] for editors: an allowed
/// scheme, a path, or text whose first `:` does not end a scheme. Like browsers, it lets tabs
/// and line breaks inside a scheme count for nothing, so `java\tscript:` is refused too.
pub const URL_PATTERN: &str = "^\\s*((?:[Hh][Tt][Tt][Pp][Ss]?|[Mm][Aa][Ii][Ll][Tt][Oo]|[Tt][Ee][Ll]):.*|[^A-Za-z\\s].*|[A-Za-z][A-Za-z0-9+.\\t\\n\\r-]*([^A-Za-z0-9+.:\\t\\n\\r-].*)?)?$";

/// The regular expression every edition name matches: 1 to 40 small letters, digits or
/// hyphens, starting with a letter or a digit.
pub const SLUG_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,39}$";

/// The regular expression of a colour: `#` and six hexadecimal digits.
pub const COLOUR_PATTERN: &str = "^#[0-9A-Fa-f]{6}$";

/// The regular expression of a clause number's form (`8`, `8.5`, `8.5.1`, `8.5.1.1`); the
/// schema's enum holds the catalogue itself.
pub const CLAUSE_PATTERN: &str = "^([4-9]|10)(\\.[0-9]{1,2}){0,3}$";

/// The first and last year a date may have.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2199;

/// The regular expression of a date as editors see it: a day in [`YEARS`], no time.
pub const DATE_PATTERN: &str = "^(19[0-9]{2}|2[01][0-9]{2})-[0-9]{2}-[0-9]{2}$";

/// True when `s` follows [`ID_PATTERN`].
pub fn is_id(s: &str) -> bool {
    super::words::is_id(s)
}

impl Rule {
    fn for_pattern(pattern: &str) -> Option<Rule> {
        match pattern {
            ID_PATTERN => Some(Rule::Id),
            URL_PATTERN => Some(Rule::Url),
            DATE_PATTERN => Some(Rule::Date),
            COLOUR_PATTERN => Some(Rule::Colour),
            CLAUSE_PATTERN => Some(Rule::Clause),
            SLUG_PATTERN => Some(Rule::Slug),
            _ => None,
        }
    }
}

/// What one value may be.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The kind of value and its limits.
    pub kind: Kind,
    /// What the value is for, from the model's doc comment.
    pub description: Option<String>,
}

/// The kinds of value a TOML file holds, with the limits the schema sets.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Text; `allowed` lists the only values accepted, when there is such a list.
    Text {
        /// The only values accepted (empty: any).
        allowed: Vec<String>,
        /// A rule the text must follow.
        rule: Option<Rule>,
        /// Fewest characters.
        min_len: Option<u64>,
    },
    /// A whole number.
    Integer {
        /// Smallest value.
        min: Option<f64>,
        /// Largest value.
        max: Option<f64>,
    },
    /// Any finite number (a whole number is one too).
    Number {
        /// Smallest value.
        min: Option<f64>,
        /// Largest value.
        max: Option<f64>,
    },
    /// true or false.
    Boolean,
    /// A TOML date; `rule` when the years are limited.
    Date {
        /// The date rule.
        rule: Option<Rule>,
    },
    /// A list of values of one shape.
    List {
        /// What each entry is.
        items: Box<Shape>,
        /// Fewest entries.
        min_items: u64,
    },
    /// A table with named keys (and, for maps, any other key with values of one shape).
    Table {
        /// The keys it has, in the model's order.
        keys: Vec<Key>,
        /// The shape of any other key; `None` when other keys are errors.
        others: Option<Box<Shape>>,
    },
    /// Anything (a schema part qmsite does not restrict).
    Any,
}

/// One key of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// Its name.
    pub name: String,
    /// What its value may be.
    pub shape: Shape,
    /// Whether the file must give it.
    pub required: bool,
}

/// The shape of a model type, computed once per type.
pub fn of<T: JsonSchema + 'static>() -> Arc<Shape> {
    static CACHE: OnceLock<Mutex<HashMap<TypeId, Arc<Shape>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let id = TypeId::of::<T>();
    if let Some(s) = cache.lock().ok().and_then(|c| c.get(&id).cloned()) {
        return s;
    }
    let schema = generate::<T>();
    let shape = Arc::new(from_schema(schema.as_value()));
    if let Ok(mut c) = cache.lock() {
        c.insert(id, shape.clone());
    }
    shape
}

/// The JSON Schema (draft 7) of a model type, as editors and qmsite's own key-by-key check read
/// it; `qmsite schema` writes the same ones.
pub fn generate<T: JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Turns a JSON Schema (draft 7, as schemars writes it) into a shape.
pub fn from_schema(root: &Value) -> Shape {
    let definitions = root
        .get("definitions")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    Compiler {
        definitions: &definitions,
        depth: 0,
    }
    .shape(root)
}

struct Compiler<'a> {
    definitions: &'a Map<String, Value>,
    depth: usize,
}

impl Compiler<'_> {
    /// Follows `$ref`, single-entry `allOf` and `anyOf` with `null` to the schema that matters.
    fn resolve<'v>(&'v self, schema: &'v Value) -> &'v Value {
        let mut current = schema;
        for _ in 0..16 {
            if let Some(name) = current
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/definitions/"))
                && let Some(target) = self.definitions.get(name)
            {
                current = target;
                continue;
            }
            let wrapped = ["allOf", "anyOf"].iter().find_map(|k| {
                let list = current.get(*k)?.as_array()?;
                let real: Vec<&Value> = list
                    .iter()
                    .filter(|v| v.get("type").and_then(Value::as_str) != Some("null"))
                    .collect();
                (real.len() == 1).then(|| real[0])
            });
            match wrapped {
                Some(inner) => current = inner,
                None => break,
            }
        }
        current
    }

    fn shape(&self, schema: &Value) -> Shape {
        let description = schema
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let resolved = self.resolve(schema);
        let description = description.or_else(|| {
            resolved
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
        Shape {
            kind: self.kind(resolved),
            description,
        }
    }

    /// Long because one arm per JSON Schema construct the models produce; the cases read best side by
    /// side.
    fn kind(&self, s: &Value) -> Kind {
        if self.depth > 32 {
            return Kind::Any;
        }
        let deeper = Compiler {
            definitions: self.definitions,
            depth: self.depth + 1,
        };
        let number = |key: &str| s.get(key).and_then(Value::as_f64);
        let rule = s
            .get("pattern")
            .and_then(Value::as_str)
            .and_then(Rule::for_pattern);
        if rule == Some(Rule::Clause) {
            return Kind::Text {
                allowed: Vec::new(),
                rule,
                min_len: None,
            };
        }
        if let Some(options) = s.get("oneOf").or_else(|| s.get("enum")) {
            let allowed: Vec<String> = options
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|o| o.get("const").unwrap_or(o).as_str().map(str::to_owned))
                .collect();
            return Kind::Text {
                allowed,
                rule: None,
                min_len: None,
            };
        }
        match type_of(s) {
            Some("string") if s.get("format").and_then(Value::as_str) == Some("date") => {
                Kind::Date { rule }
            }
            Some("string") => Kind::Text {
                allowed: Vec::new(),
                rule,
                min_len: s.get("minLength").and_then(Value::as_u64),
            },
            Some("integer") => Kind::Integer {
                min: number("minimum"),
                max: number("maximum"),
            },
            Some("number") => Kind::Number {
                min: number("minimum"),
                max: number("maximum"),
            },
            Some("boolean") => Kind::Boolean,
            Some("array") => Kind::List {
                items: Box::new(s.get("items").map_or(
                    Shape {
                        kind: Kind::Any,
                        description: None,
                    },
                    |i| deeper.shape(i),
                )),
                min_items: s.get("minItems").and_then(Value::as_u64).unwrap_or(0),
            },
            Some("object") => {
                let required: Vec<&str> = s
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let keys = s
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .map(|(name, v)| Key {
                        name: name.clone(),
                        shape: deeper.shape(v),
                        required: required.contains(&name.as_str()),
                    })
                    .collect();
                let others = match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => None,
                    Some(Value::Object(o)) if !o.is_empty() => {
                        Some(Box::new(deeper.shape(&Value::Object(o.clone()))))
                    }
                    _ => Some(Box::new(Shape {
                        kind: Kind::Any,
                        description: None,
                    })),
                };
                Kind::Table { keys, others }
            }
            _ => Kind::Any,
        }
    }
}

/// The schema's type, ignoring `null` (TOML has no null: an optional key is simply left out).
fn type_of(s: &Value) -> Option<&str> {
    match s.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(list) => list.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pattern in every schema is one the checker knows, so nothing an editor flags
    /// passes `check` for want of a rule.
    #[test]
    fn every_schema_pattern_has_a_rule() {
        use crate::content::model::*;
        let schemas = [
            generate::<crate::content::config::Config>(),
            generate::<framework::FrameworkFile>(),
            generate::<assessment::AssessmentFile>(),
            generate::<benchmark::BenchmarkFile>(),
            generate::<qms::QmsFile>(),
            generate::<improvement::RegisterFile>(),
            generate::<coverage::CoverageFile>(),
            generate::<page::FrontMatter>(),
        ];
        for schema in schemas {
            let mut patterns = Vec::new();
            collect(schema.as_value(), "pattern", &mut patterns);
            for p in patterns {
                assert!(Rule::for_pattern(&p).is_some(), "unknown pattern {p}");
            }
        }
    }

    fn collect(v: &Value, key: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                for (k, x) in o {
                    if k == key
                        && let Some(s) = x.as_str()
                    {
                        out.push(s.to_owned());
                    }
                    collect(x, key, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| collect(x, key, out)),
            _ => {}
        }
    }

    /// The patterns editors see agree with the rules `check` applies.
    #[test]
    fn patterns_agree_with_the_rules() {
        let id = regex::Regex::new(ID_PATTERN).expect("id pattern");
        for s in [
            "IMP-001",
            "a",
            "D1.1",
            "x_y",
            &"a".repeat(64),
            "",
            "-x",
            "a b",
            "é",
            &"a".repeat(65),
            "I-\u{200b}2",
        ] {
            assert_eq!(id.is_match(s), is_id(s), "{s:?}");
        }
        let slug = regex::Regex::new(SLUG_PATTERN).expect("slug pattern");
        for s in [
            "stakeholders",
            "board-2026",
            "a",
            &"a".repeat(40),
            &"a".repeat(41),
            "",
            "-x",
            "Board",
            "a b",
            "a_b",
            "a.b",
            "é",
        ] {
            assert_eq!(slug.is_match(s), crate::content::words::is_slug(s), "{s:?}");
        }
        let url = regex::Regex::new(URL_PATTERN).expect("url pattern");
        for s in [
            "https://intranet.example/x.pdf",
            "HTTP://x",
            "mailto:a@b",
            "tel:+441",
            "pages/policy.pdf",
            "/qms/policy.pdf",
            "../x",
            "#anchor",
            "",
            "javascript:alert(1)",
            " DaTa\t:text/html,x",
            "data:x",
            "file:///C:/x",
            "C:\\x",
            "vbscript:x",
            "a/b:c",
            "x.pdf?q=a:b",
        ] {
            let refused = matches!(crate::url::classify(s), crate::url::UrlKind::Refused(_));
            assert_eq!(url.is_match(s), !refused, "{s:?}");
        }
        let date = regex::Regex::new(DATE_PATTERN).expect("date pattern");
        for (s, ok) in [
            ("1900-01-01", true),
            ("2199-12-31", true),
            ("1899-12-31", false),
            ("2200-01-01", false),
            ("9997-05-01", false),
            ("2026-03-31T10:00:00", false),
        ] {
            assert_eq!(date.is_match(s), ok, "{s}");
            let year: i16 = s[..4].parse().expect("year");
            assert_eq!(YEARS.contains(&year) && s.len() == 10, ok, "{s}");
        }
        let colour = regex::Regex::new(COLOUR_PATTERN).expect("colour pattern");
        for s in [
            "#1f4e79",
            "#ABCDEF",
            "#12345",
            "1f4e79",
            "#1f4e7g",
            "dark blue",
        ] {
            assert_eq!(colour.is_match(s), super::super::words::is_colour(s), "{s}");
        }
        let clause = regex::Regex::new(CLAUSE_PATTERN).expect("clause pattern");
        for c in crate::iso::CLAUSES {
            assert!(clause.is_match(c.number), "{}", c.number);
        }
        for s in ["3", "11", "8.", "8..1", "8.5.1.1.1", "x"] {
            assert!(!clause.is_match(s), "{s}");
        }
    }

    #[test]
    fn the_register_shape_has_its_keys_enums_and_dates() {
        let shape = of::<crate::content::model::improvement::RegisterFile>();
        let Kind::Table { keys, others } = &shape.kind else {
            panic!("{shape:?}")
        };
        assert!(others.is_none());
        let Kind::List { items, .. } = &keys[0].shape.kind else {
            panic!()
        };
        let Kind::Table { keys, .. } = &items.kind else {
            panic!()
        };
        let key = |n: &str| keys.iter().find(|k| k.name == n).expect(n);
        assert!(key("owner").required && !key("due").required);
        assert!(matches!(
            key("due").shape.kind,
            Kind::Date {
                rule: Some(Rule::Date)
            }
        ));
        match &key("status").shape.kind {
            Kind::Text { allowed, .. } => assert!(allowed.contains(&"in-progress".to_owned())),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            key("owner").shape.description.as_deref(),
            Some("Who is accountable.")
        );
    }
}
