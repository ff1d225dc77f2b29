//! Checks on the lowered IR that keep the generated crate compiling: names that would collide
//! with the crate's own files or with the crates it depends on, versions Cargo rejects, and text
//! that must stay on one line because it is copied into comments and docs.
//!
//! Each failure is a spec error naming the node it comes from.

use crate::error::{pointer_token, SpecError};
use crate::ir::{Api, TypeKind};

/// Names a generated library cannot take: Rust keywords (a keyword cannot name a crate, not even
/// as a raw identifier), the standard crates, the crates every generated crate depends on, and
/// the file names Windows reserves (Cargo refuses them as package names).
const RESERVED_CRATE_NAMES: &[&str] = &[
    // Keywords, strict and reserved, all editions.
    "abstract",
    "as",
    "async",
    "await",
    "become",
    "box",
    "break",
    "const",
    "continue",
    "crate",
    "do",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "final",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "macro",
    "match",
    "mod",
    "move",
    "mut",
    "override",
    "priv",
    "pub",
    "ref",
    "return",
    "self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "try",
    "type",
    "typeof",
    "union",
    "unsafe",
    "unsized",
    "use",
    "virtual",
    "where",
    "while",
    "yield",
    // The standard crates.
    "alloc",
    "core",
    "proc_macro",
    "std",
    "test",
    // Dependencies of the generated crate (see emit::manifest).
    "serde",
    "serde_json",
    "http",
    "hmac",
    "sha2",
    "regex",
    "reqwest",
    "tokio",
    // Windows reserved file names.
    "aux",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "con",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
    "nul",
    "prn",
];

/// Module names an operation cannot take: `src/operations/mod.rs` is the module index.
const RESERVED_OPERATION_MODULES: &[&str] = &["mod"];

/// Checks the lowered API: every problem found, each naming the offending node.
pub fn check(api: &Api, file: &str) -> Vec<SpecError> {
    let err = |pointer: String, message: String, hint: &str| {
        SpecError::new(file, pointer, message).with_hint(hint)
    };
    let mut errors = Vec::new();
    let k = &api.krate;
    let lib = k.lib_name.to_ascii_lowercase();
    if RESERVED_CRATE_NAMES.contains(&lib.as_str()) {
        errors.push(err(
            "#/x-crate/name".to_string(),
            format!(
                "{:?} cannot name the generated crate: `{}` is a Rust keyword, a standard crate, \
                 a dependency of the generated crate or a reserved file name",
                k.name, k.lib_name
            ),
            "choose another name, for example with an `-client` suffix",
        ));
    }
    if let Err(why) = cargo_version(&k.version) {
        errors.push(err(
            "#/x-crate/version".to_string(),
            format!("{:?} is not a version Cargo accepts: {why}", k.version),
            "write a semver version such as 0.1.0 (numbers without leading zeros or signs)",
        ));
    }
    for op in &api.operations {
        let at = format!("{}/operationId", op.origin);
        let module = crate::naming::file_stem(&op.module);
        let module = module.as_str();
        if RESERVED_OPERATION_MODULES.contains(&module) {
            errors.push(err(
                at.clone(),
                format!(
                    "operationId {:?} becomes the module file src/operations/{module}.rs, which \
                     is the index of the operations module",
                    op.operation_id
                ),
                "rename the operation",
            ));
        }
        if let Some(c) = control(&op.operation_id) {
            errors.push(err(
                at,
                format!(
                    "operationId {:?} contains the control character {c:?}",
                    op.operation_id
                ),
                "operationIds are names: use letters, digits and separators",
            ));
        }
        if let Some(c) = control(&op.path) {
            errors.push(err(
                op.origin
                    .rsplit_once('/')
                    .map_or(op.origin.clone(), |(p, _)| p.to_string()),
                format!(
                    "the path {:?} contains the control character {c:?}",
                    op.path
                ),
                "paths cannot contain control characters",
            ));
        }
        for p in &op.params {
            if let Some(c) = control(&p.wire_name) {
                errors.push(err(
                    format!("{}/parameters", op.origin),
                    format!(
                        "parameter name {:?} contains the control character {c:?}",
                        p.wire_name
                    ),
                    "parameter names cannot contain control characters",
                ));
            }
        }
    }
    for t in &api.types {
        if let TypeKind::Struct(s) = &t.kind {
            for f in &s.fields {
                if let Some(c) = control(&f.wire_name) {
                    errors.push(err(
                        format!("{}/properties/{}", t.origin, pointer_token(&f.wire_name)),
                        format!(
                            "property name {:?} contains the control character {c:?}",
                            f.wire_name
                        ),
                        "property names cannot contain control characters",
                    ));
                }
            }
        }
    }
    errors
}

/// The first control character in `s`.
fn control(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_control())
}

/// Checks a version against Cargo's rules (semver 2.0 as the `semver` crate parses it):
/// `MAJOR.MINOR.PATCH` with numbers without leading zeros, an optional `-pre.release` whose
/// numeric identifiers have no leading zeros, and optional `+build.metadata`.
pub fn cargo_version(v: &str) -> Result<(), String> {
    let (rest, build) = match v.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (v, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() != 3 {
        return Err("expected MAJOR.MINOR.PATCH".to_string());
    }
    for (name, part) in ["major", "minor", "patch"].iter().zip(&parts) {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("the {name} version {part:?} is not a number"));
        }
        if part.len() > 1 && part.starts_with('0') {
            return Err(format!("the {name} version {part:?} has a leading zero"));
        }
        if part.parse::<u64>().is_err() {
            return Err(format!("the {name} version {part:?} is too large"));
        }
    }
    for (what, idents, numeric_leading_zero_ok) in
        [("pre-release", pre, false), ("build", build, true)]
    {
        let Some(idents) = idents else { continue };
        for ident in idents.split('.') {
            if ident.is_empty() {
                return Err(format!("the {what} part has an empty identifier"));
            }
            if !ident
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                return Err(format!(
                    "the {what} identifier {ident:?} may use only ASCII letters, digits and `-`"
                ));
            }
            let numeric = ident.bytes().all(|b| b.is_ascii_digit());
            if numeric && !numeric_leading_zero_ok && ident.len() > 1 && ident.starts_with('0') {
                return Err(format!(
                    "the {what} identifier {ident:?} has a leading zero"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cargo_version;

    #[test]
    fn versions_follow_cargo() {
        for good in [
            "0.1.0",
            "1.2.3",
            "10.20.30",
            "1.0.0-rc.1",
            "1.0.0-alpha-1",
            "1.0.0+001",
            "1.0.0-x.7.z.92+b.5",
        ] {
            assert_eq!(cargo_version(good), Ok(()), "{good}");
        }
        for bad in [
            "+1.+2.+3",
            "01.02.03",
            "1.2",
            "1.2.3.4",
            "1.2.x",
            "1.2.3-",
            "1.2.3-01",
            "1.2.3+",
            "1.2.3-a..b",
            "1.2.3-é",
            "",
            " 1.2.3",
            "99999999999999999999.0.0",
        ] {
            assert!(cargo_version(bad).is_err(), "{bad}");
        }
    }
}
