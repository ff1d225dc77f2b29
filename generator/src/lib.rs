//! A generator that turns an OpenAPI 3.0 spec into a vendorable Rust client crate.
//!
//! The phases run in one direction (see DESIGN.md):
//! [`load`] (YAML text to `openapiv3`) -> [`lower`] (checks, `$ref` resolution, IR) -> [`emit`]
//! (IR to token streams, formatted into files). The library does no I/O: it takes the spec text and
//! returns the files; the `xtask` binary reads and writes.

pub mod diff;
pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod locate;
pub mod lower;
pub mod lower_checks;
pub mod naming;
pub mod precheck;

pub use emit::{GeneratedFile, Output};
pub use error::Error;

/// What to generate from, and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// How the spec is named in error messages and in the header of every generated file
    /// (`spec/hss.yaml`): a path relative to the repository, never an absolute path.
    pub spec_name: String,
    /// Overrides the crate name the spec gives in `x-crate.name`.
    pub crate_name: Option<String>,
}

/// Parses and lowers a spec: the IR, or the first error that stops lowering. A spec error names
/// the line of its node too.
pub fn lower_spec(spec_text: &str, options: &Options) -> Result<ir::Api, Error> {
    let lowered =
        load::parse(spec_text, &options.spec_name).and_then(|doc| lower::lower(&doc, options));
    lowered.map_err(|e| match e {
        Error::Spec(mut e) => {
            e.line = e.line.or_else(|| locate::line_of(spec_text, &e.pointer));
            Error::Spec(e)
        }
        other => other,
    })
}

/// Runs the whole pipeline: spec text in, the generated crate's files out.
pub fn generate(spec_text: &str, options: &Options) -> Result<Output, Error> {
    let api = lower_spec(spec_text, options)?;
    emit::emit(&api, &options.spec_name)
}
