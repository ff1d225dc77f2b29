//! Wire forms of array parameters and of declared response headers.
//!
//! Arrays (OpenAPI `style` and `explode`):
//! - query `form` with `explode: true` (the default): one pair per item, `ids=a&ids=b`; the
//!   generated code adds the pairs one by one;
//! - query `form` with `explode: false`, and `simple` (headers, path): one value, the items
//!   joined with `,`; query `spaceDelimited` joins with a space, `pipeDelimited` with `|`.
//!
//! A joined value is one query pair (or header, or path segment) like any other: in the query it
//! is percent-encoded with the rest of the canonical query, so `ids=a,b` goes on the wire, and is
//! signed, as `ids=a%2Cb` (a space as `%20`, `|` as `%7C`). An empty array sends nothing (one
//! empty item sends an empty value). An item
//! that contains the delimiter is an error naming the parameter: the receiver could not split
//! the value back into the same items.

use std::fmt::{self, Display, Write as _};

use http::HeaderMap;

use super::error::Error;

/// The items of an array parameter joined with `delimiter` into one value, or `None` when
/// there are no items. `what` names the parameter in errors (`query parameter ids`).
pub fn join<I: Display>(
    what: &str,
    items: impl IntoIterator<Item = I>,
    delimiter: char,
) -> Result<Option<String>, Error> {
    let mut out = String::new();
    let mut item = String::new();
    let mut any = false;
    for (i, value) in items.into_iter().enumerate() {
        any = true;
        item.clear();
        // Writing to a String cannot fail.
        let _ = write!(item, "{value}");
        if item.contains(delimiter) {
            return Err(Error::InvalidRequest(format!(
                "{what}: item {i} contains {delimiter:?}, which separates the items of this parameter"
            )));
        }
        if i > 0 {
            out.push(delimiter);
        }
        out.push_str(&item);
    }
    Ok(any.then_some(out))
}

/// A declared response header that could not be read: its name and what was wrong. Never
/// holds the value itself (it may be long or hostile).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError {
    /// The header's name, as the spec declares it.
    pub header: &'static str,
    /// What was wrong.
    pub message: String,
}

impl Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "response header {}: {}", self.header, self.message)
    }
}

impl std::error::Error for HeaderError {}

/// The text of header `name`, trimmed, or `None` when absent. A value that is not visible
/// ASCII is an error.
fn text<'h>(headers: &'h HeaderMap, name: &'static str) -> Result<Option<&'h str>, HeaderError> {
    let Some(value) = headers.get(name) else {
        return Ok(None);
    };
    value.to_str().map(|s| Some(s.trim())).map_err(|_| HeaderError {
        header: name,
        message: "the value is not visible ASCII".to_owned(),
    })
}

/// Header `name` read with `parse` (`None` when absent). `expected` says what a valid value is
/// (`an i32`), for the error.
pub fn header<T>(
    headers: &HeaderMap,
    name: &'static str,
    expected: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, HeaderError> {
    match text(headers, name)? {
        None => Ok(None),
        Some(s) => parse(s).map(Some).ok_or_else(|| HeaderError {
            header: name,
            message: format!("the value is not {expected}"),
        }),
    }
}

/// Header `name` as a comma-separated list (`simple` style), each item trimmed and read with
/// `parse` (`None` when absent; an empty value is an empty list).
pub fn header_list<T>(
    headers: &HeaderMap,
    name: &'static str,
    expected: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<Vec<T>>, HeaderError> {
    let Some(s) = text(headers, name)? else {
        return Ok(None);
    };
    if s.is_empty() {
        return Ok(Some(Vec::new()));
    }
    s.split(',')
        .enumerate()
        .map(|(i, item)| {
            parse(item.trim()).ok_or_else(|| HeaderError {
                header: name,
                message: format!("item {i} is not {expected}"),
            })
        })
        .collect::<Result<Vec<T>, _>>()
        .map(Some)
}

/// A required header's value, or an error saying it is missing.
pub fn required<T>(value: Option<T>, name: &'static str) -> Result<T, HeaderError> {
    value.ok_or_else(|| HeaderError {
        header: name,
        message: "the header is required but missing".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn joins_items_and_rejects_items_holding_the_delimiter() {
        assert_eq!(
            join("query parameter ids", ["a", "b"], ',').unwrap(),
            Some("a,b".to_owned())
        );
        assert_eq!(join("q", [1, 2, 3], '|').unwrap(), Some("1|2|3".to_owned()));
        assert_eq!(join("q", Vec::<i32>::new(), ',').unwrap(), None);
        assert_eq!(join("q", [""], ',').unwrap(), Some(String::new()));
        let err = join("query parameter ids", ["a", "b,c"], ',').unwrap_err();
        assert!(err.to_string().contains("query parameter ids"), "{err}");
        assert!(err.to_string().contains("item 1"), "{err}");
        assert!(join("q", ["a b"], ' ').is_err());
        assert!(join("q", ["a b"], ',').is_ok());
    }

    #[test]
    fn reads_declared_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("x-count", HeaderValue::from_static(" 42 "));
        headers.insert("x-bad", HeaderValue::from_static("4x2"));
        headers.insert("x-list", HeaderValue::from_static("1, 2,3"));
        headers.insert("x-high", HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap());
        let int = |s: &str| s.parse::<i32>().ok();
        assert_eq!(header(&headers, "X-Count", "an i32", int), Ok(Some(42)));
        assert_eq!(header(&headers, "X-Absent", "an i32", int), Ok(None));
        let err = header(&headers, "X-Bad", "an i32", int).unwrap_err();
        assert_eq!(err.to_string(), "response header X-Bad: the value is not an i32");
        assert_eq!(
            header_list(&headers, "X-List", "an i32", int),
            Ok(Some(vec![1, 2, 3]))
        );
        assert!(header(&headers, "X-High", "text", |s| Some(s.to_owned())).is_err());
        assert_eq!(
            required::<i32>(None, "X-Absent").unwrap_err().to_string(),
            "response header X-Absent: the header is required but missing"
        );
    }
}
