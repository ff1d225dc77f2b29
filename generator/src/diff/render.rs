//! The report as Markdown (for a pull-request comment) and as JSON (for tools).

use super::model::{Change, Direction, Group, Report, RustImpact, Wire};
use super::semver::{HeadVersion, SemverAdvice};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Counts shown at the top of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// All changes.
    pub changes: usize,
    /// Documentation-only changes among them.
    pub documentation: usize,
    /// Breaking on the wire.
    pub wire_breaking: usize,
    /// Breaking for Rust callers (compile or run time).
    pub rust_breaking: usize,
    /// Additive for Rust callers.
    pub rust_additive: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    base: &'a super::model::Side,
    head: &'a super::model::Side,
    semver: Option<SemverAdvice>,
    semver_error: Option<String>,
    summary: Summary,
    changes: &'a [Change],
    operations: &'a BTreeMap<String, super::model::OperationInfo>,
    type_users: &'a BTreeMap<String, Vec<String>>,
}

impl Report {
    /// The counts of the summary table.
    pub fn summary(&self) -> Summary {
        Summary {
            changes: self.changes.len(),
            documentation: self.changes.iter().filter(|c| c.is_doc()).count(),
            wire_breaking: self
                .changes
                .iter()
                .filter(|c| c.wire == Wire::Breaking)
                .count(),
            rust_breaking: self.changes.iter().filter(|c| c.rust.is_breaking()).count(),
            rust_additive: self
                .changes
                .iter()
                .filter(|c| c.rust == RustImpact::Additive)
                .count(),
        }
    }

    /// The report as pretty-printed JSON: base, head, semver advice, summary, and every change
    /// with its id, kind, group, location, old and new values and both verdicts.
    pub fn to_json(&self) -> String {
        let (semver, semver_error) = match self.semver(&self.base.crate_version) {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(e.to_string())),
        };
        let j = JsonReport {
            base: &self.base,
            head: &self.head,
            semver,
            semver_error,
            summary: self.summary(),
            changes: &self.changes,
            operations: &self.operations,
            type_users: &self.type_users,
        };
        match serde_json::to_string_pretty(&j) {
            Ok(mut s) => {
                s.push('\n');
                s
            }
            Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
        }
    }

    /// The report as Markdown for a pull-request comment.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_markdown(&mut out);
        out
    }

    fn write_markdown(&self, out: &mut String) -> std::fmt::Result {
        writeln!(out, "## API change report\n")?;
        writeln!(
            out,
            "**Base:** `{}` {} (API {}) · **Head:** `{}` {} (API {})\n",
            self.base.crate_name,
            self.base.crate_version,
            self.base.api_version,
            self.head.crate_name,
            self.head.crate_version,
            self.head.api_version
        )?;
        match self.semver(&self.base.crate_version) {
            Ok(s) => {
                if s.bump == super::semver::Bump::None {
                    writeln!(out, "**Semver: no release needed** ({}).\n", s.reason)?;
                } else {
                    writeln!(
                        out,
                        "**Semver: bump the {} version: {} → {}** — {}.\n",
                        s.bump.as_str(),
                        s.current,
                        s.next,
                        s.reason
                    )?;
                }
                match s.head_status {
                    HeadVersion::Ok => {}
                    HeadVersion::NotBumped => writeln!(
                        out,
                        "> **Note:** the head still declares `x-crate.version: {}`; set it to `{}`.\n",
                        s.head_declares, s.next
                    )?,
                    HeadVersion::TooLow => writeln!(
                        out,
                        "> **Note:** the head declares `x-crate.version: {}`, which is not enough: these changes need `{}`.\n",
                        s.head_declares, s.next
                    )?,
                    HeadVersion::Older => writeln!(
                        out,
                        "> **Note:** the head declares `x-crate.version: {}`, older than the base's `{}`.\n",
                        s.head_declares, s.current
                    )?,
                    HeadVersion::Invalid => writeln!(
                        out,
                        "> **Note:** the head's `x-crate.version` (`{}`) is not a semver version.\n",
                        s.head_declares
                    )?,
                }
            }
            Err(e) => writeln!(
                out,
                "**Semver: cannot recommend a version:** the base's x-crate.version {e}.\n"
            )?,
        }
        if self.changes.is_empty() {
            writeln!(out, "No API changes.")?;
            return Ok(());
        }
        let s = self.summary();
        writeln!(out, "| | Changes |\n|---|---:|")?;
        writeln!(out, "| All | {} |", s.changes)?;
        writeln!(out, "| Breaking on the wire | {} |", s.wire_breaking)?;
        writeln!(out, "| Breaking for Rust callers | {} |", s.rust_breaking)?;
        writeln!(out, "| Additive for Rust callers | {} |", s.rust_additive)?;
        writeln!(out, "| Documentation only | {} |\n", s.documentation)?;

        let mut groups: Vec<(&Group, Vec<&Change>)> = Vec::new();
        for c in self.changes.iter().filter(|c| !c.is_doc()) {
            match groups.last_mut() {
                Some((g, v)) if *g == &c.group => v.push(c),
                _ => groups.push((&c.group, vec![c])),
            }
        }
        for (g, changes) in &groups {
            writeln!(out, "### {}\n", self.heading(g))?;
            writeln!(out, "| ID | Change | Wire | Rust |\n|---|---|---|---|")?;
            for c in changes {
                writeln!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    c.id,
                    cell(&format!("`{}`: {}", c.location, c.summary)),
                    cell(&wire_cell(c)),
                    cell(&rust_cell(c))
                )?;
            }
            writeln!(out)?;
        }
        let docs: Vec<&Change> = self.changes.iter().filter(|c| c.is_doc()).collect();
        if !docs.is_empty() {
            writeln!(out, "### Documentation only\n")?;
            writeln!(
                out,
                "No wire or Rust API effect; the generated doc comments change.\n"
            )?;
            writeln!(out, "| ID | Where | Change |\n|---|---|---|")?;
            for c in docs {
                let detail = doc_detail(c);
                writeln!(
                    out,
                    "| `{}` | {} | {} |",
                    c.id,
                    cell(&format!("`{}`", c.location)),
                    cell(&detail)
                )?;
            }
            writeln!(out)?;
        }
        writeln!(out, "<details><summary>How to read this report</summary>\n")?;
        writeln!(out, "- **Wire**: what the change does to clients already deployed, in any language, on the side named (request or response). It happens whether or not anyone upgrades the generated crate.")?;
        writeln!(out, "- **Rust**: what upgrading the generated crate does to code using it. *breaking*: may stop compiling; *breaking at run time*: compiles, but calls that worked may now fail (stricter validation before sending); *additive*: new items only (structs and enums are `#[non_exhaustive]`, enums keep an `Unknown` catch-all); *compatible*: behaviour relaxed; *none*: documentation only.")?;
        writeln!(out, "- **Semver** follows the Rust column (for 0.x versions a breaking change bumps the minor version, anything else the patch).")?;
        writeln!(out, "- **IDs** are the kind's code and a hash of (kind, location, old, new): the same change keeps its ID across edits of the rest of the spec.")?;
        writeln!(out, "\n</details>")?;
        Ok(())
    }

    fn heading(&self, g: &Group) -> String {
        match g {
            Group::Api => "API (crate, client, servers, regions, authentication)".to_string(),
            Group::Operation(id) => match self.operations.get(id) {
                Some(i) => format!(
                    "Operation `{id}` · `{} {}` · `{}()`",
                    i.method, i.path, i.rust_name
                ),
                None => format!("Operation `{id}`"),
            },
            Group::Type(name) => match self.type_users.get(name) {
                Some(users) if !users.is_empty() => {
                    format!("Type `{name}` · used by {}", users.join(", "))
                }
                _ => format!("Type `{name}`"),
            },
        }
    }
}

/// A documentation change in one line (see [`super::wording::doc_detail`]).
fn doc_detail(c: &Change) -> String {
    super::wording::doc_detail(c.kind, &c.summary, c.old.as_deref(), c.new.as_deref())
}

fn wire_cell(c: &Change) -> String {
    let dir = match c.direction {
        Direction::None => String::new(),
        d => format!(" ({})", d.as_str()),
    };
    match c.wire {
        Wire::None => "none".to_string(),
        Wire::Breaking => format!("**breaking**{dir}: {}", c.wire_note),
        Wire::Compatible => format!("compatible{dir}: {}", c.wire_note),
    }
}

fn rust_cell(c: &Change) -> String {
    let label = match c.rust {
        RustImpact::Breaking => "**breaking**",
        RustImpact::BreakingBehavior => "**breaking at run time**",
        RustImpact::Additive => "additive",
        RustImpact::Compatible => "compatible",
        RustImpact::None => "none",
    };
    format!("{label}: {}", c.rust_effect)
}

/// Makes text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}
