//! `qmsite new`: add an assessment, an improvement, a QMS component, the coverage of a clause
//! or a page to a site.

use std::process::ExitCode;

use clap::Subcommand;

use super::{Common, parse_date, problem};
use crate::scaffold::{self, NewComponent, NewCoverage, NewImprovement, Problem};
use crate::terminal;

/// The kinds of thing `qmsite new` adds.
#[derive(Subcommand)]
pub enum NewCommand {
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
        /// Who is accountable.
        #[arg(long)]
        owner: Option<String>,
        /// Who raised it.
        #[arg(long)]
        raised_by: Option<String>,
        /// Due date, as YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        due: Option<jiff::civil::Date>,
        /// Priority (default medium).
        #[arg(long, value_parser = ["critical", "high", "medium", "low"])]
        priority: Option<String>,
        /// The part of ISO/IEC 20000-1 clause 10.2 it serves (default A).
        #[arg(long, value_parser = ["A", "B", "C"])]
        part: Option<String>,
        /// Raise, keep or deliberately lower quality or scope (default raise).
        #[arg(long, value_parser = ["raise", "keep", "lower"])]
        direction: Option<String>,
        /// Where it came from (default other).
        #[arg(long, value_parser = ["assessment", "benchmark", "audit", "management-review", "qms-review", "incident", "customer-feedback", "other"])]
        source: Option<String>,
        /// A framework dimension it touches (repeat for more), e.g. D1.1.
        #[arg(long = "dimension")]
        dimensions: Vec<String>,
        /// An ISO/IEC 20000-1 clause it touches (repeat for more), e.g. 8.5.1.
        #[arg(long = "clause")]
        clauses: Vec<String>,
        /// A QMS component it touches (repeat for more).
        #[arg(long = "qms")]
        qms: Vec<String>,
    },
    /// Append a component to the IT QMS.
    Component {
        #[command(flatten)]
        common: Common,
        /// Its name.
        name: String,
        /// Its id (default: the next free one, QMS-01 for the first).
        #[arg(long)]
        id: Option<String>,
        /// Who owns it.
        #[arg(long)]
        owner: Option<String>,
        /// Current maturity level, 0 to 5 (default 0).
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=5))]
        current: Option<u8>,
        /// Target maturity level, 0 to 5 (default one above the current level).
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=5))]
        target: Option<u8>,
        /// How often it is reviewed, in months (1 to 120; default 12).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=120))]
        review_months: Option<u16>,
    },
    /// Append the coverage of one ISO/IEC 20000-1 clause.
    Coverage {
        #[command(flatten)]
        common: Common,
        /// The clause number, e.g. 8.5.1.
        clause: String,
        /// How far it is addressed (default not-addressed).
        #[arg(long, value_parser = ["not-addressed", "initial", "defined", "conforming"])]
        level: Option<String>,
        /// Remarks.
        #[arg(long)]
        notes: Option<String>,
    },
    /// Write a new narrative page in content/pages/.
    Page {
        #[command(flatten)]
        common: Common,
        /// Its title.
        title: String,
        /// Its file name without .md (default: made from the title).
        #[arg(long)]
        slug: Option<String>,
    },
}

/// Runs a `new` command.
///
/// Long because one arm per `new` subcommand, each handing its options to the scaffold.
pub fn run(command: NewCommand) -> ExitCode {
    match command {
        NewCommand::Assessment {
            common,
            date,
            from,
            framework,
            id,
        } => assessment(&common, date, from, framework, id),
        NewCommand::Improvement {
            common,
            title,
            owner,
            raised_by,
            due,
            priority,
            part,
            direction,
            source,
            dimensions,
            clauses,
            qms,
        } => {
            let new = NewImprovement {
                title,
                owner,
                raised_by,
                due,
                priority,
                part,
                direction,
                source,
                dimensions,
                clauses,
                qms,
            };
            added(&common, |root, today| {
                scaffold::new_improvement(root, today, &new)
                    .map(|(id, file)| format!("Added {id} to {}.", file.display()))
            })
        }
        NewCommand::Component {
            common,
            name,
            id,
            owner,
            current,
            target,
            review_months,
        } => {
            let new = NewComponent {
                name,
                id,
                owner,
                current,
                target,
                review_months,
            };
            added(&common, |root, today| {
                scaffold::new_component(root, today, &new)
                    .map(|(id, file)| format!("Added QMS component {id} to {}.", file.display()))
            })
        }
        NewCommand::Coverage {
            common,
            clause,
            level,
            notes,
        } => {
            let new = NewCoverage {
                clause,
                level,
                notes,
            };
            added(&common, |root, today| {
                scaffold::new_coverage(root, today, &new).map(|file| {
                    format!(
                        "Added the coverage of clause {} to {}.",
                        new.clause,
                        file.display()
                    )
                })
            })
        }
        NewCommand::Page {
            common,
            title,
            slug,
        } => added(&common, |root, today| {
            scaffold::new_page(root, today, &title, slug.as_deref()).map(|file| {
                format!(
                    "Wrote {}: write the page, then see it with `qmsite serve`.",
                    file.display()
                )
            })
        }),
    }
}

/// Finds the site, runs one scaffolding step and says what it did.
fn added(
    common: &Common,
    step: impl FnOnce(&std::path::Path, jiff::civil::Date) -> Result<String, Problem>,
) -> ExitCode {
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let opts = common.options(&site, None);
    match step(&opts.root, opts.today) {
        Ok(done) => {
            terminal::summary(&done);
            ExitCode::SUCCESS
        }
        Err(p) => problem(p, Some(common)),
    }
}

/// Writes a new assessment file listing every dimension of a framework.
fn assessment(
    common: &Common,
    date: Option<jiff::civil::Date>,
    from: Option<String>,
    framework: Option<String>,
    id: Option<String>,
) -> ExitCode {
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let opts = common.options(&site, None);
    let mut diags = crate::diagnostics::Diagnostics::new();
    let raw = crate::content::load_site(&opts.root, &mut diags);
    let site = raw.and_then(|r| crate::validate::validate(&r, opts.today, &mut diags));
    let site = match site {
        Some(s) if !diags.has_errors() => s,
        _ => return problem(Problem::Invalid(diags), Some(common)),
    };
    let date = date.unwrap_or(opts.today);
    match scaffold::new_assessment(
        &opts.root,
        &site,
        framework.as_deref(),
        date,
        from.as_deref(),
        id.as_deref(),
    ) {
        Ok(path) => {
            terminal::summary(&format!(
                "Wrote {}: give each dimension its level and notes.",
                path.display()
            ));
            ExitCode::SUCCESS
        }
        Err(p) => problem(p, Some(common)),
    }
}
