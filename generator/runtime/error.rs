//! The one error type of the client, and the parsing of the service's error bodies.
//!
//! Where a JSON error body keeps its code, message and request ID is data from the spec (an
//! [`ErrorFormat`]: lists of dotted paths such as `error_code` or `error.code`, tried in order).
//! A body that has none of them shows as the message, and a body that is not JSON at all (an
//! HTML page from a proxy) yields the status as the code and its text as the message. Nothing
//! here ever holds or prints a credential.

use std::fmt;

use http::{HeaderMap, StatusCode};

use super::build::BuildError;
use super::service::ErrorFormat;
use super::validation::ValidationErrors;

/// Longest excerpt of a body kept in a message or shown in `Display` (bytes).
pub const MAX_EXCERPT_BYTES: usize = 512;

/// Longest error message taken from a JSON error body (bytes); the raw body is kept whole.
const MAX_JSON_MESSAGE_BYTES: usize = 4096;

/// Longest error code or request ID kept (bytes); a longer one is cut and ends with `…`.
pub const MAX_ID_BYTES: usize = 256;

/// Longest decoder message kept in an [`Error::Decode`] (bytes). A longer one keeps its start and
/// its end (where the decoder says the line and column), with `…` in between.
pub const MAX_DECODE_MESSAGE_BYTES: usize = 1024;

/// Everything that can go wrong when calling the API.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Client-side validation failed: a constraint of the spec, or a required parameter that
    /// neither the request nor the client settings supply (`Rule::RequiredSetting` names the
    /// builder method and environment variable that give it). Nothing was sent.
    Validation(ValidationErrors),
    /// A builder's `build` was called before every required field was set (the
    /// [`BuildError`] names the type and each missing field). Nothing was sent.
    Build(BuildError),
    /// The service answered with an error status (not 2xx).
    Api(ApiError),
    /// The request timed out.
    Timeout {
        /// Whether the timeout happened while connecting, before anything was sent.
        during_connect: bool,
    },
    /// The connection failed, or the request or response could not be transferred.
    Transport {
        /// What happened.
        message: String,
        /// Whether the service may have received the request (false only when the connection
        /// itself failed).
        maybe_sent: bool,
        /// The underlying error.
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    },
    /// A success response that does not match what the spec documents: a body that is not of
    /// the documented type or media type, an empty body where one is documented, or a declared
    /// response header that is missing or does not parse.
    Decode {
        /// The HTTP status of the response.
        status: StatusCode,
        /// The request ID, when the service gave one.
        request_id: Option<String>,
        /// The start of the body (at most [`MAX_EXCERPT_BYTES`] bytes, cut at a char boundary).
        excerpt: String,
        /// What the JSON decoder reported (at most [`MAX_DECODE_MESSAGE_BYTES`]; see
        /// [`Error::decode`]).
        message: String,
    },
    /// The request could not be built or authenticated: a bad parameter or header value, an
    /// array item holding its style's delimiter, a bad or unknown endpoint or region, missing
    /// credentials, or a client setting that does not parse. Nothing was sent.
    InvalidRequest(String),
}

impl Error {
    /// An [`Error::Decode`], with every part taken from the response bounded: the request ID
    /// (at most [`MAX_ID_BYTES`]), the body excerpt ([`MAX_EXCERPT_BYTES`]) and the decoder's
    /// message ([`MAX_DECODE_MESSAGE_BYTES`]), which may quote the body.
    pub fn decode(
        status: StatusCode,
        request_id: Option<String>,
        body: &[u8],
        message: &str,
    ) -> Self {
        Error::Decode {
            status,
            request_id: request_id.map(|id| one_line(&bounded(&id, MAX_ID_BYTES))),
            excerpt: excerpt(body, MAX_EXCERPT_BYTES),
            message: bounded_middle(message, MAX_DECODE_MESSAGE_BYTES),
        }
    }

    /// Shorthand for [`Error::InvalidRequest`].
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidRequest(message.into())
    }

    /// The HTTP status, for [`Error::Api`] and [`Error::Decode`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status()),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The request ID the service gave, for [`Error::Api`] and [`Error::Decode`].
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id(),
            Error::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The API error, when the service answered with an error status.
    pub fn as_api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(errors) => write!(f, "invalid request parameters: {errors}"),
            Error::Build(e) => write!(f, "incomplete value: {e}"),
            Error::Api(e) => fmt::Display::fmt(e, f),
            Error::Timeout {
                during_connect: true,
            } => f.write_str("timed out connecting to the endpoint (the request was not sent)"),
            Error::Timeout {
                during_connect: false,
            } => f.write_str("request timed out (the service may have processed it)"),
            Error::Transport {
                message,
                maybe_sent,
                ..
            } => {
                let sent = if *maybe_sent {
                    "the request may have been sent"
                } else {
                    "the request was not sent"
                };
                write!(f, "transport error: {message} ({sent})")
            }
            Error::Decode {
                status,
                request_id,
                excerpt,
                message,
            } => {
                write!(
                    f,
                    "could not decode the HTTP {} response body: {message}; body starts with {excerpt:?}",
                    status.as_u16()
                )?;
                match request_id {
                    Some(id) => write!(f, " (request id {id})"),
                    None => f.write_str(" (no request id)"),
                }
            }
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(errors) => Some(errors),
            Error::Build(e) => Some(e),
            Error::Transport {
                source: Some(source),
                ..
            } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl From<BuildError> for Error {
    fn from(error: BuildError) -> Self {
        Error::Build(error)
    }
}

impl From<ValidationErrors> for Error {
    fn from(errors: ValidationErrors) -> Self {
        Error::Validation(errors)
    }
}

/// An error answer from the service: status, request ID, the vendor's error code and message,
/// and the raw response kept for inspection.
#[derive(Clone)]
pub struct ApiError {
    inner: Box<ApiErrorInner>,
}

#[derive(Clone)]
struct ApiErrorInner {
    status: StatusCode,
    request_id: Option<String>,
    error_code: String,
    error_msg: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl ApiError {
    /// Builds the error for a response with an error status, reading the body where `format`
    /// says. The request ID comes from the first of the format's response headers present, or
    /// else from the body. Never fails: an unparseable body becomes the message.
    pub fn from_response(
        format: &ErrorFormat,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Self {
        let parsed = parse_error_body(format, status, body);
        let request_id = request_id(format, headers).or(parsed.request_id);
        ApiError {
            inner: Box::new(ApiErrorInner {
                status,
                request_id: request_id.map(|id| one_line(&bounded(&id, MAX_ID_BYTES))),
                error_code: one_line(&bounded(&parsed.code, MAX_ID_BYTES)),
                error_msg: one_line(&parsed.message),
                headers: headers.clone(),
                body: body.to_vec(),
            }),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.inner.status
    }

    /// The request ID, when the service gave one.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The service's error code, or the status as a string when the body carried none.
    pub fn error_code(&self) -> &str {
        &self.inner.error_code
    }

    /// The service's error message, or the (bounded) text of a body that has none.
    pub fn error_msg(&self) -> &str {
        &self.inner.error_msg
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.inner.headers
    }

    /// The response body, unchanged.
    pub fn raw_body(&self) -> &[u8] {
        &self.inner.body
    }

    /// Whether the status is 4xx (the request was wrong or not allowed).
    pub fn is_client_error(&self) -> bool {
        self.inner.status.is_client_error()
    }

    /// Whether the status is 5xx (the service failed).
    pub fn is_server_error(&self) -> bool {
        self.inner.status.is_server_error()
    }

    /// Whether the status is 429 Too Many Requests.
    pub fn is_throttled(&self) -> bool {
        self.inner.status == StatusCode::TOO_MANY_REQUESTS
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.inner.status)
            .field("request_id", &self.inner.request_id)
            .field("error_code", &self.inner.error_code)
            .field("error_msg", &self.inner.error_msg)
            .field("body_len", &self.inner.body.len())
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.inner.status;
        write!(f, "HTTP {}", status.as_u16())?;
        if let Some(reason) = status.canonical_reason() {
            write!(f, " {reason}")?;
        }
        write!(f, ": [{}]", self.inner.error_code)?;
        if !self.inner.error_msg.is_empty() {
            write!(f, " {}", self.inner.error_msg)?;
        }
        match &self.inner.request_id {
            Some(id) => write!(f, " (request id {id})"),
            None => f.write_str(" (no request id)"),
        }
    }
}

impl std::error::Error for ApiError {}

/// The request ID from the first of the format's headers that is present, not blank and
/// visible ASCII; at most [`MAX_ID_BYTES`] of it (a longer one ends with `…`).
pub(crate) fn request_id(format: &ErrorFormat, headers: &HeaderMap) -> Option<String> {
    format.request_id_headers.iter().find_map(|name| {
        headers
            .get(*name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| bounded(v, MAX_ID_BYTES))
    })
}

/// The scalar at a dotted `path` (`error.code`) of a JSON object, as text.
fn field_at(map: &serde_json::Map<String, serde_json::Value>, path: &str) -> Option<String> {
    let mut segments = path.split('.');
    let mut value = map.get(segments.next()?)?;
    for segment in segments {
        value = value.as_object()?.get(segment)?;
    }
    scalar_to_string(value)
}

/// What an error body said.
struct ParsedErrorBody {
    code: String,
    message: String,
    request_id: Option<String>,
}

fn parse_error_body(format: &ErrorFormat, status: StatusCode, body: &[u8]) -> ParsedErrorBody {
    let status_code = status.as_u16().to_string();
    let fallback_message = || {
        status
            .canonical_reason()
            .unwrap_or("unknown status")
            .to_owned()
    };
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() {
        return ParsedErrorBody {
            code: status_code,
            message: format!("{} (empty response body)", fallback_message()),
            request_id: None,
        };
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(trimmed) {
        let field = |paths: &[&str]| paths.iter().find_map(|path| field_at(&map, path));
        let code = field(format.code);
        let message = field(format.message);
        let request_id = field(format.request_id);
        if code.is_some() || message.is_some() {
            return ParsedErrorBody {
                code: code.unwrap_or(status_code),
                message: bounded(&message.unwrap_or_default(), MAX_JSON_MESSAGE_BYTES),
                request_id,
            };
        }
        // JSON, but none of the known fields: show the body itself.
        return ParsedErrorBody {
            code: status_code,
            message: excerpt(trimmed, MAX_EXCERPT_BYTES),
            request_id,
        };
    }
    // Not JSON (an HTML page from a proxy, plain text): the text, tags removed.
    let text = excerpt(trimmed, MAX_EXCERPT_BYTES * 8);
    let mut message = bounded(&html_to_text(&text), MAX_EXCERPT_BYTES);
    if message.is_empty() {
        message = fallback_message();
    }
    ParsedErrorBody {
        code: status_code,
        message,
        request_id: None,
    }
}

/// A JSON string, number or boolean as text; `None` for null, arrays and objects.
fn scalar_to_string(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `s` with control characters (CR, LF, tab, ...) replaced by spaces, so that a message from
/// the network cannot forge extra lines in a log.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Removes `<...>` tags and collapses whitespace runs into one space.
fn html_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    let mut pending_space = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                pending_space = true;
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c if c.is_whitespace() || c.is_control() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// `s` cut to at most `max` bytes at a char boundary, with `…` appended when cut.
pub(crate) fn bounded(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// `s` cut to about `max` bytes by removing its middle (at char boundaries), marked with `…`:
/// the start says what went wrong, the end where.
pub(crate) fn bounded_middle(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut head = max * 3 / 4;
    while !s.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = s.len() - (max - head);
    while !s.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{}…{}", &s[..head], &s[tail..])
}

/// The start of `bytes` as text: at most `max` bytes, never splitting a UTF-8 sequence, invalid
/// UTF-8 replaced by U+FFFD, `…` appended when cut.
pub fn excerpt(bytes: &[u8], max: usize) -> String {
    if bytes.len() <= max {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut prefix = &bytes[..max];
    // Drop a multi-byte sequence cut in two at the end: find the last lead byte (at most three
    // continuation bytes back) and check that its whole sequence fits.
    let is_continuation = |b: u8| b & 0xC0 == 0x80;
    if let Some(back) = prefix
        .iter()
        .rev()
        .take(4)
        .position(|&b| !is_continuation(b))
    {
        let lead_at = prefix.len() - 1 - back;
        let width = match prefix[lead_at] {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        if lead_at + width > prefix.len() {
            prefix = &prefix[..lead_at];
        }
    }
    format!("{}…", String::from_utf8_lossy(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A format with the shapes of error body these tests use.
    const FORMAT: ErrorFormat = ErrorFormat {
        code: &["error_code", "code", "error.error_code", "error.code"],
        message: &[
            "error_msg",
            "error_message",
            "message",
            "error.error_msg",
            "error.message",
            "error",
        ],
        request_id: &["request_id", "error.request_id"],
        request_id_headers: &["X-Request-Id"],
    };

    #[test]
    fn an_empty_format_shows_the_body() {
        let e = ApiError::from_response(
            &ErrorFormat::EMPTY,
            StatusCode::BAD_REQUEST,
            &HeaderMap::new(),
            br#"{"code":"C1","message":"m"}"#,
        );
        assert_eq!(e.error_code(), "400");
        assert_eq!(e.error_msg(), r#"{"code":"C1","message":"m"}"#);
        assert_eq!(e.request_id(), None);
    }

    fn api(status: u16, request_id: Option<&str>, body: &str) -> ApiError {
        let mut headers = HeaderMap::new();
        if let Some(id) = request_id {
            headers.insert("x-request-id", http::HeaderValue::from_str(id).unwrap());
        }
        ApiError::from_response(
            &FORMAT,
            StatusCode::from_u16(status).unwrap(),
            &headers,
            body.as_bytes(),
        )
    }

    #[test]
    fn parses_error_code_and_error_msg() {
        let e = api(
            400,
            Some("req-1"),
            r#"{"error_code":"SVC.1001","error_msg":"invalid parameter"}"#,
        );
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        assert_eq!(e.error_code(), "SVC.1001");
        assert_eq!(e.error_msg(), "invalid parameter");
        assert_eq!(e.request_id(), Some("req-1"));
        assert!(e.is_client_error() && !e.is_server_error());
        assert_eq!(
            e.to_string(),
            "HTTP 400 Bad Request: [SVC.1001] invalid parameter (request id req-1)"
        );
    }

    #[test]
    fn parses_api_gateway_errors_with_request_id_in_body() {
        let body = r#"{"error_code":"GW.0301","error_msg":"Incorrect authentication information","request_id":"gw-42"}"#;
        let e = api(401, None, body);
        assert_eq!(e.error_code(), "GW.0301");
        assert_eq!(e.error_msg(), "Incorrect authentication information");
        assert_eq!(e.request_id(), Some("gw-42"));
        // The header wins over the body.
        assert_eq!(api(401, Some("hdr"), body).request_id(), Some("hdr"));
        assert_eq!(e.raw_body(), body.as_bytes());
    }

    #[test]
    fn parses_code_and_message() {
        let e = api(500, None, r#"{"code":"SVC.500","message":"internal"}"#);
        assert_eq!((e.error_code(), e.error_msg()), ("SVC.500", "internal"));
        assert!(e.is_server_error() && !e.is_client_error());
        assert_eq!(
            e.to_string(),
            "HTTP 500 Internal Server Error: [SVC.500] internal (no request id)"
        );
    }

    #[test]
    fn parses_nested_error_object() {
        let e = api(
            403,
            None,
            r#"{"error":{"code":"AUTH.0002","message":"forbidden","request_id":"n-1"}}"#,
        );
        assert_eq!((e.error_code(), e.error_msg()), ("AUTH.0002", "forbidden"));
        assert_eq!(e.request_id(), Some("n-1"));
    }

    #[test]
    fn numeric_codes_and_message_only_bodies() {
        let e = api(404, None, r#"{"code":404,"message":"not found"}"#);
        assert_eq!((e.error_code(), e.error_msg()), ("404", "not found"));
        let e = api(400, None, r#"{"error_msg":"only a message"}"#);
        assert_eq!((e.error_code(), e.error_msg()), ("400", "only a message"));
        let e = api(400, None, r#"{"error":"plain string error"}"#);
        assert_eq!(
            (e.error_code(), e.error_msg()),
            ("400", "plain string error")
        );
    }

    #[test]
    fn messages_are_kept_on_one_line() {
        let e = api(
            400,
            None,
            r#"{"error_code":"C\n1","error_msg":"line one\r\nline two\tend","request_id":"r\n2"}"#,
        );
        assert_eq!(e.error_code(), "C 1");
        assert_eq!(e.error_msg(), "line one  line two end");
        assert_eq!(e.request_id(), Some("r 2"));
        assert!(!e.to_string().contains('\n'));
        let e = api(400, None, r#"{"error_code":"C"}"#);
        assert_eq!(e.to_string(), "HTTP 400 Bad Request: [C] (no request id)");
    }

    #[test]
    fn unknown_json_shape_keeps_the_body_as_message() {
        let e = api(418, None, r#"{"unexpected":[1,2]}"#);
        assert_eq!(e.error_code(), "418");
        assert_eq!(e.error_msg(), r#"{"unexpected":[1,2]}"#);
        let e = api(400, None, "[1,2]");
        assert_eq!((e.error_code(), e.error_msg()), ("400", "[1,2]"));
    }

    #[test]
    fn html_body_gives_status_code_and_text() {
        let html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        let e = api(502, Some("px-1"), html);
        assert_eq!(e.error_code(), "502");
        assert_eq!(e.error_msg(), "502 Bad Gateway 502 Bad Gateway nginx");
        assert!(e.is_server_error());
        assert_eq!(
            e.to_string(),
            "HTTP 502 Bad Gateway: [502] 502 Bad Gateway 502 Bad Gateway nginx (request id px-1)"
        );
    }

    #[test]
    fn plain_text_and_empty_bodies() {
        let e = api(503, None, "upstream connect error\n");
        assert_eq!(
            (e.error_code(), e.error_msg()),
            ("503", "upstream connect error")
        );
        let e = api(503, None, "");
        assert_eq!(e.error_code(), "503");
        assert_eq!(e.error_msg(), "Service Unavailable (empty response body)");
        let e = api(500, None, "  \n ");
        assert_eq!(e.error_msg(), "Internal Server Error (empty response body)");
        let e = api(502, None, "<html></html>");
        assert_eq!((e.error_code(), e.error_msg()), ("502", "Bad Gateway"));
    }

    #[test]
    fn huge_bodies_give_bounded_messages_and_keep_the_raw_body() {
        let html = format!("<html><body>{}</body></html>", "é".repeat(1_000_000));
        let e = api(502, None, &html);
        assert!(e.error_msg().len() <= MAX_EXCERPT_BYTES + '…'.len_utf8());
        assert!(e.error_msg().ends_with('…'));
        assert!(e.to_string().len() < 2 * MAX_EXCERPT_BYTES);
        assert_eq!(e.raw_body().len(), html.len());

        let long = "x".repeat(100_000);
        let json = format!(r#"{{"error_code":"C","error_msg":"{long}"}}"#);
        let e = api(400, None, &json);
        assert!(e.error_msg().len() <= MAX_JSON_MESSAGE_BYTES + 3);
    }

    #[test]
    fn excerpt_cuts_at_char_boundaries() {
        assert_eq!(excerpt(b"short", 10), "short");
        assert_eq!(excerpt(b"abcdef", 3), "abc…");
        // "é" is two bytes: cutting after 3 bytes of "aéé" must not split the second one.
        assert_eq!(excerpt("aéé".as_bytes(), 4), "aé…");
        assert_eq!(excerpt("aéé".as_bytes(), 3), "aé…");
        assert_eq!(excerpt("a中".as_bytes(), 3), "a…");
        assert_eq!(excerpt("😀😀".as_bytes(), 7), "😀…");
        // Invalid UTF-8 does not panic.
        assert_eq!(excerpt(&[0xff, 0xfe, b'a'], 2), "\u{fffd}\u{fffd}…");
        assert_eq!(excerpt(&[0x80; 10], 5), "\u{fffd}".repeat(5) + "…");
        assert_eq!(bounded("aé", 2), "a…");
    }

    #[test]
    fn every_variant_displays_usefully() {
        let decode = Error::Decode {
            status: StatusCode::OK,
            request_id: Some("rid".into()),
            excerpt: "<html>\n".into(),
            message: "expected value at line 1 column 1".into(),
        };
        assert_eq!(
            decode.to_string(),
            "could not decode the HTTP 200 response body: expected value at line 1 column 1; body starts with \"<html>\\n\" (request id rid)"
        );
        assert_eq!(decode.request_id(), Some("rid"));
        assert_eq!(decode.status(), Some(StatusCode::OK));
        assert!(Error::Timeout {
            during_connect: true
        }
        .to_string()
        .contains("not sent"));
        assert!(Error::Timeout {
            during_connect: false
        }
        .to_string()
        .contains("may have processed"));
        let t = Error::Transport {
            message: "connection refused".into(),
            maybe_sent: false,
            source: None,
        };
        assert_eq!(
            t.to_string(),
            "transport error: connection refused (the request was not sent)"
        );
        assert_eq!(
            Error::invalid("bad endpoint").to_string(),
            "invalid request: bad endpoint"
        );
        let a = Error::Api(api(
            429,
            Some("r"),
            r#"{"error_code":"GW.0308","error_msg":"throttled"}"#,
        ));
        assert_eq!(a.status(), Some(StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(a.request_id(), Some("r"));
        assert!(a.as_api_error().is_some_and(ApiError::is_throttled));
        assert!(a.to_string().contains("429") && a.to_string().contains("GW.0308"));
    }

    /// Every string taken from a hostile response is bounded, and the cut is marked.
    #[test]
    fn server_controlled_strings_are_bounded() {
        let huge = "x".repeat(1 << 20);
        let e = api(
            500,
            None,
            &format!(r#"{{"error_code":"{huge}","error_msg":"m","request_id":"{huge}"}}"#),
        );
        assert!(e.error_code().len() <= MAX_ID_BYTES + 3 && e.error_code().ends_with('…'));
        let id = e.request_id().unwrap();
        assert!(id.len() <= MAX_ID_BYTES + 3 && id.ends_with('…'));
        assert!(e.to_string().len() < 2 * 1024, "{}", e.to_string().len());
        assert!(format!("{e:?}").len() < 2 * 1024);

        let e = api(500, Some(&huge), r#"{"error_code":"C","error_msg":"m"}"#);
        let id = e.request_id().unwrap();
        assert!(id.len() <= MAX_ID_BYTES + 3 && id.ends_with('…'));
        assert!(e.to_string().len() < 1024);

        // A decoder message quoting a huge string keeps its start and end.
        let message = format!("invalid type: string \"{huge}\", expected u8 at line 1 column 9");
        let d = Error::decode(StatusCode::OK, Some(huge.clone()), huge.as_bytes(), &message);
        let Error::Decode {
            message: kept,
            request_id,
            excerpt,
            ..
        } = &d
        else {
            panic!("not a decode error")
        };
        assert!(kept.len() <= MAX_DECODE_MESSAGE_BYTES + 3, "{}", kept.len());
        assert!(kept.starts_with("invalid type: string") && kept.contains('…'));
        assert!(kept.ends_with("at line 1 column 9"));
        assert!(request_id.as_ref().unwrap().len() <= MAX_ID_BYTES + 3);
        assert!(excerpt.len() <= MAX_EXCERPT_BYTES + 3);
        assert!(d.to_string().len() < 3 * 1024, "{}", d.to_string().len());
        // Short strings are kept whole.
        let short = Error::decode(StatusCode::OK, Some("r".into()), b"[]", "expected u8");
        assert!(matches!(&short, Error::Decode { message, .. } if message == "expected u8"));
    }

    #[test]
    fn bounded_middle_cuts_at_char_boundaries() {
        let s = "é".repeat(1000);
        for max in [1, 2, 3, 10, 101, 1999] {
            let cut = bounded_middle(&s, max);
            assert!(cut.len() <= max + 3 + 1, "{max}: {}", cut.len());
            assert!(cut.contains('…'));
        }
        assert_eq!(bounded_middle("short", 10), "short");
    }
}
