//! The comparison itself: pairs up operations, parameters, types, fields, enum values, rules,
//! regions and auth schemes of the two IRs and records a [`Change`] with both verdicts for every
//! difference.
//!
//! Pairing:
//! - operations by method and path (placeholder names ignored); a different operationId is a
//!   rename. Left-overs with the same operationId are a move (different method or path).
//! - path parameters by position, query and header parameters by wire name (headers
//!   case-insensitively).
//! - types by Rust name; left-overs are paired as renames where a paired operation, parameter or
//!   field refers to one on each side.
//! - fields by wire name, enum values by value, rules by their condition, responses by status,
//!   regions by id, auth schemes by name.

use super::constraints::{self, Class};
use super::model::{Change, Direction, Group, Kind, RustImpact, Wire};
use crate::ir::{
    Api, AuthKind, AuthScheme, Condition, Constraints, EnumVariant, Field, IntFormat, Literal,
    NumberFormat, Operation, Parameter, RequiredWhen, Shape, TypeDef, TypeKind, TypeRef, Usage,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The wire verdict for each side of the exchange, with the reason.
#[derive(Debug, Clone)]
struct Verdict {
    request: (Wire, String),
    response: (Wire, String),
}

fn v(req: Wire, req_note: &str, resp: Wire, resp_note: &str) -> Verdict {
    Verdict {
        request: (req, req_note.to_string()),
        response: (resp, resp_note.to_string()),
    }
}

/// A verdict that only concerns requests (parameters, request bodies, operations as a whole).
fn req_only(w: Wire, note: &str) -> Verdict {
    v(w, note, Wire::None, "")
}

/// A verdict that only concerns responses.
fn resp_only(w: Wire, note: &str) -> Verdict {
    v(Wire::None, "", w, note)
}

fn no_wire(note: &str) -> Verdict {
    v(Wire::None, note, Wire::None, note)
}

const REQUEST: Usage = Usage {
    request: true,
    response: false,
};
const RESPONSE: Usage = Usage {
    request: false,
    response: true,
};

/// A type reachable from nothing is treated as reachable from both sides (the cautious reading).
fn effective(u: Usage) -> Usage {
    if !u.request && !u.response {
        Usage {
            request: true,
            response: true,
        }
    } else {
        u
    }
}

/// Folds a verdict into one class and direction, for the sides the location is used on.
fn fold(usage: Usage, verdict: Verdict) -> (Wire, Direction, String) {
    let Verdict { request, response } = verdict;
    let (w, d, note) = match (usage.request, usage.response) {
        (true, false) => (request.0, Direction::Request, request.1),
        (false, true) => (response.0, Direction::Response, response.1),
        _ => {
            if request.0 == response.0 {
                let note = if request.1 == response.1 || response.1.is_empty() {
                    request.1
                } else if request.1.is_empty() {
                    response.1
                } else {
                    format!("requests: {}; responses: {}", request.1, response.1)
                };
                (request.0, Direction::Both, note)
            } else if request.0 > response.0 {
                (request.0, Direction::Request, request.1)
            } else {
                (response.0, Direction::Response, response.1)
            }
        }
    };
    if w == Wire::None {
        (w, Direction::None, note)
    } else {
        (w, d, note)
    }
}

/// Renders a JSON value compactly (defaults, enum values, examples).
fn json(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "?".to_string())
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::Bool(b) => b.to_string(),
        Literal::Int(i) => i.to_string(),
        Literal::Str(s) => s.clone(),
        Literal::StringVariant { value, .. } => value.clone(),
        Literal::IntVariant { value, .. } => value.to_string(),
    }
}

fn condition(c: &Condition) -> String {
    let values: Vec<String> = c.values.iter().map(literal).collect();
    if values.len() == 1 {
        format!("{} = {}", c.field.wire_name, values[0])
    } else {
        format!("{} in [{}]", c.field.wire_name, values.join(", "))
    }
}

fn rule_text(r: &RequiredWhen) -> String {
    let fields: Vec<&str> = r.require.iter().map(|f| f.wire_name.as_str()).collect();
    format!("when {}: require {}", condition(&r.when), fields.join(", "))
}

/// Path template with placeholder names erased: `/v5/{}/common/task`.
fn normalized_path(path: &str) -> String {
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

/// A struct field or an operation parameter, seen the same way.
struct Slot<'a> {
    /// The Rust struct that holds it (`CreateTaskRequest`, `ClusterScanInfo`).
    owner: &'a str,
    rust_name: &'a str,
    /// The `with_*` setter it has when it is held as `Option`.
    setter: &'a str,
    required: bool,
    /// Held as `Option<T>`.
    is_option: bool,
    /// An argument of `owner::new(...)`.
    in_new: bool,
    shape: &'a Shape,
    default: Option<&'a Value>,
    docs: Option<&'a str>,
}

impl<'a> Slot<'a> {
    fn field(owner: &'a str, f: &'a Field) -> Self {
        let is_option = f.is_option();
        Slot {
            owner,
            rust_name: &f.rust_name,
            setter: &f.setter,
            required: f.required,
            is_option,
            in_new: !is_option,
            shape: &f.shape,
            default: f.default.as_ref(),
            docs: f.docs.as_deref(),
        }
    }

    fn param(owner: &'a str, p: &'a Parameter) -> Self {
        let is_option = p.is_option();
        Slot {
            owner,
            rust_name: &p.rust_name,
            setter: &p.setter,
            required: p.required,
            is_option,
            in_new: !is_option,
            shape: &p.shape,
            default: p.default.as_ref(),
            docs: p.docs.as_deref(),
        }
    }

    fn path(&self) -> String {
        format!("{}::{}", self.owner, self.rust_name)
    }
}

/// How a value is named and typed in Rust, for the effect texts: the field or parameter that holds
/// it (`T::f`), its whole Rust type on each side, and whether the value is an array's items.
#[derive(Debug, Clone)]
struct Place {
    path: String,
    old_ty: String,
    new_ty: String,
    items: bool,
}

impl Place {
    /// `` `T::f` `` or `` `T::f` items ``.
    fn name(&self) -> String {
        if self.items {
            format!("`{}` items", self.path)
        } else {
            format!("`{}`", self.path)
        }
    }

    /// `` `T::f: A -> B` ``, or `None` when the Rust type is the same on both sides.
    fn ty_change(&self) -> Option<String> {
        (self.old_ty != self.new_ty)
            .then(|| format!("`{}: {} -> {}`", self.path, self.old_ty, self.new_ty))
    }
}

/// The comparison in progress.
pub(super) struct Cx<'a> {
    old: &'a Api,
    new: &'a Api,
    /// Type pairs, base Rust name -> head Rust name.
    o2n: BTreeMap<String, String>,
    n2o: BTreeMap<String, String>,
    changes: Vec<Change>,
}

impl Change {
    fn draft(kind: Kind, group: &Group, location: impl Into<String>) -> Change {
        Change {
            id: String::new(),
            kind,
            group: group.clone(),
            location: location.into(),
            old: None,
            new: None,
            summary: String::new(),
            wire: Wire::None,
            direction: Direction::None,
            wire_note: String::new(),
            rust: RustImpact::None,
            rust_effect: String::new(),
        }
    }

    fn values(mut self, old: Option<String>, new: Option<String>) -> Change {
        self.old = old;
        self.new = new;
        self
    }

    fn summary(mut self, s: impl Into<String>) -> Change {
        self.summary = s.into();
        self
    }

    fn wire(mut self, usage: Usage, verdict: Verdict) -> Change {
        let (w, d, note) = fold(usage, verdict);
        self.wire = w;
        self.direction = d;
        self.wire_note = note;
        self
    }

    fn rust(mut self, impact: RustImpact, effect: impl Into<String>) -> Change {
        self.rust = impact;
        self.rust_effect = effect.into();
        self
    }

    fn doc(self) -> Change {
        self.wire(REQUEST, no_wire("documentation only"))
            .rust(RustImpact::None, "doc comments only")
    }
}

impl<'a> Cx<'a> {
    pub(super) fn new(old: &'a Api, new: &'a Api) -> Self {
        Cx {
            old,
            new,
            o2n: BTreeMap::new(),
            n2o: BTreeMap::new(),
            changes: Vec::new(),
        }
    }

    pub(super) fn into_changes(self) -> Vec<Change> {
        self.changes
    }

    fn push(&mut self, c: Change) {
        self.changes.push(c);
    }

    /// Runs every comparison.
    pub(super) fn run(&mut self) {
        let (pairs, removed, added) = self.pair_operations();
        self.pair_types(&pairs);
        self.api_level();
        for (o, n) in &pairs {
            self.operation(o, n);
        }
        for o in removed {
            self.operation_removed(o);
        }
        for n in added {
            self.operation_added(n);
        }
        self.types();
    }

    // ------------------------------------------------------------------ pairing

    #[allow(clippy::type_complexity)]
    fn pair_operations(
        &self,
    ) -> (
        Vec<(&'a Operation, &'a Operation)>,
        Vec<&'a Operation>,
        Vec<&'a Operation>,
    ) {
        let key = |o: &Operation| (o.method, normalized_path(&o.path));
        let mut new_by_key: BTreeMap<_, &'a Operation> = BTreeMap::new();
        for n in &self.new.operations {
            new_by_key.entry(key(n)).or_insert(n);
        }
        let mut pairs = Vec::new();
        let mut old_left = Vec::new();
        for o in &self.old.operations {
            match new_by_key.remove(&key(o)) {
                Some(n) => pairs.push((o, n)),
                None => old_left.push(o),
            }
        }
        let mut new_left: Vec<&'a Operation> = self
            .new
            .operations
            .iter()
            .filter(|n| !pairs.iter().any(|(_, p)| std::ptr::eq(*p, *n)))
            .collect();
        let mut removed = Vec::new();
        for o in old_left {
            match new_left
                .iter()
                .position(|n| n.operation_id == o.operation_id)
            {
                Some(i) => pairs.push((o, new_left.remove(i))),
                None => removed.push(o),
            }
        }
        (pairs, removed, new_left)
    }

    fn pair(&mut self, o: &str, n: &str) {
        self.o2n.insert(o.to_string(), n.to_string());
        self.n2o.insert(n.to_string(), o.to_string());
    }

    /// Pairs types by name, then pairs left-overs that paired locations refer to (renames).
    fn pair_types(&mut self, ops: &[(&'a Operation, &'a Operation)]) {
        let new_names: BTreeSet<&str> = self
            .new
            .types
            .iter()
            .map(|t| t.rust_name.as_str())
            .collect();
        for t in &self.old.types {
            if new_names.contains(t.rust_name.as_str()) {
                let name = t.rust_name.clone();
                self.pair(&name, &name);
            }
        }
        // Seeds: type references at paired locations of paired operations.
        let mut work: Vec<(TypeRef, TypeRef)> = Vec::new();
        for (o, n) in ops {
            for (po, pn) in pair_params(&o.params, &n.params) {
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
        for t in &self.old.types {
            if let Some(n) = self.new.type_def(&t.rust_name) {
                work.extend(field_refs(t, n));
            }
        }
        work.reverse();
        while let Some((a, b)) = work.pop() {
            match (&a, &b) {
                (TypeRef::Array(x), TypeRef::Array(y)) => work.push((x.ty.clone(), y.ty.clone())),
                (TypeRef::Named(x), TypeRef::Named(y)) if x != y => {
                    if self.o2n.contains_key(x) || self.n2o.contains_key(y) {
                        continue;
                    }
                    let (Some(tx), Some(ty)) = (self.old.type_def(x), self.new.type_def(y)) else {
                        continue;
                    };
                    if std::mem::discriminant(&tx.kind) != std::mem::discriminant(&ty.kind) {
                        continue;
                    }
                    self.pair(x, y);
                    let mut more = field_refs(tx, ty);
                    more.reverse();
                    work.extend(more);
                }
                _ => {}
            }
        }
    }

    /// Whether two type references denote the same type, renames taken into account.
    fn same_ty(&self, a: &TypeRef, b: &TypeRef) -> bool {
        match (a, b) {
            (TypeRef::Named(x), TypeRef::Named(y)) => self.o2n.get(x).is_some_and(|p| p == y),
            (TypeRef::Array(x), TypeRef::Array(y)) => {
                x.nullable == y.nullable && self.same_ty(&x.ty, &y.ty)
            }
            (TypeRef::String { .. }, TypeRef::String { .. }) => true,
            _ => a == b,
        }
    }

    // ------------------------------------------------------------------ Rust spelling

    fn rust_ty(ty: &TypeRef) -> String {
        match ty {
            TypeRef::Bool => "bool".into(),
            TypeRef::Integer(IntFormat::Int32) => "i32".into(),
            TypeRef::Integer(IntFormat::Int64) => "i64".into(),
            TypeRef::Number(NumberFormat::Float) => "f32".into(),
            TypeRef::Number(NumberFormat::Double) => "f64".into(),
            TypeRef::String { .. } => "String".into(),
            TypeRef::Array(item) => format!("Vec<{}>", Self::shape_ty(item)),
            TypeRef::Named(n) => n.clone(),
            TypeRef::Any => "serde_json::Value".into(),
        }
    }

    fn shape_ty(s: &Shape) -> String {
        if s.nullable {
            format!("Option<{}>", Self::rust_ty(&s.ty))
        } else {
            Self::rust_ty(&s.ty)
        }
    }

    fn slot_ty(s: &Slot) -> String {
        let t = Self::rust_ty(&s.shape.ty);
        if s.is_option {
            format!("Option<{t}>")
        } else {
            t
        }
    }

    /// What changes in Rust when a slot's `Option`-ness or constructor membership changes; `None`
    /// when neither does.
    fn option_effect(o: &Slot, n: &Slot) -> Option<String> {
        if o.is_option == n.is_option && o.in_new == n.in_new {
            return None;
        }
        let mut parts = vec![format!(
            "`{}: {} -> {}`",
            n.path(),
            Self::slot_ty(o),
            Self::slot_ty(n)
        )];
        match (o.in_new, n.in_new) {
            (true, false) => parts.push(format!(
                "`{}::new(...)` no longer takes `{}`",
                n.owner, n.rust_name
            )),
            (false, true) => parts.push(format!(
                "`{}::new(...)` takes a new argument `{}: {}`",
                n.owner,
                n.rust_name,
                Self::rust_ty(&n.shape.ty)
            )),
            _ => {}
        }
        match (o.is_option, n.is_option) {
            (false, true) => parts.push(format!("new setter `{}`", n.setter)),
            (true, false) => parts.push(format!("setter `{}` removed", o.setter)),
            _ => {}
        }
        Some(parts.join("; "))
    }

    // ------------------------------------------------------------------ API level

    fn api_level(&mut self) {
        let (old, new) = (self.old, self.new);
        let g = Group::Api;
        if old.krate.name != new.krate.name {
            self.push(
                Change::draft(Kind::CrateRenamed, &g, "crate")
                    .values(Some(old.krate.name.clone()), Some(new.krate.name.clone()))
                    .summary(format!(
                        "crate renamed `{}` -> `{}`",
                        old.krate.name, new.krate.name
                    ))
                    .wire(REQUEST, no_wire("the crate name is not sent"))
                    .rust(
                        RustImpact::Breaking,
                        format!(
                            "package `{}` -> `{}`: dependency lines and `use {}::...` paths change",
                            old.krate.name, new.krate.name, old.krate.lib_name
                        ),
                    ),
            );
        }
        self.docs(
            &g,
            "crate description",
            old.krate.description.as_deref(),
            new.krate.description.as_deref(),
            Kind::Docs,
        );
        self.docs(
            &g,
            "info.title",
            Some(&old.title),
            Some(&new.title),
            Kind::Info,
        );
        self.docs(
            &g,
            "info.description",
            old.description.as_deref(),
            new.description.as_deref(),
            Kind::Info,
        );
        self.docs(
            &g,
            "info.version",
            Some(&old.api_version),
            Some(&new.api_version),
            Kind::Info,
        );
        self.regions();
        self.auth();
    }

    fn regions(&mut self) {
        let (old, new) = (self.old, self.new);
        let g = Group::Api;
        for o in &old.regions {
            let loc = format!("regions.{}", o.id);
            match new.regions.iter().find(|n| n.id == o.id) {
                None => self.push(
                    Change::draft(Kind::RegionRemoved, &g, loc)
                        .values(Some(o.endpoint.clone()), None)
                        .summary(format!("region `{}` removed", o.id))
                        .wire(
                            REQUEST,
                            req_only(
                                Wire::Breaking,
                                "clients using this region lose its documented endpoint",
                            ),
                        )
                        .rust(
                            RustImpact::Breaking,
                            format!("variant `Region::{}` removed", o.rust_name),
                        ),
                ),
                Some(n) => {
                    if o.endpoint != n.endpoint {
                        self.push(
                            Change::draft(Kind::RegionEndpoint, &g, loc.clone())
                                .values(Some(o.endpoint.clone()), Some(n.endpoint.clone()))
                                .summary(format!(
                                    "region `{}` endpoint `{}` -> `{}`",
                                    o.id, o.endpoint, n.endpoint
                                ))
                                .wire(
                                    REQUEST,
                                    req_only(
                                        Wire::Breaking,
                                        "clients still calling the old endpoint may fail",
                                    ),
                                )
                                .rust(
                                    RustImpact::Compatible,
                                    format!(
                                        "`Region::{}` now connects to `{}`",
                                        n.rust_name, n.endpoint
                                    ),
                                ),
                        );
                    }
                    if o.rust_name != n.rust_name {
                        self.push(
                            Change::draft(Kind::RustName, &g, loc)
                                .values(Some(o.rust_name.clone()), Some(n.rust_name.clone()))
                                .summary(format!("region `{}` Rust name changed", o.id))
                                .wire(REQUEST, no_wire("Rust names are not sent"))
                                .rust(
                                    RustImpact::Breaking,
                                    format!(
                                        "`Region::{}` -> `Region::{}`",
                                        o.rust_name, n.rust_name
                                    ),
                                ),
                        );
                    }
                }
            }
        }
        for n in &new.regions {
            if !old.regions.iter().any(|o| o.id == n.id) {
                self.push(
                    Change::draft(Kind::RegionAdded, &g, format!("regions.{}", n.id))
                        .values(None, Some(n.endpoint.clone()))
                        .summary(format!("region `{}` added ({})", n.id, n.endpoint))
                        .wire(
                            REQUEST,
                            req_only(
                                Wire::Compatible,
                                "a new endpoint; existing clients are unaffected",
                            ),
                        )
                        .rust(
                            RustImpact::Additive,
                            format!("new variant `Region::{}`", n.rust_name),
                        ),
                );
            }
        }
        if old.default_region != new.default_region {
            let show = |r: &Option<String>| r.clone().unwrap_or_else(|| "(none)".into());
            let impact = if new.default_region.is_none() || old.default_region.is_some() {
                RustImpact::BreakingBehavior
            } else {
                RustImpact::Compatible
            };
            self.push(
                Change::draft(Kind::DefaultRegion, &g, "regions (default)")
                    .values(old.default_region.clone(), new.default_region.clone())
                    .summary(format!(
                        "default region {} -> {}",
                        show(&old.default_region),
                        show(&new.default_region)
                    ))
                    .wire(
                        REQUEST,
                        no_wire("which endpoint is the default is a client-side choice"),
                    )
                    .rust(
                        impact,
                        format!(
                            "a client built without an explicit region now uses {} instead of {}",
                            show(&new.default_region),
                            show(&old.default_region)
                        ),
                    ),
            );
        }
    }

    fn auth(&mut self) {
        let (old, new) = (self.old, self.new);
        let g = Group::Api;
        for o in &old.auth {
            let loc = format!("auth.{}", o.name);
            match new.auth.iter().find(|n| n.name == o.name) {
                None => self.push(
                    Change::draft(Kind::AuthRemoved, &g, loc)
                        .values(Some(auth_text(o)), None)
                        .summary(format!("authentication scheme `{}` removed", o.name))
                        .wire(
                            REQUEST,
                            req_only(
                                Wire::Breaking,
                                "requests authenticated this way are rejected",
                            ),
                        )
                        .rust(
                            RustImpact::Breaking,
                            format!("the `{}` credentials are no longer offered", o.name),
                        ),
                ),
                Some(n) => self.auth_pair(&loc, o, n),
            }
        }
        for n in &new.auth {
            if !old.auth.iter().any(|o| o.name == n.name) {
                self.push(
                    Change::draft(Kind::AuthAdded, &g, format!("auth.{}", n.name))
                        .values(None, Some(auth_text(n)))
                        .summary(format!("authentication scheme `{}` added", n.name))
                        .wire(
                            REQUEST,
                            req_only(
                                Wire::Compatible,
                                "a new way to authenticate; existing requests are unaffected",
                            ),
                        )
                        .rust(
                            RustImpact::Additive,
                            format!("new credentials `{}`", n.name),
                        ),
                );
            }
        }
    }

    fn auth_pair(&mut self, loc: &str, o: &AuthScheme, n: &AuthScheme) {
        let g = Group::Api;
        self.docs(&g, loc, o.docs.as_deref(), n.docs.as_deref(), Kind::Docs);
        match (&o.kind, &n.kind) {
            (
                AuthKind::HeaderToken {
                    header: ho,
                    constraints: co,
                },
                AuthKind::HeaderToken {
                    header: hn,
                    constraints: cn,
                },
            ) => {
                if !ho.eq_ignore_ascii_case(hn) {
                    self.push(
                        Change::draft(Kind::AuthChanged, &g, format!("{loc}.header"))
                            .values(Some(ho.clone()), Some(hn.clone()))
                            .summary(format!("`{}` token header `{ho}` -> `{hn}`", o.name))
                            .wire(
                                REQUEST,
                                req_only(
                                    Wire::Breaking,
                                    "clients sending the old header are not authenticated",
                                ),
                            )
                            .rust(
                                RustImpact::Compatible,
                                format!("the client sends the token in `{hn}`"),
                            ),
                    );
                }
                let who = format!("the `{}` token", n.name);
                let token = |api, c: &Constraints| {
                    Shape {
                        ty: TypeRef::String { format: None },
                        nullable: false,
                        constraints: c.clone(),
                    }
                    .effective_constraints(api)
                };
                let (co, cn) = (token(self.old, co), token(self.new, cn));
                self.constraints(&g, &format!("{loc} value"), &who, REQUEST, &co, &cn, true);
            }
            (
                AuthKind::Signing {
                    algorithm: ao,
                    env: eo,
                },
                AuthKind::Signing {
                    algorithm: an,
                    env: en,
                },
            ) => {
                if ao != an {
                    self.push(
                        Change::draft(Kind::AuthChanged, &g, format!("{loc}.algorithm"))
                            .values(Some(format!("{ao:?}")), Some(format!("{an:?}")))
                            .summary(format!("`{}` signing algorithm changed", o.name))
                            .wire(
                                REQUEST,
                                req_only(
                                    Wire::Breaking,
                                    "requests signed the old way are rejected",
                                ),
                            )
                            .rust(
                                RustImpact::Compatible,
                                "the client signs with the new algorithm",
                            ),
                    );
                }
                let lists = [
                    ("access_key", &eo.access_key, &en.access_key),
                    ("secret_key", &eo.secret_key, &en.secret_key),
                    ("security_token", &eo.security_token, &en.security_token),
                    ("project_id", &eo.project_id, &en.project_id),
                ];
                for (name, a, b) in lists {
                    if a == b {
                        continue;
                    }
                    let gone: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
                    let kept_order: Vec<&String> = b.iter().filter(|x| a.contains(x)).collect();
                    let reordered =
                        kept_order != a.iter().filter(|x| b.contains(x)).collect::<Vec<_>>();
                    let (impact, effect) = if !gone.is_empty() {
                        (
                            RustImpact::BreakingBehavior,
                            format!(
                                "credentials from the environment: no longer reads {}",
                                gone.iter()
                                    .map(|s| format!("`{s}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )
                    } else if reordered {
                        (RustImpact::BreakingBehavior, "credentials from the environment: another variable wins when several are set".to_string())
                    } else {
                        (
                            RustImpact::Compatible,
                            "credentials from the environment: more variables are read".to_string(),
                        )
                    };
                    self.push(
                        Change::draft(Kind::AuthChanged, &g, format!("{loc}.env.{name}"))
                            .values(Some(a.join(", ")), Some(b.join(", ")))
                            .summary(format!(
                                "`{}` environment variables for {name} changed",
                                o.name
                            ))
                            .wire(
                                REQUEST,
                                no_wire("environment variables are read by the client only"),
                            )
                            .rust(impact, effect),
                    );
                }
            }
            _ => self.push(
                Change::draft(Kind::AuthChanged, &g, loc)
                    .values(Some(auth_text(o)), Some(auth_text(n)))
                    .summary(format!("authentication scheme `{}` changed kind", o.name))
                    .wire(
                        REQUEST,
                        req_only(
                            Wire::Breaking,
                            "requests authenticated the old way are rejected",
                        ),
                    )
                    .rust(
                        RustImpact::Breaking,
                        format!("the `{}` credentials change", o.name),
                    ),
            ),
        }
    }

    // ------------------------------------------------------------------ operations

    fn op_group(op: &Operation) -> Group {
        Group::Operation(op.operation_id.clone())
    }

    fn operation_added(&mut self, n: &Operation) {
        let g = Self::op_group(n);
        self.push(
            Change::draft(
                Kind::OperationAdded,
                &g,
                format!("{} {}", n.method.as_str(), n.path),
            )
            .values(None, Some(n.operation_id.clone()))
            .summary(format!("operation `{}` added", n.operation_id))
            .wire(
                REQUEST,
                req_only(
                    Wire::Compatible,
                    "a new operation; existing requests are unaffected",
                ),
            )
            .rust(
                RustImpact::Additive,
                format!(
                    "new method `{}()` and type `{}`",
                    n.rust_name, n.request_type
                ),
            ),
        );
    }

    fn operation_removed(&mut self, o: &Operation) {
        let g = Self::op_group(o);
        self.push(
            Change::draft(
                Kind::OperationRemoved,
                &g,
                format!("{} {}", o.method.as_str(), o.path),
            )
            .values(Some(o.operation_id.clone()), None)
            .summary(format!("operation `{}` removed", o.operation_id))
            .wire(
                REQUEST,
                req_only(Wire::Breaking, "requests to it are no longer served"),
            )
            .rust(
                RustImpact::Breaking,
                format!(
                    "method `{}()` and type `{}` removed",
                    o.rust_name, o.request_type
                ),
            ),
        );
    }

    fn operation(&mut self, o: &'a Operation, n: &'a Operation) {
        let g = Self::op_group(n);
        let id = &n.operation_id;
        if o.operation_id != n.operation_id {
            self.push(
                Change::draft(
                    Kind::OperationRenamed,
                    &g,
                    format!("{} {}", n.method.as_str(), n.path),
                )
                .values(Some(o.operation_id.clone()), Some(n.operation_id.clone()))
                .summary(format!(
                    "operationId `{}` -> `{}`",
                    o.operation_id, n.operation_id
                ))
                .wire(
                    REQUEST,
                    no_wire("same method and path: the operationId is not sent"),
                )
                .rust(
                    RustImpact::Breaking,
                    format!(
                        "method `{}()` -> `{}()`; `{}` -> `{}`",
                        o.rust_name, n.rust_name, o.request_type, n.request_type
                    ),
                ),
            );
        } else if o.rust_name != n.rust_name || o.request_type != n.request_type {
            self.push(
                Change::draft(Kind::RustName, &g, id.clone())
                    .values(Some(o.rust_name.clone()), Some(n.rust_name.clone()))
                    .summary(format!("`{id}` Rust names changed"))
                    .wire(REQUEST, no_wire("Rust names are not sent"))
                    .rust(
                        RustImpact::Breaking,
                        format!(
                            "method `{}()` -> `{}()`; `{}` -> `{}`",
                            o.rust_name, n.rust_name, o.request_type, n.request_type
                        ),
                    ),
            );
        }
        if o.method != n.method || normalized_path(&o.path) != normalized_path(&n.path) {
            let (a, b) = (
                format!("{} {}", o.method.as_str(), o.path),
                format!("{} {}", n.method.as_str(), n.path),
            );
            self.push(
                Change::draft(Kind::OperationMoved, &g, id.clone())
                    .values(Some(a.clone()), Some(b.clone()))
                    .summary(format!("`{id}` moved: {a} -> {b}"))
                    .wire(
                        REQUEST,
                        req_only(
                            Wire::Breaking,
                            "requests to the old method and path no longer reach it",
                        ),
                    )
                    .rust(
                        RustImpact::Compatible,
                        format!("`{}()` keeps its signature and now sends {b}", n.rust_name),
                    ),
            );
        }
        self.docs(
            &g,
            &format!("{id} summary"),
            o.summary.as_deref(),
            n.summary.as_deref(),
            Kind::Docs,
        );
        self.docs(
            &g,
            &format!("{id} description"),
            o.description.as_deref(),
            n.description.as_deref(),
            Kind::Docs,
        );
        self.security(&g, o, n);
        self.params(&g, o, n);
        self.body(&g, o, n);
        self.responses(&g, o, n);
    }

    fn security(&mut self, g: &Group, o: &Operation, n: &Operation) {
        let accepted = |api: &Api, op: &Operation| -> BTreeSet<String> {
            if op.security.is_empty() {
                api.auth.iter().map(|a| a.name.clone()).collect()
            } else {
                op.security.iter().cloned().collect()
            }
        };
        // Both on the API's default: a change of the default is reported once, under the API.
        if o.security.is_empty() && n.security.is_empty() {
            return;
        }
        let (a, b) = (accepted(self.old, o), accepted(self.new, n));
        if a == b {
            return;
        }
        let removed: Vec<&String> = a.difference(&b).collect();
        let verdict = if removed.is_empty() {
            req_only(Wire::Compatible, "more ways to authenticate are accepted")
        } else {
            req_only(
                Wire::Breaking,
                "requests authenticated with a scheme no longer accepted are rejected",
            )
        };
        let list = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
        self.push(
            Change::draft(
                Kind::OperationSecurity,
                g,
                format!("{} security", n.operation_id),
            )
            .values(Some(list(&a)), Some(list(&b)))
            .summary(format!(
                "accepted authentication: [{}] -> [{}]",
                list(&a),
                list(&b)
            ))
            .wire(REQUEST, verdict)
            .rust(
                RustImpact::None,
                "no Rust API change (credentials are configured on the client)",
            ),
        );
    }

    fn params(&mut self, g: &Group, o: &'a Operation, n: &'a Operation) {
        let (owner_o, owner_n) = (&o.request_type, &n.request_type);
        let pairs = pair_params(&o.params, &n.params);
        for po in &o.params {
            if pairs.iter().any(|(a, _)| std::ptr::eq(*a, po)) {
                continue;
            }
            let s = Slot::param(owner_o, po);
            let loc = format!(
                "{} {}.{}",
                n.operation_id,
                po.location.as_str(),
                po.wire_name
            );
            let mut effect = format!("field `{}` removed", s.path());
            if s.in_new {
                effect.push_str(&format!(
                    "; `{owner_n}::new(...)` no longer takes `{}`",
                    po.rust_name
                ));
            } else {
                effect.push_str(&format!("; setter `{}` removed", po.setter));
            }
            self.push(
                Change::draft(Kind::ParameterRemoved, g, loc)
                    .values(Some(param_text(po)), None)
                    .summary(format!("{} parameter `{}` removed", po.location.as_str(), po.wire_name))
                    .wire(REQUEST, req_only(Wire::Breaking, "the server no longer reads it: values callers send are ignored or rejected"))
                    .rust(RustImpact::Breaking, effect),
            );
        }
        for pn in &n.params {
            if pairs.iter().any(|(_, b)| std::ptr::eq(*b, pn)) {
                continue;
            }
            let s = Slot::param(owner_n, pn);
            let loc = format!(
                "{} {}.{}",
                n.operation_id,
                pn.location.as_str(),
                pn.wire_name
            );
            let verdict = if pn.required {
                req_only(
                    Wire::Breaking,
                    "a new required parameter: existing requests do not send it",
                )
            } else {
                req_only(
                    Wire::Compatible,
                    "a new optional parameter: existing requests omit it",
                )
            };
            let (impact, effect) = if s.in_new {
                (
                    RustImpact::Breaking,
                    format!(
                        "new field `{}: {}`; `{owner_n}::new(...)` takes a new argument `{}`",
                        s.path(),
                        Self::slot_ty(&s),
                        pn.rust_name
                    ),
                )
            } else {
                let from_config = pn
                    .client_config
                    .as_ref()
                    .map(|c| format!(" (filled from the client configuration `{c}` when not set)"))
                    .unwrap_or_default();
                (
                    RustImpact::Additive,
                    format!(
                        "new field `{}: {}`{from_config} and setter `{}`",
                        s.path(),
                        Self::slot_ty(&s),
                        pn.setter
                    ),
                )
            };
            self.push(
                Change::draft(Kind::ParameterAdded, g, loc)
                    .values(None, Some(param_text(pn)))
                    .summary(format!(
                        "{} {} parameter `{}` added",
                        if pn.required { "required" } else { "optional" },
                        pn.location.as_str(),
                        pn.wire_name
                    ))
                    .wire(REQUEST, verdict)
                    .rust(impact, effect),
            );
        }
        for (po, pn) in pairs {
            self.param_pair(g, owner_o, owner_n, &n.operation_id, po, pn);
        }
    }

    fn param_pair(
        &mut self,
        g: &Group,
        owner_o: &str,
        owner_n: &str,
        op: &str,
        po: &Parameter,
        pn: &Parameter,
    ) {
        let loc = format!("{op} {}.{}", pn.location.as_str(), pn.wire_name);
        let so = Slot::param(owner_o, po);
        let sn = Slot::param(owner_n, pn);
        if po.wire_name != pn.wire_name && pn.location == crate::ir::ParamLocation::Path {
            // Path parameters are paired by position; header names differing only in case are the
            // same header and need no report.
            let (impact, effect) = if po.rust_name != pn.rust_name {
                (
                    RustImpact::Breaking,
                    format!("field `{}` -> `{}`", so.path(), sn.path()),
                )
            } else {
                (RustImpact::None, "no Rust change".to_string())
            };
            self.push(
                Change::draft(Kind::ParameterRenamed, g, loc.clone())
                    .values(Some(po.wire_name.clone()), Some(pn.wire_name.clone()))
                    .summary(format!(
                        "path placeholder `{{{}}}` -> `{{{}}}`",
                        po.wire_name, pn.wire_name
                    ))
                    .wire(
                        REQUEST,
                        no_wire(
                            "path placeholder names are not sent; the value keeps its position",
                        ),
                    )
                    .rust(impact, effect),
            );
        } else if po.rust_name != pn.rust_name {
            self.rust_renamed(g, &loc, &so, &sn);
        }
        if po.client_config != pn.client_config {
            let (impact, effect) = match Self::option_effect(&so, &sn) {
                Some(e) => (RustImpact::Breaking, e),
                None => (
                    RustImpact::Compatible,
                    "the value falls back to another client setting".to_string(),
                ),
            };
            let show = |c: &Option<String>| c.clone().unwrap_or_else(|| "(none)".into());
            self.push(
                Change::draft(Kind::ClientConfig, g, loc.clone())
                    .values(po.client_config.clone(), pn.client_config.clone())
                    .summary(format!(
                        "`{}` supplied by the client configuration: {} -> {}",
                        pn.wire_name,
                        show(&po.client_config),
                        show(&pn.client_config)
                    ))
                    .wire(
                        REQUEST,
                        no_wire("where the client takes the value from is not visible on the wire"),
                    )
                    .rust(impact, effect),
            );
        }
        self.slot_pair(g, &loc, REQUEST, &so, &sn, true);
        let (eo, en) = (po.example.as_ref().map(json), pn.example.as_ref().map(json));
        self.docs(
            g,
            &format!("{loc} example"),
            eo.as_deref(),
            en.as_deref(),
            Kind::Example,
        );
    }

    fn rust_renamed(&mut self, g: &Group, loc: &str, so: &Slot, sn: &Slot) {
        let mut effect = format!("`{}` -> `{}`", so.path(), sn.path());
        if so.is_option && sn.is_option {
            effect.push_str(&format!("; `{}` -> `{}`", so.setter, sn.setter));
        }
        self.push(
            Change::draft(Kind::RustName, g, loc)
                .values(
                    Some(so.rust_name.to_string()),
                    Some(sn.rust_name.to_string()),
                )
                .summary("Rust name changed")
                .wire(REQUEST, no_wire("Rust names are not sent"))
                .rust(RustImpact::Breaking, effect),
        );
    }

    /// Requiredness, nullability, shape, default and docs of a field or parameter.
    fn slot_pair(
        &mut self,
        g: &Group,
        loc: &str,
        usage: Usage,
        o: &Slot,
        n: &Slot,
        validated: bool,
    ) {
        let option_effect = Self::option_effect(o, n);
        let rust = |why_not: &str| match &option_effect {
            Some(e) => (RustImpact::Breaking, e.clone()),
            None => (RustImpact::None, why_not.to_string()),
        };
        if o.required != n.required {
            let (impact, effect) = rust("no Rust type change: the field was and is `Option` (nullable or supplied by the client configuration)");
            let c = if o.required {
                Change::draft(Kind::RequiredToOptional, g, loc)
                    .values(Some("required".into()), Some("optional".into()))
                    .summary("required -> optional")
                    .wire(
                        usage,
                        v(
                            Wire::Compatible,
                            "requests that send it stay valid",
                            Wire::Breaking,
                            "readers may now find it absent",
                        ),
                    )
            } else {
                Change::draft(Kind::OptionalToRequired, g, loc)
                    .values(Some("optional".into()), Some("required".into()))
                    .summary("optional -> required")
                    .wire(
                        usage,
                        v(
                            Wire::Breaking,
                            "requests that omit it are now rejected",
                            Wire::Compatible,
                            "readers now always get it",
                        ),
                    )
            };
            self.push(c.rust(impact, effect));
        }
        if o.shape.nullable != n.shape.nullable {
            let (impact, effect) =
                rust("no Rust type change: the field was and is `Option` (optional)");
            let c = Change::draft(Kind::Nullable, g, loc).values(
                Some(format!("nullable: {}", o.shape.nullable)),
                Some(format!("nullable: {}", n.shape.nullable)),
            );
            let c = if n.shape.nullable {
                c.summary("may now be null").wire(
                    usage,
                    v(
                        Wire::Compatible,
                        "null is now also accepted",
                        Wire::Breaking,
                        "readers may now get null",
                    ),
                )
            } else {
                c.summary("may no longer be null").wire(
                    usage,
                    v(
                        Wire::Breaking,
                        "requests sending null are now rejected",
                        Wire::Compatible,
                        "readers no longer get null",
                    ),
                )
            };
            self.push(c.rust(impact, effect));
        }
        let place = Place {
            path: n.path(),
            old_ty: Self::slot_ty(o),
            new_ty: Self::slot_ty(n),
            items: false,
        };
        self.shape(g, loc, usage, o.shape, n.shape, &place, validated);
        self.default(g, loc, usage, o.default, n.default);
        self.docs(g, &format!("{loc} description"), o.docs, n.docs, Kind::Docs);
    }

    fn body(&mut self, g: &Group, o: &Operation, n: &Operation) {
        let op = &n.operation_id;
        let loc = format!("{op} body");
        let owner = &n.request_type;
        match (&o.body, &n.body) {
            (None, None) => {}
            (None, Some(b)) => {
                let t = Self::rust_ty(&b.ty);
                let c = Change::draft(Kind::BodyAdded, g, loc).values(None, Some(t.clone()));
                let c = if b.required {
                    c.summary(format!("required request body `{t}` added"))
                        .wire(
                            REQUEST,
                            req_only(Wire::Breaking, "existing requests send no body"),
                        )
                        .rust(
                            RustImpact::Breaking,
                            format!(
                                "`{owner}::new(...)` takes a new argument `{}: {t}`",
                                b.rust_name
                            ),
                        )
                } else {
                    c.summary(format!("optional request body `{t}` added"))
                        .wire(
                            REQUEST,
                            req_only(
                                Wire::Compatible,
                                "existing requests without a body stay valid",
                            ),
                        )
                        .rust(
                            RustImpact::Additive,
                            format!(
                                "new field `{owner}::{}: Option<{t}>` and setter `{}`",
                                b.rust_name, b.setter
                            ),
                        )
                };
                self.push(c);
            }
            (Some(b), None) => {
                let t = Self::rust_ty(&b.ty);
                self.push(
                    Change::draft(Kind::BodyRemoved, g, loc)
                        .values(Some(t.clone()), None)
                        .summary(format!("request body `{t}` removed"))
                        .wire(REQUEST, req_only(Wire::Breaking, "the server no longer reads a body: what callers send is ignored or rejected"))
                        .rust(RustImpact::Breaking, format!("field `{owner}::{}` removed", b.rust_name)),
                );
            }
            (Some(a), Some(b)) => {
                let bo = Shape {
                    ty: a.ty.clone(),
                    nullable: false,
                    constraints: Default::default(),
                };
                let bn = Shape {
                    ty: b.ty.clone(),
                    nullable: false,
                    constraints: Default::default(),
                };
                let so = Slot {
                    owner,
                    rust_name: &a.rust_name,
                    setter: &a.setter,
                    required: a.required,
                    is_option: !a.required,
                    in_new: a.required,
                    shape: &bo,
                    default: None,
                    docs: a.docs.as_deref(),
                };
                let sn = Slot {
                    owner,
                    rust_name: &b.rust_name,
                    setter: &b.setter,
                    required: b.required,
                    is_option: !b.required,
                    in_new: b.required,
                    shape: &bn,
                    default: None,
                    docs: b.docs.as_deref(),
                };
                self.slot_pair(g, &loc, REQUEST, &so, &sn, true);
                if a.content_type != b.content_type {
                    self.push(
                        Change::draft(Kind::ContentType, g, loc.clone())
                            .values(Some(a.content_type.clone()), Some(b.content_type.clone()))
                            .summary(format!(
                                "request media type `{}` -> `{}`",
                                a.content_type, b.content_type
                            ))
                            .wire(
                                REQUEST,
                                req_only(
                                    Wire::Breaking,
                                    "requests with the old media type may be rejected",
                                ),
                            )
                            .rust(
                                RustImpact::Compatible,
                                format!("the client sends `Content-Type: {}`", b.content_type),
                            ),
                    );
                }
                let (eo, en) = (a.example.as_ref().map(json), b.example.as_ref().map(json));
                self.docs(
                    g,
                    &format!("{loc} example"),
                    eo.as_deref(),
                    en.as_deref(),
                    Kind::Example,
                );
            }
        }
    }

    fn responses(&mut self, g: &Group, o: &Operation, n: &Operation) {
        let op = &n.operation_id;
        let status = |s: Option<u16>| s.map(|c| c.to_string()).unwrap_or_else(|| "default".into());
        let success_o = o.success.and_then(|i| o.responses.get(i));
        let success_n = n.success.and_then(|i| n.responses.get(i));
        let so = success_o.map(|r| status(r.status));
        let sn = success_n.map(|r| status(r.status));
        if so != sn {
            let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "(none)".into());
            self.push(
                Change::draft(Kind::SuccessStatus, g, format!("{op} success response"))
                    .values(so.clone(), sn.clone())
                    .summary(format!("success status {} -> {}", show(&so), show(&sn)))
                    .wire(
                        RESPONSE,
                        resp_only(
                            Wire::Breaking,
                            "clients that check for the old status treat the new one as unexpected",
                        ),
                    )
                    .rust(
                        RustImpact::Compatible,
                        format!("`{}()` now succeeds on {}", n.rust_name, show(&sn)),
                    ),
            );
        }
        // The method's return type: the success response's body, compared even across statuses.
        let body_o = success_o.and_then(|r| r.body.as_ref());
        let body_n = success_n.and_then(|r| r.body.as_ref());
        let returns_changed = match (body_o, body_n) {
            (None, None) => false,
            (Some(a), Some(b)) => !self.same_ty(a, b),
            _ => true,
        };
        let show_body =
            |b: Option<&TypeRef>| b.map(Self::rust_ty).unwrap_or_else(|| "no body".into());
        for ro in &o.responses {
            let loc = format!("{op} response {}", status(ro.status));
            let Some(rn) = n.responses.iter().find(|r| r.status == ro.status) else {
                self.push(
                    Change::draft(Kind::ResponseRemoved, g, loc)
                        .values(Some(ro.description.clone()), None)
                        .summary(format!(
                            "response {} no longer documented",
                            status(ro.status)
                        ))
                        .wire(
                            RESPONSE,
                            resp_only(Wire::Compatible, "clients no longer receive it"),
                        )
                        .rust(RustImpact::None, "no Rust API change"),
                );
                continue;
            };
            self.docs(
                g,
                &format!("{loc} description"),
                Some(&ro.description),
                Some(&rn.description),
                Kind::Docs,
            );
            let (eo, en) = (ro.example.as_ref().map(json), rn.example.as_ref().map(json));
            self.docs(
                g,
                &format!("{loc} example"),
                eo.as_deref(),
                en.as_deref(),
                Kind::Example,
            );
            let is_success = success_n.is_some_and(|s| s.status == rn.status);
            let (a, b) = (ro.body.as_ref(), rn.body.as_ref());
            let differs = match (a, b) {
                (None, None) => false,
                (Some(x), Some(y)) => !self.same_ty(x, y),
                _ => true,
            };
            if !differs {
                continue;
            }
            let verdict = match (a, b) {
                (None, Some(_)) => {
                    resp_only(Wire::Compatible, "readers that ignored the body still can")
                }
                (Some(_), None) => resp_only(Wire::Breaking, "readers expecting a body get none"),
                _ => resp_only(
                    Wire::Breaking,
                    "readers expecting the old body type cannot read the new one",
                ),
            };
            let (impact, effect) = if is_success && returns_changed {
                (
                    RustImpact::Breaking,
                    format!(
                        "`{}()` returns {} instead of {}",
                        n.rust_name,
                        show_body(body_n),
                        show_body(body_o)
                    ),
                )
            } else {
                (
                    RustImpact::None,
                    "no Rust API change (not the response the method returns)".to_string(),
                )
            };
            self.push(
                Change::draft(Kind::TypeChanged, g, format!("{loc} body"))
                    .values(a.map(Self::rust_ty), b.map(Self::rust_ty))
                    .summary(format!(
                        "response {} body: {} -> {}",
                        status(rn.status),
                        show_body(a),
                        show_body(b)
                    ))
                    .wire(RESPONSE, verdict)
                    .rust(impact, effect),
            );
        }
        for rn in &n.responses {
            if o.responses.iter().any(|r| r.status == rn.status) {
                continue;
            }
            let loc = format!("{op} response {}", status(rn.status));
            let is_success = success_n.is_some_and(|s| s.status == rn.status);
            let (impact, effect) = if is_success && returns_changed {
                (
                    RustImpact::Breaking,
                    format!(
                        "`{}()` returns {} instead of {}",
                        n.rust_name,
                        show_body(body_n),
                        show_body(body_o)
                    ),
                )
            } else {
                (RustImpact::None, "no Rust API change".to_string())
            };
            self.push(
                Change::draft(Kind::ResponseAdded, g, loc)
                    .values(None, Some(rn.description.clone()))
                    .summary(format!("response {} now documented", status(rn.status)))
                    .wire(RESPONSE, resp_only(Wire::Compatible, "a newly documented outcome; clients already handle undocumented statuses"))
                    .rust(impact, effect),
            );
        }
    }

    // ------------------------------------------------------------------ shapes

    /// Type, format, item and constraint changes of one value. `place` names it in Rust;
    /// `validated`: the generated crate checks it before sending (request side).
    #[allow(clippy::too_many_arguments)]
    fn shape(
        &mut self,
        g: &Group,
        loc: &str,
        usage: Usage,
        a: &Shape,
        b: &Shape,
        place: &Place,
        validated: bool,
    ) {
        match (&a.ty, &b.ty) {
            (TypeRef::Array(x), TypeRef::Array(y)) => {
                let item_loc = format!("{loc}[]");
                if x.nullable != y.nullable {
                    let c = Change::draft(Kind::Nullable, g, item_loc.clone()).values(
                        Some(format!("nullable: {}", x.nullable)),
                        Some(format!("nullable: {}", y.nullable)),
                    );
                    let c = if y.nullable {
                        c.summary("items may now be null").wire(
                            usage,
                            v(
                                Wire::Compatible,
                                "null items are now also accepted",
                                Wire::Breaking,
                                "readers may now get null items",
                            ),
                        )
                    } else {
                        c.summary("items may no longer be null").wire(
                            usage,
                            v(
                                Wire::Breaking,
                                "requests with null items are now rejected",
                                Wire::Compatible,
                                "readers no longer get null items",
                            ),
                        )
                    };
                    let (impact, effect) = match place.ty_change() {
                        Some(e) => (RustImpact::Breaking, e),
                        None => (RustImpact::None, "no Rust type change".to_string()),
                    };
                    self.push(c.rust(impact, effect));
                }
                let items = Place {
                    items: true,
                    ..place.clone()
                };
                self.shape(g, &item_loc, usage, x, y, &items, validated);
            }
            (TypeRef::String { format: fa }, TypeRef::String { format: fb }) if fa != fb => {
                let show = |f: &Option<String>| f.clone().map(|f| format!("format: {f}"));
                let verdict = match (fa, fb) {
                    (None, Some(_)) => v(
                        Wire::Breaking,
                        "the server may now reject values not in this format",
                        Wire::Compatible,
                        "readers get values in this format",
                    ),
                    (Some(_), None) => v(
                        Wire::Compatible,
                        "any string is now accepted",
                        Wire::Breaking,
                        "readers may get values not in the old format",
                    ),
                    _ => v(
                        Wire::Breaking,
                        "values in the old format may be rejected",
                        Wire::Breaking,
                        "readers may get values not in the old format",
                    ),
                };
                self.push(
                    Change::draft(Kind::Format, g, loc)
                        .values(show(fa), show(fb))
                        .summary(format!(
                            "string format {} -> {}",
                            fa.as_deref().unwrap_or("(none)"),
                            fb.as_deref().unwrap_or("(none)")
                        ))
                        .wire(usage, verdict)
                        .rust(RustImpact::None, format!("no Rust type change: {} stays `String` (format is documentation only)", place.name())),
                );
            }
            (x, y) if !self.same_ty(x, y) => {
                use TypeRef as T;
                let verdict = match (x, y) {
                    (T::Integer(IntFormat::Int32), T::Integer(IntFormat::Int64))
                    | (T::Number(NumberFormat::Float), T::Number(NumberFormat::Double))
                    | (T::Integer(_), T::Number(_)) => v(
                        Wire::Compatible,
                        "the server accepts a wider range of values",
                        Wire::Breaking,
                        "readers may get values outside the old type",
                    ),
                    (T::Integer(IntFormat::Int64), T::Integer(IntFormat::Int32))
                    | (T::Number(NumberFormat::Double), T::Number(NumberFormat::Float))
                    | (T::Number(_), T::Integer(_)) => v(
                        Wire::Breaking,
                        "values outside the new type are now rejected",
                        Wire::Compatible,
                        "readers get values within the old range",
                    ),
                    (_, T::Any) => v(
                        Wire::Compatible,
                        "any value is now accepted",
                        Wire::Breaking,
                        "readers may get any value",
                    ),
                    (T::Any, _) => v(
                        Wire::Breaking,
                        "only values of the new type are accepted",
                        Wire::Compatible,
                        "readers get values of one type",
                    ),
                    _ => v(
                        Wire::Breaking,
                        "values of the old type are not values of the new one",
                        Wire::Breaking,
                        "values of the new type are not values of the old one",
                    ),
                };
                let (impact, effect) = match place.ty_change() {
                    Some(e) => (RustImpact::Breaking, e),
                    None => (
                        RustImpact::None,
                        format!(
                            "no Rust type change: {} is `{}` either way",
                            place.name(),
                            place.new_ty
                        ),
                    ),
                };
                self.push(
                    Change::draft(Kind::TypeChanged, g, loc)
                        .values(Some(Self::rust_ty(x)), Some(Self::rust_ty(y)))
                        .summary(format!("type {} -> {}", Self::rust_ty(x), Self::rust_ty(y)))
                        .wire(usage, verdict)
                        .rust(impact, effect),
                );
            }
            _ => {}
        }
        // Only constraints that do something are compared: the ones validation checks.
        self.constraints(
            g,
            loc,
            &place.name(),
            usage,
            &a.effective_constraints(self.old),
            &b.effective_constraints(self.new),
            validated && usage.request,
        );
    }

    /// Constraint keywords. `validated`: the generated crate checks this location before sending.
    #[allow(clippy::too_many_arguments)]
    fn constraints(
        &mut self,
        g: &Group,
        loc: &str,
        rust_loc: &str,
        usage: Usage,
        a: &Constraints,
        b: &Constraints,
        validated: bool,
    ) {
        for k in constraints::compare(a, b) {
            let verdict = match k.class {
                Class::Tighter => v(
                    Wire::Breaking,
                    "requests that were valid may now be rejected",
                    Wire::Compatible,
                    "readers get values within a narrower range",
                ),
                Class::Looser => v(
                    Wire::Compatible,
                    "every request that was valid still is",
                    Wire::Breaking,
                    "readers may get values outside the old range",
                ),
                Class::Changed => v(
                    Wire::Breaking,
                    "requests that were valid may now be rejected",
                    Wire::Breaking,
                    "readers may get values outside the old range",
                ),
            };
            let was = k
                .was
                .as_ref()
                .map(|w| format!(" (was {w})"))
                .unwrap_or_default();
            let (impact, effect) = if !validated {
                (
                    RustImpact::None,
                    "no Rust change (responses are not validated)".to_string(),
                )
            } else {
                match (k.class, k.kind) {
                    (Class::Tighter, _) => (
                        RustImpact::BreakingBehavior,
                        format!("validation stricter: {rust_loc} {}{was}", k.rule),
                    ),
                    (Class::Looser, Kind::ConstraintRemoved) => (
                        RustImpact::Compatible,
                        format!("validation relaxed: {rust_loc} no longer {}", k.rule),
                    ),
                    (Class::Looser, _) => (
                        RustImpact::Compatible,
                        format!("validation relaxed: {rust_loc} {}{was}", k.rule),
                    ),
                    (Class::Changed, _) => (
                        RustImpact::BreakingBehavior,
                        format!("validation changed: {rust_loc} {}{was}", k.rule),
                    ),
                }
            };
            let what = match (&k.old, &k.new) {
                (None, Some(n)) => format!("{n} added"),
                (Some(o), None) => format!("{o} removed"),
                (Some(o), Some(n)) => format!("{o} -> {n}"),
                (None, None) => String::new(),
            };
            self.push(
                Change::draft(k.kind, g, loc)
                    .values(k.old.clone(), k.new.clone())
                    .summary(what)
                    .wire(usage, verdict)
                    .rust(impact, effect),
            );
        }
    }

    fn default(
        &mut self,
        g: &Group,
        loc: &str,
        usage: Usage,
        a: Option<&Value>,
        b: Option<&Value>,
    ) {
        if a == b {
            return;
        }
        let (ja, jb) = (a.map(json), b.map(json));
        let (summary, verdict) = match (&ja, &jb) {
            (None, Some(n)) => (
                format!("default {n} documented"),
                v(
                    Wire::Compatible,
                    "documents what the server does when the value is omitted",
                    Wire::Compatible,
                    "documentation of a value readers receive",
                ),
            ),
            (Some(o), None) => (
                format!("default {o} no longer documented"),
                v(
                    Wire::Compatible,
                    "requests are unchanged; the omitted-value behaviour is no longer documented",
                    Wire::Compatible,
                    "documentation only",
                ),
            ),
            (Some(o), Some(n)) => (
                format!("default {o} -> {n}"),
                v(
                    Wire::Breaking,
                    "requests that omit the value now get another behaviour",
                    Wire::Compatible,
                    "documentation only",
                ),
            ),
            (None, None) => return,
        };
        self.push(
            Change::draft(Kind::Default, g, loc)
                .values(ja, jb)
                .summary(summary)
                .wire(usage, verdict)
                .rust(
                    RustImpact::None,
                    "doc comment only (defaults are never filled in by the generated code)",
                ),
        );
    }

    /// A documentation-only change, if the texts differ.
    fn docs(&mut self, g: &Group, loc: &str, a: Option<&str>, b: Option<&str>, kind: Kind) {
        let norm = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let (a, b) = (norm(a), norm(b));
        if a == b {
            return;
        }
        let what = match kind {
            Kind::Example => "example",
            Kind::Info => "value",
            _ if loc.ends_with(" summary") => "summary",
            _ => "description",
        };
        let summary = match (&a, &b) {
            (None, Some(_)) => format!("{what} added"),
            (Some(_), None) => format!("{what} removed"),
            _ => format!("{what} changed"),
        };
        self.push(
            Change::draft(kind, g, loc)
                .values(a, b)
                .summary(summary)
                .doc(),
        );
    }

    // ------------------------------------------------------------------ types

    fn types(&mut self) {
        let (old, new) = (self.old, self.new);
        for o in &old.types {
            match self.o2n.get(&o.rust_name).and_then(|n| new.type_def(n)) {
                Some(n) => self.type_pair(o, n),
                None => {
                    let g = Group::Type(o.rust_name.clone());
                    self.push(
                        Change::draft(Kind::TypeRemoved, &g, o.rust_name.clone())
                            .values(Some(type_kind_name(&o.kind).into()), None)
                            .summary(format!("type `{}` ({}) removed", o.rust_name, o.wire_name))
                            .wire(REQUEST, no_wire("by itself a type has no wire effect: its uses are reported where they changed"))
                            .rust(RustImpact::Breaking, format!("type `{}` removed", o.rust_name)),
                    );
                }
            }
        }
        for n in &new.types {
            if self.n2o.contains_key(&n.rust_name) {
                continue;
            }
            let g = Group::Type(n.rust_name.clone());
            self.push(
                Change::draft(Kind::TypeAdded, &g, n.rust_name.clone())
                    .values(None, Some(type_kind_name(&n.kind).into()))
                    .summary(format!("type `{}` ({}) added", n.rust_name, n.wire_name))
                    .wire(REQUEST, no_wire("by itself a type has no wire effect: its uses are reported where they changed"))
                    .rust(RustImpact::Additive, format!("new type `{}`", n.rust_name)),
            );
        }
    }

    fn type_pair(&mut self, o: &TypeDef, n: &TypeDef) {
        let g = Group::Type(n.rust_name.clone());
        let name = &n.rust_name;
        let usage = effective(Usage {
            request: o.usage.request || n.usage.request,
            response: o.usage.response || n.usage.response,
        });
        if o.rust_name != n.rust_name {
            self.push(
                Change::draft(Kind::TypeRenamed, &g, name.clone())
                    .values(Some(o.rust_name.clone()), Some(n.rust_name.clone()))
                    .summary(format!("type `{}` renamed `{}`", o.rust_name, n.rust_name))
                    .wire(usage, no_wire("type names are not sent"))
                    .rust(
                        RustImpact::Breaking,
                        format!("`{}` -> `{}`", o.rust_name, n.rust_name),
                    ),
            );
        }
        self.docs(
            &g,
            &format!("{name} description"),
            o.docs.as_deref(),
            n.docs.as_deref(),
            Kind::Docs,
        );
        match (&o.kind, &n.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                self.fields(&g, name, usage, &a.fields, &b.fields);
                self.rules(&g, name, usage, &a.rules, &b.rules);
            }
            (TypeKind::StringEnum(a), TypeKind::StringEnum(b)) => {
                self.variants(&g, name, usage, &a.variants, &b.variants, |s| s.clone());
            }
            (TypeKind::IntEnum(a), TypeKind::IntEnum(b)) => {
                if a.format != b.format {
                    let s = |f| Shape {
                        ty: TypeRef::Integer(f),
                        nullable: false,
                        constraints: Default::default(),
                    };
                    // The wire type of the values changes; in Rust an integer enum's values are
                    // `i64` whatever the format (`value() -> i64`, `Unknown(i64)`).
                    let (sa, sb) = (s(a.format), s(b.format));
                    let place = Place {
                        path: format!("{name}::value()"),
                        old_ty: "i64".into(),
                        new_ty: "i64".into(),
                        items: false,
                    };
                    self.shape(&g, name, usage, &sa, &sb, &place, false);
                }
                self.variants(&g, name, usage, &a.variants, &b.variants, |i| i.to_string());
            }
            _ => self.push(
                Change::draft(Kind::TypeKindChanged, &g, name.clone())
                    .values(
                        Some(type_kind_name(&o.kind).into()),
                        Some(type_kind_name(&n.kind).into()),
                    )
                    .summary(format!(
                        "`{name}` changed from {} to {}",
                        type_kind_name(&o.kind),
                        type_kind_name(&n.kind)
                    ))
                    .wire(
                        usage,
                        v(
                            Wire::Breaking,
                            "values of the old kind are not accepted",
                            Wire::Breaking,
                            "readers cannot read the new kind",
                        ),
                    )
                    .rust(
                        RustImpact::Breaking,
                        format!("`{name}` is now a {}", type_kind_name(&n.kind)),
                    ),
            ),
        }
    }

    fn fields(&mut self, g: &Group, name: &str, usage: Usage, a: &[Field], b: &[Field]) {
        for fo in a {
            let loc = format!("{name}.{}", fo.wire_name);
            match b.iter().find(|f| f.wire_name == fo.wire_name) {
                Some(fnew) => {
                    let so = Slot::field(name, fo);
                    let sn = Slot::field(name, fnew);
                    if fo.rust_name != fnew.rust_name {
                        self.rust_renamed(g, &loc, &so, &sn);
                    }
                    self.slot_pair(g, &loc, usage, &so, &sn, true);
                }
                None => {
                    let s = Slot::field(name, fo);
                    let mut effect = format!("field `{}` removed", s.path());
                    if s.in_new {
                        effect.push_str(&format!(
                            "; `{name}::new(...)` no longer takes `{}`",
                            fo.rust_name
                        ));
                    } else {
                        effect.push_str(&format!("; setter `{}` removed", fo.setter));
                    }
                    self.push(
                        Change::draft(Kind::FieldRemoved, g, loc)
                            .values(Some(field_text(fo)), None)
                            .summary(format!("property `{}` removed", fo.wire_name))
                            .wire(usage, v(
                                Wire::Breaking,
                                "the server no longer reads it: values callers send are ignored or rejected",
                                Wire::Breaking,
                                "readers expecting it no longer get it",
                            ))
                            .rust(RustImpact::Breaking, effect),
                    );
                }
            }
        }
        for fnew in b {
            if a.iter().any(|f| f.wire_name == fnew.wire_name) {
                continue;
            }
            let loc = format!("{name}.{}", fnew.wire_name);
            let s = Slot::field(name, fnew);
            let verdict = if fnew.required {
                v(
                    Wire::Breaking,
                    "a new required property: existing requests do not send it",
                    Wire::Compatible,
                    "readers ignore properties they do not know",
                )
            } else {
                v(
                    Wire::Compatible,
                    "a new optional property: existing requests omit it",
                    Wire::Compatible,
                    "readers ignore properties they do not know",
                )
            };
            let (impact, effect) = if s.in_new {
                (
                    RustImpact::Breaking,
                    format!(
                        "new field `{}: {}`; `{name}::new(...)` takes a new argument `{}`",
                        s.path(),
                        Self::slot_ty(&s),
                        fnew.rust_name
                    ),
                )
            } else {
                (
                    RustImpact::Additive,
                    format!(
                        "new field `{}: {}` and setter `{}` (`{name}` is #[non_exhaustive])",
                        s.path(),
                        Self::slot_ty(&s),
                        fnew.setter
                    ),
                )
            };
            self.push(
                Change::draft(Kind::FieldAdded, g, loc)
                    .values(None, Some(field_text(fnew)))
                    .summary(format!(
                        "{} property `{}` added",
                        if fnew.required {
                            "required"
                        } else {
                            "optional"
                        },
                        fnew.wire_name
                    ))
                    .wire(usage, verdict)
                    .rust(impact, effect),
            );
        }
    }

    fn rules(
        &mut self,
        g: &Group,
        name: &str,
        usage: Usage,
        a: &[RequiredWhen],
        b: &[RequiredWhen],
    ) {
        let key = |r: &RequiredWhen| condition(&r.when);
        let mut unmatched_new: Vec<&RequiredWhen> = b.iter().collect();
        let loc = format!("{name} rules");
        let validated = usage.request;
        for ro in a {
            let Some(i) = unmatched_new.iter().position(|rn| key(rn) == key(ro)) else {
                let (impact, effect) = if validated {
                    (
                        RustImpact::Compatible,
                        format!(
                            "validation relaxed: `{name}::validate()` no longer checks \"{}\"",
                            rule_text(ro)
                        ),
                    )
                } else {
                    (
                        RustImpact::None,
                        "no Rust change (responses are not validated)".to_string(),
                    )
                };
                self.push(
                    Change::draft(Kind::RuleRemoved, g, loc.clone())
                        .values(Some(rule_text(ro)), None)
                        .summary(format!("rule removed: {}", rule_text(ro)))
                        .wire(
                            usage,
                            v(
                                Wire::Compatible,
                                "every request that was valid still is",
                                Wire::Breaking,
                                "readers may now get objects without those fields",
                            ),
                        )
                        .rust(impact, effect),
                );
                continue;
            };
            let rn = unmatched_new.remove(i);
            let set = |r: &RequiredWhen| {
                r.require
                    .iter()
                    .map(|f| f.wire_name.clone())
                    .collect::<BTreeSet<_>>()
            };
            let (so, sn) = (set(ro), set(rn));
            if so != sn {
                let class = if so.is_subset(&sn) {
                    Class::Tighter
                } else if sn.is_subset(&so) {
                    Class::Looser
                } else {
                    Class::Changed
                };
                let verdict = match class {
                    Class::Tighter => v(
                        Wire::Breaking,
                        "requests that were valid may now be rejected",
                        Wire::Compatible,
                        "readers get more fields",
                    ),
                    Class::Looser => v(
                        Wire::Compatible,
                        "every request that was valid still is",
                        Wire::Breaking,
                        "readers may get fewer fields",
                    ),
                    Class::Changed => v(
                        Wire::Breaking,
                        "requests that were valid may now be rejected",
                        Wire::Breaking,
                        "readers may get fewer fields",
                    ),
                };
                let (impact, effect) = match (validated, class) {
                    (false, _) => (
                        RustImpact::None,
                        "no Rust change (responses are not validated)".to_string(),
                    ),
                    (true, Class::Looser) => (
                        RustImpact::Compatible,
                        format!(
                            "validation relaxed: `{name}::validate()` checks \"{}\"",
                            rule_text(rn)
                        ),
                    ),
                    (true, _) => (
                        RustImpact::BreakingBehavior,
                        format!(
                            "validation stricter: `{name}::validate()` checks \"{}\"",
                            rule_text(rn)
                        ),
                    ),
                };
                self.push(
                    Change::draft(Kind::RuleChanged, g, loc.clone())
                        .values(Some(rule_text(ro)), Some(rule_text(rn)))
                        .summary(format!(
                            "rule changed: {} -> {}",
                            rule_text(ro),
                            rule_text(rn)
                        ))
                        .wire(usage, verdict)
                        .rust(impact, effect),
                );
            }
            self.docs(
                g,
                &format!("{loc} ({}) description", key(rn)),
                ro.description.as_deref(),
                rn.description.as_deref(),
                Kind::Docs,
            );
        }
        for rn in unmatched_new {
            let (impact, effect) = if validated {
                (
                    RustImpact::BreakingBehavior,
                    format!(
                        "validation stricter: `{name}::validate()` now checks \"{}\"",
                        rule_text(rn)
                    ),
                )
            } else {
                (
                    RustImpact::None,
                    "no Rust change (responses are not validated)".to_string(),
                )
            };
            self.push(
                Change::draft(Kind::RuleAdded, g, loc.clone())
                    .values(None, Some(rule_text(rn)))
                    .summary(format!("rule added: {}", rule_text(rn)))
                    .wire(
                        usage,
                        v(
                            Wire::Breaking,
                            "requests that were valid may now be rejected",
                            Wire::Compatible,
                            "readers get more fields",
                        ),
                    )
                    .rust(impact, effect),
            );
        }
    }

    fn variants<T: PartialEq>(
        &mut self,
        g: &Group,
        name: &str,
        usage: Usage,
        a: &[EnumVariant<T>],
        b: &[EnumVariant<T>],
        show: impl Fn(&T) -> String,
    ) {
        for vo in a {
            let loc = format!("{name} = {}", show(&vo.value));
            match b.iter().find(|x| x.value == vo.value) {
                None => self.push(
                    Change::draft(Kind::EnumValueRemoved, g, name)
                        .values(Some(show(&vo.value)), None)
                        .summary(format!("value `{}` removed", show(&vo.value)))
                        .wire(usage, v(
                            Wire::Breaking,
                            "requests sending it are rejected",
                            Wire::Compatible,
                            "readers no longer receive it",
                        ))
                        .rust(
                            RustImpact::Breaking,
                            format!(
                                "variant `{name}::{}` removed (code naming it no longer compiles; the value now reads as `{name}::Unknown`)",
                                vo.rust_name
                            ),
                        ),
                ),
                Some(vn) => {
                    if vo.rust_name != vn.rust_name {
                        self.push(
                            Change::draft(Kind::RustName, g, loc.clone())
                                .values(Some(vo.rust_name.clone()), Some(vn.rust_name.clone()))
                                .summary("Rust variant name changed")
                                .wire(usage, no_wire("Rust names are not sent"))
                                .rust(RustImpact::Breaking, format!("`{name}::{}` -> `{name}::{}`", vo.rust_name, vn.rust_name)),
                        );
                    }
                    self.docs(g, &format!("{loc} description"), vo.docs.as_deref(), vn.docs.as_deref(), Kind::Docs);
                }
            }
        }
        for vn in b {
            if a.iter().any(|x| x.value == vn.value) {
                continue;
            }
            self.push(
                Change::draft(Kind::EnumValueAdded, g, name)
                    .values(None, Some(show(&vn.value)))
                    .summary(format!("value `{}` added", show(&vn.value)))
                    .wire(usage, v(
                        Wire::Compatible,
                        "the server accepts one more value",
                        Wire::Compatible,
                        "compatible only because the generated enum has an `Unknown` catch-all (strict readers break)",
                    ))
                    .rust(
                        RustImpact::Additive,
                        format!(
                            "new variant `{name}::{}` (`{name}` is #[non_exhaustive]; before upgrading the value reads as `{name}::Unknown`)",
                            vn.rust_name
                        ),
                    ),
            );
        }
    }
}

fn type_kind_name(k: &TypeKind) -> &'static str {
    match k {
        TypeKind::Struct(_) => "struct",
        TypeKind::StringEnum(_) => "string enum",
        TypeKind::IntEnum(_) => "integer enum",
    }
}

fn auth_text(a: &AuthScheme) -> String {
    match &a.kind {
        AuthKind::HeaderToken { header, .. } => format!("token in header {header}"),
        AuthKind::Signing { algorithm, .. } => format!("request signing ({algorithm:?})"),
    }
}

fn param_text(p: &Parameter) -> String {
    format!(
        "{} {}: {}",
        if p.required { "required" } else { "optional" },
        p.location.as_str(),
        Cx::shape_ty(&p.shape)
    )
}

fn field_text(f: &Field) -> String {
    format!(
        "{}: {}",
        if f.required { "required" } else { "optional" },
        Cx::shape_ty(&f.shape)
    )
}

/// Pairs parameters: path parameters by position, others by location and wire name (header names
/// case-insensitively).
fn pair_params<'p>(a: &'p [Parameter], b: &'p [Parameter]) -> Vec<(&'p Parameter, &'p Parameter)> {
    use crate::ir::ParamLocation as L;
    let mut out = Vec::new();
    let pa: Vec<&Parameter> = a.iter().filter(|p| p.location == L::Path).collect();
    let pb: Vec<&Parameter> = b.iter().filter(|p| p.location == L::Path).collect();
    for (x, y) in pa.iter().zip(pb.iter()) {
        out.push((*x, *y));
    }
    let key = |p: &Parameter| match p.location {
        L::Header => (p.location, p.wire_name.to_ascii_lowercase()),
        _ => (p.location, p.wire_name.clone()),
    };
    for x in a.iter().filter(|p| p.location != L::Path) {
        if let Some(y) = b.iter().find(|y| y.location != L::Path && key(y) == key(x)) {
            out.push((x, y));
        }
    }
    out
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
