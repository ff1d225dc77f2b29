//! The endpoint and the client configuration (credentials, project ID, timeouts, retries,
//! user agent), with a builder the generated client wraps.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use http::header::{HeaderName, HeaderValue, USER_AGENT};
use http::Request;

use super::auth::{sign_request, Credentials, EnvNames};
use super::error::Error;
use super::retry::RetryPolicy;

/// Default connect timeout: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default timeout of one attempt (connect, send, receive): 60 s.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Default `User-Agent`: the crate name and version.
pub const DEFAULT_USER_AGENT: &str =
    concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// The default header of a token.
const X_AUTH_TOKEN: &str = "x-auth-token";

/// The base URL of the service: scheme (`http` or `https`), host and optional port.
///
/// Parse one with [`Endpoint::parse`]: `https://hss.cn-north-4.myhuaweicloud.com`,
/// `http://127.0.0.1:8080` (tests), or a bare host (`https` is assumed).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Endpoint {
    https: bool,
    host: String,
    port: Option<u16>,
}

impl Endpoint {
    /// Parses a base URL. It may end in `/`, but may not have another path, a query, a fragment
    /// or user information. Without a scheme, `https://` is assumed.
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
        if !matches!(uri.path(), "" | "/") {
            return Err(bad("it may not have a path"));
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
        Ok(Endpoint { https, host, port })
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
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    /// The full URL of `path_and_query` (which starts with `/`) on this endpoint.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{self}{path_and_query}")
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme(), self.host_header())
    }
}

impl FromStr for Endpoint {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Endpoint::parse(s)
    }
}

/// The client configuration. Build one with [`Config::builder`].
#[derive(Clone, Debug)]
pub struct Config {
    endpoint: Endpoint,
    credentials: Credentials,
    project_id: Option<String>,
    settings: BTreeMap<String, String>,
    token_header: HeaderName,
    connect_timeout: Duration,
    request_timeout: Duration,
    retry_policy: RetryPolicy,
    user_agent: String,
}

impl Config {
    /// A builder with the defaults: 10 s connect timeout, 60 s request timeout,
    /// [`RetryPolicy::default`], [`DEFAULT_USER_AGENT`].
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The endpoint requests are sent to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The project ID, when one is configured.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// A named client setting: the value that operation parameters marked with
    /// `x-client-config: {name}` take when a request leaves them unset. `project_id` is the
    /// project ID; other names are set with [`ConfigBuilder::setting`].
    pub fn setting(&self, name: &str) -> Option<&str> {
        if name == "project_id" {
            return self.project_id();
        }
        self.settings.get(name).map(String::as_str)
    }

    /// The project ID, or an [`Error::InvalidRequest`] saying it is not configured.
    pub fn require_project_id(&self) -> Result<&str, Error> {
        self.project_id()
            .ok_or_else(|| Error::invalid("no project ID is configured"))
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

    /// Authenticates a built request for sending now: sets `User-Agent` (unless present),
    /// `X-Project-Id`, and signs it or adds the token (see [`sign_request`]). Call it again for
    /// each attempt.
    pub fn authorize(&self, request: &mut Request<Vec<u8>>) -> Result<(), Error> {
        self.authorize_at(request, SystemTime::now())
    }

    /// [`Config::authorize`] with the signing time given (for tests).
    pub fn authorize_at(
        &self,
        request: &mut Request<Vec<u8>>,
        now: SystemTime,
    ) -> Result<(), Error> {
        if !request.headers().contains_key(USER_AGENT) {
            let value = HeaderValue::from_str(&self.user_agent).map_err(|_| {
                Error::invalid("header User-Agent: the value contains characters not allowed")
            })?;
            request.headers_mut().insert(USER_AGENT, value);
        }
        sign_request(request, &self.credentials, self.project_id(), now)?;
        if self.token_header != X_AUTH_TOKEN {
            if let Some(value) = request.headers_mut().remove(X_AUTH_TOKEN) {
                request
                    .headers_mut()
                    .insert(self.token_header.clone(), value);
            }
        }
        Ok(())
    }

    /// The header a token ([`Credentials::Token`]) is sent in (default `X-Auth-Token`).
    pub fn token_header(&self) -> &HeaderName {
        &self.token_header
    }
}

#[derive(Clone, Debug)]
enum EndpointSource {
    Parsed(Endpoint),
    Text(String),
}

/// Builds a [`Config`]. Every setter is optional except the endpoint and the credentials
/// (which [`ConfigBuilder::from_env`] can supply).
#[derive(Clone, Debug, Default)]
pub struct ConfigBuilder {
    endpoint: Option<EndpointSource>,
    credentials: Option<Credentials>,
    project_id: Option<String>,
    settings: BTreeMap<String, String>,
    token_header: Option<String>,
    env: Option<EnvNames>,
    connect_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
    retry_policy: Option<RetryPolicy>,
    user_agent: Option<String>,
}

impl ConfigBuilder {
    /// The endpoint.
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = Some(EndpointSource::Parsed(endpoint));
        self
    }

    /// The endpoint as a URL, parsed by [`ConfigBuilder::build`] (e.g. `http://127.0.0.1:8080`).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(EndpointSource::Text(url.into()));
        self
    }

    /// The credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The project ID (sent as `X-Project-Id`, and used where an operation's path needs it).
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Sets the client setting `name` (see [`Config::setting`]); `project_id` is the same as
    /// [`ConfigBuilder::project_id`].
    pub fn setting(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        if name == "project_id" {
            self.project_id = Some(value.into());
        } else {
            self.settings.insert(name, value.into());
        }
        self
    }

    /// The header a token is sent in (default `X-Auth-Token`; a spec's header-token scheme may
    /// name another).
    pub fn token_header(mut self, name: impl Into<String>) -> Self {
        self.token_header = Some(name.into());
        self
    }

    /// Take the credentials and the project ID from these environment variables when they are
    /// not set explicitly (read by [`ConfigBuilder::build`]).
    pub fn from_env(mut self, names: &EnvNames) -> Self {
        self.env = Some(*names);
        self
    }

    /// The connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The timeout of one attempt, connect, send and receive (default 60 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// The `User-Agent` header (default [`DEFAULT_USER_AGENT`]).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Checks the settings and builds the configuration.
    pub fn build(self) -> Result<Config, Error> {
        let endpoint = match self.endpoint {
            Some(EndpointSource::Parsed(endpoint)) => endpoint,
            Some(EndpointSource::Text(text)) => Endpoint::parse(&text)?,
            None => return Err(Error::invalid("no endpoint is configured")),
        };
        let credentials = match (self.credentials, &self.env) {
            (Some(credentials), _) => credentials,
            (None, Some(names)) => Credentials::from_env(names)?,
            (None, None) => return Err(Error::invalid("no credentials are configured")),
        };
        if let Credentials::Token(token) = &credentials {
            super::auth::check_token(token.expose())?;
        }
        let project_id = self
            .project_id
            .or_else(|| self.env.and_then(|names| names.project_id_from_env()));
        if let Some(project_id) = &project_id {
            if project_id.is_empty() {
                return Err(Error::invalid("the project ID is empty"));
            }
            if HeaderValue::from_str(project_id).is_err() {
                return Err(Error::invalid(
                    "header X-Project-Id: the project ID contains CR, LF or other characters not allowed in a header value",
                ));
            }
        }
        let token_header = match &self.token_header {
            None => HeaderName::from_static(X_AUTH_TOKEN),
            Some(name) => HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| {
                Error::InvalidRequest(format!("invalid token header name {name:?}"))
            })?,
        };
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let request_timeout = self.request_timeout.unwrap_or(DEFAULT_REQUEST_TIMEOUT);
        if connect_timeout.is_zero() || request_timeout.is_zero() {
            return Err(Error::invalid("timeouts must be greater than zero"));
        }
        let retry_policy = self.retry_policy.unwrap_or_default();
        if retry_policy.total_deadline.is_some_and(|d| d.is_zero()) {
            return Err(Error::invalid(
                "the retry policy's total deadline must be greater than zero (None for no limit)",
            ));
        }
        if retry_policy.max_attempts == 0 {
            return Err(Error::invalid(
                "the retry policy needs max_attempts of at least 1 (1 disables retries)",
            ));
        }
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| DEFAULT_USER_AGENT.to_owned());
        if HeaderValue::from_str(&user_agent).is_err() {
            return Err(Error::invalid(
                "header User-Agent: the value contains CR, LF or other characters not allowed in a header value",
            ));
        }
        Ok(Config {
            endpoint,
            credentials,
            project_id,
            settings: self.settings,
            token_header,
            connect_timeout,
            request_timeout,
            retry_policy,
            user_agent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_endpoints() {
        let e = Endpoint::parse("https://hss.cn-north-4.myhuaweicloud.com").unwrap();
        assert_eq!(
            (e.scheme(), e.host(), e.port()),
            ("https", "hss.cn-north-4.myhuaweicloud.com", None)
        );
        assert_eq!(e.to_string(), "https://hss.cn-north-4.myhuaweicloud.com");
        assert_eq!(
            e.url("/v5/p/common/task"),
            "https://hss.cn-north-4.myhuaweicloud.com/v5/p/common/task"
        );

        let e = Endpoint::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!(
            (e.scheme(), e.host(), e.port()),
            ("http", "127.0.0.1", Some(8080))
        );
        assert_eq!(e.host_header(), "127.0.0.1:8080");
        assert_eq!(e.to_string(), "http://127.0.0.1:8080");

        let e: Endpoint = " hss.eu-west-101.myhuaweicloud.eu ".parse().unwrap();
        assert_eq!(e.to_string(), "https://hss.eu-west-101.myhuaweicloud.eu");
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
            "https://example.com/v5",
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
    fn builder_defaults_and_errors() {
        let config = Config::builder()
            .endpoint_url("http://127.0.0.1:1")
            .credentials(Credentials::token("t"))
            .build()
            .unwrap();
        assert_eq!(config.connect_timeout(), Duration::from_secs(10));
        assert_eq!(config.request_timeout(), Duration::from_secs(60));
        assert_eq!(config.retry_policy(), &RetryPolicy::default());
        assert_eq!(config.user_agent(), DEFAULT_USER_AGENT);
        assert_eq!(config.project_id(), None);
        assert!(config.require_project_id().is_err());

        let no_endpoint = Config::builder()
            .credentials(Credentials::token("t"))
            .build();
        assert!(no_endpoint.unwrap_err().to_string().contains("endpoint"));
        let no_credentials = Config::builder().endpoint_url("https://h").build();
        assert!(no_credentials
            .unwrap_err()
            .to_string()
            .contains("credentials"));
        let bad_endpoint = Config::builder()
            .endpoint_url("ftp://h")
            .credentials(Credentials::token("t"))
            .build();
        assert!(bad_endpoint.is_err());
        let base = || {
            Config::builder()
                .endpoint_url("https://h")
                .credentials(Credentials::token("t"))
        };
        assert!(base().user_agent("a\r\nb").build().is_err());
        assert!(base().project_id("p\nq").build().is_err());
        assert!(base().project_id("").build().is_err());
        assert!(base().connect_timeout(Duration::ZERO).build().is_err());
        let zero_attempts = RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        };
        assert!(base().retry_policy(zero_attempts).build().is_err());
        let config = base()
            .project_id("p1")
            .user_agent("ua/1")
            .request_timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        assert_eq!(config.require_project_id().unwrap(), "p1");
        assert_eq!(config.user_agent(), "ua/1");
        assert_eq!(config.request_timeout(), Duration::from_secs(5));
        assert_eq!(config.setting("project_id"), Some("p1"));
        assert_eq!(config.setting("tenant"), None);
        let config = base()
            .setting("tenant", "t1")
            .setting("project_id", "p2")
            .build()
            .unwrap();
        assert_eq!(config.setting("tenant"), Some("t1"));
        assert_eq!(config.project_id(), Some("p2"));
    }

    #[test]
    fn authorize_sets_user_agent_project_and_signature() {
        let config = Config::builder()
            .endpoint_url("https://hss.cn-north-4.myhuaweicloud.com")
            .credentials(Credentials::ak_sk("AK", "SK"))
            .project_id("proj")
            .build()
            .unwrap();
        let mut request = Request::new(Vec::new());
        *request.method_mut() = http::Method::POST;
        *request.uri_mut() = "https://hss.cn-north-4.myhuaweicloud.com/v5/proj/x"
            .parse()
            .unwrap();
        config
            .authorize_at(&mut request, std::time::UNIX_EPOCH)
            .unwrap();
        let headers = request.headers();
        assert_eq!(headers["user-agent"], DEFAULT_USER_AGENT);
        assert_eq!(headers["x-project-id"], "proj");
        assert_eq!(headers["x-sdk-date"], "19700101T000000Z");
        let authorization = headers["authorization"].to_str().unwrap();
        assert!(authorization.starts_with(
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;user-agent;x-project-id;x-sdk-date, Signature="
        ));
    }

    #[test]
    fn token_header_and_anonymous_credentials() {
        let request = || {
            let mut request = Request::new(Vec::new());
            *request.uri_mut() = "https://h.example/v1/x".parse().unwrap();
            request
        };
        let config = Config::builder()
            .endpoint_url("https://h.example")
            .credentials(Credentials::token("tok"))
            .token_header("X-Api-Token")
            .build()
            .unwrap();
        let mut r = request();
        config.authorize(&mut r).unwrap();
        assert_eq!(r.headers()["x-api-token"], "tok");
        assert!(r.headers()["x-api-token"].is_sensitive());
        assert!(!r.headers().contains_key("x-auth-token"));
        assert!(Config::builder()
            .endpoint_url("https://h.example")
            .credentials(Credentials::token("tok"))
            .token_header("bad header")
            .build()
            .is_err());

        let config = Config::builder()
            .endpoint_url("https://h.example")
            .credentials(Credentials::Anonymous)
            .build()
            .unwrap();
        let mut r = request();
        config.authorize(&mut r).unwrap();
        assert!(!r.headers().contains_key("authorization"));
        assert!(!r.headers().contains_key("x-auth-token"));
        assert_eq!(r.headers()["user-agent"], DEFAULT_USER_AGENT);
    }

    /// `Config::builder()` applies the same token check as every request does
    /// (`check_token`, with the spec's limits from the crate's `TOKEN_CHECK`).
    #[test]
    fn the_builder_checks_tokens_like_authorize() {
        let tokens = [
            "tok".to_string(),
            String::new(),
            " ".to_string(),
            "t\u{f6}ken".to_string(),
            "a\nb".to_string(),
            "T".repeat(1 << 20),
        ];
        for token in &tokens {
            let built = Config::builder()
                .endpoint_url("http://127.0.0.1:1")
                .credentials(Credentials::token(token.clone()))
                .build();
            let spec_rejects = crate::TOKEN_CHECK.is_some_and(|check| check(token).is_err());
            let blank = token.trim().is_empty();
            let unsafe_header = !crate::runtime::request::is_header_safe(token);
            assert_eq!(
                built.is_err(),
                spec_rejects || blank || unsafe_header,
                "token of {} bytes",
                token.len()
            );
            assert_eq!(
                built.is_err(),
                super::super::auth::check_token(token).is_err()
            );
            if let Err(e) = built {
                assert!(!token.is_empty() && !e.to_string().contains(token.as_str()) || token.trim().is_empty());
            }
        }
        // A zero total deadline is refused; `None` is no limit.
        let zero = RetryPolicy {
            total_deadline: Some(Duration::ZERO),
            ..RetryPolicy::default()
        };
        for (policy, ok) in [(zero, false), (RetryPolicy { total_deadline: None, ..RetryPolicy::default() }, true)] {
            let built = Config::builder()
                .endpoint_url("http://127.0.0.1:1")
                .credentials(Credentials::token("tok"))
                .retry_policy(policy)
                .build();
            assert_eq!(built.is_ok(), ok);
        }
    }
}
