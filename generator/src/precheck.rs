//! A linear structural check of the whole spec, run on the parsed YAML before the typed parse.
//!
//! It walks the document once, knowing which OpenAPI 3.0 object each node is, and reports every
//! problem at the node that has it, all in one run:
//!
//! - a key that is not a keyword of its object (`maxLenght` in a schema, `requried` in a
//!   parameter): `openapiv3` silently drops it, so a limit would vanish from validation. The
//!   message suggests the keyword meant when one is close. `x-` keys are extensions: those the
//!   generator reads (see spec/README.md) are checked like keywords, including the keys inside
//!   them; an `x-` key close to one of them is taken for a misspelling; others belong to other
//!   tools and are left alone.
//! - a value of the wrong kind at its own keyword (`maxLength: "256"`, `type: sting`, a number in
//!   a string enum at `enum/3`), a required keyword missing, a non-finite number anywhere;
//! - an `x-enum-descriptions` that does not match its enum.
//!
//! It also keeps the typed parse fast: `openapiv3` deserialises schemas through untagged enums.
//! When a schema deep inside the document has the wrong shape, serde retries every variant at
//! every level above it, so the time grows exponentially with the nesting depth and the error
//! names the outermost schema, not the broken one (and `openapiv3` panics on `maximum: .inf`).
//! So every schema is also parsed on its own, innermost first, once all the schemas inside it
//! passed: its typed parse then fails (if at all) at that node. Problems that would make the
//! typed parse fail are *fatal* (it is not run); the others (misspellings, extensions) are
//! reported together with the lowering's.

use crate::error::{closest, pointer_token, SpecError};
use serde::Deserialize;
use serde_yaml::Value;

/// The schema types OpenAPI 3.0 knows.
const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];

/// How deep schemas may nest inline. Beyond real APIs (which name their inner objects), and low
/// enough that the typed parse and the lowering after the checks, which recurse, stay within a
/// 2 MiB thread stack even in a debug build.
pub const MAX_SCHEMA_DEPTH: usize = 24;

/// What the check found.
#[derive(Debug, Default)]
pub struct Checked {
    /// Every problem, in document order (non-finite numbers first).
    pub errors: Vec<SpecError>,
    /// Whether a problem would make the typed parse fail (or backtrack).
    pub fatal: bool,
}

/// Checks the parsed YAML of a spec. Each error names its node.
pub fn check(doc: &Value, file: &str) -> Checked {
    let mut w = Walker::new(file, Spliced::default());
    w.document(doc);
    w.out
}

/// One of the two large maps of a document, which a large spec's text is cut at so that its
/// pieces are read and checked on all cores (see `load`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The entries of the Paths Object (`#/paths`).
    Paths,
    /// The named schemas (`#/components/schemas`).
    Schemas,
}

/// Checks some entries of `part`, cut from a document that has no non-finite numbers: the
/// errors, in order, that [`check`] finds among these entries of the whole document.
pub fn check_part(part: Part, entries: &serde_yaml::Mapping, file: &str) -> Checked {
    let mut w = Walker::new(file, Spliced::default());
    match part {
        Part::Paths => w.path_entries(entries, "#/paths"),
        Part::Schemas => w.schema_entries(entries, "#/components/schemas"),
    }
    w.out
}

/// The findings of [`check_part`] for each part, in document order, to put in place of the
/// part's entries: the document's own mapping there is then empty.
#[derive(Debug, Default)]
pub struct Spliced {
    pub paths: Option<Checked>,
    pub schemas: Option<Checked>,
}

/// [`check`] of a document whose large maps were checked in pieces: `doc` has empty mappings
/// where `spliced` gives findings, and those are put where the walk reaches each part, so the
/// result is [`check`]'s on the whole document. `None` when the walk did not reach every part
/// given, or when `doc` has a non-finite number (which changes how every schema is checked):
/// the caller then checks the whole document.
pub fn check_with(doc: &Value, file: &str, spliced: Spliced) -> Option<Checked> {
    let mut w = Walker::new(file, spliced);
    let finite = w.document(doc);
    let reached = w.spliced.paths.is_none() && w.spliced.schemas.is_none();
    (finite && reached).then_some(w.out)
}

// ------------------------------------------------------------------------ the objects of 3.0

/// What a node of the document must be.
#[derive(Clone, Copy)]
enum Node {
    /// Anything (examples, defaults).
    Any,
    /// A scalar (the typed parse reads numbers and booleans as text where it wants text).
    Text,
    Bool,
    /// One of these words.
    Word(&'static [&'static str]),
    /// A list of scalars.
    TextList,
    /// An object with known keys.
    Obj(&'static Obj),
    /// A `$ref` object, or the node.
    RefOr(&'static Node),
    /// A mapping of names (chosen by the writer) to nodes.
    Map(&'static Node),
    /// A sequence of nodes.
    Seq(&'static Node),
    /// A Schema Object.
    Schema,
    /// The Paths Object: path templates to path items.
    Paths,
    /// The named schemas of the components: names to schemas.
    Schemas,
    /// The Responses Object: status codes to responses.
    Responses,
    /// A Parameter Object (its style depends on `in`).
    Parameter,
    /// A Header Object.
    Header,
    /// A Security Scheme Object (its credentials depend on its type).
    SecurityScheme,
}

/// An object: its keywords and what each holds, the keywords it needs, and the extensions the
/// generator (or `cargo xtask docs`) reads on it.
struct Obj {
    /// How messages name it: "a parameter".
    what: &'static str,
    keys: &'static [(&'static str, Node)],
    required: &'static [&'static str],
    extensions: &'static [&'static str],
}

const TEXT_MAP: Node = Node::Map(&Node::Text);
const SECURITY: Node = Node::Seq(&Node::Map(&Node::TextList));
const SERVERS: Node = Node::Seq(&Node::Obj(&SERVER));
const PARAMETERS: Node = Node::Seq(&Node::RefOr(&Node::Parameter));
const EXAMPLES: Node = Node::Map(&Node::RefOr(&Node::Obj(&EXAMPLE)));
const HEADERS: Node = Node::Map(&Node::RefOr(&Node::Header));
const CONTENT: Node = Node::Map(&Node::Obj(&MEDIA_TYPE));
const LINKS: Node = Node::Map(&Node::RefOr(&Node::Obj(&LINK)));
const PATH_ITEM_OR_REF: Node = Node::RefOr(&Node::Obj(&PATH_ITEM));
const RESPONSE_OR_REF: Node = Node::RefOr(&Node::Obj(&RESPONSE));
const X_REQUIRED_WHEN: Node = Node::Seq(&Node::Obj(&X_REQUIRED_WHEN_RULE));
const EXTERNAL_DOCS: Node = Node::Obj(&EXTERNAL_DOCUMENTATION);

static ROOT: Obj = Obj {
    what: "the document",
    keys: &[
        ("openapi", Node::Text),
        ("info", Node::Obj(&INFO)),
        ("servers", SERVERS),
        ("paths", Node::Paths),
        ("components", Node::Obj(&COMPONENTS)),
        ("security", SECURITY),
        ("tags", Node::Seq(&Node::Obj(&TAG))),
        ("externalDocs", EXTERNAL_DOCS),
    ],
    required: &["openapi", "info", "paths"],
    extensions: &["x-crate", "x-client"],
};

static INFO: Obj = Obj {
    what: "info",
    keys: &[
        ("title", Node::Text),
        ("description", Node::Text),
        ("termsOfService", Node::Text),
        ("contact", Node::Obj(&CONTACT)),
        ("license", Node::Obj(&LICENSE)),
        ("version", Node::Text),
    ],
    required: &["title", "version"],
    extensions: &[],
};

static CONTACT: Obj = Obj {
    what: "a contact",
    keys: &[
        ("name", Node::Text),
        ("url", Node::Text),
        ("email", Node::Text),
    ],
    required: &[],
    extensions: &[],
};

static LICENSE: Obj = Obj {
    what: "a license",
    keys: &[("name", Node::Text), ("url", Node::Text)],
    required: &["name"],
    extensions: &[],
};

static SERVER: Obj = Obj {
    what: "a server",
    keys: &[
        ("url", Node::Text),
        ("description", Node::Text),
        ("variables", Node::Map(&Node::Obj(&SERVER_VARIABLE))),
    ],
    required: &["url"],
    extensions: &["x-region"],
};

static SERVER_VARIABLE: Obj = Obj {
    what: "a server variable",
    keys: &[
        ("enum", Node::TextList),
        ("default", Node::Text),
        ("description", Node::Text),
    ],
    required: &["default"],
    extensions: &[],
};

static COMPONENTS: Obj = Obj {
    what: "components",
    keys: &[
        ("schemas", Node::Schemas),
        ("responses", Node::Map(&Node::RefOr(&Node::Obj(&RESPONSE)))),
        ("parameters", Node::Map(&Node::RefOr(&Node::Parameter))),
        ("examples", EXAMPLES),
        (
            "requestBodies",
            Node::Map(&Node::RefOr(&Node::Obj(&REQUEST_BODY))),
        ),
        ("headers", HEADERS),
        (
            "securitySchemes",
            Node::Map(&Node::RefOr(&Node::SecurityScheme)),
        ),
        ("links", LINKS),
        (
            "callbacks",
            Node::Map(&Node::RefOr(&Node::Map(&Node::Obj(&PATH_ITEM)))),
        ),
    ],
    required: &[],
    extensions: &[],
};

static PATH_ITEM: Obj = Obj {
    what: "a path item",
    keys: &[
        ("$ref", Node::Text),
        ("summary", Node::Text),
        ("description", Node::Text),
        ("get", Node::Obj(&OPERATION)),
        ("put", Node::Obj(&OPERATION)),
        ("post", Node::Obj(&OPERATION)),
        ("delete", Node::Obj(&OPERATION)),
        ("options", Node::Obj(&OPERATION)),
        ("head", Node::Obj(&OPERATION)),
        ("patch", Node::Obj(&OPERATION)),
        ("trace", Node::Obj(&OPERATION)),
        ("servers", SERVERS),
        ("parameters", PARAMETERS),
    ],
    required: &[],
    extensions: &[],
};

static OPERATION: Obj = Obj {
    what: "an operation",
    keys: &[
        ("tags", Node::TextList),
        ("summary", Node::Text),
        ("description", Node::Text),
        ("externalDocs", EXTERNAL_DOCS),
        ("operationId", Node::Text),
        ("parameters", PARAMETERS),
        ("requestBody", Node::RefOr(&Node::Obj(&REQUEST_BODY))),
        ("responses", Node::Responses),
        (
            "callbacks",
            Node::Map(&Node::RefOr(&Node::Map(&Node::Obj(&PATH_ITEM)))),
        ),
        ("deprecated", Node::Bool),
        ("security", SECURITY),
        ("servers", SERVERS),
    ],
    required: &["responses"],
    extensions: &[],
};

static EXTERNAL_DOCUMENTATION: Obj = Obj {
    what: "externalDocs",
    keys: &[("description", Node::Text), ("url", Node::Text)],
    required: &["url"],
    extensions: &[],
};

/// The keywords of a parameter; a header has the same but `name` and `in`.
const PARAMETER_KEYS: &[(&str, Node)] = &[
    ("name", Node::Text),
    ("in", Node::Word(&["query", "header", "path", "cookie"])),
    ("description", Node::Text),
    ("required", Node::Bool),
    ("deprecated", Node::Bool),
    ("allowEmptyValue", Node::Bool),
    ("style", Node::Text),
    ("explode", Node::Bool),
    ("allowReserved", Node::Bool),
    ("schema", Node::Schema),
    ("example", Node::Any),
    ("examples", EXAMPLES),
    ("content", CONTENT),
];

static PARAMETER: Obj = Obj {
    what: "a parameter",
    keys: PARAMETER_KEYS,
    required: &["name", "in"],
    extensions: &["x-client-config"],
};

static HEADER: Obj = Obj {
    what: "a header",
    keys: PARAMETER_KEYS.split_at(2).1,
    required: &[],
    extensions: &[],
};

static REQUEST_BODY: Obj = Obj {
    what: "a request body",
    keys: &[
        ("description", Node::Text),
        ("content", CONTENT),
        ("required", Node::Bool),
    ],
    required: &["content"],
    extensions: &[],
};

static MEDIA_TYPE: Obj = Obj {
    what: "a media type",
    keys: &[
        ("schema", Node::Schema),
        ("example", Node::Any),
        ("examples", EXAMPLES),
        ("encoding", Node::Map(&Node::Obj(&ENCODING))),
    ],
    required: &[],
    extensions: &[],
};

static ENCODING: Obj = Obj {
    what: "an encoding",
    keys: &[
        ("contentType", Node::Text),
        ("headers", HEADERS),
        ("style", Node::Text),
        ("explode", Node::Bool),
        ("allowReserved", Node::Bool),
    ],
    required: &[],
    extensions: &[],
};

static RESPONSE: Obj = Obj {
    what: "a response",
    keys: &[
        ("description", Node::Text),
        ("headers", HEADERS),
        ("content", CONTENT),
        ("links", LINKS),
    ],
    required: &["description"],
    extensions: &[],
};

static EXAMPLE: Obj = Obj {
    what: "an example",
    keys: &[
        ("summary", Node::Text),
        ("description", Node::Text),
        ("value", Node::Any),
        ("externalValue", Node::Text),
    ],
    required: &[],
    extensions: &[],
};

static LINK: Obj = Obj {
    what: "a link",
    keys: &[
        ("operationRef", Node::Text),
        ("operationId", Node::Text),
        ("parameters", Node::Map(&Node::Any)),
        ("requestBody", Node::Any),
        ("description", Node::Text),
        ("server", Node::Obj(&SERVER)),
    ],
    required: &[],
    extensions: &[],
};

static TAG: Obj = Obj {
    what: "a tag",
    keys: &[
        ("name", Node::Text),
        ("description", Node::Text),
        ("externalDocs", EXTERNAL_DOCS),
    ],
    required: &["name"],
    extensions: &[],
};

static SECURITY_SCHEME: Obj = Obj {
    what: "a security scheme",
    keys: &[
        (
            "type",
            Node::Word(&["apiKey", "http", "oauth2", "openIdConnect"]),
        ),
        ("description", Node::Text),
        ("name", Node::Text),
        ("in", Node::Word(&["query", "header", "cookie"])),
        ("scheme", Node::Text),
        ("bearerFormat", Node::Text),
        ("flows", Node::Obj(&OAUTH_FLOWS)),
        ("openIdConnectUrl", Node::Text),
    ],
    required: &["type"],
    extensions: &["x-signing", "x-credential-env", "x-value-schema"],
};

static OAUTH_FLOWS: Obj = Obj {
    what: "OAuth flows",
    keys: &[
        ("implicit", Node::Obj(&OAUTH_FLOW)),
        ("password", Node::Obj(&OAUTH_FLOW)),
        ("clientCredentials", Node::Obj(&OAUTH_FLOW)),
        ("authorizationCode", Node::Obj(&OAUTH_FLOW)),
    ],
    required: &[],
    extensions: &[],
};

static OAUTH_FLOW: Obj = Obj {
    what: "an OAuth flow",
    keys: &[
        ("authorizationUrl", Node::Text),
        ("tokenUrl", Node::Text),
        ("refreshUrl", Node::Text),
        ("scopes", TEXT_MAP),
    ],
    required: &[],
    extensions: &[],
};

/// The keywords of a Schema Object. `type`, `enum` and the keywords holding schemas are checked
/// by [`Walker::schema`] itself.
const SCHEMA_KEYS: &[&str] = &[
    "title",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "type",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "example",
    "deprecated",
    "$ref",
];

/// The extensions read on a schema.
const SCHEMA_EXTENSIONS: &[&str] = &["x-enum-descriptions", "x-required-when"];

static DISCRIMINATOR: Obj = Obj {
    what: "a discriminator",
    keys: &[("propertyName", Node::Text), ("mapping", TEXT_MAP)],
    required: &["propertyName"],
    extensions: &[],
};

static XML: Obj = Obj {
    what: "xml",
    keys: &[
        ("name", Node::Text),
        ("namespace", Node::Text),
        ("prefix", Node::Text),
        ("attribute", Node::Bool),
        ("wrapped", Node::Bool),
    ],
    required: &[],
    extensions: &[],
};

// ------------------------------------------------------------------------------ extensions

/// Every extension the project's tools read, and where: an `x-` key close to one of these is a
/// misspelling, and one of these where it is not read would do nothing.
const EXTENSIONS: &[(&str, &str)] = &[
    ("x-crate", "at the top level"),
    ("x-client", "at the top level"),
    ("x-region", "on a server"),
    ("x-signing", "on a security scheme"),
    ("x-credential-env", "on a security scheme"),
    ("x-value-schema", "on a security scheme"),
    ("x-client-config", "on a parameter"),
    ("x-enum-descriptions", "on a schema with an enum"),
    ("x-required-when", "on an object schema"),
    ("x-doc-decisions", "anywhere"),
];

/// Extensions of other tools of the project, allowed on any object.
const ANYWHERE: &[&str] = &["x-doc-decisions"];

static X_CRATE: Obj = Obj {
    what: "x-crate",
    keys: &[
        ("name", Node::Text),
        ("version", Node::Text),
        ("description", Node::Text),
    ],
    required: &[],
    extensions: &[],
};

static X_CLIENT: Obj = Obj {
    what: "x-client",
    keys: &[
        ("user-agent", Node::Text),
        ("endpoint-env", Node::Text),
        ("region-env", Node::Text),
        ("settings", Node::Map(&Node::Obj(&X_CLIENT_SETTING))),
        ("errors", Node::Obj(&X_CLIENT_ERRORS)),
    ],
    required: &[],
    extensions: &[],
};

static X_CLIENT_SETTING: Obj = Obj {
    what: "a setting of x-client",
    keys: &[
        ("description", Node::Text),
        ("env", Node::TextList),
        ("header", Node::Text),
    ],
    required: &[],
    extensions: &[],
};

static X_CLIENT_ERRORS: Obj = Obj {
    what: "x-client.errors",
    keys: &[
        ("code", Node::TextList),
        ("message", Node::TextList),
        ("request-id", Node::TextList),
        ("request-id-headers", Node::TextList),
    ],
    required: &[],
    extensions: &[],
};

static X_REQUIRED_WHEN_RULE: Obj = Obj {
    what: "an x-required-when rule",
    keys: &[
        ("require", Node::TextList),
        ("when", Node::Obj(&X_REQUIRED_WHEN_CONDITION)),
        ("description", Node::Text),
    ],
    required: &["require", "when"],
    extensions: &[],
};

static X_REQUIRED_WHEN_CONDITION: Obj = Obj {
    what: "the `when` of an x-required-when rule",
    keys: &[
        ("property", Node::Text),
        ("equals", Node::Any),
        ("in", Node::Seq(&Node::Any)),
    ],
    required: &["property"],
    extensions: &[],
};

// ----------------------------------------------------------------------------------- walker

struct Walker<'f> {
    file: &'f str,
    out: Checked,
    /// Above 0 inside an extension: its problems do not stop the typed parse.
    in_extension: usize,
    /// Whether each schema is parsed on its own (not with non-finite numbers in the document).
    typed_parse: bool,
    /// The findings to put in place of a part's entries, taken when the walk reaches it.
    spliced: Spliced,
}

impl<'f> Walker<'f> {
    fn new(file: &'f str, spliced: Spliced) -> Self {
        Walker {
            file,
            out: Checked::default(),
            in_extension: 0,
            typed_parse: true,
            spliced,
        }
    }

    /// Walks the whole document; `false` when it has a non-finite number.
    fn document(&mut self, doc: &Value) -> bool {
        let non_finite = non_finite(doc, "#");
        let finite = non_finite.is_empty();
        for (pointer, n) in non_finite {
            // `openapiv3` panics on them: no schema is parsed on its own either.
            self.typed_parse = false;
            self.fatal(
                pointer,
                format!("the number {n} is not finite"),
                Some("JSON has no infinities or NaN: write a finite number or remove the keyword"),
            );
        }
        self.node(doc, "#", Node::Obj(&ROOT));
        finite
    }

    /// Findings checked elsewhere, in their place in the document's order.
    fn splice(&mut self, checked: Checked) {
        self.out.errors.extend(checked.errors);
        self.out.fatal |= checked.fatal;
    }

    fn push(&mut self, at: String, message: String, hint: Option<&str>, fatal: bool) {
        let mut e = SpecError::new(self.file, at, message);
        e.hint = hint.map(str::to_string);
        self.out.errors.push(e);
        self.out.fatal |= fatal && self.in_extension == 0;
    }

    /// A problem that would make the typed parse fail.
    fn fatal(&mut self, at: String, message: String, hint: Option<&str>) {
        self.push(at, message, hint, true);
    }

    /// A problem the typed parse would not notice.
    fn note(&mut self, at: String, message: String, hint: Option<&str>) {
        self.push(at, message, hint, false);
    }

    fn node(&mut self, v: &Value, at: &str, node: Node) {
        let v = untag(v);
        if v.is_null() {
            // An empty value: left to the typed parse, which knows what may be absent.
            return;
        }
        match node {
            Node::Any => {}
            Node::Text => {
                if !is_scalar(v) {
                    self.fatal(
                        at.to_string(),
                        format!("expected text, not {}", kind(v)),
                        None,
                    );
                }
            }
            Node::Bool => {
                if !v.is_bool() {
                    self.fatal(
                        at.to_string(),
                        format!("expected true or false, not {}", show(v)),
                        None,
                    );
                }
            }
            Node::Word(words) => self.word(v, at, words, true),
            Node::TextList => {
                if let Some(list) = self.sequence(v, at) {
                    for (i, item) in list.iter().enumerate() {
                        self.node(item, &ptr(at, &i.to_string()), Node::Text);
                    }
                }
            }
            Node::Obj(obj) => self.object(v, at, obj, false),
            Node::RefOr(inner) => {
                if let Some(r) = get(v, "$ref") {
                    // OpenAPI 3.0 ignores the siblings of a $ref.
                    if !r.is_string() {
                        self.fatal(
                            ptr(at, "$ref"),
                            format!("$ref must be a string, not {}", kind(r)),
                            None,
                        );
                    }
                } else {
                    match *inner {
                        Node::Obj(obj) => self.object(v, at, obj, true),
                        other => self.node(v, at, other),
                    }
                }
            }
            Node::Map(inner) => {
                if let Some(map) = self.mapping(v, at) {
                    for (k, item) in map {
                        self.node(item, &ptr(at, &key_text(k)), *inner);
                    }
                }
            }
            Node::Seq(inner) => {
                if let Some(list) = self.sequence(v, at) {
                    for (i, item) in list.iter().enumerate() {
                        self.node(item, &ptr(at, &i.to_string()), *inner);
                    }
                }
            }
            Node::Schema => {
                self.schema(v, at, 0);
            }
            Node::Paths => match self.spliced.paths.take() {
                Some(checked) => self.splice(checked),
                None => self.paths(v, at),
            },
            Node::Schemas => match self.spliced.schemas.take() {
                Some(checked) => self.splice(checked),
                None => {
                    if let Some(map) = self.mapping(v, at) {
                        self.schema_entries(map, at);
                    }
                }
            },
            Node::Responses => self.responses(v, at),
            Node::Parameter => self.parameter(v, at),
            Node::Header => self.object(v, at, &HEADER, true),
            Node::SecurityScheme => self.security_scheme(v, at),
        }
    }

    fn mapping<'v>(&mut self, v: &'v Value, at: &str) -> Option<&'v serde_yaml::Mapping> {
        let map = v.as_mapping();
        if map.is_none() {
            self.fatal(
                at.to_string(),
                format!("expected a mapping, not {}", kind(v)),
                None,
            );
        }
        map
    }

    fn sequence<'v>(&mut self, v: &'v Value, at: &str) -> Option<&'v Vec<Value>> {
        let list = v.as_sequence();
        if list.is_none() {
            self.fatal(
                at.to_string(),
                format!("expected a list, not {}", kind(v)),
                None,
            );
        }
        list
    }

    /// A word from a fixed set, with a suggestion when it is misspelled.
    fn word(&mut self, v: &Value, at: &str, words: &[&str], fatal: bool) {
        let found = v.as_str();
        if found.is_some_and(|w| words.contains(&w)) {
            return;
        }
        let shown = found.map_or_else(|| show(v), |w| format!("{:?}", short(w)));
        let message = match found.and_then(|w| closest(w, words.iter().copied())) {
            Some(near) => format!("unknown value {shown}; did you mean `{near}`?"),
            None => format!("unknown value {shown}"),
        };
        let hint = format!("use one of: {}", words.join(", "));
        self.push(at.to_string(), message, Some(&hint), fatal);
    }

    /// An object: each key checked against the object's keywords and extensions.
    fn object(&mut self, v: &Value, at: &str, obj: &Obj, may_ref: bool) {
        let Some(map) = self.mapping(v, at) else {
            return;
        };
        for (k, item) in map {
            let key = key_text(k);
            let item_at = ptr(at, &key);
            if let Some((_, node)) = obj.keys.iter().find(|(name, _)| *name == key) {
                self.node(item, &item_at, *node);
            } else if key.starts_with("x-") {
                self.extension(&key, item, &item_at, obj.extensions, obj.what);
            } else {
                let names = obj.keys.iter().map(|(name, _)| *name);
                let refs = may_ref.then_some("$ref");
                self.unknown_key(&key, &item_at, obj.what, names.chain(refs));
            }
        }
        for key in obj.required {
            if !map.contains_key(*key) {
                self.fatal(
                    ptr(at, key),
                    format!("{} needs `{key}`", capitalised(obj.what)),
                    None,
                );
            }
        }
    }

    /// A key that is no keyword of `what`: a misspelling when close to one.
    fn unknown_key<'k>(
        &mut self,
        key: &str,
        at: &str,
        what: &str,
        keywords: impl Iterator<Item = &'k str> + Clone,
    ) {
        let (message, hint) = match closest(key, keywords.clone()) {
            Some(near) => (
                format!("unknown key `{key}` in {what}; did you mean `{near}`?"),
                None,
            ),
            None => (
                format!("unknown key `{key}` in {what}"),
                Some(format!(
                    "the keys of {what} are: {}; an extension for another tool starts with `x-`",
                    keywords.collect::<Vec<_>>().join(", ")
                )),
            ),
        };
        self.note(at.to_string(), message, hint.as_deref());
    }

    /// An `x-` key on an object that reads `read_here`.
    fn extension(&mut self, key: &str, v: &Value, at: &str, read_here: &[&str], what: &str) {
        if read_here.contains(&key) || ANYWHERE.contains(&key) {
            self.in_extension += 1;
            self.extension_value(key, v, at);
            self.in_extension -= 1;
            return;
        }
        if let Some((_, place)) = EXTENSIONS.iter().find(|(name, _)| *name == key) {
            self.note(
                at.to_string(),
                format!("{key} is not read on {what}: it is read {place}"),
                Some("move it where it is read, or remove it"),
            );
            return;
        }
        let owned = read_here
            .iter()
            .copied()
            .chain(EXTENSIONS.iter().map(|(name, _)| *name));
        if let Some(near) = closest(key, owned) {
            self.note(
                at.to_string(),
                format!("unknown extension `{key}`; did you mean `{near}`?"),
                None,
            );
        }
        // Any other `x-` key belongs to another tool.
    }

    /// The value of an extension read here (not those checked with their schema or scheme).
    fn extension_value(&mut self, key: &str, v: &Value, at: &str) {
        match key {
            "x-crate" => self.node(v, at, Node::Obj(&X_CRATE)),
            "x-client" => self.node(v, at, Node::Obj(&X_CLIENT)),
            "x-region" | "x-signing" | "x-client-config" => self.node(v, at, Node::Text),
            "x-value-schema" => self.node(v, at, Node::Schema),
            "x-required-when" => self.node(v, at, X_REQUIRED_WHEN),
            // x-doc-decisions: checked by `cargo xtask docs`, which reads it.
            // x-enum-descriptions and x-credential-env: with their schema and scheme.
            _ => {}
        }
    }

    fn paths(&mut self, v: &Value, at: &str) {
        if let Some(map) = self.mapping(v, at) {
            self.path_entries(map, at);
        }
    }

    fn schema_entries(&mut self, map: &serde_yaml::Mapping, at: &str) {
        for (k, item) in map {
            self.node(item, &ptr(at, &key_text(k)), Node::Schema);
        }
    }

    fn path_entries(&mut self, map: &serde_yaml::Mapping, at: &str) {
        for (k, item) in map {
            let key = key_text(k);
            let item_at = ptr(at, &key);
            if key.starts_with('/') {
                self.node(item, &item_at, PATH_ITEM_OR_REF);
            } else if key.starts_with("x-") {
                self.extension(&key, item, &item_at, &[], "paths");
            } else {
                self.note(
                    item_at,
                    format!("the path {key:?} does not start with `/`"),
                    Some("write paths like `/v1/items/{id}`"),
                );
            }
        }
    }

    fn responses(&mut self, v: &Value, at: &str) {
        let Some(map) = self.mapping(v, at) else {
            return;
        };
        for (k, item) in map {
            let key = key_text(k);
            let item_at = ptr(at, &key);
            if key == "default" || is_status(&key) {
                self.node(item, &item_at, RESPONSE_OR_REF);
            } else if key.starts_with("x-") {
                self.extension(&key, item, &item_at, &[], "responses");
            } else {
                let message = match closest(&key, ["default"]) {
                    Some(near) => format!("{key:?} is not a status code; did you mean `{near}`?"),
                    None => format!("{key:?} is not a status code"),
                };
                self.note(
                    item_at,
                    message,
                    Some("key responses by status code (`200`, `4XX`) or `default`"),
                );
            }
        }
    }

    fn parameter(&mut self, v: &Value, at: &str) {
        self.object(v, at, &PARAMETER, true);
        let styles: &[&str] = match get(v, "in").and_then(Value::as_str) {
            Some("query") => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
            Some("path") => &["matrix", "label", "simple"],
            Some("header") => &["simple"],
            Some("cookie") => &["form"],
            _ => return,
        };
        if let Some(style) = get(v, "style") {
            if is_scalar(style) {
                self.word(style, &ptr(at, "style"), styles, true);
            }
        }
        if v.is_mapping() && get(v, "schema").is_none() && get(v, "content").is_none() {
            self.fatal(
                ptr(at, "schema"),
                "a parameter needs `schema` (or `content`)".to_string(),
                None,
            );
        }
    }

    fn security_scheme(&mut self, v: &Value, at: &str) {
        self.object(v, at, &SECURITY_SCHEME, true);
        let Some(env) = get(v, "x-credential-env") else {
            return;
        };
        let credentials: &[&str] = match (
            get(v, "type").and_then(Value::as_str),
            get(v, "scheme").and_then(Value::as_str),
        ) {
            (Some("apiKey"), _) if get(v, "x-signing").is_some() => {
                &["access_key", "secret_key", "security_token"]
            }
            (Some("apiKey"), _) => &["token"],
            (Some("http"), Some(s)) if s.eq_ignore_ascii_case("basic") => &["username", "password"],
            (Some("http"), _) => &["token"],
            _ => &[],
        };
        let at = ptr(at, "x-credential-env");
        self.in_extension += 1;
        if let Some(map) = self.mapping(env, &at) {
            for (k, names) in map {
                let key = key_text(k);
                let item_at = ptr(&at, &key);
                if credentials.contains(&key.as_str()) {
                    self.node(names, &item_at, Node::TextList);
                } else {
                    self.unknown_key(
                        &key,
                        &item_at,
                        "the x-credential-env of this scheme",
                        credentials.iter().copied(),
                    );
                }
            }
        }
        self.in_extension -= 1;
    }

    /// Checks one schema tree, innermost schemas first. Returns whether it is free of fatal
    /// problems.
    fn schema(&mut self, schema: &Value, at: &str, depth: usize) -> bool {
        let fatal_before = self.out.fatal;
        self.out.fatal = false;
        self.schema_inner(schema, at, depth);
        let clean = !self.out.fatal;
        if clean && self.in_extension == 0 && self.typed_parse {
            // Everything inside passed: the typed parse of this node does not backtrack into
            // them, and catches what the keyword tables do not.
            if let Err(e) = openapiv3::ReferenceOr::<openapiv3::Schema>::deserialize(schema) {
                self.fatal(
                    at.to_string(),
                    format!("not a valid schema: {e}"),
                    Some("see the Schema Object of the OpenAPI 3.0 specification"),
                );
            }
        }
        let clean = !self.out.fatal;
        self.out.fatal |= fatal_before;
        clean
    }

    fn schema_inner(&mut self, schema: &Value, at: &str, depth: usize) {
        if depth >= MAX_SCHEMA_DEPTH {
            self.fatal(
                at.to_string(),
                format!("schemas nest more than {MAX_SCHEMA_DEPTH} levels deep"),
                Some("flatten the schema, or name inner schemas under components.schemas"),
            );
            return;
        }
        let schema = untag(schema);
        let Some(map) = schema.as_mapping() else {
            self.fatal(
                at.to_string(),
                format!("a schema must be a mapping, not {}", kind(schema)),
                None,
            );
            return;
        };
        if let Some(r) = map.get("$ref") {
            if !r.is_string() {
                self.fatal(
                    ptr(at, "$ref"),
                    format!("$ref must be a string, not {}", kind(r)),
                    None,
                );
            }
            // OpenAPI 3.0 ignores the siblings of a $ref.
            return;
        }
        let ty = map.get("type").map(untag);
        let ty_name = match ty {
            None | Some(Value::Null) => None,
            Some(Value::String(t)) if TYPES.contains(&t.as_str()) => Some(t.as_str()),
            Some(t) => {
                let at = ptr(at, "type");
                match t.as_str() {
                    Some(name) => {
                        let message = match closest(name, TYPES.iter().copied()) {
                            Some(near) => format!("unknown type {name:?}; did you mean `{near}`?"),
                            None => format!("unknown type {name:?}"),
                        };
                        let hint = format!("the types are {}", TYPES.join(", "));
                        self.fatal(at, message, Some(&hint));
                    }
                    None if t.is_sequence() => self.fatal(
                        at,
                        "OpenAPI 3.0 schemas have a single type, not a list".to_string(),
                        Some("give one type; for a value that may be null, add `nullable: true`"),
                    ),
                    None => self.fatal(
                        at,
                        format!("type must be one of {}, not {}", TYPES.join(", "), show(t)),
                        None,
                    ),
                }
                None
            }
        };
        for (k, v) in map {
            let key = key_text(k);
            let kat = ptr(at, &key);
            let v = untag(v);
            if v.is_null() && key != "default" && key != "example" && key != "enum" {
                continue;
            }
            match key.as_str() {
                "type" | "default" | "example" => {}
                "title" | "pattern" | "description" | "format" => {
                    // A schema is also parsed on its own from the YAML value, which takes
                    // only strings here.
                    if !v.is_string() {
                        let hint = format!("quote it: {key}: \"{}\"", unquoted(v));
                        self.fatal(
                            kat,
                            format!("{key} must be a string, not {}", show(v)),
                            is_scalar(v).then_some(hint.as_str()),
                        );
                    }
                }
                "maxLength" | "minLength" | "maxItems" | "minItems" | "maxProperties"
                | "minProperties" => {
                    if v.as_u64().is_none() {
                        let hint = format!("write `{key}: {}` (without quotes)", unquoted(v));
                        self.fatal(
                            kat,
                            format!("{key} must be a whole number of 0 or more, not {}", show(v)),
                            v.is_string().then_some(hint.as_str()),
                        );
                    }
                }
                "minimum" | "maximum" | "multipleOf" => {
                    let integer = ty_name == Some("integer");
                    let ok = if integer {
                        v.as_i64().is_some()
                    } else {
                        v.is_number()
                    };
                    if !ok {
                        let what = if integer { "an integer" } else { "a number" };
                        let hint = format!("write `{key}: {}` (without quotes)", unquoted(v));
                        self.fatal(
                            kat,
                            format!("{key} must be {what}, not {}", show(v)),
                            v.is_string().then_some(hint.as_str()),
                        );
                    }
                }
                "exclusiveMinimum" | "exclusiveMaximum" => {
                    if !v.is_bool() {
                        let bound = if key == "exclusiveMinimum" {
                            "minimum"
                        } else {
                            "maximum"
                        };
                        let hint = format!(
                            "in OpenAPI 3.0 write the bound as `{bound}` and add `{key}: true`"
                        );
                        self.fatal(
                            kat,
                            format!("{key} must be true or false, not {}", show(v)),
                            Some(&hint),
                        );
                    }
                }
                "uniqueItems" if v.as_bool() == Some(true) => {
                    // A constraint validation would not check: refused rather than dropped.
                    self.note(
                        kat,
                        "uniqueItems: true is not supported: the client would not check it"
                            .to_string(),
                        Some("remove it, and say in the description that items must differ"),
                    );
                }
                "uniqueItems" | "nullable" | "readOnly" | "writeOnly" | "deprecated" => {
                    self.node(v, &kat, Node::Bool)
                }
                "required" => self.node(v, &kat, Node::TextList),
                "enum" => self.schema_enum(v, &kat, ty_name),
                "properties" => {
                    if let Some(props) = self.mapping(v, &kat) {
                        for (name, s) in props {
                            self.schema(s, &ptr(&kat, &key_text(name)), depth + 1);
                        }
                    }
                }
                "items" | "not" => {
                    self.schema(v, &kat, depth + 1);
                }
                "additionalProperties" => {
                    if !v.is_bool() {
                        self.schema(v, &kat, depth + 1);
                    }
                }
                "allOf" | "oneOf" | "anyOf" => {
                    // The typed parse reads a schema with `type` as that type and drops the
                    // composition next to it: refuse rather than lose it.
                    if ty_name.is_some() {
                        let hint = format!(
                            "remove `type` (the {key} members give the type), or move the \
                             schema's own properties into one more {key} member"
                        );
                        self.note(
                            kat.clone(),
                            format!("{key} next to `type` is not supported: one of them would be ignored"),
                            Some(&hint),
                        );
                    }
                    if let Some(list) = self.sequence(v, &kat) {
                        for (i, s) in list.iter().enumerate() {
                            self.schema(s, &ptr(&kat, &i.to_string()), depth + 1);
                        }
                    }
                }
                "discriminator" => self.node(v, &kat, Node::Obj(&DISCRIMINATOR)),
                "xml" => self.node(v, &kat, Node::Obj(&XML)),
                "externalDocs" => self.node(v, &kat, EXTERNAL_DOCS),
                "x-enum-descriptions" => {
                    self.in_extension += 1;
                    self.enum_descriptions(v, &kat, map.get("enum"), at);
                    self.in_extension -= 1;
                }
                _ if key.starts_with("x-") => {
                    self.extension(&key, v, &kat, SCHEMA_EXTENSIONS, "a schema")
                }
                _ => self.unknown_key(&key, &kat, "a schema", SCHEMA_KEYS.iter().copied()),
            }
        }
    }

    /// `enum`: a list whose values have the schema's type. Each wrong value is named.
    fn schema_enum(&mut self, v: &Value, at: &str, ty: Option<&str>) {
        let Some(values) = self.sequence(v, at) else {
            return;
        };
        for (i, value) in values.iter().enumerate() {
            let value = untag(value);
            let ok = match ty {
                // null is checked by the lowering, which says what to write instead.
                _ if value.is_null() => true,
                Some("string") => value.is_string(),
                Some("integer") => value.as_i64().is_some(),
                Some("number") => value.is_number(),
                Some("boolean") => value.is_bool(),
                Some("array") => value.is_sequence(),
                Some("object") => value.is_mapping(),
                _ => true,
            };
            if !ok {
                let ty = ty.unwrap_or_default();
                let hint = (ty == "string" && is_scalar(value))
                    .then(|| format!("quote it: \"{}\"", unquoted(value)));
                self.fatal(
                    ptr(at, &i.to_string()),
                    format!(
                        "enum value {} is {}, but the schema's type is {ty}",
                        show(value),
                        kind(value)
                    ),
                    hint.as_deref(),
                );
            }
        }
    }

    /// `x-enum-descriptions`: one line per enum value, keyed by the value; `schema_at` is the
    /// schema.
    fn enum_descriptions(&mut self, v: &Value, at: &str, values: Option<&Value>, schema_at: &str) {
        let Some(map) = self.mapping(v, at) else {
            return;
        };
        let Some(values) = values.map(untag).and_then(Value::as_sequence) else {
            self.note(
                at.to_string(),
                "x-enum-descriptions describes enum values, but this schema has no `enum`"
                    .to_string(),
                Some("add the enum, or remove x-enum-descriptions"),
            );
            return;
        };
        let values: Vec<String> = values
            .iter()
            .filter(|v| !v.is_null())
            .map(key_text)
            .collect();
        for (k, line) in map {
            let key = key_text(k);
            let item_at = ptr(at, &key);
            if !values.contains(&key) {
                let message = match closest(&key, values.iter().map(String::as_str)) {
                    Some(near) => {
                        format!("{key:?} is not a value of the enum; did you mean {near:?}?")
                    }
                    None => format!("{key:?} is not a value of the enum"),
                };
                let hint = format!("the values are: {}", values.join(", "));
                self.note(item_at, message, Some(&hint));
            } else if !untag(line).is_string() {
                self.note(
                    item_at,
                    format!("expected a line of text, not {}", kind(untag(line))),
                    None,
                );
            }
        }
        for (i, value) in values.iter().enumerate() {
            let described = map.keys().any(|k| key_text(k) == *value);
            if !described {
                self.note(
                    ptr(&ptr(schema_at, "enum"), &i.to_string()),
                    format!("the enum value {value:?} has no line in x-enum-descriptions"),
                    Some("give every value a line, keyed by the value as written in `enum`"),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------- helpers

/// Every non-finite number in `v`, with its pointer. Real specs have none, so a first walk
/// without pointers looks for one; only then are pointers built.
fn non_finite(v: &Value, pointer: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut stack = vec![v];
    let mut any = false;
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) => any |= n.as_f64().is_some_and(|f| !f.is_finite()),
            Value::Sequence(items) => stack.extend(items),
            Value::Mapping(map) => stack.extend(map.values()),
            Value::Tagged(t) => stack.push(&t.value),
            _ => {}
        }
        if any {
            break;
        }
    }
    if !any {
        return out;
    }
    // An explicit stack: the walk must not recurse as deep as the input nests.
    let mut stack = vec![(v, pointer.to_string())];
    while let Some((v, at)) = stack.pop() {
        match v {
            Value::Number(n) => {
                if let Some(f) = n.as_f64() {
                    if !f.is_finite() {
                        out.push((at, f));
                    }
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, format!("{at}/{i}")));
                }
            }
            Value::Mapping(map) => {
                for (k, item) in map.iter().collect::<Vec<_>>().into_iter().rev() {
                    stack.push((item, format!("{at}/{}", pointer_token(&key_text(k)))));
                }
            }
            Value::Tagged(t) => stack.push((&t.value, at)),
            _ => {}
        }
    }
    out
}

/// A mapping key (or scalar) as text, for pointers.
fn key_text(k: &Value) -> String {
    match untag(k) {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_string(),
        _ => "?".to_string(),
    }
}

fn untag(v: &Value) -> &Value {
    match v {
        Value::Tagged(t) => untag(&t.value),
        other => other,
    }
}

fn get<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    untag(v).as_mapping().and_then(|m| m.get(key))
}

fn ptr(base: &str, token: &str) -> String {
    crate::error::child_pointer(base, token)
}

fn is_scalar(v: &Value) -> bool {
    matches!(
        untag(v),
        Value::String(_) | Value::Number(_) | Value::Bool(_)
    )
}

/// A status code key: `200`, `404`, `2XX`.
fn is_status(key: &str) -> bool {
    let b = key.as_bytes();
    b.len() == 3
        && (b'1'..=b'9').contains(&b[0])
        && ((b[1].is_ascii_digit() && b[2].is_ascii_digit()) || &b[1..] == b"XX")
}

fn capitalised(what: &str) -> String {
    let mut chars = what.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The YAML kind of a value, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// A short rendering of a scalar (or its kind), for messages.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("the string {:?}", short(s)),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => kind(other).to_string(),
    }
}

/// A scalar as written without quotes.
fn unquoted(v: &Value) -> String {
    match v {
        Value::String(s) => short(s),
        other => key_text(other),
    }
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::check;

    fn errors(yaml: &str) -> Vec<(String, String)> {
        let doc = serde_yaml::from_str(yaml).expect("yaml");
        check(&doc, "t.yaml")
            .errors
            .into_iter()
            .map(|e| (e.pointer, e.message))
            .collect()
    }

    const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

    #[test]
    fn a_clean_document_has_no_errors() {
        let yaml = format!(
            "{HEAD}components:\n  schemas:\n    A:\n      type: string\n      enum: [a, b]\n      \
             x-enum-descriptions: {{a: first, b: second}}\n      x-other-tool: 1\n"
        );
        assert_eq!(errors(&yaml), Vec::<(String, String)>::new());
    }

    #[test]
    fn misspelled_keywords_are_named_with_a_suggestion() {
        let yaml = format!(
            "{HEAD}components:\n  schemas:\n    A: {{type: string, maxLenght: 3}}\n    \
             B: {{type: string, enum: [a], x-enum-description: {{a: x}}}}\n"
        );
        let found = errors(&yaml);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "#/components/schemas/A/maxLenght");
        assert!(
            found[0].1.contains("did you mean `maxLength`?"),
            "{found:?}"
        );
        assert_eq!(found[1].0, "#/components/schemas/B/x-enum-description");
        assert!(
            found[1].1.contains("did you mean `x-enum-descriptions`?"),
            "{found:?}"
        );
    }

    #[test]
    fn values_of_the_wrong_kind_are_named_at_their_own_node() {
        let yaml = format!(
            "{HEAD}components:\n  schemas:\n    A: {{type: sting}}\n    \
             B: {{type: string, enum: [a, b, c, 3]}}\n    C: {{type: string, maxLength: '256'}}\n"
        );
        let doc = serde_yaml::from_str(&yaml).expect("yaml");
        let checked = check(&doc, "t.yaml");
        assert!(checked.fatal);
        let found: Vec<_> = checked
            .errors
            .iter()
            .map(|e| (e.pointer.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "#/components/schemas/A/type",
                    "unknown type \"sting\"; did you mean `string`?"
                ),
                (
                    "#/components/schemas/B/enum/3",
                    "enum value 3 is a number, but the schema's type is string"
                ),
                (
                    "#/components/schemas/C/maxLength",
                    "maxLength must be a whole number of 0 or more, not the string \"256\""
                ),
            ]
        );
    }

    #[test]
    fn a_number_where_a_schema_wants_text_is_named_at_its_keyword() {
        let yaml = format!("{HEAD}components:\n  schemas:\n    A: {{type: string, format: 5}}\n");
        let found = errors(&yaml);
        assert_eq!(
            found,
            [(
                "#/components/schemas/A/format".to_string(),
                "format must be a string, not 5".to_string()
            )]
        );
    }

    #[test]
    fn foreign_extensions_stay_allowed_and_owned_ones_in_the_wrong_place_are_named() {
        let yaml = format!("{HEAD}x-amazon-apigateway-importexport-version: '1.0'\nx-region: eu\n");
        let found = errors(&yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "#/x-region");
        assert!(found[0].1.contains("on a server"), "{found:?}");
    }
}
