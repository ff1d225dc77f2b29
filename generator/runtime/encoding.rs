//! Percent-encoding, the canonical URI and query string (the query sent is the canonical one, as
//! request signing needs), lowercase hex and base64.
//!
//! One encoding is used everywhere (path segments, query keys and values, signing): every byte
//! outside `A-Z a-z 0-9 - _ . ~` becomes `%XY` with upper-case hex digits. The query string sent
//! on the wire is the canonical query string, so what is signed is exactly what is sent.

/// Whether `b` is left as is by [`percent_encode`] (`A-Z a-z 0-9 - _ . ~`).
pub fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Percent-encodes `bytes`, leaving only `A-Z a-z 0-9 - _ . ~` unencoded (upper-case hex).
pub fn percent_encode(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

/// Decodes `%XY` escapes (either hex case). A `%` not followed by two hex digits is kept as is;
/// `+` is not treated as a space.
pub fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&c| hex_value(c)),
                bytes.get(i + 2).and_then(|&c| hex_value(c)),
            ) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Lowercase hex of `bytes`.
pub fn hex_lower(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// Standard base64 (RFC 4648, with `=` padding) of `bytes`.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 0x3f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The canonical URI of a request path: the path percent-decoded, split on `/`, each segment
/// percent-encoded, joined with `/`, always ending in `/`.
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode(path);
    let mut out = decoded
        .split(|&b| b == b'/')
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("/");
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The canonical query string: pairs sorted by (unencoded) key then value, each key and value
/// percent-encoded, `k=v` joined with `&`; empty for no pairs.
pub fn canonical_query<K: AsRef<[u8]>, V: AsRef<[u8]>>(pairs: &[(K, V)]) -> String {
    let mut sorted: Vec<(&[u8], &[u8])> = pairs
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Splits a raw query string (without `?`) into decoded key/value pairs. Empty pieces (`a=1&&b`)
/// are skipped; a piece without `=` has an empty value.
pub fn parse_query(query: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| match piece.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(piece), Vec::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected, "{input}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn encodes_only_reserved_bytes_with_upper_case_hex() {
        assert_eq!(percent_encode(b"AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(
            percent_encode(b"a b/c?d#e&f=g+h%"),
            "a%20b%2Fc%3Fd%23e%26f%3Dg%2Bh%25"
        );
        assert_eq!(percent_encode("é中".as_bytes()), "%C3%A9%E4%B8%AD");
        assert_eq!(percent_encode(&[0x00, 0x0a, 0x0d, 0xff]), "%00%0A%0D%FF");
    }

    #[test]
    fn decodes_escapes_and_keeps_malformed_ones() {
        assert_eq!(percent_decode("a%20b%2f%2F"), b"a b//");
        assert_eq!(percent_decode("100%"), b"100%");
        assert_eq!(percent_decode("%4"), b"%4");
        assert_eq!(percent_decode("%zz%41"), b"%zzA");
        assert_eq!(percent_decode("a+b"), b"a+b");
        assert_eq!(percent_decode(""), b"");
    }

    #[test]
    fn encode_decode_round_trip() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(percent_decode(&percent_encode(&all)), all);
    }

    #[test]
    fn hex_is_lowercase() {
        assert_eq!(hex_lower(&[0x00, 0xab, 0xff, 0x10]), "00abff10");
        assert_eq!(hex_lower(&[]), "");
    }

    #[test]
    fn canonical_uri_always_ends_in_slash() {
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(
            canonical_uri("/v5/0123456789abcdef0123456789abcdef/common/task"),
            "/v5/0123456789abcdef0123456789abcdef/common/task/"
        );
        assert_eq!(canonical_uri("/v5/p/"), "/v5/p/");
    }

    #[test]
    fn canonical_uri_decodes_then_reencodes_each_segment() {
        // Lower-case escapes and over-encoded unreserved characters are normalised.
        assert_eq!(canonical_uri("/v5/a%2db%7e/x"), "/v5/a-b~/x/");
        assert_eq!(canonical_uri("/v5/a%20b/%e4%b8%ad"), "/v5/a%20b/%E4%B8%AD/");
        // Characters the wire path may carry unencoded are encoded in the canonical form.
        assert_eq!(canonical_uri("/v5/a:b@c"), "/v5/a%3Ab%40c/");
        // An encoded slash is decoded first, so it splits the segment (as the vendor SDK does).
        assert_eq!(canonical_uri("/v5/a%2Fb"), "/v5/a/b/");
    }

    #[test]
    fn canonical_query_sorts_by_key_then_value_and_encodes() {
        let empty: [(&str, &str); 0] = [];
        assert_eq!(canonical_query(&empty), "");
        assert_eq!(
            canonical_query(&[("scope", "0")]),
            "scope=0"
        );
        assert_eq!(
            canonical_query(&[("b", "2"), ("a", "z"), ("a", "y y"), ("c", "")]),
            "a=y%20y&a=z&b=2&c="
        );
        assert_eq!(
            canonical_query(&[("k/ey", "v&=?中")]),
            "k%2Fey=v%26%3D%3F%E4%B8%AD"
        );
    }

    #[test]
    fn parse_query_round_trips_through_canonical_query() {
        let pairs = parse_query("b=2&a=y%20y&&a=z&c&d=");
        assert_eq!(
            pairs,
            vec![
                (b"b".to_vec(), b"2".to_vec()),
                (b"a".to_vec(), b"y y".to_vec()),
                (b"a".to_vec(), b"z".to_vec()),
                (b"c".to_vec(), b"".to_vec()),
                (b"d".to_vec(), b"".to_vec()),
            ]
        );
        assert_eq!(canonical_query(&pairs), "a=y%20y&a=z&b=2&c=&d=");
    }
}
