//! Errors the generator reports. Each one names the file, where in it (line and column, and the
//! JSON pointer of the offending node) and what to do about it.

use std::fmt;

/// How many spec errors a report lists; the rest are counted ("... and 12 more").
pub const MAX_REPORTED: usize = 50;

/// Everything that can stop generation. Nothing is written when any of these is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The spec is not valid YAML, or does not have the shape of an OpenAPI document.
    Parse {
        /// The spec's name as given in [`crate::Options::spec_name`].
        file: String,
        /// 1-based line, when the parser knows it.
        line: Option<usize>,
        /// 1-based column, when the parser knows it.
        column: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// The spec parsed but says things the generator cannot turn into code: every problem found
    /// in one run (never empty), one per node, in the order of the text. `Display` lists the
    /// first [`MAX_REPORTED`] and counts the rest.
    Spec(Vec<SpecError>),
    /// The generator produced Rust it could not parse back. This is a bug in the generator.
    Emit {
        /// The output file being formatted.
        file: String,
        /// The parser's message.
        message: String,
    },
}

impl Error {
    /// The spec errors, if this is [`Error::Spec`] (empty otherwise).
    pub fn spec_errors(&self) -> &[SpecError] {
        match self {
            Error::Spec(errors) => errors,
            _ => &[],
        }
    }
}

/// A 1-based position in the spec text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
}

/// A problem at one node of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The spec's name.
    pub file: String,
    /// JSON pointer of the offending node (`#/paths/~1v5~1{project_id}~1common~1task/post`).
    pub pointer: String,
    /// Where that node is in the text: its key (or the node, or its nearest ancestor in the
    /// text), when known. Filled in by [`crate::lower_spec`] from the pointer.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl SpecError {
    /// An error at `pointer` in `file`, without a position (filled in later) or hint.
    pub fn new(file: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        SpecError {
            file: file.to_string(),
            pointer: pointer.into(),
            position: None,
            message: message.into(),
            hint: None,
        }
    }

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Parse {
                file,
                line,
                column,
                message,
            } => {
                write!(f, "{file}")?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                    if let Some(column) = column {
                        write!(f, ":{column}")?;
                    }
                }
                write!(f, ": cannot parse the spec: {message}")
            }
            Error::Spec(errors) => {
                for (i, e) in errors.iter().take(MAX_REPORTED).enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    e.fmt(f)?;
                }
                if errors.len() > MAX_REPORTED {
                    write!(f, "\n... and {} more", errors.len() - MAX_REPORTED)?;
                }
                if errors.len() > 1 {
                    write!(f, "\n{} errors in the spec", errors.len())?;
                }
                Ok(())
            }
            Error::Emit { file, message } => write!(
                f,
                "internal generator error while formatting {file}: {message} (please report this)"
            ),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(at) = self.position {
            write!(f, ":{}:{}", at.line, at.column)?;
        }
        write!(f, ": at {}: {}", self.pointer, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
impl std::error::Error for SpecError {}

impl From<SpecError> for Error {
    fn from(e: SpecError) -> Self {
        Error::Spec(vec![e])
    }
}

impl From<Vec<SpecError>> for Error {
    fn from(errors: Vec<SpecError>) -> Self {
        Error::Spec(errors)
    }
}

/// Escapes one JSON pointer token (RFC 6901): `~` -> `~0`, `/` -> `~1`.
pub fn pointer_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    push_pointer_token(&mut out, token);
    out
}

/// `base/token`, the JSON pointer of a child node, with the token escaped as in
/// [`pointer_token`]. Checks build one for every node they visit, so it allocates once.
pub fn child_pointer(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + 1 + token.len());
    out.push_str(base);
    out.push('/');
    push_pointer_token(&mut out, token);
    out
}

fn push_pointer_token(out: &mut String, token: &str) {
    if !token.contains(['~', '/']) {
        out.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// The candidate closest to `word` when it is close enough to be what was meant (a typo: a few
/// letters added, dropped, changed or swapped, or another case), for "did you mean" hints.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == word {
            continue;
        }
        let d = distance(&lower, &c.to_lowercase());
        // One edit per four characters of the longer word, at least one.
        let allowed = (word.chars().count().max(c.chars().count()) / 4).max(1);
        if d <= allowed && best.map_or(true, |(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// neighbours, each counting one.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows i-2, i-1 and i of the table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::{
        child_pointer, closest, distance, pointer_token, Error, Position, SpecError, MAX_REPORTED,
    };

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(pointer_token("plain"), "plain");
        assert_eq!(pointer_token("~a/b~/"), "~0a~1b~0~1");
        assert_eq!(child_pointer("#/paths", "/v1/{id}"), "#/paths/~1v1~1{id}");
        assert_eq!(child_pointer("#", "~"), "#/~0");
    }

    #[test]
    fn a_report_lists_the_first_errors_with_positions_and_counts_the_rest() {
        let errors: Vec<SpecError> = (0..MAX_REPORTED + 3)
            .map(|i| SpecError {
                position: Some(Position {
                    line: i + 1,
                    column: 3,
                }),
                ..SpecError::new("s.yaml", format!("#/a/{i}"), "bad").with_hint("fix it")
            })
            .collect();
        let shown = Error::Spec(errors).to_string();
        let listed: Vec<&str> = shown.lines().filter(|l| l.starts_with("s.yaml:")).collect();
        assert_eq!(listed.len(), MAX_REPORTED, "{shown}");
        assert_eq!(listed[1], "s.yaml:2:3: at #/a/1: bad");
        assert!(shown.contains("\n  hint: fix it\n"), "{shown}");
        assert!(shown.ends_with(&format!(
            "\n... and 3 more\n{} errors in the spec",
            MAX_REPORTED + 3
        )));
        // One error: no count.
        let one = Error::from(SpecError::new("s.yaml", "#/b", "bad"));
        assert_eq!(one.to_string(), "s.yaml: at #/b: bad");
    }

    #[test]
    fn distances() {
        assert_eq!(distance("maxlenght", "maxlength"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("same", "same"), 0);
    }

    #[test]
    fn suggestions_only_when_close() {
        let keys = ["maxLength", "minLength", "pattern", "type"];
        assert_eq!(closest("maxLenght", keys), Some("maxLength"));
        assert_eq!(closest("maxlength", keys), Some("maxLength"));
        assert_eq!(closest("minLenght", keys), Some("minLength"));
        assert_eq!(closest("typo", keys), Some("type"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(
            closest("x-amazon-apigateway", ["x-crate", "x-client"]),
            None
        );
        assert_eq!(
            closest("x-enum-description", ["x-enum-descriptions", "x-crate"]),
            Some("x-enum-descriptions")
        );
    }
}
