//! The request type of each operation (`{Operation}Request`): its path, query and header
//! parameters and its body, in `src/operations/{operation}.rs`.

use super::models::{arg_type_and_conversion, init_field};
use super::types::{doc_attrs, param_type};
use crate::ir::*;
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The identifier of an operation's request type.
pub fn request_type_name(op: &Operation) -> proc_macro2::Ident {
    ident(&op.request_type)
}

fn param_docs(p: &Parameter) -> TokenStream {
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
    doc_attrs(Some(&text))
}

/// The request struct, its constructor and setters.
pub fn for_operation(_api: &Api, op: &Operation) -> TokenStream {
    let name = request_type_name(op);
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
    let docs = doc_attrs(Some(&doc));

    let mut fields = Vec::new();
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let n = ident(&p.rust_name);
        let ty = param_type(p);
        let pdocs = param_docs(p);
        fields.push(quote!(#pdocs pub #n: #ty,));
        if p.is_option() {
            inits.push(quote!(#n: ::std::option::Option::None));
            let setter = ident(&p.setter);
            let value = format_ident!("value");
            let (vty, conv) = arg_type_and_conversion(&p.shape.ty, &value);
            let sdoc = format!(
                " Sets the {} parameter `{}`.",
                p.location.as_str(),
                p.wire_name
            );
            setters.push(quote! {
                #[doc = #sdoc]
                #[must_use]
                pub fn #setter(mut self, value: #vty) -> Self {
                    self.#n = ::std::option::Option::Some(#conv);
                    self
                }
            });
        } else {
            let (aty, conv) = arg_type_and_conversion(&p.shape.ty, &n);
            args.push(quote!(#n: #aty));
            inits.push(init_field(&n, conv));
        }
    }
    if let Some(body) = &op.body {
        let ty = super::operation::body_type(body);
        let bdoc = doc_attrs(Some(body.docs.as_deref().unwrap_or("The request body.")));
        let b = ident(&body.rust_name);
        if body.required {
            fields.push(quote!(#bdoc pub #b: #ty,));
            args.push(quote!(#b: #ty));
            inits.push(quote!(#b));
        } else {
            let setter = ident(&body.setter);
            fields.push(quote!(#bdoc pub #b: ::std::option::Option<#ty>,));
            inits.push(quote!(#b: ::std::option::Option::None));
            setters.push(quote! {
                /// Sets the request body.
                #[must_use]
                pub fn #setter(mut self, value: #ty) -> Self {
                    self.#b = ::std::option::Option::Some(value);
                    self
                }
            });
        }
    }
    let default = args.is_empty().then(|| quote!(Default,));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// Creates a request from its required parameters; optional ones start unset.
            #[must_use]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
    }
}

/// `src/operations/mod.rs`: one module per operation, request types re-exported.
pub fn operations_mod(api: &Api) -> TokenStream {
    let mods = api.operations.iter().map(|op| {
        let m = ident(&op.module);
        let req = request_type_name(op);
        let form = op.body.as_ref().and_then(|b| match &b.kind {
            BodyKind::Multipart(form) => {
                let f = ident(&form.rust_name);
                Some(quote!(pub use #m::#f;))
            }
            _ => None,
        });
        quote! {
            pub mod #m;
            pub use #m::#req;
            #form
        }
    });
    quote! {
        //! One module per operation: its request type, validation, and the steps that build the
        //! HTTP request and parse the response.
        #(#mods)*
    }
}
