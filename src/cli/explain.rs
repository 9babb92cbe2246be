//! `qmsite explain`: the longer explanation of a problem's code, with a wrong and a right
//! example, so a message can stay one line and the binary carries its own manual.

use std::process::ExitCode;

use crate::diagnostics::codes;
use crate::render::format::wrap;
use crate::terminal;

/// Prints the explanation of `code`, or the list of every code.
pub fn run(code: Option<&str>) -> ExitCode {
    let Some(code) = code else {
        for c in codes::ALL {
            terminal::summary(&format!("{}  {}", c.id, c.title));
        }
        terminal::summary("\nqmsite explain CODE explains one of them.");
        return ExitCode::SUCCESS;
    };
    match codes::find(code) {
        Some(c) => {
            terminal::summary(&text(c));
            ExitCode::SUCCESS
        }
        None => {
            let ids: Vec<&str> = codes::ALL.iter().map(|c| c.id).collect();
            let near = crate::diagnostics::nearest(code, &ids)
                .map(|n| format!(" Did you mean {n}?"))
                .unwrap_or_default();
            terminal::status(&format!(
                "error: there is no code \"{code}\".{near} `qmsite explain` lists every code."
            ));
            ExitCode::from(2)
        }
    }
}

/// The explanation as printed.
pub fn text(c: &codes::Code) -> String {
    let indent = |s: &str| {
        s.lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "{}: {}\n\n{}\n\nWrong:\n{}\n\nRight:\n{}",
        c.id,
        c.title,
        wrap(c.text, 96),
        indent(c.wrong),
        indent(c.right)
    )
}
