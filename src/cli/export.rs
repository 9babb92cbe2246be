//! `qmsite export`: the computed report in forms other programs read.

use std::path::Path;
use std::process::ExitCode;

use super::{Common, Format, finish};
use crate::diagnostics::Diagnostics;
use crate::terminal;

/// Writes the whole computed report as JSON to `output`, or to the standard output.
pub fn json(common: &Common, output: Option<&Path>) -> ExitCode {
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut diags = Diagnostics::new();
    let Some(prepared) = crate::build::prepare(&common.options(&site, None), &mut diags) else {
        return finish(diags, common, &site, Format::Human, false);
    };
    let text = crate::export::json::to_json(&prepared.site, &prepared.report, &prepared.plan);
    let warned = diags.warning_count() > 0;
    let code = finish(diags, common, &site, Format::Human, true);
    if common.deny_warnings && warned {
        return code;
    }
    match output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match crate::output::write_file_atomically(path, text.as_bytes()) {
            Ok(()) => {
                if !common.quiet {
                    terminal::summary(&format!("Wrote {}.", path.display()));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                terminal::status(&format!("error: {e}"));
                ExitCode::from(1)
            }
        },
    }
}
