//! Doc comments that skip the formatter.
//!
//! About a third of the generated lines are doc comments. Through syn and prettyplease each line
//! is an attribute to build, parse (unescaping its string) and print, and its text comes out
//! unchanged: prettyplease prints `#[doc = " text"]` on an item as the line `/// text` at the
//! item's indentation, with trailing spaces trimmed. So while a file is built inside [`deferred`],
//! [`lines`] records each block of doc lines in a table and puts one short marker attribute in the
//! tokens instead; [`expand`] then replaces each marker line of the formatted text by the block,
//! exactly as prettyplease would have printed it. Outside [`deferred`] (tests, one-off
//! formatting) the attributes are emitted as they are.
//!
//! The expansion checks its work: every marker must stand alone on its line and every block must
//! be used exactly once. Anything else gives `None`, and the caller formats the file again without
//! deferral, so a layout this module does not foresee costs time, never correctness.

use proc_macro2::TokenStream;
use quote::quote;
use std::cell::RefCell;
use std::sync::atomic::AtomicUsize;

/// What starts a marker's text: a private-use character, after which the block's index follows.
/// Generated doc lines start with a space or are empty, so no real line starts with it.
const MARK: char = '\u{F8FF}';

/// How many files of this process were formatted again without deferral because [`expand`]
/// refused their text. Tests check that it stays 0 for every fixture: a fallback is correct
/// output, but slow.
pub static FALLBACKS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static TABLE: RefCell<Option<Vec<Vec<String>>>> = const { RefCell::new(None) };
}

/// Runs `build` with doc comments deferred: returns its tokens and the table of doc blocks that
/// [`expand`] puts back into the formatted text.
pub fn deferred(build: impl FnOnce() -> TokenStream) -> (TokenStream, Vec<Vec<String>>) {
    let before = TABLE.with(|t| t.replace(Some(Vec::new())));
    let tokens = build();
    let table = TABLE.with(|t| t.replace(before)).unwrap_or_default();
    (tokens, table)
}

/// Outer doc attributes for `lines` (each one line of doc text, as it follows `///`): one marker
/// attribute inside [`deferred`], one `#[doc]` per line outside it.
pub fn lines(lines: Vec<String>) -> TokenStream {
    if lines.is_empty() {
        return TokenStream::new();
    }
    // A line prettyplease would not print as `///` (one that starts with `/` or holds a line
    // break) is never deferred; generated lines are not like that, but the check is cheap.
    let plain = lines
        .iter()
        .all(|l| !l.starts_with('/') && !l.contains('\n') && !l.starts_with(MARK));
    let index = TABLE.with(|t| {
        let mut table = t.borrow_mut();
        let table = table.as_mut().filter(|_| plain)?;
        table.push(lines.clone());
        Some(table.len() - 1)
    });
    match index {
        Some(i) => {
            let marker = format!("{MARK}{i}");
            quote!(#[doc = #marker])
        }
        None => quote!(#(#[doc = #lines])*),
    }
}

/// The formatted `text` with each marker line replaced by its block of doc lines, or `None` when
/// the text and the table do not match one to one (see the module docs).
pub fn expand(text: &str, table: &[Vec<String>]) -> Option<String> {
    if table.is_empty() {
        return (!text.contains(MARK)).then(|| text.to_string());
    }
    let extra: usize = table.iter().flatten().map(|l| l.len() + 24).sum::<usize>();
    let mut out = String::with_capacity(text.len() + extra);
    let mut used = vec![false; table.len()];
    for line in text.split_inclusive('\n') {
        let Some(at) = line.find(MARK) else {
            out.push_str(line);
            continue;
        };
        let indent = line[..at].strip_suffix("///")?;
        let marker = line[at..].trim_end_matches('\n');
        if !indent.bytes().all(|b| b == b' ') {
            return None;
        }
        let index: usize = marker[MARK.len_utf8()..].parse().ok()?;
        let block = table.get(index)?;
        if std::mem::replace(used.get_mut(index)?, true) {
            return None;
        }
        for doc in block {
            out.push_str(indent);
            out.push_str("///");
            out.push_str(doc.trim_end_matches(' '));
            out.push('\n');
        }
    }
    used.iter().all(|u| *u).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).expect("parses"))
    }

    fn sample(doc: impl Fn(Vec<String>) -> TokenStream) -> TokenStream {
        let text = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let docs = doc(text(&[
            " A type.",
            "",
            " With `code`, \"quotes\" and \\ trailing   ",
        ]));
        let field_docs = doc(text(&[" A field; ünïcode \u{7f}.", " x"]));
        let fn_docs = doc(text(&[" A method.", "", " # Errors"]));
        quote! {
            #docs
            pub struct S {
                #field_docs
                pub a: u8,
            }
            impl S {
                #fn_docs
                pub fn f(&self) {
                    let _ = 1;
                }
            }
        }
    }

    #[test]
    fn expanded_text_is_what_prettyplease_prints_for_the_attributes() {
        let direct = format(sample(lines));
        let (tokens, table) = deferred(|| sample(lines));
        assert_eq!(table.len(), 3, "one block per call");
        let formatted = format(tokens);
        assert!(formatted.contains(MARK));
        assert_eq!(expand(&formatted, &table).as_deref(), Some(direct.as_str()));
        assert!(direct.contains("    /// A field"), "{direct}");
        assert!(
            direct.contains("trailing\n"),
            "trailing spaces trimmed: {direct}"
        );
    }

    #[test]
    fn a_block_unused_or_used_twice_or_a_marker_elsewhere_is_refused() {
        let (tokens, table) = deferred(|| sample(lines));
        let formatted = format(tokens);
        let mut more = table.clone();
        more.push(vec![" unused".into()]);
        assert_eq!(expand(&formatted, &more), None, "a block left over");
        let first = formatted
            .lines()
            .find(|l| l.contains(MARK))
            .expect("a marker");
        let twice = format!("{formatted}{first}\n");
        assert_eq!(expand(&twice, &table), None, "a block used twice");
        let inline = formatted.replacen("pub struct S", &format!("pub struct S{MARK}0"), 1);
        assert_eq!(
            expand(&inline, &table),
            None,
            "a marker not on its own line"
        );
        assert_eq!(expand("fn f() {}\n", &[]).as_deref(), Some("fn f() {}\n"));
        assert_eq!(expand(&format!("// {MARK}\n"), &[]), None);
    }

    #[test]
    fn outside_deferral_attributes_are_emitted_and_nothing_is_recorded() {
        let tokens = lines(vec![" one".into(), " two".into()]);
        assert_eq!(
            tokens.to_string(),
            quote!(#[doc = " one"] #[doc = " two"]).to_string()
        );
        assert!(lines(Vec::new()).is_empty());
        let (_, table) = deferred(|| lines(vec!["/ starts with a slash".into()]));
        assert!(table.is_empty(), "such a line is emitted as it is");
    }
}
