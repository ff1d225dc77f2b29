//! Credentials and request authentication.
//!
//! Two schemes: a token sent as `X-Auth-Token`, and AK/SK signing with SDK-HMAC-SHA256:
//!
//! 1. `X-Sdk-Date` (UTC, `YYYYMMDDTHHMMSSZ`), `Host` (with a non-default port), `X-Project-Id`
//!    and, for temporary credentials, `X-Security-Token` are set;
//! 2. every header whose name has no `_` is signed (lowercase names, sorted, joined with `;`);
//! 3. the canonical request is method, canonical URI, canonical query, canonical headers, signed
//!    header list and the hex SHA-256 of the body, joined with `\n`;
//! 4. the string to sign is `SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex SHA-256 of the canonical request}`;
//! 5. the signature is the hex HMAC-SHA256 of it keyed with the SK;
//! 6. `Authorization: SDK-HMAC-SHA256 Access={AK}, SignedHeaders={list}, Signature={hex}`.
//!
//! Secrets (SK, token, security token) are held in [`Secret`], whose `Debug` prints `***`; they
//! never appear in an error message.

use std::fmt;
use std::time::SystemTime;

use hmac::{Hmac, Mac};
use http::header::{HeaderName, HeaderValue, AUTHORIZATION, HOST};
use http::Request;
use sha2::{Digest, Sha256};

use super::encoding::{canonical_query, canonical_uri, hex_lower, parse_query};
use super::error::Error;
use super::time::format_sdk_date;

/// The signing algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// A secret string. `Debug` prints `***`; there is no `Display`. Read it with
/// [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// How requests are authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// Access key / secret key: each request is signed with SDK-HMAC-SHA256.
    AkSk {
        /// The access key ID (not secret; it is sent in the `Authorization` header).
        access_key: String,
        /// The secret access key.
        secret_key: Secret,
        /// The security token of temporary credentials, sent (and signed) as
        /// `X-Security-Token`.
        security_token: Option<Secret>,
    },
    /// An IAM token, sent as `X-Auth-Token`.
    Token(Secret),
    /// No authentication (for APIs whose spec has no security scheme): requests are sent as
    /// built, with only `X-Project-Id` added when a project ID is configured.
    Anonymous,
}

impl Credentials {
    /// Permanent AK/SK credentials.
    pub fn ak_sk(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials::AkSk {
            access_key: access_key.into(),
            secret_key: Secret::new(secret_key),
            security_token: None,
        }
    }

    /// Temporary AK/SK credentials with their security token.
    pub fn temporary(
        access_key: impl Into<String>,
        secret_key: impl Into<String>,
        security_token: impl Into<String>,
    ) -> Self {
        Credentials::AkSk {
            access_key: access_key.into(),
            secret_key: Secret::new(secret_key),
            security_token: Some(Secret::new(security_token)),
        }
    }

    /// An IAM token.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials::Token(Secret::new(token))
    }

    /// Reads credentials from the environment variables named in `names` (for each value, the
    /// first variable that is set and not blank wins). AK and SK (with the security token when
    /// set) take precedence over a token. The error names the variables that are missing; it
    /// never contains a value.
    pub fn from_env(names: &EnvNames) -> Result<Self, Error> {
        Self::from_lookup(names, |name| std::env::var(name).ok())
    }

    /// Like [`Credentials::from_env`], with `lookup` in place of the process environment
    /// (for tests, or a configuration source of the caller's own).
    pub fn from_lookup(
        names: &EnvNames,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, Error> {
        let access_key = first_set(names.access_key, &lookup);
        let secret_key = first_set(names.secret_key, &lookup);
        match (access_key, secret_key) {
            (Some(access_key), Some(secret_key)) => Ok(Credentials::AkSk {
                access_key,
                secret_key: Secret(secret_key),
                security_token: first_set(names.security_token, &lookup).map(Secret),
            }),
            (Some(_), None) => Err(missing("the secret key", names.secret_key)),
            (None, Some(_)) => Err(missing("the access key", names.access_key)),
            (None, None) => match first_set(names.auth_token, &lookup) {
                Some(token) => Ok(Credentials::Token(Secret(token))),
                None => {
                    let mut message = format!(
                        "no credentials found in the environment: {}",
                        describe("the access key", names.access_key)
                    );
                    message.push_str(&format!(
                        " and {}",
                        describe("the secret key", names.secret_key)
                    ));
                    if !names.auth_token.is_empty() {
                        message
                            .push_str(&format!("; or {}", describe("a token", names.auth_token)));
                    }
                    Err(Error::InvalidRequest(message))
                }
            },
        }
    }
}

/// The environment variables each value is read from, in order of preference. The generated
/// code passes the lists from the spec.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EnvNames {
    /// Access key ID, e.g. `["CLOUD_SDK_AK", "HUAWEICLOUD_SDK_AK"]`.
    pub access_key: &'static [&'static str],
    /// Secret access key, e.g. `["CLOUD_SDK_SK", "HUAWEICLOUD_SDK_SK"]`.
    pub secret_key: &'static [&'static str],
    /// Security token of temporary credentials (optional).
    pub security_token: &'static [&'static str],
    /// IAM token, used when no AK/SK is set.
    pub auth_token: &'static [&'static str],
    /// Project ID.
    pub project_id: &'static [&'static str],
}

impl EnvNames {
    /// The project ID from the environment, if one of [`EnvNames::project_id`] is set.
    pub fn project_id_from_env(&self) -> Option<String> {
        first_set(self.project_id, &|name: &str| std::env::var(name).ok())
    }
}

/// The first variable of `names` whose value is set and not blank, trimmed.
pub(crate) fn first_set(names: &[&str], lookup: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    names.iter().find_map(|name| {
        lookup(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    })
}

fn describe(what: &str, names: &[&str]) -> String {
    match names {
        [] => format!("{what} (no environment variable is configured for it)"),
        [one] => format!("{what} ({one})"),
        [first, rest @ ..] => format!("{what} ({first}, or {})", rest.join(", or ")),
    }
}

fn missing(what: &str, names: &[&str]) -> Error {
    Error::InvalidRequest(format!(
        "incomplete credentials in the environment: {} is not set",
        describe(what, names)
    ))
}

/// Authenticates `request` in place.
///
/// - Sets `X-Project-Id` when `project_id` is given and the request has no such header yet (an
///   operation sent to another project sets its own).
/// - Token: sets `X-Auth-Token` (marked sensitive).
/// - AK/SK: sets `Host` (from the URI, unless present), `X-Security-Token` (temporary
///   credentials), `X-Sdk-Date` (from `now`), rewrites the URI query to the canonical query
///   string, and sets `Authorization`. Signing again (a retry) replaces the date and signature.
///
/// Errors (never containing a secret): a value that cannot be a header (CR, LF, other control
/// characters), an empty credential, a URI without a host.
pub fn sign_request(
    request: &mut Request<Vec<u8>>,
    credentials: &Credentials,
    project_id: Option<&str>,
    now: SystemTime,
) -> Result<(), Error> {
    let has_project_header = request.headers().contains_key("x-project-id");
    if let Some(project_id) = project_id.filter(|_| !has_project_header) {
        let value = header_value(project_id, "X-Project-Id", "the project ID")?;
        request
            .headers_mut()
            .insert(HeaderName::from_static("x-project-id"), value);
    }
    match credentials {
        Credentials::Anonymous => Ok(()),
        Credentials::Token(token) => {
            check_token(token.expose())?;
            let mut value = header_value(token.expose(), "X-Auth-Token", "the token")?;
            value.set_sensitive(true);
            request
                .headers_mut()
                .insert(HeaderName::from_static("x-auth-token"), value);
            Ok(())
        }
        Credentials::AkSk {
            access_key,
            secret_key,
            security_token,
        } => sign_ak_sk(
            request,
            access_key,
            secret_key,
            security_token.as_ref(),
            now,
        ),
    }
}

fn sign_ak_sk(
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
        let host = host_header(request.uri())?;
        let value = header_value(&host, "Host", "the host")?;
        request.headers_mut().insert(HOST, value);
    }
    if let Some(token) = security_token.filter(|t| !t.expose().is_empty()) {
        let mut value = header_value(token.expose(), "X-Security-Token", "the security token")?;
        value.set_sensitive(true);
        request
            .headers_mut()
            .insert(HeaderName::from_static("x-security-token"), value);
    }
    let date = format_sdk_date(now);
    let date_value = header_value(&date, "X-Sdk-Date", "the date")?;
    request
        .headers_mut()
        .insert(HeaderName::from_static("x-sdk-date"), date_value);
    request.headers_mut().remove(AUTHORIZATION);
    normalize_query(request)?;

    let (canonical, signed_headers) = canonical_request(request);
    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        hex_lower(&Sha256::digest(&canonical))
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.expose().as_bytes())
        .map_err(|_| Error::invalid("the secret key cannot be used as an HMAC key"))?;
    mac.update(string_to_sign.as_bytes());
    let signature = hex_lower(&mac.finalize().into_bytes());
    let authorization = format!(
        "{ALGORITHM} Access={access_key}, SignedHeaders={signed_headers}, Signature={signature}"
    );
    let mut value = header_value(&authorization, "Authorization", "the access key")?;
    value.set_sensitive(true);
    request.headers_mut().insert(AUTHORIZATION, value);
    Ok(())
}

/// A header value, or an error naming the header (and what it carries) but not the value.
fn header_value(value: &str, header: &str, what: &str) -> Result<HeaderValue, Error> {
    let invalid = || {
        Error::InvalidRequest(format!(
            "header {header}: {what} contains CR, LF, non-ASCII or other characters not allowed in a header value"
        ))
    };
    if !super::request::is_header_safe(value) {
        return Err(invalid());
    }
    HeaderValue::from_str(value).map_err(|_| invalid())
}

/// A spec's check of a token value (its length and pattern limits), reporting the length found
/// and never the value.
pub type TokenCheck = fn(&str) -> Result<(), super::validation::ValidationErrors>;

/// The one check of a token ([`Credentials::Token`]), run when a configuration is built
/// ([`ConfigBuilder::build`](super::config::ConfigBuilder::build)) and again for every request it
/// authorizes ([`sign_request`]): not blank, within the spec's limits (the generated crate's
/// `TOKEN_CHECK`), and only characters a header may carry (as
/// [`RequestBuilder::header`](super::request::RequestBuilder::header) requires). The errors never
/// show the token.
pub fn check_token(token: &str) -> Result<(), Error> {
    if token.trim().is_empty() {
        return Err(Error::invalid("the token is empty"));
    }
    if let Some(check) = crate::TOKEN_CHECK {
        check(token).map_err(Error::Validation)?;
    }
    header_value(token, "X-Auth-Token", "the token").map(|_| ())
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

/// Rewrites the URI's query to the canonical query string, so the query sent is the one signed.
fn normalize_query(request: &mut Request<Vec<u8>>) -> Result<(), Error> {
    let Some(query) = request.uri().query() else {
        return Ok(());
    };
    let canonical = canonical_query(&parse_query(query));
    if canonical == query {
        return Ok(());
    }
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

/// The canonical request (bytes, since header values may hold non-UTF-8 bytes) and the signed
/// header list.
fn canonical_request(request: &Request<Vec<u8>>) -> (Vec<u8>, String) {
    let headers = request.headers();
    let mut names: Vec<&str> = headers
        .keys()
        .map(HeaderName::as_str)
        .filter(|name| !name.contains('_') && *name != AUTHORIZATION.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    let signed_headers = names.join(";");

    let mut out = Vec::with_capacity(512);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

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
    fn token_auth_sets_x_auth_token_only() {
        let mut request = vector_request();
        let credentials = Credentials::token("MIIToken");
        sign_request(&mut request, &credentials, Some(PROJECT), vector_time()).unwrap();
        assert_eq!(header(&request, "x-auth-token"), "MIIToken");
        assert!(request.headers()["x-auth-token"].is_sensitive());
        assert_eq!(header(&request, "x-project-id"), PROJECT);
        assert!(!request.headers().contains_key("authorization"));
        assert!(!request.headers().contains_key("x-sdk-date"));
        // Debug output of the authenticated request does not show the token.
        assert!(!format!("{request:?}").contains("MIIToken"));

        let mut request = vector_request();
        let credentials = Credentials::temporary(AK, SK, "SECURITYTOKEN");
        sign_request(&mut request, &credentials, None, vector_time()).unwrap();
        assert!(!format!("{request:?}").contains("SECURITYTOKEN"));
    }

    /// Authorizing takes a header value only when `RequestBuilder::header` would: a non-ASCII
    /// token (or security token, or project ID) is an error, not an obs-text header.
    #[test]
    fn non_ascii_secrets_are_rejected_like_any_header() {
        use crate::runtime::RequestBuilder;
        let value = "t\u{f6}ken-secret";
        let cases = [
            (Credentials::token(value), None, "X-Auth-Token"),
            (Credentials::temporary(AK, SK, value), None, "X-Security-Token"),
            (Credentials::ak_sk(AK, SK), Some(value), "X-Project-Id"),
        ];
        for (credentials, project, header_name) in cases {
            let mut request = vector_request();
            let err = sign_request(&mut request, &credentials, project, vector_time()).unwrap_err();
            assert!(err.to_string().contains(header_name), "{err}");
            assert!(!err.to_string().contains("secret"), "{err}");
            let built = RequestBuilder::new(http::Method::GET, "/")
                .header(header_name, value)
                .build(&crate::runtime::Endpoint::parse("https://example.com").unwrap());
            assert!(built.is_err(), "{header_name}: the request builder accepts it");
        }
    }

    #[test]
    fn secrets_with_cr_lf_are_rejected_without_echoing_them() {
        let cases = [
            (Credentials::token("secret\r\nX-Evil: 1"), "X-Auth-Token"),
            (Credentials::token("secret\nvalue"), "X-Auth-Token"),
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
            Credentials::token(" "),
            Credentials::ak_sk("", SK),
            Credentials::ak_sk(AK, ""),
        ] {
            let mut request = vector_request();
            assert!(sign_request(&mut request, &credentials, None, vector_time()).is_err());
        }
    }

    #[test]
    fn debug_never_shows_secrets() {
        let all = [
            Credentials::ak_sk(AK, SK),
            Credentials::temporary(AK, SK, "SECURITYTOKEN"),
            Credentials::token("TOKENVALUE"),
        ];
        for credentials in all {
            let debug = format!("{credentials:?} {credentials:#?}");
            assert!(!debug.contains(SK), "{debug}");
            assert!(!debug.contains("SECURITYTOKEN"), "{debug}");
            assert!(!debug.contains("TOKENVALUE"), "{debug}");
            assert!(debug.contains("***"), "{debug}");
        }
        assert_eq!(format!("{:?}", Secret::new("x")), "***");
        assert_eq!(Secret::from("x").expose(), "x");
    }

    const NAMES: EnvNames = EnvNames {
        access_key: &["CLOUD_SDK_AK", "HUAWEICLOUD_SDK_AK"],
        secret_key: &["CLOUD_SDK_SK", "HUAWEICLOUD_SDK_SK"],
        security_token: &["HUAWEICLOUD_SDK_SECURITY_TOKEN"],
        auth_token: &["HUAWEICLOUD_SDK_TOKEN"],
        project_id: &["HUAWEICLOUD_SDK_PROJECT_ID"],
    };

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn from_env_first_set_variable_wins() {
        let lookup = env(&[
            ("HUAWEICLOUD_SDK_AK", "ak2"),
            ("CLOUD_SDK_AK", "ak1"),
            ("CLOUD_SDK_SK", "   "),
            ("HUAWEICLOUD_SDK_SK", "sk2\n"),
            ("HUAWEICLOUD_SDK_TOKEN", "tok"),
        ]);
        assert_eq!(
            Credentials::from_lookup(&NAMES, lookup).unwrap(),
            Credentials::ak_sk("ak1", "sk2")
        );
        let lookup = env(&[
            ("CLOUD_SDK_AK", "ak"),
            ("CLOUD_SDK_SK", "sk"),
            ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "st"),
        ]);
        assert_eq!(
            Credentials::from_lookup(&NAMES, lookup).unwrap(),
            Credentials::temporary("ak", "sk", "st")
        );
        let lookup = env(&[("HUAWEICLOUD_SDK_TOKEN", "tok")]);
        assert_eq!(
            Credentials::from_lookup(&NAMES, lookup).unwrap(),
            Credentials::token("tok")
        );
    }

    #[test]
    fn from_env_errors_name_the_missing_variables() {
        let err = Credentials::from_lookup(&NAMES, env(&[("CLOUD_SDK_AK", "ak")])).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("CLOUD_SDK_SK") && message.contains("HUAWEICLOUD_SDK_SK"));
        assert!(!message.contains("CLOUD_SDK_AK"), "{message}");

        let err = Credentials::from_lookup(&NAMES, env(&[("HUAWEICLOUD_SDK_SK", "topsecret")]))
            .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("CLOUD_SDK_AK"), "{message}");
        assert!(!message.contains("topsecret"), "{message}");

        let err = Credentials::from_lookup(&NAMES, env(&[])).unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, Error::InvalidRequest(_)));
        for name in ["CLOUD_SDK_AK", "CLOUD_SDK_SK", "HUAWEICLOUD_SDK_TOKEN"] {
            assert!(message.contains(name), "{message}");
        }
    }
}
