//! Client-side validation: the error type and the checks the generated `validate()` methods call.
//!
//! Every request type of the generated crate has a `validate()` method that checks every
//! constraint the spec states (lengths, item counts, ranges, allowed values, patterns and
//! conditional requirements) and reports all violations together as [`ValidationErrors`]. Each
//! [`Violation`] carries the path of the offending value (`body.scan_info.id_list[3]`,
//! `query.page_size`, `path.tenant_id`, `header.X-Region`) and the [`Rule`] it breaks, with the
//! limit and what was found. [`Rule`] is an enum, so code can match on it; `Display` gives one readable line
//! per violation.
//!
//! The checks are free functions taking a [`Path`]: a chain of borrowed segments built on the
//! stack while descending into a value. A path is formatted into a `String` only when a violation
//! is recorded, so validating a valid request allocates nothing. No check panics, whatever the
//! input.
//!
//! Secrets (credential values such as a token) are checked with [`validate_secret`], whose errors
//! report the length of the value and never the value itself.

use std::cmp::Ordering;
use std::fmt;

/// How many characters of an offending string value a message shows before cutting it short.
const SHOWN_CHARS: usize = 64;

/// How many characters of an offending string value a [`Violation`] keeps; a longer value is
/// cut there and ends with `…`.
pub const KEPT_CHARS: usize = 256;

/// How many violations `Display` of [`ValidationErrors`] lists; the rest is counted
/// (`... and 12 more violations`). All of them stay available through [`ValidationErrors::iter`].
pub const MAX_DISPLAYED_VIOLATIONS: usize = 100;

/// All the violations found in one value, in the order they were found (field order of the
/// spec; parameters before the body).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether no violation was found.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// The number of violations.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// The violations, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }

    /// The violations as a slice.
    pub fn as_slice(&self) -> &[Violation] {
        &self.violations
    }

    /// Records a violation of `rule` by the value at `path` (the path is formatted here, and
    /// only here).
    pub fn push(&mut self, path: &Path<'_>, rule: Rule) {
        self.violations.push(Violation {
            path: path.to_string(),
            rule,
        });
    }

    /// Adds an already built violation.
    pub fn push_violation(&mut self, violation: Violation) {
        self.violations.push(violation);
    }

    /// `Ok(())` when empty, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for ValidationErrors {
    /// One line per violation (`body.kind: value "x" is not one of ["a", "b"]`), the first
    /// [`MAX_DISPLAYED_VIOLATIONS`] of them, then how many more there are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.violations.is_empty() {
            return f.write_str("no validation errors");
        }
        for (i, violation) in self
            .violations
            .iter()
            .take(MAX_DISPLAYED_VIOLATIONS)
            .enumerate()
        {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{violation}")?;
        }
        let more = self.violations.len().saturating_sub(MAX_DISPLAYED_VIOLATIONS);
        if more > 0 {
            write!(f, "\n... and {more} more violation{}", if more == 1 { "" } else { "s" })?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

/// One broken rule: where, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Where the offending value is: `body.scan_info.id_list[3]`, `query.page_size`,
    /// `path.tenant_id`, `header.X-Region`. Parameters are named by their wire name. The path
    /// of a type validated on its own (`Struct::validate`) starts at its fields (`id_list[3]`).
    pub path: String,
    /// The rule, with its limit and what was found.
    pub rule: Rule,
}

impl Violation {
    /// A violation at `path`.
    pub fn new(path: impl Into<String>, rule: Rule) -> Self {
        Violation {
            path: path.into(),
            rule,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "value"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.rule)
    }
}

/// A rule of the spec, with its limit and what the value had instead.
///
/// Lengths count characters (Unicode scalar values), not bytes.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// `minLength`: the string has fewer characters than allowed.
    MinLength {
        /// The least number of characters allowed.
        min: u64,
        /// The number of characters found.
        actual: u64,
    },
    /// `maxLength`: the string has more characters than allowed.
    MaxLength {
        /// The greatest number of characters allowed.
        max: u64,
        /// The number of characters found.
        actual: u64,
    },
    /// `minItems`: the array has fewer items than allowed.
    MinItems {
        /// The least number of items allowed.
        min: u64,
        /// The number of items found.
        actual: u64,
    },
    /// `maxItems`: the array has more items than allowed.
    MaxItems {
        /// The greatest number of items allowed.
        max: u64,
        /// The number of items found.
        actual: u64,
    },
    /// `minProperties`: the object (or map) has fewer properties than allowed.
    MinProperties {
        /// The least number of properties allowed.
        min: u64,
        /// The number of properties found.
        actual: u64,
    },
    /// `maxProperties`: the object (or map) has more properties than allowed.
    MaxProperties {
        /// The greatest number of properties allowed.
        max: u64,
        /// The number of properties found.
        actual: u64,
    },
    /// An additional property (an entry of a struct's `additional_properties` map) named like a
    /// declared property: it would be written twice. Set the field instead.
    DeclaredProperty,
    /// `oneOf`/`anyOf`: the value is none of the alternatives (a union's `Unknown(..)`, which is
    /// accepted in responses but never sent).
    Alternatives {
        /// The names of the alternatives.
        allowed: &'static [&'static str],
    },
    /// `minimum` (with `exclusiveMinimum`): the number is too small.
    Minimum {
        /// The limit.
        min: Number,
        /// Whether the limit itself is excluded.
        exclusive: bool,
        /// The value found.
        actual: Number,
    },
    /// `maximum` (with `exclusiveMaximum`): the number is too large.
    Maximum {
        /// The limit.
        max: Number,
        /// Whether the limit itself is excluded.
        exclusive: bool,
        /// The value found.
        actual: Number,
    },
    /// `multipleOf`: the number is not a multiple of the factor.
    MultipleOf {
        /// The factor.
        factor: Number,
        /// The value found.
        actual: Number,
    },
    /// A number that JSON cannot carry (NaN or an infinity).
    NotFinite {
        /// The value found.
        actual: f64,
    },
    /// `pattern`: the string does not match the regular expression (or the expression could not
    /// be compiled, in which case no value can be checked and every value is reported).
    Pattern {
        /// The regular expression as written in the spec.
        pattern: &'static str,
        /// The value found (at most [`KEPT_CHARS`] characters, `…` after a cut); `None` for a
        /// secret, whose value is never reported.
        actual: Option<String>,
    },
    /// `enum`: a string value the spec does not list (for instance an enum's `Unknown(..)`
    /// catch-all, which is accepted in responses but never sent).
    Enum {
        /// The values the spec allows.
        allowed: &'static [&'static str],
        /// The value found (at most [`KEPT_CHARS`] characters, `…` after a cut).
        actual: String,
    },
    /// `enum` over integers: a value the spec does not list.
    IntEnum {
        /// The values the spec allows.
        allowed: &'static [i64],
        /// The value found.
        actual: i64,
    },
    /// A required value is missing (for a parameter the client configuration may supply: neither
    /// the request nor the configuration gives it).
    Required,
    /// A required parameter the client configuration supplies: neither the request nor the
    /// client's setting gives it. The message names where the value can come from.
    RequiredSetting {
        /// The client setting (also the name of its `ClientBuilder` method).
        setting: &'static str,
        /// The environment variables `ClientBuilder::from_env` reads the setting from.
        env: &'static [&'static str],
    },
    /// `x-required-when`: the value is missing although another field has a value that makes it
    /// required.
    RequiredWhen {
        /// The wire name of the field the condition looks at (a sibling of the missing field).
        field: &'static str,
        /// The value that field has (as on the wire, without quotes).
        value: &'static str,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::MinLength { min, actual } => {
                write!(
                    f,
                    "length {actual}, expected at least {}",
                    counted(*min, "character")
                )
            }
            Rule::MaxLength { max, actual } => {
                write!(
                    f,
                    "length {actual}, expected at most {}",
                    counted(*max, "character")
                )
            }
            Rule::MinItems { min, actual } => {
                write!(f, "{}, expected at least {min}", counted(*actual, "item"))
            }
            Rule::MaxItems { max, actual } => {
                write!(f, "{}, expected at most {max}", counted(*actual, "item"))
            }
            Rule::MinProperties { min, actual } => {
                write!(f, "{}, expected at least {min}", properties_counted(*actual))
            }
            Rule::MaxProperties { max, actual } => {
                write!(f, "{}, expected at most {max}", properties_counted(*actual))
            }
            Rule::DeclaredProperty => {
                f.write_str("is a declared property: set the field, not an additional property")
            }
            Rule::Alternatives { allowed } => {
                write!(f, "value is none of the alternatives [{}]", allowed.join(", "))
            }
            Rule::Minimum {
                min,
                exclusive,
                actual,
            } => {
                let bound = if *exclusive { "more than" } else { "at least" };
                write!(f, "value {actual}, expected {bound} {min}")
            }
            Rule::Maximum {
                max,
                exclusive,
                actual,
            } => {
                let bound = if *exclusive { "less than" } else { "at most" };
                write!(f, "value {actual}, expected {bound} {max}")
            }
            Rule::MultipleOf { factor, actual } => {
                write!(f, "value {actual}, expected a multiple of {factor}")
            }
            Rule::NotFinite { actual } => {
                write!(f, "value {actual}, expected a finite number")
            }
            Rule::Pattern { pattern, actual } => {
                match actual {
                    Some(actual) => write!(f, "value {}", Shown(actual))?,
                    None => f.write_str("value (not shown)")?,
                }
                write!(f, " does not match the pattern {pattern:?}")
            }
            Rule::Enum { allowed, actual } => {
                write!(f, "value {} is not one of [", Shown(actual))?;
                for (i, value) in allowed.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{value:?}")?;
                }
                f.write_str("]")
            }
            Rule::IntEnum { allowed, actual } => {
                write!(f, "value {actual} is not one of [")?;
                for (i, value) in allowed.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{value}")?;
                }
                f.write_str("]")
            }
            Rule::Required => f.write_str("required, but missing"),
            Rule::RequiredSetting { setting, env } => write!(
                f,
                "required, but missing: set it on the request, or configure the client with {}",
                super::client::setting_sources(setting, env)
            ),
            Rule::RequiredWhen { field, value } => {
                write!(f, "required when {field} is {value}, but missing")
            }
        }
    }
}

/// `1 item`, `2 items`.
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `1 property`, `2 properties`.
fn properties_counted(n: u64) -> String {
    if n == 1 {
        "1 property".to_owned()
    } else {
        format!("{n} properties")
    }
}

/// An offending string value as a violation keeps it: at most [`KEPT_CHARS`] characters, and
/// `…` after a cut.
fn kept(value: &str) -> String {
    match value.char_indices().nth(KEPT_CHARS) {
        None => value.to_owned(),
        Some((cut, _)) => format!("{}…", &value[..cut]),
    }
}

/// A string value in a message: quoted and escaped, cut short after [`SHOWN_CHARS`] characters.
struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(SHOWN_CHARS) {
            None => write!(f, "{:?}", self.0),
            Some((cut, _)) => {
                let count = self.0.chars().count();
                write!(f, "{:?}... (", &self.0[..cut])?;
                // A value cut by `kept` says so; its length is unknown here.
                if count == KEPT_CHARS + 1 && self.0.ends_with('…') {
                    write!(f, "more than {KEPT_CHARS} characters)")
                } else {
                    write!(f, "{count} characters)")
                }
            }
        }
    }
}

/// A number in a rule: integers are kept exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
}

impl Number {
    /// Compares two numbers exactly (an `i64` is not rounded to `f64`); `None` when either is NaN.
    pub fn compare(self, other: Number) -> Option<Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            (Number::Float(a), Number::Float(b)) => a.partial_cmp(&b),
            (Number::Int(a), Number::Float(b)) => compare_int_float(a, b),
            (Number::Float(a), Number::Int(b)) => compare_int_float(b, a).map(Ordering::reverse),
        }
    }

    /// Whether the number is finite (integers always are).
    pub fn is_finite(self) -> bool {
        match self {
            Number::Int(_) => true,
            Number::Float(x) => x.is_finite(),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

/// Compares an `i64` with an `f64` without rounding the integer.
fn compare_int_float(a: i64, b: f64) -> Option<Ordering> {
    // 2^63: the first float above every i64.
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if b.is_nan() {
        return None;
    }
    if b >= TWO_POW_63 {
        return Some(Ordering::Less);
    }
    if b < -TWO_POW_63 {
        return Some(Ordering::Greater);
    }
    // Here -2^63 <= b < 2^63, so its integer part is an exact i64.
    let whole = b.trunc();
    let fraction = b - whole;
    match a.cmp(&(whole as i64)) {
        Ordering::Equal if fraction > 0.0 => Some(Ordering::Less),
        Ordering::Equal if fraction < 0.0 => Some(Ordering::Greater),
        other => Some(other),
    }
}

/// Where a value is, as a chain of segments borrowed from the stack. Cheap to build (no
/// allocation); formatted only when a violation is recorded.
///
/// Displayed as `body.image_info[3].image_name`: field names joined with `.`, indexes in `[]`.
/// A field name that would make the path ambiguous (it contains `.`, `[`, `]` or `"`, or is
/// empty) is written as `["a.b"]`.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    /// The start of a path of a value validated on its own: displays as nothing.
    Root,
    /// A named field (or the location prefix: `body`, `query`, `path`, `header`).
    Field(&'static str),
    /// An array index.
    Index(usize),
    /// A key of a map (`additionalProperties`): displayed like a field name.
    Key(&'a str),
}

impl Path<'static> {
    /// The empty path: a value validated on its own; its fields display as `name`.
    pub const fn root() -> Self {
        Path {
            parent: None,
            segment: Segment::Root,
        }
    }

    /// A path starting with `name` (`body`, `query`, `path`, `header`).
    pub const fn named(name: &'static str) -> Self {
        Path {
            parent: None,
            segment: Segment::Field(name),
        }
    }
}

impl<'a> Path<'a> {
    /// The path of the field `name` of the value at this path.
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    /// The path of the item `index` of the array at this path.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// The path of the value at `key` of the map at this path (`labels.env`, or
    /// `labels["a.b"]` for a key that would make the path ambiguous).
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    fn is_root(&self) -> bool {
        matches!(self.segment, Segment::Root) && self.parent.is_none()
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let after_root = match self.parent {
            Some(parent) => {
                write!(f, "{parent}")?;
                parent.is_root()
            }
            None => true,
        };
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Index(i) => write!(f, "[{i}]"),
            Segment::Field(name) | Segment::Key(name) => {
                let plain = !name.is_empty() && !name.contains(['.', '[', ']', '"']);
                if !plain {
                    write!(f, "[{name:?}]")
                } else if after_root {
                    f.write_str(name)
                } else {
                    write!(f, ".{name}")
                }
            }
        }
    }
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// `minLength` and `maxLength` (either may be `None`): counts characters, not bytes, and counts
/// them only when the byte length leaves the answer open.
#[inline]
pub fn length(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
) {
    let bytes = to_u64(value.len());
    // A character takes 1 to 4 bytes in UTF-8, so the character count lies in
    // [ceil(bytes / 4), bytes].
    let surely_long_enough = match min {
        Some(min) => bytes.div_ceil(4) >= min,
        None => true,
    };
    let surely_short_enough = match max {
        Some(max) => bytes <= max,
        None => true,
    };
    if surely_long_enough && surely_short_enough {
        return;
    }
    let actual = to_u64(value.chars().count());
    if let Some(min) = min {
        if actual < min {
            errors.push(path, Rule::MinLength { min, actual });
        }
    }
    if let Some(max) = max {
        if actual > max {
            errors.push(path, Rule::MaxLength { max, actual });
        }
    }
}

/// `minItems` and `maxItems` (either may be `None`) for an array of `len` items.
#[inline]
pub fn items(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    len: usize,
    min: Option<u64>,
    max: Option<u64>,
) {
    let actual = to_u64(len);
    if let Some(min) = min {
        if actual < min {
            errors.push(path, Rule::MinItems { min, actual });
        }
    }
    if let Some(max) = max {
        if actual > max {
            errors.push(path, Rule::MaxItems { max, actual });
        }
    }
}

/// `minProperties` and `maxProperties` (either may be `None`) for an object or map with `len`
/// properties.
#[inline]
pub fn properties(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    len: usize,
    min: Option<u64>,
    max: Option<u64>,
) {
    let actual = to_u64(len);
    if let Some(min) = min {
        if actual < min {
            errors.push(path, Rule::MinProperties { min, actual });
        }
    }
    if let Some(max) = max {
        if actual > max {
            errors.push(path, Rule::MaxProperties { max, actual });
        }
    }
}

/// Reports an additional property named like a declared one (`declared`: the struct's property
/// names).
#[inline]
pub fn additional_key(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    key: &str,
    declared: &'static [&'static str],
) {
    if declared.contains(&key) {
        errors.push(&path.key(key), Rule::DeclaredProperty);
    }
}

/// Reports a union value that is none of its alternatives.
#[inline]
pub fn alternatives(errors: &mut ValidationErrors, path: &Path<'_>, allowed: &'static [&'static str]) {
    errors.push(path, Rule::Alternatives { allowed });
}

/// The discriminator of a union value (at `path`): the value of its `property` (`None` when
/// missing) must be one of `allowed`, the values that select the variant it is.
#[inline]
pub fn discriminator(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    property: &'static str,
    actual: Option<&str>,
    allowed: &'static [&'static str],
) {
    let path = &path.field(property);
    match actual {
        None => errors.push(path, Rule::Required),
        Some(actual) if !allowed.contains(&actual) => errors.push(
            path,
            Rule::Enum {
                allowed,
                actual: kept(actual),
            },
        ),
        Some(_) => {}
    }
}

/// `minimum`, with `exclusiveMinimum` when `exclusive`. A non-finite value is left to
/// [`finite`].
#[inline]
pub fn minimum(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    actual: Number,
    min: Number,
    exclusive: bool,
) {
    if !actual.is_finite() {
        return;
    }
    let ok = match actual.compare(min) {
        Some(Ordering::Greater) => true,
        Some(Ordering::Equal) => !exclusive,
        Some(Ordering::Less) | None => false,
    };
    if !ok {
        errors.push(
            path,
            Rule::Minimum {
                min,
                exclusive,
                actual,
            },
        );
    }
}

/// `maximum`, with `exclusiveMaximum` when `exclusive`. A non-finite value is left to
/// [`finite`].
#[inline]
pub fn maximum(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    actual: Number,
    max: Number,
    exclusive: bool,
) {
    if !actual.is_finite() {
        return;
    }
    let ok = match actual.compare(max) {
        Some(Ordering::Less) => true,
        Some(Ordering::Equal) => !exclusive,
        Some(Ordering::Greater) | None => false,
    };
    if !ok {
        errors.push(
            path,
            Rule::Maximum {
                max,
                exclusive,
                actual,
            },
        );
    }
}

/// `multipleOf`. Integers are checked exactly; floats up to a relative tolerance of 1e-9 (so
/// that `0.3` is a multiple of `0.1`). A factor that is not positive accepts every value (the
/// spec is invalid, and it is not the request's fault). A non-finite value is left to [`finite`].
#[inline]
pub fn multiple_of(errors: &mut ValidationErrors, path: &Path<'_>, actual: Number, factor: Number) {
    let ok = match (actual, factor) {
        (_, Number::Int(f)) if f <= 0 => true,
        (_, Number::Float(f)) if f.is_nan() || f <= 0.0 => true,
        (Number::Int(a), Number::Int(f)) => !matches!(a.checked_rem(f), Some(r) if r != 0),
        (Number::Float(a), _) if !a.is_finite() => true,
        _ => {
            let a = to_f64(actual);
            let f = to_f64(factor);
            let quotient = a / f;
            quotient.is_finite()
                && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0)
        }
    };
    if !ok {
        errors.push(path, Rule::MultipleOf { factor, actual });
    }
}

fn to_f64(n: Number) -> f64 {
    match n {
        Number::Int(i) => i as f64,
        Number::Float(x) => x,
    }
}

/// A floating-point value must be finite: JSON has no NaN or infinity.
#[inline]
pub fn finite(errors: &mut ValidationErrors, path: &Path<'_>, actual: f64) {
    if !actual.is_finite() {
        errors.push(path, Rule::NotFinite { actual });
    }
}

/// `enum` over strings: `known` is the enum's own verdict (`is_known()`); a value that is not
/// known but spelled like an allowed value is accepted too, since that is what is sent.
#[inline]
pub fn string_enum(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    known: bool,
    actual: &str,
    allowed: &'static [&'static str],
) {
    if known || allowed.contains(&actual) {
        return;
    }
    errors.push(
        path,
        Rule::Enum {
            allowed,
            actual: kept(actual),
        },
    );
}

/// `enum` over integers: like [`string_enum`].
#[inline]
pub fn int_enum(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    known: bool,
    actual: i64,
    allowed: &'static [i64],
) {
    if known || allowed.contains(&actual) {
        return;
    }
    errors.push(path, Rule::IntEnum { allowed, actual });
}

/// `pattern`: `is_match` is the result of the regular expression on `value`, or `None` when the
/// expression could not be compiled (then the value cannot be shown to match, and is reported).
#[inline]
pub fn pattern(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    value: &str,
    pattern: &'static str,
    is_match: Option<bool>,
) {
    if is_match != Some(true) {
        errors.push(
            path,
            Rule::Pattern {
                pattern,
                actual: Some(kept(value)),
            },
        );
    }
}

/// Reports a missing required value.
#[inline]
pub fn required(errors: &mut ValidationErrors, path: &Path<'_>) {
    errors.push(path, Rule::Required);
}

/// Reports a missing required parameter that the client setting `setting` of `service` supplies
/// (as [`Rule::RequiredSetting`], naming the setting's sources; [`Rule::Required`] for a setting
/// the service does not declare).
pub fn required_setting(
    errors: &mut ValidationErrors,
    path: &Path<'_>,
    service: &'static super::service::Service,
    setting: &str,
) {
    let rule = match service.setting(setting) {
        Some(s) => Rule::RequiredSetting {
            setting: s.name,
            env: s.env,
        },
        None => Rule::Required,
    };
    errors.push(path, rule);
}

/// Checks a secret (a token or API key) against its length limits. The errors name the path
/// `{location}.{name}` (`header.X-Api-Key`) and report only the length found, never the value.
pub fn validate_secret(
    location: &'static str,
    name: &'static str,
    value: &str,
    min_length: Option<u64>,
    max_length: Option<u64>,
) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let root = Path::named(location);
    length(&mut errors, &root.field(name), value, min_length, max_length);
    errors.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(check: impl FnOnce(&mut ValidationErrors, &Path<'_>)) -> Vec<Rule> {
        let mut errors = ValidationErrors::new();
        let root = Path::named("body");
        check(&mut errors, &root.field("x"));
        errors.into_iter().map(|v| v.rule).collect()
    }

    #[test]
    fn paths_display() {
        let body = Path::named("body");
        let info = body.field("cluster_scan_info");
        let list = info.field("cluster_id_list");
        assert_eq!(
            list.index(3).to_string(),
            "body.cluster_scan_info.cluster_id_list[3]"
        );
        let root = Path::root();
        let field = root.field("image_info");
        assert_eq!(field.index(0).field("id").to_string(), "image_info[0].id");
        assert_eq!(root.to_string(), "");
        assert_eq!(root.index(2).to_string(), "[2]");
        let header = Path::named("header");
        assert_eq!(
            header.field("X-Api-Token").to_string(),
            "header.X-Api-Token"
        );
        assert_eq!(header.field("a.b").to_string(), "header[\"a.b\"]");
        assert_eq!(root.field("").to_string(), "[\"\"]");
    }

    #[test]
    fn map_keys_display_like_fields_and_property_counts_are_checked() {
        let body = Path::named("body");
        let labels = body.field("labels");
        let key = String::from("env");
        assert_eq!(labels.key(&key).to_string(), "body.labels.env");
        assert_eq!(labels.key("a.b").to_string(), "body.labels[\"a.b\"]");
        assert_eq!(Path::root().key("k").to_string(), "k");
        assert!(collect(|e, p| properties(e, p, 2, Some(1), Some(2))).is_empty());
        assert_eq!(
            collect(|e, p| properties(e, p, 0, Some(1), Some(2))),
            vec![Rule::MinProperties { min: 1, actual: 0 }]
        );
        assert_eq!(
            Rule::MaxProperties { max: 1, actual: 3 }.to_string(),
            "3 properties, expected at most 1"
        );
        assert_eq!(
            Rule::MinProperties { min: 2, actual: 1 }.to_string(),
            "1 property, expected at least 2"
        );
    }

    #[test]
    fn discriminators_and_alternatives() {
        let mut errors = ValidationErrors::new();
        let root = Path::named("body");
        let device = root.field("device");
        discriminator(&mut errors, &device, "kind", Some("disk"), &["disk"]);
        assert!(errors.is_empty());
        discriminator(&mut errors, &device, "kind", Some("nic"), &["disk"]);
        discriminator(&mut errors, &device, "kind", None, &["disk"]);
        alternatives(&mut errors, &device, &["A", "B"]);
        additional_key(&mut errors, &device, "kind", &["kind"]);
        additional_key(&mut errors, &device, "other", &["kind"]);
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "body.device.kind: value \"nic\" is not one of [\"disk\"]",
                "body.device.kind: required, but missing",
                "body.device: value is none of the alternatives [A, B]",
                "body.device.kind: is a declared property: set the field, not an additional property",
            ]
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // Four characters, eight bytes.
        let s = "éééé";
        assert!(collect(|e, p| length(e, p, s, Some(4), Some(4))).is_empty());
        assert_eq!(
            collect(|e, p| length(e, p, s, None, Some(3))),
            vec![Rule::MaxLength { max: 3, actual: 4 }]
        );
        assert_eq!(
            collect(|e, p| length(e, p, s, Some(5), None)),
            vec![Rule::MinLength { min: 5, actual: 4 }]
        );
        // Four-byte characters: 2 characters, 8 bytes.
        let s = "𝄞𝄞";
        assert!(collect(|e, p| length(e, p, s, Some(2), Some(2))).is_empty());
        assert_eq!(
            collect(|e, p| length(e, p, s, Some(3), Some(1))),
            vec![
                Rule::MinLength { min: 3, actual: 2 },
                Rule::MaxLength { max: 1, actual: 2 }
            ]
        );
        assert!(collect(|e, p| length(e, p, "", Some(0), None)).is_empty());
        assert_eq!(
            collect(|e, p| length(e, p, "", Some(1), None)),
            vec![Rule::MinLength { min: 1, actual: 0 }]
        );
    }

    #[test]
    fn items_bounds() {
        assert!(collect(|e, p| items(e, p, 200, Some(0), Some(200))).is_empty());
        assert_eq!(
            collect(|e, p| items(e, p, 201, Some(0), Some(200))),
            vec![Rule::MaxItems {
                max: 200,
                actual: 201
            }]
        );
        assert_eq!(
            collect(|e, p| items(e, p, 0, Some(1), None)),
            vec![Rule::MinItems { min: 1, actual: 0 }]
        );
    }

    #[test]
    fn ranges_inclusive_and_exclusive() {
        let int = Number::Int;
        assert!(collect(|e, p| minimum(e, p, int(0), int(0), false)).is_empty());
        assert_eq!(
            collect(|e, p| minimum(e, p, int(0), int(0), true)),
            vec![Rule::Minimum {
                min: int(0),
                exclusive: true,
                actual: int(0)
            }]
        );
        assert_eq!(
            collect(|e, p| maximum(e, p, int(1001), int(1000), false)),
            vec![Rule::Maximum {
                max: int(1000),
                exclusive: false,
                actual: int(1001)
            }]
        );
        assert!(collect(|e, p| maximum(e, p, int(999), int(1000), true)).is_empty());
        // Mixed: exact comparisons around 2^53 and fractions.
        assert!(collect(|e, p| minimum(e, p, int(1), Number::Float(0.5), false)).is_empty());
        assert_eq!(
            collect(|e, p| minimum(e, p, int(0), Number::Float(0.5), false)).len(),
            1
        );
        let big = (1i64 << 53) + 1;
        assert_eq!(
            Number::Int(big).compare(Number::Float((1i64 << 53) as f64)),
            Some(Ordering::Greater)
        );
        assert_eq!(
            Number::Int(i64::MAX).compare(Number::Float(9.3e18)),
            Some(Ordering::Less)
        );
        assert_eq!(
            Number::Float(-0.5).compare(Number::Int(0)),
            Some(Ordering::Less)
        );
        assert_eq!(
            Number::Float(-0.5).compare(Number::Int(-1)),
            Some(Ordering::Greater)
        );
        assert_eq!(Number::Float(f64::NAN).compare(Number::Int(0)), None);
        // Non-finite values are reported once, by `finite`, not by the range checks.
        assert!(
            collect(|e, p| maximum(e, p, Number::Float(f64::INFINITY), int(1), false)).is_empty()
        );
        assert_eq!(
            collect(|e, p| finite(e, p, f64::NEG_INFINITY)),
            vec![Rule::NotFinite {
                actual: f64::NEG_INFINITY
            }]
        );
        assert!(collect(|e, p| finite(e, p, 1.5)).is_empty());
    }

    #[test]
    fn multiples() {
        let int = Number::Int;
        let float = Number::Float;
        assert!(collect(|e, p| multiple_of(e, p, int(10), int(5))).is_empty());
        assert_eq!(
            collect(|e, p| multiple_of(e, p, int(7), int(5))),
            vec![Rule::MultipleOf {
                factor: int(5),
                actual: int(7)
            }]
        );
        // No overflow panic on i64::MIN % -1, no division by zero.
        assert!(collect(|e, p| multiple_of(e, p, int(i64::MIN), int(-1))).is_empty());
        assert!(collect(|e, p| multiple_of(e, p, int(3), int(0))).is_empty());
        assert!(collect(|e, p| multiple_of(e, p, float(0.3), float(0.1))).is_empty());
        assert_eq!(
            collect(|e, p| multiple_of(e, p, float(0.35), float(0.1))).len(),
            1
        );
        assert!(collect(|e, p| multiple_of(e, p, int(3), float(1.5))).is_empty());
        assert!(collect(|e, p| multiple_of(e, p, float(f64::NAN), int(2))).is_empty());
    }

    #[test]
    fn enums() {
        const ALLOWED: &[&str] = &["cluster_scan", "iac_scan"];
        assert!(collect(|e, p| string_enum(e, p, true, "cluster_scan", ALLOWED)).is_empty());
        // Spelled like a listed value: what is sent is valid.
        assert!(collect(|e, p| string_enum(e, p, false, "iac_scan", ALLOWED)).is_empty());
        assert_eq!(
            collect(|e, p| string_enum(e, p, false, "foo", ALLOWED)),
            vec![Rule::Enum {
                allowed: ALLOWED,
                actual: "foo".to_string()
            }]
        );
        assert_eq!(
            collect(|e, p| int_enum(e, p, false, 7, &[1, 2])),
            vec![Rule::IntEnum {
                allowed: &[1, 2],
                actual: 7
            }]
        );
        assert!(collect(|e, p| int_enum(e, p, false, 2, &[1, 2])).is_empty());
    }

    #[test]
    fn patterns() {
        assert!(collect(|e, p| pattern(e, p, "abc", "^a", Some(true))).is_empty());
        assert_eq!(
            collect(|e, p| pattern(e, p, "xbc", "^a", Some(false))),
            vec![Rule::Pattern {
                pattern: "^a",
                actual: Some("xbc".to_string())
            }]
        );
        // A pattern that did not compile rejects rather than panics.
        assert_eq!(collect(|e, p| pattern(e, p, "abc", "(", None)).len(), 1);
    }

    #[test]
    fn display_is_one_line_per_violation() {
        let mut errors = ValidationErrors::new();
        let body = Path::named("body");
        let info = body.field("cluster_scan_info");
        let list = info.field("cluster_id_list");
        errors.push(
            &list,
            Rule::MaxItems {
                max: 200,
                actual: 201,
            },
        );
        errors.push(
            &list.index(3),
            Rule::MaxLength {
                max: 256,
                actual: 257,
            },
        );
        let query = Path::named("query");
        errors.push(
            &query.field("rate_limit"),
            Rule::Maximum {
                max: Number::Int(1000),
                exclusive: false,
                actual: Number::Int(1001),
            },
        );
        errors.push(
            &body.field("task_type"),
            Rule::Enum {
                allowed: &["cluster_scan", "iac_scan"],
                actual: "foo".to_string(),
            },
        );
        errors.push(
            &body.field("iac_scan_info"),
            Rule::RequiredWhen {
                field: "task_type",
                value: "iac_scan",
            },
        );
        errors.push(&Path::named("path").field("tenant_id"), Rule::Required);
        errors.push(
            &body.field("x"),
            Rule::Minimum {
                min: Number::Int(0),
                exclusive: true,
                actual: Number::Int(0),
            },
        );
        errors.push(
            &body.field("p"),
            Rule::Pattern {
                pattern: "^a+$",
                actual: Some("b\"c".to_string()),
            },
        );
        errors.push(
            &Path::root(),
            Rule::MultipleOf {
                factor: Number::Float(0.5),
                actual: Number::Float(0.7),
            },
        );
        let expected = [
            "body.cluster_scan_info.cluster_id_list: 201 items, expected at most 200",
            "body.cluster_scan_info.cluster_id_list[3]: length 257, expected at most 256 characters",
            "query.rate_limit: value 1001, expected at most 1000",
            "body.task_type: value \"foo\" is not one of [\"cluster_scan\", \"iac_scan\"]",
            "body.iac_scan_info: required when task_type is iac_scan, but missing",
            "path.tenant_id: required, but missing",
            "body.x: value 0, expected more than 0",
            "body.p: value \"b\\\"c\" does not match the pattern \"^a+$\"",
            "value: value 0.7, expected a multiple of 0.5",
        ]
        .join("\n");
        assert_eq!(errors.to_string(), expected);
        assert_eq!(errors.len(), 9);
        assert!(!errors.is_empty());
        assert_eq!(errors.iter().count(), 9);
        assert_eq!(errors.as_slice()[5].path, "path.tenant_id");
    }

    #[test]
    fn long_values_are_cut_short_in_messages() {
        let long = "x".repeat(1000);
        let rule = Rule::Enum {
            allowed: &["a"],
            actual: long,
        };
        let text = rule.to_string();
        assert!(text.len() < 200, "{text}");
        assert!(text.contains("(1000 characters)"), "{text}");
    }

    #[test]
    fn secrets_are_never_echoed() {
        let token = "s3cr3t-".repeat(5000); // 35000 characters
        let errors =
            validate_secret("header", "X-Api-Token", &token, Some(1), Some(32768)).expect_err("too long");
        assert_eq!(
            errors.as_slice(),
            &[Violation::new(
                "header.X-Api-Token",
                Rule::MaxLength {
                    max: 32768,
                    actual: 35000
                }
            )]
        );
        let shown = format!("{errors} {errors:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        let errors = validate_secret("header", "X-Api-Token", "", Some(1), Some(32768)).expect_err("empty");
        assert_eq!(
            errors.to_string(),
            "header.X-Api-Token: length 0, expected at least 1 character"
        );
        assert!(validate_secret("header", "X-Api-Token", "abc", Some(1), Some(32768)).is_ok());
    }

    #[test]
    fn empty_result_is_ok() {
        assert_eq!(ValidationErrors::new().into_result(), Ok(()));
        assert_eq!(ValidationErrors::new().to_string(), "no validation errors");
    }

    #[test]
    fn huge_values_and_many_violations_stay_readable() {
        const ALLOWED: &[&str] = &["a", "b"];
        let huge = "v".repeat(1_000_000);
        let mut errors = ValidationErrors::new();
        string_enum(&mut errors, &Path::named("body").field("kind"), false, &huge, ALLOWED);
        pattern(&mut errors, &Path::named("body").field("name"), &huge, "^a$", Some(false));
        for rule in errors.iter().map(|v| &v.rule) {
            let actual = match rule {
                Rule::Enum { actual, .. } => actual.as_str(),
                Rule::Pattern { actual, .. } => actual.as_deref().unwrap(),
                other => panic!("unexpected {other:?}"),
            };
            assert_eq!(actual.chars().count(), KEPT_CHARS + 1);
            assert!(actual.ends_with('…'));
        }
        assert!(format!("{errors:?}").len() < 4 * KEPT_CHARS, "Debug is not bounded");
        let shown = errors.to_string();
        assert!(shown.contains("more than 256 characters"), "{shown}");
        assert!(shown.len() < 1024, "{shown}");

        // 100,000 violations: Display lists the first ones and counts the rest; code sees all.
        let mut errors = ValidationErrors::new();
        let root = Path::named("body");
        let list = root.field("ids");
        for i in 0..100_000 {
            string_enum(&mut errors, &list.index(i), false, "zzz", ALLOWED);
        }
        assert_eq!(errors.len(), 100_000);
        let shown = errors.to_string();
        assert_eq!(shown.lines().count(), MAX_DISPLAYED_VIOLATIONS + 1);
        assert!(
            shown.ends_with(&format!(
                "... and {} more violations",
                100_000 - MAX_DISPLAYED_VIOLATIONS
            )),
            "{}",
            shown.lines().last().unwrap()
        );
        assert!(shown.len() < 16 * 1024);
        assert!(errors.iter().last().unwrap().path.ends_with("[99999]"));
    }
}
