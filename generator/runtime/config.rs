//! The endpoint and the client configuration (service, credentials, settings, timeouts,
//! retries, user agent). [`ClientBuilder`](super::client::ClientBuilder) builds one.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use http::header::{Entry, HeaderName, HeaderValue, HOST, USER_AGENT};
use http::Request;

use super::auth::{authenticate, Credentials};
use super::error::Error;
use super::request::checked_header_value;
use super::retry::RetryPolicy;
use super::service::{AuthKind, Service};

/// Default connect timeout: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default timeout of one attempt (connect, send, receive): 60 s.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The base URL of the service: scheme (`http` or `https`), host, optional port and optional
/// base path.
///
/// Parse one with [`Endpoint::parse`]: `https://api.example.com`, `https://api.example.com/v2`,
/// `http://127.0.0.1:8080` (tests), or a bare host (`https` is assumed).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    https: bool,
    host: String,
    port: Option<u16>,
    base_path: String,
    /// The host and port as a URI authority, shared by the URIs of the requests built.
    authority: http::uri::Authority,
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("https", &self.https)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("base_path", &self.base_path)
            .finish()
    }
}

impl Endpoint {
    /// Parses a base URL. It may have a base path (`/v2`, kept without its trailing `/`), but no
    /// query, fragment or user information, and no `.` or `..` segment. Without a scheme,
    /// `https://` is assumed.
    pub fn parse(s: &str) -> Result<Endpoint, Error> {
        let text = s.trim();
        // Do not echo what might carry a password (`user:pass@host`).
        let shown = if text.contains('@') {
            String::from("(hidden: it contains '@')")
        } else {
            format!("{text:?}")
        };
        let bad = |why: &str| Error::InvalidRequest(format!("invalid endpoint {shown}: {why}"));
        if text.is_empty() {
            return Err(bad("it is empty"));
        }
        let with_scheme = if text.contains("://") {
            text.to_owned()
        } else {
            format!("https://{text}")
        };
        if with_scheme.contains(['#', '@', '?']) {
            return Err(bad(
                "it may not contain user information, a query or a fragment",
            ));
        }
        let uri: http::Uri = with_scheme
            .parse()
            .map_err(|_| bad("it is not a valid URL"))?;
        let https = match uri.scheme_str() {
            Some(s) if s.eq_ignore_ascii_case("https") => true,
            Some(s) if s.eq_ignore_ascii_case("http") => false,
            _ => return Err(bad("the scheme must be http or https")),
        };
        let host = uri
            .host()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("it has no host"))?
            .to_ascii_lowercase();
        let base_path = uri.path().trim_end_matches('/').to_owned();
        if base_path
            .split('/')
            .any(|segment| segment == "." || segment == "..")
        {
            return Err(bad("its path may not have a \".\" or \"..\" segment"));
        }
        let authority = uri.authority().map(|a| a.as_str()).unwrap_or_default();
        // The port text follows the last ':' after the host (an IPv6 host ends with ']').
        let after_host = &authority[authority.rfind(']').map_or(0, |i| i + 1)..];
        let port = match after_host.rsplit_once(':') {
            Some((_, text)) => Some(
                text.parse::<u16>()
                    .ok()
                    .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| bad("the port is not a number from 0 to 65535"))?,
            ),
            None => None,
        };
        let default_port = if https { 443 } else { 80 };
        let port = port.filter(|p| *p != default_port);
        let authority = match port {
            Some(port) => format!("{host}:{port}"),
            None => host.clone(),
        };
        let authority =
            http::uri::Authority::try_from(authority).map_err(|_| bad("it is not a valid URL"))?;
        Ok(Endpoint {
            https,
            host,
            port,
            base_path,
            authority,
        })
    }

    /// `https` or `http`.
    pub fn scheme(&self) -> &'static str {
        if self.https {
            "https"
        } else {
            "http"
        }
    }

    /// The host name or IP address (IPv6 in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, when it is not the scheme's default.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The `Host` header value: the host, with the port when it is not the default.
    pub fn host_header(&self) -> String {
        self.authority.as_str().to_owned()
    }

    /// The host, with the port when it is not the default, as the authority of request URIs.
    pub(crate) fn authority(&self) -> &http::uri::Authority {
        &self.authority
    }

    /// The base path (`/v2`), or `""`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The full URL of `path_and_query` (which starts with `/`) on this endpoint, below its base
    /// path.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{self}{path_and_query}")
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}://{}{}",
            self.scheme(),
            self.authority,
            self.base_path
        )
    }
}

impl FromStr for Endpoint {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Endpoint::parse(s)
    }
}

/// The client configuration: the service's tables, the endpoint, credentials, settings,
/// timeouts, retry policy and user agent. Build one with
/// [`ClientBuilder::build_config`](super::client::ClientBuilder::build_config).
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) service: &'static Service,
    pub(crate) endpoint: Endpoint,
    pub(crate) credentials: Credentials,
    pub(crate) settings: BTreeMap<&'static str, String>,
    pub(crate) connect_timeout: Duration,
    pub(crate) request_timeout: Duration,
    pub(crate) retry_policy: RetryPolicy,
    pub(crate) user_agent: String,
    /// The headers [`Config::authorize`] adds, checked and converted once.
    pub(crate) headers: PreparedHeaders,
}

/// The `User-Agent` value and the client settings' headers, as header names and values: made
/// when the configuration is built, cloned (a reference count each) into each request.
#[derive(Clone, Debug)]
pub(crate) struct PreparedHeaders {
    user_agent: HeaderValue,
    settings: Vec<(HeaderName, HeaderValue)>,
    /// The endpoint's `Host` value, for a service with a signing scheme (which signs `Host`).
    host: Option<HeaderValue>,
}

impl PreparedHeaders {
    /// The headers of `user_agent` and of the `settings` bound to a header; an error names the
    /// header and the setting, never the value.
    pub(crate) fn new(
        service: &Service,
        endpoint: &Endpoint,
        user_agent: &str,
        settings: &BTreeMap<&'static str, String>,
    ) -> Result<Self, Error> {
        let user_agent = match checked_header_value(user_agent) {
            // The service's own is kept static: a request takes it without a reference count.
            Some(_) if user_agent == service.user_agent => HeaderValue::from_static(service.user_agent),
            Some(value) => value,
            None => {
                return Err(Error::invalid(
                    "header User-Agent: the value contains CR, LF, non-ASCII or other characters not allowed in a header value",
                ))
            }
        };
        let mut headers = Vec::new();
        for setting in service.settings {
            let (Some(header), Some(value)) = (setting.header, settings.get(setting.name)) else {
                continue;
            };
            let name = HeaderName::from_bytes(header.as_bytes())
                .map_err(|_| Error::InvalidRequest(format!("invalid header name {header:?}")))?;
            let value = checked_header_value(value).ok_or_else(|| {
                Error::InvalidRequest(format!(
                    "header {header}: the setting {} contains CR, LF, non-ASCII or other characters not allowed in a header value",
                    setting.name
                ))
            })?;
            headers.push((name, value));
        }
        let signs = service
            .auth
            .iter()
            .any(|scheme| matches!(scheme.kind, AuthKind::Signing { .. }));
        let host = if signs {
            Some(checked_header_value(endpoint.authority.as_str()).ok_or_else(|| {
                Error::invalid("header Host: the endpoint's host cannot be a header value")
            })?)
        } else {
            None
        };
        Ok(PreparedHeaders {
            user_agent,
            settings: headers,
            host,
        })
    }
}

impl Config {
    /// The service this configuration is for.
    pub fn service(&self) -> &'static Service {
        self.service
    }

    /// The endpoint requests are sent to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// A client setting's value: what operation parameters bound to the setting take when a
    /// request leaves them unset.
    pub fn setting(&self, name: &str) -> Option<&str> {
        self.settings.get(name).map(String::as_str)
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The timeout of one attempt (connect, send and receive).
    pub fn request_timeout(&self) -> Duration {
        self.request_timeout
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry_policy
    }

    /// The `User-Agent` header value.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// Authenticates a built request for sending now: sets `User-Agent` (unless present), the
    /// headers of client settings that have one (unless present: an operation sent with its own
    /// value keeps it), then applies the security scheme the operation accepts for these
    /// credentials (a signature, a token, a key). Call it again for each attempt.
    pub fn authorize(&self, request: &mut Request<Vec<u8>>) -> Result<(), Error> {
        self.authorize_at(request, SystemTime::now())
    }

    /// [`Config::authorize`] with the signing time given (for tests).
    pub fn authorize_at(
        &self,
        request: &mut Request<Vec<u8>>,
        now: SystemTime,
    ) -> Result<(), Error> {
        // Each header looked up once (`entry`), and added when absent.
        let own_host = request.uri().authority() == Some(&self.endpoint.authority);
        let headers = request.headers_mut();
        if let Entry::Vacant(entry) = headers.entry(USER_AGENT) {
            entry.insert(self.headers.user_agent.clone());
        }
        for (name, value) in &self.headers.settings {
            // An operation sent with its own value keeps it (checked before anything is built).
            if let Entry::Vacant(entry) = headers.entry(name) {
                entry.insert(value.clone());
            }
        }
        // The signature covers `Host`: a request for this endpoint takes the value made once
        // (signing derives it from the URI of any other).
        if let Some(host) = self.headers.host.as_ref().filter(|_| own_host) {
            if let Entry::Vacant(entry) = headers.entry(HOST) {
                entry.insert(host.clone());
            }
        }
        authenticate(request, self.service, &self.credentials, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::client::ClientBuilder;
    use crate::runtime::service::TEST_SERVICE;

    #[test]
    fn parses_endpoints() {
        let e = Endpoint::parse("https://api.north-1.example.com").unwrap();
        assert_eq!(
            (e.scheme(), e.host(), e.port(), e.base_path()),
            ("https", "api.north-1.example.com", None, "")
        );
        assert_eq!(e.to_string(), "https://api.north-1.example.com");
        assert_eq!(
            e.url("/v5/p/common/task"),
            "https://api.north-1.example.com/v5/p/common/task"
        );

        let e = Endpoint::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!(
            (e.scheme(), e.host(), e.port()),
            ("http", "127.0.0.1", Some(8080))
        );
        assert_eq!(e.host_header(), "127.0.0.1:8080");
        assert_eq!(e.to_string(), "http://127.0.0.1:8080");

        let e = Endpoint::parse("https://example.com/api/v2/").unwrap();
        assert_eq!(e.base_path(), "/api/v2");
        assert_eq!(e.url("/items"), "https://example.com/api/v2/items");

        let e: Endpoint = " api.example.eu ".parse().unwrap();
        assert_eq!(e.to_string(), "https://api.example.eu");
        assert_eq!(
            Endpoint::parse("HTTPS://Example.COM:443")
                .unwrap()
                .to_string(),
            "https://example.com"
        );
        assert_eq!(
            Endpoint::parse("http://[::1]:9000").unwrap().host_header(),
            "[::1]:9000"
        );
    }

    #[test]
    fn rejects_bad_endpoints_with_error_values() {
        for bad in [
            "",
            "   ",
            "ftp://example.com",
            "https://",
            "https://example.com/../v5",
            "https://example.com?x=1",
            "https://example.com#frag",
            "https://example.com:99999",
            "https://example.com:",
            "https://exa mple.com",
            "https://user:pass@example.com",
            "://example.com",
        ] {
            let err = Endpoint::parse(bad).expect_err(bad);
            assert!(matches!(err, Error::InvalidRequest(_)), "{bad}");
            assert!(err.to_string().contains("invalid endpoint"), "{err}");
        }
        let err = Endpoint::parse("https://user:pass@example.com").unwrap_err();
        assert!(!err.to_string().contains("pass"), "{err}");
    }

    #[test]
    fn authorize_sets_user_agent_setting_headers_and_credentials() {
        let config = ClientBuilder::for_service(&TEST_SERVICE)
            .credentials(Credentials::token("tok"))
            .setting("tenant_id", "t-1")
            .build_config()
            .unwrap();
        let request = || {
            let mut request = Request::new(Vec::new());
            *request.uri_mut() = "https://api.north-1.example.com/v1/x".parse().unwrap();
            request
        };
        let mut r = request();
        config.authorize_at(&mut r, std::time::UNIX_EPOCH).unwrap();
        let headers = r.headers();
        assert_eq!(headers["user-agent"], "example-client/1.2.3");
        assert_eq!(headers["x-tenant-id"], "t-1");
        assert_eq!(headers["x-api-token"], "tok");

        // An operation's own value of the setting header is kept.
        let mut r = request();
        r.headers_mut()
            .insert("x-tenant-id", http::HeaderValue::from_static("other"));
        config.authorize(&mut r).unwrap();
        assert_eq!(r.headers()["x-tenant-id"], "other");
    }
}
