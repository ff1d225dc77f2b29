//! The wire mapping of each operation, appended to `src/operations/{op}.rs`: the request type
//! implements the runtime's `Operation` (method, path template, idempotency, the output type,
//! `build_request` and `parse_response`). `build_request` validates, resolves the parameters the
//! client configuration supplies, and hands every parameter and the body to the runtime's
//! `RequestBuilder`; nothing here needs the bundled transport.

use super::requests::request_type_name;
use super::service::{output_type, requirement};
use super::types::{doc_attrs, rust_type};
use super::validate;
use crate::ir::{
    Api, AuthKind, BodyKind, Form, FormPart, HttpMethod, Operation, ParamLocation, Parameter,
    PartKind, RequestBody, TypeKind, TypeRef,
};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The runtime module of the generated crate.
fn rt() -> TokenStream {
    quote!(runtime)
}

/// `http::Method::X` for a method.
fn method_tokens(method: HttpMethod) -> TokenStream {
    let m = format_ident!("{}", method.as_str());
    quote!(::http::Method::#m)
}

/// Whether a header parameter carries a secret: its schema says `format: password`, its name
/// is the header of an API-key scheme, or it is the security token header of the signing
/// algorithm (`X-Security-Token`, which the signing scheme sets from temporary credentials).
pub fn is_secret_header(api: &Api, p: &Parameter) -> bool {
    matches!(&p.shape.ty, TypeRef::String { format: Some(f) } if f == "password")
        || api.auth.iter().any(|a| match &a.kind {
            AuthKind::ApiKey { name, .. } => name.eq_ignore_ascii_case(&p.wire_name),
            AuthKind::Signing { algorithm, .. } => {
                algorithm.token_header().eq_ignore_ascii_case(&p.wire_name)
            }
            _ => false,
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

    // Configured values: each setting looked up once, and parsed from its text when the
    // parameter is not a string.
    let mut parse_configured = Vec::new();
    let config_expr = |p: &Parameter| -> Option<TokenStream> {
        p.client_config.as_deref()?;
        match config_source(p)? {
            ConfigSource::Str => {
                let v = configured_ident(p);
                Some(quote!(#v))
            }
            ConfigSource::Parsed if parsable(api, &p.shape.ty) => {
                let v = configured_ident(p);
                Some(quote!(#v.as_ref()))
            }
            _ => Some(quote!(None)),
        }
    };
    for p in &op.params {
        // A string setting is looked up once, for validation and for the value sent.
        if let (Some(setting), Some(ConfigSource::Str)) = (&p.client_config, config_source(p)) {
            let v = configured_ident(p);
            parse_configured.push(quote!(let #v = config.setting(#setting);));
            continue;
        }
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
            let #v: Option<#ty> = match config.setting(#setting) {
                Some(text) => Some(
                    text.trim().parse::<#ty>().map_err(|_| {
                        #rt::Error::InvalidRequest(::std::format!("{} {}", #message, #what))
                    })?,
                ),
                None => None,
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
                .unwrap_or_else(|| quote!(None))
        })
    };

    // The value of each parameter as sent: `resolved` statements, then builder calls.
    let mut resolved = Vec::new();
    let mut calls = Vec::new();
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
            let fallback = config_expr(p).unwrap_or_else(|| quote!(None));
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
                if let Some(call) = setting_header_call(api, p, &explicit, &v, true) {
                    calls.push(call);
                }
                (quote!(#v), true)
            } else {
                resolved.push(quote!(let #v = #explicit.or(#fallback);));
                if let Some(call) = setting_header_call(api, p, &explicit, &v, false) {
                    calls.push(call);
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
        let (value, always) = match p.array_style {
            None => (value, always),
            Some(style) => {
                // The items, by reference (`&T`).
                let iter = match (p.client_config.is_some(), always) {
                    (false, true) => quote!(self.#n.iter()),
                    (false, false) => quote!(self.#n.iter().flatten()),
                    (true, true) => quote!(#value.iter()),
                    (true, false) => quote!(#value.into_iter().flatten()),
                };
                let iter = if nullable_item {
                    quote!(#iter.flatten())
                } else {
                    iter
                };
                let Some(delimiter) = style.delimiter() else {
                    // One pair per item.
                    calls.push(quote!(.query_each(#wire, #iter)));
                    continue;
                };
                let joined = format_ident!("joined_{}", p.rust_name.trim_start_matches("r#"));
                let what = format!("{} parameter {}", p.location.as_str(), p.wire_name);
                resolved.push(quote! {
                    let #joined = #rt::params::join(#what, #iter, #delimiter)?;
                });
                if p.location == ParamLocation::Path {
                    // No items is an empty segment, which `path_param` rejects.
                    calls.push(quote!(.path_param(#wire, #joined.as_deref().unwrap_or_default())));
                    continue;
                }
                (quote!(#joined.as_deref()), false)
            }
        };
        let nullable = p.shape.nullable && p.array_style.is_none();
        let value = if nullable && always {
            // A required, nullable value: `None` is not sent.
            quote!(#value.as_ref())
        } else {
            value
        };
        let always = always && !nullable;
        let call = match (p.location, always) {
            (ParamLocation::Path, true) => quote!(.path_param(#wire, #value)),
            (ParamLocation::Path, false) => {
                let message = format!("path parameter {wire} is not set");
                resolved.push(quote! {
                    if #value.is_none() {
                        return Err(#rt::Error::invalid(#message));
                    }
                });
                quote!(.path_param(#wire, #value.map(ToString::to_string).unwrap_or_default()))
            }
            (ParamLocation::Query, true) => quote!(.query(#wire, #value)),
            (ParamLocation::Query, false) => quote!(.query_opt(#wire, #value)),
            (ParamLocation::Header, always) => {
                let name = header_name_arg(wire);
                match (always, is_secret_header(api, p)) {
                    (true, true) => quote!(.sensitive_header(#name, #value)),
                    (false, true) => quote!(.sensitive_header_opt(#name, #value)),
                    (true, false) => quote!(.header(#name, #value)),
                    (false, false) => quote!(.header_opt(#name, #value)),
                }
            }
        };
        calls.push(call);
    }
    let body = op.body.as_ref().map(body_call);
    let form = op.body.as_ref().and_then(|b| match &b.kind {
        BodyKind::Multipart(form) => Some(form_struct(op, form)),
        _ => None,
    });
    let parse = parse_call(op);

    let op_name = &op.operation_id;
    let security = match &op.security {
        Some(alternatives) => {
            let r = requirement(alternatives);
            quote!(Some(#r))
        }
        None => quote!(None),
    };

    let (parse, headers_struct) = response_headers(api, op, parse);
    let build = quote! {
        #(#parse_configured)*
        #validate_call.map_err(#rt::Error::Validation)?;
        #(#resolved)*
        let builder = #rt::RequestBuilder::new(Self::METHOD, Self::PATH_TEMPLATE)
            .operation(#rt::OperationInfo { name: Self::NAME, security: #security })
            #(#calls)*;
        #body
        builder.build(config.endpoint())
    };
    // The block laid out as text when its shape allows (see `super::docs::item`): whole, or
    // else item by item; the rest as tokens.
    let active = super::docs::active();
    let consts_text = active
        .then(|| consts_text(&response_ty, op_name, op.method, template, idempotent))
        .flatten();
    let build_text = active.then(|| method_text(BUILD_REQUEST, &build)).flatten();
    let parse_text = active
        .then(|| method_text(PARSE_RESPONSE, &parse))
        .flatten();
    let whole = impl_text(&name.to_string(), [&consts_text, &build_text, &parse_text]);
    let operation_impl = super::docs::item(0, whole, || {
        let consts = super::docs::item(4, consts_text, || {
            quote! {
                type Output = #response_ty;
                const NAME: &'static str = #op_name;
                const METHOD: ::http::Method = #method;
                const PATH_TEMPLATE: &'static str = #template;
                const IDEMPOTENT: bool = #idempotent;
            }
        });
        let build_request = super::docs::item(4, build_text, || {
            quote! {
                fn build_request(
                    &self,
                    config: &#rt::Config,
                ) -> Result<::http::Request<Vec<u8>>, #rt::Error> {
                    #build
                }
            }
        });
        let parse_response = super::docs::item(4, parse_text, || {
            quote! {
                fn parse_response(
                    status: ::http::StatusCode,
                    headers: &::http::HeaderMap,
                    body: &[u8],
                ) -> Result<#rt::Response<Self::Output>, #rt::Error> {
                    #parse
                }
            }
        });
        quote! {
            impl #rt::Operation for #name {
                #consts
                #build_request
                #parse_response
            }
        }
    });
    quote! {
        #operation_impl
        #headers_struct
        #form
    }
}

/// The `impl runtime::Operation` block of the request type `name` as prettyplease prints it at
/// the top level, from its items' texts (each at the block's indentation, 4, removed): when
/// every item is laid out and the block's first line ends by the margin (a longer one is
/// broken).
fn impl_text(name: &str, items: [&Option<String>; 3]) -> Option<String> {
    let head = format!("impl runtime::Operation for {name} {{\n");
    if head.len() - 1 > super::docs::MARGIN {
        return None;
    }
    let mut out = head;
    for item in items {
        for l in item.as_deref()?.split_inclusive('\n') {
            if l != "\n" {
                out.push_str("    ");
            }
            out.push_str(l);
        }
    }
    out.push_str("}\n");
    Some(out)
}

/// The signature of `build_request` as prettyplease prints it in the `impl` block (its
/// indentation, 4, removed): always one parameter per line.
const BUILD_REQUEST: &str = "fn build_request(\n    &self,\n    config: &runtime::Config,\n) -> \
                             Result<::http::Request<Vec<u8>>, runtime::Error> {\n";

/// The signature of `parse_response`, like [`BUILD_REQUEST`].
const PARSE_RESPONSE: &str = "fn parse_response(\n    status: ::http::StatusCode,\n    headers: \
                              &::http::HeaderMap,\n    body: &[u8],\n) -> \
                              Result<runtime::Response<Self::Output>, runtime::Error> {\n";

/// A method of the `impl` block with the signature `signature` and the statements `body`, as
/// prettyplease prints it there (its indentation, 4, removed), when
/// `super::docs::layout_statements` lays out the body.
fn method_text(signature: &str, body: &TokenStream) -> Option<String> {
    let body = super::docs::layout_statements(body, 8)?;
    let mut out = String::with_capacity(signature.len() + body.len() * 2);
    out.push_str(signature);
    for l in body.split_inclusive('\n') {
        out.push_str("    ");
        out.push_str(l);
    }
    out.push_str("}\n");
    Some(out)
}

/// The associated type and constants of the `impl` block as prettyplease prints them (its
/// indentation, 4, removed): a constant's line never breaks (nothing in it can), and the
/// `Output` line is laid out when it fits by the margin (a type made of paths and generic
/// arguments, or `()`), which is when nothing in it breaks.
fn consts_text(
    output: &TokenStream,
    name: &str,
    method: HttpMethod,
    template: &str,
    idempotent: bool,
) -> Option<String> {
    let output = super::builders::type_text(output)?;
    let type_line = format!("type Output = {output};");
    if 4 + type_line.len() > super::docs::MARGIN {
        return None;
    }
    Some(format!(
        "{type_line}\nconst NAME: &'static str = {};\nconst METHOD: ::http::Method = \
         ::http::Method::{};\nconst PATH_TEMPLATE: &'static str = {};\nconst IDEMPOTENT: bool \
         = {idempotent};\n",
        super::docs::literal(name),
        method.as_str(),
        super::docs::literal(template),
    ))
}

/// The struct of an operation's declared success response headers, and the `parse_response`
/// body that reads them (a bad declared header is an `Error::Decode` naming the header).
fn response_headers(api: &Api, op: &Operation, plain: TokenStream) -> (TokenStream, TokenStream) {
    let rt = rt();
    let Some(resp) = op.success.map(|i| &op.responses[i]) else {
        return (plain, TokenStream::new());
    };
    let Some(type_name) = &resp.headers_type else {
        return (plain, TokenStream::new());
    };
    let name = ident(type_name);
    let mut fields = Vec::new();
    let mut reads = Vec::new();
    for h in &resp.headers {
        let n = ident(&h.rust_name);
        let wire = &h.wire_name;
        let mut text = format!("`{wire}`{}.", if h.required { " (required)" } else { "" });
        if let Some(d) = &h.docs {
            text.push_str("\n\n");
            text.push_str(d);
        }
        let docs = doc_attrs(Some(&text));
        let (item, list) = match &h.shape.ty {
            TypeRef::Array(item) => (&item.ty, true),
            ty => (ty, false),
        };
        let (parse, expected) = header_parser(api, item);
        let ty = rust_type(&h.shape.ty);
        let read = if list {
            quote!(#rt::params::header_list(headers, #wire, #expected, #parse)?)
        } else {
            quote!(#rt::params::header(headers, #wire, #expected, #parse)?)
        };
        if h.required {
            fields.push(quote!(#docs pub #n: #ty,));
            reads.push(quote!(#n: #rt::params::required(#read, #wire)?,));
        } else {
            fields.push(quote!(#docs pub #n: Option<#ty>,));
            reads.push(quote!(#n: #read,));
        }
    }
    let doc = format!(
        " The declared headers of a `{}` success response, typed: read with the response \
         (`Response::declared_headers::<{type_name}>()`), or from any header map with \
         [`{type_name}::from_headers`].",
        op.operation_id
    );
    let header_struct = quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// Reads the declared headers: an absent optional header is `None`; an absent
            /// required header, or a value that does not parse, is an error naming the header.
            pub fn from_headers(
                headers: &::http::HeaderMap,
            ) -> Result<Self, #rt::params::HeaderError> {
                Ok(Self { #(#reads)* })
            }
        }
    };
    let parse = quote! {
        let response = #plain?;
        let declared = #name::from_headers(headers).map_err(|e| {
            #rt::Error::decode(
                status,
                response.request_id().map(ToOwned::to_owned),
                body,
                &e.to_string(),
            )
        })?;
        Ok(response.with_declared_headers(declared))
    };
    (parse, header_struct)
}

/// A closure that parses one header value (or list item) into `ty`, and what a valid value is.
fn header_parser(api: &Api, ty: &TypeRef) -> (TokenStream, String) {
    match ty {
        TypeRef::String { .. } => (quote!(|s: &str| Some(s.to_owned())), "text".to_owned()),
        TypeRef::Named(n) => match api.type_def(n).map(|t| &t.kind) {
            Some(TypeKind::IntEnum(e)) => {
                let int = rust_type(&TypeRef::Integer(e.format));
                let t = rust_type(ty);
                (
                    quote!(|s: &str| s.parse::<#int>().ok().map(#t::from)),
                    format!("an integer ({n})"),
                )
            }
            _ => {
                let t = rust_type(ty);
                (quote!(|s: &str| s.parse::<#t>().ok()), format!("a {n}"))
            }
        },
        other => {
            let t = rust_type(other);
            let what = match other {
                TypeRef::Bool => "`true` or `false`".to_owned(),
                _ => format!("{}", t).replace(' ', ""),
            };
            let what = if what.starts_with('`') {
                what
            } else {
                format!("an {what}")
            };
            (quote!(|s: &str| s.parse::<#t>().ok()), what)
        }
    }
}

/// The builder call that sets the header of the client setting `p` is bound to (`None` when the
/// setting has no header). The configuration sends the setting in its header
/// (`Config::authorize` adds the value it made once, unless the request has the header); a
/// request with its own value sends that instead. For a string setting, the value the request
/// falls back to is the setting's text itself, which the configuration sends already: only the
/// request's own value (`explicit`) is set here. A parsed setting sends the value as parsed
/// (`resolved`, always set when `required`).
fn setting_header_call(
    api: &Api,
    p: &Parameter,
    explicit: &TokenStream,
    resolved: &proc_macro2::Ident,
    required: bool,
) -> Option<TokenStream> {
    let header = setting_header(api, p)?;
    if p.location == ParamLocation::Header && p.wire_name.eq_ignore_ascii_case(header) {
        // A header parameter of the setting's own header: its own call sets it.
        return None;
    }
    let header = header_name_arg(header);
    Some(match config_source(p) {
        Some(ConfigSource::Str) => quote!(.header_opt(#header, #explicit)),
        _ if required => quote!(.header(#header, #resolved)),
        _ => quote!(.header_opt(#header, #resolved)),
    })
}

/// A header name known when generating, as `RequestBuilder::header` takes it: a
/// `KnownHeader` constant (the name as written and its `http::HeaderName`, made when the crate
/// is compiled, so that nothing is parsed or allocated for it per request). A name that is not
/// an HTTP token (which lowering rejects for header parameters) stays text, checked when the
/// request is built.
fn header_name_arg(name: &str) -> TokenStream {
    if !crate::naming::is_http_token(name) {
        return quote!(#name);
    }
    let rt = rt();
    let lower = name.to_ascii_lowercase();
    quote!(&const { #rt::request::KnownHeader::new(#name, #lower) })
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

/// The Rust type of a request body field (without the `Option` of an optional body).
pub fn body_type(body: &RequestBody) -> TokenStream {
    match &body.kind {
        BodyKind::Json => rust_type(&body.ty),
        BodyKind::Text => quote!(String),
        BodyKind::Bytes => quote!(Vec<u8>),
        BodyKind::Multipart(form) => {
            let name = ident(&form.rust_name);
            quote!(#name)
        }
    }
}

/// The statement that hands the body to the request builder, by its kind. An optional body
/// that is `None` sends no body and no `Content-Type`.
fn body_call(b: &RequestBody) -> TokenStream {
    let field = ident(&b.rust_name);
    let ct = &b.content_type;
    let call = |value: TokenStream| match &b.kind {
        BodyKind::Json => {
            let essence = ct.split(';').next().unwrap_or("").trim();
            if essence.eq_ignore_ascii_case("application/json") {
                quote!(builder.json(#value))
            } else {
                quote!(builder.json(#value).content_type(#ct))
            }
        }
        BodyKind::Text => quote!(builder.text(#value, #ct)),
        BodyKind::Bytes => quote!(builder.bytes(#value, #ct)),
        BodyKind::Multipart(_) => quote!(builder.multipart(#value.to_multipart())),
    };
    if b.required {
        let call = match &b.kind {
            BodyKind::Multipart(_) => call(quote!(self.#field)),
            _ => call(quote!(&self.#field)),
        };
        quote!(let builder = #call;)
    } else {
        let call = call(quote!(body));
        quote! {
            let builder = match &self.#field {
                Some(body) => #call,
                None => builder,
            };
        }
    }
}

/// The body of `parse_response`: by the kind of the success response's body (no content when
/// the operation documents none).
fn parse_call(op: &Operation) -> TokenStream {
    let rt = rt();
    let kind = op
        .success
        .and_then(|i| op.responses.get(i))
        .and_then(|r| r.kind.as_ref());
    let errors = quote!(&crate::client::SERVICE.errors);
    match kind {
        None => quote!(#rt::body::parse_empty(#errors, status, headers, body)),
        Some(BodyKind::Json) => {
            quote!(#rt::body::parse_json(Self::NAME, #errors, status, headers, body))
        }
        Some(BodyKind::Text) => {
            quote!(#rt::body::parse_text(Self::NAME, #errors, status, headers, body))
        }
        Some(BodyKind::Bytes | BodyKind::Multipart(_)) => {
            quote!(#rt::body::parse_bytes(Self::NAME, #errors, status, headers, body))
        }
    }
}

/// Whether a form part's field is an `Option` (an optional part, or a nullable value: `None`
/// sends no part).
pub fn part_is_option(part: &FormPart) -> bool {
    !part.required || matches!(&part.kind, PartKind::Text(s) | PartKind::Json(s) if s.nullable)
}

/// The Rust type of a form part's value (not wrapped in `Option`).
fn part_value_type(part: &FormPart) -> TokenStream {
    let rt = rt();
    match &part.kind {
        PartKind::File { many: false } => quote!(#rt::FilePart),
        PartKind::File { many: true } => quote!(Vec<#rt::FilePart>),
        PartKind::Text(shape) | PartKind::Json(shape) => rust_type(&shape.ty),
    }
}

/// The `{Prefix}Form` struct of a multipart body: one field per part, its builder (like every
/// generated struct's), and `to_multipart`.
fn form_struct(op: &Operation, form: &Form) -> TokenStream {
    let rt = rt();
    let name = ident(&form.rust_name);
    let doc = format!(
        " The `multipart/form-data` body of `{}`: one field per part, sent in this order.",
        op.operation_id
    );
    let mut fields = Vec::new();
    let mut builder_fields = Vec::new();
    let mut adds = Vec::new();
    for part in &form.parts {
        let n = ident(&part.rust_name);
        let ty = part_value_type(part);
        let wire = &part.wire_name;
        let what = match &part.kind {
            PartKind::File { many: false } => "file part",
            PartKind::File { many: true } => "file parts, one per file",
            PartKind::Text(s) if matches!(s.ty, TypeRef::Array(_)) => "text parts, one per item",
            PartKind::Text(_) => "text part",
            PartKind::Json(_) => "JSON part",
        };
        let mut text = format!(
            "`{wire}` ({what}{}).",
            if part.required { ", required" } else { "" }
        );
        if let Some(d) = &part.docs {
            text.push_str("\n\n");
            text.push_str(d);
        }
        let docs = super::types::doc_attrs(Some(&text));
        let option = part_is_option(part);
        if option {
            fields.push(quote!(#docs pub #n: Option<#ty>,));
        } else {
            fields.push(quote!(#docs pub #n: #ty,));
        }
        builder_fields.push(super::builders::BuilderField {
            name: n.clone(),
            setter: ident(&part.setter),
            wire: wire.clone(),
            ty: ty.clone(),
            optional: option,
            boxed: false,
            defaulted: false,
            secret: false,
            what: format!("the part `{wire}`"),
        });
        let ct = match &part.content_type {
            Some(ct) => quote!(Some(#ct)),
            None => quote!(None),
        };
        let (call, repeated) = match &part.kind {
            PartKind::File { many } => (quote!(form.file(#wire, value, #ct)), *many),
            PartKind::Text(s) => (
                quote!(form.text(#wire, value)),
                matches!(s.ty, TypeRef::Array(_)),
            ),
            PartKind::Json(_) => (quote!(form.json(#wire, value)), false),
        };
        adds.push(match (option, repeated) {
            (false, false) => quote! {
                let value = &self.#n;
                form = #call;
            },
            (true, false) => quote! {
                if let Some(value) = &self.#n {
                    form = #call;
                }
            },
            (false, true) => quote! {
                for value in &self.#n {
                    form = #call;
                }
            },
            (true, true) => quote! {
                for value in self.#n.iter().flatten() {
                    form = #call;
                }
            },
        });
    }
    let default = builder_fields
        .iter()
        .all(|f| f.optional)
        .then(|| quote!(Default,));
    let builder = super::builders::builder(
        &form.rust_name,
        &crate::naming::builder_type_name(&form.rust_name),
        &builder_fields,
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #builder

        impl #name {
            /// The form as the runtime encodes it (the parts in field order; `None` sends no
            /// part).
            #[must_use]
            pub fn to_multipart(&self) -> #rt::Multipart {
                let mut form = #rt::Multipart::new();
                #(#adds)*
                form
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec whose names grow with `len` (1 to 70 columns): a client setting bound to a path
    /// parameter and its own header, query, header and joined parameters, each kind of body and
    /// a response type, so that every line of the `impl` block is seen on both sides of the
    /// margin.
    fn spec(lens: std::ops::RangeInclusive<usize>) -> String {
        let mut settings = String::new();
        let mut paths = String::new();
        let mut schemas = String::new();
        let mut schemes = String::new();
        for len in lens {
            let n = format!("p{}", "x".repeat(len - 1));
            let r = format!("R{}", "y".repeat(len));
            settings.push_str(&format!("    s{len}:\n      header: X-S{n}\n"));
            // An API key in the header parameter `X-{n}`, which makes it a secret.
            schemes.push_str(&format!(
                "    k{n}: {{type: apiKey, in: header, name: X-{n}}}\n"
            ));
            schemas.push_str(&format!(
                "    {r}:\n      type: object\n      properties:\n        a: {{type: string}}\n"
            ));
            let ok = |schema: &str| {
                format!(
                    "      responses:\n        '200':\n          description: ok\n          \
                     content:\n            application/json:\n              schema: {schema}\n"
                )
            };
            let one = ok(&format!("{{$ref: '#/components/schemas/{r}'}}"));
            let many = ok(&format!(
                "{{type: array, items: {{$ref: '#/components/schemas/{r}'}}}}"
            ));
            let params = format!(
                "      parameters:\n\
                 - {{name: {n}, in: path, required: true, x-client-config: s{len}, schema: {{type: string}}}}\n\
                 - {{name: id, in: path, required: true, schema: {{type: integer}}}}\n\
                 - {{name: q{n}, in: query, schema: {{type: string}}}}\n\
                 - {{name: r{n}, in: query, required: true, schema: {{type: integer}}}}\n\
                 - {{name: X-{n}, in: header, schema: {{type: string}}}}\n\
                 - {{name: t{n}, in: query, style: form, explode: false, schema: {{type: array, items: {{type: string}}}}}}\n\
                 - {{name: e{n}, in: query, schema: {{type: array, items: {{type: string}}}}}}\n"
            )
            .replace("\n- ", "\n        - ");
            let body = |required: bool, ct: &str, schema: &str| {
                format!(
                    "      requestBody:\n        required: {required}\n        content:\n          \
                     {ct}:\n            schema: {schema}\n"
                )
            };
            let string = "{type: string}";
            let form = "{type: object, properties: {f: {type: string, format: binary}}}";
            let ops = [
                ("get", String::new(), &many),
                ("post", body(false, "application/json", string), &one),
                ("put", body(true, &format!("text/{n}"), string), &one),
                (
                    "patch",
                    body(false, "application/octet-stream", string),
                    &one,
                ),
                (
                    "delete",
                    body(true, &format!("application/{n}+json"), string),
                    &many,
                ),
                ("options", body(true, "multipart/form-data", form), &one),
            ];
            for (i, (method, body, ok)) in ops.iter().enumerate() {
                // Every other operation with its own security requirement.
                let security = match i % 2 {
                    0 => String::new(),
                    _ => format!("      security: [{{k{n}: []}}, {{}}]\n"),
                };
                paths.push_str(&format!(
                    "  /v1/{{{n}}}/{len}/{i}/{{id}}:\n    {method}:\n      operationId: Op{i}{n}\n\
                     {security}{params}{body}{ok}"
                ));
            }
        }
        format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nx-crate: {{name: t, version: 0.1.0}}\n\
             x-client:\n  settings:\n{settings}paths:\n{paths}components:\n  schemas:\n{schemas}\
             \x20 securitySchemes:\n{schemes}"
        )
    }

    /// The `impl runtime::Operation` block and its items laid out here (the constants,
    /// `build_request`, `parse_response`) are what prettyplease prints for their tokens: each
    /// operation's code built with text deferred, formatted and expanded, is the code built
    /// without deferral and formatted.
    #[test]
    fn operation_items_laid_out_here_are_what_prettyplease_prints() {
        let options = crate::Options {
            spec_name: "spec.yaml".into(),
            crate_name: None,
        };
        let api = crate::lower_spec(&spec(1..=70), &options).unwrap_or_else(|e| panic!("{e}"));
        let format = |tokens: TokenStream| {
            prettyplease::unparse(&syn::parse2(tokens).unwrap_or_else(|e| panic!("{e}")))
        };
        let (mut whole, mut consts, mut builds, mut secured) = (0, 0, 0, 0);
        for op in &api.operations {
            let (tokens, table) = super::super::docs::deferred(|| for_operation(&api, op));
            let expanded = super::super::docs::expand(&format(tokens), &table);
            let direct = format(for_operation(&api, op));
            assert_eq!(
                expanded.as_deref(),
                Some(direct.as_str()),
                "{}",
                op.operation_id
            );
            for entry in &table {
                if let super::super::docs::Deferred::Item { text, .. } = entry {
                    whole += usize::from(text.starts_with("impl runtime::Operation"));
                    consts += usize::from(text.contains("type Output"));
                    builds += usize::from(text.contains("fn build_request"));
                    secured += usize::from(text.contains("security: Some"));
                }
            }
        }
        let ops = api.operations.len();
        eprintln!(
            "{ops} operations: {whole} blocks laid out whole; {consts} constants, {builds} \
             build_request laid out ({secured} with their own security requirement)"
        );
        assert!(
            ops == 420 && whole > 200 && consts > 300 && builds > 360 && secured > 150,
            "{ops}: {whole}, {consts}, {builds}, {secured}"
        );
    }
}
