//! The command line: the options of every command, and one file per command that runs it.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::build::Options;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, codes};
use crate::scaffold::Problem;
use crate::terminal;
use clap::{Parser, Subcommand, ValueEnum};

mod build;
mod check;
mod diff;
mod explain;
mod export;
mod import;
mod init;
mod new;
mod pdf;
mod schema;
mod serve;
mod site;

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  the site has errors (or warnings, with --deny-warnings), or a file could not be written
  2  wrong usage (unknown command or option, bad value)

Colour is used on terminals unless NO_COLOR is set. `qmsite explain CODE` explains a problem's
code (E301, W602…) with a wrong and a right example.";

/// Compile IT quality assessments and narratives into a static report website.
#[derive(Parser)]
#[command(name = "qmsite", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Common {
    /// The site folder (holding qmsite.toml). Default: the current folder or the nearest
    /// folder above it that holds qmsite.toml.
    #[arg(long, value_hint = clap::ValueHint::DirPath)]
    root: Option<PathBuf>,
    /// Build date used for overdue actions and the assessment cycle, as YYYY-MM-DD (default: today).
    #[arg(long, value_parser = parse_date)]
    today: Option<jiff::civil::Date>,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Print only errors.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: every warning one by one, timings, skipped files and where files go.
    #[arg(long, short)]
    verbose: bool,
}

/// How problems are printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
enum Format {
    /// For people: each problem with its place, the line, what was expected and the fix.
    #[default]
    Human,
    /// For tools: one JSON object per problem and line, on standard output.
    Json,
}

/// The site a command works on, once found.
struct Found {
    /// The site folder.
    root: PathBuf,
    /// Where the command was run, when the site was found above it: paths in messages are
    /// then given from there, so terminals and editors open the right file.
    from: Option<PathBuf>,
}

impl Common {
    fn options(&self, site: &Found, output: Option<PathBuf>) -> Options {
        Options {
            root: site.root.clone(),
            today: self.today.unwrap_or_else(today),
            // The configured output_dir is relative to the site; a path typed on the command
            // line is relative to where it was typed.
            output: output.map(|p| std::path::absolute(&p).unwrap_or(p)),
            edition: None,
        }
    }

    /// Finds the site (see [`site::find`]), or prints why there is none.
    fn site(&self) -> Result<Found, ExitCode> {
        site::find(self.root.as_deref()).map_err(|d| {
            let mut diags = Diagnostics::new();
            diags.push(*d);
            terminal::print_diagnostics(&diags, false, true);
            ExitCode::from(1)
        })
    }
}

// Parsed once per run: the size of the largest command does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder.
    #[command(after_help = EXIT_CODES)]
    Build {
        #[command(flatten)]
        common: Common,
        /// Write here instead of the configured output_dir (a relative path is taken from the
        /// current folder, as any path on the command line).
        #[arg(long, short, value_hint = clap::ValueHint::DirPath)]
        output: Option<PathBuf>,
        /// Write only the full report, as one self-contained HTML file for e-mail (styles,
        /// charts and images inside it, no script, nothing loaded from elsewhere).
        #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        single_file: Option<PathBuf>,
        /// With --single-file: the language of the report (a code of `languages`); the site's
        /// default when not given.
        #[arg(long, value_name = "CODE", requires = "single_file")]
        lang: Option<String>,
        /// How problems are printed.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Build this audience edition (one of [[editions]] in qmsite.toml) into its own
        /// folder; default: the first edition.
        #[arg(long, value_name = "NAME", conflicts_with = "all_editions")]
        edition: Option<String>,
        /// Build every edition, each into its own folder.
        #[arg(long, conflicts_with = "single_file")]
        all_editions: bool,
    },
    /// Print the full report to a PDF file with a Chromium-family browser (Chromium, Google
    /// Chrome or Microsoft Edge), with page numbers in its contents and bookmarks.
    #[command(after_help = EXIT_CODES)]
    Pdf {
        #[command(flatten)]
        common: Common,
        /// The language to print: one of the site's `language` and `languages` (default: the
        /// site's first).
        #[arg(long)]
        lang: Option<String>,
        /// The PDF file to write, replaced if it exists (default: report.pdf in the current
        /// folder; report.LANG.pdf for another language than the site's first).
        #[arg(long, short, value_hint = clap::ValueHint::FilePath)]
        output: Option<PathBuf>,
        /// The browser to print with (default: $QMSITE_BROWSER, else the first of chromium,
        /// google-chrome, microsoft-edge… on the PATH or at its usual install path).
        #[arg(long, value_hint = clap::ValueHint::ExecutablePath)]
        browser: Option<PathBuf>,
        /// Write the time of printing into the file (CreationDate, ModDate); without it the same
        /// site gives the same bytes.
        #[arg(long)]
        timestamp: bool,
        /// Print this audience edition (one of [[editions]] in qmsite.toml; default: the
        /// first); the file is named after it (report-NAME.pdf) unless -o is given.
        #[arg(long, value_name = "NAME")]
        edition: Option<String>,
    },
    /// Check the site and list every problem, without writing anything.
    #[command(after_help = EXIT_CODES)]
    Check {
        #[command(flatten)]
        common: Common,
        /// How problems are printed.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Serve the site on this machine, rebuilding and reloading the browser on every edit.
    #[command(after_help = EXIT_CODES)]
    Serve {
        #[command(flatten)]
        common: Common,
        /// Port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; the default keeps the site on this machine.
        #[arg(long, default_value = "127.0.0.1")]
        interface: IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Serve this audience edition (one of [[editions]] in qmsite.toml); default: the first.
        #[arg(long, value_name = "NAME")]
        edition: Option<String>,
    },
    /// Compare two assessments of one framework (`qmsite diff 2023 2026`), or the site at two git
    /// revisions (`qmsite diff --rev report-2025 --rev HEAD`): the index, domains, dimensions
    /// with both levels and notes, improvements opened and closed, coverage and the IT QMS.
    #[command(after_help = EXIT_CODES)]
    Diff {
        #[command(flatten)]
        common: Common,
        /// The older and the newer assessment, by id.
        #[arg(value_name = "ASSESSMENT")]
        assessments: Vec<String>,
        /// A git revision of the site (a tag, a branch, a commit id, HEAD~2); give it twice.
        #[arg(long = "rev", value_name = "REVISION")]
        revs: Vec<String>,
        /// How to write the comparison.
        #[arg(long, value_enum, default_value = "text")]
        format: diff::Format,
    },
    /// Start a new site in a folder (default: the current one).
    #[command(after_help = EXIT_CODES)]
    Init {
        /// Where to create the site.
        #[arg(default_value = ".", value_hint = clap::ValueHint::DirPath)]
        dir: PathBuf,
        /// Add the starter files to a folder that is not empty, replacing files of the same name.
        #[arg(long)]
        force: bool,
    },
    /// Add an assessment, improvement, QMS component, clause coverage or page to the site.
    #[command(subcommand, after_help = EXIT_CODES)]
    New(new::NewCommand),
    /// Export the site: the computed report as JSON, an interview workbook, spreadsheets, CSV
    /// files or OSCAL.
    #[command(subcommand, after_help = EXIT_CODES)]
    Export(ExportCommand),
    /// Import ratings from an interview workbook, or a framework from a workbook.
    #[command(subcommand, after_help = EXIT_CODES)]
    Import(ImportCommand),
    /// Write the JSON Schemas of every content file kind (for editors: Taplo, VS Code…), of the
    /// JSON export and of every page template's context (for theme authors).
    #[command(after_help = EXIT_CODES)]
    Schema {
        /// The site folder; schemas go to its schemas/ folder (default: the site around the
        /// current folder).
        #[arg(long, value_hint = clap::ValueHint::DirPath)]
        root: Option<PathBuf>,
        /// Replace schema files that exist.
        #[arg(long)]
        force: bool,
    },
    /// Explain a problem's code (E301, W602…) with a wrong and a right example; without a
    /// code, list every code.
    Explain {
        /// The code, as shown after "qmsite explain" under a problem.
        code: Option<String>,
    },
    /// Print the shell completion script for bash, zsh, fish, elvish or PowerShell.
    #[command(
        after_help = "Install it, for example for bash:\n  qmsite completions bash > ~/.local/share/bash-completion/completions/qmsite\nfor zsh:\n  qmsite completions zsh > ~/.zfunc/_qmsite"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `qmsite man > qmsite.1`.
    Man,
}

#[derive(Subcommand)]
enum ExportCommand {
    /// The whole computed report as one JSON document (its schema: `qmsite schema`).
    Json {
        #[command(flatten)]
        common: Common,
        /// Write to this file instead of the standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The language of the texts (names, titles, notes): one of the site's `language` and
        /// `languages`; the default language when not given.
        #[arg(long)]
        lang: Option<String>,
        /// Export this audience edition (one of [[editions]] in qmsite.toml); default: the
        /// first.
        #[arg(long, value_name = "NAME")]
        edition: Option<String>,
    },
    /// Write the workbook an assessor fills in during the interviews of one assessment.
    Interview {
        #[command(flatten)]
        common: Common,
        /// The assessment (its id).
        #[arg(long)]
        assessment: String,
        /// The workbook to write (default: ID-interview.xlsx in the current folder).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write the register, every assessment's ratings, coverage, QMS and peers as one workbook.
    Xlsx {
        #[command(flatten)]
        common: Common,
        /// The workbook to write (default: qmsite-export.xlsx in the current folder).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
        /// Export this audience edition (one of [[editions]] in qmsite.toml); default: the
        /// first.
        #[arg(long, value_name = "NAME")]
        edition: Option<String>,
    },
    /// Write the same tables as CSV files, one per table.
    Csv {
        #[command(flatten)]
        common: Common,
        /// The folder to write them into (default: qmsite-export in the current folder).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace files that exist.
        #[arg(long)]
        force: bool,
        /// Export this audience edition (one of [[editions]] in qmsite.toml); default: the
        /// first.
        #[arg(long, value_name = "NAME")]
        edition: Option<String>,
    },
    /// Write OSCAL 1.1 assessment results of the latest assessment and a POA&M of the open
    /// improvements, as JSON.
    Oscal {
        #[command(flatten)]
        common: Common,
        /// The folder to write assessment-results.json and poam.json into (default: oscal).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace files that exist.
        #[arg(long)]
        force: bool,
        /// Export this audience edition (one of [[editions]] in qmsite.toml); default: the
        /// first.
        #[arg(long, value_name = "NAME")]
        edition: Option<String>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Read the ratings of an assessment from a workbook (.xlsx, .ods) or CSV file; shows what
    /// would change, and writes the assessment file only with --write.
    Ratings {
        #[command(flatten)]
        common: Common,
        /// The workbook or CSV file (the interview workbook, filled in).
        file: PathBuf,
        /// The assessment (its id).
        #[arg(long)]
        assessment: String,
        /// Write the changes into the assessment file.
        #[arg(long)]
        write: bool,
    },
    /// Read a framework (domains, dimensions, weights, scale) from a workbook; shows what would
    /// change, and writes the framework file only with --write.
    Framework {
        #[command(flatten)]
        common: Common,
        /// The workbook (.xlsx or .ods) with the sheets Framework, Scale, Domains and Dimensions.
        file: PathBuf,
        /// Write the framework file.
        #[arg(long)]
        write: bool,
    },
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    let years = crate::content::shape::YEARS;
    let date = s
        .parse::<jiff::civil::Date>()
        .map_err(|_| "expected a date written as YYYY-MM-DD, e.g. 2026-03-31".to_owned())?;
    if !years.contains(&date.year()) {
        return Err(format!(
            "expected a date from {}-01-01 to {}-12-31",
            years.start(),
            years.end()
        ));
    }
    Ok(date)
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// Prints problems (paths given from where the command ran) and turns them into an exit code.
fn finish(diags: Diagnostics, common: &Common, site: &Found, format: Format, ok: bool) -> ExitCode {
    let diags = site::rebase(diags, site);
    match format {
        Format::Human => terminal::print_diagnostics(&diags, common.quiet, common.verbose),
        Format::Json => terminal::print_json(&diags, common.quiet),
    }
    if ok && !(common.deny_warnings && diags.warning_count() > 0) {
        ExitCode::SUCCESS
    } else {
        if ok {
            terminal::status(&format!(
                "{} warnings, and --deny-warnings is set.",
                diags.warning_count()
            ));
        }
        ExitCode::from(1)
    }
}

fn problem(p: Problem, common: Option<&Common>) -> ExitCode {
    match p {
        Problem::Message(m) => terminal::status(&format!("error: {m}")),
        Problem::Invalid(d) => {
            terminal::print_diagnostics(
                &d,
                common.is_some_and(|c| c.quiet),
                common.is_some_and(|c| c.verbose),
            );
            terminal::status("The site has errors; nothing was added.");
        }
    }
    ExitCode::from(1)
}

/// A problem with the command line itself, said like a diagnostic.
fn usage_problem(message: String, help: &str) -> ExitCode {
    let mut diags = Diagnostics::new();
    diags.push(
        Diagnostic::in_file(Severity::Error, "qmsite", message)
            .suggest(help)
            .code(&codes::SITE_NOT_FOUND),
    );
    terminal::print_diagnostics(&diags, false, true);
    ExitCode::from(1)
}

/// A name given to `--edition` that the site does not define: said with the names it does, and
/// the exit code of wrong usage.
fn unknown_edition(e: &crate::edition::UnknownEdition) -> ExitCode {
    terminal::status(&format!("error: {e}"));
    ExitCode::from(2)
}

impl Found {
    /// Refuses an edition name the site does not define, before any work is done.
    fn check_edition(&self, name: Option<&str>) -> Result<(), ExitCode> {
        match name {
            Some(n) => crate::edition::check_name(&self.root, n).map_err(|e| unknown_edition(&e)),
            None => Ok(()),
        }
    }
}

/// The command line as clap sees it: for completions, the man page, and the test that every
/// option a message suggests exists.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Parses the command line and runs the command; the exit code says how it went.
///
/// Long because it is one arm per command, each handing its options to the command's module.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            common,
            output,
            single_file: Some(file),
            lang,
            format,
            edition,
            all_editions: false,
        } => build::single_file(&common, output, &file, lang.as_deref(), edition, format),
        Command::Build {
            common,
            output,
            format,
            edition,
            all_editions,
            ..
        } => build::run(
            &common,
            output,
            format,
            build::Which::of(edition, all_editions),
        ),
        Command::Check { common, format } => check::run(&common, format),
        Command::Pdf {
            common,
            lang,
            output,
            browser,
            timestamp,
            edition,
        } => pdf::run(
            &common,
            pdf::Choice {
                lang: lang.as_deref(),
                edition,
            },
            output,
            browser,
            timestamp,
        ),
        Command::Serve {
            common,
            port,
            interface,
            open,
            edition,
        } => serve::run(&common, interface, port, open, edition),
        Command::Init { dir, force } => init::run(&dir, force),
        Command::Diff {
            common,
            assessments,
            revs,
            format,
        } => diff::run(&common, &assessments, &revs, format),
        Command::New(command) => new::run(command),
        // Schemas may go into any folder named; without --root, into the site around here.
        Command::Schema {
            root: Some(root),
            force,
        } => schema::run(&root, force),
        Command::Schema { root: None, force } => match site::find(None) {
            Ok(found) => schema::run(&found.root, force),
            Err(d) => usage_problem(d.message, d.suggestion.as_deref().unwrap_or("")),
        },
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut command(), "qmsite", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => match clap_mangen::Man::new(command()).render(&mut std::io::stdout()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                terminal::status(&format!("error: cannot write the manual page: {e}"));
                ExitCode::from(1)
            }
        },
        Command::Import(ImportCommand::Ratings {
            common,
            file,
            assessment,
            write,
        }) => import::ratings(&common, &file, &assessment, write),
        Command::Import(ImportCommand::Framework {
            common,
            file,
            write,
        }) => import::framework(&common, &file, write),
        Command::Export(command) => match command {
            ExportCommand::Json {
                common,
                output,
                lang,
                edition,
            } => export::json(&common, output.as_deref(), lang.as_deref(), edition),
            ExportCommand::Interview {
                common,
                assessment,
                output,
                force,
            } => export::interview(&common, &assessment, output, force),
            ExportCommand::Xlsx {
                common,
                output,
                force,
                edition,
            } => export::xlsx(&common, output, force, edition.as_deref()),
            ExportCommand::Csv {
                common,
                output,
                force,
                edition,
            } => export::csv(&common, output, force, edition.as_deref()),
            ExportCommand::Oscal {
                common,
                output,
                force,
                edition,
            } => export::oscal(&common, output, force, edition.as_deref()),
        },
    }
}
