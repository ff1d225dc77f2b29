//! Wording: every change in English. What changed (the summary), what it does to the generated
//! Rust API (the effect), how Rust types and spec values are spelled in both. No pairing and no
//! verdicts: those are in `pairing` and `verdicts` (whose functions have the same names as the
//! ones here).

use super::constraints::KeywordChange;
use super::model::Kind;
use super::pairing::Preferences;
use crate::ir::{
    AuthKind, AuthScheme, Condition, Constraints, Field, IntFormat, KeyLocation, Literal,
    NumberFormat, Operation, Parameter, RequiredWhen, ServerVariable, Setting, Shape, TypeKind,
    TypeRef,
};
use serde_json::Value;

/// The text of one change.
#[derive(Debug, Clone)]
pub(super) struct Words {
    /// One line saying what changed.
    pub summary: String,
    /// What changes in the generated Rust API.
    pub effect: String,
}

fn words(summary: impl Into<String>, effect: impl Into<String>) -> Words {
    Words {
        summary: summary.into(),
        effect: effect.into(),
    }
}

// ---------------------------------------------------------------------- values and Rust types

/// Renders a JSON value compactly (defaults, enum values, examples).
pub(super) fn json(v: &Value) -> String {
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

/// A rule's condition (`kind = round`, `kind in [a, b]`); also what rules are paired by.
pub(super) fn condition(c: &Condition) -> String {
    let values: Vec<String> = c.values.iter().map(literal).collect();
    if values.len() == 1 {
        format!("{} = {}", c.field.wire_name, values[0])
    } else {
        format!("{} in [{}]", c.field.wire_name, values.join(", "))
    }
}

/// A whole rule: `when kind = round: require radius`.
pub(super) fn rule_text(r: &RequiredWhen) -> String {
    let fields: Vec<&str> = r.require.iter().map(|f| f.wire_name.as_str()).collect();
    format!("when {}: require {}", condition(&r.when), fields.join(", "))
}

/// `struct`, `string enum`, `integer enum`.
pub(super) fn type_kind_name(k: &TypeKind) -> &'static str {
    match k {
        TypeKind::Struct(_) => "struct",
        TypeKind::StringEnum(_) => "string enum",
        TypeKind::IntEnum(_) => "integer enum",
        TypeKind::Union(_) => "union",
    }
}

/// An auth scheme as a value: `token in header X-Auth-Token`.
pub(super) fn auth_text(a: &AuthScheme) -> String {
    match &a.kind {
        AuthKind::ApiKey {
            location: KeyLocation::Header,
            name,
            ..
        } => format!("token in header {name}"),
        AuthKind::ApiKey {
            location: KeyLocation::Query,
            name,
            ..
        } => format!("token in query parameter {name}"),
        AuthKind::Bearer { .. } => "bearer token".to_string(),
        AuthKind::Basic { .. } => "user name and password (basic)".to_string(),
        AuthKind::Signing { algorithm, .. } => format!("request signing ({algorithm:?})"),
    }
}

/// A client setting as a value: `env HUAWEICLOUD_SDK_PROJECT_ID; header X-Project-Id`.
pub(super) fn setting_text(s: &Setting) -> String {
    let mut parts = Vec::new();
    if !s.env.is_empty() {
        parts.push(format!("env {}", s.env.join(", ")));
    }
    if let Some(h) = &s.header {
        parts.push(format!("header {h}"));
    }
    if parts.is_empty() {
        "setting".to_string()
    } else {
        parts.join("; ")
    }
}

/// Allowed values of a server variable: `a, b`, or `(any)`.
pub(super) fn allowed_text(allowed: &[String]) -> String {
    if allowed.is_empty() {
        "(any)".to_string()
    } else {
        allowed.join(", ")
    }
}

/// A server variable as a value: `default eu; allowed eu, us`.
pub(super) fn variable_text(v: &ServerVariable) -> String {
    format!(
        "default {}; allowed {}",
        v.default,
        allowed_text(&v.allowed)
    )
}

/// A parameter as a value: `optional query: String`, then the constraints validation enforces
/// (its effective constraints, given by the caller), if any: `optional query: String (1 to 64
/// characters)`.
pub(super) fn param_text(p: &Parameter, c: &Constraints) -> String {
    format!(
        "{} {}: {}{}",
        if p.required { "required" } else { "optional" },
        p.location.as_str(),
        shape_ty(&p.shape),
        in_parens(&constraints_text(c))
    )
}

/// A field as a value: `required: Vec<String>`, then its effective constraints, if any.
pub(super) fn field_text(f: &Field, c: &Constraints) -> String {
    format!(
        "{}: {}{}",
        if f.required { "required" } else { "optional" },
        shape_ty(&f.shape),
        in_parens(&constraints_text(c))
    )
}

/// ` (text)`, or nothing for no text.
fn in_parens(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" ({text})")
    }
}

/// Constraints in words, as validation enforces them: `1 to 64 characters`, `at most 200
/// items`, `must match `^[a-z]+$``, `at least 0, at most 1000`. Empty for none.
pub(super) fn constraints_text(c: &Constraints) -> String {
    fn range(min: Option<u64>, max: Option<u64>, unit: &str) -> Option<String> {
        let s = |n: u64| if n == 1 { "" } else { "s" };
        match (min, max) {
            (Some(a), Some(b)) if a == b => Some(format!("exactly {b} {unit}{}", s(b))),
            (Some(a), Some(b)) => Some(format!("{a} to {b} {unit}{}", s(b))),
            (Some(a), None) => Some(format!("at least {a} {unit}{}", s(a))),
            (None, Some(b)) => Some(format!("at most {b} {unit}{}", s(b))),
            (None, None) => None,
        }
    }
    let mut parts: Vec<String> = Vec::new();
    parts.extend(range(c.min_length, c.max_length, "character"));
    parts.extend(range(c.min_items, c.max_items, "item"));
    // Patterns, bounds and multipleOf in the words the constraint changes use.
    let rest = Constraints {
        min_length: None,
        max_length: None,
        min_items: None,
        max_items: None,
        ..c.clone()
    };
    parts.extend(
        super::constraints::compare(&Constraints::default(), &rest)
            .into_iter()
            .map(|k| k.rule),
    );
    parts.join(", ")
}

/// An operation's method and path: `POST /v1/{project_id}/task`.
pub(super) fn endpoint(op: &Operation) -> String {
    format!("{} {}", op.method.as_str(), op.path)
}

/// How a type is spelled in Rust (`Vec<String>`, `i32`, a model name).
pub(super) fn rust_ty(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Bool => "bool".into(),
        TypeRef::Integer(IntFormat::Int32) => "i32".into(),
        TypeRef::Integer(IntFormat::Int64) => "i64".into(),
        TypeRef::Number(NumberFormat::Float) => "f32".into(),
        TypeRef::Number(NumberFormat::Double) => "f64".into(),
        TypeRef::String { .. } => "String".into(),
        TypeRef::Array(item) => format!("Vec<{}>", shape_ty(item)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", shape_ty(value)),
        TypeRef::Named(n) => n.clone(),
        TypeRef::Any => "serde_json::Value".into(),
    }
}

/// A shape's Rust type: nullable values are `Option`.
pub(super) fn shape_ty(s: &Shape) -> String {
    if s.nullable {
        format!("Option<{}>", rust_ty(&s.ty))
    } else {
        rust_ty(&s.ty)
    }
}

/// A struct field or an operation parameter, seen the same way.
pub(super) struct Slot<'a> {
    /// The Rust struct that holds it (`CreateTaskRequest`, `ClusterScanInfo`).
    pub owner: &'a str,
    pub rust_name: &'a str,
    /// Its setter in the owner's builder.
    pub setter: &'a str,
    pub required: bool,
    /// Held as `Option<T>`.
    pub is_option: bool,
    /// Required by the owner's builder: `build()` fails without it.
    pub in_new: bool,
    pub shape: &'a Shape,
    pub default: Option<&'a Value>,
    pub docs: Option<&'a str>,
}

impl<'a> Slot<'a> {
    pub(super) fn field(owner: &'a str, f: &'a Field) -> Self {
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

    pub(super) fn param(owner: &'a str, p: &'a Parameter) -> Self {
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

    /// `Owner::field`.
    pub(super) fn path(&self) -> String {
        format!("{}::{}", self.owner, self.rust_name)
    }

    /// Its Rust type in its struct.
    pub(super) fn ty(&self) -> String {
        let t = rust_ty(&self.shape.ty);
        if self.is_option {
            format!("Option<{t}>")
        } else {
            t
        }
    }

    /// Whether going from `o` to `n` changes the `Option`-ness or what the builder requires.
    pub(super) fn option_changed(o: &Slot, n: &Slot) -> bool {
        o.is_option != n.is_option || o.in_new != n.in_new
    }
}

/// What changes in Rust when a slot's `Option`-ness or whether the builder requires it changes;
/// `None` when neither does.
fn option_effect(o: &Slot, n: &Slot) -> Option<String> {
    if !Slot::option_changed(o, n) {
        return None;
    }
    let mut parts = vec![format!("`{}: {} -> {}`", n.path(), o.ty(), n.ty())];
    match (o.in_new, n.in_new) {
        (true, false) => parts.push(format!(
            "`{}::builder()` no longer requires `{}`",
            n.owner, n.setter
        )),
        (false, true) => parts.push(format!(
            "`{}::builder()` now requires `{}` (`build()` fails without it)",
            n.owner, n.setter
        )),
        _ => {}
    }
    Some(parts.join("; "))
}

/// How a value is named and typed in Rust, for the effect texts: the field or parameter that holds
/// it (`T::f`), its whole Rust type on each side, and whether the value is an array's items.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub path: String,
    pub old_ty: String,
    pub new_ty: String,
    pub items: bool,
}

impl Place {
    /// `` `T::f` `` or `` `T::f` items ``.
    pub(super) fn name(&self) -> String {
        if self.items {
            format!("`{}` items", self.path)
        } else {
            format!("`{}`", self.path)
        }
    }

    /// `` `T::f: A -> B` ``, or `None` when the Rust type is the same on both sides.
    pub(super) fn ty_change(&self) -> Option<String> {
        (self.old_ty != self.new_ty)
            .then(|| format!("`{}: {} -> {}`", self.path, self.old_ty, self.new_ty))
    }
}

// ---------------------------------------------------------------------- API level

pub(super) fn crate_renamed(old: &str, new: &str, old_lib: &str) -> Words {
    words(
        format!("crate renamed `{old}` -> `{new}`"),
        format!(
            "package `{old}` -> `{new}`: dependency lines and `use {old_lib}::...` paths change"
        ),
    )
}

pub(super) fn region_removed(id: &str, rust_name: &str) -> Words {
    words(
        format!("region `{id}` removed"),
        format!("variant `Region::{rust_name}` removed"),
    )
}

pub(super) fn region_endpoint(id: &str, rust_name: &str, old: &str, new: &str) -> Words {
    words(
        format!("region `{id}` endpoint `{old}` -> `{new}`"),
        format!("`Region::{rust_name}` now connects to `{new}`"),
    )
}

pub(super) fn region_rust_name(id: &str, old: &str, new: &str) -> Words {
    words(
        format!("region `{id}` Rust name changed"),
        format!("`Region::{old}` -> `Region::{new}`"),
    )
}

pub(super) fn region_added(id: &str, rust_name: &str, endpoint: &str) -> Words {
    words(
        format!("region `{id}` added ({endpoint})"),
        format!("new variant `Region::{rust_name}`"),
    )
}

/// A region ID, or `(none)`.
pub(super) fn region_or_none(r: Option<&str>) -> String {
    r.unwrap_or("(none)").to_string()
}

pub(super) fn default_region(old: Option<&str>, new: Option<&str>) -> Words {
    let (old, new) = (region_or_none(old), region_or_none(new));
    words(
        format!("default region {old} -> {new}"),
        format!("a client built without an explicit region now uses {new} instead of {old}"),
    )
}

pub(super) fn auth_removed(name: &str) -> Words {
    words(
        format!("authentication scheme `{name}` removed"),
        format!("the `{name}` credentials are no longer offered"),
    )
}

pub(super) fn auth_added(name: &str) -> Words {
    words(
        format!("authentication scheme `{name}` added"),
        format!("new credentials `{name}`"),
    )
}

pub(super) fn token_header(name: &str, old: &str, new: &str) -> Words {
    words(
        format!("`{name}` token header `{old}` -> `{new}`"),
        format!("the client sends the token in `{new}`"),
    )
}

/// Who a header token's constraints are about, in validation effects.
pub(super) fn token_owner(name: &str) -> String {
    format!("the `{name}` token")
}

pub(super) fn signing_algorithm(name: &str) -> Words {
    words(
        format!("`{name}` signing algorithm changed"),
        "the client signs with the new algorithm",
    )
}

/// `` `A`, `B` `` (or `(none)`).
fn names(list: &[&String]) -> String {
    if list.is_empty() {
        return "(none)".to_string();
    }
    list.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What reading an ordered list now does differently, most important first.
fn preferences_effect(p: &Preferences, reads: &str) -> String {
    if !p.gone.is_empty() {
        let mut s = format!("no longer {reads} {}", names(&p.gone));
        if !p.added.is_empty() {
            s.push_str(&format!("; now {reads} {}", names(&p.added)));
        }
        s
    } else if p.reordered {
        "another one wins when several are present".to_string()
    } else {
        format!("now also {reads} {}", names(&p.added))
    }
}

/// The environment variables of one value changed. `summary_what` says whose variables they
/// are (`` `aksk` environment variables for access_key ``), `subject` what the client reads
/// from them (`credentials`, `the setting `project_id``).
pub(super) fn env_vars(summary_what: &str, subject: &str, p: &Preferences) -> Words {
    let effect = if !p.gone.is_empty() || !p.reordered {
        preferences_effect(p, "reads")
    } else {
        "another variable wins when several are set".to_string()
    };
    words(
        format!("{summary_what} changed"),
        format!("{subject} from the environment: {effect}"),
    )
}

/// `` `aksk` environment variables for access_key ``.
pub(super) fn credential_env_what(scheme: &str, credential: &str) -> String {
    format!("`{scheme}` environment variables for {credential}")
}

/// The credentials an auth kind takes (`Credentials::Token`).
pub(super) fn credentials_variant(k: &AuthKind) -> &'static str {
    match k {
        AuthKind::ApiKey { .. } | AuthKind::Bearer { .. } => "Credentials::Token",
        AuthKind::Basic { .. } => "Credentials::Basic",
        AuthKind::Signing { .. } => "Credentials::AccessKey",
    }
}

pub(super) fn auth_kind_changed(
    name: &str,
    old: &AuthScheme,
    new: &AuthScheme,
    signing_gone: bool,
) -> Words {
    let (vo, vn) = (
        credentials_variant(&old.kind),
        credentials_variant(&new.kind),
    );
    let mut effect = if vo == vn {
        format!("`{name}` still takes `{vn}`; only how the client sends it changes")
    } else {
        format!(
            "`{name}` takes `{vn}` instead of `{vo}`: clients configured with `{vo}` for it are refused"
        )
    };
    if signing_gone {
        effect.push_str("; module `runtime::signing` removed (no scheme signs any more)");
    }
    words(
        format!(
            "authentication scheme `{name}` changed kind: {} -> {}",
            auth_text(old),
            auth_text(new)
        ),
        effect,
    )
}

/// The API's default security requirement changed; `users`: the operations that take it
/// (declaring none of their own, on both sides).
pub(super) fn default_security(old: &str, new: &str, narrowed: bool, users: &[&str]) -> Words {
    let effect = if users.is_empty() {
        "no effect: every operation declares its own `security`".to_string()
    } else {
        let ops = users
            .iter()
            .map(|u| format!("`{u}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if narrowed {
            format!("before sending, the client refuses credentials no remaining scheme takes, for {ops} (operations with their own `security` are unaffected)")
        } else {
            format!("the client accepts more credentials for {ops} (operations with their own `security` are unaffected)")
        }
    };
    words(
        format!(
            "default authentication (operations without their own `security`): [{old}] -> [{new}]"
        ),
        effect,
    )
}

pub(super) fn setting_added(name: &str, method: &str, header: Option<&str>) -> Words {
    words(
        format!("client setting `{name}` added"),
        format!(
            "new method `ClientBuilder::{method}()`{}",
            header
                .map(|h| format!(" (its value is sent in the header `{h}`)"))
                .unwrap_or_default()
        ),
    )
}

pub(super) fn setting_removed(name: &str, method: &str, header: Option<&str>) -> Words {
    words(
        format!("client setting `{name}` removed"),
        format!(
            "method `ClientBuilder::{method}()` removed; `ClientBuilder::setting(\"{name}\", ..)` now fails at build{}",
            header
                .map(|h| format!("; the header `{h}` is no longer sent"))
                .unwrap_or_default()
        ),
    )
}

pub(super) fn setting_rust_name(name: &str, old: &str, new: &str) -> Words {
    words(
        format!("client setting `{name}` Rust name changed"),
        format!("`ClientBuilder::{old}()` -> `ClientBuilder::{new}()`"),
    )
}

/// A header name, or `(none)`.
pub(super) fn header_or_none(h: Option<&str>) -> String {
    h.map(|h| format!("`{h}`"))
        .unwrap_or_else(|| "(none)".into())
}

pub(super) fn setting_header(name: &str, old: Option<&str>, new: Option<&str>) -> Words {
    let effect = match (old, new) {
        (_, Some(h)) if old.is_none() => format!(
            "the client sends the setting in `{h}` with every request; `build()` now refuses a value that cannot be a header value (CR, LF, non-ASCII)"
        ),
        (Some(h), None) => format!("the client no longer sends `{h}`"),
        (_, Some(h)) => format!("the client sends the setting in `{h}`"),
        (None, None) => String::new(),
    };
    words(
        format!(
            "client setting `{name}` header {} -> {}",
            header_or_none(old),
            header_or_none(new)
        ),
        effect,
    )
}

/// `code`, `message`, `request-id`, `request-id-headers`: what the list is about.
pub(super) fn error_format(key: &str, p: &Preferences) -> Words {
    let (what, reads) = match key {
        "code" => ("the error code", "reads"),
        "message" => ("the error message", "reads"),
        "request-id" => ("the request ID in an error body", "reads"),
        _ => ("the request ID in response headers", "reads"),
    };
    let effect = preferences_effect(p, reads);
    let lost = if p.lost() {
        " (an error the client used to read may now be missed or read differently)"
    } else {
        ""
    };
    words(
        format!("where errors keep {what} changed"),
        format!("`ApiError` fields: {effect}{lost}"),
    )
}

pub(super) fn user_agent(old: &str, new: &str) -> Words {
    words(
        format!("default User-Agent `{old}` -> `{new}`"),
        format!("a client that sets no `user_agent` now sends `{new}`"),
    )
}

/// A server URL, or `(none)`.
pub(super) fn url_or_none(u: Option<&str>) -> String {
    u.map(|u| format!("`{u}`"))
        .unwrap_or_else(|| "(none)".into())
}

pub(super) fn default_server(old: Option<&str>, new: Option<&str>, used: bool) -> Words {
    let effect = if !used {
        "no effect on the client: the default region takes precedence".to_string()
    } else {
        match new {
            None => "a client built without an endpoint or region now fails to build".to_string(),
            Some(u) if old.is_none() => {
                format!("a client built without an endpoint or region now connects to `{u}`")
            }
            Some(u) => format!(
                "a client built without an endpoint or region now connects to `{u}` instead of {}",
                url_or_none(old)
            ),
        }
    };
    words(
        format!(
            "default server {} -> {}",
            url_or_none(old),
            url_or_none(new)
        ),
        effect,
    )
}

pub(super) fn server_variable(
    name: &str,
    change: super::verdicts::VariableChange,
    old: Option<&str>,
    new: Option<&str>,
    used: bool,
) -> Words {
    use super::verdicts::VariableChange as V;
    let summary = match change {
        V::Added => format!("server variable `{name}` added"),
        V::Removed => format!("server variable `{name}` removed"),
        V::Default => format!(
            "server variable `{name}` default `{}` -> `{}`",
            old.unwrap_or_default(),
            new.unwrap_or_default()
        ),
        V::Narrowed | V::Widened => format!(
            "server variable `{name}` allowed values: {} -> {}",
            old.unwrap_or_default(),
            new.unwrap_or_default()
        ),
    };
    let effect = if !used {
        "no effect on the client: the default region takes precedence".to_string()
    } else {
        match change {
            V::Added => format!("`server_variable(\"{name}\", ..)` is now accepted"),
            V::Removed => format!("`server_variable(\"{name}\", ..)` now fails at build"),
            V::Default => format!(
                "a client that does not set `{name}` now connects with `{}`",
                new.unwrap_or_default()
            ),
            V::Narrowed => {
                format!("`build()` refuses a value of `{name}` that is no longer allowed")
            }
            V::Widened => format!("`build()` accepts more values of `{name}`"),
        }
    };
    words(summary, effect)
}

// ---------------------------------------------------------------------- operations

pub(super) fn operation_added(n: &Operation) -> Words {
    words(
        format!("operation `{}` added", n.operation_id),
        format!(
            "new method `{}()` and type `{}`",
            n.rust_name, n.request_type
        ),
    )
}

pub(super) fn operation_removed(o: &Operation) -> Words {
    words(
        format!("operation `{}` removed", o.operation_id),
        format!(
            "method `{}()` and type `{}` removed",
            o.rust_name, o.request_type
        ),
    )
}

fn operation_rust_names(o: &Operation, n: &Operation) -> String {
    format!(
        "method `{}()` -> `{}()`; `{}` -> `{}`",
        o.rust_name, n.rust_name, o.request_type, n.request_type
    )
}

pub(super) fn operation_renamed(o: &Operation, n: &Operation) -> Words {
    words(
        format!("operationId `{}` -> `{}`", o.operation_id, n.operation_id),
        operation_rust_names(o, n),
    )
}

pub(super) fn operation_rust_name(o: &Operation, n: &Operation) -> Words {
    words(
        format!("`{}` Rust names changed", n.operation_id),
        operation_rust_names(o, n),
    )
}

pub(super) fn operation_moved(o: &Operation, n: &Operation) -> Words {
    let (a, b) = (endpoint(o), endpoint(n));
    words(
        format!("`{}` moved: {a} -> {b}", n.operation_id),
        format!("`{}()` keeps its signature and now sends {b}", n.rust_name),
    )
}

/// A list of auth scheme names.
pub(super) fn schemes(s: &std::collections::BTreeSet<String>) -> String {
    s.iter().cloned().collect::<Vec<_>>().join(", ")
}

pub(super) fn security(old: &str, new: &str, narrowed: bool) -> Words {
    words(
        format!("accepted authentication: [{old}] -> [{new}]"),
        if narrowed {
            "no Rust API change; before sending, the client refuses credentials no remaining scheme takes"
        } else {
            "no Rust API change; the client accepts more credentials"
        },
    )
}

/// `CreateTask query.limit`.
pub(super) fn param_location(op: &str, p: &Parameter) -> String {
    format!("{op} {}.{}", p.location.as_str(), p.wire_name)
}

/// `owner_new`: the head's request type, whose builder loses the setter.
pub(super) fn param_removed(p: &Parameter, s: &Slot, owner_new: &str) -> Words {
    let effect = format!(
        "field `{}` removed; `{owner_new}::builder()` has no setter `{}`",
        s.path(),
        p.setter
    );
    words(
        format!(
            "{} parameter `{}` removed",
            p.location.as_str(),
            p.wire_name
        ),
        effect,
    )
}

/// `c`: the new parameter's effective constraints, shown in the summary.
pub(super) fn param_added(p: &Parameter, s: &Slot, c: &Constraints) -> Words {
    let effect = if s.in_new {
        format!(
            "new field `{}: {}`; `{}::builder()` requires `{}` (`build()` fails without it)",
            s.path(),
            s.ty(),
            s.owner,
            p.setter
        )
    } else {
        let from_config = p
            .client_config
            .as_ref()
            .map(|c| format!(" (filled from the client configuration `{c}` when not set)"))
            .unwrap_or_default();
        format!(
            "new field `{}: {}`{from_config} and setter `{}`",
            s.path(),
            s.ty(),
            p.setter
        )
    };
    words(
        format!(
            "{} {} parameter `{}` added{}",
            if p.required { "required" } else { "optional" },
            p.location.as_str(),
            p.wire_name,
            in_parens(&constraints_text(c))
        ),
        effect,
    )
}

pub(super) fn param_renamed(po: &Parameter, pn: &Parameter, so: &Slot, sn: &Slot) -> Words {
    let effect = if po.rust_name != pn.rust_name {
        format!("field `{}` -> `{}`", so.path(), sn.path())
    } else {
        "no Rust change".to_string()
    };
    words(
        format!(
            "path placeholder `{{{}}}` -> `{{{}}}`",
            po.wire_name, pn.wire_name
        ),
        effect,
    )
}

/// A setting name, or `(none)`.
pub(super) fn setting_or_none(c: &Option<String>) -> String {
    c.clone().unwrap_or_else(|| "(none)".into())
}

pub(super) fn client_config(pn: &Parameter, po: &Parameter, so: &Slot, sn: &Slot) -> Words {
    words(
        format!(
            "`{}` supplied by the client configuration: {} -> {}",
            pn.wire_name,
            setting_or_none(&po.client_config),
            setting_or_none(&pn.client_config)
        ),
        option_effect(so, sn)
            .unwrap_or_else(|| "the value falls back to another client setting".to_string()),
    )
}

/// A field or parameter kept its wire name and got another Rust name.
pub(super) fn slot_rust_name(so: &Slot, sn: &Slot) -> Words {
    let mut effect = format!("`{}` -> `{}`", so.path(), sn.path());
    if so.setter != sn.setter {
        effect.push_str(&format!("; setter `{}` -> `{}`", so.setter, sn.setter));
    }
    words("Rust name changed", effect)
}

pub(super) fn required(now_required: bool, o: &Slot, n: &Slot) -> Words {
    words(
        if now_required {
            "optional -> required"
        } else {
            "required -> optional"
        },
        option_effect(o, n).unwrap_or_else(|| {
            "no Rust type change: the field was and is `Option` (nullable or supplied by the client configuration)".to_string()
        }),
    )
}

/// `nullable: true`.
pub(super) fn nullable_value(nullable: bool) -> String {
    format!("nullable: {nullable}")
}

pub(super) fn nullable(now_nullable: bool, o: &Slot, n: &Slot) -> Words {
    words(
        if now_nullable {
            "may now be null"
        } else {
            "may no longer be null"
        },
        option_effect(o, n).unwrap_or_else(|| {
            "no Rust type change: the field was and is `Option` (optional)".to_string()
        }),
    )
}

/// `required`: the builder requires the new body.
pub(super) fn body_added(owner: &str, field: &str, setter: &str, t: &str, required: bool) -> Words {
    if required {
        words(
            format!("required request body `{t}` added"),
            format!(
                "new field `{owner}::{field}: {t}`; `{owner}::builder()` requires `{setter}` \
                 (`build()` fails without it)"
            ),
        )
    } else {
        words(
            format!("optional request body `{t}` added"),
            format!("new field `{owner}::{field}: Option<{t}>` and setter `{setter}`"),
        )
    }
}

pub(super) fn body_removed(owner: &str, field: &str, t: &str) -> Words {
    words(
        format!("request body `{t}` removed"),
        format!("field `{owner}::{field}` removed"),
    )
}

/// A declared response header: its description on each side (`None`: not declared).
pub(super) fn response_header(name: &str, old: Option<&str>, new: Option<&str>) -> Words {
    let what = match (old, new) {
        (None, Some(n)) => format!("response header `{name}` declared ({n})"),
        (Some(o), None) => format!("response header `{name}` ({o}) no longer declared"),
        (Some(o), Some(n)) => format!("response header `{name}`: {o} -> {n}"),
        (None, None) => format!("response header `{name}`"),
    };
    let effect = match new {
        Some(n) => format!("the response headers struct's field for `{name}` is {n}"),
        None => format!("the response headers struct has no field for `{name}`"),
    };
    words(what, effect)
}

pub(super) fn param_style(old: &str, new: &str) -> Words {
    words(
        format!("array style `{old}` -> `{new}`"),
        format!("the client sends the items as `{new}`"),
    )
}

pub(super) fn content_type(old: &str, new: &str) -> Words {
    words(
        format!("request media type `{old}` -> `{new}`"),
        format!("the client sends `Content-Type: {new}`"),
    )
}

/// The parts of a multipart form, for reports: `name (file, required), note (text)`.
pub(super) fn form_parts(form: &crate::ir::Form) -> String {
    form.parts
        .iter()
        .map(|p| {
            let kind = match &p.kind {
                crate::ir::PartKind::File { many: false } => "file".to_string(),
                crate::ir::PartKind::File { many: true } => "files".to_string(),
                crate::ir::PartKind::Text(s) => format!("text {}", rust_ty(&s.ty)),
                crate::ir::PartKind::Json(s) => format!("JSON {}", rust_ty(&s.ty)),
            };
            let ct = p
                .content_type
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default();
            let required = if p.required { ", required" } else { "" };
            format!("{} ({kind}{ct}{required})", p.wire_name)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn form_changed(form: &str, old: &str, new: &str) -> Words {
    words(
        format!("multipart parts `{old}` -> `{new}`"),
        format!("`{form}` changes: its parts are now {new}"),
    )
}

pub(super) fn response_content_type(status: Option<u16>, old: &str, new: &str) -> Words {
    words(
        format!(
            "response {} media type `{old}` -> `{new}`",
            self::status(status)
        ),
        format!("the response body is read as `{new}`"),
    )
}

/// A status code, or `default`.
pub(super) fn status(s: Option<u16>) -> String {
    s.map(|c| c.to_string()).unwrap_or_else(|| "default".into())
}

/// A status, or `(none)`.
fn status_or_none(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "(none)".into())
}

pub(super) fn success_status(method: &str, old: &Option<String>, new: &Option<String>) -> Words {
    words(
        format!(
            "success status {} -> {}",
            status_or_none(old),
            status_or_none(new)
        ),
        format!("`{method}()` now succeeds on {}", status_or_none(new)),
    )
}

pub(super) fn response_removed(status: Option<u16>) -> Words {
    words(
        format!("response {} no longer documented", self::status(status)),
        "no Rust API change",
    )
}

/// A response body type, or `no body`.
pub(super) fn body_or_none(b: Option<&TypeRef>) -> String {
    b.map(rust_ty).unwrap_or_else(|| "no body".into())
}

/// What the method returns now, when that changed.
fn returns(method: &str, old: Option<&TypeRef>, new: Option<&TypeRef>) -> String {
    format!(
        "`{method}()` returns {} instead of {}",
        body_or_none(new),
        body_or_none(old)
    )
}

/// `returns`: (method, old and new success bodies) when the method's return type changed
/// with this response.
pub(super) fn response_body(
    status: Option<u16>,
    a: Option<&TypeRef>,
    b: Option<&TypeRef>,
    returns: Option<(&str, Option<&TypeRef>, Option<&TypeRef>)>,
) -> Words {
    words(
        format!(
            "response {} body: {} -> {}",
            self::status(status),
            body_or_none(a),
            body_or_none(b)
        ),
        match returns {
            Some((m, o, n)) => self::returns(m, o, n),
            None => "no Rust API change (not the response the method returns)".to_string(),
        },
    )
}

pub(super) fn response_added(
    status: Option<u16>,
    returns: Option<(&str, Option<&TypeRef>, Option<&TypeRef>)>,
) -> Words {
    words(
        format!("response {} now documented", self::status(status)),
        match returns {
            Some((m, o, n)) => self::returns(m, o, n),
            None => "no Rust API change".to_string(),
        },
    )
}

// ---------------------------------------------------------------------- shapes

pub(super) fn items_nullable(now_nullable: bool, place: &Place) -> Words {
    words(
        if now_nullable {
            "items may now be null"
        } else {
            "items may no longer be null"
        },
        place
            .ty_change()
            .unwrap_or_else(|| "no Rust type change".to_string()),
    )
}

/// `format: date-time`.
pub(super) fn format_value(f: &Option<String>) -> Option<String> {
    f.clone().map(|f| format!("format: {f}"))
}

pub(super) fn format(old: Option<&str>, new: Option<&str>, place: &Place) -> Words {
    words(
        format!(
            "string format {} -> {}",
            old.unwrap_or("(none)"),
            new.unwrap_or("(none)")
        ),
        format!(
            "no Rust type change: {} stays `String` (format is documentation only)",
            place.name()
        ),
    )
}

pub(super) fn type_change(old: &TypeRef, new: &TypeRef, place: &Place) -> Words {
    words(
        format!("type {} -> {}", rust_ty(old), rust_ty(new)),
        place.ty_change().unwrap_or_else(|| {
            format!(
                "no Rust type change: {} is `{}` either way",
                place.name(),
                place.new_ty
            )
        }),
    )
}

/// `rust_loc` names the value in Rust (`` `T::f` ``, the token).
pub(super) fn constraint(k: &KeywordChange, rust_loc: &str, validated: bool) -> Words {
    use super::constraints::Class;
    let was = k
        .was
        .as_ref()
        .map(|w| format!(" (was {w})"))
        .unwrap_or_default();
    let effect = if !validated {
        "no Rust change (responses are not validated)".to_string()
    } else {
        match (k.class, k.kind) {
            (Class::Tighter, _) => format!("validation stricter: {rust_loc} {}{was}", k.rule),
            (Class::Looser, Kind::ConstraintRemoved) => {
                format!("validation relaxed: {rust_loc} no longer {}", k.rule)
            }
            (Class::Looser, _) => format!("validation relaxed: {rust_loc} {}{was}", k.rule),
            (Class::Changed, _) => format!("validation changed: {rust_loc} {}{was}", k.rule),
        }
    };
    let summary = match (&k.old, &k.new) {
        (None, Some(n)) => format!("{n} added"),
        (Some(o), None) => format!("{o} removed"),
        (Some(o), Some(n)) => format!("{o} -> {n}"),
        (None, None) => String::new(),
    };
    words(summary, effect)
}

pub(super) fn default(old: Option<&str>, new: Option<&str>) -> Words {
    let summary = match (old, new) {
        (None, Some(n)) => format!("default {n} documented"),
        (Some(o), None) => format!("default {o} no longer documented"),
        (Some(o), Some(n)) => format!("default {o} -> {n}"),
        (None, None) => String::new(),
    };
    words(
        summary,
        "doc comment only (defaults are never filled in by the generated code)",
    )
}

/// A documentation change at `loc` (its kind says what the text is): added, removed, or, when
/// both sides have text, what happened to its lines (`description: 1 line added`).
pub(super) fn docs(kind: Kind, loc: &str, old: Option<&str>, new: Option<&str>) -> Words {
    let what = match kind {
        Kind::Example => "example",
        Kind::Info => "value",
        _ if loc.ends_with(" summary") => "summary",
        _ => "description",
    };
    let summary = match (old, new) {
        (None, Some(_)) => format!("{what} added"),
        (Some(_), None) => format!("{what} removed"),
        (Some(o), Some(n)) if kind != Kind::Example => match line_change(o, n) {
            LineChange::Added(a) => format!("{what}: {} added", lines(a.len())),
            LineChange::Removed(r) => format!("{what}: {} removed", lines(r.len())),
            LineChange::Changed { .. } | LineChange::Same => format!("{what} changed"),
        },
        _ => format!("{what} changed"),
    };
    words(summary, "doc comments only")
}

fn lines(n: usize) -> String {
    format!("{n} line{}", if n == 1 { "" } else { "s" })
}

/// What happened to the lines of a text, blank lines and surrounding spaces aside.
#[derive(Debug, PartialEq)]
pub(super) enum LineChange<'a> {
    /// Only these lines are new (1-based line numbers in the new text).
    Added(Vec<(usize, &'a str)>),
    /// Only these lines are gone (1-based line numbers in the old text).
    Removed(Vec<(usize, &'a str)>),
    /// The first line that differs, on each side (1-based in the new text), and whether the
    /// texts have more than one line.
    Changed {
        line: usize,
        old: &'a str,
        new: &'a str,
        multiline: bool,
    },
    /// Nothing but blank lines or spaces differ.
    Same,
}

/// Compares two texts line by line: after the common leading and trailing lines, what is left is
/// an addition, a removal, or a change.
pub(super) fn line_change<'a>(old: &'a str, new: &'a str) -> LineChange<'a> {
    let content = |t: &'a str| -> Vec<(usize, &'a str)> {
        t.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty())
            .collect()
    };
    let (o, n) = (content(old), content(new));
    let prefix = o.iter().zip(&n).take_while(|(a, b)| a.1 == b.1).count();
    let suffix = o[prefix..]
        .iter()
        .rev()
        .zip(n[prefix..].iter().rev())
        .take_while(|(a, b)| a.1 == b.1)
        .count();
    let (om, nm) = (&o[prefix..o.len() - suffix], &n[prefix..n.len() - suffix]);
    match (om.is_empty(), nm.is_empty()) {
        (true, true) => LineChange::Same,
        (true, false) => LineChange::Added(nm.to_vec()),
        (false, true) => LineChange::Removed(om.to_vec()),
        (false, false) => LineChange::Changed {
            line: nm[0].0,
            old: om[0].1,
            new: nm[0].1,
            multiline: o.len() > 1 || n.len() > 1,
        },
    }
}

/// A documentation change in one line, for the report's table: what was added or removed, or the
/// first line that differs, quoted and shortened.
pub(super) fn doc_detail(
    kind: Kind,
    summary: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> String {
    let quote = |s: &str| {
        let s = s.trim();
        let short: String = s.chars().take(70).collect();
        let short = if short.len() < s.len() {
            format!("{short}…")
        } else {
            short
        };
        if kind == Kind::Example {
            format!("`{}`", short.replace('`', "'"))
        } else {
            format!("\"{short}\"")
        }
    };
    let first_line = |t: &str| {
        t.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let quoted = |ls: &[(usize, &str)]| {
        let mut s = quote(ls[0].1);
        if ls.len() > 1 {
            let more = ls.len() - 1;
            s.push_str(&format!(
                " and {more} more line{}",
                if more == 1 { "" } else { "s" }
            ));
        }
        s
    };
    match (old, new) {
        (None, Some(n)) => format!("{summary}: {}", quote(&first_line(n))),
        (Some(o), None) => format!("{summary}: was {}", quote(&first_line(o))),
        (Some(o), Some(n)) => match line_change(o, n) {
            LineChange::Added(a) => format!("{summary} (line {}): {}", a[0].0, quoted(&a)),
            LineChange::Removed(r) => {
                format!(
                    "{summary} (line {} of the old text): {}",
                    r[0].0,
                    quoted(&r)
                )
            }
            LineChange::Changed {
                line,
                old,
                new,
                multiline,
            } => {
                let at = if multiline {
                    format!(" (line {line})")
                } else {
                    String::new()
                };
                format!("{summary}{at}: {} → {}", quote(old), quote(new))
            }
            LineChange::Same => format!("{summary} (blank lines or spacing only)"),
        },
        (None, None) => summary.to_string(),
    }
}

// ---------------------------------------------------------------------- types

pub(super) fn type_removed(name: &str, wire: &str) -> Words {
    words(
        format!("type `{name}` ({wire}) removed"),
        format!("type `{name}` removed"),
    )
}

pub(super) fn type_added(name: &str, wire: &str) -> Words {
    words(
        format!("type `{name}` ({wire}) added"),
        format!("new type `{name}`"),
    )
}

pub(super) fn type_renamed(old: &str, new: &str) -> Words {
    words(
        format!("type `{old}` renamed `{new}`"),
        format!("`{old}` -> `{new}`"),
    )
}

/// A struct's additional properties (`additionalProperties`) added or removed, or a union's
/// alternatives changed: `what` says which, `effect` what it means in Rust.
pub(super) fn shape_of_type_changed(what: &str, effect: String) -> Words {
    words(what, effect)
}

pub(super) fn type_kind_changed(name: &str, old: &TypeKind, new: &TypeKind) -> Words {
    words(
        format!(
            "`{name}` changed from {} to {}",
            type_kind_name(old),
            type_kind_name(new)
        ),
        format!("`{name}` is now a {}", type_kind_name(new)),
    )
}

pub(super) fn field_removed(name: &str, f: &Field, s: &Slot) -> Words {
    let effect = format!(
        "field `{}` removed; `{name}::builder()` has no setter `{}`",
        s.path(),
        f.setter
    );
    words(format!("property `{}` removed", f.wire_name), effect)
}

/// `c`: the new field's effective constraints, shown in the summary.
pub(super) fn field_added(name: &str, f: &Field, s: &Slot, c: &Constraints) -> Words {
    let effect = if s.in_new {
        format!(
            "new field `{}: {}`; `{name}::builder()` requires `{}` (`build()` fails without it)",
            s.path(),
            s.ty(),
            f.setter
        )
    } else {
        format!(
            "new field `{}: {}` and setter `{}` (`{name}` is #[non_exhaustive])",
            s.path(),
            s.ty(),
            f.setter
        )
    };
    words(
        format!(
            "{} property `{}` added{}",
            if f.required { "required" } else { "optional" },
            f.wire_name,
            in_parens(&constraints_text(c))
        ),
        effect,
    )
}

const NOT_VALIDATED: &str = "no Rust change (responses are not validated)";

pub(super) fn rule_removed(name: &str, r: &RequiredWhen, validated: bool) -> Words {
    words(
        format!("rule removed: {}", rule_text(r)),
        if validated {
            format!(
                "validation relaxed: `{name}::validate()` no longer checks \"{}\"",
                rule_text(r)
            )
        } else {
            NOT_VALIDATED.to_string()
        },
    )
}

pub(super) fn rule_changed(
    name: &str,
    ro: &RequiredWhen,
    rn: &RequiredWhen,
    looser: bool,
    validated: bool,
) -> Words {
    let effect = match (validated, looser) {
        (false, _) => NOT_VALIDATED.to_string(),
        (true, true) => format!(
            "validation relaxed: `{name}::validate()` checks \"{}\"",
            rule_text(rn)
        ),
        (true, false) => format!(
            "validation stricter: `{name}::validate()` checks \"{}\"",
            rule_text(rn)
        ),
    };
    words(
        format!("rule changed: {} -> {}", rule_text(ro), rule_text(rn)),
        effect,
    )
}

pub(super) fn rule_added(name: &str, r: &RequiredWhen, validated: bool) -> Words {
    words(
        format!("rule added: {}", rule_text(r)),
        if validated {
            format!(
                "validation stricter: `{name}::validate()` now checks \"{}\"",
                rule_text(r)
            )
        } else {
            NOT_VALIDATED.to_string()
        },
    )
}

/// `read`: the enum is read from responses (only then does a received value read as `Unknown`).
pub(super) fn enum_value_removed(name: &str, value: &str, variant: &str, read: bool) -> Words {
    let unknown = if read {
        format!("; a received value now reads as `{name}::Unknown`")
    } else {
        String::new()
    };
    words(
        format!("value `{value}` removed"),
        format!("variant `{name}::{variant}` removed (code naming it no longer compiles{unknown})"),
    )
}

pub(super) fn variant_rust_name(name: &str, old: &str, new: &str) -> Words {
    words(
        "Rust variant name changed",
        format!("`{name}::{old}` -> `{name}::{new}`"),
    )
}

/// `read`: the enum is read from responses (only then does a received value read as `Unknown`
/// before upgrading; a request-only enum is only ever sent).
pub(super) fn enum_value_added(name: &str, value: &str, variant: &str, read: bool) -> Words {
    let unknown = if read {
        format!("; before upgrading, a received value reads as `{name}::Unknown`")
    } else {
        String::new()
    };
    words(
        format!("value `{value}` added"),
        format!("new variant `{name}::{variant}` (`{name}` is #[non_exhaustive]{unknown})"),
    )
}
