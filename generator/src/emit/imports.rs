//! The `use` lines of a generated module.
//!
//! Emitted code names the crate's own modules by one segment (`runtime::Error`,
//! `validation::length`, `models::Spec`) and the standard prelude's items bare (`Option`,
//! `String`), which keeps the files short and readable. A module imports exactly the modules its
//! code uses: [`used`] reads them off the formatted text, [`insert`] puts the `use` lines after
//! the module's docs. The prelude's names cannot be shadowed: the lowering never gives a type one
//! of them (see `naming::PRELUDE`).

use std::collections::BTreeSet;

/// The modules generated code may name by their last segment, with the path each is imported
/// by, in the order rustfmt sorts them.
const MODULES: &[(&str, &str)] = &[
    ("models", "crate::models"),
    ("runtime", "crate::runtime"),
    ("validation", "crate::runtime::validation"),
];

/// The modules of `MODULES` that start a path (`runtime::` not after `::`) in the code of
/// `text`: comments, string literals and character literals are skipped.
pub fn used(text: &str) -> BTreeSet<&'static str> {
    used_outside(text, None)
}

/// [`used`] for the code of the module `own` (`models`), which does not import itself: `own`
/// is not looked for, so that the scan stops as soon as every other module was found.
pub fn used_outside(text: &str, own: Option<&str>) -> BTreeSet<&'static str> {
    let bytes = text.as_bytes();
    let mut found = BTreeSet::new();
    let wanted = MODULES
        .iter()
        .filter(|(name, _)| Some(*name) != own)
        .count();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            b'"' => i = skip_string(bytes, i + 1),
            b'r' if raw_string_start(bytes, i).is_some() && !ident_before(bytes, i) => {
                let (hashes, open) = raw_string_start(bytes, i).unwrap_or((0, i + 1));
                let close = format!("\"{}", "#".repeat(hashes));
                i = text[open..]
                    .find(&close)
                    .map_or(bytes.len(), |n| open + n + close.len());
            }
            b'\'' => i = skip_quote(text, i),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let word = &text[start..i];
                let after_path = start >= 2 && &bytes[start - 2..start] == b"::";
                if !after_path && bytes.get(i..i + 2) == Some(b"::") {
                    if let Some((name, _)) = MODULES
                        .iter()
                        .find(|(name, _)| *name == word && Some(*name) != own)
                    {
                        found.insert(*name);
                        if found.len() == wanted {
                            break;
                        }
                    }
                }
            }
            _ => i += 1,
        }
    }
    found
}

/// `text` (a formatted file: header line, blank line, module docs, items) with a `use` line for
/// each module of `modules`, after the module docs.
pub fn insert(text: &str, modules: &BTreeSet<&str>) -> String {
    let mut at = 0;
    let mut lines = text.split_inclusive('\n');
    // The header and the blank line after it, then the `//!` lines.
    for line in lines.by_ref() {
        at += line.len();
        if line.trim().is_empty() {
            break;
        }
    }
    for line in lines {
        if !line.starts_with("//!") {
            break;
        }
        at += line.len();
    }
    let mut out = String::with_capacity(text.len() + 100);
    out.push_str(&text[..at]);
    for (name, path) in MODULES {
        if modules.contains(name) {
            out.push_str("use ");
            out.push_str(path);
            out.push_str(";\n");
        }
    }
    out.push_str(&text[at..]);
    out
}

fn ident_before(bytes: &[u8], i: usize) -> bool {
    i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')
}

/// At `r"` or `r#…#"`: the number of hashes and the index after the opening quote.
fn raw_string_start(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut j = i + 1;
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    (bytes.get(j) == Some(&b'"')).then_some((j - i - 1, j + 1))
}

/// The index after the string literal whose contents start at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The index after a character literal or a lifetime starting at the quote `i` of `text`.
fn skip_quote(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(i + 1) {
        Some(b'\\') => {
            // An escaped character (`'\''`, `'\u{1F600}'`): after it, up to the closing quote.
            let mut j = i + 3;
            while j < bytes.len() && bytes[j] != b'\'' {
                j += 1;
            }
            j + 1
        }
        // One character (possibly several bytes) then a quote: a character literal. `i + 1`
        // follows an ASCII quote, so it is a character boundary.
        Some(_) => {
            let len = text[i + 1..].chars().next().map_or(1, char::len_utf8);
            if bytes.get(i + 1 + len) == Some(&b'\'') {
                i + 2 + len
            } else {
                i + 1
            }
        }
        None => i + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_modules_that_start_paths_in_code() {
        let text = "fn f() -> runtime::Error { validation::length(models::X::VALUES) }";
        assert_eq!(
            used(text).into_iter().collect::<Vec<_>>(),
            ["models", "runtime", "validation"]
        );
    }

    #[test]
    fn the_own_module_is_not_looked_for() {
        let text = "fn f() -> runtime::Error { validation::length(models::X::VALUES) }";
        assert_eq!(
            used_outside(text, Some("models"))
                .into_iter()
                .collect::<Vec<_>>(),
            ["runtime", "validation"]
        );
        // Once every other module is found, the rest is not read.
        let text = "fn f() { runtime::a(); validation::b(); models::c(); }";
        assert_eq!(
            used_outside(text, Some("runtime"))
                .into_iter()
                .collect::<Vec<_>>(),
            ["models", "validation"]
        );
    }

    #[test]
    fn skips_comments_strings_characters_and_longer_paths() {
        let text = concat!(
            "/// See [`runtime::Error`].\n",
            "//! models::X\n",
            "/* validation::x */\n",
            "const A: &str = \"runtime::x \\\" models::y\";\n",
            "const B: &str = r#\"validation::\"# ;\n",
            "const C: char = '\"'; fn g<'a>(x: &'a crate::runtime::X) -> my_models::Y {}\n",
            "const D: [char; 2] = ['\\'', '\\\\']; const E: &str = \"models::\";\n",
        );
        assert!(used(text).is_empty(), "{:?}", used(text));
    }

    #[test]
    fn puts_the_use_lines_after_the_module_docs() {
        let text = "// header\n\n//! Docs.\n//! More.\npub struct A;\n";
        let modules = BTreeSet::from(["runtime", "models"]);
        assert_eq!(
            insert(text, &modules),
            "// header\n\n//! Docs.\n//! More.\nuse crate::models;\nuse crate::runtime;\npub struct A;\n"
        );
        assert_eq!(insert(text, &BTreeSet::new()), text);
    }
}
