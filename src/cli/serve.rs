//! `qmsite serve`: serve the site on this machine and reload it on every edit.

use std::net::IpAddr;
use std::process::ExitCode;

use super::Common;
use crate::terminal;

/// Serves until interrupted; an error starting the server ends with exit code 1.
pub fn run(
    common: &Common,
    interface: IpAddr,
    port: u16,
    open: bool,
    edition: Option<String>,
) -> ExitCode {
    let site = match common.site() {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = site.check_edition(edition.as_deref()) {
        return code;
    }
    let opts = crate::serve::ServeOptions {
        site: crate::build::Options {
            edition,
            ..common.options(&site, None)
        },
        interface,
        port,
        open,
        verbose: common.verbose,
    };
    match crate::serve::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            terminal::status(&format!("error: {e}"));
            ExitCode::from(1)
        }
    }
}
