//! Project automation behind `cargo xtask`, as a library so the tests drive the very same entry
//! points as the command line.

pub mod bench;
pub mod codegen;
pub mod diff;
pub mod docs;
