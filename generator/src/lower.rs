//! Checking and lowering: `openapiv3::OpenAPI` to the IR.
//!
//! All knowledge of OpenAPI ends here. Lowering resolves `$ref`s, reads the documented vendor
//! extensions (see spec/README.md), rejects what the generator does not support with an error that
//! names the JSON pointer of the node and what to do, and names everything through [`crate::naming`].

use crate::error::{pointer_token, Error, SpecError};
use crate::ir::*;
use crate::naming::{self, Deduper};
use crate::Options;
use openapiv3 as oa;
use openapiv3::ReferenceOr;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Lowers a parsed spec into the IR.
pub fn lower(doc: &oa::OpenAPI, options: &Options) -> std::result::Result<Api, Error> {
    let mut l = Lowerer {
        doc,
        file: &options.spec_name,
        types: BTreeMap::new(),
        component_names: BTreeMap::new(),
        type_names: Deduper::default(),
        pending_rules: Vec::new(),
        inlining: Vec::new(),
    };
    let api = l.run(options).map_err(Error::Spec)?;
    crate::lower_checks::check(&api, &options.spec_name).map_err(Error::Spec)?;
    Ok(api)
}

type Result<T> = std::result::Result<T, SpecError>;

/// x-required-when rules are resolved after all types exist (a condition may name an enum type
/// lowered later).
struct PendingRule {
    type_name: String,
    pointer: String,
    raw: Value,
}

struct Lowerer<'a> {
    doc: &'a oa::OpenAPI,
    file: &'a str,
    /// Named types by Rust name.
    types: BTreeMap<String, TypeDef>,
    /// Component schema name -> Rust type name (only for schemas that become named types).
    component_names: BTreeMap<String, String>,
    type_names: Deduper,
    pending_rules: Vec<PendingRule>,
    /// Component schemas being inlined (cycle guard for `$ref`s to non-object schemas).
    inlining: Vec<String>,
}

const METHODS: &[(&str, HttpMethod)] = &[
    ("get", HttpMethod::Get),
    ("put", HttpMethod::Put),
    ("post", HttpMethod::Post),
    ("delete", HttpMethod::Delete),
    ("options", HttpMethod::Options),
    ("head", HttpMethod::Head),
    ("patch", HttpMethod::Patch),
    ("trace", HttpMethod::Trace),
];

fn ptr(base: &str, token: &str) -> String {
    format!("{base}/{}", pointer_token(token))
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl<'a> Lowerer<'a> {
    fn err(&self, pointer: impl Into<String>, message: impl Into<String>) -> SpecError {
        SpecError {
            file: self.file.to_string(),
            pointer: pointer.into(),
            line: None,
            message: message.into(),
            hint: None,
        }
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

    fn run(&mut self, options: &Options) -> Result<Api> {
        let krate = self.crate_info(options)?;

        // Component schemas that become named types take their names first, in spec order, so a
        // synthesised name never steals a name the spec chose.
        if let Some(components) = &self.doc.components {
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
                        if let Some(rust) = self.component_names.get(name).cloned() {
                            self.named_type(&rust, name, schema, &pointer)?;
                        } else {
                            // Not an object or enum: lowered where it is referenced. Lower it once
                            // here too, so its errors are reported even when it is unused.
                            self.shape(schema, &pointer, name)?;
                        }
                    }
                    ReferenceOr::Reference { .. } => {
                        return Err(self.err_hint(
                            pointer,
                            "a component schema that is only a $ref is not supported",
                            "reference the target schema directly",
                        ))
                    }
                }
            }
        }

        let operations = self.operations()?;
        self.resolve_rules()?;
        let (regions, default_region) = self.regions()?;
        let auth = self.auth()?;

        let mut types: Vec<TypeDef> = std::mem::take(&mut self.types).into_values().collect();
        mark_usage(&mut types, &operations);

        Ok(Api {
            krate,
            title: self.doc.info.title.clone(),
            description: non_empty(&self.doc.info.description),
            api_version: self.doc.info.version.clone(),
            types,
            operations,
            regions,
            default_region,
            auth,
        })
    }

    fn crate_info(&self, options: &Options) -> Result<CrateInfo> {
        let pointer = "#/x-crate";
        let ext = self.doc.extensions.get("x-crate");
        let field = |key: &str| -> Result<Option<String>> {
            match ext.and_then(|e| e.get(key)) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(self.err(ptr(pointer, key), "expected a string")),
            }
        };
        if let Some(e) = ext {
            if !e.is_object() {
                return Err(self.err(
                    pointer,
                    "x-crate must be a mapping (name, version, description)",
                ));
            }
        }
        let name = match (&options.crate_name, field("name")?) {
            (Some(n), _) => n.clone(),
            (None, Some(n)) => n,
            (None, None) => {
                return Err(self.err_hint(
                    pointer,
                    "the spec does not name the generated crate",
                    "add `x-crate: {name: my-api-client, version: 0.1.0}` at the top level, or pass --crate-name",
                ))
            }
        };
        let valid_name = !name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid_name {
            return Err(self.err_hint(
                ptr(pointer, "name"),
                format!("{name:?} is not a valid Cargo package name"),
                "use ASCII letters, digits, `-` and `_`, starting with a letter",
            ));
        }
        let version = field("version")?.unwrap_or_else(|| "0.1.0".to_string());
        let parts: Vec<&str> = version.split('.').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.parse::<u64>().is_err()) {
            return Err(self.err_hint(
                ptr(pointer, "version"),
                format!("{version:?} is not a MAJOR.MINOR.PATCH version"),
                "write a plain semver version such as 0.1.0",
            ));
        }
        Ok(CrateInfo {
            lib_name: naming::lib_name(&name),
            name,
            version,
            description: field("description")?,
        })
    }

    // ----- schemas -----

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

    fn enum_descriptions(
        &self,
        schema: &oa::Schema,
        pointer: &str,
    ) -> Result<BTreeMap<String, String>> {
        let Some(ext) = schema.schema_data.extensions.get("x-enum-descriptions") else {
            return Ok(BTreeMap::new());
        };
        let at = ptr(pointer, "x-enum-descriptions");
        let Value::Object(map) = ext else {
            return Err(self.err_hint(
                at,
                "x-enum-descriptions must be a mapping",
                "write `value: description` pairs",
            ));
        };
        let mut out = BTreeMap::new();
        for (k, v) in map {
            let Value::String(text) = v else {
                return Err(self.err(ptr(&at, k), "expected a string description"));
            };
            out.insert(k.clone(), text.clone());
        }
        Ok(out)
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
            let (docs, default) = self.docs_and_default(&prop);
            fields.push(Field {
                rust_name: dedupe.unique(naming::field_name(wire), "_"),
                wire_name: wire.clone(),
                docs,
                shape,
                required: obj.required.contains(wire),
                default,
            });
        }
        if let Some(raw) = schema.schema_data.extensions.get("x-required-when") {
            self.pending_rules.push(PendingRule {
                type_name: rust_name.to_string(),
                pointer: ptr(pointer, "x-required-when"),
                raw: raw.clone(),
            });
        }
        Ok(StructDef {
            fields,
            rules: Vec::new(),
        })
    }

    /// The description and default of a schema; for a `$ref`, those of the component it points
    /// at (OpenAPI 3.0 ignores the siblings of a `$ref`, so the component documents the use).
    fn docs_and_default(
        &self,
        schema: &ReferenceOr<oa::Schema>,
    ) -> (Option<String>, Option<Value>) {
        let target = match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/components/schemas/")
                .and_then(|name| self.doc.components.as_ref()?.schemas.get(name))
                .and_then(|s| match s {
                    ReferenceOr::Item(s) => Some(s),
                    ReferenceOr::Reference { .. } => None,
                }),
        };
        match target {
            Some(s) => (
                non_empty(&s.schema_data.description),
                s.schema_data.default.clone(),
            ),
            None => (None, None),
        }
    }

    fn shape_ref(
        &mut self,
        schema: &ReferenceOr<oa::Schema>,
        pointer: &str,
        context: &str,
    ) -> Result<Shape> {
        match schema {
            ReferenceOr::Reference { reference } => self.resolve_schema_ref(reference, pointer),
            ReferenceOr::Item(s) => self.shape(s, pointer, context),
        }
    }

    fn resolve_schema_ref(&mut self, reference: &str, pointer: &str) -> Result<Shape> {
        let at = ptr(pointer, "$ref");
        let Some(name) = reference.strip_prefix("#/components/schemas/") else {
            return Err(self.err_hint(
                at,
                format!("unsupported $ref {reference:?}"),
                "only local references of the form #/components/schemas/Name are supported",
            ));
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        let target = self
            .doc
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(&name));
        let Some(target) = target else {
            return Err(self.err_hint(
                at,
                format!("$ref {reference:?} does not resolve: there is no schema {name:?}"),
                "define it under components.schemas or fix the name",
            ));
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
                at,
                format!("$ref {reference:?} refers to itself through non-object schemas"),
            ));
        }
        self.inlining.push(name.clone());
        let target_ptr = ptr("#/components/schemas", &name);
        let result = match target {
            ReferenceOr::Item(s) => self.shape(s, &target_ptr, &name),
            ReferenceOr::Reference { .. } => Err(self.err(
                target_ptr,
                "a component schema that is only a $ref is not supported",
            )),
        };
        self.inlining.pop();
        result
    }

    /// Lowers an inline schema. Inline objects and enums become synthesised named types called
    /// after `context` (`{Parent} {property}`).
    fn shape(&mut self, schema: &oa::Schema, pointer: &str, context: &str) -> Result<Shape> {
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

    fn resolve_rules(&mut self) -> Result<()> {
        for rule in std::mem::take(&mut self.pending_rules) {
            let rules = self.lower_rules(&rule)?;
            if let Some(TypeDef {
                kind: TypeKind::Struct(s),
                ..
            }) = self.types.get_mut(&rule.type_name)
            {
                s.rules = rules;
            }
        }
        Ok(())
    }

    fn lower_rules(&self, rule: &PendingRule) -> Result<Vec<RequiredWhen>> {
        let Some(TypeDef {
            kind: TypeKind::Struct(s),
            ..
        }) = self.types.get(&rule.type_name)
        else {
            return Err(self.err(
                &rule.pointer,
                "x-required-when is only allowed on object schemas",
            ));
        };
        let hint = "write a list of `{require: [prop, ...], when: {property: p, equals: v}}` (or `in: [v, ...]`)";
        let Value::Array(items) = &rule.raw else {
            return Err(self.err_hint(
                &rule.pointer,
                "x-required-when must be a list of rules",
                hint,
            ));
        };
        let field_by_wire = |at: &str, name: &Value| -> Result<&Field> {
            let Value::String(name) = name else {
                return Err(self.err_hint(at, "expected a property name", hint));
            };
            s.fields
                .iter()
                .find(|f| &f.wire_name == name)
                .ok_or_else(|| {
                    self.err_hint(
                        at,
                        format!("{name:?} is not a property of this object"),
                        "name one of the properties defined in `properties`",
                    )
                })
        };
        let name_of = |f: &Field| FieldName {
            rust_name: f.rust_name.clone(),
            wire_name: f.wire_name.clone(),
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = ptr(&rule.pointer, &i.to_string());
            let Value::Object(map) = item else {
                return Err(self.err_hint(at, "a rule must be a mapping", hint));
            };
            for key in map.keys() {
                if !matches!(key.as_str(), "require" | "when" | "description") {
                    return Err(self.err_hint(ptr(&at, key), format!("unknown key {key:?}"), hint));
                }
            }
            let require = match map.get("require") {
                Some(Value::Array(names)) if !names.is_empty() => names
                    .iter()
                    .enumerate()
                    .map(|(j, n)| {
                        field_by_wire(&ptr(&ptr(&at, "require"), &j.to_string()), n).map(name_of)
                    })
                    .collect::<Result<Vec<_>>>()?,
                _ => {
                    return Err(self.err_hint(
                        ptr(&at, "require"),
                        "`require` must be a non-empty list of property names",
                        hint,
                    ))
                }
            };
            let when_at = ptr(&at, "when");
            let Some(Value::Object(when)) = map.get("when") else {
                return Err(self.err_hint(when_at, "`when` must be a mapping", hint));
            };
            let field = field_by_wire(
                &ptr(&when_at, "property"),
                when.get("property").unwrap_or(&Value::Null),
            )?;
            let raw_values: Vec<(String, &Value)> = match (when.get("equals"), when.get("in")) {
                (Some(v), None) => vec![(ptr(&when_at, "equals"), v)],
                (None, Some(Value::Array(vs))) if !vs.is_empty() => vs
                    .iter()
                    .enumerate()
                    .map(|(j, v)| (ptr(&ptr(&when_at, "in"), &j.to_string()), v))
                    .collect(),
                _ => {
                    return Err(self.err_hint(
                        when_at,
                        "`when` needs exactly one of `equals: value` or `in: [values]`",
                        hint,
                    ))
                }
            };
            let values = raw_values
                .into_iter()
                .map(|(vat, v)| self.literal(&vat, field, v))
                .collect::<Result<Vec<_>>>()?;
            let description = match map.get("description") {
                None => None,
                Some(Value::String(d)) => Some(d.clone()),
                Some(_) => return Err(self.err(ptr(&at, "description"), "expected a string")),
            };
            out.push(RequiredWhen {
                require,
                when: Condition {
                    field: name_of(field),
                    values,
                },
                description,
            });
        }
        Ok(out)
    }

    /// Matches a condition value to the type of the field it is compared with.
    fn literal(&self, at: &str, field: &Field, v: &Value) -> Result<Literal> {
        let mismatch = |expected: &str| {
            self.err_hint(
                at,
                format!(
                    "value {v} does not match the type of {:?} ({expected})",
                    field.wire_name
                ),
                "compare with a value of the property's own type",
            )
        };
        match (&field.shape.ty, v) {
            (TypeRef::Bool, Value::Bool(b)) => Ok(Literal::Bool(*b)),
            (TypeRef::Bool, _) => Err(mismatch("boolean")),
            (TypeRef::Integer(_), Value::Number(n)) if n.is_i64() => {
                Ok(Literal::Int(n.as_i64().unwrap_or_default()))
            }
            (TypeRef::Integer(_), _) => Err(mismatch("integer")),
            (TypeRef::String { .. }, Value::String(s)) => Ok(Literal::Str(s.clone())),
            (TypeRef::String { .. }, _) => Err(mismatch("string")),
            (TypeRef::Named(name), _) => match self.types.get(name).map(|t| &t.kind) {
                Some(TypeKind::StringEnum(e)) => {
                    let Value::String(s) = v else {
                        return Err(mismatch("string enum"));
                    };
                    let variant = e.variants.iter().find(|x| &x.value == s).ok_or_else(|| {
                        self.err_hint(
                            at,
                            format!("{s:?} is not one of the values of {:?}", field.wire_name),
                            format!(
                                "use one of: {}",
                                e.variants
                                    .iter()
                                    .map(|x| x.value.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )
                    })?;
                    Ok(Literal::StringVariant {
                        enum_name: name.clone(),
                        variant: variant.rust_name.clone(),
                        value: s.clone(),
                    })
                }
                Some(TypeKind::IntEnum(e)) => {
                    let n = v.as_i64().ok_or_else(|| mismatch("integer enum"))?;
                    let variant = e.variants.iter().find(|x| x.value == n).ok_or_else(|| {
                        self.err(
                            at,
                            format!("{n} is not one of the values of {:?}", field.wire_name),
                        )
                    })?;
                    Ok(Literal::IntVariant {
                        enum_name: name.clone(),
                        variant: variant.rust_name.clone(),
                        value: n,
                    })
                }
                _ => Err(mismatch("an object")),
            },
            _ => Err(self.err_hint(
                at,
                format!("conditions on {:?} are not supported", field.wire_name),
                "conditions compare booleans, integers, strings or enum values",
            )),
        }
    }

    // ----- operations -----

    fn operations(&mut self) -> Result<Vec<Operation>> {
        let mut ops = Vec::new();
        let mut ids: BTreeMap<String, String> = BTreeMap::new();
        let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in self.doc.paths.paths.iter() {
            let path_ptr = ptr("#/paths", path);
            let ReferenceOr::Item(item) = item else {
                return Err(self.err_hint(
                    path_ptr,
                    "path items given as $ref are not supported",
                    "write the path item inline",
                ));
            };
            let by_method: [(&str, &Option<oa::Operation>); 8] = [
                ("get", &item.get),
                ("put", &item.put),
                ("post", &item.post),
                ("delete", &item.delete),
                ("options", &item.options),
                ("head", &item.head),
                ("patch", &item.patch),
                ("trace", &item.trace),
            ];
            for ((key, op), (_, method)) in by_method.iter().zip(METHODS) {
                let Some(op) = op else { continue };
                let op_ptr = ptr(&path_ptr, key);
                let Some(id) = op.operation_id.clone().filter(|s| !s.trim().is_empty()) else {
                    return Err(self.err_hint(
                        op_ptr,
                        "operation has no operationId",
                        "add `operationId: SomeName`: it names the client method and the request types",
                    ));
                };
                if let Some(first) = ids.insert(id.clone(), op_ptr.clone()) {
                    return Err(self.err_hint(
                        ptr(&op_ptr, "operationId"),
                        format!("duplicate operationId {id:?} (first used at {first})"),
                        "operationIds must be unique",
                    ));
                }
                let rust_name = naming::field_name(&id);
                if let Some(other) = rust_names.insert(rust_name.clone(), id.clone()) {
                    return Err(self.err_hint(
                        ptr(&op_ptr, "operationId"),
                        format!("operationId {id:?} and {other:?} both become the method name `{rust_name}`"),
                        "rename one of them",
                    ));
                }
                let lowered = self.operation(path, *method, id, rust_name, item, op, &op_ptr)?;
                ops.push(lowered);
            }
        }
        Ok(ops)
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &str,
        method: HttpMethod,
        id: String,
        rust_name: String,
        item: &oa::PathItem,
        op: &oa::Operation,
        op_ptr: &str,
    ) -> Result<Operation> {
        let type_prefix = naming::type_name(&id);
        // Path-level parameters, overridden by operation-level ones with the same name and place.
        let mut raw: Vec<(String, oa::Parameter)> = Vec::new();
        for (base, list) in [
            (ptr(&ptr("#/paths", path), "parameters"), &item.parameters),
            (ptr(op_ptr, "parameters"), &op.parameters),
        ] {
            for (i, p) in list.iter().enumerate() {
                let at = ptr(&base, &i.to_string());
                let (at, p) = self.resolve_parameter(p, &at)?;
                let key = (p.parameter_data_ref().name.clone(), location_of(&p));
                raw.retain(|(_, q)| (q.parameter_data_ref().name.clone(), location_of(q)) != key);
                raw.push((at, p));
            }
        }
        let template_names = path_template_names(path).map_err(|m| {
            self.err_hint(ptr("#/paths", path), m, "write placeholders as `{name}`")
        })?;
        let mut params = Vec::new();
        let mut dedupe = Deduper::with_reserved(&["body"]);
        // Path parameters first, in template order.
        for name in &template_names {
            let found = raw.iter().find(|(_, p)| {
                matches!(p, oa::Parameter::Path { .. }) && &p.parameter_data_ref().name == name
            });
            let Some((at, p)) = found else {
                return Err(self.err_hint(
                    op_ptr,
                    format!("path placeholder {{{name}}} has no path parameter"),
                    format!("add a parameter `{{name: {name}, in: path, required: true}}`"),
                ));
            };
            params.push(self.parameter(at, p, &type_prefix, &mut dedupe)?);
        }
        for (at, p) in &raw {
            match p {
                oa::Parameter::Path { parameter_data, .. } => {
                    if !template_names.contains(&parameter_data.name) {
                        return Err(self.err_hint(
                            at.as_str(),
                            format!(
                                "path parameter {:?} does not appear in the path {path:?}",
                                parameter_data.name
                            ),
                            "add the placeholder to the path or make it a query parameter",
                        ));
                    }
                }
                oa::Parameter::Cookie { .. } => {
                    return Err(self.err_hint(
                        at.as_str(),
                        "cookie parameters are not supported",
                        "use a header or query parameter",
                    ))
                }
                _ => params.push(self.parameter(at, p, &type_prefix, &mut dedupe)?),
            }
        }

        let body = match &op.request_body {
            None => None,
            Some(b) => Some(self.request_body(b, &ptr(op_ptr, "requestBody"), &type_prefix)?),
        };

        let mut responses = Vec::new();
        let resp_ptr = ptr(op_ptr, "responses");
        for (code, resp) in &op.responses.responses {
            let (status, label) = match code {
                oa::StatusCode::Code(c) => (Some(*c), c.to_string()),
                oa::StatusCode::Range(r) => {
                    return Err(self.err_hint(
                        ptr(&resp_ptr, &format!("{r}XX")),
                        "status code ranges are not supported",
                        "list the status codes explicitly",
                    ))
                }
            };
            let context = if (200..300).contains(&status.unwrap_or(0))
                && responses.iter().all(|r: &ResponseDef| r.body.is_none())
            {
                format!("{type_prefix}ResponseBody")
            } else {
                format!("{type_prefix}Response{label}Body")
            };
            responses.push(self.response(resp, &ptr(&resp_ptr, &label), status, &context)?);
        }
        if let Some(resp) = &op.responses.default {
            responses.push(self.response(
                resp,
                &ptr(&resp_ptr, "default"),
                None,
                &format!("{type_prefix}DefaultResponseBody"),
            )?);
        }
        responses.sort_by_key(|r| r.status.unwrap_or(u16::MAX));
        let success = responses
            .iter()
            .position(|r| r.status.is_some_and(|s| (200..300).contains(&s)));

        let security = op
            .security
            .iter()
            .flatten()
            .flat_map(|req| req.keys().cloned())
            .collect();

        Ok(Operation {
            operation_id: id,
            rust_name,
            type_prefix,
            method,
            path: path.to_string(),
            origin: op_ptr.to_string(),
            summary: non_empty(&op.summary),
            description: non_empty(&op.description),
            params,
            body,
            responses,
            success,
            security,
        })
    }

    fn resolve_parameter(
        &self,
        p: &ReferenceOr<oa::Parameter>,
        at: &str,
    ) -> Result<(String, oa::Parameter)> {
        match p {
            ReferenceOr::Item(p) => Ok((at.to_string(), p.clone())),
            ReferenceOr::Reference { reference } => {
                let Some(name) = reference.strip_prefix("#/components/parameters/") else {
                    return Err(self.err_hint(
                        ptr(at, "$ref"),
                        format!("unsupported $ref {reference:?}"),
                        "parameters may only reference #/components/parameters/Name",
                    ));
                };
                let found = self
                    .doc
                    .components
                    .as_ref()
                    .and_then(|c| c.parameters.get(name));
                match found {
                    Some(ReferenceOr::Item(p)) => {
                        Ok((ptr("#/components/parameters", name), p.clone()))
                    }
                    _ => Err(self.err_hint(
                        ptr(at, "$ref"),
                        format!(
                            "$ref {reference:?} does not resolve: there is no parameter {name:?}"
                        ),
                        "define it under components.parameters or fix the name",
                    )),
                }
            }
        }
    }

    fn parameter(
        &mut self,
        at: &str,
        p: &oa::Parameter,
        type_prefix: &str,
        dedupe: &mut Deduper,
    ) -> Result<Parameter> {
        let data = p.parameter_data_ref();
        let location = match p {
            oa::Parameter::Path { .. } => ParamLocation::Path,
            oa::Parameter::Query { .. } => ParamLocation::Query,
            oa::Parameter::Header { .. } => ParamLocation::Header,
            oa::Parameter::Cookie { .. } => {
                return Err(self.err(at, "cookie parameters are not supported"))
            }
        };
        if location == ParamLocation::Path && !data.required {
            return Err(self.err_hint(
                ptr(at, "required"),
                format!("path parameter {:?} must be required", data.name),
                "set `required: true`",
            ));
        }
        let schema = match &data.format {
            oa::ParameterSchemaOrContent::Schema(s) => s,
            oa::ParameterSchemaOrContent::Content(_) => {
                return Err(self.err_hint(
                    ptr(at, "content"),
                    "parameters with `content` are not supported",
                    "describe the parameter with `schema`",
                ))
            }
        };
        let schema_ptr = ptr(at, "schema");
        let context = format!("{type_prefix} {}", data.name);
        let shape = self.shape_ref(schema, &schema_ptr, &context)?;
        let ok = match &shape.ty {
            TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) | TypeRef::String { .. } => {
                true
            }
            TypeRef::Named(n) => !matches!(
                self.types.get(n).map(|t| &t.kind),
                Some(TypeKind::Struct(_))
            ),
            TypeRef::Array(item) => {
                location == ParamLocation::Query
                    && matches!(
                        item.ty,
                        TypeRef::Bool
                            | TypeRef::Integer(_)
                            | TypeRef::Number(_)
                            | TypeRef::String { .. }
                            | TypeRef::Named(_)
                    )
            }
            TypeRef::Any => false,
        };
        if !ok {
            return Err(self.err_hint(
                schema_ptr,
                format!(
                    "parameter {:?} has a type the generator cannot send",
                    data.name
                ),
                "parameters must be scalars or enums (arrays of them in the query)",
            ));
        }
        let (docs_schema, default) = self.docs_and_default(schema);
        let client_config = match data.extensions.get("x-client-config") {
            None => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(_) => {
                return Err(self.err_hint(
                    ptr(at, "x-client-config"),
                    "x-client-config must name a client setting",
                    "write `x-client-config: project_id`",
                ))
            }
        };
        Ok(Parameter {
            rust_name: dedupe.unique(naming::field_name(&data.name), "_"),
            wire_name: data.name.clone(),
            location,
            required: data.required,
            docs: non_empty(&data.description).or(docs_schema),
            shape,
            default,
            client_config,
            example: data.example.clone(),
        })
    }

    fn request_body(
        &mut self,
        body: &ReferenceOr<oa::RequestBody>,
        at: &str,
        type_prefix: &str,
    ) -> Result<RequestBody> {
        let (at, body) = match body {
            ReferenceOr::Item(b) => (at.to_string(), b.clone()),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/requestBodies/");
                let found = name.and_then(|n| {
                    self.doc
                        .components
                        .as_ref()
                        .and_then(|c| c.request_bodies.get(n))
                });
                match (name, found) {
                    (Some(n), Some(ReferenceOr::Item(b))) => {
                        (ptr("#/components/requestBodies", n), b.clone())
                    }
                    _ => {
                        return Err(self.err_hint(
                            ptr(at, "$ref"),
                            format!("$ref {reference:?} does not resolve"),
                            "reference #/components/requestBodies/Name",
                        ))
                    }
                }
            }
        };
        let (content_type, media) = self.json_media(&body.content, &at)?;
        let media_ptr = ptr(&ptr(&at, "content"), &content_type);
        let Some(schema) = &media.schema else {
            return Err(self.err_hint(
                media_ptr,
                "the request body has no schema",
                "add `schema:` to the media type",
            ));
        };
        let shape = self.shape_ref(
            schema,
            &ptr(&media_ptr, "schema"),
            &format!("{type_prefix}RequestBody"),
        )?;
        Ok(RequestBody {
            ty: shape.ty,
            required: body.required,
            content_type,
            docs: non_empty(&body.description),
            example: example_of(media),
        })
    }

    fn json_media<'m>(
        &self,
        content: &'m indexmap::IndexMap<String, oa::MediaType>,
        at: &str,
    ) -> Result<(String, &'m oa::MediaType)> {
        content
            .iter()
            .find(|(k, _)| is_json(k))
            .map(|(k, v)| (k.clone(), v))
            .ok_or_else(|| {
                self.err_hint(
                    ptr(at, "content"),
                    format!(
                        "no JSON media type (found: {})",
                        content.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                    "this generator supports application/json bodies only",
                )
            })
    }

    fn response(
        &mut self,
        resp: &ReferenceOr<oa::Response>,
        at: &str,
        status: Option<u16>,
        context: &str,
    ) -> Result<ResponseDef> {
        let (at, resp) = match resp {
            ReferenceOr::Item(r) => (at.to_string(), r.clone()),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/responses/");
                let found = name.and_then(|n| {
                    self.doc
                        .components
                        .as_ref()
                        .and_then(|c| c.responses.get(n))
                });
                match (name, found) {
                    (Some(n), Some(ReferenceOr::Item(r))) => {
                        (ptr("#/components/responses", n), r.clone())
                    }
                    _ => {
                        return Err(self.err_hint(
                            ptr(at, "$ref"),
                            format!("$ref {reference:?} does not resolve"),
                            "reference #/components/responses/Name",
                        ))
                    }
                }
            }
        };
        let (body, example) = if resp.content.is_empty() {
            (None, None)
        } else {
            let (ct, media) = self.json_media(&resp.content, &at)?;
            let media_ptr = ptr(&ptr(&at, "content"), &ct);
            match &media.schema {
                None => (None, example_of(media)),
                Some(schema) => {
                    let shape = self.shape_ref(schema, &ptr(&media_ptr, "schema"), context)?;
                    (Some(shape.ty), example_of(media))
                }
            }
        };
        Ok(ResponseDef {
            status,
            description: resp.description.trim().to_string(),
            body,
            example,
        })
    }

    // ----- servers and auth -----

    fn regions(&self) -> Result<(Vec<Region>, Option<String>)> {
        let mut regions: Vec<Region> = Vec::new();
        let mut default = None;
        let mut dedupe = Deduper::default();
        let mut push = |l: &Self, id: String, endpoint: String, at: &str| -> Result<()> {
            if regions.iter().any(|r| r.id == id) {
                return Err(l.err_hint(
                    at,
                    format!("region {id:?} is defined twice"),
                    "each region ID may appear in one server only",
                ));
            }
            regions.push(Region {
                rust_name: dedupe.unique(naming::variant_name(&id), ""),
                id,
                endpoint,
            });
            Ok(())
        };
        for (i, server) in self.doc.servers.iter().enumerate() {
            let at = ptr("#/servers", &i.to_string());
            let vars = server.variables.clone().unwrap_or_default();
            // Other variables take their defaults.
            let mut url = server.url.clone();
            for (name, var) in &vars {
                if name != "region" {
                    url = url.replace(&format!("{{{name}}}"), &var.default);
                }
            }
            if let Some(region_var) = vars.get("region") {
                if !url.contains("{region}") {
                    return Err(
                        self.err(ptr(&at, "url"), "variable `region` is not used in the URL")
                    );
                }
                if region_var.enumeration.is_empty() {
                    return Err(self.err_hint(
                        ptr(&ptr(&at, "variables"), "region"),
                        "the region variable has no enum of region IDs",
                        "list the region IDs under `enum:`",
                    ));
                }
                for id in &region_var.enumeration {
                    push(self, id.clone(), url.replace("{region}", id), &at)?;
                }
                default.get_or_insert_with(|| region_var.default.clone());
            } else if let Some(id) = server.extensions.get("x-region") {
                let Value::String(id) = id else {
                    return Err(
                        self.err(ptr(&at, "x-region"), "x-region must be a region ID string")
                    );
                };
                if url.contains('{') {
                    return Err(self.err(
                        ptr(&at, "url"),
                        "a server with x-region must have a fixed URL",
                    ));
                }
                push(self, id.clone(), url, &at)?;
            }
        }
        if let Some(d) = &default {
            if !regions.iter().any(|r| &r.id == d) {
                return Err(self.err(
                    "#/servers",
                    format!("the default region {d:?} is not in the region enum"),
                ));
            }
        }
        Ok((regions, default))
    }

    fn auth(&mut self) -> Result<Vec<AuthScheme>> {
        let Some(components) = &self.doc.components else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let at = ptr("#/components/securitySchemes", name);
            let ReferenceOr::Item(scheme) = scheme else {
                return Err(self.err(at, "security schemes given as $ref are not supported"));
            };
            let oa::SecurityScheme::APIKey {
                location,
                name: header,
                description,
                extensions,
            } = scheme
            else {
                return Err(self.err_hint(
                    at,
                    "only apiKey security schemes are supported",
                    "describe token auth as `type: apiKey, in: header`, and request signing with `x-signing`",
                ));
            };
            let kind = if let Some(alg) = extensions.get("x-signing") {
                let algorithm = match alg.as_str() {
                    Some("SDK-HMAC-SHA256") => SigningAlgorithm::SdkHmacSha256,
                    _ => {
                        return Err(self.err_hint(
                            ptr(&at, "x-signing"),
                            format!("unsupported signing algorithm {alg}"),
                            "the runtime implements SDK-HMAC-SHA256",
                        ))
                    }
                };
                AuthKind::Signing {
                    algorithm,
                    env: self.credential_env(extensions.get("x-credential-env"), &at)?,
                }
            } else {
                if !matches!(location, oa::APIKeyLocation::Header) {
                    return Err(self.err_hint(
                        ptr(&at, "in"),
                        "only header API keys are supported",
                        "set `in: header`",
                    ));
                }
                let constraints = match extensions.get("x-value-schema") {
                    None => Constraints::default(),
                    Some(v) => {
                        let vat = ptr(&at, "x-value-schema");
                        let schema: oa::Schema = serde_json::from_value(v.clone())
                            .map_err(|e| self.err(vat.clone(), format!("not a schema: {e}")))?;
                        let shape = self.shape(&schema, &vat, "token")?;
                        if !matches!(shape.ty, TypeRef::String { .. }) {
                            return Err(self.err(vat, "x-value-schema must be a string schema"));
                        }
                        shape.constraints
                    }
                };
                AuthKind::HeaderToken {
                    header: header.clone(),
                    constraints,
                }
            };
            out.push(AuthScheme {
                name: name.clone(),
                docs: non_empty(description),
                kind,
            });
        }
        Ok(out)
    }

    fn credential_env(&self, v: Option<&Value>, at: &str) -> Result<CredentialEnv> {
        let at = ptr(at, "x-credential-env");
        let mut env = CredentialEnv::default();
        let Some(v) = v else { return Ok(env) };
        let Value::Object(map) = v else {
            return Err(self.err(
                at,
                "x-credential-env must be a mapping of lists of variable names",
            ));
        };
        for (key, names) in map {
            let list = match names {
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>(),
                _ => None,
            }
            .ok_or_else(|| {
                self.err(
                    ptr(&at, key),
                    "expected a list of environment variable names",
                )
            })?;
            match key.as_str() {
                "access_key" => env.access_key = list,
                "secret_key" => env.secret_key = list,
                "security_token" => env.security_token = list,
                "project_id" => env.project_id = list,
                _ => {
                    return Err(self.err_hint(
                        ptr(&at, key),
                        format!("unknown credential {key:?}"),
                        "use access_key, secret_key, security_token or project_id",
                    ))
                }
            }
        }
        Ok(env)
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

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

fn example_of(media: &oa::MediaType) -> Option<Value> {
    media.example.clone().or_else(|| {
        media.examples.values().find_map(|e| match e {
            ReferenceOr::Item(e) => e.value.clone(),
            ReferenceOr::Reference { .. } => None,
        })
    })
}

fn location_of(p: &oa::Parameter) -> u8 {
    match p {
        oa::Parameter::Path { .. } => 0,
        oa::Parameter::Query { .. } => 1,
        oa::Parameter::Header { .. } => 2,
        oa::Parameter::Cookie { .. } => 3,
    }
}

/// The `{name}` placeholders of a path template, in order.
fn path_template_names(path: &str) -> std::result::Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in path {path:?}"))?;
        let name = &after[..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!("malformed placeholder in path {path:?}"));
        }
        if names.iter().any(|n| n == name) {
            return Err(format!(
                "placeholder {{{name}}} appears twice in path {path:?}"
            ));
        }
        names.push(name.to_string());
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("unmatched `}}` in path {path:?}"));
    }
    Ok(names)
}

/// Marks which types are reachable from requests and from responses.
fn mark_usage(types: &mut [TypeDef], operations: &[Operation]) {
    fn walk(ty: &TypeRef, types: &[TypeDef], seen: &mut BTreeSet<String>) {
        match ty {
            TypeRef::Array(item) => walk(&item.ty, types, seen),
            TypeRef::Named(n) if seen.insert(n.clone()) => {
                let found = types.binary_search_by(|t| t.rust_name.as_str().cmp(n));
                if let Some(TypeKind::Struct(s)) = found.ok().map(|i| &types[i].kind) {
                    for f in &s.fields {
                        walk(&f.shape.ty, types, seen);
                    }
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
        }
        for r in &op.responses {
            if let Some(b) = &r.body {
                walk(b, types, &mut response);
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

#[cfg(test)]
mod tests {
    use super::path_template_names;

    #[test]
    fn path_templates() {
        assert_eq!(
            path_template_names("/v5/{project_id}/common/task").unwrap(),
            vec!["project_id"]
        );
        assert!(path_template_names("/v5/{project_id/x").is_err());
        assert!(path_template_names("/v5/{a}/{a}").is_err());
        assert!(path_template_names("/v5/a}").is_err());
        assert!(path_template_names("/v5/{}").is_err());
    }
}
