//! `examples/{op}.rs`: one program per operation, sending the spec's example request with a
//! client configured from the environment.

use super::requests::request_type_name;
use super::types::rust_type;
use crate::ir::{Api, Bound, Num, Operation, Parameter, Shape, TypeKind, TypeRef};
use crate::naming::ident;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::str::FromStr;

/// A raw string literal holding `text`.
fn raw_string(text: &str) -> TokenStream {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let lit = Literal::from_str(&format!("r{hashes}\"{text}\"{hashes}"))
        .unwrap_or_else(|_| Literal::string(text));
    quote!(#lit)
}

/// The Rust type of `ty` as seen from outside the crate (`lib::models::X`).
fn external_type(lib: &proc_macro2::Ident, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let n = ident(name);
            quote!(#lib::models::#n)
        }
        TypeRef::Array(item) => {
            let inner = external_type(lib, &item.ty);
            if item.nullable {
                quote!(::std::vec::Vec<::std::option::Option<#inner>>)
            } else {
                quote!(::std::vec::Vec<#inner>)
            }
        }
        TypeRef::Map(value) => {
            let inner = external_type(lib, &value.ty);
            if value.nullable {
                quote!(::std::collections::BTreeMap<::std::string::String, ::std::option::Option<#inner>>)
            } else {
                quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
            }
        }
        other => rust_type(other),
    }
}

/// An expression of `ty` (accepted where a constructor or setter takes it: strings as `&str`)
/// for the JSON value `value`, falling back to `serde_json::from_str(..)?`.
fn example_expr(
    api: &Api,
    lib: &proc_macro2::Ident,
    ty: &TypeRef,
    value: &serde_json::Value,
) -> TokenStream {
    use serde_json::Value;
    match (ty, value) {
        (TypeRef::String { .. }, Value::String(s)) => quote!(#s),
        (TypeRef::Bool, Value::Bool(b)) => quote!(#b),
        (TypeRef::Integer(_), Value::Number(n)) if n.as_i64().is_some() => {
            let lit = Literal::i64_unsuffixed(n.as_i64().unwrap_or_default());
            quote!(#lit)
        }
        (TypeRef::Number(_), Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => {
            let lit = Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
            quote!(#lit)
        }
        (TypeRef::Named(name), Value::String(s)) => {
            let variant = api.type_def(name).and_then(|t| match &t.kind {
                TypeKind::StringEnum(e) => e.variants.iter().find(|v| &v.value == s),
                _ => None,
            });
            match variant {
                Some(v) => {
                    let t = ident(name);
                    let v = ident(&v.rust_name);
                    quote!(#lib::models::#t::#v)
                }
                None => from_json(lib, ty, value),
            }
        }
        _ => from_json(lib, ty, value),
    }
}

fn from_json(lib: &proc_macro2::Ident, ty: &TypeRef, value: &serde_json::Value) -> TokenStream {
    let t = external_type(lib, ty);
    let text = serde_json::to_string(value).unwrap_or_default();
    let lit = raw_string(&text);
    quote!(::serde_json::from_str::<#t>(#lit)?)
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

/// The example program of `op`.
pub fn example(api: &Api, op: &Operation) -> TokenStream {
    let lib = ident(&api.krate.lib_name);
    let req = request_type_name(op);
    let method = ident(&op.rust_name);

    // The request, from the spec's examples.
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        if p.client_config.is_some() {
            continue;
        }
        if p.is_option() {
            let Some(value) = p.example.as_ref() else {
                continue;
            };
            let setter = ident(&p.setter);
            let e = example_expr(api, &lib, &p.shape.ty, value);
            setters.push(quote!(.#setter(#e)));
        } else {
            let e = example_expr(api, &lib, &p.shape.ty, &param_example(api, p));
            args.push(e);
        }
    }
    let body = op.body.as_ref().map(|b| {
        let ty = external_type(&lib, &b.ty);
        let value = b.example.clone().unwrap_or_else(|| {
            synthesize(
                api,
                &Shape {
                    ty: b.ty.clone(),
                    nullable: false,
                    constraints: Default::default(),
                },
                0,
            )
        });
        let text = serde_json::to_string_pretty(&value).unwrap_or_default();
        let lit = raw_string(&format!("\n{text}\n"));
        (
            quote! {
                let body: #ty = serde_json::from_str(#lit)?;
            },
            b.required,
        )
    });
    let (body_stmt, body_arg, body_setter) = match body {
        Some((stmt, true)) => (stmt, Some(quote!(body)), None),
        Some((stmt, false)) => {
            let setter = ident(
                &op.body
                    .as_ref()
                    .map(|b| b.setter.clone())
                    .unwrap_or_default(),
            );
            (stmt, None, Some(quote!(.#setter(body))))
        }
        None => (TokenStream::new(), None, None),
    };
    args.extend(body_arg);
    setters.extend(body_setter);

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
         settings and the endpoint or region from the variables the crate documents."
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

    quote! {
        #(#![doc = #header])*

        use #lib::operations::#req;
        use #lib::Client;

        #[rustfmt::skip]
        #[tokio::main]
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let client = Client::from_env()?;

            #body_stmt
            let request = #req::new(#(#args),*) #(#setters)*;

            match client.#method(request).await {
                Ok(response) => {
                    println!(
                        "HTTP {} (request ID {})",
                        response.status(),
                        response.request_id().unwrap_or("-")
                    );
                    println!("{:#?}", response.body());
                    Ok(())
                }
                Err(error) => {
                    eprintln!("{error}");
                    Err(error.into())
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_pick_enough_hashes() {
        assert_eq!(raw_string("a").to_string(), "r#\"a\"#");
        assert_eq!(raw_string("a\"#b").to_string(), "r##\"a\"#b\"##");
    }
}
