//! The API change report behind `cargo xtask diff`: compares two lowered specs (IRs) and says,
//! for every change, what it means on the wire and for Rust code using the generated crate, then
//! recommends the crate's next version.
//!
//! - [`diff`] builds a [`Report`] (pure: no I/O).
//! - [`Report::to_markdown`] renders it for a pull-request comment, [`Report::to_json`] for tools.
//! - [`Report::semver`] recommends the next version; [`Report::fails`] decides a CI gate.
//!
//! Modules: `pairing` (which base item is which head item), `compare` (walks the pairs and
//! records a change for every difference), `verdicts` (what a difference does on the wire and to
//! Rust code), `wording` (the change in English), `constraints` (stricter or looser?), `model`
//! (the report's data), `semver`, `render`.
//!
//! Every change carries a stable id: its kind's code and a 32-bit FNV-1a fingerprint of (kind,
//! location, old value, new value), e.g. `req-opt-6f1c03a2`. It does not depend on the order or the
//! presence of other changes, so a reviewer can refer to it across revisions of a pull request.
//! Changes are sorted by (group, documentation last, location, kind, old, new).

mod compare;
mod constraints;
mod model;
mod pairing;
mod render;
mod semver;
mod verdicts;
mod wording;

pub use model::{Change, Direction, Group, Kind, OperationInfo, Report, RustImpact, Side, Wire};
pub use render::Summary;
pub use semver::{Bump, ChangeClass, HeadVersion, SemverAdvice, VersionError};

use crate::ir::{Api, TypeRef};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// Compares two IRs: `old` (the base) and `new` (the head).
pub fn diff(old: &Api, new: &Api) -> Report {
    let mut cx = compare::Cx::new(old, new);
    cx.run();
    let mut changes = cx.into_changes();
    changes.sort_by(|a, b| {
        (&a.group, a.is_doc(), &a.location, a.kind, &a.old, &a.new).cmp(&(
            &b.group,
            b.is_doc(),
            &b.location,
            b.kind,
            &b.old,
            &b.new,
        ))
    });
    assign_ids(&mut changes);

    let mut operations = BTreeMap::new();
    for op in old.operations.iter().chain(new.operations.iter()) {
        // The head's wins: inserted last.
        operations.insert(
            op.operation_id.clone(),
            OperationInfo {
                method: op.method.as_str().to_string(),
                path: op.path.clone(),
                rust_name: op.rust_name.clone(),
            },
        );
    }
    let used: BTreeSet<&str> = changes
        .iter()
        .filter_map(|c| match &c.group {
            Group::Operation(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    operations.retain(|id, _| used.contains(id.as_str()));

    let mut type_users = users(old);
    type_users.extend(users(new));
    let used: BTreeSet<&str> = changes
        .iter()
        .filter_map(|c| match &c.group {
            Group::Type(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    type_users.retain(|n, _| used.contains(n.as_str()));

    Report {
        base: side(old),
        head: side(new),
        changes,
        operations,
        type_users,
    }
}

fn side(api: &Api) -> Side {
    Side {
        crate_name: api.krate.name.clone(),
        crate_version: api.krate.version.clone(),
        api_version: api.api_version.clone(),
    }
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The fingerprint of a change: FNV-1a over kind code, location, old and new, separated by a byte
/// that cannot appear in them (0x1f) and with absent values marked distinctly from empty ones.
pub fn fingerprint(c: &Change) -> u64 {
    let mut buf = Vec::new();
    buf.extend_from_slice(c.kind.code().as_bytes());
    buf.push(0x1f);
    buf.extend_from_slice(c.location.as_bytes());
    for v in [&c.old, &c.new] {
        buf.push(0x1f);
        match v {
            Some(s) => {
                buf.push(b'+');
                buf.extend_from_slice(s.as_bytes());
            }
            None => buf.push(b'-'),
        }
    }
    fnv1a(&buf)
}

/// `code-xxxxxxxx` (32 bits folded from the 64-bit hash). On a clash between different changes
/// both get the full 64 bits; an exact duplicate gets a `-2`, `-3`... suffix in report order.
fn assign_ids(changes: &mut [Change]) {
    let short = |h: u64| format!("{:08x}", (h ^ (h >> 32)) as u32);
    let hashes: Vec<u64> = changes.iter().map(fingerprint).collect();
    let mut by_short: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for h in &hashes {
        by_short.entry(short(*h)).or_default().insert(*h);
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (c, h) in changes.iter_mut().zip(hashes) {
        let s = short(h);
        let hex = if by_short.get(&s).is_some_and(|set| set.len() > 1) {
            format!("{h:016x}")
        } else {
            s
        };
        let mut id = format!("{}-{hex}", c.kind.code());
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            id = format!("{id}-{n}");
        }
        c.id = id;
    }
}

/// For every type: the operations that use it, as `OperationId request` / `OperationId response`.
fn users(api: &Api) -> BTreeMap<String, Vec<String>> {
    fn named(ty: &TypeRef) -> Option<&str> {
        match ty {
            TypeRef::Named(n) => Some(n),
            TypeRef::Array(item) => named(&item.ty),
            _ => None,
        }
    }
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for op in &api.operations {
        let mut roots: Vec<(&str, &str)> = Vec::new();
        for p in &op.params {
            roots.extend(named(&p.shape.ty).map(|n| (n, "request")));
        }
        if let Some(b) = &op.body {
            roots.extend(named(&b.ty).map(|n| (n, "request")));
        }
        for r in &op.responses {
            if let Some(b) = &r.body {
                roots.extend(named(b).map(|n| (n, "response")));
            }
        }
        for (root, side) in roots {
            let mut seen = BTreeSet::new();
            let mut stack = vec![root.to_string()];
            while let Some(t) = stack.pop() {
                if !seen.insert(t.clone()) {
                    continue;
                }
                out.entry(t.clone())
                    .or_default()
                    .insert(format!("{} {side}", op.operation_id));
                if let Some(crate::ir::TypeDef {
                    kind: crate::ir::TypeKind::Struct(s),
                    ..
                }) = api.type_def(&t)
                {
                    for f in &s.fields {
                        if let Some(n) = named(&f.shape.ty) {
                            stack.push(n.to_string());
                        }
                    }
                }
            }
        }
    }
    out.into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect()
}

/// When `cargo xtask diff --fail-on ...` exits with failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Never (the default): the report is information.
    #[default]
    Never,
    /// Any change breaking on the wire.
    Breaking,
    /// Any change breaking for Rust callers, at compile or run time.
    RustBreaking,
    /// Any change at all, documentation included.
    Any,
}

/// An unknown `--fail-on` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFailOn(pub String);

impl fmt::Display for UnknownFailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown --fail-on value `{}` (expected breaking, rust-breaking, any or never)",
            self.0
        )
    }
}

impl std::error::Error for UnknownFailOn {}

impl FromStr for FailOn {
    type Err = UnknownFailOn;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "never" => Ok(FailOn::Never),
            "breaking" => Ok(FailOn::Breaking),
            "rust-breaking" => Ok(FailOn::RustBreaking),
            "any" => Ok(FailOn::Any),
            other => Err(UnknownFailOn(other.to_string())),
        }
    }
}

impl FailOn {
    /// Whether this one change trips the gate.
    pub fn trips(self, c: &Change) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Breaking => c.wire == Wire::Breaking,
            FailOn::RustBreaking => c.rust.is_breaking(),
            FailOn::Any => true,
        }
    }

    /// The command-line spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Never => "never",
            FailOn::Breaking => "breaking",
            FailOn::RustBreaking => "rust-breaking",
            FailOn::Any => "any",
        }
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Report {
    /// Whether the gate `on` fails for this report.
    pub fn fails(&self, on: FailOn) -> bool {
        self.changes.iter().any(|c| on.trips(c))
    }

    /// The changes that trip the gate `on`.
    pub fn tripping(&self, on: FailOn) -> Vec<&Change> {
        self.changes.iter().filter(|c| on.trips(c)).collect()
    }

    /// Looks a change up by id.
    pub fn change(&self, id: &str) -> Option<&Change> {
        self.changes.iter().find(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests;
