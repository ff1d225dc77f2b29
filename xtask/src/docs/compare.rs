//! Page against spec: every difference is a [`Finding`]; what the page cannot say is a
//! [`NotStated`] entry, never a finding.

use super::import;
use super::page::{Location, Page, PageType, Row, Table};
use super::prose::{self, Bounds, Fact, Facts};
use super::spec::{esc, Spec};
use anyhow::Result;
use generator::ir::{self, Num, TypeKind, TypeRef};
use serde::Serialize;
use std::collections::BTreeSet;

/// Kinds of finding, as the page differs from the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The page documents a parameter the spec does not have.
    ParameterAdded,
    /// The spec has a parameter the page does not document.
    ParameterRemoved,
    /// The page documents a body field the spec does not have.
    FieldAdded,
    /// The spec has a body field the page does not document.
    FieldRemoved,
    /// The Mandatory column differs from `required`.
    MandatoryChanged,
    /// The Type column differs from the schema's type.
    TypeChanged,
    /// The page states a limit the spec does not have.
    LimitAdded,
    /// The page states a different limit.
    LimitChanged,
    /// The spec has a limit the page does not state (and could have).
    LimitRemoved,
    /// The page lists a value the spec's `enum` does not have.
    EnumValueAdded,
    /// The spec's `enum` has a value the page's list does not.
    EnumValueRemoved,
    /// The default differs (or one side has none).
    DefaultChanged,
    /// The definition, constraints prose, a value's meaning, a summary or description differs.
    DescriptionChanged,
    /// An example request or response body differs (or one side has none).
    ExampleChanged,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 14] = [
        Kind::ParameterAdded,
        Kind::ParameterRemoved,
        Kind::FieldAdded,
        Kind::FieldRemoved,
        Kind::MandatoryChanged,
        Kind::TypeChanged,
        Kind::LimitAdded,
        Kind::LimitChanged,
        Kind::LimitRemoved,
        Kind::EnumValueAdded,
        Kind::EnumValueRemoved,
        Kind::DefaultChanged,
        Kind::DescriptionChanged,
        Kind::ExampleChanged,
    ];

    /// The kebab-case code (`mandatory-changed`), as written in `x-doc-decisions`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::ParameterAdded => "parameter-added",
            Kind::ParameterRemoved => "parameter-removed",
            Kind::FieldAdded => "field-added",
            Kind::FieldRemoved => "field-removed",
            Kind::MandatoryChanged => "mandatory-changed",
            Kind::TypeChanged => "type-changed",
            Kind::LimitAdded => "limit-added",
            Kind::LimitChanged => "limit-changed",
            Kind::LimitRemoved => "limit-removed",
            Kind::EnumValueAdded => "enum-value-added",
            Kind::EnumValueRemoved => "enum-value-removed",
            Kind::DefaultChanged => "default-changed",
            Kind::DescriptionChanged => "description-changed",
            Kind::ExampleChanged => "example-changed",
        }
    }

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One difference between a page and the spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What differs.
    pub kind: Kind,
    /// The operationId.
    pub operation: String,
    /// Readable location: `CreateTask body.cluster_scan_info.range_type`.
    pub location: String,
    /// JSON pointer of the spec node to change (or that records a decision).
    pub pointer: String,
    /// The page row's name (parameter, field), or the operation's.
    pub name: String,
    /// What the page says.
    pub page: String,
    /// The page file.
    pub page_file: String,
    /// The page line.
    pub page_line: usize,
    /// What the spec says.
    pub spec: String,
    /// The YAML change that would make the spec say what the page says.
    pub suggestion: String,
    /// `decided` when the spec records this difference in `x-doc-decisions`, else `undecided`.
    pub status: &'static str,
    /// The recorded reason, for a decided finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Finding {
    /// Whether the spec records this difference as decided.
    pub fn decided(&self) -> bool {
        self.reason.is_some()
    }
}

/// Something the spec says and the page cannot (a lost list of values, a non-English page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotStated {
    /// The operationId.
    pub operation: String,
    /// Readable location.
    pub location: String,
    /// JSON pointer.
    pub pointer: String,
    /// What the page does not state (`enum values`, `limits`).
    pub what: String,
    /// Why it cannot.
    pub why: String,
    /// What the spec says.
    pub spec: String,
    /// The page file.
    pub page_file: String,
    /// The page line.
    pub page_line: usize,
}

/// A page checked: which operation it documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageSummary {
    /// The file.
    pub file: String,
    /// Its capture format.
    pub capture: &'static str,
    /// `POST /v5/...`.
    pub endpoint: String,
    /// The spec's operationId.
    pub operation: String,
}

/// The result of checking pages against a spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The spec's name.
    pub spec: String,
    /// The pages.
    pub pages: Vec<PageSummary>,
    /// Every difference, decided or not.
    pub findings: Vec<Finding>,
    /// What the pages cannot say.
    pub not_stated: Vec<NotStated>,
    /// Decisions recorded at the nodes the pages were compared with that no finding needs (the
    /// page now says what the spec says): candidates for removal. They do not fail the check.
    pub unused_decisions: Vec<UnusedDecision>,
}

/// A recorded decision that no finding of the checked pages matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnusedDecision {
    /// Where it is recorded.
    pub pointer: String,
    /// Its finding kind.
    pub kind: String,
    /// Its row name, if any.
    pub name: Option<String>,
    /// Its reason.
    pub reason: String,
}

/// One page compared: its findings, what it cannot say, and the spec nodes it was compared with.
pub struct PageCheck {
    /// The page and its operation.
    pub summary: PageSummary,
    /// Its findings.
    pub findings: Vec<Finding>,
    /// What it cannot say.
    pub not_stated: Vec<NotStated>,
    /// Every spec node compared (where a decision about this page would be recorded).
    pub visited: BTreeSet<String>,
    /// The decisions used, as (pointer, index in its `x-doc-decisions`).
    pub used: BTreeSet<(String, usize)>,
}

impl Report {
    /// The findings the spec does not record as decided.
    pub fn undecided(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.decided())
    }
}

/// Where a spec item's parts are written.
struct Item<'a> {
    name: &'a str,
    required: bool,
    shape: &'a ir::Shape,
    docs: Option<&'a str>,
    default: Option<&'a serde_json::Value>,
    /// The parameter or property node.
    node: String,
    /// Its schema, `$ref`s followed.
    schema: String,
    /// Where its description is.
    docs_at: String,
    /// Where `required` is (the parameter, or the parent object).
    required_at: String,
    /// The required list of the parent object (fields only).
    parent_required: Option<Vec<String>>,
}

struct Ctx<'a> {
    spec: &'a Spec,
    page: &'a Page,
    op: &'a ir::Operation,
    findings: Vec<Finding>,
    not_stated: Vec<NotStated>,
    /// The object tables of the response being compared.
    response_objects: Vec<(String, Table)>,
    /// Every spec node compared.
    visited: BTreeSet<String>,
}

/// Finds the spec operation a page documents: its line's method and path.
pub fn find_operation<'a>(spec: &'a Spec, page: &Page) -> Option<&'a ir::Operation> {
    spec.api
        .operations
        .iter()
        .find(|o| o.method.as_str() == page.method && same_path(&o.path, &page.path))
}

fn same_path(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim_end_matches('/')
            .split('/')
            .map(|seg| if seg.starts_with('{') { "{}" } else { seg })
            .collect::<Vec<_>>()
            .join("/")
    };
    norm(a) == norm(b)
}

/// Compares one page with the spec.
pub fn check_page(spec: &Spec, page: &Page) -> Result<PageCheck> {
    let op = find_operation(spec, page).ok_or_else(|| {
        super::page::PageError {
            page: page.name.clone(),
            line: page.operation_line,
            message: format!(
                "operation `{} {}` is not in {} (a new operation? `cargo xtask docs import {}` drafts it)",
                page.method, page.path, spec.name, page.name
            ),
        }
    })?;
    let mut cx = Ctx {
        spec,
        page,
        op,
        findings: Vec::new(),
        not_stated: Vec::new(),
        response_objects: Vec::new(),
        visited: BTreeSet::new(),
    };
    cx.visited.insert(op.origin.clone());
    cx.visited.insert(format!("{}/parameters", op.origin));
    for a in &spec.api.auth {
        if let Some(p) = spec.scheme_for_header(match &a.kind {
            ir::AuthKind::ApiKey {
                location: ir::KeyLocation::Header,
                name,
                ..
            } => name,
            _ => continue,
        }) {
            cx.visited.insert(p);
        }
    }
    cx.operation_text();
    cx.params();
    cx.request_body();
    cx.responses();
    cx.examples();
    let mut findings = cx.findings;
    let mut used = BTreeSet::new();
    for f in &mut findings {
        let decided = spec
            .decisions(&f.pointer)
            .into_iter()
            .enumerate()
            .find(|(_, d)| {
                d.kind == f.kind.code()
                    && matches_opt(d.name.as_deref(), &f.name, false)
                    && matches_opt(d.page.as_deref(), &f.page, true)
            });
        if let Some((i, d)) = decided {
            used.insert((f.pointer.clone(), i));
            f.status = "decided";
            f.reason = Some(d.reason);
        }
    }
    let mut visited = cx.visited;
    visited.extend(findings.iter().map(|f| f.pointer.clone()));
    let summary = PageSummary {
        file: page.name.clone(),
        capture: page.capture.as_str(),
        endpoint: format!("{} {}", page.method, page.path),
        operation: op.operation_id.clone(),
    };
    Ok(PageCheck {
        summary,
        findings,
        not_stated: cx.not_stated,
        visited,
        used,
    })
}

/// `None` matches anything; a value matches the same text (`norm`ed when `loose`).
fn matches_opt(want: Option<&str>, got: &str, loose: bool) -> bool {
    match want {
        None => true,
        Some(w) if loose => norm(w) == norm(got),
        Some(w) => w == got,
    }
}

/// Whitespace collapsed, a final period dropped: how prose is compared.
pub fn norm(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_end_matches('.').trim().to_string()
}

/// The Definition and Constraints of a spec description (`Definition: ...\n\nConstraints: ...`,
/// or a plain description without its `- value: meaning` lines).
pub fn spec_parts(docs: &str) -> (String, Option<String>) {
    let docs = docs.trim();
    if let Some(rest) = docs.strip_prefix("Definition:") {
        let mut definition = Vec::new();
        let mut constraints: Option<Vec<&str>> = None;
        let mut part = 0;
        for line in rest.lines() {
            let t = line.trim();
            if let Some(c) = t.strip_prefix("Constraints:") {
                part = 1;
                constraints = Some(vec![c]);
                continue;
            }
            if t.starts_with("Range:") || t.starts_with("Default:") {
                part = 2;
                continue;
            }
            match part {
                0 => definition.push(t),
                1 => constraints.get_or_insert_with(Vec::new).push(t),
                _ => {}
            }
        }
        let join = |v: Vec<&str>| {
            v.into_iter()
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        (join(definition), constraints.map(join))
    } else {
        let lead: Vec<&str> = docs
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with("- "))
            .collect();
        (lead.join(" "), None)
    }
}

impl Ctx<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: Kind,
        location: &str,
        pointer: &str,
        name: &str,
        page: String,
        line: usize,
        spec: String,
        suggestion: String,
    ) {
        self.findings.push(Finding {
            kind,
            operation: self.op.operation_id.clone(),
            location: format!("{} {location}", self.op.operation_id),
            pointer: pointer.to_string(),
            name: name.to_string(),
            page,
            page_file: self.page.name.clone(),
            page_line: line,
            spec,
            suggestion,
            status: "undecided",
            reason: None,
        });
    }

    fn not_stated(
        &mut self,
        location: &str,
        pointer: &str,
        what: &str,
        why: &str,
        spec: String,
        line: usize,
    ) {
        self.not_stated.push(NotStated {
            operation: self.op.operation_id.clone(),
            location: format!("{} {location}", self.op.operation_id),
            pointer: pointer.to_string(),
            what: what.to_string(),
            why: why.to_string(),
            spec,
            page_file: self.page.name.clone(),
            page_line: line,
        });
    }

    fn operation_text(&mut self) {
        let origin = self.op.origin.clone();
        let pairs = [
            ("summary", self.page.title.clone(), self.op.summary.clone()),
            (
                "description",
                self.page.function.clone(),
                self.op.description.clone(),
            ),
        ];
        for (key, page, spec) in pairs {
            if let Some(p) = page.filter(|p| prose::is_english(p)) {
                if spec.as_deref().map(norm) != Some(norm(&p)) {
                    self.push(
                        Kind::DescriptionChanged,
                        key,
                        &origin,
                        &self.op.operation_id.clone(),
                        p.clone(),
                        self.page.operation_line,
                        spec.unwrap_or_else(|| "none".into()),
                        format!("{key}: {}", import::yaml_scalar(&p)),
                    );
                }
            }
        }
    }

    fn params(&mut self) {
        let op = self.op;
        for loc in [Location::Path, Location::Query, Location::Header] {
            let ir_loc = match loc {
                Location::Path => ir::ParamLocation::Path,
                Location::Query => ir::ParamLocation::Query,
                Location::Header => ir::ParamLocation::Header,
            };
            let rows: Vec<&Row> = self
                .page
                .params
                .iter()
                .filter(|(l, _)| *l == loc)
                .map(|(_, r)| r)
                .collect();
            let same = |p: &ir::Parameter, name: &str| match loc {
                Location::Header => p.wire_name.eq_ignore_ascii_case(name),
                _ => p.wire_name == name,
            };
            for row in &rows {
                let label = format!("{}.{}", loc.as_str(), row.name);
                match op
                    .params
                    .iter()
                    .find(|p| p.location == ir_loc && same(p, &row.name))
                {
                    Some(p) => {
                        let node = self
                            .spec
                            .parameter_pointer(op, p)
                            .unwrap_or_else(|| format!("{}/parameters", op.origin));
                        let has_own_docs = self
                            .spec
                            .node(&node)
                            .and_then(|n| n.get("description"))
                            .is_some();
                        let schema = self.spec.resolve(&format!("{node}/schema"));
                        let item = Item {
                            name: &p.wire_name,
                            required: p.required,
                            shape: &p.shape,
                            docs: p.docs.as_deref(),
                            default: p.default.as_ref(),
                            docs_at: if has_own_docs {
                                node.clone()
                            } else {
                                schema.clone()
                            },
                            required_at: node.clone(),
                            node: format!("{node}/schema"),
                            schema,
                            parent_required: None,
                        };
                        self.item(&label, row, &item);
                    }
                    None => {
                        let pointer = match loc {
                            Location::Header => self.spec.scheme_for_header(&row.name),
                            _ => None,
                        }
                        .unwrap_or_else(|| format!("{}/parameters", op.origin));
                        let suggestion = import::parameter_yaml(row, loc, self.page.capture);
                        self.push(
                            Kind::ParameterAdded,
                            &label,
                            &pointer,
                            &row.name,
                            row_text(row),
                            row.line,
                            "no such parameter".into(),
                            suggestion,
                        );
                    }
                }
            }
            for p in op.params.iter().filter(|p| p.location == ir_loc) {
                if !rows.iter().any(|r| same(p, &r.name)) {
                    let node = self
                        .spec
                        .parameter_pointer(op, p)
                        .unwrap_or_else(|| format!("{}/parameters", op.origin));
                    self.push(
                        Kind::ParameterRemoved,
                        &format!("{}.{}", loc.as_str(), p.wire_name),
                        &node,
                        &p.wire_name,
                        "not on the page".into(),
                        self.page.operation_line,
                        format!("{} parameter {}", loc.as_str(), p.wire_name),
                        format!(
                            "# delete the parameter {} from the operation's parameters",
                            p.wire_name
                        ),
                    );
                }
            }
        }
    }

    fn request_body(&mut self) {
        let body = self.op.body.as_ref().map(|b| &b.ty);
        let table = self.page.body.table.clone();
        let at = format!("{}/requestBody", self.op.origin);
        let line = table
            .as_ref()
            .map(|t| t.line)
            .unwrap_or(self.page.operation_line);
        self.body(table.as_ref(), body, "body", &at, line, false);
    }

    fn responses(&mut self) {
        let op = self.op;
        for r in &self.page.responses {
            let spec = op.responses.iter().find(|s| s.status == Some(r.status));
            let at = format!("{}/responses/{}", op.origin, r.status);
            let body = r.body.clone();
            self.with_objects(&body, |cx| {
                cx.body(
                    body.table.as_ref(),
                    spec.and_then(|s| s.body.as_ref()),
                    &format!("response {}", r.status),
                    &at,
                    r.line,
                    true,
                )
            });
        }
        for s in &op.responses {
            let Some(status) = s.status else { continue };
            if self.page.response(status).is_none() && s.body.is_some() {
                let at = format!("{}/responses/{status}", op.origin);
                self.body(
                    None,
                    s.body.as_ref(),
                    &format!("response {status}"),
                    &at,
                    self.page.operation_line,
                    true,
                );
            }
        }
    }

    /// Object tables are looked up in the request body unless a response is being compared.
    fn with_objects(&mut self, body: &super::page::Body, f: impl FnOnce(&mut Self)) {
        let saved = std::mem::take(&mut self.response_objects);
        self.response_objects = body.objects.clone();
        f(self);
        self.response_objects = saved;
    }

    fn object_table(&self, name: &str, response: bool) -> Option<Table> {
        if response {
            self.response_objects
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.clone())
        } else {
            self.page.body.object(name).cloned()
        }
    }

    fn body(
        &mut self,
        table: Option<&Table>,
        ty: Option<&TypeRef>,
        label: &str,
        at: &str,
        line: usize,
        response: bool,
    ) {
        let def = match ty {
            Some(TypeRef::Named(n)) => self.spec.api.type_def(n),
            _ => None,
        };
        let fields = match def.map(|d| &d.kind) {
            Some(TypeKind::Struct(s)) => {
                Some((def.map(|d| d.origin.clone()).unwrap_or_default(), s))
            }
            _ => None,
        };
        let rows: Vec<Row> = table.map(|t| t.rows.clone()).unwrap_or_default();
        match fields {
            Some((origin, s)) => self.fields(&rows, s, &origin, label, line, response),
            None => {
                for row in &rows {
                    let suggestion = import::property_yaml(row, self.page.capture);
                    self.push(
                        Kind::FieldAdded,
                        &format!("{label}.{}", row.name),
                        at,
                        &row.name,
                        row_text(row),
                        row.line,
                        format!("no {label} schema"),
                        suggestion,
                    );
                }
            }
        }
    }

    fn fields(
        &mut self,
        rows: &[Row],
        s: &ir::StructDef,
        origin: &str,
        label: &str,
        line: usize,
        response: bool,
    ) {
        self.visited.insert(origin.to_string());
        let required: Vec<String> = s
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.wire_name.clone())
            .collect();
        for row in rows {
            let here = format!("{label}.{}", row.name);
            match s.fields.iter().find(|f| f.wire_name == row.name) {
                Some(f) => {
                    let node = format!("{origin}/properties/{}", esc(&f.wire_name));
                    let schema = self.spec.resolve(&node);
                    let item = Item {
                        name: &f.wire_name,
                        required: f.required,
                        shape: &f.shape,
                        docs: f.docs.as_deref(),
                        default: f.default.as_ref(),
                        docs_at: schema.clone(),
                        required_at: origin.to_string(),
                        node,
                        schema,
                        parent_required: Some(required.clone()),
                    };
                    self.item(&here, row, &item);
                    // Nested object: its table against its struct.
                    if let Some(obj) = row.ty.object_name() {
                        let inner = match &f.shape.ty {
                            TypeRef::Array(i) => &i.ty,
                            t => t,
                        };
                        let label = match row.ty {
                            PageType::Array(_) => format!("{here}[]"),
                            _ => here.clone(),
                        };
                        match self.object_table(obj, response) {
                            Some(t) => {
                                let at = item.schema.clone();
                                self.body(Some(&t), Some(inner), &label, &at, t.line, response)
                            }
                            None => self.not_stated(
                                &label,
                                &item.schema,
                                "fields",
                                "the page has no table for this object",
                                String::new(),
                                row.line,
                            ),
                        }
                    }
                }
                None => {
                    let suggestion = import::property_yaml(row, self.page.capture);
                    self.push(
                        Kind::FieldAdded,
                        &here,
                        &format!("{origin}/properties"),
                        &row.name,
                        row_text(row),
                        row.line,
                        "no such field".into(),
                        suggestion,
                    );
                }
            }
        }
        for f in &s.fields {
            if !rows.iter().any(|r| r.name == f.wire_name) {
                let node = format!("{origin}/properties/{}", esc(&f.wire_name));
                self.push(
                    Kind::FieldRemoved,
                    &format!("{label}.{}", f.wire_name),
                    &node,
                    &f.wire_name,
                    "not on the page".into(),
                    line,
                    format!("field {}", f.wire_name),
                    format!(
                        "# delete the property {} (and drop it from `required`)",
                        f.wire_name
                    ),
                );
            }
        }
    }

    fn item(&mut self, label: &str, row: &Row, item: &Item<'_>) {
        for p in [&item.node, &item.schema, &item.docs_at, &item.required_at] {
            self.visited.insert(p.clone());
        }
        let p = prose::parse(&row.description);
        let facts = prose::facts(&p, &row.ty, self.page.capture);
        // Mandatory.
        if let Some(m) = row.mandatory {
            if m != item.required {
                let suggestion = match &item.parent_required {
                    None => format!("required: {m}"),
                    Some(list) => {
                        let mut list: Vec<String> =
                            list.iter().filter(|n| *n != item.name).cloned().collect();
                        if m {
                            list.push(item.name.to_string());
                        }
                        if list.is_empty() {
                            "# delete `required`".to_string()
                        } else {
                            format!("required: [{}]", list.join(", "))
                        }
                    }
                };
                self.push(
                    Kind::MandatoryChanged,
                    label,
                    &item.required_at,
                    item.name,
                    format!("Mandatory: {}", if m { "Yes" } else { "No" }),
                    row.line,
                    if item.required {
                        "required".into()
                    } else {
                        "optional".into()
                    },
                    suggestion,
                );
            }
        }
        // Type.
        if !self.type_matches(&row.ty, &item.shape.ty) {
            self.push(
                Kind::TypeChanged,
                label,
                &item.node,
                item.name,
                format!("Type: {}", row.type_text),
                row.line,
                self.describe(&item.shape.ty),
                import::type_yaml(&row.ty),
            );
        }
        self.limits(label, row, item, &facts);
        self.values(label, row, item, &facts);
        // Default.
        let spec_default = item.default.map(|d| match d {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        match (&facts.default, &spec_default) {
            (Fact::Stated { value, text }, s) if s.as_deref() != Some(value.as_str()) => self.push(
                Kind::DefaultChanged,
                label,
                &item.schema,
                item.name,
                format!("Default Value: {text}"),
                row.line,
                s.clone().unwrap_or_else(|| "no default".into()),
                format!("default: {}", import::default_yaml(value, &row.ty)),
            ),
            (Fact::Silent, Some(s)) => self.push(
                Kind::DefaultChanged,
                label,
                &item.schema,
                item.name,
                "no default".into(),
                row.line,
                s.clone(),
                "# delete `default`".into(),
            ),
            (Fact::NotStated(why), Some(s)) => {
                self.not_stated(label, &item.schema, "default", why, s.clone(), row.line)
            }
            _ => {}
        }
        // Description.
        if p.english && !p.definition.is_empty() {
            let (def, cons) = spec_parts(item.docs.unwrap_or(""));
            let page_cons = p.constraints.as_deref().map(norm);
            let differs = norm(&p.definition) != norm(&def)
                || (page_cons.is_some()
                    && cons.is_some()
                    && page_cons != cons.as_deref().map(norm));
            if differs {
                self.push(
                    Kind::DescriptionChanged,
                    label,
                    &item.docs_at,
                    item.name,
                    p.definition.clone(),
                    row.line,
                    if def.is_empty() {
                        "no description".into()
                    } else {
                        def
                    },
                    import::description_yaml(&p),
                );
            }
        }
    }

    fn limits(&mut self, label: &str, row: &Row, item: &Item<'_>, facts: &Facts) {
        let c = &item.shape.constraints;
        let int = |b: &Option<ir::Bound>| match b {
            Some(ir::Bound {
                value: Num::Int(i), ..
            }) => Some(*i as i128),
            _ => None,
        };
        let (fact, spec, keys, what): (&Fact<Bounds>, Bounds, [&str; 2], &str) =
            match &item.shape.ty {
                TypeRef::Array(_) => (
                    &facts.items,
                    (c.min_items.map(i128::from), c.max_items.map(i128::from)),
                    ["minItems", "maxItems"],
                    "item count",
                ),
                TypeRef::Integer(_) | TypeRef::Number(_) => (
                    &facts.range,
                    (int(&c.minimum), int(&c.maximum)),
                    ["minimum", "maximum"],
                    "range",
                ),
                TypeRef::String { .. } => (
                    &facts.length,
                    (c.min_length.map(i128::from), c.max_length.map(i128::from)),
                    ["minLength", "maxLength"],
                    "length",
                ),
                _ => return,
            };
        let show = |b: Bounds| match b {
            (None, None) => "none".to_string(),
            (lo, hi) => format!(
                "{}{}",
                lo.map(|l| format!("{}: {l}", keys[0])).unwrap_or_default(),
                hi.map(|h| format!("{}{}: {h}", if lo.is_some() { ", " } else { "" }, keys[1]))
                    .unwrap_or_default()
            ),
        };
        let yaml = |b: Bounds| {
            let mut s = Vec::new();
            if let Some(l) = b.0 {
                s.push(format!("{}: {l}", keys[0]));
            }
            if let Some(h) = b.1 {
                s.push(format!("{}: {h}", keys[1]));
            }
            s.join("\n")
        };
        match fact {
            Fact::Stated { value, text } if *value != spec => {
                let kind = if spec == (None, None) {
                    Kind::LimitAdded
                } else {
                    Kind::LimitChanged
                };
                self.push(
                    kind,
                    label,
                    &item.schema,
                    item.name,
                    text.clone(),
                    row.line,
                    show(spec),
                    yaml(*value),
                );
            }
            Fact::Silent if spec != (None, None) => self.push(
                Kind::LimitRemoved,
                label,
                &item.schema,
                item.name,
                format!("no {what} stated"),
                row.line,
                show(spec),
                format!("# delete {}", keys.join(" and ")),
            ),
            Fact::NotStated(why) if spec != (None, None) => {
                self.not_stated(label, &item.schema, what, why, show(spec), row.line)
            }
            _ => {}
        }
    }

    fn values(&mut self, label: &str, row: &Row, item: &Item<'_>, facts: &Facts) {
        // The enum: of the value, or of an array's items.
        let (ty, at) = match &item.shape.ty {
            TypeRef::Array(inner) => (
                &inner.ty,
                self.spec.resolve(&format!("{}/items", item.schema)),
            ),
            t => (t, item.schema.clone()),
        };
        self.visited.insert(at.clone());
        let spec_values: Option<Vec<(String, Option<String>)>> = match ty {
            TypeRef::Named(n) => match self.spec.api.type_def(n).map(|d| &d.kind) {
                Some(TypeKind::StringEnum(e)) => Some(
                    e.variants
                        .iter()
                        .map(|v| (v.value.clone(), v.docs.clone()))
                        .collect(),
                ),
                Some(TypeKind::IntEnum(e)) => Some(
                    e.variants
                        .iter()
                        .map(|v| (v.value.to_string(), v.docs.clone()))
                        .collect(),
                ),
                _ => None,
            },
            _ => None,
        };
        let spec_list = |v: &Option<Vec<(String, Option<String>)>>| {
            v.as_ref()
                .map(|v| {
                    v.iter()
                        .map(|(x, _)| x.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_else(|| "no enum".into())
        };
        match &facts.values {
            Fact::Stated { value, .. } => {
                let spec_set: Vec<(String, Option<String>)> =
                    spec_values.clone().unwrap_or_default();
                let new_list: Vec<String> = value.iter().map(|(v, _)| v.clone()).collect();
                let suggestion = format!(
                    "enum: [{}]\nx-enum-descriptions:\n{}",
                    new_list.join(", "),
                    value
                        .iter()
                        .map(|(v, m)| format!("  {v}: {}", import::yaml_scalar(m)))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
                for (v, m) in value {
                    match spec_set.iter().find(|(s, _)| s == v) {
                        None => self.push(
                            Kind::EnumValueAdded,
                            label,
                            &at,
                            item.name,
                            if m.is_empty() {
                                v.clone()
                            } else {
                                format!("{v}: {m}")
                            },
                            row.line,
                            spec_list(&spec_values),
                            suggestion.clone(),
                        ),
                        Some((_, docs)) => {
                            if !m.is_empty() && docs.as_deref().map(norm) != Some(norm(m)) {
                                self.push(
                                    Kind::DescriptionChanged,
                                    &format!("{label} = {v}"),
                                    &at,
                                    item.name,
                                    format!("{v}: {m}"),
                                    row.line,
                                    format!("{v}: {}", docs.clone().unwrap_or_default()),
                                    format!(
                                        "x-enum-descriptions:\n  {v}: {}",
                                        import::yaml_scalar(m)
                                    ),
                                );
                            }
                        }
                    }
                }
                for (s, _) in &spec_set {
                    if !value.iter().any(|(v, _)| v == s) {
                        self.push(
                            Kind::EnumValueRemoved,
                            label,
                            &at,
                            item.name,
                            format!("not listed: {}", new_list.join(", ")),
                            row.line,
                            s.clone(),
                            suggestion.clone(),
                        );
                    }
                }
            }
            Fact::Silent => {
                if let Some(v) = &spec_values {
                    for (s, _) in v {
                        self.push(
                            Kind::EnumValueRemoved,
                            label,
                            &at,
                            item.name,
                            "no list of values".into(),
                            row.line,
                            s.clone(),
                            "# delete `enum` (the page lists no values)".into(),
                        );
                    }
                }
            }
            Fact::NotStated(why) => {
                if spec_values.is_some() {
                    self.not_stated(
                        label,
                        &at,
                        "enum values",
                        why,
                        spec_list(&spec_values),
                        row.line,
                    )
                }
            }
        }
    }

    fn type_matches(&self, page: &PageType, spec: &TypeRef) -> bool {
        let named = |n: &str| self.spec.api.type_def(n).map(|d| &d.kind);
        match (page, spec) {
            (PageType::String, TypeRef::String { .. }) => true,
            (PageType::String, TypeRef::Named(n)) => {
                matches!(named(n), Some(TypeKind::StringEnum(_)))
            }
            (PageType::Integer, TypeRef::Integer(ir::IntFormat::Int32)) => true,
            (PageType::Long, TypeRef::Integer(ir::IntFormat::Int64)) => true,
            (PageType::Integer, TypeRef::Named(n)) => {
                matches!(named(n), Some(TypeKind::IntEnum(e)) if e.format == ir::IntFormat::Int32)
            }
            (PageType::Long, TypeRef::Named(n)) => {
                matches!(named(n), Some(TypeKind::IntEnum(e)) if e.format == ir::IntFormat::Int64)
            }
            (PageType::Boolean, TypeRef::Bool) => true,
            (PageType::Number, TypeRef::Number(_)) => true,
            (PageType::AnyObject, TypeRef::Any | TypeRef::Map(_)) => true,
            (PageType::AnyObject | PageType::Object(_), TypeRef::Named(n)) => {
                matches!(named(n), Some(TypeKind::Struct(_)))
            }
            (PageType::Array(p), TypeRef::Array(s)) => self.type_matches(p, &s.ty),
            _ => false,
        }
    }

    fn describe(&self, t: &TypeRef) -> String {
        match t {
            TypeRef::Bool => "boolean".into(),
            TypeRef::Integer(ir::IntFormat::Int32) => "integer (int32)".into(),
            TypeRef::Integer(ir::IntFormat::Int64) => "integer (int64)".into(),
            TypeRef::Number(_) => "number".into(),
            TypeRef::String { .. } => "string".into(),
            TypeRef::Array(i) => format!("array of {}", self.describe(&i.ty)),
            TypeRef::Map(v) => format!("map of {}", self.describe(&v.ty)),
            TypeRef::Any => "any".into(),
            TypeRef::Named(n) => match self.spec.api.type_def(n).map(|d| &d.kind) {
                Some(TypeKind::StringEnum(_)) => format!("string enum {n}"),
                Some(TypeKind::IntEnum(_)) => format!("integer enum {n}"),
                _ => format!("object {n}"),
            },
        }
    }

    fn examples(&mut self) {
        let op = self.op;
        let page_req = self.page.request_example.as_ref();
        let spec_req = op.body.as_ref().and_then(|b| b.example.as_ref());
        let line = page_req.map(|e| e.line).unwrap_or(self.page.operation_line);
        if page_req.map(|e| &e.value) != spec_req {
            let pointer = format!(
                "{}/requestBody/content/application~1json/example",
                op.origin
            );
            self.example(
                page_req.map(|e| &e.value),
                spec_req,
                "request example",
                &pointer,
                line,
            );
        }
        for r in &op.responses {
            let Some(status) = r.status else { continue };
            let page_ex = self
                .page
                .response_examples
                .iter()
                .find(|(s, _)| *s == status)
                .map(|(_, e)| e);
            if page_ex.map(|e| &e.value) != r.example.as_ref() {
                let pointer = format!(
                    "{}/responses/{status}/content/application~1json/example",
                    op.origin
                );
                let line = page_ex.map(|e| e.line).unwrap_or(self.page.operation_line);
                self.example(
                    page_ex.map(|e| &e.value),
                    r.example.as_ref(),
                    &format!("response {status} example"),
                    &pointer,
                    line,
                );
            }
        }
        for (status, e) in &self.page.response_examples {
            if !op.responses.iter().any(|r| r.status == Some(*status)) {
                let pointer = format!("{}/responses", op.origin);
                self.example(
                    Some(&e.value),
                    None,
                    &format!("response {status} example"),
                    &pointer,
                    e.line,
                );
            }
        }
    }

    fn example(
        &mut self,
        page: Option<&serde_json::Value>,
        spec: Option<&serde_json::Value>,
        label: &str,
        pointer: &str,
        line: usize,
    ) {
        let show = |v: Option<&serde_json::Value>| {
            v.map(|v| serde_json::to_string(v).unwrap_or_default())
                .unwrap_or_else(|| "none".into())
        };
        self.push(
            Kind::ExampleChanged,
            label,
            pointer,
            label,
            show(page),
            line,
            show(spec),
            match page {
                Some(v) => format!("example:\n{}", import::indent(&import::json_yaml(v), 2)),
                None => "# delete `example`".into(),
            },
        );
    }
}

fn row_text(row: &Row) -> String {
    match row.mandatory {
        Some(m) => format!(
            "{} | {} | {}",
            row.name,
            if m { "Yes" } else { "No" },
            row.type_text
        ),
        None => format!("{} | {}", row.name, row.type_text),
    }
}
