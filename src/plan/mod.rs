//! The page plan: every page a build writes and where it goes.

pub mod paths;
