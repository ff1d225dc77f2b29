//! The request type of each operation (`{Operation}Request`): its path, query and header
//! parameters and its body, in `src/operations/{operation}.rs`.

use super::types::{doc_attrs, param_type};
use crate::ir::*;
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The identifier of an operation's request type.
pub fn request_type_name(op: &Operation) -> proc_macro2::Ident {
    ident(&op.request_type)
}

fn param_docs(api: &Api, p: &Parameter) -> TokenStream {
    doc_attrs(Some(&param_doc_text(api, p)))
}

/// The text of [`param_docs`].
fn param_doc_text(api: &Api, p: &Parameter) -> String {
    let mut text = format!(
        "`{}` ({} parameter{}).",
        p.wire_name,
        p.location.as_str(),
        if p.required { ", required" } else { "" }
    );
    if let Some(d) = &p.docs {
        text.push_str("\n\n");
        text.push_str(d);
    }
    if let Some(line) = super::types::constraint_line(api, &p.shape, true) {
        text.push_str(&format!("\n\n{line}"));
    }
    if let Some(setting) = &p.client_config {
        text.push_str(&format!(
            "\n\n`None` takes the value from the client configuration (`{setting}`)."
        ));
    }
    if let Some(default) = &p.default {
        text.push_str(&format!(
            "\n\n`default: {default}`: applied by the service when the value is omitted (the client never sends it)."
        ));
    }
    text
}

/// The builder type of an operation's request type (`CreateTaskRequestBuilder`). Request type
/// names end in `Request` (see [`crate::naming::request_type_name`]), so no request type is
/// another's builder.
pub fn request_builder_name(op: &Operation) -> String {
    crate::naming::builder_type_name(&op.request_type)
}

/// A `Debug` implementation that shows `***` for the value of each secret header parameter
/// (for a request type that has one; others derive `Debug`).
fn redacting_debug(api: &Api, op: &Operation) -> Option<TokenStream> {
    let secret = |p: &Parameter| {
        p.location == ParamLocation::Header && super::operation::is_secret_header(api, p)
    };
    if !op.params.iter().any(secret) {
        return None;
    }
    let name = request_type_name(op);
    let type_name = name.to_string();
    let mut fields: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let n = ident(&p.rust_name);
            let label = p.rust_name.trim_start_matches("r#");
            if !secret(p) {
                quote!(.field(#label, &self.#n))
            } else if p.is_option() {
                quote!(.field(#label, &self.#n.as_ref().map(|_| "***")))
            } else {
                quote!(.field(#label, &"***"))
            }
        })
        .collect();
    if let Some(b) = &op.body {
        let n = ident(&b.rust_name);
        let label = &b.rust_name;
        fields.push(quote!(.field(#label, &self.#n)));
    }
    Some(quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name)
                    #(#fields)*
                    .finish()
            }
        }
    })
}

/// The request struct and its builder.
pub fn for_operation(api: &Api, op: &Operation) -> TokenStream {
    let mut doc = format!(
        "The request of `{}` (`{} {}`).",
        op.operation_id,
        op.method.as_str(),
        op.path
    );
    if let Some(s) = &op.summary {
        doc.push_str(&format!("\n\n{s}"));
    }
    if let Some(d) = &op.description {
        if Some(d) != op.summary.as_ref() {
            doc.push_str(&format!("\n\n{d}"));
        }
    }
    let builder = super::builders::for_request(api, op, &request_builder_name(op));
    let debug_impl = redacting_debug(api, op);
    // A request type that derives `Debug` is laid out here when it can be.
    let text = (super::docs::active() && debug_impl.is_none())
        .then(|| request_struct_text(api, op, &doc))
        .flatten();
    let item = super::docs::item(0, text, || {
        request_struct_tokens(api, op, &doc, &debug_impl)
    });
    quote! {
        #debug_impl
        #item

        #builder
    }
}

/// The request type of [`request_struct_tokens`] (one that derives `Debug`) as prettyplease
/// prints it at the top level; `None` when a line would come near the margin.
fn request_struct_text(api: &Api, op: &Operation, doc: &str) -> Option<String> {
    let line = |out: &mut String, text: &str| super::docs::push_line(out, 0, "", text);
    let docs = |out: &mut String, text: &str| {
        super::docs::push_doc_lines(out, "    ", &super::types::doc_lines(text))
    };
    if op.params.is_empty() && op.body.is_none() {
        return None;
    }
    let mut out = super::docs::doc_text(&super::types::doc_lines(doc))?;
    let all_optional =
        op.params.iter().all(Parameter::is_option) && !op.body.as_ref().is_some_and(|b| b.required);
    out.push_str(if all_optional {
        "#[derive(Debug, Clone, PartialEq, Default)]\n"
    } else {
        "#[derive(Debug, Clone, PartialEq)]\n"
    });
    out.push_str("#[non_exhaustive]\n");
    line(
        &mut out,
        &format!("pub struct {} {{", request_type_name(op)),
    )?;
    for p in &op.params {
        docs(&mut out, &param_doc_text(api, p))?;
        let ty = super::builders::type_text(&param_type(p))?;
        line(&mut out, &format!("    pub {}: {ty},", ident(&p.rust_name)))?;
    }
    if let Some(body) = &op.body {
        docs(
            &mut out,
            body.docs.as_deref().unwrap_or("The request body."),
        )?;
        let ty = super::builders::type_text(&super::operation::body_type(body))?;
        let ty = if body.required {
            ty
        } else {
            format!("Option<{ty}>")
        };
        line(
            &mut out,
            &format!("    pub {}: {ty},", ident(&body.rust_name)),
        )?;
    }
    out.push_str("}\n");
    Some(out)
}

/// An operation's request type: its docs (`doc`), derives and fields.
fn request_struct_tokens(
    api: &Api,
    op: &Operation,
    doc: &str,
    debug_impl: &Option<TokenStream>,
) -> TokenStream {
    let name = request_type_name(op);
    let docs = doc_attrs(Some(doc));

    let mut fields = Vec::new();
    for p in &op.params {
        let n = ident(&p.rust_name);
        let ty = param_type(p);
        let pdocs = param_docs(api, p);
        fields.push(quote!(#pdocs pub #n: #ty,));
    }
    let mut all_optional = op.params.iter().all(Parameter::is_option);
    if let Some(body) = &op.body {
        let ty = super::operation::body_type(body);
        let bdoc = doc_attrs(Some(body.docs.as_deref().unwrap_or("The request body.")));
        let b = ident(&body.rust_name);
        if body.required {
            all_optional = false;
            fields.push(quote!(#bdoc pub #b: #ty,));
        } else {
            fields.push(quote!(#bdoc pub #b: Option<#ty>,));
        }
    }
    let default = all_optional.then(|| quote!(Default,));
    let debug = debug_impl.is_none().then(|| quote!(Debug,));
    quote! {
        #docs
        #[derive(#debug Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
    }
}

/// `src/operations/mod.rs`: one module per operation, request types re-exported.
pub fn operations_mod(api: &Api) -> TokenStream {
    let mods = api.operations.iter().map(|op| {
        let m = ident(&op.module);
        let req = request_type_name(op);
        let builder = ident(&request_builder_name(op));
        let headers = op
            .success
            .and_then(|i| op.responses[i].headers_type.as_deref())
            .map(|h| {
                let h = ident(h);
                quote!(pub use #m::#h;)
            });
        let form = op.body.as_ref().and_then(|b| match &b.kind {
            BodyKind::Multipart(form) => {
                let f = ident(&form.rust_name);
                let fb = ident(&crate::naming::builder_type_name(&form.rust_name));
                Some(quote!(pub use #m::{#f, #fb};))
            }
            _ => None,
        });
        quote! {
            pub mod #m;
            pub use #m::{#req, #builder};
            #headers
            #form
        }
    });
    quote! {
        //! One module per operation: its request type, validation, and the steps that build the
        //! HTTP request and parse the response.
        #(#mods)*
    }
}
