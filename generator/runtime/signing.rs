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

use std::time::SystemTime;

use hmac::{Hmac, Mac};
use http::header::{HeaderName, AUTHORIZATION, HOST};
use http::Request;
use sha2::{Digest, Sha256};

use super::auth::{header_value, Secret};
use super::encoding::{canonical_query, canonical_uri, hex_lower, parse_query};
use super::error::Error;
use super::time::format_compact_utc;

/// The signing algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

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
    let date = format_compact_utc(now);
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
}
