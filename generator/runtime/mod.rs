//! Hand-written runtime shared by every generated client.
//!
//! The generator copies these files verbatim (the signing module only for a spec that signs
//! requests); nothing in them depends on a particular spec. The generated code hands the runtime
//! its service's tables ([`Service`]) and implements [`Operation`] for each request type. A
//! request goes through four steps:
//!
//! 1. build an [`http::Request<Vec<u8>>`] with [`RequestBuilder`] (path parameters encoded as one
//!    segment each, the canonical query string, validated headers, the body);
//! 2. authenticate it with [`Config::authorize`] (the security scheme the operation accepts for
//!    the configured credentials: a signature, a token, a key);
//! 3. send it: with the bundled `Client` (feature `transport`, retries and timeouts included) or
//!    with any HTTP stack of the caller's choice;
//! 4. turn the status, headers and body into a typed [`Response`] or an [`Error`].
//!
//! Modules:
//! - [`auth`]: credentials (secrets redacted in `Debug`), matching them to security schemes;
//! - [`body`]: multipart forms, and parsing a success body by kind (JSON, text, bytes, none);
//! - [`build`]: the error of a builder's `build` (required fields not set);
//! - [`client`]: the client builder, endpoint resolution, the environment, the [`Operation`]
//!   trait and (feature `transport`) the client;
//! - [`config`]: the endpoint and the built configuration;
//! - [`encoding`]: percent-encoding, canonical URI and query string, hex, base64;
//! - [`enums`]: the trait implementations of generated enums;
//! - [`error`]: the one error type and the parsing of error bodies;
//! - [`params`]: wire forms of array parameters (joined styles) and declared response headers;
//! - [`request`]: request building and response parsing;
//! - [`retry`]: the retry policy and its pure decision functions;
//! - [`service`]: the tables the generated code fills in;
//! - [`time`]: UTC date formatting and HTTP-date parsing without a date crate;
//! - `transport` (feature `transport`): the reqwest-based HTTP client;
//! - [`validation`]: client-side validation errors (used by generated validation code);
//! - `signing` (only for a spec that signs): the request signing algorithm.

pub mod auth;
pub mod body;
pub mod build;
pub mod client;
pub mod config;
pub mod encoding;
pub mod enums;
pub mod error;
pub mod params;
pub mod request;
pub mod retry;
pub mod service;
pub mod time;
#[cfg(feature = "transport")]
pub mod transport;
pub mod validation;

/// The `http` crate (version 1) whose `Request`, `HeaderMap` and `StatusCode` this API uses.
pub use http;

pub use auth::{Credentials, Secret};
pub use body::{FilePart, Multipart};
pub use build::BuildError;
#[cfg(feature = "transport")]
pub use client::Client;
pub use client::{ClientBuilder, Operation, UnknownRegion};
pub use config::{Config, Endpoint};
pub use error::{ApiError, Error};
pub use request::{parse_response, NoContent, OperationInfo, RequestBuilder, Response};
pub use retry::RetryPolicy;
pub use service::Service;
#[cfg(feature = "transport")]
pub use transport::HttpClient;
