//! `src/lib.rs`: the crate docs (how to call an operation, with and without the bundled
//! transport), the module declarations the layout calls for, and the re-exports.

use super::layout::Layout;
use super::types::prose;
use crate::ir::{Api, AuthKind};
use proc_macro2::TokenStream;
use quote::quote;

/// The credentials expression of the crate docs' examples, for the first scheme of the spec.
fn example_credentials(api: &Api) -> Option<String> {
    let lib = &api.krate.lib_name;
    api.auth.first().map(|a| match a.kind {
        AuthKind::Signing { .. } => format!("{lib}::runtime::Credentials::ak_sk(\"AK\", \"SK\")"),
        AuthKind::Basic { .. } => {
            format!("{lib}::runtime::Credentials::basic(\"USER\", \"PASSWORD\")")
        }
        AuthKind::ApiKey { .. } | AuthKind::Bearer { .. } => {
            format!("{lib}::runtime::Credentials::token(\"TOKEN\")")
        }
    })
}

/// The "Calling an operation" section shared by the crate docs and the README: the dependencies,
/// a complete program calling the spec's first operation (see [`super::examples::program_lines`])
/// and what the client does. `doc_test`: for the crate docs, where the program is a doc-test that
/// must compile with and without the `transport` feature. One string per line (Markdown).
pub fn usage(api: &Api, doc_test: bool) -> Vec<String> {
    let Some(op) = api.operations.first() else {
        return Vec::new();
    };
    let Some(program) = super::examples::program_lines(api, op, doc_test) else {
        return Vec::new();
    };
    let mut out =
        vec![
        "Add the crate and an async runtime to your Cargo.toml:".to_string(),
        String::new(),
        "```toml".to_string(),
        "[dependencies]".to_string(),
        format!("{} = {{ path = \"vendor/{}\" }}", api.krate.name, api.krate.name),
        "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }".to_string(),
        "```".to_string(),
        String::new(),
        "Then call an operation: a client from the environment, a request built with its builder"
            .to_string(),
        "(`build` names every required field not set), the call, and errors printed with"
            .to_string(),
        "`Display`:".to_string(),
        String::new(),
        if doc_test { "```no_run" } else { "```rust" }.to_string(),
    ];
    out.extend(program);
    out.extend([
        "```".to_string(),
        String::new(),
        "`Client::from_env` reads the credentials, the client settings and the region or endpoint"
            .to_string(),
        "from the environment (see `ClientBuilder::from_env`); `Client::builder()` sets them in"
            .to_string(),
        "code. Every type of the API has a builder like the request's (`Type::builder()`), and"
            .to_string(),
        "every error converts into the crate's `Error`, so `?` works throughout.".to_string(),
        String::new(),
    ]);
    out
}

/// Crate-level documentation: how to call an operation with the bundled transport, and the four
/// public steps for sending through an HTTP stack of your own. One string per line (Markdown).
pub fn crate_docs(api: &Api) -> Vec<String> {
    let lib = &api.krate.lib_name;
    let Some(op) = api.operations.first() else {
        return Vec::new();
    };
    let req = super::requests::request_type_name(op).to_string();
    let credentials = example_credentials(api);
    let mut out = vec!["# Calling an operation".to_string(), String::new()];
    out.extend(usage(api, true));
    out.extend([
        "Every method validates the request first (a violation is `Error::Validation`, and"
            .to_string(),
        "nothing is sent), fills parameters the configuration supplies, authenticates each attempt"
            .to_string(),
        "anew, and retries as the `RetryPolicy` allows (a non-idempotent request only when it was"
            .to_string(),
        "throttled or never sent, unless `retry_non_idempotent` is set).".to_string(),
        String::new(),
        "# Without the bundled transport".to_string(),
        String::new(),
        "Building a request and parsing its answer are public steps that need no HTTP stack (and"
            .to_string(),
        "no `transport` feature): build, authorize, send with your own client, parse.".to_string(),
        String::new(),
        "```no_run".to_string(),
        "# fn send(_: &http::Request<Vec<u8>>) -> (http::StatusCode, http::HeaderMap, Vec<u8>) {"
            .to_string(),
        "#     (http::StatusCode::NO_CONTENT, http::HeaderMap::new(), Vec::new())".to_string(),
        "# }".to_string(),
        format!("# fn run(request: {lib}::operations::{req}) -> Result<(), {lib}::Error> {{"),
        format!("use {lib}::Operation;"),
        String::new(),
        format!("let config = {lib}::client::ClientBuilder::new()"),
    ]);
    if let Some(credentials) = credentials {
        out.push(format!("    .credentials({credentials})"));
    }
    out.extend([
        "    .endpoint_url(\"https://api.example.com\")".to_string(),
        "    .build_config()?;".to_string(),
        "// 1. Validate and build (not authenticated).".to_string(),
        "let mut http_request = request.build_request(&config)?;".to_string(),
        "// 2. Authenticate: again before every attempt.".to_string(),
        "config.authorize(&mut http_request)?;".to_string(),
        "// 3. Send it with your own HTTP stack.".to_string(),
        "let (status, headers, body) = send(&http_request);".to_string(),
        "// 4. Parse the answer: the typed body, or the service's error.".to_string(),
        format!(
            "let response = {lib}::operations::{req}::parse_response(status, &headers, &body)?;"
        ),
        "# let _ = response;".to_string(),
        "# Ok(())".to_string(),
        "# }".to_string(),
        "```".to_string(),
    ]);
    out
}

/// The file.
pub fn file(api: &Api, layout: &Layout) -> TokenStream {
    let mut docs: Vec<String> = prose(&api.title).lines().map(|l| format!(" {l}")).collect();
    if let Some(d) = &api.description {
        docs.push(String::new());
        docs.extend(prose(d).lines().map(|l| format!(" {l}")));
    }
    docs.push(String::new());
    docs.push(format!(
        " API version {}. Every operation is a request type in [`operations`] (with the steps \
         that build its HTTP request and parse its response) and, with the default feature \
         `transport`, a method of `Client`; request and response bodies are in [`models`]; \
         [`runtime`] holds authentication, errors and the transport.",
        api.api_version
    ));
    let usage = crate_docs(api);
    if !usage.is_empty() {
        docs.push(String::new());
        docs.extend(usage.iter().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        }));
    }
    let regions_mod = layout.has_regions.then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod regions;
            pub use regions::Region;
        }
    });
    quote! {
        #(#![doc = #docs])*
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #[rustfmt::skip]
        pub mod client;
        #[rustfmt::skip]
        pub mod models;
        #[rustfmt::skip]
        pub mod operations;
        #regions_mod
        #[rustfmt::skip]
        pub mod runtime;

        #[cfg(feature = "transport")]
        pub use client::Client;
        pub use runtime::{Error, Operation};
    }
}
