//! A hand-written HTTP/1.1 server for tests: it accepts connections on 127.0.0.1, reads one
//! request per connection (request line, headers, `Content-Length` body), records it exactly as
//! received, and answers with the next scripted [`Reply`] (then closes the connection).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Received {
    /// The method, as sent.
    pub method: String,
    /// The request target (path and query), as sent.
    pub target: String,
    /// The HTTP version token (`HTTP/1.1`).
    pub version: String,
    /// Header lines in order: (name lowercased, value as sent).
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
    /// When the request was fully read.
    pub at: Instant,
}

impl Received {
    /// The path part of the target.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The query part of the target, if any.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// The first value of a header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header, in order.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The sorted, deduplicated header names.
    pub fn header_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }

    /// The body as text.
    pub fn body_text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("the request body is UTF-8")
    }
}

/// What the server does after reading a request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Send this response, then close.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Send nothing; keep the connection open for this long.
    Hang(Duration),
}

impl Reply {
    /// A JSON response with an `X-Request-Id`.
    pub fn json(status: u16, request_id: &str, body: &str) -> Reply {
        Reply::raw(status, "application/json", body).header("X-Request-Id", request_id)
    }

    /// A response with this content type and body.
    pub fn raw(status: u16, content_type: &str, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A response with no body at all.
    pub fn empty(status: u16, request_id: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("X-Request-Id".into(), request_id.into())],
            body: Vec::new(),
        }
    }

    /// The same response with one more header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// A server that never answers (for a minute).
    pub fn hang() -> Reply {
        Reply::Hang(Duration::from_secs(60))
    }
}

fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown")
}

/// A running server. Dropping the test's runtime stops it.
pub struct Server {
    url: String,
    port: u16,
    replies: Arc<Mutex<VecDeque<Reply>>>,
    received: Arc<Mutex<Vec<Received>>>,
    connections: Arc<AtomicUsize>,
}

impl Server {
    /// Starts a server answering with `replies` in order (a 599 once they run out).
    pub async fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("local addr").port();
        let server = Server {
            url: format!("http://127.0.0.1:{port}"),
            port,
            replies: Arc::new(Mutex::new(replies.into())),
            received: Arc::new(Mutex::new(Vec::new())),
            connections: Arc::new(AtomicUsize::new(0)),
        };
        let (replies, received, connections) = (
            server.replies.clone(),
            server.received.clone(),
            server.connections.clone(),
        );
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                connections.fetch_add(1, Ordering::SeqCst);
                let (replies, received) = (replies.clone(), received.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, replies, received).await;
                });
            }
        });
        server
    }

    /// The base URL (`http://127.0.0.1:{port}`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The `Host` header a client sends to this server.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The number of connections accepted so far (a request that was refused before sending
    /// opens none).
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Asserts that nothing reached the server.
    pub fn assert_untouched(&self) {
        assert_eq!(self.connections(), 0, "a connection was made");
        assert!(self.received().is_empty(), "a request was received");
    }
}

async fn serve(
    mut stream: TcpStream,
    replies: Arc<Mutex<VecDeque<Reply>>>,
    received: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.splitn(3, ' ');
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let version = parts.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while data.len() < body_start + length {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    let body = data[body_start..(body_start + length).min(data.len())].to_vec();
    received.lock().unwrap().push(Received {
        method,
        target,
        version,
        headers,
        body,
        at: Instant::now(),
    });
    let reply = replies.lock().unwrap().pop_front();
    match reply {
        Some(Reply::Hang(d)) => {
            tokio::time::sleep(d).await;
            Ok(())
        }
        Some(Reply::Respond {
            status,
            headers,
            body,
        }) => {
            let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (n, v) in &headers {
                out.push_str(&format!("{n}: {v}\r\n"));
            }
            out.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            stream.write_all(out.as_bytes()).await?;
            stream.write_all(&body).await?;
            stream.shutdown().await
        }
        None => {
            let body = "no scripted reply left";
            let out = format!(
                "HTTP/1.1 599 Unscripted\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(out.as_bytes()).await?;
            stream.shutdown().await
        }
    }
}
