//! Spec errors that teach: each problem is named at its own node with its line and column, a
//! misspelled keyword gets a "did you mean", and one run reports every problem (the list capped).
//!
//! The broken specs are `tests/fixtures/errors/*.yaml` (each wrong in several independent places)
//! and small edits of the minimal fixture. Expected positions are found in the spec text itself.

use generator::error::SpecError;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/errors").join(name)).expect("read fixture")
}

fn minimal() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/minimal.yaml")).expect("read fixture")
}

/// `text` with `from` replaced by `to`, checking that `from` is there.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the fixture lost {from:?}");
    text.replacen(from, to, 1)
}

/// Every spec error of `text`, which must not generate.
fn errors(text: &str) -> Vec<SpecError> {
    let options = generator::Options {
        spec_name: "bad.yaml".to_string(),
        crate_name: None,
    };
    match generator::generate(text, &options) {
        Err(generator::Error::Spec(errors)) => {
            assert!(!errors.is_empty(), "an empty list of spec errors");
            errors
        }
        Err(other) => panic!("expected spec errors, got: {other}"),
        Ok(_) => panic!("expected spec errors, the spec was accepted"),
    }
}

/// The 1-based line and column of `token` in the first line of `text` that contains `line_with`.
fn position(text: &str, line_with: &str, token: &str) -> (usize, usize) {
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(line_with))
        .unwrap_or_else(|| panic!("no line with {line_with:?}"));
    let byte = line
        .find(token)
        .unwrap_or_else(|| panic!("no {token:?} in {line:?}"));
    (i + 1, line[..byte].chars().count() + 1)
}

/// The error at `pointer`: its message contains `message`, and it is at `at` (line, column).
fn expect(errors: &[SpecError], pointer: &str, message: &str, at: (usize, usize)) {
    let e = errors
        .iter()
        .find(|e| e.pointer == pointer)
        .unwrap_or_else(|| panic!("no error at {pointer}; got:\n{}", list(errors)));
    assert!(
        e.message.contains(message),
        "{pointer}: {message:?} not in {:?}",
        e.message
    );
    let found = e.position.map(|p| (p.line, p.column));
    assert_eq!(found, Some(at), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("bad.yaml:{}:{}: at {pointer}: ", at.0, at.1)),
        "{e}"
    );
}

fn list(errors: &[SpecError]) -> String {
    errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn bad_values_are_named_at_their_own_node() {
    let text = fixture("wrong_values.yaml");
    let errors = errors(&text);
    assert_eq!(errors.len(), 3, "{}", list(&errors));
    expect(
        &errors,
        "#/components/schemas/Task/properties/task_id/type",
        "unknown type \"sting\"; did you mean `string`?",
        position(&text, "type: sting", "type"),
    );
    expect(
        &errors,
        "#/components/schemas/Task/properties/kind/enum/3",
        "enum value 3 is a number, but the schema's type is string",
        position(&text, "enum: [host", "3]"),
    );
    expect(
        &errors,
        "#/components/parameters/Limit/schema/maxLength",
        "maxLength must be a whole number of 0 or more, not the string \"256\"",
        position(&text, "maxLength: \"256\"", "maxLength"),
    );
    let hint = |pointer: &str| {
        errors
            .iter()
            .find(|e| e.pointer.ends_with(pointer))
            .and_then(|e| e.hint.clone())
            .unwrap_or_default()
    };
    assert!(hint("/maxLength").contains("maxLength: 256"));
    assert!(hint("/enum/3").contains("\"3\""));
}

#[test]
fn misspelled_keywords_and_extensions_get_a_suggestion() {
    let text = fixture("misspelled.yaml");
    let errors = errors(&text);
    let cases = [
        (
            "#/info/licence",
            "in info; did you mean `license`?",
            "licence:",
        ),
        (
            "#/x-crate/verison",
            "in x-crate; did you mean `version`?",
            "verison:",
        ),
        (
            "#/x-client/settings/tenant_id/evn",
            "did you mean `env`?",
            "evn:",
        ),
        (
            "#/servers/0/descripton",
            "in a server; did you mean `description`?",
            "descripton: the only",
        ),
        (
            "#/components/schemas/Name/maxLenght",
            "unknown key `maxLenght` in a schema; did you mean `maxLength`?",
            "maxLenght:",
        ),
        (
            "#/components/schemas/Colour/x-enum-description",
            "unknown extension `x-enum-description`; did you mean `x-enum-descriptions`?",
            "x-enum-description:",
        ),
        (
            "#/paths/~1things~1{id}/get/sumary",
            "in an operation; did you mean `summary`?",
            "sumary:",
        ),
        (
            "#/paths/~1things~1{id}/get/parameters/0/requried",
            "in a parameter; did you mean `required`?",
            "requried:",
        ),
        (
            "#/paths/~1things~1{id}/get/parameters/0/x-client-confg",
            "did you mean `x-client-config`?",
            "x-client-confg:",
        ),
        (
            "#/paths/~1things~1{id}/get/responses/200/descripton",
            "in a response; did you mean `description`?",
            "descripton: the thing",
        ),
    ];
    for (pointer, message, line_with) in cases {
        let key = line_with.split(':').next().unwrap_or_default().trim();
        expect(&errors, pointer, message, position(&text, line_with, key));
    }
    // One run, every problem; the extension of another tool is left alone.
    assert_eq!(errors.len(), cases.len(), "{}", list(&errors));
    assert!(!errors.iter().any(|e| e.pointer.contains("x-amazon")));
}

#[test]
fn enum_descriptions_must_match_the_enum() {
    let text = fixture("enum_descriptions.yaml");
    let errors = errors(&text);
    assert_eq!(errors.len(), 3, "{}", list(&errors));
    expect(
        &errors,
        "#/components/schemas/Category/x-enum-descriptions/containr",
        "\"containr\" is not a value of the enum; did you mean \"container\"?",
        position(&text, "containr:", "containr"),
    );
    for (i, value) in [(1, "container"), (2, "cluster")] {
        expect(
            &errors,
            &format!("#/components/schemas/Category/enum/{i}"),
            &format!("the enum value \"{value}\" has no line in x-enum-descriptions"),
            position(&text, "enum: [host", value),
        );
    }
}

#[test]
fn lowering_errors_in_independent_places_are_all_reported() {
    let text = fixture("lowering.yaml");
    let errors = errors(&text);
    assert_eq!(errors.len(), 4, "{}", list(&errors));
    expect(
        &errors,
        "#/components/schemas/Short/minLength",
        "minLength 10 is greater than the maximum 2",
        position(&text, "minLength: 10", "minLength"),
    );
    expect(
        &errors,
        "#/components/schemas/Range/minimum",
        "minimum 9 is greater than maximum 1",
        position(&text, "minimum: 9", "minimum"),
    );
    expect(
        &errors,
        "#/paths/~1a/get/parameters/0/schema/pattern",
        "is not supported",
        position(&text, "pattern:", "pattern"),
    );
    let b = text.find("  /b:").expect("path /b");
    let line = text[..b].lines().count() + 2;
    expect(
        &errors,
        "#/paths/~1b/get",
        "operation has no operationId",
        (line, 5),
    );
}

#[test]
fn every_error_of_every_broken_fixture_has_a_line_and_column() {
    let dir = repo().join("tests/fixtures/errors");
    let mut specs = 0;
    for entry in std::fs::read_dir(&dir).expect("list fixtures") {
        let path = entry.expect("entry").path();
        if path.extension() != Some(std::ffi::OsStr::new("yaml")) {
            continue;
        }
        specs += 1;
        let text = std::fs::read_to_string(&path).expect("read");
        let errors = errors(&text);
        assert!(errors.len() > 1, "{}: one problem only", path.display());
        for e in &errors {
            assert!(e.position.is_some(), "{e}");
        }
    }
    assert!(specs >= 4, "the fixtures are gone");
}

#[test]
fn the_report_is_capped_at_50_and_counts_the_rest() {
    let extra: String = (0..60)
        .map(|i| format!("      maxLenght{i}: 1\n"))
        .collect();
    let text = edit(
        &minimal(),
        "      operationId: Ping\n",
        &format!("      operationId: Ping\n{extra}"),
    );
    let options = generator::Options {
        spec_name: "bad.yaml".to_string(),
        crate_name: None,
    };
    let err = generator::generate(&text, &options).expect_err("misspelled keys");
    let errors = err.spec_errors();
    assert_eq!(errors.len(), 60);
    let shown = err.to_string();
    let listed = shown.lines().filter(|l| l.starts_with("bad.yaml:")).count();
    assert_eq!(listed, generator::error::MAX_REPORTED, "{shown}");
    assert!(shown.contains("\n... and 10 more\n"), "{shown}");
    assert!(shown.ends_with("60 errors in the spec"), "{shown}");
}

#[test]
fn unknown_values_of_fixed_sets_get_a_suggestion() {
    let text = edit(&minimal(), "in: query", "in: qurey");
    let errors = errors(&text);
    expect(
        &errors,
        "#/paths/~1ping/get/parameters/0/in",
        "unknown value \"qurey\"; did you mean `query`?",
        position(&text, "in: qurey", "in"),
    );
}

#[test]
fn an_unknown_key_without_a_near_keyword_lists_the_keywords() {
    let text = edit(
        &minimal(),
        "schema: {type: boolean, default: false}",
        "schema: {type: boolean, colour: blue}",
    );
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{}", list(&errors));
    expect(
        &errors,
        "#/paths/~1ping/get/parameters/0/schema/colour",
        "unknown key `colour` in a schema",
        position(&text, "colour: blue", "colour"),
    );
    let hint = errors[0].hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains("maxLength") && hint.contains("`x-`"),
        "{hint}"
    );
}

#[test]
fn an_owned_extension_where_it_is_not_read_is_an_error() {
    let text = edit(
        &minimal(),
        "schema: {type: boolean, default: false}",
        "schema: {type: boolean, x-region: eu-west-1}",
    );
    let errors = errors(&text);
    expect(
        &errors,
        "#/paths/~1ping/get/parameters/0/schema/x-region",
        "x-region is not read on a schema: it is read on a server",
        position(&text, "x-region", "x-region"),
    );
}

#[test]
fn unknown_keys_inside_owned_extensions_get_a_suggestion() {
    let text = edit(
        &minimal(),
        "paths:",
        "components:\n  schemas:\n    Rule:\n      type: object\n      properties:\n        a: {type: boolean}\n        b: {type: string}\n      x-required-when:\n        - require: [b]\n          when: {propery: a, equals: true}\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: X-Key\n      x-signing: SDK-HMAC-SHA256\n      x-credential-env: {acess_key: [AK], secret_key: [SK]}\npaths:",
    );
    let errors = errors(&text);
    expect(
        &errors,
        "#/components/schemas/Rule/x-required-when/0/when/propery",
        "did you mean `property`?",
        position(&text, "propery", "propery"),
    );
    expect(
        &errors,
        "#/components/securitySchemes/key/x-credential-env/acess_key",
        "did you mean `access_key`?",
        position(&text, "acess_key", "acess_key"),
    );
}

/// `cargo xtask codegen` prints every error with its position, fails and writes nothing.
#[test]
fn codegen_reports_every_error_and_writes_nothing() {
    let dir = std::env::temp_dir().join(format!("spec-errors-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.join("out");
    let spec = repo().join("tests/fixtures/errors/lowering.yaml");
    let args: Vec<String> = [
        "--spec",
        &spec.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let message = match xtask::codegen::run(&args) {
        Err(e) => format!("{e:#}"),
        Ok(code) => panic!("expected an error, got exit {code:?}"),
    };
    let text = fixture("lowering.yaml");
    let expected = errors(&text);
    for e in &expected {
        let shown = e
            .to_string()
            .replace("bad.yaml", "tests/fixtures/errors/lowering.yaml");
        assert!(message.contains(&shown), "{shown:?} not in:\n{message}");
    }
    assert!(message.contains(&format!(
        "\nerror: {} errors in the spec; nothing was written",
        expected.len()
    )));
    assert!(!out.exists(), "something was written");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn broken_security_schemes_are_each_reported_once() {
    let text = edit(
        &minimal(),
        "paths:",
        "security:\n  - digest: []\n  - cookie: []\ncomponents:\n  securitySchemes:\n    digest: {type: http, scheme: digest}\n    cookie: {type: apiKey, in: cookie, name: k}\npaths:",
    );
    let errors = errors(&text);
    assert_eq!(errors.len(), 2, "{}", list(&errors));
    expect(
        &errors,
        "#/components/securitySchemes/digest/scheme",
        "\"digest\" is not supported",
        position(&text, "digest: {type", "scheme"),
    );
    expect(
        &errors,
        "#/components/securitySchemes/cookie/in",
        "cookie are not supported",
        position(&text, "cookie: {type", "in:"),
    );
}

#[test]
fn broken_servers_are_each_reported() {
    let text = edit(
        &minimal(),
        "paths:",
        "servers:\n  - url: api.example.com/v1\n  - url: https://{host}.example.com\n    variables:\n      host: {default: api}\n      port: {default: '443'}\npaths:",
    );
    let errors = errors(&text);
    assert_eq!(errors.len(), 2, "{}", list(&errors));
    expect(
        &errors,
        "#/servers/0/url",
        "is not absolute",
        position(&text, "api.example.com/v1", "url"),
    );
    expect(
        &errors,
        "#/servers/1/variables/port",
        "the variable `port` is not used in the URL",
        position(&text, "port:", "port"),
    );
}

#[test]
fn a_composition_next_to_type_is_refused_not_dropped() {
    // The typed parse would read `B` as a plain object and lose its `allOf`.
    let text = "\
openapi: 3.0.3
info: {title: t, version: \"1\"}
x-crate: {name: t, version: 0.1.0}
paths: {}
components:
  schemas:
    A:
      type: object
      properties: {a: {type: string}}
    B:
      type: object
      allOf:
        - $ref: '#/components/schemas/A'
      properties: {b: {type: string}}
";
    let errors = errors(text);
    expect(
        &errors,
        "#/components/schemas/B/allOf",
        "allOf next to `type` is not supported",
        position(text, "allOf:", "allOf"),
    );
}

#[test]
fn a_constraint_the_client_would_not_check_is_refused() {
    let text = "\
openapi: 3.0.3
info: {title: t, version: \"1\"}
x-crate: {name: t, version: 0.1.0}
paths: {}
components:
  schemas:
    Ids:
      type: array
      items: {type: string}
      uniqueItems: true
";
    let errors = errors(text);
    expect(
        &errors,
        "#/components/schemas/Ids/uniqueItems",
        "uniqueItems: true is not supported",
        position(text, "uniqueItems:", "uniqueItems"),
    );
}
