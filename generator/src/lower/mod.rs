//! Checking and lowering: `openapiv3::OpenAPI` to the IR.
//!
//! All knowledge of OpenAPI ends here. Lowering resolves `$ref`s, reads the documented vendor
//! extensions (see spec/README.md), rejects what the generator does not support with an error that
//! names the JSON pointer of the node and what to do, and names everything through [`crate::naming`].
//!
//! Where each job lives:
//! - this module: the entry point [`lower`], the `Lowerer` state, error helpers and the order
//!   in which the parts of a spec are lowered;
//! - `refs`: the one `$ref` resolver, for every kind of component;
//! - `schemas`: schemas to named types, shapes and enums;
//! - `operations`: paths and operations, their parameters, request bodies and responses;
//! - `extensions`: every vendor extension (`x-crate`, `x-region` and servers, auth with
//!   `x-signing`/`x-credential-env`/`x-value-schema`, `x-enum-descriptions`, `x-required-when`,
//!   `x-client-config`), each parsed in one place.

mod extensions;
mod operations;
mod refs;
mod schemas;

use crate::error::{Error, SpecError};
use crate::ir::*;
use crate::naming::Deduper;
use crate::Options;
use extensions::PendingRule;
use openapiv3 as oa;
use std::collections::{BTreeMap, BTreeSet};

/// Lowers a parsed spec into the IR, or reports every problem found: each independent part
/// (server, security scheme, component schema, operation, `x-required-when` rule) is lowered on
/// its own, so one broken part does not hide the problems of the others.
pub fn lower(doc: &oa::OpenAPI, options: &Options) -> std::result::Result<Api, Error> {
    let mut l = Lowerer {
        doc,
        file: &options.spec_name,
        types: BTreeMap::new(),
        component_names: BTreeMap::new(),
        type_names: Deduper::with_reserved(crate::naming::PRELUDE),
        pending_rules: Vec::new(),
        inlining: Vec::new(),
        schemes: Vec::new(),
        settings: Vec::new(),
        errors: Vec::new(),
    };
    let api = l.run(options);
    let mut errors = std::mem::take(&mut l.errors);
    if let Some(api) = &api {
        errors.extend(crate::lower_checks::check(api, &options.spec_name));
    }
    match api {
        Some(api) if errors.is_empty() => Ok(api),
        _ => Err(Error::Spec(errors)),
    }
}

type Result<T> = std::result::Result<T, SpecError>;

/// The state of one lowering run. Its methods are spread over the submodules by job.
struct Lowerer<'a> {
    doc: &'a oa::OpenAPI,
    file: &'a str,
    /// Named types by Rust name.
    types: BTreeMap<String, TypeDef>,
    /// Component schema name -> Rust type name (only for schemas that become named types).
    component_names: BTreeMap<String, String>,
    type_names: Deduper,
    /// `x-required-when` rules waiting for every type to exist.
    pending_rules: Vec<PendingRule>,
    /// Component schemas being inlined (cycle guard for `$ref`s to non-object schemas).
    inlining: Vec<String>,
    /// The security schemes, lowered before the operations that name them.
    schemes: Vec<AuthScheme>,
    /// The names of the client settings, lowered before the parameters bound to them.
    settings: Vec<String>,
    /// The errors found so far; lowering goes on past each to find the others.
    errors: Vec<SpecError>,
}

/// The JSON pointer of a child node: `base/token`, with the token escaped.
fn ptr(base: &str, token: &str) -> String {
    crate::error::child_pointer(base, token)
}

/// A trimmed, non-empty text.
fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl<'a> Lowerer<'a> {
    /// Records an error; lowering goes on with the next independent part.
    fn report(&mut self, e: SpecError) {
        self.errors.push(e);
    }

    /// The value of a lowered part, or `None` with its error recorded.
    fn collect<T>(&mut self, r: Result<T>) -> Option<T> {
        r.map_err(|e| self.report(e)).ok()
    }

    fn err(&self, pointer: impl Into<String>, message: impl Into<String>) -> SpecError {
        SpecError::new(self.file, pointer, message)
    }

    fn err_hint(
        &self,
        pointer: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> SpecError {
        SpecError {
            hint: Some(hint.into()),
            ..self.err(pointer, message)
        }
    }

    /// Lowers the parts of the spec in dependency order: the crate identity, servers, security
    /// schemes and client settings (which operations refer to), the component schemas (which
    /// take their type names first), the operations, then what needs every type to exist
    /// (`x-required-when`). A part that fails is recorded and left out, and the run goes on:
    /// the API is `None` only when a part the others need failed (the crate identity).
    fn run(&mut self, options: &Options) -> Option<Api> {
        let krate = self.crate_info(options);
        let krate = self.collect(krate);
        let servers = self.servers();
        let (regions, default_region, default_server) = self.collect(servers).unwrap_or_default();
        let auth = self.auth();
        let auth = self.collect(auth).unwrap_or_default();
        let security = self.security_requirement(
            self.doc.security.as_deref().unwrap_or_default(),
            "#/security",
            &auth,
        );
        let security = self.collect(security).unwrap_or_default();
        self.schemes = auth.clone();
        let client = krate
            .as_ref()
            .map(|krate| self.client_info(krate, !regions.is_empty()));
        let client = client.and_then(|c| self.collect(c));
        if let Some(client) = &client {
            self.settings = client.settings.iter().map(|s| s.name.clone()).collect();
        }
        let schemas = self.component_schemas();
        self.collect(schemas);
        let operations = self.operations();
        let operations = self.collect(operations).unwrap_or_default();
        let rules = self.resolve_rules();
        self.collect(rules);
        let finished = self.finish_types();
        self.collect(finished);

        let mut types: Vec<TypeDef> = std::mem::take(&mut self.types).into_values().collect();
        mark_usage(&mut types, &operations);

        Some(Api {
            krate: krate?,
            title: self.doc.info.title.clone(),
            description: non_empty(&self.doc.info.description),
            api_version: self.doc.info.version.clone(),
            types,
            operations,
            regions,
            default_region,
            default_server,
            auth,
            security,
            client: client?,
        })
    }
}

/// Marks which types are reachable from requests and from responses.
fn mark_usage(types: &mut [TypeDef], operations: &[Operation]) {
    fn walk(ty: &TypeRef, types: &[TypeDef], seen: &mut BTreeSet<String>) {
        match ty {
            TypeRef::Array(item) | TypeRef::Map(item) => walk(&item.ty, types, seen),
            TypeRef::Named(n) if seen.insert(n.clone()) => {
                let found = types.binary_search_by(|t| t.rust_name.as_str().cmp(n));
                match found.ok().map(|i| &types[i].kind) {
                    Some(TypeKind::Struct(s)) => {
                        for f in &s.fields {
                            walk(&f.shape.ty, types, seen);
                        }
                        if let Some(a) = &s.additional {
                            walk(&a.value.ty, types, seen);
                        }
                    }
                    Some(TypeKind::Union(u)) => {
                        for v in &u.variants {
                            walk(&v.shape.ty, types, seen);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let mut request = BTreeSet::new();
    let mut response = BTreeSet::new();
    for op in operations {
        for p in &op.params {
            walk(&p.shape.ty, types, &mut request);
        }
        if let Some(b) = &op.body {
            walk(&b.ty, types, &mut request);
            if let BodyKind::Multipart(form) = &b.kind {
                for part in &form.parts {
                    if let PartKind::Text(shape) | PartKind::Json(shape) = &part.kind {
                        walk(&shape.ty, types, &mut request);
                    }
                }
            }
        }
        for r in &op.responses {
            if let Some(b) = &r.body {
                walk(b, types, &mut response);
            }
            for h in &r.headers {
                walk(&h.shape.ty, types, &mut response);
            }
        }
    }
    for t in types.iter_mut() {
        t.usage = Usage {
            request: request.contains(&t.rust_name),
            response: response.contains(&t.rust_name),
        };
    }
}
