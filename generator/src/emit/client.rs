//! The client: the public steps that build each operation's HTTP request and parse its response,
//! the `Client` with one async method per operation, the region table, and one example program
//! per operation.
//!
//! What is emitted, and where:
//! - [`for_operation`], appended to `src/operations/{op}.rs`: on `{Prefix}Request`,
//!   `build_request(&self, &Config)` (validates, resolves parameters the client configuration
//!   supplies, builds an unsigned `http::Request<Vec<u8>>`) and
//!   `parse_response(status, &headers, &body)` (the typed [`Response`] or an error), plus the
//!   constants `METHOD`, `PATH_TEMPLATE` and `IDEMPOTENT`. None of it needs the bundled transport.
//! - [`client_file`], `src/client.rs`: the environment variable names (`ENV_NAMES`, from
//!   `x-credential-env`), the checks of header-token secrets ([`validate::for_auth`]), a
//!   `ClientBuilder` that resolves the endpoint (explicit endpoint, region, environment, default
//!   region) into a runtime `Config`, and, behind the `transport` feature, `Client` with one
//!   `async fn {operation}(request)` per operation.
//! - [`regions_file`], `src/regions.rs`: `Region` (one variant per region of the spec) with
//!   `id()`, `endpoint()`, `from_id()`, `FromStr`/`TryFrom` returning `UnknownRegion` (never a
//!   panic), `ALL`, and the default region.
//! - [`examples`], `examples/{op}.rs`: a program sending the spec's example request, credentials
//!   read from the environment variables the spec names.
//!
//! [`Response`]: ../../../runtime/request/struct.Response.html

use super::models::setter_name;
use super::requests::request_type_name;
use super::types::{param_is_option, rust_type};
use super::validate;
use crate::ir::{
    Api, AuthKind, Bound, HttpMethod, Num, Operation, ParamLocation, Parameter, Shape, TypeKind,
    TypeRef,
};
use crate::naming::{field_name, ident};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;
use std::str::FromStr;

/// The runtime module of the generated crate.
fn rt() -> TokenStream {
    quote!(crate::runtime)
}

/// Doc attributes for `text`, each paragraph wrapped at 92 columns.
fn doc(text: &str) -> TokenStream {
    super::types::wrapped_doc_attrs(text, 92)
}

/// `http::Method::X` for a method.
fn method_tokens(method: HttpMethod) -> TokenStream {
    let m = format_ident!("{}", method.as_str());
    quote!(::http::Method::#m)
}

/// The body type of the success response: its documented type, or the runtime's `NoContent`.
fn success_type(op: &Operation) -> TokenStream {
    match op
        .success
        .and_then(|i| op.responses.get(i))
        .and_then(|r| r.body.as_ref())
    {
        Some(ty) => rust_type(ty),
        None => {
            let rt = rt();
            quote!(#rt::NoContent)
        }
    }
}

/// How a parameter's value is read from the client configuration.
enum ConfigSource {
    /// A string setting, used as it is.
    Str,
    /// A setting parsed with `FromStr` into the parameter's type.
    Parsed,
    /// A type that cannot come from a string setting: the request must give the value.
    Unsupported,
}

fn config_source(p: &Parameter) -> Option<ConfigSource> {
    p.client_config.as_ref()?;
    Some(match &p.shape.ty {
        TypeRef::String { .. } => ConfigSource::Str,
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) => ConfigSource::Parsed,
        TypeRef::Named(_) => ConfigSource::Parsed,
        TypeRef::Array(_) | TypeRef::Any => ConfigSource::Unsupported,
    })
}

/// Whether a named type can be parsed from a string (string and integer enums can be).
fn parsable(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(name) => matches!(
            api.type_def(name).map(|t| &t.kind),
            Some(TypeKind::StringEnum(_))
        ),
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) | TypeRef::String { .. } => true,
        _ => false,
    }
}

/// The local variable holding a parsed configured value.
fn configured_ident(p: &Parameter) -> proc_macro2::Ident {
    format_ident!("configured_{}", p.rust_name.trim_start_matches("r#"))
}

/// Items appended to `src/operations/{op}.rs`: building the HTTP request, parsing the response.
pub fn for_operation(api: &Api, op: &Operation) -> TokenStream {
    let rt = rt();
    let name = request_type_name(op);
    let method = method_tokens(op.method);
    let template = &op.path;
    let idempotent = op.method.is_idempotent();
    let response_ty = success_type(op);

    // Configured values that must be parsed from their setting's text.
    let mut parse_configured = Vec::new();
    let config_expr = |p: &Parameter| -> Option<TokenStream> {
        let setting = p.client_config.as_deref()?;
        match config_source(p)? {
            ConfigSource::Str => Some(quote!(config.setting(#setting))),
            ConfigSource::Parsed if parsable(api, &p.shape.ty) => {
                let v = configured_ident(p);
                Some(quote!(#v.as_ref()))
            }
            _ => Some(quote!(::std::option::Option::None)),
        }
    };
    for p in &op.params {
        let (Some(setting), Some(ConfigSource::Parsed)) = (&p.client_config, config_source(p))
        else {
            continue;
        };
        if !parsable(api, &p.shape.ty) {
            continue;
        }
        let v = configured_ident(p);
        let ty = rust_type(&p.shape.ty);
        let message = format!("client setting `{setting}`: the value is not a valid");
        let what = format!("{} parameter {}", p.location.as_str(), p.wire_name);
        parse_configured.push(quote! {
            let #v: ::std::option::Option<#ty> = match config.setting(#setting) {
                ::std::option::Option::Some(text) => ::std::option::Option::Some(
                    text.trim().parse::<#ty>().map_err(|_| {
                        #rt::Error::InvalidRequest(::std::format!("{} {}", #message, #what))
                    })?,
                ),
                ::std::option::Option::None => ::std::option::Option::None,
            };
        });
    }
    let validate_call = {
        let exprs: Vec<(String, TokenStream)> = op
            .params
            .iter()
            .filter_map(|p| Some((p.client_config.clone()?, config_expr(p)?)))
            .collect();
        validate::validate_call(op, &quote!(self), |setting| {
            exprs
                .iter()
                .find(|(s, _)| s == setting)
                .map(|(_, e)| e.clone())
                .unwrap_or_else(|| quote!(::std::option::Option::None))
        })
    };

    // The value of each parameter as sent: `resolved` statements, then builder calls.
    let mut resolved = Vec::new();
    let mut calls = Vec::new();
    let mut folds = Vec::new();
    for p in &op.params {
        let n = ident(&p.rust_name);
        let wire = &p.wire_name;
        // An expression of type Option<&T> (or &T when `always`) for the value sent.
        let (value, always) = if p.client_config.is_some() {
            let v = format_ident!("{}", p.rust_name.trim_start_matches("r#"));
            let explicit = match &p.shape.ty {
                TypeRef::String { .. } => quote!(self.#n.as_deref()),
                _ => quote!(self.#n.as_ref()),
            };
            let fallback = config_expr(p).unwrap_or_else(|| quote!(::std::option::Option::None));
            if p.required {
                let message = format!(
                    "{} parameter {} is not set, and the client configuration has no `{}`",
                    p.location.as_str(),
                    p.wire_name,
                    p.client_config.as_deref().unwrap_or_default()
                );
                resolved.push(quote! {
                    let #v = #explicit.or(#fallback).ok_or_else(|| #rt::Error::invalid(#message))?;
                });
                if p.client_config.as_deref() == Some("project_id") {
                    // The runtime sends the configured project ID as `X-Project-Id`; a request
                    // for another project names its own.
                    calls.push(quote!(.header("X-Project-Id", #v)));
                }
                (quote!(#v), true)
            } else {
                resolved.push(quote!(let #v = #explicit.or(#fallback);));
                (quote!(#v), false)
            }
        } else if param_is_option(p) {
            (quote!(self.#n.as_ref()), false)
        } else if matches!(
            p.shape.ty,
            TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_)
        ) && !p.shape.nullable
        {
            (quote!(self.#n), true)
        } else {
            (quote!(&self.#n), true)
        };
        let nullable_item = matches!(&p.shape.ty, TypeRef::Array(item) if item.nullable);
        let is_array = matches!(p.shape.ty, TypeRef::Array(_));
        match p.location {
            ParamLocation::Query if is_array => {
                let iter = if always {
                    quote!(#value.iter())
                } else {
                    quote!(#value.into_iter().flatten())
                };
                let iter = if nullable_item {
                    quote!(#iter.flatten())
                } else {
                    iter
                };
                folds.push(quote! {
                    let builder = #iter.fold(builder, |builder, item| builder.query(#wire, item));
                });
            }
            location => {
                // Arrays in a path or header: comma-separated (OpenAPI `simple` style).
                let value = if is_array {
                    let join = if nullable_item {
                        quote!(items
                            .iter()
                            .flatten()
                            .map(::std::string::ToString::to_string)
                            .collect::<::std::vec::Vec<_>>()
                            .join(","))
                    } else {
                        quote!(items
                            .iter()
                            .map(::std::string::ToString::to_string)
                            .collect::<::std::vec::Vec<_>>()
                            .join(","))
                    };
                    if always {
                        quote!({ let items = #value; #join })
                    } else {
                        quote!(#value.map(|items| #join))
                    }
                } else if p.shape.nullable && always {
                    // A required, nullable value: `None` is not sent.
                    quote!(#value.as_ref())
                } else {
                    value
                };
                let always = always && (is_array || !p.shape.nullable);
                let call = match (location, always) {
                    (ParamLocation::Path, true) => quote!(.path_param(#wire, #value)),
                    (ParamLocation::Path, false) => {
                        let message = format!("path parameter {wire} is not set");
                        resolved.push(quote! {
                            if #value.is_none() {
                                return ::std::result::Result::Err(#rt::Error::invalid(#message));
                            }
                        });
                        quote!(.path_param(#wire, #value.map(::std::string::ToString::to_string).unwrap_or_default()))
                    }
                    (ParamLocation::Query, true) => quote!(.query(#wire, #value)),
                    (ParamLocation::Query, false) => quote!(.query_opt(#wire, #value)),
                    (ParamLocation::Header, true) => quote!(.header(#wire, #value)),
                    (ParamLocation::Header, false) => quote!(.header_opt(#wire, #value)),
                };
                calls.push(call);
            }
        }
    }
    let body = op.body.as_ref().map(|b| {
        if b.required {
            quote!(let builder = builder.json(&self.body);)
        } else {
            quote! {
                let builder = match &self.body {
                    ::std::option::Option::Some(body) => builder.json(body),
                    ::std::option::Option::None => builder,
                };
            }
        }
    });

    let config_params: Vec<String> = op
        .params
        .iter()
        .filter_map(|p| {
            p.client_config.as_ref().map(|s| {
                format!(
                    "`{}` (from the setting `{s}` when `None` here)",
                    p.rust_name.trim_start_matches("r#")
                )
            })
        })
        .collect();
    let mut build_doc = format!(
        "Builds the HTTP request of `{}` for the endpoint of `config`: `{} {}`.\n\n\
         The request is validated first (every constraint of the spec; a violation is \
         `Error::Validation` and nothing is built). ",
        op.operation_id,
        op.method.as_str(),
        op.path
    );
    if !config_params.is_empty() {
        build_doc.push_str(&format!(
            "Parameters the client configuration supplies are resolved: {}. ",
            config_params.join(", ")
        ));
    }
    build_doc.push_str(
        "Path parameters are percent-encoded as one segment each; a header value with CR, LF or \
         another character not allowed in a header is an `Error::InvalidRequest`.\n\n\
         The request is not authenticated: call `config.authorize(&mut request)` right before \
         each attempt to send it (it adds the signature or the token), send it with any HTTP \
         client, and hand the answer to [`Self::parse_response`].",
    );
    let build_doc = doc(&build_doc);
    let parse_doc = doc(&format!(
        "Parses the answer to a `{}` request: a 2xx status gives the typed body with the status \
         and request ID (an empty body reads as `{{}}`); any other status is `Error::Api` with \
         the service's error code, message and request ID; a body that does not fit is \
         `Error::Decode`.",
        op.operation_id
    ));
    let idempotent_doc = doc(if idempotent {
        "Whether repeating the request is harmless: `true` (retried after server errors and \
         timeouts)."
    } else {
        "Whether repeating the request is harmless: `false`, so only throttled (429) and \
         never-sent attempts are retried unless `RetryPolicy::retry_non_idempotent` is set."
    });

    quote! {
        impl #name {
            /// The HTTP method.
            pub const METHOD: ::http::Method = #method;
            /// The path template; `{name}` placeholders are filled from path parameters.
            pub const PATH_TEMPLATE: &'static str = #template;
            #idempotent_doc
            pub const IDEMPOTENT: bool = #idempotent;

            #build_doc
            pub fn build_request(
                &self,
                config: &#rt::Config,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, #rt::Error> {
                #(#parse_configured)*
                #validate_call.map_err(#rt::Error::Validation)?;
                #(#resolved)*
                let builder = #rt::RequestBuilder::new(Self::METHOD, Self::PATH_TEMPLATE) #(#calls)*;
                #(#folds)*
                #body
                builder.build(config.endpoint())
            }

            #parse_doc
            pub fn parse_response(
                status: ::http::StatusCode,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<#rt::Response<#response_ty>, #rt::Error> {
                #rt::parse_response(status, headers, body)
            }
        }
    }
}

/// The environment variable prefix derived from the crate name (`huaweicloud-hss` ->
/// `HUAWEICLOUD_HSS`), for the settings the spec has no `x-credential-env` entry for.
fn env_prefix(api: &Api) -> String {
    field_name(&api.krate.lib_name)
        .trim_start_matches("r#")
        .trim_matches('_')
        .to_uppercase()
}

/// The first signing scheme's environment variable lists.
fn signing_env(api: &Api) -> Option<&crate::ir::CredentialEnv> {
    api.auth.iter().find_map(|a| match &a.kind {
        AuthKind::Signing { env, .. } => Some(env),
        _ => None,
    })
}

/// The crate-level `TOKEN_CHECK` constant: the check of the first header-token scheme, which the
/// runtime applies to every token (`runtime::auth::check_token`), or `None`.
pub fn token_check_const(api: &Api) -> TokenStream {
    let value = match token_scheme(api).filter(|_| !api.operations.is_empty()) {
        Some((scheme, _)) => {
            let f = super::validate::token_check_name(scheme);
            quote!(Some(client::#f))
        }
        None => quote!(None),
    };
    // Short enough for one line, so rustfmt and prettyplease agree (lib.rs has no imports that
    // could shadow the prelude's `Option`).
    quote! {
        /// The spec's check of a token's value, applied by the runtime to every token
        /// (`runtime::auth::check_token`).
        #[doc(hidden)]
        pub const TOKEN_CHECK: Option<runtime::auth::TokenCheck> = #value;
    }
}

/// The first header-token scheme: its name and header.
fn token_scheme(api: &Api) -> Option<(&str, &str)> {
    api.auth.iter().find_map(|a| match &a.kind {
        AuthKind::HeaderToken { header, .. } => Some((a.name.as_str(), header.as_str())),
        _ => None,
    })
}

/// Distinct `x-client-config` settings, in first-use order.
fn settings(api: &Api) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for op in &api.operations {
        for p in &op.params {
            if let Some(s) = &p.client_config {
                if seen.insert(s.clone()) {
                    out.push(s.clone());
                }
            }
        }
    }
    out
}

/// Methods of the generated `ClientBuilder`: a setting whose name is one of these gets no
/// setter of its own (`setting(name, value)` still sets it).
const BUILDER_METHODS: &[&str] = &[
    "new",
    "region",
    "region_id",
    "endpoint",
    "endpoint_url",
    "credentials",
    "from_env",
    "connect_timeout",
    "request_timeout",
    "retry_policy",
    "user_agent",
    "setting",
    "build",
    "build_config",
    "default",
    "clone",
    "fmt",
];

/// The `ClientBuilder` method setting `setting`, unless its name is taken by another method
/// (then only `setting(name, value)` sets it).
fn setting_method(setting: &str) -> Option<proc_macro2::Ident> {
    let name = field_name(setting);
    let bare = name.trim_start_matches("r#");
    if BUILDER_METHODS.contains(&bare) || name.ends_with('_') || name.starts_with("r#") {
        return None;
    }
    Some(ident(&name))
}

/// `src/client.rs`, if the crate has operations.
pub fn client_file(api: &Api) -> Option<TokenStream> {
    if api.operations.is_empty() {
        return None;
    }
    let rt = rt();
    let prefix = env_prefix(api);
    let region_env = format!("{prefix}_REGION");
    let endpoint_env = format!("{prefix}_ENDPOINT");
    let has_regions = !api.regions.is_empty();
    let has_default_region = api.default_region.is_some();

    let env = signing_env(api).cloned().unwrap_or_default();
    let list = |names: &[String]| quote!(&[#(#names),*]);
    let (ak, sk, st, pid) = (
        list(&env.access_key),
        list(&env.secret_key),
        list(&env.security_token),
        list(&env.project_id),
    );
    let env_doc = doc(&format!(
        "The environment variables credentials and the project ID are read from (the spec's \
         `x-credential-env`; for each value the first variable set wins): access key {}, secret \
         key {}, security token {}, project ID {}.",
        describe_list(&env.access_key),
        describe_list(&env.secret_key),
        describe_list(&env.security_token),
        describe_list(&env.project_id)
    ));
    let region_env_doc = doc(&format!(
        "The environment variable [`ClientBuilder::from_env`] reads the region ID from \
         (`{region_env}`)."
    ));
    let endpoint_env_doc = doc(&format!(
        "The environment variable [`ClientBuilder::from_env`] reads an explicit endpoint URL \
         from (`{endpoint_env}`); it takes precedence over the region."
    ));

    let token_check = validate::for_auth(api);
    let token_header = token_scheme(api).map(|(_, header)| quote!(.token_header(#header)));

    // Region handling in the builder.
    let region_field =
        has_regions.then(|| quote!(region: ::std::option::Option<::std::string::String>,));
    let region_methods = has_regions.then(|| {
        quote! {
            /// Sends requests to the endpoint of `region` (unless an explicit endpoint is given).
            #[must_use]
            pub fn region(mut self, region: crate::regions::Region) -> Self {
                self.region = ::std::option::Option::Some(region.id().to_owned());
                self
            }

            /// Sends requests to the endpoint of the region with this ID. An ID that is not in
            /// the region table is an error when the client is built, unless an explicit
            /// endpoint is given (which is then used, whatever the region).
            #[must_use]
            pub fn region_id(mut self, id: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.region = ::std::option::Option::Some(id.into());
                self
            }
        }
    });
    let region_of = |id: TokenStream| {
        quote! {
            match crate::regions::Region::from_id(#id) {
                ::std::option::Option::Some(region) => {
                    ::std::option::Option::Some(::std::string::ToString::to_string(region.endpoint()))
                }
                ::std::option::Option::None => {
                    return ::std::result::Result::Err(crate::regions::UnknownRegion::new(#id).into());
                }
            }
        }
    };
    let explicit_region = has_regions.then(|| {
        let lookup = region_of(quote!(id));
        quote! {
            let endpoint = match (endpoint, &self.region) {
                (::std::option::Option::None, ::std::option::Option::Some(id)) => #lookup,
                (endpoint, _) => endpoint,
            };
        }
    });
    let env_region = has_regions.then(|| {
        let lookup = region_of(quote!(&id));
        quote! {
            let endpoint = match endpoint {
                ::std::option::Option::None if self.from_env => {
                    match env_var(REGION_ENV) {
                        ::std::option::Option::Some(id) => #lookup,
                        ::std::option::Option::None => ::std::option::Option::None,
                    }
                }
                endpoint => endpoint,
            };
        }
    });
    let default_region = has_default_region.then(|| {
        quote! {
            let endpoint = endpoint.or_else(|| {
                ::std::option::Option::Some(crate::regions::Region::DEFAULT.endpoint().to_owned())
            });
        }
    });
    let no_endpoint_message = if has_regions {
        "no endpoint: give a region or an explicit endpoint URL"
    } else {
        "no endpoint: give an explicit endpoint URL"
    };
    let region_init = has_regions.then(|| quote!(region: ::std::option::Option::None,));

    // Settings from `x-client-config`.
    let setting_methods = settings(api).into_iter().filter_map(|s| {
        let m = setting_method(&s)?;
        let d = doc(&format!(
            "The client setting `{s}`: the value of every operation parameter marked \
             `x-client-config: {s}` that a request leaves unset."
        ));
        Some(quote! {
            #d
            #[must_use]
            pub fn #m(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.config = self.config.setting(#s, value);
                self
            }
        })
    });

    // No authentication scheme: requests go out unauthenticated unless told otherwise.
    let default_credentials = api.auth.is_empty().then(|| {
        quote! {
            let builder = if self.credentials_set {
                builder
            } else {
                builder.credentials(#rt::Credentials::Anonymous)
            };
        }
    });

    let methods = api.operations.iter().map(|op| {
        let m = ident(&op.rust_name);
        let req = request_type_name(op);
        let resp = success_type(op);
        let mut text = format!(
            "`{}`: `{} {}`.",
            op.operation_id,
            op.method.as_str(),
            op.path
        );
        if let Some(s) = &op.summary {
            text.push_str(&format!("\n\n{}", super::types::prose(s)));
        }
        text.push_str(&format!(
            "\n\nValidates the request first ([`{req}::build_request`]; nothing is sent when it \
             fails), then signs and sends it, retrying as the retry policy allows, and parses \
             the answer ([`{req}::parse_response`])."
        ));
        let d = doc(&text);
        quote! {
            #d
            pub async fn #m(
                &self,
                request: crate::operations::#req,
            ) -> ::std::result::Result<#rt::Response<#resp>, #rt::Error> {
                let http_request = request.build_request(self.http.config())?;
                self.http.execute(http_request, crate::operations::#req::IDEMPOTENT).await
            }
        }
    });

    let module_doc = client_module_doc(api);
    let region_env_item = has_regions.then(|| {
        quote! {
            #region_env_doc
            pub const REGION_ENV: &str = #region_env;
        }
    });
    let region_from_env_doc = if has_regions {
        format!(", the region from `{region_env}`")
    } else {
        String::new()
    };
    let from_env_doc = doc(&format!(
        "Reads from the environment, when [`ClientBuilder::build`] runs: the credentials and \
         the project ID ([`ENV_NAMES`]) unless given explicitly{region_from_env_doc}, and an \
         explicit endpoint from `{endpoint_env}` unless an endpoint or region is given in code."
    ));
    let client_from_env_doc = doc(&format!(
        "A client configured from the environment only: `Client::builder().from_env().build()` \
         (see [`ClientBuilder::from_env`]){}.",
        if has_default_region {
            "; without a region in the environment, the default region"
        } else {
            ""
        }
    ));

    Some(quote! {
        #(#module_doc)*

        #env_doc
        pub const ENV_NAMES: #rt::EnvNames = #rt::EnvNames {
            access_key: #ak,
            secret_key: #sk,
            security_token: #st,
            auth_token: &[],
            project_id: #pid,
        };

        #region_env_item

        #endpoint_env_doc
        pub const ENDPOINT_ENV: &str = #endpoint_env;

        #token_check

        /// The value of an environment variable, trimmed; `None` when unset or blank.
        fn env_var(name: &str) -> ::std::option::Option<::std::string::String> {
            ::std::env::var(name)
                .ok()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        }

        /// Builds a [`Client`] (or just its [`Config`](crate::runtime::Config)). The endpoint is
        /// the first of: an explicit endpoint, the region given in code, the environment (with
        /// [`ClientBuilder::from_env`]), the default region.
        #[derive(Clone, Debug)]
        pub struct ClientBuilder {
            config: #rt::ConfigBuilder,
            endpoint: ::std::option::Option<::std::string::String>,
            #region_field
            from_env: bool,
            credentials_set: bool,
        }

        impl ::std::default::Default for ClientBuilder {
            fn default() -> Self {
                ClientBuilder::new()
            }
        }

        impl ClientBuilder {
            /// A builder with nothing set.
            #[must_use]
            pub fn new() -> Self {
                ClientBuilder {
                    config: #rt::ConfigBuilder::default() #token_header,
                    endpoint: ::std::option::Option::None,
                    #region_init
                    from_env: false,
                    credentials_set: false,
                }
            }

            #region_methods

            /// Sends requests to this base URL (`https://host`, or `http://127.0.0.1:8080` in
            /// tests), whatever the region.
            #[must_use]
            pub fn endpoint_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.endpoint = ::std::option::Option::Some(url.into());
                self
            }

            /// The credentials: `Credentials::ak_sk`, `Credentials::temporary` or
            /// `Credentials::token`.
            #[must_use]
            pub fn credentials(mut self, credentials: #rt::Credentials) -> Self {
                self.config = self.config.credentials(credentials);
                self.credentials_set = true;
                self
            }

            #from_env_doc
            #[must_use]
            pub fn from_env(mut self) -> Self {
                self.config = self.config.from_env(&ENV_NAMES);
                self.from_env = true;
                self
            }

            /// Sets a client setting by name (see `Config::setting`).
            #[must_use]
            pub fn setting(
                mut self,
                name: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.config = self.config.setting(name, value);
                self
            }

            #(#setting_methods)*

            /// The connect timeout (default 10 s).
            #[must_use]
            pub fn connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.config = self.config.connect_timeout(timeout);
                self
            }

            /// The timeout of one attempt: connect, send and receive (default 60 s).
            #[must_use]
            pub fn request_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.config = self.config.request_timeout(timeout);
                self
            }

            /// The retry policy (default `RetryPolicy::default()`: 3 attempts; a POST is
            /// repeated only when it was throttled or never sent).
            #[must_use]
            pub fn retry_policy(mut self, policy: #rt::RetryPolicy) -> Self {
                self.config = self.config.retry_policy(policy);
                self
            }

            /// The `User-Agent` header.
            #[must_use]
            pub fn user_agent(mut self, user_agent: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.config = self.config.user_agent(user_agent);
                self
            }

            /// The configuration, without a client: for building requests with each
            /// operation's `build_request` and sending them through an HTTP stack of your own.
            /// Errors: an unknown region ID without an explicit endpoint, no endpoint at all, a
            /// bad endpoint URL, missing credentials, a token the spec does not allow.
            pub fn build_config(self) -> ::std::result::Result<#rt::Config, #rt::Error> {
                let endpoint = self.endpoint.clone();
                #explicit_region
                let endpoint = match endpoint {
                    ::std::option::Option::None if self.from_env => env_var(ENDPOINT_ENV),
                    endpoint => endpoint,
                };
                #env_region
                #default_region
                let ::std::option::Option::Some(endpoint) = endpoint else {
                    return ::std::result::Result::Err(#rt::Error::invalid(#no_endpoint_message));
                };
                let builder = self.config.endpoint_url(endpoint);
                #default_credentials
                // `build` checks a token against the spec's limits (`crate::TOKEN_CHECK`).
                builder.build()
            }

            /// Builds the client (feature `transport`).
            #[cfg(feature = "transport")]
            pub fn build(self) -> ::std::result::Result<Client, #rt::Error> {
                Client::new(self.build_config()?)
            }
        }

        /// The API client: one async method per operation (feature `transport`). Cloning is
        /// cheap; clones share the connection pool. `Debug` never shows a secret.
        #[cfg(feature = "transport")]
        #[derive(Clone, Debug)]
        pub struct Client {
            http: #rt::HttpClient,
        }

        #[cfg(feature = "transport")]
        impl Client {
            /// A builder: set the credentials, the region or an explicit endpoint, and the rest.
            #[must_use]
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new()
            }

            #client_from_env_doc
            pub fn from_env() -> ::std::result::Result<Self, #rt::Error> {
                ClientBuilder::new().from_env().build()
            }

            /// A client for a configuration built elsewhere (`ClientBuilder::build_config` or
            /// `Config::builder`).
            pub fn new(config: #rt::Config) -> ::std::result::Result<Self, #rt::Error> {
                ::std::result::Result::Ok(Client {
                    http: #rt::HttpClient::new(config)?,
                })
            }

            /// A client sending through an `HttpClient` built elsewhere (for instance around a
            /// `reqwest::Client` of your own).
            #[must_use]
            pub fn with_http_client(http: #rt::HttpClient) -> Self {
                Client { http }
            }

            /// The configuration.
            pub fn config(&self) -> &#rt::Config {
                self.http.config()
            }

            #(#methods)*
        }
    })
}

fn describe_list(names: &[String]) -> String {
    if names.is_empty() {
        "(none)".to_string()
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The module docs of `src/client.rs`, which also explain how to use the crate without the
/// bundled transport (see [`crate_docs`]).
fn client_module_doc(api: &Api) -> Vec<TokenStream> {
    let text = crate_docs(api).join("\n");
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        })
        .collect();
    lines.iter().map(|l| quote!(#![doc = #l])).collect()
}

/// Crate-level documentation of the client: how to call an operation with the bundled
/// transport, and the four public steps for sending through an HTTP stack of your own. One
/// string per line (Markdown), for `src/lib.rs` and `src/client.rs`.
pub fn crate_docs(api: &Api) -> Vec<String> {
    let lib = &api.krate.lib_name;
    let Some(op) = api.operations.first() else {
        return Vec::new();
    };
    let req = request_type_name(op).to_string();
    let method = op.rust_name.trim_start_matches("r#");
    let module = method;
    let args = example_args_placeholder(op);
    let mut out = vec![
        "The client: one async method per operation (feature `transport`), its builder, and the"
            .to_string(),
        "environment variables it reads.".to_string(),
        String::new(),
        "# Calling an operation".to_string(),
        String::new(),
        "```no_run".to_string(),
        "# #[cfg(feature = \"transport\")]".to_string(),
        format!("# async fn run() -> Result<(), {lib}::Error> {{"),
        format!("use {lib}::operations::{req};"),
        String::new(),
    ];
    let creds = if signing_env(api).is_some() {
        format!("    .credentials({lib}::runtime::Credentials::ak_sk(\"AK\", \"SK\"))")
    } else if token_scheme(api).is_some() {
        format!("    .credentials({lib}::runtime::Credentials::token(\"TOKEN\"))")
    } else {
        String::new()
    };
    out.push(format!("let client = {lib}::Client::builder()"));
    if !creds.is_empty() {
        out.push(creds);
    }
    if let Some(r) = api
        .default_region
        .as_deref()
        .or(api.regions.first().map(|r| r.id.as_str()))
    {
        out.push(format!("    .region_id(\"{r}\")"));
    } else {
        out.push("    .endpoint_url(\"https://api.example.com\")".to_string());
    }
    for s in settings(api) {
        if let Some(m) = setting_method(&s) {
            out.push(format!("    .{m}(\"...\")"));
        }
    }
    out.push("    .build()?;".to_string());
    out.push(format!("# let request: {req} = todo!();"));
    out.push(format!("// let request = {req}::new({args});"));
    out.push(format!("let response = client.{method}(request).await?;"));
    out.push(
        "println!(\"{} {:?} {:?}\", response.status(), response.request_id(), response.body());"
            .to_string(),
    );
    out.push("# Ok(())".to_string());
    out.push("# }".to_string());
    out.push("```".to_string());
    out.extend([
        String::new(),
        "Every method validates the request first (a violation is `Error::Validation`, and".to_string(),
        "nothing is sent), fills parameters the configuration supplies, signs each attempt anew,".to_string(),
        "and retries as the `RetryPolicy` allows (a non-idempotent request only when it was".to_string(),
        "throttled or never sent, unless `retry_non_idempotent` is set).".to_string(),
        String::new(),
        "# Without the bundled transport".to_string(),
        String::new(),
        "Building a request and parsing its answer are public steps that need no HTTP stack (and".to_string(),
        "no `transport` feature): build, authorize, send with your own client, parse.".to_string(),
        String::new(),
        "```no_run".to_string(),
        "# fn send(_: &http::Request<Vec<u8>>) -> (http::StatusCode, http::HeaderMap, Vec<u8>) { todo!() }".to_string(),
        format!("# fn run(request: {lib}::operations::{req}) -> Result<(), {lib}::Error> {{"),
        format!("let config = {lib}::client::ClientBuilder::new()"),
    ]);
    if signing_env(api).is_some() {
        out.push(format!(
            "    .credentials({lib}::runtime::Credentials::ak_sk(\"AK\", \"SK\"))"
        ));
    } else if token_scheme(api).is_some() {
        out.push(format!(
            "    .credentials({lib}::runtime::Credentials::token(\"TOKEN\"))"
        ));
    }
    out.extend([
        "    .endpoint_url(\"https://api.example.com\")".to_string(),
        "    .build_config()?;".to_string(),
        "// 1. Validate and build (not signed).".to_string(),
        "let mut http_request = request.build_request(&config)?;".to_string(),
        "// 2. Sign (or add the token): again before every attempt.".to_string(),
        "config.authorize(&mut http_request)?;".to_string(),
        "// 3. Send it with your own HTTP stack.".to_string(),
        "let (status, headers, body) = send(&http_request);".to_string(),
        "// 4. Parse the answer: the typed body, or the service's error.".to_string(),
        format!("let response = {lib}::operations::{module}::{req}::parse_response(status, &headers, &body)?;"),
        "# let _ = response;".to_string(),
        "# Ok(())".to_string(),
        "# }".to_string(),
        "```".to_string(),
    ]);
    out
}

fn example_args_placeholder(op: &Operation) -> String {
    let mut args: Vec<String> = op
        .params
        .iter()
        .filter(|p| !param_is_option(p))
        .map(|p| p.rust_name.trim_start_matches("r#").to_string())
        .collect();
    if op.body.as_ref().is_some_and(|b| b.required) {
        args.push("body".into());
    }
    args.join(", ")
}

/// `src/regions.rs`, if the spec has regions.
pub fn regions_file(api: &Api) -> Option<TokenStream> {
    if api.regions.is_empty() {
        return None;
    }
    let rt = rt();
    let variants = api.regions.iter().map(|r| {
        let v = ident(&r.rust_name);
        let d = format!(" `{}`: `{}`.", r.id, r.endpoint);
        quote!(#[doc = #d] #v,)
    });
    let all = api.regions.iter().map(|r| {
        let v = ident(&r.rust_name);
        quote!(Region::#v)
    });
    let ids = api.regions.iter().map(|r| {
        let v = ident(&r.rust_name);
        let id = &r.id;
        quote!(Region::#v => #id,)
    });
    let endpoints = api.regions.iter().map(|r| {
        let v = ident(&r.rust_name);
        let e = &r.endpoint;
        quote!(Region::#v => #e,)
    });
    let default = api.default_region.as_ref().and_then(|d| {
        let r = api.regions.iter().find(|r| &r.id == d)?;
        let v = ident(&r.rust_name);
        let const_doc = format!(" The default region, `{d}` (the spec's default).");
        let default_doc = format!(" [`Region::DEFAULT`], `{d}`.");
        Some(quote! {
            impl Region {
                #[doc = #const_doc]
                pub const DEFAULT: Region = Region::#v;
            }

            impl ::std::default::Default for Region {
                #[doc = #default_doc]
                fn default() -> Self {
                    Region::DEFAULT
                }
            }
        })
    });
    let count = api.regions.len();
    Some(quote! {
        //! Regions and their endpoints, from the spec's `servers`. The table is a convenience, not
        //! a whitelist: a region that is not listed is reached by giving its endpoint explicitly
        //! (`ClientBuilder::endpoint_url`).

        /// A region of the service, with its endpoint.
        ///
        /// Parse an ID with [`Region::from_id`] (an `Option`), `str::parse` or `TryFrom` (an
        /// [`UnknownRegion`] error); an unknown ID is never a panic.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Region {
            #(#variants)*
        }

        impl Region {
            /// Every region, in the spec's order.
            pub const ALL: &'static [Region; #count] = &[#(#all),*];

            /// The region ID (`cn-north-4`).
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self {
                    #(#ids)*
                }
            }

            /// The endpoint URL of the service in this region.
            #[must_use]
            pub const fn endpoint(self) -> &'static str {
                match self {
                    #(#endpoints)*
                }
            }

            /// The region with this ID (surrounding whitespace and ASCII case are ignored), or
            /// `None` when it is not in the table.
            #[must_use]
            pub fn from_id(id: &str) -> ::std::option::Option<Region> {
                let id = id.trim();
                Region::ALL.iter().copied().find(|r| r.id().eq_ignore_ascii_case(id))
            }
        }

        #default

        impl ::std::fmt::Display for Region {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl ::std::str::FromStr for Region {
            type Err = UnknownRegion;

            fn from_str(id: &str) -> ::std::result::Result<Self, Self::Err> {
                Region::from_id(id).ok_or_else(|| UnknownRegion::new(id))
            }
        }

        impl ::std::convert::TryFrom<&str> for Region {
            type Error = UnknownRegion;

            fn try_from(id: &str) -> ::std::result::Result<Self, Self::Error> {
                id.parse()
            }
        }

        impl ::std::convert::TryFrom<::std::string::String> for Region {
            type Error = UnknownRegion;

            fn try_from(id: ::std::string::String) -> ::std::result::Result<Self, Self::Error> {
                id.parse()
            }
        }

        /// A region ID that is not in the region table. Use an explicit endpoint to reach it.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct UnknownRegion {
            id: ::std::string::String,
        }

        impl UnknownRegion {
            /// The error for `id` (kept to at most 64 characters).
            #[must_use]
            pub fn new(id: &str) -> Self {
                UnknownRegion {
                    id: id.chars().take(64).collect(),
                }
            }

            /// The ID that was not found.
            #[must_use]
            pub fn id(&self) -> &str {
                &self.id
            }
        }

        impl ::std::fmt::Display for UnknownRegion {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(
                    f,
                    "unknown region ID {:?}: it is not in the region table; give the endpoint URL explicitly to use it",
                    self.id
                )
            }
        }

        impl ::std::error::Error for UnknownRegion {}

        impl ::std::convert::From<UnknownRegion> for #rt::Error {
            fn from(e: UnknownRegion) -> Self {
                #rt::Error::InvalidRequest(::std::string::ToString::to_string(&e))
            }
        }
    })
}

// ------------------------------------------------------------------------------------ examples

/// A raw string literal holding `text`.
fn raw_string(text: &str) -> TokenStream {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let lit = Literal::from_str(&format!("r{hashes}\"{text}\"{hashes}"))
        .unwrap_or_else(|_| Literal::string(text));
    quote!(#lit)
}

/// The Rust type of `ty` as seen from outside the crate (`lib::models::X`).
fn external_type(lib: &proc_macro2::Ident, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let n = ident(name);
            quote!(#lib::models::#n)
        }
        TypeRef::Array(item) => {
            let inner = external_type(lib, &item.ty);
            if item.nullable {
                quote!(::std::vec::Vec<::std::option::Option<#inner>>)
            } else {
                quote!(::std::vec::Vec<#inner>)
            }
        }
        other => rust_type(other),
    }
}

/// An expression of `ty` (accepted where a constructor or setter takes it: strings as `&str`)
/// for the JSON value `value`, falling back to `serde_json::from_str(..)?`.
fn example_expr(
    api: &Api,
    lib: &proc_macro2::Ident,
    ty: &TypeRef,
    value: &serde_json::Value,
) -> TokenStream {
    use serde_json::Value;
    match (ty, value) {
        (TypeRef::String { .. }, Value::String(s)) => quote!(#s),
        (TypeRef::Bool, Value::Bool(b)) => quote!(#b),
        (TypeRef::Integer(_), Value::Number(n)) if n.as_i64().is_some() => {
            let lit = Literal::i64_unsuffixed(n.as_i64().unwrap_or_default());
            quote!(#lit)
        }
        (TypeRef::Number(_), Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => {
            let lit = Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
            quote!(#lit)
        }
        (TypeRef::Named(name), Value::String(s)) => {
            let variant = api.type_def(name).and_then(|t| match &t.kind {
                TypeKind::StringEnum(e) => e.variants.iter().find(|v| &v.value == s),
                _ => None,
            });
            match variant {
                Some(v) => {
                    let t = ident(name);
                    let v = ident(&v.rust_name);
                    quote!(#lib::models::#t::#v)
                }
                None => from_json(lib, ty, value),
            }
        }
        _ => from_json(lib, ty, value),
    }
}

fn from_json(lib: &proc_macro2::Ident, ty: &TypeRef, value: &serde_json::Value) -> TokenStream {
    let t = external_type(lib, ty);
    let text = serde_json::to_string(value).unwrap_or_default();
    let lit = raw_string(&text);
    quote!(::serde_json::from_str::<#t>(#lit)?)
}

/// A JSON value of `shape` for a value the spec gives no example for: the default, else the
/// required fields with simple placeholder values.
fn synthesize(api: &Api, shape: &Shape, depth: usize) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let c = &shape.constraints;
    let bound = |b: &Option<Bound>, up: i64| match b {
        Some(Bound {
            value: Num::Int(i),
            exclusive,
        }) => i + if *exclusive { up } else { 0 },
        Some(Bound {
            value: Num::Float(f),
            exclusive,
        }) => *f as i64 + if *exclusive { up } else { 0 },
        None => 0,
    };
    match &shape.ty {
        TypeRef::Bool => json!(false),
        TypeRef::Integer(_) => json!(match (&c.minimum, &c.maximum) {
            (Some(_), _) => bound(&c.minimum, 1),
            (None, Some(_)) => bound(&c.maximum, -1).min(1),
            (None, None) => 1,
        }),
        TypeRef::Number(_) => json!(if c.minimum.is_some() {
            bound(&c.minimum, 1) as f64
        } else {
            1.0
        }),
        TypeRef::String { .. } => {
            let min = c.min_length.unwrap_or(1).max(1) as usize;
            let max = c.max_length.map_or(usize::MAX, |m| m as usize);
            let text = "example".to_string();
            if text.len() < min {
                json!("x".repeat(min))
            } else if text.len() > max {
                json!("x".repeat(max.max(1)))
            } else {
                json!(text)
            }
        }
        TypeRef::Array(item) => {
            if c.min_items.unwrap_or(0) > 0 && depth < 6 {
                json!([synthesize(api, item, depth + 1)])
            } else {
                json!([])
            }
        }
        TypeRef::Any => json!({}),
        TypeRef::Named(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(e)) => {
                e.variants.first().map_or(json!(""), |v| json!(v.value))
            }
            Some(TypeKind::IntEnum(e)) => e.variants.first().map_or(json!(0), |v| json!(v.value)),
            Some(TypeKind::Struct(s)) => {
                let mut map = Map::new();
                if depth < 6 {
                    for f in s.fields.iter().filter(|f| f.required) {
                        let v = f
                            .default
                            .clone()
                            .unwrap_or_else(|| synthesize(api, &f.shape, depth + 1));
                        map.insert(f.wire_name.clone(), v);
                    }
                }
                Value::Object(map)
            }
            None => json!({}),
        },
    }
}

/// A parameter's example value: the spec's example, else its default, else a placeholder.
fn param_example(api: &Api, p: &Parameter) -> serde_json::Value {
    p.example
        .clone()
        .or_else(|| p.default.clone())
        .unwrap_or_else(|| synthesize(api, &p.shape, 0))
}

/// Example programs: `(file stem, tokens)` for `examples/{stem}.rs`, in the order of
/// [`example_names`].
pub fn examples(api: &Api) -> Vec<(String, TokenStream)> {
    api.operations
        .iter()
        .map(|op| (example_name(op), example(api, op)))
        .collect()
}

/// The file stems of the example programs (`examples/{stem}.rs`), one per operation; each needs
/// the `transport` feature.
pub fn example_names(api: &Api) -> Vec<String> {
    api.operations.iter().map(example_name).collect()
}

/// The file stem of an operation's example program.
pub fn example_name(op: &Operation) -> String {
    op.rust_name.trim_start_matches("r#").to_string()
}

fn example(api: &Api, op: &Operation) -> TokenStream {
    let lib = ident(&api.krate.lib_name);
    let req = request_type_name(op);
    let method = ident(&op.rust_name);
    let prefix = env_prefix(api);
    let endpoint_env = format!("{prefix}_ENDPOINT");

    // Credentials, as the vendor's samples do: AK and SK from the environment.
    let mut env_lines = Vec::new();
    let mut uses = vec![
        quote!(use #lib::Client;),
        quote!(use #lib::operations::#req;),
    ];
    let credentials = if let Some(env) =
        signing_env(api).filter(|e| !e.access_key.is_empty() && !e.secret_key.is_empty())
    {
        let ak = &env.access_key[0];
        let sk = &env.secret_key[0];
        let ak_err = format!("set {ak} to the access key");
        let sk_err = format!("set {sk} to the secret key");
        env_lines.push(format!(
            "`{ak}` and `{sk}`: the access key and the secret key"
        ));
        uses.push(quote!(use #lib::runtime::Credentials;));
        quote! {
            let ak = std::env::var(#ak).map_err(|_| #ak_err)?;
            let sk = std::env::var(#sk).map_err(|_| #sk_err)?;
            let builder = builder.credentials(Credentials::ak_sk(ak, sk));
        }
    } else if token_scheme(api).is_some() {
        let var = format!("{prefix}_TOKEN");
        let err = format!("set {var} to the token");
        env_lines.push(format!("`{var}`: the token"));
        uses.push(quote!(use #lib::runtime::Credentials;));
        quote! {
            let token = std::env::var(#var).map_err(|_| #err)?;
            let builder = builder.credentials(Credentials::token(token));
        }
    } else {
        TokenStream::new()
    };
    // Settings the configuration supplies (the project ID), when the spec names a variable.
    let mut settings_code = Vec::new();
    for p in op.params.iter().filter(|p| p.client_config.is_some()) {
        let setting = p.client_config.as_deref().unwrap_or_default();
        let var = match (setting, signing_env(api)) {
            ("project_id", Some(env)) if !env.project_id.is_empty() => env.project_id[0].clone(),
            _ => format!(
                "{prefix}_{}",
                field_name(setting)
                    .trim_start_matches("r#")
                    .trim_matches('_')
                    .to_uppercase()
            ),
        };
        env_lines.push(format!(
            "`{var}`: the client setting `{setting}` (parameter `{}`)",
            p.wire_name
        ));
        let set = match setting_method(setting) {
            Some(m) => quote!(builder.#m(value)),
            None => quote!(builder.setting(#setting, value)),
        };
        settings_code.push(quote! {
            let builder = match std::env::var(#var) {
                Ok(value) => #set,
                Err(_) => builder,
            };
        });
    }
    let endpoint = if let Some(_r) = api.regions.first() {
        let region_env = format!("{prefix}_REGION");
        let default = match &api.default_region {
            Some(d) => {
                env_lines.push(format!("`{region_env}`: the region ID (default `{d}`), or `{endpoint_env}`: an explicit endpoint URL"));
                quote!(Region::DEFAULT)
            }
            None => {
                let first = ident(&api.regions[0].rust_name);
                env_lines.push(format!("`{region_env}`: the region ID (default `{}`), or `{endpoint_env}`: an explicit endpoint URL", api.regions[0].id));
                quote!(Region::#first)
            }
        };
        uses.push(quote!(use #lib::client::{ENDPOINT_ENV, REGION_ENV};));
        uses.push(quote!(use #lib::regions::Region;));
        quote! {
            // An explicit endpoint wins; otherwise the region (an unknown ID is an error).
            let builder = match std::env::var(ENDPOINT_ENV) {
                Ok(url) => builder.endpoint_url(url),
                Err(_) => {
                    let region = match std::env::var(REGION_ENV) {
                        Ok(id) => id.parse::<Region>()?,
                        Err(_) => #default,
                    };
                    builder.region(region)
                }
            };
        }
    } else {
        let err = format!("set {endpoint_env} to the endpoint URL");
        env_lines.push(format!("`{endpoint_env}`: the endpoint URL"));
        uses.push(quote!(use #lib::client::ENDPOINT_ENV;));
        quote! {
            let url = std::env::var(ENDPOINT_ENV).map_err(|_| #err)?;
            let builder = builder.endpoint_url(url);
        }
    };

    // The request, from the spec's examples.
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        if p.client_config.is_some() {
            continue;
        }
        if param_is_option(p) {
            let Some(value) = p.example.as_ref() else {
                continue;
            };
            let setter = setter_name(&p.rust_name);
            let e = example_arg(api, &lib, &p.shape.ty, value);
            setters.push(quote!(.#setter(#e)));
        } else {
            let e = example_arg(api, &lib, &p.shape.ty, &param_example(api, p));
            args.push(e);
        }
    }
    let body = op.body.as_ref().map(|b| {
        let ty = external_type(&lib, &b.ty);
        let value = b.example.clone().unwrap_or_else(|| {
            synthesize(
                api,
                &Shape {
                    ty: b.ty.clone(),
                    nullable: false,
                    constraints: Default::default(),
                },
                0,
            )
        });
        let text = serde_json::to_string_pretty(&value).unwrap_or_default();
        let lit = raw_string(&format!("\n{text}\n"));
        (
            quote! {
                let body: #ty = serde_json::from_str(#lit)?;
            },
            b.required,
        )
    });
    let (body_stmt, body_arg, body_setter) = match body {
        Some((stmt, true)) => (stmt, Some(quote!(body)), None),
        Some((stmt, false)) => (stmt, None, Some(quote!(.with_body(body)))),
        None => (TokenStream::new(), None, None),
    };
    args.extend(body_arg);
    setters.extend(body_setter);

    let mut header = vec![format!(
        "Example: `{}` (`{} {}`){}",
        op.operation_id,
        op.method.as_str(),
        op.path,
        op.summary
            .as_deref()
            .map(|s| format!(": {}", super::types::prose(s)))
            .unwrap_or_default()
    )];
    header.push(String::new());
    header.push("Sends an example request (from the spec's examples where it gives them). Environment variables:".to_string());
    header.push(String::new());
    header.extend(env_lines.iter().map(|l| format!("- {l}")));
    header.push(String::new());
    header.push(format!(
        "Run it with `cargo run --example {}`.",
        example_name(op)
    ));
    // In the order rustfmt keeps them: modules (lowercase) first, then types.
    uses.sort_by_key(|u| {
        let text = u.to_string();
        let after = text
            .split("::")
            .nth(1)
            .unwrap_or_default()
            .trim()
            .to_string();
        (after.starts_with(|c: char| c.is_ascii_uppercase()), after)
    });
    let header = header.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });

    quote! {
        #(#![doc = #header])*

        #(#uses)*


        #[rustfmt::skip]
        #[tokio::main]
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let builder = Client::builder();
            #credentials
            #(#settings_code)*
            #endpoint
            let client = builder.build()?;

            #body_stmt
            let request = #req::new(#(#args),*) #(#setters)*;

            match client.#method(request).await {
                Ok(response) => {
                    println!(
                        "HTTP {} (request ID {})",
                        response.status(),
                        response.request_id().unwrap_or("-")
                    );
                    println!("{:#?}", response.body());
                    Ok(())
                }
                Err(error) => {
                    eprintln!("{error}");
                    if let Some(api) = error.as_api_error() {
                        eprintln!(
                            "error code {}, request ID {}",
                            api.error_code(),
                            api.request_id().unwrap_or("-")
                        );
                    }
                    Err(error.into())
                }
            }
        }
    }
}

/// An argument for a constructor or setter taking `ty` (strings as `impl Into<String>`).
fn example_arg(
    api: &Api,
    lib: &proc_macro2::Ident,
    ty: &TypeRef,
    value: &serde_json::Value,
) -> TokenStream {
    example_expr(api, lib, ty, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_pick_enough_hashes() {
        assert_eq!(raw_string("a").to_string(), "r#\"a\"#");
        assert_eq!(raw_string("a\"#b").to_string(), "r##\"a\"#b\"##");
    }
}
