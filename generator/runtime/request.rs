//! Building an operation's HTTP request, and parsing its response. Neither needs the bundled
//! transport: a caller with an HTTP stack of their own builds the request, authorizes it with
//! [`Config::authorize`](super::config::Config::authorize), sends it, and hands the status,
//! headers and body to [`parse_response`].
//!
//! Generated operation code reads like:
//!
//! ```text
//! RequestBuilder::new(http::Method::POST, "/v1/{tenant_id}/tasks")
//!     .operation(OperationInfo { name: "CreateTask", security: None })
//!     .path_param("tenant_id", tenant_id)
//!     .query_opt("scope", self.scope.as_ref())
//!     .header_opt("X-Language", self.x_language.as_ref())
//!     .json(&self.body)
//!     .build(config.endpoint())
//! ```

use std::fmt::{self, Display, Write as _};

use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{HeaderMap, Method, Request, StatusCode};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize};

use super::config::Endpoint;
use super::encoding::percent_encode_with;
use super::error::{request_id, ApiError, Error};
use super::service::ErrorFormat;

/// What an operation's request carries for [`Config::authorize`](super::Config::authorize), as
/// an extension of the `http::Request`: which operation it is, and its security requirement.
/// A request of an operation that has no requirement of its own (`security: None`) carries no
/// extension: the service's default applies to it either way, and the request is built without
/// allocating for the extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// The operation's ID in the spec.
    pub name: &'static str,
    /// The operation's own security requirement (alternatives, each a list of scheme names; an
    /// empty list means no authentication), or `None` for the service's default.
    pub security: Option<&'static [&'static [&'static str]]>,
}

/// `value` as a header value when it has only visible ASCII, spaces and tabs: the one check
/// every header value of a request passes (parameters, settings, credentials). `HeaderValue`
/// alone would also take bytes >= 0x80, which servers may read in another charset than the one
/// signed.
pub fn checked_header_value(value: &str) -> Option<HeaderValue> {
    if !is_header_text(value) {
        return None;
    }
    HeaderValue::from_str(value).ok()
}

/// The name of a header set by [`RequestBuilder::header`] and its kin: a `&str` (checked when
/// set; a bad name is an error naming it), or a [`KnownHeader`].
pub trait HeaderNameArg: Copy {
    /// The header name, or `None` when the text cannot be one.
    fn to_header_name(self) -> Option<HeaderName>;
    /// The name as written, for error messages.
    fn text(&self) -> &str;
    /// Whether this is `Authorization` (whose values are marked sensitive).
    fn is_authorization(&self) -> bool;
}

impl HeaderNameArg for &str {
    fn to_header_name(self) -> Option<HeaderName> {
        HeaderName::from_bytes(self.as_bytes()).ok()
    }

    fn text(&self) -> &str {
        self
    }

    fn is_authorization(&self) -> bool {
        self.eq_ignore_ascii_case("authorization")
    }
}

/// A header name known when the code was generated: the name as written, and its
/// [`http::HeaderName`], made when the crate is compiled. Generated code passes one to
/// [`RequestBuilder::header`] (`&const { KnownHeader::new("X-Name", "x-name") }`), so that
/// nothing is parsed or allocated for the name per request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownHeader {
    text: &'static str,
    name: HeaderName,
}

impl KnownHeader {
    /// The header `text`, whose lowercase form is `lower` (a compile error in a constant, and a
    /// panic elsewhere, when `lower` is not a valid lowercase header name).
    pub const fn new(text: &'static str, lower: &'static str) -> Self {
        KnownHeader {
            text,
            name: HeaderName::from_static(lower),
        }
    }
}

impl HeaderNameArg for &KnownHeader {
    fn to_header_name(self) -> Option<HeaderName> {
        Some(self.name.clone())
    }

    fn text(&self) -> &str {
        self.text
    }

    fn is_authorization(&self) -> bool {
        self.name == http::header::AUTHORIZATION
    }
}

/// `Content-Type`, spelled in lowercase in errors.
const CONTENT_TYPE_HEADER: KnownHeader = KnownHeader::new("content-type", "content-type");

/// How long a path and query string may be to be written on the stack first.
const PATH_ON_STACK: usize = 512;

/// Builds the `http::Request` of one operation. Errors (a bad header value, an unusable path
/// parameter, a body that cannot be serialized) are kept and returned by
/// [`RequestBuilder::build`], so calls chain without `?`.
pub struct RequestBuilder {
    method: Method,
    /// The path template (its first `template_len` bytes), then the name and the raw value of
    /// each path parameter and query pair, back to back: one buffer for all of them.
    text: String,
    template_len: usize,
    /// The path parameters and the query pairs, in the order given (one vector for both).
    pieces: Vec<Piece>,
    headers: HeaderMap,
    body: Vec<u8>,
    operation: Option<OperationInfo>,
    /// Boxed: the builder is passed by value through every call, and an `Error` is large.
    error: Option<Box<Error>>,
}

/// A name and its value in [`RequestBuilder::text`]: `text[start..split]` and
/// `text[split..end]`; a query pair or a path parameter.
#[derive(Clone, Copy)]
struct Piece {
    start: usize,
    split: usize,
    end: usize,
    query: bool,
}

impl fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pairs = |query: bool| {
            self.pieces
                .iter()
                .filter(|p| p.query == query)
                .map(|&p| (self.name(p), self.value(p)))
                .collect::<Vec<_>>()
        };
        f.debug_struct("RequestBuilder")
            .field("method", &self.method)
            .field("path_template", &&self.text[..self.template_len])
            .field("path_params", &pairs(false))
            .field("query", &pairs(true))
            .field("headers", &self.headers)
            .field("body", &self.body)
            .field("operation", &self.operation)
            .field("error", &self.error)
            .finish()
    }
}

impl RequestBuilder {
    /// A request for `path_template`, whose `{name}` placeholders are filled by
    /// [`RequestBuilder::path_param`].
    pub fn new(method: Method, path_template: &str) -> Self {
        let mut text = String::with_capacity(path_template.len() + 128);
        text.push_str(path_template);
        RequestBuilder {
            method,
            text,
            template_len: path_template.len(),
            pieces: Vec::new(),
            headers: HeaderMap::with_capacity(8),
            body: Vec::new(),
            operation: None,
            error: None,
        }
    }

    fn fail(&mut self, error: Error) {
        if self.error.is_none() {
            self.error = Some(Box::new(error));
        }
    }

    fn name(&self, piece: Piece) -> &str {
        &self.text[piece.start..piece.split]
    }

    fn value(&self, piece: Piece) -> &str {
        &self.text[piece.split..piece.end]
    }

    /// Appends `name` and the text of `value` to the buffer.
    fn push_piece(&mut self, name: &str, value: impl Display, query: bool) -> Piece {
        let start = self.text.len();
        self.text.push_str(name);
        let split = self.text.len();
        if write!(self.text, "{value}").is_err() {
            self.fail(Error::InvalidRequest(format!(
                "the value of {name} cannot be formatted"
            )));
        }
        Piece {
            start,
            split,
            end: self.text.len(),
            query,
        }
    }

    /// Fills the placeholder `{name}` with `value`, percent-encoded as one path segment: `/`,
    /// `?`, `#`, `%`, spaces and non-ASCII characters are encoded, so no value can change the
    /// path. An empty value, `.` and `..` are rejected.
    pub fn path_param(mut self, name: &str, value: impl Display) -> Self {
        let piece = self.push_piece(name, value, false);
        if matches!(self.value(piece), "" | "." | "..") {
            self.fail(Error::InvalidRequest(format!(
                "path parameter {name} must not be empty, \".\" or \"..\""
            )));
        } else {
            self.pieces.push(piece);
        }
        self
    }

    /// Adds the query pair `key=value` (repeat it for a list). The query sent is the
    /// canonical query string: pairs sorted, keys and values percent-encoded.
    pub fn query(mut self, key: &str, value: impl Display) -> Self {
        let piece = self.push_piece(key, value, true);
        self.pieces.push(piece);
        self
    }

    /// Adds one query pair `key=item` per item (`form` style with `explode: true`).
    pub fn query_each<V: Display>(self, key: &str, items: impl IntoIterator<Item = V>) -> Self {
        items
            .into_iter()
            .fold(self, |builder, item| builder.query(key, item))
    }

    /// Adds the query pair when `value` is `Some`.
    pub fn query_opt<V: Display>(self, key: &str, value: Option<V>) -> Self {
        match value {
            Some(value) => self.query(key, value),
            None => self,
        }
    }

    /// Sets the header `name` to `value`. A name or value that is not allowed in a header
    /// (CR, LF, other control characters, non-ASCII) is an error naming the header; the value
    /// is not repeated in it. An `Authorization` value is marked sensitive (hidden from `Debug`).
    ///
    /// `name` is a `&str`, checked here, or a [`KnownHeader`] (generated code passes the names
    /// it knows as constants, made when the crate is compiled).
    pub fn header(self, name: impl HeaderNameArg, value: impl Display) -> Self {
        let sensitive = name.is_authorization();
        self.set_header(name, value, sensitive)
    }

    /// Like [`RequestBuilder::header`], for a value that is secret: it is marked sensitive.
    pub fn sensitive_header(self, name: impl HeaderNameArg, value: impl Display) -> Self {
        self.set_header(name, value, true)
    }

    /// Like [`RequestBuilder::sensitive_header`], when `value` is `Some`.
    pub fn sensitive_header_opt<V: Display>(
        self,
        name: impl HeaderNameArg,
        value: Option<V>,
    ) -> Self {
        match value {
            Some(value) => self.sensitive_header(name, value),
            None => self,
        }
    }

    fn set_header(mut self, name: impl HeaderNameArg, value: impl Display, sensitive: bool) -> Self {
        let Some(header_name) = name.to_header_name() else {
            self.fail(Error::InvalidRequest(format!(
                "invalid header name {:?}",
                name.text()
            )));
            return self;
        };
        let value = value.to_string();
        let checked = if is_header_text(&value) {
            HeaderValue::try_from(value).ok()
        } else {
            None
        };
        match checked {
            Some(mut header_value) => {
                header_value.set_sensitive(sensitive);
                self.headers.insert(header_name, header_value);
            }
            None => self.fail(Error::InvalidRequest(format!(
                "header {}: the value contains CR, LF, non-ASCII or other characters not allowed in a header value",
                name.text()
            ))),
        }
        self
    }

    /// Marks the request as one of `operation` (see [`OperationInfo`]: carried when its
    /// security requirement is the operation's own).
    pub fn operation(mut self, operation: OperationInfo) -> Self {
        self.operation = Some(operation);
        self
    }

    /// Sets the header when `value` is `Some`.
    pub fn header_opt<V: Display>(self, name: impl HeaderNameArg, value: Option<V>) -> Self {
        match value {
            Some(value) => self.header(name, value),
            None => self,
        }
    }

    /// Sets the body to `body` as JSON, with `Content-Type: application/json`.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        let mut bytes = Vec::with_capacity(128);
        match serde_json::to_writer(&mut bytes, body) {
            Ok(()) => {
                self.body = bytes;
                self.headers
                    .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            Err(e) => self.fail(Error::InvalidRequest(format!(
                "cannot serialize the request body: {e}"
            ))),
        }
        self
    }

    /// Sets the body to `text` (UTF-8), with `Content-Type: {content_type}`.
    pub fn text(self, text: &str, content_type: &str) -> Self {
        self.raw_body(text.as_bytes().to_vec(), content_type)
    }

    /// Sets the body to `bytes`, with `Content-Type: {content_type}`.
    pub fn bytes(self, bytes: &[u8], content_type: &str) -> Self {
        self.raw_body(bytes.to_vec(), content_type)
    }

    /// Sets the body to the encoded `form`, with `Content-Type: multipart/form-data;
    /// boundary=...` (see [`Multipart`](super::body::Multipart)).
    pub fn multipart(mut self, form: super::body::Multipart) -> Self {
        match form.encode() {
            Ok((content_type, bytes)) => self.raw_body(bytes, &content_type),
            Err(e) => {
                self.fail(e);
                self
            }
        }
    }

    /// Sets the `Content-Type` of a body already set (a JSON body whose media type is not
    /// `application/json`, such as `application/merge-patch+json`).
    pub fn content_type(self, content_type: &str) -> Self {
        self.set_header(&CONTENT_TYPE_HEADER, content_type, false)
    }

    fn raw_body(mut self, bytes: Vec<u8>, content_type: &str) -> Self {
        self.body = bytes;
        self.set_header(&CONTENT_TYPE_HEADER, content_type, false)
    }

    /// The request for `endpoint`, or the first error met while building it (including a
    /// placeholder left unfilled or a parameter the template does not have).
    pub fn build(mut self, endpoint: &Endpoint) -> Result<Request<Vec<u8>>, Error> {
        if let Some(error) = self.error.take() {
            return Err(*error);
        }
        // The path parameters first, in the order given; then the query pairs in the canonical
        // order: by raw key, then raw value. (Stable, and without allocating for a few pieces.)
        let text = self.text.as_bytes();
        self.pieces.sort_by(|a, b| match (a.query, b.query) {
            (false, false) => std::cmp::Ordering::Equal,
            (false, true) => std::cmp::Ordering::Less,
            (true, false) => std::cmp::Ordering::Greater,
            (true, true) => text[a.start..a.split]
                .cmp(&text[b.start..b.split])
                .then_with(|| text[a.split..a.end].cmp(&text[b.split..b.end])),
        });
        // Written on the stack, then copied into a buffer of its exact size (which the URI
        // takes without copying again); a longer one is measured first, then written.
        let base = endpoint.base_path().as_bytes();
        let mut stack = [0_u8; PATH_ON_STACK];
        let mut len = base.len();
        let mut fits = len <= PATH_ON_STACK;
        if fits {
            stack[..len].copy_from_slice(base);
            self.write_path_and_query(&mut |piece| {
                if fits && len + piece.len() <= PATH_ON_STACK {
                    stack[len..len + piece.len()].copy_from_slice(piece);
                    len += piece.len();
                } else {
                    fits = false;
                }
            })?;
        }
        let path_and_query = if fits {
            stack[..len].to_vec()
        } else {
            let mut len = endpoint.base_path().len();
            self.write_path_and_query(&mut |piece| len += piece.len())?;
            let mut path_and_query = Vec::with_capacity(len);
            path_and_query.extend_from_slice(endpoint.base_path().as_bytes());
            self.write_path_and_query(&mut |piece| path_and_query.extend_from_slice(piece))?;
            path_and_query
        };
        let bad_uri =
            |e: &dyn Display| Error::InvalidRequest(format!("cannot build the request URI: {e}"));
        let mut parts = http::uri::Parts::default();
        parts.scheme = Some(if endpoint.scheme() == "https" {
            http::uri::Scheme::HTTPS
        } else {
            http::uri::Scheme::HTTP
        });
        parts.authority = Some(endpoint.authority().clone());
        parts.path_and_query =
            Some(http::uri::PathAndQuery::try_from(path_and_query).map_err(|e| bad_uri(&e))?);
        let uri = http::Uri::from_parts(parts).map_err(|e| bad_uri(&e))?;
        let mut request = Request::new(self.body);
        *request.method_mut() = self.method;
        *request.uri_mut() = uri;
        *request.headers_mut() = self.headers;
        // Only a requirement of the operation's own is carried: without the extension, the
        // service's default applies, and the request is built without allocating for it.
        if let Some(operation) = self.operation.filter(|o| o.security.is_some()) {
            request.extensions_mut().insert(operation);
        }
        Ok(request)
    }

    /// Writes the path (each `{name}` of the template replaced with its encoded value), then
    /// `?` and the canonical query string (the pairs already sorted) when there are pairs.
    fn write_path_and_query(&self, out: &mut impl FnMut(&[u8])) -> Result<(), Error> {
        let template = &self.text[..self.template_len];
        if !template.starts_with('/') {
            return Err(Error::InvalidRequest(format!(
                "path template {template:?} must start with '/'"
            )));
        }
        // Sorted by `build`: the path parameters, then the query pairs.
        let (path_params, query) = self
            .pieces
            .split_at(self.pieces.partition_point(|p| !p.query));
        // Which parameters the template used, a bit each.
        if path_params.len() > 64 {
            return Err(Error::invalid("a request has at most 64 path parameters"));
        }
        let mut used: u64 = 0;
        let mut rest = template;
        // Byte searches: `str::find` costs more to set up than a short template takes to scan.
        while let Some(open) = rest.bytes().position(|b| b == b'{') {
            out(&rest.as_bytes()[..open]);
            let after = &rest[open + 1..];
            let close = after.bytes().position(|b| b == b'}').ok_or_else(|| {
                Error::InvalidRequest(format!("path template {template:?} has an unclosed '{{'"))
            })?;
            let name = &after[..close];
            let index = path_params
                .iter()
                .position(|&p| self.name(p) == name)
                .ok_or_else(|| {
                    Error::InvalidRequest(format!("path parameter {name} is not set"))
                })?;
            used |= 1 << index;
            percent_encode_with(self.value(path_params[index]).as_bytes(), out);
            rest = &after[close + 1..];
        }
        out(rest.as_bytes());
        // A parameter the template lacks, or a name given twice (only its first value is used).
        if let Some(unused) = (0..path_params.len()).find(|i| used & (1 << i) == 0) {
            return Err(Error::InvalidRequest(format!(
                "path template {template:?} has no parameter {}",
                self.name(path_params[unused])
            )));
        }
        for (i, &piece) in query.iter().enumerate() {
            out(if i == 0 { b"?" } else { b"&" });
            percent_encode_with(self.name(piece).as_bytes(), out);
            out(b"=");
            percent_encode_with(self.value(piece).as_bytes(), out);
        }
        Ok(())
    }
}

/// Whether `value` has only visible ASCII, spaces and tabs (see [`checked_header_value`]).
fn is_header_text(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}

/// A successful response: the HTTP status, the request ID, the headers and the typed body, and
/// for an operation that declares response headers, those headers typed (see
/// [`Response::declared_headers`]).
#[derive(Clone, Debug)]
pub struct Response<T> {
    status: StatusCode,
    request_id: Option<String>,
    headers: HeaderMap,
    body: T,
    declared: http::Extensions,
}

impl<T> Response<T> {
    /// A response with its parts (used by the parsing functions).
    pub(super) fn new(
        status: StatusCode,
        request_id: Option<String>,
        headers: HeaderMap,
        body: T,
    ) -> Self {
        Response {
            status,
            request_id,
            headers,
            body,
            declared: http::Extensions::new(),
        }
    }

    /// The HTTP status (2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The request ID, from the response header the service names for it, when present.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The typed body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The typed body, consuming the response.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The same response with its body transformed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            request_id: self.request_id,
            headers: self.headers,
            body: f(self.body),
            declared: self.declared,
        }
    }

    /// The operation's declared response headers, typed: `H` is the operation's generated
    /// `{Operation}ResponseHeaders` (read when the response was parsed; `None` for another type,
    /// or for an operation that declares none).
    pub fn declared_headers<H: Clone + Send + Sync + 'static>(&self) -> Option<&H> {
        self.declared.get::<H>()
    }

    /// The same response carrying `headers` as its declared headers (generated code calls this
    /// in `parse_response`).
    pub fn with_declared_headers<H: Clone + Send + Sync + 'static>(mut self, headers: H) -> Self {
        self.declared.insert(headers);
        self
    }
}

/// The body of an operation that documents none: accepts an empty body, `{}` or any other
/// JSON, and ignores it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoContent;

impl<'de> Deserialize<'de> for NoContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Ok(NoContent)
    }
}

impl fmt::Display for NoContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no content")
    }
}

/// Turns a response into the typed body or an error: the lenient, generic parser. Generated
/// operations parse with the stricter functions of [`body`](super::body) instead, by the kind of
/// body they document (`parse_json` rejects an empty or non-JSON answer, naming the operation).
///
/// - Not 2xx: [`Error::Api`] with the service's error code and message, found where `format`
///   says (any other body still gives a usable error).
/// - 2xx: the body as JSON `T`; an empty body reads as `{}` (so [`NoContent`] and types whose
///   fields are all optional accept it). A body that does not fit `T` is [`Error::Decode`]
///   with a bounded excerpt.
pub fn parse_response<T: DeserializeOwned>(
    format: &ErrorFormat,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response<T>, Error> {
    if !status.is_success() {
        return Err(Error::Api(ApiError::from_response(format, status, headers, body)));
    }
    let trimmed = body.trim_ascii();
    let json: &[u8] = if trimmed.is_empty() { b"{}" } else { trimmed };
    let request_id = request_id(format, headers);
    let body = serde_json::from_slice::<T>(json)
        .map_err(|e| Error::decode(status, request_id.clone(), body, &e.to_string()))?;
    Ok(Response {
        status,
        request_id,
        headers: headers.clone(),
        body,
        declared: http::Extensions::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::error::MAX_EXCERPT_BYTES;
    use crate::runtime::service::TEST_SERVICE;

    const FORMAT: ErrorFormat = TEST_SERVICE.errors;
    use serde::Deserialize;

    fn endpoint() -> Endpoint {
        Endpoint::parse("https://api.north-1.example.com").unwrap()
    }

    fn path_of(tenant_id: &str) -> Result<String, Error> {
        RequestBuilder::new(Method::POST, "/v1/{tenant_id}/tasks")
            .path_param("tenant_id", tenant_id)
            .build(&endpoint())
            .map(|r| r.uri().path().to_owned())
    }

    #[test]
    fn builds_the_reference_request() {
        #[derive(Serialize)]
        struct Body {
            task_type: &'static str,
        }
        let request = RequestBuilder::new(Method::POST, "/v1/{tenant_id}/tasks")
            .path_param("tenant_id", "0123456789abcdef0123456789abcdef")
            .query_opt("scope", Some("0"))
            .query_opt::<&str>("absent", None)
            .header_opt("region", Some("north-1"))
            .header_opt::<&str>("x-absent", None)
            .json(&Body {
                task_type: "cluster_scan",
            })
            .build(&endpoint())
            .unwrap();
        assert_eq!(request.method(), Method::POST);
        assert_eq!(
            request.uri().to_string(),
            "https://api.north-1.example.com/v1/0123456789abcdef0123456789abcdef/tasks?scope=0"
        );
        assert_eq!(request.headers()["content-type"], "application/json");
        assert_eq!(request.headers()["region"], "north-1");
        assert!(!request.headers().contains_key("x-absent"));
        assert_eq!(request.body(), br#"{"task_type":"cluster_scan"}"#);
    }

    #[test]
    fn hostile_path_values_stay_in_one_segment() {
        assert_eq!(path_of("a/b").unwrap(), "/v1/a%2Fb/tasks");
        assert_eq!(
            path_of("../../admin").unwrap(),
            "/v1/..%2F..%2Fadmin/tasks"
        );
        assert_eq!(path_of("x?y=1#z").unwrap(), "/v1/x%3Fy%3D1%23z/tasks");
        assert_eq!(path_of("a b").unwrap(), "/v1/a%20b/tasks");
        assert_eq!(path_of("%2e%2e").unwrap(), "/v1/%252e%252e/tasks");
        assert_eq!(
            path_of("项目").unwrap(),
            "/v1/%E9%A1%B9%E7%9B%AE/tasks"
        );
        assert_eq!(path_of("a\r\nb").unwrap(), "/v1/a%0D%0Ab/tasks");
        assert_eq!(path_of("...").unwrap(), "/v1/.../tasks");
        // Longer than what is written on the stack first, before and after encoding.
        let long = "a".repeat(PATH_ON_STACK + 10);
        assert_eq!(path_of(&long).unwrap(), format!("/v1/{long}/tasks"));
        let slashes = "/".repeat(PATH_ON_STACK / 3);
        assert_eq!(
            path_of(&slashes).unwrap(),
            format!("/v1/{}/tasks", "%2F".repeat(PATH_ON_STACK / 3))
        );
        for bad in ["", ".", ".."] {
            let err = path_of(bad).unwrap_err();
            assert!(matches!(err, Error::InvalidRequest(_)));
            assert!(err.to_string().contains("tenant_id"), "{err}");
        }
    }

    #[test]
    fn template_errors_are_reported() {
        let build = |b: RequestBuilder| b.build(&endpoint()).unwrap_err().to_string();
        assert!(
            build(RequestBuilder::new(Method::POST, "/v1/{tenant_id}/x"))
                .contains("tenant_id is not set")
        );
        assert!(
            build(RequestBuilder::new(Method::POST, "/v1/x").path_param("tenant_id", "p"))
                .contains("no parameter tenant_id")
        );
        assert!(build(RequestBuilder::new(Method::POST, "/v1/{oops")).contains("unclosed"));
        assert!(build(RequestBuilder::new(Method::POST, "v5")).contains("start with"));
    }

    #[test]
    fn query_is_canonical_on_the_wire() {
        let request = RequestBuilder::new(Method::GET, "/v1/x")
            .query("b", "2")
            .query("a", "y z")
            .query("a", "x/&=")
            .query("limit", 10)
            .build(&endpoint())
            .unwrap();
        assert_eq!(
            request.uri().query(),
            Some("a=x%2F%26%3D&a=y%20z&b=2&limit=10")
        );
        let request = RequestBuilder::new(Method::GET, "/v1/x")
            .build(&endpoint())
            .unwrap();
        assert_eq!(request.uri().query(), None);
    }

    #[test]
    fn bad_header_values_are_errors_naming_the_header_not_the_value() {
        for value in ["cn\r\nX-Injected: 1", "a\nb", "a\rb", "a\0b", "中文"] {
            let err = RequestBuilder::new(Method::POST, "/v1/x")
                .header("region", value)
                .build(&endpoint())
                .unwrap_err();
            let message = err.to_string();
            assert!(matches!(err, Error::InvalidRequest(_)));
            assert!(message.contains("region"), "{message}");
            assert!(!message.contains(value), "{message}");
        }
        let request = RequestBuilder::new(Method::POST, "/v1/x")
            .sensitive_header("X-Api-Token", "tokenvalue")
            .header("Authorization", "Bearer tokenvalue")
            .header("X-Plain", "plainvalue")
            .build(&endpoint())
            .unwrap();
        assert!(request.headers()["x-api-token"].is_sensitive());
        assert!(request.headers()["authorization"].is_sensitive());
        assert!(!request.headers()["x-plain"].is_sensitive());
        assert!(!format!("{request:?}").contains("tokenvalue"));
        // An operation's own security requirement goes with the request; the default needs
        // nothing.
        let info = OperationInfo {
            name: "op",
            security: Some(&[&["token"]]),
        };
        let request = RequestBuilder::new(Method::GET, "/v1/x")
            .operation(info)
            .build(&endpoint())
            .unwrap();
        assert_eq!(request.extensions().get::<OperationInfo>(), Some(&info));
        let request = RequestBuilder::new(Method::GET, "/v1/x")
            .operation(OperationInfo {
                security: None,
                ..info
            })
            .build(&endpoint())
            .unwrap();
        assert_eq!(request.extensions().get::<OperationInfo>(), None);
        let err = RequestBuilder::new(Method::POST, "/v1/x")
            .header("bad name", "v")
            .build(&endpoint())
            .unwrap_err();
        assert!(err.to_string().contains("bad name"));
        // The first error wins.
        let err = RequestBuilder::new(Method::POST, "/v1/{p}")
            .header("first", "a\nb")
            .header("second", "a\nb")
            .build(&endpoint())
            .unwrap_err();
        assert!(err.to_string().contains("first"));
    }

    #[test]
    fn known_header_names_act_as_their_text() {
        const REGION: KnownHeader = KnownHeader::new("X-Region", "x-region");
        const AUTH: KnownHeader = KnownHeader::new("Authorization", "authorization");
        let request = RequestBuilder::new(Method::POST, "/v1/x")
            .header(&REGION, "north-1")
            .header(&AUTH, "Bearer tokenvalue")
            .sensitive_header(&const { KnownHeader::new("X-Key", "x-key") }, "keyvalue")
            .build(&endpoint())
            .unwrap();
        assert_eq!(request.headers()["x-region"], "north-1");
        assert!(!request.headers()["x-region"].is_sensitive());
        assert!(request.headers()["authorization"].is_sensitive());
        assert!(request.headers()["x-key"].is_sensitive());
        assert!(!format!("{request:?}").contains("tokenvalue"));
        assert!(!format!("{request:?}").contains("keyvalue"));
        // An error names the header as written, never the value.
        let err = RequestBuilder::new(Method::POST, "/v1/x")
            .header_opt(&REGION, Some("a\r\nb"))
            .build(&endpoint())
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)));
        assert!(err.to_string().starts_with("invalid request: header X-Region: "), "{err}");
    }

    #[test]
    fn unserializable_bodies_are_errors() {
        let mut map = std::collections::BTreeMap::new();
        map.insert((1, 2), 3);
        let err = RequestBuilder::new(Method::POST, "/v1/x")
            .json(&map)
            .build(&endpoint())
            .unwrap_err();
        assert!(err
            .to_string()
            .contains("cannot serialize the request body"));
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct TaskId {
        task_id: String,
    }

    fn headers(request_id: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(id) = request_id {
            headers.insert("x-request-id", HeaderValue::from_str(id).unwrap());
        }
        headers
    }

    #[test]
    fn parses_typed_success_bodies() {
        let response: Response<TaskId> = parse_response(&FORMAT, 
            StatusCode::OK,
            &headers(Some("rid")),
            br#"{"task_id":"t-1","extra":1}"#,
        )
        .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.request_id(), Some("rid"));
        assert_eq!(response.headers()["x-request-id"], "rid");
        assert_eq!(response.body().task_id, "t-1");
        let mapped = response.map(|b| b.task_id.len());
        assert_eq!(*mapped.body(), 3);
        assert_eq!(mapped.into_body(), 3);
    }

    #[test]
    fn empty_and_empty_object_bodies_are_no_content() {
        for body in [&b""[..], b"{}", b"  \n", b"null", br#"{"anything":[1]}"#] {
            let response: Response<NoContent> =
                parse_response(&FORMAT, StatusCode::OK, &headers(None), body).unwrap();
            assert_eq!(*response.body(), NoContent);
            assert_eq!(response.request_id(), None);
        }
        let response: Response<NoContent> =
            parse_response(&FORMAT, StatusCode::NO_CONTENT, &headers(None), b"").unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }

    #[test]
    fn undecodable_success_bodies_are_decode_errors_with_bounded_excerpts() {
        let err =
            parse_response::<TaskId>(&FORMAT, StatusCode::OK, &headers(Some("rid")), b"<html>oops</html>")
                .unwrap_err();
        match &err {
            Error::Decode {
                status,
                request_id,
                excerpt,
                message,
            } => {
                assert_eq!(*status, StatusCode::OK);
                assert_eq!(request_id.as_deref(), Some("rid"));
                assert_eq!(excerpt, "<html>oops</html>");
                assert!(!message.is_empty());
            }
            other => panic!("unexpected {other:?}"),
        }
        let err = parse_response::<TaskId>(&FORMAT, StatusCode::OK, &headers(None), b"").unwrap_err();
        assert!(err.to_string().contains("task_id"), "{err}");
        let huge = format!("[{}]", "\"中\",".repeat(100_000));
        let err =
            parse_response::<TaskId>(&FORMAT, StatusCode::OK, &headers(None), huge.as_bytes()).unwrap_err();
        match err {
            Error::Decode { excerpt, .. } => {
                assert!(excerpt.len() <= MAX_EXCERPT_BYTES + '…'.len_utf8());
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn error_statuses_become_api_errors() {
        let err = parse_response::<NoContent>(&FORMAT, 
            StatusCode::BAD_REQUEST,
            &headers(Some("rid")),
            br#"{"code":"SVC.0001","message":"bad"}"#,
        )
        .unwrap_err();
        let api = err.as_api_error().unwrap();
        assert_eq!(api.error_code(), "SVC.0001");
        assert_eq!(api.request_id(), Some("rid"));
        let err = parse_response::<NoContent>(&FORMAT, StatusCode::FOUND, &headers(None), b"").unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::FOUND));
    }
}
