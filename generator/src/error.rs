//! Errors the generator reports. Each one names the file, where in it (line and column, or the JSON
//! pointer of the offending node) and what to do about it.

use std::fmt;

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
    /// The spec parsed but says something the generator cannot turn into code.
    Spec(SpecError),
    /// The generator produced Rust it could not parse back. This is a bug in the generator.
    Emit {
        /// The output file being formatted.
        file: String,
        /// The parser's message.
        message: String,
    },
}

/// A problem at one node of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The spec's name.
    pub file: String,
    /// JSON pointer of the offending node (`#/paths/~1v5~1{project_id}~1common~1task/post`).
    pub pointer: String,
    /// 1-based line of that node (or of its nearest ancestor in the text), when known. Filled in
    /// by [`crate::lower_spec`] from the pointer.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
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
            Error::Spec(e) => e.fmt(f),
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
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
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
        Error::Spec(e)
    }
}

/// Escapes one JSON pointer token (RFC 6901): `~` -> `~0`, `/` -> `~1`.
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
