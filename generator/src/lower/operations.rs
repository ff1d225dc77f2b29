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
                Some(TypeKind::Struct(_) | TypeKind::Union(_))
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
            TypeRef::Map(_) | TypeRef::Any => false,
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
        })
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
        Ok(ResponseDef {
            status,
            description: resp.description.trim().to_string(),
            body,
            example,
        })
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
