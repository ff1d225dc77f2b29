//! How IR types become Rust types. Shared by every emitter so a type is spelled one way.

use crate::ir::{
    Api, Bound, Constraints, Field, IntFormat, Num, NumberFormat, Parameter, Shape, TypeKind,
    TypeRef,
};
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
        TypeRef::String { .. } => quote!(String),
        TypeRef::Array(item) => {
            let item = shape_type(item);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = shape_type(value);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Named(name) => model_path(name),
        TypeRef::Any => quote!(::serde_json::Value),
    }
}

/// How [`model_path`] names a model in the code being built.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ModelPaths {
    /// `models::Spec`: the file imports `crate::models` (the default).
    Module,
    /// `Spec`: inside `src/models.rs`.
    Bare,
    /// `crate::models::Spec`: code under a `#[cfg]`, which an import cannot follow.
    Crate,
}

thread_local! {
    static MODEL_PATHS: std::cell::Cell<ModelPaths> = const { std::cell::Cell::new(ModelPaths::Module) };
}

fn with_model_paths<T>(paths: ModelPaths, build: impl FnOnce() -> T) -> T {
    let before = MODEL_PATHS.with(|p| p.replace(paths));
    let out = build();
    MODEL_PATHS.with(|p| p.set(before));
    out
}

/// Builds the code of `src/models.rs` (or a part of it) with `build`: within it, [`model_path`]
/// names a model bare (`Spec`) rather than through the module (`models::Spec`).
pub fn in_models<T>(build: impl FnOnce() -> T) -> T {
    with_model_paths(ModelPaths::Bare, build)
}

/// Builds code that only some features compile with `build`: within it, [`model_path`] names a
/// model by its full path (`crate::models::Spec`), so the file's imports do not depend on the
/// features.
pub fn with_crate_paths<T>(build: impl FnOnce() -> T) -> T {
    with_model_paths(ModelPaths::Crate, build)
}

/// How generated code names the model type `name`: `models::Name` (every file that uses a model
/// imports `crate::models`), `Name` inside `src/models.rs` itself (see [`in_models`]), or
/// `crate::models::Name` in code under a feature (see [`with_crate_paths`]).
pub fn model_path(name: &str) -> TokenStream {
    let name = ident(name);
    match MODEL_PATHS.with(std::cell::Cell::get) {
        ModelPaths::Module => quote!(models::#name),
        ModelPaths::Bare => quote!(#name),
        ModelPaths::Crate => quote!(crate::models::#name),
    }
}

/// `ty`, boxed when `boxed` (a use that would otherwise make a type contain itself).
pub fn boxed_type(ty: TokenStream, boxed: bool) -> TokenStream {
    if boxed {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

/// The Rust type of a shape: nullable values are `Option`.
pub fn shape_type(shape: &Shape) -> TokenStream {
    let ty = rust_type(&shape.ty);
    if shape.nullable {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// The Rust type of a struct field.
pub fn field_type(field: &Field) -> TokenStream {
    let ty = boxed_type(rust_type(&field.shape.ty), field.boxed);
    if field.is_option() {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// The Rust type of a request-type parameter field.
pub fn param_type(param: &Parameter) -> TokenStream {
    let ty = rust_type(&param.shape.ty);
    if param.is_option() {
        quote!(Option<#ty>)
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
        // A tab becomes four spaces, another control character one.
        let mut line = String::with_capacity(raw.len());
        for c in raw.chars() {
            match c {
                '\t' => line.push_str("    "),
                c if c.is_control() => line.push(' '),
                c => line.push(c),
            }
        }
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
    match docs {
        Some(docs) => super::docs::lines(raw_doc_lines(docs)),
        None => TokenStream::new(),
    }
}

/// The lines of the doc attributes [`doc_attrs`] gives for `docs` (each as it follows `///`).
pub fn doc_lines(docs: &str) -> Vec<String> {
    raw_doc_lines(&prose(docs))
}

fn raw_doc_lines(docs: &str) -> Vec<String> {
    docs.trim()
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                format!(" {}", l.trim_end())
            }
        })
        .collect()
}

/// Doc attributes for prose the generator writes: each paragraph wrapped at `width` columns; code
/// blocks and lists are kept as written. Spec text in it must have gone through [`prose`].
pub fn wrapped_doc_attrs(text: &str, width: usize) -> TokenStream {
    super::docs::lines(wrapped_doc_lines(text, width))
}

/// The lines of [`wrapped_doc_attrs`] (each as it follows `///`).
pub fn wrapped_doc_lines(text: &str, width: usize) -> Vec<String> {
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
    raw_doc_lines(&lines.join("\n"))
}

/// Most enum values a constraint line lists before "and N more".
const MAX_LISTED_VALUES: usize = 12;

/// The one-line summary of the constraints on a value of `shape`, for its field or parameter
/// docs: ``Checked before sending: 1 to 64 characters; matches `^[a-z]+$`.``, ``Checked before
/// sending: at most 200 items; each one of: `host`, `container`.``. Taken from the keywords (the
/// effective ones, exactly those validation checks) and the enum's values; `None` when there is
/// nothing to say. `checked`: validation checks the value (request side); otherwise the line says
/// what the spec documents (a response is never validated).
pub fn constraint_line(api: &Api, shape: &Shape, checked: bool) -> Option<String> {
    let parts = constraint_parts(api, shape, 0);
    let label = if checked {
        "Checked before sending"
    } else {
        "Documented values"
    };
    (!parts.is_empty()).then(|| format!("{label}: {}.", parts.join("; ")))
}

fn constraint_parts(api: &Api, shape: &Shape, depth: usize) -> Vec<String> {
    let c: Constraints = shape.effective_constraints(api);
    let mut parts = Vec::new();
    parts.extend(range(c.min_length, c.max_length, "character"));
    parts.extend(range(c.min_items, c.max_items, "item"));
    parts.extend(bounds(c.minimum, c.maximum));
    if let Some(m) = c.multiple_of {
        parts.push(format!("a multiple of {}", num(m)));
    }
    if let Some(p) = &c.pattern {
        parts.push(format!("matches {}", code(p)));
    }
    if let TypeRef::Named(name) = &shape.ty {
        let values: Option<Vec<String>> = match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(e)) => {
                Some(e.variants.iter().map(|v| code(&v.value)).collect())
            }
            Some(TypeKind::IntEnum(e)) => Some(
                e.variants
                    .iter()
                    .map(|v| code(&v.value.to_string()))
                    .collect(),
            ),
            _ => None,
        };
        if let Some(mut values) = values.filter(|v| !v.is_empty()) {
            if values.len() > MAX_LISTED_VALUES {
                let more = values.len() - MAX_LISTED_VALUES;
                values.truncate(MAX_LISTED_VALUES);
                values.push(format!("and {more} more"));
            }
            parts.push(format!("one of: {}", values.join(", ")));
        }
    }
    if let TypeRef::Array(item) = &shape.ty {
        if depth < 4 {
            let inner = constraint_parts(api, item, depth + 1);
            if !inner.is_empty() {
                parts.push(format!("each {}", inner.join(", ")));
            }
        }
    }
    parts
}

/// `1 to 64 characters`, `at least 1 item`, `at most 200 items`, `exactly 3 characters`.
fn range(min: Option<u64>, max: Option<u64>, unit: &str) -> Option<String> {
    let units = |n: u64| {
        if n == 1 {
            unit.to_string()
        } else {
            format!("{unit}s")
        }
    };
    Some(match (min, max) {
        (Some(a), Some(b)) if a == b => format!("exactly {a} {}", units(a)),
        (Some(a), Some(b)) => format!("{a} to {b} {}", units(b)),
        (Some(a), None) => format!("at least {a} {}", units(a)),
        (None, Some(b)) => format!("at most {b} {}", units(b)),
        (None, None) => return None,
    })
}

/// `from 1 to 100`, `at least 0`, `greater than 0`, `less than 1.5`.
fn bounds(min: Option<Bound>, max: Option<Bound>) -> Option<String> {
    let lower = |b: Bound| {
        if b.exclusive {
            format!("greater than {}", num(b.value))
        } else {
            format!("at least {}", num(b.value))
        }
    };
    let upper = |b: Bound| {
        if b.exclusive {
            format!("less than {}", num(b.value))
        } else {
            format!("at most {}", num(b.value))
        }
    };
    Some(match (min, max) {
        (Some(a), Some(b)) if !a.exclusive && !b.exclusive => {
            format!("from {} to {}", num(a.value), num(b.value))
        }
        (Some(a), Some(b)) => format!("{} and {}", lower(a), upper(b)),
        (Some(a), None) => lower(a),
        (None, Some(b)) => upper(b),
        (None, None) => return None,
    })
}

fn num(n: Num) -> String {
    match n {
        Num::Int(i) => i.to_string(),
        Num::Float(x) => x.to_string(),
    }
}

/// `text` as a Markdown code span, whatever backticks it holds; control characters become
/// spaces so the span stays on one line.
fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("`{text}`")
    } else {
        format!("{fence} {text} {fence}")
    }
}

#[cfg(test)]
mod constraint_tests {
    use super::*;

    fn shape(ty: TypeRef, c: Constraints) -> Shape {
        Shape {
            ty,
            nullable: false,
            constraints: c,
        }
    }

    #[test]
    fn constraint_lines_name_each_keyword() {
        let api = Api::for_tests(vec![], vec![]);
        let string = TypeRef::String { format: None };
        let c = Constraints {
            min_length: Some(1),
            max_length: Some(64),
            pattern: Some("^[a-z`]+$".into()),
            ..Default::default()
        };
        assert_eq!(
            constraint_line(&api, &shape(string.clone(), c), true).as_deref(),
            Some("Checked before sending: 1 to 64 characters; matches `` ^[a-z`]+$ ``.")
        );
        let items = Constraints {
            max_items: Some(200),
            ..Default::default()
        };
        let item = shape(
            string.clone(),
            Constraints {
                max_length: Some(1),
                ..Default::default()
            },
        );
        assert_eq!(
            constraint_line(&api, &shape(TypeRef::Array(Box::new(item)), items), false).as_deref(),
            Some("Documented values: at most 200 items; each at most 1 character.")
        );
        let int = Constraints {
            minimum: Some(Bound {
                value: Num::Int(0),
                exclusive: true,
            }),
            maximum: Some(Bound {
                value: Num::Int(100),
                exclusive: false,
            }),
            ..Default::default()
        };
        assert_eq!(
            constraint_line(&api, &shape(TypeRef::Integer(IntFormat::Int32), int), true).as_deref(),
            Some("Checked before sending: greater than 0 and at most 100.")
        );
        // Keywords that constrain nothing (`minLength: 0`) or are absent: no line.
        let none = Constraints {
            min_length: Some(0),
            ..Default::default()
        };
        assert_eq!(constraint_line(&api, &shape(string, none), true), None);
    }
}
