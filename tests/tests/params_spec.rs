//! Parameter constructs the generator does not send, and names that would collide: each is a
//! spec error naming the JSON pointer (and line) of the node, never code that does not compile
//! or sends something else than the spec says.

fn options() -> generator::Options {
    generator::Options {
        spec_name: "params.yaml".to_string(),
        crate_name: None,
    }
}

/// A spec with one operation (`GET /things`, operationId `ListThings`, a JSON request body when
/// `body`) whose parameters are `params` (YAML flow sequence items), plus `extra_paths`.
fn spec(params: &str, body: bool, extra_paths: &str) -> String {
    let body = if body {
        "\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object}"
    } else {
        ""
    };
    format!(
        "openapi: 3.0.0
info: {{title: T, version: '1'}}
x-crate: {{name: t, version: 0.1.0}}
paths:
  /things/{{id}}:
    get:
      operationId: ListThings
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string}}}}
{params}{body}
      responses:
        '200': {{description: OK}}
{extra_paths}"
    )
}

fn param(yaml: &str) -> String {
    format!("        - {yaml}\n")
}

fn spec_error(text: &str) -> generator::error::SpecError {
    match generator::generate(text, &options()) {
        Err(generator::Error::Spec(mut errors)) => {
            assert_eq!(errors.len(), 1, "expected one spec error: {errors:?}");
            errors.remove(0)
        }
        Err(other) => panic!("expected a spec error, got: {other}"),
        Ok(_) => panic!("expected a spec error, the spec was accepted:\n{text}"),
    }
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in spec"))
        + 1
}

const PARAM1: &str = "#/paths/~1things~1{id}/get/parameters/1";

#[test]
fn every_supported_style_generates() {
    let params = [
        "{name: a, in: query, schema: {type: array, items: {type: string}}}",
        "{name: b, in: query, style: form, explode: false, schema: {type: array, items: {type: integer}}}",
        "{name: c, in: query, style: spaceDelimited, schema: {type: array, items: {type: number}}}",
        "{name: d, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: boolean}}}",
        "{name: e, in: query, style: spaceDelimited, explode: true, schema: {type: array, items: {type: string}}}",
        "{name: X-F, in: header, schema: {type: array, items: {type: string}}}",
        "{name: Content-Type, in: header, schema: {type: string}}",
    ]
    .map(param)
    .concat();
    generator::generate(&spec(&params, false, ""), &options()).expect("generates");
}

#[test]
fn styles_that_make_no_sense_for_the_location_are_spec_errors_at_the_style() {
    let cases = [
        (
            "{name: q, in: query, style: deepObject, schema: {type: array, items: {type: string}}}",
            "style",
            "deepObject",
        ),
        (
            "{name: q, in: query, style: spaceDelimited, schema: {type: string}}",
            "style",
            "arrays only",
        ),
        (
            "{name: q, in: query, style: pipeDelimited, schema: {type: integer}}",
            "style",
            "arrays only",
        ),
        (
            "{name: q, in: query, allowReserved: true, schema: {type: string}}",
            "allowReserved",
            "allowReserved",
        ),
    ];
    for (yaml, node, words) in cases {
        let text = spec(&param(yaml), false, "");
        let e = spec_error(&text);
        assert_eq!(e.pointer, format!("{PARAM1}/{node}"), "{e}");
        assert!(e.message.contains(words), "{e}");
        assert_eq!(
            e.position.map(|p| p.line),
            Some(line_of(&text, "name: q")),
            "{e}"
        );
    }
}

#[test]
fn matrix_and_label_path_styles_are_spec_errors() {
    for style in ["matrix", "label"] {
        let text = spec("", false, "").replace(
            "{name: id, in: path, required: true, schema",
            &format!("{{name: id, in: path, required: true, style: {style}, schema"),
        );
        let e = spec_error(&text);
        assert_eq!(e.pointer, "#/paths/~1things~1{id}/get/parameters/0/style");
        assert!(e.message.contains(style), "{e}");
    }
}

#[test]
fn headers_the_client_sets_itself_are_spec_errors() {
    let text = spec(
        &param("{name: 'X Bad:Name', in: header, schema: {type: string}}"),
        false,
        "",
    );
    let e = spec_error(&text);
    assert_eq!(e.pointer, format!("{PARAM1}/name"), "{e}");
    assert!(e.message.contains("not a valid HTTP header name"), "{e}");
    for (name, body) in [
        ("Host", false),
        ("authorization", false),
        ("Content-Length", false),
        ("Transfer-Encoding", false),
        ("Content-Type", true),
    ] {
        let text = spec(
            &param(&format!(
                "{{name: {name}, in: header, schema: {{type: string}}}}"
            )),
            body,
            "",
        );
        let e = spec_error(&text);
        assert_eq!(e.pointer, format!("{PARAM1}/name"), "{e}");
        assert!(e.message.contains(name), "{e}");
        assert!(e.message.contains("cannot be sent"), "{e}");
    }
    // The signing date header: refused when a scheme signs requests, an ordinary header else.
    let date = param("{name: X-Sdk-Date, in: header, schema: {type: string}}");
    let unsigned = spec(&date, false, "");
    generator::generate(&unsigned, &options()).expect("no signing scheme: an ordinary header");
    let signed = unsigned.replace(
        "paths:\n",
        "security: [{aksk: []}]\ncomponents:\n  securitySchemes:\n    aksk: {type: apiKey, in: header, name: Authorization, x-signing: SDK-HMAC-SHA256}\npaths:\n",
    );
    let e = spec_error(&signed);
    assert_eq!(e.pointer, format!("{PARAM1}/name"), "{e}");
    assert!(e.message.contains("X-Sdk-Date"), "{e}");
}

#[test]
fn objects_are_not_parameters() {
    let text = spec(
        &param("{name: q, in: query, schema: {type: array, items: {type: array, items: {type: string}}}}"),
        false,
        "",
    );
    let e = spec_error(&text);
    assert_eq!(e.pointer, format!("{PARAM1}/schema"));
}

#[test]
fn operation_ids_that_collide_after_case_conversion_name_both_operations() {
    for (first, second) in [("a1b", "a_1b"), ("getFoo", "get_foo"), ("GetFoo", "getFoo")] {
        let extra = format!(
            "  /other:\n    get:\n      operationId: {second}\n      responses:\n        '200': {{description: OK}}\n"
        );
        let text = spec("", false, &extra)
            .replace("operationId: ListThings", &format!("operationId: {first}"));
        let e = spec_error(&text);
        assert_eq!(e.pointer, "#/paths/~1other/get/operationId", "{e}");
        assert!(
            e.message.contains(first) && e.message.contains(second),
            "{e}"
        );
        assert!(
            e.message.contains("#/paths/~1things~1{id}/get/operationId"),
            "the first operation is not named: {e}"
        );
        assert_eq!(
            e.position.map(|p| p.line),
            Some(line_of(&text, &format!("operationId: {second}")))
        );
    }
}

#[test]
fn unsupported_response_headers_are_spec_errors_at_the_header() {
    let text = spec("", false, "").replace(
        "'200': {description: OK}",
        "'200':\n          description: OK\n          headers:\n            X-Obj:\n              schema: {type: object, properties: {a: {type: string}}}",
    );
    let e = spec_error(&text);
    assert_eq!(
        e.pointer,
        "#/paths/~1things~1{id}/get/responses/200/headers/X-Obj/schema"
    );
    assert!(e.message.contains("X-Obj"), "{e}");
}
