//! How IR types become Rust types. Shared by every emitter so a type is spelled one way.

use crate::ir::{Field, IntFormat, NumberFormat, Parameter, Shape, TypeRef};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The Rust type of a value of `ty` (not wrapped in `Option`).
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer(IntFormat::Int32) => quote!(i32),
        TypeRef::Integer(IntFormat::Int64) => quote!(i64),
        TypeRef::Number(NumberFormat::Float) => quote!(f32),
        TypeRef::Number(NumberFormat::Double) => quote!(f64),
        TypeRef::String { .. } => quote!(::std::string::String),
        TypeRef::Array(item) => {
            let item = shape_type(item);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(crate::models::#name)
        }
        TypeRef::Any => quote!(::serde_json::Value),
    }
}

/// The Rust type of a shape: nullable values are `Option`.
pub fn shape_type(shape: &Shape) -> TokenStream {
    let ty = rust_type(&shape.ty);
    if shape.nullable {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// The Rust type of a struct field.
pub fn field_type(field: &Field) -> TokenStream {
    let ty = rust_type(&field.shape.ty);
    if field.is_option() {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// The Rust type of a request-type parameter field.
pub fn param_type(param: &Parameter) -> TokenStream {
    let ty = rust_type(&param.shape.ty);
    if param.is_option() {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// `/// text` doc attributes, one per line of `docs` (nothing for `None`).
pub fn doc_attrs(docs: Option<&str>) -> TokenStream {
    let Some(docs) = docs else {
        return TokenStream::new();
    };
    let lines = docs.trim().lines().map(|l| {
        if l.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", l.trim_end())
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// Doc attributes for prose: each paragraph wrapped at `width` columns; code blocks and lists are
/// kept as written.
pub fn wrapped_doc_attrs(text: &str, width: usize) -> TokenStream {
    let mut lines = Vec::new();
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        if paragraph.starts_with("```") || paragraph.contains("\n- ") || paragraph.starts_with("- ")
        {
            lines.extend(paragraph.lines().map(str::to_owned));
            continue;
        }
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    doc_attrs(Some(&lines.join("\n")))
}
