//! Statements too wide for one line, broken where prettyplease breaks them.
//!
//! prettyplease prints an expression as nested boxes: a method chain, the arguments of a call, a
//! struct literal, a `const` block, the arms of a `match`. A box stays on its line when
//! everything from its start to the next point where a line may break after its end (a `?`,
//! `)` or `;` that follows it counted, a comma that only a break prints not counted) ends by
//! [`MARGIN`]; otherwise the box breaks at every one of its break points (the boxes modelled
//! here are all "consistent"), and the lines it breaks into are indented 4 more than the box
//! that holds it (not than the column it starts at). The boxes, from prettyplease's `expr.rs`:
//!
//! - a method chain (`a.b.c(x)?.d()`) is one box: a break before each `.`, except the first when
//!   a statement starts with a receiver of at most 4 characters (`self`: `is_short_ident`);
//! - the arguments of a call are a box: all on the line, or one per line with a trailing comma;
//!   a lone closure, struct literal, `const` block, array or tuple argument is printed without
//!   that box (`call_args`);
//! - a struct literal is a box, always broken (one field per line) when wider than 34 columns
//!   (`end_with_max_width(34)`), which breaks every box around it too;
//! - `const { e }` is a box: `{` and `}` on their own lines when it breaks;
//! - a closure `|| body` with a call as its body prints the call after `|| `;
//! - a `match` always breaks (one arm per line); an arm is `pat => body,` when the body fits
//!   (its comma not counted), else `pat => {`, the body, `}`.
//!
//! [`statement`] parses a statement's tokens into these shapes (`Expr`) and lays it out as
//! prettyplease would. A part of another shape is kept as its one-line text
//! (`super::docs::flat`) and must fit on its line; anything else is refused (`None`), and the
//! caller formats the tokens instead. Grid tests below compare the layout with prettyplease on
//! both sides of the margin.

use super::docs::MARGIN;
use proc_macro2::{Delimiter, Group, Spacing, TokenTree};

/// What each level of indentation adds (prettyplease's `INDENT`).
const INDENT: usize = 4;

/// The width of an expression that holds a forced break (a `match`, a wide struct literal):
/// wider than any line, so that every box around it breaks.
const FORCED: usize = usize::MAX / 4;

/// The deepest indentation laid out here: deeper, prettyplease gives a line at least 60
/// columns (its `MIN_SPACE`) instead of ending it by the margin.
const MAX_INDENT: usize = MARGIN - 60;

/// The shapes of expressions laid out here.
#[derive(Debug, Clone, PartialEq)]
enum Expr {
    /// A path or a literal: text prettyplease never breaks.
    Word(String),
    /// An expression of another shape, as one line (see [`super::docs::flat`]): laid out only
    /// where it fits.
    Flat(String),
    /// `&e`.
    Ref(Box<Expr>),
    /// `path(args)`.
    Call(String, Vec<Expr>),
    /// A receiver (a [`Expr::Word`] or [`Expr::Call`]) and what follows it.
    Chain(Box<Expr>, Vec<Link>),
    /// `|| body`.
    Closure(Box<Expr>),
    /// `Path { name: value, ... }`.
    Struct(String, Vec<(String, Expr)>),
    /// `const { e }`.
    Const(Box<Expr>),
    /// `match e { pat => body, ... }`: the arms' patterns as one line.
    Match(Box<Expr>, Vec<(String, Expr)>),
}

/// One step of a method chain.
#[derive(Debug, Clone, PartialEq)]
enum Link {
    /// `.name`.
    Field(String),
    /// `.name(args)`.
    Method(String, Vec<Expr>),
    /// `?`.
    Try,
}

/// Words that are not paths: an expression that uses one is not parsed into a shape here.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "type", "unsafe", "use", "where", "while", "yield",
];

/// A statement (its tokens without the `;`; `end` is `";"`, or `""` for a block's value) laid
/// out at column `indent` as prettyplease prints it: its lines, each indented by its column
/// less `base` and ending in a line break. `None` for a statement that is not a `let` of a
/// plain name or an expression, or that holds a part this module does not lay out there.
pub fn statement(tokens: &[TokenTree], base: usize, indent: usize, end: &str) -> Option<String> {
    if indent > MAX_INDENT || indent < base {
        return None;
    }
    let mut out = Out {
        text: " ".repeat(indent - base),
        base,
        col: indent,
    };
    match tokens.split_first() {
        Some((TokenTree::Ident(l), rest)) if l == "let" => {
            // `let name = value`: the name is a plain identifier (or `mut` one).
            let eq = rest
                .iter()
                .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == Spacing::Alone))?;
            let name = match &rest[..eq] {
                [TokenTree::Ident(n)] => n.to_string(),
                [TokenTree::Ident(m), TokenTree::Ident(n)] if m == "mut" => format!("mut {n}"),
                _ => return None,
            };
            if KEYWORDS.contains(&name.as_str()) {
                return None;
            }
            let value = parse(&rest[eq + 1..])?;
            out.push("let ");
            out.push(&name);
            out.push(" = ");
            lay(&value, indent, end.len(), false, &mut out)?;
        }
        _ => lay(&parse(tokens)?, indent, end.len(), true, &mut out)?,
    }
    out.push(end);
    out.text.push('\n');
    Some(out.text)
}

/// An expression's tokens as an [`Expr`]: one of the shapes when it is one, else its one-line
/// text; `None` when it has neither (an empty expression, braces, a closure with parameters).
fn parse(tokens: &[TokenTree]) -> Option<Expr> {
    if tokens.is_empty() {
        return None;
    }
    match shaped(tokens) {
        Some(expr) => Some(expr),
        None => Some(Expr::Flat(super::docs::flat(tokens)?)),
    }
}

/// `tokens` as one of the shapes of [`Expr`] other than [`Expr::Flat`], or `None`.
fn shaped(tokens: &[TokenTree]) -> Option<Expr> {
    let (first, rest) = tokens.split_first()?;
    match first {
        TokenTree::Punct(p) if p.as_char() == '&' && p.spacing() == Spacing::Alone => {
            return Some(Expr::Ref(Box::new(parse(rest)?)));
        }
        TokenTree::Punct(p) if p.as_char() == '|' && p.spacing() == Spacing::Joint => {
            return match rest.split_first()? {
                (TokenTree::Punct(q), body) if q.as_char() == '|' => {
                    Some(Expr::Closure(Box::new(parse(body)?)))
                }
                _ => None,
            };
        }
        TokenTree::Ident(i) if i == "const" => {
            return match rest {
                [TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace => {
                    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                    Some(Expr::Const(Box::new(parse(&inner)?)))
                }
                _ => None,
            };
        }
        TokenTree::Ident(i) if i == "match" => return match_expr(rest),
        _ => {}
    }
    // A receiver: a literal, or a path and then its call's arguments or its struct fields.
    let (mut root, mut i) = match first {
        TokenTree::Literal(l) => (Expr::Word(l.to_string()), 1),
        _ => {
            let (path, i) = path(tokens)?;
            match tokens.get(i) {
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                    (Expr::Call(path, args(g)?), i + 1)
                }
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                    return (i + 1 == tokens.len())
                        .then(|| fields(g).map(|f| Expr::Struct(path, f)))
                        .flatten();
                }
                _ => (Expr::Word(path), i),
            }
        }
    };
    let mut links = Vec::new();
    while let Some(token) = tokens.get(i) {
        match token {
            TokenTree::Punct(p) if p.as_char() == '.' && p.spacing() == Spacing::Alone => {
                let name = match tokens.get(i + 1) {
                    Some(TokenTree::Ident(n)) if !KEYWORDS.contains(&n.to_string().as_str()) => {
                        n.to_string()
                    }
                    _ => return None,
                };
                i += 2;
                match tokens.get(i) {
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                        links.push(Link::Method(name, args(g)?));
                        i += 1;
                    }
                    _ => links.push(Link::Field(name)),
                }
            }
            TokenTree::Punct(p) if p.as_char() == '?' => {
                links.push(Link::Try);
                i += 1;
            }
            _ => return None,
        }
    }
    if !links.is_empty() {
        root = Expr::Chain(Box::new(root), links);
    }
    Some(root)
}

/// A path at the start of `tokens` (`a`, `a::b`, `::a::b`; no keyword, no generic arguments):
/// its text and the number of tokens it takes.
fn path(tokens: &[TokenTree]) -> Option<(String, usize)> {
    let colons = |i: usize| {
        matches!(
            (tokens.get(i), tokens.get(i + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
        )
    };
    let mut text = String::new();
    let mut i = 0;
    loop {
        if colons(i) {
            text.push_str("::");
            i += 2;
        }
        match tokens.get(i) {
            Some(TokenTree::Ident(id)) => {
                let start = text.len();
                text.push_str(&id.to_string());
                if KEYWORDS.contains(&&text[start..]) {
                    return None;
                }
                i += 1;
            }
            _ => return None,
        }
        if !colons(i) {
            return Some((text, i));
        }
    }
}

/// The arguments of a call, in their parentheses.
fn args(group: &Group) -> Option<Vec<Expr>> {
    split(group, parse)
}

/// The fields of a struct literal, in its braces: `name: value` each (no shorthand, no `..`).
fn fields(group: &Group) -> Option<Vec<(String, Expr)>> {
    let fields = split(group, |field| match field {
        [TokenTree::Ident(name), TokenTree::Punct(colon), value @ ..]
            if colon.as_char() == ':' && colon.spacing() == Spacing::Alone =>
        {
            Some((name.to_string(), parse(value)?))
        }
        _ => None,
    })?;
    (!fields.is_empty()).then_some(fields)
}

/// The comma-separated parts of a group (a trailing comma allowed), each made by `part`.
fn split<T>(group: &Group, part: impl Fn(&[TokenTree]) -> Option<T>) -> Option<Vec<T>> {
    let tokens: Vec<TokenTree> = group.stream().into_iter().collect();
    let mut parts = Vec::new();
    if tokens.is_empty() {
        return Some(parts);
    }
    let mut pieces = tokens
        .split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
        .peekable();
    while let Some(piece) = pieces.next() {
        if piece.is_empty() && pieces.peek().is_none() && !parts.is_empty() {
            // A trailing comma.
            break;
        }
        parts.push(part(piece)?);
    }
    Some(parts)
}

/// `match` (already read) and the rest: the scrutinee, then the arms in braces, each
/// `pattern => body` with a body that is not a block.
fn match_expr(tokens: &[TokenTree]) -> Option<Expr> {
    let (TokenTree::Group(arms), scrutinee) = tokens.split_last()? else {
        return None;
    };
    if arms.delimiter() != Delimiter::Brace {
        return None;
    }
    let scrutinee = parse(scrutinee)?;
    let tokens: Vec<TokenTree> = arms.stream().into_iter().collect();
    let mut out = Vec::new();
    let mut rest = &tokens[..];
    while !rest.is_empty() {
        let arrow = rest.windows(2).position(|w| {
            matches!(w, [TokenTree::Punct(a), TokenTree::Punct(b)]
                if a.as_char() == '=' && a.spacing() == Spacing::Joint && b.as_char() == '>')
        })?;
        let pattern = super::docs::flat(&rest[..arrow])?;
        let body = &rest[arrow + 2..];
        let comma = body
            .iter()
            .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
            .unwrap_or(body.len());
        if matches!(body.first(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace) {
            return None;
        }
        out.push((pattern, parse(&body[..comma])?));
        rest = body.get(comma + 1..).unwrap_or_default();
    }
    (!out.is_empty()).then(|| Expr::Match(Box::new(scrutinee), out))
}

/// Text being laid out: `col` is the column its last line has reached.
struct Out {
    text: String,
    base: usize,
    col: usize,
}

impl Out {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.col += s.len();
    }

    /// A line break, the next line starting at column `indent`.
    fn newline(&mut self, indent: usize) -> Option<()> {
        if indent > MAX_INDENT || indent < self.base {
            return None;
        }
        self.text.push('\n');
        for _ in self.base..indent {
            self.text.push(' ');
        }
        self.col = indent;
        Some(())
    }

    /// `expr` on one line.
    fn flat(&mut self, expr: &Expr) {
        let start = self.text.len();
        flat_into(expr, &mut self.text);
        self.col += self.text.len() - start;
    }
}

/// Whether a box starting at column `col`, `width` wide and followed by `trailing` columns
/// before the next break, stays on its line.
fn fits(col: usize, width: usize, trailing: usize) -> bool {
    col.saturating_add(width).saturating_add(trailing) <= MARGIN
}

/// `expr` laid out from `out`'s column: `indent` is the indentation of the box that holds it,
/// `trailing` the width of what follows it before the next break, `bol` whether it starts a
/// statement (prettyplease's `beginning_of_line`).
fn lay(expr: &Expr, indent: usize, trailing: usize, bol: bool, out: &mut Out) -> Option<()> {
    match expr {
        Expr::Word(word) => out.push(word),
        Expr::Flat(text) => {
            if !fits(out.col, text.len(), trailing) {
                return None;
            }
            out.push(text);
        }
        Expr::Ref(inner) => {
            out.push("&");
            lay(inner, indent, trailing, false, out)?;
        }
        Expr::Call(func, args) => {
            out.push(func);
            out.push("(");
            call_args(args, indent, trailing + 1, out)?;
            out.push(")");
        }
        Expr::Chain(root, links) => chain(root, links, indent, trailing, bol, out)?,
        Expr::Closure(body) => {
            // `||` and the space after it are a box of their own, up to the body.
            if !fits(out.col, 3, 0) {
                return None;
            }
            out.push("|| ");
            match **body {
                Expr::Call(..) => lay(body, indent, trailing, false, out)?,
                // Other bodies are put in a box of braces that only a break prints.
                _ if fits(out.col, width(body), trailing) => out.flat(body),
                _ => return None,
            }
        }
        Expr::Struct(path, fields) => {
            if fits(out.col, width(expr), trailing) {
                out.flat(expr);
                return Some(());
            }
            out.push(path);
            out.push(" {");
            let inner = indent + INDENT;
            for (i, (name, value)) in fields.iter().enumerate() {
                out.newline(inner)?;
                out.push(name);
                out.push(": ");
                let last = i + 1 == fields.len();
                lay(value, inner, usize::from(!last), false, out)?;
                out.push(",");
            }
            out.newline(indent)?;
            out.push("}");
        }
        Expr::Const(inner) => {
            out.push("const ");
            if fits(out.col, width(inner).saturating_add(4), trailing) {
                out.push("{ ");
                out.flat(inner);
                out.push(" }");
            } else {
                out.push("{");
                out.newline(indent + INDENT)?;
                lay(inner, indent + INDENT, 0, true, out)?;
                out.newline(indent)?;
                out.push("}");
            }
        }
        Expr::Match(scrutinee, arms) => {
            out.push("match ");
            // The scrutinee, a space and `{` are a box up to the arms.
            if !fits(out.col, width(scrutinee).saturating_add(2), 0) {
                return None;
            }
            out.flat(scrutinee);
            out.push(" {");
            let inner = indent + INDENT;
            for (pattern, body) in arms {
                out.newline(inner)?;
                if !fits(out.col, pattern.len() + 4, 0) {
                    return None;
                }
                out.push(pattern);
                out.push(" => ");
                if fits(out.col, width(body), 0) {
                    out.flat(body);
                    if !matches!(body, Expr::Match(..) | Expr::Const(_)) {
                        out.push(",");
                    }
                } else if matches!(body, Expr::Flat(_)) {
                    // Whether prettyplease adds a `;` after it is not known here.
                    return None;
                } else {
                    out.push("{");
                    out.newline(inner + INDENT)?;
                    lay(body, inner + INDENT, 0, true, out)?;
                    out.newline(inner)?;
                    out.push("}");
                }
            }
            out.newline(indent)?;
            out.push("}");
        }
    }
    Some(())
}

/// The arguments of a call, between its parentheses (see [`lay`] for the parameters).
fn call_args(args: &[Expr], indent: usize, trailing: usize, out: &mut Out) -> Option<()> {
    match args {
        [] => {}
        [one] if blocklike(one) => lay(one, indent, trailing, false, out)?,
        // An array or tuple alone is printed without the box; laid out here only on one line.
        [Expr::Flat(text)] if text.starts_with(['[', '(']) => {
            if !fits(out.col, text.len(), trailing) {
                return None;
            }
            out.push(text);
        }
        _ => {
            if fits(out.col, args_width(args), trailing) {
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        out.push(", ");
                    }
                    out.flat(arg);
                }
                return Some(());
            }
            let inner = indent + INDENT;
            for (i, arg) in args.iter().enumerate() {
                out.newline(inner)?;
                let last = i + 1 == args.len();
                lay(arg, inner, usize::from(!last), false, out)?;
                out.push(",");
            }
            out.newline(indent)?;
        }
    }
    Some(())
}

/// Whether prettyplease prints a lone argument without the arguments' box (`is_blocklike`).
fn blocklike(expr: &Expr) -> bool {
    matches!(expr, Expr::Closure(_) | Expr::Struct(..) | Expr::Const(_))
}

/// A method chain (see [`lay`] for the parameters): one box, broken before each `.` when it
/// does not fit.
fn chain(
    root: &Expr,
    links: &[Link],
    indent: usize,
    trailing: usize,
    bol: bool,
    out: &mut Out,
) -> Option<()> {
    let is_try = |l: &Link| matches!(l, Link::Try);
    if links.iter().all(is_try) {
        // `f(x)?`: no chain, the `?` follows the call.
        lay(root, indent, trailing + links.len(), bol, out)?;
        for _ in links {
            out.push("?");
        }
        return Some(());
    }
    if fits(out.col, chain_width(root, links), trailing) {
        let start = out.text.len();
        chain_into(root, links, &mut out.text);
        out.col += out.text.len() - start;
        return Some(());
    }
    let inner = indent + INDENT;
    // A statement that starts with a short receiver keeps the first `.` on its line; when that
    // is the chain's only call, its arguments are indented from the statement, not the chain.
    let short = bol && matches!(root, Expr::Word(w) if is_short_ident(w));
    let steps = links.iter().filter(|l| !is_try(l)).count();
    let unindent = short && steps == 1 && matches!(links.first(), Some(Link::Method(..)));
    // What follows step `k` before the next break: its `?`s, and after the last step, what
    // follows the chain.
    let after = |k: usize| {
        let rest = &links[k + 1..];
        let tries = rest.iter().take_while(|l| is_try(l)).count();
        if tries == rest.len() {
            tries + trailing
        } else {
            tries
        }
    };
    let root_trailing = links.iter().take_while(|l| is_try(l)).count();
    lay(root, inner, root_trailing, bol, out)?;
    for (k, link) in links.iter().enumerate() {
        let name = match link {
            Link::Try => {
                out.push("?");
                continue;
            }
            Link::Field(name) | Link::Method(name, _) => name,
        };
        if !(k == 0 && short) {
            out.newline(inner)?;
        }
        out.push(".");
        out.push(name);
        if let Link::Method(_, args) = link {
            let trailing = after(k);
            // The parentheses are a box of their own, which only moves what breaks inside.
            let args_indent = if unindent && !fits(out.col, args_width(args) + 2, trailing) {
                indent
            } else {
                inner
            };
            out.push("(");
            call_args(args, args_indent, trailing + 1, out)?;
            out.push(")");
        }
    }
    Some(())
}

/// Whether a receiver's text is a path of one identifier of at most 4 characters (`self`),
/// prettyplease's `is_short_ident` (a literal is not a path).
fn is_short_ident(word: &str) -> bool {
    word.len() <= INDENT
        && word.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && !word.contains(':')
        && word != "true"
}

/// The width of `expr` on one line, or [`FORCED`] when it cannot be on one line.
fn width(expr: &Expr) -> usize {
    match expr {
        Expr::Word(text) | Expr::Flat(text) => text.len(),
        Expr::Ref(inner) => width(inner).saturating_add(1),
        Expr::Call(func, args) => args_width(args).saturating_add(func.len() + 2),
        Expr::Chain(root, links) => chain_width(root, links),
        Expr::Closure(body) => width(body).saturating_add(3),
        Expr::Struct(path, fields) => {
            // `P { a: x, b: y }`; prettyplease breaks it when it is wider than 34 columns
            // without its `}`.
            let w = fields.iter().fold(path.len() + 3, |w, (name, value)| {
                w.saturating_add(name.len() + 4)
                    .saturating_add(width(value))
            });
            if w - 1 > 34 {
                FORCED
            } else {
                w
            }
        }
        Expr::Const(inner) => width(inner).saturating_add(10),
        Expr::Match(..) => FORCED,
    }
}

/// The width of a method chain on one line.
fn chain_width(root: &Expr, links: &[Link]) -> usize {
    links.iter().fold(width(root), |w, link| {
        w.saturating_add(match link {
            Link::Field(name) => name.len() + 1,
            Link::Method(name, args) => args_width(args).saturating_add(name.len() + 3),
            Link::Try => 1,
        })
    })
}

/// The width of arguments on one line, `a, b`.
fn args_width(args: &[Expr]) -> usize {
    args.iter().fold(2 * args.len().saturating_sub(1), |w, a| {
        w.saturating_add(width(a))
    })
}

/// Arguments on one line, `a, b`, appended to `out`.
fn args_into(args: &[Expr], out: &mut String) {
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        flat_into(arg, out);
    }
}

/// A method chain on one line, appended to `out`.
fn chain_into(root: &Expr, links: &[Link], out: &mut String) {
    flat_into(root, out);
    for link in links {
        match link {
            Link::Field(name) => {
                out.push('.');
                out.push_str(name);
            }
            Link::Method(name, args) => {
                out.push('.');
                out.push_str(name);
                out.push('(');
                args_into(args, out);
                out.push(')');
            }
            Link::Try => out.push('?'),
        }
    }
}

/// `expr` on one line, appended to `out` (not for an expression that is [`FORCED`]).
fn flat_into(expr: &Expr, out: &mut String) {
    match expr {
        Expr::Word(text) | Expr::Flat(text) => out.push_str(text),
        Expr::Ref(inner) => {
            out.push('&');
            flat_into(inner, out);
        }
        Expr::Call(func, args) => {
            out.push_str(func);
            out.push('(');
            args_into(args, out);
            out.push(')');
        }
        Expr::Chain(root, links) => chain_into(root, links, out),
        Expr::Closure(body) => {
            out.push_str("|| ");
            flat_into(body, out);
        }
        Expr::Struct(path, fields) => {
            out.push_str(path);
            out.push_str(" { ");
            for (i, (name, value)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(name);
                out.push_str(": ");
                flat_into(value, out);
            }
            out.push_str(" }");
        }
        Expr::Const(inner) => {
            out.push_str("const { ");
            flat_into(inner, out);
            out.push_str(" }");
        }
        // Never on one line; not reached (a `match` is FORCED).
        Expr::Match(..) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream;

    /// `stmt` (with its `;`, or without as a block's value) at the depth of `depth` nested
    /// blocks in a method: as prettyplease prints it, and as laid out here (`None` when
    /// refused).
    fn both(stmt: &str, depth: usize) -> (String, Option<String>) {
        let mut body = stmt.to_string();
        for _ in 0..depth {
            body = format!("if a {{ {body} }}");
        }
        let printed = prettyplease::unparse(
            &syn::parse_str(&format!("impl A {{ fn f(&self) {{ {body} }} }}")).expect("parses"),
        );
        let tokens: Vec<TokenTree> = stmt
            .parse::<TokenStream>()
            .expect("tokens")
            .into_iter()
            .collect();
        let (tokens, end) = match tokens.split_last() {
            Some((TokenTree::Punct(p), rest)) if p.as_char() == ';' => (rest, ";"),
            _ => (&tokens[..], ""),
        };
        let indent = 8 + 4 * depth;
        let ours = statement(tokens, 8, indent, end).map(|text| {
            let mut full = String::from("impl A {\n    fn f(&self) {\n");
            for d in 0..depth {
                full.push_str(&format!("{}if a {{\n", " ".repeat(8 + 4 * d)));
            }
            for line in text.lines() {
                full.push_str("        ");
                full.push_str(line);
                full.push('\n');
            }
            for d in (0..depth).rev() {
                full.push_str(&format!("{}}}\n", " ".repeat(8 + 4 * d)));
            }
            full.push_str("    }\n}\n");
            full
        });
        (printed, ours)
    }

    /// The statements of `build_request` and others of the shapes modelled here, laid out as
    /// prettyplease prints them: names of every length from 1 to 60 columns at four depths, so
    /// that every box is seen on both sides of the margin (a line that just fits, one that just
    /// does not).
    #[test]
    fn statements_laid_out_here_are_what_prettyplease_prints() {
        let templates = [
            "let @ = self.@.as_deref().or(configured_@).ok_or_else(|| runtime::Error::invalid(\"path parameter @ is not set, and the client configuration has no `@`\"))?;",
            "let @ = self.@.as_deref().or(c).ok_or_else(|| runtime::Error::invalid(\"@\"))?;",
            "self.validate_with_config(configured_@).map_err(runtime::Error::Validation)?;",
            "self.validate_with_config(configured_@, None, x.as_ref()).map_err(runtime::Error::Validation)?;",
            "self.validate().map_err(runtime::Error::Validation)?;",
            "let x = runtime::params::join(\"q\", @, ',')?;",
            "let joined_@ = runtime::params::join(\"query parameter @\", self.@.iter().flatten(), ',')?;",
            "let builder = runtime::RequestBuilder::new(Self::METHOD, Self::PATH_TEMPLATE).operation(runtime::OperationInfo { name: Self::NAME, security: None }).header_opt(&const { runtime::request::KnownHeader::new(\"X-@\", \"x-@\") }, self.@.as_deref()).path_param(\"@\", @).query_opt(\"@\", self.@.as_ref());",
            "let builder = runtime::RequestBuilder::new(Self::METHOD, Self::PATH_TEMPLATE).operation(runtime::OperationInfo { name: Self::NAME, security: None }).sensitive_header_opt(&const { runtime::request::KnownHeader::new(\"X-Security-@\", \"x-security-@\") }, self.x_security_token.as_ref()).path_param(\"tags\", joined_@.as_deref().unwrap_or_default());",
            "let builder = runtime::RequestBuilder::new(Self::METHOD, Self::@).operation(x);",
            "let builder = match &self.@ { Some(body) => builder.bytes(body, \"application/octet-stream\"), None => builder, };",
            "let builder = match &self.body { Some(body) => builder.json(body).content_type(\"application/@\"), None => builder, };",
            "let builder = builder.json(&self.@).content_type(\"application/@+json\");",
            "let builder = builder.multipart(self.@.to_multipart());",
            "builder.build(config.endpoint_@())",
            "let v = S { a: @ };",
            "let v = f(S { a: @, b: 1 });",
            "self.@(a, b);",
            "self.@(a, b).c(d);",
            "self.@.foo(a).bar(\"b\");",
            "f(|| g(@));",
            "@(|| g(x));",
            "@::@(|| g(x));",
            "let x = f(@)?.y(z);",
            "let v = f(S { a: g(@), b: h(1) });",
            "x.or_else(|| @.y());",
            "validation::minimum(errors, path, Number::Int(i64::from(*@)), Number::Int(-1), false);",
            "f([1, 2, @]);",
            "f((a, @));",
            "let x = a.b(@, @).c();",
            "let x = \"@\".len();",
            "return Err(runtime::Error::invalid(\"path parameter @ is not set\"));",
        ];
        let (mut one_line, mut broken, mut refused) = (0, 0, 0);
        for template in templates {
            for depth in 0..4 {
                for len in 1..=60 {
                    let name = format!("n{}", "x".repeat(len - 1));
                    let stmt = template.replace('@', &name);
                    let (printed, ours) = both(&stmt, depth);
                    let Some(ours) = ours else {
                        refused += 1;
                        continue;
                    };
                    assert_eq!(ours, printed, "{stmt} at depth {depth}");
                    if ours.lines().count() == 5 + 2 * depth {
                        one_line += 1;
                    } else {
                        broken += 1;
                    }
                }
            }
        }
        eprintln!("{one_line} on one line, {broken} broken, {refused} refused");
        assert!(
            one_line > 1000 && broken > 3000 && refused > 100,
            "{one_line} on one line, {broken} broken, {refused} refused"
        );
    }
}
