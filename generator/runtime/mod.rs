//! Hand-written runtime shared by every generated client.
//!
//! The generator copies these files verbatim; nothing in them depends on a particular spec.
//! Generated operation code uses them in four steps:
//!
//! 1. build an [`http::Request<Vec<u8>>`] with [`RequestBuilder`] (path parameters encoded as one
//!    segment each, the canonical query string, validated headers, a JSON body);
//! 2. authenticate it with [`Config::authorize`] (AK/SK signing with SDK-HMAC-SHA256, or a token);
//! 3. send it: with the bundled [`HttpClient`] (feature `transport`, retries and timeouts
//!    included) or with any HTTP stack of the caller's choice;
//! 4. turn the status, headers and body into a typed [`Response`] or an [`Error`] with
//!    [`parse_response`].
//!
//! Modules:
//! - [`auth`]: credentials (secrets redacted in `Debug`), environment lookup, request signing;
//! - [`config`]: the endpoint and the client configuration with its builder;
//! - [`encoding`]: percent-encoding, canonical URI and query string, hex;
//! - [`error`]: the one error type and the parsing of vendor error bodies;
//! - [`request`]: request building and response parsing;
//! - [`retry`]: the retry policy and its pure decision functions;
//! - [`time`]: UTC date formatting and HTTP-date parsing without a date crate;
//! - `transport` (feature `transport`): the reqwest-based client;
//! - [`validation`]: client-side validation errors (used by generated validation code).

pub mod auth;
pub mod config;
pub mod encoding;
pub mod error;
pub mod request;
pub mod retry;
pub mod time;
#[cfg(feature = "transport")]
pub mod transport;
pub mod validation;

/// The `http` crate (version 1) whose `Request`, `HeaderMap` and `StatusCode` this API uses.
pub use http;

pub use auth::{sign_request, Credentials, EnvNames, Secret};
pub use config::{Config, ConfigBuilder, Endpoint};
pub use error::{ApiError, Error};
pub use request::{parse_response, NoContent, RequestBuilder, Response};
pub use retry::RetryPolicy;
#[cfg(feature = "transport")]
pub use transport::HttpClient;
