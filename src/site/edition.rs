//! An audience edition as the validated site holds it (see [`crate::edition`] for what an
//! edition does to the site).

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::content::config::Category;

/// An audience edition, checked: the same report with some kinds of text left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Its name, for the command line and folder names.
    pub name: String,
    /// What readers see, in the language being built.
    pub title: String,
    /// What it leaves out.
    pub leave_out: BTreeSet<Category>,
    /// Where it is written when every edition is built (absolute): its own `output_dir`, else
    /// the site's `output_dir` for the first edition and `<output_dir>-<name>` for the others.
    /// `None` when that folder could not be used (an error says why).
    pub output_dir: Option<PathBuf>,
}

impl Edition {
    /// True when the edition leaves out this kind of text.
    pub fn leaves_out(&self, c: Category) -> bool {
        self.leave_out.contains(&c)
    }
}
