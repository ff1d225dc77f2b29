//! The runtime: hand-written Rust that is the same for every spec (client builder, endpoint
//! resolution, authentication, errors, transport, validation reporting), kept as ordinary files
//! under `generator/runtime/` and copied into the generated crate's `src/runtime/` verbatim,
//! below the generated-file header: the files the layout calls for, and no others.

use super::header;
use super::layout::{Layout, SIGNING_FILE};

/// The runtime files, embedded at build time so the generator library does no I/O.
const FILES: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../../runtime/auth.rs")),
    ("body.rs", include_str!("../../runtime/body.rs")),
    ("build.rs", include_str!("../../runtime/build.rs")),
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("config.rs", include_str!("../../runtime/config.rs")),
    ("encoding.rs", include_str!("../../runtime/encoding.rs")),
    ("enums.rs", include_str!("../../runtime/enums.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("params.rs", include_str!("../../runtime/params.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("service.rs", include_str!("../../runtime/service.rs")),
    ("signing.rs", include_str!("../../runtime/signing.rs")),
    ("time.rs", include_str!("../../runtime/time.rs")),
    ("transport.rs", include_str!("../../runtime/transport.rs")),
    ("validation.rs", include_str!("../../runtime/validation.rs")),
];

/// `(path in the generated crate, contents)` of every runtime file the layout calls for. The
/// module list (`mod.rs`) declares the signing module only when the crate has it.
pub fn files(layout: &Layout, spec_name: &str) -> Vec<(String, String)> {
    FILES
        .iter()
        .filter(|(name, _)| layout.runtime_files.contains(name))
        .map(|(name, text)| {
            let mut text = (*text).to_string();
            if *name == "mod.rs" && layout.runtime_files.contains(&SIGNING_FILE) {
                text.push_str(
                    "/// Request signing (the spec's signing scheme).\npub mod signing;\n",
                );
            }
            (
                format!("src/runtime/{name}"),
                format!(
                    "{}// Copied verbatim from generator/runtime/{name}: edit it there.\n{text}",
                    header(spec_name, "//")
                ),
            )
        })
        .collect()
}
