//! Paths and operations: each operation with its parameters, request body and responses.

use super::{non_empty, ptr, Lowerer, Result};
use crate::ir::*;
use crate::naming::{self, Deduper};
use openapiv3 as oa;
use openapiv3::ReferenceOr;
use serde_json::Value;
use std::collections::BTreeMap;

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

/// The request type's field that holds the body; parameters get other names.
const BODY_FIELD: &str = "body";

impl<'a> Lowerer<'a> {
    /// Whether a parameter or header value of type `ty` has a text form: a scalar or an enum,
    /// or an array of them.
    fn scalar_or_list(&self, ty: &TypeRef) -> bool {
        let scalar = |ty: &TypeRef| match ty {
            TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) | TypeRef::String { .. } => {
                true
            }
            TypeRef::Named(n) => !matches!(
                self.types.get(n).map(|t| &t.kind),
                Some(TypeKind::Struct(_) | TypeKind::Union(_))
            ),
            TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Any => false,
        };
        match ty {
            TypeRef::Array(item) => scalar(&item.ty),
            ty => scalar(ty),
        }
    }

    /// Every operation, in spec order (paths in document order, methods in [`METHODS`] order).
    pub(super) fn operations(&mut self) -> Result<Vec<Operation>> {
        let mut ops = Vec::new();
        let mut ids: BTreeMap<String, String> = BTreeMap::new();
        let mut rust_names: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut type_names: BTreeMap<String, (String, String)> = BTreeMap::new();
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
                // Two operationIds that become the same method or type names after case
                // conversion (`getFoo` and `get_foo`, `a1b` and `a_1b`) would not compile.
                let rust_name = naming::field_name(&id);
                let type_prefix = naming::type_name(&id);
                for (names, name, what) in [
                    (&mut rust_names, &rust_name, "the method and module name"),
                    (&mut type_names, &type_prefix, "the type name prefix"),
                ] {
                    if let Some((other, other_ptr)) =
                        names.insert(name.clone(), (id.clone(), op_ptr.clone()))
                    {
                        return Err(self.err_hint(
                            ptr(&op_ptr, "operationId"),
                            format!(
                                "operationId {id:?} and {other:?} (at {other_ptr}/operationId) both become {what} `{name}`"
                            ),
                            "rename one of them so that they differ after case conversion",
                        ));
                    }
                }
                // Each operation on its own: an error is recorded and the next one lowered.
                let lowered = self.operation(path, *method, id, rust_name, item, op, &op_ptr);
                ops.extend(self.collect(lowered));
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
                let p = self.resolve(p, &at)?;
                let key = (
                    p.item.parameter_data_ref().name.clone(),
                    location_of(p.item),
                );
                raw.retain(|(_, q)| (q.parameter_data_ref().name.clone(), location_of(q)) != key);
                raw.push((p.pointer, p.item.clone()));
            }
        }
        let template_names = path_template_names(path).map_err(|m| {
            self.err_hint(ptr("#/paths", path), m, "write placeholders as `{name}`")
        })?;
        let mut params = Vec::new();
        let mut dedupe = Deduper::with_reserved(&[BODY_FIELD]);
        let has_body = op.request_body.is_some();
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
            params.push(self.parameter(at, p, &type_prefix, &mut dedupe, has_body)?);
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
                _ => params.push(self.parameter(at, p, &type_prefix, &mut dedupe, has_body)?),
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
            responses.push(self.response(
                resp,
                &ptr(&resp_ptr, &label),
                status,
                &context,
                &format!("{type_prefix}Response{label}"),
            )?);
        }
        if let Some(resp) = &op.responses.default {
            responses.push(self.response(
                resp,
                &ptr(&resp_ptr, "default"),
                None,
                &format!("{type_prefix}DefaultResponseBody"),
                &format!("{type_prefix}DefaultResponse"),
            )?);
        }
        responses.sort_by_key(|r| r.status.unwrap_or(u16::MAX));
        let success = responses
            .iter()
            .position(|r| r.status.is_some_and(|s| (200..300).contains(&s)));
        if let Some(r) = success.map(|i| &mut responses[i]) {
            if !r.headers.is_empty() {
                r.headers_type = Some(format!("{type_prefix}ResponseHeaders"));
            }
        }

        let security = match &op.security {
            None => None,
            Some(requirement) => Some(self.security_requirement(
                requirement,
                &ptr(op_ptr, "security"),
                &self.schemes,
            )?),
        };

        Ok(Operation {
            operation_id: id,
            request_type: naming::request_type_name(&type_prefix),
            module: rust_name.clone(),
            example: naming::file_stem(&rust_name),
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

    fn parameter(
        &mut self,
        at: &str,
        p: &oa::Parameter,
        type_prefix: &str,
        dedupe: &mut Deduper,
        has_body: bool,
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
        if location == ParamLocation::Header {
            self.check_header_name(at, &data.name, has_body)?;
        }
        let context = format!("{type_prefix} {}", data.name);
        let shape = self.shape_ref(schema, &schema_ptr, &context)?;
        if !self.scalar_or_list(&shape.ty) {
            return Err(self.err_hint(
                schema_ptr,
                format!(
                    "parameter {:?} has a type the generator cannot send",
                    data.name
                ),
                "parameters must be scalars or enums, or arrays of them",
            ));
        }
        let is_array = matches!(shape.ty, TypeRef::Array(_));
        let array_style = self.array_style(at, p, is_array)?;
        let (docs_schema, default) = self.docs_and_default(schema, &schema_ptr);
        let client_config = self.client_config(&data.extensions, at)?;
        let rust_name = dedupe.unique(naming::field_name(&data.name), "_");
        Ok(Parameter {
            setter: naming::setter_name(&rust_name),
            rust_name,
            wire_name: data.name.clone(),
            location,
            required: data.required,
            docs: non_empty(&data.description).or(docs_schema),
            shape,
            default,
            client_config,
            example: data.example.clone(),
            array_style,
        })
    }

    /// The wire form of an array parameter from its `style` and `explode` (`None` for a
    /// scalar), or an error at `{at}/style` (or `/explode`, `/allowReserved`) for a style this
    /// generator does not send: `deepObject` (objects are not parameters), a delimited style on
    /// a scalar, and the path styles `matrix` and `label`.
    fn array_style(
        &self,
        at: &str,
        p: &oa::Parameter,
        is_array: bool,
    ) -> Result<Option<ArrayStyle>> {
        let data = p.parameter_data_ref();
        let name = &data.name;
        let style_ptr = ptr(at, "style");
        match p {
            oa::Parameter::Query {
                style,
                allow_reserved,
                ..
            } => {
                if *allow_reserved {
                    return Err(self.err_hint(
                        ptr(at, "allowReserved"),
                        format!("query parameter {name:?}: `allowReserved: true` is not supported"),
                        "remove it: the query is sent as the signed canonical query, every reserved character percent-encoded",
                    ));
                }
                let explode = data
                    .explode
                    .unwrap_or(matches!(style, oa::QueryStyle::Form));
                match style {
                    oa::QueryStyle::DeepObject => Err(self.err_hint(
                        style_ptr,
                        format!("query parameter {name:?}: style `deepObject` is not supported"),
                        "deepObject applies to objects, which are not parameters; use `form`",
                    )),
                    oa::QueryStyle::Form => Ok(is_array.then_some(if explode {
                        ArrayStyle::Repeated
                    } else {
                        ArrayStyle::Comma
                    })),
                    delimited => {
                        let word = if matches!(delimited, oa::QueryStyle::SpaceDelimited) {
                            "spaceDelimited"
                        } else {
                            "pipeDelimited"
                        };
                        if !is_array {
                            return Err(self.err_hint(
                                style_ptr,
                                format!("query parameter {name:?}: style `{word}` applies to arrays only"),
                                "remove `style` (a scalar is sent as `name=value`)",
                            ));
                        }
                        Ok(Some(if explode {
                            ArrayStyle::Repeated
                        } else if word == "spaceDelimited" {
                            ArrayStyle::Space
                        } else {
                            ArrayStyle::Pipe
                        }))
                    }
                }
            }
            oa::Parameter::Path { style, .. } => match style {
                oa::PathStyle::Simple => Ok(is_array.then_some(ArrayStyle::Comma)),
                other => {
                    let word = if matches!(other, oa::PathStyle::Matrix) {
                        "matrix"
                    } else {
                        "label"
                    };
                    Err(self.err_hint(
                        style_ptr,
                        format!("path parameter {name:?}: style `{word}` is not supported"),
                        "use `style: simple` (the default)",
                    ))
                }
            },
            // `simple` is the only header style; `explode` changes objects only.
            _ => Ok(is_array.then_some(ArrayStyle::Comma)),
        }
    }

    /// Rejects a header parameter whose name is not an HTTP token, or that the client sets
    /// itself, where a value of the caller's could not be sent as given: `Host`, `Authorization`,
    /// `X-Sdk-Date` when a scheme signs requests,
    /// `Content-Length` and `Transfer-Encoding` (the transport), and `Content-Type` on an
    /// operation with a request body (the body's media type).
    fn check_header_name(&self, at: &str, name: &str, has_body: bool) -> Result<()> {
        if !crate::naming::is_http_token(name) {
            return Err(self.err_hint(
                ptr(at, "name"),
                format!("header parameter {name:?} is not a valid HTTP header name"),
                "use letters, digits and `-` (no spaces, colons or other separators)",
            ));
        }
        let lower = name.to_ascii_lowercase();
        let signed_date = self.schemes.iter().any(|a| {
            matches!(a.kind, AuthKind::Signing { algorithm, .. }
                if algorithm.date_header().eq_ignore_ascii_case(name))
        });
        let why = match lower.as_str() {
            "host" | "authorization" => "the client sets it when it authenticates the request",
            _ if signed_date => "the signing scheme sets it when it signs the request",
            "content-length" | "transfer-encoding" => "the transport sets it from the body",
            "content-type" if has_body => "the request body's media type sets it",
            _ => return Ok(()),
        };
        Err(self.err_hint(
            ptr(at, "name"),
            format!("header parameter {name:?} cannot be sent: {why}"),
            "remove the parameter",
        ))
    }

    fn request_body(
        &mut self,
        body: &ReferenceOr<oa::RequestBody>,
        at: &str,
        type_prefix: &str,
    ) -> Result<RequestBody> {
        let body = self.resolve(body, at)?;
        let (at, body) = (body.pointer, body.item);
        let (content_type, media, class) = self.pick_media(&body.content, &at, true)?;
        let media_ptr = ptr(&ptr(&at, "content"), &content_type);
        let schema_ptr = ptr(&media_ptr, "schema");
        let (shape, kind) = match class {
            MediaClass::Json => {
                let Some(schema) = &media.schema else {
                    return Err(self.err_hint(
                        media_ptr,
                        "the request body has no schema",
                        "add `schema:` to the media type",
                    ));
                };
                let shape =
                    self.shape_ref(schema, &schema_ptr, &format!("{type_prefix}RequestBody"))?;
                (shape, BodyKind::Json)
            }
            MediaClass::Multipart => {
                let Some(schema) = &media.schema else {
                    return Err(self.err_hint(
                        media_ptr,
                        "the multipart request body has no schema",
                        "add `schema: {type: object, properties: ...}`: each property is a part",
                    ));
                };
                let form = self.form(schema, &schema_ptr, media, &media_ptr, type_prefix)?;
                (plain(TypeRef::Any), BodyKind::Multipart(form))
            }
            MediaClass::Text | MediaClass::Other => {
                let binary = self.string_media_schema(media, &media_ptr, &content_type)?;
                match &media.schema {
                    // A text body: its string schema's constraints are checked.
                    Some(schema) if class == MediaClass::Text && !binary => {
                        let shape = self.shape_ref(
                            schema,
                            &schema_ptr,
                            &format!("{type_prefix}RequestBody"),
                        )?;
                        (shape, BodyKind::Text)
                    }
                    _ if class == MediaClass::Text && !binary => {
                        (plain(TypeRef::String { format: None }), BodyKind::Text)
                    }
                    _ => (
                        plain(TypeRef::String {
                            format: Some("binary".into()),
                        }),
                        BodyKind::Bytes,
                    ),
                }
            }
        };
        Ok(RequestBody {
            rust_name: BODY_FIELD.to_string(),
            setter: naming::setter_name(BODY_FIELD),
            ty: shape.ty,
            constraints: shape.constraints,
            required: body.required,
            content_type,
            kind,
            docs: non_empty(&body.description),
            example: example_of(media),
        })
    }

    /// The media type a body is read or sent as, when `content` lists several: JSON first, then
    /// (requests only) `multipart/form-data`, then `text/*`, then any other media type (raw
    /// bytes), each time the first listed. `application/x-www-form-urlencoded` and (in responses)
    /// `multipart/*` are not supported.
    fn pick_media<'m>(
        &self,
        content: &'m indexmap::IndexMap<String, oa::MediaType>,
        at: &str,
        request: bool,
    ) -> Result<(String, &'m oa::MediaType, MediaClass)> {
        let mut best: Option<(u8, &String, &oa::MediaType, MediaClass)> = None;
        let mut unsupported: Option<&String> = None;
        for (name, media) in content {
            let class = match media_class(name) {
                Some(MediaClass::Multipart) if !request => None,
                Some(MediaClass::Multipart) if essence(name) != "multipart/form-data" => None,
                other => other,
            };
            let Some(class) = class else {
                unsupported.get_or_insert(name);
                continue;
            };
            let rank = class as u8;
            if best.as_ref().map_or(true, |(r, ..)| rank < *r) {
                best = Some((rank, name, media, class));
            }
        }
        match best {
            Some((_, name, media, class)) => Ok((name.clone(), media, class)),
            None => {
                let name = unsupported.cloned().unwrap_or_default();
                Err(self.err_hint(
                    ptr(&ptr(at, "content"), &name),
                    format!("the media type {name:?} is not supported"),
                    if request {
                        "bodies can be JSON, text/*, multipart/form-data, or any other media type with a `type: string, format: binary` schema (sent as bytes)"
                    } else {
                        "response bodies can be JSON, text/*, or any other media type with a `type: string, format: binary` schema (read as bytes)"
                    },
                ))
            }
        }
    }

    /// Checks the schema of a text or bytes media type: none, or `type: string` (a `$ref` to one
    /// is followed). Returns whether it says `format: binary`.
    fn string_media_schema(
        &self,
        media: &oa::MediaType,
        media_ptr: &str,
        content_type: &str,
    ) -> Result<bool> {
        let Some(schema) = &media.schema else {
            return Ok(false);
        };
        let schema_ptr = ptr(media_ptr, "schema");
        let target = self.resolve(schema, &schema_ptr)?;
        match &target.item.schema_kind {
            oa::SchemaKind::Type(oa::Type::String(s)) => Ok(matches!(
                s.format,
                oa::VariantOrUnknownOrEmpty::Item(oa::StringFormat::Binary)
            )),
            _ => Err(self.err_hint(
                target.pointer,
                format!("a {content_type:?} body must have a string schema"),
                "use `type: string` (`format: binary` for bytes), or a JSON media type for structured data",
            )),
        }
    }

    /// The parts of a `multipart/form-data` body: the properties of its object schema.
    fn form(
        &mut self,
        schema: &ReferenceOr<oa::Schema>,
        schema_ptr: &str,
        media: &oa::MediaType,
        media_ptr: &str,
        type_prefix: &str,
    ) -> Result<Form> {
        let target = self.resolve(schema, schema_ptr)?;
        let (object_ptr, schema) = (target.pointer, target.item);
        let oa::SchemaKind::Type(oa::Type::Object(object)) = &schema.schema_kind else {
            return Err(self.err_hint(
                object_ptr,
                "a multipart/form-data body must be an object schema",
                "write `type: object` with one property per part",
            ));
        };
        if object.properties.is_empty() {
            return Err(self.err_hint(
                ptr(&object_ptr, "properties"),
                "a multipart/form-data body has no properties",
                "list the form's parts under `properties`",
            ));
        }
        for name in media.encoding.keys() {
            if !object.properties.contains_key(name) {
                return Err(self.err_hint(
                    ptr(&ptr(media_ptr, "encoding"), name),
                    format!("encoding names {name:?}, which is not a property of the form"),
                    format!(
                        "the properties are: {}",
                        object
                            .properties
                            .keys()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        let form_name = format!("{type_prefix}Form");
        let mut dedupe = Deduper::with_reserved(&[]);
        let mut parts = Vec::new();
        for (name, prop) in &object.properties {
            let prop_ptr = ptr(&ptr(&object_ptr, "properties"), name);
            let prop = prop.clone().unbox();
            let resolved = self.resolve(&prop, &prop_ptr)?;
            let file = match &resolved.item.schema_kind {
                oa::SchemaKind::Type(oa::Type::String(s)) => is_binary(s).then_some(false),
                oa::SchemaKind::Type(oa::Type::Array(a)) => match &a.items {
                    Some(items) => {
                        let items = items.clone().unbox();
                        let item = self.resolve(&items, &ptr(&resolved.pointer, "items"))?;
                        match &item.item.schema_kind {
                            oa::SchemaKind::Type(oa::Type::String(s)) => {
                                is_binary(s).then_some(true)
                            }
                            _ => None,
                        }
                    }
                    None => None,
                },
                _ => None,
            };
            let docs = non_empty(&resolved.item.schema_data.description);
            let kind = match file {
                Some(many) => PartKind::File { many },
                None => {
                    let shape = self.shape_ref(&prop, &prop_ptr, &format!("{form_name} {name}"))?;
                    let scalar = |ty: &TypeRef, lowerer: &Self| match ty {
                        TypeRef::Bool
                        | TypeRef::Integer(_)
                        | TypeRef::Number(_)
                        | TypeRef::String { .. } => true,
                        TypeRef::Named(n) => !matches!(
                            lowerer.types.get(n).map(|t| &t.kind),
                            Some(TypeKind::Struct(_))
                        ),
                        _ => false,
                    };
                    let text = match &shape.ty {
                        TypeRef::Array(item) => scalar(&item.ty, self) && !item.nullable,
                        ty => scalar(ty, self),
                    };
                    if text {
                        PartKind::Text(shape)
                    } else {
                        PartKind::Json(shape)
                    }
                }
            };
            let content_type = match media.encoding.get(name) {
                Some(encoding) => {
                    let enc_ptr = ptr(&ptr(media_ptr, "encoding"), name);
                    if !encoding.headers.is_empty() {
                        return Err(self.err_hint(
                            ptr(&enc_ptr, "headers"),
                            "per-part headers are not supported",
                            "remove `headers` from the encoding",
                        ));
                    }
                    match &encoding.content_type {
                        Some(ct) => {
                            let ct = ct.trim();
                            let single = !ct.is_empty()
                                && !ct.contains(',')
                                && !ct.contains('*')
                                && ct.bytes().all(|b| (b' '..=b'~').contains(&b));
                            if !single {
                                return Err(self.err_hint(
                                    ptr(&enc_ptr, "contentType"),
                                    format!("the part content type {ct:?} is not one media type"),
                                    "give one media type, such as `image/png` (lists and wildcards are not supported)",
                                ));
                            }
                            Some(ct.to_string())
                        }
                        None => None,
                    }
                }
                None => None,
            };
            let rust_name = dedupe.unique(naming::field_name(name), "_");
            parts.push(FormPart {
                setter: naming::setter_name(&rust_name),
                rust_name,
                wire_name: name.clone(),
                required: object.required.contains(name),
                docs,
                kind,
                content_type,
            });
        }
        for name in &object.required {
            if !object.properties.contains_key(name) {
                return Err(self.err_hint(
                    ptr(&object_ptr, "required"),
                    format!("required part {name:?} is not a property of the form"),
                    "list it under `properties` or remove it from `required`",
                ));
            }
        }
        Ok(Form {
            rust_name: form_name,
            parts,
        })
    }

    fn response(
        &mut self,
        resp: &ReferenceOr<oa::Response>,
        at: &str,
        status: Option<u16>,
        context: &str,
        header_context: &str,
    ) -> Result<ResponseDef> {
        let resp = self.resolve(resp, at)?;
        let (at, resp) = (resp.pointer, resp.item);
        let mut def = ResponseDef {
            status,
            description: resp.description.trim().to_string(),
            body: None,
            kind: None,
            content_type: None,
            example: None,
            // Headers are typed for success responses (an error response's headers stay raw on
            // the error).
            headers: if status.is_some_and(|s| (200..300).contains(&s)) {
                self.response_headers(&resp.headers, &at, header_context)?
            } else {
                Vec::new()
            },
            headers_type: None,
        };
        if resp.content.is_empty() {
            return Ok(def);
        }
        let (ct, media, class) = self.pick_media(&resp.content, &at, false)?;
        let media_ptr = ptr(&ptr(&at, "content"), &ct);
        def.example = example_of(media);
        match class {
            MediaClass::Json => {
                // A JSON media type without a schema documents no particular body.
                let Some(schema) = &media.schema else {
                    return Ok(def);
                };
                let shape = self.shape_ref(schema, &ptr(&media_ptr, "schema"), context)?;
                def.body = Some(shape.ty);
                def.kind = Some(BodyKind::Json);
            }
            MediaClass::Text | MediaClass::Other => {
                let binary = self.string_media_schema(media, &media_ptr, &ct)?;
                if class == MediaClass::Text && !binary {
                    def.body = Some(TypeRef::String { format: None });
                    def.kind = Some(BodyKind::Text);
                } else {
                    def.kind = Some(BodyKind::Bytes);
                }
            }
            MediaClass::Multipart => {
                unreachable!("pick_media never picks multipart for a response")
            }
        }
        def.content_type = Some(ct);
        Ok(def)
    }

    /// The declared headers of a success response: scalars, string or integer enums, or arrays
    /// of those (`simple`, comma-separated), each with a unique Rust field name.
    fn response_headers(
        &mut self,
        headers: &indexmap::IndexMap<String, ReferenceOr<oa::Header>>,
        at: &str,
        type_prefix: &str,
    ) -> Result<Vec<ResponseHeader>> {
        let mut out = Vec::new();
        let mut dedupe = Deduper::default();
        let base = ptr(at, "headers");
        for (name, header) in headers {
            let header_ptr = ptr(&base, name);
            let header = self.resolve(header, &header_ptr)?;
            let (hat, h) = (header.pointer, header.item);
            let schema = match &h.format {
                oa::ParameterSchemaOrContent::Schema(s) => s,
                oa::ParameterSchemaOrContent::Content(_) => {
                    return Err(self.err_hint(
                        ptr(&hat, "content"),
                        format!("response header {name:?}: `content` is not supported"),
                        "describe the header with `schema`",
                    ))
                }
            };
            let schema_ptr = ptr(&hat, "schema");
            let shape = self.shape_ref(schema, &schema_ptr, &format!("{type_prefix} {name}"))?;
            if !self.scalar_or_list(&shape.ty) {
                return Err(self.err_hint(
                    schema_ptr,
                    format!("response header {name:?} has a type the generator cannot read"),
                    "response headers must be scalars or enums, or arrays of them (comma-separated)",
                ));
            }
            let (docs_schema, _) = self.docs_and_default(schema, &schema_ptr);
            let rust_name = dedupe.unique(naming::field_name(name), "_");
            out.push(ResponseHeader {
                wire_name: name.clone(),
                rust_name,
                required: h.required,
                docs: non_empty(&h.description).or(docs_schema),
                shape,
            });
        }
        Ok(out)
    }
}

/// The kinds of media type, in the order [`Lowerer::pick_media`] prefers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MediaClass {
    Json = 0,
    Multipart = 1,
    Text = 2,
    Other = 3,
}

/// The media type without its parameters, lower-cased.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The class of a media type, or `None` for one that is not supported
/// (`application/x-www-form-urlencoded`, wildcards, a malformed name).
fn media_class(media_type: &str) -> Option<MediaClass> {
    let essence = essence(media_type);
    let (kind, sub) = essence.split_once('/')?;
    if kind.is_empty() || sub.is_empty() || kind == "*" || sub == "*" {
        return None;
    }
    if is_json(&essence) {
        Some(MediaClass::Json)
    } else if kind == "multipart" {
        Some(MediaClass::Multipart)
    } else if essence == "application/x-www-form-urlencoded" {
        None
    } else if kind == "text" {
        Some(MediaClass::Text)
    } else {
        Some(MediaClass::Other)
    }
}

/// A shape without constraints.
fn plain(ty: TypeRef) -> Shape {
    Shape {
        ty,
        nullable: false,
        constraints: Constraints::default(),
    }
}

fn is_binary(s: &oa::StringType) -> bool {
    matches!(
        s.format,
        oa::VariantOrUnknownOrEmpty::Item(oa::StringFormat::Binary)
    )
}

fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
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
pub(super) fn path_template_names(path: &str) -> std::result::Result<Vec<String>, String> {
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
