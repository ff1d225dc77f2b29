//! The layout of the generated crate, decided once from the IR: which optional modules, runtime
//! files and dependencies it has, and where each operation and example goes. Emitters read the
//! layout; none calls another emitter to learn whether a file exists.

use crate::ir::Api;
use crate::naming;

/// Runtime files every generated crate has (from `generator/runtime/`).
pub const RUNTIME_FILES: &[&str] = &[
    "auth.rs",
    "body.rs",
    "build.rs",
    "client.rs",
    "config.rs",
    "encoding.rs",
    "enums.rs",
    "error.rs",
    "mod.rs",
    "params.rs",
    "request.rs",
    "retry.rs",
    "service.rs",
    "time.rs",
    "transport.rs",
    "validation.rs",
];

/// The runtime file of request signing, for a spec with a signing scheme.
pub const SIGNING_FILE: &str = "signing.rs";

/// The files and features of one generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// `src/regions.rs` and the `Region` enum: the spec defines regions.
    pub has_regions: bool,
    /// The signing runtime module and the `hmac` and `sha2` dependencies: a scheme signs.
    pub signs: bool,
    /// The `regex` dependency: some constraint is a `pattern`.
    pub uses_pattern: bool,
    /// `src/operations/{module}.rs`, one per operation, in spec order: (module, operation index).
    pub operations: Vec<(String, usize)>,
    /// `examples/{name}.rs`, one per operation: (name, operation index).
    pub examples: Vec<(String, usize)>,
    /// `src/runtime/{file}` files copied from the runtime.
    pub runtime_files: Vec<&'static str>,
}

impl Layout {
    /// The layout of the crate generated from `api`.
    pub fn of(api: &Api) -> Layout {
        let signs = api.uses_signing();
        let mut runtime_files = RUNTIME_FILES.to_vec();
        if signs {
            runtime_files.push(SIGNING_FILE);
            runtime_files.sort_unstable();
        }
        let ops = api.operations.iter().enumerate();
        Layout {
            has_regions: !api.regions.is_empty(),
            signs,
            uses_pattern: api.uses_pattern(),
            operations: ops
                .clone()
                .map(|(i, op)| (naming::file_stem(&op.module), i))
                .collect(),
            examples: ops.map(|(i, op)| (op.example.clone(), i)).collect(),
            runtime_files,
        }
    }
}
