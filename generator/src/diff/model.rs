//! The report's data: changes, their verdicts, and the groups they are reported under.

use serde::Serialize;
use std::collections::BTreeMap;

/// What a change does on the wire, for clients already deployed (in any language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wire {
    /// No effect on what is sent or received (documentation, Rust names).
    None,
    /// Existing clients keep working.
    Compatible,
    /// Existing clients may break: requests they send may be rejected, or responses may hold what
    /// they do not expect.
    Breaking,
}

impl Wire {
    /// `none`, `compatible`, `breaking`.
    pub fn as_str(self) -> &'static str {
        match self {
            Wire::None => "none",
            Wire::Compatible => "compatible",
            Wire::Breaking => "breaking",
        }
    }
}

/// The side of the exchange the wire verdict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Not about either side (no wire effect).
    None,
    /// Requests clients send.
    Request,
    /// Responses clients read.
    Response,
    /// Both (a type used in requests and in responses, with the same verdict both ways).
    Both,
}

impl Direction {
    /// `none`, `request`, `response`, `request+response`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::None => "none",
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::Both => "request+response",
        }
    }
}

/// What a change does to Rust code using the generated crate, when it upgrades. Ordered from
/// harmless to breaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RustImpact {
    /// Nothing a caller can see changes except documentation.
    None,
    /// Behaviour changes in a direction no caller can be hurt by (validation relaxed, a new
    /// environment variable read).
    Compatible,
    /// New public items only (a method, a type, an enum variant, an `Option` field and its setter);
    /// structs and enums are `#[non_exhaustive]`, so no existing code stops compiling.
    Additive,
    /// Existing code still compiles but may now fail at run time: stricter validation before the
    /// request is sent, a field the builder now requires, a different default region, credentials
    /// no longer read.
    BreakingBehavior,
    /// Existing code may no longer compile: a changed field type, a name, or a removed item.
    Breaking,
}

impl RustImpact {
    /// `none`, `compatible`, `additive`, `breaking-behavior`, `breaking`.
    pub fn as_str(self) -> &'static str {
        match self {
            RustImpact::None => "none",
            RustImpact::Compatible => "compatible",
            RustImpact::Additive => "additive",
            RustImpact::BreakingBehavior => "breaking-behavior",
            RustImpact::Breaking => "breaking",
        }
    }

    /// Breaking at compile time or at run time.
    pub fn is_breaking(self) -> bool {
        matches!(self, RustImpact::Breaking | RustImpact::BreakingBehavior)
    }
}

/// Where a change is reported: the API as a whole, one operation (client method), or one
/// generated Rust type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "kebab-case")]
pub enum Group {
    /// Crate identity, API info, client settings and environment, error format, servers,
    /// regions, authentication.
    Api,
    /// An operation, by operationId (the head's, or the base's for a removed operation).
    Operation(String),
    /// A generated type, by Rust name (the head's, or the base's for a removed type).
    Type(String),
}

/// The kinds of change. Each has a short code that starts the change's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An operation appeared.
    OperationAdded,
    /// An operation disappeared.
    OperationRemoved,
    /// Same method and path, different operationId.
    OperationRenamed,
    /// Same operationId, different method or path.
    OperationMoved,
    /// The authentication schemes an operation accepts changed.
    OperationSecurity,
    /// A parameter appeared.
    ParameterAdded,
    /// A parameter disappeared.
    ParameterRemoved,
    /// A path parameter's placeholder name changed (the value's position is unchanged).
    ParameterRenamed,
    /// An array parameter's wire form (`style`/`explode`) changed.
    ParameterStyle,
    /// A request body appeared.
    BodyAdded,
    /// The request body disappeared.
    BodyRemoved,
    /// The request body's media type changed.
    ContentType,
    /// A documented response status appeared.
    ResponseAdded,
    /// A documented response status disappeared.
    ResponseRemoved,
    /// The success status the client method returns on changed.
    SuccessStatus,
    /// A declared header of the success response appeared, disappeared, or changed its type or
    /// requiredness.
    ResponseHeader,
    /// A named type appeared.
    TypeAdded,
    /// A named type disappeared.
    TypeRemoved,
    /// A named type got another Rust name (its content is compared under the new name).
    TypeRenamed,
    /// A named type changed kind (struct, string enum, integer enum).
    TypeKindChanged,
    /// A property appeared.
    FieldAdded,
    /// A property disappeared.
    FieldRemoved,
    /// A required property or parameter became optional.
    RequiredToOptional,
    /// An optional property or parameter became required.
    OptionalToRequired,
    /// `nullable` changed.
    Nullable,
    /// The value type changed.
    TypeChanged,
    /// A string `format` changed.
    Format,
    /// An enum value appeared.
    EnumValueAdded,
    /// An enum value disappeared.
    EnumValueRemoved,
    /// A constraint keyword appeared.
    ConstraintAdded,
    /// A constraint keyword disappeared.
    ConstraintRemoved,
    /// A constraint now accepts fewer values.
    ConstraintTightened,
    /// A constraint now accepts more values.
    ConstraintLoosened,
    /// A constraint changed in a way that is neither (a different pattern or multipleOf).
    ConstraintChanged,
    /// An `x-required-when` rule appeared.
    RuleAdded,
    /// An `x-required-when` rule disappeared.
    RuleRemoved,
    /// An `x-required-when` rule requires other fields.
    RuleChanged,
    /// A documented `default` appeared, disappeared or changed.
    Default,
    /// A Rust name changed while the wire name stayed (field, parameter, variant, method).
    RustName,
    /// `x-client-config` on a parameter changed.
    ClientConfig,
    /// A region appeared.
    RegionAdded,
    /// A region disappeared.
    RegionRemoved,
    /// A region's endpoint changed.
    RegionEndpoint,
    /// The default region changed.
    DefaultRegion,
    /// An authentication scheme appeared.
    AuthAdded,
    /// An authentication scheme disappeared.
    AuthRemoved,
    /// An authentication scheme changed.
    AuthChanged,
    /// The security requirement of operations that declare none (the root `security`) changed.
    DefaultSecurity,
    /// A client setting (`x-client.settings`) appeared.
    SettingAdded,
    /// A client setting disappeared.
    SettingRemoved,
    /// A client setting's header or environment variables changed.
    SettingChanged,
    /// Where the client looks for an error's code, message or request ID changed
    /// (`x-client.errors`).
    ErrorFormat,
    /// The default `User-Agent` changed (`x-client.user-agent`).
    UserAgent,
    /// The environment variable of the endpoint URL or of the region ID changed.
    ClientEnv,
    /// The default server (the first server that defines no region) appeared, disappeared or
    /// got another URL.
    DefaultServer,
    /// A variable of the default server appeared, disappeared, or got another default or
    /// other allowed values.
    ServerVariable,
    /// The generated crate's package name changed.
    CrateRenamed,
    /// A description or summary changed (documentation only).
    Docs,
    /// An example changed (documentation only).
    Example,
    /// The spec's title, description or API version changed (documentation only).
    Info,
}

impl Kind {
    /// The short code that starts a change id.
    pub fn code(self) -> &'static str {
        match self {
            Kind::OperationAdded => "op-add",
            Kind::OperationRemoved => "op-rm",
            Kind::OperationRenamed => "op-ren",
            Kind::OperationMoved => "op-mv",
            Kind::OperationSecurity => "op-auth",
            Kind::ParameterAdded => "par-add",
            Kind::ParameterRemoved => "par-rm",
            Kind::ParameterRenamed => "par-ren",
            Kind::ParameterStyle => "par-style",
            Kind::BodyAdded => "body-add",
            Kind::BodyRemoved => "body-rm",
            Kind::ContentType => "ctype",
            Kind::ResponseAdded => "resp-add",
            Kind::ResponseRemoved => "resp-rm",
            Kind::SuccessStatus => "resp-ok",
            Kind::ResponseHeader => "resp-hdr",
            Kind::TypeAdded => "ty-add",
            Kind::TypeRemoved => "ty-rm",
            Kind::TypeRenamed => "ty-ren",
            Kind::TypeKindChanged => "ty-kind",
            Kind::FieldAdded => "fld-add",
            Kind::FieldRemoved => "fld-rm",
            Kind::RequiredToOptional => "req-opt",
            Kind::OptionalToRequired => "opt-req",
            Kind::Nullable => "null",
            Kind::TypeChanged => "type",
            Kind::Format => "fmt",
            Kind::EnumValueAdded => "enum-add",
            Kind::EnumValueRemoved => "enum-rm",
            Kind::ConstraintAdded => "con-add",
            Kind::ConstraintRemoved => "con-rm",
            Kind::ConstraintTightened => "con-tight",
            Kind::ConstraintLoosened => "con-loose",
            Kind::ConstraintChanged => "con-chg",
            Kind::RuleAdded => "rule-add",
            Kind::RuleRemoved => "rule-rm",
            Kind::RuleChanged => "rule-chg",
            Kind::Default => "dflt",
            Kind::RustName => "name",
            Kind::ClientConfig => "cfg",
            Kind::RegionAdded => "reg-add",
            Kind::RegionRemoved => "reg-rm",
            Kind::RegionEndpoint => "reg-url",
            Kind::DefaultRegion => "reg-dflt",
            Kind::AuthAdded => "auth-add",
            Kind::AuthRemoved => "auth-rm",
            Kind::AuthChanged => "auth-chg",
            Kind::DefaultSecurity => "auth-dflt",
            Kind::SettingAdded => "set-add",
            Kind::SettingRemoved => "set-rm",
            Kind::SettingChanged => "set-chg",
            Kind::ErrorFormat => "err-fmt",
            Kind::UserAgent => "ua",
            Kind::ClientEnv => "env",
            Kind::DefaultServer => "srv-dflt",
            Kind::ServerVariable => "srv-var",
            Kind::CrateRenamed => "crate",
            Kind::Docs => "doc",
            Kind::Example => "ex",
            Kind::Info => "info",
        }
    }

    /// Documentation-only kinds, listed apart in the report.
    pub fn is_doc(self) -> bool {
        matches!(self, Kind::Docs | Kind::Example | Kind::Info)
    }
}

/// One change between the two specs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Stable id: the kind's code and a fingerprint of (kind, location, old, new), e.g.
    /// `req-opt-1c9e02ab`. It does not depend on the other changes in the report.
    pub id: String,
    /// What kind of change.
    pub kind: Kind,
    /// Where it is reported.
    pub group: Group,
    /// What changed, in spec terms (`CreateGlobalAssetScanTaskRequestBody.host_ids`,
    /// `CreateTask query.enterprise_project_id`).
    pub location: String,
    /// The base's value, rendered as text (absent for an addition).
    pub old: Option<String>,
    /// The head's value, rendered as text (absent for a removal).
    pub new: Option<String>,
    /// One line saying what changed.
    pub summary: String,
    /// The wire verdict.
    pub wire: Wire,
    /// The side the wire verdict is about.
    pub direction: Direction,
    /// Why the wire verdict is what it is.
    pub wire_note: String,
    /// The Rust verdict.
    pub rust: RustImpact,
    /// What changes in the generated Rust API (`T::f: bool -> Option<bool>`, `validation stricter:
    /// ...`).
    pub rust_effect: String,
}

impl Change {
    /// Documentation only (listed apart).
    pub fn is_doc(&self) -> bool {
        self.kind.is_doc()
    }
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The generated crate's package name.
    pub crate_name: String,
    /// The generated crate's version (`x-crate.version`).
    pub crate_version: String,
    /// `info.version` of the spec.
    pub api_version: String,
}

/// An operation as shown in group headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperationInfo {
    /// HTTP method, upper case.
    pub method: String,
    /// Path template.
    pub path: String,
    /// Client method name.
    pub rust_name: String,
}

/// The whole comparison: build it with [`crate::diff::diff`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The old spec (`--base`, or the first file).
    pub base: Side,
    /// The new spec (the working tree, or the second file).
    pub head: Side,
    /// Every change, sorted by a fixed key (group, documentation last, location, kind, values).
    pub changes: Vec<Change>,
    /// Operations named by the groups, with method and path.
    pub operations: BTreeMap<String, OperationInfo>,
    /// For each type group: the operations that use the type (`CreateTask request`).
    pub type_users: BTreeMap<String, Vec<String>>,
}
