//! Bodies other than plain JSON: `multipart/form-data` forms (files and text parts), and the
//! parsing of a successful response by the kind of body its operation documents (JSON, text,
//! bytes, or no content).
//!
//! A form is encoded with a deterministic boundary: unless one is given
//! ([`Multipart::boundary`]), it is derived from the parts' names and contents, so the same
//! form always gives the same bytes (and the same signature: a signature covers the exact bytes
//! sent). Parts are encoded as RFC 7578 says:
//!
//! ```text
//! --{boundary}\r\n
//! Content-Disposition: form-data; name="file"; filename="report.csv"\r\n
//! Content-Type: text/csv\r\n
//! \r\n
//! {bytes}\r\n
//! --{boundary}\r\n
//! Content-Disposition: form-data; name="note"\r\n
//! \r\n
//! {text}\r\n
//! --{boundary}--\r\n
//! ```
//!
//! A text part has no `Content-Type` (it is `text/plain`); a JSON part has
//! `Content-Type: application/json`; a file part has the file's content type, else the one the
//! spec gives for the part, else `application/octet-stream`. In a name or a filename, `"`, CR and
//! LF are written `%22`, `%0D` and `%0A`.

use std::fmt::{self, Display};

use http::header::CONTENT_TYPE;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::{request_id, ApiError, Error};
use super::request::Response;
use super::service::ErrorFormat;

/// The largest response body the parsing functions accept (16 MiB), whatever its kind. The
/// bundled transport stops reading at the same bound.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// A file sent as a part of a `multipart/form-data` body: its bytes, its filename and
/// (optionally) its content type. `Debug` shows the length of the data, not the data.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FilePart {
    filename: String,
    content_type: Option<String>,
    data: Vec<u8>,
}

impl FilePart {
    /// A file called `filename` with the bytes `data`. Its content type is the one the spec
    /// gives for the part, else `application/octet-stream`, unless set with
    /// [`FilePart::content_type`].
    #[must_use]
    pub fn new(filename: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        FilePart {
            filename: filename.into(),
            content_type: None,
            data: data.into(),
        }
    }

    /// Sends the file with this content type (`image/png`).
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The filename.
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The content type set with [`FilePart::content_type`], if any.
    pub fn explicit_content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The bytes.
    pub fn data(&self) -> &[u8] {
        &self.data
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .finish()
    }
}

/// One encoded part.
#[derive(Clone, Debug)]
struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    data: Vec<u8>,
}

/// A `multipart/form-data` body under construction; [`RequestBuilder::multipart`] encodes it.
/// Parts are sent in the order they are added. Errors (a part that cannot be serialized, a
/// content type that is not allowed in a header) are kept and reported when it is encoded.
///
/// [`RequestBuilder::multipart`]: super::RequestBuilder::multipart
#[derive(Clone, Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
    boundary: Option<String>,
    error: Option<String>,
}

impl Multipart {
    /// An empty form.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(message);
        }
    }

    /// Adds a text part: `value`'s text, without a `Content-Type`.
    #[must_use]
    pub fn text(mut self, name: &str, value: impl Display) -> Self {
        self.parts.push(Part {
            name: name.to_owned(),
            filename: None,
            content_type: None,
            data: value.to_string().into_bytes(),
        });
        self
    }

    /// Adds a part holding `value` as JSON, with `Content-Type: application/json`.
    #[must_use]
    pub fn json<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(data) => self.parts.push(Part {
                name: name.to_owned(),
                filename: None,
                content_type: Some("application/json".to_owned()),
                data,
            }),
            Err(e) => self.fail(format!("cannot serialize the form part {name}: {e}")),
        }
        self
    }

    /// Adds a file part. Its content type is the file's own, else `default_content_type` (the
    /// one the spec gives for the part), else `application/octet-stream`.
    #[must_use]
    pub fn file(mut self, name: &str, file: &FilePart, default_content_type: Option<&str>) -> Self {
        let content_type = file
            .content_type
            .as_deref()
            .or(default_content_type)
            .unwrap_or("application/octet-stream");
        let allowed = !content_type.is_empty()
            && content_type
                .bytes()
                .all(|b| b == b'\t' || (b' '..=b'~').contains(&b));
        if !allowed {
            self.fail(format!(
                "form part {name}: the content type contains CR, LF, non-ASCII or other characters not allowed in a header value"
            ));
            return self;
        }
        self.parts.push(Part {
            name: name.to_owned(),
            filename: Some(file.filename.clone()),
            content_type: Some(content_type.to_owned()),
            data: file.data.clone(),
        });
        self
    }

    /// Uses this boundary instead of the one derived from the content: 1 to 70 characters
    /// among `A-Z a-z 0-9 ' ( ) + _ , - . / : = ?`, not ending with a space (RFC 2046).
    #[must_use]
    pub fn boundary(mut self, boundary: impl Into<String>) -> Self {
        self.boundary = Some(boundary.into());
        self
    }

    /// The `Content-Type` header value (`multipart/form-data; boundary=...`) and the body bytes.
    /// A given boundary that is malformed or occurs in a part is an error.
    pub fn encode(self) -> Result<(String, Vec<u8>), Error> {
        if let Some(message) = self.error {
            return Err(Error::InvalidRequest(message));
        }
        let boundary = match self.boundary {
            Some(boundary) => {
                if !valid_boundary(&boundary) {
                    return Err(Error::InvalidRequest(format!(
                        "the multipart boundary {boundary:?} is not 1 to 70 of the characters RFC 2046 allows"
                    )));
                }
                if self.parts.iter().any(|p| occurs(&p.data, &boundary)) {
                    return Err(Error::InvalidRequest(
                        "the multipart boundary occurs in a part's content".to_owned(),
                    ));
                }
                boundary
            }
            None => derived_boundary(&self.parts),
        };
        let size: usize = self
            .parts
            .iter()
            .map(|p| p.data.len() + p.name.len() + 128)
            .sum();
        let mut out = Vec::with_capacity(size + boundary.len() + 8);
        for part in &self.parts {
            out.extend_from_slice(b"--");
            out.extend_from_slice(boundary.as_bytes());
            out.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            out.extend_from_slice(escape_quoted(&part.name).as_bytes());
            out.push(b'"');
            if let Some(filename) = &part.filename {
                out.extend_from_slice(b"; filename=\"");
                out.extend_from_slice(escape_quoted(filename).as_bytes());
                out.push(b'"');
            }
            out.extend_from_slice(b"\r\n");
            if let Some(content_type) = &part.content_type {
                out.extend_from_slice(b"Content-Type: ");
                out.extend_from_slice(content_type.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(&part.data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"--\r\n");
        Ok((format!("multipart/form-data; boundary={boundary}"), out))
    }
}

/// A name or filename inside `"..."`: `"`, CR and LF percent-encoded (as browsers do).
fn escape_quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn valid_boundary(boundary: &str) -> bool {
    (1..=70).contains(&boundary.len())
        && !boundary.ends_with(' ')
        && boundary
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(&b))
}

/// Whether `--boundary` occurs in `data`.
fn occurs(data: &[u8], boundary: &str) -> bool {
    let boundary = boundary.as_bytes();
    let Some(last_start) = data.len().checked_sub(boundary.len() + 2) else {
        return false;
    };
    // Each `-` that could start `--{boundary}` (a byte scan), then the rest compared there.
    let mut from = 0;
    while let Some(offset) = data[from..=last_start].iter().position(|&b| b == b'-') {
        let at = from + offset;
        if data[at + 1] == b'-' && &data[at + 2..at + 2 + boundary.len()] == boundary {
            return true;
        }
        from = at + 1;
        if from > last_start {
            break;
        }
    }
    false
}

/// The 64-bit FNV prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a, continuing from `hash`.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// A boundary derived from the parts (names, filenames, content types, data, each with its
/// length): `form-` and 32 hex digits, re-derived with a counter in the unlikely case that it
/// occurs in a part.
fn derived_boundary(parts: &[Part]) -> String {
    let mut salt: u64 = 0;
    loop {
        let mut a: u64 = 0xcbf2_9ce4_8422_2325;
        let mut b: u64 = fnv1a(0x6c62_272e_07bb_0142, &salt.to_le_bytes());
        for part in parts {
            for field in [
                part.name.as_bytes(),
                part.filename.as_deref().unwrap_or("").as_bytes(),
                part.content_type.as_deref().unwrap_or("").as_bytes(),
                &part.data,
            ] {
                let len = (field.len() as u64).to_le_bytes();
                // a = fnv1a(fnv1a(a, len), field) and b = fnv1a(fnv1a(b, field), len), with the
                // two chains over the field in one loop (independent multiplications overlap).
                a = fnv1a(a, &len);
                for &byte in field {
                    a = (a ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
                    b = (b ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
                }
                b = fnv1a(b, &len);
            }
        }
        let boundary = format!("form-{a:016x}{b:016x}");
        if !parts.iter().any(|p| occurs(&p.data, &boundary)) {
            return boundary;
        }
        salt += 1;
    }
}

/// The media type of a header value without its parameters, lower-cased.
fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The checks every success body goes through: a status that is not 2xx is the service's error;
/// a body over [`MAX_BODY_BYTES`] is a decode error.
fn check(
    format: &ErrorFormat,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    operation: &str,
) -> Result<Option<String>, Error> {
    if !status.is_success() {
        return Err(Error::Api(ApiError::from_response(format, status, headers, body)));
    }
    let id = request_id(format, headers);
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::decode(
            status,
            id,
            b"",
            &format!(
                "{operation}: the response body ({} bytes) exceeds {MAX_BODY_BYTES} bytes",
                body.len()
            ),
        ));
    }
    Ok(id)
}

/// The response of an operation that documents a JSON body `T`.
///
/// Errors: a status that is not 2xx ([`Error::Api`]); a `Content-Type` that is not JSON
/// (`application/json` or `*/*+json`; a response without one is read as JSON), an empty body,
/// a body over [`MAX_BODY_BYTES`], or a body that does not fit `T` ([`Error::Decode`], naming
/// the operation).
pub fn parse_json<T: DeserializeOwned>(
    operation: &str,
    format: &ErrorFormat,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response<T>, Error> {
    // The generic part is kept to the one call that needs `T`: this function is instantiated
    // once per response type, and everything else is shared.
    let id = check_json(operation, format, status, headers, body)?;
    match serde_json::from_slice::<T>(body) {
        Ok(value) => Ok(Response::new(status, id, headers.clone(), value)),
        Err(e) => Err(json_error(operation, status, id, body, &e)),
    }
}

/// Everything [`parse_json`] checks before reading the body: the status, the bound, the
/// `Content-Type`, a body that is there. The request ID on success.
fn check_json(
    operation: &str,
    format: &ErrorFormat,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Option<String>, Error> {
    let id = check(format, status, headers, body, operation)?;
    if let Some(value) = headers.get(CONTENT_TYPE) {
        let media = essence(value.to_str().unwrap_or(""));
        if media != "application/json" && !media.ends_with("+json") {
            let shown: String = String::from_utf8_lossy(value.as_bytes())
                .chars()
                .take(64)
                .collect();
            return Err(Error::decode(
                status,
                id,
                body,
                &format!("{operation} documents a JSON body, but the response's Content-Type is {shown:?}"),
            ));
        }
    }
    if body.trim_ascii().is_empty() {
        return Err(Error::decode(
            status,
            id,
            body,
            &format!("{operation} documents a JSON body, but the response body is empty"),
        ));
    }
    Ok(id)
}

/// The error of a JSON body that does not fit the documented type.
fn json_error(
    operation: &str,
    status: StatusCode,
    id: Option<String>,
    body: &[u8],
    e: &serde_json::Error,
) -> Error {
    Error::decode(status, id, body, &format!("{operation}: {e}"))
}

/// The response of an operation that documents a text body: the body as UTF-8 (whatever the
/// `Content-Type`). A body that is not UTF-8, or is over [`MAX_BODY_BYTES`], is
/// [`Error::Decode`].
pub fn parse_text(
    operation: &str,
    format: &ErrorFormat,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response<String>, Error> {
    let id = check(format, status, headers, body, operation)?;
    let text = std::str::from_utf8(body).map_err(|e| {
        Error::decode(
            status,
            id.clone(),
            body,
            &format!("{operation} documents a text body, but the response is not UTF-8: {e}"),
        )
    })?;
    Ok(Response::new(status, id, headers.clone(), text.to_owned()))
}

/// The response of an operation that documents a binary body: the bytes as received (whatever
/// the `Content-Type`). A body over [`MAX_BODY_BYTES`] is [`Error::Decode`].
pub fn parse_bytes(
    operation: &str,
    format: &ErrorFormat,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response<Vec<u8>>, Error> {
    let id = check(format, status, headers, body, operation)?;
    Ok(Response::new(status, id, headers.clone(), body.to_vec()))
}

/// The response of an operation that documents no content (a 204, or a 2xx without
/// `content`): `()`, whatever the body (an empty body, `{}` or anything else is ignored).
pub fn parse_empty(
    format: &ErrorFormat,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response<()>, Error> {
    if !status.is_success() {
        return Err(Error::Api(ApiError::from_response(format, status, headers, body)));
    }
    Ok(Response::new(status, request_id(format, headers), headers.clone(), ()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::service::TEST_SERVICE;
    use http::HeaderValue;
    use serde::Deserialize;

    const FORMAT: ErrorFormat = TEST_SERVICE.errors;

    fn headers(content_type: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(ct) = content_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_str(ct).unwrap());
        }
        headers.insert("x-request-id", HeaderValue::from_static("rid"));
        headers
    }

    #[test]
    fn encodes_parts_in_order_with_the_given_boundary() {
        let file = FilePart::new("a \"b\"\r\n.txt", b"hello\r\n".to_vec());
        let (content_type, body) = Multipart::new()
            .file("file", &file, Some("text/csv"))
            .text("type", 5)
            .json("meta", &serde_json::json!({"k": [1]}))
            .file("raw", &FilePart::new("r.bin", vec![0u8, 255]), None)
            .file("png", &FilePart::new("p", vec![1u8]).content_type("image/png"), Some("x/y"))
            .boundary("XyZ")
            .encode()
            .unwrap();
        assert_eq!(content_type, "multipart/form-data; boundary=XyZ");
        let mut expected = Vec::new();
        expected.extend_from_slice(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a %22b%22%0D%0A.txt\"\r\nContent-Type: text/csv\r\n\r\nhello\r\n\r\n",
        );
        expected.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n5\r\n");
        expected.extend_from_slice(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":[1]}\r\n",
        );
        expected.extend_from_slice(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"raw\"; filename=\"r.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\xff\r\n",
        );
        expected.extend_from_slice(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"png\"; filename=\"p\"\r\nContent-Type: image/png\r\n\r\n\x01\r\n--XyZ--\r\n",
        );
        assert_eq!(body, expected);
    }

    #[test]
    fn occurs_finds_exactly_what_a_window_search_finds() {
        let by_definition = |data: &[u8], boundary: &str| {
            let needle = [b"--", boundary.as_bytes()].concat();
            data.windows(needle.len()).any(|w| w == needle.as_slice())
        };
        let datas: [&[u8]; 9] = [
            b"",
            b"-",
            b"--xy",
            b"--xyz",
            b"a---xyz",
            b"-x-xyz--xy",
            b"abc--xyz",
            b"--xy--x--xyz-",
            b"---------",
        ];
        for data in datas {
            for boundary in ["xyz", "x", "-", ""] {
                assert_eq!(
                    occurs(data, boundary),
                    by_definition(data, boundary),
                    "{data:?} {boundary:?}"
                );
            }
        }
    }

    #[test]
    fn the_derived_boundary_is_the_two_fnv_chains_of_its_definition() {
        // Each field as (length, field) into one FNV-1a chain and (field, length) into the other.
        let by_definition = |parts: &[Part]| {
            let mut a: u64 = 0xcbf2_9ce4_8422_2325;
            let mut b: u64 = fnv1a(0x6c62_272e_07bb_0142, &0_u64.to_le_bytes());
            for part in parts {
                for field in [
                    part.name.as_bytes(),
                    part.filename.as_deref().unwrap_or("").as_bytes(),
                    part.content_type.as_deref().unwrap_or("").as_bytes(),
                    &part.data,
                ] {
                    let len = (field.len() as u64).to_le_bytes();
                    a = fnv1a(fnv1a(a, &len), field);
                    b = fnv1a(fnv1a(b, field), &len);
                }
            }
            format!("form-{a:016x}{b:016x}")
        };
        let form = Multipart::new()
            .file("file", &FilePart::new("a.png", vec![7u8; 1000]), Some("image/png"))
            .text("type", "image")
            .json("meta", &serde_json::json!({"k": [1]}));
        assert_eq!(derived_boundary(&form.parts), by_definition(&form.parts));
    }

    #[test]
    fn derived_boundaries_are_deterministic_and_depend_on_content() {
        let form = |data: &str| Multipart::new().text("a", data).encode().unwrap();
        assert_eq!(form("x"), form("x"));
        assert_ne!(form("x").0, form("y").0);
        let (content_type, body) = form("x");
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
        assert!(valid_boundary(boundary), "{boundary}");
        assert!(body.starts_with(format!("--{boundary}\r\n").as_bytes()));
        assert!(body.ends_with(format!("--{boundary}--\r\n").as_bytes()));
        // A part that contains the derived boundary makes another one be derived.
        let parts = vec![Part {
            name: "a".into(),
            filename: None,
            content_type: None,
            data: b"x".to_vec(),
        }];
        let first = derived_boundary(&parts);
        let hostile = vec![Part {
            data: format!("--{first}").into_bytes(),
            ..parts[0].clone()
        }];
        let second = derived_boundary(&hostile);
        assert!(!occurs(&hostile[0].data, &second));
        // An empty form is just the closing delimiter.
        let (_, body) = Multipart::new().boundary("b").encode().unwrap();
        assert_eq!(body, b"--b--\r\n");
    }

    #[test]
    fn bad_boundaries_and_content_types_are_errors() {
        for bad in ["", "a\r\nb", "ends ", &"x".repeat(71), "quo\"te"] {
            let err = Multipart::new().boundary(bad).encode().unwrap_err();
            assert!(matches!(err, Error::InvalidRequest(_)), "{bad:?}");
        }
        let err = Multipart::new()
            .text("a", "--inside")
            .boundary("inside")
            .encode()
            .unwrap_err();
        assert!(err.to_string().contains("occurs"), "{err}");
        let file = FilePart::new("f", vec![]).content_type("text/plain\r\nX-Injected: 1");
        let err = Multipart::new().file("upload", &file, None).encode().unwrap_err();
        assert!(err.to_string().contains("upload"), "{err}");
        let mut map = std::collections::BTreeMap::new();
        map.insert((1, 2), 3);
        let err = Multipart::new().json("meta", &map).encode().unwrap_err();
        assert!(err.to_string().contains("meta"), "{err}");
    }

    #[test]
    fn file_parts_hide_their_data_in_debug() {
        let file = FilePart::new("secret.txt", b"top secret".to_vec());
        let shown = format!("{file:?}");
        assert!(shown.contains("secret.txt") && shown.contains("10"));
        assert!(!shown.contains("top secret"));
        assert_eq!(file.data(), b"top secret");
        assert_eq!(file.filename(), "secret.txt");
        assert_eq!(file.explicit_content_type(), None);
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: i64,
    }

    #[test]
    fn json_bodies_check_the_content_type_and_emptiness() {
        let ok: Response<Vec<Item>> = parse_json(
            "ListItems",
            &FORMAT,
            StatusCode::OK,
            &headers(Some("application/json; charset=utf-8")),
            br#"[{"id":1}]"#,
        )
        .unwrap();
        assert_eq!(ok.body(), &vec![Item { id: 1 }]);
        assert_eq!(ok.request_id(), Some("rid"));
        for ct in [None, Some("application/problem+json"), Some("APPLICATION/JSON")] {
            assert!(parse_json::<Vec<Item>>("Op", &FORMAT, StatusCode::OK, &headers(ct), b"[]").is_ok());
        }
        let err = parse_json::<Vec<Item>>(
            "ListItems",
            &FORMAT,
            StatusCode::OK,
            &headers(Some("text/html")),
            b"<html></html>",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("ListItems") && text.contains("text/html"), "{text}");
        assert_eq!(err.status(), Some(StatusCode::OK));
        for empty in [&b""[..], b" \r\n"] {
            let err = parse_json::<Vec<Item>>("ListItems", &FORMAT, StatusCode::OK, &headers(None), empty)
                .unwrap_err();
            assert!(err.to_string().contains("ListItems documents a JSON body, but the response body is empty"), "{err}");
        }
        let err = parse_json::<Vec<Item>>("ListItems", &FORMAT, StatusCode::OK, &headers(None), b"{\"id\":1}")
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }));
        assert!(err.to_string().contains("ListItems"), "{err}");
    }

    #[test]
    fn bodies_over_the_bound_are_errors_of_every_kind() {
        let huge = vec![b' '; MAX_BODY_BYTES + 1];
        let h = headers(None);
        let errors = [
            parse_json::<Vec<Item>>("Big", &FORMAT, StatusCode::OK, &h, &huge).unwrap_err(),
            parse_text("Big", &FORMAT, StatusCode::OK, &h, &huge).unwrap_err(),
            parse_bytes("Big", &FORMAT, StatusCode::OK, &h, &huge).unwrap_err(),
        ];
        for err in errors {
            match &err {
                Error::Decode { message, excerpt, .. } => {
                    assert!(message.contains("exceeds 16777216 bytes"), "{message}");
                    assert!(message.contains("Big"), "{message}");
                    assert!(excerpt.is_empty());
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        let at_bound = vec![b'a'; MAX_BODY_BYTES];
        assert_eq!(
            parse_bytes("Big", &FORMAT, StatusCode::OK, &h, &at_bound).unwrap().body().len(),
            MAX_BODY_BYTES
        );
    }

    #[test]
    fn text_bytes_and_empty_bodies() {
        let h = headers(Some("text/plain"));
        let text = parse_text("Get", &FORMAT, StatusCode::OK, &h, "héllo\n".as_bytes()).unwrap();
        assert_eq!(text.body(), "héllo\n");
        let err = parse_text("GetText", &FORMAT, StatusCode::OK, &h, b"\xff\xfe").unwrap_err();
        assert!(err.to_string().contains("GetText documents a text body"), "{err}");
        let bytes = parse_bytes("Get", &FORMAT, StatusCode::OK, &h, b"\x00\x01").unwrap();
        assert_eq!(bytes.body(), &vec![0u8, 1]);
        for body in [&b""[..], b"{}", b"anything"] {
            let empty = parse_empty(&FORMAT, StatusCode::NO_CONTENT, &h, body).unwrap();
            assert_eq!(empty.status(), StatusCode::NO_CONTENT);
            assert_eq!(empty.request_id(), Some("rid"));
        }
        let error_body = br#"{"code":"SVC.0001","message":"bad"}"#;
        let errors = [
            parse_empty(&FORMAT, StatusCode::BAD_REQUEST, &h, error_body).unwrap_err(),
            parse_text("Get", &FORMAT, StatusCode::BAD_REQUEST, &h, error_body).unwrap_err(),
            parse_bytes("Get", &FORMAT, StatusCode::BAD_REQUEST, &h, error_body).unwrap_err(),
            parse_json::<Vec<Item>>("Get", &FORMAT, StatusCode::BAD_REQUEST, &h, error_body)
                .unwrap_err(),
        ];
        for err in errors {
            assert_eq!(err.as_api_error().unwrap().error_code(), "SVC.0001");
        }
    }
}
