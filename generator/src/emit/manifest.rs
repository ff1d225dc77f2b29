//! The generated crate's `Cargo.toml` and `README.md`.
//!
//! The dependency list is part of the product: every entry is here for a reason written next to
//! it, and `regex` appears only when the spec uses `pattern`.

use super::header;
use super::layout::Layout;
use crate::ir::Api;

/// `Cargo.toml` of the generated crate.
pub fn cargo_toml(api: &Api, layout: &Layout, spec_name: &str) -> String {
    let k = &api.krate;
    let description = k
        .description
        .clone()
        .unwrap_or_else(|| format!("Client for {}", api.title));
    let mut s = header(spec_name, "#");
    s.push_str(&format!(
        r#"
[package]
name = "{name}"
version = "{version}"
edition = "2021"
rust-version = "1.80"
description = {description}
license = "Apache-2.0"
publish = false

[lib]
name = "{lib}"

[features]
default = ["transport", "rustls"]
# The bundled HTTP transport (reqwest). Without it the crate still provides the models,
# validation, request building, authentication and response parsing.
transport = ["dep:reqwest", "dep:tokio"]
# HTTPS for the bundled transport through rustls with the webpki roots: no system library. To use
# another TLS backend, turn default features off, keep `transport`, and enable that backend on
# your own reqwest dependency (`features = ["native-tls"]`): cargo unites the features.
rustls = ["transport", "reqwest/rustls-tls"]

[dependencies]
# Models: JSON (de)serialisation.
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
# The request and response types handed to any HTTP stack.
http = "1"
"#,
        name = k.name,
        version = k.version,
        description = toml_string(&description),
        lib = k.lib_name,
    ));
    if layout.signs {
        s.push_str("# Request signing (HMAC-SHA256).\nhmac = \"0.12\"\nsha2 = \"0.10\"\n");
    }
    if layout.uses_pattern {
        s.push_str("# `pattern` constraints.\nregex = { version = \"1\", default-features = false, features = [\"std\", \"unicode\"] }\n");
    }
    s.push_str(
        r#"# Bundled transport (feature `transport`).
reqwest = { version = "0.12", default-features = false, optional = true }
tokio = { version = "1", features = ["time"], optional = true }

[dev-dependencies]
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
"#,
    );
    s.push_str(&examples_manifest(layout));
    s
}

/// `[[example]]` entries: one per example program of the layout, each needing the bundled
/// transport (`required-features = ["transport"]`). Empty when there are none.
pub fn examples_manifest(layout: &Layout) -> String {
    let mut s = String::new();
    for (name, _) in &layout.examples {
        s.push_str(&format!(
            "\n[[example]]\nname = \"{name}\"\nrequired-features = [\"transport\"]\n"
        ));
    }
    s
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `README.md` of the generated crate.
pub fn readme(api: &Api, spec_name: &str) -> String {
    let k = &api.krate;
    let mut s = header(spec_name, "<!--");
    s.pop();
    s.push_str(" -->\n\n");
    s.push_str(&format!("# {}\n\n", k.name));
    s.push_str(&format!(
        "{}\n\nGenerated from `{}` (API version {}). Add it to your project by copying this folder and adding\n`{} = {{ path = \"...\" }}` to your Cargo.toml.\n\n",
        k.description.clone().unwrap_or_else(|| format!("Client for {}.", api.title)),
        super::escape_name(spec_name),
        api.api_version,
        k.name
    ));
    let usage = super::lib_rs::usage(api, false);
    if !usage.is_empty() {
        s.push_str("## Usage\n\n");
        for line in usage {
            s.push_str(&line);
            s.push('\n');
        }
    }
    s.push_str("## Operations\n\n| method | HTTP | summary |\n|---|---|---|\n");
    for op in &api.operations {
        s.push_str(&format!(
            "| `{}` | `{} {}` | {} |\n",
            op.rust_name,
            op.method.as_str(),
            op.path,
            op.summary
                .clone()
                .unwrap_or_default()
                .replace('|', "\\|")
                .replace('\n', " ")
        ));
    }
    s.push_str(
        "\n## Features\n\n- `transport` (default): the bundled async HTTP client (reqwest).\n  Without it, build requests with each operation's `build_request` and parse responses with\n  `parse_response` through your own HTTP stack.\n- `rustls` (default): HTTPS for the bundled client through rustls with the webpki roots.\n  For another TLS backend, use `default-features = false, features = [\"transport\"]` and enable\n  the backend on your own reqwest dependency (`reqwest = { version = \"0.12\", features =\n  [\"native-tls\"] }`).\n",
    );
    if !api.operations.is_empty() {
        s.push_str(&format!(
            "\nExample programs, one per operation, are in `examples/` (`cargo run --example {}`).\n",
            api.operations[0].rust_name
        ));
    }
    s
}
