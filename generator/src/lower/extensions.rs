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

use super::operations::path_template_names;
use super::{non_empty, ptr, Lowerer, Result};
use crate::ir::*;
use crate::naming::{self, Deduper};
use crate::Options;
use openapiv3 as oa;
use serde_json::Value;
use std::collections::BTreeMap;

/// Extensions documented in spec/README.md for the project's other tools (`cargo xtask docs`),
/// allowed anywhere and ignored by the generator.
const OTHER_TOOLS: &[&str] = &["x-doc-decisions"];

/// Methods of `ClientBuilder` (the runtime's, the generated `new`, `region` and `default`, and
/// those of `Clone` and `Debug`): a client setting may not take one of these names. A test checks
/// the list against `generator/runtime/client.rs`.
const CLIENT_BUILDER_METHODS: &[&str] = &[
    "new",
    "for_service",
    "region",
    "region_id",
    "endpoint_url",
    "server_variable",
    "credentials",
    "setting",
    "from_env",
    "connect_timeout",
    "request_timeout",
    "retry_policy",
    "user_agent",
    "build_config",
    "build_config_with",
    "build",
    "default",
    "clone",
    "fmt",
];

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

    /// Regions, the default region and the default server, from `servers`: a server with a
    /// `{region}` variable defines a region per value of its `enum`; a server with a fixed URL
    /// and `x-region` defines one region; the first other server is the default server (its
    /// variables set by the caller or taking their defaults).
    pub(super) fn servers(&mut self) -> Result<(Vec<Region>, Option<String>, Option<Server>)> {
        let mut regions: Vec<Region> = Vec::new();
        let mut default = None;
        let mut default_server = None;
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
            // Each server on its own: an error is recorded and the next one lowered.
            let lowered = (|| -> Result<()> {
                let at = ptr("#/servers", &i.to_string());
                self.check_extensions(&server.extensions, &at, &["x-region"])?;
                let vars = server.variables.clone().unwrap_or_default();
                let mut url = server.url.trim_end_matches('/').to_string();
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(self.err_hint(
                        ptr(&at, "url"),
                        format!("the server URL {:?} is not absolute", server.url),
                        "write the whole base URL, https://host[/base-path]",
                    ));
                }
                let names = path_template_names(&url).map_err(|m| self.err(ptr(&at, "url"), m))?;
                for name in names {
                    if !vars.contains_key(&name) {
                        return Err(self.err(
                            ptr(&at, "url"),
                            format!("the URL uses the variable {{{name}}}, which `variables` does not define"),
                        ));
                    }
                }
                for (name, var) in &vars {
                    if !url.contains(&format!("{{{name}}}")) {
                        return Err(self.err(
                            ptr(&ptr(&at, "variables"), name),
                            format!("the variable `{name}` is not used in the URL"),
                        ));
                    }
                    if !var.enumeration.is_empty() && !var.enumeration.contains(&var.default) {
                        return Err(self.err(
                            ptr(&ptr(&ptr(&at, "variables"), name), "default"),
                            format!(
                                "the default {:?} is not in the variable's enum",
                                var.default
                            ),
                        ));
                    }
                }
                if let Some(region_var) = vars.get("region") {
                    // Other variables take their defaults in region endpoints.
                    for (name, var) in &vars {
                        if name != "region" {
                            url = url.replace(&format!("{{{name}}}"), &var.default);
                        }
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
                } else if default_server.is_none() {
                    default_server = Some(Server {
                        url,
                        variables: vars
                            .iter()
                            .map(|(name, var)| ServerVariable {
                                name: name.clone(),
                                default: var.default.clone(),
                                allowed: var.enumeration.clone(),
                                docs: non_empty(&var.description),
                            })
                            .collect(),
                    });
                }
                Ok(())
            })();
            self.collect(lowered);
        }
        if let Some(d) = &default {
            if !regions.iter().any(|r| &r.id == d) {
                return Err(self.err(
                    "#/servers",
                    format!("the default region {d:?} is not in the region enum"),
                ));
            }
        }
        Ok((regions, default, default_server))
    }

    // ----- security schemes: x-signing, x-credential-env, x-value-schema -----

    /// The authentication schemes of `components.securitySchemes`: `apiKey` (header or query),
    /// `http` bearer and basic, and an `apiKey` with `x-signing` for request signing.
    pub(super) fn auth(&mut self) -> Result<Vec<AuthScheme>> {
        let Some(components) = &self.doc.components else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for (name, scheme) in &components.security_schemes {
            // Each scheme on its own: an error is recorded and the next one lowered. A scheme
            // that failed stays known by name (the spec is rejected anyway), so that the
            // requirements naming it do not report it again as unknown.
            let lowered = self.security_scheme(name, scheme);
            out.push(self.collect(lowered).unwrap_or_else(|| AuthScheme {
                name: name.clone(),
                docs: None,
                kind: AuthKind::Bearer { env: Vec::new() },
            }));
        }
        Ok(out)
    }

    /// One security scheme of `components.securitySchemes`.
    fn security_scheme(
        &mut self,
        name: &str,
        scheme: &oa::ReferenceOr<oa::SecurityScheme>,
    ) -> Result<AuthScheme> {
        let target = self.resolve(scheme, &ptr("#/components/securitySchemes", name))?;
        let at = target.pointer;
        let (kind, description) = match target.item {
            oa::SecurityScheme::APIKey {
                location,
                name: key_name,
                description,
                extensions,
            } => {
                self.check_extensions(
                    extensions,
                    &at,
                    &["x-signing", "x-credential-env", "x-value-schema"],
                )?;
                let kind = if let Some(alg) = extensions.get("x-signing") {
                    if extensions.contains_key("x-value-schema") {
                        return Err(self.err(
                            ptr(&at, "x-value-schema"),
                            "x-value-schema applies to token schemes, not to a signing scheme",
                        ));
                    }
                    let env = self.credential_env(
                        extensions.get("x-credential-env"),
                        &at,
                        &["access_key", "secret_key", "security_token"],
                    )?;
                    AuthKind::Signing {
                        algorithm: self.signing_algorithm(alg, &at)?,
                        env: CredentialEnv {
                            access_key: env.get("access_key").cloned().unwrap_or_default(),
                            secret_key: env.get("secret_key").cloned().unwrap_or_default(),
                            security_token: env
                                .get("security_token")
                                .cloned()
                                .unwrap_or_default(),
                        },
                    }
                } else {
                    let location = match location {
                        oa::APIKeyLocation::Header => KeyLocation::Header,
                        oa::APIKeyLocation::Query => KeyLocation::Query,
                        oa::APIKeyLocation::Cookie => {
                            return Err(self.err_hint(
                                ptr(&at, "in"),
                                "API keys in a cookie are not supported",
                                "use `in: header` or `in: query`",
                            ))
                        }
                    };
                    let env =
                        self.credential_env(extensions.get("x-credential-env"), &at, &["token"])?;
                    AuthKind::ApiKey {
                        location,
                        name: key_name.clone(),
                        constraints: self.value_schema(extensions.get("x-value-schema"), &at)?,
                        env: env.get("token").cloned().unwrap_or_default(),
                    }
                };
                (kind, description)
            }
            oa::SecurityScheme::HTTP {
                scheme: http_scheme,
                description,
                extensions,
                ..
            } => {
                self.check_extensions(extensions, &at, &["x-credential-env"])?;
                let kind = match http_scheme.to_ascii_lowercase().as_str() {
                    "bearer" => {
                        let env = self.credential_env(
                            extensions.get("x-credential-env"),
                            &at,
                            &["token"],
                        )?;
                        AuthKind::Bearer {
                            env: env.get("token").cloned().unwrap_or_default(),
                        }
                    }
                    "basic" => {
                        let env = self.credential_env(
                            extensions.get("x-credential-env"),
                            &at,
                            &["username", "password"],
                        )?;
                        AuthKind::Basic {
                            username_env: env.get("username").cloned().unwrap_or_default(),
                            password_env: env.get("password").cloned().unwrap_or_default(),
                        }
                    }
                    other => {
                        return Err(self.err_hint(
                            ptr(&at, "scheme"),
                            format!("the http authentication scheme {other:?} is not supported"),
                            "use `scheme: bearer` or `scheme: basic`",
                        ))
                    }
                };
                (kind, description)
            }
            oa::SecurityScheme::OAuth2 { .. } | oa::SecurityScheme::OpenIDConnect { .. } => {
                return Err(self.err_hint(
                    ptr(&at, "type"),
                    "oauth2 and openIdConnect security schemes are not supported",
                    "describe the token as `type: http, scheme: bearer`; obtaining it is up to the caller",
                ))
            }
        };
        Ok(AuthScheme {
            name: name.to_string(),
            docs: non_empty(description),
            kind,
        })
    }

    /// A security requirement (`security` at the root or on an operation) as alternatives of
    /// scheme names; an empty requirement becomes the one alternative that needs no scheme. `at`
    /// is the `security` node.
    pub(super) fn security_requirement(
        &self,
        requirement: &[oa::SecurityRequirement],
        at: &str,
        schemes: &[AuthScheme],
    ) -> Result<Vec<Vec<String>>> {
        let mut out = Vec::new();
        for (i, alternative) in requirement.iter().enumerate() {
            let at = ptr(at, &i.to_string());
            if alternative.len() > 1 {
                return Err(self.err_hint(
                    at,
                    "a security requirement that needs several schemes at once is not supported",
                    "list the schemes as separate alternatives (`- a: []` and `- b: []`)",
                ));
            }
            for (name, scopes) in alternative {
                if !schemes.iter().any(|s| &s.name == name) {
                    return Err(self.err_hint(
                        ptr(&at, name),
                        format!("unknown security scheme {name:?}"),
                        "name a scheme of components.securitySchemes",
                    ));
                }
                if !scopes.is_empty() {
                    return Err(self.err(
                        ptr(&at, name),
                        "scopes are not supported: the supported schemes take none",
                    ));
                }
            }
            out.push(alternative.keys().cloned().collect());
        }
        // No requirement (`security: []`, or none at the root) means no authentication: one
        // alternative that needs no scheme.
        if out.is_empty() {
            out.push(Vec::new());
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

    /// `x-value-schema`: length limits of a token, written as a string schema. `at` is the
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
        let lengths_only = Constraints {
            min_length: shape.constraints.min_length,
            max_length: shape.constraints.max_length,
            ..Constraints::default()
        };
        if shape.constraints != lengths_only {
            return Err(self.err_hint(
                vat,
                "x-value-schema supports minLength and maxLength only",
                "remove the other keywords",
            ));
        }
        Ok(shape.constraints)
    }

    /// `x-credential-env`: the environment variables that hold credentials, by credential.
    /// `keys` are the credentials the scheme takes. `at` is the security scheme.
    fn credential_env(
        &self,
        v: Option<&Value>,
        at: &str,
        keys: &[&str],
    ) -> Result<BTreeMap<String, Vec<String>>> {
        let at = ptr(at, "x-credential-env");
        let mut env = BTreeMap::new();
        let Some(v) = v else { return Ok(env) };
        let Value::Object(map) = v else {
            return Err(self.err(
                at,
                "x-credential-env must be a mapping of lists of variable names",
            ));
        };
        for (key, names) in map {
            if !keys.contains(&key.as_str()) {
                return Err(self.err_hint(
                    ptr(&at, key),
                    format!("unknown credential {key:?} for this scheme"),
                    format!("use {}", keys.join(", ")),
                ));
            }
            env.insert(key.clone(), self.name_list(names, &ptr(&at, key))?);
        }
        Ok(env)
    }

    /// A list of names (environment variables, header names, field paths). `at` is the list.
    fn name_list(&self, v: &Value, at: &str) -> Result<Vec<String>> {
        let list = match v {
            Value::Array(items) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                })
                .collect::<Option<Vec<_>>>(),
            _ => None,
        };
        list.ok_or_else(|| self.err(at, "expected a list of non-empty names"))
    }

    /// Rejects `x-` keys of `extensions` other than `known` and those of [`OTHER_TOOLS`]: an
    /// extension the generator does not read where it is written would do nothing.
    fn check_extensions(
        &self,
        extensions: &indexmap::IndexMap<String, Value>,
        at: &str,
        known: &[&str],
    ) -> Result<()> {
        for key in extensions.keys() {
            if !known.contains(&key.as_str()) && !OTHER_TOOLS.contains(&key.as_str()) {
                return Err(self.err_hint(
                    ptr(at, key),
                    format!("unknown extension {key:?} here"),
                    if known.is_empty() {
                        "no extension applies here; remove it".to_string()
                    } else {
                        format!("the extensions read here are {}", known.join(", "))
                    },
                ));
            }
        }
        Ok(())
    }

    // ----- x-client -----

    /// `x-client` (top level): client settings, the error body format, the user agent and the
    /// environment variables of the endpoint and region.
    pub(super) fn client_info(&self, krate: &CrateInfo, has_regions: bool) -> Result<ClientInfo> {
        let at = "#/x-client";
        let env_prefix = krate.lib_name.to_uppercase();
        let mut info = ClientInfo {
            user_agent: format!("{}/{}", krate.name, krate.version),
            settings: Vec::new(),
            errors: ErrorFormat::default(),
            endpoint_env: format!("{env_prefix}_ENDPOINT"),
            region_env: has_regions.then(|| format!("{env_prefix}_REGION")),
        };
        let Some(ext) = self.doc.extensions.get("x-client") else {
            return Ok(info);
        };
        let Value::Object(map) = ext else {
            return Err(self.err(at, "x-client must be a mapping"));
        };
        let string = |key: &str, v: &Value| -> Result<String> {
            v.as_str()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .ok_or_else(|| self.err(ptr(at, key), "expected a non-empty string"))
        };
        for (key, v) in map {
            match key.as_str() {
                "user-agent" => info.user_agent = string(key, v)?,
                "endpoint-env" => info.endpoint_env = string(key, v)?,
                "region-env" => {
                    if !has_regions {
                        return Err(self.err(ptr(at, key), "the spec defines no regions"));
                    }
                    info.region_env = Some(string(key, v)?);
                }
                "settings" => info.settings = self.settings(v, &ptr(at, key))?,
                "errors" => info.errors = self.error_format(v, &ptr(at, key))?,
                other => {
                    return Err(self.err_hint(
                        ptr(at, other),
                        format!("unknown key {other:?} in x-client"),
                        "use user-agent, endpoint-env, region-env, settings or errors",
                    ))
                }
            }
        }
        if info.user_agent.chars().any(|c| !(' '..='~').contains(&c)) {
            return Err(self.err(
                ptr(at, "user-agent"),
                "the user agent must be printable ASCII (it is sent as a header)",
            ));
        }
        Ok(info)
    }

    /// `x-client.settings`: a mapping of setting name to `{description, env, header}`.
    fn settings(&self, v: &Value, at: &str) -> Result<Vec<Setting>> {
        let Value::Object(map) = v else {
            return Err(self.err(at, "settings must be a mapping of setting names"));
        };
        let mut out = Vec::new();
        let mut methods = Deduper::default();
        for (name, def) in map {
            let sat = ptr(at, name);
            let method = naming::field_name(name);
            if method.starts_with("r#") || method.ends_with('_') || method != *name {
                return Err(self.err_hint(
                    sat,
                    format!("the setting name {name:?} is not a plain snake_case identifier"),
                    "name settings like `project_id`: they become ClientBuilder methods",
                ));
            }
            if CLIENT_BUILDER_METHODS.contains(&name.as_str()) {
                return Err(self.err_hint(
                    sat,
                    format!("the setting name {name:?} is a method of ClientBuilder already"),
                    "choose another name",
                ));
            }
            methods.unique(method.clone(), "_");
            let Value::Object(def) = def else {
                return Err(self.err(sat, "a setting is a mapping (description, env, header)"));
            };
            let mut setting = Setting {
                name: name.clone(),
                method,
                docs: None,
                env: Vec::new(),
                header: None,
            };
            for (key, v) in def {
                match key.as_str() {
                    "description" => {
                        setting.docs = v
                            .as_str()
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty());
                        if setting.docs.is_none() {
                            return Err(self.err(ptr(&sat, key), "expected a non-empty string"));
                        }
                    }
                    "env" => setting.env = self.name_list(v, &ptr(&sat, key))?,
                    "header" => {
                        let header = v.as_str().map(str::trim).unwrap_or_default();
                        let valid = !header.is_empty()
                            && header
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
                        if !valid {
                            return Err(self.err(
                                ptr(&sat, key),
                                "expected a header name (letters, digits, `-` and `_`)",
                            ));
                        }
                        setting.header = Some(header.to_string());
                    }
                    other => {
                        return Err(self.err_hint(
                            ptr(&sat, other),
                            format!("unknown key {other:?} in a setting"),
                            "use description, env or header",
                        ))
                    }
                }
            }
            out.push(setting);
        }
        Ok(out)
    }

    /// `x-client.errors`: where an error body keeps its fields.
    fn error_format(&self, v: &Value, at: &str) -> Result<ErrorFormat> {
        let Value::Object(map) = v else {
            return Err(self.err(
                at,
                "errors must be a mapping (code, message, request-id, request-id-headers)",
            ));
        };
        let mut format = ErrorFormat::default();
        for (key, v) in map {
            let list = self.name_list(v, &ptr(at, key))?;
            match key.as_str() {
                "code" => format.code = list,
                "message" => format.message = list,
                "request-id" => format.request_id = list,
                "request-id-headers" => format.request_id_headers = list,
                other => {
                    return Err(self.err_hint(
                        ptr(at, other),
                        format!("unknown key {other:?} in x-client.errors"),
                        "use code, message, request-id or request-id-headers",
                    ))
                }
            }
        }
        Ok(format)
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
            // Each rule on its own: an error is recorded and the next one lowered.
            let rules = self.lower_rules(&rule);
            let Some(rules) = self.collect(rules) else {
                continue;
            };
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
            Some(Value::String(s)) if self.settings.iter().any(|known| known == s) => {
                Ok(Some(s.clone()))
            }
            Some(Value::String(s)) => Err(self.err_hint(
                ptr(at, "x-client-config"),
                format!("{s:?} is not a client setting"),
                if self.settings.is_empty() {
                    "declare it under x-client.settings".to_string()
                } else {
                    format!(
                        "declare it under x-client.settings, or use one of {}",
                        self.settings.join(", ")
                    )
                },
            )),
            Some(_) => Err(self.err_hint(
                ptr(at, "x-client-config"),
                "x-client-config must name a client setting",
                "name a setting of x-client.settings, such as `x-client-config: project_id`",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CLIENT_BUILDER_METHODS;

    #[test]
    fn every_client_builder_method_is_reserved_for_settings() {
        let runtime = include_str!("../../runtime/client.rs");
        let start = runtime
            .find("impl ClientBuilder {")
            .expect("the runtime has impl ClientBuilder");
        let end = start + runtime[start..].find("\n}\n").expect("the impl ends");
        let methods: Vec<&str> = runtime[start..end]
            .split("pub fn ")
            .skip(1)
            .filter_map(|rest| rest.split(['(', '<']).next())
            .collect();
        assert!(methods.len() > 10, "{methods:?}");
        for method in methods {
            assert!(
                CLIENT_BUILDER_METHODS.contains(&method),
                "ClientBuilder::{method} is not in CLIENT_BUILDER_METHODS"
            );
        }
    }
}
