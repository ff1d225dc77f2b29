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
        let scalar = |ty: &TypeRef| match ty {
            TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) | TypeRef::String { .. } => {
                true
            }
            TypeRef::Named(n) => !matches!(
                self.types.get(n).map(|t| &t.kind),
                Some(TypeKind::Struct(_))
            ),
            TypeRef::Array(_) | TypeRef::Any => false,
        };
        let ok = match &shape.ty {
            TypeRef::Array(item) => scalar(&item.ty),
            ty => scalar(ty),
        };
        if !ok {
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
        // An HTTP header name is a token (RFC 9110): visible ASCII except separators.
        let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        if name.is_empty() || !name.bytes().all(token) {
            return Err(self.err_hint(
                ptr(at, "name"),
                format!("header parameter {name:?} is not a valid HTTP header name"),
                "use letters, digits and `-` (no spaces, colons or other separators)",
            ));
        }
        let lower = name.to_ascii_lowercase();
        let signing = self
            .schemes
            .iter()
            .any(|a| matches!(a.kind, AuthKind::Signing { .. }));
        let why = match lower.as_str() {
            "host" | "authorization" => "the client sets it when it authenticates the request",
            "x-sdk-date" if signing => "the signing scheme sets it when it signs the request",
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
            rust_name: BODY_FIELD.to_string(),
            setter: naming::setter_name(BODY_FIELD),
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
        header_context: &str,
    ) -> Result<ResponseDef> {
        let resp = self.resolve(resp, at)?;
        let (at, resp) = (resp.pointer, resp.item);
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
        // Headers are typed for success responses (an error response's headers stay raw on
        // the error).
        let headers = if status.is_some_and(|s| (200..300).contains(&s)) {
            self.response_headers(&resp.headers, &at, header_context)?
        } else {
            Vec::new()
        };
        Ok(ResponseDef {
            status,
            description: resp.description.trim().to_string(),
            body,
            example,
            headers,
            headers_type: None,
        })
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
            let scalar = |ty: &TypeRef| match ty {
                TypeRef::Bool
                | TypeRef::Integer(_)
                | TypeRef::Number(_)
                | TypeRef::String { .. } => true,
                TypeRef::Named(n) => !matches!(
                    self.types.get(n).map(|t| &t.kind),
                    Some(TypeKind::Struct(_))
                ),
                TypeRef::Array(_) | TypeRef::Any => false,
            };
            let ok = match &shape.ty {
                TypeRef::Array(item) => scalar(&item.ty),
                ty => scalar(ty),
            };
            if !ok {
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
