//! `cargo xtask docs import PAGE`: a draft YAML fragment for an operation, in the spec's
//! conventions (spec/README.md): the path item with its parameters, the request body and the
//! response bodies as named component schemas, every enum a named component, the four-part prose
//! as descriptions, every constraint the page states as a keyword. What the page leaves open is
//! listed as `TODO` in the header comment and marked `TODO` in the value where one is needed.

use super::capture::Capture;
use super::page::{Body, Location, Page, PageType, Row};
use super::prose::{self, Fact, Prose};
use super::spec::Spec;
use serde_yaml::{Mapping, Value};

/// A YAML scalar as it appears after `key: ` (quoted when YAML would read it as something else).
pub fn yaml_scalar(s: &str) -> String {
    let out = serde_yaml::to_string(&Value::String(s.to_string())).unwrap_or_default();
    out.trim_end_matches('\n').to_string()
}

/// Indents every line.
pub fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A JSON value as YAML.
pub fn json_yaml(v: &serde_json::Value) -> String {
    serde_yaml::to_string(v)
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

fn to_yaml(v: &Value) -> String {
    serde_yaml::to_string(v)
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in entries {
        m.insert(s(k), v);
    }
    Value::Mapping(m)
}

fn insert(v: &mut Value, key: &str, value: Value) {
    if let Value::Mapping(m) = v {
        m.insert(s(key), value);
    }
}

/// The type keywords of a page type (objects as a `$ref` to `PascalCase(name)`).
fn type_value(ty: &PageType) -> Value {
    match ty {
        PageType::String => map(vec![("type", s("string"))]),
        PageType::Integer => map(vec![("type", s("integer")), ("format", s("int32"))]),
        PageType::Long => map(vec![("type", s("integer")), ("format", s("int64"))]),
        PageType::Boolean => map(vec![("type", s("boolean"))]),
        PageType::Number => map(vec![("type", s("number"))]),
        PageType::AnyObject => map(vec![("type", s("object"))]),
        PageType::Object(n) => map(vec![(
            "$ref",
            s(&format!("#/components/schemas/{}", pascal(n))),
        )]),
        PageType::Array(i) => map(vec![("type", s("array")), ("items", type_value(i))]),
    }
}

/// The type keywords of a page type, as YAML text.
pub fn type_yaml(ty: &PageType) -> String {
    to_yaml(&type_value(ty))
}

/// A default as a YAML value of the row's type.
fn default_value(v: &str, ty: &PageType) -> Value {
    match ty {
        PageType::Integer | PageType::Long => v.parse::<i64>().map(Value::from).unwrap_or(s(v)),
        PageType::Boolean => v.parse::<bool>().map(Value::Bool).unwrap_or(s(v)),
        _ => s(v),
    }
}

/// A default as YAML text.
pub fn default_yaml(v: &str, ty: &PageType) -> String {
    to_yaml(&default_value(v, ty))
}

/// The spec's description for a row (four-part layout kept, bullets as `- value: meaning`).
pub fn description_text(p: &Prose) -> String {
    let bullets = || {
        p.bullets
            .iter()
            .map(|(v, m)| {
                if m.is_empty() {
                    format!("- {v}")
                } else {
                    format!("- {v}: {m}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    if !p.four_part {
        return if p.bullets.is_empty() {
            p.definition.clone()
        } else {
            format!("{}\n{}", p.definition, bullets())
        };
    }
    let mut parts = vec![format!("Definition: {}", p.definition)];
    if let Some(c) = &p.constraints {
        parts.push(format!("Constraints: {c}"));
    }
    if let Some(r) = &p.range {
        parts.push(match (r.is_empty(), p.bullets.is_empty()) {
            (_, false) if r.is_empty() => format!("Range:\n{}", bullets()),
            (_, false) => format!("Range: {r}\n{}", bullets()),
            (true, true) => "Range: TODO".to_string(),
            (false, true) => format!("Range: {r}"),
        });
    }
    if let Some(d) = &p.default {
        parts.push(format!("Default: {d}"));
    }
    parts.join("\n\n")
}

/// The `description:` line of a row, as YAML text.
pub fn description_yaml(p: &Prose) -> String {
    to_yaml(&map(vec![("description", s(&description_text(p)))]))
}

/// `cluster_scan_info` -> `ClusterScanInfo`.
pub fn pascal(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// What a row becomes: its schema (inline or `$ref`), and the enum component it needs.
struct Lowered {
    schema: Value,
    /// An enum component: (name, schema).
    component: Option<(String, Value)>,
}

struct Draft<'a> {
    page: &'a Page,
    spec: Option<&'a Spec>,
    op: String,
    todos: Vec<(usize, String)>,
    notes: Vec<String>,
    schemas: Mapping,
}

impl Draft<'_> {
    fn todo(&mut self, line: usize, what: String) {
        self.todos.push((line, what));
    }

    /// Lowers a row. `enum_name`: the component name for an enum.
    fn row(&mut self, row: &Row, where_: &str, enum_name: &str) -> Lowered {
        let p = prose::parse(&row.description);
        let f = prose::facts(&p, &row.ty, self.page.capture);
        let description = description_text(&p);
        if !p.english {
            self.todo(row.line, format!("{where_}: the description is not in English; translate it and read its constraints"));
        }
        let lower = p.definition.to_ascii_lowercase();
        if lower.contains("mandatory when")
            || lower.contains("mandatory if")
            || lower.contains("required when")
        {
            self.todo(row.line, format!("{where_}: a conditional requirement in prose: add an x-required-when rule? ({})", p.definition));
        }
        let scalar_is_enum =
            |ty: &PageType| matches!(ty, PageType::String | PageType::Integer | PageType::Long);
        let (is_enum, inner) = match &row.ty {
            PageType::Array(i) if scalar_is_enum(i) => (true, (**i).clone()),
            t if scalar_is_enum(t) => (true, t.clone()),
            t => (false, t.clone()),
        };
        let values: Option<Vec<(String, String)>> = match &f.values {
            Fact::Stated { value, .. } if is_enum => Some(value.clone()),
            Fact::NotStated(why)
                if is_enum
                    && (p.list_announced || (p.range_lost() && inner == PageType::String)) =>
            {
                self.todo(
                    row.line,
                    format!(
                        "{where_}: {why}: fill in `enum` and `x-enum-descriptions` of {enum_name}"
                    ),
                );
                Some(vec![("TODO".to_string(), "TODO".to_string())])
            }
            _ => None,
        };
        if p.range_lost() && values.is_none() {
            self.todo(row.line, format!("{where_}: the capture lost the Range text (a length, a range, the meaning of each value?)"));
        }
        let mut schema = type_value(&row.ty);
        let bounds = |v: &mut Value, fact: &Fact<prose::Bounds>, keys: [&str; 2]| {
            if let Fact::Stated {
                value: (lo, hi), ..
            } = fact
            {
                if let Some(l) = lo {
                    insert(v, keys[0], Value::from(*l as i64));
                }
                if let Some(h) = hi {
                    insert(v, keys[1], Value::from(*h as i64));
                }
            }
        };
        bounds(&mut schema, &f.length, ["minLength", "maxLength"]);
        bounds(&mut schema, &f.range, ["minimum", "maximum"]);
        bounds(&mut schema, &f.items, ["minItems", "maxItems"]);
        let default = match &f.default {
            Fact::Stated { value, .. } => Some(default_value(value, &inner)),
            _ => None,
        };
        if let Some(values) = values {
            let mut component = type_value(&inner);
            let is_array = matches!(row.ty, PageType::Array(_));
            if is_array {
                self.todo(
                    row.line,
                    format!("{where_}: describe the item enum {enum_name}"),
                );
                insert(&mut component, "description", s("TODO"));
            } else {
                insert(&mut component, "description", s(&description));
            }
            let list: Vec<Value> = values
                .iter()
                .map(|(v, _)| default_value(v, &inner))
                .collect();
            insert(&mut component, "enum", Value::Sequence(list));
            if let Some(d) = default.clone() {
                insert(&mut component, "default", d);
            }
            let mut descriptions = Mapping::new();
            for (v, m) in &values {
                descriptions.insert(s(v), s(m));
            }
            insert(
                &mut component,
                "x-enum-descriptions",
                Value::Mapping(descriptions),
            );
            self.notes.push(format!("{enum_name}: enum component named after the field; give it a domain name if it has one"));
            let reference = map(vec![(
                "$ref",
                s(&format!("#/components/schemas/{enum_name}")),
            )]);
            let schema = if is_array {
                let mut a = map(vec![("type", s("array")), ("description", s(&description))]);
                if let Value::Mapping(m) = &schema {
                    for k in ["minItems", "maxItems"] {
                        if let Some(v) = m.get(s(k)) {
                            insert(&mut a, k, v.clone());
                        }
                    }
                }
                insert(&mut a, "items", reference);
                a
            } else {
                reference
            };
            return Lowered {
                schema,
                component: Some((enum_name.to_string(), component)),
            };
        }
        if let Some(d) = default {
            insert(&mut schema, "default", d);
        }
        match &row.ty {
            PageType::Object(_) => Lowered {
                schema,
                component: None,
            },
            _ => {
                // Description first, as the spec writes it.
                let mut with = map(vec![]);
                if let Value::Mapping(m) = &schema {
                    for (k, v) in m {
                        if k.as_str() == Some("items") {
                            continue;
                        }
                        if let Value::Mapping(w) = &mut with {
                            w.insert(k.clone(), v.clone());
                        }
                        if k.as_str() == Some("format")
                            || (k.as_str() == Some("type") && m.get(s("format")).is_none())
                        {
                            insert(&mut with, "description", s(&description));
                        }
                    }
                    if let Some(items) = m.get(s("items")) {
                        insert(&mut with, "items", items.clone());
                    }
                }
                Lowered {
                    schema: with,
                    component: None,
                }
            }
        }
    }

    /// An object table as a component schema (nested objects recursively).
    fn object(
        &mut self,
        name: &str,
        description: String,
        rows: &[Row],
        body: &Body,
        label: &str,
        required_flags: bool,
    ) {
        if self.schemas.contains_key(name) {
            // The same object in the request and a response: one component, from its first table.
            self.notes.push(format!(
                "{label}: object {name} is documented twice; the draft keeps its first table"
            ));
            return;
        }
        let mut properties = Mapping::new();
        let mut required = Vec::new();
        for row in rows {
            let here = format!("{label}.{}", row.name);
            let lowered = self.row(row, &here, &pascal(&row.name));
            if let Some((n, c)) = lowered.component {
                self.schemas.insert(s(&n), c);
            }
            properties.insert(s(&row.name), lowered.schema);
            if row.mandatory == Some(true) && required_flags {
                required.push(s(&row.name));
            }
            if let Some(obj) = row.ty.object_name() {
                let p = prose::parse(&row.description);
                match body.object(obj) {
                    Some(t) => {
                        let rows = t.rows.clone();
                        self.object(
                            &pascal(obj),
                            description_text(&p),
                            &rows,
                            body,
                            &here,
                            required_flags,
                        )
                    }
                    None => {
                        self.todo(
                            row.line,
                            format!("{here}: the page has no table for object {obj}"),
                        );
                        self.schemas.insert(
                            s(&pascal(obj)),
                            map(vec![
                                ("type", s("object")),
                                ("description", s(&description_text(&p))),
                            ]),
                        );
                    }
                }
            }
        }
        let mut schema = map(vec![
            ("type", s("object")),
            ("description", s(&description)),
        ]);
        if !required.is_empty() {
            insert(&mut schema, "required", Value::Sequence(required));
        }
        insert(&mut schema, "properties", Value::Mapping(properties));
        self.schemas.insert(s(name), schema);
    }

    fn parameter(
        &mut self,
        loc: Location,
        row: &Row,
        examples: &[(String, String)],
    ) -> Option<Value> {
        if let Some(spec) = self.spec {
            if loc == Location::Header {
                if let Some(scheme) = spec.scheme_for_header(&row.name) {
                    self.notes.push(format!(
                        "header {} is left out: the spec models it as the security scheme {scheme}",
                        row.name
                    ));
                    return None;
                }
            }
            if let Some(name) = component_parameter(spec, loc, &row.name) {
                self.notes.push(format!(
                    "{} {}: the spec's shared parameter {name} (compare its text with the page)",
                    loc.as_str(),
                    row.name
                ));
                return Some(map(vec![(
                    "$ref",
                    s(&format!("#/components/parameters/{name}")),
                )]));
            }
        } else if loc == Location::Header && row.name.eq_ignore_ascii_case("X-Auth-Token") {
            self.todo(row.line, format!("header {}: a credential; model it as a security scheme rather than a parameter", row.name));
        }
        let where_ = format!("{} {}.{}", self.op, loc.as_str(), row.name);
        let lowered = self.row(row, &where_, &format!("{}{}", self.op, pascal(&row.name)));
        if let Some((n, c)) = lowered.component {
            self.schemas.insert(s(&n), c);
        }
        let p = prose::parse(&row.description);
        let mut param = map(vec![
            ("name", s(&row.name)),
            ("in", s(loc.as_str())),
            (
                "required",
                Value::Bool(loc == Location::Path || row.mandatory == Some(true)),
            ),
            ("description", s(&description_text(&p))),
        ]);
        let mut schema = lowered.schema;
        if let Value::Mapping(m) = &mut schema {
            m.remove(s("description"));
        }
        insert(&mut param, "schema", schema);
        if let Some((_, v)) = examples.iter().find(|(k, _)| *k == row.name) {
            insert(&mut param, "example", s(v));
        }
        Some(param)
    }
}

/// The spec's shared parameter (`components/parameters`) with this name and location.
fn component_parameter(spec: &Spec, loc: Location, name: &str) -> Option<String> {
    let Some(Value::Mapping(m)) = spec.node("#/components/parameters") else {
        return None;
    };
    m.iter().find_map(|(k, v)| {
        let same = v.get("name").and_then(Value::as_str) == Some(name)
            && v.get("in").and_then(Value::as_str) == Some(loc.as_str());
        same.then(|| k.as_str().map(str::to_string)).flatten()
    })
}

/// Path and query values of the example URL, by parameter name.
fn url_examples(page: &Page) -> Vec<(String, String)> {
    let Some((_, url)) = &page.example_url else {
        return Vec::new();
    };
    let after_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let (path, query) = match after_scheme.find('/') {
        Some(at) => {
            let rest = &after_scheme[at..];
            rest.split_once('?').unwrap_or((rest, ""))
        }
        None => ("", ""),
    };
    let mut out = Vec::new();
    let template: Vec<&str> = page.path.split('/').collect();
    let actual: Vec<&str> = path.split('/').collect();
    if template.len() == actual.len() {
        for (t, a) in template.iter().zip(&actual) {
            if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                out.push((name.to_string(), a.to_string()));
            }
        }
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        out.push((k.to_string(), v.to_string()));
    }
    out
}

/// `Creating a Global Asset Scan Task` -> `CreateGlobalAssetScanTask`.
fn name_from_title(title: &str) -> Option<String> {
    let mut words = title.split_whitespace();
    let verb = match words.next()? {
        "Creating" => "Create",
        "Deleting" => "Delete",
        "Updating" => "Update",
        "Modifying" => "Update",
        "Querying" => "List",
        "Obtaining" => "Show",
        "Changing" => "Change",
        "Adding" => "Add",
        "Setting" => "Set",
        "Starting" => "Start",
        "Stopping" => "Stop",
        _ => return None,
    };
    let rest: String = words
        .filter(|w| !matches!(w.to_ascii_lowercase().as_str(), "a" | "an" | "the"))
        .map(pascal)
        .collect();
    Some(format!("{verb}{rest}"))
}

/// A parameter row as a spec parameter (enums inline), for suggestions.
pub fn parameter_yaml(row: &Row, loc: Location, capture: Capture) -> String {
    let p = prose::parse(&row.description);
    let f = prose::facts(&p, &row.ty, capture);
    let mut schema = inline_schema(row, &f);
    if let Value::Mapping(m) = &mut schema {
        m.remove(s("description"));
    }
    to_yaml(&Value::Sequence(vec![map(vec![
        ("name", s(&row.name)),
        ("in", s(loc.as_str())),
        (
            "required",
            Value::Bool(loc == Location::Path || row.mandatory == Some(true)),
        ),
        ("description", s(&description_text(&p))),
        ("schema", schema),
    ])]))
}

/// A body row as a spec property (enums inline), for suggestions.
pub fn property_yaml(row: &Row, capture: Capture) -> String {
    let p = prose::parse(&row.description);
    let f = prose::facts(&p, &row.ty, capture);
    let mut m = Mapping::new();
    m.insert(s(&row.name), inline_schema(row, &f));
    let mut out = to_yaml(&Value::Mapping(m));
    if row.mandatory == Some(true) {
        out.push_str(&format!(
            "\n# and add {} to the object's `required`",
            row.name
        ));
    }
    out
}

fn inline_schema(row: &Row, f: &prose::Facts) -> Value {
    let p = prose::parse(&row.description);
    let mut schema = map(vec![]);
    if let Value::Mapping(t) = type_value(&row.ty) {
        for (k, v) in t {
            if let Value::Mapping(m) = &mut schema {
                m.insert(k, v);
            }
        }
    }
    insert(&mut schema, "description", s(&description_text(&p)));
    for (fact, keys) in [
        (&f.length, ["minLength", "maxLength"]),
        (&f.range, ["minimum", "maximum"]),
        (&f.items, ["minItems", "maxItems"]),
    ] {
        if let Fact::Stated {
            value: (lo, hi), ..
        } = fact
        {
            if let Some(l) = lo {
                insert(&mut schema, keys[0], Value::from(*l as i64));
            }
            if let Some(h) = hi {
                insert(&mut schema, keys[1], Value::from(*h as i64));
            }
        }
    }
    if let Fact::Stated { value, .. } = &f.values {
        let list = Value::Sequence(value.iter().map(|(v, _)| s(v)).collect());
        match &row.ty {
            PageType::Array(_) => {
                if let Value::Mapping(m) = &mut schema {
                    if let Some(items) = m.get_mut(s("items")) {
                        insert(items, "enum", list);
                    }
                }
            }
            _ => insert(&mut schema, "enum", list),
        }
    }
    if let Fact::Stated { value, .. } = &f.default {
        insert(&mut schema, "default", default_value(value, &row.ty));
    }
    schema
}

/// Drafts the YAML fragment for a page. With a spec, shared parameters become `$ref`s to its
/// `components/parameters` and a header that a security scheme sends is left out.
pub fn import(page: &Page, spec: Option<&Spec>) -> String {
    let (op, op_todo) = match (
        &page.sdk_name,
        page.title.as_deref().and_then(name_from_title),
    ) {
        (Some(n), _) => (n.clone(), None),
        (None, Some(n)) => (
            n.clone(),
            Some(format!(
                "operationId {n} is guessed from the page title; use the vendor SDK's name"
            )),
        ),
        (None, None) => (
            "TODO".to_string(),
            Some("operationId: the page does not name the operation".to_string()),
        ),
    };
    let mut d = Draft {
        page,
        spec,
        op: op.clone(),
        todos: Vec::new(),
        notes: Vec::new(),
        schemas: Mapping::new(),
    };
    if let Some(t) = op_todo {
        d.todo(page.operation_line, t);
    }
    let mut operation = map(vec![("operationId", s(&op))]);
    if let Some(t) = &page.title {
        insert(&mut operation, "summary", s(t));
    }
    if let Some(f) = &page.function {
        insert(&mut operation, "description", s(f));
    }
    let examples = url_examples(page);
    let params: Vec<Value> = page
        .params
        .iter()
        .filter_map(|(loc, row)| d.parameter(*loc, row, &examples))
        .collect();
    if !params.is_empty() {
        insert(&mut operation, "parameters", Value::Sequence(params));
    }
    if let Some(t) = &page.body.table {
        let name = format!("{op}RequestBody");
        d.object(
            &name,
            format!("Request body of {op}."),
            &t.rows,
            &page.body,
            &format!("{op} body"),
            true,
        );
        let mut media = map(vec![(
            "schema",
            map(vec![("$ref", s(&format!("#/components/schemas/{name}")))]),
        )]);
        if let Some(e) = &page.request_example {
            insert(
                &mut media,
                "example",
                serde_yaml::to_value(&e.value).unwrap_or(Value::Null),
            );
        }
        insert(
            &mut operation,
            "requestBody",
            map(vec![
                ("required", Value::Bool(true)),
                ("content", map(vec![("application/json", media)])),
            ]),
        );
    }
    let mut statuses: Vec<u16> = page.status_codes.iter().map(|(c, _)| *c).collect();
    for r in &page.responses {
        if !statuses.contains(&r.status) {
            statuses.push(r.status);
        }
    }
    let mut responses = Mapping::new();
    for status in statuses {
        let description = page
            .status_codes
            .iter()
            .find(|(c, _)| *c == status)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| {
                d.todo(
                    page.operation_line,
                    format!("response {status}: no description"),
                );
                "TODO".into()
            });
        let mut response = map(vec![("description", s(&description))]);
        if let Some(r) = page.response(status) {
            if let Some(t) = &r.body.table {
                let name = format!("{op}ResponseBody");
                let rows = t.rows.clone();
                d.object(
                    &name,
                    format!("Response body of {op} (status code {status})."),
                    &rows,
                    &r.body,
                    &format!("{op} response {status}"),
                    false,
                );
                let mut media = map(vec![(
                    "schema",
                    map(vec![("$ref", s(&format!("#/components/schemas/{name}")))]),
                )]);
                if let Some((_, e)) = page.response_examples.iter().find(|(c, _)| *c == status) {
                    insert(
                        &mut media,
                        "example",
                        serde_yaml::to_value(&e.value).unwrap_or(Value::Null),
                    );
                }
                insert(
                    &mut response,
                    "content",
                    map(vec![("application/json", media)]),
                );
            }
        }
        responses.insert(s(&status.to_string()), response);
    }
    insert(&mut operation, "responses", Value::Mapping(responses));
    let mut path_item = Mapping::new();
    path_item.insert(s(&page.method.to_ascii_lowercase()), operation);
    let mut paths = Mapping::new();
    paths.insert(s(&page.path), Value::Mapping(path_item));
    let mut doc = map(vec![("paths", Value::Mapping(paths))]);
    let schemas = std::mem::take(&mut d.schemas);
    insert(
        &mut doc,
        "components",
        map(vec![("schemas", Value::Mapping(schemas))]),
    );

    let mut out = format!(
        "# Draft of {} {} from {} by `cargo xtask docs import`.\n# Review it, resolve every TODO, and merge it into the spec by hand (see spec/README.md).\n",
        page.method, page.path, page.name
    );
    if d.todos.is_empty() {
        out.push_str("# No TODO: the page stated everything the draft needs.\n");
    }
    d.todos.sort_by_key(|t| t.0);
    for (line, t) in &d.todos {
        out.push_str(&format!("# TODO line {line}: {t}\n"));
    }
    for n in &d.notes {
        out.push_str(&format!("# note: {n}\n"));
    }
    out.push_str(&to_yaml(&doc));
    out.push('\n');
    out
}
