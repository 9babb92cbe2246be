//! The command line: the options of every command, and one file per command that runs it.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::build::Options;
use crate::diagnostics::Diagnostics;
use crate::scaffold::Problem;
use crate::terminal;
use clap::{Parser, Subcommand};

mod build;
mod check;
mod export;
mod import;
mod init;
mod new;
mod schema;
mod serve;

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  the site has errors (or warnings, with --deny-warnings), or a file could not be written
  2  wrong usage (unknown command or option, bad value)

Colour is used on terminals unless NO_COLOR is set.";

/// Compile IT quality assessments and narratives into a static report website.
#[derive(Parser)]
#[command(name = "qmsite", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Common {
    /// The site folder (holding qmsite.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Build date used for overdue actions and the assessment cycle, as YYYY-MM-DD (default: today).
    #[arg(long, value_parser = parse_date)]
    today: Option<jiff::civil::Date>,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Print only errors.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: timings and where files go.
    #[arg(long, short)]
    verbose: bool,
}

impl Common {
    fn options(&self, output: Option<PathBuf>) -> Options {
        Options {
            root: self.root.clone(),
            today: self.today.unwrap_or_else(today),
            // The configured output_dir is relative to the site; a path typed on the command
            // line is relative to where it was typed.
            output: output.map(|p| std::path::absolute(&p).unwrap_or(p)),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder.
    #[command(after_help = EXIT_CODES)]
    Build {
        #[command(flatten)]
        common: Common,
        /// Write here instead of the configured output_dir (a relative path is taken from the
        /// current folder, as any path on the command line).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Check the site and list every problem, without writing anything.
    #[command(after_help = EXIT_CODES)]
    Check {
        #[command(flatten)]
        common: Common,
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
    },
    /// Start a new site in a folder (default: the current one).
    #[command(after_help = EXIT_CODES)]
    Init {
        /// Where to create the site.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Add the starter files to a folder that is not empty, replacing files of the same name.
        #[arg(long)]
        force: bool,
    },
    /// Add a new assessment or improvement to the site.
    #[command(subcommand, after_help = EXIT_CODES)]
    New(NewCommand),
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
        /// The site folder; schemas go to its schemas/ folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace schema files that exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// Write a new assessment file listing every dimension of a framework, unrated.
    Assessment {
        #[command(flatten)]
        common: Common,
        /// Date of the assessment (default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<jiff::civil::Date>,
        /// An earlier assessment whose ratings are written as comments to compare against.
        #[arg(long)]
        from: Option<String>,
        /// The framework (default: the site's main framework).
        #[arg(long)]
        framework: Option<String>,
        /// Id of the new assessment (default: the year of its date).
        #[arg(long)]
        id: Option<String>,
    },
    /// Append an improvement with the next free id to the register.
    Improvement {
        #[command(flatten)]
        common: Common,
        /// Its title.
        #[arg(default_value = "New improvement")]
        title: String,
    },
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
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// Prints problems and turns them into an exit code.
fn finish(diags: &Diagnostics, common: &Common, ok: bool) -> ExitCode {
    terminal::print_diagnostics(diags, common.quiet);
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
            terminal::print_diagnostics(&d, common.is_some_and(|c| c.quiet));
            terminal::status("The site has errors; nothing was added.");
        }
    }
    ExitCode::from(1)
}

/// Parses the command line and runs the command; the exit code says how it went.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { common, output } => build::run(&common, output),
        Command::Check { common } => check::run(&common),
        Command::Serve {
            common,
            port,
            interface,
            open,
        } => serve::run(&common, interface, port, open),
        Command::Init { dir, force } => init::run(&dir, force),
        Command::New(NewCommand::Assessment {
            common,
            date,
            from,
            framework,
            id,
        }) => new::assessment(&common, date, from, framework, id),
        Command::New(NewCommand::Improvement { common, title }) => {
            new::improvement(&common, &title)
        }
        Command::Schema { root, force } => schema::run(&root, force),
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
            ExportCommand::Json { common, output } => export::json(&common, output.as_deref()),
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
            } => export::xlsx(&common, output, force),
            ExportCommand::Csv {
                common,
                output,
                force,
            } => export::csv(&common, output, force),
            ExportCommand::Oscal {
                common,
                output,
                force,
            } => export::oscal(&common, output, force),
        },
    }
}
