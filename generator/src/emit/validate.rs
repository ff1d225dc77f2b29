//! Validation code: `validate()` on every request-side struct and every `{Prefix}Request`.
//!
//! Every constraint of the IR becomes a call into the generated crate's
//! `runtime::validation` (copied from `generator/runtime/validation.rs`), which records a
//! violation with its path, the rule, the limit and what was found. All violations are collected;
//! none stops the walk. Paths are built lazily: a `Path` is a chain of borrowed segments on the
//! stack, formatted into a `String` only when a violation is recorded.
//!
//! What is emitted:
//! - for each request-side struct ([`for_type`]): `validate(&self)` (paths start at its fields)
//!   and `validate_into(&self, path, errors)` (used by enclosing types and requests);
//! - for each operation ([`for_operation`]): `validate(&self)` on `{Prefix}Request`, covering the
//!   path, query and header parameters (`path.{name}`, `query.{name}`, `header.{Name}`, by wire
//!   name) and the body (`body.{field}[{index}]...`); and, when some parameter can come
//!   from the client configuration (`x-client-config`), `validate_with_config(&self, <the
//!   configured values>)`, which also checks the value the client will use and reports a required
//!   parameter that neither the request nor the configuration gives. [`validate_call`] emits the
//!   right call for the client emitter;
//! - nothing for auth schemes: a header token is checked against its scheme's length limits by
//!   the runtime (`runtime::auth::check_token`), whose errors report lengths, never the secret.
//!
//! Checks the Rust type already guarantees are not emitted: only the constraints of
//! [`Shape::effective_constraints`] become checks (no `minimum` at or below the type's least
//! value, `maximum` at or above its greatest, `minLength: 0`, `minItems: 0`, `multipleOf: 1` on
//! an integer), so the output never compares against a type's extreme value (clippy's
//! `absurd_extreme_comparisons`), and the API diff reports exactly the checks that change. Enum membership is checked for values sent: a typed
//! enum's `Unknown(..)` is rejected (responses still accept it; that is the models' business).
//! A `pattern` compiles once per check site (`std::sync::OnceLock`) with the `regex` crate, which
//! the generated crate depends on only when [`Api::uses_pattern`] says so; a pattern that fails
//! to compile at run time is reported as a violation, never a panic.

use super::docs::{push_doc_lines, push_line, BREAK_WIDTH, SAFE_WIDTH};
use crate::emit::types::rust_type;
use crate::ir::{
    Api, IntFormat, Literal, Num, NumberFormat, Operation, Parameter, RequiredWhen, Shape,
    StructDef, TypeDef, TypeKind, TypeRef, UnionDef,
};
use crate::naming::ident;
use proc_macro2::{Literal as Lit, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The runtime module the generated code calls.
fn rt() -> TokenStream {
    quote!(validation)
}

/// The indentation of the statements of a function in an `impl` block at the top level.
const BODY_INDENT: usize = 8;

/// A struct's `validate`, as prettyplease prints the tokens [`struct_validation`] gives for it
/// inside the struct's `impl` block (indentation removed).
const STRUCT_VALIDATE: &str = "\
/// Checks every constraint of the spec on this value and everything nested in it, and
/// reports every violation. Paths start at this value's fields (`name`,
/// `list[3].name`); a request's `validate()` puts them under `body`.
pub fn validate(&self) -> Result<(), validation::ValidationErrors> {
    let mut errors = validation::ValidationErrors::new();
    self.validate_into(&validation::Path::root(), &mut errors);
    errors.into_result()
}
";

/// Items appended after a type's definition in `src/models.rs` (only for request-side structs;
/// enums need nothing: their membership is checked where they are used).
pub fn for_type(api: &Api, ty: &TypeDef) -> TokenStream {
    if !ty.usage.request {
        return TokenStream::new();
    }
    match &ty.kind {
        TypeKind::Struct(s) => struct_validation(api, ty, s),
        TypeKind::Union(u) => union_validation(api, ty, u),
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => TokenStream::new(),
    }
}

/// Items appended to `src/operations/{op}.rs`: validation of the operation's request type.
pub fn for_operation(api: &Api, op: &Operation) -> TokenStream {
    let rt = rt();
    let config: Vec<&Parameter> = op
        .params
        .iter()
        .filter(|p| p.client_config.is_some())
        .collect();

    let mut checks: Vec<TokenStream> = op.params.iter().map(|p| param_checks(api, p)).collect();
    if let Some(body) = &op.body {
        let shape = Shape {
            ty: body.ty.clone(),
            nullable: false,
            constraints: body.constraints.clone(),
        };
        let inner = value_checks(api, &shape, &format_ident!("value"));
        if !inner.is_empty() {
            let field = ident(&body.rust_name);
            let prelude = quote! {
                let root = #rt::Path::named("body");
                let path = &root;
            };
            checks.push(if body.required {
                quote! {
                    {
                        let value = &self.#field;
                        #prelude
                        #inner
                    }
                }
            } else {
                quote! {
                    if let Some(value) = &self.#field {
                        #prelude
                        #inner
                    }
                }
            });
        }
    }
    if let Some(body) = &op.body {
        if let crate::ir::BodyKind::Multipart(form) = &body.kind {
            checks.push(form_checks(api, body, form));
        }
    }
    let checks: Vec<TokenStream> = checks.into_iter().filter(|c| !c.is_empty()).collect();
    let validate_doc = validate_doc_text(op, &config);
    let with_config_doc = with_config_doc_text(&config);
    // The whole `impl` block is laid out here when every check can be; otherwise each simple
    // check is (see `super::docs`), inside tokens for the formatter.
    let text = super::docs::active()
        .then(|| {
            operation_validation_text(api, op, &config, &checks, &validate_doc, &with_config_doc)
        })
        .flatten();
    super::docs::item(0, text, || {
        operation_validation_tokens(api, op, &config, &checks, &validate_doc, &with_config_doc)
    })
}

/// The doc of an operation's `validate()`.
fn validate_doc_text(op: &Operation, config: &[&Parameter]) -> String {
    let mut validate_doc = String::from(
        "Checks every constraint of the spec on the parameters and the body, and reports every \
         violation with its path",
    );
    let paths: Vec<String> = op
        .params
        .iter()
        .map(|p| format!("`{}.{}`", p.location.as_str(), p.wire_name))
        .chain(op.body.as_ref().map(|_| "`body...`".to_string()))
        .collect();
    if !paths.is_empty() {
        validate_doc.push_str(&format!(" ({})", paths.join(", ")));
    }
    validate_doc.push('.');
    if !config.is_empty() {
        let names: Vec<String> = config
            .iter()
            .map(|p| format!("`{}`", p.rust_name.trim_start_matches("r#")))
            .collect();
        validate_doc.push_str(&format!(
            "\n\nA parameter the client configuration can supply ({}) is checked only when set \
             here; [`Self::validate_with_config`] also checks the value the client will use.",
            names.join(", ")
        ));
    }
    validate_doc
}

/// The doc of an operation's `validate_with_config()` (empty without configured parameters).
fn with_config_doc_text(config: &[&Parameter]) -> String {
    if config.is_empty() {
        return String::new();
    }
    let list: Vec<String> = config
        .iter()
        .map(|p| {
            format!(
                "`{}`: the client configuration's `{}`",
                p.rust_name.trim_start_matches("r#"),
                p.client_config.as_deref().unwrap_or_default()
            )
        })
        .collect();
    format!(
        "Like [`Self::validate`], for the values the client will send: a parameter left \
         `None` here takes the configured value given as argument ({}), which is then \
         checked too; a required parameter that neither gives is reported as \
         `Rule::RequiredSetting`. The client calls this before sending.",
        list.join("; ")
    )
}

/// The name of a configured parameter as `collect_violations` takes it: `_name` when nothing
/// checks it (an unused argument).
fn config_arg(api: &Api, p: &Parameter) -> proc_macro2::Ident {
    if param_checks(api, p).is_empty() {
        format_ident!("_{}", p.rust_name.trim_start_matches("r#"))
    } else {
        ident(&p.rust_name)
    }
}

/// The `impl` block of [`operation_validation_tokens`] as prettyplease prints it at the top
/// level; `None` when a check is not laid out by `super::docs::layout_statements`, there are
/// none, or a line would come near the margin.
fn operation_validation_text(
    api: &Api,
    op: &Operation,
    config: &[&Parameter],
    checks: &[TokenStream],
    validate_doc: &str,
    with_config_doc: &str,
) -> Option<String> {
    fn line(out: &mut String, text: &str) -> Option<()> {
        push_line(out, 0, "", text)
    }
    fn docs(out: &mut String, text: &str) -> Option<()> {
        let lines = super::types::wrapped_doc_lines(text, DOC_WIDTH);
        push_doc_lines(out, "    ", &lines)
    }
    /// `head(` params `) tail`: on one line, or one parameter per line.
    fn signature(out: &mut String, head: &str, params: &[String], tail: &str) -> Option<()> {
        let flat = format!("    {head}({}){tail}", params.join(", "));
        if flat.len() <= SAFE_WIDTH {
            return line(out, &flat);
        }
        if flat.len() <= BREAK_WIDTH {
            return None;
        }
        line(out, &format!("    {head}("))?;
        for p in params {
            line(out, &format!("        {p},"))?;
        }
        line(out, &format!("    ){tail}"))
    }
    /// A configured value's type as `validate_with_config` takes it (`&str`, `&i64`, ...).
    fn value_type(p: &Parameter) -> Option<String> {
        match &p.shape.ty {
            TypeRef::String { .. } => Some("&str".to_string()),
            other => Some(format!(
                "&{}",
                super::builders::type_text(&rust_type(other))?
            )),
        }
    }
    if checks.is_empty() {
        return None;
    }
    let mut body = String::new();
    for c in checks {
        body.push_str(&super::docs::layout_statements(c, BODY_INDENT)?);
    }
    let mut out = String::new();
    line(&mut out, &format!("impl {} {{", ident(&op.request_type)))?;
    docs(&mut out, validate_doc)?;
    out.push_str("    pub fn validate(&self) -> Result<(), validation::ValidationErrors> {\n");
    out.push_str("        let mut errors = validation::ValidationErrors::new();\n");
    let nones: String = config.iter().map(|_| ", None").collect();
    line(
        &mut out,
        &format!("        self.collect_violations(&mut errors{nones});"),
    )?;
    out.push_str("        errors.into_result()\n    }\n");
    let mut sig = vec![
        "&self".to_string(),
        "errors: &mut validation::ValidationErrors".to_string(),
    ];
    if !config.is_empty() {
        docs(&mut out, with_config_doc)?;
        let mut params = vec!["&self".to_string()];
        let mut args = String::new();
        for p in config {
            let ty = value_type(p)?;
            params.push(format!("{}: Option<{ty}>", ident(&p.rust_name)));
            args.push_str(&format!(", Some({})", ident(&p.rust_name)));
            sig.push(format!("{}: Option<Option<{ty}>>", config_arg(api, p)));
        }
        signature(
            &mut out,
            "pub fn validate_with_config",
            &params,
            " -> Result<(), validation::ValidationErrors> {",
        )?;
        out.push_str("        let mut errors = validation::ValidationErrors::new();\n");
        line(
            &mut out,
            &format!("        self.collect_violations(&mut errors{args});"),
        )?;
        out.push_str("        errors.into_result()\n    }\n");
    }
    signature(&mut out, "fn collect_violations", &sig, " {")?;
    for l in body.split_inclusive('\n') {
        out.push_str("        ");
        out.push_str(l);
    }
    out.push_str("    }\n}\n");
    Some(out)
}

/// The `impl` block of an operation's request type with `validate`, `validate_with_config`
/// (with configured parameters) and `collect_violations`.
fn operation_validation_tokens(
    api: &Api,
    op: &Operation,
    config: &[&Parameter],
    checks: &[TokenStream],
    validate_doc: &str,
    with_config_doc: &str,
) -> TokenStream {
    let rt = rt();
    let name = ident(&op.request_type);
    // Simple checks skip the formatter (see `super::docs`): they are laid out here.
    let laid_out: Vec<TokenStream> = checks
        .iter()
        .map(|c| super::docs::statements(BODY_INDENT, c.clone()))
        .collect();
    let errors = if checks.is_empty() {
        quote!(_errors)
    } else {
        quote!(errors)
    };

    let config_args: Vec<TokenStream> = config
        .iter()
        .map(|p| {
            // A configured value nothing checks is an unused argument.
            let n = config_arg(api, p);
            let ty = config_value_type(p);
            quote!(#n: Option<Option<#ty>>)
        })
        .collect();
    let collect_sig = if config.is_empty() {
        quote!(fn collect_violations(&self, #errors: &mut #rt::ValidationErrors))
    } else {
        quote!(fn collect_violations(&self, #errors: &mut #rt::ValidationErrors, #(#config_args),*))
    };
    let nones = config.iter().map(|_| quote!(None));
    let validate_doc = doc(validate_doc);
    let with_config = (!config.is_empty()).then(|| {
        let params = config.iter().map(|p| {
            let n = ident(&p.rust_name);
            let ty = config_value_type(p);
            quote!(#n: Option<#ty>)
        });
        let args = config.iter().map(|p| {
            let n = ident(&p.rust_name);
            quote!(Some(#n))
        });
        let doc = doc(with_config_doc);
        quote! {
            #doc
            pub fn validate_with_config(&self, #(#params),*) -> Result<(), #rt::ValidationErrors> {
                let mut errors = #rt::ValidationErrors::new();
                self.collect_violations(&mut errors, #(#args),*);
                errors.into_result()
            }
        }
    });

    quote! {
        impl #name {
            #validate_doc
            pub fn validate(&self) -> Result<(), #rt::ValidationErrors> {
                let mut errors = #rt::ValidationErrors::new();
                self.collect_violations(&mut errors, #(#nones),*);
                errors.into_result()
            }

            #with_config

            #collect_sig {
                #(#laid_out)*
            }
        }
    }
}

/// The checks of a multipart body's text and JSON parts, at `body.{part}` (file parts have no
/// constraints to check).
fn form_checks(api: &Api, body: &crate::ir::RequestBody, form: &crate::ir::Form) -> TokenStream {
    let rt = rt();
    let value = format_ident!("value");
    let mut parts = Vec::new();
    for part in &form.parts {
        let (crate::ir::PartKind::Text(shape) | crate::ir::PartKind::Json(shape)) = &part.kind
        else {
            continue;
        };
        let inner = value_checks(api, shape, &value);
        if inner.is_empty() {
            continue;
        }
        let n = ident(&part.rust_name);
        let wire = &part.wire_name;
        let prelude = quote!(let path = &root.field(#wire););
        parts.push(if crate::emit::operation::part_is_option(part) {
            quote! {
                if let Some(value) = &form.#n {
                    #prelude
                    #inner
                }
            }
        } else {
            quote! {
                {
                    let value = &form.#n;
                    #prelude
                    #inner
                }
            }
        });
    }
    if parts.is_empty() {
        return TokenStream::new();
    }
    let field = ident(&body.rust_name);
    let root = quote!(let root = #rt::Path::named("body"););
    if body.required {
        quote! {
            {
                let form = &self.#field;
                #root
                #(#parts)*
            }
        }
    } else {
        quote! {
            if let Some(form) = &self.#field {
                #root
                #(#parts)*
            }
        }
    }
}

/// Emits the call the client makes before sending `request` (an expression of the request
/// type): `request.validate()`, or `request.validate_with_config(..)` with `config_value(setting)`
/// (an expression of type `Option<&str>`, or `Option<&T>` for a non-string parameter) for each
/// parameter the client configuration can supply, in parameter order.
pub fn validate_call(
    op: &Operation,
    request: &TokenStream,
    config_value: impl Fn(&str) -> TokenStream,
) -> TokenStream {
    let values: Vec<TokenStream> = op
        .params
        .iter()
        .filter_map(|p| p.client_config.as_deref().map(&config_value))
        .collect();
    if values.is_empty() {
        quote!(#request.validate())
    } else {
        quote!(#request.validate_with_config(#(#values),*))
    }
}

/// Doc attributes for `text`, each paragraph wrapped at 88 columns.
fn doc(text: &str) -> TokenStream {
    super::types::wrapped_doc_attrs(text, DOC_WIDTH)
}

/// The width the docs of validation methods are wrapped at.
const DOC_WIDTH: usize = 88;

/// The type of a configured value passed to `validate_with_config`.
fn config_value_type(p: &Parameter) -> TokenStream {
    match &p.shape.ty {
        TypeRef::String { .. } => quote!(&str),
        other => {
            let ty = rust_type(other);
            quote!(&#ty)
        }
    }
}

/// The checks of one parameter, or nothing.
fn param_checks(api: &Api, p: &Parameter) -> TokenStream {
    let rt = rt();
    let name = ident(&p.rust_name);
    let wire = &p.wire_name;
    let location = p.location.as_str();
    let value = format_ident!("value");
    let inner = value_checks(api, &p.shape, &value);
    let prelude = quote! {
        let root = #rt::Path::named(#location);
        let path = &root.field(#wire);
    };
    if p.client_config.is_some() {
        let explicit = match &p.shape.ty {
            TypeRef::String { .. } => quote!(self.#name.as_deref()),
            _ => quote!(self.#name.as_ref()),
        };
        let setting = p.client_config.as_deref().unwrap_or_default();
        let required = p.required.then(|| {
            quote! {
                if value.is_none() && #name.is_some() {
                    #rt::required_setting(errors, path, &crate::client::SERVICE, #setting);
                }
            }
        });
        let checks = (!inner.is_empty()).then(|| {
            quote! {
                if let Some(value) = value {
                    #inner
                }
            }
        });
        if required.is_none() && checks.is_none() {
            return TokenStream::new();
        }
        return quote! {
            {
                #prelude
                let value = #explicit.or(#name.flatten());
                #required
                #checks
            }
        };
    }
    if inner.is_empty() {
        return TokenStream::new();
    }
    if p.is_option() {
        quote! {
            if let Some(value) = &self.#name {
                #prelude
                #inner
            }
        }
    } else {
        quote! {
            {
                let value = &self.#name;
                #prelude
                #inner
            }
        }
    }
}

/// `validate` and `validate_into` of a request-side struct.
fn struct_validation(api: &Api, ty: &TypeDef, s: &StructDef) -> TokenStream {
    let rt = rt();
    let mut checks = Vec::new();
    for f in &s.fields {
        let fname = ident(&f.rust_name);
        let wire = &f.wire_name;
        let inner = value_checks(api, &f.shape, &format_ident!("value"));
        if inner.is_empty() {
            continue;
        }
        checks.push(if f.is_option() {
            quote! {
                if let Some(value) = &self.#fname {
                    let path = &path.field(#wire);
                    #inner
                }
            }
        } else {
            quote! {
                {
                    let value = &self.#fname;
                    let path = &path.field(#wire);
                    #inner
                }
            }
        });
    }
    if let Some(a) = &s.additional {
        let fname = ident(&a.rust_name);
        if !s.fields.is_empty() {
            let declared = s.fields.iter().map(|f| f.wire_name.as_str());
            checks.push(quote! {
                for key in self.#fname.keys() {
                    #rt::additional_key(errors, path, key, &[#(#declared),*]);
                }
            });
        }
        let inner = value_checks(api, &a.value, &format_ident!("value"));
        if !inner.is_empty() {
            let inner = if a.value.nullable {
                quote!(if let Some(value) = value { #inner })
            } else {
                inner
            };
            checks.push(quote! {
                for (key, value) in &self.#fname {
                    let path = &path.key(key);
                    #inner
                }
            });
        }
    }
    if s.min_properties.is_some() || s.max_properties.is_some() {
        // The properties present: required fields always are, optional ones when set, and
        // every additional property.
        // (A required nullable field is written as `null`: it is always there too.)
        let always = s.fields.iter().filter(|f| f.required).count();
        let mut terms: Vec<TokenStream> = Vec::new();
        if always > 0 {
            let lit = Lit::usize_unsuffixed(always);
            terms.push(quote!(#lit));
        }
        for f in s.fields.iter().filter(|f| !f.required) {
            let n = ident(&f.rust_name);
            terms.push(quote!(usize::from(self.#n.is_some())));
        }
        if let Some(a) = &s.additional {
            let n = ident(&a.rust_name);
            terms.push(quote!(self.#n.len()));
        }
        if terms.is_empty() {
            terms.push(quote!(0));
        }
        let (min, max) = (opt_u64(s.min_properties), opt_u64(s.max_properties));
        checks.push(quote! {
            #rt::properties(errors, path, #(#terms)+*, #min, #max);
        });
    }
    for rule in &s.rules {
        checks.push(rule_check(api, s, rule));
    }
    let checks: Vec<TokenStream> = checks.into_iter().filter(|c| !c.is_empty()).collect();
    // The whole `impl` block is laid out here when every check can be (see `super::docs`).
    let text = super::docs::active()
        .then(|| struct_validation_text(&ty.rust_name, &checks))
        .flatten();
    super::docs::item(0, text, || struct_validation_tokens(&ty.rust_name, &checks))
}

/// The `impl` block of [`struct_validation_tokens`] as prettyplease prints it at the top level,
/// when there are checks and each is laid out by `super::docs::layout_statements`.
fn struct_validation_text(type_name: &str, checks: &[TokenStream]) -> Option<String> {
    if checks.is_empty() {
        return None;
    }
    let mut out = String::new();
    push_line(&mut out, 0, "", &format!("impl {} {{", ident(type_name)))?;
    for l in STRUCT_VALIDATE.split_inclusive('\n') {
        out.push_str("    ");
        out.push_str(l);
    }
    out.push_str(
        "    /// Like [`Self::validate`], adding the violations to `errors` with paths below `path`\n\
         \x20   /// (used by the types and requests that contain this one).\n\
         \x20   pub fn validate_into(\n\
         \x20       &self,\n\
         \x20       path: &validation::Path<'_>,\n\
         \x20       errors: &mut validation::ValidationErrors,\n\
         \x20   ) {\n",
    );
    for c in checks {
        for l in super::docs::layout_statements(c, BODY_INDENT)?.split_inclusive('\n') {
            out.push_str("        ");
            out.push_str(l);
        }
    }
    out.push_str("    }\n}\n");
    Some(out)
}

/// A request-side struct's `impl` block with `validate` and `validate_into`.
fn struct_validation_tokens(type_name: &str, checks: &[TokenStream]) -> TokenStream {
    let rt = rt();
    let name = ident(type_name);
    // Simple checks skip the formatter (see `super::docs`): they are laid out here.
    let laid_out: Vec<TokenStream> = checks
        .iter()
        .map(|c| super::docs::statements(BODY_INDENT, c.clone()))
        .collect();
    let (path, errors) = if checks.is_empty() {
        (quote!(_path), quote!(_errors))
    } else {
        (quote!(path), quote!(errors))
    };
    // The same for every struct: laid out once, it skips the formatter (see `super::docs`).
    let validate = super::docs::item(
        4,
        super::docs::active().then(|| STRUCT_VALIDATE.into()),
        || {
            quote! {
                /// Checks every constraint of the spec on this value and everything nested in it, and
                /// reports every violation. Paths start at this value's fields (`name`,
                /// `list[3].name`); a request's `validate()` puts them under `body`.
                pub fn validate(&self) -> Result<(), #rt::ValidationErrors> {
                    let mut errors = #rt::ValidationErrors::new();
                    self.validate_into(&#rt::Path::root(), &mut errors);
                    errors.into_result()
                }
            }
        },
    );
    quote! {
        impl #name {
            #validate

            /// Like [`Self::validate`], adding the violations to `errors` with paths below `path`
            /// (used by the types and requests that contain this one).
            pub fn validate_into(&self, #path: &#rt::Path<'_>, #errors: &mut #rt::ValidationErrors) {
                #(#laid_out)*
            }
        }
    }
}

/// `validate` and `validate_into` of a request-side union: the checks of the alternative the
/// value is, the discriminator value against that alternative, and `Unknown` rejected.
fn union_validation(api: &Api, ty: &TypeDef, u: &UnionDef) -> TokenStream {
    let rt = rt();
    let name = ident(&ty.rust_name);
    let arms = u.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let inner = value_checks(
            api,
            &Shape {
                nullable: false,
                ..v.shape.clone()
            },
            &format_ident!("value"),
        );
        let inner = if v.shape.nullable && !inner.is_empty() {
            quote!(if let Some(value) = value { #inner })
        } else {
            inner
        };
        let tag_check = u.discriminator.as_ref().and_then(|property| {
            let TypeRef::Named(n) = &v.shape.ty else {
                return None;
            };
            let Some(TypeKind::Struct(s)) = api.type_def(n).map(|t| &t.kind) else {
                return None;
            };
            let f = s.fields.iter().find(|f| &f.wire_name == property)?;
            let fname = ident(&f.rust_name);
            let tags = &v.tags;
            let actual = match (&f.shape.ty, f.is_option()) {
                (TypeRef::String { .. }, false) => {
                    quote!(Some(value.#fname.as_str()))
                }
                (TypeRef::String { .. }, true) => quote!(value.#fname.as_deref()),
                (_, false) => quote!(Some(value.#fname.as_str())),
                (_, true) => quote!(value.#fname.as_ref().map(|tag| tag.as_str())),
            };
            Some(quote! {
                #rt::discriminator(errors, path, #property, #actual, &[#(#tags),*]);
            })
        });
        let used = !inner.is_empty() || tag_check.is_some();
        let binding = if used { quote!(value) } else { quote!(_) };
        quote! {
            Self::#vn(#binding) => {
                #tag_check
                #inner
            }
        }
    });
    let names: Vec<&str> = u.variants.iter().map(|v| v.rust_name.as_str()).collect();
    let unknown = match &u.discriminator {
        Some(property) => quote! {
            Self::Unknown(value) => match value.get(#property).and_then(::serde_json::Value::as_str) {
                // A known tag on a value built as `Unknown`: still none of the alternatives.
                Some(tag) if Self::TAGS.contains(&tag) => {
                    #rt::alternatives(errors, path, &[#(#names),*]);
                }
                tag => #rt::discriminator(errors, path, #property, tag, Self::TAGS),
            },
        },
        None => quote!(Self::Unknown(_) => #rt::alternatives(errors, path, &[#(#names),*]),),
    };
    quote! {
        impl #name {
            /// Checks every constraint of the spec on this value and everything nested in it, and
            /// reports every violation. A value that is none of the alternatives
            /// (`Unknown`) is a violation.
            pub fn validate(&self) -> Result<(), #rt::ValidationErrors> {
                let mut errors = #rt::ValidationErrors::new();
                self.validate_into(&#rt::Path::root(), &mut errors);
                errors.into_result()
            }

            /// Like [`Self::validate`], adding the violations to `errors` with paths below `path`
            /// (used by the types and requests that contain this one).
            pub fn validate_into(&self, path: &#rt::Path<'_>, errors: &mut #rt::ValidationErrors) {
                match self {
                    #(#arms)*
                    #unknown
                }
            }
        }
    }
}

/// The check of one `x-required-when` rule, or nothing when every field it requires is always
/// present (not an `Option`).
fn rule_check(api: &Api, s: &StructDef, rule: &RequiredWhen) -> TokenStream {
    let rt = rt();
    let Some(cond) = s
        .fields
        .iter()
        .find(|f| f.wire_name == rule.when.field.wire_name)
    else {
        return TokenStream::new();
    };
    let cond_wire = &cond.wire_name;
    let missing: Vec<TokenStream> = rule
        .require
        .iter()
        .filter_map(|r| s.fields.iter().find(|f| f.wire_name == r.wire_name))
        .filter(|f| f.is_option())
        .map(|field| {
            let fname = ident(&field.rust_name);
            let wire = &field.wire_name;
            quote! {
                if self.#fname.is_none() {
                    errors.push(
                        &path.field(#wire),
                        #rt::Rule::RequiredWhen { field: #cond_wire, value },
                    );
                }
            }
        })
        .collect();
    if missing.is_empty() {
        return TokenStream::new();
    }
    let cname = ident(&cond.rust_name);
    let matched = condition_match(api, &cond.shape.ty, &rule.when.values);
    let when = if cond.is_option() {
        quote!(let when = self.#cname.as_ref().and_then(|value| #matched);)
    } else {
        quote! {
            let value = &self.#cname;
            let when = #matched;
        }
    };
    quote! {
        {
            #when
            if let Some(value) = when {
                #(#missing)*
            }
        }
    }
}

/// An expression of type `Option<&'static str>`: the wire value of `value` (a reference to the
/// condition field's value) when it is one of `values`, else `None`.
fn condition_match(api: &Api, ty: &TypeRef, values: &[Literal]) -> TokenStream {
    let some = |s: &str| quote!(Some(#s));
    let none = quote!(None);
    if matches!(ty, TypeRef::Bool) {
        let has_true = values.iter().any(|v| matches!(v, Literal::Bool(true)));
        let has_false = values.iter().any(|v| matches!(v, Literal::Bool(false)));
        let (t, f) = (some("true"), some("false"));
        return match (has_true, has_false) {
            (true, true) => quote!(Some(if *value { "true" } else { "false" })),
            (true, false) => quote!(if *value { #t } else { #none }),
            (false, true) => quote!(if *value { #none } else { #f }),
            (false, false) => none,
        };
    }
    // (pattern, display) pairs, deduplicated so no arm is unreachable.
    let mut seen = BTreeSet::new();
    let mut arms = Vec::new();
    for v in values {
        let (pat, shown) = match v {
            // Lowering matches literals to the field's type: a boolean cannot be here.
            Literal::Bool(_) => continue,
            Literal::Int(i) | Literal::IntVariant { value: i, .. } => (int_lit(*i), i.to_string()),
            Literal::Str(s) | Literal::StringVariant { value: s, .. } => (quote!(#s), s.clone()),
        };
        if !seen.insert(shown.clone()) {
            continue;
        }
        let result = some(&shown);
        arms.push(quote!(#pat => #result,));
    }
    let scrutinee = match ty {
        TypeRef::String { .. } => quote!(value.as_str()),
        TypeRef::Integer(_) => quote!(*value),
        TypeRef::Named(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(_)) => quote!(value.as_str()),
            Some(TypeKind::IntEnum(_)) => quote!(value.value()),
            _ => return none,
        },
        _ => return none,
    };
    if arms.is_empty() {
        return none;
    }
    quote! {
        match #scrutinee {
            #(#arms)*
            _ => #none,
        }
    }
}

/// An integer literal (unsuffixed; `i64::MIN` spelled as the constant).
fn int_lit(v: i64) -> TokenStream {
    if v == i64::MIN {
        quote!(i64::MIN)
    } else if v < 0 {
        let abs = Lit::i64_unsuffixed(-v);
        quote!(-#abs)
    } else {
        let lit = Lit::i64_unsuffixed(v);
        quote!(#lit)
    }
}

/// A float literal (finite values only; callers filter the others out).
fn float_lit(v: f64) -> TokenStream {
    if v < 0.0 {
        let abs = Lit::f64_unsuffixed(-v);
        quote!(-#abs)
    } else {
        let lit = Lit::f64_unsuffixed(v);
        quote!(#lit)
    }
}

fn num_tokens(n: Num) -> TokenStream {
    let rt = rt();
    match n {
        Num::Int(i) => {
            let lit = int_lit(i);
            quote!(#rt::Number::Int(#lit))
        }
        Num::Float(x) => {
            let lit = float_lit(x);
            quote!(#rt::Number::Float(#lit))
        }
    }
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => {
            let lit = Lit::u64_unsuffixed(n);
            quote!(Some(#lit))
        }
        None => quote!(None),
    }
}

/// Statements checking `value` (a variable holding a reference to a value of `shape.ty`, not
/// wrapped in `Option`) at `path` (a variable holding a `&Path`), adding to `errors` (a
/// `&mut ValidationErrors`). Empty when nothing needs checking.
fn value_checks(api: &Api, shape: &Shape, value: &proc_macro2::Ident) -> TokenStream {
    let rt = rt();
    let e = shape.effective_constraints(api);
    let mut out = Vec::new();

    // The string a length or pattern check looks at, and the numeric value a range check does.
    let (text, number) = match &shape.ty {
        TypeRef::String { .. } => (Some(quote!(#value)), None),
        TypeRef::Integer(IntFormat::Int32) => {
            (None, Some(quote!(#rt::Number::Int(i64::from(*#value)))))
        }
        TypeRef::Integer(IntFormat::Int64) => (None, Some(quote!(#rt::Number::Int(*#value)))),
        TypeRef::Number(NumberFormat::Float) => {
            (None, Some(quote!(#rt::Number::Float(f64::from(*#value)))))
        }
        TypeRef::Number(NumberFormat::Double) => (None, Some(quote!(#rt::Number::Float(*#value)))),
        TypeRef::Named(n) => match api.type_def(n).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(_)) => (Some(quote!(#value.as_str())), None),
            Some(TypeKind::IntEnum(def)) => (
                None,
                Some(match def.format {
                    IntFormat::Int32 => quote!(#rt::Number::Int(i64::from(#value.value()))),
                    IntFormat::Int64 => quote!(#rt::Number::Int(#value.value())),
                }),
            ),
            _ => (None, None),
        },
        _ => (None, None),
    };

    // Type-level checks first: enum membership, finiteness, nested structs.
    match &shape.ty {
        TypeRef::Number(f) => {
            let as_f64 = match f {
                NumberFormat::Float => quote!(f64::from(*#value)),
                NumberFormat::Double => quote!(*#value),
            };
            out.push(quote!(#rt::finite(errors, path, #as_f64);));
        }
        TypeRef::Named(n) => match api.type_def(n).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(_)) => {
                let model = super::types::model_path(n);
                out.push(quote! {
                    #rt::string_enum(errors, path, #value.is_known(), #value.as_str(), #model::VALUES);
                });
            }
            Some(TypeKind::IntEnum(def)) => {
                let allowed = def.variants.iter().map(|v| int_lit(v.value));
                let actual = match def.format {
                    IntFormat::Int32 => quote!(i64::from(#value.value())),
                    IntFormat::Int64 => quote!(#value.value()),
                };
                out.push(quote! {
                    #rt::int_enum(errors, path, #value.is_known(), #actual, &[#(#allowed),*]);
                });
            }
            Some(TypeKind::Struct(_)) if struct_needs_checks(api, n, &mut Vec::new()) => {
                out.push(quote!(#value.validate_into(path, errors);));
            }
            Some(TypeKind::Union(_)) => {
                out.push(quote!(#value.validate_into(path, errors);));
            }
            Some(TypeKind::Struct(_)) | None => {}
        },
        _ => {}
    }

    if let Some(text) = &text {
        if e.min_length.is_some() || e.max_length.is_some() {
            let (min, max) = (opt_u64(e.min_length), opt_u64(e.max_length));
            out.push(quote!(#rt::length(errors, path, #text, #min, #max);));
        }
        if let Some(pattern) = &e.pattern {
            let report = quote!(#rt::pattern(errors, path, #text, #pattern, is_match););
            out.push(quote! {
                {
                    static REGEX: ::std::sync::OnceLock<Option<::regex::Regex>> =
                        ::std::sync::OnceLock::new();
                    let is_match = REGEX
                        .get_or_init(|| ::regex::Regex::new(#pattern).ok())
                        .as_ref()
                        .map(|regex| regex.is_match(#text));
                    #report
                }
            });
        }
    }
    if let Some(number) = &number {
        if let Some(b) = e.minimum {
            let (limit, exclusive) = (num_tokens(b.value), b.exclusive);
            out.push(quote!(#rt::minimum(errors, path, #number, #limit, #exclusive);));
        }
        if let Some(b) = e.maximum {
            let (limit, exclusive) = (num_tokens(b.value), b.exclusive);
            out.push(quote!(#rt::maximum(errors, path, #number, #limit, #exclusive);));
        }
        if let Some(m) = e.multiple_of {
            let factor = num_tokens(m);
            out.push(quote!(#rt::multiple_of(errors, path, #number, #factor);));
        }
    }
    if let TypeRef::Array(item) = &shape.ty {
        if e.min_items.is_some() || e.max_items.is_some() {
            let (min, max) = (opt_u64(e.min_items), opt_u64(e.max_items));
            out.push(quote!(#rt::items(errors, path, #value.len(), #min, #max);));
        }
        let item_var = format_ident!("item");
        let inner = value_checks(api, item, &item_var);
        if !inner.is_empty() {
            let body = if item.nullable {
                quote! {
                    if let Some(item) = item {
                        let path = &path.index(index);
                        #inner
                    }
                }
            } else {
                quote! {
                    let path = &path.index(index);
                    #inner
                }
            };
            out.push(quote! {
                for (index, item) in #value.iter().enumerate() {
                    #body
                }
            });
        }
    }
    if let TypeRef::Map(item) = &shape.ty {
        if e.min_properties.is_some() || e.max_properties.is_some() {
            let (min, max) = (opt_u64(e.min_properties), opt_u64(e.max_properties));
            out.push(quote!(#rt::properties(errors, path, #value.len(), #min, #max);));
        }
        let item_var = format_ident!("item");
        let inner = value_checks(api, item, &item_var);
        if !inner.is_empty() {
            let body = if item.nullable {
                quote! {
                    if let Some(item) = item {
                        let path = &path.key(key);
                        #inner
                    }
                }
            } else {
                quote! {
                    let path = &path.key(key);
                    #inner
                }
            };
            out.push(quote! {
                for (key, item) in #value {
                    #body
                }
            });
        }
    }
    quote!(#(#out)*)
}

/// Whether a struct (or anything nested in it) has something to check; `visiting` breaks cycles
/// of recursive types.
fn struct_needs_checks(api: &Api, name: &str, visiting: &mut Vec<String>) -> bool {
    if visiting.iter().any(|v| v == name) {
        return false;
    }
    let Some(TypeKind::Struct(s)) = api.type_def(name).map(|t| &t.kind) else {
        return false;
    };
    visiting.push(name.to_string());
    let needs = s.min_properties.is_some()
        || s.max_properties.is_some()
        || (s.additional.is_some() && !s.fields.is_empty())
        || s.additional
            .as_ref()
            .is_some_and(|a| shape_needs_checks(api, &a.value, visiting))
        || s.rules.iter().any(|r| {
            r.require.iter().any(|f| {
                s.fields
                    .iter()
                    .any(|g| g.wire_name == f.wire_name && g.is_option())
            })
        })
        || s.fields
            .iter()
            .any(|f| shape_needs_checks(api, &f.shape, visiting));
    visiting.pop();
    needs
}

fn shape_needs_checks(api: &Api, shape: &Shape, visiting: &mut Vec<String>) -> bool {
    let e = shape.effective_constraints(api);
    if e.min_length.is_some()
        || e.max_length.is_some()
        || e.pattern.is_some()
        || e.min_items.is_some()
        || e.max_items.is_some()
        || e.minimum.is_some()
        || e.maximum.is_some()
        || e.multiple_of.is_some()
        || e.min_properties.is_some()
        || e.max_properties.is_some()
    {
        return true;
    }
    match &shape.ty {
        TypeRef::Number(_) => true,
        TypeRef::Array(item) | TypeRef::Map(item) => shape_needs_checks(api, item, visiting),
        TypeRef::Named(n) => match api.type_def(n).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::Union(_)) => true,
            Some(TypeKind::Struct(_)) => struct_needs_checks(api, n, visiting),
            None => false,
        },
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::String { .. } | TypeRef::Any => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{
        Bound, Condition, Constraints, EnumVariant, Field, FieldName, HttpMethod, ParamLocation,
        RequestBody, StringEnumDef, Usage,
    };

    fn shape(ty: TypeRef, constraints: Constraints) -> Shape {
        Shape {
            ty,
            nullable: false,
            constraints,
        }
    }

    fn string() -> TypeRef {
        TypeRef::String { format: None }
    }

    fn field(name: &str, shape: Shape, required: bool) -> Field {
        Field {
            rust_name: crate::naming::field_name(name),
            setter: crate::naming::setter_name(&crate::naming::field_name(name)),
            wire_name: name.to_string(),
            docs: None,
            shape,
            required,
            default: None,
            boxed: false,
        }
    }

    fn name(n: &str) -> FieldName {
        FieldName {
            rust_name: n.to_string(),
            wire_name: n.to_string(),
        }
    }

    fn api() -> Api {
        let kind = TypeDef {
            rust_name: "Kind".into(),
            wire_name: "Kind".into(),
            origin: "#/components/schemas/Kind".into(),
            docs: None,
            kind: TypeKind::StringEnum(StringEnumDef {
                variants: ["a", "b"]
                    .iter()
                    .map(|v| EnumVariant {
                        rust_name: v.to_uppercase(),
                        value: v.to_string(),
                        docs: None,
                    })
                    .collect(),
            }),
            usage: Usage {
                request: true,
                response: false,
            },
        };
        let body = TypeDef {
            rust_name: "Body".into(),
            wire_name: "Body".into(),
            origin: "#/components/schemas/Body".into(),
            docs: None,
            kind: TypeKind::Struct(StructDef {
                fields: vec![
                    field(
                        "kind",
                        shape(TypeRef::Named("Kind".into()), Constraints::default()),
                        true,
                    ),
                    field(
                        "ids",
                        shape(
                            TypeRef::Array(Box::new(shape(
                                string(),
                                Constraints {
                                    min_length: Some(0),
                                    max_length: Some(8),
                                    ..Constraints::default()
                                },
                            ))),
                            Constraints {
                                min_items: Some(0),
                                max_items: Some(200),
                                ..Constraints::default()
                            },
                        ),
                        false,
                    ),
                    field(
                        "size",
                        shape(
                            TypeRef::Integer(IntFormat::Int64),
                            Constraints {
                                minimum: Some(Bound {
                                    value: Num::Int(0),
                                    exclusive: false,
                                }),
                                maximum: Some(Bound {
                                    value: Num::Int(i64::MAX),
                                    exclusive: false,
                                }),
                                ..Constraints::default()
                            },
                        ),
                        false,
                    ),
                    field(
                        "mask",
                        shape(
                            TypeRef::Integer(IntFormat::Int32),
                            Constraints {
                                minimum: Some(Bound {
                                    value: Num::Int(i64::from(i32::MIN)),
                                    exclusive: false,
                                }),
                                maximum: Some(Bound {
                                    value: Num::Int(i64::from(i32::MAX)),
                                    exclusive: false,
                                }),
                                multiple_of: Some(Num::Int(1)),
                                ..Constraints::default()
                            },
                        ),
                        false,
                    ),
                    field("flag", shape(TypeRef::Bool, Constraints::default()), false),
                    field("info", shape(string(), Constraints::default()), false),
                ],
                rules: vec![RequiredWhen {
                    require: vec![name("info"), name("kind")],
                    when: Condition {
                        field: name("flag"),
                        values: vec![Literal::Bool(false)],
                    },
                    description: None,
                }],
                additional: None,
                min_properties: None,
                max_properties: None,
            }),
            usage: Usage {
                request: true,
                response: true,
            },
        };
        let reply = TypeDef {
            rust_name: "Reply".into(),
            wire_name: "Reply".into(),
            origin: "#/components/schemas/Reply".into(),
            docs: None,
            kind: TypeKind::Struct(StructDef {
                fields: vec![field(
                    "text",
                    shape(
                        string(),
                        Constraints {
                            max_length: Some(3),
                            ..Constraints::default()
                        },
                    ),
                    false,
                )],
                rules: vec![],
                additional: None,
                min_properties: None,
                max_properties: None,
            }),
            usage: Usage {
                request: false,
                response: true,
            },
        };
        let op = Operation {
            operation_id: "MakeThing".into(),
            rust_name: "make_thing".into(),
            type_prefix: "MakeThing".into(),
            request_type: "MakeThingRequest".into(),
            module: "make_thing".into(),
            example: "make_thing".into(),
            method: HttpMethod::Post,
            path: "/v1/{project_id}/things".into(),
            origin: "#/paths/~1v1~1{project_id}~1things/post".into(),
            summary: None,
            description: None,
            params: vec![
                Parameter {
                    rust_name: "project_id".into(),
                    setter: "project_id".into(),
                    wire_name: "project_id".into(),
                    location: ParamLocation::Path,
                    required: true,
                    docs: None,
                    shape: shape(
                        string(),
                        Constraints {
                            min_length: Some(1),
                            max_length: Some(256),
                            ..Constraints::default()
                        },
                    ),
                    default: None,
                    client_config: Some("project_id".into()),
                    example: None,
                    array_style: None,
                },
                Parameter {
                    rust_name: "x_region".into(),
                    setter: "x_region".into(),
                    wire_name: "X-Region".into(),
                    location: ParamLocation::Header,
                    required: false,
                    docs: None,
                    shape: shape(
                        string(),
                        Constraints {
                            min_length: Some(1),
                            max_length: Some(128),
                            ..Constraints::default()
                        },
                    ),
                    default: None,
                    client_config: None,
                    example: None,
                    array_style: None,
                },
            ],
            body: Some(RequestBody {
                rust_name: "body".into(),
                setter: "body".into(),
                ty: TypeRef::Named("Body".into()),
                required: true,
                content_type: "application/json".into(),
                constraints: crate::ir::Constraints::default(),
                kind: crate::ir::BodyKind::Json,
                docs: None,
                example: None,
            }),
            responses: vec![],
            success: None,
            security: None,
        };
        Api::for_tests(vec![body, kind, reply], vec![op])
    }

    /// Formats emitted items as a file, failing the test if they do not parse.
    fn pretty(tokens: TokenStream) -> String {
        let file: syn::File = syn::parse2(tokens).expect("emitted code parses");
        prettyplease::unparse(&file)
    }

    /// The text with all whitespace removed, to look for calls regardless of line breaks.
    /// Trailing commas, which prettyplease adds to broken argument lists, go too.
    fn squeeze(s: &str) -> String {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        s.replace(",)", ")").replace(",}", "}")
    }

    #[test]
    fn struct_checks_skip_what_the_type_guarantees() {
        let api = api();
        let code = squeeze(&pretty(for_type(&api, &api.types[0])));
        // Enum membership, item counts (no minItems 0), item lengths (no minLength 0).
        assert!(
            code.contains(
                "string_enum(errors,path,value.is_known(),value.as_str(),models::Kind::VALUES)"
            ),
            "{code}"
        );
        assert!(
            code.contains("items(errors,path,value.len(),None,Some(200))"),
            "{code}"
        );
        assert!(
            code.contains("length(errors,path,item,None,Some(8))"),
            "{code}"
        );
        assert!(code.contains("path.index(index)"), "{code}");
        // minimum 0 on i64 is checked; maximum i64::MAX is not; the full i32 range and
        // multipleOf 1 on an integer are no checks at all.
        assert!(code.contains("minimum(errors,path,validation::Number::Int(*value),validation::Number::Int(0),false)"), "{code}");
        assert!(!code.contains("maximum("), "{code}");
        assert!(!code.contains("\"mask\""), "{code}");
        assert!(!code.contains("multiple_of"), "{code}");
        // The rule: `kind` is never missing (not an Option), `info` can be.
        assert!(
            code.contains("RequiredWhen{field:\"flag\",value}"),
            "{code}"
        );
        assert!(code.contains("self.info.is_none()"), "{code}");
        assert!(!code.contains("self.kind.is_none()"), "{code}");
        assert!(
            code.contains("if*value{None}else{Some(\"false\")}"),
            "{code}"
        );
    }

    #[test]
    fn response_only_types_and_enums_get_nothing() {
        let api = api();
        assert!(for_type(&api, &api.types[2]).is_empty());
        assert!(for_type(&api, &api.types[1]).is_empty());
    }

    #[test]
    fn operation_checks_params_and_body_with_config() {
        let api = api();
        let code = pretty(for_operation(&api, &api.operations[0]));
        let squeezed = squeeze(&code);
        assert!(squeezed.contains("implMakeThingRequest{"), "{code}");
        assert!(squeezed.contains("pubfnvalidate(&self)"), "{code}");
        assert!(
            squeezed.contains("pubfnvalidate_with_config(&self,project_id:Option<&str>)"),
            "{code}"
        );
        assert!(squeezed.contains("Path::named(\"path\")"), "{code}");
        assert!(squeezed.contains("root.field(\"project_id\")"), "{code}");
        assert!(squeezed.contains("Path::named(\"header\")"), "{code}");
        assert!(squeezed.contains("root.field(\"X-Region\")"), "{code}");
        assert!(
            squeezed.contains("self.project_id.as_deref().or(project_id.flatten())"),
            "{code}"
        );
        assert!(
            squeezed
                .contains("required_setting(errors,path,&crate::client::SERVICE,\"project_id\")"),
            "{code}"
        );
        assert!(squeezed.contains("Path::named(\"body\")"), "{code}");
        assert!(
            squeezed.contains("value.validate_into(path,errors)"),
            "{code}"
        );
    }

    #[test]
    fn validate_call_passes_configured_values() {
        let api = api();
        let call = validate_call(&api.operations[0], &quote!(request), |setting| {
            let f = format_ident!("{}", setting);
            quote!(config.#f())
        });
        assert_eq!(
            squeeze(&call.to_string()),
            "request.validate_with_config(config.project_id())"
        );
        let mut op = api.operations[0].clone();
        op.params.clear();
        assert_eq!(
            squeeze(&validate_call(&op, &quote!(r), |_| quote!(x)).to_string()),
            "r.validate()"
        );
    }

    #[test]
    fn patterns_compile_once() {
        let mut api = api();
        let op = &mut api.operations[0];
        let region = op
            .params
            .iter_mut()
            .find(|p| p.wire_name == "X-Region")
            .expect("X-Region parameter");
        region.shape.constraints.pattern = Some("^[a-z]+$".into());
        let op = api.operations[0].clone();
        let code = squeeze(&pretty(for_operation(&api, &op)));
        assert!(
            code.contains("staticREGEX:::std::sync::OnceLock<Option<::regex::Regex>>"),
            "{code}"
        );
        assert!(
            code.contains("::regex::Regex::new(\"^[a-z]+$\").ok()"),
            "{code}"
        );
        assert!(
            code.contains("validation::pattern(errors,path,value,\"^[a-z]+$\",is_match)"),
            "{code}"
        );
    }

    #[test]
    fn literals() {
        assert_eq!(int_lit(-5).to_string(), "- 5");
        assert_eq!(int_lit(i64::MIN).to_string(), "i64 :: MIN");
        assert_eq!(float_lit(-0.25).to_string(), "- 0.25");
        assert_eq!(float_lit(2.0).to_string(), "2.0");
    }

    #[test]
    fn output_is_deterministic() {
        let api = api();
        let a = for_operation(&api, &api.operations[0]).to_string();
        let b = for_operation(&api.clone(), &api.operations[0]).to_string();
        assert_eq!(a, b);
    }
}
