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
                    let rust = self.type_names.unique(naming::type_name(name), "");
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
            oa::SchemaKind::Type(oa::Type::Object(obj)) => {
                TypeKind::Struct(self.struct_def(rust_name, obj, schema, pointer)?)
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

    fn struct_def(
        &mut self,
        rust_name: &str,
        obj: &oa::ObjectType,
        schema: &oa::Schema,
        pointer: &str,
    ) -> Result<StructDef> {
        let props_ptr = ptr(pointer, "properties");
        for (i, r) in obj.required.iter().enumerate() {
            if !obj.properties.contains_key(r) {
                return Err(self.err_hint(
                    ptr(&ptr(pointer, "required"), &i.to_string()),
                    format!("required property {r:?} is not defined in properties"),
                    "add it to properties or remove it from required",
                ));
            }
        }
        let mut dedupe = Deduper::default();
        let mut fields = Vec::new();
        for (wire, prop) in &obj.properties {
            let at = ptr(&props_ptr, wire);
            let prop = unbox(prop);
            let shape = self.shape_ref(&prop, &at, &format!("{rust_name} {wire}"))?;
            let (docs, default) = self.docs_and_default(&prop, &at);
            let rust_name = dedupe.unique(naming::field_name(wire), "_");
            fields.push(Field {
                setter: naming::setter_name(&rust_name),
                rust_name,
                wire_name: wire.clone(),
                docs,
                shape,
                required: obj.required.contains(wire),
                default,
            });
        }
        self.defer_required_when(rust_name, schema, pointer);
        Ok(StructDef {
            fields,
            rules: Vec::new(),
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
            oa::SchemaKind::Type(oa::Type::Object(o)) => {
                if o.additional_properties.is_some() {
                    return Err(self.err_hint(
                        ptr(pointer, "additionalProperties"),
                        "maps (additionalProperties) are not supported yet",
                        "describe the object's properties explicitly",
                    ));
                }
                TypeRef::Any
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
                            oa::StringFormat::Binary => {
                                return Err(self.err_hint(
                                    ptr(pointer, "format"),
                                    "binary strings are not supported",
                                    "this generator handles JSON bodies only",
                                ))
                            }
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
            oa::SchemaKind::OneOf { .. } => return Err(self.unsupported(pointer, "oneOf")),
            oa::SchemaKind::AllOf { .. } => return Err(self.unsupported(pointer, "allOf")),
            oa::SchemaKind::AnyOf { .. } => return Err(self.unsupported(pointer, "anyOf")),
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

    fn unsupported(&self, pointer: &str, what: &str) -> SpecError {
        self.err_hint(
            pointer,
            format!("`{what}` schemas are not supported"),
            "describe the value with a single object, array, enum or scalar schema",
        )
    }

    /// Creates a named type for an inline object or enum.
    fn synthesise(&mut self, schema: &oa::Schema, pointer: &str, context: &str) -> Result<String> {
        let rust = self.type_names.unique(naming::type_name(context), "");
        let wire = context.replace(' ', ".");
        self.named_type(&rust, &wire, schema, pointer)?;
        Ok(rust)
    }
}

fn becomes_named_type(schema: &oa::Schema) -> bool {
    match &schema.schema_kind {
        oa::SchemaKind::Type(oa::Type::Object(o)) => !o.properties.is_empty(),
        oa::SchemaKind::Type(oa::Type::String(s)) => !s.enumeration.is_empty(),
        oa::SchemaKind::Type(oa::Type::Integer(i)) => !i.enumeration.is_empty(),
        _ => false,
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
