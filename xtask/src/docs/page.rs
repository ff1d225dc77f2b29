//! A reference page as data: the operation line, the parameter tables sorted into path, query,
//! header, request body, nested objects and responses, and the example request and responses.
//!
//! The capture readers ([`super::capture`]) turn text into blocks; this module gives each table
//! its role. Titled tables (plain captures: `Table 5 cluster_scan_info`) say what they are.
//! Untitled tables (the other captures) get their role from their place:
//!
//! - before `Request Parameters`: a table whose every row is a `{placeholder}` of the path is the
//!   path table, the next one the query table;
//! - after it: a table listing `X-Auth-Token` is the header table; the first other table is the
//!   request body, and each later table documents the next object type (`xxx object`, `Array of
//!   xxx objects`) named by a row before it, in the order the rows name them;
//! - after `Response Parameters` and `Status code: NNN`: the same for the response body.

use super::capture::{self, is_header_word, Block, Capture, Column, RawRow};
use std::collections::VecDeque;

/// A page that cannot be read, or an operation that cannot be found: file, line and message.
#[derive(Debug, Clone, PartialEq)]
pub struct PageError {
    /// The page's file name as given.
    pub page: String,
    /// 1-based line (0 when the problem concerns the whole page).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.page, self.message)
        } else {
            write!(f, "{}:{}: {}", self.page, self.line, self.message)
        }
    }
}

impl std::error::Error for PageError {}

/// The type column of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageType {
    /// `String`.
    String,
    /// `Integer` (32 bits).
    Integer,
    /// `Long` (64 bits).
    Long,
    /// `Boolean`.
    Boolean,
    /// `Float`, `Double`, `Number`.
    Number,
    /// `Object`, `Map<...>`: any JSON object.
    AnyObject,
    /// `xxx object`: the nested object `xxx`, documented by its own table.
    Object(String),
    /// `Array of ...`.
    Array(Box<PageType>),
}

impl PageType {
    /// Reads the type column (`String`, `Array of strings`, `cluster_scan_info object`, `Array of
    /// image_info objects`).
    pub fn parse(text: &str) -> Option<PageType> {
        let t = text.trim();
        let scalar = |s: &str| match s.to_ascii_lowercase().as_str() {
            "string" | "strings" => Some(PageType::String),
            "integer" | "integers" | "int" | "int32" => Some(PageType::Integer),
            "long" | "longs" | "int64" => Some(PageType::Long),
            "boolean" | "booleans" => Some(PageType::Boolean),
            "float" | "floats" | "double" | "doubles" | "number" | "numbers" | "bigdecimal" => {
                Some(PageType::Number)
            }
            "object" | "objects" => Some(PageType::AnyObject),
            _ => None,
        };
        if let Some(rest) = t.strip_prefix("Array of ") {
            if let Some(name) = rest.strip_suffix(" objects") {
                return is_name(name)
                    .then(|| PageType::Array(Box::new(PageType::Object(name.into()))));
            }
            return scalar(rest).map(|s| PageType::Array(Box::new(s)));
        }
        if let Some(name) = t.strip_suffix(" object") {
            return is_name(name).then(|| PageType::Object(name.into()));
        }
        if t.starts_with("Map<") {
            return Some(PageType::AnyObject);
        }
        scalar(t)
    }

    /// The object name, for an object or an array of objects.
    pub fn object_name(&self) -> Option<&str> {
        match self {
            PageType::Object(n) => Some(n),
            PageType::Array(item) => item.object_name(),
            _ => None,
        }
    }
}

/// Whether a line is a type column value.
pub fn is_type_text(s: &str) -> bool {
    PageType::parse(s).is_some()
}

/// Whether a line can be a parameter name.
pub fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
}

/// The Mandatory column: `Yes`/`No` (and the Chinese pages' `是`/`否`).
pub fn parse_mandatory(s: &str) -> Option<bool> {
    match s.trim() {
        "Yes" | "yes" | "是" => Some(true),
        "No" | "no" | "否" => Some(false),
        _ => None,
    }
}

/// Whether a line is one of the page's section headings (ends a table in a plain capture).
pub fn is_heading(s: &str) -> bool {
    const HEADINGS: &[&str] = &[
        "URI",
        "Request Parameters",
        "Response Parameters",
        "Example Requests",
        "Example Responses",
        "Status Codes",
        "Error Codes",
        "SDK Sample Code",
        "请求参数",
        "响应参数",
        "请求示例",
        "响应示例",
        "状态码",
        "错误码",
    ];
    HEADINGS.contains(&s) || table_title(s).is_some() || status_line(s).is_some()
}

/// `Table 4 Request body parameters` -> `Request body parameters`.
fn table_title(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("Table ").or_else(|| s.strip_prefix("表"))?;
    let rest = rest.trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let title = rest[digits..].trim();
    (!title.is_empty()).then_some(title)
}

/// `Status code: 200` -> 200.
fn status_line(s: &str) -> Option<u16> {
    let rest = s
        .strip_prefix("Status code:")
        .or_else(|| s.strip_prefix("状态码："))
        .or_else(|| s.strip_prefix("状态码:"))?;
    rest.trim().parse().ok()
}

/// One row of a parameter table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The parameter or field name.
    pub name: String,
    /// The Mandatory column (`None` in tables without one: responses).
    pub mandatory: Option<bool>,
    /// The type column as written.
    pub type_text: String,
    /// The type column, read.
    pub ty: PageType,
    /// The description cell (line breaks kept in plain captures).
    pub description: String,
    /// 1-based line of the row.
    pub line: usize,
}

/// A parameter table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The title (plain captures), if any.
    pub title: Option<String>,
    /// 1-based line of the header.
    pub line: usize,
    /// The rows.
    pub rows: Vec<Row>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// Path.
    Path,
    /// Query.
    Query,
    /// Header.
    Header,
}

impl Location {
    /// `path`, `query`, `header`.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        }
    }
}

/// A body (request or response): its table and the tables of the objects it contains.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    /// The body's own table.
    pub table: Option<Table>,
    /// Nested object tables by object name, in page order.
    pub objects: Vec<(String, Table)>,
}

impl Body {
    /// The table documenting object `name`.
    pub fn object(&self, name: &str) -> Option<&Table> {
        self.objects.iter().find(|(n, _)| n == name).map(|(_, t)| t)
    }
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// 1-based line of `Status code: NNN`.
    pub line: usize,
    /// The body tables.
    pub body: Body,
}

/// An example (request or response body) and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// 1-based line where the JSON starts.
    pub line: usize,
    /// The JSON value.
    pub value: serde_json::Value,
}

/// A page, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The file name as given (messages).
    pub name: String,
    /// The capture format.
    pub capture: Capture,
    /// `POST`.
    pub method: String,
    /// `/v5/{project_id}/common/task`.
    pub path: String,
    /// Line of the `METHOD /path` line.
    pub operation_line: usize,
    /// The page title (first line, after an `Updated on` line).
    pub title: Option<String>,
    /// The text under `Function`.
    pub function: Option<String>,
    /// The SDK's request class name, when the page has SDK sample code (`CreateTaskRequest` ->
    /// `CreateTask`).
    pub sdk_name: Option<String>,
    /// Parameters by location, with their rows.
    pub params: Vec<(Location, Row)>,
    /// The request body.
    pub body: Body,
    /// Responses in page order.
    pub responses: Vec<Response>,
    /// Status codes from the Status Codes table, with their descriptions.
    pub status_codes: Vec<(u16, String)>,
    /// The example request's URL (`POST https://{endpoint}/v5/...?a=b`) and line.
    pub example_url: Option<(usize, String)>,
    /// The example request body.
    pub request_example: Option<Example>,
    /// Example response bodies by status.
    pub response_examples: Vec<(u16, Example)>,
}

impl Page {
    /// The response documented for `status`.
    pub fn response(&self, status: u16) -> Option<&Response> {
        self.responses.iter().find(|r| r.status == status)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Head,
    Request,
    Response,
    ExampleRequest,
    ExampleResponse,
    StatusCodes,
    Other,
}

fn phase_of(text: &str) -> Option<Phase> {
    Some(match text {
        "Request Parameters" | "请求参数" => Phase::Request,
        "Response Parameters" | "响应参数" => Phase::Response,
        "Example Requests" | "请求示例" => Phase::ExampleRequest,
        "Example Responses" | "响应示例" => Phase::ExampleResponse,
        "Status Codes" | "状态码" => Phase::StatusCodes,
        "Error Codes" | "错误码" | "SDK Sample Code" => Phase::Other,
        _ => return None,
    })
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// `POST /v5/{project_id}/x` -> (POST, path); `POST https://...` -> None (the example URL).
fn operation_line(text: &str) -> Option<(String, String)> {
    let (method, rest) = text.split_once(' ')?;
    let rest = rest.trim();
    (METHODS.contains(&method) && rest.starts_with('/') && !rest.contains(' '))
        .then(|| (method.to_string(), rest.to_string()))
}

/// Reads a page in any capture format.
pub fn parse(name: &str, text: &str) -> Result<Page, PageError> {
    let capture = Capture::detect(text);
    let err = |line: usize, message: String| PageError {
        page: name.to_string(),
        line,
        message,
    };
    let blocks = match capture {
        Capture::Plain => capture::plain::read(text),
        Capture::Rows => capture::rows::read(text),
        Capture::Markdown => capture::markdown::read(text),
    }
    .map_err(|e| err(e.line, e.message))?;

    let mut page = Page {
        name: name.to_string(),
        capture,
        method: String::new(),
        path: String::new(),
        operation_line: 0,
        title: None,
        function: None,
        sdk_name: None,
        params: Vec::new(),
        body: Body::default(),
        responses: Vec::new(),
        status_codes: Vec::new(),
        example_url: None,
        request_example: None,
        response_examples: Vec::new(),
    };
    let mut phase = Phase::Head;
    let mut title: Option<String> = None;
    let mut after_function = false;
    let mut head_tables = 0;
    let mut pending: VecDeque<String> = VecDeque::new();
    let mut status: Option<(u16, usize)> = None;
    let mut example_status: Option<u16> = None;
    let mut pending_code: Option<u16> = None;
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Text { line, text } => {
                let line = *line;
                if let Some(p) = phase_of(text) {
                    phase = p;
                    status = None;
                    example_status = None;
                } else if let Some(t) = table_title(text) {
                    title = Some(t.to_string());
                } else if let Some(code) = status_line(text) {
                    match phase {
                        Phase::Response => status = Some((code, line)),
                        Phase::ExampleResponse => example_status = Some(code),
                        _ => {}
                    }
                } else if page.title.is_none() && !text.starts_with("Updated on") {
                    page.title = Some(text.clone());
                } else if text == "Function" || text == "功能介绍" {
                    after_function = true;
                } else if after_function {
                    page.function = Some(text.clone());
                    after_function = false;
                } else if page.operation_line == 0 && phase == Phase::Head {
                    if let Some((m, p)) = operation_line(text) {
                        page.method = m;
                        page.path = p;
                        page.operation_line = line;
                    }
                } else if page.sdk_name.is_none() && phase == Phase::Other {
                    page.sdk_name = sdk_name(text);
                }
                let in_examples = matches!(phase, Phase::ExampleRequest | Phase::ExampleResponse);
                if in_examples && (text.starts_with('{') || text.starts_with('[')) {
                    // An example body: gather the lines up to the balancing bracket.
                    let (json, used) = gather_json(&blocks[i..]);
                    let value = serde_json::from_str::<serde_json::Value>(&json)
                        .map_err(|e| err(line, format!("the example is not valid JSON: {e}")));
                    match phase {
                        Phase::ExampleRequest => {
                            page.request_example = Some(Example {
                                line,
                                value: value?,
                            })
                        }
                        Phase::ExampleResponse => page.response_examples.push((
                            example_status.unwrap_or(200),
                            Example {
                                line,
                                value: value?,
                            },
                        )),
                        _ => {}
                    }
                    i += used;
                    continue;
                }
                if phase == Phase::ExampleRequest && page.example_url.is_none() {
                    if let Some((m, rest)) = text.split_once(' ') {
                        if METHODS.contains(&m) && rest.contains("://") {
                            page.example_url = Some((line, rest.trim().to_string()));
                        }
                    }
                }
                if phase == Phase::StatusCodes {
                    if let Some(code) = pending_code.take() {
                        page.status_codes.push((code, text.clone()));
                    } else if let Ok(code) = text.parse::<u16>() {
                        pending_code = Some(code);
                    }
                }
            }
            Block::Table { line, header, rows } => {
                let line = *line;
                let table_title = title.take();
                let first = header.first().map(String::as_str).unwrap_or("");
                if is_header_word(first, Column::StatusCode) {
                    for r in rows {
                        if let (Some(code), Some(d)) = (r.cells.first(), r.cells.get(1)) {
                            if let Ok(code) = code.parse() {
                                page.status_codes.push((code, d.clone()));
                            }
                        }
                    }
                    i += 1;
                    continue;
                }
                if page.operation_line == 0 {
                    return Err(err(
                        line,
                        "a parameter table before the `METHOD /path` line of the operation".into(),
                    ));
                }
                let table = Table {
                    title: table_title.clone(),
                    line,
                    rows: read_rows(header, rows).map_err(|(l, m)| err(l, m))?,
                };
                let role = match table_title.as_deref() {
                    Some(t) => titled_role(t),
                    None => None,
                };
                let role =
                    match role {
                        Some(r) => r,
                        None => match phase {
                            Phase::Head => {
                                head_tables += 1;
                                let placeholders = table
                                    .rows
                                    .iter()
                                    .all(|r| page.path.contains(&format!("{{{}}}", r.name)));
                                if placeholders && head_tables == 1 {
                                    Role::Params(Location::Path)
                                } else {
                                    Role::Params(Location::Query)
                                }
                            }
                            Phase::Request => {
                                if table
                                    .rows
                                    .iter()
                                    .any(|r| r.name.eq_ignore_ascii_case("X-Auth-Token"))
                                {
                                    Role::Params(Location::Header)
                                } else if page.body.table.is_none() {
                                    Role::Body
                                } else {
                                    Role::Object
                                }
                            }
                            Phase::Response => {
                                if status.is_none() {
                                    status = Some((200, line));
                                }
                                let s = status.map(|s| s.0).unwrap_or(200);
                                if page
                                    .response(s)
                                    .and_then(|r| r.body.table.as_ref())
                                    .is_none()
                                {
                                    Role::ResponseBody
                                } else {
                                    Role::ResponseObject
                                }
                            }
                            _ => return Err(err(
                                line,
                                "a parameter table outside the URI, request and response sections"
                                    .into(),
                            )),
                        },
                    };
                let refs: Vec<String> = table
                    .rows
                    .iter()
                    .filter_map(|r| r.ty.object_name().map(str::to_string))
                    .collect();
                match role {
                    Role::Params(loc) => {
                        page.params.extend(table.rows.into_iter().map(|r| (loc, r)))
                    }
                    Role::Body => {
                        pending = refs.into();
                        page.body.table = Some(table);
                    }
                    Role::ResponseBody => {
                        pending = refs.into();
                        let (s, sl) = status.unwrap_or((200, line));
                        page.responses.push(Response {
                            status: s,
                            line: sl,
                            body: Body {
                                table: Some(table),
                                objects: Vec::new(),
                            },
                        });
                    }
                    Role::Object | Role::ResponseObject | Role::Named(_) => {
                        let name = match role {
                            Role::Named(n) => {
                                pending.retain(|p| *p != n);
                                n
                            }
                            _ => pending.pop_front().ok_or_else(|| {
                                err(
                                    line,
                                    "a table that no `xxx object` row refers to: cannot tell which object it documents"
                                        .into(),
                                )
                            })?,
                        };
                        pending.extend(refs);
                        let body = if phase == Phase::Response {
                            let s = status.map(|s| s.0).unwrap_or(200);
                            match page.responses.iter_mut().find(|r| r.status == s) {
                                Some(r) => &mut r.body,
                                None => {
                                    return Err(err(
                                        line,
                                        format!(
                                            "object table {name:?} before its response body table"
                                        ),
                                    ))
                                }
                            }
                        } else {
                            &mut page.body
                        };
                        body.objects.push((name, table));
                    }
                }
            }
        }
        i += 1;
    }
    if page.operation_line == 0 {
        return Err(err(
            0,
            "no `METHOD /path` line (for example `POST /v5/{project_id}/common/task` under URI): not an API reference page?".into(),
        ));
    }
    // A `Status code: NNN` section with no table: a response without a documented body.
    Ok(page)
}

enum Role {
    Params(Location),
    Body,
    Object,
    ResponseBody,
    ResponseObject,
    Named(String),
}

fn titled_role(title: &str) -> Option<Role> {
    let lower = title.to_ascii_lowercase();
    Some(if lower.starts_with("path parameter") {
        Role::Params(Location::Path)
    } else if lower.starts_with("query parameter") {
        Role::Params(Location::Query)
    } else if lower.contains("header parameter") {
        Role::Params(Location::Header)
    } else if lower.starts_with("request body") {
        Role::Body
    } else if lower.starts_with("response body") {
        Role::ResponseBody
    } else if is_name(title) {
        Role::Named(title.to_string())
    } else {
        return None;
    })
}

fn read_rows(header: &[String], rows: &[RawRow]) -> Result<Vec<Row>, (usize, String)> {
    let col = |c: Column| header.iter().position(|h| is_header_word(h, c));
    let (Some(name_at), Some(type_at), Some(desc_at)) = (
        col(Column::Parameter),
        col(Column::Type),
        col(Column::Description),
    ) else {
        return Err((
            rows.first().map(|r| r.line).unwrap_or(0),
            format!(
                "a parameter table needs Parameter, Type and Description columns, found {header:?}"
            ),
        ));
    };
    let mandatory_at = col(Column::Mandatory);
    rows.iter()
        .map(|r| {
            let cell = |i: usize| r.cells.get(i).map(String::as_str).unwrap_or("").trim();
            let name = cell(name_at).to_string();
            if !is_name(&name) {
                return Err((r.line, format!("not a parameter name: {name:?}")));
            }
            let mandatory = match mandatory_at {
                Some(m) => Some(parse_mandatory(cell(m)).ok_or_else(|| {
                    (
                        r.line,
                        format!(
                            "the Mandatory column of {name:?} must be Yes or No, found {:?}",
                            cell(m)
                        ),
                    )
                })?),
                None => None,
            };
            let type_text = cell(type_at).to_string();
            let ty = PageType::parse(&type_text).ok_or_else(|| {
                (
                    r.line,
                    format!(
                        "unknown type {type_text:?} for {name:?} (expected String, Integer, Long, Boolean, Array of strings, xxx object, Array of xxx objects, ...)"
                    ),
                )
            })?;
            Ok(Row {
                name,
                mandatory,
                type_text,
                ty,
                description: cell(desc_at).to_string(),
                line: r.line,
            })
        })
        .collect()
}

/// Gathers the text blocks of a JSON example (up to the balancing bracket). Returns the text and
/// how many blocks it used.
fn gather_json(blocks: &[Block]) -> (String, usize) {
    let mut out = String::new();
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for (n, b) in blocks.iter().enumerate() {
        let Block::Text { text, .. } = b else {
            return (out, n.max(1));
        };
        out.push_str(text);
        out.push('\n');
        for c in text.chars() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        if depth <= 0 {
            return (out, n + 1);
        }
    }
    (out, blocks.len())
}

/// `CreateTaskRequest request = new CreateTaskRequest();` -> `CreateTask`.
fn sdk_name(text: &str) -> Option<String> {
    let at = text.find("Request request = new ")?;
    let start = text[..at]
        .rfind(|c: char| !c.is_ascii_alphanumeric())
        .map(|p| p + 1)
        .unwrap_or(0);
    let name = &text[start..at];
    (!name.is_empty() && name.chars().next()?.is_ascii_uppercase()).then(|| name.to_string())
}
