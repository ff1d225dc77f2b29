//! The intermediate representation: everything the emitters (and the API diff) need to know about
//! a spec, as plain owned data.
//!
//! The IR is built by [`crate::lower`] and is the only thing emitters look at: no openapiv3 type
//! reaches past lowering. Every name is held twice, as the Rust name and as the wire name. Every
//! Rust-facing name (types, fields and their setters, request types, modules, example programs)
//! is computed once, in lowering through [`crate::naming`], and stored here: emitters and the
//! diff read these names and never derive their own. Every collection is ordered (spec order or
//! sorted by an explicit key), so the output is deterministic. Constraints are data here, not
//! code.

use serde::Serialize;

/// The intermediate representation of a whole API: one generated crate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// Cargo package identity of the generated crate.
    pub krate: CrateInfo,
    /// `info.title` of the spec.
    pub title: String,
    /// `info.description` of the spec, if any.
    pub description: Option<String>,
    /// `info.version`: the version of the API itself (not of the crate).
    pub api_version: String,
    /// Every named type (component schemas and types synthesised for inline enums and objects),
    /// sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Every operation, in spec order (paths in document order, then methods in a fixed order).
    pub operations: Vec<Operation>,
    /// Regions and their endpoints, from `servers`, in spec order.
    pub regions: Vec<Region>,
    /// The region used when none is given, if the spec names one.
    pub default_region: Option<String>,
    /// The server used when no endpoint, region or default region is given: the first server
    /// that defines no region, with its variables.
    pub default_server: Option<Server>,
    /// Authentication schemes, in `components.securitySchemes` order.
    pub auth: Vec<AuthScheme>,
    /// The security requirement of operations that declare none (the root `security`):
    /// alternatives, each the names of the schemes it needs (empty: no authentication).
    pub security: Vec<Vec<String>>,
    /// Client-level facts of the spec (`x-client`): settings, the error body format, the user
    /// agent and the environment variables of the endpoint and region.
    pub client: ClientInfo,
}

/// A server URL template with its variables (other than a region variable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Server {
    /// The URL, `{name}` marking a variable.
    pub url: String,
    /// The variables, in spec order.
    pub variables: Vec<ServerVariable>,
}

/// A variable of a server URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerVariable {
    /// The name (`{name}` in the URL).
    pub name: String,
    /// The default value.
    pub default: String,
    /// Allowed values (`enum`), empty when any value goes.
    pub allowed: Vec<String>,
    /// Documentation.
    pub docs: Option<String>,
}

/// Client-level facts of the spec (`x-client`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClientInfo {
    /// The default `User-Agent` (default: `{crate name}/{crate version}`).
    pub user_agent: String,
    /// Client settings, in spec order.
    pub settings: Vec<Setting>,
    /// Where an error body keeps its fields.
    pub errors: ErrorFormat,
    /// The environment variable an explicit endpoint URL is read from.
    pub endpoint_env: String,
    /// The environment variable a region ID is read from (when there are regions).
    pub region_env: Option<String>,
}

/// A client setting: a value of the client configuration that parameters bound to it
/// (`x-client-config`) take when a request leaves them unset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting {
    /// The name, as the spec writes it (also the key `x-client-config` uses).
    pub name: String,
    /// The name of its `ClientBuilder` method (snake_case, sanitised).
    pub method: String,
    /// Documentation.
    pub docs: Option<String>,
    /// Environment variables it is read from, in order of preference.
    pub env: Vec<String>,
    /// A header that carries it on every request.
    pub header: Option<String>,
}

/// Where a JSON error body keeps its fields: dotted paths, tried in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ErrorFormat {
    /// Paths of the error code.
    pub code: Vec<String>,
    /// Paths of the error message.
    pub message: Vec<String>,
    /// Paths of the request ID.
    pub request_id: Vec<String>,
    /// Response headers that carry the request ID.
    pub request_id_headers: Vec<String>,
}

/// The generated crate's Cargo identity (from the spec's `x-crate`, or overridden by a flag).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrateInfo {
    /// The package name, as a user writes it in Cargo.toml (kebab-case).
    pub name: String,
    /// The Rust library name (`name` in snake_case).
    pub lib_name: String,
    /// The crate's semver version.
    pub version: String,
    /// One-paragraph description for Cargo.toml and the crate docs.
    pub description: Option<String>,
}

/// A named Rust type that the generator emits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// The Rust type name (UpperCamelCase, sanitised).
    pub rust_name: String,
    /// The name in the spec: the component schema name, or for a synthesised type the dotted
    /// path it was found at (`CreateTaskRequestBody.task_type`).
    pub wire_name: String,
    /// JSON pointer of the schema this type was lowered from.
    pub origin: String,
    /// Documentation (the schema's description).
    pub docs: Option<String>,
    /// What kind of type it is.
    pub kind: TypeKind,
    /// Where the type is used: in requests, responses, or both. Drives what the emitters
    /// generate (validation only for request types) and how the diff classifies changes.
    pub usage: Usage,
}

/// Where a type is reachable from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Usage {
    /// Reachable from some request (parameter or body).
    pub request: bool,
    /// Reachable from some response body.
    pub response: bool,
}

/// The kinds of named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeKind {
    /// An object schema: a struct.
    Struct(StructDef),
    /// A string schema with `enum`: a Rust enum with a catch-all for unknown values.
    StringEnum(StringEnumDef),
    /// An integer schema with `enum`: a Rust enum over integer values with a catch-all.
    IntEnum(IntEnumDef),
    /// A `oneOf` or `anyOf` schema: a Rust enum with one variant per alternative.
    Union(UnionDef),
}

/// A `oneOf`/`anyOf` schema. With a `discriminator`, the variant is chosen by the value of the
/// discriminator property (and values no mapping names are kept as `Unknown`); without one, the
/// first alternative (in spec order) that the value deserialises as wins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionDef {
    /// `oneOf` or `anyOf` (documentation and the diff; both are emitted the same way).
    pub keyword: UnionKeyword,
    /// The discriminator property's wire name, if the schema has a `discriminator`.
    pub discriminator: Option<String>,
    /// Alternatives in spec order.
    pub variants: Vec<UnionVariant>,
}

/// `oneOf` or `anyOf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UnionKeyword {
    /// `oneOf`.
    OneOf,
    /// `anyOf`.
    AnyOf,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionVariant {
    /// The Rust variant name (UpperCamelCase, unique within the union).
    pub rust_name: String,
    /// The discriminator values that select this alternative (empty without a discriminator).
    pub tags: Vec<String>,
    /// The alternative's type and constraints.
    pub shape: Shape,
    /// Held as `Box<T>`: an object alternative (so the enum stays small), or one that contains
    /// the union again without an array or map in between (see [`Field::boxed`]).
    pub boxed: bool,
}

/// An object schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StructDef {
    /// Properties in spec order.
    pub fields: Vec<Field>,
    /// Conditional requirement rules (`x-required-when`), in spec order.
    pub rules: Vec<RequiredWhen>,
    /// Properties other than the declared ones (`additionalProperties` next to `properties`):
    /// a `#[serde(flatten)]` map field.
    pub additional: Option<Box<AdditionalProperties>>,
    /// `minProperties`: counted over the properties present (declared fields that are set, and
    /// the entries of the additional properties).
    pub min_properties: Option<u64>,
    /// `maxProperties`, counted like `min_properties`.
    pub max_properties: Option<u64>,
}

/// The map field of a struct that also allows undeclared properties.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdditionalProperties {
    /// The Rust field name (`additional_properties`, unless a property already has that name).
    pub rust_name: String,
    /// The shape of each value (`TypeRef::Any` for `additionalProperties: true`).
    pub value: Shape,
}

/// One property of an object schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The Rust field name (snake_case, sanitised; keywords become raw identifiers like `r#type`).
    pub rust_name: String,
    /// The name of the field's setter in the struct's builder (see
    /// [`naming::setter_name`](crate::naming::setter_name)).
    pub setter: String,
    /// The JSON property name.
    pub wire_name: String,
    /// Documentation (the property's description).
    pub docs: Option<String>,
    /// The field's type and constraints.
    pub shape: Shape,
    /// Listed in the object's `required`.
    pub required: bool,
    /// The documented `default`, if any (documentation only: it is never injected).
    pub default: Option<serde_json::Value>,
    /// Held as `Box<T>` (or `Option<Box<T>>`): the field's named type contains this struct again
    /// without an array or map in between, so the struct would otherwise have infinite size.
    pub boxed: bool,
}

/// A type together with the constraints on its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shape {
    /// The value type.
    pub ty: TypeRef,
    /// `nullable: true`: `null` is an accepted value.
    pub nullable: bool,
    /// Constraints on the value.
    pub constraints: Constraints,
}

/// A reference to a type, as used by fields, parameters, array items and bodies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeRef {
    /// `type: boolean`.
    Bool,
    /// `type: integer` with its format.
    Integer(IntFormat),
    /// `type: number` with its format.
    Number(NumberFormat),
    /// `type: string`, of any format (`date-time`, `date`, `uuid`, `byte` and `binary` included:
    /// the value is carried as the `String` the wire has).
    String {
        /// The `format`, if any (documentation only).
        format: Option<String>,
    },
    /// `type: array`; the item shape carries the item-level constraints.
    Array(Box<Shape>),
    /// `type: object` with `additionalProperties` (a schema, or `true` for any value) and no
    /// `properties`: a `BTreeMap<String, T>`; the value shape carries the value constraints.
    Map(Box<Shape>),
    /// A named type, by its Rust name (see [`Api::types`]).
    Named(String),
    /// A schema with no type: any JSON value.
    Any,
}

/// Integer formats and the Rust type they become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum IntFormat {
    /// `format: int32` -> `i32`.
    Int32,
    /// `format: int64`, or no format -> `i64`.
    Int64,
}

/// Number formats and the Rust type they become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NumberFormat {
    /// `format: float` -> `f32`.
    Float,
    /// `format: double`, or no format -> `f64`.
    Double,
}

/// Constraints on a value. `None` means "not constrained".
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Constraints {
    /// `minLength`, in characters (Unicode scalar values).
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `pattern` (ECMA 262 regex as written in the spec).
    pub pattern: Option<String>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `minimum` with `exclusiveMinimum`.
    pub minimum: Option<Bound>,
    /// `maximum` with `exclusiveMaximum`.
    pub maximum: Option<Bound>,
    /// `multipleOf`.
    pub multiple_of: Option<Num>,
    /// `minProperties` (of a map).
    pub min_properties: Option<u64>,
    /// `maxProperties` (of a map).
    pub max_properties: Option<u64>,
}

impl Constraints {
    /// True when no constraint is set.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

impl Shape {
    /// The constraints that can reject a value of this shape: the keywords that apply to its
    /// type, minus those the Rust type already guarantees. This is the one rule for "does this
    /// constraint do anything": validation emits a check for exactly these, and the API diff
    /// compares exactly these.
    ///
    /// Dropped: keywords of another type (`minLength` on an integer); `minLength: 0` and
    /// `minItems: 0`; a `minimum` at or below the least value of an integer type (`i32` or
    /// `i64`, also for integer enums), a `maximum` at or above its greatest; `multipleOf: 1` on
    /// an integer; and non-finite or non-positive values where they make no sense (a NaN bound,
    /// `multipleOf: 0`). Lengths and patterns apply to strings and string enums, item counts to
    /// arrays, bounds and `multipleOf` to integers, numbers and integer enums.
    pub fn effective_constraints(&self, api: &Api) -> Constraints {
        let c = &self.constraints;
        let named = match &self.ty {
            TypeRef::Named(n) => api.type_def(n).map(|t| &t.kind),
            _ => None,
        };
        let stringy = matches!(self.ty, TypeRef::String { .. })
            || matches!(named, Some(TypeKind::StringEnum(_)));
        let int_range = match (&self.ty, named) {
            (TypeRef::Integer(f), _) => Some(f.range()),
            (_, Some(TypeKind::IntEnum(e))) => Some(e.format.range()),
            _ => None,
        };
        let numeric = int_range.is_some() || matches!(self.ty, TypeRef::Number(_));
        let mut e = Constraints::default();
        if stringy {
            e.min_length = c.min_length.filter(|&n| n > 0);
            e.max_length = c.max_length;
            e.pattern = c.pattern.clone();
        }
        if matches!(self.ty, TypeRef::Array(_)) {
            e.min_items = c.min_items.filter(|&n| n > 0);
            e.max_items = c.max_items;
        }
        if matches!(self.ty, TypeRef::Map(_)) {
            e.min_properties = c.min_properties.filter(|&n| n > 0);
            e.max_properties = c.max_properties;
        }
        if numeric {
            e.minimum = c.minimum.filter(|b| match int_range {
                Some((lo, _)) => !b.admits_all_from(lo),
                None => b.value.is_finite(),
            });
            e.maximum = c.maximum.filter(|b| match int_range {
                Some((_, hi)) => !b.admits_all_up_to(hi),
                None => b.value.is_finite(),
            });
            e.multiple_of = c.multiple_of.filter(|m| match (int_range, m) {
                (Some(_), Num::Int(1)) => false,
                (_, Num::Int(n)) => *n > 0,
                (_, Num::Float(x)) => x.is_finite() && *x > 0.0,
            });
        }
        e
    }
}

impl IntFormat {
    /// The least and greatest values of the Rust type (`i32` or `i64`), as `i64`.
    pub fn range(self) -> (i64, i64) {
        match self {
            IntFormat::Int32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
            IntFormat::Int64 => (i64::MIN, i64::MAX),
        }
    }
}

impl Bound {
    /// As a lower bound: whether it admits every integer from `lo` up (a no-op on a type whose
    /// least value is `lo`).
    pub fn admits_all_from(self, lo: i64) -> bool {
        match self.value {
            Num::Int(v) => v < lo || (v == lo && !self.exclusive),
            Num::Float(x) => x < lo as f64 || (x == lo as f64 && !self.exclusive),
        }
    }

    /// As an upper bound: whether it admits every integer up to `hi` (a no-op on a type whose
    /// greatest value is `hi`).
    pub fn admits_all_up_to(self, hi: i64) -> bool {
        match self.value {
            Num::Int(v) => v > hi || (v == hi && !self.exclusive),
            // i64::MAX as f64 rounds up to 2^63, above every i64.
            Num::Float(x) => {
                x > hi as f64 || (x == hi as f64 && (!self.exclusive || hi == i64::MAX))
            }
        }
    }
}

/// A numeric bound of a range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bound {
    /// The limit.
    pub value: Num,
    /// `exclusiveMinimum`/`exclusiveMaximum`: the limit itself is not allowed.
    pub exclusive: bool,
}

/// A number from the spec, kept exact for integers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Num {
    /// An integer value.
    Int(i64),
    /// A non-integer value.
    Float(f64),
}

impl Num {
    /// False for an infinite or NaN float.
    pub fn is_finite(self) -> bool {
        match self {
            Num::Int(_) => true,
            Num::Float(x) => x.is_finite(),
        }
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Num::Int(i) => write!(f, "{i}"),
            Num::Float(x) => write!(f, "{x}"),
        }
    }
}

/// A string enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StringEnumDef {
    /// Variants in spec order.
    pub variants: Vec<EnumVariant<String>>,
}

/// An integer enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntEnumDef {
    /// Integer format of the values.
    pub format: IntFormat,
    /// Variants in spec order.
    pub variants: Vec<EnumVariant<i64>>,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumVariant<T> {
    /// The Rust variant name (UpperCamelCase, sanitised, unique within the enum).
    pub rust_name: String,
    /// The value on the wire.
    pub value: T,
    /// Documentation (from `x-enum-descriptions`).
    pub docs: Option<String>,
}

/// A conditional requirement (`x-required-when`): when `when` holds, every field in `require`
/// must be present.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequiredWhen {
    /// Fields that become required, in spec order.
    pub require: Vec<FieldName>,
    /// The condition.
    pub when: Condition,
    /// The spec's prose for this rule.
    pub description: Option<String>,
}

/// A field's two names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldName {
    /// Rust field name.
    pub rust_name: String,
    /// JSON property name.
    pub wire_name: String,
}

/// The condition of a [`RequiredWhen`] rule: the field is present and its value is one of
/// `values`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    /// The field the condition looks at.
    pub field: FieldName,
    /// Accepted values (one for `equals`, several for `in`).
    pub values: Vec<Literal>,
}

/// A scalar literal in a condition, already matched to the field's type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Literal {
    /// A boolean field's value.
    Bool(bool),
    /// An integer field's value.
    Int(i64),
    /// A plain string field's value.
    Str(String),
    /// A value of a string enum: the enum's Rust name, the variant's Rust name, and the wire value.
    StringVariant {
        /// Rust name of the enum type.
        enum_name: String,
        /// Rust name of the variant.
        variant: String,
        /// Wire value.
        value: String,
    },
    /// A value of an integer enum.
    IntVariant {
        /// Rust name of the enum type.
        enum_name: String,
        /// Rust name of the variant.
        variant: String,
        /// Wire value.
        value: i64,
    },
}

/// The intermediate representation of an operation that will become a client method.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// The spec's operationId.
    pub operation_id: String,
    /// The method name (snake_case of the operationId).
    pub rust_name: String,
    /// The prefix for the operation's own types (UpperCamelCase of the operationId), such as
    /// the names of its inline body types.
    pub type_prefix: String,
    /// The name of the request type (`{prefix}Request`).
    pub request_type: String,
    /// The name of the operation's module under `operations` (an identifier: raw for a keyword).
    pub module: String,
    /// The name of the operation's example program (`examples/{example}.rs`).
    pub example: String,
    /// HTTP method.
    pub method: HttpMethod,
    /// The path template as written in the spec (`/v5/{project_id}/common/task`).
    pub path: String,
    /// JSON pointer of the operation (`#/paths/~1v5~1{project_id}~1common~1task/post`).
    pub origin: String,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Parameters: path parameters first in template order, then query and header parameters in
    /// spec order.
    pub params: Vec<Parameter>,
    /// The request body, if any.
    pub body: Option<RequestBody>,
    /// Responses in ascending status order (`default` last).
    pub responses: Vec<ResponseDef>,
    /// The success response the method returns (the lowest 2xx), as an index into `responses`.
    pub success: Option<usize>,
    /// The operation's own security requirement (alternatives, each the names of the schemes
    /// it needs; an empty alternative means no authentication), or `None` for the API's
    /// default ([`Api::security`]).
    pub security: Option<Vec<Vec<String>>>,
}

/// HTTP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum HttpMethod {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl HttpMethod {
    /// The upper-case method name.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// Whether repeating the request is harmless by HTTP semantics.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum ParamLocation {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

impl ParamLocation {
    /// The prefix used in validation paths and reports: `path`, `query`, `header`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        }
    }
}

/// One operation parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameter {
    /// The Rust field/argument name (snake_case, sanitised).
    pub rust_name: String,
    /// The name of the parameter's setter in the request type's builder (see
    /// [`naming::setter_name`](crate::naming::setter_name)).
    pub setter: String,
    /// The name on the wire (path placeholder, query key or header name).
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// `required` (always true for path parameters).
    pub required: bool,
    /// Documentation.
    pub docs: Option<String>,
    /// The value type and constraints. Parameters are scalars, string enums, or arrays of those.
    pub shape: Shape,
    /// The documented default, if any (documentation only).
    pub default: Option<serde_json::Value>,
    /// `x-client-config`: the client configuration setting that supplies the value when the
    /// caller gives none.
    pub client_config: Option<String>,
    /// The spec's example value, if any.
    pub example: Option<serde_json::Value>,
    /// How an array's items go on the wire (`style` and `explode`); `None` for a scalar.
    pub array_style: Option<ArrayStyle>,
}

/// How the items of an array parameter are sent (OpenAPI `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ArrayStyle {
    /// Query `form` with `explode: true` (the query default), or `spaceDelimited`/`pipeDelimited`
    /// with `explode: true`: one pair per item, `ids=a&ids=b`.
    Repeated,
    /// One value, the items joined with `,`: query `form` with `explode: false`, and `simple`
    /// (the header and path default).
    Comma,
    /// One value, the items joined with a space: query `spaceDelimited`.
    Space,
    /// One value, the items joined with `|`: query `pipeDelimited`.
    Pipe,
}

impl ArrayStyle {
    /// The character that joins the items, or `None` for one pair per item.
    pub fn delimiter(self) -> Option<char> {
        match self {
            ArrayStyle::Repeated => None,
            ArrayStyle::Comma => Some(','),
            ArrayStyle::Space => Some(' '),
            ArrayStyle::Pipe => Some('|'),
        }
    }

    /// How the spec writes it (`form, explode: true`, ...), for reports.
    pub fn as_spec(self) -> &'static str {
        match self {
            ArrayStyle::Repeated => "form, explode: true (repeated keys)",
            ArrayStyle::Comma => "form, explode: false (comma-separated)",
            ArrayStyle::Space => "spaceDelimited",
            ArrayStyle::Pipe => "pipeDelimited",
        }
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    /// The name of the request type's field that holds the body.
    pub rust_name: String,
    /// The name of its setter in the request type's builder.
    pub setter: String,
    /// The body type.
    pub ty: TypeRef,
    /// The constraints on the body as a whole (`minItems` of an array body, `maxLength` of a
    /// text body).
    pub constraints: Constraints,
    /// `required` on the request body.
    pub required: bool,
    /// Media type (`application/json`).
    pub content_type: String,
    /// How the body is carried: JSON, text, bytes or a multipart form.
    pub kind: BodyKind,
    /// Documentation.
    pub docs: Option<String>,
    /// The spec's example body, if any.
    pub example: Option<serde_json::Value>,
}

/// How a request or response body is carried, decided by its media type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BodyKind {
    /// `application/json` or `*/*+json`: the body's `ty`, as JSON.
    Json,
    /// `text/*`: a `String`, as UTF-8 text.
    Text,
    /// Any other media type (`application/octet-stream`, `image/png`, ...) with a string schema:
    /// raw bytes (`Vec<u8>`).
    Bytes,
    /// `multipart/form-data` (request bodies only): the form's parts.
    Multipart(Form),
}

impl BodyKind {
    /// A short name for reports: `JSON`, `text`, `bytes`, `multipart`.
    pub fn as_str(&self) -> &'static str {
        match self {
            BodyKind::Json => "JSON",
            BodyKind::Text => "text",
            BodyKind::Bytes => "bytes",
            BodyKind::Multipart(_) => "multipart",
        }
    }
}

/// A `multipart/form-data` request body: a struct of its parts (`{Prefix}Form`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    /// The Rust name of the form struct.
    pub rust_name: String,
    /// The parts, in the schema's property order (which is the order they are sent in).
    pub parts: Vec<FormPart>,
}

/// One property of a multipart form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormPart {
    /// The Rust field name.
    pub rust_name: String,
    /// The `with_*` setter of an optional part.
    pub setter: String,
    /// The part name on the wire (`Content-Disposition: form-data; name="..."`).
    pub wire_name: String,
    /// Whether the schema lists the property as required.
    pub required: bool,
    /// Documentation.
    pub docs: Option<String>,
    /// What the part carries.
    pub kind: PartKind,
    /// `encoding.{name}.contentType`, if the spec gives one.
    pub content_type: Option<String>,
}

/// What a multipart part carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PartKind {
    /// `type: string, format: binary`: a file (bytes with a filename); `many` for an array of
    /// them (one part per file).
    File {
        /// An array of files.
        many: bool,
    },
    /// A scalar or enum, sent as its text (an array of them: one part per item).
    Text(Shape),
    /// An object, a free-form value or an array of objects: one part, as JSON.
    Json(Shape),
}

/// One documented response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseDef {
    /// The status code, or `None` for `default`.
    pub status: Option<u16>,
    /// Description.
    pub description: String,
    /// The JSON body type, if the response documents one (`String` for a text body; `None`
    /// for bytes and for no content: see `kind`).
    pub body: Option<TypeRef>,
    /// How the documented body is carried (`Json`, `Text` or `Bytes`), or `None` when the
    /// response documents no content.
    pub kind: Option<BodyKind>,
    /// The media type of the documented body, if any.
    pub content_type: Option<String>,
    /// The spec's example body, if any.
    pub example: Option<serde_json::Value>,
    /// Declared response headers (`headers`) of a 2xx response, in spec order (empty for
    /// other responses: their headers stay raw on the error).
    pub headers: Vec<ResponseHeader>,
    /// For the success response with declared headers: the name of the generated struct that
    /// holds them, typed (`{prefix}ResponseHeaders`, in the operation's module).
    pub headers_type: Option<String>,
}

/// A declared response header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseHeader {
    /// The header name, as the spec writes it.
    pub wire_name: String,
    /// The Rust field name (snake_case, sanitised, unique within the response).
    pub rust_name: String,
    /// `required`: a success response without it is an error.
    pub required: bool,
    /// Documentation.
    pub docs: Option<String>,
    /// The value type: a scalar, a string or integer enum, or an array of those (`simple`:
    /// comma-separated).
    pub shape: Shape,
}

/// A region and its endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// The region ID (`cn-north-4`).
    pub id: String,
    /// The Rust variant name (`CnNorth4`).
    pub rust_name: String,
    /// The endpoint URL (`https://hss.cn-north-4.myhuaweicloud.com`).
    pub endpoint: String,
}

/// An authentication scheme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthScheme {
    /// The key in `components.securitySchemes`.
    pub name: String,
    /// Documentation.
    pub docs: Option<String>,
    /// What kind of scheme.
    pub kind: AuthKind,
}

/// Supported authentication schemes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum AuthKind {
    /// A secret sent verbatim (`apiKey`) in a header or the query.
    ApiKey {
        /// Where it goes.
        location: KeyLocation,
        /// The header or query parameter name.
        name: String,
        /// Constraints on the secret value (`x-value-schema`).
        constraints: Constraints,
        /// Environment variables of the secret (`x-credential-env: {token: [...]}`).
        env: Vec<String>,
    },
    /// `http` bearer.
    Bearer {
        /// Environment variables of the token.
        env: Vec<String>,
    },
    /// `http` basic.
    Basic {
        /// Environment variables of the user name.
        username_env: Vec<String>,
        /// Environment variables of the password.
        password_env: Vec<String>,
    },
    /// Request signing (`x-signing`).
    Signing {
        /// The algorithm.
        algorithm: SigningAlgorithm,
        /// Environment variables for the credentials (`x-credential-env`).
        env: CredentialEnv,
    },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
}

/// Signing algorithms the runtime implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SigningAlgorithm {
    /// `SDK-HMAC-SHA256`.
    SdkHmacSha256,
}

impl SigningAlgorithm {
    /// The header the signing step sets to the request's time (a request may not set it).
    pub fn date_header(self) -> &'static str {
        match self {
            SigningAlgorithm::SdkHmacSha256 => "X-Sdk-Date",
        }
    }

    /// The header that carries a temporary credential's security token (secret, and signed).
    pub fn token_header(self) -> &'static str {
        match self {
            SigningAlgorithm::SdkHmacSha256 => "X-Security-Token",
        }
    }
}

/// Environment variable names for access-key credentials, each list in priority order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CredentialEnv {
    /// Access key ID.
    pub access_key: Vec<String>,
    /// Secret access key.
    pub secret_key: Vec<String>,
    /// Security token of temporary credentials.
    pub security_token: Vec<String>,
}

impl Field {
    /// Whether the field is held as `Option<T>` in its struct: optional fields, and required
    /// fields that may be `null`. Its builder does not require it.
    pub fn is_option(&self) -> bool {
        !self.required || self.shape.nullable
    }
}

impl Parameter {
    /// Whether the parameter is held as `Option<T>` in its request type: optional parameters,
    /// parameters the client configuration can supply (`x-client-config`), and nullable ones.
    /// Its builder does not require it.
    pub fn is_option(&self) -> bool {
        !self.required || self.client_config.is_some() || self.shape.nullable
    }
}

impl Api {
    /// A small API named `x` with these types and operations and nothing else (for unit tests).
    #[cfg(test)]
    pub(crate) fn for_tests(types: Vec<TypeDef>, operations: Vec<Operation>) -> Api {
        Api {
            krate: CrateInfo {
                name: "x".into(),
                lib_name: "x".into(),
                version: "0.1.0".into(),
                description: None,
            },
            title: "x".into(),
            description: None,
            api_version: "1".into(),
            types,
            operations,
            regions: vec![],
            default_region: None,
            default_server: None,
            auth: vec![],
            security: vec![vec![]],
            client: ClientInfo {
                user_agent: "x/0.1.0".into(),
                endpoint_env: "X_ENDPOINT".into(),
                ..ClientInfo::default()
            },
        }
    }

    /// Looks a named type up by Rust name.
    pub fn type_def(&self, rust_name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.rust_name.as_str().cmp(rust_name))
            .ok()
            .map(|i| &self.types[i])
    }

    /// Whether some authentication scheme signs requests (the generated crate then has the
    /// signing module and its dependencies).
    pub fn uses_signing(&self) -> bool {
        self.auth
            .iter()
            .any(|a| matches!(a.kind, AuthKind::Signing { .. }))
    }

    /// Whether any constraint anywhere uses `pattern` (the generated crate then needs `regex`).
    pub fn uses_pattern(&self) -> bool {
        fn shape(s: &Shape) -> bool {
            s.constraints.pattern.is_some()
                || matches!(&s.ty, TypeRef::Array(item) | TypeRef::Map(item) if shape(item))
        }
        self.types.iter().any(|t| match &t.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().any(|f| shape(&f.shape))
                    || s.additional.as_ref().is_some_and(|a| shape(&a.value))
            }
            TypeKind::Union(u) => u.variants.iter().any(|v| shape(&v.shape)),
            _ => false,
        }) || self
            .operations
            .iter()
            .any(|o| o.params.iter().any(|p| shape(&p.shape)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_at_the_ends_of_integer_types() {
        assert!(Bound {
            value: Num::Int(i64::MIN),
            exclusive: false
        }
        .admits_all_from(i64::MIN));
        assert!(!Bound {
            value: Num::Int(i64::MIN),
            exclusive: true
        }
        .admits_all_from(i64::MIN));
        assert!(Bound {
            value: Num::Float(-3e9),
            exclusive: true
        }
        .admits_all_from(i64::from(i32::MIN)));
        assert!(!Bound {
            value: Num::Float(0.5),
            exclusive: false
        }
        .admits_all_from(0));
        assert!(Bound {
            value: Num::Int(i64::MAX),
            exclusive: false
        }
        .admits_all_up_to(i64::MAX));
        assert!(!Bound {
            value: Num::Int(i64::MAX),
            exclusive: true
        }
        .admits_all_up_to(i64::MAX));
        assert!(Bound {
            value: Num::Float(9.3e18),
            exclusive: true
        }
        .admits_all_up_to(i64::MAX));
    }

    fn api(types: Vec<TypeDef>) -> Api {
        Api::for_tests(types, vec![])
    }

    fn shape(ty: TypeRef, constraints: Constraints) -> Shape {
        Shape {
            ty,
            nullable: false,
            constraints,
        }
    }

    fn min(v: i64) -> Option<Bound> {
        Some(Bound {
            value: Num::Int(v),
            exclusive: false,
        })
    }

    fn max(v: i64) -> Option<Bound> {
        Some(Bound {
            value: Num::Int(v),
            exclusive: false,
        })
    }

    #[test]
    fn effective_constraints_drop_what_the_type_guarantees() {
        let none = api(vec![]);
        let int32 = TypeRef::Integer(IntFormat::Int32);
        // The whole i32 range and multipleOf 1 say nothing about an i32.
        let implied = Constraints {
            minimum: min(i32::MIN.into()),
            maximum: max(i32::MAX.into()),
            multiple_of: Some(Num::Int(1)),
            ..Constraints::default()
        };
        assert!(shape(int32.clone(), implied.clone())
            .effective_constraints(&none)
            .is_empty());
        // The same limits on an i64 do.
        let on_i64 = shape(TypeRef::Integer(IntFormat::Int64), implied.clone());
        assert_eq!(
            on_i64.effective_constraints(&none),
            Constraints {
                multiple_of: None,
                ..implied
            }
        );
        // One inside the range is kept.
        let inside = Constraints {
            minimum: min(i64::from(i32::MIN) + 1),
            ..Constraints::default()
        };
        assert_eq!(
            shape(int32, inside.clone()).effective_constraints(&none),
            inside
        );
        // Zero minimums, and keywords of another type, are dropped.
        let zeros = Constraints {
            min_length: Some(0),
            min_items: Some(0),
            max_length: Some(3),
            ..Constraints::default()
        };
        let string = TypeRef::String { format: None };
        assert_eq!(
            shape(string.clone(), zeros.clone()).effective_constraints(&none),
            Constraints {
                max_length: Some(3),
                ..Constraints::default()
            }
        );
        assert!(shape(TypeRef::Bool, zeros.clone())
            .effective_constraints(&none)
            .is_empty());
        let array = TypeRef::Array(Box::new(shape(string, Constraints::default())));
        assert!(shape(array, zeros).effective_constraints(&none).is_empty());
    }

    #[test]
    fn effective_constraints_of_named_types_follow_their_kind() {
        let int_enum = TypeDef {
            rust_name: "Level".into(),
            wire_name: "Level".into(),
            origin: String::new(),
            docs: None,
            kind: TypeKind::IntEnum(IntEnumDef {
                format: IntFormat::Int32,
                variants: vec![],
            }),
            usage: Usage::default(),
        };
        let a = api(vec![int_enum]);
        let c = Constraints {
            minimum: min(i32::MIN.into()),
            maximum: max(10),
            min_length: Some(2),
            ..Constraints::default()
        };
        assert_eq!(
            shape(TypeRef::Named("Level".into()), c).effective_constraints(&a),
            Constraints {
                maximum: max(10),
                ..Constraints::default()
            }
        );
    }
}
