//! The bundled HTTP transport (feature `transport`): reqwest, timeouts, retries. HTTPS goes
//! through rustls with feature `rustls` (a default), or through the TLS backend enabled on reqwest.
//!
//! [`HttpClient::execute`] is the one method generated operation methods call. For each attempt
//! it authorizes a fresh copy of the request (a new signature, where the scheme signs), sends it, reads
//! the body (at most [`MAX_RESPONSE_BYTES`]) and parses it with
//! [`parse_response`]; failed attempts are retried as the [`RetryPolicy`] decides. Redirects are
//! not followed (a signed POST must not be replayed elsewhere). Nothing is logged.
//!
//! [`RetryPolicy`]: super::retry::RetryPolicy

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http::{HeaderMap, Request, StatusCode};
use serde::de::DeserializeOwned;

use super::config::Config;
use super::error::{request_id, ApiError, Error};
use super::request::{parse_response, Response};
use super::retry::{jitter, run_with_retries};

/// Largest response body read (bytes); a longer one is an [`Error::Decode`].
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// An HTTP client for the API: the configuration plus a `reqwest::Client`. Cloning is cheap
/// and clones share the connection pool.
#[derive(Clone, Debug)]
pub struct HttpClient {
    config: Arc<Config>,
    client: reqwest::Client,
}

impl HttpClient {
    /// A client for `config`: its connect and request timeouts, the TLS backend of the features
    /// (rustls with the webpki roots by default),
    /// proxies from the environment (`HTTPS_PROXY`, `NO_PROXY`, ...), no redirects.
    pub fn new(config: Config) -> Result<Self, Error> {
        let client = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout())
            .timeout(config.request_timeout())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| {
                Error::InvalidRequest(format!("cannot create the HTTP client: {}", chain(&e)))
            })?;
        Ok(Self::with_client(config, client))
    }

    /// A client that sends through `client` (for proxies or TLS roots of the caller's choice).
    /// The request timeout of `config` is still applied to each attempt; the connect timeout is
    /// the one `client` was built with. Disable redirects on it.
    pub fn with_client(config: Config, client: reqwest::Client) -> Self {
        HttpClient {
            config: Arc::new(config),
            client,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends `request` (built for this client's endpoint, not yet authorized), retrying as the
    /// retry policy allows, and parses the response as JSON `T`. `idempotent` says whether
    /// repeating the operation is harmless (see [`RetryPolicy`](super::retry::RetryPolicy)).
    pub async fn execute<T: DeserializeOwned>(
        &self,
        request: Request<Vec<u8>>,
        idempotent: bool,
    ) -> Result<Response<T>, Error> {
        let errors = self.config.service().errors;
        self.execute_with(request, idempotent, move |status, headers, body| {
            parse_response(&errors, status, headers, body)
        })
        .await
    }

    /// Like [`HttpClient::execute`], with the answer parsed by `parse` (an operation's own
    /// `parse_response`). `parse` sees the successful (2xx) answer; an answer with another status
    /// is an [`Error::Api`], read with the service's error format.
    pub async fn execute_with<T>(
        &self,
        request: Request<Vec<u8>>,
        idempotent: bool,
        parse: impl Fn(StatusCode, &HeaderMap, &[u8]) -> Result<Response<T>, Error>,
    ) -> Result<Response<T>, Error> {
        let answer = self.send(request, idempotent).await?;
        parse(answer.status, &answer.headers, &answer.body)
    }

    /// Sends `request`, retrying as the policy allows, up to a successful answer or the final
    /// error. Not generic: one copy of the retry loop and of the HTTP client's future serves
    /// every operation, so the crate's compile time does not grow with them per operation.
    async fn send(&self, request: Request<Vec<u8>>, idempotent: bool) -> Result<Answer, Error> {
        run_with_retries(
            self.config.retry_policy(),
            idempotent,
            self.config.request_timeout(),
            SystemTime::now(),
            Instant::now,
            tokio::time::sleep,
            jitter,
            |timeout| self.attempt(copy_request(&request), timeout),
        )
        .await
    }

    /// One attempt within `timeout`: authorize now, send, read; a status other than 2xx is an
    /// [`Error::Api`] (which the retry policy looks at).
    async fn attempt(
        &self,
        mut request: Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Answer, Error> {
        self.config.authorize(&mut request)?;
        let mut request = reqwest::Request::try_from(request).map_err(|e| {
            Error::InvalidRequest(format!("cannot send the request: {}", chain(&e)))
        })?;
        *request.timeout_mut() = Some(timeout);
        let mut response = self.client.execute(request).await.map_err(send_error)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let errors = &self.config.service().errors;
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(body_error)? {
            if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                body.extend_from_slice(&chunk);
                return Err(Error::decode(
                    status,
                    request_id(errors, &headers),
                    &body,
                    &format!("the response body exceeds {MAX_RESPONSE_BYTES} bytes"),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        if !status.is_success() {
            return Err(Error::Api(ApiError::from_response(
                errors, status, &headers, &body,
            )));
        }
        Ok(Answer {
            status,
            headers,
            body,
        })
    }
}

/// A successful answer, read whole.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// A copy of `request` (method, URI, version, headers, body) for one attempt.
fn copy_request(request: &Request<Vec<u8>>) -> Request<Vec<u8>> {
    let mut copy = Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    *copy.extensions_mut() = request.extensions().clone();
    copy
}

/// An error from sending: a timeout, a connection failure (nothing sent), or another failure
/// after which the request may have been sent.
fn send_error(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        return Error::Timeout {
            during_connect: e.is_connect(),
        };
    }
    Error::Transport {
        message: chain(&e),
        maybe_sent: !e.is_connect(),
        source: Some(Box::new(e)),
    }
}

/// An error while reading the body: the request was sent and processed.
fn body_error(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        return Error::Timeout {
            during_connect: false,
        };
    }
    Error::Transport {
        message: format!("reading the response body: {}", chain(&e)),
        maybe_sent: true,
        source: Some(Box::new(e)),
    }
}

/// `e` and its sources, joined with `: `.
fn chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = s.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::client::ClientBuilder;
    use crate::runtime::service::TEST_SERVICE;
    use crate::runtime::{Credentials, NoContent, RequestBuilder, RetryPolicy};
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::mpsc;
    use std::time::Duration;

    /// What the test server does with one connection.
    enum Reply {
        Respond(&'static str),
        Hang(Duration),
    }

    /// Serves `replies` in order on 127.0.0.1, one per connection; sends each request's head
    /// (lowercased) and body to the returned channel.
    fn serve(replies: Vec<Reply>) -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for reply in replies {
                let Ok((mut stream, _)) = listener.accept() else {
                    return;
                };
                let (head, body) = read_request(&mut stream);
                let _ = tx.send((head, body));
                match reply {
                    Reply::Respond(response) => {
                        let _ = stream.write_all(response.as_bytes());
                    }
                    Reply::Hang(d) => std::thread::sleep(d),
                }
            }
        });
        (url, rx)
    }

    fn read_request(stream: &mut TcpStream) -> (String, Vec<u8>) {
        let mut data = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&data[..end]).to_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                while data.len() < end + 4 + length {
                    let n = stream.read(&mut buf).unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    data.extend_from_slice(&buf[..n]);
                }
                return (head, data[end + 4..].to_vec());
            }
            let n = stream.read(&mut buf).unwrap_or(0);
            if n == 0 {
                return (String::from_utf8_lossy(&data).to_lowercase(), Vec::new());
            }
            data.extend_from_slice(&buf[..n]);
        }
    }

    fn client(url: &str, retry: RetryPolicy, timeout: Duration) -> HttpClient {
        let config = ClientBuilder::for_service(&TEST_SERVICE)
            .endpoint_url(url)
            .credentials(Credentials::token("TOKENTEST"))
            .setting("tenant_id", "proj")
            .retry_policy(retry)
            .request_timeout(timeout)
            .build_config()
            .unwrap();
        HttpClient::new(config).unwrap()
    }

    fn fast_retries() -> RetryPolicy {
        RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(20),
            ..RetryPolicy::default()
        }
    }

    fn request(client: &HttpClient) -> Request<Vec<u8>> {
        RequestBuilder::new(http::Method::POST, "/v1/{tenant_id}/tasks")
            .path_param("tenant_id", client.config().setting("tenant_id").unwrap())
            .query("scope", "0")
            .json(&serde_json::json!({"task_type": "iac_scan"}))
            .build(client.config().endpoint())
            .unwrap()
    }

    fn run<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[derive(Debug, serde::Deserialize)]
    struct TaskId {
        task_id: String,
    }

    #[test]
    fn retries_throttling_then_parses_the_success() {
        let (url, requests) = serve(vec![
            Reply::Respond("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nX-Request-Id: r1\r\nContent-Length: 49\r\nConnection: close\r\n\r\n{\"error_code\":\"GW.0308\",\"error_msg\":\"throttled\"}\n"),
            Reply::Respond("HTTP/1.1 200 OK\r\nX-Request-Id: r2\r\nContent-Type: application/json\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{\"task_id\":\"t-1\"}"),
        ]);
        let client = client(&url, fast_retries(), Duration::from_secs(10));
        let response: Response<TaskId> = run(client.execute(request(&client), false)).unwrap();
        assert_eq!(response.body().task_id, "t-1");
        assert_eq!(response.request_id(), Some("r2"));
        let seen: Vec<_> = requests.try_iter().collect();
        assert_eq!(seen.len(), 2);
        for (head, body) in &seen {
            assert!(
                head.starts_with("post /v1/proj/tasks?scope=0 http/1.1"),
                "{head}"
            );
            assert!(head.contains("\r\nx-api-token: tokentest"), "{head}");
            assert!(head.contains("\r\nx-tenant-id: proj"), "{head}");
            assert_eq!(body, br#"{"task_type":"iac_scan"}"#);
        }
    }

    #[test]
    fn futures_and_errors_can_cross_threads() {
        fn assert_send<T: Send>(_: &T) {}
        fn assert_send_sync_static<T: Send + Sync + 'static>() {}
        assert_send_sync_static::<Error>();
        assert_send_sync_static::<HttpClient>();
        let client = client("http://127.0.0.1:9", fast_retries(), Duration::from_secs(1));
        let future = client.execute::<NoContent>(request(&client), false);
        assert_send(&future);
    }

    #[test]
    fn a_server_error_after_sending_a_post_is_not_retried() {
        let (url, requests) = serve(vec![Reply::Respond(
            "HTTP/1.1 500 Internal Server Error\r\nX-Request-Id: r9\r\nContent-Length: 33\r\nConnection: close\r\n\r\n{\"code\":\"SVC.500\",\"message\":\"x\"}\n",
        )]);
        let client = client(&url, fast_retries(), Duration::from_secs(10));
        let err = run(client.execute::<NoContent>(request(&client), false)).unwrap_err();
        let api = err.as_api_error().expect("api error");
        assert_eq!(api.status(), http::StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(api.error_code(), "SVC.500");
        assert_eq!(api.request_id(), Some("r9"));
        assert_eq!(requests.try_iter().count(), 1);
    }

    #[test]
    fn connection_refused_is_a_not_sent_transport_error_and_is_retried() {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = client(
            &format!("http://127.0.0.1:{port}"),
            fast_retries(),
            Duration::from_secs(10),
        );
        let err = run(client.execute::<NoContent>(request(&client), false)).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Transport {
                    maybe_sent: false,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(!err.to_string().contains("TOKENTEST"));
    }

    #[test]
    fn a_slow_answer_is_a_timeout_and_is_not_retried() {
        let (url, requests) = serve(vec![
            Reply::Hang(Duration::from_millis(1500)),
            Reply::Hang(Duration::from_millis(1500)),
        ]);
        let client = client(&url, fast_retries(), Duration::from_millis(300));
        let err = run(client.execute::<NoContent>(request(&client), false)).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Timeout {
                    during_connect: false
                }
            ),
            "{err:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(requests.try_iter().count(), 1);
    }
}
