//! The runtime: hand-written Rust that is the same for every spec (signing, errors, transport,
//! validation reporting), kept as ordinary files under `generator/runtime/` and copied into the
//! generated crate's `src/runtime/` verbatim, below the generated-file header.

use super::header;

/// The runtime files, embedded at build time so the generator library does no I/O.
const FILES: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../../runtime/auth.rs")),
    ("config.rs", include_str!("../../runtime/config.rs")),
    ("encoding.rs", include_str!("../../runtime/encoding.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("time.rs", include_str!("../../runtime/time.rs")),
    ("transport.rs", include_str!("../../runtime/transport.rs")),
    ("validation.rs", include_str!("../../runtime/validation.rs")),
];

/// `(path in the generated crate, contents)` of every runtime file.
pub fn files(spec_name: &str) -> Vec<(String, String)> {
    FILES
        .iter()
        .map(|(name, text)| {
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
