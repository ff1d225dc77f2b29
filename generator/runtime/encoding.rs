//! Percent-encoding, the canonical URI and query string (the query sent is the canonical one, as
//! request signing needs), lowercase hex and base64.
//!
//! One encoding is used everywhere (path segments, query keys and values, signing): every byte
//! outside `A-Z a-z 0-9 - _ . ~` becomes `%XY` with upper-case hex digits. The query string sent
//! on the wire is the canonical query string, so what is signed is exactly what is sent.

/// Which bytes [`percent_encode`] leaves as is: `A-Z a-z 0-9 - _ . ~`.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~');
        b += 1;
    }
    table
};

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether `b` is left as is by [`percent_encode`] (`A-Z a-z 0-9 - _ . ~`).
pub fn is_unreserved(b: u8) -> bool {
    UNRESERVED[usize::from(b)]
}

/// The `%XY` escape of `b` (upper-case hex).
fn escape(b: u8) -> [u8; 3] {
    [
        b'%',
        UPPER_HEX[usize::from(b >> 4)],
        UPPER_HEX[usize::from(b & 0x0f)],
    ]
}

/// Percent-encodes `bytes`, leaving only `A-Z a-z 0-9 - _ . ~` unencoded (upper-case hex).
pub fn percent_encode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(percent_encoded_len(bytes));
    percent_encode_with(bytes, &mut |piece| out.extend_from_slice(piece));
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

/// [`percent_encode`] without allocating: the output goes to `out` in pieces (each run of
/// unreserved bytes at once, then one `%XY` escape at a time).
pub fn percent_encode_with(bytes: &[u8], out: &mut impl FnMut(&[u8])) {
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !is_unreserved(b) {
            if run < i {
                out(&bytes[run..i]);
            }
            out(&escape(b));
            run = i + 1;
        }
    }
    if run < bytes.len() {
        out(&bytes[run..]);
    }
}

/// The length of [`percent_encode`]`(bytes)`.
pub fn percent_encoded_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| if is_unreserved(b) { 1 } else { 3 })
        .sum()
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
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        let [high, low] = hex_pair(b);
        out.push(char::from(high));
        out.push(char::from(low));
    }
    out
}

/// Lowercase hex of a SHA-256 digest (or any 32 bytes), on the stack: one table load per byte.
pub fn hex_lower_32(bytes: &[u8; 32]) -> [u8; 64] {
    /// The two hex digits of each byte value.
    const PAIRS: [[u8; 2]; 256] = {
        let mut pairs = [[0; 2]; 256];
        let mut b = 0;
        while b < 256 {
            pairs[b] = hex_pair(b as u8);
            b += 1;
        }
        pairs
    };
    let mut out = [0; 64];
    for (pair, &b) in out.chunks_exact_mut(2).zip(bytes) {
        pair.copy_from_slice(&PAIRS[usize::from(b)]);
    }
    out
}

const fn hex_pair(b: u8) -> [u8; 2] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    [HEX[(b >> 4) as usize], HEX[(b & 0x0f) as usize]]
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
    let mut out = Vec::with_capacity(path.len() + 1);
    canonical_uri_with(path, &mut |piece| out.extend_from_slice(piece));
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

/// [`canonical_uri`] without allocating: the output goes to `out` in pieces (a path that is
/// already canonical, as the paths [`RequestBuilder`](super::RequestBuilder) builds are, in one
/// piece and a final `/` when it has none).
pub fn canonical_uri_with(path: &str, out: &mut impl FnMut(&[u8])) {
    /// The bytes a canonical path keeps as they are: unreserved bytes and `/`.
    const KEPT: [bool; 256] = {
        let mut table = UNRESERVED;
        table[b'/' as usize] = true;
        table
    };
    let bytes = path.as_bytes();
    // Bytes from `run` on are emitted as they are.
    let mut run = 0;
    let mut i = 0;
    // Whether the last byte written is `/` (set after each escape; a final run decides below).
    let mut ends_in_slash = false;
    while i < bytes.len() {
        let b = bytes[i];
        if KEPT[usize::from(b)] {
            i += 1;
            continue;
        }
        if run < i {
            out(&bytes[run..i]);
        }
        let decoded = match (b, bytes.get(i + 1..i + 3)) {
            (b'%', Some(&[h, l])) => hex_value(h).zip(hex_value(l)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        let (byte, len) = decoded.map_or((b, 1), |d| (d, 3));
        if byte == b'/' || is_unreserved(byte) {
            out(&[byte]);
        } else {
            out(&escape(byte));
        }
        ends_in_slash = byte == b'/';
        i += len;
        run = i;
    }
    if run < bytes.len() {
        out(&bytes[run..]);
        ends_in_slash = bytes[bytes.len() - 1] == b'/';
    }
    if !ends_in_slash {
        out(b"/");
    }
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

/// Whether `query` (without `?`) is already its own canonical query string, that is
/// `canonical_query(&parse_query(query)) == query`: `k=v` pairs joined with `&`, each key and
/// value percent-encoded exactly as [`percent_encode`] does, sorted by decoded key then value.
/// Checked without allocating.
pub fn is_canonical_query(query: &str) -> bool {
    if query.is_empty() {
        return true;
    }
    let mut previous: Option<(&[u8], &[u8])> = None;
    // Byte loops rather than `str` pattern searches, which cost more to set up than a short
    // query takes to scan.
    for piece in query.as_bytes().split(|&b| b == b'&') {
        let Some(eq) = piece.iter().position(|&b| b == b'=') else {
            return false;
        };
        let (key, value) = (&piece[..eq], &piece[eq + 1..]);
        if !is_canonical_component(key) || !is_canonical_component(value) {
            return false;
        }
        if let Some((previous_key, previous_value)) = previous {
            let order = decoded(previous_key)
                .cmp(decoded(key))
                .then_with(|| decoded(previous_value).cmp(decoded(value)));
            if order == std::cmp::Ordering::Greater {
                return false;
            }
        }
        previous = Some((key, value));
    }
    true
}

/// Whether `bytes` is exactly [`percent_encode`] of what it decodes to.
fn is_canonical_component(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_unreserved(b) {
            i += 1;
            continue;
        }
        match bytes.get(i + 1..i + 3) {
            Some(&[h, l])
                if b == b'%'
                    && UPPER_HEX.contains(&h)
                    && UPPER_HEX.contains(&l)
                    && hex_value(h)
                        .zip(hex_value(l))
                        .is_some_and(|(h, l)| !is_unreserved(h << 4 | l)) =>
            {
                i += 3;
            }
            _ => return false,
        }
    }
    true
}

/// The bytes `%XY`-escaped `bytes` decodes to (only called on canonical components, whose
/// every `%` starts an escape).
fn decoded(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let b = *bytes.get(i)?;
        if b == b'%' {
            if let Some(&[h, l]) = bytes.get(i + 1..i + 3) {
                if let (Some(h), Some(l)) = (hex_value(h), hex_value(l)) {
                    i += 3;
                    return Some(h << 4 | l);
                }
            }
        }
        i += 1;
        Some(b)
    })
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

    /// The definition [`canonical_uri_with`] streams: decode, split on `/`, encode, join, and
    /// a final `/`.
    fn canonical_uri_by_definition(path: &str) -> String {
        let mut out = percent_decode(path)
            .split(|&b| b == b'/')
            .map(percent_encode)
            .collect::<Vec<_>>()
            .join("/");
        if !out.ends_with('/') {
            out.push('/');
        }
        out
    }

    /// Strings over an alphabet that holds every case the encoders treat apart.
    fn samples(alphabet: &[&str], max_len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max_len {
            last = last
                .iter()
                .flat_map(|prefix| alphabet.iter().map(move |piece| format!("{prefix}{piece}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn streamed_canonical_uri_matches_its_definition() {
        let alphabet = ["/", "a", "%2F", "%2f", "%41", "%20", "%", "%4", " ", "é", ":", "~"];
        for path in samples(&alphabet, 4) {
            assert_eq!(canonical_uri(&path), canonical_uri_by_definition(&path), "{path:?}");
        }
    }

    #[test]
    fn percent_encode_with_and_encoded_len_agree_with_percent_encode() {
        let all: Vec<u8> = (0..=255).collect();
        let mut streamed = Vec::new();
        percent_encode_with(&all, &mut |piece| streamed.extend_from_slice(piece));
        assert_eq!(streamed, percent_encode(&all).into_bytes());
        assert_eq!(percent_encoded_len(&all), percent_encode(&all).len());
        assert_eq!(percent_encoded_len(b""), 0);
    }

    #[test]
    fn hex_lower_32_is_hex_lower() {
        let bytes: [u8; 32] = std::array::from_fn(|i| (i * 37 + 5) as u8);
        assert_eq!(hex_lower_32(&bytes).as_slice(), hex_lower(&bytes).as_bytes());
    }

    #[test]
    fn is_canonical_query_agrees_with_canonical_query() {
        let alphabet = ["a", "b", "=", "&", "%41", "%2F", "%2f", "%", "~", " ", "%C3%A9"];
        let mut canonical = 0;
        for query in samples(&alphabet, 4) {
            let expected = canonical_query(&parse_query(&query)) == query;
            canonical += usize::from(expected);
            assert_eq!(is_canonical_query(&query), expected, "{query:?}");
        }
        // The samples hold canonical queries, not only rejected ones.
        assert!(canonical > 20, "{canonical}");
        assert!(is_canonical_query("a=x%2F%26%3D&a=y%20z&b=2&limit=10"));
        assert!(!is_canonical_query("b=2&a=1"));
        assert!(!is_canonical_query("a=1&a=1&"));
    }
}
