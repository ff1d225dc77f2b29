//! The error of a builder's `build`: required fields that were never set.
//!
//! Every generated struct and request type has a builder (`Type::builder()`), with one setter per
//! field, named like the field. `build` checks that every required field was set and names all
//! the missing ones at once, by their names on the wire. It never shows a value.

use std::fmt;

/// A builder's `build` was called before every required field was set.
///
/// `Display` names the type and every missing field, e.g.
/// ``CreateTaskRequestBody: missing required fields `task_type`, `task_name` ``. Converts into
/// [`Error::Build`](super::Error::Build), so `?` works in a function returning the crate's
/// `Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    /// The error of `type_name`'s builder: `fields` lists each required field by its wire name
    /// with whether it is missing; the missing ones are kept, in the order given.
    pub fn missing(type_name: &'static str, fields: &[(&'static str, bool)]) -> Self {
        BuildError {
            type_name,
            missing: fields
                .iter()
                .filter(|(_, missing)| *missing)
                .map(|(name, _)| *name)
                .collect(),
        }
    }

    /// The name of the type whose builder failed (`CreateTaskRequestBody`).
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The wire names of the required fields that were not set, in declaration order.
    pub fn missing_fields(&self) -> &[&'static str] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.missing.len() == 1 { "" } else { "s" };
        write!(f, "{}: missing required field{plural} ", self.type_name)?;
        for (i, name) in self.missing.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}
