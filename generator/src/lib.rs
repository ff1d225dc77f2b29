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
mod threads;

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

/// Parses and lowers a spec: the IR, or every error found. Spec errors come one per node, with
/// the line and column of their node, in the order of the text.
pub fn lower_spec(spec_text: &str, options: &Options) -> Result<ir::Api, Error> {
    let lowered = load::parse(spec_text, &options.spec_name).and_then(|parsed| {
        let mut errors = parsed.errors;
        match lower::lower(&parsed.doc, options) {
            Ok(api) if errors.is_empty() => Ok(api),
            Ok(_) => Err(Error::Spec(errors)),
            Err(Error::Spec(more)) => {
                errors.extend(more);
                Err(Error::Spec(errors))
            }
            Err(other) => Err(other),
        }
    });
    lowered.map_err(|e| match e {
        Error::Spec(errors) => Error::Spec(locate_errors(spec_text, errors)),
        other => other,
    })
}

/// Keeps the first error of each node (a later one at the same node is most often the same
/// problem seen again by a later phase), fills in the line and column of each, and puts them in
/// the order of the text (those without a position last).
fn locate_errors(spec_text: &str, errors: Vec<error::SpecError>) -> Vec<error::SpecError> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<error::SpecError> = errors
        .into_iter()
        .filter(|e| seen.insert(e.pointer.clone()))
        .collect();
    let pointers: Vec<&str> = out.iter().map(|e| e.pointer.as_str()).collect();
    let positions = locate::locate_all(spec_text, &pointers);
    for (e, at) in out.iter_mut().zip(positions) {
        e.position = e.position.or(at);
    }
    out.sort_by_key(|e| (e.position.is_none(), e.position));
    out
}

/// Runs the whole pipeline: spec text in, the generated crate's files out.
pub fn generate(spec_text: &str, options: &Options) -> Result<Output, Error> {
    let api = lower_spec(spec_text, options)?;
    emit::emit(&api, &options.spec_name)
}
