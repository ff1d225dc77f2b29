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
        TypeRef::Map(value) => {
            let value = shape_type(value);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(crate::models::#name)
        }
        TypeRef::Any => quote!(::serde_json::Value),
    }
}

/// `ty`, boxed when `boxed` (a use that would otherwise make a type contain itself).
pub fn boxed_type(ty: TokenStream, boxed: bool) -> TokenStream {
    if boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
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
    let ty = boxed_type(rust_type(&field.shape.ty), field.boxed);
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

/// `/// text` doc attributes, one per line of `docs` (nothing for `None`). The text is prose
/// from the spec: it goes through [`prose`] first, so it can never become a doc-test.
pub fn doc_attrs(docs: Option<&str>) -> TokenStream {
    raw_doc_attrs(docs.map(prose).as_deref())
}

/// Spec prose made safe for a doc comment. Markdown code in it is shown, never compiled or run
/// as a doc-test: fenced code blocks become `text` blocks (and an unclosed one is closed),
/// indented code blocks lose their indentation, tabs become spaces and other control
/// characters (a bare carriage return does not compile in a doc comment) become spaces.
pub fn prose(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    // The marker that opened the fenced block we are in (three or more ` or ~).
    let mut fence: Option<String> = None;
    let mut after_blank = true;
    for raw in text.lines() {
        let line: String = raw
            .chars()
            .flat_map(|c| match c {
                '\t' => "    ".chars().collect::<Vec<_>>(),
                c if c.is_control() => vec![' '],
                c => vec![c],
            })
            .collect();
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let blank = body.is_empty();
        let marker = fence_marker(body).filter(|_| indent < 4);
        match (&fence, marker) {
            (None, Some(marker)) => {
                out.push(format!("{}{marker}text", &line[..indent]));
                fence = Some(marker);
            }
            (Some(open), Some(marker))
                if marker.starts_with(&open[..1])
                    && marker.len() >= open.len()
                    && body[marker.len()..].trim().is_empty() =>
            {
                out.push(line.trim_end().to_string());
                fence = None;
            }
            (Some(_), _) => out.push(line),
            (None, None) => {
                if indent >= 4 && after_blank {
                    out.push(body.to_string());
                } else {
                    out.push(line);
                }
            }
        }
        after_blank = blank || (fence.is_none() && after_blank && indent >= 4);
    }
    if let Some(open) = fence {
        out.push(open);
    }
    out.join("\n")
}

/// The fence marker a line opens or closes a fenced code block with (```` ``` ````, `~~~`, or
/// longer), if it is one.
fn fence_marker(line: &str) -> Option<String> {
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = line.chars().take_while(|x| *x == c).count();
    (n >= 3).then(|| c.to_string().repeat(n))
}

/// Doc attributes for text the generator wrote itself (its own code blocks stay doc-tests).
fn raw_doc_attrs(docs: Option<&str>) -> TokenStream {
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

/// Doc attributes for prose the generator writes: each paragraph wrapped at `width` columns; code
/// blocks and lists are kept as written. Spec text in it must have gone through [`prose`].
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
    raw_doc_attrs(Some(&lines.join("\n")))
}
