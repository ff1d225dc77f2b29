//! Pairing: which item of the base corresponds to which item of the head. Pure matching, no
//! verdicts and no words.
//!
//! - operations by method and path (placeholder names ignored); a different operationId is a
//!   rename. Left-overs with the same operationId are a move (different method or path).
//! - path parameters by position, query and header parameters by wire name (headers
//!   case-insensitively).
//! - types by Rust name; left-overs are paired as renames where a paired operation, parameter or
//!   field refers to one on each side.
//! - fields by wire name, enum values by value, rules by their condition, responses by status,
//!   regions by id, auth schemes by name, client settings by name, server variables by name:
//!   [`by_key`].
//! - lists of names tried in order (environment variables, error-body paths): [`preferences`].

use crate::ir::{Api, Operation, ParamLocation, Parameter, TypeDef, TypeKind, TypeRef};
use std::collections::BTreeMap;

/// Items of the base and the head, matched.
#[derive(Debug)]
pub(super) struct Pairs<'a, T> {
    /// Matched items, (base, head), in base order.
    pub both: Vec<(&'a T, &'a T)>,
    /// Base items with no match, in base order.
    pub removed: Vec<&'a T>,
    /// Head items with no match, in head order.
    pub added: Vec<&'a T>,
}

/// Pairs items with equal keys; each head item is matched at most once (the first base item
/// with its key takes it).
pub(super) fn by_key<'a, T, K: PartialEq>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
) -> Pairs<'a, T> {
    let mut added: Vec<&'a T> = new.iter().collect();
    let mut both = Vec::new();
    let mut removed = Vec::new();
    for o in old {
        let k = key(o);
        match added.iter().position(|n| key(n) == k) {
            Some(i) => both.push((o, added.remove(i))),
            None => removed.push(o),
        }
    }
    Pairs {
        both,
        removed,
        added,
    }
}

/// How a list of names tried in order changed (environment variables, error-body paths,
/// request-ID headers: the first one that is present wins).
#[derive(Debug)]
pub(super) struct Preferences<'a> {
    /// Names no longer in the list, in base order.
    pub gone: Vec<&'a String>,
    /// New names, in head order.
    pub added: Vec<&'a String>,
    /// The names in both lists are in another order (another one wins when several are
    /// present).
    pub reordered: bool,
}

impl Preferences<'_> {
    /// A name that used to be read is not, or another one now wins.
    pub(super) fn lost(&self) -> bool {
        !self.gone.is_empty() || self.reordered
    }
}

/// Compares two lists of names tried in order; `same` says whether two names are the same
/// (header names ignore case). `None` when nothing changed but the spelling of a name.
pub(super) fn preferences<'a>(
    old: &'a [String],
    new: &'a [String],
    same: impl Fn(&str, &str) -> bool,
) -> Option<Preferences<'a>> {
    let within = |x: &String, list: &[String]| list.iter().any(|y| same(x, y));
    let gone: Vec<&String> = old.iter().filter(|x| !within(x, new)).collect();
    let added: Vec<&String> = new.iter().filter(|x| !within(x, old)).collect();
    let kept_old: Vec<&String> = old.iter().filter(|x| within(x, new)).collect();
    let kept_new: Vec<&String> = new.iter().filter(|x| within(x, old)).collect();
    let reordered = kept_old
        .iter()
        .zip(&kept_new)
        .any(|(a, b)| !same(a.as_str(), b.as_str()));
    (!gone.is_empty() || !added.is_empty() || reordered).then_some(Preferences {
        gone,
        added,
        reordered,
    })
}

/// Pairs operations: by method and path with placeholder names erased, then left-overs by
/// operationId.
pub(super) fn operations<'a>(old: &'a [Operation], new: &'a [Operation]) -> Pairs<'a, Operation> {
    let key = |o: &Operation| (o.method, normalized_path(&o.path));
    let mut new_by_key: BTreeMap<_, &'a Operation> = BTreeMap::new();
    for n in new {
        new_by_key.entry(key(n)).or_insert(n);
    }
    let mut both = Vec::new();
    let mut old_left = Vec::new();
    for o in old {
        match new_by_key.remove(&key(o)) {
            Some(n) => both.push((o, n)),
            None => old_left.push(o),
        }
    }
    let mut added: Vec<&'a Operation> = new
        .iter()
        .filter(|n| !both.iter().any(|(_, p)| std::ptr::eq(*p, *n)))
        .collect();
    let mut removed = Vec::new();
    for o in old_left {
        match added.iter().position(|n| n.operation_id == o.operation_id) {
            Some(i) => both.push((o, added.remove(i))),
            None => removed.push(o),
        }
    }
    Pairs {
        both,
        removed,
        added,
    }
}

/// Path template with placeholder names erased: `/v5/{}/common/task`.
pub(super) fn normalized_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_brace = false;
    for c in path.chars() {
        match c {
            '{' if !in_brace => {
                in_brace = true;
                out.push('{');
            }
            '}' if in_brace => {
                in_brace = false;
                out.push('}');
            }
            _ if in_brace => {}
            _ => out.push(c),
        }
    }
    out
}

/// Pairs parameters: path parameters by position, others by location and wire name (header names
/// case-insensitively).
pub(super) fn params<'p>(a: &'p [Parameter], b: &'p [Parameter]) -> Pairs<'p, Parameter> {
    use ParamLocation as L;
    let mut both = Vec::new();
    let pa: Vec<&Parameter> = a.iter().filter(|p| p.location == L::Path).collect();
    let pb: Vec<&Parameter> = b.iter().filter(|p| p.location == L::Path).collect();
    for (x, y) in pa.iter().zip(pb.iter()) {
        both.push((*x, *y));
    }
    let key = |p: &Parameter| match p.location {
        L::Header => (p.location, p.wire_name.to_ascii_lowercase()),
        _ => (p.location, p.wire_name.clone()),
    };
    for x in a.iter().filter(|p| p.location != L::Path) {
        if let Some(y) = b.iter().find(|y| y.location != L::Path && key(y) == key(x)) {
            both.push((x, y));
        }
    }
    let removed = a
        .iter()
        .filter(|p| !both.iter().any(|(x, _)| std::ptr::eq(*x, *p)))
        .collect();
    let added = b
        .iter()
        .filter(|p| !both.iter().any(|(_, y)| std::ptr::eq(*y, *p)))
        .collect();
    Pairs {
        both,
        removed,
        added,
    }
}

/// Named types of the two sides, paired (renames included).
#[derive(Debug, Default)]
pub(super) struct TypePairs {
    /// Base Rust name -> head Rust name.
    o2n: BTreeMap<String, String>,
    /// Head Rust name -> base Rust name.
    n2o: BTreeMap<String, String>,
}

impl TypePairs {
    /// Pairs types by name, then pairs left-overs that paired locations refer to (renames):
    /// parameters, bodies and responses of the paired operations `ops`, and fields of paired
    /// types.
    pub(super) fn new(old: &Api, new: &Api, ops: &[(&Operation, &Operation)]) -> Self {
        let mut pairs = TypePairs::default();
        for t in &old.types {
            if new.type_def(&t.rust_name).is_some() {
                pairs.pair(&t.rust_name, &t.rust_name);
            }
        }
        // Seeds: type references at paired locations of paired operations.
        let mut work: Vec<(TypeRef, TypeRef)> = Vec::new();
        for (o, n) in ops {
            for (po, pn) in params(&o.params, &n.params).both {
                work.push((po.shape.ty.clone(), pn.shape.ty.clone()));
            }
            if let (Some(bo), Some(bn)) = (&o.body, &n.body) {
                work.push((bo.ty.clone(), bn.ty.clone()));
            }
            for ro in &o.responses {
                if let Some(rn) = n.responses.iter().find(|r| r.status == ro.status) {
                    if let (Some(a), Some(b)) = (&ro.body, &rn.body) {
                        work.push((a.clone(), b.clone()));
                    }
                }
            }
        }
        // Also every field of every type paired by name (a renamed type used by a kept type).
        for t in &old.types {
            if let Some(n) = new.type_def(&t.rust_name) {
                work.extend(field_refs(t, n));
            }
        }
        work.reverse();
        while let Some((a, b)) = work.pop() {
            match (&a, &b) {
                (TypeRef::Array(x), TypeRef::Array(y)) => work.push((x.ty.clone(), y.ty.clone())),
                (TypeRef::Named(x), TypeRef::Named(y)) if x != y => {
                    if pairs.o2n.contains_key(x) || pairs.n2o.contains_key(y) {
                        continue;
                    }
                    let (Some(tx), Some(ty)) = (old.type_def(x), new.type_def(y)) else {
                        continue;
                    };
                    if std::mem::discriminant(&tx.kind) != std::mem::discriminant(&ty.kind) {
                        continue;
                    }
                    pairs.pair(x, y);
                    let mut more = field_refs(tx, ty);
                    more.reverse();
                    work.extend(more);
                }
                _ => {}
            }
        }
        pairs
    }

    fn pair(&mut self, o: &str, n: &str) {
        self.o2n.insert(o.to_string(), n.to_string());
        self.n2o.insert(n.to_string(), o.to_string());
    }

    /// The head type a base type is paired with.
    pub(super) fn head_of(&self, old: &str) -> Option<&str> {
        self.o2n.get(old).map(String::as_str)
    }

    /// Whether a head type is paired with some base type.
    pub(super) fn has_base(&self, new: &str) -> bool {
        self.n2o.contains_key(new)
    }

    /// Whether two type references denote the same type, renames taken into account.
    pub(super) fn same_ty(&self, a: &TypeRef, b: &TypeRef) -> bool {
        match (a, b) {
            (TypeRef::Named(x), TypeRef::Named(y)) => self.o2n.get(x).is_some_and(|p| p == y),
            (TypeRef::Array(x), TypeRef::Array(y)) | (TypeRef::Map(x), TypeRef::Map(y)) => {
                x.nullable == y.nullable && self.same_ty(&x.ty, &y.ty)
            }
            (TypeRef::String { .. }, TypeRef::String { .. }) => true,
            _ => a == b,
        }
    }
}

/// Type references of fields paired by wire name, for rename discovery.
fn field_refs(a: &TypeDef, b: &TypeDef) -> Vec<(TypeRef, TypeRef)> {
    let mut out = Vec::new();
    if let (TypeKind::Struct(x), TypeKind::Struct(y)) = (&a.kind, &b.kind) {
        for fa in &x.fields {
            if let Some(fb) = y.fields.iter().find(|f| f.wire_name == fa.wire_name) {
                out.push((fa.shape.ty.clone(), fb.shape.ty.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_key_matches_each_head_item_once() {
        let p = by_key(&[1, 2, 2, 3], &[2, 4, 3], |x| *x);
        assert_eq!(p.both, vec![(&2, &2), (&3, &3)]);
        assert_eq!(p.removed, vec![&1, &2]);
        assert_eq!(p.added, vec![&4]);
    }

    #[test]
    fn placeholder_names_do_not_matter() {
        assert_eq!(normalized_path("/v1/{project_id}/x/{id}"), "/v1/{}/x/{}");
    }
}
