//! Exports: the computed report in forms other programs read. Each is a projection of the
//! validated site and its report; none computes a figure of its own.

pub mod json;
