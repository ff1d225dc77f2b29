//! The wire mapping of each operation, appended to `src/operations/{op}.rs`: the request type
//! implements the runtime's `Operation` (method, path template, idempotency, the output type,
//! `build_request` and `parse_response`). `build_request` validates, resolves the parameters the
//! client configuration supplies, and hands every parameter and the body to the runtime's
//! `RequestBuilder`; nothing here needs the bundled transport.

use super::requests::request_type_name;
use super::service::{output_type, requirement};
use super::types::rust_type;
use super::validate;
use crate::ir::{
    Api, AuthKind, HttpMethod, Operation, ParamLocation, Parameter, TypeKind, TypeRef,
};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The runtime module of the generated crate.
fn rt() -> TokenStream {
    quote!(crate::runtime)
}

/// `http::Method::X` for a method.
fn method_tokens(method: HttpMethod) -> TokenStream {
    let m = format_ident!("{}", method.as_str());
    quote!(::http::Method::#m)
}

/// Whether a header parameter carries a secret: its schema says `format: password`, or its name
/// is the header of an API-key scheme.
fn is_secret_header(api: &Api, p: &Parameter) -> bool {
    matches!(&p.shape.ty, TypeRef::String { format: Some(f) } if f == "password")
        || api.auth.iter().any(|a| {
            matches!(&a.kind, AuthKind::ApiKey { name, .. } if name.eq_ignore_ascii_case(&p.wire_name))
        })
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
        TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Any => ConfigSource::Unsupported,
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

/// The `Operation` implementation of `op`'s request type.
pub fn for_operation(api: &Api, op: &Operation) -> TokenStream {
    let rt = rt();
    let name = request_type_name(op);
    let method = method_tokens(op.method);
    let template = &op.path;
    let idempotent = op.method.is_idempotent();
    let response_ty = output_type(op);

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
                if let Some(header) = setting_header(api, p) {
                    // The configuration sends the setting in its header; a request with its own
                    // value sends that instead.
                    calls.push(quote!(.header(#header, #v)));
                }
                (quote!(#v), true)
            } else {
                resolved.push(quote!(let #v = #explicit.or(#fallback);));
                if let Some(header) = setting_header(api, p) {
                    calls.push(quote!(.header_opt(#header, #v)));
                }
                (quote!(#v), false)
            }
        } else if p.is_option() {
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
                    (ParamLocation::Header, true) if is_secret_header(api, p) => {
                        quote!(.sensitive_header(#wire, #value))
                    }
                    (ParamLocation::Header, false) if is_secret_header(api, p) => {
                        quote!(.sensitive_header_opt(#wire, #value))
                    }
                    (ParamLocation::Header, true) => quote!(.header(#wire, #value)),
                    (ParamLocation::Header, false) => quote!(.header_opt(#wire, #value)),
                };
                calls.push(call);
            }
        }
    }
    let body = op.body.as_ref().map(|b| {
        let field = ident(&b.rust_name);
        if b.required {
            quote!(let builder = builder.json(&self.#field);)
        } else {
            quote! {
                let builder = match &self.#field {
                    ::std::option::Option::Some(body) => builder.json(body),
                    ::std::option::Option::None => builder,
                };
            }
        }
    });

    let op_name = &op.operation_id;
    let security = match &op.security {
        Some(alternatives) => {
            let r = requirement(alternatives);
            quote!(::std::option::Option::Some(#r))
        }
        None => quote!(::std::option::Option::None),
    };

    quote! {
        impl #rt::Operation for #name {
            type Output = #response_ty;
            const NAME: &'static str = #op_name;
            const METHOD: ::http::Method = #method;
            const PATH_TEMPLATE: &'static str = #template;
            const IDEMPOTENT: bool = #idempotent;

            fn build_request(
                &self,
                config: &#rt::Config,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, #rt::Error> {
                #(#parse_configured)*
                #validate_call.map_err(#rt::Error::Validation)?;
                #(#resolved)*
                let builder = #rt::RequestBuilder::new(Self::METHOD, Self::PATH_TEMPLATE)
                    .operation(#rt::OperationInfo { name: Self::NAME, security: #security })
                    #(#calls)*;
                #(#folds)*
                #body
                builder.build(config.endpoint())
            }

            fn parse_response(
                status: ::http::StatusCode,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<#rt::Response<Self::Output>, #rt::Error> {
                #rt::parse_response(&crate::client::SERVICE.errors, status, headers, body)
            }
        }
    }
}

/// The header that carries the client setting a parameter is bound to, if the setting has one.
fn setting_header<'a>(api: &'a Api, p: &Parameter) -> Option<&'a str> {
    let setting = p.client_config.as_deref()?;
    api.client
        .settings
        .iter()
        .find(|s| s.name == setting)?
        .header
        .as_deref()
}
