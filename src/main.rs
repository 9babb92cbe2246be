//! The `qmsite` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use qmsite::diagnostics::{Diagnostics, Severity};
use qmsite::site::{self, Options};

/// Compile IT quality assessments and narratives into a static report website.
#[derive(Parser)]
#[command(
    name = "qmsite",
    version,
    about,
    after_help = "Exit codes: 0 success · 1 the site has errors (or warnings with --deny-warnings) · 2 wrong usage"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
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
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder.
    Build {
        #[command(flatten)]
        common: Common,
        /// Write here instead of the configured output_dir.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Check the site and list every problem, without writing anything.
    Check {
        #[command(flatten)]
        common: Common,
    },
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

fn report(diags: &Diagnostics, quiet: bool) {
    for d in diags.sorted() {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        eprintln!("{d}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { common, output } => {
            let opts = Options {
                root: common.root.clone(),
                today: common.today.unwrap_or_else(today),
                output,
            };
            let (summary, diags) = site::build(&opts);
            report(&diags, common.quiet);
            let warned = common.deny_warnings && diags.warning_count() > 0;
            match summary {
                Some(s) if !warned => {
                    if !common.quiet {
                        println!(
                            "Built {} pages with {} charts and {} files into {} in {} ms ({} warnings).",
                            s.pages,
                            s.charts,
                            s.files,
                            s.output.display(),
                            s.elapsed.as_millis(),
                            diags.warning_count()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Some(_) => {
                    eprintln!(
                        "{} warnings, and --deny-warnings is set.",
                        diags.warning_count()
                    );
                    ExitCode::from(1)
                }
                None => {
                    eprintln!(
                        "Build failed: {} errors, {} warnings. The previous output was left as it was.",
                        diags.error_count(),
                        diags.warning_count()
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { common } => {
            let opts = Options {
                root: common.root.clone(),
                today: common.today.unwrap_or_else(today),
                output: None,
            };
            let diags = site::check(&opts);
            report(&diags, common.quiet);
            let failed = diags.has_errors() || (common.deny_warnings && diags.warning_count() > 0);
            if !common.quiet {
                println!(
                    "{} errors, {} warnings.",
                    diags.error_count(),
                    diags.warning_count()
                );
            }
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
