//! `src/models.rs`: one struct per object schema, one enum per enum schema.
//!
//! Every struct and enum is `#[non_exhaustive]`: the API grows (new optional fields, new enum
//! values) and that must not be a breaking change for callers. Structs are built with their
//! builder (`Type::builder()`, see [`super::builders`]). Enums keep values the spec does not
//! list in an `Unknown` variant, so reading a response never fails because the service added one.

use super::docs::{literal, push_doc_lines, push_line, push_whole_line, MARGIN};
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
    doc_attrs(Some(&field_doc_text(api, field, checked)))
}

/// The text of [`field_docs`].
fn field_doc_text(api: &Api, field: &Field, checked: bool) -> String {
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
    text
}

/// A struct and its builder: inside [`super::docs::deferred`], one text item when both are
/// laid out here, else each as text or tokens.
fn struct_def(api: &Api, t: &TypeDef, s: &StructDef, builder_name: &str) -> TokenStream {
    let active = super::docs::active();
    let text = active.then(|| struct_text(api, t, s)).flatten();
    let whole = text.as_ref().and_then(|text| {
        let builder = super::builders::for_struct_text(t, s, builder_name)?;
        Some(format!("{text}{builder}"))
    });
    super::docs::item(0, whole, || {
        let item = super::docs::item(0, text, || struct_tokens(api, t, s));
        let builder = super::builders::for_struct(t, s, builder_name);
        quote! {
            #item

            #builder
        }
    })
}

/// The text of a type's doc comment (see [`type_docs`]).
fn type_doc_text(t: &TypeDef) -> Option<String> {
    let lines = match &t.docs {
        Some(d) => super::types::doc_lines(d),
        None => super::types::doc_lines(&format!("The `{}` schema.", t.wire_name)),
    };
    super::docs::doc_text(&lines)
}

/// The struct of [`struct_tokens`] as prettyplease prints it at the top level; `None` when a
/// line would come near the margin (a field's: past it), or for a shape not laid out here.
fn struct_text(api: &Api, t: &TypeDef, s: &StructDef) -> Option<String> {
    let line = |out: &mut String, text: &str| push_line(out, 0, "", text);
    if s.fields.is_empty() && s.additional.is_none() {
        return None;
    }
    let mut out = type_doc_text(t)?;
    // 86 columns with `Default`: prettyplease keeps it on one line (its margin is 89).
    out.push_str(if s.fields.iter().all(Field::is_option) {
        "#[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]\n"
    } else {
        "#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n"
    });
    out.push_str("#[non_exhaustive]\n");
    line(&mut out, &format!("pub struct {} {{", ident(&t.rust_name)))?;
    for f in &s.fields {
        let docs = super::types::doc_lines(&field_doc_text(api, f, t.usage.request));
        push_doc_lines(&mut out, "    ", &docs)?;
        if f.rust_name.trim_start_matches("r#") != f.wire_name {
            let wire = literal(&f.wire_name);
            line(&mut out, &format!("    #[serde(rename = {wire})]"))?;
        }
        if !f.required {
            out.push_str("    #[serde(default, skip_serializing_if = \"Option::is_none\")]\n");
        }
        let ty = super::builders::type_text(&field_type(f))?;
        push_whole_line(&mut out, &format!("    pub {}: {ty},", ident(&f.rust_name)))?;
    }
    if let Some(a) = &s.additional {
        let value = super::builders::type_text(&shape_type(&a.value))?;
        out.push_str(
            "    /// Properties other than the declared ones (`additionalProperties`), by name.\n",
        );
        out.push_str("    #[serde(flatten)]\n");
        push_whole_line(
            &mut out,
            &format!(
                "    pub {}: ::std::collections::BTreeMap<String, {value}>,",
                ident(&a.rust_name)
            ),
        )?;
    }
    out.push_str("}\n");
    Some(out)
}

/// A struct type with its docs and serde attributes.
fn struct_tokens(api: &Api, t: &TypeDef, s: &StructDef) -> TokenStream {
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
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional
        }
    }
}

fn variant_docs(v_docs: &Option<String>, value: &str) -> TokenStream {
    doc_attrs(Some(&variant_doc(v_docs, value)))
}

/// The text of [`variant_docs`]: the value, and its description when the spec gives one.
fn variant_doc(v_docs: &Option<String>, value: &str) -> String {
    match v_docs {
        Some(d) => format!("`{value}`: {d}"),
        None => format!("`{value}`"),
    }
}

/// A string enum's type as prettyplease prints the tokens `string_enum` gives for it at the
/// top level; `None` when a line would come near the margin.
fn string_enum_def_text(t: &TypeDef, e: &StringEnumDef) -> Option<String> {
    let mut out = type_doc_text(t)?;
    out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]\n");
    out.push_str("#[non_exhaustive]\n");
    push_line(
        &mut out,
        0,
        "",
        &format!("pub enum {} {{", ident(&t.rust_name)),
    )?;
    for v in &e.variants {
        let docs = super::types::doc_lines(&variant_doc(&v.docs, &v.value));
        push_doc_lines(&mut out, "    ", &docs)?;
        push_line(&mut out, 0, "", &format!("    {},", ident(&v.rust_name)))?;
    }
    out.push_str(
        "    /// A value this version of the crate does not know. Accepted when reading responses;\n\
         \x20   /// rejected by validation when sending.\n\
         \x20   Unknown(String),\n\
         }\n",
    );
    Some(out)
}

/// A string enum: its type, `impl X { VALUES, as_str, is_known }`, `From<&str>` and the
/// runtime's traits. Inside [`super::docs::deferred`], one text item when
/// [`string_enum_text`] lays it all out, else item by item.
fn string_enum(t: &TypeDef, e: &StringEnumDef) -> TokenStream {
    let whole = super::docs::active()
        .then(|| string_enum_text(t, e))
        .flatten();
    super::docs::item(0, whole, || string_enum_tokens(t, e))
}

/// The variants' names and values.
fn enum_pairs(e: &StringEnumDef) -> Vec<(&str, &str)> {
    e.variants
        .iter()
        .map(|v| (v.rust_name.as_str(), v.value.as_str()))
        .collect()
}

/// The whole of [`string_enum_tokens`] as prettyplease prints it at the top level; `None` when
/// a part is not laid out here.
fn string_enum_text(t: &TypeDef, e: &StringEnumDef) -> Option<String> {
    let pairs = enum_pairs(e);
    let (values, from) = string_enum_texts(&t.rust_name, &pairs);
    let mut out = string_enum_def_text(t, e)?;
    push_line(&mut out, 0, "", &format!("impl {} {{", raw(&t.rust_name)))?;
    for text in [values?, is_known_text(&pairs)] {
        for l in text.split_inclusive('\n') {
            out.push_str("    ");
            out.push_str(l);
        }
    }
    out.push_str("}\n");
    out.push_str(&from?);
    out.push_str(&traits_text(
        "runtime::enums::string_enum_traits!(",
        &raw(&t.rust_name),
    ));
    Some(out)
}

/// A string enum's `is_known` as prettyplease prints it in the `impl` block (its indentation,
/// 4, removed). The body is `matches!(self, Self::A | Self::B)`, a macro call prettyplease
/// prints from its tokens: on one line when that line ends by the margin; else broken after
/// `matches!(`, the tokens filled at 12 columns (a space between them breaks the line when the
/// token after it would not end by the margin), and `)` on a line of its own.
fn is_known_text(pairs: &[(&str, &str)]) -> String {
    /// The column of the body's statements.
    const AT: usize = 8;
    let mut out = String::from(
        "/// Whether the value is one the spec lists (not [`Self::Unknown`]).\n\
         pub fn is_known(&self) -> bool {\n",
    );
    let known: Vec<String> = pairs
        .iter()
        .map(|(name, _)| format!("Self::{}", raw(name)))
        .collect();
    let flat = format!("matches!(self, {})", known.join(" | "));
    if AT + flat.len() <= MARGIN {
        out.push_str(&format!("    {flat}\n"));
    } else {
        out.push_str("    matches!(\n");
        let mut line = String::from("self,");
        let mut tokens = Vec::with_capacity(known.len() * 2);
        for (i, k) in known.iter().enumerate() {
            if i > 0 {
                tokens.push("|");
            }
            tokens.push(k.as_str());
        }
        for token in tokens {
            if AT + 4 + line.len() + 1 + token.len() <= MARGIN {
                line.push(' ');
            } else {
                out.push_str(&format!("        {line}\n"));
                line.clear();
            }
            line.push_str(token);
        }
        out.push_str(&format!("        {line}\n    )\n"));
    }
    out.push_str("}\n");
    out
}

/// A macro call at the top level with one argument (`runtime::enums::string_enum_traits!(X);`,
/// `call` ending with its `(`) as prettyplease prints it: on one line when that line ends by
/// the margin, else the argument on a line of its own.
fn traits_text(call: &str, argument: &str) -> String {
    let one_line = format!("{call}{argument});\n");
    if one_line.len() - 1 <= MARGIN {
        one_line
    } else {
        format!("{call}\n    {argument}\n);\n")
    }
}

/// [`string_enum`]'s tokens, each item laid out as text where its shape allows.
fn string_enum_tokens(t: &TypeDef, e: &StringEnumDef) -> TokenStream {
    let name = ident(&t.rust_name);
    let def_text = super::docs::active()
        .then(|| string_enum_def_text(t, e))
        .flatten();
    let def = super::docs::item(0, def_text, || {
        let docs = type_docs(t);
        let variants = e.variants.iter().map(|v| {
            let vn = ident(&v.rust_name);
            let docs = variant_docs(&v.docs, &v.value);
            quote!(#docs #vn,)
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
        }
    });
    let pairs = enum_pairs(e);
    let known = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        quote!(Self::#vn)
    });
    let (values_text, from_text) = if super::docs::active() {
        string_enum_texts(&t.rust_name, &pairs)
    } else {
        (None, None)
    };
    let values_and_as_str = super::docs::item(4, values_text, || string_enum_values_tokens(&pairs));
    let from = super::docs::item(0, from_text, || {
        string_enum_from_tokens(&t.rust_name, &pairs)
    });
    quote! {
        #def

        impl #name {
            #values_and_as_str

            /// Whether the value is one the spec lists (not [`Self::Unknown`]).
            pub fn is_known(&self) -> bool {
                matches!(self, #(#known)|*)
            }
        }

        #from

        runtime::enums::string_enum_traits!(#name);
    }
}

/// A string enum's `VALUES` and `as_str` (items of its `impl` block); `pairs` are the variants'
/// names and values.
fn string_enum_values_tokens(pairs: &[(&str, &str)]) -> TokenStream {
    let values = pairs.iter().map(|(_, value)| value);
    let to_str = pairs.iter().map(|(name, value)| {
        let vn = ident(name);
        quote!(Self::#vn => #value,)
    });
    quote! {
        /// Every value the spec lists, in spec order.
        pub const VALUES: &'static [&'static str] = &[#(#values),*];

        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                #(#to_str)*
                Self::Unknown(value) => value.as_str(),
            }
        }
    }
}

/// A string enum's `impl From<&str>`.
fn string_enum_from_tokens(type_name: &str, pairs: &[(&str, &str)]) -> TokenStream {
    let name = ident(type_name);
    let from_str = pairs.iter().map(|(vname, value)| {
        let vn = ident(vname);
        quote!(#value => Self::#vn,)
    });
    quote! {
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(ToString::to_string(other)),
                }
            }
        }
    }
}

/// [`string_enum_values_tokens`] as prettyplease prints it in the `impl` block (indentation 4,
/// removed) and [`string_enum_from_tokens`] as it prints it at the top level, each `None` when a
/// line comes near the margin (where prettyplease's choice is not certain).
fn string_enum_texts(type_name: &str, pairs: &[(&str, &str)]) -> (Option<String>, Option<String>) {
    if pairs.is_empty() {
        return (None, None);
    }
    let values: Vec<String> = pairs.iter().map(|(_, v)| literal(v)).collect();
    /// A line at `at` spaces inside an `impl` block (itself indented 4).
    fn line(out: &mut String, at: usize, text: &str) -> Option<()> {
        push_line(out, 4, &" ".repeat(at), text)
    }
    let mut out = String::new();
    let values_text = (|| {
        line(
            &mut out,
            0,
            "/// Every value the spec lists, in spec order.",
        )?;
        let head = "pub const VALUES: &'static [&'static str] = &[";
        let flat = format!("{head}{}];", values.join(", "));
        // The array on one line when that line, its `;` included, ends by the margin; else
        // one value per line (string literals are not filled).
        if 4 + flat.len() <= MARGIN {
            out.push_str(&flat);
            out.push('\n');
        } else {
            line(&mut out, 0, head)?;
            for v in &values {
                line(&mut out, 4, &format!("{v},"))?;
            }
            line(&mut out, 0, "];")?;
        }
        line(&mut out, 0, "/// The value as sent on the wire.")?;
        line(&mut out, 0, "pub fn as_str(&self) -> &str {")?;
        line(&mut out, 4, "match self {")?;
        for ((name, _), v) in pairs.iter().zip(&values) {
            line(&mut out, 8, &format!("Self::{} => {v},", raw(name)))?;
        }
        line(&mut out, 8, "Self::Unknown(value) => value.as_str(),")?;
        line(&mut out, 4, "}")?;
        line(&mut out, 0, "}")?;
        Some(std::mem::take(&mut out))
    })();
    let mut out = String::new();
    let from_text = (|| {
        // Laid out at the top level: `line` adds 4 to the width, so these are checked against
        // a margin 4 narrower than they need.
        line(
            &mut out,
            0,
            &format!("impl From<&str> for {} {{", raw(type_name)),
        )?;
        line(&mut out, 4, "fn from(value: &str) -> Self {")?;
        line(&mut out, 8, "match value {")?;
        for ((name, _), v) in pairs.iter().zip(&values) {
            line(&mut out, 12, &format!("{v} => Self::{},", raw(name)))?;
        }
        line(
            &mut out,
            12,
            "other => Self::Unknown(ToString::to_string(other)),",
        )?;
        line(&mut out, 8, "}")?;
        line(&mut out, 4, "}")?;
        line(&mut out, 0, "}")?;
        Some(out)
    })();
    (values_text, from_text)
}

/// An identifier as its tokens print (`r#type` for a keyword).
fn raw(name: &str) -> String {
    ident(name).to_string()
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
///
/// Inside [`super::docs::deferred`], a union whose items are all laid out here
/// ([`union_def_text`], [`union_from_text`], and for a discriminated one
/// [`union_tag_impl_text`] and [`union_serde_text`]) is one text item; else item by item
/// ([`union_tokens`]: the type and each `From` as text where laid out, the rest as tokens).
fn union(t: &TypeDef, u: &UnionDef) -> TokenStream {
    let whole = super::docs::active()
        .then(|| {
            let mut out = union_def_text(t, u)?;
            if let Some(property) = &u.discriminator {
                out.push_str(&union_tag_impl_text(t, u, property)?);
            }
            for v in union_froms(t, u) {
                out.push_str(&union_from_text(&t.rust_name, v)?);
            }
            if let Some(property) = &u.discriminator {
                out.push_str(&union_serde_text(t, u, property)?);
            }
            Some(out)
        })
        .flatten();
    super::docs::item(0, whole, || union_tokens(t, u))
}

/// A `match` arm `pattern => value` at column 12 (the lines without that indentation) as
/// prettyplease prints it: on one line when it ends by the margin (its comma not counted:
/// printed only when the arm stays whole), else the value in a block on a line of its own;
/// `None` when a line of that block would come near the margin.
fn arm_text(out: &mut String, pattern: &str, value: &str) -> Option<()> {
    let arm = format!("{pattern} => {value}");
    if 12 + arm.len() <= MARGIN {
        out.push_str(&format!("            {arm},\n"));
        return Some(());
    }
    push_line(out, 0, "", &format!("            {pattern} => {{"))?;
    push_line(out, 0, "", &format!("                {value}"))?;
    out.push_str("            }\n");
    Some(())
}

/// A discriminated union's `impl X { DISCRIMINATOR, TAGS, tag() }` as prettyplease prints it
/// at the top level; `None` when a line would come near the margin.
fn union_tag_impl_text(t: &TypeDef, u: &UnionDef, property: &str) -> Option<String> {
    let tags: Vec<String> = u
        .variants
        .iter()
        .flat_map(|v| v.tags.iter())
        .map(|tag| literal(tag))
        .collect();
    let mut out = String::new();
    push_line(&mut out, 0, "", &format!("impl {} {{", raw(&t.rust_name)))?;
    out.push_str("    /// The discriminator property's name.\n");
    push_line(
        &mut out,
        0,
        "",
        &format!(
            "    pub const DISCRIMINATOR: &'static str = {};",
            literal(property)
        ),
    )?;
    out.push_str("    /// Every discriminator value that selects an alternative, in spec order.\n");
    // As `VALUES` (see `string_enum_texts`): one line when it ends by the margin, its `;`
    // counted, else one value per line.
    let head = "    pub const TAGS: &'static [&'static str] = &[";
    let flat = format!("{head}{}];", tags.join(", "));
    if flat.len() <= MARGIN {
        out.push_str(&flat);
        out.push('\n');
    } else {
        out.push_str(head);
        out.push('\n');
        for tag in &tags {
            push_line(&mut out, 0, "", &format!("        {tag},"))?;
        }
        out.push_str("    ];\n");
    }
    out.push_str(
        "    /// The discriminator value of this variant (`None` for [`Self::Unknown`]).\n\
         \x20   pub fn tag(&self) -> Option<&'static str> {\n\
         \x20       match self {\n",
    );
    for v in &u.variants {
        let tag = literal(v.tags.first()?);
        arm_text(
            &mut out,
            &format!("Self::{}(_)", raw(&v.rust_name)),
            &format!("Some({tag})"),
        )?;
    }
    out.push_str(
        "            Self::Unknown(_) => None,\n\
         \x20       }\n\
         \x20   }\n\
         }\n",
    );
    Some(out)
}

/// A discriminated union's `Serialize` and `Deserialize` impls as prettyplease prints them at
/// the top level; `None` when a line would come near the margin. Their signatures are always
/// broken (wider than the margin), and so are the deserialising chains (`<T as
/// ::serde::Deserialize>::deserialize(value).map(..).map_err(..)`, each call on its line).
fn union_serde_text(t: &TypeDef, u: &UnionDef, property: &str) -> Option<String> {
    let name = raw(&t.rust_name);
    let mut out = String::new();
    push_line(
        &mut out,
        0,
        "",
        &format!("impl ::serde::Serialize for {name} {{"),
    )?;
    out.push_str(
        "    fn serialize<S: ::serde::Serializer>(\n\
         \x20       &self,\n\
         \x20       serializer: S,\n\
         \x20   ) -> Result<S::Ok, S::Error> {\n\
         \x20       match self {\n",
    );
    for v in &u.variants {
        arm_text(
            &mut out,
            &format!("Self::{}(value)", raw(&v.rust_name)),
            "::serde::Serialize::serialize(value, serializer)",
        )?;
    }
    out.push_str(
        "            Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),\n\
         \x20       }\n\
         \x20   }\n\
         }\n",
    );
    push_line(
        &mut out,
        0,
        "",
        &format!("impl<'de> ::serde::Deserialize<'de> for {name} {{"),
    )?;
    out.push_str(
        "    fn deserialize<D: ::serde::Deserializer<'de>>(\n\
         \x20       deserializer: D,\n\
         \x20   ) -> Result<Self, D::Error> {\n\
         \x20       let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(\n\
         \x20           deserializer,\n\
         \x20       )?;\n\
         \x20       let tag = value\n",
    );
    push_line(
        &mut out,
        0,
        "",
        &format!("            .get({})", literal(property)),
    )?;
    out.push_str(
        "            .and_then(::serde_json::Value::as_str)\n\
         \x20           .map(ToOwned::to_owned);\n\
         \x20       match tag.as_deref() {\n",
    );
    for v in &u.variants {
        let tags: Vec<String> = v.tags.iter().map(|tag| literal(tag)).collect();
        let ty = super::builders::type_text(&boxed_type(shape_type(&v.shape), v.boxed))?;
        push_line(
            &mut out,
            0,
            "",
            &format!("            Some({}) => {{", tags.join(" | ")),
        )?;
        // The chain's first call on its line when it ends by the margin; else a boxed type's
        // generic argument on a line of its own (another type is not laid out then).
        let call = format!("<{ty} as ::serde::Deserialize>::deserialize(value)");
        if 16 + call.len() <= MARGIN {
            out.push_str(&format!("                {call}\n"));
        } else {
            let inner = ty.strip_prefix("Box<")?.strip_suffix('>')?;
            out.push_str("                <Box<\n");
            push_line(&mut out, 0, "", &format!("                    {inner},"))?;
            out.push_str("                > as ::serde::Deserialize>::deserialize(value)\n");
        }
        push_line(
            &mut out,
            0,
            "",
            &format!("                    .map(Self::{})", raw(&v.rust_name)),
        )?;
        out.push_str(
            "                    .map_err(::serde::de::Error::custom)\n\
             \x20           }\n",
        );
    }
    out.push_str(
        "            _ => Ok(Self::Unknown(value)),\n\
         \x20       }\n\
         \x20   }\n\
         }\n",
    );
    Some(out)
}

/// A union variant's doc line.
fn union_variant_doc(v: &UnionVariant) -> String {
    if v.tags.is_empty() {
        format!(" The `{}` alternative.", v.rust_name)
    } else {
        let tags: Vec<String> = v.tags.iter().map(|t| format!("`{t}`")).collect();
        format!(" Selected by the discriminator value {}.", tags.join(", "))
    }
}

/// The alternatives a union gets `From` for: each one whose type no other alternative has
/// (and not the union itself, nor a nullable one).
fn union_froms<'a>(t: &'a TypeDef, u: &'a UnionDef) -> impl Iterator<Item = &'a UnionVariant> {
    u.variants
        .iter()
        .filter(move |v| !v.shape.nullable && v.shape.ty != TypeRef::Named(t.rust_name.clone()))
        .filter(move |v| {
            u.variants
                .iter()
                .filter(|w| w.shape.ty == v.shape.ty && !w.shape.nullable)
                .count()
                == 1
        })
}

/// `impl From<T> for Union` for the alternative `v`.
fn union_from_tokens(type_name: &str, v: &UnionVariant) -> TokenStream {
    let name = ident(type_name);
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
}

/// [`union_from_tokens`] as prettyplease prints it at the top level; `None` near the margin.
/// The first line is whole when it ends by the margin, else broken before `for` (the generic
/// argument then kept well inside the margin); `from`'s signature likewise on one line when it
/// ends by the margin, else its parameter on a line of its own.
fn union_from_text(type_name: &str, v: &UnionVariant) -> Option<String> {
    let inner = super::builders::type_text(&rust_type(&v.shape.ty))?;
    let name = raw(type_name);
    let mut out = String::new();
    let head = format!("impl From<{inner}> for {name} {{");
    if head.len() <= MARGIN {
        out.push_str(&head);
        out.push('\n');
    } else {
        push_line(&mut out, 0, "", &format!("impl From<{inner}>"))?;
        push_line(&mut out, 0, "", &format!("for {name} {{"))?;
    }
    let signature = format!("    fn from(value: {inner}) -> Self {{");
    if signature.len() <= MARGIN {
        out.push_str(&signature);
        out.push('\n');
    } else {
        out.push_str("    fn from(\n");
        push_line(&mut out, 0, "", &format!("        value: {inner},"))?;
        out.push_str("    ) -> Self {\n");
    }
    let value = if v.boxed { "Box::new(value)" } else { "value" };
    push_line(
        &mut out,
        0,
        "",
        &format!("        Self::{}({value})", raw(&v.rust_name)),
    )?;
    out.push_str("    }\n}\n");
    Some(out)
}

/// A union's type as prettyplease prints [`union_tokens`]' at the top level; `None` when a
/// line would not end by the margin (a variant's) or come near it.
fn union_def_text(t: &TypeDef, u: &UnionDef) -> Option<String> {
    let mut out = type_doc_text(t)?;
    out.push_str(if u.discriminator.is_none() {
        "#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n\
         #[serde(untagged)]\n"
    } else {
        "#[derive(Debug, Clone, PartialEq)]\n"
    });
    out.push_str("#[non_exhaustive]\n");
    push_line(
        &mut out,
        0,
        "",
        &format!("pub enum {} {{", raw(&t.rust_name)),
    )?;
    for v in &u.variants {
        push_doc_lines(&mut out, "    ", &[union_variant_doc(v)])?;
        let ty = super::builders::type_text(&boxed_type(shape_type(&v.shape), v.boxed))?;
        push_whole_line(&mut out, &format!("    {}({ty}),", raw(&v.rust_name)))?;
    }
    out.push_str(
        "    /// A value that is none of the alternatives. Accepted when reading responses; rejected\n\
         \x20   /// by validation when sending.\n\
         \x20   Unknown(::serde_json::Value),\n\
         }\n",
    );
    Some(out)
}

/// [`union`]'s tokens, the type and each `From` impl laid out as text where their shape allows.
fn union_tokens(t: &TypeDef, u: &UnionDef) -> TokenStream {
    let name = ident(&t.rust_name);
    let ty = |v: &UnionVariant| boxed_type(shape_type(&v.shape), v.boxed);
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let ty = ty(v);
        let doc = union_variant_doc(v);
        quote!(#[doc = #doc] #vn(#ty),)
    });
    let froms: Vec<TokenStream> = union_froms(t, u)
        .map(|v| {
            let text = super::docs::active()
                .then(|| union_from_text(&t.rust_name, v))
                .flatten();
            super::docs::item(0, text, || union_from_tokens(&t.rust_name, v))
        })
        .collect();
    let unknown = quote! {
        /// A value that is none of the alternatives. Accepted when reading responses; rejected
        /// by validation when sending.
        Unknown(::serde_json::Value),
    };
    let def_text = super::docs::active()
        .then(|| union_def_text(t, u))
        .flatten();
    let Some(property) = &u.discriminator else {
        let def = super::docs::item(0, def_text, || {
            // Recorded only when the tokens are used (an unused entry refuses the expansion).
            let docs = type_docs(t);
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(untagged)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variants)*
                    #unknown
                }
            }
        });
        return quote! {
            #def
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
    let def = super::docs::item(0, def_text, || {
        let docs = type_docs(t);
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                #unknown
            }
        }
    });
    quote! {
        #def

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

#[cfg(test)]
mod tests {
    use super::*;

    /// A string enum's `VALUES`, `as_str` and `From<&str>` laid out here are what prettyplease
    /// prints for their tokens, for every number of values around the point where `VALUES` is
    /// broken, names and values of many lengths, and keywords as variant names.
    #[test]
    fn string_enum_texts_are_what_prettyplease_prints() {
        let mut laid_out = (0, 0);
        for type_len in [1usize, 20, 40, 60, 70] {
            let type_name = format!("T{}", "y".repeat(type_len));
            for count in 1..9 {
                for value_len in [1usize, 4, 9, 15, 30, 60] {
                    let owned: Vec<(String, String)> = (0..count)
                        .map(|i| {
                            let value = format!("{i}{}\"", "v".repeat(value_len));
                            let name = if i == 1 {
                                "r#type".to_string()
                            } else {
                                format!("V{i}")
                            };
                            (name, value)
                        })
                        .collect();
                    let pairs: Vec<(&str, &str)> = owned
                        .iter()
                        .map(|(n, v)| (n.as_str(), v.as_str()))
                        .collect();
                    let (values, from) = string_enum_texts(&type_name, &pairs);
                    let indent = |text: &str, by: &str| -> String {
                        text.lines().map(|l| format!("{by}{l}\n")).collect()
                    };
                    if let Some(text) = values {
                        laid_out.0 += 1;
                        let tokens = string_enum_values_tokens(&pairs);
                        let printed = prettyplease::unparse(
                            &syn::parse2(quote!(impl X { #tokens })).expect("parses"),
                        );
                        assert_eq!(format!("impl X {{\n{}}}\n", indent(&text, "    ")), printed);
                    }
                    if let Some(text) = from {
                        laid_out.1 += 1;
                        let tokens = string_enum_from_tokens(&type_name, &pairs);
                        let printed = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
                        assert_eq!(text, printed);
                    }
                }
            }
        }
        assert!(laid_out.0 > 100 && laid_out.1 > 100, "{laid_out:?}");
    }
    /// A whole string enum laid out here (its type, `impl X`, `From<&str>`, the runtime's
    /// traits) is what prettyplease prints for its tokens: type names and variant names of
    /// many lengths and numbers of variants, so that `VALUES`, `matches!` and the traits'
    /// macro call are each seen on both sides of the margin.
    #[test]
    fn whole_string_enums_laid_out_here_are_what_prettyplease_prints() {
        let (mut laid_out, mut refused) = (0, 0);
        let (mut values_broken, mut matches_broken, mut traits_broken) = (0, 0, 0);
        for type_len in 0..70 {
            let type_name = format!("T{}", "y".repeat(type_len));
            for count in 1..8 {
                for name_len in 1..14 {
                    let variants = (0..count)
                        .map(|i| EnumVariant {
                            // The first name's length also varies with the type's, so
                            // that lines of every width are seen.
                            rust_name: match i {
                                0 => format!("V{}", "n".repeat(name_len + type_len % 5)),
                                1 => "r#type".to_string(),
                                _ => format!("V{i}{}", "n".repeat(name_len)),
                            },
                            value: format!("{i}{}", "v".repeat(name_len)),
                            docs: (i == 2).then(|| "A value.".to_string()),
                        })
                        .collect();
                    let t = TypeDef {
                        rust_name: type_name.clone(),
                        wire_name: type_name.clone(),
                        origin: String::new(),
                        docs: None,
                        kind: TypeKind::StringEnum(StringEnumDef { variants }),
                        usage: Usage {
                            request: true,
                            response: true,
                        },
                    };
                    let TypeKind::StringEnum(e) = &t.kind else {
                        unreachable!()
                    };
                    let Some(text) = string_enum_text(&t, e) else {
                        refused += 1;
                        continue;
                    };
                    laid_out += 1;
                    values_broken += usize::from(text.contains("= &[\n"));
                    matches_broken += usize::from(text.contains("matches!(\n"));
                    traits_broken += usize::from(text.contains("traits!(\n"));
                    let printed = prettyplease::unparse(
                        &syn::parse2(string_enum_tokens(&t, e)).expect("parses"),
                    );
                    assert_eq!(text, printed, "{type_name}, {count}, {name_len}");
                }
            }
        }
        eprintln!(
            "{laid_out} laid out ({values_broken} VALUES, {matches_broken} matches!, \
             {traits_broken} traits broken), {refused} refused"
        );
        assert!(
            laid_out > 5000 && values_broken > 1500 && matches_broken > 600 && traits_broken > 600,
            "{laid_out}: {values_broken}, {matches_broken}, {traits_broken}; {refused}"
        );
    }
    /// A struct and its builder laid out here as one item are what prettyplease prints for
    /// their tokens: field names and field types of many lengths, so that the fields' lines
    /// (kept whole by their end at the margin, their comma counted) are seen on both sides of
    /// it, with the additional properties' field.
    #[test]
    fn structs_laid_out_here_are_what_prettyplease_prints() {
        let shape = |ty: TypeRef| Shape {
            ty,
            nullable: false,
            constraints: Default::default(),
        };
        let field = |name: &str, ty: TypeRef, required: bool| Field {
            rust_name: name.to_string(),
            setter: name.to_string(),
            wire_name: name.trim_start_matches("r#").to_string(),
            docs: None,
            shape: shape(ty),
            required,
            default: None,
            boxed: false,
        };
        let format = |tokens: TokenStream| {
            prettyplease::unparse(&syn::parse2(tokens).unwrap_or_else(|e| panic!("{e}")))
        };
        let (mut whole, mut at_margin, mut other) = (0, 0, 0);
        for type_len in 0..70 {
            let named = TypeRef::Named(format!("R{}", "y".repeat(type_len)));
            for name_len in 1..12 {
                let name = "x".repeat(name_len);
                let t = TypeDef {
                    rust_name: "S".into(),
                    wire_name: "S".into(),
                    origin: String::new(),
                    docs: None,
                    kind: TypeKind::Struct(StructDef {
                        fields: vec![
                            field(&format!("a{name}"), named.clone(), false),
                            field(
                                &format!("b{name}"),
                                TypeRef::Map(Box::new(shape(named.clone()))),
                                true,
                            ),
                            field(
                                "r#type",
                                TypeRef::Array(Box::new(shape(named.clone()))),
                                false,
                            ),
                        ],
                        rules: Vec::new(),
                        additional: Some(Box::new(AdditionalProperties {
                            rust_name: format!("c{name}"),
                            value: shape(named.clone()),
                        })),
                        min_properties: None,
                        max_properties: None,
                    }),
                    usage: Usage {
                        request: false,
                        response: true,
                    },
                };
                let api = Api::for_tests(vec![t.clone()], Vec::new());
                let TypeKind::Struct(s) = &t.kind else {
                    unreachable!()
                };
                let build = || super::super::types::in_models(|| struct_def(&api, &t, s, "SB"));
                let (tokens, table) = super::super::docs::deferred(build);
                let expanded = super::super::docs::expand(&format(tokens), &table);
                let direct = format(build());
                assert_eq!(expanded.as_deref(), Some(direct.as_str()), "{type_len}");
                // A field's line at the margin, in an item laid out here.
                at_margin += table
                    .iter()
                    .filter(|e| match e {
                        super::super::docs::Deferred::Item { text, .. } => {
                            text.lines().any(|l| l.len() == MARGIN && l.ends_with(">,"))
                        }
                        _ => false,
                    })
                    .count();
                if table.len() == 1 {
                    whole += 1;
                } else {
                    other += 1;
                }
            }
        }
        eprintln!("{whole} laid out whole, {other} not; {at_margin} items with a field's line at the margin");
        assert!(
            whole > 150 && at_margin > 15 && other > 100,
            "{whole}, {at_margin}, {other}"
        );
    }
    /// Unions laid out here (whole, or their type and `From` impls) are what prettyplease
    /// prints for their tokens, untagged and discriminated: type names, alternatives' type names
    /// and tags of many lengths, so that the variants' lines, the `From` impls' first line and
    /// signature, `TAGS`, the `match` arms and the deserialising chains are seen on both sides
    /// of the margin.
    #[test]
    fn unions_laid_out_here_are_what_prettyplease_prints() {
        let shape = |ty: TypeRef| Shape {
            ty,
            nullable: false,
            constraints: Default::default(),
        };
        let format = |tokens: TokenStream| {
            prettyplease::unparse(&syn::parse2(tokens).unwrap_or_else(|e| panic!("{e}")))
        };
        let (mut whole, mut heads_broken, mut signatures_broken, mut partly) = (0, 0, 0, 0);
        let (mut tags_broken, mut arms_broken, mut boxes_broken) = (0, 0, 0);
        for type_len in 0..60 {
            for alt_len in (0..70).step_by(3) {
                for discriminator in [None, Some("kind".to_string())] {
                    // The two alternatives' names vary independently, so that either one's
                    // lines reach the margin while the other's stay inside it.
                    let alt = |i: usize| {
                        let len = match i {
                            0 => alt_len + type_len % 3,
                            _ => (alt_len * 7 + type_len) % 70,
                        };
                        format!("A{i}{}", "z".repeat(len))
                    };
                    let variants = vec![
                        UnionVariant {
                            rust_name: alt(0),
                            tags: vec![format!("a{}", "t".repeat(type_len))],
                            shape: shape(TypeRef::Named(alt(0))),
                            boxed: true,
                        },
                        UnionVariant {
                            rust_name: "Count".into(),
                            tags: vec!["b".into(), format!("c{}", "t".repeat(alt_len % 20))],
                            shape: shape(TypeRef::Array(Box::new(shape(TypeRef::Named(alt(1)))))),
                            boxed: false,
                        },
                    ];
                    let t = TypeDef {
                        rust_name: format!("U{}", "y".repeat(type_len)),
                        wire_name: "U".into(),
                        origin: String::new(),
                        docs: None,
                        kind: TypeKind::Union(UnionDef {
                            keyword: UnionKeyword::OneOf,
                            discriminator: discriminator.clone(),
                            variants,
                        }),
                        usage: Usage {
                            request: false,
                            response: true,
                        },
                    };
                    let TypeKind::Union(u) = &t.kind else {
                        unreachable!()
                    };
                    let build = || super::super::types::in_models(|| union(&t, u));
                    let (tokens, table) = super::super::docs::deferred(build);
                    let expanded = super::super::docs::expand(&format(tokens), &table);
                    let direct = format(build());
                    assert_eq!(
                        expanded.as_deref(),
                        Some(direct.as_str()),
                        "{type_len}, {alt_len}"
                    );
                    if table.len() == 1 {
                        whole += 1;
                        heads_broken += usize::from(direct.contains(">\nfor "));
                        signatures_broken += usize::from(direct.contains("fn from(\n"));
                        tags_broken += usize::from(direct.contains("str] = &[\n"));
                        boxes_broken += usize::from(direct.contains("<Box<\n"));
                        arms_broken += usize::from(
                            direct.contains("(_) => {\n") || direct.contains("(value) => {\n"),
                        );
                    } else {
                        partly += 1;
                    }
                }
            }
        }
        eprintln!(
            "{whole} laid out whole ({heads_broken} with a first line broken, \
             {signatures_broken} with a signature broken, {tags_broken} with `TAGS` broken, \
             {arms_broken} with a `match` arm broken, {boxes_broken} with a boxed type broken), \
             {partly} partly"
        );
        assert!(
            whole > 300
                && heads_broken > 100
                && signatures_broken > 30
                && tags_broken > 30
                && arms_broken > 30
                && boxes_broken > 10
                && partly > 1000,
            "{whole}, {heads_broken}, {signatures_broken}, {tags_broken}, {arms_broken}, \
             {partly}"
        );
    }
}
