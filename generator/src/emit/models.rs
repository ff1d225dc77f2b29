//! `src/models.rs`: one struct per object schema, one enum per enum schema.
//!
//! Every struct and enum is `#[non_exhaustive]`: the API grows (new optional fields, new enum
//! values) and that must not be a breaking change for callers. Structs are built with their
//! builder (`Type::builder()`, see [`super::builders`]). Enums keep values the spec does not
//! list in an `Unknown` variant, so reading a response never fails because the service added one.

use super::types::{doc_attrs, field_type, rust_type};
use super::validate;
use crate::ir::*;
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The whole `src/models.rs`.
pub fn file(api: &Api) -> TokenStream {
    let builders = super::builders::builder_names(api.types.iter().map(|t| t.rust_name.as_str()));
    let items = api.types.iter().map(|t| {
        let def = type_def(api, t, &builders[&t.rust_name]);
        let validation = if t.usage.request {
            validate::for_type(api, t)
        } else {
            TokenStream::new()
        };
        quote! { #def #validation }
    });
    quote! {
        //! Request and response bodies: one type per schema of the spec.
        #(#items)*
    }
}

fn type_def(api: &Api, t: &TypeDef, builder_name: &str) -> TokenStream {
    match &t.kind {
        TypeKind::Struct(s) => struct_def(api, t, s, builder_name),
        TypeKind::StringEnum(e) => string_enum(t, e),
        TypeKind::IntEnum(e) => int_enum(t, e),
    }
}

/// The doc comment of a type: the spec's description, or a line naming the schema.
fn type_docs(t: &TypeDef) -> TokenStream {
    match &t.docs {
        Some(d) => doc_attrs(Some(d)),
        None => doc_attrs(Some(&format!("The `{}` schema.", t.wire_name))),
    }
}

/// Field documentation, the constraints validation enforces (see
/// [`super::types::constraint_line`]), and the default, which the spec documents but the client
/// never injects.
fn field_docs(api: &Api, field: &Field, checked: bool) -> TokenStream {
    let mut text = field.docs.clone().unwrap_or_default();
    if text.is_empty() {
        text = format!("The `{}` property.", field.wire_name);
    }
    if let Some(line) = super::types::constraint_line(api, &field.shape, checked) {
        text.push_str(&format!("\n\n{line}"));
    }
    if let Some(default) = &field.default {
        text.push_str(&format!(
            "\n\n`default: {default}`: applied by the service when the value is omitted (the client never sends it)."
        ));
    }
    doc_attrs(Some(&text))
}

fn struct_def(api: &Api, t: &TypeDef, s: &StructDef, builder_name: &str) -> TokenStream {
    let name = ident(&t.rust_name);
    let docs = type_docs(t);
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let ty = field_type(f);
        let docs = field_docs(api, f, t.usage.request);
        let rename = (f.rust_name.trim_start_matches("r#") != f.wire_name).then(|| {
            let wire = &f.wire_name;
            quote!(#[serde(rename = #wire)])
        });
        let skip = (!f.required).then(
            || quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")]),
        );
        quote! {
            #docs
            #rename
            #skip
            pub #fname: #ty,
        }
    });

    let default = s
        .fields
        .iter()
        .all(Field::is_option)
        .then(|| quote!(Default,));
    let builder = super::builders::for_struct(t, s, builder_name);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #builder
    }
}

fn variant_docs(v_docs: &Option<String>, value: &str) -> TokenStream {
    match v_docs {
        Some(d) => doc_attrs(Some(&format!("`{value}`: {d}"))),
        None => doc_attrs(Some(&format!("`{value}`"))),
    }
}

fn string_enum(t: &TypeDef, e: &StringEnumDef) -> TokenStream {
    let name = ident(&t.rust_name);
    let docs = type_docs(t);
    let variants = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let docs = variant_docs(&v.docs, &v.value);
        quote!(#docs #vn,)
    });
    let to_str = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let value = &v.value;
        quote!(Self::#vn => #value,)
    });
    let from_str = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let value = &v.value;
        quote!(#value => Self::#vn,)
    });
    let values = e.variants.iter().map(|v| &v.value);
    let known = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        quote!(Self::#vn)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know. Accepted when reading responses;
            /// rejected by validation when sending.
            Unknown(::std::string::String),
        }

        impl #name {
            /// Every value the spec lists, in spec order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Whether the value is one the spec lists (not [`Self::Unknown`]).
            pub fn is_known(&self) -> bool {
                matches!(self, #(#known)|*)
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(::std::string::ToString::to_string(other)),
                }
            }
        }

        crate::runtime::enums::string_enum_traits!(#name);
    }
}

fn int_enum(t: &TypeDef, e: &IntEnumDef) -> TokenStream {
    let name = ident(&t.rust_name);
    let docs = type_docs(t);
    let int = rust_type(&TypeRef::Integer(e.format));
    let lit = |v: i64| match e.format {
        IntFormat::Int32 => {
            let v = v as i32;
            quote!(#v)
        }
        IntFormat::Int64 => quote!(#v),
    };
    let variants = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let docs = variant_docs(&v.docs, &v.value.to_string());
        quote!(#docs #vn,)
    });
    let to_int = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let value = lit(v.value);
        quote!(Self::#vn => #value,)
    });
    let from_int = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let value = lit(v.value);
        quote!(#value => Self::#vn,)
    });
    let values = e.variants.iter().map(|v| lit(v.value));
    let known = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        quote!(Self::#vn)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know. Accepted when reading responses;
            /// rejected by validation when sending.
            Unknown(#int),
        }

        impl #name {
            /// Every value the spec lists, in spec order.
            pub const VALUES: &'static [#int] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn value(&self) -> #int {
                match self {
                    #(#to_int)*
                    Self::Unknown(value) => *value,
                }
            }

            /// Whether the value is one the spec lists (not [`Self::Unknown`]).
            pub fn is_known(&self) -> bool {
                matches!(self, #(#known)|*)
            }
        }

        impl ::std::convert::From<#int> for #name {
            fn from(value: #int) -> Self {
                match value {
                    #(#from_int)*
                    other => Self::Unknown(other),
                }
            }
        }

        crate::runtime::enums::int_enum_traits!(#name, #int);
    }
}
