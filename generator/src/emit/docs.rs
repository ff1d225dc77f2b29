//! Text that skips the formatter: doc comments and items of known shape.
//!
//! About a third of the generated lines are doc comments. Through syn and prettyplease each line
//! is an attribute to build, parse (unescaping its string) and print, and its text comes out
//! unchanged: prettyplease prints `#[doc = " text"]` on an item as the line `/// text` at the
//! item's indentation, with trailing spaces trimmed. Likewise most items have a fixed shape whose
//! layout is known in advance (setters, builders, validation `impl` blocks, the `Operation`
//! implementations; in `src/models.rs` a struct with its builder, a string enum or a union is
//! one item, so the formatter sees little there but markers): their emitters lay them
//! out as text, and [`layout_statements`] lays out the simple statements
//! validation and request building are made of (those too wide for one line broken by
//! [`super::exprs`]). Where prettyplease's choice depends on the width, a layout follows its
//! measured rules or gives `None` near the margin (the tokens then go to the formatter); grid
//! tests compare each layout with prettyplease on both sides of the margin. So while a file is
//! built inside [`deferred`], [`lines`] and [`item`] record such text in a table and put one
//! short marker in the tokens instead (a doc attribute, or a macro call among items or
//! statements);
//! [`expand`] then replaces each marker line of the formatted text by its text, exactly as
//! prettyplease would have printed the tokens. Outside [`deferred`] the tokens are emitted as
//! they are, and `emit::emit_undeferred` formats every file that way: tests compare the two.
//!
//! The expansion checks its work: every marker must stand alone on its line, at the indentation
//! its text was laid out for, and every entry must be used exactly once. Anything else gives
//! `None`, and the caller formats the file again without deferral, so a layout this module does
//! not foresee costs time, never correctness.

use proc_macro2::TokenStream;
use quote::quote;
use std::cell::RefCell;
use std::sync::atomic::AtomicUsize;

/// What starts a doc marker's text: a private-use character, after which the entry's index
/// follows. Generated doc lines start with a space or are empty, so no real line starts with it.
const MARK: char = '\u{F8FF}';

/// The macro an item marker calls: `__deferred_item!(7);`. No generated code names it.
const ITEM_MACRO: &str = "__deferred_item";

/// How many files of this process were formatted again without deferral because [`expand`]
/// refused their text. Tests check that it stays 0 for every fixture: a fallback is correct
/// output, but slow.
pub static FALLBACKS: AtomicUsize = AtomicUsize::new(0);

/// One entry of the table: text a marker stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deferred {
    /// Doc lines, each as it follows `///`.
    Doc(Vec<String>),
    /// An item already laid out for the indentation `indent` (in spaces): its lines without that
    /// indentation, each ending in a line break.
    Item { indent: usize, text: String },
}

thread_local! {
    static TABLE: RefCell<Option<Vec<Deferred>>> = const { RefCell::new(None) };
}

/// Runs `build` with text deferred: returns its tokens and the table that [`expand`] puts back
/// into the formatted text.
pub fn deferred(build: impl FnOnce() -> TokenStream) -> (TokenStream, Vec<Deferred>) {
    let before = TABLE.with(|t| t.replace(Some(Vec::new())));
    let tokens = build();
    let table = TABLE.with(|t| t.replace(before)).unwrap_or_default();
    (tokens, table)
}

/// Records `entry` when inside [`deferred`]: its index.
fn record(entry: impl FnOnce() -> Deferred) -> Option<usize> {
    TABLE.with(|t| {
        let mut table = t.borrow_mut();
        let table = table.as_mut()?;
        table.push(entry());
        Some(table.len() - 1)
    })
}

/// Whether the text is being deferred (inside [`deferred`]): emitters that lay out an item
/// themselves skip that work otherwise.
pub fn active() -> bool {
    TABLE.with(|t| t.borrow().is_some())
}

/// Outer doc attributes for `lines` (each one line of doc text, as it follows `///`): one marker
/// attribute inside [`deferred`], one `#[doc]` per line outside it.
pub fn lines(lines: Vec<String>) -> TokenStream {
    if lines.is_empty() {
        return TokenStream::new();
    }
    // A line prettyplease would not print as `///` (one that starts with `/` or holds a line
    // break) is never deferred; generated lines are not like that, but the check is cheap.
    let plain = lines.iter().all(|l| is_plain(l));
    match plain
        .then(|| record(|| Deferred::Doc(lines.clone())))
        .flatten()
    {
        Some(i) => {
            let marker = format!("{MARK}{i}");
            quote!(#[doc = #marker])
        }
        None => quote!(#(#[doc = #lines])*),
    }
}

/// An item of an `impl` block: inside [`deferred`], when `text` is given (the item laid out as
/// prettyplease prints it at `indent` spaces, see [`Deferred::Item`]), a marker for it; otherwise
/// the `tokens`.
pub fn item(
    indent: usize,
    text: Option<String>,
    tokens: impl FnOnce() -> TokenStream,
) -> TokenStream {
    match text.and_then(|text| record(|| Deferred::Item { indent, text })) {
        Some(i) => {
            let mac = proc_macro2::Ident::new(ITEM_MACRO, proc_macro2::Span::call_site());
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(#mac!(#i);)
        }
        None => tokens(),
    }
}

/// Statements of a function body at `indent` spaces: inside [`deferred`], when
/// [`layout_statements`] can lay them out, a marker for them; otherwise the `tokens`.
pub fn statements(indent: usize, tokens: TokenStream) -> TokenStream {
    if !active() {
        return tokens;
    }
    match layout_statements(&tokens, indent) {
        Some(text) if !text.is_empty() => item(indent, Some(text), || tokens),
        _ => tokens,
    }
}

/// prettyplease's margin: a line it keeps whole ends by this column (a trailing comma or
/// semicolon after the part that fits not counted).
pub const MARGIN: usize = 89;

/// The widest line a layout by hand produces where prettyplease's choice was not measured
/// exactly: well inside [`MARGIN`], so that no such line is one prettyplease would break.
pub const SAFE_WIDTH: usize = 85;

/// A line whose one-line form is wider than this is one prettyplease breaks, well beyond its
/// margin. Between [`SAFE_WIDTH`] and this, layouts by hand are not attempted.
pub const BREAK_WIDTH: usize = 96;

/// Statements laid out as prettyplease prints them at `indent` spaces (the text without that
/// indentation), for the simple statements generated methods are made of: `let` and expression
/// statements, on one line or broken as [`super::exprs::statement`] breaks them, and `if`, `for`
/// and bare blocks whose bodies are such statements. `None` for anything else (`else`, a
/// `match` statement, closures with parameters, generics, a part that does not fit).
pub fn layout_statements(tokens: &TokenStream, indent: usize) -> Option<String> {
    let mut out = String::new();
    block(tokens, indent, 0, false, &mut out)?;
    Some(out)
}

/// The statements `tokens` at `depth` blocks inside `base` (see [`layout_statements`]); `bare`
/// for the contents of a bare block `{ ... }`.
fn block(
    tokens: &TokenStream,
    base: usize,
    depth: usize,
    bare: bool,
    out: &mut String,
) -> Option<()> {
    use proc_macro2::{Delimiter, TokenTree};
    let pad = " ".repeat(depth * 4);
    let mut current: Vec<TokenTree> = Vec::new();
    let mut statements = 0;
    let mut tokens = tokens.clone().into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(p) if p.as_char() == ';' => {
                statement(&current, base, &pad, ";", out)?;
                current.clear();
                statements += 1;
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                let (head, bare) = match current.first() {
                    None => (String::new(), true),
                    Some(TokenTree::Ident(i)) if i == "if" || i == "for" => {
                        (format!("{} ", flat(&current)?), false)
                    }
                    // A `let` whose value holds braces (a `match`, a struct literal) goes on to
                    // its `;`.
                    Some(TokenTree::Ident(i)) if i == "let" => {
                        current.push(TokenTree::Group(g));
                        continue;
                    }
                    _ => return None,
                };
                // `else`, and an empty block (which prettyplease prints `{}`), are not laid out.
                if matches!(tokens.peek(), Some(TokenTree::Ident(i)) if i == "else")
                    || g.stream().is_empty()
                {
                    return None;
                }
                push_line(out, base, &pad, &format!("{head}{{"))?;
                block(&g.stream(), base, depth + 1, bare, out)?;
                push_line(out, base, &pad, "}")?;
                current.clear();
                statements += 1;
            }
            token => current.push(token),
        }
    }
    if !current.is_empty() {
        // The block's value: an expression without a semicolon, printed like a statement;
        // not an assignment or a jump, after which prettyplease adds a `;` (`add_semi`), nor
        // a bare block's only statement, which prettyplease keeps on the block's line when it
        // fits (`{ value }`).
        if prints_semicolon(&current) || (bare && statements == 0) {
            return None;
        }
        statement(&current, base, &pad, "", out)?;
    }
    Some(())
}

/// Whether prettyplease ends the expression `tokens` with a `;` even as a block's value: a
/// `return`, `break`, `continue` or `yield`, or an assignment (`=`, `+=`, ...).
fn prints_semicolon(tokens: &[proc_macro2::TokenTree]) -> bool {
    use proc_macro2::{Spacing, TokenTree};
    if let Some(TokenTree::Ident(i)) = tokens.first() {
        if ["return", "break", "continue", "yield"]
            .iter()
            .any(|k| i == k)
        {
            return true;
        }
    }
    // The operators at the top level: runs of joint punctuation.
    let mut op = String::new();
    for token in tokens {
        match token {
            TokenTree::Punct(p) => {
                op.push(p.as_char());
                if p.spacing() == Spacing::Joint {
                    continue;
                }
                let assigns = [
                    "=", "+=", "-=", "*=", "/=", "%=", "^=", "&=", "|=", "<<=", ">>=",
                ];
                if assigns.contains(&op.as_str()) {
                    return true;
                }
                op.clear();
            }
            _ => op.clear(),
        }
    }
    false
}

/// One statement (`end` is `;`) or a block's final expression (`end` is empty): on one line
/// when it fits well inside the margin, else as [`super::exprs::statement`] lays it out.
fn statement(
    tokens: &[proc_macro2::TokenTree],
    base: usize,
    pad: &str,
    end: &str,
    out: &mut String,
) -> Option<()> {
    if let Some(line) = flat(tokens) {
        if base + pad.len() + line.len() + end.len() <= SAFE_WIDTH {
            out.push_str(pad);
            out.push_str(&line);
            out.push_str(end);
            out.push('\n');
            return Some(());
        }
    }
    out.push_str(&super::exprs::statement(
        tokens,
        base,
        base + pad.len(),
        end,
    )?);
    Some(())
}

/// Appends `pad`, `line` and a line break to `out`, text that will stand at column `base`: `None`
/// when the line would be wider than [`SAFE_WIDTH`].
pub fn push_line(out: &mut String, base: usize, pad: &str, line: &str) -> Option<()> {
    if base + pad.len() + line.len() > SAFE_WIDTH {
        return None;
    }
    out.push_str(pad);
    out.push_str(line);
    out.push('\n');
    Some(())
}

/// Appends `line` (its indentation included) and a line break to `out` when it ends by
/// [`MARGIN`]: for lines prettyplease keeps whole then and breaks only past it, such as a
/// struct's field `pub name: Type,` (its comma counted: printed as a word before the line
/// break; only the type's generic arguments can break). `None` when the line is wider.
pub fn push_whole_line(out: &mut String, line: &str) -> Option<()> {
    if line.len() > MARGIN {
        return None;
    }
    out.push_str(line);
    out.push('\n');
    Some(())
}

/// `flat` for a token stream: an expression on one line as prettyplease prints it, or `None`.
pub fn flat_text(tokens: TokenStream) -> Option<String> {
    flat(&tokens.into_iter().collect::<Vec<_>>())
}

/// Tokens of an expression (or a `let` or loop head) on one line, spaced as prettyplease spaces
/// them; `None` for a token this does not know.
pub(super) fn flat(tokens: &[proc_macro2::TokenTree]) -> Option<String> {
    let mut out = String::new();
    flat_into(tokens, &mut out)?;
    Some(out)
}

/// [`flat`], appending to `out`.
fn flat_into(tokens: &[proc_macro2::TokenTree], out: &mut String) -> Option<()> {
    use proc_macro2::{Delimiter, Spacing, TokenTree};
    use std::fmt::Write;
    /// What the previous token was, for the space before the next.
    #[derive(PartialEq, Clone, Copy)]
    enum Prev {
        Start,
        Word,
        Keyword,
        Operator,
        Tight,
        Close,
    }
    const KEYWORDS: &[&str] = &["if", "let", "for", "in", "mut", "return", "while", "as"];
    let mut prev = Prev::Start;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Ident(id) => {
                if matches!(prev, Prev::Word | Prev::Keyword | Prev::Close) {
                    out.push(' ');
                }
                let start = out.len();
                write!(out, "{id}").ok()?;
                let word = &out[start..];
                if ["else", "match", "loop", "move"].contains(&word) {
                    return None;
                }
                prev = if KEYWORDS.contains(&word) {
                    Prev::Keyword
                } else {
                    Prev::Word
                };
            }
            TokenTree::Literal(l) => {
                if matches!(prev, Prev::Word | Prev::Keyword | Prev::Close) {
                    out.push(' ');
                }
                write!(out, "{l}").ok()?;
                prev = Prev::Word;
            }
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    _ => return None,
                };
                if prev == Prev::Keyword {
                    out.push(' ');
                }
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let inner = match inner.split_last() {
                    // A trailing comma is not printed on one line.
                    Some((TokenTree::Punct(p), rest)) if p.as_char() == ',' => rest,
                    _ => &inner[..],
                };
                out.push(open);
                flat_into(inner, out)?;
                out.push(close);
                prev = Prev::Close;
            }
            TokenTree::Punct(p) => {
                // A multi-character operator: this punct and the joint ones after it.
                let mut op = String::from(p.as_char());
                let mut spacing = p.spacing();
                while spacing == Spacing::Joint {
                    match tokens.get(i + 1) {
                        Some(TokenTree::Punct(q)) => {
                            op.push(q.as_char());
                            spacing = q.spacing();
                            i += 1;
                        }
                        _ => return None,
                    }
                }
                let unary_position = matches!(prev, Prev::Start | Prev::Operator | Prev::Keyword);
                match op.as_str() {
                    "::" | "." | "?" => {
                        out.push_str(&op);
                        prev = if op == "?" { Prev::Close } else { Prev::Tight };
                    }
                    "," => {
                        out.push_str(", ");
                        prev = Prev::Start;
                    }
                    ":" if prev != Prev::Start => {
                        out.push_str(": ");
                        prev = Prev::Start;
                    }
                    "&" | "!" | "*" | "-" if unary_position => {
                        if prev == Prev::Keyword {
                            out.push(' ');
                        }
                        out.push_str(&op);
                        prev = Prev::Tight;
                    }
                    "=" | "==" | "!=" | "&&" | "||" | "+" | "-" | "+=" | "-=" => {
                        if prev == Prev::Start {
                            return None;
                        }
                        out.push(' ');
                        out.push_str(&op);
                        out.push(' ');
                        prev = Prev::Operator;
                    }
                    _ => return None,
                }
            }
        }
        i += 1;
    }
    Some(())
}

/// Doc lines (each as it follows `///`) as prettyplease prints their attributes at `indent`.
fn push_doc(out: &mut String, indent: &str, lines: &[String]) {
    for doc in lines {
        out.push_str(indent);
        out.push_str("///");
        out.push_str(doc.trim_end_matches(' '));
        out.push('\n');
    }
}

/// Doc lines as [`lines`] would have them printed, for text laid out by hand (without
/// indentation); `None` for lines [`lines`] does not defer either.
pub fn doc_text(lines: &[String]) -> Option<String> {
    let mut out = String::new();
    push_doc_lines(&mut out, "", lines)?;
    Some(out)
}

/// [`doc_text`] appended to `out`, each line after `indent`.
pub fn push_doc_lines(out: &mut String, indent: &str, lines: &[String]) -> Option<()> {
    if !lines.iter().all(|l| is_plain(l)) {
        return None;
    }
    push_doc(out, indent, lines);
    Some(())
}

/// A string literal as its token prints (`"a \"b\""`).
pub fn literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

/// A doc line prettyplease prints as `///` and the line: not one that starts with `/` or holds a
/// line break.
fn is_plain(line: &str) -> bool {
    !line.starts_with('/') && !line.contains('\n') && !line.starts_with(MARK)
}

/// The formatted `text` with each marker line replaced by its entry of `table`, or `None` when
/// the text and the table do not match one to one (see the module docs).
pub fn expand(text: &str, table: &[Deferred]) -> Option<String> {
    if table.is_empty() {
        return (!text.contains(MARK) && !text.contains(ITEM_MACRO)).then(|| text.to_string());
    }
    let extra: usize = table
        .iter()
        .map(|e| match e {
            Deferred::Doc(lines) => lines.iter().map(|l| l.len() + 24).sum(),
            Deferred::Item { text, .. } => text.len() * 2,
        })
        .sum();
    let mut out = String::with_capacity(text.len() + extra);
    let mut used = vec![false; table.len()];
    for line in text.split_inclusive('\n') {
        let (indent, index, is_doc) = if let Some(at) = line.find(MARK) {
            let indent = line[..at].strip_suffix("///")?;
            let index: usize = line[at + MARK.len_utf8()..]
                .trim_end_matches('\n')
                .parse()
                .ok()?;
            (indent, index, true)
        } else if let Some(at) = line.find(ITEM_MACRO) {
            let indent = &line[..at];
            let index = line[at + ITEM_MACRO.len()..]
                .trim_end_matches('\n')
                .strip_prefix("!(")?
                .strip_suffix(");")?;
            (indent, index.parse().ok()?, false)
        } else {
            out.push_str(line);
            continue;
        };
        if !indent.bytes().all(|b| b == b' ') || std::mem::replace(used.get_mut(index)?, true) {
            return None;
        }
        match (table.get(index)?, is_doc) {
            (Deferred::Doc(block), true) => push_doc(&mut out, indent, block),
            (
                Deferred::Item {
                    indent: width,
                    text,
                },
                false,
            ) if *width == indent.len() => {
                for l in text.split_inclusive('\n') {
                    if l != "\n" {
                        out.push_str(indent);
                    }
                    out.push_str(l);
                }
            }
            _ => return None,
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
        more.push(Deferred::Doc(vec![" unused".into()]));
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
    fn an_item_marker_becomes_its_text_at_the_indentation_it_was_laid_out_for() {
        let laid_out = "#[must_use]\npub fn f(&self) {}\n\n// after a blank line\n";
        let build = |indent: usize| {
            let f = item(indent, Some(laid_out.to_string()), || {
                quote!(
                    fn unused() {}
                )
            });
            quote!(impl S { #f })
        };
        let (tokens, table) = deferred(|| build(4));
        let formatted = format(tokens);
        assert!(formatted.contains(ITEM_MACRO), "{formatted}");
        assert_eq!(
            expand(&formatted, &table).as_deref(),
            Some("impl S {\n    #[must_use]\n    pub fn f(&self) {}\n\n    // after a blank line\n}\n")
        );
        let (tokens, table) = deferred(|| build(8));
        assert_eq!(
            expand(&format(tokens), &table),
            None,
            "laid out for another indentation"
        );
        let outside = build(4);
        assert!(!outside.to_string().contains(ITEM_MACRO));
        assert!(outside.to_string().contains("unused"));
        let (tokens, table) = deferred(|| {
            let g = item(4, None, || {
                quote!(
                    fn g() {}
                )
            });
            quote!(impl S { #g })
        });
        assert!(table.is_empty() && tokens.to_string().contains('g'));
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

    /// Statements laid out here are what prettyplease prints for their tokens, on both sides of
    /// the margin (one line, a call broken one argument per line, and refusals in between), in
    /// `if`, `for` and bare blocks nested to several depths.
    #[test]
    fn statements_laid_out_here_are_what_prettyplease_prints() {
        let mut one_line = 0;
        let mut broken = 0;
        for depth in 0..4 {
            for len in 1..70 {
                let name = "x".repeat(len);
                let calls = [
                    format!("validation::minimum(errors, path, Number::Int(i64::from(*{name})), Number::Int(-1), false);"),
                    format!("f(&{name}.a(\"b\"), !c, [1, 2]);"),
                    format!("let {name} = &self.value.as_deref().or(config.flatten());"),
                    format!("if let Some(v) = &self.{name} {{ g(v, 1.5); }}"),
                    format!("for (i, v) in {name}.iter().enumerate() {{ let p = &path.index(i); h(p, v); }}"),
                    // A block's value, after a statement, and in an `if`.
                    format!("validation::minimum(errors, path, Number::Int(i64::from(*{name})), Number::Int(-1), false)"),
                    format!("h(&{name}); runtime::body::parse_json(Self::NAME, &crate::client::SERVICE.errors, status, headers, body)"),
                    format!("if a {{ g(&{name}, 1, \"two\") }}"),
                ];
                for call in &calls {
                    let mut body = call.clone();
                    for _ in 0..depth {
                        body = format!("{{ {body} }}");
                    }
                    let tokens: TokenStream = body.parse().expect("tokens");
                    let Some(text) = layout_statements(&tokens, 8) else {
                        continue;
                    };
                    if text.lines().count() > 1 + 2 * depth + 2 {
                        broken += 1;
                    } else {
                        one_line += 1;
                    }
                    let printed = prettyplease::unparse(
                        &syn::parse_str(&format!("impl A {{ fn f(&self) {{ {body} }} }}"))
                            .expect("parses"),
                    );
                    let ours: String = text.lines().map(|l| format!("        {l}\n")).collect();
                    assert_eq!(
                        format!("impl A {{\n    fn f(&self) {{\n{ours}    }}\n}}\n"),
                        printed,
                        "{body}"
                    );
                }
            }
        }
        assert!(
            one_line > 200 && broken > 50,
            "{one_line} on one line, {broken} broken"
        );
    }

    #[test]
    fn statements_this_does_not_know_are_refused() {
        let refused = |s: &str| layout_statements(&s.parse().expect("tokens"), 8).is_none();
        assert!(refused("match x { _ => {} }"));
        assert!(refused("if a { b(); } else { c(); }"));
        assert!(refused("let f = |x| x;"));
        assert!(refused("let v = S { a };"));
        assert!(refused("let v: Option<u8> = match x { _ => None };"));
        assert!(refused("f::<u8>();"));
        assert!(!refused("if a { b(); }"));
        assert!(!refused("let v = S { a: 1 };"));
        // A bare block that is a value alone (prettyplease keeps it on one line).
        assert!(refused("{ f(x) }"));
        assert!(refused("if a {}"));
        assert!(!refused("{ f(x); }"));
        // A block's value that prettyplease ends with `;`.
        assert!(refused("{ a = b }"));
        assert!(refused("if a { x += 1 }"));
        assert!(refused("if a { return b }"));
        assert!(!refused("if a { x == 1 }"));
        assert!(!refused("if a { f(x) }"));
    }
}
