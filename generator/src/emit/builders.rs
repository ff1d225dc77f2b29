//! Builders: every generated struct and request type `X` gets `X::builder()` and an `XBuilder`
//! with one `#[must_use]` setter per field, named like the field and taking `impl Into<T>` of the
//! field's value type, and `build()`, which checks that every required field was set and names
//! all the missing ones at once (`runtime::BuildError`).
//!
//! A builder holds every field as `Option`, so it has `Default`, and its `Debug` shows what the
//! built value's would: derived, or with `***` for each secret header parameter.

use super::docs::{literal, push_line, MARGIN, SAFE_WIDTH};
use super::types::rust_type;
use crate::ir::{Api, Field, Operation, ParamLocation, StructDef, TypeDef};
use crate::naming::{builder_type_name, ident};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// One field of a builder.
pub struct BuilderField {
    /// The type's field (also the builder's field and the `build` binding).
    pub name: Ident,
    /// The setter.
    pub setter: Ident,
    /// The name `BuildError` reports for it (the wire name).
    pub wire: String,
    /// The field's value type, without the `Option` the type may hold it in.
    pub ty: TokenStream,
    /// The type holds it as `Option` (the builder does not require it).
    pub optional: bool,
    /// The type holds it as `Box<T>` (`Option<Box<T>>` when optional); the builder takes `T`.
    pub boxed: bool,
    /// The type holds it without `Option` and an unset builder field becomes its `Default`
    /// (a struct's additional properties: an empty map).
    pub defaulted: bool,
    /// A secret (a secret header parameter): the builder's `Debug` shows `***` for its value.
    pub secret: bool,
    /// What it is, for the setter's doc (`` `task_type` ``, `the query parameter `limit``).
    pub what: String,
}

/// The builder of a struct.
pub fn for_struct(t: &TypeDef, s: &StructDef, builder_name: &str) -> TokenStream {
    builder(&t.rust_name, builder_name, &struct_fields(s))
}

/// The builder of a struct as text (see [`builder_text`]).
pub fn for_struct_text(t: &TypeDef, s: &StructDef, builder_name: &str) -> Option<String> {
    builder_text(&t.rust_name, builder_name, &struct_fields(s))
}

/// The builder's fields for a struct: its fields, then its additional properties.
fn struct_fields(s: &StructDef) -> Vec<BuilderField> {
    let mut fields: Vec<BuilderField> = s
        .fields
        .iter()
        .map(|f: &Field| BuilderField {
            name: ident(&f.rust_name),
            setter: ident(&f.setter),
            wire: f.wire_name.clone(),
            ty: rust_type(&f.shape.ty),
            optional: f.is_option(),
            boxed: f.boxed,
            defaulted: false,
            secret: false,
            what: format!("`{}`", f.wire_name),
        })
        .collect();
    if let Some(a) = &s.additional {
        let value = super::types::shape_type(&a.value);
        fields.push(BuilderField {
            name: ident(&a.rust_name),
            setter: ident(&crate::naming::setter_name(&a.rust_name)),
            wire: a.rust_name.clone(),
            ty: quote!(::std::collections::BTreeMap<String, #value>),
            optional: true,
            boxed: false,
            defaulted: true,
            secret: false,
            what: "the additional properties (by name)".to_string(),
        });
    }
    fields
}

/// The builder of an operation's request type: its parameters, then its body.
pub fn for_request(api: &Api, op: &Operation, builder_name: &str) -> TokenStream {
    let mut fields: Vec<BuilderField> = op
        .params
        .iter()
        .map(|p| BuilderField {
            name: ident(&p.rust_name),
            setter: ident(&p.setter),
            wire: p.wire_name.clone(),
            ty: rust_type(&p.shape.ty),
            optional: p.is_option(),
            boxed: false,
            defaulted: false,
            secret: p.location == ParamLocation::Header
                && super::operation::is_secret_header(api, p),
            what: format!("the {} parameter `{}`", p.location.as_str(), p.wire_name),
        })
        .collect();
    if let Some(body) = &op.body {
        fields.push(BuilderField {
            name: ident(&body.rust_name),
            setter: ident(&body.setter),
            wire: body.rust_name.clone(),
            ty: super::operation::body_type(body),
            optional: !body.required,
            boxed: false,
            defaulted: false,
            secret: false,
            what: "the request body".to_string(),
        });
    }
    builder(&op.request_type, builder_name, &fields)
}

/// The indentation of a setter: a builder's `impl` block is at the top level of its file.
const SETTER_INDENT: usize = 4;

/// A setter laid out as prettyplease prints its tokens at [`SETTER_INDENT`] (see
/// [`super::docs::item`]): the signature on one line when it fits in [`MARGIN`], else one
/// parameter per line. `None` for the layouts not known here (a type printed with other tokens
/// than paths and generics, lines near the margin in the broken form), which are formatted.
fn setter_text(doc: &str, setter: &str, field: &str, ty: &TokenStream) -> Option<String> {
    let ty = type_text(ty)?;
    let one_line = format!("pub fn {setter}(mut self, value: impl Into<{ty}>) -> Self {{");
    let body = format!("self.{field} = Some(value.into());");
    // Well inside the margin, where nothing in the layout depends on how near it a line comes.
    let safe = SAFE_WIDTH;
    if SETTER_INDENT + 4 + body.len() > safe || doc.starts_with('/') || doc.contains('\n') {
        return None;
    }
    let signature = if SETTER_INDENT + one_line.len() <= MARGIN {
        one_line
    } else {
        let param = format!("    value: impl Into<{ty}>,");
        let open = format!("pub fn {setter}(");
        if SETTER_INDENT + param.len() > safe || SETTER_INDENT + open.len() > safe {
            return None;
        }
        format!("{open}\n    mut self,\n{param}\n) -> Self {{")
    };
    Some(format!(
        "///{}\n#[must_use]\n{signature}\n    {body}\n    self\n}}\n",
        doc.trim_end_matches(' ')
    ))
}

/// A type's tokens as prettyplease prints them (`Vec<models::Tag>`, `BTreeMap<String, u8>`,
/// `::serde_json::Value`, `()`), for types made of paths, generic arguments and the unit type
/// only; `None` for any other token.
pub(crate) fn type_text(ty: &TokenStream) -> Option<String> {
    use proc_macro2::{Delimiter, Spacing, TokenTree};
    let mut out = String::new();
    let mut tokens = ty.clone().into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Ident(i) => out.push_str(&i.to_string()),
            TokenTree::Punct(p) => match (p.as_char(), p.spacing()) {
                (':', Spacing::Joint) => match tokens.next() {
                    Some(TokenTree::Punct(q)) if q.as_char() == ':' => out.push_str("::"),
                    _ => return None,
                },
                ('<', _) | ('>', _) => out.push(p.as_char()),
                (',', _) => out.push_str(", "),
                _ => return None,
            },
            TokenTree::Group(g)
                if g.delimiter() == Delimiter::Parenthesis && g.stream().is_empty() =>
            {
                out.push_str("()")
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The builder type name of each of `names` (the types of one module), unique in that module:
/// `XBuilder`, or when a type of that name exists (or another builder took it), `XBuilder2`,
/// `XBuilder3`, ... in the order given.
pub fn builder_names<'a>(
    names: impl IntoIterator<Item = &'a str> + Clone,
) -> BTreeMap<String, String> {
    let mut taken: BTreeSet<String> = names.clone().into_iter().map(str::to_owned).collect();
    let mut out = BTreeMap::new();
    for name in names {
        let base = builder_type_name(name);
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&candidate) {
            candidate = format!("{base}{n}");
            n += 1;
        }
        taken.insert(candidate.clone());
        out.insert(name.to_owned(), candidate);
    }
    out
}

/// A builder type without secrets, as prettyplease prints it at the top level (`doc` is its
/// one doc line); `None` when a field's line would not end by the margin.
fn builder_struct_text(doc: &str, builder_name: &str, fields: &[BuilderField]) -> Option<String> {
    let mut out = super::docs::doc_text(&[doc.to_string()])?;
    out.push_str("#[derive(Debug, Clone, Default)]\n");
    if fields.is_empty() {
        return None;
    }
    push_line(&mut out, 0, "", &format!("pub struct {builder_name} {{"))?;
    for f in fields {
        let ty = type_text(&f.ty)?;
        super::docs::push_whole_line(&mut out, &format!("    {}: Option<{ty}>,", f.name))?;
    }
    out.push_str("}\n");
    Some(out)
}

/// The indentation of the statements of a method in an `impl` block at the top level.
const BODY_INDENT: usize = 8;

/// The body of a builder's `build()`: laid out here (see [`build_body_text`]) when its shape
/// allows, else tokens for the formatter.
fn build_body(type_name: &str, fields: &[BuilderField]) -> TokenStream {
    let text = super::docs::active()
        .then(|| build_body_text(type_name, fields))
        .flatten();
    super::docs::item(BODY_INDENT, text, || build_body_tokens(type_name, fields))
}

/// How `build()` makes each field of the type from the builder's (`name: self.name`, `name`
/// for a required one bound by the `match`, ...).
fn build_inits(fields: &[BuilderField]) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|f| {
            let n = &f.name;
            match (f.defaulted, f.optional, f.boxed) {
                (true, _, _) => quote!(#n: self.#n.unwrap_or_default()),
                (false, true, false) => quote!(#n: self.#n),
                (false, true, true) => quote!(#n: self.#n.map(Box::new)),
                (false, false, false) => quote!(#n),
                (false, false, true) => quote!(#n: Box::new(#n)),
            }
        })
        .collect()
}

/// [`build_inits`] as prettyplease prints each on one line (`name: self.name.map(Box::new)`).
fn build_init_texts(fields: &[BuilderField]) -> Vec<String> {
    fields
        .iter()
        .map(|f| {
            let n = &f.name;
            match (f.defaulted, f.optional, f.boxed) {
                (true, _, _) => format!("{n}: self.{n}.unwrap_or_default()"),
                (false, true, false) => format!("{n}: self.{n}"),
                (false, true, true) => format!("{n}: self.{n}.map(Box::new)"),
                (false, false, false) => n.to_string(),
                (false, false, true) => format!("{n}: Box::new({n})"),
            }
        })
        .collect()
}

/// The body of `build()` as tokens.
fn build_body_tokens(type_name: &str, fields: &[BuilderField]) -> TokenStream {
    let ty = ident(type_name);
    let required: Vec<&BuilderField> = fields.iter().filter(|f| !f.optional).collect();
    let inits = build_inits(fields);
    match required.as_slice() {
        [] => quote!(Ok(#ty { #(#inits),* })),
        [one] => {
            let n = &one.name;
            let wire = &one.wire;
            quote! {
                match self.#n {
                    Some(#n) => Ok(#ty { #(#inits),* }),
                    None => Err(
                        runtime::BuildError::missing(#type_name, &[(#wire, true)]),
                    ),
                }
            }
        }
        many => {
            let names: Vec<&Ident> = many.iter().map(|f| &f.name).collect();
            let checks = many.iter().map(|f| {
                let n = &f.name;
                let wire = &f.wire;
                quote!((#wire, #n.is_none()))
            });
            quote! {
                match (#(self.#names),*) {
                    (#(Some(#names)),*) => {
                        Ok(#ty { #(#inits),* })
                    }
                    (#(#names),*) => Err(
                        runtime::BuildError::missing(#type_name, &[#(#checks),*]),
                    ),
                }
            }
        }
    }
}

/// The body of `build()` as prettyplease prints [`build_body_tokens`] at [`BODY_INDENT`] (the
/// lines without that indentation), for the shapes whose layout is certain: the struct literal
/// well past prettyplease's 34-column limit for struct literals on one line (so broken one field
/// per line); the `Err` arm broken where prettyplease breaks it (a part stays on its line when
/// it ends by column 89, a trailing comma not counted: measured, and checked by the grid test
/// below); the `match` head and patterns either well inside the margin or well past it. `None`
/// otherwise.
fn build_body_text(type_name: &str, fields: &[BuilderField]) -> Option<String> {
    /// Whether `text`, at column `at` and followed on its line by nothing or by a comma only,
    /// stays on one line: prettyplease's margin is 89 columns, the comma not counted.
    fn fits(at: usize, text: &str) -> bool {
        at + text.len() <= MARGIN
    }
    /// `before`, a tuple `(a, b)` (a `match` head or pattern; a lone item without
    /// parentheses), then `after`: on one line, or one element per line. A tuple stays on its
    /// line when the line ends by the margin: for a `match` head, its ` {` counted; for an
    /// arm's pattern, its ` => ` counted but not the `{` that ends the line only when the
    /// arm's body is broken (so the line may end one column past the margin). A lone item
    /// (not broken this way) only well inside the margin, else `None`.
    fn tuple(out: &mut Out, at: usize, before: &str, items: &[String], after: &str) -> Option<()> {
        let flat = format!("{before}{}{after}", pattern(items));
        if items.len() == 1 {
            return out.line(at, &flat);
        }
        let limit = if after == " => {" { MARGIN + 1 } else { MARGIN };
        if at + flat.len() <= limit {
            return out.measured(at, &flat);
        }
        out.line(at, &format!("{before}("))?;
        for item in items {
            out.line(at + 4, &format!("{item},"))?;
        }
        out.line(at, &format!("){after}"))
    }
    /// A lone item, or a tuple of them on one line.
    fn pattern(items: &[String]) -> String {
        match items {
            [one] => one.clone(),
            _ => format!("({})", items.join(", ")),
        }
    }
    struct Out(String);
    impl Out {
        /// A line at column `at` whose layout prettyplease would not change: at most
        /// [`SAFE_WIDTH`] wide, else `None`.
        fn line(&mut self, at: usize, text: &str) -> Option<()> {
            push_line(
                &mut self.0,
                BODY_INDENT,
                &" ".repeat(at - BODY_INDENT),
                text,
            )
        }
        /// A line at column `at` that [`fits`] said stays whole.
        fn measured(&mut self, at: usize, text: &str) -> Option<()> {
            for _ in BODY_INDENT..at {
                self.0.push(' ');
            }
            self.0.push_str(text);
            self.0.push('\n');
            Some(())
        }
    }
    if fields.is_empty() {
        return None;
    }
    let inits = build_init_texts(fields);
    // The struct literal on one line is `T { a, b }`: wider than 34 columns, it is broken.
    let flat_struct = format!("{type_name} {{ {} }}", inits.join(", "));
    if flat_struct.len() <= 40 {
        return None;
    }
    let mut out = Out(String::new());
    // `Ok(T {`, the fields one per line at `at + 4`, then `})`, ending with `end`.
    let ok = |out: &mut Out, at: usize, end: &str| -> Option<()> {
        out.line(at, &format!("Ok({type_name} {{"))?;
        for init in &inits {
            out.line(at + 4, &format!("{init},"))?;
        }
        out.line(at, &format!("}}){end}"))
    };
    let required: Vec<&BuilderField> = fields.iter().filter(|f| !f.optional).collect();
    let names: Vec<String> = required.iter().map(|f| f.name.to_string()).collect();
    let (head, some, none, checks): (Vec<String>, Vec<String>, Vec<String>, Vec<String>) =
        match required.as_slice() {
            [] => {
                ok(&mut out, BODY_INDENT, "")?;
                return Some(out.0);
            }
            [one] => (
                vec![format!("self.{}", names[0])],
                vec![format!("Some({})", names[0])],
                vec!["None".to_string()],
                vec![format!("({}, true)", literal(&one.wire))],
            ),
            many => (
                names.iter().map(|n| format!("self.{n}")).collect(),
                names.iter().map(|n| format!("Some({n})")).collect(),
                names.clone(),
                many.iter()
                    .zip(&names)
                    .map(|(f, n)| format!("({}, {n}.is_none())", literal(&f.wire)))
                    .collect(),
            ),
        };
    let at = BODY_INDENT;
    tuple(&mut out, at, "match ", &head, " {")?;
    // The first arm: its struct literal is broken, so the arm is a block.
    tuple(&mut out, at + 4, "", &some, " => {")?;
    ok(&mut out, at + 8, "")?;
    out.line(at + 4, "}")?;
    // The second arm: `Err(runtime::BuildError::missing("T", &[...]))`, as wide as it needs.
    let array = format!("&[{}]", checks.join(", "));
    let missing = format!(
        "runtime::BuildError::missing({}, {array})",
        literal(type_name)
    );
    let err = format!("Err({missing})");
    let arm = format!("{} => {err}", pattern(&none));
    if fits(at + 4, &arm) {
        out.measured(at + 4, &format!("{arm},"))?;
    } else {
        tuple(&mut out, at + 4, "", &none, " => {")?;
        let at = at + 8;
        if fits(at, &err) {
            out.measured(at, &err)?;
        } else {
            out.line(at, "Err(")?;
            if fits(at + 4, &missing) {
                out.measured(at + 4, &format!("{missing},"))?;
            } else {
                out.line(at + 4, "runtime::BuildError::missing(")?;
                out.line(at + 8, &format!("{},", literal(type_name)))?;
                if fits(at + 8, &array) {
                    out.measured(at + 8, &format!("{array},"))?;
                } else {
                    out.line(at + 8, "&[")?;
                    for check in &checks {
                        out.line(at + 12, &format!("{check},"))?;
                    }
                    out.line(at + 8, "],")?;
                }
                out.line(at + 4, "),")?;
            }
            out.line(at, ")")?;
        }
        out.line(at - 4, "}")?;
    }
    out.line(at, "}")?;
    Some(out.0)
}

/// `impl X { fn builder() }`, the `XBuilder` type, its setters and `build`: inside
/// [`super::docs::deferred`], one text item when [`builder_text`] lays it all out, else item by
/// item (`builder_tokens`).
pub fn builder(type_name: &str, builder_name: &str, fields: &[BuilderField]) -> TokenStream {
    let whole = super::docs::active()
        .then(|| builder_text(type_name, builder_name, fields))
        .flatten();
    super::docs::item(0, whole, || builder_tokens(type_name, builder_name, fields))
}

/// The builder type's doc line.
fn type_doc(type_name: &str, fields: &[BuilderField]) -> String {
    let mut doc = format!(
        " A builder of [`{type_name}`]: one setter per field, named like the field, then \
         [`build`](Self::build)."
    );
    let required: Vec<String> = fields
        .iter()
        .filter(|f| !f.optional)
        .map(|f| format!("`{}`", f.wire))
        .collect();
    if required.is_empty() {
        doc.push_str(" Every field is optional.");
    } else {
        doc.push_str(&format!(" Required: {}.", required.join(", ")));
    }
    doc
}

/// A setter's doc line.
fn setter_doc(f: &BuilderField) -> String {
    format!(
        " Sets {}{}.",
        f.what,
        if f.optional { "" } else { " (required)" }
    )
}

/// `build`'s doc lines.
fn build_doc(type_name: &str, fields: &[BuilderField]) -> Vec<String> {
    let doc = if fields.iter().all(|f| f.optional) {
        format!(" The [`{type_name}`] (never fails: every field is optional).")
    } else {
        format!(
            " The [`{type_name}`].\n\n # Errors\n\n A [`BuildError`](runtime::BuildError) \
             naming every required field that was not set."
        )
    };
    doc.lines().map(str::to_owned).collect()
}

/// `impl X { fn builder() }` as prettyplease prints it at the top level; `None` when its
/// signature would come near the margin.
fn start_text(type_name: &str, builder_name: &str) -> Option<String> {
    let start = format!("    pub fn builder() -> {builder_name} {{");
    (start.len() <= SAFE_WIDTH).then(|| {
        format!(
            "impl {type_name} {{\n    /// Starts a [`{builder_name}`] with every field unset.\n\
             {start}\n        {builder_name}::default()\n    }}\n}}\n"
        )
    })
}

/// `build`'s signature as prettyplease prints it in the builder's `impl` block (its
/// indentation, 4, removed), with its line break: on one line when that line ends by the
/// margin, else the parameter on a line of its own (`pub fn build(\n    self,\n) -> ...`);
/// `None` when even `) -> Result<...> {` would not end by the margin (its type is broken then).
fn build_signature(type_name: &str) -> Option<String> {
    let output = format!("Result<{type_name}, runtime::BuildError> {{");
    let one_line = format!("pub fn build(self) -> {output}");
    if SETTER_INDENT + one_line.len() <= MARGIN {
        return Some(format!("{one_line}\n"));
    }
    let last = format!(") -> {output}");
    (SETTER_INDENT + last.len() <= MARGIN).then(|| format!("pub fn build(\n    self,\n{last}\n"))
}

/// The builder's `impl` block (its setters and `build`) as prettyplease prints it at the top
/// level; `None` when one of its parts is not laid out here.
fn impl_text(type_name: &str, builder_name: &str, fields: &[BuilderField]) -> Option<String> {
    /// Appends `text` (lines without their indentation) indented by `by`.
    fn indented(out: &mut String, by: &str, text: &str) {
        for l in text.split_inclusive('\n') {
            if l != "\n" {
                out.push_str(by);
            }
            out.push_str(l);
        }
    }
    let mut out = String::new();
    push_line(&mut out, 0, "", &format!("impl {builder_name} {{"))?;
    for f in fields {
        let text = setter_text(
            &setter_doc(f),
            &f.setter.to_string(),
            &f.name.to_string(),
            &f.ty,
        )?;
        indented(&mut out, "    ", &text);
    }
    super::docs::push_doc_lines(&mut out, "    ", &build_doc(type_name, fields))?;
    indented(&mut out, "    ", &build_signature(type_name)?);
    indented(&mut out, "        ", &build_body_text(type_name, fields)?);
    out.push_str("    }\n}\n");
    Some(out)
}

/// The whole builder of `builder_tokens` (`impl X { fn builder() }`, the builder type and
/// its `impl` block) as prettyplease prints it at the top level; `None` for a builder with a
/// secret (its own `Debug` impl) or when a part is not laid out here.
pub fn builder_text(
    type_name: &str,
    builder_name: &str,
    fields: &[BuilderField],
) -> Option<String> {
    if fields.iter().any(|f| f.secret) {
        return None;
    }
    let mut out = start_text(type_name, builder_name)?;
    out.push_str(&builder_struct_text(
        &type_doc(type_name, fields),
        builder_name,
        fields,
    )?);
    out.push_str(&impl_text(type_name, builder_name, fields)?);
    Some(out)
}

/// [`builder`]'s tokens, each item laid out as text where its shape allows.
fn builder_tokens(type_name: &str, builder_name: &str, fields: &[BuilderField]) -> TokenStream {
    let ty = ident(type_name);
    let b = ident(builder_name);
    let type_doc = type_doc(type_name, fields);
    let start_doc = format!(" Starts a [`{builder_name}`] with every field unset.");

    let builder_fields = fields.iter().map(|f| {
        let n = &f.name;
        let t = &f.ty;
        quote!(#n: Option<#t>,)
    });
    let setters = fields.iter().map(|f| {
        let n = &f.name;
        let s = &f.setter;
        let t = &f.ty;
        let doc = setter_doc(f);
        let text = super::docs::active()
            .then(|| setter_text(&doc, &s.to_string(), &n.to_string(), t))
            .flatten();
        super::docs::item(SETTER_INDENT, text, || {
            let doc = super::docs::lines(vec![doc]);
            quote! {
                #doc
                #[must_use]
                pub fn #s(mut self, value: impl Into<#t>) -> Self {
                    self.#n = Some(value.into());
                    self
                }
            }
        })
    });

    let body = build_body(type_name, fields);
    let build_doc = super::docs::lines(build_doc(type_name, fields));

    // A builder holding a secret shows `***` for it, as the built type's own `Debug` does.
    let (derive_debug, debug_impl) = if fields.iter().any(|f| f.secret) {
        let shown = fields.iter().map(|f| {
            let n = &f.name;
            let label = n.to_string();
            let label = label.trim_start_matches("r#");
            if f.secret {
                quote!(.field(#label, &self.#n.as_ref().map(|_| "***")))
            } else {
                quote!(.field(#label, &self.#n))
            }
        });
        let impl_ = quote! {
            impl ::std::fmt::Debug for #b {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#builder_name)
                        #(#shown)*
                        .finish()
                }
            }
        };
        (None, Some(impl_))
    } else {
        (Some(quote!(Debug,)), None)
    };

    let start = super::docs::active()
        .then(|| start_text(type_name, builder_name))
        .flatten();
    let start = super::docs::item(0, start, || {
        let start_doc = super::docs::lines(vec![start_doc]);
        quote! {
            impl #ty {
                #start_doc
                pub fn builder() -> #b {
                    #b::default()
                }
            }
        }
    });
    // The builder type: laid out here unless it holds a secret (its own `Debug` impl follows).
    let struct_text = (super::docs::active() && debug_impl.is_none())
        .then(|| builder_struct_text(&type_doc, builder_name, fields))
        .flatten();
    let builder_struct = super::docs::item(0, struct_text, || {
        // Recorded only when the tokens are used (an unused entry refuses the expansion).
        let type_doc = super::docs::lines(vec![type_doc]);
        quote! {
            #type_doc
            #[derive(#derive_debug Clone, Default)]
            pub struct #b {
                #(#builder_fields)*
            }
        }
    });
    quote! {
        #start

        #builder_struct
        #debug_impl

        impl #b {
            #(#setters)*

            #build_doc
            pub fn build(self) -> Result<#ty, runtime::BuildError> {
                #body
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_names_avoid_types_and_each_other() {
        let names = builder_names(["Task", "TaskBuilder", "TaskBuilder2", "Other"]);
        assert_eq!(names["Task"], "TaskBuilder3");
        assert_eq!(names["TaskBuilder"], "TaskBuilderBuilder");
        assert_eq!(names["TaskBuilder2"], "TaskBuilder2Builder");
        assert_eq!(names["Other"], "OtherBuilder");
    }

    /// The setter laid out here is what prettyplease prints for its tokens, on both sides of
    /// the margin, for names and types of every length up to where the layout is refused, raw
    /// identifiers and types with several generic arguments.
    #[test]
    fn setters_laid_out_here_are_what_prettyplease_prints() {
        let types = [
            "X",
            "models::X",
            "Vec<models::X>",
            "Option<Vec<X>>",
            "::std::collections::BTreeMap<String, Vec<models::X>>",
            "::serde_json::Value",
            "Vec<()>",
        ];
        let mut laid_out = 0;
        for base in types {
            for name_len in [1usize, 5, 12, 20, 30, 40, 50, 60] {
                for extra in 0..60 {
                    let ty_text = base.replace('X', &format!("X{}", "y".repeat(extra)));
                    let ty: TokenStream = ty_text.parse().expect("a type");
                    for name in [
                        "a".repeat(name_len),
                        format!("r#type{}", "b".repeat(name_len)),
                    ] {
                        let n: Ident = syn::parse_str(&name).expect("an identifier");
                        let doc = format!(" Sets `{name}` (required).");
                        let Some(text) = setter_text(&doc, &name, &name, &ty) else {
                            continue;
                        };
                        laid_out += 1;
                        let tokens = quote! {
                            impl B {
                                #[doc = #doc]
                                #[must_use]
                                pub fn #n(mut self, value: impl Into<#ty>) -> Self {
                                    self.#n = Some(value.into());
                                    self
                                }
                            }
                        };
                        let printed = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
                        let ours: String = text.lines().map(|l| format!("    {l}\n")).collect();
                        assert_eq!(
                            format!("impl B {{\n{ours}}}\n"),
                            printed,
                            "{name}: {ty_text}"
                        );
                    }
                }
            }
        }
        assert!(laid_out > 1000, "{laid_out}");
    }

    #[test]
    fn types_print_as_prettyplease_prints_them_or_not_at_all() {
        let text = |s: &str| type_text(&s.parse().expect("tokens"));
        assert_eq!(
            text("Vec < models :: X >").as_deref(),
            Some("Vec<models::X>")
        );
        assert_eq!(
            text(":: std :: collections :: BTreeMap < String , u8 >").as_deref(),
            Some("::std::collections::BTreeMap<String, u8>")
        );
        assert_eq!(text("()").as_deref(), Some("()"));
        assert_eq!(text("Vec < () >").as_deref(), Some("Vec<()>"));
        assert_eq!(text("(u8, u8)"), None);
        assert_eq!(text("& 'static str"), None);
        assert_eq!(text("[u8; 4]"), None);
    }

    /// `build()`'s body laid out here is what prettyplease prints for its tokens: with no, one
    /// and several required fields, every kind of field, and type names and field names of
    /// every length on both sides of the margin.
    #[test]
    fn build_bodies_laid_out_here_are_what_prettyplease_prints() {
        let field = |name: &str, optional: bool, boxed: bool, defaulted: bool| BuilderField {
            name: syn::parse_str(name).expect("an identifier"),
            setter: syn::parse_str(name).expect("an identifier"),
            wire: format!("{}-\"wire\"", name.trim_start_matches("r#")),
            ty: quote!(u8),
            optional,
            boxed,
            defaulted,
            secret: false,
            what: String::new(),
        };
        let (mut laid_out, mut near, mut refused) = (0, 0, 0);
        // Every type name length, so that each choice is seen on both sides of the margin.
        for type_len in 0..75 {
            let type_name = format!("T{}", "y".repeat(type_len));
            for name_len in [1usize, 3, 7, 12, 20, 40] {
                let n = |i: usize| format!("f{i}{}", "x".repeat(name_len));
                for required in 0..7 {
                    let mut fields = vec![
                        field(&n(90), true, false, false),
                        field("r#type", true, true, false),
                        field(&n(91), true, false, true),
                    ];
                    for i in 0..required {
                        // The first one's length also varies with the type name's, so that
                        // the `match` head and patterns are seen at every width.
                        let name = match i {
                            0 => format!("{}{}", n(i), "z".repeat(type_len % 13)),
                            _ => n(i),
                        };
                        fields.push(field(&name, false, i % 2 == 1, false));
                    }
                    let Some(text) = build_body_text(&type_name, &fields) else {
                        refused += 1;
                        continue;
                    };
                    laid_out += 1;
                    near += usize::from(text.lines().any(|l| 8 + l.len() > SAFE_WIDTH));
                    let body = build_body_tokens(&type_name, &fields);
                    let tokens = quote! {
                        impl B {
                            pub fn build(self) -> Result<T, runtime::BuildError> {
                                #body
                            }
                        }
                    };
                    let printed = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
                    let ours: String = text.lines().map(|l| format!("        {l}\n")).collect();
                    assert_eq!(
                        format!(
                            "impl B {{\n    pub fn build(self) -> Result<T, runtime::BuildError> \
                             {{\n{ours}    }}\n}}\n"
                        ),
                        printed,
                        "{type_name}, {name_len}, {required}"
                    );
                }
            }
        }
        eprintln!("{laid_out} laid out ({near} with a line past SAFE_WIDTH), {refused} refused");
        assert!(
            laid_out > 1200 && near > 100 && refused > 10,
            "{laid_out} laid out ({near} near the margin), {refused} refused"
        );
    }
    /// A whole builder laid out here (`impl X { fn builder() }`, the builder type, its `impl`
    /// block) is what prettyplease prints for its tokens: for type names of every length, so
    /// that `build`'s signature is seen on one line, broken, and refused, with no, one and
    /// several required fields.
    #[test]
    fn whole_builders_laid_out_here_are_what_prettyplease_prints() {
        let field = |name: &str, optional: bool| BuilderField {
            name: syn::parse_str(name).expect("an identifier"),
            setter: syn::parse_str(name).expect("an identifier"),
            wire: name.trim_start_matches("r#").to_string(),
            ty: quote!(Vec<models::Tag>),
            optional,
            boxed: false,
            defaulted: false,
            secret: false,
            what: format!("`{name}`"),
        };
        let (mut one_line, mut broken, mut refused) = (0, 0, 0);
        for type_len in 0..70 {
            let type_name = format!("T{}", "y".repeat(type_len));
            let builder_name = format!("{type_name}Builder");
            for name_len in [1usize, 8, 20] {
                for required in 0..4 {
                    let mut fields = vec![
                        field(&format!("a{}", "x".repeat(name_len)), true),
                        field("r#type", true),
                    ];
                    for i in 0..required {
                        fields.push(field(&format!("f{i}{}", "x".repeat(name_len)), false));
                    }
                    let Some(text) = builder_text(&type_name, &builder_name, &fields) else {
                        refused += 1;
                        continue;
                    };
                    if text.contains("pub fn build(self)") {
                        one_line += 1;
                    } else {
                        broken += 1;
                    }
                    let tokens = builder_tokens(&type_name, &builder_name, &fields);
                    let printed = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
                    assert_eq!(text, printed, "{type_name}, {name_len}, {required}");
                }
            }
        }
        eprintln!("{one_line} on one line, {broken} broken, {refused} refused");
        assert!(
            one_line > 300 && broken > 150 && refused > 100,
            "{one_line} on one line, {broken} broken, {refused} refused"
        );
    }
}
