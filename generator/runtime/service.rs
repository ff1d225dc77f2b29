//! What the generated code tells the runtime about its service: static tables built from the
//! spec (endpoints and regions, client settings, authentication schemes, the error body format,
//! environment variable names). The runtime reads only these tables; it knows no service of its
//! own.

/// Everything the runtime needs to know about one service. The generated crate has one, built
/// from its spec (`crate::client::SERVICE`).
#[derive(Debug)]
pub struct Service {
    /// The crate's package name.
    pub crate_name: &'static str,
    /// The crate's version.
    pub crate_version: &'static str,
    /// The default `User-Agent` header.
    pub user_agent: &'static str,
    /// Regions and their endpoints, in spec order.
    pub regions: &'static [RegionEntry],
    /// The region whose endpoint is used when none is configured.
    pub default_region: Option<&'static str>,
    /// The server used when neither an endpoint nor a region is configured and there is no
    /// default region: a URL template with its variables.
    pub default_server: Option<ServerTemplate>,
    /// The environment variable an explicit endpoint URL is read from.
    pub endpoint_env: &'static str,
    /// The environment variable a region ID is read from (only when the service has regions).
    pub region_env: Option<&'static str>,
    /// The client settings (values that operations take from the configuration).
    pub settings: &'static [Setting],
    /// The authentication schemes.
    pub auth: &'static [AuthScheme],
    /// The security requirement of operations that declare none: alternatives, each a list of
    /// scheme names that must all be satisfied (an empty list means no authentication).
    pub security: &'static [&'static [&'static str]],
    /// Where an error body keeps its code, message and request ID.
    pub errors: ErrorFormat,
}

/// A region and its endpoint URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionEntry {
    /// The region ID.
    pub id: &'static str,
    /// The endpoint URL.
    pub endpoint: &'static str,
}

/// A server URL with `{name}` variables.
#[derive(Debug, Clone, Copy)]
pub struct ServerTemplate {
    /// The URL template.
    pub url: &'static str,
    /// Its variables.
    pub variables: &'static [ServerVariable],
}

/// A variable of a [`ServerTemplate`].
#[derive(Debug, Clone, Copy)]
pub struct ServerVariable {
    /// The variable name (`{name}` in the URL).
    pub name: &'static str,
    /// The value used when none is configured.
    pub default: &'static str,
    /// The allowed values (empty: any value).
    pub allowed: &'static [&'static str],
    /// Documentation.
    pub description: &'static str,
}

/// A client setting: a value held by the configuration that operation parameters bound to it
/// take when a request leaves them unset.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    /// The setting's name (also the name of its `ClientBuilder` method).
    pub name: &'static str,
    /// Documentation.
    pub description: &'static str,
    /// Environment variables the value is read from, in order of preference.
    pub env: &'static [&'static str],
    /// A header that carries the value on every request, when the spec names one.
    pub header: Option<&'static str>,
}

/// An authentication scheme of the spec.
#[derive(Debug, Clone, Copy)]
pub struct AuthScheme {
    /// The scheme's name in the spec.
    pub name: &'static str,
    /// How it authenticates a request.
    pub kind: AuthKind,
}

/// How a scheme authenticates a request.
#[derive(Debug, Clone, Copy)]
pub enum AuthKind {
    /// A secret sent verbatim (`apiKey`): takes [`Credentials::Token`](super::Credentials::Token).
    ApiKey {
        /// Where the secret goes.
        location: KeyLocation,
        /// The header or query parameter name.
        name: &'static str,
        /// Length limits of the secret, in characters.
        min_length: Option<u64>,
        /// Length limits of the secret, in characters.
        max_length: Option<u64>,
        /// Environment variables the secret is read from.
        env: &'static [&'static str],
    },
    /// `http` bearer: `Authorization: Bearer {token}`; takes
    /// [`Credentials::Token`](super::Credentials::Token).
    Bearer {
        /// Environment variables the token is read from.
        env: &'static [&'static str],
    },
    /// `http` basic: `Authorization: Basic {base64(username:password)}`; takes
    /// [`Credentials::Basic`](super::Credentials::Basic).
    Basic {
        /// Environment variables of the user name.
        username_env: &'static [&'static str],
        /// Environment variables of the password.
        password_env: &'static [&'static str],
    },
    /// Request signing with an access key; takes
    /// [`Credentials::AccessKey`](super::Credentials::AccessKey).
    Signing {
        /// The signing function.
        sign: SignFn,
        /// Environment variables of the access key ID.
        access_key_env: &'static [&'static str],
        /// Environment variables of the secret key.
        secret_key_env: &'static [&'static str],
        /// Environment variables of the security token of temporary credentials.
        security_token_env: &'static [&'static str],
    },
}

/// A signing function: signs `request` at `now` with the access key, secret key and optional
/// security token.
pub type SignFn = fn(
    &mut http::Request<Vec<u8>>,
    &str,
    &super::auth::Secret,
    Option<&super::auth::Secret>,
    std::time::SystemTime,
) -> Result<(), super::Error>;

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
}

/// Where an error body (JSON) keeps its fields. Each list holds dotted paths (`error.code`),
/// tried in order; the first that names a string, number or boolean wins.
#[derive(Debug, Clone, Copy)]
pub struct ErrorFormat {
    /// The error code.
    pub code: &'static [&'static str],
    /// The error message.
    pub message: &'static [&'static str],
    /// The request ID, when the body carries one.
    pub request_id: &'static [&'static str],
    /// Response headers that carry the request ID, in order of preference.
    pub request_id_headers: &'static [&'static str],
}

impl ErrorFormat {
    /// A format that knows no field: the status is the code, the body text the message.
    pub const EMPTY: ErrorFormat = ErrorFormat {
        code: &[],
        message: &[],
        request_id: &[],
        request_id_headers: &[],
    };
}

impl Service {
    /// The region entry with this ID (matched without regard to case or surrounding spaces).
    pub fn region(&self, id: &str) -> Option<&'static RegionEntry> {
        let id = id.trim();
        self.regions.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// The setting with this name.
    pub fn setting(&self, name: &str) -> Option<&'static Setting> {
        self.settings.iter().find(|s| s.name == name)
    }

    /// The scheme with this name.
    pub fn scheme(&self, name: &str) -> Option<&'static AuthScheme> {
        self.auth.iter().find(|s| s.name == name)
    }
}

/// A small service for the runtime's own unit tests: two regions, one setting carried in a
/// header, a token scheme and a query key, and a two-field error format.
#[cfg(test)]
pub(crate) static TEST_SERVICE: Service = Service {
    crate_name: "example-client",
    crate_version: "1.2.3",
    user_agent: "example-client/1.2.3",
    regions: &[
        RegionEntry {
            id: "north-1",
            endpoint: "https://api.north-1.example.com",
        },
        RegionEntry {
            id: "south-1",
            endpoint: "https://api.south-1.example.com",
        },
    ],
    default_region: Some("north-1"),
    default_server: None,
    endpoint_env: "EXAMPLE_ENDPOINT",
    region_env: Some("EXAMPLE_REGION"),
    settings: &[Setting {
        name: "tenant_id",
        description: "The tenant.",
        env: &["EXAMPLE_TENANT_ID"],
        header: Some("X-Tenant-Id"),
    }],
    auth: &[
        AuthScheme {
            name: "token",
            kind: AuthKind::ApiKey {
                location: KeyLocation::Header,
                name: "X-Api-Token",
                min_length: Some(1),
                max_length: Some(64),
                env: &["EXAMPLE_TOKEN"],
            },
        },
        AuthScheme {
            name: "key",
            kind: AuthKind::ApiKey {
                location: KeyLocation::Query,
                name: "api_key",
                min_length: None,
                max_length: None,
                env: &[],
            },
        },
    ],
    security: &[&["token"]],
    errors: ErrorFormat {
        code: &["code", "error.code"],
        message: &["message", "error.message"],
        request_id: &["request_id"],
        request_id_headers: &["X-Request-Id"],
    },
};
