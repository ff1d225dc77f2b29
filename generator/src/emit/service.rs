//! `src/client.rs`: the service's tables for the runtime (`SERVICE`: regions, the default
//! server, client settings, security schemes, the error body format, environment variable
//! names), and thin glue over the runtime's client: a `ClientBuilder` method per client
//! setting, and (feature `transport`) a one-line `Client` method per operation.

use super::types::{doc_attrs, wrapped_doc_attrs};
use crate::ir::{Api, AuthKind, KeyLocation, Operation};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// A `&[&str]` literal.
fn strs(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

/// An `Option<&str>` literal.
fn opt_str(item: Option<&str>) -> TokenStream {
    match item {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

/// An `Option<u64>` literal.
fn opt_u64(n: Option<u64>) -> TokenStream {
    match n {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    }
}

/// A security requirement literal: `&[&["a"], &[]]`.
pub fn requirement(alternatives: &[Vec<String>]) -> TokenStream {
    let alternatives = alternatives.iter().map(|a| quote!(&[#(#a),*]));
    quote!(&[#(#alternatives),*])
}

/// The `Service` static.
fn service(api: &Api) -> TokenStream {
    let rt = quote!(runtime::service);
    let (name, version) = (&api.krate.name, &api.krate.version);
    let client = &api.client;
    let user_agent = &client.user_agent;
    let regions = if api.regions.is_empty() {
        quote!(&[])
    } else {
        quote!(crate::regions::REGIONS)
    };
    let default_region = opt_str(api.default_region.as_deref());
    let default_server = match &api.default_server {
        None => quote!(None),
        Some(server) => {
            let url = &server.url;
            let variables = server.variables.iter().map(|v| {
                let (name, default) = (&v.name, &v.default);
                let allowed = strs(&v.allowed);
                let docs = v.docs.as_deref().unwrap_or_default();
                quote!(#rt::ServerVariable { name: #name, default: #default, allowed: #allowed, description: #docs })
            });
            quote!(Some(#rt::ServerTemplate { url: #url, variables: &[#(#variables),*] }))
        }
    };
    let endpoint_env = &client.endpoint_env;
    let region_env = opt_str(client.region_env.as_deref());
    let settings = client.settings.iter().map(|s| {
        let name = &s.name;
        let docs = s.docs.as_deref().unwrap_or_default();
        let env = strs(&s.env);
        let header = opt_str(s.header.as_deref());
        quote!(#rt::Setting { name: #name, description: #docs, env: #env, header: #header })
    });
    let auth = api.auth.iter().map(|a| {
        let name = &a.name;
        let kind = match &a.kind {
            AuthKind::ApiKey {
                location,
                name,
                constraints,
                env,
            } => {
                let location = match location {
                    KeyLocation::Header => quote!(#rt::KeyLocation::Header),
                    KeyLocation::Query => quote!(#rt::KeyLocation::Query),
                };
                let (min, max) = (opt_u64(constraints.min_length), opt_u64(constraints.max_length));
                let env = strs(env);
                quote!(#rt::AuthKind::ApiKey { location: #location, name: #name, min_length: #min, max_length: #max, env: #env })
            }
            AuthKind::Bearer { env } => {
                let env = strs(env);
                quote!(#rt::AuthKind::Bearer { env: #env })
            }
            AuthKind::Basic {
                username_env,
                password_env,
            } => {
                let (u, p) = (strs(username_env), strs(password_env));
                quote!(#rt::AuthKind::Basic { username_env: #u, password_env: #p })
            }
            AuthKind::Signing { env, .. } => {
                let (ak, sk, st) = (
                    strs(&env.access_key),
                    strs(&env.secret_key),
                    strs(&env.security_token),
                );
                quote!(#rt::AuthKind::Signing {
                    sign: runtime::signing::sign,
                    access_key_env: #ak,
                    secret_key_env: #sk,
                    security_token_env: #st,
                })
            }
        };
        quote!(#rt::AuthScheme { name: #name, kind: #kind })
    });
    let security = requirement(&api.security);
    let e = &client.errors;
    let (code, message, request_id, headers) = (
        strs(&e.code),
        strs(&e.message),
        strs(&e.request_id),
        strs(&e.request_id_headers),
    );
    quote! {
        /// What the runtime knows of this service, from the spec: endpoints, client settings,
        /// security schemes, the error body format and the environment variables it reads.
        pub static SERVICE: #rt::Service = #rt::Service {
            crate_name: #name,
            crate_version: #version,
            user_agent: #user_agent,
            regions: #regions,
            default_region: #default_region,
            default_server: #default_server,
            endpoint_env: #endpoint_env,
            region_env: #region_env,
            settings: &[#(#settings),*],
            auth: &[#(#auth),*],
            security: #security,
            errors: #rt::ErrorFormat {
                code: #code,
                message: #message,
                request_id: #request_id,
                request_id_headers: #headers,
            },
        };
    }
}

/// The success body type of an operation, as seen from `src/client.rs`.
pub fn output_type(op: &Operation) -> TokenStream {
    let success = op.success.and_then(|i| op.responses.get(i));
    match (
        success.and_then(|r| r.kind.as_ref()),
        success.and_then(|r| r.body.as_ref()),
    ) {
        (Some(crate::ir::BodyKind::Json | crate::ir::BodyKind::Text), Some(ty)) => {
            super::types::rust_type(ty)
        }
        (Some(_), _) => quote!(Vec<u8>),
        (None, _) => quote!(()),
    }
}

/// The `Client` method of one operation.
fn method(op: &Operation) -> TokenStream {
    let name = ident(&op.rust_name);
    let request = super::requests::request_type_name(op);
    let output = output_type(op);
    let mut text = format!(
        "`{}`: `{} {}`.",
        op.operation_id,
        op.method.as_str(),
        op.path
    );
    if let Some(summary) = &op.summary {
        text.push_str("\n\n");
        text.push_str(&super::types::prose(summary));
    }
    let doc = wrapped_doc_attrs(&text, 92);
    quote! {
        #doc
        pub async fn #name(
            &self,
            request: crate::operations::#request,
        ) -> Result<runtime::Response<#output>, runtime::Error> {
            self.send(request).await
        }
    }
}

/// The file.
pub fn file(api: &Api) -> TokenStream {
    let service = service(api);
    let setters = api.client.settings.iter().map(|s| {
        let method = ident(&s.method);
        let name = &s.name;
        let mut text = format!("The client setting `{name}`");
        if let Some(docs) = &s.docs {
            text.push_str(": ");
            text.push_str(docs);
        }
        if !s.env.is_empty() {
            text.push_str(&format!(
                "\n\nWith [`ClientBuilder::from_env`], read from {} when not set here.",
                s.env
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some(header) = &s.header {
            text.push_str(&format!(
                "\n\nSent in the header `{header}` with every request."
            ));
        }
        let doc = doc_attrs(Some(&text));
        quote! {
            #doc
            #[must_use]
            pub fn #method(self, value: impl Into<String>) -> Self {
                self.setting(#name, value)
            }
        }
    });
    // The methods exist with feature `transport` only: their model types are named by full path,
    // so that no import goes unused without it.
    let methods: Vec<TokenStream> =
        super::types::with_crate_paths(|| api.operations.iter().map(method).collect());
    quote! {
        //! The client: the service's tables ([`SERVICE`]), the builder with a method per client
        //! setting, and (feature `transport`) one async method per operation, each validating,
        //! building, authenticating, sending (with retries) and parsing through the runtime.

        pub use runtime::ClientBuilder;
        #[cfg(feature = "transport")]
        pub use runtime::Client;

        #service

        impl ClientBuilder {
            /// A builder for this service with nothing set.
            #[must_use]
            pub fn new() -> Self {
                ClientBuilder::for_service(&SERVICE)
            }

            #(#setters)*
        }

        impl Default for ClientBuilder {
            fn default() -> Self {
                ClientBuilder::new()
            }
        }

        #[cfg(feature = "transport")]
        impl Client {
            /// A builder: the credentials, the region or an explicit endpoint, the settings.
            #[must_use]
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new()
            }

            /// A client configured from the environment only
            /// (`Client::builder().from_env().build()`).
            pub fn from_env() -> Result<Self, runtime::Error> {
                ClientBuilder::new().from_env().build()
            }

            #(#methods)*
        }
    }
}
