//! The semver recommendation for the generated crate, from the Rust verdicts of the changes.
//!
//! The recommendation follows what upgrading the generated crate does to Rust code that uses it
//! (the Rust verdicts). The wire verdicts say what the API change does to every deployed client,
//! which happens whether or not anyone upgrades the crate; they are reported next to it, and
//! `--fail-on breaking` gates on them.
//!
//! Mapping, as Cargo's semver compatibility rules have it:
//! - `1.x.y` and later: breaking -> major, additive -> minor, anything else -> patch.
//! - `0.x.y` (x >= 1): breaking -> minor, everything else -> patch.
//! - `0.0.z`: every release is incompatible with the others for Cargo, so every change -> patch.
//!
//! Breaking means [`RustImpact::Breaking`] (may stop compiling) or
//! [`RustImpact::BreakingBehavior`] (compiles, but calls that worked may now fail: stricter
//! validation before sending, a different default region). Both break a `cargo update`.

use super::model::{Report, RustImpact};
use serde::Serialize;
use std::fmt;

/// The overall class of a set of changes, for the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeClass {
    /// No change at all.
    None,
    /// Only changes that need no new API: documentation, relaxed validation.
    Fix,
    /// New API only.
    Feature,
    /// Some change breaks Rust callers at compile or run time.
    Breaking,
}

/// Which part of the version to bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bump {
    /// No release needed.
    None,
    /// `x.y.Z`.
    Patch,
    /// `x.Y.0`.
    Minor,
    /// `X.0.0`.
    Major,
}

impl Bump {
    /// `none`, `patch`, `minor`, `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// How the head's declared `x-crate.version` compares with the recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadVersion {
    /// The head declares the recommended version or a later one.
    Ok,
    /// The head still declares the base's version although a release is recommended.
    NotBumped,
    /// The head declares a newer version, but not enough of a bump.
    TooLow,
    /// The head declares an older version than the base.
    Older,
    /// The head's version cannot be parsed.
    Invalid,
}

/// The recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SemverAdvice {
    /// The version the recommendation starts from (the base's `x-crate.version`).
    pub current: String,
    /// The class of the changes.
    pub class: ChangeClass,
    /// The part of the version to bump.
    pub bump: Bump,
    /// The recommended next version (`current` when no release is needed).
    pub next: String,
    /// Why, in one sentence.
    pub reason: String,
    /// The version the head declares.
    pub head_declares: String,
    /// Whether the head's declared version is enough.
    pub head_status: HeadVersion,
}

/// A version string that is not `MAJOR.MINOR.PATCH` (with optional `-pre` and `+build`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError {
    /// The text that failed to parse.
    pub version: String,
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a semver version (MAJOR.MINOR.PATCH)",
            self.version
        )
    }
}

impl std::error::Error for VersionError {}

/// A parsed version: the three numbers, and whether it had a pre-release part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Version {
    major: u64,
    minor: u64,
    patch: u64,
}

fn parse(text: &str) -> Result<(Version, bool), VersionError> {
    let err = || VersionError {
        version: text.to_string(),
    };
    let core = text.trim().split('+').next().unwrap_or("");
    let (core, pre) = match core.split_once('-') {
        Some((c, p)) if !p.is_empty() => (c, true),
        Some(_) => return Err(err()),
        None => (core, false),
    };
    let mut parts = core.split('.');
    let mut num = || -> Result<u64, VersionError> {
        let p = parts.next().ok_or_else(err)?;
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        p.parse().map_err(|_| err())
    };
    let v = Version {
        major: num()?,
        minor: num()?,
        patch: num()?,
    };
    if parts.next().is_some() {
        return Err(err());
    }
    Ok((v, pre))
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl Report {
    /// The class of all changes together, from their Rust verdicts.
    pub fn change_class(&self) -> ChangeClass {
        let worst = self.changes.iter().map(|c| c.rust).max();
        match worst {
            None => ChangeClass::None,
            Some(r) if r.is_breaking() => ChangeClass::Breaking,
            Some(RustImpact::Additive) => ChangeClass::Feature,
            Some(_) => ChangeClass::Fix,
        }
    }

    /// The recommended next version of the generated crate, starting from `current` (normally
    /// [`Report::base`]'s `crate_version`), and whether the head's declared version is enough.
    pub fn semver(&self, current: &str) -> Result<SemverAdvice, VersionError> {
        let (v, pre) = parse(current)?;
        let class = self.change_class();
        let bump = match (class, v.major, v.minor) {
            (ChangeClass::None, _, _) => Bump::None,
            (_, 0, 0) => Bump::Patch,
            (ChangeClass::Breaking, 0, _) => Bump::Minor,
            (_, 0, _) => Bump::Patch,
            (ChangeClass::Breaking, _, _) => Bump::Major,
            (ChangeClass::Feature, _, _) => Bump::Minor,
            (ChangeClass::Fix, _, _) => Bump::Patch,
        };
        let overflow = || VersionError {
            version: current.to_string(),
        };
        let next = match bump {
            Bump::None => v,
            // A pre-release of x.y.z is released as x.y.z when that is bump enough: skip it.
            Bump::Patch if pre => v,
            Bump::Patch => Version {
                patch: v.patch.checked_add(1).ok_or_else(overflow)?,
                ..v
            },
            Bump::Minor if pre && v.patch == 0 => v,
            Bump::Minor => Version {
                minor: v.minor.checked_add(1).ok_or_else(overflow)?,
                patch: 0,
                ..v
            },
            Bump::Major if pre && v.patch == 0 && v.minor == 0 => v,
            Bump::Major => Version {
                major: v.major.checked_add(1).ok_or_else(overflow)?,
                minor: 0,
                patch: 0,
            },
        };
        let next_text = if bump == Bump::None {
            current.trim().to_string()
        } else {
            next.to_string()
        };
        let n_breaking = self.changes.iter().filter(|c| c.rust.is_breaking()).count();
        let n_additive = self
            .changes
            .iter()
            .filter(|c| c.rust == RustImpact::Additive)
            .count();
        let reason = match class {
            ChangeClass::None => "no API changes".to_string(),
            ChangeClass::Breaking => format!(
                "{n_breaking} change{} break{} Rust callers{}",
                if n_breaking == 1 { "" } else { "s" },
                if n_breaking == 1 { "s" } else { "" },
                match (v.major, v.minor) {
                    (0, 0) => " (0.0.z: every release is breaking, bump the patch)",
                    (0, _) => " (0.x: a breaking change bumps the minor version)",
                    _ => "",
                }
            ),
            ChangeClass::Feature => format!(
                "{n_additive} additive change{}, nothing breaking for Rust callers{}",
                if n_additive == 1 { "" } else { "s" },
                if v.major == 0 {
                    " (0.x: non-breaking changes bump the patch version)"
                } else {
                    ""
                }
            ),
            ChangeClass::Fix => {
                "no Rust API change beyond documentation or relaxed validation".to_string()
            }
        };
        let head_declares = self.head.crate_version.clone();
        let head_status = match parse(&head_declares) {
            Err(_) => HeadVersion::Invalid,
            Ok((h, _)) => {
                if bump == Bump::None || h >= next {
                    if h < v {
                        HeadVersion::Older
                    } else {
                        HeadVersion::Ok
                    }
                } else if h == v {
                    HeadVersion::NotBumped
                } else if h < v {
                    HeadVersion::Older
                } else {
                    HeadVersion::TooLow
                }
            }
        };
        Ok(SemverAdvice {
            current: current.trim().to_string(),
            class,
            bump,
            next: next_text,
            reason,
            head_declares,
            head_status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions() {
        assert_eq!(
            parse("1.2.3").unwrap().0,
            Version {
                major: 1,
                minor: 2,
                patch: 3
            }
        );
        assert!(parse("1.2.3-rc.1+build.5").unwrap().1);
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "a.b.c",
            "1.2.-3",
            "1.2.3-",
            "99999999999999999999.0.0",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
