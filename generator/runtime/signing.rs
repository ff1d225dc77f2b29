//! Request signing with SDK-HMAC-SHA256, for specs whose signing scheme names it
//! (`x-signing: SDK-HMAC-SHA256`). The generated crate has this module (and the `hmac` and
//! `sha2` dependencies) only when its spec signs requests.
//!
//! 1. `X-Sdk-Date` (UTC, `YYYYMMDDTHHMMSSZ`), `Host` (with a non-default port) and, for
//!    temporary credentials, `X-Security-Token` are set (headers the configuration adds before,
//!    such as client settings carried in headers, are signed too);
//! 2. every header whose name has no `_` is signed (lowercase names, sorted, joined with `;`);
//! 3. the canonical request is method, canonical URI, canonical query, canonical headers, signed
//!    header list and the hex SHA-256 of the body, joined with `\n`;
//! 4. the string to sign is `SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex SHA-256 of the canonical request}`;
//! 5. the signature is the hex HMAC-SHA256 of it keyed with the SK;
//! 6. `Authorization: SDK-HMAC-SHA256 Access={AK}, SignedHeaders={list}, Signature={hex}`.
//!
//! Nothing is built that is not sent: the canonical request is streamed into SHA-256 through a
//! small stack buffer, hex goes to stack arrays, and the HMAC key state is derived once per
//! secret key (kept with the [`Secret`]).

use std::time::SystemTime;

use hmac::{Hmac, Mac};
use http::header::{HeaderName, HeaderValue, AUTHORIZATION, HOST};
use http::Request;
use sha2::{Digest, Sha256};

use super::auth::{header_value, invalid_header_value, Secret};
use super::encoding::{
    canonical_query, canonical_uri_with, hex_lower_32, is_canonical_query, parse_query,
};
use super::error::Error;
use super::time::UtcDateTime;

/// The signing algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// `X-Sdk-Date`, made when the crate is compiled.
const X_SDK_DATE: HeaderName = HeaderName::from_static("x-sdk-date");

/// `X-Security-Token`, made when the crate is compiled.
const X_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-security-token");

/// The lowercase hex SHA-256 of an empty body.
const EMPTY_BODY_SHA256: &[u8; 64] =
    b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Signs `request` with SDK-HMAC-SHA256 (the [`SignFn`](super::service::SignFn) a signing scheme
/// names): sets `Host` (from the URI, unless present), `X-Security-Token` (temporary
/// credentials), `X-Sdk-Date` (from `now`), rewrites the URI query to the canonical query string,
/// and sets `Authorization`. Signing again (a retry) replaces the date and signature.
///
/// Errors (never containing a secret): a value that cannot be a header (CR, LF, other control
/// characters), an empty credential, a URI without a host.
pub fn sign(
    request: &mut Request<Vec<u8>>,
    access_key: &str,
    secret_key: &Secret,
    security_token: Option<&Secret>,
    now: SystemTime,
) -> Result<(), Error> {
    if access_key.trim().is_empty() {
        return Err(Error::invalid("the access key is empty"));
    }
    if secret_key.expose().is_empty() {
        return Err(Error::invalid("the secret key is empty"));
    }
    if !request.headers().contains_key(HOST) {
        let value = host_header_value(request.uri())?;
        request.headers_mut().insert(HOST, value);
    }
    if let Some(token) = security_token.filter(|t| !t.expose().is_empty()) {
        let mut value = header_value(token.expose(), "X-Security-Token", "the security token")?;
        value.set_sensitive(true);
        request
            .headers_mut()
            .insert(X_SECURITY_TOKEN, value);
    }
    let date = sdk_date(now);
    let date_value =
        HeaderValue::from_bytes(&date).map_err(|_| invalid_header_value("X-Sdk-Date", "the date"))?;
    request
        .headers_mut()
        .insert(X_SDK_DATE, date_value);
    normalize_query(request)?;

    if !access_key
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
    {
        return Err(invalid_header_value("Authorization", "the access key"));
    }
    // The Authorization value is written around the signed header list, which the canonical
    // request then reads from it. (A present Authorization header is not signed, and the
    // insertion below replaces it.)
    let (canonical_hash, mut authorization) = hash_canonical_request(
        request,
        &[ALGORITHM.as_bytes(), b" Access=", access_key.as_bytes(), b", SignedHeaders="],
    );

    let mut mac = match secret_key.derived(|key| hmac_key(key).ok()) {
        Some(Some(mac)) => mac.clone(),
        _ => hmac_key(secret_key.expose())?,
    };
    mac.update(ALGORITHM.as_bytes());
    mac.update(b"\n");
    mac.update(&date);
    mac.update(b"\n");
    mac.update(&hex_lower_32(&canonical_hash));
    let signature: [u8; 32] = mac.finalize().into_bytes().into();
    authorization.extend_from_slice(SIGNATURE_LABEL);
    authorization.extend_from_slice(&hex_lower_32(&signature));
    // Exactly as long as its capacity: the header value takes the buffer without copying it.
    debug_assert_eq!(authorization.len(), authorization.capacity());

    let mut value = HeaderValue::try_from(authorization)
        .map_err(|_| invalid_header_value("Authorization", "the access key"))?;
    value.set_sensitive(true);
    request.headers_mut().insert(AUTHORIZATION, value);
    Ok(())
}

/// The HMAC-SHA256 state keyed with the secret key, before any message: derived once per
/// [`Secret`] and cloned for each signature.
fn hmac_key(secret_key: &str) -> Result<Hmac<Sha256>, Error> {
    Hmac::<Sha256>::new_from_slice(secret_key.as_bytes())
        .map_err(|_| Error::invalid("the secret key cannot be used as an HMAC key"))
}

/// `YYYYMMDDTHHMMSSZ` (UTC) of `now`.
fn sdk_date(now: SystemTime) -> [u8; 16] {
    let t = UtcDateTime::from_system_time(now);
    let mut out = *b"00000000T000000Z";
    let digits = |out: &mut [u8], mut n: u64| {
        for slot in out.iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(&mut out[0..4], t.year);
    digits(&mut out[4..6], u64::from(t.month));
    digits(&mut out[6..8], u64::from(t.day));
    digits(&mut out[9..11], u64::from(t.hour));
    digits(&mut out[11..13], u64::from(t.minute));
    digits(&mut out[13..15], u64::from(t.second));
    out
}

/// The `Host` header for `uri`: the host, with the port when it is not the scheme's default.
pub(crate) fn host_header(uri: &http::Uri) -> Result<String, Error> {
    let host = uri
        .host()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| Error::invalid("the request URI has no host"))?;
    let default_port = match uri.scheme_str() {
        Some("http") => Some(80),
        Some("https") => Some(443),
        _ => None,
    };
    Ok(match uri.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host.to_owned(),
    })
}

/// [`host_header`] as a header value; an authority that is only a host (what requests built
/// from an endpoint have) is taken as it is.
fn host_header_value(uri: &http::Uri) -> Result<HeaderValue, Error> {
    let plain_host = uri
        .authority()
        .map(|a| a.as_str())
        .filter(|a| !a.is_empty() && !a.contains(['@', ':']));
    match plain_host {
        Some(host) => header_value(host, "Host", "the host"),
        None => header_value(&host_header(uri)?, "Host", "the host"),
    }
}

/// Rewrites the URI's query to the canonical query string, so the query sent is the one signed.
fn normalize_query(request: &mut Request<Vec<u8>>) -> Result<(), Error> {
    let Some(query) = request.uri().query() else {
        return Ok(());
    };
    if is_canonical_query(query) {
        return Ok(());
    }
    let canonical = canonical_query(&parse_query(query));
    let path_and_query = if canonical.is_empty() {
        request.uri().path().to_owned()
    } else {
        format!("{}?{canonical}", request.uri().path())
    };
    let mut parts = request.uri().clone().into_parts();
    parts.path_and_query = Some(
        http::uri::PathAndQuery::try_from(path_and_query)
            .map_err(|e| Error::InvalidRequest(format!("cannot rewrite the query string: {e}")))?,
    );
    *request.uri_mut() = http::Uri::from_parts(parts)
        .map_err(|e| Error::InvalidRequest(format!("cannot rewrite the query string: {e}")))?;
    Ok(())
}

/// SHA-256 fed through a stack buffer, so that the many small pieces of a canonical request
/// cost a copy each rather than a hasher call each (the canonical request of a typical request
/// fits in the buffer, and is hashed in one call).
struct BufferedSha256 {
    hasher: Sha256,
    buffer: [u8; 512],
    len: usize,
}

/// Where the canonical request is written: SHA-256 when signing, a buffer in tests.
trait Sink {
    /// Appends `bytes`.
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for BufferedSha256 {
    /// Inlined at every call, so that the many one-byte separators are a store each rather
    /// than a call and a `memcpy`.
    #[inline(always)]
    fn put(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() > self.buffer.len() {
            self.flush_and_put(bytes);
            return;
        }
        self.buffer[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }
}

#[cfg(test)]
impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl BufferedSha256 {
    fn new() -> Self {
        BufferedSha256 {
            hasher: Sha256::new(),
            buffer: [0; 512],
            len: 0,
        }
    }

    /// [`Sink::put`] when the buffer has no room for `bytes`: hashes what it holds first.
    #[cold]
    #[inline(never)]
    fn flush_and_put(&mut self, bytes: &[u8]) {
        self.hasher.update(&self.buffer[..self.len]);
        self.len = 0;
        if bytes.len() > self.buffer.len() {
            self.hasher.update(bytes);
        } else {
            self.buffer[..bytes.len()].copy_from_slice(bytes);
            self.len = bytes.len();
        }
    }

    /// The digest (by reference: the buffer is not moved).
    fn finish(&mut self) -> [u8; 32] {
        self.hasher.update(&self.buffer[..self.len]);
        self.len = 0;
        self.hasher.finalize_reset().into()
    }
}

/// Headers signed at once without allocating; more go to the heap.
const INLINE_HEADERS: usize = 24;

/// What follows the signed header list in the `Authorization` value, before the signature.
const SIGNATURE_LABEL: &[u8] = b", Signature=";

/// The SHA-256 of the canonical request of a request whose query is canonical, and the start
/// of the `Authorization` value (see [`write_canonical_request`]).
fn hash_canonical_request(request: &Request<Vec<u8>>, prefix: &[&[u8]]) -> ([u8; 32], Vec<u8>) {
    let mut out = BufferedSha256::new();
    let query = request.uri().query().unwrap_or_default();
    let authorization = write_canonical_request(request, query, prefix, &mut out);
    (out.finish(), authorization)
}

/// Streams the canonical request (bytes, since header values may hold non-UTF-8 bytes) to `out`.
/// `query` is the canonical form of the request's query (the query itself once
/// [`normalize_query`] has run). Returns the pieces of `prefix` followed by the signed header
/// list, in a buffer with room for exactly [`SIGNATURE_LABEL`] and a hex signature more.
fn write_canonical_request(
    request: &Request<Vec<u8>>,
    query: &str,
    prefix: &[&[u8]],
    out: &mut impl Sink,
) -> Vec<u8> {
    let method = request.method().as_str().as_bytes();
    if method.iter().any(u8::is_ascii_lowercase) {
        for b in method {
            out.put(&[b.to_ascii_uppercase()]);
        }
    } else {
        out.put(method);
    }
    out.put(b"\n");
    canonical_uri_with(request.uri().path(), &mut |piece| out.put(piece));
    out.put(b"\n");
    out.put(query.as_bytes());
    out.put(b"\n");

    let headers = request.headers();
    let empty = HeaderValue::from_static("");
    let mut inline = [("", &empty); INLINE_HEADERS];
    let mut heap = Vec::new();
    let signed: &mut [(&str, &HeaderValue)] = if headers.len() <= INLINE_HEADERS {
        let mut n = 0;
        for entry in signed_entries(headers) {
            inline[n] = entry;
            n += 1;
        }
        &mut inline[..n]
    } else {
        heap.extend(signed_entries(headers));
        &mut heap
    };
    // Stable: the values of one name stay in the order they were added.
    insertion_sort_by_name(signed);

    // The signed header list: each name once, joined with `;`.
    let mut list_len = 0;
    let mut previous: Option<&str> = None;
    for &(name, _) in signed.iter() {
        if previous != Some(name) {
            list_len += name.len() + usize::from(previous.is_some());
            previous = Some(name);
        }
    }
    let prefix_len: usize = prefix.iter().map(|piece| piece.len()).sum();
    let mut signed_headers =
        Vec::with_capacity(prefix_len + list_len + SIGNATURE_LABEL.len() + 64);
    for piece in prefix {
        signed_headers.extend_from_slice(piece);
    }
    let list_start = signed_headers.len();
    let mut previous: Option<&str> = None;
    for &(name, value) in signed.iter() {
        if previous == Some(name) {
            out.put(b",");
        } else {
            if previous.is_some() {
                out.put(b"\n");
                signed_headers.push(b';');
            }
            out.put(name.as_bytes());
            out.put(b":");
            signed_headers.extend_from_slice(name.as_bytes());
            previous = Some(name);
        }
        out.put(value.as_bytes().trim_ascii());
    }
    if previous.is_some() {
        out.put(b"\n");
    }
    out.put(b"\n");
    out.put(&signed_headers[list_start..]);
    out.put(b"\n");
    if request.body().is_empty() {
        out.put(EMPTY_BODY_SHA256);
    } else {
        out.put(&hex_lower_32(&Sha256::digest(request.body()).into()));
    }
    signed_headers
}

/// The headers signed: every one whose name has no `_` (`Authorization` is never signed).
fn signed_entries(
    headers: &http::HeaderMap,
) -> impl Iterator<Item = (&str, &HeaderValue)> {
    headers
        .iter()
        .filter(|(name, _)| **name != AUTHORIZATION)
        .map(|(name, value)| (name.as_str(), value))
        .filter(|(name, _)| !name.bytes().any(|b| b == b'_'))
}

fn insertion_sort_by_name(entries: &mut [(&str, &HeaderValue)]) {
    for i in 1..entries.len() {
        let mut j = i;
        while j > 0 && sorts_after(entries[j - 1].0, entries[j].0) {
            entries.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// `a > b`, deciding on the first bytes when they differ (as they mostly do for header names)
/// without a call to `memcmp`.
#[inline]
fn sorts_after(a: &str, b: &str) -> bool {
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(x), Some(y)) if x != y => x > y,
        _ => a > b,
    }
}

/// The canonical request and the signed header list, as [`sign`] hashes them.
#[cfg(test)]
fn canonical_request(request: &Request<Vec<u8>>) -> (Vec<u8>, String) {
    let mut canonical = Vec::new();
    let query = request.uri().query().map(parse_query).unwrap_or_default();
    let query = canonical_query(&query);
    let signed_headers = write_canonical_request(request, &query, &[], &mut canonical);
    let signed_headers = String::from_utf8(signed_headers).expect("header names are ASCII");
    (canonical, signed_headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::encoding::hex_lower;
    use crate::runtime::auth::Credentials;
    use http::HeaderValue;
    use std::time::{Duration, UNIX_EPOCH};

    /// Adds `X-Project-Id` (as the configuration's setting header would) unless present, then
    /// signs with the access-key credentials.
    fn sign_request(
        request: &mut Request<Vec<u8>>,
        credentials: &Credentials,
        project_id: Option<&str>,
        now: SystemTime,
    ) -> Result<(), Error> {
        if let Some(project_id) = project_id {
            if !request.headers().contains_key("x-project-id") {
                let value = header_value(project_id, "X-Project-Id", "the project ID")?;
                request.headers_mut().insert("x-project-id", value);
            }
        }
        let Credentials::AccessKey {
            access_key,
            secret_key,
            security_token,
        } = credentials
        else {
            panic!("not access-key credentials");
        };
        sign(request, access_key, secret_key, security_token.as_ref(), now)
    }

    const AK: &str = "AKEXAMPLE0000000000";
    const SK: &str = "SKEXAMPLE0000000000000000000000000000000";
    const PROJECT: &str = "0123456789abcdef0123456789abcdef";
    const BODY: &[u8] = br#"{"task_type": "cluster_scan", "cluster_scan_info": {"scan_type_list": ["cluster_vul"], "range_type": "part", "cluster_id_list": ["c-1"]}}"#;

    /// 2024-01-02T03:04:05Z
    fn vector_time() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_704_164_645)
    }

    fn vector_request() -> Request<Vec<u8>> {
        let mut request = Request::new(BODY.to_vec());
        *request.method_mut() = http::Method::POST;
        *request.uri_mut() = format!(
            "https://hss.cn-north-4.myhuaweicloud.com/v5/{PROJECT}/common/task?enterprise_project_id=0"
        )
        .parse()
        .unwrap();
        let headers = request.headers_mut();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        headers.insert(
            "user-agent",
            HeaderValue::from_static("huaweicloud-usdk-python/3.0"),
        );
        request
    }

    fn header<'a>(request: &'a Request<Vec<u8>>, name: &str) -> &'a str {
        request.headers()[name].to_str().unwrap()
    }

    #[test]
    fn reproduces_the_reference_test_vector() {
        let mut request = vector_request();
        let credentials = Credentials::ak_sk(AK, SK);
        sign_request(&mut request, &credentials, Some(PROJECT), vector_time()).unwrap();

        assert_eq!(header(&request, "x-sdk-date"), "20240102T030405Z");
        assert_eq!(header(&request, "host"), "hss.cn-north-4.myhuaweicloud.com");
        assert_eq!(header(&request, "x-project-id"), PROJECT);
        let (canonical, signed) = canonical_request(&request);
        let expected_canonical = format!(
            "POST\n/v5/{PROJECT}/common/task/\nenterprise_project_id=0\n\
             content-type:application/json\nhost:hss.cn-north-4.myhuaweicloud.com\n\
             user-agent:huaweicloud-usdk-python/3.0\nx-project-id:{PROJECT}\n\
             x-sdk-date:20240102T030405Z\n\n\
             content-type;host;user-agent;x-project-id;x-sdk-date\n{}",
            hex_lower(&Sha256::digest(BODY))
        );
        assert_eq!(
            String::from_utf8(canonical.clone()).unwrap(),
            expected_canonical
        );
        assert_eq!(
            signed,
            "content-type;host;user-agent;x-project-id;x-sdk-date"
        );
        assert_eq!(
            hex_lower(&Sha256::digest(&canonical)),
            "dd8908420e53531690e6f9c73e6b0a7dfbaa7930193687b2efe07c0fea162ded"
        );
        assert_eq!(
            header(&request, "authorization"),
            "SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, \
             SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, \
             Signature=36e114ec9487348902221ab06c53d7fdcce6008d475ce43f57e5653b4df8619c"
        );
        // The wire query is the canonical one, and the path is unchanged.
        assert_eq!(
            request.uri().path_and_query().unwrap().as_str(),
            format!("/v5/{PROJECT}/common/task?enterprise_project_id=0")
        );
    }

    #[test]
    fn an_existing_project_header_is_kept_and_signed() {
        let mut request = vector_request();
        request
            .headers_mut()
            .insert("x-project-id", HeaderValue::from_static("other"));
        let credentials = Credentials::ak_sk(AK, SK);
        sign_request(&mut request, &credentials, Some(PROJECT), vector_time()).unwrap();
        assert_eq!(header(&request, "x-project-id"), "other");
        let (canonical, _) = canonical_request(&request);
        assert!(String::from_utf8(canonical)
            .unwrap()
            .contains("\nx-project-id:other\n"));
    }

    #[test]
    fn empty_body_hash() {
        let mut request = Request::new(Vec::new());
        *request.uri_mut() = "https://h.example/v5/p".parse().unwrap();
        let (canonical, _) = canonical_request(&request);
        assert!(String::from_utf8(canonical)
            .unwrap()
            .ends_with("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    #[test]
    fn re_signing_replaces_date_and_signature() {
        let credentials = Credentials::ak_sk(AK, SK);
        let mut request = vector_request();
        sign_request(&mut request, &credentials, Some(PROJECT), vector_time()).unwrap();
        let first = header(&request, "authorization").to_owned();
        sign_request(
            &mut request,
            &credentials,
            Some(PROJECT),
            vector_time() + Duration::from_secs(1),
        )
        .unwrap();
        assert_eq!(header(&request, "x-sdk-date"), "20240102T030406Z");
        assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
        assert_ne!(header(&request, "authorization"), first);
        // Signing the same request at the original time gives the original signature back.
        sign_request(&mut request, &credentials, Some(PROJECT), vector_time()).unwrap();
        assert_eq!(header(&request, "authorization"), first);
    }

    #[test]
    fn temporary_credentials_sign_the_security_token() {
        let mut request = vector_request();
        let credentials = Credentials::temporary(AK, SK, "sec-token-value");
        sign_request(&mut request, &credentials, Some(PROJECT), vector_time()).unwrap();
        assert_eq!(header(&request, "x-security-token"), "sec-token-value");
        assert!(request.headers()["x-security-token"].is_sensitive());
        assert!(header(&request, "authorization").contains(
            "SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date;x-security-token,"
        ));
    }

    #[test]
    fn host_keeps_non_default_ports_and_underscore_headers_are_not_signed() {
        let mut request = Request::new(Vec::new());
        *request.uri_mut() = "http://127.0.0.1:8080/v5/p/x?b=2&a=1".parse().unwrap();
        request
            .headers_mut()
            .insert("x_custom", HeaderValue::from_static("1"));
        request
            .headers_mut()
            .insert("region", HeaderValue::from_static("  cn-north-4 "));
        sign_request(
            &mut request,
            &Credentials::ak_sk(AK, SK),
            None,
            vector_time(),
        )
        .unwrap();
        assert_eq!(header(&request, "host"), "127.0.0.1:8080");
        assert!(!request.headers().contains_key("x-project-id"));
        let (canonical, signed) = canonical_request(&request);
        assert_eq!(signed, "host;region;x-sdk-date");
        let canonical = String::from_utf8(canonical).unwrap();
        assert!(canonical.contains("\nregion:cn-north-4\n"), "{canonical}");
        assert!(
            canonical.starts_with("GET\n/v5/p/x/\na=1&b=2\n"),
            "{canonical}"
        );
        // The query sent is rewritten to the canonical (sorted) one.
        assert_eq!(request.uri().query(), Some("a=1&b=2"));

        for (uri, host) in [
            ("https://h.example:443/", "h.example"),
            ("http://h.example:80/", "h.example"),
            ("https://h.example:8443/", "h.example:8443"),
            ("http://[::1]:9000/", "[::1]:9000"),
        ] {
            assert_eq!(host_header(&uri.parse().unwrap()).unwrap(), host);
        }
        assert!(host_header(&"/relative".parse().unwrap()).is_err());
    }

    #[test]
    fn secrets_with_cr_lf_are_rejected_without_echoing_them() {
        let cases = [
            (
                Credentials::temporary(AK, SK, "secret\rvalue"),
                "X-Security-Token",
            ),
            (Credentials::ak_sk("AK\r\nsecret", SK), "Authorization"),
        ];
        for (credentials, header_name) in cases {
            let mut request = vector_request();
            let err = sign_request(&mut request, &credentials, None, vector_time()).unwrap_err();
            let message = err.to_string();
            assert!(matches!(err, Error::InvalidRequest(_)));
            assert!(message.contains(header_name), "{message}");
            assert!(!message.contains("secret"), "{message}");
            assert!(!message.contains(SK), "{message}");
        }
        let mut request = vector_request();
        let err = sign_request(
            &mut request,
            &Credentials::ak_sk(AK, SK),
            Some("p\r\nx"),
            vector_time(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("X-Project-Id"));
        for credentials in [
            Credentials::ak_sk("", SK),
            Credentials::ak_sk(AK, ""),
        ] {
            let mut request = vector_request();
            assert!(sign_request(&mut request, &credentials, None, vector_time()).is_err());
        }
    }

    /// The canonical request by its definition, building every part (the reference the
    /// streamed [`write_canonical_request`] is checked against).
    fn canonical_request_by_definition(request: &Request<Vec<u8>>) -> (Vec<u8>, String) {
        use crate::runtime::encoding::canonical_uri;
        let headers = request.headers();
        let mut names: Vec<&str> = headers
            .keys()
            .map(HeaderName::as_str)
            .filter(|name| !name.contains('_') && *name != AUTHORIZATION.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        let signed_headers = names.join(";");
        let mut out = Vec::new();
        out.extend_from_slice(request.method().as_str().to_ascii_uppercase().as_bytes());
        out.push(b'\n');
        out.extend_from_slice(canonical_uri(request.uri().path()).as_bytes());
        out.push(b'\n');
        let query = request.uri().query().map(parse_query).unwrap_or_default();
        out.extend_from_slice(canonical_query(&query).as_bytes());
        out.push(b'\n');
        for name in &names {
            out.extend_from_slice(name.as_bytes());
            out.push(b':');
            for (i, value) in headers.get_all(*name).iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(value.as_bytes().trim_ascii());
            }
            out.push(b'\n');
        }
        out.push(b'\n');
        out.extend_from_slice(signed_headers.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(hex_lower(&Sha256::digest(request.body())).as_bytes());
        (out, signed_headers)
    }

    #[test]
    fn streamed_canonical_request_matches_its_definition() {
        let mut requests = Vec::new();
        // Repeated values of one header, added apart from each other; underscore names.
        let mut request = vector_request();
        let headers = request.headers_mut();
        headers.append("x-multi", HeaderValue::from_static(" first "));
        headers.insert("x_skipped", HeaderValue::from_static("1"));
        headers.append("accept", HeaderValue::from_static("a"));
        headers.append("x-multi", HeaderValue::from_static("second"));
        headers.append("accept", HeaderValue::from_static("b"));
        requests.push(request);
        // More headers than are sorted on the stack.
        let mut request = vector_request();
        for i in 0..INLINE_HEADERS + 5 {
            let name = HeaderName::from_bytes(format!("x-h{:02}", (i * 7) % 40).as_bytes());
            request
                .headers_mut()
                .append(name.unwrap(), HeaderValue::from(i));
        }
        requests.push(request);
        // An extension method in lower case, a path and query that are not canonical, no body.
        let mut request = Request::new(Vec::new());
        *request.method_mut() = http::Method::from_bytes(b"purge").unwrap();
        *request.uri_mut() = "http://h.example:8080/v5/a%2fb/%7e:x?b=2&a=%41%2f&&c"
            .parse()
            .unwrap();
        requests.push(request);
        let mut request = Request::new(vec![b'x'; 100_000]);
        *request.uri_mut() = "https://h.example".parse().unwrap();
        requests.push(request);

        for request in &requests {
            assert_eq!(canonical_request(request), canonical_request_by_definition(request));
        }
        // Signing leaves no difference either (after Host, X-Sdk-Date and the query rewrite).
        for mut request in requests {
            sign_request(&mut request, &Credentials::ak_sk(AK, SK), None, vector_time()).unwrap();
            assert_eq!(canonical_request(&request), canonical_request_by_definition(&request));
            let (canonical, signed) = canonical_request_by_definition(&request);
            let string_to_sign = format!(
                "{ALGORITHM}\n20240102T030405Z\n{}",
                hex_lower(&Sha256::digest(&canonical))
            );
            let mut mac = Hmac::<Sha256>::new_from_slice(SK.as_bytes()).unwrap();
            mac.update(string_to_sign.as_bytes());
            let expected = format!(
                "{ALGORITHM} Access={AK}, SignedHeaders={signed}, Signature={}",
                hex_lower(&mac.finalize().into_bytes())
            );
            assert_eq!(header(&request, "authorization"), expected);
        }
    }

    #[test]
    fn the_derived_hmac_key_belongs_to_its_secret() {
        let sign_with = |secret: &Secret| {
            let mut request = vector_request();
            sign(&mut request, AK, secret, None, vector_time()).unwrap();
            header(&request, "authorization").to_owned()
        };
        let secret = Secret::new(SK);
        let first = sign_with(&secret);
        // The same secret again (its key state now derived), a clone, and a fresh copy agree.
        assert_eq!(sign_with(&secret), first);
        assert_eq!(sign_with(&secret.clone()), first);
        assert_eq!(sign_with(&Secret::new(SK)), first);
        // Another secret key signs differently, even once the first one's key state exists.
        let other = sign_with(&Secret::new("SKOTHER"));
        assert_ne!(other, first);
        assert_eq!(sign_with(&Secret::new("SKOTHER")), other);
        // A secret holding something else derived still signs (without the cache).
        let busy = Secret::new(SK);
        assert_eq!(busy.derived(|_| 7_u8), Some(&7));
        assert_eq!(sign_with(&busy), first);
    }

    #[test]
    fn sdk_date_is_the_compact_utc_form() {
        use crate::runtime::time::format_compact_utc;
        for secs in [0, 1_704_164_645, 951_868_799, 4_107_542_400, 253_402_300_799] {
            let t = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(sdk_date(t).as_slice(), format_compact_utc(t).as_bytes());
        }
    }
}
