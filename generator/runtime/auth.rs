//! Credentials and request authentication.
//!
//! The spec's security schemes are data ([`Service::auth`]); this module matches the configured
//! [`Credentials`] to the scheme an operation accepts and applies it:
//!
//! - `apiKey` (header or query) and `http` bearer take [`Credentials::Token`];
//! - `http` basic takes [`Credentials::Basic`];
//! - a signing scheme takes [`Credentials::AccessKey`] and calls the signing function the
//!   generated code names (its module is part of the crate only when the spec signs);
//! - an operation whose requirement allows no authentication takes [`Credentials::Anonymous`].
//!
//! Secrets are held in [`Secret`], whose `Debug` prints `***`; they never appear in an error
//! message.

use std::any::Any;
use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use http::Request;

use super::encoding::{base64, canonical_query, parse_query};
use super::error::Error;
use super::request::{checked_header_value, OperationInfo};
use super::service::{AuthKind, AuthScheme, KeyLocation, Service};
use super::validation::validate_secret;

/// A secret string. `Debug` prints `***`; there is no `Display`. Read it with
/// [`Secret::expose`].
#[derive(Clone)]
pub struct Secret {
    value: String,
    /// What a signing scheme derives from the secret once (an HMAC key state), shared by the
    /// clones of this secret.
    derived: OnceLock<Arc<dyn Any + Send + Sync>>,
}

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret {
            value: value.into(),
            derived: OnceLock::new(),
        }
    }

    /// The secret value itself. Do not log it.
    pub fn expose(&self) -> &str {
        &self.value
    }

    /// What `derive` makes of the secret value, computed on the first call only; `None` when
    /// an earlier call derived a value of another type.
    #[allow(dead_code)] // used by the signing module, which only signing crates have
    pub(crate) fn derived<T: Any + Send + Sync>(&self, derive: impl FnOnce(&str) -> T) -> Option<&T> {
        self.derived
            .get_or_init(|| Arc::new(derive(&self.value)))
            .downcast_ref()
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

/// How requests are authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// An access key and its secret key, for a scheme that signs each request.
    AccessKey {
        /// The access key ID (not secret; signatures name it).
        access_key: String,
        /// The secret access key.
        secret_key: Secret,
        /// The security token of temporary credentials.
        security_token: Option<Secret>,
    },
    /// A token or API key, for an `apiKey` or `http` bearer scheme.
    Token(Secret),
    /// A user name and password, for an `http` basic scheme.
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: Secret,
    },
    /// No authentication: for operations whose security requirement allows none.
    Anonymous,
}

impl Credentials {
    /// Permanent access-key credentials.
    pub fn ak_sk(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials::AccessKey {
            access_key: access_key.into(),
            secret_key: Secret::new(secret_key),
            security_token: None,
        }
    }

    /// Temporary access-key credentials with their security token.
    pub fn temporary(
        access_key: impl Into<String>,
        secret_key: impl Into<String>,
        security_token: impl Into<String>,
    ) -> Self {
        Credentials::AccessKey {
            access_key: access_key.into(),
            secret_key: Secret::new(secret_key),
            security_token: Some(Secret::new(security_token)),
        }
    }

    /// A token or API key.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials::Token(Secret::new(token))
    }

    /// A user name and password.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials::Basic {
            username: username.into(),
            password: Secret::new(password),
        }
    }

    /// What kind of credentials these are, for messages (never a value).
    pub fn kind(&self) -> &'static str {
        match self {
            Credentials::AccessKey { .. } => "access-key credentials",
            Credentials::Token(_) => "a token",
            Credentials::Basic { .. } => "a user name and password",
            Credentials::Anonymous => "no credentials",
        }
    }

    /// Reads credentials from the environment variables the service's schemes name (for each
    /// value, the first variable that is set and not blank wins). Schemes are tried in the
    /// spec's order; the first whose variables are all set wins. The error names the variables
    /// that are missing; it never contains a value.
    pub fn from_env(service: &Service) -> Result<Self, Error> {
        Self::from_lookup(service, |name| std::env::var(name).ok())
    }

    /// Like [`Credentials::from_env`], with `lookup` in place of the process environment
    /// (for tests, or a configuration source of the caller's own).
    pub fn from_lookup(
        service: &Service,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, Error> {
        let lookup: &dyn Fn(&str) -> Option<String> = &lookup;
        let mut wanted: Vec<String> = Vec::new();
        for scheme in service.auth {
            match &scheme.kind {
                AuthKind::Signing {
                    access_key_env,
                    secret_key_env,
                    security_token_env,
                    ..
                } => {
                    if access_key_env.is_empty() && secret_key_env.is_empty() {
                        continue;
                    }
                    match (first_set(access_key_env, lookup), first_set(secret_key_env, lookup)) {
                        (Some(access_key), Some(secret_key)) => {
                            return Ok(Credentials::AccessKey {
                                access_key,
                                secret_key: Secret::new(secret_key),
                                security_token: first_set(security_token_env, lookup)
                                    .map(Secret::new),
                            })
                        }
                        (Some(_), None) => return Err(missing("the secret key", secret_key_env)),
                        (None, Some(_)) => return Err(missing("the access key", access_key_env)),
                        (None, None) => wanted.push(format!(
                            "{} and {}",
                            describe("the access key", access_key_env),
                            describe("the secret key", secret_key_env)
                        )),
                    }
                }
                AuthKind::ApiKey { env, .. } | AuthKind::Bearer { env } => {
                    if env.is_empty() {
                        continue;
                    }
                    match first_set(env, lookup) {
                        Some(token) => return Ok(Credentials::Token(Secret::new(token))),
                        None => wanted.push(describe("a token", env)),
                    }
                }
                AuthKind::Basic {
                    username_env,
                    password_env,
                } => {
                    if username_env.is_empty() && password_env.is_empty() {
                        continue;
                    }
                    match (first_set(username_env, lookup), first_set(password_env, lookup)) {
                        (Some(username), Some(password)) => {
                            return Ok(Credentials::Basic {
                                username,
                                password: Secret::new(password),
                            })
                        }
                        (Some(_), None) => return Err(missing("the password", password_env)),
                        (None, Some(_)) => return Err(missing("the user name", username_env)),
                        (None, None) => wanted.push(format!(
                            "{} and {}",
                            describe("the user name", username_env),
                            describe("the password", password_env)
                        )),
                    }
                }
            }
        }
        if wanted.is_empty() {
            return Err(Error::invalid(
                "no credentials given, and the service names no environment variables for them",
            ));
        }
        Err(Error::InvalidRequest(format!(
            "no credentials found in the environment: set {}",
            wanted.join("; or ")
        )))
    }
}

/// The environment variables [`Credentials::from_lookup`] reads, one entry per scheme that
/// names any (`the access key (A, or B) and the secret key (C)`), for messages.
pub(crate) fn credential_env(service: &Service) -> Vec<String> {
    let mut out = Vec::new();
    for scheme in service.auth {
        match &scheme.kind {
            AuthKind::Signing {
                access_key_env,
                secret_key_env,
                ..
            } if !(access_key_env.is_empty() && secret_key_env.is_empty()) => out.push(format!(
                "{} and {}",
                describe("the access key", access_key_env),
                describe("the secret key", secret_key_env)
            )),
            AuthKind::ApiKey { env, .. } | AuthKind::Bearer { env } if !env.is_empty() => {
                out.push(describe("a token", env))
            }
            AuthKind::Basic {
                username_env,
                password_env,
            } if !(username_env.is_empty() && password_env.is_empty()) => out.push(format!(
                "{} and {}",
                describe("the user name", username_env),
                describe("the password", password_env)
            )),
            _ => {}
        }
    }
    out
}

/// The first variable of `names` whose value is set and not blank, trimmed.
pub(crate) fn first_set(
    names: &[&str],
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
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

/// Whether `scheme` takes `credentials`.
fn accepts(scheme: &AuthScheme, credentials: &Credentials) -> bool {
    matches!(
        (&scheme.kind, credentials),
        (AuthKind::ApiKey { .. } | AuthKind::Bearer { .. }, Credentials::Token(_))
            | (AuthKind::Basic { .. }, Credentials::Basic { .. })
            | (AuthKind::Signing { .. }, Credentials::AccessKey { .. })
    )
}

/// The scheme that authenticates a request with `credentials` under `requirement`
/// (alternatives, each a list of scheme names): `Ok(None)` when the request goes without
/// authentication.
pub fn select_scheme(
    service: &'static Service,
    requirement: &[&[&str]],
    credentials: &Credentials,
) -> Result<Option<&'static AuthScheme>, Error> {
    // No requirement at all needs no authentication, as an empty alternative does.
    let mut allows_none = requirement.is_empty();
    for alternative in requirement {
        match alternative {
            [] => allows_none = true,
            [name] => {
                if let Some(scheme) = service.scheme(name) {
                    if accepts(scheme, credentials) {
                        return Ok(Some(scheme));
                    }
                }
            }
            // Lowering rejects requirements that combine schemes.
            _ => {}
        }
    }
    if allows_none {
        return Ok(None);
    }
    let accepted: Vec<&str> = requirement.iter().flat_map(|a| a.iter().copied()).collect();
    Err(Error::InvalidRequest(format!(
        "the operation accepts the security scheme{} {}, which {} not take {}",
        if accepted.len() == 1 { "" } else { "s" },
        accepted.join(", "),
        if accepted.len() == 1 { "does" } else { "do" },
        credentials.kind()
    )))
}

/// Checks a token against the length limits of `scheme` (an `apiKey` scheme's value schema).
/// The errors name where the token goes and its length, never the value.
pub fn check_token(scheme: &AuthScheme, token: &Secret) -> Result<(), Error> {
    if token.expose().trim().is_empty() {
        return Err(Error::invalid("the token is empty"));
    }
    if let AuthKind::ApiKey {
        location,
        name,
        min_length,
        max_length,
        ..
    } = &scheme.kind
    {
        let prefix = match location {
            KeyLocation::Header => "header",
            KeyLocation::Query => "query",
        };
        validate_secret(prefix, name, token.expose(), *min_length, *max_length)
            .map_err(Error::Validation)?;
    }
    Ok(())
}

/// Authenticates `request` in place with `credentials` for sending at `now`: the scheme is
/// chosen from the operation's security requirement (carried by the request as an
/// [`OperationInfo`] extension; without one, the service's default requirement).
///
/// Errors (never containing a secret): credentials no accepted scheme takes, a token outside
/// its length limits, a value that cannot be a header (CR, LF, other control characters,
/// non-ASCII), an empty credential, a URI without a host.
pub fn authenticate(
    request: &mut Request<Vec<u8>>,
    service: &'static Service,
    credentials: &Credentials,
    now: SystemTime,
) -> Result<(), Error> {
    let requirement = request
        .extensions()
        .get::<OperationInfo>()
        .and_then(|info| info.security)
        .unwrap_or(service.security);
    let Some(scheme) = select_scheme(service, requirement, credentials)? else {
        return Ok(());
    };
    match (&scheme.kind, credentials) {
        (
            AuthKind::ApiKey { location, name, .. },
            Credentials::Token(token),
        ) => {
            check_token(scheme, token)?;
            match location {
                KeyLocation::Header => set_secret_header(request, name, token.expose(), "the token"),
                KeyLocation::Query => set_query(request, name, token.expose()),
            }
        }
        (AuthKind::Bearer { .. }, Credentials::Token(token)) => {
            check_token(scheme, token)?;
            let value = format!("Bearer {}", token.expose());
            set_secret_header(request, AUTHORIZATION.as_str(), &value, "the token")
        }
        (AuthKind::Basic { .. }, Credentials::Basic { username, password }) => {
            if username.contains(':') {
                return Err(Error::invalid("the user name of basic authentication contains ':'"));
            }
            let value = format!(
                "Basic {}",
                base64(format!("{username}:{}", password.expose()).as_bytes())
            );
            set_secret_header(request, AUTHORIZATION.as_str(), &value, "the user name or password")
        }
        (
            AuthKind::Signing { sign, .. },
            Credentials::AccessKey {
                access_key,
                secret_key,
                security_token,
            },
        ) => sign(request, access_key, secret_key, security_token.as_ref(), now),
        _ => Err(Error::invalid("the credentials do not fit the security scheme")),
    }
}

/// Sets a header carrying a secret, marked sensitive; the error names the header, not the value.
fn set_secret_header(
    request: &mut Request<Vec<u8>>,
    name: &str,
    value: &str,
    what: &str,
) -> Result<(), Error> {
    let header = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::InvalidRequest(format!("invalid header name {name:?}")))?;
    let mut value = header_value(value, name, what)?;
    value.set_sensitive(true);
    request.headers_mut().insert(header, value);
    Ok(())
}

/// Sets the query parameter `name` (replacing any earlier value), keeping the query canonical.
fn set_query(request: &mut Request<Vec<u8>>, name: &str, value: &str) -> Result<(), Error> {
    let mut pairs = request.uri().query().map(parse_query).unwrap_or_default();
    pairs.retain(|(k, _)| k.as_slice() != name.as_bytes());
    pairs.push((name.as_bytes().to_vec(), value.as_bytes().to_vec()));
    let path_and_query = format!("{}?{}", request.uri().path(), canonical_query(&pairs));
    let mut parts = request.uri().clone().into_parts();
    parts.path_and_query = Some(
        http::uri::PathAndQuery::try_from(path_and_query)
            .map_err(|_| Error::invalid("cannot add the API key to the query string"))?,
    );
    *request.uri_mut() = http::Uri::from_parts(parts)
        .map_err(|_| Error::invalid("cannot add the API key to the query string"))?;
    Ok(())
}

/// A header value for a credential-related header (checked like every header value), or an
/// error naming the header and what it carries, never the value.
pub(crate) fn header_value(value: &str, header: &str, what: &str) -> Result<HeaderValue, Error> {
    checked_header_value(value).ok_or_else(|| invalid_header_value(header, what))
}

/// The error of a value that cannot be the header `header`: it names what the value carries,
/// never the value.
pub(crate) fn invalid_header_value(header: &str, what: &str) -> Error {
    Error::InvalidRequest(format!(
        "header {header}: {what} contains CR, LF, non-ASCII or other characters not allowed in a header value"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::service::TEST_SERVICE;
    use std::time::UNIX_EPOCH;

    fn request() -> Request<Vec<u8>> {
        let mut request = Request::new(Vec::new());
        *request.uri_mut() = "https://api.north-1.example.com/v1/items?b=2&a=1"
            .parse()
            .unwrap();
        request
    }

    #[test]
    fn header_api_key_is_set_sensitive_and_checked() {
        let mut r = request();
        authenticate(&mut r, &TEST_SERVICE, &Credentials::token("tok-1"), UNIX_EPOCH).unwrap();
        assert_eq!(r.headers()["x-api-token"], "tok-1");
        assert!(r.headers()["x-api-token"].is_sensitive());
        assert!(!format!("{r:?}").contains("tok-1"));

        let long = "x".repeat(65);
        let err = authenticate(&mut request(), &TEST_SERVICE, &Credentials::token(&long), UNIX_EPOCH)
            .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("header.X-Api-Token"), "{message}");
        assert!(!message.contains(&long), "{message}");

        for bad in ["tok\r\nX-Evil: 1", "tök", " "] {
            let err = authenticate(&mut request(), &TEST_SERVICE, &Credentials::token(bad), UNIX_EPOCH)
                .unwrap_err();
            assert!(!err.to_string().contains(bad.trim()) || bad.trim().is_empty(), "{err}");
        }
    }

    #[test]
    fn the_operation_requirement_chooses_the_scheme() {
        static QUERY_ONLY: &[&[&str]] = &[&["key"]];
        let mut r = request();
        r.extensions_mut().insert(OperationInfo {
            name: "list",
            security: Some(QUERY_ONLY),
        });
        authenticate(&mut r, &TEST_SERVICE, &Credentials::token("k&1"), UNIX_EPOCH).unwrap();
        assert_eq!(r.uri().query(), Some("a=1&api_key=k%261&b=2"));
        assert!(!r.headers().contains_key("x-api-token"));
        // Again (a retry): the key is replaced, not repeated.
        authenticate(&mut r, &TEST_SERVICE, &Credentials::token("k2"), UNIX_EPOCH).unwrap();
        assert_eq!(r.uri().query(), Some("a=1&api_key=k2&b=2"));

        // No requirement at all needs no authentication either.
        assert!(select_scheme(&TEST_SERVICE, &[], &Credentials::token("tok"))
            .unwrap()
            .is_none());
        static NONE: &[&[&str]] = &[&[]];
        let mut r = request();
        r.extensions_mut().insert(OperationInfo {
            name: "health",
            security: Some(NONE),
        });
        authenticate(&mut r, &TEST_SERVICE, &Credentials::token("tok"), UNIX_EPOCH).unwrap();
        assert!(!r.headers().contains_key("x-api-token"));
        assert_eq!(r.uri().query(), Some("b=2&a=1"));

        let err = authenticate(
            &mut request(),
            &TEST_SERVICE,
            &Credentials::basic("u", "p"),
            UNIX_EPOCH,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid request: the operation accepts the security scheme token, which does not take a user name and password"
        );
    }

    #[test]
    fn bearer_and_basic() {
        static SERVICE: Service = Service {
            auth: &[
                AuthScheme {
                    name: "bearer",
                    kind: AuthKind::Bearer { env: &["T"] },
                },
                AuthScheme {
                    name: "basic",
                    kind: AuthKind::Basic {
                        username_env: &["U"],
                        password_env: &["P"],
                    },
                },
            ],
            security: &[&["bearer"], &["basic"]],
            ..TEST_SERVICE
        };
        let mut r = request();
        authenticate(&mut r, &SERVICE, &Credentials::token("abc"), UNIX_EPOCH).unwrap();
        assert_eq!(r.headers()["authorization"], "Bearer abc");
        assert!(r.headers()["authorization"].is_sensitive());
        let mut r = request();
        authenticate(&mut r, &SERVICE, &Credentials::basic("Aladdin", "open sesame"), UNIX_EPOCH)
            .unwrap();
        assert_eq!(r.headers()["authorization"], "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let err = authenticate(&mut request(), &SERVICE, &Credentials::basic("a:b", "p"), UNIX_EPOCH)
            .unwrap_err();
        assert!(err.to_string().contains("':'"));

        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(
            Credentials::from_lookup(&SERVICE, env(&[("U", "u"), ("P", "p")])).unwrap(),
            Credentials::basic("u", "p")
        );
        assert_eq!(
            Credentials::from_lookup(&SERVICE, env(&[("T", " t "), ("U", "u"), ("P", "p")]))
                .unwrap(),
            Credentials::token("t")
        );
        let err = Credentials::from_lookup(&SERVICE, env(&[("U", "secret-user")])).unwrap_err();
        assert!(err.to_string().contains("(P)"), "{err}");
        let err = Credentials::from_lookup(&SERVICE, env(&[])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid request: no credentials found in the environment: set a token (T); or the user name (U) and the password (P)"
        );
    }

    #[test]
    fn debug_never_shows_secrets() {
        let all = [
            Credentials::ak_sk("AK", "SKVALUE"),
            Credentials::temporary("AK", "SKVALUE", "SECURITYTOKEN"),
            Credentials::token("TOKENVALUE"),
            Credentials::basic("user", "PASSWORD"),
        ];
        for credentials in all {
            let debug = format!("{credentials:?} {credentials:#?}");
            for secret in ["SKVALUE", "SECURITYTOKEN", "TOKENVALUE", "PASSWORD"] {
                assert!(!debug.contains(secret), "{debug}");
            }
            assert!(debug.contains("***"), "{debug}");
        }
        assert_eq!(format!("{:?}", Secret::new("x")), "***");
        assert_eq!(Secret::from("x").expose(), "x");
    }
}
