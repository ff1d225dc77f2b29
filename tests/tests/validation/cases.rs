//! Boundary cases derived from a spec's IR, independent of the generated validation code.
//!
//! A request is one JSON value: `{"path": {..}, "query": {..}, "header": {..}, "body": ..}`, so
//! every value, parameter or body field, has a JSON path whose first segment is its location.
//! The validation path of a value (`body.image_info[0].id`, `query.enterprise_project_id`) is
//! that JSON path written the way the runtime writes it.
//!
//! The base request is the spec's example (parameter examples and the body example) with every
//! field the example leaves out filled in with a valid value, so that every constraint has a
//! value to move. For each constraint the walk makes one request with the value exactly at the
//! bound (expected to pass) and, where the type can hold it, one just past it (expected to fail
//! with that path and rule). Enums: every listed value passes, an unlisted one fails.
//! Conditional rules (`x-required-when`): holds, violated (each field it requires removed in
//! turn), and not applicable; the expected violations come from [`rule_violations`], a second
//! implementation of the rule semantics on JSON.

use generator::ir::{
    Api, Constraints, Field, IntFormat, Literal, Num, Operation, Parameter, RequiredWhen, Shape,
    StructDef, TypeKind, TypeRef,
};
use serde_json::{json, Map, Value};

/// One segment of a JSON path.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A JSON path inside a request.
pub type JsonPath = Vec<Seg>;

/// The validation path of a JSON path (`body.list[0].name`).
pub fn display_path(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if s.is_empty() => s.push_str(k),
            Seg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn key(path: &[Seg], k: &str) -> JsonPath {
    let mut p = path.to_vec();
    p.push(Seg::Key(k.to_string()));
    p
}

fn index(path: &[Seg], i: usize) -> JsonPath {
    let mut p = path.to_vec();
    p.push(Seg::Index(i));
    p
}

/// A rule the validation should report, in terms of the spec.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    MinLength {
        min: u64,
        actual: u64,
    },
    MaxLength {
        max: u64,
        actual: u64,
    },
    MinItems {
        min: u64,
        actual: u64,
    },
    MaxItems {
        max: u64,
        actual: u64,
    },
    Minimum {
        min: Num,
        exclusive: bool,
        actual: Num,
    },
    Maximum {
        max: Num,
        exclusive: bool,
        actual: Num,
    },
    MultipleOf {
        factor: Num,
        actual: Num,
    },
    Pattern {
        pattern: String,
        actual: String,
    },
    Enum {
        allowed: Vec<String>,
        actual: String,
    },
    IntEnum {
        allowed: Vec<i64>,
        actual: i64,
    },
    RequiredWhen {
        field: String,
        value: String,
    },
}

/// One request and what validating it must give: no violation, or exactly these.
#[derive(Debug, Clone)]
pub struct Case {
    /// What the case checks, for failure messages.
    pub name: String,
    /// The request as JSON.
    pub request: Value,
    /// The violations expected (empty: the request is valid).
    pub expected: Vec<(String, Expected)>,
}

/// The result of walking one operation.
#[derive(Debug, Default)]
pub struct Walk {
    /// One entry per constraint found (its path and keyword), rules and enums included.
    pub constraints: Vec<String>,
    /// The cases.
    pub cases: Vec<Case>,
    /// The paths of the objects that carry conditional rules, with the rule's condition field.
    pub rule_sites: Vec<(String, String)>,
}

/// The base request of an operation: examples, with every missing field filled in.
pub fn base_request(api: &Api, op: &Operation) -> Value {
    let mut request = json!({"path": {}, "query": {}, "header": {}});
    for p in &op.params {
        let value = match &p.example {
            Some(example) => example.clone(),
            None => full_value(api, &p.shape, &mut Vec::new()),
        };
        request[p.location.as_str()][&p.wire_name] = value;
    }
    if let Some(body) = &op.body {
        let shape = plain_shape(body.ty.clone());
        let full = full_value(api, &shape, &mut Vec::new());
        request["body"] = match &body.example {
            Some(example) => merge(example, &full),
            None => full,
        };
    }
    request
}

fn plain_shape(ty: TypeRef) -> Shape {
    Shape {
        ty,
        nullable: false,
        constraints: Constraints::default(),
    }
}

/// `example` with everything it lacks taken from `full`.
fn merge(example: &Value, full: &Value) -> Value {
    match (example, full) {
        (Value::Object(e), Value::Object(f)) => {
            let mut out = Map::new();
            for (k, fv) in f {
                let v = match e.get(k) {
                    Some(ev) => merge(ev, fv),
                    None => fv.clone(),
                };
                out.insert(k.clone(), v);
            }
            for (k, ev) in e {
                if !out.contains_key(k) {
                    out.insert(k.clone(), ev.clone());
                }
            }
            Value::Object(out)
        }
        (Value::Array(e), Value::Array(f)) if e.is_empty() => Value::Array(f.clone()),
        (Value::Array(e), Value::Array(f)) => match f.first() {
            Some(item) => Value::Array(e.iter().map(|ev| merge(ev, item)).collect()),
            None => example.clone(),
        },
        _ => example.clone(),
    }
}

/// A valid value of `shape` with every optional field present (so every conditional rule is
/// satisfied).
pub fn full_value(api: &Api, shape: &Shape, stack: &mut Vec<String>) -> Value {
    let c = &shape.constraints;
    match &shape.ty {
        TypeRef::Bool => json!(true),
        TypeRef::Integer(f) => json!(valid_int(c, *f)),
        TypeRef::Number(_) => json!(valid_float(c)),
        TypeRef::String { .. } => {
            let min = c.min_length.unwrap_or(1).max(1);
            let len = match c.max_length {
                Some(max) => min.min(max),
                None => min,
            };
            json!("a".repeat(len as usize))
        }
        TypeRef::Array(item) => {
            let min = c.min_items.unwrap_or(1).max(1);
            let n = match c.max_items {
                Some(max) => min.min(max),
                None => min,
            };
            let v = full_value(api, item, stack);
            Value::Array(vec![v; n as usize])
        }
        TypeRef::Any => json!({}),
        TypeRef::Map(value) => {
            let n = c.min_properties.unwrap_or(1).max(1);
            let v = full_value(api, value, stack);
            Value::Object((0..n).map(|i| (format!("k{i}"), v.clone())).collect())
        }
        TypeRef::Named(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::Union(u)) => full_value(api, &u.variants[0].shape, stack),
            Some(TypeKind::StringEnum(e)) => json!(e.variants[0].value),
            Some(TypeKind::IntEnum(e)) => json!(e.variants[0].value),
            Some(TypeKind::Struct(s)) => {
                let recursive = stack.contains(name);
                stack.push(name.clone());
                let mut obj = Map::new();
                for f in &s.fields {
                    if recursive && !f.required {
                        continue;
                    }
                    obj.insert(f.wire_name.clone(), full_value(api, &f.shape, stack));
                }
                stack.pop();
                Value::Object(obj)
            }
            None => panic!("unknown type {name}"),
        },
    }
}

fn int_bounds(c: &Constraints, f: IntFormat) -> (i64, i64) {
    let (mut lo, mut hi) = match f {
        IntFormat::Int32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
        IntFormat::Int64 => (i64::MIN, i64::MAX),
    };
    if let Some(b) = c.minimum {
        let v = num_i64(b.value, true);
        lo = lo.max(if b.exclusive { v.saturating_add(1) } else { v });
    }
    if let Some(b) = c.maximum {
        let v = num_i64(b.value, false);
        hi = hi.min(if b.exclusive { v.saturating_sub(1) } else { v });
    }
    (lo, hi)
}

/// An integer bound as an i64 (a float bound rounded inwards).
fn num_i64(n: Num, lower: bool) -> i64 {
    match n {
        Num::Int(i) => i,
        Num::Float(x) if lower => x.ceil() as i64,
        Num::Float(x) => x.floor() as i64,
    }
}

fn valid_int(c: &Constraints, f: IntFormat) -> i64 {
    let (lo, hi) = int_bounds(c, f);
    let mut v = 0i64.clamp(lo, hi);
    if let Some(Num::Int(m)) = c.multiple_of {
        if m > 0 && v % m != 0 {
            v = (v / m + 1) * m;
        }
    }
    v
}

fn valid_float(c: &Constraints) -> f64 {
    let lo = c.minimum.map(|b| num_f64(b.value)).unwrap_or(f64::MIN);
    let hi = c.maximum.map(|b| num_f64(b.value)).unwrap_or(f64::MAX);
    let step = c.multiple_of.map(num_f64).unwrap_or(1.0);
    // The smallest multiple of the step strictly inside the range, or the middle.
    let mut v = 0.0f64.clamp(lo, hi);
    if v <= lo || v >= hi || (v / step).fract() != 0.0 {
        v = ((lo / step).floor() + 1.0) * step;
        if v >= hi {
            v = (lo + hi) / 2.0;
        }
    }
    v
}

pub fn num_f64(n: Num) -> f64 {
    match n {
        Num::Int(i) => i as f64,
        Num::Float(x) => x,
    }
}

/// Sets the value at `path` (which must exist, except its last key) in `root`.
pub fn set(root: &mut Value, path: &[Seg], value: Value) {
    let (last, parents) = path.split_last().expect("non-empty path");
    let mut at = root;
    for seg in parents {
        at = match seg {
            Seg::Key(k) => at.get_mut(k.as_str()),
            Seg::Index(i) => at.get_mut(*i),
        }
        .unwrap_or_else(|| panic!("no {seg:?} on the way to {}", display_path(path)));
    }
    match last {
        Seg::Key(k) => {
            at.as_object_mut()
                .expect("an object")
                .insert(k.clone(), value);
        }
        Seg::Index(i) => at[*i] = value,
    }
}

fn get<'a>(root: &'a Value, path: &[Seg]) -> &'a Value {
    let mut at = root;
    for seg in path {
        at = match seg {
            Seg::Key(k) => &at[k.as_str()],
            Seg::Index(i) => &at[*i],
        };
    }
    at
}

/// A string of `n` characters of two bytes each, so that a check counting bytes would fail.
fn chars(n: u64) -> Value {
    json!("é".repeat(n as usize))
}

impl Walk {
    fn constraint(&mut self, path: &[Seg], what: &str) {
        self.constraints
            .push(format!("{} {what}", display_path(path)));
    }

    fn pass(&mut self, name: String, base: &Value, path: &[Seg], value: Value) {
        let mut request = base.clone();
        set(&mut request, path, value);
        self.cases.push(Case {
            name,
            request,
            expected: Vec::new(),
        });
    }

    fn fail(&mut self, name: String, base: &Value, path: &[Seg], value: Value, expected: Expected) {
        let mut request = base.clone();
        set(&mut request, path, value);
        self.cases.push(Case {
            name,
            request,
            expected: vec![(display_path(path), expected)],
        });
    }
}

/// Walks every parameter and the body of `op`.
pub fn walk_operation(api: &Api, op: &Operation) -> Walk {
    let base = base_request(api, op);
    let mut walk = Walk::default();
    // The base request itself must pass.
    walk.cases.push(Case {
        name: format!("{}: base request", op.operation_id),
        request: base.clone(),
        expected: Vec::new(),
    });
    for p in &op.params {
        let path = vec![
            Seg::Key(p.location.as_str().to_string()),
            Seg::Key(p.wire_name.clone()),
        ];
        walk_param(api, p, &base, &path, &mut walk);
    }
    if let Some(body) = &op.body {
        let shape = plain_shape(body.ty.clone());
        walk_shape(
            api,
            &shape,
            &base,
            &[Seg::Key("body".into())],
            &mut walk,
            &mut Vec::new(),
        );
    }
    walk
}

fn walk_param(api: &Api, p: &Parameter, base: &Value, path: &[Seg], walk: &mut Walk) {
    walk_shape(api, &p.shape, base, path, walk, &mut Vec::new());
}

/// Cases for the value of `shape` at `path` in `base` (which holds a valid value there).
fn walk_shape(
    api: &Api,
    shape: &Shape,
    base: &Value,
    path: &[Seg],
    walk: &mut Walk,
    stack: &mut Vec<String>,
) {
    let c = &shape.constraints;
    let at = display_path(path);
    // Strings.
    if let Some(min) = c.min_length {
        walk.constraint(path, "minLength");
        walk.pass(
            format!("{at}: minLength {min}, at the bound"),
            base,
            path,
            chars(min),
        );
        if min > 0 {
            walk.fail(
                format!("{at}: minLength {min}, one below"),
                base,
                path,
                chars(min - 1),
                Expected::MinLength {
                    min,
                    actual: min - 1,
                },
            );
        }
    }
    if let Some(max) = c.max_length {
        walk.constraint(path, "maxLength");
        walk.pass(
            format!("{at}: maxLength {max}, at the bound"),
            base,
            path,
            chars(max),
        );
        walk.fail(
            format!("{at}: maxLength {max}, one above"),
            base,
            path,
            chars(max + 1),
            Expected::MaxLength {
                max,
                actual: max + 1,
            },
        );
    }
    if let Some(pattern) = &c.pattern {
        // No generic way to make a matching string: the base value (from the example) must
        // match, and a control character must not.
        walk.constraint(path, "pattern");
        walk.pass(
            format!("{at}: pattern, the example"),
            base,
            path,
            get(base, path).clone(),
        );
        walk.fail(
            format!("{at}: pattern, a control character"),
            base,
            path,
            json!("\u{7f}"),
            Expected::Pattern {
                pattern: pattern.clone(),
                actual: "\u{7f}".into(),
            },
        );
    }
    // Numbers.
    if let TypeRef::Integer(f) = &shape.ty {
        walk_int(c, *f, base, path, walk);
    }
    if let TypeRef::Number(_) = &shape.ty {
        walk_float(c, base, path, walk);
    }
    // Arrays: counts, then the first item.
    if let TypeRef::Array(item) = &shape.ty {
        let item_value = full_value(api, item, stack);
        let items = |n: u64| Value::Array(vec![item_value.clone(); n as usize]);
        if let Some(min) = c.min_items {
            walk.constraint(path, "minItems");
            walk.pass(
                format!("{at}: minItems {min}, at the bound"),
                base,
                path,
                items(min),
            );
            if min > 0 {
                walk.fail(
                    format!("{at}: minItems {min}, one below"),
                    base,
                    path,
                    items(min - 1),
                    Expected::MinItems {
                        min,
                        actual: min - 1,
                    },
                );
            }
        }
        if let Some(max) = c.max_items {
            walk.constraint(path, "maxItems");
            walk.pass(
                format!("{at}: maxItems {max}, at the bound"),
                base,
                path,
                items(max),
            );
            walk.fail(
                format!("{at}: maxItems {max}, one above"),
                base,
                path,
                items(max + 1),
                Expected::MaxItems {
                    max,
                    actual: max + 1,
                },
            );
        }
        let len = get(base, path).as_array().map_or(0, Vec::len);
        assert!(len > 0, "{at}: the base request has no item to vary");
        walk_shape(api, item, base, &index(path, 0), walk, stack);
    }
    // Named types.
    if let TypeRef::Named(name) = &shape.ty {
        match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(e)) => {
                walk.constraint(path, "enum");
                for v in &e.variants {
                    walk.pass(
                        format!("{at}: enum value {:?}", v.value),
                        base,
                        path,
                        json!(v.value),
                    );
                }
                let allowed: Vec<String> = e.variants.iter().map(|v| v.value.clone()).collect();
                walk.fail(
                    format!("{at}: enum, an unlisted value"),
                    base,
                    path,
                    json!("not-a-listed-value"),
                    Expected::Enum {
                        allowed,
                        actual: "not-a-listed-value".into(),
                    },
                );
            }
            Some(TypeKind::IntEnum(e)) => {
                walk.constraint(path, "enum");
                for v in &e.variants {
                    walk.pass(
                        format!("{at}: enum value {}", v.value),
                        base,
                        path,
                        json!(v.value),
                    );
                }
                let allowed: Vec<i64> = e.variants.iter().map(|v| v.value).collect();
                let unlisted = allowed.iter().max().copied().unwrap_or(0).saturating_add(1);
                let unlisted = if e.format == IntFormat::Int32 {
                    unlisted.min(i64::from(i32::MAX))
                } else {
                    unlisted
                };
                if !allowed.contains(&unlisted) {
                    walk.fail(
                        format!("{at}: enum, an unlisted value"),
                        base,
                        path,
                        json!(unlisted),
                        Expected::IntEnum {
                            allowed,
                            actual: unlisted,
                        },
                    );
                }
            }
            Some(TypeKind::Struct(s)) => {
                if stack.contains(name) {
                    return;
                }
                stack.push(name.clone());
                for f in &s.fields {
                    if get(base, &key(path, &f.wire_name)).is_null() {
                        continue;
                    }
                    walk_shape(api, &f.shape, base, &key(path, &f.wire_name), walk, stack);
                }
                for rule in &s.rules {
                    walk_rule(api, s, rule, base, path, walk);
                }
                stack.pop();
            }
            // Unions are covered by the schema constructs' own tests (e2e_schemas).
            Some(TypeKind::Union(_)) => {}
            None => panic!("unknown type {name}"),
        }
    }
}

fn walk_int(c: &Constraints, f: IntFormat, base: &Value, path: &[Seg], walk: &mut Walk) {
    let at = display_path(path);
    let (type_lo, type_hi) = match f {
        IntFormat::Int32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
        IntFormat::Int64 => (i64::MIN, i64::MAX),
    };
    // The other constraints hold for these values unless a test is about them.
    let (lo, hi) = int_bounds(c, f);
    if let Some(b) = c.minimum {
        walk.constraint(path, "minimum");
        let limit = num_i64(b.value, true);
        let inside = if b.exclusive {
            limit.checked_add(1)
        } else {
            Some(limit)
        };
        if let Some(v) = inside.filter(|v| *v <= hi) {
            walk.pass(
                format!("{at}: minimum {limit}, at the bound"),
                base,
                path,
                json!(v),
            );
        }
        let outside = if b.exclusive {
            Some(limit)
        } else {
            limit.checked_sub(1)
        };
        if let Some(v) = outside.filter(|v| *v >= type_lo) {
            walk.fail(
                format!("{at}: minimum {limit}, past the bound"),
                base,
                path,
                json!(v),
                Expected::Minimum {
                    min: b.value,
                    exclusive: b.exclusive,
                    actual: Num::Int(v),
                },
            );
        }
    }
    if let Some(b) = c.maximum {
        walk.constraint(path, "maximum");
        let limit = num_i64(b.value, false);
        let inside = if b.exclusive {
            limit.checked_sub(1)
        } else {
            Some(limit)
        };
        if let Some(v) = inside.filter(|v| *v >= lo) {
            walk.pass(
                format!("{at}: maximum {limit}, at the bound"),
                base,
                path,
                json!(v),
            );
        }
        let outside = if b.exclusive {
            Some(limit)
        } else {
            limit.checked_add(1)
        };
        if let Some(v) = outside.filter(|v| *v <= type_hi) {
            walk.fail(
                format!("{at}: maximum {limit}, past the bound"),
                base,
                path,
                json!(v),
                Expected::Maximum {
                    max: b.value,
                    exclusive: b.exclusive,
                    actual: Num::Int(v),
                },
            );
        }
    }
    if let Some(m) = c.multiple_of {
        walk.constraint(path, "multipleOf");
        if let Num::Int(m) = m {
            let v = valid_int(c, f);
            walk.pass(
                format!("{at}: multipleOf {m}, a multiple"),
                base,
                path,
                json!(v),
            );
            if m > 1 && v < hi {
                walk.fail(
                    format!("{at}: multipleOf {m}, not a multiple"),
                    base,
                    path,
                    json!(v + 1),
                    Expected::MultipleOf {
                        factor: Num::Int(m),
                        actual: Num::Int(v + 1),
                    },
                );
            }
        }
    }
}

fn walk_float(c: &Constraints, base: &Value, path: &[Seg], walk: &mut Walk) {
    let at = display_path(path);
    if let Some(b) = c.minimum {
        walk.constraint(path, "minimum");
        let limit = num_f64(b.value);
        let nudge = limit.abs().max(1.0) * 1e-6;
        if !b.exclusive {
            walk.pass(
                format!("{at}: minimum {limit}, at the bound"),
                base,
                path,
                json!(limit),
            );
        }
        let outside = if b.exclusive { limit } else { limit - nudge };
        walk.fail(
            format!("{at}: minimum {limit}, past the bound"),
            base,
            path,
            json!(outside),
            Expected::Minimum {
                min: b.value,
                exclusive: b.exclusive,
                actual: Num::Float(outside),
            },
        );
    }
    if let Some(b) = c.maximum {
        walk.constraint(path, "maximum");
        let limit = num_f64(b.value);
        let nudge = limit.abs().max(1.0) * 1e-6;
        if !b.exclusive {
            walk.pass(
                format!("{at}: maximum {limit}, at the bound"),
                base,
                path,
                json!(limit),
            );
        }
        let outside = if b.exclusive { limit } else { limit + nudge };
        walk.fail(
            format!("{at}: maximum {limit}, past the bound"),
            base,
            path,
            json!(outside),
            Expected::Maximum {
                max: b.value,
                exclusive: b.exclusive,
                actual: Num::Float(outside),
            },
        );
    }
    if c.multiple_of.is_some() {
        walk.constraint(path, "multipleOf");
        walk.pass(
            format!("{at}: multipleOf, a multiple"),
            base,
            path,
            json!(valid_float(c)),
        );
    }
}

/// The wire value of a condition literal, as JSON and as the runtime displays it.
fn literal(l: &Literal) -> (Value, String) {
    match l {
        Literal::Bool(b) => (json!(b), b.to_string()),
        Literal::Int(i) | Literal::IntVariant { value: i, .. } => (json!(i), i.to_string()),
        Literal::Str(s) | Literal::StringVariant { value: s, .. } => (json!(s), s.clone()),
    }
}

fn field<'a>(s: &'a StructDef, wire: &str) -> &'a Field {
    s.fields
        .iter()
        .find(|f| f.wire_name == wire)
        .unwrap_or_else(|| panic!("no field {wire}"))
}

/// Whether a field can be absent from the Rust value (an `Option`).
fn optional(f: &Field) -> bool {
    !f.required || f.shape.nullable
}

/// The violations of the conditional rules of `s` by the object `obj` at `path`: the rule
/// semantics again, on JSON. A field that is absent or null is missing.
pub fn rule_violations(s: &StructDef, obj: &Value, path: &[Seg]) -> Vec<(String, Expected)> {
    let mut out = Vec::new();
    for rule in &s.rules {
        let cond = &obj[rule.when.field.wire_name.as_str()];
        let Some((_, shown)) = rule
            .when
            .values
            .iter()
            .map(literal)
            .find(|(v, _)| !cond.is_null() && v == cond)
        else {
            continue;
        };
        for r in &rule.require {
            if obj[r.wire_name.as_str()].is_null() {
                out.push((
                    display_path(&key(path, &r.wire_name)),
                    Expected::RequiredWhen {
                        field: rule.when.field.wire_name.clone(),
                        value: shown.clone(),
                    },
                ));
            }
        }
    }
    out
}

/// Holds, violated, not applicable: for each value of the condition.
fn walk_rule(
    api: &Api,
    s: &StructDef,
    rule: &RequiredWhen,
    base: &Value,
    path: &[Seg],
    walk: &mut Walk,
) {
    let at = display_path(path);
    let cond_wire = &rule.when.field.wire_name;
    walk.constraint(path, &format!("x-required-when {cond_wire}"));
    walk.rule_sites.push((at.clone(), cond_wire.clone()));
    let obj = get(base, path).clone();
    let push = |walk: &mut Walk, name: String, obj: Value, expect_some: bool| {
        let expected = rule_violations(s, &obj, path);
        assert_eq!(
            !expected.is_empty(),
            expect_some,
            "{name}: the case does not test what it says ({expected:?})"
        );
        let mut request = base.clone();
        set(&mut request, path, obj);
        walk.cases.push(Case {
            name,
            request,
            expected,
        });
    };
    let mut seen = Vec::new();
    for lit in &rule.when.values {
        let (value, shown) = literal(lit);
        if seen.contains(&shown) {
            continue;
        }
        seen.push(shown.clone());
        let mut holds = obj.clone();
        holds[cond_wire.as_str()] = value.clone();
        push(
            walk,
            format!("{at}: {cond_wire} = {shown}, rule holds"),
            holds.clone(),
            false,
        );
        for r in &rule.require {
            if !optional(field(s, &r.wire_name)) {
                continue;
            }
            let mut violated = holds.clone();
            violated
                .as_object_mut()
                .expect("object")
                .remove(&r.wire_name);
            push(
                walk,
                format!("{at}: {cond_wire} = {shown}, {} missing", r.wire_name),
                violated,
                true,
            );
        }
    }
    // Not applicable: the condition field absent (when it can be), or another value.
    let mut others: Vec<Value> = Vec::new();
    if optional(field(s, cond_wire)) {
        others.push(Value::Null);
    }
    let listed: Vec<Value> = rule.when.values.iter().map(|l| literal(l).0).collect();
    for candidate in other_values(api, &field(s, cond_wire).shape, &listed) {
        others.push(candidate);
    }
    for other in others {
        let mut na = obj.clone();
        if other.is_null() {
            na.as_object_mut().expect("object").remove(cond_wire);
        } else {
            na[cond_wire.as_str()] = other.clone();
        }
        // Remove every field the rule requires that no rule applying now requires.
        for r in &rule.require {
            if !optional(field(s, &r.wire_name)) {
                continue;
            }
            let mut without = na.clone();
            without
                .as_object_mut()
                .expect("object")
                .remove(&r.wire_name);
            if rule_violations(s, &without, path).is_empty() {
                na = without;
            }
        }
        push(
            walk,
            format!("{at}: {cond_wire} = {other}, rule not applicable"),
            na,
            false,
        );
    }
}

/// Values of a condition field's type that are not listed: every other enum value, the other
/// boolean, a few integers, a string.
fn other_values(api: &Api, shape: &Shape, listed: &[Value]) -> Vec<Value> {
    let candidates: Vec<Value> = match &shape.ty {
        TypeRef::Bool => vec![json!(true), json!(false)],
        TypeRef::Integer(_) => vec![json!(0), json!(1), json!(-1), json!(7)],
        TypeRef::String { .. } => vec![full_value(api, shape, &mut Vec::new()), json!("b")],
        TypeRef::Named(n) => match api.type_def(n).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(e)) => e.variants.iter().map(|v| json!(v.value)).collect(),
            Some(TypeKind::IntEnum(e)) => e.variants.iter().map(|v| json!(v.value)).collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    candidates
        .into_iter()
        .filter(|c| !listed.contains(c))
        .collect()
}
