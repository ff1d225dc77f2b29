//! Bodies the generator cannot carry are spec errors naming the JSON pointer and line; and the
//! media type it picks among several follows the documented order (JSON, multipart, text, other),
//! whatever order the spec lists them in.

use generator::ir::{BodyKind, PartKind};

fn options() -> generator::Options {
    generator::Options {
        spec_name: "spec.yaml".into(),
        crate_name: None,
    }
}

/// A spec with one POST operation `/x` whose request body and 200 response are given.
fn spec(request_body: &str, response: &str) -> String {
    let indent = |text: &str, by: usize| {
        text.lines()
            .map(|l| format!("{}{l}\n", " ".repeat(by)))
            .collect::<String>()
    };
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nx-crate: {{name: t, version: 0.1.0}}\npaths:\n  /x:\n    post:\n      operationId: Op\n{}      responses:\n        '200':\n{}",
        if request_body.is_empty() {
            String::new()
        } else {
            format!("      requestBody:\n{}", indent(request_body, 8))
        },
        indent(response, 10)
    )
}

fn error_of(text: &str) -> String {
    match generator::generate(text, &options()) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// The line of the spec on which `needle` first appears (1-based).
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in the spec"))
        + 1
}

const OK: &str = "description: ok";

#[test]
fn unsupported_bodies_are_errors_with_pointer_and_line() {
    let cases: &[(&str, String, &str, &str, &str)] = &[
        (
            "form-urlencoded request",
            spec(
                "content:\n  application/x-www-form-urlencoded:\n    schema: {type: object}",
                OK,
            ),
            "#/paths/~1x/post/requestBody/content/application~1x-www-form-urlencoded",
            "the media type \"application/x-www-form-urlencoded\" is not supported",
            "application/x-www-form-urlencoded:",
        ),
        (
            "multipart response",
            spec("", "description: ok\ncontent:\n  multipart/mixed:\n    schema: {type: string}"),
            "#/paths/~1x/post/responses/200/content/multipart~1mixed",
            "is not supported",
            "multipart/mixed:",
        ),
        (
            "wildcard response",
            spec("", "description: ok\ncontent:\n  '*/*':\n    schema: {type: string}"),
            "#/paths/~1x/post/responses/200/content/*~1*",
            "is not supported",
            "'*/*':",
        ),
        (
            "text body with an object schema",
            spec(
                "content:\n  text/plain:\n    schema: {type: object}",
                OK,
            ),
            "#/paths/~1x/post/requestBody/content/text~1plain/schema",
            "a \"text/plain\" body must have a string schema",
            "schema: {type: object}",
        ),
        (
            "bytes response with an array schema",
            spec("", "description: ok\ncontent:\n  application/pdf:\n    schema: {type: array, items: {type: string}}"),
            "#/paths/~1x/post/responses/200/content/application~1pdf/schema",
            "must have a string schema",
            "schema: {type: array",
        ),
        (
            "multipart body that is not an object",
            spec(
                "content:\n  multipart/form-data:\n    schema: {type: string}",
                OK,
            ),
            "#/paths/~1x/post/requestBody/content/multipart~1form-data/schema",
            "a multipart/form-data body must be an object schema",
            "schema: {type: string}",
        ),
        (
            "multipart encoding of no property",
            spec(
                "content:\n  multipart/form-data:\n    schema:\n      type: object\n      properties:\n        file: {type: string, format: binary}\n    encoding:\n      fiel: {contentType: image/png}",
                OK,
            ),
            "#/paths/~1x/post/requestBody/content/multipart~1form-data/encoding/fiel",
            "encoding names \"fiel\", which is not a property of the form",
            "fiel:",
        ),
        (
            "multipart part content type list",
            spec(
                "content:\n  multipart/form-data:\n    schema:\n      type: object\n      properties:\n        file: {type: string, format: binary}\n    encoding:\n      file: {contentType: 'image/png, image/jpeg'}",
                OK,
            ),
            "#/paths/~1x/post/requestBody/content/multipart~1form-data/encoding/file/contentType",
            "is not one media type",
            "file: {contentType",
        ),
        (
            "multipart without properties",
            spec(
                "content:\n  multipart/form-data:\n    schema: {type: object}",
                OK,
            ),
            "#/paths/~1x/post/requestBody/content/multipart~1form-data/schema/properties",
            "has no properties",
            "schema: {type: object}",
        ),
    ];
    for (what, text, pointer, message, line_text) in cases {
        let error = error_of(text);
        assert!(
            error.contains(pointer),
            "{what}: {pointer} not in:\n{error}"
        );
        assert!(
            error.contains(message),
            "{what}: {message:?} not in:\n{error}"
        );
        // The node's line: the key's own for a flow value, the next for a block mapping.
        let line = line_of(text, line_text);
        assert!(
            error.starts_with(&format!("spec.yaml:{line}:"))
                || error.starts_with(&format!("spec.yaml:{}:", line + 1)),
            "{what}: line {line} not in:\n{error}\n{text}"
        );
    }
}

#[test]
fn media_types_are_picked_in_the_documented_order_whatever_the_spec_order() {
    let kinds = |content: &str| {
        let text = spec(
            &format!("required: true\ncontent:\n{content}"),
            &format!("description: ok\ncontent:\n{content}"),
        );
        let api = generator::lower_spec(&text, &options()).unwrap_or_else(|e| panic!("{e}"));
        let op = &api.operations[0];
        let body = op.body.as_ref().unwrap();
        (
            body.content_type.clone(),
            body.kind.as_str(),
            op.responses[0].content_type.clone(),
            op.responses[0].kind.as_ref().map(BodyKind::as_str),
        )
    };
    let json = "  application/vnd.x+json:\n    schema: {type: integer}\n";
    let text = "  text/csv:\n    schema: {type: string}\n";
    let pdf = "  application/pdf:\n    schema: {type: string, format: binary}\n";
    for content in [format!("{pdf}{text}{json}"), format!("{json}{pdf}{text}")] {
        assert_eq!(
            kinds(&content),
            (
                "application/vnd.x+json".to_string(),
                "JSON",
                Some("application/vnd.x+json".to_string()),
                Some("JSON")
            )
        );
    }
    assert_eq!(
        kinds(&format!("{pdf}{text}")),
        (
            "text/csv".into(),
            "text",
            Some("text/csv".into()),
            Some("text")
        )
    );
    assert_eq!(
        kinds(pdf),
        (
            "application/pdf".into(),
            "bytes",
            Some("application/pdf".into()),
            Some("bytes")
        )
    );
    // Text with `format: binary` is bytes.
    assert_eq!(
        kinds("  text/plain:\n    schema: {type: string, format: binary}\n").1,
        "bytes"
    );
}

#[test]
fn multipart_parts_follow_their_schemas() {
    let text = spec(
        "required: true\ncontent:\n  multipart/form-data:\n    schema:\n      type: object\n      required: [type]\n      properties:\n        type: {type: string, enum: [a]}\n        file: {type: string, format: binary}\n        files: {type: array, items: {type: string, format: binary}}\n        ids: {type: array, items: {type: integer}}\n        meta: {type: object, properties: {k: {type: string}}}\n        any: {}\n    encoding:\n      file: {contentType: image/png}",
        OK,
    );
    let api = generator::lower_spec(&text, &options()).unwrap_or_else(|e| panic!("{e}"));
    let body = api.operations[0].body.as_ref().unwrap();
    let BodyKind::Multipart(form) = &body.kind else {
        panic!("{:?}", body.kind)
    };
    assert_eq!(form.rust_name, "OpForm");
    let summary: Vec<(&str, &str, bool, Option<&str>)> = form
        .parts
        .iter()
        .map(|p| {
            let kind = match &p.kind {
                PartKind::File { many: false } => "file",
                PartKind::File { many: true } => "files",
                PartKind::Text(_) => "text",
                PartKind::Json(_) => "json",
            };
            (
                p.wire_name.as_str(),
                kind,
                p.required,
                p.content_type.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("type", "text", true, None),
            ("file", "file", false, Some("image/png")),
            ("files", "files", false, None),
            ("ids", "text", false, None),
            ("meta", "json", false, None),
            ("any", "json", false, None),
        ]
    );
    assert_eq!(form.parts[0].rust_name, "r#type");
}
