//! `src/models.rs`: one struct per object schema, one enum per enum schema.
//!
//! Every struct and enum is `#[non_exhaustive]`: the API grows (new optional fields, new enum
//! values) and that must not be a breaking change for callers. Structs are built with their
//! builder (`Type::builder()`, see [`super::builders`]). Enums keep values the spec does not
//! list in an `Unknown` variant, so reading a response never fails because the service added one.

use super::types::{boxed_type, doc_attrs, field_type, rust_type, shape_type};
use super::validate;
use crate::ir::*;
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The whole `src/models.rs`.
pub fn file(api: &Api) -> TokenStream {
    file_part(api, &builder_names(api), 0..api.types.len())
}

/// The name of each struct's builder, by type name (computed once for all the parts).
pub fn builder_names(api: &Api) -> BTreeMap<String, String> {
    super::builders::builder_names(api.types.iter().map(|t| t.rust_name.as_str()))
}

/// The part of `src/models.rs` that holds the types `range` (indexes into [`Api::types`]); the
/// part that starts at 0 carries the module docs. Formatted one by one and put together in order,
/// the parts are the file (see `emit::MODEL_PART`).
pub fn file_part(
    api: &Api,
    builders: &BTreeMap<String, String>,
    range: std::ops::Range<usize>,
) -> TokenStream {
    super::types::in_models(|| part(api, builders, range))
}

fn part(
    api: &Api,
    builders: &BTreeMap<String, String>,
    range: std::ops::Range<usize>,
) -> TokenStream {
    let first = range.start == 0;
    let items = api.types.get(range).unwrap_or_default().iter().map(|t| {
        let def = type_def(api, t, &builders[&t.rust_name]);
        let validation = if t.usage.request {
            validate::for_type(api, t)
        } else {
            TokenStream::new()
        };
        quote! { #def #validation }
    });
    let docs = first.then(|| {
        quote! {
            //! Request and response bodies: one type per schema of the spec.
        }
    });
    quote! {
        #docs
        #(#items)*
    }
}

fn type_def(api: &Api, t: &TypeDef, builder_name: &str) -> TokenStream {
    match &t.kind {
        TypeKind::Struct(s) => struct_def(api, t, s, builder_name),
        TypeKind::StringEnum(e) => string_enum(t, e),
        TypeKind::IntEnum(e) => int_enum(t, e),
        TypeKind::Union(u) => union(t, u),
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
        let skip = (!f.required)
            .then(|| quote!(#[serde(default, skip_serializing_if = "Option::is_none")]));
        quote! {
            #docs
            #rename
            #skip
            pub #fname: #ty,
        }
    });
    let additional = s.additional.as_ref().map(|a| {
        let fname = ident(&a.rust_name);
        let value = shape_type(&a.value);
        quote! {
            /// Properties other than the declared ones (`additionalProperties`), by name.
            #[serde(flatten)]
            pub #fname: ::std::collections::BTreeMap<String, #value>,
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
            #additional
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
            Unknown(String),
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

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(ToString::to_string(other)),
                }
            }
        }

        runtime::enums::string_enum_traits!(#name);
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

        impl From<#int> for #name {
            fn from(value: #int) -> Self {
                match value {
                    #(#from_int)*
                    other => Self::Unknown(other),
                }
            }
        }

        runtime::enums::int_enum_traits!(#name, #int);
    }
}

/// A `oneOf`/`anyOf` schema: one variant per alternative, plus `Unknown` for a value that is
/// none of them (accepted when reading a response, rejected by validation when sending).
///
/// With a discriminator, the variant is chosen by the discriminator property's value (a value no
/// alternative has is kept as `Unknown`), and a variant serialises as its struct, which carries
/// the property. Without one, the enum is `#[serde(untagged)]`: the first alternative, in spec
/// order, that the value deserialises as wins.
fn union(t: &TypeDef, u: &UnionDef) -> TokenStream {
    let name = ident(&t.rust_name);
    let docs = type_docs(t);
    let ty = |v: &UnionVariant| boxed_type(shape_type(&v.shape), v.boxed);
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let ty = ty(v);
        let doc = if v.tags.is_empty() {
            format!(" The `{}` alternative.", v.rust_name)
        } else {
            let tags: Vec<String> = v.tags.iter().map(|t| format!("`{t}`")).collect();
            format!(" Selected by the discriminator value {}.", tags.join(", "))
        };
        quote!(#[doc = #doc] #vn(#ty),)
    });
    // `From` each alternative's type, when no other alternative has the same type.
    let froms: Vec<TokenStream> = u
        .variants
        .iter()
        .filter(|v| !v.shape.nullable && v.shape.ty != TypeRef::Named(t.rust_name.clone()))
        .filter(|v| {
            u.variants
                .iter()
                .filter(|w| w.shape.ty == v.shape.ty && !w.shape.nullable)
                .count()
                == 1
        })
        .map(|v| {
            let vn = ident(&v.rust_name);
            let inner = rust_type(&v.shape.ty);
            let value = if v.boxed {
                quote!(Box::new(value))
            } else {
                quote!(value)
            };
            quote! {
                impl From<#inner> for #name {
                    fn from(value: #inner) -> Self {
                        Self::#vn(#value)
                    }
                }
            }
        })
        .collect();
    let unknown = quote! {
        /// A value that is none of the alternatives. Accepted when reading responses; rejected
        /// by validation when sending.
        Unknown(::serde_json::Value),
    };
    let Some(property) = &u.discriminator else {
        return quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                #unknown
            }

            #(#froms)*
        };
    };
    let serialize = u.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        quote!(Self::#vn(value) => ::serde::Serialize::serialize(value, serializer),)
    });
    let deserialize = u.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let ty = ty(v);
        let tags = &v.tags;
        quote! {
            Some(#(#tags)|*) => <#ty as ::serde::Deserialize>::deserialize(value)
                .map(Self::#vn)
                .map_err(::serde::de::Error::custom),
        }
    });
    let tag_of = u.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let tag = &v.tags[0];
        quote!(Self::#vn(_) => Some(#tag),)
    });
    let tags = u.variants.iter().flat_map(|v| v.tags.iter());
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown
        }

        impl #name {
            /// The discriminator property's name.
            pub const DISCRIMINATOR: &'static str = #property;

            /// Every discriminator value that selects an alternative, in spec order.
            pub const TAGS: &'static [&'static str] = &[#(#tags),*];

            /// The discriminator value of this variant (`None` for [`Self::Unknown`]).
            pub fn tag(&self) -> Option<&'static str> {
                match self {
                    #(#tag_of)*
                    Self::Unknown(_) => None,
                }
            }
        }

        #(#froms)*

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize)*
                    Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value
                    .get(#property)
                    .and_then(::serde_json::Value::as_str)
                    .map(ToOwned::to_owned);
                match tag.as_deref() {
                    #(#deserialize)*
                    _ => Ok(Self::Unknown(value)),
                }
            }
        }
    }
}
