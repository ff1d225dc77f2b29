//! The check report as Markdown (for a pull request, in the style of `cargo xtask diff`) and as
//! JSON (for tools).

use super::compare::{Finding, Report};
use std::fmt::Write;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

fn code(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("`{}`", s.replace('`', "'"))
    }
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("   {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(90).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

impl Report {
    /// The JSON report: `{spec, pages, findings: [...], not_stated: [...]}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// The Markdown report.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = self.write_markdown(&mut out);
        out
    }

    fn write_markdown(&self, out: &mut String) -> std::fmt::Result {
        writeln!(out, "## Doc page check\n")?;
        writeln!(out, "**Spec:** `{}`\n", self.spec)?;
        writeln!(out, "| page | capture | operation |\n|---|---|---|")?;
        for p in &self.pages {
            writeln!(
                out,
                "| `{}` | {} | `{}` · `{}` |",
                p.file, p.capture, p.operation, p.endpoint
            )?;
        }
        writeln!(out)?;
        let undecided: Vec<&Finding> = self.undecided().collect();
        let decided: Vec<&Finding> = self.findings.iter().filter(|f| f.decided()).collect();
        if undecided.is_empty() {
            writeln!(
                out,
                "**No undecided drift**: the spec says what the pages say ({} decided difference(s), {} thing(s) the pages cannot state).\n",
                decided.len(),
                self.not_stated.len()
            )?;
        } else {
            writeln!(
                out,
                "**{} undecided finding(s)**: carry each into the spec (the suggested YAML), or record it as decided in `x-doc-decisions` at the node named (see spec/README.md).\n",
                undecided.len()
            )?;
            let mut ops: Vec<&str> = undecided.iter().map(|f| f.operation.as_str()).collect();
            ops.dedup();
            let mut n = 0;
            for op in ops {
                writeln!(out, "### Operation `{op}`\n")?;
                writeln!(
                    out,
                    "| # | Kind | Where | Page says | Spec says |\n|---|---|---|---|---|"
                )?;
                let these: Vec<&&Finding> =
                    undecided.iter().filter(|f| f.operation == op).collect();
                for (i, f) in these.iter().enumerate() {
                    writeln!(
                        out,
                        "| {} | {} | {} | {} | {} |",
                        n + i + 1,
                        f.kind.code(),
                        cell(&format!("`{}`<br>`{}`", f.location, f.pointer)),
                        cell(&format!(
                            "{} ({}:{})",
                            code(&short(&f.page)),
                            f.page_file,
                            f.page_line
                        )),
                        cell(&code(&short(&f.spec))),
                    )?;
                }
                writeln!(
                    out,
                    "\n<details><summary>Suggested YAML changes</summary>\n"
                )?;
                for (i, f) in these.iter().enumerate() {
                    writeln!(
                        out,
                        "{}. at `{}`:\n\n   ```yaml\n{}\n   ```\n",
                        n + i + 1,
                        f.pointer,
                        indent(&f.suggestion)
                    )?;
                }
                writeln!(out, "</details>\n")?;
                n += these.len();
            }
        }
        if !decided.is_empty() {
            writeln!(out, "### Decided differences\n")?;
            writeln!(
                out,
                "Recorded in the spec's `x-doc-decisions`; they do not fail the check.\n"
            )?;
            writeln!(
                out,
                "| Kind | Where | Page says | Reason |\n|---|---|---|---|"
            )?;
            for f in decided {
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    f.kind.code(),
                    cell(&code(&f.location)),
                    cell(&format!(
                        "{} ({}:{})",
                        code(&short(&f.page)),
                        f.page_file,
                        f.page_line
                    )),
                    cell(f.reason.as_deref().unwrap_or("")),
                )?;
            }
            writeln!(out)?;
        }
        if !self.unused_decisions.is_empty() {
            writeln!(out, "### Decisions no finding needs\n")?;
            writeln!(out, "The page now says what the spec says (or the decision names another page text): remove the entry, or fix it.\n")?;
            writeln!(out, "| Where | Kind | Name | Reason |\n|---|---|---|---|")?;
            for d in &self.unused_decisions {
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    cell(&code(&d.pointer)),
                    d.kind,
                    cell(&code(d.name.as_deref().unwrap_or(""))),
                    cell(&d.reason)
                )?;
            }
            writeln!(out)?;
        }
        if !self.not_stated.is_empty() {
            writeln!(out, "### Not stated on the page\n")?;
            writeln!(
                out,
                "What the spec says and the page cannot (never drift).\n"
            )?;
            writeln!(out, "| Where | What | Why | Spec says |\n|---|---|---|---|")?;
            for n in &self.not_stated {
                writeln!(
                    out,
                    "| {} | {} | {} ({}:{}) | {} |",
                    cell(&code(&n.location)),
                    n.what,
                    n.why,
                    n.page_file,
                    n.page_line,
                    cell(&code(&short(&n.spec)))
                )?;
            }
            writeln!(out)?;
        }
        Ok(())
    }
}
