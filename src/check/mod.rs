//! Check: every internal link and anchor of a build, before anything is written.

pub mod links;
