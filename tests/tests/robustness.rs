//! Hostile and broken specs: each reproducer gets a clear spec error naming the node, or output
//! that compiles and says what the spec says. The seeded mutation run over many specs is in
//! `fuzz.rs`; this file holds the minimal reproducers it (and reviewers) found.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn minimal() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/minimal.yaml")).expect("read fixture")
}

/// The minimal fixture's query parameter schema: replaced by the schema under test.
const PARAM_SCHEMA: &str = "schema: {type: boolean, default: false}";
const PARAM_POINTER: &str = "#/paths/~1ping/get/parameters/0/schema";

fn options(spec_name: &str) -> generator::Options {
    generator::Options {
        spec_name: spec_name.to_string(),
        crate_name: None,
    }
}

/// The first spec error `text` gets.
fn spec_error(text: &str) -> generator::error::SpecError {
    match generator::generate(text, &options("bad.yaml")) {
        Err(generator::Error::Spec(errors)) => errors[0].clone(),
        Err(other) => panic!("expected a spec error, got: {other}"),
        Ok(_) => panic!("expected a spec error, the spec was accepted"),
    }
}

fn with_param_schema(schema: &str) -> String {
    let good = minimal();
    assert!(good.contains(PARAM_SCHEMA), "the fixture changed");
    good.replace(PARAM_SCHEMA, &format!("schema: {schema}"))
}

#[test]
fn non_finite_numbers_are_spec_errors_with_the_pointer() {
    for (keyword, value) in [
        ("maximum", ".inf"),
        ("minimum", ".nan"),
        ("multipleOf", ".inf"),
        ("minimum", "-.inf"),
    ] {
        let spec = with_param_schema(&format!("{{type: number, {keyword}: {value}}}"));
        let e = spec_error(&spec);
        assert_eq!(e.pointer, format!("{PARAM_POINTER}/{keyword}"), "{e}");
        assert!(e.message.contains("not finite"), "{e}");
        // The line of the node, too.
        let line = 1 + spec.lines().position(|l| l.contains(keyword)).unwrap();
        assert_eq!(e.position.map(|p| p.line), Some(line), "{e}");
        assert!(
            e.to_string().starts_with(&format!("bad.yaml:{line}:")),
            "{e}"
        );
    }
}

/// `depth` schemas nested with `open`/`close` around an invalid innermost schema.
fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn deeply_nested_invalid_schemas_are_reported_at_the_broken_node() {
    // Before the structural check these took exponential time (depth 20: 19 s, depth 60: never)
    // and named the outermost schema. Just within the nesting limit:
    let depth = generator::precheck::MAX_SCHEMA_DEPTH - 1;
    for (open, close, step) in [
        ("{type: array, items: ", "}", "/items"),
        ("{allOf: [", "]}", "/allOf/0"),
        ("{type: object, properties: {a: ", "}}", "/properties/a"),
    ] {
        let spec = with_param_schema(&nested(open, close, depth, "{type: true}"));
        let e = spec_error(&spec);
        assert_eq!(
            e.pointer,
            format!("{PARAM_POINTER}{}/type", step.repeat(depth)),
            "{open}: {e}"
        );
        assert!(e.message.contains("type must be one of"), "{e}");
    }
}

#[test]
fn an_invalid_keyword_deep_inside_names_that_schema() {
    let inner = "{type: string, maxLength: many}";
    let depth = generator::precheck::MAX_SCHEMA_DEPTH - 1;
    let spec = with_param_schema(&nested("{type: array, items: ", "}", depth, inner));
    let e = spec_error(&spec);
    assert_eq!(
        e.pointer,
        format!("{PARAM_POINTER}{}/maxLength", "/items".repeat(depth)),
        "{e}"
    );
}

#[test]
fn nesting_beyond_the_limit_is_a_spec_error() {
    let depth = generator::precheck::MAX_SCHEMA_DEPTH + 1;
    let spec = with_param_schema(&nested(
        "{type: array, items: ",
        "}",
        depth,
        "{type: string}",
    ));
    match generator::generate(&spec, &options("bad.yaml")) {
        Err(generator::Error::Spec(e)) => assert!(e[0].message.contains("nest"), "{e:?}"),
        // YAML's own recursion limit may stop it first: also a clear error, not a hang.
        Err(generator::Error::Parse { message, .. }) => {
            assert!(message.contains("recursion"), "{message}")
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn an_operation_named_mod_is_rejected() {
    let spec = minimal().replace("operationId: Ping", "operationId: mod");
    let e = spec_error(&spec);
    assert_eq!(e.pointer, "#/paths/~1ping/get/operationId", "{e}");
    let line = 1 + spec
        .lines()
        .position(|l| l.contains("operationId: mod"))
        .unwrap();
    assert_eq!(e.position.map(|p| p.line), Some(line), "{e}");
    assert!(e.message.contains("src/operations/mod.rs"), "{e}");
}

#[test]
fn crate_names_that_cannot_name_a_library_are_rejected() {
    let good = minimal();
    assert!(good.contains("name: minimal\n"));
    for name in [
        "core", "serde", "std", "fn", "self", "type", "alloc", "tokio",
    ] {
        let e = spec_error(&good.replace("name: minimal\n", &format!("name: {name}\n")));
        assert_eq!(e.pointer, "#/x-crate/name", "{name}: {e}");
        // The --crate-name flag goes through the same check.
        let err = generator::generate(
            &good,
            &generator::Options {
                spec_name: "bad.yaml".into(),
                crate_name: Some(name.to_string()),
            },
        )
        .expect_err(name);
        assert!(err.to_string().contains("#/x-crate/name"), "{name}: {err}");
    }
}

#[test]
fn crate_versions_cargo_rejects_are_spec_errors() {
    let good = minimal();
    assert!(good.contains("version: 1.0.0\n"));
    for version in ["+1.+2.+3", "01.02.03", "1.2.03"] {
        let e = spec_error(&good.replace("version: 1.0.0\n", &format!("version: \"{version}\"\n")));
        assert_eq!(e.pointer, "#/x-crate/version", "{version}: {e}");
    }
}

#[test]
fn a_spec_name_with_control_characters_cannot_inject_lines() {
    let name = "evil\n[dependencies]\ninjected = \"1\"\r\n.yaml";
    let out = generator::generate(&minimal(), &options(name)).expect("generates");
    for (path, contents) in &out.files {
        let first = contents.lines().next().unwrap_or_default();
        assert!(
            first.contains("@generated") && first.ends_with("Do not edit by hand.")
                || first.ends_with("Do not edit by hand. -->"),
            "{path}: header broken: {first:?}"
        );
        assert!(!contents.contains('\r'), "{path}: carriage return copied");
        assert!(
            !contents.lines().any(|l| l.starts_with("injected")),
            "{path}: the file name added a line"
        );
    }
    assert!(out.files["Cargo.toml"]
        .lines()
        .next()
        .unwrap()
        .contains("\\n[dependencies]\\n"));
}

/// A fenced or indented code block in a doc comment, as rustdoc would see it.
#[derive(Debug)]
struct Block {
    info: Option<String>,
    lines: Vec<String>,
}

/// The code blocks of the doc comments (`///`, `//!`) of a Rust file, in a simplified CommonMark:
/// fences of three or more backticks or tildes, and indented blocks after a blank line.
fn doc_code_blocks(file: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut after_blank = true;
    let mut in_indented = false;
    for raw in file.lines() {
        let t = raw.trim_start();
        let Some(doc) = t.strip_prefix("///").or_else(|| t.strip_prefix("//!")) else {
            // Not a doc line: any block ends here (fences do not span items).
            fence = None;
            after_blank = true;
            in_indented = false;
            continue;
        };
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        let body = doc.trim_start();
        let indent = doc.len() - body.len();
        let marker = body
            .chars()
            .next()
            .filter(|c| *c == '`' || *c == '~')
            .map(|c| (c, body.chars().take_while(|x| *x == c).count()))
            .filter(|(_, n)| *n >= 3 && indent < 4);
        match (fence, marker) {
            (None, Some((c, n))) => {
                fence = Some((c, n));
                blocks.push(Block {
                    info: Some(body[n..].trim().to_string()),
                    lines: Vec::new(),
                });
            }
            (Some((c, n)), Some((c2, n2)))
                if c == c2 && n2 >= n && body[n2..].trim().is_empty() =>
            {
                fence = None
            }
            (Some(_), _) => blocks.last_mut().unwrap().lines.push(doc.to_string()),
            (None, None) => {
                if indent >= 4 && (after_blank || in_indented) {
                    if !in_indented {
                        blocks.push(Block {
                            info: None,
                            lines: Vec::new(),
                        });
                    }
                    in_indented = true;
                    blocks.last_mut().unwrap().lines.push(doc.to_string());
                } else {
                    in_indented = false;
                }
            }
        }
        after_blank = body.is_empty();
    }
    blocks
}

/// Whether rustdoc compiles a code block with this info string as a doc-test.
fn is_doctest(info: &Option<String>) -> bool {
    let Some(info) = info else { return true };
    info.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w,
                "rust" | "no_run" | "should_panic" | "compile_fail" | "test_harness" | "ignore"
            ) || w.starts_with("edition")
        })
}

#[test]
fn spec_prose_never_becomes_a_doc_test_or_breaks_a_comment() {
    let path = repo().join("tests/fixtures/hostile_text.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The fixture really is hostile: its descriptions hold code blocks of every kind.
    for needle in ["```", "~~~", "\\n    HOSTILE_CODE", "*/", "\\r", "\\t"] {
        assert!(text.contains(needle), "fixture lost {needle:?}");
    }
    let out = generator::generate(&text, &options("tests/fixtures/hostile_text.yaml")).unwrap();
    let mut seen = 0;
    for (file, contents) in &out.files {
        assert!(
            !contents.contains('\r'),
            "{file}: carriage return in output"
        );
        if !file.ends_with(".rs") {
            continue;
        }
        seen += contents.matches("HOSTILE_CODE").count();
        for block in doc_code_blocks(contents) {
            if block.lines.iter().any(|l| l.contains("HOSTILE_CODE")) {
                assert!(
                    !is_doctest(&block.info),
                    "{file}: spec text became a doc-test: {block:?}"
                );
            }
        }
    }
    assert!(seen > 0, "the hostile text did not reach the docs");
}

#[test]
fn prose_keeps_text_and_neutralises_code() {
    use generator::emit::types::prose;
    assert_eq!(prose("plain text\n\n- a list"), "plain text\n\n- a list");
    assert_eq!(prose("```\ncode\n```"), "```text\ncode\n```");
    assert_eq!(prose("```rust\ncode"), "```text\ncode\n```");
    assert_eq!(prose("a\n\n    code"), "a\n\ncode");
    assert_eq!(prose("a\rb\tc"), "a b    c");
}
