//! `examples/{op}.rs`: one program per operation, sending the spec's example request with a
//! client configured from the environment. The request is built with the typed API (builders,
//! enum variants, literals), never parsed from JSON text, and errors are printed with `Display`.
//! The crate docs and README show the first operation's program ([`program_lines`]).

use super::requests::request_type_name;
use crate::ir::{
    Api, BodyKind, Bound, IntFormat, Num, NumberFormat, Operation, Parameter, PartKind, Shape,
    TypeKind, TypeRef,
};
use crate::naming::ident;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

/// The example expressions of one crate: typed values built from the spec's JSON examples.
struct Values<'a> {
    api: &'a Api,
    /// Some expression names a type of `models`.
    uses_models: std::cell::Cell<bool>,
}

impl Values<'_> {
    /// An expression of the type of `shape` (not `Option`) for the JSON `value`, built with the
    /// typed API: literals, enum variants, `vec![...]`, builders. A value that does not fit the
    /// type (or is missing) is replaced by a placeholder that does. `owned`: the expression goes
    /// where the exact type is needed (inside `vec![...]`), not where a setter's `impl Into<T>`
    /// takes it, so strings are `String`s and numbers carry their suffix.
    fn expr(&self, shape: &Shape, value: Option<&Value>, owned: bool, depth: usize) -> TokenStream {
        let synthesized;
        let value = match value {
            Some(v) if !v.is_null() => v,
            _ => {
                synthesized = synthesize(self.api, shape, depth);
                &synthesized
            }
        };
        // A value that does not fit the type: the placeholder instead (once; a placeholder that
        // does not fit either, for contradictory constraints, is replaced by `zero`).
        let refit = |zero: TokenStream| {
            let placeholder = synthesize(self.api, shape, depth);
            if placeholder == *value {
                zero
            } else {
                self.expr(shape, Some(&placeholder), owned, depth)
            }
        };
        match &shape.ty {
            TypeRef::Bool => {
                let b = value.as_bool().unwrap_or_default();
                quote!(#b)
            }
            TypeRef::Integer(format) => {
                let Some(i) = value
                    .as_i64()
                    .filter(|i| *format == IntFormat::Int64 || i32::try_from(*i).is_ok())
                else {
                    return refit(quote!(0));
                };
                let lit = match format {
                    IntFormat::Int32 if owned => Literal::i32_suffixed(i as i32),
                    IntFormat::Int64 if owned || i32::try_from(i).is_err() => {
                        Literal::i64_suffixed(i)
                    }
                    _ => Literal::i64_unsuffixed(i),
                };
                quote!(#lit)
            }
            TypeRef::Number(format) => {
                let Some(f) = value.as_f64().filter(|f| f.is_finite()) else {
                    return refit(quote!(0.0));
                };
                let lit = match format {
                    NumberFormat::Float => Literal::f32_suffixed(f as f32),
                    NumberFormat::Double if owned => Literal::f64_suffixed(f),
                    NumberFormat::Double => Literal::f64_unsuffixed(f),
                };
                quote!(#lit)
            }
            TypeRef::String { .. } => {
                let Some(text) = value.as_str() else {
                    return refit(quote!(String::new()));
                };
                if owned {
                    quote!(#text.to_owned())
                } else {
                    quote!(#text)
                }
            }
            TypeRef::Array(item) => {
                let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                let items = items.iter().map(|v| {
                    if item.nullable {
                        if v.is_null() {
                            quote!(None)
                        } else {
                            let e = self.expr(item, Some(v), true, depth + 1);
                            quote!(Some(#e))
                        }
                    } else {
                        self.expr(item, Some(v), true, depth + 1)
                    }
                });
                quote!(vec![#(#items),*])
            }
            TypeRef::Any => json_tokens(value),
            TypeRef::Map(item) => {
                let entries = value.as_object().into_iter().flatten().map(|(k, v)| {
                    let e = if item.nullable {
                        if v.is_null() {
                            quote!(None)
                        } else {
                            let e = self.expr(item, Some(v), true, depth + 1);
                            quote!(Some(#e))
                        }
                    } else {
                        self.expr(item, Some(v), true, depth + 1)
                    };
                    quote!((#k.to_owned(), #e))
                });
                quote!(::std::collections::BTreeMap::from([#(#entries),*]))
            }
            TypeRef::Named(name) => self.named(name, value, depth),
        }
    }

    /// A value of the named type `name` for the JSON `value`.
    fn named(&self, name: &str, value: &Value, depth: usize) -> TokenStream {
        let t = ident(name);
        let Some(def) = self.api.type_def(name) else {
            return quote!(Default::default());
        };
        self.uses_models.set(true);
        match &def.kind {
            TypeKind::StringEnum(e) => {
                let text = value.as_str();
                match e
                    .variants
                    .iter()
                    .find(|v| Some(v.value.as_str()) == text)
                    .or(e.variants.first())
                {
                    Some(v) => {
                        let v = ident(&v.rust_name);
                        quote!(models::#t::#v)
                    }
                    None => {
                        let text = text.unwrap_or_default();
                        quote!(models::#t::from(#text))
                    }
                }
            }
            TypeKind::IntEnum(e) => {
                let n = value.as_i64();
                match e
                    .variants
                    .iter()
                    .find(|v| Some(v.value) == n)
                    .or(e.variants.first())
                {
                    Some(v) => {
                        let v = ident(&v.rust_name);
                        quote!(models::#t::#v)
                    }
                    None => quote!(models::#t::from(0)),
                }
            }
            TypeKind::Struct(s) => {
                let object = value.as_object();
                let setters = s.fields.iter().filter_map(|f| {
                    let given = object.and_then(|o| o.get(&f.wire_name));
                    let given = match given {
                        Some(v) if !v.is_null() && depth < MAX_DEPTH => Some(v.clone()),
                        _ if f.required && !f.shape.nullable => Some(
                            f.default
                                .clone()
                                .unwrap_or_else(|| synthesize(self.api, &f.shape, depth + 1)),
                        ),
                        _ => None,
                    }?;
                    let setter = ident(&f.setter);
                    let e = self.expr(&f.shape, Some(&given), false, depth + 1);
                    Some(quote!(.#setter(#e)))
                });
                let setters: Vec<TokenStream> = setters.collect();
                quote!(models::#t::builder() #(#setters)* .build()?)
            }
            TypeKind::Union(u) => {
                // The alternative the value's discriminator names, else the first.
                let tag = u
                    .discriminator
                    .as_ref()
                    .and_then(|d| value.get(d))
                    .and_then(Value::as_str);
                let Some(v) = u
                    .variants
                    .iter()
                    .find(|v| tag.is_some_and(|t| v.tags.iter().any(|x| x == t)))
                    .or(u.variants.first())
                else {
                    return quote!(Default::default());
                };
                let variant = ident(&v.rust_name);
                let e = self.expr(&v.shape, Some(value), true, depth + 1);
                if v.boxed {
                    quote!(models::#t::#variant(Box::new(#e)))
                } else {
                    quote!(models::#t::#variant(#e))
                }
            }
        }
    }
}

/// How deep example values nest before optional fields are left out.
const MAX_DEPTH: usize = 6;

/// `::serde_json::json!(...)` of a JSON value.
fn json_tokens(value: &Value) -> TokenStream {
    fn inner(value: &Value) -> TokenStream {
        match value {
            Value::Null => quote!(null),
            Value::Bool(b) => quote!(#b),
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => {
                    let lit = Literal::i64_unsuffixed(i);
                    quote!(#lit)
                }
                (None, Some(u), _) => {
                    let lit = Literal::u64_unsuffixed(u);
                    quote!(#lit)
                }
                (None, None, Some(f)) if f.is_finite() => {
                    let lit = Literal::f64_unsuffixed(f);
                    quote!(#lit)
                }
                _ => quote!(null),
            },
            Value::String(s) => quote!(#s),
            Value::Array(items) => {
                let items = items.iter().map(inner);
                quote!([#(#items),*])
            }
            Value::Object(map) => {
                let entries = map.iter().map(|(k, v)| {
                    let v = inner(v);
                    quote!(#k: #v)
                });
                quote!({#(#entries),*})
            }
        }
    }
    let inner = inner(value);
    quote!(::serde_json::json!(#inner))
}

/// A JSON value of `shape` for a value the spec gives no example for: the default, else the
/// required fields with simple placeholder values.
fn synthesize(api: &Api, shape: &Shape, depth: usize) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let c = &shape.constraints;
    let bound = |b: &Option<Bound>, up: i64| match b {
        Some(Bound {
            value: Num::Int(i),
            exclusive,
        }) => i + if *exclusive { up } else { 0 },
        Some(Bound {
            value: Num::Float(f),
            exclusive,
        }) => *f as i64 + if *exclusive { up } else { 0 },
        None => 0,
    };
    match &shape.ty {
        TypeRef::Bool => json!(false),
        TypeRef::Integer(_) => json!(match (&c.minimum, &c.maximum) {
            (Some(_), _) => bound(&c.minimum, 1),
            (None, Some(_)) => bound(&c.maximum, -1).min(1),
            (None, None) => 1,
        }),
        TypeRef::Number(_) => json!(if c.minimum.is_some() {
            bound(&c.minimum, 1) as f64
        } else {
            1.0
        }),
        TypeRef::String { .. } => {
            let min = c.min_length.unwrap_or(1).max(1) as usize;
            let max = c.max_length.map_or(usize::MAX, |m| m as usize);
            let text = "example".to_string();
            if text.len() < min {
                json!("x".repeat(min))
            } else if text.len() > max {
                json!("x".repeat(max.max(1)))
            } else {
                json!(text)
            }
        }
        TypeRef::Array(item) => {
            if c.min_items.unwrap_or(0) > 0 && depth < 6 {
                json!([synthesize(api, item, depth + 1)])
            } else {
                json!([])
            }
        }
        TypeRef::Any | TypeRef::Map(_) => json!({}),
        TypeRef::Named(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::Union(u)) => match u.variants.first() {
                Some(v) if depth < 6 => synthesize(api, &v.shape, depth + 1),
                _ => json!({}),
            },
            Some(TypeKind::StringEnum(e)) => {
                e.variants.first().map_or(json!(""), |v| json!(v.value))
            }
            Some(TypeKind::IntEnum(e)) => e.variants.first().map_or(json!(0), |v| json!(v.value)),
            Some(TypeKind::Struct(s)) => {
                let mut map = Map::new();
                if depth < 6 {
                    for f in s.fields.iter().filter(|f| f.required) {
                        let v = f
                            .default
                            .clone()
                            .unwrap_or_else(|| synthesize(api, &f.shape, depth + 1));
                        map.insert(f.wire_name.clone(), v);
                    }
                }
                Value::Object(map)
            }
            None => json!({}),
        },
    }
}

/// A parameter's example value: the spec's example, else its default, else a placeholder.
fn param_example(api: &Api, p: &Parameter) -> serde_json::Value {
    p.example
        .clone()
        .or_else(|| p.default.clone())
        .unwrap_or_else(|| synthesize(api, &p.shape, 0))
}

/// The statements of an example that build the typed request of `op` into `request` (from the
/// spec's examples where it gives them, else placeholders that pass validation where the
/// constraints allow), and whether they name `models`.
fn request_statements(api: &Api, op: &Operation) -> (TokenStream, bool) {
    let values = Values {
        api,
        uses_models: std::cell::Cell::new(false),
    };
    let req = request_type_name(op);
    let mut setters = Vec::new();
    for p in &op.params {
        if p.client_config.is_some() {
            continue;
        }
        let value = if p.is_option() {
            match p.example.clone() {
                Some(value) => value,
                None => continue,
            }
        } else {
            param_example(api, p)
        };
        let setter = ident(&p.setter);
        let e = values.expr(&p.shape, Some(&value), false, 0);
        setters.push(quote!(.#setter(#e)));
    }
    let mut body_stmt = TokenStream::new();
    if let Some(b) = &op.body {
        let e = match &b.kind {
            BodyKind::Json => {
                let shape = Shape {
                    ty: b.ty.clone(),
                    nullable: false,
                    constraints: b.constraints.clone(),
                };
                values.expr(&shape, b.example.as_ref(), false, 0)
            }
            BodyKind::Text => {
                let text = match &b.example {
                    Some(Value::String(s)) => s.clone(),
                    _ => "example".to_string(),
                };
                quote!(String::from(#text))
            }
            BodyKind::Bytes => quote!(b"example".to_vec()),
            BodyKind::Multipart(form) => {
                let lib = ident(&api.krate.lib_name);
                let name = ident(&form.rust_name);
                let parts = form
                    .parts
                    .iter()
                    .filter(|p| !super::operation::part_is_option(p))
                    .map(|p| {
                        let setter = ident(&p.setter);
                        let e = match &p.kind {
                            PartKind::File { many: false } => quote! {
                                #lib::runtime::FilePart::new("example.bin", b"example".to_vec())
                            },
                            PartKind::File { many: true } => quote! {
                                vec![#lib::runtime::FilePart::new("example.bin", b"example".to_vec())]
                            },
                            PartKind::Text(shape) | PartKind::Json(shape) => {
                                values.expr(shape, None, false, 0)
                            }
                        };
                        quote!(.#setter(#e))
                    });
                quote!(#lib::operations::#name::builder() #(#parts)* .build()?)
            }
        };
        body_stmt = quote!(let body = #e;);
        let setter = ident(&b.setter);
        setters.push(quote!(.#setter(body)));
    }
    let statements = quote! {
        #body_stmt
        let request = #req::builder() #(#setters)* .build()?;
    };
    (statements, values.uses_models.get())
}

/// The items of an example program calling `op`: the imports, `main` (which prints an error with
/// `Display` and exits with a failure code) and `run` (the client from the environment, the typed
/// request, the call, the response). `attrs` go on both functions.
fn program(api: &Api, op: &Operation, attrs: TokenStream, use_attrs: TokenStream) -> TokenStream {
    let lib = ident(&api.krate.lib_name);
    let req = request_type_name(op);
    let (statements, uses_models) = request_statements(api, op);
    let models = uses_models.then(|| quote!(#use_attrs use #lib::models;));
    let head = run_head(op, statements);
    let skeleton = skeleton(&attrs, &use_attrs, head);
    quote! {
        #models
        #use_attrs
        use #lib::operations::#req;
        #use_attrs
        use #lib::{Client, Error};
        #skeleton
    }
}

/// What every example program has after its crate's imports: `main` (which prints an error with
/// `Display` and exits with a failure code) and `run`, whose body starts with `head` and ends
/// by printing the response.
fn skeleton(attrs: &TokenStream, use_attrs: &TokenStream, head: TokenStream) -> TokenStream {
    quote! {
        #use_attrs
        use std::process::ExitCode;

        #attrs
        #[tokio::main]
        async fn main() -> ExitCode {
            match run().await {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }

        #attrs
        async fn run() -> Result<(), Error> {
            #head
            let request_id = response.request_id().unwrap_or("-");
            println!("HTTP {} (request ID {request_id})", response.status());
            println!("{:#?}", response.body());
            Ok(())
        }
    }
}

/// The start of `run`: the client from the environment, the typed request (built by
/// `statements`), the call.
fn run_head(op: &Operation, statements: TokenStream) -> TokenStream {
    let method = ident(&op.rust_name);
    quote! {
        let client = Client::from_env()?;
        #statements
        let response = client.#method(request).await?;
    }
}

/// The [`skeleton`] of an example file as prettyplease prints it, formatted once, cut where
/// `run`'s head goes: the text before it and after it.
fn skeleton_text() -> Option<&'static (String, String)> {
    static TEXT: std::sync::OnceLock<Option<(String, String)>> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let head = quote!(__run_head!(););
        let file: syn::File = syn::parse2(skeleton(&skip(), &TokenStream::new(), head)).ok()?;
        let text = prettyplease::unparse(&file);
        let (before, after) = text.split_once("    __run_head!();\n")?;
        Some((before.to_string(), after.to_string()))
    })
    .as_ref()
}

/// The example program calling `op`, as Markdown code lines for the crate docs: `hidden` lines
/// (shown to the doc-test, not the reader: they keep it compiling without the `transport`
/// feature) start with `# `. `None` when the program cannot be formatted.
pub fn program_lines(api: &Api, op: &Operation, hidden: bool) -> Option<Vec<String>> {
    let marker = quote!(#[cfg(feature = "transport_hidden_marker")]);
    let attrs = if hidden { marker } else { TokenStream::new() };
    let file: syn::File = syn::parse2(program(api, op, attrs.clone(), attrs)).ok()?;
    let text = prettyplease::unparse(&file);
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        // A blank line before each function (and its attributes), as rustfmt would keep it.
        let item_start = line.starts_with("#[tokio::main]") || line.starts_with("async fn");
        if item_start {
            let mut at = lines.len();
            while at > 0 && lines[at - 1].contains("transport_hidden_marker") {
                at -= 1;
            }
            if at > 0 && !lines[at - 1].starts_with("#[") && !lines[at - 1].is_empty() {
                lines.insert(at, String::new());
            }
        }
        lines.push(line.to_string());
    }
    for line in &mut lines {
        if line.contains("transport_hidden_marker") {
            *line = "# #[cfg(feature = \"transport\")]".to_string();
        }
    }
    if hidden {
        lines.push("# #[cfg(not(feature = \"transport\"))]".to_string());
        lines.push("# fn main() {}".to_string());
    }
    Some(lines)
}

/// The attribute that keeps rustfmt off an example's functions.
fn skip() -> TokenStream {
    quote!(#[rustfmt::skip])
}

/// The items of [`program`] for an example file, laid out as prettyplease prints them; `None`
/// outside [`super::docs::deferred`], or when a statement is not one
/// [`super::docs::layout_statements`] lays out (the tokens then go to the formatter).
fn program_text(api: &Api, op: &Operation) -> Option<String> {
    use super::docs::push_line;
    if !super::docs::active() {
        return None;
    }
    let (statements, uses_models) = request_statements(api, op);
    let lib = &api.krate.lib_name;
    let mut out = String::new();
    if uses_models {
        push_line(&mut out, 0, "", &format!("use {lib}::models;"))?;
    }
    push_line(
        &mut out,
        0,
        "",
        &format!("use {lib}::operations::{};", request_type_name(op)),
    )?;
    push_line(&mut out, 0, "", &format!("use {lib}::{{Client, Error}};"))?;
    let (before, after) = skeleton_text()?;
    out.push_str(before);
    let head = run_head(op, statements);
    for line in super::docs::layout_statements(&head, 4)?.lines() {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(after);
    Some(out)
}

/// The example program of `op`.
pub fn example(api: &Api, op: &Operation) -> TokenStream {
    let mut header = vec![format!(
        "Example: `{}` (`{} {}`){}",
        op.operation_id,
        op.method.as_str(),
        op.path,
        op.summary
            .as_deref()
            .map(|s| format!(": {}", super::types::prose(s)))
            .unwrap_or_default()
    )];
    header.push(String::new());
    header.push(
        "Sends an example request (from the spec's examples where it gives them) with a client \
         configured from the environment: `Client::from_env` reads the credentials, the client \
         settings and the endpoint or region from the variables the crate documents. The request \
         is built with its builder; an error is printed with `Display`."
            .to_string(),
    );
    header.push(String::new());
    header.push(format!("Run it with `cargo run --example {}`.", op.example));
    let header = header.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    let program = match program_text(api, op) {
        Some(text) => super::docs::item(0, Some(text), || {
            program(api, op, skip(), TokenStream::new())
        }),
        None => program(api, op, skip(), TokenStream::new()),
    };
    quote! {
        #(#![doc = #header])*

        #program
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skeleton's text is cut where `run`'s head goes (without it every example would go to
    /// the formatter: the same bytes, slower).
    #[test]
    fn the_skeleton_is_cut_at_the_head_of_run() {
        let (before, after) = skeleton_text().expect("the skeleton formats and has the marker");
        assert!(
            before.ends_with("async fn run() -> Result<(), Error> {\n"),
            "{before}"
        );
        assert!(after.starts_with("    let request_id"), "{after}");
        assert!(after.ends_with("    Ok(())\n}\n"), "{after}");
    }

    #[test]
    fn json_values_become_json_macro_tokens() {
        let value = serde_json::json!({"a": [1, -2.5, null, true], "b\"": "x\u{1b}"});
        let tokens = json_tokens(&value).to_string();
        let back: syn::Expr = syn::parse_str(&tokens).expect("an expression");
        let _ = back;
        assert!(tokens.contains("\"b\\\"\""), "{tokens}");
        assert!(tokens.contains("- 2.5"), "{tokens}");
    }
}
