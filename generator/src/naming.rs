//! The one place where spec names become Rust names: heck for the case conversion, plus
//! sanitising so that every result is a valid identifier.
//!
//! - Rust keywords become raw identifiers (`type` -> `r#type`), except `self`, `Self`, `super`,
//!   `crate` (and `_`), which cannot be raw and get a trailing `_`.
//! - A leading digit gets a `_` prefix for fields (`2fa` -> `_2fa`) and a `V` prefix for types and
//!   variants (`404` -> `V404`), keeping the UpperCamelCase convention.
//! - Characters that cannot appear in an identifier separate words (`x-auth-token` -> `x_auth_token`).
//! - Names that collide after conversion are made unique deterministically by [`Deduper`]: the
//!   first keeps its name, later ones get a numeric suffix (`foo_bar`, `foo_bar_2`).

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use std::collections::BTreeSet;

/// Rust keywords (strict and reserved, all editions up to 2024).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The type-namespace names of the standard prelude (Rust 2021) that generated code uses bare
/// (`Option`, `String`, `Vec`, `Into`...). A model type cannot take one (a schema named `Result`
/// becomes `Result2`), so none of them is ever shadowed in `src/models.rs`.
pub const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Err",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Replaces characters that cannot be in an identifier by spaces, so heck treats them as word
/// boundaries.
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Keeps only ASCII alphanumerics and `_` (heck keeps Unicode letters; identifiers may contain
/// them, but the generated API should be typeable by everyone).
fn ascii(s: String) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn sanitise(mut name: String, empty: &str, digit_prefix: &str) -> String {
    if name.is_empty() {
        name = empty.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, digit_prefix);
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// `raw` in UpperCamelCase, as heck converts it, ASCII only.
fn upper_camel(raw: &str) -> String {
    if !raw.is_ascii() {
        return ascii(words(raw).to_upper_camel_case());
    }
    let mut out = String::with_capacity(raw.len());
    for word in ascii_words(raw) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

/// `raw` in snake_case, as heck converts it, ASCII only.
fn snake(raw: &str) -> String {
    if !raw.is_ascii() {
        return ascii(words(raw).to_snake_case());
    }
    let mut out = String::with_capacity(raw.len() + 4);
    for word in ascii_words(raw) {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

/// The words of an ASCII name, split where heck splits them (without its `Formatter` per word,
/// which made naming a fifth of lowering): at every character that is not a letter or digit,
/// between a lowercase letter and an uppercase one (`scanInfo`), and before the last of a run of
/// uppercase letters followed by a lowercase one (`HTTPServer`). A test compares it with heck.
fn ascii_words(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|word| {
            let b = word.as_bytes();
            let mut cuts = Vec::new();
            // The case of the last cased letter since the last cut: 0 none, 1 lower, 2 upper.
            let mut mode = 0;
            for i in 0..b.len().saturating_sub(1) {
                let (c, next) = (b[i], b[i + 1]);
                let next_mode = if c.is_ascii_lowercase() {
                    1
                } else if c.is_ascii_uppercase() {
                    2
                } else {
                    mode
                };
                if next_mode == 1 && next.is_ascii_uppercase() {
                    cuts.push(i + 1);
                    mode = 0;
                } else if mode == 2 && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                    cuts.push(i);
                    mode = 0;
                } else {
                    mode = next_mode;
                }
            }
            cuts.push(b.len());
            let mut from = 0;
            cuts.into_iter().map(move |to| {
                let part = &word[from..to];
                from = to;
                part
            })
        })
        .filter(|word| !word.is_empty())
}

/// A type name: UpperCamelCase (`cluster_scan_info` -> `ClusterScanInfo`).
pub fn type_name(raw: &str) -> String {
    sanitise(upper_camel(raw), "Unnamed", "V")
}

/// An enum variant name: UpperCamelCase (`specific_cluster` -> `SpecificCluster`,
/// `SwrPrivate` stays, `0x7fffffff` -> `V0x7fffffff`).
pub fn variant_name(raw: &str) -> String {
    sanitise(upper_camel(raw), "Empty", "V")
}

/// A field, parameter, method or module name: snake_case (`X-Auth-Token` -> `x_auth_token`).
pub fn field_name(raw: &str) -> String {
    sanitise(snake(raw), "unnamed", "_")
}

/// The builder setter of a field or parameter named `field`: the field's own name (`r#type`,
/// `_2fa`), except `build`, which is the builder's finishing method, so its setter is `build_`.
pub fn setter_name(field: &str) -> String {
    if field == BUILD_METHOD {
        format!("{field}_")
    } else {
        field.to_string()
    }
}

/// The method that finishes a builder (`TypeBuilder::build`).
pub const BUILD_METHOD: &str = "build";

/// The builder type of a type named `type_name` (`Task` -> `TaskBuilder`, `Self_` ->
/// `SelfBuilder`: the `_` that kept a keyword off the name is not needed any more).
pub fn builder_type_name(type_name: &str) -> String {
    format!(
        "{}Builder",
        type_name.trim_start_matches("r#").trim_end_matches('_')
    )
}

/// The request type of an operation, from its type prefix (`CreateTask` -> `CreateTaskRequest`).
pub fn request_type_name(type_prefix: &str) -> String {
    format!("{type_prefix}Request")
}

/// The file stem of a module or program named `name` (`r#type` -> `type`): file names take no
/// `r#`.
pub fn file_stem(name: &str) -> String {
    name.trim_start_matches("r#").to_string()
}

/// The Rust library name of a Cargo package name (`huaweicloud-hss` -> `huaweicloud_hss`).
pub fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

/// Whether `name` is an HTTP header name: a token of RFC 9110 (visible ASCII except
/// separators), not empty.
pub fn is_http_token(name: &str) -> bool {
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    !name.is_empty() && name.bytes().all(token)
}

/// Makes an identifier from a name produced by this module (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Hands out unique names within one scope (the fields of a struct, the variants of an enum, the
/// types of a crate), in call order, so the result depends only on the spec's order.
#[derive(Debug, Default)]
pub struct Deduper {
    taken: BTreeSet<String>,
}

impl Deduper {
    /// A deduper with some names already taken (reserved names of the scope).
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Deduper {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Returns `name` if it is free, or `name` with the smallest numeric suffix (from 2) that is
    /// free. `sep` goes between the name and the suffix (`_` for snake_case, `` for CamelCase).
    pub fn unique(&mut self, name: String, sep: &str) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let base = name.strip_prefix("r#").unwrap_or(&name).to_string();
        let base = base.strip_suffix('_').unwrap_or(&base).to_string();
        let mut n = 2u32;
        loop {
            let candidate = format!("{base}{sep}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }

    /// Whether a name is already taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII conversions are heck's, for every name of up to six characters over letters of
    /// both cases, a digit, `_` and `-` (and a few longer ones).
    #[test]
    fn ascii_case_conversion_is_hecks() {
        let alphabet = ['a', 'b', 'A', 'B', '1', '_', '-'];
        let mut names = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            last = last
                .iter()
                .flat_map(|n| alphabet.iter().map(move |c| format!("{n}{c}")))
                .collect();
            names.extend(last.iter().cloned());
        }
        names.extend(
            [
                "HTTPServer",
                "scanInfoV2",
                "X-Auth-Token",
                "IPv6Address",
                "already_snake_case",
                "ABC",
                "aBC",
                "getHTTPResponseCode",
                "__init__",
                "v1.2",
            ]
            .map(String::from),
        );
        assert!(names.len() > 100_000);
        for name in &names {
            let spaced = words(name);
            assert_eq!(snake(name), ascii(spaced.to_snake_case()), "{name:?}");
            assert_eq!(
                upper_camel(name),
                ascii(spaced.to_upper_camel_case()),
                "{name:?}"
            );
        }
    }

    #[test]
    fn tricky_names() {
        // (input, field_name, type_name, variant_name)
        let table: &[(&str, &str, &str, &str)] = &[
            ("task_type", "task_type", "TaskType", "TaskType"),
            ("taskType", "task_type", "TaskType", "TaskType"),
            ("X-Auth-Token", "x_auth_token", "XAuthToken", "XAuthToken"),
            ("type", "r#type", "Type", "Type"),
            ("match", "r#match", "Match", "Match"),
            ("async", "r#async", "Async", "Async"),
            ("self", "self_", "Self_", "Self_"),
            ("Self", "self_", "Self_", "Self_"),
            ("super", "super_", "Super", "Super"),
            ("crate", "crate_", "Crate", "Crate"),
            ("2fa", "_2fa", "V2fa", "V2fa"),
            ("404", "_404", "V404", "V404"),
            ("0x7fffffff", "_0x7fffffff", "V0x7fffffff", "V0x7fffffff"),
            ("", "unnamed", "Unnamed", "Empty"),
            ("_", "unnamed", "Unnamed", "Empty"),
            ("---", "unnamed", "Unnamed", "Empty"),
            ("SwrPrivate", "swr_private", "SwrPrivate", "SwrPrivate"),
            ("k8s_yaml", "k8s_yaml", "K8sYaml", "K8sYaml"),
            (
                "all_granted_eps",
                "all_granted_eps",
                "AllGrantedEps",
                "AllGrantedEps",
            ),
            ("cn-north-4", "cn_north_4", "CnNorth4", "CnNorth4"),
            ("HTTPServer", "http_server", "HttpServer", "HttpServer"),
            ("naïve", "nave", "Nave", "Nave"),
            ("a.b/c", "a_b_c", "ABC", "ABC"),
        ];
        for (raw, field, ty, variant) in table {
            // Exact output: a raw identifier must be expected as one (`r#type`).
            assert_eq!(*field, &field_name(raw), "field_name({raw:?})");
            assert_eq!(*ty, &type_name(raw), "type_name({raw:?})");
            assert_eq!(*variant, &variant_name(raw), "variant_name({raw:?})");
            // Every result must be a valid identifier.
            for name in [field_name(raw), type_name(raw), variant_name(raw)] {
                let parsed = syn::parse_str::<syn::Ident>(&name)
                    .unwrap_or_else(|e| panic!("{raw:?} -> {name} is not an ident: {e}"));
                assert_eq!(parsed, ident(&name), "{raw:?} -> {name}");
            }
        }
    }

    #[test]
    fn derived_names() {
        assert_eq!("r#type", &setter_name(&field_name("type")));
        assert_eq!("_2fa", &setter_name(&field_name("2fa")));
        assert_eq!("self_", &setter_name(&field_name("self")));
        assert_eq!("task_type", &setter_name(&field_name("taskType")));
        assert_eq!("build_", &setter_name(&field_name("build")));
        assert_eq!("TaskBuilder", &builder_type_name(&type_name("task")));
        assert_eq!("SelfBuilder", &builder_type_name(&type_name("Self")));
        assert_eq!(
            "CreateTaskRequest",
            &request_type_name(&type_name("CreateTask"))
        );
        assert_eq!("type", &file_stem(&field_name("type")));
        assert_eq!("list_tasks", &file_stem(&field_name("ListTasks")));
        for name in ["type", "2fa", "self", "build"] {
            let setter = setter_name(&field_name(name));
            assert_eq!(setter, ident(&setter).to_string());
        }
    }

    #[test]
    fn collisions_get_suffixes_in_order() {
        let mut d = Deduper::default();
        assert_eq!(d.unique(field_name("fooBar"), "_"), "foo_bar");
        assert_eq!(d.unique(field_name("foo_bar"), "_"), "foo_bar_2");
        assert_eq!(d.unique(field_name("foo-bar"), "_"), "foo_bar_3");
        let mut d = Deduper::default();
        assert_eq!(d.unique(variant_name("Host"), ""), "Host");
        assert_eq!(d.unique(variant_name("host"), ""), "Host2");
        let mut d = Deduper::with_reserved(&["body"]);
        assert_eq!(d.unique(field_name("body"), "_"), "body_2");
        let mut d = Deduper::default();
        assert_eq!(d.unique(field_name("type"), "_"), "r#type");
        assert_eq!(d.unique(field_name("Type"), "_"), "type_2");
    }
}
