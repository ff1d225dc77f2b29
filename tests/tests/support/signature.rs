//! SDK-HMAC-SHA256 verification written from the description in REFERENCE.md, independently of
//! the generated runtime: it rebuilds the canonical request from what the server received and
//! recomputes the HMAC with the `hmac` and `sha2` crates.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::server::Received;

/// The parts of an `Authorization: SDK-HMAC-SHA256 ...` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    pub access: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

/// Parses `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex`.
pub fn parse_authorization(value: &str) -> Result<Authorization, String> {
    let rest = value
        .strip_prefix("SDK-HMAC-SHA256 ")
        .ok_or_else(|| format!("not SDK-HMAC-SHA256: {value}"))?;
    let mut access = None;
    let mut signed = None;
    let mut signature = None;
    for part in rest.split(", ") {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("bad part {part:?}"))?;
        match k {
            "Access" => access = Some(v.to_owned()),
            "SignedHeaders" => signed = Some(v.split(';').map(str::to_owned).collect()),
            "Signature" => signature = Some(v.to_owned()),
            other => return Err(format!("unexpected part {other}")),
        }
    }
    Ok(Authorization {
        access: access.ok_or("no Access")?,
        signed_headers: signed.ok_or("no SignedHeaders")?,
        signature: signature.ok_or("no Signature")?,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// `%XX` sequences decoded to bytes (`+` is left alone).
fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (unhex(b[i + 1]), unhex(b[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// Every byte except `A-Z a-z 0-9 - _ . ~` as `%XX` (upper-case hex).
fn encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &c in bytes {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// The canonical URI: the path decoded, split on `/`, each segment encoded, always ending in `/`.
pub fn canonical_uri(path: &str) -> String {
    let mut uri = percent_decode(path)
        .split(|&b| b == b'/')
        .map(encode)
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The canonical query: pairs decoded, sorted by (decoded) key then value, re-encoded, `k=v`
/// joined by `&`.
pub fn canonical_query(query: Option<&str>) -> String {
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return String::new();
    };
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The canonical request of what the server received, for these signed headers.
pub fn canonical_request(r: &Received, signed_headers: &[String]) -> Result<String, String> {
    let mut headers = String::new();
    for name in signed_headers {
        let values = r.header_all(name);
        if values.is_empty() {
            return Err(format!("signed header {name} was not received"));
        }
        let values: Vec<&str> = values.iter().map(|v| v.trim()).collect();
        headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    Ok(format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        r.method.to_ascii_uppercase(),
        canonical_uri(r.path()),
        canonical_query(r.query()),
        headers,
        signed_headers.join(";"),
        hex(&Sha256::digest(&r.body))
    ))
}

/// The signature of a canonical request at `date` with `sk`.
pub fn signature(canonical: &str, date: &str, sk: &str) -> String {
    let string_to_sign = format!(
        "SDK-HMAC-SHA256\n{date}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(sk.as_bytes()).expect("any key length");
    mac.update(string_to_sign.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// Verifies the request's signature for `ak`/`sk`; returns the parsed `Authorization`.
pub fn verify(r: &Received, ak: &str, sk: &str) -> Result<Authorization, String> {
    let auth = parse_authorization(r.header("authorization").ok_or("no Authorization header")?)?;
    if auth.access != ak {
        return Err(format!("Access is {}, expected {ak}", auth.access));
    }
    // The list is lowercase, sorted, without `_`, and names every header that must be signed.
    let mut sorted = auth.signed_headers.clone();
    sorted.sort();
    if sorted != auth.signed_headers {
        return Err("SignedHeaders is not sorted".into());
    }
    for name in &auth.signed_headers {
        if name.contains('_') || *name != name.to_ascii_lowercase() {
            return Err(format!("bad signed header name {name}"));
        }
    }
    for required in ["host", "x-sdk-date"] {
        if !auth.signed_headers.iter().any(|n| n == required) {
            return Err(format!("{required} is not signed"));
        }
    }
    let date = r.header("x-sdk-date").ok_or("no X-Sdk-Date")?;
    let canonical = canonical_request(r, &auth.signed_headers)?;
    let expected = signature(&canonical, date, sk);
    if expected != auth.signature {
        return Err(format!(
            "signature mismatch: got {}, computed {expected} over\n{canonical}",
            auth.signature
        ));
    }
    Ok(auth)
}
