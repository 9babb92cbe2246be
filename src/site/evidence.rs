//! Where an item was written, and the evidence links items carry.

use serde::Serialize;
use std::path::PathBuf;

use crate::diagnostics::Position;

/// Where an item was written, for warnings raised after validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// File relative to the site root.
    pub file: PathBuf,
    /// Line and column of the item's id.
    #[serde(skip)]
    pub position: Position,
}

/// A piece of evidence: a title and, when given, a checked address.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Evidence {
    /// The link text.
    pub title: String,
    /// The address as written; empty when none was given.
    pub url: String,
    /// True when `url` is a path relative to the site root: templates prefix it with `root`.
    pub internal: bool,
    /// Marked `internal = true` in the content: only for readers inside the organisation, left
    /// out of editions that leave out `internal`.
    #[serde(skip)]
    #[schemars(skip)]
    pub marked_internal: bool,
    /// Where the address was written, for the link check.
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: Origin,
}
