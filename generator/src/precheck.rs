//! A linear structural check of the spec, run on the parsed YAML before the typed parse.
//!
//! `openapiv3` deserialises schemas through untagged enums. When a schema deep inside the document
//! has the wrong shape, serde retries every variant at every level above it, so the time grows
//! exponentially with the nesting depth and the error names the outermost schema, not the broken
//! one. `openapiv3` also panics on non-finite numbers (`maximum: .inf`).
//!
//! This pass walks the YAML value once, rejects non-finite numbers anywhere, and checks every
//! schema on its own, innermost first: a schema is checked only after all the schemas inside it
//! passed, so each typed check succeeds below the node it looks at and fails (if at all) at that
//! node. The first failure is reported with the JSON pointer of the offending node. When this pass
//! succeeds, the typed parse of the whole document does not backtrack through the schemas.

use crate::error::{pointer_token, SpecError};
use serde::Deserialize;
use serde_yaml::Value;

/// The schema types OpenAPI 3.0 knows.
const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];

/// The HTTP methods of a path item.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Checks the parsed YAML of a spec. The error names the offending node.
pub fn check(doc: &Value, file: &str) -> Result<(), SpecError> {
    let err = |pointer: String, message: String, hint: Option<&str>| SpecError {
        file: file.to_string(),
        pointer,
        line: None,
        message,
        hint: hint.map(str::to_string),
    };
    if let Some((pointer, n)) = non_finite(doc, "#") {
        return Err(err(
            pointer,
            format!("the number {n} is not finite"),
            Some("JSON has no infinities or NaN: write a finite number or remove the keyword"),
        ));
    }
    let mut schemas = Vec::new();
    document_schemas(doc, &mut schemas);
    for (pointer, schema) in schemas {
        check_schema(schema, &pointer, 0)
            .map_err(|(pointer, message, hint)| err(pointer, message, hint))?;
    }
    Ok(())
}

/// The first non-finite number in `v`, with its pointer.
fn non_finite(v: &Value, pointer: &str) -> Option<(String, f64)> {
    // An explicit stack: the walk must not recurse as deep as the input nests.
    let mut stack = vec![(v, pointer.to_string())];
    while let Some((v, at)) = stack.pop() {
        match v {
            Value::Number(n) => {
                if let Some(f) = n.as_f64() {
                    if !f.is_finite() {
                        return Some((at, f));
                    }
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, format!("{at}/{i}")));
                }
            }
            Value::Mapping(map) => {
                for (k, item) in map.iter().collect::<Vec<_>>().into_iter().rev() {
                    stack.push((item, format!("{at}/{}", pointer_token(&key_text(k)))));
                }
            }
            Value::Tagged(t) => stack.push((&t.value, at)),
            _ => {}
        }
    }
    None
}

/// A mapping key as text, for pointers.
fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_string(),
        _ => "?".to_string(),
    }
}

fn get<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    v.as_mapping().and_then(|m| m.get(key))
}

fn ptr(base: &str, token: &str) -> String {
    format!("{base}/{}", pointer_token(token))
}

/// The entries of a mapping with string keys (other keys are left to the typed parse).
fn entries(v: Option<&Value>) -> impl Iterator<Item = (&str, &Value)> {
    v.and_then(Value::as_mapping)
        .into_iter()
        .flat_map(|m| m.iter())
        .filter_map(|(k, v)| k.as_str().map(|k| (k, v)))
}

fn items(v: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
    v.and_then(Value::as_sequence)
        .into_iter()
        .flat_map(|s| s.iter().enumerate())
}

/// Every top-level schema of the document (the roots of schema trees), with its pointer.
fn document_schemas<'v>(doc: &'v Value, out: &mut Vec<(String, &'v Value)>) {
    let components = get(doc, "components");
    let comp = |key: &str| entries(components.and_then(|c| get(c, key)));
    for (name, s) in comp("schemas") {
        out.push((ptr("#/components/schemas", name), s));
    }
    for (name, p) in comp("parameters") {
        parameter(p, &ptr("#/components/parameters", name), out);
    }
    for (name, h) in comp("headers") {
        parameter(h, &ptr("#/components/headers", name), out);
    }
    for (name, r) in comp("responses") {
        response(r, &ptr("#/components/responses", name), out);
    }
    for (name, b) in comp("requestBodies") {
        content(b, &ptr("#/components/requestBodies", name), out);
    }
    for (path, item) in entries(get(doc, "paths")) {
        let at = ptr("#/paths", path);
        for (i, p) in items(get(item, "parameters")) {
            parameter(p, &ptr(&ptr(&at, "parameters"), &i.to_string()), out);
        }
        for method in METHODS {
            let Some(op) = get(item, method) else {
                continue;
            };
            let op_at = ptr(&at, method);
            for (i, p) in items(get(op, "parameters")) {
                parameter(p, &ptr(&ptr(&op_at, "parameters"), &i.to_string()), out);
            }
            if let Some(body) = get(op, "requestBody") {
                content(body, &ptr(&op_at, "requestBody"), out);
            }
            for (code, r) in entries(get(op, "responses")) {
                response(r, &ptr(&ptr(&op_at, "responses"), code), out);
            }
        }
    }
}

/// A parameter or header: its `schema`, or the schemas of its `content`.
fn parameter<'v>(p: &'v Value, at: &str, out: &mut Vec<(String, &'v Value)>) {
    if let Some(s) = get(p, "schema") {
        out.push((ptr(at, "schema"), s));
    }
    content(p, at, out);
}

/// A response: its headers and content.
fn response<'v>(r: &'v Value, at: &str, out: &mut Vec<(String, &'v Value)>) {
    for (name, h) in entries(get(r, "headers")) {
        parameter(h, &ptr(&ptr(at, "headers"), name), out);
    }
    content(r, at, out);
}

/// The schemas of a `content` map (request body, response, parameter).
fn content<'v>(v: &'v Value, at: &str, out: &mut Vec<(String, &'v Value)>) {
    for (media, m) in entries(get(v, "content")) {
        if let Some(s) = get(m, "schema") {
            out.push((ptr(&ptr(&ptr(at, "content"), media), "schema"), s));
        }
    }
}

/// How deep schemas may nest inline. Beyond real APIs (which name their inner objects), and low
/// enough that the typed parse and the lowering after the checks, which recurse, stay within a
/// 2 MiB thread stack even in a debug build.
pub const MAX_SCHEMA_DEPTH: usize = 24;

type Failure = (String, String, Option<&'static str>);

/// Checks one schema tree, innermost schemas first.
fn check_schema(schema: &Value, at: &str, depth: usize) -> Result<(), Failure> {
    if depth >= MAX_SCHEMA_DEPTH {
        return Err((
            at.to_string(),
            format!("schemas nest more than {MAX_SCHEMA_DEPTH} levels deep"),
            Some("flatten the schema, or name inner schemas under components.schemas"),
        ));
    }
    let Some(map) = schema.as_mapping() else {
        return Err((
            at.to_string(),
            format!("a schema must be a mapping, not {}", kind(schema)),
            None,
        ));
    };
    if let Some(r) = map.get("$ref") {
        if !r.is_string() {
            return Err((
                ptr(at, "$ref"),
                format!("$ref must be a string, not {}", kind(r)),
                None,
            ));
        }
        // OpenAPI 3.0 ignores the siblings of a $ref.
        return Ok(());
    }
    if let Some(t) = map.get("type") {
        if !t.as_str().is_some_and(|t| TYPES.contains(&t)) {
            return Err((
                ptr(at, "type"),
                format!("type must be one of {}, not {}", TYPES.join(", "), show(t)),
                None,
            ));
        }
    }
    // The schemas inside this one.
    for (name, s) in entries(map.get("properties")) {
        check_schema(s, &ptr(&ptr(at, "properties"), name), depth + 1)?;
    }
    for key in ["items", "not"] {
        if let Some(s) = map.get(key) {
            check_schema(s, &ptr(at, key), depth + 1)?;
        }
    }
    if let Some(s) = map.get("additionalProperties") {
        if !s.is_bool() {
            check_schema(s, &ptr(at, "additionalProperties"), depth + 1)?;
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for (i, s) in items(map.get(key)) {
            check_schema(s, &ptr(&ptr(at, key), &i.to_string()), depth + 1)?;
        }
    }
    // Everything inside passed: the typed parse of this node does not backtrack into them.
    openapiv3::ReferenceOr::<openapiv3::Schema>::deserialize(schema).map_err(|e| {
        (
            at.to_string(),
            format!("not a valid schema: {e}"),
            Some("see the Schema Object of the OpenAPI 3.0 specification"),
        )
    })?;
    Ok(())
}

/// The YAML kind of a value, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a sequence",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// A short rendering of a scalar (or its kind), for messages.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{:?}", s.chars().take(40).collect::<String>()),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => kind(other).to_string(),
    }
}
