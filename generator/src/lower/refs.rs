//! `$ref` resolution: one rule for every kind of component.
//!
//! A `$ref` may point at `#/components/{section}/{Name}` of its own kind only: a parameter at a
//! parameter, a response at a response. A component that is itself a `$ref` is followed. Every
//! failure is a [`SpecError`] at the pointer of the `$ref` that fails, saying why: it is not
//! local, it points at another kind of component or inside one, there is no such component, or
//! the references go round in a cycle.

use super::{ptr, Lowerer, Result};
use crate::error::SpecError;
use indexmap::IndexMap;
use openapiv3 as oa;
use openapiv3::ReferenceOr;

/// A kind of component that a `$ref` can point at.
pub(super) trait Component: Sized {
    /// The key under `components`, as written in a `$ref` (`requestBodies`).
    const SECTION: &'static str;
    /// What messages call one (`request body`).
    const KIND: &'static str;
    /// The spec's components of this kind.
    fn section(components: &oa::Components) -> &IndexMap<String, ReferenceOr<Self>>;
}

macro_rules! component {
    ($ty:ty, $field:ident, $section:literal, $kind:literal) => {
        impl Component for $ty {
            const SECTION: &'static str = $section;
            const KIND: &'static str = $kind;
            fn section(components: &oa::Components) -> &IndexMap<String, ReferenceOr<Self>> {
                &components.$field
            }
        }
    };
}

component!(oa::Schema, schemas, "schemas", "schema");
component!(oa::Parameter, parameters, "parameters", "parameter");
component!(
    oa::RequestBody,
    request_bodies,
    "requestBodies",
    "request body"
);
component!(oa::Response, responses, "responses", "response");
component!(oa::Header, headers, "headers", "header");
component!(
    oa::SecurityScheme,
    security_schemes,
    "securitySchemes",
    "security scheme"
);

/// A node after following its `$ref`s.
#[derive(Debug)]
pub(super) struct Resolved<'r, T> {
    /// The item itself.
    pub item: &'r T,
    /// The JSON pointer of the item: where it is written, which for a `$ref` is the component.
    pub pointer: String,
    /// The name of the component the item is, when it was reached through a `$ref` (the last
    /// one, for a chain).
    pub component: Option<String>,
}

impl<'a> Lowerer<'a> {
    /// Follows `node`'s `$ref`s, if any, to the item. `at` is the pointer of `node`.
    pub(super) fn resolve<'r, T: Component>(
        &self,
        node: &'r ReferenceOr<T>,
        at: &str,
    ) -> Result<Resolved<'r, T>>
    where
        'a: 'r,
    {
        let mut node = node;
        let mut pointer = at.to_string();
        let mut chain: Vec<String> = Vec::new();
        loop {
            let reference = match node {
                ReferenceOr::Item(item) => {
                    return Ok(Resolved {
                        item,
                        pointer,
                        component: chain.pop(),
                    })
                }
                ReferenceOr::Reference { reference } => reference,
            };
            let ref_at = ptr(&pointer, "$ref");
            let name = self.component_name::<T>(reference, &ref_at)?;
            if chain.contains(&name) {
                chain.push(name);
                return Err(self.err_hint(
                    ref_at,
                    format!(
                        "$ref {reference:?} is part of a cycle of references ({})",
                        chain.join(" -> ")
                    ),
                    format!("make one of these {} a definition, not a $ref", T::SECTION),
                ));
            }
            let target = self
                .doc
                .components
                .as_ref()
                .and_then(|c| T::section(c).get(&name))
                .ok_or_else(|| {
                    self.err_hint(
                        &ref_at,
                        format!(
                            "$ref {reference:?} does not resolve: there is no {} {name:?}",
                            T::KIND
                        ),
                        format!("define it under components.{} or fix the name", T::SECTION),
                    )
                })?;
            pointer = ptr(&format!("#/components/{}", T::SECTION), &name);
            chain.push(name);
            node = target;
        }
    }

    /// The component name a `$ref` names (pointer escapes undone), or why it names none.
    fn component_name<T: Component>(&self, reference: &str, at: &str) -> Result<String> {
        let expected = format!("#/components/{}/", T::SECTION);
        let hint = || format!("reference a {} as {expected}Name", T::KIND);
        let fail = |message: String| -> SpecError { self.err_hint(at, message, hint()) };
        if let Some(name) = reference.strip_prefix(&expected) {
            if name.contains('/') {
                return Err(fail(format!(
                    "unsupported $ref {reference:?}: it points inside a {}",
                    T::KIND
                )));
            }
            return Ok(name.replace("~1", "/").replace("~0", "~"));
        }
        if !reference.starts_with('#') {
            return Err(fail(format!(
                "unsupported $ref {reference:?}: only references within the spec are supported"
            )));
        }
        let other = reference
            .strip_prefix("#/components/")
            .and_then(|rest| rest.split_once('/'))
            .map(|(section, _)| section);
        Err(fail(match other {
            Some(section) => format!(
                "unsupported $ref {reference:?}: a {} is expected here, not one of components.{section}",
                T::KIND
            ),
            None => format!("unsupported $ref {reference:?}"),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::Deduper;
    use std::collections::BTreeMap;

    fn doc(components: &str) -> oa::OpenAPI {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n{components}"
        );
        serde_yaml::from_str(&text).unwrap()
    }

    fn with_lowerer<R>(doc: &oa::OpenAPI, f: impl FnOnce(&Lowerer<'_>) -> R) -> R {
        let l = Lowerer {
            doc,
            file: "spec.yaml",
            types: BTreeMap::new(),
            component_names: BTreeMap::new(),
            type_names: Deduper::default(),
            pending_rules: Vec::new(),
            inlining: Vec::new(),
            schemes: Vec::new(),
            settings: Vec::new(),
            errors: Vec::new(),
        };
        f(&l)
    }

    fn reference<T>(r: &str) -> ReferenceOr<T> {
        ReferenceOr::Reference {
            reference: r.to_string(),
        }
    }

    const COMPONENTS: &str = "  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
    Alias: {$ref: '#/components/parameters/Limit'}
    Loop1: {$ref: '#/components/parameters/Loop2'}
    Loop2: {$ref: '#/components/parameters/Loop1'}
  headers:
    X-Rate~Limit/Left: {schema: {type: integer}}
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
";

    #[test]
    fn items_and_references_resolve_to_the_item_and_its_pointer() {
        let d = doc(COMPONENTS);
        with_lowerer(&d, |l| {
            let inline = &d.components.as_ref().unwrap().schemas["Pet"];
            let r = l.resolve(inline, "#/x").unwrap();
            assert_eq!((r.pointer.as_str(), r.component), ("#/x", None));

            let node = reference::<oa::Parameter>("#/components/parameters/Limit");
            let r = l.resolve(&node, "#/p/0").unwrap();
            assert_eq!(r.pointer, "#/components/parameters/Limit");
            assert_eq!(r.component.as_deref(), Some("Limit"));
            assert_eq!(r.item.parameter_data_ref().name, "limit");

            // A chain is followed to the definition.
            let node = reference::<oa::Parameter>("#/components/parameters/Alias");
            let r = l.resolve(&node, "#/p/0").unwrap();
            assert_eq!(r.pointer, "#/components/parameters/Limit");
            assert_eq!(r.component.as_deref(), Some("Limit"));

            // Pointer escapes are undone in the name and redone in the pointer.
            let node = reference::<oa::Header>("#/components/headers/X-Rate~0Limit~1Left");
            let r = l.resolve(&node, "#/h").unwrap();
            assert_eq!(r.component.as_deref(), Some("X-Rate~Limit/Left"));
            assert_eq!(r.pointer, "#/components/headers/X-Rate~0Limit~1Left");
        });
    }

    #[test]
    fn failures_name_the_ref_and_the_reason() {
        let d = doc(COMPONENTS);
        with_lowerer(&d, |l| {
            let fail = |r: &str| -> SpecError {
                let node = reference::<oa::Parameter>(r);
                l.resolve(&node, "#/p/0").unwrap_err()
            };
            let e = fail("#/components/parameters/Missing");
            assert_eq!(e.pointer, "#/p/0/$ref");
            assert!(
                e.message.contains("there is no parameter \"Missing\""),
                "{e}"
            );
            assert_eq!(
                e.hint.as_deref(),
                Some("define it under components.parameters or fix the name")
            );

            let e = fail("other.yaml#/components/parameters/Limit");
            assert!(e.message.contains("only references within the spec"), "{e}");

            let e = fail("#/components/schemas/Pet");
            assert!(
                e.message
                    .contains("a parameter is expected here, not one of components.schemas"),
                "{e}"
            );

            let e = fail("#/components/parameters/Limit/schema");
            assert!(e.message.contains("points inside a parameter"), "{e}");

            let e = fail("#/paths/x");
            assert_eq!(e.message, "unsupported $ref \"#/paths/x\"");
            assert_eq!(
                e.hint.as_deref(),
                Some("reference a parameter as #/components/parameters/Name")
            );

            // A cycle is reported at the $ref that closes it, with the chain.
            let e = fail("#/components/parameters/Loop1");
            assert_eq!(e.pointer, "#/components/parameters/Loop2/$ref");
            assert!(e.message.contains("(Loop1 -> Loop2 -> Loop1)"), "{e}");
        });
    }
}
