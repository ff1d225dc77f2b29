//! The client builder, endpoint resolution, the environment, and (feature `transport`) the
//! client that sends operations. Everything here is driven by the service's tables
//! ([`Service`]); the generated crate adds one method per operation and per client setting.
//!
//! The endpoint is the first of:
//! 1. an explicit endpoint URL ([`ClientBuilder::endpoint_url`]);
//! 2. a region given in code ([`ClientBuilder::region_id`]): its endpoint from the region table
//!    (an ID not in the table is an error that says how to give the endpoint instead);
//! 3. with [`ClientBuilder::from_env`]: the endpoint variable, then the region variable;
//! 4. the default region's endpoint;
//! 5. the default server URL, its variables set with [`ClientBuilder::server_variable`] or
//!    taking their defaults.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use http::{HeaderMap, Method, Request, StatusCode};

use super::auth::{check_token, first_set, select_scheme, Credentials};
use super::config::{Config, Endpoint, PreparedHeaders};
use super::error::Error;
use super::request::Response;
use super::retry::RetryPolicy;
use super::service::Service;

/// Default connect timeout: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default timeout of one attempt (connect, send, receive): 60 s.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// One operation of the API: its request type implements this, with the steps that build its
/// HTTP request and parse the answer. Neither step needs the bundled transport.
pub trait Operation {
    /// The typed body of a successful answer.
    type Output;
    /// The operation's ID in the spec.
    const NAME: &'static str;
    /// The HTTP method.
    const METHOD: Method;
    /// The path template; `{name}` placeholders are filled from path parameters.
    const PATH_TEMPLATE: &'static str;
    /// Whether repeating the request is harmless (by its HTTP method). Only throttled and
    /// never-sent attempts of other requests are retried, unless
    /// [`RetryPolicy::retry_non_idempotent`] is set.
    const IDEMPOTENT: bool;

    /// Validates the request and builds its HTTP request for the endpoint of `config`, not yet
    /// authenticated: call [`Config::authorize`] right before each attempt to send it.
    fn build_request(&self, config: &Config) -> Result<Request<Vec<u8>>, Error>;

    /// Turns the answer into the typed body, or the service's error.
    fn parse_response(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Response<Self::Output>, Error>;
}

/// A region ID that is not in the region table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRegion {
    id: String,
    /// The environment variable [`ClientBuilder::from_env`] reads an endpoint from, when known.
    endpoint_env: Option<&'static str>,
}

impl UnknownRegion {
    /// The error for `id` (kept to at most 64 characters).
    #[must_use]
    pub fn new(id: &str) -> Self {
        UnknownRegion {
            id: id.chars().take(64).collect(),
            endpoint_env: None,
        }
    }

    /// The error for `id` in `service`: its message names the service's endpoint environment
    /// variable.
    #[must_use]
    pub fn in_service(id: &str, service: &'static Service) -> Self {
        UnknownRegion {
            endpoint_env: Some(service.endpoint_env),
            ..UnknownRegion::new(id)
        }
    }

    /// The ID that was not found.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl fmt::Display for UnknownRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown region ID {:?} (not in the region table); give its endpoint URL instead: `ClientBuilder::endpoint_url`, or ",
            self.id
        )?;
        match self.endpoint_env {
            Some(name) => write!(f, "{name} with `ClientBuilder::from_env`"),
            None => f.write_str("the endpoint environment variable with `ClientBuilder::from_env`"),
        }
    }
}

/// Where a client setting's value can come from, for messages: its `ClientBuilder` method and
/// the environment variables [`ClientBuilder::from_env`] reads it from (as the service's table
/// lists them).
pub(crate) fn setting_sources(setting: &str, env: &[&str]) -> String {
    let method = format!("`ClientBuilder::{setting}`");
    match env {
        [] => method,
        [one] => format!(
            "{method}, or the environment variable {one} with `ClientBuilder::from_env`"
        ),
        many => format!(
            "{method}, or one of the environment variables {} with `ClientBuilder::from_env`",
            many.join(", ")
        ),
    }
}

impl std::error::Error for UnknownRegion {}

impl From<UnknownRegion> for Error {
    fn from(e: UnknownRegion) -> Self {
        Error::InvalidRequest(e.to_string())
    }
}

/// Builds a `Client` (or just its [`Config`]). Every setter is optional; what is not set
/// comes from the environment (with [`ClientBuilder::from_env`]) or the service's defaults.
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    service: &'static Service,
    endpoint: Option<String>,
    region: Option<String>,
    server_variables: BTreeMap<String, String>,
    credentials: Option<Credentials>,
    settings: BTreeMap<String, String>,
    from_env: bool,
    connect_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
    retry_policy: Option<RetryPolicy>,
    user_agent: Option<String>,
}

impl ClientBuilder {
    /// A builder for `service` with nothing set.
    #[must_use]
    pub fn for_service(service: &'static Service) -> Self {
        ClientBuilder {
            service,
            endpoint: None,
            region: None,
            server_variables: BTreeMap::new(),
            credentials: None,
            settings: BTreeMap::new(),
            from_env: false,
            connect_timeout: None,
            request_timeout: None,
            retry_policy: None,
            user_agent: None,
        }
    }

    /// Sends requests to the endpoint of the region with this ID. An ID that is not in the
    /// region table is an error when the client is built, unless an explicit endpoint is given
    /// (which is then used, whatever the region).
    #[must_use]
    pub fn region_id(mut self, id: impl Into<String>) -> Self {
        self.region = Some(id.into());
        self
    }

    /// Sends requests to this base URL (`https://host`, `https://host/base`, or
    /// `http://127.0.0.1:8080` in tests), whatever the region.
    #[must_use]
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Sets a variable of the default server URL (see [`Service::default_server`]).
    #[must_use]
    pub fn server_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.server_variables.insert(name.into(), value.into());
        self
    }

    /// The credentials.
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sets the client setting `name` (see [`Config::setting`]); the generated crate has a
    /// method of the setting's own name for each.
    #[must_use]
    pub fn setting(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.settings.insert(name.into(), value.into());
        self
    }

    /// Reads from the environment, when the configuration is built: the credentials (from the
    /// variables each security scheme names) and the client settings, unless given
    /// explicitly; an endpoint URL or a region ID, unless an endpoint or region is given in
    /// code.
    #[must_use]
    pub fn from_env(mut self) -> Self {
        self.from_env = true;
        self
    }

    /// The connect timeout (default 10 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The timeout of one attempt: connect, send and receive (default 60 s).
    #[must_use]
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// The `User-Agent` header (default: the service's, the crate name and version).
    #[must_use]
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The configuration, without a client: for building requests with each operation's
    /// `build_request` and sending them through an HTTP stack of your own.
    ///
    /// Errors: an unknown region ID without an explicit endpoint, no endpoint at all, a bad
    /// endpoint URL or server variable, missing credentials, a token its scheme does not
    /// allow, an unknown setting or a setting value that cannot be sent.
    pub fn build_config(self) -> Result<Config, Error> {
        self.build_config_with(&|name| std::env::var(name).ok())
    }

    /// [`ClientBuilder::build_config`] with `lookup` in place of the process environment.
    pub fn build_config_with(self, lookup: &dyn Fn(&str) -> Option<String>) -> Result<Config, Error> {
        let service = self.service;
        let endpoint = Endpoint::parse(&self.resolve_endpoint(lookup)?)?;
        let credentials = match self.credentials {
            Some(credentials) => credentials,
            None if self.from_env => Credentials::from_lookup(service, lookup)?,
            None if service.auth.is_empty() => Credentials::Anonymous,
            None => {
                let env = super::auth::credential_env(service);
                return Err(Error::InvalidRequest(format!(
                    "no credentials: give them with `ClientBuilder::credentials`, or read them from the environment with `ClientBuilder::from_env`{}",
                    if env.is_empty() {
                        String::new()
                    } else {
                        format!(" (it reads {})", env.join("; or "))
                    }
                )));
            }
        };
        if let Credentials::Token(token) = &credentials {
            if let Ok(Some(scheme)) = select_scheme(service, service.security, &credentials) {
                check_token(scheme, token)?;
            }
        }
        let mut settings = BTreeMap::new();
        for (name, value) in self.settings {
            let Some(setting) = service.setting(&name) else {
                let known: Vec<&str> = service.settings.iter().map(|s| s.name).collect();
                return Err(Error::InvalidRequest(format!(
                    "unknown client setting {:?} (the settings are: {})",
                    name.chars().take(64).collect::<String>(),
                    if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                )));
            };
            settings.insert(setting.name, value);
        }
        if self.from_env {
            for setting in service.settings {
                if !settings.contains_key(setting.name) {
                    if let Some(value) = first_set(setting.env, lookup) {
                        settings.insert(setting.name, value);
                    }
                }
            }
        }
        for (name, value) in &settings {
            let setting = service.setting(name);
            if value.is_empty() {
                return Err(Error::InvalidRequest(format!(
                    "the setting {name} is empty: give a value with {}",
                    setting_sources(name, setting.map_or(&[], |s| s.env))
                )));
            }
            // A setting bound to a header is checked as a header value by `PreparedHeaders`.
        }
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
            .unwrap_or_else(|| service.user_agent.to_owned());
        let headers = PreparedHeaders::new(service, &endpoint, &user_agent, &settings)?;
        Ok(Config {
            service,
            endpoint,
            credentials,
            settings,
            connect_timeout,
            request_timeout,
            retry_policy,
            user_agent,
            headers,
        })
    }

    /// The endpoint URL, by the precedence in the module docs.
    fn resolve_endpoint(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String, Error> {
        let service = self.service;
        let region = |id: &str| -> Result<String, Error> {
            match service.region(id) {
                Some(region) => Ok(region.endpoint.to_owned()),
                None => Err(UnknownRegion::in_service(id, service).into()),
            }
        };
        if let Some(endpoint) = &self.endpoint {
            return Ok(endpoint.clone());
        }
        if let Some(id) = &self.region {
            return region(id);
        }
        if self.from_env {
            if let Some(endpoint) = first_set(&[service.endpoint_env], lookup) {
                return Ok(endpoint);
            }
            if let Some(id) = service.region_env.and_then(|name| first_set(&[name], lookup)) {
                return region(&id);
            }
        }
        if let Some(id) = service.default_region {
            return region(id);
        }
        if let Some(server) = &service.default_server {
            let mut url = server.url.to_owned();
            for variable in server.variables {
                let value = self
                    .server_variables
                    .get(variable.name)
                    .map(String::as_str)
                    .unwrap_or(variable.default);
                if !variable.allowed.is_empty() && !variable.allowed.contains(&value) {
                    return Err(Error::InvalidRequest(format!(
                        "server variable {}: {:?} is not one of {}",
                        variable.name,
                        value.chars().take(64).collect::<String>(),
                        variable.allowed.join(", ")
                    )));
                }
                url = url.replace(&format!("{{{}}}", variable.name), value);
            }
            if let Some(unknown) = self
                .server_variables
                .keys()
                .find(|name| !server.variables.iter().any(|v| v.name == name.as_str()))
            {
                return Err(Error::InvalidRequest(format!(
                    "the server URL has no variable {:?}",
                    unknown.chars().take(64).collect::<String>()
                )));
            }
            return Ok(url);
        }
        Err(Error::InvalidRequest(format!(
            "no endpoint: give one with `ClientBuilder::endpoint_url`{}",
            if service.regions.is_empty() {
                format!(" (or in {} with `ClientBuilder::from_env`)", service.endpoint_env)
            } else {
                format!(
                    ", a region with `ClientBuilder::region_id` (or in {} or {} with `ClientBuilder::from_env`)",
                    service.endpoint_env,
                    service.region_env.unwrap_or_default()
                )
            }
        )))
    }

    /// Builds the client (feature `transport`).
    #[cfg(feature = "transport")]
    pub fn build(self) -> Result<Client, Error> {
        Client::new(self.build_config()?)
    }
}

/// The API client (feature `transport`): the generated crate adds one async method per
/// operation. Cloning is cheap; clones share the connection pool. `Debug` never shows a secret.
#[cfg(feature = "transport")]
#[derive(Clone, Debug)]
pub struct Client {
    http: super::transport::HttpClient,
}

#[cfg(feature = "transport")]
impl Client {
    /// A client for a configuration built elsewhere ([`ClientBuilder::build_config`]).
    pub fn new(config: Config) -> Result<Self, Error> {
        Ok(Client {
            http: super::transport::HttpClient::new(config)?,
        })
    }

    /// A client sending through an `HttpClient` built elsewhere (for instance around a
    /// `reqwest::Client` of your own).
    #[must_use]
    pub fn with_http_client(http: super::transport::HttpClient) -> Self {
        Client { http }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        self.http.config()
    }

    /// Sends `operation`: validates and builds it (nothing is sent when that fails),
    /// authenticates each attempt anew, retries as the retry policy allows, and parses the
    /// answer.
    pub async fn send<O: Operation>(&self, operation: O) -> Result<Response<O::Output>, Error> {
        let request = operation.build_request(self.http.config())?;
        self.http
            .execute_with(request, O::IDEMPOTENT, O::parse_response)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::service::{ServerTemplate, ServerVariable, TEST_SERVICE};

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    fn endpoint(builder: ClientBuilder, vars: &'static [(&'static str, &'static str)]) -> Result<String, Error> {
        builder
            .credentials(Credentials::token("t"))
            .build_config_with(&env(vars))
            .map(|c| c.endpoint().to_string())
    }

    #[test]
    fn endpoint_precedence() {
        let b = || ClientBuilder::for_service(&TEST_SERVICE);
        assert_eq!(endpoint(b(), &[]).unwrap(), "https://api.north-1.example.com");
        assert_eq!(
            endpoint(b().region_id(" South-1 "), &[]).unwrap(),
            "https://api.south-1.example.com"
        );
        assert_eq!(
            endpoint(b().region_id("nowhere-9").endpoint_url("http://127.0.0.1:9"), &[]).unwrap(),
            "http://127.0.0.1:9"
        );
        let err = endpoint(b().region_id("nowhere-9"), &[]).unwrap_err().to_string();
        assert!(err.contains("\"nowhere-9\"") && err.contains("ClientBuilder::endpoint_url"), "{err}");
        // The environment counts only with from_env, and after what code gives.
        let vars: &[(&str, &str)] = &[("EXAMPLE_REGION", "south-1")];
        assert_eq!(endpoint(b(), vars).unwrap(), "https://api.north-1.example.com");
        assert_eq!(endpoint(b().from_env(), vars).unwrap(), "https://api.south-1.example.com");
        assert_eq!(
            endpoint(b().from_env().region_id("north-1"), vars).unwrap(),
            "https://api.north-1.example.com"
        );
        let vars: &[(&str, &str)] = &[("EXAMPLE_REGION", "south-1"), ("EXAMPLE_ENDPOINT", "http://h:1")];
        assert_eq!(endpoint(b().from_env(), vars).unwrap(), "http://h:1");
        let vars: &[(&str, &str)] = &[("EXAMPLE_REGION", "mars-1")];
        assert!(endpoint(b().from_env(), vars).unwrap_err().to_string().contains("mars-1"));
    }

    #[test]
    fn default_server_with_variables() {
        static SERVICE: Service = Service {
            regions: &[],
            default_region: None,
            region_env: None,
            default_server: Some(ServerTemplate {
                url: "https://{tenant}.example.com/{version}",
                variables: &[
                    ServerVariable {
                        name: "tenant",
                        default: "demo",
                        allowed: &[],
                        description: "",
                    },
                    ServerVariable {
                        name: "version",
                        default: "v1",
                        allowed: &["v1", "v2"],
                        description: "",
                    },
                ],
            }),
            ..TEST_SERVICE
        };
        let b = || ClientBuilder::for_service(&SERVICE);
        assert_eq!(endpoint(b(), &[]).unwrap(), "https://demo.example.com/v1");
        assert_eq!(
            endpoint(b().server_variable("tenant", "acme").server_variable("version", "v2"), &[]).unwrap(),
            "https://acme.example.com/v2"
        );
        assert!(endpoint(b().server_variable("version", "v3"), &[]).unwrap_err().to_string().contains("v1, v2"));
        assert!(endpoint(b().server_variable("nope", "x"), &[]).unwrap_err().to_string().contains("nope"));

        static NONE: Service = Service {
            default_server: None,
            ..SERVICE
        };
        let err = endpoint(ClientBuilder::for_service(&NONE), &[]).unwrap_err().to_string();
        assert!(err.contains("ClientBuilder::endpoint_url") && err.contains("EXAMPLE_ENDPOINT"), "{err}");
    }

    #[test]
    fn credentials_settings_and_checks() {
        let b = || ClientBuilder::for_service(&TEST_SERVICE);
        let vars: &[(&str, &str)] = &[("EXAMPLE_TOKEN", "tok"), ("EXAMPLE_TENANT_ID", "t-9")];
        let config = b().from_env().build_config_with(&env(vars)).unwrap();
        assert_eq!(config.credentials(), &Credentials::token("tok"));
        assert_eq!(config.setting("tenant_id"), Some("t-9"));
        assert_eq!(config.user_agent(), "example-client/1.2.3");
        assert_eq!(config.connect_timeout(), DEFAULT_CONNECT_TIMEOUT);
        assert_eq!(config.request_timeout(), DEFAULT_REQUEST_TIMEOUT);
        // Code wins over the environment.
        let config = b()
            .from_env()
            .setting("tenant_id", "mine")
            .credentials(Credentials::token("code"))
            .build_config_with(&env(vars))
            .unwrap();
        assert_eq!(config.setting("tenant_id"), Some("mine"));
        assert_eq!(config.credentials(), &Credentials::token("code"));

        let err = b().build_config_with(&env(vars)).unwrap_err().to_string();
        assert!(err.contains("ClientBuilder::credentials") && err.contains("from_env"), "{err}");
        let with = |b: ClientBuilder| b.credentials(Credentials::token("t")).build_config_with(&env(&[]));
        let err = with(b().setting("tenant", "x")).unwrap_err().to_string();
        assert!(err.contains("unknown client setting \"tenant\"") && err.contains("tenant_id"), "{err}");
        assert!(with(b().setting("tenant_id", "")).is_err());
        let err = with(b().setting("tenant_id", "a\r\nb")).unwrap_err().to_string();
        assert!(err.contains("X-Tenant-Id"), "{err}");
        assert!(with(b().user_agent("a\nb")).is_err());
        assert!(with(b().connect_timeout(Duration::ZERO)).is_err());
        let zero = RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        };
        assert!(with(b().retry_policy(zero)).is_err());
        let no_time = RetryPolicy {
            total_deadline: Some(Duration::ZERO),
            ..RetryPolicy::default()
        };
        assert!(with(b().retry_policy(no_time)).is_err());
        let no_limit = RetryPolicy {
            total_deadline: None,
            ..RetryPolicy::default()
        };
        assert!(with(b().retry_policy(no_limit)).is_ok());
        // The token is checked against its scheme once, here as when it is sent.
        let long = "x".repeat(65);
        let err = b()
            .credentials(Credentials::token(long.clone()))
            .build_config_with(&env(&[]))
            .unwrap_err();
        assert!(matches!(err, Error::Validation(_)), "{err:?}");
        assert!(!err.to_string().contains(&long));
    }

    /// Each message that reports a missing or unusable piece of configuration names where to
    /// supply it, from the service's tables: builder methods and environment variables.
    #[test]
    fn errors_name_the_builder_method_and_the_environment_variable() {
        let service = &TEST_SERVICE;
        let b = || ClientBuilder::for_service(service);
        // An unknown region: the known ones, the endpoint method and the endpoint variable.
        let err = endpoint(b().region_id("mars-1"), &[]).unwrap_err().to_string();
        assert!(err.contains("\"mars-1\""), "{err}");
        assert!(err.contains("ClientBuilder::endpoint_url"), "{err}");
        assert!(err.contains(service.endpoint_env) && err.contains("from_env"), "{err}");
        // The same from the region variable.
        let err = endpoint(b().from_env(), &[("EXAMPLE_REGION", "mars-1")]).unwrap_err().to_string();
        assert!(err.contains(service.endpoint_env), "{err}");

        // No credentials: every variable from_env would have read.
        let err = b().build_config_with(&env(&[])).unwrap_err().to_string();
        for scheme in service.auth {
            if let crate::runtime::service::AuthKind::ApiKey { env, .. } = &scheme.kind {
                for name in env.iter() {
                    assert!(err.contains(name), "{name}: {err}");
                }
            }
        }

        // A setting given empty, and a missing value of a parameter bound to a setting: the
        // builder method and the setting's variables.
        for setting in service.settings {
            let err = b()
                .credentials(Credentials::token("t"))
                .setting(setting.name, "")
                .build_config_with(&env(&[]))
                .unwrap_err()
                .to_string();
            assert!(err.contains(&format!("`ClientBuilder::{}`", setting.name)), "{err}");
            for name in setting.env {
                assert!(err.contains(name), "{err}");
            }
            let mut errors = crate::runtime::validation::ValidationErrors::new();
            let root = crate::runtime::validation::Path::named("path");
            crate::runtime::validation::required_setting(&mut errors, &root.field("x"), service, setting.name);
            let text = errors.to_string();
            assert!(text.contains("path.x: required, but missing"), "{text}");
            assert!(text.contains(&format!("`ClientBuilder::{}`", setting.name)), "{text}");
            for name in setting.env {
                assert!(text.contains(name), "{text}");
            }
        }
        // A setting the service does not declare: a plain `Required`.
        let mut errors = crate::runtime::validation::ValidationErrors::new();
        let root = crate::runtime::validation::Path::named("path");
        crate::runtime::validation::required_setting(&mut errors, &root.field("x"), service, "nope");
        assert_eq!(errors.as_slice()[0].rule, crate::runtime::validation::Rule::Required);
    }
}
