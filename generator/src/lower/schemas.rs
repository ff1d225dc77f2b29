//! Schemas to IR types: component schemas and inline objects and enums become named types
//! ([`TypeDef`]); everything else becomes a [`Shape`] (a type and the constraints on its values).

use super::{non_empty, ptr, Lowerer, Result};
use crate::error::SpecError;
use crate::ir::*;
use crate::naming::{self, Deduper};
use openapiv3 as oa;
use openapiv3::ReferenceOr;
use serde_json::Value;
use std::collections::BTreeSet;

impl<'a> Lowerer<'a> {
    /// Lowers `components.schemas`. Component schemas that become named types take their names
    /// first, in spec order, so a synthesised name never steals a name the spec chose.
    pub(super) fn component_schemas(&mut self) -> Result<()> {
        let Some(components) = &self.doc.components else {
            return Ok(());
        };
        for (name, schema) in &components.schemas {
            let pointer = ptr("#/components/schemas", name);
            if let ReferenceOr::Item(schema) = schema {
                if becomes_named_type(schema) {
                    let rust = self.type_name(naming::type_name(name), is_struct(schema));
                    if rust.starts_with("r#") {
                        return Err(self.err(pointer, "schema name is not usable as a type"));
                    }
                    self.component_names.insert(name.clone(), rust);
                }
            }
        }
        for (name, schema) in &components.schemas {
            let pointer = ptr("#/components/schemas", name);
            match schema {
                ReferenceOr::Item(schema) => {
                    // Each schema on its own: an error is recorded and the next one lowered.
                    let lowered = if let Some(rust) = self.component_names.get(name).cloned() {
                        self.named_type(&rust, name, schema, &pointer)
                    } else {
                        // Not an object or enum: lowered where it is referenced. Lower it once
                        // here too, so its errors are reported even when it is unused.
                        self.shape(schema, &pointer, name).map(|_| ())
                    };
                    self.collect(lowered);
                }
                ReferenceOr::Reference { .. } => self.report(self.err_hint(
                    pointer,
                    "a component schema that is only a $ref is not supported",
                    "reference the target schema directly",
                )),
            }
        }
        Ok(())
    }

    /// Lowers an object or enum schema into a named type.
    fn named_type(
        &mut self,
        rust_name: &str,
        wire_name: &str,
        schema: &oa::Schema,
        pointer: &str,
    ) -> Result<()> {
        let docs = non_empty(&schema.schema_data.description)
            .or_else(|| non_empty(&schema.schema_data.title));
        let kind = match &schema.schema_kind {
            oa::SchemaKind::OneOf { one_of } => TypeKind::Union(self.union_def(
                rust_name,
                schema,
                one_of,
                UnionKeyword::OneOf,
                pointer,
            )?),
            oa::SchemaKind::AnyOf { any_of } => TypeKind::Union(self.union_def(
                rust_name,
                schema,
                any_of,
                UnionKeyword::AnyOf,
                pointer,
            )?),
            _ if is_struct(schema) => {
                let mut parts = ObjectParts::default();
                self.gather(&mut parts, schema, pointer, &mut Vec::new())?;
                TypeKind::Struct(self.struct_def(rust_name, parts, schema, pointer)?)
            }
            oa::SchemaKind::Type(oa::Type::String(s)) => {
                let values = s
                    .enumeration
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        v.clone().ok_or_else(|| {
                            self.err_hint(
                                ptr(&ptr(pointer, "enum"), &i.to_string()),
                                "null in an enum is not supported",
                                "use `nullable: true` instead",
                            )
                        })
                    })
                    .collect::<Result<Vec<String>>>()?;
                let descriptions = self.enum_descriptions(schema, pointer)?;
                let mut dedupe = Deduper::with_reserved(&["Unknown"]);
                let mut seen = BTreeSet::new();
                let mut variants = Vec::new();
                for (i, v) in values.into_iter().enumerate() {
                    if !seen.insert(v.clone()) {
                        return Err(self.err(
                            ptr(&ptr(pointer, "enum"), &i.to_string()),
                            format!("enum value {v:?} is listed twice"),
                        ));
                    }
                    variants.push(EnumVariant {
                        rust_name: dedupe.unique(naming::variant_name(&v), ""),
                        docs: descriptions.get(&v).cloned(),
                        value: v,
                    });
                }
                TypeKind::StringEnum(StringEnumDef { variants })
            }
            oa::SchemaKind::Type(oa::Type::Integer(it)) => {
                let descriptions = self.enum_descriptions(schema, pointer)?;
                let mut dedupe = Deduper::with_reserved(&["Unknown"]);
                let mut seen = BTreeSet::new();
                let mut variants = Vec::new();
                for (i, v) in it.enumeration.iter().enumerate() {
                    let at = ptr(&ptr(pointer, "enum"), &i.to_string());
                    let v = v.ok_or_else(|| {
                        self.err_hint(
                            at.clone(),
                            "null in an enum is not supported",
                            "use `nullable: true` instead",
                        )
                    })?;
                    if !seen.insert(v) {
                        return Err(self.err(at, format!("enum value {v} is listed twice")));
                    }
                    let label = if v < 0 {
                        format!("minus {}", v.unsigned_abs())
                    } else {
                        v.to_string()
                    };
                    variants.push(EnumVariant {
                        rust_name: dedupe.unique(naming::variant_name(&label), ""),
                        docs: descriptions.get(&v.to_string()).cloned(),
                        value: v,
                    });
                }
                TypeKind::IntEnum(IntEnumDef {
                    format: int_format(&it.format),
                    variants,
                })
            }
            _ => return Err(self.err(pointer, "internal: not an object or enum schema")),
        };
        self.types.insert(
            rust_name.to_string(),
            TypeDef {
                rust_name: rust_name.to_string(),
                wire_name: wire_name.to_string(),
                origin: pointer.to_string(),
                docs,
                kind,
                usage: Usage::default(),
            },
        );
        Ok(())
    }

    /// Adds the properties of an object schema, or of every member of an `allOf`, to `parts`.
    /// `visiting` holds the component schemas being merged (a cycle of `allOf`s is an error).
    fn gather(
        &self,
        parts: &mut ObjectParts,
        schema: &oa::Schema,
        pointer: &str,
        visiting: &mut Vec<String>,
    ) -> Result<()> {
        match &schema.schema_kind {
            oa::SchemaKind::Type(oa::Type::Object(o)) => self.add_object(
                parts,
                &o.properties,
                &o.required,
                &o.additional_properties,
                (o.min_properties, o.max_properties),
                pointer,
            ),
            oa::SchemaKind::AllOf { all_of } => {
                self.gather_all_of(parts, all_of, pointer, visiting)
            }
            oa::SchemaKind::Any(a) if any_is_object(a) => {
                self.add_object(
                    parts,
                    &a.properties,
                    &a.required,
                    &a.additional_properties,
                    (a.min_properties, a.max_properties),
                    pointer,
                )?;
                self.gather_all_of(parts, &a.all_of, pointer, visiting)
            }
            _ => Err(self.err_hint(
                pointer,
                "an allOf member must be an object schema or a $ref to one",
                "merge the other keywords into the object schema itself",
            )),
        }
    }

    fn gather_all_of(
        &self,
        parts: &mut ObjectParts,
        members: &[ReferenceOr<oa::Schema>],
        pointer: &str,
        visiting: &mut Vec<String>,
    ) -> Result<()> {
        for (i, member) in members.iter().enumerate() {
            let at = ptr(&ptr(pointer, "allOf"), &i.to_string());
            let target = self.resolve(member, &at)?;
            if let Some(name) = &target.component {
                if visiting.contains(name) {
                    return Err(self.err_hint(
                        ptr(&at, "$ref"),
                        format!("allOf member {name:?} contains the schema being merged"),
                        "an object cannot be merged into itself; remove the cycle of allOf",
                    ));
                }
                visiting.push(name.clone());
            }
            self.gather(parts, target.item, &target.pointer, visiting)?;
            if target.component.is_some() {
                visiting.pop();
            }
        }
        Ok(())
    }

    fn add_object(
        &self,
        parts: &mut ObjectParts,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<oa::Schema>>>,
        required: &[String],
        additional: &Option<oa::AdditionalProperties>,
        (min, max): (Option<usize>, Option<usize>),
        pointer: &str,
    ) -> Result<()> {
        for (wire, prop) in properties {
            let at = ptr(&ptr(pointer, "properties"), wire);
            let prop = unbox(prop);
            if let Some((_, earlier, earlier_at)) =
                parts.properties.iter().find(|(w, _, _)| w == wire)
            {
                if *earlier != prop {
                    return Err(self.err_hint(
                        at,
                        format!(
                            "property {wire:?} is also defined at {earlier_at} with a different schema"
                        ),
                        "define a property once (or identically) across the members of an allOf",
                    ));
                }
                continue;
            }
            parts.properties.push((wire.clone(), prop, at));
        }
        for (i, r) in required.iter().enumerate() {
            parts
                .required
                .push((r.clone(), ptr(&ptr(pointer, "required"), &i.to_string())));
        }
        match additional {
            None | Some(oa::AdditionalProperties::Any(false)) => {}
            Some(a) => {
                let at = ptr(pointer, "additionalProperties");
                if let Some((earlier, earlier_at)) = &parts.additional {
                    if earlier != a {
                        return Err(self.err_hint(
                            at,
                            format!("additionalProperties differs from the one at {earlier_at}"),
                            "give additionalProperties in one member of the allOf only",
                        ));
                    }
                } else {
                    parts.additional = Some((a.clone(), at));
                }
            }
        }
        let (min, max) = (min.map(|n| n as u64), max.map(|n| n as u64));
        parts.min_properties = parts.min_properties.max(min);
        parts.max_properties = match (parts.max_properties, max) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Ok(())
    }

    fn struct_def(
        &mut self,
        rust_name: &str,
        parts: ObjectParts,
        schema: &oa::Schema,
        pointer: &str,
    ) -> Result<StructDef> {
        for (r, at) in &parts.required {
            if !parts.properties.iter().any(|(w, _, _)| w == r) {
                return Err(self.err_hint(
                    at,
                    format!("required property {r:?} is not defined in properties"),
                    "add it to properties or remove it from required",
                ));
            }
        }
        if let (Some(min), Some(max)) = (parts.min_properties, parts.max_properties) {
            if min > max {
                return Err(self.err(
                    ptr(pointer, "minProperties"),
                    format!(
                        "minProperties {min} is greater than maxProperties {max}: no value can satisfy it"
                    ),
                ));
            }
        }
        let mut dedupe = Deduper::default();
        let mut fields = Vec::new();
        for (wire, prop, at) in &parts.properties {
            let shape = self.shape_ref(prop, at, &format!("{rust_name} {wire}"))?;
            let (docs, default) = self.docs_and_default(prop, at);
            let rust_name = dedupe.unique(naming::field_name(wire), "_");
            fields.push(Field {
                setter: naming::setter_name(&rust_name),
                rust_name,
                wire_name: wire.clone(),
                docs,
                shape,
                required: parts.required.iter().any(|(r, _)| r == wire),
                default,
                boxed: false,
            });
        }
        let additional = match &parts.additional {
            None => None,
            Some((a, at)) => {
                let value = match a {
                    oa::AdditionalProperties::Schema(s) => {
                        self.shape_ref(s, at, &format!("{rust_name} value"))?
                    }
                    oa::AdditionalProperties::Any(_) => any_shape(),
                };
                Some(Box::new(AdditionalProperties {
                    rust_name: dedupe.unique("additional_properties".to_string(), "_"),
                    value,
                }))
            }
        };
        self.defer_required_when(rust_name, schema, pointer);
        Ok(StructDef {
            fields,
            rules: Vec::new(),
            additional,
            min_properties: parts.min_properties,
            max_properties: parts.max_properties,
        })
    }

    /// A `oneOf`/`anyOf` schema. With a `discriminator`, every alternative must be a `$ref` to an
    /// object schema; its tags are the `mapping` keys that name it, or its schema name.
    fn union_def(
        &mut self,
        rust_name: &str,
        schema: &oa::Schema,
        members: &[ReferenceOr<oa::Schema>],
        keyword: UnionKeyword,
        pointer: &str,
    ) -> Result<UnionDef> {
        let key = match keyword {
            UnionKeyword::OneOf => "oneOf",
            UnionKeyword::AnyOf => "anyOf",
        };
        if members.is_empty() {
            return Err(self.err(
                ptr(pointer, key),
                format!("`{key}` needs at least one alternative"),
            ));
        }
        let disc = schema.schema_data.discriminator.as_ref();
        let disc_at = ptr(pointer, "discriminator");
        let mut dedupe = Deduper::with_reserved(&["Unknown"]);
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut tagged: Vec<String> = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let at = ptr(&ptr(pointer, key), &i.to_string());
            let shape = self.shape_ref(member, &at, &format!("{rust_name} option {}", i + 1))?;
            let component = match member {
                ReferenceOr::Reference { .. } => self.resolve(member, &at)?.component,
                ReferenceOr::Item(_) => None,
            };
            let base = match (&component, &shape.ty) {
                (Some(_), TypeRef::Named(n)) => n.clone(),
                (Some(c), _) => naming::type_name(c),
                (None, ty) => kind_word(ty).to_string(),
            };
            let mut tags = Vec::new();
            if let Some(d) = disc {
                let target = component.as_ref().and_then(|c| {
                    let schema = self.doc.components.as_ref()?.schemas.get(c)?;
                    let ReferenceOr::Item(schema) = schema else {
                        return None;
                    };
                    is_struct(schema).then_some(c)
                });
                let Some(c) = target else {
                    return Err(self.err_hint(
                        at,
                        "with a discriminator, every alternative must be a $ref to an object schema",
                        "move the alternative under components.schemas and reference it",
                    ));
                };
                for (value, to) in &d.mapping {
                    let name = to.strip_prefix("#/components/schemas/").unwrap_or(to);
                    if name.replace("~1", "/").replace("~0", "~") == *c {
                        tags.push(value.clone());
                    }
                }
                if tags.is_empty() {
                    tags.push(c.clone());
                }
                for t in &tags {
                    if tagged.contains(t) {
                        return Err(self.err(
                            at,
                            format!("discriminator value {t:?} selects two alternatives"),
                        ));
                    }
                    tagged.push(t.clone());
                }
            }
            variants.push(UnionVariant {
                rust_name: dedupe.unique(base, ""),
                tags,
                shape,
                boxed: false,
            });
        }
        if let Some(d) = disc {
            for (value, to) in &d.mapping {
                if !tagged.contains(value) {
                    return Err(self.err_hint(
                        ptr(&ptr(&disc_at, "mapping"), value),
                        format!("mapping {value:?} -> {to:?} names no alternative of the `{key}`"),
                        format!("map each value to one of the schemas the `{key}` lists"),
                    ));
                }
            }
        }
        Ok(UnionDef {
            keyword,
            discriminator: disc.map(|d| d.property_name.clone()),
            variants,
        })
    }

    /// The description and default of a schema; for a `$ref`, those of the component it points
    /// at (OpenAPI 3.0 ignores the siblings of a `$ref`, so the component documents the use).
    /// Call after [`Self::shape_ref`], which reports a `$ref` that does not resolve.
    pub(super) fn docs_and_default(
        &self,
        schema: &ReferenceOr<oa::Schema>,
        pointer: &str,
    ) -> (Option<String>, Option<Value>) {
        match self.resolve(schema, pointer) {
            Ok(target) => (
                non_empty(&target.item.schema_data.description),
                target.item.schema_data.default.clone(),
            ),
            Err(_) => (None, None),
        }
    }

    /// Lowers a schema or a `$ref` to one. A `$ref` to a named type is that type; a `$ref` to any
    /// other component schema is inlined.
    pub(super) fn shape_ref(
        &mut self,
        schema: &ReferenceOr<oa::Schema>,
        pointer: &str,
        context: &str,
    ) -> Result<Shape> {
        let target = self.resolve(schema, pointer)?;
        let (ReferenceOr::Reference { reference }, Some(name)) = (schema, target.component) else {
            return self.shape(target.item, pointer, context);
        };
        if let Some(rust) = self.component_names.get(&name) {
            return Ok(Shape {
                ty: TypeRef::Named(rust.clone()),
                nullable: false,
                constraints: Constraints::default(),
            });
        }
        // A primitive or array component schema: inline its shape.
        if self.inlining.contains(&name) {
            return Err(self.err(
                ptr(pointer, "$ref"),
                format!("$ref {reference:?} refers to itself through non-object schemas"),
            ));
        }
        self.inlining.push(name.clone());
        let result = self.shape(target.item, &target.pointer, &name);
        self.inlining.pop();
        result
    }

    /// Lowers an inline schema. Inline objects and enums become synthesised named types called
    /// after `context` (`{Parent} {property}`).
    pub(super) fn shape(
        &mut self,
        schema: &oa::Schema,
        pointer: &str,
        context: &str,
    ) -> Result<Shape> {
        let data = &schema.schema_data;
        let mut constraints = Constraints::default();
        let ty = match &schema.schema_kind {
            oa::SchemaKind::Type(oa::Type::String(s)) if !s.enumeration.is_empty() => {
                TypeRef::Named(self.synthesise(schema, pointer, context)?)
            }
            oa::SchemaKind::Type(oa::Type::Integer(i)) if !i.enumeration.is_empty() => {
                TypeRef::Named(self.synthesise(schema, pointer, context)?)
            }
            oa::SchemaKind::Type(oa::Type::Object(o)) if !o.properties.is_empty() => {
                TypeRef::Named(self.synthesise(schema, pointer, context)?)
            }
            oa::SchemaKind::Type(oa::Type::Object(o)) => self.object_without_properties(
                (&o.additional_properties, o.min_properties, o.max_properties),
                &mut constraints,
                pointer,
                context,
            )?,
            // Untyped, with only object keywords (`additionalProperties`, property counts).
            oa::SchemaKind::Any(a)
                if any_is_object(a)
                    && a.typ.is_none()
                    && a.required.is_empty()
                    && (a.additional_properties.is_some()
                        || a.min_properties.is_some()
                        || a.max_properties.is_some()) =>
            {
                self.object_without_properties(
                    (&a.additional_properties, a.min_properties, a.max_properties),
                    &mut constraints,
                    pointer,
                    context,
                )?
            }
            oa::SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                // `allOf` of one schema (often written to add `nullable` to a $ref): that schema.
                let inner =
                    self.shape_ref(&all_of[0], &ptr(&ptr(pointer, "allOf"), "0"), context)?;
                return Ok(Shape {
                    nullable: inner.nullable || data.nullable,
                    ..inner
                });
            }
            oa::SchemaKind::AllOf { .. }
            | oa::SchemaKind::OneOf { .. }
            | oa::SchemaKind::AnyOf { .. } => {
                TypeRef::Named(self.synthesise(schema, pointer, context)?)
            }
            oa::SchemaKind::Any(a) if any_is_struct(a) => {
                TypeRef::Named(self.synthesise(schema, pointer, context)?)
            }
            oa::SchemaKind::Type(oa::Type::String(s)) => {
                constraints.min_length = s.min_length.map(|n| n as u64);
                constraints.max_length = s.max_length.map(|n| n as u64);
                if let Some(pattern) = &s.pattern {
                    // The generated crate checks patterns with the regex crate: a pattern it
                    // cannot compile is a spec error now, not a failure at request time.
                    if let Err(e) = regex::Regex::new(pattern) {
                        return Err(self.err_hint(
                            ptr(pointer, "pattern"),
                            format!("pattern {pattern:?} is not supported: {e}"),
                            "use the regex syntax the `regex` crate accepts (no look-around or back-references)",
                        ));
                    }
                }
                constraints.pattern = s.pattern.clone();
                let format = match &s.format {
                    oa::VariantOrUnknownOrEmpty::Item(f) => Some(
                        match f {
                            oa::StringFormat::Date => "date",
                            oa::StringFormat::DateTime => "date-time",
                            oa::StringFormat::Password => "password",
                            oa::StringFormat::Byte => "byte",
                            // In a JSON document a binary string is still a string; bodies
                            // of other media types decide what `binary` means for them.
                            oa::StringFormat::Binary => "binary",
                        }
                        .to_string(),
                    ),
                    oa::VariantOrUnknownOrEmpty::Unknown(f) => Some(f.clone()),
                    oa::VariantOrUnknownOrEmpty::Empty => None,
                };
                TypeRef::String { format }
            }
            oa::SchemaKind::Type(oa::Type::Integer(i)) => {
                constraints.minimum = i.minimum.map(|v| Bound {
                    value: Num::Int(v),
                    exclusive: i.exclusive_minimum,
                });
                constraints.maximum = i.maximum.map(|v| Bound {
                    value: Num::Int(v),
                    exclusive: i.exclusive_maximum,
                });
                constraints.multiple_of = i.multiple_of.map(Num::Int);
                if let Some(m) = i.multiple_of {
                    if m <= 0 {
                        return Err(self.err(
                            ptr(pointer, "multipleOf"),
                            "multipleOf must be greater than 0",
                        ));
                    }
                }
                let format = int_format(&i.format);
                if format == IntFormat::Int32 {
                    for (key, v) in [("minimum", i.minimum), ("maximum", i.maximum)] {
                        if let Some(v) = v {
                            if i32::try_from(v).is_err() {
                                return Err(self.err_hint(
                                    ptr(pointer, key),
                                    format!("{key} {v} does not fit the int32 format"),
                                    "use format: int64, or a bound within int32",
                                ));
                            }
                        }
                    }
                }
                TypeRef::Integer(format)
            }
            oa::SchemaKind::Type(oa::Type::Number(n)) => {
                constraints.minimum = n.minimum.map(|v| Bound {
                    value: Num::Float(v),
                    exclusive: n.exclusive_minimum,
                });
                constraints.maximum = n.maximum.map(|v| Bound {
                    value: Num::Float(v),
                    exclusive: n.exclusive_maximum,
                });
                constraints.multiple_of = n.multiple_of.map(Num::Float);
                if !n.enumeration.is_empty() {
                    return Err(self.err(
                        ptr(pointer, "enum"),
                        "enums of non-integer numbers are not supported",
                    ));
                }
                TypeRef::Number(match &n.format {
                    oa::VariantOrUnknownOrEmpty::Item(oa::NumberFormat::Float) => {
                        NumberFormat::Float
                    }
                    _ => NumberFormat::Double,
                })
            }
            oa::SchemaKind::Type(oa::Type::Boolean(_)) => TypeRef::Bool,
            oa::SchemaKind::Type(oa::Type::Array(a)) => {
                constraints.min_items = a.min_items.map(|n| n as u64);
                constraints.max_items = a.max_items.map(|n| n as u64);
                let Some(items) = &a.items else {
                    return Err(self.err_hint(
                        pointer,
                        "array schema without items",
                        "add `items:` with the element schema",
                    ));
                };
                let items = unbox(items);
                let item_shape =
                    self.shape_ref(&items, &ptr(pointer, "items"), &format!("{context} item"))?;
                TypeRef::Array(Box::new(item_shape))
            }
            oa::SchemaKind::Not { .. } => return Err(self.unsupported(pointer, "not")),
            oa::SchemaKind::Any(any) => {
                if !any.properties.is_empty() || any.typ.is_some() || !any.one_of.is_empty() {
                    return Err(self.err_hint(
                        pointer,
                        "this schema combines keywords the generator cannot type",
                        "give the schema a single `type` and its matching keywords",
                    ));
                }
                TypeRef::Any
            }
        };
        for (key, a, b) in [
            ("minLength", constraints.min_length, constraints.max_length),
            ("minItems", constraints.min_items, constraints.max_items),
            (
                "minProperties",
                constraints.min_properties,
                constraints.max_properties,
            ),
        ] {
            if let (Some(a), Some(b)) = (a, b) {
                if a > b {
                    return Err(self.err(
                        ptr(pointer, key),
                        format!(
                            "{key} {a} is greater than the maximum {b}: no value can satisfy it"
                        ),
                    ));
                }
            }
        }
        if let (Some(min), Some(max)) = (constraints.minimum, constraints.maximum) {
            if num_f64(min.value) > num_f64(max.value) {
                return Err(self.err(
                    ptr(pointer, "minimum"),
                    format!(
                        "minimum {} is greater than maximum {}",
                        min.value, max.value
                    ),
                ));
            }
        }
        Ok(Shape {
            ty,
            nullable: data.nullable,
            constraints,
        })
    }

    /// The type of an object schema without `properties`: a map when it has
    /// `additionalProperties` (a schema, or `true`) or a property count, else any JSON value.
    fn object_without_properties(
        &mut self,
        (additional, min, max): (
            &Option<oa::AdditionalProperties>,
            Option<usize>,
            Option<usize>,
        ),
        constraints: &mut Constraints,
        pointer: &str,
        context: &str,
    ) -> Result<TypeRef> {
        constraints.min_properties = min.map(|n| n as u64);
        constraints.max_properties = max.map(|n| n as u64);
        Ok(match additional {
            Some(oa::AdditionalProperties::Schema(value)) => {
                let value = self.shape_ref(
                    value,
                    &ptr(pointer, "additionalProperties"),
                    &format!("{context} value"),
                )?;
                TypeRef::Map(Box::new(value))
            }
            Some(oa::AdditionalProperties::Any(true)) => TypeRef::Map(Box::new(any_shape())),
            // A free-form object: any JSON value, unless a property count is checked.
            _ if min.is_some() || max.is_some() => TypeRef::Map(Box::new(any_shape())),
            _ => TypeRef::Any,
        })
    }

    /// Takes a unique type name: `base`, or `base` with the smallest numeric suffix (from 2)
    /// that is free. A struct also takes `{name}Builder`, the name of its builder, so neither a
    /// schema nor a synthesised type can take the name of a struct's builder.
    fn type_name(&mut self, base: String, is_struct: bool) -> String {
        if !is_struct {
            return self.type_names.unique(base, "");
        }
        let stem = base.strip_suffix('_').unwrap_or(&base).to_string();
        let mut n = 1u32;
        loop {
            let candidate = if n == 1 {
                base.clone()
            } else {
                format!("{stem}{n}")
            };
            let builder = format!("{}Builder", candidate.trim_end_matches('_'));
            if !self.type_names.contains(&candidate) && !self.type_names.contains(&builder) {
                self.type_names.unique(candidate.clone(), "");
                self.type_names.unique(builder, "");
                return candidate;
            }
            n += 1;
        }
    }

    fn unsupported(&self, pointer: &str, what: &str) -> SpecError {
        self.err_hint(
            pointer,
            format!("`{what}` schemas are not supported"),
            "describe the value with a single object, array, enum or scalar schema",
        )
    }

    /// Creates a named type for an inline object, enum or union.
    fn synthesise(&mut self, schema: &oa::Schema, pointer: &str, context: &str) -> Result<String> {
        let rust = self.type_name(naming::type_name(context), is_struct(schema));
        let wire = context.replace(' ', ".");
        self.named_type(&rust, &wire, schema, pointer)?;
        Ok(rust)
    }
}

fn becomes_named_type(schema: &oa::Schema) -> bool {
    match &schema.schema_kind {
        oa::SchemaKind::Type(oa::Type::String(s)) => !s.enumeration.is_empty(),
        oa::SchemaKind::Type(oa::Type::Integer(i)) => !i.enumeration.is_empty(),
        oa::SchemaKind::OneOf { .. } | oa::SchemaKind::AnyOf { .. } => true,
        _ => is_struct(schema),
    }
}

/// Whether a schema becomes a struct: an object with properties, an `allOf` of several schemas,
/// or an object schema that also has an `allOf`.
fn is_struct(schema: &oa::Schema) -> bool {
    match &schema.schema_kind {
        oa::SchemaKind::Type(oa::Type::Object(o)) => !o.properties.is_empty(),
        oa::SchemaKind::AllOf { all_of } => all_of.len() > 1,
        oa::SchemaKind::Any(a) => any_is_struct(a),
        _ => false,
    }
}

/// An untyped (or `type: object`) schema with `allOf` or `properties` and nothing that
/// contradicts an object.
fn any_is_struct(a: &oa::AnySchema) -> bool {
    (!a.all_of.is_empty() || !a.properties.is_empty()) && any_is_object(a)
}

/// An untyped (or `type: object`) schema with nothing that contradicts an object (an `allOf`
/// member that gives only `properties` or `required`).
fn any_is_object(a: &oa::AnySchema) -> bool {
    a.one_of.is_empty()
        && a.any_of.is_empty()
        && a.not.is_none()
        && a.items.is_none()
        && a.enumeration.is_empty()
        && a.pattern.is_none()
        && a.format.is_none()
        && a.multiple_of.is_none()
        && a.minimum.is_none()
        && a.maximum.is_none()
        && a.min_length.is_none()
        && a.max_length.is_none()
        && a.min_items.is_none()
        && a.max_items.is_none()
        && a.unique_items.is_none()
        && matches!(a.typ.as_deref(), None | Some("object"))
}

/// The properties of an object, merged over the members of an `allOf`, each with the pointer it
/// is written at.
#[derive(Default)]
struct ObjectParts {
    properties: Vec<(String, ReferenceOr<oa::Schema>, String)>,
    required: Vec<(String, String)>,
    additional: Option<(oa::AdditionalProperties, String)>,
    min_properties: Option<u64>,
    max_properties: Option<u64>,
}

/// Any JSON value, unconstrained.
fn any_shape() -> Shape {
    Shape {
        ty: TypeRef::Any,
        nullable: false,
        constraints: Constraints::default(),
    }
}

/// The variant name of an inline alternative of a union.
fn kind_word(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Bool => "Boolean",
        TypeRef::Integer(_) => "Integer",
        TypeRef::Number(_) => "Number",
        TypeRef::String { .. } => "String",
        TypeRef::Array(_) => "Array",
        TypeRef::Map(_) => "Map",
        TypeRef::Named(_) => "Object",
        TypeRef::Any => "Value",
    }
}

fn int_format(f: &oa::VariantOrUnknownOrEmpty<oa::IntegerFormat>) -> IntFormat {
    match f {
        oa::VariantOrUnknownOrEmpty::Item(oa::IntegerFormat::Int32) => IntFormat::Int32,
        _ => IntFormat::Int64,
    }
}

fn num_f64(n: Num) -> f64 {
    match n {
        Num::Int(i) => i as f64,
        Num::Float(f) => f,
    }
}

fn unbox(s: &ReferenceOr<Box<oa::Schema>>) -> ReferenceOr<oa::Schema> {
    match s {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(b) => ReferenceOr::Item((**b).clone()),
    }
}

impl Lowerer<'_> {
    /// What needs every type to exist: checks the discriminator of each union against its
    /// alternatives, then boxes the fields and alternatives that make a type contain itself.
    pub(super) fn finish_types(&mut self) -> Result<()> {
        for t in self.types.values() {
            let TypeKind::Union(u) = &t.kind else {
                continue;
            };
            let Some(property) = &u.discriminator else {
                continue;
            };
            let at = ptr(&ptr(&t.origin, "discriminator"), "propertyName");
            for v in &u.variants {
                let TypeRef::Named(n) = &v.shape.ty else {
                    continue;
                };
                let field = match self.types.get(n).map(|d| &d.kind) {
                    Some(TypeKind::Struct(s)) => s.fields.iter().find(|f| &f.wire_name == property),
                    _ => None,
                };
                let Some(field) = field else {
                    return Err(self.err_hint(
                        at,
                        format!("discriminator property {property:?} is not a property of {n}"),
                        "declare the property (a required string) in every alternative",
                    ));
                };
                let stringy = match &field.shape.ty {
                    TypeRef::String { .. } => true,
                    TypeRef::Named(e) => matches!(
                        self.types.get(e).map(|d| &d.kind),
                        Some(TypeKind::StringEnum(_))
                    ),
                    _ => false,
                };
                if !stringy || field.shape.nullable {
                    return Err(self.err_hint(
                        at,
                        format!("discriminator property {property:?} of {n} is not a string"),
                        "a discriminator property must be a (non-nullable) string",
                    ));
                }
            }
        }
        box_cycles(&mut self.types);
        // An object alternative of a union is boxed too, so the enum stays small whatever the
        // size of its structs (`From<T>` builds the variant).
        let structs: BTreeSet<String> = self
            .types
            .values()
            .filter(|t| matches!(t.kind, TypeKind::Struct(_)))
            .map(|t| t.rust_name.clone())
            .collect();
        for t in self.types.values_mut() {
            if let TypeKind::Union(u) = &mut t.kind {
                for v in &mut u.variants {
                    if matches!(&v.shape.ty, TypeRef::Named(n) if structs.contains(n)) {
                        v.boxed = true;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Marks as boxed every field and union alternative whose named type leads back to the type
/// holding it through other such direct (not array, not map) uses: without a `Box`, the type
/// would contain itself and have infinite size. Exactly the uses inside one strongly connected
/// component of the graph of direct uses are boxed, so the result depends only on the types.
fn box_cycles(types: &mut std::collections::BTreeMap<String, TypeDef>) {
    fn direct(t: &TypeDef) -> Vec<&str> {
        fn named(s: &Shape) -> Option<&str> {
            match &s.ty {
                TypeRef::Named(n) => Some(n.as_str()),
                _ => None,
            }
        }
        match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().filter_map(|f| named(&f.shape)).collect(),
            TypeKind::Union(u) => u.variants.iter().filter_map(|v| named(&v.shape)).collect(),
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => Vec::new(),
        }
    }
    let names: Vec<&String> = types.keys().collect();
    let index: std::collections::BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = names
        .iter()
        .map(|n| {
            direct(&types[*n])
                .into_iter()
                .filter_map(|m| index.get(m).copied())
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);
    let component_of: std::collections::BTreeMap<String, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| ((*n).clone(), component[i]))
        .collect();
    for (name, t) in types.iter_mut() {
        let own = component_of[name];
        let cyclic = |s: &Shape| match &s.ty {
            TypeRef::Named(n) => component_of.get(n) == Some(&own),
            _ => false,
        };
        match &mut t.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    f.boxed = cyclic(&f.shape);
                }
            }
            TypeKind::Union(u) => {
                for v in &mut u.variants {
                    v.boxed = cyclic(&v.shape);
                }
            }
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
        }
    }
}

/// The strongly connected component of each node (Tarjan's algorithm, iterative so deep
/// chains of types cannot overflow the stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let (mut next, mut components) = (0, 0);
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((v, i)) = work.pop() {
            if i == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(i) {
                work.push((v, i + 1));
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            // Every edge of v is done: fold its low link into its parent's.
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = components;
                    if w == v {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use crate::error::{Error, SpecError};
    use crate::ir::*;

    /// A spec whose `components.schemas` is `schemas` (indented by four spaces) and whose one
    /// operation sends and returns `Root`.
    fn spec(schemas: &str) -> String {
        format!(
            "openapi: 3.0.3
info: {{title: t, version: '1'}}
x-crate: {{name: t, version: 0.1.0}}
paths:
  /x:
    post:
      operationId: Send
      requestBody:
        required: true
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Root'}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Root'}}
components:
  schemas:
{schemas}"
        )
    }

    fn options() -> crate::Options {
        crate::Options {
            spec_name: "spec.yaml".into(),
            crate_name: None,
        }
    }

    fn lower(schemas: &str) -> Api {
        crate::lower_spec(&spec(schemas), &options()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn error(schemas: &str) -> SpecError {
        match crate::lower_spec(&spec(schemas), &options()) {
            Err(Error::Spec(mut e)) if !e.is_empty() => e.remove(0),
            other => panic!("expected a spec error, got {other:?}"),
        }
    }

    fn strukt<'a>(api: &'a Api, name: &str) -> &'a StructDef {
        match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => s,
            other => panic!("{name} is not a struct: {other:?}"),
        }
    }

    fn union<'a>(api: &'a Api, name: &str) -> &'a UnionDef {
        match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::Union(u)) => u,
            other => panic!("{name} is not a union: {other:?}"),
        }
    }

    #[test]
    fn maps_free_form_objects_and_additional_properties() {
        let api = lower(
            "    Root:
      type: object
      maxProperties: 4
      properties:
        labels:
          type: object
          minProperties: 1
          additionalProperties: {type: string, maxLength: 3}
        any: {type: object, additionalProperties: true}
        free: {type: object}
      additionalProperties: {type: integer}
",
        );
        let root = strukt(&api, "Root");
        assert_eq!(root.max_properties, Some(4));
        let extra = root.additional.as_ref().expect("additional properties");
        assert_eq!(extra.rust_name, "additional_properties");
        assert_eq!(extra.value.ty, TypeRef::Integer(IntFormat::Int64));
        let TypeRef::Map(value) = &root.fields[0].shape.ty else {
            panic!("{:?}", root.fields[0].shape);
        };
        assert_eq!(value.constraints.max_length, Some(3));
        assert_eq!(root.fields[0].shape.constraints.min_properties, Some(1));
        assert!(matches!(&root.fields[1].shape.ty, TypeRef::Map(v) if v.ty == TypeRef::Any));
        assert_eq!(root.fields[2].shape.ty, TypeRef::Any);
    }

    #[test]
    fn untyped_object_schemas_are_objects() {
        let api = lower(
            "    Root:
      properties:
        map:
          additionalProperties: {type: boolean}
",
        );
        let root = strukt(&api, "Root");
        assert!(
            matches!(&root.fields[0].shape.ty, TypeRef::Map(v) if v.ty == TypeRef::Bool),
            "{:?}",
            root.fields[0].shape
        );
    }

    #[test]
    fn all_of_merges_properties_and_required() {
        let api = lower(
            "    Base:
      type: object
      required: [id]
      properties:
        id: {type: string}
    Root:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [size]
          properties:
            size: {type: integer}
        - required: [id]
          properties:
            id: {type: string}
",
        );
        let root = strukt(&api, "Root");
        let fields: Vec<(&str, bool)> = root
            .fields
            .iter()
            .map(|f| (f.wire_name.as_str(), f.required))
            .collect();
        assert_eq!(fields, [("id", true), ("size", true)]);

        let e = error(
            "    Base:
      type: object
      properties:
        id: {type: string}
    Root:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            id: {type: integer}
",
        );
        assert_eq!(e.pointer, "#/components/schemas/Root/allOf/1/properties/id");
        assert!(
            e.message
                .contains("also defined at #/components/schemas/Base/properties/id"),
            "{e}"
        );
        assert!(e.position.is_some(), "{e:?}");

        let e = error(
            "    Root:
      allOf:
        - type: object
          properties: {a: {type: string}}
        - type: string
",
        );
        assert_eq!(e.pointer, "#/components/schemas/Root/allOf/1");
        assert!(e.message.contains("must be an object schema"), "{e}");
    }

    #[test]
    fn unions_with_and_without_a_discriminator() {
        let schemas = "    A:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
    B:
      type: object
      required: [kind]
      properties: {kind: {type: string}, b: {type: integer}}
    Root:
      oneOf:
        - $ref: '#/components/schemas/A'
        - $ref: '#/components/schemas/B'
      discriminator:
        propertyName: kind
        mapping: {first: '#/components/schemas/A'}
";
        let api = lower(schemas);
        let u = union(&api, "Root");
        assert_eq!(u.discriminator.as_deref(), Some("kind"));
        let tags: Vec<(&str, Vec<String>)> = u
            .variants
            .iter()
            .map(|v| (v.rust_name.as_str(), v.tags.clone()))
            .collect();
        // A mapping value, else the schema name.
        assert_eq!(
            tags,
            [
                ("A", vec!["first".to_string()]),
                ("B", vec!["B".to_string()])
            ]
        );

        let e = error(&schemas.replace(
            "mapping: {first: '#/components/schemas/A'}",
            "mapping: {first: '#/components/schemas/C'}",
        ));
        assert_eq!(
            e.pointer,
            "#/components/schemas/Root/discriminator/mapping/first"
        );
        assert!(e.message.contains("names no alternative"), "{e}");

        let e = error(&schemas.replace("propertyName: kind", "propertyName: sort"));
        assert_eq!(
            e.pointer,
            "#/components/schemas/Root/discriminator/propertyName"
        );
        assert!(e.message.contains("\"sort\" is not a property of A"), "{e}");

        let e = error(
            "    Root:
      anyOf:
        - type: string
      discriminator: {propertyName: kind}
",
        );
        assert_eq!(e.pointer, "#/components/schemas/Root/anyOf/0");

        let api = lower(
            "    Root:
      anyOf:
        - type: string
        - type: integer
        - type: string
          format: date
",
        );
        let names: Vec<&str> = union(&api, "Root")
            .variants
            .iter()
            .map(|v| v.rust_name.as_str())
            .collect();
        assert_eq!(names, ["String", "Integer", "String2"]);
    }

    #[test]
    fn types_that_contain_themselves_are_boxed_exactly_on_the_cycle() {
        let api = lower(
            "    Root:
      type: object
      properties:
        self_ref: {$ref: '#/components/schemas/Root'}
        many: {type: array, items: {$ref: '#/components/schemas/Root'}}
        map: {type: object, additionalProperties: {$ref: '#/components/schemas/Root'}}
        other: {$ref: '#/components/schemas/Other'}
        leaf: {$ref: '#/components/schemas/Leaf'}
    Other:
      type: object
      properties:
        back: {$ref: '#/components/schemas/Root'}
    Leaf:
      type: object
      properties:
        n: {type: integer}
",
        );
        let boxed: Vec<(&str, bool)> = strukt(&api, "Root")
            .fields
            .iter()
            .map(|f| (f.wire_name.as_str(), f.boxed))
            .collect();
        assert_eq!(
            boxed,
            [
                ("self_ref", true),
                ("many", false),
                ("map", false),
                ("other", true),
                ("leaf", false)
            ]
        );
        assert!(strukt(&api, "Other").fields[0].boxed);
    }

    #[test]
    fn colliding_names_get_suffixes_and_struct_builders_stay_free() {
        let api = lower(
            "    FooBuilder: {type: string, enum: [a]}
    Foo:
      type: object
      properties: {x: {type: integer}}
    foo:
      type: object
      properties: {y: {type: integer}}
    Root:
      type: object
      properties:
        a: {$ref: '#/components/schemas/Foo'}
        b: {$ref: '#/components/schemas/foo'}
        bar: {type: object, properties: {z: {type: string}}}
    RootBar: {type: string, enum: [b]}
",
        );
        let names: Vec<(&str, &str)> = api
            .types
            .iter()
            .map(|t| (t.wire_name.as_str(), t.rust_name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("Foo", "Foo2"),
                ("foo", "Foo3"),
                ("FooBuilder", "FooBuilder"),
                ("Root", "Root"),
                ("RootBar", "RootBar"),
                ("Root.bar", "RootBar2"),
            ]
        );
    }
}
