//! Vendor extensions: each `x-` key the generator reads is parsed here, and only here, into IR
//! data (spec/README.md documents them). Standard OpenAPI keywords that an extension qualifies
//! (servers with `x-region`, security schemes with `x-signing`) are read here with it.
//!
//! - `x-crate` (top level): the generated crate's package identity.
//! - `servers` and `x-region` (on a server): regions and their endpoints.
//! - `components.securitySchemes` with `x-signing`, `x-credential-env` and `x-value-schema`:
//!   authentication schemes.
//! - `x-enum-descriptions` (on an enum schema): variant documentation.
//! - `x-required-when` (on an object schema): conditional requirement rules, resolved once every
//!   type exists.
//! - `x-client-config` (on a parameter): the client setting that supplies its value.

use super::{non_empty, ptr, Lowerer, Result};
use crate::ir::*;
use crate::naming::{self, Deduper};
use crate::Options;
use openapiv3 as oa;
use serde_json::Value;
use std::collections::BTreeMap;

/// An `x-required-when` rule waiting for every type to exist (a condition may name an enum type
/// lowered later).
pub(super) struct PendingRule {
    type_name: String,
    pointer: String,
    raw: Value,
}

impl<'a> Lowerer<'a> {
    // ----- x-crate -----

    /// The generated crate's identity: `x-crate`, with the name overridable by an option.
    pub(super) fn crate_info(&self, options: &Options) -> Result<CrateInfo> {
        let pointer = "#/x-crate";
        let ext = self.doc.extensions.get("x-crate");
        let field = |key: &str| -> Result<Option<String>> {
            match ext.and_then(|e| e.get(key)) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(self.err(ptr(pointer, key), "expected a string")),
            }
        };
        if let Some(e) = ext {
            if !e.is_object() {
                return Err(self.err(
                    pointer,
                    "x-crate must be a mapping (name, version, description)",
                ));
            }
        }
        let name = match (&options.crate_name, field("name")?) {
            (Some(n), _) => n.clone(),
            (None, Some(n)) => n,
            (None, None) => {
                return Err(self.err_hint(
                    pointer,
                    "the spec does not name the generated crate",
                    "add `x-crate: {name: my-api-client, version: 0.1.0}` at the top level, or pass --crate-name",
                ))
            }
        };
        let valid_name = !name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid_name {
            return Err(self.err_hint(
                ptr(pointer, "name"),
                format!("{name:?} is not a valid Cargo package name"),
                "use ASCII letters, digits, `-` and `_`, starting with a letter",
            ));
        }
        let version = field("version")?.unwrap_or_else(|| "0.1.0".to_string());
        let parts: Vec<&str> = version.split('.').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.parse::<u64>().is_err()) {
            return Err(self.err_hint(
                ptr(pointer, "version"),
                format!("{version:?} is not a MAJOR.MINOR.PATCH version"),
                "write a plain semver version such as 0.1.0",
            ));
        }
        Ok(CrateInfo {
            lib_name: naming::lib_name(&name),
            name,
            version,
            description: field("description")?,
        })
    }
    // ----- servers and x-region -----

    /// Regions and the default region, from `servers` (a `{region}` variable, or `x-region` on
    /// a server with a fixed URL).
    pub(super) fn regions(&self) -> Result<(Vec<Region>, Option<String>)> {
        let mut regions: Vec<Region> = Vec::new();
        let mut default = None;
        let mut dedupe = Deduper::default();
        let mut push = |l: &Self, id: String, endpoint: String, at: &str| -> Result<()> {
            if regions.iter().any(|r| r.id == id) {
                return Err(l.err_hint(
                    at,
                    format!("region {id:?} is defined twice"),
                    "each region ID may appear in one server only",
                ));
            }
            regions.push(Region {
                rust_name: dedupe.unique(naming::variant_name(&id), ""),
                id,
                endpoint,
            });
            Ok(())
        };
        for (i, server) in self.doc.servers.iter().enumerate() {
            let at = ptr("#/servers", &i.to_string());
            let vars = server.variables.clone().unwrap_or_default();
            // Other variables take their defaults.
            let mut url = server.url.clone();
            for (name, var) in &vars {
                if name != "region" {
                    url = url.replace(&format!("{{{name}}}"), &var.default);
                }
            }
            if let Some(region_var) = vars.get("region") {
                if !url.contains("{region}") {
                    return Err(
                        self.err(ptr(&at, "url"), "variable `region` is not used in the URL")
                    );
                }
                if region_var.enumeration.is_empty() {
                    return Err(self.err_hint(
                        ptr(&ptr(&at, "variables"), "region"),
                        "the region variable has no enum of region IDs",
                        "list the region IDs under `enum:`",
                    ));
                }
                for id in &region_var.enumeration {
                    push(self, id.clone(), url.replace("{region}", id), &at)?;
                }
                default.get_or_insert_with(|| region_var.default.clone());
            } else if let Some(id) = server.extensions.get("x-region") {
                let Value::String(id) = id else {
                    return Err(
                        self.err(ptr(&at, "x-region"), "x-region must be a region ID string")
                    );
                };
                if url.contains('{') {
                    return Err(self.err(
                        ptr(&at, "url"),
                        "a server with x-region must have a fixed URL",
                    ));
                }
                push(self, id.clone(), url, &at)?;
            }
        }
        if let Some(d) = &default {
            if !regions.iter().any(|r| &r.id == d) {
                return Err(self.err(
                    "#/servers",
                    format!("the default region {d:?} is not in the region enum"),
                ));
            }
        }
        Ok((regions, default))
    }

    // ----- security schemes: x-signing, x-credential-env, x-value-schema -----

    /// The authentication schemes of `components.securitySchemes`.
    pub(super) fn auth(&mut self) -> Result<Vec<AuthScheme>> {
        let Some(components) = &self.doc.components else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let target = self.resolve(scheme, &ptr("#/components/securitySchemes", name))?;
            let at = target.pointer;
            let oa::SecurityScheme::APIKey {
                location,
                name: header,
                description,
                extensions,
            } = target.item
            else {
                return Err(self.err_hint(
                    at,
                    "only apiKey security schemes are supported",
                    "describe token auth as `type: apiKey, in: header`, and request signing with `x-signing`",
                ));
            };
            let kind = if let Some(alg) = extensions.get("x-signing") {
                AuthKind::Signing {
                    algorithm: self.signing_algorithm(alg, &at)?,
                    env: self.credential_env(extensions.get("x-credential-env"), &at)?,
                }
            } else {
                if !matches!(location, oa::APIKeyLocation::Header) {
                    return Err(self.err_hint(
                        ptr(&at, "in"),
                        "only header API keys are supported",
                        "set `in: header`",
                    ));
                }
                AuthKind::HeaderToken {
                    header: header.clone(),
                    constraints: self.value_schema(extensions.get("x-value-schema"), &at)?,
                }
            };
            out.push(AuthScheme {
                name: name.clone(),
                docs: non_empty(description),
                kind,
            });
        }
        Ok(out)
    }

    /// `x-signing`: the request signing algorithm. `at` is the security scheme.
    fn signing_algorithm(&self, alg: &Value, at: &str) -> Result<SigningAlgorithm> {
        match alg.as_str() {
            Some("SDK-HMAC-SHA256") => Ok(SigningAlgorithm::SdkHmacSha256),
            _ => Err(self.err_hint(
                ptr(at, "x-signing"),
                format!("unsupported signing algorithm {alg}"),
                "the runtime implements SDK-HMAC-SHA256",
            )),
        }
    }

    /// `x-value-schema`: constraints on a header token, written as a string schema. `at` is the
    /// security scheme.
    fn value_schema(&mut self, v: Option<&Value>, at: &str) -> Result<Constraints> {
        let Some(v) = v else {
            return Ok(Constraints::default());
        };
        let vat = ptr(at, "x-value-schema");
        let schema: oa::Schema = serde_json::from_value(v.clone())
            .map_err(|e| self.err(vat.clone(), format!("not a schema: {e}")))?;
        let shape = self.shape(&schema, &vat, "token")?;
        if !matches!(shape.ty, TypeRef::String { .. }) {
            return Err(self.err(vat, "x-value-schema must be a string schema"));
        }
        Ok(shape.constraints)
    }

    /// `x-credential-env`: the environment variables that hold credentials. `at` is the security
    /// scheme.
    fn credential_env(&self, v: Option<&Value>, at: &str) -> Result<CredentialEnv> {
        let at = ptr(at, "x-credential-env");
        let mut env = CredentialEnv::default();
        let Some(v) = v else { return Ok(env) };
        let Value::Object(map) = v else {
            return Err(self.err(
                at,
                "x-credential-env must be a mapping of lists of variable names",
            ));
        };
        for (key, names) in map {
            let list = match names {
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>(),
                _ => None,
            }
            .ok_or_else(|| {
                self.err(
                    ptr(&at, key),
                    "expected a list of environment variable names",
                )
            })?;
            match key.as_str() {
                "access_key" => env.access_key = list,
                "secret_key" => env.secret_key = list,
                "security_token" => env.security_token = list,
                "project_id" => env.project_id = list,
                _ => {
                    return Err(self.err_hint(
                        ptr(&at, key),
                        format!("unknown credential {key:?}"),
                        "use access_key, secret_key, security_token or project_id",
                    ))
                }
            }
        }
        Ok(env)
    }

    // ----- x-enum-descriptions -----

    /// `x-enum-descriptions`: documentation of enum values, by wire value. `pointer` is the
    /// schema.
    pub(super) fn enum_descriptions(
        &self,
        schema: &oa::Schema,
        pointer: &str,
    ) -> Result<BTreeMap<String, String>> {
        let Some(ext) = schema.schema_data.extensions.get("x-enum-descriptions") else {
            return Ok(BTreeMap::new());
        };
        let at = ptr(pointer, "x-enum-descriptions");
        let Value::Object(map) = ext else {
            return Err(self.err_hint(
                at,
                "x-enum-descriptions must be a mapping",
                "write `value: description` pairs",
            ));
        };
        let mut out = BTreeMap::new();
        for (k, v) in map {
            let Value::String(text) = v else {
                return Err(self.err(ptr(&at, k), "expected a string description"));
            };
            out.insert(k.clone(), text.clone());
        }
        Ok(out)
    }

    // ----- x-required-when -----

    /// Remembers an object schema's `x-required-when`, to be lowered by [`Self::resolve_rules`].
    pub(super) fn defer_required_when(
        &mut self,
        type_name: &str,
        schema: &oa::Schema,
        pointer: &str,
    ) {
        if let Some(raw) = schema.schema_data.extensions.get("x-required-when") {
            self.pending_rules.push(PendingRule {
                type_name: type_name.to_string(),
                pointer: ptr(pointer, "x-required-when"),
                raw: raw.clone(),
            });
        }
    }

    /// Lowers the deferred `x-required-when` rules into their structs; every type exists now.
    pub(super) fn resolve_rules(&mut self) -> Result<()> {
        for rule in std::mem::take(&mut self.pending_rules) {
            let rules = self.lower_rules(&rule)?;
            if let Some(TypeDef {
                kind: TypeKind::Struct(s),
                ..
            }) = self.types.get_mut(&rule.type_name)
            {
                s.rules = rules;
            }
        }
        Ok(())
    }

    fn lower_rules(&self, rule: &PendingRule) -> Result<Vec<RequiredWhen>> {
        let Some(TypeDef {
            kind: TypeKind::Struct(s),
            ..
        }) = self.types.get(&rule.type_name)
        else {
            return Err(self.err(
                &rule.pointer,
                "x-required-when is only allowed on object schemas",
            ));
        };
        let hint = "write a list of `{require: [prop, ...], when: {property: p, equals: v}}` (or `in: [v, ...]`)";
        let Value::Array(items) = &rule.raw else {
            return Err(self.err_hint(
                &rule.pointer,
                "x-required-when must be a list of rules",
                hint,
            ));
        };
        let field_by_wire = |at: &str, name: &Value| -> Result<&Field> {
            let Value::String(name) = name else {
                return Err(self.err_hint(at, "expected a property name", hint));
            };
            s.fields
                .iter()
                .find(|f| &f.wire_name == name)
                .ok_or_else(|| {
                    self.err_hint(
                        at,
                        format!("{name:?} is not a property of this object"),
                        "name one of the properties defined in `properties`",
                    )
                })
        };
        let name_of = |f: &Field| FieldName {
            rust_name: f.rust_name.clone(),
            wire_name: f.wire_name.clone(),
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = ptr(&rule.pointer, &i.to_string());
            let Value::Object(map) = item else {
                return Err(self.err_hint(at, "a rule must be a mapping", hint));
            };
            for key in map.keys() {
                if !matches!(key.as_str(), "require" | "when" | "description") {
                    return Err(self.err_hint(ptr(&at, key), format!("unknown key {key:?}"), hint));
                }
            }
            let require = match map.get("require") {
                Some(Value::Array(names)) if !names.is_empty() => names
                    .iter()
                    .enumerate()
                    .map(|(j, n)| {
                        field_by_wire(&ptr(&ptr(&at, "require"), &j.to_string()), n).map(name_of)
                    })
                    .collect::<Result<Vec<_>>>()?,
                _ => {
                    return Err(self.err_hint(
                        ptr(&at, "require"),
                        "`require` must be a non-empty list of property names",
                        hint,
                    ))
                }
            };
            let when_at = ptr(&at, "when");
            let Some(Value::Object(when)) = map.get("when") else {
                return Err(self.err_hint(when_at, "`when` must be a mapping", hint));
            };
            let field = field_by_wire(
                &ptr(&when_at, "property"),
                when.get("property").unwrap_or(&Value::Null),
            )?;
            let raw_values: Vec<(String, &Value)> = match (when.get("equals"), when.get("in")) {
                (Some(v), None) => vec![(ptr(&when_at, "equals"), v)],
                (None, Some(Value::Array(vs))) if !vs.is_empty() => vs
                    .iter()
                    .enumerate()
                    .map(|(j, v)| (ptr(&ptr(&when_at, "in"), &j.to_string()), v))
                    .collect(),
                _ => {
                    return Err(self.err_hint(
                        when_at,
                        "`when` needs exactly one of `equals: value` or `in: [values]`",
                        hint,
                    ))
                }
            };
            let values = raw_values
                .into_iter()
                .map(|(vat, v)| self.literal(&vat, field, v))
                .collect::<Result<Vec<_>>>()?;
            let description = match map.get("description") {
                None => None,
                Some(Value::String(d)) => Some(d.clone()),
                Some(_) => return Err(self.err(ptr(&at, "description"), "expected a string")),
            };
            out.push(RequiredWhen {
                require,
                when: Condition {
                    field: name_of(field),
                    values,
                },
                description,
            });
        }
        Ok(out)
    }

    /// Matches a condition value to the type of the field it is compared with.
    fn literal(&self, at: &str, field: &Field, v: &Value) -> Result<Literal> {
        let mismatch = |expected: &str| {
            self.err_hint(
                at,
                format!(
                    "value {v} does not match the type of {:?} ({expected})",
                    field.wire_name
                ),
                "compare with a value of the property's own type",
            )
        };
        match (&field.shape.ty, v) {
            (TypeRef::Bool, Value::Bool(b)) => Ok(Literal::Bool(*b)),
            (TypeRef::Bool, _) => Err(mismatch("boolean")),
            (TypeRef::Integer(_), Value::Number(n)) if n.is_i64() => {
                Ok(Literal::Int(n.as_i64().unwrap_or_default()))
            }
            (TypeRef::Integer(_), _) => Err(mismatch("integer")),
            (TypeRef::String { .. }, Value::String(s)) => Ok(Literal::Str(s.clone())),
            (TypeRef::String { .. }, _) => Err(mismatch("string")),
            (TypeRef::Named(name), _) => match self.types.get(name).map(|t| &t.kind) {
                Some(TypeKind::StringEnum(e)) => {
                    let Value::String(s) = v else {
                        return Err(mismatch("string enum"));
                    };
                    let variant = e.variants.iter().find(|x| &x.value == s).ok_or_else(|| {
                        self.err_hint(
                            at,
                            format!("{s:?} is not one of the values of {:?}", field.wire_name),
                            format!(
                                "use one of: {}",
                                e.variants
                                    .iter()
                                    .map(|x| x.value.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )
                    })?;
                    Ok(Literal::StringVariant {
                        enum_name: name.clone(),
                        variant: variant.rust_name.clone(),
                        value: s.clone(),
                    })
                }
                Some(TypeKind::IntEnum(e)) => {
                    let n = v.as_i64().ok_or_else(|| mismatch("integer enum"))?;
                    let variant = e.variants.iter().find(|x| x.value == n).ok_or_else(|| {
                        self.err(
                            at,
                            format!("{n} is not one of the values of {:?}", field.wire_name),
                        )
                    })?;
                    Ok(Literal::IntVariant {
                        enum_name: name.clone(),
                        variant: variant.rust_name.clone(),
                        value: n,
                    })
                }
                _ => Err(mismatch("an object")),
            },
            _ => Err(self.err_hint(
                at,
                format!("conditions on {:?} are not supported", field.wire_name),
                "conditions compare booleans, integers, strings or enum values",
            )),
        }
    }

    // ----- x-client-config -----

    /// `x-client-config` on a parameter: the client setting that supplies the value. `at` is the
    /// parameter.
    pub(super) fn client_config(
        &self,
        extensions: &indexmap::IndexMap<String, Value>,
        at: &str,
    ) -> Result<Option<String>> {
        match extensions.get("x-client-config") {
            None => Ok(None),
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
            Some(_) => Err(self.err_hint(
                ptr(at, "x-client-config"),
                "x-client-config must name a client setting",
                "write `x-client-config: project_id`",
            )),
        }
    }
}
