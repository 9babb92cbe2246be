//! The site configuration, `qmsite.toml` at the root of a site.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity, SourceFile};

/// Name of the configuration file at the root of every site.
pub const CONFIG_FILE: &str = "qmsite.toml";

/// `qmsite.toml` as written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in the header and the browser tab.
    pub title: String,
    /// The organisation the site reports on.
    pub organisation: String,
    /// The address the site is published at (`https://intranet.example/quality/`). When given,
    /// every page names its canonical address and the build writes `sitemap.xml`; links stay
    /// relative either way, so the site still works from any other place.
    #[serde(default = "default_base_url")]
    #[schemars(with = "String")]
    pub base_url: Spanned<String>,
    /// Language of the pages' interface: `en`, `cs` or `de` built in, or another with a string
    /// table in the site's `themes/<name>/i18n/` folder.
    #[serde(default = "default_language")]
    #[schemars(with = "String")]
    pub language: Spanned<String>,
    /// Other languages the site is also built in (`["cs"]`), each under its own folder of the
    /// output (`cs/`), with a language switcher on every page. A content file's translation sits
    /// beside it as `name.<language>.toml` or `name.<language>.md`; see docs/languages.md.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub languages: Vec<Spanned<String>>,
    /// Theme name; files in the site's `themes/<name>/` override the built-in default theme.
    #[serde(default = "default_theme")]
    #[schemars(with = "String")]
    pub theme: Spanned<String>,
    /// Output folder, relative to the site root.
    #[serde(default = "default_output")]
    #[schemars(with = "String")]
    pub output_dir: Spanned<String>,
    /// Years between assessments (the method says 2 to 3; 1 to 10).
    #[serde(default = "default_cadence")]
    #[schemars(with = "i64", range(min = 1, max = 10))]
    pub assessment_cadence_years: Spanned<i64>,
    /// The framework shown on the home page; defaults to the one with the most assessments.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub main_framework: Option<Spanned<String>>,
    /// A short description for the home page.
    #[serde(default)]
    pub description: String,
    /// What the site takes from its git history (status timelines, "last changed" dates, the
    /// "What changed" page).
    #[serde(default)]
    pub history: HistorySettings,
    /// Files under content/ that are not content, as glob patterns relative to the site
    /// (`"content/assessments/*.xlsx"`, `"**/notes/**"`); they are skipped. Editor backups,
    /// lock files and office temporary files are skipped without being listed.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ignore: Vec<Spanned<String>>,
    /// The organisation's look: a logo, an accent colour, a stylesheet of its own and a
    /// confidentiality line, without copying the theme.
    #[serde(default)]
    pub brand: Brand,
    /// The paper the full report is printed on (`qmsite pdf` and a browser's print dialogue):
    /// `"a4"` (the default) or `"letter"`.
    #[serde(default)]
    pub paper: Paper,
    /// The organisational units assessed separately (departments, subsidiaries, regions or
    /// clients). An assessment names its unit with `unit = "id"`; without it, it assessed the
    /// organisation as a whole.
    #[serde(default, rename = "unit")]
    pub units: Vec<UnitEntry>,
    /// True when `output_dir` was given on the command line (`-o`), so problems with it are
    /// reported there rather than in this file.
    #[serde(skip)]
    pub output_dir_from_command_line: bool,
    /// The language of `languages` this copy of the configuration is built in; `None` for the
    /// default language. Set when the content is laid out in another language.
    #[serde(skip)]
    pub building: Option<String>,
}

/// A paper size for the printed report.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm: the default.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// The size as CSS's `@page { size }` names it.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// The `[history]` table of `qmsite.toml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistorySettings {
    /// Read the site's git history when the site is in a git repository (default true). Turn it
    /// off to leave commit dates and ids out of the published pages.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// The tags that mark published reports, as a pattern (`*` any text, `?` one character),
    /// e.g. `"report-*"`. "What changed" compares the two latest matching tags (the latest and
    /// the current commit when only one matches).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tags: Option<Spanned<String>>,
    /// Without a tag pattern, or when no tag matches it: how many commits back "What changed"
    /// starts (1 to 10000, default 10).
    #[serde(default = "default_commits")]
    #[schemars(with = "i64")]
    pub commits: Spanned<i64>,
}

impl Default for HistorySettings {
    fn default() -> Self {
        HistorySettings {
            enabled: true,
            tags: None,
            commits: default_commits(),
        }
    }
}

fn default_true() -> bool {
    true
}
fn default_commits() -> Spanned<i64> {
    Spanned::new(0..0, 10)
}

/// One `[[unit]]` of `qmsite.toml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    /// Unique id, referred to by assessments (`unit = "finance"`).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The name readers see, e.g. "Finance department".
    pub name: String,
    /// What the unit is, for the units page.
    #[serde(default)]
    pub description: String,
}

fn default_language() -> Spanned<String> {
    Spanned::new(0..0, "en".to_owned())
}
fn default_base_url() -> Spanned<String> {
    Spanned::new(0..0, String::new())
}
fn default_theme() -> Spanned<String> {
    Spanned::new(0..0, "default".to_owned())
}
fn default_output() -> Spanned<String> {
    Spanned::new(0..0, "output".to_owned())
}
fn default_cadence() -> Spanned<i64> {
    Spanned::new(0..0, 3)
}

/// `[brand]` in `qmsite.toml`: the organisation's look on top of the theme.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// A logo shown in the header: an image file of the site inside `themes/<theme>/static/`
    /// or `content/pages/`, e.g. "themes/default/static/logo.png".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub logo: Option<Spanned<String>>,
    /// The accent colour of the header and links, as #rrggbb; it needs a contrast of at least
    /// 4.5:1 with white, since links are drawn in it on white.
    #[serde(default)]
    #[schemars(with = "Option<ColourText>")]
    pub accent: Option<Spanned<String>>,
    /// A stylesheet of the site loaded after the theme's, so a few rules change the look
    /// without copying the theme: a `.css` file inside `themes/<theme>/static/`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub stylesheet: Option<Spanned<String>>,
    /// A line shown at the top and the foot of every page, e.g. "Internal: not for
    /// distribution outside the IT department".
    #[serde(default)]
    pub confidentiality: String,
}

/// Stands for a colour in the JSON Schemas: `#` and six hexadecimal digits.
pub struct ColourText;

impl schemars::JsonSchema for ColourText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Colour".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": crate::content::shape::COLOUR_PATTERN,
            "description": "A colour written as #rrggbb, e.g. \"#1f4e79\""
        })
    }
}

/// The configuration with its source, so later checks can point into it.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// The parsed values.
    pub config: Config,
    /// The file's text.
    pub source: SourceFile,
}

impl LoadedConfig {
    /// The languages the site is built in besides its default one, as written.
    pub fn other_languages(&self) -> Vec<String> {
        self.config
            .languages
            .iter()
            .map(|l| l.get_ref().clone())
            .collect()
    }
}

/// Reads and parses `qmsite.toml`; reports a missing or malformed file.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<LoadedConfig> {
    let path = root.join(CONFIG_FILE);
    let text = match crate::content::read_text(&path) {
        Ok(t) => t,
        Err(e) => {
            let mut d = e.diagnostic(CONFIG_FILE);
            if e.is_missing() {
                d = d.expected(format!("a {CONFIG_FILE} file at the root of the site"));
            }
            diags.push(d);
            return None;
        }
    };
    from_source(SourceFile::new(CONFIG_FILE, text), diags)
}

/// Parses and checks the text of `qmsite.toml`.
pub fn from_source(source: SourceFile, diags: &mut Diagnostics) -> Option<LoadedConfig> {
    let config: Config = crate::content::parse_toml(&source, diags)?;
    check_history(&config.history, &source, diags);
    let base_url = config.base_url.get_ref().trim();
    let web_address = base_url.starts_with("https://") || base_url.starts_with("http://");
    if !base_url.is_empty() && !web_address {
        diags.error_at(
            &crate::diagnostics::codes::BAD_CONFIG,
            &source,
            config.base_url.span(),
            format!("base_url \"{base_url}\" is not a web address"),
            Some("an address starting with https:// or http://, such as \"https://intranet.example/quality/\", or \"\" when the site has no fixed address".to_owned()),
        );
    }
    Some(LoadedConfig { config, source })
}

/// Checks the `[history]` settings: a tag pattern that names something, a count in range.
fn check_history(h: &HistorySettings, source: &SourceFile, diags: &mut Diagnostics) {
    if !(1..=10_000).contains(h.commits.get_ref()) {
        diags.error_at(
            &crate::diagnostics::codes::OUT_OF_RANGE,
            source,
            h.commits.span(),
            "history.commits is out of range",
            Some("a whole number of commits from 1 to 10000".to_owned()),
        );
    }
    if let Some(tags) = &h.tags
        && tags.get_ref().trim().is_empty()
    {
        diags.error_at(
            &crate::diagnostics::codes::EMPTY_TEXT,
            source,
            tags.span(),
            "history.tags is empty",
            Some(
                "a tag pattern such as \"report-*\", or no tags key to compare the last commits"
                    .to_owned(),
            ),
        );
    }
}

impl LoadedConfig {
    /// The `ignore` patterns as one matcher; a pattern that is not a valid glob is reported at
    /// its place and left out.
    pub fn ignore_set(&self, diags: &mut Diagnostics) -> globset::GlobSet {
        let mut set = globset::GlobSetBuilder::new();
        for pattern in &self.config.ignore {
            match globset::GlobBuilder::new(pattern.get_ref())
                .literal_separator(true)
                .build()
            {
                Ok(glob) => {
                    set.add(glob);
                }
                Err(_) => diags.error_at(
                    &crate::diagnostics::codes::BAD_CONFIG,
                    &self.source,
                    pattern.span(),
                    format!(
                        "ignore pattern \"{}\" is not a valid pattern",
                        pattern.get_ref()
                    ),
                    Some("a pattern of the path from the site folder, with * for any name and ** for any folders, such as \"content/assessments/*.txt\"".to_owned()),
                ),
            }
        }
        set.build().unwrap_or_else(|_| globset::GlobSet::empty())
    }

    /// The output folder as an absolute path, refusing places that would put user data at risk.
    ///
    /// A build replaces the output folder whole, so it must never be the site itself, one of the
    /// site's source folders, an ancestor of the site, the file-system root or the home folder.
    pub fn output_dir(&self, root: &Path, diags: &mut Diagnostics) -> Option<PathBuf> {
        let raw = self.config.output_dir.get_ref();
        let span = self.config.output_dir.span();
        let from_cli = self.config.output_dir_from_command_line;
        let fail = |diags: &mut Diagnostics, why: &str| {
            let expected = "a folder of its own inside or beside the site, e.g. \"output\"";
            if from_cli {
                diags.push(
                    Diagnostic::in_file(
                        Severity::Error,
                        "-o/--output",
                        format!("the output folder \"{raw}\" {why}"),
                    )
                    .expected(expected)
                    .code(&crate::diagnostics::codes::OUTPUT_DIR),
                );
            } else {
                diags.error_at(
                    &crate::diagnostics::codes::OUTPUT_DIR,
                    &self.source,
                    span.clone(),
                    format!("output_dir \"{raw}\" {why}"),
                    Some(expected.to_owned()),
                );
            }
            None
        };
        if raw.trim().is_empty() {
            return fail(diags, "is empty");
        }
        let joined = root.join(raw);
        let out = normalise(&joined);
        let root_n = normalise(root);
        if out.parent().is_none() {
            return fail(diags, "is the file-system root");
        }
        if root_n.starts_with(&out) {
            return fail(diags, "is the site folder or one of its parents");
        }
        for protected in ["content", "themes", ".git", "tests", "src"] {
            if out.starts_with(root_n.join(protected)) {
                return fail(
                    diags,
                    &format!("lies inside the site's {protected}/ folder"),
                );
            }
        }
        if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
            && !home.as_os_str().is_empty()
            && normalise(&home) == out
        {
            return fail(diags, "is the home folder");
        }
        Some(out)
    }
}

/// Makes a path absolute and removes `.` and `..` parts without touching the file system,
/// then resolves symbolic links of the longest existing prefix.
pub fn normalise(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    // Resolve links in the part that exists, so `out -> ..` style tricks are seen for what they are.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_owned()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return out,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}
